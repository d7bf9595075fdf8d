//! Reading notes and bookmark listings for `--bookmarks` and `--export`.
//! Pure: text in, text out.

use serde_json::{Value, json};

use crate::bookmarks::{ArticleState, Bookmark};
use crate::corrections::{Corrected, Origin};
use crate::detect::Annotations;
use crate::document::{Document, View};
use crate::highlights::Highlight;
use crate::user_rules::UserRules;

/// `--bookmarks`: the bookmarks as a JSON array, paragraphs numbered from 1.
pub fn bookmarks_json(state: &ArticleState) -> String {
    let list: Vec<Value> = state.bookmarks.iter().map(bookmark_value).collect();
    pretty(&Value::Array(list))
}

fn bookmark_value(b: &Bookmark) -> Value {
    json!({
        "paragraph": b.paragraph + 1,
        "byte": b.byte,
        "quote": b.quote,
        "note": b.note,
        "created": b.created,
        "orphaned": b.orphaned,
    })
}

/// `--annotations` of an article with corrections: detection's JSON of the
/// corrected annotations; each role and product the reader made or changed
/// says so (`"user": "added"` or `"edited"`), and the entries dismissed and
/// the corrections that apply to nothing any more are listed.
pub fn corrected_json(doc: &Document, corrected: &Corrected) -> Value {
    let mut value = crate::detect::annotations_json(doc, &corrected.annotations);
    for (list, origins) in [
        ("roles", &corrected.roles),
        ("products", &corrected.products),
    ] {
        let Some(items) = value.get_mut(list).and_then(Value::as_array_mut) else {
            continue;
        };
        for (item, origin) in items.iter_mut().zip(origins) {
            let user = match origin {
                Origin::Detected(_) => continue,
                Origin::Edited { .. } => "edited",
                Origin::Added { .. } => "added",
            };
            item["user"] = json!(user);
        }
    }
    let dismissed: Vec<Value> = (corrected.dismissed.iter())
        .map(|d| {
            json!({
                "kind": d.target.kind,
                "name": d.target.name,
                "paragraph": d.target.paragraph + 1,
            })
        })
        .collect();
    value["dismissed"] = Value::Array(dismissed);
    value["unmatched"] = serde_json::to_value(&corrected.unmatched).unwrap_or(Value::Null);
    value
}

/// Marks the roles and products of `value` (the JSON of `annotations`)
/// that only the user's rules found: `"source": "your rules"`.
pub fn mark_users_rules(value: &mut Value, annotations: &Annotations, rules: &UserRules) {
    let roles = annotations.roles.iter().map(|r| rules.owns_role(r));
    let products = annotations.products.iter().map(|p| rules.owns_product(p));
    let lists: [(&str, Vec<bool>); 2] =
        [("roles", roles.collect()), ("products", products.collect())];
    for (list, theirs) in lists {
        let Some(items) = value.get_mut(list).and_then(Value::as_array_mut) else {
            continue;
        };
        for (item, theirs) in items.iter_mut().zip(theirs) {
            if theirs {
                item["source"] = json!("your rules");
            }
        }
    }
}

/// The sentence around a bookmark, in the repaired view where bookmarks live.
pub fn sentence_around(doc: &Document, bookmark: &Bookmark) -> String {
    let text = doc.paragraph_of(View::Repaired, bookmark.paragraph);
    let byte = bookmark.byte.min(text.len());
    let range = crate::detect::sentence_at(text, byte);
    text.get(range).unwrap_or_default().to_owned()
}

/// The sentences a highlight is in (from the start of the first to the
/// end of the last), in the repaired view where highlights live.
pub fn sentences_around(doc: &Document, h: &Highlight) -> String {
    let text = doc.paragraph_of(View::Repaired, h.paragraph);
    let (start, end) = (h.start.min(text.len()), h.end.min(text.len()));
    let first = crate::detect::sentence_at(text, start);
    let last = crate::detect::sentence_at(text, end.saturating_sub(1).max(start));
    let range = first.start.min(start)..last.end.max(end);
    text.get(range).unwrap_or_default().trim().to_owned()
}

