//! The forms in which a text tells a product's life, as pure parsers over
//! one paragraph: the subject or object of a lifecycle verb ("Reader was
//! switched off", "Google launched Buzz", "the ROKR E1, introduced in
//! 2005"); in `kind_forms`, a name beside a product-kind noun ("the Nest
//! app", "Instagram, a photo-sharing app") or one it is called; and, in
//! `product_forms_zh`, Chinese names by a verb (拍拍网出售给京东, 推出了微视)
//! or in quotes (「来往」). Which words may be a product is data.

use std::ops::Range;

use super::kind_forms::kind_object;
pub(super) use super::kind_forms::{around_kind, called};
use super::product_forms_zh::{ZH_DESCRIPTION_ENDS, ZH_FIRM_ENDINGS};
pub(super) use super::product_forms_zh::{named_as, zh_around_verb, zh_name_stands_alone};
use super::rules::{Hit, Rules};
use super::text::{name_after, name_before, name_ending, name_from, word_after, word_before};
use crate::repair::is_cjk;

/// The name a participle cue describes from after its comma: "the ROKR
/// E1, introduced in September 2005", "Lumen, first launched in 2005".
fn appositive_participle(text: &str, hit: &Hit, verb: &str) -> Option<Range<usize>> {
    let participle = verb.ends_with("ed") && !verb.contains(' ');
    if !participle {
        return None;
    }
    let before = text.get(..hit.start)?;
    let before = ["first ", "originally ", "later ", "quietly ", "eventually "]
        .iter()
        .find_map(|a| before.strip_suffix(a))
        .unwrap_or(before);
    // "Valet, a line of simplified home routers introduced in October
    // 2009": the participle may follow the appositive that describes it.
    let described = || {
        let window = before.floor_char_boundary(before.len().saturating_sub(80));
        let at = window + before.get(window..)?.rfind(", ")?;
        let appositive = before.get(at + 2..)?;
        let lowercase = appositive
            .chars()
            .all(|c| c.is_lowercase() || c == ' ' || c == '-');
        // A short description, not a clause ("…, a tool used by teams to
        // see who opened…").
        let short = appositive.split(' ').filter(|w| !w.is_empty()).count() <= 7;
        (["a ", "an "].iter().any(|a| appositive.starts_with(a)) && lowercase && short)
            .then_some(at)
    };
    let comma = match before.strip_suffix(", ") {
        Some(head) => head.len(),
        None => described()?,
    };
    let name = name_ending(text, comma)?;
    // "Inbox by Gmail, introduced in 2014": the name read is the tail of
    // a longer one.
    let lead = text.get(..name.start)?;
    let tail_of_longer = [" by ", " for ", " of ", " from ", " with "]
        .iter()
        .find_map(|w| lead.strip_suffix(w))
        .and_then(|l| word_before(text, l.len()))
        .and_then(|w| text.get(w))
        .is_some_and(|w| w.starts_with(char::is_uppercase));
    (!tail_of_longer).then_some(name)
}

/// A product's name found by a form, and the name of its owner when the
/// form gives one ("Google" in "Google launched Buzz").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Found {
    pub name: Range<usize>,
    pub owner: Option<Range<usize>>,
}

/// Words between a subject and its verb: auxiliaries and adverbs.
const BETWEEN: &[&str] = &[
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "been",
    "being",
    "be",
    "got",
    "gets",
    "would",
    "will",
    "later",
    "then",
    "also",
    "soon",
    "itself",
    "finally",
    "eventually",
    "ultimately",
    "officially",
    "formally",
    "quietly",
    "abruptly",
    "effectively",
    "promptly",
    "subsequently",
    "first",
    "once",
    "never",
    "not",
    "largely",
    "partly",
    "publicly",
];

/// Words after an intransitive use of a verb ("Buzz launched in 2010").
const INTRANSITIVE_NEXT: &[&str] = &[
    "in",
    "on",
    "at",
    "after",
    "before",
    "with",
    "within",
    "last",
    "this",
    "that",
    "early",
    "late",
    "later",
    "soon",
    "quietly",
    "for",
    "to",
    "by",
    "into",
    "as",
    "and",
    "but",
    "when",
    "while",
    "because",
    "amid",
    "following",
    "only",
    "just",
    "two",
    "three",
    "four",
    "five",
    "six",
    "off",
    "down",
    "out",
];

