//! Lines every terminal draws as wide as ratatui counts them.
//!
//! A grapheme such as an emoji ZWJ sequence is two columns to ratatui but
//! up to eight on terminals that draw its characters one by one; the
//! surplus overwrites the cells beside it (the panel's border and text) and
//! ratatui, which thinks them unchanged, never repaints them. So each such
//! grapheme is handed to ratatui as one span per character: ratatui then
//! draws every character in its own cell(s) and drops the zero-width ones
//! (joiners, modifiers' selectors), which every terminal agrees on.
//! [`crate::layout::display_width`] measures text the same way.

use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

use crate::layout::{graphemes, is_ambiguous};

/// `line` with every ambiguous grapheme split into one span per character.
pub fn line<'a>(line: Line<'a>) -> Line<'a> {
    if line.spans.iter().all(|s| is_plain(&s.content)) {
        return line;
    }
    let Line {
        spans,
        style,
        alignment,
    } = line;
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        if is_plain(&span.content) {
            out.push(span);
        } else {
            split(&span.content, span.style, &mut out);
        }
    }
    Line {
        spans: out,
        style,
        alignment,
    }
}

fn is_plain(text: &str) -> bool {
    text.is_ascii() || !graphemes(text).any(is_ambiguous)
}

fn split<'a>(text: &str, style: ratatui::style::Style, out: &mut Vec<Span<'a>>) {
    let mut run = String::new();
    for g in text.graphemes(true) {
        if is_ambiguous(g) {
            if !run.is_empty() {
                out.push(Span::styled(std::mem::take(&mut run), style));
            }
            out.extend(g.chars().map(|c| Span::styled(c.to_string(), style)));
        } else {
            run.push_str(g);
        }
    }
    if !run.is_empty() {
        out.push(Span::styled(run, style));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::{Paragraph, Widget};
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

    /// Cells a terminal that draws character by character overflows: those
    /// whose characters together are wider than ratatui counts the cell, so
    /// the surplus lands on the cells after it.
    fn overflowing(buffer: &Buffer) -> Vec<String> {
        buffer
            .content()
            .iter()
            .map(|cell| cell.symbol())
            .filter(|symbol| {
                let sent: usize = symbol.chars().map(|c| c.width().unwrap_or(0)).sum();
                sent > unicode_width::UnicodeWidthStr::width(*symbol)
            })
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn ambiguous_graphemes_are_drawn_one_character_at_a_time() {
        let text = "a👩‍👩‍👧‍👦b👍🏽c1️⃣d❤️e🇫🇷f é 中";
        let mut raw = Buffer::empty(Rect::new(0, 0, 40, 1));
        Paragraph::new(Line::from(text)).render(raw.area, &mut raw);
        assert_eq!(overflowing(&raw), vec!["👩‍👩‍👧‍👦", "👍🏽"], "the hazard");

        let mut buffer = Buffer::empty(Rect::new(0, 0, 40, 1));
        Paragraph::new(line(Line::from(text))).render(buffer.area, &mut buffer);
        assert!(overflowing(&buffer).is_empty());
        let mut drawn = String::new();
        let mut hidden = 0;
        for cell in buffer.content() {
            if hidden > 0 {
                hidden -= 1;
                continue;
            }
            drawn.push_str(cell.symbol());
            hidden = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
        }
        assert!(drawn.starts_with("a👩👩👧👦b👍🏽c1d❤e🇫🇷f é 中"), "{drawn:?}");
        // Wrapping reserves at least what was drawn.
        assert!(drawn.trim_end().width() <= crate::layout::display_width(text));
    }

    #[test]
    fn plain_lines_are_left_alone() {
        let l = Line::from(vec![Span::raw("plain "), Span::raw("中文 é")]);
        assert_eq!(line(l.clone()), l);
    }
}
