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
    if is_headline_alone(rest) {
        // "… Sembuh dari Covid-19 (erh)": an editor's initials after it are not the
        // headline's.
        return match line.rsplit_once(' ') {
            Some((before, last)) if is_initials_tag(last) && before.len() > start => {
                before.trim_end().len()
            }
            _ => line.len(),
        };
    }
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

/// The most words of a linked headline that runs to the end of its line.
const HEADLINE_WORDS: usize = 24;

/// Whether the rest of a line after a cross-link's label is its headline and nothing more,
/// however it is capitalised ("Read more: Fed holds rates steady"): a few words with no
/// sentence ended in them or at their end. A headline ends without a full stop; prose ends
/// with one, and only then is the headline told from it by its capitals.
fn is_headline_alone(rest: &str) -> bool {
    let text = rest.trim_end_matches(|c: char| c.is_whitespace() || "\"”’')".contains(c));
    !text.is_empty()
        && !text.ends_with(['.', '!', '…'])
        && text.split_whitespace().count() <= HEADLINE_WORDS
        && !text.contains(['“', '"'])
        && !(text.match_indices(['.', '!', '?'])).any(|(at, _)| text[at + 1..].starts_with(' '))
        && glued_at_any(text).is_none()
}

/// "(erh)", "(Ari)", "(wia/wia)": an editor's initials in brackets.
fn is_initials_tag(word: &str) -> bool {
    let Some(inside) = word.strip_prefix('(').and_then(|w| w.strip_suffix(')')) else {
        return false;
    };
    (inside.split('/'))
        .all(|part| (2..=6).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// The first word of `text` glued to the next ("IniPengendara"), if any.
fn glued_at_any(text: &str) -> Option<usize> {
    word_spans(text).find_map(|(at, word)| glued_at(word).map(|glue| at + glue))
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

    /// A headline alone on its line runs to its end, whatever its capitals.
    #[test]
    fn a_headline_alone_runs_to_the_end_of_its_line() {
        for (line, headline) in [
            (
                "Read more: Fed holds rates steady",
                "Fed holds rates steady",
            ),
            (
                "Baca juga: Harga cabai turun di pasar induk",
                "Harga cabai turun di pasar induk",
            ),
            ("Also read: Is inflation over?", "Is inflation over?"),
        ] {
            assert_eq!(link(line), (headline, ""), "{line}");
        }
        assert_eq!(
            link("Baca Juga : Bayi di Bogor Sembuh dari Covid-19 (erh)"),
            ("Bayi di Bogor Sembuh dari Covid-19", "(erh)")
        );
        // Prose after it, or a sentence ended inside it, and the capitals tell.
        assert_eq!(
            link("Read more: Fed Holds Rates the bank said on Wednesday."),
            ("Fed Holds Rates", "the bank said on Wednesday.")
        );
        assert_eq!(
            link("Read more: Fed Holds. Stocks rose on the news"),
            ("Fed Holds.", "Stocks rose on the news")
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
