//! The query language and matching. Pure: no terminal code, so the reader, `--list --filter`
//! and the benchmarks all run the same thing.
//!
//! A query is space-separated terms, all of which must match:
//! - `word`: fuzzy-matches the title or outlet *compactly*, or starts a word in the body;
//! - `@word` / `outlet:word`: the outlet matches the word;
//! - `'word`: the exact text appears (case- and accent-insensitive);
//! - `!term`: articles matching the term are left out;
//! - `is:read`, `is:unread`, `is:starred`: the article's state.

use crate::article::Article;
use crate::article::fold::{fold, starts_word};
use crate::index::{ArticleSet, WordIndex};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
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
        finder: BodyFinder,
        /// The articles whose body has a word starting with the term, from the word index.
        indexed: Option<IndexedSet>,
    },
    /// `@word`: the outlet.
    Outlet { typed: String, folded: String },
    /// `'word`: an exact (folded) substring anywhere.
    Exact { folded: String },
    /// `is:…`: the article's read state or star.
    Is(Flag),
}

/// A body searcher built once per query term.
#[derive(Debug, Clone)]
pub struct BodyFinder(std::sync::Arc<memmem::Finder<'static>>);

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

/// An article the query matched and how well.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub index: usize,
    /// The summed fuzzy score of terms that matched the title or outlet.
    pub score: i64,
    /// True when some term matched the title or outlet (not only the body).
    pub title_hit: bool,
}

