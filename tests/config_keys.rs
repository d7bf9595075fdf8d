//! End to end: a configuration that rebinds keys, in a pseudo-terminal.

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
