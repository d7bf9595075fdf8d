//! Issue 13, end to end: what the user made is never dropped, and nothing
//! at a path margin reads (state, lock, config, rules) can hang it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure is the test failing"
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::Pty;

fn bookmarked(home: &Path) -> Vec<i64> {
    common::bookmarked(None, &home.join("data"))
}

/// Opens and quits the bundled article once, so its state and lock files
/// exist; returns the articles directory.
fn articles_of_a_first_run(home: &Path) -> PathBuf {
    let mut pty = Pty::margin(&[], 120, 30, home);
    pty.wait_for("¶1/10");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    home.join("data/margin/articles")
}

fn file_ending(dir: &Path, ending: &str) -> PathBuf {
    std::fs::read_dir(dir)
        .expect("articles")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with(ending))
        .expect("file")
}

/// Found by a user: a bookmark set while saving failed (the disk was full)
/// was dropped by the next save that worked. Here the fault is the data
/// directory blocked by a file, freed while margin runs.
#[test]
fn a_bookmark_made_while_saving_fails_is_saved_once_it_can_be() {
    let home = tempfile::tempdir().expect("home");
    let data = home.path().join("data");
    std::fs::write(&data, b"").expect("blocker");
    let mut pty = Pty::margin(&[], 120, 30, home.path());
    pty.wait_for("¶1/10");
    pty.send("J");
    pty.wait_for("¶2/10");
    pty.send("m");
    pty.wait_for("1 unsaved");
    std::fs::remove_file(&data).expect("free the directory");
    pty.send("J");
    pty.wait_for("¶3/10");
    pty.send("m");
    pty.wait_for("bookmarked ¶3");
    pty.wait_until(|s| !s.contains("unsaved"), "the unsaved flag gone");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    assert_eq!(bookmarked(home.path()), vec![2, 3]);
}

#[test]
fn quitting_with_unsaved_bookmarks_offers_a_retry_that_saves_them() {
    let home = tempfile::tempdir().expect("home");
    let data = home.path().join("data");
    std::fs::write(&data, b"").expect("blocker");
    let mut pty = Pty::margin(&[], 120, 30, home.path());
    pty.wait_for("¶1/10");
    pty.send("m");
    pty.wait_for("1 unsaved");
    pty.send("q");
    pty.wait_for("Esc keep reading │ 1 change");
    pty.send("\x1b");
    pty.wait_until(|s| !s.contains("quit anyway"), "back to reading");
    pty.send("q");
    pty.wait_for("r retry");
    std::fs::remove_file(&data).expect("free the directory");
    pty.send("r");
    assert_eq!(pty.wait_exit(), 0);
    assert_eq!(bookmarked(home.path()), vec![1]);
}

/// Found by a user: another process holding the article's lock left a blank
/// screen, and `q`, Ctrl-C and SIGTERM did nothing until it let go.
#[test]
fn a_lock_held_by_another_process_does_not_stop_the_reader() {
    let home = tempfile::tempdir().expect("home");
    let articles = articles_of_a_first_run(home.path());
    let lock = std::fs::File::open(file_ending(&articles, ".lock")).expect("lock file");
    lock.lock().expect("hold the lock");
    let mut pty = Pty::margin(&[], 120, 30, home.path());
    pty.wait_for("¶1/10");
    pty.send("m");
    pty.wait_for("1 unsaved");
    pty.send("q");
    pty.wait_for("r retry");
    drop(lock);
    pty.send("r");
    assert_eq!(pty.wait_exit(), 0);
    assert_eq!(bookmarked(home.path()), vec![1]);
}

