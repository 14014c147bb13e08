//! `suppress`: a suppression comment that does not do what it says.
//! `suppress/unknown-rule` means a `brandlint-disable` comment (any of its forms) names a
//! rule id or kind that the file's rules do not have, so it switches nothing off; the
//! message suggests the closest id. `suppress/unused` means a disable comment switched off
//! no finding at all, and is reported only with `brandlint check --report-unused-disables`:
//! the comment outlived the mistake it excused, and would hide the next one.
//!
//! ## Why
//! A disable comment with a typo ("term/Github" for "term/GitHub") silently suppresses
//! nothing, and the writer believes the finding is excused. A comment that excuses nothing
//! any more is a hole left in the check.
//!
//! ## Example
//! `<!-- brandlint-disable-next-line term/Github -->` in a file whose rules file has the
//! term `GitHub` is `suppress/unknown-rule`: "no rule `term/Github`; did you mean
//! `term/GitHub`?".
//!
//! ## Options
//! None in rules files: `--report-unused-disables` on the command line. These findings come
//! from brandlint itself, and are never suppressed by comments.

use crate::check::kind::Kind;
use crate::model::{Finding, RuleKind, Severity, SourceSpan};

/// `suppress`: suppression comments that name an unknown rule, or excuse nothing.
pub struct SuppressKind;

impl Kind for SuppressKind {
    fn kind(&self) -> RuleKind {
        RuleKind::Suppress
    }

    fn source(&self) -> &'static str {
        include_str!("suppress.rs")
    }
}

/// A comment at `span` naming `name`, which no rule of the file has; `closest` is the rule
/// id or kind it most likely meant.
pub fn unknown_rule(span: SourceSpan, name: &str, closest: Option<&str>) -> Finding {
    let message = match closest {
        Some(closest) => format!("no rule `{name}`; did you mean `{closest}`?"),
        None => format!("no rule `{name}` in this file's rules"),
    };
    Finding::new(
        "suppress/unknown-rule".into(),
        RuleKind::Suppress,
        Severity::Warning,
        span,
        message,
    )
    .with_help("write a rule id as `brandlint rules` lists it, or a kind such as `term`")
}

/// The id of the finding for a disable comment that switched nothing off, which a run
/// reports only with `--report-unused-disables`.
pub const UNUSED: &str = "suppress/unused";

/// A disable comment at `span` that switched no finding off.
pub fn unused(span: SourceSpan) -> Finding {
    Finding::new(
        UNUSED.into(),
        RuleKind::Suppress,
        Severity::Warning,
        span,
        "this comment switches no finding off".to_string(),
    )
    .with_help("remove it, so that it cannot hide a later mistake")
}
