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
//! paragraphs, list items, quotes and table cells (headings and captions are fragments, not
//! sentences). Syllables are estimated from vowel groups with corrections for silent "e",
//! "-le" and "-ed". Documents of fewer than 100 words are not graded: the formula says
//! little about them.

use super::{text, VoiceContext, BODY_SCOPES};
use crate::check::Finding;

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
        for sentence in &analysis.sentences {
            let sentence_words = analysis.words_in(sentence);
            if !sentence_words.is_empty() {
                sentences += 1;
            }
            words += sentence_words.len();
            syllables += sentence_words
                .iter()
                .map(|word| text::syllables(&segment.text[word.clone()]))
                .sum::<usize>();
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
        findings.extend(context.finding(first, 0..0, message, None));
    }
}