/// Found by a user: a FIFO as the state file (or its lock) hung margin for
/// ever, through SIGTERM.
#[cfg(unix)]
#[test]
fn a_fifo_as_state_file_or_lock_never_hangs_the_reader() {
    for fifo_is in [".json", ".lock"] {
        let home = tempfile::tempdir().expect("home");
        let articles = articles_of_a_first_run(home.path());
        let path = file_ending(&articles, fifo_is);
        std::fs::remove_file(&path).expect("remove");
        make_fifo(&path);
        let mut pty = Pty::margin(&[], 120, 30, home.path());
        // The reason names the file and is cut by the status bar's width.
        pty.wait_for("bookmarks cannot be");
        pty.send("J");
        pty.wait_for("¶2/10");
        pty.send("q");
        assert_eq!(pty.wait_exit(), 0, "{fifo_is}");
        pty.assert_restored();
    }
}

#[cfg(unix)]
fn make_fifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

/// Found by a user: `--config /dev/zero`, `--rules /dev/zero` and a config
/// that is a FIFO grew memory to gigabytes or hung. Each is refused at once
/// with one line and exit code 1.
#[cfg(unix)]
#[test]
fn config_and_rules_that_are_not_regular_files_are_refused_at_once() {
    let home = tempfile::tempdir().expect("home");
    let fifo = home.path().join("config.fifo");
    make_fifo(&fifo);
    let fifo = fifo.to_string_lossy().into_owned();
    for args in [
        ["--config", "/dev/zero"],
        ["--rules", "/dev/zero"],
        ["--config", fifo.as_str()],
        ["--rules", fifo.as_str()],
    ] {
        let started = Instant::now();
        let mut child = Command::new(common::binary())
            .args(args)
            .arg("--print")
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run margin");
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if started.elapsed() > Duration::from_secs(20) {
                let _ = child.kill();
                panic!("{args:?} hung");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let out = child.wait_with_output().expect("output");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(status.code(), Some(1), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains("not a regular file"), "{args:?}: {stderr}");
    }
}

/// The pid of the margin started by the shell `shell` runs.
#[cfg(target_os = "linux")]
fn margin_under(shell: u32) -> u32 {
    let binary = std::fs::canonicalize(common::binary()).expect("binary");
    let started = Instant::now();
    loop {
        for entry in std::fs::read_dir("/proc").expect("proc").flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let exe = std::fs::read_link(entry.path().join("exe")).ok();
            let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
            // The parent is the fourth field, after "pid (name) state".
            let parent = stat
                .rsplit(") ")
                .next()
                .and_then(|rest| rest.split(' ').nth(1))
                .and_then(|p| p.parse::<u32>().ok());
            if exe.as_deref() == Some(binary.as_path()) && parent == Some(shell) {
                return pid;
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "margin not found"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A size from `/proc/PID/status` (`VmRSS`, `VmHWM`), in MiB.
#[cfg(target_os = "linux")]
fn status_mib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches(" kB").parse::<u64>().ok())
        .expect(field)
        >> 10
}

/// Found by a user: `(cat article; sleep 20) | margin -` drew nothing and
/// ignored `q` until the pipe closed. Standard input is a FIFO here that the
/// test keeps open: the whole article shows, and `q` quits, while it is.
#[cfg(unix)]
#[test]
fn a_pipe_left_open_shows_its_text_and_quits_on_q() {
    use std::io::Write;
    let home = tempfile::tempdir().expect("home");
    let fifo = home.path().join("input");
    make_fifo(&fifo);
    let script = format!("exec \"$MARGIN\" - < '{}'", fifo.display());
    let mut pty = Pty::shell(&script, 120, 40, home.path());
    let mut writer = std::fs::OpenOptions::new()
        .write(true)
        .open(&fifo)
        .expect("writer");
    writer
        .write_all(include_bytes!("../assets/article.txt"))
        .expect("write");
    writer.flush().expect("flush");
    pty.wait_for("This time, Alipay lost in");
    pty.wait_for("/10 │");
    pty.send("G");
    pty.wait_for("¶");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
    drop(writer);
}

/// Found by a user: `yes endless | margin -` never drew, ignored `q` and
/// grew to 3.8 GB in 10 s. It draws at once and reads a bounded stretch
/// ahead of the reader; following the end (`G`) reads on, a key stops it.
#[cfg(target_os = "linux")]
#[test]
fn an_endless_pipe_draws_at_once_and_stays_bounded() {
    let home = tempfile::tempdir().expect("home");
    let mut pty = Pty::shell("yes endless | \"$MARGIN\" -", 120, 30, home.path());
    pty.wait_for("endless endless");
    // The read-ahead mark: 64 MiB, where the reading stops (a debug build
    // on a busy machine reads a pipe at a few MB/s: a longer wait).
    let at_the_mark = |s: &str| s.contains("loading 64 MB") || s.contains("loading 65 MB");
    pty.wait_within(Duration::from_secs(180), at_the_mark, "the read-ahead mark");
    let margin = margin_under(pty.pid());
    let rss = status_mib(margin, "VmRSS");
    assert!(rss < 400, "{rss} MiB resident");
    pty.send("G");
    pty.wait_for("at the end of what is loaded");
    pty.wait_within(
        Duration::from_secs(180),
        |s| !at_the_mark(s),
        "reading past the mark",
    );
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

/// Found by a user: after a resize storm that ends at the size margin last
/// drew at, the frame stayed stale (the status bar missing) until another
/// resize: the terminal had lost the screen, and the diff drew nothing.
#[test]
fn a_resize_storm_back_to_the_same_size_ends_on_a_whole_frame() {
    let home = tempfile::tempdir().expect("home");
    // One long CJK line: each resize takes long enough to wrap that the
    // storm's events arrive together.
    let path = home.path().join("cjk.txt");
    std::fs::write(&path, "这是一个很长的中文句子没有换行符".repeat(40_000)).expect("write");
    let path = path.to_string_lossy().into_owned();
    let mut pty = Pty::margin(&[&path], 120, 40, home.path());
    pty.wait_for("cjk.txt │ ¶1/1 ");
    for _ in 0..25 {
        pty.resize(1, 1);
        pty.resize(300, 100);
    }
    pty.resize(120, 40);
    pty.wait_for("cjk.txt │ ¶1/1 ");
    pty.wait_for("这是一个很长的中文句子");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

/// `--print -` of an endless pipe prints as it reads and keeps memory
/// bounded; before, it read to the end first (never, here) and grew.
#[cfg(target_os = "linux")]
#[test]
fn print_of_an_endless_pipe_streams_in_bounded_memory() {
    use std::io::{Read, Write};
    use std::process::Stdio;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};
    let mut child = Command::new(common::binary())
        .args(["--print", "-", "--width", "80"])
        .env("HOME", tempfile::tempdir().expect("home").path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run margin");
    let mut input = child.stdin.take().expect("stdin");
    std::thread::spawn(move || {
        let line = "endless line of text\n".repeat(1000);
        while input.write_all(line.as_bytes()).is_ok() {}
    });
    let printed = Arc::new(AtomicU64::new(0));
    let mut output = child.stdout.take().expect("stdout");
    let counter = Arc::clone(&printed);
    std::thread::spawn(move || {
        let mut buffer = vec![0; 1 << 16];
        while let Ok(n @ 1..) = output.read(&mut buffer) {
            counter.fetch_add(n as u64, Ordering::Relaxed);
        }
    });
    let started = Instant::now();
    let peak = || status_mib(child.id(), "VmHWM");
    // Twice what margin holds whole before printing in pieces (8 MiB).
    while printed.load(Ordering::Relaxed) < 16 << 20 {
        let peak = peak();
        assert!(peak < 400, "{peak} MiB resident and growing");
        assert!(
            // A debug build on a busy machine is slow; a hang is not.
            started.elapsed() < Duration::from_secs(180),
            "printed only {} bytes",
            printed.load(Ordering::Relaxed)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let peak = peak();
    child.kill().expect("kill");
    child.wait().expect("reaped");
    assert!(peak < 400, "{peak} MiB at the peak");
}
