//! Input that arrives over time (a pipe): noticing when the writer pauses,
//! so what came so far is shown, and reading no further ahead of the reader
//! than it needs, so an endless pipe (`yes | margin -`) keeps memory bounded
//! as `less` does.

use std::io;
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::Duration;

use crate::app::READ_AHEAD_BYTES;

/// A writer quiet this long has paused: show what it wrote.
pub const PAUSE: Duration = Duration::from_millis(50);

/// Read but not yet taken in by the reader: following the end of a fast
/// pipe, the reading thread must not outrun the event loop.
const IN_FLIGHT_BYTES: u64 = 8 << 20;

/// How many bytes of a pipe the reader wants read and has taken in, shared
/// between the thread reading it and the event loop.
#[derive(Debug)]
pub struct ReadAhead {
    marks: Mutex<Marks>,
    moved: Condvar,
}

#[derive(Debug, Clone, Copy)]
struct Marks {
    wanted: u64,
    taken: u64,
}

impl Default for ReadAhead {
    fn default() -> Self {
        Self {
            marks: Mutex::new(Marks {
                wanted: READ_AHEAD_BYTES,
                taken: 0,
            }),
            moved: Condvar::new(),
        }
    }
}

impl ReadAhead {
    /// Asks for the input to be read up to `bytes`. A lower mark stops the
    /// reading sooner: after following the end (`G`) and stopping, the pipe
    /// is read only a stretch past the reader again.
    pub fn want(&self, bytes: u64) {
        self.update(|marks| marks.wanted = bytes);
    }

    /// The event loop took in the input up to `bytes`.
    pub fn taken(&self, bytes: u64) {
        self.update(|marks| marks.taken = marks.taken.max(bytes));
    }

    fn update(&self, change: impl FnOnce(&mut Marks)) {
        let mut marks = self.marks.lock().unwrap_or_else(PoisonError::into_inner);
        change(&mut marks);
        self.moved.notify_all();
    }

    /// Blocks the reading thread, which has read `read` bytes, until more
    /// is wanted and the event loop has caught up.
    pub fn wait_beyond(&self, read: u64) {
        let mut marks = self.marks.lock().unwrap_or_else(PoisonError::into_inner);
        while marks.wanted <= read || read.saturating_sub(marks.taken) > IN_FLIGHT_BYTES {
            marks = self
                .moved
                .wait(marks)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }
}

/// Tells whether input is waiting on a pipe, within a timeout.
pub type Probe = Box<dyn FnMut(Duration) -> bool + Send>;

/// A probe for `fd`: true when reading would not block (data, end of input
/// or an error, which the read then reports).
#[cfg(unix)]
pub fn probe<F: std::os::fd::AsFd + Send + 'static>(fd: F) -> Probe {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    Box::new(move |timeout: Duration| {
        let mut fds = [PollFd::new(&fd, PollFlags::IN)];
        let timeout = Timespec {
            tv_sec: timeout.as_secs() as i64,
            tv_nsec: i64::from(timeout.subsec_nanos()),
        };
        match poll(&mut fds, Some(&timeout)) {
            Ok(ready) => ready > 0,
            // Interrupted or failed: let the read find out.
            Err(e) => io::Error::from(e).kind() != io::ErrorKind::Interrupted,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// A reader blocked in `wait_beyond(read)`; its channel says when it
    /// was let go.
    fn blocked_reader(ahead: &Arc<ReadAhead>, read: u64) -> std::sync::mpsc::Receiver<()> {
        let (released, was_released) = std::sync::mpsc::channel();
        let ahead = Arc::clone(ahead);
        std::thread::spawn(move || {
            ahead.wait_beyond(read);
            let _ = released.send(());
        });
        was_released
    }

    /// Still blocked after a while: a reader let go would have said so at once.
    fn still_blocked(was_released: &std::sync::mpsc::Receiver<()>) -> bool {
        was_released
            .recv_timeout(Duration::from_millis(100))
            .is_err()
    }

    #[test]
    fn the_reader_waits_until_more_is_wanted() {
        let ahead = Arc::new(ReadAhead::default());
        ahead.taken(READ_AHEAD_BYTES);
        let was_released = blocked_reader(&ahead, READ_AHEAD_BYTES);
        assert!(still_blocked(&was_released), "at the mark");
        ahead.want(READ_AHEAD_BYTES - 1);
        assert!(still_blocked(&was_released), "a lower mark");
        ahead.want(READ_AHEAD_BYTES + 1);
        was_released
            .recv_timeout(Duration::from_secs(10))
            .expect("released");
        // Below the mark it does not wait at all.
        ahead.wait_beyond(0);
    }

    #[test]
    fn the_reader_waits_for_the_event_loop_to_catch_up() {
        let ahead = Arc::new(ReadAhead::default());
        ahead.want(u64::MAX);
        let was_released = blocked_reader(&ahead, IN_FLIGHT_BYTES + 1);
        assert!(still_blocked(&was_released), "too far ahead");
        ahead.taken(1);
        was_released
            .recv_timeout(Duration::from_secs(10))
            .expect("released once caught up");
    }

    #[cfg(unix)]
    #[test]
    fn the_probe_sees_a_pause_and_then_data() {
        use std::io::Write;
        let (reader, mut writer) = std::io::pipe().expect("pipe");
        let mut ready = probe(reader);
        assert!(!ready(Duration::from_millis(1)), "nothing written yet");
        writer.write_all(b"x").expect("write");
        assert!(ready(Duration::from_millis(1)));
    }
}
