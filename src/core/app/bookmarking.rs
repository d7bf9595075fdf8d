//! The reader's bookmarks as the app keeps them: toggling, notes, delete
//! and undo, and the saves they queue for the store.

use super::marks::Deleted;
use super::{App, Focus, Mode};
use crate::bookmarks::{ArticleState, Bookmark, Op};
use crate::document::{Position, View};
use crate::highlights::HighlightOp;
use crate::panel::Group;
use crate::viewport;

impl App {
    /// Where a bookmark (kept in the repaired view) is in the view shown.
    pub fn shown_position(&self, bookmark: &Bookmark) -> Position {
        self.reader.shown_of_stored(bookmark.position())
    }

    /// Takes saved state from the store: bookmarks, and on open, the place
    /// to resume reading.
    pub(super) fn restore(&mut self, state: ArticleState, resume: bool) {
        let position = state.position;
        let same = state.corrections == self.marks.state().corrections;
        self.marks.restore(state);
        self.state_changed(same);
        if let Some(position) = position.filter(|_| resume) {
            let position = self.reader.shown_of_stored(position);
            if position != Position::default() {
                self.reader.jump(position);
                self.message = Some(format!("resumed at ¶{}", self.view_top().paragraph + 1));
            }
        }
    }

    /// State the store wrote (with any other running copy's changes merged).
    pub(super) fn saved(&mut self, state: ArticleState) {
        let same = state.corrections == self.marks.state().corrections;
        self.marks.saved(state);
        self.state_changed(same);
    }

    /// The panel anew; the corrections applied anew unless `same`.
    fn state_changed(&mut self, same: bool) {
        if same {
            self.rebuild_panel();
        } else {
            self.corrections_changed();
        }
    }

    /// A save failed: its changes stay pending, in order before any made
    /// since, and are tried again at the next change, on a retry and on
    /// quit. Quitting stops to ask rather than drop them.
    pub(super) fn save_failed(&mut self, ops: Vec<Op>, reason: String) {
        self.marks.failed(ops, reason.clone());
        if self.quit && self.user_changes_pending() > 0 {
            self.quit = false;
            self.mode = Mode::Unsaved;
        } else if self.user_changes_pending() > 0 {
            self.message = Some(format!("{reason}; kept, saved again at the next change"));
        } else {
            self.message = Some(reason);
        }
    }

    /// Puts back changes taken before the article could be identified, to
    /// be saved now that it is.
    pub(super) fn requeue_saves(&mut self, ops: Vec<Op>) {
        self.marks.requeue(ops, true);
    }

    /// Bookmarks, notes, corrections and changes to the user's rules file
    /// made but not saved (margin's own records, such as the reading
    /// position, do not count).
    pub fn user_changes_pending(&self) -> usize {
        self.marks.user_changes_pending() + self.rule_writes.pending().len()
    }

    /// Why the pending changes are not saved, while there are some.
    pub fn unsaved_reason(&self) -> Option<&str> {
        self.marks.unsaved_reason().or(self.rule_writes.reason())
    }

