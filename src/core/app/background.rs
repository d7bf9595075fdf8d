//! Work that arrives from outside the key loop: a file streaming in, and
//! detection run on it in the background.

use super::{App, DETECT_NOW_BYTES, Loading};
use crate::detect::{Annotations, detect_with};
use crate::document::{Block, View};
use crate::layout::areas::Areas;

/// How far past the reading position a pipe is read: a pipe can be endless
/// (`yes | margin -`), and what is read is kept.
pub const READ_AHEAD_BYTES: u64 = 64 << 20;

impl App {
    /// Marks the file as still streaming in.
    pub(super) fn start_loading(&mut self, bytes_read: u64, size: Option<u64>) {
        self.loading = Some(Loading { bytes_read, size });
        self.schedule.text_changed();
        self.relayout_for_gutter();
    }

    /// Lays out again when the gutter's width changes: the paragraph count
    /// (or its estimate while loading) gained or lost a digit.
    pub(super) fn relayout_for_gutter(&mut self) {
        let areas = Areas::compute(
            self.areas.size,
            self.panel_shown(),
            self.numbered_paragraphs(),
            &self.layout,
        );
        if self.areas != areas {
            self.relayout();
        }
    }

    /// More text arrived from the reader thread.
    pub(super) fn append(&mut self, block: Block, bytes_read: u64) {
        self.reader.push_block(block);
        if let Some(loading) = &mut self.loading {
            loading.bytes_read = bytes_read;
        }
        self.schedule.text_changed();
        self.relayout_for_gutter();
        if self.follow_end {
            self.reader.jump(self.reader.max_top());
        }
    }

    /// How far into a pipe to read: a stretch past the reading position,
    /// or on and on while following the end (`G`), as `less` does.
    pub fn read_ahead_target(&self) -> u64 {
        if self.follow_end {
            return u64::MAX;
        }
        let total = self.reader.doc().total_bytes();
        let reading = (self.reader.doc().fraction(self.view_top()) * total as f64) as u64;
        reading.saturating_add(READ_AHEAD_BYTES)
    }

    /// The whole file is in.
    pub(super) fn finish_loading(&mut self, replaced_bytes: usize) {
        self.reader.finish(Some(replaced_bytes));
        self.loading = None;
        self.schedule.text_changed();
        self.relayout_for_gutter();
        self.refresh_search(self.reader.doc().view());
        if self.follow_end {
            self.reader.jump(self.reader.max_top());
            self.follow_end = false;
        }
        if replaced_bytes > 0 {
            self.message = Some(format!(
                "{replaced_bytes} invalid UTF-8 byte(s) replaced with �"
            ));
        }
    }

    /// Loading stopped on a read error: keep what is there, say so.
    pub(super) fn loading_failed(&mut self, reason: String) {
        self.loading = None;
        self.reader.finish(None);
        self.message = Some(format!("{reason}; showing what was read"));
    }

    /// After the view changed: detection over a small document runs now;
    /// over a big one it is left to a background thread (see `App::take_detection_job`).
    pub(super) fn refresh_annotations(&mut self) {
        if self.reader.doc().is_complete() && self.reader.doc().total_bytes() < DETECT_NOW_BYTES {
            let annotations = detect_with(self.reader.doc(), &self.rules);
            self.annotate(annotations);
            self.schedule.detected_here();
        } else {
            // Annotations place sections, dates and quotes by paragraph index
            // and byte range of the view they were found in: in the other
            // view they would label the wrong text until detection is done.
            self.annotate(Annotations::default());
            self.schedule.start_over();
        }
    }

    /// Annotations computed on the snapshot of `generation`.
    pub(super) fn detected(&mut self, generation: u64, annotations: Annotations, view: View) {
        if view != self.reader.doc().view() || !self.schedule.accept(generation) {
            return;
        }
        self.annotate(annotations);
    }
}
