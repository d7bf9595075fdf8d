//! Products and their history: lexicon names, aliases and cues from the
//! rules, plus a generic rule for capitalised names in product contexts
//! ("Google Reader expects to achieve", "the product Wave"). Each product gets
//! its mentions in text order and the clause that says what happened to it.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use super::owners::{
    leading_organisation, named_near, owner_of, renamed_from, short_firm_names, taken_over_by,
    usual_owner,
};
use super::rules::{Hit, Pattern, Rules};
use super::text::{
    Breaks, name_after, name_before, on_word_boundaries, opens_several, sentence_initial,
    word_after,
};
use super::{Mention, Product, Role};
use super::{history, product_forms};
use crate::document::Document;
use crate::repair::is_cjk;

/// Gathers product mentions paragraph by paragraph; `finish` builds products.
pub struct Collector<'r> {
    rules: &'r Rules,
    /// Mentions per lexicon product, parallel to `rules.products`.
    known: Vec<Vec<Mention>>,
    /// Outcome per lexicon product, found while scanning.
    outcomes: Vec<Option<String>>,
    /// Per lexicon product, its mentions' texts, each once, first seen
    /// first: gathered while the paragraph is in cache, not by reading
    /// 700 000 mentions back out of a 100 MB article.
    aliases: Vec<Vec<String>>,
    /// Mention counts before the current paragraph (reused buffer).
    before: Vec<usize>,
    /// Names found by the generic rule.
    generic: Vec<String>,
    /// Those of them a lifecycle verb was read with ("Reader was retired",
    /// "launched Buzz"), not only a kind noun ("Kodak cameras").
    told: HashSet<String>,
    /// Lowercase names and aliases of the lexicon, so the generic rule skips them.
    lexicon: HashMap<String, usize>,
    /// `rules.product_context_words`, lowercased once.
    context_words: Vec<String>,
    /// Owners the forms named ("Google" in "Google launched Buzz"), by product name.
    owners: HashMap<String, String>,
    /// Per lexicon organisation, whether the text names it: a lexicon
    /// product's facts are given only where its owner is in the text.
    organisations_seen: Vec<bool>,
    /// Short names a firm's full name introduces ("…有限公司（以下简称
    /// “云雀科技”）"): organisations, never products.
    short_firm_names: HashSet<String>,
    /// The name the last heading gives, while its section lasts: what "it"
    /// launched, sold or shut down there is ("Winamp" … "It first showed
    /// up in 1997").
    section_name: Option<String>,
}

impl<'r> Collector<'r> {
    pub fn new(rules: &'r Rules) -> Self {
        let mut lexicon = HashMap::new();
        for (i, p) in rules.products.iter().enumerate() {
            for name in std::iter::once(&p.name)
                .chain(&p.aliases)
                .chain(&p.weak_aliases)
            {
                lexicon.insert(name.to_lowercase(), i);
            }
        }
        Self {
            rules,
            known: vec![Vec::new(); rules.products.len()],
            outcomes: vec![None; rules.products.len()],
            aliases: vec![Vec::new(); rules.products.len()],
            before: Vec::with_capacity(rules.products.len()),
            generic: Vec::new(),
            told: HashSet::new(),
            lexicon,
            context_words: rules
                .product_context_words
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            owners: HashMap::new(),
            organisations_seen: vec![false; rules.organisations.len()],
            short_firm_names: HashSet::new(),
            section_name: None,
        }
    }

    /// Reads paragraph `index` (`text`, a heading or not): one naming a
    /// product opens its section, any other heading closes it. Every
    /// paragraph comes here, with rule hits or not.
    pub fn heading(&mut self, index: usize, text: &str, heading: bool) {
        // The title names the article, not a section.
        if index > 0 && heading {
            self.section_name = product_forms::heading_name(self.rules, text);
        }
    }

