//! The reader's own highlights of an article, as pure data: a span of one
//! paragraph with its quote, a colour and an optional note. They live in
//! the article's state beside the bookmarks and change by the same kind
//! of idempotent ops, so the store's lock, merge and atomic write hold for
//! them too (see `bookmarks`). Not to be confused with `detect`'s
//! highlights, which are detection's mentions drawn in the text.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::bookmarks::{clamp, find_quote, now_rfc3339, unique_id};
use crate::document::{Document, Position, View};

/// The colours a highlight can have, in the order `c` cycles them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    #[default]
    Yellow,
    Green,
    Blue,
    Pink,
}

impl Colour {
    pub const ALL: [Colour; 4] = [Colour::Yellow, Colour::Green, Colour::Blue, Colour::Pink];

    pub fn name(self) -> &'static str {
        match self {
            Colour::Yellow => "yellow",
            Colour::Green => "green",
            Colour::Blue => "blue",
            Colour::Pink => "pink",
        }
    }

    /// The next colour, back to the first after the last.
    pub fn next(self) -> Colour {
        let at = Self::ALL.iter().position(|c| *c == self).unwrap_or(0);
        Self::ALL[(at + 1) % Self::ALL.len()]
    }
}

/// A highlighted span. `paragraph`, `start` and `end` are in the
/// *repaired* view, as bookmarks are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Highlight {
    /// Unique across processes (as a bookmark's id).
    pub id: String,
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    /// The highlighted text: what re-anchors it when the article changes.
    pub quote: String,
    #[serde(default)]
    pub colour: Colour,
    #[serde(default)]
    pub note: Option<String>,
    /// RFC 3339, UTC.
    #[serde(default)]
    pub created: String,
    /// The quote was not found in the current text; kept, never dropped.
    #[serde(default)]
    pub orphaned: bool,
}

impl Highlight {
    /// A highlight of `range` in paragraph `paragraph` of the view `doc`
    /// shows, stored in the repaired view.
    pub fn new(
        doc: &Document,
        paragraph: usize,
        range: Range<usize>,
        colour: Colour,
        note: Option<String>,
    ) -> Self {
        let to_repaired = |byte| {
            let at = Position::new(paragraph, byte);
            clamp(doc, doc.map_to_view(at, View::Repaired))
        };
        let (start, end) = (to_repaired(range.start), to_repaired(range.end));
        let text = doc.paragraph_of(View::Repaired, start.paragraph);
        // A raw span maps into one repaired paragraph; should it not, the
        // highlight stops at its first paragraph's end.
        let end = if end.paragraph == start.paragraph {
            end.byte.max(start.byte)
        } else {
            text.len()
        };
        Self {
            id: unique_id(),
            paragraph: start.paragraph,
            start: start.byte,
            end,
            quote: text.get(start.byte..end).unwrap_or_default().to_owned(),
            colour,
            note,
            created: now_rfc3339(),
            orphaned: false,
        }
    }

    pub fn position(&self) -> Position {
        Position::new(self.paragraph, self.start)
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end.max(self.start)
    }

    pub(crate) fn sort_key(&self) -> (usize, usize, &str) {
        (self.paragraph, self.start, &self.id)
    }

    /// Where the highlight belongs in `doc`: its quote where it still is,
    /// else nearest its old place; orphaned where it was when gone.
    pub fn anchored(&self, doc: &Document) -> Highlight {
        match find_quote(doc, self.position(), &self.quote) {
            Some(found) => Highlight {
                paragraph: found.paragraph,
                start: found.byte,
                end: found.byte + self.quote.len(),
                orphaned: false,
                ..self.clone()
            },
            None => Highlight {
                orphaned: true,
                ..self.clone()
            },
        }
    }
}

/// A change to the highlights of an article state (carried by
/// `bookmarks::Op`). Every one is idempotent and ignores an id that no
/// longer exists (another copy may have deleted it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum HighlightOp {
    /// Adds it unless one with its id, or one of the same span, is there.
    Add(Highlight),
    Remove {
        id: String,
    },
    /// Sets the colour and the note.
    Edit {
        id: String,
        colour: Colour,
        note: Option<String>,
    },
    /// Moves it after the article changed.
    Reanchor {
        id: String,
        paragraph: usize,
        start: usize,
        end: usize,
        orphaned: bool,
    },
}

