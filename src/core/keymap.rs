//! Keys to actions. One table both dispatches keys and feeds the help
//! overlay, so the help cannot drift from what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::{Action, Focus};
use crate::config_error::ConfigError;
use crate::corrections::Kind;
use crate::sanitise::{self, quote};
use crate::span::Unit;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere outside an input line.
    Global,
    Pane,
    Panel,
    /// While a selection is made (after `v`): only these keys apply.
    Selecting,
    /// After `a` on a selection: which kind it is added as.
    Adding,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Anywhere",
            Context::Pane => "Reading pane",
            Context::Panel => "Panel",
            Context::Selecting => "Selecting (after v)",
            Context::Adding => "Adding a selection (after a)",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    const fn plain(code: KeyCode) -> Self {
        Self { code, ctrl: false }
    }
    const fn ch(c: char) -> Self {
        Self::plain(KeyCode::Char(c))
    }
    const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            ctrl: true,
        }
    }

    /// Shift is part of the character ('J'), so only Ctrl is compared.
    fn matches(&self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let code = match event.code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            code => code,
        };
        code == self.code && ctrl == self.ctrl
    }

    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::Home => "Home".to_owned(),
            KeyCode::End => "End".to_owned(),
            KeyCode::Enter => "Enter".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::Tab => "Tab".to_owned(),
            KeyCode::BackTab => "Shift-Tab".to_owned(),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{name}")
        } else {
            name
        }
    }
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        use Action::*;
        use Context::*;
        use KeyCode as K;
        let b = |context, keys: &[Key], action, help| Binding {
            context,
            keys: keys.to_vec(),
            action,
            help,
        };
        #[rustfmt::skip]
        let bindings = vec![
            b(Pane, &[Key::ch('j'), Key::plain(K::Down)], ScrollLines(1), "down a line"),
            b(Pane, &[Key::ch('k'), Key::plain(K::Up)], ScrollLines(-1), "up a line"),
            b(Pane, &[Key::ch('J'), Key::ch('}')], Paragraph(1), "next paragraph"),
            b(Pane, &[Key::ch('K'), Key::ch('{')], Paragraph(-1), "previous paragraph"),
            b(Pane, &[Key::ch(' '), Key::plain(K::PageDown), Key::ctrl('f')], Page(1), "page down"),
            b(Pane, &[Key::ch('b'), Key::plain(K::PageUp), Key::ctrl('b')], Page(-1), "page up"),
            b(Pane, &[Key::ctrl('d')], HalfPage(1), "half a page down"),
            b(Pane, &[Key::ctrl('u')], HalfPage(-1), "half a page up"),
            b(Pane, &[Key::ch('g'), Key::plain(K::Home)], Top, "beginning"),
            b(Pane, &[Key::ch('G'), Key::plain(K::End)], Bottom, "end"),
            b(Panel, &[Key::ch('j'), Key::plain(K::Down)], Select(1), "next entry"),
            b(Panel, &[Key::ch('k'), Key::plain(K::Up)], Select(-1), "previous entry"),
            b(Panel, &[Key::ch(' '), Key::plain(K::PageDown)], SelectPage(1), "entries a page down"),
            b(Panel, &[Key::ch('b'), Key::plain(K::PageUp)], SelectPage(-1), "entries a page up"),
            b(Panel, &[Key::ch('g'), Key::plain(K::Home)], SelectFirst, "first entry"),
            b(Panel, &[Key::ch('G'), Key::plain(K::End)], SelectLast, "last entry"),
            b(Panel, &[Key::plain(K::Enter), Key::ch('l'), Key::plain(K::Right)], Activate, "show the entry's passage"),
            b(Panel, &[Key::ch('d')], DeleteBookmark, "delete the selected bookmark or highlight"),
            b(Panel, &[Key::ch('x')], Dismiss, "dismiss the selected role, product or date (this article)"),
            b(Panel, &[Key::ch('X')], DismissEverywhere, "dismiss the selected role or product (every article: your rules)"),
            b(Panel, &[Key::ch('e')], EditEntry, "rename the selected role or product, then its actor or owner"),
            b(Selecting, &[Key::ch('w'), Key::plain(K::Right)], Extend(Unit::Word), "one word more"),
            b(Selecting, &[Key::ch('W'), Key::plain(K::Left)], Shrink(Unit::Word), "one word less"),
            b(Selecting, &[Key::ch(')')], Extend(Unit::Sentence), "one sentence more"),
            b(Selecting, &[Key::ch('(')], Shrink(Unit::Sentence), "one sentence less"),
            b(Selecting, &[Key::ch('}'), Key::plain(K::Down)], Extend(Unit::Paragraph), "the whole paragraph"),
            b(Selecting, &[Key::ch('{'), Key::plain(K::Up)], Shrink(Unit::Paragraph), "back to where it started"),
            b(Selecting, &[Key::ch('c')], CycleColour, "next colour (yellow, green, blue, pink)"),
            b(Selecting, &[Key::plain(K::Enter)], SaveHighlight, "save as a highlight"),
            b(Selecting, &[Key::ch('M')], NoteHighlight, "save as a highlight with a note"),
            b(Selecting, &[Key::ch('a')], AddEntry, "add it as a product or role (p / r)"),
            b(Selecting, &[Key::plain(K::Esc), Key::ch('v')], CancelSelection, "cancel"),
            b(Adding, &[Key::ch('p')], AddAs(Kind::Product), "as a product, in this article"),
            b(Adding, &[Key::ch('r')], AddAs(Kind::Role), "as a role, in this article"),
            b(Adding, &[Key::ch('P')], AddEverywhere(Kind::Product), "as a product in every article (your rules)"),
            b(Adding, &[Key::ch('R')], AddEverywhere(Kind::Role), "as a role wherever it is named (your rules)"),
            b(Global, &[Key::ch(']')], Section(1), "next annotated section"),
            b(Global, &[Key::ch('[')], Section(-1), "previous annotated section"),
            b(Global, &[Key::ch('.')], Mention(1), "next mention of the selected entry"),
            b(Global, &[Key::ch(',')], Mention(-1), "previous mention of the selected entry"),
            b(Global, &[Key::ch('f')], ToggleFilter, "only the selected entry's paragraphs (again: all)"),
            b(Global, &[Key::ch('/')], StartSearch, "search (regex or text; lowercase ignores case)"),
            b(Global, &[Key::ch('n')], NextMatch, "next match"),
            b(Global, &[Key::ch('N')], PrevMatch, "previous match"),
            b(Global, &[Key::ch('m')], ToggleBookmark, "bookmark the top passage (again: remove it)"),
            b(Global, &[Key::ch('M')], EditNote, "add or edit the bookmark's note (panel: the highlight's)"),
            b(Global, &[Key::ch('v')], StartSelection, "select text to highlight (the match shown, or the top sentence)"),
            b(Global, &[Key::ch('u')], Undo, "undo the last deletion or correction"),
            b(Global, &[Key::ch('\'')], FocusBookmarks, "go to the bookmarks in the panel"),
            b(Global, &[Key::ch('`')], JumpBack, "back to where the last jump started"),
            b(Global, &[Key::plain(K::Tab)], FocusNext, "focus pane ⇄ panel"),
            b(Global, &[Key::plain(K::BackTab)], FocusPrev, "focus panel ⇄ pane"),
            b(Global, &[Key::ch(':')], StartGoto, "go to paragraph number"),
            b(Global, &[Key::ch('p')], TogglePanel, "show or hide the panel"),
            b(Global, &[Key::ch('r')], ToggleRaw, "raw ⇄ repaired; Markdown, HTML: source"),
            b(Global, &[Key::ch('?')], ToggleHelp, "this help"),
            b(Global, &[Key::ctrl('z')], Suspend, "suspend to the shell (fg comes back)"),
            b(Global, &[Key::ch('q'), Key::plain(K::Esc), Key::ctrl('c')], Quit, "quit"),
        ];
        Keymap { bindings }
    }
}

