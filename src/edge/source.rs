//! Reading an article from a file, standard input or the bundled copy: the
//! only code that reads article files. Decoding and splitting are `load`'s.

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use thiserror::Error;

use crate::document::{Block, Document};
use crate::format::{self, Format};
use crate::kept::KeptSource;
use crate::load::{LoadError, Loader, RawBlock};
use crate::pipe::{self, Probe, ReadAhead};
use crate::sanitise::for_message;

/// The article shipped inside the binary (kept in the core: its tests
/// read it too).
pub use crate::load::BUNDLED;

/// Bytes read per call: large enough to be fast, small enough to show the
/// first screen of a huge file early.
const READ_BLOCK: usize = 1 << 20;

/// Text loaded before the first frame: a few screens, whatever the file size.
const FIRST_SCREEN_BYTES: u64 = 64 << 10;

#[derive(Debug, Error)]
pub enum SourceError {
    #[error("cannot open '{path}': {reason}")]
    Open { path: String, reason: String },
    #[error("cannot read '{path}': it is a directory")]
    Directory { path: String },
    #[error("cannot read '{path}': {reason}")]
    Read { path: String, reason: String },
    #[error("cannot show '{path}': {reason}")]
    Load { path: String, reason: LoadError },
}

/// The name shown for a path: sanitised, as typed.
pub fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        return "standard input".to_owned();
    }
    for_message(&path.to_string_lossy())
}

/// What arrives from a reader thread while a file loads.
#[derive(Debug)]
pub enum LoadEvent {
    Block {
        block: Block,
        bytes_read: u64,
    },
    /// The input ended: the text after its last paragraph break, and the
    /// count of bytes that were not valid text.
    Done {
        last: Block,
        replaced_bytes: usize,
    },
    Failed(SourceError),
}

/// An article whose start is loaded; the rest streams with [`Opened::stream`].
pub struct Opened {
    /// What the first read produced: enough for the first screen.
    pub document: Document,
    /// Input size when known (a file), for progress.
    pub size: Option<u64>,
    /// What the input is written in (a converted one streams its reading text).
    pub format: Format,
    pub bytes_read: u64,
    name: String,
    input: Option<Box<dyn Read + Send>>,
    loader: Loader,
    /// Input bytes that were not valid text, in the blocks decoded so far.
    replaced: usize,
    /// Those of a source converted as it arrives, known at its end.
    replaced_in_source: Option<Arc<AtomicUsize>>,
    /// For a pipe: whether the writer has paused.
    probe: Option<Probe>,
    /// For a pipe read by the reader: how far to read.
    read_ahead: Option<Arc<ReadAhead>>,
    /// A converted article read from a stream: its source, for `r`.
    pub kept: Option<KeptSource>,
}

/// What one read gave: input cut at a paragraph break, still to decode, on
/// whichever thread has the time.
enum Raw {
    Block {
        raw: RawBlock,
        bytes_read: u64,
    },
    /// The last block, and the source's bytes that were not valid text
    /// when they are only known at the end.
    End(RawBlock, usize),
    Failed(SourceError),
}

/// Decodes what a read gave, adding what was not valid text to `replaced`.
fn decode(raw: Raw, replaced: &mut usize) -> LoadEvent {
    let mut decode = |raw: RawBlock| {
        let (block, bad) = raw.decode();
        *replaced += bad;
        block
    };
    match raw {
        Raw::Block { raw, bytes_read } => LoadEvent::Block {
            block: decode(raw),
            bytes_read,
        },
        Raw::End(raw, in_source) => {
            let last = decode(raw);
            *replaced += in_source;
            LoadEvent::Done {
                last,
                replaced_bytes: *replaced,
            }
        }
        Raw::Failed(error) => LoadEvent::Failed(error),
    }
}

/// Opens an article and reads its first block. Everything a user must be
/// told before the terminal is taken (missing, directory, binary) fails here.
pub fn open(path: &Path) -> Result<Opened, SourceError> {
    open_as(path, None)
}

