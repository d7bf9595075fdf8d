//! What the reader can ask for, as keys, the mouse and the edges name it,
//! and which part of the screen has the keyboard. Plain data: the keymap,
//! the event translation and the app all speak it, and it depends on none
//! of them.

use crate::document::{Position, View};
use crate::span::Unit;

/// Which part of the screen has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Pane,
    Panel,
}

/// A change to the reader's state: the one way it changes (`App::update`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ScrollLines(isize),
    Paragraph(isize),
    Page(isize),
    HalfPage(isize),
    Top,
    Bottom,
    /// To a place in the view shown, as `:N` goes to a paragraph (a jump
    /// `` ` `` can undo). No key asks for it: the edges and benchmarks do.
    GoTo(Position),
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
    /// Raw or repaired, whichever is shown now (`--raw`, the config).
    SetView(View),
    ToggleHelp,
    /// `m`: bookmark the passage at the top of the pane, or remove its bookmark.
    ToggleBookmark,
    /// `M`: add or edit the note of that bookmark; in the panel, on a
    /// highlight, that highlight's note.
    EditNote,
    /// `d` in the panel: delete the selected bookmark (undo with `u`).
    DeleteBookmark,
    Undo,
    /// `'`: focus the panel on the bookmarks.
    FocusBookmarks,
    /// `v`: start selecting text to highlight: the search match shown, else
    /// the first sentence of the passage being read.
    StartSelection,
    /// While selecting: grow the selection by a word, sentence or paragraph.
    Extend(Unit),
    /// While selecting: shrink it by one.
    Shrink(Unit),
    /// While selecting: the next highlight colour.
    CycleColour,
    /// While selecting: save it as a highlight.
    SaveHighlight,
    /// While selecting: save it with a note typed on the input line.
    NoteHighlight,
    /// While selecting: stop without saving.
    CancelSelection,
    /// `x` in the panel: dismiss the selected role, product or date for
    /// this article (undo with `u`).
    Dismiss,
    /// `e` in the panel: rename the selected role or product, then change
    /// its actor or owner, on the input line.
    EditEntry,
    /// `X` in the panel: never show the selected role or product, in any
    /// article (written to the user's rules file; undo with `u`).
    DismissEverywhere,
    /// While selecting: add the selection as a product or a role (asked next).
    AddEntry,
    /// The answer to `AddEntry`: which kind the selection is.
    AddAs(crate::corrections::Kind),
    /// The answer to `AddEntry` for every article: the selection's words
    /// as a product or a role in the user's rules file.
    AddEverywhere(crate::corrections::Kind),
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
    /// In the unsaved-changes prompt: save again, then quit if it worked.
    RetrySave,
    /// In the unsaved-changes prompt: quit without saving them.
    QuitUnsaved,
    /// Ctrl-Z: back to the shell until `fg` (the event loop stops margin).
    Suspend,
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
