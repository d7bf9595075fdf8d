//! The event loop: terminal input, signals, the file still loading and
//! background detection all arrive on one channel and become state changes;
//! the screen is drawn once per batch of messages.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use crate::app::{Action, App, Change};
use crate::kept::KeptSource;
use crate::pipe::ReadAhead;
use crate::search::Counts;
use crate::source::{self, LoadEvent, Opened};
use crate::store::Store;
use crate::terminal::Session;
use crate::{events, ui};
use crate::{persist, rules_file};

enum Message {
    Terminal(Event),
    InputFailed(io::Error),
    Signal(i32),
    Load(LoadEvent),
    /// A detection job's result: a `Change::Detected`.
    Detected(Change),
    Searched(u64, Counts),
    /// The source of a converted article, read as text: a `Change::SourceLoaded`.
    Source(Change),
}

/// How the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// A signal asked margin to stop; the process exits with 128 + signal.
    Signal(i32),
}

/// What the loop needs besides the app: where to save, and the rest of the
/// file when it is still loading.
pub struct Context {
    pub store: Option<Store>,
    /// The path to remember for the article (not for standard input).
    pub path: Option<String>,
    pub rest: Option<Opened>,
    /// A converted article's source read from a stream, for `r`.
    pub kept: Option<KeptSource>,
    /// Where corrections for every article are written (the user's rules).
    pub rules_file: Option<PathBuf>,
}

/// Test hook: when this environment variable is set (to anything), drawing
/// panics, so tests can prove the panic hook restores the terminal and says
/// what happened in one line. Read once, when the loop starts.
pub const PANIC_IN_DRAW_VAR: &str = "MARGIN_TEST_PANIC_IN_DRAW";

pub fn run(session: &mut Session, app: &mut App, context: Context) -> io::Result<Exit> {
    let panic_in_draw = std::env::var_os(PANIC_IN_DRAW_VAR).is_some();
    let (sender, receiver) = mpsc::channel();
    spawn_input(sender.clone());
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    let signal_handle = signals.handle();
    let signal_sender = sender.clone();
    thread::spawn(move || {
        for signal in signals.forever() {
            if signal_sender.send(Message::Signal(signal)).is_err() {
                break;
            }
        }
    });
    let Context {
        store,
        path,
        rest,
        kept,
        rules_file,
    } = context;
    let mut read_ahead = None;
    match rest {
        Some(mut opened) => {
            read_ahead = opened.read_ahead();
            app.update(Change::LoadStarted {
                bytes_read: opened.bytes_read,
                size: opened.size,
            });
            // The first screen before reading on: on two cores a thread
            // reading 100 MB competes with the terminal drawing it.
            draw(session, app, panic_in_draw)?;
            let load_sender = sender.clone();
            thread::spawn(move || {
                opened.stream(|event| load_sender.send(Message::Load(event)).is_ok())
            });
        }
        None => {
            if let Some(store) = &store {
                persist::open_state(app, store, path.clone());
            }
        }
    }
    let mut looper = Looper {
        app,
        store: store.as_ref(),
        rules_file,
        path,
        kept,
        sender,
        detecting: false,
        searching: None,
        panic_in_draw,
        started: Instant::now(),
        detected_partly: false,
        read_ahead,
        continued: false,
        resized: false,
        unapplied_size: None,
    };
    let exit = looper.serve(session, &receiver);
    signal_handle.close();
    exit
}

