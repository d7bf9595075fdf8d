//! The annotations detection found and what is derived from them: the
//! panel's rows and the paragraphs `]`/`[` stop at. Private fields keep
//! them in step: a detection result replaces all of it at once, and a
//! change of bookmarks rebuilds the panel over the same annotations.

use std::cell::OnceCell;

use super::stops::SectionStops;
use crate::corrections::{self, Corrected, Correction};
use crate::detect::Annotations;
use crate::document::{Document, Position};
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
    /// What detection found, as it found it: corrections apply to it anew
    /// when they change.
    detected: Annotations,
    /// `detected` with the reader's corrections, while there are any (no
    /// second copy of a big article's annotations otherwise).
    corrected: Option<Corrected>,
    /// Built from the annotations shown and the bookmarks.
    panel: Panel,
    /// Made from the annotations shown on the first `]` or `[` that needs them.
    stops: OnceCell<SectionStops>,
}

impl Annotated {
    /// `annotations` with `corrections`, with a panel listing them and
    /// the reader's marks (in the view shown) of a text of `paragraphs`.
    pub(super) fn new(
        annotations: Annotations,
        corrections: &[Correction],
        doc: &Document,
        marks: &OwnMarks,
    ) -> Self {
        let corrected = (!corrections.is_empty())
            .then(|| corrections::apply_all(annotations.clone(), corrections, doc));
        let mut annotated = Self {
            detected: annotations,
            corrected,
            panel: Panel::default(),
            stops: OnceCell::new(),
        };
        annotated.bookmarks_changed(marks, doc.len());
        annotated
    }

    /// A detection result: everything derived from the old one goes with it.
    pub(super) fn replace(
        &mut self,
        annotations: Annotations,
        corrections: &[Correction],
        doc: &Document,
        marks: &OwnMarks,
    ) {
        // The old panel and annotations go first: on a 100 MB article each
        // is tens of megabytes.
        *self = Self::default();
        *self = Self::new(annotations, corrections, doc, marks);
    }

    /// The corrections changed: applied anew to what detection found.
    pub(super) fn corrections_changed(
        &mut self,
        corrections: &[Correction],
        doc: &Document,
        marks: &OwnMarks,
    ) {
        let detected = std::mem::take(&mut self.detected);
        self.replace(detected, corrections, doc, marks);
    }

    /// The bookmarks or highlights changed: the panel lists them anew.
    pub(super) fn bookmarks_changed(&mut self, marks: &OwnMarks, paragraphs: usize) {
        // The old panel goes first: its section ends are 4 bytes a section.
        self.panel = Panel::default();
        self.panel = Panel::build_with(
            self.annotations(),
            &marks.bookmarks,
            &marks.highlights,
            paragraphs,
        );
    }

    /// What detection found, before corrections.
    pub(super) fn detected(&self) -> &Annotations {
        &self.detected
    }

    /// The corrections as applied, if any.
    pub(super) fn corrected(&self) -> Option<&Corrected> {
        self.corrected.as_ref()
    }

    /// The annotations shown: detection's, corrected.
    pub(super) fn annotations(&self) -> &Annotations {
        self.corrected
            .as_ref()
            .map_or(&self.detected, |c| &c.annotations)
    }

    pub(super) fn panel(&self) -> &Panel {
        &self.panel
    }

    /// Panel entry `index`.
    pub(super) fn entry(&self, index: usize) -> Option<Entry> {
        self.panel.entry(index, self.annotations())
    }

    /// The panel entry for paragraph `paragraph` (marked ▸).
    pub(super) fn current(&self, paragraph: usize) -> Option<usize> {
        self.panel.current(paragraph, self.annotations())
    }

    /// The paragraph `]` (`n` > 0) or `[` goes to from `here`, among the
    /// `len` paragraphs shown.
    pub(super) fn section_step(&self, here: usize, n: isize, len: usize) -> Option<usize> {
        let annotations = self.annotations();
        let stops = self.stops.get_or_init(|| SectionStops::new(annotations));
        stops.step(annotations, here, n, len)
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
        let mut annotated = Annotated::new(repaired.clone(), &[], &doc, &OwnMarks::default());
        let first = annotated.section_step(0, 1, doc.len());
        assert!(first.is_some(), "the article has sections");
        doc.set_view(View::Raw);
        let raw = detect_with(&doc, &crate::detect::Rules::bundled());
        annotated.replace(raw.clone(), &[], &doc, &OwnMarks::default());
        let fresh = Annotated::new(raw, &[], &doc, &OwnMarks::default());
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
        let mut annotated = Annotated::new(annotations.clone(), &[], &doc, &OwnMarks::default());
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