fn highlight_value(doc: &Document, h: &Highlight) -> Value {
    json!({
        "paragraph": h.paragraph + 1,
        "start": h.start,
        "end": h.end,
        "quote": h.quote,
        "colour": h.colour.name(),
        "note": h.note,
        "sentence": sentences_around(doc, h),
        "created": h.created,
        "orphaned": h.orphaned,
    })
}

/// The highlights as a reader keeps them in a notebook: the quote, then
/// where it is, its colour and the note.
fn highlights_md(doc: &Document, state: &ArticleState, out: &mut String) {
    out.push_str("\n## Highlights\n\n");
    if state.highlights.is_empty() {
        out.push_str("None yet.\n");
    }
    for h in &state.highlights {
        let quote = h.quote.replace('\n', " ");
        out.push_str(&format!("> {quote}\n\n"));
        let gone = if h.orphaned {
            " · text no longer found"
        } else {
            ""
        };
        out.push_str(&format!(
            "— ¶{} · {}{gone}\n\n",
            h.paragraph + 1,
            h.colour.name()
        ));
        if let Some(note) = &h.note {
            out.push_str(&format!("**Note:** {note}\n\n"));
        }
        let context = sentences_around(doc, h);
        if context != h.quote.trim() && !h.orphaned {
            out.push_str(&format!("*In context:* {context}\n\n"));
        }
    }
}

/// `--export md`: title, what was detected, then each highlight and bookmark.
pub fn reading_note_md(
    doc: &Document,
    name: &str,
    annotations: &Annotations,
    state: &ArticleState,
) -> String {
    let mut out = String::new();
    let title = doc.title().unwrap_or(name);
    out.push_str(&format!("# {title}\n\n"));
    out.push_str(&format!("Source: {name} · {} paragraphs\n\n", doc.len()));
    out.push_str("## Sections\n\n");
    for section in &annotations.sections {
        out.push_str(&format!(
            "- ¶{} {}\n",
            section.paragraph + 1,
            section.title(doc)
        ));
    }
    highlights_md(doc, state, &mut out);
    out.push_str("\n## Bookmarks\n\n");
    if state.bookmarks.is_empty() {
        out.push_str("None yet.\n");
    }
    for b in &state.bookmarks {
        let orphan = if b.orphaned {
            " (text no longer found)"
        } else {
            ""
        };
        out.push_str(&format!("### ¶{}{orphan}\n\n", b.paragraph + 1));
        out.push_str(&format!("> {}\n\n", b.quote));
        if let Some(note) = &b.note {
            out.push_str(&format!("Note: {note}\n\n"));
        }
        out.push_str(&format!("Context: {}\n\n", sentence_around(doc, b)));
    }
    out
}

