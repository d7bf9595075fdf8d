//! The document model: sanitised text, split into paragraphs, repaired.
//!
//! Text arrives in [`Block`]s (see `load`), so a huge file can be shown while it
//! is still being read. Every position in the program is a [`Position`]
//! (paragraph index + byte offset into that paragraph's text): wrapped lines
//! are derived from it and rebuilt on resize, so positions survive width
//! changes and toggling the raw view.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::{Arc, RwLock};

use serde::{Deserialize, Serialize};

use crate::format::style::{Inline, Styles};
use crate::repair;

/// A place in the document: a paragraph and a byte offset into its text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Position {
    pub paragraph: usize,
    pub byte: usize,
}

impl Position {
    pub fn new(paragraph: usize, byte: usize) -> Self {
        Self { paragraph, byte }
    }
}

/// A run of sanitised text produced by the loader, ending on a paragraph break.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Block {
    pub text: String,
    /// Byte ranges of the paragraphs in `text`, in order, trimmed.
    pub paragraphs: Vec<Range<usize>>,
    /// Byte ranges in `text` that show a neutralised control character.
    pub escapes: Vec<Range<usize>>,
    /// Byte ranges in `text` set off as emphasis, strong or code (converted
    /// text only).
    pub styles: Styles,
}

/// One paragraph as split from the input, before repair: a byte range of
/// its chunk (which chunk follows from its index, see `Document::chunk_of`).
#[derive(Debug, Clone, Copy)]
struct Segment {
    start: u32,
    end: u32,
}

/// A paragraph as shown: one segment, or several joined by repair.
///
/// Joins inside one chunk are made in place when the block arrives: the
/// later fragment is moved next to the earlier one, so both views share the
/// text. Only a join across chunks is copied into `Document::joined`.
///
/// Not stored as such: the document keeps each paragraph's first segment
/// and the few copied ones (see `Document::repaired`).
#[derive(Debug, Clone)]
struct Paragraph {
    /// Segments `first..first + count` it was made from.
    first: u32,
    count: u32,
    /// Index into `Document::joined`, or `CONTIGUOUS`.
    joined: u32,
}

const CONTIGUOUS: u32 = u32::MAX;

impl Paragraph {
    fn is_copied(&self) -> bool {
        self.joined != CONTIGUOUS
    }

    fn last(&self) -> u32 {
        self.first + self.count - 1
    }
}

/// Which paragraph list is shown: repaired (default) or exactly as split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum View {
    #[default]
    Repaired,
    Raw,
}

/// The block being added. Joins inside it are decided as its segments come
/// and made at the end, all at once: moving text inside a `String` safely
/// costs either a byte-at-a-time `replace_range` or a revalidation of the
/// whole text, so it is done once per block.
struct Pending {
    chunk: u32,
    text: String,
    /// In-place joins to make, in order.
    moves: Vec<Move>,
    /// The text of the last repaired paragraph while it is joined in place,
    /// as it will read once the moves are made.
    last_joined: String,
}

/// A fragment moved left to follow the paragraph it continues: the
/// separator at `gap`, the fragment right after it, spaces up to `from.end`.
struct Move {
    gap: usize,
    separator: &'static str,
    from: Range<usize>,
}

