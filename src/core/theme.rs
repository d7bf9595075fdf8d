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
    pub search: Style,
    pub search_current: Style,
    /// Converted text's emphasis, strong and inline code.
    pub emphasis: Style,
    pub strong: Style,
    pub code: Style,
    /// The reader's highlights, by colour, and a selection being made.
    pub highlight_yellow: Style,
    pub highlight_green: Style,
    pub highlight_blue: Style,
    pub highlight_pink: Style,
    pub selection: Style,
    /// A panel entry the reader made or corrected (marked ✎).
    pub users_entry: Style,
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
            search: Style::new().bg(Color::Blue),
            search_current: Style::new().bg(Color::Magenta).add_modifier(Modifier::BOLD),
            emphasis: Style::new().add_modifier(Modifier::ITALIC),
            strong: Style::new().add_modifier(Modifier::BOLD),
            code: Style::new().fg(Color::LightYellow),
            highlight_yellow: Style::new().fg(Color::Black).bg(Color::Yellow),
            highlight_green: Style::new().fg(Color::Black).bg(Color::Green),
            highlight_blue: Style::new().fg(Color::Black).bg(Color::Cyan),
            highlight_pink: Style::new().fg(Color::Black).bg(Color::LightMagenta),
            selection: Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED),
            users_entry: Style::new()
                .fg(Color::LightGreen)
                .add_modifier(Modifier::ITALIC),
        }
    }
}

/// The names of the theme's elements as written in the `[colors]` table of
/// the configuration, in the order of [`Theme::elements_mut`].
pub const ELEMENT_NAMES: [&str; 31] = [
    "text",
    "gutter",
    "escape",
    "status",
    "status-message",
    "panel-header",
    "panel-header-focused",
    "group",
    "entry",
    "selected",
    "selected-unfocused",
    "current-mark",
    "span",
    "help-key",
    "help-title",
    "bookmark-mark",
    "role",
    "product",
    "date",
    "detail",
    "search",
    "search-current",
    "emphasis",
    "strong",
    "code",
    "highlight-yellow",
    "highlight-green",
    "highlight-blue",
    "highlight-pink",
    "selection",
    "users-entry",
];

/// A change to one element's style from the configuration: what is given
/// replaces the preset's, what is not is kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StyleOverride {
    pub fg: Option<Color>,
    pub bg: Option<Color>,
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub underline: Option<bool>,
    pub reverse: Option<bool>,
}

impl StyleOverride {
    pub fn apply(&self, mut style: Style) -> Style {
        if let Some(fg) = self.fg {
            style.fg = Some(fg);
        }
        if let Some(bg) = self.bg {
            style.bg = Some(bg);
        }
        for (flag, modifier) in [
            (self.bold, Modifier::BOLD),
            (self.italic, Modifier::ITALIC),
            (self.underline, Modifier::UNDERLINED),
            (self.reverse, Modifier::REVERSED),
        ] {
            match flag {
                Some(true) => {
                    style = style.add_modifier(modifier);
                }
                // Not `remove_modifier`: that records a removal, which would
                // strip the modifier from whatever the style is patched onto.
                Some(false) => style.add_modifier.remove(modifier),
                None => {}
            }
        }
        style
    }

    /// The override that turns the default style into `style` (for
    /// printing the default configuration).
    pub fn of(style: Style) -> Self {
        let has = |m| style.add_modifier.contains(m).then_some(true);
        StyleOverride {
            fg: style.fg,
            bg: style.bg,
            bold: has(Modifier::BOLD),
            italic: has(Modifier::ITALIC),
            underline: has(Modifier::UNDERLINED),
            reverse: has(Modifier::REVERSED),
        }
    }
}

impl Theme {
    /// For dark terminal backgrounds (the default).
    pub fn dark() -> Self {
        Self::default()
    }

    /// For light terminal backgrounds: no yellow or cyan text, which fade
    /// on white.
    pub fn light() -> Self {
        Theme {
            gutter: Style::new().fg(Color::DarkGray),
            escape: Style::new().fg(Color::Red).add_modifier(Modifier::REVERSED),
            panel_header: Style::new().fg(Color::DarkGray),
            panel_header_focused: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            current_mark: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            span: Style::new().fg(Color::DarkGray),
            help_key: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            bookmark_mark: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            role: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            product: Style::new().fg(Color::Magenta),
            search: Style::new().add_modifier(Modifier::REVERSED),
            search_current: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            code: Style::new().fg(Color::Magenta),
            ..Self::default()
        }
    }

