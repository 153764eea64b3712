//! Drawing. Everything here reads the [`App`] and the [`theme::Theme`] and never changes
//! either; where things go is [`crate::app::layout`], shared with the state.

pub mod bar;
pub mod compare;
pub mod overlay;
pub mod reader;
pub mod sources;
pub mod text;
pub mod theme;

use crate::app::App;
use crate::app::layout;
use crate::app::overlay::Overlay;
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
pub fn draw(frame: &mut Frame, app: &App, theme: &theme::Theme) {
    let area = frame.area();
    let panes = layout::panes(area, app.focus, app.list.share());
    if let Some(list) = panes.list {
        sources::draw(frame, app, theme, list);
    }
    if let Some(reader) = panes.reader {
        reader::draw(frame, app, theme, reader);
    }
    bar::draw(frame, app, theme, panes.bar);
    match app.overlay.open {
        Some(Overlay::Help) => overlay::help(frame, app, theme, area),
        Some(Overlay::Warnings) => overlay::warnings(frame, app, theme, area),
        Some(Overlay::ConfirmMarkRead(count)) => overlay::confirm(
            frame,
            app,
            theme,
            area,
            &format!("Mark {count} articles read?"),
        ),
        Some(Overlay::Compare) => compare::draw(frame, app, theme, area),
        None => {}
    }
}
