//! Highlights: the role, product and date mentions of a paragraph, sorted
//! and without overlaps, looked up in the annotations' own lists when a
//! paragraph is drawn. A second, global copy of every mention (16 bytes
//! each) was 14 MB of a 100 MB article's 870 000 mentions; what is kept
//! here is near nothing for an article like that:
//!
//! - role mentions are found through [`Annotations::role_at`], plus a list
//!   of those outside their role's own section (none in the bundled
//!   article, nor in it repeated: a mention goes to the last same-name role
//!   whose heading is at or before it);
//! - products are few: each one's mentions are binary-searched;
//! - dates are binary-searched;
//! - a paragraph with more than [`DENSE`] candidates (a 10 MB line) keeps
//!   its gutter marks and a point to resume from every [`DENSE`]
//!   candidates, so a frame resolves the rows it shows, not the paragraph.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::Range;

use super::{Annotations, DateMention, Highlight, HighlightKind, Marks, Mention};

/// Candidates a paragraph holds before it keeps resume points; also the
/// spacing of those points, so resolving any part of it costs about this
/// many candidates more than the part holds.
const DENSE: usize = 128;

/// What finds a paragraph's highlights in the annotations' lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct HighlightIndex {
    /// Role mentions that [`Annotations::role_at`] does not lead to, one
    /// per paragraph and role, by paragraph.
    strays: Vec<Stray>,
    /// Paragraphs with more than [`DENSE`] candidates, by paragraph.
    dense: Vec<Dense>,
    /// Roles are in section order, so `role_at` can be asked; else every
    /// role mention is a stray.
    by_section: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Stray {
    paragraph: u32,
    role: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Dense {
    paragraph: u32,
    marks: Marks,
    /// By start.
    resume: Vec<Resume>,
}

/// Where resolving a dense paragraph can start: the last highlight kept
/// before the first candidate starting at `start`, which is all the overlap
/// check needs (and may reach past `start`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Resume {
    start: u32,
    kept: Option<Highlight>,
}

/// A paragraph's gutter marks and the highlights that overlap a byte range.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParagraphHighlights {
    pub marks: Marks,
    /// Sorted, not overlapping.
    pub highlights: Vec<Highlight>,
}

/// The order highlights are resolved in: by start, the longest first at
/// equal starts (the outer phrase wins an overlap), and at equal places the
/// first kind (role, product, date).
fn order(a: &Highlight, b: &Highlight) -> std::cmp::Ordering {
    (a.paragraph, a.start)
        .cmp(&(b.paragraph, b.start))
        .then(b.end.cmp(&a.end))
        .then(a.kind.cmp(&b.kind))
}

/// Sorts one paragraph's candidates and keeps those that do not overlap an
/// earlier kept one; `end` is where the last one kept before them ends.
fn resolve(candidates: &mut Vec<Highlight>, mut end: u32) {
    candidates.sort_unstable_by(order);
    candidates.retain(|h| {
        let keep = end <= h.start && h.start < h.end;
        if keep {
            end = h.end;
        }
        keep
    });
}

fn marks_of(highlights: &[Highlight]) -> Marks {
    let mut marks = Marks::default();
    for h in highlights {
        match h.kind {
            HighlightKind::Role => marks.role = true,
            HighlightKind::Product => marks.product = true,
            HighlightKind::Date => marks.date = true,
        }
    }
    marks
}

/// Where the last lookup found each list's items: the next lookup, of a
/// paragraph after it, searches onwards from there (a frame draws its
/// paragraphs in order), not the whole list again.
#[derive(Debug, Clone, Default)]
struct Hints {
    roles: Option<usize>,
    strays: Option<usize>,
    dense: Option<usize>,
    /// Parallel to the products.
    products: Vec<Option<usize>>,
    dates: Option<usize>,
}

