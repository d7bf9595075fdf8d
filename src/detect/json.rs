//! The machine-readable form of [`Annotations`], for `margin --annotations`.
//! Paragraph numbers are 1-based, as shown in the pane. Schema:
//! `docs/annotations.md`.
//!
//! The output is described by borrowed structs whose fields are in
//! alphabetical order, so streaming them with [`write_annotations_json`]
//! prints exactly what `serde_json::Value` (sorted keys) prints, without
//! building a tree of the whole detection first.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;
use serde::ser::Serializer;
use serde_json::Value;

use super::{Annotations, DateMention, IsoDate, Mention, Product, Role, Section, SectionKind};
use crate::document::Document;

/// Schema version; bump when a field changes meaning or goes away.
pub const SCHEMA_VERSION: u32 = 1;

/// Mentions listed per role or product. A 100 MB article has hundreds of
/// thousands: the list keeps the first ones in text order and
/// `mentions_total` (present only then) says how many there are.
pub const MENTIONS_MAX: usize = 100;

/// The detection as JSON (see `docs/annotations.md`).
pub fn annotations_json(doc: &Document, a: &Annotations) -> Value {
    serde_json::to_value(Output::new(doc, a)).unwrap_or(Value::Null)
}

/// The detection as pretty JSON, streamed to `out`: the same text as
/// `serde_json::to_writer_pretty(out, &annotations_json(doc, a))`.
pub fn write_annotations_json(
    out: &mut impl Write,
    doc: &Document,
    a: &Annotations,
) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &Output::new(doc, a)).map_err(io::Error::from)
}

#[derive(Serialize)]
struct Output<'a> {
    dates: Seq<'a, DateMention, DateOut<'a>>,
    paragraphs: usize,
    products: Seq<'a, Product, ProductOut<'a>>,
    roles: Seq<'a, Role, RoleOut<'a>>,
    sections: Seq<'a, Section, SectionOut<'a>>,
    title: &'a str,
    version: u32,
}

impl<'a> Output<'a> {
    fn new(doc: &'a Document, a: &'a Annotations) -> Self {
        Output {
            dates: Seq::new(doc, &a.dates, |doc, d| DateOut {
                iso: d.date,
                paragraph: d.paragraph + 1,
                text: d.text(doc),
            }),
            paragraphs: doc.len(),
            products: Seq::new(doc, &a.products, |doc, p| ProductOut {
                aliases: &p.aliases,
                end: p.end,
                facts: Facts {
                    fate: p.fate.as_deref(),
                    launched: p.launched,
                    owner: p.owner.as_deref(),
                },
                known: p.known,
                mentions: Mentions(doc, &p.mentions),
                mentions_total: total(&p.mentions),
                name: &p.name,
                outcome: p.outcome.as_deref(),
                owner: p.owner.as_deref(),
                paragraphs: ProductParagraphs(&p.mentions),
                start: p.start,
                status: p.status.as_deref(),
            }),
            roles: Seq::new(doc, &a.roles, |doc, r| RoleOut {
                actor: r.actor.as_deref(),
                evidence: r.evidence(doc),
                heading: r.heading_paragraph() + 1,
                mentions: Mentions(doc, &r.mentions),
                mentions_total: total(&r.mentions),
                name: &r.name,
                paragraphs: Numbers(r.paragraphs().start + 1..r.paragraphs().end + 1),
            }),
            sections: Seq::new(doc, &a.sections, |doc, s| SectionOut {
                kind: s.kind,
                paragraph: s.paragraph + 1,
                title: s.title(doc),
            }),
            title: doc.title().unwrap_or(""),
            version: SCHEMA_VERSION,
        }
    }
}

fn total(mentions: &[Mention]) -> Option<usize> {
    (mentions.len() > MENTIONS_MAX).then_some(mentions.len())
}

/// A list serialised item by item through `map`, never collected.
struct Seq<'a, T, O> {
    doc: &'a Document,
    items: &'a [T],
    map: fn(&'a Document, &'a T) -> O,
}

impl<'a, T, O> Seq<'a, T, O> {
    fn new(doc: &'a Document, items: &'a [T], map: fn(&'a Document, &'a T) -> O) -> Self {
        Seq { doc, items, map }
    }
}

