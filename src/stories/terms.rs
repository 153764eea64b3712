//! An article's story terms: the words of its headline and opening that can tell one event
//! from another — names, places, numbers, rare words — each with a weight, hashed. Stop words
//! of Indonesian and English are left out; removed boilerplate never gets here, as only the
//! article's kept text is read.

use crate::article::Article;
use crate::article::fold::fold;

/// How many words of the body (after the headline and standfirst) are read.
pub const OPENING_WORDS: usize = 160;
/// A headline's word counts as this many of the body's.
pub const TITLE_WEIGHT: f32 = 4.0;
/// How many terms an article keeps, the heaviest first.
pub const KEPT_TERMS: usize = 48;

/// A term (hashed folded word) and its weight in the article.
pub use crate::article::StoryTerm as Term;

/// Words that say nothing about which event a text reports.
const STOP_WORDS: &[&str] = &[
    // English
    "the",
    "and",
    "for",
    "that",
    "with",
    "was",
    "were",
    "are",
    "has",
    "have",
    "had",
    "his",
    "her",
    "its",
    "their",
    "they",
    "them",
    "this",
    "these",
    "those",
    "from",
    "but",
    "not",
    "said",
    "says",
    "say",
    "will",
    "would",
    "could",
    "should",
    "can",
    "been",
    "being",
    "also",
    "who",
    "what",
    "when",
    "where",
    "which",
    "while",
    "about",
    "after",
    "before",
    "into",
    "over",
    "than",
    "then",
    "there",
    "here",
    "out",
    "more",
    "most",
    "some",
    "such",
    "only",
    "other",
    "one",
    "two",
    "new",
    "just",
    "like",
    "all",
    "any",
    "our",
    "your",
    "you",
    "she",
    "him",
    "how",
    "why",
    "may",
    "might",
    "did",
    "does",
    "doing",
    "now",
    "very",
    "even",
    "because",
    "since",
    "between",
    "under",
    "against",
    "during",
    "through",
    "still",
    "many",
    "much",
    "year",
    "years",
    "week",
    "told",
    "according",
    "people",
    "time",
    "first",
    "last",
    "get",
    "got",
    "make",
    "made",
    "per",
    "cent",
    "percent",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "news",
    "reuters",
    "report",
    "reported",
    "mr",
    "mrs",
    "ms",
    "off",
    "each",
    "both",
    "via",
    "own",
    "well",
    "back",
    "way",
    "way",
    // Indonesian
    "yang",
    "dan",
    "di",
    "ke",
    "dari",
    "untuk",
    "dengan",
    "pada",
    "ini",
    "itu",
    "dalam",
    "tidak",
    "akan",
    "juga",
    "ada",
    "oleh",
    "sebagai",
    "atau",
    "karena",
    "bahwa",
    "saat",
    "para",
    "kata",
    "ujar",
    "ucap",
    "menurut",
    "tersebut",
    "telah",
    "sudah",
    "bisa",
    "dapat",
    "lebih",
    "masih",
    "hingga",
    "sejak",
    "setelah",
    "sebelum",
    "antara",
    "kepada",
    "namun",
    "tetapi",
    "serta",
    "yakni",
    "yaitu",
    "agar",
    "jika",
    "kami",
    "kita",
    "mereka",
    "dia",
    "ia",
    "saya",
    "anda",
    "nya",
    "pun",
    "lalu",
    "kemudian",
    "secara",
    "sangat",
    "banyak",
    "semua",
    "hari",
    "tahun",
    "bulan",
    "senin",
    "selasa",
    "rabu",
    "kamis",
    "jumat",
    "sabtu",
    "minggu",
    "baru",
    "lain",
    "sama",
    "harus",
    "belum",
    "pihak",
    "orang",
    "seperti",
    "ketika",
    "maka",
    "tak",
    "adalah",
    "merupakan",
    "menjadi",
    "jadi",
    "soal",
    "terkait",
    "hal",
    "atas",
    "baik",
    "dua",
    "satu",
    "tiga",
    "pula",
    "lagi",
    "bagi",
    "tengah",
    "usai",
    "jelang",
    "sementara",
];

fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// A word's hash: FNV-1a over its folded bytes, stable from run to run.
pub fn hash_word(word: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in word.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

/// The words of `text` worth keeping: folded, at least three letters (or two digits), not
/// stop words; each with whether it was written with a capital where a sentence does not
/// start (a name).
pub fn words(text: &str) -> impl Iterator<Item = (String, bool)> + '_ {
    let mut sentence_start = true;
    text.split_whitespace().flat_map(move |token| {
        let starts = sentence_start;
        sentence_start = token
            .trim_end_matches(['"', '”', '’', '\'', ')'])
            .ends_with(['.', '!', '?']);
        token
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter_map(move |raw| {
                let raw = raw.trim_matches('-');
                let digits = raw.chars().all(|c| c.is_ascii_digit());
                let long_enough = match digits {
                    true => raw.len() >= 2,
                    false => raw.chars().count() >= 3,
                };
                if !long_enough {
                    return None;
                }
                let folded = fold(raw);
                if is_stop_word(&folded) {
                    return None;
                }
                Some((folded, !starts && raw.starts_with(char::is_uppercase)))
            })
    })
}

/// The hashes of the stop words, looked up instead of the words.
fn stop_hashes() -> &'static rustc_hash::FxHashSet<u32> {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<u32>> = std::sync::OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.iter().map(|w| hash_word(w)).collect())
}

