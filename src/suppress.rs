//! Suppression comments: `brandlint-disable`, `brandlint-enable` and
//! `brandlint-disable-next-line`, each for every rule or for listed rule ids and kinds.
//! Readers find the comments; this module parses them and drops the findings they cover.

use std::ops::Range;

use crate::check::{Finding, RuleKind};
use crate::document::{Directive, DirectiveAction};

/// Parses the inside of a comment (without its delimiters) as a directive.
/// Rules are listed after the keyword, separated by commas or spaces:
/// `brandlint-disable term/Acme Cloud, banned`. Without commas, a word that is neither a
/// kind nor an id (`kind/name`) continues the id before it, so ids with spaces still work.
pub fn parse_directive(comment: &str) -> Option<(DirectiveAction, Vec<String>)> {
    let body = comment.trim();
    let (action, rest) = [
        (
            "brandlint-disable-next-line",
            DirectiveAction::DisableNextLine,
        ),
        ("brandlint-disable", DirectiveAction::Disable),
        ("brandlint-enable", DirectiveAction::Enable),
    ]
    .into_iter()
    .find_map(|(keyword, action)| {
        let rest = body.strip_prefix(keyword)?;
        (rest.is_empty() || rest.starts_with(char::is_whitespace)).then_some((action, rest))
    })?;
    let rest = rest.trim();
    let rules = if rest.contains(',') {
        rest.split(',')
            .map(|r| r.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|r| !r.is_empty())
            .collect()
    } else {
        let mut rules: Vec<String> = Vec::new();
        for word in rest.split_whitespace() {
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
    };
    Some((action, rules))
}

/// Every directive in HTML comments (`<!-- ... -->`) within a range of the source.
pub fn html_comment_directives(source: &str, range: Range<usize>) -> Vec<Directive> {
    let mut directives = Vec::new();
    let Some(region) = source.get(range.clone()) else {
        return directives;
    };
    let mut from = 0;
    while let Some(open) = region[from..].find("<!--") {
        let body_start = from + open + 4;
        let Some(close) = region[body_start..].find("-->") else {
            break;
        };
        let body_end = body_start + close;
        if let Some((action, rules)) = parse_directive(&region[body_start..body_end]) {
            directives.push(Directive {
                span: range.start + from + open..range.start + body_end + 3,
                action,
                rules,
            });
        }
        from = body_end + 3;
    }
    directives
}

/// Every directive written as a template comment (`{{!-- brandlint-disable --}}`,
/// `{# brandlint-disable #}`) among the template tags `tags` of `source`.
pub fn template_comment_directives(source: &str, tags: &[Range<usize>]) -> Vec<Directive> {
    tags.iter()
        .filter_map(|span| {
            let comment = crate::read::mask::template_comment(source.get(span.clone())?)?;
            let (action, rules) = parse_directive(comment)?;
            Some(Directive {
                span: span.clone(),
                action,
                rules,
            })
        })
        .collect()
}

fn concerns(rules: &[String], finding: &Finding) -> bool {
    rules.is_empty()
        || rules
            .iter()
            .any(|r| *r == finding.rule || r == finding.kind.name())
}

/// The byte range of the line after the one on which `offset` stands.
fn next_line(source: &str, offset: usize) -> Range<usize> {
    let start = source[offset.min(source.len())..]
        .find('\n')
        .map_or(source.len(), |i| offset + i + 1);
    let end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    start..end
}

/// Whether the directives before `finding` switch it off.
fn is_suppressed(directives: &[Directive], source: &str, finding: &Finding) -> bool {
    let at = finding.span.start;
    let mut all_disabled = false;
    let mut disabled: Vec<&str> = Vec::new();
    for directive in directives.iter().take_while(|d| d.span.end <= at) {
        match directive.action {
            DirectiveAction::Disable if directive.rules.is_empty() => all_disabled = true,
            DirectiveAction::Disable => disabled.extend(directive.rules.iter().map(String::as_str)),
            DirectiveAction::Enable if directive.rules.is_empty() => {
                all_disabled = false;
                disabled.clear();
            }
            DirectiveAction::Enable => disabled.retain(|r| !directive.rules.iter().any(|e| e == r)),
            DirectiveAction::DisableNextLine => {
                if next_line(source, directive.span.end).contains(&at)
                    && concerns(&directive.rules, finding)
                {
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
    findings.retain(|f| f.kind == RuleKind::Io || !is_suppressed(directives, source, f));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_parse_with_rule_lists() {
        assert_eq!(
            parse_directive(" brandlint-disable "),
            Some((DirectiveAction::Disable, vec![]))
        );
        assert_eq!(
            parse_directive("brandlint-disable term/Acme Cloud banned"),
            Some((
                DirectiveAction::Disable,
                vec!["term/Acme Cloud".into(), "banned".into()]
            ))
        );
        assert_eq!(
            parse_directive("brandlint-disable-next-line prefer/sign in, term/GitHub"),
            Some((
                DirectiveAction::DisableNextLine,
                vec!["prefer/sign in".into(), "term/GitHub".into()]
            ))
        );
        assert_eq!(parse_directive("brandlint-disabled"), None);
        assert_eq!(parse_directive("a comment"), None);
    }

    #[test]
    fn comments_are_found_with_their_spans() {
        let src = "x <!-- brandlint-enable --> y <!-- other -->";
        let found = html_comment_directives(src, 0..src.len());
        assert_eq!(found.len(), 1);
        assert_eq!(&src[found[0].span.clone()], "<!-- brandlint-enable -->");
    }
}
