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

/// The byte where the linked headline that starts at `start` ends.
pub fn headline_end(line: &str, start: usize) -> usize {
    let rest = &line[start..];
    let words: Vec<(usize, &str)> = word_spans(rest);
    let mut capitalised_seen = 0;
    for (i, &(at, word)) in words.iter().enumerate() {
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
        let joining =
            JOINING_WORDS.contains(&word.trim_end_matches([',', ':']).to_lowercase().as_str());
        if lower && !joining {
            // "video Di Tengah …": a lower-case word or two before the headline begins.
            if capitalised_seen == 0 && i < 2 {
                continue;
            }
            // The capitalised word before the prose starts the next sentence ("Bansos Selain
            // itu, …"), unless the headline would be left with nothing.
            return if capitalised_seen >= 2 {
                start + words[i - 1].0
            } else {
                start + at
            };
        }
        if !lower {
            capitalised_seen += 1;
        }
    }
    line.len()
}

/// Each word and where it starts.
fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// "PandemiPrediksi": the byte where a second word starts inside one, lower case followed by a
/// capital that begins a lower-case word.
fn glued_at(word: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    chars.windows(3).find_map(|w| {
        (w[0].1.is_lowercase() && w[1].1.is_uppercase() && w[2].1.is_lowercase()).then_some(w[1].0)
    })
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
