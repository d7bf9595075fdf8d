//! Reading an article from a file, standard input or the bundled copy: the
//! only code that reads article files. Decoding and splitting are `load`'s.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use thiserror::Error;

use crate::document::Document;
use crate::load::{LoadError, Loader};
use crate::sanitise::for_message;

/// The article shipped inside the binary.
pub const BUNDLED: &str = include_str!("../assets/article.txt");

/// Bytes read per call: large enough to be fast, small enough to show the
/// first screen of a huge file early.
const READ_BLOCK: usize = 1 << 20;

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

/// Reads and loads a whole article.
pub fn read_path(path: &Path) -> Result<Document, SourceError> {
    let name = display_name(path);
    if path == Path::new("-") {
        return read_from(io::stdin().lock(), &name);
    }
    let file = File::open(path).map_err(|e| SourceError::Open {
        path: name.clone(),
        reason: reason(&e),
    })?;
    let is_dir = file.metadata().map(|m| m.is_dir()).unwrap_or(false);
    if is_dir {
        return Err(SourceError::Directory { path: name });
    }
    read_from(file, &name)
}

fn read_from(mut input: impl Read, name: &str) -> Result<Document, SourceError> {
    let mut loader = Loader::new();
    let mut document = Document::default();
    let mut buffer = vec![0; READ_BLOCK];
    let load_error = |reason| SourceError::Load {
        path: name.to_owned(),
        reason,
    };
    loop {
        let read = match input.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(SourceError::Read {
                    path: name.to_owned(),
                    reason: reason(&e),
                });
            }
        };
        if let Some(block) = loader.push(&buffer[..read]).map_err(load_error)? {
            document.push_block(block);
        }
    }
    document.push_block(loader.finish().map_err(load_error)?);
    document.replaced_bytes = loader.replaced_bytes();
    document.finish();
    Ok(document)
}

/// The reason in words a user reads, without Rust's "(os error 2)".
fn reason(error: &io::Error) -> String {
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

    #[test]
    fn reads_in_blocks() {
        let doc = read_from(BUNDLED.as_bytes(), "bundled").expect("loads");
        assert_eq!(doc.title(), Some("This time, Alipay lost in"));
    }
}
