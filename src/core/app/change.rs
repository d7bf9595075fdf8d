//! Everything that changes the reader's state, through its one door
//! (`App::update`): the user's actions, and news from the edges (text
//! arriving, detection and search results, the store's answers, settings).

use crate::action::Action;
use crate::bookmarks::{ArticleState, Op};
use crate::config::{PanelSide, PanelWidth};
use crate::detect::Annotations;
use crate::document::{Block, Document, View};
use crate::keymap::Keymap;
use crate::search::Counts;
use crate::theme::Theme;

#[derive(Debug)]
pub enum Change {
    /// What the user asked for (a key, the mouse, a resize).
    Action(Action),
    /// The settings from the configuration: keys, colours, layout.
    Configured(Box<Settings>),
    /// The file is still streaming in: this much is read, of this size.
    LoadStarted { bytes_read: u64, size: Option<u64> },
    /// More text arrived.
    Loaded { block: Block, bytes_read: u64 },
    /// The input ended with this text; some bytes were not valid text.
    LoadEnded { last: Block, replaced_bytes: usize },
    /// Reading stopped on an error: keep what is there.
    LoadFailed(String),
    /// Detection on the snapshot of `generation`, in `view`.
    Detected {
        generation: u64,
        view: View,
        annotations: Annotations,
    },
    /// A search's matches, counted for `generation`.
    Searched { generation: u64, counts: Counts },
    /// Saved state read back: bookmarks, and where to resume when asked.
    Restored { state: ArticleState, resume: bool },
    /// What the store wrote, with other copies' changes merged.
    Saved(ArticleState),
    /// A save failed: its changes stay pending.
    SaveFailed { ops: Vec<Op>, reason: String },
    /// Changes taken before the article could be identified, put back.
    SavesRequeued(Vec<Op>),
    /// The user's rules file has the changes taken (`App::take_rule_writes`).
    RulesWritten,
    /// Writing them failed: they stay pending.
    RulesWriteFailed {
        ops: Vec<crate::rule_edits::RuleOp>,
        reason: String,
    },
    /// Something the user should read in the status bar.
    Warning(String),
    /// A stop was asked where no shell could continue margin.
    CannotSuspend,
    /// The source of a converted article, loaded as text (see
    /// `App::take_source_request`), or why there is none.
    SourceLoaded(Result<Document, String>),
}

/// The configuration's part of the reader's state. The default is what
/// margin does with no configuration.
#[derive(Debug, Default)]
pub struct Settings {
    pub keymap: Keymap,
    pub theme: Theme,
    pub panel_width: Option<PanelWidth>,
    pub side: PanelSide,
    pub max_width: Option<u16>,
    /// Start in the raw view.
    pub raw: bool,
}

impl From<Action> for Change {
    fn from(action: Action) -> Self {
        Change::Action(action)
    }
}
