//! A word index over article bodies, so a body search costs a lookup rather than a scan of
//! every article. Words are the runs of letters and digits of the folded body text; a term
//! made only of letters and digits starts a word exactly when some indexed word starts with
//! it. Words joined by punctuation with no space between ("jong-un", "u.s", "19/6/2024") are
//! also kept whole, so a term like them is answered too. Built in batches on the loader's
//! threads and merged as batches arrive.

use crate::article::Article;
use std::collections::BTreeMap;
use std::hash::BuildHasher;

/// Words of a batch of articles, with the batch-local index of each article holding them.
#[derive(Debug, Default)]
pub struct BatchIndex {
    words: BatchWords,
    /// Runs of words joined by punctuation (see [`each_word`]).
    joined: BatchWords,
    /// For each article, the letters and digits its words start with (see [`initial_bit`]).
    initials: Vec<u64>,
}

/// The bit standing for words that start with `c`: a–z and 0–9 have one each; any other
/// character shares the last.
fn initial_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ => 1 << 63,
    }
}

impl BatchIndex {
    /// Indexes the search text of `articles`, numbered from 0 in order.
    pub fn build(articles: &[Article]) -> BatchIndex {
        let mut words = BatchWords::default();
        let mut joined = BatchWords::default();
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
            words,
            joined,
            initials,
        }
    }
}

/// A batch's words, each with the batch-local indices of the articles holding it. Every word
/// of every body is looked up here, so the table keeps each word's hash and compares short
/// words inline.
#[derive(Debug, Default)]
struct BatchWords {
    table: hashbrown::HashTable<BatchWord>,
}

#[derive(Debug)]
struct BatchWord {
    hash: u64,
    word: Box<str>,
    articles: Vec<u32>,
}

impl BatchWords {
    /// Notes that article `local` holds `word`.
    fn add(&mut self, word: &str, local: u32) {
        let hash = rustc_hash::FxBuildHasher.hash_one(word);
        match self.table.find_mut(hash, |entry| {
            entry.hash == hash && same_bytes(&entry.word, word)
        }) {
            // Articles come in order, so a repeat of this article is the last entry.
            Some(entry) => {
                if entry.articles.last() != Some(&local) {
                    entry.articles.push(local);
                }
            }
            None => {
                self.table.insert_unique(
                    hash,
                    BatchWord {
                        hash,
                        word: word.into(),
                        articles: vec![local],
                    },
                    |entry| entry.hash,
                );
            }
        }
    }

    fn into_lists(self) -> impl Iterator<Item = (Box<str>, Vec<u32>)> {
        self.table
            .into_iter()
            .map(|entry| (entry.word, entry.articles))
    }
}

