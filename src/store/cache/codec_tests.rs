//! The parse cache's codec: articles, chunks and damage.

use super::*;
use crate::article::parse::parse_bytes;
use crate::rules::Rules;
use crate::store::with_story_terms;

/// Appends a chunk to `out`: each file's article (or why it was skipped), the index, and the
/// blocks the articles' packed bodies are in. An article's id, path and origin are not
/// written: they are the file's.
fn encode_chunk<'a>(
    items: impl IntoIterator<Item = Result<&'a Article, &'a str>>,
    index: Option<&BatchIndex>,
    out: &mut Vec<u8>,
) {
    for block in encode_chunk_head(items, index, &mut Vec::new(), out) {
        out.extend_from_slice(block.bytes());
    }
}

/// How many pieces a chunk's head was packed in.
fn pieces(chunk: &[u8]) -> usize {
    let u32_at = |at: usize| u32::from_le_bytes(chunk[at..at + 4].try_into().unwrap()) as usize;
    let end = HEAD + u32_at(8);
    let (mut at, mut count) = (HEAD, 0);
    while at < end {
        at += 8 + u32_at(at + 4);
        count += 1;
    }
    assert_eq!(at, end, "the pieces fill the head exactly");
    count
}

/// Everything the load keeps of an article, to compare two.
fn fields(article: &Article) -> String {
    format!(
        "{}|{}|{}|{}|{}|{:?}|{:?}",
        serde_json::to_string(article).unwrap(),
        article.search_body.with(str::to_string),
        article.search_title,
        article.has_body,
        article.content_hash,
        article.story_terms,
        article.undated_day,
    )
}

fn round_trip(article: &Article) -> Article {
    let mut bytes = Vec::new();
    encode_chunk([Ok(article)], None, &mut bytes);
    let mut chunk = decode_chunk(&bytes).expect("an encoded chunk decodes");
    assert_eq!(chunk.items.len(), 1);
    chunk.items.remove(0).expect("an article")
}

fn parsed(text: &str) -> Article {
    let mut article = parse_bytes(text.as_bytes(), Rules::builtin());
    with_story_terms(&mut article);
    article
}

#[test]
fn the_seeds_come_back_whole() {
    for (_, bytes) in crate::store::SEEDS {
        let mut article = parse_bytes(bytes, Rules::builtin());
        with_story_terms(&mut article);
        assert!(!article.paragraphs.is_empty() && !article.story_terms.is_empty());
        assert_eq!(fields(&round_trip(&article)), fields(&article));
    }
}

#[test]
fn every_field_comes_back() {
    let mut article = parsed(
        "KOMPAS.com\nJudul yang panjang sekali\nPenulis: Ani | Editor: Budi\n\
         JAKARTA, KOMPAS.com - Isi berita pertama.\n\nBaca juga: Sesuatu yang lain\n\nIsi kedua.",
    );
    article.lead = Some("Sebuah pengantar.".into());
    article.section = Some("Internasional".into());
    article.dateline = Some("Pyongyang".into());
    article.sources = thin_vec::thin_vec!["Reuters".into()];
    article.warnings = thin_vec::thin_vec!["read as Windows-1252".into()];
    article.date = Some(ArticleDate {
        year: 2024,
        month: 6,
        day: 19,
        time: Some(TimeOfDay {
            hour: 23,
            minute: 5,
            offset_minutes: -330,
        }),
    });
    article.date_inferred = true;
    article.undated_day = Some((3, 18));
    article.title_derived = true;
    assert!(!article.removed.is_empty() && !article.authors.is_empty());
    assert_eq!(fields(&round_trip(&article)), fields(&article));
    article.drop_body();
    article.date = None;
    article.outlet = None;
    assert_eq!(fields(&round_trip(&article)), fields(&article));
}

