//! Places in a converted article (Markdown, HTML) and in its source shown
//! as written, mapped to each other for `r`.
//!
//! The converters keep no record of where each paragraph came from, so
//! the mapping is found from the texts: a place is first estimated by how
//! far into its own text it is, then the converted paragraph is looked for
//! by its first letters and digits among the source's, markup left out
//! (`## Acme **Widget**` holds `Acme Widget`; HTML tags, entities, a
//! Markdown link's address and the converter's link numbers `[1]` are
//! skipped), in the source paragraph nearest the estimate that holds them,
//! at the occurrence nearest the estimate: an HTML page is often one source
//! paragraph. Back, the converted paragraph whose words are on the source's
//! line is taken. Exact at paragraph starts when the words are found; a
//! paragraph the converter added (the list of links) goes to the estimate.

use crate::document::{Document, Position};

/// Paragraphs looked at on either side of the estimate.
const WINDOW: usize = 64;

/// Letters and digits of a converted paragraph that must be found in its
/// source paragraph.
const KEY_CHARS: usize = 24;

/// Bytes of a source paragraph searched for a key: a huge one-line
/// paragraph is not lowercased whole on every toggle.
const SCAN_BYTES: usize = 64 * 1024;

/// The letters and digits of converted text, lowercased, up to `limit`
/// of them.
fn letters(text: &str, limit: usize) -> String {
    let mut cut = text.len().min(SCAN_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    // A link's number (`[1]`), which the converter added after the
    // link's text, is left out: the source has none.
    let (mut letters, mut count, mut rest) = (String::new(), 0, &text[..cut]);
    while let Some(c) = rest.chars().next() {
        if c == '[' {
            let digits = rest[1..].bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 && rest.as_bytes().get(1 + digits) == Some(&b']') {
                rest = &rest[digits + 2..];
                continue;
            }
        }
        rest = &rest[c.len_utf8()..];
        for lower in c.to_lowercase().filter(|_| c.is_alphanumeric()) {
            if count == limit {
                return letters;
            }
            letters.push(lower);
            count += 1;
        }
    }
    letters
}

/// The characters of source text a reader sees once converted, with their
/// bytes: HTML tags (`<p>`, `</em>`), entities (`&amp;`) and a Markdown
/// link's address (`](…)`) are left out.
fn shown_chars(text: &str) -> Vec<(usize, char)> {
    let mut shown = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let rest = &text[at..];
        let tag_start = |n: char| n.is_ascii_alphabetic() || n == '/' || n == '!';
        let skip = match c {
            '<' if rest[1..].starts_with(tag_start) => rest.find('>'),
            '&' => rest.find(';').filter(|&end| {
                end <= 10
                    && rest[1..end]
                        .chars()
                        .all(|n| n.is_ascii_alphanumeric() || n == '#')
            }),
            ']' if rest.starts_with("](") => rest.find(')'),
            _ => None,
        };
        match skip {
            Some(end) => while chars.next_if(|&(i, _)| i <= at + end).is_some() {},
            None => shown.push((at, c)),
        }
    }
    shown
}

/// [`letters`] of source text, its markup left out (see [`shown_chars`]).
fn source_letters(text: &str) -> String {
    let mut cut = text.len().min(SCAN_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    shown_chars(&text[..cut])
        .into_iter()
        .filter(|(_, c)| c.is_alphanumeric())
        .flat_map(|(_, c)| c.to_lowercase())
        .collect()
}

/// Whether the source paragraph `source` holds the converted one `converted`.
fn holds(source: &str, converted: &str) -> bool {
    let key = letters(converted, KEY_CHARS);
    !key.is_empty() && source_letters(source).contains(&key)
}

/// The paragraph of `to` about as far into it as `position` is into `from`.
fn estimate(from: &Document, to: &Document, position: Position) -> usize {
    let last = to.len().saturating_sub(1);
    let fraction = from.fraction(position);
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

/// The letters and digits (lowercased) of the stretch of `text` around
/// byte `near`, each with the byte of `text` it came from.
fn indexed_letters(text: &str, near: usize) -> (String, Vec<usize>) {
    let mut start = near.saturating_sub(SCAN_BYTES / 2).min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + SCAN_BYTES).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let (mut letters, mut bytes) = (String::new(), Vec::new());
    for (at, c) in shown_chars(&text[start..end]) {
        if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                letters.push(lower);
                bytes.extend(std::iter::repeat_n(start + at, lower.len_utf8()));
            }
        }
    }
    (letters, bytes)
}

