use std::sync::Arc;

use proptest::prelude::*;

use super::*;
use crate::bookmarks::Bookmark;
use crate::detect::{DateMention, IsoDate, Mention, Product, Role, Section, detect};
use crate::document::Document;

/// Whether entry `index` spans `paragraph`, as the ▸ mark shows.
fn holds(panel: &Panel, index: usize, paragraph: usize, annotations: &Annotations) -> bool {
    panel
        .entry(index, annotations)
        .is_some_and(|e| e.paragraphs().contains(&paragraph))
}

fn bundled() -> (Document, Annotations, Panel) {
    let doc =
        crate::load::load_bytes(include_bytes!("../../../assets/article.txt")).expect("loads");
    let annotations = detect(&doc);
    let panel = Panel::build(&annotations, &[], doc.len());
    (doc, annotations, panel)
}

fn labels(doc: &Document, annotations: &Annotations, panel: &Panel) -> Vec<String> {
    let state = ArticleState::new(crate::bookmarks::ArticleId::of(doc));
    panel
        .entries(annotations)
        .map(|e| label(&e, doc, annotations, &state))
        .collect()
}

fn entry(panel: &Panel, index: usize, annotations: &Annotations) -> Entry {
    panel.entry(index, annotations).expect("an entry")
}

#[test]
fn headings_span_to_the_next_heading() {
    let doc = Document::from_text(&format!(
        "Title\n\n# One\n\n{}\n\n# Two\n\nEnd.",
        "Body text that is long enough. ".repeat(3)
    ));
    let annotations = detect(&doc);
    let panel = Panel::build(&annotations, &[], doc.len());
    let one = labels(&doc, &annotations, &panel)
        .iter()
        .position(|l| l == "One")
        .expect("One");
    let one = entry(&panel, one, &annotations);
    assert_eq!(one.paragraphs(), 1..3);
    assert_eq!(one.span_label(), "¶2–3");
}

#[test]
fn bundled_article_groups_in_order() {
    let (doc, annotations, panel) = bundled();
    let headers: Vec<Group> = (0..panel.row_count())
        .filter_map(|r| match panel.row(r) {
            Some(Row::Header(g)) => Some(g),
            _ => None,
        })
        .collect();
    assert_eq!(
        headers,
        vec![Group::Roles, Group::Products, Group::Sections, Group::Dates]
    );
    let labels = labels(&doc, &annotations, &panel);
    let roles: Vec<&str> = panel
        .entries(&annotations)
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
    let wangwang = entry(&panel, wangwang, &annotations);
    let cues = crate::detect::Rules::bundled().fate_cues;
    let text = detail(&wangwang, &doc, &detect(&doc), &cues);
    assert!(
        text.as_deref().is_some_and(|d| d.contains("too closed")),
        "{text:?}"
    );
    assert_eq!(wangwang.span_label(), "¶9");
}

#[test]
fn current_entry_follows_the_paragraph() {
    let (doc, annotations, panel) = bundled();
    for p in 0..doc.len() {
        let current = panel
            .current(p, &annotations)
            .expect("every paragraph is in an entry");
        assert!(holds(&panel, current, p, &annotations));
    }
    let platform = panel
        .current(5, &annotations)
        .expect("in the platform role");
    assert_eq!(entry(&panel, platform, &annotations).group, Group::Roles);
}

/// `current` as it was: a scan of every entry.
fn current_by_scan(entries: &[Entry], paragraph: usize) -> Option<usize> {
    let in_group = |group| {
        entries
            .iter()
            .rposition(|e| e.group == group && e.paragraphs().contains(&paragraph))
    };
    in_group(Group::Roles)
        .or_else(|| in_group(Group::Sections))
        .or_else(|| {
            entries
                .iter()
                .position(|e| e.paragraphs().contains(&paragraph))
        })
}

