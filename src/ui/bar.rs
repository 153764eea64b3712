//! The bottom line: the filter being typed (with a cursor), notices, the `shown/total` count
//! and a short key hint.

use super::text::width;
use super::theme::Theme;
use crate::app::{App, Focus};
use crate::article::sanitise::sanitise;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The hint shown when there is room.
pub const HINT: &str = "/ filter  ? help  q quit";

/// 100000 → "100,000".
pub fn group_digits(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What the status part says, most important first.
pub fn status(app: &App) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(notice) = &app.notice {
        parts.push(notice.clone());
    }
    if app.filtering() {
        parts.push("filtering…".to_string());
    }
    if !app.loading.done {
        let loaded = app.store.articles.len() + app.store.skipped.len();
        parts.push(match app.loading.found {
            Some(found) => format!("loading {}/{}", group_digits(loaded), group_digits(found)),
            None => format!("loading {}…", group_digits(loaded)),
        });
    }
    let skipped = app.store.skipped.len();
    let warned = app.warning_count() - skipped;
    if skipped > 0 {
        let files = if skipped == 1 { "file" } else { "files" };
        parts.push(format!("{skipped} {files} skipped — w to see"));
    } else if warned > 0 {
        parts.push(format!("{warned} with warnings — w to see"));
    }
    parts
}

/// Draws the bar.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let total_width = usize::from(area.width);
    let (shown, total) = app.counts();
    let count = format!("{}/{}", group_digits(shown), group_digits(total));
    let mut right: Vec<Span> = Vec::new();
    let mut right_width = width(&count);
    let status = status(app).join("  ");
    let query = sanitise(&app.search.bar.text).into_owned();
    let typing = app.focus == Focus::Filter;
    let left_text = if typing || !query.is_empty() {
        format!("/{query}")
    } else {
        String::new()
    };
    let left_room = |right_width: usize| total_width.saturating_sub(right_width + 1);
    // Hint and status only when the query still has room to show.
    let wanted_left = width(&left_text).max(if typing { 12 } else { 0 }) + 1;
    if !status.is_empty() && left_room(right_width + width(&status) + 2) >= wanted_left {
        right.push(Span::styled(status.clone(), theme.notice));
        right.push(Span::raw("  "));
        right_width += width(&status) + 2;
    }
    right.push(Span::styled(count, theme.bar));
    if left_room(right_width + HINT.len() + 2) >= wanted_left {
        right.push(Span::raw("  "));
        right.push(Span::styled(HINT, theme.dim));
        right_width += HINT.len() + 2;
    }
    let room = left_room(right_width);
    // Keep the end of a long query (where the cursor usually is) in view.
    let shown_left = if width(&left_text) > room {
        let chars: Vec<char> = left_text.chars().collect();
        let mut start = 0;
        while start < chars.len()
            && width(&chars[start..].iter().collect::<String>()) > room.saturating_sub(1)
        {
            start += 1;
        }
        format!("…{}", chars[start..].iter().collect::<String>())
    } else {
        left_text.clone()
    };
    let left_style = if typing { theme.bar } else { theme.dim };
    let pad = total_width.saturating_sub(width(&shown_left) + right_width);
    let mut spans = vec![
        Span::styled(shown_left.clone(), left_style),
        Span::raw(" ".repeat(pad)),
    ];
    spans.extend(right);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if typing {
        // The cursor sits after the typed characters before it (or at the end when cut).
        let before: String = app
            .search
            .bar
            .text
            .chars()
            .take(app.search.bar.cursor)
            .collect();
        let column = if shown_left.starts_with('…') {
            width(&shown_left) - width(&sanitise(&app.search.bar.text[before.len()..]))
        } else {
            1 + width(&sanitise(&before))
        };
        let x = area.x + (column.min(total_width.saturating_sub(1)) as u16);
        frame.set_cursor_position(Position::new(x, area.y));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_grouped() {
        assert_eq!(group_digits(5), "5");
        assert_eq!(group_digits(42100), "42,100");
        assert_eq!(group_digits(100000), "100,000");
        assert_eq!(group_digits(1234567), "1,234,567");
    }
}
