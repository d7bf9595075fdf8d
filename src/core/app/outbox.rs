//! The app's outbox: what it asks the edges to do that the pure core
//! cannot (save to disk, stop the process, run work on another thread).
//!
//! Each method is a take-style drain: it hands a request over once and
//! notes that it did, so asking again gives nothing new until something
//! else is due. None of them changes what the reader sees; the answer
//! comes back through [`App::update`] as a [`Change`]: `Saved` or
//! `SaveFailed`, `RulesWritten` or `RulesWriteFailed`, `CannotSuspend`,
//! `Detected`, `Searched`.

use std::sync::Arc;

use super::{App, Change, SearchJob};
use crate::bookmarks::Op;
use crate::detect::{Rules, detect_with};
use crate::document::Document;

/// Detection over a snapshot of the text, for the event loop to run in a
/// thread. Cheap to make: the document's text is shared, not copied.
pub struct DetectionJob {
    generation: u64,
    doc: Arc<Document>,
    rules: Arc<Rules>,
}

impl DetectionJob {
    /// Detects, and says what was found as the change to hand back.
    pub fn run(&self) -> Change {
        Change::Detected {
            generation: self.generation,
            view: self.doc.view(),
            annotations: detect_with(&self.doc, &self.rules),
        }
    }
}

impl App {
    /// Changes to persist, oldest first, when a save is due (a change was
    /// made, quitting, a retry); else none. The edge saves them and answers
    /// with `Change::Saved` or `Change::SaveFailed`.
    pub fn take_saves(&mut self) -> Vec<Op> {
        self.marks.take_saves()
    }

    /// Changes to write to the user's rules file, oldest first, when a
    /// write is due; else none. The edge writes them and answers with
    /// `Change::RulesWritten` or `Change::RulesWriteFailed`.
    pub fn take_rule_writes(&mut self) -> Vec<crate::rule_edits::RuleOp> {
        self.rule_writes.take()
    }

    /// Ctrl-Z asked to stop margin: true once. The edge stops the process,
    /// or answers `Change::CannotSuspend`.
    pub fn take_suspend(&mut self) -> bool {
        std::mem::take(&mut self.suspend)
    }

    /// A detection to run, when the annotations are stale.
    ///
    /// While a file loads, detection runs again only once the text has
    /// doubled since the last run: "found so far" keeps growing, and all the
    /// runs together cost at most twice one run over the whole file.
    pub fn take_detection_job(&mut self) -> Option<DetectionJob> {
        let generation = self
            .schedule
            .next_run(self.reader.doc().total_bytes(), self.loading.is_some())?;
        Some(DetectionJob {
            generation,
            doc: self.reader.shared_doc(),
            rules: Arc::clone(&self.rules),
        })
    }

    /// `r` on a converted article asked for its source, not kept yet: true
    /// once. The edge answers with `Change::SourceLoaded`.
    pub fn take_source_request(&mut self) -> bool {
        let wanted = self.source == super::SourceState::Wanted;
        if wanted {
            self.source = super::SourceState::Asked;
        }
        wanted
    }

    /// Counting for the search in force, when it is not counted and not
    /// handed over yet. The edge answers with `Change::Searched`.
    pub fn take_search_job(&mut self) -> Option<SearchJob> {
        self.search_job()
    }
}