/// Texts and bookmarks whose detection makes every kind of group.
fn detected_cases() -> Vec<(Document, Vec<Position>)> {
    let bundled = crate::load::BUNDLED;
    let texts = [
        bundled.to_owned(),
        // Past the outline's limit: headings and roles only.
        format!("{bundled}\n\n").repeat(30),
        // Headings, a paragraph outline, and a heading-free stretch.
        format!(
            "Title\n\nIntro text goes here.\n\n# One\n\n{}\n\n# Two\n\nEnd.",
            "Body text that is long enough. Alipay platform role.\n\n".repeat(12)
        ),
        "这一次，支付宝输在哪\n\n2017年3月9日\n\n彭蕾发出道歉信。\n\n\
         平台角色。支付宝在这个过程中最明显的角色是平台。\n\n\
         源头角色。芝麻信用分数决定了评论功能的开放，阿里旺旺最终仍是内部产品。"
            .to_owned(),
        String::new(),
    ];
    texts
        .into_iter()
        .flat_map(|text| {
            let doc = Document::from_text(&text);
            // Bookmarks out of order take the scanning path.
            let bookmarks: Vec<Position> = [3, 1, 7, 1]
                .into_iter()
                .filter(|&p| p < doc.len())
                .map(|p| Position::new(p, 0))
                .collect();
            [
                (doc.clone(), Vec::new()),
                (doc.clone(), bookmarks.clone()),
                (doc, {
                    let mut sorted = bookmarks;
                    sorted.sort();
                    sorted
                }),
            ]
        })
        .collect()
}

#[test]
fn current_entry_by_search_is_the_one_a_scan_finds() {
    for (doc, marks) in detected_cases() {
        let annotations = detect(&doc);
        let panel = Panel::build(&annotations, &marks, doc.len());
        let entries: Vec<Entry> = panel.entries(&annotations).collect();
        assert_eq!(entries.len(), panel.len());
        for p in 0..doc.len() + 2 {
            assert_eq!(
                panel.current(p, &annotations),
                current_by_scan(&entries, p),
                "¶{p}"
            );
        }
        for group in [Group::Bookmarks, Group::Roles, Group::Dates] {
            assert_eq!(
                panel.first_of(group),
                entries.iter().position(|e| e.group == group)
            );
        }
    }
}

#[test]
fn outcome_starts_at_its_fate_cue() {
    let cues = vec!["eventually".to_owned(), "too closed".to_owned()];
    assert_eq!(
        cue_clause(
            "It grew, but eventually because it was closed, it failed.",
            &cues
        ),
        Some("but eventually because it was closed, it failed.")
    );
    assert_eq!(cue_clause("No cue here.", &cues), None);
    let zh = vec!["最终".to_owned()];
    assert_eq!(
        cue_clause(
            "芝麻信用分数决定了评论功能的开放，阿里旺旺最终仍是内部产品。",
            &zh
        ),
        Some("阿里旺旺最终仍是内部产品。")
    );
}

#[test]
fn a_product_detail_starts_at_its_own_cue() {
    let doc = Document::from_text(
        "T\n\nWave grew, eventually Picasa was retired in 2016, and Music was merged into Play in 2020.",
    );
    let annotations = crate::detect::detect(&doc);
    let panel = Panel::build(&annotations, &[], doc.len());
    let cues = crate::detect::Rules::bundled().fate_cues;
    let details: Vec<String> = panel
        .entries(&annotations)
        .filter(|e| matches!(e.source, Source::Product(_)))
        .filter_map(|e| detail(&e, &doc, &annotations, &cues))
        .collect();
    assert_eq!(
        details,
        vec![
            "→ eventually Picasa was retired in 2016",
            "→ Music was merged into Play in 2020."
        ]
    );
}

#[test]
fn detail_rows_follow_their_entry() {
    let (_, annotations, panel) = bundled();
    for (i, entry) in panel.entries(&annotations).enumerate() {
        let row = panel.row_of(i);
        assert_eq!(panel.row(row), Some(Row::Entry(i as u32)));
        if entry.has_detail {
            assert_eq!(panel.row(row + 1), Some(Row::Detail(i as u32)));
        }
    }
}

/// The panel as it was built before it was made lazy: every entry and
/// row materialised, and a running maximum of ends to search by.
#[derive(Default)]
struct Eager {
    entries: Vec<Entry>,
    rows: Vec<Row>,
    entry_rows: Vec<u32>,
    groups: Vec<(Group, Range<usize>, bool)>,
    reach: Vec<u32>,
}

