//! The reader's corrections of what detection found, as pure data, and
//! their application: detected `Annotations` and the corrections in, the
//! corrected annotations out, with where each entry came from (detected,
//! changed by the user, added by the user) and what was dismissed.
//!
//! Detection runs again whenever the text or the rules change, so a
//! correction names its entry by what survives a new run (kind, name, the
//! paragraph it starts at) rather than by index; one whose entry is no
//! longer found is kept and reported, never dropped. Corrections live in
//! the article state beside the bookmarks and change by idempotent ops,
//! so the store's lock, merge and atomic write hold for them too.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::bookmarks::{find_quote, now_rfc3339, unique_id};
use crate::detect::{Annotations, Mention, Product, Role};
use crate::document::{Document, Position, View};

/// What kind of panel entry a correction is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Role,
    Product,
    Date,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Role => "role",
            Kind::Product => "product",
            Kind::Date => "date",
        }
    }
}

/// A detected entry, named so that a new detection finds it again: its
/// kind, its name as detected (a date's ISO form) and the paragraph it
/// starts at in the repaired view (a role's heading, a product's first
/// mention, a date's paragraph), which tells apart entries of one name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub kind: Kind,
    pub name: String,
    pub paragraph: usize,
}

/// A user-made entry: a selection taken as a role or a product. Its span
/// is in the repaired view and re-anchored by its quote, as a highlight's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Added {
    pub kind: Kind,
    pub name: String,
    /// A role's actor, a product's owner.
    #[serde(default)]
    pub actor: Option<String>,
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    pub quote: String,
    #[serde(default)]
    pub orphaned: bool,
}

/// What a correction does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "fix", rename_all = "lowercase")]
pub enum Fix {
    /// The entry is not one: it leaves the panel and the output.
    Dismiss {
        target: Target,
    },
    /// The entry's name and actor (owner) as they should read.
    Edit {
        target: Target,
        name: String,
        #[serde(default)]
        actor: Option<String>,
    },
    Add(Added),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// Unique across processes (as a bookmark's id); ids sort by time.
    pub id: String,
    /// RFC 3339, UTC.
    #[serde(default)]
    pub created: String,
    #[serde(flatten)]
    pub fix: Fix,
}

impl Correction {
    pub fn new(fix: Fix) -> Self {
        Self {
            id: unique_id(),
            created: now_rfc3339(),
            fix,
        }
    }

    /// The detected entry it is about (none for an added one).
    pub fn target(&self) -> Option<&Target> {
        match &self.fix {
            Fix::Dismiss { target } | Fix::Edit { target, .. } => Some(target),
            Fix::Add(_) => None,
        }
    }

    /// Its text fields, to neutralise what a state file may hold.
    pub(crate) fn texts(&mut self) -> Vec<&mut String> {
        let mut out = vec![&mut self.created];
        match &mut self.fix {
            Fix::Dismiss { target } => out.push(&mut target.name),
            Fix::Edit {
                target,
                name,
                actor,
            } => out.extend([&mut target.name, name].into_iter().chain(actor)),
            Fix::Add(added) => out.extend(
                [&mut added.name, &mut added.quote]
                    .into_iter()
                    .chain(&mut added.actor),
            ),
        }
        out
    }

    /// Its positions, to cap what a state file may hold.
    pub(crate) fn positions(&mut self) -> Vec<&mut usize> {
        match &mut self.fix {
            Fix::Dismiss { target } | Fix::Edit { target, .. } => vec![&mut target.paragraph],
            Fix::Add(a) => vec![&mut a.paragraph, &mut a.start, &mut a.end],
        }
    }
}

/// A change to the corrections of an article state (carried by
/// `bookmarks::Op`). Every one is idempotent and ignores an id that no
/// longer exists (another copy may have removed it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CorrectionOp {
    /// Adds it unless one with its id is there.
    Add(Correction),
    Remove {
        id: String,
    },
    /// Moves an added entry after the article changed.
    Reanchor {
        id: String,
        paragraph: usize,
        start: usize,
        orphaned: bool,
    },
}