impl Pending {
    /// The block's text with its joins made.
    fn into_text(self) -> String {
        if self.moves.is_empty() {
            return self.text;
        }
        let mut bytes = self.text.into_bytes();
        for m in &self.moves {
            // The gap holds at least the "\n\n" of a blank line, longer
            // than any separator.
            let destination = m.gap + m.separator.len();
            let moved_end = destination + m.from.len();
            bytes[m.gap..destination].copy_from_slice(m.separator.as_bytes());
            bytes.copy_within(m.from.clone(), destination);
            bytes[moved_end..m.from.end].fill(b' ');
        }
        // Only whole characters were moved and ASCII written: one check.
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

/// Cloning is cheap: the text is shared, so detection can run on a
/// snapshot in another thread while the reader keeps loading.
#[derive(Debug, Default, Clone)]
pub struct Document {
    chunks: Vec<Arc<String>>,
    /// The first segment of each chunk.
    chunk_segments: Vec<u32>,
    segments: Vec<Segment>,
    /// Escapes per segment, sorted by segment: (segment, range in segment).
    escapes: Vec<(u32, Range<u32>)>,
    /// Styled ranges per segment, by [`Inline`], each filed as escapes are.
    styles: [Vec<(u32, Range<u32>)>; 3],
    /// The first segment of each repaired paragraph: it runs to the next
    /// one's first. 4 bytes a paragraph, where a `Paragraph` is 12: a
    /// 100 MB article has 300 000 of them.
    repaired: Vec<u32>,
    /// The segments repair has taken so far (all, once a block is added).
    repaired_end: u32,
    /// The repaired paragraphs held in `joined`, by paragraph:
    /// (paragraph, index into `joined`). Only joins across chunks.
    copies: Vec<(u32, u32)>,
    joined: Vec<Arc<String>>,
    view: View,
    /// Where each segment started in its chunk as loaded (a join may move
    /// it since), for percentages: 4 bytes per paragraph, not an 8-byte
    /// offset in the whole text.
    segment_starts: Vec<u32>,
    /// Byte offset of each chunk in the whole text.
    chunk_offsets: Vec<u64>,
    total_bytes: u64,
    /// Input bytes that were not valid UTF-8 and became U+FFFD.
    pub replaced_bytes: usize,
    complete: bool,
    /// Paragraphs known to be headings (Markdown and HTML say which), by
    /// their text: repair never joins them to what is around them.
    /// Shared with the thread that converts: it adds a piece's headings
    /// before the piece's text can arrive here.
    headings: Option<Arc<RwLock<HashSet<String>>>>,
}

/// Writes `_` over the letters and digits of the escape at `range`.
fn mask(text: &mut String, range: Range<usize>) {
    let Some(shown) = text.get(range.clone()).filter(|t| t.is_ascii()) else {
        return;
    };
    let masked: String = shown
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { '_' } else { c })
        .collect();
    // As long as what it replaces: nothing after it moves.
    text.replace_range(range, &masked);
}

/// The longest first paragraph still taken for a title.
const TITLE_MAX_CHARS: usize = 100;

impl Document {
    /// A complete document from plain text (tests, benches, small inputs).
    pub fn from_text(text: &str) -> Self {
        crate::load::load_bytes(text.as_bytes()).unwrap_or_default()
    }

    /// Appends a block from the loader, repairing as it goes: a new segment
    /// may join the last paragraph already present.
    pub fn push_block(&mut self, block: Block) {
        let chunk = self.chunks.len() as u32;
        let first_new = self.segments.len() as u32;
        self.chunk_segments.push(first_new);
        let mut escapes = block.escapes.iter().peekable();
        let mut styles = block.styles.0.each_ref().map(|s| s.iter().peekable());
        for (i, range) in block.paragraphs.iter().enumerate() {
            let segment = first_new + i as u32;
            self.segment_starts.push(range.start as u32);
            self.segments.push(Segment {
                start: range.start as u32,
                end: range.end as u32,
            });
            // Escapes are sorted, like paragraphs: one walk files them all.
            while let Some(esc) = escapes.next_if(|e| e.start < range.end) {
                if esc.start >= range.start && esc.end <= range.end {
                    let local = (esc.start - range.start) as u32..(esc.end - range.start) as u32;
                    self.escapes.push((segment, local));
                }
            }
            // A style may run past its paragraph's trimmed end (a text cut
            // in the middle of one): it is cut to the paragraph.
            for (filed, ranges) in self.styles.iter_mut().zip(&mut styles) {
                while let Some(style) = ranges.peek() {
                    let (start, end) = (style.start.max(range.start), style.end.min(range.end));
                    if start < end {
                        filed.push((
                            segment,
                            (start - range.start) as u32..(end - range.start) as u32,
                        ));
                    }
                    if style.end > range.end {
                        break;
                    }
                    ranges.next();
                }
            }
        }
        self.chunk_offsets.push(self.total_bytes);
        self.total_bytes += block.text.len() as u64;
        let mut pending = Pending {
            chunk,
            text: block.text,
            moves: Vec::new(),
            last_joined: String::new(),
        };
        for segment in first_new..self.segments.len() as u32 {
            self.repair_with(segment, &mut pending);
            self.repaired_end = segment + 1;
        }
        self.chunks.push(Arc::new(pending.into_text()));
    }

