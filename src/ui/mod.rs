//! Drawing: reads `&App`, never changes it.

pub mod help;
mod lines;
mod pane;
mod panel;
pub mod safe;
mod status;

use ratatui::Frame;

use crate::app::{App, Mode};

pub fn draw(frame: &mut Frame, app: &App) {
    let view = app.frame_view();
    pane::draw(frame, app, &view.rows);
    panel::draw(frame, app, app.reading().paragraph);
    status::draw(frame, app, &view);
    if let Mode::Help(scroll) = app.mode() {
        help::draw(frame, app, *scroll);
    }
}

#[cfg(test)]
mod tests;
