//! Taking the terminal and always giving it back: on quit, on error, on panic, on signals.

use std::io::{self, Stdout, stdout};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};

use super::frame_hold::FrameHold;
use super::placing_backend::PlacingBackend;

/// The terminal the app draws on; its output goes through a [`FrameHold`], the cursor placed
/// anew after non-ASCII cells ([`PlacingBackend`]).
pub type Screen = Terminal<PlacingBackend<CrosstermBackend<FrameHold<Stdout>>>>;

/// The terminal in raw mode on the alternate screen with mouse capture; restored on drop.
pub struct Session {
    pub terminal: Screen,
    /// The frame hold the terminal writes through.
    pub hold: FrameHold<Stdout>,
}

impl Session {
    /// Takes the terminal. A panic from here on restores it before the message is printed.
    pub fn enter() -> io::Result<Self> {
        let print_panic = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
            ratatui::restore();
            print_panic(info);
        }));
        let entered = enable_raw_mode()
            .and_then(|()| {
                execute!(
                    stdout(),
                    EnterAlternateScreen,
                    EnableMouseCapture,
                    EnableBracketedPaste
                )
            })
            .and_then(|()| {
                let hold = FrameHold::new(stdout());
                Terminal::new(PlacingBackend(CrosstermBackend::new(hold.clone())))
                    .map(|t| (t, hold))
            });
        match entered {
            Ok((terminal, hold)) => Ok(Self { terminal, hold }),
            Err(err) => {
                let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
                ratatui::restore();
                Err(err)
            }
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // During a panic the hook has already restored the terminal and printed the message.
        // Leaving the alternate screen a second time would move the cursor back above it.
        if std::thread::panicking() {
            return;
        }
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        ratatui::restore();
    }
}
