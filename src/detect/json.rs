//! The machine-readable form of [`Annotations`], for `margin --annotations`.
//! Paragraph numbers are 1-based, as shown in the pane. Schema:
//! `docs/annotations.md`.

use serde_json::{Value, json};

use super::{Annotations, Mention};
use crate::document::Document;

/// Schema version; bump when a field changes meaning or goes away.
pub const SCHEMA_VERSION: u32 = 1;

/// The detection as JSON (see `docs/annotations.md`).
pub fn annotations_json(doc: &Document, a: &Annotations) -> Value {
    let roles: Vec<Value> = a
        .roles
        .iter()
        .map(|r| {
            json!({
                "name": r.name,
                "paragraphs": (r.paragraphs.start + 1..r.paragraphs.end + 1).collect::<Vec<_>>(),
                "heading": r.heading_paragraph + 1,
                "actor": r.actor,
                "evidence": r.evidence,
                "mentions": mentions(doc, &r.mentions),
            })
        })
        .collect();
    let products: Vec<Value> = a
        .products
        .iter()
        .map(|p| {
            let mut paragraphs: Vec<usize> = p.mentions.iter().map(|m| m.paragraph + 1).collect();
            paragraphs.dedup();
            json!({
                "name": p.name,
                "known": p.known,
                "aliases": p.aliases,
                "paragraphs": paragraphs,
                "outcome": p.outcome,
                "facts": {
                    "owner": p.owner,
                    "launched": p.launched,
                    "fate": p.fate,
                },
                "mentions": mentions(doc, &p.mentions),
            })
        })
        .collect();
    let sections: Vec<Value> = a
        .sections
        .iter()
        .map(|s| json!({"title": s.title, "paragraph": s.paragraph + 1, "kind": s.kind}))
        .collect();
    let dates: Vec<Value> = a
        .dates
        .iter()
        .map(|d| json!({"text": d.text, "iso": d.iso, "paragraph": d.paragraph + 1}))
        .collect();
    json!({
        "version": SCHEMA_VERSION,
        "title": doc.title().unwrap_or(""),
        "paragraphs": doc.len(),
        "sections": sections,
        "roles": roles,
        "products": products,
        "dates": dates,
    })
}

fn mentions(doc: &Document, list: &[Mention]) -> Vec<Value> {
    list.iter()
        .map(|m| {
            json!({
                "paragraph": m.paragraph + 1,
                "text": doc.paragraph(m.paragraph).get(m.range.clone()).unwrap_or(""),
                "quote": m.sentence,
            })
        })
        .collect()
}
