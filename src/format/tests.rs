use super::*;
use crate::document::Document;

const NOTES: &[u8] = include_bytes!("../../tests/fixtures/formats/notes.md");
const PAGE: &[u8] = include_bytes!("../../tests/fixtures/formats/page.html");

pub(super) fn text(format: Format, bytes: &[u8]) -> String {
    style::plain(&convert(format, bytes).expect("converts").text)
}

/// The document a user reads: converted, then loaded as text is.
pub(super) fn document(format: Format, bytes: &[u8]) -> Document {
    let converted = convert(format, bytes).expect("converts");
    crate::load::load_with_headings(converted.text.as_bytes(), converted.headings).expect("loads")
}

/// Markdown's marks, none of which may be left in the reading text.
fn assert_no_markup(text: &str) {
    for mark in [
        "# ", "**", "__", "](", "```", "~~~", "<http", "---", "+++", "|---",
    ] {
        assert!(!text.contains(mark), "{mark:?} left in:\n{text}");
    }
    for line in text.lines() {
        assert!(
            !line.starts_with('#') && !line.starts_with("> "),
            "{line:?}"
        );
        assert!(
            !line.starts_with("- ") && !line.starts_with("* "),
            "{line:?}"
        );
    }
}

#[test]
fn markdown_reads_as_text_with_its_structure() {
    let d = document(Format::Markdown, NOTES);
    let paragraphs: Vec<&str> = d.paragraphs().collect();
    let all = paragraphs.join("\n\n");
    // Code is kept as typed; nothing else keeps a mark.
    let prose: Vec<&str> = all.lines().filter(|l| !l.starts_with("│ ")).collect();
    assert_no_markup(&prose.join("\n"));
    assert_eq!(d.title(), Some("Acme and the platform role"));
    assert_eq!(
        paragraphs[1],
        "Acme built the marketplace in 2014, and its owners[1] said it would be open to everyone."
    );
    assert_eq!(paragraphs[2], "The seller's role", "a heading stands alone");
    assert_eq!(
        paragraphs[3],
        "• Sellers list goods\n• Sellers ship them\n  1. by post\n  2. by courier"
    );
    assert_eq!(
        paragraphs[4],
        "▎ Platforms are judged by what they let through."
    );
    // Code keeps its lines, its blank line and its indent, and is not repaired.
    assert_eq!(
        paragraphs[5],
        "│ fn main() {\n│\n│     println!(\"kept as typed: **not bold**\");\n│ }"
    );
    assert!(
        paragraphs[6].starts_with("│ Year │ Product"),
        "{}",
        paragraphs[6]
    );
    assert!(paragraphs[6].contains("\n│ 2016 │ Sesame Credit │"));
    assert!(all.contains("Read more at https://example.com/more."));
    assert!(
        all.ends_with("Links\n\n1. https://example.com/owners"),
        "{all}"
    );
    assert!(
        !all.contains("Front matter") && !all.contains("tags:"),
        "front matter shown"
    );
}

#[test]
fn front_matter_gives_the_title_when_no_heading_does() {
    let t = text(
        Format::Markdown,
        b"---\ntitle: \"The real title\"\n---\n\nBody *text*.\n",
    );
    assert_eq!(t, "The real title\n\nBody text.");
    let t = text(
        Format::Markdown,
        b"+++\ntitle = 'Toml title'\n+++\n\nBody.\n",
    );
    assert_eq!(t, "Toml title\n\nBody.");
}

#[test]
fn html_shows_the_article_not_the_page() {
    let d = document(Format::Html, PAGE);
    let all: Vec<&str> = d.paragraphs().collect();
    let all = all.join("\n\n");
    assert_eq!(d.title(), Some("How Acme lost the social race"));
    assert!(
        all.contains("Acme opened its marketplace in 2014 & hoped"),
        "{all}"
    );
    for furniture in [
        "Tech navigation link",
        "Example News",
        "widgets",
        "script text",
        "late script",
        "color: red",
        "Sidebar story",
        "Related stories",
        "footer text",
    ] {
        assert!(!all.contains(furniture), "{furniture:?} shown:\n{all}");
    }
    assert!(all.contains("\n\nThe seller's role\n\n"), "{all}");
    assert!(all.contains("• Sellers list goods, set prices and answer questions\n• Sellers ship"));
    assert!(all.contains("▎ Platforms are judged"));
    assert!(
        all.contains("été is decoded,\n  and this line was broken by a br."),
        "{all}"
    );
}