impl Keymap {
    /// The action for a key in the focused part; focus bindings win over global ones.
    pub fn action(&self, focus: Focus, event: &KeyEvent) -> Option<Action> {
        let context = match focus {
            Focus::Pane => Context::Pane,
            Focus::Panel => Context::Panel,
        };
        [context, Context::Global].into_iter().find_map(|ctx| {
            self.bindings
                .iter()
                .filter(|b| b.context == ctx)
                .find(|b| b.keys.iter().any(|k| k.matches(event)))
                .map(|b| b.action)
        })
    }

    /// The action for a key while a selection is being made.
    pub fn selecting_action(&self, event: &KeyEvent) -> Option<Action> {
        self.bindings
            .iter()
            .filter(|b| b.context == Context::Selecting)
            .find(|b| b.keys.iter().any(|k| k.matches(event)))
            .map(|b| b.action)
    }

    /// The action for a key after `a` on a selection.
    pub fn adding_action(&self, event: &KeyEvent) -> Option<Action> {
        self.bindings
            .iter()
            .filter(|b| b.context == Context::Adding)
            .find(|b| b.keys.iter().any(|k| k.matches(event)))
            .map(|b| b.action)
    }

    /// The first key bound to `action` anywhere, for hints.
    pub fn key_for(&self, action: Action) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| b.action == action)
            .and_then(|b| b.keys.first())
            .map(Key::label)
    }
}

