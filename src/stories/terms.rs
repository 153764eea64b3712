//! An article's story terms: the words of its headline and opening that can tell one event
//! from another — names, places, numbers, rare words — each with a weight, hashed. Stop words
//! of Indonesian and English are left out; removed boilerplate never gets here, as only the
//! article's kept text is read.

use super::stop_words::STOP_WORDS;
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

/// A word's hash: FNV-1a over its folded bytes, stable from run to run.
pub fn hash_word(word: &str) -> u32 {
    let mut hash = FNV_OFFSET;
    for byte in word.bytes() {
        hash = (hash ^ u32::from(byte)).wrapping_mul(FNV_PRIME);
    }
    hash
}

/// A word longer than this many letters is known by its first this many ("vaccine",
/// "vaccines" and "vaccinated" are one term; "vaksin" and "vaksinasi" too): a stemmer that
/// needs no word lists, so it serves Indonesian and English alike.
pub const STEM_LETTERS: usize = 6;

/// What a byte is to the word scan: an ASCII letter, digit or hyphen (part of a word).
const WORD: u8 = 1;
/// `.`, `!` or `?`: a sentence may end here.
const SENTENCE_END: u8 = 2;
/// `.` or `,`: part of a number when a digit is on either side.
const NUMBER_MARK: u8 = 4;
/// A byte of a character beyond ASCII, which is decoded to tell.
const BEYOND_ASCII: u8 = 8;
/// An ASCII letter or digit: a word of only these is read in one pass ([`each_term`]).
const LETTER_OR_DIGIT: u8 = 16;

/// Each byte's class, so that the scan looks up one table per byte.
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte >= 0x80 {
            BEYOND_ASCII
        } else if byte.is_ascii_alphanumeric() {
            WORD | LETTER_OR_DIGIT
        } else if byte == b'-' {
            WORD
        } else if byte == b'.' {
            SENTENCE_END | NUMBER_MARK
        } else if byte == b'!' || byte == b'?' {
            SENTENCE_END
        } else if byte == b',' {
            NUMBER_MARK
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Where each word of `text` starts and ends, and whether a sentence starts at it. A word is
/// a run of letters, digits and hyphens; a number keeps its separators ("559,000", "5.8").
fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize, bool)> + '_ {
    let mut at = 0;
    let mut sentence_start = true;
    std::iter::from_fn(move || {
        let start = next_word(text, at, &mut sentence_start)?;
        at = word_end(text, start, start);
        let starts = std::mem::replace(&mut sentence_start, false);
        Some((start, at, starts))
    })
}

/// Where the next word starts, from `at`; notes on the way whether a sentence ended.
fn next_word(text: &str, mut at: usize, sentence_start: &mut bool) -> Option<usize> {
    let bytes = text.as_bytes();
    loop {
        let class = BYTE_CLASS[usize::from(*bytes.get(at)?)];
        if class & WORD != 0 {
            return Some(at);
        }
        if class & BEYOND_ASCII != 0 {
            let c = text[at..].chars().next().unwrap_or(' ');
            if c.is_alphanumeric() {
                return Some(at);
            }
            at += c.len_utf8();
        } else {
            *sentence_start |= class & SENTENCE_END != 0;
            at += 1;
        }
    }
}

/// Where the word that starts at `start` ends, read on from `at` (inside it).
fn word_end(text: &str, start: usize, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        while at < bytes.len() && BYTE_CLASS[usize::from(bytes[at])] & WORD != 0 {
            at += 1;
        }
        let Some(&b) = bytes.get(at) else {
            return at;
        };
        let class = BYTE_CLASS[usize::from(b)];
        if class & BEYOND_ASCII != 0 {
            let c = text[at..].chars().next().unwrap_or(' ');
            if !c.is_alphanumeric() {
                return at;
            }
            at += c.len_utf8();
        } else if class & NUMBER_MARK != 0
            && at > start
            && bytes[at - 1].is_ascii_digit()
            && bytes.get(at + 1).is_some_and(u8::is_ascii_digit)
        {
            at += 1;
        } else {
            return at;
        }
    }
}

