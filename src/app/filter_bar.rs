//! The filter bar's text and cursor.

/// What has been typed into the filter bar, and where the cursor is (in characters).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FilterBar {
    pub text: String,
    pub cursor: usize,
}

impl FilterBar {
    fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Types a character at the cursor.
    pub fn insert(&mut self, c: char) {
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Types a whole string at the cursor.
    pub fn insert_str(&mut self, text: &str) {
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, text);
        self.cursor += text.chars().count();
    }

    /// Deletes the character before the cursor. Returns whether anything changed.
    pub fn backspace(&mut self) -> bool {
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
        let changed = !self.text.is_empty();
        self.text.clear();
        self.cursor = 0;
        changed
    }

    /// Moves the cursor one character left or right.
    pub fn move_cursor(&mut self, right: bool) {
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
}
