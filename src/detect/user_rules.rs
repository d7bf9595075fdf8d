//! What a user's rules change at the end of detection, for every article:
//! roles marked `anywhere = true` are roles wherever the text says their
//! name, and names in `not_roles` / `not_products` are never shown. Both
//! cost nothing when the rules have none (the bundled rules have none).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};

use super::actors;
use super::rules::Rules;
use super::text::{Breaks, cjk_at, on_word_boundaries};
use super::{Mention, Product, Role, Section, SectionKind};
use crate::document::Document;

/// Every `anywhere` role named in the text: its places become mentions of
/// the role detection found under that name, or else of a new role at its
/// first place (evidence: that paragraph), played by the sentence's
/// subject, else the paragraph's most named name, else the actor who plays
/// most of the other roles. `roles` stays in heading order.
pub(super) fn add_anywhere_roles(doc: &Document, rules: &Rules, roles: &mut Vec<Role>) {
    let mut phrases: Vec<&str> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for role in rules.roles.iter().filter(|r| r.anywhere) {
        let name = role.name.trim().to_lowercase();
        for phrase in std::iter::once(&role.name).chain(&role.aliases) {
            if !phrase.trim().is_empty() {
                phrases.push(phrase.trim());
                names.push(name.clone());
            }
        }
    }
    if phrases.is_empty() {
        return;
    }
    let Ok(matcher) = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(&phrases)
    else {
        return;
    };
    // Places by name, in text order.
    let mut places: HashMap<&str, Vec<Mention>> = HashMap::new();
    for (p, text) in doc.paragraphs().enumerate() {
        for m in matcher.find_iter(text) {
            let name = names.get(m.pattern().as_usize());
            if let Some(name) = name.filter(|_| on_word_boundaries(text, m.start(), m.end()))
                && let Some(mention) = Mention::new(p, m.range())
            {
                places.entry(name.as_str()).or_default().push(mention);
            }
        }
    }
    let main_actor = most_common_actor(roles);
    // In the order of the rules, so equal rules give equal roles.
    let mut seen = HashSet::new();
    for name in names.iter().filter(|n| seen.insert(n.as_str())) {
        let Some(found) = places.remove(name.as_str()) else {
            continue;
        };
        match roles.iter().position(|r| r.name.to_lowercase() == *name) {
            Some(_) => add_mentions(roles, name, found),
            None => {
                if let Some(role) = new_role(doc, rules, name, found, main_actor.clone()) {
                    let p = role.heading_paragraph();
                    let at = roles.partition_point(|r| r.heading_paragraph() <= p);
                    roles.insert(at, role);
                }
            }
        }
    }
}

/// The actor of most roles, if any plays one.
fn most_common_actor(roles: &[Role]) -> Option<Arc<str>> {
    let mut counts: HashMap<&Arc<str>, usize> = HashMap::new();
    for actor in roles.iter().filter_map(|r| r.actor.as_ref()) {
        *counts.entry(actor).or_default() += 1;
    }
    // Ties go to the first in text order, whatever order the map keeps.
    let first = |a: &Arc<str>| roles.iter().position(|r| r.actor.as_ref() == Some(a));
    counts
        .into_iter()
        .max_by_key(|(a, n)| (*n, std::cmp::Reverse(first(a))))
        .map(|(a, _)| Arc::clone(a))
}

/// `found` as mentions of the roles named `name`: each to the last one
/// whose heading is at or before it (else the first), as detection does;
/// a place inside a mention a role has already is not a second one.
fn add_mentions(roles: &mut [Role], name: &str, found: Vec<Mention>) {
    let same: Vec<usize> = (0..roles.len())
        .filter(|&i| roles.get(i).is_some_and(|r| r.name.to_lowercase() == name))
        .collect();
    let mut added: HashMap<usize, Vec<Mention>> = HashMap::new();
    for m in found {
        let before = same.partition_point(|&i| {
            roles
                .get(i)
                .is_some_and(|r| r.heading_paragraph() <= m.paragraph())
        });
        let target = before
            .checked_sub(1)
            .and_then(|j| same.get(j))
            .or(same.first());
        if let Some(&i) = target {
            added.entry(i).or_default().push(m);
        }
    }
    for (i, new) in added {
        let Some(role) = roles.get_mut(i) else {
            continue;
        };
        let covered = |m: &Mention| {
            role.mentions
                .iter()
                .any(|old| old.paragraph == m.paragraph && old.start <= m.start && m.end <= old.end)
        };
        let new: Vec<Mention> = new.into_iter().filter(|m| !covered(m)).collect();
        if new.is_empty() {
            continue;
        }
        let mut all = std::mem::take(&mut role.mentions).into_vec();
        all.extend(new);
        all.sort_by_key(|m| (m.paragraph, m.start));
        role.mentions = all.into_boxed_slice();
    }
}

