//! The event loop: terminal input and signals arrive on one channel, become
//! actions, and the screen is drawn once per batch of events.

use std::io;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use ratatui::crossterm::event::{self, Event};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::app::App;
use crate::bookmarks::Op;
use crate::store::Store;
use crate::terminal::Session;
use crate::{events, ui};

enum Message {
    Terminal(Event),
    InputFailed(io::Error),
    Signal(i32),
}

/// How the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// A signal asked margin to stop; the process exits with 128 + signal.
    Signal(i32),
}

/// Test hook: when this environment variable is set (to anything), drawing
/// panics, so tests can prove the panic hook restores the terminal and says
/// what happened in one line. Read once, when the loop starts.
pub const PANIC_IN_DRAW_VAR: &str = "MARGIN_TEST_PANIC_IN_DRAW";

pub fn run(session: &mut Session, app: &mut App, store: Option<&Store>) -> io::Result<Exit> {
    let panic_in_draw = std::env::var_os(PANIC_IN_DRAW_VAR).is_some();
    let (sender, receiver) = mpsc::channel();
    spawn_input(sender.clone());
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    let signal_handle = signals.handle();
    thread::spawn(move || {
        for signal in signals.forever() {
            if sender.send(Message::Signal(signal)).is_err() {
                break;
            }
        }
    });
    let exit = serve(session, app, store, &receiver, panic_in_draw);
    signal_handle.close();
    exit
}

fn spawn_input(sender: Sender<Message>) {
    thread::spawn(move || {
        loop {
            let message = match event::read() {
                Ok(event) => Message::Terminal(event),
                Err(error) => Message::InputFailed(error),
            };
            let failed = matches!(message, Message::InputFailed(_));
            if sender.send(message).is_err() || failed {
                break;
            }
        }
    });
}

fn serve(
    session: &mut Session,
    app: &mut App,
    store: Option<&Store>,
    receiver: &Receiver<Message>,
    panic_in_draw: bool,
) -> io::Result<Exit> {
    loop {
        // Lay out for the size ratatui is about to draw into: a Resize event
        // can be stale by the time it is handled (a resize storm), and a
        // layout for another size draws the pane over the panel and loses
        // the status bar until the next resize.
        let size = session.terminal.size()?;
        if size != app.areas.size {
            app.update(crate::app::Action::Resize(size.width, size.height));
        }
        session.terminal.draw(|frame| {
            ui::draw(frame, app);
            if panic_in_draw {
                panic!("panic injected in drawing by {PANIC_IN_DRAW_VAR}");
            }
        })?;
        let Ok(first) = receiver.recv() else {
            return Ok(Exit::Quit);
        };
        // Apply everything already queued before drawing again: a burst of
        // wheel events or a resize storm costs one frame.
        for message in std::iter::once(first).chain(receiver.try_iter()) {
            match message {
                Message::Terminal(event) => {
                    if let Some(action) = events::action(app, &event) {
                        app.update(action);
                        save(app, store);
                    }
                }
                Message::InputFailed(error) => return Err(error),
                Message::Signal(signal) => {
                    // Stopped from outside: keep the reading position too.
                    app.update(crate::app::Action::Quit);
                    save(app, store);
                    return Ok(Exit::Signal(signal));
                }
            }
            if app.quit {
                return Ok(Exit::Quit);
            }
        }
    }
}

/// Saves what the app changed, every change as it happens: a crash loses
/// nothing. A failure is shown and the change kept in memory.
pub fn save(app: &mut App, store: Option<&Store>) {
    let ops: Vec<Op> = app.take_saves();
    if ops.is_empty() {
        return;
    }
    let Some(store) = store else {
        return;
    };
    match store.apply(&app.bookmarks.id, &ops) {
        Ok(state) => app.saved(state),
        Err(error) => app.save_failed(error.to_string()),
    }
}
