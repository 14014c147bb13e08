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
//! days and months, single letters, words with digits, and lower-case identifiers joined by
//! hyphens ("wg-debugging"); code and template tags are not words. In title case, the small words stay lower case unless first or last: a, an, the,
//! and, but, for, nor, or, so, yet, as, at, by, in, of, on, per, to, via, vs. Only the first
//! part of a hyphenated word is checked.

use std::collections::HashSet;
use std::ops::Range;

use super::{text, VoiceContext};
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
    let proper_nouns = proper_nouns_in_body(context);
    let is_name = |word: &str| context.voice.is_name(word) || proper_nouns.contains(word);
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
    let mut names = HashSet::new();
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
        if keeps_its_case(whole) || keeps_its_case(word) || is_name(whole) || is_name(word) {
            continue;
        }
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
        if capitalized != should_capitalize {
            let wanted = if should_capitalize {
                capitalize(word)
            } else {
                word.to_lowercase()
            };
            wrong.push((range.start..range.start + word.len(), wanted));
        }
    }
    wrong
}

/// Words no heading style changes: acronyms, inner capitals, "I", calendar names, single
/// letters, anything with a digit or a masked tag, and lower-case identifiers joined by
/// hyphens ("wg-debugging").
fn keeps_its_case(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    let is_identifier = word.contains('-') && letters.iter().all(|c| c.is_lowercase());
    is_identifier
        || letters.len() < 2
        || word.chars().any(|c| c.is_numeric() || c == MASK)
        || letters.iter().skip(1).any(|c| c.is_uppercase())
        || word.starts_with("I'")
        || word.starts_with("I\u{2019}")
        || CALENDAR.contains(&word)
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
