//! The places a paragraph names a role by where it stands rather than by
//! a verb: headings ("platform role.", "## The broker's role", "一、平台方的
//! 角色"), a sentence's subject ("The patent licensor role was…"), a
//! copula ("it is a platform holder"), and question headings ("… played
//! what role?"). Each is a pure parser over one paragraph.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use super::role_forms::{self, MAX_ZH_CHARS};
use super::rules::{Hit, Pattern, Rules};
use super::text::{Breaks, on_word_boundaries};
use crate::repair::is_cjk;

/// Longest role noun phrase in words ("data broker role").
pub(super) const MAX_NOUN_WORDS: usize = 3;
/// A question heading is at most this long.
const MAX_QUESTION_CHARS: usize = 120;

fn is_noun_word(word: &str) -> bool {
    !word.is_empty()
        && word.chars().all(|c| c.is_alphabetic() || c == '-')
        && !word.chars().any(is_cjk)
}

/// "platform role." / "## Gatekeeper role" at the start of the paragraph.
pub(super) fn heading_en(
    rules: &Rules,
    text: &str,
    hit: &Hit,
    breaks: &Breaks,
) -> Option<(String, Range<usize>)> {
    // Repair may have joined the heading onto a date line or a fragment
    // ("March 9, 2017 platform role."), so a sentence start counts too.
    let from = breaks.sentence(text, hit.start).start;
    let prefix = text.get(..hit.start)?;
    let mut lead = from + text.get(from..hit.start)?.len()
        - text
            .get(from..hit.start)?
            .trim_start_matches(['#', '*', '_', ' '])
            .len();
    let mut dates = Vec::new();
    super::dates::scan(prefix.get(lead..)?, 0, &mut dates);
    if let Some(d) = dates.first().filter(|d| d.range.start == 0) {
        lead += d.range.end;
        lead += prefix.get(lead..)?.len() - prefix.get(lead..)?.trim_start().len();
    }
    // "2. The insurer's role", "II. The broker role", "Second, the
    // strategic investor role." (as machine translation numbers them).
    lead += crate::repair::numbering(prefix.get(lead..)?);
    if let Some(ordinal) = ORDINALS.iter().find(|o| {
        prefix.get(lead..).is_some_and(|p| {
            p.len() > o.len() && p.get(..o.len()).is_some_and(|h| h.eq_ignore_ascii_case(o))
        })
    }) {
        lead += ordinal.len();
    }
    // More words than "the" and MAX_NOUN_WORDS nouns is never a heading:
    // stop there rather than split a long sentence.
    let mut words: Vec<&str> = prefix
        .get(lead..)?
        .split(' ')
        .filter(|w| !w.is_empty())
        .take(MAX_NOUN_WORDS + 2)
        .collect();
    if words.len() > MAX_NOUN_WORDS + 1 {
        return None;
    }
    let mut start = lead;
    if words.first().is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        start += prefix.get(lead..)?.find(' ')? + 1;
        words.remove(0);
    }
    // "The broker's role": the possessive names the role; "Google's role"
    // (a name, and "role" in lowercase) names whose role it is, not which.
    if let Some(last) = words.last_mut() {
        for s in ["'s", "\u{2019}s"] {
            if let Some(stem) = last.strip_suffix(s) {
                let role_lower = text
                    .get(hit.start..hit.end)
                    .is_some_and(|r| r.starts_with('r'));
                let named = stem.chars().next().is_some_and(char::is_uppercase) && role_lower;
                if named || rules.is_organisation(stem) {
                    return None;
                }
                *last = stem;
            }
        }
    }
    let head = words.last().copied().unwrap_or("");
    let good = (1..=MAX_NOUN_WORDS).contains(&words.len())
        && prefix.ends_with(' ')
        && words
            .iter()
            .all(|w| is_noun_word(w) && !rules.vocab().role_function_words.has(w))
        && !rules.is_role_stop_word(head)
        && !rules.vocab().not_role_nouns.has(head)
        && (words.len() == 1 || !rules.is_role_stop_word(words[0]));
    if !good {
        return None;
    }
    let rest = text.get(hit.end..)?;
    let closes = rest.starts_with(['.', ':', '。', '：', '—'])
        || (rest.trim_matches(['*', '_', ' ']).is_empty() && text.chars().count() <= 60);
    if !closes {
        return None;
    }
    Some((words.join(" ").to_lowercase(), start..hit.end))
}