    /// Text of a segment, which may still be in the block being added (and
    /// not moved yet).
    fn text_in<'a>(&'a self, segment: u32, pending: &'a Pending) -> &'a str {
        let s = self.segments[segment as usize];
        let range = s.start as usize..s.end as usize;
        let chunk = self.chunk_of(segment);
        if chunk == pending.chunk as usize {
            &pending.text[range]
        } else {
            &self.chunks[chunk][range]
        }
    }

    /// The chunk that holds `segment`: the last to start at or before it.
    fn chunk_of(&self, segment: u32) -> usize {
        self.chunk_segments
            .partition_point(|&first| first <= segment)
            .saturating_sub(1)
    }

    /// Repaired paragraph `index`, from its first segment and the next one's.
    fn repaired_paragraph(&self, index: usize) -> Option<Paragraph> {
        let first = *self.repaired.get(index)?;
        let end = self
            .repaired
            .get(index + 1)
            .copied()
            .unwrap_or(self.repaired_end);
        let joined = self
            .copies
            .binary_search_by_key(&index, |&(p, _)| p as usize)
            .ok()
            .and_then(|i| self.copies.get(i))
            .map_or(CONTIGUOUS, |&(_, joined)| joined);
        Some(Paragraph {
            first,
            count: end.saturating_sub(first).max(1),
            joined,
        })
    }

    /// The last repaired paragraph is now text of its own: `joined[joined]`.
    fn set_last_copied(&mut self, joined: u32) {
        let last = self.repaired.len().saturating_sub(1) as u32;
        match self.copies.last_mut() {
            Some((paragraph, index)) if *paragraph == last => *index = joined,
            _ => self.copies.push((last, joined)),
        }
    }

    /// Text of the last repaired paragraph, which may still be in the block
    /// being added.
    fn last_text_in<'a>(&'a self, paragraph: &Paragraph, pending: &'a Pending) -> &'a str {
        if paragraph.is_copied() {
            return self.joined[paragraph.joined as usize].as_str();
        }
        let first = self.segments[paragraph.first as usize];
        let chunk = self.chunk_of(paragraph.first);
        if chunk == pending.chunk as usize {
            // Joins in place are all in this block: their text is kept aside.
            if paragraph.count > 1 {
                return &pending.last_joined;
            }
            return &pending.text[first.start as usize..first.end as usize];
        }
        let last = self.segments[paragraph.last() as usize];
        &self.chunks[chunk][first.start as usize..last.end as usize]
    }

    fn repair_with(&mut self, segment: u32, pending: &mut Pending) {
        let Some(last) = self.repaired_paragraph(self.repaired.len().wrapping_sub(1)) else {
            self.repaired.push(segment);
            return;
        };
        let prev_is_title = last.first == 0
            && last.count == 1
            && self.text_in(0, pending).chars().count() <= TITLE_MAX_CHARS;
        let prev = self.last_text_in(&last, pending);
        let next = self.text_in(segment, pending);
        // A join that long mends no sentence split by a blank line: it would
        // undo the breaks the loader puts in text without blank lines, and
        // copy a growing paragraph at each block.
        let too_long = prev.len() + next.len() > crate::load::LONG_RUN;
        let heading = self.headings.as_ref().is_some_and(|h| {
            h.read()
                .is_ok_and(|h| (last.count == 1 && h.contains(prev)) || h.contains(next))
        });
        if prev_is_title || too_long || heading || !repair::continues(prev, next) {
            self.repaired.push(segment);
            return;
        }
        let separator = repair::separator(prev, next);
        let previous_end = self.segments[last.last() as usize];
        let in_place = !last.is_copied() && self.chunk_of(last.last()) == pending.chunk as usize;
        let joined = if in_place {
            let s = self.segments[segment as usize];
            let from = s.start as usize..s.end as usize;
            let gap = previous_end.end as usize;
            let Pending {
                text,
                moves,
                last_joined,
                ..
            } = pending;
            if last.count == 1 {
                let first = self.segments[last.first as usize];
                last_joined.clear();
                last_joined.push_str(&text[first.start as usize..first.end as usize]);
            }
            last_joined.push_str(separator);
            last_joined.push_str(&text[from.clone()]);
            let start = gap + separator.len();
            self.segments[segment as usize] = Segment {
                start: start as u32,
                end: (start + from.len()) as u32,
            };
            moves.push(Move {
                gap,
                separator,
                from,
            });
            CONTIGUOUS
        } else {
            let mut text = String::with_capacity(prev.len() + separator.len() + next.len());
            text.push_str(prev);
            text.push_str(separator);
            text.push_str(next);
            if last.is_copied() {
                self.joined[last.joined as usize] = Arc::new(text);
                last.joined
            } else {
                self.joined.push(Arc::new(text));
                (self.joined.len() - 1) as u32
            }
        };
        // The segment is the paragraph's from here (`repaired_end`).
        if joined != CONTIGUOUS {
            self.set_last_copied(joined);
        }
    }

