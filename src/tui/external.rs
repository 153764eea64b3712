//! What needs the terminal itself: a pager (the screen is handed over and taken back), the
//! clipboard (an OSC 52 sequence), and suspending on Ctrl-Z.

use super::{signals, terminal};
use crate::app::{App, External, Input};
use crate::article::Origin;
use crate::store::ReadAgain;
use std::io::Write;
use std::sync::atomic::Ordering;

/// Takes the terminal back after a pager or a suspension: raw mode, the alternate screen,
/// the mouse, and everything drawn afresh.
fn take_back(tui: &mut terminal::Tui, mouse: bool) -> std::io::Result<()> {
    let old = std::mem::replace(tui, terminal::init(mouse)?);
    // Restored already; dropping it would try to show the cursor again.
    std::mem::forget(old);
    terminal::repaint(tui)
}

/// Does what needs the terminal itself: a pager (the screen is handed over and taken back)
/// or the clipboard (an OSC 52 sequence).
pub fn run(
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
            let drawing = signals::DRAWING.lock();
            terminal::restore();
            let status = pager_command(&pager, article, bytes.as_deref());
            drop(drawing);
            if signals::stop_requested().is_some() {
                // The pager was ended by a signal meant for warta: the loop stops next.
                return Ok(());
            }
            take_back(tui, mouse)?;
            if let Err(e) = status {
                app.update(Input::Notice(format!("{pager}: {e}")));
            }
        }
        External::Suspend => {
            {
                let _drawing = signals::DRAWING.lock();
                terminal::restore();
            }
            // Stops here, as Ctrl-Z would in a shell, until `fg` continues it.
            // SAFETY: raising a signal at this process.
            unsafe { libc::raise(libc::SIGSTOP) };
            take_back(tui, mouse)?;
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
    let mut child = match bytes {
        None => command.arg(&*article.path).spawn()?,
        Some(_) => command.stdin(std::process::Stdio::piped()).spawn()?,
    };
    signals::PAGER.store(child.id() as i32, Ordering::Relaxed);
    if let (Some(bytes), Some(mut stdin)) = (bytes, child.stdin.take()) {
        // The pager may quit before reading everything; that is fine.
        let _ = stdin.write_all(bytes);
    }
    let status = child.wait();
    signals::PAGER.store(0, Ordering::Relaxed);
    let status = status?;
    if status.success() {
        Ok(())
    } else {
        Err(std::io::Error::other(format!("exited with {status}")))
    }
}
