//! `banned`: phrases the brand never uses, such as hype words and clichés. Every occurrence
//! is a finding; there is no fix, because the right replacement depends on what the writer
//! meant.
//!
//! ## Why
//! "World-class" and "synergy" say nothing a reader can check. A style guide bans them so
//! writers say the concrete thing instead.
//!
//! ## Example
//! With `phrases = ["world-class", "synergy"]`, "our world-class support" is flagged at
//! "world-class"; "our support answers in an hour" passes.
//!
//! ## Options
//! - `phrases`: the phrases; each becomes its own rule `banned/<phrase>`. Matching is
//!   case-insensitive, on word boundaries, and any run of white space matches one space.
//! - the common keys: `id`, `severity`, `message` (default `Avoid "{match}"`), `help`, `url`,
//!   `channels`, `scopes` (for example `scopes = ["link"]` for "click here" as link text),
//!   `files`, `examples`.
//!
//! A phrase inside a longer configured phrase or term at the same place is not flagged.

use crate::config::error::ConfigError;
use crate::config::schema::BannedTable;
use crate::config::{Compiler, PhraseRole, RuleDraft};

use super::{Finding, MatchContext, RuleKind};

/// Compiles one `[[banned]]` table into a rule per phrase.
pub fn compile(
    table: &BannedTable,
    origin: usize,
    compiler: &mut Compiler,
) -> Result<(), ConfigError> {
    for phrase in &table.phrases {
        let text = phrase.get_ref().trim();
        if text.is_empty() {
            return Err(compiler.error_at(origin, phrase.span(), "a banned phrase is empty"));
        }
        compiler.add_at(
            origin,
            phrase.span(),
            RuleDraft {
                kind: RuleKind::Banned,
                common: table.common(),
                name: text.to_string(),
                expected: String::new(),
                default_message: "Avoid \"{match}\"",
                phrases: vec![(text.to_string(), PhraseRole::Flag)],
                regex: None,
                requirement: None,
                term: None,
            },
        )?;
    }
    Ok(())
}

/// Every match is a finding, without a fix.
pub fn on_match(context: &MatchContext<'_>) -> Option<Finding> {
    Some(context.finding(None))
}
