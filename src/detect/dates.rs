//! Dates in the forms articles use: "March 9, 2017", "9 March 2017",
//! "2017-03-09", "2017年3月9日", "2020.9.15", "in 2023 August", bare years
//! 1900–2099, and years 1000–1899 where a month or "in" says they are
//! years, not counts ("founded in 1889", not "1500 stores"). A hand-written
//! scanner keyed on digit runs: paragraphs without a digit cost one byte scan.

use std::ops::Range;

use super::{DateMention, IsoDate};

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Appends the dates found in paragraph `paragraph` (text `text`) to `out`.
pub fn scan(text: &str, paragraph: usize, out: &mut Vec<DateMention>) {
    let first = out.len();
    scan_numbers(text, paragraph, out);
    if out.len() > first {
        english_months_in_year(text, paragraph, first, out);
    }
}

/// The dates [`scan`] finds from their digits.
fn scan_numbers(text: &str, paragraph: usize, out: &mut Vec<DateMention>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    // The year of the last date: "同年11月1日", "7月4日" after "2021年6月30日".
    let mut last_year: Option<u32> = None;
    while let Some(start) = next_digit(bytes, i) {
        i = start;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let found = date_at(text, start, i)
            .or_else(|| last_year.and_then(|year| month_in_year(text, start, i, year)));
        if let Some((range, date)) = found {
            last_year = Some(u32::from(date.year()));
            i = i.max(range.end);
            if text.get(range.clone()).is_some() {
                out.push(DateMention {
                    paragraph,
                    range,
                    date,
                });
            }
        }
    }
}

/// "in August", "that October", "by March" after a dated sentence of the
/// paragraph: the month of the last year written before it. `out[first..]`
/// are the paragraph's dates so far, in order; the new ones go in order too.
fn english_months_in_year(text: &str, paragraph: usize, first: usize, out: &mut Vec<DateMention>) {
    const LEADS: [&str; 6] = ["in ", "that ", "by ", "until ", "early ", "late "];
    // The capitalised names, found in one pass (a 100 MB article has
    // thousands of dated paragraphs).
    static NAMES: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::OnceLock::new();
    let Some(names) = NAMES
        .get_or_init(|| {
            aho_corasick::AhoCorasick::new(
                MONTHS.map(|m| format!("{}{}", m[..1].to_uppercase(), &m[1..])),
            )
            .ok()
        })
        .as_ref()
    else {
        return;
    };
    let mut found: Vec<DateMention> = Vec::new();
    for hit in names.find_iter(text) {
        let (m, at, end) = (hit.pattern().as_usize(), hit.start(), hit.end());
        let lead = LEADS.iter().any(|l| text[..at].ends_with(l));
        if !lead {
            continue;
        }
        // A day or year after it is read from its digits; a word joined
        // to it ("Marches") is another word.
        let after = &text[end..];
        let alone = !after.starts_with(|c: char| c.is_alphanumeric())
            && !after
                .trim_start_matches([' ', ','])
                .starts_with(|c: char| c.is_ascii_digit());
        let dates = out.get(first..).unwrap_or(&[]);
        let inside = dates
            .iter()
            .any(|d| d.range.start <= at && at < d.range.end);
        // "that October", "June of that year" speak of the year written
        // before; "in March" only in the sentence that wrote it ("the
        // rains usually arrive in March" is any year's).
        let said = text[..at].ends_with("that ")
            || [" of that year", " that year", " the same year"]
                .iter()
                .any(|t| after.starts_with(t));
        let year = dates
            .iter()
            .rev()
            .find(|d| d.range.end <= at)
            .filter(|d| said || !text[d.range.end..at].contains(". "))
            .map(|d| u32::from(d.date.year()));
        if let (true, false, Some(year)) = (alone, inside, year) {
            let month = u32::try_from(m + 1).unwrap_or(0);
            found.push(DateMention {
                paragraph,
                range: at..end,
                date: IsoDate::new(year, month, 0),
            });
        }
    }
    if found.is_empty() {
        return;
    }
    out.extend(found);
    out[first..].sort_by_key(|d| d.range.start);
}

/// The first ASCII digit at or after `from`. Text is mostly letters: 16
/// bytes are tested at once (a branch-free fold the compiler vectorises).
fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 16) {
        if chunk.iter().fold(false, |any, b| any | b.is_ascii_digit()) {
            break;
        }
        at += 16;
    }
    let offset = bytes.get(at..)?.iter().position(u8::is_ascii_digit)?;
    Some(at + offset)
}

