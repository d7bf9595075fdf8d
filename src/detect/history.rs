//! A product's history as the text tells it: when it started, what became
//! of it and when. Each clause naming the product is read for lifecycle
//! cues; a cue belongs to the product named nearest before it in the clause
//! (its subject), else the first named after it (its object), so "Wave was
//! retired and Buzz launched" dates Buzz's start, not Wave's.

use std::ops::Range;

use super::rules::{Hit, Pattern, Rules};
use super::text::Breaks;
use super::{IsoDate, Product, dates};
use crate::document::Document;

/// Mentions read per product: enough for any article's story, bounded for
/// a 100 MB one whose products have hundreds of thousands.
const MENTIONS_READ: usize = 400;

/// What the text says of one product's life.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct History {
    /// The clause that tells what became of it.
    pub outcome: Option<String>,
    /// The cue of that clause, as a short label: "shut down", "sold".
    pub status: Option<String>,
    pub start: Option<IsoDate>,
    pub end: Option<IsoDate>,
}

/// How many sentences after a mention are read for "it".
const PRONOUN_REACH: usize = 3;

/// Whether a sentence speaks of the product last named by a pronoun
/// subject: "It was retired", "…, it still sells", "…，它仍然被销售".
fn about_it(sentence: &str) -> bool {
    let opens = ["It ", "it ", "Its ", "它", "其", "该产品", "该服务"]
        .iter()
        .any(|p| sentence.starts_with(p));
    // "The robot dog was discontinued": a description in place of the name.
    let described = sentence
        .strip_prefix("The ")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_lowercase()));
    // "Fabrikam discontinued it in May 2016": "it" as the object.
    let object = [
        " it in ", " it on ", " it at ", " it to ", " it off", " it down", " it.",
    ]
    .iter()
    .any(|p| sentence.contains(p));
    opens
        || described
        || object
        || [", it ", "; it ", " it was ", " it got ", "，它", "，其"]
            .iter()
            .any(|p| sentence.contains(p))
}

/// Whether the cue at `cue` is denied: "was not sold", "never shut down",
/// "并非放弃", "没有关闭".
fn denied(text: &str, cue: &Range<usize>) -> bool {
    // "并没有被关闭": the passive's mark stands between.
    let lead = text
        .get(..cue.start)
        .map(|t| t.strip_suffix('被').unwrap_or(t));
    lead.is_some_and(|t| {
        [
            "not ", "never ", "n't ", "并非", "不是", "没有", "并未", "未", "不会", "从未",
        ]
        .iter()
        .any(|n| t.ends_with(n))
    })
}

/// Whether a list item speaks of the product before it: "- It was
/// transferred…", not "4. nüvifone — quietly disappeared".
fn about_it_item(item: &str) -> bool {
    let item = item.trim_start();
    about_it(super::text::list_item_body(item).unwrap_or(item))
}

/// How many clauses after a mention are read for the product's noun.
const NOUN_REACH: usize = 6;

/// The noun a product's name ends in, by which a text may call it: "phone"
/// of "Fire Phone", "band" of "Halo band". `None` for a one-word name.
fn head_noun(name: &str) -> Option<String> {
    let (_, last) = name.rsplit_once(' ')?;
    (last.len() >= 3 && last.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| last.to_ascii_lowercase())
}

/// Nouns for any product, by which a text calls the one it has just
/// named: "Cisco decided to discontinue the device".
const GENERIC_NOUNS: [&str; 5] = ["device", "product", "system", "service", "machine"];

/// The noun by which a text may call a product: the kind it gives it
/// ("the Cius, a seven-inch tablet"), else the noun its name ends in.
fn noun_of(rules: &Rules, doc: &Document, product: &Product) -> Option<String> {
    super::kind_forms::kind_of(rules, doc, product).or_else(|| head_noun(&product.name))
}

