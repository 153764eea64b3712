//! The query language: parsing what was typed into terms, and telling when a query can only
//! match less than another did.

use crate::article::Article;
use crate::article::fold::fold;
use crate::index::{ArticleSet, WordIndex};
use memchr::memmem;
use std::sync::Arc;

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub kind: TermKind,
    /// `!`: the term must not match.
    pub negated: bool,
}

/// What a term looks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermKind {
    /// Fuzzy in title or outlet, word prefix in the body. Holds the term as typed and folded,
    /// and a searcher for it built once.
    Plain {
        typed: String,
        folded: String,
        /// The term has capitals, so titles must have them too (smart case).
        smart_case: bool,
        /// A searcher for the folded term (titles, outlets and bodies).
        finder: BodyFinder,
        /// A searcher for the term as typed, for titles and outlets as written (smart case).
        typed_finder: BodyFinder,
        /// The articles whose body has a word starting with the term, from the word index
        /// (for words joined by punctuation, "jong-un", from its runs of joined words).
        indexed: Option<IndexedSet>,
        /// For other terms with punctuation or spaces ("jong-", "kim jong"), which the index
        /// cannot answer: the articles with a word starting with its first run of letters and
        /// digits, the only ones whose body need be read.
        narrowed: Option<IndexedSet>,
    },
    /// `@word`: the outlet.
    Outlet { typed: String, folded: String },
    /// `'word`: an exact (folded) substring anywhere.
    Exact {
        folded: String,
        /// From the word index: the articles whose body has a word (or run of joined words,
        /// for "jong-un") holding the term (or, for a term with spaces or punctuation at an
        /// edge, its longest run of letters and digits), and whether that answers for the
        /// term itself or only narrows where to look.
        indexed: Option<(IndexedSet, bool)>,
    },
    /// `is:…`: the article's read state or star.
    Is(Flag),
}

