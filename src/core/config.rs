//! The configuration file, `config.toml`. Pure parsing: the caller reads
//! the file and hands over its text and a name for messages.
//!
//! Every setting is optional. A mistake is reported with the file, the line
//! and the setting (`config.toml line 4: keys.scroll-down: unknown key
//! "ctlr-d" (…)`): serde reports a span, and the setting's dotted name is
//! found by walking toml's spanned table to that span.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::PathBuf;
use std::str::FromStr;

use ratatui::style::Color;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use toml::de::{DeTable, DeValue};

pub use crate::config_error::ConfigError;
use crate::config_error::cut_unexpected;
use crate::keymap::{ACTION_NAMES, Key, KeyOverride, Keymap, KeysConfig, action_named};
use crate::sanitise::quote;
use crate::theme::{ELEMENT_NAMES, StyleOverride, Theme};

/// The configuration, every part optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// `[keys]`: actions rebound, in the order of the file.
    pub keys: KeysConfig,
    pub theme: ThemeName,
    /// `[colors]`: element name and what changes, in the order of the file.
    pub colors: Vec<(String, StyleOverride)>,
    pub panel: PanelConfig,
    pub reading: ReadingConfig,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields, expecting = "a table")]
pub struct PanelConfig {
    /// None: a third of the screen, at least 24 columns.
    pub width: Option<PanelWidth>,
    pub side: PanelSide,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelWidth {
    Columns(u16),
    /// Of the screen's width, 10 to 90.
    Percent(u16),
}

impl PanelWidth {
    /// The panel's width on a screen `total` columns wide.
    pub fn columns(self, total: u16) -> u16 {
        match self {
            PanelWidth::Columns(n) => n.min(total),
            PanelWidth::Percent(p) => (u32::from(total) * u32::from(p) / 100) as u16,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PanelSide {
    #[default]
    Right,
    Left,
    Bottom,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(
    default,
    deny_unknown_fields,
    rename_all = "kebab-case",
    expecting = "a table"
)]
pub struct ReadingConfig {
    /// The text column's widest, centred in the pane (None: the whole pane).
    pub max_width: Option<u16>,
    /// Join paragraphs broken by the source (the `r` key toggles it).
    pub repair: bool,
    /// The user's detection rules, merged over the bundled ones; where
    /// corrections for every article are written.
    pub rules: Option<PathBuf>,
}

impl Default for ReadingConfig {
    fn default() -> Self {
        ReadingConfig {
            max_width: None,
            repair: true,
            rules: None,
        }
    }
}

/// The file as serde sees it; names and spans are checked afterwards.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
struct Raw {
    #[serde(default)]
    keys: BTreeMap<String, KeyList>,
    #[serde(default)]
    theme: ThemeName,
    #[serde(default)]
    colors: BTreeMap<String, ColorSetting>,
    #[serde(default)]
    panel: PanelConfig,
    #[serde(default)]
    reading: ReadingConfig,
}

/// The narrowest `max-width`: below it most words of a line are cut.
pub const MIN_TEXT_WIDTH: u16 = 20;

const KEY_EXPECTED: &str = "a key or a list of keys, like \"j\" or [\"j\", \"down\"]";

impl Config {
    /// Parses the text of a configuration file; `origin` names it in errors.
    pub fn from_toml(text: &str, origin: &str) -> Result<Config, ConfigError> {
        let located = Located { text, origin };
        let table = DeTable::parse(text).map_err(|e| ConfigError {
            origin: origin.to_owned(),
            line: e.span().map(|s| located.line(s.start)),
            setting: String::new(),
            message: format!("not valid TOML: {}", e.message().trim()),
        })?;
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            ConfigError {
                origin: origin.to_owned(),
                line: e.span().map(|s| located.line(s.start)),
                setting: setting_at(table.get_ref(), &span).join("."),
                message: friendly(e.message()),
            }
        })?;

        if let Some(columns) = raw.reading.max_width
            && columns < MIN_TEXT_WIDTH
        {
            return Err(located.error(
                located.line_of(table.get_ref(), &["reading", "max-width"]),
                "reading.max-width".to_owned(),
                format!(
                    "{columns} columns is too narrow to read (expected at least {MIN_TEXT_WIDTH}, or no setting for the pane's width)"
                ),
            ));
        }

        let mut overrides = Vec::new();
        for (name, keys) in raw.keys {
            let line = located.line_of(table.get_ref(), &["keys", &name]);
            let Some(action) = action_named(&name) else {
                return Err(located.error(
                    line,
                    format!("keys.{name}"),
                    "unknown action (margin --print-config lists them all)".to_owned(),
                ));
            };
            overrides.push(KeyOverride {
                action,
                keys: keys.0,
                line: line.unwrap_or(0),
            });
        }
        overrides.sort_by_key(|o| o.line);
        let keys = KeysConfig {
            origin: origin.to_owned(),
            overrides,
        };
        // Clashes between bindings are found now, before the terminal is touched.
        Keymap::default().with_overrides(&keys)?;

        let mut colors = Vec::new();
        for (name, setting) in raw.colors {
            let line = located.line_of(table.get_ref(), &["colors", &name]);
            if !ELEMENT_NAMES.contains(&name.as_str()) {
                return Err(located.error(
                    line,
                    format!("colors.{name}"),
                    // Not the list of 22 names: the line stays short.
                    "unknown element (margin --print-config lists them all)".to_owned(),
                ));
            }
            colors.push((line, name, setting.0));
        }
        colors.sort_by_key(|(line, _, _)| *line);
        Ok(Config {
            keys,
            theme: raw.theme,
            colors: colors.into_iter().map(|(_, n, s)| (n, s)).collect(),
            panel: raw.panel,
            reading: raw.reading,
        })
    }

    /// The keymap in force: the defaults with `[keys]` applied.
    pub fn keymap(&self) -> Result<Keymap, ConfigError> {
        Keymap::default().with_overrides(&self.keys)
    }

    /// The theme in force: the preset (or no colour at all, for `NO_COLOR`)
    /// with `[colors]` applied. Colours the user configured explicitly win
    /// over `NO_COLOR`, as no-color.org asks.
    pub fn theme(&self, no_color: bool) -> Theme {
        let preset = match (no_color, self.theme) {
            (true, _) => Theme::no_color(),
            (false, ThemeName::Dark) => Theme::dark(),
            (false, ThemeName::Light) => Theme::light(),
        };
        preset.with_overrides(&self.colors)
    }

    /// The full default configuration, commented: what `--print-config`
    /// prints. Settings are commented out, so a copy keeps following the
    /// defaults of later versions until a line is uncommented.
    pub fn default_toml() -> String {
        let mut out = String::from(DEFAULT_HEAD);
        out.push_str(KEYS_HEAD);
        let keymap = Keymap::default();
        for (name, action) in ACTION_NAMES {
            let Some(binding) = keymap.bindings.iter().find(|b| b.action == *action) else {
                continue;
            };
            let keys: Vec<String> = binding
                .keys
                .iter()
                .map(|k| toml_string(&k.spec()))
                .collect();
            let assignment = format!("{name} = [{}]", keys.join(", "));
            out.push_str(&format!(
                "# {assignment:<44} # {}: {}\n",
                binding.context.title().to_lowercase(),
                binding.help
            ));
        }
        out.push_str(COLORS_HEAD);
        for (name, style) in Theme::dark().elements() {
            out.push_str(&format!(
                "# {name} = {}\n",
                style_toml(StyleOverride::of(style))
            ));
        }
        out.push_str(DEFAULT_TAIL);
        out
    }
}

/// Whether `NO_COLOR` asks for no colour: set to anything, as the issue says.
pub fn no_color(value: Option<&std::ffi::OsStr>) -> bool {
    value.is_some()
}

const DEFAULT_HEAD: &str = r#"# margin configuration: $XDG_CONFIG_HOME/margin/config.toml (or --config FILE).
# Every setting is optional; the commented-out lines show the defaults.

# "dark" or "light": the colours for your terminal's background.
# NO_COLOR set to any value means no colours (bold, underline and reverse only).
theme = "dark"
"#;

const KEYS_HEAD: &str = r#"
[keys]
# action = "key" or ["key", ...]. Binding an action replaces its default keys,
# and a key taken from another action moves to this one.
# Keys: a character ("j", "J", "?"), space, enter, esc, tab, backtab, backspace,
# up, down, left, right, pgup, pgdn, home, end, or ctrl-<char> ("ctrl-d").
"#;

const COLORS_HEAD: &str = r##"
[colors]
# element = "colour" sets its foreground, or a table of any of
# fg, bg (colours) and bold, italic, underline, reverse (true or false).
# Colours: names (red, darkgray, lightblue, reset...), "#rrggbb", or 0-255.
# The values below are the dark theme's.
"##;

const DEFAULT_TAIL: &str = r#"
[panel]
# Width: columns (30, at least 10) or a share of the screen ("40%", 10% to 90%).
# Unset: a third of the screen, at least 24 columns.
# width = "33%"
# "right", "left" or "bottom". Narrow screens always put the panel below.
side = "right"

[reading]
# The widest the text gets, in columns (at least 20), centred in the pane (like bk -w).
# Unset: as wide as the pane.
# max-width = 80
# Join paragraphs the source broke in the middle of a sentence (key: r).
repair = true
# Your detection rules, merged over the bundled ones; X, P and R write here
# (default: rules.toml beside this file).
# rules = "/path/to/rules.toml"
"#;

fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn color_spec(color: Color) -> String {
    match color {
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => i.to_string(),
        named => named.to_string().to_lowercase(),
    }
}

fn style_toml(style: StyleOverride) -> String {
    let mut parts = Vec::new();
    if let Some(fg) = style.fg {
        parts.push(format!("fg = {}", toml_string(&color_spec(fg))));
    }
    if let Some(bg) = style.bg {
        parts.push(format!("bg = {}", toml_string(&color_spec(bg))));
    }
    for (name, flag) in [
        ("bold", style.bold),
        ("italic", style.italic),
        ("underline", style.underline),
        ("reverse", style.reverse),
    ] {
        if let Some(flag) = flag {
            parts.push(format!("{name} = {flag}"));
        }
    }
    if parts.is_empty() {
        "{}".to_owned()
    } else {
        format!("{{ {} }}", parts.join(", "))
    }
}

/// The source text, to turn byte offsets into lines.
struct Located<'a> {
    text: &'a str,
    origin: &'a str,
}

impl Located<'_> {
    fn line(&self, byte: usize) -> usize {
        let end = byte.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    }

