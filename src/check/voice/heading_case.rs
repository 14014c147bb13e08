//! `voice/heading-case`: headings capitalized the brand's way. With `heading_case =
//! "sentence"`, only the first word is capitalized (after a colon, a dash or a full stop,
//! either case will do); with `"title"`, every principal word is, AP style. One finding per heading,
//! listing the words to change.
//!
//! ## Why
//! Headings are what readers scan. Capitalized one way on every page they look designed;
//! mixed, they look pasted together.
//!
//! ## Example
//! With `heading_case = "sentence"`, "## Getting Started With Acme Cloud" is flagged
//! ("Started" → "started", "With" → "with") when "Acme Cloud" is a `[[term]]`: its words keep
//! their case. "## Getting started with Acme Cloud" passes. With `"title"`, "## Getting
//! started with Acme Cloud" is flagged ("started" → "Started", "with" → "With": AP style
//! capitalizes prepositions of four letters or more) and "## Getting Started With Acme
//! Cloud" passes.
//!
//! ## Options
//! - `heading_case`: `sentence`, `title` or `off`.
//!
//! Words that keep their case in both styles: the words of `[[term]]` names as written,
//! words the document's body text capitalizes inside a sentence (names such as "Linux"),
//! all-caps acronyms ("API", "HTTP"), names with inner capitals ("iPhone", "GitHub"), "I",
//! days and months, single letters, words with digits, words that are no English word
//! (names and tools such as "rustfmt" or "Kubernetes"), quoted text (`Thread safety and
//! "Send"`) and lower-case identifiers joined by hyphens ("wg-debugging"); code and template
//! tags are not words, and a heading that reads as code (`features = ["derive"]`,
//! `Vec::new()`) is not judged. In title case, the small words stay lower case unless first
//! or last: a, an, the, and, but, for, nor, or, so, yet, as, at, by, in, of, on, per, to,
//! via, vs. Only the first part of a hyphenated word is checked ("Our World-Class launch"
//! is flagged at "World").

use std::cell::OnceCell;
use std::ops::Range;

use foldhash::HashSet;

use super::{text, VoiceContext};
use crate::check::dictionary::is_english_word;
use crate::check::prefer::capitalize;
use crate::config::schema::HeadingCase;
use crate::document::MASK;
use crate::model::{Finding, Scope, TextRange};

/// Articles, and conjunctions and prepositions of three letters or fewer: lower case in AP
/// title case.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "on", "or", "per", "so",
    "the", "to", "via", "vs", "yet",
];

/// Proper nouns every heading may capitalize.
const CALENDAR: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Flags headings with words in the wrong case.
pub fn check(context: &VoiceContext<'_>, findings: &mut Vec<Finding>) {
    let style = match context.settings.heading_case {
        Some(HeadingCase::Off) | None => return,
        Some(style) => style,
    };
    // Gathered from the body only when a heading has a word to ask about.
    let proper_nouns = OnceCell::new();
    let is_name = |word: &str| {
        context.voice.is_name(word)
            || proper_nouns
                .get_or_init(|| proper_nouns_in_body(context))
                .contains(word)
    };
    for segment in context.segments().filter(|s| s.scope == Scope::Heading) {
        let changes = wrong_words(&segment.text, style, is_name);
        if changes.is_empty() {
            continue;
        }
        let style_name = match style {
            HeadingCase::Title => "title case",
            _ => "sentence case",
        };
        let listed: Vec<String> = changes
            .iter()
            .map(|(range, wanted)| format!("\"{}\" → \"{wanted}\"", &segment.text[range.clone()]))
            .collect();
        let message = format!("Use {style_name} in headings: {}", listed.join(", "));
        let whole = TextRange::new(0, segment.text.len());
        findings.extend(context.finding(segment, whole, message, None));
    }
}

/// Words the document's body capitalizes where no sentence starts: names ("Linux",
/// "Ubuntu") that a heading keeps capitalized too.
fn proper_nouns_in_body<'a>(context: &VoiceContext<'a>) -> HashSet<&'a str> {
    let mut names = HashSet::default();
    for (segment, analysis) in context.analyses() {
        if segment.scope == Scope::Heading {
            continue;
        }
        let text = &segment.text;
        for &sentence in &analysis.sentences {
            let mut previous_end = sentence.start;
            for (index, word) in analysis.words_in(sentence).iter().enumerate() {
                let after_colon = text[previous_end..word.start].contains(':');
                previous_end = word.end;
                let word = &text[word.range()];
                let capitalized = word.chars().next().is_some_and(char::is_uppercase)
                    && word.chars().skip(1).any(char::is_lowercase);
                if index > 0 && !after_colon && capitalized {
                    names.insert(word);
                }
            }
        }
    }
    names
}

