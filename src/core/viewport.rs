//! The visible slice: which rows a pane of a given height shows from a top
//! position, and how the top moves. Work depends on the screen size, never
//! on the document size.

use std::ops::Range;

use crate::document::{Document, Position};
use crate::layout::{WrapCache, line_of};

/// Which paragraphs the pane shows: all, or a filter's sorted subset.
#[derive(Debug, Clone, Copy)]
pub enum Shown<'a> {
    All(usize),
    Only(&'a [usize]),
}

impl Shown<'_> {
    pub fn first(&self) -> Option<usize> {
        match self {
            Shown::All(0) => None,
            Shown::All(_) => Some(0),
            Shown::Only(list) => list.first().copied(),
        }
    }

    pub fn last(&self) -> Option<usize> {
        match self {
            Shown::All(len) => len.checked_sub(1),
            Shown::Only(list) => list.last().copied(),
        }
    }

    pub fn next(&self, paragraph: usize) -> Option<usize> {
        match self {
            Shown::All(len) => (paragraph + 1 < *len).then_some(paragraph + 1),
            Shown::Only(list) => list.get(list.partition_point(|&p| p <= paragraph)).copied(),
        }
    }

    pub fn prev(&self, paragraph: usize) -> Option<usize> {
        match self {
            Shown::All(_) => paragraph.checked_sub(1),
            Shown::Only(list) => list
                .partition_point(|&p| p < paragraph)
                .checked_sub(1)
                .map(|i| list[i]),
        }
    }

    /// The shown paragraph at or after `paragraph`, else the last one.
    pub fn snap(&self, paragraph: usize) -> Option<usize> {
        match self {
            Shown::All(len) => (*len > 0).then(|| paragraph.min(len - 1)),
            Shown::Only(list) => list
                .get(list.partition_point(|&p| p < paragraph))
                .or(list.last())
                .copied(),
        }
    }
}

/// One row of the pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A wrapped line of a paragraph; `first` on its first line.
    Line {
        paragraph: usize,
        range: Range<usize>,
        first: bool,
    },
    /// The blank row between paragraphs.
    Gap,
}

/// Where the last line of `rows` ends: how far a screen reaches into the text.
pub fn last_line_end(rows: &[Row]) -> Option<Position> {
    rows.iter().rev().find_map(|r| match r {
        Row::Line {
            paragraph, range, ..
        } => Some(Position::new(*paragraph, range.end)),
        Row::Gap => None,
    })
}

/// The rows shown from `top`, at most `height` of them.
pub fn rows(
    doc: &Document,
    shown: Shown,
    cache: &WrapCache,
    top: Position,
    height: usize,
) -> Vec<Row> {
    let mut rows = Vec::with_capacity(height);
    let mut next = shown.snap(top.paragraph);
    let mut skip_to = Some(top.byte).filter(|_| next == Some(top.paragraph));
    while let Some(paragraph) = next.filter(|_| rows.len() < height) {
        let lines = cache.lines(paragraph, doc.paragraph(paragraph));
        let from = skip_to.take().map_or(0, |byte| line_of(&lines, byte));
        for (i, range) in lines.iter().enumerate().skip(from) {
            if rows.len() == height {
                return rows;
            }
            rows.push(Row::Line {
                paragraph,
                range: range.clone(),
                first: i == 0,
            });
        }
        next = shown.next(paragraph);
        if rows.len() < height && next.is_some() {
            rows.push(Row::Gap);
        }
    }
    rows
}

/// The start of the line holding `position`.
pub fn line_start(doc: &Document, shown: Shown, cache: &WrapCache, position: Position) -> Position {
    let Some(paragraph) = shown.snap(position.paragraph) else {
        return Position::default();
    };
    let byte = if paragraph == position.paragraph {
        position.byte
    } else {
        0
    };
    let position = doc.clamp(Position::new(paragraph, byte));
    let lines = cache.lines(position.paragraph, doc.paragraph(position.paragraph));
    let line = line_of(&lines, position.byte);
    Position::new(position.paragraph, lines.get(line).map_or(0, |l| l.start))
}

/// Moves `top` by `delta` rows (gaps count as rows, so a page is a page);
/// the result is always the start of a text line.
pub fn scroll(
    doc: &Document,
    shown: Shown,
    cache: &WrapCache,
    top: Position,
    delta: isize,
) -> Position {
    walk(doc, shown, cache, top, delta, false)
}

/// Moves by `delta` rows. With `exact`, stops rather than cross a gap it
/// has no row left for (so a filled pane never ends on a gap).
fn walk(
    doc: &Document,
    shown: Shown,
    cache: &WrapCache,
    top: Position,
    delta: isize,
    exact: bool,
) -> Position {
    if shown.first().is_none() {
        return Position::default();
    }
    let mut top = line_start(doc, shown, cache, top);
    let mut remaining = delta.unsigned_abs();
    while remaining > 0 {
        let lines = cache.lines(top.paragraph, doc.paragraph(top.paragraph));
        let line = line_of(&lines, top.byte);
        if delta > 0 {
            if line + 1 < lines.len() {
                top.byte = lines[line + 1].start;
                remaining -= 1;
            } else if let Some(next) = shown
                .next(top.paragraph)
                .filter(|_| !(exact && remaining < 2))
            {
                top = Position::new(next, 0);
                remaining = remaining.saturating_sub(2); // the gap, then the line
            } else {
                break;
            }
        } else if line > 0 {
            top.byte = lines[line - 1].start;
            remaining -= 1;
        } else if let Some(previous) = shown
            .prev(top.paragraph)
            .filter(|_| !(exact && remaining < 2))
        {
            let lines = cache.lines(previous, doc.paragraph(previous));
            top = Position::new(previous, lines.last().map_or(0, |l| l.start));
            remaining = remaining.saturating_sub(2);
        } else {
            break;
        }
    }
    top
}

