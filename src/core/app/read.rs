//! What drawing and the edges read of the app. Fields are private: the
//! state changes only through `App::update`.

use super::{App, Filter, Loading, Mode, search};
use crate::action::Focus;
use crate::bookmarks::ArticleState;
use crate::detect::{Annotations, Rules};
use crate::document::Document;
use crate::keymap::Keymap;
use crate::layout::areas::Areas;
use crate::panel::Panel;
use crate::theme::Theme;

impl App {
    pub fn doc(&self) -> &Document {
        self.reader.doc()
    }

    /// What the file was written in.
    pub fn format(&self) -> crate::format::Format {
        self.format
    }

    /// The file name as shown (sanitised).
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn annotations(&self) -> &Annotations {
        self.annotated.annotations()
    }

    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    pub fn panel(&self) -> &Panel {
        self.annotated.panel()
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The selected panel entry.
    pub fn selected(&self) -> usize {
        self.selection.selected()
    }

    /// The first panel row shown.
    pub fn panel_offset(&self) -> usize {
        self.selection.offset()
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    pub fn areas(&self) -> &Areas {
        &self.areas
    }

    /// The user asked to quit (and nothing stopped it).
    pub fn quit(&self) -> bool {
        self.quit
    }

    /// Bookmarks and reading position of this article, as last saved.
    pub fn bookmarks(&self) -> &ArticleState {
        self.marks.state()
    }

    /// Progress while the rest of the file streams in.
    pub fn loading(&self) -> Option<Loading> {
        self.loading
    }

    pub fn filter(&self) -> Option<&Filter> {
        self.reader.filter()
    }

    pub fn search(&self) -> Option<&search::SearchState> {
        self.search.as_ref()
    }
}
