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
    // A list item, code, a quote or a table row ends the paragraph before:
    // what follows is not its sentence. So does a rule or a lone mark.
    let last_line = prev.trim_end().rsplit('\n').next().unwrap_or(prev);
    let marked = crate::load::BLOCK_MARKS
        .iter()
        .any(|m| last_line.trim_start().starts_with(m));
    if marked
        || (prev.contains('\n') && starts_block(last_line))
        || !prev.chars().any(char::is_alphanumeric)
    {
        return false;
    }
    let Some(first) = next.chars().next() else {
        return false;
    };
    if first.is_lowercase() {
        return true;
    }
    if is_cjk(first) && is_cjk(last) {
        let heading =
            is_short_zh_heading(prev) || (is_short_zh_line(prev) && opens_a_sentence(next));
        return !heading;
    }
    // A short line with no stop after an open sentence is a heading of its
    // own ("…ran on most phones" / "The platform owner's role"), unless the
    // sentence was cut on a word that asks for more ("…signed by" / "Google").
    let heading_next = is_short_heading(next)
        && !last_meaningful_char(next).is_some_and(ends_sentence)
        && !ends_open(prev);
    first.is_uppercase() && !looks_like_title(prev) && !is_short_heading(prev) && !heading_next
}

/// Whether `text` ends on a word a phrase does not end on (see [`OPEN_ENDED`]).
fn ends_open(text: &str) -> bool {
    text.split_whitespace()
        .next_back()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .is_some_and(|w| OPEN_ENDED.contains(&w.as_str()))
}

/// Longest short heading without a stop, in characters and in words.
const SHORT_HEADING_CHARS: usize = 60;
const SHORT_HEADING_WORDS: usize = 8;

/// Words a phrase does not end on: a line ending on one is cut mid-sentence.
const OPEN_ENDED: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into", "onto",
    "and", "or", "but", "nor", "as", "than", "that", "which", "who", "whose", "whom", "is", "are",
    "was", "were", "be", "been", "being", "has", "have", "had", "will", "would", "can", "could",
    "should", "may", "might", "must", "do", "does", "did", "not", "its", "their", "his", "her",
    "our", "your", "my", "this", "these", "those", "very", "so", "such", "if", "when", "while",
    "because", "although", "though", "whether", "about", "between", "through", "over", "under",
    "after", "before", "during", "without", "within", "upon", "also", "just", "only", "more",
    "most", "less", "same", "they", "we", "he", "she", "there", "where", "how",
];

