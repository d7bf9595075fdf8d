//! Search in the reader: `/` with matches found as you type, `n`/`N` to
//! step, over the whole document (not only what has been wrapped).
//!
//! A keystroke never searches the whole of a big document: it looks for
//! the first match from where the search started, a budget of text at
//! most, and the event loop counts the matches in the background (see
//! [`App::take_search_job`]); a step the budget did not reach is taken when the
//! counts arrive, and they find it at once.

use std::sync::Arc;

use super::{App, Mode};
use crate::document::{Document, Position, View};
use crate::search::{
    BLOCK_PARAGRAPHS, Counts, Landing, Match, Matches, ParagraphMatches, Query, Unfinished, Way,
};

/// The search in force: its matches and the one stepped to.
#[derive(Debug, Clone)]
pub struct SearchState {
    pub matches: Matches,
    pub current: Option<Match>,
    /// The counts this search waits for, once handed to the event loop.
    generation: u64,
    counting: bool,
    /// A step the budget did not reach, taken once the counts are in.
    pending: Option<Pending>,
    /// "match i/N" to say once the counts are in: whether it wrapped.
    announce: Option<bool>,
}

impl SearchState {
    pub fn query(&self) -> &Query {
        self.matches.query()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pending {
    from: Position,
    way: Way,
    /// Say which match it landed on (`n`, `N`, or Enter pressed meanwhile).
    announce: bool,
}

/// How much a keystroke may search; the tests shrink these to take the
/// background path on a small article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct SearchLimits {
    /// Below this much text the matches are counted at once, in the keystroke.
    pub now_bytes: u64,
    /// Text a step searches before it waits for the counts instead.
    pub budget_bytes: usize,
    pub block_paragraphs: usize,
}

impl Default for SearchLimits {
    fn default() -> Self {
        SearchLimits {
            // Counting 256 KB is well under a millisecond for a word and a
            // few for a regex with no literal in it.
            now_bytes: 256 << 10,
            // A megabyte: a millisecond or two for any query.
            budget_bytes: 1 << 20,
            block_paragraphs: BLOCK_PARAGRAPHS,
        }
    }
}

/// Counting a search's matches, for the event loop to run in a thread.
pub struct SearchJob {
    pub generation: u64,
    doc: Arc<Document>,
    query: Query,
    block: usize,
}

impl SearchJob {
    /// None when `stop` said to give up.
    pub fn count(&self, stop: &dyn Fn() -> bool) -> Option<Counts> {
        Counts::count(&self.doc, &self.query, self.block, stop)
    }
}

impl App {
    pub(super) fn start_search(&mut self) {
        self.search_origin = self.view_top();
        self.mode = Mode::Search(String::new());
    }

    /// Each keystroke searches again and shows the first match from where
    /// the search started.
    pub(super) fn search_typed(&mut self) {
        let Mode::Search(text) = &self.mode else {
            return;
        };
        if text.is_empty() {
            self.search = None;
            self.reader.jump(self.search_origin);
            return;
        }
        let query = Query::parse(text);
        self.new_search(query);
        self.search_step(Pending {
            from: self.search_origin,
            way: Way::First,
            announce: false,
        });
    }

    /// A search for `query` over the document as it is now: counted at
    /// once when the document is small, else by a job.
    fn new_search(&mut self, query: Query) {
        let limits = self.search_limits;
        let mut matches = Matches::new(query, limits.block_paragraphs);
        if self.reader.doc().total_bytes() < limits.now_bytes {
            let counts = Counts::count(
                self.reader.doc(),
                matches.query(),
                limits.block_paragraphs,
                &|| false,
            );
            if let Some(counts) = counts {
                matches.set_counts(counts);
            }
        }
        self.search_generation += 1;
        self.search = Some(SearchState {
            matches,
            current: None,
            generation: self.search_generation,
            counting: false,
            pending: None,
            announce: None,
        });
    }

    /// The text changed (raw toggle from view `was`, more loaded): find the
    /// matches again, and the match the reader was on, without moving the
    /// pane; a step or an announcement still waiting is kept. (Dropping them
    /// made Enter say "no match" when the last block came in while typing.)
    pub(super) fn refresh_search(&mut self, was: View) {
        let now = self.reader.doc().view();
        self.refresh_search_by(|app, at| app.reader.doc().map_between(at, was, now));
    }