/// Where a sentence calls the product by its noun: "the phone had been
/// discontinued", "The buttons were withdrawn", "to discontinue the device;".
fn by_its_noun(sentence: &str, noun: &str) -> Option<Range<usize>> {
    let ends_word = |at: usize| {
        sentence
            .get(at..)
            .is_some_and(|t| !t.starts_with(|c: char| c.is_alphanumeric() || c == '-'))
    };
    let mut from = 0;
    while let Some(found) = sentence.get(from..)?.find(noun) {
        let at = from + found;
        from = at + noun.len();
        let lead = sentence.get(..at).unwrap_or("");
        if !(lead.ends_with(" the ") || lead == "the " || lead == "The ") {
            continue;
        }
        let end = at + noun.len();
        let end = if sentence.get(end..).is_some_and(|t| t.starts_with('s')) {
            end + 1
        } else {
            end
        };
        if ends_word(end) && end < sentence.len() {
            return Some(at - 4..end);
        }
    }
    None
}

/// The label of a cue: "was sold to" → "sold", "shutdown" → "shut down".
fn label(cue: &str) -> String {
    let lower = cue.to_lowercase();
    let mut s = lower.as_str();
    for lead in ["was ", "were "] {
        s = s.strip_prefix(lead).unwrap_or(s);
    }
    for tail in [
        " to",
        " by",
        " into",
        " in",
        " on",
        " its",
        " after",
        " for good",
        " off",
    ] {
        if ![
            "sold off",
            "switched off",
            "killed off",
            "spun off",
            "spins off",
            "never caught on",
            "failed to catch on",
        ]
        .contains(&s)
        {
            s = s.strip_suffix(tail).unwrap_or(s);
        }
    }
    // "sold it to" → "sold", "selling it to" → "sold".
    s = s
        .strip_suffix(" it")
        .or_else(|| s.strip_suffix(" them"))
        .unwrap_or(s);
    match s {
        "selling" | "sell" => "sold".to_owned(),
        "shutdown" | "shuts down" | "shutting down" => "shut down".to_owned(),
        "closed down" | "closes down" => "closed".to_owned(),
        other => other.to_owned(),
    }
}

/// The date of a cue at `cue` in `clause` of `text`: the first after it
/// ("shut down in March 2019"), else the last before it ("In 2013, …
/// was retired").
fn date_in(text: &str, clause: &Range<usize>, cue: &Range<usize>) -> Option<IsoDate> {
    let mut found = Vec::new();
    dates::scan(text.get(clause.clone())?, 0, &mut found);
    let at = cue.end.saturating_sub(clause.start);
    let before = cue.start.saturating_sub(clause.start);
    found
        .iter()
        .find(|d| d.range.start >= at)
        .or_else(|| found.iter().rev().find(|d| d.range.end <= before))
        .map(|d| d.date)
}

