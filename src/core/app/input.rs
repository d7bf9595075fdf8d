//! The input line: `:` (a paragraph number), `/` (a search), `M` (a
//! note) and `e` (an entry's name and actor) are typed, submitted or
//! cancelled here.

use super::{App, INPUT_MAX_CHARS, Mode};
use crate::action::Action;

impl App {
    /// Actions that open, edit, submit or cancel the input line.
    pub(super) fn edit_input(&mut self, action: Action) {
        match action {
            Action::StartGoto => self.mode = Mode::Goto(String::new()),
            Action::StartSearch => self.start_search(),
            Action::EditNote if self.edit_highlight_note() => {}
            Action::EditNote => {
                let note = self
                    .bookmark_at_top()
                    .and_then(|b| b.note.clone())
                    .unwrap_or_default();
                self.mode = Mode::Note(note);
            }
            Action::InputChar(c) => {
                match &mut self.mode {
                    Mode::Goto(input) if c.is_ascii_digit() && input.len() < 12 => input.push(c),
                    Mode::Note(input)
                    | Mode::Search(input)
                    | Mode::EntryName(input)
                    | Mode::EntryActor(input)
                        if !c.is_control() && input.chars().count() < INPUT_MAX_CHARS =>
                    {
                        input.push(c)
                    }
                    _ => {}
                }
                self.search_typed();
            }
            Action::InputBackspace => {
                if let Mode::Goto(input)
                | Mode::Note(input)
                | Mode::Search(input)
                | Mode::EntryName(input)
                | Mode::EntryActor(input) = &mut self.mode
                {
                    input.pop();
                }
                self.search_typed();
            }
            Action::InputSubmit => match self.mode {
                Mode::Goto(_) => self.submit_goto(),
                Mode::Note(ref mut note) if self.note_for.is_some() => {
                    let note = std::mem::take(note);
                    self.submit_highlight_note(note);
                }
                Mode::Note(_) => self.submit_note(),
                Mode::Search(_) => self.submit_search(),
                Mode::EntryName(_) | Mode::EntryActor(_) => self.submit_entry_edit(),
                _ => {}
            },
            Action::InputCancel => match self.mode {
                Mode::Search(_) => self.cancel_search(),
                Mode::Note(_) if self.note_for.is_some() => self.cancel_highlight_note(),
                Mode::AddAs => self.mode = Mode::Selecting,
                Mode::EntryName(_) | Mode::EntryActor(_) => {
                    self.editing = None;
                    self.mode = Mode::Normal;
                    self.message = Some("correction cancelled".to_owned());
                }
                _ => self.mode = Mode::Normal,
            },
            _ => {}
        }
    }
}
