//! The query language and matching. Pure: no terminal code, so the reader, `--list --filter`
//! and the benchmarks all run the same thing.
//!
//! A query is space-separated terms, all of which must match:
//! - `word`: fuzzy-matches the title or outlet *compactly*, or starts a word in the body;
//! - `@word` / `outlet:word`: the outlet matches the word;
//! - `'word`: the exact text appears (case- and accent-insensitive);
//! - `!term`: articles matching the term are left out;
//! - `is:read`, `is:unread`, `is:starred`: the article's state.

mod highlight;
pub mod job;
mod query;
mod rank;
mod scan;
mod sliced_sort;

pub use highlight::title_highlights;
pub use query::{BodyFinder, Flag, FlagSource, IndexedSet, NoFlags, Query, Term, TermKind};
pub use rank::{RankKey, Ranked, rank, rank_rows};

use crate::article::fold::starts_word;
use crate::index::ArticleSet;
use crate::store::Store;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem;
use scan::{Found, HeadFound, find_in, windows, within_window};

/// An article the query matched and how well.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub index: usize,
    /// The summed fuzzy score of terms that matched the title or outlet.
    pub score: i64,
    /// True when some term matched the title or outlet (not only the body).
    pub title_hit: bool,
    /// Some term matched the title or outlet fuzzily and the fuzzy matcher has not scored it
    /// yet: `score` counts that term as [`UNSCORED`], more than the matcher can give and less
    /// than a term found as typed gets. Only [`Matcher::quick_hits`] leaves hits unscored;
    /// [`Matcher::rescore`] finishes them.
    pub unscored: bool,
}

