//! Bookmarks and reading position of one article, as pure data.
//!
//! Changes are [`Op`]s rather than whole states: the store re-reads the file
//! under a lock and re-applies the caller's ops, so two running copies of
//! margin merge instead of overwriting each other. Nothing here touches the
//! filesystem (see `store`).

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3Default;

use crate::corrections::{Correction, CorrectionOp};
use crate::document::{Document, Position, View};
use crate::highlights::{Highlight, HighlightOp};
use crate::sanitise;

/// The on-disk format version written by this build.
pub const FORMAT_VERSION: u32 = 1;

/// Characters of text kept as a bookmark's quote.
pub const QUOTE_CHARS: usize = 80;

/// When the whole quote is gone, a bookmark may still be found by the start
/// of it (the text after the passage was edited); shorter risks false hits.
const PREFIX_CHARS: usize = 32;

/// An article's identity: xxh3-128 of its raw paragraphs, as 32 hex digits.
///
/// Raw (not repaired) paragraphs, so a change to the repair rules does not
/// orphan anyone's bookmarks; the text, not the path, so a moved or renamed
/// file keeps them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ArticleId(String);

impl ArticleId {
    /// The id of a (completely loaded) document.
    pub fn of(doc: &Document) -> Self {
        let mut hasher = Xxh3Default::new();
        for (i, paragraph) in doc.raw_paragraphs().enumerate() {
            if i > 0 {
                hasher.update(b"\n\n");
            }
            hasher.update(paragraph.as_bytes());
        }
        Self(format!("{:032x}", hasher.digest128()))
    }

    /// Accepts only what [`ArticleId::of`] produces, so an id read from a file
    /// can safely become a file name.
    pub fn parse(text: &str) -> Option<Self> {
        let valid = text.len() == 32
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        valid.then(|| Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for ArticleId {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::parse(&text).ok_or_else(|| format!("invalid article id {text:?}"))
    }
}

impl From<ArticleId> for String {
    fn from(id: ArticleId) -> Self {
        id.0
    }
}

/// A bookmarked passage. `paragraph` indexes the *repaired* view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// Unique across processes: creation time, process id and a counter.
    pub id: String,
    pub paragraph: usize,
    pub byte: usize,
    /// Up to [`QUOTE_CHARS`] characters from `byte`; used to re-anchor.
    pub quote: String,
    pub note: Option<String>,
    /// RFC 3339, UTC.
    pub created: String,
    /// The quote was not found in the current text; kept, never dropped.
    #[serde(default)]
    pub orphaned: bool,
}

impl Bookmark {
    /// A bookmark at `position` of `doc`. The position is in the view `doc`
    /// currently shows; it is stored in the repaired view.
    pub fn new(doc: &Document, position: Position, note: Option<String>) -> Self {
        let position = if doc.view() == View::Repaired {
            position
        } else {
            doc.map_to_view(position, View::Repaired)
        };
        let position = clamp(doc, position);
        Self {
            id: unique_id(),
            paragraph: position.paragraph,
            byte: position.byte,
            quote: quote_at(doc, position),
            note,
            created: now_rfc3339(),
            orphaned: false,
        }
    }

    pub fn position(&self) -> Position {
        Position::new(self.paragraph, self.byte)
    }

    fn sort_key(&self) -> (usize, usize, &str) {
        (self.paragraph, self.byte, &self.id)
    }
}

/// Everything remembered about one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleState {
    pub version: u32,
    pub id: ArticleId,
    #[serde(default)]
    pub last_path: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    /// Where reading stopped, in the repaired view.
    #[serde(default)]
    pub position: Option<Position>,
    /// Sorted by (paragraph, byte, id), so the order of merged adds does not matter.
    #[serde(default)]
    pub bookmarks: Vec<Bookmark>,
    /// The reader's highlights, sorted by (paragraph, start, id); absent
    /// from files written before there were any.
    #[serde(default)]
    pub highlights: Vec<Highlight>,
    /// The reader's corrections of detection, sorted by id (so by time);
    /// absent from files written before there were any.
    #[serde(default)]
    pub corrections: Vec<Correction>,
    /// RFC 3339, UTC; set by the store on each save.
    #[serde(default)]
    pub updated: String,
}

