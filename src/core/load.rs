//! Bytes to [`Block`]s: decode, refuse binaries, sanitise, split paragraphs.
//!
//! Pure and incremental: the reader at the edge (`source`) feeds whatever it
//! has read, and every complete run of paragraphs comes out as a block, so the
//! first screen can be drawn before a huge file is read to its end.

use std::ops::Range;

use thiserror::Error;

use crate::document::{Block, Document};
use crate::format::style;
use crate::sanitise::{Sanitised, sanitise, sanitise_owned};

/// How far into the input a NUL byte marks a binary file (git's and grep's rule of thumb).
const BINARY_SNIFF_BYTES: usize = 8000;

/// The article shipped inside the binary: what `margin` with no file shows.
pub const BUNDLED: &str = include_str!("../../assets/article.txt");

#[derive(Debug, Error, PartialEq, Eq)]
pub enum LoadError {
    #[error("binary file (NUL byte at offset {0}); margin reads text")]
    Binary(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Unknown,
    Utf8,
    Utf16Le,
    Utf16Be,
}

/// An incremental decoder and splitter.
#[derive(Debug)]
pub struct Loader {
    /// `buffer[..filled]` is read but not yet cut into a block; the rest is
    /// zeroed room for the next read. The buffer itself becomes the next
    /// block's text, so a byte read is not copied again unless it needs
    /// decoding or sanitising.
    buffer: Vec<u8>,
    filled: usize,
    encoding: Encoding,
    /// Bytes of the stream already checked for NUL.
    sniffed: usize,
    replaced: usize,
    scan: BoundaryScan,
    /// Whether the input is converted text, with style marks to take out.
    converted: bool,
}

impl Default for Loader {
    fn default() -> Self {
        Self::new()
    }
}

impl Loader {
    pub fn new() -> Self {
        Self {
            buffer: Vec::new(),
            filled: 0,
            encoding: Encoding::Unknown,
            sniffed: 0,
            replaced: 0,
            scan: BoundaryScan::default(),
            converted: false,
        }
    }

    /// A loader for text converted from Markdown or HTML: its style marks
    /// (see `format::style`) become the blocks' styles.
    pub fn converted() -> Self {
        Self {
            converted: true,
            ..Self::new()
        }
    }

    /// Bytes that were not valid UTF-8 (or UTF-16) and became U+FFFD so far.
    pub fn replaced_bytes(&self) -> usize {
        self.replaced
    }

    /// Feeds bytes; returns a block when a paragraph break completed one.
    pub fn push(&mut self, bytes: &[u8]) -> Result<Option<Block>, LoadError> {
        self.room(bytes.len()).copy_from_slice(bytes);
        Ok(self.filled(bytes.len())?.map(|raw| self.decode(raw)))
    }

    /// Ends the input; returns the last block.
    pub fn finish(&mut self) -> Result<Block, LoadError> {
        let raw = self.finish_raw()?;
        Ok(self.decode(raw))
    }

    /// Room for the next `size` bytes of input, to read into and then hand
    /// over with [`Loader::filled`].
    pub fn room(&mut self, size: usize) -> &mut [u8] {
        let needed = self.filled.saturating_add(size);
        if self.buffer.len() < needed {
            // A new zeroed buffer rather than `resize`: calloc'd pages cost
            // nothing until read into, where resizing would write every byte.
            // Doubling keeps a long paragraph (a 10 MB line) from being
            // copied on every read.
            let mut grown = vec![0; needed.max(self.buffer.len().saturating_mul(2))];
            grown[..self.filled].copy_from_slice(&self.buffer[..self.filled]);
            self.buffer = grown;
        }
        &mut self.buffer[self.filled..needed]
    }