/// Whether two words are the same, comparing eight bytes at a time without a call for the
/// short words most are.
fn same_bytes(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
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

/// Every article's words, in order, for prefix lookups.
#[derive(Debug, Default)]
pub struct WordIndex {
    words: BTreeMap<Box<str>, Postings>,
    /// Runs of words joined by punctuation, whole ("jong-un").
    joined: BTreeMap<Box<str>, Postings>,
    /// Each article's word initials, by store index: a one-letter lookup reads these rather
    /// than the lists of every word starting with that letter.
    initials: Vec<u64>,
}

/// The articles holding one word, in increasing order. A rare word's articles are kept as
/// the distance from the one before in as few bytes as it needs (seven bits a byte, the high
/// bit saying more follow); a common word's ("the", "yang") — once its list would take more
/// than one bit per article — as one bit per article instead, as compressed bitmap indexes
/// do: a word in most articles then takes an eighth of a byte each.
#[derive(Debug, Default)]
struct Postings {
    held: Held,
    /// One past the last article added: the next one's distance is counted from here.
    next: u32,
    len: u32,
}

#[derive(Debug)]
enum Held {
    Gaps(Vec<u8>),
    Bits(Vec<u64>),
}

impl Default for Held {
    fn default() -> Held {
        Held::Gaps(Vec::new())
    }
}

/// Adds a distance to a list of gaps, seven bits a byte.
fn push_gap(bytes: &mut Vec<u8>, mut gap: u32) {
    while gap >= 0x80 {
        bytes.push(gap as u8 | 0x80);
        gap >>= 7;
    }
    bytes.push(gap as u8);
}

impl Postings {
    /// Adds article `index`, which must be at least [`Postings::next`].
    fn push(&mut self, index: u32) {
        debug_assert!(index >= self.next, "articles are added in order");
        match &mut self.held {
            // A list of one article allocates nothing: most words are in one article only.
            Held::Gaps(_) if self.len == 0 => {}
            Held::Gaps(bytes) => {
                if self.len == 1 {
                    push_gap(bytes, self.next - 1);
                }
                push_gap(bytes, index - self.next);
            }
            Held::Bits(bits) => {
                let word = index as usize / 64;
                if bits.len() <= word {
                    bits.resize(word + 1, 0);
                }
                bits[word] |= 1 << (index % 64);
            }
        }
        self.next = index + 1;
        self.len += 1;
        if let Held::Gaps(bytes) = &self.held
            && bytes.len() > 64
            && bytes.len() > (self.next as usize).div_ceil(64) * 8
        {
            let mut bits = vec![0u64; (self.next as usize).div_ceil(64)];
            for index in self.iter() {
                bits[index as usize / 64] |= 1 << (index % 64);
            }
            self.held = Held::Bits(bits);
        }
    }

    /// The articles, in order.
    fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        let mut at = 0;
        let mut next = 0u32;
        let mut word = 0usize;
        let mut left = 0u64;
        let mut only = (self.len == 1).then(|| self.next - 1);
        std::iter::from_fn(move || match &self.held {
            Held::Gaps(_) if self.len == 1 => only.take(),
            Held::Gaps(bytes) => {
                let mut gap = 0u32;
                let mut shift = 0;
                loop {
                    let byte = *bytes.get(at)?;
                    at += 1;
                    gap |= u32::from(byte & 0x7f) << shift;
                    if byte < 0x80 {
                        break;
                    }
                    shift += 7;
                }
                let index = next + gap;
                next = index + 1;
                Some(index)
            }
            Held::Bits(bits) => {
                while left == 0 {
                    left = *bits.get(word)?;
                    word += 1;
                }
                let bit = left.trailing_zeros();
                left &= left - 1;
                Some((word as u32 - 1) * 64 + bit)
            }
        })
    }

    /// Adds the articles below `covers` to `set` (one bit an article).
    fn add_to(&self, set: &mut [u64], covers: usize) {
        match &self.held {
            Held::Bits(bits) => {
                let whole = covers / 64;
                for (into, from) in set.iter_mut().zip(bits).take(whole) {
                    *into |= from;
                }
                if !covers.is_multiple_of(64)
                    && let (Some(into), Some(from)) = (set.get_mut(whole), bits.get(whole))
                {
                    *into |= from & ((1u64 << (covers % 64)) - 1);
                }
            }
            Held::Gaps(_) => {
                for index in self.iter() {
                    let index = index as usize;
                    if index >= covers {
                        break;
                    }
                    set[index / 64] |= 1 << (index % 64);
                }
            }
        }
    }

    /// The bytes the list has allocated.
    fn held_bytes(&self) -> usize {
        match &self.held {
            Held::Gaps(bytes) => bytes.capacity(),
            Held::Bits(bits) => bits.capacity() * 8,
        }
    }
}

/// A set of article indices, one bit each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleSet {
    bits: Vec<u64>,
    /// Articles the set speaks for (those indexed when it was made).
    pub covers: usize,
}

impl ArticleSet {
    /// The set of `indices`, speaking for the first `covers` articles.
    pub fn from_indices(indices: impl IntoIterator<Item = usize>, covers: usize) -> ArticleSet {
        let mut bits = vec![0u64; covers.div_ceil(64)];
        for index in indices.into_iter().filter(|&i| i < covers) {
            bits[index / 64] |= 1 << (index % 64);
        }
        ArticleSet { bits, covers }
    }

