//! A product renamed in the text is one product: "Yahoo Pager was launched
//! in 1998 and soon renamed Yahoo Messenger", "GIF快手…更名为快手". It takes
//! its last name; the earlier ones become its aliases, and their mentions
//! tell its history.

use super::Product;
use super::text::Breaks;
use crate::document::Document;

/// What, written just before a name, says the name is a new one.
pub(super) const RENAMED: &[&str] = &[
    "renamed ",
    "renamed the ",
    "renamed as ",
    "renamed as the ",
    "renamed to ",
    "renamed to the ",
    "rebranded as ",
    "rebranded as the ",
    "rebranded ",
    "更名为",
    "改名为",
    "更名",
    "改名",
    "更名成",
    "改名成",
    // "飞信逐步升级为“和飞信”": the product goes on under a new name.
    "升级为",
];

/// What, written just before a name, says it is another name of the
/// product named before it: "the Mega Drive, known in North America as
/// the Genesis", "sold in Europe as the Kin".
const ALSO_NAMED: &[&str] = &[
    "known as ",
    "known as the ",
    "sold as ",
    "sold as the ",
    "marketed as ",
    "marketed as the ",
    "branded as ",
    "released as ",
    "released as the ",
];

/// The cue before a name at the end of `before` that makes it another
/// name of one before it: a rename, an "also known as", or a region's name
/// ("reached North America as the Genesis": " as the " after a place's
/// capitalised word).
fn naming_cue(before: &str) -> Option<&str> {
    // "更名为“滴滴打车”": the quote opening the new name is the cue's.
    let unquoted = before.trim_end_matches(['“', '「', '"', '《', '『']);
    if let Some(cue) = RENAMED
        .iter()
        .chain(ALSO_NAMED)
        .filter(|c| unquoted.ends_with(*c))
        .max_by_key(|c| c.len())
    {
        return before.get(unquoted.len() - cue.len()..);
    }
    let lead = before
        .strip_suffix(" as the ")
        .or_else(|| before.strip_suffix(" as "))?;
    let place = lead.rsplit(' ').next()?;
    let capitalised = place.starts_with(char::is_uppercase) && place.len() > 2;
    let after_in = lead
        .rsplit(' ')
        .take(4)
        .any(|w| ["in", "reached", "to"].contains(&w));
    (capitalised && after_in).then(|| &before[lead.len()..])
}

/// Whether a lifecycle cue as written is a rename ("renamed", "was
/// rebranded", "更名"): it starts the life of the new name.
pub(super) fn is_rename(cue: &str) -> bool {
    let cue = cue.to_lowercase();
    ["renamed", "rebranded", "更名", "改名"]
        .iter()
        .any(|r| cue.ends_with(r))
}

/// The mentions read for renames: a product mentioned a million times is
/// renamed, if ever, near its first mentions.
const MENTIONS_READ: usize = 200;

/// What, after a name, names the same product as a whole: "魅族21" and
/// "魅族21系列", "Nest" and "Nest app".
const SERIES: [&str; 7] = ["系列", "App", "APP", "客户端", " app", " App", " series"];

/// Pairs (short, whole) of products where one is the other and a
/// [`SERIES`] word: they are one product under the longer name. Products
/// are few beside their mentions; a sorted search keeps it cheap anyway.
fn series(products: &[Product]) -> Vec<(usize, usize)> {
    let mut names: Vec<(&str, usize)> = products
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.known)
        .map(|(i, p)| (p.name.as_str(), i))
        .collect();
    names.sort_unstable();
    let mut pairs = Vec::new();
    for &(name, i) in &names {
        // "Peloton" of "Peloton App", "Peloton Bike", "Peloton Guide": the
        // first word of several names is their firm's, not one of them.
        if super::text::opens_several(name, names.iter().map(|(n, _)| *n)) {
            continue;
        }
        for tail in SERIES {
            let whole = format!("{name}{tail}");
            if let Ok(at) = names.binary_search_by(|(n, _)| (*n).cmp(whole.as_str()))
                && let Some(&(_, j)) = names.get(at)
            {
                pairs.push((i, j));
            }
        }
    }
    pairs
}

