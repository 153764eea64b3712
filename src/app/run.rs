//! The event loop: poll input with a timeout, turn keys into actions, take what the loader has
//! sent, and redraw only when something changed.

use super::App;
use super::terminal;
use crate::store::LoadEvent;
use crate::ui;
use crossterm::event;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// How the reader ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The user quit.
    Quit,
    /// A signal asked it to stop (its number).
    Signal(i32),
}

/// Longest the loader may hold the loop before a frame is drawn.
const LOAD_SLICE: Duration = Duration::from_millis(30);

/// Runs the reader until the user quits or a signal arrives; the terminal is restored on
/// every way out.
pub fn run(
    app: &mut App,
    mut loader: Option<Receiver<LoadEvent>>,
    mouse: bool,
) -> std::io::Result<Ended> {
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [SIGTERM, SIGHUP, SIGINT] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
    }
    let mut tui = terminal::init(mouse)?;
    let result = event_loop(&mut tui, app, &mut loader, &signal);
    terminal::restore();
    result
}

fn event_loop(
    tui: &mut terminal::Tui,
    app: &mut App,
    loader: &mut Option<Receiver<LoadEvent>>,
    signal: &AtomicUsize,
) -> std::io::Result<Ended> {
    let size = tui.size()?;
    app.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height));
    let mut dirty = true;
    loop {
        if dirty {
            tui.draw(|frame| ui::draw(frame, app))?;
            dirty = false;
        }
        let sig = signal.load(Ordering::Relaxed);
        if sig != 0 {
            return Ok(Ended::Signal(sig as i32));
        }
        if app.quit {
            return Ok(Ended::Quit);
        }
        let timeout = if loader.is_some() {
            Duration::from_millis(15)
        } else {
            Duration::from_millis(200)
        };
        if event::poll(timeout)? {
            // Take every event already waiting before drawing again, so a burst of keys (a
            // paste, key repeat) costs one frame.
            loop {
                dirty |= app.handle_event(&event::read()?);
                if app.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        if let Some(rx) = loader {
            let started = Instant::now();
            loop {
                match rx.try_recv() {
                    Ok(event) => dirty |= app.apply_load_event(event),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        app.loading.done = true;
                        *loader = None;
                        dirty = true;
                        break;
                    }
                }
                if started.elapsed() > LOAD_SLICE {
                    break;
                }
            }
        }
    }
}
