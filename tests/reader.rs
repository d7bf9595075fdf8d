//! End to end: the real binary in a pseudo-terminal, driven by keys.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure is the test failing"
)]

mod common;

use common::{Pty, REPORT_TTY};

const TITLE: &str = "This time, Alipay lost in";

#[test]
fn opens_bundled_article_navigates_and_quits_cleanly() {
    let home = tempfile::tempdir().expect("home");
    let mut pty = Pty::margin(&[], 120, 20, home.path());
    pty.wait_for(TITLE);
    // A frame may reach the emulator in pieces: wait for its last row too.
    let screen = pty.wait_for("¶1/10");
    assert!(screen.contains("Roles"), "panel beside the pane:\n{screen}");
    assert!(screen.contains("platform role — Alipay"), "{screen}");

    // Paragraph down, then to the end and back to the top.
    pty.send("J");
    pty.wait_for("¶2/10");
    pty.send("G");
    let end = pty.wait_for("100%");
    assert!(end.contains("Alibaba continues to pass its own"));
    pty.send("g");
    pty.wait_for(TITLE);

    // ':' 5 Enter goes to paragraph 5.
    pty.send(":5\r");
    let screen = pty.wait_for("¶5/10");
    assert!(
        screen
            .lines()
            .next()
            .is_some_and(|l| l.contains(" 5P  Ali the choice")),
        "{screen}"
    );

    // Focus the panel, pick the last entry, jump there.
    pty.send("g\t");
    pty.wait_for("Enter: go");
    pty.send("G\r");
    pty.wait_for("¶2 March 9, 2017 (2017-03-09)");

    // Help lists every key, Esc closes it.
    pty.send("?");
    pty.wait_for("down a line");
    pty.send("jjjjjjjjjjjjjjjjjjjjjjjjjjjjjj");
    pty.wait_for("go to paragraph number");
    pty.send("\x1b");
    pty.wait_until(|s| !s.contains("go to paragraph number"), "help closed");

    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

#[test]
fn quit_leaves_the_terminal_cooked() {
    let home = tempfile::tempdir().expect("home");
    let script = format!("\"$MARGIN\" {REPORT_TTY}");
    let mut pty = Pty::shell(&script, 100, 30, home.path());
    pty.wait_for(TITLE);
    pty.send("q");
    pty.wait_for("exit=0");
    assert!(pty.screen().contains("COOKED exit=0"), "{}", pty.screen());
    pty.wait_exit();
    pty.assert_restored();
}

#[test]
fn ctrl_c_quits() {
    let home = tempfile::tempdir().expect("home");
    let mut pty = Pty::margin(&[], 100, 30, home.path());
    pty.wait_for(TITLE);
    pty.send("\x03");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

#[test]
fn resize_storm_down_to_one_cell_and_back() {
    let home = tempfile::tempdir().expect("home");
    let mut pty = Pty::margin(&[], 120, 40, home.path());
    pty.wait_for(TITLE);
    for (cols, rows) in [
        (20, 5),
        (1, 1),
        (3, 2),
        (79, 24),
        (80, 24),
        (1, 1),
        (200, 60),
        (120, 40),
    ] {
        pty.resize(cols, rows);
        std::thread::sleep(std::time::Duration::from_millis(80));
    }
    pty.wait_for(TITLE);
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn reads_standard_input_and_keys_from_the_terminal() {
    let home = tempfile::tempdir().expect("home");
    let script =
        format!("printf 'Piped title\\n\\nA piped paragraph.\\n' | \"$MARGIN\" - {REPORT_TTY}");
    let mut pty = Pty::shell(&script, 100, 30, home.path());
    pty.wait_for("A piped paragraph.");
    pty.wait_for("standard input");
    pty.send("q");
    pty.wait_for("COOKED exit=0");
    pty.wait_exit();
}

#[test]
fn bad_input_is_one_line_and_exit_1() {
    let dir = tempfile::tempdir().expect("dir");
    let binary = dir.path().join("bin");
    std::fs::write(&binary, b"\x7fELF\x02\x01\x01\0\0\0\0\0").expect("write");
    let cases = [
        (
            "missing.txt".to_owned(),
            "margin: cannot open 'missing.txt': no such file\n".to_owned(),
        ),
        (
            dir.path().display().to_string(),
            format!(
                "margin: cannot read '{}': it is a directory\n",
                dir.path().display()
            ),
        ),
        (
            binary.display().to_string(),
            format!(
                "margin: cannot show '{}': binary file (NUL byte at offset 7); margin reads text\n",
                binary.display()
            ),
        ),
    ];
    for (arg, message) in cases {
        let out = std::process::Command::new(common::binary())
            .arg(&arg)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "{arg}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), message);
        assert!(out.stdout.is_empty(), "terminal untouched for {arg}");
    }
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for signal in ["TERM", "HUP"] {
        let home = tempfile::tempdir().expect("home");
        let script = format!("\"$MARGIN\" & echo $! > \"$HOME/pid\"; wait $! {REPORT_TTY}");
        let mut pty = Pty::shell(&script, 100, 30, home.path());
        // Signalled once it is reading, not after a guessed delay.
        pty.wait_for("¶1/10");
        let pid = std::fs::read_to_string(home.path().join("pid")).expect("pid");
        let killed = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pid.trim())
            .status()
            .expect("kill");
        assert!(killed.success());
        let screen = pty.wait_for("exit=");
        assert!(screen.contains("COOKED"), "{signal}: {screen}");
        pty.wait_exit();
        pty.assert_restored();
    }
}

#[test]
fn escape_sequences_in_the_text_change_neither_title_nor_clipboard() {
    let home = tempfile::tempdir().expect("home");
    let path = home.path().join("evil.txt");
    std::fs::write(
        &path,
        "Evil\n\nTitle \x1b]0;pwned\x07 clip \x1b]52;c;cHduZWQ=\x07 link \x1b]8;;http://x\x1b\\y\x1b]8;;\x1b\\ clear \x1b[2J csi \u{9b}2J dcs \x1bPq#0\x1b\\ end.\n",
    )
    .expect("write");
    let mut pty = Pty::margin(&[path.to_str().expect("utf-8 path")], 120, 30, home.path());
    let screen = pty.wait_for("end.");
    assert!(screen.contains("^[]0;pwned^G"), "{screen}");
    assert!(screen.contains("M-^[2J"), "{screen}");
    assert_eq!(pty.titles_and_clipboard(), (0, 0));
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn search_highlights_as_you_type_and_n_steps() {
    let home = tempfile::tempdir().expect("home");
    let mut pty = Pty::margin(&[], 120, 20, home.path());
    pty.wait_for(TITLE);
    pty.send("/wangwang");
    pty.wait_for("/wangwang▏ 3 match(es)");
    pty.send("\r");
    let screen = pty.wait_for("match 1/3");
    assert!(screen.contains("Ali Wangwang expects"), "{screen}");
    // Every "Wangwang" on screen is drawn with the search style: a background.
    {
        let parser = pty.parser.lock().expect("parser");
        let screen = parser.screen();
        let mut highlighted = 0;
        for row in 0..19 {
            let cells: Vec<String> = (0..80)
                .map(|c| {
                    screen
                        .cell(row, c)
                        .map(|cell| cell.contents().to_owned())
                        .unwrap_or_default()
                })
                .collect();
            let word: Vec<String> = "Wangwang".chars().map(String::from).collect();
            if let Some(col) = cells.windows(word.len()).position(|w| w == word.as_slice()) {
                let cell = screen.cell(row, col as u16).expect("cell");
                assert_ne!(
                    cell.bgcolor(),
                    vt100::Color::Default,
                    "row {row}: {}",
                    cells.concat()
                );
                highlighted += 1;
            }
        }
        assert!(highlighted >= 1);
    }
    pty.send("n");
    pty.wait_for("match 2/3");
    pty.send("nn");
    pty.wait_for("match 1/3 (search wrapped around)");
    pty.send("N");
    pty.wait_for("match 3/3 (search wrapped around)");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

/// Over 256 KB the matches are counted in a thread: the count, the
/// numbers and the wrap still come, through the event loop.
#[test]
fn search_in_a_big_file_counts_in_the_background() {
    let home = tempfile::tempdir().expect("home");
    let path = home.path().join("big.txt");
    let article = std::fs::read_to_string("assets/article.txt").expect("article");
    std::fs::write(&path, format!("{article}\n\n").repeat(100)).expect("write");
    let mut pty = Pty::margin(&[path.to_str().expect("utf-8")], 120, 20, home.path());
    pty.wait_for(TITLE);
    pty.send("/wangwang");
    pty.wait_for("/wangwang▏ 300 match(es)");
    pty.send("\r");
    let screen = pty.wait_for("match 1/300");
    assert!(screen.contains("Ali Wangwang expects"), "{screen}");
    pty.send("n");
    pty.wait_for("match 2/300");
    pty.send("NN");
    pty.wait_for("match 300/300 (search wrapped around)");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_streamed_file_keeps_its_last_paragraph() {
    let home = tempfile::tempdir().expect("home");
    let path = home.path().join("long.txt");
    // Longer than what is read before the first frame, ending without a blank line.
    let mut text = "A paragraph that fills the first screens of the file.\n\n".repeat(5_000);
    text.push_str("THE END of this file.");
    std::fs::write(&path, text).expect("write");
    let mut pty = Pty::margin(&[path.to_str().expect("utf-8")], 100, 20, home.path());
    pty.wait_for("A paragraph that fills");
    pty.send("G");
    pty.wait_for("THE END of this file.");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

/// Detection on articles written by others (the corpus), as a reader sees
/// it: roles with their actors and the product history as a timeline.
#[test]
fn shows_roles_and_product_history_of_an_article_in_english_and_chinese() {
    let home = tempfile::tempdir().expect("home");
    let mut pty = Pty::margin(
        &["tests/corpus/en-fluent-google-graveyard.txt"],
        150,
        40,
        home.path(),
    );
    // Detection may deliver in more than one pass: wait for each entry.
    pty.wait_for("Google Reader (Google) 2005–2013 · shut down");
    pty.wait_for("gatekeeper role — Google");
    // The first product (after the one role): Enter brings its passage to
    // the top and names it in the status bar; the panel keeps focus.
    pty.send("\t");
    pty.wait_for("Enter: go");
    pty.send("gj\r");
    let screen = pty.wait_for("¶3 Google Reader (Google) 2005–2013 · shut down");
    assert!(
        screen
            .lines()
            .next()
            .is_some_and(|l| l.contains("3P  Start with Google Reader")),
        "{screen}"
    );
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();

    let mut pty = Pty::margin(
        &["tests/corpus/zh-headings-roles.txt"],
        150,
        40,
        home.path(),
    );
    pty.wait_for("平台方 role — 滴滴");
    pty.wait_for("快的打车 2012–2015 · 并入");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

/// Found by a user (issue 14): `--raw` with `repair = false` in the config
/// showed the repaired view, the config and the flag each toggling it.
#[test]
fn raw_flag_and_raw_config_together_show_raw() {
    let home = tempfile::tempdir().expect("home");
    let config = home.path().join("config.toml");
    std::fs::write(&config, "[reading]\nrepair = false\n").expect("config");
    let config = config.to_string_lossy().into_owned();
    let mut pty = Pty::margin(&["--raw", "--config", &config], 120, 40, home.path());
    // Raw, the bundled article has 14 paragraphs; repaired, 10.
    pty.wait_for("│ pane raw");
    pty.wait_for("/14 │");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}
