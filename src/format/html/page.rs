//! The page read token by token into a flat list of pieces of text, each
//! with the element that holds it.

use std::cell::RefCell;

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Tag, TagKind, Token, TokenSink, TokenSinkResult};

use super::score;
use crate::format::out::BULLETS;

#[derive(Default)]
pub(super) struct Sink {
    pub(super) page: RefCell<Page>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut page = self.page.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => return page.start(&tag),
                TagKind::EndTag => page.end(&tag.name),
            },
            Token::CharacterTokens(text) => page.text(&text),
            Token::EOFToken => page.flush(),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// An open or closed element that may hold pieces.
pub(super) struct Element {
    pub(super) name: String,
    pub(super) parent: Option<usize>,
    pub(super) block: bool,
    /// Boilerplate, or inside it.
    pub(super) dropped: bool,
    /// Readability's weight of its tag, class and id.
    pub(super) weight: f32,
    pub(super) score: f32,
    pub(super) chars: usize,
    pub(super) link_chars: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    Paragraph,
    Heading(u8),
    /// Depth in lists (1 for a top-level item) and whether it starts the item.
    Item {
        depth: usize,
        first: bool,
    },
    Code,
    Row,
}

pub(super) struct Piece {
    pub(super) kind: Kind,
    pub(super) quotes: usize,
    /// Innermost block element around it.
    pub(super) container: usize,
    /// Lines (a `<br>` breaks one), or cells for a row.
    pub(super) lines: Vec<String>,
    pub(super) marker: String,
    pub(super) dropped: bool,
    pub(super) chars: usize,
    pub(super) link_chars: usize,
    pub(super) commas: usize,
}

#[derive(Default)]
pub(super) struct Page {
    pub(super) elements: Vec<Element>,
    pub(super) open: Vec<usize>,
    pub(super) pieces: Vec<Piece>,
    /// Text of the piece being gathered.
    pub(super) line: String,
    pub(super) lines: Vec<String>,
    pub(super) link_chars: usize,
    /// Elements whose text is never read (script, style, head matter).
    pub(super) hidden: usize,
    pub(super) title: Option<String>,
    pub(super) in_title: bool,
    /// Counters of the open lists (None: bullets).
    pub(super) lists: Vec<Option<u64>>,
    /// The next item's marker, until its first piece takes it.
    pub(super) marker: Option<String>,
    pub(super) row: Option<Vec<String>>,
    pub(super) cell: Option<String>,
}

/// Elements whose content is never text to read.
pub(super) const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "math", "select", "option",
    "textarea", "button", "iframe", "object", "canvas", "video", "audio", "map",
];
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "frame", "keygen",
];
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

pub(super) fn attribute<'a>(tag: &'a Tag, name: &str) -> Option<&'a str> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

