//! `prefer`: a preferred wording and the wordings it replaces, such as "sign in" instead of
//! "log in". Each replaced wording is a finding with a fix that keeps the case of the text it
//! replaces.
//!
//! ## Why
//! A product that says "sign in" on one page and "log in" on the next makes readers wonder
//! whether they are two things. One wording, everywhere, is clearer.
//!
//! ## Example
//! With `use = "sign in"` and `instead_of = ["log in"]`, "Log in to continue" is flagged
//! with the fix "Sign in"; "Sign in to continue" passes.
//!
//! ## Options
//! - `use`: the preferred wording. It never trips a shorter configured phrase inside it.
//! - `instead_of`: the wordings to replace.
//! - the common keys: `id` (default `prefer/<use>`), `severity`, `message` (default
//!   `Use "{expected}" instead of "{match}"`), `help`, `url`, `channels`, `scopes`, `files`,
//!   `examples`, `case` (`"exact"`: only the wordings as written) and `exceptions` (phrases
//!   in which a wording means something else, such as "hit rate" for `hit -> click`).

use crate::check::kind::{Kind, Notes};
use crate::check::{Compiler, PhraseRole, RuleDraft};
use crate::config::error::ConfigError;
use crate::config::load::MergedRules;
use crate::config::schema::PreferTable;
use crate::config::schema::RuleSpec;

use super::MatchContext;
use crate::model::{Finding, RuleKind};

/// `[[prefer]]` rules: preferred wordings.
pub struct PreferKind;

impl Kind for PreferKind {
    fn kind(&self) -> RuleKind {
        RuleKind::Prefer
    }

    fn source(&self) -> &'static str {
        include_str!("prefer.rs")
    }

    fn compile(&self, merged: &MergedRules, compiler: &mut Compiler) -> Result<(), ConfigError> {
        compiler.each_table(merged, RuleSpec::prefer, compile)
    }

    fn on_match(&self, context: &MatchContext<'_>, _: &mut Notes) -> Option<Finding> {
        on_match(context)
    }
}

/// Compiles one `[[prefer]]` table.
pub fn compile(
    table: &PreferTable,
    origin: usize,
    compiler: &mut Compiler,
) -> Result<(), ConfigError> {
    let preferred = table.keys.use_.get_ref().trim();
    if preferred.is_empty() {
        return Err(compiler.error_at(origin, table.keys.use_.span(), "`use` is empty"));
    }
    let mut phrases = vec![(preferred.to_string(), PhraseRole::Shadow)];
    for wording in &table.keys.instead_of {
        if wording.get_ref().trim().is_empty() {
            return Err(compiler.error_at(
                origin,
                wording.span(),
                "an `instead_of` wording is empty",
            ));
        }
        phrases.push((wording.get_ref().clone(), PhraseRole::Flag));
    }
    compiler.add_at(
        origin,
        table.keys.use_.span(),
        RuleDraft {
            kind: RuleKind::Prefer,
            common: table.common.clone(),
            name: preferred.to_string(),
            expected: preferred.to_string(),
            default_message: "Use \"{expected}\" instead of \"{match}\"",
            phrases,
            regex: None,
            requirement: None,
            term: None,
        },
    )
}

/// Every match of a replaced wording is a finding, fixed to the preferred wording.
pub fn on_match(context: &MatchContext<'_>) -> Option<Finding> {
    let replacement = match_case(&context.rule.expected, context.matched_text());
    Some(context.finding(Some(replacement)))
}

/// Writes `replacement` in the case pattern of `original`: all capitals stay all capitals,
/// every word capitalized stays so, a leading capital stays a leading capital; anything else
/// takes the replacement as written.
pub fn match_case(replacement: &str, original: &str) -> String {
    let letters = || original.chars().filter(|c| c.is_alphabetic());
    let has_upper = letters().any(char::is_uppercase);
    if has_upper && letters().all(char::is_uppercase) && letters().count() > 1 {
        return replacement.to_uppercase();
    }
    let mut words = original.split_whitespace();
    let title_case = words.clone().count() > 1
        && words.all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if title_case {
        return replacement
            .split(' ')
            .map(capitalize)
            .collect::<Vec<_>>()
            .join(" ");
    }
    if original.chars().next().is_some_and(char::is_uppercase) {
        return capitalize(replacement);
    }
    replacement.to_string()
}

/// The word with its first character in upper case.
pub(crate) fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::match_case;
    use crate::testing::lint::assert_findings;

    #[test]
    fn case_follows_the_replaced_text() {
        assert_eq!(match_case("sign in", "log in"), "sign in");
        assert_eq!(match_case("sign in", "Log in"), "Sign in");
        assert_eq!(match_case("sign in", "LOG IN"), "SIGN IN");
        assert_eq!(match_case("email", "E-mail"), "Email");
        assert_eq!(match_case("use", "Utilize"), "Use");
        assert_eq!(match_case("sign in", "Log In"), "Sign In");
    }

    #[test]
    fn case_exact_replaces_only_the_wordings_as_written() {
        let rules = "[[prefer]]\nuse = \"Sign in\"\ninstead_of = [\"Log In\"]\ncase = \"exact\"\n";
        assert_findings(rules, "Press Log In.\n", &[("prefer/Sign in", "Log In")]);
        assert_findings(rules, "You can log in here.\n", &[]);
    }

    #[test]
    fn an_exception_keeps_a_wording_where_it_means_something_else() {
        let rules = "[[prefer]]\nuse = \"click\"\ninstead_of = [\"hit\"]\n\
                     exceptions = [\"hit rate\", \"big hit\"]\n";
        assert_findings(rules, "The cache hit rate rose.\n", &[]);
        assert_findings(rules, "Hit the button.\n", &[("prefer/click", "Hit")]);
    }
}
