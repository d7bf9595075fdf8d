//! Search over the whole document. Pure: a query and a document in, byte
//! ranges per paragraph out, in document order.
//!
//! The reader does not list every match: [`Matches`] searches a block of
//! paragraphs when drawing or a step needs it, and [`Counts`], one pass over
//! the document (in the background for a big one), tells which blocks hold
//! matches and how many, so `n`/`N` and "match i/N" cost a binary search and
//! one block's search on a 100 MB article. [`find_all`] and the list
//! functions (`first_from`, `next_after`, `prev_before`, `matches_in`) are
//! the straightforward version, which the block index is tested against.
//!
//! Matches are ranges in the paragraphs of the document's current view
//! (repaired or raw): search again after toggling the view.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::{Deref, Range};
use std::rc::Rc;

use regex::{Regex, RegexBuilder};

use crate::document::{Document, Position};

/// More matches than this are not collected by [`find_all`]: the list would
/// cost memory on a huge file (the reader counts them instead: [`Counts`]).
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

/// Paragraphs per block: the index has one count per block (4 500 for the
/// 290 000 paragraphs of the 100 MB test file), and a step searches one
/// block, tens of kilobytes of ordinary text.
pub const BLOCK_PARAGRAPHS: usize = 64;

/// How many matches each block of paragraphs holds, as running totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts {
    block: usize,
    /// For each block, the matches in it and every block before it.
    ends: Vec<usize>,
}

impl Counts {
    /// Counts the matches of `query` in blocks of `block` paragraphs, or
    /// gives up (None) as soon as `stop` says so: it is asked before each
    /// paragraph, as a search typed over is not worth finishing.
    pub fn count(
        doc: &Document,
        query: &Query,
        block: usize,
        stop: &dyn Fn() -> bool,
    ) -> Option<Counts> {
        let block = block.max(1);
        let mut ends = Vec::with_capacity(doc.len().div_ceil(block));
        let mut total = 0;
        for (paragraph, text) in doc.paragraphs().enumerate() {
            if stop() {
                return None;
            }
            if paragraph > 0 && paragraph % block == 0 {
                ends.push(total);
            }
            total += query.find_in(text).count();
        }
        if !doc.is_empty() {
            ends.push(total);
        }
        Some(Counts { block, ends })
    }

    pub fn total(&self) -> usize {
        self.ends.last().copied().unwrap_or(0)
    }

    /// Matches in the blocks before `block`.
    fn before(&self, block: usize) -> usize {
        match block.checked_sub(1) {
            Some(last) => self.ends.get(last).copied().unwrap_or(self.total()),
            None => 0,
        }
    }

    /// The first block from `block` on that holds a match.
    fn next_holding(&self, block: usize) -> Option<usize> {
        let before = self.before(block);
        let next = self.ends.partition_point(|&end| end <= before);
        (next < self.ends.len()).then_some(next)
    }

    /// The last block up to `block` (included) that holds a match.
    fn prev_holding(&self, block: usize) -> Option<usize> {
        let upto = self.before(block + 1);
        (upto > 0).then(|| self.ends.partition_point(|&end| end < upto))
    }
}

/// A step to a match: the match, and whether it went round the end (or the
/// start) of the document to get there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Landing {
    pub found: Match,
    pub wrapped: bool,
}

/// A step without the counts ran out of its budget before finding a match:
/// it waits for the counts, which find it at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unfinished;

/// Which match a step looks for, from a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    /// The first at or after it: where typing lands.
    First,
    /// The first after it (`n`).
    Next,
    /// The last before it (`N`).
    Prev,
}

/// The matches of one paragraph: part of its block's list, shared.
#[derive(Debug, Clone, Default)]
pub struct ParagraphMatches {
    block: Rc<[Match]>,
    range: Range<usize>,
}

impl Deref for ParagraphMatches {
    type Target = [Match];

    fn deref(&self) -> &[Match] {
        self.block.get(self.range.clone()).unwrap_or(&[])
    }
}

/// Blocks kept searched: a screen shows a few, and a step searches one.
const BLOCK_CACHE: usize = 64;