    fn line_of(&self, table: &DeTable<'_>, path: &[&str]) -> Option<usize> {
        span_of(table, path).map(|span| self.line(span.start))
    }

    fn error(&self, line: Option<usize>, setting: String, message: String) -> ConfigError {
        ConfigError {
            origin: self.origin.to_owned(),
            line,
            setting,
            message,
        }
    }
}

/// The span of the key at `path`.
fn span_of(table: &DeTable<'_>, path: &[&str]) -> Option<Range<usize>> {
    let (first, rest) = path.split_first()?;
    let (key, value) = table.iter().find(|(k, _)| k.get_ref() == first)?;
    if rest.is_empty() {
        return Some(key.span());
    }
    match value.get_ref() {
        DeValue::Table(inner) => span_of(inner, rest),
        _ => None,
    }
}

/// The dotted name of the setting whose key or value holds `span`.
fn setting_at(table: &DeTable<'_>, span: &Range<usize>) -> Vec<String> {
    let inside = |outer: Range<usize>| {
        outer.start <= span.start && span.end <= outer.end.max(outer.start + 1)
    };
    for (key, value) in table {
        if inside(key.span()) {
            return vec![key.get_ref().to_string()];
        }
        if let DeValue::Table(inner) = value.get_ref() {
            let below = setting_at(inner, span);
            if !below.is_empty() {
                let mut path = vec![key.get_ref().to_string()];
                path.extend(below);
                return path;
            }
        }
        if inside(value.span()) {
            return vec![key.get_ref().to_string()];
        }
    }
    Vec::new()
}

