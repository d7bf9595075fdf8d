//! The forms in which a text tells a product's life, as pure parsers over
//! one paragraph: the subject or object of a lifecycle verb ("Reader was
//! switched off", "Google launched Buzz"), a name beside a product-kind
//! noun ("the Nest app", "the Swedish app Klarna", "Instagram, a
//! photo-sharing app"), and Chinese names by a verb (拍拍网出售给京东,
//! 推出了微视) or in quotes (「来往」). Which words may be a product is data.

use std::ops::Range;

use super::rules::{Hit, Rules};
use super::text::{name_after, name_before, name_from, word_after, word_before};
use crate::repair::is_cjk;

/// A product's name found by a form, and the name of its owner when the
/// form gives one ("Google" in "Google launched Buzz").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Found {
    pub name: Range<usize>,
    pub owner: Option<Range<usize>>,
}

/// Words between a subject and its verb: auxiliaries and adverbs.
const BETWEEN: &[&str] = &[
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "been",
    "being",
    "be",
    "got",
    "gets",
    "would",
    "will",
    "later",
    "then",
    "also",
    "soon",
    "itself",
    "finally",
    "eventually",
    "ultimately",
    "officially",
    "formally",
    "quietly",
    "abruptly",
    "effectively",
    "promptly",
    "subsequently",
    "first",
    "once",
    "never",
    "not",
    "largely",
    "partly",
    "publicly",
];

/// Words after an intransitive use of a verb ("Buzz launched in 2010").
const INTRANSITIVE_NEXT: &[&str] = &[
    "in",
    "on",
    "at",
    "after",
    "before",
    "with",
    "within",
    "last",
    "this",
    "that",
    "early",
    "late",
    "later",
    "soon",
    "quietly",
    "for",
    "to",
    "by",
    "into",
    "as",
    "and",
    "but",
    "when",
    "while",
    "because",
    "amid",
    "following",
    "only",
    "just",
    "two",
    "three",
    "four",
    "five",
    "six",
    "off",
    "down",
    "out",
];

/// Chinese verbs whose subject is the product (微视停止服务).
const ZH_SUBJECT_VERBS: &[&str] = &[
    "上线",
    "停止开发",
    "停止支持",
    "终止支持",
    "停止更新",
    "停止销售",
    "试运营",
    "开始运营",
    "投入运营",
    "开服",
    "转为",
    "转型为",
    "分拆上市",
    "停更",
    "下线",
    "停止服务",
    "停止运营",
    "停运",
    "关停",
    "并入",
    "更名",
    "改名",
    "被收购",
    "退出",
    "问世",
    "终止",
    "合并",
    "关闭",
    "出售",
    "卖给",
    "卖掉",
];

/// Chinese verbs of a launch, whose object is the product ("推出了微视")
/// unless nothing follows them ("微视在2013年推出，").
const ZH_LAUNCH_VERBS: &[&str] = &["推出", "发布", "开通", "创立"];

/// Kind nouns a Chinese text puts before a product's name: "推出资讯客户端
/// 今日头条", "发布社交应用多闪".
const ZH_KINDS_BEFORE_NAME: &[&str] = &[
    "客户端",
    "应用",
    "软件",
    "App",
    "APP",
    "平台",
    "产品",
    "服务",
    "网站",
    "品牌",
    "游戏",
];

/// Marks that end a clause: a kind noun after one is not this name's.
const ZH_NAME_STOPS_BEFORE_KIND: [char; 4] = ['，', '。', '；', '的'];

/// Chinese lifecycle verbs that may take the product as object: "关闭拍拍网",
/// "下线了多闪", as well as "微视下线".
const ZH_TRANSITIVE: &[&str] = &[
    "关闭",
    "关停",
    "下线",
    "上线",
    "推出",
    "发布",
    "开通",
    "停止运营",
];

/// Endings of Chinese descriptions, not names: "C2C平台", "打车软件".
const ZH_DESCRIPTION_ENDS: &[&str] = &[
    "平台",
    "软件",
    "产品",
    "功能",
    "业务",
    "服务",
    "应用",
    "网站",
    "工具",
    "模式",
    "计划",
    "页面",
    "网页",
    "界面",
    "入口",
    "产品线",
];

