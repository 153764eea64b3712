//! What is remembered between runs, as the reader keeps it: read marks and stars, the
//! reading position, the selection and the filter (the file itself is [`crate::state`]), and
//! when it is next written.

use super::{App, Focus, READ_AFTER};
use crate::article::Article;
use crate::state::{self, ArticleState, State, StateFile};
use std::time::{Duration, Instant};

/// Saved state is written at most this often while running (and always on exit).
const SAVE_EVERY: Duration = Duration::from_secs(1);

/// The remembered state and its bookkeeping.
#[derive(Debug)]
pub struct Saved {
    /// What is remembered between runs.
    pub state: State,
    /// Where state is saved; None with `--no-state`.
    pub file: Option<StateFile>,
    /// Changed since it was last written.
    dirty: bool,
    last_save: Instant,
    /// The article being read in the focused reading pane, and since when.
    reading_since: Option<(usize, Instant)>,
    /// The article selected when warta last ran, to select again once it has loaded.
    pub pending_select: Option<u64>,
}

impl Default for Saved {
    fn default() -> Self {
        Saved {
            state: State::default(),
            file: None,
            dirty: false,
            last_save: Instant::now(),
            reading_since: None,
            pending_select: None,
        }
    }
}

impl Saved {
    /// Changes one article's state, noting that it needs writing when it did change.
    pub fn change(&mut self, article: &Article, change: impl FnOnce(&mut ArticleState)) {
        let before = self.state.of(article);
        let mut after = before;
        change(&mut after);
        if after != before {
            self.state.update(article, |s| *s = after);
            self.dirty = true;
        }
    }

    /// Whether unsaved changes have waited long enough to be written.
    pub fn save_due(&self) -> bool {
        self.dirty && self.last_save.elapsed() >= SAVE_EVERY
    }
}

impl App {
    /// Changes the selected article's saved state.
    pub(super) fn change_selected(&mut self, change: impl FnOnce(&mut ArticleState)) {
        let Some(index) = self.list.selected_article() else {
            return;
        };
        self.saved.state.update(&self.store.articles[index], change);
        self.saved.dirty = true;
        self.rebuild_rows();
    }

    /// An article counts as read once it has been open in the focused reading pane for
    /// [`READ_AFTER`], or scrolled to its end there.
    pub(super) fn mark_read_when_read(&mut self) -> bool {
        let reading = match (self.focus, self.reader.article()) {
            (Focus::Reader, Some(index)) => Some(index),
            _ => None,
        };
        let Some(index) = reading else {
            self.saved.reading_since = None;
            return false;
        };
        let since = match self.saved.reading_since {
            Some((i, since)) if i == index => since,
            _ => {
                self.saved.reading_since = Some((index, Instant::now()));
                Instant::now()
            }
        };
        let at_end = self.reader.max_scroll() > 0 && self.reader.scroll >= self.reader.max_scroll();
        let article = &self.store.articles[index];
        if (since.elapsed() >= READ_AFTER || at_end) && !self.saved.state.of(article).read {
            self.saved.state.update(article, |s| s.read = true);
            self.saved.dirty = true;
            self.rebuild_rows();
            return true;
        }
        false
    }

    /// Reads saved state (unless there is no state file) and restores the last filter and
    /// selection. Returns a warning when the file had to be moved aside.
    pub fn restore_state(&mut self, file: Option<StateFile>) -> Option<String> {
        let file = file?;
        let (state, warning) = file.load();
        self.saved.state = state;
        self.saved.file = Some(file);
        self.saved.pending_select = self.saved.state.selected;
        if !self.saved.state.filter.is_empty() {
            let bar = &mut self.search.bar;
            bar.text = self.saved.state.filter.clone();
            bar.cursor = bar.text.chars().count();
        }
        self.refilter();
        if let Some(warning) = &warning {
            self.notice = Some(warning.clone());
        }
        warning
    }

    /// Writes state now (merged with what another warta wrote). Errors become a notice.
    pub fn save_state(&mut self) {
        self.remember_place();
        self.saved.last_save = Instant::now();
        self.saved.dirty = false;
        let Some(file) = &self.saved.file else { return };
        match file.save(&self.saved.state) {
            Ok(merged) => self.saved.state = merged,
            Err(e) => {
                self.notice = Some(format!(
                    "{}: cannot save state ({e})",
                    file.path().display()
                ))
            }
        }
    }

    /// Notes the selection, the filter and the reading position in the state.
    pub(super) fn remember_place(&mut self) {
        let state = &mut self.saved.state;
        if let Some(index) = self.reader.article() {
            let block = self.reader.position_block();
            state.update(&self.store.articles[index], |s| s.position = block);
        }
        let selected = self
            .list
            .selected_article()
            .map(|i| state::key_of(&self.store.articles[i]));
        let filter = &self.search.bar.text;
        if selected.is_some() && (selected != state.selected || *filter != state.filter) {
            state.selected = selected;
            state.filter = filter.clone();
            state.updated = state::now_ms();
        }
    }
}