/// The bytes where `key` starts in the indexed letters.
fn occurrences<'a>(
    (letters, bytes): &'a (String, Vec<usize>),
    key: &'a str,
) -> impl Iterator<Item = usize> + 'a {
    letters
        .match_indices(key)
        .filter(|_| !key.is_empty())
        .filter_map(|(i, _)| bytes.get(i).copied())
}

/// How far into paragraph `paragraph` of `to` the place as far into it as
/// `position` is into `from` is.
fn estimated_byte(from: &Document, to: &Document, position: Position, paragraph: usize) -> usize {
    let total = to.total_bytes() as f64;
    let wanted = from.fraction(position) * total;
    let start = to.fraction(Position::new(paragraph, 0)) * total;
    (wanted - start).max(0.0) as usize
}

/// Where `position` of the converted text (in the view it shows) is in
/// the source (in the view it shows): where its paragraph's words are in
/// the source paragraph that holds them (an HTML page is often one).
pub fn to_source(converted: &Document, source: &Document, position: Position) -> Position {
    if source.is_empty() || converted.is_empty() {
        return Position::default();
    }
    let position = converted.clamp(position);
    let text = converted.paragraph(position.paragraph);
    let around = estimate(converted, source, position);
    let paragraph = nearest(around, source.len(), |p| holds(source.paragraph(p), text));
    let near = estimated_byte(converted, source, position, paragraph);
    let key = letters(text, KEY_CHARS);
    let indexed = indexed_letters(source.paragraph(paragraph), near);
    match occurrences(&indexed, &key).min_by_key(|b| b.abs_diff(near)) {
        Some(byte) => source.clamp(Position::new(paragraph, byte + position.byte)),
        None => carried(converted, source, position, paragraph),
    }
}

/// Where `position` of the source is in the converted text: the paragraph
/// whose words are on its line, else the one it is in, else the next.
pub fn to_converted(source: &Document, converted: &Document, position: Position) -> Position {
    if source.is_empty() || converted.is_empty() {
        return Position::default();
    }
    let position = source.clamp(position);
    let text = source.paragraph(position.paragraph);
    let at = position.byte;
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let indexed = indexed_letters(text, at);
    let around = estimate(source, converted, position);
    let first = around.saturating_sub(WINDOW);
    let last = (around + WINDOW).min(converted.len() - 1);
    let placed = |byte: usize| {
        if (at..=line_end).contains(&byte) {
            (0, byte - at)
        } else if byte < at {
            (1, at - byte)
        } else {
            (2, byte - line_end)
        }
    };
    let best = (first..=last)
        .filter_map(|p| {
            let key = letters(converted.paragraph(p), KEY_CHARS);
            let place = occurrences(&indexed, &key).map(placed).min()?;
            Some((place, p.abs_diff(around), p))
        })
        .min();
    match best {
        Some((_, _, paragraph)) => Position::new(paragraph, 0),
        None => carried(source, converted, position, around),
    }
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

    /// An HTML page is one source paragraph or a few: a place is the
    /// line where the paragraph's words are, and back again.
    #[test]
    fn a_page_maps_into_its_one_paragraph_and_back() {
        let bytes = include_bytes!("../../tests/fixtures/formats/article.html");
        let format = crate::format::Format::Html;
        let converted = crate::format::convert(format, bytes).expect("converts");
        let converted =
            crate::load::load_with_headings(converted.text.as_bytes(), converted.headings)
                .expect("loads");
        let text = std::str::from_utf8(bytes).expect("utf-8").to_owned();
        let mut source = crate::load::load_verbatim(text, 0);
        source.set_view(View::Raw);
        // The list of links at the end is the converter's, not the page's.
        let links = (0..converted.len())
            .find(|&p| converted.paragraph(p) == "Links")
            .expect("links");
        for paragraph in 0..links {
            let at = Position::new(paragraph, 0);
            let there = to_source(&converted, &source, at);
            let from_there = &source.paragraph(there.paragraph)[there.byte..];
            let line = from_there.lines().next().unwrap_or("");
            let words = letters(converted.paragraph(paragraph), 8);
            assert!(
                source_letters(from_there).starts_with(&words),
                "¶{paragraph}: {line:?}"
            );
            let line_start = source.paragraph(there.paragraph)[..there.byte]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let back = to_converted(
                &source,
                &converted,
                Position::new(there.paragraph, line_start),
            );
            assert_eq!(back, at, "¶{paragraph}: {line:?}");
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
