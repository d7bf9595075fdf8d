//! The store across processes: two copies of margin saving at once, and a
//! copy killed in the middle of saving.
//!
//! The children are this test binary itself, re-run with `--exact <child>`
//! and an environment variable naming the data directory; without that
//! variable the child tests return at once, so a normal run skips them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure is the test failing"
)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use margin::bookmarks::{ArticleId, Bookmark, Op};
use margin::document::{Document, Position};
use margin::store::Store;

const WRITER_DIR: &str = "MARGIN_TEST_WRITER_DIR";
const LOOP_DIR: &str = "MARGIN_TEST_LOOP_DIR";
const TAG: &str = "MARGIN_TEST_TAG";

/// Paragraphs enough for every bookmark the children make to have its own:
/// two bookmarks on one paragraph merge into one.
fn article() -> (Document, ArticleId) {
    let mut text = String::from("Alipay lost\n\n");
    for i in 0..5000 {
        text.push_str(&format!(
            "Paragraph {i}: Alipay played a platform role.\n\n"
        ));
    }
    let doc = Document::from_text(&text);
    let id = ArticleId::of(&doc);
    (doc, id)
}

/// Where a child tagged `tag` starts bookmarking, so children do not share
/// paragraphs.
fn first_paragraph(tag: &str) -> usize {
    match tag {
        "second" => 200,
        t => {
            t.strip_prefix('r')
                .and_then(|r| r.parse().ok())
                .unwrap_or(0)
                * 1500
                + 1
        }
    }
}

fn spawn(child_test: &str, var: &str, dir: &Path, tag: &str) -> Child {
    Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", child_test, "--nocapture", "--test-threads=1"])
        .env(var, dir)
        .env(TAG, tag)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn child")
}

fn child_env(var: &str) -> Option<(PathBuf, String)> {
    let dir = std::env::var_os(var)?;
    let tag = std::env::var(TAG).unwrap_or_default();
    Some((PathBuf::from(dir), tag))
}

/// Child: saves 100 bookmarks, one save each, noted `<tag>-<i>`.
#[test]
fn child_writer() {
    let Some((dir, tag)) = child_env(WRITER_DIR) else {
        return;
    };
    let store = Store::at(dir);
    let (doc, id) = article();
    let first = first_paragraph(&tag);
    for i in 0..100 {
        let at = Position::new(first + i, (i * 3) % 10);
        let mark = Bookmark::new(&doc, at, Some(format!("{tag}-{i}")));
        save(&store, &id, &[Op::Add(mark)]);
    }
}

/// Saves as the app does: a save that gave up waiting for the lock is
/// tried again (the app keeps it pending); any other failure is a bug here.
fn save(store: &Store, id: &ArticleId, ops: &[Op]) {
    while let Err(error) = store.apply(id, ops) {
        assert!(error.to_string().contains("holds its lock"), "{error}");
    }
}

/// Child: saves as fast as it can until killed (or a minute passes).
#[test]
fn child_save_loop() {
    let Some((dir, tag)) = child_env(LOOP_DIR) else {
        return;
    };
    let store = Store::at(dir);
    let (doc, id) = article();
    let started = Instant::now();
    let first = first_paragraph(&tag);
    let mut i = 0usize;
    while started.elapsed() < Duration::from_secs(60) {
        // A long note makes each write span several blocks.
        let note = format!("{tag}-{i} {}", "a long note ".repeat(40));
        let mark = Bookmark::new(&doc, Position::new((first + i) % doc.len(), 0), Some(note));
        save(
            &store,
            &id,
            &[
                Op::Add(mark),
                Op::SetPosition(Position::new(i % doc.len(), 0)),
            ],
        );
        i += 1;
    }
}

#[test]
fn two_processes_saving_at_once_lose_no_bookmark() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("margin");
    let mut children = [
        spawn("child_writer", WRITER_DIR, &dir, "first"),
        spawn("child_writer", WRITER_DIR, &dir, "second"),
    ];
    for child in &mut children {
        assert!(child.wait().expect("child ran").success());
    }
    let (_doc, id) = article();
    let loaded = Store::at(dir).load(&id);
    assert_eq!(loaded.warnings, vec![]);
    assert_eq!(loaded.state.bookmarks.len(), 200);
    for tag in ["first", "second"] {
        let mut notes: Vec<usize> = loaded
            .state
            .bookmarks
            .iter()
            .filter_map(|b| {
                b.note
                    .as_deref()?
                    .strip_prefix(&format!("{tag}-"))?
                    .parse()
                    .ok()
            })
            .collect();
        notes.sort();
        assert_eq!(notes, (0..100).collect::<Vec<_>>(), "{tag}");
    }
}

