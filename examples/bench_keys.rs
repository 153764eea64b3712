//! Measures, inside one process, how long each key of a query takes to settle on screen:
//! the key's `update`, then the event loop's work (`tick`) until nothing more changes, with a
//! frame drawn (into ratatui's `TestBackend`) whenever the loop would draw one. The time is
//! from the key to the last frame it caused. It complements `scripts/bench-tui.sh`, which
//! measures from outside through a pseudo-terminal, by showing where the time goes.
//!
//!     cargo run --release --example bench_keys -- DIR [QUERY] [ROUNDS] [PAUSE_MS]
//!
//! PAUSE_MS waits that long before each key, as a typist does: after a pause a machine runs
//! slower for a while (caches, clock speed), which back-to-back keys hide.

#[path = "common/reader.rs"]
#[allow(dead_code)]
mod reader;

use ratatui::layout::Rect;
use reader::{Screen, max, median, settle_timed};
use std::time::{Duration, Instant};
use warta::app::Input;
use warta::keymap::Action;

const COLS: u16 = 120;
const ROWS: u16 = 40;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .expect("usage: bench_keys DIR [QUERY] [ROUNDS] [PAUSE_MS]");
    let query = args.next().unwrap_or_else(|| "putin".into());
    let rounds: usize = args
        .next()
        .map_or(5, |r| r.parse().expect("ROUNDS is a number"));
    let pause = Duration::from_millis(
        args.next()
            .map_or(0, |p| p.parse().expect("PAUSE_MS is a number")),
    );
    let started = Instant::now();
    let mut app = reader::loaded_app(&dir, Rect::new(0, 0, COLS, ROWS));
    println!(
        "{} articles loaded in {:.1} s; {COLS}x{ROWS}; query {query:?}; {rounds} rounds, \
         {} ms before each key",
        app.store.articles.len(),
        started.elapsed().as_secs_f64(),
        pause.as_millis()
    );
    let mut screen = Screen::new(COLS, ROWS);
    screen.draw(&app);
    app.update(Action::FocusFilter);
    screen.draw(&app);
    let mut typed: Vec<Vec<f64>> = vec![Vec::new(); query.chars().count()];
    let mut erased: Vec<Vec<f64>> = vec![Vec::new(); query.chars().count()];
    // The longest tick of work after each key, in all rounds.
    let mut longest_tick: f64 = 0.0;
    for _ in 0..rounds {
        for (n, c) in query.chars().enumerate() {
            std::thread::sleep(pause);
            let (settled, tick) = settle_timed(
                &mut app,
                &mut screen,
                [Input::Action(Action::FilterChar(c))],
            );
            typed[n].push(settled);
            longest_tick = longest_tick.max(tick);
        }
        for n in (0..query.chars().count()).rev() {
            std::thread::sleep(pause);
            let (settled, tick) = settle_timed(
                &mut app,
                &mut screen,
                [Input::Action(Action::FilterBackspace)],
            );
            erased[n].push(settled);
            longest_tick = longest_tick.max(tick);
        }
    }
    let mut prefix = String::new();
    for (n, c) in query.chars().enumerate() {
        prefix.push(c);
        println!(
            "  type {c:?} ({prefix:>8}): median {:5.1} ms, slowest {:5.1} ms",
            median(typed[n].iter().copied()),
            max(typed[n].iter().copied())
        );
    }
    for n in (0..query.chars().count()).rev() {
        let left: String = query.chars().take(n).collect();
        println!(
            "  erase to {left:>8?}: median {:5.1} ms, slowest {:5.1} ms",
            median(erased[n].iter().copied()),
            max(erased[n].iter().copied())
        );
    }
    println!(
        "  the longest tick of work after a key (what a key typed then waits for): {longest_tick:.1} ms"
    );
}
