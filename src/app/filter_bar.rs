//! The filter bar's text and cursor, and the habits of a shell's line: `/` selects the query
//! so typing replaces it, Esc undoes the edit, Up and Down walk the history, a filter cleared
//! from the list comes back with Ctrl-R.

/// Queries remembered.
pub const HISTORY_LEN: usize = 100;

/// What has been typed into the filter bar, and where the cursor is (in characters).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FilterBar {
    pub text: String,
    pub cursor: usize,
    /// The query is selected: a typed character replaces it (set by `/` on a kept query).
    pub selected: bool,
    /// The query as it was when editing began, for Esc.
    before: Option<String>,
    /// Queries kept with Enter, oldest first.
    pub history: Vec<String>,
    /// Where Up and Down are in the history, and what was typed before walking it.
    walking: Option<(usize, String)>,
    /// The filter Esc cleared from the list last, for Ctrl-R.
    cleared: Option<String>,
}

impl FilterBar {
    /// Starts editing: the query (if any) is selected, and remembered for Esc.
    pub fn begin_edit(&mut self) {
        self.before = Some(self.text.clone());
        self.selected = !self.text.is_empty();
        self.walking = None;
        self.cursor = self.text.chars().count();
    }

    /// Esc while editing: the query as it was before. Returns whether the text changed.
    pub fn cancel_edit(&mut self) -> bool {
        self.selected = false;
        self.walking = None;
        match self.before.take() {
            Some(before) if before != self.text => {
                self.set(before);
                true
            }
            Some(_) => false,
            None => self.clear(),
        }
    }

    /// Enter: the query is kept, and goes into the history.
    pub fn accept(&mut self) {
        self.selected = false;
        self.before = None;
        self.walking = None;
        let query = self.text.trim();
        if !query.is_empty() {
            let query = query.to_string();
            self.history.retain(|q| *q != query);
            self.history.push(query);
            let extra = self.history.len().saturating_sub(HISTORY_LEN);
            self.history.drain(..extra);
        }
    }

    /// Esc in the list: clears a kept filter, which Ctrl-R brings back. Returns whether
    /// anything changed.
    pub fn clear_kept(&mut self) -> bool {
        if self.text.is_empty() {
            return false;
        }
        self.cleared = Some(std::mem::take(&mut self.text));
        self.cursor = 0;
        true
    }

    /// Ctrl-R: the filter cleared last. Returns whether the text changed.
    pub fn restore_cleared(&mut self) -> bool {
        match self.cleared.take() {
            Some(query) if query != self.text => {
                self.set(query);
                true
            }
            _ => false,
        }
    }

    /// Up (`back`) or Down in the history. Returns whether the text changed.
    pub fn walk_history(&mut self, back: bool) -> bool {
        self.selected = false;
        let next = match (&self.walking, back) {
            (None, true) if !self.history.is_empty() => Some(self.history.len() - 1),
            (None, _) => return false,
            (Some((at, _)), true) => Some(at.saturating_sub(1)),
            (Some((at, _)), false) => (at + 1 < self.history.len()).then_some(at + 1),
        };
        let draft = match self.walking.take() {
            Some((_, draft)) => draft,
            None => self.text.clone(),
        };
        let text = match next {
            Some(at) => {
                let query = self.history[at].clone();
                self.walking = Some((at, draft));
                query
            }
            None => draft,
        };
        let changed = text != self.text;
        self.set(text);
        changed
    }

    /// Cursor to the start or the end, keeping the query.
    pub fn cursor_to_edge(&mut self, end: bool) {
        self.selected = false;
        self.cursor = if end { self.text.chars().count() } else { 0 };
    }

    fn set(&mut self, text: String) {
        self.text = text;
        self.cursor = self.text.chars().count();
    }

    /// A selected query is replaced by what is typed next.
    fn replace_selected(&mut self) {
        if std::mem::take(&mut self.selected) {
            self.text.clear();
            self.cursor = 0;
        }
    }
    fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Types a character at the cursor.
    pub fn insert(&mut self, c: char) {
        self.replace_selected();
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Types a whole string at the cursor.
    pub fn insert_str(&mut self, text: &str) {
        self.replace_selected();
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, text);
        self.cursor += text.chars().count();
    }

