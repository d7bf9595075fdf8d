//! Styles of every element in one place.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub gutter: Style,
    pub escape: Style,
    pub status: Style,
    pub status_message: Style,
    pub panel_header: Style,
    pub panel_header_focused: Style,
    pub group: Style,
    pub entry: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub current_mark: Style,
    pub span: Style,
    pub help_key: Style,
    pub help_title: Style,
    pub bookmark_mark: Style,
    pub role: Style,
    pub product: Style,
    pub date: Style,
    pub detail: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            text: Style::new(),
            gutter: Style::new().fg(Color::DarkGray),
            escape: Style::new().fg(Color::Red).add_modifier(Modifier::REVERSED),
            status: Style::new().add_modifier(Modifier::REVERSED),
            status_message: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            panel_header: Style::new().fg(Color::DarkGray),
            panel_header_focused: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            group: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            entry: Style::new(),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            selected_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
            current_mark: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            span: Style::new().fg(Color::DarkGray),
            help_key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            help_title: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            bookmark_mark: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            role: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            product: Style::new().fg(Color::Yellow),
            date: Style::new()
                .fg(Color::Green)
                .add_modifier(Modifier::UNDERLINED),
            detail: Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC),
        }
    }
}
