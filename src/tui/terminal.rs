//! Setting the terminal up for the reader and putting it back on every way out: quit, error,
//! panic and signals.

use crossterm::cursor::Show;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
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
    // Bracketed paste: a paste arrives as text, never as keys that would act.
    let setup = if mouse {
        execute!(
            stdout(),
            EnterAlternateScreen,
            EnableBracketedPaste,
            EnableMouseCapture
        )
    } else {
        execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)
    };
    if let Err(e) = setup {
        restore();
        return Err(e);
    }
    Terminal::new(CrosstermBackend::new(stdout())).inspect_err(|_| restore())
}

/// Makes the next frame paint every cell: the screen is cleared and drawing starts afresh.
/// (ratatui's own `clear` asks the terminal where its cursor is, and not every terminal
/// answers.)
pub fn repaint(tui: &mut Tui) -> std::io::Result<()> {
    execute!(stdout(), Clear(ClearType::All))?;
    let fresh = Terminal::new(CrosstermBackend::new(stdout()))?;
    // The old one must not show the cursor as it goes: the next frame decides that.
    std::mem::forget(std::mem::replace(tui, fresh));
    Ok(())
}

/// Puts the terminal back: mouse and bracketed paste off, alternate screen left, cursor shown,
/// raw mode off. Safe
/// to call more than once.
pub fn restore() {
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
}
