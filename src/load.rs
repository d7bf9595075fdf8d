//! Bytes to [`Block`]s: decode, refuse binaries, sanitise, split paragraphs.
//!
//! Pure and incremental: the reader at the edge (`source`) feeds whatever it
//! has read, and every complete run of paragraphs comes out as a block, so the
//! first screen can be drawn before a huge file is read to its end.

use std::ops::Range;

use thiserror::Error;

use crate::document::{Block, Document};
use crate::sanitise::sanitise;

/// How far into the input a NUL byte marks a binary file (git's and grep's rule of thumb).
const BINARY_SNIFF_BYTES: usize = 8000;

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
    pending: Vec<u8>,
    encoding: Encoding,
    /// Bytes of the stream already checked for NUL.
    sniffed: usize,
    replaced: usize,
    scan: BoundaryScan,
}

impl Default for Loader {
    fn default() -> Self {
        Self::new()
    }
}

impl Loader {
    pub fn new() -> Self {
        Self {
            pending: Vec::new(),
            encoding: Encoding::Unknown,
            sniffed: 0,
            replaced: 0,
            scan: BoundaryScan::default(),
        }
    }

    /// Bytes that were not valid UTF-8 (or UTF-16) and became U+FFFD so far.
    pub fn replaced_bytes(&self) -> usize {
        self.replaced
    }

    /// Feeds bytes; returns a block when a paragraph break completed one.
    pub fn push(&mut self, bytes: &[u8]) -> Result<Option<Block>, LoadError> {
        self.pending.extend_from_slice(bytes);
        if self.encoding == Encoding::Unknown {
            if self.pending.len() < 3 {
                return Ok(None);
            }
            self.sniff_encoding();
        }
        if matches!(self.encoding, Encoding::Utf16Le | Encoding::Utf16Be) {
            // UTF-16 has no cheap paragraph boundary in bytes; decode at the end.
            return Ok(None);
        }
        self.check_binary()?;
        let Some(cut) = self.scan.advance(&self.pending) else {
            return Ok(None);
        };
        let rest = self.pending.split_off(cut);
        let complete = std::mem::replace(&mut self.pending, rest);
        self.scan.rebase(cut);
        Ok(Some(self.block_from_utf8(&complete)))
    }

    /// Ends the input; returns the last block.
    pub fn finish(&mut self) -> Result<Block, LoadError> {
        if self.encoding == Encoding::Unknown {
            self.sniff_encoding();
        }
        let bytes = std::mem::take(&mut self.pending);
        match self.encoding {
            Encoding::Utf16Le | Encoding::Utf16Be => Ok(self.block_from_utf16(&bytes)),
            _ => {
                self.pending = bytes;
                self.check_binary()?;
                let bytes = std::mem::take(&mut self.pending);
                Ok(self.block_from_utf8(&bytes))
            }
        }
    }

    fn sniff_encoding(&mut self) {
        let p = &self.pending;
        self.encoding = if p.starts_with(&[0xEF, 0xBB, 0xBF]) {
            self.pending.drain(..3);
            Encoding::Utf8
        } else if p.starts_with(&[0xFF, 0xFE]) {
            self.pending.drain(..2);
            Encoding::Utf16Le
        } else if p.starts_with(&[0xFE, 0xFF]) {
            self.pending.drain(..2);
            Encoding::Utf16Be
        } else {
            Encoding::Utf8
        };
    }

    /// Refuses the input when a NUL byte falls in the first
    /// `BINARY_SNIFF_BYTES` of the stream (after any BOM).
    fn check_binary(&mut self) -> Result<(), LoadError> {
        let offset = self.scan.consumed; // stream offset of pending[0]
        let window_end = BINARY_SNIFF_BYTES
            .saturating_sub(offset)
            .min(self.pending.len());
        let start = self.sniffed.saturating_sub(offset).min(window_end);
        if let Some(i) = self.pending[start..window_end].iter().position(|&b| b == 0) {
            return Err(LoadError::Binary(offset + start + i));
        }
        self.sniffed = offset + window_end;
        Ok(())
    }