    /// `refresh_search` for any change of the text shown: `moved` says
    /// where a place of the text shown before is in the text shown now.
    pub(super) fn refresh_search_by(&mut self, moved: impl Fn(&App, Position) -> Position) {
        let Some(old) = self.search.take() else {
            return;
        };
        let current = old.current.as_ref().map(|m| moved(self, m.start()));
        let pending = old.pending.map(|p| Pending {
            from: moved(self, p.from),
            ..p
        });
        self.new_search(old.query().clone());
        let Some(state) = &mut self.search else {
            return;
        };
        // No budget: the match is where it was, or near it in the other
        // view, so this reads a block or two, and counted or not the
        // reader stays on it.
        if let Some(from) = current
            && let Ok(Some(landing)) = state
                .matches
                .step(self.reader.doc(), from, Way::First, None)
        {
            state.current = Some(landing.found);
        }
        state.pending = pending;
        state.announce = old.announce;
        if state.matches.counts().is_some() {
            self.counted();
        }
    }

    /// Counting for the search in force, when it is not counted yet: the
    /// document is shared, not copied.
    pub(super) fn search_job(&mut self) -> Option<SearchJob> {
        let doc = self.reader.shared_doc();
        let state = self.search.as_mut()?;
        if state.counting || state.matches.counts().is_some() {
            return None;
        }
        state.counting = true;
        Some(SearchJob {
            generation: state.generation,
            doc,
            query: state.query().clone(),
            block: state.matches.block_paragraphs(),
        })
    }

    /// The generation whose counts are awaited, if any: a job for another
    /// one was typed over and can stop.
    pub fn search_counting(&self) -> Option<u64> {
        self.search
            .as_ref()
            .filter(|s| s.counting && s.matches.counts().is_none())
            .map(|s| s.generation)
    }

    /// The counts of the job of `generation`: a waiting step is taken.
    pub(super) fn searched(&mut self, generation: u64, counts: Counts) {
        let Some(state) = self.search.as_mut().filter(|s| s.generation == generation) else {
            return;
        };
        state.matches.set_counts(counts);
        self.counted();
    }

    /// The counts are in: the step or announcement waiting for them is made.
    fn counted(&mut self) {
        let Some(state) = self.search.as_mut() else {
            return;
        };
        if let Some(pending) = state.pending.take() {
            self.search_step(pending);
        } else if let Some(wrapped) = state.announce.take() {
            self.announce_match(wrapped);
        }
    }

    /// Another action: a step or an announcement still waiting for the
    /// counts is dropped rather than move the pane later. Enter keeps
    /// them, and a resize is not the reader's doing.
    pub(super) fn search_interrupted(&mut self, keep_announce: bool) {
        if let Some(state) = &mut self.search {
            state.pending = None;
            if !keep_announce {
                state.announce = None;
            }
        }
    }

    pub(super) fn submit_search(&mut self) {
        self.mode = Mode::Normal;
        let Some(state) = &mut self.search else {
            return;
        };
        if let Some(pending) = &mut state.pending {
            pending.announce = true;
            self.message = Some(format!("searching for {}…", state.query().text()));
        } else if state.current.is_some() {
            self.announce_match(false);
        } else {
            self.message = Some(format!("no match for {}", state.query().text()));
        }
    }

    pub(super) fn cancel_search(&mut self) {
        self.mode = Mode::Normal;
        self.search = None;
        self.reader.jump(self.search_origin);
    }

    /// `n` (forward) and `N` (backward), wrapping at the ends.
    pub(super) fn step_match(&mut self, forward: bool) {
        let Some(state) = &self.search else {
            self.message = Some("no search yet: / searches".to_owned());
            return;
        };
        let from = state
            .current
            .as_ref()
            .map_or_else(|| self.view_top(), Match::start);
        self.search_step(Pending {
            from,
            way: if forward { Way::Next } else { Way::Prev },
            announce: true,
        });
    }

