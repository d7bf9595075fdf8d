//! The article's bookmarks as the store last answered, the changes not
//! saved yet, and the one deletion `u` can undo. Fields are private so the
//! invariants hold in one place: a change is applied and queued in one
//! step; queued changes keep their order until the store has them; a
//! failed save puts its changes back before any made since.

use crate::bookmarks::{ArticleId, ArticleState, Bookmark, Op};
use crate::highlights::Highlight;

/// What `u` can bring back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Deleted {
    Bookmark(Bookmark),
    Highlight(Highlight),
    /// A correction made or removed: the ops that take it back, and what
    /// to tell once they have.
    Correction {
        undo: Vec<Op>,
        told: String,
    },
    /// A change to the user's rules: the ops that take it back.
    Rules {
        undo: Vec<crate::rule_edits::RuleOp>,
        told: String,
    },
}

#[derive(Debug)]
pub(super) struct Marks {
    state: ArticleState,
    /// Changes not saved yet, oldest first.
    saves: Vec<Op>,
    /// A save should be tried: something changed, or quitting, or a retry.
    save_due: bool,
    /// Why the last save failed, while its changes are still pending.
    unsaved: Option<String>,
    /// The bookmark or highlight `d` or `m` removed, until the next action.
    deleted: Option<Deleted>,
}

impl Marks {
    pub(super) fn new(id: ArticleId) -> Self {
        Self {
            state: ArticleState::new(id),
            saves: Vec::new(),
            save_due: false,
            unsaved: None,
            deleted: None,
        }
    }

    pub(super) fn state(&self) -> &ArticleState {
        &self.state
    }

    /// A change of the user's: applied now, saved at the next save.
    pub(super) fn change(&mut self, op: Op) {
        self.state.apply(op.clone());
        self.record(op);
    }

    /// A record of margin's own (the reading position): saved, not applied.
    pub(super) fn record(&mut self, op: Op) {
        self.saves.push(op);
        self.save_due = true;
    }

    /// A save that will not be tried after all (quitting anyway; a file
    /// still loading, which cannot be identified yet).
    pub(super) fn hold(&mut self, reason: Option<String>) {
        self.save_due = false;
        if reason.is_some() {
            self.unsaved = reason;
        }
    }

    /// Changes to save, oldest first, when a save is due; else none.
    pub(super) fn take_saves(&mut self) -> Vec<Op> {
        if !self.save_due {
            return Vec::new();
        }
        self.save_due = false;
        std::mem::take(&mut self.saves)
    }

    /// Changes taken but not saved, back before any made since. `due`: try
    /// again now (the article was identified), else at the next change.
    pub(super) fn requeue(&mut self, mut ops: Vec<Op>, due: bool) {
        ops.append(&mut self.saves);
        self.saves = ops;
        self.save_due = due && !self.saves.is_empty();
    }

    /// A save failed: its changes stay pending, for the next try.
    pub(super) fn failed(&mut self, ops: Vec<Op>, reason: String) {
        self.requeue(ops, false);
        self.unsaved = Some(reason);
    }

    /// The store's state after a save: other copies' changes merged in.
    pub(super) fn saved(&mut self, state: ArticleState) {
        self.unsaved = None;
        self.state = state;
    }

    /// The store's state on opening.
    pub(super) fn restore(&mut self, state: ArticleState) {
        self.state = state;
    }

    /// Bookmarks and notes made but not saved (margin's own records, such
    /// as the reading position, do not count).
    pub(super) fn user_changes_pending(&self) -> usize {
        self.saves.iter().filter(|op| op.is_users()).count()
    }

    /// Why the pending changes are not saved, while there are some.
    pub(super) fn unsaved_reason(&self) -> Option<&str> {
        self.unsaved
            .as_deref()
            .filter(|_| self.user_changes_pending() > 0)
    }

    pub(super) fn pending(&self) -> &[Op] {
        &self.saves
    }

    pub(super) fn set_deleted(&mut self, deleted: Deleted) {
        self.deleted = Some(deleted);
    }

    pub(super) fn take_deleted(&mut self) -> Option<Deleted> {
        self.deleted.take()
    }

    /// Undo reaches back one action only.
    pub(super) fn forget_deleted(&mut self) {
        self.deleted = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Position};

    fn marks_and_doc() -> (Marks, Document) {
        let doc = Document::from_text("Title\n\nOne.\n\nTwo.\n\nThree.");
        (Marks::new(ArticleId::of(&doc)), doc)
    }

    fn add(doc: &Document, paragraph: usize) -> Op {
        Op::Add(Bookmark::new(doc, Position::new(paragraph, 0), None))
    }

    #[test]
    fn failed_changes_go_back_before_later_ones_in_order() {
        let (mut marks, doc) = marks_and_doc();
        marks.change(add(&doc, 1));
        marks.change(add(&doc, 2));
        let taken = marks.take_saves();
        assert!(marks.take_saves().is_empty(), "nothing due twice");
        marks.change(add(&doc, 3));
        marks.failed(taken, "full".into());
        let order: Vec<usize> = marks
            .pending()
            .iter()
            .filter_map(|op| match op {
                Op::Add(b) => Some(b.paragraph),
                _ => None,
            })
            .collect();
        assert_eq!(order, vec![1, 2, 3]);
        assert_eq!(marks.unsaved_reason(), Some("full"));
        assert_eq!(marks.state().bookmarks.len(), 3, "applied meanwhile");
    }

    #[test]
    fn a_record_is_saved_but_not_counted_as_the_users() {
        let (mut marks, _) = marks_and_doc();
        marks.record(Op::SetPosition(Position::new(2, 0)));
        assert_eq!(marks.user_changes_pending(), 0);
        assert_eq!(marks.take_saves().len(), 1);
    }

    #[test]
    fn a_held_save_is_not_taken_until_the_next_change() {
        let (mut marks, doc) = marks_and_doc();
        marks.change(add(&doc, 1));
        marks.hold(Some("loading".into()));
        assert!(marks.take_saves().is_empty());
        assert_eq!(marks.unsaved_reason(), Some("loading"));
        marks.change(add(&doc, 2));
        assert_eq!(marks.take_saves().len(), 2);
    }
}
