//! Detection rules as data: role nouns, products and their facts, context
//! phrases. The bundled set lives in `assets/rules.toml`; a user file of the
//! same shape is merged over it. No file I/O here: callers read the file.

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Deserialize;
use thiserror::Error;

use crate::config_error::{MESSAGE_CHARS, ORIGIN_CHARS, cut_unexpected};
use crate::sanitise::one_line;

const BUNDLED: &str = include_str!("../../assets/rules.toml");

/// A rules file that could not be used, with a message written for users.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct RulesError {
    /// Where the rules came from, as the user knows it (a path).
    pub origin: String,
    /// 1-based line of the problem, when known.
    pub line: Option<usize>,
    pub message: String,
}

/// Each part sanitised and cut, as a configuration error's: the message
/// quotes the file (serde names an unknown field as written).
impl std::fmt::Display for RulesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", one_line(&self.origin, ORIGIN_CHARS))?;
        if let Some(line) = self.line {
            write!(f, " line {line}")?;
        }
        write!(f, ": {}", one_line(&self.message, MESSAGE_CHARS))
    }
}

/// A role noun the rules know, with the words other languages use for it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleRule {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The name (and aliases) is this role wherever the text says it as
    /// words, not only in the forms detection reads (a user's rule).
    #[serde(default)]
    pub anywhere: bool,
}

/// An organisation: an actor candidate, never a product of the generic rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationRule {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The group it belongs to: an article naming the group names it too,
    /// for the facts of its products.
    #[serde(default)]
    pub parent: Option<String>,
}

/// A known product and its facts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductRule {
    pub name: String,
    /// Other names; matched case-insensitively on word boundaries.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Names that are ordinary words too ("circle"): they count only in a
    /// clause with a product context word.
    #[serde(default)]
    pub weak_aliases: Vec<String>,
    /// Descriptions that refer to the product without naming it.
    #[serde(default)]
    pub cues: Vec<String>,
    pub owner: Option<String>,
    pub launched: Option<u16>,
    pub fate: Option<String>,
}

/// What is built from the rules on first use and kept: equal for equal
/// rules, so it takes no part in comparing them.
#[derive(Debug, Clone)]
struct Built<T>(OnceLock<T>);

impl<T> Default for Built<T> {
    fn default() -> Self {
        Built(OnceLock::new())
    }
}

impl<T> PartialEq for Built<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// A word list as a lowercase set: detection asks it once a word, so it
/// hashes with foldhash, several times quicker than the default on short
/// keys (no untrusted input chooses these keys: they are the rules').
#[derive(Debug, Clone, Default)]
pub(crate) struct WordSet(HashSet<String, foldhash::fast::FixedState>);

impl WordSet {
    fn of(list: &[String]) -> WordSet {
        WordSet(list.iter().map(|w| w.to_lowercase()).collect())
    }

    fn contains(&self, lower: &str) -> bool {
        self.0.contains(lower)
    }

    /// Whether `word`, in any case, is in the set.
    pub(crate) fn has(&self, word: &str) -> bool {
        // Most words asked are short ASCII: lowercased on the stack.
        let mut buffer = [0u8; 32];
        if word.is_ascii() && word.len() <= buffer.len() {
            let lower = &mut buffer[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            return std::str::from_utf8(lower).is_ok_and(|w| self.contains(w));
        }
        if word.chars().any(char::is_uppercase) {
            self.contains(&word.to_lowercase())
        } else {
            self.contains(word)
        }
    }
}

/// The word lists detection asks about, as sets.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocab {
    pub role_stop_words: WordSet,
    pub role_function_words: WordSet,
    pub agent_nouns: WordSet,
    pub not_role_nouns: WordSet,
    pub person_titles: WordSet,
    pub not_names: WordSet,
    pub name_openers: WordSet,
    pub place_words: WordSet,
    pub organisation_words: WordSet,
    /// Start and end cues: "Introduced in 2007, Beacon…" opens with a cue, not a name.
    pub lifecycle_cues: WordSet,
    pub product_kinds: WordSet,
}

