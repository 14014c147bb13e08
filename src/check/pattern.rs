//! `pattern`: a custom regular expression for what phrases cannot say, such as a doubled
//! exclamation mark or a price written without its currency.
//!
//! ## Why
//! Some house rules are shapes rather than words. A pattern encodes them without new code.
//!
//! ## Example
//! With `regex = "!!+"` and `message = "One exclamation mark is enough."`, "Launch day!!!"
//! is flagged at "!!!"; "Launch day!" passes.
//!
//! ## Options
//! - `regex`: Rust regex syntax, which runs in linear time (no look-around or
//!   backreferences). It sees prose as read: markup removed, entities decoded, white space
//!   folded to single spaces; matches that touch a template tag, code or a URL are skipped.
//!   Add `(?i)` for case-insensitive matching.
//! - the common keys: `id` (default `pattern/<regex>`), `severity`, `message` (default
//!   `"{match}" matches {expected}`), `help`, `url`, `channels`, `scopes`, `files`, `examples`.

use crate::config::error::ConfigError;
use crate::config::schema::PatternTable;
use crate::config::{Compiler, RuleDraft};

use super::{Finding, MatchContext, RuleKind};

/// Compiles one `[[pattern]]` table.
pub fn compile(
    table: &PatternTable,
    origin: usize,
    compiler: &mut Compiler,
) -> Result<(), ConfigError> {
    let source = table.regex.get_ref();
    let regex = compiler.regex(origin, &table.regex)?;
    compiler.add_at(
        origin,
        table.regex.span(),
        RuleDraft {
            kind: RuleKind::Pattern,
            common: table.common(),
            name: source.clone(),
            expected: source.clone(),
            default_message: "\"{match}\" matches {expected}",
            phrases: Vec::new(),
            regex: Some(regex),
            requirement: None,
            term: None,
        },
    )
}

/// Every non-empty match is a finding, without a fix.
pub fn on_match(context: &MatchContext<'_>) -> Finding {
    context.finding(None)
}
