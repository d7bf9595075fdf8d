//! Detection: what the article says, found in one pass over the document.
//! Pure: `&Document` in, [`Annotations`] out.

mod sections;

use serde::Serialize;

use crate::document::Document;

pub use sections::detect_sections;

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

/// Everything detected in a document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Annotations {
    pub sections: Vec<Section>,
}

/// Runs every detector over the document.
pub fn detect(doc: &Document) -> Annotations {
    Annotations {
        sections: detect_sections(doc),
    }
}
