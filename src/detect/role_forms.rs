//! The forms writers use to say that an actor plays a role, as pure parsers
//! over one paragraph's text: "its role as kingmaker", "acted as a clearing
//! house", "the role of the gatekeeper" (an agent only), "its gatekeeper
//! role", "扮演了入口的角色", "充当了担保人", "回到了卖家角色". Each returns the
//! role's name and the byte range of the phrase (its mention); which words
//! may be a role is data (`Rules`).

use std::ops::Range;

use super::rules::{Hit, Rules};
use crate::repair::is_cjk;

/// Longest English role noun phrase, in words ("platform owner").
pub(super) const MAX_WORDS: usize = 4;
/// Longest Chinese role noun, in characters: "国产智能手机开拓者" has nine.
pub(super) const MAX_ZH_CHARS: usize = 10;

/// Verbs of playing a part: after them "the role of X" needs no agent noun.
const PLAY_VERBS: &[&str] = &[
    "play",
    "plays",
    "played",
    "playing",
    "took on",
    "takes on",
    "take on",
    "taken on",
    "assumed",
    "assumes",
    "assume",
    "assuming",
    "filled",
    "fills",
    "fill",
    "adopted",
    "adopts",
    "claimed",
    "claims",
    "inherited",
    "inherits",
];

/// Characters that end a Chinese noun read backwards from 角色: particles,
/// verbs of being and moving, demonstratives, degree words.
const ZH_STOPS: &str =
    "了着过是为在和与及到回把将被对从向给让由之其该这那个种等也都就又还已曾最很更太当演充任以";

/// Chinese words before a noun that only qualify it ("一个", "重要的").
const ZH_LEADS: &[&str] = &[
    "一个", "一种", "一名", "一家", "个", "种", "名", "非常", "十分", "极其",
];

/// One word of a phrase: its range and text.
#[derive(Debug, Clone, Copy)]
struct Word<'t> {
    range: (usize, usize),
    text: &'t str,
}

/// The word starting at `at` (letters, digits, hyphens and an inner
/// apostrophe: "exchange's", "co-op").
fn word_at(text: &str, at: usize) -> Option<Word<'_>> {
    let rest = text.get(at..)?;
    let mut len = 0;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner_apostrophe = matches!(c, '\'' | '\u{2019}')
            && chars
                .peek()
                .is_some_and(|(_, n)| n.is_alphabetic() && !is_cjk(*n));
        if (c.is_alphanumeric() && !is_cjk(c)) || c == '-' || inner_apostrophe {
            len = i + c.len_utf8();
        } else {
            break;
        }
    }
    (len > 0).then(|| Word {
        range: (at, at + len),
        text: &rest[..len],
    })
}

/// The word ending at `end`, skipping one space before it if `end` is one.
fn word_before(text: &str, end: usize) -> Option<Word<'_>> {
    let before = text.get(..end)?;
    let before = before.strip_suffix(' ').unwrap_or(before);
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| {
            (c.is_alphanumeric() && !is_cjk(*c)) || matches!(c, '-' | '\'' | '\u{2019}')
        })
        .last()
        .map(|(i, _)| i)?;
    let text_of = before.get(start..)?;
    Some(Word {
        range: (start, before.len()),
        text: text_of,
    })
}

/// A word without its possessive ending, and whether it had one.
fn strip_possessive(word: &str) -> (&str, bool) {
    for s in ["'s", "\u{2019}s", "s'", "s\u{2019}"] {
        if let Some(stem) = word.strip_suffix(s) {
            // "users'" keeps its plural s.
            let stem = if s.starts_with('s') {
                &word[..word.len() - s.len() + 1]
            } else {
                stem
            };
            return (stem, true);
        }
    }
    (word, false)
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn letters(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| (c.is_alphabetic() && !is_cjk(c)) || c == '-')
}

/// Whether `head`, the last word of a role phrase, can end one.
fn good_head(rules: &Rules, head: &str) -> bool {
    let lower = head.to_lowercase();
    letters(head)
        && lower.chars().count() >= 3
        && !rules.is_role_stop_word(&lower)
        && !rules.vocab().not_role_nouns.has(&lower)
        && !rules.vocab().role_function_words.has(&lower)
        // Participles and adverbs describe a part, they do not name one.
        && !(lower.ends_with("ing") || lower.ends_with("ed") || lower.ends_with("ly"))
}