    /// For `NO_COLOR`: no colour at all, emphasis by bold, underline and
    /// reverse video only.
    pub fn no_color() -> Self {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reverse = Style::new().add_modifier(Modifier::REVERSED);
        let underline = Style::new().add_modifier(Modifier::UNDERLINED);
        Theme {
            text: plain,
            gutter: plain,
            escape: reverse,
            status: reverse,
            status_message: reverse.add_modifier(Modifier::BOLD),
            panel_header: plain,
            panel_header_focused: bold,
            group: bold.add_modifier(Modifier::UNDERLINED),
            entry: plain,
            selected: reverse,
            selected_unfocused: underline,
            current_mark: bold,
            span: plain,
            help_key: bold,
            help_title: bold.add_modifier(Modifier::UNDERLINED),
            bookmark_mark: bold,
            role: bold,
            product: underline,
            date: underline,
            detail: plain,
            search: reverse,
            search_current: reverse.add_modifier(Modifier::BOLD),
            emphasis: Style::new().add_modifier(Modifier::ITALIC),
            strong: bold,
            // Code reads as text: a font is not a colour's to give.
            code: plain,
            // Without colour, highlights tell themselves apart by emphasis.
            highlight_yellow: reverse,
            highlight_green: underline,
            highlight_blue: bold.add_modifier(Modifier::UNDERLINED),
            highlight_pink: reverse.add_modifier(Modifier::ITALIC),
            selection: reverse.add_modifier(Modifier::UNDERLINED),
            users_entry: Style::new().add_modifier(Modifier::ITALIC),
        }
    }

    /// Every element's style with its configuration name. The destructuring
    /// is exhaustive, so a new field does not compile until it is named here.
    pub fn elements_mut(&mut self) -> [(&'static str, &mut Style); 31] {
        let Theme {
            text,
            gutter,
            escape,
            status,
            status_message,
            panel_header,
            panel_header_focused,
            group,
            entry,
            selected,
            selected_unfocused,
            current_mark,
            span,
            help_key,
            help_title,
            bookmark_mark,
            role,
            product,
            date,
            detail,
            search,
            search_current,
            emphasis,
            strong,
            code,
            highlight_yellow,
            highlight_green,
            highlight_blue,
            highlight_pink,
            selection,
            users_entry,
        } = self;
        let styles = [
            text,
            gutter,
            escape,
            status,
            status_message,
            panel_header,
            panel_header_focused,
            group,
            entry,
            selected,
            selected_unfocused,
            current_mark,
            span,
            help_key,
            help_title,
            bookmark_mark,
            role,
            product,
            date,
            detail,
            search,
            search_current,
            emphasis,
            strong,
            code,
            highlight_yellow,
            highlight_green,
            highlight_blue,
            highlight_pink,
            selection,
            users_entry,
        ];
        let mut names = ELEMENT_NAMES.into_iter();
        styles.map(|style| (names.next().unwrap_or("?"), style))
    }

    /// The style of a highlight of `colour`.
    pub fn highlight(&self, colour: crate::highlights::Colour) -> Style {
        use crate::highlights::Colour;
        match colour {
            Colour::Yellow => self.highlight_yellow,
            Colour::Green => self.highlight_green,
            Colour::Blue => self.highlight_blue,
            Colour::Pink => self.highlight_pink,
        }
    }

    /// Every element's style with its name, by value.
    pub fn elements(&self) -> Vec<(&'static str, Style)> {
        let mut copy = *self;
        copy.elements_mut()
            .into_iter()
            .map(|(name, style)| (name, *style))
            .collect()
    }

    /// The theme with the configuration's `[colors]` applied; unknown
    /// element names are ignored (the configuration rejects them).
    pub fn with_overrides(mut self, overrides: &[(String, StyleOverride)]) -> Self {
        for (name, change) in overrides {
            for (element, style) in self.elements_mut() {
                if element == name {
                    *style = change.apply(*style);
                }
            }
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_has_no_colour_but_keeps_emphasis() {
        let theme = Theme::no_color();
        for (name, style) in theme.elements() {
            assert_eq!((style.fg, style.bg), (None, None), "{name}");
        }
        // What stands out in colour still stands out without it.
        for name in [
            "escape",
            "status",
            "selected",
            "selected-unfocused",
            "current-mark",
        ] {
            let style = theme
                .elements()
                .into_iter()
                .find(|(n, _)| *n == name)
                .map(|(_, s)| s)
                .expect("element");
            assert!(!style.add_modifier.is_empty(), "{name} has emphasis");
        }
    }

    #[test]
    fn light_avoids_colours_that_fade_on_white() {
        for (name, style) in Theme::light().elements() {
            assert!(
                !matches!(
                    style.fg,
                    Some(Color::Yellow | Color::Cyan | Color::White | Color::LightYellow)
                ),
                "{name}"
            );
        }
        assert_ne!(Theme::light(), Theme::dark());
    }

    #[test]
    fn overrides_change_what_they_name_and_nothing_else() {
        let change = StyleOverride {
            fg: Some(Color::Green),
            bold: Some(true),
            reverse: Some(false),
            ..StyleOverride::default()
        };
        let theme = Theme::dark().with_overrides(&[("status".to_owned(), change)]);
        assert_eq!(
            theme.status,
            Style::new().fg(Color::Green).add_modifier(Modifier::BOLD)
        );
        assert_eq!(
            Theme {
                status: Theme::dark().status,
                ..theme
            },
            Theme::dark()
        );
    }

    #[test]
    fn names_are_unique_and_an_override_of_itself_changes_nothing() {
        let mut names = ELEMENT_NAMES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ELEMENT_NAMES.len());
        let dark = Theme::dark();
        let same: Vec<(String, StyleOverride)> = dark
            .elements()
            .into_iter()
            .map(|(n, s)| (n.to_owned(), StyleOverride::of(s)))
            .collect();
        assert_eq!(dark.with_overrides(&same), dark);
    }
}