    /// Takes the first `read` bytes of the last [`Loader::room`] as input;
    /// returns the bytes up to the last paragraph break, when one came.
    pub fn filled(&mut self, read: usize) -> Result<Option<RawBlock>, LoadError> {
        self.filled = self.filled.saturating_add(read).min(self.buffer.len());
        if self.encoding == Encoding::Unknown {
            if self.filled < 3 {
                return Ok(None);
            }
            self.sniff_encoding();
        }
        if matches!(self.encoding, Encoding::Utf16Le | Encoding::Utf16Be) {
            // UTF-16 has no cheap paragraph boundary in bytes; decode at the end.
            return Ok(None);
        }
        self.check_binary()?;
        let Some(cut) = self.scan.advance(&self.buffer[..self.filled]) else {
            return Ok(None);
        };
        // Only the text after the break (usually part of a paragraph) moves.
        let rest = self.buffer[cut..self.filled].to_vec();
        self.filled = rest.len();
        let mut bytes = std::mem::replace(&mut self.buffer, rest);
        bytes.truncate(cut);
        let forced = self.scan.rebase(cut);
        insert_breaks(&mut bytes, &forced);
        Ok(Some(RawBlock {
            bytes,
            encoding: self.encoding,
            converted: self.converted,
        }))
    }

    /// The writer paused (a pipe gone quiet): everything read so far, if it
    /// ends a line, becomes a block to show now, and what comes next starts
    /// a new paragraph. A paragraph is split only if the writer pauses in
    /// the middle of it.
    pub fn cut_at_pause(&mut self) -> Option<RawBlock> {
        let ends_a_line = self.filled > 0 && self.buffer[self.filled - 1] == b'\n';
        if self.encoding != Encoding::Utf8 || !ends_a_line {
            return None;
        }
        let mut bytes = std::mem::take(&mut self.buffer);
        bytes.truncate(self.filled);
        let forced = self.scan.rebase(self.filled);
        self.filled = 0;
        self.scan.at_line_start();
        insert_breaks(&mut bytes, &forced);
        Some(RawBlock {
            bytes,
            encoding: self.encoding,
            converted: self.converted,
        })
    }

    /// Ends the input; returns the bytes not cut into a block yet.
    pub fn finish_raw(&mut self) -> Result<RawBlock, LoadError> {
        if self.encoding == Encoding::Unknown {
            self.sniff_encoding();
        }
        if self.encoding == Encoding::Utf8 {
            self.check_binary()?;
        }
        let mut bytes = std::mem::take(&mut self.buffer);
        bytes.truncate(self.filled);
        let forced = self.scan.rebase(self.filled);
        self.filled = 0;
        insert_breaks(&mut bytes, &forced);
        Ok(RawBlock {
            bytes,
            encoding: self.encoding,
            converted: self.converted,
        })
    }

    /// Decodes a block, counting what was not valid text.
    fn decode(&mut self, raw: RawBlock) -> Block {
        let (block, replaced) = raw.decode();
        self.replaced += replaced;
        block
    }

    fn sniff_encoding(&mut self) {
        let p = &self.buffer[..self.filled];
        let (encoding, bom) = if p.starts_with(&[0xEF, 0xBB, 0xBF]) {
            (Encoding::Utf8, 3)
        } else if p.starts_with(&[0xFF, 0xFE]) {
            (Encoding::Utf16Le, 2)
        } else if p.starts_with(&[0xFE, 0xFF]) {
            (Encoding::Utf16Be, 2)
        } else {
            (Encoding::Utf8, 0)
        };
        self.encoding = encoding;
        self.buffer.drain(..bom);
        self.filled -= bom;
    }

    /// Refuses the input when a NUL byte falls in the first
    /// `BINARY_SNIFF_BYTES` of the stream (after any BOM).
    fn check_binary(&mut self) -> Result<(), LoadError> {
        let offset = self.scan.consumed; // stream offset of buffer[0]
        let window_end = BINARY_SNIFF_BYTES.saturating_sub(offset).min(self.filled);
        let start = self.sniffed.saturating_sub(offset).min(window_end);
        if let Some(i) = memchr::memchr(0, &self.buffer[start..window_end]) {
            return Err(LoadError::Binary(offset + start + i));
        }
        self.sniffed = offset + window_end;
        Ok(())
    }
}

/// Input cut at a paragraph break but not decoded yet, so that decoding
/// can run on another thread than reading.
#[derive(Debug)]
pub struct RawBlock {
    bytes: Vec<u8>,
    encoding: Encoding,
    converted: bool,
}

impl RawBlock {
    /// Decodes, sanitises and splits; returns the block and how many input
    /// bytes were not valid text (each run became U+FFFD).
    pub fn decode(self) -> (Block, usize) {
        match self.encoding {
            Encoding::Utf16Le | Encoding::Utf16Be => self.decode_utf16(),
            Encoding::Unknown | Encoding::Utf8 => self.decode_utf8(),
        }
    }