/// The words of a heading in the wrong case for `style`, each with its range in `heading`
/// and the word as it should be written. `is_name` tells the words of term names.
pub fn wrong_words(
    heading: &str,
    style: HeadingCase,
    is_name: impl Fn(&str) -> bool,
) -> Vec<(Range<usize>, String)> {
    if reads_as_code(heading) {
        return Vec::new();
    }
    let quoted = quoted_ranges(heading);
    let words: Vec<Range<usize>> = text::words(heading).collect();
    let mut wrong = Vec::new();
    let mut previous_end = 0;
    for (index, range) in words.iter().enumerate() {
        let between = &heading[previous_end..range.start];
        let after_break = index > 0
            && (between.contains([':', '.', '?', '!', '\u{2014}', '\u{2013}'])
                || between.contains("--"));
        previous_end = range.end;
        let whole = &heading[range.clone()];
        let word = whole.split('-').next().unwrap_or(whole);
        let is_last = index + 1 == words.len();
        let capitalized = word.chars().next().is_some_and(char::is_uppercase);
        let should_capitalize = match style {
            HeadingCase::Title => {
                index == 0
                    || after_break
                    || is_last
                    || !SMALL_WORDS.contains(&word.to_lowercase().as_str())
            }
            // After a colon or a dash, sentence case takes either: a capital for a full
            // sentence, lower case for a phrase.
            _ if after_break => continue,
            _ => index == 0,
        };
        if capitalized == should_capitalize {
            continue;
        }
        // Only a word in the wrong case is asked whether it keeps its own: most words are
        // in the right one, and the questions cost a dictionary look-up or a pass over the body.
        let is_quoted = quoted
            .iter()
            .any(|q| q.start <= range.start && range.end <= q.end);
        if is_quoted
            || is_identifier(whole)
            || keeps_its_case(word)
            || is_name(whole)
            || is_name(word)
        {
            continue;
        }
        let wanted = if should_capitalize {
            capitalize(word)
        } else {
            word.to_lowercase()
        };
        wrong.push((range.start..range.start + word.len(), wanted));
    }
    wrong
}

/// A lower-case identifier joined by hyphens ("wg-debugging"): no heading style changes it.
fn is_identifier(word: &str) -> bool {
    word.contains('-')
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_lowercase)
}

/// Words no heading style changes: acronyms, inner capitals ("iPhone", "GitHub"), "I",
/// calendar names, single letters, anything with a digit or a masked tag, and words of
/// plain letters that are no English word: names and tools ("rustfmt", "Kubernetes"),
/// whose case is their own.
fn keeps_its_case(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() < 2
        || word.chars().any(|c| c.is_numeric() || c == MASK)
        || letters.iter().skip(1).any(|c| c.is_uppercase())
        || word.starts_with("I'")
        || word.starts_with("I\u{2019}")
        || CALENDAR.contains(&word)
        || (word.bytes().all(|b| b.is_ascii_alphabetic()) && !is_english_word(word))
}

/// Whether a heading is code rather than words (`features = ["derive"]`,
/// `Vec::new()`): code keeps the case it is written in.
fn reads_as_code(heading: &str) -> bool {
    heading.contains(['=', '{', '}', '[', ']', ';'])
        || heading.contains("::")
        || heading.contains("()")
}

/// The byte ranges of a heading's quoted text (`Thread safety and "Send"`): a quotation
/// keeps the case it is quoted in. Straight double quotes pair in order; curly quotes pair
/// an opening with the next closing one.
fn quoted_ranges(heading: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut open: Option<usize> = None;
    for (at, c) in heading.char_indices() {
        match (c, open) {
            ('"', None) | ('\u{201C}', None) | ('\u{2018}', None) => open = Some(at),
            ('"', Some(start)) | ('\u{201D}', Some(start)) | ('\u{2019}', Some(start))
                if c != '\u{2019}' || !is_apostrophe(heading, at) =>
            {
                ranges.push(start..at + c.len_utf8());
                open = None;
            }
            _ => {}
        }
    }
    ranges
}