/// A noun phrase naming a role, from `at`: an optional article or
/// possessive ("the", "its", "Amazon's"), then up to [`MAX_WORDS`]
/// lowercase words, none of them a function word, ending at punctuation or
/// a function word. "lender of last resort" keeps its "of" when the head
/// is an agent. Returns the name (lowercase, possessives dropped) and where
/// the phrase ends.
pub(super) fn noun_phrase(rules: &Rules, text: &str, at: usize) -> Option<(String, usize)> {
    // "the role of \"stabilizer\"": quotes around the role are the writer's.
    let quote = text
        .get(at..)?
        .chars()
        .next()
        .filter(|c| ['"', '“', '‘', '\''].contains(c))
        .map_or(0, char::len_utf8);
    let mut pos = at + quote;
    let mut words: Vec<&str> = Vec::new();
    let mut ends: Vec<usize> = Vec::new();
    let mut end = at;
    let mut first = true;
    let mut titled = false;
    while words.len() < MAX_WORDS {
        let Some(word) = word_at(text, pos) else {
            break;
        };
        let lower = word.text.to_lowercase();
        let (stem, possessive) = strip_possessive(word.text);
        if first && ["a", "an", "the", "its", "their", "his", "her", "our"].contains(&&*lower) {
            first = false;
            titled = true;
        } else if words.is_empty() && possessive && capitalised(stem) {
            // "Amazon's storefront": the possessor is the actor, not the role.
            titled = true;
        } else if !letters(stem)
            || rules.vocab().role_function_words.has(stem)
            || (capitalised(stem) && !words.is_empty())
            || (capitalised(stem) && titled)
        {
            break;
        } else {
            // "the exchange's operator" keeps its possessive, as written.
            words.push(if possessive { word.text } else { stem });
            ends.push(word.range.1);
            end = word.range.1;
            first = false;
        }
        pos = word.range.1;
        if text.get(pos..pos + 1) != Some(" ") {
            break;
        }
        pos += 1;
    }
    // "a neutral file store sitting between…": a participle after the
    // agent describes it; the phrase ends at the agent.
    while words.len() >= 2
        && words
            .last()
            .is_some_and(|w| w.ends_with("ing") || w.ends_with("ed"))
        && words
            .get(words.len() - 2)
            .is_some_and(|w| rules.is_agent_noun(w))
    {
        words.pop();
        ends.pop();
        end = ends.last().copied().unwrap_or(end);
    }
    // "lender of last resort": an agent's "of" phrase, no article after it.
    // A possessive cannot end the phrase: "acted as the company's" names no role.
    if words.last().is_some_and(|w| strip_possessive(w).1) {
        return None;
    }
    let head = *words.last()?;
    let mut name: Vec<String> = words
        .iter()
        .map(|w| w.to_lowercase().replace('\u{2019}', "'"))
        .collect();
    if rules.is_agent_noun(head) && text.get(end..end + 4) == Some(" of ") {
        let mut tail = Vec::new();
        let mut p = end + 4;
        let mut tail_end = end;
        while tail.len() < 2 {
            let Some(w) = word_at(text, p) else { break };
            if !letters(w.text)
                || capitalised(w.text)
                || rules.vocab().role_function_words.has(w.text)
            {
                break;
            }
            tail.push(w.text.to_lowercase());
            tail_end = w.range.1;
            p = w.range.1 + 1;
            if text.get(w.range.1..p) != Some(" ") {
                break;
            }
        }
        // Only a closed phrase: "of last resort" then punctuation or a stop.
        let closed = word_at(text, p).is_none_or(|w| {
            rules.vocab().role_function_words.has(w.text) || text.get(tail_end..p) != Some(" ")
        });
        if !tail.is_empty() && closed {
            name.push("of".to_owned());
            name.extend(tail);
            end = tail_end;
        }
    }
    // A person's title without an article is a person's job ("served as CEO").
    if !titled && words.iter().any(|w| rules.vocab().person_titles.has(w)) {
        return None;
    }
    if words.iter().any(|w| capitalised(w)) && !titled {
        return None;
    }
    good_head(rules, head).then(|| (name.join(" "), end))
}