/// Applies `op` to `list` (sorted by id, so by time, and kept so: later
/// edits of one entry win in every copy).
pub fn apply(list: &mut Vec<Correction>, op: CorrectionOp) {
    match op {
        CorrectionOp::Add(correction) => {
            if let Err(at) = list.binary_search_by(|c| c.id.cmp(&correction.id)) {
                list.insert(at, correction);
            }
        }
        CorrectionOp::Remove { id } => list.retain(|c| c.id != id),
        CorrectionOp::Reanchor {
            id,
            paragraph,
            start,
            orphaned,
        } => {
            let found = list.iter_mut().find(|c| c.id == id);
            if let Some(Correction {
                fix: Fix::Add(a), ..
            }) = found
            {
                let len = a.end.saturating_sub(a.start);
                (a.paragraph, a.start, a.end, a.orphaned) =
                    (paragraph, start, start + len, orphaned);
            }
        }
    }
}

/// What re-anchoring the added entries of `list` in `doc` changes.
pub fn reanchor_ops(list: &[Correction], doc: &Document) -> Vec<CorrectionOp> {
    list.iter()
        .filter_map(|c| {
            let Fix::Add(a) = &c.fix else {
                return None;
            };
            let was = Position::new(a.paragraph, a.start);
            let (at, orphaned) = match find_quote(doc, was, &a.quote) {
                Some(found) => (found, false),
                None => (was, true),
            };
            (at != was || orphaned != a.orphaned).then(|| CorrectionOp::Reanchor {
                id: c.id.clone(),
                paragraph: at.paragraph,
                start: at.byte,
                orphaned,
            })
        })
        .collect()
}

/// Where a corrected entry came from; ids are the corrections'.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// As detected: index in the detected list.
    Detected(usize),
    /// Detected, then renamed or given another actor by `by`.
    Edited { detected: usize, by: String },
    /// Made by the user with correction `by`.
    Added { by: String },
}

impl Origin {
    /// Whether the user made or changed the entry (the panel marks it).
    pub fn is_users(&self) -> bool {
        !matches!(self, Origin::Detected(_))
    }

    pub fn detected(&self) -> Option<usize> {
        match self {
            Origin::Detected(i) | Origin::Edited { detected: i, .. } => Some(*i),
            Origin::Added { .. } => None,
        }
    }
}

/// A detected entry the user dismissed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dismissed {
    /// The correction's id (removing it brings the entry back).
    pub by: String,
    pub target: Target,
}

/// Detection with the corrections applied.
#[derive(Debug, Clone, Default)]
pub struct Corrected {
    pub annotations: Annotations,
    /// Parallel to `annotations.roles`, `.products` and `.dates`.
    pub roles: Vec<Origin>,
    pub products: Vec<Origin>,
    pub dates: Vec<Origin>,
    pub dismissed: Vec<Dismissed>,
    /// Corrections whose entry detection no longer finds (or an added
    /// entry whose text is gone): kept, listed, not applied.
    pub unmatched: Vec<Correction>,
}

/// How a correction targets the entries of one detected list.
#[derive(Default)]
struct Verdicts<'c> {
    /// Entry index → the dismissing correction's id.
    dismissed: HashMap<usize, &'c str>,
    /// Entry index → the last edit (corrections are in id order).
    edited: HashMap<usize, (&'c str, &'c str, Option<&'c str>)>,
    /// Heading paragraphs of dismissed roles: their sections go too, so
    /// `]`/`[` stop there no more (unless a kept role heads one there).
    headings: Vec<usize>,
}

/// The target naming detected role `i` of `a` (in the view of `doc`).
pub fn role_target(a: &Annotations, i: usize, doc: &Document) -> Option<Target> {
    let role = a.roles.get(i)?;
    Some(target(
        Kind::Role,
        &role.name,
        role.heading_paragraph(),
        doc,
    ))
}

pub fn product_target(a: &Annotations, i: usize, doc: &Document) -> Option<Target> {
    let product = a.products.get(i)?;
    let first = product.mentions.first().map_or(0, Mention::paragraph);
    Some(target(Kind::Product, &product.name, first, doc))
}

