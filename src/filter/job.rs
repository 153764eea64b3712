//! Running a query over many articles without blocking the keyboard: the work is done in
//! slices of bounded time between frames, each slice split over the cores, and a newer query
//! replaces an older one at once. A query that only grew re-checks just what still matched.

use crate::filter::sliced_sort::SlicedSort;
use crate::filter::{FlagSource, Matcher, Query, RankKey, Ranked, rank_rows};
use crate::index::ArticleSet;
use crate::store::Store;
use std::sync::Arc;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Articles (or hits) handled between two looks at the clock, at first. Each chunk then sizes
/// the next to take about [`CHUNK_TIME`]: a title match costs well under a microsecond, a
/// search through a body not in the word index a hundred times more, and every chunk costs
/// a fixed amount besides (starting threads, gathering results).
const FIRST_CHUNK: usize = 16_384;
/// See [`FIRST_CHUNK`].
const CHUNK_TIME: Duration = Duration::from_millis(3);
/// The bounds of a chunk's size.
const CHUNK_SIZES: (usize, usize) = (1024, 1 << 18);

/// The threads a slice is split over: the thread that first runs a query (the reader's) and
/// one more per further core, kept for the life of the process.
///
/// The slices were once split over threads started for each chunk and joined after it. On a
/// machine that had been idle between keys, a started thread often began its half 1.5–2 ms
/// after the reader's thread began its own, and the chunk waited for it: four or five chunks
/// to a key made that most of a frame. Here the reader's thread is one of the pool's: it takes
/// pieces of the slice from the front while the others take what they can, so it never waits
/// for a thread that has not woken yet, and none is started or torn down per chunk.
fn pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        if cores < 2 {
            return None;
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(cores)
            .use_current_thread()
            .thread_name(|n| format!("warta-filter-{n}"))
            .build()
            .ok()
    })
    .as_ref()
}

/// Marks a match in [`FilterJob`]'s `matched` whose title or outlet matched.
const HEAD_MATCHED: usize = 1 << (usize::BITS - 1);

/// What the screen needs of the results to show them: the article to keep selected (if it is
/// still there, the rows around it are shown; otherwise the first rows) and how many rows are
/// on screen.
#[derive(Debug, Clone, Copy, Default)]
pub struct Needed {
    pub keep: Option<usize>,
    pub rows: usize,
}

/// What a step of the job came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Still working; nothing new to show.
    Working,
    /// Every article is checked, so the count is final, and the rows the screen needs are in
    /// place; the rest of the order follows.
    Shown,
    /// Everything is checked, scored and ranked.
    Done,
}

/// How far a query has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Checking articles (again, when new ones arrived).
    Matching,
    /// Every article checked; the screen's rows could not be put in place before the fuzzy
    /// matcher scores what it has to.
    Scoring,
    /// The screen's rows are in place (see [`Progress::Shown`]); scoring and ranking the rest.
    Shown,
    /// Everything checked and scored; sorting, a unit of work at a time.
    Sorting,
    /// Everything ranked.
    Ranked,
}

/// A query being run.
#[derive(Debug)]
pub struct FilterJob {
    pub query: Query,
    /// Articles still to check, by store index.
    todo: Vec<usize>,
    /// How many of `todo` are checked.
    done: usize,
    /// Matches found so far, as rank keys; ranked once everything is checked and scored.
    keys: Ranked,
    /// The store indices of the matches in the order they were checked (ascending), which
    /// is the order a narrower query checks them in: reading the store in order is several
    /// times faster than in ranked order. [`HEAD_MATCHED`] marks those whose title or outlet
    /// matched.
    matched: Vec<usize>,
    /// Articles whose title and outlet are known not to match (see
    /// [`Matcher::quick_hits_knowing`]).
    no_head: Option<Arc<ArticleSet>>,
    /// Keys before this one have been through the fuzzy matcher where they needed it (see
    /// [`crate::filter::Hit::unscored`]). Matching comes first and scoring after, so the
    /// count is known early.
    scored: usize,
    stage: Stage,
    /// How many articles the next chunk handles (see [`FIRST_CHUNK`]).
    chunk: usize,
    /// How many keys waiting for a score the next chunk of scoring takes: sized apart from
    /// `chunk` and by those keys alone, as scoring a fuzzy match costs a hundred times more
    /// than checking an article against the word index, or than passing a key scored already
    /// (a chunk sized by the keys' count took 32–35 ms at 300,000 articles).
    scoring_chunk: usize,
    /// The final sort of `keys`, under way.
    sort: SlicedSort,
}

