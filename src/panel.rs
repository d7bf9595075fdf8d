//! The panel's content: what detection found, as entries under group
//! headers, each pointing at the passage that is its evidence.
//!
//! Entries refer to annotations by index rather than copying their
//! mentions: a 100 MB article has hundreds of thousands of them.

use std::ops::Range;

use crate::bookmarks::ArticleState;
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

/// What an entry shows, by index into the annotations, or into the
/// bookmarks the panel was built with (the article state's, in order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Role(usize),
    Product(usize),
    Section(usize),
    Date(usize),
    Bookmark(usize),
}

/// An entry holds no text of its own: its label and detail are made when it
/// is drawn (see [`label`], [`detail`]). It is not stored either: the panel
/// makes it from the annotations when asked ([`Panel::entry`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

    /// The bookmark this entry shows (its index in the article state), for `d`.
    pub fn bookmark(&self) -> Option<usize> {
        match self.source {
            Source::Bookmark(i) => Some(i),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Header(Group),
    Entry(u32),
    /// The detail line of an entry.
    Detail(u32),
}

/// Which entries of a group have a detail line: all but those listed, or
/// only those listed. Most roles have one, most products not: either way
/// the list is short.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Details {
    all: bool,
    /// Indices in the group, ascending.
    except: Vec<u32>,
}

impl Details {
    fn has(&self, k: usize) -> bool {
        self.all != self.except.binary_search(&small(k)).is_ok()
    }

    /// How many of the group's first `k` entries have one.
    fn before(&self, k: usize) -> usize {
        let listed = self.except.partition_point(|&e| (e as usize) < k);
        if self.all { k - listed } else { listed }
    }
}

/// One group's entries and rows: its header, then each entry followed by
/// its detail line if it has one, so rows map to entries by arithmetic.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Block {
    group: Group,
    /// Its entries' indices in the panel.
    entries: Range<usize>,
    /// The header's row.
    row: usize,
    details: Details,
    /// Entries sorted by first paragraph (detection lists them in text
    /// order; checked rather than assumed).
    sorted: bool,
    /// Sorted by their ends too, so a search finds those holding a
    /// paragraph: roles (which do not overlap), dates, bookmarks and the
    /// sections of an article without an outline are.
    ordered: bool,
}

impl Block {
    fn rows(&self) -> usize {
        let n = self.entries.len();
        1 + n + self.details.before(n)
    }

    /// The row of its `k`th entry.
    fn row_of(&self, k: usize) -> usize {
        self.row + 1 + k + self.details.before(k)
    }
}

/// The panel's rows and entries, made on demand from the annotations it was
/// built with: a 100 MB article has 230 000 entries, and materialising them
/// (with their rows) cost 15 MB. What it keeps: the few bookmarks and
/// products, where each section ends (found looking ahead) and which roles
/// and products have a detail line.
///
/// Its methods must be given the annotations it was built from: the app
/// rebuilds it whenever they change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Panel {
    /// The groups with entries, in order.
    blocks: Vec<Block>,
    /// Where each bookmark is in the view shown.
    bookmarks: Vec<Position>,
    /// The products listed (those with a mention), by index.
    products: Vec<u32>,
    /// Where each section ends (exclusive).
    section_ends: Vec<u32>,
    entries: usize,
    rows: usize,
}

/// Characters of evidence or outcome kept for a detail line.
const DETAIL_CHARS: usize = 160;

