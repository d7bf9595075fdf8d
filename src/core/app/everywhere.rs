//! Corrections for every article, written to the user's rules file: `X`
//! in the panel never shows the selected role or product again
//! (`not_roles`, `not_products`); `P` / `R` after `a` make the selection a
//! product (`[[product]]`) or a role wherever it is named (`[[role]]
//! anywhere = true`). The rules change in memory at once and detection
//! runs again through the schedule; the file is written by the edge (see
//! `take_rule_writes`), and `u` takes the change back, from the file too.

use std::sync::Arc;

use super::correcting::{Subject, entry_name};
use super::marks::Deleted;
use super::{App, Mode};
use crate::corrections::Kind;
use crate::rule_edits::{RuleEdit, RuleOp};

impl App {
    /// `X`: the selected role or product leaves every article.
    pub(super) fn dismiss_everywhere(&mut self) {
        let Some((kind, (shown, _), subject)) = self.selected_subject() else {
            self.message = Some("select a role or product in the panel to dismiss".into());
            return;
        };
        let target = match subject {
            _ if kind == Kind::Date => {
                self.message = Some("a date is dismissed in this article only: x".into());
                return;
            }
            Subject::Added(_) => {
                self.message = Some("this entry is your own, in this article: x removes it".into());
                return;
            }
            Subject::Detected { target, .. } => target,
        };
        // The name detection gives it (an edit renames it after detection).
        let edit = match kind {
            Kind::Role => RuleEdit::NotRole(target.name.clone()),
            _ => RuleEdit::NotProduct(target.name.clone()),
        };
        let what = format!("{} “{shown}”", kind.name());
        self.change_rules(
            RuleOp::Add(edit),
            format!("{what} dismissed in every article: your rules (u undoes)"),
            format!("{what} is back in every article"),
        );
    }

    /// `P` or `R` after `a`: the selection's words as a product or a role
    /// for every article.
    pub(super) fn add_everywhere(&mut self, kind: Kind) {
        self.mode = Mode::Normal;
        let Some(s) = self.selecting.take() else {
            return;
        };
        let quote = self.reader.doc().paragraph(s.paragraph).get(s.range);
        let name = entry_name(quote.unwrap_or(""), kind);
        let edit = match kind {
            _ if name.is_empty() => {
                self.message = Some("nothing selected to add".into());
                return;
            }
            Kind::Role => RuleEdit::AnywhereRole(name.clone()),
            Kind::Product => RuleEdit::Product(name.clone()),
            Kind::Date => return,
        };
        let what = format!("{} “{name}”", kind.name());
        let done = match kind {
            Kind::Role => format!("{what} wherever it is named, in every article: your rules"),
            _ => format!("{what} in every article: your rules"),
        };
        self.change_rules(
            RuleOp::Add(edit),
            format!("{done} (u undoes)"),
            format!("{what} taken out of your rules"),
        );
    }

    /// Applies `op` to the user's rules now and queues it for their file;
    /// `u` then applies its inverse.
    fn change_rules(&mut self, op: RuleOp, done: String, undone: String) {
        let existed = match &op {
            RuleOp::Add(RuleEdit::AnywhereRole(name)) => self.user_rules.has_role(name),
            _ => false,
        };
        if !self.apply_rule_ops(vec![op.clone()]) {
            self.message = Some(format!("{} is in your rules already", op.describe()));
            return;
        }
        self.message = Some(done);
        let undo = vec![op.inverse(existed)];
        self.marks
            .set_deleted(Deleted::Rules { undo, told: undone });
    }

    /// Applies `ops` to the user's rules in memory and queues them for the
    /// file; detection runs again with them. Whether any changed anything.
    pub(super) fn apply_rule_ops(&mut self, ops: Vec<RuleOp>) -> bool {
        let mut changed = false;
        for op in ops {
            if self.user_rules.apply(&op) {
                changed = true;
                self.rule_writes.push(op);
            }
        }
        if changed {
            self.rules = Arc::new(self.user_rules.merged());
            self.schedule.text_changed();
        }
        changed
    }

    /// The edge wrote the user's rules file.
    pub(super) fn rules_written(&mut self) {
        if self.rule_writes.written() {
            self.message = Some("your rules file is written".into());
        }
    }

    /// Writing the user's rules file failed: the changes stay pending, are
    /// tried again at the next save and on quit, which asks first.
    pub(super) fn rules_write_failed(&mut self, ops: Vec<RuleOp>, reason: String) {
        self.rule_writes.failed(ops, reason.clone());
        if self.quit {
            self.quit = false;
            self.mode = Mode::Unsaved;
        } else {
            self.message = Some(format!("{reason}; kept, written again at the next change"));
        }
    }

