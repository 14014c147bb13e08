//! UAX #29 word and sentence boundaries, as unicode-segmentation finds them, with a fast
//! path for the text nearly every segment is: printable ASCII, masks, curly quotes and dashes.
//!
//! The general tables cost a look-up per character, and sentence boundaries a state machine
//! that runs over every character; for printable ASCII (masked code, URLs and tags are one
//! [`MASK`] each, and curly quotes and dashes the other characters most prose holds) the
//! property of each character is a byte match and the rules that can apply are few; words are found there without
//! handing out the segments between them. Other text goes to unicode-segmentation. Tests
//! hold the fast path to the crate's segments, and to the words found in them, on every
//! short string of the characters that matter and on random longer ones.

use std::ops::Range;

use unicode_segmentation::{USentenceBoundIndices, UnicodeSegmentation};

use crate::document::MASK;

/// The first byte of the mask in UTF-8, which no other character of plain text starts with.
const MASK_LEAD: u8 = 0xEF;

/// The first byte of every [`WIDE`] character in UTF-8.
const WIDE_LEAD: u8 = 0xE2;

/// Whether text is printable ASCII, masks and [`WIDE`] characters only, for which the fast
/// path applies.
pub fn is_plain(text: &str) -> bool {
    // Most text is printable ASCII from end to end, which one pass without a branch (that the
    // compiler vectorizes) tells.
    let printable = |all: bool, b: u8| all & matches!(b, b' '..=b'~');
    if text.bytes().fold(true, printable) {
        return true;
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' '..=b'~' => i += 1,
            // U+FFFC, the mask, in UTF-8.
            0xEF if bytes[i..].starts_with("\u{FFFC}".as_bytes()) => i += MASK.len_utf8(),
            WIDE_LEAD if wide_at(bytes, i).is_some() => i += MASK.len_utf8(),
            _ => return false,
        }
    }
    true
}

/// Sentence segments (UAX #29 sentence boundaries) with their offsets, as
/// `split_sentence_bound_indices` gives them.
pub fn sentence_bounds(text: &str) -> Either<PlainSentences<'_>, USentenceBoundIndices<'_>> {
    if is_plain(text) {
        Either::Plain(PlainSentences { text, at: 0 })
    } else {
        Either::Unicode(text.split_sentence_bound_indices())
    }
}

/// Items from the fast path for plain text or from the general one.
pub enum Either<P, U> {
    /// The fast path's.
    Plain(P),
    /// The general path's.
    Unicode(U),
}

impl<P, U> Iterator for Either<P, U>
where
    P: Iterator,
    U: Iterator<Item = P::Item>,
{
    type Item = P::Item;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Either::Plain(plain) => plain.next(),
            Either::Unicode(unicode) => unicode.next(),
        }
    }
}

/// A character beyond ASCII that plain text may hold besides the mask: the curly quotes
/// and dashes that prose holds most, each three bytes long in UTF-8 as the mask is.
struct Wide {
    text: &'static str,
    word: Word,
    sentence: Sentence,
}

/// The characters of [`Wide`], with their Word_Break and Sentence_Break values.
const WIDE: [Wide; 5] = [
    Wide {
        text: "\u{2019}",
        word: Word::MidNumLet,
        sentence: Sentence::Close,
    },
    Wide {
        text: "\u{201C}",
        word: Word::Other,
        sentence: Sentence::Close,
    },
    Wide {
        text: "\u{201D}",
        word: Word::Other,
        sentence: Sentence::Close,
    },
    Wide {
        text: "\u{2013}",
        word: Word::Other,
        sentence: Sentence::SContinue,
    },
    Wide {
        text: "\u{2014}",
        word: Word::Other,
        sentence: Sentence::SContinue,
    },
];

/// The [`Wide`] character at `at` in plain text, if that is one (else ASCII or a mask).
#[inline]
fn wide_at(bytes: &[u8], at: usize) -> Option<&'static Wide> {
    if bytes[at] != WIDE_LEAD {
        return None;
    }
    WIDE.iter()
        .find(|w| bytes[at..].starts_with(w.text.as_bytes()))
}

/// The length of the character that starts with `byte`, in plain text: every character
/// beyond ASCII there is three bytes long.
fn char_len(byte: u8) -> usize {
    if byte.is_ascii() {
        1
    } else {
        MASK.len_utf8()
    }
}