/// "role as (a|the) X" after a "role" hit: "its role as kingmaker".
pub(super) fn role_as(rules: &Rules, text: &str, hit: &Hit) -> Option<(String, Range<usize>)> {
    // "my role as the family's tech support": a person's part, not a firm's.
    let owner = word_before(text, hit.start).map(|w| w.text.to_lowercase());
    if owner.is_some_and(|w| ["my", "his", "her", "your"].contains(&w.as_str())) {
        return None;
    }
    let rest = text.get(hit.end..)?;
    let as_ = rest.get(..4).filter(|s| s.eq_ignore_ascii_case(" as "))?;
    let (name, end) = noun_phrase(rules, text, hit.end + as_.len())?;
    Some((name, hit.start..end))
}

/// "acted as a clearing house" after an English role verb hit.
pub(super) fn acted_as(rules: &Rules, text: &str, hit: &Hit) -> Option<(String, Range<usize>)> {
    let at = hit.end + 1;
    if text.get(hit.end..at) != Some(" ") {
        return None;
    }
    let (name, end) = noun_phrase(rules, text, at)?;
    // "Amazon has played central banker": a verb of playing names an agent.
    let verb = text.get(hit.start..hit.end)?.to_lowercase();
    let head = name.split(" of ").next()?.rsplit(' ').next()?;
    if verb.starts_with("play") && !rules.is_agent_noun(head) {
        return None;
    }
    // "it is a platform holder", "Sony was the component supplier": a
    // copula names a role only with a compound agent noun after a firm.
    // "Roku becomes the exclusive distributor", "…and become a third-party
    // publisher": becoming names a role only as an agent noun.
    if verb.starts_with("becom") || verb.starts_with("became") {
        // "became the big shareholder of Sogou", "became an important
        // income source": a rank or a measure, not a part played.
        let ranked = name.contains(" of ") || name.split(' ').any(|w| rules.is_role_stop_word(w));
        // "could not become the gateway": a part it failed to play.
        let denied = text.get(..hit.start).is_some_and(|t| {
            ["not ", "never ", "n't ", "failed to ", "unable to "]
                .iter()
                .any(|n| t.ends_with(n))
        });
        if ranked || denied || !rules.is_agent_noun(head) {
            return None;
        }
    } else if verb.starts_with("is ") || verb.starts_with("was ") {
        let compound = name.split(' ').count() >= 2 && !name.contains(" of ");
        let firm = word_before(text, hit.start).is_some_and(|w| {
            w.text == "it" || w.text == "It" || w.text.starts_with(char::is_uppercase)
        });
        // "it was a travel search platform": what a product is, not a part.
        // "Mailbox was a gesture-driven iPhone email client": a kind of
        // one word or more.
        let kind = rules.product_kinds.iter().any(|k| {
            name.strip_suffix(k.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.ends_with(' '))
        });
        if !(compound && firm && rules.is_agent_noun(head)) || kind {
            return None;
        }
    }
    Some((name, hit.start..end))
}

/// The role nouns joined to the one a verb of acting names, whose form
/// ends at `first.end`: ", incubator and sales channel" after "acting as
/// investor", "和版权方" after "充当了内容方". Each must end where the list
/// does (a comma, "and", a stop), so "acted as a broker and the bank lost
/// money" joins nothing.
pub(super) fn coordinated(
    rules: &Rules,
    text: &str,
    first: &Range<usize>,
) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    // ", paying royalties" is an aside; a list ends with "and" or "or".
    let mut conjunction = false;
    let mut at = first.end;
    let chinese = text
        .get(..at)
        .and_then(|t| t.chars().next_back())
        .is_some_and(is_cjk);
    while out.len() < 4 {
        let rest = text.get(at..).unwrap_or("");
        let next = if chinese {
            zh_joined(rules, text, at)
        } else {
            let Some(sep) = [", and ", ", or ", ", ", " and ", " or "]
                .iter()
                .find(|s| rest.starts_with(*s))
            else {
                break;
            };
            let from = at + sep.len();
            conjunction |= sep.contains("and") || sep.contains("or");
            noun_phrase(rules, text, from).and_then(|(name, end)| {
                let verb_like = name
                    .split(' ')
                    .next()
                    .is_some_and(|w| w.ends_with("ing") || w.ends_with("ed"));
                let after = text.get(end..).unwrap_or("");
                let ends_list = after.is_empty()
                    || after.starts_with([',', '.', ';', ':', ')'])
                    || [" and ", " or ", " at ", " for ", " to ", " in ", " on "]
                        .iter()
                        .any(|w| after.starts_with(w));
                let words = name.split(' ').count();
                (ends_list && words <= 3 && !verb_like).then_some((name, from..end))
            })
        };
        let Some((name, range)) = next else {
            break;
        };
        at = range.end;
        out.push((name, range));
    }
    if !chinese && !conjunction {
        out.clear();
    }
    out
}

