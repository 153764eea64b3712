//! Windows over the panes — the help and the warnings — as state: which is open, how far it
//! is scrolled, and the lines it holds, laid out here so that drawing and the scroll limit
//! count the same lines.

use super::App;
use super::saved::Saved;
use crate::keymap::{Context, Keymap};
use crate::store::Store;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

/// A window drawn over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Warnings,
    /// Mark this many articles read? (y to go ahead)
    ConfirmMarkRead(usize),
    /// Two tellings of one story side by side.
    Compare,
}

/// Which window is open and its first line shown.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OverlayState {
    pub open: Option<Overlay>,
    /// First line shown.
    pub scroll: usize,
}

impl OverlayState {
    /// Opens `overlay`, or closes it when it is the one open.
    pub fn toggle(&mut self, overlay: Overlay) {
        self.open = if self.open == Some(overlay) {
            None
        } else {
            Some(overlay)
        };
        self.scroll = 0;
    }

    /// Scrolls by `delta` lines, no further than `limit`.
    pub fn scroll_by(&mut self, delta: isize, limit: usize) {
        self.scroll = self.scroll.saturating_add_signed(delta).min(limit);
    }
}

/// The help window's title.
pub const HELP_TITLE: &str = " Help — j/k scroll, any other key closes ";
/// The warnings window's title.
pub const WARNINGS_TITLE: &str = " Skipped files and warnings — j/k scroll, any other key closes ";
/// The warnings window's width on a screen `screen_width` wide: most of the screen, so long
/// messages need few lines.
pub fn warnings_width(screen_width: u16) -> u16 {
    screen_width.saturating_sub(4).clamp(20, 160)
}

/// One line of one column of the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// The heading of a context's bindings.
    Heading(&'static str),
    /// Keys and what they do.
    Binding {
        keys: String,
        description: &'static str,
    },
    /// A description too long for a narrow window, wrapped under its keys.
    Wrapped(String),
    Blank,
}

/// The query language, for the help: what is typed, and what it finds.
pub const QUERY_SYNTAX: [(&str, &str); 5] = [
    ("word", "title, outlet, word in text"),
    ("@name", "articles of that outlet"),
    ("'text", "exactly this text"),
    ("!word", "leave these out"),
    ("is:unread", "also is:read, is:starred"),
];

/// The heading of the query language's section.
pub const QUERY_TITLE: &str = "Queries (all words must match)";

/// The help laid out for a screen width: one column, or two side by side when they fit.
#[derive(Debug, Clone)]
pub struct HelpLayout {
    /// The columns' lines.
    pub columns: Vec<Vec<HelpLine>>,
    /// Width of the keys part of a binding.
    pub key_width: usize,
    /// Width of one column.
    pub column_width: usize,
    /// Width of the window.
    pub width: u16,
}

impl HelpLayout {
    /// Lines the window holds.
    pub fn rows(&self) -> usize {
        self.columns.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// Lays out every binding of `keymap`, by context, for a screen `screen_width` wide.
pub fn help_layout(keymap: &Keymap, screen_width: u16) -> HelpLayout {
    // Each section: a title and its entries; the query language comes last.
    let sections: Vec<(&'static str, Vec<(String, &'static str)>)> = Context::ALL
        .iter()
        .map(|c| (c.title(), keymap.help(*c)))
        .chain(std::iter::once((
            QUERY_TITLE,
            QUERY_SYNTAX
                .iter()
                .map(|(k, d)| (k.to_string(), *d))
                .collect(),
        )))
        .collect();
    let entries = sections.iter().flat_map(|(_, e)| e);
    let key_width = entries
        .clone()
        .map(|(keys, _)| keys.width())
        .max()
        .unwrap_or(8);
    let description_width = entries.map(|(_, d)| d.width()).max().unwrap_or(20);
    let column_width = 2 + key_width + 1 + description_width;
    // Too narrow for a whole entry on a line: descriptions wrap under their keys.
    let inner = usize::from(screen_width.saturating_sub(2));
    let narrow = inner < column_width;
    let section = |(title, entries): &(&'static str, Vec<(String, &'static str)>)| {
        let mut lines = vec![HelpLine::Heading(title)];
        for (keys, description) in entries {
            if narrow && 2 + key_width + 1 + description.width() > inner {
                lines.push(HelpLine::Binding {
                    keys: keys.clone(),
                    description: "",
                });
                let room = inner.saturating_sub(4).max(8);
                lines.extend(
                    textwrap::wrap(description, room)
                        .into_iter()
                        .map(|piece| HelpLine::Wrapped(piece.into_owned())),
                );
            } else {
                lines.push(HelpLine::Binding {
                    keys: keys.clone(),
                    description,
                });
            }
        }
        lines.push(HelpLine::Blank);
        lines
    };
    // Global and list keys on the left; the reading pane, the bar, windows, queries right.
    let halves: [Vec<usize>; 2] = [vec![0, 1], vec![2, 3, 4, 5]];
    // Two columns side by side, two spaces apart, when they fit.
    let two_columns = usize::from(screen_width) >= 2 * column_width + 4;
    // Sections are separated by a blank line; none after the last.
    let lines_of = |which: &mut dyn Iterator<Item = &usize>| -> Vec<HelpLine> {
        let mut lines: Vec<HelpLine> = which.flat_map(|&n| section(&sections[n])).collect();
        lines.pop();
        lines
    };
    let columns: Vec<Vec<HelpLine>> = if two_columns {
        halves
            .iter()
            .map(|contexts| lines_of(&mut contexts.iter()))
            .collect()
    } else {
        vec![lines_of(&mut halves.iter().flatten())]
    };
    let width = if two_columns {
        2 * column_width + 4
    } else {
        column_width + 2
    };
    HelpLayout {
        columns,
        key_width,
        column_width,
        width: u16::try_from(width).unwrap_or(u16::MAX),
    }
}

