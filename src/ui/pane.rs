//! The reading pane: paragraph numbers in a gutter, the visible slice of text.

use std::ops::Range;

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::areas::GUTTER_MARKS;
use super::theme::Theme;
use crate::app::App;
use crate::detect::{HighlightKind, Marks};
use crate::viewport::Row;

pub fn draw(frame: &mut Frame, app: &App, rows: &[Row]) {
    let areas = &app.areas;
    let theme = &app.theme;
    let mut gutter = Vec::new();
    let mut text = Vec::new();
    for row in rows {
        match row {
            Row::Gap => {
                gutter.push(Line::default());
                text.push(Line::default());
            }
            &Row::Line {
                paragraph,
                ref range,
                first,
            } => {
                let digits = areas.gutter.width.saturating_sub(GUTTER_MARKS) as usize;
                let line = if first && digits > 0 {
                    let (mark, mark_style) =
                        annotation_mark(app.annotations.marks(paragraph), theme);
                    let bookmark = if app.is_bookmarked(paragraph) {
                        "●"
                    } else {
                        " "
                    };
                    Line::from(vec![
                        Span::styled(format!("{:>digits$}", paragraph + 1), theme.gutter),
                        Span::styled(mark, mark_style),
                        Span::styled(bookmark, theme.bookmark_mark),
                    ])
                } else {
                    Line::default()
                };
                gutter.push(line);
                let content = app.doc.paragraph(paragraph);
                // Annotations first, escapes last: an escape inside a
                // highlighted phrase still shows as an escape.
                let styles: Vec<(Range<usize>, Style)> = app
                    .annotations
                    .highlights_in(paragraph)
                    .iter()
                    .map(|h| (h.range.clone(), highlight_style(h.kind, theme)))
                    .chain(search_styles(app, paragraph))
                    .chain(
                        app.doc
                            .escapes(paragraph)
                            .into_iter()
                            .map(|r| (r, theme.escape)),
                    )
                    .collect();
                text.push(super::safe::line(styled_line(
                    content,
                    range.clone(),
                    &styles,
                    theme.text,
                )));
            }
        }
    }
    frame.render_widget(Paragraph::new(gutter), areas.gutter);
    frame.render_widget(Paragraph::new(text), areas.text);
}

/// Search matches: a background, so an annotation's colour still shows.
fn search_styles(app: &App, paragraph: usize) -> Vec<(Range<usize>, Style)> {
    let (matches, current) = app.matches_in(paragraph);
    matches
        .iter()
        .map(|m| {
            let style = if current == Some(m.start()) {
                app.theme.search_current
            } else {
                app.theme.search
            };
            (m.range.clone(), style)
        })
        .collect()
}

/// One letter per paragraph for what it carries: Role before Product before Date.
fn annotation_mark(marks: Marks, theme: &Theme) -> (&'static str, Style) {
    if marks.role {
        ("R", theme.role)
    } else if marks.product {
        ("P", theme.product)
    } else if marks.date {
        ("D", theme.date)
    } else {
        (" ", Style::new())
    }
}

fn highlight_style(kind: HighlightKind, theme: &Theme) -> Style {
    match kind {
        HighlightKind::Role => theme.role,
        HighlightKind::Product => theme.product,
        HighlightKind::Date => theme.date,
    }
}

/// The slice `line` of `text` as spans, each byte styled by every range
/// covering it (later ranges patch earlier ones, so highlights layer).
pub fn styled_line<'a>(
    text: &'a str,
    line: Range<usize>,
    styles: &[(Range<usize>, Style)],
    base: Style,
) -> Line<'a> {
    let mut cuts = vec![line.start, line.end];
    for (range, _) in styles {
        for point in [range.start, range.end] {
            if point > line.start && point < line.end && text.is_char_boundary(point) {
                cuts.push(point);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let spans = cuts.windows(2).map(|w| {
        let style = styles
            .iter()
            .filter(|(r, _)| r.start <= w[0] && w[1] <= r.end)
            .fold(base, |style, (_, s)| style.patch(*s));
        Span::styled(&text[w[0]..w[1]], style)
    });
    Line::from(spans.collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};

    #[test]
    fn styles_layer_and_split_at_their_edges() {
        let red = Style::new().fg(Color::Red);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let line = styled_line(
            "hello world",
            0..11,
            &[(0..5, red), (3..8, bold)],
            Style::new(),
        );
        let parts: Vec<(&str, Style)> = line
            .spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style))
            .collect();
        assert_eq!(
            parts,
            vec![
                ("hel", red),
                ("lo", red.patch(bold)),
                (" wo", bold),
                ("rld", Style::new())
            ]
        );
    }

    #[test]
    fn ranges_outside_the_line_are_ignored() {
        let line = styled_line(
            "abcdef",
            2..4,
            &[(0..1, Style::new().fg(Color::Red))],
            Style::new(),
        );
        assert_eq!(line.spans.len(), 1);
        assert_eq!(line.spans[0].content, "cd");
    }
}