/// The name of every action a key can be bound to, as written in the
/// `[keys]` table of the configuration. Names are stable: configurations
/// depend on them.
pub const ACTION_NAMES: &[(&str, Action)] = &[
    ("scroll-down", Action::ScrollLines(1)),
    ("scroll-up", Action::ScrollLines(-1)),
    ("next-paragraph", Action::Paragraph(1)),
    ("previous-paragraph", Action::Paragraph(-1)),
    ("page-down", Action::Page(1)),
    ("page-up", Action::Page(-1)),
    ("half-page-down", Action::HalfPage(1)),
    ("half-page-up", Action::HalfPage(-1)),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("next-entry", Action::Select(1)),
    ("previous-entry", Action::Select(-1)),
    ("entries-page-down", Action::SelectPage(1)),
    ("entries-page-up", Action::SelectPage(-1)),
    ("first-entry", Action::SelectFirst),
    ("last-entry", Action::SelectLast),
    ("show-entry", Action::Activate),
    ("focus-next", Action::FocusNext),
    ("focus-previous", Action::FocusPrev),
    ("go-to-paragraph", Action::StartGoto),
    ("toggle-panel", Action::TogglePanel),
    ("toggle-raw", Action::ToggleRaw),
    ("delete-bookmark", Action::DeleteBookmark),
    ("toggle-bookmark", Action::ToggleBookmark),
    ("edit-note", Action::EditNote),
    ("highlight", Action::StartSelection),
    ("extend-word", Action::Extend(Unit::Word)),
    ("shrink-word", Action::Shrink(Unit::Word)),
    ("extend-sentence", Action::Extend(Unit::Sentence)),
    ("shrink-sentence", Action::Shrink(Unit::Sentence)),
    ("extend-paragraph", Action::Extend(Unit::Paragraph)),
    ("shrink-paragraph", Action::Shrink(Unit::Paragraph)),
    ("highlight-colour", Action::CycleColour),
    ("save-highlight", Action::SaveHighlight),
    ("highlight-note", Action::NoteHighlight),
    ("cancel-selection", Action::CancelSelection),
    ("dismiss", Action::Dismiss),
    ("dismiss-everywhere", Action::DismissEverywhere),
    ("edit-entry", Action::EditEntry),
    ("add-entry", Action::AddEntry),
    ("add-product", Action::AddAs(Kind::Product)),
    ("add-role", Action::AddAs(Kind::Role)),
    (
        "add-product-everywhere",
        Action::AddEverywhere(Kind::Product),
    ),
    ("add-role-everywhere", Action::AddEverywhere(Kind::Role)),
    ("undo", Action::Undo),
    ("bookmarks", Action::FocusBookmarks),
    ("jump-back", Action::JumpBack),
    ("next-section", Action::Section(1)),
    ("previous-section", Action::Section(-1)),
    ("next-mention", Action::Mention(1)),
    ("previous-mention", Action::Mention(-1)),
    ("filter", Action::ToggleFilter),
    ("search", Action::StartSearch),
    ("next-match", Action::NextMatch),
    ("previous-match", Action::PrevMatch),
    ("help", Action::ToggleHelp),
    ("suspend", Action::Suspend),
    ("quit", Action::Quit),
];