/// `--export json`: the same reading note as JSON.
pub fn reading_note_json(
    doc: &Document,
    name: &str,
    annotations: &Annotations,
    state: &ArticleState,
) -> String {
    let bookmarks: Vec<Value> = state
        .bookmarks
        .iter()
        .map(|b| {
            let mut value = bookmark_value(b);
            value["sentence"] = Value::String(sentence_around(doc, b));
            value
        })
        .collect();
    let sections: Vec<Value> = annotations
        .sections
        .iter()
        .map(|s| json!({ "title": s.title(doc), "paragraph": s.paragraph + 1 }))
        .collect();
    pretty(&json!({
        "title": doc.title().unwrap_or(name),
        "source": name,
        "paragraphs": doc.len(),
        "sections": sections,
        "highlights": state.highlights.iter().map(|h| highlight_value(doc, h)).collect::<Vec<_>>(),
        "bookmarks": bookmarks,
    }))
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bookmarks::{ArticleId, Op};
    use crate::detect::detect;
    use crate::document::Position;

    #[test]
    fn entries_only_the_users_rules_found_say_so() {
        let own = crate::detect::Rules::from_toml(
            "[[product]]\nname = \"Internet\"\n[[product]]\nname = \"Alipay\"\n",
            "mine.toml",
        )
        .expect("parses");
        let rules = UserRules::new(crate::detect::Rules::bundled(), own);
        let doc = crate::load::load_bytes(include_bytes!("../../assets/article.txt")).expect("doc");
        let a = crate::detect::detect_with(&doc, &rules.merged());
        let mut value = crate::detect::annotations_json(&doc, &a);
        mark_users_rules(&mut value, &a, &rules);
        let sources: Vec<(&str, &Value)> = (value["products"].as_array().expect("list").iter())
            .map(|p| (p["name"].as_str().unwrap_or(""), &p["source"]))
            .filter(|(_, source)| !source.is_null())
            .collect();
        assert_eq!(sources, vec![("Internet", &json!("your rules"))]);
        assert!(
            value["roles"]
                .as_array()
                .expect("list")
                .iter()
                .all(|r| r["source"].is_null())
        );
    }

    fn setup() -> (Document, ArticleState) {
        let doc =
            crate::load::load_bytes(include_bytes!("../../assets/article.txt")).expect("loads");
        let mut state = ArticleState::new(ArticleId::of(&doc));
        let mut bookmark = Bookmark::new(&doc, Position::new(3, 0), Some("the platform".into()));
        bookmark.created = "2026-11-23T00:00:00Z".into();
        state.apply(Op::Add(bookmark));
        (doc, state)
    }

    #[test]
    fn bookmarks_json_has_the_documented_fields() {
        let (_, state) = setup();
        let value: Value = serde_json::from_str(&bookmarks_json(&state)).expect("json");
        let first = &value[0];
        assert_eq!(first["paragraph"], 4);
        assert_eq!(first["note"], "the platform");
        assert!(
            first["quote"]
                .as_str()
                .is_some_and(|q| q.starts_with("platform role."))
        );
        assert_eq!(first["created"], "2026-11-23T00:00:00Z");
    }

    #[test]
    fn markdown_note_has_title_sections_and_bookmarks() {
        let (doc, state) = setup();
        let md = reading_note_md(&doc, "article.txt", &detect(&doc), &state);
        assert!(md.starts_with("# This time, Alipay lost in\n"));
        assert!(md.contains("## Bookmarks"));
        assert!(md.contains("### ¶4"));
        assert!(md.contains("Note: the platform"));
        assert!(md.contains("Context: platform role."));
    }

    #[test]
    fn json_note_parses() {
        let (doc, state) = setup();
        let value: Value =
            serde_json::from_str(&reading_note_json(&doc, "a", &detect(&doc), &state))
                .expect("json");
        assert_eq!(value["paragraphs"], 10);
        assert_eq!(value["bookmarks"][0]["sentence"], "platform role.");
    }

    #[test]
    fn highlights_are_in_both_notes_with_their_sentences() {
        let (doc, mut state) = setup();
        let text = doc.paragraph_of(View::Repaired, 3);
        let start = text.find("Alipay").expect("in ¶4");
        let colour = crate::highlights::Colour::Pink;
        let h = Highlight::new(&doc, 3, start..start + 6, colour, Some("who".into()));
        state.apply(Op::Highlight(crate::highlights::HighlightOp::Add(h)));
        let md = reading_note_md(&doc, "article.txt", &detect(&doc), &state);
        let from = md.find("## Highlights").expect("a highlights section");
        let part = &md[from..md.find("## Bookmarks").expect("bookmarks after")];
        assert!(
            part.contains("> Alipay\n\n— ¶4 · pink\n\n**Note:** who"),
            "{part}"
        );
        assert!(
            part.contains("*In context:* This is the Alipay play"),
            "{part}"
        );
        let value: Value =
            serde_json::from_str(&reading_note_json(&doc, "a", &detect(&doc), &state))
                .expect("json");
        let first = &value["highlights"][0];
        assert_eq!(
            (first["quote"].as_str(), first["colour"].as_str()),
            (Some("Alipay"), Some("pink"))
        );
        assert_eq!(
            (first["paragraph"].as_u64(), first["note"].as_str()),
            (Some(4), Some("who"))
        );
        assert!(
            first["sentence"]
                .as_str()
                .is_some_and(|s| s.starts_with("This is the Alipay play"))
        );
    }

    #[test]
    fn sentence_around_finds_the_middle_sentence() {
        let doc = Document::from_text("T\n\nOne two. Three four! Five.");
        let mut state = ArticleState::new(ArticleId::of(&doc));
        state.apply(Op::Add(Bookmark::new(&doc, Position::new(1, 12), None)));
        assert_eq!(sentence_around(&doc, &state.bookmarks[0]), "Three four!");
    }
}
