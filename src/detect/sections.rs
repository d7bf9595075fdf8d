//! Sections: the title, heading-like paragraphs and, for short articles
//! without headings, every paragraph as an outline entry.

use unicode_segmentation::UnicodeSegmentation;

use super::{Section, SectionKind};
use crate::document::Document;

/// Up to this many paragraphs an article gets a paragraph outline.
const OUTLINE_MAX_PARAGRAPHS: usize = 200;
/// A heading is a short paragraph: at most this many characters.
const HEADING_MAX_CHARS: usize = 60;
/// Words of a paragraph shown as its outline label.
const LABEL_WORDS: usize = 6;

pub fn detect_sections(doc: &Document) -> Vec<Section> {
    let mut sections = Vec::new();
    let has_title = doc.title().is_some();
    if let Some(title) = doc.title() {
        sections.push(Section::titled(
            0,
            SectionKind::Title,
            doc.paragraph(0),
            title,
        ));
    }
    let outline = doc.len() <= OUTLINE_MAX_PARAGRAPHS;
    let start = usize::from(has_title);
    for (index, text) in doc.paragraphs().enumerate().skip(start) {
        if paragraph_is_heading(doc, text) {
            let title = text.trim_start_matches('#').trim();
            sections.push(Section::titled(index, SectionKind::Heading, text, title));
        } else if outline {
            sections.push(Section::opening(index));
        }
    }
    // A 100 MB article has 100 000 headings: no growth slack kept.
    sections.shrink_to_fit();
    sections
}

/// Whether paragraph `text` of `doc` is a heading: the one its source
/// marked (Markdown, HTML), else one that reads as one.
pub fn paragraph_is_heading(doc: &Document, text: &str) -> bool {
    if doc.headings_known() {
        doc.is_marked_heading(text)
    } else {
        is_heading(text)
    }
}

/// A Markdown heading, or a short line that does not read as a sentence.
pub fn is_heading(text: &str) -> bool {
    let text = text.trim();
    if text.starts_with('#') {
        return true;
    }
    // A char is at most 4 bytes: long paragraphs are not counted char by char.
    let short = text.len() <= 4 * HEADING_MAX_CHARS
        && text.chars().count() <= HEADING_MAX_CHARS
        && !text.contains('\n');
    short && !text.ends_with(['.', ',', ';', '。', '，']) && text.split_whitespace().count() <= 8
}

/// The first words of a paragraph, with an ellipsis when cut.
pub fn label(text: &str) -> String {
    let words: Vec<&str> = text.unicode_words().take(LABEL_WORDS + 1).collect();
    if words.len() <= LABEL_WORDS {
        return text.chars().take(HEADING_MAX_CHARS).collect();
    }
    let end = text
        .split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .nth(LABEL_WORDS - 1)
        .map_or(text.len(), |(i, w)| i + w.len());
    format!("{}…", &text[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_article_has_title_and_outline() {
        let doc =
            crate::load::load_bytes(include_bytes!("../../assets/article.txt")).expect("loads");
        let sections = detect_sections(&doc);
        assert_eq!(sections[0].kind, SectionKind::Title);
        assert_eq!(sections[0].title(&doc), "This time, Alipay lost in");
        assert!(
            sections
                .iter()
                .any(|s| s.title(&doc).starts_with("platform role"))
        );
        assert!(sections.windows(2).all(|w| w[0].paragraph < w[1].paragraph));
    }

    #[test]
    fn markdown_and_short_headings() {
        assert!(is_heading("## Background"));
        assert!(is_heading("The Platform"));
        assert!(!is_heading("This is a sentence."));
        assert!(!is_heading(&"long ".repeat(20)));
    }

    #[test]
    fn a_converted_article_has_the_headings_its_source_marks() {
        let source = b"# Title\n\nText with [a link](https://x.org).\n\n```\ncargo run\n```\n\n\
            - one item\n\nShort line\n\n## Part two\n\nMore.\n";
        let converted =
            crate::format::convert(crate::format::Format::Markdown, source).expect("converts");
        let doc = crate::load::load_with_headings(converted.text.as_bytes(), converted.headings)
            .expect("loads");
        // A line of code, a one-item list, a short line and the one
        // address listed are no headings: the source says which are.
        let headings: Vec<String> = detect_sections(&doc)
            .iter()
            .filter(|s| s.kind != SectionKind::Paragraph)
            .map(|s| s.title(&doc).into_owned())
            .collect();
        assert_eq!(headings, ["Title", "Part two", "Links"]);
        // The same lines in a text file are headings by their look.
        let doc = Document::from_text("Title\n\nText.\n\ncargo run\n\nShort line\n\nMore.");
        let headings = detect_sections(&doc)
            .iter()
            .filter(|s| s.kind == SectionKind::Heading)
            .count();
        assert_eq!(headings, 2);
    }

    #[test]
    fn labels_cut_after_six_words() {
        assert_eq!(label("one two three"), "one two three");
        assert_eq!(
            label("one, two three four five six seven"),
            "one, two three four five six…"
        );
    }

    #[test]
    fn long_documents_list_only_headings() {
        let mut text = String::from("Title\n\n");
        for i in 0..300 {
            text.push_str(&format!("Sentence number {i} ends here.\n\n"));
        }
        text.push_str("# Appendix\n\nMore.");
        let doc = Document::from_text(&text);
        let sections = detect_sections(&doc);
        assert_eq!(sections.len(), 2);
        assert_eq!(sections[1].title(&doc), "Appendix");
    }
}