/// [`open`], read as `format`, else as its extension says, else as its
/// first bytes look. Markdown is converted as it arrives, HTML (and
/// UTF-16 Markdown) is read whole, then converted (pure, in `format`);
/// their reading text then streams like a text file's.
pub fn open_as(path: &Path, format: Option<Format>) -> Result<Opened, SourceError> {
    let name = display_name(path);
    let (input, size, probe) = if path == Path::new("-") {
        (
            Box::new(io::stdin()) as Box<dyn Read + Send>,
            None,
            stdin_probe(),
        )
    } else {
        let file = File::open(path).map_err(|e| SourceError::Open {
            path: name.clone(),
            reason: reason(&e),
        })?;
        let metadata = file.metadata().ok();
        if metadata.as_ref().is_some_and(|m| m.is_dir()) {
            return Err(SourceError::Directory { path: name });
        }
        // A FIFO or a device: a stream like standard input, of no known size.
        let regular = metadata.as_ref().is_none_or(|m| m.is_file());
        let probe = if regular { None } else { file_probe(&file) };
        let size = metadata.filter(|_| regular).map(|m| m.len());
        (Box::new(file) as Box<dyn Read + Send>, size, probe)
    };
    let chosen = format.or_else(|| Format::from_path(path));
    if chosen == Some(Format::Text) {
        return Opened::start(input, size, probe, name);
    }
    let mut input = input;
    let read_error = |e: io::Error| SourceError::Read {
        path: name.clone(),
        reason: reason(&e),
    };
    // One read: a pipe gives what it has, and a pipe that pauses must
    // not keep a text from showing.
    let mut prefix = vec![0; SNIFF_BYTES];
    let n = loop {
        match input.read(&mut prefix) {
            Ok(n) => break n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(read_error(e)),
        }
    };
    prefix.truncate(n);
    let format = chosen.unwrap_or_else(|| format::sniff(&prefix));
    if format == Format::Text {
        let input = Box::new(io::Cursor::new(prefix).chain(input));
        return Opened::start(input, size, probe, name);
    }
    // Markdown is converted as it arrives: the first screen waits neither
    // for a pipe to end nor for a big file to be read and decoded whole.
    if format::Incoming::can_read(format, &prefix) {
        return open_arriving(input, prefix, name, (probe.is_some(), size.is_none()));
    }
    let mut bytes = prefix;
    input.read_to_end(&mut bytes).map_err(read_error)?;
    let source =
        format::decode_source(format, &bytes).map_err(|format::Binary(at)| SourceError::Load {
            path: name.clone(),
            reason: LoadError::Binary(at),
        })?;
    // A stream cannot be read again for `r`: its bytes are kept.
    let kept = size.is_none().then(|| KeptSource::whole(bytes));
    let replaced = source.replaced_bytes;
    let headings = Arc::new(RwLock::new(HashSet::new()));
    let converted = convert_in_thread(source, Arc::clone(&headings)).map_err(read_error)?;
    let mut opened = Opened::start_with(
        Box::new(converted),
        None,
        None,
        name,
        (replaced, Some(headings)),
    )?;
    opened.format = format;
    opened.kept = kept;
    Ok(opened)
}

