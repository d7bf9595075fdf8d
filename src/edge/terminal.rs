//! The terminal edge: entering and leaving the full-screen mode, restoring
//! the terminal on every exit (quit, error, panic, SIGTERM, SIGHUP) and
//! around a stop (Ctrl-Z, SIGTSTP) until the shell continues margin.

use std::io::{self, BufWriter, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::layout::{Position, Rect};
use rustix::process::Signal;

use super::job_control;

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
        take_terminal()?;
        let out = BufWriter::with_capacity(FRAME_BUFFER_BYTES, io::stdout());
        let terminal = Terminal::new(CrosstermBackend::new(out))?;
        Ok(Session { terminal })
    }

    /// Ctrl-Z or SIGTSTP: gives the terminal back as the shell left it,
    /// stops margin until the shell continues it (`fg`), then takes the
    /// terminal again. Returns false, stopping nothing, when no shell could
    /// continue margin (see [`job_control`]).
    pub fn suspend(&mut self) -> io::Result<bool> {
        if !job_control::a_shell_can_continue_us() {
            return Ok(false);
        }
        let _ = self.terminal.backend_mut().flush();
        restore();
        // SIGSTOP, not SIGTSTP: margin catches SIGTSTP (to get here), and
        // SIGSTOP cannot be caught, so the stop cannot loop back. The call
        // returns once the process is continued.
        rustix::process::kill_process(rustix::process::getpid(), Signal::STOP)?;
        self.resume()?;
        Ok(true)
    }

    /// After SIGCONT: raw mode, alternate screen and mouse capture again,
    /// whoever stopped margin (a SIGSTOP from outside is not seen coming,
    /// and a shell resets the tty of a job it sees stop), and a whole new
    /// frame at the next draw, since the screen was the shell's meanwhile.
    pub fn resume(&mut self) -> io::Result<()> {
        // crossterm skips enabling raw mode it believes on: forget it first.
        if ACTIVE.swap(false, Ordering::SeqCst) {
            disable_raw_mode()?;
        }
        take_terminal()?;
        self.draw_whole_next_frame()
    }

    /// The screen may not hold the last frame any more (the shell had it, or
    /// a resize cut it): clear it and forget that frame, so the next draw is
    /// whole rather than a diff against what is gone. A resize to the
    /// current size does both. Not `Terminal::clear`: it asks the terminal
    /// for the cursor position and waits up to 2 s for an answer the input
    /// thread is reading, then fails.
    pub fn draw_whole_next_frame(&mut self) -> io::Result<()> {
        let size = self.terminal.size()?;
        self.terminal.resize(Rect::from((Position::ORIGIN, size)))
    }
}

/// Raw mode, alternate screen, mouse capture, no cursor.
fn take_terminal() -> io::Result<()> {
    ACTIVE.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    let mut stdout = io::stdout();
    execute!(
        stdout,
        EnterAlternateScreen,
        EnableMouseCapture,
        cursor::Hide
    )
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
