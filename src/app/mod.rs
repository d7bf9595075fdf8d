//! Application state and its one way of changing: `App::update(Action)`.
//! No terminal, no filesystem: the event loop turns events into actions and
//! drawing reads the state.

use ratatui::layout::{Position as Cell, Size};

use crate::bookmarks::{ArticleId, ArticleState, Bookmark, Op};
mod search;

use std::sync::Arc;

pub use search::{SearchJob, SearchState};

use crate::config::{PanelSide, PanelWidth};
use crate::detect::{Annotations, Rules, detect_with};
use crate::document::{Block, Document, Position, View};
use crate::keymap::Keymap;
use crate::layout::WrapCache;
use crate::panel::{Group, Panel, Row, Source};
use crate::ui::areas::{Areas, LayoutPrefs};
use crate::ui::theme::Theme;
use crate::viewport::{self, Shown};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Pane,
    Panel,
}

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ScrollLines(isize),
    Paragraph(isize),
    Page(isize),
    HalfPage(isize),
    Top,
    Bottom,
    Select(isize),
    SelectPage(isize),
    SelectFirst,
    SelectLast,
    Activate,
    FocusNext,
    FocusPrev,
    StartGoto,
    TogglePanel,
    ToggleRaw,
    ToggleHelp,
    /// `m`: bookmark the passage at the top of the pane, or remove its bookmark.
    ToggleBookmark,
    /// `M`: add or edit the note of that bookmark.
    EditNote,
    /// `d` in the panel: delete the selected bookmark (undo with `u`).
    DeleteBookmark,
    Undo,
    /// `'`: focus the panel on the bookmarks.
    FocusBookmarks,
    /// `` ` ``: back to where the last jump started.
    JumpBack,
    /// `]` / `[`: the next / previous annotated section.
    Section(isize),
    /// `.` / `,`: the next / previous mention of the selected panel entry.
    Mention(isize),
    /// `f`: show only the selected entry's paragraphs; again: everything.
    ToggleFilter,
    /// `/`: start typing a search.
    StartSearch,
    NextMatch,
    PrevMatch,
    /// Scrolls the help overlay.
    HelpScroll(i16),
    Quit,
    InputChar(char),
    InputBackspace,
    InputSubmit,
    InputCancel,
    Resize(u16, u16),
    /// Mouse wheel at a cell: positive scrolls down.
    Wheel {
        column: u16,
        row: u16,
        delta: isize,
    },
    Click {
        column: u16,
        row: u16,
    },
}

/// Longest note or search accepted on the input line.
const INPUT_MAX_CHARS: usize = 500;

/// Lines the mouse wheel moves per notch.
const WHEEL_LINES: isize = 3;

pub struct App {
    /// Shared with a detection running on it: after loading, detection
    /// reads the reader's own document instead of a copy of its index.
    pub doc: Arc<Document>,
    /// The file name as shown (sanitised).
    pub name: String,
    pub annotations: Annotations,
    /// Detection rules: bundled, merged with the user's.
    pub rules: Arc<Rules>,
    pub panel: Panel,
    pub keymap: Keymap,
    pub theme: Theme,
    /// The start of the line at the top of the pane.
    pub top: Position,
    pub focus: Focus,
    pub mode: Mode,
    /// Selected panel entry and the first panel row shown.
    pub selected: usize,
    pub panel_offset: usize,
    /// The user's choice to show or hide the panel; None follows the width.
    pub panel_choice: Option<bool>,
    pub message: Option<String>,
    pub areas: Areas,
    pub layout: LayoutPrefs,
    pub wrap: WrapCache,
    pub quit: bool,
    /// Bookmarks and reading position of this article, as last saved.
    pub bookmarks: ArticleState,
    /// Changes the edge must save, in order (see `take_saves`).
    saves: Vec<Op>,
    /// The bookmark `d` deleted, until the next action.
    deleted: Option<Bookmark>,
    /// Where the pane was before the last jump.
    back: Option<Position>,
    /// Progress while the rest of the file streams in.
    pub loading: Option<Loading>,
    /// `G` while loading: stay at the end as text arrives.
    follow_end: bool,
    /// The text changed since the annotations were computed.
    annotations_stale: bool,
    /// Text size when detection last started.
    detected_bytes: u64,
    /// `f`: only these paragraphs are shown.
    pub filter: Option<Filter>,
    /// The search in force, if any.
    pub search: Option<search::SearchState>,
    /// Where the pane was when `/` was pressed: Esc goes back there.
    search_origin: Position,
    /// The last search started, to match counts to it.
    search_generation: u64,
    search_limits: search::SearchLimits,
    /// Where `]` and `[` stop, made on the first press after the
    /// annotations change.
    section_stops: Option<SectionStops>,
    /// Generation of the last detection requested and applied.
    detection_requested: u64,
    detection_applied: u64,
}

/// An entry's mentions, in text order, borrowed: a role's or product's
/// list, or the one place a section, date or bookmark is.
#[derive(Debug, Clone, Copy)]
enum Mentions<'a> {
    List(&'a [crate::detect::Mention]),
    One(Position),
}

impl Mentions<'_> {
    fn len(&self) -> usize {
        match self {
            Mentions::List(list) => list.len(),
            Mentions::One(_) => 1,
        }
    }

    fn at(m: &crate::detect::Mention) -> Position {
        Position::new(m.paragraph(), m.range().start)
    }

    /// Mention `index`; the last one past the end.
    fn get(&self, index: usize) -> Position {
        match self {
            Mentions::List(list) => list
                .get(index)
                .or(list.last())
                .map_or_else(Position::default, Self::at),
            Mentions::One(position) => *position,
        }
    }

    fn iter(&self) -> impl Iterator<Item = Position> + '_ {
        let (list, one) = match self {
            Mentions::List(list) => (*list, None),
            Mentions::One(position) => (&[][..], Some(*position)),
        };
        list.iter().map(Self::at).chain(one)
    }

    /// The number of mentions for which `before` holds, it holding for a
    /// first run of them (a binary search).
    fn partition_point(&self, before: impl Fn(Position) -> bool) -> usize {
        match self {
            Mentions::List(list) => list.partition_point(|m| before(Self::at(m))),
            Mentions::One(position) => usize::from(before(*position)),
        }
    }
}

/// The paragraphs of one panel entry, shown alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub label: String,
    /// Sorted, 0-based.
    pub paragraphs: Vec<usize>,
}

/// The paragraphs `]` and `[` stop at: headings and role headings; with at
/// most one of those, every annotated paragraph. Headings are found by
/// binary search in the annotations' sections and roles (a 100 MB article
/// has 110 000 of them: no copy); annotated paragraphs are gathered once per
/// detection result.
#[derive(Debug, Clone, PartialEq, Eq)]
enum SectionStops {
    Headings,
    /// Annotated paragraphs, ascending: those past the end of the text
    /// shown (annotations of the other view, while detection catches up)
    /// are not stops.
    Annotated(Vec<u32>),
}

impl SectionStops {
    fn new(annotations: &Annotations) -> Self {
        let mut first = None;
        let headings = Self::headings(annotations).any(|p| *first.get_or_insert(p) != p);
        if headings {
            return SectionStops::Headings;
        }
        // A marked paragraph holds a mention, and mentions have 32-bit positions.
        SectionStops::Annotated(
            annotations
                .marked_paragraphs()
                .filter_map(|p| u32::try_from(p).ok())
                .collect(),
        )
    }

