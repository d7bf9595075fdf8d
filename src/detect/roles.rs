//! Roles: "platform role. This is the Alipay play…" (a heading at a
//! paragraph start), "role of the source", Chinese `平台角色。`, and question
//! headings ("played what role?") that open a part. "a very important role",
//! "a key role", "the role", "this role" are not roles: their words are in
//! the rules' stop list.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use super::actors::{self, actor, next_actor, subject, zh_subjects};
use super::role_forms;
use super::role_places::{
    copula_hits, heading_en, heading_zh, noun_before_en, noun_before_zh, question_en, question_zh,
    role_subject,
};
use super::rules::{Hit, Pattern, Rules};
use super::text::Breaks;
use super::{Mention, Role, Section, SectionKind};
use crate::document::Document;
use crate::repair::is_cjk;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// "<noun> role." at a paragraph start.
    Heading,
    /// "role of (the) <agent>", "role as X", "acted as X", "its X role",
    /// "扮演了X的角色", "充当X": inside a sentence.
    Sentence,
}

/// Role nouns and actors, each kept once: a 100 MB article has 100 000
/// candidates naming a handful of roles and actors.
#[derive(Debug, Default)]
struct Names {
    /// Shared with the roles made from them: 76 000 roles, a few names.
    list: Vec<Arc<str>>,
    ids: HashMap<String, u32>,
}

impl Names {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.list.len() as u32;
        self.list.push(Arc::from(name));
        self.ids.insert(name.to_owned(), id);
        id
    }

    fn get(&self, id: u32) -> Arc<str> {
        self.list
            .get(id as usize)
            .map_or_else(|| Arc::from(""), Arc::clone)
    }
}

#[derive(Debug, Clone)]
struct Candidate {
    paragraph: usize,
    /// In `Collector::names`, as is the actor.
    name: u32,
    form: Form,
    /// Worked out while the paragraph's hits are at hand.
    actor: Option<u32>,
    /// The actor is the subject right before a Chinese form's verb.
    adjacent: bool,
    /// Byte range of the paragraph.
    evidence: Range<usize>,
    /// The form's own phrase: a mention of the role.
    at: Range<usize>,
}

#[derive(Debug, Clone, Copy)]
struct RoleHit {
    at: Mention,
    /// "角色" rather than "role".
    chinese: bool,
}

/// Gathers role evidence paragraph by paragraph; `finish` builds the roles.
pub struct Collector<'r> {
    rules: &'r Rules,
    candidates: Vec<Candidate>,
    names: Names,
    /// Question headings: paragraph and the question's byte range.
    questions: Vec<(usize, Range<usize>)>,
    /// Every "role"/"角色" hit, to find mentions once names are known,
    /// with the clause holding it: compact, as a 100 MB article has ~100 000.
    role_hits: Vec<RoleHit>,
    /// How often each actor name is met in role paragraphs: the article's
    /// main actor plays the roles no sentence gives an actor to.
    actor_counts: HashMap<u32, usize>,
    /// The phrases of sentence forms, by role name: mentions of the role.
    form_mentions: Vec<(u32, Mention)>,
}

impl<'r> Collector<'r> {
    pub fn new(rules: &'r Rules) -> Self {
        Self {
            rules,
            candidates: Vec::new(),
            names: Names::default(),
            questions: Vec::new(),
            role_hits: Vec::new(),
            actor_counts: HashMap::new(),
            form_mentions: Vec::new(),
        }
    }

