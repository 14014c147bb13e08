//! The suppress stage: `brandlint-disable`, `brandlint-enable` and
//! `brandlint-disable-next-line` comments, each for every rule or for listed rule ids and
//! kinds. Readers find the comments (`crate::read::directives`); this stage resolves their
//! lists of rules, once per document, and drops the findings they cover.

use crate::document::{Directive, DirectiveAction};
use crate::model::{Finding, RuleKind, SourceSpan};

/// The rules a directive's list names: ids and kinds, separated by commas or spaces
/// (`term/Acme Cloud, banned`). Without commas, a word that is neither a kind nor an id
/// (`kind/name`) continues the id before it, so ids with spaces still work. Empty: every rule.
pub fn rule_list(list: &str) -> Vec<String> {
    if list.contains(',') {
        list.split(',')
            .map(|r| r.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|r| !r.is_empty())
            .collect()
    } else {
        let mut rules: Vec<String> = Vec::new();
        for word in list.split_whitespace() {
            let starts_rule = word.contains('/') || RuleKind::from_name(word).is_some();
            match rules.last_mut() {
                Some(previous) if !starts_rule => {
                    previous.push(' ');
                    previous.push_str(word);
                }
                _ => rules.push(word.to_string()),
            }
        }
        rules
    }
}

fn concerns(rules: &[String], finding: &Finding) -> bool {
    rules.is_empty()
        || rules
            .iter()
            .any(|r| *r == finding.rule || r == finding.kind.name())
}

/// The bytes of the line after the one on which `offset` stands.
fn next_line(source: &str, offset: usize) -> SourceSpan {
    let start = source[offset.min(source.len())..]
        .find('\n')
        .map_or(source.len(), |i| offset + i + 1);
    let end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    SourceSpan::new(start, end)
}

/// A directive with its list of rules resolved.
struct Resolved<'a> {
    directive: &'a Directive,
    rules: Vec<String>,
}

/// Whether the directives before `finding` switch it off.
fn is_suppressed(directives: &[Resolved<'_>], source: &str, finding: &Finding) -> bool {
    let at = finding.span.start;
    let mut all_disabled = false;
    let mut disabled: Vec<&str> = Vec::new();
    for Resolved { directive, rules } in
        directives.iter().take_while(|d| d.directive.span.end <= at)
    {
        match directive.action {
            DirectiveAction::Disable if rules.is_empty() => all_disabled = true,
            DirectiveAction::Disable => disabled.extend(rules.iter().map(String::as_str)),
            DirectiveAction::Enable if rules.is_empty() => {
                all_disabled = false;
                disabled.clear();
            }
            DirectiveAction::Enable => disabled.retain(|r| !rules.iter().any(|e| e == r)),
            DirectiveAction::DisableNextLine => {
                if next_line(source, directive.span.end).contains(at) && concerns(rules, finding) {
                    return true;
                }
            }
        }
    }
    all_disabled
        || disabled
            .iter()
            .any(|r| *r == finding.rule || *r == finding.kind.name())
}

/// Drops the findings that directives suppress. `io` findings are never suppressed: they
/// say the file was not checked at all.
pub fn retain_unsuppressed(directives: &[Directive], source: &str, findings: &mut Vec<Finding>) {
    if directives.is_empty() {
        return;
    }
    let resolved: Vec<Resolved<'_>> = directives
        .iter()
        .map(|directive| Resolved {
            directive,
            rules: rule_list(&directive.rules),
        })
        .collect();
    findings.retain(|f| f.kind == RuleKind::Io || !is_suppressed(&resolved, source, f));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_lists_split_on_commas_or_before_ids_and_kinds() {
        assert_eq!(rule_list(""), Vec::<String>::new());
        assert_eq!(
            rule_list("term/Acme Cloud banned"),
            ["term/Acme Cloud", "banned"]
        );
        assert_eq!(
            rule_list("prefer/sign in, term/GitHub"),
            ["prefer/sign in", "term/GitHub"]
        );
    }
}