/// What may stand between a Chinese name and its verb: dates, adverbs.
const ZH_BETWEEN: &[&str] = &[
    "随之",
    "是",
    "将",
    "逐步",
    "逐渐",
    "陆续",
    "相继",
    "先后",
    "随即",
    "很快",
    "迅速",
    "一度",
    "暂时",
    "正式",
    "已经",
    "已",
    "也",
    "随后",
    "最终",
    "后来",
    "宣布",
    "被",
    "了",
    "即",
    "就",
    "便",
    "终于",
    "彻底",
    "全面",
    "悄然",
    "于",
    "在",
    "年",
    "月",
    "日",
    "底",
    "初",
    "中",
    "正式宣布",
];

/// Characters that end a Chinese name read from a verb.
const ZH_NAME_STOPS: &str =
    "，。；、：！？（）()的了将把被在于和与及是为从向对给由等也都就又还已曾让其该这那";

/// Whether `name` can be a product: no month, nationality, place, title,
/// organisation word or lexicon organisation; not a number.
pub(super) fn is_product_name(rules: &Rules, name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    let cjk = name.chars().any(is_cjk);
    let chars = name.chars().count();
    if chars < 2 || name.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    if cjk {
        let time_word = [
            "之后", "之前", "以后", "以来", "期间", "随之", "后", "时", "则", "得",
        ]
        .iter()
        .any(|w| name.ends_with(w));
        // "逐渐地", "悄悄地": an adverb, not a name.
        if name.ends_with('地') && chars <= 4 {
            return false;
        }
        // "一个", "这款应用": a count or a pointer, not a name.
        let mut chars = name.chars();
        let counted = chars
            .next()
            .is_some_and(|c| "一二三两几这那该每某".contains(c))
            && chars
                .next()
                .is_some_and(|c| "个款家种项位名条只部台套".contains(c));
        if counted {
            return false;
        }
        // "打车", "视频": a product ending alone is a kind, not a name.
        let bare_ending = rules.zh_product_suffixes.iter().any(|s| s == name);
        let description = ZH_DESCRIPTION_ENDS.iter().any(|w| name.ends_with(w));
        return !time_word
            && !bare_ending
            && !description
            && !rules.vocab().not_names.has(name)
            && !name.ends_with("公司")
            && !name.ends_with("集团")
            && !rules.is_organisation(name);
    }
    // "SAN FRANCISCO — Twitter removed…": a dateline, not a name.
    let shouted = words.len() > 1 && name.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    !shouted
        && !words.iter().any(|w| rules.vocab().not_names.has(w))
        && !rules.vocab().lifecycle_cues.has(name)
        && !rules.vocab().person_titles.has(first)
        && !rules.vocab().place_words.has(last)
        && !rules.vocab().organisation_words.has(last)
        && !rules.is_organisation(name)
}

/// The name opening the sentence that starts at `sentence_start`, when it
/// ends before `verb_start`: "Stadia" in "Stadia, the cloud gaming service,
/// was switched off".
fn sentence_subject(text: &str, sentence_start: usize, verb_start: usize) -> Option<Range<usize>> {
    let before = text.get(sentence_start..verb_start)?;
    // "Updates slowed, and Home, once pitched…, was abandoned": a clause
    // joined by "and" that opens with a name has that name as subject;
    // one that opens with its verb ("…, and was closed") shares the
    // sentence's subject.
    let joined = [", and ", "; ", ", while ", ", but "]
        .iter()
        .filter_map(|j| before.rfind(j).map(|at| sentence_start + at + j.len()))
        .max();
    let opens_with_name = |at: usize| {
        text.get(at..)
            .and_then(|t| t.trim_start_matches("The ").chars().next())
            .is_some_and(char::is_uppercase)
    };
    let start = joined
        .filter(|&at| opens_with_name(at))
        .unwrap_or(sentence_start);
    let rest = text.get(start..verb_start)?;
    // Heading and list markers ("## ", "• ", "3. ") are not the subject.
    let marked = rest.trim_start_matches(['#', '*', ' ', '"', '“', '•', '·', '–', '-', '+']);
    let numbered = marked
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .strip_prefix(". ")
        .filter(|_| marked.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(marked);
    let lead = rest.len() - numbered.trim_start_matches(' ').len();
    let mut at = start + lead;
    let opening = text.get(at..)?;
    if opening.starts_with("The ") || opening.starts_with("the ") {
        at += 4;
    }
    let name = name_from(text, at)?;
    let after = text.get(name.end..verb_start)?;
    (name.start == at
        && name.end <= verb_start
        && !after.starts_with("'s")
        && !after.starts_with("\u{2019}s"))
    .then_some(name)
}

/// "Aibo is the exception. The robot dog debuted in 1999": a sentence whose
/// subject is "The <lowercase words>" just before the verb describes the
/// name that opens the sentence before it.
fn described_subject(
    text: &str,
    verb_start: usize,
    breaks: &super::text::Breaks,
) -> Option<Range<usize>> {
    let sentence = breaks.sentence(text, verb_start);
    let lead = text.get(sentence.start..verb_start)?.trim_end();
    let words: Vec<&str> = lead.strip_prefix("The ")?.split(' ').collect();
    let described = (1..=3).contains(&words.len())
        && words
            .iter()
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_lowercase() || c == '-'));
    if !described {
        return None;
    }
    previous_subject(text, sentence.start, breaks)
}