/// The configuration name of a bindable action.
pub fn action_name(action: Action) -> Option<&'static str> {
    ACTION_NAMES
        .iter()
        .find(|(_, a)| *a == action)
        .map(|(name, _)| *name)
}

/// The action a configuration name stands for.
pub fn action_named(name: &str) -> Option<Action> {
    ACTION_NAMES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, action)| *action)
}

/// What is wrong with a key written in the configuration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeySpecError {
    #[error("empty key (expected a character, a key name like pgdn, or ctrl-<char>)")]
    Empty,
    /// The spec, quoted safely: it comes from the file.
    #[error("unknown key {} (expected a character, a key name like pgdn, or ctrl-<char>)", quote(.0))]
    Unknown(String),
}

/// Named keys and the names they are written as (the first is canonical).
const KEY_NAMES: &[(&str, KeyCode)] = &[
    ("space", KeyCode::Char(' ')),
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("shift-tab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pgup", KeyCode::PageUp),
    ("pageup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
];

impl Key {
    /// Parses a key as written in the configuration: a single character
    /// (`j`, `J`, `?`), a key name (`space`, `pgdn`, `enter`…, any case) or
    /// `ctrl-<char>`.
    pub fn parse(spec: &str) -> Result<Key, KeySpecError> {
        if spec.is_empty() {
            return Err(KeySpecError::Empty);
        }
        let mut chars = spec.chars();
        // A control or invisible character is no key a terminal sends as
        // a character (and would be drawn raw in the help).
        if let (Some(c), None) = (chars.next(), chars.next())
            && !sanitise::is_neutralised(c)
        {
            return Ok(Key::ch(c));
        }
        let lower = spec.to_lowercase();
        if let Some((_, code)) = KEY_NAMES.iter().find(|(name, _)| *name == lower) {
            return Ok(Key::plain(*code));
        }
        if let Some(rest) = lower.strip_prefix("ctrl-") {
            let mut chars = rest.chars();
            // Terminals send Ctrl with letters and a few symbols; `matches`
            // compares the lowercase letter.
            if let (Some(c), None) = (chars.next(), chars.next())
                && c.is_ascii_graphic()
            {
                return Ok(Key::ctrl(c.to_ascii_lowercase()));
            }
        }
        Err(KeySpecError::Unknown(spec.to_owned()))
    }

    /// The key as written in the configuration; `Key::parse` reads it back.
    pub fn spec(&self) -> String {
        let name = match self.code {
            KeyCode::Char(c) => KEY_NAMES
                .iter()
                .find(|(_, code)| *code == KeyCode::Char(c))
                .map_or_else(|| c.to_string(), |(name, _)| (*name).to_owned()),
            code => KEY_NAMES.iter().find(|(_, k)| *k == code).map_or_else(
                || format!("{code:?}").to_lowercase(),
                |(name, _)| (*name).to_owned(),
            ),
        };
        if self.ctrl {
            format!("ctrl-{name}")
        } else {
            name
        }
    }
}

/// Key bindings from the configuration: for each action named, the keys
/// that replace its defaults, and the line they were set on.
#[derive(Debug, Clone, Default, Eq)]
pub struct KeysConfig {
    /// Where the configuration came from, for messages.
    pub origin: String,
    pub overrides: Vec<KeyOverride>,
}

/// Equal when the bindings are: the origin only names the file in messages.
impl PartialEq for KeysConfig {
    fn eq(&self, other: &Self) -> bool {
        self.overrides == other.overrides
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOverride {
    pub action: Action,
    pub keys: Vec<Key>,
    /// 1-based line of the setting in the configuration.
    pub line: usize,
}

/// Whether keys bound in these contexts can both be reached at once: a
/// selection's keys are the only ones while selecting, and the add
/// prompt's while it asks.
fn overlap(a: Context, b: Context) -> bool {
    let own = |c| matches!(c, Context::Selecting | Context::Adding);
    a == b || (!own(a) && !own(b) && (a == Context::Global || b == Context::Global))
}

impl Keymap {
    /// The keymap with the configuration's bindings: an overridden action's
    /// keys replace its defaults, and a key it takes from another action
    /// that could be reached at the same time moves (the other action loses
    /// it). Two overrides claiming one key is an error.
    pub fn with_overrides(&self, config: &KeysConfig) -> Result<Keymap, ConfigError> {
        let mut map = self.clone();
        // (context, key, action, line) of every key set by the configuration.
        let mut claimed: Vec<(Context, Key, Action, usize)> = Vec::new();
        for o in &config.overrides {
            let error = |message: String| ConfigError {
                origin: config.origin.clone(),
                line: Some(o.line),
                setting: format!("keys.{}", action_name(o.action).unwrap_or("?")),
                message,
            };
            let Some(context) = map
                .bindings
                .iter()
                .find(|b| b.action == o.action)
                .map(|b| b.context)
            else {
                return Err(error("this action cannot be bound to a key".to_owned()));
            };
            let mut keys: Vec<Key> = Vec::new();
            for key in &o.keys {
                if keys.contains(key) {
                    continue;
                }
                let clash = claimed
                    .iter()
                    .find(|(c, k, a, _)| *k == *key && *a != o.action && overlap(*c, context));
                if let Some((_, _, other, line)) = clash {
                    return Err(error(format!(
                        "{} is already bound to {} on line {line}",
                        quote(&key.spec()),
                        action_name(*other).unwrap_or("?"),
                    )));
                }
                keys.push(*key);
            }
            for binding in &mut map.bindings {
                if binding.action == o.action {
                    binding.keys = keys.clone();
                } else if overlap(binding.context, context) {
                    binding.keys.retain(|k| !keys.contains(k));
                }
            }
            claimed.extend(keys.iter().map(|k| (context, *k, o.action, o.line)));
        }
        for &(action, what) in ESSENTIAL {
            if map
                .bindings
                .iter()
                .any(|b| b.action == action && !b.keys.is_empty())
            {
                continue;
            }
            let name = action_name(action).unwrap_or("?");
            let defaults: Vec<Key> = self
                .bindings
                .iter()
                .filter(|b| b.action == action)
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            // Its own empty list, or else the last setting that took one of its keys.
            let own = config.overrides.iter().rev().find(|o| o.action == action);
            let taker = config
                .overrides
                .iter()
                .rev()
                .find(|o| o.keys.iter().any(|k| defaults.contains(k)));
            let (culprit, message) = match (own, taker) {
                (Some(o), _) => (
                    o,
                    format!("{name} needs at least one key: without one there is no way to {what}"),
                ),
                (None, Some(o)) => (
                    o,
                    format!(
                        "takes the last key of {name}, which needs one to {what} (bind {name} to another key)"
                    ),
                ),
                (None, None) => continue,
            };
            return Err(ConfigError {
                origin: config.origin.clone(),
                line: Some(culprit.line),
                setting: format!("keys.{}", action_name(culprit.action).unwrap_or("?")),
                message,
            });
        }
        Ok(map)
    }
}

/// Actions a configuration may not leave without a key, and what they
/// let the reader do: quit, and open the help, the one place that lists
/// the keys in force.
const ESSENTIAL: &[(Action, &str)] =
    &[(Action::Quit, "quit"), (Action::ToggleHelp, "see the keys")];

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn focus_decides_what_j_does() {
        let map = Keymap::default();
        let j = key(KeyCode::Char('j'));
        assert_eq!(map.action(Focus::Pane, &j), Some(Action::ScrollLines(1)));
        assert_eq!(map.action(Focus::Panel, &j), Some(Action::Select(1)));
    }

    #[test]
    fn global_keys_work_in_both_parts() {
        let map = Keymap::default();
        for focus in [Focus::Pane, Focus::Panel] {
            assert_eq!(
                map.action(focus, &key(KeyCode::Tab)),
                Some(Action::FocusNext)
            );
            assert_eq!(
                map.action(focus, &key(KeyCode::Char('q'))),
                Some(Action::Quit)
            );
            let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
            assert_eq!(map.action(focus, &ctrl_c), Some(Action::Quit));
        }
    }

    #[test]
    fn shifted_letters_match_their_capital() {
        let map = Keymap::default();
        let shift_j = KeyEvent::new(KeyCode::Char('J'), KeyModifiers::SHIFT);
        assert_eq!(
            map.action(Focus::Pane, &shift_j),
            Some(Action::Paragraph(1))
        );
        // Plain 'c' is not Ctrl-C.
        assert_eq!(map.action(Focus::Pane, &key(KeyCode::Char('c'))), None);
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        let map = Keymap::default();
        let mut seen = Vec::new();
        for b in &map.bindings {
            for k in &b.keys {
                let clash = seen
                    .iter()
                    .any(|(c, other): &(Context, Key)| *other == *k && overlap(*c, b.context));
                assert!(!clash, "{} bound twice", k.label());
                seen.push((b.context, *k));
            }
        }
    }

    #[test]
    fn labels_read_well() {
        assert_eq!(Key::ctrl('c').label(), "Ctrl-c");
        assert_eq!(Key::ch(' ').label(), "Space");
        assert_eq!(Key::plain(KeyCode::PageDown).label(), "PgDn");
    }

    #[test]
    fn every_default_binding_has_a_unique_name() {
        let map = Keymap::default();
        for binding in &map.bindings {
            let name = action_name(binding.action);
            assert!(name.is_some(), "{:?} has no name", binding.action);
            assert_eq!(name.and_then(action_named), Some(binding.action));
        }
        let mut names: Vec<&str> = ACTION_NAMES.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ACTION_NAMES.len());
        assert_eq!(names.len(), map.bindings.len(), "a name for every binding");
    }

    #[test]
    fn key_specs_parse_and_round_trip() {
        assert_eq!(Key::parse("j"), Ok(Key::ch('j')));
        assert_eq!(Key::parse("J"), Ok(Key::ch('J')));
        assert_eq!(Key::parse("space"), Ok(Key::ch(' ')));
        assert_eq!(Key::parse("PgDn"), Ok(Key::plain(KeyCode::PageDown)));
        assert_eq!(Key::parse("ctrl-c"), Ok(Key::ctrl('c')));
        assert_eq!(Key::parse("Ctrl-D"), Ok(Key::ctrl('d')));
        assert_eq!(Key::parse("backtab"), Ok(Key::plain(KeyCode::BackTab)));
        assert_eq!(Key::parse(""), Err(KeySpecError::Empty));
        assert_eq!(
            Key::parse("ctlr-d").map_err(|e| e.to_string()),
            Err("unknown key \"ctlr-d\" (expected a character, a key name like pgdn, or ctrl-<char>)".to_owned())
        );
        assert!(Key::parse("ctrl-").is_err());
        assert!(Key::parse("ctrl-ab").is_err());
        // No terminal sends these as characters, and the help would draw them raw.
        for control in ["\u{1b}", "\0", "\u{9b}", "\u{202e}", "\u{200b}"] {
            assert!(Key::parse(control).is_err(), "{control:?}");
        }
        for binding in Keymap::default().bindings {
            for key in binding.keys {
                assert_eq!(Key::parse(&key.spec()), Ok(key), "{}", key.spec());
            }
        }
    }

    fn overrides(entries: &[(&str, &[&str])]) -> KeysConfig {
        KeysConfig {
            origin: "config.toml".to_owned(),
            overrides: entries
                .iter()
                .enumerate()
                .map(|(i, (name, keys))| KeyOverride {
                    action: action_named(name).expect("named"),
                    keys: keys.iter().map(|k| Key::parse(k).expect("key")).collect(),
                    line: i + 1,
                })
                .collect(),
        }
    }

    #[test]
    fn an_override_replaces_the_defaults_and_takes_its_keys_from_others() {
        let map = Keymap::default()
            .with_overrides(&overrides(&[
                ("quit", &["x"]),
                ("scroll-down", &["n", "q"]),
            ]))
            .expect("valid");
        let quit = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        let x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
        let n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE);
        assert_eq!(map.action(Focus::Pane, &x), Some(Action::Quit));
        assert_eq!(map.action(Focus::Panel, &x), Some(Action::Quit));
        assert_eq!(map.action(Focus::Pane, &quit), Some(Action::ScrollLines(1)));
        assert_eq!(map.action(Focus::Pane, &n), Some(Action::ScrollLines(1)));
        // The old keys of quit are gone (Esc and Ctrl-C included), j no longer scrolls.
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(map.action(Focus::Pane, &esc), None);
        let j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(map.action(Focus::Pane, &j), None);
        // The panel's j is untouched: a pane binding does not reach the panel.
        assert_eq!(map.action(Focus::Panel, &j), Some(Action::Select(1)));
        assert_eq!(map.key_for(Action::Quit), Some("x".to_owned()));
    }

    #[test]
    fn a_global_key_moves_out_of_every_context() {
        let map = Keymap::default()
            .with_overrides(&overrides(&[("help", &["j"])]))
            .expect("valid");
        let j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        for focus in [Focus::Pane, Focus::Panel] {
            assert_eq!(map.action(focus, &j), Some(Action::ToggleHelp));
        }
        let help: Vec<String> = map
            .bindings
            .iter()
            .filter(|b| b.action == Action::ScrollLines(1))
            .flat_map(|b| b.keys.iter().map(Key::label))
            .collect();
        assert_eq!(help, vec!["↓"], "the help overlay shows what is left");
    }

    #[test]
    fn two_overrides_claiming_one_key_is_an_error_naming_both() {
        let error = Keymap::default()
            .with_overrides(&overrides(&[("quit", &["x"]), ("top", &["x"])]))
            .expect_err("clash");
        assert_eq!(
            error.to_string(),
            "config.toml line 2: keys.top: \"x\" is already bound to quit on line 1"
        );
        // Different contexts that never meet may share a key.
        assert!(
            Keymap::default()
                .with_overrides(&overrides(&[("top", &["x"]), ("first-entry", &["x"])]))
                .is_ok()
        );
    }

    #[test]
    fn the_add_prompts_keys_are_its_own_and_can_be_rebound() {
        let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let map = Keymap::default();
        let everywhere = |kind| Some(Action::AddEverywhere(kind));
        assert_eq!(map.adding_action(&press('P')), everywhere(Kind::Product));
        assert_eq!(
            map.adding_action(&press('r')),
            Some(Action::AddAs(Kind::Role))
        );
        assert_eq!(map.adding_action(&press('q')), None);
        assert_eq!(
            map.action(Focus::Panel, &press('X')),
            Some(Action::DismissEverywhere)
        );
        let map = map
            .with_overrides(&overrides(&[
                ("add-role-everywhere", &["e"]),
                ("toggle-panel", &["P"]),
            ]))
            .expect("the prompt and the reader never meet");
        assert_eq!(map.adding_action(&press('e')), everywhere(Kind::Role));
        assert_eq!(map.adding_action(&press('R')), None);
        assert_eq!(map.adding_action(&press('P')), everywhere(Kind::Product));
        assert_eq!(
            map.action(Focus::Pane, &press('P')),
            Some(Action::TogglePanel)
        );
    }

    #[test]
    fn selection_keys_are_their_own_and_can_be_rebound() {
        let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let map = Keymap::default();
        assert_eq!(
            map.selecting_action(&press('w')),
            Some(Action::Extend(Unit::Word))
        );
        // Outside a selection `q` quits; in one it does nothing.
        assert_eq!(map.selecting_action(&press('q')), None);
        // A selection key may take a key the reader uses elsewhere.
        let map = map
            .with_overrides(&overrides(&[
                ("extend-word", &["l"]),
                ("highlight", &["h"]),
            ]))
            .expect("valid");
        assert_eq!(
            map.selecting_action(&press('l')),
            Some(Action::Extend(Unit::Word))
        );
        assert_eq!(map.selecting_action(&press('w')), None);
        assert_eq!(
            map.action(Focus::Panel, &press('l')),
            Some(Action::Activate)
        );
        assert_eq!(
            map.action(Focus::Pane, &press('h')),
            Some(Action::StartSelection)
        );
    }
}
