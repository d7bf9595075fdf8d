//! Sanitising decoded text, once, at load: nothing the terminal would
//! interpret survives, and what was neutralised stays visible.

use std::ops::Range;

use unicode_width::UnicodeWidthStr;

const TAB_STOP: usize = 8;

/// Sanitised text and the byte ranges that show neutralised characters.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Sanitised {
    pub text: String,
    pub escapes: Vec<Range<usize>>,
}

/// Normalises line ends (CRLF, lone CR, U+2028/9 become `\n`), expands tabs,
/// and replaces control characters (C0 but newline, DEL, C1) with caret
/// notation and bidi and invisible formatting controls (U+FEFF included:
/// the loader has already taken a leading BOM off) with `<U+XXXX>`,
/// recording where each is.
pub fn sanitise(input: &str) -> Sanitised {
    sanitise_onto(String::with_capacity(input.len()), input)
}

/// [`sanitise`] for text the caller gives up. Text with nothing to change
/// (most text) is returned as it is, not copied; otherwise only what
/// follows the first character to change is.
pub fn sanitise_owned(mut text: String) -> Sanitised {
    let Some(first) = next_special(&text, 0) else {
        return Sanitised {
            text,
            escapes: Vec::new(),
        };
    };
    let rest = text.split_off(first);
    sanitise_onto(text, &rest)
}

/// Sanitises `input` onto the end of `text`, which must hold nothing
/// `sanitise` would change.
fn sanitise_onto(text: String, input: &str) -> Sanitised {
    let mut out = Sanitised {
        text,
        escapes: Vec::new(),
    };
    out.text.reserve(input.len());
    // Tab stops need the column; it is measured lazily, from the last
    // newline or tab, only when a tab comes.
    let mut column = 0usize;
    let mut measured_to = 0usize;
    let mut copied_to = 0usize;
    let bytes = input.as_bytes();
    let mut i = 0;
    while let Some(at) = next_special(input, i) {
        i = at;
        let Some(c) = input[i..].chars().next() else {
            break;
        };
        let next = i + c.len_utf8();
        out.text.push_str(&input[copied_to..i]);
        copied_to = next;
        match c {
            '\r' => {
                if bytes.get(next) != Some(&b'\n') {
                    out.text.push('\n');
                }
            }
            '\u{2028}' | '\u{2029}' => out.text.push('\n'),
            '\t' => {
                // A newline since the last measure starts the line again.
                if let Some(newline) = memchr::memrchr(b'\n', &out.text.as_bytes()[measured_to..]) {
                    measured_to += newline + 1;
                    column = 0;
                }
                column += out.text[measured_to..].width();
                let spaces = TAB_STOP - column % TAB_STOP;
                out.text.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
                measured_to = out.text.len();
            }
            c if is_control(c) => {
                let start = out.text.len();
                push_caret(&mut out.text, c);
                push_escape(&mut out.escapes, start..out.text.len());
            }
            c => {
                let start = out.text.len();
                out.text.push_str(&format!("<U+{:04X}>", c as u32));
                push_escape(&mut out.escapes, start..out.text.len());
            }
        }
        i = next;
    }
    out.text.push_str(&input[copied_to..]);
    out
}

/// Bytes `next_special` tests at once.
const CHUNK: usize = 32;

/// Where the first character at or after `from` that `sanitise` changes
/// starts. Most text has none: it is skipped a chunk at a time.
fn next_special(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let (chunks, _) = bytes[i..].as_chunks::<CHUNK>();
        let clean = chunks
            .iter()
            .take_while(|chunk| !may_hold_special(chunk))
            .count();
        i += clean * CHUNK;
        // Then byte by byte through the chunk that has a candidate (or the tail).
        let end = (i + CHUNK).min(bytes.len());
        while i < end {
            if may_start_special(bytes[i])
                && text
                    .get(i..)
                    .and_then(|t| t.chars().next())
                    .is_some_and(is_special)
            {
                return Some(i);
            }
            i += 1;
        }
    }
    None
}

/// Whether a chunk has a byte that may start a character `sanitise`
/// changes. Branch-free tests, which the compiler vectorises: a cheap one
/// that passes printable ASCII and newlines (most of most text), then the
/// exact one for chunks with other bytes.
fn may_hold_special(chunk: &[u8; CHUNK]) -> bool {
    // As i8, control characters and every byte of a non-ASCII character
    // are below 0x20: one compare instead of one per lead byte.
    let beyond_ascii = |b: u8| ((b as i8) < 0x20) & (b != b'\n') | (b == 0x7F);
    chunk.iter().fold(false, |any, &b| any | beyond_ascii(b))
        && chunk
            .iter()
            .fold(false, |any, &b| any | may_start_special(b))
}

