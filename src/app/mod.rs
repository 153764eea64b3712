//! The reader's state and `update(Input)`: everything a key, a click, a resize, the loader or
//! the clock does, with no drawing and no terminal. The event loop that feeds it lives in
//! the `tui` module; drawing, which only reads this state, in the `ui` module.
//!
//! [`App`] is a handful of sub-states, each with the methods that change it: the source
//! [`list`], the [`reader`] pane, the [`search`], the [`overlay`] windows and the [`saved`]
//! state's bookkeeping.

mod commands;
pub mod compare;
pub mod compare_view;
pub mod filter_bar;
pub mod layout;
pub mod list;
mod loading;
pub mod mouse;
pub mod overlay;
pub mod reader;
mod reread;
pub mod saved;
pub mod search;
pub mod stories;

use crate::keymap::{Action, Context, Keymap};
use crate::rules::Rules;
use crate::store::{LoadEvent, Store};
use list::{Row, SourceList};
pub use loading::Loading;
use mouse::Mouse;
use overlay::{Overlay, OverlayState};
use ratatui::layout::Rect;
use reader::ReaderPane;
use saved::Saved;
use search::Search;
use std::time::Duration;

/// Where the keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    Filter,
}

/// What the reader is set up with, fixed for the run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Keys → actions, in every context; the help is drawn from it.
    pub keymap: Keymap,
    /// The widest the reading column gets.
    pub measure: u16,
    /// The rules articles are read again with when they are shown.
    pub rules: &'static Rules,
    /// Files larger than this are not read (again).
    pub max_file_size: u64,
    /// Keep the stories formed in the cache folder, and take them from it when the articles
    /// are the same (off for tests and `--no-cache`).
    pub cache_stories: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            keymap: Keymap::default(),
            measure: layout::DEFAULT_MEASURE,
            rules: Rules::builtin(),
            max_file_size: crate::store::DEFAULT_MAX_FILE_SIZE,
            cache_stories: false,
        }
    }
}

/// Everything that reaches the reader: keys (as actions), the mouse, a resize, news from the
/// loader, and the clock's tick between frames.
#[derive(Debug)]
pub enum Input {
    Action(Action),
    Mouse(Mouse),
    /// The terminal's new size (columns, rows).
    Resize(u16, u16),
    Load(LoadEvent),
    /// Time for work left between frames (filtering, rebuilding, saving).
    Tick,
    /// Something to tell the user that happened outside (the pager failed).
    Notice(String),
    /// Text pasted into the terminal: typed into the filter bar, never taken as keys.
    Paste(String),
    /// Ctrl-Z or SIGTSTP: save, then let the loop suspend.
    Suspend,
}

impl From<Action> for Input {
    fn from(action: Action) -> Self {
        Input::Action(action)
    }
}

/// Work for the event loop outside the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum External {
    /// Show this article's file in `$PAGER`.
    Pager(usize),
    /// Put this text on the clipboard with OSC 52.
    Copy(String),
    /// Give the terminal back and stop until continued (`fg`).
    Suspend,
}

/// What the loop must do after an input.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Effects {
    /// Something on screen may have changed.
    pub redraw: bool,
    /// Work outside the screen.
    pub external: Option<External>,
}

impl Effects {
    fn redraw(redraw: bool) -> Effects {
        Effects {
            redraw,
            external: None,
        }
    }
}

/// Lines (or rows) one turn of the mouse wheel moves.
const WHEEL_STEP: isize = 3;

/// Marking more articles than this read at once asks first.
const MARK_WITHOUT_ASKING: usize = 100;

/// An article open in the focused reading pane this long counts as read.
pub const READ_AFTER: Duration = Duration::from_secs(2);

/// The whole state of the reader.
pub struct App {
    pub store: Store,
    pub settings: Settings,
    pub focus: Focus,
    /// The terminal's size.
    pub size: Rect,
    pub loading: Loading,
    pub list: SourceList,
    pub reader: ReaderPane,
    /// The filter bar, the query running and its results.
    pub search: Search,
    /// The help or warnings window, when one is open.
    pub overlay: OverlayState,
    /// What is remembered between runs, and when it was last written.
    pub saved: Saved,
    /// A short note for the status line ("no match in this article").
    pub notice: Option<String>,
    /// The stories across outlets, and the job forming them.
    pub stories: stories::StoryState,
    /// The two tellings compared, while compare is open.
    pub compare: Option<compare::CompareState>,
    pub quit: bool,
    title_ranks: loading::TitleRanks,
}

