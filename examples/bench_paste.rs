//! How long a paste takes to settle: the filter bar takes the text, the query runs, and the
//! screen is drawn.
//!
//!     cargo run --release --example bench_paste -- [DIR] [CHARACTERS]
//!
//! With no DIR, the bundled seeds.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::time::Instant;
use warta::app::{App, Input};
use warta::rules::Rules;
use warta::store::{self, LoadOptions, Sources};

fn main() {
    let mut args = std::env::args().skip(1);
    let sources = match args.next() {
        Some(dir) if dir != "seeds" => Sources::Paths(vec![dir.into()]),
        _ => Sources::Seeds,
    };
    let characters: usize = args
        .next()
        .map_or(100_000, |n| n.parse().expect("a number"));
    let options = LoadOptions {
        keep_body: false,
        index: true,
        ..LoadOptions::default()
    };
    let mut app = App::new(store::Store::default(), Rect::new(0, 0, 120, 40));
    for event in store::spawn_loader(sources, Rules::builtin(), options) {
        app.update(Input::Load(event));
    }
    while app.busy() {
        app.update(Input::Tick);
    }
    let theme = warta::ui::theme::Theme::default();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    // Words, as a pasted paragraph has; the last ones match nothing.
    let words = ["putin ", "kim ", "perjanjian ", "zqx "];
    let text: String = words
        .iter()
        .cycle()
        .flat_map(|w| w.chars())
        .take(characters)
        .collect();
    let started = Instant::now();
    app.update(Input::Paste(text));
    while app.busy() {
        app.update(Input::Tick);
    }
    terminal
        .draw(|frame| warta::ui::draw(frame, &app, &theme))
        .expect("drawn");
    println!(
        "{} articles; a paste of {characters} characters settled and drawn in {:.1} ms ({} shown)",
        app.store.articles.len(),
        started.elapsed().as_secs_f64() * 1000.0,
        app.counts().0
    );
}
