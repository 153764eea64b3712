//! The search as one piece: the filter bar's text, the query it parses to, the job running it
//! in time slices, its results, when those results are shown, and the highlight positions of
//! the titles on screen.

use super::App;
use super::filter_bar::FilterBar;
use crate::article::Article;
use crate::filter::job::{FilterJob, Needed, Progress};
use crate::filter::{Matcher, Query, Ranked, title_highlights};
use crate::index::{BatchIndex, WordIndex};
use crate::store::Store;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Time one slice of filtering may take before the screen is drawn again.
pub const FILTER_SLICE: Duration = Duration::from_millis(8);
/// Time the key that changed the query may spend on it before the screen is drawn. Longer
/// than a slice: most queries over 100,000 articles then finish in one frame, showing the
/// typed character and its results together, still well within a 60 Hz frame.
pub const TYPED_SLICE: Duration = Duration::from_millis(12);

/// The filter bar, the query and its results.
#[derive(Default)]
pub struct Search {
    /// What has been typed into the filter bar.
    pub bar: FilterBar,
    /// The query the current results are for.
    pub query: Query,
    /// Filter results, best first; None when the query is empty.
    pub hits: Option<Ranked>,
    matcher: Matcher,
    /// Words of the loaded bodies, for fast body searches (filled as batches arrive).
    index: WordIndex,
    /// The query being run, or the last one run (kept to narrow the next one).
    job: Option<FilterJob>,
    /// The finished query's matches are not shown yet.
    pub results_pending: bool,
    /// Results of the current query have been shown at least once.
    shown_for_query: bool,
    /// Character positions in titles that the query matched, by store index, for the rows
    /// on screen: worked out once per query and row, not every frame.
    highlights: HashMap<usize, Vec<usize>>,
}

impl Search {
    /// The word index over the loaded articles' bodies.
    pub fn index(&self) -> &WordIndex {
        &self.index
    }

    /// Parses the bar's text and starts running it (replacing a query still running).
    /// Returns false when the query is empty: every article is shown.
    fn start(&mut self, store: &Store) -> bool {
        self.query = Query::parse(&self.bar.text);
        self.highlights.clear();
        if self.query.is_empty() {
            self.job = None;
            self.hits = None;
            return false;
        }
        let mut query = self.query.clone();
        if !self.index.is_empty() {
            query.use_index(&self.index, store.articles.len());
        }
        let job = FilterJob::replacing(self.job.as_ref(), query, store.articles.len());
        self.shown_for_query = false;
        self.results_pending = false;
        self.job = Some(job);
        true
    }

    /// Adds loaded articles to the store (and their words to the index). Returns whether a
    /// running query took them in; if not, the grouped list needs rebuilding.
    pub fn add_articles(
        &mut self,
        store: &mut Store,
        batch: Vec<Article>,
        index: Option<BatchIndex>,
    ) -> bool {
        let first = store.articles.len();
        store.add(batch);
        if let Some(index) = index {
            self.index.merge(index, first);
        }
        let added = first..store.articles.len();
        match self.job.as_mut() {
            Some(job) => {
                job.add(added);
                true
            }
            None => false,
        }
    }

    /// Whether a query still has work to do.
    pub fn running(&self) -> bool {
        self.job.as_ref().is_some_and(|j| !j.is_done())
    }

    /// Whether the query typed last has not shown its results yet.
    pub fn filtering(&self) -> bool {
        self.running() && !self.shown_for_query
    }

    /// How many articles the list shows, of `total`.
    pub fn shown(&self, total: usize) -> usize {
        self.hits.as_ref().map_or(total, Ranked::len)
    }

    /// The title characters (by position) to highlight for article `index`.
    pub fn highlights(&self, index: usize) -> &[usize] {
        self.highlights.get(&index).map_or(&[], Vec::as_slice)
    }