/// A Chinese role noun after "和", "与", "及" or "、" at `at`, ending the
/// clause or the list.
fn zh_joined(rules: &Rules, text: &str, at: usize) -> Option<(String, Range<usize>)> {
    let rest = text.get(at..)?;
    let joiner = ['和', '与', '及', '、']
        .into_iter()
        .find(|j| rest.starts_with(*j))?;
    let from = at + joiner.len_utf8();
    let mut end = from;
    for (i, c) in text.get(from..)?.char_indices().take(MAX_ZH_CHARS) {
        if !is_cjk(c) || "，。；、：和与及的".contains(c) {
            break;
        }
        end = from + i + c.len_utf8();
    }
    let after = text.get(end..).unwrap_or("");
    let ends = after.is_empty() || after.starts_with(['，', '。', '；', '、', '和', '与', '及']);
    let raw = text.get(from..end)?;
    let noun = ends.then(|| zh_noun(rules, raw)).flatten()?;
    Some((rules.role_name(&noun), from..end))
}

/// The noun phrase after "role of (the)": "source" in "role of the
/// source". What it names is a role only as [`role_of`] says; a known
/// role's name found here is a mention of it.
pub(super) fn of_phrase(rules: &Rules, text: &str, hit: &Hit) -> Option<(String, Range<usize>)> {
    let rest = text.get(hit.end..)?;
    // "a third role, that of patent licensor".
    let of_len = [" of ", ", that of "]
        .iter()
        .find(|of| {
            rest.get(..of.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(of))
        })?
        .len();
    let (name, end) = noun_phrase(rules, text, hit.end + of_len)?;
    Some((name, hit.start..end))
}