#[test]
fn a_chunk_comes_back_with_its_skips_packed_bodies_and_index() {
    let mut articles: Vec<Article> = (0..120)
        .map(|i| {
            parsed(&format!(
                "Judul berita nomor {i}\n\nIsi berita {i}: kim jong-un dan putin bertemu di pyongyang. {}",
                "Kalimat pengisi yang panjang. ".repeat(20 + i)
            ))
        })
        .collect();
    let index = BatchIndex::build(&articles);
    SearchText::pack(articles.iter_mut().map(|a| &mut a.search_body));
    assert!(articles.iter().all(|a| a.search_body.packed().is_some()));
    let items = articles.iter().enumerate().flat_map(|(i, a)| {
        [Ok(a)]
            .into_iter()
            .chain((i % 7 == 3).then_some(Err("binary file; skipped")))
    });
    let mut bytes = Vec::new();
    encode_chunk(items, Some(&index), &mut bytes);
    assert!(pieces(&bytes) > 2, "the head is packed in pieces");
    let chunk = decode_chunk(&bytes).expect("the chunk decodes");
    let mut back = chunk.items.iter();
    for (i, article) in articles.iter().enumerate() {
        let got = back.next().unwrap().as_ref().expect("an article");
        assert_eq!(fields(got), fields(article), "article {i}");
        assert!(got.search_body.packed().is_some());
        if i % 7 == 3 {
            assert_eq!(
                back.next().unwrap().as_ref().unwrap_err(),
                "binary file; skipped"
            );
        }
    }
    assert!(back.next().is_none());
    let sorted = |mut lists: crate::index::BatchLists<'_>| {
        lists.words.sort();
        lists.joined.sort();
        format!("{lists:?}")
    };
    let back = chunk.index.expect("the index");
    assert_eq!(sorted(back.lists()), sorted(index.lists()));
}

#[test]
fn a_cut_lengthened_or_changed_chunk_reads_as_nothing() {
    let article = parsed("Judul\n\nIsi berita yang cukup panjang untuk diuji.");
    let mut bytes = Vec::new();
    encode_chunk([Ok(&article), Err("empty; skipped")], None, &mut bytes);
    for len in 0..bytes.len() {
        assert!(decode_chunk(&bytes[..len]).is_none(), "cut at {len}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(decode_chunk(&longer).is_none());
    for at in 0..bytes.len() {
        let mut changed = bytes.clone();
        changed[at] ^= 1;
        assert!(decode_chunk(&changed).is_none(), "byte {at} changed");
    }
}

proptest::proptest! {
    #[test]
    fn any_parsed_text_comes_back(text in "[A-Za-z0-9 .,:|\\-–\\n]{0,300}") {
        let article = parsed(&text);
        proptest::prop_assert_eq!(fields(&round_trip(&article)), fields(&article));
    }

    /// Bytes that pass the checksum but were not written by `encode_chunk` (a cache
    /// from a faulty build, say) read as nothing or as something, never as a panic.
    #[test]
    fn any_bytes_behind_a_good_checksum_never_panic(
        meta in proptest::collection::vec(proptest::num::u8::ANY, 0..200),
        raw in proptest::collection::vec(proptest::num::u8::ANY, 0..50),
    ) {
        let block = lz4_flex::block::compress(&meta);
        let mut packed = (meta.len() as u32).to_le_bytes().to_vec();
        packed.extend_from_slice(&(block.len() as u32).to_le_bytes());
        packed.extend_from_slice(&block);
        let mut bytes = vec![0; 8];
        bytes.extend_from_slice(&(packed.len() as u32).to_le_bytes());
        bytes.extend_from_slice(&packed);
        bytes.extend_from_slice(&raw);
        let checksum = xxhash_rust::xxh3::xxh3_64(&bytes[8..]);
        bytes[..8].copy_from_slice(&checksum.to_le_bytes());
        let _ = decode_chunk(&bytes);
    }
}

/// Numbers take as few bytes as they need and come back as written, the largest included;
/// more than five bytes, or a fifth byte past `u32`, is damage.
#[test]
fn numbers_come_back_in_as_few_bytes_as_they_need() {
    let values = [0, 1, 127, 128, 300, 16_383, 16_384, 1 << 28, u32::MAX];
    let (mut raw, mut out) = (Vec::new(), Vec::new());
    let mut w = Writer {
        raw: &mut raw,
        out: &mut out,
    };
    for value in values {
        w.u32(value);
    }
    w.fixed_u32(7);
    assert_eq!(raw.len(), 1 + 1 + 1 + 2 + 2 + 2 + 3 + 5 + 5 + 4);
    let mut r = Reader(&raw);
    for value in values {
        assert_eq!(r.u32(), Some(value));
    }
    assert_eq!(r.fixed_u32(), Some(7));
    assert!(r.0.is_empty());
    assert_eq!(Reader(&[0x80; 6]).u32(), None, "six bytes");
    assert_eq!(
        Reader(&[0xff, 0xff, 0xff, 0xff, 0x1f]).u32(),
        None,
        "past u32"
    );
    assert_eq!(Reader(&[0x80]).u32(), None, "cut short");
}