/// Whether `name` can be a product: no month, nationality, place, title,
/// organisation word or lexicon organisation; not a number.
pub(super) fn is_product_name(rules: &Rules, name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    let cjk = name.chars().any(is_cjk);
    let chars = name.chars().count();
    if chars < 2 || name.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    if cjk {
        let time_word = [
            "之后", "之前", "以后", "以来", "期间", "随之", "后", "时", "则", "得",
        ]
        .iter()
        .any(|w| name.ends_with(w));
        // "逐渐地", "悄悄地": an adverb, not a name.
        if name.ends_with('地') && chars <= 4 {
            return false;
        }
        // "产品如何被放弃": a question or a kind noun opening it, no name.
        let question = ["如何", "为何", "怎么", "怎样", "什么", "为什么"]
            .iter()
            .any(|w| name.contains(w));
        let kind_first = ["产品", "业务", "服务", "项目"]
            .iter()
            .any(|w| name.starts_with(w));
        if question || kind_first {
            return false;
        }
        // "2012年8月": a date.
        let date = name
            .chars()
            .all(|c| c.is_ascii_digit() || "年月日底初中".contains(c));
        if date {
            return false;
        }
        // "一个", "这款应用": a count or a pointer, not a name.
        let mut chars = name.chars();
        let counted = chars
            .next()
            .is_some_and(|c| "一二三两几这那该每某".contains(c))
            && chars
                .next()
                .is_some_and(|c| "个款家种项位名条只部台套".contains(c));
        // "个部门", "它自己": a measure word or a pronoun opening it.
        let opens_badly = name
            .starts_with(|c: char| "个款家种项位名条只部台套它其他她我你".contains(c))
            || ["或者", "以及", "并且", "然后", "而且"]
                .iter()
                .any(|w| name.starts_with(w));
        if counted || opens_badly {
            return false;
        }
        // "打车", "视频": a product ending alone is a kind, not a name.
        let bare_ending = rules.zh_product_suffixes.iter().any(|s| s == name);
        let description = ZH_DESCRIPTION_ENDS.iter().any(|w| name.ends_with(w));
        return !time_word
            && !bare_ending
            && !description
            && !rules.vocab().not_names.has(name)
            && !ZH_FIRM_ENDINGS.iter().any(|e| name.ends_with(e))
            && !rules.is_organisation(name);
    }
    // "Toys-to-life", "Milan-based": a compound adjective, not a name.
    let compound = words.len() == 1
        && first
            .rsplit_once('-')
            .is_some_and(|(_, tail)| tail.starts_with(char::is_lowercase));
    if compound {
        return false;
    }
    // "SAN FRANCISCO — Twitter removed…": a dateline, not a name.
    // "GPS 100" is a name with a number, not a dateline.
    let lettered = words
        .iter()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    // "ROKR E1": a model number says it is a name too.
    let shouted = lettered > 1
        && !name.chars().any(|c| c.is_ascii_digit())
        && name.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    !shouted
        // "The Note", "In March": a word that is never a name opens it; but
        // "Galaxy Note", "Windows Mobile", "Internet Explorer" are names
        // with such a word inside, unless it is a time ("Apple Monday").
        && (!rules.vocab().not_names.has(first)
            || (words.len() > 1 && rules.vocab().name_openers.has(first)))
        && !words.iter().skip(1).any(|w| {
            rules.vocab().not_names.has(w) && super::dates::is_time_word(w)
        })
        // "10 Mobile" (of "Windows 10 Mobile"): numbers and such words only.
        && (words.len() < 2
            || !words.iter().all(|w| {
                rules.vocab().not_names.has(w) || w.chars().all(|c| c.is_ascii_digit())
            }))
        && !rules.vocab().lifecycle_cues.has(name)
        && !rules.vocab().person_titles.has(first)
        && !rules.vocab().place_words.has(last)
        && !rules.vocab().organisation_words.has(last)
        && !rules.is_organisation(name)
}

