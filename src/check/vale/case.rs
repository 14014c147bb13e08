//! `capitalization` rules: a segment in the rule's scope (a heading, as a rule), whole, in
//! the case `match` names: `$sentence`, `$lower`, `$upper`, or a regular expression it must
//! match. `$title` (AP and Chicago title case) is not run yet.

use crate::config::vale::style::Definition;
use crate::matcher::pattern::Pattern;

/// The case a capitalization rule wants.
#[derive(Debug)]
enum Case {
    /// Sentence case, judged word by word as Vale does.
    Sentence,
    /// Every letter in lower case.
    Lower,
    /// Every letter in upper case.
    Upper,
    /// A pattern the text must match.
    Pattern(Pattern),
}

/// What a capitalization rule needs.
#[derive(Debug)]
pub struct CaseRule {
    /// The message, with `%s` for the text.
    pub message: String,
    case: Case,
    exceptions: Option<Pattern>,
    /// Words after which the next may be in capitals (a colon).
    indicators: Vec<String>,
    /// The share of words that must follow the case (default 0.8).
    threshold: f64,
}

impl CaseRule {
    /// The rule of a definition, or `None` for a case not run yet (`$title`, or a pattern
    /// that does not compile).
    pub fn new(definition: &Definition, exceptions: Option<Pattern>) -> Option<CaseRule> {
        let case = match definition.case_match.as_str() {
            "$sentence" => Case::Sentence,
            "$lower" => Case::Lower,
            "$upper" => Case::Upper,
            "$title" => return None,
            pattern => Case::Pattern(match regex::Regex::new(pattern) {
                Ok(regex) => Pattern::Linear(regex),
                Err(_) => Pattern::backtracking(pattern).ok()?,
            }),
        };
        Some(CaseRule {
            message: definition.message.clone(),
            case,
            exceptions,
            indicators: definition.indicators.clone(),
            threshold: definition
                .threshold
                .filter(|&threshold| threshold > 0.0)
                .unwrap_or(0.8),
        })
    }

    /// Whether `text` is in the rule's case.
    pub fn holds(&self, text: &str) -> bool {
        let excepted = |word: &str| self.exceptions.as_ref().is_some_and(|e| e.is_match(word));
        match &self.case {
            Case::Sentence => self.is_sentence_case(text),
            Case::Lower => text == text.to_lowercase() || excepted(text),
            Case::Upper => text == text.to_uppercase() || excepted(text),
            Case::Pattern(pattern) => pattern.is_match(text) || excepted(text),
        }
    }

    /// Vale's sentence case: the first word capitalized, the others in lower case unless in
    /// capitals (an acronym), an exception, or after an indicator; enough of them by the
    /// threshold. An exception may span words, so the text is split by the exceptions first.
    fn is_sentence_case(&self, text: &str) -> bool {
        let text = text.trim_end_matches(['?', '!', '.', ':']);
        let tokens = self.tokens(text);
        let (mut count, mut words) = (0.0, 0.0);
        for (i, token) in tokens.iter().enumerate() {
            let previous = if i == 0 { "" } else { tokens[i - 1] };
            // "Top-level", "Client's": the part before the hyphen or apostrophe decides.
            let word = token.split(['-', '\'', '\u{2019}']).next().unwrap_or(token);
            let excepted = self.exceptions.as_ref().is_some_and(|e| e.is_match(token));
            let after_indicator = self
                .indicators
                .iter()
                .any(|i| previous.ends_with(i.as_str()));
            if word == word.to_uppercase() || after_indicator || excepted {
                count += 1.0;
            } else if i == 0 && word != title_case(word) {
                return false;
            } else if i == 0 || word == word.to_lowercase() {
                count += 1.0;
            }
            words += 1.0;
        }
        words == 0.0 || count / words >= self.threshold
    }

    /// The words of a text as Vale's sentence case reads them: runs of letters, digits and
    /// `*` with what follows up to white space; an exception is one token.
    fn tokens<'t>(&self, text: &'t str) -> Vec<&'t str> {
        let mut tokens = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let rest = &text[at..];
            let Some(start) = rest.find(|c: char| c.is_alphanumeric() || c == '*') else {
                break;
            };
            let from = at + start;
            let excepted_end = self.exceptions.as_ref().and_then(|exceptions| {
                let mut end = None;
                let _ = exceptions.for_each_match(&text[from..], |range| {
                    if range.start == 0 && end.is_none() {
                        end = Some(from + range.end);
                    }
                });
                end.filter(|&end| end > from)
            });
            let end = excepted_end.unwrap_or_else(|| {
                from + text[from..]
                    .find(char::is_whitespace)
                    .unwrap_or(text.len() - from)
            });
            tokens.push(&text[from..end]);
            at = end;
        }
        tokens
    }
}

/// A word with its first letter in capitals and the rest in lower case.
fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_rule(exceptions: &[&str]) -> CaseRule {
        let definition = Definition {
            case_match: "$sentence".into(),
            indicators: vec![":".into()],
            ..Definition::default()
        };
        let pattern = (!exceptions.is_empty()).then(|| {
            Pattern::Linear(
                regex::Regex::new(&format!(r"\b(?:{})\b", exceptions.join("|"))).expect("compiles"),
            )
        });
        CaseRule::new(&definition, pattern).expect("sentence case runs")
    }

    #[test]
    fn sentence_case_as_vale_judges_it() {
        let rule = sentence_rule(&["JSON", "Azure DevOps"]);
        assert!(rule.holds("Accepting a JSON response in Azure DevOps"));
        assert!(rule.holds("Test: Modern documentation"));
        assert!(!rule.holds("This is a Heading"));
        assert!(!rule.holds("this is lower"));
        assert!(rule.holds("Top-level items"));
    }
}
