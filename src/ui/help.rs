//! The help overlay, built from the keymap that dispatches keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::theme::Theme;
use crate::app::App;
use crate::keymap::{Context, Key, Keymap};

/// What the search line, the go-to line and the note line take.
const INPUT_HELP: [(&str, &str); 5] = [
    (
        "type",
        "search as you type: a regex when valid, else text; lowercase ignores case",
    ),
    ("Enter", "keep the search (n / N step through matches)"),
    ("Esc", "cancel and go back"),
    ("Backspace", "delete a character"),
    ("", "the same keys answer : (paragraph number) and M (note)"),
];

const MOUSE_HELP: &str = "  Mouse: wheel scrolls what is under it; a click on an entry jumps.";
const GUTTER_HELP: &str = "  Gutter: R role, P product, D date, ● bookmark.";

/// The overlay's lines: every binding in force, by context, then the input
/// line's keys. `App::help_lines` counts them to stop scrolling at the end.
pub fn lines(keymap: &Keymap, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for context in [Context::Pane, Context::Panel, Context::Global] {
        lines.push(Line::styled(context.title(), theme.help_title));
        for binding in keymap.bindings.iter().filter(|b| b.context == context) {
            let keys: Vec<String> = binding.keys.iter().map(Key::label).collect();
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<22}", keys.join(" ")), theme.help_key),
                Span::raw(binding.help),
            ]));
        }
        lines.push(Line::default());
    }
    lines.push(Line::styled(
        "Search, go-to and note lines",
        theme.help_title,
    ));
    for (key, help) in INPUT_HELP {
        lines.push(Line::from(vec![
            Span::styled(format!("  {key:<22}"), theme.help_key),
            Span::raw(help),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::raw(MOUSE_HELP));
    lines.push(Line::raw(GUTTER_HELP));
    lines
}

pub fn draw(frame: &mut Frame, app: &App, scroll: u16) {
    let lines = lines(&app.keymap, &app.theme);
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
