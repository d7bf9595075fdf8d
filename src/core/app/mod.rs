//! Application state and its one way of changing: [`App::update`], with a
//! user's [`Action`] or a [`Change`] from the edges (text loaded, detection
//! and search results, the store's answers). No terminal, no filesystem:
//! the event loop turns events into changes and drawing reads the state.
//!
//! `App` routes each change to the parts that own the state, each keeping
//! its invariants behind private fields: `reader` (the text, its view and
//! where the reader is), `annotated` (annotations with the panel and
//! section stops made from them), `selection`, `marks` (bookmarks, pending
//! saves, undo), `schedule` (detection runs) and the search. What the app
//! asks of the edges waits in its outbox (`outbox.rs`), taken once.

use ratatui::layout::{Position as Cell, Size};

use crate::bookmarks::{ArticleId, Op};
mod annotated;
mod background;
mod bookmarking;
mod change;
mod correcting;
mod entries;
mod everywhere;
mod highlighting;
mod input;
mod marks;
mod outbox;
mod read;
mod reader;
mod rule_writes;
mod schedule;
mod search;
mod selection;
mod stops;

use std::sync::Arc;

pub use crate::action::{Action, Focus};
use annotated::Annotated;
pub use background::READ_AHEAD_BYTES;
pub use change::{Change, Settings};
pub use highlighting::Selecting;
use marks::Marks;
pub use outbox::DetectionJob;
use reader::Reader;
pub use reader::{Filter, FrameView};
use schedule::Schedule;
pub use search::{SearchJob, SearchState};
use selection::Selection;

use crate::config::{PanelSide, PanelWidth};
use crate::detect::{Annotations, Rules, detect_with};
use crate::document::{Document, Position, View};
use crate::keymap::Keymap;
use crate::layout::areas::{Areas, LayoutPrefs};
use crate::panel::Row;
use crate::theme::Theme;
use crate::user_rules::UserRules;
use crate::viewport::{self, Shown};

/// What keys go to: the reader, the help overlay, or an input line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// The help overlay, scrolled by this many lines.
    Help(u16),
    /// `:` then a paragraph number.
    Goto(String),
    /// `M`: the note of the bookmark at the top of the pane.
    Note(String),
    /// `/`: the search being typed.
    Search(String),
    /// Quitting with changes that could not be saved: retry, quit anyway
    /// or keep reading.
    Unsaved,
    /// `v`: a selection is being made (see `App::selecting`).
    Selecting,
    /// `e`: the new name of the panel entry being corrected.
    EntryName(String),
    /// Then its actor (a role's) or owner (a product's); empty for none.
    EntryActor(String),
    /// `a` while selecting: which kind the selection is (`p` or `r`).
    AddAs,
}

/// Longest note or search accepted on the input line.
const INPUT_MAX_CHARS: usize = 500;

/// Lines the mouse wheel moves per notch.
const WHEEL_LINES: isize = 3;

pub struct App {
    /// The text, the view of it, and where the reader is in it.
    reader: Reader,
    /// The file name as shown (sanitised).
    name: String,
    /// What the file was written in; the status bar names it unless text.
    format: crate::format::Format,
    /// What detection found, with the panel and section stops made from it.
    annotated: Annotated,
    /// Detection rules: bundled, merged with the user's.
    rules: Arc<Rules>,
    /// The same, kept apart: the user's change while reading.
    user_rules: UserRules,
    /// Changes to the user's rules file not written yet.
    rule_writes: rule_writes::RuleWrites,
    keymap: Keymap,
    theme: Theme,
    focus: Focus,
    mode: Mode,
    /// The selected panel entry and the first panel row shown.
    selection: Selection,
    /// The user's choice to show or hide the panel; None follows the width.
    panel_choice: Option<bool>,
    message: Option<String>,
    areas: Areas,
    layout: LayoutPrefs,
    quit: bool,
    /// A stop was asked for (Ctrl-Z, SIGTSTP); the event loop carries it out.
    suspend: bool,
    /// Bookmarks, the changes not saved yet, and the undo.
    marks: Marks,
    /// The selection being made with `v`.
    selecting: Option<Selecting>,
    /// The colour of the last highlight made, for the next one.
    last_colour: crate::highlights::Colour,
    /// What the note on the input line is for, when a highlight's.
    note_for: Option<highlighting::NoteFor>,
    /// The panel entry `e` is correcting, while its name and actor are typed.
    editing: Option<correcting::Editing>,
    /// Progress while the rest of the file streams in.
    loading: Option<Loading>,
    /// `G` while loading: stay at the end as text arrives.
    follow_end: bool,
    /// When detection runs again, and which results still apply.
    schedule: Schedule,
    /// The search in force, if any.
    search: Option<search::SearchState>,
    /// Where the pane was when `/` was pressed: Esc goes back there.
    search_origin: Position,
    /// The last search started, to match counts to it.
    search_generation: u64,
    search_limits: search::SearchLimits,
    /// A converted article's source: asked of the edges, and whether it can
    /// be had (see `App::show_source`).
    source: SourceState,
}

