//! Detection: what the article says, found in one pass over the document.
//! Pure: `&Document` in, [`Annotations`] out. Rules are data
//! ([`Rules::bundled`], merged with a user's file by the caller).
//!
//! Each paragraph is scanned once by one Aho-Corasick automaton over every
//! phrase in the rules (product names, aliases, cues, "role", context
//! phrases); the role, product and date detectors work from those hits.

mod actors;
mod dates;
mod highlights;
mod history;
pub mod json;
mod kind_forms;
mod owners;
mod product_forms;
mod product_forms_zh;
mod products;
mod renames;
mod role_forms;
mod role_places;
mod roles;
mod rules;
mod sections;
mod text;
mod user_rules;

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use serde::Serialize;

use crate::document::Document;

pub use highlights::{Highlighter, ParagraphHighlights};
pub use json::{annotations_json, write_annotations_json};
pub use rules::{OrganisationRule, ProductRule, RoleRule, Rules, RulesError};
pub use sections::detect_sections;
pub use text::sentence_at;

/// A heading-like place in the text: the title, a heading, a paragraph start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// 0-based paragraph index.
    pub paragraph: usize,
    pub kind: SectionKind,
    title: Title,
}

/// Where a section's title comes from: its paragraph's text, not a copy
/// (a 100 MB article has 100 000 sections).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Title {
    /// This byte range of the paragraph.
    Span(u32, u32),
    /// The paragraph's first words (the outline of a short article).
    Opening,
    /// Text of its own: a role's name where its heading holds no mention.
    Name(Arc<str>),
}

impl Section {
    /// A section titled by `title`, a slice of `text`, the text of paragraph
    /// `paragraph` (a copy when it is not one).
    fn titled(paragraph: usize, kind: SectionKind, text: &str, title: &str) -> Section {
        let title = match text::span_in(text, title) {
            Some(range) => match (u32::try_from(range.start), u32::try_from(range.end)) {
                (Ok(start), Ok(end)) => Title::Span(start, end),
                _ => Title::Name(Arc::from(title)),
            },
            None => Title::Name(Arc::from(title)),
        };
        Section {
            paragraph,
            kind,
            title,
        }
    }

    /// An outline entry: titled by its paragraph's first words.
    fn opening(paragraph: usize) -> Section {
        Section {
            paragraph,
            kind: SectionKind::Paragraph,
            title: Title::Opening,
        }
    }

    /// A section of any kind, titled by its opening words: for tests of
    /// what is built on sections.
    #[cfg(test)]
    pub(crate) fn at(paragraph: usize, kind: SectionKind) -> Section {
        Section {
            paragraph,
            kind,
            title: Title::Opening,
        }
    }

    /// The title, from the document the section was found in.
    pub fn title<'a>(&'a self, doc: &'a Document) -> Cow<'a, str> {
        let text = doc.paragraph(self.paragraph);
        match &self.title {
            Title::Span(start, end) => {
                Cow::Borrowed(text.get(*start as usize..*end as usize).unwrap_or(""))
            }
            Title::Opening => Cow::Owned(sections::label(text)),
            Title::Name(name) => Cow::Borrowed(name),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    Title,
    Heading,
    Paragraph,
}

/// A place in the text that is evidence for an annotation.
///
/// 12 bytes: a 100 MB article has about 700 000 mentions. Positions are
/// 32-bit (a paragraph index or an offset past `u32::MAX` is not recorded),
/// and the clause quoting it is found when asked for, not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    paragraph: u32,
    start: u32,
    end: u32,
}

impl Mention {
    /// The phrase at `range` of paragraph `paragraph`; `None` past 32-bit positions.
    pub fn new(paragraph: usize, range: Range<usize>) -> Option<Mention> {
        Some(Mention {
            paragraph: small(paragraph)?,
            start: small(range.start)?,
            end: small(range.end)?,
        })
    }

    /// 0-based paragraph index.
    pub fn paragraph(&self) -> usize {
        self.paragraph as usize
    }

    /// Byte range of the phrase in that paragraph's text.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The clause holding the phrase (its sentence, split on ';'), from the
    /// document it was found in.
    pub fn sentence<'d>(&self, doc: &'d Document) -> &'d str {
        let text = doc.paragraph(self.paragraph());
        text.get(text::clause_around(text, self.start as usize))
            .unwrap_or("")
    }
}