/// The whole rule set.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    #[serde(default)]
    pub role_stop_words: Vec<String>,
    #[serde(default)]
    pub product_context_words: Vec<String>,
    #[serde(default)]
    pub fate_cues: Vec<String>,
    #[serde(default)]
    pub generic_before: Vec<String>,
    #[serde(default)]
    pub generic_after: Vec<String>,
    /// Verbs after which a noun phrase is a role its subject plays ("acted as", "充当").
    #[serde(default)]
    pub role_verbs: Vec<String>,
    /// Words never inside a role noun phrase: articles, pronouns, prepositions.
    #[serde(default)]
    pub role_function_words: Vec<String>,
    /// Nouns naming an agent (a firm, an institution, a person's part), for
    /// "the role of <agent>"; words ending in `agent_suffixes` count too.
    #[serde(default)]
    pub agent_nouns: Vec<String>,
    #[serde(default)]
    pub agent_suffixes: Vec<String>,
    /// Nouns that are never a role: abstractions and metaphors ("chance",
    /// "reminder"), and words that only look like agents ("number").
    #[serde(default)]
    pub not_role_nouns: Vec<String>,
    /// Titles of people: "served as CEO" is a person's job, "Chairman Li" a person.
    #[serde(default)]
    pub person_titles: Vec<String>,
    /// Capitalised words that never name an actor or a product: months,
    /// days, nationalities, places.
    #[serde(default)]
    pub not_names: Vec<String>,
    /// Words of `not_names` that may still open a longer name ("Internet
    /// Explorer", "Mobile Me"), never a name alone.
    #[serde(default)]
    pub name_openers: Vec<String>,
    /// Last words of places ("Main Street").
    #[serde(default)]
    pub place_words: Vec<String>,
    /// Verbs of a product's start ("launched", "上线").
    #[serde(default)]
    pub start_cues: Vec<String>,
    /// Verbs of what became of a product ("was sold to", "停止服务").
    #[serde(default)]
    pub end_cues: Vec<String>,
    /// Nouns of product kinds ("app", "service").
    #[serde(default)]
    pub product_kinds: Vec<String>,
    /// Last words of organisations and regulators ("Inc", "SEC").
    #[serde(default)]
    pub organisation_words: Vec<String>,
    /// Endings of Chinese product names ("网", "商城"): a name read by a
    /// verb counts once with one, else only when the text repeats it.
    #[serde(default)]
    pub zh_product_suffixes: Vec<String>,
    /// Names never shown as a role / a product (case-insensitive, whole
    /// names; a product's aliases count): the user's corrections for
    /// every article.
    #[serde(default)]
    pub not_roles: Vec<String>,
    #[serde(default)]
    pub not_products: Vec<String>,
    #[serde(default, rename = "role")]
    pub roles: Vec<RoleRule>,
    #[serde(default, rename = "organisation")]
    pub organisations: Vec<OrganisationRule>,
    #[serde(default, rename = "product")]
    pub products: Vec<ProductRule>,
    /// Built on first use; rules are immutable once built.
    #[serde(skip)]
    matcher: Built<Arc<Matcher>>,
    #[serde(skip)]
    vocab: Built<Vocab>,
}

impl Rules {
    /// The rules shipped with margin.
    pub fn bundled() -> Rules {
        // The bundled file is tested to parse; an empty rule set is the
        // harmless fallback, not a panic.
        Rules::from_toml(BUNDLED, "bundled rules.toml").unwrap_or_default()
    }

    /// Parses a rules file. `origin` names it in error messages.
    pub fn from_toml(text: &str, origin: &str) -> Result<Rules, RulesError> {
        let rules: Rules = toml::from_str(text).map_err(|e| RulesError {
            origin: origin.to_owned(),
            line: e.span().map(|span| line_of(text, span.start)),
            message: cut_unexpected(e.message()),
        })?;
        rules.validate(text, origin)?;
        Ok(rules)
    }