impl App {
    /// A reader over `store` in a terminal of `size`, with the default settings.
    pub fn new(store: Store, size: Rect) -> App {
        App::with_settings(store, size, Settings::default())
    }

    /// A reader over `store` in a terminal of `size`.
    pub fn with_settings(store: Store, size: Rect, settings: Settings) -> App {
        let mut app = App {
            store,
            settings,
            focus: Focus::List,
            size,
            loading: Loading::default(),
            list: SourceList::default(),
            reader: ReaderPane::default(),
            search: Search::default(),
            overlay: OverlayState::default(),
            saved: Saved::default(),
            notice: None,
            stories: stories::StoryState::default(),
            compare: None,
            title_ranks: Default::default(),
            quit: false,
        };
        app.refilter();
        app
    }

    /// Where keys go now, for the keymap.
    pub fn context(&self) -> Context {
        if self.overlay.open.is_some() {
            return Context::Overlay;
        }
        match self.focus {
            Focus::List => Context::List,
            Focus::Reader => Context::Reader,
            Focus::Filter => Context::Filter,
        }
    }

    /// Handles one input. Returns what the loop must do: redraw, run the pager, copy.
    pub fn update(&mut self, input: impl Into<Input>) -> Effects {
        let input = input.into();
        // Compare waiting for the stories gives way to whatever the user does next.
        if matches!(&input, Input::Action(action) if *action != Action::Compare)
            || matches!(input, Input::Paste(_))
        {
            self.stories.compare_asked = None;
        }
        match input {
            Input::Suspend | Input::Action(Action::Suspend) => {
                self.save_state();
                Effects {
                    redraw: true,
                    external: Some(External::Suspend),
                }
            }
            Input::Action(action) if self.overlay.open.is_some() => {
                Effects::redraw(self.overlay_action(action))
            }
            Input::Action(action) => self.action(action),
            Input::Mouse(mouse) => Effects::redraw(self.mouse(mouse)),
            Input::Resize(width, height) => {
                self.resize(Rect::new(0, 0, width, height));
                Effects::redraw(true)
            }
            Input::Load(event) => Effects::redraw(self.apply_load_event(event)),
            Input::Tick => Effects::redraw(self.tick()),
            Input::Notice(notice) => {
                self.notice = Some(notice);
                Effects::redraw(true)
            }
            Input::Paste(text) => Effects::redraw(self.paste(&text)),
        }
    }

    /// A key's action while a help or warnings window is open.
    fn overlay_action(&mut self, action: Action) -> bool {
        match (action, self.overlay.open) {
            (Action::Quit, _) => self.quit = true,
            (Action::Confirm, Some(Overlay::ConfirmMarkRead(_))) => {
                self.overlay.open = None;
                self.mark_read(self.shown_articles());
            }
            (Action::NextArticle | Action::PrevArticle, Some(Overlay::Compare)) => {
                self.compare_step(action == Action::NextArticle);
            }
            (Action::Down | Action::Up | Action::PageDown | Action::PageUp, _) => {
                let limit = overlay::max_scroll(self);
                let page = compare_view::page(self) as isize;
                let delta = match action {
                    Action::Down => 1,
                    Action::Up => -1,
                    Action::PageDown => page,
                    _ => -page,
                };
                self.overlay.scroll_by(delta, limit);
            }
            _ => {
                self.overlay.open = None;
                self.compare = None;
            }
        }
        true
    }

