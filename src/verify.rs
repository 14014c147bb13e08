//! `brandlint rules --verify`: every rule's `examples` are run through the rule, so a style
//! guide tests itself. A `flag` sentence must give a finding of that rule; a `pass`
//! sentence must give none.

use crate::check::check_active;
use crate::check::CompiledRules;
use crate::document::{Document, SegmentBuilder};
use crate::model::{RuleId, RuleKind, Scope};
use crate::read::html::{self, HtmlOptions};

/// An example that did not behave as its rule promised.
#[derive(Debug, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The rule's id.
    pub rule: RuleId,
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

/// Runs every rules table's examples, each sentence as one segment of the scope the table
/// looks at (a paragraph when it names none; a `[visual]` example is read as HTML), through the rules of that table alone: a `flag`
/// sentence must be flagged by one of them (a `[[banned]]` table's example need not use every
/// phrase), a `pass` sentence by none.
pub fn verify_examples(rules: &CompiledRules) -> Verification {
    let mut verification = Verification::default();
    let mut tables: Vec<usize> = rules.rules.iter().map(|r| r.table).collect();
    tables.dedup();
    for table in tables {
        let mut file = rules.all_files();
        file.active = rules.rules.iter().map(|r| r.table == table).collect();
        let Some(first) = rules.rules.iter().find(|r| r.table == table) else {
            continue;
        };
        // The scope the table's rules look at: a requirement's place, else the first of
        // `scopes`, else a paragraph.
        let place = rules
            .requirements
            .iter()
            .find(|(index, _)| rules.rules[*index].table == table)
            .and_then(|(_, requirement)| requirement.scope());
        let scope = place
            .or_else(|| first.scopes.as_ref().and_then(|s| s.first().copied()))
            .unwrap_or(Scope::Paragraph);
        let cases = first
            .examples
            .flag
            .iter()
            .map(|s| (s, true))
            .chain(first.examples.pass.iter().map(|s| (s, false)));
        for (sentence, should_flag) in cases {
            verification.checked += 1;
            let document = if first.kind == RuleKind::Visual {
                // Visual examples are HTML snippets: what they show is in their markup.
                html::read(sentence, &HtmlOptions::default())
            } else {
                let mut builder = SegmentBuilder::new();
                builder.push_exact(sentence, 0);
                Document {
                    segments: builder
                        .finish(scope, crate::read::mask::normalizing_edits)
                        .into_iter()
                        .collect(),
                    ..Document::default()
                }
            };
            let findings = check_active(rules, &file, &document, sentence);
            if findings.is_empty() == should_flag {
                verification.failures.push(ExampleFailure {
                    rule: first.id.clone(),
                    sentence: sentence.clone(),
                    should_flag,
                });
            }
        }
    }
    verification
}
