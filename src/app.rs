//! Application state and its one way of changing: `App::update(Action)`.
//! No terminal, no filesystem: the event loop turns events into actions and
//! drawing reads the state.

use ratatui::layout::{Position as Cell, Size};

use crate::detect::{Annotations, detect};
use crate::document::{Document, Position, View};
use crate::keymap::Keymap;
use crate::layout::WrapCache;
use crate::panel::{Panel, Row};
use crate::ui::areas::Areas;
use crate::ui::theme::Theme;
use crate::viewport;

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

/// Lines the mouse wheel moves per notch.
const WHEEL_LINES: isize = 3;

pub struct App {
    pub doc: Document,
    /// The file name as shown (sanitised).
    pub name: String,
    pub annotations: Annotations,
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
    pub wrap: WrapCache,
    pub quit: bool,
}

impl App {
    pub fn new(doc: Document, name: String, size: Size) -> Self {
        let annotations = detect(&doc);
        let panel = Panel::build(&annotations, doc.len());
        let mut app = App {
            doc,
            name,
            annotations,
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
            wrap: WrapCache::new(1),
            quit: false,
        };
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
        match action {
            Action::ScrollLines(n) => self.scroll(n),
            Action::Paragraph(n) => self.paragraph(n),
            Action::Page(n) => self.scroll(n * self.page()),
            Action::HalfPage(n) => self.scroll(n * (self.page() / 2).max(1)),
            Action::Top => self.jump(Position::default()),
            Action::Bottom => self.jump(self.max_top()),
            Action::Select(n) => self.select(self.selected as isize + n),
            Action::SelectPage(n) => {
                let page = self.areas.panel_rows().max(1) as isize;
                self.select(self.selected as isize + n * page);
            }
            Action::SelectFirst => self.select(0),
            Action::SelectLast => self.select(self.panel.entries.len() as isize - 1),
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
            Action::Quit => self.quit = true,
            Action::InputChar(c) => {
                if let Mode::Goto(input) = &mut self.mode
                    && c.is_ascii_digit()
                    && input.len() < 12
                {
                    input.push(c);
                }
            }
            Action::InputBackspace => {
                if let Mode::Goto(input) = &mut self.mode {
                    input.pop();
                }
            }
            Action::InputSubmit => self.submit_goto(),
            Action::InputCancel => self.mode = Mode::Normal,
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
        self.areas = Areas::compute(self.areas.size, self.panel_shown(), self.doc.len());
        let width = self.areas.text.width as usize;
        if width != self.wrap.width() {
            self.wrap = WrapCache::new(width);
        }
        // Not clamped to the end: growing the window and shrinking it back
        // keeps the reading position. Drawing clamps (see `view_top`).
        self.top = viewport::line_start(&self.doc, &self.wrap, self.top);
        self.keep_selection_visible();
    }

    fn height(&self) -> usize {
        self.areas.text.height as usize
    }

    fn page(&self) -> isize {
        (self.height().saturating_sub(1)).max(1) as isize
    }

    fn max_top(&self) -> Position {
        viewport::max_top(&self.doc, &self.wrap, self.height().max(1))
    }

    fn clamped(&self, top: Position) -> Position {
        viewport::clamp_top(&self.doc, &self.wrap, top, self.height().max(1))
    }

    /// The top line as drawn: the reading position, held back so the last
    /// screen is full.
    pub fn view_top(&self) -> Position {
        self.clamped(self.top)
    }

    fn scroll(&mut self, lines: isize) {
        let moved = viewport::scroll(&self.doc, &self.wrap, self.view_top(), lines);
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

    fn select(&mut self, index: isize) {
        let last = self.panel.entries.len().saturating_sub(1) as isize;
        self.selected = index.clamp(0, last) as usize;
        self.keep_selection_visible();
    }

    fn keep_selection_visible(&mut self) {
        let rows = self.areas.panel_rows();
        if rows == 0 || self.panel.entries.is_empty() {
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
        let Some(entry) = self.panel.entries.get(self.selected) else {
            return;
        };
        let (target, label) = (
            entry.target,
            format!("{} {}", entry.span_label(), entry.label),
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
                if let Some(current) = self.panel.current(self.view_top().paragraph) {
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
        self.doc.set_view(target);
        self.annotations = detect(&self.doc);
        self.panel = Panel::build(&self.annotations, self.doc.len());
        self.selected = self
            .selected
            .min(self.panel.entries.len().saturating_sub(1));
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
                self.jump(Position::new(n - 1, 0));
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
            if let Some(Row::Entry(index)) = self.panel.rows.get(row) {
                self.select(*index as isize);
                self.activate();
            }
        } else if self.areas.pane.contains(cell) {
            self.focus = Focus::Pane;
        }
    }

    /// Lines of the help overlay: a heading and a blank line per context,
    /// a line per binding, the mouse line.
    pub fn help_lines(&self) -> u16 {
        (self.keymap.bindings.len() + 3 * 2 + 1) as u16
    }

    /// The pane's rows from the top: what is drawn.
    pub fn visible_rows(&self) -> Vec<viewport::Row> {
        viewport::rows(&self.doc, &self.wrap, self.view_top(), self.height())
    }

    /// How far the bottom of the pane is into the text, 0–100.
    pub fn percent(&self) -> u16 {
        if self.view_top() >= self.max_top() {
            return 100;
        }
        let bottom = self
            .visible_rows()
            .iter()
            .rev()
            .find_map(|r| match r {
                viewport::Row::Line {
                    paragraph, range, ..
                } => Some(Position::new(*paragraph, range.end)),
                viewport::Row::Gap => None,
            })
            .unwrap_or(self.view_top());
        (self.doc.fraction(bottom) * 100.0).floor() as u16
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(width: u16, height: u16) -> App {
        let doc = crate::load::load_bytes(include_bytes!("../assets/article.txt")).expect("loads");
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
        let entry = &a.panel.entries[a.selected];
        assert!(a.visible_rows().iter().any(|r| matches!(r, viewport::Row::Line { paragraph, .. } if *paragraph == entry.target.paragraph)));
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
}
