//! Product forms by what the text calls a thing: a name beside a
//! product-kind noun ("the Nest app", "the high-end brand Casarte",
//! "Instagram, a photo-sharing app"), and a quoted name it is given ('a
//! washing machine which is called "Little Prodigy"').

use std::ops::Range;

use super::Product;
use super::product_forms::{is_product_name, object_at};
use super::rules::{Hit, Rules};
use super::text::{name_before, name_ending, word_after, word_before};
use crate::document::Document;
use crate::repair::is_cjk;

/// The name after " the " and a few describing words ending in a product
/// kind: " the high-end brand Casarte", " the budget phone Moto E".
pub(super) fn kind_object(rules: &Rules, text: &str, from: usize) -> Option<Range<usize>> {
    let mut at = from + text.get(from..)?.strip_prefix(" the ").map(|_| 5)?;
    for _ in 0..4 {
        let word = word_after(text, at)?;
        let w = text.get(word.clone())?;
        if !w.chars().all(|c| c.is_lowercase() || c == '-') {
            return None;
        }
        at = word.end;
        if rules.vocab().product_kinds.has(w) {
            return object_at(text, at);
        }
    }
    None
}

/// What, before a quoted name, says it is a name: 'a washing machine which
/// is called "Little Prodigy"', 'was named as the "Qindao-Liebherr"'.
const CALLED: [&str; 6] = [
    "called ",
    "named ",
    "named as ",
    "dubbed ",
    "branded ",
    "known as ",
];

/// The quoted names a text gives something: the range inside the quotes
/// after one of [`CALLED`] (and perhaps "the"), a capitalised name of up to
/// 40 bytes.
pub(super) fn called(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for open in ['"', '“'] {
        for (at, _) in text.match_indices(open) {
            let before = text.get(..at).unwrap_or("");
            let before = before.strip_suffix("the ").unwrap_or(before);
            if !CALLED.iter().any(|c| before.ends_with(c)) {
                continue;
            }
            let from = at + open.len_utf8();
            let Some(len) = text.get(from..).and_then(|t| t.find(['"', '”'])) else {
                continue;
            };
            let name = text.get(from..from + len).unwrap_or("");
            if len <= 40 && name.starts_with(char::is_uppercase) && !name.contains([',', '.']) {
                out.push(from..from + len);
            }
        }
    }
    out
}

/// A product-kind noun at `hit` ("app"), in lowercase: the name before it
/// ("the Nest app"), after it ("the Swedish app Klarna"), or before the
/// appositive it ends ("Instagram, a photo-sharing app").
pub(super) fn around_kind(rules: &Rules, text: &str, hit: &Hit) -> Option<Range<usize>> {
    let kind = text.get(hit.start..hit.end)?;
    if kind.chars().any(is_cjk) {
        return super::product_forms_zh::zh_around_kind(rules, text, hit);
    }
    if kind.chars().any(char::is_uppercase) {
        return None;
    }
    let good = |r: &Range<usize>| {
        text.get(r.clone())
            .is_some_and(|n| is_product_name(rules, n))
    };
    if let Some(after) = object_at(text, hit.end).filter(good) {
        // "the app Wave" / "the Swedish app Klarna", not "app Store".
        let before = text.get(..hit.start)?.to_lowercase();
        // 'the live broadcasting product "BOSS Live"': quotes name it.
        let quoted = text
            .get(hit.end..)
            .is_some_and(|t| t.starts_with(" \"") || t.starts_with(" “"));
        // "the high-end brand Casarte": up to two describing words between.
        let mut lead = before.as_str();
        for _ in 0..2 {
            let Some((rest, word)) = lead.trim_end().rsplit_once(' ') else {
                break;
            };
            let describing = word.len() > 2
                && word.chars().all(|c| c.is_lowercase() || c == '-')
                && !rules.vocab().role_function_words.has(word);
            if !describing {
                break;
            }
            lead = &before[..rest.len() + 1];
        }
        let determined = quoted
            || ["the ", "its ", "their ", "a ", "an ", "his ", "her "]
                .iter()
                .any(|d| before.ends_with(d) || lead.ends_with(d))
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
        && text.get(modifier.clone()).is_some_and(|w| {
            // "In the West the console": a determiner is no modifier.
            w.chars().all(char::is_lowercase)
                && ![
                    "the", "a", "an", "its", "their", "this", "that", "his", "her", "our",
                ]
                .contains(&w)
        })
        && let Some(before) = name_before(text, modifier.start).filter(good)
        && text.get(..before.start).is_some_and(|t| {
            let t = t.to_lowercase();
            ["the ", "its ", "their "].iter().any(|d| t.ends_with(d))
        })
    {
        return Some(before);
    }
    // "Instagram, a photo-sharing app", "eLong was an online travel
    // platform": back over a few lowercase words to the comma or the verb.
    // Read back only as far as four words reach: a long paragraph is not
    // searched from its end for every kind noun in it.
    let head = text.get(..hit.start)?;
    let window = head.floor_char_boundary(head.len().saturating_sub(80));
    let (comma, sep) = [", ", " was ", " is "]
        .iter()
        .filter_map(|sep| {
            head.get(window..)?
                .rfind(sep)
                .map(|at| (window + at, sep.len()))
        })
        .max()?;
    let between = head.get(comma + sep..)?;
    let words: Vec<&str> = between.split(' ').filter(|w| !w.is_empty()).collect();
    let article = words
        .first()
        .is_some_and(|w| ["a", "an", "the"].contains(w));
    let lowercase = words
        .iter()
        .all(|w| w.chars().all(|c| c.is_lowercase() || c == '-'));
    // "Baidu is a search engine company": the kind names a firm's trade.
    let firm_follows = word_after(text, hit.end)
        .and_then(|r| text.get(r))
        .is_some_and(|w| {
            [
                "company",
                "companies",
                "firm",
                "maker",
                "makers",
                "giant",
                "operator",
                "group",
                "business",
                "developer",
                "provider",
                "startup",
                "pioneer",
            ]
            .contains(&w)
        });
    if article && lowercase && words.len() <= 4 && !firm_follows {
        return name_ending(text, comma).filter(good);
    }
    None
}

/// Mentions read for what kind of thing a product is.
const KIND_MENTIONS: usize = 40;

/// The kind noun a text gives a product, by which it may call it later:
/// "projector" of "The Carousel slide projector", "tablet" of "the Cius, a
/// seven-inch tablet". `None` when the text gives none, or the name is
/// Chinese.
pub(super) fn kind_of(rules: &Rules, doc: &Document, product: &Product) -> Option<String> {
    if product.name.chars().any(is_cjk) {
        return None;
    }
    let is_kind = |w: &str| w.is_ascii() && rules.vocab().product_kinds.has(w);
    product.mentions.iter().take(KIND_MENTIONS).find_map(|m| {
        let text = doc.paragraph(m.paragraph());
        let after = text.get(m.range().end..)?;
        // "Carousel slide projector": the kind within two describing words.
        // "Cius, a seven-inch tablet": after an appositive's article.
        let (rest, reach) = match [", a ", ", an "].iter().find_map(|a| after.strip_prefix(a)) {
            Some(rest) => (rest, 4),
            None => (after.strip_prefix(' ')?, 3),
        };
        for written in rest.split(' ').take(reach) {
            let word = written.trim_end_matches([',', '.', ';', ':']);
            if is_kind(word) {
                return Some(word.to_owned());
            }
            // A clause's end, or a word that describes nothing, ends the look.
            let describing = word.len() == written.len()
                && !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !describing {
                return None;
            }
        }
        None
    })
}
