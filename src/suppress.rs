//! The suppress stage: `brandlint-disable`, `brandlint-enable`,
//! `brandlint-disable-next-line`, `brandlint-disable-line` and `brandlint-disable-file`
//! comments, each for every rule or for listed rule ids, kinds and Vale styles (Vale's
//! `vale off`, `vale on` and `vale Style.Rule = NO` comments read as the same). Readers
//! find the comments (`crate::read::directives`); this stage resolves their lists of rules,
//! once per document, drops the findings they cover, and reports the comments that name a
//! rule the file does not have or (when asked) switch nothing off.

use crate::check;
use crate::config::error::closest;
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
    rules.is_empty() || rules.iter().any(|r| names(r, finding))
}

/// Whether a name of a list means the finding's rule: its id, its kind, or its Vale style.
fn names(name: &str, finding: &Finding) -> bool {
    name == finding.rule.as_str() || name == finding.kind.name() || is_style_of(name, &finding.rule)
}

/// Whether `name` is a Vale style (`Microsoft`) and `rule` one of its rules
/// (`Microsoft.Terms`).
fn is_style_of(name: &str, rule: &str) -> bool {
    !name.contains(['.', '/'])
        && rule
            .strip_prefix(name)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// The bytes of the line on which `offset` stands.
fn line_at(source: &str, offset: usize) -> SourceSpan {
    let offset = offset.min(source.len());
    let start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = source[offset..]
        .find('\n')
        .map_or(source.len(), |i| offset + i);
    SourceSpan::new(start, end)
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

/// The directive that switches `finding` off, by its index: a `disable-file` anywhere, a
/// `disable-line` on its line, a `disable-next-line` on the line before, or the `disable`
/// in force where it stands.
fn suppressor(directives: &[Resolved<'_>], source: &str, finding: &Finding) -> Option<usize> {
    let at = finding.span.start;
    let file_wide = directives.iter().position(|d| {
        d.directive.action == DirectiveAction::DisableFile && concerns(&d.rules, finding)
    });
    if file_wide.is_some() {
        return file_wide;
    }
    // The `disable` in force: every rule (the index of the comment), or per rule.
    let mut all_disabled: Option<usize> = None;
    let mut disabled: Vec<(&str, usize)> = Vec::new();
    for (index, Resolved { directive, rules }) in directives.iter().enumerate() {
        let line = || line_at(source, directive.span.start);
        match directive.action {
            DirectiveAction::DisableLine if line().contains(at) && concerns(rules, finding) => {
                return Some(index);
            }
            _ if directive.span.end > at => continue,
            DirectiveAction::Disable if rules.is_empty() => all_disabled = Some(index),
            DirectiveAction::Disable => disabled.extend(rules.iter().map(|r| (r.as_str(), index))),
            DirectiveAction::Enable if rules.is_empty() => {
                all_disabled = None;
                disabled.clear();
            }
            DirectiveAction::Enable => disabled.retain(|(r, _)| !rules.iter().any(|e| e == r)),
            DirectiveAction::DisableNextLine => {
                if next_line(source, directive.span.end).contains(at) && concerns(rules, finding) {
                    return Some(index);
                }
            }
            DirectiveAction::DisableLine | DirectiveAction::DisableFile => {}
        }
    }
    all_disabled.or_else(|| {
        disabled
            .iter()
            .find(|(r, _)| names(r, finding))
            .map(|(_, index)| *index)
    })
}

/// Drops the findings that directives suppress, and adds a finding for each directive that
/// names a rule the file does not have, and for each that suppressed nothing
/// (`suppress/unused`, which a run reports only when asked). `known_ids` gives every rule id
/// the file's rules have and every built-in check's. `io` and `suppress` findings are never
/// suppressed: they say a file was not checked, or that a comment is wrong.
pub fn retain_unsuppressed(
    directives: &[Directive],
    source: &str,
    findings: &mut Vec<Finding>,
    known_ids: &dyn Fn() -> Vec<String>,
) {
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
    let mut used = vec![false; resolved.len()];
    findings.retain(|f| {
        if matches!(f.kind, RuleKind::Io | RuleKind::Suppress) {
            return true;
        }
        match suppressor(&resolved, source, f) {
            Some(index) => {
                used[index] = true;
                false
            }
            None => true,
        }
    });
    let mut about_comments = unknown_rules(&resolved, known_ids);
    about_comments.extend(
        resolved
            .iter()
            .zip(&used)
            .filter(|(d, used)| !**used && d.directive.action != DirectiveAction::Enable)
            .map(|(d, _)| check::suppress::unused(d.directive.span)),
    );
    for finding in about_comments {
        crate::model::insert_in_order(findings, finding);
    }
}

/// A `suppress/unknown-rule` finding for each name in a comment that is no kind and no rule
/// id of the file's rules, with the closest id or kind.
fn unknown_rules(resolved: &[Resolved<'_>], known_ids: &dyn Fn() -> Vec<String>) -> Vec<Finding> {
    let mut found = Vec::new();
    let mut known: Option<Vec<String>> = None;
    for Resolved { directive, rules } in resolved {
        for name in rules {
            if RuleKind::from_name(name).is_some() {
                continue;
            }
            let known = known.get_or_insert_with(|| {
                let mut ids = known_ids();
                ids.extend(RuleKind::ALL.iter().map(|k| k.name().to_string()));
                ids
            });
            if known.iter().any(|id| id == name || is_style_of(name, id)) {
                continue;
            }
            let closest = closest(name, known.iter().map(String::as_str));
            found.push(check::suppress::unknown_rule(directive.span, name, closest));
        }
    }
    found
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
