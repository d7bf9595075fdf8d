//! Where bookmarks live on disk: one pretty JSON file per article under the
//! data directory, `<dir>/articles/<id>.json`. The only module here that
//! touches the filesystem for state.
//!
//! A save takes an exclusive lock (`<id>.lock`), re-reads the file, applies
//! the caller's ops, writes a temp file beside it, fsyncs, renames it over
//! and fsyncs the directory. So a crash leaves the old or the new file,
//! never half of one, and two copies of margin merge rather than overwrite.
//! A corrupt file is renamed aside and reported, never overwritten.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::bookmarks::{ArticleId, ArticleState, FORMAT_VERSION, Op, now_rfc3339};
use crate::{guarded_file, sanitise};

/// Why bookmarks could not be saved; `Display` is a status-bar message.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("bookmarks cannot be saved: no home directory to keep them in")]
    NoDataDir,
    #[error("bookmarks cannot be saved: {path} is read-only")]
    ReadOnly { path: String },
    // The reason before the path: a long path is what the status bar cuts.
    #[error("bookmarks cannot be saved: {reason}, in {path}")]
    Io { path: String, reason: String },
    #[error(
        "bookmarks cannot be saved: {path} was written by a newer margin (format {found}); left untouched"
    )]
    NewerFormat { path: String, found: u32 },
    #[error("bookmarks cannot be saved: {path} is corrupt and could not be moved aside ({reason})")]
    CorruptStuck { path: String, reason: String },
}

/// Something the user should hear about while reading goes on; `Display` is
/// a status-bar message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreWarning {
    #[error("bookmarks file was corrupt; kept it as {kept} and started afresh")]
    Corrupt { kept: String },
    #[error(
        "bookmarks file {path} is corrupt and could not be moved aside ({reason}); bookmarks will not be saved"
    )]
    CorruptNotMoved { path: String, reason: String },
    #[error("bookmarks cannot be read: {reason}, in {path}")]
    Unreadable { path: String, reason: String },
    #[error("bookmarks cannot be saved: {path} {reason}")]
    Unwritable { path: String, reason: String },
    #[error(
        "bookmarks in {path} were saved by a newer margin (format {found}); shown but not saved"
    )]
    NewerFormat { path: String, found: u32 },
}

/// A state as read, and what went wrong on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub state: ArticleState,
    pub warnings: Vec<StoreWarning>,
}

#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

/// What is in a state file.
enum Contents {
    Missing,
    Valid(ArticleState),
    Corrupt,
}

impl Store {
    /// The store in the user's data directory (`$XDG_DATA_HOME/margin` or
    /// `~/.local/share/margin` on Linux). Creates nothing.
    pub fn open() -> Result<Self, StoreError> {
        directories::ProjectDirs::from("", "", "margin")
            .map(|dirs| Self::at(dirs.data_dir().to_path_buf()))
            .ok_or(StoreError::NoDataDir)
    }

