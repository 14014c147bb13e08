//! `voice/max-sentence-words`: a sentence longer than `max_sentence_words` words is a
//! finding, its span covering the whole sentence.
//!
//! ## Why
//! Long sentences lose readers, on a phone most of all. A brand that sounds clear and direct
//! keeps them short.
//!
//! ## Example
//! With `max_sentence_words = 12`, "Our new dashboard lets every member of your team see
//! the status of each project at a glance, wherever they are." (23 words) is flagged;
//! "See every project at a glance." passes.
//!
//! ## Options
//! - `max_sentence_words`: the most words a sentence may have.
//!
//! Sentences come from a Unicode sentence segmenter that knows abbreviations ("e.g.",
//! "Dr."), initials, decimals and versions ("1.75.0"): none of them ends a sentence. A
//! heading or list item without a full stop is one sentence. A template tag counts as one
//! word; code and URLs do not count.

use super::VoiceContext;
use crate::check::Finding;

/// Flags each sentence longer than the limit.
pub fn check(context: &VoiceContext<'_>, findings: &mut Vec<Finding>) {
    let Some(max) = context.settings.max_sentence_words else {
        return;
    };
    for (segment, analysis) in context.analyses() {
        for sentence in &analysis.sentences {
            let words = analysis.words_in(sentence).len();
            if words > max {
                let message =
                    format!("Sentence of {words} words: keep sentences to {max} words or fewer");
                findings.extend(context.finding(segment, sentence.clone(), message, None));
            }
        }
    }
}