/// A number's term: thousands separators dropped and the decimal mark a point, whichever
/// convention wrote it ("559,000" and "559.000" are 559000; "5.8" and "5,8" are 5.8). A group
/// of three digits after a mark is read as thousands.
pub(crate) fn number_key(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut groups = raw.split(['.', ',']);
    out.push_str(groups.next().unwrap_or(""));
    for group in groups {
        if group.len() != 3 {
            out.push('.');
        }
        out.push_str(group);
    }
    out
}

/// Whether `raw` is a number as [`word_spans`] keeps one: digits, with `.` or `,` between them.
pub(crate) fn is_number(raw: &str) -> bool {
    raw.starts_with(|c: char| c.is_ascii_digit())
        && raw
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
}

/// The first [`STEM_LETTERS`] of a word of letters only; other words whole.
fn stem(folded: &str) -> &str {
    if !folded.chars().all(char::is_alphabetic) {
        return folded;
    }
    match folded.char_indices().nth(STEM_LETTERS) {
        Some((end, _)) => &folded[..end],
        None => &folded[..singular_len(folded.as_bytes())],
    }
}

/// How much of a short word (of letters, folded or not) its term keeps: a plural's `s` is
/// dropped ("jobs" is "job"), but not the `s` of "-ss", "-us" or "-is" ("press", "virus",
/// "crisis"); words of three letters stay whole.
fn singular_len(word: &[u8]) -> usize {
    match word {
        [.., before, last]
            if word.len() >= 4
                && last.eq_ignore_ascii_case(&b's')
                && !matches!(before.to_ascii_lowercase(), b's' | b'u' | b'i') =>
        {
            word.len() - 1
        }
        _ => word.len(),
    }
}

/// A written word (its hyphens at either end dropped) folded, or `None` for a word too short
/// (under three letters, or two digits) or a stop word.
fn kept_word(raw: &str) -> Option<String> {
    // A letter and a digit ("J6", "G7", "5G") name a thing as much as a longer word does.
    let long_enough = match raw.bytes().any(|b| b.is_ascii_digit()) {
        true => raw.len() >= 2,
        false => raw.chars().count() >= 3,
    };
    let folded = long_enough.then(|| fold(raw))?;
    (!stop_hashes().contains(&hash_word(&folded))).then_some(folded)
}

/// A written word's term (a number's key, or the folded word stemmed), or `None` for a word
/// too short (under three letters or two digits) or a stop word.
pub fn term_key(raw: &str) -> Option<String> {
    let raw = raw.trim_matches('-');
    if is_number(raw) {
        return Some(number_key(raw)).filter(|key| key.len() >= 2);
    }
    kept_word(raw).map(|folded| stem(&folded).to_string())
}

/// Whether a written word is worth keeping as a term: at least three letters (or two
/// digits), not a stop word.
pub fn is_kept_word(raw: &str) -> bool {
    kept_word(raw.trim_matches('-')).is_some()
}

/// The words of `text` that have a term, each as its term (see [`term_key`]: "vaccine" and
/// "Vaccines" are one) and as written, its hyphens at either end dropped. The end of a name
/// with a dot inside (the "com" of "Kompas.com", the "js" of "Node.js") is no word of it.
pub fn keyed_words(text: &str) -> impl Iterator<Item = (String, &str)> + '_ {
    word_spans(text).filter_map(|(start, end, _)| {
        let after_a_dot = text[..start]
            .strip_suffix('.')
            .and_then(|before| before.chars().next_back())
            .is_some_and(char::is_alphanumeric);
        if after_a_dot {
            return None;
        }
        let written = text[start..end].trim_matches('-');
        Some((term_key(written)?, written))
    })
}

/// The hashes of the stop words, looked up instead of the words.
fn stop_hashes() -> &'static rustc_hash::FxHashSet<u32> {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<u32>> = std::sync::OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.iter().map(|w| hash_word(w)).collect())
}

