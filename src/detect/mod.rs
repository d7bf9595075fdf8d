//! Detection: what the article says, found in one pass over the document.
//! Pure: `&Document` in, [`Annotations`] out. Rules are data
//! ([`Rules::bundled`], merged with a user's file by the caller).
//!
//! Each paragraph is scanned once by one Aho-Corasick automaton over every
//! phrase in the rules (product names, aliases, cues, "role", context
//! phrases); the role, product and date detectors work from those hits.

mod dates;
pub mod json;
mod products;
mod roles;
mod rules;
mod sections;
mod text;

use std::ops::Range;
use std::sync::LazyLock;

use serde::Serialize;

use crate::document::Document;

pub use json::annotations_json;
pub use rules::{OrganisationRule, ProductRule, RoleRule, Rules, RulesError};
pub use sections::detect_sections;
pub use text::sentence_at;

/// A heading-like place in the text: the title, a heading, a paragraph start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub title: String,
    /// 0-based paragraph index.
    pub paragraph: usize,
    pub kind: SectionKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    Title,
    Heading,
    Paragraph,
}

/// A place in the text that is evidence for an annotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// 0-based paragraph index.
    pub paragraph: usize,
    /// Byte range of the phrase in that paragraph's text.
    pub range: Range<usize>,
    /// The clause holding the phrase: its sentence, split on ';'.
    pub sentence: String,
}

/// A role an actor plays, announced by a heading ("platform role.").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Role {
    /// Lowercase role noun: "platform".
    pub name: String,
    /// Who plays it, where the heading paragraph names them: "Alipay".
    pub actor: Option<String>,
    /// 0-based paragraph of the heading.
    pub heading_paragraph: usize,
    /// 0-based paragraphs of its section: heading to the next role heading
    /// or the end of its part.
    pub paragraphs: Range<usize>,
    /// The heading sentence and the sentence that explains it.
    pub evidence: String,
    /// The heading and every "<name> role" / "role of the <name>", in order.
    pub mentions: Vec<Mention>,
}

/// A product the text tells the history of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
}

/// A date as written, with its ISO form ("2017-03-09", "2017-03", "2014").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateMention {
    pub paragraph: usize,
    pub range: Range<usize>,
    pub text: String,
    pub iso: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HighlightKind {
    Role,
    Product,
    Date,
}

/// A phrase to highlight in the pane.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Highlight {
    /// Byte range in the paragraph's text, on char boundaries.
    pub range: Range<usize>,
    pub kind: HighlightKind,
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Annotations {
    pub sections: Vec<Section>,
    /// In heading order; sections do not overlap.
    pub roles: Vec<Role>,
    /// In the order the text first mentions them.
    pub products: Vec<Product>,
    /// In text order.
    pub dates: Vec<DateMention>,
    /// All highlights, sorted by (paragraph, start), not overlapping.
    #[serde(skip)]
    highlights: Vec<Highlight>,
    /// The paragraph of each highlight, parallel to `highlights`.
    #[serde(skip)]
    highlight_paragraphs: Vec<usize>,
}

impl Annotations {
    /// The highlights of one paragraph, sorted and not overlapping.
    pub fn highlights_in(&self, paragraph: usize) -> &[Highlight] {
        let from = self
            .highlight_paragraphs
            .partition_point(|&p| p < paragraph);
        let to = self
            .highlight_paragraphs
            .partition_point(|&p| p <= paragraph);
        self.highlights.get(from..to).unwrap_or(&[])
    }

    /// What the paragraph carries, for the gutter.
    pub fn marks(&self, paragraph: usize) -> Marks {
        let mut marks = Marks::default();
        for h in self.highlights_in(paragraph) {
            match h.kind {
                HighlightKind::Role => marks.role = true,
                HighlightKind::Product => marks.product = true,
                HighlightKind::Date => marks.date = true,
            }
        }
        marks
    }

    /// The index of the role whose section holds `paragraph`.
    pub fn role_at(&self, paragraph: usize) -> Option<usize> {
        let i = self
            .roles
            .partition_point(|r| r.paragraphs.start <= paragraph)
            .checked_sub(1)?;
        self.roles
            .get(i)
            .filter(|r| r.paragraphs.contains(&paragraph))
            .map(|_| i)
    }

    /// Indexes of the products mentioned in `paragraph`.
    pub fn products_in(&self, paragraph: usize) -> Vec<usize> {
        self.products
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                p.mentions
                    .binary_search_by(|m| m.paragraph.cmp(&paragraph))
                    .is_ok()
            })
            .map(|(i, _)| i)
            .collect()
    }

    fn index_highlights(&mut self, mut all: Vec<(usize, Highlight)>) {
        // Longest first at equal starts, so the outer phrase wins an overlap.
        all.sort_by(|(pa, a), (pb, b)| {
            pa.cmp(pb)
                .then(a.range.start.cmp(&b.range.start))
                .then(b.range.end.cmp(&a.range.end))
        });
        self.highlights.clear();
        self.highlight_paragraphs.clear();
        for (paragraph, h) in all {
            let overlaps = self.highlight_paragraphs.last() == Some(&paragraph)
                && self
                    .highlights
                    .last()
                    .is_some_and(|last| last.range.end > h.range.start);
            if !overlaps && !h.range.is_empty() {
                self.highlight_paragraphs.push(paragraph);
                self.highlights.push(h);
            }
        }
    }
}

static BUNDLED: LazyLock<Rules> = LazyLock::new(Rules::bundled);

/// Runs every detector over the document with the bundled rules.
pub fn detect(doc: &Document) -> Annotations {
    detect_with(doc, &BUNDLED)
}

/// Runs every detector over the document with `rules`.
pub fn detect_with(doc: &Document, rules: &Rules) -> Annotations {
    let matcher = rules.matcher();
    let mut hits = Vec::new();
    let mut roles = roles::Collector::new(rules);
    let mut products = products::Collector::new(rules);
    let mut dates = Vec::new();
    for (index, text) in doc.paragraphs().enumerate() {
        matcher.hits(text, &mut hits);
        if !hits.is_empty() {
            let breaks = text::Breaks::new(text);
            roles.paragraph(index, text, &hits, &breaks);
            products.paragraph(index, text, &hits, &breaks);
        }
        dates::scan(text, index, &mut dates);
    }
    let mut sections = detect_sections(doc);
    let roles = roles.finish(doc, &mut sections);
    let products = products.finish(doc, &roles);

    let mut highlights: Vec<(usize, Highlight)> = Vec::new();
    let mut push = |m: &Mention, kind| {
        highlights.push((
            m.paragraph,
            Highlight {
                range: m.range.clone(),
                kind,
            },
        ));
    };
    for r in &roles {
        r.mentions.iter().for_each(|m| push(m, HighlightKind::Role));
    }
    for p in &products {
        p.mentions
            .iter()
            .for_each(|m| push(m, HighlightKind::Product));
    }
    for d in &dates {
        highlights.push((
            d.paragraph,
            Highlight {
                range: d.range.clone(),
                kind: HighlightKind::Date,
            },
        ));
    }
    let mut annotations = Annotations {
        sections,
        roles,
        products,
        dates,
        ..Annotations::default()
    };
    annotations.index_highlights(highlights);
    annotations
}

#[cfg(test)]
mod tests;
