//! The help overlay, built from the keymap that dispatches keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::app::App;
use crate::keymap::{Context, Key};

pub fn draw(frame: &mut Frame, app: &App, scroll: u16) {
    let theme = &app.theme;
    let mut lines = Vec::new();
    for context in [Context::Pane, Context::Panel, Context::Global] {
        lines.push(Line::styled(context.title(), theme.help_title));
        for binding in app.keymap.bindings.iter().filter(|b| b.context == context) {
            let keys: Vec<String> = binding.keys.iter().map(Key::label).collect();
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<22}", keys.join(" ")), theme.help_key),
                Span::raw(binding.help),
            ]));
        }
        lines.push(Line::default());
    }
    lines.push(Line::raw(
        "  Mouse: wheel scrolls what is under it; a click on an entry jumps.",
    ));
    let screen = frame.area();
    let width = 70.min(screen.width);
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