    /// A key's action in the panes and the filter bar.
    fn action(&mut self, action: Action) -> Effects {
        self.notice = None;
        let mut effects = Effects::redraw(true);
        let list_page = self.list_height().max(1) as isize;
        let reader_page = self.reader.height.max(1) as isize;
        match (action, self.focus) {
            (Action::Quit, _) => self.quit = true,
            (Action::ToggleHelp, _) => self.overlay.toggle(Overlay::Help),
            (Action::ToggleWarnings, _) => self.overlay.toggle(Overlay::Warnings),
            (Action::ToggleRead, _) => self.change_selected(|s| s.read = !s.read),
            (Action::ToggleStar, _) => self.change_selected(|s| s.starred = !s.starred),
            (Action::OpenPager, _) => {
                effects.external = self.list.selected_article().map(External::Pager);
            }
            (Action::Copy, _) => effects.external = self.copy_selected(),
            (Action::FocusFilter, _) => {
                self.focus = Focus::Filter;
                self.search.bar.begin_edit();
            }
            (Action::SwitchFocus, Focus::List) => self.focus = Focus::Reader,
            (Action::SwitchFocus, _) => self.focus = Focus::List,
            (Action::ToggleRaw, _) => {
                self.reader.raw = !self.reader.raw;
                self.sync_reader();
            }
            (Action::Down, Focus::Reader) => self.reader.scroll_by(1),
            (Action::Up, Focus::Reader) => self.reader.scroll_by(-1),
            // At the end of an article, paging on goes to the next unread one (newsboat's
            // Space).
            (Action::PageDown, Focus::Reader) if self.reader.scroll >= self.reader.max_scroll() => {
                self.next_unread()
            }
            (Action::PageDown, Focus::Reader) => self.reader.scroll_by(reader_page - 1),
            (Action::PageUp, Focus::Reader) => self.reader.scroll_by(-(reader_page - 1)),
            (Action::Top, Focus::Reader) => self.reader.scroll_edge(false),
            (Action::Bottom, Focus::Reader) => self.reader.scroll_edge(true),
            (Action::NextMatch | Action::PrevMatch, Focus::Reader) => {
                let forward = action == Action::NextMatch;
                self.notice = Some(match self.reader.jump_to_match(forward) {
                    Some(jump) => {
                        let wrapped = match (jump.wrapped, forward) {
                            (false, _) => "",
                            (true, true) => " — from the top again",
                            (true, false) => " — from the bottom again",
                        };
                        format!("match {}/{}{wrapped}", jump.number, jump.of)
                    }
                    None if self.reader.words.is_empty() => {
                        "no filter words to find — type / first".into()
                    }
                    None => "no match in this article".into(),
                });
            }
            (Action::NextArticle | Action::PrevArticle, _) => {
                let delta = if action == Action::NextArticle { 1 } else { -1 };
                self.move_selection(delta);
            }
            (Action::NextUnread, _) => self.next_unread(),
            (Action::MarkOutletRead, _) => self.mark_group_read(),
            (Action::MarkShownRead, _) => {
                let count = self.shown_articles().len();
                if count > MARK_WITHOUT_ASKING {
                    self.overlay.open = Some(Overlay::ConfirmMarkRead(count));
                } else {
                    self.mark_read(self.shown_articles());
                }
            }
            (Action::FoldAll, _) => {
                let (saved, store) = (&self.saved, &self.store);
                self.list.toggle_fold_all(
                    &self.store,
                    self.search.hits.as_ref(),
                    &|i| !saved.is_read(store.key(i)),
                    self.stories.ready.as_deref(),
                );
                self.after_selection();
            }
            (Action::CycleSort, _) => {
                self.list.sort = self.list.sort.next();
                self.notice = Some(format!("articles {}", self.list.sort.label()));
                self.rebuild_rows();
            }
            (Action::CycleView, _) => self.cycle_view(),
            (Action::Compare, _) => self.open_compare(),
            (Action::Confirm, _) => return Effects::default(),
            // Handled in `update`, before the focus is asked.
            (Action::Suspend, _) => return Effects::default(),
            (Action::ListNarrower | Action::ListWider, _) => {
                let step: i16 = if action == Action::ListWider { 5 } else { -5 };
                let (least, most) = layout::LIST_SHARES;
                let share = self
                    .list
                    .share()
                    .saturating_add_signed(step)
                    .clamp(least, most);
                self.list.share = Some(share);
                self.saved.set_list_share(share);
                self.after_selection();
            }
            (Action::Back, _) => self.focus = Focus::List,
            (Action::Down, _) => self.move_selection(1),
            (Action::Up, _) => self.move_selection(-1),
            (Action::PageDown, _) => self.move_selection(list_page),
            (Action::PageUp, _) => self.move_selection(-list_page),
            (Action::Top | Action::Bottom, _) => {
                self.list.chosen = true;
                self.list.select_edge(action == Action::Bottom);
                self.after_selection();
            }
            (Action::Open, _) => match self.list.rows.get(self.list.selected) {
                Some(Row::Article { .. }) => self.focus = Focus::Reader,
                Some(_) => self.toggle_fold(),
                None => {}
            },
            (Action::ToggleFold, _) => self.toggle_fold(),
            (Action::FilterChar(c), _) => {
                self.search.bar.insert(c);
                self.refilter();
            }
            (Action::FilterBackspace, _) => {
                if self.search.bar.backspace() {
                    self.refilter();
                }
            }
            (Action::FilterDeleteWord, _) => {
                if self.search.bar.delete_word() {
                    self.refilter();
                }
            }
            (Action::FilterClear, _) => {
                if self.search.bar.clear() {
                    self.refilter();
                }
            }
            (Action::FilterLeft | Action::FilterRight, _) => {
                self.search.bar.move_cursor(action == Action::FilterRight)
            }
            (Action::FilterHome | Action::FilterEnd, _) => {
                self.search.bar.cursor_to_edge(action == Action::FilterEnd)
            }
            (Action::HistoryPrev | Action::HistoryNext, _) => {
                if self.search.bar.walk_history(action == Action::HistoryPrev) {
                    self.refilter();
                }
            }
            (Action::FilterAccept, _) => {
                self.search.bar.accept();
                self.saved.set_history(&self.search.bar.history);
                self.focus = Focus::List;
            }
            (Action::FilterCancel, Focus::Filter) => {
                if self.search.bar.cancel_edit() {
                    self.refilter();
                }
                self.focus = Focus::List;
            }
            (Action::FilterCancel, _) => {
                if self.search.bar.clear_kept() {
                    self.refilter();
                    self.notice = Some("filter cleared — Ctrl-R brings it back".into());
                }
            }
            (Action::FilterRestore, _) => {
                if self.search.bar.restore_cleared() {
                    self.refilter();
                }
            }
            (Action::NextMatch | Action::PrevMatch, _) => return Effects::default(),
        }
        effects
    }

