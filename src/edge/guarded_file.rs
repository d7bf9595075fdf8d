//! Opening the small files margin reads or writes beside an article (state,
//! its lock, config, rules) without trusting what is at the path: a FIFO or
//! a device never blocks it, and no file is read past a cap, whatever size
//! it claims (`/dev/zero` and a FIFO both say 0).

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

/// Opened without blocking (a FIFO with no writer would block `open`), then
/// checked to be a regular file before anything is read from it.
fn open_regular(path: &Path, options: &mut OpenOptions) -> io::Result<File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let file = options.open(path).map_err(|e| {
        // A FIFO opened for writing with no reader fails (ENXIO) rather
        // than blocks: say what is there, not "no such device".
        match std::fs::metadata(path) {
            Ok(meta) if !meta.is_file() && !meta.is_dir() => not_regular(),
            _ => e,
        }
    })?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(io::ErrorKind::IsADirectory.into());
    }
    if !meta.is_file() {
        return Err(not_regular());
    }
    Ok(file)
}

/// A FIFO, device or socket where a file should be.
#[derive(Debug, thiserror::Error)]
#[error("it is not a regular file")]
pub struct NotRegular;

pub fn not_regular() -> io::Error {
    io::Error::other(NotRegular)
}

/// Whether `error` is [`not_regular`]'s (by type, not by its words).
pub fn is_not_regular(error: &io::Error) -> bool {
    error
        .get_ref()
        .is_some_and(|inner| inner.is::<NotRegular>())
}

/// Reads a regular file of at most `cap` bytes. Counts what it reads rather
/// than trusting the size the file reports.
pub fn read_capped(path: &Path, cap: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path, OpenOptions::new().read(true))?;
    let mut bytes = Vec::new();
    file.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(io::Error::other(format!(
            "it is larger than {}",
            human_size(cap)
        )));
    }
    Ok(bytes)
}

/// [`read_capped`] as UTF-8 text.
pub fn read_capped_text(path: &Path, cap: u64) -> io::Result<String> {
    String::from_utf8(read_capped(path, cap)?)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "it is not UTF-8 text"))
}

/// How long a save waits for another copy of margin to release the lock
/// before giving up for now (the change stays pending and is retried).
pub const LOCK_WAIT: Duration = Duration::from_millis(500);

/// Takes an exclusive lock on `path` (created if missing), waiting at most
/// `wait`: a lock held by a stuck process must not freeze the reader.
pub fn lock(path: &Path, wait: Duration) -> io::Result<File> {
    let file = open_regular(
        path,
        OpenOptions::new().create(true).truncate(false).write(true),
    )?;
    let deadline = Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::Error(e)) => return Err(e),
            Err(std::fs::TryLockError::WouldBlock) if Instant::now() >= deadline => {
                return Err(io::Error::new(
                    io::ErrorKind::WouldBlock,
                    "another copy of margin holds its lock",
                ));
            }
            Err(std::fs::TryLockError::WouldBlock) => thread::sleep(Duration::from_millis(10)),
        }
    }
}

/// `64 MiB`, `512 KiB`, `10 B`: sizes in a message.
pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 && b % (1 << 30) == 0 => format!("{} GiB", b >> 30),
        b if b >= 1 << 20 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 => format!("{} KiB", b >> 10),
        b => format!("{b} B"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_up_to_its_cap() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("f");
        std::fs::write(&path, b"12345").expect("write");
        assert_eq!(read_capped(&path, 5).expect("read"), b"12345");
        let error = read_capped(&path, 4).expect_err("too big");
        assert_eq!(error.to_string(), "it is larger than 4 B");
    }

    #[test]
    fn a_missing_file_is_not_found() {
        let dir = tempfile::tempdir().expect("dir");
        let error = read_capped(&dir.path().join("none"), 10).expect_err("missing");
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("dir");
        let fifo = dir.path().join("fifo");
        let mode = rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR;
        rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, mode).expect("mkfifo");
        // No writer and no reader: a plain open would block for ever.
        assert!(is_not_regular(&read_capped(&fifo, 10).expect_err("fifo")));
        assert!(is_not_regular(
            &lock(&fifo, Duration::ZERO).expect_err("fifo lock")
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_whatever_size_they_report() {
        let zero = Path::new("/dev/zero");
        if zero.exists() {
            assert!(is_not_regular(&read_capped(zero, 10).expect_err("device")));
        }
    }

    #[test]
    fn a_held_lock_gives_up_after_the_wait() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("x.lock");
        let held = lock(&path, Duration::ZERO).expect("first lock");
        let started = Instant::now();
        let error = lock(&path, Duration::from_millis(50)).expect_err("held");
        assert_eq!(error.kind(), io::ErrorKind::WouldBlock);
        assert!(started.elapsed() >= Duration::from_millis(50));
        drop(held);
        lock(&path, Duration::ZERO).expect("free again");
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(64 << 20), "64 MiB");
        assert_eq!(human_size(1 << 30), "1 GiB");
        assert_eq!(human_size(1536), "1 KiB");
        assert_eq!(human_size(7), "7 B");
    }
}