/// The name opening the sentence that starts at `sentence_start`, when it
/// ends before `verb_start`: "Stadia" in "Stadia, the cloud gaming service,
/// was switched off".
fn sentence_subject(text: &str, sentence_start: usize, verb_start: usize) -> Option<Range<usize>> {
    let before = text.get(sentence_start..verb_start)?;
    // "Updates slowed, and Home, once pitched…, was abandoned": a clause
    // joined by "and" that opens with a name has that name as subject;
    // one that opens with its verb ("…, and was closed") shares the
    // sentence's subject.
    let joined = [", and ", "; ", ", while ", ", but "]
        .iter()
        .filter_map(|j| before.rfind(j).map(|at| sentence_start + at + j.len()))
        .max();
    let opens_with_name = |at: usize| {
        text.get(at..)
            .and_then(|t| t.trim_start_matches("The ").chars().next())
            .is_some_and(char::is_uppercase)
    };
    // "LEGO pulled the plug, and the servers went dark": the joined clause
    // has a subject of its own, a description.
    let described = joined.is_some_and(|at| {
        text.get(at..).is_some_and(|t| {
            (t.starts_with("the ") || t.starts_with("its ") || t.starts_with("their "))
                && t.split(' ')
                    .nth(1)
                    .is_some_and(|w| w.starts_with(char::is_lowercase))
        })
    });
    if described {
        return None;
    }
    let start = joined
        .filter(|&at| opens_with_name(at))
        .unwrap_or(sentence_start);
    let rest = text.get(start..verb_start)?;
    let mut at = start + marks_len(rest);
    let opening = text.get(at..)?;
    if opening.starts_with("The ") || opening.starts_with("the ") {
        at += 4;
    }
    let name = name_from(text, at)?;
    let after = text.get(name.end..verb_start)?;
    // "Looking back on …, some products were renamed": a participle opens
    // the sentence, not a name ("Bing", "Ring" are short).
    let participle = text
        .get(name.clone())
        .is_some_and(|n| !n.contains(' ') && n.len() >= 6 && n.ends_with("ing"))
        && after.trim_start().starts_with(|c: char| c.is_lowercase());
    // "Studios that had built games…": a plural noun with its relative
    // clause opens the sentence, not a name.
    let plural_noun = text
        .get(name.clone())
        .is_some_and(|n| !n.contains(' ') && n.ends_with('s'))
        && (after.starts_with(" that ") || after.starts_with(" who "));
    (!participle
        && !plural_noun
        && name.start == at
        && name.end <= verb_start
        && !after.starts_with("'s")
        && !after.starts_with("\u{2019}s"))
    .then_some(name)
}

/// "Aibo is the exception. The robot dog debuted in 1999": a sentence whose
/// subject is "The <lowercase words>" just before the verb describes the
/// name that opens the sentence before it.
fn described_subject(
    text: &str,
    verb_start: usize,
    breaks: &super::text::Breaks,
) -> Option<Range<usize>> {
    let sentence = breaks.sentence(text, verb_start);
    let lead = text.get(sentence.start..verb_start)?.trim_end();
    let words: Vec<&str> = lead.strip_prefix("The ")?.split(' ').collect();
    let described = (1..=3).contains(&words.len())
        && words
            .iter()
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_lowercase() || c == '-'));
    if !described {
        return None;
    }
    previous_subject(text, sentence.start, breaks)
}

/// The name opening the sentence before the one starting at `start`.
fn previous_subject(
    text: &str,
    start: usize,
    breaks: &super::text::Breaks,
) -> Option<Range<usize>> {
    if start == 0 {
        return None;
    }
    // The previous sentence holds the stop before the spaces.
    let stop = text.get(..start)?.trim_end().len().checked_sub(1)?;
    let previous = breaks.sentence(text, stop);
    let opening = text.get(previous.clone())?;
    let unmarked = &opening[marks_len(opening)..];
    let at = previous.start + marks_len(opening);
    let at = at + if unmarked.starts_with("The ") { 4 } else { 0 };
    let name = name_from(text, at)?;
    // The name must be that sentence's subject: a verb follows it ("Libra
    // showed", "Aibo is"), not "Start with Google Reader".
    let verb = text.get(name.end..)?.strip_prefix(' ')?.split(' ').next()?;
    let verb_like = ["is", "was", "has", "had"].contains(&verb)
        || verb.ends_with("ed")
        || (verb.len() > 3 && verb.ends_with('s'));
    // "• Evernote Food — a recipe journal. Retired in 2015": a list item's label.
    let label = ["—", "–"].contains(&verb);
    (verb_like || label).then_some(name)
}

