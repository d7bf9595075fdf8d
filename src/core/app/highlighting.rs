//! Selecting text (`v`) and the reader's highlights: a selection grows and
//! shrinks (see `span`), is saved as a highlight with a colour and a note,
//! and highlights are deleted and restored like bookmarks.

use std::ops::Range;

use super::marks::Deleted;
use super::{App, Focus, Mode};
use crate::action::Action;
use crate::bookmarks::Op;
use crate::document::{Position, View};
use crate::highlights::{Colour, Highlight, HighlightOp};
use crate::span::{self, Unit};

/// A selection being made, in the view shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selecting {
    pub paragraph: usize,
    pub range: Range<usize>,
    /// Where it began: a paragraph step back returns here.
    first: Range<usize>,
    pub colour: Colour,
}

/// What a highlight's note typed on the input line is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum NoteFor {
    /// The selection, saved with the note.
    Selection,
    /// A saved highlight, by id.
    Highlight(String),
}

impl App {
    /// Actions of a selection and of highlights' notes.
    pub(super) fn highlighting(&mut self, action: Action) {
        match action {
            Action::StartSelection => self.start_selection(),
            Action::Extend(unit) => self.resize_selection(unit, true),
            Action::Shrink(unit) => self.resize_selection(unit, false),
            Action::CycleColour => {
                if let Some(s) = &mut self.selecting {
                    s.colour = s.colour.next();
                }
            }
            Action::SaveHighlight => self.save_selection(None),
            Action::NoteHighlight => {
                self.note_for = Some(NoteFor::Selection);
                self.mode = Mode::Note(String::new());
            }
            Action::CancelSelection => {
                self.selecting = None;
                self.mode = Mode::Normal;
                self.message = Some("selection cancelled".to_owned());
            }
            _ => {}
        }
    }

    /// `v`: the search match shown, else the first sentence of the passage
    /// being read.
    fn start_selection(&mut self) {
        if self.reader.doc().is_empty() {
            return;
        }
        let shown_match = self
            .search
            .as_ref()
            .and_then(|s| s.current.clone())
            .filter(|m| self.on_screen(m.start()));
        let (paragraph, range) = match shown_match {
            Some(m) => (m.paragraph, m.range),
            None => {
                let at = self.reading();
                let text = self.reader.doc().paragraph(at.paragraph);
                (at.paragraph, span::sentence_from(text, at.byte))
            }
        };
        if range.is_empty() {
            self.message = Some("nothing to select here".to_owned());
            return;
        }
        self.selecting = Some(Selecting {
            paragraph,
            first: range.clone(),
            range,
            colour: self.last_colour,
        });
        self.mode = Mode::Selecting;
    }

    fn resize_selection(&mut self, unit: Unit, grow: bool) {
        let Some(s) = &self.selecting else {
            return;
        };
        let text = self.reader.doc().paragraph(s.paragraph);
        let range = if grow {
            span::extend(text, s.range.clone(), unit)
        } else {
            span::shrink(text, s.range.clone(), unit, s.first.clone())
        };
        if range == s.range {
            self.message = Some(if grow {
                "the selection ends with its paragraph".to_owned()
            } else {
                "the selection is as short as it goes".to_owned()
            });
        }
        let end = Position::new(s.paragraph, range.end);
        if let Some(s) = &mut self.selecting {
            s.range = range;
        }
        // A selection grown past the pane's bottom brings its end into view.
        if !self.on_screen(end) {
            self.reader.go_to(end);
        }
    }

    /// Enter (or the note's Enter): the selection becomes a highlight.
    fn save_selection(&mut self, note: Option<String>) {
        self.mode = Mode::Normal;
        let Some(s) = self.selecting.take() else {
            return;
        };
        self.last_colour = s.colour;
        let highlight = Highlight::new(self.reader.doc(), s.paragraph, s.range, s.colour, note);
        self.message = Some(format!(
            "highlighted on ¶{} in {} (d in the panel deletes it)",
            s.paragraph + 1,
            s.colour.name()
        ));
        self.change(Op::Highlight(HighlightOp::Add(highlight)));
    }

