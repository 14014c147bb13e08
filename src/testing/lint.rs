//! A per-check test harness: a rules file as TOML and a text in, findings and fixed text out,
//! through the same pipeline as `brandlint check` (read, check, suppress, and `--fix` on
//! standard input), so tests stay true when internals move.
//!
//! ```ignore
//! use crate::testing::lint::{assert_findings, assert_fixed, Lint};
//!
//! assert_findings(RULES, "Github and GitHub", &[("term/GitHub", "Github")]);
//! assert_fixed(RULES, "Github and GitHub", "GitHub and GitHub");
//! Lint::new(RULES).html().assert_no_findings("<p>GitHub</p>");
//! ```
//!
//! Findings are compared as `(rule id, matched text)` pairs, the matched text being the
//! file's bytes at the finding's span (empty for a finding about a place, such as a missing
//! `[[require]]` marker); [`Lint::spans`] and [`Lint::findings`] give more when a test needs
//! positions, messages or fixes.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::check::{load_rules_from_str, CompiledRules};
use crate::fix::Selection;
use crate::lint::{lint_bytes, lint_text, FixMode};
use crate::model::{Finding, SourceSpan};
use crate::read::FileType;

/// Compiled rules and how to read the texts they check: a channel and format, and the path
/// the text is linted as (for `files` globs and overrides).
pub struct Lint {
    rules: CompiledRules,
    file_type: FileType,
    path: PathBuf,
}

impl Lint {
    /// Compiles `rules`, the text of a rules file, for Markdown posts at `post.md`; panics
    /// with the error when they do not compile.
    pub fn new(rules: &str) -> Self {
        let rules = load_rules_from_str(rules, Path::new("brandlint.toml"))
            .unwrap_or_else(|error| panic!("rules do not compile: {error:?}\n{rules}"));
        Self {
            rules,
            file_type: FileType::MARKDOWN,
            path: PathBuf::from("post.md"),
        }
    }

    /// Texts are HTML pages at `page.html`.
    pub fn html(self) -> Self {
        self.read_as(FileType::HTML, "page.html")
    }

    /// Texts are HTML email templates at `email.html`.
    pub fn email(self) -> Self {
        self.read_as(FileType::HTML_EMAIL, "email.html")
    }

    /// Texts are of this channel and format, linted as the file at `path` (relative to the
    /// rules file's folder).
    pub fn read_as(mut self, file_type: FileType, path: &str) -> Self {
        self.file_type = file_type;
        self.path = PathBuf::from(path);
        self
    }

    /// Every finding of `text`, in source order, as `brandlint check` finds them.
    pub fn findings(&self, text: &str) -> Vec<Finding> {
        lint_text(&self.rules, &self.path, self.file_type, text)
    }

    /// Each finding of `text` as its rule id and the text at its span.
    pub fn found(&self, text: &str) -> Vec<(String, String)> {
        self.findings(text)
            .into_iter()
            .map(|f| (f.rule.to_string(), matched(text, f.span).to_string()))
            .collect()
    }

    /// Each finding of `text` as its rule id and the bytes of its span, to compare with
    /// plain ranges.
    pub fn spans(&self, text: &str) -> Vec<(String, Range<usize>)> {
        self.findings(text)
            .into_iter()
            .map(|f| (f.rule.to_string(), f.span.range()))
            .collect()
    }

    /// Asserts that the findings of `text` are exactly `expected`, as (rule id, matched
    /// text) pairs in source order.
    #[track_caller]
    pub fn assert_findings(&self, text: &str, expected: &[(&str, &str)]) {
        let found = self.found(text);
        let found: Vec<(&str, &str)> = found
            .iter()
            .map(|(rule, matched)| (rule.as_str(), matched.as_str()))
            .collect();
        assert_eq!(found, expected, "findings of {text:?}");
    }

    /// Asserts that `text` has no findings.
    #[track_caller]
    pub fn assert_no_findings(&self, text: &str) {
        self.assert_findings(text, &[]);
    }

    /// Asserts that the only finding of rule `rule` in `text` says `message`.
    #[track_caller]
    pub fn assert_message(&self, text: &str, rule: &str, message: &str) {
        let messages: Vec<String> = self
            .findings(text)
            .into_iter()
            .filter(|f| f.rule == rule)
            .map(|f| f.message)
            .collect();
        assert_eq!(messages, [message], "messages of {rule} in {text:?}");
    }