    /// Whether the set holds `index`; None when the set does not cover it.
    pub fn get(&self, index: usize) -> Option<bool> {
        (index < self.covers).then(|| self.bits[index / 64] >> (index % 64) & 1 == 1)
    }
}

impl WordIndex {
    /// What the index holds, in bytes: its words (with the map's own nodes, estimated) and
    /// its lists of articles (as allocated); and how many entries those lists have.
    pub fn held_bytes(&self) -> (usize, usize, usize) {
        let vocabularies = [&self.words, &self.joined];
        let words = vocabularies
            .iter()
            .flat_map(|v| v.keys())
            .map(|w| w.len() + std::mem::size_of::<(Box<str>, Postings)>())
            .sum::<usize>();
        let lists = vocabularies
            .iter()
            .flat_map(|v| v.values())
            .map(Postings::held_bytes)
            .sum::<usize>();
        let entries = vocabularies
            .iter()
            .flat_map(|v| v.values())
            .map(|l| l.len as usize)
            .sum::<usize>();
        (words + self.initials.capacity() * 8, lists, entries)
    }

    /// Adds a batch whose articles start at store index `first`.
    pub fn merge(&mut self, batch: BatchIndex, first: usize) {
        if self.initials.len() < first + batch.initials.len() {
            self.initials.resize(first + batch.initials.len(), 0);
        }
        self.initials[first..first + batch.initials.len()].copy_from_slice(&batch.initials);
        let first = first as u32;
        for (vocabulary, lists) in [
            (&mut self.words, batch.words),
            (&mut self.joined, batch.joined),
        ] {
            for (word, locals) in lists.into_lists() {
                let list = vocabulary.entry(word).or_default();
                for local in locals {
                    list.push(local + first);
                }
            }
        }
    }

    /// The articles (of the first `covers`) whose body has a word starting with `prefix`.
    /// `prefix` must be folded and made only of letters and digits.
    pub fn with_prefix(&self, prefix: &str, covers: usize) -> ArticleSet {
        // Articles not indexed yet are not answered for.
        let covers = covers.min(self.initials.len());
        let mut bits = vec![0u64; covers.div_ceil(64)];
        let mut letters = prefix.chars();
        if let (Some(letter), None) = (letters.next(), letters.next())
            && initial_bit(letter) != 1 << 63
        {
            let want = initial_bit(letter);
            for (index, &starts) in self.initials.iter().enumerate().take(covers) {
                if starts & want != 0 {
                    bits[index / 64] |= 1 << (index % 64);
                }
            }
            return ArticleSet { bits, covers };
        }
        let range = self.words.range::<str, _>((
            std::ops::Bound::Included(prefix),
            std::ops::Bound::Unbounded,
        ));
        for (_, articles) in range.take_while(|(word, _)| word.starts_with(prefix)) {
            articles.add_to(&mut bits, covers);
        }
        ArticleSet { bits, covers }
    }

    /// The articles (of the first `covers`) whose body has a word holding `piece` anywhere.
    /// `piece` must be folded and made only of letters and digits. Reads every word once: a
    /// vocabulary is far smaller than the text.
    pub fn containing(&self, piece: &str, covers: usize) -> ArticleSet {
        let covers = covers.min(self.initials.len());
        let mut bits = vec![0u64; covers.div_ceil(64)];
        let finder = memchr::memmem::Finder::new(piece);
        for (_, articles) in self
            .words
            .iter()
            .filter(|(word, _)| finder.find(word.as_bytes()).is_some())
        {
            articles.add_to(&mut bits, covers);
        }
        ArticleSet { bits, covers }
    }

    /// Whether a term can be looked up here rather than searched for.
    pub fn can_answer(term: &str) -> bool {
        !term.is_empty() && term.chars().all(char::is_alphanumeric)
    }

