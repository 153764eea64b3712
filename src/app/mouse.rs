//! The mouse: a click selects or focuses, the wheel scrolls the pane under the pointer. The
//! event loop turns the terminal's mouse events into [`Mouse`] inputs.

use super::{App, Focus, WHEEL_STEP, layout};
use ratatui::layout::Position;

/// What the mouse did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    /// The left button went down.
    Click,
    WheelUp,
    WheelDown,
}

/// A mouse input at a cell of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mouse {
    pub kind: MouseKind,
    pub column: u16,
    pub row: u16,
}

impl App {
    /// A click selects the row under it (and focuses its pane); the wheel scrolls the pane
    /// under the pointer, or the window open over them (help, compare, warnings). Returns
    /// whether anything changed.
    pub(super) fn mouse(&mut self, mouse: Mouse) -> bool {
        if self.overlay.open.is_some() {
            let delta = match mouse.kind {
                MouseKind::WheelDown => WHEEL_STEP,
                MouseKind::WheelUp => -WHEEL_STEP,
                MouseKind::Click => return false,
            };
            let before = self.overlay.scroll;
            self.overlay
                .scroll_by(delta, super::overlay::max_scroll(self));
            return self.overlay.scroll != before;
        }
        let at = Position::new(mouse.column, mouse.row);
        let panes = layout::panes(self.size, self.focus, self.list.share());
        let over_list = panes.list.is_some_and(|r| r.contains(at));
        let over_reader = panes.reader.is_some_and(|r| r.contains(at));
        match mouse.kind {
            MouseKind::Click if over_list => {
                self.focus = Focus::List;
                let rows = layout::inner(panes.list.unwrap_or_default());
                if rows.contains(at) {
                    let row = self.list.offset + usize::from(at.y - rows.y);
                    if row < self.list.rows.len() {
                        let again = row == self.list.selected;
                        self.list.selected = row;
                        self.saved.pending_select = None;
                        self.list.chosen = true;
                        if again && self.list.rows.get(row).is_some_and(|r| r.is_header()) {
                            self.toggle_fold();
                        }
                        self.after_selection();
                    }
                }
                true
            }
            MouseKind::Click if over_reader => {
                self.focus = Focus::Reader;
                true
            }
            MouseKind::WheelDown | MouseKind::WheelUp => {
                let step = if mouse.kind == MouseKind::WheelDown {
                    WHEEL_STEP
                } else {
                    -WHEEL_STEP
                };
                if over_reader {
                    self.reader.scroll_by(step);
                    true
                } else if over_list {
                    self.move_selection(step);
                    true
                } else {
                    false
                }
            }
            MouseKind::Click => false,
        }
    }
}