/// When the fuzzy matcher scores a title that matched fuzzily.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scoring {
    Now,
    /// Left for later: the hit is marked [`Hit::unscored`].
    Later,
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
    /// the folded text, or in `original()` exactly when the term has capitals) scores above any
    /// fuzzy match; otherwise, when the letters lie close together, the fuzzy matcher scores
    /// it. `found`: how the folded text matched, when a scan worked it out already. Both texts
    /// are asked for only when needed: each is a read elsewhere in memory.
    fn head_score<'a>(
        &self,
        folded_text: impl Fn() -> &'a str,
        original: impl Fn() -> &'a str,
        term: PlainTerm<'_>,
        scoring: Scoring,
        found: Option<Found>,
    ) -> Option<i64> {
        if term.smart_case {
            // Capitals must match as typed: the title as written, compared exactly (with
            // memchr's searcher, built once per query: `str::find` built its own on every
            // title, half of such a key's time). `found`, when scanned, is of it too.
            let found =
                found.unwrap_or_else(|| find_in(original(), term.typed, &term.typed_finder.0));
            return found_score(found, || match scoring {
                Scoring::Later => UNSCORED,
                Scoring::Now => self.window_score(original(), term.typed),
            });
        }
        let found = found.unwrap_or_else(|| find_in(folded_text(), term.folded, &term.finder.0));
        found_score(found, || match scoring {
            Scoring::Later => UNSCORED,
            Scoring::Now => self.window_score(folded_text(), term.folded),
        })
    }

    /// The fuzzy matcher's best score for `folded` over the compact windows of
    /// `folded_text` where it matches, each with the character before it (so the matcher can
    /// tell a word's start). Scoring a few characters rather than the whole title is what
    /// makes scoring 50,000 fuzzy matches affordable.
    fn window_score(&self, folded_text: &str, folded: &str) -> i64 {
        let mut best = 0;
        windows(folded_text, folded, |window| {
            let from = folded_text[..window.start]
                .char_indices()
                .next_back()
                .map_or(0, |(at, _)| at);
            if let Some(score) = self
                .skim
                .fuzzy_match(&folded_text[from..window.end], folded)
            {
                best = best.max(score);
            }
            false
        });
        best.clamp(0, UNSCORED - 1)
    }

    /// Whether article `index` of `store` matches `query`, and how well.
    pub fn hit(
        &self,
        query: &Query,
        index: usize,
        store: &Store,
        flags: &dyn FlagSource,
    ) -> Option<Hit> {
        self.hit_scoring(query, index, store, flags, Scoring::Now, &|_| None)
    }

    /// The matches among `indices` (store indices), in that order: whether each
    /// matches is as [`Matcher::hit`] says, but titles that match only fuzzily are not scored
    /// yet (the fuzzy matcher is the slow part): such hits are [`Hit::unscored`]. When the
    /// indices are dense, the titles of the whole run are scanned at once.
    pub fn quick_hits(
        &self,
        query: &Query,
        indices: &[usize],
        store: &Store,
        flags: &dyn FlagSource,
    ) -> Vec<Hit> {
        self.quick_hits_knowing(query, indices, store, flags, None)
    }

    /// [`Matcher::quick_hits`], told which articles' titles and outlets are known not to
    /// match (`no_head`): a query of one term that grew by typing cannot match a title the
    /// shorter term did not, so those titles are not looked at again. Only for queries of one
    /// term.
    pub fn quick_hits_knowing(
        &self,
        query: &Query,
        indices: &[usize],
        store: &Store,
        flags: &dyn FlagSource,
        no_head: Option<&ArticleSet>,
    ) -> Vec<Hit> {
        let live: Vec<usize>;
        let indices = if store.has_retired() {
            live = indices
                .iter()
                .copied()
                .filter(|&i| !store.is_retired(i))
                .collect();
            &live[..]
        } else {
            indices
        };
        let no_head = no_head.filter(|_| query.terms.len() == 1);
        let known_no = |i: usize| no_head.is_some_and(|set| set.get(i) == Some(true));
        let heads = indices.iter().filter(|&&i| !known_no(i));
        let first = heads.clone().min().copied().unwrap_or(0);
        let run = first..heads.clone().max().map_or(0, |last| last + 1);
        // Scanning costs the run's length; checking one by one costs more per article.
        let dense = !run.is_empty() && heads.count() * SCAN_DENSITY >= run.len();
        // For a term with capitals (smart case), the titles as written; `None` for those the
        // packed heads cannot give back, which are read from their articles.
        let scans: Vec<Scanned> = query
            .terms
            .iter()
            .map(|term| match &term.kind {
                TermKind::Plain {
                    folded,
                    smart_case: false,
                    finder,
                    ..
                } if dense => Scanned::Folded(scan::scan(
                    &store.heads,
                    run.clone(),
                    folded,
                    &finder.0,
                    no_head,
                )),
                TermKind::Plain {
                    typed,
                    smart_case: true,
                    ..
                } if dense && typed.is_ascii() => Scanned::AsWritten(scan::scan_as_written(
                    &store.heads,
                    run.clone(),
                    typed,
                    no_head,
                )),
                _ => Scanned::No,
            })
            .collect();
        // By reference: copying a scanned answer out (an enum pair with a gap) cost a stalled
        // load for each article, half of the word-index path's time.
        let scanned = |term: usize, i: usize| -> Option<&HeadFound> {
            if known_no(i) {
                return Some(&NO_HEAD);
            }
            match &scans[term] {
                Scanned::Folded(found) => Some(&found[i - first]),
                Scanned::AsWritten(found) => found[i - first].as_ref(),
                Scanned::No => None,
            }
        };
        let last = indices.iter().max().copied().unwrap_or(0);
        // The usual typed query: words whose bodies the word index answers for. Then each
        // article is a few array reads.
        let indexed: Option<Vec<IndexedTerm>> = query
            .terms
            .iter()
            .map(|term| match &term.kind {
                TermKind::Plain {
                    typed,
                    folded,
                    smart_case,
                    finder,
                    typed_finder,
                    indexed: Some(set),
                    ..
                } if !term.negated && set.0.covers > last => Some(IndexedTerm {
                    folded,
                    finder: &finder.0,
                    as_written: smart_case.then_some((typed.as_str(), &*typed_finder.0)),
                    body: &set.0,
                }),
                _ => None,
            })
            .collect();
        if let Some(terms) = indexed {
            return indices
                .iter()
                .filter_map(|&i| indexed_hit(&terms, i, store, |t| scanned(t, i)))
                .collect();
        }
        indices
            .iter()
            .filter_map(|&i| {
                let scanned = |term: usize| scanned(term, i).copied();
                self.hit_scoring(query, i, store, flags, Scoring::Later, &scanned)
            })
            .collect()
    }

    /// An unscored hit with its score.
    pub fn rescore(&self, query: &Query, hit: Hit, store: &Store, flags: &dyn FlagSource) -> Hit {
        if !hit.unscored {
            return hit;
        }
        self.hit(query, hit.index, store, flags).unwrap_or(Hit {
            unscored: false,
            ..hit
        })
    }

    /// `scanned(n)`: how term `n` matched the title and outlet, when that is known already.
    fn hit_scoring(
        &self,
        query: &Query,
        index: usize,
        store: &Store,
        flags: &dyn FlagSource,
        scoring: Scoring,
        scanned: &dyn Fn(usize) -> Option<HeadFound>,
    ) -> Option<Hit> {
        let mut hit = Hit {
            index,
            score: 0,
            title_hit: false,
            unscored: false,
        };
        for (n, term) in query.terms.iter().enumerate() {
            let found = self.term(&term.kind, index, store, flags, scoring, scanned(n));
            match (found, term.negated) {
                (None, false) | (Some(_), true) => return None,
                (Some(Some(score)), false) => {
                    hit.score += score;
                    hit.title_hit = true;
                    hit.unscored |= scoring == Scoring::Later && score == UNSCORED;
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
        store: &Store,
        flags: &dyn FlagSource,
        scoring: Scoring,
        scanned: Option<HeadFound>,
    ) -> Option<Option<i64>> {
        let article = || &store.articles[index];
        match kind {
            TermKind::Plain {
                typed,
                folded,
                smart_case,
                finder,
                typed_finder,
                indexed,
                narrowed,
            } => {
                let term = PlainTerm {
                    typed,
                    folded,
                    smart_case: *smart_case,
                    finder,
                    typed_finder,
                };
                let head = self
                    .head_score(
                        || store.heads.title(index),
                        || &article().title,
                        term,
                        scoring,
                        scanned.map(|found| found.title),
                    )
                    .or_else(|| {
                        self.head_score(
                            || store.heads.outlet(index),
                            || article().outlet_name(),
                            term,
                            scoring,
                            scanned.map(|found| found.outlet),
                        )
                    });
                if head.is_some() {
                    return Some(head);
                }
                if let Some(known) = indexed.as_ref().and_then(|set| set.0.get(index)) {
                    return known.then_some(None);
                }
                if narrowed.as_ref().and_then(|set| set.0.get(index)) == Some(false) {
                    return None;
                }
                article().search_body.with(|body| {
                    word_starts(body, finder.0.find_iter(body.as_bytes()))
                        .next()
                        .map(|_| None)
                })
            }
            TermKind::Outlet { folded, .. } => {
                // An outlet term only narrows: all of an outlet's articles would tie on it.
                let outlet = store.heads.outlet(index);
                (outlet.contains(folded.as_str()) || within_window(outlet, folded))
                    .then_some(Some(0))
            }
            TermKind::Exact { folded, indexed } => {
                let in_head = store.heads.title(index).contains(folded.as_str())
                    || store.heads.outlet(index).contains(folded.as_str());
                let known = indexed
                    .as_ref()
                    .and_then(|(set, whole)| Some((set.0.get(index)?, *whole)));
                if in_head {
                    Some(Some(0))
                } else if let Some((false, _)) = known {
                    None
                } else if let Some((true, true)) = known {
                    Some(None)
                } else {
                    article()
                        .search_body
                        .with(|body| memmem::find(body.as_bytes(), folded.as_bytes()))
                        .map(|_| None)
                }
            }
            TermKind::Is(flag) => flags.has(article(), *flag).then_some(None),
        }
    }

    /// All matches of `query` in `store`, ranked: title and outlet matches by score, then
    /// body-only matches; ties newest first. An empty query gives every article, newest
    /// first.
    pub fn filter(&self, query: &Query, store: &Store, flags: &dyn FlagSource) -> Vec<Hit> {
        let every: Vec<usize> = (0..store.articles.len()).collect();
        let mut hits = self.quick_hits(query, &every, store, flags);
        for hit in &mut hits {
            *hit = self.rescore(query, *hit, store, flags);
        }
        rank(&mut hits, store.heads.date_keys());
        hits
    }
}

/// How a run of articles' titles and outlets matched one term, when they were scanned.
enum Scanned {
    /// The folded texts, for a term without capitals.
    Folded(Vec<HeadFound>),
    /// The texts as written, for a term with capitals (smart case); `None` for an article
    /// the packed heads cannot give them back for.
    AsWritten(Vec<Option<HeadFound>>),
    /// Not scanned: each article is looked at on its own.
    No,
}

/// A plain term whose body matches the word index answers for.
struct IndexedTerm<'a> {
    folded: &'a str,
    finder: &'a memmem::Finder<'static>,
    /// For a term with capitals: the term as typed and its searcher, for the titles as
    /// written (the body's words match whatever their case).
    as_written: Option<(&'a str, &'a memmem::Finder<'static>)>,
    body: &'a ArticleSet,
}

/// Article `index` against plain terms the word index answers for: what
/// [`Matcher::quick_hits`] would say, without the general machinery. `scanned(n)`: how term
/// `n` matched the title and outlet, when that is known.
fn indexed_hit<'a>(
    terms: &[IndexedTerm],
    index: usize,
    store: &Store,
    scanned: impl Fn(usize) -> Option<&'a HeadFound>,
) -> Option<Hit> {
    let mut hit = Hit {
        index,
        score: 0,
        title_hit: false,
        unscored: false,
    };
    for (n, term) in terms.iter().enumerate() {
        let looked_up;
        let found = match (scanned(n), term.as_written) {
            (Some(found), _) => found,
            (None, None) => {
                looked_up = HeadFound::of(&store.heads, index, term.folded, term.finder);
                &looked_up
            }
            (None, Some((typed, finder))) => {
                let article = &store.articles[index];
                looked_up =
                    HeadFound::in_texts(&article.title, article.outlet_name(), typed, finder);
                &looked_up
            }
        };
        let head = found_score(found.title, || UNSCORED)
            .or_else(|| found_score(found.outlet, || UNSCORED));
        match head {
            Some(score) => {
                hit.score += score;
                hit.title_hit = true;
                hit.unscored |= score == UNSCORED;
            }
            None if term.body.get(index) == Some(true) => {}
            None => return None,
        }
    }
    Some(hit)
}

/// A plain term's parts, as [`Matcher::head_score`] needs them.
#[derive(Clone, Copy)]
struct PlainTerm<'a> {
    typed: &'a str,
    folded: &'a str,
    smart_case: bool,
    finder: &'a BodyFinder,
    typed_finder: &'a BodyFinder,
}

