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
    Highlights,
}

impl Group {
    pub fn title(self) -> &'static str {
        match self {
            Group::Roles => "Roles",
            Group::Products => "Product history",
            Group::Sections => "Sections",
            Group::Dates => "Dates",
            Group::Bookmarks => "Bookmarks",
            Group::Highlights => "Highlights",
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
    /// A highlight, by index into the article state's highlights.
    Highlight(usize),
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

    /// The highlight this entry shows (its index in the article state).
    pub fn highlight(&self) -> Option<usize> {
        match self.source {
            Source::Highlight(i) => Some(i),
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
    /// Where each highlight starts in the view shown.
    highlights: Vec<Position>,
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
        Self::build_with(annotations, bookmarks, &[], paragraphs)
    }

    /// As [`Panel::build`], with the highlights (where each starts in the
    /// view shown, in the article state's order) after the bookmarks.
    pub fn build_with(
        annotations: &Annotations,
        bookmarks: &[Position],
        highlights: &[Position],
        paragraphs: usize,
    ) -> Self {
        // A timeline: by start year where the text or the lexicon gives
        // one, then (a stable sort) in the order the text names them.
        let mut products: Vec<u32> = (annotations.products.iter().enumerate())
            .filter(|(_, p)| !p.mentions.is_empty())
            .map(|(i, _)| small(i))
            .collect();
        let start_year = |i: &u32| {
            let p = annotations.products.get(*i as usize);
            p.and_then(|p| p.start.map(|d| d.year()).or(p.launched))
                .unwrap_or(u16::MAX)
        };
        products.sort_by_key(start_year);
        let product_details: Vec<u32> = (products.iter().enumerate())
            .filter(|(_, i)| {
                annotations
                    .products
                    .get(**i as usize)
                    .is_some_and(|p| p.outcome.is_some() || p.fate.is_some())
            })
            .map(|(k, _)| small(k))
            .collect();
        let mut panel = Panel {
            bookmarks: bookmarks.to_vec(),
            highlights: highlights.to_vec(),
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
            (Group::Highlights, highlights.len(), none()),
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
            Group::Highlights => self.highlights.get(k).map(|&position| {
                let p = position.paragraph;
                entry(p..p + 1, position, Source::Highlight(k))
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
        Source::Highlight(i) => bookmarks.highlights.get(*i).map(highlight_label),
    }
    .unwrap_or_default()
}

/// A highlight's line: its colour, its note if any, its quote.
fn highlight_label(h: &crate::highlights::Highlight) -> String {
    let quote = h.quote.replace('\n', " ");
    let gone = if h.orphaned { "(text gone) " } else { "" };
    match &h.note {
        Some(note) => format!("{gone}[{}] {note} — {quote}", h.colour.name()),
        None => format!("{gone}[{}] {quote}", h.colour.name()),
    }
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
                (Some(outcome), _) => {
                    // From the product's own cue, else the first fate cue.
                    let shown = cue_clause(outcome, product.status.as_slice())
                        .or_else(|| cue_clause(outcome, fate_cues))
                        .unwrap_or(outcome);
                    Some(format!("→ {}", shorten(shown)))
                }
                (None, Some(fate)) => Some(format!("→ {}", shorten(fate))),
                (None, None) => None,
            }
        }),
        _ => None,
    }
}

/// The outcome from the clause of its first cue of `cues`: "…because Ali
/// Wangwang is too closed…" rather than the sentence's start; `None` when
/// it holds none.
fn cue_clause<'a>(outcome: &'a str, cues: &[String]) -> Option<&'a str> {
    let lower = outcome.to_lowercase();
    let at = cues
        .iter()
        .filter_map(|cue| lower.find(&cue.to_lowercase()))
        .min()
        .filter(|&at| lower.len() == outcome.len() && outcome.is_char_boundary(at))?;
    // After the separator, whose width in bytes varies (',' is 1, '，' is 3).
    let clause = outcome[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ',' | ';' | '，' | '；'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    Some(outcome[clause..].trim_start())
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
        (Some(y), _) => label.push_str(&format!(" {y}")),
        // Only its end is known: "–2019", not a start.
        (None, Some(e)) => label.push_str(&format!(" –{e}")),
        (None, None) => {}
    }
    if let Some(status) = &product.status {
        label.push_str(&format!(" · {status}"));
    }
    label
}

#[cfg(test)]
mod tests;