/// The lowest top that still fills the pane: the last line sits on the last row.
pub fn max_top(doc: &Document, shown: Shown, cache: &WrapCache, height: usize) -> Position {
    let Some(last) = shown.last() else {
        return Position::default();
    };
    let lines = cache.lines(last, doc.paragraph(last));
    let end = Position::new(last, lines.last().map_or(0, |l| l.start));
    walk(
        doc,
        shown,
        cache,
        end,
        -(height.saturating_sub(1) as isize),
        true,
    )
}

/// Keeps `top` between the start and `max_top`.
pub fn clamp_top(
    doc: &Document,
    shown: Shown,
    cache: &WrapCache,
    top: Position,
    height: usize,
) -> Position {
    let top = line_start(doc, shown, cache, top);
    let max = max_top(doc, shown, cache, height);
    top.min(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(d: &Document) -> Shown<'static> {
        Shown::All(d.len())
    }

    #[test]
    fn a_filter_shows_only_its_paragraphs() {
        let d = crate::load::load_bytes(include_bytes!("../../assets/article.txt")).expect("loads");
        let only = [2, 5, 9];
        let shown = Shown::Only(&only);
        let cache = WrapCache::new(40);
        let seen: Vec<usize> = rows(&d, shown, &cache, Position::default(), 200)
            .into_iter()
            .filter_map(|r| match r {
                Row::Line {
                    paragraph,
                    first: true,
                    ..
                } => Some(paragraph),
                _ => None,
            })
            .collect();
        assert_eq!(seen, vec![2, 5, 9]);
        let mut top = Position::new(2, 0);
        loop {
            let next = scroll(&d, shown, &cache, top, 1);
            if next == top {
                break;
            }
            assert!(only.contains(&next.paragraph));
            top = next;
        }
        assert_eq!(top.paragraph, 9);
        assert_eq!(shown.snap(6), Some(9));
        assert_eq!(shown.snap(10), Some(9));
        assert_eq!(shown.prev(5), Some(2));
    }

    fn doc() -> Document {
        Document::from_text("Title\n\none two three four five six.\n\nseven eight.\n\nNine ten.")
    }

    #[test]
    fn rows_show_lines_and_gaps() {
        let d = doc();
        let cache = WrapCache::new(10);
        let rows = rows(&d, all(&d), &cache, Position::default(), 6);
        assert_eq!(rows.len(), 6);
        assert!(matches!(
            rows[0],
            Row::Line {
                paragraph: 0,
                first: true,
                ..
            }
        ));
        assert_eq!(rows[1], Row::Gap);
        assert!(matches!(
            rows[3],
            Row::Line {
                paragraph: 1,
                first: false,
                ..
            }
        ));
    }

    #[test]
    fn scrolling_down_and_up_returns_home() {
        let d = doc();
        let cache = WrapCache::new(10);
        let mut top = Position::default();
        let mut seen = vec![top];
        for _ in 0..20 {
            top = scroll(&d, all(&d), &cache, top, 1);
            seen.push(top);
        }
        assert_eq!(top.paragraph, 3);
        for _ in 0..20 {
            top = scroll(&d, all(&d), &cache, top, -1);
        }
        assert_eq!(top, Position::default());
        // Every step is a line start.
        for p in seen {
            assert_eq!(line_start(&d, all(&d), &cache, p), p);
        }
    }

    #[test]
    fn max_top_fills_the_pane() {
        let d = doc();
        let cache = WrapCache::new(10);
        for height in 1..15 {
            let top = max_top(&d, all(&d), &cache, height);
            let shown = rows(&d, all(&d), &cache, top, height);
            let last = shown.last().cloned();
            assert!(
                matches!(last, Some(Row::Line { paragraph: 3, .. })),
                "height {height}: {shown:?}"
            );
        }
    }

    #[test]
    fn any_width_and_height_never_overruns() {
        let d = crate::load::load_bytes(include_bytes!("../../assets/article.txt")).expect("loads");
        for width in [1, 2, 7, 40, 200] {
            let cache = WrapCache::new(width);
            for height in [1, 3, 50] {
                let mut top = Position::default();
                loop {
                    let next = clamp_top(
                        &d,
                        all(&d),
                        &cache,
                        scroll(&d, all(&d), &cache, top, 3),
                        height,
                    );
                    assert!(rows(&d, all(&d), &cache, next, height).len() <= height);
                    if next == top {
                        break;
                    }
                    assert!(next > top, "scrolling down moves forward");
                    top = next;
                }
                assert_eq!(top, max_top(&d, all(&d), &cache, height));
            }
        }
    }
}