/// serde's wording, in the words of a configuration file.
fn friendly(message: &str) -> String {
    let message = cut_unexpected(message);
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let expected = rest
            .split_once(", expected ")
            .map(|(_, e)| e.replace('`', ""))
            .unwrap_or_default();
        return if expected.is_empty() {
            "unknown setting".to_owned()
        } else {
            format!("unknown setting (expected {expected})")
        };
    }
    message
        .replace('`', "")
        .replace("expected u16", "expected a number of columns")
}

/// Deserialises through `FromStr`, whose error is the message.
macro_rules! deserialize_from_str {
    ($type:ty, $expecting:literal) => {
        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct V;
                impl Visitor<'_> for V {
                    type Value = $type;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: de::Error>(self, text: &str) -> Result<$type, E> {
                        text.parse().map_err(E::custom)
                    }
                }
                deserializer.deserialize_any(V)
            }
        }
    };
}

impl FromStr for ThemeName {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "dark" => Ok(ThemeName::Dark),
            "light" => Ok(ThemeName::Light),
            _ => Err(format!(
                "unknown theme {} (expected \"dark\" or \"light\")",
                quote(text)
            )),
        }
    }
}
deserialize_from_str!(ThemeName, "\"dark\" or \"light\"");

impl FromStr for PanelSide {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "right" => Ok(PanelSide::Right),
            "left" => Ok(PanelSide::Left),
            "bottom" => Ok(PanelSide::Bottom),
            _ => Err(format!(
                "unknown side {} (expected \"right\", \"left\" or \"bottom\")",
                quote(text)
            )),
        }
    }
}
deserialize_from_str!(PanelSide, "\"right\", \"left\" or \"bottom\"");

