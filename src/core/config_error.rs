//! A mistake in a settings file, located (file, line, setting) and shown
//! safely. Its own module: the config and the keymap both report them, and
//! neither should need the other for it.

use std::fmt;

use crate::sanitise::one_line;

/// A mistake in the configuration, located for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    /// The file as the user knows it.
    pub origin: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// The setting's dotted name (`keys.quit`), empty when the file is not TOML.
    pub setting: String,
    pub message: String,
}

/// The most characters of a message's file name, setting and message: a
/// mistake is one short line whatever the file holds (a 10 MB value, an
/// escape sequence in a key).
pub(crate) const ORIGIN_CHARS: usize = 100;
const SETTING_CHARS: usize = 60;
pub(crate) const MESSAGE_CHARS: usize = 200;

/// Every part is sanitised and cut as it is shown: names and messages come
/// from the file and from parsers that quote it.
impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", one_line(&self.origin, ORIGIN_CHARS))?;
        if let Some(line) = self.line {
            write!(f, " line {line}")?;
        }
        if !self.setting.is_empty() {
            write!(f, ": {}", one_line(&self.setting, SETTING_CHARS))?;
        }
        write!(f, ": {}", one_line(&self.message, MESSAGE_CHARS))
    }
}

/// The most characters of serde's description of a wrong value (`string
/// "…"`), which quotes the value whole.
const UNEXPECTED_CHARS: usize = 60;

/// serde's message with the wrong value it quotes cut: "invalid type:
/// string \"<10 MB>\", expected a boolean" keeps what was expected.
pub(crate) fn cut_unexpected(message: &str) -> String {
    let message = message.trim();
    match message.rsplit_once(", expected ") {
        Some((head, expected)) if head.chars().count() > UNEXPECTED_CHARS => format!(
            "{}…, expected {expected}",
            one_line(head, UNEXPECTED_CHARS).trim_end_matches('…')
        ),
        _ => message.to_owned(),
    }
}
