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
/// notation and bidi controls with `<U+XXXX>`, recording where each is.
pub fn sanitise(input: &str) -> Sanitised {
    let mut out = Sanitised {
        text: String::with_capacity(input.len()),
        escapes: Vec::new(),
    };
    // Tab stops need the column; it is measured lazily, from the last
    // newline or tab, only when a tab comes.
    let mut column = 0usize;
    let mut measured_to = 0usize;
    let mut copied_to = 0usize;
    let bytes = input.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Most text is plain: skip to the next byte that may need work.
        match bytes[i..].iter().position(|&b| MAY_NEED_WORK[b as usize]) {
            Some(skip) => i += skip,
            None => break,
        }
        let b = bytes[i];
        let plain = match b {
            0x20..=0x7E | b'\n' => true,
            0x80.. => !matches!(b, 0xC2 | 0xD8 | 0xE2 | 0xEF),
            _ => false,
        };
        if plain {
            if b == b'\n' {
                out.text.push_str(&input[copied_to..=i]);
                copied_to = i + 1;
                column = 0;
                measured_to = out.text.len();
            }
            i += 1;
            continue;
        }
        let Some(c) = input[i..].chars().next() else {
            break;
        };
        let next = i + c.len_utf8();
        let special = !matches!(c, '\u{80}'..)
            || is_control(c)
            || is_bidi_control(c)
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}');
        if !special {
            i = next;
            continue;
        }
        out.text.push_str(&input[copied_to..i]);
        copied_to = next;
        match c {
            '\r' => {
                if bytes.get(next) != Some(&b'\n') {
                    out.text.push('\n');
                    column = 0;
                    measured_to = out.text.len();
                }
            }
            '\u{2028}' | '\u{2029}' => {
                out.text.push('\n');
                column = 0;
                measured_to = out.text.len();
            }
            '\t' => {
                column += out.text[measured_to..].width();
                let spaces = TAB_STOP - column % TAB_STOP;
                out.text.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
                measured_to = out.text.len();
            }
            '\u{feff}' => {}
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

/// Bytes the loop below must look at: all but printable ASCII and the lead
/// and continuation bytes of characters that are never special.
static MAY_NEED_WORK: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = match byte {
            0x20..=0x7E => false,
            0x80.. => matches!(byte, 0xC2 | 0xD8 | 0xE2 | 0xEF),
            _ => true,
        };
        b += 1;
    }
    table
};

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

/// Characters that reorder the text around them (Trojan Source, CVE-2021-42574).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
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

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn bidi_overrides_are_neutralised() {
        let s = sanitise("abc\u{202E}def\u{2066}");
        assert_eq!(s.text, "abc<U+202E>def<U+2066>");
        assert_eq!(s.escapes.len(), 2);
    }

    #[test]
    fn nul_and_stray_bom_handled() {
        assert_eq!(sanitise("a\0b\u{feff}c").text, "a^@bc");
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
            assert!(!s.text.chars().any(is_bidi_control), "U+{code:04X}");
        }
    }
}
