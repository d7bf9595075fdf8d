//! Who owns a product: as a sentence says it (the subject that launched
//! it, a possessive), and where none does, as the text implies: the owner
//! most products have, else the organisation the article is about (a firm
//! it names in full and then short, or the name its sentences keep opening
//! with: "Microsoft stopped making…", "乐视则…"), as a reader assumes too,
//! but not for a product the text hands over to it.

use std::collections::HashMap;

use unicode_segmentation::UnicodeSegmentation;

use super::Product;
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
/// `heads` are the first words of the products' names: a subject that
/// also names products ("Disney" of "Disney Infinity") counts once more for
/// each.
pub(super) fn leading_organisation(
    rules: &Rules,
    doc: &Document,
    heads: &[&str],
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
    let mut counts = if chinese {
        zh_subjects(doc)
    } else {
        english_subjects(rules, doc)
    };
    for head in heads {
        if let Some(n) = counts.get_mut(*head) {
            *n += 1;
        }
    }
    counts.retain(|name, _| !is_product(name));
    // "通用" and "通用汽车": a short Chinese form of a fuller name the text
    // also opens with is that firm, under its fuller name (not "乐视" and
    // "乐视网": a name with a product's ending is the product's).
    // Sorted, the names a short one begins follow it: a range each, not a
    // scan of every name (a 100 MB article has as many subjects as lines).
    let mut names: Vec<String> = counts.keys().cloned().collect();
    names.sort_unstable();
    let product_shaped = |n: &str| {
        rules
            .zh_product_suffixes
            .iter()
            .any(|s| n.ends_with(s.as_str()))
    };
    // "中国移动提醒用户", "中国移动联合中国电信": a subject read once that
    // runs on past a name the text opens with again and again is that name
    // with the words after it.
    for short in names.iter().filter(|n| n.chars().all(is_cjk)) {
        if counts.get(short).is_none_or(|&c| c < 2) {
            continue;
        }
        let from = names.partition_point(|n| n.as_str() <= short.as_str());
        let once: Vec<&String> = names[from..]
            .iter()
            .take_while(|n| n.starts_with(short.as_str()))
            .filter(|n| counts.get(*n) == Some(&1) && !is_product(n))
            .collect();
        for longer in once {
            counts.remove(longer);
            *counts.entry(short.clone()).or_default() += 1;
        }
    }
    // The fuller name must open sentences about as often ("乐视影业", a
    // studio of 乐视's named twice, is not 乐视).
    for short in names.iter().filter(|n| n.chars().all(is_cjk)) {
        let short_times = counts.get(short).copied().unwrap_or(0);
        let from = names.partition_point(|n| n.as_str() <= short.as_str());
        let fuller = names[from..]
            .iter()
            .take_while(|n| n.starts_with(short.as_str()))
            .filter(|n| n.chars().all(is_cjk) && !product_shaped(n))
            .filter(|n| {
                counts
                    .get(*n)
                    .is_some_and(|&c| c >= 2 && c * 2 >= short_times)
            })
            .max_by_key(|n| (counts.get(*n).copied(), std::cmp::Reverse(n.len())));
        if let Some(fuller) = fuller
            && let Some(times) = counts.remove(short)
        {
            *counts.entry(fuller.clone()).or_default() += times;
        }
    }
    clear_leader(counts.into_iter(), MIN_TIMES)
}

/// The name counted most, if at least `min` times and more often than any
/// other: a tie names no one.
fn clear_leader<S: AsRef<str>>(
    counts: impl Iterator<Item = (S, usize)>,
    min: usize,
) -> Option<String> {
    let mut first: Option<(S, usize)> = None;
    let mut second = 0;
    for (name, n) in counts {
        match &first {
            Some((_, best)) if n <= *best => second = second.max(n),
            _ => {
                second = first.map_or(second, |(_, best)| second.max(best));
                first = Some((name, n));
            }
        }
    }
    let (name, n) = first?;
    (n >= min && n > second).then(|| name.as_ref().to_owned())
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
    clear_leader(counts.into_iter(), 2)
}

/// "杭州云雀网络科技有限公司（以下简称“云雀科技”）": the short names a
/// firm's full name brings in.
pub(super) fn short_firm_names(text: &str) -> Vec<String> {
    text.match_indices("简称")
        .filter_map(|(at, cue)| {
            let before = text[..at].trim_end_matches(['（', '(', '以', '下', ' ']);
            let firm = ["公司", "集团", "银行", "研究院"]
                .iter()
                .any(|e| before.ends_with(e));
            let rest = text[at + cue.len()..].trim_start_matches(['为', '：', ':']);
            let rest = rest.strip_prefix(['“', '"', '「'])?;
            let end = rest.find(['”', '"', '」'])?;
            (firm && (2..=12).contains(&rest[..end].chars().count()))
                .then(|| rest[..end].to_owned())
        })
        .collect()
}