fn number(text: &str, range: Range<usize>) -> Option<u32> {
    text.get(range)?.parse().ok()
}

/// A date whose year is the digit run `start..end`.
fn date_at(text: &str, start: usize, end: usize) -> Option<(Range<usize>, IsoDate)> {
    if end - start != 4 {
        return None;
    }
    let year = number(text, start..end)?;
    if !(1000..=2099).contains(&year) {
        return None;
    }
    let found = date_of_year(text, year, start, end)?;
    let bare = found.1 == IsoDate::new(year, 0, 0);
    if year < 1900 && bare && !(year_cue_before(&text[..start]) && year_end_after(&text[end..])) {
        return None;
    }
    Some(found)
}

/// Words before a bare year that say it is one: "in 1889", "since 1850".
fn year_cue_before(before: &str) -> bool {
    let word_start = |w: &str| {
        before.strip_suffix(w).is_some_and(|head| {
            head.chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        })
    };
    [
        "in ", "In ", "since ", "Since ", "until ", "year ", "circa ", "c. ", "in the ", "In the ",
    ]
    .iter()
    .any(|w| word_start(w))
}

/// What may follow a bare old year: punctuation, or a word that is not
/// what a count is of ("in 1889 in Kyoto", not "in 1500 stores").
fn year_end_after(after: &str) -> bool {
    const FOLLOWERS: [&str; 22] = [
        "in", "as", "by", "and", "when", "with", "the", "to", "at", "on", "from", "under", "after",
        "before", "it", "he", "she", "they", "was", "were", "its", "for",
    ];
    let Some(rest) = after.strip_prefix(' ') else {
        return !after.starts_with(|c: char| c.is_alphanumeric());
    };
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    FOLLOWERS.contains(&word.as_str())
}