impl Query {
    /// Parses a query. Unknown `is:` words are plain terms.
    pub fn parse(text: &str) -> Query {
        let terms = text
            .split_whitespace()
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
                    }
                } else if let Some(flag) = word.strip_prefix("is:").and_then(parse_flag) {
                    TermKind::Is(flag)
                } else {
                    let folded = fold(word);
                    TermKind::Plain {
                        typed: word.to_string(),
                        finder: BodyFinder(std::sync::Arc::new(
                            memmem::Finder::new(folded.as_bytes()).into_owned(),
                        )),
                        folded,
                        indexed: None,
                    }
                };
                let empty = match &kind {
                    TermKind::Plain { folded, .. }
                    | TermKind::Outlet { folded, .. }
                    | TermKind::Exact { folded } => folded.is_empty(),
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
            if let TermKind::Plain {
                folded, indexed, ..
            } = &mut term.kind
                && WordIndex::can_answer(folded)
            {
                *indexed = Some(IndexedSet(Arc::new(index.with_prefix(folded, covers))));
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
                TermKind::Plain { folded, .. } | TermKind::Exact { folded } => Some(folded.clone()),
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
        (TermKind::Exact { folded: x }, TermKind::Exact { folded: y }) => y.contains(x.as_str()),
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

/// Matches queries against articles. Holds the fuzzy matcher so it is made once.
pub struct Matcher {
    skim: SkimMatcherV2,
}

impl Default for Matcher {
    fn default() -> Self {
        Matcher {
            skim: SkimMatcherV2::default().smart_case(),
        }
    }
}

impl Matcher {
    /// A compact fuzzy match of `term` in `text`: the score and the matched character indices,
    /// when the matched characters lie within about twice the term's length.
    pub fn compact(&self, text: &str, term: &str) -> Option<(i64, Vec<usize>)> {
        if !could_contain(text, term) {
            return None;
        }
        let (score, indices) = self.skim.fuzzy_indices(text, term)?;
        let span = indices.last()? - indices.first()? + 1;
        (span <= 2 * term.chars().count() + 2).then_some((score, indices))
    }

    /// How well a title (or outlet) matches a plain term, if it does: found as typed (in
    /// `folded_text`, or exactly when the term has capitals) scores above any fuzzy match;
    /// otherwise the fuzzy matcher scores it, when the letters lie close together.
    fn head_score(
        &self,
        folded_text: &str,
        original: &str,
        typed: &str,
        folded: &str,
    ) -> Option<i64> {
        let smart_case = typed.chars().any(char::is_uppercase);
        let found = if smart_case {
            original
                .find(typed)
                .map(|at| (at, starts_word(original, at)))
        } else {
            memmem::find(folded_text.as_bytes(), folded.as_bytes())
                .map(|at| (at, starts_word(folded_text, at)))
        };
        if let Some((at, word_start)) = found {
            let position = (at as i64).min(FOUND_AS_TYPED / 4);
            return Some(
                FOUND_AS_TYPED + if word_start { FOUND_AS_TYPED / 2 } else { 0 } - position,
            );
        }
        if !could_contain(folded_text, folded)
            || (!smart_case && !within_window(folded_text, folded))
        {
            return None;
        }
        self.compact(original, typed).map(|(score, _)| score)
    }

    /// Whether `article` matches `query`, and how well.
    pub fn hit(
        &self,
        query: &Query,
        index: usize,
        article: &Article,
        flags: &dyn FlagSource,
    ) -> Option<Hit> {
        let mut hit = Hit {
            index,
            score: 0,
            title_hit: false,
        };
        for term in &query.terms {
            let found = self.term(&term.kind, index, article, flags);
            match (found, term.negated) {
                (None, false) | (Some(_), true) => return None,
                (Some(Some(score)), false) => {
                    hit.score += score;
                    hit.title_hit = true;
                }
                _ => {}
            }
        }
        Some(hit)
    }

    /// `None`: no match. `Some(Some(score))`: matched the title or outlet. `Some(None)`:
    /// matched elsewhere.
    fn term(
        &self,
        kind: &TermKind,
        index: usize,
        article: &Article,
        flags: &dyn FlagSource,
    ) -> Option<Option<i64>> {
        match kind {
            TermKind::Plain {
                typed,
                folded,
                finder,
                indexed,
            } => {
                let outlet = article.outlet_name();
                let head = self
                    .head_score(&article.search_title, &article.title, typed, folded)
                    .or_else(|| {
                        if !could_contain(outlet, folded) {
                            return None;
                        }
                        self.head_score(&fold(outlet), outlet, typed, folded)
                    });
                if head.is_some() {
                    return Some(head);
                }
                if let Some(known) = indexed.as_ref().and_then(|set| set.0.get(index)) {
                    return known.then_some(None);
                }
                word_starts(
                    &article.search_body,
                    finder.0.find_iter(article.search_body.as_bytes()),
                )
                .next()
                .map(|_| None)
            }
            TermKind::Outlet { typed, folded } => {
                let outlet = article.outlet.as_deref()?;
                if fold(outlet).contains(folded.as_str()) {
                    return Some(Some(0));
                }
                self.compact(outlet, typed).map(|(score, _)| Some(score))
            }
            TermKind::Exact { folded } => {
                let in_head = article.search_title.contains(folded.as_str())
                    || fold(article.outlet_name()).contains(folded.as_str());
                if in_head {
                    Some(Some(0))
                } else {
                    memmem::find(article.search_body.as_bytes(), folded.as_bytes()).map(|_| None)
                }
            }
            TermKind::Is(flag) => flags.has(article, *flag).then_some(None),
        }
    }

    /// All matches of `query` among `articles`, ranked: title and outlet matches by score,
    /// then body-only matches; ties newest first. An empty query gives every article, newest
    /// first.
    pub fn filter(&self, query: &Query, articles: &[Article], flags: &dyn FlagSource) -> Vec<Hit> {
        let mut hits: Vec<Hit> = articles
            .iter()
            .enumerate()
            .filter_map(|(i, a)| self.hit(query, i, a, flags))
            .collect();
        rank(&mut hits, articles);
        hits
    }
}

/// Sorts hits: title/outlet matches by score first, then body-only ones; ties newest first.
pub fn rank(hits: &mut [Hit], articles: &[Article]) {
    // Integer keys only: comparing titles for every tie made ranking 100,000 hits slow. Ties
    // of equal date keep the order articles were loaded in.
    hits.sort_by_cached_key(|hit| {
        let date = articles[hit.index].date.map(|d| d.sort_key());
        (
            std::cmp::Reverse(hit.title_hit),
            std::cmp::Reverse(hit.score),
            std::cmp::Reverse(date),
            hit.index,
        )
    });
}

/// Scores of terms found as typed start here, above any fuzzy score.
const FOUND_AS_TYPED: i64 = 100_000;

/// Whether `term`'s characters appear in order within a window of `2n + 2` characters of
/// `text`: the compactness the fuzzy matcher's result must have, checked without it.
fn within_window(text: &str, term: &str) -> bool {
    if text.is_ascii() && term.is_ascii() {
        window_search(text.as_bytes(), term.as_bytes())
    } else {
        let hay: Vec<char> = text.chars().collect();
        let needle: Vec<char> = term.chars().collect();
        window_search(&hay, &needle)
    }
}

fn window_search<T: PartialEq>(hay: &[T], needle: &[T]) -> bool {
    let Some(first) = needle.first() else {
        return true;
    };
    let limit = 2 * needle.len() + 2;
    hay.iter()
        .enumerate()
        .filter(|(_, c)| *c == first)
        .any(|(start, _)| {
            let mut want = 1;
            for c in hay[start + 1..].iter().take(limit - 1) {
                if want == needle.len() {
                    return true;
                }
                if *c == needle[want] {
                    want += 1;
                }
            }
            want == needle.len()
        })
}

/// A cheap test before the fuzzy matcher: every ASCII letter of the term appears in the text
/// in order, ignoring case. Non-ASCII characters are left to the matcher.
fn could_contain(text: &str, term: &str) -> bool {
    let mut text = text.bytes();
    term.bytes().filter(u8::is_ascii).all(|t| {
        let t = t.to_ascii_lowercase();
        text.any(|c| c.to_ascii_lowercase() == t)
    })
}

/// Whether a word in folded `body` starts with folded `term`.
pub fn has_word_prefix(body: &str, term: &str) -> bool {
    word_prefix_positions(body, term).next().is_some()
}

/// Byte offsets in folded `text` where a word starts with folded `term`.
pub fn word_prefix_positions<'a>(text: &'a str, term: &'a str) -> impl Iterator<Item = usize> + 'a {
    word_starts(text, memmem::find_iter(text.as_bytes(), term.as_bytes()))
}

/// Of the offsets where a term was found in `text`, those that begin a word.
fn word_starts<'a>(
    text: &'a str,
    found: impl Iterator<Item = usize> + 'a,
) -> impl Iterator<Item = usize> + 'a {
    found.filter(move |&at| text.is_char_boundary(at) && starts_word(text, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_kind_of_term() {
        let q = Query::parse("putin @kompas outlet:tribun 'jong-un !drakor is:starred");
        let kinds: Vec<_> = q.terms.iter().map(|t| (&t.kind, t.negated)).collect();
        assert!(matches!(kinds[0], (TermKind::Plain { typed, .. }, false) if typed == "putin"));
        assert!(matches!(kinds[1], (TermKind::Outlet { folded, .. }, false) if folded == "kompas"));
        assert!(matches!(kinds[2], (TermKind::Outlet { folded, .. }, false) if folded == "tribun"));
        assert!(matches!(kinds[3], (TermKind::Exact { folded }, false) if folded == "jong-un"));
        assert!(matches!(kinds[4], (TermKind::Plain { typed, .. }, true) if typed == "drakor"));
        assert!(matches!(kinds[5], (TermKind::Is(Flag::Starred), false)));
        assert!(Query::parse("  ! @ ' ").is_empty());
    }

    #[test]
    fn compact_means_close_together() {
        let m = Matcher::default();
        assert!(m.compact("Kompas TV", "kmpas").is_some());
        assert!(
            m.compact("Kim Ongkos Masuk Pada Acara Sore", "kompas")
                .is_none()
        );
    }

    #[test]
    fn windows_match_the_compactness_rule() {
        assert!(within_window("kompas tv", "kmpas"));
        assert!(within_window("xx k-o-m-p-a-s", "kompas"));
        assert!(!within_window("kim ongkos masuk pada acara sore", "kompas"));
        assert!(within_window("anything", ""));
    }

    #[test]
    fn found_as_typed_ranks_above_fuzzy() {
        let m = Matcher::default();
        let exact = m
            .head_score("putin tiba", "Putin tiba", "putin", "putin")
            .unwrap();
        let inside = m
            .head_score("seputinya", "seputinya", "putin", "putin")
            .unwrap();
        let fuzzy = m
            .head_score("p u t i n", "p u t i n", "putin", "putin")
            .unwrap();
        assert!(exact > inside && inside > fuzzy, "{exact} {inside} {fuzzy}");
        assert!(
            m.head_score("putin tiba", "putin tiba", "Putin", "putin")
                .is_none(),
            "capitals match exactly"
        );
    }

    #[test]
    fn word_prefixes_only() {
        let body = fold("Kim mengunjungi Kosmodrom Vostochny, lalu (sanksi) berat.");
        assert!(has_word_prefix(&body, "vostoch"));
        assert!(has_word_prefix(&body, "sanksi"));
        assert!(!has_word_prefix(&body, "ostochny"));
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