#[test]
fn a_process_killed_while_saving_leaves_a_valid_file() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("margin");
    let store = Store::at(dir.clone());
    let (doc, id) = article();
    let mut saved_before = 0;
    for (round, pause_ms) in [(0, 30u64), (1, 170), (2, 75)] {
        let mut child = spawn("child_save_loop", LOOP_DIR, &dir, &format!("r{round}"));
        // Wait until it is saving for real, then kill it mid-loop.
        let deadline = Instant::now() + Duration::from_secs(30);
        while store.load(&id).state.bookmarks.len() < saved_before + 5 {
            assert!(Instant::now() < deadline, "child never saved");
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(pause_ms));
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");

        let loaded = store.load(&id);
        assert_eq!(loaded.warnings, vec![], "round {round}");
        assert!(loaded.state.bookmarks.len() >= saved_before + 5);
        assert!(loaded.state.position.is_some());
        saved_before = loaded.state.bookmarks.len();
        let names: Vec<String> = std::fs::read_dir(dir.join("articles"))
            .expect("articles dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(!names.iter().any(|n| n.contains(".corrupt-")), "{names:?}");
    }
    // The lock died with the child, and the next save tidies any temp file
    // it left behind.
    // Paragraph 0: no child bookmarks it.
    let mark = Bookmark::new(&doc, Position::new(0, 0), None);
    let state = store.apply(&id, &[Op::Add(mark)]).expect("saves");
    assert_eq!(state.bookmarks.len(), saved_before + 1);
    let leftovers = std::fs::read_dir(dir.join("articles"))
        .expect("articles dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .count();
    assert_eq!(leftovers, 0);
}

/// Highlights are saved like bookmarks: two copies that each loaded the
/// article before the other saved lose nothing of each other's, an edit
/// of one copy and a removal of the other both hold, and a file written
/// before highlights existed still loads.
#[test]
fn highlights_of_two_copies_merge_and_round_trip() {
    use margin::highlights::{Colour, Highlight, HighlightOp};
    let dir = tempfile::tempdir().expect("temp dir");
    let (doc, id) = article();
    let (first, second) = (
        Store::at(dir.path().join("m")),
        Store::at(dir.path().join("m")),
    );
    let span = |paragraph: usize| {
        let text = doc.paragraph(paragraph);
        let start = text.find("platform").expect("in the text");
        Highlight::new(&doc, paragraph, start..start + 8, Colour::Blue, None)
    };
    let (a, b, c) = (span(1), span(2), span(3));
    let add = |h: &Highlight| Op::Highlight(HighlightOp::Add(h.clone()));
    first.apply(&id, &[add(&a), add(&c)]).expect("first saves");
    // The second copy never saw the first's highlights.
    let edit = Op::Highlight(HighlightOp::Edit {
        id: a.id.clone(),
        colour: Colour::Pink,
        note: Some("why it matters".into()),
    });
    let remove = Op::Highlight(HighlightOp::Remove { id: c.id.clone() });
    second
        .apply(&id, &[add(&b), edit, remove])
        .expect("second saves");
    let state = first.load(&id).state;
    let kept: Vec<(usize, Colour, Option<&str>)> = state
        .highlights
        .iter()
        .map(|h| (h.paragraph, h.colour, h.note.as_deref()))
        .collect();
    assert_eq!(
        kept,
        vec![
            (1, Colour::Pink, Some("why it matters")),
            (2, Colour::Blue, None)
        ]
    );
    assert_eq!(state.highlights[1], b, "round-trips whole");
    // An old file: no highlights field at all.
    let path = first.path_of(&id);
    let old = format!(r#"{{"version":1,"id":"{id}","bookmarks":[]}}"#);
    std::fs::write(&path, old).expect("old file");
    let loaded = first.load(&id);
    assert_eq!(loaded.warnings, vec![]);
    assert!(loaded.state.highlights.is_empty());
}

/// Corrections are saved like highlights: two copies' corrections merge,
/// a removal by one holds, they round-trip whole, and a file written
/// before corrections existed still loads.
#[test]
fn corrections_of_two_copies_merge_and_round_trip() {
    use margin::corrections::{Correction, CorrectionOp, Fix, Kind, Target};
    let dir = tempfile::tempdir().expect("temp dir");
    let (_, id) = article();
    let (first, second) = (
        Store::at(dir.path().join("m")),
        Store::at(dir.path().join("m")),
    );
    let dismiss = |name: &str| {
        Correction::new(Fix::Dismiss {
            target: Target {
                kind: Kind::Role,
                name: name.into(),
                paragraph: 1,
            },
        })
    };
    let edit = Correction::new(Fix::Edit {
        target: Target {
            kind: Kind::Product,
            name: "Alipay".into(),
            paragraph: 1,
        },
        name: "Alipay Wallet".into(),
        actor: Some("Ant".into()),
    });
    let (a, b) = (dismiss("platform"), dismiss("source"));
    let add = |c: &Correction| Op::Correction(CorrectionOp::Add(c.clone()));
    first
        .apply(&id, &[add(&a), add(&edit)])
        .expect("first saves");
    // The second copy never saw the first's corrections.
    let remove = Op::Correction(CorrectionOp::Remove { id: a.id.clone() });
    second.apply(&id, &[add(&b), remove]).expect("second saves");
    let state = first.load(&id).state;
    assert_eq!(state.corrections, vec![edit, b]);
    let path = first.path_of(&id);
    let old = format!(r#"{{"version":1,"id":"{id}","bookmarks":[],"highlights":[]}}"#);
    std::fs::write(&path, old).expect("old file");
    let loaded = first.load(&id);
    assert_eq!(loaded.warnings, vec![]);
    assert!(loaded.state.corrections.is_empty());
}
