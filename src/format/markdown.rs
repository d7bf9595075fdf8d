//! Markdown to reading text, with pulldown-cmark (CommonMark, plus tables,
//! footnotes, task lists, strikethrough and front matter).
//!
//! No markup is left: headings lose their `#`, emphasis its `*` and `_`,
//! links show their text followed by a number, `[1]`, whose address is
//! listed under "Links" at the end (as lynx does), code loses its fences.

use std::cell::RefCell;
use std::collections::HashMap;

use pulldown_cmark::{BrokenLink, CowStr, Event, Options, Parser, Tag, TagEnd};

use super::out::{BULLETS, CODE, CONTINUED, Out, QUOTE};
use super::style::{Inline, plain};

/// Source converted by the first call: enough for a first screen.
const FIRST_PIECE: usize = 32 << 10;
/// Source converted by each later call.
const PIECE: usize = 512 << 10;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// A Markdown source converted piece by piece, each piece cut where a
/// block starts afresh (after a blank line, outside a fence, not a list
/// item), so a 50 MB file shows its first screen before the rest is parsed.
/// A reference defined in another piece is found in the whole source.
///
/// The source may also arrive as it is written (a pipe, see
/// [`Stream::growing`]): a piece is converted once its end has arrived, and
/// one with a link to a reference not defined yet waits for the definition
/// (or the end): the text is the same as the whole source's.
pub struct Stream {
    source: String,
    at: usize,
    renderer: Renderer,
    /// Reference definitions, first of each label, in the source up to
    /// `scanned` (gathered the first time a piece has a link it cannot resolve).
    references: HashMap<String, String>,
    scanned: usize,
    /// Whether the whole source is there.
    complete: bool,
    /// A piece waits for a definition: the labels it could not resolve (a
    /// bracket that is no link waits for the end).
    waiting: Option<Vec<String>>,
    /// Where the next piece ends, as far as it was looked for.
    boundary: Boundary,
    done: bool,
    /// Source converted by the first call and by each later one.
    pieces: (usize, usize),
}

impl Stream {
    pub fn new(source: String) -> Self {
        Self {
            source,
            at: 0,
            renderer: Renderer::default(),
            references: HashMap::new(),
            scanned: 0,
            complete: true,
            waiting: None,
            boundary: Boundary::default(),
            done: false,
            pieces: (FIRST_PIECE, PIECE),
        }
    }

    /// A stream whose source arrives by [`Stream::push_source`] until
    /// [`Stream::end_source`].
    pub fn growing() -> Self {
        Self {
            complete: false,
            ..Self::new(String::new())
        }
    }

    /// Appends whole lines of the source (ending in a line break).
    pub fn push_source(&mut self, text: &str) {
        self.source.push_str(text);
    }

    /// The source is all there (its last line may have no line break).
    pub fn end_source(&mut self, rest: &str) {
        self.source.push_str(rest);
        self.complete = true;
    }

    /// Whether every piece was given.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// A stream cut in pieces of other sizes (tests: whole, or tiny).
    #[cfg(test)]
    pub fn with_pieces(source: String, first: usize, piece: usize) -> Self {
        Self {
            pieces: (first, piece),
            ..Self::new(source)
        }
    }

    /// The reading text of the next piece and its headings; None at the
    /// end, or (a growing source) until more of the source is there.
    pub fn next_piece(&mut self) -> Option<(String, Vec<String>)> {
        if self.done {
            return None;
        }
        let first = self.at == 0;
        let min = match (self.complete, first) {
            // Growing: any block start past the piece's own.
            (false, _) => 1,
            (true, true) => self.pieces.0,
            (true, false) => self.pieces.1,
        };
        let end = self
            .boundary
            .find(&self.source, self.at.saturating_add(min), self.complete)?;
        // A piece that waited for a definition is tried again once one came.
        if !self.complete && self.waiting.is_some() {
            self.scan_references();
            let missing = self.waiting.as_deref().unwrap_or_default();
            if !missing.iter().any(|l| self.references.contains_key(l)) {
                return None;
            }
        }
        let unresolved = RefCell::new(Vec::new());
        let events: Vec<Event<'_>> = {
            if !self.complete {
                self.scan_references();
            }
            let Self {
                source,
                references,
                scanned,
                complete,
                at,
                ..
            } = self;
            let whole: &str = source;
            let piece = &whole[*at..end];
            let resolve = |link: BrokenLink<'_>| {
                if *complete && *scanned < whole.len() {
                    gather_references(references, &whole[*scanned..]);
                    *scanned = whole.len();
                }
                let label = label(&link.reference);
                let found = references
                    .get(&label)
                    .map(|url| (CowStr::from(url.clone()), CowStr::from("")));
                if found.is_none() && !*complete {
                    unresolved.borrow_mut().push(label);
                }
                found
            };
            Parser::new_with_broken_link_callback(piece, options(), Some(resolve)).collect()
        };
        let unresolved = unresolved.into_inner();
        if !unresolved.is_empty() {
            self.waiting = Some(unresolved);
            return None;
        }
        self.waiting = None;
        let renderer = &mut self.renderer;
        for event in events {
            renderer.event(event);
        }
        renderer.end_paragraph();
        self.at = end;
        self.boundary = Boundary::starting(end);
        let at_end = self.complete && end >= self.source.len();
        // Front matter's title leads unless the first block is a heading:
        // known once a block came (a piece may hold front matter alone).
        if renderer.front_title.is_some() && (renderer.first_is_heading.is_some() || at_end) {
            renderer.title_from_front_matter();
        }
        if at_end {
            self.renderer.out.links(&self.renderer.links);
            self.done = true;
        }
        Some(self.renderer.out.take())
    }

    /// Gathers the definitions in the whole lines arrived since the last call.
    fn scan_references(&mut self) {
        let upto = self.source.rfind('\n').map_or(0, |i| i + 1);
        if upto > self.scanned {
            gather_references(&mut self.references, &self.source[self.scanned..upto]);
            self.scanned = upto;
        }
    }
}