    /// Heading and role heading paragraphs, not in order.
    fn headings(annotations: &Annotations) -> impl Iterator<Item = usize> + '_ {
        annotations
            .sections
            .iter()
            .filter(|s| s.kind != crate::detect::SectionKind::Paragraph)
            .map(|s| s.paragraph)
            .chain(annotations.roles.iter().map(|r| r.heading_paragraph()))
    }

    /// The first stop after `here` (`n` > 0) or the last before it, among
    /// the `len` paragraphs shown.
    fn step(&self, annotations: &Annotations, here: usize, n: isize, len: usize) -> Option<usize> {
        match self {
            SectionStops::Annotated(stops) => {
                if n > 0 {
                    stops
                        .get(stops.partition_point(|&p| p as usize <= here))
                        .map(|&p| p as usize)
                        .filter(|&p| p < len)
                } else {
                    let before = stops
                        .partition_point(|&p| (p as usize) < here)
                        .checked_sub(1)?;
                    stops.get(before).map(|&p| p as usize)
                }
            }
            // Sections are in paragraph order, roles in heading order;
            // paragraph sections (an outline of at most 200) are skipped.
            SectionStops::Headings => {
                let heading =
                    |s: &&crate::detect::Section| s.kind != crate::detect::SectionKind::Paragraph;
                let sections = &annotations.sections;
                let roles = &annotations.roles;
                if n > 0 {
                    let from = sections.partition_point(|s| s.paragraph <= here);
                    let section = sections.get(from..)?.iter().find(heading);
                    let role = roles.get(roles.partition_point(|r| r.heading_paragraph() <= here));
                    let section = section.map(|s| s.paragraph);
                    let role = role.map(|r| r.heading_paragraph());
                    section.into_iter().chain(role).min()
                } else {
                    let to = sections.partition_point(|s| s.paragraph < here);
                    let section = sections.get(..to)?.iter().rev().find(heading);
                    let before = roles.partition_point(|r| r.heading_paragraph() < here);
                    let role = before.checked_sub(1).and_then(|i| roles.get(i));
                    let section = section.map(|s| s.paragraph);
                    let role = role.map(|r| r.heading_paragraph());
                    section.into_iter().chain(role).max()
                }
            }
        }
    }
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
        Self::with_rules(doc, name, size, Rules::bundled())
    }

    /// An app whose detection uses `rules` from the start (detecting once).
    pub fn with_rules(doc: Document, name: String, size: Size, rules: Rules) -> Self {
        let id = ArticleId::of(&doc);
        let rules = Arc::new(rules);
        // A big start (one long paragraph) is detected in the background,
        // so the first frame does not wait for it.
        let small = doc.total_bytes() < DETECT_NOW_BYTES;
        let annotations = if small {
            detect_with(&doc, &rules)
        } else {
            Annotations::default()
        };
        let panel = Panel::default();
        let mut app = App {
            doc: Arc::new(doc),
            name,
            annotations,
            rules,
            panel,
            keymap: Keymap::default(),
            theme: Theme::default(),
            top: Position::default(),
            focus: Focus::Pane,
            mode: Mode::Normal,
            selected: 0,
            panel_offset: 0,
            panel_choice: None,
            message: None,
            areas: Areas::default(),
            layout: LayoutPrefs::default(),
            wrap: WrapCache::new(1),
            quit: false,
            bookmarks: ArticleState::new(id),
            saves: Vec::new(),
            deleted: None,
            back: None,
            loading: None,
            follow_end: false,
            filter: None,
            search: None,
            search_origin: Position::default(),
            search_generation: 0,
            search_limits: search::SearchLimits::default(),
            annotations_stale: !small,
            detected_bytes: 0,
            detection_requested: 0,
            detection_applied: 0,
            section_stops: None,
        };
        app.rebuild_panel();
        if app.doc.replaced_bytes > 0 {
            app.message = Some(format!(
                "{} invalid UTF-8 byte(s) replaced with �",
                app.doc.replaced_bytes
            ));
        }
        app.resize(size);
        app
    }

    pub fn panel_shown(&self) -> bool {
        self.panel_choice
            .unwrap_or(self.areas.size.width >= Areas::WIDE)
    }

    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize(..) | Action::Wheel { .. }) {
            self.message = None;
        }
        if !matches!(action, Action::Resize(..) | Action::InputSubmit) {
            self.search_interrupted(matches!(action, Action::Wheel { .. }));
        }
        if !matches!(action, Action::Undo | Action::Resize(..)) {
            self.deleted = None;
        }
        if !matches!(action, Action::Resize(..) | Action::Bottom) {
            self.follow_end = false;
        }
        let reading = self.view_top().paragraph;
        self.act(action);
        if self.focus == Focus::Pane && self.view_top().paragraph != reading {
            self.panel_follows_reading();
        }
    }

    /// While the pane has focus, the panel keeps the entry marked ▸ (the
    /// one Tab lands on) in view: on a long article it is otherwise pages
    /// below, and the reader sees no annotation for what they read.
    fn panel_follows_reading(&mut self) {
        let rows = self.areas.panel_rows();
        let paragraph = self.view_top().paragraph;
        let Some(current) = self.panel.current(paragraph, &self.annotations) else {
            return;
        };
        let row = self.panel.row_of(current);
        if rows > 0 && (row < self.panel_offset || row >= self.panel_offset + rows) {
            // At the top of the panel, so reading on moves it down the list.
            self.panel_offset = row.min(self.panel.row_count().saturating_sub(rows));
        }
    }

    fn act(&mut self, action: Action) {
        match action {
            Action::ScrollLines(n) => self.scroll(n),
            Action::Paragraph(n) => self.paragraph(n),
            Action::Page(n) => self.scroll(n * self.page()),
            Action::HalfPage(n) => self.scroll(n * (self.page() / 2).max(1)),
            Action::Top => self.leap(Position::default()),
            Action::Bottom => {
                self.leap(self.max_top());
                if self.loading.is_some() {
                    self.follow_end = true;
                    self.message =
                        Some("at the end of what is loaded; following as more arrives".into());
                }
            }
            Action::Select(n) => self.select(self.selected as isize + n),
            Action::SelectPage(n) => {
                let page = self.areas.panel_rows().max(1) as isize;
                self.select(self.selected as isize + n * page);
            }
            Action::SelectFirst => self.select(0),
            Action::SelectLast => self.select(self.panel.len() as isize - 1),
            Action::Activate => self.activate(),
            Action::FocusNext | Action::FocusPrev => self.toggle_focus(),
            Action::StartGoto => self.mode = Mode::Goto(String::new()),
            Action::TogglePanel => {
                self.panel_choice = Some(!self.panel_shown());
                if !self.panel_shown() {
                    self.focus = Focus::Pane;
                }
                self.relayout();
            }
            Action::ToggleRaw => self.toggle_raw(),
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
            Action::Quit => {
                self.quit = true;
                self.saves.push(Op::SetPosition(self.reading_position()));
            }
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::EditNote => {
                let note = self
                    .bookmark_at_top()
                    .and_then(|b| b.note.clone())
                    .unwrap_or_default();
                self.mode = Mode::Note(note);
            }
            Action::DeleteBookmark => self.delete_selected_bookmark(),
            Action::Undo => self.undo(),
            Action::FocusBookmarks => self.focus_bookmarks(),
            Action::Section(n) => self.section(n),
            Action::Mention(n) => self.mention(n),
            Action::ToggleFilter => self.toggle_filter(),
            Action::StartSearch => self.start_search(),
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::JumpBack => match self.back {
                Some(back) => self.leap(back),
                None => self.message = Some("no jump to go back from".to_owned()),
            },
            Action::InputChar(c) => {
                match &mut self.mode {
                    Mode::Goto(input) if c.is_ascii_digit() && input.len() < 12 => input.push(c),
                    Mode::Note(input) | Mode::Search(input)
                        if !c.is_control() && input.chars().count() < INPUT_MAX_CHARS =>
                    {
                        input.push(c)
                    }
                    _ => {}
                }
                self.search_typed();
            }
            Action::InputBackspace => {
                if let Mode::Goto(input) | Mode::Note(input) | Mode::Search(input) = &mut self.mode
                {
                    input.pop();
                }
                self.search_typed();
            }
            Action::InputSubmit => match self.mode {
                Mode::Goto(_) => self.submit_goto(),
                Mode::Note(_) => self.submit_note(),
                Mode::Search(_) => self.submit_search(),
                _ => {}
            },
            Action::InputCancel => match self.mode {
                Mode::Search(_) => self.cancel_search(),
                _ => self.mode = Mode::Normal,
            },
            Action::Resize(width, height) => self.resize(Size::new(width, height)),
            Action::Wheel { column, row, delta } => self.wheel(Cell::new(column, row), delta),
            Action::Click { column, row } => self.click(Cell::new(column, row)),
        }
    }

    fn resize(&mut self, size: Size) {
        self.areas.size = size;
        self.relayout();
    }

    /// Recomputes the areas; a new text width starts a new wrap cache.
    fn relayout(&mut self) {
        self.areas = Areas::compute(
            self.areas.size,
            self.panel_shown(),
            self.numbered_paragraphs(),
            &self.layout,
        );
        let width = self.areas.text.width as usize;
        if width != self.wrap.width() {
            self.wrap = WrapCache::new(width);
        }
        // Not clamped to the end: growing the window and shrinking it back
        // keeps the reading position. Drawing clamps (see `view_top`).
        self.top = viewport::line_start(&self.doc, self.shown(), &self.wrap, self.top);
        self.keep_selection_visible();
    }

    /// How many paragraphs the gutter numbers: while a file of known size
    /// loads, as many as it will have at the rate so far, so the gutter is
    /// wide enough from the first screen and the text does not shift right
    /// each time the count gains a digit.
    fn numbered_paragraphs(&self) -> usize {
        let loaded = self.doc.len();
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

    fn height(&self) -> usize {
        self.areas.text.height as usize
    }

    fn page(&self) -> isize {
        (self.height().saturating_sub(1)).max(1) as isize
    }

    fn max_top(&self) -> Position {
        viewport::max_top(&self.doc, self.shown(), &self.wrap, self.height().max(1))
    }

    fn clamped(&self, top: Position) -> Position {
        viewport::clamp_top(
            &self.doc,
            self.shown(),
            &self.wrap,
            top,
            self.height().max(1),
        )
    }

    /// The top line as drawn: the reading position, held back so the last
    /// screen is full.
    pub fn view_top(&self) -> Position {
        self.clamped(self.top)
    }

    fn scroll(&mut self, lines: isize) {
        let moved = viewport::scroll(&self.doc, self.shown(), &self.wrap, self.view_top(), lines);
        self.top = self.clamped(moved);
    }

    fn paragraph(&mut self, n: isize) {
        let top = self.view_top();
        let current = top.paragraph as isize;
        // Up from inside a paragraph first goes to its start.
        let target = if n < 0 && top.byte > 0 {
            current + n + 1
        } else {
            current + n
        };
        let last = self.doc.len().saturating_sub(1) as isize;
        self.jump(Position::new(target.clamp(0, last) as usize, 0));
    }

    /// Moves the pane to a position, as far as the end allows.
    pub fn jump(&mut self, position: Position) {
        self.top = self.clamped(position);
    }

    /// A jump that `` ` `` can undo: to an entry, a paragraph number, an end.
    fn leap(&mut self, position: Position) {
        let from = self.view_top();
        self.jump(position);
        if self.view_top() != from {
            self.back = Some(from);
        }
    }

    fn select(&mut self, index: isize) {
        let last = self.panel.len().saturating_sub(1) as isize;
        self.selected = index.clamp(0, last) as usize;
        self.keep_selection_visible();
    }

    fn keep_selection_visible(&mut self) {
        let rows = self.areas.panel_rows();
        if rows == 0 || self.panel.is_empty() {
            return;
        }
        let row = self.panel.row_of(self.selected);
        // Keep the group header above the first entry in view.
        let wanted_top = if self.selected == 0 { 0 } else { row };
        if wanted_top < self.panel_offset {
            self.panel_offset = wanted_top;
        } else if row >= self.panel_offset + rows {
            self.panel_offset = row + 1 - rows;
        }
    }

    fn activate(&mut self) {
        let Some(entry) = self.panel.entry(self.selected, &self.annotations) else {
            return;
        };
        let (target, label) = (
            entry.target(),
            format!("{} {}", entry.span_label(), self.entry_label(self.selected)),
        );
        self.jump(target);
        self.message = Some(label);
    }

    fn toggle_focus(&mut self) {
        self.focus = match self.focus {
            Focus::Pane => {
                if !self.panel_shown() {
                    self.panel_choice = Some(true);
                    self.relayout();
                }
                // Land on the entry for what is being read.
                let paragraph = self.view_top().paragraph;
                if let Some(current) = self.panel.current(paragraph, &self.annotations) {
                    self.select(current as isize);
                }
                Focus::Panel
            }
            Focus::Panel => Focus::Pane,
        };
    }

    fn toggle_raw(&mut self) {
        let target = match self.doc.view() {
            View::Repaired => View::Raw,
            View::Raw => View::Repaired,
        };
        let top = self.doc.map_to_view(self.view_top(), target);
        let was = self.doc.view();
        Arc::make_mut(&mut self.doc).set_view(target);
        self.refresh_annotations();
        self.refresh_search(was);
        self.wrap.clear();
        self.relayout();
        self.jump(top);
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
            Ok(n) if n >= 1 && n <= self.doc.len() => {
                self.leap(Position::new(n - 1, 0));
                self.message = Some(format!("¶{n}"));
            }
            _ if input.is_empty() => {}
            _ => {
                self.message = Some(format!(
                    "no paragraph {input}: the article has 1–{}",
                    self.doc.len()
                ))
            }
        }
    }

    fn wheel(&mut self, cell: Cell, delta: isize) {
        if self.areas.panel.is_some_and(|p| p.contains(cell)) {
            self.select(self.selected as isize + delta);
        } else if self.areas.pane.contains(cell) {
            self.scroll(delta * WHEEL_LINES);
        }
    }

    fn click(&mut self, cell: Cell) {
        if let Some(list) = self.areas.panel_list().filter(|l| l.contains(cell)) {
            self.focus = Focus::Panel;
            let row = self.panel_offset + (cell.y - list.y) as usize;
            if let Some(Row::Entry(index) | Row::Detail(index)) = self.panel.row(row) {
                self.select(index as isize);
                self.activate();
            }
        } else if self.areas.pane.contains(cell) {
            self.focus = Focus::Pane;
        }
    }

    /// The panel's width and side and the reading column, from the configuration.
    pub fn set_layout(
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

    /// Marks the file as still streaming in.
    pub fn start_loading(&mut self, bytes_read: u64, size: Option<u64>) {
        self.loading = Some(Loading { bytes_read, size });
        self.annotations_stale = true;
        self.relayout_for_gutter();
    }

    /// Lays out again when the gutter's width changes: the paragraph count
    /// (or its estimate while loading) gained or lost a digit.
    fn relayout_for_gutter(&mut self) {
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
    pub fn append(&mut self, block: Block, bytes_read: u64) {
        Arc::make_mut(&mut self.doc).push_block(block);
        if let Some(loading) = &mut self.loading {
            loading.bytes_read = bytes_read;
        }
        self.annotations_stale = true;
        self.relayout_for_gutter();
        if self.follow_end {
            self.jump(self.max_top());
        }
    }

    /// The whole file is in.
    pub fn finish_loading(&mut self, replaced_bytes: usize) {
        let doc = Arc::make_mut(&mut self.doc);
        doc.replaced_bytes = replaced_bytes;
        doc.finish();
        self.loading = None;
        self.annotations_stale = true;
        self.relayout_for_gutter();
        self.refresh_search(self.doc.view());
        if self.follow_end {
            self.jump(self.max_top());
            self.follow_end = false;
        }
        if replaced_bytes > 0 {
            self.message = Some(format!(
                "{replaced_bytes} invalid UTF-8 byte(s) replaced with �"
            ));
        }
    }

    /// Loading stopped on a read error: keep what is there, say so.
    pub fn loading_failed(&mut self, reason: String) {
        self.loading = None;
        Arc::make_mut(&mut self.doc).finish();
        self.message = Some(format!("{reason}; showing what was read"));
    }

    /// After the view changed: detection over a small document runs now;
    /// over a big one it is left to a background thread (see `detection_job`).
    fn refresh_annotations(&mut self) {
        if self.doc.is_complete() && self.doc.total_bytes() < DETECT_NOW_BYTES {
            self.annotations = detect_with(&self.doc, &self.rules);
            self.section_stops = None;
            self.annotations_stale = false;
            self.rebuild_panel();
        } else {
            // Annotations place sections, dates and quotes by paragraph index
            // and byte range of the view they were found in: in the other
            // view they would label the wrong text until detection is done.
            self.annotations = Annotations::default();
            self.section_stops = None;
            self.annotations_stale = true;
            // Detected again at once, even while loading.
            self.detected_bytes = 0;
            self.rebuild_panel();
        }
    }

    /// A snapshot to detect on, when the annotations are stale. Cheap: the
    /// document's text is shared.
    ///
    /// While a file loads, detection runs again only once the text has
    /// doubled since the last run: "found so far" keeps growing, and all the
    /// runs together cost at most twice one run over the whole file.
    pub fn detection_job(&mut self) -> Option<(u64, Arc<Document>, Arc<Rules>)> {
        if !self.annotations_stale {
            return None;
        }
        let size = self.doc.total_bytes();
        if self.loading.is_some() && size < self.detected_bytes.saturating_mul(2) {
            return None;
        }
        self.detected_bytes = size;
        self.annotations_stale = false;
        self.detection_requested += 1;
        Some((
            self.detection_requested,
            Arc::clone(&self.doc),
            Arc::clone(&self.rules),
        ))
    }

    /// Annotations computed on the snapshot of `generation`.
    pub fn detected(&mut self, generation: u64, annotations: Annotations, view: View) {
        if generation <= self.detection_applied || view != self.doc.view() {
            return;
        }
        self.detection_applied = generation;
        self.annotations = annotations;
        self.section_stops = None;
        self.rebuild_panel();
    }

    fn rebuild_panel(&mut self) {
        // In the state's order: a bookmark entry names its bookmark by index.
        let bookmarks: Vec<Position> = self
            .bookmarks
            .bookmarks
            .iter()
            .map(|b| self.shown_position(b))
            .collect();
        // The old panel goes first: its section ends are 4 bytes a section.
        self.panel = Panel::default();
        self.panel = Panel::build(&self.annotations, &bookmarks, self.doc.len());
        self.selected = self.selected.min(self.panel.len().saturating_sub(1));
        self.keep_selection_visible();
    }

    /// Where a bookmark (kept in the repaired view) is in the view shown.
    pub fn shown_position(&self, bookmark: &Bookmark) -> Position {
        let position = bookmark.position();
        match self.doc.view() {
            View::Repaired => position,
            View::Raw => self.doc.map_between(position, View::Repaired, View::Raw),
        }
    }

    /// Takes saved state from the store: bookmarks, and on open, the place
    /// to resume reading.
    pub fn restore(&mut self, state: ArticleState, resume: bool) {
        let position = state.position;
        self.bookmarks = state;
        self.rebuild_panel();
        if let Some(position) = position.filter(|_| resume) {
            let position = self
                .doc
                .map_between(position, View::Repaired, self.doc.view());
            if position != Position::default() {
                self.jump(position);
                self.message = Some(format!("resumed at ¶{}", self.view_top().paragraph + 1));
            }
        }
    }

    /// State the store wrote (with any other running copy's changes merged).
    pub fn saved(&mut self, state: ArticleState) {
        self.bookmarks = state;
        self.rebuild_panel();
    }

    /// A save failed: keep the change in memory and say why.
    pub fn save_failed(&mut self, reason: String) {
        self.message = Some(reason);
    }

    /// Changes to persist, oldest first. The edge saves them and answers
    /// with `saved` or `save_failed`.
    pub fn take_saves(&mut self) -> Vec<Op> {
        std::mem::take(&mut self.saves)
    }

    /// Puts back changes taken before the article could be identified.
    pub fn requeue_saves(&mut self, mut ops: Vec<Op>) {
        ops.append(&mut self.saves);
        self.saves = ops;
    }

    /// The reading position in the repaired view, where it is stored.
    pub fn reading_position(&self) -> Position {
        self.doc
            .map_between(self.view_top(), self.doc.view(), View::Repaired)
    }

    /// Applies a change now and queues it for saving.
    fn change(&mut self, op: Op) {
        self.bookmarks.apply(op.clone());
        self.saves.push(op);
        self.rebuild_panel();
    }

    /// The bookmark `M` edits: on the passage `m` would mark.
    fn bookmark_at_top(&self) -> Option<&Bookmark> {
        let paragraph = self.passage_at_top().paragraph;
        self.bookmarks
            .bookmarks
            .iter()
            .find(|b| self.shown_position(b).paragraph == paragraph)
    }

    /// Whether paragraph `index` (of the view shown) carries a bookmark.
    pub fn is_bookmarked(&self, index: usize) -> bool {
        match self.doc.view() {
            View::Repaired => self.bookmarks.bookmarks_in(index).next().is_some(),
            View::Raw => self
                .bookmarks
                .bookmarks
                .iter()
                .any(|b| self.shown_position(b).paragraph == index),
        }
    }

    fn toggle_bookmark(&mut self) {
        if self.doc.is_empty() {
            return;
        }
        let passage = self.passage_at_top();
        let number = passage.paragraph + 1;
        if let Some(existing) = self.bookmark_at_top().cloned() {
            self.change(Op::Remove {
                id: existing.id.clone(),
            });
            self.deleted = Some(existing);
            self.message = Some(format!("bookmark on ¶{number} removed (u undoes)"));
        } else {
            let bookmark = Bookmark::new(&self.doc, passage, None);
            self.change(Op::Add(bookmark));
            self.message = Some(format!("bookmarked ¶{number}"));
        }
    }

    /// What `m` marks: the sentence of the current search match when it is
    /// on screen, else the top line.
    fn passage_at_top(&self) -> Position {
        let current = self
            .search
            .as_ref()
            .and_then(|s| s.current.as_ref())
            .map(crate::search::Match::start);
        let on_screen = |found: &Position| {
            self.visible_rows().iter().any(|row| {
                matches!(row, viewport::Row::Line { paragraph, range, .. }
                    if *paragraph == found.paragraph && range.contains(&found.byte))
            })
        };
        match current.filter(on_screen) {
            Some(found) => {
                let text = self.doc.paragraph(found.paragraph);
                let start = crate::detect::sentence_at(text, found.byte).start;
                Position::new(found.paragraph, start)
            }
            None => self.view_top(),
        }
    }

    fn submit_note(&mut self) {
        let Mode::Note(note) = std::mem::replace(&mut self.mode, Mode::Normal) else {
            return;
        };
        let note = Some(note.trim().to_owned()).filter(|n| !n.is_empty());
        match self.bookmark_at_top().map(|b| b.id.clone()) {
            Some(id) => self.change(Op::SetNote { id, note }),
            None => {
                let bookmark = Bookmark::new(&self.doc, self.passage_at_top(), note);
                self.change(Op::Add(bookmark));
            }
        }
        self.message = Some(format!(
            "note saved on ¶{}",
            self.passage_at_top().paragraph + 1
        ));
    }

    fn delete_selected_bookmark(&mut self) {
        let Some(id) = self
            .panel
            .entry(self.selected, &self.annotations)
            .and_then(|e| e.bookmark())
            .and_then(|i| self.bookmarks.bookmarks.get(i))
            .map(|b| b.id.clone())
        else {
            self.message = Some("select a bookmark to delete".to_owned());
            return;
        };
        if let Some(bookmark) = self.bookmarks.find(&id).cloned() {
            self.change(Op::Remove { id });
            self.message = Some(format!(
                "bookmark on ¶{} deleted (u undoes)",
                bookmark.paragraph + 1
            ));
            self.deleted = Some(bookmark);
        }
    }

    fn undo(&mut self) {
        match self.deleted.take() {
            Some(bookmark) => {
                let paragraph = bookmark.paragraph + 1;
                self.change(Op::Add(bookmark));
                self.message = Some(format!("bookmark on ¶{paragraph} restored"));
            }
            None => self.message = Some("nothing to undo".to_owned()),
        }
    }

    fn focus_bookmarks(&mut self) {
        match self.panel.first_of(Group::Bookmarks) {
            Some(first) => {
                if !self.panel_shown() {
                    self.panel_choice = Some(true);
                    self.relayout();
                }
                self.focus = Focus::Panel;
                self.select(first as isize);
            }
            None => {
                self.message =
                    Some("no bookmarks yet: m bookmarks the passage at the top".to_owned())
            }
        }
    }

    /// The text of panel entry `index` (made when needed: see `panel::label`).
    pub fn entry_label(&self, index: usize) -> String {
        self.panel
            .entry(index, &self.annotations)
            .map(|e| crate::panel::label(&e, &self.doc, &self.annotations, &self.bookmarks))
            .unwrap_or_default()
    }

    /// The second line of panel entry `index`, if it has one.
    pub fn entry_detail(&self, index: usize) -> Option<String> {
        self.panel.entry(index, &self.annotations).and_then(|e| {
            crate::panel::detail(&e, &self.doc, &self.annotations, &self.rules.fate_cues)
        })
    }

    /// The paragraphs the pane shows.
    pub fn shown(&self) -> Shown<'_> {
        match &self.filter {
            Some(filter) => Shown::Only(&filter.paragraphs),
            None => Shown::All(self.doc.len()),
        }
    }

    /// Where the evidence of a panel entry is, in order.
    fn mentions(&self, source: &Source) -> Mentions<'_> {
        let a = &self.annotations;
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
                .bookmarks
                .bookmarks
                .get(*i)
                .map(|b| Mentions::One(self.shown_position(b))),
        }
        .unwrap_or(Mentions::List(&[]))
    }

    /// The paragraphs `f` shows for a panel entry.
    fn entry_paragraphs(&self, index: usize) -> Vec<usize> {
        let Some(entry) = self.panel.entry(index, &self.annotations) else {
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
        paragraphs.retain(|&p| p < self.doc.len());
        paragraphs
    }

    fn toggle_filter(&mut self) {
        if self.filter.take().is_some() {
            self.message = Some("filter off: every paragraph".to_owned());
        } else {
            let paragraphs = self.entry_paragraphs(self.selected);
            if paragraphs.is_empty() {
                self.message = Some("select a panel entry to filter by (Tab, then j/k)".to_owned());
                return;
            }
            let label = self.entry_label(self.selected);
            self.message = Some(format!(
                "showing {} paragraph(s) of {label} (f: all)",
                paragraphs.len()
            ));
            self.filter = Some(Filter { label, paragraphs });
        }
        self.relayout();
    }

    /// `]` / `[`: headings and role sections; without any, annotated paragraphs.
    fn section(&mut self, n: isize) {
        let here = self.view_top().paragraph;
        let stops = self
            .section_stops
            .get_or_insert_with(|| SectionStops::new(&self.annotations));
        match stops.step(&self.annotations, here, n, self.doc.len()) {
            Some(paragraph) => {
                self.leap(Position::new(paragraph, 0));
                let title = self
                    .panel
                    .current(paragraph, &self.annotations)
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
    fn mention(&mut self, n: isize) {
        let Some(entry) = self.panel.entry(self.selected, &self.annotations) else {
            return;
        };
        let label = self.entry_label(self.selected);
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
            Some(mentions.partition_point(|m| self.cmp_line(m, here).is_le()))
                .filter(|&i| i < mentions.len())
                .unwrap_or(0)
        } else {
            mentions
                .partition_point(|m| self.cmp_line(m, here).is_lt())
                .checked_sub(1)
                .unwrap_or(mentions.len() - 1)
        };
        let (count, target) = (mentions.len(), mentions.get(index));
        let target = viewport::line_start(&self.doc, self.shown(), &self.wrap, target);
        self.leap(target);
        self.message = Some(format!(
            "{label}: mention {}/{count} (¶{})",
            index + 1,
            target.paragraph + 1
        ));
    }

    /// How the line holding `position` compares with the line start
    /// `here`. Only a position in here's paragraph is wrapped: a search
    /// through mentions would otherwise wrap a paragraph per probe.
    fn cmp_line(&self, position: Position, here: Position) -> std::cmp::Ordering {
        let last = self.doc.len().saturating_sub(1);
        // The paragraph `line_start` puts the position in.
        match self.shown().snap(position.paragraph).map(|p| p.min(last)) {
            Some(paragraph) if paragraph != here.paragraph => paragraph.cmp(&here.paragraph),
            _ => viewport::line_start(&self.doc, self.shown(), &self.wrap, position).cmp(&here),
        }
    }

    /// Lines of the help overlay, to stop its scrolling at the end.
    pub fn help_lines(&self) -> u16 {
        crate::ui::help::lines(&self.keymap, &self.theme).len() as u16
    }

    /// The pane's rows from the top: what is drawn.
    pub fn visible_rows(&self) -> Vec<viewport::Row> {
        viewport::rows(
            &self.doc,
            self.shown(),
            &self.wrap,
            self.view_top(),
            self.height(),
        )
    }

    /// How far the bottom of the pane is into the text, 0–100.
    pub fn percent(&self) -> u16 {
        self.frame_view().percent
    }

    /// What a frame shows. Drawing computes it once and hands it to the
    /// pane, the panel and the status bar: finding the top walks up to a
    /// screen back from the end, and each of them asked for it again.
    pub fn frame_view(&self) -> FrameView {
        let max_top = self.max_top();
        let top = viewport::line_start(&self.doc, self.shown(), &self.wrap, self.top).min(max_top);
        let rows = viewport::rows(&self.doc, self.shown(), &self.wrap, top, self.height());
        let percent = if top >= max_top {
            100
        } else {
            let bottom = rows
                .iter()
                .rev()
                .find_map(|r| match r {
                    viewport::Row::Line {
                        paragraph, range, ..
                    } => Some(Position::new(*paragraph, range.end)),
                    viewport::Row::Gap => None,
                })
                .unwrap_or(top);
            (self.doc.fraction(bottom) * 100.0).floor() as u16
        };
        FrameView { top, rows, percent }
    }
}

/// One frame's view of the text (see [`App::frame_view`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameView {
    /// The top line as drawn: [`App::view_top`].
    pub top: Position,
    /// The pane's rows: [`App::visible_rows`].
    pub rows: Vec<viewport::Row>,
    /// How far the bottom of the pane is into the text, 0–100.
    pub percent: u16,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(width: u16, height: u16) -> App {
        let doc =
            crate::load::load_bytes(include_bytes!("../../assets/article.txt")).expect("loads");
        App::new(doc, "article.txt".into(), Size::new(width, height))
    }

    #[test]
    fn paging_reaches_the_end_and_comes_back() {
        let mut a = app(120, 40);
        for _ in 0..50 {
            a.update(Action::Page(1));
        }
        assert_eq!(a.top, a.max_top());
        assert_eq!(a.percent(), 100);
        for _ in 0..50 {
            a.update(Action::Page(-1));
        }
        assert_eq!(a.top, Position::default());
    }

    /// The frame's view, computed in one go, is what the separate
    /// questions (top, rows, percent as the bottom row's place) answer.
    #[test]
    fn frame_view_matches_its_parts_after_every_action() {
        let actions = [
            Action::ScrollLines(1),
            Action::Page(1),
            Action::HalfPage(1),
            Action::Paragraph(2),
            Action::Resize(70, 15),
            Action::TogglePanel,
            Action::FocusNext,
            Action::Select(3),
            Action::ToggleFilter,
            Action::Page(1),
            Action::ToggleFilter,
            Action::ToggleRaw,
            Action::Bottom,
            Action::ScrollLines(-4),
            Action::ToggleRaw,
            Action::Resize(200, 60),
            Action::Paragraph(-3),
            Action::Resize(20, 3),
            Action::Bottom,
            Action::Resize(0, 0),
            Action::Top,
        ];
        let mut a = app(120, 20);
        for action in actions.into_iter().cycle().take(actions.len() * 3) {
            a.update(action);
            let view = a.frame_view();
            assert_eq!(view.top, a.view_top(), "{action:?}");
            assert_eq!(view.rows, a.visible_rows(), "{action:?}");
            let bottom = view
                .rows
                .iter()
                .rev()
                .find_map(|r| match r {
                    viewport::Row::Line {
                        paragraph, range, ..
                    } => Some(Position::new(*paragraph, range.end)),
                    viewport::Row::Gap => None,
                })
                .unwrap_or(view.top);
            let percent = if view.top >= a.max_top() {
                100
            } else {
                (a.doc.fraction(bottom) * 100.0).floor() as u16
            };
            assert_eq!(view.percent, percent, "{action:?}");
        }
    }

    #[test]
    fn paragraph_keys_step_through_paragraphs() {
        let mut a = app(60, 10);
        a.update(Action::Paragraph(1));
        assert_eq!(a.top, Position::new(1, 0));
        a.update(Action::Paragraph(-1));
        assert_eq!(a.top, Position::default());
        a.update(Action::Paragraph(-1));
        assert_eq!(a.top, Position::default());
    }

    #[test]
    fn goto_paragraph_and_bad_numbers() {
        let mut a = app(120, 10);
        for action in [
            Action::StartGoto,
            Action::InputChar('4'),
            Action::InputChar('x'),
            Action::InputSubmit,
        ] {
            a.update(action);
        }
        assert_eq!(a.top, Position::new(3, 0));
        assert_eq!(a.mode, Mode::Normal);
        for action in [
            Action::StartGoto,
            Action::InputChar('9'),
            Action::InputChar('9'),
            Action::InputSubmit,
        ] {
            a.update(action);
        }
        assert_eq!(a.top, Position::new(3, 0));
        assert!(
            a.message
                .as_deref()
                .is_some_and(|m| m.starts_with("no paragraph 99"))
        );
    }

    #[test]
    fn panel_enter_jumps_and_keeps_focus() {
        let mut a = app(120, 10);
        a.update(Action::FocusNext);
        assert_eq!(a.focus, Focus::Panel);
        a.update(Action::SelectLast);
        a.update(Action::Activate);
        let entry = a.panel.entry(a.selected, &a.annotations).expect("selected");
        assert!(a.visible_rows().iter().any(|r| matches!(r, viewport::Row::Line { paragraph, .. } if *paragraph == entry.target().paragraph)));
        assert_eq!(a.focus, Focus::Panel);
    }

    #[test]
    fn resize_keeps_the_reading_position() {
        let mut a = app(120, 20);
        a.update(Action::Paragraph(5));
        let before = a.top.paragraph;
        for (w, h) in [(20, 5), (1, 1), (0, 0), (300, 100), (120, 20)] {
            a.update(Action::Resize(w, h));
        }
        assert_eq!(a.top.paragraph, before);
    }

    #[test]
    fn raw_toggle_maps_the_position() {
        let mut a = app(120, 10);
        let repaired = a.doc.len();
        a.update(Action::Paragraph(4));
        let text = a.doc.paragraph(a.top.paragraph).to_owned();
        a.update(Action::ToggleRaw);
        assert!(a.doc.len() > repaired);
        assert!(text.starts_with(a.doc.paragraph(a.top.paragraph)));
        a.update(Action::ToggleRaw);
        assert_eq!(a.doc.paragraph(a.top.paragraph), text);
    }

    #[test]
    fn narrow_screens_hide_the_panel_until_asked() {
        let mut a = app(60, 20);
        assert!(!a.panel_shown());
        a.update(Action::TogglePanel);
        assert!(a.panel_shown());
        a.update(Action::TogglePanel);
        a.update(Action::FocusNext);
        assert!(a.panel_shown(), "moving focus to the panel shows it");
    }

    #[test]
    fn every_action_at_every_tiny_size_is_safe() {
        let actions = [
            Action::ScrollLines(1),
            Action::Page(1),
            Action::Bottom,
            Action::Paragraph(-1),
            Action::FocusNext,
            Action::Select(1),
            Action::Activate,
            Action::TogglePanel,
            Action::ToggleRaw,
            Action::Wheel {
                column: 0,
                row: 0,
                delta: 1,
            },
            Action::Click { column: 0, row: 0 },
            Action::Top,
        ];
        for w in 0..6 {
            for h in 0..6 {
                let mut a = app(w, h);
                for action in actions {
                    a.update(action);
                }
            }
        }
    }

    #[test]
    fn m_toggles_a_bookmark_and_queues_saves() {
        let mut a = app(120, 10);
        a.update(Action::Paragraph(3));
        a.update(Action::ToggleBookmark);
        assert!(a.is_bookmarked(3));
        assert!(
            a.panel
                .entries(&a.annotations)
                .any(|e| e.bookmark().is_some())
        );
        a.update(Action::ToggleBookmark);
        assert!(!a.is_bookmarked(3));
        let saves = a.take_saves();
        assert!(matches!(saves.as_slice(), [Op::Add(_), Op::Remove { .. }]));
        assert!(a.take_saves().is_empty());
    }

    #[test]
    fn note_input_creates_or_edits() {
        let mut a = app(120, 10);
        a.update(Action::EditNote);
        for c in "hi".chars() {
            a.update(Action::InputChar(c));
        }
        a.update(Action::InputSubmit);
        assert_eq!(a.bookmarks.bookmarks[0].note.as_deref(), Some("hi"));
        a.update(Action::EditNote);
        assert_eq!(a.mode, Mode::Note("hi".into()));
        a.update(Action::InputBackspace);
        a.update(Action::InputCancel);
        assert_eq!(a.bookmarks.bookmarks[0].note.as_deref(), Some("hi"));
    }

    #[test]
    fn delete_undo_only_until_the_next_action() {
        let mut a = app(120, 10);
        a.update(Action::ToggleBookmark);
        a.update(Action::FocusBookmarks);
        assert_eq!(a.focus, Focus::Panel);
        a.update(Action::DeleteBookmark);
        assert!(a.bookmarks.bookmarks.is_empty());
        a.update(Action::Undo);
        assert_eq!(a.bookmarks.bookmarks.len(), 1);
        a.update(Action::FocusBookmarks);
        a.update(Action::DeleteBookmark);
        a.update(Action::ScrollLines(1));
        a.update(Action::Undo);
        assert!(a.bookmarks.bookmarks.is_empty());
    }

    #[test]
    fn backtick_returns_from_a_jump_and_back_again() {
        let mut a = app(120, 10);
        a.update(Action::Bottom);
        let bottom = a.view_top();
        a.update(Action::JumpBack);
        assert_eq!(a.view_top(), Position::default());
        a.update(Action::JumpBack);
        assert_eq!(a.view_top(), bottom);
    }

    #[test]
    fn restore_resumes_and_quit_saves_the_position() {
        let mut a = app(120, 10);
        let mut state = a.bookmarks.clone();
        state.position = Some(Position::new(4, 0));
        a.restore(state, true);
        assert_eq!(a.view_top().paragraph, 4);
        assert_eq!(a.message.as_deref(), Some("resumed at ¶5"));
        a.update(Action::Quit);
        assert_eq!(a.take_saves(), vec![Op::SetPosition(Position::new(4, 0))]);
    }

    #[test]
    fn bookmarks_follow_the_raw_view() {
        let mut a = app(120, 10);
        a.update(Action::Paragraph(8)); // "Ali Wangwang expects…", two raw paragraphs
        a.update(Action::ToggleBookmark);
        let repaired = a.view_top().paragraph;
        a.update(Action::ToggleRaw);
        let raw = a.view_top().paragraph;
        assert!(raw > repaired);
        assert!(a.is_bookmarked(raw));
        assert_eq!(a.reading_position().paragraph, repaired);
    }

    fn select_entry(a: &mut App, starts_with: &str) {
        let index = (0..a.panel.len())
            .position(|i| a.entry_label(i).starts_with(starts_with))
            .expect("entry");
        a.update(Action::FocusNext);
        a.update(Action::Select(index as isize - a.selected as isize));
    }

    #[test]
    fn brackets_step_through_annotated_sections() {
        let mut a = app(120, 10);
        let mut seen = Vec::new();
        for _ in 0..6 {
            a.update(Action::Section(1));
            seen.push(a.view_top().paragraph + 1);
        }
        // The question heading, the two role headings, then the end is held.
        assert_eq!(&seen[..3], &[3, 4, 8]);
        a.update(Action::Section(-1));
        assert!(a.view_top().paragraph < 7);
    }

    /// `]` / `[` as they were: every stop gathered and sorted on each press.
    fn section_by_scan(a: &App, n: isize) -> Option<usize> {
        let mut starts: Vec<usize> = a
            .annotations
            .sections
            .iter()
            .filter(|s| s.kind != crate::detect::SectionKind::Paragraph)
            .map(|s| s.paragraph)
            .chain(a.annotations.roles.iter().map(|r| r.heading_paragraph()))
            .collect();
        starts.sort_unstable();
        starts.dedup();
        if starts.len() <= 1 {
            starts = (0..a.doc.len())
                .filter(|&p| a.annotations.marks(p).any())
                .collect();
        }
        let here = a.view_top().paragraph;
        if n > 0 {
            starts.iter().find(|&&p| p > here).copied()
        } else {
            starts.iter().rev().find(|&&p| p < here).copied()
        }
    }

    /// `]` and `[` stop where gathering every stop on each press did: with
    /// headings, without any (annotated paragraphs), in both views.
    #[test]
    fn section_steps_by_index_match_a_scan() {
        let plain = "A plain paragraph that names nothing at all and goes on for a while.\n\n";
        let marked = "Alipay grew in March 2017, as every report of that year noted.\n\n";
        let texts = [
            format!("{}\n\n", crate::source::BUNDLED).repeat(6),
            [plain, plain, marked, plain, marked, marked, plain].concat(),
            plain.repeat(5),
            String::new(),
        ];
        for (text, (annotated, stops)) in
            texts
                .into_iter()
                .zip([(false, 19), (true, 3), (true, 0), (true, 0)])
        {
            let doc = crate::load::load_bytes(text.as_bytes()).expect("loads");
            let mut a = App::new(doc, "doc".into(), Size::new(70, 12));
            let index = SectionStops::new(&a.annotations);
            let count = match &index {
                SectionStops::Headings => {
                    let mut all: Vec<usize> = SectionStops::headings(&a.annotations).collect();
                    all.sort_unstable();
                    all.dedup();
                    all.len()
                }
                SectionStops::Annotated(paragraphs) => paragraphs.len(),
            };
            assert_eq!(
                (matches!(index, SectionStops::Annotated(_)), count),
                (annotated, stops)
            );
            for _view in 0..2 {
                for paragraph in 0..a.doc.len().max(1) {
                    for n in [1, -1] {
                        a.jump(Position::new(paragraph, 0));
                        let expected = section_by_scan(&a, n);
                        a.update(Action::Section(n));
                        let message = a.message.clone().unwrap_or_default();
                        match expected {
                            Some(p) => assert!(
                                message.starts_with(&format!("¶{} ", p + 1)),
                                "¶{paragraph} {n}: {message} for {p}"
                            ),
                            None => assert!(
                                message.starts_with("no annotated section"),
                                "¶{paragraph} {n}: {message}"
                            ),
                        }
                    }
                }
                a.update(Action::ToggleRaw);
            }
        }
    }

    #[test]
    fn filter_shows_only_the_entrys_paragraphs() {
        let mut a = app(120, 40);
        select_entry(&mut a, "platform role");
        a.update(Action::ToggleFilter);
        let shown: Vec<usize> = a
            .visible_rows()
            .iter()
            .filter_map(|r| match r {
                viewport::Row::Line {
                    paragraph,
                    first: true,
                    ..
                } => Some(*paragraph),
                _ => None,
            })
            .collect();
        assert_eq!(shown, vec![3, 4, 5, 6]);
        a.update(Action::ToggleFilter);
        assert!(a.filter.is_none());
        assert_eq!(a.visible_rows().len(), a.height());
    }

    #[test]
    fn mentions_step_forward_and_wrap() {
        let mut a = app(120, 8);
        select_entry(&mut a, "Circles");
        a.update(Action::Mention(1));
        assert_eq!(a.view_top().paragraph, 6);
        assert!(
            a.message
                .as_deref()
                .is_some_and(|m| m.contains("mention 1/"))
        );
        a.update(Action::Mention(1));
        assert_eq!(a.view_top().paragraph, 8);
        a.update(Action::Mention(-1));
        assert_eq!(a.view_top().paragraph, 6);
    }

    /// `.` and `,` land where a scan of every mention would.
    #[test]
    fn mention_steps_by_search_match_a_scan() {
        let text = format!("{}\n\n", crate::source::BUNDLED).repeat(6);
        let doc = crate::load::load_bytes(text.as_bytes()).expect("loads");
        let mut a = App::new(doc, "six".into(), Size::new(70, 12));
        let sources: Vec<Source> = a.panel.entries(&a.annotations).map(|e| e.source).collect();
        let product = (sources.iter())
            .position(|s| matches!(s, Source::Product(_)))
            .expect("a product");
        for (entry, source) in sources.iter().enumerate() {
            let mentions: Vec<Position> = a.mentions(source).iter().collect();
            // The search relies on detection's text order.
            assert!(mentions.is_sorted(), "entry {entry}");
            if mentions.is_empty() {
                continue;
            }
            // Unfiltered, filtered to a product's paragraphs, to the entry's own.
            for filter in [None, Some(product), Some(entry)] {
                a.filter = None;
                if let Some(filter) = filter {
                    a.selected = filter;
                    a.update(Action::ToggleFilter);
                }
                a.selected = entry;
                for paragraph in (0..a.doc.len()).step_by(3) {
                    for n in [1, -1] {
                        a.jump(Position::new(paragraph, 0));
                        let here = a.view_top();
                        let line_of =
                            |p: Position| viewport::line_start(&a.doc, a.shown(), &a.wrap, p);
                        let index = if n > 0 {
                            mentions
                                .iter()
                                .position(|&m| line_of(m) > here)
                                .unwrap_or(0)
                        } else {
                            mentions
                                .iter()
                                .rposition(|&m| line_of(m) < here)
                                .unwrap_or(mentions.len() - 1)
                        };
                        let expected = a.clamped(line_of(mentions[index]));
                        a.update(Action::Mention(n));
                        let context = format!("entry {entry} filter {filter:?} ¶{paragraph} {n}");
                        assert_eq!(a.view_top(), expected, "{context}");
                        let count = format!("mention {}/{} ", index + 1, mentions.len());
                        assert!(
                            a.message.as_deref().is_some_and(|m| m.contains(&count)),
                            "{context}: {:?}",
                            a.message
                        );
                    }
                }
            }
        }
    }

    /// `f` on any entry: a product's paragraphs are its mentions',
    /// each once, gathered without a copy of the mention list first.
    #[test]
    fn filter_paragraphs_are_the_mentions_paragraphs() {
        let text = format!("{}\n\n", crate::source::BUNDLED).repeat(3);
        let doc = crate::load::load_bytes(text.as_bytes()).expect("loads");
        let a = App::new(doc, "three".into(), Size::new(70, 12));
        for (i, entry) in a.panel.entries(&a.annotations).enumerate() {
            let mut expected: Vec<usize> = match entry.source {
                Source::Product(_) => a
                    .mentions(&entry.source)
                    .iter()
                    .map(|m| m.paragraph)
                    .collect(),
                _ => entry.paragraphs().collect(),
            };
            expected.dedup();
            expected.retain(|&p| p < a.doc.len());
            assert_eq!(a.entry_paragraphs(i), expected, "entry {i}");
        }
    }

    #[test]
    fn m_on_a_search_match_marks_its_sentence() {
        let mut a = app(120, 10);
        a.update(Action::StartSearch);
        for c in "too closed".chars() {
            a.update(Action::InputChar(c));
        }
        a.update(Action::InputSubmit);
        a.update(Action::ToggleBookmark);
        let quote = &a.bookmarks.bookmarks[0].quote;
        assert!(
            quote.starts_with("Ali Wangwang expects to achieve"),
            "{quote}"
        );
    }

    #[test]
    fn the_gutter_keeps_its_width_while_a_file_of_known_size_streams_in() {
        let text = format!("{}\n\n", crate::source::BUNDLED).repeat(400);
        let mut loader = crate::load::Loader::new();
        let mut blocks = Vec::new();
        let mut read = 0u64;
        for chunk in text.as_bytes().chunks(3000) {
            read += chunk.len() as u64;
            blocks.extend(loader.push(chunk).expect("push").map(|b| (b, read)));
        }
        let last = loader.finish().expect("finish");
        let mut blocks = blocks.into_iter();
        let (first, first_read) = blocks.next().expect("a first block");
        let mut doc = Document::default();
        doc.push_block(first);
        let mut a = App::new(doc, "big".into(), Size::new(120, 40));
        a.start_loading(first_read, Some(text.len() as u64));
        let mut widths = vec![a.areas.gutter.width];
        for (block, read) in blocks {
            a.append(block, read);
            widths.push(a.areas.gutter.width);
        }
        a.append(last, text.len() as u64);
        a.finish_loading(0);
        widths.push(a.areas.gutter.width);
        assert!(
            a.doc.len() >= 1000,
            "{} paragraphs: four digits",
            a.doc.len()
        );
        assert!(
            widths.iter().all(|&w| w == widths[0]),
            "the gutter changed width while loading: {widths:?}"
        );
    }

    #[test]
    fn a_big_article_shows_no_annotations_of_the_other_view_while_it_is_detected_again() {
        // Over DETECT_NOW_BYTES, so detection runs as a background job.
        let text = format!("{}\n\n", crate::source::BUNDLED).repeat(1700);
        let mut a = App::new(Document::from_text(&text), "big".into(), Size::new(120, 40));
        let (generation, doc, rules) = a.detection_job().expect("a job for a big article");
        a.detected(generation, detect_with(&doc, &rules), doc.view());
        assert!(!a.annotations.sections.is_empty());
        a.update(Action::ToggleRaw);
        // Sections, dates and quotes are read from the document by index and
        // range: those of the repaired view would label raw paragraphs.
        assert!(a.annotations.sections.is_empty() && a.annotations.roles.is_empty());
        assert!(a.panel.is_empty(), "no entries until detection is done");
        let (generation, doc, rules) = a.detection_job().expect("detected again");
        a.detected(generation, detect_with(&doc, &rules), doc.view());
        let raw = detect_with(&a.doc, &a.rules);
        assert_eq!(a.annotations, raw);
        let labels: Vec<String> = (0..a.panel.len()).map(|i| a.entry_label(i)).collect();
        assert!(labels.iter().any(|l| l.contains("platform role")));
    }

    #[test]
    fn detection_while_loading_waits_for_the_text_to_double() {
        let mut loader = crate::load::Loader::new();
        let text = format!("{}\n\n", crate::source::BUNDLED).repeat(40);
        let mut blocks = Vec::new();
        for chunk in text.as_bytes().chunks(2000) {
            blocks.extend(loader.push(chunk).expect("push"));
        }
        let mut a = App::new(Document::default(), "big".into(), Size::new(120, 40));
        a.start_loading(0, None);
        let mut jobs = 0;
        for block in blocks {
            a.append(block, 0);
            if a.detection_job().is_some() {
                jobs += 1;
            }
        }
        assert!((3..=10).contains(&jobs), "{jobs} detections for 40 copies");
        a.finish_loading(0);
        assert!(
            a.detection_job().is_some(),
            "the whole text is detected at the end"
        );
    }

    #[test]
    fn the_panel_keeps_what_is_read_in_view_while_the_pane_has_focus() {
        let text = format!("{}\n\n", crate::source::BUNDLED).repeat(30);
        let doc = crate::load::load_bytes(text.as_bytes()).expect("loads");
        let mut a = App::new(doc, "big".into(), Size::new(140, 30));
        let rows = a.areas.panel_rows();
        assert!(rows > 0);
        let in_view = |a: &App| {
            let current = a.panel.current(a.view_top().paragraph, &a.annotations);
            let row = a.panel.row_of(current.expect("an entry holds it"));
            (a.panel_offset..a.panel_offset + rows).contains(&row)
        };
        let last = a.doc.len() - 1;
        for paragraph in [150, 20, last - 5, 3] {
            a.update(Action::StartGoto);
            for c in (paragraph + 1).to_string().chars() {
                a.update(Action::InputChar(c));
            }
            a.update(Action::InputSubmit);
            assert!(
                a.view_top().paragraph.abs_diff(paragraph) < 10,
                "went to ¶{}",
                paragraph + 1
            );
            assert!(in_view(&a), "¶{}: offset {}", paragraph + 1, a.panel_offset);
        }
        // Paging on keeps it in view too.
        for _ in 0..40 {
            a.update(Action::Page(1));
            assert!(in_view(&a), "at ¶{}", a.view_top().paragraph + 1);
        }
        // In the panel, the reader's own scrolling is left alone.
        a.update(Action::FocusNext);
        a.update(Action::SelectFirst);
        assert_eq!(a.panel_offset, 0);
        a.update(Action::Page(1));
        assert_eq!(a.panel_offset, 0);
    }
}
