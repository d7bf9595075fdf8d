//! Properties over arbitrary input, run by `cargo test`: the proptest
//! versions of the fuzz targets (the checks themselves are shared with
//! `fuzz/`, in `tests/checks/mod.rs`), and the terminal-size sweep over
//! every hostile document.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure is the test failing"
)]

mod checks;

use std::path::Path;

use margin::app::{Action, App};
use margin::document::Document;
use margin::load::load_bytes;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;
use unicode_width::UnicodeWidthChar;

/// Pieces hostile text is made of; concatenated at random.
const PIECES: &[&[u8]] = &[
    b"word ",
    b"Title",
    b"\n",
    b"\n\n",
    b"\r",
    b"\r\n",
    b"\t",
    b"  ",
    b"- ",
    b"1. ",
    b"\x1b]0;pwned\x07",
    b"\x1b]8;;http://x\x1b\\",
    b"\x1b]52;c;cHduZWQ=\x07",
    b"\x1b[2J",
    b"\x1bPq#0\x1b\\",
    b"\x1b",
    b"\x7f",
    b"\x00",
    "\u{9b}2J".as_bytes(),
    "\u{85}".as_bytes(),
    "\u{202e}".as_bytes(),
    "\u{2066}".as_bytes(),
    "\u{200b}".as_bytes(),
    "\u{200d}".as_bytes(),
    "\u{feff}".as_bytes(),
    "\u{2028}".as_bytes(),
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xc3",
    b"\xe2\x82",
    b"\x9b",
    "👩‍👩‍👧‍👦".as_bytes(),
    "👍🏽".as_bytes(),
    "1️⃣".as_bytes(),
    "中文字".as_bytes(),
    "é".as_bytes(),
    "e\u{301}".as_bytes(),
    b"platform role",
    b"March 9, 2017",
    b".",
];

fn hostile_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..600),
        prop::collection::vec(prop::sample::select(PIECES), 0..80)
            .prop_map(|pieces| pieces.concat()),
    ]
}

/// Pieces Markdown and broken HTML are made of, hostile ones among them.
const MARKUP: &[&[u8]] = &[
    b"word ",
    b"Title",
    b"\n",
    b"\n\n",
    b"\r\n",
    b"\t",
    b"    ",
    b"# ",
    b"## ",
    b"- ",
    b"1. ",
    b"> ",
    b"```",
    b"~~~",
    b"**",
    b"*",
    b"_",
    b"[",
    b"](",
    b")",
    b"![",
    b"[^1]",
    b"[^1]: ",
    b"|",
    b"| --- |",
    b"---\n",
    b"+++\n",
    b"title: T\n",
    b"<",
    b">",
    b"</",
    b"<p>",
    b"</p>",
    b"<div class=\"ad\">",
    b"<div class=\"content\">",
    b"</div>",
    b"<script>",
    b"</script>",
    b"<style>",
    b"<!--",
    b"-->",
    b"<![CDATA[",
    b"]]>",
    b"&amp;",
    b"&#27;",
    b"&#x9b;",
    b"&#0;",
    b"&#",
    b";",
    b"&",
    b"<br>",
    b"<ul><li>",
    b"<li>",
    b"</ul>",
    b"<ol start=9>",
    b"<pre>",
    b"</pre>",
    b"<table><tr><td>",
    b"<td>",
    b"</tr>",
    b"<h1>",
    b"</h1>",
    b"<h2>",
    b"<title>",
    b"</title>",
    b"<nav>",
    b"</nav>",
    b"<svg/>",
    b"<a href=\"u\">",
    b"</a>",
    b"<a href=\" javascript:x\">",
    b"<a href=\"\x1b[31m\n/u\">",
    b"<em>",
    b"</em>",
    b"<b>",
    b"</b>",
    b"<code>",
    b"</code>",
    b"<i><strong>",
    b"\xef\xb7\x90",
    b"\xef\xb7\x93",
    b"\xef\xb7\x96",
    b"<blockquote>",
    b"<head>",
    b"<body>",
    b"<meta charset=windows-1252>",
    b"\"",
    b"'",
    b"=",
    b"\x1b[31m",
    b"\xc2\x9b",
    b"\xe2\x80\xae",
    b"\xe4\xb8\xad\xe6\x96\x87",
    b"\xff",
    b"\x93",
    b"<plaintext>",
    b"<textarea>",
    b"<noscript>",
    b"<header>",
    b"<article>",
    b"</article>",
];

