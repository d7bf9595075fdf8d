//! Readability's scoring: which elements are furniture, which hold the
//! article, and its title.

use html5ever::tokenizer::Tag;

use super::page::{Element, Kind, Page, Piece, attribute};
use crate::format::out::Out;

/// Page furniture, dropped with all it holds.
const FURNITURE: &[&str] = &["nav", "aside", "footer", "form", "menu", "dialog"];

/// Class or id words of what is not the article (readability's list, shortened).
const UNLIKELY: &[&str] = &[
    "advert",
    "banner",
    "breadcrumb",
    "combx",
    "comment",
    "community",
    "cookie",
    "disqus",
    "footer",
    "gdpr",
    "header",
    "masthead",
    "menu",
    "modal",
    "newsletter",
    "nav",
    "pager",
    "pagination",
    "popup",
    "promo",
    "related",
    "remark",
    "replies",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "subscribe",
    "widget",
];
/// Words that keep an element whose class also reads unlikely.
const MAYBE: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "post", "story",
];
const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog",
    "story",
];
const NEGATIVE: &[&str] = &[
    "hidden", "comment", "com-", "contact", "foot", "footer", "footnote", "masthead", "media",
    "meta", "outbrain", "promo", "related", "scroll", "shoutbox", "sidebar", "sponsor", "shopping",
    "tags", "tool", "widget",
];
/// A paragraph shorter than this does not score.
const MIN_SCORED_CHARS: usize = 25;

/// Whether a class and id read like furniture. "ad" is a word of its own
/// ("ad", "ads", "ad-slot", "top-ad"): as a substring it is in "head" and "load".
fn is_unlikely(class: &str) -> bool {
    let ad = class
        .split(|c: char| c.is_whitespace() || c == '_')
        .any(|word| {
            word == "ad" || word == "ads" || word.starts_with("ad-") || word.ends_with("-ad")
        });
    ad || UNLIKELY.iter().any(|w| class.contains(w))
}

/// Whether an element is page furniture, dropped with all it holds.
pub(super) fn is_furniture(tag: &Tag, class: &str, inside_article: bool) -> bool {
    let name: &str = &tag.name;
    let role = attribute(tag, "role").unwrap_or("");
    let hidden_attr = tag.attrs.iter().any(|a| &*a.name.local == "hidden")
        || attribute(tag, "aria-hidden") == Some("true")
        || attribute(tag, "style").is_some_and(|s| {
            let s = s.replace(' ', "").to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        });
    FURNITURE.contains(&name)
        // A header inside the article holds its title and byline.
        || (name == "header" && !inside_article)
        || matches!(role, "navigation" | "banner" | "contentinfo" | "complementary" | "menu")
        || hidden_attr
        || (name != "body"
            && name != "html"
            && is_unlikely(class)
            && !MAYBE.iter().any(|w| class.contains(w)))
}

/// Readability's weight of an element's tag, class and id.
pub(super) fn weight(name: &str, class: &str) -> f32 {
    let mut weight = match name {
        "div" => 5.0,
        "article" => 10.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    if POSITIVE.iter().any(|w| class.contains(w)) {
        weight += 25.0;
    }
    if NEGATIVE.iter().any(|w| class.contains(w)) {
        weight -= 25.0;
    }
    weight
}

impl Page {
    /// Scores the elements; returns those that hold the article.
    pub(super) fn article(&mut self) -> Option<Vec<bool>> {
        for piece in self.pieces.iter().filter(|p| !p.dropped) {
            let mut at = Some(piece.container);
            let mut level = 0;
            let scored = piece.chars >= MIN_SCORED_CHARS
                && matches!(piece.kind, Kind::Paragraph | Kind::Item { .. } | Kind::Code);
            let points = 1.0 + piece.commas as f32 + (piece.chars as f32 / 100.0).min(3.0);
            while let Some(e) = at.filter(|&e| e < self.elements.len()) {
                let element = &mut self.elements[e];
                element.chars += piece.chars;
                element.link_chars += piece.link_chars;
                if scored && level < 3 {
                    if element.score == 0.0 {
                        element.score = element.weight;
                    }
                    element.score += points / [1.0, 2.0, 6.0][level];
                }
                level += 1;
                at = element.parent;
            }
        }
        let final_score = |e: &Element| {
            let density = if e.chars == 0 {
                0.0
            } else {
                e.link_chars as f32 / e.chars as f32
            };
            e.score * (1.0 - density)
        };
        let (top, best) = self
            .elements
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.dropped && e.score != 0.0)
            .map(|(i, e)| (i, final_score(e)))
            .max_by(|a, b| a.1.total_cmp(&b.1))?;
        if best <= 0.0 {
            return None;
        }
        let parent = self.elements[top].parent;
        let threshold = (best * 0.2).max(10.0);
        let chosen: Vec<bool> = self
            .elements
            .iter()
            .enumerate()
            .map(|(i, e)| {
                i == top
                    || (parent.is_some()
                        && e.parent == parent
                        && !e.dropped
                        && final_score(e) >= threshold)
            })
            .collect();
        Some(chosen)
    }

    /// Whether `element` is chosen or inside a chosen one (elements that
    /// came after the choice are inside one or not).
    pub(super) fn within(&self, chosen: &[bool], element: usize) -> bool {
        let mut at = Some(element);
        while let Some(e) = at.filter(|&e| e < self.elements.len()) {
            if chosen.get(e) == Some(&true) {
                return true;
            }
            at = self.elements[e].parent;
        }
        false
    }

    /// Which pieces to keep: those in the article once it is chosen (or
    /// all that are not furniture when the page has none).
    pub(super) fn keeps(&self, chosen: Option<&[bool]>, piece: &Piece) -> bool {
        match chosen {
            Some(chosen) => !piece.dropped && self.within(chosen, piece.container),
            None => !piece.dropped,
        }
    }

    /// The article's title: an `<h1>` that the `<title>` names, else the
    /// `<title>` without the site's name, else the first `<h1>`.
    pub(super) fn title_text(&self, keep: &[bool]) -> Option<String> {
        let h1s: Vec<(String, bool)> = self
            .pieces
            .iter()
            .zip(keep)
            .filter(|(p, _)| p.kind == Kind::Heading(1))
            .map(|(p, k)| (p.heading_text(), *k))
            .collect();
        let title = self.title.as_deref().map(|t| {
            let mut one = Out::default();
            one.push(t);
            one.finish()
        });
        if let Some(title) = title.as_deref().filter(|t| !t.is_empty()) {
            if let Some((h1, _)) = h1s
                .iter()
                .find(|(h, _)| !h.is_empty() && title.contains(h.as_str()))
            {
                return Some(h1.clone());
            }
            return Some(without_site_name(title).to_owned());
        }
        h1s.iter()
            .find(|(_, kept)| *kept)
            .or(h1s.first())
            .map(|(h, _)| h.clone())
    }
}

/// "How X works | Site" is "How X works": the first part between
/// separators when it reads as a title (three words or more), else the longest.
fn without_site_name(title: &str) -> &str {
    let mut parts = vec![title];
    for separator in [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / "] {
        parts = parts.iter().flat_map(|p| p.split(separator)).collect();
    }
    let parts: Vec<&str> = parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    match parts.first() {
        Some(first) if first.split_whitespace().nth(2).is_some() => first,
        _ => parts
            .into_iter()
            .max_by_key(|p| p.chars().count())
            .unwrap_or(title),
    }
}
