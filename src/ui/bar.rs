//! The bottom line: the filter being typed (with a cursor), notices, the `shown/total` count
//! and a short key hint.

use super::text::width;
use super::theme::Theme;
use crate::app::{App, Focus};
use crate::article::sanitise::sanitise;
use crate::keymap::{Action, Context};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// What the hint tells of each place: the actions, and the word for each.
const HINTS: [(Context, &[(Action, &str)]); 3] = [
    (
        Context::List,
        &[
            (Action::FocusFilter, "filter"),
            (Action::ToggleHelp, "help"),
            (Action::Quit, "quit"),
        ],
    ),
    (
        Context::Reader,
        &[
            (Action::NextMatch, "next match"),
            (Action::NextArticle, "next article"),
            (Action::Back, "back"),
        ],
    ),
    (
        Context::Filter,
        &[
            (Action::FilterAccept, "keep"),
            (Action::FilterCancel, "cancel"),
            (Action::HistoryPrev, "history"),
        ],
    ),
];

/// The hint for where the keys go now: what keys do there, from the keymap ("/ filter  ?
/// help  q quit" in the list; "Enter keep  Esc cancel  ↑ history" while typing).
pub fn hint(app: &App) -> String {
    let context = app.context();
    let Some((_, actions)) = HINTS.iter().find(|(c, _)| *c == context) else {
        return String::new();
    };
    actions
        .iter()
        .filter_map(|(action, word)| {
            let key = app.settings.keymap.first_key(context, *action)?;
            Some(format!("{key} {word}"))
        })
        .collect::<Vec<_>>()
        .join("  ")
}

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
    // A failed save stays said until a save succeeds.
    if let Some(error) = &app.saved.error {
        let reason = &error.reason;
        parts.push(format!(
            "could not save state ({reason}) — retrying, w for more"
        ));
    }
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
    let warned = app.warning_count() - skipped - usize::from(app.saved.warning.is_some());
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
    let typing = app.focus == Focus::Filter;
    let bar = &app.search.bar;
    let showing_query = typing || !bar.text.is_empty();
    let left_room = |right_width: usize| total_width.saturating_sub(right_width + 1);
    // Hint and status only when the query still has room to show (at most what it needs).
    let query_width = if showing_query {
        1 + width(&sanitise(&bar.text))
    } else {
        0
    };
    let wanted_left = query_width.max(if typing { 12 } else { 0 }).min(40) + 1;
    if !status.is_empty() {
        // What the status says matters more than the hint: cut to fit rather than dropped.
        let room = left_room(right_width + 2).saturating_sub(wanted_left);
        let status = super::text::truncate(&status, room);
        if !status.is_empty() {
            right_width += width(&status) + 2;
            right.push(Span::styled(status, theme.notice));
            right.push(Span::raw("  "));
        }
    }
    right.push(Span::styled(count, theme.bar));
    let hint = hint(app);
    if !hint.is_empty() && left_room(right_width + width(&hint) + 2) >= wanted_left {
        right_width += width(&hint) + 2;
        right.push(Span::raw("  "));
        right.push(Span::styled(hint, theme.dim));
    }
    let room = left_room(right_width);
    let (shown_left, cursor_column) = if showing_query {
        query_view(&bar.text, bar.cursor, room)
    } else {
        (String::new(), 0)
    };
    let left_style = match (typing, bar.selected) {
        // Selected: what is typed next replaces it.
        (true, true) => theme.bar.add_modifier(ratatui::style::Modifier::REVERSED),
        (true, false) => theme.bar,
        _ => theme.dim,
    };
    let pad = total_width.saturating_sub(width(&shown_left) + right_width);
    let mut spans = vec![
        Span::styled(shown_left, left_style),
        Span::raw(" ".repeat(pad)),
    ];
    spans.extend(right);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if typing {
        let x = area.x + (cursor_column.min(total_width.saturating_sub(1)) as u16);
        frame.set_cursor_position(Position::new(x, area.y));
    }
}

/// The filter as shown in `room` columns — `/` and the query, cut with "…" where it does not
/// fit so that the cursor (before character `cursor` of `query`) is always in view — and the
/// column of the cursor. Linear in the query's length: a pasted query of any size draws at
/// once.
pub fn query_view(query: &str, cursor: usize, room: usize) -> (String, usize) {
    let mut cells: Vec<(String, usize)> = Vec::with_capacity(query.len() + 1);
    cells.push(("/".to_string(), 1));
    let mut buffer = [0; 4];
    for c in query.chars() {
        let shown = sanitise(c.encode_utf8(&mut buffer)).into_owned();
        let cell_width = width(&shown);
        cells.push((shown, cell_width));
    }
    // The cursor stands before cell `at` (after the last cell when at the end), and takes a
    // column of its own there.
    let at = (cursor + 1).min(cells.len());
    let total: usize = cells.iter().map(|(_, w)| w).sum();
    if room < 3 {
        return ("/".repeat(room.min(1)), 0);
    }
    if total + usize::from(at == cells.len()) <= room {
        let column: usize = cells[..at].iter().map(|(_, w)| w).sum();
        let text: String = cells.into_iter().map(|(s, _)| s).collect();
        return (text, column);
    }
    // As much as fits before the cursor, with "…" in front when cut there; room is kept for
    // the character at the cursor and, when more follows, a "…" after it.
    let cursor_cell = cells
        .get(at)
        .map_or(1, |(_, w)| (*w).max(1) + usize::from(at + 1 < cells.len()));
    let mut start = at;
    let mut used = cursor_cell;
    while start > 0 {
        let next = cells[start - 1].1;
        let ellipsis = usize::from(start - 1 > 0);
        if used + next + ellipsis > room {
            break;
        }
        used += next;
        start -= 1;
    }
    // Then as much after it, with "…" at the end when cut there.
    let mut end = at;
    let mut used: usize =
        cells[start..at].iter().map(|(_, w)| w).sum::<usize>() + usize::from(start > 0);
    while end < cells.len() {
        let next = cells[end].1;
        let ellipsis = usize::from(end + 1 < cells.len());
        if used + next + ellipsis > room {
            break;
        }
        used += next;
        end += 1;
    }
    let mut text = String::new();
    let mut column = 0;
    if start > 0 {
        text.push('…');
        column += 1;
    }
    for (n, (shown, cell_width)) in cells[start..end].iter().enumerate() {
        if start + n < at {
            column += cell_width;
        }
        text.push_str(shown);
    }
    if end < cells.len() {
        text.push('…');
    }
    (text, column)
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

    #[test]
    fn the_cursor_is_always_inside_the_query_shown() {
        let query: String = "abcdefghij".repeat(15);
        for room in [3usize, 5, 20, 59] {
            for cursor in [0, 1, 50, 99, 149, 150] {
                let (shown, column) = query_view(&query, cursor, room);
                assert!(width(&shown) <= room, "{room} {cursor}: {shown:?}");
                assert!(column < room, "{room} {cursor}: column {column}");
                // The character after the cursor is the one drawn at the cursor's column.
                if cursor < query.len() && room > 3 {
                    let at: String = shown.chars().skip(column).take(1).collect();
                    assert_eq!(at, query[cursor..cursor + 1], "{room} {cursor}: {shown:?}");
                }
            }
        }
        assert_eq!(query_view("kim", 3, 20), ("/kim".to_string(), 4));
        assert_eq!(query_view("kim", 0, 20), ("/kim".to_string(), 1));
        let (shown, column) = query_view(&query, 150, 20);
        assert!(shown.starts_with('…') && column == 19, "{shown:?} {column}");
    }
}