    fn validate(&self, text: &str, origin: &str) -> Result<(), RulesError> {
        let empty_name = self
            .products
            .iter()
            .map(|p| &p.name)
            .chain(self.roles.iter().map(|r| &r.name))
            .chain(self.organisations.iter().map(|o| &o.name))
            .any(|n| n.trim().is_empty());
        if empty_name {
            // Serde drops spans after parsing; point at the first empty name.
            let line = text
                .find("name = \"\"")
                .or_else(|| text.find("name=\"\""))
                .map(|at| line_of(text, at));
            return Err(RulesError {
                origin: origin.to_owned(),
                line,
                message: "`name` must not be empty".to_owned(),
            });
        }
        Ok(())
    }

    /// `user` over `self`: lists are extended, entries with the same name
    /// (case-insensitive) take the user's fields where the user set them.
    pub fn merge(mut self, user: Rules) -> Rules {
        let mut user = user;
        for (mine, theirs) in self.word_lists().into_iter().zip(user.word_lists()) {
            extend_unique(mine, std::mem::take(theirs));
        }
        for role in user.roles {
            match find_named(&mut self.roles, &role.name, |r| &r.name) {
                Some(existing) => {
                    extend_unique(&mut existing.aliases, role.aliases);
                    existing.anywhere |= role.anywhere;
                }
                None => self.roles.push(role),
            }
        }
        for org in user.organisations {
            match find_named(&mut self.organisations, &org.name, |o| &o.name) {
                Some(existing) => {
                    extend_unique(&mut existing.aliases, org.aliases);
                    existing.parent = org.parent.or(existing.parent.take());
                }
                None => self.organisations.push(org),
            }
        }
        for product in user.products {
            match find_named(&mut self.products, &product.name, |p| &p.name) {
                Some(existing) => {
                    extend_unique(&mut existing.aliases, product.aliases);
                    extend_unique(&mut existing.weak_aliases, product.weak_aliases);
                    extend_unique(&mut existing.cues, product.cues);
                    existing.owner = product.owner.or(existing.owner.take());
                    existing.launched = product.launched.or(existing.launched);
                    existing.fate = product.fate.or(existing.fate.take());
                }
                None => self.products.push(product),
            }
        }
        self.matcher = Built::default();
        self.vocab = Built::default();
        self
    }

    /// Every word list, for what is done to all of them alike.
    fn word_lists(&mut self) -> [&mut Vec<String>; 21] {
        [
            &mut self.role_stop_words,
            &mut self.product_context_words,
            &mut self.fate_cues,
            &mut self.generic_before,
            &mut self.generic_after,
            &mut self.role_verbs,
            &mut self.role_function_words,
            &mut self.agent_nouns,
            &mut self.agent_suffixes,
            &mut self.not_role_nouns,
            &mut self.person_titles,
            &mut self.not_names,
            &mut self.name_openers,
            &mut self.place_words,
            &mut self.start_cues,
            &mut self.end_cues,
            &mut self.product_kinds,
            &mut self.organisation_words,
            &mut self.zh_product_suffixes,
            &mut self.not_roles,
            &mut self.not_products,
        ]
    }

    /// The word lists detection asks about, as sets (built on first use).
    pub(crate) fn vocab(&self) -> &Vocab {
        self.vocab.0.get_or_init(|| Vocab {
            role_stop_words: WordSet::of(&self.role_stop_words),
            role_function_words: WordSet::of(&self.role_function_words),
            agent_nouns: WordSet::of(&self.agent_nouns),
            not_role_nouns: WordSet::of(&self.not_role_nouns),
            person_titles: WordSet::of(&self.person_titles),
            not_names: WordSet::of(&self.not_names),
            name_openers: WordSet::of(&self.name_openers),
            place_words: WordSet::of(&self.place_words),
            organisation_words: WordSet::of(&self.organisation_words),
            lifecycle_cues: WordSet::of(&[self.start_cues.as_slice(), &self.end_cues].concat()),
            product_kinds: WordSet::of(&self.product_kinds),
        })
    }