/// Pairs (short, whole) where the short name is the initials of the whole
/// one: "AIM" of "AOL Instant Messenger".
fn initials(products: &[Product]) -> Vec<(usize, usize)> {
    let acronym = |n: &str| (2..=5).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_uppercase());
    let mut pairs = Vec::new();
    for (i, short) in products.iter().enumerate() {
        if short.known || !acronym(&short.name) {
            continue;
        }
        let whole = products.iter().position(|p| {
            let words: Vec<&str> = p.name.split(' ').collect();
            !p.known
                && words.len() == short.name.len()
                && words
                    .iter()
                    .zip(short.name.bytes())
                    .all(|(w, b)| w.as_bytes().first() == Some(&b))
        });
        if let Some(j) = whole {
            pairs.push((i, j));
        }
    }
    pairs
}

/// Merges each product whose earlier name the text gives into the one it
/// was renamed to. Unknown (generic) products only: the lexicon's names are
/// facts of their own.
pub(super) fn merge(doc: &Document, products: &mut Vec<Product>) {
    let mut pairs: Vec<(usize, usize)> = series(products);
    pairs.extend(initials(products));
    let mut breaks = Breaks::default();
    for (new, product) in products.iter().enumerate().filter(|(_, p)| !p.known) {
        for m in product.mentions.iter().take(MENTIONS_READ) {
            let text = doc.paragraph(m.paragraph());
            let before = text.get(..m.range().start).unwrap_or("");
            let Some(cue) = naming_cue(before) else {
                continue;
            };
            // "renamed to Galaxy Watch" is no rename to "Galaxy".
            let after = text.get(m.range().end..).unwrap_or("");
            if after
                .strip_prefix(' ')
                .is_some_and(|a| a.starts_with(char::is_uppercase))
            {
                continue;
            }
            breaks.find(text);
            let sentence = breaks.sentence(text, m.range().start);
            // "It … was renamed X Pro": a pronoun's product was named in
            // the paragraph before.
            let cue_start = m.range().start - cue.len();
            // The clause of the cue names what was renamed by a pronoun
            // ("although it was renamed", "它于2019年更名为").
            let lead = text.get(sentence.start..cue_start).unwrap_or("");
            let clause = lead
                .rsplit_once(", ")
                .or_else(|| lead.rsplit_once('，'))
                .map_or(lead, |(_, c)| c);
            let pronoun = clause.split(' ').any(|w| w == "it" || w == "It")
                || clause.trim_start().starts_with(['它', '其'])
                || ["该产品", "该应用", "该服务", "这款产品", "这款应用"]
                    .iter()
                    .any(|p| clause.trim_start().starts_with(p));
            let from = if pronoun { 0 } else { sentence.start };
            // The old name: the product named last before the cue.
            let old = products
                .iter()
                .enumerate()
                .filter(|(i, p)| *i != new && !p.known)
                .filter_map(|(i, p)| {
                    p.mentions
                        .iter()
                        .take(MENTIONS_READ)
                        .filter(|o| o.paragraph() == m.paragraph())
                        .map(|o| o.range())
                        .filter(|r| r.start >= from && r.end <= cue_start)
                        // "Dropbox" of "the working name Dropbox Notes" is
                        // part of another name.
                        .filter(|r| {
                            !text
                                .get(r.end..)
                                .and_then(|t| t.strip_prefix(' '))
                                .is_some_and(|t| t.starts_with(char::is_uppercase))
                        })
                        .map(|r| r.end)
                        .max()
                        .map(|end| (end, i))
                })
                .max();
            // "…acquired Hackpad… under the working name Dropbox Notes. …it
            // had been renamed Dropbox Paper": the earlier name given since
            // is what was renamed, not the product before it.
            let named_since = |end: usize| {
                text.get(end..cue_start).is_some_and(|between| {
                    ["name ", "codenamed ", "code-named "].iter().any(|w| {
                        between
                            .match_indices(w)
                            .any(|(at, _)| between[at + w.len()..].starts_with(char::is_uppercase))
                    })
                })
            };
            if let Some((end, old)) = old
                && !named_since(end)
                && !pairs.iter().any(|(o, _)| *o == old)
            {
                pairs.push((old, new));
            }
        }
    }
    // Follow chains (A → B → C) to the last name, then fold.
    let last = |mut i: usize| {
        for _ in 0..pairs.len() {
            match pairs.iter().find(|(o, _)| *o == i) {
                Some((_, n)) => i = *n,
                None => break,
            }
        }
        i
    };
    let moves: Vec<(usize, usize)> = pairs.iter().map(|(o, _)| (*o, last(*o))).collect();
    let mut taken: Vec<Option<Product>> = products.drain(..).map(Some).collect();
    for (old, new) in &moves {
        if old == new {
            continue;
        }
        let Some(from) = taken.get_mut(*old).and_then(Option::take) else {
            continue;
        };
        if let Some(Some(into)) = taken.get_mut(*new) {
            into.aliases.push(from.name.clone());
            into.aliases.extend(from.aliases);
            into.mentions.extend(from.mentions);
            into.mentions
                .sort_by_key(|m| (m.paragraph(), m.range().start));
            into.mentions
                .dedup_by_key(|m| (m.paragraph(), m.range().start));
            if into.owner.is_none() {
                into.owner = from.owner;
            }
        } else {
            // The new name is gone (it was merged already): keep the old.
            if let Some(slot) = taken.get_mut(*old) {
                *slot = Some(from);
            }
        }
    }
    products.extend(taken.into_iter().flatten());
}