    /// Valid bytes become the block's text as they are, without a copy.
    fn decode_utf8(self) -> (Block, usize) {
        let converted = self.converted;
        let bytes = match String::from_utf8(self.bytes) {
            Ok(text) => return (Self::block(converted, text), 0),
            Err(error) => error.into_bytes(),
        };
        let (text, replaced) = crate::decode::utf8_lossy_counted(&bytes);
        (Self::block(converted, text), replaced)
    }

    fn block(converted: bool, text: String) -> Block {
        if converted {
            block_from_converted(text)
        } else {
            block_from_string(text)
        }
    }

    fn decode_utf16(self) -> (Block, usize) {
        let bytes = &self.bytes;
        let units = bytes.chunks(2).map(|pair| match (self.encoding, pair) {
            (Encoding::Utf16Le, [a, b]) => u16::from_le_bytes([*a, *b]),
            (_, [a, b]) => u16::from_be_bytes([*a, *b]),
            _ => 0xFFFD,
        });
        let mut text = String::with_capacity(bytes.len() / 2);
        let mut replaced = 0;
        for unit in char::decode_utf16(units) {
            match unit {
                Ok(c) => text.push(c),
                Err(_) => {
                    replaced += 2;
                    text.push('\u{FFFD}');
                }
            }
        }
        if bytes.len() % 2 == 1 {
            replaced += 1;
        }
        (Self::block(self.converted, text), replaced)
    }
}

/// A run of text this long without a blank line is broken at its next line
/// end: a file with no blank lines (a log, `yes`) would otherwise be one
/// paragraph that must be read whole before anything is shown. No paragraph
/// of prose comes near it.
pub const LONG_RUN: usize = 64 << 10;

/// Finds where to cut the bytes seen so far: after the last blank line, or
/// after a line that ends a run of [`LONG_RUN`] bytes without one (a forced
/// break). Each byte is looked at no more than twice.
#[derive(Debug)]
struct BoundaryScan {
    /// Next byte of `pending` to look at.
    at: usize,
    seen_newline: bool,
    line_blank: bool,
    /// Bytes of the stream cut into blocks so far.
    consumed: usize,
    /// Where the current run without a blank line began, in `pending`.
    run_start: usize,
    /// Line ends in `pending` where a forced break goes, in order.
    forced: Vec<usize>,
    long_run: usize,
}

impl Default for BoundaryScan {
    fn default() -> Self {
        Self::with_long_run(LONG_RUN)
    }
}

impl BoundaryScan {
    fn with_long_run(long_run: usize) -> Self {
        Self {
            at: 0,
            seen_newline: false,
            line_blank: false,
            consumed: 0,
            run_start: 0,
            forced: Vec::new(),
            long_run,
        }
    }

    /// Returns where to cut `pending`: just after the last break.
    fn advance(&mut self, pending: &[u8]) -> Option<usize> {
        let mut cut = None;
        while self.at < pending.len() {
            // Usually a blank line is "\n\n", and a run that cannot reach
            // `long_run` before it has nothing else to find: jump there.
            let pair = memchr::memmem::find(&pending[self.at..], b"\n\n").map(|p| self.at + p);
            let scan_to = match pair {
                Some(pair) if pair + 1 - self.run_start < self.long_run => {
                    self.at = pair + 1;
                    self.seen_newline = true;
                    self.line_blank = true;
                    pair + 2
                }
                Some(pair) => pair + 2,
                None => pending.len(),
            };
            cut = self.scan_bytes(pending, scan_to).or(cut);
            if self.at < scan_to {
                break; // a "\r" at the end may begin a "\r\n"
            }
        }
        cut
    }