/// A role an actor plays, announced by a heading ("platform role.").
///
/// 64 bytes: a 100 MB article has 76 000 roles. Positions are 32-bit, as a
/// [`Mention`]'s are: a role whose heading paragraph or evidence lies past
/// `u32::MAX` is not recorded (its mentions go with it), and a section
/// ending past it ends there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// Lowercase role noun: "platform".
    pub name: Arc<str>,
    /// Who plays it, where the heading paragraph names them: "Alipay".
    pub actor: Option<Arc<str>>,
    /// 0-based paragraphs of its section, from the heading (so the heading
    /// is `start`, not kept twice) to the next role heading or the end of
    /// its part.
    start: u32,
    end: u32,
    /// The heading sentence and the sentence that explains it: a byte
    /// range of the heading paragraph (their text stays in the document).
    evidence_start: u32,
    evidence_end: u32,
    /// The heading and every "`<name> role`" / "`role of the <name>`", in text
    /// order; allocated at its exact length (no capacity kept per role).
    pub mentions: Box<[Mention]>,
}

/// `n` as a 32-bit position, if it is one.
fn small(n: usize) -> Option<u32> {
    u32::try_from(n).ok()
}

impl Role {
    /// A role over `paragraphs` (heading first) with evidence at `evidence`
    /// of the heading paragraph; `None` past 32-bit positions, except that a
    /// section's end is cut to `u32::MAX`.
    pub fn new(
        name: Arc<str>,
        actor: Option<Arc<str>>,
        paragraphs: Range<usize>,
        evidence: Range<usize>,
        mentions: Box<[Mention]>,
    ) -> Option<Role> {
        Some(Role {
            name,
            actor,
            start: small(paragraphs.start)?,
            end: small(paragraphs.end).unwrap_or(u32::MAX),
            evidence_start: small(evidence.start)?,
            evidence_end: small(evidence.end)?,
            mentions,
        })
    }

    /// Ends the section before paragraph `end` (cut to `u32::MAX`).
    fn end_before(&mut self, end: usize) {
        self.end = small(end).unwrap_or(u32::MAX);
    }

    /// 0-based paragraph of the heading.
    pub fn heading_paragraph(&self) -> usize {
        self.start as usize
    }

    /// 0-based paragraphs of its section: heading to the next role heading
    /// or the end of its part.
    pub fn paragraphs(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Byte range of the evidence in the heading paragraph.
    pub fn evidence_range(&self) -> Range<usize> {
        self.evidence_start as usize..self.evidence_end as usize
    }

    /// The heading sentence and the one that explains it, from the document
    /// the role was found in.
    pub fn evidence<'d>(&self, doc: &'d Document) -> &'d str {
        doc.paragraph(self.heading_paragraph())
            .get(self.evidence_range())
            .unwrap_or("")
    }
}

/// A product the text tells the history of.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Product {
    pub name: String,
    /// The names and cues that matched, as written in the text, first seen first.
    pub aliases: Vec<String>,
    pub owner: Option<String>,
    pub launched: Option<u16>,
    /// Fact from the lexicon.
    pub fate: Option<String>,
    /// The clause of the text that says what happened to it.
    pub outcome: Option<String>,
    /// In text order.
    pub mentions: Vec<Mention>,
    /// From the lexicon (true) or the generic rule (false).
    pub known: bool,
    /// What became of it, in a word or two from the outcome ("shut down").
    pub status: Option<String>,
    /// When the text says it started and ended.
    pub start: Option<IsoDate>,
    pub end: Option<IsoDate>,
}

/// A date as written: where it is and the date it names. No text of its
/// own (a 100 MB article names 38 000 dates).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub paragraph: usize,
    pub range: Range<usize>,
    pub date: IsoDate,
}

impl DateMention {
    /// The date as written ("March 9, 2017"), from the document it was found in.
    pub fn text<'d>(&self, doc: &'d Document) -> &'d str {
        doc.paragraph(self.paragraph)
            .get(self.range.clone())
            .unwrap_or("")
    }

    /// Its ISO form: "2017-03-09", "2017-03" or "2014".
    pub fn iso(&self) -> String {
        self.date.to_string()
    }
}

/// A year, with a month (1–12) and a day when the text gives them (0 when not).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct IsoDate {
    year: u16,
    month: u8,
    day: u8,
}

impl IsoDate {
    pub fn year(&self) -> u16 {
        self.year
    }

    /// Month and day 0 when absent; the scanner only makes valid dates.
    pub fn new(year: u32, month: u32, day: u32) -> IsoDate {
        IsoDate {
            year: u16::try_from(year).unwrap_or(u16::MAX),
            month: u8::try_from(month).unwrap_or(0),
            day: u8::try_from(day).unwrap_or(0),
        }
    }
}

impl Serialize for IsoDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if self.month > 0 {
            write!(f, "-{:02}", self.month)?;
            if self.day > 0 {
                write!(f, "-{:02}", self.day)?;
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HighlightKind {
    Role,
    Product,
    Date,
}

/// A phrase to highlight in the pane: a mention or a date and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Highlight {
    paragraph: u32,
    start: u32,
    end: u32,
    pub kind: HighlightKind,
}

impl Highlight {
    fn of(m: &Mention, kind: HighlightKind) -> Highlight {
        Highlight {
            paragraph: m.paragraph,
            start: m.start,
            end: m.end,
            kind,
        }
    }

