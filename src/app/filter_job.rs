//! Running a query over many articles without blocking the keyboard: the work is done in
//! slices of bounded time between frames, each slice split over the cores, and a newer query
//! replaces an older one at once. A query that only grew re-checks just what still matched.

use crate::filter::{FlagSource, Hit, Matcher, Query, rank};
use crate::store::Store;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Articles checked between two looks at the clock.
const CHUNK: usize = 4096;

/// Threads a slice is split over. Asked once: on Linux the answer reads cgroup files, too
/// slow to repeat every slice.
fn workers() -> usize {
    static WORKERS: OnceLock<usize> = OnceLock::new();
    *WORKERS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// A query being run.
#[derive(Debug)]
pub struct FilterJob {
    pub query: Query,
    /// Articles still to check, by store index.
    todo: Vec<usize>,
    /// How many of `todo` are checked.
    done: usize,
    /// Matches found so far; ranked once everything is checked and scored.
    hits: Vec<Hit>,
    /// The store indices of `hits` in the order they were checked (ascending), which is the
    /// order a narrower query checks them in: reading the store in order is several times
    /// faster than in ranked order.
    matched: Vec<usize>,
    /// How many of `hits` the fuzzy matcher has scored where it had to (see
    /// [`Hit::unscored`]): matching first, scoring after, so the count is known early.
    scored: usize,
    /// `hits` are in ranked order.
    ranked: bool,
}

impl FilterJob {
    /// A job checking `todo`.
    pub fn new(query: Query, todo: Vec<usize>) -> FilterJob {
        FilterJob {
            query,
            todo,
            done: 0,
            hits: Vec::new(),
            matched: Vec::new(),
            scored: 0,
            ranked: false,
        }
    }

    /// A job for `query`. When `query` can only match less than `previous` did (it grew by
    /// typing), just the previous matches and what it had not checked yet are checked.
    pub fn replacing(previous: Option<&FilterJob>, query: Query, total: usize) -> FilterJob {
        match previous {
            Some(old) if old.query.narrows(&query) => {
                let mut todo = old.matched.clone();
                todo.extend_from_slice(&old.todo[old.done..]);
                FilterJob::new(query, todo)
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
        self.done >= self.todo.len() && self.scored >= self.hits.len() && self.ranked
    }

    /// Works for at most about `budget`: checks articles, then scores fuzzy title matches,
    /// then ranks. Returns true once the hits are ranked.
    pub fn step(
        &mut self,
        store: &Store,
        matcher: &Matcher,
        flags: &(dyn FlagSource + Sync),
        budget: Duration,
    ) -> bool {
        let started = Instant::now();
        let query = &self.query;
        while !self.is_done() {
            if self.done < self.todo.len() {
                let end = (self.done + CHUNK).min(self.todo.len());
                let found = in_parallel(&self.todo[self.done..end], |part| {
                    matcher.quick_hits(query, part, store, flags)
                });
                self.matched.extend(found.iter().map(|hit| hit.index));
                self.hits.extend(found);
                self.done = end;
                self.ranked = false;
            } else if self.scored < self.hits.len() {
                let end = (self.scored + CHUNK).min(self.hits.len());
                let rescored = in_parallel(&self.hits[self.scored..end], |part| {
                    part.iter()
                        .map(|&hit| matcher.rescore(query, hit, store, flags))
                        .collect()
                });
                self.hits[self.scored..end].copy_from_slice(&rescored);
                self.scored = end;
            } else {
                rank(&mut self.hits, store.heads.date_keys());
                self.ranked = true;
            }
            if started.elapsed() >= budget {
                break;
            }
        }
        self.is_done()
    }

    /// The matches, ranked once [`FilterJob::is_done`].
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }
}

/// `work` over `items`, split over the cores when there are enough of them; the results in
/// the order of `items`.
fn in_parallel<T: Sync, R: Send>(items: &[T], work: impl Fn(&[T]) -> Vec<R> + Sync) -> Vec<R> {
    let workers = workers();
    if workers < 2 || items.len() < 256 {
        return work(items);
    }
    let per = items.len().div_ceil(workers);
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items[per..]
            .chunks(per)
            .map(|part| scope.spawn(move || work(part)))
            .collect();
        let mut results = work(&items[..per]);
        for handle in handles {
            results.extend(
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        results
    })
}