/// Words that number a heading in running prose: "Second, the … role."
const ORDINALS: [&str; 12] = [
    "first, ",
    "second, ",
    "third, ",
    "fourth, ",
    "fifth, ",
    "sixth, ",
    "firstly, ",
    "secondly, ",
    "thirdly, ",
    "finally, ",
    "lastly, ",
    "last, ",
];

/// The most copulas read in one paragraph: a role is named by a few.
const MAX_COPULAS: usize = 32;

/// "it is a platform holder", "Roku becomes the exclusive distributor":
/// each copula of `text`, as a hit of a verb of acting. They are not rules' phrases: "is a" would hide "is acting as"
/// from the matcher, which reports no overlapping phrases.
pub(super) fn copula_hits(text: &str) -> Vec<Hit> {
    static COPULAS: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::OnceLock::new();
    let Some(finder) = COPULAS
        .get_or_init(|| {
            aho_corasick::AhoCorasick::new([
                " is a ",
                " is an ",
                " is the ",
                " was a ",
                " was an ",
                " was the ",
                " become a ",
                " become the ",
                " becomes a ",
                " becomes the ",
                " became a ",
                " became the ",
            ])
            .ok()
        })
        .as_ref()
    else {
        return Vec::new();
    };
    let mut hits: Vec<Hit> = finder
        .find_iter(text)
        .take(MAX_COPULAS)
        .filter_map(|m| {
            // " is a " → the hit is "is a", the space after it kept.
            let end = m.end().checked_sub(1)?;
            Some(Hit {
                start: m.start() + 1,
                end,
                pattern: Pattern::RoleVerb,
            })
        })
        .collect();
    hits.extend(acting_with_adverb(text));
    hits.sort_by_key(|h| h.start);
    hits
}

/// "LEGO has acted mainly as a licensor", "it serves largely as a
/// storefront": a verb of acting, an adverb, then "as", which the rules'
/// phrases ("acted as") do not match.
fn acting_with_adverb(text: &str) -> Vec<Hit> {
    const VERBS: [&str; 10] = [
        "act",
        "acts",
        "acted",
        "acting",
        "serve",
        "serves",
        "served",
        "serving",
        "functions",
        "functioned",
    ];
    // Most paragraphs have none: one SIMD search says so.
    if super::text::LY_AS.find(text.as_bytes()).is_none() {
        return Vec::new();
    }
    text.match_indices("ly as ")
        .take(MAX_COPULAS)
        .filter_map(|(at, found)| {
            let head = text.get(..at + 2)?;
            let adverb_start = head.rfind(' ')? + 1;
            let before = head.get(..adverb_start - 1)?;
            let verb_start = before.rfind(' ').map_or(0, |i| i + 1);
            let verb = before.get(verb_start..)?.to_lowercase();
            // "acted quickly as usual": a role has its article.
            let after = text.get(at + found.len()..)?;
            let article = ["a ", "an ", "the "].iter().any(|a| after.starts_with(a));
            (article && VERBS.contains(&verb.as_str())).then(|| Hit {
                start: verb_start,
                end: at + found.len() - 1,
                pattern: Pattern::RoleVerb,
            })
        })
        .collect()
}

/// "The patent licensor role was shorter-lived": a sentence whose subject
/// is "The <nouns> role", then a verb, names that role.
pub(super) fn role_subject(
    rules: &Rules,
    text: &str,
    hit: &Hit,
    breaks: &Breaks,
) -> Option<(String, Range<usize>)> {
    const VERBS: &[&str] = &[
        "was", "is", "has", "had", "became", "becomes", "ended", "began", "matters", "mattered",
        "changed", "grew", "came", "proved", "lasted",
    ];
    let from = breaks.sentence(text, hit.start).start;
    let lead = text.get(from..hit.start)?;
    let nouns = lead.strip_prefix("The ")?.strip_suffix(' ')?;
    let words: Vec<&str> = nouns.split(' ').collect();
    let head = words.last().copied().unwrap_or("");
    let good = (1..=MAX_NOUN_WORDS).contains(&words.len())
        && words.iter().all(|w| {
            is_noun_word(w)
                && w.chars().all(|c| c.is_lowercase() || c == '-')
                && !rules.vocab().role_function_words.has(w)
        })
        && !rules.is_role_stop_word(head)
        && !rules.is_role_stop_word(words[0])
        && !rules.vocab().not_role_nouns.has(head);
    let verb = text.get(hit.end..)?.strip_prefix(' ')?.split(' ').next()?;
    (good && VERBS.contains(&verb)).then(|| (nouns.to_owned(), from + 4..hit.end))
}