    /// `text` after applying its safe fixes as `--fix` on standard input does: pass after
    /// pass until settled. The text itself when nothing has a safe fix.
    pub fn fixed(&self, text: &str) -> String {
        self.fixed_by(text, Selection::Safe)
    }

    /// `text` after applying its safe and unsafe fixes, as `--fix --unsafe-fixes` does.
    pub fn fixed_with_unsafe(&self, text: &str) -> String {
        self.fixed_by(text, Selection::All)
    }

    fn fixed_by(&self, text: &str, selection: Selection) -> String {
        let report = lint_bytes(
            &self.rules,
            &self.path,
            self.path.display().to_string(),
            self.file_type,
            text.as_bytes().to_vec(),
            FixMode::Return,
            selection,
        );
        report.fixed_text.unwrap_or_else(|| text.to_string())
    }

    /// Asserts that fixing `text` gives `expected`.
    #[track_caller]
    pub fn assert_fixed(&self, text: &str, expected: &str) {
        assert_eq!(self.fixed(text), expected, "fixing {text:?}");
    }
}

/// The bytes of `text` at `span`, or a note that the span is not on character boundaries
/// (which a span never should be).
fn matched(text: &str, span: SourceSpan) -> &str {
    text.get(span.range())
        .unwrap_or("<span off a character boundary>")
}

/// [`Lint::assert_findings`] on a Markdown post.
#[track_caller]
pub fn assert_findings(rules: &str, text: &str, expected: &[(&str, &str)]) {
    Lint::new(rules).assert_findings(text, expected);
}

/// [`Lint::assert_no_findings`] on a Markdown post.
#[track_caller]
pub fn assert_no_findings(rules: &str, text: &str) {
    Lint::new(rules).assert_no_findings(text);
}

/// [`Lint::assert_fixed`] on a Markdown post.
#[track_caller]
pub fn assert_fixed(rules: &str, text: &str, expected: &str) {
    Lint::new(rules).assert_fixed(text, expected);
}

/// [`Lint::assert_message`] on a Markdown post.
#[track_caller]
pub fn assert_message(rules: &str, text: &str, rule: &str, message: &str) {
    Lint::new(rules).assert_message(text, rule, message);
}

#[cfg(test)]
mod tests {
    use super::*;

    const GITHUB: &str = "[[term]]\nname = \"GitHub\"\n";

    #[test]
    fn findings_are_rule_ids_and_the_bytes_they_matched_in_order() {
        assert_findings(
            GITHUB,
            "Github, then GitHub, then github.",
            &[("term/GitHub", "Github"), ("term/GitHub", "github")],
        );
        assert_no_findings(GITHUB, "Only GitHub here.");
    }

    #[test]
    fn a_message_is_that_of_the_one_finding_of_its_rule() {
        let rules = "[[banned]]\nphrases = [\"synergy\"]\nmessage = \"No {match}\"\n";
        assert_message(rules, "Pure Synergy.", "banned/synergy", "No Synergy");
    }

    #[test]
    fn fixing_applies_safe_fixes_and_leaves_a_clean_text_as_it_is() {
        assert_fixed(GITHUB, "Use Github.\n", "Use GitHub.\n");
        assert_fixed(GITHUB, "Use GitHub.\n", "Use GitHub.\n");
    }

    #[test]
    fn suppression_comments_apply_as_in_a_run() {
        assert_no_findings(
            GITHUB,
            "<!-- brandlint-disable-next-line term/GitHub -->\nUse Github.\n",
        );
    }

    #[test]
    fn html_and_email_texts_are_read_as_their_format() {
        let lint = Lint::new(GITHUB).html();
        lint.assert_findings(
            "<p class=\"Github\">Github</p>",
            &[("term/GitHub", "Github")],
        );
        assert_eq!(
            lint.spans("<p>Github</p>"),
            [("term/GitHub".to_string(), 3..9)]
        );
        Lint::new("[[term]]\nname = \"GitHub\"\nchannels = [\"email\"]\n")
            .email()
            .assert_findings("<p>Github</p>", &[("term/GitHub", "Github")]);
    }
}