/// Opens Markdown (from a file or a pipe), of which `prefix` came:
/// a thread reads and converts it piece by piece as each piece's end
/// arrives (see `format::Incoming`), a few pieces ahead of the reader.
fn open_arriving(
    mut input: Box<dyn Read + Send>,
    mut prefix: Vec<u8>,
    name: String,
    (stream, keep): (bool, bool),
) -> Result<Opened, SourceError> {
    let read_error = |e: io::Error| SourceError::Read {
        path: name.clone(),
        reason: reason(&e),
    };
    // The binary check looks at its bytes (or all, when fewer come); from
    // a pipe, at those that came: it may pause, and a NUL that comes later
    // is shown as U+FFFD like any other.
    while !stream && prefix.len() < format::BINARY_SNIFF_BYTES {
        let had = prefix.len();
        prefix.resize(format::BINARY_SNIFF_BYTES, 0);
        let n = read_some(&mut input, &mut prefix[had..]).map_err(read_error)?;
        prefix.truncate(had + n);
        if n == 0 {
            break;
        }
    }
    let incoming =
        format::Incoming::new(&prefix).map_err(|format::Binary(at)| SourceError::Load {
            path: name.clone(),
            reason: LoadError::Binary(at),
        })?;
    let kept = keep.then(|| KeptSource::new(prefix));
    let headings = Arc::new(RwLock::new(HashSet::new()));
    let replaced = Arc::new(AtomicUsize::new(0));
    let (sender, receiver) = std::sync::mpsc::sync_channel::<io::Result<Vec<u8>>>(2);
    let (found, counted) = (Arc::clone(&headings), Arc::clone(&replaced));
    let keeping = kept.clone();
    std::thread::Builder::new()
        .name("convert".into())
        .spawn(move || {
            let mut incoming = incoming;
            let mut buffer = vec![0; READ_BLOCK];
            while !incoming.is_done() {
                while let Some(piece) = incoming.next_piece() {
                    if !hand_over(piece, &found, &sender) {
                        return;
                    }
                }
                match read_some(&mut input, &mut buffer) {
                    Ok(0) => incoming.end(),
                    Ok(n) => {
                        incoming.push(&buffer[..n]);
                        keeping.iter().for_each(|k| k.push(&buffer[..n]));
                    }
                    Err(e) => {
                        let _ = sender.send(Err(e));
                        return;
                    }
                }
            }
            // The reader's text ends when this thread drops `sender`: after this.
            counted.store(incoming.replaced_bytes, Ordering::Release);
            keeping.iter().for_each(KeptSource::complete);
        })
        .map_err(read_error)?;
    let converted = ConvertedText::new(receiver);
    // From a pipe, the text streams as a pipe's does: the first screen shows
    // what came, and the pipe is read no further ahead than the reader wants.
    let probe = stream.then(|| converted.probe());
    let mut opened =
        Opened::start_with(Box::new(converted), None, probe, name, (0, Some(headings)))?;
    opened.replaced_in_source = Some(replaced);
    opened.format = Format::Markdown;
    opened.kept = kept;
    Ok(opened)
}

/// Hands a converted piece to the reader, its headings first (they must be
/// known before their text arrives); false when the reader went away
/// (margin quit): converting stops.
fn hand_over(
    (text, found): (String, Vec<String>),
    headings: &RwLock<HashSet<String>>,
    sender: &std::sync::mpsc::SyncSender<io::Result<Vec<u8>>>,
) -> bool {
    if !found.is_empty()
        && let Ok(mut set) = headings.write()
    {
        set.extend(found);
    }
    text.is_empty() || sender.send(Ok(text.into_bytes())).is_ok()
}

