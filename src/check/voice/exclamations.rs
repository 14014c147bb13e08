//! `voice/max-exclamations`: more exclamations in one document than `max_exclamations`.
//! Each exclamation past the limit is a finding at its mark.
//!
//! ## Why
//! An exclamation mark is a raised voice. Used once it lands; used in every sentence it
//! sounds like an advert and readers stop hearing it.
//!
//! ## Example
//! With `max_exclamations = 1`, "Welcome aboard! Your account is ready!" is flagged at the
//! second "!"; "Welcome aboard! Your account is ready." passes.
//!
//! ## Options
//! - `max_exclamations`: the most exclamations a document may have (`0` allows none).
//!
//! A run of marks ("Wow!!!") is one exclamation; `[[pattern]]` can forbid the run itself.
//! Marks in code, template tags and URLs do not count.

use super::VoiceContext;
use crate::model::{Finding, TextRange};

/// Counts exclamations in source order and flags each past the limit.
pub fn check(context: &VoiceContext<'_>, findings: &mut Vec<Finding>) {
    let Some(max) = context.settings.max_exclamations else {
        return;
    };
    let mut seen = 0;
    for segment in context.segments() {
        for run in exclamation_runs(&segment.text) {
            let run = TextRange::from(run);
            if !context.in_scope(segment, run) {
                continue;
            }
            seen += 1;
            if seen > max {
                let message = format!("Exclamation {seen} in this document: use at most {max}");
                findings.extend(context.finding(segment, run, message, None));
            }
        }
    }
}

/// Each run of exclamation marks ("!", "‼", "！") in a text, as a byte range.
fn exclamation_runs(text: &str) -> Vec<std::ops::Range<usize>> {
    // The marks as UTF-8 start with one of three bytes, which only ever start a character.
    const MARKS: [&str; 3] = ["!", "\u{203C}", "\u{FF01}"];
    let bytes = text.as_bytes();
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    let mut at = 0;
    while let Some(found) = memchr::memchr3(b'!', 0xE2, 0xEF, &bytes[at..]) {
        at += found;
        let Some(mark) = MARKS.iter().find(|m| bytes[at..].starts_with(m.as_bytes())) else {
            at += 1;
            continue;
        };
        match runs.last_mut() {
            Some(run) if run.end == at => run.end = at + mark.len(),
            _ => runs.push(at..at + mark.len()),
        }
        at += mark.len();
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::exclamation_runs;

    #[test]
    fn a_run_of_marks_is_one_exclamation() {
        assert_eq!(
            exclamation_runs("Wow!!! Yes! ‼"),
            vec![3..6, 10..11, 12..15]
        );
        assert!(exclamation_runs("No marks here.").is_empty());
    }
}
