//! End to end: Markdown and HTML opened as a user opens them, by file and
//! through a pipe, read in a pseudo-terminal.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure is the test failing"
)]

mod common;

use common::{Pty, REPORT_TTY};

const PAGE: &str = "tests/fixtures/formats/page.html";
const NOTES: &str = "tests/fixtures/formats/notes.md";
const ARTICLE: &str = "tests/fixtures/formats/article.html";
const FIRST_PARAGRAPH: &str = "Acme opened its marketplace in 2014 & hoped";
/// What the page has around its article: none of it may show.
const FURNITURE: &[&str] = &[
    "Tech navigation link",
    "Example News",
    "widgets",
    "script text",
    "late script",
    "Sidebar story",
    "footer text",
];

fn assert_article_only(screen: &str) {
    assert!(screen.contains("How Acme lost the social race"), "{screen}");
    for furniture in FURNITURE {
        assert!(
            !screen.contains(furniture),
            "{furniture:?} shown:\n{screen}"
        );
    }
    assert!(
        !screen.contains('<') && !screen.contains("&amp;"),
        "markup shown:\n{screen}"
    );
}

#[test]
fn an_html_file_shows_its_article_and_none_of_the_page() {
    let home = tempfile::tempdir().expect("home");
    let mut pty = Pty::margin(&[PAGE], 150, 40, home.path());
    pty.wait_for(FIRST_PARAGRAPH);
    let screen = pty.wait_for("page.html · html");
    assert_article_only(&screen);
    // An escape written as an entity is shown, not obeyed.
    assert!(screen.contains("The escape ^[[31m stays inert"), "{screen}");
    pty.assert_nothing_executed();
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

#[test]
fn an_html_page_through_a_pipe_is_read_the_same() {
    let home = tempfile::tempdir().expect("home");
    let script = format!("cat {PAGE} | \"$MARGIN\" - {REPORT_TTY}");
    let mut pty = Pty::shell(&script, 150, 40, home.path());
    pty.wait_for(FIRST_PARAGRAPH);
    let screen = pty.wait_for("standard input · html");
    assert_article_only(&screen);
    pty.send("q");
    pty.wait_for("COOKED exit=0");
    pty.wait_exit();
}

/// `cat notes.md | margin -` from a writer that has not finished: the
/// first screen shows while the pipe is open (the pipe used to be read to
/// its end first). The shell waits for the writer, not margin: margin's
/// exit is told by its own echo.
#[test]
fn markdown_through_a_pipe_shows_before_the_pipe_ends() {
    let home = tempfile::tempdir().expect("home");
    let script = format!("(cat {NOTES}; sleep 30) | (\"$MARGIN\" -; echo \"margin exit=$?\")");
    let mut pty = Pty::shell(&script, 150, 40, home.path());
    let screen = pty.wait_for("standard input · markdown");
    assert!(screen.contains("Acme and the platform role"), "{screen}");
    assert!(!screen.contains("# Acme"), "{screen}");
    pty.send("q");
    pty.wait_for("margin exit=0");
}

#[test]
fn a_markdown_file_shows_its_title_without_marks() {
    let home = tempfile::tempdir().expect("home");
    let mut pty = Pty::margin(&[NOTES], 150, 40, home.path());
    pty.wait_for("Acme and the platform role");
    let screen = pty.wait_for("notes.md · markdown");
    assert!(!screen.contains("# Acme"), "{screen}");
    assert!(
        !screen.contains("**") || screen.contains("**not bold**"),
        "{screen}"
    );
    assert!(screen.contains("its owners[1] said"), "{screen}");
    assert!(screen.contains("• Sellers list goods"), "{screen}");
    assert!(!screen.contains("title: Front matter"), "{screen}");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    // The heading is a stop for ]: in a pane too short to show it all.
    let mut pty = Pty::margin(&[NOTES], 150, 8, home.path());
    pty.wait_for("notes.md · markdown");
    pty.send("]");
    pty.wait_until(
        |s| {
            s.lines()
                .next()
                .is_some_and(|l| l.contains("The seller's role"))
        },
        "] to the next heading",
    );
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn format_overrides_the_extension() {
    let home = tempfile::tempdir().expect("home");
    let mut pty = Pty::margin(&["--format", "text", NOTES], 150, 40, home.path());
    pty.wait_for("# Acme and the platform role");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_bookmark_in_a_page_is_there_when_it_is_opened_again() {
    let home = tempfile::tempdir().expect("home");
    let mut pty = Pty::margin(&[PAGE], 150, 8, home.path());
    pty.wait_for("page.html · html");
    pty.send("JJ");
    pty.wait_for("¶3/");
    pty.send("m");
    pty.wait_for("bookmarked ¶3");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let data = home.path().join("data");
    assert_eq!(
        common::bookmarked(Some(std::path::Path::new(PAGE)), &data),
        vec![3]
    );
    let mut again = Pty::margin(&[PAGE], 150, 8, home.path());
    again.wait_for("resumed at ¶3");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
}

fn run(args: &[&str]) -> String {
    common::stdout_of(args, tempfile::tempdir().expect("home").path())
}

/// --print, --annotations and --export read what the reader shows.
#[test]
fn print_annotations_and_export_read_the_rendered_text() {
    let printed = run(&["--print", "--width", "200", NOTES]);
    assert!(
        printed.starts_with(" 1§ Acme and the platform role\n"),
        "{printed}"
    );
    assert!(printed.contains("its owners[1] said"), "{printed}");
    assert!(
        printed.contains("1. https://example.com/owners"),
        "{printed}"
    );
    let annotations: serde_json::Value =
        serde_json::from_str(&run(&["--annotations", PAGE])).expect("json");
    assert_eq!(
        annotations["title"], "How Acme lost the social race",
        "{annotations}"
    );
    let note = run(&["--export", "md", PAGE]);
    assert!(note.contains("How Acme lost the social race"), "{note}");
    for furniture in FURNITURE {
        assert!(!note.contains(furniture), "{furniture:?} in:\n{note}");
    }
}

/// A page's links: numbered in the text, their addresses at the end of
/// what --print writes (relative ones as written, scripts dropped).
#[test]
fn print_lists_a_pages_link_addresses() {
    let printed = run(&["--print", "--width", "200", ARTICLE]);
    assert!(
        printed.contains("the book's chapter[1], the notes on lifetimes[2], this button,"),
        "{printed}"
    );
    let links = printed.rfind("§ Links\n").expect("a list of links");
    let list: Vec<&str> = printed[links..].lines().skip(2).map(str::trim).collect();
    assert_eq!(
        list,
        [
            "11  1. https://doc.rust-lang.org/book/ch04-02-references-and-borrowing.html",
            "2. ../notes/lifetimes.html",
            "3. https://github.com/rust-lang/rust-clippy",
            "4. https://en.wikipedia.org/wiki/Race_condition",
        ],
        "{printed}"
    );
    assert!(
        !printed.contains("javascript") && !printed.contains("/privacy"),
        "{printed}"
    );
    // A line of code and the list of links are no sections: no § before them.
    assert!(printed.contains("  │ cargo run --release\n"), "{printed}");
    assert!(
        !printed.contains("§ │") && !printed.contains("§ 1."),
        "{printed}"
    );
}

/// `r` on a Markdown file shows its source as written, at the same place,
/// and `r` again the article, where it was (issue 15).
#[test]
fn r_shows_the_markdown_source_and_r_again_the_article() {
    let home = tempfile::tempdir().expect("home");
    let mut pty = Pty::margin(&[NOTES], 150, 8, home.path());
    pty.wait_for("notes.md · markdown");
    let first_line = |text: &'static str, marked: bool| {
        move |s: &str| {
            s.lines()
                .next()
                .is_some_and(|l| l.contains(text) && l.contains("## ") == marked)
        }
    };
    pty.send("]");
    pty.wait_until(first_line("The seller's role", false), "] to the heading");
    pty.send("r");
    let screen = pty.wait_until(first_line("## The seller's role", true), "the source");
    assert!(screen.contains("- Sellers **ship** them"), "{screen}");
    pty.wait_for(" source");
    pty.send("r");
    let screen = pty.wait_until(first_line("The seller's role", false), "the article");
    assert!(screen.contains("• Sellers list goods"), "{screen}");
    assert!(
        !screen.contains("**") && !screen.contains(" source"),
        "{screen}"
    );
    // From the top, the whole markup as typed.
    pty.send("gr");
    let screen = pty.wait_for("# Acme and the platform role");
    assert!(
        screen.contains("Acme **built** the *marketplace*"),
        "{screen}"
    );
    assert!(
        screen.contains("[its owners](https://example.com/owners)"),
        "{screen}"
    );
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

/// A pipe cannot be read again: its bytes are kept, and `r` shows them,
/// Markdown converted as it arrives and HTML read whole alike.
#[test]
fn r_through_a_pipe_shows_the_source_kept() {
    let home = tempfile::tempdir().expect("home");
    for (file, written) in [
        (NOTES, "# Acme and the platform role"),
        (PAGE, "<h1>How Acme lost the social race</h1>"),
    ] {
        let script = format!("cat {file} | \"$MARGIN\" - {REPORT_TTY}");
        let mut pty = Pty::shell(&script, 150, 40, home.path());
        pty.wait_for("standard input · ");
        assert!(!pty.screen().contains(written), "{file}");
        pty.send("r");
        pty.wait_for(written);
        pty.wait_for(" source");
        pty.send("r");
        pty.wait_until(|s| !s.contains(written), "the article again");
        pty.send("q");
        pty.wait_for("COOKED exit=0");
        pty.wait_exit();
    }
}