/// Where the source of a converted article stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum SourceState {
    #[default]
    NotAsked,
    /// To hand to the edges (`App::take_source_request`).
    Wanted,
    /// Asked; the answer is a `Change::SourceLoaded`.
    Asked,
    /// Kept by the reader.
    Kept,
    /// Not to be had (standard input): raw shows the converted text unrepaired.
    Unavailable,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loading {
    pub bytes_read: u64,
    /// The file's size, when known (not for standard input).
    pub size: Option<u64>,
}

impl Loading {
    pub fn percent(&self) -> Option<u64> {
        self.size
            .filter(|&size| size > 0)
            .map(|size| (self.bytes_read * 100 / size).min(99))
    }
}

/// Below this much text, detection runs at once rather than in the background.
const DETECT_NOW_BYTES: u64 = 4 << 20;

impl App {
    /// An app for `doc` with the bundled detection rules.
    pub fn new(doc: Document, name: String, size: Size) -> Self {
        Self::with_rules(doc, name, size, UserRules::bundled())
    }

    /// An app whose detection uses `user_rules` (merged) from the start
    /// (detecting once).
    pub fn with_rules(doc: Document, name: String, size: Size, user_rules: UserRules) -> Self {
        let id = ArticleId::of(&doc);
        let rules = Arc::new(user_rules.merged());
        // A big start (one long paragraph) is detected in the background,
        // so the first frame does not wait for it.
        let small = doc.total_bytes() < DETECT_NOW_BYTES;
        let annotations = if small {
            detect_with(&doc, &rules)
        } else {
            Annotations::default()
        };
        let mut app = App {
            reader: Reader::new(doc),
            name,
            format: crate::format::Format::Text,
            annotated: Annotated::default(),
            rules,
            user_rules,
            rule_writes: rule_writes::RuleWrites::default(),
            keymap: Keymap::default(),
            theme: Theme::default(),
            focus: Focus::Pane,
            mode: Mode::Normal,
            selection: Selection::default(),
            panel_choice: None,
            message: None,
            areas: Areas::default(),
            layout: LayoutPrefs::default(),
            quit: false,
            suspend: false,
            marks: Marks::new(id),
            selecting: None,
            last_colour: crate::highlights::Colour::default(),
            note_for: None,
            editing: None,
            loading: None,
            follow_end: false,
            search: None,
            search_origin: Position::default(),
            search_generation: 0,
            search_limits: search::SearchLimits::default(),
            schedule: Schedule::new(!small),
            source: SourceState::NotAsked,
        };
        app.annotate(annotations);
        let replaced = app.reader.doc().replaced_bytes;
        if replaced > 0 {
            app.message = Some(format!("{replaced} invalid UTF-8 byte(s) replaced with �"));
        }
        app.resize(size);
        app
    }

    /// A stop asked for where no shell could continue margin: say why
    /// nothing happened (margin does not stop for good).
    fn cannot_suspend(&mut self) {
        self.message =
            Some("no suspending: margin was not started by a job-control shell".to_owned());
    }

    /// The app for a document converted from `format` (the status bar
    /// names it).
    pub fn with_format(mut self, format: crate::format::Format) -> Self {
        self.format = format;
        self
    }

    pub fn panel_shown(&self) -> bool {
        self.panel_choice
            .unwrap_or(self.areas.size.width >= Areas::WIDE)
    }

