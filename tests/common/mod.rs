//! Runs the real binary in a pseudo-terminal and reads its screen through a
//! terminal emulator (vt100), as a user would see it.
#![allow(dead_code)]
#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers: a failure is the test failing"
)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

/// Remembers what the program asked of the terminal beyond drawing.
#[derive(Default)]
pub struct Recorder {
    pub titles: Vec<Vec<u8>>,
    pub clipboard: Vec<Vec<u8>>,
    /// Everything else a hostile text could make the terminal do: icon names,
    /// paste and resize requests, bells, OSCs the emulator does not know
    /// (OSC 8 links among them).
    pub icon_names: Vec<Vec<u8>>,
    pub pastes: usize,
    pub resizes: Vec<(u16, u16)>,
    pub bells: usize,
    pub oscs: Vec<Vec<Vec<u8>>>,
    /// Characters the emulator would not draw: raw C1 controls (and U+FFFD,
    /// which vt100 also uses for bytes that were not UTF-8).
    pub unhandled_chars: Vec<char>,
    /// C0 control bytes the emulator does not know.
    pub unhandled_controls: Vec<u8>,
}

impl vt100::Callbacks for Recorder {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.icon_names.push(name.to_vec());
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8]) {
        self.pastes += 1;
    }
    fn resize(&mut self, _: &mut vt100::Screen, request: (u16, u16)) {
        self.resizes.push(request);
    }
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        self.oscs.push(params.iter().map(|p| p.to_vec()).collect());
    }
    fn unhandled_char(&mut self, _: &mut vt100::Screen, c: char) {
        self.unhandled_chars.push(c);
    }
    fn unhandled_control(&mut self, _: &mut vt100::Screen, b: u8) {
        self.unhandled_controls.push(b);
    }
}

pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn portable_pty::MasterPty + Send>,
    pub parser: Arc<Mutex<vt100::Parser<Recorder>>>,
}

fn nonzero(n: u16) -> std::num::NonZero<u16> {
    std::num::NonZero::new(n.max(1)).expect("at least 1")
}

const TIMEOUT: Duration = Duration::from_secs(20);

pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_margin")
}

