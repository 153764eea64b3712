//! Compare: two tellings of one story, as [`crate::app::compare_view::layout`] lays them out.
//! Shared sentences are dimmed, reworded ones marked, what only one side has stands out.

use super::theme::Theme;
use crate::app::App;
use crate::app::compare_view::{COMPARE_TITLE, CompareLine, LineKind, area, layout};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws compare over the whole screen.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, screen: Rect) {
    let window = area(screen);
    if window.width < 4 || window.height < 4 {
        return;
    }
    let inside = super::overlay::frame_window(frame, theme, window, COMPARE_TITLE);
    let laid = layout(app, screen);
    let height = usize::from(inside.height);
    let scroll = app.overlay.scroll.min(laid.rows().saturating_sub(height));
    let width = laid.column_width;
    let lines: Vec<Line> = (scroll..scroll + height)
        .map(|row| {
            let mut spans = Vec::new();
            for (n, column) in laid.columns.iter().enumerate() {
                if n > 0 {
                    spans.push(Span::styled(" │ ", theme.border));
                }
                let line = column.get(row);
                spans.push(styled(line, theme, width));
            }
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inside);
    // The window covers the bar, so a notice (a telling passed over, one that cannot be
    // read) is written on its bottom border instead.
    if let Some(notice) = &app.notice {
        let room = window.width.saturating_sub(4);
        let text = format!(
            " {} ",
            super::text::truncate(notice, usize::from(room.saturating_sub(2)))
        );
        let at = Rect::new(window.x + 2, window.y + window.height - 1, room, 1);
        frame.render_widget(Paragraph::new(Span::styled(text, theme.notice)), at);
    }
}

/// One line of one column, padded to the column's width.
fn styled(line: Option<&CompareLine>, theme: &Theme, width: usize) -> Span<'static> {
    let Some(line) = line else {
        return Span::raw(" ".repeat(width));
    };
    let style = match line.kind {
        LineKind::Heading => theme.title,
        LineKind::Only => theme.meta,
        LineKind::Shared => theme.dim,
        LineKind::Reworded => theme.matched,
        LineKind::Unique => theme.unread,
        LineKind::Blank => theme.border,
    };
    let text = super::text::truncate(&line.text, width);
    let pad = width.saturating_sub(super::text::width(&text));
    Span::styled(format!("{text}{}", " ".repeat(pad)), style)
}
