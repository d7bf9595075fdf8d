//! The changes to the user's rules file not written yet, as `marks` keeps
//! the bookmarks' saves: a change is queued as it is made; a write is
//! tried when one is due (a change, a save, quitting, a retry); a write
//! that failed puts its changes back before any made since, and they wait
//! for the next try.

use crate::rule_edits::RuleOp;

#[derive(Debug, Default)]
pub(super) struct RuleWrites {
    /// Not written yet, oldest first.
    pending: Vec<RuleOp>,
    /// A write should be tried.
    due: bool,
    /// Why the last write failed, while its changes are pending.
    failed: Option<String>,
}

impl RuleWrites {
    pub(super) fn push(&mut self, op: RuleOp) {
        self.pending.push(op);
        self.due = true;
    }

    /// Something else is saved, or the reader quits: try again.
    pub(super) fn retry(&mut self) {
        self.due |= !self.pending.is_empty();
    }

    /// Quitting anyway: nothing more is tried.
    pub(super) fn hold(&mut self) {
        self.due = false;
    }

    /// The changes to write, oldest first, when a write is due; else none.
    pub(super) fn take(&mut self) -> Vec<RuleOp> {
        if !std::mem::take(&mut self.due) {
            return Vec::new();
        }
        std::mem::take(&mut self.pending)
    }

    /// A write failed: its changes go back before any made since.
    pub(super) fn failed(&mut self, mut ops: Vec<RuleOp>, reason: String) {
        ops.append(&mut self.pending);
        self.pending = ops;
        self.failed = Some(reason);
    }

    /// Whether the last write had failed (it worked now).
    pub(super) fn written(&mut self) -> bool {
        self.failed.take().is_some()
    }

    pub(super) fn pending(&self) -> &[RuleOp] {
        &self.pending
    }

    /// Why the pending changes are not written, while there are some.
    pub(super) fn reason(&self) -> Option<&str> {
        self.failed.as_deref().filter(|_| !self.pending.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule_edits::RuleEdit;

    fn op(name: &str) -> RuleOp {
        RuleOp::Add(RuleEdit::NotRole(name.into()))
    }

    #[test]
    fn a_failed_write_goes_back_before_later_changes_and_waits() {
        let mut writes = RuleWrites::default();
        writes.push(op("a"));
        let taken = writes.take();
        assert_eq!(taken, vec![op("a")]);
        assert!(writes.take().is_empty(), "nothing due twice");
        writes.push(op("b"));
        writes.failed(taken, "read-only".into());
        assert_eq!(writes.pending(), &[op("a"), op("b")]);
        assert_eq!(writes.reason(), Some("read-only"));
        // Due because of "b"; once failed again, only a retry tries.
        let taken = writes.take();
        writes.failed(taken, "read-only".into());
        assert!(writes.take().is_empty());
        writes.retry();
        assert_eq!(writes.take().len(), 2);
        assert!(writes.written());
        assert_eq!(writes.reason(), None);
    }
}
