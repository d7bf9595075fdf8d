//! Small text helpers shared by the detectors: word boundaries, sentence and
//! clause bounds, capitalised names. All positions are byte offsets on char
//! boundaries.

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !crate::repair::is_cjk(c)
}

/// Whether `text[start..end]` does not cut a word at either end. CJK text has
/// no spaces between words, so CJK edges always count as boundaries.
pub fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let (Some(inner), Some(before), Some(after)) =
        (text.get(start..end), text.get(..start), text.get(end..))
    else {
        return false;
    };
    let first_word = inner.chars().next().is_some_and(is_word_char);
    let last_word = inner.chars().next_back().is_some_and(is_word_char);
    let cut_before = first_word && before.chars().next_back().is_some_and(is_word_char);
    let cut_after = last_word && after.chars().next().is_some_and(is_word_char);
    !cut_before && !cut_after
}

fn ends_clause(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | ';' | '；')
}

/// Months written short before a day: "Sept. 14, 2019".
const MONTH_ABBREVIATIONS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// Words whose dot never ends a sentence before a name.
const TITLE_ABBREVIATIONS: &[&str] = &["Mr", "Mrs", "Ms", "Dr", "St", "Prof", "vs", "No"];

/// Whether the ASCII terminator at `at` really ends a sentence: "1.5" and
/// "e.g.x" do not; "role?Whether" (a broken translation) does.
fn is_break(text: &str, at: usize) -> bool {
    // "12. Cash…" opening a line: a list number, not a sentence.
    let bytes = text.as_bytes();
    let digits = bytes.get(at.saturating_sub(4)..at).map_or(0, |b| {
        b.iter().rev().take_while(|b| b.is_ascii_digit()).count()
    });
    if (1..=3).contains(&digits) && (at == digits || bytes.get(at - digits - 1) == Some(&b'\n')) {
        return false;
    }
    // "Aug. 18, 2011", "Mr. Lee", "Acme Inc. said": an abbreviation's dot.
    let word_start = bytes
        .get(at.saturating_sub(6)..at)
        .and_then(|b| b.iter().rposition(|c| !c.is_ascii_alphabetic()))
        .map_or(at.saturating_sub(6), |i| at.saturating_sub(6) + i + 1);
    let word = text.get(word_start..at).unwrap_or("");
    let next_digit = bytes.get(at + 2).is_some_and(u8::is_ascii_digit);
    let abbreviation =
        (MONTH_ABBREVIATIONS.contains(&word) && next_digit) || TITLE_ABBREVIATIONS.contains(&word);
    if bytes.get(at) == Some(&b'.') && abbreviation {
        return false;
    }
    match text.get(at + 1..).and_then(|t| t.chars().next()) {
        None => true,
        Some(next) => {
            next.is_whitespace()
                || next.is_uppercase()
                || crate::repair::is_cjk(next)
                || matches!(next, '"' | '\'' | '”' | '’' | ')')
        }
    }
}

/// Whether a list item starts at `at` ("• ", "- ", "* ", "3. ", "2) "): a
/// line end before it ends a sentence even without a stop ("Robinhood
/// Gold: launched in 2016\n• Robinhood Crypto: …"). Other line ends inside
/// a paragraph may be a hard wrap in mid-sentence.
pub fn opens_list_item(text: &str, at: usize) -> bool {
    text.get(at..).and_then(list_item_body).is_some()
}

/// What a list item says after its mark: "It was sold" of "- It was
/// sold", of "3. It was sold", of "│ Pebble │…" (a row as margin draws
/// Markdown tables). `None` where `line` opens with no mark.
pub fn list_item_body(line: &str) -> Option<&str> {
    let line = line.trim_start_matches(' ');
    if let Some(mark) = ["• ", "- ", "* ", "· ", "– ", "+ ", "│"]
        .iter()
        .find(|b| line.starts_with(**b))
    {
        return Some(line[mark.len()..].trim_start());
    }
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let rest = line.get(digits..)?;
    rest.strip_prefix(". ")
        .or_else(|| rest.strip_prefix(") "))
        .map(str::trim_start)
}

/// First bytes of the terminators `Breaks` looks for.
static MAY_BREAK: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b as u8, b'.' | b'!' | b'?' | b';' | b'\n' | 0xE3 | 0xEF);
        b += 1;
    }
    table
};

