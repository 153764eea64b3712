//! An article as the parse cache stores it: every field the load makes, in a fixed order,
//! numbers little-endian and texts length-first. Reading checks every length against what is
//! there, so a damaged entry reads as nothing rather than as a wrong article.

use crate::article::dates::TimeOfDay;
use crate::article::search_text::SearchText;
use crate::article::{Article, ArticleDate, Origin, Removed, StoryTerm};
use std::sync::Arc;

/// Appends `article` to `out`. Its id, path and origin are not written: they are the file's.
pub fn encode(article: &Article, out: &mut Vec<u8>) {
    let mut w = Writer(out);
    w.opt_str(article.outlet.as_deref());
    w.str(&article.title);
    w.bool(article.title_derived);
    w.opt_str(article.section.as_deref());
    w.opt_str(article.dateline.as_deref());
    match &article.date {
        None => w.u8(0),
        Some(date) => {
            w.u8(1);
            w.u32(date.year as u32);
            w.u8(date.month);
            w.u8(date.day);
            match date.time {
                None => w.u8(0),
                Some(time) => {
                    w.u8(1);
                    w.u8(time.hour);
                    w.u8(time.minute);
                    w.u32(time.offset_minutes as i32 as u32);
                }
            }
        }
    }
    w.bool(article.date_inferred);
    w.strs(&article.authors);
    w.strs(&article.editors);
    w.strs(&article.sources);
    w.opt_str(article.lead.as_deref());
    w.strs(&article.paragraphs);
    w.u32(article.removed.len() as u32);
    for removed in &article.removed {
        w.str(&removed.rule);
        w.str(&removed.text);
    }
    w.strs(&article.warnings);
    article.search_body.with(|body| w.str(body));
    w.str(&article.search_title);
    w.bool(article.has_body);
    w.u64(article.content_hash);
    w.u32(article.story_terms.len() as u32);
    for term in article.story_terms.iter() {
        let StoryTerm { hash, halves } = *term;
        w.u32(hash);
        w.u32(u32::from(halves));
    }
}

