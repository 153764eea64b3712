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
use crate::store::newest_first;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem;

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
    /// Fuzzy in title or outlet, word prefix in the body. Holds the term as typed and folded.
    Plain { typed: String, folded: String },
    /// `@word`: the outlet.
    Outlet { typed: String, folded: String },
    /// `'word`: an exact (folded) substring anywhere.
    Exact { folded: String },
    /// `is:…`: the article's read state or star.
    Is(Flag),
}

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
                    TermKind::Plain {
                        typed: word.to_string(),
                        folded: fold(word),
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
            let found = self.term(&term.kind, article, flags);
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
        article: &Article,
        flags: &dyn FlagSource,
    ) -> Option<Option<i64>> {
        match kind {
            TermKind::Plain { typed, folded } => {
                let outlet = article.outlet_name();
                let head = self
                    .compact(&article.title, typed)
                    .or_else(|| self.compact(outlet, typed))
                    .or_else(|| self.compact(&article.search_title, folded))
                    .map(|(score, _)| score);
                if head.is_some() {
                    return Some(head);
                }
                has_word_prefix(&article.search_body, folded).then_some(None)
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
    hits.sort_by(|a, b| {
        b.title_hit
            .cmp(&a.title_hit)
            .then(b.score.cmp(&a.score))
            .then_with(|| newest_first(&articles[a.index], &articles[b.index]))
    });
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
    memmem::find_iter(text.as_bytes(), term.as_bytes())
        .filter(move |&at| text.is_char_boundary(at) && starts_word(text, at))
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
