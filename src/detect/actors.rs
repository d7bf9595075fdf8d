//! Who plays a role: the organisation or product a sentence or heading
//! paragraph names, never a month, a nationality, a place or a titled
//! person.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::role_forms;
use super::rules::{Hit, Pattern, Rules};
use super::text::{Breaks, sentence_initial};
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
    let chinese = super::text::cjk_at(text, phrase.start);
    if chinese {
        // "在跨境电商领域，网易扮演的是渠道商的角色": the subject opens the
        // comma-clause of the phrase when the sentence opens with a place
        // or time.
        let clause = text
            .get(sentence.start..phrase.start)
            .and_then(|lead| lead.rfind('，'))
            .map(|at| sentence.start + at + '，'.len_utf8());
        return clause
            .and_then(|start| role_forms::zh_subject(text, start))
            .or_else(|| role_forms::zh_subject(text, sentence.start));
    }
    english_subject(rules, text, phrase, sentence.clone())
        .or_else(|| antecedent(rules, text, sentence, breaks))
}

/// "HP keeps the patents… It will also serve as the cloud-service
/// provider": a sentence opening with "It" (or "The company") speaks of
/// the name opening the sentence before.
fn antecedent(
    rules: &Rules,
    text: &str,
    sentence: Range<usize>,
    breaks: &Breaks,
) -> Option<String> {
    let opening = text.get(sentence.clone())?;
    let pronoun = ["It ", "The company ", "The firm ", "The group "]
        .iter()
        .any(|p| opening.starts_with(p));
    if !pronoun || sentence.start == 0 {
        return None;
    }
    let stop = text
        .get(..sentence.start)?
        .trim_end()
        .len()
        .checked_sub(1)?;
    let previous = breaks.sentence(text, stop);
    let first = names_in(rules, text, previous.clone()).into_iter().next()?;
    let lead = text.get(previous.start..first.start)?;
    (lead.split_whitespace().count() <= 2 && verb_follows(text, first.end) || lead.is_empty())
        .then(|| text.get(first).map(str::to_owned))
        .flatten()
}

/// Whether a Chinese `subject` opens the clause of the phrase at `phrase`
/// ("唱片公司则扮演了供货商的角色", "今日头条在随后几年扮演了流量入口的角色"):
/// the sentence says who plays the role, whether or not the article names
/// them again.
pub(super) fn zh_subject_adjacent(text: &str, subject: &str, phrase: &Range<usize>) -> bool {
    let Some(before) = text.get(..phrase.start) else {
        return false;
    };
    // All these marks are three bytes long.
    let clause_start = before
        .rfind(['，', '。', '；', '！', '？', '：'])
        .map_or(0, |at| at + 3);
    let clause = role_forms::skip_zh_linking(
        before
            .get(clause_start..)
            .unwrap_or("")
            .trim_start_matches(['“', '「', ' ']),
    );
    clause.starts_with(subject) && clause.chars().count() <= subject.chars().count() + 12
}

fn english_subject(
    rules: &Rules,
    text: &str,
    phrase: &Range<usize>,
    sentence: Range<usize>,
) -> Option<String> {
    let names = names_in(rules, text, sentence.clone());
    // A name after the phrase is its subject only where the phrase opens
    // the sentence ("In its role as X, Amazon sets…"), not in "That gives
    // the company a role as kingmaker: a seller that loses the Buy Box…".
    let opens = text
        .get(sentence.start..phrase.start)
        .is_some_and(|lead| lead.split_whitespace().count() <= 3);
    // After the phrase, the subject opens the main clause: "In its role as
    // X, Amazon sets…", not "in its role as X, it produces the Mario games".
    let after_comma = |n: &&Range<usize>| {
        text.get(phrase.end..n.start).is_some_and(|between| {
            between.ends_with(", ") && !between[..between.len() - 2].contains(", ")
        })
    };
    // "HP keeps the patents behind webOS and will act as licensor": the
    // verb shares the sentence's subject, and the name before "and" is an
    // object of the first verb.
    let shared_subject = |n: &Range<usize>| {
        let between = text.get(n.end..phrase.start).unwrap_or("");
        let mut words = between.split_whitespace();
        words.next() == Some("and")
            && words.all(|w| ["will", "would", "also", "then", "later", "soon", "can"].contains(&w))
    };
    let before: Vec<&Range<usize>> = names.iter().filter(|n| n.end <= phrase.start).collect();
    let nearest = before.last().copied();
    let nearest = match (nearest, before.first()) {
        (Some(n), Some(first)) if shared_subject(n) && *first != n => Some(*first),
        _ => nearest,
    };
    nearest
        .or_else(|| {
            opens
                .then(|| {
                    names
                        .iter()
                        .filter(|n| n.start >= phrase.end)
                        .find(after_comma)
                })
                .flatten()
        })
        .and_then(|n| text.get(n.clone()))
        .map(str::to_owned)
}