/// One change to an [`ArticleState`]. Every op is idempotent and ignores a
/// bookmark id that no longer exists (another copy may have deleted it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    /// Adds a bookmark unless one with its id, or one on its paragraph,
    /// is already there.
    Add(Bookmark),
    Remove {
        id: String,
    },
    SetNote {
        id: String,
        note: Option<String>,
    },
    SetPosition(Position),
    SetPath(String),
    SetTitle(Option<String>),
    /// Moves a bookmark after the article changed (see [`reanchor_ops`]).
    Reanchor {
        id: String,
        position: Position,
        quote: String,
        orphaned: bool,
    },
    /// A change to the highlights.
    Highlight(HighlightOp),
    /// A change to the corrections of detection.
    Correction(CorrectionOp),
}

impl Op {
    /// Made by the user (a bookmark or note), not margin's own record.
    pub fn is_users(&self) -> bool {
        match self {
            Op::Add(_) | Op::Remove { .. } | Op::SetNote { .. } => true,
            Op::Highlight(op) => !matches!(op, HighlightOp::Reanchor { .. }),
            Op::Correction(op) => !matches!(op, CorrectionOp::Reanchor { .. }),
            _ => false,
        }
    }
}

impl ArticleState {
    /// The state of an article never seen before.
    pub fn new(id: ArticleId) -> Self {
        Self {
            version: FORMAT_VERSION,
            id,
            last_path: None,
            title: None,
            position: None,
            bookmarks: Vec::new(),
            highlights: Vec::new(),
            corrections: Vec::new(),
            updated: String::new(),
        }
    }

    pub fn apply(&mut self, op: Op) {
        match op {
            Op::Add(bookmark) => {
                // Two copies of margin bookmarking the same passage make one
                // bookmark, as `m` in one copy would (it toggles by paragraph).
                let same_passage = self.bookmarks.iter_mut().find(|b| {
                    !b.orphaned && !bookmark.orphaned && b.paragraph == bookmark.paragraph
                });
                if let Some(existing) = same_passage {
                    // The older bookmark stays, whichever save came first,
                    // so copies merging in any order agree.
                    let (kept, other) = if bookmark.id < existing.id {
                        (bookmark, existing.clone())
                    } else {
                        (existing.clone(), bookmark)
                    };
                    *existing = Bookmark {
                        note: kept.note.or(other.note),
                        ..kept
                    };
                    self.bookmarks
                        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                } else if self.find(&bookmark.id).is_none() {
                    let at = self
                        .bookmarks
                        .partition_point(|b| b.sort_key() < bookmark.sort_key());
                    self.bookmarks.insert(at, bookmark);
                }
            }
            Op::Remove { id } => self.bookmarks.retain(|b| b.id != id),
            Op::SetNote { id, note } => {
                if let Some(b) = self.bookmarks.iter_mut().find(|b| b.id == id) {
                    b.note = note;
                }
            }
            Op::SetPosition(position) => self.position = Some(position),
            Op::SetPath(path) => self.last_path = Some(path),
            Op::SetTitle(title) => self.title = title,
            Op::Reanchor {
                id,
                position,
                quote,
                orphaned,
            } => {
                if let Some(b) = self.bookmarks.iter_mut().find(|b| b.id == id) {
                    b.paragraph = position.paragraph;
                    b.byte = position.byte;
                    b.quote = quote;
                    b.orphaned = orphaned;
                    self.bookmarks
                        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                }
            }
            Op::Highlight(op) => crate::highlights::apply(&mut self.highlights, op),
            Op::Correction(op) => crate::corrections::apply(&mut self.corrections, op),
        }
    }

    pub fn find(&self, id: &str) -> Option<&Bookmark> {
        self.bookmarks.iter().find(|b| b.id == id)
    }

    /// The bookmarks in `paragraph` (repaired view), for the gutter mark and
    /// for `m` toggling.
    pub fn bookmarks_in(&self, paragraph: usize) -> impl Iterator<Item = &Bookmark> {
        let from = self.bookmarks.partition_point(|b| b.paragraph < paragraph);
        self.bookmarks[from..]
            .iter()
            .take_while(move |b| b.paragraph == paragraph)
    }

