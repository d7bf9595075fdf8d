//! Keys to actions. One table both dispatches keys and feeds the help
//! overlay, so the help cannot drift from what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::{Action, Focus};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere outside an input line.
    Global,
    Pane,
    Panel,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Anywhere",
            Context::Pane => "Reading pane",
            Context::Panel => "Panel",
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
            b(Panel, &[Key::ch('d')], DeleteBookmark, "delete the selected bookmark"),
            b(Global, &[Key::ch(']')], Section(1), "next annotated section"),
            b(Global, &[Key::ch('[')], Section(-1), "previous annotated section"),
            b(Global, &[Key::ch('.')], Mention(1), "next mention of the selected entry"),
            b(Global, &[Key::ch(',')], Mention(-1), "previous mention of the selected entry"),
            b(Global, &[Key::ch('f')], ToggleFilter, "only the selected entry's paragraphs (again: all)"),
            b(Global, &[Key::ch('m')], ToggleBookmark, "bookmark the top passage (again: remove it)"),
            b(Global, &[Key::ch('M')], EditNote, "add or edit the bookmark's note"),
            b(Global, &[Key::ch('u')], Undo, "undo the last bookmark deletion"),
            b(Global, &[Key::ch('\'')], FocusBookmarks, "go to the bookmarks in the panel"),
            b(Global, &[Key::ch('`')], JumpBack, "back to where the last jump started"),
            b(Global, &[Key::plain(K::Tab)], FocusNext, "focus pane ⇄ panel"),
            b(Global, &[Key::plain(K::BackTab)], FocusPrev, "focus panel ⇄ pane"),
            b(Global, &[Key::ch(':')], StartGoto, "go to paragraph number"),
            b(Global, &[Key::ch('p')], TogglePanel, "show or hide the panel"),
            b(Global, &[Key::ch('r')], ToggleRaw, "raw paragraphs ⇄ repaired"),
            b(Global, &[Key::ch('?')], ToggleHelp, "this help"),
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

    /// The first key bound to `action` anywhere, for hints.
    pub fn key_for(&self, action: Action) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| b.action == action)
            .and_then(|b| b.keys.first())
            .map(Key::label)
    }
}

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
                let clash = seen.iter().any(|(c, other): &(Context, Key)| {
                    let overlap =
                        *c == b.context || *c == Context::Global || b.context == Context::Global;
                    *other == *k && overlap
                });
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
}
