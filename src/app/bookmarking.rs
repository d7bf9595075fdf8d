//! The reader's bookmarks as the app keeps them: toggling, notes, delete
//! and undo, and the saves they queue for the store.

use super::{App, Focus, Mode};
use crate::bookmarks::{ArticleState, Bookmark, Op};
use crate::document::{Position, View};
use crate::panel::Group;
use crate::viewport;

impl App {
    /// Where a bookmark (kept in the repaired view) is in the view shown.
    pub fn shown_position(&self, bookmark: &Bookmark) -> Position {
        let position = bookmark.position();
        match self.doc.view() {
            View::Repaired => position,
            View::Raw => self.doc.map_between(position, View::Repaired, View::Raw),
        }
    }

    /// Takes saved state from the store: bookmarks, and on open, the place
    /// to resume reading.
    pub fn restore(&mut self, state: ArticleState, resume: bool) {
        let position = state.position;
        self.bookmarks = state;
        self.rebuild_panel();
        if let Some(position) = position.filter(|_| resume) {
            let position = self
                .doc
                .map_between(position, View::Repaired, self.doc.view());
            if position != Position::default() {
                self.jump(position);
                self.message = Some(format!("resumed at ¶{}", self.view_top().paragraph + 1));
            }
        }
    }

    /// State the store wrote (with any other running copy's changes merged).
    pub fn saved(&mut self, state: ArticleState) {
        self.bookmarks = state;
        self.rebuild_panel();
    }

    /// A save failed: keep the change in memory and say why.
    pub fn save_failed(&mut self, reason: String) {
        self.message = Some(reason);
    }

    /// Changes to persist, oldest first. The edge saves them and answers
    /// with `saved` or `save_failed`.
    pub fn take_saves(&mut self) -> Vec<Op> {
        std::mem::take(&mut self.saves)
    }

    /// Puts back changes taken before the article could be identified.
    pub fn requeue_saves(&mut self, mut ops: Vec<Op>) {
        ops.append(&mut self.saves);
        self.saves = ops;
    }

    /// The reading position in the repaired view, where it is stored.
    pub fn reading_position(&self) -> Position {
        self.doc
            .map_between(self.view_top(), self.doc.view(), View::Repaired)
    }

    /// Applies a change now and queues it for saving.
    pub(super) fn change(&mut self, op: Op) {
        self.bookmarks.apply(op.clone());
        self.saves.push(op);
        self.rebuild_panel();
    }

    /// The bookmark `M` edits: on the passage `m` would mark.
    pub(super) fn bookmark_at_top(&self) -> Option<&Bookmark> {
        let paragraph = self.passage_at_top().paragraph;
        self.bookmarks
            .bookmarks
            .iter()
            .find(|b| self.shown_position(b).paragraph == paragraph)
    }

    /// Whether paragraph `index` (of the view shown) carries a bookmark.
    pub fn is_bookmarked(&self, index: usize) -> bool {
        match self.doc.view() {
            View::Repaired => self.bookmarks.bookmarks_in(index).next().is_some(),
            View::Raw => self
                .bookmarks
                .bookmarks
                .iter()
                .any(|b| self.shown_position(b).paragraph == index),
        }
    }

    pub(super) fn toggle_bookmark(&mut self) {
        if self.doc.is_empty() {
            return;
        }
        let passage = self.passage_at_top();
        let number = passage.paragraph + 1;
        if let Some(existing) = self.bookmark_at_top().cloned() {
            self.change(Op::Remove {
                id: existing.id.clone(),
            });
            self.deleted = Some(existing);
            self.message = Some(format!("bookmark on ¶{number} removed (u undoes)"));
        } else {
            let bookmark = Bookmark::new(&self.doc, passage, None);
            self.change(Op::Add(bookmark));
            self.message = Some(format!("bookmarked ¶{number}"));
        }
    }

    /// What `m` marks: the sentence of the current search match when it is
    /// on screen, else the top line.
    pub(super) fn passage_at_top(&self) -> Position {
        let current = self
            .search
            .as_ref()
            .and_then(|s| s.current.as_ref())
            .map(crate::search::Match::start);
        let on_screen = |found: &Position| {
            self.visible_rows().iter().any(|row| {
                matches!(row, viewport::Row::Line { paragraph, range, .. }
                    if *paragraph == found.paragraph && range.contains(&found.byte))
            })
        };
        match current.filter(on_screen) {
            Some(found) => {
                let text = self.doc.paragraph(found.paragraph);
                let start = crate::detect::sentence_at(text, found.byte).start;
                Position::new(found.paragraph, start)
            }
            None => self.view_top(),
        }
    }

    pub(super) fn submit_note(&mut self) {
        let Mode::Note(note) = std::mem::replace(&mut self.mode, Mode::Normal) else {
            return;
        };
        let note = Some(note.trim().to_owned()).filter(|n| !n.is_empty());
        match self.bookmark_at_top().map(|b| b.id.clone()) {
            Some(id) => self.change(Op::SetNote { id, note }),
            None => {
                let bookmark = Bookmark::new(&self.doc, self.passage_at_top(), note);
                self.change(Op::Add(bookmark));
            }
        }
        self.message = Some(format!(
            "note saved on ¶{}",
            self.passage_at_top().paragraph + 1
        ));
    }

    pub(super) fn delete_selected_bookmark(&mut self) {
        let Some(id) = self
            .panel
            .entry(self.selected, &self.annotations)
            .and_then(|e| e.bookmark())
            .and_then(|i| self.bookmarks.bookmarks.get(i))
            .map(|b| b.id.clone())
        else {
            self.message = Some("select a bookmark to delete".to_owned());
            return;
        };
        if let Some(bookmark) = self.bookmarks.find(&id).cloned() {
            self.change(Op::Remove { id });
            self.message = Some(format!(
                "bookmark on ¶{} deleted (u undoes)",
                bookmark.paragraph + 1
            ));
            self.deleted = Some(bookmark);
        }
    }

    pub(super) fn undo(&mut self) {
        match self.deleted.take() {
            Some(bookmark) => {
                let paragraph = bookmark.paragraph + 1;
                self.change(Op::Add(bookmark));
                self.message = Some(format!("bookmark on ¶{paragraph} restored"));
            }
            None => self.message = Some("nothing to undo".to_owned()),
        }
    }

    pub(super) fn focus_bookmarks(&mut self) {
        match self.panel.first_of(Group::Bookmarks) {
            Some(first) => {
                if !self.panel_shown() {
                    self.panel_choice = Some(true);
                    self.relayout();
                }
                self.focus = Focus::Panel;
                self.select(first as isize);
            }
            None => {
                self.message =
                    Some("no bookmarks yet: m bookmarks the passage at the top".to_owned())
            }
        }
    }
}