    /// The one way the reader's state changes: an action of the user, or
    /// news from the edges (see [`Change`]).
    pub fn update(&mut self, change: impl Into<Change>) {
        match change.into() {
            Change::Action(action) => self.act_on(action),
            Change::Configured(settings) => self.configure(*settings),
            Change::LoadStarted { bytes_read, size } => self.start_loading(bytes_read, size),
            Change::Loaded { block, bytes_read } => self.append(block, bytes_read),
            Change::LoadEnded {
                last,
                replaced_bytes,
            } => {
                let read = self.loading.map_or(0, |l| l.bytes_read);
                self.append(last, read);
                self.finish_loading(replaced_bytes);
            }
            Change::LoadFailed(reason) => self.loading_failed(reason),
            Change::Detected {
                generation,
                view,
                annotations,
            } => self.detected(generation, annotations, view),
            Change::Searched { generation, counts } => self.searched(generation, counts),
            Change::Restored { state, resume } => self.restore(state, resume),
            Change::Saved(state) => self.saved(state),
            Change::SaveFailed { ops, reason } => self.save_failed(ops, reason),
            Change::SavesRequeued(ops) => self.requeue_saves(ops),
            Change::RulesWritten => self.rules_written(),
            Change::RulesWriteFailed { ops, reason } => self.rules_write_failed(ops, reason),
            Change::Warning(message) => self.message = Some(message),
            Change::CannotSuspend => self.cannot_suspend(),
            Change::SourceLoaded(source) => self.source_loaded(source),
        }
    }

    /// The configuration's settings, applied to a new app.
    fn configure(&mut self, settings: Settings) {
        self.keymap = settings.keymap;
        self.theme = settings.theme;
        self.set_layout(settings.panel_width, settings.side, settings.max_width);
        if settings.raw {
            self.set_view(View::Raw);
            self.message = None;
        }
    }

    fn act_on(&mut self, action: Action) {
        if action == Action::Suspend {
            // Leaving for the shell changes nothing of the reading (a search
            // being typed, the undo, the message stay); the position is
            // saved in case the stopped job is killed.
            self.suspend = true;
            self.marks.record(Op::SetPosition(self.reading_position()));
            return;
        }
        if !matches!(action, Action::Resize(..) | Action::Wheel { .. }) {
            self.message = None;
        }
        if !matches!(action, Action::Resize(..) | Action::InputSubmit) {
            self.search_interrupted(matches!(action, Action::Wheel { .. }));
        }
        if !matches!(action, Action::Undo | Action::Resize(..)) {
            self.marks.forget_deleted();
        }
        if !matches!(action, Action::Resize(..) | Action::Bottom) {
            self.follow_end = false;
        }
        let reading = self.reading().paragraph;
        self.act(action);
        if self.focus == Focus::Pane && self.reading().paragraph != reading {
            self.panel_follows_reading();
        }
    }

    /// While the pane has focus, the panel keeps the entry marked ▸ (the
    /// one Tab lands on) in view: on a long article it is otherwise pages
    /// below, and the reader sees no annotation for what they read.
    fn panel_follows_reading(&mut self) {
        let rows = self.areas.panel_rows();
        let paragraph = self.reading().paragraph;
        let Some(current) = self.annotated.current(paragraph) else {
            return;
        };
        // At the top of the panel, so reading on moves it down the list.
        let row = self.annotated.panel().row_of(current);
        self.selection.show_row(row, self.annotated.panel(), rows);
    }