/// The first byte at or after `from` that may start a terminator: 16 bytes
/// are tested at once with comparisons the compiler vectorises.
fn next_may_break(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 16) {
        let any = chunk.iter().fold(false, |any, &b| {
            any | (b == b'.')
                | (b == b'!')
                | (b == b'?')
                | (b == b';')
                | (b == b'\n')
                | (b == 0xE3)
                | (b == 0xEF)
        });
        if any {
            break;
        }
        at += 16;
    }
    let offset = bytes
        .get(at..)?
        .iter()
        .position(|&b| MAY_BREAK[b as usize])?;
    Some(at + offset)
}

/// Sentence and clause boundaries of one paragraph, found in one byte pass,
/// so each mention's clause is a binary search.
#[derive(Debug, Default)]
pub struct Breaks {
    /// Offsets just after each clause terminator (sentence ends included).
    clauses: Vec<usize>,
    /// Offsets just after each sentence terminator.
    sentences: Vec<usize>,
    len: usize,
}

impl Breaks {
    pub fn new(text: &str) -> Breaks {
        let mut breaks = Breaks::default();
        breaks.find(text);
        breaks
    }

    /// Finds the boundaries of `text`, reusing this one's lists: the pass
    /// over a document finds them for hundreds of thousands of paragraphs.
    pub fn find(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let breaks = self;
        breaks.len = text.len();
        breaks.clauses.clear();
        breaks.sentences.clear();
        let mut i = 0;
        while i < bytes.len() {
            // Skip the bytes that cannot start a terminator (nearly all).
            match next_may_break(bytes, i) {
                Some(at) => i = at,
                None => break,
            }
            let (width, sentence) = match bytes[i] {
                b'.' | b'!' | b'?' if is_break(text, i) => (1, true),
                b'\n' if opens_list_item(text, i + 1) => (1, true),
                b';' => (1, false),
                // 。 E3 80 82; ！ EF BC 81; ？ EF BC 9F; ； EF BC 9B
                0xE3 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0x82]) => (3, true),
                0xEF => match bytes.get(i + 1..i + 3) {
                    Some([0xBC, 0x81 | 0x9F]) => (3, true),
                    Some([0xBC, 0x9B]) => (3, false),
                    _ => (0, false),
                },
                _ => (0, false),
            };
            if width > 0 {
                breaks.clauses.push(i + width);
                if sentence {
                    breaks.sentences.push(i + width);
                }
                i += width;
            } else {
                i += 1;
            }
        }
    }

    fn around(ends: &[usize], len: usize, at: usize) -> Range<usize> {
        let i = ends.partition_point(|&e| e <= at);
        let start = i
            .checked_sub(1)
            .and_then(|j| ends.get(j))
            .copied()
            .unwrap_or(0);
        let end = ends.get(i).copied().unwrap_or(len);
        start..end
    }

    /// The clause holding byte `at`, trimmed.
    pub fn clause(&self, text: &str, at: usize) -> Range<usize> {
        trim(
            text,
            bounded(text, Self::around(&self.clauses, self.len, at), at),
        )
    }

    /// The sentence holding byte `at`, trimmed.
    pub fn sentence(&self, text: &str, at: usize) -> Range<usize> {
        trim(
            text,
            bounded(text, Self::around(&self.sentences, self.len, at), at),
        )
    }

    /// Where each sentence starts: 0 and after each sentence end.
    pub fn sentence_starts(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(0).chain(self.sentences.iter().copied().filter(|&s| s < self.len))
    }

    /// The clause after the one ending at `end`, if any.
    pub fn next_clause(&self, text: &str, end: usize) -> Option<Range<usize>> {
        let rest = text.get(end..)?;
        let start = end + rest.len() - rest.trim_start().len();
        (start < text.len()).then(|| self.clause(text, start))
    }
}

/// The most of a sentence kept either side of a mention. Text without
/// sentence ends (a 10 MB line) would otherwise make every mention's
/// sentence the whole paragraph: quadratic time and memory.
pub const SENTENCE_REACH: usize = 400;

