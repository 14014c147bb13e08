//! `term`: visual naming. A brand or product name has one right way to be written; every
//! other casing of it, and every listed variant spelling, is a finding.
//!
//! ## Why
//! "Github", "Javascript" and "Acme cloud" tell readers nobody checked. A name written the
//! same way everywhere is part of how the brand looks.
//!
//! ## Example
//! With `name = "GitHub"` and `variants = ["Git Hub"]`, "We host it on Github" and
//! "the Git Hub app" are flagged with a fix to "GitHub"; "GitHub" itself passes.
//!
//! ## Options
//! - `name`: the name exactly as it must be written. Any case-insensitive match of it that
//!   is not written exactly so is a finding.
//! - `variants`: other spellings to flag (any casing), such as "AcmeCloud" or "Acme-Cloud".
//! - the common keys: `id` (default `term/<name>`), `severity`, `message` (default
//!   `Write "{expected}", not "{match}"`), `help`, `url`, `channels`, `scopes`, `files`,
//!   `examples`.
//!
//! A fix to the exact name is offered where the match holds no markup.

use crate::config::error::ConfigError;
use crate::config::schema::TermTable;
use crate::config::{Compiler, PhraseRole, RuleDraft};

use super::{Finding, MatchContext, RuleKind};

/// Compiles one `[[term]]` table.
pub fn compile(
    table: &TermTable,
    origin: usize,
    compiler: &mut Compiler,
) -> Result<(), ConfigError> {
    let name = table.name.get_ref().trim();
    if name.is_empty() {
        return Err(compiler.error_at(origin, table.name.span(), "a term needs a name"));
    }
    let mut phrases = vec![(name.to_string(), PhraseRole::Flag)];
    phrases.extend(table.variants.iter().map(|v| (v.clone(), PhraseRole::Flag)));
    compiler.add(
        origin,
        RuleDraft {
            kind: RuleKind::Term,
            common: table.common(),
            name: name.to_string(),
            expected: name.to_string(),
            default_message: "Write \"{expected}\", not \"{match}\"",
            phrases,
            regex: None,
            requirement: None,
        },
    )
}

/// A match of the name or a variant is a finding unless written exactly as the name.
pub fn on_match(context: &MatchContext<'_>) -> Option<Finding> {
    let expected = &context.rule.expected;
    (context.matched_text() != expected).then(|| context.finding(Some(expected.clone())))
}
