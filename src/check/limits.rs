//! `limits`: a run hit one of its budgets, so some findings are not reported.
//! `limits/findings-per-file` means a file had more findings than `findings_per_file`
//! (default 1000): its first ones are reported and this finding, at the file's start, says
//! how many more there were. `limits/findings` means the run had more findings than
//! `findings` (default 50000): the findings after that many, in path order, are not
//! reported, and this finding stands at the start of the file where the budget ran out.
//!
//! ## Why
//! brandlint runs on pull requests that strangers write. A file made of one misspelled name
//! repeated gives millions of findings, and with them gigabytes of reports; the budgets keep
//! a run's memory and output bounded. A run that hits one still writes every report, with
//! the findings that fit, and fails with exit code 2, so a cut report never passes for a
//! clean one.
//!
//! ## Example
//! A 10 MB file of "Github Github Github ..." with a `GitHub` term has 1.4 million
//! findings: the first 1000 are reported, and `limits/findings-per-file` says how many more
//! there are and how to raise the budget.
//!
//! ## Options
//! The budgets, in the rules file's `[limits]` table (`findings_per_file`, `findings`) or
//! with `brandlint check --max-findings-per-file N` and `--max-findings N`, which win;
//! `0` means no limit. These findings come from brandlint itself, not from a rule.

use crate::check::kind::Kind;
use crate::model::{Finding, RuleKind, Severity, SourceSpan};

/// `limits`: findings a run's budgets cut: findings a run makes, with no table in rules files.
pub struct LimitsKind;

impl Kind for LimitsKind {
    fn kind(&self) -> RuleKind {
        RuleKind::Limits
    }

    fn source(&self) -> &'static str {
        include_str!("limits.rs")
    }
}

/// The id of the finding that says a file's findings were cut.
pub const FINDINGS_PER_FILE: &str = "limits/findings-per-file";
/// The id of the finding that says the run's findings were cut.
pub const FINDINGS: &str = "limits/findings";

fn limits_finding(rule: &str, message: String, help: String) -> Finding {
    Finding::new(
        rule.into(),
        RuleKind::Limits,
        Severity::Error,
        SourceSpan::at(0),
        message,
    )
    .with_help(help)
}

/// A file whose findings past the first `limit` are not reported: `more` of them.
pub fn findings_per_file(limit: u64, more: usize) -> Finding {
    limits_finding(
        FINDINGS_PER_FILE,
        format!(
            "{more} more finding{} in this file {} not reported: the budget is {limit} findings per file",
            plural(more),
            if more == 1 { "is" } else { "are" },
        ),
        crate::limits::Budget::FindingsPerFile.how_to_raise(),
    )
}

/// The file where the run's budget of `limit` findings ran out, with `more` of its own
/// findings past it; the files after it report none.
pub fn findings(limit: u64, more: usize) -> Finding {
    limits_finding(
        FINDINGS,
        format!(
            "the run's budget of {limit} findings ran out in this file: {more} more finding{} here, \
             and every finding of the files after it, are not reported",
            plural(more)
        ),
        crate::limits::Budget::Findings.how_to_raise(),
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
