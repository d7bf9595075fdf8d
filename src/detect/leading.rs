//! Owners the text implies: the owner most products have, else the
//! organisation the article is about, the name its sentences keep opening
//! with ("Microsoft stopped making…", "Microsoft's role as…", "乐视则…").
//! Either owns the products the text tells of without naming their owner
//! beside them, as a reader assumes too.

use std::collections::HashMap;

use super::actors::{names_in, verb_follows, zh_subjects};
use super::rules::Rules;
use crate::document::Document;
use crate::repair::is_cjk;

/// Paragraphs read: an article names what it is about early, and a
/// 100 MB file is not read through once more for it.
const PARAGRAPHS_READ: usize = 400;

/// The name most often a subject (or an owner, "X's"), if it is one at
/// least `MIN_TIMES` times and more often than any other. `is_product`
/// says which names are products, never the organisation.
pub(super) fn leading_organisation(
    rules: &Rules,
    doc: &Document,
    is_product: impl Fn(&str) -> bool,
) -> Option<String> {
    const MIN_TIMES: usize = 3;
    let chinese = doc
        .paragraphs()
        .take(20)
        .flat_map(|p| p.chars().take(200))
        .filter(|c| is_cjk(*c))
        .count()
        > 40;
    let counts = if chinese {
        zh_subjects(doc)
    } else {
        english_subjects(rules, doc)
    };
    let mut ranked: Vec<(String, usize)> = counts
        .into_iter()
        .filter(|(name, _)| !is_product(name))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    match ranked.as_slice() {
        [(name, n), rest @ ..] if *n >= MIN_TIMES && rest.first().is_none_or(|r| r.1 < *n) => {
            Some(name.clone())
        }
        _ => None,
    }
}

/// The owner most products found have, when at least two agree and no
/// other owner is as common: an article telling one company's product line
/// names the company once or twice and then the products alone ("Zune was
/// discontinued in 2012"), and those are the company's too.
pub(super) fn usual_owner(owned: &[Option<String>]) -> Option<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for owner in owned.iter().flatten() {
        *counts.entry(owner.as_str()).or_default() += 1;
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    match ranked.as_slice() {
        [(first, n), rest @ ..] if *n >= 2 && rest.first().is_none_or(|r| r.1 < *n) => {
            Some((*first).to_owned())
        }
        _ => None,
    }
}

/// Names followed by a verb or a possessive, counted.
fn english_subjects(rules: &Rules, doc: &Document) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for text in doc.paragraphs().take(PARAGRAPHS_READ) {
        for name in names_in(rules, text, 0..text.len()) {
            let after = text.get(name.end..).unwrap_or("");
            let owns = after.starts_with("'s ") || after.starts_with("\u{2019}s ");
            if (owns || verb_follows(text, name.end) || past_verb_follows(after))
                && let Some(name) = text.get(name)
            {
                *counts.entry(name.to_owned()).or_default() += 1;
            }
        }
    }
    counts
}

/// "Contoso stopped…", "Contoso quietly killed…": a past tense after the
/// name, perhaps after an adverb in -ly.
fn past_verb_follows(after: &str) -> bool {
    let mut words = after
        .strip_prefix(' ')
        .unwrap_or("")
        .split([' ', ',', '.'])
        .take(2);
    let is_past =
        |w: &str| w.len() > 3 && w.ends_with("ed") && w.bytes().all(|b| b.is_ascii_lowercase());
    match words.next() {
        Some(w) if w.ends_with("ly") && w.bytes().all(|b| b.is_ascii_lowercase()) => {
            words.next().is_some_and(is_past)
        }
        Some(w) => is_past(w),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leading(text: &str, products: &[&str]) -> Option<String> {
        let doc = Document::from_text(text);
        leading_organisation(&Rules::bundled(), &doc, |n| products.contains(&n))
    }

    #[test]
    fn the_subject_an_english_article_keeps_returning_to() {
        let text = "Zune and the limits of a platform company\n\n\
            For most of its history Contoso has sold software. Contoso's role as licensor paid well.\n\n\
            The Zune went on sale in 2006, and in 2011 Contoso stopped making the players. \
            Fabrikam said the player was late. The Zune was discontinued.";
        assert_eq!(leading(text, &["Zune"]), Some("Contoso".to_owned()));
        // A product is never the owner, however often it is the subject.
        assert_eq!(leading(text, &["Zune", "Contoso"]), None);
    }

    #[test]
    fn a_name_met_once_or_twice_is_not_what_the_article_is_about() {
        let text = "Contoso launched the app in 2010. Fabrikam bought it in 2012.\n\n\
            The app was closed in 2014.";
        assert_eq!(leading(text, &[]), None);
    }

    #[test]
    fn the_owner_most_products_have_when_two_agree() {
        let owned = |names: &[Option<&str>]| {
            let names: Vec<Option<String>> = names.iter().map(|n| n.map(str::to_owned)).collect();
            usual_owner(&names)
        };
        assert_eq!(
            owned(&[Some("Contoso"), None, Some("Contoso"), Some("Fabrikam")]),
            Some("Contoso".to_owned())
        );
        assert_eq!(owned(&[Some("Contoso"), None]), None);
        assert_eq!(owned(&[Some("A"), Some("B"), Some("A"), Some("B")]), None);
    }

    #[test]
    fn a_tie_names_no_one() {
        let text = "Contoso said so. Fabrikam said so. Contoso was late. \
            Fabrikam was early. Contoso has lost. Fabrikam has won.";
        assert_eq!(leading(text, &[]), None);
    }

    #[test]
    fn the_subject_a_chinese_article_keeps_opening_with() {
        let text = "乐视的起落\n\n乐视在2004年成立，乐视随后推出了超级电视。\n\n\
            乐视则在2015年发布了手机。超级电视于2019年停产。乐视最终退出了市场。";
        assert_eq!(leading(text, &["超级电视"]), Some("乐视".to_owned()));
    }
}