/// The name opening the sentence before the one starting at `start`.
fn previous_subject(
    text: &str,
    start: usize,
    breaks: &super::text::Breaks,
) -> Option<Range<usize>> {
    if start == 0 {
        return None;
    }
    // The previous sentence holds the stop before the spaces.
    let stop = text.get(..start)?.trim_end().len().checked_sub(1)?;
    let previous = breaks.sentence(text, stop);
    let opening = text.get(previous.clone())?;
    let at = previous.start + if opening.starts_with("The ") { 4 } else { 0 };
    let name = name_from(text, at)?;
    // The name must be that sentence's subject: a verb follows it ("Libra
    // showed", "Aibo is"), not "Start with Google Reader".
    let verb = text.get(name.end..)?.strip_prefix(' ')?.split(' ').next()?;
    let verb_like = ["is", "was", "has", "had"].contains(&verb)
        || verb.ends_with("ed")
        || (verb.len() > 3 && verb.ends_with('s'));
    verb_like.then_some(name)
}

/// "Libra showed the limits. Announced in June 2019 as a currency, …": a
/// sentence opening with a participle of a product's life speaks of the
/// name opening the sentence before.
fn participle_subject(text: &str, hit: &Hit, breaks: &super::text::Breaks) -> Option<Range<usize>> {
    let sentence = breaks.sentence(text, hit.start);
    let written = text.get(hit.start..hit.end)?;
    let participle = written.ends_with("ed") || ["Bought", "Sold", "Built"].contains(&written);
    let rest = text.get(hit.end..)?;
    let follows = [" in ", " on ", " as ", " for ", " by "]
        .iter()
        .any(|w| rest.starts_with(w));
    (sentence.start == hit.start && participle && follows)
        .then(|| previous_subject(text, sentence.start, breaks))
        .flatten()
}

/// A capitalised name just after `at` that is a name, not an owner in a
/// possessive ("Nokia's phone business").
fn object_at(text: &str, at: usize) -> Option<Range<usize>> {
    let name = name_after(text, at)?;
    let after = text.get(name.end..)?;
    (!(after.starts_with("'s") || after.starts_with("\u{2019}s"))).then_some(name)
}

/// "│ Pebble Time │ February 2015 │ Discontinued in 2016": a verb in a
/// table row's later cell tells of the name in its first cell.
fn table_row_subject(text: &str, at: usize) -> Option<Range<usize>> {
    let line_start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text.get(line_start..at)?;
    let first_bar = line.find('│')?;
    if !line[..first_bar].trim().is_empty() {
        return None;
    }
    let cell_start = line_start + first_bar + '│'.len_utf8();
    let cell_end =
        line_start + first_bar + '│'.len_utf8() + line[first_bar + '│'.len_utf8()..].find('│')?;
    let cell = text.get(cell_start..cell_end)?;
    // The header row ("│ Device │ Announced │"): a rule is drawn under it.
    let row_end = text.get(at..)?.find('\n').map_or(text.len(), |i| at + i);
    let next_line = text.get(row_end..)?.trim_start_matches('\n');
    if next_line.starts_with('─') || next_line.lines().next().is_some_and(|l| l.contains('┼')) {
        return None;
    }
    let start = cell_start + (cell.len() - cell.trim_start().len());
    let end = cell_start + cell.trim_end().len();
    (start < end && name_from(text, start) == Some(start..end)).then_some(start..end)
}

/// "Léo Apotheker, the chief executive who…, was replaced": a name
/// followed by an appositive naming a person's post is a person.
fn person_appositive(rules: &Rules, text: &str, name_end: usize) -> bool {
    let Some(rest) = text.get(name_end..).and_then(|t| t.strip_prefix(", ")) else {
        return false;
    };
    let mut words = rest.split([' ', ',']).take(5);
    let determiner = words
        .next()
        .is_some_and(|w| ["the", "a", "an", "its", "their", "then"].contains(&w));
    determiner
        && words.any(|w| {
            rules.vocab().person_titles.has(w)
                || [
                    "analyst",
                    "engineer",
                    "designer",
                    "investor",
                    "entrepreneur",
                    "journalist",
                ]
                .contains(&w)
        })
}

