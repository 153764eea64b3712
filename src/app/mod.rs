//! The reader's state and `update(Action)`: everything a key does, with no drawing. The event
//! loop lives in [`run`]; drawing, which only reads this state, in [`crate::ui`].

pub mod filter_bar;
pub mod filter_job;
pub mod list;
mod mouse;
pub mod reader;
pub mod run;
mod saved;
pub mod terminal;

use crate::filter::TermKind;
use crate::filter::{Matcher, Query, Ranked};
use crate::index::WordIndex;
use crate::keymap::{Action, Context, Keymap};
use crate::rules::Rules;
use crate::state::{self, State, StateFile};
use crate::store::{LoadEvent, Store};
use crate::ui::layout;
use crate::ui::theme::Theme;
use crossterm::event::{Event, KeyEvent, KeyEventKind};
use filter_bar::FilterBar;
use filter_job::{FilterJob, Needed, Progress};
use list::{Row, SourceList};
use ratatui::layout::Rect;
use reader::ReaderPane;
use std::time::{Duration, Instant};

/// Where the keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    Filter,
}

/// A window drawn over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Warnings,
}

/// How far loading has come.
#[derive(Debug, Default, Clone, Copy)]
pub struct Loading {
    /// Files the walk found, once it is done.
    pub found: Option<usize>,
    /// All files are read.
    pub done: bool,
}

/// The whole state of the reader.
pub struct App {
    pub store: Store,
    pub keymap: Keymap,
    pub focus: Focus,
    pub list: SourceList,
    pub reader: ReaderPane,
    pub filter: FilterBar,
    /// The query the current results are for.
    pub query: Query,
    /// Filter results, best first; None when the query is empty.
    pub hits: Option<Ranked>,
    pub overlay: Option<Overlay>,
    /// First line shown in a scrollable overlay.
    pub overlay_scroll: usize,
    pub loading: Loading,
    /// The terminal's size.
    pub size: Rect,
    /// The widest the reading column gets.
    pub measure: u16,
    /// A short note for the status line ("no match in this article").
    pub notice: Option<String>,
    pub quit: bool,
    /// What is remembered between runs.
    pub state: State,
    /// Where state is saved; None with `--no-state`.
    pub state_file: Option<StateFile>,
    /// Something the event loop must do outside the screen (a pager, the clipboard).
    pub external: Option<External>,
    state_dirty: bool,
    last_save: Instant,
    /// The article being read in the focused reading pane, and since when.
    reading_since: Option<(usize, Instant)>,
    /// The article selected when warta last ran, to select again once it has loaded.
    pending_select: Option<u64>,
    pub theme: Theme,
    /// The rules articles are read again with when they are shown.
    pub rules: &'static Rules,
    matcher: Matcher,
    /// Words of the loaded bodies, for fast body searches (filled as batches arrive).
    index: WordIndex,
    /// The finished query's matches are not shown yet.
    results_pending: bool,
    /// Results of the current query have been shown at least once.
    results_shown_for_query: bool,
    /// The query being run, or the last one run (kept to narrow the next one).
    job: Option<FilterJob>,
    /// The list needs rebuilding (articles arrived); done at most every [`REBUILD_EVERY`].
    rows_stale: bool,
    last_rebuild: Instant,
}

/// Lines (or rows) one turn of the mouse wheel moves.
const WHEEL_STEP: isize = 3;
/// Saved state is written at most this often while running (and always on exit).
const SAVE_EVERY: Duration = Duration::from_secs(1);
/// An article open in the focused reading pane this long counts as read.
pub const READ_AFTER: Duration = Duration::from_secs(2);

/// Work for the event loop outside the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum External {
    /// Show this article's file in `$PAGER`.
    Pager(usize),
    /// Put this text on the clipboard with OSC 52.
    Copy(String),
}

