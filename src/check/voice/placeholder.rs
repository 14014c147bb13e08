//! `voice/placeholder-text`: placeholder filler left in content ("Lorem ipsum dolor sit
//! amet..."), one finding per run of filler sentences in a block of text.
//!
//! ## Why
//! Templates ship with lorem ipsum so designers can see the layout. Sent to customers or
//! published, it says nobody read the page before it went out.
//!
//! ## Example
//! With `placeholder_text = true`, "Lorem ipsum dolor sit amet, consectetur adipiscing
//! elit." is flagged; "Our spring sale starts today." passes.
//!
//! ## Options
//! - `placeholder_text = true` switches the check on.
//!
//! A sentence is filler when three of its words at least, and half of them or more, are
//! words of the lorem ipsum text. Sentence length and reading grade leave filler out
//! whether this check is on or not: it is not prose to measure.

use super::{filler, VoiceContext};
use crate::model::{Finding, TextRange};

/// Flags each run of lorem ipsum sentences.
pub fn check(context: &VoiceContext<'_>, findings: &mut Vec<Finding>) {
    if context.settings.placeholder_text != Some(true) {
        return;
    }
    for (segment, analysis) in context.analyses() {
        if !analysis.may_hold_placeholder() {
            continue;
        }
        let mut runs: Vec<TextRange> = Vec::new();
        for &sentence in &analysis.sentences {
            let words = analysis.words_in(sentence);
            if !filler::is_placeholder(words.iter().map(|w| &segment.text[w.range()])) {
                continue;
            }
            match runs.last_mut() {
                Some(run) if segment.text[run.end..sentence.start].trim().is_empty() => {
                    run.end = sentence.end;
                }
                _ => runs.push(sentence),
            }
        }
        for run in runs {
            let message =
                "Placeholder text (lorem ipsum) left in: replace it with real copy".to_string();
            findings.extend(context.finding(segment, run, message, None));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint::assert_findings;

    const ON: &str = "[voice]\nplaceholder_text = true\n";
    const ID: &str = "voice/placeholder-text";

    #[test]
    fn lorem_ipsum_is_one_finding_per_run_and_real_copy_passes() {
        assert_findings(
            ON,
            "Our spring sale starts today. Lorem ipsum dolor sit amet, consectetur adipiscing \
             elit. Sed do eiusmod tempor incididunt ut labore.\n\nSee you soon.\n",
            &[(
                ID,
                "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Sed do eiusmod tempor \
                 incididunt ut labore.",
            )],
        );
    }

    #[test]
    fn the_check_is_off_unless_switched_on() {
        assert_findings(
            "[voice]\nshouting = true\n",
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n",
            &[],
        );
    }
}
