//! Setting the terminal up for the reader and putting it back on every way out: quit, error,
//! panic and signals.

use crossterm::cursor::Show;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{Stdout, stdout};
use std::sync::Once;

/// The terminal the reader draws on.
pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Raw mode, the alternate screen and (when asked) the mouse. A panic hook restores the
/// terminal before the panic message prints, so it is readable.
pub fn init(mouse: bool) -> std::io::Result<Tui> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
    enable_raw_mode()?;
    let setup = if mouse {
        execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)
    } else {
        execute!(stdout(), EnterAlternateScreen)
    };
    if let Err(e) = setup {
        restore();
        return Err(e);
    }
    Terminal::new(CrosstermBackend::new(stdout())).inspect_err(|_| restore())
}

/// Puts the terminal back: mouse off, alternate screen left, cursor shown, raw mode off. Safe
/// to call more than once.
pub fn restore() {
    let _ = execute!(stdout(), DisableMouseCapture, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
}