    pub fn paragraph(&mut self, index: usize, text: &str, hits: &[Hit], breaks: &Breaks) {
        if super::text::SHORT_FOR.find(text.as_bytes()).is_some() {
            self.short_firm_names.extend(short_firm_names(text));
        }
        if super::text::may_name(text) {
            for name in product_forms::named_as(text) {
                self.generic_name(text, name);
            }
        }
        // 'Haier was launched a washing machine which is called "Xiaoxiao
        // Shentong"': a quoted name given in a sentence that tells a
        // product's life.
        if super::text::has_quote(text) {
            for name in product_forms::called(text) {
                let sentence = breaks.sentence(text, name.start);
                let told = hits.iter().any(|h| {
                    matches!(h.pattern, Pattern::Start | Pattern::End)
                        && sentence.start <= h.start
                        && h.end <= sentence.end
                });
                if told {
                    self.generic_name(text, name);
                }
            }
        }
        self.before.clear();
        self.before.extend(self.known.iter().map(Vec::len));
        for hit in hits {
            match hit.pattern {
                Pattern::Product(i) | Pattern::Cue(i) => self.mention(i, index, text, hit),
                Pattern::WeakProduct(i) if self.weak_counts(text, hit, breaks) => {
                    self.mention(i, index, text, hit);
                }
                Pattern::GenericBefore => {
                    if let Some(name) = name_before(text, hit.start) {
                        self.generic_name(text, name);
                    }
                }
                // "The Product Development of…": a phrase in title case is
                // a title's words.
                Pattern::GenericAfter if !title_cased(text.get(hit.start..hit.end)) => {
                    if let Some(name) = name_after(text, hit.end) {
                        self.generic_name(text, name);
                    }
                }
                Pattern::Start | Pattern::End => {
                    let chinese = super::text::cjk_at(text, hit.start);
                    if chinese {
                        let clause = breaks.clause(text, hit.start);
                        if let Some(found) =
                            product_forms::zh_around_verb(self.rules, text, hit, clause)
                        {
                            self.owned_name(text, found);
                        }
                    } else if let Some(found) =
                        product_forms::around_verb(self.rules, text, hit, breaks)
                    {
                        self.owned_name(text, found);
                    } else if let Some(name) = self.section_name.clone()
                        && product_forms::said_of_it(text, hit)
                        && !self.lexicon.contains_key(&name.to_lowercase())
                        && !self.rules.is_organisation(&name)
                    {
                        if !self.generic.contains(&name) {
                            self.generic.push(name.clone());
                        }
                        self.told.insert(name);
                    }
                }
                Pattern::Kind => {
                    if let Some(name) = product_forms::around_kind(self.rules, text, hit) {
                        self.generic_name(text, name);
                    }
                }
                Pattern::Organisation(i) => {
                    if let Some(seen) = self.organisations_seen.get_mut(i) {
                        *seen = true;
                    }
                }
                _ => {}
            }
        }
        if hits
            .iter()
            .any(|h| matches!(h.pattern, Pattern::Fate | Pattern::End))
        {
            self.outcomes_in(text, hits, breaks);
        }
    }

    /// Appends what a collector gathered over the paragraphs that follow:
    /// mentions in order, the earlier outcome, names in first-seen order.
    pub fn merge(&mut self, later: Collector<'r>) {
        for (mine, theirs) in self.known.iter_mut().zip(later.known) {
            // Exactly: amortised growth would leave up to half of a 100 MB
            // article's mention list unused.
            mine.reserve_exact(theirs.len());
            mine.extend(theirs);
        }
        for (mine, theirs) in self.outcomes.iter_mut().zip(later.outcomes) {
            if mine.is_none() {
                *mine = theirs;
            }
        }
        // An alias new to the later slice is first seen after all of this one.
        for (mine, theirs) in self.aliases.iter_mut().zip(later.aliases) {
            for alias in theirs {
                if !mine.contains(&alias) {
                    mine.push(alias);
                }
            }
        }
        for name in later.generic {
            if !self.generic.contains(&name) {
                self.generic.push(name);
            }
        }
        self.told.extend(later.told);
        self.short_firm_names.extend(later.short_firm_names);
        for (name, owner) in later.owners {
            self.owners.entry(name).or_insert(owner);
        }
        for (mine, theirs) in self
            .organisations_seen
            .iter_mut()
            .zip(later.organisations_seen)
        {
            *mine |= theirs;
        }
    }

