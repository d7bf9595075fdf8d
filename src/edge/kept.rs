//! The bytes of a converted article read from a stream (standard input, a
//! FIFO), kept for `r` to show its source as written: a stream cannot be
//! read again, as a file is.

use std::sync::{Arc, Mutex, PoisonError};

use crate::document::Document;

/// Shared between the thread that reads the stream and the event loop.
#[derive(Debug, Clone, Default)]
pub struct KeptSource(Arc<Mutex<Kept>>);

#[derive(Debug, Default)]
struct Kept {
    bytes: Vec<u8>,
    complete: bool,
}

impl KeptSource {
    /// A source whose first bytes are `start`; more may come.
    pub fn new(start: Vec<u8>) -> Self {
        Self(Arc::new(Mutex::new(Kept {
            bytes: start,
            complete: false,
        })))
    }

    /// A source read whole.
    pub fn whole(bytes: Vec<u8>) -> Self {
        let kept = Self::new(bytes);
        kept.complete();
        kept
    }

    fn with<T>(&self, f: impl FnOnce(&mut Kept) -> T) -> T {
        let mut kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        f(&mut kept)
    }

    pub fn push(&self, bytes: &[u8]) {
        self.with(|k| k.bytes.extend_from_slice(bytes));
    }

    /// The stream ended: the bytes are the whole source.
    pub fn complete(&self) {
        self.with(|k| k.complete = true);
    }

    pub fn is_complete(&self) -> bool {
        self.with(|k| k.complete)
    }

    /// The source loaded as text, once it is complete; its bytes are then
    /// let go (the reader keeps the document).
    pub fn load(&self) -> Result<Document, String> {
        let bytes = self.with(|k| {
            if k.complete {
                Ok(std::mem::take(&mut k.bytes))
            } else {
                Err("the source is still arriving".to_owned())
            }
        })?;
        verbatim(&bytes)
    }
}

/// A source's bytes loaded as written (see [`crate::load::load_verbatim`]).
pub fn verbatim(bytes: &[u8]) -> Result<Document, String> {
    let text = crate::format::convert(crate::format::Format::Text, bytes)
        .map_err(|crate::format::Binary(at)| format!("the source has a NUL byte at {at}"))?;
    Ok(crate::load::load_verbatim(text.text, text.replaced_bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_is_loaded_once_complete() {
        let kept = KeptSource::new(b"# Title\n\n".to_vec());
        kept.push(b"Some **bold** text.\n");
        assert!(kept.load().is_err(), "not complete yet");
        kept.complete();
        let doc = kept.load().expect("loads");
        assert_eq!(
            doc.raw_paragraphs().collect::<Vec<_>>(),
            ["# Title", "Some **bold** text."]
        );
    }

    #[test]
    fn every_line_of_the_source_keeps_its_break() {
        let doc = verbatim(b"---\ntitle: T\n---\n\n```\nfn main() {\n}\n```\n").expect("loads");
        assert_eq!(
            doc.raw_paragraphs().collect::<Vec<_>>(),
            ["---\ntitle: T\n---", "```\nfn main() {\n}\n```"]
        );
    }
}
