//! Hostile text, end to end: every file of the hostile corpus opened by the
//! real binary in a pseudo-terminal. For each, the screen shows the text
//! safely (escapes visible, nothing executed), no cell of the pane spills
//! into the panel, a bookmark can be set, `q` quits with 0 and the terminal
//! is restored; then the outputs that need no terminal (`--bookmarks`,
//! `--export md|json`, `--annotations`, `--print`) carry no raw control
//! character.
//!
//! Small files live in `tests/fixtures/hostile/`; large ones and hostile
//! file names are generated into a temporary directory.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure is the test failing"
)]

mod checks;
mod common;

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::Pty;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

const COLS: u16 = 120;
const ROWS: u16 = 30;
/// At 120 columns the pane takes 80 columns: text up to column 78, column 79
/// a blank margin, column 80 the panel's `│` border.
const MARGIN_COL: u16 = 79;
const BORDER_COL: u16 = 80;

/// The outputs that need no terminal, each run for every hostile file.
const OUTPUTS: &[&[&str]] = &[
    &["--bookmarks"],
    &["--export", "md"],
    &["--export", "json"],
    &["--annotations"],
    &["--print"],
    &["--print", "--width", "40"],
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name)
}

/// What one hostile file must look like on screen.
struct Case<'a> {
    path: PathBuf,
    /// Keys to press once the first frame is up (e.g. `G` to reach the end).
    keys: &'a str,
    /// Text to wait for in the pane.
    wait: &'a str,
    /// More text that must be in the pane (joined rows, columns 0..79).
    pane: &'a [&'a str],
    /// Text that must be in the status bar.
    status: &'a [&'a str],
}

impl Case<'_> {
    fn new(path: PathBuf, wait: &str) -> Case<'_> {
        Case {
            path,
            keys: "",
            wait,
            pane: &[],
            status: &[],
        }
    }
}

/// Opens the case in a pty, checks the screen, bookmarks, quits; then checks
/// the no-terminal outputs. Returns the home used (state lives there).
fn run_case(case: &Case) -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("home");
    let mut pty = Pty::margin_os(&[case.path.as_os_str()], COLS, ROWS, home.path());
    pty.wait_for("│ ¶");
    if !case.keys.is_empty() {
        pty.send(case.keys);
    }
    // vt100 draws no U+FFFD: it is its own mark for bytes that were not UTF-8.
    let status: Vec<String> = case
        .status
        .iter()
        .map(|t| t.replace('\u{FFFD}', ""))
        .collect();
    // Waits for the whole frame: the emulator may have read only part of it.
    pty.wait_until(
        |_| {
            let pane = pane_text(&pty);
            let bar = status_text(&pty);
            pane.contains(case.wait)
                && case.pane.iter().all(|t| pane.contains(t))
                && status.iter().all(|t| bar.contains(t))
        },
        &format!("{:?} in the pane, {status:?} in the status bar", case.pane),
    );
    assert_no_spill(&pty);
    pty.assert_nothing_executed();

    pty.send("m");
    // The gutter marks the bookmark when the paragraph starts on screen; the
    // status bar says so when it has room.
    pty.wait_until(
        |_| pane_text(&pty).contains('●') || status_text(&pty).contains("bookmarked ¶"),
        "bookmark mark",
    );
    assert_no_spill(&pty);
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0, "{}", pty.screen());
    pty.assert_restored();
    pty.assert_nothing_executed();

    let outputs = outputs_are_clean(&case.path, home.path());
    let bookmarks: serde_json::Value =
        serde_json::from_str(&outputs[0]).expect("--bookmarks prints JSON");
    assert_eq!(
        bookmarks.as_array().map(Vec::len),
        Some(1),
        "the bookmark was saved: {bookmarks}"
    );
    home
}

/// The pane as the user sees it: columns 0..79 of every row but the status bar.
fn pane_text(pty: &Pty) -> String {
    (0..ROWS - 1)
        .map(|row| pty.cells(row, 0, MARGIN_COL).concat())
        .collect::<Vec<_>>()
        .join("\n")
}

fn status_text(pty: &Pty) -> String {
    pty.cells(ROWS - 1, 0, COLS).concat()
}

