//! Terminal events to actions, by mode: the help overlay and the input line
//! take keys before the keymap does.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::app::{Action, App, Mode};

pub fn action(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(app, key),
        Event::Mouse(mouse) => mouse_action(mouse),
        Event::Resize(width, height) => Some(Action::Resize(*width, *height)),
        _ => None,
    }
}

fn key_action(app: &App, key: &KeyEvent) -> Option<Action> {
    let enter;
    let key = if line_feed_is_enter(app, key) {
        enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
        &enter
    } else {
        key
    };
    // Ctrl-Z stops margin from any mode, as a shell's Ctrl-Z does; a
    // plain key bound to suspend stays a character on the input line.
    if key.modifiers.contains(KeyModifiers::CONTROL)
        && app.keymap().action(app.focus(), key) == Some(Action::Suspend)
    {
        return Some(Action::Suspend);
    }
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
    match app.mode() {
        Mode::Help(_) => match key.code {
            _ if ctrl_c => Some(Action::Quit),
            KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') => Some(Action::ToggleHelp),
            KeyCode::Char('j') | KeyCode::Down => Some(Action::HelpScroll(1)),
            KeyCode::Char('k') | KeyCode::Up => Some(Action::HelpScroll(-1)),
            KeyCode::Char(' ') | KeyCode::PageDown => Some(Action::HelpScroll(10)),
            KeyCode::Char('b') | KeyCode::PageUp => Some(Action::HelpScroll(-10)),
            _ => None,
        },
        Mode::Goto(_)
        | Mode::Note(_)
        | Mode::Search(_)
        | Mode::EntryName(_)
        | Mode::EntryActor(_) => match key.code {
            _ if ctrl_c => Some(Action::InputCancel),
            KeyCode::Esc => Some(Action::InputCancel),
            KeyCode::Enter => Some(Action::InputSubmit),
            KeyCode::Backspace => Some(Action::InputBackspace),
            KeyCode::Char(c) => Some(Action::InputChar(c)),
            _ => None,
        },
        Mode::Unsaved => match key.code {
            _ if ctrl_c => Some(Action::QuitUnsaved),
            KeyCode::Char('r') | KeyCode::Enter => Some(Action::RetrySave),
            KeyCode::Char('q') => Some(Action::QuitUnsaved),
            KeyCode::Esc => Some(Action::InputCancel),
            _ => None,
        },
        Mode::AddAs => match key.code {
            _ if ctrl_c => Some(Action::InputCancel),
            KeyCode::Esc => Some(Action::InputCancel),
            _ => app.keymap().adding_action(key),
        },
        Mode::Selecting if ctrl_c => Some(Action::CancelSelection),
        Mode::Selecting => app.keymap().selecting_action(key),
        Mode::Normal => app.keymap().action(app.focus(), key),
    }
}

/// Enter typed ahead, while the tty was still as the shell left it (before
/// margin's first frame), was turned into a line feed by the tty (ICRNL);
/// crossterm reads a line feed in raw mode as Ctrl-J. A line feed means
/// Enter, as in less and readline, unless the configuration binds Ctrl-J.
fn line_feed_is_enter(app: &App, key: &KeyEvent) -> bool {
    key.code == KeyCode::Char('j')
        && key.modifiers == KeyModifiers::CONTROL
        && (*app.mode() != Mode::Normal || app.keymap().action(app.focus(), key).is_none())
}

fn mouse_action(mouse: &MouseEvent) -> Option<Action> {
    let (column, row) = (mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::Wheel {
            column,
            row,
            delta: 1,
        }),
        MouseEventKind::ScrollUp => Some(Action::Wheel {
            column,
            row,
            delta: -1,
        }),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Size;

    fn app() -> App {
        App::new(
            crate::document::Document::from_text("T\n\nBody."),
            "t".into(),
            Size::new(80, 24),
        )
    }

    fn press(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn input_line_takes_characters() {
        let mut a = app();
        a.update(Action::StartGoto);
        assert_eq!(
            action(&a, &press(KeyCode::Char('q'))),
            Some(Action::InputChar('q'))
        );
        assert_eq!(action(&a, &press(KeyCode::Esc)), Some(Action::InputCancel));
    }

    #[test]
    fn help_closes_on_esc_and_scrolls() {
        let mut a = app();
        a.update(Action::ToggleHelp);
        assert_eq!(action(&a, &press(KeyCode::Esc)), Some(Action::ToggleHelp));
        assert_eq!(
            action(&a, &press(KeyCode::Char('j'))),
            Some(Action::HelpScroll(1))
        );
        assert_eq!(action(&a, &press(KeyCode::Char('x'))), None);
    }

    #[test]
    fn ctrl_z_suspends_in_every_mode() {
        let ctrl_z = Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
        let mut a = app();
        assert_eq!(action(&a, &ctrl_z), Some(Action::Suspend));
        a.update(Action::StartSearch);
        assert_eq!(action(&a, &ctrl_z), Some(Action::Suspend));
        a.update(Action::InputCancel);
        a.update(Action::ToggleHelp);
        assert_eq!(action(&a, &ctrl_z), Some(Action::Suspend));
    }

    #[test]
    fn a_line_feed_is_enter_unless_ctrl_j_is_bound() {
        let line_feed = Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL));
        let mut a = app();
        a.update(Action::StartGoto);
        assert_eq!(action(&a, &line_feed), Some(Action::InputSubmit));
        a.update(Action::InputCancel);
        a.update(Action::FocusNext);
        assert_eq!(action(&a, &line_feed), Some(Action::Activate));
        let config = crate::keymap::KeysConfig {
            origin: "config.toml".to_owned(),
            overrides: vec![crate::keymap::KeyOverride {
                action: Action::Top,
                keys: vec![crate::keymap::Key::parse("ctrl-j").expect("key")],
                line: 1,
            }],
        };
        let keymap = a.keymap().with_overrides(&config).expect("valid");
        a.update(crate::app::Change::Configured(Box::new(
            crate::app::Settings {
                keymap,
                ..Default::default()
            },
        )));
        a.update(Action::FocusNext);
        assert_eq!(action(&a, &line_feed), Some(Action::Top));
    }

    #[test]
    fn esc_quits_at_the_top_level() {
        assert_eq!(action(&app(), &press(KeyCode::Esc)), Some(Action::Quit));
    }
}
