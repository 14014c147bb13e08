//! Finding `brandlint-*` comments: the keyword says what a comment does, and the rest of it,
//! kept as written, which rules it concerns. Readers call these on the comments and template
//! comments they find; what a list of rules means is the suppress stage's to say.

use std::ops::Range;

use crate::document::{Directive, DirectiveAction};
use crate::model::SourceSpan;

/// Parses the inside of a comment (without its delimiters) as a directive: its action and
/// the list of rules after the keyword, trimmed (empty for every rule). Vale's comments are
/// directives too: `vale off` and `vale on` for every rule, `vale Style.Rule = NO` and
/// `= YES` for one rule, `vale Style = NO` for a whole style.
pub fn parse_directive(comment: &str) -> Option<(DirectiveAction, String)> {
    let body = comment.trim();
    if let Some(vale) = body.strip_prefix("vale ") {
        return vale_directive(vale.trim());
    }
    let (action, rest) = [
        (
            "brandlint-disable-next-line",
            DirectiveAction::DisableNextLine,
        ),
        ("brandlint-disable-line", DirectiveAction::DisableLine),
        ("brandlint-disable-file", DirectiveAction::DisableFile),
        ("brandlint-disable", DirectiveAction::Disable),
        ("brandlint-enable", DirectiveAction::Enable),
    ]
    .into_iter()
    .find_map(|(keyword, action)| {
        let rest = body.strip_prefix(keyword)?;
        (rest.is_empty() || rest.starts_with(char::is_whitespace)).then_some((action, rest))
    })?;
    Some((action, rest.trim().to_string()))
}

/// A Vale comment's directive, from what follows `vale`.
fn vale_directive(rest: &str) -> Option<(DirectiveAction, String)> {
    match rest {
        "off" => return Some((DirectiveAction::Disable, String::new())),
        "on" => return Some((DirectiveAction::Enable, String::new())),
        _ => {}
    }
    let (name, switch) = rest.split_once('=')?;
    let name = name.trim();
    let action = match switch.trim().to_ascii_uppercase().as_str() {
        "NO" => DirectiveAction::Disable,
        "YES" => DirectiveAction::Enable,
        _ => return None,
    };
    let is_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'));
    is_name.then(|| (action, name.to_string()))
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
                span: SourceSpan::new(range.start + from + open, range.start + body_end + 3),
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
            let comment = super::mask::template_comment(source.get(span.clone())?)?;
            let (action, rules) = parse_directive(comment)?;
            Some(Directive {
                span: span.clone().into(),
                action,
                rules,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vale_comments_are_directives() {
        assert_eq!(
            parse_directive(" vale off "),
            Some((DirectiveAction::Disable, String::new()))
        );
        assert_eq!(
            parse_directive("vale on"),
            Some((DirectiveAction::Enable, String::new()))
        );
        assert_eq!(
            parse_directive("vale Microsoft.Terms = NO"),
            Some((DirectiveAction::Disable, "Microsoft.Terms".to_string()))
        );
        assert_eq!(
            parse_directive("vale Microsoft = YES"),
            Some((DirectiveAction::Enable, "Microsoft".to_string()))
        );
        assert_eq!(parse_directive("vale is a linter"), None);
        assert_eq!(parse_directive("vale A.B = maybe"), None);
    }

    #[test]
    fn directives_parse_to_an_action_and_the_list_as_written() {
        assert_eq!(
            parse_directive(" brandlint-disable "),
            Some((DirectiveAction::Disable, String::new()))
        );
        assert_eq!(
            parse_directive("brandlint-disable-next-line  prefer/sign in, term/GitHub "),
            Some((
                DirectiveAction::DisableNextLine,
                "prefer/sign in, term/GitHub".to_string()
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
        assert_eq!(&src[found[0].span.range()], "<!-- brandlint-enable -->");
    }
}
