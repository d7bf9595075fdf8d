//! The terminal edge: entering and leaving the full-screen mode, restoring
//! the terminal on every exit (quit, error, panic, SIGTERM, SIGHUP).

use std::io::{self, BufWriter, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

/// Frames go through a buffer the size of a big frame: the backend flushes
/// it once per draw, so a frame is one write, not one per KiB (stdout's own
/// buffer), which a terminal multiplexer then parses in pieces.
pub type Term = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Bytes of a full 200x60 frame with colours fit with room to spare.
const FRAME_BUFFER_BYTES: usize = 256 * 1024;

/// Whether the terminal is in margin's mode and needs restoring.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Holds the terminal in full-screen mode; restores it when dropped.
pub struct Session {
    pub terminal: Term,
}

impl Session {
    pub fn enter() -> io::Result<Self> {
        install_panic_hook();
        ACTIVE.store(true, Ordering::SeqCst);
        enable_raw_mode()?;
        let mut stdout = io::stdout();
        execute!(
            stdout,
            EnterAlternateScreen,
            EnableMouseCapture,
            cursor::Hide
        )?;
        let out = BufWriter::with_capacity(FRAME_BUFFER_BYTES, io::stdout());
        let terminal = Terminal::new(CrosstermBackend::new(out))?;
        Ok(Session { terminal })
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Anything still buffered belongs on the alternate screen, not after it.
        let _ = self.terminal.backend_mut().flush();
        restore();
    }
}

/// Puts the terminal back as it was. Safe to call more than once.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let _ = disable_raw_mode();
    let mut stdout = io::stdout();
    let _ = execute!(
        stdout,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = stdout.flush();
}

/// A panic restores the terminal first, then says what happened in one
/// short message instead of a backtrace drawn over the alternate screen.
fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        restore();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown error".to_owned());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("margin: internal error: {message}{place}. This is a bug; please report it.");
    }));
}