/// The word just before "role", for mentions of a known role; lowercased,
/// copied only when it has capitals (a 100 MB article has 300 000 hits).
pub(super) fn noun_before_en<'t>(text: &'t str, hit: &Hit) -> Option<(Cow<'t, str>, Range<usize>)> {
    let before = text.get(..hit.start)?.strip_suffix(' ')?;
    let len: usize = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic() || *c == '-')
        .map(char::len_utf8)
        .sum();
    let start = before.len() - len;
    let noun = &before[start..];
    let noun = if noun.chars().any(char::is_uppercase) {
        Cow::Owned(noun.to_lowercase())
    } else {
        Cow::Borrowed(noun)
    };
    (len > 0 && on_word_boundaries(text, start, hit.end)).then_some((noun, start..hit.end))
}

/// "平台角色" where 平台 names a role.
pub(super) fn noun_before_zh(
    rules: &Rules,
    text: &str,
    hit: &Hit,
    names: &HashMap<String, Vec<usize>>,
) -> Option<(String, Range<usize>)> {
    let before = text.get(..hit.start)?;
    for (i, c) in before.char_indices().rev().take(MAX_ZH_CHARS) {
        if !is_cjk(c) {
            break;
        }
        let noun = before.get(i..)?;
        let name = rules.role_name(noun);
        if names.contains_key(&name) {
            return Some((name, i..hit.end));
        }
    }
    None
}

/// `平台角色。` at the start of the paragraph.
pub(super) fn heading_zh(rules: &Rules, text: &str, hit: &Hit) -> Option<(String, Range<usize>)> {
    let prefix = text.get(..hit.start)?;
    let mut lead = prefix.len() - prefix.trim_start_matches(['#', '*', ' ']).len();
    // "三、担保人的角色", "（二）平台方角色".
    lead += crate::repair::numbering(prefix.get(lead..)?);
    let raw = prefix.get(lead..)?;
    let noun = raw.strip_suffix('的').unwrap_or(raw);
    let chars = noun.chars().count();
    let good = (1..=MAX_ZH_CHARS).contains(&chars)
        && noun.chars().all(is_cjk)
        && !noun.ends_with('的')
        && !role_forms::zh_counted(noun.rsplit('的').next().unwrap_or(noun))
        && !rules.is_role_stop_word(noun)
        && !rules.vocab().not_role_nouns.has(noun);
    let rest = text.get(hit.end..)?;
    let closes = rest.starts_with(['。', '：', ':', '.', '，']) || rest.trim().is_empty();
    (good && closes).then(|| (rules.role_name(noun), lead..hit.end))
}

/// "… played what role?": the question sentence, when short.
pub(super) fn question_en(text: &str, hit: &Hit, breaks: &Breaks) -> Option<Range<usize>> {
    // Only the last word matters: lowercase its tail, not the whole prefix.
    let before = text.get(..hit.start)?.trim_end();
    let tail_start = before.char_indices().rev().nth(4).map_or(0, |(i, _)| i);
    let tail = before.get(tail_start..)?.to_lowercase();
    if !(tail.ends_with("what") || tail.ends_with("which")) {
        return None;
    }
    let range = breaks.sentence(text, hit.start);
    let sentence = text.get(range.clone())?;
    let short = sentence.chars().count() <= MAX_QUESTION_CHARS;
    (short && sentence.ends_with('?')).then_some(range)
}

/// "…扮演了什么角色？"
pub(super) fn question_zh(text: &str, hit: &Hit, breaks: &Breaks) -> Option<Range<usize>> {
    let before = text.get(..hit.start)?;
    if !(before.ends_with("什么") || before.ends_with("何种") || before.ends_with("怎样的"))
    {
        return None;
    }
    let range = breaks.sentence(text, hit.start);
    let sentence = text.get(range.clone())?;
    let short = sentence.chars().count() <= MAX_QUESTION_CHARS;
    (short && sentence.ends_with(['？', '?'])).then_some(range)
}