fn new_role(
    doc: &Document,
    rules: &Rules,
    name: &str,
    found: Vec<Mention>,
    main_actor: Option<Arc<str>>,
) -> Option<Role> {
    let first = *found.first()?;
    let p = first.paragraph();
    let text = doc.paragraph(p);
    let phrase = first.range();
    let breaks = Breaks::new(text);
    let subject = actors::subject(rules, text, &phrase, &breaks)
        // A Chinese subject is whatever opens the sentence: taken only
        // where it opens the phrase's own clause, as detection does.
        .filter(|s| !cjk_at(text, phrase.start) || actors::zh_subject_adjacent(text, s, &phrase));
    let actor = subject.or_else(|| {
        let mut hits = Vec::new();
        rules.matcher().hits(text, &mut hits);
        actors::actor(rules, text, &hits)
    });
    let actor = actor.map(|a| Arc::from(a.as_str())).or(main_actor);
    Role::new(
        Arc::from(name),
        actor,
        p..p + 1,
        0..text.len(),
        found.into_boxed_slice(),
    )
}

/// Leaves out the roles and products the rules' `not_roles` and
/// `not_products` name, and the section a left-out role's heading made
/// (unless a kept role heads one there), as dismissing one does.
pub(super) fn drop_unwanted(
    rules: &Rules,
    roles: &mut Vec<Role>,
    products: &mut Vec<Product>,
    sections: &mut Vec<Section>,
) {
    if !rules.not_roles.is_empty() {
        let unwanted: HashSet<String> = (rules.not_roles.iter())
            .flat_map(|n| [n.trim().to_lowercase(), rules.role_name(n.trim())])
            .collect();
        let mut headings = Vec::new();
        roles.retain(|r| {
            let keep = !unwanted.contains(&r.name.to_lowercase());
            if !keep {
                headings.push(r.heading_paragraph());
            }
            keep
        });
        let kept: HashSet<usize> = roles.iter().map(Role::heading_paragraph).collect();
        sections.retain(|s| {
            s.kind != SectionKind::Heading
                || !headings.contains(&s.paragraph)
                || kept.contains(&s.paragraph)
        });
    }
    if !rules.not_products.is_empty() {
        let unwanted: HashSet<String> = (rules.not_products.iter())
            .map(|n| n.trim().to_lowercase())
            .collect();
        products.retain(|p| !named(rules, p).any(|n| unwanted.contains(&n.to_lowercase())));
    }
}

