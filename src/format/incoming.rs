//! A Markdown source read as it arrives (standard input, a pipe): decoded
//! line by line and converted piece by piece as each piece's end arrives,
//! so the first screen does not wait for the pipe to end. The text is the
//! same as the whole source's (see `markdown::Stream::growing`).

use super::{BINARY_SNIFF_BYTES, Binary, Format, markdown};

/// UTF-8's byte order mark, which is not text.
const BOM: &[u8] = b"\xEF\xBB\xBF";

pub struct Incoming {
    stream: markdown::Stream,
    /// Bytes after the last line break: their line is not all there.
    pending: Vec<u8>,
    /// Source bytes that were not valid UTF-8 (each run became U+FFFD).
    pub replaced_bytes: usize,
}

impl Incoming {
    /// Whether a source of `format` that starts with `prefix` can be read
    /// as it arrives: Markdown in UTF-8 (not UTF-16, whose BOM says so).
    pub fn can_read(format: Format, prefix: &[u8]) -> bool {
        let utf16 = prefix.starts_with(b"\xFF\xFE") || prefix.starts_with(b"\xFE\xFF");
        format == Format::Markdown && !utf16
    }

    /// Starts with the source's first bytes: all of it, or at least the
    /// [`BINARY_SNIFF_BYTES`] in which a NUL refuses it as binary.
    pub fn new(prefix: &[u8]) -> Result<Self, Binary> {
        let body = prefix.strip_prefix(BOM).unwrap_or(prefix);
        if let Some(at) = memchr::memchr(0, &body[..body.len().min(BINARY_SNIFF_BYTES)]) {
            return Err(Binary(at));
        }
        let mut incoming = Incoming {
            stream: markdown::Stream::growing(),
            pending: Vec::new(),
            replaced_bytes: 0,
        };
        incoming.push(body);
        Ok(incoming)
    }

    /// Adds bytes that arrived.
    pub fn push(&mut self, bytes: &[u8]) {
        // A line break is never inside a UTF-8 sequence, nor inside a run
        // of bad bytes: whole lines decode as they would in the whole.
        let Some(last) = memchr::memrchr(b'\n', bytes) else {
            self.pending.extend_from_slice(bytes);
            return;
        };
        self.pending.extend_from_slice(&bytes[..=last]);
        let (text, replaced) = crate::decode::utf8_lossy_counted(&self.pending);
        self.replaced_bytes += replaced;
        self.stream.push_source(&text);
        self.pending.clear();
        self.pending.extend_from_slice(&bytes[last + 1..]);
    }

    /// The source ended.
    pub fn end(&mut self) {
        let (text, replaced) = crate::decode::utf8_lossy_counted(&self.pending);
        self.replaced_bytes += replaced;
        self.pending = Vec::new();
        self.stream.end_source(&text);
    }

    /// The next piece converted, when its end has arrived.
    pub fn next_piece(&mut self) -> Option<(String, Vec<String>)> {
        self.stream.next_piece()
    }

    /// Whether every piece was given (the source ended).
    pub fn is_done(&self) -> bool {
        self.stream.is_done()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// All the pieces an input gives when it arrives in parts of `part` bytes.
    fn arriving(bytes: &[u8], part: usize) -> (String, Vec<String>, usize) {
        let first = bytes.len().min(BINARY_SNIFF_BYTES);
        let mut incoming = Incoming::new(&bytes[..first]).expect("not binary");
        let (mut text, mut headings) = (String::new(), Vec::new());
        let mut parts = bytes[first..].chunks(part.max(1));
        while !incoming.is_done() {
            while let Some((piece, found)) = incoming.next_piece() {
                text.push_str(&piece);
                headings.extend(found);
            }
            match parts.next() {
                Some(part) => incoming.push(part),
                None => incoming.end(),
            }
        }
        (text, headings, incoming.replaced_bytes)
    }

    #[test]
    fn markdown_read_as_it_arrives_reads_as_markdown_whole() {
        let notes = include_str!("../../tests/fixtures/formats/notes.md");
        let body = notes.split("---\n").nth(2).expect("after front matter");
        let mut source = format!("\u{FEFF}{notes}");
        for i in 0..200 {
            source.push_str(&format!(
                "\n\n## Part {i}\n\n1. one\n\n2. two [ref][r] [not a link]\n\n```\nfenced\n\n\
                 still code {i}\n```\n\nbad \u{FFFD} byte\n\n{body}"
            ));
        }
        source.push_str("\n\n[r]: https://example.com/defined-at-the-end\n\nLast line, no break");
        let mut bytes = source.into_bytes();
        // Invalid bytes, one cut across a line's end, must count alike.
        bytes.extend_from_slice(b" \xff\xfe end\n\xc3");
        let whole = super::super::convert(Format::Markdown, &bytes).expect("converts");
        assert!(whole.text.contains("two ref[2]"), "reference resolved");
        assert!(whole.text.len() > 64 << 10, "big enough to be cut");
        for part in [1, 7, 4096, 100_000, usize::MAX] {
            let (text, headings, replaced) = arriving(&bytes, part);
            assert!(text == whole.text, "in parts of {part}: the text differs");
            assert_eq!(headings, whole.headings, "in parts of {part}");
            assert_eq!(replaced, whole.replaced_bytes, "in parts of {part}");
        }
    }

    /// A piece comes as soon as the next block's first line has arrived
    /// (a slow pipe shows what came), and a piece with a link to a
    /// reference not yet defined waits for it.
    #[test]
    fn a_piece_comes_as_soon_as_its_end_has_arrived() {
        let mut incoming = Incoming::new(b"# Title\n\nFirst paragraph.\n").expect("text");
        assert_eq!(
            incoming.next_piece(),
            Some(("Title".into(), vec!["Title".into()]))
        );
        assert_eq!(incoming.next_piece(), None, "the paragraph may go on");
        incoming.push(b"\nNext");
        assert_eq!(incoming.next_piece(), None, "'Next' may be '- Next'");
        incoming.push(b" block.\n\n");
        let (text, headings) = incoming.next_piece().expect("a piece");
        assert_eq!(text, "\n\nFirst paragraph.");
        assert!(headings.is_empty());
        assert_eq!(incoming.next_piece(), None);
        incoming.push(b"A [link][later].\n\nMore.\n\n");
        assert_eq!(incoming.next_piece(), None, "waits for [later]");
        incoming.push(b"[other]: /o\n\nStill more.\n\n");
        assert_eq!(incoming.next_piece(), None, "waits for [later] still");
        incoming.push(b"[later]: /l\n\nEnd.\n");
        let (text, _) = incoming.next_piece().expect("the definition came");
        assert_eq!(
            text,
            "\n\nNext block.\n\nA link[1].\n\nMore.\n\nStill more."
        );
        incoming.end();
        assert_eq!(
            incoming.next_piece().expect("the rest").0,
            "\n\nEnd.\n\nLinks\n\n1. /l"
        );
        assert!(incoming.is_done());
        assert!(Incoming::new(b"ab\0c").is_err());
        assert!(!Incoming::can_read(Format::Markdown, b"\xFF\xFEa\0"));
        assert!(!Incoming::can_read(Format::Html, b"<p>"));
    }
}
