//! When detection runs again, and which of its results still apply. The
//! text changes (more of it loads, the view switches) faster than detection
//! finishes; results come back in any order. Private fields keep the rules
//! in one place: a run is asked for only when the text changed since the
//! last, a loading file's only once it has doubled, and a result older
//! than one already applied is dropped.

#[derive(Debug)]
pub(super) struct Schedule {
    /// The text changed since the annotations were computed.
    stale: bool,
    /// Text size when detection last started.
    detected_bytes: u64,
    /// Generation of the last detection asked for and applied.
    requested: u64,
    applied: u64,
}

impl Schedule {
    /// `stale`: the annotations at hand do not cover the text.
    pub(super) fn new(stale: bool) -> Self {
        Self {
            stale,
            detected_bytes: 0,
            requested: 0,
            applied: 0,
        }
    }

    /// The text changed: detect again when a run is due.
    pub(super) fn text_changed(&mut self) {
        self.stale = true;
    }

    /// The annotations were just computed on the whole text, here.
    pub(super) fn detected_here(&mut self) {
        self.stale = false;
    }

    /// The annotations were dropped (they named the other view): detect
    /// again at once, even while loading.
    pub(super) fn start_over(&mut self) {
        self.stale = true;
        self.detected_bytes = 0;
    }

    /// A new run's generation, if one is due for `size` bytes of text.
    /// While loading, a run is due once the text has doubled since the last:
    /// all the runs together cost at most twice one run over the whole file.
    pub(super) fn next_run(&mut self, size: u64, loading: bool) -> Option<u64> {
        if !self.stale || (loading && size < self.detected_bytes.saturating_mul(2)) {
            return None;
        }
        self.detected_bytes = size;
        self.stale = false;
        self.requested += 1;
        Some(self.requested)
    }

    /// Whether the result of run `generation` is newer than what is shown;
    /// if so it is now what is shown.
    pub(super) fn accept(&mut self, generation: u64) -> bool {
        if generation <= self.applied {
            return false;
        }
        self.applied = generation;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loading_file_is_detected_again_only_once_it_doubled() {
        let mut schedule = Schedule::new(true);
        assert_eq!(schedule.next_run(100, true), Some(1));
        schedule.text_changed();
        assert_eq!(schedule.next_run(199, true), None);
        assert_eq!(schedule.next_run(200, true), Some(2));
        schedule.text_changed();
        // Loaded: due at once.
        assert_eq!(schedule.next_run(201, false), Some(3));
        assert_eq!(schedule.next_run(201, false), None, "nothing changed");
    }

    #[test]
    fn an_older_result_never_replaces_a_newer_one() {
        let mut schedule = Schedule::new(true);
        let first = schedule.next_run(10, false).expect("due");
        schedule.start_over();
        let second = schedule.next_run(10, true).expect("due at once");
        assert!(schedule.accept(second));
        assert!(!schedule.accept(first));
    }
}
