//! Wrapping one paragraph to a width, as byte ranges (bk's model): the text
//! is never copied, lines are rebuilt on resize, positions stay bytes.
//!
//! Break opportunities come from textwrap (Unicode line-breaking rules, so
//! CJK breaks between characters); widths are measured per word with
//! unicode-width's string width, except for graphemes terminals disagree on
//! (emoji ZWJ sequences, modifiers, variation selectors: see
//! [`is_ambiguous`]), which margin draws character by character and so
//! measures by the wider of the two measures.
//!
//! [`areas`]: where each part of the screen goes, for a terminal size.

pub mod areas;

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use textwrap::WordSeparator;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Whether terminals disagree on the width of grapheme `g`: several
/// characters whose width as a cluster (an emoji ZWJ sequence, a skin-tone
/// modifier, a variation selector, a keycap) differs from the sum of their
/// own widths. Many terminals draw such a cluster character by character,
/// wider than ratatui counts it, and the surplus overwrites whatever is
/// beside it: the panel's border and text. So margin draws these
/// characters one by one (see `ui::safe`), which every terminal agrees on.
pub fn is_ambiguous(g: &str) -> bool {
    let mut chars = g.chars();
    chars.next().is_some() && chars.next().is_some() && g.width() != chars_width(g)
}

fn chars_width(g: &str) -> usize {
    g.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// The extended graphemes of `text`, as `text.graphemes(true)` gives them
/// (tested), but an ASCII character next to another is taken as it is:
/// between two there is always a boundary (CR LF aside), and segmenting
/// mostly-ASCII text on every frame costs more than drawing it.
pub fn graphemes(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        let first = *bytes.get(start)?;
        let next = bytes.get(start + 1).copied();
        let len = match next {
            _ if !first.is_ascii() => None,
            None => Some(1),
            Some(b'\n') if first == b'\r' => Some(2),
            Some(next) if next.is_ascii() => Some(1),
            // A combining mark may join the character before it: segment
            // from here, a boundary, as segmentation may start afresh at one.
            Some(_) => None,
        }
        .unwrap_or_else(|| {
            text[start..]
                .graphemes(true)
                .next()
                .map_or(bytes.len() - start, str::len)
        });
        let grapheme = &text[start..start + len];
        start += len;
        Some(grapheme)
    })
}

/// Columns grapheme `g` may take: for an ambiguous one the wider of the
/// two measures, so a line fits whether it is drawn character by character
/// (the pane) or printed whole to a terminal that knows the cluster
/// (`--print`).
pub fn grapheme_width(g: &str) -> usize {
    if is_ambiguous(g) {
        chars_width(g).max(g.width())
    } else {
        g.width()
    }
}

/// Columns `text` may take (see [`grapheme_width`]).
pub fn display_width(text: &str) -> usize {
    if text.is_ascii() {
        return text.width();
    }
    text.graphemes(true).map(grapheme_width).sum()
}

/// Wraps `text` to `width` columns. Every line but a single too-wide
/// grapheme fits; `\n` is a hard break; whitespace at a break is dropped.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut offset = 0;
    for hard_line in text.split('\n') {
        wrap_line(hard_line, offset, width, &mut lines);
        offset += hard_line.len() + 1;
    }
    lines
}

/// Above this size an ASCII line is wrapped by [`wrap_ascii`]: Unicode
/// line breaking over a 10 MB line takes a fifth of a second, at every resize.
const FAST_WRAP_BYTES: usize = 256 << 10;

fn wrap_line(line: &str, base: usize, width: usize, lines: &mut Vec<Range<usize>>) {
    if line.len() > FAST_WRAP_BYTES && line.is_ascii() {
        wrap_ascii(line.as_bytes(), base, width, lines);
        return;
    }
    let mut current: Option<(usize, usize)> = None; // (start, end) of the open line
    let mut used = 0; // columns up to the end of the last word
    let mut gap = 0; // columns of whitespace after it
    for word in WordSeparator::UnicodeBreakProperties.find_words(line) {
        let start = word.word.as_ptr() as usize - line.as_ptr() as usize;
        let end = start + word.word.len();
        let word_width = display_width(word.word);
        let fits = current.is_none() || used + gap + word_width <= width;
        if word_width > width {
            if let Some((s, e)) = current.take() {
                lines.push(base + s..base + e);
            }
            let (s, e, w) = break_word(word.word, start, width, base, lines);
            current = Some((s, e));
            used = w;
        } else if fits {
            let s = current.map_or(start, |(s, _)| s);
            current = Some((s, end));
            used += gap + word_width;
        } else {
            if let Some((s, e)) = current.take() {
                lines.push(base + s..base + e);
            }
            current = Some((start, end));
            used = word_width;
        }
        gap = word.whitespace.width();
    }
    match current {
        Some((s, e)) => lines.push(base + s..base + e),
        None => lines.push(base + line.len()..base + line.len()),
    }
}

