//! The reader's corrections of detection, as the app makes them: `x`
//! dismisses a panel entry, `e` renames it and changes its actor or owner
//! on the input line, `a` on a selection adds it as a product or role.
//! Each is a correction op saved like a bookmark, and `u` takes it back.

use super::marks::Deleted;
use super::{App, Focus, Mode};
use crate::action::Action;
use crate::bookmarks::Op;
use crate::corrections::{self, Added, Correction, CorrectionOp, Fix, Kind, Origin, Target};
use crate::highlights::{Colour, Highlight};
use crate::panel::Source;

/// What a panel entry is to a correction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Subject {
    /// Found by detection, and perhaps edited already (by that correction).
    Detected {
        target: Target,
        edit: Option<String>,
    },
    /// Made by the reader with this correction.
    Added(Correction),
}

/// The entry `e` corrects, while its name and then its actor are typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Editing {
    subject: Subject,
    kind: Kind,
    /// As shown when `e` was pressed.
    old: (String, Option<String>),
    /// Typed at the first prompt.
    name: String,
}

impl App {
    pub(super) fn correcting(&mut self, action: Action) {
        match action {
            Action::Dismiss => self.dismiss_selected(),
            Action::EditEntry => self.start_entry_edit(),
            Action::AddEntry if self.selecting.is_some() => self.mode = Mode::AddAs,
            Action::AddAs(kind) => self.add_selection(kind),
            Action::DismissEverywhere => self.dismiss_everywhere(),
            Action::AddEverywhere(kind) => self.add_everywhere(kind),
            _ => {}
        }
    }

    /// The selected entry's kind, its name and actor as shown, and what it
    /// is to a correction; none for other entries or without focus.
    pub(super) fn selected_subject(&self) -> Option<(Kind, (String, Option<String>), Subject)> {
        if self.focus != Focus::Panel {
            return None;
        }
        let entry = self.annotated.entry(self.selection.selected())?;
        let a = self.annotated.annotations();
        let (kind, i, shown) = match entry.source {
            Source::Role(i) => {
                let role = a.roles.get(i)?;
                let actor = role.actor.as_deref().map(str::to_owned);
                (Kind::Role, i, (role.name.to_string(), actor))
            }
            Source::Product(i) => {
                let product = a.products.get(i)?;
                (
                    Kind::Product,
                    i,
                    (product.name.clone(), product.owner.clone()),
                )
            }
            Source::Date(i) => (Kind::Date, i, (a.dates.get(i)?.iso(), None)),
            _ => return None,
        };
        let subject = self.subject(kind, i)?;
        Some((kind, shown, subject))
    }

    /// What entry `i` of `kind` in the corrected lists is to a correction.
    fn subject(&self, kind: Kind, i: usize) -> Option<Subject> {
        let origin = match self.annotated.corrected() {
            Some(c) => match kind {
                Kind::Role => c.roles.get(i),
                Kind::Product => c.products.get(i),
                Kind::Date => c.dates.get(i),
            }
            .cloned()?,
            None => Origin::Detected(i),
        };
        let (detected, doc) = (self.annotated.detected(), self.reader.doc());
        let target = |d| match kind {
            Kind::Role => corrections::role_target(detected, d, doc),
            Kind::Product => corrections::product_target(detected, d, doc),
            Kind::Date => corrections::date_target(detected, d, doc),
        };
        match origin {
            Origin::Detected(d) => Some(Subject::Detected {
                target: target(d)?,
                edit: None,
            }),
            Origin::Edited { detected: d, by } => Some(Subject::Detected {
                target: target(d)?,
                edit: Some(by),
            }),
            Origin::Added { by } => {
                let state = self.marks.state();
                let c = state.corrections.iter().find(|c| c.id == by)?;
                Some(Subject::Added(c.clone()))
            }
        }
    }

    /// `x`: the entry leaves the panel for this article.
    fn dismiss_selected(&mut self) {
        let Some((kind, (name, _), subject)) = self.selected_subject() else {
            self.message = Some("select a role, product or date in the panel to dismiss".into());
            return;
        };
        let undo = match subject {
            Subject::Detected { target, .. } => {
                let c = Correction::new(Fix::Dismiss { target });
                let undo = vec![remove(&c.id)];
                self.change(add(c));
                undo
            }
            Subject::Added(c) => {
                self.change(remove(&c.id));
                vec![add(c)]
            }
        };
        let what = format!("{} “{name}”", kind.name());
        self.message = Some(format!("{what} dismissed (u undoes)"));
        let told = format!("{what} is back");
        self.marks.set_deleted(Deleted::Correction { undo, told });
    }

    /// `e`: the name on the input line, then the actor.
    fn start_entry_edit(&mut self) {
        let Some((kind, old, subject)) = self.selected_subject() else {
            self.message = Some("select a role or product in the panel to edit".into());
            return;
        };
        if kind == Kind::Date {
            self.message = Some("a date reads as written: x dismisses it".into());
            return;
        }
        self.mode = Mode::EntryName(old.0.clone());
        self.editing = Some(Editing {
            subject,
            kind,
            old,
            name: String::new(),
        });
    }

