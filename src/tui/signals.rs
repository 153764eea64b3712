//! Signals. Those that end a program (TERM, HUP, INT, QUIT, USR1, USR2, ALRM) ask the loop to
//! stop, so that state is saved and the terminal restored in order; a pager that has the
//! terminal just then is ended first, so the loop gets to it. TSTP asks the loop to suspend
//! (restore the terminal, stop, take the terminal back on `fg`). Should the loop not manage to
//! stop within [`SIGNAL_GRACE`] — stuck in a read from a terminal that has gone — the signal
//! thread restores the terminal and exits.

use super::terminal;
use signal_hook::consts::{SIGALRM, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2};
use signal_hook::iterator::Signals;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};
use std::time::Duration;

/// How long the loop has, after a signal, to stop by itself before the terminal is restored
/// and the process ended from the signal thread.
const SIGNAL_GRACE: Duration = Duration::from_millis(1500);

/// The signal that asked the reader to stop, or 0.
pub static STOP: AtomicUsize = AtomicUsize::new(0);

/// A TSTP asked the reader to suspend.
pub static SUSPEND: AtomicBool = AtomicBool::new(false);

/// The pager's process while it has the terminal, or 0. Ctrl-C there goes to the whole
/// process group, and is the pager's, not a reason for warta to quit.
pub static PAGER: AtomicI32 = AtomicI32::new(0);

/// Drawing holds this; a forced exit takes it so it never cuts a frame in half.
pub static DRAWING: Mutex<()> = Mutex::new(());

/// Starts the thread that watches for signals.
pub fn watch() -> std::io::Result<()> {
    let mut signals = Signals::new([
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGTSTP,
    ])?;
    std::thread::Builder::new()
        .name("warta-signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                let pager = PAGER.load(Ordering::Relaxed);
                match sig {
                    SIGTSTP => SUSPEND.store(true, Ordering::Relaxed),
                    SIGINT if pager != 0 => {}
                    _ => {
                        STOP.store(sig as usize, Ordering::Relaxed);
                        if pager != 0 {
                            // SAFETY: signals a process warta started and waits for.
                            unsafe { libc::kill(pager, libc::SIGTERM) };
                        }
                        std::thread::sleep(SIGNAL_GRACE);
                        let _drawing = DRAWING.lock();
                        terminal::restore();
                        std::process::exit(128 + sig);
                    }
                }
            }
        })?;
    Ok(())
}

/// The signal that asked the reader to stop, if one did.
pub fn stop_requested() -> Option<i32> {
    match STOP.load(Ordering::Relaxed) {
        0 => None,
        sig => Some(sig as i32),
    }
}