/// Where the character that ends at `at` starts, in plain text.
#[inline]
fn char_start_before(bytes: &[u8], at: usize) -> usize {
    if bytes[at - 1].is_ascii() {
        at - 1
    } else {
        at - MASK.len_utf8()
    }
}

/// Word_Break values of printable ASCII and of [`WIDE`]; the mask is `Other`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Word {
    Letter,
    Numeric,
    MidLetter,
    MidNumLet,
    SingleQuote,
    MidNum,
    ExtendNumLet,
    Space,
    Other,
}

fn word_class(byte: u8) -> Word {
    WORD_CLASSES[usize::from(byte)]
}

/// The Word_Break value of the character at `at` in plain text.
#[inline]
fn word_class_at(bytes: &[u8], at: usize) -> Word {
    let byte = bytes[at];
    if byte != WIDE_LEAD {
        return word_class(byte);
    }
    wide_at(bytes, at).map_or(Word::Other, |wide| wide.word)
}

/// [`word_class_of`] of every byte, looked up rather than matched.
static WORD_CLASSES: [Word; 256] = {
    let mut classes = [Word::Other; 256];
    let mut byte = 0;
    while byte < 256 {
        classes[byte] = word_class_of(byte as u8);
        byte += 1;
    }
    classes
};

const fn word_class_of(byte: u8) -> Word {
    match byte {
        b'a'..=b'z' | b'A'..=b'Z' => Word::Letter,
        b'0'..=b'9' => Word::Numeric,
        b':' => Word::MidLetter,
        b'.' => Word::MidNumLet,
        b'\'' => Word::SingleQuote,
        b',' | b';' => Word::MidNum,
        b'_' => Word::ExtendNumLet,
        b' ' => Word::Space,
        _ => Word::Other,
    }
}

/// Whether UAX #29 keeps the characters on either side of `at` (a character boundary inside
/// plain text) in one word segment: rules WB3d, WB5 to WB13b; every other pair breaks.
fn word_continues(bytes: &[u8], at: usize) -> bool {
    use Word::*;
    let before_start = char_start_before(bytes, at);
    let before = word_class_at(bytes, before_start);
    let here = word_class_at(bytes, at);
    // Of the characters beyond these two, the rules ask only whether one is a letter or a
    // digit, which no character beyond ASCII in plain text is: the class of any byte of it
    // (`Other`) answers as well.
    let after = || bytes.get(at + char_len(bytes[at])).map(|&b| word_class(b));
    let before_before = || before_start.checked_sub(1).map(|i| word_class(bytes[i]));
    match (before, here) {
        (Space, Space) => true,
        (Letter | Numeric, Letter | Numeric) => true,
        (Letter | Numeric | ExtendNumLet, ExtendNumLet) => true,
        (ExtendNumLet, Letter | Numeric) => true,
        (Letter, MidLetter | MidNumLet | SingleQuote) => after() == Some(Letter),
        (Numeric, MidNum | MidNumLet | SingleQuote) => after() == Some(Numeric),
        (MidLetter | MidNumLet | SingleQuote, Letter) => before_before() == Some(Letter),
        (MidNum | MidNumLet | SingleQuote, Numeric) => before_before() == Some(Numeric),
        _ => false,
    }
}

/// Where the UAX #29 word segment that starts at `start` (a character boundary inside plain
/// text) ends.
fn word_segment_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start + char_len(bytes[start]);
    loop {
        // Inside a run of ASCII letters and digits every pair joins (WB5, WB8, WB9, WB10):
        // the run is passed without asking the rules, which decide only where it stops.
        if bytes[end - 1].is_ascii_alphanumeric() {
            end += bytes[end..]
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .unwrap_or(bytes.len() - end);
            // After a letter or a digit, a space or other punctuation (most run ends) breaks.
            if bytes.get(end).is_none_or(|&b| {
                matches!(word_class(b), Word::Space | Word::Other) && b != WIDE_LEAD
            }) {
                return end;
            }
        }
        if end == bytes.len() || !word_continues(bytes, end) {
            return end;
        }
        end += char_len(bytes[end]);
    }
}

/// Whether a word segment of plain text holds a letter or a digit.
fn has_alphanumeric(segment: &[u8]) -> bool {
    segment.iter().any(u8::is_ascii_alphanumeric)
}