    fn block_from_utf8(&mut self, bytes: &[u8]) -> Block {
        if let Ok(text) = std::str::from_utf8(bytes) {
            return block_from_text(text);
        }
        let mut text = String::with_capacity(bytes.len());
        for chunk in bytes.utf8_chunks() {
            text.push_str(chunk.valid());
            if !chunk.invalid().is_empty() {
                self.replaced += chunk.invalid().len();
                text.push('\u{FFFD}');
            }
        }
        block_from_text(&text)
    }

    fn block_from_utf16(&mut self, bytes: &[u8]) -> Block {
        let units = bytes.chunks(2).map(|pair| match (self.encoding, pair) {
            (Encoding::Utf16Le, [a, b]) => u16::from_le_bytes([*a, *b]),
            (_, [a, b]) => u16::from_be_bytes([*a, *b]),
            _ => 0xFFFD,
        });
        let mut text = String::with_capacity(bytes.len() / 2);
        for unit in char::decode_utf16(units) {
            match unit {
                Ok(c) => text.push(c),
                Err(_) => {
                    self.replaced += 2;
                    text.push('\u{FFFD}');
                }
            }
        }
        if bytes.len() % 2 == 1 {
            self.replaced += 1;
        }
        block_from_text(&text)
    }
}

/// Finds the last blank line in the bytes seen so far, scanning each byte once.
#[derive(Debug, Default)]
struct BoundaryScan {
    /// Next byte of `pending` to look at.
    at: usize,
    seen_newline: bool,
    line_blank: bool,
    /// Bytes of the stream cut into blocks so far.
    consumed: usize,
}

impl BoundaryScan {
    /// Returns where to cut `pending`: just after the last blank line.
    fn advance(&mut self, pending: &[u8]) -> Option<usize> {
        let mut cut = None;
        while self.at < pending.len() {
            let b = pending[self.at];
            match b {
                b'\r' if self.at + 1 == pending.len() => break, // CR LF may be split
                b'\r' if pending[self.at + 1] == b'\n' => {}
                b'\n' | b'\r' => {
                    if self.seen_newline && self.line_blank {
                        cut = Some(self.at + 1);
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

    fn rebase(&mut self, cut: usize) {
        self.at -= cut;
        self.consumed += cut;
    }
}

/// Sanitises text and splits it into paragraphs on blank lines. Within a
/// paragraph a single newline is a soft break (a space), as in Markdown,
/// unless the next line is indented or a list item.
pub fn block_from_text(decoded: &str) -> Block {
    let sanitised = sanitise(decoded);
    let mut bytes = sanitised.text.into_bytes();
    let paragraphs = split_paragraphs(&mut bytes);
    // Only ASCII newlines were turned into ASCII spaces: still UTF-8.
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Block {
        text,
        paragraphs,
        escapes: sanitised.escapes,
    }
}

fn split_paragraphs(bytes: &mut [u8]) -> Vec<Range<usize>> {
    let mut paragraphs = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut soft_breaks = Vec::new();
    let mut line_start = 0;
    while line_start <= bytes.len() {
        let line_end = bytes[line_start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| line_start + i);
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
                        if !is_hard_break(line) {
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
    for i in soft_breaks {
        bytes[i] = b' ';
    }
    paragraphs
}

/// A line that keeps the newline before it: indented, or a list item.
fn is_hard_break(line: &[u8]) -> bool {
    if line.starts_with(b"  ") {
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

/// Loads a whole input at once.
pub fn load_bytes(bytes: &[u8]) -> Result<Document, LoadError> {
    let mut loader = Loader::new();
    let mut document = Document::default();
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

    fn paragraphs(bytes: &[u8]) -> Vec<String> {
        let mut d = load_bytes(bytes).expect("loads");
        d.set_view(crate::document::View::Raw);
        d.paragraphs().map(str::to_owned).collect()
    }

    #[test]
    fn bundled_article_loads_and_repairs() {
        let d = load_bytes(include_bytes!("../assets/article.txt")).expect("loads");
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
        let input = include_bytes!("../assets/article.txt");
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
