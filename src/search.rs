//! Search over the whole document. Pure: a query and a document in, byte
//! ranges per paragraph out, in document order. The UI highlights the
//! matches of the paragraphs it shows (`matches_in`) and steps with `n`/`N`
//! (`next_after`, `prev_before`).
//!
//! Matches are ranges in the paragraphs of the document's current view
//! (repaired or raw): search again after toggling the view.

use std::ops::Range;

use regex::{Regex, RegexBuilder};

use crate::document::{Document, Position};

/// More matches than this are not collected: the count would mean nothing
/// to a reader and the list would cost memory on a huge file.
pub const MAX_MATCHES: usize = 100_000;

/// Compiled program size allowed for a query; a pathological regex is
/// refused (and searched for literally) rather than eating memory.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// How the query text was understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryKind {
    Regex,
    /// Not a valid regex, so the text itself is searched for.
    Literal,
}

#[derive(Debug, Clone)]
pub struct Query {
    text: String,
    kind: QueryKind,
    case_sensitive: bool,
    /// None when even the literal could not be compiled (a query longer
    /// than the size limit): such a query matches nothing.
    regex: Option<Regex>,
}

impl Query {
    /// Smart case (any uppercase letter makes the search case-sensitive),
    /// a regex when the text is a valid one, else a literal.
    pub fn parse(text: &str) -> Query {
        let regex_case = has_uppercase(text, true);
        if let Some(regex) = build(text, regex_case) {
            return Query {
                text: text.to_owned(),
                kind: QueryKind::Regex,
                case_sensitive: regex_case,
                regex: Some(regex),
            };
        }
        let case_sensitive = has_uppercase(text, false);
        Query {
            text: text.to_owned(),
            kind: QueryKind::Literal,
            case_sensitive,
            regex: build(&regex::escape(text), case_sensitive),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn kind(&self) -> QueryKind {
        self.kind
    }

    pub fn case_sensitive(&self) -> bool {
        self.case_sensitive
    }

    /// Whether the query can match anything at all (not empty, compiled).
    pub fn is_searchable(&self) -> bool {
        !self.text.is_empty() && self.regex.is_some()
    }

    /// Non-empty matches in one text, in order.
    pub fn find_in<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        self.regex
            .iter()
            .flat_map(move |regex| regex.find_iter(text))
            .filter(|m| !m.is_empty())
            .map(|m| m.range())
    }
}

fn build(pattern: &str, case_sensitive: bool) -> Option<Regex> {
    RegexBuilder::new(pattern)
        .case_insensitive(!case_sensitive)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .ok()
}

/// Smart case looks at what the reader typed as text: in a regex the letter
/// after a backslash (`\S`, `\B`) is syntax, not an uppercase letter.
fn has_uppercase(text: &str, regex: bool) -> bool {
    let mut escaped = false;
    for c in text.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        if regex && c == '\\' {
            escaped = true;
            continue;
        }
        if c.is_uppercase() {
            return true;
        }
    }
    false
}

/// A match: a byte range in one paragraph's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub paragraph: usize,
    pub range: Range<usize>,
}

impl Match {
    pub fn start(&self) -> Position {
        Position::new(self.paragraph, self.range.start)
    }
}

/// Every match in the document, and whether the list stopped at the limit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub matches: Vec<Match>,
    pub capped: bool,
}

/// Every match over the whole document (all paragraphs, wrapped or not),
/// in order, at most [`MAX_MATCHES`]. See [`find_limited`] to learn whether
/// it was capped.
pub fn find_all(doc: &Document, query: &Query) -> Vec<Match> {
    find_limited(doc, query, MAX_MATCHES).matches
}

/// Every match, at most `limit` of them.
pub fn find_limited(doc: &Document, query: &Query, limit: usize) -> Found {
    let mut found = Found::default();
    if !query.is_searchable() {
        return found;
    }
    for (paragraph, text) in doc.paragraphs().enumerate() {
        for range in query.find_in(text) {
            if found.matches.len() == limit {
                found.capped = true;
                return found;
            }
            found.matches.push(Match { paragraph, range });
        }
    }
    found
}

/// A step to a match: its index, and whether the step went round the end
/// (or the start) of the document to get there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub index: usize,
    pub wrapped: bool,
}

/// The first match starting at `from` or after it (wrapping to the first
/// match): where an incremental search lands from the top of the pane.
pub fn first_from(matches: &[Match], from: Position) -> Option<Step> {
    let index = matches.partition_point(|m| m.start() < from);
    step_forward(matches, index)
}

