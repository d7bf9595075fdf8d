//! The reading text both converters write: paragraphs separated by a blank
//! line; inside a paragraph, lines the loader keeps as lines (list items,
//! code, quotes and table rows start with a mark it knows, see
//! `load::is_hard_break`; a forced line break continues indented).

use unicode_width::UnicodeWidthStr;

use super::style::{Inline, is_mark};

/// Marks the loader and repair know as the start of a block of their own.
pub const BULLETS: [&str; 3] = ["• ", "◦ ", "▪ "];
pub const QUOTE: &str = "▎ ";
pub const CODE: &str = "│ ";
/// Continues a line broken by `<br>` or a Markdown hard break.
pub const CONTINUED: &str = "  ";

/// `text` with NULs and style marks (which only the converter writes) as U+FFFD.
fn not_marks(text: &str) -> String {
    text.replace(|c| c == '\0' || is_mark(c), "\u{FFFD}")
}

/// Ends a run of `style` in `line`: none if it holds nothing, and a space
/// it ends with stays outside it.
pub fn close(line: &mut String, style: Inline) {
    let spaced = line.ends_with(' ');
    if spaced {
        line.pop();
    }
    if line.ends_with(style.open()) {
        line.pop();
    } else {
        line.push(style.close());
    }
    if spaced {
        line.push(' ');
    }
}

#[derive(Debug, Default)]
pub struct Out {
    text: String,
    /// Lines of the paragraph being written.
    lines: Vec<String>,
    /// The line being written.
    line: String,
    /// The text of each heading written since the last `take`.
    pub headings: Vec<String>,
    /// Whether a paragraph was written (and maybe taken): the next one
    /// needs a blank line before it.
    started: bool,
}

impl Out {
    /// Appends inline text; runs of white space become one space, none at
    /// the start of a line.
    pub fn push(&mut self, text: &str) {
        self.push_text(text, false);
    }

    /// [`Out::push`] for text a converter wrote, whose style marks are its
    /// own (the source's were replaced as it read them): they are kept.
    pub fn push_marked(&mut self, text: &str) {
        self.push_text(text, true);
    }

    fn push_text(&mut self, text: &str, keep_marks: bool) {
        for c in text.chars() {
            if c.is_whitespace() {
                // Style marks are not text: look past them.
                let last = self.line.chars().rev().find(|&c| !is_mark(c));
                if last.is_some_and(|c| c != ' ') {
                    self.line.push(' ');
                }
            } else if c == '\0' || (is_mark(c) && !keep_marks) {
                self.line.push('\u{FFFD}');
            } else {
                self.line.push(c);
            }
        }
    }

    /// Appends text as it is (code).
    pub fn push_raw(&mut self, text: &str) {
        self.line.push_str(&not_marks(text));
    }

    /// Starts a run of text in `style`.
    pub fn open(&mut self, style: Inline) {
        self.line.push(style.open());
    }

    /// Ends a run of text in `style`: none if it holds nothing, and a space
    /// it ends with stays outside it (a line's end trims it).
    pub fn close(&mut self, style: Inline) {
        close(&mut self.line, style);
    }

    /// The addresses of the links, numbered as their marks in the text
    /// (`[1]`), under a heading of their own at the end.
    pub fn links(&mut self, links: &[String]) {
        self.end_paragraph("");
        if links.is_empty() {
            return;
        }
        self.push("Links");
        self.end_heading();
        for (i, url) in links.iter().enumerate() {
            self.push_raw(&format!("{}. {url}", i + 1));
            self.end_line("", false);
        }
        self.end_paragraph("");
    }

    /// The line being written, so far.
    pub fn line(&self) -> &str {
        &self.line
    }