    /// Enter on the name (then the actor is asked) or on the actor.
    pub(super) fn submit_entry_edit(&mut self) {
        let typed = match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::EntryName(name) => {
                let name = name.trim().to_owned();
                let Some(editing) = self.editing.as_mut().filter(|_| !name.is_empty()) else {
                    self.editing = None;
                    self.message = Some("a name is needed: x dismisses the entry".into());
                    return;
                };
                editing.name = name;
                self.mode = Mode::EntryActor(editing.old.1.clone().unwrap_or_default());
                return;
            }
            Mode::EntryActor(actor) => actor,
            _ => return,
        };
        let Some(editing) = self.editing.take() else {
            return;
        };
        let actor = Some(typed.trim().to_owned()).filter(|a| !a.is_empty());
        self.save_entry_edit(editing, actor);
    }

    fn save_entry_edit(&mut self, editing: Editing, actor: Option<String>) {
        let Editing {
            subject,
            kind,
            old,
            name,
        } = editing;
        if (&name, &actor) == (&old.0, &old.1) {
            self.message = Some("nothing changed".into());
            return;
        }
        let (made, undone) = match subject {
            Subject::Detected { target, edit } => {
                let prior = edit.and_then(|id| self.correction(&id));
                (
                    Fix::Edit {
                        target,
                        name: name.clone(),
                        actor: actor.clone(),
                    },
                    prior,
                )
            }
            Subject::Added(c) => {
                let Fix::Add(added) = c.fix.clone() else {
                    return;
                };
                let fix = Fix::Add(Added {
                    name: name.clone(),
                    actor: actor.clone(),
                    ..added
                });
                (fix, Some(c))
            }
        };
        let made = Correction::new(made);
        let mut undo = vec![remove(&made.id)];
        if let Some(prior) = undone {
            self.change(remove(&prior.id));
            undo.push(add(prior));
        }
        self.change(add(made));
        let by = actor.map_or(String::new(), |a| format!(" ({a})"));
        self.message = Some(format!("{} now “{name}”{by} (u undoes)", kind.name()));
        let told = format!("{} “{}” as it was", kind.name(), old.0);
        self.marks.set_deleted(Deleted::Correction { undo, told });
    }

    fn correction(&self, id: &str) -> Option<Correction> {
        let state = self.marks.state();
        state.corrections.iter().find(|c| c.id == id).cloned()
    }

    /// `p` or `r` after `a`: the selection becomes a product or a role,
    /// its paragraph the evidence.
    fn add_selection(&mut self, kind: Kind) {
        self.mode = Mode::Normal;
        let Some(s) = self.selecting.take() else {
            return;
        };
        // A highlight's span is the selection kept in the repaired view.
        let span = Highlight::new(
            self.reader.doc(),
            s.paragraph,
            s.range,
            Colour::Yellow,
            None,
        );
        let name = entry_name(&span.quote, kind);
        if name.is_empty() {
            self.message = Some("nothing selected to add".into());
            return;
        }
        let c = Correction::new(Fix::Add(Added {
            kind,
            name: name.clone(),
            actor: None,
            paragraph: span.paragraph,
            start: span.start,
            end: span.end,
            quote: span.quote,
            orphaned: false,
        }));
        let undo = vec![remove(&c.id)];
        self.change(add(c));
        let what = format!("{} “{name}”", kind.name());
        self.message = Some(format!("{what} added (e renames it, u undoes)"));
        let told = format!("{what} taken back");
        self.marks.set_deleted(Deleted::Correction { undo, told });
    }

    /// Whether panel entry `index` is the reader's own (✎): made or
    /// corrected in this article, or found only because of their rules.
    pub fn is_users_entry(&self, index: usize) -> bool {
        let Some(source) = self.annotated.entry(index).map(|e| e.source) else {
            return false;
        };
        let origin = self.annotated.corrected().and_then(|c| match source {
            Source::Role(i) => c.roles.get(i),
            Source::Product(i) => c.products.get(i),
            Source::Date(i) => c.dates.get(i),
            _ => None,
        });
        origin.is_some_and(Origin::is_users) || self.found_by_users_rules(source)
    }

    /// The entry being corrected, for the input line's prompt.
    pub fn editing_kind(&self) -> Option<Kind> {
        self.editing.as_ref().map(|e| e.kind)
    }
}

fn add(c: Correction) -> Op {
    Op::Correction(CorrectionOp::Add(c))
}

fn remove(id: &str) -> Op {
    Op::Correction(CorrectionOp::Remove { id: id.to_owned() })
}