    pub fn paragraph(&mut self, index: usize, text: &str, hits: &[Hit], breaks: &Breaks) {
        // The actor depends on the paragraph, not the hit: found once, when
        // first needed (a 10 MB line has thousands of role hits).
        let mut paragraph_actor: Option<Option<u32>> = None;
        let copulas = copula_hits(text);
        for hit in hits.iter().chain(&copulas) {
            let rules = self.rules;
            let sentence = |found: Option<(String, Range<usize>)>| {
                found.map(|(name, range)| (name, range, Form::Sentence))
            };
            let found = match hit.pattern {
                Pattern::Role => {
                    if let Some(q) = question_en(text, hit, breaks) {
                        self.questions.push((index, q));
                    }
                    heading_en(rules, text, hit, breaks)
                        .map(|(name, range)| (name, range, Form::Heading))
                        .or_else(|| sentence(role_forms::role_as(rules, text, hit)))
                        .or_else(|| sentence(role_forms::role_of(rules, text, hit)))
                        .or_else(|| sentence(role_forms::possessive_role(rules, text, hit)))
                        .or_else(|| sentence(role_subject(rules, text, hit, breaks)))
                }
                Pattern::RoleZh => {
                    if let Some(q) = question_zh(text, hit, breaks) {
                        self.questions.push((index, q));
                    }
                    let capacity = text.get(hit.start..hit.end) == Some("的身份");
                    let heading = (!capacity)
                        .then(|| heading_zh(rules, text, hit))
                        .flatten()
                        .map(|(name, range)| (name, range, Form::Heading));
                    heading.or_else(|| {
                        let (start, noun) = role_forms::zh_before(rules, text, hit.start)?;
                        // "以X的身份" and "作为X的身份" only: "用户的身份" is none.
                        let lead = text.get(..start).unwrap_or("");
                        if capacity && !(lead.ends_with('以') || lead.ends_with("作为")) {
                            return None;
                        }
                        Some((rules.role_name(&noun), start..hit.end, Form::Sentence))
                    })
                }
                Pattern::RoleVerb => {
                    let chinese = super::text::cjk_at(text, hit.start);
                    if chinese {
                        role_forms::zh_after(rules, text, hit)
                            .map(|(noun, range)| (rules.role_name(&noun), range, Form::Sentence))
                    } else {
                        sentence(role_forms::acted_as(rules, text, hit))
                    }
                }
                _ => continue,
            };
            if matches!(hit.pattern, Pattern::Role | Pattern::RoleZh)
                && let Some(at) = Mention::new(index, hit.start..hit.end)
            {
                self.role_hits.push(RoleHit {
                    at,
                    chinese: hit.pattern == Pattern::RoleZh,
                });
            }
            // "acting as investor, incubator and sales channel", "充当了内容方
            // 和版权方": the roles joined to the one a verb of acting names.
            let joined = match (&found, hit.pattern) {
                (Some((_, range, Form::Sentence)), Pattern::RoleVerb) => {
                    role_forms::coordinated(rules, text, range)
                }
                _ => Vec::new(),
            };
            let subject_at = found.as_ref().map(|(_, range, _)| range.clone());
            let joined = joined
                .into_iter()
                .map(|(name, range)| (name, range, Form::Sentence));
            for (name, range, form) in found.into_iter().chain(joined) {
                let phrase = subject_at.clone().unwrap_or_else(|| range.clone());
                let in_sentence = match form {
                    Form::Heading => None,
                    Form::Sentence => subject(rules, text, &phrase, breaks),
                };
                let adjacent = in_sentence
                    .as_deref()
                    .is_some_and(|a| actors::zh_subject_adjacent(text, a, &phrase));
                let actor = match in_sentence {
                    Some(a) => Some(self.names.id(&a)),
                    None => *paragraph_actor
                        .get_or_insert_with(|| actor(rules, text, hits).map(|a| self.names.id(&a))),
                };
                if let Some(a) = actor {
                    *self.actor_counts.entry(a).or_default() += 1;
                }
                self.candidates.push(Candidate {
                    paragraph: index,
                    name: self.names.id(&name),
                    evidence: evidence(text, &range, form, breaks),
                    actor,
                    adjacent,
                    form,
                    at: range,
                });
            }
        }
    }

    /// Appends what a collector gathered over the paragraphs that follow.
    pub fn merge(&mut self, later: Collector<'r>) {
        let renamed: Vec<u32> = later.names.list.iter().map(|n| self.names.id(n)).collect();
        let rename = |id: u32| renamed.get(id as usize).copied().unwrap_or(id);
        self.candidates.reserve_exact(later.candidates.len());
        self.candidates
            .extend(later.candidates.into_iter().map(|c| Candidate {
                name: rename(c.name),
                actor: c.actor.map(rename),
                ..c
            }));
        self.questions.extend(later.questions);
        for (id, n) in later.actor_counts {
            *self.actor_counts.entry(rename(id)).or_default() += n;
        }
        self.role_hits.reserve_exact(later.role_hits.len());
        self.role_hits.extend(later.role_hits);
    }

