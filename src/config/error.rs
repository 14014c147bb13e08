//! Errors in a rules file, as miette reports that point at the offending span of the TOML
//! and suggest the key or value that was probably meant.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;
use std::sync::LazyLock;

use miette::{Diagnostic, NamedSource, SourceSpan};

use crate::printable::{printable, printable_source};
use regex::Regex;

use crate::limits::Exceeded;

/// A rules file that cannot be used: unreadable, not TOML, or not a valid rules file.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{message}")]
pub struct ConfigError {
    /// What is wrong, naming the file.
    pub message: String,
    /// The rules file's text, when it could be read.
    #[source_code]
    pub source_code: Option<Arc<NamedSource<String>>>,
    /// Where in the file.
    #[label("{label}")]
    pub span: Option<SourceSpan>,
    /// What the label under the span says.
    pub label: String,
    /// A suggestion, such as the key that was probably meant.
    #[help]
    pub help: Option<Box<str>>,
    /// The budget the rules file went past, when that is what is wrong with it.
    pub budget: Option<Box<Exceeded>>,
    /// The other errors found in the same run over the rules files, each with its place,
    /// so that one run shows them all.
    #[related]
    pub others: Box<[ConfigError]>,
}

impl ConfigError {
    /// An error with no position (the file could not be read at all).
    pub fn plain(message: impl Into<String>) -> Self {
        Self {
            message: printable(&message.into()).into_owned(),
            source_code: None,
            span: None,
            label: String::new(),
            help: None,
            budget: None,
            others: Box::default(),
        }
    }

    /// An error at a span of a rules file. The file's text is kept as it would print on a
    /// terminal ([`printable_source`]: control characters as `?`, offsets unchanged), and so
    /// are the message and the file's name.
    pub fn at(path: &Path, text: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        let message = printable(&message.into()).into_owned();
        let name = printable(&path.display().to_string()).into_owned();
        Self {
            label: short_label(&message),
            message: format!("{name}: {message}"),
            source_code: Some(Arc::new(NamedSource::new(
                name,
                printable_source(text).into_owned(),
            ))),
            span: Some(SourceSpan::from(span.start..span.end.max(span.start))),
            help: None,
            budget: None,
            others: Box::default(),
        }
    }

    /// The first of `errors` in reading order with the others after it, or `None` when there
    /// are none.
    pub fn all(mut errors: Vec<ConfigError>) -> Option<Self> {
        if errors.is_empty() {
            return None;
        }
        // In reading order: by file, then place.
        errors.sort_by_key(|e| {
            let file = e.source_code.as_ref().map(|s| s.name().to_string());
            (file, e.span.map(|s| s.offset()))
        });
        let mut first = errors.remove(0);
        if !errors.is_empty() {
            first.message = format!(
                "{} (and {} more error{} below)",
                first.message,
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            );
        }
        first.others = errors.into_boxed_slice();
        Some(first)
    }

    /// Marks the error as a budget the rules file went past.
    pub fn with_budget(mut self, exceeded: Exceeded) -> Self {
        self.label = format!("the `{}` budget runs out here", exceeded.budget.key());
        self.budget = Some(Box::new(exceeded));
        self
    }

    /// Adds a suggestion.
    pub fn with_help(mut self, help: Option<String>) -> Self {
        self.help = help.map(String::into_boxed_str);
        self
    }

    /// Turns a TOML or schema error into a report at its span, with a "did you mean" for a
    /// misspelled key or value.
    pub fn from_toml(path: &Path, text: &str, error: &toml::de::Error) -> Self {
        let message = error.message().trim().to_string();
        let span = error.span().unwrap_or(0..0);
        let help = did_you_mean(&message);
        Self::at(path, text, span, message).with_help(help)
    }
}

fn short_label(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message);
    match first.split_once(", expected") {
        Some((head, _)) => head.to_string(),
        None => first.to_string(),
    }
}

/// serde words unknown keys and values as "unknown field `x`, expected one of `a`, `b`"; the
/// closest expected name within a small edit distance is the suggestion.
static UNKNOWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"unknown (field|variant) `([^`]*)`, expected (.*)").expect("valid pattern")
});
static QUOTED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`([^`]*)`").expect("valid"));

fn did_you_mean(message: &str) -> Option<String> {
    let caps = UNKNOWN.captures(message)?;
    let (what, given, expected) = (&caps[1], &caps[2], &caps[3]);
    let candidates: Vec<&str> = QUOTED
        .captures_iter(expected)
        .map(|c| c.get(1).map_or("", |m| m.as_str()))
        .collect();
    let best = closest(given, candidates.iter().copied());
    let noun = if what == "field" { "key" } else { "value" };
    Some(match best {
        Some(name) => format!("did you mean `{name}`?"),
        None => format!("valid {noun}s here: {}", candidates.join(", ")),
    })
}

/// The candidate closest to `given`, if any is close enough to be a typo of it.
pub fn closest<'a>(given: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let given = given.to_lowercase();
    candidates
        .map(|c| {
            // A truncated name ("warn" for "warning") is as likely a slip as a typo.
            let distance = if c.starts_with(given.as_str()) && given.len() >= 3 {
                1
            } else {
                strsim::damerau_levenshtein(&given, c)
            };
            (distance, c)
        })
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_key() {
        let help = did_you_mean("unknown field `naem`, expected `name` or `extends`");
        assert_eq!(help.as_deref(), Some("did you mean `name`?"));
    }

    #[test]
    fn lists_the_choices_when_nothing_is_close() {
        let help =
            did_you_mean("unknown variant `fatal`, expected one of `info`, `warning`, `error`");
        assert_eq!(
            help.as_deref(),
            Some("valid values here: info, warning, error")
        );
    }
}