    /// Whether a term is words joined by punctuation, so that the runs of joined words
    /// answer for it: no white space (an occurrence then lies within one run of text
    /// between spaces) and a letter or digit first and last (so the occurrence lies within
    /// that text's run of joined words, whatever punctuation is around it).
    pub fn can_answer_joined(term: &str) -> bool {
        let edges_are_words = term.chars().next().is_some_and(char::is_alphanumeric)
            && term.chars().next_back().is_some_and(char::is_alphanumeric);
        edges_are_words
            && !term.chars().any(char::is_whitespace)
            && !term.chars().all(char::is_alphanumeric)
    }

    /// The articles (of the first `covers`) with a run of joined words holding `term` (see
    /// [`WordIndex::can_answer_joined`]); only where a word starts, when `at_word_start`.
    pub fn joined_holding(&self, term: &str, at_word_start: bool, covers: usize) -> ArticleSet {
        let covers = covers.min(self.initials.len());
        let mut bits = vec![0u64; covers.div_ceil(64)];
        let finder = memchr::memmem::Finder::new(term);
        for (_, articles) in self.joined.iter().filter(|(run, _)| {
            finder
                .find_iter(run.as_bytes())
                .any(|at| !at_word_start || crate::article::fold::starts_word(run, at))
        }) {
            articles.add_to(&mut bits, covers);
        }
        ArticleSet { bits, covers }
    }