pub fn date_target(a: &Annotations, i: usize, doc: &Document) -> Option<Target> {
    let date = a.dates.get(i)?;
    Some(target(Kind::Date, &date.iso(), date.paragraph, doc))
}

/// Paragraphs are kept in the repaired view, whichever is shown.
fn target(kind: Kind, name: &str, paragraph: usize, doc: &Document) -> Target {
    let at = doc.map_between(Position::new(paragraph, 0), doc.view(), View::Repaired);
    Target {
        kind,
        name: name.to_owned(),
        paragraph: at.paragraph,
    }
}

/// The detected entry of `kind` named `target`: of those of its name, the
/// one starting nearest its paragraph.
fn find(a: &Annotations, t: &Target, doc: &Document) -> Option<usize> {
    let want = doc
        .map_between(Position::new(t.paragraph, 0), View::Repaired, doc.view())
        .paragraph;
    let nearest = |places: &mut dyn Iterator<Item = (usize, usize)>| {
        places.min_by_key(|(_, p)| p.abs_diff(want)).map(|(i, _)| i)
    };
    match t.kind {
        Kind::Role => nearest(
            &mut (a.roles.iter().enumerate())
                .filter(|(_, r)| *r.name == *t.name)
                .map(|(i, r)| (i, r.heading_paragraph())),
        ),
        Kind::Product => nearest(
            &mut (a.products.iter().enumerate())
                .filter(|(_, p)| p.name == t.name)
                .map(|(i, p)| (i, p.mentions.first().map_or(0, Mention::paragraph))),
        ),
        Kind::Date => nearest(
            &mut (a.dates.iter().enumerate())
                .filter(|(_, d)| d.iso() == t.name)
                .map(|(i, d)| (i, d.paragraph)),
        ),
    }
}

/// `detected` with `corrections` (in id order) applied, in the view `doc`
/// shows (the text detection ran on).
pub fn apply_all(detected: Annotations, corrections: &[Correction], doc: &Document) -> Corrected {
    let mut out = Corrected::default();
    let verdicts = judge(&detected, corrections, doc, &mut out);
    let none = Verdicts::default();
    let verdict = |kind| verdicts.get(&kind).unwrap_or(&none);
    let mut a = detected;
    (a.roles, out.roles) = correct_roles(std::mem::take(&mut a.roles), verdict(Kind::Role));
    let products = std::mem::take(&mut a.products);
    (a.products, out.products) = correct_products(products, verdict(Kind::Product));
    let dismissed_dates = &verdict(Kind::Date).dismissed;
    let dates = std::mem::take(&mut a.dates).into_iter().enumerate();
    (a.dates, out.dates) = dates
        .filter(|(i, _)| !dismissed_dates.contains_key(i))
        .map(|(i, d)| (d, Origin::Detected(i)))
        .unzip();
    let dropped = &verdict(Kind::Role).headings;
    let kept: Vec<usize> = a.roles.iter().map(Role::heading_paragraph).collect();
    a.sections.retain(|s| {
        s.kind != crate::detect::SectionKind::Heading
            || !dropped.contains(&s.paragraph)
            || kept.contains(&s.paragraph)
    });
    out.annotations = a;
    add_entries(&mut out, corrections, doc);
    out
}

/// Which detected entry each correction names, by kind; those naming
/// none are `unmatched`, the dismissed are listed.
fn judge<'c>(
    detected: &Annotations,
    corrections: &'c [Correction],
    doc: &Document,
    out: &mut Corrected,
) -> HashMap<Kind, Verdicts<'c>> {
    let mut verdicts: HashMap<Kind, Verdicts> = HashMap::new();
    for c in corrections {
        let Some(t) = c.target() else { continue };
        let Some(i) = find(detected, t, doc) else {
            out.unmatched.push(c.clone());
            continue;
        };
        let v = verdicts.entry(t.kind).or_default();
        match &c.fix {
            Fix::Dismiss { .. } => {
                v.dismissed.insert(i, &c.id);
                if let Some(role) = detected.roles.get(i).filter(|_| t.kind == Kind::Role) {
                    v.headings.push(role.heading_paragraph());
                }
                out.dismissed.push(Dismissed {
                    by: c.id.clone(),
                    target: t.clone(),
                });
            }
            Fix::Edit { name, actor, .. } => {
                v.edited.insert(i, (&c.id, name, actor.as_deref()));
            }
            Fix::Add(_) => {}
        }
    }
    verdicts
}