    /// The one multi-pattern matcher over every phrase the rules name.
    pub(crate) fn matcher(&self) -> Arc<Matcher> {
        self.matcher
            .0
            .get_or_init(|| Arc::new(Matcher::build(self)))
            .clone()
    }

    /// The canonical role name for a noun ("平台" → "platform").
    pub(crate) fn role_name(&self, noun: &str) -> String {
        let lower = noun.to_lowercase();
        self.roles
            .iter()
            .find(|r| r.name.to_lowercase() == lower || r.aliases.iter().any(|a| a == noun))
            .map_or(lower, |r| r.name.to_lowercase())
    }

    pub(crate) fn is_role_stop_word(&self, word: &str) -> bool {
        self.vocab().role_stop_words.has(word)
    }

    /// Whether `noun` names an agent: listed, or an agent-like ending
    /// ("operator", "lender", "clearing house") on a word not listed as no role.
    pub(crate) fn is_agent_noun(&self, noun: &str) -> bool {
        let lower = noun.to_lowercase();
        let vocab = self.vocab();
        if vocab.not_role_nouns.has(&lower) {
            return false;
        }
        // "the laptop computer", "a media player": a kind of product plays
        // no role by its ending alone.
        vocab.agent_nouns.has(&lower)
            || (!vocab
                .product_kinds
                .has(lower.rsplit(' ').next().unwrap_or(&lower))
                && lower.chars().count() >= 5
                && self
                    .agent_suffixes
                    .iter()
                    .any(|s| lower.ends_with(s.as_str())))
    }

    pub(crate) fn is_organisation(&self, name: &str) -> bool {
        self.organisations.iter().any(|o| {
            o.name.eq_ignore_ascii_case(name)
                || o.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
        })
    }
}

fn line_of(text: &str, byte: usize) -> usize {
    let end = byte.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn extend_unique(into: &mut Vec<String>, from: Vec<String>) {
    for item in from {
        if !into.iter().any(|x| x.eq_ignore_ascii_case(&item)) {
            into.push(item);
        }
    }
}

fn find_named<'a, T>(
    items: &'a mut [T],
    name: &str,
    key: impl Fn(&T) -> &String,
) -> Option<&'a mut T> {
    items
        .iter_mut()
        .find(|item| key(item).to_lowercase() == name.to_lowercase())
}

/// What a matched pattern means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pattern {
    /// A name of product `.0` (its name or an alias).
    Product(usize),
    /// A weak alias of product `.0`, which needs a product context.
    WeakProduct(usize),
    /// A description of product `.0` that does not name it.
    Cue(usize),
    /// A name of organisation `.0`.
    Organisation(usize),
    /// "role" (English).
    Role,
    /// "角色" (Chinese).
    RoleZh,
    /// A capitalised name just before this phrase is a product.
    GenericBefore,
    /// A capitalised name just after this phrase is a product.
    GenericAfter,
    /// A phrase that tells what happened to a product ("eventually").
    Fate,
    /// A verb after which a role is named ("acted as", "充当").
    RoleVerb,
    /// A verb of a product's start ("launched").
    Start,
    /// A verb of a product's end ("shut down"): also a fate cue.
    End,
    /// A noun of a product kind ("app").
    Kind,
}

/// One Aho-Corasick automaton over every phrase, leftmost-longest, ASCII
/// case-insensitive; word boundaries are checked on each hit.
#[derive(Debug)]
pub(crate) struct Matcher {
    ac: Option<AhoCorasick>,
    kinds: Vec<Pattern>,
}

