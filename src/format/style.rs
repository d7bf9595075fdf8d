//! Inline styles (emphasis, strong, code) travel inside the reading text as
//! marks: Unicode noncharacters, which Unicode keeps for a program's own use.
//! The converters write them (any in the source become U+FFFD); the loader
//! takes them out of a converted text and keeps where they were as ranges.
//! Being in the text, they survive whatever cuts it (pieces, blocks, forced
//! breaks): a style still comes out at the right bytes.

use std::ops::Range;

/// How a run of text is set off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inline {
    Emphasis,
    Strong,
    Code,
}

impl Inline {
    pub const ALL: [Inline; 3] = [Inline::Emphasis, Inline::Strong, Inline::Code];

    /// The mark that opens it.
    pub fn open(self) -> char {
        match self {
            Inline::Emphasis => '\u{FDD0}',
            Inline::Strong => '\u{FDD2}',
            Inline::Code => '\u{FDD4}',
        }
    }

    /// The mark that closes it.
    pub fn close(self) -> char {
        match self {
            Inline::Emphasis => '\u{FDD1}',
            Inline::Strong => '\u{FDD3}',
            Inline::Code => '\u{FDD5}',
        }
    }
}

/// Whether `c` is a style mark.
pub fn is_mark(c: char) -> bool {
    ('\u{FDD0}'..='\u{FDD5}').contains(&c)
}

/// Every mark is three bytes in UTF-8, starting with these two.
const MARK_LEAD: &[u8] = b"\xEF\xB7";
const MARK_LEN: usize = 3;

/// Whether `text` holds a mark (fast: most text has no byte they start with).
pub fn has_marks(text: &str) -> bool {
    memchr::memmem::find_iter(text.as_bytes(), MARK_LEAD).any(|at| {
        text.get(at..)
            .and_then(|t| t.chars().next())
            .is_some_and(is_mark)
    })
}

/// The ranges of each style in a text, by [`Inline`] (as index), each list
/// sorted and without overlaps.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Styles(pub [Vec<Range<usize>>; 3]);

impl Styles {
    pub fn of(&self, style: Inline) -> &[Range<usize>] {
        &self.0[style as usize]
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Vec::is_empty)
    }
}

/// A text without its marks.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Stripped {
    pub text: String,
    pub styles: Styles,
    /// Where each mark was in the text given, in order: offsets after them
    /// moved [`MARK_LEN`] bytes left per mark (see [`Stripped::map`]).
    marks: Vec<usize>,
}

impl Stripped {
    /// Where byte `offset` of the text given (not inside a mark) is now.
    pub fn map(&self, offset: usize) -> usize {
        offset - MARK_LEN * self.marks.partition_point(|&m| m < offset)
    }
}

/// Takes the marks out of `text`. A style is the text between its open
/// and close marks (nested ones of the same style count once); a close
/// without an open is dropped, an open left open runs to the end (a text
/// cut in the middle of a style); an empty style is no range.
pub fn strip(text: String) -> Stripped {
    if !has_marks(&text) {
        return Stripped {
            text,
            ..Stripped::default()
        };
    }
    let mut out = Stripped {
        text: String::with_capacity(text.len()),
        ..Stripped::default()
    };
    // Per style: how deep, and where the outermost began in `out.text`.
    let mut open: [(usize, usize); 3] = [(0, 0); 3];
    let mut copied = 0;
    // Only the bytes a mark starts with are looked at: most text is skipped.
    let marks = memchr::memmem::find_iter(text.as_bytes(), MARK_LEAD).filter_map(|at| {
        let c = text.get(at..)?.chars().next()?;
        is_mark(c).then_some((at, c))
    });
    for (at, c) in marks {
        out.text.push_str(&text[copied..at]);
        copied = at + MARK_LEN;
        out.marks.push(at);
        let Some(style) = Inline::ALL
            .into_iter()
            .find(|s| s.open() == c || s.close() == c)
        else {
            continue;
        };
        let (depth, start) = &mut open[style as usize];
        if c == style.open() {
            if *depth == 0 {
                *start = out.text.len();
            }
            *depth += 1;
        } else if *depth > 0 {
            *depth -= 1;
            if *depth == 0 && *start < out.text.len() {
                out.styles.0[style as usize].push(*start..out.text.len());
            }
        }
    }
    out.text.push_str(&text[copied..]);
    for style in Inline::ALL {
        let (depth, start) = open[style as usize];
        if depth > 0 && start < out.text.len() {
            out.styles.0[style as usize].push(start..out.text.len());
        }
    }
    out
}

/// `text` without its marks, for readers of the text alone.
pub fn plain(text: &str) -> String {
    text.replace(is_mark, "")
}

#[cfg(test)]
// A list of one range is what is meant, not the numbers in it.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn marked(parts: &[(Option<Inline>, &str)]) -> String {
        parts
            .iter()
            .map(|(style, text)| match style {
                Some(s) => format!("{}{text}{}", s.open(), s.close()),
                None => (*text).to_owned(),
            })
            .collect()
    }

    #[test]
    fn marks_become_ranges_and_offsets_follow() {
        let text = marked(&[
            (Some(Inline::Emphasis), "a"),
            (None, " "),
            (Some(Inline::Strong), "b"),
            (None, " "),
            (Some(Inline::Code), "c"),
        ]);
        let stripped = strip(text.clone());
        assert_eq!(stripped.text, "a b c");
        assert_eq!(stripped.styles.of(Inline::Emphasis), [0..1]);
        assert_eq!(stripped.styles.of(Inline::Strong), [2..3]);
        assert_eq!(stripped.styles.of(Inline::Code), [4..5]);
        let c = text.find('c').expect("in the text");
        assert_eq!(stripped.map(c), 4);
        assert_eq!(plain(&text), "a b c");
    }

    #[test]
    fn unmatched_nested_and_empty_marks() {
        let (e, s) = (Inline::Emphasis, Inline::Strong);
        let text = format!(
            "{}x{}{}y{}{}{}{}{}z{}",
            e.close(),
            e.open(),
            e.open(),
            e.close(),
            e.close(),
            s.open(),
            s.close(),
            s.open(),
            ""
        );
        let stripped = strip(text);
        assert_eq!(stripped.text, "xyz");
        // The stray close is dropped, the nested emphasis is one, the
        // empty strong is none, and the last strong runs to the end.
        assert_eq!(stripped.styles.of(e), [1..2]);
        assert_eq!(stripped.styles.of(s), [2..3]);
        assert!(strip("no marks".into()).styles.is_empty());
    }
}