/// What `margin ARGS` prints with `home` as its home and its data under
/// `home/data`, exiting 0.
pub fn stdout_of(args: &[&str], home: &std::path::Path) -> String {
    let out = std::process::Command::new(binary())
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .output()
        .expect("run margin");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The JSON `margin ARGS` prints (`--bookmarks`, `--export json`), as
/// [`stdout_of`].
pub fn json_of(args: &[&str], home: &std::path::Path) -> serde_json::Value {
    serde_json::from_str(&stdout_of(args, home)).expect("json")
}

/// `margin --bookmarks [FILE]` with state under `data`: the paragraphs
/// bookmarked (1-based).
pub fn bookmarked(file: Option<&std::path::Path>, data: &std::path::Path) -> Vec<i64> {
    let mut command = std::process::Command::new(binary());
    command.arg("--bookmarks").env("XDG_DATA_HOME", data);
    command.args(file);
    let out = command.output().expect("run margin");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    list.as_array()
        .expect("array")
        .iter()
        .filter_map(|b| b["paragraph"].as_i64())
        .collect()
}

impl Pty {
    /// Runs `margin ARGS` in a `cols`×`rows` terminal with a private data dir.
    pub fn margin(args: &[&str], cols: u16, rows: u16, home: &std::path::Path) -> Pty {
        let mut cmd = CommandBuilder::new(binary());
        cmd.args(args);
        Self::spawn(cmd, cols, rows, home)
    }

    /// [`Pty::margin`] with arguments that need not be UTF-8 (hostile file names).
    pub fn margin_os(
        args: &[&std::ffi::OsStr],
        cols: u16,
        rows: u16,
        home: &std::path::Path,
    ) -> Pty {
        let mut cmd = CommandBuilder::new(binary());
        cmd.args(args);
        Self::spawn(cmd, cols, rows, home)
    }

    /// A shell command line with extra environment variables.
    pub fn shell_with_env(
        script: &str,
        env: &[(&str, &std::ffi::OsStr)],
        cols: u16,
        rows: u16,
        home: &std::path::Path,
    ) -> Pty {
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", script]);
        cmd.env("MARGIN", binary());
        for (key, value) in env {
            cmd.env(key, value);
        }
        Self::spawn(cmd, cols, rows, home)
    }

    /// Runs a shell command line (to check the terminal after margin exits).
    pub fn shell(script: &str, cols: u16, rows: u16, home: &std::path::Path) -> Pty {
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", script]);
        cmd.env("MARGIN", binary());
        Self::spawn(cmd, cols, rows, home)
    }

    fn spawn(mut cmd: CommandBuilder, cols: u16, rows: u16, home: &std::path::Path) -> Pty {
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home);
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env_remove("NO_COLOR");
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open pty");
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            nonzero(rows),
            nonzero(cols),
            0,
            Recorder::default(),
        )));
        let sink = Arc::clone(&parser);
        thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("parser").process(&buffer[..n]);
            }
        });
        Pty {
            child,
            writer,
            master: pair.master,
            parser,
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush");
        // Keys one frame apart, as a person types.
        thread::sleep(Duration::from_millis(60));
    }

    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// Waits until `text` is on screen; returns the screen.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(|screen| screen.contains(text), text)
    }

    pub fn wait_until(&self, ok: impl Fn(&str) -> bool, what: &str) -> String {
        self.wait_within(TIMEOUT, ok, what)
    }

    /// `wait_until` with its own time limit, for work that is slow by nature.
    pub fn wait_within(&self, limit: Duration, ok: impl Fn(&str) -> bool, what: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            if start.elapsed() > limit {
                panic!("timed out waiting for {what:?}; screen:\n{screen}");
            }
            thread::sleep(Duration::from_millis(25));
        }
    }

    pub fn resize(&self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
        self.parser
            .lock()
            .expect("parser")
            .screen_mut()
            .set_size(nonzero(rows), nonzero(cols));
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    /// Waits for the program to end; returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                // Let the reader thread drain the last bytes.
                thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("program did not exit; screen:\n{}", self.screen());
            }
            thread::sleep(Duration::from_millis(25));
        }
    }

    /// The terminal is as a shell left it: main screen, cursor shown, no mouse reporting.
    pub fn assert_restored(&self) {
        let parser = self.parser.lock().expect("parser");
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "cursor still hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse still captured"
        );
    }

    /// The text of screen row `row` from column `from` to `to` (exclusive),
    /// one string per cell: a blank cell is " ", a wide character's
    /// continuation cell "".
    pub fn cells(&self, row: u16, from: u16, to: u16) -> Vec<String> {
        let parser = self.parser.lock().expect("parser");
        let screen = parser.screen();
        (from..to)
            .map(|col| match screen.cell(row, col) {
                Some(c) if c.is_wide_continuation() => String::new(),
                Some(c) if c.has_contents() => c.contents().to_owned(),
                _ => " ".to_owned(),
            })
            .collect()
    }

    /// Fails if the program made the terminal do anything but draw: set a
    /// title or icon name, touch the clipboard, ask for a resize, ring the
    /// bell, send an OSC the emulator does not know (such as a link), or
    /// send a raw C0 or C1 control character.
    pub fn assert_nothing_executed(&self) {
        let parser = self.parser.lock().expect("parser");
        let r = parser.callbacks();
        assert!(r.titles.is_empty(), "title set: {:?}", r.titles);
        assert!(r.icon_names.is_empty(), "icon name set: {:?}", r.icon_names);
        assert!(r.clipboard.is_empty(), "clipboard set: {:?}", r.clipboard);
        assert_eq!(r.pastes, 0, "clipboard read");
        assert!(r.resizes.is_empty(), "resize asked: {:?}", r.resizes);
        assert_eq!(r.bells, 0, "bell rung");
        assert!(r.oscs.is_empty(), "unknown OSC sent: {:?}", r.oscs);
        let raw_c1: Vec<&char> = r
            .unhandled_chars
            .iter()
            .filter(|c| **c != '\u{FFFD}')
            .collect();
        assert!(raw_c1.is_empty(), "raw C1 sent: {raw_c1:?}");
        assert!(
            r.unhandled_controls.is_empty(),
            "raw C0 sent: {:?}",
            r.unhandled_controls
        );
    }

    pub fn titles_and_clipboard(&self) -> (usize, usize) {
        let parser = self.parser.lock().expect("parser");
        let recorder = parser.callbacks();
        (recorder.titles.len(), recorder.clipboard.len())
    }
}

/// Script tail that reports whether the tty is back in cooked mode.
pub const REPORT_TTY: &str = r#"; code=$?; if stty -a | grep -q ' icanon' && stty -a | grep -q ' echo '; then echo "COOKED exit=$code"; else echo "RAW exit=$code"; fi; sleep 1"#;
