//! The properties every input must keep, shared by the proptest suite
//! (`tests/properties.rs`, run by `cargo test`) and the cargo-fuzz targets
//! (`fuzz/fuzz_targets/*.rs`, which include this file by path).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure is the test failing"
)]
#![allow(dead_code)]

use margin::app::{App, Change};
use margin::bookmarks::{ArticleId, reanchor_ops};
use margin::document::{Document, View};
use margin::load::{LoadError, Loader, load_bytes};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;

/// A character no text margin shows may hold: C0 but newline, DEL, C1, a
/// bidi control or mark, or an invisible formatting character (the joiners
/// U+200C and U+200D aside, which emoji and some scripts need).
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{061C}'
                | '\u{200B}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2060}'..='\u{2064}'
                | '\u{206A}'..='\u{206F}'
                | '\u{180E}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

pub fn assert_clean(text: &str, what: &str) {
    if let Some(c) = text.chars().find(|&c| is_forbidden(c)) {
        panic!("{what}: U+{:04X} survived in {text:?}", c as u32);
    }
}

/// Loads `bytes`; a refusal must be a NUL in the sniffed window. A document
/// holds no forbidden character in either view, its escape ranges lie on
/// character boundaries inside their paragraph, and streaming the bytes in
/// chunks of `chunk` gives the same paragraphs.
pub fn check_load(bytes: &[u8], chunk: usize) -> Option<Document> {
    let mut doc = match load_bytes(bytes) {
        Ok(doc) => doc,
        Err(LoadError::Binary(at)) => {
            assert!(
                bytes.get(at) == Some(&0) || at < bytes.len(),
                "NUL offset {at}"
            );
            assert!(bytes.contains(&0), "refused without a NUL");
            return None;
        }
    };
    assert!(doc.is_complete());
    for view in [View::Raw, View::Repaired] {
        doc.set_view(view);
        for i in 0..doc.len() {
            let text = doc.paragraph(i);
            assert_clean(text, "paragraph");
            assert!(!text.is_empty(), "empty paragraph {i}");
            for range in doc.escapes(i) {
                assert!(
                    range.start < range.end && range.end <= text.len(),
                    "{range:?}"
                );
                assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
                let shown = &text[range];
                assert!(
                    shown.starts_with('^') || shown.starts_with("M-^") || shown.starts_with("<U+"),
                    "escape shows {shown:?}"
                );
            }
        }
    }
    doc.set_view(View::Repaired);
    if let Some(title) = doc.title() {
        assert_clean(title, "title");
    }
    let mut loader = Loader::new();
    let mut streamed = Document::default();
    for piece in bytes.chunks(chunk.max(1)) {
        if let Some(block) = loader.push(piece).expect("the whole input loaded") {
            streamed.push_block(block);
        }
    }
    streamed.push_block(loader.finish().expect("the whole input loaded"));
    assert!(
        streamed.raw_paragraphs().eq(doc.raw_paragraphs()),
        "streaming in chunks of {chunk} split differently"
    );
    Some(doc)
}

/// Markdown and HTML conversion never panics on any bytes; a refusal is a
/// NUL near the start; the reading text loads like any text (no control
/// character survives, streaming splits it the same) with every heading
/// kept a paragraph of its own, and the same bytes always give the same text.
pub fn check_format(bytes: &[u8]) {
    use margin::format::{Binary, Format, convert};
    for format in [Format::Markdown, Format::Html] {
        let converted = match convert(format, bytes) {
            Ok(converted) => converted,
            Err(Binary(at)) => {
                assert!(bytes.contains(&0) && at < bytes.len(), "refused at {at}");
                continue;
            }
        };
        assert!(
            !converted.text.contains('\0'),
            "{format:?}: NUL in the text"
        );
        let again = convert(format, bytes).expect("converted once");
        assert_eq!(again, converted, "{format:?}: not the same twice");
        check_load(converted.text.as_bytes(), 61).expect("reading text is never binary");
        let doc =
            margin::load::load_with_headings(converted.text.as_bytes(), converted.headings.clone())
                .expect("loads");
        // Style marks (and HTML's link places) are the converter's: none
        // is left, and every style lies on the text's characters.
        let last_mark = match format {
            Format::Html => '\u{FDD6}',
            _ => '\u{FDD5}',
        };
        for (i, text) in doc.paragraphs().enumerate() {
            assert!(
                !text.chars().any(|c| ('\u{FDD0}'..=last_mark).contains(&c)),
                "{format:?}: a mark left in {text:?}"
            );
            for style in margin::format::style::Inline::ALL {
                for range in doc.styles_in(style, i, 0..usize::MAX) {
                    assert!(
                        range.start < range.end
                            && text.is_char_boundary(range.start)
                            && text.is_char_boundary(range.end),
                        "{format:?}: {style:?} at {range:?} in {text:?}"
                    );
                }
            }
        }
        for heading in &converted.headings {
            let alone = doc.paragraphs().any(|p| p == heading);
            let changed = heading.chars().any(is_forbidden) || heading.contains('\t');
            assert!(alone || changed, "{format:?}: heading {heading:?} joined");
        }
    }
}

/// Detection never panics; every section points into the document and its
/// title is clean.
pub fn check_detect(doc: &Document) {
    let annotations = margin::detect::detect(doc);
    for section in &annotations.sections {
        assert!(section.paragraph < doc.len().max(1), "{section:?}");
        assert_clean(&section.title(doc), "section title");
    }
}

/// A state file's bytes: parsing never panics; a parsed state is clean, and
/// re-anchoring it to a document, resuming and drawing a frame (what opening
/// an article does), exporting it and drawing a frame never panic either.
pub fn check_state(bytes: &[u8]) {
    let Ok(mut state) = margin::store::parse_state(bytes) else {
        return;
    };
    for b in &state.bookmarks {
        assert_clean(&b.quote, "quote");
        assert_clean(b.note.as_deref().unwrap_or(""), "note");
        assert_clean(&b.created, "created");
    }
    assert_clean(state.title.as_deref().unwrap_or(""), "title");
    assert_clean(state.last_path.as_deref().unwrap_or(""), "path");
    let doc = Document::from_text("Title\n\nOne paragraph here.\n\nAnother, longer one.\n");
    state.id = ArticleId::of(&doc);
    for op in reanchor_ops(&state, &doc) {
        state.apply(op);
    }
    let annotations = margin::detect::detect(&doc);
    let md = margin::export::reading_note_md(&doc, "state", &annotations, &state);
    let json = margin::export::reading_note_json(&doc, "state", &annotations, &state);
    let list = margin::export::bookmarks_json(&state);
    for out in [md, json, list] {
        assert!(
            !out.chars().any(|c| c.is_control() && c != '\n'),
            "raw control character in an export: {out:?}"
        );
    }
    let mut app = App::new(doc, "state".into(), Size::new(60, 12));
    app.update(Change::Restored {
        state,
        resume: true,
    });
    draw(&app);
}

/// Draws one frame of `app` into a test backend.
pub fn draw(app: &App) -> Terminal<TestBackend> {
    let size = app.areas().size;
    let mut terminal =
        Terminal::new(TestBackend::new(size.width, size.height)).expect("test terminal");
    terminal
        .draw(|frame| margin::ui::draw(frame, app))
        .expect("draw");
    terminal
}