/// A hit of the matcher in one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub pattern: Pattern,
}

#[cfg(test)]
impl Hit {
    /// The hit of `pattern` at the first `phrase` in `text` (at 0 if none),
    /// as the matcher would report it: for tests of one form.
    pub(crate) fn at(text: &str, phrase: &str, pattern: Pattern) -> Hit {
        let start = text.find(phrase).unwrap_or(0);
        Hit {
            start,
            end: start + phrase.len(),
            pattern,
        }
    }
}

impl Matcher {
    fn build(rules: &Rules) -> Matcher {
        let mut patterns: Vec<String> = Vec::new();
        let mut kinds = Vec::new();
        let mut add = |text: &str, kind: Pattern| {
            let text = text.trim();
            if text.is_empty() {
                return;
            }
            // Texts use both straight and typographic apostrophes.
            for variant in [text.to_owned(), text.replace('\'', "\u{2019}")] {
                if !patterns.contains(&variant) {
                    patterns.push(variant);
                    kinds.push(kind);
                }
            }
        };
        for (i, p) in rules.products.iter().enumerate() {
            add(&p.name, Pattern::Product(i));
            for a in &p.aliases {
                add(a, Pattern::Product(i));
            }
            for a in &p.weak_aliases {
                add(a, Pattern::WeakProduct(i));
            }
            for c in &p.cues {
                add(c, Pattern::Cue(i));
            }
        }
        for (i, o) in rules.organisations.iter().enumerate() {
            add(&o.name, Pattern::Organisation(i));
            for a in &o.aliases {
                add(a, Pattern::Organisation(i));
            }
        }
        add("role", Pattern::Role);
        add("角色", Pattern::RoleZh);
        // "以收购方的身份": in the capacity of, a role (roles.rs checks the 以).
        add("的身份", Pattern::RoleZh);
        // A phrase in two lists keeps the first list's meaning.
        let phrase_lists = [
            (&rules.generic_before, Pattern::GenericBefore),
            (&rules.generic_after, Pattern::GenericAfter),
            (&rules.fate_cues, Pattern::Fate),
            (&rules.role_verbs, Pattern::RoleVerb),
            (&rules.start_cues, Pattern::Start),
            (&rules.end_cues, Pattern::End),
            (&rules.product_kinds, Pattern::Kind),
        ];
        for (list, kind) in phrase_lists {
            for phrase in list {
                add(phrase, kind);
            }
        }
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            // A full DFA: a few hundred KB for these patterns, and the
            // fastest search, which dominates detection time.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .ok();
        Matcher { ac, kinds }
    }