/// The first of `0..n` for which `before` is false, where it is true up to
/// some point and false after: a binary search over indices.
fn partition(n: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut low, mut high) = (0, n);
    while low < high {
        let mid = low + (high - low) / 2;
        if before(mid) {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    low
}

impl Panel {
    /// The bookmarks (each at its position in the view shown, in the
    /// article state's order), then entries from detection.
    pub fn build(annotations: &Annotations, bookmarks: &[Position], paragraphs: usize) -> Self {
        let mut products = Vec::new();
        let mut product_details = Vec::new();
        for (i, product) in annotations.products.iter().enumerate() {
            if product.mentions.is_empty() {
                continue;
            }
            if product.outcome.is_some() || product.fate.is_some() {
                product_details.push(small(products.len()));
            }
            products.push(small(i));
        }
        let mut panel = Panel {
            bookmarks: bookmarks.to_vec(),
            products,
            section_ends: section_ends(annotations, paragraphs),
            ..Panel::default()
        };
        let bare_roles: Vec<u32> = (annotations.roles.iter().enumerate())
            .filter(|(_, role)| role.evidence_range().is_empty())
            .map(|(i, _)| small(i))
            .collect();
        let none = Details::default;
        // The reader's own marks first: few, and the reason to open the panel.
        let groups = [
            (Group::Bookmarks, bookmarks.len(), none()),
            (
                Group::Roles,
                annotations.roles.len(),
                Details {
                    all: true,
                    except: bare_roles,
                },
            ),
            (
                Group::Products,
                panel.products.len(),
                Details {
                    all: false,
                    except: product_details,
                },
            ),
            (Group::Sections, annotations.sections.len(), none()),
            (Group::Dates, annotations.dates.len(), none()),
        ];
        for (group, len, details) in groups {
            if len == 0 {
                continue;
            }
            let mut block = Block {
                group,
                entries: panel.entries..panel.entries + len,
                row: panel.rows,
                details,
                sorted: true,
                ordered: true,
            };
            let spans = (0..len).map(|k| panel.span(&block, k, annotations));
            let (sorted, ordered) =
                spans
                    .clone()
                    .zip(spans.skip(1))
                    .fold((true, true), |(sorted, ordered), (a, b)| {
                        let starts = a.start <= b.start;
                        (sorted && starts, ordered && starts && a.end <= b.end)
                    });
            (block.sorted, block.ordered) = (sorted, ordered);
            panel.entries += len;
            panel.rows += block.rows();
            panel.blocks.push(block);
        }
        panel
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.entries
    }

    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }

    /// How many rows: headers, entries and detail lines.
    pub fn row_count(&self) -> usize {
        self.rows
    }

    fn block(&self, group: Group) -> Option<&Block> {
        self.blocks.iter().find(|b| b.group == group)
    }

    fn block_of(&self, index: usize) -> Option<&Block> {
        self.blocks.iter().find(|b| b.entries.contains(&index))
    }

    /// Entry `index`, made from the annotations the panel was built with.
    pub fn entry(&self, index: usize, annotations: &Annotations) -> Option<Entry> {
        let block = self.block_of(index)?;
        self.entry_in(block, index - block.entries.start, annotations)
    }

    /// The entries in order (tests compare panels with it).
    #[cfg(test)]
    pub fn entries<'a>(&'a self, annotations: &'a Annotations) -> impl Iterator<Item = Entry> + 'a {
        (0..self.entries).map_while(|i| self.entry(i, annotations))
    }

    /// The `k`th entry of a group.
    fn entry_in(&self, block: &Block, k: usize, a: &Annotations) -> Option<Entry> {
        if k >= block.entries.len() {
            return None;
        }
        let has_detail = block.details.has(k);
        let entry = |paragraphs, target, source| {
            Entry::new(block.group, has_detail, paragraphs, target, source)
        };
        match block.group {
            Group::Bookmarks => self.bookmarks.get(k).map(|&position| {
                let p = position.paragraph;
                entry(p..p + 1, position, Source::Bookmark(k))
            }),
            Group::Roles => a.roles.get(k).map(|role| {
                let target = Position::new(role.heading_paragraph(), 0);
                entry(role.paragraphs().clone(), target, Source::Role(k))
            }),
            Group::Products => {
                let i = *self.products.get(k)? as usize;
                let mentions = &a.products.get(i)?.mentions;
                let (first, last) = (mentions.first()?.paragraph(), mentions.last()?.paragraph());
                let target = Position::new(first, 0);
                Some(entry(first..last + 1, target, Source::Product(i)))
            }
            Group::Sections => {
                let section = a.sections.get(k)?;
                let (p, end) = (section.paragraph, *self.section_ends.get(k)? as usize);
                Some(entry(p..end, Position::new(p, 0), Source::Section(k)))
            }
            Group::Dates => a.dates.get(k).map(|date| {
                let (p, target) = (
                    date.paragraph,
                    Position::new(date.paragraph, date.range.start),
                );
                entry(p..p + 1, target, Source::Date(k))
            }),
        }
    }

    /// The paragraphs of a group's `k`th entry (none if there is no such entry).
    fn span(&self, block: &Block, k: usize, a: &Annotations) -> Range<usize> {
        self.entry_in(block, k, a).map_or(0..0, |e| e.paragraphs())
    }

    /// What row `row` shows.
    pub fn row(&self, row: usize) -> Option<Row> {
        if row >= self.rows {
            return None;
        }
        let block = self.blocks.iter().rev().find(|b| b.row <= row)?;
        if row == block.row {
            return Some(Row::Header(block.group));
        }
        // The last entry at or above the row: the row is it or its detail.
        let k = partition(block.entries.len(), |k| block.row_of(k) <= row).checked_sub(1)?;
        let index = small(block.entries.start + k);
        Some(if block.row_of(k) == row {
            Row::Entry(index)
        } else {
            Row::Detail(index)
        })
    }

    /// The row that shows entry `index`.
    pub fn row_of(&self, index: usize) -> usize {
        self.block_of(index)
            .map_or(0, |b| b.row_of(index - b.entries.start))
    }

    /// The most specific entry the reading position is in: a role's or a
    /// section's before a product's, whose span is wide. Precisely: the last
    /// role holding `paragraph`, else the last section, else the first
    /// entry of any group.
    pub fn current(&self, paragraph: usize, annotations: &Annotations) -> Option<usize> {
        let last_in = |group| {
            self.block(group)
                .and_then(|b| self.last_holding(b, paragraph, annotations))
        };
        last_in(Group::Roles)
            .or_else(|| last_in(Group::Sections))
            .or_else(|| {
                // No role or section holds it (the last would have been found).
                self.blocks
                    .iter()
                    .filter(|b| !matches!(b.group, Group::Roles | Group::Sections))
                    .find_map(|b| self.first_holding(b, paragraph, annotations))
            })
    }

    /// The last entry of a group that holds `paragraph`.
    fn last_holding(&self, block: &Block, paragraph: usize, a: &Annotations) -> Option<usize> {
        let span = |k| self.span(block, k, a);
        let holds = |k: &usize| span(*k).contains(&paragraph);
        let n = block.entries.len();
        let local = if block.ordered {
            // Of the entries starting at or before it, the last ends furthest.
            partition(n, |k| span(k).start <= paragraph)
                .checked_sub(1)
                .filter(holds)
        } else if block.group == Group::Sections && block.sorted {
            // Back from the last section starting at or before it, up to
            // the first heading: an earlier one ends at or before that
            // heading, as does an outline entry before it. Outline entries
            // (the only ones passed over) are those of a short article.
            let after = partition(n, |k| span(k).start <= paragraph);
            let heading = |k: usize| {
                a.sections
                    .get(k)
                    .is_some_and(|s| s.kind != SectionKind::Paragraph)
            };
            (0..after)
                .rev()
                .find(|&k| holds(&k) || heading(k))
                .filter(holds)
        } else {
            (0..n).rev().find(holds)
        };
        local.map(|k| block.entries.start + k)
    }

    /// The first entry of a group that holds `paragraph`.
    fn first_holding(&self, block: &Block, paragraph: usize, a: &Annotations) -> Option<usize> {
        let span = |k| self.span(block, k, a);
        let holds = |k: &usize| span(*k).contains(&paragraph);
        let n = block.entries.len();
        let local = if block.ordered {
            // The first that ends after it, if it starts early enough.
            Some(partition(n, |k| span(k).end <= paragraph)).filter(|k| *k < n && holds(k))
        } else {
            // Products (few, and wide) or an unsorted group.
            (0..n).find(holds)
        };
        local.map(|k| block.entries.start + k)
    }

    /// The first entry of a group.
    pub fn first_of(&self, group: Group) -> Option<usize> {
        self.block(group).map(|b| b.entries.start)
    }
}

