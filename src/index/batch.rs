//! Indexing a batch of articles on a loader thread: each body's words, and its runs of words
//! joined by punctuation, with the batch-local index of each article holding them.

use crate::article::Article;
use crate::article::fold::general_punctuation_at;
use std::hash::BuildHasher;

/// Words of a batch of articles, with the batch-local index of each article holding them.
#[derive(Debug, Default)]
pub struct BatchIndex {
    pub(super) words: BatchWords,
    /// Runs of words joined by punctuation (see [`each_word`]).
    pub(super) joined: BatchWords,
    /// For each article, the letters and digits its words start with (see [`initial_bit`]).
    pub(super) initials: Vec<u64>,
}

/// The bit standing for words that start with `c`: a–z and 0–9 have one each; any other
/// character shares the last.
pub(super) fn initial_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ => 1 << 63,
    }
}

/// A batch's index as lists, to be stored and read back (the parse cache): each word, and
/// each joined run, with the batch-local indices of the articles holding it; and each
/// article's word initials.
#[derive(Debug)]
pub struct BatchLists<'a> {
    pub words: Vec<(&'a str, &'a [u32])>,
    pub joined: Vec<(&'a str, &'a [u32])>,
    pub initials: &'a [u64],
}

impl BatchIndex {
    /// The index as lists.
    pub fn lists(&self) -> BatchLists<'_> {
        BatchLists {
            words: self.words.lists().collect(),
            joined: self.joined.lists().collect(),
            initials: &self.initials,
        }
    }

    /// An index of these lists (as [`BatchIndex::lists`] gave them).
    pub fn from_lists(
        words: Vec<(Box<str>, Vec<u32>)>,
        joined: Vec<(Box<str>, Vec<u32>)>,
        initials: Vec<u64>,
    ) -> BatchIndex {
        BatchIndex {
            words: BatchWords::from_lists(words),
            joined: BatchWords::from_lists(joined),
            initials,
        }
    }

    /// Indexes the search text of `articles`, numbered from 0 in order.
    pub fn build(articles: &[Article]) -> BatchIndex {
        let mut words = WordsBuilder::default();
        let mut joined = WordsBuilder::default();
        let mut initials = Vec::with_capacity(articles.len());
        for (local, article) in articles.iter().enumerate() {
            let local = local as u32;
            let starts = article.search_body.with(|body| {
                let mut starts = 0;
                each_word(
                    body,
                    |word| {
                        starts |= word.chars().next().map_or(0, initial_bit);
                        words.add(word, local);
                    },
                    |run| joined.add(run, local),
                );
                starts
            });
            initials.push(starts);
        }
        BatchIndex {
            words: words.finish(),
            joined: joined.finish(),
            initials,
        }
    }
}

/// A batch's words, each with the batch-local indices of the articles holding it: the words'
/// bytes one after another in one string, and their lists one after another in one vector.
/// A batch of 256 articles has tens of thousands of different words; two allocations for
/// each, made on a loading thread and freed on the reader's, were millions at 100,000
/// articles.
#[derive(Debug, Default)]
pub(super) struct BatchWords {
    text: String,
    articles: Vec<u32>,
    /// For each word, where its bytes end in `text` and its articles in `articles` (each
    /// starts where the one before ends).
    ends: Vec<(u32, u32)>,
}

impl BatchWords {
    /// Each word with the articles holding it, in the order the words were first met.
    pub(super) fn lists(&self) -> impl Iterator<Item = (&str, &[u32])> {
        let starts = std::iter::once((0, 0)).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|((word, list), &(word_end, list_end))| {
                (
                    &self.text[word as usize..word_end as usize],
                    &self.articles[list as usize..list_end as usize],
                )
            })
    }

    /// These words and lists (each word once).
    fn from_lists(lists: Vec<(Box<str>, Vec<u32>)>) -> BatchWords {
        let mut words = BatchWords::default();
        for (word, articles) in lists {
            words.push(&word, &articles);
        }
        words
    }

    fn push(&mut self, word: &str, articles: &[u32]) {
        self.text.push_str(word);
        self.articles.extend_from_slice(articles);
        self.ends
            .push((self.text.len() as u32, self.articles.len() as u32));
    }
}