/// How a title and outlet known not to match matched.
static NO_HEAD: HeadFound = HeadFound {
    title: Found::No,
    outlet: Found::No,
};

/// A run of articles is scanned whole when at least one in this many is to be checked.
const SCAN_DENSITY: usize = 8;

/// Scores of terms found as typed start here, above any fuzzy score.
const FOUND_AS_TYPED: i64 = 100_000;

/// What a fuzzy title match not scored yet counts as: above any fuzzy score (they are capped
/// below it), below any term found as typed (at least 3/4 of [`FOUND_AS_TYPED`]).
pub const UNSCORED: i64 = FOUND_AS_TYPED / 2;

/// The score of a title (or outlet) that matched as `found`: found as typed scores by where;
/// a compact match scores what `fuzzy` says (the fuzzy matcher, or [`UNSCORED`] for now).
fn found_score(found: Found, fuzzy: impl FnOnce() -> i64) -> Option<i64> {
    match found {
        Found::No => None,
        Found::AsTyped { at, word_start } => Some(found_as_typed(at as usize, word_start)),
        // The letters lie close together, so it matches; the fuzzy matcher only scores it.
        Found::Compact => Some(fuzzy()),
    }
}

/// The score of a term found as typed at byte `at`: more at a word's start, less further in.
fn found_as_typed(at: usize, word_start: bool) -> i64 {
    let position = (at as i64).min(FOUND_AS_TYPED / 4);
    FOUND_AS_TYPED + if word_start { FOUND_AS_TYPED / 2 } else { 0 } - position
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
mod tests;
