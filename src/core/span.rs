//! How a selection (`v`) grows and shrinks within one paragraph, by word,
//! sentence or paragraph. Pure: a paragraph's text and a byte range in,
//! a byte range out, always on character boundaries and never empty
//! unless the paragraph is.
//!
//! Only the end moves by word and sentence, as a reader extends a phrase
//! they started on; a paragraph step takes the whole paragraph, and back.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// What a selection key moves by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Word,
    Sentence,
    Paragraph,
}

/// The first sentence of `text` at or after byte `at`: where `v` starts
/// when no search match is shown.
pub fn sentence_from(text: &str, at: usize) -> Range<usize> {
    let at = next_content(text, floor(text, at));
    let range = crate::detect::sentence_at(text, at);
    if range.is_empty() {
        trimmed(text, at..text.len())
    } else {
        trimmed(text, range)
    }
}

/// `range` grown by one `unit`; the same range when it cannot grow (at the
/// paragraph's end).
pub fn extend(text: &str, range: Range<usize>, unit: Unit) -> Range<usize> {
    let range = fit(text, range);
    match unit {
        Unit::Word => words(text)
            .find(|w| w.start >= range.end)
            .map_or(range.clone(), |w| range.start..w.end),
        Unit::Sentence => {
            let from = next_content(text, range.end);
            if from >= text.len() {
                return range;
            }
            let sentence = crate::detect::sentence_at(text, from);
            let end = trimmed(text, sentence).end.max(range.end);
            range.start..end
        }
        Unit::Paragraph => trimmed(text, 0..text.len()),
    }
}

/// `range` shrunk by one `unit` from its end, keeping at least its first
/// word; `first` is where the selection began, which a paragraph step
/// returns to.
pub fn shrink(text: &str, range: Range<usize>, unit: Unit, first: Range<usize>) -> Range<usize> {
    let range = fit(text, range);
    let keep = |end: usize| (end > range.start).then_some(range.start..end);
    let shrunk = match unit {
        Unit::Word => words(text)
            .filter(|w| w.end < range.end)
            .last()
            .and_then(|w| keep(w.end)),
        Unit::Sentence => {
            let last = prev_char(text, range.end);
            let start = crate::detect::sentence_at(text, last).start;
            keep(text[..start.min(range.end)].trim_end().len())
        }
        Unit::Paragraph => Some(fit(text, first)),
    };
    shrunk.unwrap_or(range)
}

/// The words of `text` (Unicode word boundaries: a CJK ideograph is a word
/// of its own), as byte ranges; punctuation and spaces are not words.
fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    text.split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .map(|(at, w)| at..at + w.len())
}

/// `range` inside `text` and on character boundaries.
fn fit(text: &str, range: Range<usize>) -> Range<usize> {
    let end = floor(text, range.end.min(text.len()));
    floor(text, range.start.min(end))..end
}

