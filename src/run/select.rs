//! `--select` and `--ignore`: which rules a run reports, as ruff's options and Vale's
//! `--filter` say. A selector is a rule id (`term/GitHub`), a kind (`voice`: every rule of
//! that kind, its own ids included, such as a `[[require]]`'s `sign-off`), or a prefix ending
//! in `*` (`term/Git*`). A finding is reported when no `--select` is given or one matches
//! it, and no `--ignore` matches it. Findings about reading the files and the run's budgets
//! (`io`, `limits`) are always reported: a file left unchecked must never look like a pass.

use crate::model::{Finding, RuleKind};

/// One selector.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Selector {
    /// A rule id, exactly.
    Id(String),
    /// Every rule of a kind.
    Kind(RuleKind),
    /// Every rule id that starts with this.
    Prefix(String),
}

impl Selector {
    /// Reads one selector; a word with no `/` and no `*` must be a kind.
    fn parse(text: &str) -> Result<Self, String> {
        if let Some(prefix) = text.strip_suffix('*') {
            return Ok(Selector::Prefix(prefix.to_string()));
        }
        if let Some(kind) = RuleKind::ALL.iter().find(|k| k.name() == text) {
            return Ok(Selector::Kind(*kind));
        }
        if text.contains('/') {
            return Ok(Selector::Id(text.to_string()));
        }
        let kinds: Vec<&str> = RuleKind::ALL.iter().map(|k| k.name()).collect();
        Err(format!(
            "`{text}` is no kind of rule (kinds: {}); a rule id has a `/` (`term/GitHub`), a \
             prefix ends with `*`",
            kinds.join(", ")
        ))
    }

    fn matches(&self, finding: &Finding) -> bool {
        match self {
            Selector::Id(id) => finding.rule.as_str() == id,
            Selector::Kind(kind) => finding.kind == *kind,
            Selector::Prefix(prefix) => finding.rule.as_str().starts_with(prefix.as_str()),
        }
    }
}

/// The rules a run reports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleSelection {
    select: Vec<Selector>,
    ignore: Vec<Selector>,
}

impl RuleSelection {
    /// The selection of `--select` and `--ignore` values, each a selector or a comma list of
    /// them (empty items skipped).
    pub fn new(select: &[String], ignore: &[String]) -> Result<Self, String> {
        let parse = |values: &[String]| -> Result<Vec<Selector>, String> {
            values
                .iter()
                .flat_map(|value| value.split(','))
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(Selector::parse)
                .collect()
        };
        Ok(RuleSelection {
            select: parse(select)?,
            ignore: parse(ignore)?,
        })
    }

    /// Whether it reports every finding.
    pub fn is_everything(&self) -> bool {
        self.select.is_empty() && self.ignore.is_empty()
    }

    /// Whether it reports `finding`.
    pub fn reports(&self, finding: &Finding) -> bool {
        matches!(finding.kind, RuleKind::Io | RuleKind::Limits)
            || ((self.select.is_empty() || self.select.iter().any(|s| s.matches(finding)))
                && !self.ignore.iter().any(|s| s.matches(finding)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Severity, SourceSpan};

    fn finding(rule: &str, kind: RuleKind) -> Finding {
        Finding::new(
            rule.into(),
            kind,
            Severity::Warning,
            SourceSpan::at(0),
            String::new(),
        )
    }

    #[test]
    fn selectors_are_ids_kinds_and_prefixes_in_comma_lists() {
        let github = finding("term/GitHub", RuleKind::Term);
        let gitlab = finding("term/GitLab", RuleKind::Term);
        let shouting = finding("voice/shouting", RuleKind::Voice);
        let sign_off = finding("sign-off", RuleKind::Require);
        let reported = |select: &[&str], ignore: &[&str]| {
            let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
            let selection = RuleSelection::new(&strings(select), &strings(ignore)).unwrap();
            [&github, &gitlab, &shouting, &sign_off]
                .iter()
                .filter(|f| selection.reports(f))
                .map(|f| f.rule.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(reported(&[], &[]).len(), 4);
        assert_eq!(reported(&["term/GitHub"], &[]), ["term/GitHub"]);
        assert_eq!(reported(&["term"], &["term/GitLab"]), ["term/GitHub"]);
        assert_eq!(
            reported(&["voice, require"], &[]),
            ["voice/shouting", "sign-off"]
        );
        assert_eq!(reported(&[], &["term/Git*", "voice"]), ["sign-off"]);
        assert_eq!(reported(&["term/Gi"], &[]), Vec::<String>::new());
        let selection = RuleSelection::new(&["term".to_string()], &["io".to_string()]).unwrap();
        assert!(selection.reports(&finding("io/read", RuleKind::Io)));
    }

    #[test]
    fn a_word_that_is_no_kind_is_refused() {
        let error = RuleSelection::new(&["terms".to_string()], &[]).unwrap_err();
        assert!(error.contains("`terms` is no kind"), "{error}");
        assert!(error.contains("term, "), "{error}");
    }
}