/// Bytes that may start a character `sanitise` changes: C0 but newline,
/// DEL, and the lead bytes of C1 controls (0xC2), U+061C (0xD8), U+180E
/// (0xE1), U+2028, U+2029, U+200B–U+206F (0xE2), and U+FEFF and
/// U+FFF9–U+FFFB (0xEF).
fn may_start_special(b: u8) -> bool {
    // `&` and `|`, not `&&` and `||`: no branches, so the test vectorises.
    (b < 0x20) & (b != b'\n')
        | (b == 0x7F)
        | (b == 0xC2)
        | (b == 0xD8)
        | (b == 0xE1)
        | (b == 0xE2)
        | (b == 0xEF)
}

/// Whether `sanitise` changes `c` (a tab for its column, too).
fn is_special(c: char) -> bool {
    match c {
        '\n' | ' '..='~' => false,
        '\0'..='\u{7f}' => true,
        c => {
            is_control(c)
                || is_bidi_control(c)
                || is_invisible_format(c)
                || matches!(c, '\u{2028}' | '\u{2029}')
        }
    }
}

/// Records an escape; one that touches the last becomes part of it, so a
/// run of control characters (a megabyte of NULs) costs one range.
fn push_escape(escapes: &mut Vec<Range<usize>>, range: Range<usize>) {
    match escapes.last_mut() {
        Some(last) if last.end == range.start => last.end = range.end,
        _ => escapes.push(range),
    }
}

fn is_control(c: char) -> bool {
    matches!(c as u32, 0x00..=0x1F | 0x7F | 0x80..=0x9F)
}

/// Characters that reorder the text around them (Trojan Source,
/// CVE-2021-42574): embeddings, overrides, isolates and the three marks.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{200E}' | '\u{200F}'
    )
}

/// Formatting characters that draw nothing, so they could hide a
/// difference between two texts that look the same: zero-width space,
/// word joiner and invisible operators, deprecated format controls, the
/// Mongolian vowel separator, a BOM inside the text, interlinear
/// annotation marks. The joiners U+200C and U+200D are not among them:
/// emoji sequences and Persian and Indic spelling need them, and they
/// reorder nothing.
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{180E}'
            | '\u{200B}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206A}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// Whether `c` is shown as an escape: a control, bidi or invisible
/// formatting character (newline and tab aside, which `sanitise` lays out).
pub fn is_neutralised(c: char) -> bool {
    is_control(c) && c != '\n' && c != '\t' || is_bidi_control(c) || is_invisible_format(c)
}

/// `^[` for ESC, `^?` for DEL, `M-^[` for the 8-bit CSI: the notation of `cat -v`.
fn push_caret(text: &mut String, c: char) {
    let code = c as u32;
    if code >= 0x80 {
        text.push_str("M-");
    }
    let low = code & 0x7F;
    text.push('^');
    text.push(char::from_u32(low ^ 0x40).unwrap_or('?'));
}

/// Sanitises a string for a one-line message (a file name in an error).
pub fn for_message(text: &str) -> String {
    sanitise(text).text.replace('\n', "^J")
}

/// The most characters of a value [`quote`] shows.
const QUOTE_CHARS: usize = 40;

/// A value read from a file, for a one-line message: sanitised, quoted,
/// and cut with its size when long (`"AAAA…" (10 MB)`), so that a 10 MB
/// value makes a short line.
pub fn quote(value: &str) -> String {
    let head = first_chars(value, QUOTE_CHARS);
    let shown = for_message(head);
    // Escapes are wider than what they show: cut again.
    let cut = first_chars(&shown, QUOTE_CHARS);
    if head.len() == value.len() && cut.len() == shown.len() {
        format!("\"{shown}\"")
    } else {
        format!("\"{cut}…\" ({})", size(value.len()))
    }
}

/// Text for a one-line message, sanitised and cut to `max` characters
/// (marked `…`): the net under every part of a configuration or rules
/// error, whatever a parser put in it.
pub fn one_line(text: &str, max: usize) -> String {
    let head = first_chars(text, max);
    let shown = for_message(head);
    let cut = first_chars(&shown, max);
    if head.len() == text.len() && cut.len() == shown.len() {
        shown
    } else {
        format!("{cut}…")
    }
}