/// `range` cut to `SENTENCE_REACH` bytes either side of `at`, at a space
/// when there is one near the cut, always on char boundaries.
fn bounded(text: &str, range: Range<usize>, at: usize) -> Range<usize> {
    let mut start = range.start.max(at.saturating_sub(SENTENCE_REACH));
    let mut end = range
        .end
        .min(at.saturating_add(SENTENCE_REACH))
        .min(text.len());
    if start > range.start {
        while !text.is_char_boundary(start) {
            start += 1;
        }
        if let Some(space) = text.get(start..at).and_then(|t| t.find(' ')) {
            start += space + 1;
        }
    }
    if end < range.end {
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if let Some(space) = text.get(at..end).and_then(|t| t.rfind(' ')) {
            end = at + space;
        }
    }
    start.min(end)..end
}

fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range;
    };
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    let start = range.start + lead;
    start..range.end.saturating_sub(trail).max(start)
}

/// Where `part` lies in `text`, when it is a slice of it (not an equal copy).
pub fn span_in(text: &str, part: &str) -> Option<Range<usize>> {
    let start = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    let end = start.checked_add(part.len())?;
    (end <= text.len()).then_some(start..end)
}

/// The sentence holding byte `at` (one-off, for the reader's `m`;
/// detectors use `Breaks`).
pub fn sentence_at(text: &str, at: usize) -> Range<usize> {
    Breaks::new(text).sentence(text, at)
}

/// Phrases a paragraph is searched for before anything else is read:
/// one prebuilt SIMD finder each, not one built per paragraph.
pub(crate) static LY_AS: LazyLock<memmem::Finder<'static>> =
    LazyLock::new(|| memmem::Finder::new(b"ly as "));
/// "名为", "称为", "叫做", "名叫": each has one of these characters. A
/// plain-ASCII paragraph, most of a 100 MB English file, is passed over at
/// the speed of one SIMD scan.
pub(crate) fn may_name(text: &str) -> bool {
    !text.is_ascii()
        && ["名", "称", "叫"]
            .iter()
            .any(|c| memmem::find(text.as_bytes(), c.as_bytes()).is_some())
}

/// Whether a paragraph has a double quote, straight or curly.
pub(crate) fn has_quote(text: &str) -> bool {
    memchr::memchr(b'"', text.as_bytes()).is_some()
        || (!text.is_ascii() && memmem::find(text.as_bytes(), "“".as_bytes()).is_some())
}
pub(crate) static SHORT_FOR: LazyLock<memmem::Finder<'static>> =
    LazyLock::new(|| memmem::Finder::new("简称".as_bytes()));

/// The clause holding byte `at`: the sentence, further split on ';'.
#[cfg(test)]
pub fn clause_at(text: &str, at: usize) -> Range<usize> {
    Breaks::new(text).clause(text, at)
}

/// The same clause as [`clause_at`], from the text within reach of `at`
/// only: a clause is cut `SENTENCE_REACH` bytes either side, and a break
/// depends on the character after it, so a window a little wider than that
/// gives the same range whatever the paragraph's length (a mention's quote
/// in a 10 MB paragraph costs a kilobyte's scan).
pub fn clause_around(text: &str, at: usize) -> Range<usize> {
    const MARGIN: usize = 8;
    let mut start = at.saturating_sub(SENTENCE_REACH + MARGIN);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = at.saturating_add(SENTENCE_REACH + MARGIN).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let Some(window) = text.get(start..end) else {
        return at..at;
    };
    let local = Breaks::new(window).clause(window, at - start);
    // Where the window starts or ends inside the text, its edge is no
    // break: only `bounded`'s cut (always nearer `at`) may end the clause.
    local.start + start..local.end + start
}

/// Whether the text at `at` starts with a CJK character: Chinese forms
/// are read by Chinese rules.
pub fn cjk_at(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|t| t.chars().next())
        .is_some_and(crate::repair::is_cjk)
}

/// Whether the word at `at` starts a sentence.
pub fn sentence_initial(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or("").trim_end();
    before.is_empty()
        || before
            .chars()
            .next_back()
            .is_some_and(|c| ends_clause(c) || matches!(c, ':' | '"' | '“'))
}

