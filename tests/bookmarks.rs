//! End to end: bookmarks and the reading position survive quitting, a
//! second running copy and a corrupt state file.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure is the test failing"
)]

mod common;

use std::path::Path;

use common::Pty;

fn bookmarks_json(home: &Path) -> serde_json::Value {
    common::json_of(&["--bookmarks"], home)
}

#[test]
fn bookmark_quit_reopen_resumes_and_lists_it() {
    let home = tempfile::tempdir().expect("home");
    let mut pty = Pty::margin(&[], 120, 30, home.path());
    pty.wait_for("¶1/10");
    pty.send("JJJ");
    pty.wait_for("¶4/10");
    pty.send("m");
    pty.wait_for("bookmarked ¶4");
    pty.send("M");
    pty.wait_for("note (Enter saves");
    pty.send("the platform role\r");
    pty.wait_for("note saved on ¶4");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);

    let mut again = Pty::margin(&[], 120, 30, home.path());
    let screen = again.wait_for("resumed at ¶4");
    assert!(screen.contains("Bookmarks"), "{screen}");
    assert!(
        screen.contains("the platform role — platform role"),
        "{screen}"
    );
    assert!(
        screen.lines().next().is_some_and(|l| l.starts_with(" 4R●")),
        "gutter mark: {screen}"
    );
    // ' focuses the bookmark, d deletes, u undoes.
    again.send("'");
    again.wait_for("Enter: go");
    again.send("d");
    again.wait_for("deleted (u undoes)");
    again.send("u");
    again.wait_for("restored");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);

    let list = bookmarks_json(home.path());
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    assert_eq!(list[0]["paragraph"], 4);
    assert_eq!(list[0]["note"], "the platform role");
}

#[test]
fn two_copies_at_once_keep_both_bookmarks() {
    let home = tempfile::tempdir().expect("home");
    let mut first = Pty::margin(&[], 120, 30, home.path());
    let mut second = Pty::margin(&[], 120, 12, home.path());
    first.wait_for("¶1/10");
    second.wait_for("¶1/10");
    first.send("J");
    first.wait_for("¶2/10");
    first.send("m");
    first.wait_for("bookmarked ¶2");
    second.send("JJJJJJJ");
    second.wait_for("¶8/10");
    second.send("m");
    second.wait_for("bookmarked ¶8");
    first.send("q");
    second.send("q");
    first.wait_exit();
    second.wait_exit();
    let list = bookmarks_json(home.path());
    let paragraphs: Vec<i64> = list
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|b| b["paragraph"].as_i64())
        .collect();
    assert_eq!(paragraphs, vec![2, 8]);
}

/// Found by a user: two copies bookmarking the same paragraph made two
/// bookmarks on it, and `m` then said "removed" while one stayed.
#[test]
fn two_copies_bookmarking_one_paragraph_keep_one_bookmark() {
    let home = tempfile::tempdir().expect("home");
    let mut first = Pty::margin(&[], 120, 30, home.path());
    let mut second = Pty::margin(&[], 120, 30, home.path());
    for pty in [&mut first, &mut second] {
        pty.wait_for("¶1/10");
        pty.send("J");
        pty.wait_for("¶2/10");
    }
    first.send("m");
    first.wait_for("bookmarked ¶2");
    second.send("m");
    second.wait_for("bookmarked ¶2");
    // The second copy now holds the merged state: one bookmark, which its
    // next `m` removes for good.
    second.send("m");
    second.wait_for("bookmark on ¶2 removed");
    first.send("q");
    second.send("q");
    first.wait_exit();
    second.wait_exit();
    let list = bookmarks_json(home.path());
    assert_eq!(list.as_array().map(Vec::len), Some(0), "{list}");
}

#[test]
fn garbage_state_file_is_kept_aside_and_reading_goes_on() {
    let home = tempfile::tempdir().expect("home");
    // Find the article's state file by saving once.
    let mut pty = Pty::margin(&[], 120, 30, home.path());
    pty.wait_for("¶1/10");
    pty.send("q");
    pty.wait_exit();
    let articles = home.path().join("data/margin/articles");
    let state = std::fs::read_dir(&articles)
        .expect("articles dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("state file");
    std::fs::write(&state, b"{ this is not json \x1b[2J").expect("garbage");

    let mut pty = Pty::margin(&[], 120, 30, home.path());
    let screen = pty.wait_for("corrupt");
    assert!(
        screen.contains("This time, Alipay lost in") || screen.contains("¶1/10"),
        "{screen}"
    );
    pty.send("m");
    pty.wait_for("bookmarked");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let kept: Vec<_> = std::fs::read_dir(&articles)
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(kept.len(), 1, "garbage kept aside");
    assert_eq!(
        std::fs::read(kept[0].path()).expect("read"),
        b"{ this is not json \x1b[2J"
    );
    assert_eq!(
        bookmarks_json(home.path()).as_array().map(Vec::len),
        Some(1)
    );
}
