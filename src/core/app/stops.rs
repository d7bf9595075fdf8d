//! Where the reader's steps stop: an entry's mentions (`.`/`,`) and the
//! paragraphs `]`/`[` go to.

use crate::detect::Annotations;
use crate::document::Position;

/// An entry's mentions, in text order, borrowed: a role's or product's
/// list, or the one place a section, date or bookmark is.
#[derive(Debug, Clone, Copy)]
pub(super) enum Mentions<'a> {
    List(&'a [crate::detect::Mention]),
    One(Position),
}

impl Mentions<'_> {
    pub(super) fn len(&self) -> usize {
        match self {
            Mentions::List(list) => list.len(),
            Mentions::One(_) => 1,
        }
    }

    pub(super) fn at(m: &crate::detect::Mention) -> Position {
        Position::new(m.paragraph(), m.range().start)
    }

    /// Mention `index`; the last one past the end.
    pub(super) fn get(&self, index: usize) -> Position {
        match self {
            Mentions::List(list) => list
                .get(index)
                .or(list.last())
                .map_or_else(Position::default, Self::at),
            Mentions::One(position) => *position,
        }
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = Position> + '_ {
        let (list, one) = match self {
            Mentions::List(list) => (*list, None),
            Mentions::One(position) => (&[][..], Some(*position)),
        };
        list.iter().map(Self::at).chain(one)
    }

    /// The number of mentions for which `before` holds, it holding for a
    /// first run of them (a binary search).
    pub(super) fn partition_point(&self, before: impl Fn(Position) -> bool) -> usize {
        match self {
            Mentions::List(list) => list.partition_point(|m| before(Self::at(m))),
            Mentions::One(position) => usize::from(before(*position)),
        }
    }
}

/// The paragraphs `]` and `[` stop at: headings and role headings; with at
/// most one of those, every annotated paragraph. Headings are found by
/// binary search in the annotations' sections and roles (a 100 MB article
/// has 110 000 of them: no copy); annotated paragraphs are gathered once per
/// detection result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum SectionStops {
    Headings,
    /// Annotated paragraphs, ascending: those past the end of the text
    /// shown (annotations of the other view, while detection catches up)
    /// are not stops.
    Annotated(Vec<u32>),
}

impl SectionStops {
    pub(super) fn new(annotations: &Annotations) -> Self {
        let mut first = None;
        let headings = Self::headings(annotations).any(|p| *first.get_or_insert(p) != p);
        if headings {
            return SectionStops::Headings;
        }
        // A marked paragraph holds a mention, and mentions have 32-bit positions.
        SectionStops::Annotated(
            annotations
                .marked_paragraphs()
                .filter_map(|p| u32::try_from(p).ok())
                .collect(),
        )
    }

    /// Heading and role heading paragraphs, not in order.
    pub(super) fn headings(annotations: &Annotations) -> impl Iterator<Item = usize> + '_ {
        annotations
            .sections
            .iter()
            .filter(|s| s.kind != crate::detect::SectionKind::Paragraph)
            .map(|s| s.paragraph)
            .chain(annotations.roles.iter().map(|r| r.heading_paragraph()))
    }

    /// The first stop after `here` (`n` > 0) or the last before it, among
    /// the `len` paragraphs shown.
    pub(super) fn step(
        &self,
        annotations: &Annotations,
        here: usize,
        n: isize,
        len: usize,
    ) -> Option<usize> {
        match self {
            SectionStops::Annotated(stops) => {
                if n > 0 {
                    stops
                        .get(stops.partition_point(|&p| p as usize <= here))
                        .map(|&p| p as usize)
                        .filter(|&p| p < len)
                } else {
                    let before = stops
                        .partition_point(|&p| (p as usize) < here)
                        .checked_sub(1)?;
                    stops.get(before).map(|&p| p as usize)
                }
            }
            // Sections are in paragraph order, roles in heading order;
            // paragraph sections (an outline of at most 200) are skipped.
            SectionStops::Headings => {
                let heading =
                    |s: &&crate::detect::Section| s.kind != crate::detect::SectionKind::Paragraph;
                let sections = &annotations.sections;
                let roles = &annotations.roles;
                if n > 0 {
                    let from = sections.partition_point(|s| s.paragraph <= here);
                    let section = sections.get(from..)?.iter().find(heading);
                    let role = roles.get(roles.partition_point(|r| r.heading_paragraph() <= here));
                    let section = section.map(|s| s.paragraph);
                    let role = role.map(|r| r.heading_paragraph());
                    section.into_iter().chain(role).min()
                } else {
                    let to = sections.partition_point(|s| s.paragraph < here);
                    let section = sections.get(..to)?.iter().rev().find(heading);
                    let before = roles.partition_point(|r| r.heading_paragraph() < here);
                    let role = before.checked_sub(1).and_then(|i| roles.get(i));
                    let section = section.map(|s| s.paragraph);
                    let role = role.map(|r| r.heading_paragraph());
                    section.into_iter().chain(role).max()
                }
            }
        }
    }
}
