//! The panel's content: what detection found, as entries under group
//! headers, each pointing at the passage that is its evidence.

use std::ops::Range;

use crate::bookmarks::Bookmark;
use crate::detect::{Annotations, SectionKind};
use crate::document::Position;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Sections,
    Bookmarks,
}

impl Group {
    pub fn title(self) -> &'static str {
        match self {
            Group::Sections => "Sections",
            Group::Bookmarks => "Bookmarks",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub group: Group,
    pub label: String,
    /// 0-based paragraphs the entry spans (end exclusive).
    pub paragraphs: Range<usize>,
    /// Where Enter takes the pane.
    pub target: Position,
    /// The bookmark this entry shows, for `d`.
    pub bookmark: Option<String>,
}

impl Entry {
    /// "¶3" or "¶3–7", numbered as in the gutter.
    pub fn span_label(&self) -> String {
        let first = self.paragraphs.start + 1;
        let last = self.paragraphs.end.max(self.paragraphs.start + 1);
        if last > first {
            format!("¶{first}–{last}")
        } else {
            format!("¶{first}")
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Header(Group),
    Entry(usize),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Panel {
    pub entries: Vec<Entry>,
    pub rows: Vec<Row>,
    /// The row of each entry.
    entry_rows: Vec<usize>,
}

impl Panel {
    /// Entries from detection, then the bookmarks (each with its position
    /// in the view shown).
    pub fn build(
        annotations: &Annotations,
        bookmarks: &[(Bookmark, Position)],
        paragraphs: usize,
    ) -> Self {
        let mut panel = Panel::default();
        let sections = &annotations.sections;
        // A heading runs to the next heading (one pass from the end, so a
        // document with 50 000 headings is not quadratic); an outline entry
        // is one paragraph.
        let mut ends = vec![paragraphs; sections.len()];
        let mut next_heading = None;
        let mut next_section = None;
        for (i, section) in sections.iter().enumerate().rev() {
            let end = match section.kind {
                SectionKind::Paragraph => section.paragraph + 1,
                // Without a later heading, up to the next outline entry.
                _ => next_heading.or(next_section).unwrap_or(paragraphs),
            };
            ends[i] = end.max(section.paragraph + 1);
            if section.kind != SectionKind::Paragraph {
                next_heading = Some(section.paragraph);
            }
            next_section = Some(section.paragraph);
        }
        for (section, end) in sections.iter().zip(ends) {
            panel.push(Entry {
                group: Group::Sections,
                label: section.title.clone(),
                paragraphs: section.paragraph..end,
                target: Position::new(section.paragraph, 0),
                bookmark: None,
            });
        }
        for (bookmark, position) in bookmarks {
            panel.push(bookmark_entry(bookmark, *position));
        }
        panel
    }

    fn push(&mut self, entry: Entry) {
        if self.entries.last().map(|e| e.group) != Some(entry.group) {
            self.rows.push(Row::Header(entry.group));
        }
        self.entry_rows.push(self.rows.len());
        self.rows.push(Row::Entry(self.entries.len()));
        self.entries.push(entry);
    }

    /// The row that shows entry `index`.
    pub fn row_of(&self, index: usize) -> usize {
        self.entry_rows.get(index).copied().unwrap_or(0)
    }

    /// Entries whose passage holds `paragraph`: the panel marks them.
    pub fn covers(&self, index: usize, paragraph: usize) -> bool {
        self.entries
            .get(index)
            .is_some_and(|e| e.paragraphs.contains(&paragraph))
    }

    /// The entry of a group that the reading position is in, if any.
    pub fn current(&self, paragraph: usize) -> Option<usize> {
        self.entries
            .iter()
            .rposition(|e| e.paragraphs.contains(&paragraph))
    }
}

/// "note — quote", or the quote alone; orphans say so.
fn bookmark_entry(bookmark: &Bookmark, position: Position) -> Entry {
    let quote = bookmark.quote.replace('\n', " ");
    let mut label = match &bookmark.note {
        Some(note) => format!("{note} — {quote}"),
        None => quote,
    };
    if bookmark.orphaned {
        label = format!("(text gone) {label}");
    }
    Entry {
        group: Group::Bookmarks,
        label,
        paragraphs: position.paragraph..position.paragraph + 1,
        target: position,
        bookmark: Some(bookmark.id.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::detect;
    use crate::document::Document;

    #[test]
    fn headings_span_to_the_next_heading() {
        let doc = Document::from_text(&format!(
            "Title\n\n# One\n\n{}\n\n# Two\n\nEnd.",
            "Body text that is long enough. ".repeat(3)
        ));
        let panel = Panel::build(&detect(&doc), &[], doc.len());
        let one = panel
            .entries
            .iter()
            .find(|e| e.label == "One")
            .expect("One");
        assert_eq!(one.paragraphs, 1..3);
        assert_eq!(one.span_label(), "¶2–3");
        assert_eq!(panel.rows[0], Row::Header(Group::Sections));
    }

    #[test]
    fn current_entry_follows_the_paragraph() {
        let doc = crate::load::load_bytes(include_bytes!("../assets/article.txt")).expect("loads");
        let panel = Panel::build(&detect(&doc), &[], doc.len());
        for p in 0..doc.len() {
            let current = panel.current(p).expect("every paragraph is in a section");
            assert!(panel.covers(current, p));
        }
    }
}