    /// The roles, in heading order; adds role and question headings to `sections`.
    pub fn finish(mut self, doc: &Document, sections: &mut Vec<Section>) -> Vec<Role> {
        // The candidates that become roles, chosen first so the roles are
        // allocated once, exactly (a 100 MB article has 76 000 of 114 000).
        let mut chosen: Vec<u32> = Vec::new();
        // Paragraphs that hold a role heading: one flag each, not a hash set.
        let mut taken = vec![false; doc.len()];
        let is_taken = |taken: &[bool], p: usize| taken.get(p).copied().unwrap_or(false);
        let mut known: HashSet<u32> = HashSet::new();
        let candidates = std::mem::take(&mut self.candidates);
        for (i, c) in candidates.iter().enumerate() {
            if c.form == Form::Heading && !is_taken(&taken, c.paragraph) {
                if let Some(flag) = taken.get_mut(c.paragraph) {
                    *flag = true;
                }
                known.insert(c.name);
                chosen.push(i as u32);
            }
        }
        // A role named in a sentence is a role of its own when no heading
        // or earlier sentence named it; later ones are its mentions.
        for (i, c) in candidates.iter().enumerate() {
            if c.form != Form::Heading && known.insert(c.name) {
                chosen.push(i as u32);
            }
        }
        let main_actor = self
            .actor_counts
            .iter()
            .max_by_key(|(id, n)| (**n, std::cmp::Reverse(**id)))
            .map(|(id, _)| *id);
        let mut picked: Vec<&Candidate> = chosen
            .iter()
            .filter_map(|&i| candidates.get(i as usize))
            .collect();
        picked.sort_by_key(|c| c.paragraph);
        let heading_starts: Vec<usize> = picked
            .iter()
            .filter(|c| c.form == Form::Heading)
            .map(|c| c.paragraph)
            .collect();
        // A part ends at a heading or question that is not itself a role heading.
        let mut boundaries: Vec<usize> = sections
            .iter()
            .filter(|s| s.kind != SectionKind::Paragraph)
            .map(|s| s.paragraph)
            .chain(self.questions.iter().map(|(p, _)| *p))
            .filter(|&p| !is_taken(&taken, p))
            .collect();
        boundaries.sort_unstable();
        let mut roles: Vec<Role> = Vec::with_capacity(picked.len());
        let mut headings: Vec<bool> = Vec::with_capacity(picked.len());
        // A Chinese subject counts when the article keeps opening sentences
        // with it; else the one it opens most with plays the role.
        let chinese = |names: &Names, id: u32| names.get(id).chars().any(is_cjk);
        let zh = picked
            .iter()
            .any(|c| {
                chinese(&self.names, c.name) || c.actor.is_some_and(|a| chinese(&self.names, a))
            })
            .then(|| zh_subjects(doc));
        // The subject the title names is the article's ("从团购到生活服务：
        // 美团产品线的十年起落"), even when a product of its opens more
        // sentences, unless another opens them far more often (the title
        // "从校内网到…" names where the firm began).
        let title = doc.title().unwrap_or("");
        let zh_main = zh.as_ref().and_then(|counts| {
            let most = counts.values().copied().max().unwrap_or(0);
            (counts.iter().filter(|(_, n)| **n >= 2))
                // Ties go to the longer, then the first in order: the same
                // result whatever order the map keeps.
                .max_by_key(|(s, n)| {
                    let named = !title.is_empty() && title.contains(s.as_str()) && **n * 2 >= most;
                    (named, **n, s.chars().count(), std::cmp::Reverse(s.as_str()))
                })
                .map(|(s, _)| s.clone())
        });
        let zh_main = zh_main.map(|s| self.names.id(&s));
        let recurring = |names: &Names, id: u32| {
            let name = names.get(id);
            zh.as_ref()
                .is_some_and(|counts| counts.get(&*name).is_some_and(|n| *n >= 2))
        };
        for c in picked {
            let actor = c
                .actor
                .or_else(|| {
                    // A heading of its own ("## The broker's role"): the
                    // paragraph it opens names the actor.
                    (c.form == Form::Heading)
                        .then(|| next_actor(self.rules, doc, c.paragraph + 1))
                        .flatten()
                        .map(|a| self.names.id(&a))
                })
                .filter(|&a| c.adjacent || !chinese(&self.names, a) || recurring(&self.names, a))
                .or(if chinese(&self.names, c.name) {
                    zh_main
                } else {
                    None
                })
                .or(main_actor);
            // A role is never its own actor: "豆瓣的角色越重要" says whose
            // role, not which; "## Gatekeeper role" names the role, not who.
            let own = |a: u32| {
                self.names
                    .get(a)
                    .eq_ignore_ascii_case(&self.names.get(c.name))
            };
            if actor.is_some_and(own) && chinese(&self.names, c.name) {
                continue;
            }
            let actor = actor
                .filter(|&a| !own(a))
                .or(main_actor.filter(|&a| !own(a)));
            let h = c.paragraph;
            let end = if c.form == Form::Heading {
                let next_role = heading_starts
                    .get(heading_starts.partition_point(|&p| p <= h))
                    .copied()
                    .unwrap_or(doc.len());
                let next_part = boundaries
                    .get(boundaries.partition_point(|&b| b <= h))
                    .copied()
                    .unwrap_or(doc.len());
                next_role.min(next_part).max(h + 1)
            } else {
                h + 1
            };
            if let Some(mut role) = new_role(c, actor, &self.names) {
                role.end_before(end);
                roles.push(role);
                headings.push(c.form == Form::Heading);
            }
        }
        self.form_mentions = candidates
            .iter()
            .filter(|c| c.form == Form::Sentence)
            .filter_map(|c| Some((c.name, Mention::new(c.paragraph, c.at.clone())?)))
            .collect();
        drop(candidates);
        self.add_mentions(doc, &mut roles);

        let mut marks: Vec<(usize, &str)> = roles
            .iter()
            .zip(&headings)
            .filter(|(_, heading)| **heading)
            .map(|(role, _)| {
                let heading = role.heading_paragraph();
                let text = doc.paragraph(heading);
                let title = role
                    .mentions
                    .iter()
                    .find(|m| m.paragraph() == heading)
                    .and_then(|m| text.get(m.range()))
                    .unwrap_or(&*role.name);
                (heading, title)
            })
            .collect();
        marks.extend(
            self.questions
                .iter()
                .map(|(p, q)| (*p, doc.paragraph(*p).get(q.clone()).unwrap_or(""))),
        );
        mark_sections(doc, sections, marks);
        roles
    }