    /// Looks at each line end in `pending[at..end]`; returns the last cut.
    fn scan_bytes(&mut self, pending: &[u8], end: usize) -> Option<usize> {
        let mut cut = None;
        while self.at < end {
            // Inside a line with text only a line end can matter: jump to it.
            if !self.line_blank {
                match memchr::memchr2(b'\n', b'\r', &pending[self.at..end]) {
                    Some(skip) => self.at += skip,
                    None => {
                        self.at = end;
                        break;
                    }
                }
            }
            let b = pending[self.at];
            match b {
                b'\r' if self.at + 1 == pending.len() => return cut, // CR LF may be split
                b'\r' if pending[self.at + 1] == b'\n' => {}
                b'\n' | b'\r' => {
                    if self.seen_newline && self.line_blank {
                        cut = Some(self.at + 1);
                        self.run_start = self.at + 1;
                    } else if self.at + 1 - self.run_start >= self.long_run {
                        self.forced.push(self.at);
                        cut = Some(self.at + 1);
                        self.run_start = self.at + 1;
                    }
                    self.seen_newline = true;
                    self.line_blank = true;
                }
                b' ' | b'\t' => {}
                _ => self.line_blank = false,
            }
            self.at += 1;
        }
        cut
    }

    /// After a cut at a line end: a blank line next is a paragraph break.
    fn at_line_start(&mut self) {
        self.seen_newline = true;
        self.line_blank = true;
    }

    /// The forced breaks before `cut`, taken out, and the scan moved on so
    /// that `pending` starts at `cut`.
    fn rebase(&mut self, cut: usize) -> Vec<usize> {
        let before = self.forced.partition_point(|&f| f < cut);
        let taken: Vec<usize> = self.forced.drain(..before).collect();
        for f in &mut self.forced {
            *f -= cut;
        }
        // At the end of input a last "\r" may be left unlooked-at.
        self.at = self.at.saturating_sub(cut);
        self.run_start = self.run_start.saturating_sub(cut);
        self.consumed += cut;
        taken
    }
}

/// Makes each forced break (a line end) a paragraph break, by adding a blank
/// line after it: the same bytes give the same paragraphs however the input
/// was split into reads.
fn insert_breaks(bytes: &mut Vec<u8>, forced: &[usize]) {
    if forced.is_empty() {
        return;
    }
    let mut with_breaks = Vec::with_capacity(bytes.len() + 2 * forced.len());
    let mut from = 0;
    for &at in forced {
        with_breaks.extend_from_slice(&bytes[from..=at]);
        with_breaks.extend_from_slice(b"\n\n");
        from = at + 1;
    }
    with_breaks.extend_from_slice(&bytes[from..]);
    *bytes = with_breaks;
}

/// Sanitises text and splits it into paragraphs on blank lines. Within a
/// paragraph a single newline is a soft break (a space), as in Markdown,
/// unless the next line is indented or a list item.
pub fn block_from_text(decoded: &str) -> Block {
    split_block(sanitise(decoded))
}

/// [`block_from_text`] for text the caller gives up: it becomes the block's
/// text, without a copy when nothing in it needs neutralising (most text).
pub fn block_from_string(decoded: String) -> Block {
    split_block(sanitise_owned(decoded))
}

/// [`block_from_string`] for converted text: its style marks are taken out
/// after sanitising (which leaves them be), and the escapes moved with the
/// text; soft breaks then change one byte for one, so styles stay put.
pub fn block_from_converted(decoded: String) -> Block {
    let sanitised = sanitise_owned(decoded);
    let stripped = style::strip(sanitised.text);
    let escapes = sanitised
        .escapes
        .into_iter()
        .map(|e| stripped.map(e.start)..stripped.map(e.end))
        .collect();
    let mut block = split_block(Sanitised {
        text: stripped.text,
        escapes,
    });
    block.styles = stripped.styles;
    block
}

fn split_block(sanitised: Sanitised) -> Block {
    let mut text = sanitised.text;
    // The text is kept as long as the document: not the rest of the read
    // buffer or what sanitising reserved. Shrinking does not copy it.
    text.shrink_to_fit();
    let paragraphs = split_paragraphs(&mut text, false);
    Block {
        text,
        paragraphs,
        escapes: sanitised.escapes,
        styles: style::Styles::default(),
    }
}

/// `text` split at its blank lines; a line break inside a paragraph becomes
/// a space (it is soft) unless `keep_lines` or the line is a hard break.
fn split_paragraphs(text: &mut String, keep_lines: bool) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut paragraphs = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut soft_breaks = Vec::new();
    let mut line_start = 0;
    while line_start <= bytes.len() {
        let line_end =
            memchr::memchr(b'\n', &bytes[line_start..]).map_or(bytes.len(), |i| line_start + i);
        let line = &bytes[line_start..line_end];
        let content_start = line.iter().position(|b| !b.is_ascii_whitespace());
        match content_start {
            None => {
                if let Some(p) = current.take() {
                    paragraphs.push(p);
                }
            }
            Some(offset) => {
                let content_end = line_start
                    + line
                        .iter()
                        .rposition(|b| !b.is_ascii_whitespace())
                        .unwrap_or(offset)
                    + 1;
                match current.as_mut() {
                    None => current = Some(line_start + offset..content_end),
                    Some(p) => {
                        if !keep_lines && !is_hard_break(line) {
                            soft_breaks.push(line_start - 1);
                        }
                        p.end = content_end;
                    }
                }
            }
        }
        line_start = line_end + 1;
    }
    if let Some(p) = current.take() {
        paragraphs.push(p);
    }
    // In place, one byte for one: the text is not copied or revalidated.
    // Each break is a newline, so a character boundary.
    for i in soft_breaks {
        text.replace_range(i..i + 1, " ");
    }
    paragraphs
}

