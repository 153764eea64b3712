//! The reading pane: only the visible laid-out lines are styled per frame; the filter's words
//! are highlighted; a scrollbar and a position show where you are.

use super::theme::Theme;
use crate::app::layout::{inner, reader_text_in};
use crate::app::{App, Focus};
use crate::article::fold::fold_into;
use crate::article::render::LineKind;
use crate::article::sanitise::sanitise;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

/// Draws the reading pane.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let reader = &app.reader;
    let focused = app.focus == Focus::Reader;
    let room = usize::from(area.width.saturating_sub(10));
    let title = match reader.article() {
        Some(index) if reader.raw => {
            let path = sanitise(&app.store.articles[index].path.display().to_string()).into_owned();
            // Cut the folders, not the file's name.
            format!(
                " Raw: {} ",
                super::text::truncate_start(&path, room.saturating_sub(7))
            )
        }
        _ => " Article ".to_string(),
    };
    let title = super::text::truncate(&title, room);
    let block = super::pane_block(theme, focused, title)
        .title_bottom(Line::from(format!(" {} ", reader.position())).alignment(Alignment::Right));
    frame.render_widget(block, area);
    let text_area = reader_text_in(area, app.settings.measure);
    if text_area.height == 0 || text_area.width == 0 {
        return;
    }
    if reader.article().is_none() {
        let hint = if app.list.rows.is_empty() {
            ""
        } else {
            "Select an article to read it."
        };
        frame.render_widget(Paragraph::new(hint).style(theme.dim), text_area);
        return;
    }
    // The match n/N went to stands out from the others.
    let current = reader.current_match_line();
    let gutter = reader.gutter();
    let lines: Vec<Line> = reader
        .visible_lines()
        .into_iter()
        .enumerate()
        .map(|(row, (kind, text, number))| {
            let matched = if current == Some(reader.scroll + row) {
                theme.matched.add_modifier(Modifier::REVERSED)
            } else {
                theme.matched
            };
            let style = match kind {
                LineKind::Title => theme.title,
                LineKind::Meta => theme.meta,
                LineKind::Lead => theme.lead,
                LineKind::Body | LineKind::Blank => theme.body,
            };
            let line = styled_line(text, &reader.words, style, matched);
            if gutter == 0 {
                return line;
            }
            // The raw view's line numbers, in a dim gutter.
            let number = number.map_or_else(String::new, |n| n.to_string());
            let mut spans = vec![Span::styled(
                format!("{number:>width$} ", width = gutter - 1),
                theme.dim,
            )];
            spans.extend(line.spans);
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), text_area);
    let inside = inner(area);
    if reader.max_scroll() > 0 && inside.width > 0 {
        let mut state = ScrollbarState::new(reader.max_scroll()).position(reader.scroll);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_style(theme.dim)
            .thumb_style(if focused {
                theme.border_focused
            } else {
                theme.dim
            });
        frame.render_stateful_widget(bar, inside, &mut state);
    }
}

/// A line with every occurrence of the (folded) words in `matched` style.
fn styled_line(text: &str, words: &[String], style: Style, matched: Style) -> Line<'static> {
    let ranges = match_ranges(text, words);
    if ranges.is_empty() {
        return Line::styled(text.to_string(), style);
    }
    let mut spans = Vec::new();
    let mut at = 0;
    for (start, end) in ranges {
        if start > at {
            spans.push(Span::styled(text[at..start].to_string(), style));
        }
        spans.push(Span::styled(
            text[start.max(at)..end].to_string(),
            style.patch(matched),
        ));
        at = end;
    }
    if at < text.len() {
        spans.push(Span::styled(text[at..].to_string(), style));
    }
    Line::from(spans)
}

/// Byte ranges of `text` where a folded word occurs, merged and in order.
pub fn match_ranges(text: &str, words: &[String]) -> Vec<(usize, usize)> {
    if words.is_empty() {
        return Vec::new();
    }
    // Fold char by char, remembering which original char each folded byte came from.
    let mut folded = String::with_capacity(text.len());
    let mut origin: Vec<(usize, usize)> = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let before = folded.len();
        fold_into(c.encode_utf8(&mut [0; 4]), &mut folded);
        origin.extend(std::iter::repeat_n(
            (at, at + c.len_utf8()),
            folded.len() - before,
        ));
    }
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for word in words.iter().filter(|w| !w.is_empty()) {
        for (start, _) in folded.match_indices(word.as_str()) {
            let end = start + word.len() - 1;
            if let (Some(a), Some(b)) = (origin.get(start), origin.get(end)) {
                ranges.push((a.0, b.1));
            }
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_map_back_through_folding() {
        let text = "Putin bertemu PUTIN di Café Pútin";
        let ranges = match_ranges(text, &["putin".into()]);
        let found: Vec<&str> = ranges.iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(found, ["Putin", "PUTIN", "Pútin"]);
        assert!(match_ranges(text, &[]).is_empty());
        let overlapping = match_ranges("sanksi", &["san".into(), "anksi".into()]);
        assert_eq!(overlapping, [(0, 6)]);
    }
}
