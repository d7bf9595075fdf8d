//! The annotations detection found and what is derived from them: the
//! panel's rows and the paragraphs `]`/`[` stop at. Private fields keep
//! them in step: a detection result replaces all of it at once, and a
//! change of bookmarks rebuilds the panel over the same annotations.

use std::cell::OnceCell;

use super::stops::SectionStops;
use crate::detect::Annotations;
use crate::document::Position;
use crate::panel::{Entry, Panel};

/// Where the reader's own bookmarks and highlights are in the view shown,
/// in the article state's order (an entry names its mark by index).
#[derive(Debug, Default)]
pub(super) struct OwnMarks {
    pub(super) bookmarks: Vec<Position>,
    pub(super) highlights: Vec<Position>,
}

#[derive(Debug, Default)]
pub(super) struct Annotated {
    annotations: Annotations,
    /// Built from `annotations` and the bookmarks.
    panel: Panel,
    /// Made from `annotations` on the first `]` or `[` that needs them.
    stops: OnceCell<SectionStops>,
}

impl Annotated {
    /// `annotations`, with a panel listing them and the `bookmarks` (in
    /// the view shown, in the state's order) of a text of `paragraphs`.
    pub(super) fn new(annotations: Annotations, marks: &OwnMarks, paragraphs: usize) -> Self {
        let panel = Panel::build_with(
            &annotations,
            &marks.bookmarks,
            &marks.highlights,
            paragraphs,
        );
        Self {
            annotations,
            panel,
            stops: OnceCell::new(),
        }
    }

    /// A detection result: everything derived from the old one goes with it.
    pub(super) fn replace(
        &mut self,
        annotations: Annotations,
        marks: &OwnMarks,
        paragraphs: usize,
    ) {
        // The old panel and annotations go first: on a 100 MB article each
        // is tens of megabytes.
        *self = Self::default();
        *self = Self::new(annotations, marks, paragraphs);
    }

    /// The bookmarks or highlights changed: the panel lists them anew.
    pub(super) fn bookmarks_changed(&mut self, marks: &OwnMarks, paragraphs: usize) {
        // The old panel goes first: its section ends are 4 bytes a section.
        self.panel = Panel::default();
        self.panel = Panel::build_with(
            &self.annotations,
            &marks.bookmarks,
            &marks.highlights,
            paragraphs,
        );
    }

    pub(super) fn annotations(&self) -> &Annotations {
        &self.annotations
    }

    pub(super) fn panel(&self) -> &Panel {
        &self.panel
    }

    /// Panel entry `index`.
    pub(super) fn entry(&self, index: usize) -> Option<Entry> {
        self.panel.entry(index, &self.annotations)
    }

    /// The panel entry for paragraph `paragraph` (marked ▸).
    pub(super) fn current(&self, paragraph: usize) -> Option<usize> {
        self.panel.current(paragraph, &self.annotations)
    }

    /// The paragraph `]` (`n` > 0) or `[` goes to from `here`, among the
    /// `len` paragraphs shown.
    pub(super) fn section_step(&self, here: usize, n: isize, len: usize) -> Option<usize> {
        let stops = self
            .stops
            .get_or_init(|| SectionStops::new(&self.annotations));
        stops.step(&self.annotations, here, n, len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::detect_with;
    use crate::document::{Document, View};

    fn doc() -> Document {
        crate::load::load_bytes(include_bytes!("../../../assets/article.txt")).expect("loads")
    }

    /// Every entry and every section stop names annotations of the text
    /// it is shown with, whichever detection delivered last.
    #[test]
    fn a_detection_result_replaces_what_is_derived_from_the_last() {
        let mut doc = doc();
        let repaired = detect_with(&doc, &crate::detect::Rules::bundled());
        let mut annotated = Annotated::new(repaired.clone(), &OwnMarks::default(), doc.len());
        let first = annotated.section_step(0, 1, doc.len());
        assert!(first.is_some(), "the article has sections");
        doc.set_view(View::Raw);
        let raw = detect_with(&doc, &crate::detect::Rules::bundled());
        annotated.replace(raw.clone(), &OwnMarks::default(), doc.len());
        let fresh = Annotated::new(raw, &OwnMarks::default(), doc.len());
        assert_eq!(annotated.panel().len(), fresh.panel().len());
        for here in 0..doc.len() {
            for n in [1, -1] {
                assert_eq!(
                    annotated.section_step(here, n, doc.len()),
                    fresh.section_step(here, n, doc.len()),
                    "¶{here} {n}"
                );
            }
        }
        let labels = |a: &Annotated| -> Vec<String> {
            (0..a.panel().len())
                .filter_map(|i| a.entry(i))
                .map(|e| e.span_label())
                .collect()
        };
        assert_eq!(labels(&annotated), labels(&fresh));
        assert_ne!(annotated.panel().len(), 0);
        assert_ne!(repaired.sections.len(), 0);
    }

    #[test]
    fn bookmarks_change_the_panel_not_the_annotations() {
        let doc = doc();
        let annotations = detect_with(&doc, &crate::detect::Rules::bundled());
        let mut annotated = Annotated::new(annotations.clone(), &OwnMarks::default(), doc.len());
        let before = annotated.panel().len();
        let marks = OwnMarks {
            bookmarks: vec![Position::new(3, 0)],
            highlights: vec![Position::new(4, 2)],
        };
        annotated.bookmarks_changed(&marks, doc.len());
        assert_eq!(annotated.panel().len(), before + 2);
        assert_eq!(annotated.annotations(), &annotations);
        annotated.bookmarks_changed(&OwnMarks::default(), doc.len());
        assert_eq!(annotated.panel().len(), before);
    }
}