#[cfg(test)]
mod tests {
    use crate::detect::detect;
    use crate::document::Document;

    #[test]
    fn another_name_for_a_region_or_a_market_is_the_same_product() {
        assert_eq!(
            super::naming_cue("reached North America as the "),
            Some(" as the ")
        );
        assert_eq!(super::naming_cue("sold in Europe as "), Some(" as "));
        assert_eq!(
            super::naming_cue("the console, known as the "),
            Some("known as the ")
        );
        // A role or a lowercase word before "as" is no market.
        assert_eq!(super::naming_cue("it served as the "), None);
        assert_eq!(super::naming_cue("Microsoft, as the "), None);
        assert_eq!(super::naming_cue("它再次改名为“"), Some("改名为“"));
    }

    fn products(text: &str) -> Vec<(String, Vec<String>, Option<String>)> {
        detect(&Document::from_text(text))
            .products
            .into_iter()
            .map(|p| (p.name, p.aliases, p.status))
            .collect()
    }

    #[test]
    fn a_renamed_product_is_one_with_its_last_name() {
        let p = products(
            "T\n\nYahoo Pager was launched on March 9, 1998 and soon renamed Yahoo Messenger. \
             Yahoo Messenger was shut down on July 17, 2018.",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "Yahoo Messenger");
        assert!(p[0].1.contains(&"Yahoo Pager".to_owned()), "{p:?}");
        assert_eq!(p[0].2.as_deref(), Some("shut down"));
        let zh = products(
            "标题\n\n2012年11月，GIF快手转型为短视频社区，2014年正式更名为快手。快手随后上线了直播。",
        );
        assert!(
            zh.iter()
                .any(|(n, a, _)| n == "快手" && a.contains(&"GIF快手".to_owned())),
            "{zh:?}"
        );
        let it = products(
            "T\n\nTweetDeck was acquired in 2011. It outlived the rest, although it was renamed X Pro in 2023.",
        );
        assert_eq!(it.len(), 1, "{it:?}");
        assert!(it[0].1.contains(&"TweetDeck".to_owned()), "{it:?}");
    }

    #[test]
    fn two_products_in_a_sentence_without_a_rename_stay_two() {
        let p = products(
            "T\n\nYahoo Pager was launched in 1998 and Yahoo Mail was launched in 1997. \
             Yahoo Mail was renamed AOL Mail.",
        );
        let names: Vec<&str> = p.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(names, vec!["Yahoo Pager", "AOL Mail"], "{p:?}");
    }

    #[test]
    fn a_series_and_its_name_are_one_product_as_is_what_this_product_became() {
        let p = products(
            "标题\n\n已经上市的魅族21系列将继续正常销售。2023年11月30日，魅族发布魅族21。\n\n\
             2016年，公司推出纳逗App。2020年4月，该产品更名为「随刻」。",
        );
        let names: Vec<&str> = p.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(names, ["魅族21系列", "随刻"], "{p:?}");
    }

    #[test]
    fn an_earlier_name_given_since_is_what_it_renames() {
        let p = products(
            "T

In 2014 Fabrikam acquired Quill, and Quill was closed in 2017. A new tool was \
             shown in 2015 under the working name Fabrikam Notes. By 2017 it had been renamed Lumen.",
        );
        let quill = p.iter().find(|(n, _, _)| n == "Quill");
        assert!(quill.is_some(), "Quill is not Lumen's earlier name: {p:?}");
        assert_eq!(quill.and_then(|q| q.2.as_deref()), Some("closed"));
    }
}