/// Finds where a piece ends, at a line that starts a block no earlier line
/// can continue (after a blank line, not indented, not a list item,
/// outside a fence): in a complete source, the first such line `min` bytes
/// past the piece's start, else the end; in a growing one, the last such
/// line arrived (a slow pipe shows what came). Resumes where it stopped
/// when more of a growing source arrives: each line is looked at once.
#[derive(Debug, Clone, Copy, Default)]
struct Boundary {
    /// The next line to look at.
    at: usize,
    fence: Option<(u8, usize)>,
    previous_blank: bool,
    /// The last place found to cut a growing source.
    last: Option<usize>,
}

impl Boundary {
    fn starting(at: usize) -> Self {
        Boundary {
            at,
            ..Boundary::default()
        }
    }

    /// The piece's end, once it is there (a growing source: none found
    /// past the piece's start, `min_end` > it, yet).
    fn find(&mut self, source: &str, min_end: usize, complete: bool) -> Option<usize> {
        let bytes = source.as_bytes();
        while self.at < bytes.len() {
            let at = self.at;
            let end = match memchr::memchr(b'\n', &bytes[at..]) {
                Some(i) => at + i + 1,
                // A last line not all there yet may turn out a list item.
                None if !complete => return self.last,
                None => bytes.len(),
            };
            let line = &bytes[at..end];
            let indent = line.iter().take_while(|&&b| b == b' ').count();
            let text = &line[indent..];
            let blank = text.iter().all(u8::is_ascii_whitespace);
            let marker = |c: u8| {
                let n = text.iter().take_while(|&&b| b == c).count();
                (n >= 3).then_some(n)
            };
            match self.fence {
                Some((c, n)) => {
                    if indent < 4
                        && marker(c).is_some_and(|m| m >= n)
                        && text
                            .iter()
                            .skip_while(|&&b| b == c)
                            .all(u8::is_ascii_whitespace)
                    {
                        self.fence = None;
                    }
                }
                None => {
                    if at >= min_end
                        && self.previous_blank
                        && indent == 0
                        && !blank
                        && !is_list_item(text)
                    {
                        if complete {
                            return Some(at);
                        }
                        self.last = Some(at);
                    }
                    if indent < 4 {
                        self.fence = [b'`', b'~']
                            .into_iter()
                            .find_map(|c| marker(c).map(|n| (c, n)));
                    }
                }
            }
            self.previous_blank = blank && self.fence.is_none();
            self.at = end;
        }
        if complete {
            Some(bytes.len())
        } else {
            self.last
        }
    }
}

/// `- `, `* `, `+ `, `12. `, `3) `: a list goes on across a blank line.
fn is_list_item(line: &[u8]) -> bool {
    let digits = line.iter().take_while(|b| b.is_ascii_digit()).count();
    let rest = &line[digits..];
    let after = match (digits, rest.first()) {
        (0, Some(b'-' | b'*' | b'+')) => &rest[1..],
        (1..=9, Some(b'.' | b')')) => &rest[1..],
        _ => return false,
    };
    after.first().is_none_or(|b| b.is_ascii_whitespace())
}