/// Paragraphs kept searched on their own, for drawing (as `WrapCache`).
const PARAGRAPH_CACHE: usize = 4096;

/// A searched block, and what it was searched in: the end of its
/// paragraphs and the last one's length (the text still grows while a file
/// loads).
type Searched = (usize, usize, Rc<[Match]>);

/// A paragraph searched alone: its text length then, and its matches.
type SearchedParagraph = (usize, Rc<[Match]>);

/// The matches of one query, found a block at a time as drawing and
/// stepping need them, with the counts once they are known.
#[derive(Debug, Clone)]
pub struct Matches {
    query: Query,
    block: usize,
    counts: Option<Counts>,
    searched: RefCell<HashMap<usize, Searched>>,
    /// Paragraphs drawn outside a searched block, with their text length:
    /// a filter shows paragraphs from many blocks, and searching each
    /// block whole for one of its paragraphs would cost per screen.
    paragraphs: RefCell<HashMap<usize, SearchedParagraph>>,
}

impl Matches {
    pub fn new(query: Query, block: usize) -> Self {
        Matches {
            query,
            block: block.max(1),
            counts: None,
            searched: RefCell::default(),
            paragraphs: RefCell::default(),
        }
    }

    pub fn query(&self) -> &Query {
        &self.query
    }

    pub fn block_paragraphs(&self) -> usize {
        self.block
    }

    pub fn counts(&self) -> Option<&Counts> {
        self.counts.as_ref()
    }

    /// Takes the counts (ignored if counted in blocks of another size).
    pub fn set_counts(&mut self, counts: Counts) {
        if counts.block == self.block {
            self.counts = Some(counts);
        }
    }

    /// Every match in the document, once counted.
    pub fn total(&self) -> Option<usize> {
        self.counts.as_ref().map(Counts::total)
    }

    fn paragraphs_of(&self, doc: &Document, block: usize) -> Range<usize> {
        let start = block.saturating_mul(self.block).min(doc.len());
        start..start.saturating_add(self.block).min(doc.len())
    }

    fn blocks(&self, doc: &Document) -> usize {
        doc.len().div_ceil(self.block)
    }

    /// The matches of block `block` if it was searched, for the text as it is.
    fn searched_block(&self, doc: &Document, block: usize) -> Option<Rc<[Match]>> {
        let paragraphs = self.paragraphs_of(doc, block);
        let last_len = paragraphs
            .end
            .checked_sub(1)
            .map_or(0, |p| doc.paragraph(p).len());
        self.searched
            .borrow()
            .get(&block)
            .filter(|(end, len, _)| (*end, *len) == (paragraphs.end, last_len))
            .map(|(_, _, found)| Rc::clone(found))
    }

    fn search(&self, doc: &Document, paragraphs: Range<usize>) -> Rc<[Match]> {
        let mut found = Vec::new();
        for paragraph in paragraphs {
            let text = doc.paragraph(paragraph);
            found.extend(
                self.query
                    .find_in(text)
                    .map(|range| Match { paragraph, range }),
            );
        }
        found.into()
    }

    /// The matches of block `block`, searched once.
    fn block(&self, doc: &Document, block: usize) -> Rc<[Match]> {
        if let Some(found) = self.searched_block(doc, block) {
            return found;
        }
        let paragraphs = self.paragraphs_of(doc, block);
        let last_len = paragraphs
            .end
            .checked_sub(1)
            .map_or(0, |p| doc.paragraph(p).len());
        let found = self.search(doc, paragraphs.clone());
        let mut searched = self.searched.borrow_mut();
        if searched.len() >= BLOCK_CACHE {
            searched.clear();
        }
        searched.insert(block, (paragraphs.end, last_len, Rc::clone(&found)));
        found
    }

    fn paragraph(&self, doc: &Document, paragraph: usize) -> Rc<[Match]> {
        let len = doc.paragraph(paragraph).len();
        if let Some((_, found)) = self
            .paragraphs
            .borrow()
            .get(&paragraph)
            .filter(|(searched, _)| *searched == len)
        {
            return Rc::clone(found);
        }
        let end = (paragraph + 1).min(doc.len());
        let found = self.search(doc, paragraph.min(end)..end);
        let mut paragraphs = self.paragraphs.borrow_mut();
        if paragraphs.len() >= PARAGRAPH_CACHE {
            paragraphs.clear();
        }
        paragraphs.insert(paragraph, (len, Rc::clone(&found)));
        found
    }