    /// Whether the panel entry is found only because of the user's rules
    /// (their product, their `anywhere` role).
    pub(super) fn found_by_users_rules(&self, source: crate::panel::Source) -> bool {
        let a = self.annotated.annotations();
        match source {
            crate::panel::Source::Role(i) => {
                (a.roles.get(i)).is_some_and(|r| self.user_rules.owns_role(r))
            }
            crate::panel::Source::Product(i) => {
                (a.products.get(i)).is_some_and(|p| self.user_rules.owns_product(p))
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::correcting::tests::{app, labels, select};
    use super::super::highlighting::tests::type_in;
    use super::super::{Action, Change};
    use super::*;

    /// Detection runs again, as the event loop would run it.
    fn detect(a: &mut App) {
        let job = a
            .take_detection_job()
            .expect("the rules changed: detect again");
        a.update(job.run());
    }

    fn has(a: &App, start: &str) -> bool {
        labels(a).iter().any(|l| l.starts_with(start))
    }

    #[test]
    fn x_dismisses_a_role_in_every_article_and_u_takes_it_back() {
        let mut a = app();
        select(&mut a, "platform role");
        a.update(Action::DismissEverywhere);
        assert_eq!(
            a.message(),
            Some("role “platform” dismissed in every article: your rules (u undoes)")
        );
        let add = RuleOp::Add(RuleEdit::NotRole("platform".into()));
        assert_eq!(a.take_rule_writes(), vec![add.clone()]);
        assert!(a.take_saves().is_empty(), "nothing for the article's state");
        detect(&mut a);
        assert!(!has(&a, "platform role"));
        assert_eq!(a.user_rules.own().not_roles, vec!["platform"]);
        a.update(Action::Undo);
        assert_eq!(
            a.message(),
            Some("role “platform” is back in every article")
        );
        assert_eq!(a.take_rule_writes(), vec![add.inverse(false)]);
        detect(&mut a);
        assert!(has(&a, "platform role"));
        // Dates go per article; a product names itself.
        select(&mut a, "March 9, 2017 (");
        a.update(Action::DismissEverywhere);
        assert_eq!(
            a.message(),
            Some("a date is dismissed in this article only: x")
        );
        select(&mut a, "Circles");
        a.update(Action::DismissEverywhere);
        let circles = RuleOp::Add(RuleEdit::NotProduct("Circles".into()));
        assert_eq!(a.take_rule_writes(), vec![circles]);
    }

    #[test]
    fn p_and_r_after_a_add_for_every_article_and_the_panel_marks_them() {
        let mut a = app();
        let add = |a: &mut App, word: &str, kind: Kind| {
            a.update(Action::StartSearch);
            type_in(a, word);
            a.update(Action::InputSubmit);
            a.update(Action::StartSelection);
            a.update(Action::AddEntry);
            assert_eq!(a.mode, Mode::AddAs);
            a.update(Action::AddEverywhere(kind));
            assert_eq!(a.mode, Mode::Normal);
            detect(a);
        };
        add(&mut a, "Internet", Kind::Product);
        assert_eq!(
            a.message(),
            Some("product “Internet” in every article: your rules (u undoes)")
        );
        let product = RuleOp::Add(RuleEdit::Product("Internet".into()));
        assert_eq!(a.take_rule_writes(), vec![product]);
        select(&mut a, "Internet");
        assert!(
            a.is_users_entry(a.selected()),
            "found by the user's rules: ✎"
        );
        assert!(
            a.bookmarks().corrections.is_empty(),
            "no correction of this article"
        );
        add(&mut a, "channels", Kind::Role);
        let role = RuleOp::Add(RuleEdit::AnywhereRole("channels".into()));
        assert_eq!(a.take_rule_writes(), vec![role.clone()]);
        assert!(has(&a, "channels role"));
        a.update(Action::Undo);
        assert_eq!(a.message(), Some("role “channels” taken out of your rules"));
        assert_eq!(a.take_rule_writes(), vec![role.inverse(false)]);
        detect(&mut a);
        assert!(!has(&a, "channels role"));
        add(&mut a, "channels", Kind::Role);
        select(&mut a, "channels role");
        assert!(a.is_users_entry(a.selected()));
        select(&mut a, "platform role");
        assert!(!a.is_users_entry(a.selected()), "detection's own");
        // Asked again for what is there: nothing to write.
        assert_eq!(a.take_rule_writes(), vec![role]);
        add_again(&mut a);
    }

    fn add_again(a: &mut App) {
        a.update(Action::StartSearch);
        type_in(a, "Internet");
        a.update(Action::InputSubmit);
        a.update(Action::StartSelection);
        a.update(Action::AddEntry);
        a.update(Action::AddEverywhere(Kind::Product));
        assert_eq!(
            a.message(),
            Some("[[product]] “Internet” is in your rules already")
        );
        assert!(a.take_rule_writes().is_empty());
        assert!(a.take_detection_job().is_none());
    }

    /// Found by a test of the brief: nothing the user made is dropped.
    #[test]
    fn a_failed_write_stays_pending_is_retried_and_quitting_asks_first() {
        let mut a = app();
        select(&mut a, "source role");
        a.update(Action::DismissEverywhere);
        let ops = a.take_rule_writes();
        let reason = "your rules file r.toml cannot be written: read-only file system";
        a.update(Change::RulesWriteFailed {
            ops: ops.clone(),
            reason: reason.into(),
        });
        assert_eq!(
            a.message(),
            Some(&*format!(
                "{reason}; kept, written again at the next change"
            ))
        );
        assert_eq!(
            (a.user_changes_pending(), a.unsaved_reason()),
            (1, Some(reason))
        );
        assert!(a.take_rule_writes().is_empty(), "not before the next save");
        a.update(Action::ToggleBookmark);
        assert_eq!(
            a.take_rule_writes(),
            ops,
            "retried with the bookmark's save"
        );
        a.update(Change::RulesWriteFailed {
            ops: ops.clone(),
            reason: reason.into(),
        });
        a.update(Action::Quit);
        assert_eq!(a.take_rule_writes(), ops, "retried on quit");
        a.update(Change::RulesWriteFailed {
            ops: ops.clone(),
            reason: reason.into(),
        });
        assert!(!a.quit);
        assert_eq!(a.mode, Mode::Unsaved);
        let report = a.unsaved_report().expect("a report");
        assert!(
            report.contains(&format!(
                "1 change(s) to your rules file were not written ({reason}): not_roles “source”"
            )),
            "{report}"
        );
        a.update(Action::RetrySave);
        assert_eq!(a.take_rule_writes(), ops);
        a.update(Change::RulesWritten);
        assert!(a.quit, "quits once written");
        assert_eq!(a.user_changes_pending(), a.marks.user_changes_pending());
        assert_eq!(a.message(), Some("your rules file is written"));
    }
}