/// Calls `found` with the hash of each term of `text` (a word's [`term_key`], then each part
/// of a compound's, hashed), whether its word is a name, and whether the term has a digit (a
/// number, "J6", "34-year-old") and is not a year, for at most `limit` words read; returns
/// how many were read. A word of ASCII letters and digits alone — nearly every word — is
/// folded, stemmed and hashed in the pass that finds where it ends, with no copy; any other
/// is read as [`word_spans`] reads it.
fn each_term(text: &str, limit: usize, mut found: impl FnMut(u32, bool, bool)) -> usize {
    let bytes = text.as_bytes();
    let mut read = 0;
    let mut at = 0;
    let mut sentence_start = true;
    while read < limit {
        let Some(start) = next_word(text, at, &mut sentence_start) else {
            break;
        };
        let starts = std::mem::replace(&mut sentence_start, false);
        read += 1;
        let mut hashes = FoldedHashes::default();
        at = start;
        while let Some(&byte) = bytes.get(at) {
            if BYTE_CLASS[usize::from(byte)] & LETTER_OR_DIGIT == 0 {
                break;
            }
            hashes.push(byte);
            at += 1;
        }
        let end = word_end(text, start, at);
        if end != at || at == start {
            // A hyphen, a character beyond ASCII or a number's mark: the whole word, read
            // as written.
            at = end;
            word_terms(&text[start..end], starts, &mut found);
            continue;
        }
        let word = &bytes[start..end];
        let name = !starts && word[0].is_ascii_uppercase();
        letters_and_digits_term(word, &hashes, name, &mut found);
    }
    read
}

/// FNV-1a's start and multiplier (see [`hash_word`]).
const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;

/// A word's hashes as it is folded a byte at a time: the whole word's, its first
/// [`STEM_LETTERS`] bytes' and all but its last byte's (a plural's stem); and whether it has
/// a digit.
struct FoldedHashes {
    whole: u32,
    after_stem: u32,
    before_last: u32,
    len: usize,
    digits: bool,
}

impl Default for FoldedHashes {
    fn default() -> Self {
        FoldedHashes {
            whole: FNV_OFFSET,
            after_stem: FNV_OFFSET,
            before_last: FNV_OFFSET,
            len: 0,
            digits: false,
        }
    }
}

