//! Formats margin reads besides plain text: Markdown and HTML are turned
//! into plain reading text (paragraphs separated by blank lines), which then
//! goes through the same load path as a text file, so detection, search,
//! bookmarks, `--print` and `--export` all see the rendered text.
//!
//! Pure: bytes in, text out. Choosing the format from a path's extension
//! is a string test; reading the file is `source`'s.

pub mod html;
mod incoming;
pub mod markdown;
mod out;
mod sniff;
pub mod style;

use std::path::Path;

pub use incoming::Incoming;
pub use sniff::sniff;

/// How much of the input the binary check looks at, as the loader does.
pub const BINARY_SNIFF_BYTES: usize = 8000;

/// What the input is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Markdown,
    Html,
}

impl Format {
    /// The name the status bar shows.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }

    /// The format a file's extension names, if it names one. `.txt` is
    /// text: a file its owner called text is not second-guessed.
    pub fn from_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }
}

/// Reading text made from a Markdown or HTML source.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Converted {
    /// With its style marks (see [`style`]), which the loader takes out.
    pub text: String,
    /// Source bytes that were not valid in their encoding (each run became U+FFFD).
    pub replaced_bytes: usize,
    /// The headings' text as written in `text`: repair must not join them.
    pub headings: Vec<String>,
}

/// Refused input: a NUL byte near the start, as for text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binary(pub usize);

/// A source decoded, ready to be converted piece by piece.
#[derive(Debug)]
pub struct Source {
    format: Format,
    text: String,
    /// Source bytes that were not valid in their encoding (each run became U+FFFD).
    pub replaced_bytes: usize,
}

/// Decodes a source: its BOM, else (HTML) the charset it declares, else
/// UTF-8. Refuses a NUL near the start, as for text.
pub fn decode_source(format: Format, bytes: &[u8]) -> Result<Source, Binary> {
    let (encoding, body) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom)) => (Some(encoding), &bytes[bom..]),
        None => (None, bytes),
    };
    // UTF-16 is full of NULs; every other encoding is checked like text.
    let utf16 = encoding.is_some_and(|e| e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE);
    if !utf16 && let Some(at) = memchr::memchr(0, &body[..body.len().min(BINARY_SNIFF_BYTES)]) {
        return Err(Binary(at));
    }
    let declared = match (encoding, format) {
        (None, Format::Html) => html::declared_charset(body),
        _ => None,
    };
    let (text, replaced_bytes) = decode(encoding.or(declared), body);
    Ok(Source {
        format,
        text,
        replaced_bytes,
    })
}

impl Source {
    pub fn stream(self) -> Stream {
        match self.format {
            Format::Text => Stream::Text(Some(self.text)),
            Format::Markdown => Stream::Markdown(Box::new(markdown::Stream::new(self.text))),
            Format::Html => Stream::Html(Box::new(html::Stream::new(self.text))),
        }
    }
}

/// A source converted piece by piece: the first piece is small, so a huge
/// file's first screen does not wait for the rest.
pub enum Stream {
    Text(Option<String>),
    Markdown(Box<markdown::Stream>),
    Html(Box<html::Stream>),
}

impl Stream {
    /// The reading text of the next piece (pieces follow each other as they
    /// are) and the headings in it, as the loader will read them; None at the end.
    pub fn next_piece(&mut self) -> Option<(String, Vec<String>)> {
        match self {
            Stream::Text(text) => text.take().map(|t| (t, Vec::new())),
            Stream::Markdown(stream) => stream.next_piece(),
            Stream::Html(stream) => stream.next_piece(),
        }
    }
}

/// Converts a whole source to reading text. Plain text is returned
/// decoded, unchanged (the loader sanitises every format alike).
pub fn convert(format: Format, bytes: &[u8]) -> Result<Converted, Binary> {
    let source = decode_source(format, bytes)?;
    let replaced_bytes = source.replaced_bytes;
    let mut stream = source.stream();
    let (mut text, mut headings) = (String::new(), Vec::new());
    while let Some((piece, more)) = stream.next_piece() {
        text.push_str(&piece);
        headings.extend(more);
    }
    Ok(Converted {
        text,
        replaced_bytes,
        headings,
    })
}

/// Decodes `bytes` (without BOM) as `encoding`, UTF-8 when none is known;
/// counts the bytes that were not valid.
fn decode(encoding: Option<&'static encoding_rs::Encoding>, bytes: &[u8]) -> (String, usize) {
    match encoding {
        Some(encoding) if encoding != encoding_rs::UTF_8 => {
            let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
            // encoding_rs does not count; each U+FFFD it wrote stands for
            // at least one bad byte (one in the source is counted too: rare).
            let replaced = if had_errors {
                text.chars().filter(|&c| c == '\u{FFFD}').count()
            } else {
                0
            };
            (text.into_owned(), replaced)
        }
        _ => crate::decode::utf8_lossy_counted(bytes),
    }
}

#[cfg(test)]
mod tests;