    /// Gives each role its mentions, each list allocated once at its exact
    /// length: the hits are resolved to their roles, counted per role
    /// (4 bytes a role), and then the lists are filled. Growing 76 000 lists
    /// by `push` left their slack in memory. The hits are gone on return,
    /// before the sections are rebuilt, which is the peak of memory.
    fn add_mentions(&mut self, doc: &Document, roles: &mut [Role]) {
        let mut names: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in roles.iter().enumerate() {
            names.entry(r.name.to_string()).or_default().push(i);
        }
        // Each hit is looked at once: it becomes its (role, mention) in its
        // own place, as big as a hit (a collect from a `Vec` into one of the
        // same layout reuses its allocation), so nothing is found twice.
        let hits = std::mem::take(&mut self.role_hits);
        let mut found: Vec<(u32, Mention)> = hits
            .into_iter()
            .filter_map(|hit| {
                let (i, mention) = self.mention_of(doc, &hit, &names, roles)?;
                Some((u32::try_from(i).ok()?, mention))
            })
            .collect();
        for (name, mention) in std::mem::take(&mut self.form_mentions) {
            let name = self.names.get(name);
            if let Some(i) = names
                .get(&*name)
                .and_then(|list| nearest_before(list, roles, mention.paragraph()))
                .and_then(|i| u32::try_from(i).ok())
            {
                found.push((i, mention));
            }
        }
        let mut counts = vec![0u32; roles.len()];
        for &(i, _) in &found {
            if let Some(count) = counts.get_mut(i as usize) {
                *count += 1;
            }
        }
        let blank = Mention {
            paragraph: 0,
            start: 0,
            end: 0,
        };
        for (role, &count) in roles.iter_mut().zip(&counts) {
            role.mentions = vec![blank; count as usize].into_boxed_slice();
        }
        // Filled from the back: each count falls to the next free slot.
        for &(i, mention) in found.iter().rev() {
            let i = i as usize;
            if let (Some(count), Some(role)) = (counts.get_mut(i), roles.get_mut(i))
                && let Some(slot) = count.checked_sub(1).and_then(|c| {
                    *count = c;
                    role.mentions.get_mut(c as usize)
                })
            {
                *slot = mention;
            }
        }
        drop(found);
        drop(counts);
        for role in roles.iter_mut() {
            let key = |m: &Mention| (m.paragraph(), m.range().start);
            role.mentions.sort_by_key(key);
            if role.mentions.windows(2).any(|w| key(&w[0]) == key(&w[1])) {
                // Rare: two hits naming one place. The shorter list is a
                // new allocation, not a shrunk one.
                let mut list = std::mem::take(&mut role.mentions).into_vec();
                list.dedup_by_key(|m| key(m));
                role.mentions = list.as_slice().into();
            }
        }
    }

