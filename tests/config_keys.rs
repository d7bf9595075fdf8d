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
    let line_of = |what: &str| {
        help.lines()
            .find(|l| l.contains(what))
            .unwrap_or_default()
            .to_owned()
    };
    let quit = line_of("quit");
    assert!(quit.contains("x Ctrl-c"), "{quit}");
    assert!(!quit.contains(" q "), "{quit}");
    let down = line_of("down a line");
    assert!(down.contains("n q"), "{down}");
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