    /// Byte range in the paragraph's text, on char boundaries.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// What a paragraph carries, for the gutter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    pub role: bool,
    pub product: bool,
    pub date: bool,
}

impl Marks {
    pub fn any(self) -> bool {
        self.role || self.product || self.date
    }
}

/// Everything detected in a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotations {
    pub sections: Vec<Section>,
    /// In heading order; sections do not overlap.
    pub roles: Vec<Role>,
    /// In the order the text first mentions them.
    pub products: Vec<Product>,
    /// In text order.
    pub dates: Vec<DateMention>,
    /// How highlights are looked up in the lists above; `None` without them.
    highlights: Option<highlights::HighlightIndex>,
}

impl Annotations {
    /// The index of the role whose section holds `paragraph`.
    pub fn role_at(&self, paragraph: usize) -> Option<usize> {
        let i = self
            .roles
            .partition_point(|r| r.heading_paragraph() <= paragraph)
            .checked_sub(1)?;
        self.roles
            .get(i)
            .filter(|r| r.paragraphs().contains(&paragraph))
            .map(|_| i)
    }
}

static BUNDLED: LazyLock<Rules> = LazyLock::new(Rules::bundled);

/// Runs every detector over the document with the bundled rules.
pub fn detect(doc: &Document) -> Annotations {
    detect_with(doc, &BUNDLED)
}

/// Runs every detector over the document with `rules`.
pub fn detect_with(doc: &Document, rules: &Rules) -> Annotations {
    detect_in_parts(doc, rules, parts_for(doc), true)
}

/// The same annotations without the pane's highlight index
/// (its [`Highlighter`] finds nothing):
/// for printing them, where building it would only cost time.
pub fn detect_without_highlights(doc: &Document, rules: &Rules) -> Annotations {
    detect_in_parts(doc, rules, parts_for(doc), false)
}

/// Below this size one thread is quicker than starting another.
const PARALLEL_MIN_BYTES: u64 = 1 << 20;

