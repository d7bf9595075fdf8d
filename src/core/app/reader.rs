//! The text and where the reader is in it: the document in its view (raw
//! or repaired), the top line, the passage being read, where `` ` `` goes
//! back to, the filter, and the wrap cache for the pane's width.
//!
//! Private fields keep the invariants in one place: the top is a line
//! start of a paragraph shown; the passage read and the jump-back are
//! places in the document; the filter names sorted paragraphs of the
//! view shown; switching views maps all of them to the same text; the wrap
//! cache is for the pane's width and the view shown.

use std::sync::Arc;

use crate::document::{Block, Document, Position, View};
use crate::layout::WrapCache;
use crate::viewport::{self, Shown};

/// The paragraphs of one panel entry, shown alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub label: String,
    /// Sorted, 0-based.
    pub paragraphs: Vec<usize>,
}

/// The top, the passage read and the jump-back, as a switch to or from
/// the source finds and leaves them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Places {
    top: Position,
    cursor: Option<Position>,
    back: Option<Position>,
}

/// One frame's view of the text (see [`super::App::frame_view`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameView {
    /// The top line as drawn: [`super::App::view_top`].
    pub top: Position,
    /// The pane's rows: [`super::App::visible_rows`].
    pub rows: Vec<viewport::Row>,
    /// How far the bottom of the pane is into the text, 0–100.
    pub percent: u16,
}

#[derive(Debug)]
pub(super) struct Reader {
    /// Shared with a detection or search running on it: jobs read the
    /// reader's own document instead of a copy of its index.
    doc: Arc<Document>,
    /// The start of the line at the top of the pane.
    top: Position,
    /// The passage gone to (`:N`, Enter on an entry, `]`, a search match)
    /// when the view could not bring it to the top (the article ends first):
    /// it is the one being read. Scrolling lets it go.
    cursor: Option<Position>,
    /// Where the pane was before the last jump.
    back: Option<Position>,
    /// `f`: only these paragraphs are shown.
    filter: Option<Filter>,
    wrap: WrapCache,
    /// The pane's rows.
    height: usize,
    /// A converted article's source as written, once loaded (see
    /// [`Reader::show_source`]).
    source: Option<Arc<Document>>,
    /// While the source is shown (it is then `doc`): the converted text,
    /// which bookmarks and loading keep using.
    converted: Option<Arc<Document>>,
    /// The places at the last switch, (before, after): one still where
    /// the switch put it goes back exactly to where it was (paragraphs
    /// mapped to one that holds several, a list, would go to its first).
    switched: Option<(Places, Places)>,
}

impl Reader {
    pub(super) fn new(doc: Document) -> Self {
        Self {
            doc: Arc::new(doc),
            top: Position::default(),
            cursor: None,
            back: None,
            filter: None,
            wrap: WrapCache::new(1),
            height: 0,
            source: None,
            converted: None,
            switched: None,
        }
    }

    /// The converted article, whichever is shown: bookmarks are stored in
    /// it and loading adds to it.
    pub(super) fn article(&self) -> &Document {
        self.converted.as_deref().unwrap_or(&self.doc)
    }

    fn article_mut(&mut self) -> &mut Document {
        Arc::make_mut(self.converted.as_mut().unwrap_or(&mut self.doc))
    }

    /// Keeps the source of a converted article, shown as written (raw).
    pub(super) fn set_source(&mut self, mut source: Document) {
        source.set_view(View::Raw);
        self.source = Some(Arc::new(source));
    }

    pub(super) fn has_source(&self) -> bool {
        self.source.is_some() || self.converted.is_some()
    }

    /// Whether the source is shown rather than the converted article.
    pub(super) fn source_shown(&self) -> bool {
        self.converted.is_some()
    }

    /// A position in the repaired view of the article (where bookmarks,
    /// highlights and the reading position are stored) as a place in the
    /// text shown.
    pub(super) fn shown_of_stored(&self, position: Position) -> Position {
        let article = self.article();
        let position = article.map_between(position, View::Repaired, article.view());
        if self.source_shown() {
            crate::source_map::to_source(article, &self.doc, position)
        } else {
            position
        }
    }

    /// A place in the text shown as a position in the repaired view of the
    /// article.
    pub(super) fn to_stored(&self, position: Position) -> Position {
        let article = self.article();
        let position = if self.source_shown() {
            crate::source_map::to_converted(&self.doc, article, position)
        } else {
            position
        };
        article.map_between(position, article.view(), View::Repaired)
    }

