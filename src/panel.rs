//! The panel's content: what detection found, as entries under group
//! headers, each pointing at the passage that is its evidence.
//!
//! Entries refer to annotations by index rather than copying their
//! mentions: a 100 MB article has hundreds of thousands of them.

use std::ops::Range;

use crate::bookmarks::{ArticleState, Bookmark};
use crate::detect::{Annotations, SectionKind};
use crate::document::{Document, Position};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Roles,
    Products,
    Sections,
    Dates,
    Bookmarks,
}

impl Group {
    pub fn title(self) -> &'static str {
        match self {
            Group::Roles => "Roles",
            Group::Products => "Product history",
            Group::Sections => "Sections",
            Group::Dates => "Dates",
            Group::Bookmarks => "Bookmarks",
        }
    }
}

/// What an entry shows, by index into the annotations (or a bookmark id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Role(usize),
    Product(usize),
    Section(usize),
    Date(usize),
    Bookmark(Box<str>),
}

/// An entry holds no text of its own: its label and detail are made when it
/// is drawn (see [`label`], [`detail`]), and its positions are 32-bit, so a
/// panel of 200 000 entries costs little more than 48 bytes each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub source: Source,
    first: u32,
    end: u32,
    target_paragraph: u32,
    target_byte: u32,
    pub group: Group,
    /// Whether a second, dimmer line follows: a role's evidence, a product's outcome.
    pub has_detail: bool,
}

/// A position as a u32: past 4 G it is clamped, which the document clamps again.
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Entry {
    pub fn new(
        group: Group,
        has_detail: bool,
        paragraphs: Range<usize>,
        target: Position,
        source: Source,
    ) -> Entry {
        Entry {
            source,
            first: small(paragraphs.start),
            end: small(paragraphs.end),
            target_paragraph: small(target.paragraph),
            target_byte: small(target.byte),
            group,
            has_detail,
        }
    }

    /// 0-based paragraphs the entry spans (end exclusive).
    pub fn paragraphs(&self) -> Range<usize> {
        self.first as usize..self.end as usize
    }

    /// Where Enter takes the pane.
    pub fn target(&self) -> Position {
        Position::new(self.target_paragraph as usize, self.target_byte as usize)
    }

    /// "¶3" or "¶3–7", numbered as in the gutter.
    pub fn span_label(&self) -> String {
        let first = self.first as usize + 1;
        let last = (self.end as usize).max(first);
        if last > first {
            format!("¶{first}–{last}")
        } else {
            format!("¶{first}")
        }
    }

    /// The bookmark this entry shows, for `d`.
    pub fn bookmark(&self) -> Option<&str> {
        match &self.source {
            Source::Bookmark(id) => Some(id),
            _ => None,
        }
    }
}