fn correct_roles(roles: Vec<Role>, v: &Verdicts) -> (Vec<Role>, Vec<Origin>) {
    correct(roles, v, |role, name, actor| {
        role.name = Arc::from(name);
        role.actor = actor.map(Arc::from);
    })
}

fn correct_products(products: Vec<Product>, v: &Verdicts) -> (Vec<Product>, Vec<Origin>) {
    correct(products, v, |product, name, owner| {
        product.name = name.to_owned();
        product.owner = owner.map(str::to_owned);
    })
}

/// `items` but the dismissed, the edited renamed by `rename`, each with
/// where it came from.
fn correct<T>(
    items: Vec<T>,
    v: &Verdicts,
    rename: impl Fn(&mut T, &str, Option<&str>),
) -> (Vec<T>, Vec<Origin>) {
    let mut out = (Vec::new(), Vec::new());
    for (i, mut item) in items.into_iter().enumerate() {
        if v.dismissed.contains_key(&i) {
            continue;
        }
        let origin = match v.edited.get(&i) {
            Some((by, name, actor)) => {
                rename(&mut item, name, *actor);
                Origin::Edited {
                    detected: i,
                    by: (*by).to_owned(),
                }
            }
            None => Origin::Detected(i),
        };
        out.0.push(item);
        out.1.push(origin);
    }
    out
}

/// The user's own entries, each where its quote is in the text shown.
fn add_entries(out: &mut Corrected, corrections: &[Correction], doc: &Document) {
    for c in corrections {
        let Fix::Add(added) = &c.fix else { continue };
        let Some(mention) = added_mention(added, doc) else {
            out.unmatched.push(c.clone());
            continue;
        };
        let origin = Origin::Added { by: c.id.clone() };
        match added.kind {
            Kind::Role => add_role(out, added, mention, doc, origin),
            Kind::Product => add_product(out, added, mention, doc, origin),
            // A date is never added (a selection is a role or a product).
            Kind::Date => out.unmatched.push(c.clone()),
        }
    }
}

/// Where an added entry's quote is in the view shown; `None` when gone.
fn added_mention(added: &Added, doc: &Document) -> Option<Mention> {
    if added.orphaned || added.quote.is_empty() {
        return None;
    }
    let was = Position::new(added.paragraph, added.start);
    let found = find_quote(doc, was, &added.quote)?;
    let start = doc.map_between(found, View::Repaired, doc.view());
    let end = Position::new(found.paragraph, found.byte + added.quote.len());
    let end = doc.map_between(end, View::Repaired, doc.view());
    let end = if end.paragraph == start.paragraph {
        end.byte
    } else {
        doc.paragraph(start.paragraph).len()
    };
    Mention::new(start.paragraph, start.byte..end.max(start.byte))
}

fn add_role(out: &mut Corrected, added: &Added, m: Mention, doc: &Document, origin: Origin) {
    let p = m.paragraph();
    // The selection's paragraph is the evidence.
    let evidence = 0..doc.paragraph(p).len();
    let role = Role::new(
        Arc::from(added.name.as_str()),
        added.actor.as_deref().map(Arc::from),
        p..p + 1,
        evidence,
        Box::new([m]),
    );
    let Some(role) = role else { return };
    // In heading order, as detection's: lookups by section rely on it.
    let at = (out.annotations.roles).partition_point(|r| r.heading_paragraph() <= p);
    out.annotations.roles.insert(at, role);
    out.roles.insert(at, origin);
}