/// Every row of the body keeps a blank margin column and the panel's border;
/// no cell anywhere holds a control or bidi control character.
fn assert_no_spill(pty: &Pty) {
    let screen = pty.screen();
    for row in 0..ROWS - 1 {
        let edge = pty.cells(row, MARGIN_COL, BORDER_COL + 1);
        assert!(
            edge[0].trim().is_empty(),
            "row {row}: text in the margin column ({:?}):\n{screen}",
            edge[0]
        );
        assert_eq!(
            edge[1], "│",
            "row {row}: panel border overwritten:\n{screen}"
        );
    }
    for row in 0..ROWS {
        for cell in pty.cells(row, 0, COLS) {
            assert!(
                !cell
                    .chars()
                    .any(|c| c.is_control() || checks::is_forbidden(c)),
                "row {row}: cell {cell:?}"
            );
        }
    }
}

/// Fails on a raw control character (C0 but `\n` and `\t`, DEL, C1, which
/// includes ESC) or a bidi control in `text`.
fn assert_clean(text: &str, what: &str) {
    if let Some((i, c)) = text
        .char_indices()
        .find(|&(_, c)| c != '\t' && checks::is_forbidden(c))
    {
        panic!("{what}: raw U+{:04X} at byte {i}", c as u32);
    }
}

/// Every string inside a JSON value is clean once decoded, too.
fn assert_json_strings_clean(value: &serde_json::Value, what: &str) {
    match value {
        serde_json::Value::String(s) => assert_clean(s, what),
        serde_json::Value::Array(items) => {
            for item in items {
                assert_json_strings_clean(item, what);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                assert_clean(key, what);
                assert_json_strings_clean(item, what);
            }
        }
        _ => {}
    }
}

fn margin_output(args: &[&OsStr], home: &Path) -> std::process::Output {
    Command::new(common::binary())
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .output()
        .expect("run margin")
}