impl FilterJob {
    /// A job checking `todo`.
    pub fn new(query: Query, todo: Vec<usize>) -> FilterJob {
        // Room for every article to match, so the lists never grow by copying themselves.
        let mut keys = Ranked::default();
        keys.keys_mut().reserve(todo.len());
        FilterJob {
            query,
            done: 0,
            keys,
            matched: Vec::with_capacity(todo.len()),
            no_head: None,
            todo,
            scored: 0,
            stage: Stage::Matching,
            chunk: FIRST_CHUNK,
            scoring_chunk: CHUNK_SIZES.0,
            sort: SlicedSort::default(),
        }
    }

    /// A job for `query`. When `query` can only match less than `previous` did (it grew by
    /// typing), just the previous matches and what it had not checked yet are checked.
    ///
    /// When a one-word query grew by a letter, titles that did not match the shorter word
    /// cannot match the longer one, so only their bodies are checked: typing `putin` letter
    /// by letter looks at fewer titles each time.
    pub fn replacing(previous: Option<&FilterJob>, query: Query, total: usize) -> FilterJob {
        match previous {
            Some(old) if old.query.narrows(&query) => {
                let mut todo: Vec<usize> = old.matched.iter().map(|&i| i & !HEAD_MATCHED).collect();
                todo.extend_from_slice(&old.todo[old.done..]);
                let one_word = old.query.terms.len() == 1 && query.terms.len() == 1;
                let no_head = one_word.then(|| {
                    let no_head = old.matched.iter().filter(|&&i| i & HEAD_MATCHED == 0);
                    Arc::new(ArticleSet::from_indices(no_head.copied(), total))
                });
                FilterJob {
                    no_head,
                    ..FilterJob::new(query, todo)
                }
            }
            _ => FilterJob::new(query, (0..total).collect()),
        }
    }

    /// Adds articles that arrived while the job ran (or after it finished).
    pub fn add(&mut self, indices: impl IntoIterator<Item = usize>) {
        self.todo.extend(indices);
    }

    /// Whether every article is checked, scored and ranked.
    pub fn is_done(&self) -> bool {
        self.done >= self.todo.len() && self.stage == Stage::Ranked
    }

    /// Works for at most about `budget`: checks articles; then, when it can, puts the rows
    /// `needed` in place; then scores fuzzy title matches and ranks everything.
    pub fn step(
        &mut self,
        store: &Store,
        matcher: &Matcher,
        flags: &(dyn FlagSource + Sync),
        budget: Duration,
        needed: Needed,
    ) -> Progress {
        let started = Instant::now();
        while !self.is_done() {
            let query = &self.query;
            if self.done < self.todo.len() {
                let end = (self.done + self.chunk).min(self.todo.len());
                let chunk_started = Instant::now();
                let dates = store.heads.date_keys();
                let no_head = self.no_head.as_deref();
                let found = in_parallel(&self.todo[self.done..end], |part| {
                    let hits = matcher.quick_hits_knowing(query, part, store, flags, no_head);
                    hits.iter().map(|hit| RankKey::new(hit, dates)).collect()
                });
                self.chunk = next_chunk(end - self.done, chunk_started.elapsed());
                self.matched
                    .extend(found.iter().map(|key| match key.hit().title_hit {
                        true => key.index() | HEAD_MATCHED,
                        false => key.index(),
                    }));
                self.keys.keys_mut().extend(found);
                self.done = end;
                self.stage = Stage::Matching;
            } else if self.stage == Stage::Matching {
                if self.place_rows(needed) {
                    self.stage = Stage::Shown;
                    return Progress::Shown;
                }
                self.stage = Stage::Scoring;
            } else if self.scored < self.keys.len() {
                // As many keys waiting for a score as fit in a chunk's time; keys scored
                // already cost next to nothing, and lie in runs (the screen's rows first).
                let keys = self.keys.keys();
                let (mut end, mut waiting) = (self.scored, 0);
                while end < keys.len() && waiting < self.scoring_chunk {
                    waiting += usize::from(keys[end].unscored());
                    end += 1;
                }
                let chunk_started = Instant::now();
                let dates = store.heads.date_keys();
                let rescored = in_parallel(&keys[self.scored..end], |part| {
                    part.iter()
                        .map(|&key| match key.unscored() {
                            true => RankKey::new(
                                &matcher.rescore(query, key.hit(), store, flags),
                                dates,
                            ),
                            false => key,
                        })
                        .collect()
                });
                self.scoring_chunk = next_chunk(waiting, chunk_started.elapsed());
                self.keys.keys_mut()[self.scored..end].copy_from_slice(&rescored);
                self.scored = end;
            } else {
                // Sorting 100,000 keys at once took about 4 ms, and a key typed meanwhile
                // waited for it; a unit of the sort takes about one.
                if self.stage != Stage::Sorting {
                    self.sort.reset();
                    self.stage = Stage::Sorting;
                }
                if self.sort.step(self.keys.keys_mut()) {
                    self.stage = Stage::Ranked;
                    return Progress::Done;
                }
            }
            if started.elapsed() >= budget {
                break;
            }
        }
        Progress::Working
    }