/// The history of `products[index]`, read from the clauses of its mentions.
pub(super) fn history(
    rules: &Rules,
    doc: &Document,
    products: &[Product],
    firm: &[bool],
    index: usize,
) -> History {
    let Some(product) = products.get(index) else {
        return History::default();
    };
    let products = &Catalogue { products, firm };
    let matcher = rules.matcher();
    let head_noun = noun_of(rules, doc, product);
    let mut hits: Vec<Hit> = Vec::new();
    let mut breaks = Breaks::default();
    let mut last_paragraph = None;
    let mut seen_clauses: Vec<(usize, Range<usize>)> = Vec::new();
    let mut strong: Option<(String, String, Option<IsoDate>)> = None;
    let mut weak: Option<(String, String)> = None;
    let mut start: Option<IsoDate> = None;
    // The clause telling how it started: what became of a product the text
    // tells no more of ("Coins launched in 2013" and nothing after).
    let mut launch: Option<(String, String)> = None;
    for (p, at) in places(doc, product, head_noun.as_deref()) {
        let text = doc.paragraph(p);
        if last_paragraph != Some(p) {
            breaks.find(text);
            last_paragraph = Some(p);
        }
        let clause = breaks.clause(text, at);
        if seen_clauses.iter().any(|(q, c)| *q == p && *c == clause) {
            continue;
        }
        seen_clauses.push((p, clause.clone()));
        let mut owned = cues_with(&matcher, &mut hits, text, &clause, products, index, p, None);
        // A rename starts the life of the new name ("later renamed Kodak
        // Gallery"): what became of it may follow too.
        let only_start = owned.iter().all(|(pattern, cue, _)| {
            *pattern == Pattern::Start
                || text.get(cue.clone()).is_some_and(super::renames::is_rename)
        });
        // A table row is a record of its own: the next row is another's.
        let row = text
            .get(clause.clone())
            .is_some_and(|c| c.trim_start().starts_with('│'));
        // So is a list item: "3. nüvi — rebranded as DriveSmart" does not
        // go on in "4. nüvifone — quietly disappeared".
        let next_item = |next: &Range<usize>| super::text::opens_list_item(text, next.start);
        if only_start
            && !row
            && let Some(next) = breaks.next_clause(text, clause.end)
            && (!next_item(&next) || text.get(next.clone()).is_some_and(about_it_item))
            && products.names_in(p, &next).is_empty()
        {
            // "Reader grew; it was eventually shut down", "Gold: launched in
            // 2016, a paid tier. Still offered.": the clause after, naming
            // no product, goes on about this one.
            let more = cues_with(&matcher, &mut hits, text, &next, products, index, p, None);
            let had_cues = !owned.is_empty();
            owned.extend(
                more.into_iter()
                    .filter(|(pattern, _, _)| !had_cues || *pattern != Pattern::Start)
                    .map(|(pattern, cue, _)| (pattern, cue, next.clone())),
            );
        }
        // "Creative Cloud 是在2012年5月被推出的。…，它仍然被销售": sentences
        // after, naming no product, that speak of "it", tell its fate; so
        // do those a little further that call it by its noun ("the phone"
        // of the Fire Phone).
        let mut at = clause.end;
        for step in 0..if row { 0 } else { NOUN_REACH } {
            let Some(next) = breaks.next_clause(text, at) else {
                break;
            };
            if next.end <= at {
                break;
            }
            let sentence = text.get(next.clone()).unwrap_or("");
            // "the phone" stands for the name where it is written, even
            // beside other products' names.
            let noun_at = head_noun
                .as_deref()
                .and_then(|n| by_its_noun(sentence, n))
                .or_else(|| GENERIC_NOUNS.iter().find_map(|g| by_its_noun(sentence, g)))
                .map(|r| (next.start + r.start, next.start + r.end, index));
            if noun_at.is_none() && !products.names_in(p, &next).is_empty() {
                break;
            }
            at = next.end;
            let read_above = step == 0 && only_start;
            let speaks = (step < PRONOUN_REACH && about_it(sentence)) || noun_at.is_some();
            if read_above || !speaks {
                continue;
            }
            let more = cues_with(
                &matcher, &mut hits, text, &next, products, index, p, noun_at,
            );
            owned.extend(
                more.into_iter()
                    .filter(|(pattern, _, _)| *pattern != Pattern::Start)
                    .map(|(pattern, cue, _)| (pattern, cue, next.clone())),
            );
        }
        let ends: Vec<Range<usize>> = owned
            .iter()
            .filter(|(pattern, _, _)| *pattern == Pattern::End)
            .map(|(_, _, clause)| clause.clone())
            .collect();
        let ends_in = |clause: &Range<usize>| ends.iter().filter(|c| *c == clause).count();
        for (pattern, cue, clause) in owned {
            let clause_text = tidy_end(text.get(clause.clone()).unwrap_or(""));
            let cue_text = text.get(cue.clone()).unwrap_or("");
            match pattern {
                Pattern::Start => {
                    if start.is_none() {
                        start = date_in(text, &clause, &cue);
                    }
                    if launch.is_none() {
                        launch = Some((clause_text.to_owned(), label(cue_text)));
                    }
                }
                // "closed in 2019, having already been shut in London":
                // what had already happened is not what became of it, when
                // the clause tells what did.
                Pattern::End
                    if ends_in(&clause) > 1
                        && text.get(..cue.start).is_some_and(|t| {
                            t.ends_with("already been ") || t.ends_with("already ")
                        }) => {}
                // "AOL bought Netscape in a deal that closed in March 1999":
                // the deal closed, not the product.
                Pattern::End if deal_closed(text, &cue) || pointed_back(text, &cue) => {}
                // "此次调整“并非放弃手机业务”", "was not sold": what did not
                // happen is no fate.
                Pattern::End | Pattern::Fate if denied(text, &cue) => {}
                // "The hardware may be retired": what may happen has not.
                Pattern::End
                    if text.get(..cue.start).is_some_and(|t| {
                        [
                            "may be ",
                            "might be ",
                            "could be ",
                            "may ",
                            "might ",
                            "could ",
                        ]
                        .iter()
                        .any(|m| t.ends_with(m))
                    }) => {}
                // "即将停止服务的和飞信" after "将于2022年9月28日正式停止服务":
                // the same fate told again is a reminder, not a new one,
                // unless the first telling had no date.
                Pattern::End
                    if strong.as_ref().is_some_and(|(_, status, end)| {
                        *status == label(cue_text) && end.is_some()
                    }) => {}
                Pattern::End => {
                    let end = date_in(text, &clause, &cue);
                    strong = Some((clause_text.to_owned(), label(cue_text), end));
                }
                _ => {
                    if weak.is_none() {
                        weak = Some((clause_text.to_owned(), label(cue_text)));
                    }
                }
            }
        }
    }
    match (strong, weak) {
        (Some((outcome, status, end)), _) => History {
            outcome: Some(outcome),
            status: Some(status),
            start,
            end,
        },
        (None, Some((outcome, status))) => History {
            outcome: Some(outcome),
            status: Some(status),
            start,
            end: None,
        },
        (None, None) => History {
            outcome: launch.as_ref().map(|(clause, _)| clause.clone()),
            status: launch.map(|(_, label)| label),
            start,
            end: None,
        },
    }
}