    /// Ends the line with `prefix` before it; an empty line is dropped
    /// unless `keep_empty` (a blank line of code). Returns whether a line was written.
    pub fn end_line(&mut self, prefix: &str, keep_empty: bool) -> bool {
        let line = std::mem::take(&mut self.line);
        let line = line.trim_end();
        if line.chars().all(|c| c.is_whitespace() || is_mark(c)) && !keep_empty {
            return false;
        }
        let mut full = String::with_capacity(prefix.len() + line.len());
        full.push_str(prefix);
        full.push_str(line);
        self.lines.push(full.trim_end().to_owned());
        true
    }

    /// Ends the paragraph (and its last line, with `prefix`).
    pub fn end_paragraph(&mut self, prefix: &str) {
        self.end_line(prefix, false);
        if self.lines.is_empty() {
            return;
        }
        self.separate();
        self.text.push_str(&self.lines.join("\n"));
        self.lines.clear();
    }

    /// Paragraphs a converter wrote as reading text (blank lines
    /// between): their style marks are kept.
    pub fn paragraphs(&mut self, text: &str) {
        self.end_paragraph("");
        for paragraph in text.split("\n\n") {
            for line in paragraph.lines() {
                self.line.push_str(&line.replace('\0', "\u{FFFD}"));
                self.end_line("", false);
            }
            self.end_paragraph("");
        }
    }

    /// A paragraph of its own, written at once.
    pub fn paragraph(&mut self, text: &str) {
        self.end_paragraph("");
        self.push(text);
        self.end_paragraph("");
    }

    /// Ends the paragraph, a heading: one line (as the loader will read
    /// it), remembered so that repair leaves it alone.
    pub fn end_heading(&mut self) {
        self.end_line("", false);
        let lines = std::mem::take(&mut self.lines);
        // A heading is set apart already, and known by its text: no marks.
        let heading = lines
            .join(" ")
            .replace(is_mark, "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if heading.is_empty() {
            return;
        }
        self.separate();
        self.text.push_str(&heading);
        self.headings.push(heading);
    }

    /// A blank line before the next paragraph, unless it is the first.
    fn separate(&mut self) {
        if self.started {
            self.text.push_str("\n\n");
        }
        self.started = true;
    }

    /// The text of the paragraphs ended so far, and their headings; what
    /// is written next follows them.
    pub fn take(&mut self) -> (String, Vec<String>) {
        (
            std::mem::take(&mut self.text),
            std::mem::take(&mut self.headings),
        )
    }

    pub fn finish(mut self) -> String {
        self.end_paragraph("");
        self.text
    }

    /// Puts `title` before what is written so far (nothing is taken yet).
    pub fn prepend_heading(&mut self, title: &str) {
        let mut first = Out::default();
        first.push(title);
        first.end_heading();
        let (title, headings) = first.take();
        if title.is_empty() {
            return;
        }
        self.text = if self.text.is_empty() {
            title
        } else {
            format!("{title}\n\n{}", self.text)
        };
        self.started = true;
        self.headings.extend(headings);
    }

    /// Writes the rows of a table, columns aligned, as lines of a paragraph.
    pub fn table(&mut self, prefix: &str, rows: &[Vec<String>], header: bool) {
        self.end_paragraph(prefix);
        // Cells come as they were written (HTML's): no mark may pass.
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|row| row.iter().map(|cell| not_marks(cell)).collect())
            .collect();
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0; columns];
        for row in &rows {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(cell.width());
            }
        }
        for (n, row) in rows.iter().enumerate() {
            let mut line = String::from(CODE);
            for (i, width) in widths.iter().enumerate() {
                let cell = row.get(i).map_or("", String::as_str);
                line.push_str(cell);
                line.extend(std::iter::repeat_n(' ', width - cell.width()));
                line.push_str(" │ ");
            }
            self.line = line;
            self.end_line(prefix, false);
            if n == 0 && header && rows.len() > 1 {
                let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
                self.line = format!("│ {} │", rule.join("─┼─"));
                self.end_line(prefix, false);
            }
        }
        self.end_paragraph(prefix);
    }
}