    fn toggle_fold(&mut self) {
        let (saved, store) = (&self.saved, &self.store);
        if self
            .list
            .toggle_fold(
                &self.store,
                self.search.hits.as_ref(),
                &|i| !saved.is_read(store.key(i)),
                self.stories.ready.as_deref(),
            )
            .is_some()
        {
            self.after_selection();
        }
    }

    fn move_selection(&mut self, delta: isize) {
        self.saved.pending_select = None;
        self.list.chosen = true;
        self.list.move_by(delta);
        self.after_selection();
    }

    fn after_selection(&mut self) {
        self.list.scroll_into_view(self.list_height());
        self.sync_reader();
        self.refresh_highlights();
    }

    /// Work left between frames: a slice of filtering, or a list rebuild that loading asked
    /// for. Returns whether the screen changed.
    fn tick(&mut self) -> bool {
        let mut changed = self.run_filter(search::FILTER_SLICE);
        changed |= self.publish_results(self.loading.done);
        changed |= self.mark_read_when_read();
        changed |= self.save_in_background();
        changed |= self.take_read();
        changed |= self.take_stories();
        self.take_title_ranks();
        if self.list.rebuild_due(self.loading.done) {
            self.rebuild_rows();
            changed = true;
        }
        changed
    }

    /// Whether a [`Input::Tick`] has work to do now.
    pub fn busy(&self) -> bool {
        // Saving is not work for a tick to hurry: it runs on its own thread.
        self.search.running()
            || self.stories_pending()
            || ((self.list.stale || self.search.results_pending) && self.loading.done)
    }