/// The longest start of `text` with at most `n` characters.
fn first_chars(text: &str, n: usize) -> &str {
    text.char_indices()
        .nth(n)
        .map_or(text, |(at, _)| &text[..at])
}

/// A size for a message: "812 bytes", "12 KB", "10 MB".
pub fn size(bytes: usize) -> String {
    match bytes {
        0..1024 => format!("{bytes} bytes"),
        1024..0x10_0000 => format!("{} KB", bytes / 1024),
        _ => format!("{} MB", bytes >> 20),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of text each path treats differently: plain runs longer than
    /// a chunk, newlines, characters that are kept though their lead byte
    /// is a candidate (“, —, U+2027, U+00A0, U+EF00), and every kind of
    /// character `sanitise` changes.
    const PIECES: &[&str] = &[
        "abc",
        "a run of plain words, longer than one chunk of the scan ",
        "\n",
        "\n\n",
        "é",
        "中文",
        "“quoted”",
        "—",
        "\u{2027}",
        "\u{a0}",
        "\u{ef00}",
        "Việt",
        "\u{200d}",
        "👩‍👩‍👧",
        "\t",
        "\r",
        "\r\n",
        "\u{1b}",
        "\u{7f}",
        "\0",
        "\u{9b}",
        "\u{85}",
        "\u{61c}",
        "\u{2028}",
        "\u{2029}",
        "\u{202e}",
        "\u{2066}",
        "\u{feff}",
        "\u{200e}",
        "\u{200b}",
        "\u{2060}",
        "\u{180e}",
        "\u{fffb}",
    ];

    fn mixed_text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|p| p.concat())
    }

    /// What `next_special` finds, the slow way: character by character.
    fn next_special_slowly(text: &str, from: usize) -> Option<usize> {
        text.char_indices()
            .find(|&(i, c)| i >= from && is_special(c))
            .map(|(i, _)| i)
    }

    proptest! {
        #[test]
        fn owned_text_is_sanitised_as_borrowed_text(text in mixed_text()) {
            prop_assert_eq!(sanitise_owned(text.clone()), sanitise(&text));
        }

        #[test]
        fn next_special_finds_what_a_walk_finds(text in mixed_text()) {
            for (from, _) in text.char_indices() {
                prop_assert_eq!(next_special(&text, from), next_special_slowly(&text, from));
            }
        }
    }

    #[test]
    fn special_characters_are_found_at_every_offset_of_a_chunk() {
        for special in PIECES.iter().filter(|p| p.chars().any(is_special)) {
            for at in 0..70 {
                let text = format!("{}“{}{special}é", "a".repeat(at), "b".repeat(at % 3));
                let expected = next_special_slowly(&text, 0);
                assert_eq!(next_special(&text, 0), expected, "{special:?} at {at}");
                assert_eq!(sanitise_owned(text.clone()), sanitise(&text));
            }
        }
    }

    #[test]
    fn plain_text_is_kept_as_it_is() {
        let text = "“Plain” text — with é, 中文 and\nnewlines.\n".repeat(50);
        let pointer = text.as_ptr();
        let out = sanitise_owned(text.clone());
        assert_eq!(out, sanitise(&text));
        let out = sanitise_owned(text);
        assert_eq!(out.text.as_ptr(), pointer, "not copied");
    }

    #[test]
    fn escape_sequences_become_visible() {
        let s = sanitise("a\u{1b}]0;pwned\u{7}b");
        assert_eq!(s.text, "a^[]0;pwned^Gb");
        assert_eq!(s.escapes, vec![1..3, 11..13]);
    }

    #[test]
    fn runs_of_control_characters_are_one_escape() {
        let s = sanitise(&format!("a{}b\u{1b}c", "\0".repeat(10_000)));
        assert_eq!(s.escapes, vec![1..20_001, 20_002..20_004]);
    }

    #[test]
    fn c1_and_del_become_visible() {
        let s = sanitise("x\u{9b}2Jy\u{7f}");
        assert_eq!(s.text, "xM-^[2Jy^?");
        assert_eq!(s.escapes.len(), 2);
    }

    #[test]
    fn line_ends_are_normalised() {
        assert_eq!(sanitise("a\r\nb\rc\n").text, "a\nb\nc\n");
        assert_eq!(sanitise("a\u{2028}b").text, "a\nb");
    }

    #[test]
    fn tabs_expand_to_the_next_stop() {
        assert_eq!(sanitise("\tx").text, "        x");
        assert_eq!(sanitise("abc\tx").text, "abc     x");
        assert_eq!(sanitise("a\nb\tx").text, "a\nb       x");
        // A wide character counts two columns.
        assert_eq!(sanitise("中\tx").text, "中      x");
        // Every line end starts the column again, an escape counts as shown.
        assert_eq!(sanitise("ab\ncd\tx").text, "ab\ncd      x");
        assert_eq!(sanitise("a\rb\tx").text, "a\nb       x");
        assert_eq!(sanitise("a\r\nbc\tx").text, "a\nbc      x");
        assert_eq!(sanitise("a\u{2028}bcd\tx").text, "a\nbcd     x");
        assert_eq!(sanitise("\u{1b}\tx").text, "^[      x");
        assert_eq!(sanitise("a\tb\n\tc").text, "a       b\n        c");
    }

    #[test]
    fn bidi_overrides_are_neutralised() {
        let s = sanitise("abc\u{202E}def\u{2066}");
        assert_eq!(s.text, "abc<U+202E>def<U+2066>");
        assert_eq!(s.escapes.len(), 2);
    }

    #[test]
    fn nul_and_stray_bom_are_shown() {
        // The loader takes the leading BOM off; one inside the text is shown.
        let s = sanitise("a\0b\u{feff}c");
        assert_eq!(s.text, "a^@b<U+FEFF>c");
        assert_eq!(s.escapes, vec![1..3, 4..12]);
    }

    #[test]
    fn bidi_marks_and_invisible_formatting_are_shown_like_alm() {
        for c in [
            '\u{061C}', '\u{200E}', '\u{200F}', '\u{200B}', '\u{2060}', '\u{2064}', '\u{206A}',
            '\u{206F}', '\u{180E}', '\u{FFF9}', '\u{FFFB}',
        ] {
            let s = sanitise(&format!("x{c}y"));
            assert_eq!(s.text, format!("x<U+{:04X}>y", c as u32));
            assert_eq!(s.escapes, vec![1..9]);
        }
        // The joiners stay: emoji sequences and Persian and Indic spelling need them.
        assert!(sanitise("می\u{200C}خواهم 👩\u{200D}👧").escapes.is_empty());
    }

    #[test]
    fn quoted_values_are_clean_and_short() {
        assert_eq!(quote("grey50"), "\"grey50\"");
        assert_eq!(quote("a\u{1b}]0;x\u{7}\n"), "\"a^[]0;x^G^J\"");
        let big = "A".repeat(10 << 20);
        assert_eq!(quote(&big), format!("\"{}…\" (10 MB)", "A".repeat(40)));
        // Escapes widen a value: cut by what is shown.
        let escapes = "\u{202e}".repeat(40);
        assert_eq!(
            quote(&escapes),
            format!("\"{}…\" (120 bytes)", "<U+202E>".repeat(5))
        );
        assert_eq!(one_line("short", 10), "short");
        assert_eq!(one_line("a\u{9b}2J and more", 6), "aM-^[2…");
        assert_eq!(size(1500), "1 KB");
    }

    #[test]
    fn emoji_and_cjk_pass_through() {
        let text = "👩‍👩‍👧 家族 café";
        assert_eq!(sanitise(text).text, text);
    }

    #[test]
    fn messages_are_one_line() {
        assert_eq!(for_message("a\nb\u{1b}[2J"), "a^Jb^[[2J");
    }

    #[test]
    fn no_control_character_survives_any_code_point() {
        for code in 0..0x3000u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let s = sanitise(&format!("a{c}b"));
            assert!(
                s.text.chars().all(|c| c == '\n' || !c.is_control()),
                "U+{code:04X} survived"
            );
            assert!(!s.text.chars().any(is_neutralised), "U+{code:04X}");
            // Every formatting character but the joiners is shown.
            let hidden = c.is_control() || is_bidi_control(c) || is_invisible_format(c);
            assert_eq!(
                s.escapes.is_empty(),
                !hidden || c == '\t' || c == '\n' || c == '\r'
            );
        }
        for c in ['\u{FEFF}', '\u{FFF9}', '\u{FFFA}', '\u{FFFB}'] {
            assert_eq!(sanitise(&format!("a{c}b")).escapes.len(), 1, "{c:?}");
        }
    }
}