/// Whether the text gives `org` as the product's earlier name ("Contoso
/// was renamed Altaba", "雅虎剩余的部分更名为Altaba").
pub(super) fn renamed_from(doc: &Document, product: &Product, org: &str) -> bool {
    product.mentions.iter().take(20).any(|m| {
        let before = doc
            .paragraph(m.paragraph())
            .get(..m.range().start)
            .unwrap_or("");
        let Some(cue) = super::renames::RENAMED
            .iter()
            .find(|c| before.ends_with(*c))
        else {
            return false;
        };
        let lead = &before[..before.len() - cue.len()];
        let clause_start = lead
            .rfind(['.', '。', '，', ';', '；', ','])
            .map_or(0, |at| {
                at + lead[at..].chars().next().map_or(1, char::len_utf8)
            });
        let clause = lead[clause_start..].trim();
        let subject_end = ["was", "were", "has been", "had been", "is"]
            .iter()
            .find_map(|aux| clause.strip_suffix(aux))
            .unwrap_or(clause)
            .trim_end();
        subject_end.ends_with(org) || clause.starts_with(org)
    })
}

/// Whether the outcome hands the product to `owner` ("快的并入滴滴", "sold
/// to Contoso"): then `owner` is who took it, not whose it was. One that
/// was "acquired by" the owner lives on as the owner's, and stays so.
pub(super) fn taken_over_by(outcome: &str, owner: &str) -> bool {
    const TO: [&str; 8] = [
        "并入",
        "出售给",
        "卖给",
        "转让给",
        "merged into ",
        "sold to ",
        "folded into ",
        "absorbed into ",
    ];
    outcome.match_indices(owner).any(|(at, _)| {
        let before = outcome[..at].trim_end_matches(['“', '"', ' ']);
        TO.iter().any(|t| before.ends_with(t.trim_end()))
    })
}

/// Who owns a product found by the forms, as the text says: the subject
/// that launched or sold it ("Google launched Buzz"), a possessive before
/// its name ("Amazon's Fire Phone"), or its name's first word when that
/// is an organisation ("Google Reader").
pub(super) fn owner_of(
    rules: &Rules,
    doc: &Document,
    product: &Product,
    owners: &HashMap<String, String>,
    owner_names: &[&str],
) -> Option<String> {
    let names = std::iter::once(&product.name).chain(&product.aliases);
    if let Some(owner) = names.clone().find_map(|n| owners.get(n)) {
        return Some(owner.clone());
    }
    let possessive = product.mentions.iter().take(50).find_map(|m| {
        let before = doc.paragraph(m.paragraph()).get(..m.range().start)?;
        let before = before
            .strip_suffix("'s ")
            .or_else(|| before.strip_suffix("\u{2019}s "))?;
        let start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '-'))
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        let owner = before.get(start..)?;
        owner
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
            .then(|| owner.to_owned())
    });
    possessive
        .or_else(|| {
            product
                .mentions
                .iter()
                .take(50)
                .find_map(|m| under(rules, doc, m))
        })
        .or_else(|| {
            let (first, _) = product.name.split_once(' ')?;
            (rules.is_organisation(first) || owner_names.contains(&first)).then(|| first.to_owned())
        })
}