    fn block_bytes(&self, doc: &Document, block: usize) -> usize {
        self.paragraphs_of(doc, block)
            .map(|p| doc.paragraph(p).len())
            .sum()
    }

    /// The matches in paragraph `paragraph`: from its block when that was
    /// searched, else searched alone.
    pub fn in_paragraph(&self, doc: &Document, paragraph: usize) -> ParagraphMatches {
        let block = self
            .searched_block(doc, paragraph / self.block)
            .unwrap_or_else(|| self.paragraph(doc, paragraph));
        let start = block.partition_point(|m| m.paragraph < paragraph);
        let end = start + block[start..].partition_point(|m| m.paragraph == paragraph);
        ParagraphMatches {
            block,
            range: start..end,
        }
    }

    /// The 1-based number of match `found` among all, once counted.
    pub fn number(&self, doc: &Document, found: &Match) -> Option<usize> {
        let counts = self.counts.as_ref()?;
        let block = found.paragraph / self.block;
        let before = self
            .block(doc, block)
            .partition_point(|m| m.start() < found.start());
        Some(counts.before(block) + before + 1)
    }

    /// The match `way` of `from`, wrapping at the ends. With the counts it
    /// searches at most two blocks; without, block after block, and gives up
    /// once more than `budget` bytes were searched (None: no limit).
    pub fn step(
        &self,
        doc: &Document,
        from: Position,
        way: Way,
        budget: Option<usize>,
    ) -> Result<Option<Landing>, Unfinished> {
        let blocks = self.blocks(doc);
        let Some(last) = blocks.checked_sub(1) else {
            return Ok(None);
        };
        let start = (from.paragraph / self.block).min(last);
        let landing = |found: Option<&Match>, wrapped| {
            found.map(|found| Landing {
                found: found.clone(),
                wrapped,
            })
        };
        let here = self.block(doc, start);
        let forward = way != Way::Prev;
        let split = here.partition_point(|m| match way {
            Way::First => m.start() < from,
            Way::Next => m.start() <= from,
            Way::Prev => m.start() < from,
        });
        if forward && split < here.len() {
            return Ok(landing(here.get(split), false));
        }
        if !forward && split > 0 {
            return Ok(landing(here.get(split - 1), false));
        }
        if let Some(counts) = &self.counts {
            let (later, wrapped) = if forward {
                match counts.next_holding(start + 1).filter(|&b| b < blocks) {
                    Some(next) => (Some(next), false),
                    None => (counts.next_holding(0), true),
                }
            } else {
                match start.checked_sub(1).and_then(|b| counts.prev_holding(b)) {
                    Some(previous) => (Some(previous), false),
                    None => (counts.prev_holding(last), true),
                }
            };
            return Ok(later.and_then(|block| {
                let found = self.block(doc, block);
                landing(if forward { found.first() } else { found.last() }, wrapped)
            }));
        }
        // In the order a step meets them: the later blocks, then round
        // from the other end back to the start block.
        let order: Box<dyn Iterator<Item = (usize, bool)>> = if forward {
            Box::new(
                (start + 1..blocks)
                    .map(|b| (b, false))
                    .chain((0..=start).map(|b| (b, true))),
            )
        } else {
            Box::new(
                (0..start)
                    .rev()
                    .map(|b| (b, false))
                    .chain((start..blocks).rev().map(|b| (b, true))),
            )
        };
        let mut spent = self.block_bytes(doc, start);
        for (block, wrapped) in order {
            if budget.is_some_and(|budget| spent > budget) {
                return Err(Unfinished);
            }
            spent += self.block_bytes(doc, block);
            let found = self.block(doc, block);
            let found = if forward { found.first() } else { found.last() };
            if found.is_some() {
                return Ok(landing(found, wrapped));
            }
        }
        Ok(None)
    }
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