    /// Outcomes for products mentioned in this paragraph that have none yet:
    /// the mention's clause, or the next one if no other product is in it.
    fn outcomes_in(&mut self, text: &str, hits: &[Hit], breaks: &Breaks) {
        let fate_in = |r: &Range<usize>| {
            hits.iter().any(|h| {
                matches!(h.pattern, Pattern::Fate | Pattern::End)
                    && r.start <= h.start
                    && h.end <= r.end
            })
        };
        for i in 0..self.known.len() {
            let from = self.before.get(i).copied().unwrap_or(0);
            let (Some(mentions), Some(None)) = (self.known.get(i), self.outcomes.get(i)) else {
                continue;
            };
            let mut found = None;
            for m in mentions.get(from..).unwrap_or(&[]) {
                let clause = breaks.clause(text, m.range().start);
                if fate_in(&clause) {
                    found = Some(clause);
                    break;
                }
                if let Some(next) = breaks.next_clause(text, clause.end)
                    && fate_in(&next)
                    && !self.other_mention_in(i, &next)
                {
                    found = Some(next);
                    break;
                }
            }
            if let (Some(range), Some(slot)) = (found, self.outcomes.get_mut(i)) {
                *slot = text.get(range).map(str::to_owned);
            }
        }
    }

    /// Whether a product other than `product` is mentioned inside `range`
    /// of the current paragraph.
    fn other_mention_in(&self, product: usize, range: &Range<usize>) -> bool {
        self.known.iter().enumerate().any(|(j, ms)| {
            j != product
                && ms
                    .get(self.before.get(j).copied().unwrap_or(0)..)
                    .unwrap_or(&[])
                    .iter()
                    .any(|m| range.start <= m.range().start && m.range().end <= range.end)
        })
    }

    fn mention(&mut self, product: usize, paragraph: usize, text: &str, hit: &Hit) {
        let (Some(list), Some(aliases), Some(mention)) = (
            self.known.get_mut(product),
            self.aliases.get_mut(product),
            Mention::new(paragraph, hit.start..hit.end),
        ) else {
            return;
        };
        list.push(mention);
        let written = text.get(hit.start..hit.end).unwrap_or("");
        if !aliases.iter().any(|a| a == written) {
            aliases.push(written.to_owned());
        }
    }

    /// A weak alias ("circle") counts when capitalised mid-sentence or in a
    /// clause with a product context word ("comment function").
    fn weak_counts(&self, text: &str, hit: &Hit, breaks: &Breaks) -> bool {
        let capitalised = text
            .get(hit.start..)
            .and_then(|t| t.chars().next())
            .is_some_and(char::is_uppercase);
        // "the Maple Street Chess Circle": the last word of another name.
        let in_other_name = super::text::word_before(text, hit.start)
            .and_then(|w| text.get(w))
            .is_some_and(|w| w.starts_with(char::is_uppercase));
        if capitalised && !sentence_initial(text, hit.start) {
            return !in_other_name;
        }
        let clause = text
            .get(breaks.clause(text, hit.start))
            .unwrap_or("")
            .to_lowercase();
        self.context_words.iter().any(|w| contains_word(&clause, w))
    }

    /// A name found with who launched or sold it: the owner is kept, and
    /// is an organisation, not a product.
    fn owned_name(&mut self, text: &str, found: product_forms::Found) {
        if let (Some(name), Some(owner)) = (
            text.get(found.name.clone()),
            found.owner.and_then(|o| text.get(o)),
        ) {
            self.owners
                .entry(name.to_owned())
                .or_insert_with(|| owner.to_owned());
        }
        if let Some(name) = text.get(found.name.clone())
            && !self.told.contains(name)
        {
            self.told.insert(name.to_owned());
        }
        self.generic_name(text, found.name);
    }

    fn generic_name(&mut self, text: &str, range: Range<usize>) {
        let Some(name) = text.get(range) else {
            return;
        };
        let lower = name.to_lowercase();
        if self.lexicon.contains_key(&lower)
            || self.rules.is_organisation(name)
            || !product_forms::is_product_name(self.rules, name)
            || self.generic.iter().any(|n| *n == name)
        {
            return;
        }
        self.generic.push(name.to_owned());
    }

    /// Whether the text names `owner`: a lexicon organisation or product
    /// of that name was met.
    fn names_owner(&self, owner: &str) -> bool {
        let parent = self
            .rules
            .organisations
            .iter()
            .find(|o| o.name.eq_ignore_ascii_case(owner))
            .and_then(|o| o.parent.as_deref());
        self.names_exactly(owner) || parent.is_some_and(|p| self.names_exactly(p))
    }

    /// Whether the text names `owner` itself (a lexicon organisation or product).
    fn names_exactly(&self, owner: &str) -> bool {
        let named = |name: &str, aliases: &[String]| {
            name.eq_ignore_ascii_case(owner)
                || aliases.iter().any(|a| a.eq_ignore_ascii_case(owner))
        };
        let organisation = self
            .rules
            .organisations
            .iter()
            .zip(&self.organisations_seen)
            .any(|(o, seen)| *seen && named(&o.name, &o.aliases));
        let product = self
            .rules
            .products
            .iter()
            .zip(&self.known)
            .any(|(p, mentions)| !mentions.is_empty() && named(&p.name, &p.aliases));
        organisation || product
    }

