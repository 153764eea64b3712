//! `warta --list` parses each file only as far as its headline, outlet and date need
//! (`parse_bytes_listed`). Whatever the text, those fields must be the ones a whole parse
//! gives: checked on invented articles built from the pieces that move them (headlines, stamps,
//! datelines with and without an outlet, bylines, boilerplate, signatures and copyright
//! footers at the end, hard-wrapped lines, weekday dates), on the shared corpora when they are
//! there, and through the binary.

use proptest::prelude::*;
use std::path::Path;
use warta::article::Article;
use warta::article::parse::{Searchable, parse_bytes_listed, parse_bytes_with};
use warta::rules::Rules;

/// What a listing prints of an article, and whether it would be skipped.
fn listed_fields(article: &Article) -> (String, Option<String>, Option<String>, bool, bool) {
    let skipped =
        article.paragraphs.is_empty() && article.title.trim().is_empty() && article.lead.is_none();
    (
        article.title.clone(),
        article.outlet.as_deref().map(str::to_string),
        article.date.map(|d| d.to_string()),
        article.date_inferred,
        skipped,
    )
}

fn assert_listed_as_whole(bytes: &[u8], name: &str) {
    let rules = Rules::builtin();
    let whole = parse_bytes_with(bytes, rules, Searchable::No);
    let listed = parse_bytes_listed(bytes, rules);
    assert_eq!(
        listed_fields(&listed),
        listed_fields(&whole),
        "{name}: {}",
        String::from_utf8_lossy(bytes)
    );
}

/// Lines an article's head may open with.
fn head_line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just("JAKARTA, KOMPAS.com - Hujan deras turun sejak Senin (24/6/2024) malam.".to_string()),
        4 => Just("WASHINGTON (Reuters) - The river broke its banks on Tuesday.".to_string()),
        1 => Just("Jakarta (ANTARA) - Hujan deras turun.".to_string()),
        1 => Just("Banjir rendam ribuan rumah di Bekasi".to_string()),
        1 => Just("Floods force thousands from their homes | Reuters".to_string()),
        1 => Just("Berita Internasional".to_string()),
        1 => Just("20 Juni 2024, 08:50 WIB".to_string()),
        1 => Just("Updated: Nov 23, 2023, 08:46 IST".to_string()),
        1 => Just("BEKASI - Hujan deras turun sejak pagi.".to_string()),
        1 => Just("Hong Kong".to_string()),
        1 => Just("CNN".to_string()),
        1 => Just("—".to_string()),
        1 => Just("Penulis: Haryo Jati | Editor: Tito".to_string()),
        1 => Just("Foto: Dok. Istimewa".to_string()),
        1 => Just("Laporan Wartawan Tribunnews.com, Someone Name".to_string()),
        1 => Just("Rabu (19/6/2024) pagi, warga mengungsi.".to_string()),
        1 => "[A-Z][a-z]{2,9}( [a-z]{2,9}){0,6}".prop_map(|s| s),
    ]
}

/// Lines of the body, long and short.
fn body_line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[A-Z][a-z]{2,9}( [a-z]{2,9}){18,45}\\.".prop_map(|s| s),
        1 => "[A-Z][a-z]{2,9}( [a-z]{2,9}){2,8}".prop_map(|s| s),
        1 => Just("Baca juga: Banjir di Demak, ribuan warga mengungsi".to_string()),
        1 => Just("Advertisement".to_string()),
        1 => Just("SCROLL TO CONTINUE WITH CONTENT".to_string()),
        1 => Just("Editor: Someone".to_string()),
        1 => Just("(ant/abc)".to_string()),
        1 => Just("Pada Senin (24/6/2024), air mulai surut di sebagian wilayah kota itu dan warga kembali ke rumah masing-masing untuk membersihkan lumpur.".to_string()),
        1 => Just("Artikel ini telah tayang di Kompas.com dengan judul \"Banjir\"".to_string()),
    ]
}

/// Lines an article may end with: where an outlet is often named only at the end.
fn tail_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("(Tribunnews.com, Tiara)".to_string()),
        Just("© 2024 GAZETKITA.CO.ID. All rights reserved.".to_string()),
        Just("Copyright © 2024 kompas.com".to_string()),
        Just("[ab/ns]".to_string()),
        Just("By Jane Smith, Reuters".to_string()),
        Just("AFP".to_string()),
        Just(String::new()),
    ]
}

/// How lines are set apart: a blank line, a line break alone, or Windows line ends.
fn separator() -> impl Strategy<Value = &'static str> {
    prop_oneof![8 => Just("\n\n"), 1 => Just("\n"), 1 => Just("\r\n\r\n")]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn a_listing_gives_each_article_the_fields_a_whole_parse_gives(
        headline in proptest::option::weighted(0.8, "[A-Z][a-z]{2,9}( [A-Za-z]{2,9}){2,8}"),
        head in proptest::collection::vec(head_line(), 0..4),
        body in proptest::collection::vec(body_line(), 0..60),
        tail in proptest::collection::vec(tail_line(), 0..3),
        separator in separator(),
        wrap in proptest::option::weighted(0.15, 40usize..90),
    ) {
        let lines: Vec<String> = headline.into_iter().chain(head).chain(body).chain(tail).collect();
        let mut text = lines.join(separator);
        if let Some(width) = wrap {
            text = textwrap::fill(&text, width);
        }
        assert_listed_as_whole(text.as_bytes(), "invented");
    }

    /// Long articles whose head names the outlet, as most of a large folder's are: the ones a
    /// listing parses only in part.
    #[test]
    fn a_long_article_named_in_its_head_lists_as_a_whole_parse_does(
        headline in "[A-Z][a-z]{2,9}( [A-Za-z]{2,9}){2,8}",
        stamp in proptest::option::of(Just("20 Juni 2024, 08:50 WIB")),
        dateline in prop_oneof![
            Just("JAKARTA, KOMPAS.com - "),
            Just("WASHINGTON (Reuters) - "),
            Just("Jakarta (ANTARA) - "),
        ],
        body in proptest::collection::vec(body_line(), 14..60),
        tail in proptest::collection::vec(tail_line(), 0..3),
    ) {
        let mut lines: Vec<String> = std::iter::once(headline).chain(stamp.map(String::from)).collect();
        lines.push(format!("{dateline}{}", body[0]));
        lines.extend(body.into_iter().skip(1).chain(tail));
        assert_listed_as_whole(lines.join("\n\n").as_bytes(), "invented, named in its head");
    }
}