    /// Puts the rows the screen needs in their final places, unless a hit the fuzzy matcher
    /// has not scored yet could still end up among them. Returns whether it did.
    fn place_rows(&mut self, needed: Needed) -> bool {
        let keys = self.keys.keys_mut();
        let kept = needed
            .keep
            .and_then(|index| keys.iter().find(|key| key.index() == index).copied());
        let rows = match kept {
            // The selection stays on the kept article, and the list scrolls as little as it
            // can to show it: the rows a screen away on either side may be shown.
            Some(kept) => {
                let at = keys.iter().filter(|&&key| key < kept).count();
                at.saturating_sub(needed.rows)..at + needed.rows + 1
            }
            None => 0..needed.rows,
        };
        rank_rows(keys, rows.clone());
        // An unscored key counts the best score its hit can get: if every one lies past the
        // rows needed, scoring can only move them further away.
        if keys[..rows.end.min(keys.len())]
            .iter()
            .any(|key| key.unscored())
        {
            return false;
        }
        // The order changed: scoring looks through all of them again.
        self.scored = 0;
        true
    }

    /// The matches: in ranked order once [`Progress::Done`]; after [`Progress::Shown`], the
    /// rows the screen needs are.
    pub fn results(&self) -> Ranked {
        self.keys.clone()
    }
}

/// The size of a chunk to take about [`CHUNK_TIME`], when `done` items took `took`.
fn next_chunk(done: usize, took: Duration) -> usize {
    let per_item = took.as_secs_f64() / done.max(1) as f64;
    let fits = CHUNK_TIME.as_secs_f64() / per_item.max(1e-9);
    (fits as usize).clamp(CHUNK_SIZES.0, CHUNK_SIZES.1)
}

/// Items a piece of a slice holds: small enough that the threads share a chunk evenly however
/// late one starts, large enough that a piece's own costs (a scan's set-up, a list) stay small.
const PIECE: usize = 2048;

/// `work` over `items`, split over the cores when there are enough of them; the results in
/// the order of `items`. From a thread outside the pool (see [`pool`]) the pool's threads do
/// the work while it waits.
fn in_parallel<T: Sync, R: Send>(items: &[T], work: impl Fn(&[T]) -> Vec<R> + Sync) -> Vec<R> {
    use rayon::prelude::*;
    let Some(pool) = pool().filter(|_| items.len() >= 2 * PIECE) else {
        return work(items);
    };
    let pieces: Vec<Vec<R>> = pool.install(|| items.par_chunks(PIECE).map(&work).collect());
    let mut results = Vec::with_capacity(pieces.iter().map(Vec::len).sum());
    for piece in pieces {
        results.extend(piece);
    }
    results
}

