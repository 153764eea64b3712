//! Running a query over many articles without blocking the keyboard: the work is done in
//! slices of bounded time between frames, each slice split over the cores, and a newer query
//! replaces an older one at once. A query that only grew re-checks just what still matched.

use crate::article::Article;
use crate::filter::{FlagSource, Hit, Matcher, Query, rank};
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
    /// Matches found so far.
    hits: Vec<Hit>,
}

impl FilterJob {
    /// A job checking `todo`.
    pub fn new(query: Query, todo: Vec<usize>) -> FilterJob {
        FilterJob {
            query,
            todo,
            done: 0,
            hits: Vec::new(),
        }
    }

    /// A job for `query`. When `query` can only match less than `previous` did (it grew by
    /// typing), just the previous matches and what it had not checked yet are checked.
    pub fn replacing(previous: Option<&FilterJob>, query: Query, total: usize) -> FilterJob {
        match previous {
            Some(old) if old.query.narrows(&query) => {
                let mut todo: Vec<usize> = old.hits.iter().map(|h| h.index).collect();
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

    /// Whether every article is checked.
    pub fn is_done(&self) -> bool {
        self.done >= self.todo.len()
    }

    /// Checks articles for at most about `budget`; returns true once all are checked.
    pub fn step(
        &mut self,
        articles: &[Article],
        matcher: &Matcher,
        flags: &(dyn FlagSource + Sync),
        budget: Duration,
    ) -> bool {
        let started = Instant::now();
        let workers = workers();
        while !self.is_done() {
            let end = (self.done + CHUNK).min(self.todo.len());
            let chunk = &self.todo[self.done..end];
            let query = &self.query;
            let check = |part: &[usize]| -> Vec<Hit> {
                part.iter()
                    .filter_map(|&i| matcher.hit(query, i, &articles[i], flags))
                    .collect()
            };
            if workers > 1 && chunk.len() >= 256 {
                let per = chunk.len().div_ceil(workers);
                let found: Vec<Vec<Hit>> = std::thread::scope(|scope| {
                    let handles: Vec<_> = chunk[per..]
                        .chunks(per)
                        .map(|part| scope.spawn(move || check(part)))
                        .collect();
                    let mut found = vec![check(&chunk[..per])];
                    found.extend(handles.into_iter().map(|h| h.join().unwrap_or_default()));
                    found
                });
                self.hits.extend(found.into_iter().flatten());
            } else {
                self.hits.extend(check(chunk));
            }
            self.done = end;
            if started.elapsed() >= budget {
                break;
            }
        }
        self.is_done()
    }

    /// The matches, ranked. Keeps the job so later articles can be added.
    pub fn ranked(&self, articles: &[Article]) -> Vec<Hit> {
        let mut hits = self.hits.clone();
        rank(&mut hits, articles);
        hits
    }
}