/// One line of the warnings window: a file and what was wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarningLine {
    pub path: String,
    pub message: String,
    /// The file was skipped (rather than read with a warning).
    pub skipped: bool,
}

/// Every line of the warnings window: skipped files, then one line per warning of each
/// article read with warnings.
pub fn warning_lines(store: &Store, saved: &Saved) -> Vec<WarningLine> {
    let state = [
        saved.warning.clone(),
        saved.error.as_ref().map(|e| e.to_string()),
    ]
    .into_iter()
    .flatten()
    .map(|message| WarningLine {
        path: "saved state".into(),
        message,
        skipped: true,
    });
    let skipped = store.skipped.iter().map(|s| WarningLine {
        path: s.path.display().to_string(),
        message: s.reason.clone(),
        skipped: true,
    });
    let warned = store.articles.iter().flat_map(|article| {
        article.warnings.iter().map(move |warning| WarningLine {
            path: article.path.display().to_string(),
            message: warning.clone(),
            skipped: false,
        })
    });
    state.chain(skipped).chain(warned).collect()
}

/// One row of the warnings window as drawn: a warning wrapped to the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarningRow {
    pub text: String,
    /// How many characters at its start are the file's name (on a warning's first row).
    pub path_chars: usize,
    /// The file was skipped.
    pub skipped: bool,
}

/// The warnings wrapped to the window on a screen `screen_width` wide: the rows drawn,
/// and counted for scrolling.
pub fn warning_rows(store: &Store, saved: &Saved, screen_width: u16) -> Vec<WarningRow> {
    let width = usize::from(warnings_width(screen_width).saturating_sub(2)).max(1);
    let mut rows = Vec::new();
    for line in warning_lines(store, saved) {
        let path = crate::article::sanitise::sanitise(&line.path).into_owned();
        let message = crate::article::sanitise::sanitise(&line.message).into_owned();
        let text = format!("{path}: {message}");
        let options = textwrap::Options::new(width).break_words(true);
        for (n, piece) in textwrap::wrap(&text, options).into_iter().enumerate() {
            rows.push(WarningRow {
                path_chars: if n == 0 { path.chars().count() } else { 0 },
                text: piece.into_owned(),
                skipped: line.skipped,
            });
        }
    }
    rows
}

/// A window of at most `width` columns holding `lines` lines (and its border), centred in
/// `area`.
pub fn window(area: Rect, width: u16, lines: usize) -> Rect {
    let height = u16::try_from(lines).unwrap_or(u16::MAX).saturating_add(2);
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// The furthest the open window scrolls: its last line at the bottom of the window.
pub fn max_scroll(app: &App) -> usize {
    let (lines, width) = match app.overlay.open {
        None => return 0,
        Some(Overlay::Help) => {
            let layout = help_layout(&app.settings.keymap, app.size.width);
            (layout.rows(), layout.width)
        }
        Some(Overlay::ConfirmMarkRead(_)) => return 0,
        Some(Overlay::Compare) => {
            return super::compare_view::max_scroll(app);
        }
        Some(Overlay::Warnings) => (
            warning_rows(&app.store, &app.saved, app.size.width)
                .len()
                .max(1),
            warnings_width(app.size.width),
        ),
    };
    let shown = usize::from(window(app.size, width, lines).height.saturating_sub(2));
    lines.saturating_sub(shown)
}