    /// The products in the order the text first mentions them.
    pub fn finish(self, doc: &Document, roles: &[Role]) -> Vec<Product> {
        let mut products: Vec<Product> = Vec::new();
        let facts_apply: Vec<bool> = self
            .rules
            .products
            .iter()
            .map(|rule| rule.owner.as_deref().is_none_or(|o| self.names_owner(o)))
            .collect();
        let known = self.known.into_iter().zip(self.outcomes).zip(self.aliases);
        for (i, ((mentions, outcome), aliases)) in known.enumerate() {
            let Some(rule) = self.rules.products.get(i) else {
                continue;
            };
            if mentions.is_empty() {
                continue;
            }
            // The lexicon's facts belong to its owner's product: another
            // company's article using the same name gets none of them.
            let facts = facts_apply.get(i).copied().unwrap_or(false);
            // Nor is a common word that is one of its names ("发烧友圈子" in
            // an article on OPPO) that product, where its owner is absent.
            let common_word = aliases
                .iter()
                .all(|a| a.chars().all(is_cjk) && a.chars().count() <= 2);
            if !facts && common_word {
                continue;
            }
            products.push(Product {
                name: rule.name.clone(),
                aliases,
                owner: rule.owner.clone().filter(|_| facts),
                launched: rule.launched.filter(|_| facts),
                fate: rule.fate.clone().filter(|_| facts),
                outcome,
                mentions,
                known: true,
                ..Product::default()
            });
        }
        let generic = self.generic;
        let told_names = self.told;
        let owners = self.owners;
        products.extend(generic_mentions(doc, self.rules, generic, &owners));
        super::renames::merge(doc, &mut products);
        products.sort_by_key(|p| p.mentions.first().map(|m| (m.paragraph(), m.range().start)));
        let first_words = first_words(&products);
        let histories: Vec<history::History> = (0..products.len())
            .map(|i| history::history(self.rules, doc, &products, &first_words, i))
            .collect();
        for (p, h) in products.iter_mut().zip(histories) {
            if !p.known || h.status.is_some() {
                p.outcome = h.outcome.or(p.outcome.take());
            }
            p.status = h.status;
            p.start = h.start;
            p.end = h.end;
        }
        // The actor of a role is an organisation ("the Xiaomi brand"),
        // unless the text tells a product's life of it ("Redmi, playing the
        // role of price guardian, was spun off in 2019").
        // So is the first word of other names ("Google" of "Google Reader").
        // Firms are founded too: that tells no product's life.
        // The firm the article is about, when its name also opens its
        // products' ("Dropbox" of "Dropbox Paper"), is the firm even where
        // its own launch is told ("opened Dropbox to the public in 2008").
        let about = {
            let heads: Vec<&str> = products
                .iter()
                .filter_map(|p| p.name.split_once(' ').map(|(head, _)| head))
                .collect();
            leading_organisation(self.rules, doc, &heads, |name| {
                products
                    .iter()
                    .zip(&first_words)
                    .any(|(p, first)| p.name == name && !first)
            })
        };
        let mut first_word = first_words.into_iter();
        products.retain(|p| {
            let first_word = first_word.next().unwrap_or(false);
            if first_word && !p.known && about.as_deref() == Some(p.name.as_str()) {
                return false;
            }
            let told = told_names.contains(&p.name)
                && p.status
                    .as_deref()
                    .is_some_and(|s| !["founded", "创立"].contains(&s));
            let actor = roles
                .iter()
                .any(|r| r.actor.as_deref() == Some(p.name.as_str()));
            let firm =
                self.short_firm_names.contains(&p.name) || firm_written_in_full(doc, &p.name);
            !firm
                && (p.known || told || !(actor || first_word))
                && (p.known || !common_word(doc, p))
        });
        let owner_names: Vec<&str> = owners.values().map(String::as_str).collect();
        let owned: Vec<Option<String>> = products
            .iter()
            .map(|p| {
                (!p.known)
                    .then(|| owner_of(self.rules, doc, p, &owners, &owner_names))
                    .flatten()
            })
            .collect();
        // The owner most products were found with may be one of several
        // firms an article tells of: it is given only near its name. The
        // firm the article is about is everyone's.
        let from_found = usual_owner(&owned);
        let one_of_several = from_found.is_some();
        let usual = from_found.or_else(|| {
            owned
                .iter()
                .zip(&products)
                .any(|(o, p)| o.is_none() && !p.known)
                .then(|| {
                    // A firm the text names in full and then short is
                    // what a news report is about.
                    let mut firms: Vec<&String> = self.short_firm_names.iter().collect();
                    firms.sort();
                    let mentions = |name: &str| {
                        doc.paragraphs()
                            .take(400)
                            .map(|t| t.matches(name).count())
                            .sum::<usize>()
                    };
                    firms
                        .into_iter()
                        .max_by_key(|n| mentions(n))
                        .cloned()
                        .or_else(|| {
                            let heads: Vec<&str> = products
                                .iter()
                                .filter_map(|p| p.name.split_once(' ').map(|(head, _)| head))
                                .collect();
                            // "飞信…升级为“和飞信”": a name the new one keeps
                            // inside it is the product's too (not "雅虎…更名
                            // 为Altaba", the firm renamed).
                            leading_organisation(self.rules, doc, &heads, |name| {
                                products.iter().any(|p| {
                                    p.name == name
                                        || (name.chars().all(is_cjk)
                                            && p.name.contains(name)
                                            && p.aliases.iter().any(|a| a == name))
                                })
                            })
                        })
                })
                .flatten()
        });
        // "雅虎…更名为Altaba": what the article's organisation was renamed
        // to is the organisation still, not a product of its.
        let mut owned = owned;
        if let Some(org) = usual.as_deref() {
            let renamed_org = |p: &Product| {
                !p.known
                    && p.name != org
                    // Not "Dropbox" of "Dropbox Paper": its owner's word.
                    && (p.aliases.iter().any(|a| {
                        a == org && !p.name.strip_prefix(org).is_some_and(|r| r.starts_with(' '))
                    })
                        || renamed_from(doc, p, org)
                        || renamed_to(p, org))
            };
            let keep: Vec<bool> = products.iter().map(|p| !renamed_org(p)).collect();
            let mut keep_owned = keep.iter();
            owned.retain(|_| keep_owned.next().copied().unwrap_or(true));
            let mut keep_products = keep.iter();
            products.retain(|_| keep_products.next().copied().unwrap_or(true));
        }
        for (p, owner) in products.iter_mut().zip(owned) {
            if !p.known {
                let implied = usual.clone().filter(|o| {
                    !p.outcome.as_deref().is_some_and(|t| taken_over_by(t, o))
                        && (!one_of_several || named_near(doc, p, o))
                });
                p.owner = owner.or(implied);
            }
        }
        for p in products.iter_mut().filter(|p| !p.known) {
            for m in &p.mentions {
                let text = doc.paragraph(m.paragraph()).get(m.range()).unwrap_or("");
                if !p.aliases.iter().any(|a| a == text) {
                    p.aliases.push(text.to_owned());
                }
            }
        }
        for p in &mut products {
            p.mentions.shrink_to_fit();
        }
        products
    }
}