/// Adds the `[label]: address` lines of `source` to `found`, by
/// normalised label; the first of a label counts.
fn gather_references(found: &mut HashMap<String, String>, source: &str) {
    for line in source.lines() {
        let t = line.trim_start();
        if line.len() - t.len() > 3 || !t.starts_with('[') || t.starts_with("[^") {
            continue;
        }
        let Some(close) = t.find("]:") else {
            continue;
        };
        let url = t[close + 2..].split_whitespace().next().unwrap_or("");
        let url = url.trim_start_matches('<').trim_end_matches('>');
        if !url.is_empty() {
            found
                .entry(label(&t[1..close]))
                .or_insert_with(|| url.to_owned());
        }
    }
}

/// A reference label as CommonMark matches it: case and spacing aside.
fn label(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A list being written: its next number (None: bullets).
struct List {
    next: Option<u64>,
}

#[derive(Default)]
struct Renderer {
    out: Out,
    quotes: usize,
    lists: Vec<List>,
    /// The marker the current item's first line starts with, until written.
    marker: Option<String>,
    code: bool,
    metadata: Option<String>,
    front_title: Option<String>,
    /// Whether the first block written was a heading (then it is the title).
    first_is_heading: Option<bool>,
    /// Links open: their address and where their text starts in the line.
    open_links: Vec<(String, usize)>,
    links: Vec<String>,
    table: Option<Table>,
    /// An HTML block being gathered: its text is shown, not its tags.
    html: Option<String>,
}

#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    cell: Option<Out>,
    header: bool,
}

impl Renderer {
    /// What starts each line here: quote marks, then the list indent and
    /// the item's marker (its first line) or spaces as wide.
    fn prefix(&mut self) -> String {
        let mut prefix = QUOTE.repeat(self.quotes);
        if !self.lists.is_empty() {
            prefix.push_str(&"  ".repeat(self.lists.len() - 1));
            match self.marker.take() {
                Some(marker) => prefix.push_str(&marker),
                None => prefix.push_str("  "),
            }
        }
        prefix
    }

    fn end_line(&mut self) {
        if self.out.line().trim().is_empty() {
            return;
        }
        let prefix = self.prefix();
        self.out.end_line(&prefix, false);
    }

    fn end_paragraph(&mut self) {
        let prefix = self.prefix();
        self.out.end_paragraph(&prefix);
    }