    /// Neutralises control characters in the text fields: the state file is
    /// input like any other and these strings end up on the terminal. A
    /// no-op for anything margin wrote itself (quotes come from sanitised
    /// text), so quotes still match the document.
    pub fn sanitised(mut self) -> Self {
        let clean = |s: &mut String| {
            if s.chars().any(sanitise::is_neutralised) {
                *s = sanitise::for_message(s);
            }
        };
        for b in &mut self.bookmarks {
            clean(&mut b.quote);
            if let Some(note) = &mut b.note {
                clean(note);
            }
            clean(&mut b.created);
        }
        for h in &mut self.highlights {
            for s in [&mut h.quote, &mut h.created]
                .into_iter()
                .chain(&mut h.note)
            {
                clean(s);
            }
        }
        for c in &mut self.corrections {
            c.texts().into_iter().for_each(clean);
        }
        for s in [&mut self.last_path, &mut self.title].into_iter().flatten() {
            clean(s);
        }
        clean(&mut self.updated);
        self
    }
}

/// The bookmarks of `state` anchored in `doc` (a completely loaded document):
/// a bookmark whose quote is still at its place stays; one whose quote is
/// elsewhere moves to the occurrence nearest its old paragraph; one whose
/// quote is gone is kept where it was and marked orphaned.
pub fn reanchor(state: &ArticleState, doc: &Document) -> Vec<Bookmark> {
    let mut out: Vec<Bookmark> = state
        .bookmarks
        .iter()
        .map(|b| {
            let (position, quote, orphaned) = anchor(b, doc);
            Bookmark {
                paragraph: position.paragraph,
                byte: position.byte,
                quote,
                orphaned,
                ..b.clone()
            }
        })
        .collect();
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out
}

/// What re-anchoring changes, as ops to save: a [`Op::Reanchor`] per moved or
/// (un)orphaned bookmark (and the like for each highlight) and a [`Op::SetPosition`] when the reading position
/// no longer points into the text.
pub fn reanchor_ops(state: &ArticleState, doc: &Document) -> Vec<Op> {
    let mut ops: Vec<Op> = crate::highlights::reanchor_ops(&state.highlights, doc)
        .into_iter()
        .map(Op::Highlight)
        .chain(
            crate::corrections::reanchor_ops(&state.corrections, doc)
                .into_iter()
                .map(Op::Correction),
        )
        .collect();
    for b in &state.bookmarks {
        let (position, quote, orphaned) = anchor(b, doc);
        if position != b.position() || quote != b.quote || orphaned != b.orphaned {
            ops.push(Op::Reanchor {
                id: b.id.clone(),
                position,
                quote,
                orphaned,
            });
        }
    }
    if let Some(position) = state.position {
        let clamped = clamp(doc, position);
        if clamped != position && doc.len_of(View::Repaired) > 0 {
            ops.push(Op::SetPosition(clamped));
        }
    }
    ops
}

/// Where `b` belongs in `doc`: (position, quote, orphaned).
fn anchor(b: &Bookmark, doc: &Document) -> (Position, String, bool) {
    if let Some(found) = find_quote(doc, b.position(), &b.quote) {
        return (found, b.quote.clone(), false);
    }
    let prefix_end = b.quote.char_indices().nth(PREFIX_CHARS).map(|(i, _)| i);
    if let Some(end) = prefix_end
        && let Some(found) = find_quote(doc, b.position(), &b.quote[..end])
    {
        return (found, quote_at(doc, found), false);
    }
    (b.position(), b.quote.clone(), true)
}

/// Where `quote` is in `doc`'s repaired view: at `was` if it still starts
/// there, else the occurrence nearest to it; `None` when it is gone.
pub(crate) fn find_quote(doc: &Document, was: Position, quote: &str) -> Option<Position> {
    let count = doc.len_of(View::Repaired);
    let text = |i: usize| doc.paragraph_of(View::Repaired, i);
    let in_place = was.paragraph < count
        && text(was.paragraph)
            .get(was.byte..)
            .is_some_and(|rest| rest.starts_with(quote));
    if in_place {
        return Some(was);
    }
    if count == 0 || quote.is_empty() {
        return None;
    }
    nearest(doc, was, quote)
}