/// Capitalised function words that never start a name.
const NOT_NAMES: &[&str] = &[
    "The", "This", "That", "These", "Those", "It", "Its", "We", "They", "He", "She", "I", "You",
    "Our", "Their", "A", "An", "In", "On", "At", "But", "And", "So", "Then", "If", "When", "While",
    "After", "Before", "Also", "Again", "What", "Which", "Who", "Why", "How", "As", "By", "For",
    "From", "With", "Its", "There", "Here", "Now", "Yet", "Even", "Since",
];

fn is_name_word(word: &str) -> bool {
    is_domain_name(word)
        || word
            .chars()
            .next()
            // "3DS", "iPod": a digit or a lowercase letter may open a name
            // that has a capital in it.
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_lowercase() || c.is_ascii_digit())
            && word.chars().any(char::is_uppercase)
            && word
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '+' | '.'))
}

/// A lowercase name written as a domain: "musical.ly", "del.icio.us"; not
/// "i.e" or "e.g" (one-letter parts) or "1.5".
fn is_domain_name(word: &str) -> bool {
    let parts: Vec<&str> = word.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            p.len() >= 2
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
        && parts
            .last()
            .is_some_and(|tld| tld.len() <= 4 && tld.chars().all(|c| c.is_ascii_lowercase()))
}

/// Words of `text` (byte ranges) separated by single spaces.
fn word_at_end(text: &str, end: usize) -> Option<Range<usize>> {
    let before = text.get(..end)?;
    let mut start = None;
    let mut chars = before.char_indices().rev().peekable();
    while let Some((i, c)) = chars.next() {
        // "Half.com": a dot between letters is inside a name.
        let inner_dot =
            c == '.' && start.is_some() && chars.peek().is_some_and(|(_, p)| p.is_alphanumeric());
        if c.is_alphanumeric() || c == '-' || c == '+' || inner_dot {
            start = Some(i);
        } else {
            break;
        }
    }
    Some(start?..end)
}

fn word_at_start(text: &str, start: usize) -> Option<Range<usize>> {
    let after = text.get(start..)?;
    let mut len = 0;
    let mut chars = after.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner_dot =
            c == '.' && len > 0 && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || c == '-' || c == '+' || inner_dot {
            len = i + c.len_utf8();
        } else {
            break;
        }
    }
    (len > 0).then_some(start..start + len)
}

/// The word ending at `end`, after the spaces before `end` are skipped:
/// its range.
pub fn word_before(text: &str, end: usize) -> Option<Range<usize>> {
    let trimmed = text.get(..end)?.trim_end_matches(' ').len();
    word_at_end(text, trimmed)
}

/// The word starting at `start`, after the spaces at `start` are skipped:
/// its range.
pub fn word_after(text: &str, start: usize) -> Option<Range<usize>> {
    let rest = text.get(start..)?;
    word_at_start(
        text,
        start + rest.len() - rest.trim_start_matches(' ').len(),
    )
}

/// Up to three capitalised words ending just before `end` (skipping one
/// space): "Google Reader" in "Google Reader expects".
pub fn name_before(text: &str, end: usize) -> Option<Range<usize>> {
    let space = end
        .checked_sub(1)
        .filter(|&c| text.get(c..end) == Some(" "))?;
    name_ending(text, space)
}

/// Up to three capitalised words ending exactly at `end`: "Lumen" in
/// "Lumen, which opened", where a comma, not a space, follows the name.
pub fn name_ending(text: &str, end: usize) -> Option<Range<usize>> {
    let mut cursor = end;
    let mut words: Vec<Range<usize>> = Vec::new();
    // "The GPS 100, a receiver for boats, was introduced": a model number
    // ends the name, as `name_from` reads it forwards.
    if let Some(number) = word_at_end(text, cursor)
        && text.get(number.clone()).is_some_and(is_model_number)
        && let Some(space) = number.start.checked_sub(1)
        && text.get(space..number.start) == Some(" ")
        && word_at_end(text, space).is_some_and(|w| is_name_word(text.get(w).unwrap_or("")))
    {
        words.push(number);
        cursor = space;
    }
    while words.len() < 3 {
        let Some(word) = word_at_end(text, cursor) else {
            break;
        };
        if !is_name_word(text.get(word.clone()).unwrap_or("")) {
            break;
        }
        cursor = word.start;
        words.push(word);
        match cursor.checked_sub(1) {
            Some(space) if text.get(space..cursor) == Some(" ") => cursor = space,
            _ => break,
        }
        // "Checking & Savings", read backwards.
        if cursor >= 2
            && text.get(cursor - 2..cursor) == Some(" &")
            && word_at_end(text, cursor - 2)
                .is_some_and(|w| is_name_word(text.get(w).unwrap_or("")))
        {
            cursor -= 2;
        }
    }
    // "360 Search", "3 Mobile": a brand number opens the name (not a year,
    // not a price: "in 2015 Search", "$360 Search" stay out).
    if !words.is_empty()
        && words.len() < 3
        && let Some(number) = word_at_end(text, cursor)
        && text.get(cursor..cursor + 1) == Some(" ")
        && text
            .get(number.clone())
            .is_some_and(|n| n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()))
        && !text[..number.start].ends_with(['$', '.', ',', '-'])
        && number.start < cursor
    {
        words.push(number);
    }
    words.reverse();
    clean_name(text, &words)
}

