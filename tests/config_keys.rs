//! End to end: a configuration that rebinds keys, in a pseudo-terminal.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure is the test failing"
)]

mod common;

use common::Pty;

const TITLE: &str = "This time, Alipay lost in";

#[test]
fn rebound_quit_works_and_the_help_overlay_shows_it() {
    let home = tempfile::tempdir().expect("home");
    let dir = home.path().join("config/margin");
    std::fs::create_dir_all(&dir).expect("config dir");
    std::fs::write(
        dir.join("config.toml"),
        "[keys]\nquit = [\"x\", \"ctrl-c\"]\nscroll-down = [\"n\", \"q\"]\n",
    )
    .expect("write config");
    let mut pty = Pty::margin(&[], 120, 40, home.path());
    pty.wait_for(TITLE);

    // The help overlay lists the bindings in force.
    pty.send("?");
    let help = pty.wait_for("down a line");
    // Lines of the overlay only (the status bar hints "x quit" too).
    let line_of = |screen: &str, what: &str| {
        screen
            .lines()
            .find(|l| l.contains(what) && l.contains('│'))
            .unwrap_or_default()
            .to_owned()
    };
    let down = line_of(&help, "down a line");
    assert!(down.contains("n q"), "{down}");
    // Scroll the overlay to its end, where the global keys are.
    pty.send(&"j".repeat(60));
    let end = pty.wait_for("Gutter:");
    let quit = line_of(&end, "  quit");
    assert!(quit.contains("x Ctrl-c"), "{quit}");
    assert!(!quit.contains(" q "), "{quit}");
    pty.send("?");
    pty.wait_until(|s| !s.contains("down a line"), "help closed");

    // q now scrolls instead of quitting; x quits.
    pty.send("q");
    pty.wait_until(
        |s| !s.lines().next().unwrap_or_default().contains(TITLE),
        "scrolled a line",
    );
    pty.send("x");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

// --- issue 13: a configuration never acts on the terminal ---------------------

/// An OSC 0 (title) and a CSI 2J (clear screen), as TOML escapes.
const PWN: &str = r"\u001b]0;PWNED\u0007\u001b[2J";

/// Runs `margin --config FILE --print` (and `--rules FILE` when given) with
/// a private home; returns the exit code and stderr.
fn run_with(config: &[u8], rules: Option<&[u8]>) -> (Option<i32>, String) {
    let home = tempfile::tempdir().expect("home");
    let config_path = home.path().join("config.toml");
    std::fs::write(&config_path, config).expect("write config");
    let mut command = std::process::Command::new(common::binary());
    command.arg("--config").arg(&config_path).arg("--print");
    if let Some(rules) = rules {
        let rules_path = home.path().join("rules.toml");
        std::fs::write(&rules_path, rules).expect("write rules");
        command.arg("--rules").arg(rules_path);
    }
    let out = command
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .output()
        .expect("run margin");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// One short line, nothing a terminal would act on, exit 1.
fn assert_refused_safely(what: &str, (code, stderr): (Option<i32>, String)) -> String {
    assert_eq!(code, Some(1), "{what}: {stderr:.300}");
    let line = stderr.strip_suffix('\n').unwrap_or(&stderr);
    let bad = line.chars().find(|&c| {
        c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{061C}' | '\u{FEFF}')
    });
    assert_eq!(bad, None, "{what}: a raw control in {line:.300?}");
    assert!(
        line.chars().count() < 300,
        "{what}: {} characters: {line:.300}",
        line.chars().count()
    );
    assert!(line.starts_with("margin: "), "{what}: {line:.300}");
    line.to_owned()
}

#[test]
fn hostile_config_values_are_shown_safely_in_one_short_line() {
    let big = "A".repeat(10 << 20);
    let cases: Vec<(&str, String, &str)> = vec![
        ("theme", format!("theme = \"{PWN}\"\n"), "line 1: theme: "),
        (
            "key",
            format!("[keys]\nquit = \"{PWN}\"\n"),
            "line 2: keys.quit: ",
        ),
        (
            "action",
            format!("[keys]\n\"{PWN}\" = \"x\"\n"),
            "line 2: keys.",
        ),
        (
            "colour",
            format!("[colors]\ngutter = \"{PWN}\"\n"),
            "line 2: colors.gutter: ",
        ),
        (
            "element",
            format!("[colors]\n\"{PWN}\" = \"red\"\n"),
            "line 2: colors.",
        ),
        (
            "width",
            format!("[panel]\nwidth = \"{PWN}\"\n"),
            "line 2: panel.width: ",
        ),
        (
            "side",
            format!("[panel]\nside = \"{PWN}\"\n"),
            "line 2: panel.side: ",
        ),
        (
            "type",
            format!("[reading]\nrepair = \"{PWN}\"\n"),
            "line 2: reading.repair: ",
        ),
        ("setting", format!("\"{PWN}\" = 1\n"), "line 1: "),
        (
            "nul",
            "theme = \"a\\u0000b\"\n".to_owned(),
            "line 1: theme: ",
        ),
        (
            "raw escape",
            "theme = \"\u{1b}]0;PWNED\u{7}\u{1b}[2J\"\n".to_owned(),
            "line 1: ",
        ),
        ("raw nul", "theme = \"a\0b\"\n".to_owned(), "line 1: "),
        (
            "raw c1 and bidi",
            "x\u{9b}2J\u{202e} = 1\n".to_owned(),
            "line 1: ",
        ),
        (
            "big theme",
            format!("theme = \"{big}\"\n"),
            "line 1: theme: ",
        ),
        (
            "big key",
            format!("[keys]\nquit = \"{big}\"\n"),
            "line 2: keys.quit: ",
        ),
        (
            "big action",
            format!("[keys]\n{big} = \"x\"\n"),
            "line 2: keys.",
        ),
        (
            "big type",
            format!("[reading]\nrepair = \"{big}\"\n"),
            "line 2: reading.repair: ",
        ),
        (
            "big garbage",
            format!("theme = \"dark\"\n{big}\u{1b}[2J\n"),
            "line 2: ",
        ),
    ];
    for (what, config, expected) in cases {
        let line = assert_refused_safely(what, run_with(config.as_bytes(), None));
        assert!(
            line.contains(&format!("config.toml {expected}")),
            "{what}: {line:.300}"
        );
        // Shown visibly: as margin shows it, or as serde's debug form.
        if config.contains(r"\u001b]0;PWNED") {
            assert!(
                line.contains("^[]0;PWNED^G") || line.contains("\\u{1b}]0;PWNED"),
                "{what}: the escape is shown: {line}"
            );
        }
    }
}

#[test]
fn hostile_rules_files_are_shown_safely_in_one_short_line() {
    let big = "A".repeat(10 << 20);
    let cases: Vec<(&str, String)> = vec![
        ("field", format!("\"{PWN}\" = 1\n")),
        ("type", format!("role_stop_words = \"{PWN}\"\n")),
        (
            "raw",
            "role_stop_words = [\"\u{1b}]0;PWNED\u{7}\"]\n".to_owned(),
        ),
        ("big", format!("role_stop_words = \"{big}\"\n")),
        ("big field", format!("{big} = 1\n")),
    ];
    for (what, rules) in cases {
        let line = assert_refused_safely(what, run_with(b"", Some(rules.as_bytes())));
        assert!(line.contains("rules.toml line 1: "), "{what}: {line:.300}");
    }
    // A rules path in the configuration that names no file.
    let config = format!("[reading]\nrules = \"/nowhere/{PWN}{big}\"\n");
    let line = assert_refused_safely("rules path", run_with(config.as_bytes(), None));
    assert!(
        line.contains("cannot read rules file '/nowhere/^[]0;PWNED^G"),
        "{line:.300}"
    );
}

#[test]
fn a_config_that_leaves_no_way_to_quit_or_read_is_refused() {
    let cases = [
        (
            "[keys]\nquit = []\n",
            "line 2: keys.quit: quit needs at least one key: without one there is no way to quit",
        ),
        (
            "[keys]\nhelp = []\n",
            "line 2: keys.help: help needs at least one key: without one there is no way to see the keys",
        ),
        (
            "\n[reading]\nmax-width = 0\n",
            "line 3: reading.max-width: 0 columns is too narrow to read",
        ),
        (
            "[panel]\nwidth = 0\n",
            "line 2: panel.width: bad width 0 (expected columns from 10",
        ),
    ];
    for (config, expected) in cases {
        let line = assert_refused_safely(config, run_with(config.as_bytes(), None));
        assert!(line.contains(&format!("config.toml {expected}")), "{line}");
    }
}