/// Time one slice of filtering may take before the screen is drawn again.
pub const FILTER_SLICE: Duration = Duration::from_millis(8);
/// Time the key that changed the query may spend on it before the screen is drawn. Longer
/// than a slice: most queries over 100,000 articles then finish in one frame, showing the
/// typed character and its results together, still well within a 60 Hz frame.
pub const TYPED_SLICE: Duration = Duration::from_millis(12);
/// While loading, the grouped list is rebuilt at most this often.
const REBUILD_EVERY: Duration = Duration::from_millis(250);

/// The reading column's default width, a comfortable measure.
pub const DEFAULT_MEASURE: u16 = 80;

impl App {
    /// A reader over `store` in a terminal of `size`.
    pub fn new(store: Store, size: Rect) -> App {
        let mut app = App {
            store,
            keymap: Keymap::default(),
            focus: Focus::List,
            list: SourceList::default(),
            reader: ReaderPane::default(),
            filter: FilterBar::default(),
            query: Query::default(),
            hits: None,
            overlay: None,
            overlay_scroll: 0,
            loading: Loading::default(),
            size,
            measure: DEFAULT_MEASURE,
            notice: None,
            quit: false,
            state: State::default(),
            state_file: None,
            external: None,
            state_dirty: false,
            last_save: Instant::now(),
            reading_since: None,
            pending_select: None,
            theme: Theme::default(),
            rules: Rules::builtin(),
            matcher: Matcher::default(),
            index: WordIndex::default(),
            results_pending: false,
            results_shown_for_query: false,
            job: None,
            rows_stale: false,
            last_rebuild: Instant::now(),
        };
        app.refilter();
        app
    }

    /// Handles a terminal event. Returns whether anything on screen may have changed.
    pub fn handle_event(&mut self, event: &Event) -> bool {
        match event {
            // Only presses: where the terminal reports repeats and releases, a key acts once.
            Event::Key(key) if key.kind == KeyEventKind::Press => self.handle_key(key),
            Event::Resize(w, h) => {
                self.resize(Rect::new(0, 0, *w, *h));
                true
            }
            Event::Mouse(mouse) => self.handle_mouse(mouse),
            _ => false,
        }
    }