/// A selection as an entry's name: one line, trimmed of spaces and
/// closing punctuation; a role's without the word "role" ("platform
/// role." names the role "platform", as detection does).
pub(super) fn entry_name(quote: &str, kind: Kind) -> String {
    let one_line = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = one_line.trim_end_matches(['.', ',', ';', ':', '。', '，', '；', '：']);
    match kind {
        Kind::Role => {
            let lower = name.to_lowercase();
            let cut = lower
                .strip_suffix(" role")
                .or_else(|| lower.strip_suffix("角色"))
                .map_or(name.len(), str::len);
            name.get(..cut).unwrap_or(name).trim().to_lowercase()
        }
        _ => name.trim().to_owned(),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::highlighting::tests::type_in;
    use super::*;
    use ratatui::layout::Size;

    /// An app on the bundled article, 120×40.
    pub(in crate::core::app) fn app() -> App {
        let doc =
            crate::load::load_bytes(include_bytes!("../../../assets/article.txt")).expect("doc");
        App::new(doc, "article.txt".into(), Size::new(120, 40))
    }

    /// The panel's entries as drawn.
    pub(in crate::core::app) fn labels(a: &App) -> Vec<String> {
        (0..a.panel().len()).map(|i| a.entry_label(i)).collect()
    }

    /// Selects the panel entry whose label starts with `start`.
    pub(in crate::core::app) fn select(a: &mut App, start: &str) {
        if a.focus != Focus::Panel {
            a.update(Action::FocusNext);
        }
        let at = labels(a).iter().position(|l| l.starts_with(start));
        a.update(Action::SelectFirst);
        a.update(Action::Select(at.expect(start) as isize));
    }

    #[test]
    fn x_dismisses_an_entry_and_u_brings_it_back() {
        let mut a = app();
        select(&mut a, "platform role");
        a.update(Action::Dismiss);
        assert_eq!(a.message(), Some("role “platform” dismissed (u undoes)"));
        assert!(!labels(&a).iter().any(|l| l.starts_with("platform role")));
        assert!(a.annotations().roles.iter().all(|r| &*r.name != "platform"));
        assert!(matches!(
            a.take_saves().as_slice(),
            [Op::Correction(CorrectionOp::Add(_))]
        ));
        a.update(Action::Undo);
        assert!(labels(&a).iter().any(|l| l.starts_with("platform role")));
        assert!(a.bookmarks().corrections.is_empty());
    }

    #[test]
    fn e_renames_then_changes_the_actor_and_marks_the_entry() {
        let mut a = app();
        select(&mut a, "source role");
        a.update(Action::EditEntry);
        assert_eq!(a.mode, Mode::EntryName("source".into()));
        a.update(Action::InputBackspace);
        type_in(&mut a, "ing");
        a.update(Action::InputSubmit);
        assert_eq!(a.mode, Mode::EntryActor("Alipay".into()));
        type_in(&mut a, " Group");
        a.update(Action::InputSubmit);
        let at = labels(&a)
            .iter()
            .position(|l| l == "sourcing role — Alipay Group")
            .expect("renamed");
        assert!(a.is_users_entry(at));
        let users = (0..a.panel().len())
            .filter(|&i| a.is_users_entry(i))
            .count();
        assert_eq!(users, 1, "only the edited entry is marked");
        // A second edit replaces the first; u restores it.
        a.update(Action::EditEntry);
        a.update(Action::InputSubmit);
        for _ in 0.." Group".len() {
            a.update(Action::InputBackspace);
        }
        a.update(Action::InputSubmit);
        assert_eq!(a.bookmarks().corrections.len(), 1);
        assert!(labels(&a).contains(&"sourcing role — Alipay".to_owned()));
        a.update(Action::Undo);
        assert!(labels(&a).contains(&"sourcing role — Alipay Group".to_owned()));
        assert_eq!(a.bookmarks().corrections.len(), 1);
    }

    #[test]
    fn a_adds_a_selection_as_a_product_and_x_removes_it() {
        let mut a = app();
        a.update(Action::StartSearch);
        type_in(&mut a, "Internet");
        a.update(Action::InputSubmit);
        a.update(Action::StartSelection);
        a.update(Action::AddEntry);
        assert_eq!(a.mode, Mode::AddAs);
        a.update(Action::InputCancel);
        assert_eq!(a.mode, Mode::Selecting, "Esc goes back to the selection");
        a.update(Action::AddEntry);
        a.update(Action::AddAs(Kind::Product));
        assert_eq!(a.mode, Mode::Normal);
        let product = a
            .annotations()
            .products
            .iter()
            .find(|p| p.name == "Internet");
        assert!(product.is_some_and(|p| !p.mentions.is_empty()));
        select(&mut a, "Internet");
        assert!(a.is_users_entry(a.selected()));
        a.update(Action::Dismiss);
        assert!(a.bookmarks().corrections.is_empty());
        a.update(Action::Undo);
        assert_eq!(a.bookmarks().corrections.len(), 1);
    }

    #[test]
    fn names_of_selections() {
        assert_eq!(entry_name("Platform role.", Kind::Role), "platform");
        assert_eq!(
            entry_name(" Ali\nWangwang, ", Kind::Product),
            "Ali Wangwang"
        );
        assert_eq!(entry_name("担保人角色", Kind::Role), "担保人");
    }
}