/// The first match starting after `from` (`n`), wrapping to the first.
pub fn next_after(matches: &[Match], from: Position) -> Option<Step> {
    let index = matches.partition_point(|m| m.start() <= from);
    step_forward(matches, index)
}

fn step_forward(matches: &[Match], index: usize) -> Option<Step> {
    if matches.is_empty() {
        return None;
    }
    Some(if index < matches.len() {
        Step {
            index,
            wrapped: false,
        }
    } else {
        Step {
            index: 0,
            wrapped: true,
        }
    })
}

/// The last match starting before `from` (`N`), wrapping to the last.
pub fn prev_before(matches: &[Match], from: Position) -> Option<Step> {
    let before = matches.partition_point(|m| m.start() < from);
    match before.checked_sub(1) {
        Some(index) => Some(Step {
            index,
            wrapped: false,
        }),
        None => matches.len().checked_sub(1).map(|index| Step {
            index,
            wrapped: true,
        }),
    }
}

/// The matches in one paragraph, found by binary search.
pub fn matches_in(matches: &[Match], paragraph: usize) -> &[Match] {
    let start = matches.partition_point(|m| m.paragraph < paragraph);
    let end = start + matches[start..].partition_point(|m| m.paragraph == paragraph);
    &matches[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{line_of, wrap};
    use proptest::prelude::*;

    fn texts(doc: &Document, matches: &[Match]) -> Vec<String> {
        matches
            .iter()
            .map(|m| doc.paragraph(m.paragraph)[m.range.clone()].to_owned())
            .collect()
    }

    fn doc(text: &str) -> Document {
        Document::from_text(text)
    }

    #[test]
    fn dot_is_a_regex_and_a_lone_paren_is_literal() {
        let d = doc("axb a.b\n\nf(x) and (y)");
        let dot = Query::parse("a.b");
        assert_eq!(dot.kind(), QueryKind::Regex);
        assert_eq!(texts(&d, &find_all(&d, &dot)), vec!["axb", "a.b"]);

        let paren = Query::parse("(");
        assert_eq!(paren.kind(), QueryKind::Literal);
        let found = find_all(&d, &paren);
        assert_eq!(texts(&d, &found), vec!["(", "("]);
        assert!(found.iter().all(|m| m.paragraph == 1));

        let bracket = Query::parse("[note");
        assert_eq!(bracket.kind(), QueryKind::Literal);
        assert_eq!(find_all(&doc("a [note] and a note"), &bracket).len(), 1);
    }

    #[test]
    fn lowercase_ignores_case_and_uppercase_respects_it() {
        let d = doc("Alipay, ALIPAY and alipay.");
        let lower = Query::parse("alipay");
        assert!(!lower.case_sensitive());
        assert_eq!(find_all(&d, &lower).len(), 3);
        let upper = Query::parse("Alipay");
        assert!(upper.case_sensitive());
        assert_eq!(texts(&d, &find_all(&d, &upper)), vec!["Alipay"]);
        // An escape's letter is syntax: \S+ is still a lowercase query.
        let class = Query::parse(r"ali\S+");
        assert!(!class.case_sensitive());
        assert_eq!(find_all(&d, &class).len(), 3);
        // A literal counts every letter, backslash or not.
        assert!(Query::parse(r"(\A").case_sensitive());
    }

    #[test]
    fn a_match_across_a_wrap_point_is_one_match() {
        let text = "the quick brown fox jumps over the lazy dog";
        let d = doc(text);
        let query = Query::parse("brown fox jumps");
        let found = find_all(&d, &query);
        assert_eq!(found.len(), 1);
        let lines = wrap(d.paragraph(0), 12);
        let m = &found[0];
        assert_ne!(
            line_of(&lines, m.range.start),
            line_of(&lines, m.range.end - 1),
            "the match spans lines {lines:?}"
        );
        // Unwrapped, the same search finds the same range.
        assert_eq!(&text[m.range.clone()], "brown fox jumps");
    }

    #[test]
    fn searches_paragraphs_never_shown() {
        let mut text = String::new();
        for i in 0..2000 {
            text.push_str(&format!("Paragraph {i} ends here.\n\n"));
        }
        text.push_str("The needle is at the end.");
        let d = doc(&text);
        let found = find_all(&d, &Query::parse("needle"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].paragraph, d.len() - 1);
    }

    #[test]
    fn cjk_matches_on_character_boundaries() {
        let d = doc("支付宝这次输了。\n\n阿里巴巴和支付宝的平台角色");
        let found = find_all(&d, &Query::parse("支付宝"));
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0],
            Match {
                paragraph: 0,
                range: 0..9
            }
        );
        assert_eq!(found[1].paragraph, 1);
        assert_eq!(texts(&d, &found), vec!["支付宝", "支付宝"]);
        let any = find_all(&d, &Query::parse("平.角"));
        assert_eq!(texts(&d, &any), vec!["平台角"]);
    }

    #[test]
    fn empty_matches_are_skipped() {
        let d = doc("abc");
        assert!(find_all(&d, &Query::parse("x*")).is_empty());
        assert!(find_all(&d, &Query::parse("")).is_empty());
        assert!(find_all(&d, &Query::parse("^")).is_empty());
        assert_eq!(find_all(&d, &Query::parse("b*")).len(), 1);
    }

    #[test]
    fn the_list_is_capped_and_says_so() {
        let d = doc(&"ab ".repeat(50));
        let found = find_limited(&d, &Query::parse("ab"), 10);
        assert_eq!(found.matches.len(), 10);
        assert!(found.capped);
        let all = find_limited(&d, &Query::parse("ab"), 50);
        assert_eq!(all.matches.len(), 50);
        assert!(!all.capped);
    }

    #[test]
    fn a_huge_regex_is_refused_and_searched_literally() {
        let query = Query::parse("(a{1000}){1000}");
        assert_eq!(query.kind(), QueryKind::Literal);
        let d = doc("x (a{1000}){1000} y");
        assert_eq!(find_all(&d, &query).len(), 1);
    }

    fn at(paragraph: usize, start: usize) -> Match {
        Match {
            paragraph,
            range: start..start + 1,
        }
    }

    #[test]
    fn stepping_wraps_both_ways_and_says_so() {
        let m = [at(0, 5), at(2, 0), at(2, 7), at(9, 1)];
        let step = |index, wrapped| Some(Step { index, wrapped });
        assert_eq!(next_after(&m, Position::new(0, 0)), step(0, false));
        assert_eq!(next_after(&m, Position::new(0, 5)), step(1, false));
        assert_eq!(next_after(&m, Position::new(2, 0)), step(2, false));
        assert_eq!(next_after(&m, Position::new(9, 1)), step(0, true));
        assert_eq!(prev_before(&m, Position::new(9, 1)), step(2, false));
        assert_eq!(prev_before(&m, Position::new(2, 0)), step(0, false));
        assert_eq!(prev_before(&m, Position::new(0, 5)), step(3, true));
        assert_eq!(first_from(&m, Position::new(2, 0)), step(1, false));
        assert_eq!(first_from(&m, Position::new(9, 2)), step(0, true));
        assert_eq!(next_after(&[], Position::default()), None);
        assert_eq!(prev_before(&[], Position::default()), None);
    }

    #[test]
    fn matches_in_a_paragraph_by_binary_search() {
        let m: Vec<Match> = (0..500_000)
            .step_by(3)
            .flat_map(|p| [at(p, 0), at(p, 4)])
            .collect();
        assert_eq!(matches_in(&m, 300_000), &[at(300_000, 0), at(300_000, 4)]);
        assert!(matches_in(&m, 300_001).is_empty());
        assert!(matches_in(&m, 9_999_999).is_empty());
        assert!(matches_in(&[], 0).is_empty());
    }

    proptest! {
        #[test]
        fn ranges_are_non_empty_ordered_and_on_char_boundaries(
            text in "([a-zA-Z]{1,8}|[ ]{1,2}|中文|支付宝|👩‍👩‍👧|é|e\u{301}|\n\n|\\.|\\(){0,30}",
            query in "([a-z]|[A-Z]|中|宝|é|\\.|\\*|\\(|\\+|e\u{301}|\\?){1,4}",
        ) {
            let d = doc(&text);
            let found = find_all(&d, &Query::parse(&query));
            let mut last = Position::default();
            for m in &found {
                let para = d.paragraph(m.paragraph);
                prop_assert!(m.range.start < m.range.end && m.range.end <= para.len());
                prop_assert!(para.is_char_boundary(m.range.start));
                prop_assert!(para.is_char_boundary(m.range.end));
                prop_assert!(m.start() >= last);
                last = m.start();
            }
        }
    }
}
