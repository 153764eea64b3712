//! A word index over article bodies, so a body search costs a lookup rather than a scan of
//! every article. Words are the runs of letters and digits of the folded body text; a term
//! made only of letters and digits starts a word exactly when some indexed word starts with
//! it. Built in batches on the loader's threads and merged as batches arrive.

use crate::article::Article;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// Words of a batch of articles, with the batch-local index of each article holding them.
#[derive(Debug, Default)]
pub struct BatchIndex {
    words: FxHashMap<Box<str>, Vec<u32>>,
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
        let mut words: FxHashMap<Box<str>, Vec<u32>> = FxHashMap::default();
        let mut initials = Vec::with_capacity(articles.len());
        for (local, article) in articles.iter().enumerate() {
            let local = local as u32;
            let starts = article.search_body.with(|body| {
                let mut starts = 0;
                for word in body
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                {
                    starts |= word.chars().next().map_or(0, initial_bit);
                    match words.get_mut(word) {
                        // Articles come in order, so a repeat of this article is the last entry.
                        Some(list) => {
                            if list.last() != Some(&local) {
                                list.push(local);
                            }
                        }
                        None => {
                            words.insert(word.into(), vec![local]);
                        }
                    }
                }
                starts
            });
            initials.push(starts);
        }
        BatchIndex { words, initials }
    }
}

/// Every article's words, in order, for prefix lookups.
#[derive(Debug, Default)]
pub struct WordIndex {
    words: BTreeMap<Box<str>, Postings>,
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

impl Postings {
    /// Adds article `index`, which must be at least [`Postings::next`].
    fn push(&mut self, index: u32) {
        debug_assert!(index >= self.next, "articles are added in order");
        match &mut self.held {
            Held::Gaps(bytes) => {
                let mut gap = index.saturating_sub(self.next);
                while gap >= 0x80 {
                    bytes.push(gap as u8 | 0x80);
                    gap >>= 7;
                }
                bytes.push(gap as u8);
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
        std::iter::from_fn(move || match &self.held {
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
        let words = self
            .words
            .keys()
            .map(|w| w.len() + std::mem::size_of::<(Box<str>, Postings)>())
            .sum::<usize>();
        let lists = self.words.values().map(Postings::held_bytes).sum::<usize>();
        let entries = self.words.values().map(|l| l.len as usize).sum::<usize>();
        (words + self.initials.capacity() * 8, lists, entries)
    }

    /// Adds a batch whose articles start at store index `first`.
    pub fn merge(&mut self, batch: BatchIndex, first: usize) {
        if self.initials.len() < first + batch.initials.len() {
            self.initials.resize(first + batch.initials.len(), 0);
        }
        self.initials[first..first + batch.initials.len()].copy_from_slice(&batch.initials);
        let first = first as u32;
        for (word, locals) in batch.words {
            let list = self.words.entry(word).or_default();
            for local in locals {
                list.push(local + first);
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

    #[test]
    fn prefix_lookups_agree_with_scanning() {
        let texts = [
            "Judul Satu Yang Panjang\nKim mengunjungi Kosmodrom Vostochny di Timur Jauh.",
            "Judul Dua Yang Panjang\nSanksi (sanksi) berat dan jong-un serta 2024.",
            "Judul Tiga Yang Panjang\nPutin bertemu Kim; tidak ada kosmonot.",
        ];
        let articles: Vec<Article> = texts.iter().map(|t| parse(t, Rules::builtin())).collect();
        let mut index = WordIndex::default();
        index.merge(BatchIndex::build(&articles[..2]), 0);
        index.merge(BatchIndex::build(&articles[2..]), 2);
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
}
