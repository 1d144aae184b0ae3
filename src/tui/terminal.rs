//! Taking the terminal and always giving it back: on quit, on error, on panic, on signals.

use std::io::{self, stdout};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

/// The terminal in raw mode on the alternate screen with mouse capture; restored on drop.
pub struct Session {
    pub terminal: DefaultTerminal,
}

impl Session {
    /// Takes the terminal. A panic from here on restores it before the message is printed.
    pub fn enter() -> io::Result<Self> {
        // ratatui installs a hook that restores raw mode and the screen; ours runs first and
        // also releases the mouse.
        let terminal = ratatui::try_init()?;
        let restore_screen = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(stdout(), DisableMouseCapture);
            restore_screen(info);
        }));
        execute!(stdout(), EnableMouseCapture)?;
        Ok(Self { terminal })
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // During a panic the hook has already restored the terminal and printed the message.
        // Leaving the alternate screen a second time would move the cursor back above it.
        if std::thread::panicking() {
            return;
        }
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}