fn add_product(out: &mut Corrected, added: &Added, m: Mention, doc: &Document, origin: Origin) {
    // Every place the text names it, so `.`/`,` step through them.
    let mut mentions: Vec<Mention> = (0..doc.len())
        .flat_map(|p| {
            (doc.paragraph(p).match_indices(added.quote.as_str()))
                .filter_map(move |(at, found)| Mention::new(p, at..at + found.len()))
        })
        .collect();
    if !mentions.contains(&m) {
        mentions.push(m);
        mentions.sort_by_key(|m| (m.paragraph(), m.range().start));
    }
    out.annotations.products.push(Product {
        name: added.name.clone(),
        owner: added.actor.clone(),
        mentions,
        ..Product::default()
    });
    out.products.push(origin);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::detect;

    fn article() -> Document {
        crate::load::load_bytes(include_bytes!("../../assets/article.txt")).expect("loads")
    }

    fn role(a: &Annotations, name: &str) -> Option<usize> {
        a.roles.iter().position(|r| &*r.name == name)
    }

    fn product(a: &Annotations, name: &str) -> Option<usize> {
        a.products.iter().position(|p| p.name == name)
    }

    #[test]
    fn a_dismissed_role_goes_with_its_heading_and_is_listed() {
        let doc = article();
        let detected = detect(&doc);
        let i = role(&detected, "platform").expect("detected");
        let heading = detected.roles[i].heading_paragraph();
        assert!(detected.sections.iter().any(|s| s.paragraph == heading));
        let target = role_target(&detected, i, &doc).expect("target");
        let c = Correction::new(Fix::Dismiss { target });
        let out = apply_all(detected.clone(), std::slice::from_ref(&c), &doc);
        assert_eq!(role(&out.annotations, "platform"), None);
        assert_eq!(out.annotations.roles.len(), detected.roles.len() - 1);
        assert!(
            !out.annotations
                .sections
                .iter()
                .any(|s| s.paragraph == heading)
        );
        assert_eq!(out.dismissed.len(), 1);
        assert_eq!(out.dismissed[0].by, c.id);
        assert!(out.unmatched.is_empty());
        assert!(out.roles.iter().all(|o| !o.is_users()));
        assert_eq!(out.annotations.products, detected.products);
    }

    #[test]
    fn an_edit_renames_and_a_later_edit_wins() {
        let doc = article();
        let detected = detect(&doc);
        let i = product(&detected, "Circles").expect("detected");
        let target = product_target(&detected, i, &doc).expect("target");
        let edit = |name: &str, owner: Option<&str>| {
            Correction::new(Fix::Edit {
                target: target.clone(),
                name: name.into(),
                actor: owner.map(str::to_owned),
            })
        };
        let list = [edit("Quanzi", None), edit("Alipay Circles", Some("Ant"))];
        let out = apply_all(detected.clone(), &list, &doc);
        let at = product(&out.annotations, "Alipay Circles").expect("renamed");
        assert_eq!(out.annotations.products[at].owner.as_deref(), Some("Ant"));
        assert_eq!(
            out.annotations.products[at].mentions,
            detected.products[i].mentions
        );
        assert_eq!(product(&out.annotations, "Circles"), None);
        assert_eq!(product(&out.annotations, "Quanzi"), None);
        let by = list[1].id.clone();
        assert_eq!(out.products[at], Origin::Edited { detected: i, by });
        assert_eq!(out.products.iter().filter(|o| o.is_users()).count(), 1);
    }

    fn added(doc: &Document, kind: Kind, paragraph: usize, quote: &str) -> Correction {
        let start = doc.paragraph(paragraph).find(quote).expect("in the text");
        Correction::new(Fix::Add(Added {
            kind,
            name: quote.to_lowercase(),
            actor: None,
            paragraph,
            start,
            end: start + quote.len(),
            quote: quote.into(),
            orphaned: false,
        }))
    }

    #[test]
    fn added_entries_take_their_place_with_their_mentions() {
        let doc = Document::from_text(
            "Title\n\nThe Orbit app launched. Fans loved Orbit.\n\n\
             Later, Orbit closed.\n\nAcme acted as a broker here.",
        );
        let detected = detect(&doc);
        let product = added(&doc, Kind::Product, 1, "Orbit");
        let broker = added(&doc, Kind::Role, 3, "a broker");
        let out = apply_all(detected.clone(), &[product.clone(), broker.clone()], &doc);
        let p = (out.annotations.products.iter())
            .position(|p| p.name == "orbit")
            .expect("added");
        let places: Vec<(usize, usize)> = out.annotations.products[p]
            .mentions
            .iter()
            .map(|m| (m.paragraph(), m.range().start))
            .collect();
        assert_eq!(places, vec![(1, 4), (1, 35), (2, 7)]);
        assert_eq!(out.products[p], Origin::Added { by: product.id });
        let r = role(&out.annotations, "a broker").expect("added role");
        assert_eq!(out.annotations.roles[r].paragraphs(), 3..4);
        assert_eq!(out.annotations.roles[r].evidence(&doc), doc.paragraph(3));
        assert_eq!(out.roles[r], Origin::Added { by: broker.id });
        let heads: Vec<usize> = out
            .annotations
            .roles
            .iter()
            .map(Role::heading_paragraph)
            .collect();
        assert!(heads.is_sorted(), "in heading order: {heads:?}");
    }

    #[test]
    fn a_correction_whose_entry_is_gone_is_kept_and_reported() {
        let doc = article();
        let detected = detect(&doc);
        let gone = Correction::new(Fix::Dismiss {
            target: Target {
                kind: Kind::Product,
                name: "Google Reader".into(),
                paragraph: 3,
            },
        });
        let mut quote_gone = added(&doc, Kind::Product, 1, "Alipay");
        if let Fix::Add(a) = &mut quote_gone.fix {
            a.quote = "not in this text".into();
        }
        let list = [gone.clone(), quote_gone.clone()];
        let out = apply_all(detected.clone(), &list, &doc);
        assert_eq!(out.unmatched, vec![gone, quote_gone]);
        assert_eq!(out.annotations, detected, "nothing else changes");
        assert!(out.dismissed.is_empty());
    }

    #[test]
    fn ops_are_idempotent_and_merge_in_any_order() {
        let doc = article();
        let a = added(&doc, Kind::Product, 1, "Alipay");
        let b = added(&doc, Kind::Role, 1, "Alipay");
        let mut one = Vec::new();
        let mut two = Vec::new();
        for c in [&a, &b, &a] {
            apply(&mut one, CorrectionOp::Add(c.clone()));
        }
        for c in [&b, &a] {
            apply(&mut two, CorrectionOp::Add(c.clone()));
        }
        assert_eq!(one, two);
        assert_eq!(one, vec![a.clone(), b.clone()], "by id, so by time");
        apply(&mut one, CorrectionOp::Remove { id: "gone".into() });
        apply(&mut one, CorrectionOp::Remove { id: a.id.clone() });
        assert_eq!(one, vec![b]);
    }

    #[test]
    fn an_added_entry_is_reanchored_by_its_quote() {
        let old = Document::from_text("Title\n\nThe Orbit app.\n\nMore.");
        let list = vec![added(&old, Kind::Product, 1, "Orbit")];
        assert!(
            reanchor_ops(&list, &old).is_empty(),
            "nothing moves in place"
        );
        let new = Document::from_text("Title\n\nNew first.\n\nThe new Orbit app.\n\nMore.");
        let mut moved = list.clone();
        for op in reanchor_ops(&list, &new) {
            apply(&mut moved, op);
        }
        let Fix::Add(a) = &moved[0].fix else {
            panic!("an add")
        };
        assert_eq!((a.paragraph, a.start, a.end, a.orphaned), (2, 8, 13, false));
        let gone = Document::from_text("Title\n\nNothing here.");
        let ops = reanchor_ops(&moved, &gone);
        for op in ops {
            apply(&mut moved, op);
        }
        assert!(matches!(&moved[0].fix, Fix::Add(a) if a.orphaned));
    }
}