/// "Libra showed the limits. Announced in June 2019 as a currency, …": a
/// sentence opening with a participle of a product's life speaks of the
/// name opening the sentence before.
fn participle_subject(text: &str, hit: &Hit, breaks: &super::text::Breaks) -> Option<Range<usize>> {
    let sentence = breaks.sentence(text, hit.start);
    let written = text.get(hit.start..hit.end)?;
    let participle = written.ends_with("ed") || ["Bought", "Sold", "Built"].contains(&written);
    let rest = text.get(hit.end..)?;
    let follows = [" in ", " on ", " as ", " for ", " by ", " at "]
        .iter()
        .any(|w| rest.starts_with(w));
    if !(sentence.start == hit.start && participle && follows) {
        return None;
    }
    main_clause_subject(text, hit.end..sentence.end)
        .or_else(|| previous_subject(text, sentence.start, breaks))
}

/// The subject of the main clause after an opening phrase in `range`:
/// "[Introduced on March 31, 2015, close to April Fools' Day,] the Dash
/// Button was a plastic stub" — the first name after a comma that a verb
/// follows.
fn main_clause_subject(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let phrase = text.get(range.clone())?;
    phrase.match_indices(", ").find_map(|(at, sep)| {
        let mut start = range.start + at + sep.len();
        let rest = text.get(start..)?;
        if rest.starts_with("the ") || rest.starts_with("The ") {
            start += 4;
        }
        let name = name_from(text, start)?;
        // "the Halo band was": one lowercase noun may follow the name.
        let mut words = text.get(name.end..)?.strip_prefix(' ')?.split(' ');
        let verb_like = |w: &str| {
            ["is", "was", "has", "had", "became", "went"].contains(&w)
                || (w.len() > 3 && w.ends_with("ed"))
        };
        let first = words.next()?;
        let noun_then_verb =
            first.chars().all(|c| c.is_ascii_lowercase()) && words.next().is_some_and(verb_like);
        (name.start == start && (verb_like(first) || noun_then_verb)).then_some(name)
    })
}

/// A capitalised name just after `at` that is a name, not an owner in a
/// possessive ("Nokia's phone business").
pub(super) fn object_at(text: &str, at: usize) -> Option<Range<usize>> {
    let name = name_after(text, at)?;
    let after = text.get(name.end..)?;
    (!(after.starts_with("'s") || after.starts_with("\u{2019}s"))).then_some(name)
}

/// "│ Pebble Time │ February 2015 │ Discontinued in 2016": a verb in a
/// table row's later cell tells of the name in its first cell.
fn table_row_subject(text: &str, at: usize) -> Option<Range<usize>> {
    let line_start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text.get(line_start..at)?;
    let first_bar = line.find('│')?;
    if !line[..first_bar].trim().is_empty() {
        return None;
    }
    let cell_start = line_start + first_bar + '│'.len_utf8();
    let cell_end =
        line_start + first_bar + '│'.len_utf8() + line[first_bar + '│'.len_utf8()..].find('│')?;
    let cell = text.get(cell_start..cell_end)?;
    // The header row ("│ Device │ Announced │"): a rule is drawn under it.
    let row_end = text.get(at..)?.find('\n').map_or(text.len(), |i| at + i);
    let next_line = text.get(row_end..)?.trim_start_matches('\n');
    if next_line.starts_with('─') || next_line.lines().next().is_some_and(|l| l.contains('┼')) {
        return None;
    }
    let start = cell_start + (cell.len() - cell.trim_start().len());
    let end = cell_start + cell.trim_end().len();
    (start < end && name_from(text, start) == Some(start..end)).then_some(start..end)
}

/// "Léo Apotheker, the chief executive who…, was replaced": a name
/// followed by an appositive naming a person's post, or a firm, is no
/// product.
fn person_appositive(rules: &Rules, text: &str, name_end: usize) -> bool {
    let Some(rest) = text.get(name_end..).and_then(|t| t.strip_prefix(", ")) else {
        return false;
    };
    let mut words = rest.split([' ', ',']).take(5);
    let determiner = words
        .next()
        .is_some_and(|w| ["the", "a", "an", "its", "their", "then"].contains(&w));
    // "Slim Devices, the small California firm behind…": a firm, as much
    // as a person, is no product.
    determiner
        && words.any(|w| {
            rules.vocab().person_titles.has(w)
                || [
                    "analyst",
                    "engineer",
                    "designer",
                    "investor",
                    "entrepreneur",
                    "journalist",
                    "firm",
                    "company",
                    "start-up",
                    "startup",
                    "maker",
                    "manufacturer",
                    "studio",
                    "retailer",
                ]
                .contains(&w)
        })
}

