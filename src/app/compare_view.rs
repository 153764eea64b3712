//! Compare laid out for a screen: two columns side by side when there is room, one above the
//! other below [`SIDE_BY_SIDE_FROM`] columns. Laid out here, so that drawing and the scroll
//! limit count the same lines.

use super::App;
use crate::article::sanitise::sanitise;
use crate::stories::compare::{Aligned, Kind};
use ratatui::layout::Rect;

/// From this many columns, the two tellings stand side by side.
pub const SIDE_BY_SIDE_FROM: u16 = 100;
/// The window's title.
pub const COMPARE_TITLE: &str =
    " Compare — n/p other telling · j/k scroll · = shared · ≈ reworded · + only here · q closes ";

/// What a line of compare shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// The outlet and headline of a side.
    Heading,
    /// What only this side has: numbers, quotes, names.
    Only,
    /// A sentence (or its continuation) the other side has too.
    Shared,
    Reworded,
    Unique,
    Blank,
}

/// One line of one side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareLine {
    pub text: String,
    pub kind: LineKind,
}

/// Compare laid out: one or two columns of lines, and each column's width.
#[derive(Debug, Clone, Default)]
pub struct CompareLayout {
    pub columns: Vec<Vec<CompareLine>>,
    pub column_width: usize,
}

impl CompareLayout {
    /// Rows the window holds.
    pub fn rows(&self) -> usize {
        self.columns.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// The window: the whole screen.
pub fn area(screen: Rect) -> Rect {
    screen
}

/// The window's inside.
pub fn inner(screen: Rect) -> Rect {
    let a = area(screen);
    Rect {
        x: a.x + 1,
        y: a.y + 1,
        width: a.width.saturating_sub(2),
        height: a.height.saturating_sub(2),
    }
}

/// Lays out the open comparison for a screen `screen`.
pub fn layout(app: &App, screen: Rect) -> CompareLayout {
    let Some(state) = &app.compare else {
        return CompareLayout::default();
    };
    let inner = inner(screen);
    let side_by_side = screen.width >= SIDE_BY_SIDE_FROM;
    let column_width = if side_by_side {
        usize::from(inner.width.saturating_sub(3)) / 2
    } else {
        usize::from(inner.width)
    }
    .max(8);
    let c = &state.comparison;
    let heading = |index: usize, n: usize, of: usize| {
        let article = &app.store.articles[index];
        let outlet = article.outlet_name();
        let place = if of > 0 {
            format!(" ({n}/{of})")
        } else {
            String::new()
        };
        // An article whose outlet is unknown is known by its title alone, with no dash
        // before it.
        let by = [sanitise(outlet).into_owned(), place]
            .concat()
            .trim_start()
            .to_string();
        match by.is_empty() {
            true => sanitise(&article.title).into_owned(),
            false => format!("{by} — {}", sanitise(&article.title)),
        }
    };
    let left = side(
        &heading(state.left, 0, 0),
        &c.only_left,
        &c.left,
        column_width,
    );
    let right = side(
        &heading(state.right(), state.at + 1, state.others.len()),
        &c.only_right,
        &c.right,
        column_width,
    );
    let columns = if side_by_side {
        vec![left, right]
    } else {
        let mut one = left;
        one.push(CompareLine {
            text: String::new(),
            kind: LineKind::Blank,
        });
        one.push(CompareLine {
            text: "─".repeat(column_width),
            kind: LineKind::Blank,
        });
        one.extend(right);
        vec![one]
    };
    CompareLayout {
        columns,
        column_width,
    }
}

/// One side's lines: its heading, what only it has, its sentences marked.
fn side(heading: &str, only: &[String], sentences: &[Aligned], width: usize) -> Vec<CompareLine> {
    let mut lines = Vec::new();
    wrap_into(&mut lines, heading, LineKind::Heading, "", "", width);
    if only.is_empty() {
        wrap_into(
            &mut lines,
            "Nothing only here.",
            LineKind::Only,
            "",
            "",
            width,
        );
    } else {
        let only: Vec<String> = only.iter().map(|o| sanitise(o).into_owned()).collect();
        let text = format!("Only here: {}", only.join(" · "));
        wrap_into(&mut lines, &text, LineKind::Only, "", "  ", width);
    }
    for (n, sentence) in sentences.iter().enumerate() {
        if sentence.starts_paragraph || n == 0 {
            lines_blank(&mut lines);
        }
        let (kind, mark) = match sentence.kind {
            Kind::Shared => (LineKind::Shared, "= "),
            Kind::Reworded => (LineKind::Reworded, "≈ "),
            Kind::Unique => (LineKind::Unique, "+ "),
        };
        let text = sanitise(&sentence.text).into_owned();
        wrap_into(&mut lines, &text, kind, mark, "  ", width);
    }
    lines
}

/// `text` wrapped to `width`, its first line after `first_prefix`, the rest after `indent`.
fn wrap_into(
    lines: &mut Vec<CompareLine>,
    text: &str,
    kind: LineKind,
    first_prefix: &str,
    indent: &str,
    width: usize,
) {
    let room = width
        .saturating_sub(first_prefix.chars().count().max(indent.chars().count()))
        .max(4);
    // Break at spaces only: "Kim Jong-un" stays whole, as in the reading pane.
    let options = textwrap::Options::new(room).word_splitter(textwrap::WordSplitter::NoHyphenation);
    for (n, piece) in textwrap::wrap(text, options).into_iter().enumerate() {
        let prefix = if n == 0 { first_prefix } else { indent };
        lines.push(CompareLine {
            text: format!("{prefix}{piece}"),
            kind,
        });
    }
}

fn lines_blank(lines: &mut Vec<CompareLine>) {
    lines.push(CompareLine {
        text: String::new(),
        kind: LineKind::Blank,
    });
}

/// Rows on one page of the window.
pub fn page(app: &App) -> usize {
    usize::from(inner(app.size).height).max(1)
}

/// The furthest compare scrolls: its last line at the bottom.
pub fn max_scroll(app: &App) -> usize {
    layout(app, app.size).rows().saturating_sub(page(app))
}
