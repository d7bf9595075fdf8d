//! Paragraph repair: machine translations and copy-paste break sentences
//! across blank lines ("Ali Wangwang expects to achieve" / "Alibaba socially
//! through…"). A fragment that does not end a sentence is joined with the
//! paragraph that continues it.

/// Whether `next` continues the sentence `prev` leaves open.
pub fn continues(prev: &str, next: &str) -> bool {
    let Some(last) = last_meaningful_char(prev) else {
        return false;
    };
    if ends_sentence(last) || is_heading(prev) || starts_block(next) {
        return false;
    }
    let Some(first) = next.chars().next() else {
        return false;
    };
    if first.is_lowercase() {
        return true;
    }
    if is_cjk(first) && is_cjk(last) {
        return true;
    }
    first.is_uppercase() && !looks_like_title(prev)
}

/// What goes between two joined fragments: nothing between CJK text, else a space.
pub fn separator(prev: &str, next: &str) -> &'static str {
    match (prev.chars().next_back(), next.chars().next()) {
        (Some(a), Some(b)) if is_cjk(a) && is_cjk(b) => "",
        _ => " ",
    }
}

/// The last character that is not a closing quote or bracket.
fn last_meaningful_char(text: &str) -> Option<char> {
    text.trim_end().chars().rev().find(|c| {
        !matches!(
            c,
            '"' | '\'' | '”' | '’' | ')' | ']' | '」' | '』' | '）' | '*' | '_'
        )
    })
}

fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | ':' | '…' | '。' | '！' | '？' | '：' | '；' | '．'
    )
}

/// Markdown headings, list items and quotes start blocks of their own.
fn starts_block(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('#')
        || t.starts_with("- ")
        || t.starts_with("* ")
        || t.starts_with("> ")
        || t.starts_with("```")
}

fn is_heading(text: &str) -> bool {
    text.trim_start().starts_with('#')
}

/// "Why The Platform Matters", "Chapter 3": a short line whose words are capitalised.
fn looks_like_title(text: &str) -> bool {
    if text.split_whitespace().nth(3).is_none() {
        return true;
    }
    // No Vec of words: a paragraph can be long, and the first lowercase
    // long word settles it.
    let mut long = text
        .split_whitespace()
        .filter(|w| w.chars().nth(3).is_some())
        .peekable();
    long.peek().is_some() && long.all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()))
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_fragments_of_the_bundled_article() {
        assert!(continues(
            "Ali Wangwang expects to achieve",
            "Alibaba socially through the establishment"
        ));
        assert!(continues(
            "March 9, 2017",
            "is the American way Peng Lei letter"
        ));
        assert!(continues(
            "played what role?Whether Alipay",
            "event is the original intention"
        ));
    }

    #[test]
    fn keeps_finished_sentences_apart() {
        assert!(!continues("it spread.", "in addition, spread the Alipay"));
        assert!(!continues("is established.", "source role. Analysis"));
        assert!(!continues("He said: \"go.\"", "Then he went."));
        assert!(!continues("中文句子。", "下一段"));
    }

    #[test]
    fn keeps_headings_apart() {
        assert!(!continues("## Background", "The company was founded"));
        assert!(!continues("Why The Platform Matters", "The platform is"));
        assert!(!continues("Chapter 3", "It was late."));
        assert!(!continues("A list follows", "- first item"));
    }

    #[test]
    fn joins_chinese_fragments_without_space() {
        assert!(continues("阿里旺旺希望实现", "阿里巴巴的社交"));
        assert_eq!(separator("实现", "阿里"), "");
        assert_eq!(separator("achieve", "Alibaba"), " ");
    }

    #[test]
    fn empty_text_never_joins() {
        assert!(!continues("", "next"));
        assert!(!continues("prev", ""));
    }
}
