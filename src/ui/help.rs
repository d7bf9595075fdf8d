//! The help overlay: draws `help::lines` in a box over the reader.

use ratatui::Frame;
use ratatui::layout::Rect;

use ratatui::widgets::{Block, Clear, Paragraph};

use crate::app::App;
use crate::help::lines;

pub fn draw(frame: &mut Frame, app: &App, scroll: u16) {
    let lines = lines(app.keymap(), app.theme());
    let screen = frame.area();
    let width = 90.min(screen.width);
    let height = (lines.len() as u16 + 2).min(screen.height);
    let area = Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + (screen.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, area);
    let visible = height.saturating_sub(2);
    let scroll = scroll.min((lines.len() as u16).saturating_sub(visible));
    let title = if visible < lines.len() as u16 {
        " Keys — j/k scroll, Esc closes "
    } else {
        " Keys — ? or Esc closes "
    };
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .block(Block::bordered().title(title)),
        area,
    );
}