fn floor(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The first byte at or after `at` that is not white space.
fn next_content(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    at + (rest.len() - rest.trim_start().len())
}

/// The start of the character before `at` (0 at the start).
fn prev_char(text: &str, at: usize) -> usize {
    text[..at].char_indices().next_back().map_or(0, |(i, _)| i)
}

fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let range = fit(text, range);
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = "One two three. Four five! Six.";

    fn text_of(text: &str, range: Range<usize>) -> &str {
        &text[range]
    }

    #[test]
    fn starts_on_the_sentence_at_or_after_a_place() {
        assert_eq!(text_of(EN, sentence_from(EN, 0)), "One two three.");
        assert_eq!(text_of(EN, sentence_from(EN, 14)), "Four five!");
        assert_eq!(sentence_from("", 0), 0..0);
        // Past the end, and inside a wide character, stays in the text.
        assert_eq!(sentence_from("漢字。", 1), 0..9);
        assert_eq!(sentence_from(EN, 999), EN.len()..EN.len());
    }

    #[test]
    fn words_extend_the_end_and_shrink_it_back() {
        let first = 0..3;
        let two = extend(EN, first.clone(), Unit::Word);
        assert_eq!(text_of(EN, two.clone()), "One two");
        let three = extend(EN, two.clone(), Unit::Word);
        assert_eq!(text_of(EN, three.clone()), "One two three");
        assert_eq!(shrink(EN, three, Unit::Word, first.clone()), two);
        // Never below the first word.
        assert_eq!(shrink(EN, first.clone(), Unit::Word, first.clone()), first);
    }

    #[test]
    fn at_the_paragraph_end_nothing_grows() {
        let all = 0..EN.len();
        for unit in [Unit::Word, Unit::Sentence, Unit::Paragraph] {
            assert_eq!(extend(EN, all.clone(), unit), all, "{unit:?}");
        }
        assert_eq!(extend("", 0..0, Unit::Word), 0..0);
        assert_eq!(shrink("", 0..0, Unit::Sentence, 0..0), 0..0);
    }

    #[test]
    fn sentences_extend_and_shrink_whole() {
        let first = sentence_from(EN, 0);
        let two = extend(EN, first.clone(), Unit::Sentence);
        assert_eq!(text_of(EN, two.clone()), "One two three. Four five!");
        let three = extend(EN, two.clone(), Unit::Sentence);
        assert_eq!(three, 0..EN.len());
        assert_eq!(shrink(EN, three, Unit::Sentence, first.clone()), two);
        assert_eq!(shrink(EN, two, Unit::Sentence, first.clone()), first);
        // A selection ending mid-sentence finishes that sentence first.
        let mid = extend(EN, 15..19, Unit::Sentence);
        assert_eq!(text_of(EN, mid), "Four five!");
    }

    #[test]
    fn a_paragraph_step_takes_it_all_and_goes_back_to_the_start() {
        let text = "  Lead. Body of it.  ";
        let first = sentence_from(text, 0);
        assert_eq!(text_of(text, first.clone()), "Lead.");
        let all = extend(text, first.clone(), Unit::Paragraph);
        assert_eq!(text_of(text, all.clone()), "Lead. Body of it.");
        assert_eq!(shrink(text, all, Unit::Paragraph, first.clone()), first);
    }

    #[test]
    fn cjk_words_are_characters_and_sentences_end_at_full_stops() {
        let text = "支付宝输了。微信赢了！";
        let first = sentence_from(text, 0);
        assert_eq!(text_of(text, first.clone()), "支付宝输了。");
        let word = extend(text, 0..3, Unit::Word);
        assert_eq!(text_of(text, word.clone()), "支付");
        assert_eq!(shrink(text, word, Unit::Word, 0..3), 0..3);
        let both = extend(text, first.clone(), Unit::Sentence);
        assert_eq!(text_of(text, both.clone()), text);
        assert_eq!(shrink(text, both, Unit::Sentence, first.clone()), first);
    }

    #[test]
    fn ranges_off_boundaries_or_past_the_end_are_brought_inside() {
        let text = "Emoji 👩‍💻 and 漢字 here";
        for (start, end) in [(7, 8), (0, 999), (20, 13), (999, 999)] {
            for unit in [Unit::Word, Unit::Sentence, Unit::Paragraph] {
                for r in [
                    extend(text, start..end, unit),
                    shrink(text, start..end, unit, 0..5),
                ] {
                    assert!(r.start <= r.end && r.end <= text.len(), "{r:?}");
                    assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                }
            }
        }
        // The emoji is no word; the ideographs each are.
        let after_emoji = extend(text, 0..5, Unit::Word);
        assert_eq!(text_of(text, after_emoji), "Emoji 👩‍💻 and");
        let han = text.find('漢').expect("han");
        assert_eq!(
            text_of(text, extend(text, 0..han, Unit::Word))
                .chars()
                .last(),
            Some('漢')
        );
    }
}