    /// The note typed for a selection or a highlight.
    pub(super) fn submit_highlight_note(&mut self, note: String) {
        let note = Some(note.trim().to_owned()).filter(|n| !n.is_empty());
        match self.note_for.take() {
            Some(NoteFor::Selection) => self.save_selection(note),
            Some(NoteFor::Highlight(id)) => {
                self.mode = Mode::Normal;
                if let Some(h) = self.marks.state().highlights.iter().find(|h| h.id == id) {
                    let (colour, paragraph) = (h.colour, h.paragraph + 1);
                    self.change(Op::Highlight(HighlightOp::Edit { id, colour, note }));
                    self.message = Some(format!("note saved on the highlight on ¶{paragraph}"));
                }
            }
            None => self.mode = Mode::Normal,
        }
    }

    /// Esc on a highlight's note: back to the selection, if one is made.
    pub(super) fn cancel_highlight_note(&mut self) {
        self.note_for = None;
        self.mode = if self.selecting.is_some() {
            Mode::Selecting
        } else {
            Mode::Normal
        };
    }

    /// `M` in the panel on a highlight: edit its note. False elsewhere.
    pub(super) fn edit_highlight_note(&mut self) -> bool {
        let Some(h) = self.selected_highlight().cloned() else {
            return false;
        };
        self.note_for = Some(NoteFor::Highlight(h.id));
        self.mode = Mode::Note(h.note.unwrap_or_default());
        true
    }

    /// `d` on a highlight: delete it (`u` restores it). False elsewhere.
    pub(super) fn delete_selected_highlight(&mut self) -> bool {
        let Some(h) = self.selected_highlight().cloned() else {
            return false;
        };
        self.change(Op::Highlight(HighlightOp::Remove { id: h.id.clone() }));
        self.message = Some(format!(
            "highlight on ¶{} deleted (u undoes)",
            h.paragraph + 1
        ));
        self.marks.set_deleted(Deleted::Highlight(h));
        true
    }

    /// The highlight of the selected panel entry, while the panel has focus.
    fn selected_highlight(&self) -> Option<&Highlight> {
        let entry = self.annotated.entry(self.selection.selected())?;
        let index = entry.highlight().filter(|_| self.focus == Focus::Panel)?;
        self.marks.state().highlights.get(index)
    }

    /// Whether `at` (in the view shown) is on a line the pane shows.
    fn on_screen(&self, at: Position) -> bool {
        self.visible_rows().iter().any(|row| {
            matches!(row, crate::viewport::Row::Line { paragraph, range, .. }
                if *paragraph == at.paragraph
                    && (range.contains(&at.byte) || (range.end == at.byte && !range.is_empty())))
        })
    }

    /// The selection being made, if any.
    pub fn selecting(&self) -> Option<&Selecting> {
        self.selecting.as_ref()
    }

    /// Where a highlight (kept in the repaired view) is in the view shown:
    /// its paragraph and byte range there.
    pub fn shown_highlight(&self, h: &Highlight) -> (usize, Range<usize>) {
        let doc = self.reader.doc();
        if self.reader.source_shown() {
            // Mapped by paragraph: the mark is not shown in the source.
            let at = self
                .reader
                .shown_of_stored(Position::new(h.paragraph, h.start));
            return (at.paragraph, at.byte..at.byte);
        }
        if doc.view() == View::Repaired {
            return (h.paragraph, h.range());
        }
        let map =
            |byte| doc.map_between(Position::new(h.paragraph, byte), View::Repaired, View::Raw);
        let (start, end) = (map(h.start), map(h.end));
        // Across a raw paragraph break, the part in the first paragraph.
        let end = if end.paragraph == start.paragraph {
            end.byte
        } else {
            doc.paragraph(start.paragraph).len()
        };
        (start.paragraph, start.byte..end.max(start.byte))
    }