    /// Paragraphs that are headings, by their text, before any block is
    /// pushed: they are never joined.
    pub fn set_headings(&mut self, headings: Arc<RwLock<HashSet<String>>>) {
        self.headings = Some(headings);
    }

    /// Whether the source says which paragraphs are headings (Markdown,
    /// HTML): then no other paragraph is one, however short (a line of
    /// code, a one-item list, the list of links).
    pub fn headings_known(&self) -> bool {
        self.headings.is_some()
    }

    /// Whether `text` is a paragraph its source marked as a heading
    /// (Markdown's `#`, HTML's `<h1>`…), however long.
    pub fn is_marked_heading(&self, text: &str) -> bool {
        self.headings
            .as_ref()
            .is_some_and(|h| h.read().is_ok_and(|h| h.contains(text)))
    }

    /// Marks the document as fully loaded.
    pub fn finish(&mut self) {
        self.complete = true;
    }

    pub fn is_complete(&self) -> bool {
        self.complete
    }

    fn segment_text(&self, segment: u32) -> &str {
        let s = self.segments[segment as usize];
        &self.chunks[self.chunk_of(segment)][s.start as usize..s.end as usize]
    }

    pub fn view(&self) -> View {
        self.view
    }

    pub fn set_view(&mut self, view: View) {
        self.view = view;
    }

    /// Number of paragraphs in the current view.
    pub fn len(&self) -> usize {
        self.len_in(self.view)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn len_in(&self, view: View) -> usize {
        match view {
            View::Repaired => self.repaired.len(),
            View::Raw => self.segments.len(),
        }
    }

    /// The text of paragraph `index` in the current view ("" when out of range).
    pub fn paragraph(&self, index: usize) -> &str {
        self.paragraph_text(self.view, index)
    }

    fn paragraph_text(&self, view: View, index: usize) -> &str {
        match view {
            View::Raw => match self.segments.get(index) {
                Some(_) => self.segment_text(index as u32),
                None => "",
            },
            View::Repaired => match self.repaired_paragraph(index) {
                Some(p) if p.is_copied() => self.joined[p.joined as usize].as_str(),
                Some(p) => {
                    let first = self.segments[p.first as usize];
                    let last = self.segments[p.last() as usize];
                    &self.chunks[self.chunk_of(p.first)][first.start as usize..last.end as usize]
                }
                None => "",
            },
        }
    }

    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.paragraph(i))
    }

    fn segments_of(&self, index: usize) -> Range<u32> {
        self.segments_in(self.view, index)
    }

    fn segments_in(&self, view: View, index: usize) -> Range<u32> {
        match view {
            View::Raw => index as u32..index as u32 + 1,
            View::Repaired => match self.repaired_paragraph(index) {
                Some(p) => p.first..p.first + p.count,
                None => 0..0,
            },
        }
    }

    /// Byte ranges of paragraph `index` that show neutralised control characters.
    pub fn escapes(&self, index: usize) -> Vec<Range<usize>> {
        self.escapes_in(index, 0..usize::MAX)
    }