impl<T, O: Serialize> Serialize for Seq<'_, T, O> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.items.iter().map(|item| (self.map)(self.doc, item)))
    }
}

#[derive(Serialize)]
struct DateOut<'a> {
    iso: IsoDate,
    paragraph: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct SectionOut<'a> {
    kind: SectionKind,
    paragraph: usize,
    title: Cow<'a, str>,
}

#[derive(Serialize)]
struct Facts<'a> {
    fate: Option<&'a str>,
    launched: Option<u16>,
    owner: Option<&'a str>,
}

#[derive(Serialize)]
struct ProductOut<'a> {
    aliases: &'a [String],
    end: Option<IsoDate>,
    facts: Facts<'a>,
    known: bool,
    mentions: Mentions<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mentions_total: Option<usize>,
    name: &'a str,
    outcome: Option<&'a str>,
    owner: Option<&'a str>,
    paragraphs: ProductParagraphs<'a>,
    start: Option<IsoDate>,
    status: Option<&'a str>,
}

#[derive(Serialize)]
struct RoleOut<'a> {
    actor: Option<&'a str>,
    evidence: &'a str,
    heading: usize,
    mentions: Mentions<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mentions_total: Option<usize>,
    name: &'a str,
    paragraphs: Numbers,
}

/// A range of numbers as a JSON array (serde writes a `Range` as a struct).
struct Numbers(std::ops::Range<usize>);

impl Serialize for Numbers {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.clone())
    }
}

/// The first [`MENTIONS_MAX`] mentions.
struct Mentions<'a>(&'a Document, &'a [Mention]);

#[derive(Serialize)]
struct MentionOut<'a> {
    paragraph: usize,
    quote: &'a str,
    text: &'a str,
}

impl Serialize for Mentions<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Mentions(doc, list) = *self;
        s.collect_seq(list.iter().take(MENTIONS_MAX).map(|m| MentionOut {
            paragraph: m.paragraph() + 1,
            quote: m.sentence(doc),
            text: doc.paragraph(m.paragraph()).get(m.range()).unwrap_or(""),
        }))
    }
}

/// 1-based paragraphs with a mention, ascending, no repeats (mentions are
/// in text order).
struct ProductParagraphs<'a>(&'a [Mention]);

impl Serialize for ProductParagraphs<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut last = None;
        s.collect_seq(self.0.iter().filter_map(|m| {
            let new = last != Some(m.paragraph());
            last = Some(m.paragraph());
            new.then_some(m.paragraph() + 1)
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::detect;

    fn streamed(doc: &Document, a: &Annotations) -> String {
        let mut out = Vec::new();
        write_annotations_json(&mut out, doc, a).expect("writes");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn streaming_prints_what_the_value_prints() {
        let article = include_str!("../../assets/article.txt");
        let big = [article, "\n\n"].concat().repeat(40);
        for text in [article, big.as_str(), ""] {
            let doc = Document::from_text(text);
            let a = detect(&doc);
            let value = serde_json::to_string_pretty(&annotations_json(&doc, &a)).expect("json");
            assert_eq!(streamed(&doc, &a), value);
        }
    }

    #[test]
    fn long_mention_lists_are_capped_with_their_total() {
        let article = include_str!("../../assets/article.txt");
        let doc = Document::from_text(&[article, "\n\n"].concat().repeat(40));
        let a = detect(&doc);
        let v = annotations_json(&doc, &a);
        let alipay = v["products"]
            .as_array()
            .and_then(|ps| ps.iter().find(|p| p["name"] == "Alipay"))
            .expect("Alipay");
        let all = a
            .products
            .iter()
            .find(|p| p.name == "Alipay")
            .expect("Alipay");
        assert!(all.mentions.len() > MENTIONS_MAX);
        assert_eq!(
            alipay["mentions"].as_array().map(Vec::len),
            Some(MENTIONS_MAX)
        );
        assert_eq!(alipay["mentions_total"], all.mentions.len());
        let small = Document::from_text(article);
        let v = annotations_json(&small, &detect(&small));
        assert!(v["products"][0].get("mentions_total").is_none());
    }
}
