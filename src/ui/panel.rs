//! The panel: group headers and entries, the selection, and a mark on the
//! entries that hold the paragraph being read.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use crate::app::{App, Focus};
use crate::panel::Row;

/// `reading`: the paragraph at the top of the pane.
pub fn draw(frame: &mut Frame, app: &App, reading: usize) {
    let (Some(area), Some(list)) = (app.areas().panel, app.areas().panel_list()) else {
        return;
    };
    let theme = app.theme();
    let focused = app.focus() == Focus::Panel;
    // The border faces the pane.
    let borders = match (app.areas().beside, app.areas().panel_left) {
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
    let lines: Vec<Line> = (app.panel_offset()..)
        .take(list.height as usize)
        .map_while(|row| app.panel().row(row))
        .map(|row| match row {
            Row::Header(group) => super::safe::line(Line::styled(group.title(), theme.group)),
            Row::Detail(index) => {
                let index = index as usize;
                let detail = app.entry_detail(index).unwrap_or_default();
                let mut shown = String::from("   ");
                shown.extend(detail.chars().take(width.saturating_sub(3)));
                super::safe::line(Line::styled(shown, theme.detail))
            }
            Row::Entry(index) => {
                let index = index as usize;
                let entry = app.panel().entry(index, app.annotations());
                let mark = if entry.is_some_and(|e| e.paragraphs().contains(&reading)) {
                    "▸"
                } else {
                    " "
                };
                let span = entry.map(|e| e.span_label()).unwrap_or_default();
                let label_width = width.saturating_sub(span.chars().count() + 3);
                // The reader's own and corrected entries say so.
                let users = app.is_users_entry(index);
                let label = if users {
                    format!("✎ {}", app.entry_label(index))
                } else {
                    app.entry_label(index)
                };
                let mut label = fit(label, label_width);
                label.push(' ');
                let style = match (index == app.selected(), focused) {
                    (true, true) => theme.selected,
                    (true, false) => theme.selected_unfocused,
                    _ if users => theme.users_entry,
                    _ => theme.entry,
                };
                super::safe::line(Line::from(vec![
                    Span::styled(mark, theme.current_mark),
                    Span::styled(label, style),
                    Span::styled(span, theme.span),
                ]))
            }
        })
        .collect();
    frame.render_widget(super::lines::Lines(lines), list);
}

/// The label cut to `width` characters, with an ellipsis when cut; in
/// place, looking no further than the cut (a bookmark's quote can be long).
fn fit(mut label: String, width: usize) -> String {
    if label.char_indices().nth(width).is_none() {
        return label;
    }
    let cut = label
        .char_indices()
        .nth(width.saturating_sub(1))
        .map_or(label.len(), |(i, _)| i);
    label.truncate(cut);
    label.truncate(label.trim_end().len());
    label.push('…');
    label
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_with_an_ellipsis_as_before() {
        let before = |label: &str, width: usize| -> String {
            if label.chars().count() <= width {
                return label.to_owned();
            }
            let kept: String = label.chars().take(width.saturating_sub(1)).collect();
            format!("{}…", kept.trim_end())
        };
        for label in [
            "",
            "Alipay",
            "platform role — Alipay",
            "a  b  c",
            "阿里巴巴 集团 ok",
        ] {
            for width in 0..25 {
                assert_eq!(
                    fit(label.to_owned(), width),
                    before(label, width),
                    "{label:?} {width}"
                );
            }
        }
    }
}