    /// Deletes the character before the cursor (or the whole query, when it is selected).
    /// Returns whether anything changed.
    pub fn backspace(&mut self) -> bool {
        if std::mem::take(&mut self.selected) {
            return self.clear();
        }
        if self.cursor == 0 {
            return false;
        }
        let at = self.byte_at(self.cursor - 1);
        self.text.remove(at);
        self.cursor -= 1;
        true
    }

    /// Deletes the word before the cursor (and the spaces after it), as Ctrl-W does in a shell.
    pub fn delete_word(&mut self) -> bool {
        self.selected = false;
        let end = self.byte_at(self.cursor);
        let before = &self.text[..end];
        let trimmed = before.trim_end();
        let start = trimmed.rfind(' ').map_or(0, |i| i + 1);
        if start == end {
            return false;
        }
        let removed = self.text[start..end].chars().count();
        self.text.replace_range(start..end, "");
        self.cursor -= removed;
        true
    }

    /// Clears everything. Returns whether anything changed.
    pub fn clear(&mut self) -> bool {
        self.selected = false;
        let changed = !self.text.is_empty();
        self.text.clear();
        self.cursor = 0;
        changed
    }

    /// Moves the cursor one character left or right.
    pub fn move_cursor(&mut self, right: bool) {
        self.selected = false;
        let len = self.text.chars().count();
        self.cursor = if right {
            (self.cursor + 1).min(len)
        } else {
            self.cursor.saturating_sub(1)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> FilterBar {
        let mut bar = FilterBar::default();
        text.chars().for_each(|c| bar.insert(c));
        bar
    }

    #[test]
    fn editing() {
        let mut bar = typed("putin @kompas");
        assert!(bar.delete_word());
        assert_eq!(bar.text, "putin ");
        assert!(bar.delete_word());
        assert_eq!((bar.text.as_str(), bar.cursor), ("", 0));
        assert!(!bar.delete_word());
        let mut bar = typed("kóm");
        bar.move_cursor(false);
        bar.insert('x');
        assert_eq!(bar.text, "kóxm");
        assert!(bar.backspace());
        assert!(bar.backspace());
        assert_eq!((bar.text.as_str(), bar.cursor), ("km", 1));
        assert!(bar.clear());
        assert!(!bar.clear());
    }

    #[test]
    fn slash_selects_esc_undoes_history_walks() {
        let mut bar = typed("tribun");
        bar.accept();
        // `/` again: typing replaces the kept query.
        bar.begin_edit();
        "kompas".chars().for_each(|c| bar.insert(c));
        assert_eq!(bar.text, "kompas");
        // Esc brings back the query as it was before `/`.
        assert!(bar.cancel_edit());
        assert_eq!(bar.text, "tribun");
        // An arrow keeps the query to edit it.
        bar.begin_edit();
        bar.move_cursor(false);
        bar.insert('x');
        assert_eq!(bar.text, "tribuxn");
        bar.accept();
        bar.begin_edit();
        bar.insert('p');
        assert_eq!(bar.text, "p");
        // Up walks back through what was kept, Down forward to what was being typed.
        assert!(bar.walk_history(true));
        assert_eq!(bar.text, "tribuxn");
        assert!(bar.walk_history(true));
        assert_eq!(bar.text, "tribun");
        assert!(!bar.walk_history(true), "the oldest stays");
        assert!(bar.walk_history(false));
        assert!(bar.walk_history(false));
        assert_eq!(bar.text, "p");
        // Esc in the list clears a kept filter; Ctrl-R brings it back.
        assert!(bar.clear_kept());
        assert_eq!(bar.text, "");
        assert!(bar.restore_cleared());
        assert_eq!(bar.text, "p");
    }

    #[test]
    fn history_keeps_the_last_hundred_each_once() {
        let mut bar = FilterBar::default();
        for n in 0..150 {
            bar.text = format!("q{}", n % 120);
            bar.accept();
        }
        assert_eq!(bar.history.len(), HISTORY_LEN);
        assert_eq!(bar.history.last().map(String::as_str), Some("q29"));
        let mut unique = bar.history.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), HISTORY_LEN);
    }
}