    /// Routes an action to the part of the reader it concerns.
    fn act(&mut self, action: Action) {
        if self.reader.source_shown()
            && matches!(
                action,
                Action::ToggleBookmark | Action::EditNote | Action::StartSelection
            )
        {
            self.message =
                Some("the source is shown: bookmarks and highlights go on the article (r)".into());
            return;
        }
        match action {
            Action::ScrollLines(_)
            | Action::Paragraph(_)
            | Action::Page(_)
            | Action::HalfPage(_)
            | Action::Top
            | Action::Bottom
            | Action::GoTo(_)
            | Action::Section(_)
            | Action::Mention(_)
            | Action::JumpBack
            | Action::ToggleFilter
            | Action::ToggleRaw
            | Action::SetView(_)
            | Action::NextMatch
            | Action::PrevMatch => self.move_reading(action),
            Action::Select(_)
            | Action::SelectPage(_)
            | Action::SelectFirst
            | Action::SelectLast
            | Action::Activate
            | Action::FocusNext
            | Action::FocusPrev
            | Action::TogglePanel
            | Action::FocusBookmarks => self.use_panel(action),
            Action::StartGoto
            | Action::StartSearch
            | Action::EditNote
            | Action::InputChar(_)
            | Action::InputBackspace
            | Action::InputSubmit
            | Action::InputCancel => self.edit_input(action),
            Action::StartSelection
            | Action::Extend(_)
            | Action::Shrink(_)
            | Action::CycleColour
            | Action::SaveHighlight
            | Action::NoteHighlight
            | Action::CancelSelection => self.highlighting(action),
            Action::Dismiss
            | Action::DismissEverywhere
            | Action::EditEntry
            | Action::AddEntry
            | Action::AddAs(_)
            | Action::AddEverywhere(_) => self.correcting(action),
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::DeleteBookmark => self.delete_selected_bookmark(),
            Action::Undo => self.undo(),
            Action::ToggleHelp
            | Action::HelpScroll(_)
            | Action::Suspend
            | Action::Quit
            | Action::RetrySave
            | Action::QuitUnsaved => self.session(action),
            Action::Resize(width, height) => self.resize(Size::new(width, height)),
            Action::Wheel { column, row, delta } => self.wheel(Cell::new(column, row), delta),
            Action::Click { column, row } => self.click(Cell::new(column, row)),
        }
    }

    /// Actions that move what is read, or change how it is shown.
    fn move_reading(&mut self, action: Action) {
        match action {
            Action::ScrollLines(n) => self.reader.scroll(n),
            Action::Paragraph(n) => self.reader.paragraph(n),
            Action::Page(n) => self.reader.scroll(n * self.page()),
            Action::HalfPage(n) => self.reader.scroll(n * (self.page() / 2).max(1)),
            Action::Top => self.reader.leap(Position::default()),
            Action::GoTo(position) => self.reader.leap(position),
            Action::Bottom => {
                self.reader.leap(self.reader.max_top());
                if self.loading.is_some() {
                    self.follow_end = true;
                    self.message =
                        Some("at the end of what is loaded; following as more arrives".into());
                }
            }
            Action::Section(n) => self.section(n),
            Action::Mention(n) => self.mention(n),
            Action::JumpBack => {
                let went = self.reader.leap_back();
                if !went {
                    self.message = Some("no jump to go back from".to_owned());
                }
            }
            Action::ToggleFilter => self.toggle_filter(),
            Action::ToggleRaw => self.toggle_raw(),
            Action::SetView(view) => self.set_view(view),
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            _ => {}
        }
    }

    /// Actions on the panel: selection, focus, showing it.
    fn use_panel(&mut self, action: Action) {
        match action {
            Action::Select(n) => self.select(self.selection.selected() as isize + n),
            Action::SelectPage(n) => {
                let page = self.areas.panel_rows().max(1) as isize;
                self.select(self.selection.selected() as isize + n * page);
            }
            Action::SelectFirst => self.select(0),
            Action::SelectLast => self.select(self.annotated.panel().len() as isize - 1),
            Action::Activate => self.activate(),
            Action::FocusNext | Action::FocusPrev => self.toggle_focus(),
            Action::TogglePanel => {
                self.panel_choice = Some(!self.panel_shown());
                if !self.panel_shown() {
                    self.focus = Focus::Pane;
                }
                self.relayout();
            }
            Action::FocusBookmarks => self.focus_bookmarks(),
            _ => {}
        }
    }

    /// Help, quitting and stopping.
    fn session(&mut self, action: Action) {
        match action {
            Action::ToggleHelp => {
                self.mode = match self.mode {
                    Mode::Help(_) => Mode::Normal,
                    _ => Mode::Help(0),
                }
            }
            Action::HelpScroll(n) => {
                let last = self.help_lines();
                if let Mode::Help(scroll) = &mut self.mode {
                    // Drawing stops the overlay at its last line.
                    *scroll = scroll.saturating_add_signed(n).min(last);
                }
            }
            Action::Suspend => self.suspend = true,
            Action::Quit => self.quit_saving(),
            Action::RetrySave => {
                self.mode = Mode::Normal;
                self.quit_saving();
            }
            Action::QuitUnsaved => {
                self.mode = Mode::Normal;
                self.quit = true;
                self.marks.hold(None);
                self.rule_writes.hold();
            }
            _ => {}
        }
    }