/// Greedy wrapping of printable ASCII (every byte one column) at spaces,
/// cutting words longer than the line. Same contract as `wrap_line`.
fn wrap_ascii(bytes: &[u8], base: usize, width: usize, lines: &mut Vec<Range<usize>>) {
    let before = lines.len();
    let mut start = 0;
    while start < bytes.len() {
        while start < bytes.len() && bytes[start] == b' ' {
            start += 1;
        }
        if start == bytes.len() {
            break;
        }
        let limit = (start + width).min(bytes.len());
        if limit == bytes.len() || bytes[limit] == b' ' {
            let end = limit - trailing_spaces(&bytes[start..limit]);
            lines.push(base + start..base + end);
            start = limit;
            continue;
        }
        // The last space within reach ends the line; none: cut the word.
        match bytes[start..limit].iter().rposition(|&b| b == b' ') {
            Some(space) => {
                let end = start + space - trailing_spaces(&bytes[start..start + space]);
                lines.push(base + start..base + end);
                start += space + 1;
            }
            None => {
                lines.push(base + start..base + limit);
                start = limit;
            }
        }
    }
    // A line of spaces only is still a line.
    if lines.len() == before {
        lines.push(base + bytes.len()..base + bytes.len());
    }
}

fn trailing_spaces(bytes: &[u8]) -> usize {
    bytes.iter().rev().take_while(|&&b| b == b' ').count()
}

/// Breaks a word wider than the line at grapheme boundaries; pushes every
/// full piece and returns the last (start, end, width) to continue the line.
fn break_word(
    word: &str,
    start: usize,
    width: usize,
    base: usize,
    lines: &mut Vec<Range<usize>>,
) -> (usize, usize, usize) {
    let mut piece_start = start;
    let mut piece_width = 0;
    for (i, grapheme) in word.grapheme_indices(true) {
        let w = grapheme_width(grapheme);
        if piece_width > 0 && piece_width + w > width {
            lines.push(base + piece_start..base + start + i);
            piece_start = start + i;
            piece_width = 0;
        }
        piece_width += w;
    }
    (piece_start, start + word.len(), piece_width)
}

/// The index of the line that holds `byte`.
pub fn line_of(lines: &[Range<usize>], byte: usize) -> usize {
    lines
        .partition_point(|line| line.start <= byte)
        .saturating_sub(1)
}

/// Wrapped lines per paragraph for one width, computed only for the
/// paragraphs that are shown. Interior mutability lets drawing (which only
/// reads the app) fill it.
#[derive(Debug, Default)]
pub struct WrapCache {
    width: usize,
    lines: RefCell<HashMap<ParagraphKey, Lines>>,
}

/// A paragraph's index and text length (see `WrapCache::lines`).
type ParagraphKey = (usize, usize);
pub type Lines = Rc<[Range<usize>]>;

/// Beyond this many paragraphs the cache starts again: a screen needs few.
const CACHE_LIMIT: usize = 4096;

impl WrapCache {
    pub fn new(width: usize) -> Self {
        Self {
            width,
            lines: RefCell::default(),
        }
    }

    pub fn width(&self) -> usize {
        self.width
    }

    /// Lines of paragraph `index` whose text is `text`.
    pub fn lines(&self, index: usize, text: &str) -> Lines {
        // The text length is part of the key: a paragraph still growing while
        // a file loads, or shown raw, gets wrapped anew.
        let key = (index, text.len());
        if let Some(lines) = self.lines.borrow().get(&key) {
            return Rc::clone(lines);
        }
        let lines: Lines = wrap(text, self.width).into();
        let mut map = self.lines.borrow_mut();
        if map.len() >= CACHE_LIMIT {
            map.clear();
        }
        map.insert(key, Rc::clone(&lines));
        lines
    }

    pub fn clear(&self) {
        self.lines.borrow_mut().clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn shown(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            shown("the quick brown fox", 10),
            vec!["the quick", "brown fox"]
        );
        assert_eq!(
            shown("the quick brown fox", 100),
            vec!["the quick brown fox"]
        );
    }