/// How often Chinese sentences and comma-clauses of the document open
/// with each subject: the names a Chinese article keeps coming back to
/// ("滴滴与快的宣布合并", "京东则…"), against which a subject read from one
/// sentence ("补贴战打到") is checked.
pub(super) fn zh_subjects(doc: &Document) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut breaks = Breaks::default();
    for text in doc.paragraphs() {
        if !text.chars().take(200).any(is_cjk) {
            continue;
        }
        breaks.find(text);
        let commas = text.match_indices('，').map(|(at, c)| at + c.len());
        for start in breaks.sentence_starts().chain(commas) {
            if let Some(subject) = role_forms::zh_subject(text, start) {
                *counts.entry(subject).or_default() += 1;
            }
        }
    }
    counts
}

/// The actor named in paragraph `paragraph`, if any: for a heading that is
/// a paragraph of its own.
pub(super) fn next_actor(rules: &Rules, doc: &Document, paragraph: usize) -> Option<String> {
    if paragraph >= doc.len() {
        return None;
    }
    let text = doc.paragraph(paragraph);
    if super::text::cjk_at(text, 0) {
        // "网易在…": the subject opening the paragraph.
        return role_forms::zh_subject(text, 0);
    }
    let mut hits = Vec::new();
    rules.matcher().hits(text, &mut hits);
    actor(rules, text, &hits)
}

/// Names in `range` of `text` that can be actors: capitalised runs
/// (sentence-initial ones too, unless a function word), without months,
/// nationalities and places, and not a person's title and name.
pub(super) fn names_in(rules: &Rules, text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let vocab = rules.vocab();
    let mut out: Vec<Range<usize>> = Vec::new();
    // The run being read, and whether a title ("Chairman") opened it.
    let mut run: Option<(Range<usize>, bool)> = None;
    let mut after_title = false;
    // A word that may open a name ("Internet"), waiting for the next.
    let mut opener: Option<Range<usize>> = None;
    for word in words(text, range) {
        let Some(w) = text.get(word.clone()) else {
            continue;
        };
        let joined = run
            .as_ref()
            .is_some_and(|(r, _)| text.get(r.end..word.start) == Some(" "));
        if !joined {
            if let Some((r, false)) = run.take() {
                out.push(r);
            }
            run = None;
        }
        if !name_like(w) {
            after_title = false;
            if let Some((r, false)) = run.take() {
                out.push(r);
            }
            continue;
        }
        if vocab.place_words.has(w) {
            // "Main Street": the run was a place.
            run = None;
            continue;
        }
        // "Cheetah Mobile", "Internet Explorer": a never-name word that may
        // be a name's part goes on a run, or opens one that another word
        // then joins.
        if vocab.name_openers.has(w) {
            match &mut run {
                Some((r, _)) => r.end = word.end,
                None => opener = Some(word),
            }
            continue;
        }
        let title = vocab.person_titles.has(w);
        if title || vocab.not_names.has(w) {
            if let Some((r, false)) = run.take() {
                out.push(r);
            }
            after_title = title;
            continue;
        }
        let start = opener
            .take()
            .filter(|o| text.get(o.end..word.start) == Some(" "))
            .map_or(word.start, |o| o.start);
        match &mut run {
            Some((r, _)) => r.end = word.end,
            None => run = Some((start..word.end, std::mem::take(&mut after_title))),
        }
    }
    if let Some((r, false)) = run {
        out.push(r);
    }
    // A capitalised word opening a sentence ("Analysis of all…") is a name
    // only where the text also capitalises it mid-sentence, or the rules
    // know it. The text is read for that once more, and only when needed.
    // An acronym ("HP", "LG") is a name wherever it stands.
    let acronym = |n: &str| {
        n.len() >= 2
            && n.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    };
    let opens = |r: &Range<usize>| {
        sentence_initial(text, r.start)
            && !text
                .get(r.clone())
                .is_some_and(|n| n.contains(' ') || acronym(n) || rules.is_organisation(n))
    };
    if out.iter().any(opens) {
        let inside: HashSet<&str> = words(text, 0..text.len())
            .filter(|w| {
                text.as_bytes()
                    .get(w.start)
                    .is_some_and(|b| !b.is_ascii_lowercase())
                    && !sentence_initial(text, w.start)
            })
            .filter_map(|w| text.get(w))
            .filter(|w| name_like(w))
            .collect();
        out.retain(|r| {
            !opens(r)
                || text.get(r.clone()).is_some_and(|n| inside.contains(n))
                || verb_follows(text, r.end)
        });
    }
    // "founded in Kyoto": one word after "in", "at", "from" or "near" is a
    // place, not who acts.
    out.retain(|r| {
        let one_word = text.get(r.clone()).is_some_and(|n| !n.contains(' '));
        let before = text.get(..r.start).unwrap_or("");
        !(one_word
            && [" in ", " at ", " from ", " near "]
                .iter()
                .any(|p| before.ends_with(p)))
    });
    out
}