/// Which products' names are the first word of other names ("Google" of
/// "Google Reader"). Sorted, the names that start with "Google " follow it:
/// one binary search each, not a scan of every name (an article may have
/// thousands).
fn first_words(products: &[Product]) -> Vec<bool> {
    let mut sorted: Vec<&str> = products.iter().map(|p| p.name.as_str()).collect();
    sorted.sort_unstable();
    products
        .iter()
        .map(|p| {
            let head = format!("{} ", p.name);
            let at = sorted.partition_point(|n| *n < head.as_str());
            sorted.get(at).is_some_and(|n| n.starts_with(&head))
        })
        .collect()
}

/// "Being a platform holder meant…", "Studios that had built…": one
/// English word capitalised only where it opens a sentence, and written
/// in lowercase elsewhere in the text, is a word, not a name.
fn common_word(doc: &Document, product: &Product) -> bool {
    let name = product.name.as_str();
    // "Musical.ly" written "musical.ly" is still the name.
    if !name.chars().all(|c| c.is_ascii_alphabetic())
        || name.chars().skip(1).any(|c| c.is_ascii_uppercase())
    {
        return false;
    }
    let opens_only = product.mentions.iter().take(50).all(|m| {
        let text = doc.paragraph(m.paragraph());
        sentence_initial(text, m.range().start)
    });
    if !opens_only {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    doc.paragraphs().take(400).any(|text| {
        text.match_indices(lower.as_str())
            .any(|(at, w)| on_word_boundaries(text, at, at + w.len()))
    })
}

/// Whether a short Chinese name is a firm's, written in full elsewhere
/// with a firm's last word: "锤子" where the text says "锤子科技".
fn firm_written_in_full(doc: &Document, name: &str) -> bool {
    let short = (2..=3).contains(&name.chars().count()) && name.chars().all(is_cjk);
    short
        && doc.paragraphs().take(400).any(|text| {
            text.match_indices(name).any(|(at, n)| {
                let after = &text[at + n.len()..];
                super::product_forms_zh::ZH_FIRM_ENDINGS
                    .iter()
                    .any(|e| after.starts_with(e))
            })
        })
}

/// Whether a phrase's words after its first are capitalised ("The Product").
fn title_cased(phrase: Option<&str>) -> bool {
    phrase.is_some_and(|p| {
        p.split(' ')
            .skip(1)
            .any(|w| w.starts_with(char::is_uppercase))
    })
}

/// The name without its model number ("ROKR" of "ROKR E1", "DynaTAC" of
/// "DynaTAC 8000X"), when it heads no other of `names` and is no firm.
fn model_head<'a>(
    rules: &Rules,
    name: &'a str,
    names: &[String],
    owners: &HashMap<String, String>,
) -> Option<&'a str> {
    let (head, model) = name.rsplit_once(' ')?;
    let heads_one = names
        .iter()
        .filter(|n| n.strip_prefix(head).is_some_and(|r| r.starts_with(' ')))
        .count()
        == 1;
    (model.chars().any(|c| c.is_ascii_digit())
        && head.chars().count() >= 3
        && !head.contains(' ')
        && !rules.is_organisation(head)
        && !rules.vocab().not_names.has(head)
        && !owners.values().any(|o| o == head)
        && heads_one)
        .then_some(head)
}