/// Whether a pronoun is the subject of the verb at `verb_start`, over
/// auxiliaries and adverbs ("that it was permanently discontinued").
fn pronoun_subject(text: &str, verb_start: usize) -> bool {
    let mut end = verb_start;
    for _ in 0..5 {
        let Some((start, word)) =
            word_before(text, end).and_then(|r| Some((r.start, text.get(r)?)))
        else {
            return false;
        };
        let lower = word.to_lowercase();
        if ["it", "they", "he", "she", "we"].contains(&lower.as_str()) {
            return true;
        }
        let adverb = lower.ends_with("ly") && lower.len() > 4;
        if !BETWEEN.contains(&&*lower) && !adverb {
            return false;
        }
        end = start;
    }
    false
}

/// The subject of the verb starting at `verb_start`: a capitalised name,
/// over auxiliaries and adverbs ("Reader was quietly switched off").
fn subject_before(text: &str, verb_start: usize) -> Option<Range<usize>> {
    let mut end = verb_start;
    for _ in 0..4 {
        let Some((start, word)) =
            word_before(text, end).and_then(|r| Some((r.start, text.get(r)?)))
        else {
            break;
        };
        let lower = word.to_lowercase();
        let adverb = lower.ends_with("ly") && lower.len() > 4;
        if !BETWEEN.contains(&&*lower) && !adverb {
            break;
        }
        end = start;
    }
    // One space before the verb (or the skipped words), as `name_before` wants.
    let gap = text.get(..end)?.len() - text.get(..end)?.trim_end_matches(' ').len();
    if gap == 0 {
        return None;
    }
    let name = name_before(text, end - gap + 1)?;
    // "Google's Reader": the possessive's owner is not the subject.
    Some(name)
}

