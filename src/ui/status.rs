//! The status bar: file, paragraph, percent, focus, then a message or input.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{Action, App, Focus, FrameView, Mode};
use crate::document::View;

pub fn draw(frame: &mut Frame, app: &App, view: &FrameView) {
    let area = app.areas().status;
    if area.height == 0 {
        return;
    }
    let theme = app.theme();
    let paragraph = if app.doc().is_empty() {
        0
    } else {
        app.reading().paragraph + 1
    };
    let focus = match app.focus() {
        Focus::Pane => "pane",
        Focus::Panel => "panel",
    };
    let mut flags = String::new();
    if app.source_shown() {
        flags.push_str(" source");
    } else if app.doc().view() == View::Raw {
        flags.push_str(" raw");
    }
    if let Some(filter) = &app.filter() {
        flags.push_str(&format!(" filtered:{}¶", filter.paragraphs.len()));
    }
    if app.unsaved_reason().is_some() {
        flags.push_str(&format!(" │ {} unsaved", app.user_changes_pending()));
    }
    if let Some(loading) = &app.loading() {
        let read = match loading.percent() {
            Some(percent) => format!("{percent}%"),
            None => format!("{} MB", loading.bytes_read >> 20),
        };
        flags.push_str(&format!(" │ loading {read} · {} found", app.panel().len()));
    }
    // While a file of known size loads, how far into the file, not into
    // what is loaded so far ("100%" beside "loading 26%" read as a contradiction).
    let percent = match app
        .loading()
        .and_then(|l| l.size.filter(|&s| s > 0).map(|s| (l, s)))
    {
        Some((loading, size)) => {
            (u64::from(view.percent) * loading.bytes_read / size).min(99) as u16
        }
        None => view.percent,
    };
    let format = match app.format() {
        crate::format::Format::Text => String::new(),
        other => format!(" · {}", other.name()),
    };
    let left = format!(
        " {}{format} │ ¶{}/{} │ {}% │ {}{} ",
        app.name(),
        paragraph,
        app.doc().len(),
        percent,
        focus,
        flags
    );
    let (middle, middle_style) = match app.mode() {
        Mode::Goto(input) => (format!(" go to ¶: {input}▏"), theme.status_message),
        Mode::Search(input) => (
            format!(
                " /{input}▏ {}",
                app.search()
                    .as_ref()
                    .map_or(String::new(), |s| match s.matches.total() {
                        Some(total) => format!("{total} match(es)"),
                        None => "counting…".to_owned(),
                    })
            ),
            theme.status_message,
        ),
        Mode::Note(input) => (
            format!(" note (Enter saves, Esc cancels): {input}▏"),
            theme.status_message,
        ),
        Mode::Unsaved => (
            format!(
                // The choices first: the reason can be long (a path).
                " r retry · q quit anyway · Esc keep reading │ {} change(s) not saved: {} ",
                app.user_changes_pending(),
                app.unsaved_reason().unwrap_or("not saved yet")
            ),
            theme.status_message,
        ),
        Mode::Selecting => (selecting(app), theme.status_message),
        Mode::EntryName(input) => (
            format!(
                " {} name (Enter: next, Esc cancels): {input}▏",
                app.editing_kind().map_or("", |k| k.name())
            ),
            theme.status_message,
        ),
        Mode::EntryActor(input) => (
            format!(
                " {} (empty: none; Enter saves, Esc cancels): {input}▏",
                match app.editing_kind() {
                    Some(crate::corrections::Kind::Product) => "owner",
                    _ => "actor",
                }
            ),
            theme.status_message,
        ),
        Mode::AddAs => (adding(app), theme.status_message),
        _ => match &app.message() {
            Some(message) => (format!(" {message} "), theme.status_message),
            None => (String::new(), theme.status),
        },
    };
    let hints = hints(app);
    let used = left.chars().count() + middle.chars().count();
    let right = if used + hints.chars().count() < area.width as usize {
        hints
    } else {
        String::new()
    };
    let pad = (area.width as usize).saturating_sub(used + right.chars().count());
    let line = super::safe::line(Line::from(vec![
        Span::styled(left, theme.status),
        Span::styled(middle, middle_style),
        Span::styled(" ".repeat(pad), theme.status),
        Span::styled(right, theme.status),
    ]));
    frame.render_widget(Paragraph::new(line).style(theme.status), Rect { ..area });
}

/// After `a`: the kinds a selection is added as, with their keys as bound.
fn adding(app: &App) -> String {
    use crate::action::Action::{AddAs, AddEverywhere};
    use crate::corrections::Kind::{Product, Role};
    let key = |action| app.keymap().key_for(action).unwrap_or_else(|| "?".into());
    format!(
        " add as: {} product · {} role ({}, {}: every article, your rules) · Esc back ",
        key(AddAs(Product)),
        key(AddAs(Role)),
        key(AddEverywhere(Product)),
        key(AddEverywhere(Role)),
    )
}

/// While selecting: what is selected, then its keys as bound (a message,
/// such as "as short as it goes", comes first).
fn selecting(app: &App) -> String {
    use crate::span::Unit;
    let key = |action| app.keymap().key_for(action).unwrap_or_default();
    let Some(s) = app.selecting() else {
        return String::new();
    };
    let chars = app
        .doc()
        .paragraph(s.paragraph)
        .get(s.range.clone())
        .map_or(0, |t| t.chars().count());
    let told = app.message().map_or(String::new(), |m| format!("{m} │ "));
    format!(
        " {told}selecting ¶{} · {chars} chars · {} │ {}/{} word {}/{} sentence {}/{} paragraph · {} colour · {} save · {} note · {} cancel ",
        s.paragraph + 1,
        s.colour.name(),
        key(Action::Extend(Unit::Word)),
        key(Action::Shrink(Unit::Word)),
        key(Action::Extend(Unit::Sentence)),
        key(Action::Shrink(Unit::Sentence)),
        key(Action::Extend(Unit::Paragraph)),
        key(Action::Shrink(Unit::Paragraph)),
        key(Action::CycleColour),
        key(Action::SaveHighlight),
        key(Action::NoteHighlight),
        key(Action::CancelSelection),
    )
}

/// The three most useful keys, as bound.
fn hints(app: &App) -> String {
    let key = |action| app.keymap().key_for(action).unwrap_or_default();
    format!(
        "{} help  {} panel  {} quit ",
        key(Action::ToggleHelp),
        key(Action::FocusNext),
        key(Action::Quit)
    )
}