/// The synthetic corpus of the benchmarks, for the tests below.
#[cfg(test)]
#[path = "../../examples/common/corpus.rs"]
#[allow(dead_code)]
mod corpus;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse;
    use crate::filter::NoFlags;
    use crate::rules::Rules;

    use super::corpus;

    fn store() -> Store {
        let articles = corpus::articles(3000, 11)
            .iter()
            .map(|text| parse(text, Rules::builtin()))
            .collect();
        Store::from_articles(articles)
    }

    fn run(job: &mut FilterJob, store: &Store, needed: Needed) -> Vec<Progress> {
        let matcher = Matcher::default();
        let mut seen = Vec::new();
        while !job.is_done() {
            let progress = job.step(store, &matcher, &NoFlags, Duration::from_secs(60), needed);
            seen.push(progress);
            if progress == Progress::Shown {
                return seen;
            }
        }
        seen
    }

    #[test]
    fn work_split_over_the_pool_comes_back_whole_and_in_order() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let check = || {
            let items: Vec<usize> = (0..10 * PIECE + 7).collect();
            for len in [0, 1, 2 * PIECE - 1, 2 * PIECE, 5 * PIECE + 3, items.len()] {
                let calls = AtomicUsize::new(0);
                let doubled = in_parallel(&items[..len], |part| {
                    calls.fetch_add(1, Ordering::Relaxed);
                    part.iter().map(|i| i * 2).collect()
                });
                assert_eq!(
                    doubled,
                    (0..len).map(|i| i * 2).collect::<Vec<_>>(),
                    "{len}"
                );
                let pieces = match pool().is_some() && len >= 2 * PIECE {
                    true => len.div_ceil(PIECE),
                    false => 1,
                };
                assert_eq!(calls.into_inner(), pieces, "{len}");
            }
        };
        // The pool's own thread is whichever asked first; a test runs on either side.
        check();
        std::thread::spawn(check).join().unwrap();
    }

    #[test]
    fn the_rows_on_screen_come_first_and_in_their_final_places() {
        let store = store();
        let query = Query::parse("pu");
        let full = Matcher::default().filter(&query, &store, &NoFlags);
        let unscored = Matcher::default()
            .quick_hits(&query, &(0..3000).collect::<Vec<_>>(), &store, &NoFlags)
            .iter()
            .filter(|hit| hit.unscored)
            .count();
        assert!(unscored > 100, "the query leaves fuzzy matches to score");
        // Halfway down the titles that have "pu" as typed, which rank above every fuzzy one.
        let as_typed = full
            .iter()
            .take_while(|hit| hit.score > crate::filter::UNSCORED)
            .count();
        assert!(as_typed > 100, "{as_typed}");
        let keep_at = as_typed / 2;
        let cases = [
            (None, 0..20),
            (Some(full[keep_at].index), keep_at - 20..keep_at + 21),
        ];
        for (keep, rows) in cases {
            let needed = Needed { keep, rows: 20 };
            let mut job = FilterJob::new(query.clone(), (0..3000).collect());
            let seen = run(&mut job, &store, needed);
            assert_eq!(
                seen.last(),
                Some(&Progress::Shown),
                "{keep:?}: shown before scoring"
            );
            assert_eq!(job.results().len(), full.len(), "the count is final");
            assert_eq!(
                job.results().hits().collect::<Vec<_>>()[rows.clone()],
                full[rows.clone()],
                "{keep:?}"
            );
            let seen = run(&mut job, &store, needed);
            assert_eq!(seen.last(), Some(&Progress::Done));
            assert_eq!(
                job.results().hits().collect::<Vec<_>>(),
                full,
                "then everything is ranked"
            );
        }
    }

    #[test]
    fn the_final_ranking_is_sorted_in_units_and_ends_as_one_sort() {
        let store = store();
        let query = Query::parse("pu");
        let full = Matcher::default().filter(&query, &store, &NoFlags);
        assert!(full.len() > 1000, "{}", full.len());
        let mut job = FilterJob::new(query, (0..3000).collect());
        job.sort = SlicedSort::with_runs_of(100);
        let matcher = Matcher::default();
        let needed = Needed {
            keep: None,
            rows: 20,
        };
        // No time at all for each step: every step does one unit of work.
        let mut steps = 0;
        while !job.is_done() {
            job.step(&store, &matcher, &NoFlags, Duration::ZERO, needed);
            steps += 1;
        }
        assert!(
            steps > full.len() / 100,
            "the runs were sorted one a step: {steps} steps"
        );
        assert_eq!(job.results().hits().collect::<Vec<_>>(), full);
    }

    #[test]
    fn rows_that_need_scores_wait_for_them() {
        let store = store();
        let query = Query::parse("pu");
        let full = Matcher::default().filter(&query, &store, &NoFlags);
        // The last title match was fuzzy: its place depends on the fuzzy matcher's score.
        let fuzzy = full.iter().rposition(|hit| hit.title_hit).unwrap();
        let needed = Needed {
            keep: Some(full[fuzzy].index),
            rows: 20,
        };
        let mut job = FilterJob::new(query, (0..3000).collect());
        let seen = run(&mut job, &store, needed);
        assert_eq!(seen.last(), Some(&Progress::Done));
        assert_eq!(job.results().hits().collect::<Vec<_>>(), full);
    }

    #[test]
    fn a_query_typed_letter_by_letter_finds_what_it_would_from_scratch() {
        let store = store();
        let mut index = crate::index::WordIndex::default();
        index.merge(crate::index::BatchIndex::build(&store.articles), 0);
        let needed = Needed {
            keep: None,
            rows: 20,
        };
        for word in ["putin", "Kim", "vostoc"] {
            let mut job: Option<FilterJob> = None;
            for end in 1..=word.len() {
                let mut query = Query::parse(&word[..end]);
                query.use_index(&index, store.articles.len());
                let mut next = FilterJob::replacing(job.as_ref(), query.clone(), 3000);
                if end > 1 && word == "putin" {
                    assert!(
                        next.no_head.is_some(),
                        "titles that did not match are skipped"
                    );
                }
                while !next.is_done() {
                    run(&mut next, &store, needed);
                }
                let from_scratch = Matcher::default().filter(&query, &store, &NoFlags);
                assert_eq!(
                    next.results().hits().collect::<Vec<_>>(),
                    from_scratch,
                    "{:?}",
                    &word[..end]
                );
                job = Some(next);
            }
        }
    }
}