/// Short names of the generic names: "Reader" for "Google Reader" when the
/// first word is an owner, or when "Reader" was found as a name of its own.
/// Pairs of (pattern, index into `names`); the names themselves first.
fn name_patterns(
    rules: &Rules,
    names: &[String],
    owners: &HashMap<String, String>,
) -> Vec<(String, usize)> {
    let mut patterns: Vec<(String, usize)> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        patterns.push((name.clone(), i));
        // "网易考拉海购…后来简称网易考拉": a Chinese name's leading four or
        // more characters, where the text writes them alone, are its short
        // name (the longest pattern wins where the whole name is written).
        let chars: Vec<(usize, char)> = name.char_indices().collect();
        if chars.len() >= 5 && chars.iter().all(|(_, c)| is_cjk(*c)) {
            for (end, _) in chars.iter().skip(4) {
                if let Some(prefix) = name.get(..*end) {
                    patterns.push((prefix.to_owned(), i));
                }
            }
        }
        // "the ROKR E1" … "The ROKR was a flop".
        if let Some(head) = model_head(rules, name, names, owners)
            && !names.iter().any(|n| n == head)
        {
            patterns.push((head.to_owned(), i));
        }
        let Some((first, tail)) = name.split_once(' ') else {
            continue;
        };
        // "HTC Dream", "HTC Flyer", "HTC One": a word opening several
        // names is their maker's, and "the Flyer" is the HTC Flyer.
        let owner_like = rules.is_organisation(first)
            || owners.values().any(|o| o == first)
            || owners.get(name).is_some_and(|o| o == first)
            || opens_several(first, names.iter().map(String::as_str));
        let tail_capitalised = tail.chars().next().is_some_and(char::is_uppercase);
        if owner_like && tail_capitalised && tail.chars().count() >= 3 {
            patterns.push((tail.to_owned(), i));
        }
    }
    patterns
}