impl Page {
    fn start(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        let raw = match name {
            "title" | "textarea" => Some(TokenSinkResult::RawData(RawKind::Rcdata)),
            "script" => Some(TokenSinkResult::RawData(RawKind::ScriptData)),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                Some(TokenSinkResult::RawData(RawKind::Rawtext))
            }
            "plaintext" => Some(TokenSinkResult::Plaintext),
            _ => None,
        };
        if name == "title" {
            self.in_title = true;
            return raw.unwrap_or(TokenSinkResult::Continue);
        }
        if name == "br" {
            self.break_line();
            return TokenSinkResult::Continue;
        }
        let block = BLOCKS.contains(&name);
        // A page that never closes its head starts its body all the same.
        if (name == "body" || block) && self.inside(&["head"]) {
            self.end("head");
        }
        if block {
            self.flush();
            self.close_implied(name);
        }
        if VOID.contains(&name) || (tag.self_closing && raw.is_none() && !block) {
            if name == "hr" {
                self.flush();
            }
            return TokenSinkResult::Continue;
        }
        let parent = self.open.last().copied();
        let parent_dropped = parent.is_some_and(|p| self.elements[p].dropped);
        let inside_article = self
            .open
            .iter()
            .any(|&e| matches!(self.elements[e].name.as_str(), "article" | "main"));
        let class = format!(
            "{} {}",
            attribute(tag, "class").unwrap_or(""),
            attribute(tag, "id").unwrap_or("")
        )
        .to_ascii_lowercase();
        let furniture = score::is_furniture(tag, &class, inside_article);
        let hidden = HIDDEN.contains(&name);
        let weight = score::weight(name, &class);
        self.elements.push(Element {
            name: name.to_owned(),
            parent,
            block,
            dropped: parent_dropped || furniture,
            weight,
            score: 0.0,
            chars: 0,
            link_chars: 0,
        });
        self.open.push(self.elements.len() - 1);
        if hidden {
            self.hidden += 1;
        }
        match name {
            "ul" | "dir" | "menu" => self.lists.push(None),
            "ol" => {
                let start = attribute(tag, "start").and_then(|s| s.trim().parse().ok());
                self.lists.push(Some(start.unwrap_or(1)));
            }
            "li" => {
                let depth = self.lists.len().max(1) - 1;
                self.marker = Some(match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let marker = format!("{n}. ");
                        *n += 1;
                        marker
                    }
                    _ => BULLETS[depth % BULLETS.len()].to_owned(),
                });
            }
            "tr" => self.row = Some(Vec::new()),
            "td" | "th" => self.cell = Some(String::new()),
            _ => {}
        }
        raw.unwrap_or(TokenSinkResult::Continue)
    }

    /// Closes what a new block closes without saying: a paragraph, or the
    /// previous item of the same list.
    fn close_implied(&mut self, name: &str) {
        if self
            .open
            .last()
            .is_some_and(|&e| self.elements[e].name == "p")
        {
            self.end("p");
        }
        let sibling_of = |open: &str| match name {
            "li" => open == "li",
            "dt" | "dd" => open == "dt" || open == "dd",
            "tr" => open == "tr" || open == "td" || open == "th",
            "td" | "th" => open == "td" || open == "th",
            _ => false,
        };
        let scope = |open: &str| matches!(open, "ul" | "ol" | "dl" | "table" | "tbody" | "thead");
        for &e in self.open.iter().rev() {
            let open = self.elements[e].name.as_str();
            if sibling_of(open) {
                let open = open.to_owned();
                self.end(&open);
                return;
            }
            if scope(open) {
                return;
            }
        }
    }

    fn end(&mut self, name: &str) {
        if name == "title" {
            self.in_title = false;
            return;
        }
        if name == "br" {
            self.break_line();
            return;
        }
        let Some(at) = self
            .open
            .iter()
            .rposition(|&e| self.elements[e].name == name)
        else {
            return;
        };
        if self.open[at..].iter().any(|&e| self.elements[e].block) {
            self.flush();
        }
        for e in self.open.split_off(at).into_iter().rev() {
            let closed = self.elements[e].name.clone();
            if HIDDEN.contains(&closed.as_str()) {
                self.hidden = self.hidden.saturating_sub(1);
            }
            match closed.as_str() {
                "ul" | "ol" | "dir" | "menu" => {
                    self.lists.pop();
                }
                "td" | "th" => {
                    if let (Some(cell), Some(row)) = (self.cell.take(), self.row.as_mut()) {
                        row.push(cell.trim().to_owned());
                    }
                }
                "tr" => self.end_row(e),
                _ => {}
            }
        }
    }

    fn end_row(&mut self, element: usize) {
        let Some(cells) = self.row.take() else {
            return;
        };
        if cells.iter().all(|c| c.is_empty()) {
            return;
        }
        let chars = cells.iter().map(|c| c.chars().count()).sum();
        self.pieces.push(Piece {
            kind: Kind::Row,
            quotes: 0,
            container: self.elements[element].parent.unwrap_or(element),
            lines: cells,
            marker: String::new(),
            dropped: self.elements[element].dropped,
            chars,
            link_chars: 0,
            commas: 0,
        });
    }

    fn text(&mut self, text: &str) {
        if self.in_title {
            self.title.get_or_insert_with(String::new).push_str(text);
            return;
        }
        if self.hidden > 0 {
            return;
        }
        let in_pre = self.inside(&["pre"]);
        let in_link = self.inside(&["a"]);
        let target = match &mut self.cell {
            Some(cell) => cell,
            None => &mut self.line,
        };
        let mut added = 0;
        for c in text.chars() {
            let c = if c == '\0' { '\u{FFFD}' } else { c };
            if in_pre || !c.is_whitespace() {
                target.push(c);
                added += 1;
            } else if !target.is_empty() && !target.ends_with(' ') {
                target.push(' ');
                added += 1;
            }
        }
        if in_link {
            self.link_chars += added;
        }
    }

    fn inside(&self, names: &[&str]) -> bool {
        self.open
            .iter()
            .any(|&e| names.contains(&self.elements[e].name.as_str()))
    }

    fn break_line(&mut self) {
        if let Some(cell) = &mut self.cell {
            cell.push(' ');
            return;
        }
        // Two breaks in a row part paragraphs, as on pages written without <p>.
        if self.line.trim().is_empty() && !self.lines.is_empty() && !self.inside(&["pre"]) {
            self.flush();
            return;
        }
        let line = std::mem::take(&mut self.line);
        self.lines.push(line);
    }

    /// Ends the piece being gathered, if it holds text.
    fn flush(&mut self) {
        let mut lines = std::mem::take(&mut self.lines);
        lines.push(std::mem::take(&mut self.line));
        let link_chars = std::mem::take(&mut self.link_chars);
        let in_pre = self.inside(&["pre"]);
        let lines: Vec<String> = if in_pre {
            let text = lines.join("\n");
            let text = text.trim_matches('\n');
            text.lines().map(|l| l.trim_end().to_owned()).collect()
        } else {
            lines
                .iter()
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect()
        };
        if lines.iter().all(|l| l.trim().is_empty()) {
            return;
        }
        let Some(&top) = self.open.last() else {
            // Text before any element: a page of text with a stray tag.
            self.push_piece(Kind::Paragraph, 0, lines, link_chars);
            return;
        };
        let container = self
            .open
            .iter()
            .rev()
            .copied()
            .find(|&e| self.elements[e].block)
            .unwrap_or(top);
        let heading = self.open.iter().rev().find_map(|&e| {
            let name = self.elements[e].name.as_bytes();
            match name {
                [b'h', n @ b'1'..=b'6'] => Some(n - b'0'),
                _ => None,
            }
        });
        let depth = self.lists.len();
        let kind = if in_pre {
            Kind::Code
        } else if let Some(level) = heading {
            Kind::Heading(level)
        } else if self.inside(&["li"]) {
            Kind::Item {
                depth: depth.max(1),
                first: self.marker.is_some(),
            }
        } else {
            Kind::Paragraph
        };
        self.push_piece(kind, container, lines, link_chars);
    }

    fn push_piece(&mut self, kind: Kind, container: usize, lines: Vec<String>, link_chars: usize) {
        let marker = match kind {
            Kind::Item { first: true, .. } => self.marker.take().unwrap_or_default(),
            _ => String::new(),
        };
        let quotes = self
            .open
            .iter()
            .filter(|&&e| self.elements[e].name == "blockquote")
            .count();
        let chars = lines.iter().map(|l| l.chars().count()).sum();
        let commas = lines
            .iter()
            .map(|l| l.matches([',', '，', '、']).count())
            .sum();
        let dropped = self.elements.get(container).is_some_and(|e| e.dropped)
            || self.open.last().is_some_and(|&e| self.elements[e].dropped);
        self.pieces.push(Piece {
            kind,
            quotes,
            container,
            lines,
            marker,
            dropped,
            chars,
            link_chars,
            commas,
        });
    }
}
