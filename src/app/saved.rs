//! What is remembered between runs, as the reader keeps it: read marks and stars, the
//! reading position, the selection and the filter (the file itself is [`crate::state`]).

use super::{App, Focus, READ_AFTER};
use crate::state::{self, ArticleState, StateFile};
use std::time::Instant;

impl App {
    /// Changes the selected article's saved state.
    pub(super) fn change_selected(&mut self, change: impl FnOnce(&mut ArticleState)) {
        let Some(index) = self.list.selected_article() else {
            return;
        };
        self.state.update(&self.store.articles[index], change);
        self.state_dirty = true;
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
            self.reading_since = None;
            return false;
        };
        let since = match self.reading_since {
            Some((i, since)) if i == index => since,
            _ => {
                self.reading_since = Some((index, Instant::now()));
                Instant::now()
            }
        };
        let at_end = self.reader.max_scroll() > 0 && self.reader.scroll >= self.reader.max_scroll();
        let article = &self.store.articles[index];
        if (since.elapsed() >= READ_AFTER || at_end) && !self.state.of(article).read {
            self.state.update(article, |s| s.read = true);
            self.state_dirty = true;
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
        self.state = state;
        self.state_file = Some(file);
        self.pending_select = self.state.selected;
        if !self.state.filter.is_empty() {
            self.filter.text = self.state.filter.clone();
            self.filter.cursor = self.filter.text.chars().count();
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
        self.last_save = Instant::now();
        self.state_dirty = false;
        let Some(file) = &self.state_file else { return };
        match file.save(&self.state) {
            Ok(merged) => self.state = merged,
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
        if let Some(index) = self.reader.article() {
            let block = self.reader.position_block();
            self.state
                .update(&self.store.articles[index], |s| s.position = block);
        }
        let selected = self
            .list
            .selected_article()
            .map(|i| state::key_of(&self.store.articles[i]));
        if selected.is_some()
            && (selected != self.state.selected || self.filter.text != self.state.filter)
        {
            self.state.selected = selected;
            self.state.filter = self.filter.text.clone();
            self.state.updated = state::now_ms();
        }
    }
}