/// Paragraphs read after a heading that names the product.
const SECTION_PARAGRAPHS: usize = 4;

/// Paragraphs read after a mention for the product's noun ("the cassette").
const NOUN_PARAGRAPHS: usize = 2;

/// Where the text speaks of the product, in order: its mentions, and
/// under a heading that is its name ("Winamp"), each "it" of the section's
/// paragraphs ("It first showed up in 1997", "AOL bought it"), up to the
/// next heading.
fn places(doc: &Document, product: &Product, noun: Option<&str>) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for m in product.mentions.iter().take(MENTIONS_READ) {
        let p = m.paragraph();
        out.push((p, m.range().start));
        // "The Compact Cassette was introduced in 1963." … "The cassette was
        // never formally retired.": its noun in the next paragraphs too.
        if let Some(noun) = noun {
            for q in p + 1..(p + 1 + NOUN_PARAGRAPHS).min(doc.len()) {
                if let Some(at) = by_its_noun(doc.paragraph(q), noun) {
                    out.push((q, at.start));
                }
            }
        }
        let heading = doc.paragraph(p).trim();
        if heading.len() != m.range().len() {
            continue;
        }
        for q in p + 1..(p + 1 + SECTION_PARAGRAPHS).min(doc.len()) {
            let text = doc.paragraph(q);
            if super::sections::paragraph_is_heading(doc, text) {
                break;
            }
            for (at, _) in text.match_indices("It ").chain(text.match_indices(" it ")) {
                out.push((q, at));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The lifecycle cues of `clause` in paragraph `paragraph` (text `text`)
/// that belong to `products[index]`: (kind, cue range, clause), with
/// `described` (start, end, index), if any, read as one more name in the
/// clause: a description standing for the product.
#[expect(
    clippy::too_many_arguments,
    reason = "the clause, the catalogue, and a description"
)]
fn cues_with(
    matcher: &super::rules::Matcher,
    hits: &mut Vec<Hit>,
    text: &str,
    clause: &Range<usize>,
    products: &Catalogue,
    index: usize,
    paragraph: usize,
    described: Option<(usize, usize, usize)>,
) -> Vec<(Pattern, Range<usize>, Range<usize>)> {
    let Some(clause_text) = text.get(clause.clone()) else {
        return Vec::new();
    };
    matcher.hits(clause_text, hits);
    let mut named = products.names_in(paragraph, clause);
    if let Some(d) = described {
        named.push(d);
        named.sort_unstable();
    }
    hits.iter()
        .filter(|h| matches!(h.pattern, Pattern::Start | Pattern::End | Pattern::Fate))
        .map(|h| (h.pattern, clause.start + h.start..clause.start + h.end))
        .filter(|(_, cue)| !bare_sale(text, cue) && !making_no_thing(text, cue))
        .filter(|(_, cue)| {
            (named.is_empty() && !said_of_another(text, clause, cue, products, index, paragraph))
                || owner_of(text, &named, cue) == Some(index)
                || listed_subject(text, &named, cue, index)
        })
        .map(|(pattern, cue)| {
            let part = own_part(&named, index, &cue, clause);
            (pattern, cue, part)
        })
        .collect()
}

/// What opens a clause with a subject of its own: "Dropbox announced
/// that the app would close".
const THAT_CLAUSE: [&str; 4] = [" that the ", " that it ", " that its ", " that this "];

/// Whether the cue at `cue` is told of another subject after the product
/// named in its clause: "In December 2015 Dropbox announced that the app
/// would close", where Dropbox, a firm as much as a product, is not among
/// the clause's products.
fn said_of_another(
    text: &str,
    clause: &Range<usize>,
    cue: &Range<usize>,
    products: &Catalogue,
    index: usize,
    paragraph: usize,
) -> bool {
    let lead = text.get(clause.start..cue.start).unwrap_or("");
    let Some(that) = THAT_CLAUSE.iter().filter_map(|t| lead.rfind(t)).max() else {
        return false;
    };
    let that = clause.start + that;
    products.products.get(index).is_some_and(|p| {
        p.mentions.iter().any(|m| {
            m.paragraph() == paragraph && m.range().start >= clause.start && m.range().end <= that
        })
    })
}

/// Whether the cue at `cue` is "sold" without a buyer: "it sold poorly",
/// "sold in the millions" tell of sales, not of a sale ("sold Vudu to
/// Fandango" does).
pub(super) fn bare_sale(text: &str, cue: &Range<usize>) -> bool {
    // Case-blind without a copy: this runs for every lifecycle cue.
    let written = text.get(cue.clone()).unwrap_or("");
    let tail = written
        .len()
        .checked_sub(7)
        .and_then(|at| written.get(at..));
    if tail.is_some_and(|t| t.eq_ignore_ascii_case("sold to")) {
        return !to_a_buyer(text.get(cue.end..).unwrap_or(""));
    }
    if !written.eq_ignore_ascii_case("sold") {
        return false;
    }
    let after = text.get(cue.end..).unwrap_or("");
    let clause_end = after.find(['.', ',', ';']).unwrap_or(after.len());
    let words: Vec<&str> = after[..clause_end].split_whitespace().take(5).collect();
    !words.iter().skip(1).any(|w| *w == "to")
}

/// Whether "stopped making" at `cue` makes no product: "the idea stopped
/// making sense", "the unit stopped making money".
fn making_no_thing(text: &str, cue: &Range<usize>) -> bool {
    let after = text.get(cue.end..).unwrap_or("");
    text.get(cue.clone())
        .is_some_and(|c| c.ends_with(" making"))
        && [" sense", " money", " a profit"]
            .iter()
            .any(|w| after.starts_with(w))
}

/// Whether the cue at `cue` is a noun pointing back at a deal told
/// before: "通过这一次收购，该公司获得了…MySQL" tells how it was got.
fn pointed_back(text: &str, cue: &Range<usize>) -> bool {
    text.get(..cue.start).is_some_and(|t| {
        ["这一次", "这次", "此次", "这笔", "该笔", "这项"]
            .iter()
            .any(|d| t.ends_with(d))
    })
}

/// Whether the cue at `cue` ends a deal, not a product: "in a deal that
/// closed in March 1999", "the acquisition, which closed in 2020".
fn deal_closed(text: &str, cue: &Range<usize>) -> bool {
    const DEALS: [&str; 7] = [
        "deal",
        "transaction",
        "acquisition",
        "merger",
        "sale",
        "purchase",
        "agreement",
    ];
    let lead = text.get(..cue.start).unwrap_or("").trim_end();
    let lead = lead
        .strip_suffix(" that")
        .or_else(|| lead.strip_suffix(" which"))
        .map(|l| l.trim_end_matches(','));
    lead.and_then(|l| l.rsplit(' ').next())
        .is_some_and(|w| DEALS.contains(&w))
}

/// Whether what follows "sold to" is a buyer of the product, not its
/// customers: a name ("sold to Fandango", "to SmugMug"), a firm ("to the
/// private-equity firm Apollo", "to a Chinese consortium"), not "to the
/// same IT managers" or "to the government as the fleet car".
fn to_a_buyer(after: &str) -> bool {
    const FIRMS: [&str; 16] = [
        "company",
        "firm",
        "group",
        "consortium",
        "investor",
        "investors",
        "fund",
        "buyer",
        "rival",
        "maker",
        "operator",
        "owner",
        "startup",
        "publisher",
        "partner",
        "holding",
    ];
    // The noun phrase after "to", up to punctuation or a word that ends it;
    // its last word is its head.
    let phrase = after.split([',', '.', ';', ':', '(']).next().unwrap_or("");
    let head = phrase
        .split_whitespace()
        .take_while(|w| !["as", "for", "in", "on", "at", "and", "who", "which", "that"].contains(w))
        .take(6)
        .last()
        .unwrap_or("");
    head.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || FIRMS.contains(&head)
}

/// The part of `clause` about product `index` for its cue at `cue`: from
/// its name when another product is named before it, to the next other
/// product named after the cue ("Picasa was retired, and Google Play Music
/// was merged…" → "Picasa was retired" and "Google Play Music was
/// merged…"); else the whole clause.
fn own_part(
    named: &[(usize, usize, usize)],
    index: usize,
    cue: &Range<usize>,
    clause: &Range<usize>,
) -> Range<usize> {
    let subject = named
        .iter()
        .rev()
        .find(|(start, _, i)| *i == index && *start <= cue.start);
    let start = match subject {
        Some(&(start, _, _)) if named.iter().any(|(_, end, i)| *i != index && *end <= start) => {
            start
        }
        _ => clause.start,
    };
    let end = named
        .iter()
        .find(|(s, _, i)| *i != index && *s >= cue.end)
        .map_or(clause.end, |(s, _, _)| *s);
    start..end.max(start)
}

/// A part cut before another product's name, without the joint it leaves:
/// "Picasa was retired in 2016, and" → "Picasa was retired in 2016".
fn tidy_end(part: &str) -> &str {
    let mut s = part.trim_end();
    for joint in [" and", " while", " but", " whereas", "以及", "而", "和"] {
        s = s.strip_suffix(joint).unwrap_or(s);
    }
    s.trim_end_matches([',', ';', '，', '；', '、', ' '])
}

/// The products, and which of them are firms more than products: the
/// first word of other names ("Disney" of "Disney Infinity"), which a
/// sentence naming does not turn from the product before ("Disney
/// discontinued it").
struct Catalogue<'a> {
    products: &'a [Product],
    firm: &'a [bool],
}