/// Reads an article written by [`encode`], or None when `bytes` do not hold exactly one.
pub fn decode(bytes: &[u8]) -> Option<Article> {
    let mut r = Reader(bytes);
    let outlet = r.opt_string()?.map(Arc::<str>::from);
    let title = r.string()?;
    let title_derived = r.bool()?;
    let section = r.opt_string()?;
    let dateline = r.opt_string()?;
    let date = match r.u8()? {
        0 => None,
        1 => {
            let year = r.u32()? as i32;
            let month = r.u8()?;
            let day = r.u8()?;
            let time = match r.u8()? {
                0 => None,
                1 => Some(TimeOfDay {
                    hour: r.u8()?,
                    minute: r.u8()?,
                    offset_minutes: i16::try_from(r.u32()? as i32).ok()?,
                }),
                _ => return None,
            };
            Some(ArticleDate {
                year,
                month,
                day,
                time,
            })
        }
        _ => return None,
    };
    let date_inferred = r.bool()?;
    let authors = r.strings()?;
    let editors = r.strings()?;
    let sources = r.strings()?;
    let lead = r.opt_string()?;
    let paragraphs = r.strings()?;
    let removed = (0..r.count()?)
        .map(|_| {
            Some(Removed {
                rule: r.string()?,
                text: r.string()?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let warnings = r.strings()?;
    let search_body = SearchText::plain(r.string()?);
    let search_title = r.string()?.into_boxed_str();
    let has_body = r.bool()?;
    let content_hash = r.u64()?;
    let story_terms = (0..r.count()?)
        .map(|_| {
            Some(StoryTerm {
                hash: r.u32()?,
                halves: u16::try_from(r.u32()?).ok()?,
            })
        })
        .collect::<Option<Arc<[StoryTerm]>>>()?;
    if !r.0.is_empty() {
        return None;
    }
    Some(Article {
        id: String::new(),
        path: Default::default(),
        outlet,
        title,
        title_derived,
        section,
        dateline,
        date,
        date_inferred,
        authors,
        editors,
        sources,
        lead,
        paragraphs,
        removed,
        warnings,
        origin: Origin::File,
        search_body,
        search_title,
        has_body,
        content_hash,
        story_terms,
    })
}

struct Writer<'a>(&'a mut Vec<u8>);

impl Writer<'_> {
    fn u8(&mut self, value: u8) {
        self.0.push(value);
    }

    fn bool(&mut self, value: bool) {
        self.u8(u8::from(value));
    }

    fn u32(&mut self, value: u32) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }

    fn u64(&mut self, value: u64) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }

    fn str(&mut self, text: &str) {
        self.u32(text.len() as u32);
        self.0.extend_from_slice(text.as_bytes());
    }

    fn opt_str(&mut self, text: Option<&str>) {
        match text {
            None => self.u8(0),
            Some(text) => {
                self.u8(1);
                self.str(text);
            }
        }
    }

    fn strs(&mut self, texts: &[String]) {
        self.u32(texts.len() as u32);
        for text in texts {
            self.str(text);
        }
    }
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take(&mut self, len: usize) -> Option<&[u8]> {
        let (head, rest) = self.0.split_at_checked(len)?;
        self.0 = rest;
        Some(head)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn bool(&mut self) -> Option<bool> {
        match self.u8()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    /// A count of items that follow, each at least one byte: more than the bytes left is
    /// damage, caught before anything is allocated for them.
    fn count(&mut self) -> Option<usize> {
        let count = self.u32()? as usize;
        (count <= self.0.len()).then_some(count)
    }

    fn string(&mut self) -> Option<String> {
        let len = self.u32()? as usize;
        let bytes = self.take(len)?;
        String::from_utf8(bytes.to_vec()).ok()
    }

    fn opt_string(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.string()?)),
            _ => None,
        }
    }

    fn strings(&mut self) -> Option<Vec<String>> {
        (0..self.count()?).map(|_| self.string()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse::parse_bytes;
    use crate::rules::Rules;
    use crate::store::with_story_terms;

    /// Everything the load keeps of an article, to compare two.
    fn fields(article: &Article) -> String {
        format!(
            "{}|{}|{}|{}|{}|{:?}",
            serde_json::to_string(article).unwrap(),
            article.search_body.with(str::to_string),
            article.search_title,
            article.has_body,
            article.content_hash,
            article.story_terms,
        )
    }

    fn round_trip(article: &Article) -> Article {
        let mut bytes = Vec::new();
        encode(article, &mut bytes);
        decode(&bytes).expect("an encoded article decodes")
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
        article.sources = vec!["Reuters".into()];
        article.warnings = vec!["read as Windows-1252".into()];
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
        article.title_derived = true;
        assert!(!article.removed.is_empty() && !article.authors.is_empty());
        assert_eq!(fields(&round_trip(&article)), fields(&article));
        article.drop_body();
        article.date = None;
        article.outlet = None;
        assert_eq!(fields(&round_trip(&article)), fields(&article));
    }

    #[test]
    fn a_cut_or_lengthened_entry_reads_as_nothing() {
        let article = parsed("Judul\n\nIsi berita yang cukup panjang untuk diuji.");
        let mut bytes = Vec::new();
        encode(&article, &mut bytes);
        for len in 0..bytes.len() {
            assert!(decode(&bytes[..len]).is_none(), "cut at {len}");
        }
        bytes.push(0);
        assert!(decode(&bytes).is_none());
    }

    proptest::proptest! {
        #[test]
        fn any_parsed_text_comes_back(text in "[A-Za-z0-9 .,:|\\-–\\n]{0,300}") {
            let article = parsed(&text);
            proptest::prop_assert_eq!(fields(&round_trip(&article)), fields(&article));
        }

        #[test]
        fn damaged_bytes_never_panic(at in 0usize..400, value in proptest::num::u8::ANY) {
            let article = parsed("KOMPAS.com\nJudul\nPenulis: Ani\n\nIsi berita, 19 Juni 2024.");
            let mut bytes = Vec::new();
            encode(&article, &mut bytes);
            let at = at % bytes.len();
            bytes[at] = value;
            let _ = decode(&bytes);
        }
    }
}