/// Draws a frame, laid out for the size ratatui is about to draw into: a
/// Resize event can be stale by the time it is handled (a resize storm), and
/// a layout for another size draws the pane over the panel and loses the
/// status bar until the next resize.
fn draw(session: &mut Session, app: &mut App, panic_in_draw: bool) -> io::Result<()> {
    let size = session.terminal.size()?;
    if size != app.areas().size {
        app.update(Action::Resize(size.width, size.height));
    }
    session.terminal.draw(|frame| {
        ui::draw(frame, app);
        if panic_in_draw {
            #[allow(clippy::panic, reason = "the test hook's whole point")]
            {
                panic!("panic injected in drawing by {PANIC_IN_DRAW_VAR}");
            }
        }
    })?;
    Ok(())
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

struct Looper<'a> {
    app: &'a mut App,
    store: Option<&'a Store>,
    rules_file: Option<PathBuf>,
    path: Option<String>,
    /// See [`Context::kept`].
    kept: Option<KeptSource>,
    sender: Sender<Message>,
    detecting: bool,
    /// The search being counted, and the flag that stops it.
    searching: Option<(u64, Arc<AtomicBool>)>,
    /// See [`PANIC_IN_DRAW_VAR`].
    panic_in_draw: bool,
    /// When the loop started: partial detections wait for a slow load.
    started: Instant,
    /// Whether a detection ran on part of a loading file.
    detected_partly: bool,
    /// How far a pipe is read, raised as the reader moves on.
    read_ahead: Option<Arc<ReadAhead>>,
    /// SIGCONT came: the terminal must be taken again.
    continued: bool,
    /// The terminal was resized since the last frame.
    resized: bool,
    /// The last resize's size, not laid out for yet.
    unapplied_size: Option<(u16, u16)>,
}

/// While a file loads, detections after the first (which annotates the first
/// screen) wait this long. A file that loads in under a second is then
/// detected once, whole, rather than again at each doubling with every
/// result held while the next is computed (≈ 50 MB more on 100 MB); a slow
/// load (a pipe, a 1 GB file) still shows annotations found so far.
const PARTIAL_DETECTION_AFTER: Duration = Duration::from_secs(1);

/// While messages keep coming, a frame is still drawn this often.
const FRAME_AT_LEAST_EVERY: Duration = Duration::from_millis(50);

