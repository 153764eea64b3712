//! Folding text for search: lower case, accents dropped ("Ç" → "c"), so that a query typed on
//! any keyboard finds the word however the outlet spelled it.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds text for case- and accent-insensitive search.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Folds `text` onto the end of `out`. Runs of ASCII are lower-cased as bytes; only the
/// characters beyond ASCII are decomposed. The same as decomposing the whole text: an
/// ASCII character is never a combining mark, so the reordering of marks never crosses one.
pub fn fold_into(text: &str, out: &mut String) {
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = ascii_len(rest.as_bytes());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let other = rest
            .bytes()
            .position(|b| b.is_ascii())
            .unwrap_or(rest.len());
        fold_beyond_ascii(&rest[..other], out);
        rest = &rest[other..];
    }
}

/// How many bytes `bytes` starts with that are ASCII: eight at a time, as nearly all are.
fn ascii_len(bytes: &[u8]) -> usize {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        if u64::from_ne_bytes(word.try_into().expect("eight bytes")) & HIGH_BITS != 0 {
            break;
        }
        at += 8;
    }
    at + bytes[at..]
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(bytes.len() - at)
}

/// Folds text of characters beyond ASCII: decomposed, marks dropped, lower-cased.
fn fold_beyond_ascii(text: &str, out: &mut String) {
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        match c {
            '\u{a0}' => out.push(' '),
            'ı' => out.push('i'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' => out.push('d'),
            'ł' | 'Ł' => out.push('l'),
            _ => out.extend(c.to_lowercase()),
        }
    }
}

/// For a character of U+2000–U+203F at `at` (the curly quotes, dashes and spaces of most
/// texts; no letter or digit among them), whether it is white space (U+2000–U+200A, U+2028,
/// U+2029, U+202F), told from its bytes without decoding it; `None` for any other character.
pub fn general_punctuation_at(bytes: &[u8], at: usize) -> Option<bool> {
    match bytes.get(at..at + 3)? {
        [0xE2, 0x80, last] => Some(matches!(last, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)),
        _ => None,
    }
}

/// Whether the byte before `at` in folded text ends a word (or `at` is the start).
pub fn starts_word(folded: &str, at: usize) -> bool {
    folded[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Kosmodrom VOSTOCHNY"), "kosmodrom vostochny");
        assert_eq!(fold("Café Ñandú Łódź"), "cafe nandu lodz");
        assert_eq!(fold("KOREA\u{a0}UTARA"), "korea utara");
    }

    proptest::proptest! {
        /// Folding ASCII runs as bytes gives what folding the whole text at once gives.
        #[test]
        fn folding_by_runs_is_folding_the_whole(text in "[a-zA-Z .é\\u{301}\\u{327}\\u{345}\\u{a0}ßÆİΣσ\\u{1e9e}ǅ\\u{fb01}Ω-]{0,30}") {
            let mut whole = String::new();
            fold_beyond_ascii(&text, &mut whole);
            let mut runs = String::from("kept ");
            fold_into(&text, &mut runs);
            proptest::prop_assert_eq!(&runs["kept ".len()..], whole.as_str());
        }
    }

    #[test]
    fn ascii_runs_end_at_the_first_byte_beyond_ascii() {
        assert_eq!(ascii_len(b""), 0);
        assert_eq!(ascii_len(b"abc"), 3);
        assert_eq!(ascii_len("abcdefghijklmnopq".as_bytes()), 17);
        assert_eq!(ascii_len("abcdefgh\u{e9}xyz".as_bytes()), 8);
        assert_eq!(ascii_len("abcdefghijk\u{e9}".as_bytes()), 11);
        assert_eq!(ascii_len("\u{e9}abcdefghijk".as_bytes()), 0);
    }

    #[test]
    fn word_starts() {
        let text = fold("Kim-Jong un, (sanksi)");
        assert!(starts_word(&text, 0));
        assert!(starts_word(&text, text.find("jong").unwrap()));
        assert!(starts_word(&text, text.find("sanksi").unwrap()));
        assert!(!starts_word(&text, text.find("ong").unwrap()));
    }
}