    /// How many distinct words are indexed.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_read_back_what_was_added() {
        let indices = [
            0u32,
            1,
            2,
            127,
            128,
            129,
            300,
            16_383,
            16_384,
            2_000_000,
            u32::MAX - 1,
        ];
        let mut list = Postings::default();
        for &i in &indices {
            list.push(i);
        }
        assert_eq!(list.iter().collect::<Vec<_>>(), indices);
        assert_eq!(list.len as usize, indices.len());
        assert!(
            matches!(list.held, Held::Gaps(_)),
            "a sparse list keeps gaps"
        );
        // Articles a little apart take a byte each.
        let mut apart = Postings::default();
        (1000..2000).step_by(10).for_each(|i| apart.push(i));
        assert!(matches!(&apart.held, Held::Gaps(bytes) if bytes.len() == 2 + 99));
        let mut one = Postings::default();
        one.push(300);
        assert!(matches!(&one.held, Held::Gaps(bytes) if bytes.capacity() == 0));
        assert_eq!(one.iter().collect::<Vec<_>>(), [300]);
        // A word in nearly every article takes a bit each.
        let mut close = Postings::default();
        (1000..2000).for_each(|i| close.push(i));
        assert!(matches!(&close.held, Held::Bits(bits) if bits.len() == 2000usize.div_ceil(64)));
        assert_eq!(
            close.iter().collect::<Vec<_>>(),
            (1000..2000).collect::<Vec<_>>()
        );
        assert_eq!(close.len, 1000);
    }

    proptest::proptest! {
        /// The words are the runs of letters and digits, and the joined runs are the text
        /// between spaces, trimmed to its letters and digits, where that has two words or more.
        #[test]
        fn words_and_joined_runs_whatever_the_text(text in "[a-zA-Z0-9 .,'é—“”ß\\u{300}\\u{660}\\u{4e00}\\u{a0}\\n-]{0,40}") {
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

        /// Whichever way a list is held, it reads back what was added, and adding it to a
        /// set (cut at any article) sets exactly those bits.
        #[test]
        fn postings_of_any_density_read_back(
            gaps in proptest::collection::vec(0u32..300, 0..600),
            spread in 1u32..300,
            covers in 0usize..40_000,
        ) {
            let mut indices = Vec::new();
            let mut at = 0u32;
            for gap in gaps {
                at += gap % spread;
                indices.push(at);
                at += 1;
            }
            let mut list = Postings::default();
            for &i in &indices {
                list.push(i);
            }
            proptest::prop_assert_eq!(list.iter().collect::<Vec<_>>(), indices.clone());
            let mut set = vec![0u64; covers.div_ceil(64)];
            list.add_to(&mut set, covers);
            let want = ArticleSet::from_indices(indices.iter().map(|&i| i as usize), covers);
            proptest::prop_assert_eq!(set, want.bits);
        }
    }
    use crate::article::parse::parse;
    use crate::filter::has_word_prefix;
    use crate::rules::Rules;

    /// `texts` parsed, and indexed in two batches (the first two, then the rest).
    fn indexed(texts: &[&str]) -> (Vec<Article>, WordIndex) {
        let articles: Vec<Article> = texts.iter().map(|t| parse(t, Rules::builtin())).collect();
        let mut index = WordIndex::default();
        index.merge(BatchIndex::build(&articles[..2]), 0);
        index.merge(BatchIndex::build(&articles[2..]), 2);
        (articles, index)
    }

    #[test]
    fn prefix_lookups_agree_with_scanning() {
        let texts = [
            "Judul Satu Yang Panjang\nKim mengunjungi Kosmodrom Vostochny di Timur Jauh.",
            "Judul Dua Yang Panjang\nSanksi (sanksi) berat dan jong-un serta 2024.",
            "Judul Tiga Yang Panjang\nPutin bertemu Kim; tidak ada kosmonot.",
        ];
        let (articles, index) = indexed(&texts);
        for term in [
            "kosmo",
            "vostochny",
            "sanksi",
            "un",
            "jong",
            "kim",
            "k",
            "2024",
            "2",
            "s",
            "v",
            "tidak",
            "zzz",
            "ostochny",
        ] {
            let set = index.with_prefix(term, articles.len());
            for (i, article) in articles.iter().enumerate() {
                assert_eq!(
                    set.get(i),
                    Some(article.search_body.with(|body| has_word_prefix(body, term))),
                    "{term} in {i}"
                );
            }
        }
        assert_eq!(index.with_prefix("kim", 2).get(2), None, "not covered");
        assert!(WordIndex::can_answer("putin") && !WordIndex::can_answer("jong-un"));
    }

    #[test]
    fn joined_words_lookups_agree_with_scanning() {
        let texts = [
            "Judul Satu\nKim Jong-un (Jong-Un), pada 19/6/2024 di U.S. dan negara-negara lain.",
            "Judul Dua\nMenurut Kim,Putin pergi; lalu \"jong-un.\" katanya; ke-2 kalinya.",
            "Judul Tiga\nTidak ada Jong Un, hanya jong- un dan 19 / 6 serta gojong-unik.",
            "Judul Empat\nKata kim-jong-un-lah: u.s.a. bukan ke-20, dan sama-sama.",
        ];
        let (articles, index) = indexed(&texts);
        for term in [
            "jong-un",
            "ong-un",
            "jong-u",
            "g-u",
            "19/6",
            "19/6/2024",
            "6/20",
            "u.s",
            "u.s.a",
            "s.a",
            "kim,putin",
            "m,p",
            "ke-2",
            "ke-20",
            "kim-jong",
            "un-lah",
            "sama-sama",
            "negara-n",
            "a-n",
        ] {
            assert!(WordIndex::can_answer_joined(term), "{term}");
            let prefixes = index.joined_holding(term, true, articles.len());
            let anywhere = index.joined_holding(term, false, articles.len());
            for (i, article) in articles.iter().enumerate() {
                assert_eq!(
                    prefixes.get(i),
                    Some(article.search_body.with(|body| has_word_prefix(body, term))),
                    "{term} starting a word in {i}"
                );
                assert_eq!(
                    anywhere.get(i),
                    Some(article.search_body.with(|body| body.contains(term))),
                    "{term} anywhere in {i}"
                );
            }
        }
        for term in ["jong-", "-un", "kim jong", "jong un", "putin", ""] {
            assert!(!WordIndex::can_answer_joined(term), "{term}");
        }
    }
}