/// An English lifecycle verb at `hit`: its subject is the product when the
/// verb has no object or is passive; else its object, owned by the subject.
pub(super) fn around_verb(
    rules: &Rules,
    text: &str,
    hit: &Hit,
    breaks: &super::text::Breaks,
) -> Option<Found> {
    let written = text.get(hit.start..hit.end)?;
    if let Some(name) = table_row_subject(text, hit.start) {
        return text
            .get(name.clone())
            .is_some_and(|n| is_product_name(rules, n))
            .then_some(Found { name, owner: None });
    }
    // "What Meta's Abandoned Products Reveal": a capitalised verb inside a
    // sentence is a title's word, not a product's life.
    if written.starts_with(char::is_uppercase) && !super::text::sentence_initial(text, hit.start) {
        return None;
    }
    if written.starts_with(char::is_uppercase)
        && let Some(name) = participle_subject(text, hit, breaks)
    {
        return text
            .get(name.clone())
            .is_some_and(|n| is_product_name(rules, n))
            .then_some(Found { name, owner: None });
    }
    let verb = written.to_lowercase();
    // Firms are founded: a name read with "founded" alone is no product.
    if verb.ends_with("founded") {
        return None;
    }
    let passive = verb.starts_with("was ") || verb.starts_with("were ");
    // "Mozilla handed it over", "HP sold its webOS…": a cue holding its
    // object makes its subject the one who acts, never the product.
    let holds_object = verb
        .split(' ')
        .any(|w| ["it", "its", "them", "their"].contains(&w));
    // "Yahoo Mail was renamed AOL Mail": a new name follows even a passive.
    let rename = super::renames::is_rename(&verb);
    // "renamed to Wukong Wenda", "rebranded as Xbox Music".
    let renamed_at = [" to", " as"]
        .iter()
        .find(|w| {
            text.get(hit.end..)
                .is_some_and(|t| t.starts_with(&format!("{w} ")))
        })
        .map_or(hit.end, |w| hit.end + w.len());
    if rename
        && let Some(object) = object_at(text, renamed_at)
        && text
            .get(object.clone())
            .is_some_and(|n| is_product_name(rules, n))
    {
        return Some(Found {
            name: object,
            owner: None,
        });
    }
    // "sold to Y", "acquired by Y", "merged into Y": Y is the other party.
    let party_follows = [
        " to", " by", " into", " in", " on", " its", " after", " off",
    ]
    .iter()
    .any(|p| verb.ends_with(p));
    // "Mozilla announced that it was discontinued": the verb's subject is
    // the pronoun, not the name opening the clause.
    let pronoun = pronoun_subject(text, hit.start);
    let subject = subject_before(text, hit.start)
        .filter(|_| !pronoun)
        .or_else(|| {
            if pronoun {
                return None;
            }
            let sentence = breaks.clause(text, hit.start);
            sentence_subject(text, sentence.start, hit.start)
        })
        .or_else(|| described_subject(text, hit.start, breaks).filter(|_| !pronoun));
    // "was launched", "is being retired": passive, so no object follows
    // ("later renamed Kodak Gallery" has one).
    let aux_before = word_before(text, hit.start)
        .and_then(|r| text.get(r))
        .is_some_and(|w| {
            [
                "was", "were", "is", "are", "been", "being", "be", "got", "gets",
            ]
            .contains(&&*w.to_lowercase())
        });
    if !passive && !party_follows && !aux_before {
        if let Some(object) = object_at(text, hit.end) {
            let name = text.get(object.clone())?;
            if is_product_name(rules, name) {
                return Some(Found {
                    name: object,
                    owner: subject,
                });
            }
            return None;
        }
        let next = word_after(text, hit.end)
            .and_then(|r| text.get(r))
            .map(str::to_lowercase);
        let rest = text.get(hit.end..)?.trim_start_matches(' ');
        let intransitive = next.as_deref().is_none_or(|w| {
            INTRANSITIVE_NEXT.contains(&w) || w.chars().all(|c| c.is_ascii_digit())
        }) || rest.starts_with([',', '.', ';', ':', ')']);
        // "Mozilla announced on 2020-09-17 that…": a firm announces, buys
        // and unveils; a product is only announced (passive).
        let agent_only = [
            "announced",
            "announces",
            "acquired",
            "acquires",
            "bought",
            "buys",
            "unveiled",
            "unveils",
            "introduced",
            "introduces",
            "built",
            "created",
        ]
        .contains(&verb.as_str())
            && subject_before(text, hit.start).is_some()
            && subject
                .as_ref()
                .is_none_or(|s| relative_object(rules, text, s.start).is_none());
        if !intransitive || agent_only {
            return None;
        }
    }
    let name = subject?;
    if holds_object || person_appositive(rules, text, name.end) {
        return None;
    }
    // "Lumia, the range Nokia introduced in 2011": a name after "the
    // <noun>" is who made the thing the clause is about, named before it.
    if let Some(made) = relative_object(rules, text, name.start) {
        let made = made.filter(|m| {
            text.get(m.clone())
                .is_some_and(|n| is_product_name(rules, n))
        });
        return made.map(|made| Found {
            name: made,
            owner: Some(name),
        });
    }
    is_product_name(rules, text.get(name.clone())?).then_some(Found { name, owner: None })
}

/// For a subject at `subject_start` that follows "the <noun> " (an object
/// relative clause: "the range Nokia introduced"): `Some` with the name
/// the clause is about, written before ", the <noun>" ("Lumia"), if any.
/// `None` when the subject opens no such clause.
fn relative_object(
    rules: &Rules,
    text: &str,
    subject_start: usize,
) -> Option<Option<Range<usize>>> {
    let before = text.get(..subject_start)?;
    let noun = word_before(text, subject_start)?;
    let noun_text = text.get(noun.clone())?;
    // "the app Wave launched in 2009" names the app: no relative clause.
    let kind = rules.product_kinds.iter().any(|k| k == noun_text);
    if kind || !noun_text.chars().all(|c| c.is_lowercase()) {
        return None;
    }
    // "the slide film Kodak discontinued": up to two more lowercase words.
    let mut head = before.get(..noun.start)?;
    for _ in 0..2 {
        match head
            .strip_suffix(' ')
            .map(|h| (h, h.rsplit(' ').next().unwrap_or("")))
        {
            Some((h, w))
                if !w.is_empty()
                    && !["the", "a", "an"].contains(&w)
                    && w.chars().all(|c| c.is_lowercase() || c == '-') =>
            {
                head = h.get(..h.len() - w.len())?;
            }
            _ => break,
        }
    }
    let head = head
        .strip_suffix("the ")
        .or_else(|| head.strip_suffix("a "))
        .or_else(|| head.strip_suffix("an "))?;
    Some(
        head.strip_suffix(", ")
            .and_then(|head| name_before(&format!("{head} "), head.len() + 1)),
    )
}