/// The number of leading items of `list` for which `before` holds (it
/// holding for a first run of them): a binary search, or from a hint a
/// galloping one, a few steps when the answer is near it. Leaves the
/// answer as the next hint.
fn search<T>(list: &[T], hint: &mut Option<usize>, before: impl Fn(&T) -> bool) -> usize {
    let found = match *hint {
        None => list.partition_point(&before),
        Some(at) => {
            let at = at.min(list.len());
            if at > 0 && list.get(at - 1).is_some_and(|item| !before(item)) {
                list.get(..at).unwrap_or(&[]).partition_point(&before)
            } else {
                at + gallop(list.get(at..).unwrap_or(&[]), &before)
            }
        }
    };
    *hint = Some(found);
    found
}

/// `partition_point` for an answer likely near the start: the bound
/// doubles until `before` fails, then a binary search below it.
fn gallop<T>(list: &[T], before: impl Fn(&T) -> bool) -> usize {
    let mut bound = 1;
    while bound <= list.len() && list.get(bound - 1).is_some_and(&before) {
        bound *= 2;
    }
    let known = bound / 2;
    known
        + list
            .get(known..bound.min(list.len()))
            .unwrap_or(&[])
            .partition_point(before)
}

/// The items of a text-ordered list in `paragraph` that start in `starts`
/// (a paragraph holds few of a list's items: the end is galloped to).
fn in_paragraph<'l, T>(
    list: &'l [T],
    key: impl Fn(&T) -> (usize, usize),
    paragraph: usize,
    starts: &Range<usize>,
    hint: &mut Option<usize>,
) -> &'l [T] {
    let from = search(list, hint, |item| key(item) < (paragraph, starts.start));
    let rest = list.get(from..).unwrap_or(&[]);
    let len = gallop(rest, |item| key(item) < (paragraph, starts.end));
    rest.get(..len).unwrap_or(&[])
}

/// The mentions of a text-ordered list in `paragraph` that start in `starts`.
fn mentions_in<'m>(
    list: &'m [Mention],
    paragraph: u32,
    starts: &Range<usize>,
    hint: &mut Option<usize>,
) -> &'m [Mention] {
    let key = |m: &Mention| (m.paragraph as usize, m.start as usize);
    in_paragraph(list, key, paragraph as usize, starts, hint)
}

/// A date as a highlight; `None` past 32-bit positions, as for mentions.
fn date_highlight(d: &DateMention) -> Option<Highlight> {
    Some(Highlight {
        paragraph: u32::try_from(d.paragraph).ok()?,
        start: u32::try_from(d.range.start).ok()?,
        end: u32::try_from(d.range.end).ok()?,
        kind: HighlightKind::Date,
    })
}

fn is_empty(m: &Mention) -> bool {
    m.start >= m.end
}

/// Sorts a list into text order if it is not (detection makes them in text
/// order; the lookups need it).
fn into_text_order<T>(list: &mut [T], key: impl Fn(&T) -> (usize, usize)) {
    if !list.windows(2).all(|w| key(&w[0]) <= key(&w[1])) {
        list.sort_by_key(key);
    }
}