/// Every name of a product: its own, those the text wrote, the lexicon's.
fn named<'a>(rules: &'a Rules, p: &'a Product) -> impl Iterator<Item = &'a String> {
    let lexicon = (rules.products.iter())
        .filter(|rule| p.known && rule.name.eq_ignore_ascii_case(&p.name))
        .flat_map(|rule| rule.aliases.iter().chain(&rule.weak_aliases));
    std::iter::once(&p.name).chain(&p.aliases).chain(lexicon)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::detect_with;

    fn rules(user: &str) -> Rules {
        Rules::bundled().merge(Rules::from_toml(user, "user.toml").expect("parses"))
    }

    fn article() -> Document {
        crate::load::load_bytes(include_bytes!("../../assets/article.txt")).expect("loads")
    }

    fn role_names(a: &super::super::Annotations) -> Vec<&str> {
        a.roles.iter().map(|r| &*r.name).collect()
    }

    #[test]
    fn names_never_shown_leave_roles_products_and_the_headings_they_made() {
        let doc = article();
        let before = detect_with(&doc, &Rules::bundled());
        assert!(role_names(&before).contains(&"platform"));
        let heading = (before.roles.iter())
            .find(|r| &*r.name == "platform")
            .map(Role::heading_paragraph)
            .expect("platform");
        // Any case; an alias names the role (平台 is platform) and a
        // product (支付宝 is Alipay's lexicon alias).
        let a = detect_with(
            &doc,
            &rules("not_roles = [\"平台\"]\nnot_products = [\"CIRCLES\", \"支付宝\"]\n"),
        );
        assert_eq!(role_names(&a), vec!["source"]);
        assert!(!a.sections.iter().any(|s| s.paragraph == heading));
        let products: Vec<&str> = a.products.iter().map(|p| p.name.as_str()).collect();
        assert!(!products.contains(&"Circles") && !products.contains(&"Alipay"));
        assert_eq!(products.len(), before.products.len() - 2, "{products:?}");
        // Highlights follow the lists they index.
        for p in 0..doc.len() {
            for h in a.highlights_in(p) {
                assert!(doc.paragraph(p).get(h.range()).is_some());
            }
        }
        // A part of a name is not the name.
        let a = detect_with(
            &doc,
            &rules("not_products = [\"Ali\"]\nnot_roles = [\"plat\"]"),
        );
        assert_eq!(a.products.len(), before.products.len());
        assert_eq!(a.roles.len(), before.roles.len());
    }

    #[test]
    fn an_anywhere_role_is_a_role_wherever_its_name_is_a_word() {
        let doc = Document::from_text(
            "Title\n\nMarkets need a referee. Acme is the referee here.\n\n\
             Nothing here; refereeing is not it.\n\n\
             Later the Referee changed, and Acme was still the REFEREE.",
        );
        let a = detect_with(
            &doc,
            &rules("[[role]]\nname = \"referee\"\nanywhere = true\n"),
        );
        let role = (a.roles.iter())
            .find(|r| &*r.name == "referee")
            .expect("a role");
        assert_eq!(role.paragraphs(), 1..2);
        assert_eq!(role.evidence(&doc), doc.paragraph(1));
        let places: Vec<(usize, &str)> = (role.mentions.iter())
            .map(|m| (m.paragraph(), &doc.paragraph(m.paragraph())[m.range()]))
            .collect();
        assert_eq!(
            places,
            vec![
                (1, "referee"),
                (1, "referee"),
                (3, "Referee"),
                (3, "REFEREE")
            ]
        );
        // No subject before the first place: the paragraph's name plays it.
        assert_eq!(role.actor.as_deref(), Some("Acme"));
        // Without `anywhere`, nothing.
        let plain = detect_with(&doc, &rules("[[role]]\nname = \"referee\"\n"));
        assert!(plain.roles.iter().all(|r| &*r.name != "referee"));
    }

    #[test]
    fn an_anywhere_role_detection_found_gains_mentions_and_actors_come_from_the_subject() {
        let doc = article();
        let before = detect_with(&doc, &Rules::bundled());
        let a = detect_with(
            &doc,
            &rules("[[role]]\nname = \"platform\"\nanywhere = true\n"),
        );
        assert_eq!(a.roles.len(), before.roles.len(), "no second platform role");
        let mentions = |a: &super::super::Annotations| {
            (a.roles.iter())
                .find(|r| &*r.name == "platform")
                .map_or(0, |r| r.mentions.len())
        };
        assert!(mentions(&a) > mentions(&before));
        let doc = Document::from_text("Title\n\nIn 2019 Orbit became a kingmaker in search.");
        let a = detect_with(
            &doc,
            &rules("[[role]]\nname = \"kingmaker\"\nanywhere = true"),
        );
        let role = a.roles.first().expect("a role");
        assert_eq!(
            (&*role.name, role.actor.as_deref()),
            ("kingmaker", Some("Orbit"))
        );
    }

    #[test]
    fn a_users_product_with_an_owner_is_a_lexicon_entry() {
        let doc = Document::from_text(
            "Title\n\nBlorb grew fast at Google. Google later ended Blorb.\n\nBlorb was loved.",
        );
        assert!(detect_with(&doc, &Rules::bundled()).products.is_empty());
        let a = detect_with(
            &doc,
            &rules("[[product]]\nname = \"Blorb\"\nowner = \"Google\"\nlaunched = 2011\n"),
        );
        let product = a.products.first().expect("found by the lexicon");
        assert_eq!(product.name, "Blorb");
        assert!(product.known);
        // Its facts, as the article names its owner.
        assert_eq!(product.owner.as_deref(), Some("Google"));
        assert_eq!(product.launched, Some(2011));
        assert_eq!(product.mentions.len(), 3);
        // A name alone (what `P` writes) is one too.
        let a = detect_with(&doc, &rules("[[product]]\nname = \"Blorb\"\n"));
        assert_eq!(a.products.first().map(|p| p.name.as_str()), Some("Blorb"));
    }
}