/// The date a four-digit year at `start..end` begins or ends, any year.
fn date_of_year(
    text: &str,
    year: u32,
    start: usize,
    end: usize,
) -> Option<(Range<usize>, IsoDate)> {
    let bytes = text.as_bytes();
    // Not part of a longer number: "1,2017", "2017.5", "v2017".
    let before = start.checked_sub(1).and_then(|p| bytes.get(p)).copied();
    let before2 = start.checked_sub(2).and_then(|p| bytes.get(p)).copied();
    // "<U+2067>" is how a bidi control is shown, not a year.
    if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'$' || b == b'+')
        || (matches!(before, Some(b'.' | b',')) && before2.is_some_and(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let after = &text[end..];
    if let Some(found) = iso_tail(after, year, start, end) {
        return Some(found);
    }
    if let Some(found) = chinese_tail(after, year, start, end) {
        return Some(found);
    }
    if let Some(found) = english_tail(text, after, year, start, end) {
        return Some(found);
    }
    if let Some(found) = dotted_tail(after, year, start, end) {
        return Some(found);
    }
    if let Some(found) = year_word_tail(after, year, start, end) {
        return Some(found);
    }
    let next = after.as_bytes().first().copied();
    let next2 = after.as_bytes().get(1).copied();
    if next.is_some_and(|b| b.is_ascii_alphanumeric())
        || (matches!(next, Some(b'.' | b',')) && next2.is_some_and(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if let Some(found) = english_head(text, year, start, end) {
        return Some(found);
    }
    Some((start..end, IsoDate::new(year, 0, 0)))
}

/// "-03-09" (or "/03/09") after the year, or "-03" alone.
fn iso_tail(after: &str, year: u32, start: usize, end: usize) -> Option<(Range<usize>, IsoDate)> {
    let b = after.as_bytes();
    let sep = *b.first()?;
    if !matches!(sep, b'-' | b'/') || !b.get(1..3)?.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if b.get(3) != Some(&sep) {
        // "2015-04": a month, unless more digits follow ("2015-0412").
        let month = number(after, 1..3)?;
        let more = b.get(3).is_some_and(|c| c.is_ascii_alphanumeric());
        return ((1..=12).contains(&month) && !more)
            .then(|| (start..end + 3, IsoDate::new(year, month, 0)));
    }
    if b.len() < 6 {
        return None;
    }
    let month = number(after, 1..3)?;
    let day = number(after, 4..6)?;
    if b.get(6).is_some_and(u8::is_ascii_digit) || !valid(month, day) {
        return None;
    }
    Some((start..end + 6, IsoDate::new(year, month, day)))
}

/// ".9.15" after the year: the dotted order of Chinese writers ("2020.9.15").
/// Only with a day: "2020.9" is as often a version or a decimal.
fn dotted_tail(
    after: &str,
    year: u32,
    start: usize,
    end: usize,
) -> Option<(Range<usize>, IsoDate)> {
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let rest = after.strip_prefix('.')?;
    let m = digits(rest);
    let tail = rest.get(m..)?.strip_prefix('.')?;
    let d = digits(tail);
    let beyond = tail.as_bytes().get(d..).unwrap_or_default();
    let more = beyond.first().is_some_and(u8::is_ascii_alphanumeric)
        || (beyond.first() == Some(&b'.') && beyond.get(1).is_some_and(u8::is_ascii_digit));
    if !(1..=2).contains(&m) || !(1..=2).contains(&d) || more {
        return None;
    }
    let (month, day) = (number(rest, 0..m)?, number(tail, 0..d)?);
    valid(month, day).then(|| (start..end + 2 + m + d, IsoDate::new(year, month, day)))
}

/// " year 4 month 10 day", " year August", " year" after the year: Chinese
/// 年月日 translated word for word ("in 2018 year 4 month 10 day").
fn year_word_tail(
    after: &str,
    year: u32,
    start: usize,
    end: usize,
) -> Option<(Range<usize>, IsoDate)> {
    let rest = after.strip_prefix(" year")?;
    if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let year_only = Some((start..end + 5, IsoDate::new(year, 0, 0)));
    let Some(tail) = rest.strip_prefix(' ') else {
        return year_only;
    };
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let m = digits(tail);
    if (1..=2).contains(&m)
        && let Some(after_month) = tail[m..].strip_prefix(" month")
        && let Some(month) = number(tail, 0..m).filter(|m| (1..=12).contains(m))
    {
        let month_end = end + 6 + m + 6;
        let day_tail = after_month.strip_prefix(' ').unwrap_or("");
        let d = digits(day_tail);
        if (1..=2).contains(&d)
            && day_tail[d..].starts_with(" day")
            && !day_tail[d + 4..].starts_with(|c: char| c.is_alphanumeric() && c != 's')
            && let Some(day) = number(day_tail, 0..d)
            && valid(month, day)
        {
            return Some((start..month_end + 1 + d + 4, IsoDate::new(year, month, day)));
        }
        return Some((start..month_end, IsoDate::new(year, month, 0)));
    }
    let name_len = tail.bytes().take_while(u8::is_ascii_alphabetic).count();
    if let Some((month, _)) = tail.get(..name_len).and_then(month_before)
        && tail
            .get(..1)
            .is_some_and(|c| c.chars().all(char::is_uppercase))
    {
        return Some((start..end + 6 + name_len, IsoDate::new(year, month, 0)));
    }
    year_only
}

/// A Chinese month (and day) without its year, whose digits are
/// `start..end`, in `year` (the paragraph's last): "11月3日", "同年11月1日",
/// "当年9月底"; "次年3月" is the year after. Not a count of months ("3个月")
/// nor a month after a year (read with it).
fn month_in_year(
    text: &str,
    start: usize,
    end: usize,
    year: u32,
) -> Option<(Range<usize>, IsoDate)> {
    let before = text.get(..start)?;
    let relative = [
        ("同年", year),
        ("当年", year),
        ("该年", year),
        ("次年", year + 1),
        ("翌年", year + 1),
    ]
    .iter()
    .find(|(w, _)| before.ends_with(w))
    .map(|(w, y)| (w.len(), *y));
    if relative.is_none()
        && (before.ends_with(|c: char| c.is_ascii_digit() || c == '年' || c == '.' || c == '-')
            || before.ends_with("年的"))
    {
        return None;
    }
    let (lead, year) = relative.unwrap_or((0, year));
    let month = number(text, start..end).filter(|m| (1..=12).contains(m))?;
    let after = text.get(end..)?.strip_prefix('月')?;
    let month_end = end + '月'.len_utf8();
    let (day_len, iso) = zh_day(after, year, month);
    Some((start - lead..month_end + day_len, iso))
}

/// "9日" (or "9号") after "…3月": its length and the date, else the month
/// alone and 0.
fn zh_day(after_month: &str, year: u32, month: u32) -> (usize, IsoDate) {
    let digits = after_month.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits)
        && after_month[digits..].starts_with(['日', '号'])
        && let Some(day) = number(after_month, 0..digits)
        && valid(month, day)
    {
        return (digits + '日'.len_utf8(), IsoDate::new(year, month, day));
    }
    (0, IsoDate::new(year, month, 0))
}

/// Whether `word` names a month ("March", "Sept", "Dec") or a weekday.
pub(super) fn is_time_word(word: &str) -> bool {
    const WEEKDAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let w = word.trim_end_matches('.').to_lowercase();
    WEEKDAYS.contains(&w.as_str())
        || MONTHS
            .iter()
            .any(|m| *m == w || (w.len() >= 3 && w.len() <= 4 && m.starts_with(&w)))
}

/// "年3月9日", "年3月", "年" after the year.
fn chinese_tail(
    after: &str,
    year: u32,
    start: usize,
    end: usize,
) -> Option<(Range<usize>, IsoDate)> {
    let rest = after.strip_prefix('年')?;
    let mut len = end + '年'.len_utf8();
    let mut iso = IsoDate::new(year, 0, 0);
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    // "在1992年的6月": machine translation puts 的 between.
    let (rest, of_len) = match rest.strip_prefix('的') {
        Some(r) if (1..=2).contains(&digits(r)) && r[digits(r)..].starts_with('月') => {
            (r, '的'.len_utf8())
        }
        _ => (rest, 0),
    };
    let m = digits(rest);
    if (1..=2).contains(&m)
        && let Some(after_month) = rest[m..].strip_prefix('月')
    {
        let month = number(rest, 0..m)?;
        if !(1..=12).contains(&month) {
            return Some((start..len, iso));
        }
        let (day_len, date) = zh_day(after_month, year, month);
        len += of_len + m + '月'.len_utf8() + day_len;
        iso = date;
    }
    Some((start..len, iso))
}

/// " April 1" after the year: the year-first order machine translations
/// from Chinese keep ("on 2016 April 1"). Without a day only after "in" or
/// "year" ("in 2023 August,"): a bare "2016 March" is more often a year
/// then a heading than a month.
fn english_tail(
    text: &str,
    after: &str,
    year: u32,
    start: usize,
    end: usize,
) -> Option<(Range<usize>, IsoDate)> {
    let rest = after.strip_prefix(' ')?;
    let name_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (month, _) = month_before(rest.get(..name_len)?)?;
    let tail = rest.get(name_len..)?;
    let month_alone = || {
        let next = tail.chars().next();
        let word_ends = next.is_none_or(|c| !c.is_alphanumeric());
        let then_lower = tail
            .strip_prefix(' ')
            .and_then(|t| t.chars().next())
            .is_none_or(|c| !c.is_uppercase() && !c.is_ascii_digit());
        (word_ends && then_lower && year_cue_before(&text[..start]))
            .then(|| (start..end + 1 + name_len, IsoDate::new(year, month, 0)))
    };
    let Some(tail) = tail.strip_prefix(". ").or_else(|| tail.strip_prefix(' ')) else {
        return month_alone();
    };
    let day_len = tail.bytes().take_while(u8::is_ascii_digit).count();
    let Some(day) = number(tail, 0..day_len) else {
        return month_alone();
    };
    let alone = !tail
        .as_bytes()
        .get(day_len)
        .is_some_and(u8::is_ascii_alphanumeric);
    if !(1..=2).contains(&day_len) || !alone || !valid(month, day) {
        return None;
    }
    let len = 1 + name_len + (rest.len() - name_len - tail.len()) + day_len;
    Some((start..end + len, IsoDate::new(year, month, day)))
}

/// "March 9, 2017", "9 March 2017", "March 2017" ending at the year.
fn english_head(
    text: &str,
    year: u32,
    start: usize,
    end: usize,
) -> Option<(Range<usize>, IsoDate)> {
    let before = text.get(..start)?;
    // "March 9, 2017" / "March 9 2017"
    let trimmed = before
        .strip_suffix(", ")
        .or_else(|| before.strip_suffix(' '))?;
    // "On the March 31 of 2006": machine translation's "of" before the year.
    let trimmed = trimmed.strip_suffix(" of").unwrap_or(trimmed);
    let day_len = trimmed.bytes().rev().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&day_len) {
        let day_start = trimmed.len() - day_len;
        let day = number(trimmed, day_start..trimmed.len())?;
        if let Some(head) = trimmed[..day_start].strip_suffix(' ')
            && let Some((month, month_start)) = month_before(head)
            && valid(month, day)
        {
            return Some((month_start..end, IsoDate::new(year, month, day)));
        }
        return None;
    }
    // "9 March 2017" / "March 2017" / "the March of 2013".
    let (month, month_start) = month_before(trimmed)?;
    if let Some(head) = trimmed[..month_start].strip_suffix(' ') {
        let day_len = head.bytes().rev().take_while(u8::is_ascii_digit).count();
        let day_start = head.len() - day_len;
        let standalone = day_start == 0 || !head.as_bytes()[day_start - 1].is_ascii_alphanumeric();
        if (1..=2).contains(&day_len)
            && standalone
            && let Some(day) = number(head, day_start..head.len())
            && valid(month, day)
        {
            return Some((day_start..end, IsoDate::new(year, month, day)));
        }
    }
    Some((month_start..end, IsoDate::new(year, month, 0)))
}

/// The month name ending `text` ("Sept." and "Oct." abbreviated with a
/// stop too), and where it starts.
fn month_before(text: &str) -> Option<(u32, usize)> {
    let text = text.strip_suffix('.').unwrap_or(text);
    let len = text
        .bytes()
        .rev()
        .take_while(u8::is_ascii_alphabetic)
        .count();
    let start = text.len() - len;
    let word = text.get(start..)?.to_ascii_lowercase();
    let index = MONTHS
        .iter()
        .position(|m| {
            *m == word || (word.len() == 3 && m.starts_with(word.as_str()) && word != "may")
        })
        .or_else(|| (word == "sept").then_some(8))?;
    Some((index as u32 + 1, start))
}

fn valid(month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn next_digit_is_the_first_digit(text in "[a-z 0-9é]{0,80}", from in 0usize..90) {
            let bytes = text.as_bytes();
            let want = bytes
                .get(from..)
                .and_then(|rest| rest.iter().position(u8::is_ascii_digit))
                .map(|p| from + p);
            prop_assert_eq!(next_digit(bytes, from), want);
        }
    }

    fn dates(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        scan(text, 0, &mut out);
        out.into_iter()
            .map(|d| (text[d.range.clone()].to_owned(), d.iso()))
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_owned(), b.to_owned())
    }

    #[test]
    fn english_forms() {
        assert_eq!(
            dates("March 9, 2017 is the day"),
            vec![pair("March 9, 2017", "2017-03-09")]
        );
        assert_eq!(
            dates("on 9 March 2017, and Sept 2012."),
            vec![
                pair("9 March 2017", "2017-03-09"),
                pair("Sept 2012", "2012-09")
            ]
        );
        assert_eq!(dates("may 2014"), vec![pair("may 2014", "2014-05")]);
        assert_eq!(
            dates("On Sept. 14, 2019 and Oct. 3, 2020; Jan. 2015."),
            vec![
                pair("Sept. 14, 2019", "2019-09-14"),
                pair("Oct. 3, 2020", "2020-10-03"),
                pair("Jan. 2015", "2015-01")
            ]
        );
        assert_eq!(
            dates("14 September 2019, September 2019"),
            vec![
                pair("14 September 2019", "2019-09-14"),
                pair("September 2019", "2019-09")
            ]
        );
        // A sentence ending in a month's abbreviation is not a date's month.
        assert_eq!(dates("the ends. 2019"), vec![pair("2019", "2019")]);
    }

    #[test]
    fn a_year_then_its_month_as_machine_translation_writes_it() {
        assert_eq!(
            dates("In the 2010 May, BYD and Daimler signed."),
            vec![pair("2010 May", "2010-05")]
        );
        assert_eq!(
            dates("In the March of 2013, HTC launched it; at the end of 2014 it went."),
            vec![pair("March of 2013", "2013-03"), pair("2014", "2014")]
        );
        assert_eq!(
            dates("On the March 31 of 2006, it was launched."),
            vec![pair("March 31 of 2006", "2006-03-31")]
        );
    }

    #[test]
    fn an_english_month_takes_the_year_before_it() {
        assert_eq!(
            dates(
                "Star+ went live on Aug. 31, 2021, and in March the app grew. I read it that \
                 October. It opened in June of that year. It may close in August."
            ),
            vec![
                pair("Aug. 31, 2021", "2021-08-31"),
                pair("March", "2021-03"),
                pair("October", "2021-10"),
                pair("June", "2021-06"),
            ]
        );
        // No date before it, a modal "may", a month with its year: none added.
        assert!(dates("In August the shop opened.").is_empty());
        assert_eq!(dates("In 2015 it may fail."), vec![pair("2015", "2015")]);
        assert_eq!(
            dates("In 2015, then in March 2016."),
            vec![pair("2015", "2015"), pair("March 2016", "2016-03")]
        );
    }

    #[test]
    fn a_chinese_month_takes_the_year_before_it() {
        assert_eq!(
            dates(
                "2021年6月30日公司上市，仅仅几天后，7月4日，App下架。同年11月1日恢复，次年3月又停。"
            ),
            vec![
                pair("2021年6月30日", "2021-06-30"),
                pair("7月4日", "2021-07-04"),
                pair("同年11月1日", "2021-11-01"),
                pair("次年3月", "2022-03"),
            ]
        );
        // No year before it, or a count of months: nothing.
        assert!(dates("7月4日，App下架。").is_empty());
        assert_eq!(dates("2015年，用了3个月。"), vec![pair("2015年", "2015")]);
    }

    #[test]
    fn iso_and_chinese_forms() {
        assert_eq!(
            dates("(2017-03-09)"),
            vec![pair("2017-03-09", "2017-03-09")]
        );
        assert_eq!(
            dates("2017年3月9日，支付宝"),
            vec![pair("2017年3月9日", "2017-03-09")]
        );
        assert_eq!(dates("2016年11月"), vec![pair("2016年11月", "2016-11")]);
        assert_eq!(
            dates("in 2015-04, 2019/09/14 and 2010-2012"),
            vec![
                pair("2015-04", "2015-04"),
                pair("2019/09/14", "2019-09-14"),
                pair("2010", "2010"),
                pair("2012", "2012")
            ]
        );
        assert!(dates("<U+2067>").is_empty());
        assert_eq!(
            dates("on 2016 April 1 the Paipai; 2016 March was"),
            vec![pair("2016 April 1", "2016-04-01"), pair("2016", "2016")]
        );
    }

    #[test]
    fn bare_years_but_not_inside_numbers() {
        assert_eq!(
            dates("launched in 2004 and shut in 2012."),
            vec![pair("2004", "2004"), pair("2012", "2012")]
        );
        assert!(dates("12017 1,2017 2017.5 v2017 1899 2100 $2015 300").is_empty());
        assert!(dates("2017-13-40").first().is_some_and(|d| d.1 == "2017"));
    }

    #[test]
    fn old_years_only_where_a_year_is_meant() {
        assert_eq!(
            dates("founded in 1889 in Kyoto; since 1850, in 1600."),
            vec![
                pair("1889", "1889"),
                pair("1850", "1850"),
                pair("1600", "1600")
            ]
        );
        assert_eq!(
            dates("March 1889, 1889年9月, 1889-09-23"),
            vec![
                pair("March 1889", "1889-03"),
                pair("1889年9月", "1889-09"),
                pair("1889-09-23", "1889-09-23")
            ]
        );
        assert!(dates("in 1500 stores, 1889 people, 1200 in all, 0999").is_empty());
    }

    #[test]
    fn dotted_dates_and_a_month_after_the_year() {
        assert_eq!(
            dates("from 2020.9.15, so; 2020.12.1."),
            vec![
                pair("2020.9.15", "2020-09-15"),
                pair("2020.12.1", "2020-12-01")
            ]
        );
        assert!(
            dates("version 2020.9.15.3 or 2020.13.1")
                .iter()
                .all(|d| d.1 == "2020")
        );
        assert_eq!(
            dates("in the year 2013 December as the brand; in 2023 August, Kirin"),
            vec![
                pair("2013 December", "2013-12"),
                pair("2023 August", "2023-08")
            ]
        );
        // Without "in" a month after a year may start a heading or a name.
        assert_eq!(dates("2016 March was"), vec![pair("2016", "2016")]);
        assert_eq!(dates("in 2016 March Madness"), vec![pair("2016", "2016")]);
    }

    #[test]
    fn chinese_dates_translated_word_for_word() {
        assert_eq!(
            dates("在1992年的6月，该公司推出了它；在2006年的3月"),
            vec![
                pair("1992年的6月", "1992-06"),
                pair("2006年的3月", "2006-03")
            ]
        );
        assert_eq!(
            dates("in 2018 year 4 month 10 day, the; in 2012 year March was; 2021 year 2 month"),
            vec![
                pair("2018 year 4 month 10 day", "2018-04-10"),
                pair("2012 year March", "2012-03"),
                pair("2021 year 2 month", "2021-02")
            ]
        );
        assert_eq!(
            dates("in 2015 year it was; 2018 year 13 month"),
            vec![pair("2015 year", "2015"), pair("2018 year", "2018")]
        );
    }
}