#[test]
fn an_escape_written_as_an_entity_is_shown_inert() {
    let d = document(Format::Html, PAGE);
    let (index, text) = d
        .paragraphs()
        .enumerate()
        .find(|(_, p)| p.starts_with("The escape"))
        .expect("paragraph");
    assert!(text.starts_with("The escape ^[[31m stays inert"), "{text}");
    assert_eq!(&text[d.escapes(index)[0].clone()], "^[");
    let raw = convert(Format::Html, b"<p>bell &#7; and &#x9b; and &#0; end</p>").expect("converts");
    let d = crate::load::load_bytes(raw.text.as_bytes()).expect("loads");
    assert!(!d.paragraph(0).chars().any(|c| c.is_control() && c != '\n'));
}

#[test]
fn a_page_without_an_article_shows_its_text() {
    assert_eq!(
        text(Format::Html, b"<div>Short</div><span>words</span>"),
        "Short\n\nwords"
    );
    // All furniture: its text rather than nothing.
    assert_eq!(text(Format::Html, b"<nav>Home</nav>"), "Home");
    assert_eq!(text(Format::Html, b""), "");
}

#[test]
fn the_title_loses_the_site_name() {
    let page = b"<title>Why fees rose - The Daily Example</title><p>Fees rose in 2015, as everyone knows now.</p>";
    assert!(text(Format::Html, page).starts_with("Why fees rose\n\n"));
}

#[test]
fn a_declared_legacy_charset_is_honoured() {
    let page = b"<html><head><meta charset=\"windows-1252\"></head><body><p>caf\xe9 \x93quoted\x94</p></body></html>";
    let converted = convert(Format::Html, page).expect("converts");
    assert_eq!(converted.text, "café “quoted”");
    assert_eq!(converted.replaced_bytes, 0);
    let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><p>na\xefve</p>";
    assert_eq!(text(Format::Html, page), "naïve");
    // Undeclared: UTF-8, bad bytes counted.
    let converted = convert(Format::Html, b"<p>bad \xff here</p>").expect("converts");
    assert_eq!(
        (converted.text.as_str(), converted.replaced_bytes),
        ("bad \u{FFFD} here", 1)
    );
}