    /// The role a "role"/"角色" hit mentions (an index into `roles`, which
    /// ascend by heading paragraph), with the mention.
    fn mention_of(
        &self,
        doc: &Document,
        &RoleHit { at, chinese }: &RoleHit,
        names: &HashMap<String, Vec<usize>>,
        roles: &[Role],
    ) -> Option<(usize, Mention)> {
        let paragraph = at.paragraph();
        let text = doc.paragraph(paragraph);
        let range = at.range();
        let hit = &Hit {
            start: range.start,
            end: range.end,
            pattern: if chinese {
                Pattern::RoleZh
            } else {
                Pattern::Role
            },
        };
        let (name, range) = if chinese {
            noun_before_zh(self.rules, text, hit, names).map(|(n, r)| (Cow::Owned(n), r))
        } else {
            noun_before_en(text, hit)
                .filter(|(n, _)| names.contains_key(n.as_ref()))
                .or_else(|| {
                    role_forms::of_phrase(self.rules, text, hit).map(|(n, r)| (Cow::Owned(n), r))
                })
        }?;
        let candidates = names.get(name.as_ref())?;
        let target = nearest_before(candidates, roles, paragraph)?;
        Some((target, Mention::new(paragraph, range)?))
    }
}

/// Of the roles `candidates` (indices into `roles`, ascending by heading
/// paragraph, all of one name), the one whose section holds `paragraph`,
/// else the nearest before it, else the first.
fn nearest_before(candidates: &[usize], roles: &[Role], paragraph: usize) -> Option<usize> {
    let before = candidates.partition_point(|&i| {
        roles
            .get(i)
            .is_some_and(|r| r.heading_paragraph() <= paragraph)
    });
    before
        .checked_sub(1)
        .and_then(|j| candidates.get(j))
        .or(candidates.first())
        .copied()
}

fn new_role(c: &Candidate, actor: Option<u32>, names: &Names) -> Option<Role> {
    Role::new(
        names.get(c.name),
        actor.map(|a| names.get(a)),
        c.paragraph..c.paragraph + 1,
        c.evidence.clone(),
        Box::default(),
    )
}

/// Gives the sections at these paragraphs the headings' titles, adding
/// sections where there are none; one merge, not an insert per heading.
fn mark_sections(doc: &Document, sections: &mut Vec<Section>, mut marks: Vec<(usize, &str)>) {
    if marks.is_empty() {
        return;
    }
    marks.sort_by_key(|(p, _)| *p);
    marks.dedup_by_key(|(p, _)| *p);
    let old = std::mem::take(sections);
    sections.reserve_exact(old.len() + marks.len());
    let mut marks = marks.into_iter().peekable();
    for mut section in old {
        while let Some((paragraph, title)) = marks.next_if(|(p, _)| *p < section.paragraph) {
            sections.push(heading(doc, paragraph, title));
        }
        if let Some((_, title)) = marks.next_if(|(p, _)| *p == section.paragraph)
            && section.kind == SectionKind::Paragraph
        {
            section = heading(doc, section.paragraph, title);
        }
        sections.push(section);
    }
    sections.extend(marks.map(|(p, t)| heading(doc, p, t)));
}

