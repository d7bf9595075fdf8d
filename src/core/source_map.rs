//! Places in a converted article (Markdown, HTML) and in its source shown
//! as written, mapped to each other by paragraph.
//!
//! The converters keep no record of where each paragraph came from, so
//! the mapping is found from the texts: a paragraph's place in the other
//! text is first estimated by how far into its own text it is, then the
//! nearest paragraph around that estimate that holds the same words (its
//! letters and digits, markup left out) is taken. A converted paragraph
//! matches the source paragraph whose letters contain its first ones
//! (`## Acme **Widget**` holds `Acme Widget`); when none near the estimate
//! does (a paragraph opening with a link), the estimate itself is taken.
//! Exact at paragraph starts when the words are found; inside a paragraph
//! the byte is carried over in proportion.

use crate::document::{Document, Position};

/// Paragraphs looked at on either side of the estimate.
const WINDOW: usize = 64;

/// Letters and digits of a converted paragraph that must be found in its
/// source paragraph.
const KEY_CHARS: usize = 24;

/// Bytes of a source paragraph searched for a key: a huge one-line
/// paragraph is not lowercased whole on every toggle.
const SCAN_BYTES: usize = 64 * 1024;

/// The letters and digits of `text`, lowercased, up to `limit` of them.
fn letters(text: &str, limit: usize) -> String {
    let mut cut = text.len().min(SCAN_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text[..cut]
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .take(limit)
        .collect()
}

/// Whether the source paragraph `source` holds the converted one `converted`.
fn holds(source: &str, converted: &str) -> bool {
    let key = letters(converted, KEY_CHARS);
    !key.is_empty() && letters(source, usize::MAX).contains(&key)
}

/// The paragraph of `to` about as far into it as `position` is into `from`.
fn estimate(from: &Document, to: &Document, position: Position) -> usize {
    let last = to.len().saturating_sub(1);
    let fraction = from.fraction(Position::new(position.paragraph, 0));
    let wanted = (fraction * to.total_bytes() as f64) as u64;
    // Paragraph starts grow with the index: the last one at or before it.
    let (mut low, mut high) = (0, last);
    while low < high {
        let middle = (low + high).div_ceil(2);
        let start = (to.fraction(Position::new(middle, 0)) * to.total_bytes() as f64) as u64;
        if start <= wanted {
            low = middle;
        } else {
            high = middle - 1;
        }
    }
    low
}

/// The nearest paragraph to `around` (within the window) for which `found`
/// holds, else `around`.
fn nearest(around: usize, len: usize, found: impl Fn(usize) -> bool) -> usize {
    for distance in 0..=WINDOW {
        let below = around.checked_sub(distance);
        let above = Some(around + distance).filter(|&p| p < len && distance > 0);
        if let Some(p) = below.into_iter().chain(above).find(|&p| found(p)) {
            return p;
        }
    }
    around
}

/// `position`'s byte carried to paragraph `paragraph` of `to` in proportion.
fn carried(from: &Document, to: &Document, position: Position, paragraph: usize) -> Position {
    let length = from.paragraph(position.paragraph).len().max(1);
    let byte = position.byte.min(length) * to.paragraph(paragraph).len() / length;
    to.clamp(Position::new(paragraph, byte))
}

/// Where `position` of the converted text (in the view it shows) is in
/// the source (in the view it shows).
pub fn to_source(converted: &Document, source: &Document, position: Position) -> Position {
    if source.is_empty() || converted.is_empty() {
        return Position::default();
    }
    let position = converted.clamp(position);
    let text = converted.paragraph(position.paragraph);
    let around = estimate(converted, source, position);
    let paragraph = nearest(around, source.len(), |p| holds(source.paragraph(p), text));
    carried(converted, source, position, paragraph)
}

/// Where `position` of the source is in the converted text.
pub fn to_converted(source: &Document, converted: &Document, position: Position) -> Position {
    if source.is_empty() || converted.is_empty() {
        return Position::default();
    }
    let position = source.clamp(position);
    let text = source.paragraph(position.paragraph);
    let around = estimate(source, converted, position);
    let paragraph = nearest(around, converted.len(), |p| {
        holds(text, converted.paragraph(p))
    });
    carried(source, converted, position, paragraph)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::View;

    const MARKDOWN: &str = "---\ntitle: Notes\n---\n\n# Acme notes\n\nThe **Acme Widget** \
        launched in 2019.\n\n- first item\n- second item\n\n## History\n\n[Acme](https://\
        example.com/a/very/long/address) closed in 2021.\n\n```\nlet x = 1;\n```\n\nLast words.\n";

    fn converted() -> Document {
        let converted =
            crate::format::convert(crate::format::Format::Markdown, MARKDOWN.as_bytes())
                .expect("converts");
        crate::load::load_with_headings(converted.text.as_bytes(), converted.headings)
            .expect("loads")
    }

    fn source() -> Document {
        let mut doc = crate::load::load_verbatim(MARKDOWN.to_owned(), 0);
        doc.set_view(View::Raw);
        doc
    }

    fn paragraph_of(doc: &Document, text: &str) -> usize {
        (0..doc.len())
            .find(|&p| doc.paragraph(p).contains(text))
            .unwrap_or_else(|| panic!("no paragraph holds {text:?}"))
    }

    #[test]
    fn each_paragraph_maps_to_its_source_and_back() {
        let (converted, source) = (converted(), source());
        for (shown, written) in [
            ("Acme notes", "# Acme notes"),
            ("launched in 2019", "**Acme Widget**"),
            ("History", "## History"),
            ("Last words", "Last words"),
            ("second item", "- second item"),
        ] {
            let at = Position::new(paragraph_of(&converted, shown), 0);
            let there = to_source(&converted, &source, at);
            assert_eq!(there.paragraph, paragraph_of(&source, written), "{shown}");
            if shown != "second item" {
                // A list is one source paragraph for several items: back
                // to its first.
                assert_eq!(to_converted(&source, &converted, there), at, "{shown}");
            }
        }
    }

    #[test]
    fn empty_documents_map_to_the_start() {
        let empty = Document::default();
        let source = source();
        assert_eq!(
            to_source(&empty, &source, Position::new(3, 4)),
            Position::default()
        );
        assert_eq!(
            to_converted(&source, &empty, Position::new(3, 4)),
            Position::default()
        );
    }
}