    /// Works out the highlights of the titles in `rows` (store indices) not worked out yet.
    fn highlight(&mut self, store: &Store, rows: impl Iterator<Item = usize>) {
        if self.query.is_empty() {
            return;
        }
        for index in rows {
            self.highlights
                .entry(index)
                .or_insert_with(|| title_highlights(&self.query, &store.articles[index].title));
        }
    }

    /// The rule for when results are shown: a query just typed shows them at once; while
    /// loading, later results for it wait until the list was last rebuilt `rebuild_every`
    /// ago, unless `now`.
    fn due(&self, now: bool, last_rebuild: Option<Instant>, rebuild_every: Duration) -> bool {
        self.results_pending && (now || last_rebuild.is_none_or(|at| at.elapsed() >= rebuild_every))
    }
}

impl App {
    /// Starts running the query in the filter bar (replacing one still running) and gives it
    /// a first slice of time; small stores finish at once.
    pub fn refilter(&mut self) {
        let running = self.search.start(&self.store);
        self.reader.set_words(self.search.query.highlight_words());
        if !running {
            self.rebuild_rows();
            return;
        }
        self.run_filter(TYPED_SLICE);
    }

    /// Gives the running query up to `budget` more time. Returns whether the results changed.
    pub fn run_filter(&mut self, budget: Duration) -> bool {
        // A query just typed shows its first rows (see `publish_results`); later results for
        // it keep the selection where it is.
        let needed = Needed {
            keep: self
                .list
                .selected_article()
                .filter(|_| self.search.shown_for_query),
            rows: self.list_height(),
        };
        let search = &mut self.search;
        let Some(job) = search.job.as_mut() else {
            return false;
        };
        if job.is_done() {
            return false;
        }
        let progress = job.step(
            &self.store,
            &search.matcher,
            &self.saved.state,
            budget,
            needed,
        );
        if progress == Progress::Working {
            return false;
        }
        search.results_pending = true;
        // While loading, results for newly arrived articles are shown at the list's pace;
        // a query the user just typed shows at once.
        let now = self.loading.done || !self.search.shown_for_query;
        self.publish_results(now)
    }

    /// Shows the query's matches (all counted, with the rows on screen ranked), unless `now`
    /// is false and the list was rebuilt moments ago. Returns whether the screen changed: once
    /// the rows on screen are shown, ranking the rest changes nothing there.
    ///
    /// A query just typed shows its best matches from the top with the best one selected, as
    /// in fzf: Enter then opens what ranks first. Later results for the same query — articles
    /// still loading — keep the selection wherever it is.
    pub(super) fn publish_results(&mut self, now: bool) -> bool {
        if !self
            .search
            .due(now, self.list.last_rebuild, super::list::REBUILD_EVERY)
        {
            return false;
        }
        let Some(job) = self.search.job.as_ref() else {
            return false;
        };
        let before = self.list_view();
        self.search.hits = Some(job.results());
        self.search.results_pending = false;
        let first_time = !self.search.shown_for_query;
        self.search.shown_for_query = true;
        if first_time {
            self.list.offset = 0;
            self.rebuild_rows_keeping(Some(1));
        } else {
            self.rebuild_rows();
        }
        first_time || self.list_view() != before
    }

    /// What the source list shows: the count, the first row on screen, the selection and the
    /// rows on screen.
    fn list_view(&self) -> (usize, usize, usize, Vec<super::list::Row>) {
        let shown = self.list.offset..self.list.offset + self.list_height();
        (
            self.counts().0,
            self.list.offset,
            self.list.selected,
            self.list.rows.slice(shown),
        )
    }

    /// Whether the query typed last has not shown its results yet.
    pub fn filtering(&self) -> bool {
        self.search.filtering()
    }

    /// Works out the highlights of the titles on screen.
    pub(super) fn refresh_highlights(&mut self) {
        let on_screen = self.list.offset..self.list.offset + self.list_height();
        let rows = self.list.rows.slice(on_screen);
        self.search.highlight(
            &self.store,
            rows.into_iter().filter_map(|row| match row {
                super::list::Row::Article { index } => Some(index),
                _ => None,
            }),
        );
    }
}
