//! The panel's entries as the reader uses them: their text, the passages
//! they name (Enter, `.`/`,`), the paragraphs `f` shows and `]`/`[` stop at.

use super::annotated::OwnMarks;
use super::stops::Mentions;
use super::{App, Filter};
use crate::detect::Annotations;
use crate::document::Position;
use crate::panel::Source;

impl App {
    pub(super) fn activate(&mut self) {
        let Some(entry) = self.annotated.entry(self.selection.selected()) else {
            return;
        };
        let (target, label) = (
            entry.target(),
            format!(
                "{} {}",
                entry.span_label(),
                self.entry_label(self.selection.selected())
            ),
        );
        self.reader.go_to(target);
        self.message = Some(label);
    }

    /// The panel anew, for a change of bookmarks.
    pub(super) fn rebuild_panel(&mut self) {
        let marks = self.own_marks();
        let paragraphs = self.reader.doc().len();
        self.annotated.bookmarks_changed(&marks, paragraphs);
        self.keep_selection_visible();
    }

    /// New annotations, and everything derived from them, at once.
    pub(super) fn annotate(&mut self, annotations: Annotations) {
        let marks = self.own_marks();
        let corrections = &self.marks.state().corrections;
        (self.annotated).replace(annotations, corrections, self.reader.doc(), &marks);
        self.keep_selection_visible();
    }

    /// The corrections changed (the reader's, or another copy's merged
    /// in): applied anew to what detection found.
    pub(super) fn corrections_changed(&mut self) {
        let marks = self.own_marks();
        let corrections = &self.marks.state().corrections;
        (self.annotated).corrections_changed(corrections, self.reader.doc(), &marks);
        self.keep_selection_visible();
    }

    /// Where the bookmarks and highlights are in the view shown, in the
    /// state's order: an entry names its mark by index.
    fn own_marks(&self) -> OwnMarks {
        let state = self.marks.state();
        OwnMarks {
            bookmarks: state
                .bookmarks
                .iter()
                .map(|b| self.shown_position(b))
                .collect(),
            highlights: (state.highlights.iter())
                .map(|h| {
                    let (paragraph, range) = self.shown_highlight(h);
                    Position::new(paragraph, range.start)
                })
                .collect(),
        }
    }

    /// The text of panel entry `index` (made when needed: see `panel::label`).
    pub fn entry_label(&self, index: usize) -> String {
        self.annotated
            .entry(index)
            .map(|e| {
                crate::panel::label(
                    &e,
                    self.reader.doc(),
                    self.annotated.annotations(),
                    self.marks.state(),
                )
            })
            .unwrap_or_default()
    }

    /// The second line of panel entry `index`, if it has one.
    pub fn entry_detail(&self, index: usize) -> Option<String> {
        self.annotated.entry(index).and_then(|e| {
            crate::panel::detail(
                &e,
                self.reader.doc(),
                self.annotated.annotations(),
                &self.rules.fate_cues,
            )
        })
    }

    /// Where the evidence of a panel entry is, in order.
    pub(super) fn mentions(&self, source: &Source) -> Mentions<'_> {
        let a = self.annotated.annotations();
        match source {
            Source::Role(i) => a.roles.get(*i).map(|r| Mentions::List(&r.mentions)),
            Source::Product(i) => a.products.get(*i).map(|p| Mentions::List(&p.mentions)),
            Source::Section(i) => a
                .sections
                .get(*i)
                .map(|s| Mentions::One(Position::new(s.paragraph, 0))),
            Source::Date(i) => a
                .dates
                .get(*i)
                .map(|d| Mentions::One(Position::new(d.paragraph, d.range.start))),
            Source::Bookmark(i) => self
                .marks
                .state()
                .bookmarks
                .get(*i)
                .map(|b| Mentions::One(self.shown_position(b))),
            Source::Highlight(i) => self.marks.state().highlights.get(*i).map(|h| {
                let (paragraph, range) = self.shown_highlight(h);
                Mentions::One(Position::new(paragraph, range.start))
            }),
        }
        .unwrap_or(Mentions::List(&[]))
    }

    /// The paragraphs `f` shows for a panel entry.
    pub(super) fn entry_paragraphs(&self, index: usize) -> Vec<usize> {
        let Some(entry) = self.annotated.entry(index) else {
            return Vec::new();
        };
        let mut paragraphs: Vec<usize> = match entry.source {
            Source::Product(_) => {
                let mut last = None;
                self.mentions(&entry.source)
                    .iter()
                    .map(|m| m.paragraph)
                    .filter(|&p| last.replace(p) != Some(p))
                    .collect()
            }
            _ => entry.paragraphs().collect(),
        };
        paragraphs.dedup();
        paragraphs.retain(|&p| p < self.reader.doc().len());
        paragraphs
    }

    pub(super) fn toggle_filter(&mut self) {
        if self.reader.filter().is_some() {
            self.reader.set_filter(None);
            self.message = Some("filter off: every paragraph".to_owned());
        } else {
            let paragraphs = self.entry_paragraphs(self.selection.selected());
            if paragraphs.is_empty() {
                self.message = Some("select a panel entry to filter by (Tab, then j/k)".to_owned());
                return;
            }
            let label = self.entry_label(self.selection.selected());
            self.message = Some(format!(
                "showing {} paragraph(s) of {label} (f: all)",
                paragraphs.len()
            ));
            self.reader.set_filter(Some(Filter { label, paragraphs }));
        }
    }

    /// `]` / `[`: headings and role sections; without any, annotated paragraphs.
    pub(super) fn section(&mut self, n: isize) {
        let here = self.reading().paragraph;
        let len = self.reader.doc().len();
        match self.annotated.section_step(here, n, len) {
            Some(paragraph) => {
                self.reader.leap(Position::new(paragraph, 0));
                let title = self
                    .annotated
                    .current(paragraph)
                    .map(|i| self.entry_label(i))
                    .unwrap_or_default();
                self.message = Some(format!("¶{} {title}", paragraph + 1));
            }
            None => {
                self.message = Some(
                    if n > 0 {
                        "no annotated section below"
                    } else {
                        "no annotated section above"
                    }
                    .to_owned(),
                )
            }
        }
    }

    /// `.` / `,`: steps through the selected entry's mentions.
    pub(super) fn mention(&mut self, n: isize) {
        let Some(entry) = self.annotated.entry(self.selection.selected()) else {
            return;
        };
        let label = self.entry_label(self.selection.selected());
        let mentions = self.mentions(&entry.source);
        if mentions.len() == 0 {
            self.message = Some(format!("{label}: no mentions"));
            return;
        }
        // Detection lists mentions in text order, so the lines holding them
        // are in order too: a search finds the next one, where copying the
        // list (Alipay has 455 580 mentions in the 100 MB test file) or
        // wrapping every paragraph before the reader would cost per press.
        let here = self.view_top();
        let index = if n > 0 {
            Some(mentions.partition_point(|m| self.reader.cmp_line(m, here).is_le()))
                .filter(|&i| i < mentions.len())
                .unwrap_or(0)
        } else {
            mentions
                .partition_point(|m| self.reader.cmp_line(m, here).is_lt())
                .checked_sub(1)
                .unwrap_or(mentions.len() - 1)
        };
        let (count, target) = (mentions.len(), mentions.get(index));
        let target = self.reader.line_start(target);
        self.reader.leap(target);
        self.message = Some(format!(
            "{label}: mention {}/{count} (¶{})",
            index + 1,
            target.paragraph + 1
        ));
    }
}