/// Whether a verb a subject takes follows the name ending at `end`:
/// "Nintendo was founded", "Kodak has licensed" — a sentence's first word
/// that is then a subject is a name.
pub(super) fn verb_follows(text: &str, end: usize) -> bool {
    const VERBS: &[&str] = &[
        "is",
        "was",
        "has",
        "had",
        "will",
        "would",
        "could",
        "can",
        "acts",
        "acted",
        "plays",
        "played",
        "launched",
        "sold",
        "bought",
        "introduced",
        "released",
        "became",
        "remains",
        "remained",
        "kept",
        "built",
        "made",
        "makes",
        "controls",
        "controlled",
        "serves",
        "served",
        "argued",
        "says",
        "said",
    ];
    // "Acme also sells": an adverb may stand between.
    const ADVERBS: &[&str] = &[
        "also", "then", "still", "now", "later", "soon", "first", "only",
    ];
    let rest = text.get(end..).unwrap_or("");
    let mut words = rest
        .strip_prefix(' ')
        .unwrap_or("")
        .split([' ', ',', '.'])
        .filter(|w| !w.is_empty());
    let first = words.next();
    let verb = match first {
        Some(w) if ADVERBS.contains(&w) => words.next(),
        other => other,
    };
    verb.is_some_and(|w| VERBS.contains(&w) || (first != verb && w.ends_with('s')))
}

/// Whether `word` looks like a name: capitalised ("Alipay") or with a
/// capital inside ("eBay"), not Chinese.
fn name_like(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|first| {
        !is_cjk(first)
            && (first.is_uppercase()
                || (first.is_ascii_lowercase() && chars.any(char::is_uppercase)))
    })
}

/// The words of `range` of `text` (letters, digits, '-', '+', '&'), as
/// byte ranges of `text`. ASCII is read a byte at a time; other text is
/// decoded only where it is.
fn words(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let end = range.end.min(bytes.len());
    let mut at = range.start;
    // The word character starting at `i`, and its length.
    let char_at = move |i: usize| -> Option<(bool, usize)> {
        let b = *bytes.get(i)?;
        if b.is_ascii() {
            return Some((
                b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'&'),
                1,
            ));
        }
        let c = text.get(i..)?.chars().next()?;
        Some((c.is_alphanumeric(), c.len_utf8()))
    };
    std::iter::from_fn(move || {
        while at < end {
            let (word, len) = char_at(at)?;
            if word {
                break;
            }
            at += len;
        }
        let start = at;
        while at < end {
            let (word, len) = char_at(at)?;
            if !word {
                break;
            }
            at += len;
        }
        (at > start).then_some(start..at)
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&str> {
        let rules = Rules::bundled();
        names_in(&rules, text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn names_skip_months_places_titles_and_lone_sentence_openers() {
        assert_eq!(
            names(
                "Analysis of all as Alipay plays. In March Chairman Li of Main Street left eBay."
            ),
            vec!["Alipay", "eBay"]
        );
        // An opener the text capitalises elsewhere is a name.
        assert_eq!(
            names("HMD pays. Nokia licenses to HMD."),
            vec!["HMD", "HMD"]
        );
    }

    #[test]
    fn a_word_that_may_open_a_name_joins_the_words_beside_it() {
        assert_eq!(
            names("So the Cheetah Mobile bought Internet Explorer; Mobile users left."),
            vec!["Cheetah Mobile", "Internet Explorer"]
        );
    }

    #[test]
    fn a_subject_after_the_phrase_only_where_the_phrase_opens_the_sentence() {
        let rules = Rules::bundled();
        let of = |t: &str, phrase: &str| {
            let start = t.find(phrase).unwrap_or(0);
            subject(&rules, t, &(start..start + phrase.len()), &Breaks::new(t))
        };
        assert_eq!(
            of(
                "In its role as operator, Amazon sets the fees.",
                "role as operator"
            )
            .as_deref(),
            Some("Amazon")
        );
        assert_eq!(
            of(
                "That gives the company a role as kingmaker: a seller that loses the Buy Box.",
                "role as kingmaker"
            ),
            None
        );
        assert_eq!(
            of(
                "Google, in its role as kingmaker, ranks.",
                "role as kingmaker"
            )
            .as_deref(),
            Some("Google")
        );
    }

    #[test]
    fn a_shared_subject_and_a_pronoun_point_back_to_the_one_who_acts() {
        let rules = Rules::bundled();
        let of = |t: &str, phrase: &str| {
            let start = t.find(phrase).unwrap_or(0);
            subject(&rules, t, &(start..start + phrase.len()), &Breaks::new(t))
        };
        let t = "HP keeps the patents behind webOS and will act as licensor to LG. \
            It will also continue to serve as the cloud provider.";
        assert_eq!(of(t, "act as").as_deref(), Some("HP"));
        assert_eq!(of(t, "serve as").as_deref(), Some("HP"));
        // Without "and", the nearest name is still the subject.
        let t = "Buyers liked Acme, and Google, in its role as kingmaker, won.";
        assert_eq!(of(t, "role as").as_deref(), Some("Google"));
    }

    #[test]
    fn names_keep_their_place_after_wide_separators() {
        let t = "“Tencent’s” rival — JD，and Meituan";
        for n in names(t) {
            assert!(["Tencent", "JD", "Meituan"].contains(&n), "{n:?}");
        }
    }
}