    /// The list version of a step: every match, then a binary search.
    fn listed(all: &[Match], from: Position, way: Way) -> Option<Landing> {
        let step = match way {
            Way::First => first_from(all, from),
            Way::Next => next_after(all, from),
            Way::Prev => prev_before(all, from),
        }?;
        Some(Landing {
            found: all[step.index].clone(),
            wrapped: step.wrapped,
        })
    }

    /// The block index against the list of every match: the same steps,
    /// numbers and per-paragraph matches, with the counts or without them
    /// (a budget only ever makes a step give up, never land elsewhere).
    fn same_as_the_list(text: &str, query: &str, block: usize, froms: &[(usize, usize)]) {
        let d = doc(text);
        let query = Query::parse(query);
        let all = find_limited(&d, &query, usize::MAX).matches;
        let counts = Counts::count(&d, &query, block, &|| false).expect("counted");
        assert_eq!(counts.total(), all.len());
        let unknown = Matches::new(query.clone(), block);
        let mut counted = Matches::new(query.clone(), block);
        counted.set_counts(counts);
        for (i, m) in all.iter().enumerate() {
            assert_eq!(counted.number(&d, m), Some(i + 1), "{m:?}");
        }
        assert_eq!(
            unknown.number(
                &d,
                &Match {
                    paragraph: 0,
                    range: 0..1
                }
            ),
            None
        );
        // Paragraphs searched alone (`unknown` has searched no block yet),
        // then sliced from searched blocks.
        for matches in [&unknown, &counted] {
            for paragraph in 0..=d.len() {
                assert_eq!(
                    &*matches.in_paragraph(&d, paragraph),
                    matches_in(&all, paragraph),
                    "¶{paragraph}"
                );
            }
        }
        let ends = all.iter().map(|m| (m.paragraph, m.range.end));
        for (paragraph, byte) in froms.iter().copied().chain(ends) {
            let from = Position::new(paragraph, byte);
            for way in [Way::First, Way::Next, Way::Prev] {
                let expected = listed(&all, from, way);
                let context = format!("{from:?} {way:?} in blocks of {block}");
                assert_eq!(
                    counted.step(&d, from, way, Some(0)),
                    Ok(expected.clone()),
                    "{context}"
                );
                assert_eq!(
                    unknown.step(&d, from, way, None),
                    Ok(expected.clone()),
                    "{context}"
                );
                for budget in [0, 10, 100] {
                    if let Ok(found) = unknown.step(&d, from, way, Some(budget)) {
                        assert_eq!(found, expected, "{context} {budget}");
                    }
                }
            }
        }
    }

    #[test]
    fn block_steps_match_the_list_on_the_bundled_article() {
        let text = format!("{}\n\n", crate::load::BUNDLED).repeat(3);
        let froms: Vec<(usize, usize)> = (0..30).map(|p| (p, p * 7 % 50)).collect();
        for query in [
            "wangwang",
            "sesame|stars",
            "e",
            "Alipay",
            "zebra",
            "支付宝",
            "(",
            "",
        ] {
            for block in [1, 2, 5, 64] {
                same_as_the_list(&text, query, block, &froms);
            }
        }
    }

    #[test]
    fn counting_stops_when_told() {
        let d = doc("A one.\n\nA two.\n\nA three.\n\nA four.");
        assert_eq!(d.len(), 4);
        let asked = std::cell::Cell::new(0);
        let stop = || {
            asked.set(asked.get() + 1);
            asked.get() > 2
        };
        assert_eq!(Counts::count(&d, &Query::parse("a"), 1, &stop), None);
        assert_eq!(asked.get(), 3);
    }

    proptest! {
        #[test]
        fn block_steps_match_the_list(
            text in "(ab|a|b|c|中|é| |\n\n|\\.){0,40}",
            query in "(a|b|ab|中|\\.|c\\*|b\\?){1,2}",
            block in 1usize..5,
            froms in proptest::collection::vec((0usize..25, 0usize..12), 0..8),
        ) {
            same_as_the_list(&text, &query, block, &froms);
        }
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