/// 8 bytes: a huge article's panel has hundreds of thousands of rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Header(Group),
    Entry(u32),
    /// The detail line of an entry.
    Detail(u32),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Panel {
    pub entries: Vec<Entry>,
    pub rows: Vec<Row>,
    /// The row of each entry.
    entry_rows: Vec<u32>,
    /// Each group's entries, in order: they are pushed group by group.
    groups: Vec<GroupEntries>,
    /// Per entry, the furthest paragraph end of its group's entries up to
    /// it: with entries sorted by start, what lets [`Panel::current`]
    /// search rather than scan 200 000 entries.
    reach: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct GroupEntries {
    group: Group,
    entries: Range<usize>,
    /// Whether the entries are sorted by their first paragraph (detection
    /// lists them in text order; checked rather than assumed).
    sorted: bool,
}

/// Characters of evidence or outcome kept for a detail line.
const DETAIL_CHARS: usize = 160;

impl Panel {
    /// The bookmarks (each with its position in the view shown), then
    /// entries from detection.
    pub fn build(
        annotations: &Annotations,
        bookmarks: &[(Bookmark, Position)],
        paragraphs: usize,
    ) -> Self {
        let mut panel = Panel::default();
        // Sized exactly: for a huge article growth slack would be megabytes.
        let entries = bookmarks.len()
            + annotations.roles.len()
            + annotations.products.len()
            + annotations.sections.len()
            + annotations.dates.len();
        panel.entries.reserve_exact(entries);
        panel.entry_rows.reserve_exact(entries);
        panel.reach.reserve_exact(entries);
        let details = annotations.roles.len() + annotations.products.len();
        panel.rows.reserve_exact(entries + details + 5);
        // The reader's own marks first: few, and the reason to open the panel.
        for (bookmark, position) in bookmarks {
            panel.push(bookmark_entry(bookmark, *position));
        }
        for (i, role) in annotations.roles.iter().enumerate() {
            panel.push(Entry::new(
                Group::Roles,
                !role.evidence.is_empty(),
                role.paragraphs.clone(),
                Position::new(role.heading_paragraph, 0),
                Source::Role(i),
            ));
        }
        for (i, product) in annotations.products.iter().enumerate() {
            let (Some(first), Some(last)) = (product.mentions.first(), product.mentions.last())
            else {
                continue;
            };
            panel.push(Entry::new(
                Group::Products,
                product.outcome.is_some() || product.fate.is_some(),
                first.paragraph()..last.paragraph() + 1,
                Position::new(first.paragraph(), 0),
                Source::Product(i),
            ));
        }
        let sections = &annotations.sections;
        // A heading runs to the next heading (one pass from the end, so a
        // document with 50 000 headings is not quadratic); an outline entry
        // is one paragraph.
        let mut ends = vec![paragraphs; sections.len()];
        let mut next_heading = None;
        let mut next_section = None;
        for (i, section) in sections.iter().enumerate().rev() {
            let end = match section.kind {
                SectionKind::Paragraph => section.paragraph + 1,
                // Without a later heading, up to the next outline entry.
                _ => next_heading.or(next_section).unwrap_or(paragraphs),
            };
            ends[i] = end.max(section.paragraph + 1);
            if section.kind != SectionKind::Paragraph {
                next_heading = Some(section.paragraph);
            }
            next_section = Some(section.paragraph);
        }
        for (i, (section, end)) in sections.iter().zip(ends).enumerate() {
            panel.push(Entry::new(
                Group::Sections,
                false,
                section.paragraph..end,
                Position::new(section.paragraph, 0),
                Source::Section(i),
            ));
        }
        for (i, date) in annotations.dates.iter().enumerate() {
            panel.push(Entry::new(
                Group::Dates,
                false,
                date.paragraph..date.paragraph + 1,
                Position::new(date.paragraph, date.range.start),
                Source::Date(i),
            ));
        }
        panel
    }

    fn push(&mut self, entry: Entry) {
        let index = self.entries.len();
        let (start, end) = (entry.first, entry.end);
        match self.groups.last_mut() {
            Some(last) if last.group == entry.group => {
                last.sorted &= self.entries[index - 1].first <= start;
                last.entries.end = index + 1;
                self.reach.push(self.reach[index - 1].max(end));
            }
            _ => {
                self.rows.push(Row::Header(entry.group));
                self.groups.push(GroupEntries {
                    group: entry.group,
                    entries: index..index + 1,
                    sorted: true,
                });
                self.reach.push(end);
            }
        }
        self.entry_rows.push(small(self.rows.len()));
        self.rows.push(Row::Entry(small(index)));
        if entry.has_detail {
            self.rows.push(Row::Detail(small(index)));
        }
        self.entries.push(entry);
    }

    /// The row that shows entry `index`.
    pub fn row_of(&self, index: usize) -> usize {
        self.entry_rows.get(index).map_or(0, |&row| row as usize)
    }

    /// Whether entry `index` spans `paragraph`: the panel marks it.
    pub fn covers(&self, index: usize, paragraph: usize) -> bool {
        self.entries
            .get(index)
            .is_some_and(|e| e.paragraphs().contains(&paragraph))
    }

    /// The most specific entry the reading position is in: a role's or a
    /// section's before a product's, whose span is wide. Precisely: the last
    /// role holding `paragraph`, else the last section, else the first
    /// entry of any group.
    pub fn current(&self, paragraph: usize) -> Option<usize> {
        let last_in = |group| {
            self.groups
                .iter()
                .find(|g| g.group == group)
                .and_then(|g| self.last_holding(g, paragraph))
        };
        last_in(Group::Roles)
            .or_else(|| last_in(Group::Sections))
            .or_else(|| {
                self.groups
                    .iter()
                    .find_map(|g| self.first_holding(g, paragraph))
            })
    }

    /// The last entry of a group that holds `paragraph`: back from the last
    /// one starting at or before it, for as long as an entry earlier still
    /// reaches it. Roles do not overlap, so that is one step; a heading
    /// holds at most the outline entries of a short article.
    fn last_holding(&self, group: &GroupEntries, paragraph: usize) -> Option<usize> {
        let holds = |i: &usize| self.entries[*i].paragraphs().contains(&paragraph);
        let range = group.entries.clone();
        if !group.sorted {
            return range.rev().find(holds);
        }
        let entries = &self.entries[range.clone()];
        let after = range.start + entries.partition_point(|e| e.first as usize <= paragraph);
        (range.start..after)
            .rev()
            .take_while(|&i| self.reach[i] as usize > paragraph)
            .find(holds)
    }

    /// The first entry of a group that holds `paragraph`: the first whose
    /// group reaches past it, if it starts early enough.
    fn first_holding(&self, group: &GroupEntries, paragraph: usize) -> Option<usize> {
        let holds = |i: &usize| self.entries[*i].paragraphs().contains(&paragraph);
        let range = group.entries.clone();
        if !group.sorted {
            return range.clone().find(holds);
        }
        let first = range.start
            + self.reach[range.clone()].partition_point(|&reach| reach as usize <= paragraph);
        Some(first).filter(|i| range.contains(i) && holds(i))
    }

    /// The first entry of a group.
    pub fn first_of(&self, group: Group) -> Option<usize> {
        self.groups
            .iter()
            .find(|g| g.group == group)
            .map(|g| g.entries.start)
    }
}

fn bookmark_entry(bookmark: &Bookmark, position: Position) -> Entry {
    Entry::new(
        Group::Bookmarks,
        false,
        position.paragraph..position.paragraph + 1,
        position,
        Source::Bookmark(bookmark.id.as_str().into()),
    )
}

/// The entry's line: "platform role — Alipay", "Ali Wangwang (Alibaba,
/// 2004)", a section's title, "note — quote" for a bookmark.
pub fn label(
    entry: &Entry,
    doc: &Document,
    annotations: &Annotations,
    bookmarks: &ArticleState,
) -> String {
    match &entry.source {
        Source::Role(i) => annotations.roles.get(*i).map(|role| match &role.actor {
            Some(actor) => format!("{} role — {actor}", role.name),
            None => format!("{} role", role.name),
        }),
        Source::Product(i) => annotations.products.get(*i).map(|product| {
            let facts: Vec<String> = product
                .owner
                .iter()
                .cloned()
                .chain(product.launched.map(|year| year.to_string()))
                .collect();
            if facts.is_empty() {
                product.name.clone()
            } else {
                format!("{} ({})", product.name, facts.join(", "))
            }
        }),
        Source::Section(i) => annotations
            .sections
            .get(*i)
            .map(|s| s.title(doc).into_owned()),
        Source::Date(i) => annotations
            .dates
            .get(*i)
            .map(|d| format!("{} ({})", d.text(doc), d.date)),
        Source::Bookmark(id) => bookmarks.find(id).map(|bookmark| {
            let quote = bookmark.quote.replace('\n', " ");
            let label = match &bookmark.note {
                Some(note) => format!("{note} — {quote}"),
                None => quote,
            };
            if bookmark.orphaned {
                format!("(text gone) {label}")
            } else {
                label
            }
        }),
    }
    .unwrap_or_default()
}

/// The entry's second line: a role's evidence, a product's outcome from
/// its first fate cue ("eventually", "too closed"…) or its known fate.
pub fn detail(
    entry: &Entry,
    doc: &Document,
    annotations: &Annotations,
    fate_cues: &[String],
) -> Option<String> {
    match entry.source {
        Source::Role(i) => annotations.roles.get(i).map(|r| shorten(r.evidence(doc))),
        Source::Product(i) => annotations.products.get(i).and_then(|product| {
            match (&product.outcome, &product.fate) {
                (Some(outcome), _) => Some(format!("→ {}", shorten(from_cue(outcome, fate_cues)))),
                (None, Some(fate)) => Some(format!("→ {}", shorten(fate))),
                (None, None) => None,
            }
        }),
        _ => None,
    }
}

/// The outcome from the clause of its first fate cue: "…because Ali
/// Wangwang is too closed…" rather than the sentence's start.
fn from_cue<'a>(outcome: &'a str, cues: &[String]) -> &'a str {
    let lower = outcome.to_lowercase();
    let Some(at) = cues
        .iter()
        .filter_map(|cue| lower.find(&cue.to_lowercase()))
        .min()
        .filter(|&at| lower.len() == outcome.len() && outcome.is_char_boundary(at))
    else {
        return outcome;
    };
    // After the separator, whose width in bytes varies (',' is 1, '，' is 3).
    let clause = outcome[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ',' | ';' | '，' | '；'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    outcome[clause..].trim_start()
}