/// Up to three capitalised words starting just after `start` (skipping one
/// space): "Wave" in "the product Wave".
pub fn name_after(text: &str, start: usize) -> Option<Range<usize>> {
    if text.get(start..start + 1) != Some(" ") {
        return None;
    }
    // 'the product "BOSS Live"': a name in quotes, read inside them.
    let quote = text
        .get(start + 1..)?
        .chars()
        .next()
        .filter(|c| ['"', '“'].contains(c))
        .map_or(0, char::len_utf8);
    let from = start + 1 + quote;
    if quote > 0 {
        // The whole quoted name, however many words: "Tian Long Ba Bu".
        let inside = text.get(from..)?;
        let close = inside.find(['"', '”']).filter(|&n| n <= 60)?;
        let name = inside.get(..close)?;
        return (name.starts_with(char::is_uppercase) && !name.contains(['.', ',']))
            .then_some(from..from + close);
    }
    name_from(text, from)
}

/// Up to three capitalised words starting at `start`.
pub fn name_from(text: &str, start: usize) -> Option<Range<usize>> {
    let mut cursor = start;
    let mut words: Vec<Range<usize>> = Vec::new();
    while words.len() < 3 {
        let Some(word) = word_at_start(text, cursor) else {
            break;
        };
        if !is_name_word(text.get(word.clone()).unwrap_or("")) {
            break;
        }
        cursor = word.end;
        words.push(word);
        if text.get(cursor..cursor + 1) == Some(" ") {
            cursor += 1;
        } else {
            break;
        }
        // "Checking & Savings": an ampersand joins two name words.
        if text.get(cursor..cursor + 2) == Some("& ")
            && word_at_start(text, cursor + 2)
                .is_some_and(|w| is_name_word(text.get(w).unwrap_or("")))
        {
            cursor += 2;
        }
    }
    // "Pre 3", "Kirin 910", "Xbox 360": a model number ends the name (not a
    // year: "Zune 2006" is a name and a date).
    if !words.is_empty()
        && words.len() < 3
        && text.get(cursor.saturating_sub(1)..cursor) == Some(" ")
        && let Some(number) = word_at_start(text, cursor)
        && text.get(number.clone()).is_some_and(is_model_number)
        && !text.get(number.end..).is_some_and(|t| {
            t.starts_with(['.', ',']) && t[1..].starts_with(|c: char| c.is_ascii_digit())
        })
    {
        // "Yahoo 360°": the degree sign is the name's.
        let degree = text.get(number.end..).is_some_and(|t| t.starts_with('°'));
        words.push(number.start..number.end + if degree { '°'.len_utf8() } else { 0 });
    }
    clean_name(text, &words)
}

/// Whether `word` is the first word of three or more of `names` ("HTC" of
/// "HTC Dream", "HTC Flyer", "HTC One"): their maker's word, not a name
/// of one of them.
pub fn opens_several<'a>(word: &str, names: impl IntoIterator<Item = &'a str>) -> bool {
    names
        .into_iter()
        .filter(|n| n.strip_prefix(word).is_some_and(|r| r.starts_with(' ')))
        .take(3)
        .count()
        == 3
}