/// The words of plain text, as `text::words` finds them in word segments (runs with a
/// letter or digit, joined across a hyphen to the next such run, and masks), found in one
/// pass over the bytes without going through the segments between them.
pub struct PlainWords<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> PlainWords<'a> {
    /// The words of `text`, which must be plain ([`is_plain`]).
    pub fn new(text: &'a str) -> Self {
        PlainWords {
            bytes: text.as_bytes(),
            at: 0,
        }
    }
}

impl Iterator for PlainWords<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.bytes;
        loop {
            // White space and punctuation are passed a byte at a time: each is a segment of
            // its own (spaces, a run), and none joins the letter or digit after it, since
            // UAX #29 joins punctuation to a letter or digit only between two of them.
            let start = self.at
                + bytes[self.at..]
                    .iter()
                    .position(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == MASK_LEAD)?;
            // A mask is a word of its own.
            if bytes[start] == MASK_LEAD {
                self.at = start + MASK.len_utf8();
                return Some(start..self.at);
            }
            self.at = word_segment_end(bytes, start);
            if !(bytes[start].is_ascii_alphanumeric() || has_alphanumeric(&bytes[start..self.at])) {
                continue;
            }
            let mut end = self.at;
            // A hyphen is its own segment, and never a word: it is passed either way.
            while bytes.get(self.at) == Some(&b'-') {
                self.at += 1;
                let Some(&first) = bytes.get(self.at) else {
                    break;
                };
                // A mask, a quote or a dash is no word run.
                if !first.is_ascii() {
                    break;
                }
                let run_end = word_segment_end(bytes, self.at);
                if !has_alphanumeric(&bytes[self.at..run_end]) {
                    break;
                }
                end = run_end;
                self.at = run_end;
            }
            return Some(start..end);
        }
    }
}

/// Sentence_Break values of printable ASCII and of [`WIDE`]; the mask is `Other`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sentence {
    Upper,
    Lower,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Sp,
    Other,
}

fn sentence_class(byte: u8) -> Sentence {
    SENTENCE_CLASSES[usize::from(byte)]
}

/// The Sentence_Break value of the character at `at` in plain text.
#[inline]
fn sentence_class_at(bytes: &[u8], at: usize) -> Sentence {
    let byte = bytes[at];
    if byte != WIDE_LEAD {
        return sentence_class(byte);
    }
    wide_at(bytes, at).map_or(Sentence::Other, |wide| wide.sentence)
}

/// [`sentence_class_of`] of every byte, looked up rather than matched.
static SENTENCE_CLASSES: [Sentence; 256] = {
    let mut classes = [Sentence::Other; 256];
    let mut byte = 0;
    while byte < 256 {
        classes[byte] = sentence_class_of(byte as u8);
        byte += 1;
    }
    classes
};

const fn sentence_class_of(byte: u8) -> Sentence {
    match byte {
        b'a'..=b'z' => Sentence::Lower,
        b'A'..=b'Z' => Sentence::Upper,
        b'0'..=b'9' => Sentence::Numeric,
        b'.' => Sentence::ATerm,
        b'!' | b'?' => Sentence::STerm,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Sentence::Close,
        b',' | b'-' | b':' | b';' => Sentence::SContinue,
        b' ' => Sentence::Sp,
        _ => Sentence::Other,
    }
}

/// Where the sentence that starts at `from` ends in plain text: after the first
/// `SATerm Close* Sp*` that rules SB6 to SB8a do not keep going (SB9 to SB11), or at the end.
fn sentence_end(bytes: &[u8], from: usize) -> usize {
    use Sentence::*;
    let class_at = |i: usize| sentence_class(bytes[i]);
    let mut i = from;
    while i < bytes.len() {
        // Only a terminator can end a sentence: the bytes before the next one are passed in
        // one search (none is inside a mask, whose bytes are all beyond ASCII).
        let Some(to_term) = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]) else {
            break;
        };
        i += to_term;
        let term = class_at(i);
        let mut next = i + 1;
        while next < bytes.len() && sentence_class_at(bytes, next) == Close {
            next += char_len(bytes[next]);
        }
        while next < bytes.len() && class_at(next) == Sp {
            next += 1;
        }
        if next == bytes.len() {
            return next;
        }
        let after = sentence_class_at(bytes, next);
        let adjacent = next == i + 1;
        let continues = (term == ATerm && adjacent && after == Numeric)
            || (term == ATerm
                && adjacent
                && after == Upper
                && i > 0
                && matches!(class_at(i - 1), Upper | Lower))
            || (term == ATerm && lower_ahead(bytes, next))
            || matches!(after, SContinue | ATerm | STerm);
        if !continues {
            return next;
        }
        i = next;
    }
    bytes.len()
}