/// "role of (the) X": X an agent ("the role of the gatekeeper"), or any
/// role noun after a verb of playing ("played the role of kingmaker").
pub(super) fn role_of(rules: &Rules, text: &str, hit: &Hit) -> Option<(String, Range<usize>)> {
    let (name, range) = of_phrase(rules, text, hit)?;
    let head = name.split(" of ").next()?.rsplit(' ').next()?;
    let before = text.get(..hit.start)?.trim_end().to_lowercase();
    let before = before
        .strip_suffix("the")
        .or_else(|| before.strip_suffix(" a"))
        .unwrap_or(&before)
        .trim_end();
    let played = PLAY_VERBS.iter().any(|v| {
        before.ends_with(v)
            && before[..before.len() - v.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    });
    let agent = played || rules.is_agent_noun(head);
    agent.then_some((name, range))
}

/// "its gatekeeper role", "Alipay's platform role": a role noun after a
/// possessive, before "role", mid-sentence.
pub(super) fn possessive_role(
    rules: &Rules,
    text: &str,
    hit: &Hit,
) -> Option<(String, Range<usize>)> {
    let mut words: Vec<Word<'_>> = Vec::new();
    let mut end = hit.start;
    let mut owner = false;
    while words.len() <= MAX_WORDS {
        let Some(word) = word_before(text, end) else {
            break;
        };
        if text.get(word.range.1..end).is_some_and(|gap| gap != " ") {
            break;
        }
        let (stem, possessive) = strip_possessive(word.text);
        let lower = word.text.to_lowercase();
        if ["its", "their", "his", "her", "our"].contains(&&*lower) || possessive {
            owner = !stem.is_empty();
            break;
        }
        if !letters(word.text) || rules.vocab().role_function_words.has(word.text) {
            break;
        }
        words.push(word);
        end = word.range.0;
    }
    let head = words.first()?;
    if !owner || words.is_empty() || words.len() > MAX_WORDS || !good_head(rules, head.text) {
        return None;
    }
    if words
        .iter()
        .any(|w| capitalised(w.text) || rules.is_role_stop_word(w.text))
    {
        return None;
    }
    words.reverse();
    let name: Vec<String> = words.iter().map(|w| w.text.to_lowercase()).collect();
    Some((name.join(" "), words.first()?.range.0..hit.end))
}

/// Cleans a Chinese noun read before 角色 or after 充当: drops a trailing
/// 的, keeps what follows the last 的, drops counting words and degree
/// words before it. `None` when nothing that can be a role is left.
pub(super) fn zh_noun(rules: &Rules, raw: &str) -> Option<String> {
    // "最大的个人电脑制造商之一": one of them is still the role.
    let raw = raw.strip_suffix("之一").unwrap_or(raw);
    let mut s = raw.trim_end_matches('的');
    for verb in ["作为", "成为", "扮演"] {
        if let Some((_, after)) = s.rsplit_once(verb) {
            s = after;
        }
    }
    if let Some((_, after)) = s.rsplit_once('的') {
        s = after;
    }
    let mut changed = true;
    while changed {
        changed = false;
        for lead in ZH_LEADS {
            // "个人电脑制造商": 个人 is a word, not a measure.
            if s.starts_with("个人") {
                break;
            }
            if let Some(rest) = s.strip_prefix(lead) {
                s = rest;
                changed = true;
            }
        }
    }
    let chars = s.chars().count();
    // "政策因素": an abstraction by its last word, as "the role of chance" is.
    let abstract_ending = s
        .char_indices()
        .any(|(i, _)| rules.vocab().not_role_nouns.has(&s[i..]));
    let counted = zh_counted(s);
    let good = (2..=MAX_ZH_CHARS).contains(&chars)
        && s.chars().all(is_cjk)
        && !counted
        && !rules.is_role_stop_word(s)
        && !abstract_ending;
    good.then(|| s.to_owned())
}

/// `text` after a linking adverb that opens it ("此后长风电器将…"): the
/// adverb is not the actor.
pub(super) fn skip_zh_linking(text: &str) -> &str {
    [
        "此后", "随后", "之后", "后来", "目前", "如今", "当时", "同时", "此外", "然而", "但是",
        "不过", "因此", "首先", "其次", "最后", "第三", "而",
    ]
    .iter()
    .find_map(|w| text.strip_prefix(w))
    .unwrap_or(text)
}

/// "三种", "三重", "两类": how many roles, not which.
pub(super) fn zh_counted(noun: &str) -> bool {
    noun.starts_with(|c: char| "一二三四五六七八九十两几多数".contains(c))
        && noun
            .chars()
            .nth(1)
            .is_some_and(|c| "种重类个层项大".contains(c))
}

/// Whether a Chinese noun names an agent by its ending: "代工方",
/// "服务商", "守门人", "追赶者". After "作为" ("as") only these are roles:
/// "作为一家公司" is not.
pub(super) fn zh_agent_noun(noun: &str) -> bool {
    ["方", "商", "者", "人", "员", "师"]
        .iter()
        .any(|e| noun.ends_with(e))
}

/// The Chinese noun just before `end` (a 角色 hit), read backwards to a
/// particle or punctuation: "卖家" in "回到了卖家角色", "入口" in
/// "扮演了入口的角色". Its start and cleaned name.
pub(super) fn zh_before(rules: &Rules, text: &str, end: usize) -> Option<(usize, String)> {
    let before = text.get(..end)?;
    let before_de = before.strip_suffix('的').unwrap_or(before);
    // "扮演着中国互联网“新闻门户”的角色": the quoted noun.
    if let Some(quoted) = before_de.strip_suffix(['”', '」'])
        && let Some(open) = quoted.rfind(['“', '「'])
    {
        let inner_start = open + '“'.len_utf8();
        let noun = zh_noun(rules, quoted.get(inner_start..)?)?;
        return Some((inner_start, noun));
    }
    let mut start = before_de.len();
    for (i, c) in before_de.char_indices().rev().take(MAX_ZH_CHARS + 2) {
        if !is_cjk(c) || ZH_STOPS.contains(c) {
            break;
        }
        start = i;
    }
    let noun = zh_noun(rules, before_de.get(start..)?)?;
    Some((start, noun))
}

/// "充当(了)担保人": the noun after a Chinese role verb, to punctuation,
/// 的角色 or a particle.
pub(super) fn zh_after(rules: &Rules, text: &str, hit: &Hit) -> Option<(String, Range<usize>)> {
    let verb = text.get(hit.start..hit.end)?;
    if verb == "扮演" {
        // Read from its 角色, which says where the noun ends.
        return None;
    }
    let rest = text.get(hit.end..)?;
    // "充当了", "扮演着", "充当起", "充当的是", "充当的就是".
    let rest = rest.strip_prefix(['了', '着', '起']).unwrap_or(rest);
    let rest = ["的就是", "的是"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest);
    let from = text.len() - rest.len();
    let mut end = from;
    for (i, c) in rest.char_indices().take(MAX_ZH_CHARS * 3) {
        if !is_cjk(c) || "，。；、：".contains(c) {
            break;
        }
        end = from + i + c.len_utf8();
    }
    // "充当了国美试水线上的“先遣队”", "充当“先遣队”": the quoted noun.
    let lead = text.get(from..end)?;
    if (lead.is_empty() || lead.ends_with('的'))
        && let Some(open) = text.get(end..).and_then(|t| t.strip_prefix(['“', '「']))
        && let Some(close) = open.find(['”', '」'])
    {
        let inner_start = text.len() - open.len();
        let noun = zh_noun(rules, open.get(..close)?)?;
        let end = inner_start + close + '”'.len_utf8();
        return Some((noun, hit.start..end));
    }
    // "司机与乘客之间的担保人": the noun is after the last 的; without one,
    // "担保人和仲裁者" names its first.
    if !text.get(from..end)?.contains('的')
        && let Some((at, _)) = text
            .get(from..end)?
            .char_indices()
            .find(|(_, c)| "和与及并".contains(*c))
    {
        end = from + at;
    }
    let raw = text.get(from..end)?;
    let raw = raw.strip_suffix("角色").unwrap_or(raw);
    let raw = raw.strip_suffix("的").unwrap_or(raw);
    // "作为硬件厂商直接面对消费者": the clause goes on past the noun, which
    // ends at the last agent ending within reach.
    let raw = if raw.chars().count() > MAX_ZH_CHARS && !raw.contains('的') {
        let within: usize = raw.chars().take(MAX_ZH_CHARS).map(char::len_utf8).sum();
        raw.get(..within)
            .and_then(|head| {
                head.char_indices()
                    .rev()
                    .find(|(_, c)| zh_agent_noun(&c.to_string()))
                    .map(|(i, c)| &head[..i + c.len_utf8()])
            })
            .unwrap_or(raw)
    } else {
        raw
    };
    let end = from + raw.len().min(end - from);
    let noun = zh_noun(rules, raw)?;
    // "作为一家公司", "视为一种威胁": after these only an agent is a role.
    if ["作为", "视为", "看作", "定位为"].contains(&verb) && !zh_agent_noun(&noun) {
        return None;
    }
    Some((noun, hit.start..end))
}

/// Verbs that end a Chinese subject: what a firm announces, starts, sells.
const ZH_SUBJECT_VERBS: [&str; 34] = [
    "宣布",
    "表示",
    "开始",
    "发布",
    "认为",
    "注意到",
    "显示",
    "决定",
    "推出",
    "出售",
    "计划",
    "成立",
    "今年",
    "去年",
    "上线",
    "收购",
    "关闭",
    "停止",
    "进入",
    "获得",
    "拥有",
    "选择",
    "希望",
    "尝试",
    "退出",
    "继续",
    "开发",
    "打造",
    "发起",
    "承认",
    "透露",
    "公布",
    "称其",
    "正式",
];

/// Openings that are never a subject (nor are the verbs above):
/// prepositions, conjunctions, the reporter and the announcement.
const ZH_NOT_SUBJECTS: [&str; 28] = [
    "根据", "按照", "随着", "对于", "由于", "因为", "虽然", "如果", "尽管", "据", "记者", "公告",
    "报道", "但", "通过", "经过",
    // Who speaks of it, not who acts: "官方宣布…", "业内人士认为…".
    "官方", "网友", "外界", "业内", "媒体",
    // "…，正式发布旗下…": an adverb opening a clause goes before its verb.
    "正式", "首次", "再次", "随即", "陆续", "相继", "先后",
];

/// Whether a Chinese phrase ends on a verb a subject goes before ("正式发布"
/// before "旗下…"): a verb phrase, not a name.
pub(super) fn ends_with_zh_verb(phrase: &str) -> bool {
    ZH_SUBJECT_VERBS.iter().any(|v| phrase.ends_with(v))
}

/// The subject opening the Chinese sentence at `from`: "京东" in
/// "京东在这场交易中充当了担保人". `None` for a pronoun or nothing.
pub(super) fn zh_subject(text: &str, from: usize) -> Option<String> {
    let rest = text.get(from..)?.trim_start_matches(['“', '「', ' ']);
    let rest = skip_zh_linking(rest);
    let mut len = 0;
    for c in rest.chars().take(10) {
        let stop = "在则也就又曾还将把对已于从为是的，、了和与及由被让向给等都。；：扮充作以一却仍并便才不没再只均即"
            .contains(c);
        if stop || !(is_cjk(c) || c.is_ascii_alphanumeric()) {
            break;
        }
        len += c.len_utf8();
    }
    let mut subject = rest.get(..len)?;
    // "黑莓公司开始…", "eBay宣布…", "长风电器发布…": a verb of two
    // characters ends the subject (single-character ones stopped it above).
    // "美店可以充当…": a modal verb ends it too.
    if let Some(cut) = ZH_SUBJECT_VERBS
        .iter()
        .chain(&["可以", "能够", "应该", "将会", "需要", "有望"])
        .filter_map(|v| subject.find(v))
        .filter(|&at| subject[..at].chars().count() >= 2)
        .min()
    {
        subject = &subject[..cut];
    }
    // "根据公告", "记者注意到": a preposition or the reporter, not an actor.
    if ZH_NOT_SUBJECTS
        .iter()
        .chain(&ZH_SUBJECT_VERBS)
        .any(|p| subject.starts_with(p))
    {
        return None;
    }
    // "京东长期扮演着…", "云雀科技此前长期充当…": adverbs are not part of
    // the subject.
    let adverbs = [
        "此前",
        "之前",
        "目前",
        "如今",
        "当时",
        "早已",
        "早在",
        "长期",
        "一直",
        "始终",
        "逐步",
        "逐渐",
        "曾经",
        "先后",
        "同时",
        "主要",
        "正在",
        "已经",
        "随后",
        "后来",
        "最终",
        "仍然",
        "依然",
        "实际上",
        "首先",
        "其次",
        "最初",
        "最早",
        "率先",
        "刚刚",
    ];
    while let Some(shorter) = adverbs.iter().find_map(|a| subject.strip_suffix(a)) {
        subject = shorter;
    }
    let chars = subject.chars().count();
    let pronoun = ["它", "其", "他", "她", "我", "这", "那", "该", "此", "本"]
        .iter()
        .any(|p| subject.starts_with(p));
    // "多年来", "2015年", "交易完成后": a time or a place, not an actor.
    // "蔚来" is a name: 来 ends a time only after what counts from.
    let when = subject.ends_with([
        '年', '月', '日', '时', '后', '前', '间', '中', '里', '上', '下', '内', '外', '初', '底',
        '末',
    ]) || [
        "年来", "以来", "近来", "后来", "从来", "向来", "原来", "本来", "月来", "天来",
    ]
    .iter()
    .any(|t| subject.ends_with(t));
    // "该公司", "两家公司" point back; "唱片公司" names a kind of firm.
    let company = subject.ends_with("公司") && (chars < 4 || subject.contains('家'));
    let good = (2..=8).contains(&chars) && !pronoun && !when && !company;
    good.then(|| subject.to_owned())
}

#[cfg(test)]
#[path = "role_forms_tests.rs"]
mod tests;