/// Runs every no-terminal output on `path`; each exits 0 and is clean.
/// Returns the outputs in the order of [`OUTPUTS`].
fn outputs_are_clean(path: &Path, home: &Path) -> Vec<String> {
    // All at once: on a 10 MB file each takes seconds in a debug build.
    let runs: Vec<std::process::Output> = std::thread::scope(|scope| {
        let handles: Vec<_> = OUTPUTS
            .iter()
            .map(|flags| {
                scope.spawn(move || {
                    let mut args: Vec<&OsStr> = flags.iter().map(OsStr::new).collect();
                    args.push(path.as_os_str());
                    margin_output(&args, home)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("output thread"))
            .collect()
    });
    OUTPUTS
        .iter()
        .zip(runs)
        .map(|(flags, out)| {
            let what = format!("{flags:?} {}", path.display());
            assert_eq!(
                out.status.code(),
                Some(0),
                "{what}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let stdout = String::from_utf8(out.stdout).expect("output is UTF-8");
            assert_clean(&stdout, &what);
            assert_clean(&String::from_utf8_lossy(&out.stderr), &what);
            if flags.contains(&"--width") {
                for line in stdout.lines() {
                    // Fits whether a terminal draws clusters or characters.
                    let chars: usize = line.chars().map(|c| c.width().unwrap_or(0)).sum();
                    assert!(
                        line.width() <= 40 && chars <= 40,
                        "{what}: wider than 40: {line:?}"
                    );
                }
            }
            if ["json", "--bookmarks", "--annotations"]
                .iter()
                .any(|f| flags.contains(f))
            {
                let value: serde_json::Value = serde_json::from_str(&stdout).expect("json");
                assert_json_strings_clean(&value, &what);
            }
            stdout
        })
        .collect()
}

// --- 1, 2: escape sequences and 8-bit C1 -----------------------------------

#[test]
fn escape_sequences_in_the_body_are_shown_not_executed() {
    let case = Case {
        pane: &[
            "^[]0;pwned-title^G",
            "^[]2;pwned-st^[\\",
            "^[]8;;https://evil.example/^[\\click me^[]8;;^[\\",
            "^[]52;c;cHduZWQ=^[\\",
            "^[[2J^[[H home ^[[10;40H moved ^[[31mred^[[0m ^[[?1049l altscreen",
            "^[[6n report.",
            "^[Pq#0;2;0;0;0#1!6~^[\\",
            "Bell ^G backspace a^Hb del ^? form ^L vtab ^K shift-out ^N.",
        ],
        ..Case::new(fixture("escapes.txt"), "END escapes.")
    };
    run_case(&case);
}

#[test]
fn eight_bit_c1_controls_are_shown_not_executed() {
    let case = Case {
        pane: &[
            "CSI M-^[2J clear, OSC M-^]0;pwned-c1M-^\\ title, DCS M-^PqM-^\\, NEL M-^E",
            "next, SS3 M-^OA.",
        ],
        ..Case::new(fixture("c1.txt"), "END c1.")
    };
    run_case(&case);
}

/// A file whose name is made of escape sequences (OSC 0/52, CSI, DCS, 8-bit
/// CSI, a bidi override) and one whose name is not even UTF-8.
#[test]
fn escape_sequences_in_the_file_name_are_shown_not_executed() {
    let dir = tempfile::tempdir().expect("dir");
    let names: [(OsString, &str); 2] = [
        (
            OsString::from(
                "\u{1b}]0;pwned-name\u{7}\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}[2J\u{1b}Pq\u{1b}\\\u{9b}31m\u{202e}eman.txt",
            ),
            "^[]0;pwned-name^G^[]52;c;cHduZWQ=^G^[[2J^[Pq^[\\M-^[31m<U+202E>eman.txt",
        ),
        (
            OsString::from_vec(b"bad-\xff\x9b2J-name.txt".to_vec()),
            "bad-\u{FFFD}\u{FFFD}2J-name.txt",
        ),
    ];
    for (name, shown) in names {
        let path = dir.path().join(&name);
        std::fs::write(&path, "Named badly\n\nThe body is harmless.\n\nEND name.\n")
            .expect("write");
        let case = Case {
            status: &[shown],
            ..Case::new(path.clone(), "END name.")
        };
        let home = run_case(&case);
        let md = margin_output(
            &[OsStr::new("--export"), OsStr::new("md"), path.as_os_str()],
            home.path(),
        );
        assert!(
            String::from_utf8_lossy(&md.stdout).contains(shown),
            "the note names the file safely"
        );
        // A missing file with such a name: one clean line on stderr.
        let missing = dir
            .path()
            .join(OsStr::from_bytes(&[name.as_bytes(), b".missing"].concat()));
        let out = margin_output(&[missing.as_os_str()], home.path());
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8(out.stderr).expect("utf-8");
        assert_clean(stderr.trim_end_matches('\n'), "error message");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(shown), "{stderr}");
    }
}

// --- 3: bidi overrides, zero-width characters --------------------------------

#[test]
fn bidi_overrides_are_neutralised() {
    let case = Case {
        pane: &[
            "access = \"user<U+202E> <U+2066>// admin only<U+2069> <U+2066>\"",
            "LRE <U+202A>",
            "RLE <U+202B> PDF <U+202C> LRO <U+202D> RLO <U+202E> LRI <U+2066> RLI",
            "<U+2067> FSI <U+2068> PDI <U+2069> ALM <U+061C> LRM <U+200E> RLM <U+200F>",
            "MVS <U+180E> all.",
            "Reversed: <U+202E>evil.exe<U+202C>.txt",
        ],
        ..Case::new(fixture("bidi.txt"), "END bidi.")
    };
    run_case(&case);
}

#[test]
fn zero_width_characters_take_no_cell_and_shift_nothing() {
    let case = Case {
        // U+200B, a BOM in the middle of the text and U+2060 are shown
        // (issue 13); the joiners stay in the cell of the character before
        // them (emoji and some scripts need them).
        pane: &[
            "zero<U+200B>width space, joiner\u{200d}here, no<U+FEFF>break, word<U+2060>joiner,",
            "non\u{200c}joiner.",
        ],
        // The run of shown U+200B pushes the end past the first screen.
        ..Case::new(fixture("zero_width.txt"), "w<U+200B>w<U+200B>w")
    };
    run_case(&case);
}

// --- 4, 5: tabs, lone CR -----------------------------------------------------

#[test]
fn tabs_expand_to_spaces() {
    let case = Case {
        pane: &[
            "a       b       c",
            "- x     y       z",
            "- 1234567       8",
            "many tabs in a row then text",
        ],
        ..Case::new(fixture("tabs.txt"), "END tabs.")
    };
    run_case(&case);
}

#[test]
fn lone_carriage_returns_end_lines_and_overwrite_nothing() {
    let case = Case {
        pane: &[
            "Total: 100 dollars Total: 999 forged",
            "Mixed line ends here.",
        ],
        ..Case::new(fixture("lone_cr.txt"), "END lone-cr.")
    };
    run_case(&case);
}

// --- 6: NUL bytes, binary files ----------------------------------------------

#[test]
fn binary_file_is_refused_with_one_line_and_exit_1() {
    let path = fixture("nul_binary.bin");
    let expected = format!(
        "margin: cannot show '{}': binary file (NUL byte at offset 7); margin reads text",
        path.display()
    );
    // In a terminal: one line, the full screen never entered.
    let home = tempfile::tempdir().expect("home");
    let mut pty = Pty::margin_os(&[path.as_os_str()], COLS, ROWS, home.path());
    assert_eq!(pty.wait_exit(), 1);
    let screen = pty.screen();
    let lines: Vec<&str> = screen.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines, vec![expected.as_str()], "{screen}");
    pty.assert_restored();
    pty.assert_nothing_executed();
    // Without one, and for every output: the same line on stderr, nothing on stdout.
    let mut runs: Vec<Vec<&OsStr>> = vec![vec![]];
    runs.extend(OUTPUTS.iter().map(|f| f.iter().map(OsStr::new).collect()));
    for mut args in runs {
        args.push(path.as_os_str());
        let out = margin_output(&args, home.path());
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("{expected}\n")
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn nul_late_in_a_text_file_is_shown_as_caret_at() {
    let case = Case {
        keys: "G",
        pane: &["NUL here:^@ after it."],
        ..Case::new(fixture("nul_late.txt"), "END nul-late.")
    };
    run_case(&case);
}

// --- 7, 8: invalid UTF-8, BOMs -----------------------------------------------

#[test]
fn invalid_utf8_is_replaced_and_counted_in_the_status_bar() {
    let case = Case {
        // vt100 draws no U+FFFD (it is its own mark for bytes that were not
        // UTF-8); the status bar counts them.
        pane: &[
            "Bad bytes:",
            "truncated",
            "overlong",
            "raw-csi",
            "2J",
            "end.",
        ],
        status: &["8 invalid UTF-8 byte(s) replaced with �"],
        ..Case::new(fixture("invalid_utf8.txt"), "END invalid-utf8.")
    };
    run_case(&case);
}

#[test]
fn utf8_bom_is_stripped() {
    let case = Case {
        // A space, not a stray glyph, between the gutter and the title.
        pane: &[" Hostile: UTF-8 BOM", "Café after a BOM."],
        ..Case::new(fixture("bom_utf8.txt"), "END bom-utf8.")
    };
    let home = run_case(&case);
    let md = margin_output(
        &[
            OsStr::new("--export"),
            OsStr::new("md"),
            fixture("bom_utf8.txt").as_os_str(),
        ],
        home.path(),
    );
    assert!(
        String::from_utf8_lossy(&md.stdout).starts_with("# Hostile: UTF-8 BOM\n"),
        "title without the BOM"
    );
}

#[test]
fn utf16_le_and_be_with_bom_are_decoded() {
    for name in ["utf16le.txt", "utf16be.txt"] {
        let case = Case {
            pane: &[
                " Hostile: UTF-16",
                "Grüße, 日本語, and an escape ^[]0;pwned-utf16^G inside.",
            ],
            ..Case::new(fixture(name), "END utf16.")
        };
        run_case(&case);
    }
}

// --- 9, 10: a 10 MB line, more than 65 535 lines -------------------------------

/// A 10 MB file with no newline at all.
fn huge_line(dir: &Path) -> PathBuf {
    let path = dir.join("huge-line.txt");
    let mut text = String::with_capacity(10 << 20);
    text.push_str("START huge-line ");
    while text.len() < 10 << 20 {
        text.push_str("lorem ipsum dolor sit amet \u{1b}[2J ");
    }
    text.push_str("END huge-line.");
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn ten_megabyte_file_without_newline_opens_and_reaches_its_end() {
    let dir = tempfile::tempdir().expect("dir");
    let path = huge_line(dir.path());
    let home = tempfile::tempdir().expect("home");
    let mut pty = Pty::margin_os(&[path.as_os_str()], COLS, ROWS, home.path());
    pty.wait_until(
        |_| {
            pane_text(&pty).contains("START huge-line lorem ipsum")
                && pane_text(&pty).contains("^[[2J")
                && status_text(&pty).contains("¶1/1 ")
        },
        "the start and one paragraph",
    );
    assert_no_spill(&pty);
    pty.send("G");
    pty.wait_until(|_| pane_text(&pty).contains("END huge-line."), "end");
    assert_no_spill(&pty);
    pty.send("m");
    pty.wait_for("bookmarked ¶1");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
    pty.assert_nothing_executed();
    outputs_are_clean(&path, home.path());
}

/// 70 000 short lines: list items (hard line breaks) in one paragraph, so
/// the paragraph wraps to more than 65 535 rows.
#[test]
fn seventy_thousand_lines_scroll_to_the_last() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("lines.txt");
    let text: String = (1..=70_000)
        .map(|i| format!("- line {i:05} of 70000\n"))
        .collect();
    std::fs::write(&path, text).expect("write");
    let case = Case {
        keys: "G",
        pane: &["- line 69999 of 70000"],
        ..Case::new(path, "- line 70000 of 70000")
    };
    run_case(&case);
}

/// 70 000 one-line paragraphs: the gutter widens, `:70000` reaches the last.
#[test]
fn seventy_thousand_paragraphs_go_to_the_last() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("paragraphs.txt");
    let text: String = (1..=70_000)
        .map(|i| format!("Paragraph number {i}.\n\n"))
        .collect();
    std::fs::write(&path, text).expect("write");
    let home = tempfile::tempdir().expect("home");
    let mut pty = Pty::margin_os(&[path.as_os_str()], COLS, ROWS, home.path());
    pty.wait_for("¶1/70000");
    pty.send(":70000\r");
    // The last screenful: the top paragraph is a dozen before the last.
    pty.wait_until(
        |_| {
            pane_text(&pty)
                .lines()
                .any(|l| l.starts_with("70000 ") && l.contains(" Paragraph number 70000."))
        },
        "the last paragraph",
    );
    assert!(
        status_text(&pty).contains("/70000 │ 100%"),
        "{}",
        pty.screen()
    );
    assert_no_spill(&pty);
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
    outputs_are_clean(&path, home.path());
}

// --- 11: emoji, ZWJ sequences, CJK ----------------------------------------------

#[test]
fn emoji_and_zwj_sequences_stay_in_the_pane() {
    let case = Case {
        // Sequences terminals disagree on are drawn a character at a time
        // (joiners dropped), so every terminal fills the cells ratatui counts.
        pane: &[
            "Family 👩👩👧👦 flags 🇫🇷🇯🇵 skin 👍🏽 keycap 1 heart ❤ text",
            "cook 🧑🏿🍳.",
        ],
        ..Case::new(fixture("emoji.txt"), "END emoji.")
    };
    run_case(&case);
}

#[test]
fn cjk_text_wraps_inside_the_pane() {
    let case = Case {
        pane: &[
            "支付宝这次输在了社交上。",
            "日本語の文章",
            "한국어 문장도",
            "ＦＵＬＬＷＩＤＴＨ",
        ],
        ..Case::new(fixture("cjk.txt"), "ｆｏｒｍｓ")
    };
    run_case(&case);
}

// --- resize storm on a hostile file ----------------------------------------------

#[test]
fn resize_storm_on_hostile_text_keeps_the_layout() {
    let home = tempfile::tempdir().expect("home");
    // Wide characters at widths down to one column. (Not the emoji file:
    // vt100 itself panics on a zero-width joiner drawn right after a resize.)
    let path = fixture("cjk.txt");
    let mut pty = Pty::margin_os(&[path.as_os_str()], COLS, ROWS, home.path());
    pty.wait_for("支付宝");
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for i in 0..60u16 {
        sizes.push((1 + (i * 37) % 220, 1 + (i * 13) % 70));
        if i % 10 == 0 {
            sizes.push((1, 1));
        }
    }
    for (cols, rows) in sizes {
        pty.resize(cols, rows);
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    pty.resize(COLS, ROWS);
    pty.send("J");
    pty.send("k");
    pty.wait_until(|_| pane_text(&pty).contains("支付宝"), "redrawn");
    // The emulator keeps no cells from the storm once margin redraws in full.
    pty.wait_until(
        |_| (0..ROWS - 1).all(|row| pty.cells(row, BORDER_COL, BORDER_COL + 1)[0] == "│"),
        "border intact",
    );
    assert_no_spill(&pty);
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
    pty.assert_nothing_executed();
}
