//! The source list: outlet headers and article rows, only the visible ones built per frame.

use super::text::{truncate, width as text_width};
use super::theme::Theme;
use crate::app::layout::inner;
use crate::app::list::{ListView, Row, UNKNOWN_OUTLET, under_story_header};
use crate::app::{App, Focus};
use crate::article::sanitise::sanitise;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Width of a date in the list ("2024-06-20").
const DATE_WIDTH: usize = 10;
/// Widest an outlet name gets on a row of a flat (filtered) list.
const FLAT_OUTLET_WIDTH: usize = 14;

/// Draws the source list.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let focused = matches!(app.focus, Focus::List | Focus::Filter);
    let title = match (app.list.is_flat(), app.list.view) {
        (true, _) => " Results ".to_string(),
        (false, ListView::ByOutlet) => format!(" Sources · {} ", app.list.sort.label()),
        (false, ListView::ByStory) if app.stories().is_none() && !app.stories.forming() => {
            " Stories · forming… ".into()
        }
        (false, ListView::ByStory) => {
            let mut title = format!(" Stories · {} ", app.list.sort.label());
            // Articles loaded since the stories were formed are listed after them, counted
            // here until the stories are formed again. The count and "forming…" both say the
            // stories are not whole yet; a narrow list has no room for both.
            let ungrouped = app.ungrouped();
            if ungrouped > 0 {
                let ungrouped = super::bar::group_digits(ungrouped);
                title.push_str(&format!("· {ungrouped} ungrouped "));
            } else if app.stories.forming() {
                title.push_str("· forming… ");
            }
            title
        }
        (false, ListView::ByDate) => format!(" By date · {} ", app.list.sort.label()),
    };
    let block = super::pane_block(theme, focused, title);
    frame.render_widget(block, area);
    let rows = inner(area);
    if rows.height == 0 || rows.width == 0 {
        return;
    }
    if app.list.rows.is_empty() {
        let message = if app.search.query.is_empty() {
            if app.loading.done {
                "No articles."
            } else {
                "Loading…"
            }
            .to_string()
        } else {
            format!("No articles match “{}”.", sanitise(&app.search.bar.text))
        };
        frame.render_widget(
            Paragraph::new(truncate(&message, rows.width.into())).style(theme.dim),
            rows,
        );
        return;
    }
    let width = usize::from(rows.width);
    let first = app.list.offset;
    // In the story view a story's articles hang from its header by a guide, so that a story
    // of one (a row of its own) does not read as one more article of the story above it.
    let stories = match (app.list.is_flat(), app.list.view) {
        (false, ListView::ByStory) => app.stories(),
        _ => None,
    };
    let guide = |n: usize, index: usize| -> Option<&'static str> {
        let stories = stories?;
        if !under_story_header(&app.store, stories, index) {
            return None;
        }
        let story = stories.story(index);
        let next_in_story = match app.list.rows.get(n + 1) {
            Some(Row::Article { index: next }) => stories.story(next) == story,
            _ => false,
        };
        Some(if next_in_story { "├ " } else { "└ " })
    };
    let visible =
        (first..first + usize::from(rows.height)).filter_map(|n| Some((n, app.list.rows.get(n)?)));
    let lines: Vec<Line> = visible
        .map(|(n, row)| {
            let selected = n == app.list.selected;
            let line = match row {
                Row::Header {
                    outlet,
                    count,
                    unread,
                    folded,
                } => header_line(theme, outlet.as_deref(), (count, unread), folded, width),
                Row::Story {
                    story,
                    count,
                    unread,
                    folded,
                } => story_line(app, theme, story, (count, unread), folded, width),
                Row::Article { index } => {
                    article_line(app, theme, index, guide(n, index), width, selected)
                }
            };
            if selected {
                let style = if focused {
                    theme.selected
                } else {
                    theme.selected_unfocused
                };
                line.style(style)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), rows);
}

fn header_line(
    theme: &Theme,
    outlet: Option<&str>,
    (count, unread): (usize, usize),
    folded: bool,
    width: usize,
) -> Line<'static> {
    let marker = if folded { "▸ " } else { "▾ " };
    let name = sanitise(outlet.unwrap_or(UNKNOWN_OUTLET)).into_owned();
    let counts = if unread > 0 {
        format!("({count} · {unread} new)")
    } else {
        format!("({count})")
    };
    let text = truncate(&format!("{marker}{name} {counts}"), width);
    let pad = width.saturating_sub(text_width(&text));
    Line::from(vec![
        Span::styled(text, theme.header),
        Span::raw(" ".repeat(pad)),
    ])
}

