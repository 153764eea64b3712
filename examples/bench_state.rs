//! How long a key waits for saved state, with many articles remembered.
//!
//!     cargo run --release --example bench_state -- 200000
//!
//! Builds a state file of N entries, then stars an article in the reader and times, as the
//! event loop would, the key and every tick until the save has been handed on — and, for
//! comparison, one save done where the key waits for it (as warta did before saving moved to
//! a thread of its own).

use ratatui::layout::Rect;
use std::time::{Duration, Instant};
use warta::app::{App, Input};
use warta::keymap::Action;
use warta::rules::Rules;
use warta::state::{ArticleState, State, StateFile};
use warta::store::{self, LoadOptions, Sources};

fn main() {
    let entries: u64 = std::env::args()
        .nth(1)
        .map_or(200_000, |n| n.parse().expect("a number of entries"));
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = StateFile::new(dir.path());
    let mut state = State::default();
    for key in 0..entries {
        state.articles.insert(
            key.wrapping_mul(0x9E37_79B9_7F4A_7C15),
            ArticleState {
                read: true,
                starred: key % 7 == 0,
                position: 0,
                updated: 1,
            },
        );
    }
    file.save(&state).expect("the state is written");
    let bytes = std::fs::metadata(file.path()).map_or(0, |m| m.len());
    println!("{entries} entries, {:.1} MB of JSON", bytes as f64 / 1e6);

    let started = Instant::now();
    file.save(&state).expect("saved");
    println!(
        "one save on the key's thread (before): {:.0} ms",
        ms(started.elapsed())
    );

    let store = store::load_all(&Sources::Seeds, Rules::builtin(), LoadOptions::default());
    let mut app = App::new(store, Rect::new(0, 0, 120, 40));
    app.loading.done = true;
    app.restore_state(Some(StateFile::new(dir.path())));
    let mut slowest_key = Duration::ZERO;
    let mut slowest_tick = Duration::ZERO;
    for round in 0..5 {
        let started = Instant::now();
        app.update(Action::ToggleStar);
        slowest_key = slowest_key.max(started.elapsed());
        // Ticks as the loop gives them, until the save is handed on and answered.
        let until = Instant::now() + Duration::from_millis(2500);
        while Instant::now() < until {
            let started = Instant::now();
            app.update(Input::Tick);
            slowest_tick = slowest_tick.max(started.elapsed());
            std::thread::sleep(Duration::from_millis(15));
        }
        assert!(
            app.saved.error.is_none(),
            "round {round}: {:?}",
            app.saved.error
        );
    }
    println!(
        "star with saving on its own thread (after): key {:.1} ms, slowest tick {:.1} ms",
        ms(slowest_key),
        ms(slowest_tick)
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