    fn resize(&mut self, size: Size) {
        self.areas.size = size;
        self.relayout();
    }

    /// Recomputes the areas; the reader fits the text area.
    fn relayout(&mut self) {
        self.areas = Areas::compute(
            self.areas.size,
            self.panel_shown(),
            self.numbered_paragraphs(),
            &self.layout,
        );
        let text = self.areas.text;
        self.reader
            .fit(usize::from(text.width), usize::from(text.height));
        self.keep_selection_visible();
    }

    /// How many paragraphs the gutter numbers: while a file of known size
    /// loads, as many as it will have at the rate so far, so the gutter is
    /// wide enough from the first screen and the text does not shift right
    /// each time the count gains a digit.
    fn numbered_paragraphs(&self) -> usize {
        let loaded = self.reader.doc().len();
        let Some(Loading {
            bytes_read,
            size: Some(size),
        }) = self.loading
        else {
            return loaded;
        };
        let estimate = (loaded as u128 * u128::from(size)) / u128::from(bytes_read.max(1));
        loaded.max(usize::try_from(estimate).unwrap_or(usize::MAX))
    }

    /// Rows a page key moves: one short of the pane, so a line stays.
    fn page(&self) -> isize {
        (self.reader.height().saturating_sub(1)).max(1) as isize
    }

    /// The top line as drawn: the reading position, held back so the last
    /// screen is full.
    pub fn view_top(&self) -> Position {
        self.reader.view_top()
    }

    /// The passage being read: the one gone to, else the top line's.
    pub fn reading(&self) -> Position {
        self.reader.reading()
    }

    /// The paragraph marked in the gutter as the one being read, when it is
    /// not the top one.
    pub fn cursor_paragraph(&self) -> Option<usize> {
        self.reader.cursor().map(|c| c.paragraph)
    }

    fn select(&mut self, index: isize) {
        let rows = self.areas.panel_rows();
        self.selection.select(index, self.annotated.panel(), rows);
    }

    fn keep_selection_visible(&mut self) {
        let rows = self.areas.panel_rows();
        self.selection.refit(self.annotated.panel(), rows);
    }

    fn toggle_focus(&mut self) {
        self.focus = match self.focus {
            Focus::Pane => {
                if !self.panel_shown() {
                    self.panel_choice = Some(true);
                    self.relayout();
                }
                // Land on the entry for what is being read.
                let paragraph = self.reading().paragraph;
                if let Some(current) = self.annotated.current(paragraph) {
                    self.select(current as isize);
                }
                Focus::Panel
            }
            Focus::Panel => Focus::Pane,
        };
    }

    fn toggle_raw(&mut self) {
        let target = match self.reader.view() {
            View::Repaired => View::Raw,
            View::Raw => View::Repaired,
        };
        self.set_view(target);
    }

    /// Whether raw shows the source of a converted article rather than
    /// its text unrepaired.
    fn raw_is_source(&self) -> bool {
        self.format != crate::format::Format::Text && self.source != SourceState::Unavailable
    }

    /// The source of a converted article as written, or the article: the
    /// source is asked of the edges the first time. The reader maps its
    /// places, the search its matches; annotations are found in the text shown.
    fn show_source(&mut self, shown: bool) {
        if shown == self.reader.source_shown() {
            return;
        }
        if shown && !self.reader.has_source() {
            if self.source == SourceState::NotAsked {
                self.source = SourceState::Wanted;
            }
            self.message = Some("reading the source…".to_owned());
            return;
        }
        self.reader.show_source(shown);
        self.refresh_annotations();
        self.refresh_search_by(|app, at| app.reader.across_switch(at));
        self.relayout();
        self.message = Some(if shown {
            format!(
                "source: the {} as written; annotations are of it (r: the article)",
                self.format.name()
            )
        } else {
            "the article as converted".to_owned()
        });
    }

