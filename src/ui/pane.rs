//! The reading pane: paragraph numbers in a gutter, the visible slice of text.

use std::ops::Range;

use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::lines::Lines;
use crate::app::App;
use crate::detect::{Highlight, HighlightKind, Highlighter, Marks, ParagraphHighlights};
use crate::document::{Document, Position};
use crate::format::style::Inline;
use crate::layout::areas::GUTTER_MARKS;
use crate::search::ParagraphMatches;
use crate::theme::Theme;
use crate::viewport::Row;

pub fn draw(frame: &mut Frame, app: &App, rows: &[Row]) {
    let areas = app.areas();
    let theme = app.theme();
    let mut gutter = Vec::with_capacity(rows.len());
    let mut text = Vec::with_capacity(rows.len());
    // A paragraph's rows follow each other: its highlights, matches and
    // escapes are looked up once, then narrowed to each row.
    let mut styled: Option<ParagraphStyles> = None;
    let mut highlighter = app.annotations().highlighter();
    for (at, row) in rows.iter().enumerate() {
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
                let styles = match &mut styled {
                    Some(styles) if styles.paragraph == paragraph => styles,
                    slot => slot.insert(ParagraphStyles::new(
                        app,
                        &mut highlighter,
                        paragraph,
                        shown(&rows[at..], paragraph),
                    )),
                };
                let digits = areas.gutter.width.saturating_sub(GUTTER_MARKS) as usize;
                let line = if first && digits > 0 {
                    let (mark, mark_style) = annotation_mark(styles.marks, theme);
                    let bookmark = if app.is_bookmarked(paragraph) {
                        "●"
                    } else {
                        " "
                    };
                    // The passage gone to, when it could not reach the top.
                    let number_style = if app.cursor_paragraph() == Some(paragraph) {
                        theme.gutter.add_modifier(Modifier::REVERSED)
                    } else {
                        theme.gutter
                    };
                    Line::from(vec![
                        Span::styled(format!("{:>digits$}", paragraph + 1), number_style),
                        Span::styled(mark, mark_style),
                        Span::styled(bookmark, theme.bookmark_mark),
                    ])
                } else {
                    Line::default()
                };
                gutter.push(line);
                let content = app.doc().paragraph(paragraph);
                text.push(super::safe::line(styled_line(
                    content,
                    range.clone(),
                    &styles.in_line(range, theme),
                    theme.text,
                )));
            }
        }
    }
    frame.render_widget(Lines(gutter), areas.gutter);
    frame.render_widget(Lines(text), areas.text);
}

/// The bytes of `paragraph` shown by the rows that start `rows` (its rows
/// follow each other).
fn shown(rows: &[Row], paragraph: usize) -> Range<usize> {
    let mut bytes = None::<Range<usize>>;
    for row in rows {
        match row {
            Row::Line {
                paragraph: p,
                range,
                ..
            } if *p == paragraph => {
                let start = bytes.as_ref().map_or(range.start, |b| b.start);
                bytes = Some(start.min(range.start)..range.end);
            }
            _ => break,
        }
    }
    bytes.unwrap_or(0..0)
}

/// What styles one paragraph's text: highlights, matches and escapes, each
/// sorted and not overlapping, so a row finds its part of each by binary
/// search (a 10 MB paragraph can hold a hundred thousand highlights: only
/// those of the rows shown are looked up).
struct ParagraphStyles<'a> {
    doc: &'a Document,
    paragraph: usize,
    marks: Marks,
    highlights: Vec<Highlight>,
    matches: ParagraphMatches,
    current: Option<Position>,
    /// The reader's own highlights, by start, with their styles (the
    /// selection being made last).
    own: Vec<(Range<usize>, Style)>,
}

impl<'a> ParagraphStyles<'a> {
    fn new(
        app: &'a App,
        highlighter: &mut Highlighter,
        paragraph: usize,
        shown: Range<usize>,
    ) -> Self {
        let (matches, current) = app.matches_in(paragraph);
        let ParagraphHighlights { marks, highlights } =
            highlighter.paragraph_highlights(paragraph, shown);
        let theme = app.theme();
        let mut own: Vec<(Range<usize>, Style)> = (app.highlights_in(paragraph).into_iter())
            .map(|(range, colour)| (range, theme.highlight(colour)))
            .collect();
        own.extend(
            (app.selecting().filter(|s| s.paragraph == paragraph))
                .map(|s| (s.range.clone(), theme.selection)),
        );
        ParagraphStyles {
            doc: app.doc(),
            paragraph,
            marks,
            highlights,
            matches,
            current,
            own,
        }
    }

    /// The styles of the ranges that overlap `line`, in the order they
    /// layer: the text's own (emphasis, strong, code) first, then
    /// annotations, the reader's highlights and selection, then search
    /// matches (a background, so an annotation's colour still shows),
    /// escapes last (an escape inside a highlighted phrase still shows as
    /// an escape). The reader's highlights are few: no narrowing needed.
    fn in_line(&self, line: &Range<usize>, theme: &Theme) -> Vec<(Range<usize>, Style)> {
        let inline = [
            (Inline::Emphasis, theme.emphasis),
            (Inline::Strong, theme.strong),
            (Inline::Code, theme.code),
        ]
        .into_iter()
        .flat_map(|(kind, style)| {
            self.doc
                .styles_in(kind, self.paragraph, line.clone())
                .into_iter()
                .map(move |r| (r, style))
        });
        let highlights = overlapping(&self.highlights, line, |h| h.range())
            .iter()
            .map(|h| (h.range(), highlight_style(h.kind, theme)));
        let matches = overlapping(&self.matches, line, |m| m.range.clone())
            .iter()
            .map(|m| {
                let style = if self.current == Some(m.start()) {
                    theme.search_current
                } else {
                    theme.search
                };
                (m.range.clone(), style)
            });
        let escapes = self
            .doc
            .escapes_in(self.paragraph, line.clone())
            .into_iter()
            .map(|r| (r, theme.escape));
        let own = (self.own.iter())
            .filter(|(r, _)| r.start < line.end && line.start < r.end)
            .cloned();
        inline
            .chain(highlights)
            .chain(own)
            .chain(matches)
            .chain(escapes)
            .collect()
    }
}

/// The items of a sorted list of non-overlapping ranges that overlap `line`.
fn overlapping<'a, T>(
    items: &'a [T],
    line: &Range<usize>,
    range: impl Fn(&T) -> Range<usize>,
) -> &'a [T] {
    let from = items.partition_point(|item| range(item).end <= line.start);
    let to = from + items[from..].partition_point(|item| range(item).start < line.end);
    &items[from..to]
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
    fn a_row_draws_the_same_with_only_the_ranges_it_overlaps() {
        let text = "alpha beta gamma delta epsilon zeta eta theta";
        let red = Style::new().fg(Color::Red);
        let ranges = [0..5, 6..10, 11..16, 16..22, 30..34, 40..45];
        let styles: Vec<(Range<usize>, Style)> = ranges.iter().map(|r| (r.clone(), red)).collect();
        for line in crate::layout::wrap(text, 7)
            .into_iter()
            .chain([3..12, 0..0, 45..45])
        {
            let narrowed: Vec<(Range<usize>, Style)> = overlapping(&ranges, &line, |r| r.clone())
                .iter()
                .map(|r| (r.clone(), red))
                .collect();
            assert!(narrowed.len() <= 3, "{line:?}: {narrowed:?}");
            assert_eq!(
                styled_line(text, line.clone(), &narrowed, Style::new()),
                styled_line(text, line.clone(), &styles, Style::new()),
                "{line:?}"
            );
        }
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