    /// A place in the text shown before the last switch to or from the
    /// source, as a place in the text shown now.
    pub(super) fn across_switch(&self, position: Position) -> Position {
        match (&self.converted, &self.source) {
            (Some(article), _) => crate::source_map::to_source(article, &self.doc, position),
            (None, Some(source)) => crate::source_map::to_converted(source, &self.doc, position),
            (None, None) => position,
        }
    }

    /// Shows the source (when kept) or the converted article. Top, the
    /// passage read, jump-back and the filter are mapped to the same text
    /// in the other (see `source_map`). The caller lays out again.
    pub(super) fn show_source(&mut self, shown: bool) {
        if shown == self.source_shown() {
            return;
        }
        let next = if shown {
            self.source.take()
        } else {
            self.converted.take()
        };
        let Some(next) = next else {
            return;
        };
        let before = Places {
            top: self.view_top(),
            cursor: self.cursor,
            back: self.back,
        };
        let previous = std::mem::replace(&mut self.doc, next);
        let map = |position: Position| {
            if shown {
                crate::source_map::to_source(&previous, &self.doc, position)
            } else {
                crate::source_map::to_converted(&previous, &self.doc, position)
            }
        };
        // What the last switch left untouched goes back to where it was.
        let (was, left) = self
            .switched
            .map_or((None, None), |(was, left)| (Some(was), Some(left)));
        let top = match (was, left) {
            (Some(was), Some(left)) if left.top == before.top => was.top,
            _ => map(before.top),
        };
        let cursor = match (was, left) {
            (Some(was), Some(left)) if left.cursor == before.cursor => was.cursor,
            _ => before.cursor.map(map),
        };
        let back = match (was, left) {
            (Some(was), Some(left)) if left.back == before.back => was.back,
            _ => before.back.map(map),
        };
        let filter = self.filter.take().map(|filter| Filter {
            paragraphs: filter
                .paragraphs
                .iter()
                .map(|&p| map(Position::new(p, 0)).paragraph)
                .collect(),
            label: filter.label,
        });
        if shown {
            self.converted = Some(previous);
        } else {
            self.source = Some(previous);
        }
        self.wrap.clear();
        self.filter = filter.and_then(|filter| self.kept(filter));
        self.back = back;
        self.jump(top);
        self.cursor = cursor;
        let after = Places {
            top: self.view_top(),
            cursor: self.cursor,
            back: self.back,
        };
        self.switched = Some((before, after));
    }

    pub(super) fn doc(&self) -> &Document {
        &self.doc
    }

    /// The document for a job on another thread: shared, not copied.
    pub(super) fn shared_doc(&self) -> Arc<Document> {
        Arc::clone(&self.doc)
    }

    pub(super) fn view(&self) -> View {
        self.doc.view()
    }

    pub(super) fn filter(&self) -> Option<&Filter> {
        self.filter.as_ref()
    }