/// A product-kind noun at `hit` ("app"), in lowercase: the name before it
/// ("the Nest app"), after it ("the Swedish app Klarna"), or before the
/// appositive it ends ("Instagram, a photo-sharing app").
pub(super) fn around_kind(rules: &Rules, text: &str, hit: &Hit) -> Option<Range<usize>> {
    let kind = text.get(hit.start..hit.end)?;
    if kind.chars().any(char::is_uppercase) || kind.chars().any(is_cjk) {
        return None;
    }
    let good = |r: &Range<usize>| {
        text.get(r.clone())
            .is_some_and(|n| is_product_name(rules, n))
    };
    if let Some(after) = object_at(text, hit.end).filter(good) {
        // "the app Wave" / "the Swedish app Klarna", not "app Store".
        let before = text.get(..hit.start)?.to_lowercase();
        let determined = ["the ", "its ", "their ", "a ", "an ", "his ", "her "]
            .iter()
            .any(|d| before.ends_with(d))
            || word_before(text, hit.start).is_some_and(|r| {
                let (s, w) = (r.start, text.get(r).unwrap_or(""));
                w.chars().next().is_some_and(char::is_uppercase) && !good(&(s..s + w.len()))
            });
        if determined {
            return Some(after);
        }
    }
    if let Some(before) = name_before(text, hit.start).filter(good) {
        return Some(before);
    }
    // "The Carousel slide projector": one lowercase word between.
    if let Some(modifier) = word_before(text, hit.start)
        && text
            .get(modifier.clone())
            .is_some_and(|w| w.chars().all(char::is_lowercase))
        && let Some(before) = name_before(text, modifier.start).filter(good)
        && text.get(..before.start).is_some_and(|t| {
            let t = t.to_lowercase();
            ["the ", "its ", "their "].iter().any(|d| t.ends_with(d))
        })
    {
        return Some(before);
    }
    // "Instagram, a photo-sharing app": back over a few lowercase words.
    let head = text.get(..hit.start)?;
    let comma = head.rfind(", ")?;
    let between = head.get(comma + 2..)?;
    let words: Vec<&str> = between.split(' ').filter(|w| !w.is_empty()).collect();
    let article = words
        .first()
        .is_some_and(|w| ["a", "an", "the"].contains(w));
    let lowercase = words
        .iter()
        .all(|w| w.chars().all(|c| c.is_lowercase() || c == '-'));
    if article && lowercase && words.len() <= 4 {
        // `name_before` reads back from a space: the same text, the comma
        // made one.
        let spaced = format!("{} ", text.get(..comma)?);
        return name_before(&spaced, comma + 1).filter(good);
    }
    None
}

/// Whether a Chinese name read by a verb counts on one mention: it has
/// Latin letters or digits ("QQ商城", "1号店") or a product ending ("拍拍网").
pub(super) fn zh_name_stands_alone(rules: &Rules, name: &str) -> bool {
    !name.chars().any(is_cjk)
        || name.chars().any(|c| c.is_ascii_alphanumeric())
        || rules
            .zh_product_suffixes
            .iter()
            .any(|s| name.ends_with(s.as_str()))
}

/// A name in Chinese quotes in `clause` of `text`, nearest `at`.
fn quoted_near(text: &str, clause: Range<usize>, at: usize) -> Option<Range<usize>> {
    let part = text.get(clause.clone())?;
    let mut best: Option<Range<usize>> = None;
    for (open, close) in [('「', '」'), ('“', '”'), ('《', '》'), ('『', '』')] {
        let mut from = 0;
        while let Some(o) = part.get(from..).and_then(|p| p.find(open)) {
            let start = from + o + open.len_utf8();
            let Some(len) = part.get(start..).and_then(|p| p.find(close)) else {
                break;
            };
            let range = clause.start + start..clause.start + start + len;
            let chars = text.get(range.clone()).map_or(0, |n| n.chars().count());
            let distance = |r: &Range<usize>| r.start.abs_diff(at).min(r.end.abs_diff(at));
            if (1..=12).contains(&chars)
                && best.as_ref().is_none_or(|b| distance(&range) < distance(b))
            {
                best = Some(range);
            }
            from = start + len + close.len_utf8();
        }
    }
    best
}

