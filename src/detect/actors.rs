//! Who plays a role: the organisation or product a sentence or heading
//! paragraph names, never a month, a nationality, a place or a titled
//! person.

use std::collections::HashMap;
use std::ops::Range;

use super::role_forms;
use super::rules::{Hit, Pattern, Rules};
use super::text::Breaks;
use crate::document::Document;
use crate::repair::is_cjk;

/// The actor of a sentence form: the name nearest before the phrase in its
/// sentence ("Google, in its role as kingmaker"), else the first after it;
/// for Chinese, the sentence's subject ("京东在…充当了担保人").
pub(super) fn subject(
    rules: &Rules,
    text: &str,
    phrase: &Range<usize>,
    breaks: &Breaks,
) -> Option<String> {
    let sentence = breaks.sentence(text, phrase.start);
    let chinese = text
        .get(phrase.start..)
        .and_then(|t| t.chars().next())
        .is_some_and(is_cjk);
    if chinese {
        return role_forms::zh_subject(text, sentence.start);
    }
    let names = names_in(rules, text, sentence);
    names
        .iter()
        .rev()
        .find(|n| n.end <= phrase.start)
        .or_else(|| names.iter().find(|n| n.start >= phrase.end))
        .and_then(|n| text.get(n.clone()))
        .map(str::to_owned)
}

/// The actor named in paragraph `paragraph`, if any: for a heading that is
/// a paragraph of its own.
pub(super) fn next_actor(rules: &Rules, doc: &Document, paragraph: usize) -> Option<String> {
    if paragraph >= doc.len() {
        return None;
    }
    let text = doc.paragraph(paragraph);
    let mut hits = Vec::new();
    rules.matcher().hits(text, &mut hits);
    actor(rules, text, &hits)
}

/// Names in `range` of `text` that can be actors: capitalised runs
/// (sentence-initial ones too, unless a function word), without months,
/// nationalities and places, and not a person's title and name.
fn names_in(rules: &Rules, text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let Some(part) = text.get(range.clone()) else {
        return Vec::new();
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut run: Option<Range<usize>> = None;
    let mut titled = false;
    let flush = |run: &mut Option<Range<usize>>, titled: &mut bool, out: &mut Vec<Range<usize>>| {
        if let Some(r) = run.take() {
            let last = text
                .get(r.clone())
                .and_then(|t| t.rsplit(' ').next())
                .unwrap_or("");
            if !*titled && !Rules::listed(&rules.place_words, last) {
                out.push(r);
            }
        }
        *titled = false;
    };
    let mut pos = 0;
    for word in part.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '+' || c == '&')) {
        let start = range.start + pos;
        pos += word.len() + 1;
        let Some(first) = word.chars().next() else {
            flush(&mut run, &mut titled, &mut out);
            continue;
        };
        let joined = run
            .as_ref()
            .is_some_and(|r| text.get(r.end..start) == Some(" "));
        if !joined {
            flush(&mut run, &mut titled, &mut out);
        }
        let name_like = (first.is_uppercase()
            || (first.is_ascii_lowercase() && word.chars().skip(1).any(char::is_uppercase)))
            && !is_cjk(first);
        if !name_like || Rules::listed(&rules.not_names, word) {
            flush(&mut run, &mut titled, &mut out);
            continue;
        }
        if Rules::listed(&rules.person_titles, word) {
            flush(&mut run, &mut titled, &mut out);
            titled = true;
            continue;
        }
        match &mut run {
            Some(r) => r.end = start + word.len(),
            None => run = Some(start..start + word.len()),
        }
    }
    flush(&mut run, &mut titled, &mut out);
    // A capitalised word opening a sentence ("Analysis of all…") is a name
    // only where the text also capitalises it mid-sentence, or the rules
    // know it.
    out.retain(|r| {
        let name = text.get(r.clone()).unwrap_or("");
        !super::text::sentence_initial(text, r.start)
            || name.contains(' ')
            || rules.is_organisation(name)
            || text
                .match_indices(name)
                .any(|(at, _)| at != r.start && !super::text::sentence_initial(text, at))
    });
    out
}

/// The organisation-like name the paragraph names most often (first on a tie).
/// Linear in the paragraph: a 10 MB line has hundreds of thousands of names.
pub(super) fn actor(rules: &Rules, text: &str, hits: &[Hit]) -> Option<String> {
    // Rule hits come in text order and do not overlap.
    let mut named: Vec<(usize, Range<usize>, &str)> = Vec::new();
    for h in hits {
        let name = match h.pattern {
            Pattern::Product(i) => rules.products.get(i).map(|p| p.name.as_str()),
            Pattern::Organisation(i) => rules.organisations.get(i).map(|o| o.name.as_str()),
            _ => None,
        };
        if let Some(name) = name {
            named.push((h.start, h.start..h.end, name));
        }
    }
    let known = named.len();
    for run in names_in(rules, text, 0..text.len()) {
        let before = named[..known].partition_point(|(start, _, _)| *start < run.end);
        let covered = before
            .checked_sub(1)
            .is_some_and(|i| named[i].1.end > run.start);
        if !covered {
            named.push((run.start, run.clone(), text.get(run)?));
        }
    }
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for (at, _, name) in named {
        let entry = counts.entry(name).or_insert((0, at));
        entry.0 += 1;
        entry.1 = entry.1.min(at);
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
        .map(|(name, _)| name.to_owned())
}