    /// Takes a step if the counts or the budget allow; else it waits.
    fn search_step(&mut self, step: Pending) {
        let Some(state) = &mut self.search else {
            return;
        };
        let budget = Some(self.search_limits.budget_bytes);
        match state
            .matches
            .step(self.reader.doc(), step.from, step.way, budget)
        {
            Ok(Some(landing)) => self.go_to_match(landing, step.announce),
            Ok(None) => {
                if step.announce {
                    self.message = Some(format!("no match for {}", state.query().text()));
                }
                if step.way == Way::First {
                    self.reader.jump(step.from);
                }
            }
            Err(Unfinished) => {
                state.pending = Some(step);
                if step.announce {
                    self.message = Some(format!("searching for {}…", state.query().text()));
                }
                if step.way == Way::First {
                    self.reader.jump(step.from);
                }
            }
        }
    }

    fn go_to_match(&mut self, landing: Landing, announce: bool) {
        let Some(state) = &mut self.search else {
            return;
        };
        let target = landing.found.start();
        state.current = Some(landing.found);
        let line = self.reader.line_start(target);
        // Near the end the match may not reach the top: it is still the
        // passage read (marked, bookmarked, named in the status bar).
        self.reader.go_to(line);
        if announce {
            self.announce_match(landing.wrapped);
        }
    }

    /// "match i/N", or, before the counts are in, that they are coming.
    fn announce_match(&mut self, wrapped: bool) {
        let Some(state) = &mut self.search else {
            return;
        };
        let number = state.current.as_ref().map_or(Some(0), |current| {
            state.matches.number(self.reader.doc(), current)
        });
        let mut message = match (number, state.matches.total()) {
            (Some(number), Some(total)) => format!("match {number}/{total}"),
            _ => {
                state.announce = Some(wrapped);
                "match …, counting the others".to_owned()
            }
        };
        if wrapped {
            message.push_str(" (search wrapped around)");
        }
        self.message = Some(message);
    }