/// One read, again when interrupted.
fn read_some(input: &mut impl Read, buffer: &mut [u8]) -> io::Result<usize> {
    loop {
        match input.read(buffer) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

/// Converts `source` in a thread of its own, piece by piece, a few pieces
/// ahead of the reader: the first screen waits for the first piece only.
/// Each piece's headings are added to `headings` before its text is sent.
fn convert_in_thread(
    source: format::Source,
    headings: Arc<RwLock<HashSet<String>>>,
) -> io::Result<ConvertedText> {
    let (sender, receiver) = std::sync::mpsc::sync_channel::<io::Result<Vec<u8>>>(2);
    std::thread::Builder::new()
        .name("convert".into())
        .spawn(move || {
            let mut stream = source.stream();
            while let Some(piece) = stream.next_piece() {
                if !hand_over(piece, &headings, &sender) {
                    return;
                }
            }
        })?;
    Ok(ConvertedText::new(receiver))
}

/// The reading text as the converting thread sends it (or the error that
/// stopped it reading its source).
struct ConvertedText(Arc<Mutex<Pieces>>);

struct Pieces {
    receiver: std::sync::mpsc::Receiver<io::Result<Vec<u8>>>,
    piece: Vec<u8>,
    at: usize,
    /// Every piece sent (or an error, read once).
    ended: Option<io::Result<()>>,
}

impl ConvertedText {
    fn new(receiver: std::sync::mpsc::Receiver<io::Result<Vec<u8>>>) -> Self {
        ConvertedText(Arc::new(Mutex::new(Pieces {
            receiver,
            piece: Vec::new(),
            at: 0,
            ended: None,
        })))
    }

    /// A probe, as for a pipe: whether text is there to read within the
    /// time given (a source that pauses shows what came).
    fn probe(&self) -> Probe {
        let pieces = Arc::clone(&self.0);
        Box::new(move |timeout| {
            let Ok(mut pieces) = pieces.lock() else {
                return true;
            };
            pieces.at < pieces.piece.len() || pieces.ended.is_some() || pieces.wait(Some(timeout))
        })
    }
}

impl Pieces {
    /// Waits for the next piece (at most `timeout`); whether one came or
    /// the text ended.
    fn wait(&mut self, timeout: Option<Duration>) -> bool {
        let next = match timeout {
            Some(timeout) => match self.receiver.recv_timeout(timeout) {
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => return false,
                other => other.ok(),
            },
            None => self.receiver.recv().ok(),
        };
        match next {
            Some(Ok(piece)) => {
                self.piece = piece;
                self.at = 0;
            }
            Some(Err(error)) => self.ended = Some(Err(error)),
            None => self.ended = Some(Ok(())),
        }
        true
    }
}

impl Read for ConvertedText {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let mut pieces = self
            .0
            .lock()
            .map_err(|_| io::Error::other("the converting thread failed"))?;
        while pieces.at == pieces.piece.len() {
            match pieces.ended.take() {
                Some(result) => {
                    pieces.ended = Some(Ok(()));
                    result?;
                    return Ok(0);
                }
                None => {
                    pieces.wait(None);
                }
            }
        }
        let n = buffer.len().min(pieces.piece.len() - pieces.at);
        let at = pieces.at;
        buffer[..n].copy_from_slice(&pieces.piece[at..at + n]);
        pieces.at += n;
        Ok(n)
    }
}

/// Bytes looked at to tell the format of an input its name does not give.
const SNIFF_BYTES: usize = 16 << 10;

#[cfg(unix)]
fn stdin_probe() -> Option<Probe> {
    Some(pipe::probe(io::stdin()))
}

#[cfg(unix)]
fn file_probe(file: &File) -> Option<Probe> {
    file.try_clone().ok().map(pipe::probe)
}

#[cfg(not(unix))]
fn stdin_probe() -> Option<Probe> {
    None
}

#[cfg(not(unix))]
fn file_probe(_: &File) -> Option<Probe> {
    None
}

/// The bundled article, complete. It is plain text (tests load it), so the
/// binary check cannot refuse it.
pub fn bundled() -> Document {
    crate::load::load_bytes(BUNDLED.as_bytes()).unwrap_or_default()
}

impl Opened {
    fn start(
        input: Box<dyn Read + Send>,
        size: Option<u64>,
        probe: Option<Probe>,
        name: String,
    ) -> Result<Self, SourceError> {
        Self::start_with(input, size, probe, name, (0, None))
    }

    /// [`Opened::start`] for text converted from a source in which
    /// `replaced` bytes were not valid, with the headings it had.
    fn start_with(
        input: Box<dyn Read + Send>,
        size: Option<u64>,
        probe: Option<Probe>,
        name: String,
        (replaced, headings): (usize, Option<Arc<RwLock<HashSet<String>>>>),
    ) -> Result<Self, SourceError> {
        let mut document = Document::default();
        // Only converted text comes with headings, and with style marks.
        let loader = if headings.is_some() {
            Loader::converted()
        } else {
            Loader::new()
        };
        if let Some(headings) = headings {
            document.set_headings(headings);
        }
        let mut opened = Opened {
            document,
            size,
            format: Format::Text,
            bytes_read: 0,
            name,
            input: Some(input),
            loader,
            replaced,
            replaced_in_source: None,
            probe,
            read_ahead: None,
            kept: None,
        };
        // Read until the first screen's worth is there (or the input ends),
        // so the first frame shows text and a binary file is refused now. A
        // pipe stops at its first text: the rest may be slow or endless.
        let is_pipe = opened.probe.is_some();
        while opened.input.is_some()
            && opened.document.total_bytes() < FIRST_SCREEN_BYTES
            && (!is_pipe || opened.document.is_empty())
        {
            // Small reads here: the first frame waits for this text to be
            // sanitised and detected, so read no more than the first screen needs.
            let event = opened.read_block(FIRST_SCREEN_BYTES as usize)?;
            opened.take_in(event);
        }
        Ok(opened)
    }

    /// Adds what a read produced to the document.
    fn take_in(&mut self, event: Option<LoadEvent>) {
        match event {
            Some(LoadEvent::Block { block, .. }) => self.document.push_block(block),
            Some(LoadEvent::Done {
                last,
                replaced_bytes,
            }) => {
                self.document.push_block(last);
                self.document.replaced_bytes = replaced_bytes;
                self.document.finish();
            }
            _ => {}
        }
    }

    /// Whether the input is a pipe (or another stream of no known size).
    pub fn is_stream(&self) -> bool {
        self.probe.is_some()
    }

    /// Reads on into the document until the input ends or its text
    /// reaches `bytes`.
    pub fn read_until(&mut self, bytes: u64) -> Result<(), SourceError> {
        while self.input.is_some() && self.document.total_bytes() < bytes {
            let event = self.read_block(READ_BLOCK)?;
            self.take_in(event);
        }
        Ok(())
    }

    /// Reads one buffer; returns what it produced, if anything.
    fn read_block(&mut self, size: usize) -> Result<Option<LoadEvent>, SourceError> {
        Ok(self
            .read_raw(size)?
            .map(|raw| decode(raw, &mut self.replaced)))
    }

    /// Reads one buffer; returns what it cut, if anything. `None` input: nothing left.
    fn read_raw(&mut self, size: usize) -> Result<Option<Raw>, SourceError> {
        let Some(input) = self.input.as_mut() else {
            return Ok(None);
        };
        if let Some(ready) = &mut self.probe
            && !ready(pipe::PAUSE)
            && let Some(raw) = self.loader.cut_at_pause()
        {
            return Ok(Some(Raw::Block {
                raw,
                bytes_read: self.bytes_read,
            }));
        }
        // Straight into the loader's buffer, which becomes the text.
        let buffer = self.loader.room(size);
        let read = loop {
            match input.read(buffer) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(SourceError::Read {
                        path: self.name.clone(),
                        reason: reason(&e),
                    });
                }
            }
        };
        let load_error = |reason| SourceError::Load {
            path: self.name.clone(),
            reason,
        };
        if read == 0 {
            self.input = None;
            let last = self.loader.finish_raw().map_err(load_error)?;
            let in_source = self
                .replaced_in_source
                .as_ref()
                .map_or(0, |n| n.load(Ordering::Acquire));
            return Ok(Some(Raw::End(last, in_source)));
        }
        self.bytes_read += read as u64;
        Ok(self
            .loader
            .filled(read)
            .map_err(load_error)?
            .map(|raw| Raw::Block {
                raw,
                bytes_read: self.bytes_read,
            }))
    }

    pub fn is_complete(&self) -> bool {
        self.document.is_complete()
    }

    /// For a pipe streamed to the reader: the mark to raise as the reader
    /// moves on; the pipe is read no further than it. None for a file,
    /// which is read whole.
    pub fn read_ahead(&mut self) -> Option<Arc<ReadAhead>> {
        self.probe.as_ref()?;
        Some(Arc::clone(
            self.read_ahead.get_or_insert_with(Default::default),
        ))
    }

    /// Reads the rest, handing each event to `send` (from a reader thread);
    /// stops early when `send` returns false (the reader went away).
    pub fn stream(self, mut send: impl FnMut(LoadEvent) -> bool) {
        let mut replaced = self.replaced;
        self.read_rest(|raw| send(decode(raw, &mut replaced)));
    }

    /// Reads the rest, handing what each read cut to `send`, up to the end
    /// or a failure; stops early when `send` returns false.
    fn read_rest(mut self, mut send: impl FnMut(Raw) -> bool) {
        while self.input.is_some() {
            if let Some(ahead) = &self.read_ahead {
                ahead.wait_beyond(self.bytes_read);
            }
            let raw = match self.read_raw(READ_BLOCK) {
                Ok(Some(raw)) => raw,
                Ok(None) => continue,
                Err(error) => Raw::Failed(error),
            };
            let last = !matches!(raw, Raw::Block { .. });
            if !send(raw) || last {
                return;
            }
        }
    }

    /// Reads the rest and returns the whole document. A thread of its own
    /// reads and cuts the input while this one decodes, repairs and indexes
    /// it: on two cores the load takes about the longer of the two, not
    /// their sum.
    pub fn finish_here(mut self) -> Result<Document, SourceError> {
        let mut document = std::mem::take(&mut self.document);
        if document.is_complete() {
            return Ok(document);
        }
        let mut replaced = self.replaced;
        let mut failure = None;
        // A few blocks in flight: the reader runs ahead, within bounds.
        let (sender, receiver) = std::sync::mpsc::sync_channel(4);
        std::thread::scope(|scope| {
            scope.spawn(move || self.read_rest(|raw| sender.send(raw).is_ok()));
            for raw in receiver {
                match decode(raw, &mut replaced) {
                    LoadEvent::Block { block, .. } => document.push_block(block),
                    LoadEvent::Done {
                        last,
                        replaced_bytes,
                    } => {
                        document.push_block(last);
                        document.replaced_bytes = replaced_bytes;
                        document.finish();
                    }
                    LoadEvent::Failed(error) => failure = Some(error),
                }
            }
        });
        match failure {
            Some(error) => Err(error),
            None => Ok(document),
        }
    }
}

