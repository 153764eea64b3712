//! Property tests: arbitrary bytes never make the parser panic, and nothing that comes out of
//! the sanitiser or the article layout can drive a terminal.

use proptest::prelude::*;
use warta::article::fold::fold;
use warta::article::parse::parse_bytes;
use warta::article::render::layout;
use warta::article::sanitise::{is_unsafe, sanitise};
use warta::filter::{Matcher, NoFlags, Query};
use warta::rules::Rules;
use warta::store::Store;

fn terminal_safe(text: &str) -> bool {
    !text.chars().any(|c| is_unsafe(c) || c == '\n')
}

/// Bytes that look like scraped articles often enough to reach deep into the parser:
/// fragments of real lines, escape sequences, odd encodings and random bytes.
fn article_bytes() -> impl Strategy<Value = Vec<u8>> {
    let fragment = prop_oneof![
        Just(b"TRIBUNNEWS.COM \xe2\x80\x93 ".to_vec()),
        Just(b"Penulis : Haryo Jati Editor : Tito".to_vec()),
        Just(b"Kompas dunia | 20 Juni 2024, 08:50 WIBPYONGYANG, KOMPAS.TV - ".to_vec()),
        Just(b"Baca juga: ".to_vec()),
        Just(b"(Tribunnews.com, Tiara)".to_vec()),
        Just(b"Rabu (19/6/2024) ".to_vec()),
        Just(b"[ab/ns]".to_vec()),
        Just(b"\x1b]0;x\x07\x1b[2J\xc2\x9b".to_vec()),
        Just(b"\xff\xfe".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\n\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(b"\t".to_vec()),
        "[A-Za-z ,.()-]{0,40}".prop_map(String::into_bytes),
        proptest::collection::vec(any::<u8>(), 0..40),
    ];
    proptest::collection::vec(fragment, 0..30).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parser_never_panics_and_output_is_safe(bytes in article_bytes()) {
        let article = parse_bytes(&bytes, Rules::builtin());
        prop_assert!(article.title.chars().count() <= 400 || !article.title_derived);
        for text in std::iter::once(&article.title).chain(&article.paragraphs) {
            prop_assert!(!text.contains('\r'));
            prop_assert!(terminal_safe(&sanitise(text)));
        }
        for line in layout(&article, 37) {
            prop_assert!(terminal_safe(&line.text), "{:?}", line.text);
        }
        let matcher = Matcher::default();
        let text = String::from_utf8_lossy(&bytes);
        let query = Query::parse(&text.chars().take(20).collect::<String>());
        let store = Store::from_articles(vec![article.clone()]);
        let hits = matcher.filter(&query, &store, &NoFlags);
        prop_assert!(hits.len() <= 1 && hits.iter().all(|h| h.index == 0));
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let article = parse_bytes(&bytes, Rules::builtin());
        for line in layout(&article, 20) {
            prop_assert!(terminal_safe(&line.text));
        }
    }

    #[test]
    fn sanitised_text_has_no_control_characters(text in any::<String>()) {
        prop_assert!(terminal_safe(&sanitise(&text)));
    }

    /// What lets a growing query look only at the previous matches: typing one more letter
    /// never brings in an article the shorter term left out.
    #[test]
    fn a_longer_term_never_matches_more(
        title in "[aAbé x]{1,30}",
        outlet in "[ab x]{0,12}",
        body in "[ab x]{0,40}",
        term in "[aAbé]{1,5}",
    ) {
        let mut article = parse_bytes(b"placeholder", Rules::builtin());
        article.title = title.clone();
        article.search_title = fold(&title).into();
        article.outlet = (!outlet.is_empty()).then(|| outlet.as_str().into());
        article.search_body = fold(&body).into();
        let store = Store::from_articles(vec![article]);
        let matcher = Matcher::default();
        let matches = |word: &str, outlet: bool| {
            let query = if outlet { format!("@{word}") } else { word.to_string() };
            matcher.hit(&Query::parse(&query), 0, &store, &NoFlags).is_some()
        };
        let ends: Vec<usize> = term.char_indices().map(|(at, _)| at).skip(1).chain([term.len()]).collect();
        for pair in ends.windows(2) {
            let (shorter, longer) = (&term[..pair[0]], &term[..pair[1]]);
            for outlet in [false, true] {
                prop_assert!(
                    !matches(longer, outlet) || matches(shorter, outlet),
                    "{longer:?} matches but {shorter:?} does not (outlet term: {outlet})"
                );
            }
        }
    }
}