/// A Chinese name read backwards from `end` over dates and adverbs.
fn zh_name_before(text: &str, end: usize) -> Option<Range<usize>> {
    let mut before = text.get(..end)?;
    // "将联想移动以约1亿美元出售给": a price between the name and the verb.
    if before.ends_with('元')
        && let Some(at) = before.rfind('以')
        && before.len() - at <= 30
    {
        before = before.get(..at)?;
    }
    loop {
        let trimmed = before.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
        let trimmed = ZH_BETWEEN
            .iter()
            .find_map(|w| trimmed.strip_suffix(w))
            .unwrap_or(trimmed);
        // "雅虎问答（Yahoo Answers）于2005年被推出": a name's gloss in
        // brackets stands between it and its verb.
        let trimmed = match trimmed
            .strip_suffix('）')
            .and_then(|t| t.rfind('（').map(|at| &t[..at]))
        {
            Some(glossed) if trimmed.len() - glossed.len() <= 60 => glossed,
            _ => trimmed,
        };
        if trimmed.len() == before.len() {
            break;
        }
        before = trimmed;
    }
    let run = zh_run_before(before, before.len())?;
    // "滴滴顺风车在全国范围下线": the subject stands before a place or time
    // brought in by 在.
    if let Some(place) = before.get(..run.start).and_then(|t| t.strip_suffix('在'))
        && let Some(subject) = zh_run_before(before, place.len())
    {
        return Some(subject);
    }
    Some(run)
}

/// The run of name characters ending at `end` of `text`, up to 8.
fn zh_run_before(text: &str, end: usize) -> Option<Range<usize>> {
    // "Creative Suite 是于2003年被推出的": a Latin name, spaces and all.
    if let Some(latin) = latin_name_before(text, end) {
        return Some(latin);
    }
    // "千橡互动本身更名为…": "itself" is not the name's.
    let end = ["本身", "自身"]
        .iter()
        .find_map(|w| text.get(..end)?.strip_suffix(w).map(str::len))
        .unwrap_or(end);
    let mut start = end;
    for (i, c) in text.get(..end)?.char_indices().rev().take(8) {
        if ZH_NAME_STOPS.contains(c) || !(is_cjk(c) || c.is_ascii_alphanumeric()) {
            break;
        }
        start = i;
    }
    // "此后56网逐渐并入": a linking adverb opening the run is not the name's.
    let run = text.get(start..end)?;
    let start = end - super::role_forms::skip_zh_linking(run).len();
    (start < end).then_some(start..end)
}

/// Up to three capitalised Latin words ending at `end` (spaces before
/// `end` skipped), in Chinese text: "Flash Player", "Adobe Muse".
fn latin_name_before(text: &str, end: usize) -> Option<Range<usize>> {
    let head = text.get(..end)?.trim_end_matches(' ');
    if !head.ends_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    let run_start = head
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || " .&+-".contains(c)))
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    let run = head.get(run_start..)?;
    let words: Vec<&str> = run.split(' ').filter(|w| !w.is_empty()).collect();
    let kept: Vec<&str> = words
        .iter()
        .rev()
        .take(3)
        .take_while(|w| w.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit()))
        .copied()
        .collect();
    let first = kept.last()?;
    let name_len: usize = kept.iter().map(|w| w.len()).sum::<usize>() + kept.len() - 1;
    let start = head.len() - name_len;
    (head.get(start..)?.starts_with(first)).then_some(start..head.len())
}

/// The largest char boundary of `text` at or below `at`: a byte count
/// cut in the middle of a Chinese character would make `get` fail.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// A Chinese name read forwards from `start`, after 了 or 的.
fn zh_name_after(text: &str, start: usize) -> Option<Range<usize>> {
    let rest = text.get(start..)?;
    // "更名为京东商城": 为 and 成 join the verb to its object.
    let mut rest = rest.trim_start_matches(['了', '的', ' ', '为', '成']);
    // "一款名为A.me的…", "资讯客户端今日头条": a measure word, "named", or a
    // description ending in a kind noun comes before the name.
    for lead in ["一款", "一个", "一项", "一家", "一种", "全新的", "新的"] {
        rest = rest.strip_prefix(lead).unwrap_or(rest);
    }
    if let Some(named) = ["名为", "叫做", "名叫", "取名"].iter().find_map(|w| {
        rest.get(..floor_char_boundary(rest, 40))
            .and_then(|head| head.find(w))
            .map(|at| at + w.len())
    }) {
        rest = rest.get(named..).unwrap_or(rest);
    } else if let Some(kind_end) = ZH_KINDS_BEFORE_NAME
        .iter()
        .filter_map(|k| {
            let head = rest.get(..floor_char_boundary(rest, 30))?;
            let at = head.find(k)?;
            let clause_break = head.get(..at)?.contains(ZH_NAME_STOPS_BEFORE_KIND);
            (!clause_break).then_some(at + k.len())
        })
        .min()
        && rest
            .get(kind_end..)
            .is_some_and(|r| r.starts_with(|c: char| is_cjk(c) || c.is_ascii_alphanumeric()))
    {
        rest = rest.get(kind_end..).unwrap_or(rest);
    }
    let from = text.len() - rest.len();
    let mut end = from;
    let mut chars = rest.char_indices().take(16).peekable();
    while let Some((i, c)) = chars.next() {
        // "收购musical.ly": a dot between Latin letters is inside the name.
        let inner_dot =
            c == '.' && i > 0 && chars.peek().is_some_and(|(_, n)| n.is_ascii_alphanumeric());
        if !inner_dot && (ZH_NAME_STOPS.contains(c) || !(is_cjk(c) || c.is_ascii_alphanumeric())) {
            break;
        }
        end = from + i + c.len_utf8();
    }
    // "收购糯米网59%的股份": a share, not part of the name.
    if text.get(end..).is_some_and(|t| t.starts_with('%')) {
        end = from
            + text
                .get(from..end)?
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .len();
    }
    (end > from).then_some(from..end)
}

