//! `voice/reading-grade-max`: a document whose body text reads above `reading_grade_max`
//! on the Flesch-Kincaid grade scale. One finding per document, at the start of its body
//! text, with the grade and what it comes from.
//!
//! ## Why
//! Most readers are most comfortable a few grades below their own schooling. Plain words
//! and short sentences reach everyone, experts included, and read faster.
//!
//! ## Example
//! With `reading_grade_max = 8`, a post whose sentences run to 30 words of three syllables
//! is flagged with "Reading grade 14.2 is above 8 (...)"; the same post in sentences of 15
//! words of one or two syllables passes.
//!
//! ## Options
//! - `reading_grade_max`: the highest grade allowed (a number; 8 to 10 suits a general
//!   audience).
//!
//! The grade is 0.39 × words per sentence + 11.8 × syllables per word − 15.59, over the
//! paragraphs, list items and table cells (headings and captions are fragments, not
//! sentences; block quotes are someone else's words, as every voice check leaves them). Syllables are estimated from vowel groups with corrections for silent "e",
//! "-le" and "-ed". Placeholder filler (lorem ipsum) and rosters of names are left out:
//! they are not prose. Documents of fewer than 100 words are not graded: the formula says
//! little about them.

use super::{filler, text, VoiceContext, BODY_SCOPES};
use crate::model::{Finding, TextRange};

/// Fewer words than this are not graded.
const MIN_WORDS: usize = 100;

/// Grades the document's body text and flags it when above the limit.
pub fn check(context: &VoiceContext<'_>, findings: &mut Vec<Finding>) {
    let Some(max) = context.settings.reading_grade_max else {
        return;
    };
    let (mut words, mut sentences, mut syllables) = (0, 0, 0);
    let mut first = None;
    for (segment, analysis) in context.analyses() {
        if !BODY_SCOPES.contains(&segment.scope) {
            continue;
        }
        first.get_or_insert(segment);
        for &sentence in &analysis.sentences {
            let sentence_words = analysis.words_in(sentence);
            let texts = sentence_words.iter().map(|w| &segment.text[w.range()]);
            if filler::is_not_prose(
                &segment.text[sentence.range()],
                texts,
                analysis.may_hold_placeholder(),
            ) {
                continue;
            }
            if !sentence_words.is_empty() {
                sentences += 1;
            }
            words += sentence_words.len();
            syllables += text::remembered_syllables(
                sentence_words
                    .iter()
                    .map(|word| &segment.text[word.range()]),
            );
        }
    }
    let Some(first) = first else {
        return;
    };
    if words < MIN_WORDS {
        return;
    }
    // Compared as shown, to one decimal, so that no finding reads "12.0 is above 12".
    let grade = (text::flesch_kincaid_grade(words, sentences, syllables) * 10.0).round() / 10.0;
    if grade > max {
        let message = format!(
            "Reading grade {grade:.1} is above {max} (Flesch-Kincaid: {:.1} words a sentence, \
             {:.2} syllables a word, over {words} words): use shorter sentences and plainer words",
            words as f64 / sentences as f64,
            syllables as f64 / words as f64,
        );
        findings.extend(context.finding(first, TextRange::at(0), message, None));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint::{assert_findings, assert_message, Lint};

    const ID: &str = "voice/reading-grade-max";

    /// `sentences` sentences of `words` one-syllable words each, each sentence capitalized
    /// (a full stop before a lowercase word does not end a sentence).
    fn plain(sentences: usize, words: usize) -> String {
        let sentence = format!("Cat{}.", " cat".repeat(words - 1));
        vec![sentence; sentences].join(" ")
    }

    #[test]
    fn a_document_above_the_grade_is_one_finding_with_what_the_grade_comes_from() {
        // 0.39 × 12 + 11.8 × 1 − 15.59 = 0.89, shown as 0.9.
        let rules = "[voice]\nreading_grade_max = 0\n";
        let text = format!("{}\n", plain(10, 12));
        assert_findings(rules, &text, &[(ID, "")]);
        assert_message(
            rules,
            &text,
            ID,
            "Reading grade 0.9 is above 0 (Flesch-Kincaid: 12.0 words a sentence, 1.00 \
             syllables a word, over 120 words): use shorter sentences and plainer words",
        );
    }

    #[test]
    fn a_grade_at_the_limit_as_shown_passes() {
        assert_findings(
            "[voice]\nreading_grade_max = 0.9\n",
            &format!("{}\n", plain(10, 12)),
            &[],
        );
        assert_findings(
            "[voice]\nreading_grade_max = 0.8\n",
            &format!("{}\n", plain(10, 12)),
            &[(ID, "")],
        );
    }

    #[test]
    fn long_words_and_long_sentences_raise_the_grade() {
        let rules = "[voice]\nreading_grade_max = 8\n";
        let hard = "Organizational communication necessitates considerable \
                    deliberation regarding terminology, \
                    particularly when international audiences \
                    evaluate documentation independently";
        let text = format!("{}\n", vec![format!("{hard}."); 10].join(" "));
        assert_findings(rules, &text, &[(ID, "")]);
        assert_findings(rules, &format!("{}\n", plain(10, 12)), &[]);
    }

    #[test]
    fn lorem_ipsum_and_rosters_of_names_are_not_graded() {
        let rules = "[voice]\nreading_grade_max = 1\n";
        let lorem = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod \
                     tempor incididunt ut labore et dolore magna aliqua.";
        let roster = "Thanks to Alexandria Montgomery, Bartholomew Fitzgerald, Cornelius \
                      Abernathy, Evangeline Harrington and Maximilian Kowalczyk.";
        let filler = [lorem, roster].repeat(5).join(" ");
        // The plain prose alone grades 0.9; with the filler counted it would be far above 1.
        assert_findings(rules, &format!("{} {filler}\n", plain(10, 12)), &[]);
        let hard = "Organizational communication necessitates considerable deliberation.";
        let prose = [hard; 10].join(" ");
        assert_findings(rules, &format!("{} {prose}\n", plain(10, 12)), &[(ID, "")]);
    }

    #[test]
    fn fewer_than_a_hundred_words_are_not_graded() {
        let rules = "[voice]\nreading_grade_max = 0\n";
        assert_findings(rules, &format!("{}\n", plain(9, 11)), &[]);
        assert_findings(rules, &format!("{}\n", plain(10, 10)), &[(ID, "")]);
    }

    #[test]
    fn headings_are_not_body_text_and_the_finding_stands_where_the_body_starts() {
        let rules = "[voice]\nreading_grade_max = 0\n";
        let long_heading = format!("# {}\n\nShort body.\n", vec!["cat"; 120].join(" "));
        assert_findings(rules, &long_heading, &[]);
        let text = format!("# Title\n\n{}\n", plain(10, 12));
        assert_eq!(Lint::new(rules).spans(&text), [(ID.to_string(), 9..9)]);
    }

    #[test]
    fn list_items_are_body_text_and_quotes_are_someone_elses() {
        let rules = "[voice]\nreading_grade_max = 0\n";
        let items: String = (0..10).map(|_| format!("- {}\n", plain(1, 12))).collect();
        assert_findings(rules, &items, &[(ID, "")]);
        let quote = format!("> {}\n", plain(10, 12));
        assert_findings(rules, &quote, &[]);
    }
}