#[test]
fn utf16_with_a_bom_is_decoded() {
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("# Hé\n\nText.".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(text(Format::Markdown, &bytes), "Hé\n\nText.");
}

#[test]
fn a_nul_near_the_start_is_refused() {
    assert_eq!(convert(Format::Html, b"<p>a\0b</p>"), Err(Binary(4)));
}

#[test]
fn formats_are_named_by_extension_and_sniffed() {
    use std::path::Path;
    assert_eq!(
        Format::from_path(Path::new("a/notes.MD")),
        Some(Format::Markdown)
    );
    assert_eq!(Format::from_path(Path::new("page.htm")), Some(Format::Html));
    assert_eq!(
        Format::from_path(Path::new("essay.txt")),
        Some(Format::Text)
    );
    assert_eq!(Format::from_path(Path::new("-")), None);
    assert_eq!(sniff(PAGE), Format::Html);
    assert_eq!(sniff(b"  <html><p>x</p></html>"), Format::Html);
    assert_eq!(sniff(b"<div><p>one</p><p>two</p><br></div>"), Format::Html);
    assert_eq!(sniff(NOTES), Format::Markdown);
    assert_eq!(sniff(b"# Title\n\nSome text here.\n"), Format::Markdown);
    assert_eq!(
        sniff(b"Intro.\n\n- one\n- two\n\nSee **this**.\n"),
        Format::Markdown
    );
    assert_eq!(sniff(crate::source::BUNDLED.as_bytes()), Format::Text);
    assert_eq!(
        sniff(b"Plain text, a < b and c > d.\n\nMore."),
        Format::Text
    );
    assert_eq!(sniff(b""), Format::Text);
}

/// Each heading style keeps its heading a paragraph of its own, in the
/// repaired view, and the paragraph after it too.
#[test]
fn headings_of_every_style_are_never_joined() {
    let cases: [(&[u8], Format, &[&str]); 3] = [
        (
            include_bytes!("../../tests/fixtures/formats/headings-markdown.md"),
            Format::Markdown,
            &[
                "Platforms and their roles",
                "The seller's role",
                "What the platform does",
            ],
        ),
        (
            include_bytes!("../../tests/fixtures/formats/headings-numbered-en.txt"),
            Format::Text,
            &[
                "2. The insurer's role",
                "II. The broker",
                "The platform owner's role",
            ],
        ),
        (
            include_bytes!("../../tests/fixtures/formats/headings-numbered-zh.txt"),
            Format::Text,
            &["一、平台方的角色", "（三）卖家的角色", "第三章 担保人"],
        ),
    ];
    for (bytes, format, headings) in cases {
        let d = document(format, bytes);
        let paragraphs: Vec<&str> = d.paragraphs().collect();
        for heading in headings {
            assert!(
                paragraphs.contains(heading),
                "{heading:?} not alone in {paragraphs:?}"
            );
        }
        assert!(
            !paragraphs.iter().any(|p| p.starts_with('#')),
            "{paragraphs:?}"
        );
    }
}

/// Found by a user: a lowercase paragraph after a Markdown heading would
/// join it ("What the platform does it sets the rules").
#[test]
fn a_lowercase_paragraph_after_a_heading_stays_apart() {
    let d = document(
        Format::Markdown,
        include_bytes!("../../tests/fixtures/formats/headings-markdown.md"),
    );
    assert!(
        d.paragraphs()
            .any(|p| p == "it sets the rules and takes a share.")
    );
}

fn drain(mut stream: Stream) -> (String, Vec<String>) {
    let (mut text, mut headings) = (String::new(), Vec::new());
    while let Some((piece, more)) = stream.next_piece() {
        text.push_str(&piece);
        headings.extend(more);
    }
    (text, headings)
}

/// Cutting Markdown into pieces changes nothing: lists, fences with blank
/// lines, references defined at the other end, front matter, numbering of links.
#[test]
fn markdown_in_pieces_reads_as_markdown_whole() {
    let notes = String::from_utf8_lossy(NOTES);
    let body = notes.split("---\n").nth(2).expect("after front matter");
    let mut source = notes.to_string();
    for i in 0..300 {
        source.push_str(&format!(
            "\n\n## Part {i}\n\n1. one\n\n2. two [ref][r]\n\n```\nfenced\n\nstill code {i}\n```\n\n{body}"
        ));
    }
    source.push_str("\n\n[r]: https://example.com/defined-at-the-end\n");
    let whole = drain(Stream::Markdown(Box::new(markdown::Stream::with_pieces(
        source.clone(),
        usize::MAX,
        usize::MAX,
    ))));
    for (first, piece) in [(1, 1), (100, 1000), (32 << 10, 512 << 10)] {
        let cut = drain(Stream::Markdown(Box::new(markdown::Stream::with_pieces(
            source.clone(),
            first,
            piece,
        ))));
        if cut.0 != whole.0 {
            let at = cut
                .0
                .bytes()
                .zip(whole.0.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            let from = at.saturating_sub(300);
            panic!(
                "pieces of {first}/{piece} differ at {at}:\n{}\n----- whole:\n{}",
                &cut.0[from..(at + 200).min(cut.0.len())],
                &whole.0[from..(at + 200).min(whole.0.len())]
            );
        }
        assert_eq!(cut.1, whole.1);
    }
    assert!(whole.0.contains("two ref[2]"), "reference resolved");
    assert!(whole.0.contains("│ fenced\n│\n│ still code 299"));
    assert!(whole.0.len() > 64 << 10, "big enough to be cut");
}

/// A page bigger than what the article is chosen from: its later
/// paragraphs are kept, its later furniture dropped.
#[test]
fn a_big_page_keeps_its_article_past_the_first_megabyte() {
    let mut page = String::from(
        "<html><head><title>Big | Site</title></head><body><nav>Menu link</nav><article><h1>Big</h1>",
    );
    let mut n = 0;
    while page.len() < 3 << 20 {
        n += 1;
        page.push_str(&format!(
            "<p>Paragraph {n}, long enough to be scored, with a comma or two, and more.</p>\n"
        ));
    }
    page.push_str("<p>The last paragraph.</p></article><footer>Footer text</footer>");
    page.push_str("<aside class=\"sidebar\">Late sidebar</aside></body></html>");
    let t = text(Format::Html, page.as_bytes());
    assert!(t.starts_with("Big\n\nParagraph 1, long"), "{}", &t[..200]);
    assert!(t.contains(&format!("Paragraph {n}, long")));
    assert!(
        t.ends_with("The last paragraph."),
        "{}",
        &t[t.len() - 200..]
    );
    for furniture in ["Menu link", "Footer text", "Late sidebar"] {
        assert!(!t.contains(furniture), "{furniture}");
    }
}

/// A heading too long to look like one is a section all the same: its
/// source said it was one.
#[test]
fn a_long_heading_is_a_section_all_the_same() {
    let d = document(
        Format::Markdown,
        b"# T\n\n## A heading that is much longer than eight words can ever be\n\nBody text.",
    );
    let sections = crate::detect::detect(&d).sections;
    assert!(
        sections
            .iter()
            .any(|s| s.paragraph == 1 && s.kind == crate::detect::SectionKind::Heading),
        "{sections:?}"
    );
}

/// HTML inside Markdown shows its text, never its tags.
#[test]
fn html_in_markdown_shows_its_text() {
    let t = text(
        Format::Markdown,
        b"Intro.\n\n<div align=\"center\">Centred <b>words</b> &amp; more</div>\n\nA line<br>broken.\n\n<!-- a comment -->\n\nEnd.",
    );
    assert_eq!(
        t,
        "Intro.\n\nCentred words & more\n\nA line\n  broken.\n\nEnd."
    );
}

/// Pages written without <p>: two <br> part paragraphs, one breaks a line.
#[test]
fn two_line_breaks_part_paragraphs() {
    let t = text(
        Format::Html,
        b"<div>First paragraph, first line<br>and its second line.<br><br>\n<br>Second paragraph.</div>",
    );
    assert_eq!(
        t,
        "First paragraph, first line\n  and its second line.\n\nSecond paragraph."
    );
}

/// The styles of paragraph `index`, in order of kind, as the bytes and text
/// they cover.
pub(super) fn styles(
    d: &Document,
    index: usize,
) -> Vec<(style::Inline, std::ops::Range<usize>, &str)> {
    let text = d.paragraph(index);
    style::Inline::ALL
        .into_iter()
        .flat_map(|kind| {
            d.styles_in(kind, index, 0..usize::MAX)
                .into_iter()
                .map(move |r| (kind, r.clone(), &text[r]))
        })
        .collect()
}

#[test]
fn emphasis_strong_and_code_are_styles_at_their_bytes() {
    use style::Inline::{Code, Emphasis, Strong};
    let d = document(Format::Markdown, b"*a* **b** `c`");
    assert_eq!(d.paragraph(0), "a b c");
    assert_eq!(
        styles(&d, 0),
        [
            (Emphasis, 0..1, "a"),
            (Strong, 2..3, "b"),
            (Code, 4..5, "c")
        ]
    );
    // An escape before them is longer than what it shows (`^[` for one
    // byte, `<U+202E>` for three): the styles move with the text.
    let d = document(
        Format::Markdown,
        "T\n\n*x* \u{1b} \u{202e} *a* **b** `c` y".as_bytes(),
    );
    assert_eq!(d.paragraph(1), "x ^[ <U+202E> a b c y");
    assert_eq!(
        styles(&d, 1),
        [
            (Emphasis, 0..1, "x"),
            (Emphasis, 14..15, "a"),
            (Strong, 16..17, "b"),
            (Code, 18..19, "c")
        ]
    );
    assert_eq!(d.escapes(1), [2..4, 5..13]);
    // Nested, and in a heading (set apart already: no style, and its text
    // is the heading's).
    let d = document(Format::Markdown, b"# A *b*\n\n***both*** and **x `y`**");
    assert_eq!(d.paragraph(0), "A b");
    assert!(styles(&d, 0).is_empty());
    assert_eq!(
        styles(&d, 1),
        [
            (Emphasis, 0..4, "both"),
            (Strong, 0..4, "both"),
            (Strong, 9..12, "x y"),
            (Code, 11..12, "y")
        ]
    );
}

#[test]
fn styles_keep_their_place_in_both_views_however_the_text_is_cut() {
    use crate::document::View;
    let source =
        "T\n\nsome text \u{7} that goes *on* and\n\nthen \u{1b} *a* **b** `c` end.\n\nNext.";
    let converted = convert(Format::Markdown, source.as_bytes()).expect("converts");
    let whole = document(Format::Markdown, source.as_bytes());
    let mut want = Vec::new();
    for view in [View::Repaired, View::Raw] {
        let mut d = whole.clone();
        d.set_view(view);
        want.push(
            (0..d.len())
                .map(|i| styles(&d, i))
                .map(|s| format!("{s:?}"))
                .collect::<Vec<_>>(),
        );
    }
    let repaired = &want[0];
    assert_eq!(
        whole.paragraph(1),
        "some text ^G that goes on and then ^[ a b c end."
    );
    assert_eq!(
        repaired[1],
        r#"[(Emphasis, 23..25, "on"), (Emphasis, 38..39, "a"), (Strong, 40..41, "b"), (Code, 42..43, "c")]"#
    );
    assert_eq!(
        want[1][2],
        r#"[(Emphasis, 8..9, "a"), (Strong, 10..11, "b"), (Code, 12..13, "c")]"#
    );
    // Cut in two blocks anywhere, even inside a mark: the join across them
    // is copied, and the styles follow.
    let bytes = converted.text.as_bytes();
    for at in 0..=bytes.len() {
        let mut loader = crate::load::Loader::converted();
        let mut d = Document::default();
        for part in [&bytes[..at], &bytes[at..]] {
            if let Some(block) = loader.push(part).expect("text") {
                d.push_block(block);
            }
        }
        d.push_block(loader.finish().expect("text"));
        for (view, want) in [View::Repaired, View::Raw].into_iter().zip(&want) {
            d.set_view(view);
            let got: Vec<String> = (0..d.len())
                .map(|i| format!("{:?}", styles(&d, i)))
                .collect();
            assert_eq!(&got, want, "cut at {at}, {view:?}");
        }
    }
}

#[test]
fn a_source_cannot_write_style_marks() {
    let (open, close) = (style::Inline::Strong.open(), style::Inline::Strong.close());
    let markdown = format!("a {open}b{close} *c*\n\n```\n{open}d{close}\n```");
    let d = document(Format::Markdown, markdown.as_bytes());
    assert_eq!(d.paragraph(0), "a \u{FFFD}b\u{FFFD} c");
    assert_eq!(styles(&d, 0), [(style::Inline::Emphasis, 10..11, "c")]);
    assert!(styles(&d, 1).is_empty());
    let html = format!("<p>a {open}b{close} c</p><table><tr><td>{open}e{close}</td></tr></table>");
    let d = document(Format::Html, html.as_bytes());
    assert_eq!(d.paragraph(0), "a \u{FFFD}b\u{FFFD} c");
    assert_eq!(d.paragraph(1), "│ \u{FFFD}e\u{FFFD} │");
    assert!(styles(&d, 0).is_empty() && styles(&d, 1).is_empty());
}