impl Catalogue<'_> {
    /// Which products are named where in `clause` of paragraph
    /// `paragraph`: (start, end, product index), in text order.
    fn names_in(&self, paragraph: usize, clause: &Range<usize>) -> Vec<(usize, usize, usize)> {
        names_in(self.products, self.firm, paragraph, clause)
    }
}

fn names_in(
    products: &[Product],
    firm: &[bool],
    paragraph: usize,
    clause: &Range<usize>,
) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for (i, p) in products.iter().enumerate() {
        if firm.get(i).copied().unwrap_or(false) {
            continue;
        }
        let from = p.mentions.partition_point(|m| m.paragraph() < paragraph);
        for m in p.mentions.get(from..).unwrap_or(&[]) {
            if m.paragraph() != paragraph {
                break;
            }
            let r = m.range();
            if clause.start <= r.start && r.end <= clause.end {
                out.push((r.start, r.end, i));
            }
        }
    }
    out.sort_unstable();
    out
}

/// Whether product `index` is one of a list of subjects that share the
/// verb at `cue`: "the Clean Master, the Battery Doctor and the other
/// apps were removed", "飞信和飞聊都已停止服务". A list has "and" in it;
/// "The TouchPad, HP's tablet, was" is an aside, not a list.
fn listed_subject(
    text: &str,
    named: &[(usize, usize, usize)],
    cue: &Range<usize>,
    index: usize,
) -> bool {
    const JOINTS: [&str; 10] = [
        ", ",
        ", the ",
        " and ",
        " and the ",
        ", and ",
        ", and the ",
        "、",
        "和",
        "与",
        "及",
    ];
    let before: Vec<&(usize, usize, usize)> = named
        .iter()
        .filter(|(_, end, _)| *end <= cue.start)
        .collect();
    let Some(last) = before.last() else {
        return false;
    };
    let tail = text.get(last.1..cue.start).unwrap_or("");
    if tail.contains([',', '，', ';', '；']) {
        return false;
    }
    let and = |joint: &str| {
        [" and ", "和", "与", "及"]
            .iter()
            .any(|a| joint.contains(a))
    };
    let mut has_and = and(tail);
    let mut listed = last.2 == index;
    for pair in before.windows(2).rev() {
        let joint = text.get(pair[0].1..pair[1].0).unwrap_or("");
        if !JOINTS.contains(&joint) {
            break;
        }
        has_and |= and(joint);
        listed |= pair[0].2 == index;
    }
    has_and && listed && before.len() >= 2
}