/// A story's header: its label, then how many articles and outlets, and its dates.
fn story_line(
    app: &App,
    theme: &Theme,
    story: u32,
    (count, unread): (usize, usize),
    folded: bool,
    width: usize,
) -> Line<'static> {
    let Some(stories) = app.stories() else {
        return Line::raw("");
    };
    let header = stories.header(story, &app.store.articles);
    let label = sanitise(&header.label).into_owned();
    let marker = if folded { "▸ " } else { "▾ " };
    let new = if unread > 0 {
        format!(" · {unread} new")
    } else {
        String::new()
    };
    let span = match header.span {
        Some((first, last)) if first.day_string() == last.day_string() => {
            format!(" · {}", first.day_string())
        }
        Some((first, last)) => format!(" · {}–{}", first.day_string(), &last.day_string()[5..]),
        None => String::new(),
    };
    // Articles of no known outlet are not counted as one more outlet.
    let outlets = match header.known_outlets {
        0 => String::new(),
        1 => " · 1 outlet".to_string(),
        n => format!(" · {n} outlets"),
    };
    // The label matters most: the dates, then the new count, give way to it.
    let label_wants = text_width(&label).min(28);
    let counts = [
        format!("({count}{outlets}{new}{span})"),
        format!("({count}{outlets}{new})"),
        format!("({count}{new})"),
        format!("({count})"),
    ]
    .into_iter()
    .find(|c| width >= 2 + label_wants + 1 + text_width(c))
    .unwrap_or_else(|| format!("({count})"));
    let label_room = width.saturating_sub(2 + 1 + text_width(&counts)).max(8);
    let text = truncate(
        &format!("{marker}{} {counts}", truncate(&label, label_room)),
        width,
    );
    let pad = width.saturating_sub(text_width(&text));
    Line::from(vec![
        Span::styled(text, theme.header),
        Span::raw(" ".repeat(pad)),
    ])
}

/// An article's row. On the selected row, marks, highlights and the date take the row's own
/// colours, so none of them vanishes into the selection's background.
fn article_line(
    app: &App,
    theme: &Theme,
    index: usize,
    guide: Option<&'static str>,
    width: usize,
    selected: bool,
) -> Line<'static> {
    let guide_width = guide.map_or(0, text_width);
    let width = width.saturating_sub(guide_width);
    let (mark_style, matched_style, dim_style) = if selected {
        (
            Style::new().add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Style::new(),
        )
    } else {
        (theme.star, theme.matched, theme.dim)
    };
    let article = &app.store.articles[index];
    // A date guessed from the text, not published with it, says so.
    let guessed = if article.date_inferred { "~" } else { "" };
    let date = article
        .date
        .map(|d| format!("{guessed}{}", d.day_string()))
        .unwrap_or_default();
    // Filtered rows name their outlet; the date goes first when room is short.
    let show_outlet = app.list.rows_name_outlets() && width >= 30;
    let show_date = !date.is_empty()
        && width
            >= if app.list.rows_name_outlets() {
                50
            } else {
                24 + DATE_WIDTH
            };
    let saved = app.saved.state.of(article);
    let indent = format!(
        "{}{} ",
        if saved.read { ' ' } else { '•' },
        if saved.starred { '★' } else { ' ' }
    );
    let mut right = String::new();
    if show_outlet {
        let name = sanitise(article.outlet.as_deref().unwrap_or("—")).into_owned();
        right.push_str(&truncate(&name, FLAT_OUTLET_WIDTH));
    }
    if show_date {
        if !right.is_empty() {
            right.push(' ');
        }
        right.push_str(&date);
    }
    let right_width = if right.is_empty() {
        0
    } else {
        text_width(&right) + 1
    };
    let title_room = width.saturating_sub(3 + right_width);
    let title = sanitise(&article.title);
    let shown = truncate(&title, title_room);
    let base = if saved.read {
        Style::new()
    } else {
        theme.unread
    };
    let mut spans = Vec::new();
    if let Some(guide) = guide {
        spans.push(Span::styled(guide, dim_style));
    }
    spans.push(Span::styled(indent, mark_style));
    spans.extend(highlighted(
        &shown,
        app.search.highlights(index),
        base,
        matched_style,
    ));
    let pad = title_room.saturating_sub(text_width(&shown));
    spans.push(Span::raw(" ".repeat(pad)));
    if !right.is_empty() {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(right, dim_style));
    }
    Line::from(spans)
}

/// Spans of `text` with the characters at `indices` (char positions) in `style`.
fn highlighted(text: &str, indices: &[usize], base: Style, style: Style) -> Vec<Span<'static>> {
    if indices.is_empty() {
        return vec![Span::styled(text.to_string(), base)];
    }
    let style = base.patch(style);
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    for (n, c) in text.chars().enumerate() {
        let matched = indices.binary_search(&n).is_ok();
        if matched != run_matched && !run.is_empty() {
            let piece = std::mem::take(&mut run);
            spans.push(Span::styled(piece, if run_matched { style } else { base }));
        }
        run_matched = matched;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_matched { style } else { base }));
    }
    spans
}
