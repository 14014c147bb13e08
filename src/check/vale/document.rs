//! The Vale rules that judge a document rather than a match: `capitalization`,
//! `occurrence` and `repetition` over each segment in scope, and `conditional` over the segments in the
//! order they stand.

use super::format_message;
use super::ValeMatcher;
use crate::check::kind::DocumentContext;
use crate::check::Rule;
use crate::document::Segment;
use crate::model::{Finding, RuleKind, TextRange};

/// Runs the document-wide Vale rules that apply to the file.
pub fn check(context: &DocumentContext<'_>, findings: &mut Vec<Finding>) {
    if context.rules.vale.is_empty() {
        return;
    }
    let mut segments: Vec<&Segment> = context.document.segments.iter().collect();
    segments.sort_by_key(|s| s.source_range(TextRange::at(0)).start);
    for (index, rule) in context.rules.rules.iter().enumerate() {
        if rule.kind != RuleKind::Vale || !context.file.active[index] {
            continue;
        }
        let in_scope = |segment: &&&Segment| {
            rule.scopes
                .as_deref()
                .is_none_or(|scopes| scopes.contains(&segment.scope))
        };
        match context.rules.vale.get(rule.id.as_str()) {
            Some(ValeMatcher::Case(case)) => {
                for segment in segments.iter().filter(in_scope) {
                    let text = segment.text.trim();
                    if text.is_empty() || case.holds(text) {
                        continue;
                    }
                    let start = segment.text.len() - segment.text.trim_start().len();
                    let range = TextRange::from(start..start + text.len());
                    let message = format_message(&case.message, &[text]);
                    findings.push(finding(rule, segment, range, message));
                }
            }
            Some(ValeMatcher::Conditional(conditional)) => {
                let mut defined = Vec::new();
                for segment in segments.iter().filter(in_scope) {
                    conditional.definitions(&segment.text, &mut defined);
                    for range in conditional.undefined_uses(&segment.text, &defined) {
                        let message =
                            format_message(&conditional.message, &[&segment.text[range.clone()]]);
                        findings.push(finding(rule, segment, TextRange::from(range), message));
                    }
                }
            }
            Some(ValeMatcher::Occurrence(occurrence)) => {
                for segment in segments.iter().filter(in_scope) {
                    for range in occurrence.breaches(&segment.text) {
                        let message = occurrence.message.clone();
                        findings.push(finding(rule, segment, TextRange::from(range), message));
                    }
                }
            }
            Some(ValeMatcher::Repetition(repetition)) => {
                for segment in segments.iter().filter(in_scope) {
                    for (range, token) in repetition.repetitions(&segment.text) {
                        let message = format_message(&repetition.message, &[token]);
                        findings.push(finding(rule, segment, TextRange::from(range), message));
                    }
                }
            }
            _ => {}
        }
    }
}

fn finding(rule: &Rule, segment: &Segment, range: TextRange, message: String) -> Finding {
    rule.finding(segment.source_range(range), message)
        .in_scope(segment.scope_at(range))
}