/// How many slices of the document to scan at once: one per core, for big documents.
fn parts_for(doc: &Document) -> usize {
    if doc.total_bytes() < PARALLEL_MIN_BYTES {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// What the per-paragraph pass gathers over a slice of the document.
struct Pass<'r> {
    roles: roles::Collector<'r>,
    products: products::Collector<'r>,
    dates: Vec<DateMention>,
}

impl<'r> Pass<'r> {
    fn scan(doc: &Document, rules: &'r Rules, paragraphs: Range<usize>) -> Pass<'r> {
        let matcher = rules.matcher();
        let mut hits = Vec::new();
        let mut breaks = text::Breaks::default();
        let mut pass = Pass {
            roles: roles::Collector::new(rules),
            products: products::Collector::new(rules),
            dates: Vec::new(),
        };
        for index in paragraphs {
            let text = doc.paragraph(index);
            pass.products
                .heading(index, text, sections::paragraph_is_heading(doc, text));
            matcher.hits(text, &mut hits);
            if !hits.is_empty() {
                breaks.find(text);
                pass.roles.paragraph(index, text, &hits, &breaks);
                pass.products.paragraph(index, text, &hits, &breaks);
            } else if text::LY_AS.find(text.as_bytes()).is_some() {
                // "acted mainly as a licensor": no rule phrase, but a role.
                breaks.find(text);
                pass.roles.paragraph(index, text, &hits, &breaks);
            }
            dates::scan(text, index, &mut pass.dates);
        }
        pass
    }

    /// Appends the pass over the slice that follows this one.
    fn merge(mut self, later: Pass<'r>) -> Pass<'r> {
        self.roles.merge(later.roles);
        self.products.merge(later.products);
        // Exactly, as product mentions: no growth slack in the kept list.
        self.dates.reserve_exact(later.dates.len());
        self.dates.extend(later.dates);
        self
    }
}

/// The detection with the paragraph pass split into `parts` consecutive
/// slices scanned on their own threads and merged in order: the same result
/// as one pass (tested), in a fraction of the time on several cores.
fn detect_in_parts(doc: &Document, rules: &Rules, parts: usize, highlight: bool) -> Annotations {
    // Read with the escapes' letters and digits masked: what margin shows
    // for a control (`<U+2067>`, `^G`) is never a year, a name or a product.
    // Positions are the same in both, so what is found points into `doc`.
    let original = doc;
    let masked = doc.with_escapes_masked();
    let doc = masked.as_ref().unwrap_or(doc);
    let n = doc.len();
    let parts = parts.clamp(1, n.max(1));
    let slices: Vec<Range<usize>> = (0..parts)
        .map(|i| i * n / parts..(i + 1) * n / parts)
        .collect();
    let pass = if parts == 1 {
        Pass::scan(doc, rules, 0..n)
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = slices
                .iter()
                .map(|slice| {
                    let slice = slice.clone();
                    scope.spawn(move || Pass::scan(doc, rules, slice))
                })
                .collect();
            handles
                .into_iter()
                .zip(&slices)
                // A scan that panicked is redone here, where the panic surfaces.
                .map(|(h, slice)| {
                    h.join()
                        .unwrap_or_else(|_| Pass::scan(doc, rules, slice.clone()))
                })
                .reduce(Pass::merge)
        })
        .unwrap_or_else(|| Pass::scan(doc, rules, 0..n))
    };
    let Pass {
        roles,
        products,
        dates,
    } = pass;
    let mut sections = detect_sections(doc);
    let mut roles = roles.finish(doc, &mut sections);
    user_rules::add_anywhere_roles(doc, rules, &mut roles);
    let mut products = products.finish(doc, &roles);
    if masked.is_some() {
        unmask_outcomes(original, doc, &mut products);
    }
    user_rules::drop_unwanted(rules, &mut roles, &mut products, &mut sections);
    let mut annotations = Annotations {
        sections,
        roles,
        products,
        dates,
        ..Annotations::default()
    };
    if highlight {
        annotations.index_highlights();
    }
    annotations
}

/// An outcome is a clause copied from the masked text, where an escape
/// reads `<_+____>`: it is copied again from `doc`, at the same place in a
/// paragraph of its product's mentions.
fn unmask_outcomes(doc: &Document, masked: &Document, products: &mut [Product]) {
    for product in products {
        let Some(outcome) = product.outcome.as_mut().filter(|o| o.contains('_')) else {
            continue;
        };
        let mut paragraphs: Vec<usize> = product.mentions.iter().map(Mention::paragraph).collect();
        paragraphs.dedup();
        let found = paragraphs.into_iter().find_map(|i| {
            let at = masked.paragraph(i).find(outcome.as_str())?;
            doc.paragraph(i).get(at..at + outcome.len())
        });
        if let Some(text) = found {
            *outcome = text.to_owned();
        }
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod parallel_tests {
    use proptest::prelude::*;

    use super::*;

    const ARTICLE: &str = include_str!("../../assets/article.txt");

    fn same_in_any_parts(text: &str) {
        let doc = Document::from_text(text);
        let rules = Rules::bundled();
        let one = detect_in_parts(&doc, &rules, 1, true);
        for parts in 2..=5 {
            assert_eq!(
                detect_in_parts(&doc, &rules, parts, true),
                one,
                "{parts} parts"
            );
        }
        assert_eq!(detect_with(&doc, &rules), one);
    }

    #[test]
    fn slices_merge_to_the_sequential_result() {
        same_in_any_parts(ARTICLE);
        same_in_any_parts(&[ARTICLE, "\n\n"].concat().repeat(30));
        // Outcomes and generic names first found in a later slice.
        same_in_any_parts(
            "T\n\nAli Wangwang grew.\n\nWave app.\n\nAli Wangwang was eventually shut down.\n\n\
             Kindle is sold to readers; it failed.\n\nWave app and Kindle is sold to.\n\n\
             平台角色。支付宝\n\nsource role. Alipay\n\nplayed what role?",
        );
        same_in_any_parts("");
        same_in_any_parts("one");
    }

    #[test]
    fn big_documents_are_split() {
        let text = [ARTICLE, "\n\n"].concat().repeat(500);
        let doc = Document::from_text(&text);
        assert!(doc.total_bytes() >= PARALLEL_MIN_BYTES);
        assert_eq!(
            detect_with(&doc, &Rules::bundled()),
            detect_in_parts(&doc, &Rules::bundled(), 1, true)
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn any_split_gives_the_same_annotations(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("platform role. Alipay".to_owned()),
                    Just("role of the source".to_owned()),
                    Just("平台角色。支付宝".to_owned()),
                    Just("March 9, 2017".to_owned()),
                    Just("Ali’s circle comment function".to_owned()),
                    Just(" the product Wave".to_owned()),
                    Just("X expects to achieve; it eventually failed.".to_owned()),
                    Just("Ali Wangwang is still internal.".to_owned()),
                    Just("\n\n".to_owned()),
                    Just(". ".to_owned()),
                    "[a-zA-Z ]{0,12}",
                ],
                0..30,
            ),
            slices in 2usize..6,
        ) {
            let doc = Document::from_text(&parts.concat());
            let rules = Rules::bundled();
            prop_assert_eq!(
                detect_in_parts(&doc, &rules, slices, true),
                detect_in_parts(&doc, &rules, 1, true)
            );
        }
    }
}