/// [`BatchWords`] being gathered: every word of every body is looked up here, so the table
/// keeps each word's hash and where its bytes are, and the article last noted for it.
#[derive(Debug, Default)]
struct WordsBuilder {
    table: hashbrown::HashTable<Seen>,
    /// Each word's bytes, one after another.
    text: String,
    /// For each word (in the order first met), its place in `text`.
    spans: Vec<(u32, u32)>,
    /// (word, article) for each article a word is in, in the order found.
    found: Vec<(u32, u32)>,
}

#[derive(Debug)]
struct Seen {
    hash: u64,
    word: u32,
    /// The last article noted: articles come in order, so a repeat is this one.
    last: u32,
}

impl WordsBuilder {
    /// Notes that article `local` holds `word`.
    fn add(&mut self, word: &str, local: u32) {
        let hash = rustc_hash::FxBuildHasher.hash_one(word);
        let (text, spans) = (&self.text, &self.spans);
        let same = |seen: &Seen| {
            seen.hash == hash && {
                let (start, end) = spans[seen.word as usize];
                same_bytes(
                    &text.as_bytes()[start as usize..end as usize],
                    word.as_bytes(),
                )
            }
        };
        match self.table.find_mut(hash, same) {
            Some(seen) => {
                if seen.last != local {
                    seen.last = local;
                    self.found.push((seen.word, local));
                }
            }
            None => {
                let id = self.spans.len() as u32;
                let start = self.text.len() as u32;
                self.text.push_str(word);
                self.spans.push((start, self.text.len() as u32));
                self.found.push((id, local));
                self.table.insert_unique(
                    hash,
                    Seen {
                        hash,
                        word: id,
                        last: local,
                    },
                    |seen| seen.hash,
                );
            }
        }
    }

    /// The words with their lists, each list in the order found (the articles' order).
    fn finish(mut self) -> BatchWords {
        // Held until the reader merges the batch (and the cache has written it).
        self.text.shrink_to_fit();
        let mut list_ends = vec![0u32; self.spans.len()];
        for &(word, _) in &self.found {
            list_ends[word as usize] += 1;
        }
        let mut total = 0;
        for end in &mut list_ends {
            total += *end;
            *end = total;
        }
        // Filled from each list's end backwards, reading `found` backwards, so that each list
        // keeps the order found.
        let mut next = list_ends.clone();
        let mut articles = vec![0u32; self.found.len()];
        for &(word, local) in self.found.iter().rev() {
            let at = &mut next[word as usize];
            *at -= 1;
            articles[*at as usize] = local;
        }
        BatchWords {
            ends: (self.spans.iter().zip(list_ends))
                .map(|(&(_, word_end), list_end)| (word_end, list_end))
                .collect(),
            text: self.text,
            articles,
        }
    }
}

/// Whether two words are the same, comparing eight bytes at a time without a call for the
/// short words most are.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a.len() < 8 {
        return a.iter().zip(b).all(|(x, y)| x == y);
    }
    if a.len() > 16 {
        return a == b;
    }
    // 8 to 16 bytes: the first eight and the last eight (which may overlap).
    let word =
        |bytes: &[u8], at: usize| u64::from_ne_bytes(bytes[at..at + 8].try_into().expect("eight"));
    let last = a.len() - 8;
    word(a, 0) == word(b, 0) && word(a, last) == word(b, last)
}

/// Which bytes are ASCII letters and digits, looked up rather than compared.
static ASCII_ALPHANUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = (byte as u8).is_ascii_alphanumeric();
        byte += 1;
    }
    table
};