/// Applies `op` to `list` (sorted by paragraph, start, id, and kept so).
pub fn apply(list: &mut Vec<Highlight>, op: HighlightOp) {
    match op {
        HighlightOp::Add(highlight) => {
            // Two copies highlighting the same span make one highlight:
            // the older one stays, whichever save came first.
            let same = list.iter_mut().find(|h| {
                h.id == highlight.id
                    || (!h.orphaned
                        && h.paragraph == highlight.paragraph
                        && h.range() == highlight.range())
            });
            match same {
                Some(existing) if highlight.id < existing.id => *existing = highlight,
                Some(_) => {}
                None => list.push(highlight),
            }
        }
        HighlightOp::Remove { id } => list.retain(|h| h.id != id),
        HighlightOp::Edit { id, colour, note } => {
            if let Some(h) = list.iter_mut().find(|h| h.id == id) {
                h.colour = colour;
                h.note = note;
            }
        }
        HighlightOp::Reanchor {
            id,
            paragraph,
            start,
            end,
            orphaned,
        } => {
            if let Some(h) = list.iter_mut().find(|h| h.id == id) {
                (h.paragraph, h.start, h.end, h.orphaned) = (paragraph, start, end, orphaned);
            }
        }
    }
    list.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// What re-anchoring `list` in `doc` changes, as ops to save.
pub fn reanchor_ops(list: &[Highlight], doc: &Document) -> Vec<HighlightOp> {
    list.iter()
        .filter_map(|h| {
            let moved = h.anchored(doc);
            (moved != *h).then_some(HighlightOp::Reanchor {
                id: moved.id,
                paragraph: moved.paragraph,
                start: moved.start,
                end: moved.end,
                orphaned: moved.orphaned,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::from_text(text)
    }

    fn at(doc: &Document, paragraph: usize, needle: &str) -> Highlight {
        let text = doc.paragraph(paragraph);
        let start = text.find(needle).expect("in the text");
        Highlight::new(
            doc,
            paragraph,
            start..start + needle.len(),
            Colour::Green,
            None,
        )
    }

    #[test]
    fn a_new_highlight_quotes_its_span() {
        let d = doc("Title\n\nOne two. 漢字です。");
        let h = at(&d, 1, "漢字");
        assert_eq!(h.quote, "漢字");
        assert_eq!(h.paragraph, 1);
        assert_eq!(&d.paragraph(1)[h.range()], "漢字");
        assert_eq!(h.colour, Colour::Green);
    }

    #[test]
    fn colours_cycle_through_all_and_back() {
        let mut c = Colour::default();
        let mut seen = vec![c];
        for _ in 0..Colour::ALL.len() {
            c = c.next();
            seen.push(c);
        }
        assert_eq!(seen.first(), seen.last());
        assert_eq!(seen[..4], Colour::ALL);
    }

    #[test]
    fn adds_of_one_span_by_two_copies_make_one_the_older() {
        let d = doc("Title\n\nOne two three.");
        let older = at(&d, 1, "two");
        let newer = at(&d, 1, "two");
        assert!(older.id < newer.id);
        for order in [[&older, &newer], [&newer, &older]] {
            let mut list = Vec::new();
            for h in order {
                apply(&mut list, HighlightOp::Add(h.clone()));
            }
            assert_eq!(list, vec![older.clone()]);
        }
        let mut list = vec![older.clone()];
        apply(&mut list, HighlightOp::Add(at(&d, 1, "three")));
        apply(&mut list, HighlightOp::Add(at(&d, 1, "One")));
        let quotes: Vec<&str> = list.iter().map(|h| h.quote.as_str()).collect();
        assert_eq!(quotes, vec!["One", "two", "three"], "kept in text order");
    }

    #[test]
    fn edits_and_removals_of_a_gone_id_change_nothing() {
        let d = doc("Title\n\nOne two three.");
        let mut list = vec![at(&d, 1, "two")];
        let before = list.clone();
        apply(&mut list, HighlightOp::Remove { id: "gone".into() });
        let edit = HighlightOp::Edit {
            id: "gone".into(),
            colour: Colour::Pink,
            note: None,
        };
        apply(&mut list, edit);
        assert_eq!(list, before);
        let id = list[0].id.clone();
        let note = Some("why".to_owned());
        let edit = HighlightOp::Edit {
            id,
            colour: Colour::Pink,
            note: note.clone(),
        };
        apply(&mut list, edit);
        assert_eq!((list[0].colour, &list[0].note), (Colour::Pink, &note));
    }

    #[test]
    fn reanchoring_follows_the_quote_or_keeps_an_orphan() {
        let old = doc("Title\n\nOne two three.\n\nFour five.");
        let list = vec![at(&old, 1, "two"), at(&old, 2, "five")];
        // A paragraph inserted before; "five" deleted.
        let new = doc("Title\n\nNew one.\n\nOne two three.\n\nFour.");
        let ops = reanchor_ops(&list, &new);
        let mut moved = list.clone();
        for op in ops {
            apply(&mut moved, op);
        }
        let two = moved.iter().find(|h| h.quote == "two").expect("two");
        assert_eq!((two.paragraph, two.orphaned), (2, false));
        assert_eq!(&new.paragraph(2)[two.range()], "two");
        let five = moved.iter().find(|h| h.quote == "five").expect("five");
        assert_eq!((five.paragraph, five.start, five.orphaned), (2, 5, true));
        assert!(
            reanchor_ops(&list, &old).is_empty(),
            "nothing moves in place"
        );
    }
}