/// Rule SB8: whether a lower-case letter comes before any upper-case letter or sentence
/// terminator from `from` on. (No byte of a character beyond ASCII is any of these.)
fn lower_ahead(bytes: &[u8], from: usize) -> bool {
    bytes[from..].iter().map(|&b| sentence_class(b)).find(|c| {
        matches!(
            c,
            Sentence::Upper | Sentence::Lower | Sentence::ATerm | Sentence::STerm
        )
    }) == Some(Sentence::Lower)
}

/// Sentence segments of plain text.
pub struct PlainSentences<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for PlainSentences<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let start = self.at;
        if start >= self.text.len() {
            return None;
        }
        let end = sentence_end(self.text.as_bytes(), start);
        self.at = end;
        Some((start, &self.text[start..end]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters whose properties the rules tell apart, and a few that are `Other`.
    const ALPHABET: [&str; 18] = [
        "a", "B", "3", ".", ":", ",", ";", "'", "\"", "_", " ", "!", ")", "-", "\u{FFFC}", "’",
        "—", "”",
    ];

    fn all_strings(alphabet: &[&str], max_len: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..max_len {
            last = last
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    /// The word segments of plain text, one [`word_segment_end`] after another.
    fn plain_word_segments(text: &str) -> Vec<(usize, &str)> {
        let mut segments = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let end = word_segment_end(text.as_bytes(), at);
            segments.push((at, &text[at..end]));
            at = end;
        }
        segments
    }

    fn assert_same(text: &str) {
        assert!(is_plain(text), "{text:?}");
        let segments = plain_word_segments(text);
        let expected: Vec<_> = text.split_word_bound_indices().collect();
        assert_eq!(segments, expected, "word segments of {text:?}");
        let words: Vec<_> = PlainWords::new(text).collect();
        let expected: Vec<_> =
            super::super::words_in_segments(text.split_word_bound_indices()).collect();
        assert_eq!(words, expected, "words of {text:?}");
        let sentences: Vec<_> = PlainSentences { text, at: 0 }.collect();
        let expected: Vec<_> = text.split_sentence_bound_indices().collect();
        assert_eq!(sentences, expected, "sentences of {text:?}");
    }

    #[test]
    fn every_short_string_segments_as_unicode_segmentation_does() {
        for text in all_strings(&ALPHABET, 4) {
            assert_same(&text);
        }
    }

    #[test]
    fn every_printable_character_has_its_unicode_properties() {
        let printable: Vec<String> = (b' '..=b'~').map(|b| (b as char).to_string()).collect();
        for c in &printable {
            for context in ALPHABET {
                for text in [
                    format!("{context}{c}{context}"),
                    format!("a{c}b {c}{context}A"),
                    format!("1{c}2 x{c}{c}y"),
                    format!("Hi. {c}{context} a. {c}b? {c} C"),
                    format!("U.{c} e.g.{c}a{context}. Z"),
                ] {
                    assert_same(&text);
                }
            }
        }
    }

    #[test]
    fn random_prose_segments_as_unicode_segmentation_does() {
        const PIECES: [&str; 32] = [
            "word", "Word", "WORD", "e.g.", "U.S.", "3.5", "1,000", "don't", "x_y", " ", "  ",
            ". ", "! ", "? ", ".) ", "\" ", ", ", ": ", "; ", "-", "(", "...", "\u{FFFC}", "a.b",
            "don’t", "’", "“Hi”", " — ", "–", ".” ", "?’ ", "’s",
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut random = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 32) as usize
        };
        for _ in 0..5000 {
            let len = random() % 40;
            let text: String = (0..len).map(|_| PIECES[random() % PIECES.len()]).collect();
            assert_same(&text);
        }
    }

    #[test]
    fn other_text_goes_to_unicode_segmentation() {
        for text in ["café", "wait…", "don‘t", "a\tb", "a\nb", "日本"] {
            assert!(!is_plain(text), "{text:?}");
            let sentences: Vec<_> = sentence_bounds(text).collect();
            assert_eq!(
                sentences,
                text.split_sentence_bound_indices().collect::<Vec<_>>()
            );
        }
        assert!(is_plain("a \u{FFFC}\u{FFFC} ~"));
        assert!(is_plain("“Don’t” – or — don’t"));
    }
}