    /// Handles a key press.
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        if self.overlay.is_some() {
            let action = self.keymap.action(Context::List, key);
            return match action {
                Some(Action::Quit)
                    if key
                        .modifiers
                        .contains(crossterm::event::KeyModifiers::CONTROL) =>
                {
                    self.update(Action::Quit)
                }
                Some(Action::Down) => {
                    let lines = match self.overlay {
                        Some(Overlay::Warnings) => self.warning_count(),
                        _ => self.keymap.bindings.len() + 8,
                    };
                    self.overlay_scroll = (self.overlay_scroll + 1).min(lines);
                    true
                }
                Some(Action::Up) => {
                    self.overlay_scroll = self.overlay_scroll.saturating_sub(1);
                    true
                }
                _ => {
                    self.overlay = None;
                    true
                }
            };
        }
        let context = match self.focus {
            Focus::List => Context::List,
            Focus::Reader => Context::Reader,
            Focus::Filter => Context::Filter,
        };
        match self.keymap.action(context, key) {
            Some(action) => self.update(action),
            None => false,
        }
    }

    /// Applies an action. Returns whether anything on screen may have changed.
    pub fn update(&mut self, action: Action) -> bool {
        self.notice = None;
        let list_page = self.list_height().max(1) as isize;
        let reader_page = self.reader.height.max(1) as isize;
        match (action, self.focus) {
            (Action::Quit, _) => self.quit = true,
            (Action::ToggleHelp, _) => self.toggle_overlay(Overlay::Help),
            (Action::ToggleWarnings, _) => self.toggle_overlay(Overlay::Warnings),
            (Action::ToggleRead, _) => self.change_selected(|s| s.read = !s.read),
            (Action::ToggleStar, _) => self.change_selected(|s| s.starred = !s.starred),
            (Action::OpenPager, _) => {
                if let Some(index) = self.list.selected_article() {
                    self.external = Some(External::Pager(index));
                }
            }
            (Action::Copy, _) => {
                if let Some(index) = self.list.selected_article() {
                    match self.store.articles[index].full(self.rules) {
                        Ok(article) => {
                            let mut text = article.title.clone();
                            for paragraph in article.lead.iter().chain(&article.paragraphs) {
                                text.push_str("\n\n");
                                text.push_str(paragraph);
                            }
                            self.notice =
                                Some(format!("copied the title and text ({} bytes)", text.len()));
                            self.external = Some(External::Copy(text));
                        }
                        Err(e) => self.notice = Some(format!("cannot copy: {e}")),
                    }
                }
            }
            (Action::FocusFilter, _) => self.focus = Focus::Filter,
            (Action::SwitchFocus, Focus::List) => self.focus = Focus::Reader,
            (Action::SwitchFocus, _) => self.focus = Focus::List,
            (Action::ToggleRaw, _) => {
                self.reader.raw = !self.reader.raw;
                self.sync_reader();
            }
            (Action::Down, Focus::Reader) => self.reader.scroll_by(1),
            (Action::Up, Focus::Reader) => self.reader.scroll_by(-1),
            (Action::PageDown, Focus::Reader) => self.reader.scroll_by(reader_page - 1),
            (Action::PageUp, Focus::Reader) => self.reader.scroll_by(-(reader_page - 1)),
            (Action::Top, Focus::Reader) => self.reader.scroll_edge(false),
            (Action::Bottom, Focus::Reader) => self.reader.scroll_edge(true),
            (Action::NextMatch | Action::PrevMatch, Focus::Reader) => {
                if !self.reader.jump_to_match(action == Action::NextMatch) {
                    self.notice = Some(if self.reader.words.is_empty() {
                        "no filter words to find — type / first".into()
                    } else {
                        "no match in this article".into()
                    });
                }
            }
            (Action::Back, _) => self.focus = Focus::List,
            (Action::Down, _) => self.move_selection(1),
            (Action::Up, _) => self.move_selection(-1),
            (Action::PageDown, _) => self.move_selection(list_page),
            (Action::PageUp, _) => self.move_selection(-list_page),
            (Action::Top | Action::Bottom, _) => {
                self.list.select_edge(action == Action::Bottom);
                self.after_selection();
            }
            (Action::Open, _) => match self.list.rows.get(self.list.selected) {
                Some(Row::Header { .. }) => self.toggle_fold(),
                Some(Row::Article { .. }) => self.focus = Focus::Reader,
                None => {}
            },
            (Action::ToggleFold, _) => self.toggle_fold(),
            (Action::FilterChar(c), _) => {
                self.filter.insert(c);
                self.refilter();
            }
            (Action::FilterBackspace, _) => {
                if self.filter.backspace() {
                    self.refilter();
                }
            }
            (Action::FilterDeleteWord, _) => {
                if self.filter.delete_word() {
                    self.refilter();
                }
            }
            (Action::FilterClear, _) => {
                if self.filter.clear() {
                    self.refilter();
                }
            }
            (Action::FilterLeft | Action::FilterRight, _) => {
                self.filter.move_cursor(action == Action::FilterRight)
            }
            (Action::FilterAccept, _) => self.focus = Focus::List,
            (Action::FilterCancel, _) => {
                if self.filter.clear() {
                    self.refilter();
                }
                self.focus = Focus::List;
            }
            (Action::NextMatch | Action::PrevMatch, _) => return false,
        }
        true
    }

    fn toggle_overlay(&mut self, overlay: Overlay) {
        self.overlay = if self.overlay == Some(overlay) {
            None
        } else {
            Some(overlay)
        };
        self.overlay_scroll = 0;
    }

    fn toggle_fold(&mut self) {
        let state = &self.state;
        if self
            .list
            .toggle_fold(&self.store, &|a| !state.of(a).read)
            .is_some()
        {
            self.after_selection();
        }
    }

    fn move_selection(&mut self, delta: isize) {
        self.pending_select = None;
        self.list.move_by(delta);
        self.after_selection();
    }

    fn after_selection(&mut self) {
        self.list.scroll_into_view(self.list_height());
        self.sync_reader();
    }

    /// Starts running the query in the filter bar (replacing one still running) and gives it
    /// a first slice of time; small stores finish at once.
    pub fn refilter(&mut self) {
        self.query = Query::parse(&self.filter.text);
        self.reader.set_words(self.query.highlight_words());
        if self.query.is_empty() {
            self.job = None;
            self.hits = None;
            self.rebuild_rows();
            return;
        }
        let mut query = self.query.clone();
        if !self.index.is_empty() {
            query.use_index(&self.index, self.store.articles.len());
        }
        let job = FilterJob::replacing(self.job.as_ref(), query, self.store.articles.len());
        self.results_shown_for_query = false;
        self.results_pending = false;
        self.job = Some(job);
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
                .filter(|_| self.results_shown_for_query),
            rows: self.list_height(),
        };
        let Some(job) = self.job.as_mut() else {
            return false;
        };
        if job.is_done() {
            return false;
        }
        let progress = job.step(&self.store, &self.matcher, &self.state, budget, needed);
        if progress == Progress::Working {
            return false;
        }
        self.results_pending = true;
        // While loading, results for newly arrived articles are shown at the list's pace;
        // a query the user just typed shows at once.
        self.publish_results(self.loading.done || !self.results_shown_for_query)
    }

    /// Shows the query's matches (all counted, with the rows on screen ranked), unless `now`
    /// is false and the list was rebuilt moments ago. Returns whether the screen changed: once
    /// the rows on screen are shown, ranking the rest changes nothing there.
    ///
    /// A query just typed shows its best matches from the top; the selected article stays
    /// selected if it is among them. (Keeping it wherever it ranked would show 100,000
    /// results from some point in the middle.) Later results for the same query — articles
    /// still loading — keep the selection wherever it is.
    fn publish_results(&mut self, now: bool) -> bool {
        if !self.results_pending || (!now && self.last_rebuild.elapsed() < REBUILD_EVERY) {
            return false;
        }
        let Some(job) = self.job.as_ref() else {
            return false;
        };
        let before = self.list_view();
        self.hits = Some(job.results());
        self.results_pending = false;
        let first_time = !self.results_shown_for_query;
        self.results_shown_for_query = true;
        if first_time {
            self.list.offset = 0;
            self.rebuild_rows_keeping(Some(self.list_height()));
        } else {
            self.rebuild_rows();
        }
        first_time || self.list_view() != before
    }

    /// What the source list shows: the count, the first row on screen, the selection and the
    /// rows on screen.
    fn list_view(&self) -> (usize, usize, usize, Vec<Row>) {
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
        self.job.as_ref().is_some_and(|j| !j.is_done()) && !self.results_shown_for_query
    }

    /// Work left between frames: a slice of filtering, or a list rebuild that loading asked
    /// for. Returns whether the screen changed.
    pub fn tick(&mut self) -> bool {
        let mut changed = self.run_filter(FILTER_SLICE);
        changed |= self.publish_results(self.loading.done);
        changed |= self.mark_read_when_read();
        if self.state_dirty && self.last_save.elapsed() >= SAVE_EVERY {
            self.save_state();
        }
        if self.rows_stale && (self.loading.done || self.last_rebuild.elapsed() >= REBUILD_EVERY) {
            self.rebuild_rows();
            changed = true;
        }
        changed
    }

    /// Whether [`App::tick`] has work to do now.
    pub fn busy(&self) -> bool {
        self.job.as_ref().is_some_and(|j| !j.is_done())
            || ((self.rows_stale || self.results_pending) && self.loading.done)
    }

    fn rebuild_rows(&mut self) {
        self.rebuild_rows_keeping(None);
    }

    /// Rebuilds the list; the selected article stays selected if it is still there (and,
    /// given `keep_within`, among that many first rows).
    fn rebuild_rows_keeping(&mut self, keep_within: Option<usize>) {
        let state = &self.state;
        self.list.rebuild(
            &self.store,
            self.hits.as_ref(),
            &|a| !state.of(a).read,
            keep_within,
        );
        if let Some(key) = self.pending_select {
            let found = self.list.rows.iter().position(|row| {
                matches!(row, Row::Article { index } if state::key_of(&self.store.articles[index]) == key)
            });
            if let Some(at) = found {
                self.list.selected = at;
                self.pending_select = None;
            }
        }
        self.rows_stale = false;
        self.last_rebuild = Instant::now();
        self.after_selection();
    }

    /// Lays out the selected article for the reading pane, if it changed.
    fn sync_reader(&mut self) {
        let Some(index) = self.list.selected_article() else {
            if !matches!(
                self.list.rows.get(self.list.selected),
                Some(Row::Header { .. })
            ) {
                self.reader.clear();
            }
            return;
        };
        let text = layout::reader_text_area(self.size, self.measure);
        let width = usize::from(text.width);
        self.reader.set_height(usize::from(text.height));
        if self.reader.is_showing(index, width) {
            return;
        }
        if let Some(previous) = self.reader.article() {
            let block = self.reader.position_block();
            let before = self.state.of(&self.store.articles[previous]).position;
            if block != before {
                self.state
                    .update(&self.store.articles[previous], |s| s.position = block);
                self.state_dirty = true;
            }
        }
        let article = &self.store.articles[index];
        match article.full(self.rules) {
            Ok(full) => {
                let changed_article = self.reader.article() != Some(index);
                self.reader.show(index, &full, width);
                let saved = self.state.of(article).position;
                if changed_article && saved > 0 {
                    self.reader.scroll_to_block(saved);
                }
            }
            Err(e) => {
                let message = format!("{}: cannot be read again ({e})", article.path.display());
                self.reader.show_error(index, width, message);
            }
        }
    }

    /// Rows of the source list on screen.
    pub fn list_height(&self) -> usize {
        layout::list_rows_area(self.size, self.focus).map_or(1, |r| usize::from(r.height))
    }

    /// The terminal was resized.
    pub fn resize(&mut self, size: Rect) {
        self.size = size;
        self.list.scroll_into_view(self.list_height());
        self.sync_reader();
    }

    /// Takes news from the loader. Returns whether anything changed.
    pub fn apply_load_event(&mut self, event: LoadEvent) -> bool {
        match event {
            LoadEvent::Found(n) => self.loading.found = Some(n),
            LoadEvent::Batch(batch, index) => {
                let first = self.store.articles.len();
                self.store.add(batch);
                if let Some(index) = index {
                    self.index.merge(index, first);
                }
                let added = first..self.store.articles.len();
                match self.job.as_mut() {
                    Some(job) => job.add(added),
                    None => self.rows_stale = true,
                }
                if self.list.rows.is_empty() {
                    // The first articles show at once; later ones join at the next rebuild.
                    self.rebuild_rows();
                }
            }
            LoadEvent::Skipped(skipped) => self.store.skipped.push(skipped),
            LoadEvent::Done => {
                self.loading.done = true;
                // Off this thread: it takes tens of milliseconds.
                let _ = std::thread::Builder::new()
                    .name("warta-trim".into())
                    .spawn(crate::store::release_freed_memory);
                if self.rows_stale {
                    self.rebuild_rows();
                }
            }
        }
        true
    }

    /// How many warnings there are: skipped files and articles with warnings.
    pub fn warning_count(&self) -> usize {
        self.store.skipped.len() + self.store.warned()
    }

    /// Character positions in an article's title that the query's terms matched, for
    /// highlighting.
    pub fn title_match_indices(&self, index: usize) -> Vec<usize> {
        let title = &self.store.articles[index].title;
        let mut indices: Vec<usize> = self
            .query
            .terms
            .iter()
            .filter(|t| !t.negated)
            .filter_map(|t| match &t.kind {
                TermKind::Plain { typed, .. } => self.matcher.compact(title, typed).map(|(_, i)| i),
                _ => None,
            })
            .flatten()
            .collect();
        indices.sort_unstable();
        indices.dedup();
        indices
    }

    /// Articles shown by the filter, and all articles.
    pub fn counts(&self) -> (usize, usize) {
        let total = self.store.articles.len();
        (self.hits.as_ref().map_or(total, Ranked::len), total)
    }
}