/// A panel narrower than 10 columns (or 10%) cannot show an entry.
const WIDTH_EXPECTED: &str =
    "columns from 10 to 1000, or a percentage from 10% to 90% like \"33%\"";

impl FromStr for PanelWidth {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        let bad = || format!("bad width {} (expected {WIDTH_EXPECTED})", quote(text));
        match text.trim().strip_suffix('%') {
            Some(percent) => match percent.trim().parse::<u16>() {
                Ok(p @ 10..=90) => Ok(PanelWidth::Percent(p)),
                _ => Err(bad()),
            },
            None => match text.trim().parse::<u16>() {
                Ok(n @ 10..=1000) => Ok(PanelWidth::Columns(n)),
                _ => Err(bad()),
            },
        }
    }
}

impl<'de> Deserialize<'de> for PanelWidth {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = PanelWidth;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(WIDTH_EXPECTED)
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<PanelWidth, E> {
                text.parse().map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<PanelWidth, E> {
                match u16::try_from(n) {
                    Ok(n @ 10..=1000) => Ok(PanelWidth::Columns(n)),
                    _ => Err(E::custom(format!(
                        "bad width {n} (expected {WIDTH_EXPECTED})"
                    ))),
                }
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// One key or a list of keys.
struct KeyList(Vec<Key>);

/// One key, parsed as it is read so an error points at it.
struct KeySpec(Key);

impl<'de> Deserialize<'de> for KeySpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = KeySpec;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(KEY_EXPECTED)
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<KeySpec, E> {
                Key::parse(text).map(KeySpec).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for KeyList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = KeyList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(KEY_EXPECTED)
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<KeyList, E> {
                Key::parse(text)
                    .map(|k| KeyList(vec![k]))
                    .map_err(E::custom)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<KeyList, A::Error> {
                let mut keys = Vec::new();
                while let Some(KeySpec(key)) = seq.next_element()? {
                    keys.push(key);
                }
                Ok(KeyList(keys))
            }
        }
        deserializer.deserialize_any(V)
    }
}

const COLOR_EXPECTED: &str = "a colour name like darkgray, \"#rrggbb\", or 0-255";

/// A colour: a name, `#rrggbb`, or a 256-colour index (number or string).
struct ColorSpec(Color);

fn parse_color(text: &str) -> Result<Color, String> {
    let bad = || format!("bad colour {} (expected {COLOR_EXPECTED})", quote(text));
    if text.starts_with('#') && text.len() != 7 {
        return Err(bad());
    }
    Color::from_str(text).map_err(|_| bad())
}

fn indexed<E: de::Error>(n: i64) -> Result<Color, E> {
    u8::try_from(n)
        .map(Color::Indexed)
        .map_err(|_| E::custom(format!("bad colour {n} (expected {COLOR_EXPECTED})")))
}

impl<'de> Deserialize<'de> for ColorSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ColorSpec;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(COLOR_EXPECTED)
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<ColorSpec, E> {
                parse_color(text).map(ColorSpec).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<ColorSpec, E> {
                indexed(n).map(ColorSpec)
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A `[colors]` entry: a colour (the foreground) or a table.
struct ColorSetting(StyleOverride);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleTable {
    fg: Option<ColorSpec>,
    bg: Option<ColorSpec>,
    bold: Option<bool>,
    italic: Option<bool>,
    underline: Option<bool>,
    reverse: Option<bool>,
}

impl<'de> Deserialize<'de> for ColorSetting {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ColorSetting;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(
                    f,
                    "{COLOR_EXPECTED}, or a table like {{ fg = \"red\", bold = true }}"
                )
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<ColorSetting, E> {
                let fg = parse_color(text).map_err(E::custom)?;
                Ok(ColorSetting(StyleOverride {
                    fg: Some(fg),
                    ..StyleOverride::default()
                }))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<ColorSetting, E> {
                Ok(ColorSetting(StyleOverride {
                    fg: Some(indexed(n)?),
                    ..StyleOverride::default()
                }))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ColorSetting, A::Error> {
                let t = StyleTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(ColorSetting(StyleOverride {
                    fg: t.fg.map(|c| c.0),
                    bg: t.bg.map(|c| c.0),
                    bold: t.bold,
                    italic: t.italic,
                    underline: t.underline,
                    reverse: t.reverse,
                }))
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use ratatui::style::{Modifier, Style};

    fn parse(text: &str) -> Result<Config, String> {
        Config::from_toml(text, "config.toml").map_err(|e| e.to_string())
    }

    #[test]
    fn empty_is_the_default() {
        assert_eq!(parse(""), Ok(Config::default()));
        assert!(Config::default().reading.repair);
    }

    #[test]
    fn the_default_toml_parses_back_to_the_default() {
        let text = Config::default_toml();
        let parsed = Config::from_toml(&text, "default").expect("parses");
        assert_eq!(parsed.keys.overrides, vec![]);
        assert_eq!(
            Config {
                keys: KeysConfig::default(),
                ..parsed
            },
            Config::default()
        );
    }

    #[test]
    fn the_commented_defaults_are_valid_and_change_nothing() {
        // Uncomment every setting line: it must parse and give the same keys and colours.
        let text: String = Config::default_toml()
            .lines()
            .map(|line| {
                let rest = line.strip_prefix("# ").unwrap_or(line);
                let setting = rest.split_once(" = ").is_some_and(|(name, _)| {
                    !["action", "element"].contains(&name)
                        && name.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                });
                if setting { rest } else { line }
            })
            .map(|line| format!("{line}\n"))
            .collect();
        let parsed = Config::from_toml(&text, "uncommented").expect("parses");
        assert_eq!(parsed.keys.overrides.len(), ACTION_NAMES.len());
        let keymap = parsed.keymap().expect("no clash");
        let keys = |map: &Keymap| -> Vec<(Action, Vec<Key>)> {
            map.bindings
                .iter()
                .map(|b| (b.action, b.keys.clone()))
                .collect()
        };
        assert_eq!(keys(&keymap), keys(&Keymap::default()));
        assert_eq!(parsed.colors.len(), ELEMENT_NAMES.len());
        assert_eq!(parsed.theme(false), Theme::dark());
        assert_eq!(parsed.panel.width, Some(PanelWidth::Percent(33)));
        assert_eq!(parsed.reading.max_width, Some(80));
        assert!(parsed.reading.rules.is_some());
    }

    #[test]
    fn every_setting_is_read() {
        let config = parse(
            r##"
theme = "light"
[keys]
quit = ["x", "ctrl-q"]
scroll-down = "n"
[colors]
gutter = "#102030"
status = { fg = 3, bg = "blue", bold = true, reverse = false }
text = 208
[panel]
width = 30
side = "left"
[reading]
max-width = 72
repair = false
rules = "my-rules.toml"
"##,
        )
        .expect("valid");
        assert_eq!(config.theme, ThemeName::Light);
        assert_eq!(config.keys.overrides.len(), 2);
        assert_eq!(config.keys.overrides[0].action, Action::Quit);
        assert_eq!(config.keys.overrides[0].line, 4);
        assert_eq!(
            config.keys.overrides[0].keys,
            vec![
                Key::parse("x").expect("x"),
                Key::parse("ctrl-q").expect("q")
            ]
        );
        let theme = config.theme(false);
        assert_eq!(theme.gutter.fg, Some(Color::Rgb(0x10, 0x20, 0x30)));
        assert_eq!(
            theme.status,
            Style::new()
                .fg(Color::Indexed(3))
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD)
        );
        assert_eq!(theme.text.fg, Some(Color::Indexed(208)));
        assert_eq!(config.panel.width, Some(PanelWidth::Columns(30)));
        assert_eq!(config.panel.side, PanelSide::Left);
        assert_eq!(config.reading.max_width, Some(72));
        assert!(!config.reading.repair);
        assert_eq!(config.reading.rules, Some(PathBuf::from("my-rules.toml")));
        assert_eq!(
            parse("[panel]\nwidth = \"40%\"").map(|c| c.panel.width),
            Ok(Some(PanelWidth::Percent(40)))
        );
    }

    #[test]
    fn no_color_drops_preset_colours_but_keeps_configured_ones() {
        let config = parse("[colors]\ngutter = \"red\"").expect("valid");
        let theme = config.theme(true);
        assert_eq!(theme.gutter.fg, Some(Color::Red));
        assert_eq!(theme.status_message.fg, None);
        assert_eq!(Config::default().theme(true), Theme::no_color());
        assert!(no_color(Some(std::ffi::OsStr::new(""))));
        assert!(!no_color(None));
    }

    #[test]
    fn the_narrowest_settings_that_work_are_taken() {
        let width = |text: &str| parse(text).map(|c| (c.reading.max_width, c.panel.width));
        assert_eq!(
            width("[reading]\nmax-width = 20\n[panel]\nwidth = 10"),
            Ok((Some(20), Some(PanelWidth::Columns(10))))
        );
        assert!(width("[reading]\nmax-width = 19").is_err());
        assert!(width("[panel]\nwidth = \"9%\"").is_err());
        assert!(width("[panel]\nwidth = \"10%\"").is_ok());
    }

    #[test]
    fn panel_width_in_columns() {
        assert_eq!(PanelWidth::Percent(33).columns(120), 39);
        assert_eq!(PanelWidth::Columns(30).columns(20), 20);
    }

    /// One fixture per mistake, with the exact message the user sees.
    #[test]
    fn each_fixture_gives_its_exact_message() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config");
        let cases = [
            (
                "unknown_top_level.toml",
                "config.toml line 3: colour: unknown setting (expected one of keys, theme, colors, panel, reading)",
            ),
            (
                "unknown_action.toml",
                "config.toml line 3: keys.scrol-down: unknown action (margin --print-config lists them all)",
            ),
            (
                "bad_key.toml",
                "config.toml line 4: keys.scroll-down: unknown key \"ctlr-d\" (expected a character, a key name like pgdn, or ctrl-<char>)",
            ),
            (
                "bad_colour.toml",
                "config.toml line 3: colors.gutter: bad colour \"grey50\" (expected a colour name like darkgray, \"#rrggbb\", or 0-255)",
            ),
            (
                "bad_side.toml",
                "config.toml line 3: panel.side: unknown side \"top\" (expected \"right\", \"left\" or \"bottom\")",
            ),
            (
                "bad_width.toml",
                "config.toml line 2: panel.width: bad width \"120%\" (expected columns from 10 to 1000, or a percentage from 10% to 90% like \"33%\")",
            ),
            (
                "wrong_type.toml",
                "config.toml line 3: reading.repair: invalid type: string \"yes\", expected a boolean",
            ),
            (
                "unknown_element.toml",
                "config.toml line 2: colors.gutters: unknown element (margin --print-config lists them all)",
            ),
            (
                "key_clash.toml",
                "config.toml line 3: keys.top: \"x\" is already bound to quit on line 2",
            ),
            ("not_toml.toml", "config.toml line 2: not valid TOML: "),
            (
                "no_quit_key.toml",
                "config.toml line 2: keys.quit: quit needs at least one key: without one there is no way to quit",
            ),
            (
                "quit_keys_taken.toml",
                "config.toml line 3: keys.top: takes the last key of quit, which needs one to quit (bind quit to another key)",
            ),
            (
                "no_help_key.toml",
                "config.toml line 3: keys.help: help needs at least one key: without one there is no way to see the keys",
            ),
            (
                "narrow_max_width.toml",
                "config.toml line 2: reading.max-width: 0 columns is too narrow to read (expected at least 20, or no setting for the pane's width)",
            ),
            (
                "narrow_panel.toml",
                "config.toml line 2: panel.width: bad width 5 (expected columns from 10 to 1000, or a percentage from 10% to 90% like \"33%\")",
            ),
            (
                "control_key.toml",
                "config.toml line 2: keys.quit: unknown key \"^[\" (expected a character, a key name like pgdn, or ctrl-<char>)",
            ),
        ];
        let mut seen = 0;
        for (file, expected) in cases {
            let text = std::fs::read_to_string(dir.join(file)).expect(file);
            let message = parse(&text).expect_err(file);
            if file == "not_toml.toml" {
                assert!(message.starts_with(expected), "{file}: {message}");
            } else {
                assert_eq!(message, expected, "{file}");
            }
            seen += 1;
        }
        let files = std::fs::read_dir(&dir).expect("fixtures").count();
        assert_eq!(seen, files, "every fixture has its message here");
    }
}
