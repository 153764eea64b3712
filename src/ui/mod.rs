//! Drawing. Everything here reads the [`App`] and never changes it.

pub mod bar;
pub mod layout;
pub mod overlay;
pub mod reader;
pub mod sources;
pub mod text;
pub mod theme;

use crate::app::{App, Overlay};
use ratatui::Frame;
use ratatui::widgets::{Block, BorderType};

/// A pane's rounded border, bright when the pane has the focus.
pub fn pane_block(theme: &theme::Theme, focused: bool, title: String) -> Block<'static> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
        .title(title)
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let panes = layout::panes(area, app.focus);
    if let Some(list) = panes.list {
        sources::draw(frame, app, list);
    }
    if let Some(reader) = panes.reader {
        reader::draw(frame, app, reader);
    }
    bar::draw(frame, app, panes.bar);
    match app.overlay {
        Some(Overlay::Help) => overlay::help(frame, app, area),
        Some(Overlay::Warnings) => overlay::warnings(frame, app, area),
        None => {}
    }
}