/// A heading at `paragraph` titled by `title` (a slice of its text, or a
/// role's name), trimmed of its closing punctuation.
fn heading(doc: &Document, paragraph: usize, title: &str) -> Section {
    let title = title.trim().trim_end_matches(['.', ':', '。', '：']);
    Section::titled(
        paragraph,
        SectionKind::Heading,
        doc.paragraph(paragraph),
        title,
    )
}

/// The heading sentence and the sentence after it; or the "role of" sentence.
fn evidence(text: &str, range: &Range<usize>, form: Form, breaks: &Breaks) -> Range<usize> {
    let first = breaks.sentence(text, range.start);
    let end = match form {
        Form::Heading if first.end < text.len() => breaks.sentence(text, first.end + 1).end,
        _ => first.end,
    };
    let evidence = first.start..end.max(first.end);
    if text.get(evidence.clone()).is_some() {
        evidence
    } else {
        0..0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str) -> Vec<Role> {
        super::super::detect(&Document::from_text(text)).roles
    }

    fn names(text: &str) -> Vec<String> {
        roles(text)
            .into_iter()
            .map(|r| r.name.to_string())
            .collect()
    }

    #[test]
    fn heading_at_paragraph_start() {
        let t = "T\n\nplatform role. This is the Alipay play, as Alipay provides it.\n\nMore here.";
        let r = roles(t);
        assert_eq!(r.len(), 1);
        assert_eq!(&*r[0].name, "platform");
        assert_eq!(r[0].actor.as_deref(), Some("Alipay"));
        assert_eq!(r[0].paragraphs(), 1..3);
        assert!(
            r[0].evidence(&Document::from_text(t))
                .starts_with("platform role. This is the Alipay")
        );
        assert_eq!(
            names("T\n\n## Gatekeeper role\n\nGoogle decides."),
            vec!["gatekeeper"]
        );
        assert_eq!(
            names("T\n\nThe data broker role: it sells."),
            vec!["data broker"]
        );
        // Machine translation numbers its headings in words.
        assert_eq!(
            names("T\n\nSecond, the strategic investor role. Contoso buys shares."),
            vec!["strategic investor"]
        );
        assert!(names("T\n\nSecond, the company grew a role.").is_empty());
    }

    #[test]
    fn a_role_is_never_its_own_actor() {
        assert!(names("T\n\n豆瓣在行业中扮演连接者的角色。这说明，作为连接者，豆瓣的角色越重要，责任越多。")
            .iter()
            .all(|n| n != "豆瓣"));
        let r = roles("T\n\n## Gatekeeper role\n\nGatekeeper decides, Google says.");
        assert!(r.iter().all(|r| r.actor.as_deref() != Some("Gatekeeper")));
    }

    #[test]
    fn acting_with_an_adverb_before_as() {
        assert_eq!(
            names("T\n\nSince then Contoso has acted mainly as a licensor of its own name."),
            vec!["licensor"]
        );
        assert!(names("T\n\nIt acted quickly as usual.").is_empty());
    }

    #[test]
    fn a_quoted_role_and_what_a_product_is_or_competes_with() {
        assert_eq!(
            names("T\n\nThird, the role of \"stabilizer\" of the industry. Contoso helped."),
            vec!["stabilizer"]
        );
        // A copula with a product's kind says what the product is; a
        // competitor is a relation, not a part.
        assert!(
            names("T\n\nQunar was founded in 2005, it was a travel search platform.").is_empty()
        );
        assert!(names("T\n\nLumen was the direct competitor of Contoso in hotels.").is_empty());
    }

    #[test]
    fn adjectives_and_determiners_are_not_roles() {
        for t in [
            "T\n\na very important role. It was.",
            "T\n\nA key role. It was.",
            "T\n\nthe role. It was.",
            "T\n\nThis role. It was.",
            "T\n\nimportant role. It was.",
            "T\n\nIt plays a very important role in this event.",
            "T\n\nIt plays a key role, the role, this role.",
            "T\n\nplatform role is what it plays without a heading.",
        ] {
            assert!(names(t).is_empty(), "{t:?} gave {:?}", names(t));
        }
    }

    #[test]
    fn role_of_the_noun() {
        assert_eq!(
            names("T\n\nGoogle plays the role of the gatekeeper here.\n\nNext."),
            vec!["gatekeeper"]
        );
        assert!(names("T\n\nthe role of the Alipay brand.").is_empty());
        assert!(names("T\n\nthe role of this.").is_empty());
    }

    #[test]
    fn role_of_inside_a_section_is_a_mention() {
        let r = roles("T\n\nsource role. Alipay plays a very important role of the source.");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].mentions.len(), 2);
    }

    #[test]
    fn sections_end_at_the_next_role_or_part() {
        let t = "T\n\nplatform role. A.\n\nB.\n\nsource role. C.\n\nD.\n\n# Other matters\n\nE.";
        let r = roles(t);
        assert_eq!(r[0].paragraphs(), 1..3);
        assert_eq!(r[1].paragraphs(), 3..5);
    }

    #[test]
    fn question_headings_are_sections_not_roles() {
        let doc = Document::from_text(
            "T\n\nAgain where played what role?Whether Alipay won.\n\nplatform role. X.",
        );
        let a = super::super::detect(&doc);
        assert_eq!(a.roles.len(), 1);
        assert!(
            a.sections
                .iter()
                .any(|s| s.title(&doc) == "Again where played what role?" && s.paragraph == 1)
        );
    }

    #[test]
    fn chinese_headings() {
        let t = "标题\n\n平台角色。这是支付宝在这个过程中最明显的角色。\n\n源头角色。支付宝扮演了非常重要的角色。\n\n什么角色？";
        let r = roles(t);
        let names: Vec<&str> = r.iter().map(|r| &*r.name).collect();
        assert_eq!(names, vec!["platform", "source"]);
        assert_eq!(r[0].actor.as_deref(), Some("Alipay"));
        assert!(!r.iter().any(|r| r.name.contains("重要")));
        assert_eq!(names_zh("标题\n\n监管者角色：负责。"), vec!["监管者"]);
    }

    #[test]
    fn chinese_roles_by_acting_verbs_not_counts() {
        let t = "从自营到开放：京东的三重角色\n\n一、京东的三种角色\n\n首先，京东长期扮演着自营零售商的角色。\
                 其次，京东逐步充当起社会化物流服务商。此后长风电器将主要作为代工方，作为一家公司也要盈利。\
                 在许多年里，Adobe 扮演着行业标准守门人的角色。";
        let r = roles(t);
        let got: Vec<(&str, Option<&str>)> =
            r.iter().map(|r| (&*r.name, r.actor.as_deref())).collect();
        assert_eq!(
            got,
            vec![
                ("自营零售商", Some("京东")),
                ("社会化物流服务商", Some("京东")),
                ("代工方", Some("长风电器")),
                ("行业标准守门人", Some("Adobe")),
            ]
        );
    }

    /// Each role found, with its actor.
    fn got(t: &str) -> Vec<(String, Option<String>)> {
        roles(t)
            .into_iter()
            .map(|r| (r.name.to_string(), r.actor.map(|a| a.to_string())))
            .collect()
    }

    #[test]
    fn a_copula_names_a_compound_agent_after_a_firm() {
        assert_eq!(
            got(
                "T\n\nSony makes games. On the one hand Sony is a platform holder, writing the rules."
            ),
            vec![("platform holder".to_owned(), Some("Sony".to_owned()))]
        );
        // One noun, a person, or no agent noun: not a role.
        assert!(
            got("T\n\nSony is a supplier. She was a keen gardener. It is a great pity.").is_empty()
        );
        // "is acting as" is still read as acting, not as "is a".
        assert_eq!(
            got("T\n\nXiaomi is acting as investor and incubator.").len(),
            2
        );
    }

    #[test]
    fn becoming_an_agent_names_a_role() {
        assert_eq!(
            got("T\n\nThe app was launched in 2020. Later Roku becomes the exclusive distributor."),
            vec![("exclusive distributor".to_owned(), Some("Roku".to_owned()))]
        );
        assert!(
            got("T\n\nIt launched in 2020 and became a hit. Baidu became the big shareholder of Sogou.")
                .is_empty()
        );
    }

    #[test]
    fn chinese_capacity_and_one_of_them() {
        let t = "联想的故事\n\n四十年后，联想作为全球出货量最大的个人电脑制造商之一，很难再被简单看待。\
                 在这些交易中，联想以收购方的身份出现。用户的身份也变了。";
        let names: Vec<String> = roles(t).into_iter().map(|r| r.name.to_string()).collect();
        assert_eq!(names, vec!["个人电脑制造商", "收购方"]);
    }

    #[test]
    fn chinese_actors_open_the_clause_or_are_named_in_the_title() {
        let actor_of = |t: &str, role: &str| {
            roles(t)
                .into_iter()
                .find(|r| &*r.name == role)
                .and_then(|r| r.actor.map(|a| a.to_string()))
        };
        // A place opens the sentence; the subject opens the next clause,
        // and plays the role though the text never names it again.
        let t = "标题\n\n在数字音乐领域，许多歌曲无法播放，唱片公司则扮演了供货商的角色。";
        assert_eq!(actor_of(t, "供货商").as_deref(), Some("唱片公司"));
        // "它" plays the role: the article's subject, named by its title,
        // not the product that opens as many sentences.
        let t = "从团购到生活服务：美团产品线的十年起落\n\n美团却依靠地推活了下来。此后，它在商户之间扮演了连接者的角色。\n\n美团打车则更像试探。美团并不只是工具。美团打车转为聚合模式。";
        assert_eq!(actor_of(t, "连接者").as_deref(), Some("美团"));
    }

    /// Each role's mentions as (paragraph, text), 1-based as in the JSON.
    fn mentions(text: &str) -> Vec<Vec<(usize, String)>> {
        let doc = Document::from_text(text);
        let quote = |m: &Mention| {
            let text = doc.paragraph(m.paragraph()).get(m.range());
            (m.paragraph() + 1, text.unwrap_or("").to_owned())
        };
        let roles = super::super::detect(&doc).roles;
        roles
            .iter()
            .map(|r| r.mentions.iter().map(quote).collect())
            .collect()
    }

    /// The lists counted and then filled hold what the lists grown by
    /// `push` held (figures from the binary before the change).
    #[test]
    fn mentions_are_those_found_one_by_one() {
        let m = |list: &[(usize, &str)]| -> Vec<(usize, String)> {
            list.iter().map(|&(p, t)| (p, t.to_owned())).collect()
        };
        assert_eq!(
            mentions(include_str!("../../assets/article.txt")),
            vec![
                m(&[(4, "platform role")]),
                m(&[(8, "source role"), (8, "role of the source")]),
            ]
        );
        // Before any heading, in another role's section, the same name twice.
        let t = "T\n\nThe platform role comes first here.\n\n\
                 platform role. Alipay is the platform, a platform role and the role of the source.\n\n\
                 source role. Alipay plays the source role; the platform role too.\n\n\
                 platform role. Again the platform role, Platform role.\n\n\
                 源头角色。这是源头角色。\n";
        assert_eq!(
            mentions(t),
            vec![
                m(&[
                    (2, "platform role"),
                    (3, "platform role"),
                    (3, "platform role"),
                    (4, "platform role")
                ]),
                m(&[
                    (3, "role of the source"),
                    (4, "source role"),
                    (4, "source role")
                ]),
                m(&[
                    (5, "platform role"),
                    (5, "platform role"),
                    (5, "Platform role")
                ]),
                m(&[(6, "源头角色"), (6, "源头角色")]),
            ]
        );
    }

    fn names_zh(t: &str) -> Vec<String> {
        names(t)
    }
}