    /// The escapes of paragraph `index` that overlap `bytes`, found by
    /// binary search: a row of a 10 MB line of control characters does not
    /// list its millions of escapes.
    pub fn escapes_in(&self, index: usize, bytes: Range<usize>) -> Vec<Range<usize>> {
        self.escapes_in_view(self.view, index, bytes)
    }

    fn escapes_in_view(&self, view: View, index: usize, bytes: Range<usize>) -> Vec<Range<usize>> {
        self.ranges_in_view(&self.escapes, view, index, bytes)
    }

    /// The ranges of paragraph `index` set off as `style` that overlap
    /// `bytes`, found as escapes are.
    pub fn styles_in(&self, style: Inline, index: usize, bytes: Range<usize>) -> Vec<Range<usize>> {
        self.ranges_in_view(&self.styles[style as usize], self.view, index, bytes)
    }

    /// The ranges of `list` (sorted by segment, then by place, not
    /// overlapping) in paragraph `index` of `view` that overlap `bytes`.
    fn ranges_in_view(
        &self,
        list: &[(u32, Range<u32>)],
        view: View,
        index: usize,
        bytes: Range<usize>,
    ) -> Vec<Range<usize>> {
        let segments = self.segments_in(view, index);
        let copied = view == View::Repaired
            && self
                .repaired_paragraph(index)
                .is_some_and(|p| p.is_copied());
        let from = list.partition_point(|(s, _)| *s < segments.start);
        let to = list.partition_point(|(s, _)| *s < segments.end);
        let first_start = self
            .segments
            .get(segments.start as usize)
            .map_or(0, |s| s.start as usize);
        // Segments follow each other in the paragraph, so the escapes, in
        // segment order, are in text order.
        let in_paragraph = |(segment, range): &(u32, Range<u32>)| {
            let base = if copied {
                self.copied_offset(segments.start, *segment)
            } else {
                self.segments[*segment as usize].start as usize - first_start
            };
            base + range.start as usize..base + range.end as usize
        };
        let ranges = list.get(from..to).unwrap_or(&[]);
        let first = ranges.partition_point(|e| in_paragraph(e).end <= bytes.start);
        ranges[first..]
            .iter()
            .map(in_paragraph)
            .take_while(|r| r.start < bytes.end)
            .collect()
    }

    /// A copy for detection to read, in which every letter and digit an
    /// escape shows is `_` (`<U+2067>` reads `<_+____>`, `^G` reads `^_`):
    /// what margin wrote to show a control is never read as a year or a
    /// name. Offsets are unchanged (escapes are ASCII), so what is found
    /// points into this document too. `None` when there is no escape; only
    /// the text that holds one is copied.
    pub fn with_escapes_masked(&self) -> Option<Document> {
        if self.escapes.is_empty() {
            return None;
        }
        let mut masked = self.clone();
        for (segment, range) in &self.escapes {
            let start = self.segments[*segment as usize].start as usize;
            let chunk = self.chunk_of(*segment);
            // Copies the chunk on its first escape, then writes in place.
            let text = Arc::make_mut(&mut masked.chunks[chunk]);
            mask(
                text,
                start + range.start as usize..start + range.end as usize,
            );
        }
        for &(paragraph, joined) in &self.copies {
            let text = Arc::make_mut(&mut masked.joined[joined as usize]);
            for range in self.escapes_in_view(View::Repaired, paragraph as usize, 0..usize::MAX) {
                mask(text, range);
            }
        }
        Some(masked)
    }

    /// Where `segment` starts in a paragraph copied from segments `first..`.
    fn copied_offset(&self, first: u32, segment: u32) -> usize {
        (first..segment)
            .map(|s| {
                let text = self.segment_text(s);
                text.len() + repair::separator(text, self.segment_text(s + 1)).len()
            })
            .sum()
    }

    /// Whether the first paragraph is short enough to be the title.
    fn has_title(&self) -> bool {
        self.segments
            .first()
            .map(|_| self.segment_text(0).chars().count() <= TITLE_MAX_CHARS)
            .unwrap_or(false)
    }

    /// The title: the first paragraph when it is short.
    pub fn title(&self) -> Option<&str> {
        self.has_title().then(|| self.segment_text(0))
    }

    /// The paragraph in the other view that holds `position`, for toggling raw.
    pub fn map_to_view(&self, position: Position, target: View) -> Position {
        self.map_between(position, self.view, target)
    }

