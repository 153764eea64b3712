//! Windows over the panes: the help (laid out from the keymap by
//! [`crate::app::overlay::help_layout`]) and the warnings list. The lines drawn are the lines
//! the state counts, so scrolling stops at the last one.

use super::theme::Theme;
use crate::app::App;
use crate::app::overlay::{
    HELP_TITLE, HelpLayout, HelpLine, WARNINGS_TITLE, help_layout, warning_rows, warnings_width,
    window,
};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

/// The spans of one help line, padded to `pad_to` columns when given.
fn help_spans(
    line: &HelpLine,
    layout: &HelpLayout,
    theme: &Theme,
    pad_to: Option<usize>,
) -> Vec<Span<'static>> {
    let key_width = layout.key_width;
    let mut spans = match line {
        HelpLine::Heading(title) => vec![Span::styled(title.to_string(), theme.header)],
        HelpLine::Binding { keys, description } => vec![
            Span::styled(format!("  {keys:<key_width$} "), theme.title),
            Span::raw(*description),
        ],
        HelpLine::Wrapped(text) => vec![Span::raw(format!("    {text}"))],
        HelpLine::Blank => Vec::new(),
    };
    if let Some(pad_to) = pad_to {
        let used: usize = spans.iter().map(|s| super::text::width(&s.content)).sum();
        spans.push(Span::raw(" ".repeat(pad_to.saturating_sub(used))));
    }
    spans
}

/// The help: every binding in force, by where it applies.
pub fn help(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let layout = help_layout(&app.settings.keymap, area.width);
    let lines: Vec<Line> = (0..layout.rows())
        .map(|row| {
            let last = layout.columns.len() - 1;
            let spans: Vec<Span> = layout
                .columns
                .iter()
                .enumerate()
                .flat_map(|(n, column)| {
                    let pad = (n < last).then_some(layout.column_width + 2);
                    match column.get(row) {
                        Some(line) => help_spans(line, &layout, theme, pad),
                        None => help_spans(&HelpLine::Blank, &layout, theme, pad),
                    }
                })
                .collect();
            Line::from(spans)
        })
        .collect();
    draw_window(frame, app, theme, area, HELP_TITLE, lines, layout.width);
}

/// Skipped files and articles read with warnings, wrapped to the window.
pub fn warnings(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let mut lines: Vec<Line> = warning_rows(&app.store, &app.saved, area.width)
        .into_iter()
        .map(|row| {
            let path_style = if row.skipped { theme.title } else { theme.meta };
            let split = row
                .text
                .char_indices()
                .nth(row.path_chars)
                .map_or(row.text.len(), |(at, _)| at);
            Line::from(vec![
                Span::styled(row.text[..split].to_string(), path_style),
                Span::raw(row.text[split..].to_string()),
            ])
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled(
            "No files were skipped and nothing was wrong.",
            theme.dim,
        ));
    }
    draw_window(
        frame,
        app,
        theme,
        area,
        WARNINGS_TITLE,
        lines,
        warnings_width(area.width),
    );
}

/// A question: y (or Enter) says yes, any other key no.
pub fn confirm(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, question: &str) {
    let lines = vec![
        Line::styled(question.to_string(), theme.title),
        Line::styled("y yes · any other key no", theme.dim),
    ];
    let width = u16::try_from(question.chars().count() + 4)
        .unwrap_or(u16::MAX)
        .max(28);
    draw_window(frame, app, theme, area, " Sure? ", lines, width);
}

fn draw_window(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    width: u16,
) {
    let window = window(area, width, lines.len());
    if window.width < 3 || window.height < 3 {
        return;
    }
    let inner = frame_window(frame, theme, window, title);
    let max_scroll = lines.len().saturating_sub(usize::from(inner.height));
    let scroll = app.overlay.scroll.min(max_scroll);
    let text = Paragraph::new(lines.into_iter().skip(scroll).collect::<Vec<_>>());
    frame.render_widget(text, inner);
}

/// Clears `window` and draws its rounded border and title (cut to fit); returns its inside.
pub fn frame_window(frame: &mut Frame, theme: &Theme, window: Rect, title: &str) -> Rect {
    frame.render_widget(Clear, window);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focused)
        .title(super::text::truncate(
            title,
            usize::from(window.width.saturating_sub(2)),
        ));
    let inner = block.inner(window);
    frame.render_widget(block, window);
    inner
}
