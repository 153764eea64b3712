//! The mouse: a click selects or focuses, the wheel scrolls the pane under the pointer.

use super::{App, Focus, WHEEL_STEP};
use crate::app::list::Row;
use crate::ui::layout;
use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

impl App {
    /// A click selects the row under it (and focuses its pane); the wheel scrolls the pane
    /// under the pointer.
    pub fn handle_mouse(&mut self, mouse: &MouseEvent) -> bool {
        if self.overlay.is_some() {
            return false;
        }
        let at = Position::new(mouse.column, mouse.row);
        let panes = layout::panes(self.size, self.focus);
        let over_list = panes.list.is_some_and(|r| r.contains(at));
        let over_reader = panes.reader.is_some_and(|r| r.contains(at));
        match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) if over_list => {
                self.focus = Focus::List;
                let rows = layout::inner(panes.list.unwrap_or_default());
                if rows.contains(at) {
                    let row = self.list.offset + usize::from(at.y - rows.y);
                    if row < self.list.rows.len() {
                        let again = row == self.list.selected;
                        self.list.selected = row;
                        self.pending_select = None;
                        if again && matches!(self.list.rows.get(row), Some(Row::Header { .. })) {
                            self.toggle_fold();
                        }
                        self.after_selection();
                    }
                }
                true
            }
            MouseEventKind::Down(MouseButton::Left) if over_reader => {
                self.focus = Focus::Reader;
                true
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let step = if mouse.kind == MouseEventKind::ScrollDown {
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
            _ => false,
        }
    }
}