/// "The platform owner's role" before "The owner sets the rules.": a short
/// line without a stop, whose last word can end a phrase, is a heading.
/// "Ali Wangwang expects to achieve" is not: an infinitive waits for its
/// object ("to achieve" + "Alibaba socially…"), as does a line ending on
/// an article, a preposition or a conjunction.
fn is_short_heading(prev: &str) -> bool {
    let t = prev.trim();
    if t.contains('\n')
        || t.len() > 4 * SHORT_HEADING_CHARS
        || t.chars().count() > SHORT_HEADING_CHARS
    {
        return false;
    }
    if t.ends_with([',', ';', '-', '–', '—', '、', '，']) {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() || words.len() > SHORT_HEADING_WORDS {
        return false;
    }
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let last = bare(words[words.len() - 1]);
    if OPEN_ENDED.contains(&last.as_str()) {
        return false;
    }
    !(words.len() >= 2 && bare(words[words.len() - 2]) == "to")
}

/// Longest Chinese line without a stop taken for a heading, in characters.
const SHORT_ZH_HEADING_CHARS: usize = 20;

/// "雅虎问答：最后的关闭" before its section: a short Chinese line of one
/// clause (no comma) with a title's colon inside is a heading. A sentence
/// broken by a copy is cut where the line was full, far longer, or after a
/// comma, or it waits for its object ("阿里旺旺希望实现" / "阿里巴巴的社交").
fn is_short_zh_heading(prev: &str) -> bool {
    let t = prev.trim();
    !t.contains('\n')
        && t.chars().count() <= SHORT_ZH_HEADING_CHARS
        && !t.contains(['，', '、', '；', ','])
        && t.contains(['：', '—'])
}

/// A short Chinese line of one clause: a heading when what follows opens
/// a sentence of its own.
fn is_short_zh_line(prev: &str) -> bool {
    let t = prev.trim();
    !t.contains('\n')
        && t.chars().count() <= SHORT_ZH_HEADING_CHARS
        && !t.contains(['，', '、', '；', ','])
}

/// Longest opening phrase, in characters, closed by a comma: "总的来说，".
const OPENING_PHRASE_CHARS: usize = 5;

/// Whether `next` opens a sentence of its own: with when it happened
/// ("在2010年1月，", "1979年，") or a short opening phrase and its comma
/// ("总的来说，", "然而，"), not the way a cut sentence goes on.
fn opens_a_sentence(next: &str) -> bool {
    let rest = ["在", "于", "自", "从"]
        .iter()
        .find_map(|p| next.strip_prefix(p))
        .unwrap_or(next);
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let dated = (2..=4).contains(&digits) && rest[digits..].starts_with('年');
    let phrase = next
        .chars()
        .take(OPENING_PHRASE_CHARS + 1)
        .position(|c| c == '，')
        .is_some_and(|at| at >= 2);
    dated || phrase
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

/// Markdown headings, list items and quotes start blocks of their own, as
/// do the lines Markdown and HTML are rendered with (bullets, bars).
fn starts_block(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('#')
        || crate::load::BLOCK_MARKS.iter().any(|m| t.starts_with(m))
        || t.starts_with("- ")
        || t.starts_with("* ")
        || t.starts_with("> ")
        || t.starts_with("```")
        || numbering(t) > 0
}

/// A Markdown heading, or a short numbered one ("2. The insurer's role",
/// "一、平台方的角色", "（三）结语"): it never runs on into what follows.
fn is_heading(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('#') || (numbering(t) > 0 && t.chars().count() <= MAX_NUMBERED_HEADING)
}

/// Longest numbered line taken for a heading, in characters.
const MAX_NUMBERED_HEADING: usize = 40;

/// Number, letter or roman numeral opening a heading: "2. ", "II. ",
/// "(3) ", "三、", "（三）", "第三章 ". Its length in bytes.
pub fn numbering(text: &str) -> usize {
    let t = text;
    let alnum: usize = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X'))
        .map(char::len_utf8)
        .sum();
    if (1..=4).contains(&alnum) {
        let rest = &t[alnum..];
        for sep in [". ", ") ", ": ", ".", "、"] {
            if rest.starts_with(sep) && (sep != "." || rest[1..].starts_with(is_cjk)) {
                return alnum + sep.len();
            }
        }
    }
    for (open, close) in [("(", ") "), ("（", "）")] {
        if let Some(inner) = t.strip_prefix(open)
            && let Some(end) = inner.find(close.trim_end())
            && (1..=9).contains(&end)
        {
            let after = open.len() + end + close.trim_end().len();
            return after + t[after..].len() - t[after..].trim_start().len();
        }
    }
    let zh: usize = t
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .map(char::len_utf8)
        .sum();
    if zh > 0 && t[zh..].starts_with('、') {
        return zh + '、'.len_utf8();
    }
    if let Some(rest) = t.strip_prefix('第') {
        let n: usize = rest
            .chars()
            .take_while(|c| "一二三四五六七八九十0123456789".contains(*c))
            .map(char::len_utf8)
            .sum();
        if n > 0 && rest[n..].starts_with(['章', '节', '部']) {
            let after = '第'.len_utf8() + n + '章'.len_utf8();
            return after + t[after..].len() - t[after..].trim_start().len();
        }
    }
    0
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
        // The paragraph as repair sees it, whole: not a short line.
        assert!(continues(
            "Ali Wangwang expects to achieve",
            "Alibaba socially through the establishment of buyers and sellers with lofty ideals and high aspirations"
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

    /// Found by a user (issue 15): a short English heading with no stop
    /// after a paragraph that ends without one was run into both.
    #[test]
    fn a_short_heading_after_an_open_sentence_stays_apart() {
        let open = "Nokia led for a decade and its Symbian platform ran on most phones";
        assert!(!continues(open, "The platform owner's role"));
        assert!(!continues(open, "Why Nokia Lost"));
        // A sentence cut on a word that asks for more goes on.
        assert!(continues("the deal was signed by", "Google Inc"));
        // A short sentence is no heading.
        assert!(continues(open, "The last words."));
        // A long capitalised continuation still joins.
        assert!(continues(
            open,
            "Alibaba socially through the establishment of buyers and sellers with lofty ideals and high aspirations"
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
    fn numbering_of_headings() {
        for (t, n) in [
            ("2. The insurer", 3),
            ("II. The broker", 4),
            ("(3) X", 4),
            ("三、担保人", "三、".len()),
            ("（三）担保人", "（三）".len()),
            ("第三章 担保人", "第三章 ".len()),
            ("2019 was", 0),
            ("The role", 0),
        ] {
            assert_eq!(numbering(t), n, "{t}");
        }
    }

    #[test]
    fn keeps_numbered_headings_and_items_apart() {
        assert!(!continues("一、平台方的角色", "补贴战打到2015年"));
        assert!(!continues("2. The insurer's role", "The insurer pays"));
        assert!(!continues("（三）结语", "三种角色叠加"));
        assert!(!continues("as follows", "1. first item"));
        // A long numbered line that stops mid-sentence still joins.
        assert!(continues(
            "3. The company then decided, after a long and painful review of all of its",
            "options, to sell"
        ));
    }

    #[test]
    fn keeps_short_chinese_headings_apart() {
        assert!(!continues(
            "雅虎问答：最后的关闭",
            "雅虎问答于2005年12月被推出，一度拥有数以亿计的问题和回答。"
        ));
        // A sentence a copy broke (long, or after a comma) is joined.
        assert!(continues(
            "2012年9月，滴滴打车在北京上线。那时它只是一个帮出租车司机接单的小工具，创始人程维带着",
            "一支不大的团队，在寒冬里挨个说服司机安装。"
        ));
        assert!(continues(
            "那时它只是一个工具，创始人",
            "程维带着一支团队。"
        ));
    }

    #[test]
    fn keeps_a_short_chinese_line_apart_from_a_sentence_of_its_own() {
        // A short opening phrase and its comma open a sentence.
        assert!(!continues("结论", "总的来说，甲骨文保留能带来收入的产品。"));
        assert!(!continues(
            "Oracle数据库",
            "在1979年，该公司推出了Oracle V2。"
        ));
        assert!(!continues(
            "对Sun微系统公司的收购",
            "2010年1月，甲骨文完成了收购。"
        ));
        // Not a date: a cut sentence goes on.
        assert!(continues(
            "那时它只是一个工具，创始人",
            "程维带着一支团队。"
        ));
        assert!(continues("阿里旺旺希望实现", "阿里巴巴的社交。"));
        // A long line is no heading, whatever follows.
        assert!(continues(
            "该公司在很长的一段时间之内一直在云计算的市场中落后于亚马逊和微软因为",
            "在2010年它才开始。"
        ));
    }

    #[test]
    fn keeps_short_headings_without_a_stop_apart() {
        assert!(!continues(
            "The platform owner's role",
            "The owner sets the rules and takes a share."
        ));
        assert!(!continues(
            "Why sellers left",
            "Sellers left because fees rose."
        ));
        // Cut mid-sentence: an infinitive, an article, a preposition.
        assert!(continues(
            "Ali Wangwang expects to achieve",
            "Alibaba socially through the establishment of buyers and sellers with lofty ideals and high aspirations"
        ));
        assert!(continues("The company sold it to the", "Group in 2015."));
        assert!(continues("It was founded by", "Jack Ma."));
        // "it" ends a phrase as an object: "The brick that started it".
        assert!(!continues(
            "The brick that started it",
            "The DynaTAC 8000X went on sale in 1984."
        ));
        // A sentence that goes on in lowercase still joins.
        assert!(continues("The platform owner's role", "was never clear."));
    }

    #[test]
    fn never_joins_after_a_list_item_code_or_a_rule() {
        assert!(!continues("Items:\n• first\n• second item", "Then more"));
        assert!(!continues("Code:\n│ let x", "and so on"));
        assert!(!continues("│ let x", "and so on"));
        assert!(!continues("• one item", "and so on"));
        assert!(!continues("───", "and after the rule"));
        assert!(!continues("A list follows", "• first item"));
        assert!(!continues("A quote follows", "▎ quoted"));
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