fn markup_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..600),
        prop::collection::vec(prop::sample::select(MARKUP), 0..120)
            .prop_map(|pieces| pieces.concat()),
    ]
}

/// A state file's JSON with hostile values where a real one has text and
/// positions: huge numbers, control characters, bidi overrides.
fn hostile_state_json() -> impl Strategy<Value = String> {
    let text = prop_oneof![
        Just(String::new()),
        "[a-z ]{0,20}",
        Just("\u{1b}]0;pwned\u{7}".to_owned()),
        Just("\u{202e}gnp.exe\u{9b}2J".to_owned()),
        Just("paragraph here".to_owned()),
        Just("é中👩‍👩‍👧".to_owned()),
    ];
    let number = prop_oneof![0usize..8, Just(usize::MAX), any::<usize>()];
    let bookmark = (
        number.clone(),
        number.clone(),
        text.clone(),
        text.clone(),
        any::<bool>(),
    )
        .prop_map(|(paragraph, byte, quote, note, orphaned)| {
            serde_json::json!({
                "id": format!("b{paragraph}-{byte}"),
                "paragraph": paragraph,
                "byte": byte,
                "quote": quote,
                "note": note,
                "created": "2024-01-01T00:00:00Z",
                "orphaned": orphaned,
            })
        });
    (
        prop::collection::vec(bookmark, 0..6),
        number.clone(),
        number,
        text.clone(),
        text,
    )
        .prop_map(|(bookmarks, paragraph, byte, title, path)| {
            serde_json::json!({
                "version": 1,
                "id": "0123456789abcdef0123456789abcdef",
                "last_path": path,
                "title": title,
                "position": { "paragraph": paragraph, "byte": byte },
                "bookmarks": bookmarks,
                "updated": "2024-01-01T00:00:00Z",
            })
            .to_string()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Load never panics and never yields a control character; escape
    /// ranges are valid; streaming in chunks gives the same document.
    #[test]
    fn load_never_panics_and_leaves_no_control_character(
        bytes in hostile_bytes(),
        chunk in 1usize..64,
    ) {
        checks::check_load(&bytes, chunk);
    }

    /// Markdown and HTML (malformed, hostile, arbitrary bytes) never panic
    /// and never yield a control character; headings stay apart.
    #[test]
    fn markdown_and_html_never_panic_and_leave_no_control_character(
        bytes in markup_bytes(),
    ) {
        checks::check_format(&bytes);
    }

    /// Detection never panics on anything load accepts.
    #[test]
    fn detect_never_panics(bytes in hostile_bytes()) {
        if let Ok(doc) = load_bytes(&bytes) {
            checks::check_detect(&doc);
        }
    }

    /// The state parser never panics on arbitrary bytes.
    #[test]
    fn state_parser_never_panics_on_arbitrary_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..400),
    ) {
        checks::check_state(&bytes);
    }

}

proptest! {
    // Each case builds an app, detects, exports and draws: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A well-formed state file with hostile values: parsed clean, then
    /// re-anchored, exported and drawn without panicking.
    #[test]
    fn hostile_state_values_never_panic(json in hostile_state_json()) {
        prop_assert!(margin::store::parse_state(json.as_bytes()).is_ok(), "{}", json);
        checks::check_state(json.as_bytes());
    }

    /// A valid state file with bytes flipped, cut or inserted.
    #[test]
    fn mutated_state_files_never_panic(
        json in hostile_state_json(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8),
    ) {
        let mut bytes = json.into_bytes();
        for (at, byte, kind) in edits {
            if bytes.is_empty() {
                break;
            }
            let i = at.index(bytes.len());
            match kind {
                0 => bytes[i] = byte,
                1 => { bytes.remove(i); }
                _ => bytes.insert(i, byte),
            }
        }
        checks::check_state(&bytes);
    }
}

// --- the terminal-size sweep --------------------------------------------------------------