    /// The highlights in paragraph `index` of the view shown, by start.
    pub fn highlights_in(&self, index: usize) -> Vec<(Range<usize>, Colour)> {
        let mut found: Vec<(Range<usize>, Colour)> = self
            .marks
            .state()
            .highlights
            .iter()
            .filter(|h| !h.orphaned)
            .map(|h| (self.shown_highlight(h), h.colour))
            .filter(|((paragraph, _), _)| *paragraph == index)
            .map(|((_, range), colour)| (range, colour))
            .collect();
        found.sort_by_key(|(range, _)| range.start);
        found
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use ratatui::layout::Size;

    fn app() -> App {
        let doc = crate::document::Document::from_text(
            "Title\n\nOne two three. Four five! Six.\n\nSecond paragraph here.",
        );
        App::new(doc, "t.txt".into(), Size::new(100, 20))
    }

    pub(in crate::core::app) fn type_in(a: &mut App, text: &str) {
        for c in text.chars() {
            a.update(Action::InputChar(c));
        }
    }

    /// `v` with paragraph `paragraph` being read.
    fn select_in(a: &mut App, paragraph: usize) {
        a.update(Action::GoTo(Position::new(paragraph, 0)));
        a.update(Action::StartSelection);
    }

    fn selected_text(a: &App) -> String {
        let s = a.selecting().expect("selecting");
        a.doc().paragraph(s.paragraph)[s.range.clone()].to_owned()
    }

    #[test]
    fn v_grows_a_sentence_and_enter_saves_it_with_its_colour() {
        let mut a = app();
        select_in(&mut a, 1);
        assert_eq!(a.mode, Mode::Selecting);
        assert_eq!(selected_text(&a), "One two three.");
        a.update(Action::Extend(Unit::Word));
        assert_eq!(selected_text(&a), "One two three. Four");
        a.update(Action::Extend(Unit::Sentence));
        assert_eq!(selected_text(&a), "One two three. Four five!");
        a.update(Action::Shrink(Unit::Word));
        assert_eq!(selected_text(&a), "One two three. Four five");
        a.update(Action::CycleColour);
        a.update(Action::SaveHighlight);
        assert_eq!(a.mode, Mode::Normal);
        let h = &a.bookmarks().highlights[0];
        assert_eq!(
            (h.quote.as_str(), h.colour),
            ("One two three. Four five", Colour::Green)
        );
        assert_eq!(a.highlights_in(1), vec![(0..24, Colour::Green)]);
        assert!(matches!(
            a.take_saves().as_slice(),
            [Op::Highlight(HighlightOp::Add(_))]
        ));
        // The next selection starts in the colour last used.
        a.update(Action::StartSelection);
        assert_eq!(a.selecting().map(|s| s.colour), Some(Colour::Green));
        a.update(Action::CancelSelection);
        assert_eq!((a.selecting(), &a.mode), (None, &Mode::Normal));
        assert_eq!(a.bookmarks().highlights.len(), 1);
    }

    #[test]
    fn v_on_a_shown_search_match_selects_the_match() {
        let mut a = app();
        a.update(Action::StartSearch);
        type_in(&mut a, "five");
        a.update(Action::InputSubmit);
        a.update(Action::StartSelection);
        assert_eq!(selected_text(&a), "five");
    }

    #[test]
    fn a_note_is_typed_then_saved_and_esc_returns_to_the_selection() {
        let mut a = app();
        select_in(&mut a, 2);
        a.update(Action::NoteHighlight);
        a.update(Action::InputCancel);
        assert_eq!(a.mode, Mode::Selecting);
        a.update(Action::NoteHighlight);
        type_in(&mut a, " why ");
        a.update(Action::InputSubmit);
        let h = &a.bookmarks().highlights[0];
        assert_eq!((h.paragraph, h.note.as_deref()), (2, Some("why")));
        assert!(a.bookmarks().bookmarks.is_empty(), "no bookmark made");
    }

    #[test]
    fn a_highlight_is_an_entry_reached_deleted_and_restored() {
        let mut a = app();
        select_in(&mut a, 2);
        a.update(Action::SaveHighlight);
        a.update(Action::Top);
        a.update(Action::FocusNext);
        a.update(Action::SelectFirst);
        assert_eq!(
            a.entry_label(a.selected()),
            "[yellow] Second paragraph here."
        );
        a.update(Action::Mention(1));
        assert_eq!(a.reading().paragraph, 2);
        a.update(Action::EditNote);
        type_in(&mut a, "n");
        a.update(Action::InputSubmit);
        assert_eq!(a.bookmarks().highlights[0].note.as_deref(), Some("n"));
        a.update(Action::DeleteBookmark);
        assert!(a.bookmarks().highlights.is_empty());
        a.update(Action::Undo);
        assert_eq!(a.bookmarks().highlights[0].note.as_deref(), Some("n"));
    }
}