/// Calls `word` with each word of `text`: each run of letters and digits, in order; and
/// `joined` with each run of two or more words joined by other characters with no white
/// space between, from its first letter or digit to its last ("jong-un" of "(jong-un),").
/// Reads bytes, decoding a character only where one is not ASCII, as folded text is mostly
/// ASCII.
pub fn each_word<'t>(
    text: &'t str,
    mut word: impl FnMut(&'t str),
    mut joined: impl FnMut(&'t str),
) {
    let bytes = text.as_bytes();
    let alphanumeric = |byte: u8| ASCII_ALPHANUMERIC[usize::from(byte)];
    // The character at `at`: whether it is a letter or digit, white space, and its length.
    let class = |at: usize| -> (bool, bool, usize) {
        let byte = bytes[at];
        if byte < 0x80 {
            (byte.is_ascii_alphanumeric(), byte.is_ascii_whitespace(), 1)
        } else if let Some(space) = general_punctuation_at(bytes, at) {
            (false, space, 3)
        } else {
            let c = text[at..].chars().next().expect("at a character boundary");
            (c.is_alphanumeric(), c.is_whitespace(), c.len_utf8())
        }
    };
    // The current run of joined words: where its first word starts, where its last ended,
    // and how many words it has.
    let mut run_from = 0;
    let mut run_to = 0;
    let mut run_words = 0;
    let mut end_run = |run_words: &mut usize, run_from: usize, run_to: usize| {
        if *run_words > 1 {
            joined(&text[run_from..run_to]);
        }
        *run_words = 0;
    };
    let mut at = 0;
    loop {
        // Up to the next word, ending the run of joined words at white space.
        while at < bytes.len() {
            let byte = bytes[at];
            if alphanumeric(byte) {
                break;
            }
            if byte < 0x80 {
                if byte == b' ' || byte.is_ascii_whitespace() {
                    end_run(&mut run_words, run_from, run_to);
                }
                at += 1;
                continue;
            }
            let (in_word, space, len) = class(at);
            if in_word {
                break;
            }
            if space {
                end_run(&mut run_words, run_from, run_to);
            }
            at += len;
        }
        if at >= bytes.len() {
            break;
        }
        let from = at;
        while at < bytes.len() {
            let byte = bytes[at];
            if alphanumeric(byte) {
                at += 1;
                continue;
            }
            if byte < 0x80 {
                break;
            }
            let (in_word, _, len) = class(at);
            if !in_word {
                break;
            }
            at += len;
        }
        word(&text[from..at]);
        if run_words == 0 {
            run_from = from;
        }
        run_to = at;
        run_words += 1;
    }
    end_run(&mut run_words, run_from, run_to);
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Each word's list holds every article whose text has it, once each and in order,
        /// as a plain map would gather them; and the lists survive being stored and read back.
        #[test]
        fn each_word_lists_the_articles_holding_it(
            texts in proptest::collection::vec("[abc]{1,3}( [abc]{1,3}){0,6}", 0..12)
        ) {
            let mut want: std::collections::BTreeMap<&str, Vec<u32>> = Default::default();
            let mut builder = WordsBuilder::default();
            for (local, text) in texts.iter().enumerate() {
                for word in text.split(' ') {
                    builder.add(word, local as u32);
                    let list = want.entry(word).or_default();
                    if list.last() != Some(&(local as u32)) {
                        list.push(local as u32);
                    }
                }
            }
            let words = builder.finish();
            let got: std::collections::BTreeMap<&str, Vec<u32>> =
                words.lists().map(|(word, list)| (word, list.to_vec())).collect();
            proptest::prop_assert_eq!(&got, &want);
            proptest::prop_assert_eq!(words.lists().count(), want.len(), "each word once");
            let owned = words
                .lists()
                .map(|(word, list)| (Box::<str>::from(word), list.to_vec()))
                .collect();
            let back = BatchWords::from_lists(owned);
            proptest::prop_assert!(back.lists().eq(words.lists()));
        }

        /// The words are the runs of letters and digits, and the joined runs are the text
        /// between spaces, trimmed to its letters and digits, where that has two words or more.
        #[test]
        fn words_and_joined_runs_whatever_the_text(text in "[a-zA-Z0-9 .,'é—“”ß\\u{300}\\u{660}\\u{4e00}\\u{a0}\\n\\u{2000}-\\u{203f}\\u{2070}\\u{205f}-]{0,40}") {
            let mut got = Vec::new();
            let mut joined = Vec::new();
            each_word(&text, |w| got.push(w), |run| joined.push(run));
            let want: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            proptest::prop_assert_eq!(got, want);
            let words_in = |t: &str| t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count();
            let want_joined: Vec<&str> = text
                .split(char::is_whitespace)
                .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
                .filter(|t| words_in(t) > 1)
                .collect();
            proptest::prop_assert_eq!(joined, want_joined);
        }
    }
}
