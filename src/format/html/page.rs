//! The page read token by token into a flat list of pieces of text, each
//! with the element that holds it.

use std::cell::RefCell;

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Tag, TagKind, Token, TokenSink, TokenSinkResult};

use super::score;
use crate::format::out::{self, BULLETS};
use crate::format::style::{Inline, is_mark};

/// Stands in a line where a link's number goes once the piece is kept
/// (numbers count the links of the article only): a noncharacter past the
/// style marks, which a source cannot write either.
pub(super) const LINK: char = '\u{FDD6}';

/// The style an inline element sets its text in.
fn inline_style(name: &str) -> Option<Inline> {
    match name {
        "em" | "i" => Some(Inline::Emphasis),
        "strong" | "b" => Some(Inline::Strong),
        "code" | "kbd" | "samp" | "tt" => Some(Inline::Code),
        _ => None,
    }
}

/// Where a link leads, as written, when a reader can go there: none for a
/// jump inside the page, a script or inline data.
pub(super) fn address(href: &str) -> Option<String> {
    // As browsers read an address: no tabs or line breaks, no spaces around.
    let href: String = href
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let href = href.trim_matches(|c: char| c <= ' ');
    let lower = href.get(..11).unwrap_or(href).to_ascii_lowercase();
    let refused = href.is_empty()
        || href.starts_with('#')
        || lower.starts_with("javascript:")
        || lower.starts_with("data:");
    (!refused).then(|| href.to_owned())
}

/// Marks are the converter's to write: a source's are U+FFFD, as NUL is.
fn not_marked(c: char) -> char {
    if c == '\0' || is_mark(c) || c == LINK {
        '\u{FFFD}'
    } else {
        c
    }
}

/// Whether a line holds no text (style marks are not text).
pub(super) fn is_blank(line: &str) -> bool {
    line.chars().all(|c| c.is_whitespace() || is_mark(c))
}

/// Characters of text in a line, marks aside.
fn text_chars(line: &str) -> usize {
    line.chars().filter(|&c| !is_mark(c) && c != LINK).count()
}

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
    /// The addresses of the links marked [`LINK`] in its lines, in order.
    pub(super) links: Vec<String>,
}

impl Piece {
    /// Its text as a heading: one line, no marks, no link numbers.
    pub(super) fn heading_text(&self) -> String {
        self.lines
            .join(" ")
            .replace(|c| is_mark(c) || c == LINK, "")
    }
}

/// A link being read: its element, its address, its text so far.
struct OpenLink {
    element: usize,
    address: Option<String>,
    text: String,
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
    /// How many elements of each style (by [`Inline`]) are open.
    styles: [usize; 3],
    /// Which styles have their open mark in the line being gathered.
    written: [bool; 3],
    open_links: Vec<OpenLink>,
    /// The addresses of the links marked in the piece being gathered.
    links: Vec<String>,
    /// The addresses of the links marked in the row's cells.
    row_links: Vec<String>,
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
        if let Some(style) = inline_style(name) {
            self.styles[style as usize] += 1;
        }
        if name == "a" {
            self.open_links.push(OpenLink {
                element: self.elements.len() - 1,
                address: attribute(tag, "href").and_then(address),
                text: String::new(),
            });
        }
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
            "tr" => {
                self.row = Some(Vec::new());
                self.row_links.clear();
            }
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
                "a" => self.end_link(e),
                _ => {}
            }
            if let Some(style) = inline_style(&closed) {
                let open = &mut self.styles[style as usize];
                *open = open.saturating_sub(1);
                if *open == 0 {
                    self.close_style(style);
                }
            }
        }
    }

    fn end_row(&mut self, element: usize) {
        let Some(cells) = self.row.take() else {
            return;
        };
        let links = std::mem::take(&mut self.row_links);
        if cells.iter().all(|c| c.is_empty()) {
            return;
        }
        let chars = cells.iter().map(|c| text_chars(c)).sum();
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
            links,
        });
    }

    /// Ends a link: its number's place follows its text, unless the text
    /// is the address already (or there is none to number).
    fn end_link(&mut self, element: usize) {
        let Some(at) = self.open_links.iter().rposition(|l| l.element == element) else {
            return;
        };
        let link = self.open_links.remove(at);
        let text = link.text.trim();
        let Some(address) = link.address.filter(|a| !a.ends_with(text)) else {
            return;
        };
        if self.hidden > 0 || self.inside(&["pre"]) {
            return;
        }
        self.close_style_marks();
        match &mut self.cell {
            Some(cell) => {
                cell.push(LINK);
                self.row_links.push(address);
            }
            None => {
                self.line.push(LINK);
                self.links.push(address);
            }
        }
    }

    /// Writes the open mark of each style open but not yet in the line.
    fn open_styles(&mut self) {
        for style in Inline::ALL {
            let i = style as usize;
            if self.styles[i] > 0 && !self.written[i] {
                self.line.push(style.open());
                self.written[i] = true;
            }
        }
    }

    /// Ends `style`'s run in the line, if one is written.
    fn close_style(&mut self, style: Inline) {
        if std::mem::take(&mut self.written[style as usize]) {
            out::close(&mut self.line, style);
        }
    }

    /// Ends every style's run in the line (the line ends, or a link's
    /// number follows, set in no style): the next text opens them again.
    fn close_style_marks(&mut self) {
        for style in Inline::ALL {
            self.close_style(style);
        }
    }

    fn text(&mut self, text: &str) {
        if self.in_title {
            let title = self.title.get_or_insert_with(String::new);
            title.extend(text.chars().map(not_marked));
            return;
        }
        if self.hidden > 0 {
            return;
        }
        let in_pre = self.inside(&["pre"]);
        if let Some(link) = self.open_links.last_mut() {
            link.text.push_str(text);
        }
        // Code keeps its text as it is, and a table cell is aligned by
        // width: no styles. A style opens at its first letter, so that a
        // space before it stays outside it.
        let mut added = 0;
        let mut rest = text;
        if !in_pre && self.cell.is_none() && self.styles.iter().any(|&n| n > 0) {
            let letter = text
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(text.len());
            added += self.push_text(&text[..letter], false);
            if letter < text.len() {
                self.open_styles();
            }
            rest = &text[letter..];
        }
        added += self.push_text(rest, in_pre);
        if self.inside(&["a"]) {
            self.link_chars += added;
        }
    }

    /// Adds text to the cell or the line; returns how many characters.
    fn push_text(&mut self, text: &str, in_pre: bool) -> usize {
        let target = match &mut self.cell {
            Some(cell) => cell,
            None => &mut self.line,
        };
        let mut added = 0;
        for c in text.chars() {
            let c = not_marked(c);
            if in_pre || !c.is_whitespace() {
                target.push(c);
                added += 1;
            } else if !target.is_empty() && !target.ends_with(' ') {
                target.push(' ');
                added += 1;
            }
        }
        added
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
        if is_blank(&self.line) && !self.lines.is_empty() && !self.inside(&["pre"]) {
            self.flush();
            return;
        }
        self.close_style_marks();
        let line = std::mem::take(&mut self.line);
        self.lines.push(line);
    }

    /// Ends the piece being gathered, if it holds text.
    fn flush(&mut self) {
        self.close_style_marks();
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
                .filter(|l| !is_blank(l))
                .collect()
        };
        if lines.iter().all(|l| is_blank(l)) {
            // No line holds their places.
            self.links.clear();
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
        let chars = lines.iter().map(|l| text_chars(l)).sum();
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
            links: std::mem::take(&mut self.links),
        });
    }
}
