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

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::out::{BULLETS, CODE, Out, QUOTE};

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

/// Writes the kept pieces.
struct Render {
    /// Elements that hold the article, when one was found.
    chosen: Option<Vec<bool>>,
    /// Keep every piece: a page that is all furniture still shows its text.
    all: bool,
    title: Option<String>,
    title_pending: bool,
    previous: Option<Kind>,
    rows: Vec<Vec<String>>,
    out: Out,
}

impl Render {
    /// Keeps every piece, furniture too, and writes no title.
    fn everything() -> Self {
        Render {
            chosen: None,
            all: true,
            title: None,
            title_pending: false,
            previous: None,
            rows: Vec::new(),
            out: Out::default(),
        }
    }

    /// Scores what was read so far (the whole page when `complete`) and
    /// writes the title.
    fn choose(page: &mut Page, complete: bool) -> Self {
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
        }
    }

    fn write(&mut self, piece: &Piece) {
        let out = &mut self.out;
        if piece.kind != Kind::Row && !self.rows.is_empty() {
            out.table("", &std::mem::take(&mut self.rows), false);
        }
        let quote = QUOTE.repeat(piece.quotes);
        match piece.kind {
            Kind::Heading(_) => {
                let text = piece.lines.join(" ");
                if self.title_pending && self.title.as_deref() == Some(text.as_str()) {
                    self.title_pending = false;
                    return;
                }
                out.end_paragraph("");
                out.push(&text);
                out.end_heading();
            }
            Kind::Row => self.rows.push(piece.lines.clone()),
            Kind::Code => {
                out.end_paragraph("");
                for line in &piece.lines {
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
                for (n, line) in piece.lines.iter().enumerate() {
                    out.push(line);
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
                for (n, line) in piece.lines.iter().enumerate() {
                    out.push(line);
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

    fn finish(&mut self) {
        if !self.rows.is_empty() {
            self.out.table("", &std::mem::take(&mut self.rows), false);
        }
        self.out.end_paragraph("");
    }
}

/// The charset a page declares in its first 1024 bytes (`<meta charset>` or
/// `http-equiv` content), when it is one encoding_rs knows.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"charset") {
        let rest = &lower[from + at + b"charset".len()..];
        from += at + 1;
        let rest = trim_start(rest);
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = trim_start(rest);
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') || b.is_ascii_whitespace())
            .unwrap_or(rest.len());
        if let Some(encoding) = encoding_rs::Encoding::for_label(&rest[..end]) {
            // A page read as bytes that declares UTF-16 is not UTF-16 (the
            // HTML standard's rule): it would have had a BOM.
            if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                return Some(encoding_rs::UTF_8);
            }
            return Some(encoding);
        }
    }
    None
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[n..]
}

#[derive(Default)]
struct Sink {
    page: RefCell<Page>,
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
struct Element {
    name: String,
    parent: Option<usize>,
    block: bool,
    /// Boilerplate, or inside it.
    dropped: bool,
    /// Readability's weight of its tag, class and id.
    weight: f32,
    score: f32,
    chars: usize,
    link_chars: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
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

struct Piece {
    kind: Kind,
    quotes: usize,
    /// Innermost block element around it.
    container: usize,
    /// Lines (a `<br>` breaks one), or cells for a row.
    lines: Vec<String>,
    marker: String,
    dropped: bool,
    chars: usize,
    link_chars: usize,
    commas: usize,
}

#[derive(Default)]
struct Page {
    elements: Vec<Element>,
    open: Vec<usize>,
    pieces: Vec<Piece>,
    /// Text of the piece being gathered.
    line: String,
    lines: Vec<String>,
    link_chars: usize,
    /// Elements whose text is never read (script, style, head matter).
    hidden: usize,
    title: Option<String>,
    in_title: bool,
    /// Counters of the open lists (None: bullets).
    lists: Vec<Option<u64>>,
    /// The next item's marker, until its first piece takes it.
    marker: Option<String>,
    row: Option<Vec<String>>,
    cell: Option<String>,
}

/// Elements whose content is never text to read.
const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "math", "select", "option",
    "textarea", "button", "iframe", "object", "canvas", "video", "audio", "map",
];
/// Page furniture, dropped with all it holds.
const FURNITURE: &[&str] = &["nav", "aside", "footer", "form", "menu", "dialog"];
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
/// Class or id words of what is not the article (readability's list, shortened).
const UNLIKELY: &[&str] = &[
    "advert",
    "banner",
    "breadcrumb",
    "combx",
    "comment",
    "community",
    "cookie",
    "disqus",
    "footer",
    "gdpr",
    "header",
    "masthead",
    "menu",
    "modal",
    "newsletter",
    "nav",
    "pager",
    "pagination",
    "popup",
    "promo",
    "related",
    "remark",
    "replies",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "subscribe",
    "widget",
];
/// Words that keep an element whose class also reads unlikely.
const MAYBE: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "post", "story",
];
const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog",
    "story",
];
const NEGATIVE: &[&str] = &[
    "hidden", "comment", "com-", "contact", "foot", "footer", "footnote", "masthead", "media",
    "meta", "outbrain", "promo", "related", "scroll", "shoutbox", "sidebar", "sponsor", "shopping",
    "tags", "tool", "widget",
];
/// A paragraph shorter than this does not score.
const MIN_SCORED_CHARS: usize = 25;

/// Whether a class and id read like furniture. "ad" is a word of its own
/// ("ad", "ads", "ad-slot", "top-ad"): as a substring it is in "head" and "load".
fn is_unlikely(class: &str) -> bool {
    let ad = class
        .split(|c: char| c.is_whitespace() || c == '_')
        .any(|word| {
            word == "ad" || word == "ads" || word.starts_with("ad-") || word.ends_with("-ad")
        });
    ad || UNLIKELY.iter().any(|w| class.contains(w))
}

fn attribute<'a>(tag: &'a Tag, name: &str) -> Option<&'a str> {
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
        let role = attribute(tag, "role").unwrap_or("");
        let hidden_attr = tag.attrs.iter().any(|a| &*a.name.local == "hidden")
            || attribute(tag, "aria-hidden") == Some("true")
            || attribute(tag, "style").is_some_and(|s| {
                let s = s.replace(' ', "").to_ascii_lowercase();
                s.contains("display:none") || s.contains("visibility:hidden")
            });
        let furniture = FURNITURE.contains(&name)
            // A header inside the article holds its title and byline.
            || (name == "header" && !inside_article)
            || matches!(role, "navigation" | "banner" | "contentinfo" | "complementary" | "menu")
            || hidden_attr
            || (name != "body"
                && name != "html"
                && is_unlikely(&class)
                && !MAYBE.iter().any(|w| class.contains(w)));
        let hidden = HIDDEN.contains(&name);
        let mut weight = match name {
            "div" => 5.0,
            "article" => 10.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        if POSITIVE.iter().any(|w| class.contains(w)) {
            weight += 25.0;
        }
        if NEGATIVE.iter().any(|w| class.contains(w)) {
            weight -= 25.0;
        }
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

    /// Scores the elements; returns those that hold the article.
    fn article(&mut self) -> Option<Vec<bool>> {
        for piece in self.pieces.iter().filter(|p| !p.dropped) {
            let mut at = Some(piece.container);
            let mut level = 0;
            let scored = piece.chars >= MIN_SCORED_CHARS
                && matches!(piece.kind, Kind::Paragraph | Kind::Item { .. } | Kind::Code);
            let points = 1.0 + piece.commas as f32 + (piece.chars as f32 / 100.0).min(3.0);
            while let Some(e) = at.filter(|&e| e < self.elements.len()) {
                let element = &mut self.elements[e];
                element.chars += piece.chars;
                element.link_chars += piece.link_chars;
                if scored && level < 3 {
                    if element.score == 0.0 {
                        element.score = element.weight;
                    }
                    element.score += points / [1.0, 2.0, 6.0][level];
                }
                level += 1;
                at = element.parent;
            }
        }
        let final_score = |e: &Element| {
            let density = if e.chars == 0 {
                0.0
            } else {
                e.link_chars as f32 / e.chars as f32
            };
            e.score * (1.0 - density)
        };
        let (top, best) = self
            .elements
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.dropped && e.score != 0.0)
            .map(|(i, e)| (i, final_score(e)))
            .max_by(|a, b| a.1.total_cmp(&b.1))?;
        if best <= 0.0 {
            return None;
        }
        let parent = self.elements[top].parent;
        let threshold = (best * 0.2).max(10.0);
        let chosen: Vec<bool> = self
            .elements
            .iter()
            .enumerate()
            .map(|(i, e)| {
                i == top
                    || (parent.is_some()
                        && e.parent == parent
                        && !e.dropped
                        && final_score(e) >= threshold)
            })
            .collect();
        Some(chosen)
    }

    /// Whether `element` is chosen or inside a chosen one (elements that
    /// came after the choice are inside one or not).
    fn within(&self, chosen: &[bool], element: usize) -> bool {
        let mut at = Some(element);
        while let Some(e) = at.filter(|&e| e < self.elements.len()) {
            if chosen.get(e) == Some(&true) {
                return true;
            }
            at = self.elements[e].parent;
        }
        false
    }

    /// Which pieces to keep: those in the article once it is chosen (or
    /// all that are not furniture when the page has none).
    fn keeps(&self, chosen: Option<&[bool]>, piece: &Piece) -> bool {
        match chosen {
            Some(chosen) => !piece.dropped && self.within(chosen, piece.container),
            None => !piece.dropped,
        }
    }

    /// The article's title: an `<h1>` that the `<title>` names, else the
    /// `<title>` without the site's name, else the first `<h1>`.
    fn title_text(&self, keep: &[bool]) -> Option<String> {
        let h1s: Vec<(String, bool)> = self
            .pieces
            .iter()
            .zip(keep)
            .filter(|(p, _)| p.kind == Kind::Heading(1))
            .map(|(p, k)| (p.lines.join(" "), *k))
            .collect();
        let title = self.title.as_deref().map(|t| {
            let mut one = Out::default();
            one.push(t);
            one.finish()
        });
        if let Some(title) = title.as_deref().filter(|t| !t.is_empty()) {
            if let Some((h1, _)) = h1s
                .iter()
                .find(|(h, _)| !h.is_empty() && title.contains(h.as_str()))
            {
                return Some(h1.clone());
            }
            return Some(without_site_name(title).to_owned());
        }
        h1s.iter()
            .find(|(_, kept)| *kept)
            .or(h1s.first())
            .map(|(h, _)| h.clone())
    }
}

/// "How X works | Site" is "How X works": the first part between
/// separators when it reads as a title (three words or more), else the longest.
fn without_site_name(title: &str) -> &str {
    let mut parts = vec![title];
    for separator in [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / "] {
        parts = parts.iter().flat_map(|p| p.split(separator)).collect();
    }
    let parts: Vec<&str> = parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    match parts.first() {
        Some(first) if first.split_whitespace().nth(2).is_some() => first,
        _ => parts
            .into_iter()
            .max_by_key(|p| p.chars().count())
            .unwrap_or(title),
    }
}