/// The occurrence of `needle` nearest to `was`: the closest paragraph
/// (the earlier on a tie), and in it the closest byte.
fn nearest(doc: &Document, was: Position, needle: &str) -> Option<Position> {
    let count = doc.len_of(View::Repaired);
    let origin = was.paragraph.min(count.saturating_sub(1));
    let find_in = |i: usize| {
        doc.paragraph_of(View::Repaired, i)
            .match_indices(needle)
            .map(|(at, _)| at)
            .min_by_key(|at| at.abs_diff(was.byte))
            .map(|at| Position::new(i, at))
    };
    for distance in 0..count {
        let before = origin.checked_sub(distance);
        let after = Some(origin + distance).filter(|i| *i < count && distance > 0);
        if before.is_none() && after.is_none() {
            break;
        }
        for i in [before, after].into_iter().flatten() {
            if let Some(found) = find_in(i) {
                return Some(found);
            }
        }
    }
    None
}

/// `position` moved onto an existing paragraph of the repaired view and a
/// character boundary.
pub(crate) fn clamp(doc: &Document, position: Position) -> Position {
    let count = doc.len_of(View::Repaired);
    if count == 0 {
        return Position::default();
    }
    let paragraph = position.paragraph.min(count - 1);
    let text = doc.paragraph_of(View::Repaired, paragraph);
    let mut byte = position.byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    Position::new(paragraph, byte)
}

/// Up to [`QUOTE_CHARS`] characters of the repaired text from `position`.
fn quote_at(doc: &Document, position: Position) -> String {
    let text = doc.paragraph_of(View::Repaired, position.paragraph);
    let rest = text.get(position.byte..).unwrap_or("");
    let end = rest
        .char_indices()
        .nth(QUOTE_CHARS)
        .map_or(rest.len(), |(i, _)| i);
    rest[..end].to_owned()
}

/// Unique across processes and calls: nanoseconds, pid, per-process counter.
pub(crate) fn unique_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{nanos:x}-{:x}-{count:x}", std::process::id())
}