    /// A store rooted at `dir` (tests, or a user override).
    pub fn at(dir: PathBuf) -> Self {
        Self { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn articles(&self) -> PathBuf {
        self.dir.join("articles")
    }

    /// The state file of `id` (possibly a symlink).
    pub fn path_of(&self, id: &ArticleId) -> PathBuf {
        self.articles().join(format!("{id}.json"))
    }

    fn lock_path(&self, id: &ArticleId) -> PathBuf {
        self.articles().join(format!("{id}.lock"))
    }

    /// Reads the state of `id`. Never fails and never writes, except to
    /// rename a corrupt file aside: problems become warnings and an empty
    /// state, so reading goes on.
    pub fn load(&self, id: &ArticleId) -> Loaded {
        let mut warnings = Vec::new();
        if let Some(warning) = self.unwritable() {
            warnings.push(warning);
        }
        let fresh = || ArticleState::new(id.clone());
        let path = self.path_of(id);
        let target = match resolve(&path) {
            Ok(target) => target,
            Err(e) => {
                warnings.push(StoreWarning::Unreadable {
                    path: shown(&path),
                    reason: describe(&e),
                });
                return Loaded {
                    state: fresh(),
                    warnings,
                };
            }
        };
        let state = match read(&target, id) {
            Ok(Contents::Missing) => fresh(),
            Ok(Contents::Valid(state)) => {
                if state.version > FORMAT_VERSION {
                    warnings.push(StoreWarning::NewerFormat {
                        path: shown(&target),
                        found: state.version,
                    });
                }
                state
            }
            Ok(Contents::Corrupt) => {
                let (state, warning) = self.set_aside_locked(id, &target);
                warnings.extend(warning);
                state.unwrap_or_else(fresh)
            }
            Err(e) => {
                warnings.push(StoreWarning::Unreadable {
                    path: shown(&target),
                    reason: describe(&e),
                });
                fresh()
            }
        };
        Loaded { state, warnings }
    }

    /// Saves `ops`: locks, re-reads, applies them to what is on disk now and
    /// writes atomically. Returns the merged state, which includes what
    /// other copies of margin saved meanwhile.
    pub fn apply(&self, id: &ArticleId, ops: &[Op]) -> Result<ArticleState, StoreError> {
        self.apply_reporting(id, ops).map(|loaded| loaded.state)
    }

    /// [`Store::apply`], also reporting a corrupt file found and set aside
    /// while saving.
    pub fn apply_reporting(&self, id: &ArticleId, ops: &[Op]) -> Result<Loaded, StoreError> {
        let articles = self.articles();
        fs::create_dir_all(&articles).map_err(|e| save_error(&articles, e))?;
        let lock_path = self.lock_path(id);
        let lock = lock(&lock_path).map_err(|e| save_error(&lock_path, e))?;
        let path = self.path_of(id);
        let target = resolve(&path).map_err(|e| save_error(&path, e))?;
        let mut warnings = Vec::new();
        let mut state = match read(&target, id).map_err(|e| save_error(&target, e))? {
            Contents::Missing => ArticleState::new(id.clone()),
            Contents::Valid(state) if state.version > FORMAT_VERSION => {
                return Err(StoreError::NewerFormat {
                    path: shown(&target),
                    found: state.version,
                });
            }
            Contents::Valid(state) => state,
            Contents::Corrupt => {
                let kept = set_aside(&target).map_err(|e| StoreError::CorruptStuck {
                    path: shown(&target),
                    reason: describe(&e),
                })?;
                warnings.push(StoreWarning::Corrupt { kept: shown(&kept) });
                ArticleState::new(id.clone())
            }
        };
        for op in ops {
            state.apply(op.clone());
        }
        state.version = FORMAT_VERSION;
        state.id = id.clone();
        state.updated = now_rfc3339();
        write_atomically(&target, &state).map_err(|e| save_error(&target, e))?;
        // The lock is released when its file is closed, after the rename.
        drop(lock);
        Ok(Loaded { state, warnings })
    }

    /// Under the lock, re-reads a file that looked corrupt (a writer may have
    /// replaced it meanwhile) and renames it aside if it still is. Returns a
    /// state when the file turned out valid, and what to tell the user.
    fn set_aside_locked(
        &self,
        id: &ArticleId,
        target: &Path,
    ) -> (Option<ArticleState>, Option<StoreWarning>) {
        let not_moved = |e: &io::Error| StoreWarning::CorruptNotMoved {
            path: shown(target),
            reason: describe(e),
        };
        let _lock = match lock(&self.lock_path(id)) {
            Ok(lock) => lock,
            Err(e) => return (None, Some(not_moved(&e))),
        };
        match read(target, id) {
            Ok(Contents::Valid(state)) => (Some(state), None),
            Ok(Contents::Missing) => (None, None),
            Err(e) => (None, Some(not_moved(&e))),
            Ok(Contents::Corrupt) => match set_aside(target) {
                Ok(kept) => (None, Some(StoreWarning::Corrupt { kept: shown(&kept) })),
                Err(e) => (None, Some(not_moved(&e))),
            },
        }
    }

    /// A warning when saving is bound to fail, found without writing: the
    /// nearest existing ancestor of the articles directory is not a
    /// writable directory.
    fn unwritable(&self) -> Option<StoreWarning> {
        let articles = self.articles();
        let mut probe = articles.as_path();
        loop {
            match fs::metadata(probe) {
                Ok(meta) if !meta.is_dir() => {
                    return Some(StoreWarning::Unwritable {
                        path: shown(probe),
                        reason: "is not a directory".into(),
                    });
                }
                Ok(meta) => {
                    return (!writable(probe, &meta)).then(|| StoreWarning::Unwritable {
                        path: shown(probe),
                        reason: "is read-only".into(),
                    });
                }
                Err(e) if absent(&e) => probe = probe.parent()?,
                Err(e) => {
                    return Some(StoreWarning::Unwritable {
                        path: shown(probe),
                        reason: format!("cannot be checked: {}", describe(&e)),
                    });
                }
            }
        }
    }
}

#[cfg(unix)]
fn writable(path: &Path, _meta: &fs::Metadata) -> bool {
    // access(2) knows about root, ACLs and read-only mounts; mode bits do not.
    rustix::fs::access(path, rustix::fs::Access::WRITE_OK).is_ok()
}

#[cfg(not(unix))]
fn writable(_path: &Path, meta: &fs::Metadata) -> bool {
    !meta.permissions().readonly()
}

/// Follows symlinks to the file that really holds the state, so a save
/// writes through the link instead of replacing it with a regular file. A
/// dangling link resolves to its (missing) target, which the save creates.
pub(crate) fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            Ok(_) => return Ok(current),
            Err(e) if absent(&e) => return Ok(current),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Far beyond any real bookmark file; a bigger one is not read into memory.
const MAX_STATE_BYTES: u64 = 64 << 20;

/// What the state file at `path` holds. Only a regular file is read (a FIFO
/// or a device there is an error, not a hang), and never past the cap.
fn read(path: &Path, id: &ArticleId) -> io::Result<Contents> {
    let bytes = match guarded_file::read_capped(path, MAX_STATE_BYTES) {
        Ok(bytes) => bytes,
        Err(e) if absent(&e) => return Ok(Contents::Missing),
        Err(e) => return Err(e),
    };
    Ok(match parse_state(&bytes) {
        // A file under another article's name is not this article's state.
        Ok(state) if state.id == *id => Contents::Valid(state),
        _ => Contents::Corrupt,
    })
}

/// Parses the contents of a state file: JSON, with every text field
/// sanitised (the file is input like any other) and every position capped
/// at what a document can address (`u32` indices), so shown as 1-based
/// numbers they cannot overflow. Never panics, whatever the bytes; the fuzz
/// target and property tests hold it to that.
pub fn parse_state(bytes: &[u8]) -> Result<ArticleState, serde_json::Error> {
    let mut state = serde_json::from_slice::<ArticleState>(bytes)?.sanitised();
    let cap = |n: &mut usize| *n = (*n).min(MAX_POSITION);
    for b in &mut state.bookmarks {
        cap(&mut b.paragraph);
        cap(&mut b.byte);
    }
    for h in &mut state.highlights {
        cap(&mut h.paragraph);
        cap(&mut h.start);
        cap(&mut h.end);
    }
    for c in &mut state.corrections {
        c.positions().into_iter().for_each(cap);
    }
    if let Some(position) = &mut state.position {
        cap(&mut position.paragraph);
        cap(&mut position.byte);
    }
    Ok(state)
}

/// No document has more paragraphs or bytes in one than this.
const MAX_POSITION: usize = u32::MAX as usize;

/// The file is not there, nor perhaps its directory (or a parent is a file).
fn absent(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
    )
}

fn lock(path: &Path) -> io::Result<File> {
    guarded_file::lock(path, guarded_file::LOCK_WAIT)
}

/// Renames a corrupt file to `<name>.corrupt-<unix time>` beside it (with a
/// suffix if that is taken), so nothing is overwritten.
fn set_aside(path: &Path) -> io::Result<PathBuf> {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let name = file_name(path);
    let mut kept = path.with_file_name(format!("{name}.corrupt-{seconds}"));
    let mut n = 1;
    while fs::symlink_metadata(&kept).is_ok() {
        kept = path.with_file_name(format!("{name}.corrupt-{seconds}-{n}"));
        n += 1;
    }
    fs::rename(path, &kept)?;
    sync_dir(path);
    Ok(kept)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn write_atomically(target: &Path, state: &ArticleState) -> io::Result<()> {
    let mut json = serde_json::to_string_pretty(state).map_err(io::Error::other)?;
    json.push('\n');
    write_bytes_atomically(target, json.as_bytes())
}

/// Temp file beside `target`, fsync, rename over, fsync the directory.
/// Call it under a lock: it removes temp files of writers killed mid-save.
pub(crate) fn write_bytes_atomically(target: &Path, bytes: &[u8]) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = file_name(target);
    remove_stale_temps(target, &name);
    let temp = target.with_file_name(format!(
        "{name}.tmp-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            // Notes can be private; keep the file to its owner by default.
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&temp)?;
        if let Ok(meta) = fs::metadata(target) {
            // Keep whatever permissions the user gave the existing file.
            file.set_permissions(meta.permissions())?;
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result?;
    sync_dir(target);
    Ok(())
}

/// Temp files of writers killed mid-save. Only called under the lock, so no
/// live writer owns one.
fn remove_stale_temps(target: &Path, name: &str) {
    let prefix = format!("{name}.tmp-");
    let Some(dir) = target.parent() else { return };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Makes a rename in the directory of `path` durable. Best effort: some
/// filesystems refuse to fsync a directory, and the rename has happened.
fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent()
        && let Ok(dir) = File::open(dir)
    {
        let _ = dir.sync_all();
    }
}

fn save_error(path: &Path, e: io::Error) -> StoreError {
    match e.kind() {
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            StoreError::ReadOnly { path: shown(path) }
        }
        _ => StoreError::Io {
            path: shown(path),
            reason: describe(&e),
        },
    }
}

/// An I/O error in words, without the "(os error N)" tail.
pub(crate) fn describe(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotADirectory => "a part of the path is not a directory".into(),
        io::ErrorKind::StorageFull => "the disk is full".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::ReadOnlyFilesystem => "read-only file system".into(),
        io::ErrorKind::WouldBlock => {
            "another copy of margin holds its lock; will retry at the next change".into()
        }
        _ => {
            let text = e.to_string();
            match text.find(" (os error") {
                Some(at) => text[..at].to_owned(),
                None => text,
            }
        }
    }
}

fn shown(path: &Path) -> String {
    sanitise::for_message(&path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bookmarks::Bookmark;
    use crate::document::{Document, Position};

    const ARTICLE: &str = "Alipay lost\n\nAlipay played a platform role.\n\nCircles failed.\n";

    fn setup() -> (tempfile::TempDir, Store, Document, ArticleId) {
        let tmp = tempfile::tempdir().expect("temp dir");
        let store = Store::at(tmp.path().join("margin"));
        let doc = Document::from_text(ARTICLE);
        let id = ArticleId::of(&doc);
        (tmp, store, doc, id)
    }

    fn add(doc: &Document, paragraph: usize) -> Op {
        Op::Add(Bookmark::new(doc, Position::new(paragraph, 0), None))
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    #[test]
    fn save_then_load_round_trips_as_pretty_versioned_json() {
        let (_tmp, store, doc, id) = setup();
        let saved = store
            .apply(
                &id,
                &[
                    add(&doc, 1),
                    Op::SetPosition(Position::new(2, 3)),
                    Op::SetPath("/home/u/a.txt".into()),
                ],
            )
            .expect("saves");
        let loaded = store.load(&id);
        assert_eq!(loaded.warnings, vec![]);
        assert_eq!(loaded.state, saved);
        assert_eq!(saved.bookmarks.len(), 1);
        let text = fs::read_to_string(store.path_of(&id)).expect("file");
        assert!(text.contains("\n  \"version\": 1,"), "{text}");
        assert!(text.ends_with("}\n"));
        assert_eq!(
            listing(&store.articles()),
            vec![format!("{id}.json"), format!("{id}.lock")]
        );
    }

    #[test]
    fn load_of_a_new_article_is_empty_and_creates_nothing() {
        let (tmp, store, _doc, id) = setup();
        let loaded = store.load(&id);
        assert_eq!(loaded.state, ArticleState::new(id.clone()));
        assert_eq!(loaded.warnings, vec![]);
        assert!(!store.dir().exists());
        // Nor does loading an existing, valid file write anything.
        store.apply(&id, &[]).expect("saves");
        fs::remove_file(store.lock_path(&id)).expect("rm lock");
        let before = listing(&store.articles());
        let _ = store.load(&id);
        assert_eq!(listing(&store.articles()), before);
        drop(tmp);
    }

    fn corrupt_case(garbage: &[u8]) {
        let (_tmp, store, doc, id) = setup();
        store.apply(&id, &[add(&doc, 1)]).expect("saves");
        fs::write(store.path_of(&id), garbage).expect("garbage");
        let loaded = store.load(&id);
        assert!(loaded.state.bookmarks.is_empty());
        let [StoreWarning::Corrupt { kept }] = loaded.warnings.as_slice() else {
            panic!("expected one corrupt warning: {:?}", loaded.warnings);
        };
        let message = loaded.warnings[0].to_string();
        assert!(
            message.starts_with("bookmarks file was corrupt; kept it as ")
                && message.ends_with(" and started afresh"),
            "{message}"
        );
        assert!(kept.contains(&format!("{id}.json.corrupt-")), "{kept}");
        assert_eq!(fs::read(kept).expect("kept aside"), garbage);
        // Saving afterwards starts afresh and leaves the garbage alone.
        let saved = store.apply(&id, &[add(&doc, 2)]).expect("saves");
        assert_eq!(saved.bookmarks.len(), 1);
        assert_eq!(fs::read(kept).expect("still kept"), garbage);
        assert_eq!(store.load(&id).warnings, vec![]);
    }

    #[test]
    fn corrupt_file_is_set_aside_and_reported() {
        corrupt_case(b"{\"version\": 1, \"id\": \"trunc");
        corrupt_case(b"\x00\xff binary \x1b]0;title\x07");
    }

    #[test]
    fn empty_file_is_set_aside_and_reported() {
        corrupt_case(b"");
        corrupt_case(b"  \n");
    }

    #[test]
    fn corrupt_file_found_while_saving_is_set_aside_not_overwritten() {
        let (_tmp, store, doc, id) = setup();
        fs::create_dir_all(store.articles()).expect("dir");
        fs::write(store.path_of(&id), "garbage").expect("garbage");
        let saved = store.apply_reporting(&id, &[add(&doc, 1)]).expect("saves");
        assert_eq!(saved.state.bookmarks.len(), 1);
        assert!(matches!(
            saved.warnings.as_slice(),
            [StoreWarning::Corrupt { .. }]
        ));
        let kept: Vec<_> = listing(&store.articles())
            .into_iter()
            .filter(|n| n.contains(".corrupt-"))
            .collect();
        assert_eq!(kept.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn symlinked_state_file_is_written_through() {
        let (tmp, store, doc, id) = setup();
        let elsewhere = tmp.path().join("dotfiles");
        fs::create_dir_all(&elsewhere).expect("dir");
        fs::create_dir_all(store.articles()).expect("dir");
        let target = elsewhere.join("state.json");
        // A dangling link: the first save creates the target.
        std::os::unix::fs::symlink(&target, store.path_of(&id)).expect("link");
        store.apply(&id, &[add(&doc, 1)]).expect("saves");
        store.apply(&id, &[add(&doc, 2)]).expect("saves");
        let link = fs::symlink_metadata(store.path_of(&id)).expect("meta");
        assert!(link.file_type().is_symlink(), "link was replaced");
        let on_target: ArticleState =
            serde_json::from_str(&fs::read_to_string(&target).expect("target")).expect("json");
        assert_eq!(on_target.bookmarks.len(), 2);
        assert_eq!(store.load(&id).state, on_target);
        assert_eq!(listing(&elsewhere), vec!["state.json".to_owned()]);
    }

    #[cfg(unix)]
    #[test]
    fn relative_symlink_to_a_corrupt_file_keeps_the_link() {
        let (_tmp, store, doc, id) = setup();
        fs::create_dir_all(store.articles()).expect("dir");
        fs::write(store.articles().join("real.json"), "{").expect("garbage");
        std::os::unix::fs::symlink("real.json", store.path_of(&id)).expect("link");
        let loaded = store.load(&id);
        assert!(matches!(
            loaded.warnings.as_slice(),
            [StoreWarning::Corrupt { kept }] if kept.contains("real.json.corrupt-")
        ));
        store.apply(&id, &[add(&doc, 1)]).expect("saves");
        let link = fs::symlink_metadata(store.path_of(&id)).expect("meta");
        assert!(link.file_type().is_symlink());
        assert_eq!(store.load(&id).state.bookmarks.len(), 1);
    }

    #[test]
    fn data_dir_under_a_regular_file_warns_and_refuses_to_save() {
        // Creating a directory under a file fails even for root.
        let tmp = tempfile::tempdir().expect("temp dir");
        let file = tmp.path().join("not-a-dir");
        fs::write(&file, "x").expect("file");
        let store = Store::at(file.join("margin"));
        let id = ArticleId::of(&Document::from_text(ARTICLE));
        let loaded = store.load(&id);
        assert_eq!(loaded.state, ArticleState::new(id.clone()));
        assert_eq!(
            loaded.warnings,
            vec![StoreWarning::Unwritable {
                path: shown(&file),
                reason: "is not a directory".into()
            }]
        );
        assert!(
            loaded.warnings[0]
                .to_string()
                .starts_with("bookmarks cannot be saved: ")
        );
        let error = store
            .apply(&id, &[Op::SetPosition(Position::new(1, 0))])
            .expect_err("cannot save");
        let message = error.to_string();
        assert!(
            message.starts_with("bookmarks cannot be saved: "),
            "{message}"
        );
        assert!(!message.contains("os error"), "{message}");
        assert_eq!(fs::read_to_string(&file).expect("file"), "x");
    }

    #[cfg(unix)]
    #[test]
    fn read_only_data_dir_warns_and_refuses_to_save() {
        use std::os::unix::fs::PermissionsExt;
        let (_tmp, store, doc, id) = setup();
        store.apply(&id, &[add(&doc, 1)]).expect("saves");
        fs::set_permissions(store.articles(), fs::Permissions::from_mode(0o500)).expect("chmod");
        let loaded = store.load(&id);
        assert_eq!(loaded.state.bookmarks.len(), 1, "reading still works");
        // Root ignores permission bits, so this can only be asserted for
        // other users (the path-under-a-file test covers root).
        if rustix::process::geteuid().is_root() {
            fs::set_permissions(store.articles(), fs::Permissions::from_mode(0o700))
                .expect("chmod");
            return;
        }
        let expected = format!(
            "bookmarks cannot be saved: {} is read-only",
            shown(&store.articles())
        );
        assert_eq!(loaded.warnings.len(), 1);
        assert_eq!(loaded.warnings[0].to_string(), expected);
        let error = store.apply(&id, &[add(&doc, 2)]).expect_err("read-only");
        assert!(error.to_string().starts_with("bookmarks cannot be saved: "));
        fs::set_permissions(store.articles(), fs::Permissions::from_mode(0o700)).expect("chmod");
        assert_eq!(store.load(&id).state.bookmarks.len(), 1);
    }

    #[test]
    fn file_from_a_newer_margin_is_shown_but_never_overwritten() {
        let (_tmp, store, doc, id) = setup();
        store.apply(&id, &[add(&doc, 1)]).expect("saves");
        let path = store.path_of(&id);
        let newer = fs::read_to_string(&path)
            .expect("file")
            .replace("\"version\": 1", "\"version\": 99");
        fs::write(&path, &newer).expect("write");
        let loaded = store.load(&id);
        assert_eq!(loaded.state.bookmarks.len(), 1);
        assert!(matches!(
            loaded.warnings.as_slice(),
            [StoreWarning::NewerFormat { found: 99, .. }]
        ));
        let error = store.apply(&id, &[add(&doc, 2)]).expect_err("refuses");
        assert!(matches!(error, StoreError::NewerFormat { found: 99, .. }));
        assert_eq!(fs::read_to_string(&path).expect("file"), newer);
    }

    #[test]
    fn stale_temp_files_are_ignored_and_cleaned_by_the_next_save() {
        let (_tmp, store, doc, id) = setup();
        store.apply(&id, &[add(&doc, 1)]).expect("saves");
        let stale = store.articles().join(format!("{id}.json.tmp-99999-0"));
        fs::write(&stale, "{\"half").expect("stale");
        let loaded = store.load(&id);
        assert_eq!(loaded.warnings, vec![]);
        assert_eq!(loaded.state.bookmarks.len(), 1);
        store.apply(&id, &[add(&doc, 2)]).expect("saves");
        assert!(!stale.exists());
    }

    #[test]
    fn file_of_another_article_is_treated_as_corrupt() {
        let (_tmp, store, doc, id) = setup();
        let other = ArticleId::of(&Document::from_text("Other\n\ntext"));
        store.apply(&other, &[add(&doc, 1)]).expect("saves");
        fs::create_dir_all(store.articles()).expect("dir");
        fs::copy(store.path_of(&other), store.path_of(&id)).expect("copy");
        let loaded = store.load(&id);
        assert!(matches!(
            loaded.warnings.as_slice(),
            [StoreWarning::Corrupt { .. }]
        ));
        assert_eq!(loaded.state.id, id);
    }

    #[test]
    fn threads_saving_at_once_lose_nothing() {
        let (_tmp, store, doc, id) = setup();
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    for i in 0..25 {
                        // A save that times out on the lock stays pending
                        // in the app and is tried again, as here.
                        let op = Op::Add(Bookmark::new(&doc, Position::new(i % 3, i), None));
                        while let Err(e) = store.apply(&id, std::slice::from_ref(&op)) {
                            assert!(e.to_string().contains("holds its lock"), "{e}");
                        }
                    }
                });
            }
        });
        // One bookmark per paragraph however many copies set one there.
        assert_eq!(store.load(&id).state.bookmarks.len(), 3);
    }