/// Bytes of the heading, list and emphasis marks opening `text` ("## ",
/// "• ", "3. ", "**"): they are not part of a sentence's subject.
fn marks_len(text: &str) -> usize {
    let marked =
        text.trim_start_matches(['#', '*', '_', ' ', '"', '“', '•', '◦', '·', '–', '-', '+']);
    let numbered = marked
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .strip_prefix(". ")
        .filter(|_| marked.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(marked);
    text.len() - numbered.trim_start_matches(' ').len()
}

/// The name a paragraph or list item opens with as a label of its own
/// ("Path. …", "Hackpad: …", "• Evernote Food — a recipe journal. …"),
/// for the line holding `at`.
fn item_label(text: &str, at: usize) -> Option<Range<usize>> {
    let line_start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text.get(line_start..)?;
    // "**Path.** …" in a text file: the emphasis marks are not the name's.
    let start = line_start + marks_len(line);
    let name = name_from(text, start)?;
    let after = text.get(name.end..)?.trim_start_matches(['*', '_']);
    let labelled = [". ", ": ", " — ", " – "]
        .iter()
        .any(|sep| after.starts_with(sep) || after.starts_with(&format!("{}*", sep.trim_end())));
    (name.start == start && labelled).then_some(name)
}

/// Whether a pronoun is the subject of the verb at `verb_start`, over
/// auxiliaries and adverbs ("that it was permanently discontinued").
fn pronoun_subject(text: &str, verb_start: usize) -> bool {
    subject_pronoun(text, verb_start)
        .is_some_and(|p| ["it", "they", "he", "she", "we"].contains(&p.as_str()))
}

/// The word that is the subject of the verb at `verb_start`, over
/// auxiliaries and adverbs, in lowercase: "it" in "it was quietly
/// retired". `None` where another word comes first.
fn subject_pronoun(text: &str, verb_start: usize) -> Option<String> {
    let mut end = verb_start;
    for _ in 0..5 {
        let word = word_before(text, end)?;
        let lower = text.get(word.clone())?.to_lowercase();
        let adverb = lower.ends_with("ly") && lower.len() > 4;
        if !BETWEEN.contains(&&*lower) && !adverb {
            return Some(lower);
        }
        end = word.start;
    }
    None
}

/// Whether the lifecycle verb at `hit` is said of "it", as subject ("It
/// launched in 2005", "it was quietly retired") or object ("AOL bought it
/// in 1998", "they shut it down").
pub(super) fn said_of_it(text: &str, hit: &Hit) -> bool {
    let after = text.get(hit.end..).unwrap_or("");
    [" it ", " it,", " it.", " it;"]
        .iter()
        .any(|p| after.starts_with(p))
        || subject_pronoun(text, hit.start).as_deref() == Some("it")
}

/// A paragraph that is a heading naming a product: short, no sentence
/// stop, a name ("Winamp", "AOL Instant Messenger", "## ICQ" as shown).
pub(super) fn heading_name(rules: &Rules, text: &str) -> Option<String> {
    let name = text.trim();
    let short = name.chars().count() <= 40 && name.split(' ').count() <= 4;
    let ends_sentence = name.ends_with(['.', '!', '?', ':', '。', '！', '？', '：']);
    // Each word capitalised, but after a camel-cased brand ("iPod mini").
    let camel = |w: &str| {
        w.starts_with(char::is_lowercase) && w.chars().nth(1).is_some_and(char::is_uppercase)
    };
    let mut words = name.split(' ');
    let first = words.next().unwrap_or("");
    let capitalised = if camel(first) {
        true
    } else {
        first.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            && words.all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
    };
    let possessive = name.contains("'s") || name.contains('\u{2019}');
    (short
        && !ends_sentence
        && capitalised
        && !possessive
        && !name.chars().any(is_cjk)
        && is_product_name(rules, name))
    .then(|| name.to_owned())
}

/// The subject of the verb starting at `verb_start`: a capitalised name,
/// over auxiliaries and adverbs ("Reader was quietly switched off").
fn subject_before(text: &str, verb_start: usize) -> Option<Range<usize>> {
    let mut end = verb_start;
    for _ in 0..4 {
        let Some((start, word)) =
            word_before(text, end).and_then(|r| Some((r.start, text.get(r)?)))
        else {
            break;
        };
        let lower = word.to_lowercase();
        let adverb = lower.ends_with("ly") && lower.len() > 4;
        if !BETWEEN.contains(&&*lower) && !adverb {
            break;
        }
        end = start;
    }
    // "Amazon Web Services, which opened in 2006": the name the relative
    // clause hangs on.
    let lead = text.get(..end)?.trim_end_matches(' ');
    if let Some(head) = lead.strip_suffix(", which") {
        return name_ending(text, head.len());
    }
    // One space before the verb (or the skipped words), as `name_before` wants.
    let gap = text.get(..end)?.len() - text.get(..end)?.trim_end_matches(' ').len();
    if gap == 0 {
        return None;
    }
    let name = name_before(text, end - gap + 1)?;
    // "A sale to Funai was announced": the object of a preposition is no
    // subject.
    let lead = text.get(..name.start)?;
    if [" to ", " with ", " from ", " by ", " for ", " of "]
        .iter()
        .any(|p| lead.ends_with(p))
    {
        return None;
    }
    Some(name)
}

/// An English lifecycle verb at `hit`: its subject is the product when the
/// verb has no object or is passive; else its object, owned by the subject.
pub(super) fn around_verb(
    rules: &Rules,
    text: &str,
    hit: &Hit,
    breaks: &super::text::Breaks,
) -> Option<Found> {
    let written = text.get(hit.start..hit.end)?;
    if let Some(name) = table_row_subject(text, hit.start) {
        return text
            .get(name.clone())
            .is_some_and(|n| is_product_name(rules, n))
            .then_some(Found { name, owner: None });
    }
    // "What Meta's Abandoned Products Reveal": a capitalised verb inside a
    // sentence is a title's word, not a product's life.
    // "Intuit to Shut Down Mint": a capital anywhere in the cue.
    if written.chars().any(char::is_uppercase) && !super::text::sentence_initial(text, hit.start) {
        return None;
    }
    if written.starts_with(char::is_uppercase)
        && let Some(name) = participle_subject(text, hit, breaks)
    {
        return text
            .get(name.clone())
            .is_some_and(|n| is_product_name(rules, n))
            .then_some(Found { name, owner: None });
    }
    let verb = written.to_lowercase();
    // Firms are founded: a name read with "founded" alone is no product.
    if verb.ends_with("founded") {
        return None;
    }
    // "the ROKR E1, introduced in September 2005", "TomTom Navigator,
    // released in 2002 as software": a participle after a name and its
    // comma speaks of that name.
    if let Some(name) = appositive_participle(text, hit, &verb)
        && text
            .get(name.clone())
            .is_some_and(|n| is_product_name(rules, n))
    {
        return Some(Found { name, owner: None });
    }
    // "Walmart sold Vudu to Fandango", never "it sold poorly".
    if super::history::bare_sale(text, &(hit.start..hit.end)) {
        return None;
    }
    let passive = verb.starts_with("was ") || verb.starts_with("were ");
    // "Mozilla handed it over", "HP sold its webOS…": a cue holding its
    // object makes its subject the one who acts, never the product.
    let holds_object = verb
        .split(' ')
        .any(|w| ["it", "its", "them", "their"].contains(&w));
    // "Yahoo Mail was renamed AOL Mail": a new name follows even a passive.
    let rename = super::renames::is_rename(&verb);
    // "renamed to Wukong Wenda", "rebranded as Xbox Music".
    let renamed_at = [" to", " as"]
        .iter()
        .find(|w| {
            text.get(hit.end..)
                .and_then(|t| t.strip_prefix(**w))
                .is_some_and(|t| t.starts_with(' '))
        })
        .map_or(hit.end, |w| hit.end + w.len());
    // A product's name, without an owner the form gives.
    let product = |name: Range<usize>| {
        text.get(name.clone())
            .is_some_and(|n| is_product_name(rules, n))
            .then_some(Found { name, owner: None })
    };
    if rename && let Some(found) = object_at(text, renamed_at).and_then(product) {
        return Some(found);
    }
    // "sold to Y", "acquired by Y", "merged into Y": Y is the other party.
    let party_follows = [
        " to", " by", " into", " in", " on", " its", " after", " off", " with",
    ]
    .iter()
    .any(|p| verb.ends_with(p));
    // "Mozilla announced that it was discontinued": the verb's subject is
    // the pronoun, not the name opening the clause.
    let pronoun = pronoun_subject(text, hit.start);
    let subject = subject_before(text, hit.start)
        .filter(|_| !pronoun)
        .or_else(|| {
            if pronoun {
                return None;
            }
            let sentence = breaks.clause(text, hit.start);
            sentence_subject(text, sentence.start, hit.start)
        })
        .or_else(|| described_subject(text, hit.start, breaks).filter(|_| !pronoun));
    // "was launched", "is being retired": passive, so no object follows
    // ("later renamed Kodak Gallery" has one).
    let aux_before = word_before(text, hit.start)
        .and_then(|r| text.get(r))
        .is_some_and(|w| {
            [
                "was", "were", "is", "are", "been", "being", "be", "got", "gets",
            ]
            .contains(&&*w.to_lowercase())
        });
    // "Dropbox pulled the plug on Mailbox": the object after "on".
    let object_from =
        if verb.ends_with("plug") && text.get(hit.end..).is_some_and(|t| t.starts_with(" on ")) {
            hit.end + 3
        } else {
            hit.end
        };
    // "killed off the 32X", "would discontinue the Dreamcast": the article
    // before a named object.
    // Not "acquired the VR equipment maker Pico": a name that modifies a
    // noun after it is a description's word.
    let after_the = text
        .get(object_from..)
        .is_some_and(|t| t.starts_with(" the "))
        && object_at(text, object_from + 4).is_some_and(|name| {
            let next = word_after(text, name.end)
                .and_then(|r| text.get(r))
                .unwrap_or("");
            let next_lower = next.starts_with(|c: char| c.is_lowercase());
            !next_lower
                || [
                    "in", "on", "at", "to", "for", "from", "by", "and", "after", "before", "with",
                    "as", "that", "which", "when", "while", "but", "line", "name", "brand",
                    "label", "range", "series", "family", "business", "unit", "division",
                ]
                .contains(&next)
                || rules.vocab().product_kinds.has(next)
        });
    let object_from = if after_the {
        object_from + 4
    } else {
        object_from
    };
    // "the company was launched the Clean Master": machine translation
    // writes the object after a passive, where English has none.
    let passive_object = if after_the {
        object_at(text, object_from)
    } else {
        kind_object(rules, text, object_from)
    };
    if (passive || aux_before)
        && !rename
        && !party_follows
        && let Some(found) = passive_object.and_then(product)
    {
        return Some(found);
    }
    // "killed off the 32X": "off" ends the verb, and the object follows.
    let off_object = verb.ends_with(" off") && object_at(text, object_from).is_some();
    if !passive && (!party_follows || off_object) && !aux_before {
        if let Some(object) = object_at(text, object_from) {
            let name = text.get(object.clone())?;
            if is_product_name(rules, name) && !person_appositive(rules, text, object.end) {
                return Some(Found {
                    name: object,
                    // "The Walt Disney Co. on Wednesday shut Star+": a
                    // day is no owner.
                    owner: subject.filter(|r| {
                        text.get(r.clone())
                            .is_some_and(|o| !rules.vocab().not_names.has(o))
                    }),
                });
            }
            return None;
        }
        let next = word_after(text, hit.end)
            .and_then(|r| text.get(r))
            .map(str::to_lowercase);
        let rest = text.get(hit.end..)?.trim_start_matches(' ');
        let intransitive = next.as_deref().is_none_or(|w| {
            INTRANSITIVE_NEXT.contains(&w) || w.chars().all(|c| c.is_ascii_digit())
        }) || rest.starts_with([',', '.', ';', ':', ')']);
        // "Mozilla announced on 2020-09-17 that…": a firm announces, buys
        // and unveils; a product is only announced (passive).
        let agent_only = [
            "announced",
            "announces",
            "acquired",
            "acquires",
            "bought",
            "buys",
            "unveiled",
            "unveils",
            "introduced",
            "introduces",
            "built",
            "created",
            // "LEGO pulled the plug after fifteen months": on what, unsaid.
            "pulled the plug",
            "pulls the plug",
        ]
        .contains(&verb.as_str())
            && subject_before(text, hit.start).is_some()
            && subject
                .as_ref()
                .is_none_or(|s| relative_object(rules, text, s.start).is_none());
        if !intransitive || agent_only {
            return None;
        }
    }
    // "Path. Remember Path? … It got sold to Kakao": a paragraph opening
    // with a name alone, as a label, speaks of it by "it".
    let opens_with_it = text
        .get(breaks.sentence(text, hit.start))
        .is_some_and(|s| s.starts_with("It "));
    let subject = subject
        .filter(|r| !matches!(text.get(r.clone()), Some("It" | "They")))
        .or_else(|| {
            (pronoun || opens_with_it)
                .then(|| item_label(text, hit.start))
                .flatten()
        });
    let name = subject?;
    if holds_object || person_appositive(rules, text, name.end) {
        return None;
    }
    // "products that Disney has launched", "Reader, which Google launched
    // in 2005": the subject of an object relative clause is who acts; the
    // product, if named, stands before ", which".
    if !passive && !aux_before {
        let lead = text.get(..name.start).unwrap_or("");
        // "a service that Logan Green and John Zimmer started": two names
        // act together.
        let lead = lead
            .strip_suffix(" and ")
            .and_then(|l| name_ending(text, l.len()))
            .and_then(|other| text.get(..other.start))
            .unwrap_or(lead);
        if let Some(head) = ["that ", "which "]
            .iter()
            .find_map(|w| lead.strip_suffix(w))
        {
            let made = head.strip_suffix(", ").and_then(|h| {
                name_ending(text, h.len()).filter(|m| {
                    text.get(m.clone())
                        .is_some_and(|n| is_product_name(rules, n))
                })
            });
            return made.map(|made| Found {
                name: made,
                owner: Some(name),
            });
        }
    }
    // "Lumia, the range Nokia introduced in 2011": a name after "the
    // <noun>" is who made the thing the clause is about, named before it.
    if let Some(made) = relative_object(rules, text, name.start) {
        let made = made.filter(|m| {
            text.get(m.clone())
                .is_some_and(|n| is_product_name(rules, n))
        });
        return made.map(|made| Found {
            name: made,
            owner: Some(name),
        });
    }
    is_product_name(rules, text.get(name.clone())?).then_some(Found { name, owner: None })
}

/// For a subject at `subject_start` that follows "the <noun> " (an object
/// relative clause: "the range Nokia introduced"): `Some` with the name
/// the clause is about, written before ", the <noun>" ("Lumia"), if any.
/// `None` when the subject opens no such clause.
fn relative_object(
    rules: &Rules,
    text: &str,
    subject_start: usize,
) -> Option<Option<Range<usize>>> {
    let before = text.get(..subject_start)?;
    let noun = word_before(text, subject_start)?;
    let noun_text = text.get(noun.clone())?;
    // "the app Wave launched in 2009" names the app: no relative clause.
    let kind = rules.vocab().product_kinds.has(noun_text);
    if kind || !noun_text.chars().all(|c| c.is_lowercase()) {
        return None;
    }
    // "the slide film Kodak discontinued": up to two more lowercase words.
    let mut head = before.get(..noun.start)?;
    for _ in 0..2 {
        match head
            .strip_suffix(' ')
            .map(|h| (h, h.rsplit(' ').next().unwrap_or("")))
        {
            Some((h, w))
                if !w.is_empty()
                    && !["the", "a", "an"].contains(&w)
                    && w.chars().all(|c| c.is_lowercase() || c == '-') =>
            {
                head = h.get(..h.len() - w.len())?;
            }
            _ => break,
        }
    }
    let head = head
        .strip_suffix("the ")
        .or_else(|| head.strip_suffix("a "))
        .or_else(|| head.strip_suffix("an "))?;
    Some(
        head.strip_suffix(", ")
            .and_then(|head| name_ending(text, head.len())),
    )
}

#[cfg(test)]
#[path = "product_forms_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "product_forms_zh_tests.rs"]
mod zh_tests;