/// A searcher for a term's folded text, built once per query term.
#[derive(Debug, Clone)]
pub struct BodyFinder(pub(super) std::sync::Arc<memmem::Finder<'static>>);

impl PartialEq for BodyFinder {
    fn eq(&self, other: &Self) -> bool {
        self.0.needle() == other.0.needle()
    }
}

impl Eq for BodyFinder {}

/// A lookup in the word index, kept with the term. Two terms are equal whatever their sets
/// hold: the set is a cache of the answer, not part of the question.
#[derive(Debug, Clone)]
pub struct IndexedSet(pub Arc<ArticleSet>);

impl PartialEq for IndexedSet {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for IndexedSet {}

/// Per-article flags a query can ask about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    Read,
    Unread,
    Starred,
}

/// What the query needs to know about an article beyond its text.
pub trait FlagSource {
    fn has(&self, article: &Article, flag: Flag) -> bool;
}

/// No state: nothing is read or starred.
pub struct NoFlags;

impl FlagSource for NoFlags {
    fn has(&self, _: &Article, flag: Flag) -> bool {
        flag == Flag::Unread
    }
}

impl Query {
    /// Parses a query. Unknown `is:` words are plain terms; a word given twice counts once.
    pub fn parse(text: &str) -> Query {
        // A word given twice asks nothing more: all terms must match anyway. (A pasted
        // paragraph repeats its words many times.)
        let mut seen = std::collections::HashSet::new();
        let terms = text
            .split_whitespace()
            .filter(|word| seen.insert(*word))
            .filter_map(|word| {
                let (negated, word) = match word.strip_prefix('!') {
                    Some(rest) => (true, rest),
                    None => (false, word),
                };
                let kind = if let Some(outlet) = word
                    .strip_prefix('@')
                    .or_else(|| word.strip_prefix("outlet:"))
                {
                    TermKind::Outlet {
                        typed: outlet.to_string(),
                        folded: fold(outlet),
                    }
                } else if let Some(exact) = word.strip_prefix('\'') {
                    TermKind::Exact {
                        folded: fold(exact),
                        indexed: None,
                    }
                } else if let Some(flag) = word.strip_prefix("is:").and_then(parse_flag) {
                    TermKind::Is(flag)
                } else {
                    let folded = fold(word);
                    TermKind::Plain {
                        typed: word.to_string(),
                        smart_case: word.chars().any(char::is_uppercase),
                        finder: BodyFinder(std::sync::Arc::new(
                            memmem::Finder::new(folded.as_bytes()).into_owned(),
                        )),
                        typed_finder: BodyFinder(std::sync::Arc::new(
                            memmem::Finder::new(word.as_bytes()).into_owned(),
                        )),
                        folded,
                        indexed: None,
                        narrowed: None,
                    }
                };
                let empty = match &kind {
                    TermKind::Plain { folded, .. }
                    | TermKind::Outlet { folded, .. }
                    | TermKind::Exact { folded, .. } => folded.is_empty(),
                    TermKind::Is(_) => false,
                };
                (!empty).then_some(Term { kind, negated })
            })
            .collect();
        Query { terms }
    }

    /// Looks plain terms up in the word index (for the first `covers` articles), so checking
    /// an article's body becomes a bit test.
    pub fn use_index(&mut self, index: &WordIndex, covers: usize) {
        for term in &mut self.terms {
            match &mut term.kind {
                TermKind::Plain {
                    folded, indexed, ..
                } if WordIndex::can_answer(folded) => {
                    *indexed = Some(IndexedSet(Arc::new(index.with_prefix(folded, covers))));
                }
                // Words joined by punctuation ("jong-un") are kept whole in the index.
                TermKind::Plain {
                    folded, indexed, ..
                } if WordIndex::can_answer_joined(folded) => {
                    let set = index.joined_holding(folded, true, covers);
                    *indexed = Some(IndexedSet(Arc::new(set)));
                }
                TermKind::Plain {
                    folded, narrowed, ..
                } => {
                    // Only a term that starts with a letter or digit starts a word with its
                    // first run of them.
                    let first = folded
                        .split(|c: char| !c.is_alphanumeric())
                        .next()
                        .unwrap_or_default();
                    if !first.is_empty() {
                        *narrowed = Some(IndexedSet(Arc::new(index.with_prefix(first, covers))));
                    }
                }
                // Text of words joined by punctuation lies within one run of joined words.
                TermKind::Exact { folded, indexed } if WordIndex::can_answer_joined(folded) => {
                    let set = index.joined_holding(folded, false, covers);
                    *indexed = Some((IndexedSet(Arc::new(set)), true));
                }
                // Text made only of letters and digits lies within one word: the words that
                // hold it answer for it. Other text holds its longest such run somewhere in a
                // word: only articles with such a word need their body read.
                TermKind::Exact { folded, indexed } => {
                    let whole = WordIndex::can_answer(folded);
                    let piece = folded
                        .split(|c: char| !c.is_alphanumeric())
                        .max_by_key(|p| p.chars().count())
                        .unwrap_or_default();
                    if !piece.is_empty() {
                        let set = index.containing(piece, covers);
                        *indexed = Some((IndexedSet(Arc::new(set)), whole));
                    }
                }
                _ => {}
            }
        }
    }

    /// True when the query has no terms (everything matches).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The words to highlight in the reading pane: plain and exact terms, folded.
    pub fn highlight_words(&self) -> Vec<String> {
        self.terms
            .iter()
            .filter(|t| !t.negated)
            .filter_map(|t| match &t.kind {
                TermKind::Plain { folded, .. } | TermKind::Exact { folded, .. } => {
                    Some(folded.clone())
                }
                _ => None,
            })
            .collect()
    }

    /// Whether `other` can only match a subset of what `self` matched: every term of `self`
    /// is still there, or grew by typing more of it. Then only previous matches need checking.
    pub fn narrows(&self, other: &Query) -> bool {
        self.terms.len() <= other.terms.len()
            && self
                .terms
                .iter()
                .zip(&other.terms)
                .enumerate()
                .all(|(n, (a, b))| {
                    let last = n + 1 == self.terms.len();
                    a == b || (last && !a.negated && !b.negated && grows(&a.kind, &b.kind))
                })
    }
}

/// A plain term typed further still matches less: a longer word-prefix or subsequence.
fn grows(a: &TermKind, b: &TermKind) -> bool {
    match (a, b) {
        (TermKind::Plain { typed: x, .. }, TermKind::Plain { typed: y, .. })
        | (TermKind::Outlet { typed: x, .. }, TermKind::Outlet { typed: y, .. }) => {
            y.starts_with(x.as_str())
                && x.chars().any(char::is_uppercase) == y.chars().any(char::is_uppercase)
        }
        (TermKind::Exact { folded: x, .. }, TermKind::Exact { folded: y, .. }) => {
            y.contains(x.as_str())
        }
        _ => false,
    }
}

fn parse_flag(word: &str) -> Option<Flag> {
    match word.to_ascii_lowercase().as_str() {
        "read" => Some(Flag::Read),
        "unread" | "new" => Some(Flag::Unread),
        "starred" | "star" | "fav" => Some(Flag::Starred),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_given_twice_counts_once() {
        let query = Query::parse("putin kim putin !kim kim");
        assert_eq!(query.terms.len(), 3);
        assert_eq!(query, Query::parse("putin kim !kim"));
        let pasted = "putin kim ".repeat(10_000);
        assert_eq!(Query::parse(&pasted).terms.len(), 2);
    }

    #[test]
    fn parses_every_kind_of_term() {
        let q = Query::parse("putin @kompas outlet:tribun 'jong-un !drakor is:starred");
        let kinds: Vec<_> = q.terms.iter().map(|t| (&t.kind, t.negated)).collect();
        assert!(matches!(kinds[0], (TermKind::Plain { typed, .. }, false) if typed == "putin"));
        assert!(matches!(kinds[1], (TermKind::Outlet { folded, .. }, false) if folded == "kompas"));
        assert!(matches!(kinds[2], (TermKind::Outlet { folded, .. }, false) if folded == "tribun"));
        assert!(matches!(kinds[3], (TermKind::Exact { folded, .. }, false) if folded == "jong-un"));
        assert!(matches!(kinds[4], (TermKind::Plain { typed, .. }, true) if typed == "drakor"));
        assert!(matches!(kinds[5], (TermKind::Is(Flag::Starred), false)));
        assert!(Query::parse("  ! @ ' ").is_empty());
    }

    #[test]
    fn narrowing_queries() {
        let p = Query::parse("pu");
        assert!(p.narrows(&Query::parse("put")));
        assert!(p.narrows(&Query::parse("pu @kompas")));
        assert!(!p.narrows(&Query::parse("p")));
        assert!(!p.narrows(&Query::parse("Pu")));
        assert!(!Query::parse("!pu").narrows(&Query::parse("!put")));
        assert!(Query::parse("").narrows(&Query::parse("x")));
    }
}
