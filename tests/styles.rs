//! The screen's styles, not only its text: each row of the source list written as runs of
//! text with their colours and attributes, snapshotted, so that a selected row losing its
//! colour, an unread title losing its weight, a highlight or a dim date changing, fails here.

mod common;
use common::screen::{draw, styled};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Color;
use warta::app::App;
use warta::rules::Rules;
use warta::store::{self, LoadOptions, Sources};
use warta::tui;

fn app(width: u16, height: u16) -> App {
    let store = store::load_all(&Sources::Seeds, Rules::builtin(), LoadOptions::default());
    let mut app = App::new(store, Rect::new(0, 0, width, height));
    app.loading.done = true;
    app
}

fn type_keys(app: &mut App, text: &str) {
    for c in text.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        tui::handle_event(app, &Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

#[test]
fn the_grouped_list_selected_row_unread_titles_and_dim_dates() {
    let app = app(100, 30);
    // The list pane's first rows: headers, the selected first article, unread titles, dates.
    insta::assert_snapshot!("styles_grouped_100x30", styled(&draw(&app), 0..40, 0..11));
}

#[test]
fn a_filter_highlights_what_matched_in_titles() {
    let mut app = app(100, 30);
    type_keys(&mut app, "/putin");
    common::settle(&mut app);
    insta::assert_snapshot!("styles_putin_100x30", styled(&draw(&app), 0..40, 0..7));
    // The bar: the query typed, the count.
    insta::assert_snapshot!(
        "styles_putin_bar_100x30",
        styled(&draw(&app), 0..100, 29..30)
    );
}

#[test]
fn read_titles_lose_their_weight_and_the_narrow_list_keeps_its_styles() {
    let mut app = app(60, 20);
    // Read the selected article (u marks it read), then move on so it is not selected.
    type_keys(&mut app, "ujj");
    insta::assert_snapshot!("styles_read_60x20", styled(&draw(&app), 0..60, 0..6));
}

#[test]
fn every_mark_and_the_date_stay_readable_on_the_selected_row() {
    for (width, height) in [(100u16, 30u16), (60, 20)] {
        let mut app = app(width, height);
        // Starred and unread: both marks on the selected row.
        type_keys(&mut app, "s");
        let buffer = draw(&app);
        let row = (0..height)
            .find(|&y| buffer[(1, y)].bg == Color::Yellow)
            .expect("a selected row");
        for x in 1..width.min(60) - 1 {
            let cell = &buffer[(x, row)];
            if cell.symbol() != " " && cell.bg != Color::Reset {
                assert_ne!(
                    cell.fg,
                    cell.bg,
                    "{width}x{height}: {:?} unreadable",
                    cell.symbol()
                );
            }
        }
        let text: String = (0..width).map(|x| buffer[(x, row)].symbol()).collect();
        assert!(text.contains("•★"), "{text}");
    }
}