    /// Matches in a paragraph, and where the current one starts.
    pub fn matches_in(&self, paragraph: usize) -> (ParagraphMatches, Option<Position>) {
        match &self.search {
            Some(state) => (
                state.matches.in_paragraph(self.reader.doc(), paragraph),
                state.current.as_ref().map(Match::start),
            ),
            None => (ParagraphMatches::default(), None),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use ratatui::layout::Size;

    use super::SearchLimits;
    use crate::app::{Action, App, Mode};
    use crate::document::Position;
    use crate::search::{Query, find_all};

    fn app() -> App {
        let doc =
            crate::load::load_bytes(include_bytes!("../../../assets/article.txt")).expect("loads");
        App::new(doc, "article.txt".into(), Size::new(120, 10))
    }

    fn type_query(a: &mut App, text: &str) {
        a.update(Action::StartSearch);
        for c in text.chars() {
            a.update(Action::InputChar(c));
        }
    }

    #[test]
    fn typing_finds_as_you_type_and_enter_keeps_it() {
        let mut a = app();
        type_query(&mut a, "wangwang");
        assert!(matches!(a.mode, Mode::Search(_)));
        assert_eq!(a.view_top().paragraph, 8);
        a.update(Action::InputSubmit);
        assert_eq!(a.mode, Mode::Normal);
        assert_eq!(a.message.as_deref(), Some("match 1/3"));
        a.update(Action::NextMatch);
        assert_eq!(a.message.as_deref(), Some("match 2/3"));
    }

    #[test]
    fn n_wraps_with_a_message_and_capital_n_goes_back() {
        let mut a = app();
        type_query(&mut a, "sesame|stars");
        a.update(Action::InputSubmit);
        assert!(
            a.message
                .as_deref()
                .is_some_and(|m| m.starts_with("match 1/2"))
        );
        a.update(Action::NextMatch);
        a.update(Action::NextMatch);
        assert_eq!(
            a.message.as_deref(),
            Some("match 1/2 (search wrapped around)")
        );
        a.update(Action::PrevMatch);
        assert_eq!(
            a.message.as_deref(),
            Some("match 2/2 (search wrapped around)")
        );
    }

    #[test]
    fn esc_cancels_and_returns() {
        let mut a = app();
        a.update(Action::Paragraph(2));
        let before = a.view_top();
        type_query(&mut a, "source role");
        assert_ne!(a.view_top(), before);
        a.update(Action::InputCancel);
        assert_eq!(a.view_top(), before);
        assert!(a.search.is_none());
    }

    #[test]
    fn no_match_says_so() {
        let mut a = app();
        type_query(&mut a, "zebra");
        a.update(Action::InputSubmit);
        assert_eq!(a.message.as_deref(), Some("no match for zebra"));
    }

    #[test]
    fn matches_are_found_again_in_the_raw_view() {
        let mut a = app();
        type_query(&mut a, "alibaba socially");
        a.update(Action::InputSubmit);
        let repaired = a.search.as_ref().and_then(|s| s.matches.total());
        assert_eq!(repaired, Some(1));
        a.update(Action::ToggleRaw);
        let raw = a.search.as_ref().and_then(|s| s.matches.total());
        assert_eq!(raw, Some(1), "the fragment still holds the words");
    }

    /// The background path on a small article: counted by a job, and a
    /// step searches only the block of two paragraphs it starts in.
    fn background(mut a: App) -> App {
        a.search_limits = SearchLimits {
            now_bytes: 0,
            budget_bytes: 0,
            block_paragraphs: 2,
        };
        a
    }

    /// What the event loop does: counts in a thread, then hands them over.
    fn count(a: &mut App) {
        while let Some(job) = a.take_search_job() {
            let counts = job.count(&|| false).expect("counted");
            a.searched(job.generation, counts);
        }
    }

    fn total(a: &App) -> Option<usize> {
        a.search.as_ref().and_then(|s| s.matches.total())
    }

    /// The article 20 times, streamed in: all but the last block in, the
    /// app loading.
    fn streaming() -> (App, crate::document::Block, u64) {
        let text = format!("{}\n\n", crate::load::BUNDLED).repeat(20);
        let mut loader = crate::load::Loader::new();
        let mut blocks = Vec::new();
        for chunk in text.as_bytes().chunks(4000) {
            blocks.extend(loader.push(chunk).expect("push"));
        }
        let last = loader.finish().expect("finish");
        let mut blocks = blocks.into_iter();
        let mut doc = crate::document::Document::default();
        doc.push_block(blocks.next().expect("a first block"));
        let mut a = App::new(doc, "big".into(), Size::new(120, 10));
        let size = text.len() as u64;
        a.start_loading(4000, Some(size));
        for block in blocks {
            a.append(block, 4000);
        }
        (a, last, size)
    }

    #[test]
    fn the_match_typed_stays_found_when_the_last_block_comes_in() {
        for counted_by_a_job in [false, true] {
            let (a, last, size) = streaming();
            let mut a = if counted_by_a_job { background(a) } else { a };
            type_query(&mut a, "wangwang");
            count(&mut a);
            let on = a.search.as_ref().and_then(|s| s.current.clone());
            assert!(on.is_some(), "found while typing");
            let top = a.view_top();
            a.append(last, size);
            a.finish_loading(0);
            count(&mut a);
            assert_eq!(a.view_top(), top, "the pane stays");
            a.update(Action::InputSubmit);
            count(&mut a);
            assert_eq!(
                a.message.as_deref(),
                Some("match 1/60"),
                "job: {counted_by_a_job}"
            );
            assert_eq!(a.search.as_ref().and_then(|s| s.current.clone()), on);
        }
    }

    #[test]
    fn a_first_match_past_the_budget_is_shown_once_counted() {
        let mut a = background(app());
        type_query(&mut a, "wangwang");
        assert_eq!(a.view_top().paragraph, 0, "not in the first block: waits");
        assert_eq!(total(&a), None);
        a.update(Action::InputSubmit);
        assert_eq!(a.message.as_deref(), Some("searching for wangwang…"));
        count(&mut a);
        assert_eq!(a.view_top().paragraph, 8);
        assert_eq!(a.message.as_deref(), Some("match 1/3"));
        a.update(Action::NextMatch);
        assert_eq!(a.message.as_deref(), Some("match 2/3"));
    }

    #[test]
    fn match_numbers_wait_for_the_counts() {
        let mut a = background(app());
        a.reader.jump(Position::new(8, 0));
        type_query(&mut a, "wangwang");
        assert_eq!(
            a.view_top().paragraph,
            8,
            "found in the block it started in"
        );
        a.update(Action::InputSubmit);
        assert_eq!(a.message.as_deref(), Some("match …, counting the others"));
        count(&mut a);
        assert_eq!(a.message.as_deref(), Some("match 1/3"));
    }

    #[test]
    fn a_step_past_the_budget_waits_and_another_key_drops_it() {
        let query = "sesame|stars";
        let all = find_all(app().doc(), &Query::parse(query));
        assert_eq!(all.len(), 2);
        assert_ne!(all[0].paragraph / 2, all[1].paragraph / 2, "{all:?}");
        for interrupt in [false, true] {
            let mut a = background(app());
            a.reader.jump(all[0].start());
            type_query(&mut a, query);
            a.update(Action::InputSubmit);
            a.update(Action::NextMatch);
            assert_eq!(a.message, Some(format!("searching for {query}…")));
            if interrupt {
                a.update(Action::ScrollLines(1));
            }
            let before = a.view_top();
            count(&mut a);
            if interrupt {
                assert_eq!(a.view_top(), before, "the reader moved on");
                assert_eq!(a.message, None);
            } else {
                assert_eq!(a.view_top().paragraph, all[1].paragraph);
                assert_eq!(a.message.as_deref(), Some("match 2/2"));
            }
        }
    }

    #[test]
    fn counts_of_a_search_typed_over_or_closed_are_not_used() {
        let mut a = background(app());
        type_query(&mut a, "wang");
        let job = a.take_search_job().expect("a job");
        assert_eq!(a.search_counting(), Some(job.generation));
        a.update(Action::InputChar('w'));
        assert_eq!(a.search_counting(), None, "the old count can stop");
        a.searched(job.generation, job.count(&|| false).expect("counted"));
        assert_eq!(total(&a), None);
        count(&mut a);
        assert_eq!(total(&a), Some(3));
        type_query(&mut a, "x");
        assert!(a.take_search_job().is_some());
        a.update(Action::InputCancel);
        assert_eq!(a.search_counting(), None);
        assert!(a.take_search_job().is_none());
    }

    fn action() -> impl Strategy<Value = Action> {
        prop_oneof![
            Just(Action::StartSearch),
            "[wangse|t.支x]".prop_map(|c| Action::InputChar(c.chars().next().unwrap_or('w'))),
            Just(Action::InputBackspace),
            Just(Action::InputSubmit),
            Just(Action::InputCancel),
            Just(Action::NextMatch),
            Just(Action::PrevMatch),
            Just(Action::ScrollLines(2)),
            Just(Action::Paragraph(3)),
            Just(Action::Bottom),
            Just(Action::Top),
            Just(Action::ToggleRaw),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Counted in the background, a step short of budget waiting for
        /// the counts, the reader ends up where counting at once takes it,
        /// when the counts arrive before the next key.
        #[test]
        fn background_search_ends_where_counting_at_once_does(
            actions in proptest::collection::vec(action(), 1..40),
        ) {
            let text = format!("{}\n\n", crate::load::BUNDLED).repeat(3);
            let doc = crate::load::load_bytes(text.as_bytes()).expect("loads");
            let mut now = App::new(doc.clone(), "now".into(), Size::new(90, 12));
            let mut later = background(App::new(doc, "later".into(), Size::new(90, 12)));
            for action in actions {
                now.update(action);
                later.update(action);
                count(&mut later);
                prop_assert_eq!(later.view_top(), now.view_top(), "{:?}", action);
                prop_assert_eq!(&later.mode, &now.mode);
                prop_assert_eq!(&later.message, &now.message, "{:?}", action);
                prop_assert_eq!(total(&later), total(&now));
                let current = |a: &App| a.search.as_ref().and_then(|s| s.current.clone());
                prop_assert_eq!(current(&later), current(&now));
            }
        }
    }
}
