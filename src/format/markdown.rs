//! Markdown to reading text, with pulldown-cmark (CommonMark, plus tables,
//! footnotes, task lists, strikethrough and front matter).
//!
//! No markup is left: headings lose their `#`, emphasis its `*` and `_`,
//! links show their text followed by a number, `[1]`, whose address is
//! listed under "Links" at the end (as lynx does), code loses its fences.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::out::{BULLETS, CODE, CONTINUED, Out, QUOTE};

pub fn to_text(source: &str) -> (String, std::collections::HashSet<String>) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut renderer = Renderer::default();
    for event in Parser::new_ext(source, options) {
        renderer.event(event);
    }
    renderer.finish()
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
            Event::Text(text) | Event::Code(text) => self.text(&text),
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text(&text),
            // Markup of another language: its tags are not text.
            Event::Html(_) | Event::InlineHtml(_) => {}
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

    fn start(&mut self, tag: Tag) {
        match tag {
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
                    let text = self.out.line().get(at..).unwrap_or("").trim();
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
            TagEnd::MetadataBlock(_) => {
                if let Some(metadata) = self.metadata.take() {
                    self.front_title = front_matter_title(&metadata);
                }
            }
            _ => {}
        }
    }

    fn finish(mut self) -> (String, std::collections::HashSet<String>) {
        self.end_paragraph();
        if !self.links.is_empty() {
            self.out.end_paragraph("");
            self.out.push("Links");
            self.out.end_heading();
            for (i, url) in self.links.iter().enumerate() {
                self.out.push_raw(&format!("{}. {url}", i + 1));
                self.out.end_line("", false);
            }
            self.out.end_paragraph("");
        }
        if let Some(title) = &self.front_title
            && self.first_is_heading != Some(true)
        {
            self.out.prepend(title);
        }
        self.out.finish_with_headings()
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