    fn block_starts(&mut self, heading: bool) {
        if self.first_is_heading.is_none() && self.metadata.is_none() {
            self.first_is_heading = Some(heading);
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(metadata) = &mut self.metadata {
            metadata.push_str(text);
        } else if let Some(cell) = self.table.as_mut().and_then(|t| t.cell.as_mut()) {
            cell.push(text);
        } else if self.code {
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    let prefix = format!("{}{CODE}", QUOTE.repeat(self.quotes));
                    self.out.end_line(&prefix, true);
                }
                self.out.push_raw(line);
            }
        } else {
            self.block_starts(false);
            self.out.push(text);
        }
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Code(text) => {
                self.style(Inline::Code, true);
                self.text(&text);
                self.style(Inline::Code, false);
            }
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text(&text),
            Event::Html(html) => match &mut self.html {
                Some(block) => block.push_str(&html),
                None => self.text_of_html(&html),
            },
            // A tag inside a line: a line break, or nothing to read.
            Event::InlineHtml(tag) => {
                if tag.to_ascii_lowercase().starts_with("<br") {
                    self.end_line();
                    self.out.push_raw(CONTINUED);
                }
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => {
                self.end_line();
                // The loader keeps an indented line as a line.
                self.out.push_raw(CONTINUED);
            }
            Event::Rule => {
                self.end_paragraph();
                self.out.paragraph("───");
            }
            Event::FootnoteReference(label) => self.text(&format!("[{label}]")),
            Event::TaskListMarker(done) => self.text(if done { "☑ " } else { "☐ " }),
        }
    }

    /// Opens or closes a style, in running text only: a table's cells are
    /// aligned by width, code and front matter are kept as they are.
    fn style(&mut self, style: Inline, open: bool) {
        let cell = self.table.as_ref().is_some_and(|t| t.cell.is_some());
        if cell || self.code || self.metadata.is_some() || self.html.is_some() {
            return;
        }
        if open {
            self.out.open(style);
        } else {
            self.out.close(style);
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Emphasis => self.style(Inline::Emphasis, true),
            Tag::Strong => self.style(Inline::Strong, true),
            Tag::Paragraph => self.end_line(),
            Tag::Heading { .. } => {
                self.end_paragraph();
                self.block_starts(true);
            }
            Tag::BlockQuote(_) => {
                self.end_paragraph();
                self.quotes += 1;
            }
            Tag::CodeBlock(_) => {
                self.end_paragraph();
                self.block_starts(false);
                self.code = true;
            }
            Tag::List(start) => {
                if self.lists.is_empty() {
                    self.end_paragraph();
                } else {
                    self.end_line();
                }
                self.lists.push(List { next: start });
            }
            Tag::Item => {
                self.end_line();
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut() {
                    Some(List { next: Some(n) }) => {
                        let marker = format!("{n}. ");
                        *n += 1;
                        marker
                    }
                    _ => BULLETS[depth % BULLETS.len()].to_owned(),
                };
                self.marker = Some(marker);
            }
            Tag::FootnoteDefinition(label) => {
                self.end_paragraph();
                self.out.push(&format!("[{label}] "));
            }
            Tag::Table(_) => {
                self.end_paragraph();
                self.table = Some(Table::default());
            }
            Tag::TableHead => {
                if let Some(table) = &mut self.table {
                    table.header = true;
                    table.rows.push(Vec::new());
                }
            }
            Tag::TableRow => {
                if let Some(table) = &mut self.table {
                    table.rows.push(Vec::new());
                }
            }
            Tag::TableCell => {
                if let Some(table) = &mut self.table {
                    table.cell = Some(Out::default());
                }
            }
            Tag::Link { dest_url, .. } => {
                let at = self.out.line().len();
                self.open_links.push((dest_url.into_string(), at));
            }
            Tag::MetadataBlock(_) => self.metadata = Some(String::new()),
            Tag::HtmlBlock => self.html = Some(String::new()),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                if self.lists.is_empty() {
                    self.end_paragraph();
                } else {
                    self.end_line();
                }
            }
            TagEnd::Emphasis => self.style(Inline::Emphasis, false),
            TagEnd::Strong => self.style(Inline::Strong, false),
            TagEnd::Heading(_) => self.out.end_heading(),
            TagEnd::FootnoteDefinition => self.end_paragraph(),
            TagEnd::BlockQuote(_) => {
                self.end_paragraph();
                self.quotes = self.quotes.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                let prefix = format!("{}{CODE}", QUOTE.repeat(self.quotes));
                // The last line of a block ends in a newline: nothing follows it.
                if !self.out.line().is_empty() {
                    self.out.end_line(&prefix, true);
                }
                self.out.end_paragraph("");
                self.code = false;
            }
            TagEnd::List(_) => {
                self.end_line();
                self.lists.pop();
                if self.lists.is_empty() {
                    self.end_paragraph();
                }
            }
            TagEnd::Item => self.end_line(),
            TagEnd::TableCell => {
                if let Some(table) = &mut self.table
                    && let Some(cell) = table.cell.take()
                    && let Some(row) = table.rows.last_mut()
                {
                    row.push(cell.finish());
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.block_starts(false);
                    let prefix = QUOTE.repeat(self.quotes);
                    self.out.table(&prefix, &table.rows, table.header);
                }
            }
            TagEnd::Link => {
                if let Some((url, at)) = self.open_links.pop() {
                    let text = plain(self.out.line().get(at..).unwrap_or(""));
                    let text = text.trim();
                    // An address shown as itself, or a jump inside the page, needs no number.
                    if !url.is_empty() && !url.starts_with('#') && !url.ends_with(text) {
                        self.links.push(url);
                        let mark = format!("[{}]", self.links.len());
                        if let Some(cell) = self.table.as_mut().and_then(|t| t.cell.as_mut()) {
                            cell.push(&mark);
                        } else {
                            self.out.push_raw(&mark);
                        }
                    }
                }
            }
            TagEnd::HtmlBlock => {
                if let Some(html) = self.html.take() {
                    self.text_of_html(&html);
                }
            }
            TagEnd::MetadataBlock(_) => {
                if let Some(metadata) = self.metadata.take() {
                    self.front_title = front_matter_title(&metadata);
                }
            }
            _ => {}
        }
    }

    /// HTML in Markdown: its text, in paragraphs of its own.
    fn text_of_html(&mut self, html: &str) {
        let text = super::html::Stream::fragment_text(html);
        if !text.trim().is_empty() {
            self.end_paragraph();
            self.block_starts(false);
            self.out.paragraphs(&text);
        }
    }

    /// After the first piece: front matter's title leads, unless a heading does.
    fn title_from_front_matter(&mut self) {
        if let Some(title) = self.front_title.take()
            && self.first_is_heading != Some(true)
        {
            self.out.prepend_heading(&title);
        }
    }
}

/// `title: …` (YAML) or `title = "…"` (TOML) in front matter.
fn front_matter_title(metadata: &str) -> Option<String> {
    metadata.lines().find_map(|line| {
        let rest = line.strip_prefix("title")?.trim_start();
        let value = rest.strip_prefix(':').or_else(|| rest.strip_prefix('='))?;
        let value = value.trim().trim_matches(['"', '\'']).trim();
        (!value.is_empty()).then(|| value.to_owned())
    })
}
