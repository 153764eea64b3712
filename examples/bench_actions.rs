//! Measures, inside one process, how long each list action takes to settle on screen with a
//! large folder loaded: the action's `update`, then the event loop's work until nothing more
//! changes, with a frame drawn (into ratatui's `TestBackend`) whenever the loop would draw
//! one — as `bench_keys` does for typed keys.
//!
//!     cargo run --release --example bench_actions -- DIR [ROUNDS]

#[path = "common/reader.rs"]
#[allow(dead_code)]
mod reader;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::time::{Duration, Instant};
use warta::app::{App, Input};
use warta::keymap::Action;

const COLS: u16 = 120;
const ROWS: u16 = 40;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: bench_actions DIR [ROUNDS]");
    let rounds: usize = args
        .next()
        .map_or(5, |r| r.parse().expect("ROUNDS is a number"));
    let started = Instant::now();
    let mut app = reader::loaded_app(&dir, Rect::new(0, 0, COLS, ROWS));
    // Work handed to threads once loading ends (the order by title) is taken in by the event
    // loop's ticks, which run whether or not there is work: one, a moment later.
    std::thread::sleep(Duration::from_millis(200));
    app.update(Input::Tick);
    println!(
        "{} articles loaded in {:.1} s; {COLS}x{ROWS}; {rounds} rounds",
        app.store.articles.len(),
        started.elapsed().as_secs_f64(),
    );
    let theme = warta::ui::theme::Theme::default();
    let mut terminal = Terminal::new(TestBackend::new(COLS, ROWS)).expect("a test terminal");
    let mut draw = |app: &App, size: (u16, u16)| {
        if terminal.size().map(|s| (s.width, s.height)).ok() != Some(size) {
            terminal.backend_mut().resize(size.0, size.1);
            let _ = terminal.resize(Rect::new(0, 0, size.0, size.1));
        }
        terminal
            .draw(|frame| warta::ui::draw(frame, app, &theme))
            .expect("drawing");
    };
    draw(&app, (COLS, ROWS));
    // Each step: a name and the inputs it takes (all timed together).
    let steps: Vec<(&str, Vec<Step>)> = vec![
        ("move down", vec![Step::Key(Action::Down)]),
        ("move up", vec![Step::Key(Action::Up)]),
        ("page down", vec![Step::Key(Action::PageDown)]),
        ("star", vec![Step::Key(Action::ToggleStar)]),
        ("unstar", vec![Step::Key(Action::ToggleStar)]),
        ("mark read", vec![Step::Key(Action::ToggleRead)]),
        ("mark unread", vec![Step::Key(Action::ToggleRead)]),
        ("end", vec![Step::Key(Action::Bottom)]),
        ("top", vec![Step::Key(Action::Top)]),
        ("fold outlet", vec![Step::Key(Action::ToggleFold)]),
        ("unfold outlet", vec![Step::Key(Action::ToggleFold)]),
        ("fold all", vec![Step::Key(Action::FoldAll)]),
        ("unfold all", vec![Step::Key(Action::FoldAll)]),
        ("sort oldest first", vec![Step::Key(Action::CycleSort)]),
        ("sort by title", vec![Step::Key(Action::CycleSort)]),
        ("sort newest first", vec![Step::Key(Action::CycleSort)]),
        ("open article", vec![Step::Key(Action::Open)]),
        ("back to list", vec![Step::Key(Action::Back)]),
        ("mark outlet read", vec![Step::Key(Action::MarkOutletRead)]),
        (
            "mark all shown read (and confirm)",
            vec![Step::Key(Action::MarkShownRead), Step::Key(Action::Confirm)],
        ),
        ("resize to 100x30", vec![Step::Resize(100, 30)]),
        ("resize to 120x40", vec![Step::Resize(COLS, ROWS)]),
    ];
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); steps.len()];
    let mut size = (COLS, ROWS);
    for _ in 0..rounds {
        for (n, (_, inputs)) in steps.iter().enumerate() {
            let key = Instant::now();
            let mut last_frame = key;
            for input in inputs {
                let input = match *input {
                    Step::Key(action) => Input::Action(action),
                    Step::Resize(w, h) => {
                        size = (w, h);
                        Input::Resize(w, h)
                    }
                };
                if app.update(input).redraw {
                    draw(&app, size);
                    last_frame = Instant::now();
                }
            }
            while app.busy() {
                if app.update(Input::Tick).redraw {
                    draw(&app, size);
                    last_frame = Instant::now();
                }
            }
            times[n].push(ms(last_frame - key));
        }
    }
    for (n, (name, _)) in steps.iter().enumerate() {
        println!(
            "  {name:>34}: median {:6.2} ms, slowest {:6.2} ms",
            median(&times[n]),
            max(&times[n])
        );
    }
}

/// One input of a step.
enum Step {
    Key(Action),
    Resize(u16, u16),
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN)
}

fn max(values: &[f64]) -> f64 {
    values.iter().copied().fold(0.0, f64::max)
}