/// A line that keeps the newline before it: indented, a list item, or a
/// line of a block Markdown and HTML are rendered with (bullets, quote and
/// code bars, table rows, task boxes).
fn is_hard_break(line: &[u8]) -> bool {
    if line.starts_with(b"  ") || BLOCK_MARKS.iter().any(|m| line.starts_with(m.as_bytes())) {
        return true;
    }
    let mut rest = line;
    while let [d, tail @ ..] = rest {
        if !d.is_ascii_digit() {
            break;
        }
        rest = tail;
    }
    let numbered = rest.len() < line.len() && (rest.starts_with(b". ") || rest.starts_with(b") "));
    numbered || line.starts_with(b"- ") || line.starts_with(b"* ") || line.starts_with(b"+ ")
}

/// Marks that start a line of their own: see `format::out`.
pub const BLOCK_MARKS: [&str; 8] = ["• ", "◦ ", "▪ ", "▎", "│", "☐", "☑", "─"];

/// Loads a whole input at once.
pub fn load_bytes(bytes: &[u8]) -> Result<Document, LoadError> {
    load_with(Loader::new(), bytes, Vec::new())
}

/// The source of a converted article as written, for `r`: decoded text
/// whose every line breaks where it does in the file (plain text joins
/// lines that are not list items or indented), in one block.
pub fn load_verbatim(decoded: String, replaced_bytes: usize) -> Document {
    let sanitised = sanitise_owned(decoded);
    let mut text = sanitised.text;
    text.shrink_to_fit();
    let paragraphs = split_paragraphs(&mut text, true);
    let mut document = Document::default();
    document.push_block(Block {
        text,
        paragraphs,
        escapes: sanitised.escapes,
        styles: style::Styles::default(),
    });
    document.replaced_bytes = replaced_bytes;
    document.finish();
    document
}

/// [`load_bytes`] for text converted from Markdown or HTML, whose headings
/// (by their text) are never joined by repair and whose style marks become
/// styles.
pub fn load_with_headings(bytes: &[u8], headings: Vec<String>) -> Result<Document, LoadError> {
    load_with(Loader::converted(), bytes, headings)
}