impl Annotations {
    /// Builds the index the highlight lookups use.
    pub(super) fn index_highlights(&mut self) {
        // Nothing to find: as if not indexed (so an empty document's
        // annotations are the default).
        if self.roles.is_empty() && self.products.is_empty() && self.dates.is_empty() {
            return;
        }
        let mention_key = |m: &Mention| (m.paragraph(), m.start as usize);
        for role in &mut self.roles {
            into_text_order(&mut role.mentions, mention_key);
        }
        for product in &mut self.products {
            into_text_order(&mut product.mentions, mention_key);
        }
        into_text_order(&mut self.dates, |d| (d.paragraph, d.range.start));
        let by_section = self
            .roles
            .windows(2)
            .all(|w| w[0].paragraphs().start <= w[1].paragraphs().start);
        let mut strays = Vec::new();
        for (i, role) in self.roles.iter().enumerate() {
            let mut last = None;
            for m in role.mentions.iter().filter(|m| !is_empty(m)) {
                let found = by_section && self.owns(i, m.paragraph());
                if !found && last.replace(m.paragraph) != Some(m.paragraph) {
                    strays.extend(u32::try_from(i).ok().map(|role| Stray {
                        paragraph: m.paragraph,
                        role,
                    }));
                }
            }
        }
        strays.sort_unstable();
        strays.shrink_to_fit();
        self.highlights = Some(HighlightIndex {
            strays,
            dense: Vec::new(),
            by_section,
        });
        let mut dense = Vec::new();
        let mut run: Option<(u32, usize)> = None;
        let mut dense_paragraphs = Vec::new();
        for paragraph in self.candidate_paragraphs() {
            match &mut run {
                Some((p, count)) if *p == paragraph => *count += 1,
                _ => run = Some((paragraph, 1)),
            }
            if run == Some((paragraph, DENSE + 1)) {
                dense_paragraphs.push(paragraph);
            }
        }
        let mut highlighter = self.highlighter();
        for paragraph in dense_paragraphs {
            let mut all = Vec::new();
            highlighter.candidates(paragraph, &(0..usize::MAX), &mut all);
            all.sort_unstable_by(order);
            let mut resume = Vec::new();
            let mut kept: Option<Highlight> = None;
            let mut next = DENSE;
            for (i, h) in all.iter().enumerate() {
                // At a new start only: resuming takes every candidate from there.
                if i >= next && all.get(i - 1).is_some_and(|prev| prev.start < h.start) {
                    resume.push(Resume {
                        start: h.start,
                        kept,
                    });
                    next = i + DENSE;
                }
                if kept.is_none_or(|k| k.end <= h.start) {
                    kept = Some(*h);
                }
            }
            resolve(&mut all, 0);
            dense.push(Dense {
                paragraph,
                marks: marks_of(&all),
                resume,
            });
        }
        if let Some(index) = &mut self.highlights {
            index.dense = dense;
        }
    }

    /// Whether `role_at(paragraph)` is role `i`, with roles in section order.
    fn owns(&self, i: usize, paragraph: usize) -> bool {
        self.roles
            .get(i)
            .is_some_and(|r| r.paragraphs().contains(&paragraph))
            && self
                .roles
                .get(i + 1)
                .is_none_or(|next| next.paragraphs().start > paragraph)
    }

