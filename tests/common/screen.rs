//! The screen as a test sees it: drawn through ratatui's TestBackend, read as text or as
//! runs of styles.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use warta::app::App;
use warta::ui;
use warta::ui::theme::Theme;

/// The whole screen drawn for `app`.
pub fn draw(app: &App) -> Buffer {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size.width, app.size.height)).expect("a terminal");
    terminal
        .draw(|frame| ui::draw(frame, app, &Theme::default()))
        .expect("drawn");
    terminal.backend().buffer().clone()
}

fn colour(c: Color) -> String {
    match c {
        Color::Reset => String::new(),
        Color::Indexed(n) => format!("{n}"),
        other => format!("{other:?}").to_lowercase(),
    }
}

/// Rows `rows` of columns `columns`, as runs: `‹style›text`, a new run where the style
/// changes. Styles are `fg/bg+attributes`, empty parts left out.
pub fn styled(
    buffer: &Buffer,
    columns: std::ops::Range<u16>,
    rows: std::ops::Range<u16>,
) -> String {
    let mut out = String::new();
    for y in rows {
        let mut last = String::from("?");
        for x in columns.clone() {
            let cell = &buffer[(x, y)];
            let mut style = format!("{}/{}", colour(cell.fg), colour(cell.bg));
            for (modifier, name) in [
                (Modifier::BOLD, "bold"),
                (Modifier::DIM, "dim"),
                (Modifier::ITALIC, "italic"),
                (Modifier::UNDERLINED, "underlined"),
                (Modifier::REVERSED, "reversed"),
            ] {
                if cell.modifier.contains(modifier) {
                    style.push('+');
                    style.push_str(name);
                }
            }
            if style != last {
                out.push_str(&format!("‹{style}›"));
                last = style;
            }
            out.push_str(cell.symbol());
        }
        out.push('\n');
    }
    out
}
