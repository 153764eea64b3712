//! How far a cross-link's headline runs when the scraper glued it to the text around it:
//! "Baca Juga: 10.000 Desa Sudah Cairkan BLT Dana Desa Dia menjelaskan bahwa …" links to
//! "10.000 Desa Sudah Cairkan BLT Dana Desa"; the article goes on at "Dia menjelaskan". A
//! headline is a run of capitalised words (numbers and small joining words allowed); it ends
//! at an opening quote or bracket, at a word glued to the next ("PandemiPrediksi"), or where
//! lower-case prose starts, the capitalised word before which begins the next sentence.

/// Small words a headline keeps in lower case.
const JOINING_WORDS: &[&str] = &[
    "di", "ke", "dari", "yang", "dan", "atau", "untuk", "dengan", "pada", "saat", "dalam", "oleh",
    "jadi", "soal", "usai", "jelang", "hingga", "bagi", "tak", "tidak", "bisa", "akan", "sebagai",
    "karena", "agar", "vs", "of", "the", "and", "in", "on", "for", "to", "a", "an", "at", "by",
    "with", "from", "as", "is", "are", "after", "over", "not",
];

/// Where a sentence may start: at the line's start or after a sentence's end.
pub fn at_sentence_start(line: &str, at: usize) -> bool {
    let before = line[..at].trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?', '"', '”', '’', ')', ':'])
}

/// The byte where the linked headline that starts at `start` ends. Reads words only as far
/// as the headline goes (it runs on every cross-link of every article).
pub fn headline_end(line: &str, start: usize) -> usize {
    let rest = &line[start..];
    let mut capitalised_seen = 0;
    let mut previous_at = 0;
    for (i, (at, word)) in word_spans(rest).enumerate() {
        let first = word.chars().next().unwrap_or(' ');
        if capitalised_seen > 0 && matches!(first, '"' | '“' | '‘' | '(' | '\'') {
            return start + at;
        }
        if let Some(glue) = glued_at(word)
            && capitalised_seen > 0
        {
            return start + at + glue;
        }
        let lower = first.is_lowercase();
        if lower && !is_joining_word(word.trim_end_matches([',', ':'])) {
            // "video Di Tengah …": a lower-case word or two before the headline begins.
            if capitalised_seen == 0 && i < 2 {
                previous_at = at;
                continue;
            }
            // The capitalised word before the prose starts the next sentence ("Bansos Selain
            // itu, …"), unless the headline would be left with nothing.
            return if capitalised_seen >= 2 {
                start + previous_at
            } else {
                start + at
            };
        }
        if !lower {
            capitalised_seen += 1;
        }
        previous_at = at;
    }
    line.len()
}

/// Whether `word` is one of [`JOINING_WORDS`], in any case.
fn is_joining_word(word: &str) -> bool {
    if word.is_ascii() {
        JOINING_WORDS.iter().any(|j| j.eq_ignore_ascii_case(word))
    } else {
        // A character beyond ASCII may still lower-case to ASCII (the Kelvin sign to "k").
        JOINING_WORDS.contains(&word.to_lowercase().as_str())
    }
}

/// Each word (a run of characters other than white space) and where it starts.
fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(char::is_whitespace)
        .filter(|word| !word.is_empty())
        .map(move |word| (word.as_ptr() as usize - text.as_ptr() as usize, word))
}

/// "PandemiPrediksi": the byte where a second word starts inside one, lower case followed by a
/// capital that begins a lower-case word.
fn glued_at(word: &str) -> Option<usize> {
    let mut chars = word.char_indices();
    let (mut first, mut second) = (chars.next()?.1, chars.next()?);
    for (at, third) in chars {
        if first.is_lowercase() && second.1.is_uppercase() && third.is_lowercase() {
            return Some(second.0);
        }
        (first, second) = (second.1, (at, third));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(line: &str) -> (&str, &str) {
        let start = line.find(": ").map_or(0, |i| i + 2);
        let end = headline_end(line, start);
        (line[start..end].trim(), line[end..].trim())
    }

    #[test]
    fn the_headline_ends_where_prose_starts() {
        assert_eq!(
            link(
                "Baca juga: Ribuan Warga Desa Terima Bantuan Tunai Selain itu, penerima bantuan mendaftar."
            ),
            (
                "Ribuan Warga Desa Terima Bantuan Tunai",
                "Selain itu, penerima bantuan mendaftar."
            )
        );
        assert_eq!(
            link("Baca juga: Pasar Baru Dibuka di Kota Lama Dia menjelaskan bahwa pasar ramai."),
            (
                "Pasar Baru Dibuka di Kota Lama",
                "Dia menjelaskan bahwa pasar ramai."
            )
        );
    }

    #[test]
    fn the_headline_ends_at_a_quote_or_a_glued_word() {
        assert_eq!(
            link("Baca juga: Harga Emas Naik Lagi “Kami senang,” kata dia."),
            ("Harga Emas Naik Lagi", "“Kami senang,” kata dia.")
        );
        assert_eq!(
            link("Baca juga: Jalan Tol Baru Selesai Dibangun Tahun IniPengendara menyambut baik."),
            (
                "Jalan Tol Baru Selesai Dibangun Tahun Ini",
                "Pengendara menyambut baik."
            )
        );
    }

    #[test]
    fn a_headline_to_the_end_of_the_line() {
        assert_eq!(
            link("Also Read: Markets Rally as Rates Hold"),
            ("Markets Rally as Rates Hold", "")
        );
    }

    #[test]
    fn sentence_starts() {
        assert!(at_sentence_start("Baca juga: X", 0));
        assert!(at_sentence_start("Ia pergi. Baca juga: X", 10));
        assert!(!at_sentence_start("Ia baca juga buku", 3));
    }
}