    /// Lookups of paragraphs' highlights, quickest in ascending order.
    pub fn highlighter(&self) -> Highlighter<'_> {
        Highlighter {
            annotations: self,
            hints: Hints {
                products: vec![None; self.products.len()],
                ..Hints::default()
            },
        }
    }

    /// [`Highlighter::highlights_in`] without keeping a highlighter: for
    /// tests (drawing and printing keep one across paragraphs).
    #[cfg(test)]
    pub fn highlights_in(&self, paragraph: usize) -> Vec<Highlight> {
        self.highlighter().highlights_in(paragraph)
    }

    /// [`Highlighter::marks`], for tests.
    #[cfg(test)]
    pub fn marks(&self, paragraph: usize) -> Marks {
        self.highlighter().marks(paragraph)
    }

    /// [`Highlighter::paragraph_highlights`], for tests.
    #[cfg(test)]
    pub fn paragraph_highlights(
        &self,
        paragraph: usize,
        bytes: Range<usize>,
    ) -> ParagraphHighlights {
        self.highlighter().paragraph_highlights(paragraph, bytes)
    }

    /// The paragraphs that carry a highlight (those whose marks are
    /// `any`), ascending, each once.
    pub fn marked_paragraphs(&self) -> impl Iterator<Item = usize> + '_ {
        let mut last = None;
        self.candidate_paragraphs()
            .filter_map(move |p| (last.replace(p) != Some(p)).then_some(p as usize))
    }

    /// The paragraph of every candidate highlight, ascending (a paragraph
    /// once per candidate): the annotations' lists merged, each in text
    /// order. A paragraph's first candidate is always kept, so those with
    /// any are those with a highlight.
    fn candidate_paragraphs(&self) -> impl Iterator<Item = u32> + '_ {
        let mut streams: Vec<Box<dyn Iterator<Item = u32> + '_>> = Vec::new();
        if let Some(index) = &self.highlights {
            if index.by_section {
                streams.push(Box::new(self.roles.iter().enumerate().flat_map(
                    move |(i, r)| {
                        r.mentions
                            .iter()
                            .filter(move |m| !is_empty(m) && self.owns(i, m.paragraph()))
                            .map(|m| m.paragraph)
                    },
                )));
            }
            streams.push(Box::new(index.strays.iter().flat_map(move |s| {
                let mentions = self.roles.get(s.role as usize).map_or(&[][..], |r| {
                    mentions_in(&r.mentions, s.paragraph, &(0..usize::MAX), &mut None)
                });
                mentions
                    .iter()
                    .filter(|m| !is_empty(m))
                    .map(|m| m.paragraph)
            })));
            for product in &self.products {
                streams.push(Box::new(
                    product
                        .mentions
                        .iter()
                        .filter(|m| !is_empty(m))
                        .map(|m| m.paragraph),
                ));
            }
            streams.push(Box::new(
                self.dates
                    .iter()
                    .filter_map(date_highlight)
                    .filter(|h| h.start < h.end)
                    .map(|h| h.paragraph),
            ));
        }
        Merge::new(streams)
    }
}

/// Looks up paragraphs' highlights in the annotations' lists; asked in
/// ascending order (as a frame draws or a printout goes), each list is
/// searched onwards from the last paragraph's items.
pub struct Highlighter<'a> {
    annotations: &'a Annotations,
    hints: Hints,
}

impl<'a> Highlighter<'a> {
    /// Appends every non-empty mention and date of `paragraph` that starts
    /// in `starts`, unsorted.
    fn candidates(&mut self, paragraph: u32, starts: &Range<usize>, out: &mut Vec<Highlight>) {
        let a = self.annotations;
        let Some(index) = &a.highlights else {
            return;
        };
        let hints = &mut self.hints;
        let mut push = |list: &[Mention], kind: HighlightKind, hint: &mut Option<usize>| {
            out.extend(
                mentions_in(list, paragraph, starts, hint)
                    .iter()
                    .filter(|m| !is_empty(m))
                    .map(|m| Highlight::of(m, kind)),
            );
        };
        if index.by_section {
            // `role_at`, searched onwards.
            let p = paragraph as usize;
            let i = search(&a.roles, &mut hints.roles, |r| r.paragraphs().start <= p);
            if let Some(role) = i
                .checked_sub(1)
                .and_then(|i| a.roles.get(i))
                .filter(|r| r.paragraphs().contains(&p))
            {
                push(&role.mentions, HighlightKind::Role, &mut None);
            }
        }
        let from = search(&index.strays, &mut hints.strays, |s| {
            s.paragraph < paragraph
        });
        for stray in index.strays.get(from..).unwrap_or(&[]) {
            if stray.paragraph != paragraph {
                break;
            }
            if let Some(role) = a.roles.get(stray.role as usize) {
                push(&role.mentions, HighlightKind::Role, &mut None);
            }
        }
        for (product, hint) in a.products.iter().zip(&mut hints.products) {
            push(&product.mentions, HighlightKind::Product, hint);
        }
        let key = |d: &DateMention| (d.paragraph, d.range.start);
        let dates = in_paragraph(&a.dates, key, paragraph as usize, starts, &mut hints.dates);
        out.extend(
            dates
                .iter()
                .filter_map(date_highlight)
                .filter(|h| h.start < h.end),
        );
    }