    #[test]
    fn breaks_long_words() {
        assert_eq!(shown("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(shown("ab abcdefghij", 4), vec!["ab", "abcd", "efgh", "ij"]);
    }

    #[test]
    fn cjk_breaks_between_characters_and_counts_two_columns() {
        assert_eq!(shown("阿里巴巴集团", 5), vec!["阿里", "巴巴", "集团"]);
    }

    #[test]
    fn emoji_sequences_are_not_split() {
        let text = "👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧";
        for line in shown(text, 2) {
            assert_eq!(line, "👩‍👩‍👧");
        }
    }

    #[test]
    fn newline_is_a_hard_break() {
        assert_eq!(
            shown("Items:\n- one\n- two", 40),
            vec!["Items:", "- one", "- two"]
        );
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(wrap("", 10), vec![0..0]);
    }

    #[test]
    fn line_of_finds_the_line_holding_a_byte() {
        let lines = wrap("the quick brown fox", 10);
        assert_eq!(line_of(&lines, 0), 0);
        assert_eq!(line_of(&lines, 9), 0);
        assert_eq!(line_of(&lines, 10), 1);
        assert_eq!(line_of(&lines, 100), 1);
    }

    #[test]
    fn no_line_wider_than_any_width_on_the_bundled_article() {
        let doc =
            crate::load::load_bytes(include_bytes!("../../../assets/article.txt")).expect("loads");
        for width in 1..=130 {
            for text in doc.paragraphs() {
                for line in wrap(text, width) {
                    let line = &text[line];
                    assert!(line.width() <= width, "{width}: {line:?}");
                }
            }
        }
    }

    #[test]
    fn cache_follows_text_changes() {
        let cache = WrapCache::new(5);
        assert_eq!(cache.lines(0, "ab").len(), 1);
        assert_eq!(cache.lines(0, "ab cd ef").len(), 2);
    }

    proptest! {
        #[test]
        fn lines_fit_cover_the_words_and_ascend(
            text in "([a-z]{1,12}|[ ]{1,3}|中文|👩‍👩‍👧|❤️|\n|é|\u{301}){0,40}",
            width in 1usize..40,
        ) {
            let lines = wrap(&text, width);
            prop_assert!(!lines.is_empty());
            let mut last_end = 0;
            for line in &lines {
                prop_assert!(line.start >= last_end && line.end <= text.len());
                prop_assert!(text.is_char_boundary(line.start) && text.is_char_boundary(line.end));
                let shown = &text[line.clone()];
                let single = shown.graphemes(true).count() <= 1;
                prop_assert!(display_width(shown) <= width || single, "{:?} at {}", shown, width);
                last_end = line.end;
            }
            // Nothing but whitespace is lost between lines.
            let kept: String = lines.iter().map(|l| &text[l.clone()]).collect();
            let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            prop_assert_eq!(strip(&kept), strip(&text));
        }
    }

    proptest! {
        #[test]
        fn graphemes_are_unicode_segmentation_s(
            text in concat!(
                "([a-z ]{1,4}|\t|\r|\n|\r\n|中|é|e\u{301}|\u{301}|\u{200b}|\u{200d}|",
                "👩\u{200d}👧|👍🏽|❤️|1️⃣|🇫|🇫🇷|ｶﾞ|\u{600}|ᄀ\u{1161}\u{11a8}|\u{1161}|—|ก\u{e33}){0,16}"
            ),
        ) {
            let ours: Vec<&str> = graphemes(&text).collect();
            let theirs: Vec<&str> = text.graphemes(true).collect();
            prop_assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn huge_ascii_lines_wrap_fast_with_the_same_contract() {
        let text = "alpha beta  gamma deltadeltadeltadelta ".repeat(20_000);
        assert!(text.len() > FAST_WRAP_BYTES);
        for width in [1, 5, 11, 80] {
            let lines = wrap(&text, width);
            let mut last_end = 0;
            for line in &lines {
                assert!(line.start >= last_end && line.end <= text.len());
                assert!(line.len() <= width, "{width}: {:?}", &text[line.clone()]);
                assert!(!text[line.clone()].starts_with(' ') && !text[line.clone()].ends_with(' '));
                last_end = line.end;
            }
            let kept: String = lines.iter().map(|l| &text[l.clone()]).collect();
            let strip = |s: &str| s.replace(' ', "");
            assert_eq!(strip(&kept), strip(&text));
        }
    }
}