    /// The paragraphs the pane shows.
    pub(super) fn shown(&self) -> Shown<'_> {
        match &self.filter {
            Some(filter) => Shown::Only(&filter.paragraphs),
            None => Shown::All(self.doc.len()),
        }
    }

    /// The pane is `width` columns by `height` rows: a new width starts a
    /// new wrap cache. The top is not clamped to the end: growing the
    /// window and shrinking it back keeps the reading position (drawing
    /// clamps, see `view_top`).
    pub(super) fn fit(&mut self, width: usize, height: usize) {
        if width != self.wrap.width() {
            self.wrap = WrapCache::new(width);
        }
        self.height = height;
        self.top = self.line_start(self.top);
    }

    pub(super) fn height(&self) -> usize {
        self.height
    }

    /// More text arrived. Blocks end on a paragraph break, so no wrapped
    /// paragraph changes and the places kept stay where they were.
    pub(super) fn push_block(&mut self, block: Block) {
        self.article_mut().push_block(block);
    }

    /// The input ended (or failed): what is there is the whole text.
    pub(super) fn finish(&mut self, replaced_bytes: Option<usize>) {
        let doc = self.article_mut();
        if let Some(replaced) = replaced_bytes {
            doc.replaced_bytes = replaced;
        }
        doc.finish();
    }

    /// The start of the line holding `position`, among the paragraphs shown.
    pub(super) fn line_start(&self, position: Position) -> Position {
        viewport::line_start(&self.doc, self.shown(), &self.wrap, position)
    }

    /// The last top that still fills the pane.
    pub(super) fn max_top(&self) -> Position {
        viewport::max_top(&self.doc, self.shown(), &self.wrap, self.height.max(1))
    }

    /// `top` as a line start, held back so the last screen is full.
    pub(super) fn clamped(&self, top: Position) -> Position {
        viewport::clamp_top(&self.doc, self.shown(), &self.wrap, top, self.height.max(1))
    }

    /// The top line as drawn: the reading position, held back so the last
    /// screen is full.
    pub(super) fn view_top(&self) -> Position {
        self.clamped(self.top)
    }

    /// The passage being read: the one gone to, else the top line's.
    pub(super) fn reading(&self) -> Position {
        self.cursor.unwrap_or_else(|| self.view_top())
    }

    /// The passage gone to that could not reach the top, if any.
    pub(super) fn cursor(&self) -> Option<Position> {
        self.cursor
    }

    pub(super) fn scroll(&mut self, lines: isize) {
        self.cursor = None;
        let moved = viewport::scroll(&self.doc, self.shown(), &self.wrap, self.view_top(), lines);
        self.top = self.clamped(moved);
    }

    /// `n` paragraphs down (up when negative); up from inside a paragraph
    /// first goes to its start.
    pub(super) fn paragraph(&mut self, n: isize) {
        let top = self.view_top();
        let current = top.paragraph as isize;
        let target = if n < 0 && top.byte > 0 {
            current + n + 1
        } else {
            current + n
        };
        let last = self.doc.len().saturating_sub(1) as isize;
        self.jump(Position::new(target.clamp(0, last) as usize, 0));
    }

    /// Moves the pane to a position, as far as the end allows.
    pub(super) fn jump(&mut self, position: Position) {
        self.cursor = None;
        self.top = self.clamped(position);
    }

    /// Brings `position` to the top as far as the end allows, and reads it
    /// there (marked in the gutter) when it cannot reach the top.
    pub(super) fn go_to(&mut self, position: Position) {
        self.jump(position);
        let position = self.doc.clamp(position);
        self.cursor = (self.view_top().paragraph != position.paragraph).then_some(position);
    }

    /// A `go_to` that `` ` `` can undo: to an entry, a paragraph number, an end.
    pub(super) fn leap(&mut self, position: Position) {
        let from = self.reading();
        self.go_to(position);
        if self.reading() != from {
            self.back = Some(from);
        }
    }

    /// `` ` ``: back to where the last leap started (and so, again, forth).
    /// False when there was none.
    pub(super) fn leap_back(&mut self) -> bool {
        match self.back {
            Some(back) => {
                self.leap(back);
                true
            }
            None => false,
        }
    }

    /// Shows only `filter`'s paragraphs, or all of them; the top moves to
    /// a line shown.
    pub(super) fn set_filter(&mut self, filter: Option<Filter>) {
        self.filter = filter.and_then(|filter| self.kept(filter));
        self.top = self.line_start(self.top);
    }

    /// `filter` as the invariant has it: sorted paragraphs of the text, at
    /// least one (a filter showing nothing is none).
    fn kept(&self, mut filter: Filter) -> Option<Filter> {
        filter.paragraphs.sort_unstable();
        filter.paragraphs.dedup();
        filter.paragraphs.retain(|&p| p < self.doc.len());
        (!filter.paragraphs.is_empty()).then_some(filter)
    }

    /// Shows the text raw or repaired. Everything that names a place in
    /// the text (top, the passage being read, jump-back, the filter) is
    /// mapped to the same text in the other view. The caller lays out
    /// again: the paragraph count, and so the gutter, may change.
    pub(super) fn set_view(&mut self, target: View) {
        if self.doc.view() == target {
            return;
        }
        let top = self.doc.map_to_view(self.view_top(), target);
        let cursor = self.cursor.map(|c| self.doc.map_to_view(c, target));
        let back = self.back.map(|b| self.doc.map_to_view(b, target));
        let filter = self.filter.take().map(|filter| Filter {
            paragraphs: self.map_paragraphs(&filter.paragraphs, target),
            label: filter.label,
        });
        Arc::make_mut(&mut self.doc).set_view(target);
        // Cached lines are by paragraph index, which now names other text.
        self.wrap.clear();
        self.filter = filter.and_then(|filter| self.kept(filter));
        self.back = back;
        self.jump(top);
        self.cursor = cursor;
    }

    /// Paragraphs of the view shown, as paragraphs of `target`: each
    /// becomes every paragraph its text spans there.
    fn map_paragraphs(&self, paragraphs: &[usize], target: View) -> Vec<usize> {
        paragraphs
            .iter()
            .flat_map(|&p| self.doc.paragraphs_in_view(p, target))
            .collect()
    }

    /// How the line holding `position` compares with the line start
    /// `here`. Only a position in here's paragraph is wrapped: a search
    /// through mentions would otherwise wrap a paragraph per probe.
    pub(super) fn cmp_line(&self, position: Position, here: Position) -> std::cmp::Ordering {
        let last = self.doc.len().saturating_sub(1);
        // The paragraph `line_start` puts the position in.
        match self.shown().snap(position.paragraph).map(|p| p.min(last)) {
            Some(paragraph) if paragraph != here.paragraph => paragraph.cmp(&here.paragraph),
            _ => self.line_start(position).cmp(&here),
        }
    }

    /// The pane's rows from the top: what is drawn.
    pub(super) fn visible_rows(&self) -> Vec<viewport::Row> {
        viewport::rows(
            &self.doc,
            self.shown(),
            &self.wrap,
            self.view_top(),
            self.height,
        )
    }

    /// What a frame shows, computed once: finding the top walks up to a
    /// screen back from the end.
    pub(super) fn frame_view(&self) -> FrameView {
        let max_top = self.max_top();
        let top = self.line_start(self.top).min(max_top);
        let rows = viewport::rows(&self.doc, self.shown(), &self.wrap, top, self.height);
        let percent = if top >= max_top {
            100
        } else {
            let bottom = viewport::last_line_end(&rows).unwrap_or(top);
            (self.doc.fraction(bottom) * 100.0).floor() as u16
        };
        FrameView { top, rows, percent }
    }

    /// The stored top, which drawing clamps (see `view_top`).
    #[cfg(test)]
    pub(super) fn top(&self) -> Position {
        self.top
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn reader(width: usize, height: usize) -> Reader {
        let doc =
            crate::load::load_bytes(include_bytes!("../../../assets/article.txt")).expect("loads");
        let mut reader = Reader::new(doc);
        reader.fit(width, height);
        reader
    }

    /// The paragraphs a filter on `paragraphs` shows.
    fn filter(paragraphs: &[usize]) -> Option<Filter> {
        Some(Filter {
            label: "entry".into(),
            paragraphs: paragraphs.to_vec(),
        })
    }

    /// What must hold after anything the reader does.
    fn check(r: &Reader) -> Result<(), TestCaseError> {
        let len = r.doc.len();
        let in_doc =
            |p: Position| p.paragraph < len && p.byte <= r.doc.paragraph(p.paragraph).len();
        prop_assert_eq!(r.line_start(r.top), r.top, "the top is a line start");
        prop_assert!(r.shown().snap(r.top.paragraph) == Some(r.top.paragraph));
        prop_assert!(in_doc(r.reading()), "{:?}", r.reading());
        prop_assert!(r.back.is_none_or(in_doc), "{:?}", r.back);
        if let Some(filter) = &r.filter {
            prop_assert!(filter.paragraphs.windows(2).all(|w| w[0] < w[1]));
            prop_assert!(filter.paragraphs.iter().all(|&p| p < len));
            prop_assert!(!filter.paragraphs.is_empty());
        }
        prop_assert_eq!(r.wrap.width(), 50);
        Ok(())
    }

    #[derive(Debug, Clone)]
    enum Step {
        Scroll(isize),
        Paragraph(isize),
        Leap(usize, usize),
        LeapBack,
        Filter(Vec<usize>),
        NoFilter,
        View(bool),
        Source(bool),
        Height(usize),
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            (-30isize..30).prop_map(Step::Scroll),
            (-5isize..5).prop_map(Step::Paragraph),
            (0usize..60, 0usize..400).prop_map(|(p, b)| Step::Leap(p, b)),
            Just(Step::LeapBack),
            proptest::collection::vec(0usize..60, 1..6).prop_map(Step::Filter),
            Just(Step::NoFilter),
            any::<bool>().prop_map(Step::View),
            any::<bool>().prop_map(Step::Source),
            (0usize..30).prop_map(Step::Height),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn the_invariants_hold_after_any_steps(steps in proptest::collection::vec(step(), 1..30)) {
            let mut r = reader(50, 8);
            for step in steps {
                apply(&mut r, step);
                check(&r)?;
            }
        }

        #[test]
        fn the_invariants_hold_with_a_source_shown_or_not(
            steps in proptest::collection::vec(step(), 1..30),
        ) {
            let mut r = converted_reader();
            for step in steps {
                apply(&mut r, step);
                check(&r)?;
                prop_assert_eq!(r.doc.view(), if r.source_shown() { View::Raw } else { View::Repaired });
            }
        }
    }

    fn apply(r: &mut Reader, step: Step) {
        match step {
            Step::Scroll(n) => r.scroll(n),
            Step::Paragraph(n) => r.paragraph(n),
            Step::Leap(p, b) => r.leap(Position::new(p, b)),
            Step::LeapBack => {
                r.leap_back();
            }
            Step::Filter(paragraphs) => r.set_filter(filter(&paragraphs)),
            Step::NoFilter => r.set_filter(None),
            // The app shows the source instead of another view of a
            // converted article (see `App::set_view`).
            Step::View(_) if r.has_source() => {}
            Step::View(raw) => r.set_view(if raw { View::Raw } else { View::Repaired }),
            Step::Source(shown) => r.show_source(shown),
            Step::Height(height) => r.fit(50, height),
        }
    }

    const NOTES: &[u8] = include_bytes!("../../../tests/fixtures/formats/notes.md");

    /// The Markdown fixture as converted, its source kept.
    fn converted_reader() -> Reader {
        let format = crate::format::Format::Markdown;
        let converted = crate::format::convert(format, NOTES).expect("converts");
        let doc = crate::load::load_with_headings(converted.text.as_bytes(), converted.headings)
            .expect("loads");
        let mut reader = Reader::new(doc);
        reader.set_source(Document::from_text(
            std::str::from_utf8(NOTES).expect("utf-8"),
        ));
        reader.fit(50, 8);
        reader
    }

    /// To the source and back without moving: the same places.
    #[test]
    fn the_source_and_back_keeps_the_places() {
        let mut r = converted_reader();
        for paragraph in 0..r.doc.len() {
            r.leap(Position::new(paragraph, 0));
            let (reading, back) = (r.reading(), r.back);
            r.show_source(true);
            assert!(r.source_shown());
            assert_eq!(r.doc.view(), View::Raw, "the source as split");
            r.show_source(false);
            assert_eq!((r.reading(), r.back), (reading, back), "¶{paragraph}");
        }
    }

    /// The filter-then-`r` bug of issue 14: the filter kept repaired
    /// paragraph numbers, which name other text in the raw view.
    #[test]
    fn a_filter_shows_the_same_text_in_either_view() {
        let mut r = reader(80, 20);
        let text = |r: &Reader| -> String {
            let paragraphs = &r.filter().expect("filter").paragraphs;
            paragraphs.iter().map(|&p| r.doc.paragraph(p)).collect()
        };
        for paragraph in 0..r.doc.len() {
            r.set_view(View::Repaired);
            r.set_filter(filter(&[paragraph]));
            let repaired: String = text(&r).split_whitespace().collect();
            r.set_view(View::Raw);
            let raw: String = text(&r).split_whitespace().collect();
            assert_eq!(raw, repaired, "¶{paragraph}");
        }
    }

    #[test]
    fn switching_views_there_and_back_keeps_the_places() {
        let mut r = reader(80, 10);
        for paragraph in (0..r.doc.len()).step_by(3) {
            r.set_view(View::Repaired);
            r.leap(Position::new(paragraph, 0));
            let (reading, back) = (r.reading(), r.back);
            r.set_view(View::Raw);
            assert_ne!(r.view(), View::Repaired);
            r.set_view(View::Repaired);
            assert_eq!((r.reading(), r.back), (reading, back), "¶{paragraph}");
        }
    }

    #[test]
    fn a_passage_that_cannot_reach_the_top_is_read_until_scrolling() {
        let mut r = reader(80, 40);
        let last = r.doc.len() - 1;
        r.go_to(Position::new(last, 0));
        assert_eq!(r.reading(), Position::new(last, 0));
        assert_ne!(r.view_top().paragraph, last, "the article ends first");
        r.scroll(-1);
        assert_eq!(r.reading(), r.view_top());
    }

    #[test]
    fn leap_back_goes_back_and_forth() {
        let mut r = reader(80, 10);
        assert!(!r.leap_back(), "nothing to go back to");
        r.leap(Position::new(6, 0));
        assert!(r.leap_back());
        assert_eq!(r.reading(), Position::default());
        assert!(r.leap_back());
        assert_eq!(r.reading().paragraph, 6);
    }
}
