//! HTML to reading text: the article, not the page.
//!
//! html5ever's tokenizer (entities, raw text of scripts and styles, broken
//! markup handled as browsers do) feeds a flat list of text pieces, each
//! with the element that holds it. Boilerplate (scripts, styles, navigation,
//! header, footer, asides, forms, blocks whose class or id reads like an ad,
//! a menu or comments) is dropped; then, as readability does, each
//! paragraph scores the elements around it (length, commas, class names,
//! less the share of link text), and the pieces under the best element and
//! its good siblings are the article. A page with no such element shows all
//! its text. A tokenizer rather than a tree: the flat list is all scoring
//! needs, and it keeps a 50 MB page fast.

mod charset;
mod page;
mod render;
mod score;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};

pub use charset::declared_charset;
use page::Sink;
use render::Render;

/// Source read before the article is chosen: most articles have begun,
/// and a 50 MB page still shows its first screen at once.
const FIRST_PIECE: usize = 1 << 20;
/// Source read by each later call.
const PIECE: usize = 1 << 20;

/// An HTML source converted piece by piece. The article is chosen from
/// the first megabyte (from all of a smaller page); what comes later is
/// kept when it lies inside the element chosen.
pub struct Stream {
    source: String,
    at: usize,
    tokenizer: Tokenizer<Sink>,
    render: Option<Render>,
    done: bool,
    /// A fragment (HTML inside Markdown): all its text, no title, no choice.
    fragment: bool,
}

impl Stream {
    pub fn new(source: String) -> Self {
        Self {
            source,
            at: 0,
            tokenizer: Tokenizer::new(Sink::default(), TokenizerOpts::default()),
            render: None,
            done: false,
            fragment: false,
        }
    }

    /// The text of a fragment of HTML, whole: scripts and styles aside,
    /// nothing is dropped or chosen.
    pub fn fragment_text(source: &str) -> String {
        let mut stream = Self {
            fragment: true,
            ..Self::new(source.to_owned())
        };
        let mut text = String::new();
        while let Some((piece, _)) = stream.next_piece() {
            text.push_str(&piece);
        }
        text
    }

    /// The reading text of the next piece and its headings; None at the end.
    pub fn next_piece(&mut self) -> Option<(String, Vec<String>)> {
        if self.done {
            return None;
        }
        let step = if self.render.is_none() {
            FIRST_PIECE
        } else {
            PIECE
        };
        let mut end = self.source.len().min(self.at + step);
        while !self.source.is_char_boundary(end) {
            end += 1;
        }
        let input = BufferQueue::default();
        input.push_back(StrTendril::from_slice(&self.source[self.at..end]));
        let _ = self.tokenizer.feed(&input);
        self.at = end;
        if end >= self.source.len() {
            self.tokenizer.end();
            self.done = true;
        }
        let mut page = self.tokenizer.sink.page.borrow_mut();
        let render = self.render.get_or_insert_with(|| match self.fragment {
            true => Render::everything(),
            false => Render::choose(&mut page, self.done),
        });
        let pieces = std::mem::take(&mut page.pieces);
        for piece in &pieces {
            if render.all || page.keeps(render.chosen.as_deref(), piece) {
                render.write(piece);
            }
        }
        if self.done {
            render.finish();
        }
        Some(render.out.take())
    }
}

#[cfg(test)]
mod tests;