/// The firm a Chinese text puts the product under: "赶集网旗下的“赶集好车”",
/// "中国移动发布公告称，旗下即时通讯产品“和飞信”" (the sentence's subject).
fn under(rules: &Rules, doc: &Document, mention: &super::Mention) -> Option<String> {
    const REACH: usize = 16;
    let text = doc.paragraph(mention.paragraph());
    let before = text.get(..mention.range().start)?;
    let near_from = before.char_indices().rev().nth(REACH).map_or(0, |(i, _)| i);
    let at = near_from + before.get(near_from..)?.rfind("旗下")?;
    // Only a kind between: "旗下即时通讯产品“和飞信”", not another name
    // and its verb ("陈一舟旗下的千橡互动收购了校内网").
    let between = before[at + "旗下".len()..]
        .trim_end_matches(['“', '「', '『'])
        .trim_start_matches('的');
    let kind = between.is_empty()
        || rules
            .product_kinds
            .iter()
            .any(|k| k.chars().all(is_cjk) && between.ends_with(k.as_str()));
    if !kind || between.chars().count() > 10 || between.contains(['，', '。', '；']) {
        return None;
    }
    let lead = &before[..at];
    let clause_start = lead.rfind(['，', '。', '；', '：']).map_or(0, |i| {
        i + lead[i..].chars().next().map_or(1, char::len_utf8)
    });
    // "联想将旗下的联想移动…": not the particle before 旗下.
    let named = lead[clause_start..]
        .trim()
        .trim_end_matches(['将', '把', '则', '也', '的']);
    // "…，正式发布旗下第三个品牌": a verb before 旗下 leaves the owner to a
    // clause before.
    let named = if super::role_forms::ends_with_zh_verb(named) {
        ""
    } else {
        named
    };
    if (2..=10).contains(&named.chars().count())
        && named
            .chars()
            .all(|c| is_cjk(c) || c.is_ascii_alphanumeric())
    {
        return Some(named.to_owned());
    }
    if !named.is_empty() {
        return None;
    }
    // "旗下" opening its clause: the subject of a clause before it in the
    // sentence owns it ("2022年8月，中国移动发布公告称，旗下…").
    super::product_forms_zh::clause_subjects(text, at)
        .into_iter()
        .filter(|r| r.end <= clause_start)
        .filter_map(|r| text.get(r))
        .find(|s| !s.starts_with(|c: char| c.is_ascii_digit()))
        // "腾讯拿出2.14亿美元": the name ends where an amount begins.
        .map(|s| match s.find(|c: char| c.is_ascii_digit()) {
            Some(at) if s[..at].chars().count() >= 2 => s[..at].to_owned(),
            _ => s.to_owned(),
        })
}

/// Whether `owner` is named where the product is told of: in a paragraph
/// of its mentions or a heading just before its first. A blog on several
/// firms' apps names each app's firm there; one firm's product line names
/// the firm throughout.
pub(super) fn named_near(doc: &Document, product: &Product, owner: &str) -> bool {
    const HEADING_CHARS: usize = 80;
    let first = product.mentions.first().map_or(0, |m| m.paragraph());
    let heading = first
        .checked_sub(1)
        .filter(|&p| doc.paragraph(p).chars().count() <= HEADING_CHARS);
    heading
        .into_iter()
        .chain(product.mentions.iter().take(50).map(|m| m.paragraph()))
        .any(|p| p < doc.len() && doc.paragraph(p).contains(owner))
}

/// Names followed by a verb or a possessive, counted.
fn english_subjects(rules: &Rules, doc: &Document) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    // One-word names as written, by their lowercase form.
    let mut lowered: HashMap<String, String> = HashMap::new();
    for text in doc.paragraphs().take(PARAGRAPHS_READ) {
        for name in names_in(rules, text, 0..text.len()) {
            let Some(written) = text.get(name.clone()) else {
                continue;
            };
            if is_subject(text, name.end) {
                *counts.entry(written.to_owned()).or_default() += 1;
            }
            let lower = written.to_lowercase();
            if !written.contains(' ') && lower != written {
                lowered.entry(lower).or_insert_with(|| written.to_owned());
            }
        }
    }
    // Machine translation often writes the firm in lower case after the
    // title has it capitalised ("Tencent company …: tencent has launched"):
    // those are its subjects too. One pass over the words, whatever the
    // number of names.
    if !lowered.is_empty() {
        for text in doc.paragraphs().take(PARAGRAPHS_READ) {
            for (at, word) in text.split_word_bound_indices() {
                if let Some(name) = lowered.get(word)
                    && is_subject(text, at + word.len())
                {
                    *counts.entry(name.clone()).or_default() += 1;
                }
            }
        }
    }
    counts
}