    fn rebuild_rows(&mut self) {
        self.rebuild_rows_keeping(None);
    }

    /// Rebuilds the list; the selected article stays selected if it is still there (and,
    /// given `keep_within`, among that many first rows).
    fn rebuild_rows_keeping(&mut self, keep_within: Option<usize>) {
        let story = self.selected_story_anchor();
        self.rebuild_rows_around(keep_within, story);
    }

    /// [`App::rebuild_rows_keeping`], with the selected story header (if one is) given by
    /// its newest article: taken before the stories are replaced, when they are.
    fn rebuild_rows_around(&mut self, keep_within: Option<usize>, story: Option<usize>) {
        let (saved, store) = (&self.saved, &self.store);
        self.list.rebuild(
            &self.store,
            self.search.hits.as_ref(),
            &|i| !saved.is_read(store.key(i)),
            keep_within,
            self.stories.ready.as_deref(),
        );
        if let Some(anchor) = story {
            self.select_story_of(anchor, keep_within);
        }
        if let Some(key) = self.saved.pending_select {
            let found = self.list.rows.iter().position(
                |row| matches!(row, Row::Article { index } if self.store.key(index) == key),
            );
            if let Some(at) = found {
                self.list.selected = at;
                self.saved.pending_select = None;
                self.list.chosen = true;
            }
        } else if !self.list.chosen && !self.list.is_flat() {
            // Until the user picks one, the article at the top is selected, whichever file
            // happened to load first.
            self.list.select_edge(false);
        }
        self.after_selection();
    }

    /// Lays out the selected article for the reading pane, if it changed.
    fn sync_reader(&mut self) {
        let Some(index) = self.list.selected_article() else {
            if !self
                .list
                .rows
                .get(self.list.selected)
                .is_some_and(|r| r.is_header())
            {
                self.reader.clear();
            }
            return;
        };
        let text = layout::reader_text_area(self.size, self.settings.measure, self.list.share());
        let width = usize::from(text.width);
        self.reader.set_height(usize::from(text.height));
        if self.reader.is_showing(index, width) {
            return;
        }
        if let Some(previous) = self.reader.article() {
            let block = self.reader.position_block();
            self.saved
                .change(&self.store.articles[previous], |s| s.position = block);
        }
        self.show_in_reader(index, width);
    }

    /// Rows of the source list on screen.
    pub fn list_height(&self) -> usize {
        layout::list_rows_area(self.size, self.focus, self.list.share())
            .map_or(1, |r| usize::from(r.height))
    }

    /// The terminal was resized.
    pub fn resize(&mut self, size: Rect) {
        self.size = size;
        self.after_selection();
    }

    /// Takes news from the loader. Returns whether anything changed.
    fn apply_load_event(&mut self, event: LoadEvent) -> bool {
        match event {
            LoadEvent::Found(n) => self.loading.found = Some(n),
            LoadEvent::Batch(batch, index) => {
                let added = self.search.add_articles(&mut self.store, batch, index);
                if !added {
                    self.list.stale = true;
                }
                if self.list.rows.is_empty() {
                    // The first articles show at once; later ones join at the next rebuild.
                    self.rebuild_rows();
                }
                self.restart_stories_when_due();
            }
            LoadEvent::Skipped(skipped) => self.store.skipped.push(skipped),
            LoadEvent::Done => {
                self.loading.done = true;
                // Off this thread: it takes tens of milliseconds.
                let _ = std::thread::Builder::new()
                    .name("warta-trim".into())
                    .spawn(crate::store::release_freed_memory);
                if self.list.stale {
                    self.rebuild_rows();
                }
                self.start_title_ranks();
                self.restart_stories_when_due();
            }
        }
        true
    }

    /// How many warnings there are: skipped files, articles with warnings, and saved state
    /// that could not be read.
    pub fn warning_count(&self) -> usize {
        self.store.skipped.len() + self.store.warned() + usize::from(self.saved.warning.is_some())
    }

    /// Articles shown by the filter, and all articles.
    pub fn counts(&self) -> (usize, usize) {
        let total = self.store.live_count();
        (self.search.shown(total), total)
    }
}
