//! Measures, inside one process, how long each list action takes to settle on screen with a
//! large folder loaded: the action's `update`, then the event loop's work until nothing more
//! changes, with a frame drawn (into ratatui's `TestBackend`) whenever the loop would draw
//! one — as `bench_keys` does for typed keys.
//!
//!     cargo run --release --example bench_actions -- DIR [ROUNDS]

#[path = "common/reader.rs"]
#[allow(dead_code)]
mod reader;

use ratatui::layout::Rect;
use reader::{Screen, max, median, settle};
use std::time::{Duration, Instant};
use warta::app::Input;
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
    let mut screen = Screen::new(COLS, ROWS);
    screen.draw(&app);
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
    for _ in 0..rounds {
        for (n, (_, inputs)) in steps.iter().enumerate() {
            times[n].push(settle(
                &mut app,
                &mut screen,
                inputs.iter().map(Step::input),
            ));
        }
    }
    for (n, (name, _)) in steps.iter().enumerate() {
        println!(
            "  {name:>34}: median {:6.2} ms, slowest {:6.2} ms",
            median(times[n].iter().copied()),
            max(times[n].iter().copied())
        );
    }
    // The story view: the key's own frame, then the stories formed on their thread while
    // the loop goes on (the first time only; later they are kept), and back to the outlets.
    let key = Instant::now();
    if app.update(Input::Action(Action::CycleView)).redraw {
        screen.draw(&app);
    }
    let first_frame = reader::ms(key.elapsed());
    let (shown, longest_tick) = reader::settle_timed(&mut app, &mut screen, []);
    println!(
        "  {:>34}: first frame {first_frame:6.2} ms, stories shown {:6.0} ms after, longest tick meanwhile {longest_tick:6.2} ms",
        "story view (v)", shown,
    );
    // The same actions, in the story view.
    let in_story_view: Vec<(&str, Action)> = vec![
        ("move down", Action::Down),
        ("end", Action::Bottom),
        ("top", Action::Top),
        ("star", Action::ToggleStar),
        ("unstar", Action::ToggleStar),
        ("fold story", Action::ToggleFold),
        ("unfold story", Action::ToggleFold),
        ("fold all", Action::FoldAll),
        ("unfold all", Action::FoldAll),
        ("sort oldest first", Action::CycleSort),
        ("sort by title", Action::CycleSort),
        ("sort newest first", Action::CycleSort),
        ("mark story read", Action::MarkOutletRead),
    ];
    for (name, action) in in_story_view {
        let took = settle(&mut app, &mut screen, [Input::Action(action)]);
        println!("  {:>34}: {took:6.2} ms", format!("{name} (by story)"));
    }
    for view in ["by date (v)", "by outlet (v)"] {
        let took = settle(&mut app, &mut screen, [Input::Action(Action::CycleView)]);
        println!("  {view:>34}: {took:6.2} ms");
    }
}

/// One input of a step.
enum Step {
    Key(Action),
    Resize(u16, u16),
}

impl Step {
    fn input(&self) -> Input {
        match *self {
            Step::Key(action) => Input::Action(action),
            Step::Resize(cols, rows) => Input::Resize(cols, rows),
        }
    }
}