/// The current time as RFC 3339 UTC, to the second.
pub fn now_rfc3339() -> String {
    humantime::format_rfc3339_seconds(SystemTime::now()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ARTICLE: &str = "Alipay lost\n\n\
        Alipay first played a platform role in payments.\n\n\
        Ali Wangwang was meant to make Alibaba social.\n\n\
        Circles failed when Sesame Credit gated comments.\n";

    fn doc(text: &str) -> Document {
        Document::from_text(text)
    }

    fn id() -> ArticleId {
        ArticleId::of(&doc(ARTICLE))
    }

    #[test]
    fn id_is_stable_hex_and_ignores_layout_but_not_text() {
        let a = ArticleId::of(&doc(ARTICLE));
        assert_eq!(a.as_str().len(), 32);
        assert_eq!(ArticleId::parse(a.as_str()), Some(a.clone()));
        // Line ends and extra blank lines are normalised away at load.
        let crlf = ARTICLE
            .replace('\n', "\r\n")
            .replace("\r\n\r\n", "\r\n\r\n\r\n");
        assert_eq!(ArticleId::of(&doc(&crlf)), a);
        assert_ne!(ArticleId::of(&doc(&ARTICLE.replace("lost", "won"))), a);
    }

    #[test]
    fn a_second_bookmark_on_one_paragraph_merges_into_the_first() {
        let d = doc(ARTICLE);
        let mut state = ArticleState::new(id());
        let first = Bookmark::new(&d, Position::new(1, 0), None);
        let second = Bookmark::new(&d, Position::new(1, 4), Some("mine".into()));
        let first_id = first.id.clone();
        state.apply(Op::Add(first));
        state.apply(Op::Add(second));
        assert_eq!(state.bookmarks.len(), 1);
        assert_eq!(state.bookmarks[0].id, first_id);
        assert_eq!(state.bookmarks[0].note.as_deref(), Some("mine"));
        state.apply(Op::Add(Bookmark::new(&d, Position::new(2, 0), None)));
        assert_eq!(state.bookmarks.len(), 2);
    }

    #[test]
    fn id_parse_rejects_anything_that_is_not_a_file_name_safe_hash() {
        for bad in ["", "../../etc/passwd", &"A".repeat(32), &"0".repeat(31)] {
            assert_eq!(ArticleId::parse(bad), None, "{bad:?}");
        }
        let json = r#"{"version":1,"id":"../x"}"#;
        assert!(serde_json::from_str::<ArticleState>(json).is_err());
    }

    #[test]
    fn new_bookmark_quotes_from_the_position_on_char_boundaries() {
        let d = doc("T\n\nñandú è ".to_owned().repeat(30).as_str());
        let b = Bookmark::new(&d, Position::new(1, 1), Some("n".into()));
        assert_eq!(b.byte, 0, "byte 1 is inside ñ, moved back");
        assert_eq!(b.quote.chars().count(), QUOTE_CHARS);
        assert!(d.paragraph(1).starts_with(&b.quote));
        let other = Bookmark::new(&d, Position::new(1, 0), None);
        assert_ne!(b.id, other.id);
        assert!(b.created.ends_with('Z'), "{}", b.created);
    }

    #[test]
    fn new_bookmark_in_raw_view_is_stored_in_repaired_view() {
        let mut d = doc("T\n\none two\n\nthree four.\n\nFive.");
        d.set_view(View::Raw);
        let b = Bookmark::new(&d, Position::new(3, 0), None);
        assert_eq!((b.paragraph, b.byte), (2, 0));
        assert_eq!(b.quote, "Five.");
    }

    #[test]
    fn ops_edit_and_ignore_unknown_ids() {
        let d = doc(ARTICLE);
        let mut s = ArticleState::new(id());
        let b = Bookmark::new(&d, Position::new(2, 0), None);
        s.apply(Op::Add(b.clone()));
        s.apply(Op::Add(b.clone()));
        assert_eq!(s.bookmarks.len(), 1, "adding twice is idempotent");
        s.apply(Op::SetNote {
            id: b.id.clone(),
            note: Some("social".into()),
        });
        s.apply(Op::SetNote {
            id: "gone".into(),
            note: None,
        });
        s.apply(Op::Remove { id: "gone".into() });
        assert_eq!(s.bookmarks[0].note.as_deref(), Some("social"));
        assert_eq!(s.bookmarks_in(2).count(), 1);
        assert_eq!(s.bookmarks_in(1).count(), 0);
        s.apply(Op::SetPosition(Position::new(3, 4)));
        s.apply(Op::SetPath("/tmp/a.txt".into()));
        assert_eq!(s.position, Some(Position::new(3, 4)));
        s.apply(Op::Remove { id: b.id });
        assert!(s.bookmarks.is_empty());
    }

    #[test]
    fn sanitised_neutralises_hostile_strings_and_keeps_ours() {
        let d = doc(ARTICLE);
        let mut s = ArticleState::new(id());
        let b = Bookmark::new(
            &d,
            Position::new(1, 0),
            Some("\u{1b}]52;c;eA==\u{7}".into()),
        );
        s.apply(Op::Add(b.clone()));
        s.title = Some("a\u{202e}b".into());
        let s = s.sanitised();
        assert_eq!(s.bookmarks[0].quote, b.quote);
        let note = s.bookmarks[0].note.as_deref().unwrap_or_default();
        assert!(!note.contains('\u{1b}'), "{note:?}");
        assert!(!s.title.unwrap_or_default().contains('\u{202e}'));
    }

    fn state_with_marks(d: &Document, at: &[(usize, usize)]) -> ArticleState {
        let mut s = ArticleState::new(id());
        for &(p, b) in at {
            s.apply(Op::Add(Bookmark::new(d, Position::new(p, b), None)));
        }
        s
    }

    #[test]
    fn reanchor_keeps_bookmarks_in_place_when_nothing_changed() {
        let d = doc(ARTICLE);
        let s = state_with_marks(&d, &[(1, 0), (2, 4), (3, 0)]);
        assert_eq!(reanchor(&s, &d), s.bookmarks);
        assert!(reanchor_ops(&s, &d).is_empty());
    }

    #[test]
    fn reanchor_follows_a_paragraph_inserted_before() {
        let d = doc(ARTICLE);
        let mut s = state_with_marks(&d, &[(2, 4), (3, 0)]);
        let edited = ARTICLE.replace(
            "Ali Wangwang",
            "A new paragraph about Taobao.\n\nAli Wangwang",
        );
        let e = doc(&edited);
        let moved = reanchor(&s, &e);
        assert_eq!(
            moved
                .iter()
                .map(|b| (b.paragraph, b.byte))
                .collect::<Vec<_>>(),
            vec![(3, 4), (4, 0)]
        );
        assert!(moved.iter().all(|b| !b.orphaned));
        // The same result as ops, which is what gets saved.
        for op in reanchor_ops(&s, &e) {
            s.apply(op);
        }
        assert_eq!(s.bookmarks, moved);
    }

    #[test]
    fn reanchor_finds_a_quote_moved_into_another_paragraph() {
        let text =
            "T\n\nFirst paragraph stays.\n\nSecond has the passage we marked here.\n\nThird.";
        let d = doc(text);
        let s = state_with_marks(&d, &[(2, 11)]);
        assert_eq!(s.bookmarks[0].quote, "the passage we marked here.");
        let edited = "T\n\nFirst paragraph stays.\n\nSecond lost it.\n\nThird now has the passage we marked here.";
        let e = doc(edited);
        let b = &reanchor(&s, &e)[0];
        assert_eq!((b.paragraph, b.byte, b.orphaned), (3, 14, false));
        assert_eq!(&e.paragraph(3)[b.byte..], b.quote);
    }

    #[test]
    fn reanchor_prefers_the_occurrence_nearest_the_old_paragraph() {
        let p = "Repeated sentence here.";
        let text = format!("T\n\n{p}\n\nA.\n\nB.\n\nC.\n\n{p}");
        let d = doc(&text);
        let s = state_with_marks(&d, &[(5, 0)]);
        let e = doc(&format!("T\n\n{p}\n\nA.\n\nB.\n\nC.\n\nD.\n\n{p}"));
        assert_eq!(reanchor(&s, &e)[0].paragraph, 6);
    }

    #[test]
    fn reanchor_by_prefix_when_the_end_of_the_quote_was_edited() {
        let long = "The platform role of Alipay grew out of escrow payments for Taobao sellers and buyers alike.";
        let d = doc(&format!("T\n\n{long}"));
        let s = state_with_marks(&d, &[(1, 0)]);
        let edited = long.replace("sellers and buyers alike", "merchants");
        let e = doc(&format!("T\n\nNew.\n\n{edited}"));
        let b = &reanchor(&s, &e)[0];
        assert_eq!((b.paragraph, b.byte, b.orphaned), (2, 0, false));
        assert!(edited.starts_with(&b.quote));
    }

    #[test]
    fn reanchor_orphans_a_deleted_quote_but_keeps_it() {
        let d = doc(ARTICLE);
        let s = state_with_marks(&d, &[(2, 0), (3, 0)]);
        let edited = ARTICLE.replace(
            "Ali Wangwang was meant to make Alibaba social.",
            "Something else entirely.",
        );
        let e = doc(&edited);
        let out = reanchor(&s, &e);
        assert_eq!(out.len(), 2, "never dropped");
        let gone = out.iter().find(|b| b.id == s.bookmarks[0].id);
        assert!(gone.is_some_and(|b| b.orphaned && b.quote == s.bookmarks[0].quote));
        assert!(out.iter().any(|b| !b.orphaned && b.paragraph == 3));
        // An orphan whose text comes back is un-orphaned.
        let orphaned = ArticleState {
            bookmarks: out,
            ..s.clone()
        };
        assert!(reanchor(&orphaned, &d).iter().all(|b| !b.orphaned));
    }

    #[test]
    fn reanchor_clamps_a_stale_position() {
        let d = doc(ARTICLE);
        let mut s = ArticleState::new(id());
        s.position = Some(Position::new(40, 3));
        let ops = reanchor_ops(&s, &d);
        assert_eq!(ops, vec![Op::SetPosition(Position::new(3, 3))]);
        // A truncated file orphans nothing that is still there and drops nothing.
        let s = state_with_marks(&d, &[(3, 0)]);
        let out = reanchor(&s, &doc("Alipay lost"));
        assert_eq!(out.len(), 1);
        assert!(out[0].orphaned);
    }

    fn arb_text() -> impl Strategy<Value = String> {
        prop_oneof![".{0,20}", "[a-zé漢😀 ]{0,12}"]
    }

    fn arb_bookmark() -> impl Strategy<Value = Bookmark> {
        (
            "[0-9a-f-]{1,20}",
            0usize..10_000,
            0usize..10_000,
            arb_text(),
            proptest::option::of(arb_text()),
            any::<bool>(),
        )
            .prop_map(|(id, paragraph, byte, quote, note, orphaned)| Bookmark {
                id,
                paragraph,
                byte,
                quote,
                note,
                created: "2024-05-01T10:00:00Z".into(),
                orphaned,
            })
    }

    fn arb_highlight() -> impl Strategy<Value = Highlight> {
        let colour = proptest::sample::select(crate::highlights::Colour::ALL.to_vec());
        (
            0usize..1000,
            0usize..1000,
            arb_text(),
            colour,
            proptest::option::of(arb_text()),
        )
            .prop_map(|(paragraph, start, quote, colour, note)| Highlight {
                id: format!("h{paragraph}-{start}"),
                paragraph,
                start,
                end: start + quote.len(),
                quote,
                colour,
                note,
                created: "2024-05-01T10:00:00Z".into(),
                orphaned: false,
            })
    }

    fn arb_state() -> impl Strategy<Value = ArticleState> {
        (
            proptest::option::of(arb_text()),
            proptest::option::of(arb_text()),
            proptest::option::of((0usize..1000, 0usize..1000)),
            proptest::collection::vec(arb_bookmark(), 0..8),
            proptest::collection::vec(arb_highlight(), 0..4),
        )
            .prop_map(
                |(last_path, title, position, bookmarks, highlights)| ArticleState {
                    version: FORMAT_VERSION,
                    id: id(),
                    last_path,
                    title,
                    position: position.map(|(p, b)| Position::new(p, b)),
                    bookmarks,
                    highlights,
                    corrections: Vec::new(),
                    updated: "2024-05-01T10:00:00Z".into(),
                },
            )
    }

    proptest! {
        #[test]
        fn state_round_trips_through_json(state in arb_state()) {
            let json = serde_json::to_string_pretty(&state).expect("serialises");
            let back: ArticleState = serde_json::from_str(&json).expect("parses");
            prop_assert_eq!(back, state);
        }

        #[test]
        fn adds_merge_in_any_order(
            marks in proptest::collection::vec(arb_bookmark(), 0..12),
            seed in any::<u64>(),
        ) {
            // Ids are unique by construction in real use.
            let mut marks = marks;
            for (i, b) in marks.iter_mut().enumerate() {
                b.id = format!("{i}-{}", b.id);
            }
            let mut shuffled = marks.clone();
            let mut x = seed | 1;
            for i in (1..shuffled.len()).rev() {
                x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                shuffled.swap(i, (x % (i as u64 + 1)) as usize);
            }
            let mut a = ArticleState::new(id());
            let mut b = ArticleState::new(id());
            for m in marks.iter().cloned() { a.apply(Op::Add(m)); }
            for m in shuffled { b.apply(Op::Add(m)); }
            // The same bookmarks, ids and all; only which note survives on
            // a paragraph bookmarked twice with two notes may differ.
            let ids = |s: &ArticleState| s.bookmarks.iter().map(|b| b.id.clone()).collect::<Vec<_>>();
            prop_assert_eq!(ids(&a), ids(&b));
            // One bookmark per paragraph, except orphans (kept whatever).
            let mut placed: Vec<usize> = a.bookmarks.iter().filter(|b| !b.orphaned).map(|b| b.paragraph).collect();
            let count = placed.len();
            placed.dedup();
            prop_assert_eq!(placed.len(), count);
            let wanted: std::collections::BTreeSet<usize> = marks.iter().filter(|b| !b.orphaned).map(|b| b.paragraph).collect();
            prop_assert_eq!(placed.into_iter().collect::<std::collections::BTreeSet<_>>(), wanted);
        }
    }
}