fn load_with(
    mut loader: Loader,
    bytes: &[u8],
    headings: Vec<String>,
) -> Result<Document, LoadError> {
    let mut document = Document::default();
    if !headings.is_empty() {
        let headings = headings.into_iter().collect();
        document.set_headings(std::sync::Arc::new(std::sync::RwLock::new(headings)));
    }
    if let Some(block) = loader.push(bytes)? {
        document.push_block(block);
    }
    document.push_block(loader.finish()?);
    document.replaced_bytes = loader.replaced_bytes();
    document.finish();
    Ok(document)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::View;
    use proptest::prelude::*;

    /// Inputs that take every path of the loader: plain paragraphs, soft
    /// breaks, lists, CRLF and lone CR, tabs, escapes, bidi controls,
    /// invalid UTF-8 (which a split can cut anywhere), BOMs and UTF-16.
    fn mixed_inputs() -> Vec<Vec<u8>> {
        let hostile: &[u8] = b"\r\n\r\nCRLF line one\r\nline two\r\n\r\n\tTabbed\tcell\n\n\
            - a\n- b\n  indented\n\nbidi \xe2\x80\xae here and \x1b[31m red\x7f\n\n\
            invalid \xff\xfe and cut \xe4\xb8\xad\xe6\x96\x87 \xe2\x80\n\n\
            continues after a blank\n\nline sep\xe2\x80\xa8next \xef\xbb\xbf bom\rlone cr\r\rend\n \n";
        let article = include_bytes!("../../assets/article.txt");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "Hé.\r\n\r\nZwei\tdrei."
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        vec![
            [hostile, article, hostile].concat(),
            [b"\xEF\xBB\xBF".as_slice(), hostile].concat(),
            utf16,
        ]
    }

    /// Loads `input` fed in `pieces`.
    fn streamed<'a>(pieces: impl IntoIterator<Item = &'a [u8]>) -> Result<Document, LoadError> {
        let mut loader = Loader::new();
        let mut d = Document::default();
        for piece in pieces {
            if let Some(block) = loader.push(piece)? {
                d.push_block(block);
            }
        }
        d.push_block(loader.finish()?);
        d.replaced_bytes = loader.replaced_bytes();
        d.finish();
        Ok(d)
    }

    /// Both views of two documents read the same: text, escapes, positions.
    fn assert_same(got: &mut Document, want: &mut Document, what: &str) {
        assert_eq!(got.replaced_bytes, want.replaced_bytes, "{what}");
        assert_eq!(got.title(), want.title(), "{what}");
        assert_eq!(got.total_bytes(), want.total_bytes(), "{what}");
        for view in [View::Raw, View::Repaired] {
            got.set_view(view);
            want.set_view(view);
            assert!(got.paragraphs().eq(want.paragraphs()), "{what} {view:?}");
            for i in 0..want.len() {
                assert_eq!(got.escapes(i), want.escapes(i), "{what} {view:?} {i}");
                let p = crate::document::Position::new(i, 0);
                assert_eq!(got.fraction(p), want.fraction(p), "{what} {view:?} {i}");
            }
        }
    }

    #[test]
    fn a_split_anywhere_gives_the_same_document() {
        for input in mixed_inputs() {
            let mut whole = load_bytes(&input).expect("loads");
            for at in 0..=input.len() {
                let (a, b) = input.split_at(at);
                let mut split = streamed([a, b]).expect("loads");
                assert_same(&mut split, &mut whole, &format!("split at {at}"));
            }
        }
    }

    #[test]
    fn reads_shorter_than_the_room_are_taken_as_read() {
        for input in mixed_inputs() {
            let mut whole = load_bytes(&input).expect("loads");
            for room in [1, 2, 5, 64, 4096] {
                let mut loader = Loader::new();
                let mut d = Document::default();
                let mut rest = &input[..];
                for step in 1.. {
                    if rest.is_empty() {
                        break;
                    }
                    let read = (step * 7 % room).clamp(1, rest.len());
                    loader.room(room)[..read].copy_from_slice(&rest[..read]);
                    rest = &rest[read..];
                    if let Some(raw) = loader.filled(read).expect("filled") {
                        d.push_block(loader.decode(raw));
                    }
                }
                d.push_block(loader.finish().expect("finish"));
                d.replaced_bytes = loader.replaced_bytes();
                assert_same(&mut d, &mut whole, &format!("room {room}"));
            }
        }
    }

    #[test]
    fn a_nul_is_refused_wherever_the_reads_split() {
        let input = b"text\n\nmore \0 text";
        for at in 0..=input.len() {
            let (a, b) = input.split_at(at);
            assert_eq!(streamed([a, b]).err(), Some(LoadError::Binary(11)), "{at}");
        }
    }

    /// Where the scan must cut `stream`: just after its last blank line
    /// (spaces and tabs only), lines ending in "\n", "\r\n" or a lone "\r"
    /// (a "\r" at the very end may begin a "\r\n": not yet a line end), or
    /// after a line end that closes a run of `long_run` bytes with no blank
    /// line (a forced break, listed too).
    fn cuts_slowly(stream: &[u8], long_run: usize) -> (Option<usize>, Vec<usize>) {
        let (mut cut, mut seen_newline, mut blank) = (None, false, false);
        let (mut run_start, mut forced) = (0, Vec::new());
        for (i, &b) in stream.iter().enumerate() {
            match b {
                b'\r' if i + 1 == stream.len() => break,
                b'\r' if stream[i + 1] == b'\n' => {}
                b'\n' | b'\r' => {
                    if seen_newline && blank {
                        cut = Some(i + 1);
                        run_start = i + 1;
                    } else if i + 1 - run_start >= long_run {
                        forced.push(i);
                        cut = Some(i + 1);
                        run_start = i + 1;
                    }
                    seen_newline = true;
                    blank = true;
                }
                b' ' | b'\t' => {}
                _ => blank = false,
            }
        }
        (cut, forced)
    }

    proptest! {
        #[test]
        fn the_boundary_scan_cuts_after_the_last_blank_line_or_long_run(
            bytes in prop::collection::vec(
                prop::sample::select(b"\n\n\n\r \taaaaa".as_slice()),
                0..300,
            ),
            splits in prop::collection::vec(0usize..300, 0..8),
            long_run in prop::sample::select(vec![3usize, 7, 20, LONG_RUN]),
        ) {
            let mut splits: Vec<usize> = splits.into_iter().map(|s| s.min(bytes.len())).collect();
            splits.push(bytes.len());
            splits.sort_unstable();
            let mut scan = BoundaryScan::with_long_run(long_run);
            let mut pending_from = 0;
            let mut forced = Vec::new();
            for end in splits {
                let want = cuts_slowly(&bytes[..end], long_run).0.filter(|&cut| cut > pending_from);
                let got = scan.advance(&bytes[pending_from..end]).map(|cut| pending_from + cut);
                prop_assert_eq!(got, want, "at {}", end);
                if let Some(cut) = got {
                    forced.extend(scan.rebase(cut - pending_from).iter().map(|f| pending_from + f));
                    pending_from = cut;
                }
            }
            let (_, want_forced) = cuts_slowly(&bytes, long_run);
            let want_forced: Vec<usize> = want_forced.into_iter().filter(|&f| f < pending_from).collect();
            prop_assert_eq!(forced, want_forced);
        }
    }

    /// Found by a user: a 1 GB file with no blank line showed its first
    /// screen after 3.3 s, once the whole file was read; `yes | margin -`
    /// never showed anything. A long run is cut at its next line end.
    #[test]
    fn a_file_without_blank_lines_comes_in_blocks_of_a_long_run() {
        let line = b"endless line of text\n";
        let mut loader = Loader::new();
        let mut blocks = 0;
        let mut fed = 0;
        while blocks < 3 {
            if loader.push(line).expect("text").is_some() {
                blocks += 1;
            }
            fed += line.len();
            assert!(fed < 4 * LONG_RUN, "no block after {fed} bytes");
        }
        let mut whole = Vec::new();
        for _ in 0..(fed / line.len()) {
            whole.extend_from_slice(line);
        }
        let paragraphs = paragraphs(&whole);
        assert_eq!(paragraphs.len(), 3, "one paragraph per run");
        assert!(paragraphs.iter().all(|p| p.len() >= LONG_RUN - line.len()));
    }

    /// Pieces of text for the fast and the general path of a block.
    const PIECES: &[&str] = &[
        "word ",
        "a run of plain words, longer than one chunk of a scan",
        "\n",
        "\n\n",
        "\n- item",
        "\n  indented",
        "\n1. step",
        "  ",
        "é",
        "中文",
        "“quoted”",
        "\t",
        "\r\n",
        "\r",
        "\u{1b}[2J",
        "\u{9b}",
        "\u{202e}",
        "\u{2028}",
        "\u{feff}",
    ];

    proptest! {
        #[test]
        fn owned_text_makes_the_block_borrowed_text_makes(
            pieces in prop::collection::vec(prop::sample::select(PIECES), 0..60)
        ) {
            let text = pieces.concat();
            prop_assert_eq!(block_from_string(text.clone()), block_from_text(&text));
        }
    }

    fn paragraphs(bytes: &[u8]) -> Vec<String> {
        let mut d = load_bytes(bytes).expect("loads");
        d.set_view(crate::document::View::Raw);
        d.paragraphs().map(str::to_owned).collect()
    }

    #[test]
    fn bundled_article_loads_and_repairs() {
        let d = load_bytes(include_bytes!("../../assets/article.txt")).expect("loads");
        assert_eq!(d.title(), Some("This time, Alipay lost in"));
        let wangwang = d
            .paragraphs()
            .find(|p| p.starts_with("Ali Wangwang expects to achieve"))
            .expect("repaired paragraph");
        assert!(wangwang.contains("achieve Alibaba socially"));
        assert!(
            d.paragraphs()
                .any(|p| p.starts_with("March 9, 2017 is the American way"))
        );
        assert!(d.paragraphs().any(|p| p.starts_with("platform role.")));
        assert!(d.paragraphs().any(|p| p.starts_with("source role.")));
        assert_eq!(d.replaced_bytes, 0);
    }

    #[test]
    fn invalid_utf8_is_replaced_and_counted() {
        let d = load_bytes(b"ok \xff\xfe here.\n\nand \xc3 there.").expect("loads");
        assert_eq!(d.replaced_bytes, 3);
        assert!(d.paragraph(0).contains('\u{FFFD}'));
    }

    #[test]
    fn boms_are_stripped() {
        assert_eq!(paragraphs(b"\xEF\xBB\xBFHello."), vec!["Hello."]);
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hé.\n\nZwei.".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(paragraphs(&le), vec!["Hé.", "Zwei."]);
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Hé.".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(paragraphs(&be), vec!["Hé."]);
    }

    #[test]
    fn crlf_and_lone_cr_split_paragraphs() {
        assert_eq!(paragraphs(b"One.\r\n\r\nTwo.\r\n"), vec!["One.", "Two."]);
        assert_eq!(paragraphs(b"One.\r\rTwo.\r"), vec!["One.", "Two."]);
    }

    #[test]
    fn nul_near_the_start_is_binary() {
        assert_eq!(load_bytes(b"ELF\0\0\x01").err(), Some(LoadError::Binary(3)));
        let mut late = vec![b'a'; BINARY_SNIFF_BYTES + 10];
        late.push(0);
        let d = load_bytes(&late).expect("a late NUL is shown, not refused");
        assert!(d.paragraph(0).ends_with("^@"));
    }

    #[test]
    fn utf16_without_nul_sniffing_false_positive() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("abc".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert!(load_bytes(&le).is_ok());
    }

    #[test]
    fn soft_newlines_reflow_but_lists_stay() {
        assert_eq!(paragraphs(b"a long\nline here"), vec!["a long line here"]);
        assert_eq!(
            paragraphs(b"Items:\n- one\n- two"),
            vec!["Items:\n- one\n- two"]
        );
        assert_eq!(paragraphs(b"Code:\n    x = 1"), vec!["Code:\n    x = 1"]);
        assert_eq!(
            paragraphs(b"Steps:\n1. go\n2) stop"),
            vec!["Steps:\n1. go\n2) stop"]
        );
    }

    #[test]
    fn paragraphs_are_trimmed_and_blank_lines_may_hold_spaces() {
        assert_eq!(paragraphs(b"  one  \n \t \n\ttwo\n"), vec!["one", "two"]);
    }

    #[test]
    fn empty_input_is_an_empty_document() {
        let d = load_bytes(b"").expect("loads");
        assert!(d.is_empty());
        assert_eq!(d.title(), None);
    }

    #[test]
    fn streaming_in_any_chunk_size_gives_the_same_document() {
        let input = include_bytes!("../../assets/article.txt");
        let whole = load_bytes(input).expect("loads");
        let mixed = [b"\r\n\r\nx\ty\r\rz\r\n".as_slice(), input].concat();
        let whole_mixed = load_bytes(&mixed).expect("loads");
        for size in [1, 2, 3, 7, 64, 1000] {
            for (bytes, expected) in [(&input[..], &whole), (&mixed[..], &whole_mixed)] {
                let mut loader = Loader::new();
                let mut d = Document::default();
                for chunk in bytes.chunks(size) {
                    if let Some(block) = loader.push(chunk).expect("push") {
                        d.push_block(block);
                    }
                }
                d.push_block(loader.finish().expect("finish"));
                let got: Vec<&str> = d.paragraphs().collect();
                let want: Vec<&str> = expected.paragraphs().collect();
                assert_eq!(got, want, "chunk size {size}");
            }
        }
    }
}