impl FoldedHashes {
    fn push(&mut self, byte: u8) {
        self.digits |= byte.is_ascii_digit();
        self.before_last = self.whole;
        self.whole = (self.whole ^ u32::from(byte.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
        self.len += 1;
        if self.len == STEM_LETTERS {
            self.after_stem = self.whole;
        }
    }
}

/// The term of a word of ASCII letters and digits alone (see [`term_key`]), from its
/// `hashes`: a word of letters stemmed, unless a stop word or under three letters; a number
/// its own key; letters and digits ("J6", "5G") folded, never stemmed, never a year.
/// Inlined: it is called for nearly every word read, and a call took a tenth of the scan.
#[inline(always)]
fn letters_and_digits_term(
    word: &[u8],
    hashes: &FoldedHashes,
    name: bool,
    found: &mut impl FnMut(u32, bool, bool),
) {
    let len = word.len();
    let stops = stop_hashes();
    if !hashes.digits {
        if len >= 3 && !stops.contains(&hashes.whole) {
            let hash = match len > STEM_LETTERS {
                true => hashes.after_stem,
                false if singular_len(word) < len => hashes.before_last,
                false => hashes.whole,
            };
            found(hash, name, false);
        }
    } else if word.iter().all(u8::is_ascii_digit) {
        // A number with no marks is its own key (and no stop word).
        if len >= 2 {
            found(hashes.whole, name, !is_year(word));
        }
    } else if len >= 2 && !stops.contains(&hashes.whole) {
        found(hashes.whole, name, true);
    }
}

/// The terms of one written word as [`word_spans`] gives it: its hyphens at either end dropped,
/// the whole word's term, then each part's of a compound.
fn word_terms(raw: &str, starts: bool, found: &mut impl FnMut(u32, bool, bool)) {
    // Hyphens off both ends, by bytes (a hyphen is ASCII, so this cuts no character).
    let bytes = raw.as_bytes();
    let first = bytes.iter().position(|&b| b != b'-').unwrap_or(bytes.len());
    let last = bytes
        .iter()
        .rposition(|&b| b != b'-')
        .map_or(first, |at| at + 1);
    let word = &raw[first..last];
    let name = !starts
        && match word.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => word.starts_with(char::is_uppercase),
        };
    term_of(word, name, found);
    // A compound's parts are terms too: "Fauci-funded" names Fauci, "Biden-Putin" both.
    if word.contains('-') {
        for part in word.split('-') {
            term_of(part, name, found);
        }
    }
}

/// Whether a term is a year from 1900 to 2099: a number that every report of that year may
/// give, so not one that tells events apart.
pub(crate) fn is_year(key: &[u8]) -> bool {
    key.len() == 4
        && (key.starts_with(b"19") || key.starts_with(b"20"))
        && key.iter().all(u8::is_ascii_digit)
}

/// One written word's term, if it has one (see [`each_term`]).
fn term_of(word: &str, name: bool, found: &mut impl FnMut(u32, bool, bool)) {
    let bytes = word.as_bytes();
    if bytes.iter().all(u8::is_ascii_alphanumeric) {
        let mut hashes = FoldedHashes::default();
        for &byte in bytes {
            hashes.push(byte);
        }
        letters_and_digits_term(bytes, &hashes, name, found);
    } else if let Some(key) = term_key(word) {
        let digits = bytes.iter().any(u8::is_ascii_digit);
        found(hash_word(&key), name, digits && !is_year(key.as_bytes()));
    }
}

/// The article's terms: the headline's words weigh 4, the opening's 1; a name half as much
/// again. At most [`KEPT_TERMS`], heaviest first, then by hash, so the same text always gives
/// the same terms.
pub fn story_terms(article: &Article) -> Vec<Term> {
    // Counted in halves, so every count is a whole number.
    let title_halves = (TITLE_WEIGHT * 2.0) as u16;
    let mut terms = TermCounts::default();
    let mut add = |hash: u32, name: bool, halves: u16, specific: bool| {
        terms.add(hash, if name { halves / 2 * 3 } else { halves }, specific);
    };
    if !article.title_derived {
        // A headline's capitals say little (many are in title case): only its numbers are
        // specific there.
        each_term(&article.title, usize::MAX, |hash, name, number| {
            add(hash, name, title_halves, number)
        });
    }
    let mut budget = OPENING_WORDS;
    for paragraph in article.lead.iter().chain(&article.paragraphs) {
        if budget == 0 {
            break;
        }
        budget -= each_term(paragraph, budget, |hash, name, number| {
            add(hash, name, 2, name || number)
        });
    }
    let mut terms = terms.terms;
    // The heaviest, then by hash: an order with no ties, so the same terms always win.
    let heavier_first = |a: &Term, b: &Term| {
        b.halves()
            .cmp(&a.halves())
            .then({ a.hash }.cmp(&{ b.hash }))
    };
    if terms.len() > KEPT_TERMS {
        terms.select_nth_unstable_by(KEPT_TERMS, heavier_first);
        terms.truncate(KEPT_TERMS);
    }
    terms.sort_unstable_by_key(|t| t.hash);
    terms
}

/// Each term's count as the words are read: the terms in the order first seen, and where
/// each hash's term is (a term's count is the same whatever order its words are added in, as
/// counts only saturate).
struct TermCounts {
    terms: Vec<Term>,
    at: rustc_hash::FxHashMap<u32, usize>,
}

impl Default for TermCounts {
    fn default() -> TermCounts {
        TermCounts {
            terms: Vec::with_capacity(OPENING_WORDS + 24),
            at: rustc_hash::FxHashMap::with_capacity_and_hasher(
                OPENING_WORDS + 24,
                Default::default(),
            ),
        }
    }
}

impl TermCounts {
    fn add(&mut self, hash: u32, halves: u16, specific: bool) {
        match self.at.entry(hash) {
            std::collections::hash_map::Entry::Occupied(at) => {
                let term = &mut self.terms[*at.get()];
                *term = Term::new(
                    hash,
                    term.halves().saturating_add(halves),
                    specific || term.is_specific(),
                );
            }
            std::collections::hash_map::Entry::Vacant(at) => {
                at.insert(self.terms.len());
                self.terms.push(Term::new(hash, halves, specific));
            }
        }
    }
}

#[cfg(test)]
#[path = "terms_tests.rs"]
mod tests;
