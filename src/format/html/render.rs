//! Writes the pieces kept as reading text.

use super::page::{Kind, LINK, Page, Piece};
use crate::format::out::{CODE, Out, QUOTE};

/// Writes the kept pieces.
pub(super) struct Render {
    /// Elements that hold the article, when one was found.
    pub(super) chosen: Option<Vec<bool>>,
    /// Keep every piece: a page that is all furniture still shows its text.
    pub(super) all: bool,
    pub(super) title: Option<String>,
    pub(super) title_pending: bool,
    pub(super) previous: Option<Kind>,
    pub(super) rows: Vec<Vec<String>>,
    pub(super) out: Out,
    /// The addresses of the links numbered so far; None: links are not
    /// numbered (a fragment, whose host numbers its own).
    links: Option<Vec<String>>,
}

impl Render {
    /// Keeps every piece, furniture too, and writes no title.
    pub(super) fn everything() -> Self {
        Render {
            chosen: None,
            all: true,
            title: None,
            title_pending: false,
            previous: None,
            rows: Vec::new(),
            out: Out::default(),
            links: None,
        }
    }

    /// Scores what was read so far (the whole page when `complete`) and
    /// writes the title.
    pub(super) fn choose(page: &mut Page, complete: bool) -> Self {
        let chosen = page.article();
        let keep: Vec<bool> = page
            .pieces
            .iter()
            .map(|p| page.keeps(chosen.as_deref(), p))
            .collect();
        let all = complete && !keep.iter().any(|&k| k);
        let keep = if all { vec![true; keep.len()] } else { keep };
        let title = page.title_text(&keep);
        let mut out = Out::default();
        if let Some(title) = &title {
            out.push(title);
            out.end_heading();
        }
        Render {
            chosen,
            all,
            title_pending: title.is_some(),
            title,
            previous: None,
            rows: Vec::new(),
            out,
            links: Some(Vec::new()),
        }
    }

    /// `line` with each link's place given its number, `[1]`, and its
    /// address listed; the piece's `addresses` are taken in order.
    fn number_links<'a>(
        &mut self,
        line: &str,
        addresses: &mut impl Iterator<Item = &'a String>,
    ) -> String {
        if !line.contains(LINK) {
            return line.to_owned();
        }
        let mut numbered = String::with_capacity(line.len() + 8);
        for c in line.chars() {
            if c != LINK {
                numbered.push(c);
            } else if let (Some(links), Some(address)) = (&mut self.links, addresses.next()) {
                links.push(address.clone());
                numbered.push_str(&format!("[{}]", links.len()));
            }
        }
        numbered
    }

    pub(super) fn write(&mut self, piece: &Piece) {
        let mut addresses = piece.links.iter();
        let lines: Vec<String> = match piece.kind {
            // A heading's link is most often to itself: no number.
            Kind::Heading(_) | Kind::Code => piece.lines.clone(),
            _ => piece
                .lines
                .iter()
                .map(|line| self.number_links(line, &mut addresses))
                .collect(),
        };
        let out = &mut self.out;
        if piece.kind != Kind::Row && !self.rows.is_empty() {
            out.table("", &std::mem::take(&mut self.rows), false);
        }
        let quote = QUOTE.repeat(piece.quotes);
        match piece.kind {
            Kind::Heading(_) => {
                let text = piece.heading_text();
                if self.title_pending && self.title.as_deref() == Some(text.as_str()) {
                    self.title_pending = false;
                    return;
                }
                out.end_paragraph("");
                out.push(&text);
                out.end_heading();
            }
            Kind::Row => self.rows.push(lines),
            Kind::Code => {
                out.end_paragraph("");
                for line in &lines {
                    out.push_raw(line);
                    out.end_line(&format!("{quote}{CODE}"), true);
                }
                out.end_paragraph("");
            }
            Kind::Item { depth, first } => {
                if !matches!(self.previous, Some(Kind::Item { .. })) {
                    out.end_paragraph("");
                }
                let indent = "  ".repeat(depth - 1);
                for (n, line) in lines.iter().enumerate() {
                    out.push_marked(line);
                    let prefix = if n == 0 && first {
                        format!("{quote}{indent}{}", piece.marker)
                    } else {
                        format!("{quote}{indent}    ")
                    };
                    out.end_line(&prefix, false);
                }
            }
            Kind::Paragraph => {
                out.end_paragraph("");
                for (n, line) in lines.iter().enumerate() {
                    out.push_marked(line);
                    let prefix = if n == 0 {
                        quote.clone()
                    } else {
                        format!("{quote}  ")
                    };
                    out.end_line(&prefix, false);
                }
                out.end_paragraph("");
            }
        }
        self.previous = Some(piece.kind);
    }

    pub(super) fn finish(&mut self) {
        if !self.rows.is_empty() {
            self.out.table("", &std::mem::take(&mut self.rows), false);
        }
        self.out.end_paragraph("");
        if let Some(links) = &self.links {
            self.out.links(links);
        }
    }
}
