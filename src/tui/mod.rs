//! The terminal side of the reader: setting the terminal up and restoring it, signals, and the
//! event loop — poll input with a timeout, turn every terminal event into an
//! [`Input`] for [`App::update`], take what the loader has sent, carry out the effects that
//! need the terminal (pager, clipboard), and redraw only when something changed.

pub mod terminal;

use crate::app::mouse::{Mouse, MouseKind};
use crate::app::{App, External, Input};
use crate::article::Origin;
use crate::store::{LoadEvent, ReadAgain};
use crate::ui;
use crate::ui::theme::Theme;
use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::{Arc, Mutex};
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

/// How long the loop has, after a signal, to stop by itself before the terminal is restored
/// and the process ended from the signal thread.
const SIGNAL_GRACE: Duration = Duration::from_millis(750);

/// Set while a pager has the terminal: Ctrl-C there goes to the whole process group, and is
/// the pager's, not a reason for warta to quit.
static IN_PAGER: AtomicBool = AtomicBool::new(false);

/// Drawing holds this; a forced exit takes it so it never cuts a frame in half.
static DRAWING: Mutex<()> = Mutex::new(());

/// Runs the reader until the user quits or a signal arrives; the terminal is restored on
/// every way out.
pub fn run(
    app: &mut App,
    theme: &Theme,
    mut loader: Option<Receiver<LoadEvent>>,
    mouse: bool,
) -> std::io::Result<Ended> {
    let signal = Arc::new(AtomicUsize::new(0));
    watch_signals(Arc::clone(&signal))?;
    let mut tui = terminal::init(mouse)?;
    let result = event_loop(&mut tui, app, theme, &mut loader, &signal, mouse);
    terminal::restore();
    app.save_state();
    result
}

/// SIGTERM, SIGHUP and SIGINT ask the loop to stop (so state is saved and the terminal
/// restored in order). Should the loop not manage within [`SIGNAL_GRACE`] — stuck in a
/// read from a terminal that has gone — this thread restores the terminal and exits.
fn watch_signals(flag: Arc<AtomicUsize>) -> std::io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::Builder::new()
        .name("warta-signals".into())
        .spawn(move || {
            let sig = signals
                .forever()
                .find(|&sig| !(sig == SIGINT && IN_PAGER.load(Ordering::Relaxed)));
            if let Some(sig) = sig {
                flag.store(sig as usize, Ordering::Relaxed);
                std::thread::sleep(SIGNAL_GRACE);
                let _drawing = DRAWING.lock();
                terminal::restore();
                std::process::exit(128 + sig);
            }
        })?;
    Ok(())
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
    signal: &AtomicUsize,
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
            tui.clear()?;
            repaint_at = None;
            dirty = true;
        }
        if dirty {
            let _drawing = DRAWING.lock();
            tui.draw(|frame| ui::draw(frame, app, theme))?;
            dirty = false;
        }
        let sig = signal.load(Ordering::Relaxed);
        if sig != 0 {
            return Ok(Ended::Signal(sig as i32));
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
                    || signal.load(Ordering::Relaxed) != 0
                    || !event::poll(Duration::ZERO)?
                {
                    break;
                }
            }
            if let Some(external) = external {
                run_external(tui, app, external, mouse)?;
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

/// Does what needs the terminal itself: a pager (the screen is handed over and taken back)
/// or the clipboard (an OSC 52 sequence).
fn run_external(
    tui: &mut terminal::Tui,
    app: &mut App,
    external: External,
    mouse: bool,
) -> std::io::Result<()> {
    match external {
        External::Copy(text) => {
            use base64::Engine;
            let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
            let mut out = std::io::stdout();
            write!(out, "\u{1b}]52;c;{encoded}\u{7}")?;
            out.flush()?;
        }
        External::Pager(index) => {
            let article = &app.store.articles[index];
            let pager = std::env::var("PAGER")
                .ok()
                .filter(|p| !p.trim().is_empty())
                .unwrap_or_else(|| "less".into());
            let bytes = match article.origin {
                Origin::File => None,
                _ => Some(article.raw_bytes()?),
            };
            let _drawing = DRAWING.lock();
            terminal::restore();
            IN_PAGER.store(true, Ordering::Relaxed);
            let status = pager_command(&pager, article, bytes.as_deref());
            IN_PAGER.store(false, Ordering::Relaxed);
            *tui = terminal::init(mouse)?;
            tui.clear()?;
            if let Err(e) = status {
                app.update(Input::Notice(format!("{pager}: {e}")));
            }
        }
    }
    Ok(())
}

/// Runs the pager on the article's file (or, for a bundled article, on its bytes through a
/// pipe) and waits for it.
fn pager_command(
    pager: &str,
    article: &crate::article::Article,
    bytes: Option<&[u8]>,
) -> std::io::Result<()> {
    let mut words = pager.split_whitespace();
    let program = words.next().unwrap_or("less");
    let mut command = std::process::Command::new(program);
    command.args(words);
    let status = match bytes {
        None => command.arg(&article.path).status()?,
        Some(bytes) => {
            let mut child = command.stdin(std::process::Stdio::piped()).spawn()?;
            if let Some(mut stdin) = child.stdin.take() {
                // The pager may quit before reading everything; that is fine.
                let _ = stdin.write_all(bytes);
            }
            child.wait()?
        }
    };
    if status.success() {
        Ok(())
    } else {
        Err(std::io::Error::other(format!("exited with {status}")))
    }
}
