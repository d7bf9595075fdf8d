//! The panel: group headers and entries, the selection, and a mark on the
//! entries that hold the paragraph being read.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use crate::app::{App, Focus};
use crate::panel::Row;

/// `reading`: the paragraph at the top of the pane.
pub fn draw(frame: &mut Frame, app: &App, reading: usize) {
    let (Some(area), Some(list)) = (app.areas.panel, app.areas.panel_list()) else {
        return;
    };
    let theme = &app.theme;
    let focused = app.focus == Focus::Panel;
    // The border faces the pane.
    let borders = match (app.areas.beside, app.areas.panel_left) {
        (true, true) => Borders::RIGHT,
        (true, false) => Borders::LEFT,
        (false, _) => Borders::TOP,
    };
    let header_style = if focused {
        theme.panel_header_focused
    } else {
        theme.panel_header
    };
    let title = if focused {
        " Panel (Enter: go) "
    } else {
        " Panel (Tab) "
    };
    frame.render_widget(
        Block::new()
            .borders(borders)
            .border_style(header_style)
            .title(Span::styled(title, header_style)),
        area,
    );
    let width = list.width as usize;
    let lines: Vec<Line> = app
        .panel
        .rows
        .iter()
        .skip(app.panel_offset)
        .take(list.height as usize)
        .map(|row| match *row {
            Row::Header(group) => super::safe::line(Line::styled(group.title(), theme.group)),
            Row::Detail(index) => {
                let detail = app.entry_detail(index).unwrap_or_default();
                let shown: String = detail.chars().take(width.saturating_sub(3)).collect();
                super::safe::line(Line::styled(format!("   {shown}"), theme.detail))
            }
            Row::Entry(index) => {
                let entry = &app.panel.entries[index];
                let mark = if app.panel.covers(index, reading) {
                    "▸"
                } else {
                    " "
                };
                let span = entry.span_label();
                let label_width = width.saturating_sub(span.chars().count() + 3);
                let label = fit(&app.entry_label(index), label_width);
                let style = match (index == app.selected, focused) {
                    (true, true) => theme.selected,
                    (true, false) => theme.selected_unfocused,
                    _ => theme.entry,
                };
                super::safe::line(Line::from(vec![
                    Span::styled(mark, theme.current_mark),
                    Span::styled(format!("{label} "), style),
                    Span::styled(span, theme.span),
                ]))
            }
        })
        .collect();
    frame.render_widget(super::lines::Lines(lines), list);
}

/// The label cut to `width` characters, with an ellipsis when cut.
fn fit(label: &str, width: usize) -> String {
    if label.chars().count() <= width {
        return label.to_owned();
    }
    let kept: String = label.chars().take(width.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}
