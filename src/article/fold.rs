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

/// Folds `text` onto the end of `out`.
pub fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        out.extend(text.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
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

    #[test]
    fn word_starts() {
        let text = fold("Kim-Jong un, (sanksi)");
        assert!(starts_word(&text, 0));
        assert!(starts_word(&text, text.find("jong").unwrap()));
        assert!(starts_word(&text, text.find("sanksi").unwrap()));
        assert!(!starts_word(&text, text.find("ong").unwrap()));
    }
}
