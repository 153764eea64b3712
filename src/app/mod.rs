//! The reader's state and `update(Action)`: everything a key does, with no drawing. The event
//! loop lives in [`run`]; drawing, which only reads this state, in [`crate::ui`].

pub mod filter_bar;
pub mod filter_job;
pub mod list;
pub mod reader;
pub mod run;
pub mod terminal;

use crate::filter::TermKind;
use crate::filter::{Hit, Matcher, NoFlags, Query};
use crate::keymap::{Action, Context, Keymap};
use crate::rules::Rules;
use crate::store::{LoadEvent, Store};
use crate::ui::layout;
use crate::ui::theme::Theme;
use crossterm::event::{Event, KeyEvent, KeyEventKind};
use filter_bar::FilterBar;
use filter_job::FilterJob;
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
    pub hits: Option<Vec<Hit>>,
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
    pub theme: Theme,
    /// The rules articles are read again with when they are shown.
    pub rules: &'static Rules,
    matcher: Matcher,
    /// The query being run, or the last one run (kept to narrow the next one).
    job: Option<FilterJob>,
    /// The list needs rebuilding (articles arrived); done at most every [`REBUILD_EVERY`].
    rows_stale: bool,
    last_rebuild: Instant,
}

/// Time one slice of filtering may take before the screen is drawn again.
pub const FILTER_SLICE: Duration = Duration::from_millis(8);
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
            theme: Theme::default(),
            rules: Rules::builtin(),
            matcher: Matcher::default(),
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
        if self.list.toggle_fold(&self.store).is_some() {
            self.after_selection();
        }
    }

    fn move_selection(&mut self, delta: isize) {
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
        let job = FilterJob::replacing(
            self.job.as_ref(),
            self.query.clone(),
            self.store.articles.len(),
        );
        self.job = Some(job);
        self.run_filter(FILTER_SLICE);
    }

    /// Gives the running query up to `budget` more time. Returns whether the results changed.
    pub fn run_filter(&mut self, budget: Duration) -> bool {
        let Some(job) = self.job.as_mut() else {
            return false;
        };
        if job.is_done() || !job.step(&self.store.articles, &self.matcher, &NoFlags, budget) {
            return false;
        }
        self.hits = Some(job.ranked(&self.store.articles));
        self.rebuild_rows();
        true
    }

    /// Whether a query is still being run.
    pub fn filtering(&self) -> bool {
        self.job.as_ref().is_some_and(|j| !j.is_done())
    }

    /// Work left between frames: a slice of filtering, or a list rebuild that loading asked
    /// for. Returns whether the screen changed.
    pub fn tick(&mut self) -> bool {
        let mut changed = self.run_filter(FILTER_SLICE);
        if self.rows_stale && (self.loading.done || self.last_rebuild.elapsed() >= REBUILD_EVERY) {
            self.rebuild_rows();
            changed = true;
        }
        changed
    }

    /// Whether [`App::tick`] has work to do now.
    pub fn busy(&self) -> bool {
        self.filtering() || (self.rows_stale && self.loading.done)
    }

    fn rebuild_rows(&mut self) {
        self.list.rebuild(&self.store, self.hits.as_deref());
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
        let article = &self.store.articles[index];
        match article.full(self.rules) {
            Ok(full) => self.reader.show(index, &full, width),
            Err(e) => {
                let message = format!("{}: cannot be read again ({e})", article.path.display());
                self.reader.show_error(index, width, message);
            }
        }
    }

    /// The focus as layout sees it: at narrow widths it decides which pane is shown.
    pub fn focus_for_layout(&self) -> Focus {
        self.focus
    }

    /// Rows of the source list on screen.
    pub fn list_height(&self) -> usize {
        layout::list_rows_area(self.size, self.focus_for_layout())
            .map_or(1, |r| usize::from(r.height))
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
            LoadEvent::Batch(batch) => {
                let first = self.store.articles.len();
                self.store.add(batch);
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
                if self.rows_stale {
                    self.rebuild_rows();
                }
            }
        }
        true
    }

    /// How many warnings there are: skipped files and articles with warnings.
    pub fn warning_count(&self) -> usize {
        self.store.skipped.len()
            + self
                .store
                .articles
                .iter()
                .filter(|a| !a.warnings.is_empty())
                .count()
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
        (self.hits.as_ref().map_or(total, Vec::len), total)
    }
}