    /// Every hit in `text` that sits on word boundaries, in order.
    pub(crate) fn hits(&self, text: &str, out: &mut Vec<Hit>) {
        out.clear();
        let Some(ac) = &self.ac else { return };
        for m in ac.find_iter(text) {
            let (start, end) = (m.start(), m.end());
            if !super::text::on_word_boundaries(text, start, end) {
                continue;
            }
            if let Some(&pattern) = self.kinds.get(m.pattern().as_usize()) {
                out.push(Hit {
                    start,
                    end,
                    pattern,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_rules_parse() {
        let rules = Rules::from_toml(BUNDLED, "rules.toml").expect("bundled rules parse");
        assert!(rules.products.iter().any(|p| p.name == "Ali Wangwang"));
        assert_eq!(rules.role_name("平台"), "platform");
        assert_eq!(rules.role_name("Gatekeeper"), "gatekeeper");
    }

    #[test]
    fn a_product_kind_is_no_agent_by_its_ending() {
        let rules = Rules::bundled();
        assert!(rules.is_agent_noun("operator") && rules.is_agent_noun("clearing house"));
        assert!(rules.is_agent_noun("platform"), "listed as an agent too");
        assert!(!rules.is_agent_noun("computer"));
        assert!(!rules.is_agent_noun("laptop computer"));
    }

    #[test]
    fn unknown_field_names_origin_and_line() {
        let text =
            "fate_cues = [\"gone\"]\n\n[[product]]\nname = \"Kindle\"\nalias = [\"kindle\"]\n";
        let err = Rules::from_toml(text, "rules.toml").expect_err("rejects `alias`");
        assert_eq!(err.line, Some(5));
        assert_eq!(
            err.to_string(),
            "rules.toml line 5: unknown field `alias`, expected one of `name`, `aliases`, \
             `weak_aliases`, `cues`, `owner`, `launched`, `fate`"
        );
    }

    #[test]
    fn wrong_type_and_syntax_errors_have_lines() {
        let err = Rules::from_toml(
            "[[product]]\nname = \"X\"\nlaunched = \"soon\"\n",
            "my.toml",
        )
        .expect_err("launched must be a number");
        assert_eq!(err.line, Some(3));
        assert!(err.to_string().starts_with("my.toml line 3: "), "{err}");
        let err = Rules::from_toml("[[product]\n", "my.toml").expect_err("syntax");
        assert_eq!(err.line, Some(1));
        let err = Rules::from_toml("\n[[role]]\nname = \"\"\n", "my.toml").expect_err("empty");
        assert_eq!(err.to_string(), "my.toml line 3: `name` must not be empty");
    }

    #[test]
    fn merge_extends_and_overrides_by_name() {
        let user = Rules::from_toml(
            "[[product]]\nname = \"alipay\"\naliases = [\"AliPay Wallet\"]\nlaunched = 2003\n\
             [[product]]\nname = \"Kindle\"\n[[role]]\nname = \"gatekeeper\"\n",
            "user.toml",
        )
        .expect("parses");
        let merged = Rules::bundled().merge(user);
        let alipay = merged
            .products
            .iter()
            .find(|p| p.name == "Alipay")
            .expect("kept");
        assert_eq!(alipay.launched, Some(2003));
        assert_eq!(alipay.owner.as_deref(), Some("Ant Financial"));
        assert!(alipay.aliases.iter().any(|a| a == "AliPay Wallet"));
        assert!(alipay.aliases.iter().any(|a| a == "支付宝"));
        assert!(merged.products.iter().any(|p| p.name == "Kindle"));
        assert!(merged.roles.iter().any(|r| r.name == "gatekeeper"));
    }

    #[test]
    fn names_never_shown_and_anywhere_roles_merge() {
        let user = Rules::from_toml(
            "not_roles = [\"Platform\"]\nnot_products = [\"Kindle\"]\n\
             [[role]]\nname = \"Source\"\nanywhere = true\n",
            "user.toml",
        )
        .expect("parses");
        let more = Rules::from_toml("not_roles = [\"platform\", \"broker\"]", "more.toml")
            .expect("parses");
        let merged = Rules::bundled().merge(user).merge(more);
        assert_eq!(merged.not_roles, vec!["Platform", "broker"]);
        assert_eq!(merged.not_products, vec!["Kindle"]);
        let source = (merged.roles.iter())
            .find(|r| r.name == "source")
            .expect("bundled");
        assert!(source.anywhere);
        assert!(source.aliases.iter().any(|a| a == "源头"));
        assert!(!Rules::bundled().roles.iter().any(|r| r.anywhere));
    }

    #[test]
    fn matcher_checks_word_boundaries() {
        let rules = Rules::bundled();
        let mut hits = Vec::new();
        rules.matcher().hits(
            "roles of Alipayer and ALIPAY, the role; 支付宝角色",
            &mut hits,
        );
        let texts: Vec<Pattern> = hits.iter().map(|h| h.pattern).collect();
        assert_eq!(
            texts,
            vec![
                Pattern::Product(0),
                Pattern::Role,
                Pattern::Product(0),
                Pattern::RoleZh
            ]
        );
    }
}
