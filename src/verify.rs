//! `brandlint rules --verify`: every rule's `examples` are run through the rule, so a style
//! guide tests itself. A `flag` sentence must give a finding of that rule; a `pass`
//! sentence must give none.

use crate::check::check_segment;
use crate::config::CompiledRules;
use crate::document::{Scope, SegmentBuilder};

/// An example that did not behave as its rule promised.
#[derive(Debug, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The rule's id.
    pub rule: String,
    /// The example sentence.
    pub sentence: String,
    /// Whether the sentence was listed under `flag` (else `pass`).
    pub should_flag: bool,
}

/// The outcome of verifying every example.
#[derive(Debug, Default)]
pub struct Verification {
    /// How many example sentences ran.
    pub checked: usize,
    /// The ones that failed.
    pub failures: Vec<ExampleFailure>,
}

/// Runs every rule's examples, each as one segment of the rule's first scope (a paragraph
/// when it has none), through that rule alone.
pub fn verify_examples(rules: &CompiledRules) -> Verification {
    let mut verification = Verification::default();
    for (index, rule) in rules.rules.iter().enumerate() {
        let mut active = vec![false; rules.rules.len()];
        active[index] = true;
        let scope = rule
            .scopes
            .as_ref()
            .and_then(|s| s.first().copied())
            .unwrap_or(Scope::Paragraph);
        let cases = rule
            .examples
            .flag
            .iter()
            .map(|s| (s, true))
            .chain(rule.examples.pass.iter().map(|s| (s, false)));
        for (sentence, should_flag) in cases {
            verification.checked += 1;
            let mut builder = SegmentBuilder::new();
            builder.push_exact(sentence, 0);
            let mut findings = Vec::new();
            if let Some(segment) = builder.finish(scope) {
                check_segment(rules, &active, &segment, sentence, &mut findings);
            }
            if findings.is_empty() == should_flag {
                verification.failures.push(ExampleFailure {
                    rule: rule.id.clone(),
                    sentence: sentence.clone(),
                    should_flag,
                });
            }
        }
    }
    verification
}
