//! `occurrence` rules: how often `token` appears in each instance of the rule's scope (each
//! sentence with `scope: sentence`, else each paragraph, heading or cell). More than `max` or
//! fewer than `min` is one finding, at the first match (or the start, when there is none),
//! with the message as written.

use crate::check::voice::text;
use crate::matcher::pattern::Pattern;

/// What an occurrence rule needs.
#[derive(Debug)]
pub struct OccurrenceRule {
    /// The message.
    pub message: String,
    /// What is counted.
    pub token: Pattern,
    /// Most allowed (`None`: no limit).
    pub max: Option<usize>,
    /// Fewest allowed (`None`: no limit).
    pub min: Option<usize>,
    /// Whether each sentence is counted apart.
    pub per_sentence: bool,
}

impl OccurrenceRule {
    /// Where a segment's text breaks the rule: the first match of each counted stretch with
    /// too many or too few (the stretch's start when it has none).
    pub fn breaches(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        let whole = std::iter::once(0..text.len());
        let stretches: Vec<std::ops::Range<usize>> = if self.per_sentence {
            text::sentences(text)
        } else {
            whole.collect()
        };
        let mut breaches = Vec::new();
        for stretch in stretches {
            let mut found = Vec::new();
            let _ = self
                .token
                .for_each_match(&text[stretch.clone()], |range| found.push(range));
            let count = found.iter().filter(|range| !range.is_empty()).count();
            let too_many = self.max.is_some_and(|max| max > 0 && count > max);
            let too_few = self.min.is_some_and(|min| min > 0 && count < min);
            if too_many || too_few {
                let at = found.first().map_or(stretch.start..stretch.start, |first| {
                    stretch.start + first.start..stretch.start + first.end
                });
                breaches.push(at);
            }
        }
        breaches
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_many_in_a_sentence_is_one_breach_at_the_first_match() {
        let rule = OccurrenceRule {
            message: "Too long.".into(),
            token: Pattern::Linear(regex::Regex::new(r"\b(\w+)\b").expect("compiles")),
            max: Some(3),
            min: None,
            per_sentence: true,
        };
        let text = "One two three. One two three four. Five.";
        assert_eq!(
            rule.breaches(text),
            vec![std::ops::Range { start: 15, end: 18 }]
        );
        let at_least = OccurrenceRule {
            min: Some(1),
            max: None,
            token: Pattern::Linear(regex::Regex::new("Acme").expect("compiles")),
            per_sentence: false,
            message: String::new(),
        };
        assert_eq!(
            at_least.breaches("No name here."),
            vec![std::ops::Range { start: 0, end: 0 }]
        );
        assert!(at_least.breaches("Acme is here.").is_empty());
    }
}
