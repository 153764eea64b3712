//! Windows over the panes: the help (drawn from the keymap table) and the warnings list.

use crate::app::App;
use crate::article::sanitise::sanitise;
use crate::keymap::Context;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

/// A rectangle of at most `width`×`height`, centred in `area`.
fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

fn section(app: &App, context: Context, key_width: usize) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(context.title().to_string(), app.theme.header)];
    for (keys, description) in app.keymap.help(context) {
        lines.push(Line::from(vec![
            Span::styled(format!("  {keys:<key_width$} "), app.theme.title),
            Span::raw(description),
        ]));
    }
    lines.push(Line::raw(""));
    lines
}

/// The help: every binding in force, by where it applies.
pub fn help(frame: &mut Frame, app: &App, area: Rect) {
    let all: Vec<(String, &str)> = [
        Context::Global,
        Context::List,
        Context::Reader,
        Context::Filter,
    ]
    .iter()
    .flat_map(|c| app.keymap.help(*c))
    .collect();
    let key_width = all
        .iter()
        .map(|(keys, _)| super::text::width(keys))
        .max()
        .unwrap_or(8);
    let description_width = all
        .iter()
        .map(|(_, d)| super::text::width(d))
        .max()
        .unwrap_or(20);
    let columns = [
        [Context::Global, Context::List],
        [Context::Reader, Context::Filter],
    ];
    let column_lines: Vec<Vec<Line>> = columns
        .iter()
        .map(|contexts| {
            contexts
                .iter()
                .flat_map(|c| section(app, *c, key_width))
                .collect()
        })
        .collect();
    let column_width = 2 + key_width + 1 + description_width;
    let two_columns = area.width as usize >= 2 * column_width + 3;
    let lines: Vec<Line> = if two_columns {
        let rows = column_lines.iter().map(Vec::len).max().unwrap_or(0);
        (0..rows)
            .map(|r| {
                let mut spans: Vec<Span> = Vec::new();
                if let Some(left) = column_lines[0].get(r) {
                    let used: usize = left
                        .spans
                        .iter()
                        .map(|s| super::text::width(&s.content))
                        .sum();
                    spans.extend(left.spans.iter().cloned().map(|s| {
                        let style = left.style.patch(s.style);
                        s.style(style)
                    }));
                    spans.push(Span::raw(
                        " ".repeat((column_width + 1).saturating_sub(used)),
                    ));
                } else {
                    spans.push(Span::raw(" ".repeat(column_width + 1)));
                }
                if let Some(right) = column_lines[1].get(r) {
                    // A heading's style is on the line, not its span: carry it over.
                    spans.extend(right.spans.iter().cloned().map(|s| {
                        let style = right.style.patch(s.style);
                        s.style(style)
                    }));
                }
                Line::from(spans)
            })
            .collect()
    } else {
        column_lines.into_iter().flatten().collect()
    };
    let width = if two_columns {
        2 * column_width + 3
    } else {
        column_width + 2
    };
    draw_window(
        frame,
        app,
        area,
        " Help — j/k scroll, any other key closes ",
        lines,
        width as u16,
    );
}

/// Skipped files and articles read with warnings.
pub fn warnings(frame: &mut Frame, app: &App, area: Rect) {
    let mut lines: Vec<Line> = Vec::new();
    for skipped in &app.store.skipped {
        lines.push(Line::from(vec![
            Span::styled(
                sanitise(&skipped.path.display().to_string()).into_owned(),
                app.theme.title,
            ),
            Span::raw(": "),
            Span::raw(sanitise(&skipped.reason).into_owned()),
        ]));
    }
    for article in app.store.articles.iter().filter(|a| !a.warnings.is_empty()) {
        for warning in &article.warnings {
            lines.push(Line::from(vec![
                Span::styled(
                    sanitise(&article.path.display().to_string()).into_owned(),
                    app.theme.meta,
                ),
                Span::raw(": "),
                Span::raw(sanitise(warning).into_owned()),
            ]));
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled(
            "No files were skipped and nothing was wrong.",
            app.theme.dim,
        ));
    }
    draw_window(
        frame,
        app,
        area,
        " Skipped files and warnings — j/k scroll, any other key closes ",
        lines,
        100,
    );
}

fn draw_window(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    width: u16,
) {
    let height = (lines.len() as u16).saturating_add(2);
    let window = centred(area, width, height);
    if window.width < 3 || window.height < 3 {
        return;
    }
    frame.render_widget(Clear, window);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(app.theme.border_focused)
        .title(super::text::truncate(
            title,
            usize::from(window.width.saturating_sub(2)),
        ));
    let inner = block.inner(window);
    frame.render_widget(block, window);
    let max_scroll = lines.len().saturating_sub(usize::from(inner.height));
    let scroll = app.overlay_scroll.min(max_scroll);
    let text = Paragraph::new(lines.into_iter().skip(scroll).collect::<Vec<_>>());
    frame.render_widget(text, inner);
}