/// The corpus in `tests/fixtures/hostile/`, loaded (the binary file is
/// refused by load: nothing to draw).
fn fixture_documents() -> Vec<(String, Document)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let docs: Vec<(String, Document)> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter_map(|path| {
            let bytes = std::fs::read(&path).expect("read fixture");
            let doc = load_bytes(&bytes).ok()?;
            Some((path.display().to_string(), doc))
        })
        .collect();
    assert!(docs.len() >= 13, "the corpus is there: {}", docs.len());
    docs
}

/// Large documents, generated: smaller than the pty tests' 10 MB line, as
/// the sweep re-wraps the visible paragraph at every size.
fn large_documents() -> Vec<(String, Document)> {
    let long_line = "lorem ipsum \u{1b}[2J dolor 中文 👩‍👩‍👧 ".repeat(2_000);
    let lines: String = (0..70_000).map(|i| format!("- line {i}\n")).collect();
    vec![
        ("64 KB line".into(), Document::from_text(&long_line)),
        ("70 000 lines".into(), Document::from_text(&lines)),
        ("empty".into(), Document::from_text("")),
    ]
}

/// Draws `app` and checks the frame: no control character in any cell, and
/// with the panel beside the pane, nothing a terminal draws left of the
/// border (counting each character's own width, as terminals that do not
/// know grapheme clusters do) reaches it.
fn draw_and_check(terminal: &mut Terminal<TestBackend>, app: &App, what: &str) {
    let size = app.areas().size;
    if terminal.backend().buffer().area.as_size() != size {
        terminal.backend_mut().resize(size.width, size.height);
    }
    terminal
        .draw(|frame| margin::ui::draw(frame, app))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert!(
            !cell.symbol().chars().any(checks::is_forbidden),
            "{what}: {:?}",
            cell.symbol()
        );
    }
    let Some(panel) = app.areas().panel.filter(|_| app.areas().beside) else {
        return;
    };
    for y in panel.y..panel.bottom() {
        for x in 0..panel.x {
            let symbol = buffer[(x, y)].symbol();
            if symbol == " " {
                continue;
            }
            let sent: u16 = symbol.chars().map(|c| c.width().unwrap_or(0) as u16).sum();
            assert!(
                x + sent <= panel.x,
                "{what}: {symbol:?} at column {x} row {y} reaches the border at {}",
                panel.x
            );
        }
    }
}

/// Draws every document at every size given, paging down, then at the
/// end, with the panel focused and with the help overlay. One test terminal
/// is resized and redrawn, as a real one is.
fn sweep(docs: Vec<(String, Document)>, widths: &[u16], heights: &[u16]) {
    let mut terminal = Terminal::new(TestBackend::new(1, 1)).expect("test terminal");
    for (name, doc) in docs {
        let mut app = App::new(doc, name.clone(), Size::new(1, 1));
        for &width in widths {
            for &height in heights {
                let what = format!("{name} at {width}x{height}");
                app.update(Action::Resize(width, height));
                draw_and_check(&mut terminal, &app, &what);
                app.update(Action::Page(1));
                draw_and_check(&mut terminal, &app, &what);
            }
            app.update(Action::Top);
            app.update(Action::Bottom);
            draw_and_check(&mut terminal, &app, &name);
            app.update(Action::FocusNext);
            draw_and_check(&mut terminal, &app, &name);
            app.update(Action::FocusNext);
            app.update(Action::ToggleHelp);
            draw_and_check(&mut terminal, &app, &name);
            app.update(Action::ToggleHelp);
        }
    }
}

/// Sizes from 1×1 to 300×100 in steps, plus the edges that matter (the
/// panel moves beside the pane at 80 columns).
fn grid(width_step: usize, height_step: usize) -> (Vec<u16>, Vec<u16>) {
    let widths = (1..=300)
        .step_by(width_step)
        .chain([2, 3, 79, 80, 81, 300])
        .collect();
    let heights = (1..=100).step_by(height_step).chain([2, 3, 100]).collect();
    (widths, heights)
}

#[test]
fn every_size_from_1x1_to_300x100_draws_the_hostile_fixtures() {
    let (widths, heights) = grid(43, 33);
    sweep(fixture_documents(), &widths, &heights);
}

#[test]
fn every_size_from_1x1_to_300x100_draws_the_large_hostile_documents() {
    sweep(
        large_documents(),
        &[1, 2, 3, 41, 79, 80, 81, 173, 300],
        &[1, 3, 40, 100],
    );
}
