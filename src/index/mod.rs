//! A word index over article bodies, so a body search costs a lookup rather than a scan of
//! every article. Words are the runs of letters and digits of the folded body text; a term
//! made only of letters and digits starts a word exactly when some indexed word starts with
//! it. Words joined by punctuation with no space between ("jong-un", "u.s", "19/6/2024") are
//! also kept whole, so a term like them is answered too. Built in batches on the loader's
//! threads and merged as batches arrive.

mod batch;
mod postings;

pub use batch::{BatchIndex, BatchLists, each_word};

use batch::initial_bit;
use postings::Postings;
use std::collections::BTreeMap;

/// Every article's words, in order, for prefix lookups.
#[derive(Debug, Default)]
pub struct WordIndex {
    words: BTreeMap<Box<str>, Postings>,
    /// Runs of words joined by punctuation, whole ("jong-un"). Only ever read whole, so in no
    /// order: a hash map finds a run faster than a tree as batches are merged.
    joined: rustc_hash::FxHashMap<Box<str>, Postings>,
    /// Each article's word initials, by store index: a one-letter lookup reads these rather
    /// than the lists of every word starting with that letter.
    initials: Vec<u64>,
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
        let vocabulary = || self.words.iter().chain(self.joined.iter());
        let words = vocabulary()
            .map(|(w, _)| w.len() + std::mem::size_of::<(Box<str>, Postings)>())
            .sum::<usize>();
        let lists = vocabulary().map(|(_, l)| l.held_bytes()).sum::<usize>();
        let entries = vocabulary().map(|(_, l)| l.len as usize).sum::<usize>();
        (words + self.initials.capacity() * 8, lists, entries)
    }

    /// Adds a batch whose articles start at store index `first`.
    pub fn merge(&mut self, batch: BatchIndex, first: usize) {
        if self.initials.len() < first + batch.initials.len() {
            self.initials.resize(first + batch.initials.len(), 0);
        }
        self.initials[first..first + batch.initials.len()].copy_from_slice(&batch.initials);
        let first = first as u32;
        // A word already known (most, after the first batches) costs no allocation.
        for (word, locals) in batch.words.lists() {
            match self.words.get_mut(word) {
                Some(postings) => postings.append(locals, first),
                None => self
                    .words
                    .entry(word.into())
                    .or_default()
                    .append(locals, first),
            }
        }
        for (run, locals) in batch.joined.lists() {
            match self.joined.get_mut(run) {
                Some(postings) => postings.append(locals, first),
                None => self
                    .joined
                    .entry(run.into())
                    .or_default()
                    .append(locals, first),
            }
        }
    }

    /// The articles (of the first `covers`) whose body has a word starting with `prefix`.
    /// `prefix` must be folded and made only of letters and digits.
    pub fn with_prefix(&self, prefix: &str, covers: usize) -> ArticleSet {
        let mut letters = prefix.chars();
        if let (Some(letter), None) = (letters.next(), letters.next())
            && initial_bit(letter) != 1 << 63
        {
            // Articles not indexed yet are not answered for.
            let covers = covers.min(self.initials.len());
            let want = initial_bit(letter);
            let starting = self.initials[..covers].iter().enumerate();
            return ArticleSet::from_indices(
                starting
                    .filter(|(_, starts)| *starts & want != 0)
                    .map(|(i, _)| i),
                covers,
            );
        }
        let range = self.words.range::<str, _>((
            std::ops::Bound::Included(prefix),
            std::ops::Bound::Unbounded,
        ));
        self.union(
            range
                .take_while(|(word, _)| word.starts_with(prefix))
                .map(|(_, articles)| articles),
            covers,
        )
    }

    /// The articles (of the first `covers` indexed) on any of `lists`.
    fn union<'a>(&self, lists: impl Iterator<Item = &'a Postings>, covers: usize) -> ArticleSet {
        // Articles not indexed yet are not answered for.
        let covers = covers.min(self.initials.len());
        let mut bits = vec![0u64; covers.div_ceil(64)];
        for articles in lists {
            articles.add_to(&mut bits, covers);
        }
        ArticleSet { bits, covers }
    }

    /// The articles (of the first `covers`) whose body has a word holding `piece` anywhere.
    /// `piece` must be folded and made only of letters and digits. Reads every word once: a
    /// vocabulary is far smaller than the text.
    pub fn containing(&self, piece: &str, covers: usize) -> ArticleSet {
        let finder = memchr::memmem::Finder::new(piece);
        let holding = self
            .words
            .iter()
            .filter(|(word, _)| finder.find(word.as_bytes()).is_some());
        self.union(holding.map(|(_, articles)| articles), covers)
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
        edges_are_words && !term.chars().any(char::is_whitespace) && !Self::can_answer(term)
    }

    /// The articles (of the first `covers`) with a run of joined words holding `term` (see
    /// [`WordIndex::can_answer_joined`]); only where a word starts, when `at_word_start`.
    pub fn joined_holding(&self, term: &str, at_word_start: bool, covers: usize) -> ArticleSet {
        let finder = memchr::memmem::Finder::new(term);
        let holding = self.joined.iter().filter(|(run, _)| {
            finder
                .find_iter(run.as_bytes())
                .any(|at| !at_word_start || crate::article::fold::starts_word(run, at))
        });
        self.union(holding.map(|(_, articles)| articles), covers)
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
    use crate::article::Article;
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