/// Where each section ends: a heading runs to the next heading (one pass
/// from the end, so a document with 50 000 headings is not quadratic); an
/// outline entry is one paragraph.
fn section_ends(annotations: &Annotations, paragraphs: usize) -> Vec<u32> {
    let sections = &annotations.sections;
    let mut ends = vec![0; sections.len()];
    let mut next_heading = None;
    let mut next_section = None;
    for (i, section) in sections.iter().enumerate().rev() {
        let end = match section.kind {
            SectionKind::Paragraph => section.paragraph + 1,
            // Without a later heading, up to the next outline entry.
            _ => next_heading.or(next_section).unwrap_or(paragraphs),
        };
        ends[i] = small(end.max(section.paragraph + 1));
        if section.kind != SectionKind::Paragraph {
            next_heading = Some(section.paragraph);
        }
        next_section = Some(section.paragraph);
    }
    ends
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
        Source::Product(i) => annotations.products.get(*i).map(product_label),
        Source::Section(i) => annotations
            .sections
            .get(*i)
            .map(|s| s.title(doc).into_owned()),
        Source::Date(i) => annotations
            .dates
            .get(*i)
            .map(|d| format!("{} ({})", d.text(doc), d.date)),
        Source::Bookmark(i) => bookmarks.bookmarks.get(*i).map(|bookmark| {
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

/// A product's row: `Name (owner) 2009–2013 · shut down`, with what the
/// text or the lexicon gives.
fn product_label(product: &crate::detect::Product) -> String {
    let mut label = product.name.clone();
    if let Some(owner) = &product.owner {
        label.push_str(&format!(" ({owner})"));
    }
    let start = product.start.map(|d| d.year()).or(product.launched);
    let end = product.end.map(|d| d.year());
    match (start, end) {
        (Some(s), Some(e)) if s != e => label.push_str(&format!(" {s}–{e}")),
        (Some(y), _) | (None, Some(y)) => label.push_str(&format!(" {y}")),
        (None, None) => {}
    }
    if let Some(status) = &product.status {
        label.push_str(&format!(" · {status}"));
    }
    label
}

#[cfg(test)]
mod tests {
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
        let doc = crate::load::load_bytes(include_bytes!("../assets/article.txt")).expect("loads");
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
            let mut ends = vec![paragraphs; sections.len()];
            let mut next_heading = None;
            let mut next_section = None;
            for (i, section) in sections.iter().enumerate().rev() {
                let end = match section.kind {
                    SectionKind::Paragraph => section.paragraph + 1,
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

        fn last_holding(
            &self,
            group: &(Group, Range<usize>, bool),
            paragraph: usize,
        ) -> Option<usize> {
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
}
