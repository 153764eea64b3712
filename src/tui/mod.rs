//! The terminal side of the reader: setting the terminal up and restoring it, signals, and the
//! event loop — poll input with a timeout, turn every terminal event into an
//! [`Input`] for [`App::update`], take what the loader has sent, carry out the effects that
//! need the terminal (pager, clipboard), and redraw only when something changed.

mod external;
mod signals;
pub mod terminal;

use crate::app::mouse::{Mouse, MouseKind};
use crate::app::{App, Input};
use crate::store::LoadEvent;
use crate::ui;
use crate::ui::theme::Theme;
use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use signal_hook::consts::SIGHUP;
use std::sync::atomic::Ordering;
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

/// Most input events handled between two frames.
const MAX_EVENTS_PER_FRAME: usize = 256;

/// How long after the last resize the whole screen is painted again.
const REPAINT_AFTER_RESIZE: Duration = Duration::from_millis(150);

/// Longest the loader may hold the loop before a frame is drawn.
const LOAD_SLICE: Duration = Duration::from_millis(30);

/// Runs the reader until the user quits or a signal arrives; the terminal is restored on
/// every way out, and state saved.
pub fn run(
    app: &mut App,
    theme: &Theme,
    mut loader: Option<Receiver<LoadEvent>>,
    mouse: bool,
) -> std::io::Result<Ended> {
    signals::watch()?;
    let mut tui = terminal::init(mouse)?;
    let result = event_loop(&mut tui, app, theme, &mut loader, mouse);
    {
        let _drawing = signals::DRAWING.lock();
        terminal::restore();
    }
    // A terminal that has gone cannot show the cursor again, and ratatui would say so on
    // stderr as it drops: it is restored above, as far as there is a terminal to restore.
    std::mem::forget(tui);
    app.save_state();
    result
}

/// True when the terminal has hung up (its window closed): reads would only ever return
/// nothing.
fn terminal_hung_up() -> bool {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: 0,
        revents: 0,
    };
    // SAFETY: one valid pollfd, zero timeout.
    let ready = unsafe { libc::poll(&mut fd, 1, 0) };
    ready > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// The input a terminal event is for the reader, if any: keys become actions through the
/// keymap in the context the reader is in.
pub fn input_of(app: &App, event: &Event) -> Option<Input> {
    match event {
        // Only presses: where the terminal reports repeats and releases, a key acts once.
        Event::Key(key) if key.kind == KeyEventKind::Press => app
            .settings
            .keymap
            .action(app.context(), key)
            .map(Input::Action),
        Event::Resize(width, height) => Some(Input::Resize(*width, *height)),
        Event::Paste(text) => Some(Input::Paste(text.clone())),
        Event::Mouse(mouse) => {
            let kind = match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => MouseKind::Click,
                MouseEventKind::ScrollUp => MouseKind::WheelUp,
                MouseEventKind::ScrollDown => MouseKind::WheelDown,
                _ => return None,
            };
            Some(Input::Mouse(Mouse {
                kind,
                column: mouse.column,
                row: mouse.row,
            }))
        }
        _ => None,
    }
}

/// Handles one terminal event. Returns what the loop must do.
pub fn handle_event(app: &mut App, event: &Event) -> crate::app::Effects {
    input_of(app, event).map_or_else(Default::default, |input| app.update(input))
}

fn event_loop(
    tui: &mut terminal::Tui,
    app: &mut App,
    theme: &Theme,
    loader: &mut Option<Receiver<LoadEvent>>,
    mouse: bool,
) -> std::io::Result<Ended> {
    let size = tui.size()?;
    app.update(Input::Resize(size.width, size.height));
    let mut dirty = true;
    // When to paint the whole screen afresh after the terminal was resized.
    let mut repaint_at: Option<Instant> = None;
    loop {
        if repaint_at.is_some_and(|at| at <= Instant::now()) {
            // Some terminals reflow or keep what was drawn at the old size; drawing only what
            // changed would leave it there. Once resizing has settled, paint everything.
            terminal::repaint(tui)?;
            repaint_at = None;
            dirty = true;
        }
        if dirty {
            let _drawing = signals::DRAWING.lock();
            tui.draw(|frame| ui::draw(frame, app, theme))?;
            dirty = false;
        }
        if let Some(sig) = signals::stop_requested() {
            return Ok(Ended::Signal(sig));
        }
        if signals::SUSPEND.swap(false, Ordering::Relaxed) {
            let effects = app.update(Input::Suspend);
            if let Some(external) = effects.external {
                external::run(tui, app, external, mouse)?;
            }
            dirty = true;
            continue;
        }
        if app.quit {
            return Ok(Ended::Quit);
        }
        if terminal_hung_up() {
            return Ok(Ended::Signal(SIGHUP));
        }
        let timeout = if app.busy() {
            Duration::ZERO
        } else if loader.is_some() {
            Duration::from_millis(15)
        } else {
            Duration::from_millis(200)
        };
        let timeout = repaint_at.map_or(timeout, |at| {
            timeout.min(at.saturating_duration_since(Instant::now()))
        });
        if event::poll(timeout)? {
            // Take every event already waiting before drawing again, so a burst of keys (a
            // paste, key repeat) costs one frame.
            let mut external = None;
            for _ in 0..MAX_EVENTS_PER_FRAME {
                let event = event::read()?;
                if matches!(event, Event::Resize(..)) {
                    repaint_at = Some(Instant::now() + REPAINT_AFTER_RESIZE);
                }
                let effects = handle_event(app, &event);
                dirty |= effects.redraw;
                external = effects.external.or(external);
                if app.quit
                    || external.is_some()
                    || signals::stop_requested().is_some()
                    || !event::poll(Duration::ZERO)?
                {
                    break;
                }
            }
            if let Some(external) = external {
                external::run(tui, app, external, mouse)?;
                dirty = true;
            }
            if dirty {
                // Show what the keys did before any background work (loading, the rest of a
                // query's ranking) gets a turn.
                continue;
            }
        }
        if let Some(rx) = loader {
            let started = Instant::now();
            loop {
                match rx.try_recv() {
                    Ok(event) => dirty |= app.update(Input::Load(event)).redraw,
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        if !app.loading.done {
                            app.update(Input::Load(LoadEvent::Done));
                        }
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
        dirty |= app.update(Input::Tick).redraw;
    }
}