impl Eager {
    fn build(annotations: &Annotations, bookmarks: &[Position], paragraphs: usize) -> Eager {
        let mut panel = Eager::default();
        for (i, position) in bookmarks.iter().enumerate() {
            let p = position.paragraph;
            panel.push(Entry::new(
                Group::Bookmarks,
                false,
                p..p + 1,
                *position,
                Source::Bookmark(i),
            ));
        }
        for (i, role) in annotations.roles.iter().enumerate() {
            panel.push(Entry::new(
                Group::Roles,
                !role.evidence_range().is_empty(),
                role.paragraphs().clone(),
                Position::new(role.heading_paragraph(), 0),
                Source::Role(i),
            ));
        }
        // Products as a timeline: those with a start year first, by year.
        let year = |p: &Product| p.start.map(|d| d.year()).or(p.launched);
        let products = annotations.products.iter().enumerate();
        let mut dated: Vec<(usize, &Product)> = products
            .clone()
            .filter(|(_, p)| year(p).is_some())
            .collect();
        dated.sort_by_key(|(_, p)| year(p));
        let undated = products.filter(|(_, p)| year(p).is_none());
        for (i, product) in dated.into_iter().chain(undated) {
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
        // A section runs to the next heading, else to the next outline
        // entry, else to the end; read forwards, the plain way.
        let sections = &annotations.sections;
        let ends: Vec<usize> = sections
            .iter()
            .enumerate()
            .map(|(i, section)| {
                let later = sections.get(i + 1..).unwrap_or(&[]);
                let end = match section.kind {
                    SectionKind::Paragraph => section.paragraph + 1,
                    _ => later
                        .iter()
                        .find(|s| s.kind != SectionKind::Paragraph)
                        .or(later.first())
                        .map_or(paragraphs, |s| s.paragraph),
                };
                end.max(section.paragraph + 1)
            })
            .collect();
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
            Some((group, entries, sorted)) if *group == entry.group => {
                *sorted &= self.entries[index - 1].first <= start;
                entries.end = index + 1;
                self.reach.push(self.reach[index - 1].max(end));
            }
            _ => {
                self.rows.push(Row::Header(entry.group));
                self.groups.push((entry.group, index..index + 1, true));
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

    fn row_of(&self, index: usize) -> usize {
        self.entry_rows.get(index).map_or(0, |&row| row as usize)
    }

    fn current(&self, paragraph: usize) -> Option<usize> {
        let last_in = |group| {
            self.groups
                .iter()
                .find(|g| g.0 == group)
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

    fn last_holding(&self, group: &(Group, Range<usize>, bool), paragraph: usize) -> Option<usize> {
        let holds = |i: &usize| self.entries[*i].paragraphs().contains(&paragraph);
        let (_, range, sorted) = group.clone();
        if !sorted {
            return range.rev().find(holds);
        }
        let entries = &self.entries[range.clone()];
        let after = range.start + entries.partition_point(|e| e.first as usize <= paragraph);
        (range.start..after)
            .rev()
            .take_while(|&i| self.reach[i] as usize > paragraph)
            .find(holds)
    }

    fn first_holding(
        &self,
        group: &(Group, Range<usize>, bool),
        paragraph: usize,
    ) -> Option<usize> {
        let holds = |i: &usize| self.entries[*i].paragraphs().contains(&paragraph);
        let (_, range, sorted) = group.clone();
        if !sorted {
            return range.clone().find(holds);
        }
        let first = range.start
            + self.reach[range.clone()].partition_point(|&reach| reach as usize <= paragraph);
        Some(first).filter(|i| range.contains(i) && holds(i))
    }
}

/// The lazy panel shows what the eager one did: rows, entries, the row
/// of each entry, the current entry of every paragraph, each group's first.
fn same_as_eager(annotations: &Annotations, bookmarks: &[Position], paragraphs: usize) {
    let eager = Eager::build(annotations, bookmarks, paragraphs);
    let lazy = Panel::build(annotations, bookmarks, paragraphs);
    assert_eq!(lazy.len(), eager.entries.len());
    assert_eq!(lazy.is_empty(), eager.entries.is_empty());
    assert_eq!(lazy.entries(annotations).collect::<Vec<_>>(), eager.entries);
    for (i, entry) in eager.entries.iter().enumerate() {
        assert_eq!(lazy.entry(i, annotations), Some(*entry), "entry {i}");
        assert_eq!(lazy.row_of(i), eager.row_of(i), "row of {i}");
    }
    assert_eq!(lazy.entry(eager.entries.len(), annotations), None);
    assert_eq!(lazy.row_of(eager.entries.len()), 0);
    assert_eq!(lazy.row_count(), eager.rows.len());
    for r in 0..eager.rows.len() + 2 {
        assert_eq!(lazy.row(r), eager.rows.get(r).copied(), "row {r}");
    }
    let furthest = eager.entries.iter().map(|e| e.end as usize).max();
    for p in 0..furthest.unwrap_or(0).max(paragraphs) + 2 {
        let current = lazy.current(p, annotations);
        assert_eq!(current, eager.current(p), "current at ¶{p}");
        assert_eq!(current, current_by_scan(&eager.entries, p), "scan at ¶{p}");
        if let Some(i) = current {
            assert!(holds(&lazy, i, p, annotations));
        }
    }
    for group in [
        Group::Bookmarks,
        Group::Roles,
        Group::Products,
        Group::Sections,
        Group::Dates,
    ] {
        assert_eq!(
            lazy.first_of(group),
            eager.entries.iter().position(|e| e.group == group)
        );
    }
}

#[test]
fn detected_panels_are_the_eager_ones() {
    for (doc, marks) in detected_cases() {
        same_as_eager(&detect(&doc), &marks, doc.len());
    }
    // A bookmark on every paragraph of a short article, in order.
    let (doc, annotations, _) = bundled();
    let marks: Vec<Position> = (0..doc.len()).map(|p| Position::new(p, 2)).collect();
    same_as_eager(&annotations, &marks, doc.len());
}

/// A role over paragraphs `first..first + len`, headed by `first`.
fn role((first, len, evidence): (usize, usize, bool)) -> Role {
    Role::new(
        Arc::from("platform"),
        None,
        first..first + len,
        0..usize::from(evidence) * 5,
        Box::default(),
    )
    .expect("small positions")
}

#[test]
fn product_rows_read_as_a_timeline() {
    let doc = Document::from_text(
        "T\n\nGoogle launched Buzz in 2010. Buzz was shut down in 2011. Wave grew.",
    );
    let a = crate::detect::detect(&doc);
    let buzz = a.products.iter().find(|p| p.name == "Buzz").expect("Buzz");
    assert_eq!(product_label(buzz), "Buzz (Google) 2010–2011 · shut down");
    let mut plain = buzz.clone();
    (plain.owner, plain.start, plain.end, plain.status) = (None, None, None, None);
    assert_eq!(product_label(&plain), "Buzz");
}

fn product((mentions, outcome, fate): (Vec<usize>, bool, bool)) -> Product {
    Product {
        name: "Wave".to_owned(),
        aliases: Vec::new(),
        owner: None,
        launched: None,
        fate: fate.then(|| "shut down".to_owned()),
        outcome: outcome.then(|| "it failed".to_owned()),
        mentions: (mentions.iter())
            .filter_map(|&p| Mention::new(p, 0..4))
            .collect(),
        known: true,
        ..Product::default()
    }
}

fn section((paragraph, kind): (usize, u8)) -> Section {
    let kind = match kind {
        0 => SectionKind::Title,
        1 => SectionKind::Heading,
        _ => SectionKind::Paragraph,
    };
    Section::at(paragraph, kind)
}

fn date((paragraph, byte): (usize, usize)) -> DateMention {
    DateMention {
        paragraph,
        range: byte..byte + 4,
        date: IsoDate::new(2017, 3, 9),
    }
}

/// Roles as detection makes them: in heading order, not overlapping.
fn tidy(mut roles: Vec<Role>) -> Vec<Role> {
    roles.sort_by_key(|r| r.paragraphs().start);
    roles.dedup_by_key(|r| r.paragraphs().start);
    let starts: Vec<usize> = roles.iter().map(|r| r.paragraphs().start).collect();
    for (role, next) in roles
        .iter_mut()
        .zip(starts.iter().skip(1).map(Some).chain([None]))
    {
        let Range { start, end } = role.paragraphs();
        let end = end.max(start + 1);
        let end = next.map_or(end, |&n| end.min(n));
        *role = Role::new(
            role.name.clone(),
            role.actor.clone(),
            start..end,
            role.evidence_range(),
            role.mentions.clone(),
        )
        .expect("small positions");
    }
    roles
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any annotations, in text order or not, with sections of every
    /// kind: the lazy panel is the eager one.
    #[test]
    fn any_annotations_make_the_eager_panel(
        roles in proptest::collection::vec((0usize..40, 0usize..8, any::<bool>()), 0..12),
        products in proptest::collection::vec(
            (proptest::collection::vec(0usize..40, 0..4), any::<bool>(), any::<bool>()),
            0..5,
        ),
        sections in proptest::collection::vec((0usize..40, 0u8..4), 0..16),
        dates in proptest::collection::vec((0usize..40, 0usize..50), 0..10),
        bookmarks in proptest::collection::vec((0usize..40, 0usize..50), 0..5),
        // Which lists are in text order, as detection makes them.
        sort in proptest::collection::vec(any::<bool>(), 5),
        paragraphs in 0usize..45,
    ) {
        let mut annotations = Annotations::default();
        annotations.roles = roles.into_iter().map(role).collect();
        if sort[0] {
            annotations.roles = tidy(annotations.roles);
        }
        annotations.products = products.into_iter().map(product).collect();
        let mut sections = sections;
        if sort[1] {
            sections.sort_unstable();
        }
        annotations.sections = sections.into_iter().map(section).collect();
        let mut dates = dates;
        if sort[2] {
            dates.sort_unstable();
        }
        annotations.dates = dates.into_iter().map(date).collect();
        let mut bookmarks: Vec<Position> = (bookmarks.into_iter())
            .map(|(p, b)| Position::new(p, b))
            .collect();
        if sort[3] {
            bookmarks.sort();
        }
        same_as_eager(&annotations, &bookmarks, paragraphs);
    }
}

#[test]
fn bookmark_entries_name_the_state_s_bookmarks() {
    let (doc, annotations, _) = bundled();
    let mut state = ArticleState::new(crate::bookmarks::ArticleId::of(&doc));
    for (p, note) in [(2, None), (6, Some("why".to_owned()))] {
        state
            .bookmarks
            .push(Bookmark::new(&doc, Position::new(p, 0), note));
    }
    let marks: Vec<Position> = state.bookmarks.iter().map(Bookmark::position).collect();
    let panel = Panel::build(&annotations, &marks, doc.len());
    assert_eq!(panel.first_of(Group::Bookmarks), Some(0));
    let second = entry(&panel, 1, &annotations);
    assert_eq!(second.bookmark(), Some(1));
    assert_eq!(second.target(), Position::new(6, 0));
    assert!(label(&second, &doc, &annotations, &state).starts_with("why — "));
    assert_eq!(entry(&panel, 2, &annotations).bookmark(), None);
}

#[test]
fn products_read_as_a_timeline_by_start_year() {
    let doc = Document::from_text(
        "T\n\nGoogle launched Buzz in 2010. Allo, a chat app, was shut down in 2019.\n\n\
         Wave launched in 2009 and was switched off in 2012.",
    );
    let annotations = crate::detect::detect(&doc);
    let panel = Panel::build(&annotations, &[], doc.len());
    let rows: Vec<String> = panel
        .entries(&annotations)
        .filter(|e| matches!(e.source, Source::Product(_)))
        .map(|e| {
            label(
                &e,
                &doc,
                &annotations,
                &ArticleState::new(crate::bookmarks::ArticleId::of(&doc)),
            )
        })
        .collect();
    // Started years first, oldest first; then the rest as the text names them.
    assert_eq!(
        rows,
        vec![
            "Wave 2009–2012 · switched off",
            "Buzz (Google) 2010 · launched",
            "Allo –2019 · shut down"
        ]
    );
}
