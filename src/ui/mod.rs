//! Drawing: reads `&App`, never changes it.

pub mod areas;
pub mod help;
mod pane;
mod panel;
pub mod safe;
mod status;
pub mod theme;

use ratatui::Frame;

use crate::app::{App, Mode};

pub fn draw(frame: &mut Frame, app: &App) {
    pane::draw(frame, app);
    panel::draw(frame, app);
    status::draw(frame, app);
    if let Mode::Help(scroll) = app.mode {
        help::draw(frame, app, scroll);
    }
}

#[cfg(test)]
mod tests;
