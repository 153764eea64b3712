//! Sentences in Indonesian and English text: where one ends and the next begins, knowing the
//! abbreviations of both languages ("Dr.", "Jl.", "U.S.", "No. 7") and the breaks a scraper
//! glued shut ("kata dia.Menurutnya").

/// Where a sentence ends in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceEnd {
    /// The byte just past the closing punctuation (and any closing quote or bracket).
    pub end: usize,
    /// The byte where the next sentence starts.
    pub next: usize,
    /// The next sentence was glued to this one with no space: a lost paragraph break.
    pub glued: bool,
}

/// Words that end in a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "dr", "drs", "prof", "ir", "h", "hj", "no", "st", "jl", "jln", "kol", "jend", "mr", "mrs",
    "ms", "sdr", "bpk", "ny", "tn", "kh", "kec", "kab", "rp", "tel", "vs", "etc", "inc", "ltd",
    "co", "corp", "jr", "sr", "gen", "gov", "sen", "rep", "lt", "col", "capt", "sgt", "mt", "ft",
    "approx", "dept", "est", "fig", "vol", "pp", "hal", "dll", "dsb", "dkk", "tsb", "yth", "mln",
    "bln", "pct", "u.s", "u.k", "e.g", "i.e", "a.m", "p.m", "s.h", "s.e", "m.si", "s.pd",
];

/// Every sentence end in `text`, in order. Linear in the text, with no copy of it: only the
/// bytes at a closing mark are looked at closely.
pub fn sentence_ends(text: &str) -> Vec<SentenceEnd> {
    let bytes = text.as_bytes();
    let mut ends = Vec::new();
    for at in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        let c = bytes[at];
        // "..." and "?!" end where the last mark is.
        if matches!(bytes.get(at + 1), Some(b'.' | b'!' | b'?')) {
            continue;
        }
        let mut rest = text[at + 1..].char_indices();
        let mut end = at + 1;
        let mut after = None;
        for (i, ch) in rest.by_ref() {
            if closes(ch) {
                end = at + 1 + i + ch.len_utf8();
            } else {
                after = Some(ch);
                break;
            }
        }
        let Some(after) = after else {
            break;
        };
        let word = word_before(&text[..at]);
        if c == b'.' && is_abbreviation(word) {
            continue;
        }
        if after == ' ' {
            let next_start = text[end..].trim_start_matches(' ');
            let next = text.len() - next_start.len();
            let starts = next_start
                .chars()
                .next()
                .is_some_and(|ch| ch.is_uppercase() || matches!(ch, '"' | '“' | '\'' | '‘' | '('));
            if starts {
                ends.push(SentenceEnd {
                    end,
                    next,
                    glued: false,
                });
            }
        } else if may_start_glued(after) && c != b'!' {
            // "kata dia.Menurutnya": glued, but not "U.S.A", "detik.Com" or "1.000".
            let before_is_word = word.chars().count() >= 2
                && word
                    .chars()
                    .last()
                    .is_some_and(|l| l.is_lowercase() || l == ')');
            let next_word_lower = text[end..]
                .chars()
                .skip(1)
                .take_while(|ch| ch.is_alphabetic())
                .any(char::is_lowercase);
            if before_is_word && (next_word_lower || matches!(after, '"' | '“')) {
                ends.push(SentenceEnd {
                    end,
                    next: end,
                    glued: true,
                });
            }
        }
    }
    ends
}

/// A closing quote or bracket, which stays with the sentence its mark ends.
pub fn closes(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']')
}

/// Whether a sentence glued to the one before, with no space ("kata dia.Menurutnya"), may
/// start with `c`: a capital or an opening quote.
pub fn may_start_glued(c: char) -> bool {
    c.is_uppercase() || matches!(c, '"' | '“')
}

/// The word just before a full stop: "Jl" in "di Jl", "U.S" in "the U.S".
fn word_before(text: &str) -> &str {
    let from = text.len().saturating_sub(48);
    let from = (from..text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    let start = from
        + text[from..]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '“'))
            .map_or(0, |(i, c)| i + c.len_utf8());
    &text[start..]
}

/// Whether a word before a full stop is an abbreviation or an initial ("Gov", "U.S", "W"),
/// which does not end a sentence.
pub fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_lowercase();
    // A single capital is an initial ("Joko W. Widodo", "U.S").
    (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || ABBREVIATIONS.contains(&lower.as_str())
        || (lower.contains('.') && lower.chars().filter(|c| c.is_alphabetic()).count() <= 4)
}

/// The text split into its sentences, each trimmed.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    for end in sentence_ends(text) {
        let sentence = text[from..end.end].trim();
        if !sentence.is_empty() {
            out.push(sentence);
        }
        from = end.next;
    }
    let last = text[from..].trim();
    if !last.is_empty() {
        out.push(last);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_and_abbreviations() {
        assert_eq!(
            sentences("Dr. Budi tiba di Jl. Merdeka No. 7. Ia disambut warga! Lalu? Pulang."),
            [
                "Dr. Budi tiba di Jl. Merdeka No. 7.",
                "Ia disambut warga!",
                "Lalu?",
                "Pulang."
            ]
        );
        assert_eq!(
            sentences("The U.S. Treasury said so. Mr. Smith agreed."),
            ["The U.S. Treasury said so.", "Mr. Smith agreed."]
        );
        assert_eq!(
            sentences("\"Kami siap,\" katanya. \"Tentu.\" Lalu pergi."),
            ["\"Kami siap,\" katanya.", "\"Tentu.\"", "Lalu pergi."]
        );
    }

    #[test]
    fn glued_breaks_are_found_but_not_numbers_or_addresses() {
        let ends = sentence_ends(
            "Harga naik.Menurut dia, Rp 1.000 cukup.Lihat detik.com dan U.S.A hari ini.",
        );
        let glued: Vec<bool> = ends.iter().map(|e| e.glued).collect();
        assert_eq!(glued, [true, true]);
        assert_eq!(
            sentences("Harga naik.Menurut dia cukup."),
            ["Harga naik.", "Menurut dia cukup."]
        );
    }
}
