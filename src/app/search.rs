//! Search in the reader: `/` with matches found as you type, `n`/`N` to
//! step, over the whole document (not only what has been wrapped).

use super::{App, Mode};
use crate::document::Position;
use crate::search::{self, Found, MAX_MATCHES, Match, Query, Step};

/// The search in force: its query, every match, the one stepped to.
#[derive(Debug, Clone)]
pub struct SearchState {
    pub query: Query,
    pub matches: Vec<Match>,
    pub capped: bool,
    pub current: Option<usize>,
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
            self.jump(self.search_origin);
            return;
        }
        let query = Query::parse(text);
        self.run_search(query);
        let origin = self.search_origin;
        match self
            .search
            .as_ref()
            .and_then(|s| search::first_from(&s.matches, origin))
        {
            Some(step) => self.go_to_match(step, false),
            None => self.jump(origin),
        }
    }

    /// Finds every match of `query` in the document as it is now.
    fn run_search(&mut self, query: Query) {
        let Found { matches, capped } = search::find_limited(&self.doc, &query, MAX_MATCHES);
        self.search = Some(SearchState {
            query,
            matches,
            capped,
            current: None,
        });
    }

    /// The text changed (raw toggle, more loaded): find the matches again.
    pub(super) fn refresh_search(&mut self) {
        if let Some(state) = self.search.take() {
            self.run_search(state.query);
        }
    }

    pub(super) fn submit_search(&mut self) {
        self.mode = Mode::Normal;
        match &self.search {
            Some(state) if state.matches.is_empty() => {
                self.message = Some(format!("no match for {}", state.query.text()));
            }
            Some(_) => self.announce_match(false),
            None => {}
        }
    }

    pub(super) fn cancel_search(&mut self) {
        self.mode = Mode::Normal;
        self.search = None;
        self.jump(self.search_origin);
    }

    /// `n` (forward) and `N` (backward), wrapping at the ends.
    pub(super) fn step_match(&mut self, forward: bool) {
        let Some(state) = &self.search else {
            self.message = Some("no search yet: / searches".to_owned());
            return;
        };
        let from = state
            .current
            .and_then(|i| state.matches.get(i))
            .map_or_else(|| self.view_top(), Match::start);
        let step = if forward {
            search::next_after(&state.matches, from)
        } else {
            search::prev_before(&state.matches, from)
        };
        match step {
            Some(step) => self.go_to_match(step, true),
            None => self.message = Some(format!("no match for {}", state.query.text())),
        }
    }

    fn go_to_match(&mut self, step: Step, announce: bool) {
        let Some(target) = self
            .search
            .as_mut()
            .and_then(|s| {
                s.current = Some(step.index);
                s.matches.get(step.index)
            })
            .map(Match::start)
        else {
            return;
        };
        let line = crate::viewport::line_start(&self.doc, self.shown(), &self.wrap, target);
        self.jump(line);
        if announce {
            self.announce_match(step.wrapped);
        }
    }

    fn announce_match(&mut self, wrapped: bool) {
        let Some(state) = &self.search else {
            return;
        };
        let total = if state.capped {
            format!("{}+", state.matches.len())
        } else {
            state.matches.len().to_string()
        };
        let current = state.current.map_or(0, |i| i + 1);
        let mut message = format!("match {current}/{total}");
        if wrapped {
            message.push_str(" (search wrapped around)");
        }
        self.message = Some(message);
    }

    /// Matches in a paragraph, and which of them is the current one.
    pub fn matches_in(&self, paragraph: usize) -> (&[Match], Option<Position>) {
        match &self.search {
            Some(state) => (
                search::matches_in(&state.matches, paragraph),
                state
                    .current
                    .and_then(|i| state.matches.get(i))
                    .map(Match::start),
            ),
            None => (&[], None),
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Size;

    use crate::app::{Action, App, Mode};

    fn app() -> App {
        let doc =
            crate::load::load_bytes(include_bytes!("../../assets/article.txt")).expect("loads");
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
        let repaired = a.search.as_ref().map(|s| s.matches.len());
        assert_eq!(repaired, Some(1));
        a.update(Action::ToggleRaw);
        let raw = a.search.as_ref().map(|s| s.matches.len());
        assert_eq!(raw, Some(1), "the fragment still holds the words");
    }
}