    /// What was not saved, for the line printed after the terminal is
    /// restored: nothing the user made disappears without a word.
    pub fn unsaved_report(&self) -> Option<String> {
        let mut parts = Vec::new();
        let count = self.marks.user_changes_pending();
        if count > 0 {
            let reason = self.marks.unsaved_reason().unwrap_or("not saved yet");
            let items: Vec<String> = self
                .marks
                .pending()
                .iter()
                .filter_map(|op| self.describe_change(op))
                .take(5)
                .collect();
            let more = if count > items.len() { ", …" } else { "" };
            parts.push(format!(
                "{count} bookmark change(s) were not saved ({reason}): {}{more}",
                items.join(", ")
            ));
        }
        let rules = self.rule_writes.pending();
        if !rules.is_empty() {
            let reason = self.rule_writes.reason().unwrap_or("not written yet");
            let items: Vec<String> = rules.iter().take(5).map(|op| op.describe()).collect();
            let more = if rules.len() > items.len() {
                ", …"
            } else {
                ""
            };
            parts.push(format!(
                "{} change(s) to your rules file were not written ({reason}): {}{more}",
                rules.len(),
                items.join(", ")
            ));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }

    fn describe_change(&self, op: &Op) -> Option<String> {
        let quote = |b: &Bookmark| b.quote.chars().take(40).collect::<String>();
        match op {
            Op::Add(b) => Some(format!("bookmark on ¶{} “{}”", b.paragraph + 1, quote(b))),
            Op::Remove { id } => Some(match self.paragraph_of_bookmark(id) {
                Some(paragraph) => format!("removal of the bookmark on ¶{paragraph}"),
                None => "removal of a bookmark".to_owned(),
            }),
            Op::SetNote { id, note } => {
                let on = self
                    .paragraph_of_bookmark(id)
                    .map_or(String::new(), |p| format!(" on ¶{p}"));
                Some(format!("note{on} “{}”", note.as_deref().unwrap_or("")))
            }
            Op::Highlight(HighlightOp::Add(h)) => Some(format!(
                "highlight on ¶{} “{}”",
                h.paragraph + 1,
                h.quote.chars().take(40).collect::<String>()
            )),
            Op::Highlight(HighlightOp::Remove { .. }) => Some("removal of a highlight".to_owned()),
            Op::Highlight(HighlightOp::Edit { note, .. }) => Some(format!(
                "highlight note “{}”",
                note.as_deref().unwrap_or("")
            )),
            _ => None,
        }
    }

    /// The 1-based paragraph of a bookmark still shown, by id.
    fn paragraph_of_bookmark(&self, id: &str) -> Option<usize> {
        self.marks.state().find(id).map(|b| b.paragraph + 1)
    }

    /// `q`: save the reading position and anything pending, then quit. A
    /// file still loading cannot be identified yet, so its bookmarks cannot
    /// be saved: ask first.
    pub(super) fn quit_saving(&mut self) {
        self.marks.record(Op::SetPosition(self.reading_position()));
        self.rule_writes.retry();
        if !self.reader.article().is_complete() && self.marks.user_changes_pending() > 0 {
            self.marks
                .hold(Some("the article is still loading".to_owned()));
            self.mode = Mode::Unsaved;
        } else {
            self.quit = true;
        }
    }

    /// The reading position in the repaired view, where it is stored.
    pub fn reading_position(&self) -> Position {
        self.reader.to_stored(self.view_top())
    }

    /// Applies a change now and queues it for saving.
    pub(super) fn change(&mut self, op: Op) {
        let correction = matches!(op, Op::Correction(_));
        self.marks.change(op);
        // A rules file write that failed is tried again with this save.
        self.rule_writes.retry();
        self.state_changed(!correction);
    }

    /// The bookmark `M` edits: on the passage `m` would mark.
    pub(super) fn bookmark_at_top(&self) -> Option<&Bookmark> {
        let paragraph = self.passage_at_top().paragraph;
        self.marks
            .state()
            .bookmarks
            .iter()
            .find(|b| self.shown_position(b).paragraph == paragraph)
    }

    /// Whether paragraph `index` (of the view shown) carries a bookmark.
    pub fn is_bookmarked(&self, index: usize) -> bool {
        match self.reader.doc().view() {
            View::Repaired if !self.reader.source_shown() => {
                self.marks.state().bookmarks_in(index).next().is_some()
            }
            _ => self
                .marks
                .state()
                .bookmarks
                .iter()
                .any(|b| self.shown_position(b).paragraph == index),
        }
    }

    pub(super) fn toggle_bookmark(&mut self) {
        if self.reader.doc().is_empty() {
            return;
        }
        let passage = self.passage_at_top();
        let number = passage.paragraph + 1;
        if let Some(existing) = self.bookmark_at_top().cloned() {
            self.change(Op::Remove {
                id: existing.id.clone(),
            });
            self.marks.set_deleted(Deleted::Bookmark(existing));
            self.message = Some(format!("bookmark on ¶{number} removed (u undoes)"));
        } else {
            let bookmark = Bookmark::new(self.reader.doc(), passage, None);
            self.change(Op::Add(bookmark));
            self.message = Some(format!("bookmarked ¶{number}"));
        }
    }

    /// What `m` marks: the sentence of the current search match when it is
    /// on screen, else the passage being read (see `App::reading`).
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
                let text = self.reader.doc().paragraph(found.paragraph);
                let start = crate::detect::sentence_at(text, found.byte).start;
                Position::new(found.paragraph, start)
            }
            None => self.reading(),
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
                let bookmark = Bookmark::new(self.reader.doc(), self.passage_at_top(), note);
                self.change(Op::Add(bookmark));
            }
        }
        self.message = Some(format!(
            "note saved on ¶{}",
            self.passage_at_top().paragraph + 1
        ));
    }

    pub(super) fn delete_selected_bookmark(&mut self) {
        if self.delete_selected_highlight() {
            return;
        }
        let Some(id) = self
            .annotated
            .entry(self.selection.selected())
            .and_then(|e| e.bookmark())
            .and_then(|i| self.marks.state().bookmarks.get(i))
            .map(|b| b.id.clone())
        else {
            self.message = Some("select a bookmark or highlight to delete".to_owned());
            return;
        };
        if let Some(bookmark) = self.marks.state().find(&id).cloned() {
            self.change(Op::Remove { id });
            self.message = Some(format!(
                "bookmark on ¶{} deleted (u undoes)",
                bookmark.paragraph + 1
            ));
            self.marks.set_deleted(Deleted::Bookmark(bookmark));
        }
    }

    pub(super) fn undo(&mut self) {
        match self.marks.take_deleted() {
            Some(Deleted::Bookmark(bookmark)) => {
                let paragraph = bookmark.paragraph + 1;
                self.change(Op::Add(bookmark));
                self.message = Some(format!("bookmark on ¶{paragraph} restored"));
            }
            Some(Deleted::Highlight(highlight)) => {
                let paragraph = highlight.paragraph + 1;
                self.change(Op::Highlight(HighlightOp::Add(highlight)));
                self.message = Some(format!("highlight on ¶{paragraph} restored"));
            }
            Some(Deleted::Correction { undo, told }) => {
                for op in undo {
                    self.change(op);
                }
                self.message = Some(told);
            }
            Some(Deleted::Rules { undo, told }) => {
                self.apply_rule_ops(undo);
                self.message = Some(told);
            }
            None => self.message = Some("nothing to undo".to_owned()),
        }
    }

    pub(super) fn focus_bookmarks(&mut self) {
        match self.annotated.panel().first_of(Group::Bookmarks) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;
    use ratatui::layout::Size;

    fn app() -> App {
        let doc =
            crate::load::load_bytes(include_bytes!("../../../assets/article.txt")).expect("doc");
        App::new(doc, "article.txt".into(), Size::new(120, 20))
    }

    fn bookmark_paragraph(a: &mut App, paragraph: usize) {
        a.reader.jump(Position::new(paragraph, 0));
        a.update(Action::ToggleBookmark);
    }

    fn added(ops: &[Op]) -> Vec<usize> {
        ops.iter()
            .filter_map(|op| match op {
                Op::Add(b) => Some(b.paragraph),
                _ => None,
            })
            .collect()
    }

    /// Found by a user: a bookmark set while the disk was full was dropped
    /// at the next save that worked.
    #[test]
    fn a_failed_save_stays_pending_and_goes_out_with_the_next_change() {
        let mut a = app();
        bookmark_paragraph(&mut a, 5);
        let ops = a.take_saves();
        a.save_failed(ops, "the disk is full".into());
        assert!(a.take_saves().is_empty(), "not retried before a change");
        assert_eq!(a.user_changes_pending(), 1);
        assert_eq!(a.unsaved_reason(), Some("the disk is full"));
        bookmark_paragraph(&mut a, 3);
        assert_eq!(added(&a.take_saves()), vec![5, 3]);
    }

    #[test]
    fn quitting_with_unsaved_changes_asks_and_a_retry_quits_once_saved() {
        let mut a = app();
        bookmark_paragraph(&mut a, 5);
        let ops = a.take_saves();
        a.save_failed(ops, "the disk is full".into());
        a.update(Action::Quit);
        let ops = a.take_saves();
        assert_eq!(added(&ops), vec![5]);
        assert!(matches!(ops.last(), Some(Op::SetPosition(_))));
        a.save_failed(ops, "the disk is full".into());
        assert!(!a.quit);
        assert_eq!(a.mode, Mode::Unsaved);
        // Esc: back to reading, nothing lost.
        a.update(Action::InputCancel);
        assert_eq!(a.mode, Mode::Normal);
        assert_eq!(a.user_changes_pending(), 1);
        a.update(Action::Quit);
        let ops = a.take_saves();
        a.save_failed(ops, "the disk is full".into());
        a.update(Action::RetrySave);
        assert!(a.quit, "quits if the edge's save works");
        let ops = a.take_saves();
        assert_eq!(added(&ops), vec![5]);
        a.saved(a.bookmarks().clone());
        assert!(a.unsaved_report().is_none());
    }

    #[test]
    fn quitting_anyway_reports_what_was_not_saved() {
        let mut a = app();
        bookmark_paragraph(&mut a, 5);
        a.update(Action::Quit);
        let ops = a.take_saves();
        a.save_failed(ops, "the disk is full".into());
        a.update(Action::QuitUnsaved);
        assert!(a.quit);
        assert!(a.take_saves().is_empty(), "quit anyway saves nothing more");
        let report = a.unsaved_report().expect("report");
        assert!(
            report.starts_with(
                "1 bookmark change(s) were not saved (the disk is full): bookmark on ¶6 “"
            ),
            "{report}"
        );
    }

    #[test]
    fn the_reading_position_alone_never_stops_quitting() {
        let mut a = app();
        a.update(Action::Quit);
        let ops = a.take_saves();
        a.save_failed(ops, "read-only".into());
        assert!(a.quit);
        assert!(a.unsaved_report().is_none());
    }

    #[test]
    fn quitting_while_loading_with_bookmarks_asks_first() {
        let mut doc = crate::document::Document::default();
        doc.push_block(crate::load::block_from_text("One.\n\nTwo.\n\n"));
        let mut a = App::new(doc, "standard input".into(), Size::new(120, 20));
        a.start_loading(10, None);
        a.update(Action::ToggleBookmark);
        a.update(Action::Quit);
        assert!(!a.quit);
        assert_eq!(a.mode, Mode::Unsaved);
        assert_eq!(a.unsaved_reason(), Some("the article is still loading"));
    }
}