/// A Chinese lifecycle verb at `hit`: the quoted name in its clause, else
/// the name before it (the product is the subject: 微视停止服务, 将拍拍网
/// 出售给京东) or after it (推出了多闪, 上线了一款名为A.me的应用), owned by
/// the subject that launched it.
pub(super) fn zh_around_verb(
    rules: &Rules,
    text: &str,
    hit: &Hit,
    clause: Range<usize>,
) -> Option<Found> {
    let good = |r: &Range<usize>| {
        text.get(r.clone())
            .is_some_and(|n| is_product_name(rules, n))
    };
    if let Some(q) = quoted_near(text, clause, hit.start).filter(good) {
        return Some(Found {
            name: q,
            owner: None,
        });
    }
    let verb = text.get(hit.start..hit.end)?;
    let after = text.get(hit.end..).unwrap_or("");
    // "网易云阅读在2011年推出，": a verb ending its clause has no object;
    // its subject is the product.
    let ends_clause = after.starts_with(['，', '。', '；', '！']);
    let launch = ZH_LAUNCH_VERBS.contains(&verb) || verb == "上线";
    // "上线了一款…", "关闭了…", "宣布关闭拍拍网": an object follows.
    let object_next = after
        .trim_start_matches('了')
        .chars()
        .next()
        .is_some_and(|c| {
            (is_cjk(c) || c.is_ascii_alphanumeric() || "“「《".contains(c))
                && !ZH_NAME_STOPS.contains(c)
        });
    let transitive = object_next && (after.starts_with('了') || ZH_TRANSITIVE.contains(&verb));
    // "Creative Cloud 是在2012年5月被推出的": 被 makes the product the subject.
    let passive = text
        .get(..hit.start)
        .map(|t| t.trim_end_matches(['正', '式', '所', ' ']))
        .is_some_and(|t| t.ends_with('被'));
    let subject_verb = (ZH_SUBJECT_VERBS.contains(&verb) || (launch && ends_clause) || passive)
        && !(transitive && (launch || ZH_TRANSITIVE.contains(&verb)));
    let sale = ["出售", "卖给", "卖掉"].contains(&verb);
    let before = zh_name_before(text, hit.start);
    // "将X出售": X is sold; "X出售了Y": Y is.
    // "将旗下的联想移动…出售": 将 may stand a few words before the name.
    let marked = before.as_ref().is_some_and(|r| {
        text.get(..r.start).is_some_and(|t| {
            let near: String = t.chars().rev().take(6).collect();
            near.contains('将') || near.contains('把')
        })
    });
    if subject_verb
        && (!sale || marked)
        && let Some(b) = before.clone().filter(good)
    {
        return Some(Found {
            name: b,
            owner: None,
        });
    }
    // "并入美团", "被京东收购": after a verb whose subject is the product
    // comes the other party, unless the verb takes an object here.
    let object_follows =
        !ZH_SUBJECT_VERBS.contains(&verb) || transitive || sale || ["更名", "改名"].contains(&verb);
    if !object_follows {
        return None;
    }
    let object = zh_name_after(text, hit.end).filter(good)?;
    let owner = launch
        .then_some(before)
        .flatten()
        .filter(|b| !marked && b.end <= hit.start);
    Some(Found {
        name: object,
        owner,
    })
}

#[cfg(test)]
#[path = "product_forms_tests.rs"]
mod tests;