/// Long files of odd pieces: entities, carriage returns, control bytes, bytes that are not
/// UTF-8, lines that are nearly a dateline or a signature.
fn odd_long_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        4 => "[A-Z][a-z]{2,9}( [a-z]{2,9}){20,40}\\. ".prop_map(String::into_bytes),
        4 => Just(b"\n\n".to_vec()),
        1 => Just(b"\n".to_vec()),
        1 => Just(b"\r\n\r\n".to_vec()),
        1 => Just(b"\n \t\n".to_vec()),
        1 => Just(b"JAKARTA, KOMPAS.com \xe2\x80\x93 ".to_vec()),
        1 => Just(b"(Tribunnews.com, Tiara)".to_vec()),
        1 => Just(b"&amp; &#40;Tribunnews.com&#41; &nbsp;".to_vec()),
        1 => Just(b"20 Juni 2024, 08:50 WIB".to_vec()),
        1 => Just(b"Rabu (19/6/2024) ".to_vec()),
        1 => Just(b"Baca juga: ".to_vec()),
        1 => Just(b"\xc2\xa0\xe2\x80\x8b".to_vec()),
        1 => Just(b"\x1b[2J\x07".to_vec()),
        1 => Just(b"\xff\xfe\x80".to_vec()),
        1 => Just("\u{2029}\u{85}".as_bytes().to_vec()),
    ];
    let head = prop_oneof![
        Just(&b"Floods force thousands from their homes\n\nJAKARTA, KOMPAS.com - "[..]),
        Just(&b"Banjir | Kompas.com\r\n\r\n20 Juni 2024, 08:50 WIB\r\n\r\n"[..]),
        Just(&b"Berita Internasional\n\nA headline\n\nWASHINGTON (Reuters) - "[..]),
        Just(&b""[..]),
    ];
    (head, proptest::collection::vec(piece, 20..120))
        .prop_map(|(head, pieces)| [head.to_vec(), pieces.concat()].concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn odd_long_files_list_as_a_whole_parse_does(bytes in odd_long_bytes()) {
        assert_listed_as_whole(&bytes, "odd pieces");
    }
}

#[test]
fn the_shared_corpora_list_as_a_whole_parse_does() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let mut checked = 0;
    for corpus in ["devcorpus", "storiescorpus/articles", "seeds"] {
        let Ok(entries) = std::fs::read_dir(root.join(corpus)) else {
            eprintln!("skipped: {} is not there", root.join(corpus).display());
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            assert_listed_as_whole(&bytes, &path.display().to_string());
            checked += 1;
        }
    }
    if checked > 0 {
        assert!(checked > 1_000, "only {checked} files checked");
    }
}

#[test]
fn the_list_prints_the_same_whether_files_are_parsed_whole_or_in_part() {
    // `--list` parses in part; `--list --json` wants every field and parses whole.
    let dir = std::env::temp_dir().join(format!("warta-listed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let paragraph = "The river broke its banks in the night and the people of the villages \
                     left their homes for the school on the hill, officials said on Tuesday.";
    let body = vec![paragraph; 30].join("\n\n");
    let files = [
        (
            "dateline",
            format!("Floods in the north\n\nJAKARTA, KOMPAS.com - {body}\n"),
        ),
        (
            "signature",
            format!("Floods in the south\n\n{body}\n\n(Tribunnews.com, Tiara)\n"),
        ),
        (
            "stamp",
            format!("Floods in the east\n\n20 Juni 2024, 08:50 WIB\n\nBEKASI - {body}\n"),
        ),
    ];
    for (name, text) in &files {
        std::fs::write(dir.join(format!("{name}.txt")), text).unwrap();
    }
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_warta"))
            .args(["--no-state", "--no-cache"])
            .args(args)
            .arg(&dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let list = run(&["--list"]);
    let json: serde_json::Value = serde_json::from_str(&run(&["--json"])).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let mut from_json: Vec<String> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let field = |k: &str| a[k].as_str().unwrap_or("").to_string();
            format!("{}\t{}\t{}", field("id"), field("outlet"), field("title"))
        })
        .collect();
    let mut from_list: Vec<String> = list
        .lines()
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            format!("{}\t{}\t{}", fields[0], fields[1], fields[3])
        })
        .collect();
    from_json.sort();
    from_list.sort();
    assert_eq!(from_list.len(), 3, "{list}");
    assert_eq!(from_list, from_json);
    assert!(list.contains("Tribunnews"), "{list}");
}