/// Every occurrence of the generic names and their short names, found with
/// one automaton; a name that is another's short name is that product.
fn generic_mentions(
    doc: &Document,
    rules: &Rules,
    mut names: Vec<String>,
    owners: &HashMap<String, String>,
) -> Vec<Product> {
    // "Reader" found on its own and "Google Reader", "顺风车" and
    // "滴滴顺风车" in an article on 滴滴: one product.
    let title = doc.title().unwrap_or("");
    let all_names = names.clone();
    let short_of = |short: &str, long: &str| {
        if long.len() <= short.len() {
            return false;
        }
        if long.ends_with(&format!(" {short}")) {
            return true;
        }
        // "The DynaTAC line" of "the DynaTAC 8000X".
        if model_head(rules, long, &all_names, owners) == Some(short) {
            return true;
        }
        let Some(owner) = long.strip_suffix(short) else {
            return false;
        };
        let cjk = |s: &str| !s.is_empty() && s.chars().all(is_cjk);
        // "T1" of "锤子手机T1": a Latin model after its Chinese maker and kind.
        let model = short.len() >= 2
            && short.is_ascii()
            && short.starts_with(|c: char| c.is_ascii_uppercase())
            && owner.chars().count() >= 2
            && cjk(owner);
        if model {
            return true;
        }
        cjk(owner)
            && cjk(short)
            && short.chars().count() >= 2
            && owner.chars().count() >= 2
            && (rules.is_organisation(owner)
                || owners.values().any(|o| o == owner)
                || title.contains(owner))
    };
    let longer: Vec<String> = names.clone();
    names.retain(|n| !longer.iter().any(|l| short_of(n, l)));
    if names.is_empty() {
        return Vec::new();
    }
    let mut patterns = name_patterns(rules, &names, owners);
    for n in &longer {
        if let Some(i) = names.iter().position(|l| short_of(n, l)) {
            patterns.push((n.clone(), i));
        }
    }
    patterns.dedup_by(|a, b| a.0 == b.0);
    let Ok(ac) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns.iter().map(|(p, _)| p))
    else {
        return Vec::new();
    };
    let mut mentions: Vec<Vec<Mention>> = vec![Vec::new(); names.len()];
    for (paragraph, text) in doc.paragraphs().enumerate() {
        for m in ac.find_iter(text) {
            if !on_word_boundaries(text, m.start(), m.end()) || names_a_firm(rules, text, m.end()) {
                continue;
            }
            let Some(&(_, i)) = patterns.get(m.pattern().as_usize()) else {
                continue;
            };
            if let Some(list) = mentions.get_mut(i) {
                list.extend(Mention::new(paragraph, m.start()..m.end()));
            }
        }
    }
    // An owner, or the first word of other names ("Google" of "Google
    // Reader"), is an organisation; a bare Chinese run read by a verb is a
    // name only when it has a product's shape or the text names it again.
    let all = names.clone();
    let organisation = |name: &str| {
        owners.values().any(|o| o == name)
            || all
                .iter()
                .any(|n| n.len() > name.len() && n.starts_with(&format!("{name} ")))
    };
    // "滴滴顺风车" in an article titled "…滴滴的三种角色": the company the
    // title names, then a name of its own, is one of its products.
    let title_owner_first = |name: &str| {
        let chars: Vec<(usize, char)> = name.char_indices().collect();
        chars.len() >= 4
            && chars.iter().all(|(_, c)| is_cjk(*c))
            && chars
                .iter()
                .skip(2)
                .take(chars.len().saturating_sub(3))
                .any(|(end, _)| name.get(..*end).is_some_and(|owner| title.contains(owner)))
    };
    names
        .into_iter()
        .zip(mentions)
        .filter(|(name, m)| {
            // The first word of other names is dropped later, unless the
            // text tells its own life ("QQ was launched", then "QQ Weibo").
            !m.is_empty()
                && !owners.values().any(|o| o == name)
                && (product_forms::zh_name_stands_alone(rules, name)
                    || m.len() >= 2
                    || m.iter().any(|m| quoted_at_verb(rules, doc, m))
                    || title_owner_first(name))
        })
        .map(|(name, mentions)| {
            let (name, mentions) = with_owner_prefix(doc, name, mentions, |word| {
                rules.is_organisation(word) || organisation(word)
            });
            Product {
                name,
                mentions,
                ..Product::default()
            }
        })
        .collect()
}

/// Whether the name ending at `end` is a firm's, by the word after it:
/// "Oracle" in "Oracle Corporation" is not the product "Oracle V2".
fn names_a_firm(rules: &Rules, text: &str, end: usize) -> bool {
    let capital_next = text
        .get(end..)
        .and_then(|t| t.strip_prefix(' '))
        .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_uppercase()));
    capital_next
        && word_after(text, end)
            .and_then(|w| text.get(w))
            .is_some_and(|w| rules.vocab().organisation_words.has(w))
}