/// Whether `word` is a model number ending a name: "Xbox 360", "Xerox
/// 9700", not a year ("Zune 2006" is a name and a date).
fn is_model_number(word: &str) -> bool {
    let year = word
        .parse::<u32>()
        .is_ok_and(|y| (1800..=2099).contains(&y));
    word.len() <= 4 && word.bytes().all(|b| b.is_ascii_digit()) && !year
}

fn clean_name(text: &str, words: &[Range<usize>]) -> Option<Range<usize>> {
    let first = words
        .iter()
        .position(|w| !NOT_NAMES.contains(&text.get(w.clone()).unwrap_or("")))?;
    let start = words.get(first)?.start;
    let end = words.last()?.end;
    Some(start..end)
}

#[cfg(test)]
mod bounded_tests {
    use super::*;

    #[test]
    fn a_sentence_without_end_is_cut_near_the_mention() {
        let text = "word ".repeat(100_000);
        let at = 250_000;
        let range = Breaks::new(&text).sentence(&text, at);
        assert!(range.len() <= 2 * SENTENCE_REACH, "{range:?}");
        assert!(range.contains(&at));
        assert!(text[range.clone()].starts_with("word"), "cut at a space");
        // Multibyte text is cut on char boundaries.
        let cjk = "中文".repeat(100_000);
        let range = Breaks::new(&cjk).clause(&cjk, 300_001);
        assert!(cjk.get(range).is_some());
    }

