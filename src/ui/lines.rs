//! Lines margin has already wrapped, drawn one per row: the cells
//! `Paragraph::new(lines)` draws (tested), without what a paragraph widget
//! does first (collect every line's graphemes into a buffer and measure
//! each one again). Drawing text is most of a frame's cost and grows with
//! the text on screen; ASCII, most text, goes a byte per cell with no
//! grapheme segmentation (see `layout::graphemes`).

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

/// Lines drawn from the top of the area, each cut at its right edge.
pub struct Lines<'a>(pub Vec<Line<'a>>);

impl Widget for Lines<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        for (line, y) in self.0.iter().zip(area.top()..area.bottom()) {
            draw_line(line, area, y, buf);
        }
    }
}

/// One line at row `y`, as `Paragraph` draws it: control characters
/// dropped, zero-width graphemes skipped, a grapheme wider than the area
/// left out, the line cut before the first grapheme that does not fit.
fn draw_line(line: &Line, area: Rect, y: u16, buf: &mut Buffer) {
    let row = buf.index_of(area.x, y);
    let width = usize::from(area.width);
    let mut x = 0;
    for span in &line.spans {
        let style = line.style.patch(span.style);
        let text: &str = &span.content;
        if text.is_ascii() {
            for (i, byte) in text.bytes().enumerate() {
                if byte.is_ascii_control() {
                    continue;
                }
                if x == width {
                    return;
                }
                buf.content[row + x]
                    .set_symbol(&text[i..i + 1])
                    .set_style(style);
                x += 1;
            }
        } else {
            for grapheme in crate::layout::graphemes(text) {
                if grapheme.contains(char::is_control) {
                    continue;
                }
                let columns = usize::from(grapheme.cell_width());
                if columns > width {
                    continue;
                }
                if x + columns > width {
                    return;
                }
                if columns == 0 {
                    continue;
                }
                buf.content[row + x].set_symbol(grapheme).set_style(style);
                x += columns;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::style::{Color, Modifier, Style};
    use ratatui::text::Span;
    use ratatui::widgets::Paragraph;

    fn style(i: u8) -> Style {
        match i % 5 {
            0 => Style::new(),
            1 => Style::new().fg(Color::Red),
            2 => Style::new().bg(Color::Blue).add_modifier(Modifier::BOLD),
            3 => Style::new()
                .remove_modifier(Modifier::BOLD)
                .fg(Color::Green),
            _ => Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// Text with what can trip a renderer: control characters, CR LF,
    /// wide and zero-width characters, combining marks before and after
    /// ASCII, emoji sequences, flags (paired and odd), halfwidth sound
    /// marks, a prepended mark (U+0600), Hangul jamo.
    const TEXT: &str = concat!(
        "([a-z ]{1,8}|\u{7}|\t|\r|\n|\r\n|中文|é|e\u{301}|\u{301}|\u{200b}|\u{200d}|",
        "👩\u{200d}👩\u{200d}👧|👍🏽|❤️|1️⃣|🇫|🇫🇷|ｶﾞ|\u{ff9e}|\u{600}|ᄀ\u{1161}\u{11a8}|\u{1161}|—|¶){0,12}"
    );

    fn lines() -> impl Strategy<Value = Vec<Line<'static>>> {
        let span = (TEXT, any::<u8>()).prop_map(|(text, s)| Span::styled(text, style(s)));
        let line = (prop::collection::vec(span, 0..4), any::<u8>())
            .prop_map(|(spans, s)| Line::from(spans).style(style(s)));
        prop::collection::vec(line, 0..6)
    }

    proptest! {
        #[test]
        fn draws_what_a_paragraph_draws(
            lines in lines(),
            (x, y, width, height) in (0u16..12, 0u16..6, 0u16..30, 0u16..8),
        ) {
            let bounds = Rect::new(2, 1, 24, 6);
            let area = Rect::new(x, y, width, height);
            // A frame drawn over: both must overwrite the same cells.
            let mut expected = Buffer::filled(bounds, ratatui::buffer::Cell::new("x"));
            let mut drawn = expected.clone();
            Paragraph::new(lines.clone()).render(area, &mut expected);
            Lines(lines).render(area, &mut drawn);
            prop_assert_eq!(drawn, expected);
        }
    }
}