    fn dense(&mut self, paragraph: u32) -> Option<&'a Dense> {
        let annotations: &'a Annotations = self.annotations;
        let dense = &annotations.highlights.as_ref()?.dense;
        let i = search(dense, &mut self.hints.dense, |d| d.paragraph < paragraph);
        dense.get(i).filter(|d| d.paragraph == paragraph)
    }

    /// The highlights of one paragraph, sorted and not overlapping: its
    /// role mentions, product mentions and dates, the longest first at equal
    /// starts, the earlier kind (role, product, date) at equal places, and
    /// those overlapping a kept one dropped. None without the index.
    pub fn highlights_in(&mut self, paragraph: usize) -> Vec<Highlight> {
        let mut all = Vec::new();
        if let Ok(paragraph) = u32::try_from(paragraph) {
            self.candidates(paragraph, &(0..usize::MAX), &mut all);
            resolve(&mut all, 0);
        }
        all
    }

    /// What the paragraph carries, for the gutter.
    pub fn marks(&mut self, paragraph: usize) -> Marks {
        let Ok(small) = u32::try_from(paragraph) else {
            return Marks::default();
        };
        match self.dense(small) {
            Some(dense) => dense.marks,
            None => marks_of(&self.highlights_in(paragraph)),
        }
    }

    /// The paragraph's marks and those of its highlights that overlap
    /// `bytes`, for drawing part of it: a paragraph with thousands of
    /// highlights is resolved from the resume point before `bytes`, not
    /// from its start.
    pub fn paragraph_highlights(
        &mut self,
        paragraph: usize,
        bytes: Range<usize>,
    ) -> ParagraphHighlights {
        let Ok(small) = u32::try_from(paragraph) else {
            return ParagraphHighlights::default();
        };
        let overlaps =
            |h: &Highlight| (h.end as usize) > bytes.start && (h.start as usize) < bytes.end;
        let Some(dense) = self.dense(small) else {
            let mut highlights = self.highlights_in(paragraph);
            let marks = marks_of(&highlights);
            highlights.retain(overlaps);
            return ParagraphHighlights { marks, highlights };
        };
        let at = dense
            .resume
            .partition_point(|r| r.start as usize <= bytes.start)
            .checked_sub(1)
            .and_then(|i| dense.resume.get(i))
            .copied()
            .unwrap_or(Resume {
                start: 0,
                kept: None,
            });
        let mut highlights = Vec::new();
        self.candidates(small, &(at.start as usize..bytes.end), &mut highlights);
        resolve(&mut highlights, at.kept.map_or(0, |k| k.end));
        // The one kept before the resume point may reach into `bytes`.
        highlights.splice(0..0, at.kept);
        highlights.retain(overlaps);
        ParagraphHighlights {
            marks: dense.marks,
            highlights,
        }
    }
}

/// Ascending streams merged into one ascending stream.
struct Merge<'a> {
    streams: Vec<Box<dyn Iterator<Item = u32> + 'a>>,
    heads: BinaryHeap<Reverse<(u32, usize)>>,
}

impl<'a> Merge<'a> {
    fn new(mut streams: Vec<Box<dyn Iterator<Item = u32> + 'a>>) -> Self {
        let heads = streams
            .iter_mut()
            .enumerate()
            .filter_map(|(i, s)| Some(Reverse((s.next()?, i))))
            .collect();
        Merge { streams, heads }
    }
}

