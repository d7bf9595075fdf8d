use super::page::address;
use crate::format::Format;
use crate::format::style::Inline::{Code, Emphasis, Strong};
use crate::format::tests::{document, styles, text};

const ARTICLE: &[u8] = include_bytes!("../../../tests/fixtures/formats/article.html");

#[test]
fn inline_elements_are_styles_at_their_bytes() {
    let d = document(
        Format::Html,
        b"<p>The <em>a</em> <i>b</i> <strong>c</strong> <b>d</b> <code>e</code> <kbd>f</kbd> end</p>",
    );
    assert_eq!(d.paragraph(0), "The a b c d e f end");
    assert_eq!(
        styles(&d, 0),
        [
            (Emphasis, 4..5, "a"),
            (Emphasis, 6..7, "b"),
            (Strong, 8..9, "c"),
            (Strong, 10..11, "d"),
            (Code, 12..13, "e"),
            (Code, 14..15, "f"),
        ]
    );
    // Spaces at a style's edges stay outside it; nested styles both apply.
    let d = document(Format::Html, b"<p>a<em> b </em>c <b><i>both</i></b></p>");
    assert_eq!(d.paragraph(0), "a b c both");
    assert_eq!(
        styles(&d, 0),
        [
            (Emphasis, 2..3, "b"),
            (Emphasis, 6..10, "both"),
            (Strong, 6..10, "both")
        ]
    );
}

#[test]
fn a_style_ends_with_its_paragraph_and_goes_on_in_the_next() {
    // An <em> left open is closed by </p>; one around two paragraphs is in both.
    let d = document(
        Format::Html,
        b"<p>one <em>two</p><p>three.</p><em><p>four.</p><p>five.</p></em><p>six.</p>",
    );
    let got: Vec<_> = (0..d.len()).map(|i| styles(&d, i)).collect();
    assert_eq!(d.paragraph(0), "one two");
    assert_eq!(got[0], [(Emphasis, 4..7, "two")]);
    assert!(got[1].is_empty(), "{got:?}");
    assert_eq!(got[2], [(Emphasis, 0..5, "four.")]);
    assert_eq!(got[3], [(Emphasis, 0..5, "five.")]);
    assert!(got[4].is_empty(), "{got:?}");
    // Across a <br>, each line holds its part.
    let d = document(Format::Html, b"<p><b>up<br>down</b></p>");
    assert_eq!(d.paragraph(0), "up\n  down");
    assert_eq!(
        styles(&d, 0),
        [(Strong, 0..2, "up"), (Strong, 5..9, "down")]
    );
}

#[test]
fn code_blocks_headings_and_cells_keep_their_text_unstyled() {
    let d = document(
        Format::Html,
        b"<h2>A <em>b</em></h2><pre><code>let <b>x</b>;</code></pre>\
          <table><tr><td><em>cell</em></td></tr></table>",
    );
    assert_eq!(d.paragraph(0), "A b");
    assert_eq!(d.paragraph(1), "\u{2502} let x;");
    assert_eq!(d.paragraph(2), "\u{2502} cell \u{2502}");
    for i in 0..3 {
        assert!(styles(&d, i).is_empty(), "{i}: {:?}", styles(&d, i));
    }
}

#[test]
fn the_article_is_styled_and_its_links_are_numbered_and_listed() {
    let d = document(Format::Html, ARTICLE);
    let all: Vec<&str> = d.paragraphs().collect();
    let all = all.join("\n\n");
    assert_eq!(d.title(), Some("Why the borrow checker helps"));
    let first = d
        .paragraphs()
        .position(|p| p.starts_with("The borrow checker"))
        .expect("first paragraph");
    assert_eq!(
        styles(&d, first),
        [
            (Emphasis, 4..18, "borrow checker"),
            (Emphasis, 82..86, "time"),
            (Strong, 22..25, "not"),
            (Strong, 91..99, "patience"),
            (Code, 47..51, "&mut"),
        ]
    );
    // Numbers in the article's order; a script, inline data, a jump inside
    // the page and an address shown as itself get none.
    assert!(
        all.contains(
            "See the book's chapter[1], the notes on lifetimes[2], this button, \
             a data link, the top and https://example.com/."
        ),
        "{all}"
    );
    assert!(all.contains("│ clippy │ its repository[3] │"), "{all}");
    // A heading's link is to itself: no number.
    assert!(all.contains("\n\nWhy it matters\n\n"), "{all}");
    assert!(all.contains("with races explained[4], which"), "{all}");
    // The navigation's and the footer's links are not the article's.
    assert!(
        all.ends_with(
            "Links\n\n\
             1. https://doc.rust-lang.org/book/ch04-02-references-and-borrowing.html\n\
             2. ../notes/lifetimes.html\n\
             3. https://github.com/rust-lang/rust-clippy\n\
             4. https://en.wikipedia.org/wiki/Race_condition"
        ),
        "{all}"
    );
    for furniture in ["News", "Jobs", "Privacy", "newsletter", "/jobs"] {
        assert!(!all.contains(furniture), "{furniture:?} shown:\n{all}");
    }
}

#[test]
fn addresses_are_kept_as_written_unless_no_one_can_go_there() {
    assert_eq!(address(" ../a b.html\n").as_deref(), Some("../a b.html"));
    assert_eq!(
        address("https://x.org/?q=1#top").as_deref(),
        Some("https://x.org/?q=1#top")
    );
    assert_eq!(address("mailto:a@b.org").as_deref(), Some("mailto:a@b.org"));
    for refused in [
        "",
        "  ",
        "#top",
        "javascript:go()",
        " JavaScript:go()",
        "java\nscript:go()",
        "java\tscript:x",
        "DATA:text/html,x",
    ] {
        assert_eq!(address(refused), None, "{refused:?}");
    }
}

#[test]
fn a_fragment_in_markdown_keeps_its_styles_and_numbers_no_link() {
    let t = text(
        Format::Markdown,
        b"Intro.\n\n<div><p>Some <b>bold</b> and <a href=\"/x\">a link</a>.</p></div>\n",
    );
    assert_eq!(t, "Intro.\n\nSome bold and a link.");
    let d = document(
        Format::Markdown,
        b"Intro.\n\n<div><p>Some <b>bold</b> text.</p></div>\n",
    );
    assert_eq!(styles(&d, 1), [(Strong, 5..9, "bold")]);
}

#[test]
fn a_source_cannot_write_a_link_place() {
    let t = text(
        Format::Html,
        "<p>a \u{FDD6} <a href=\"/u\">b</a></p>".as_bytes(),
    );
    assert_eq!(t, "a \u{FFFD} b[1]\n\nLinks\n\n1. /u");
}
#[test]
fn a_title_cannot_write_a_link_place_either() {
    let t = text(Format::Html, "<title>a \u{FDD6} b".as_bytes());
    assert_eq!(t, "a \u{FFFD} b");
}