fn shorten(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= DETAIL_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(DETAIL_CHARS).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::detect;
    use crate::document::Document;

    fn bundled() -> (Document, Panel) {
        let doc = crate::load::load_bytes(include_bytes!("../assets/article.txt")).expect("loads");
        let panel = Panel::build(&detect(&doc), &[], doc.len());
        (doc, panel)
    }

    fn labels(doc: &Document, panel: &Panel) -> Vec<String> {
        let annotations = detect(doc);
        let state = ArticleState::new(crate::bookmarks::ArticleId::of(doc));
        panel
            .entries
            .iter()
            .map(|e| label(e, doc, &annotations, &state))
            .collect()
    }

    #[test]
    fn headings_span_to_the_next_heading() {
        let doc = Document::from_text(&format!(
            "Title\n\n# One\n\n{}\n\n# Two\n\nEnd.",
            "Body text that is long enough. ".repeat(3)
        ));
        let panel = Panel::build(&detect(&doc), &[], doc.len());
        let one = labels(&doc, &panel)
            .iter()
            .position(|l| l == "One")
            .expect("One");
        assert_eq!(panel.entries[one].paragraphs(), 1..3);
        assert_eq!(panel.entries[one].span_label(), "¶2–3");
    }

    #[test]
    fn bundled_article_groups_in_order() {
        let (doc, panel) = bundled();
        let headers: Vec<Group> = panel
            .rows
            .iter()
            .filter_map(|r| match r {
                Row::Header(g) => Some(*g),
                _ => None,
            })
            .collect();
        assert_eq!(
            headers,
            vec![Group::Roles, Group::Products, Group::Sections, Group::Dates]
        );
        let labels = labels(&doc, &panel);
        let roles: Vec<&str> = panel
            .entries
            .iter()
            .zip(&labels)
            .filter(|(e, _)| e.group == Group::Roles)
            .map(|(_, l)| l.as_str())
            .collect();
        assert_eq!(
            roles,
            vec!["platform role — Alipay", "source role — Alipay"]
        );
        let wangwang = labels
            .iter()
            .position(|l| l.starts_with("Ali Wangwang"))
            .expect("Ali Wangwang");
        let cues = crate::detect::Rules::bundled().fate_cues;
        let text = detail(&panel.entries[wangwang], &doc, &detect(&doc), &cues);
        assert!(
            text.as_deref().is_some_and(|d| d.contains("too closed")),
            "{text:?}"
        );
        assert_eq!(panel.entries[wangwang].span_label(), "¶9");
    }

    #[test]
    fn current_entry_follows_the_paragraph() {
        let (doc, panel) = bundled();
        for p in 0..doc.len() {
            let current = panel.current(p).expect("every paragraph is in an entry");
            assert!(panel.covers(current, p));
        }
        let platform = panel.current(5).expect("in the platform role");
        assert_eq!(panel.entries[platform].group, Group::Roles);
    }

    /// `current` as it was: a scan of every entry.
    fn current_by_scan(panel: &Panel, paragraph: usize) -> Option<usize> {
        let in_group = |group| {
            panel
                .entries
                .iter()
                .rposition(|e| e.group == group && e.paragraphs().contains(&paragraph))
        };
        in_group(Group::Roles)
            .or_else(|| in_group(Group::Sections))
            .or_else(|| {
                panel
                    .entries
                    .iter()
                    .position(|e| e.paragraphs().contains(&paragraph))
            })
    }

    #[test]
    fn current_entry_by_search_is_the_one_a_scan_finds() {
        let bundled = crate::source::BUNDLED;
        let texts = [
            bundled.to_owned(),
            // Past the outline's limit: headings and roles only.
            format!("{bundled}\n\n").repeat(30),
            // Headings, a paragraph outline, and a heading-free stretch.
            format!(
                "Title\n\nIntro text goes here.\n\n# One\n\n{}\n\n# Two\n\nEnd.",
                "Body text that is long enough. Alipay platform role.\n\n".repeat(12)
            ),
            String::new(),
        ];
        for text in texts {
            let doc = Document::from_text(&text);
            let annotations = detect(&doc);
            // Bookmarks out of order take the scanning path.
            let bookmarks: Vec<(Bookmark, Position)> = [3, 1, 7, 1]
                .into_iter()
                .filter(|&p| p < doc.len())
                .map(|p| {
                    let position = Position::new(p, 0);
                    (Bookmark::new(&doc, position, None), position)
                })
                .collect();
            for marks in [&[][..], &bookmarks[..]] {
                let panel = Panel::build(&annotations, marks, doc.len());
                for p in 0..doc.len() + 2 {
                    assert_eq!(panel.current(p), current_by_scan(&panel, p), "¶{p}");
                }
                for group in [Group::Bookmarks, Group::Roles, Group::Dates] {
                    assert_eq!(
                        panel.first_of(group),
                        panel.entries.iter().position(|e| e.group == group)
                    );
                }
            }
        }
    }

    #[test]
    fn outcome_starts_at_its_fate_cue() {
        let cues = vec!["eventually".to_owned(), "too closed".to_owned()];
        assert_eq!(
            from_cue(
                "It grew, but eventually because it was closed, it failed.",
                &cues
            ),
            "but eventually because it was closed, it failed."
        );
        assert_eq!(from_cue("No cue here.", &cues), "No cue here.");
        let zh = vec!["最终".to_owned()];
        assert_eq!(
            from_cue(
                "芝麻信用分数决定了评论功能的开放，阿里旺旺最终仍是内部产品。",
                &zh
            ),
            "阿里旺旺最终仍是内部产品。"
        );
    }

    #[test]
    fn detail_rows_follow_their_entry() {
        let (_, panel) = bundled();
        for (i, entry) in panel.entries.iter().enumerate() {
            let row = panel.row_of(i);
            assert_eq!(panel.rows[row], Row::Entry(i as u32));
            if entry.has_detail {
                assert_eq!(panel.rows[row + 1], Row::Detail(i as u32));
            }
        }
    }
}