impl Iterator for Merge<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let Reverse((value, i)) = self.heads.pop()?;
        if let Some(next) = self.streams.get_mut(i).and_then(Iterator::next) {
            self.heads.push(Reverse((next, i)));
        }
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use proptest::prelude::*;

    use super::super::{IsoDate, Product, Role, detect, detect_with, detect_without_highlights};
    use super::*;
    use crate::document::Document;

    const ARTICLE: &str = include_str!("../../assets/article.txt");

    /// The global index this module replaced, as it was built: every
    /// mention and date, sorted, overlaps dropped.
    fn reference(a: &Annotations) -> Vec<Highlight> {
        let mut all = Vec::new();
        for r in &a.roles {
            all.extend(
                r.mentions
                    .iter()
                    .map(|m| Highlight::of(m, HighlightKind::Role)),
            );
        }
        for p in &a.products {
            all.extend(
                p.mentions
                    .iter()
                    .map(|m| Highlight::of(m, HighlightKind::Product)),
            );
        }
        all.extend(a.dates.iter().filter_map(|d| {
            Some(Highlight {
                paragraph: u32::try_from(d.paragraph).ok()?,
                start: u32::try_from(d.range.start).ok()?,
                end: u32::try_from(d.range.end).ok()?,
                kind: HighlightKind::Date,
            })
        }));
        all.sort_unstable_by(|a, b| {
            (a.paragraph, a.start)
                .cmp(&(b.paragraph, b.start))
                .then(b.end.cmp(&a.end))
                .then(a.kind.cmp(&b.kind))
        });
        let mut last: Option<Highlight> = None;
        all.retain(|h| {
            let overlaps = last.is_some_and(|l| l.paragraph == h.paragraph && l.end > h.start);
            let keep = !overlaps && h.start < h.end;
            if keep {
                last = Some(*h);
            }
            keep
        });
        all
    }

    fn reference_in(all: &[Highlight], paragraph: usize) -> &[Highlight] {
        let from = all.partition_point(|h| (h.paragraph as usize) < paragraph);
        let len = all[from..].partition_point(|h| h.paragraph as usize == paragraph);
        &all[from..from + len]
    }

    /// Windows of a paragraph to narrow to: empty, whole, and stretches
    /// around the edges of its highlights.
    fn windows(hs: &[Highlight]) -> Vec<Range<usize>> {
        let mut points: Vec<usize> = hs
            .iter()
            .flat_map(|h| [h.start as usize, h.end as usize])
            .collect();
        points.sort_unstable();
        points.dedup();
        let step = (points.len() / 40).max(1);
        let mut windows = vec![0..0, 0..usize::MAX, 0..1];
        for &at in points.iter().step_by(step) {
            for width in [0, 1, 5, 60, 400, 5000] {
                windows.push(at..at + width);
                windows.push(at.saturating_sub(width)..at);
                windows.push(at + 1..at + 1 + width);
            }
        }
        windows
    }

    /// The lookups give what the global index gave, for every paragraph
    /// and a few past the last: one at a time, and by highlighters going
    /// onwards, backwards and back and forth.
    fn same_as_reference(a: &Annotations) {
        let all = reference(a);
        let last = all.last().map_or(0, |h| h.paragraph as usize);
        let mut onwards = a.highlighter();
        let mut backwards = a.highlighter();
        let mut to_and_fro = a.highlighter();
        let paragraphs = 0..last + 3;
        for (paragraph, back) in paragraphs.clone().zip(paragraphs.rev()) {
            let want = reference_in(&all, paragraph);
            let marks = marks_of(want);
            assert_eq!(a.highlights_in(paragraph), want, "¶{paragraph}");
            assert_eq!(a.marks(paragraph), marks, "¶{paragraph}");
            assert_eq!(onwards.marks(paragraph), marks, "¶{paragraph}");
            assert_eq!(onwards.highlights_in(paragraph), want, "¶{paragraph}");
            assert_eq!(
                backwards.highlights_in(back),
                reference_in(&all, back),
                "¶{back}"
            );
            let jump = (paragraph * 7919) % (last + 3);
            assert_eq!(
                to_and_fro.highlights_in(jump),
                reference_in(&all, jump),
                "¶{jump}"
            );
            for bytes in windows(want) {
                let narrowed: Vec<Highlight> = want
                    .iter()
                    .filter(|h| h.end as usize > bytes.start && (h.start as usize) < bytes.end)
                    .copied()
                    .collect();
                let want = ParagraphHighlights {
                    marks,
                    highlights: narrowed,
                };
                assert_eq!(
                    a.paragraph_highlights(paragraph, bytes.clone()),
                    want,
                    "¶{paragraph} {bytes:?}"
                );
                assert_eq!(
                    onwards.paragraph_highlights(paragraph, bytes.clone()),
                    want,
                    "¶{paragraph} {bytes:?}"
                );
            }
        }
        let mut marked: Vec<usize> = all.iter().map(|h| h.paragraph as usize).collect();
        marked.dedup();
        assert_eq!(a.marked_paragraphs().collect::<Vec<_>>(), marked);
    }

    /// Detection makes its lists in text order, which the lookups rely on
    /// (the index would sort a list that is not).
    fn in_text_order(a: &Annotations) -> bool {
        let key = |m: &Mention| (m.paragraph, m.start);
        a.roles
            .iter()
            .map(|r| &*r.mentions)
            .chain(a.products.iter().map(|p| p.mentions.as_slice()))
            .all(|ms| ms.windows(2).all(|w| key(&w[0]) <= key(&w[1])))
            && a.dates
                .windows(2)
                .all(|w| (w[0].paragraph, w[0].range.start) <= (w[1].paragraph, w[1].range.start))
    }

    fn check_document(text: &str) {
        let doc = Document::from_text(text);
        let rules = super::super::Rules::bundled();
        let plain = detect_without_highlights(&doc, &rules);
        assert!(in_text_order(&plain));
        assert_eq!(plain.highlights_in(0), vec![]);
        assert_eq!(plain.marked_paragraphs().count(), 0);
        let a = detect_with(&doc, &rules);
        same_as_reference(&a);
        // The index orders nothing detection made.
        let Annotations {
            highlights: _,
            ref sections,
            ref roles,
            ref products,
            ref dates,
        } = a;
        assert_eq!(
            (sections, roles, products, dates),
            (&plain.sections, &plain.roles, &plain.products, &plain.dates)
        );
    }

    #[test]
    fn bundled_and_repeated_articles_highlight_as_the_global_index_did() {
        check_document(ARTICLE);
        check_document(&[ARTICLE, "\n\n"].concat().repeat(40));
        check_document(
            "T\n\nplatform role. Alipay.\n\nThe platform role again, March 9, 2017.\n\n\
             source role. X\n\nplatform role and source role, Ali Wangwang, 2018.",
        );
    }

    /// One long line with thousands of mentions, dates and role mentions
    /// (some stray): narrowed lookups resume mid-paragraph.
    #[test]
    fn a_dense_paragraph_resumes_where_asked() {
        let line = "alpha Alipay role circle 2017 the platform role of Ali Wangwang March 9, 2017 ";
        let text = format!(
            "T\n\nplatform role. Alipay plays it.\n\n{}.\n\nsource role. X\n\n{}",
            line.repeat(300).trim_end(),
            "the platform role and the source role, 2016. ".repeat(200)
        );
        let a = detect(&Document::from_text(&text));
        let index = a.highlights.as_ref().expect("indexed");
        assert!(index.dense.len() >= 2, "{:?}", index.dense.len());
        assert!(index.dense.iter().all(|d| d.resume.len() > 2));
        assert!(!index.strays.is_empty());
        same_as_reference(&a);
    }

    fn mention(p: usize, start: u32, len: u32) -> Mention {
        Mention {
            paragraph: p as u32,
            start,
            end: start + len,
        }
    }

    fn role(heading: usize, len: usize, mentions: Vec<Mention>) -> Role {
        Role::new(
            Arc::from("r"),
            None,
            heading..heading + len,
            0..0,
            mentions.into_boxed_slice(),
        )
        .expect("small positions")
    }

    fn product(mentions: Vec<Mention>) -> Product {
        Product {
            name: "p".into(),
            aliases: Vec::new(),
            owner: None,
            launched: None,
            fate: None,
            outcome: None,
            mentions,
            known: true,
            ..Product::default()
        }
    }

    fn date(p: usize, start: usize, len: usize) -> DateMention {
        DateMention {
            paragraph: p,
            range: start..start + len,
            date: IsoDate::new(2017, 3, 9),
        }
    }

    #[test]
    fn dates_past_32_bit_positions_are_not_highlighted() {
        let big = u32::MAX as usize + 1;
        let mut a = Annotations {
            dates: vec![date(0, 0, 4), date(0, big, 4), date(big, 0, 4)],
            ..Annotations::default()
        };
        a.index_highlights();
        same_as_reference(&a);
        assert_eq!(a.highlights_in(0).len(), 1);
        assert_eq!(a.highlights_in(big), vec![]);
    }

    type Places = Vec<(usize, u32, u32)>;

    fn places(paragraphs: usize, count: usize) -> impl Strategy<Value = Places> {
        proptest::collection::vec((0..paragraphs, 0u32..60, 0u32..14), 0..count)
    }

    fn dense_places() -> impl Strategy<Value = Places> {
        proptest::collection::vec((Just(1usize), 0u32..3000, 1u32..30), 0..400)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Any annotations, in order or not, overlapping, empty, stray or
        /// dense, highlight as the global index did.
        #[test]
        fn any_annotations_highlight_as_the_global_index_did(
            roles in proptest::collection::vec((0usize..8, 1usize..4, places(9, 8)), 0..6),
            roles_in_order in any::<bool>(),
            products in proptest::collection::vec(places(9, 10), 0..4),
            dates in places(9, 10),
            dense in proptest::collection::vec(dense_places(), 3),
            sorted in any::<bool>(),
        ) {
            let list = |places: &Places| -> Vec<Mention> {
                let mut ms: Vec<Mention> = places.iter().map(|&(p, s, l)| mention(p, s, l)).collect();
                if sorted {
                    ms.sort_by_key(|m| (m.paragraph, m.start));
                }
                ms
            };
            let mut roles: Vec<Role> = roles
                .iter()
                .map(|(heading, len, places)| role(*heading, *len, list(places)))
                .collect();
            if roles_in_order {
                roles.sort_by_key(|r| r.heading_paragraph());
            }
            if let Some(first) = roles.first_mut() {
                let mut ms = first.mentions.to_vec();
                ms.extend(list(&dense[0]));
                first.mentions = ms.into_boxed_slice();
            }
            let mut products: Vec<Product> = products.iter().map(|ps| product(list(ps))).collect();
            products.push(product(list(&dense[1])));
            let mut dates: Vec<DateMention> = dates
                .iter()
                .chain(&dense[2])
                .map(|&(p, s, l)| date(p, s as usize, l as usize))
                .collect();
            if sorted {
                dates.sort_by_key(|d| (d.paragraph, d.range.start));
            }
            let mut a = Annotations { roles, products, dates, ..Annotations::default() };
            a.index_highlights();
            same_as_reference(&a);
        }

        #[test]
        fn any_document_highlights_as_the_global_index_did(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("platform role. Alipay".to_owned()),
                    Just("role of the source".to_owned()),
                    Just("the source role".to_owned()),
                    Just("平台角色。支付宝".to_owned()),
                    Just("March 9, 2017".to_owned()),
                    Just("2017年3月9日".to_owned()),
                    Just("Ali’s circle comment function".to_owned()),
                    Just(" the product Wave".to_owned()),
                    Just("Ali Wangwang 2004".to_owned()),
                    Just("\n\n".to_owned()),
                    Just(". ".to_owned()),
                    "[a-zA-Z ]{0,12}",
                ],
                0..40,
            ),
        ) {
            check_document(&parts.concat());
        }
    }
}