    /// Maps a position from one view to another (bookmarks live in the
    /// repaired view whatever is shown).
    pub fn map_between(&self, position: Position, from: View, to: View) -> Position {
        if from == to {
            return position;
        }
        let first_segment = self.segments_in(from, position.paragraph).start as usize;
        match to {
            View::Raw => Position::new(first_segment.min(self.segments.len().saturating_sub(1)), 0),
            View::Repaired => {
                let index = self
                    .repaired
                    .partition_point(|&first| (first as usize) <= first_segment)
                    .saturating_sub(1);
                Position::new(index, 0)
            }
        }
    }

    /// The paragraphs of `target` that hold the text of paragraph `index`
    /// of the view shown: a repaired paragraph is one or more raw ones.
    pub fn paragraphs_in_view(&self, index: usize, target: View) -> Range<usize> {
        match (self.view, target) {
            (View::Repaired, View::Raw) => {
                let segments = self.segments_in(View::Repaired, index);
                segments.start as usize..segments.end as usize
            }
            _ => {
                let first = self.map_to_view(Position::new(index, 0), target).paragraph;
                first..first + 1
            }
        }
    }

    /// How far into the text `position` is, from 0.0 to 1.0.
    pub fn fraction(&self, position: Position) -> f64 {
        if self.total_bytes == 0 {
            return 0.0;
        }
        let segment = self.segments_of(position.paragraph).start as usize;
        let offset = match self.segment_starts.get(segment) {
            Some(&start) => {
                self.chunk_offsets
                    .get(self.chunk_of(segment as u32))
                    .copied()
                    .unwrap_or(0)
                    + u64::from(start)
            }
            None => self.total_bytes,
        };
        ((offset + position.byte as u64) as f64 / self.total_bytes as f64).min(1.0)
    }

    /// Size of the sanitised text in bytes.
    pub fn total_bytes(&self) -> u64 {
        self.total_bytes
    }

    /// Clamps a position so it points at a character boundary of an existing paragraph.
    pub fn clamp(&self, position: Position) -> Position {
        if self.is_empty() {
            return Position::default();
        }
        let paragraph = position.paragraph.min(self.len() - 1);
        let text = self.paragraph(paragraph);
        let mut byte = position.byte.min(text.len());
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        Position::new(paragraph, byte)
    }
}

/// Read-only access to a view other than the one shown (bookmarks identify an
/// article by its raw text and anchor in the repaired view, whatever is shown).
impl Document {
    /// The paragraphs exactly as split from the input, before repair.
    pub fn raw_paragraphs(&self) -> impl Iterator<Item = &str> {
        (0..self.segments.len()).map(|i| self.segment_text(i as u32))
    }

    /// Number of paragraphs in `view`.
    pub fn len_of(&self, view: View) -> usize {
        self.len_in(view)
    }

