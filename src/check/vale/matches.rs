//! `existence` and `substitution` rules: each match of the rule's pattern, judged as Vale
//! judges it (exceptions, a substitution's suggestion, its message).

use super::format_message;
use crate::check::MatchContext;
use crate::matcher::pattern::Pattern;
use crate::model::{Finding, Fix, FixSafety};

/// What an `existence` or `substitution` rule needs to judge a match: its message, and for
/// a substitution which wrong form suggests what.
#[derive(Debug)]
pub struct MatchRule {
    /// The message, with Vale's `%s`.
    pub(super) message: String,
    /// Matches that are fine: the exceptions, between word boundaries.
    pub(super) exceptions: Option<Pattern>,
    /// A substitution's pattern, a capture group for each wrong form, in the order written.
    pub(super) pattern: Pattern,
    /// For each wrong form, its suggestion, whole (a match that already is the suggestion is
    /// no finding), and the suggestion as written.
    pub(super) swaps: Vec<(RightForm, String)>,
    /// Whether the rule's action is `replace` without parameters: its suggestions are
    /// listed in the message.
    pub(super) replace_action: bool,
    /// `capitalize`: a suggestion takes the capital of the match it replaces.
    pub(super) capitalize: bool,
    /// Whether the pattern stands between word boundaries (not `nonword`): searched with
    /// Go's ASCII ones, a match beside a letter beyond ASCII ("my" in "Rémy") is none.
    pub(super) word_bounded: bool,
}

impl MatchRule {
    /// The finding of a match, or `None` where Vale would say nothing: an exception, or a
    /// substitution whose match is already its suggestion.
    pub fn judge(&self, context: &MatchContext<'_>) -> Option<Finding> {
        let text = &context.segment.text;
        let range = context.text_range;
        // A word boundary in Unicode's sense at each end: a letter or digit of the match
        // never has one beside it.
        let matched = &text[range.range()];
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let beside_a_letter = (word(matched.chars().next())
            && word(text[..range.start].chars().next_back()))
            || (word(matched.chars().next_back()) && word(text[range.end..].chars().next()));
        if self.word_bounded && beside_a_letter {
            return None;
        }
        let observed = context.matched_text().trim();
        if self
            .exceptions
            .as_ref()
            .is_some_and(|exceptions| is_excepted(exceptions, observed, context))
        {
            return None;
        }
        if self.swaps.is_empty() {
            // Vale's message quotes the match as found, spaces around it included.
            let message = format_message(&self.message, &[context.matched_text()]);
            return Some(finding(context, message, None));
        }
        // The wrong form is the one whose group took part in the match, found again where
        // the match starts (its look-ahead needs the text after it).
        let group = self
            .pattern
            .group_at(&context.segment.text, context.text_range.start)?;
        let (right_form, suggestion) = self.swaps.get(group - 1)?;
        if right_form.holds(observed) {
            return None;
        }
        // With `capitalize: true` or `action: replace`, a match in capitals (a sentence's
        // first word) gets its suggestions in capitals, as the fix writes them. (Vale's
        // releases differ on the second: the Microsoft style's tests expect it, the
        // Google style's older tests do not.)
        let capitals = self.capitalize || self.replace_action;
        let suggestion = if capitals && observed.starts_with(char::is_uppercase) {
            suggestion
                .split('|')
                .map(capitalized)
                .collect::<Vec<_>>()
                .join("|")
        } else {
            suggestion.clone()
        };
        let suggestion = &suggestion;
        let message = if self.replace_action {
            // With `action: replace`, the suggestions (`a|b`) are listed as a sentence,
            // each quoted, in place of the quoted `%s`.
            let listed = as_sentence(&suggestion.split('|').collect::<Vec<_>>());
            format_message(&unquote_first(&self.message), &[&listed, observed])
        } else {
            format_message(&self.message, &[suggestion, observed])
        };
        // One suggestion is a fix; several (`a|b`) are the writer's choice.
        let fix =
            (!suggestion.contains('|')).then(|| Fix::new(suggestion.clone(), FixSafety::Unsafe));
        Some(finding(context, message, fix))
    }
}

/// How a substitution's suggestion is recognized in a match that already follows it.
#[derive(Debug)]
pub enum RightForm {
    /// Words alone: the match as written.
    Exact(String),
    /// A pattern the whole match fits.
    Pattern(Pattern),
}

impl RightForm {
    fn holds(&self, observed: &str) -> bool {
        match self {
            RightForm::Exact(right) => right == observed,
            RightForm::Pattern(pattern) => pattern.is_match(observed),
        }
    }
}

/// Whether a match is an exception (an exception is found in it), or lies inside one where
/// it stands ("very" in "very well").
fn is_excepted(exceptions: &Pattern, observed: &str, context: &MatchContext<'_>) -> bool {
    if exceptions.is_match(observed) {
        return true;
    }
    let range = context.text_range;
    let mut inside = false;
    let _ = exceptions.for_each_match(&context.segment.text, |found| {
        inside |= found.start <= range.start && range.end <= found.end;
    });
    inside
}

/// A finding of a match with its own message and fix.
fn finding(context: &MatchContext<'_>, message: String, fix: Option<Fix>) -> Finding {
    context
        .rule
        .finding(context.span, message)
        .in_scope(context.segment.scope_at(context.text_range))
        .with_fix(fix.filter(|_| context.fix_is_safe()))
}

/// A word with its first letter in capitals.
fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Suggestions as Vale lists them: each quoted, the last after "or" ("'a'", "'a' or 'b'",
/// "'a', 'b' or 'c'").
fn as_sentence(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| format!("'{item}'")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// A message whose first quoted `%s` (of two written alike) loses its quotes, so that a
/// listed suggestion is not quoted twice.
fn unquote_first(message: &str) -> String {
    for quoted in ["'%s'", "\"%s\""] {
        if message.matches(quoted).count() == 2 {
            return message.replacen(quoted, "%s", 1);
        }
    }
    message.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_listed_and_quoted_once() {
        assert_eq!(
            as_sentence(&["phone", "mobile phone"]),
            "'phone' or 'mobile phone'"
        );
        assert_eq!(as_sentence(&["a", "b", "c"]), "'a', 'b' or 'c'");
        assert_eq!(
            unquote_first("Use '%s' instead of '%s'."),
            "Use %s instead of '%s'."
        );
        assert_eq!(capitalized("aren't"), "Aren't");
    }
}