/// The product a cue at `cue` belongs to: the one named nearest before it,
/// unless that one stands in an aside between commas after another ("The
/// TouchPad, HP's webOS tablet, was discontinued"), else the first named
/// after it.
fn owner_of(text: &str, named: &[(usize, usize, usize)], cue: &Range<usize>) -> Option<usize> {
    // "Uber Freight 通过收购 Transplace": an active 收购 befalls its object.
    let acquiring = text.get(cue.clone()) == Some("收购")
        && !text.get(..cue.start).is_some_and(|t| t.ends_with('被'));
    if acquiring {
        return named
            .iter()
            .find(|(start, _, _)| *start >= cue.end)
            .map(|(_, _, i)| *i);
    }
    // "Creative Suite 被 Creative Cloud 所取代": the name after 被 is who
    // did it; what it befell stands before.
    // So is one a description after 被 leads to ("它被基于订阅的 Creative
    // Cloud 所取代").
    let agent = |start: usize, end: usize| {
        let lead = text.get(..start).unwrap_or("");
        let clause = lead.rfind('，').map_or(lead, |at| &lead[at..]);
        let between = text.get(end..cue.start).unwrap_or("").trim();
        (clause.contains('被') || clause.trim_end().ends_with('由'))
            && (between.is_empty() || between == "所")
    };
    let before: Vec<&(usize, usize, usize)> = named
        .iter()
        .filter(|(start, end, _)| *end <= cue.start && !agent(*start, *end))
        .collect();
    let has_comma = |from: usize, to: usize| text.get(from..to).is_some_and(|t| t.contains(','));
    let aside = |k: usize| {
        k > 0
            && before.get(k).is_some_and(|(start, end, _)| {
                has_comma(*end, cue.start)
                    && before
                        .get(k - 1)
                        .is_some_and(|(_, prev_end, _)| has_comma(*prev_end, *start))
            })
    };
    // "从Teavana到Tazo再到La Boulange，星巴克…放弃": a Chinese clause with a
    // subject of its own between the name and the cue is that subject's.
    let own_subject = |end: usize| {
        let between = text.get(end..cue.start).unwrap_or("");
        // "Dropbox announced that the app would close": a clause with a
        // subject of its own, the app's, not Dropbox's.
        if THAT_CLAUSE.iter().any(|t| between.contains(t)) {
            return true;
        }
        between.rfind('，').is_some_and(|at| {
            let from = end + at + '，'.len_utf8();
            super::role_forms::zh_subject(text, from).is_some()
                && !named.iter().any(|(start, _, _)| *start == from)
        })
    };
    (0..before.len())
        .rev()
        .find(|&k| !aside(k))
        .and_then(|k| before.get(k))
        .filter(|(_, end, _)| !own_subject(*end))
        .copied()
        .or_else(|| {
            // "the phone had been discontinued, …, the Echo speaker": a
            // passive verb's product stands before it, never after, but for
            // the new name of a rename ("was renamed Diem").
            let lead = text.get(..cue.start).unwrap_or("").to_lowercase();
            let passive = [" was ", " were ", " been ", " is ", " are ", " be "]
                .iter()
                .any(|aux| lead.ends_with(aux))
                && !text.get(cue.clone()).is_some_and(super::renames::is_rename);
            let next = named.iter().find(|(start, _, _)| *start >= cue.end);
            // "the company was launched the Clean Master": machine
            // translation writes the object after a passive.
            // "was created the high-end brand Casarte": describing words
            // between.
            let object_after_passive = next.is_some_and(|(start, _, _)| {
                text.get(cue.end..*start)
                    .and_then(|b| b.strip_prefix(" the "))
                    .is_some_and(|b| {
                        b.split(' ').count() <= 5
                            && b.chars().all(|c| c.is_lowercase() || c == ' ' || c == '-')
                    })
            });
            (!passive || object_after_passive).then_some(next).flatten()
        })
        .map(|(_, _, i)| *i)
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