/// Whether the name ending at `end` of `text` is a subject or an owner:
/// "Contoso's", "Contoso was", "Contoso quietly killed".
fn is_subject(text: &str, end: usize) -> bool {
    let after = text.get(end..).unwrap_or("");
    after.starts_with("'s ")
        || after.starts_with("\u{2019}s ")
        || verb_follows(text, end)
        || past_verb_follows(after)
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
        leading_organisation(&Rules::bundled(), &doc, &[], |n| products.contains(&n))
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
    fn a_firm_machine_translation_writes_in_lower_case() {
        let text = "the products of Contoso company\n\n\
            contoso is a big company. in 2005 contoso has launched Zune, and contoso obtained shares.";
        assert_eq!(leading(text, &["Zune"]), Some("Contoso".to_owned()));
        // Not inside another word, and not without the capitalised form.
        let text = "T\n\nmycontoso is here. mycontoso was there. mycontoso has it.";
        assert_eq!(leading(text, &[]), None);
    }

    #[test]
    fn a_subject_the_products_are_named_after_leads() {
        let text = "T\n\nFabrikam has launched many things. Fabrikam discontinued it. Lumen grew.";
        let doc = Document::from_text(text);
        let lead = |heads: &[&str]| leading_organisation(&Rules::bundled(), &doc, heads, |_| false);
        assert_eq!(lead(&[]), None, "not the subject often enough");
        assert_eq!(lead(&["Fabrikam", "Fabrikam"]), Some("Fabrikam".to_owned()));
        // A brand never a subject ("Galaxy Note", "Galaxy Watch") gains nothing.
        assert_eq!(lead(&["Galaxy", "Galaxy"]), None);
    }

    #[test]
    fn a_short_chinese_form_counts_for_the_fuller_name() {
        let text = "通用汽车停止资助\n\n通用汽车于2016年收购Cruise。2009年，通用宣布出售悍马。\
            通用汽车在声明中表示调整。2010年，通用完成出售。通用汽车申请破产。通用早在2000年控股。";
        assert_eq!(leading(text, &[]), Some("通用汽车".to_owned()));
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
    fn an_owner_that_took_the_product_over_is_not_its_maker() {
        assert!(taken_over_by("快的并入滴滴，", "滴滴"));
        assert!(taken_over_by("优步中国出售给滴滴", "滴滴"));
        assert!(taken_over_by("In 2014 Kin was sold to Contoso.", "Contoso"));
        assert!(!taken_over_by("Contoso sold Kin to Fabrikam.", "Contoso"));
        assert!(!taken_over_by("滴滴宣布下线顺风车", "滴滴"));
    }

    #[test]
    fn a_firm_s_full_name_brings_in_its_short_one() {
        assert_eq!(
            short_firm_names("杭州云雀网络科技有限公司（以下简称“云雀科技”）发布公告"),
            ["云雀科技"]
        );
        assert!(short_firm_names("该应用简称“小灯塔”").is_empty());
    }

    #[test]
    fn an_implied_owner_is_named_where_the_product_is_told_of() {
        let doc = Document::from_text(
            "T\n\nMailbox, an email app with a swipe to archive every message, was bought by Dropbox. It closed.\n\n\
             Path, a small social network for close friends only, was sold in 2015.\n\n\
             Zune\n\nThe Zune was discontinued.",
        );
        let products = crate::detect::detect(&doc).products;
        let of = |name: &str| products.iter().find(|p| p.name == name).expect(name);
        assert!(named_near(&doc, of("Mailbox"), "Dropbox"));
        assert!(!named_near(&doc, of("Path"), "Dropbox"));
        // A heading just before counts: "Zune" heads its paragraph.
        assert!(named_near(&doc, of("Zune"), "Zune"));
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

    #[test]
    fn a_subject_read_once_past_a_name_the_text_keeps_opening_with_is_that_name() {
        let text = "飞信的故事

中国移动发布公告。飞信于2007年上线。飞信很受欢迎。

            飞信后来停止服务。飞信很受欢迎。中国移动推出了飞聊。中国移动提醒用户。中国移动方面尚未就此回应。";
        assert_eq!(leading(text, &["飞信"]), Some("中国移动".to_owned()));
    }

    #[test]
    fn a_firm_puts_a_product_under_it() {
        let owner = |text: &str, name: &str| {
            let doc = Document::from_text(&format!("T\n\n{text}"));
            let at = text.find(name).expect("present");
            let product = Product {
                name: name.to_owned(),
                mentions: super::super::Mention::new(1, at..at + name.len())
                    .into_iter()
                    .collect(),
                ..Product::default()
            };
            owner_of(&Rules::bundled(), &doc, &product, &HashMap::new(), &[])
        };
        assert_eq!(
            owner(
                "2022年8月，中国移动发布公告称，旗下即时通讯产品“和飞信”将停止服务。",
                "和飞信"
            )
            .as_deref(),
            Some("中国移动")
        );
        assert_eq!(
            owner("赶集网旗下的“赶集好车”于2014年上线。", "赶集好车").as_deref(),
            Some("赶集网")
        );
        assert_eq!(
            owner("联想将旗下的联想移动出售。", "联想移动").as_deref(),
            Some("联想")
        );
        assert_eq!(
            owner("陈一舟旗下的千橡互动收购了校内网。", "校内网"),
            None,
            "another name and its verb stand between"
        );
        // A verb before 旗下 is no owner: the clause before names it.
        assert_eq!(
            owner(
                "当晚，蔚来在上海举办活动，正式发布旗下第三个品牌「萤火虫」。",
                "萤火虫"
            )
            .as_deref(),
            Some("蔚来")
        );
    }
}
