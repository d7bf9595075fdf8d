//! `margin --print`: the article as plain text for pipes and pagers. Pure:
//! the caller writes the string.
//!
//! Each paragraph is wrapped with the reader's own wrapping (display width,
//! CJK-aware); its first line carries its number and an annotation mark in
//! a gutter; a blank line separates paragraphs.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::detect::{Annotations, Highlighter, SectionKind};
use crate::document::Document;
use crate::layout::wrap;

/// Marks a paragraph that starts a section (the title or a heading).
pub const SECTION_MARK: char = '§';

/// Stands for a character wider than the whole text column.
const TOO_WIDE: &str = "?";

/// The article wrapped to `width` columns, with paragraph numbers and
/// marks. Below `gutter + 1` columns the gutter is left out; no line is ever
/// wider than `width` (at least 1).
pub fn print_document(doc: &Document, annotations: &Annotations, width: usize) -> String {
    let digits = doc.len().max(1).to_string().len();
    print_numbered(doc, annotations, width, Numbering { first: 1, digits })
}

/// How paragraphs are numbered: a stream is printed a piece at a time, each
/// numbered on from the last, with a gutter wide enough for what may come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numbering {
    /// The number of the document's first paragraph.
    pub first: usize,
    /// The gutter's digits (more when a number needs them).
    pub digits: usize,
}

/// [`print_document`] for a piece of a longer text.
pub fn print_numbered(
    doc: &Document,
    annotations: &Annotations,
    width: usize,
    numbering: Numbering,
) -> String {
    let width = width.max(1);
    let last = numbering.first + doc.len().saturating_sub(1);
    let digits = numbering.digits.max(last.to_string().len());
    let gutter = digits + 2;
    let with_gutter = width > gutter;
    let text_width = if with_gutter { width - gutter } else { width };
    let blank_gutter = " ".repeat(gutter);
    let mut out = String::new();
    let mut highlighter = annotations.highlighter();
    for (index, text) in doc.paragraphs().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        for (n, range) in wrap(text, text_width).into_iter().enumerate() {
            if with_gutter {
                if n == 0 {
                    let mark = mark(annotations, &mut highlighter, index).unwrap_or(' ');
                    let number = numbering.first + index;
                    out.push_str(&format!("{number:>digits$}{mark} "));
                } else {
                    out.push_str(&blank_gutter);
                }
            }
            push_fitted(&mut out, &text[range], text_width);
            // A line of nothing but its gutter would end in spaces.
            let trimmed = out.trim_end_matches(' ').len();
            out.truncate(trimmed);
            out.push('\n');
        }
    }
    out
}

/// The mark of paragraph `index`, as in the reader's gutter: R role,
/// P product, D date; else § for a section start (found by binary search:
/// sections are in paragraph order).
fn mark(annotations: &Annotations, highlighter: &mut Highlighter, index: usize) -> Option<char> {
    let marks = highlighter.marks(index);
    if marks.role {
        return Some('R');
    }
    if marks.product {
        return Some('P');
    }
    if marks.date {
        return Some('D');
    }
    let sections = &annotations.sections;
    let at = sections.partition_point(|s| s.paragraph < index);
    sections[at..]
        .iter()
        .take_while(|s| s.paragraph == index)
        .any(|s| matches!(s.kind, SectionKind::Title | SectionKind::Heading))
        .then_some(SECTION_MARK)
}

/// Wrapping leaves a single grapheme wider than the column on its own line
/// (a CJK character in one column); it cannot be shown, so it is replaced.
fn push_fitted(out: &mut String, line: &str, width: usize) {
    if line.width() <= width {
        out.push_str(line);
        return;
    }
    for grapheme in line.graphemes(true) {
        out.push_str(if grapheme.width() > width {
            TOO_WIDE
        } else {
            grapheme
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::detect;
    use proptest::prelude::*;

    fn print(text: &str, width: usize) -> String {
        let doc = Document::from_text(text);
        print_document(&doc, &detect(&doc), width)
    }

    #[test]
    fn numbers_marks_wraps_and_separates_paragraphs() {
        let out = print(
            "A Title\n\nthe quick brown fox jumps over the lazy dog.\n\n## Part two\n\nEnd.",
            20,
        );
        assert_eq!(
            out,
            "1§ A Title\n\
             \n\
             2  the quick brown\n   \
             fox jumps over\n   \
             the lazy dog.\n\
             \n\
             3§ ## Part two\n\
             \n\
             4  End.\n"
        );
    }

    #[test]
    fn the_gutter_is_as_wide_as_the_largest_number() {
        let text: String = (1..=12).map(|i| format!("Line {i}.\n\n")).collect();
        let out = print(&text, 30);
        assert!(out.starts_with(" 1"), "{out}");
        assert!(out.contains("\n12  Line 12."), "{out}");
    }

    #[test]
    fn too_narrow_for_a_gutter_prints_the_text_alone() {
        assert_eq!(print("ab cd", 3), "ab\ncd\n");
        // One column cannot show a CJK character: it is replaced, not overflowed.
        assert_eq!(print("中a", 1), "?\na\n");
    }

    #[test]
    fn bundled_article_fits_every_width() {
        let doc =
            crate::load::load_bytes(include_bytes!("../../assets/article.txt")).expect("loads");
        let annotations = detect(&doc);
        for width in 1..=120 {
            let out = print_document(&doc, &annotations, width);
            for line in out.lines() {
                assert!(line.width() <= width, "{width}: {line:?}");
            }
            if width > 4 {
                assert!(out.contains("10  "), "paragraph 10 is numbered at {width}");
            }
        }
    }

    proptest! {
        #[test]
        fn no_line_is_wider_than_the_width(
            text in "([a-zA-Z]{1,12}|[ ]{1,3}|中文|支付宝|👩‍👩‍👧|❤️|\u{1b}\\[31m|\u{9b}|\u{202e}|\u{200b}|\t|\r|\n|\n\n|é|\u{301}|#){0,60}",
            extra in 1usize..60,
        ) {
            let doc = Document::from_text(&text);
            let gutter = doc.len().max(1).to_string().len() + 2;
            let width = gutter + extra;
            let out = print_document(&doc, &detect(&doc), width);
            for line in out.lines() {
                prop_assert!(line.width() <= width, "{} > {}: {:?}", line.width(), width, line);
            }
            // Every paragraph is there, numbered.
            let numbered = out
                .lines()
                .filter(|l| l.chars().nth(gutter - 3).is_some_and(|c| c.is_ascii_digit()))
                .count();
            prop_assert_eq!(numbered, doc.len());
        }
    }
}
