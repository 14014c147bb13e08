//! `repetition` rules: a token matched twice in a row ("the the"), one finding over both
//! within one sentence, as Vale finds them: consecutive matches of `tokens` that are equal
//! (in any case with `ignorecase`), letters only with `alpha`, more than `max` repeats.

use crate::check::voice::text;
use crate::matcher::pattern::Pattern;

/// What a repetition rule needs.
#[derive(Debug)]
pub struct RepetitionRule {
    /// The message, with `%s` for the repeated token.
    pub message: String,
    /// The tokens.
    pub tokens: Pattern,
    /// Repeats allowed before one is a finding (default 0).
    pub max: usize,
    /// Whether case is ignored when comparing.
    pub ignorecase: bool,
    /// Whether only tokens of letters count.
    pub alpha: bool,
    /// Repeats that are fine.
    pub exceptions: Option<Pattern>,
}

impl RepetitionRule {
    /// Each repetition in `text`: the range over both matches, and the repeated token.
    pub fn repetitions<'t>(&self, text: &'t str) -> Vec<(std::ops::Range<usize>, &'t str)> {
        let mut matches = Vec::new();
        let _ = self
            .tokens
            .for_each_match(text, |range| matches.push(range));
        let mut found = Vec::new();
        let mut count = 0;
        for pair in matches.windows(2) {
            let (previous, current) = (&pair[0], &pair[1]);
            let (before, now) = (text[previous.clone()].trim(), text[current.clone()].trim());
            let equal = if self.ignorecase {
                before.to_lowercase() == now.to_lowercase()
            } else {
                before == now
            };
            let hit =
                equal && !now.is_empty() && (!self.alpha || now.chars().all(char::is_alphabetic));
            if !hit {
                continue;
            }
            count += 1;
            if count <= self.max {
                continue;
            }
            let both = previous.start..current.end;
            let one_sentence = text::sentences(&text[both.clone()]).len() == 1;
            let excepted = self
                .exceptions
                .as_ref()
                .is_some_and(|e| e.is_match(&text[both.clone()]));
            if one_sentence && !excepted {
                found.push((both, now));
                count = 0;
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_twice_in_one_sentence_is_a_repetition() {
        let rule = RepetitionRule {
            message: "'%s' is repeated!".into(),
            tokens: Pattern::Linear(regex::Regex::new(r"[^\s]+").expect("compiles")),
            max: 0,
            ignorecase: true,
            alpha: true,
            exceptions: None,
        };
        let text = "This is the the end. It ends. Ends here. 1 1";
        let found: Vec<&str> = rule
            .repetitions(text)
            .iter()
            .map(|(r, _)| &text[r.clone()])
            .collect();
        assert_eq!(found, ["the the"]);
    }
}