/// Whether a mention stands in Chinese quotes beside a lifecycle verb or
/// after a product kind ("“转转”则于2015年11月上线", "推出了“快狗”",
/// "二手交易平台“转转”"): the writer marks it as a name, so once is enough.
/// Not a quoted phrase a verb merely shares a clause with ("扮演“孵化器”的
/// 角色，…再推动分拆").
fn quoted_at_verb(rules: &Rules, doc: &Document, mention: &Mention) -> bool {
    let text = doc.paragraph(mention.paragraph());
    let range = mention.range();
    let (Some(before), Some(after)) = (
        text.get(..range.start)
            .and_then(|t| t.strip_suffix(['“', '「', '『'])),
        text.get(range.end..)
            .and_then(|t| t.strip_prefix(['”', '」', '』'])),
    ) else {
        return false;
    };
    // "停止服务“是迟早的事”": a quoted remark, not a name.
    if text
        .get(range.clone())
        .is_some_and(|n| n.contains(['的', '是', '了']))
    {
        return false;
    }
    let cues = || rules.start_cues.iter().chain(&rules.end_cues);
    let after = after.trim_start_matches(|c: char| {
        c.is_ascii_digit() || c == ' ' || "则于在已将正式曾也又便就被年月日底初".contains(c)
    });
    let verb_after = cues().any(|c| after.starts_with(c.as_str()));
    // "推出了“快狗”", "更名为「随刻」".
    let before = before.strip_suffix(['了', '为', '成']).unwrap_or(before);
    let verb_before = cues().any(|c| before.ends_with(c.as_str()));
    // "为收购来的品牌“收尾”。": a quote ending the sentence is what is done.
    let kind_before = !after.starts_with(['。', '！', '？'])
        && rules
            .product_kinds
            .iter()
            .any(|k| k.chars().all(is_cjk) && before.ends_with(k.as_str()));
    verb_after || verb_before || kind_before
}

/// Whether what became of `product` is its rename to `org`: "the Kingsoft
/// Network was renamed as the Cheetah Mobile" names the organisation's
/// earlier name, not a product.
fn renamed_to(product: &Product, org: &str) -> bool {
    product
        .status
        .as_deref()
        .is_some_and(super::renames::is_rename)
        && product.outcome.as_deref().is_some_and(|o| {
            super::renames::RENAMED.iter().any(|cue| {
                o.match_indices(cue).any(|(at, _)| {
                    let after = &o[at + cue.len()..];
                    let after = after.strip_prefix("the ").unwrap_or(after);
                    let after = after.trim_start_matches(['“', '「', '"']);
                    // "renamed Yahoo Messenger" is no rename to "Yahoo".
                    after.strip_prefix(org).is_some_and(|rest| {
                        !rest.starts_with(|c: char| c.is_alphanumeric())
                            && !rest
                                .strip_prefix(' ')
                                .is_some_and(|r| r.starts_with(char::is_uppercase))
                    })
                })
            })
        })
}

/// A one-word name the text also writes after its owner ("Google Reader"
/// where "Reader" was found) takes that long form as its name, and those
/// mentions cover it.
fn with_owner_prefix(
    doc: &Document,
    name: String,
    mut mentions: Vec<Mention>,
    is_owner: impl Fn(&str) -> bool,
) -> (String, Vec<Mention>) {
    if name.contains(' ') {
        return (name, mentions);
    }
    let mut long: Option<String> = None;
    for m in &mut mentions {
        let text = doc.paragraph(m.paragraph());
        let Some(before) = text
            .get(..m.range().start)
            .and_then(|t| t.strip_suffix(' '))
        else {
            continue;
        };
        let word_start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '-'))
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        let owner = &before[word_start..];
        let capitalised = owner.chars().next().is_some_and(char::is_uppercase);
        if !capitalised || !is_owner(owner) {
            continue;
        }
        if let Some(wider) = Mention::new(m.paragraph(), word_start..m.range().end) {
            *m = wider;
            long.get_or_insert_with(|| format!("{owner} {name}"));
        }
    }
    (long.unwrap_or(name), mentions)
}

/// Whether `needle` occurs in `haystack` on word boundaries.
fn contains_word(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    haystack
        .match_indices(needle)
        .any(|(at, m)| on_word_boundaries(haystack, at, at + m.len()))
}

#[cfg(test)]
#[path = "products_tests.rs"]
mod tests;