    /// The text of paragraph `index` in `view` ("" when out of range).
    pub fn paragraph_of(&self, view: View, index: usize) -> &str {
        self.paragraph_text(view, index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document loaded from `parts` read one after the other, as a file
    /// streams in.
    fn streamed(parts: &[&[u8]]) -> Document {
        let mut loader = crate::load::Loader::new();
        let mut d = Document::default();
        for part in parts {
            if let Some(block) = loader.push(part).expect("push") {
                d.push_block(block);
            }
        }
        d.push_block(loader.finish().expect("finish"));
        d
    }

    fn doc(text: &str) -> Document {
        Document::from_text(text)
    }

    #[test]
    fn splits_on_blank_lines() {
        let d = doc("Title\n\nFirst one.\n\n\n\nSecond one.\n");
        assert_eq!(d.len(), 3);
        assert_eq!(d.paragraph(1), "First one.");
        assert_eq!(d.paragraph(2), "Second one.");
        assert_eq!(d.title(), Some("Title"));
    }

    #[test]
    fn repairs_broken_paragraphs_and_keeps_raw() {
        let mut d =
            doc("Title\n\nAli Wangwang expects to achieve\n\nAlibaba socially through it.\n");
        assert_eq!(d.len(), 2);
        assert_eq!(
            d.paragraph(1),
            "Ali Wangwang expects to achieve Alibaba socially through it."
        );
        d.set_view(View::Raw);
        assert_eq!(d.len(), 3);
        assert_eq!(d.paragraph(2), "Alibaba socially through it.");
    }

    #[test]
    fn title_is_never_joined() {
        let d = doc("This time, Alipay lost in\n\nis the way it went.\n");
        assert_eq!(d.len(), 2);
        assert_eq!(d.title(), Some("This time, Alipay lost in"));
    }

    #[test]
    fn long_first_paragraph_is_no_title() {
        let long = "word ".repeat(40);
        let d = doc(&format!("{long}.\n\nNext."));
        assert_eq!(d.title(), None);
    }

    #[test]
    fn masked_escapes_show_no_letter_or_digit_and_move_nothing() {
        // Escapes in a raw paragraph, a repaired one and a join across blocks.
        let mut loader = crate::load::Loader::new();
        let mut d = Document::default();
        let first = "T\n\nthe year \u{2067} and\n\n";
        d.push_block(
            loader
                .push(first.as_bytes())
                .expect("text")
                .unwrap_or_default(),
        );
        d.push_block(
            loader
                .push(b"then \x07 Bob.\n\n")
                .expect("text")
                .unwrap_or_default(),
        );
        d.push_block(loader.finish().expect("text"));
        assert!(d.paragraph(1).ends_with("^G Bob."), "joined across blocks");
        for view in [View::Repaired, View::Raw] {
            d.set_view(view);
            let masked = d.with_escapes_masked().expect("has escapes");
            assert_eq!(masked.len(), d.len());
            for i in 0..d.len() {
                let (text, blank) = (d.paragraph(i), masked.paragraph(i));
                assert_eq!(text.len(), blank.len(), "{view:?} {i}");
                for r in d.escapes(i) {
                    assert!(!blank[r.clone()].contains(|c: char| c.is_ascii_alphanumeric()));
                    assert!(text[r].contains(|c: char| c.is_ascii_alphanumeric()));
                }
                let kept = |t: &str| t.replace("<U+2067>", "").replace("^G", "");
                assert_eq!(
                    kept(text),
                    kept(&blank.replace("<_+____>", "").replace("^_", ""))
                );
            }
        }
        assert!(Document::from_text("plain").with_escapes_masked().is_none());
    }

    #[test]
    fn escapes_follow_joined_paragraphs() {
        let d = doc("T\n\nhas an \u{1b} escape and\n\nthen \u{1b}[31m more.\n");
        assert_eq!(d.len(), 2);
        let text = d.paragraph(1);
        let escapes = d.escapes(1);
        assert_eq!(escapes.len(), 2);
        for range in escapes {
            assert_eq!(&text[range], "^[");
        }
    }

    #[test]
    fn escapes_in_a_range_are_those_of_the_paragraph_that_overlap_it() {
        // Joined in place, and copied across blocks.
        let mut d = streamed(
            &[
                "T\n\na\u{7}b \u{1b}c and\n\nd\u{7}\u{7}e\n\n",
                "f\u{7} \u{1b}g and\n\nthen \u{1b} h \u{7}.\n\nNext.",
            ]
            .map(str::as_bytes),
        );
        assert!(!d.joined.is_empty(), "one paragraph is a copy");
        assert!((0..d.len()).any(|i| d.escapes(i).len() >= 3));
        for view in [View::Repaired, View::Raw] {
            d.set_view(view);
            for index in 0..d.len() {
                let all = d.escapes(index);
                let len = d.paragraph(index).len();
                for start in 0..=len {
                    for end in start..=len + 1 {
                        let expected: Vec<Range<usize>> = all
                            .iter()
                            .filter(|r| r.start < end && r.end > start)
                            .cloned()
                            .collect();
                        assert_eq!(d.escapes_in(index, start..end), expected);
                    }
                }
            }
        }
    }

    #[test]
    fn positions_map_between_views() {
        let mut d = doc("T\n\none two\n\nthree four.\n\nFive.");
        assert_eq!(d.len(), 3);
        let raw = d.map_to_view(Position::new(2, 0), View::Raw);
        assert_eq!(raw, Position::new(3, 0));
        d.set_view(View::Raw);
        let back = d.map_to_view(Position::new(2, 0), View::Repaired);
        assert_eq!(back, Position::new(1, 0));
    }

    #[test]
    fn clamp_stays_on_char_boundaries() {
        let d = doc("T\n\nñandú è.");
        let p = d.clamp(Position::new(9, 2));
        assert_eq!(p.paragraph, 1);
        assert!(d.paragraph(1).is_char_boundary(p.byte));
    }

    #[test]
    fn fraction_grows_through_the_text() {
        let d = doc("T\n\nOne.\n\nTwo.\n\nThree.");
        let mut last = -1.0;
        for i in 0..d.len() {
            let f = d.fraction(Position::new(i, 0));
            assert!(f > last && (0.0..=1.0).contains(&f));
            last = f;
        }
    }

    #[test]
    fn a_moved_fragment_keeps_its_place_in_the_text_as_loaded() {
        let text = "T\n\none two\n\n\n\nthree four\n\nfive.\n\nSix.";
        for at in [0, 5, 16, text.len()] {
            let mut d = streamed(&[&text.as_bytes()[..at], &text.as_bytes()[at..]]);
            d.set_view(View::Raw);
            for (i, word) in ["T", "one", "three", "five", "Six"].into_iter().enumerate() {
                let offset = text.find(word).expect("in the text");
                let want = offset as f64 / text.len() as f64;
                assert_eq!(
                    d.fraction(Position::new(i, 0)),
                    want,
                    "{word}, split at {at}"
                );
            }
        }
    }

    #[test]
    fn joins_across_blocks_are_copied_and_keep_escapes() {
        let mut d = streamed(
            &[
                "T\n\nfirst \u{1b} part and\n\n",
                "then \u{1b} the rest.\n\nNext.",
            ]
            .map(str::as_bytes),
        );
        assert!(!d.joined.is_empty(), "a join across blocks is a copy");
        assert_eq!(d.paragraph(1), "first ^[ part and then ^[ the rest.");
        let text = d.paragraph(1);
        let escapes = d.escapes(1);
        assert_eq!(escapes.len(), 2);
        assert!(escapes.iter().all(|r| &text[r.clone()] == "^["));
        d.set_view(View::Raw);
        assert_eq!(d.paragraph(2), "then ^[ the rest.");
    }

    #[test]
    fn chains_of_joins_read_the_same_in_one_block_or_across_blocks() {
        let text = "T\n\none \u{1b} two\n\nthree\n\n\nfour \u{1b} five\n\n中文\n\n文字。\n\nSix.";
        for at in 0..=text.len() {
            let mut d = streamed(&[&text.as_bytes()[..at], &text.as_bytes()[at..]]);
            let repaired: Vec<&str> = d.paragraphs().collect();
            assert_eq!(
                repaired,
                ["T", "one ^[ two three four ^[ five", "中文文字。", "Six."],
                "split at {at}"
            );
            let text = d.paragraph(1);
            let escapes = d.escapes(1);
            assert_eq!(escapes.len(), 2, "split at {at}");
            assert!(escapes.iter().all(|r| &text[r.clone()] == "^["));
            d.set_view(View::Raw);
            let raw: Vec<&str> = d.paragraphs().collect();
            assert_eq!(
                raw,
                [
                    "T",
                    "one ^[ two",
                    "three",
                    "four ^[ five",
                    "中文",
                    "文字。",
                    "Six."
                ],
                "split at {at}"
            );
            assert_eq!(&d.paragraph(3)[d.escapes(3)[0].clone()], "^[");
        }
    }

    #[test]
    fn joins_in_place_share_the_text() {
        let d = doc("T\n\none two\n\n\n\nthree four\n\nfive.\n\nSix.");
        assert_eq!(d.paragraph(1), "one two three four five.");
        assert!(d.joined.is_empty(), "no copy for a join inside one block");
        let mut raw = d.clone();
        raw.set_view(View::Raw);
        let parts: Vec<&str> = raw.paragraphs().collect();
        assert_eq!(parts, vec!["T", "one two", "three four", "five.", "Six."]);
    }
}