/// Calls `found` with the hash of each word of `text` worth keeping (as [`words`] keeps them)
/// and whether it is a name, for at most `limit` words read; returns how many were read.
/// Scans bytes: ASCII words are folded and hashed as they are read, with no copy; only a word
/// with other letters goes the slow way.
fn each_term(text: &str, limit: usize, mut found: impl FnMut(u32, bool)) -> usize {
    let stops = stop_hashes();
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut sentence_start = true;
    let mut read = 0;
    while at < bytes.len() && read < limit {
        let b = bytes[at];
        if !(b.is_ascii_alphanumeric() || b == b'-' || b >= 0x80) {
            if matches!(b, b'.' | b'!' | b'?') {
                sentence_start = true;
            }
            at += 1;
            continue;
        }
        let start = at;
        while at < bytes.len() && {
            let c = bytes[at];
            c.is_ascii_alphanumeric() || c == b'-' || c >= 0x80
        } {
            at += 1;
        }
        let chunk = &text[start..at];
        let starts = sentence_start;
        sentence_start = false;
        read += 1;
        if chunk.is_ascii() {
            term_of(chunk, starts, stops, &mut found);
        } else {
            // Letters beyond ASCII, and maybe punctuation such as "—" or "“" inside.
            for raw in chunk.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
                term_of(raw, starts, stops, &mut found);
            }
        }
    }
    read
}

/// One word's term, if it is one worth keeping.
fn term_of(
    raw: &str,
    starts: bool,
    stops: &rustc_hash::FxHashSet<u32>,
    found: &mut impl FnMut(u32, bool),
) {
    let raw = raw.trim_matches('-');
    let digits = raw.bytes().all(|b| b.is_ascii_digit());
    let long_enough = match digits {
        true => raw.len() >= 2,
        false => raw.chars().count() >= 3,
    };
    if !long_enough {
        return;
    }
    let hash = if raw.is_ascii() {
        let mut hash: u32 = 0x811c_9dc5;
        for byte in raw.bytes() {
            hash ^= u32::from(byte.to_ascii_lowercase());
            hash = hash.wrapping_mul(0x0100_0193);
        }
        hash
    } else {
        hash_word(&fold(raw))
    };
    if !stops.contains(&hash) {
        found(hash, !starts && raw.starts_with(char::is_uppercase));
    }
}

/// The article's terms: the headline's words weigh 4, the opening's 1; a name half as much
/// again. At most [`KEPT_TERMS`], heaviest first, then by hash, so the same text always gives
/// the same terms.
pub fn story_terms(article: &Article) -> Vec<Term> {
    // Counted in halves, so every count is a whole number.
    let title_halves = (TITLE_WEIGHT * 2.0) as u16;
    let mut seen: Vec<(u32, u16)> = Vec::with_capacity(OPENING_WORDS + 24);
    let mut add = |hash: u32, name: bool, halves: u16| {
        seen.push((hash, if name { halves / 2 * 3 } else { halves }));
    };
    if !article.title_derived {
        each_term(&article.title, usize::MAX, |hash, name| {
            add(hash, name, title_halves)
        });
    }
    let mut budget = OPENING_WORDS;
    for paragraph in article.lead.iter().chain(&article.paragraphs) {
        if budget == 0 {
            break;
        }
        budget -= each_term(paragraph, budget, |hash, name| add(hash, name, 2));
    }
    seen.sort_unstable_by_key(|&(hash, _)| hash);
    let mut terms: Vec<Term> = Vec::with_capacity(seen.len());
    for (hash, halves) in seen {
        match terms.last_mut() {
            Some(last) if last.hash == hash => last.halves = last.halves.saturating_add(halves),
            _ => terms.push(Term { hash, halves }),
        }
    }
    // The heaviest, then by hash: an order with no ties, so the same terms always win.
    let heavier_first = |a: &Term, b: &Term| {
        b.halves
            .cmp(&{ a.halves })
            .then({ a.hash }.cmp(&{ b.hash }))
    };
    if terms.len() > KEPT_TERMS {
        terms.select_nth_unstable_by(KEPT_TERMS, heavier_first);
        terms.truncate(KEPT_TERMS);
    }
    terms.sort_unstable_by_key(|t| t.hash);
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_marked_and_stop_words_dropped() {
        let got: Vec<(String, bool)> =
            words("Presiden Putin tiba di Pyongyang pada Selasa, kata Kim.").collect();
        assert_eq!(
            got,
            [
                ("presiden".to_string(), false),
                ("putin".to_string(), true),
                ("tiba".to_string(), false),
                ("pyongyang".to_string(), true),
                ("kim".to_string(), true),
            ]
        );
    }

    #[test]
    fn terms_hash_the_folded_words_words_gives() {
        let text = "Presiden Putin tiba di Pyongyang pada Selasa, kata Kim. Café Ñandú";
        let mut fast = Vec::new();
        each_term(text, usize::MAX, |hash, name| fast.push((hash, name)));
        let slow: Vec<(u32, bool)> = words(text).map(|(w, n)| (hash_word(&w), n)).collect();
        assert_eq!(fast, slow);
    }

    #[test]
    fn hashes_are_stable() {
        assert_eq!(hash_word("putin"), hash_word("putin"));
        assert_ne!(hash_word("putin"), hash_word("kim"));
        assert_eq!(hash_word(""), 0x811c_9dc5);
    }
}
