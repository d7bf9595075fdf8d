//! End to end: a highlight made with the keyboard survives quitting, is
//! deleted and restored from the panel, and goes out with `--export`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure is the test failing"
)]

mod common;

use std::path::Path;

use common::Pty;

fn export_json(home: &Path) -> serde_json::Value {
    common::json_of(&["--export", "json"], home)
}

#[test]
fn a_highlight_survives_a_restart_and_is_deleted_from_the_panel() {
    let home = tempfile::tempdir().expect("home");
    let mut pty = Pty::margin(&[], 120, 30, home.path());
    pty.wait_for("¶1/10");
    pty.send("JJJ");
    pty.wait_for("¶4/10");
    pty.send("v");
    pty.wait_for("selecting ¶4");
    // A word more, then the next colour; Enter saves.
    pty.send("wc");
    pty.wait_for("green");
    pty.send("\r");
    pty.wait_for("highlighted on ¶4 in green");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);

    let mut again = Pty::margin(&[], 120, 30, home.path());
    let screen = again.wait_for("resumed at ¶4");
    assert!(screen.contains("Highlights"), "{screen}");
    assert!(screen.contains("[green] platform role. This"), "{screen}");
    let json = export_json(home.path());
    assert_eq!(
        json["highlights"][0]["quote"], "platform role. This",
        "{json}"
    );
    assert_eq!(json["highlights"][0]["colour"], "green");
    // The highlight is the panel's first entry: d deletes it, u restores.
    again.send("\tg");
    again.wait_for("Enter: go");
    again.send("d");
    again.wait_for("highlight on ¶4 deleted (u undoes)");
    again.send("u");
    again.wait_for("highlight on ¶4 restored");
    again.send("d");
    again.wait_for("deleted (u undoes)");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);

    let json = export_json(home.path());
    assert_eq!(
        json["highlights"].as_array().map(Vec::len),
        Some(0),
        "{json}"
    );
}