    #[test]
    fn oversized_file_is_neither_read_nor_overwritten() {
        let (_tmp, store, doc, id) = setup();
        fs::create_dir_all(store.articles()).expect("dir");
        let file = File::create(store.path_of(&id)).expect("create");
        file.set_len(MAX_STATE_BYTES + 1).expect("sparse file");
        let loaded = store.load(&id);
        assert!(matches!(
            loaded.warnings.as_slice(),
            [StoreWarning::Unreadable { reason, .. }] if reason.contains("64 MiB")
        ));
        let error = store.apply(&id, &[add(&doc, 1)]).expect_err("refuses");
        assert!(error.to_string().contains("larger than 64 MiB"), "{error}");
        let len = fs::metadata(store.path_of(&id)).expect("meta").len();
        assert_eq!(len, MAX_STATE_BYTES + 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_as_state_file_or_lock_is_refused_without_hanging() {
        let mode = rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR;
        for fifo_is in ["state", "lock"] {
            let (_tmp, store, doc, id) = setup();
            fs::create_dir_all(store.articles()).expect("dir");
            let fifo = match fifo_is {
                "state" => store.path_of(&id),
                _ => store.lock_path(&id),
            };
            rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, mode).expect("mkfifo");
            let loaded = store.load(&id);
            if fifo_is == "state" {
                assert!(
                    matches!(loaded.warnings.as_slice(),
                        [StoreWarning::Unreadable { reason, .. }] if reason.contains("not a regular file")),
                    "{:?}",
                    loaded.warnings
                );
            }
            let error = store.apply(&id, &[add(&doc, 1)]).expect_err(fifo_is);
            assert!(error.to_string().contains("not a regular file"), "{error}");
            let kind = fs::symlink_metadata(&fifo)
                .expect("still there")
                .file_type();
            assert!(std::os::unix::fs::FileTypeExt::is_fifo(&kind), "{fifo_is}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_state_file_linked_to_a_device_is_neither_read_nor_replaced() {
        let (_tmp, store, doc, id) = setup();
        fs::create_dir_all(store.articles()).expect("dir");
        std::os::unix::fs::symlink("/dev/zero", store.path_of(&id)).expect("link");
        let loaded = store.load(&id);
        assert!(loaded.state.bookmarks.is_empty());
        assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
        let error = store.apply(&id, &[add(&doc, 1)]).expect_err("refused");
        assert!(error.to_string().contains("not a regular file"), "{error}");
        let meta = fs::metadata("/dev/zero").expect("device");
        assert!(!meta.is_file(), "/dev/zero was replaced");
    }

    #[test]
    fn a_lock_held_elsewhere_fails_the_save_after_a_short_wait() {
        let (_tmp, store, doc, id) = setup();
        fs::create_dir_all(store.articles()).expect("dir");
        let held = guarded_file::lock(&store.lock_path(&id), std::time::Duration::ZERO)
            .expect("held by the test");
        let error = store.apply(&id, &[add(&doc, 1)]).expect_err("locked");
        assert!(error.to_string().contains("holds its lock"), "{error}");
        drop(held);
        let state = store.apply(&id, &[add(&doc, 1)]).expect("saved once free");
        assert_eq!(state.bookmarks.len(), 1);
    }

    /// Found by the property tests: an orphaned bookmark at paragraph
    /// usize::MAX in a state file made `--export md` overflow on `+ 1`.
    #[test]
    fn positions_beyond_any_document_are_capped() {
        let (_dir, _store, doc, id) = setup();
        let json = format!(
            r#"{{"version":1,"id":"{id}","position":{{"paragraph":{max},"byte":{max}}},
            "bookmarks":[{{"id":"b","paragraph":{max},"byte":{max},"quote":"gone",
            "note":null,"created":"t","orphaned":true}}]}}"#,
            max = usize::MAX
        );
        let state = parse_state(json.as_bytes()).expect("parses");
        assert_eq!(state.bookmarks[0].paragraph, MAX_POSITION);
        assert_eq!(state.position.map(|p| p.byte), Some(MAX_POSITION));
        let note = crate::export::reading_note_md(&doc, "a", &crate::detect::detect(&doc), &state);
        assert!(note.contains(&format!("### ¶{} (text no longer found)", MAX_POSITION + 1)));
    }

    #[test]
    fn describe_drops_the_os_error_tail() {
        let e = io::Error::from_raw_os_error(2);
        assert_eq!(describe(&e), "No such file or directory");
    }
}