    /// The edges' answer to `take_source_request`: show the source, or
    /// say why there is none and show the converted text unrepaired.
    fn source_loaded(&mut self, source: Result<Document, String>) {
        match source {
            Ok(source) => {
                self.reader.set_source(source);
                self.source = SourceState::Kept;
                self.show_source(true);
            }
            Err(reason) => {
                self.source = SourceState::Unavailable;
                self.set_view(View::Raw);
                self.message = Some(format!("{reason}: raw shows the converted text unrepaired"));
            }
        }
    }

    /// Whether the source of a converted article is shown.
    pub fn source_shown(&self) -> bool {
        self.reader.source_shown()
    }

    /// The converted article (the text shown, unless its source is):
    /// bookmarks and the reading position are stored in it.
    pub fn article(&self) -> &Document {
        self.reader.article()
    }

    /// Shows the text raw or repaired: the reader maps its places, the
    /// search its matches; the annotations are found again for that text.
    fn set_view(&mut self, target: View) {
        if self.raw_is_source() {
            self.show_source(target == View::Raw);
            return;
        }
        let was = self.reader.view();
        if was == target {
            return;
        }
        self.reader.set_view(target);
        self.refresh_annotations();
        self.refresh_search(was);
        self.relayout();
        self.message = Some(match target {
            View::Raw => "raw: paragraphs exactly as split, no repair".to_owned(),
            View::Repaired => "repaired: broken paragraphs joined".to_owned(),
        });
    }

    fn submit_goto(&mut self) {
        let Mode::Goto(input) = std::mem::replace(&mut self.mode, Mode::Normal) else {
            return;
        };
        match input.parse::<usize>() {
            Ok(n) if n >= 1 && n <= self.reader.doc().len() => {
                self.reader.leap(Position::new(n - 1, 0));
                self.message = Some(format!("¶{n}"));
            }
            _ if input.is_empty() => {}
            _ => {
                self.message = Some(format!(
                    "no paragraph {input}: the article has 1–{}",
                    self.reader.doc().len()
                ))
            }
        }
    }

    fn wheel(&mut self, cell: Cell, delta: isize) {
        if self.areas.panel.is_some_and(|p| p.contains(cell)) {
            self.select(self.selection.selected() as isize + delta);
        } else if self.areas.pane.contains(cell) {
            self.reader.scroll(delta * WHEEL_LINES);
        }
    }

    fn click(&mut self, cell: Cell) {
        if let Some(list) = self.areas.panel_list().filter(|l| l.contains(cell)) {
            self.focus = Focus::Panel;
            let row = self.selection.offset() + (cell.y - list.y) as usize;
            if let Some(Row::Entry(index) | Row::Detail(index)) = self.annotated.panel().row(row) {
                self.select(index as isize);
                self.activate();
            }
        } else if self.areas.pane.contains(cell) {
            self.focus = Focus::Pane;
        }
    }

    /// The panel's width and side and the reading column, from the configuration.
    fn set_layout(
        &mut self,
        panel_width: Option<PanelWidth>,
        side: PanelSide,
        max_width: Option<u16>,
    ) {
        self.layout = LayoutPrefs {
            panel_width,
            side,
            max_width,
        };
        self.relayout();
    }

    /// The paragraphs the pane shows.
    pub fn shown(&self) -> Shown<'_> {
        self.reader.shown()
    }

    /// Lines of the help overlay, to stop its scrolling at the end.
    pub fn help_lines(&self) -> u16 {
        crate::help::lines(&self.keymap, &self.theme).len() as u16
    }

    /// The pane's rows from the top: what is drawn.
    pub fn visible_rows(&self) -> Vec<viewport::Row> {
        self.reader.visible_rows()
    }

    /// How far the bottom of the pane is into the text, 0–100.
    pub fn percent(&self) -> u16 {
        self.frame_view().percent
    }

    /// What a frame shows. Drawing computes it once and hands it to the
    /// pane, the panel and the status bar, which each asked for it before.
    pub fn frame_view(&self) -> FrameView {
        self.reader.frame_view()
    }
}

#[cfg(test)]
mod tests;