/// Reads and loads a whole article.
pub fn read_path(path: &Path) -> Result<Document, SourceError> {
    open(path)?.finish_here()
}

/// The reason in words a user reads, without Rust's "(os error 2)".
pub fn reason(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::IsADirectory => "it is a directory".to_owned(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_lowercase(),
                None => text,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_path_and_the_reason() {
        let missing = read_path(Path::new("no/such/file.txt")).expect_err("missing");
        assert_eq!(
            missing.to_string(),
            "cannot open 'no/such/file.txt': no such file"
        );
        let dir = tempfile::tempdir().expect("tempdir");
        let error = read_path(dir.path()).expect_err("directory").to_string();
        assert!(error.ends_with("it is a directory"), "{error}");
    }

    #[test]
    fn binary_files_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.bin");
        std::fs::write(&path, b"\x7fELF\x02\x01\x01\0\0\0").expect("write");
        let error = read_path(&path).expect_err("binary").to_string();
        assert!(error.contains("binary file"), "{error}");
    }

    #[test]
    fn hostile_file_names_are_sanitised() {
        let error = read_path(Path::new("\u{1b}]0;pwned\u{7}.txt")).expect_err("missing");
        assert!(!error.to_string().chars().any(char::is_control));
        assert!(error.to_string().contains("^[]0;pwned^G.txt"));
    }

    /// Found by a user: `(cat article; sleep 20) | margin -` drew nothing
    /// and ignored `q` until the pipe closed. A pipe that pauses shows what
    /// came, the last paragraph included.
    #[cfg(unix)]
    #[test]
    fn a_pipe_that_pauses_opens_with_what_it_sent() {
        use std::io::Write;
        let (reader, mut writer) = std::io::pipe().expect("pipe");
        writer.write_all(BUNDLED.as_bytes()).expect("write");
        let probe = reader.try_clone().ok().map(pipe::probe);
        let opened = Opened::start(Box::new(reader), None, probe, "pipe".into()).expect("opens");
        assert!(!opened.is_complete(), "the writer is still there");
        assert_eq!(opened.document.len(), bundled().len());
        drop(writer);
        assert_eq!(opened.finish_here().expect("ends").len(), bundled().len());
    }

    #[test]
    fn bundled_loads_whole() {
        let doc = bundled();
        assert!(doc.is_complete());
        assert_eq!(doc.title(), Some("This time, Alipay lost in"));
        assert_eq!(doc.len(), 10);
    }

    #[test]
    fn the_text_after_the_last_break_is_kept_when_streaming() {
        // Bigger than the first screen, ending without a blank line.
        let mut text = format!("{BUNDLED}\n\n").repeat(40);
        text.push_str("The last words.");
        let opened = Opened::start(
            Box::new(std::io::Cursor::new(text.into_bytes())),
            None,
            None,
            "tail".into(),
        )
        .expect("opens");
        assert!(!opened.is_complete(), "streams");
        let doc = opened.finish_here().expect("loads");
        // Repair joins it to the article's unfinished last sentence.
        assert!(
            doc.paragraph(doc.len() - 1)
                .ends_with("its own The last words.")
        );
    }

    /// Gives its bytes, then fails instead of ending.
    struct FailingAtTheEnd(std::io::Cursor<Vec<u8>>);

    impl Read for FailingAtTheEnd {
        fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
            match self.0.read(buffer)? {
                0 => Err(io::Error::other("disk on fire")),
                n => Ok(n),
            }
        }
    }

    #[test]
    fn a_read_failure_while_streaming_is_reported() {
        let text = format!("{BUNDLED}\n\n").repeat(100);
        let input = FailingAtTheEnd(std::io::Cursor::new(text.into_bytes()));
        let opened = Opened::start(Box::new(input), None, None, "failing".into()).expect("opens");
        assert!(!opened.is_complete());
        let error = opened.finish_here().expect_err("fails").to_string();
        assert_eq!(error, "cannot read 'failing': disk on fire");
    }

    /// Markdown much longer than a first screen, with a bad byte, and
    /// links to references defined early and at its end (a piece with a
    /// link to a reference not defined yet waits for it: not the first).
    fn long_markdown() -> Vec<u8> {
        let mut text = b"# The title\n\nA [link][early] and a bad \xff byte.\n\n\
            [early]: https://example.com/early\n\n"
            .to_vec();
        while text.len() < 1 << 20 {
            text.extend_from_slice(b"## Part\n\nSome *emphasis*, then `code`.\n\n");
            text.extend_from_slice(BUNDLED.as_bytes());
            text.extend_from_slice(b"\n\n- a list\n- of two\n\n");
        }
        text.extend_from_slice(b"A [late link][end].\n\n[end]: https://example.com/end\n");
        text
    }

    /// The document a whole Markdown source gives.
    fn converted_whole(bytes: &[u8]) -> Document {
        let whole = format::convert(Format::Markdown, bytes).expect("converts");
        let mut doc =
            crate::load::load_with_headings(whole.text.as_bytes(), whole.headings).expect("loads");
        doc.replaced_bytes = whole.replaced_bytes;
        doc
    }

    /// `cat notes.md | margin -`: the first screen comes while the pipe is
    /// still open, and the whole is what the file gives.
    #[cfg(unix)]
    #[test]
    fn markdown_through_a_pipe_shows_its_start_before_the_pipe_ends() {
        use std::io::Write;
        let text = long_markdown();
        let (reader, mut writer) = std::io::pipe().expect("pipe");
        let (first_half, rest) = text.split_at(text.len() / 2);
        let (go_on, told) = std::sync::mpsc::channel::<()>();
        let rest = rest.to_vec();
        let first_half = first_half.to_vec();
        let writing = std::thread::spawn(move || {
            writer.write_all(&first_half).expect("write");
            told.recv().expect("told to go on");
            writer.write_all(&rest).expect("write");
        });
        let opened = open_arriving(Box::new(reader), Vec::new(), "pipe".into(), (true, true))
            .expect("opens");
        assert!(!opened.is_complete(), "the pipe is still open");
        assert_eq!(opened.format, Format::Markdown);
        assert_eq!(opened.document.title(), Some("The title"));
        go_on.send(()).expect("writer there");
        let doc = opened.finish_here().expect("loads");
        writing.join().expect("wrote");
        let whole = converted_whole(&text);
        assert!(doc.paragraphs().eq(whole.paragraphs()), "not as the whole");
        assert!(
            doc.paragraph(1)
                .starts_with("A link[1] and a bad \u{FFFD} byte.")
        );
        assert_eq!(doc.replaced_bytes, whole.replaced_bytes);
        assert_eq!(doc.replaced_bytes, 1);
        assert!(doc.paragraphs().any(|p| p == "A late link[2]."));
    }

    #[test]
    fn a_read_failure_in_markdown_arriving_is_reported() {
        let input = FailingAtTheEnd(std::io::Cursor::new(long_markdown()));
        let opened = open_arriving(
            Box::new(input),
            Vec::new(),
            "failing".into(),
            (false, false),
        )
        .expect("opens");
        let error = opened.finish_here().expect_err("fails").to_string();
        assert_eq!(error, "cannot read 'failing': disk on fire");
        let binary = open_arriving(
            Box::new(std::io::Cursor::new(b"a\0b".to_vec())),
            Vec::new(),
            "nul".into(),
            (false, false),
        );
        assert!(matches!(
            binary,
            Err(SourceError::Load {
                reason: LoadError::Binary(1),
                ..
            })
        ));
    }

    #[test]
    fn replaced_bytes_are_counted_in_the_first_screen_and_the_rest() {
        let mut text = Vec::new();
        while text.len() < 3 << 20 {
            text.extend_from_slice(b"A bad \xff byte.\n\n");
            text.extend_from_slice(BUNDLED.as_bytes());
            text.extend_from_slice(b"\n\n");
        }
        let opened = Opened::start(
            Box::new(std::io::Cursor::new(text.clone())),
            None,
            None,
            "bad".into(),
        )
        .expect("opens");
        assert!(!opened.is_complete());
        assert!(!opened.document.is_empty());
        let doc = opened.finish_here().expect("loads");
        let direct = crate::load::load_bytes(&text).expect("loads");
        assert!(doc.replaced_bytes > 1000);
        assert_eq!(doc.replaced_bytes, direct.replaced_bytes);
        assert!(doc.paragraphs().eq(direct.paragraphs()));
    }

    #[test]
    fn streaming_to_a_reader_gives_what_finish_here_gives() {
        let mut text = Vec::new();
        while text.len() < 3 << 20 {
            text.extend_from_slice(b"A bad \xff byte.\n\n");
            text.extend_from_slice(BUNDLED.as_bytes());
            text.extend_from_slice(b"\n\n");
        }
        let open = || {
            let input = Box::new(std::io::Cursor::new(text.clone()));
            Opened::start(input, None, None, "bad".into()).expect("opens")
        };
        let mut opened = open();
        let mut streamed = std::mem::take(&mut opened.document);
        let mut last_read = 0;
        opened.stream(|event| {
            match event {
                LoadEvent::Block { block, bytes_read } => {
                    assert!(bytes_read > last_read);
                    last_read = bytes_read;
                    streamed.push_block(block);
                }
                LoadEvent::Done {
                    last,
                    replaced_bytes,
                } => {
                    streamed.push_block(last);
                    streamed.replaced_bytes = replaced_bytes;
                    streamed.finish();
                }
                LoadEvent::Failed(error) => panic!("{error}"),
            }
            true
        });
        let whole = open().finish_here().expect("loads");
        assert!(streamed.is_complete());
        assert_eq!(streamed.replaced_bytes, whole.replaced_bytes);
        assert!(streamed.paragraphs().eq(whole.paragraphs()));
    }

    #[test]
    fn big_input_opens_with_its_start_and_streams_the_rest() {
        let mut text = String::new();
        while text.len() < 5 << 20 {
            text.push_str(BUNDLED);
            text.push_str("\n\n");
        }
        let opened = Opened::start(
            Box::new(std::io::Cursor::new(text.clone().into_bytes())),
            None,
            None,
            "big".into(),
        )
        .expect("opens");
        assert!(!opened.is_complete());
        let first = opened.document.len();
        assert!(first > 0);
        let whole = opened.finish_here().expect("loads");
        assert!(whole.is_complete());
        assert!(whole.len() > first);
        let direct = crate::load::load_bytes(text.as_bytes()).expect("loads");
        assert_eq!(whole.len(), direct.len());
        assert!(whole.paragraphs().eq(direct.paragraphs()));
    }
}