impl Looper<'_> {
    fn serve(&mut self, session: &mut Session, receiver: &Receiver<Message>) -> io::Result<Exit> {
        loop {
            self.start_detection();
            self.start_counting();
            self.start_reading_source();
            if let Some(ahead) = &self.read_ahead {
                ahead.want(self.app.read_ahead_target());
            }
            draw(session, self.app, self.panic_in_draw)?;
            let Ok(first) = receiver.recv() else {
                return Ok(Exit::Quit);
            };
            // Apply everything already queued before drawing again: a burst
            // of wheel events or a resize storm costs one frame. A source
            // that never stops (a fast pipe) still lets a frame through.
            let frame_due = Instant::now() + FRAME_AT_LEAST_EVERY;
            for message in std::iter::once(first).chain(receiver.try_iter()) {
                if let Some(exit) = self.handle(message)? {
                    return Ok(exit);
                }
                if Instant::now() >= frame_due {
                    break;
                }
            }
            // Job control (see `Session::suspend`); both end in a whole frame.
            if self.app.take_suspend() && !session.suspend()? {
                self.app.update(Change::CannotSuspend);
            }
            if std::mem::take(&mut self.continued) {
                session.resume()?;
            }
            // `draw` lays out for the size it draws into.
            self.unapplied_size = None;
            if std::mem::take(&mut self.resized) {
                // Ratatui redraws all only when the size differs from its
                // last frame's; a storm that ends at that size left the
                // terminal with a cut screen and ratatui with nothing to do.
                session.draw_whole_next_frame()?;
            }
        }
    }

    fn handle(&mut self, message: Message) -> io::Result<Option<Exit>> {
        match message {
            // A storm's resizes are applied once, for the size drawn into
            // (see `draw`): each lays out again, which on a long paragraph
            // is slow enough to keep the last frame from coming.
            Message::Terminal(Event::Resize(width, height)) => {
                self.resized = true;
                self.unapplied_size = Some((width, height));
            }
            Message::Terminal(event) => {
                // A key after a resize acts on the new layout.
                if let Some((width, height)) = self.unapplied_size.take() {
                    self.app.update(Action::Resize(width, height));
                }
                if let Some(action) = events::action(self.app, &event) {
                    self.app.update(action);
                    self.save();
                }
            }
            Message::InputFailed(error) => return Err(error),
            Message::Signal(SIGTSTP) => {
                self.app.update(Action::Suspend);
                self.save();
            }
            Message::Signal(SIGCONT) => self.continued = true,
            Message::Signal(signal) => {
                // Stopped from outside: keep the reading position too.
                self.app.update(Action::Quit);
                self.save();
                return Ok(Some(Exit::Signal(signal)));
            }
            Message::Load(LoadEvent::Block { block, bytes_read }) => {
                self.app.update(Change::Loaded { block, bytes_read });
                if let Some(ahead) = &self.read_ahead {
                    ahead.taken(bytes_read);
                }
            }
            Message::Load(LoadEvent::Done {
                last,
                replaced_bytes,
            }) => {
                self.app.update(Change::LoadEnded {
                    last,
                    replaced_bytes,
                });
                self.loaded();
            }
            Message::Load(LoadEvent::Failed(error)) => {
                self.app.update(Change::LoadFailed(error.to_string()));
                self.loaded();
            }
            Message::Detected(change) => {
                self.detecting = false;
                self.app.update(change);
            }
            Message::Source(change) => self.app.update(change),
            Message::Searched(generation, counts) => {
                if self
                    .searching
                    .as_ref()
                    .is_some_and(|(g, _)| *g == generation)
                {
                    self.searching = None;
                }
                self.app.update(Change::Searched { generation, counts });
            }
        }
        Ok(self.app.quit().then_some(Exit::Quit))
    }

    /// Saves what is due: the article's state, and the user's rules file.
    fn save(&mut self) {
        persist::save(self.app, self.store);
        rules_file::save(self.app, self.rules_file.as_deref());
    }

    /// The article is complete: it can be identified, its state loaded, and
    /// what was bookmarked meanwhile saved.
    fn loaded(&mut self) {
        if let Some(store) = self.store {
            let pending = self.app.take_saves();
            persist::open_state(self.app, store, self.path.clone());
            self.app.update(Change::SavesRequeued(pending));
            self.save();
        }
    }

    /// A search's matches are counted in a thread, so a keystroke on a big
    /// document does not wait for a pass over all of it. A count nobody
    /// waits for any more (the query was typed over, Esc) stops.
    fn start_counting(&mut self) {
        if let Some((generation, stop)) = &self.searching
            && self.app.search_counting() != Some(*generation)
        {
            stop.store(true, Ordering::Relaxed);
            self.searching = None;
        }
        let Some(job) = self.app.take_search_job() else {
            return;
        };
        let stop = Arc::new(AtomicBool::new(false));
        self.searching = Some((job.generation, Arc::clone(&stop)));
        let sender = self.sender.clone();
        thread::spawn(move || {
            if let Some(counts) = job.count(&|| stop.load(Ordering::Relaxed)) {
                let _ = sender.send(Message::Searched(job.generation, counts));
            }
        });
    }

    /// `r` on a converted article: its file read again as text, in a
    /// thread; a stream's kept bytes loaded once it has ended (the request
    /// waits until then).
    fn start_reading_source(&mut self) {
        if self.kept.as_ref().is_some_and(|k| !k.is_complete()) || !self.app.take_source_request() {
            return;
        }
        let (kept, path) = (self.kept.clone(), self.path.clone());
        let sender = self.sender.clone();
        thread::spawn(move || {
            let source = match (kept, path) {
                (Some(kept), _) => kept.load(),
                (None, Some(path)) => std::fs::read(Path::new(&path))
                    .map_err(|error| format!("cannot read the source: {}", source::reason(&error)))
                    .and_then(|bytes| crate::kept::verbatim(&bytes)),
                (None, None) => Err("no source kept".to_owned()),
            };
            let _ = sender.send(Message::Source(Change::SourceLoaded(source)));
        });
    }

    /// Detection runs on a snapshot in a thread, one at a time, so keys
    /// work while a big file is annotated.
    fn start_detection(&mut self) {
        let loading = self.app.loading().is_some();
        let wait =
            loading && self.detected_partly && self.started.elapsed() < PARTIAL_DETECTION_AFTER;
        if self.detecting || wait {
            return;
        }
        let Some(job) = self.app.take_detection_job() else {
            return;
        };
        self.detected_partly |= loading;
        self.detecting = true;
        let sender = self.sender.clone();
        thread::spawn(move || {
            let _ = sender.send(Message::Detected(job.run()));
        });
    }
}