/// Whether the `’` at `at` stands between two letters, as in "don’t": an apostrophe, not
/// a closing quote.
fn is_apostrophe(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + '\u{2019}'.len_utf8()..].chars().next();
    before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changes(heading: &str, style: HeadingCase, names: &[&str]) -> Vec<(String, String)> {
        wrong_words(heading, style, |w| names.contains(&w))
            .into_iter()
            .map(|(range, wanted)| (heading[range].to_string(), wanted))
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn sentence_case_lowers_all_but_the_first_word_and_names() {
        assert_eq!(
            changes(
                "Getting Started With Acme Cloud",
                HeadingCase::Sentence,
                &["Acme", "Cloud"]
            ),
            vec![pair("Started", "started"), pair("With", "with")]
        );
        assert!(changes(
            "Getting started with Acme Cloud",
            HeadingCase::Sentence,
            &["Acme", "Cloud"]
        )
        .is_empty());
        assert_eq!(
            changes("getting started", HeadingCase::Sentence, &[]),
            vec![pair("getting", "Getting")]
        );
        for free in [
            "Background: project groups",
            "Background: Project groups",
            "April 27 -- Type aliases",
            "Done — Next Steps",
        ] {
            let expected = if free.ends_with("Next Steps") {
                vec![pair("Steps", "steps")]
            } else {
                vec![]
            };
            assert_eq!(
                changes(free, HeadingCase::Sentence, &[]),
                expected,
                "{free}"
            );
        }
    }

    #[test]
    fn acronyms_inner_capitals_and_numbers_keep_their_case() {
        for heading in [
            "Why the HTTP API moved to iPhone and GitHub",
            "What I learned in March",
            "Rust 1.75.0: Faster builds",
            "Plan B for the \u{FFFC} flag",
        ] {
            assert!(
                changes(heading, HeadingCase::Sentence, &["Rust"]).is_empty(),
                "{heading}: {:?}",
                changes(heading, HeadingCase::Sentence, &["Rust"])
            );
        }
    }

    #[test]
    fn title_case_follows_ap_small_words() {
        assert_eq!(
            changes("Getting started In the new API", HeadingCase::Title, &[]),
            vec![
                pair("started", "Started"),
                pair("In", "in"),
                pair("new", "New")
            ]
        );
        assert!(changes("A Guide to the Galaxy", HeadingCase::Title, &[]).is_empty());
        assert!(changes("What We Stand For", HeadingCase::Title, &[]).is_empty());
        assert_eq!(
            changes("Release notes: the big one", HeadingCase::Title, &[]),
            vec![
                pair("notes", "Notes"),
                pair("the", "The"),
                pair("big", "Big"),
                pair("one", "One")
            ]
        );
    }

    #[test]
    fn quoted_text_code_and_words_outside_the_dictionary_keep_their_case() {
        for heading in [
            "Thread safety and \"Send\"",
            "Why \u{201C}Zero Cost\u{201D} matters",
            "features = [\"derive\"]",
            "Calling Vec::new() twice",
            "rustfmt trailing comma hack",
            "Deploying with Kubernetes",
        ] {
            assert!(
                changes(heading, HeadingCase::Sentence, &[]).is_empty(),
                "{heading}: {:?}",
                changes(heading, HeadingCase::Sentence, &[])
            );
        }
        // The neighbours: the same words unquoted, or English words, are judged.
        assert_eq!(
            changes("Thread safety and Send", HeadingCase::Sentence, &[]),
            vec![pair("Send", "send")]
        );
        assert_eq!(
            changes("Why Zero Cost matters", HeadingCase::Sentence, &[]),
            vec![pair("Zero", "zero"), pair("Cost", "cost")]
        );
        assert_eq!(
            changes("trailing comma hack", HeadingCase::Sentence, &[]),
            vec![pair("trailing", "Trailing")]
        );
        assert_eq!(
            changes("We Don\u{2019}t Ship It", HeadingCase::Sentence, &[]),
            vec![
                pair("Don\u{2019}t", "don\u{2019}t"),
                pair("Ship", "ship"),
                pair("It", "it")
            ]
        );
    }

    #[test]
    fn a_capitalized_hyphenated_word_is_judged_by_its_first_part() {
        assert_eq!(
            changes("Our World-Class Launch", HeadingCase::Sentence, &[]),
            vec![pair("World", "world"), pair("Launch", "launch")]
        );
        assert!(changes("Our world-class launch", HeadingCase::Sentence, &[]).is_empty());
        assert!(changes(
            "Works with iPhone-sized screens",
            HeadingCase::Sentence,
            &[]
        )
        .is_empty());
    }

    #[test]
    fn only_the_first_part_of_a_hyphenated_word_is_checked() {
        assert!(changes("Built-in tools", HeadingCase::Sentence, &[]).is_empty());
        assert!(changes("wg-debugging", HeadingCase::Sentence, &[]).is_empty());
        assert!(changes("Done. Fantastic news", HeadingCase::Sentence, &[]).is_empty());
        assert_eq!(
            changes("Our Built-in tools", HeadingCase::Sentence, &[]),
            vec![pair("Built", "built")]
        );
    }
}
