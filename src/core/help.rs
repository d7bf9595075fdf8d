//! The help overlay's text, built from the keymap that dispatches keys:
//! pure, so the app can count its lines to stop scrolling at the end.

use ratatui::text::{Line, Span};

use crate::keymap::{Context, Key, Keymap};
use crate::theme::Theme;

/// What the search line, the go-to line and the note line take.
const INPUT_HELP: [(&str, &str); 5] = [
    (
        "type",
        "search as you type: a regex when valid, else text; lowercase ignores case",
    ),
    ("Enter", "keep the search (n / N step through matches)"),
    ("Esc", "cancel and go back"),
    ("Backspace", "delete a character"),
    (
        "",
        "the same keys answer : (paragraph), M (note), e (name, then actor)",
    ),
];

const MOUSE_HELP: &str = "  Mouse: wheel scrolls what is under it; a click on an entry jumps.";
const GUTTER_HELP: &str = "  Gutter: R role, P product, D date, ● bookmark. Panel: ✎ yours (corrected, or from your rules).";

/// The overlay's lines: every binding in force, by context, then the input
/// line's keys. `App::help_lines` counts them to stop scrolling at the end.
pub fn lines(keymap: &Keymap, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for context in [
        Context::Pane,
        Context::Panel,
        Context::Global,
        Context::Selecting,
        Context::Adding,
    ] {
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