    #[test]
    fn ordinary_sentences_are_whole() {
        let text = "One short sentence. Another one here.";
        assert_eq!(
            &text[Breaks::new(text).sentence(text, 22)],
            "Another one here."
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        let t = "roles of Alipayer, role.";
        assert!(!on_word_boundaries(t, 0, 4));
        assert!(on_word_boundaries(t, 19, 23));
        assert!(!on_word_boundaries(t, 9, 15));
        assert!(on_word_boundaries("支付宝角色", 0, 9));
    }

    #[test]
    fn span_in_finds_slices_not_copies() {
        let text = "platform role. More.";
        assert_eq!(span_in(text, &text[0..13]), Some(0..13));
        assert_eq!(span_in(text, &text[15..]), Some(15..20));
        let copy = text[0..13].to_owned();
        assert_eq!(span_in(text, &copy), None);
        assert_eq!(span_in(&text[15..], text), None, "wider than the text");
    }

    #[test]
    fn sentences_and_clauses() {
        let t = "First one. Again where played what role?Whether Alipay wins; then 1.5 more.";
        assert_eq!(&t[sentence_at(t, 15)], "Again where played what role?");
        assert_eq!(&t[clause_at(t, 45)], "Whether Alipay wins;");
        assert_eq!(&t[clause_at(t, 62)], "then 1.5 more.");
        let breaks = Breaks::new(t);
        let end = breaks.clause(t, 45).end;
        assert_eq!(
            breaks.next_clause(t, end).map(|r| &t[r]),
            Some("then 1.5 more.")
        );
        assert_eq!(
            &t[breaks.sentence(t, 45)],
            "Whether Alipay wins; then 1.5 more."
        );
        let zh = "平台角色。这是支付宝；最终。";
        assert_eq!(&zh[clause_at(zh, 20)], "这是支付宝；");
        assert!(sentence_initial(t, 11));
        assert!(!sentence_initial(t, 17));
    }

    #[test]
    fn a_line_end_ends_a_sentence_only_before_a_list_item() {
        let t = "• Gold: launched in 2016\n• Crypto: launched\n12. Cash: later\nwrapped line";
        let starts: Vec<usize> = Breaks::new(t).sentence_starts().collect();
        let second = t.find("• Crypto").expect("present");
        let third = t.find("12.").expect("present");
        assert_eq!(starts, vec![0, second, third], "not before 'wrapped line'");
        assert!(!opens_list_item("2016 was", 0));
        assert!(opens_list_item("3) next", 0));
    }

    #[test]
    fn an_abbreviation_does_not_end_a_sentence() {
        let t = "It was discontinued on Aug. 18, 2011, after Mr. Lee left. Then it was over.";
        let starts: Vec<usize> = Breaks::new(t).sentence_starts().collect();
        assert_eq!(starts, vec![0, t.find(" Then").expect("present")]);
    }

    #[test]
    fn names_join_ampersands_and_domains() {
        let t = "Robinhood announced Robinhood Checking & Savings today";
        let at = t.find("announced").expect("present") + "announced".len();
        assert_eq!(
            name_after(t, at).map(|r| &t[r]),
            Some("Robinhood Checking & Savings")
        );
        let end = t.find(" today").expect("present") + 1;
        assert_eq!(
            name_before(t, end).map(|r| &t[r]),
            Some("Robinhood Checking & Savings")
        );
        assert_eq!(name_before("Tom & the cat ", 14), None, "lowercase after &");
        assert!(is_domain_name("musical.ly") && is_domain_name("del.icio.us"));
        assert!(!is_domain_name("i.e") && !is_domain_name("1.5") && !is_domain_name("end"));
    }

    #[test]
    fn a_model_number_ends_a_name_read_backwards() {
        let t = "The GPS 100, a receiver, and Pebble 2 were sold for $100, then 300 more.";
        let name = |end: &str| name_ending(t, t.find(end).expect("present")).map(|r| &t[r]);
        assert_eq!(name(", a receiver"), Some("GPS 100"));
        assert_eq!(name(" were sold"), Some("Pebble 2"));
        assert_eq!(name(", then"), None, "a price is no name");
        assert_eq!(name(" more"), None, "a count alone is no name");
        let t = "It became the Xerox 9700, launched in 1977; by then the Xerox 1977 was gone.";
        let name = |end: &str| name_ending(t, t.find(end).expect("present")).map(|r| &t[r]);
        assert_eq!(name(", launched"), Some("Xerox 9700"));
        assert_eq!(name(" was gone"), None, "a year is no model number");
    }

    #[test]
    fn a_word_opening_three_names_is_their_makers() {
        let names = ["HTC Dream", "HTC Flyer", "HTC One", "HTCX", "Hero"];
        assert!(opens_several("HTC", names));
        assert!(!opens_several("HTC", ["HTC Dream", "HTC Flyer", "HTCX"]));
        assert!(!opens_several("Hero", names));
    }

    #[test]
    fn names_around_phrases() {
        let t = "Then Google Reader expects to achieve; the product Wave Beta was";
        let r = name_before(t, 18 + 1).map(|r| &t[r]);
        assert_eq!(r, Some("Google Reader"));
        let at = t.find("the product").expect("present") + "the product".len();
        assert_eq!(name_after(t, at).map(|r| &t[r]), Some("Wave Beta"));
        assert_eq!(name_before("the user expects", 9), None);
        let before = |t: &str, word: &str| {
            let end = t.find(word).expect("present");
            name_before(t, end).map(|r| t[r].to_owned())
        };
        assert_eq!(
            before("so 360 Search is renamed", "is").as_deref(),
            Some("360 Search")
        );
        assert_eq!(before("in 2015 Search is", "is").as_deref(), Some("Search"));
        assert_eq!(
            before("for $360 Search is", "is").as_deref(),
            Some("Search")
        );
        // A model number ends a name read forwards.
        assert_eq!(
            name_from("Pre 3 smartphone", 0).map(|r| &"Pre 3 smartphone"[r]),
            Some("Pre 3")
        );
    }

    proptest::proptest! {
        #[test]
        fn a_clause_from_its_window_is_the_clause_from_the_paragraph(
            parts in proptest::collection::vec(
                "([a-z]{1,9}|[A-Z][a-z]{0,5}|中文|é| |  |\\. |\\.|;|。|？|!|1\\.5|\\?[A-Z])",
                0..900,
            ),
            at_seed in 0usize..100_000,
        ) {
            let text: String = parts.concat();
            if !text.is_empty() {
                let mut at = at_seed % text.len();
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                proptest::prop_assert_eq!(clause_around(&text, at), clause_at(&text, at));
            }
        }

        #[test]
        fn next_may_break_is_the_first_table_byte(text in "[a-z .!?;。！？；é]{0,80}", from in 0usize..90) {
            let bytes = text.as_bytes();
            let want = bytes
                .get(from..)
                .and_then(|rest| rest.iter().position(|&b| MAY_BREAK[b as usize]))
                .map(|p| from + p);
            proptest::prop_assert_eq!(next_may_break(bytes, from), want);
        }

    }
}
