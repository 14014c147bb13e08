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
//!
//! The fix of a wording of several words ("log in", "in order to") is safe: the rules file
//! asked for that exact swap, and a phrase that long means one thing. So is the fix of
//! another spelling of the preferred wording, the same letters once hyphens, spaces and case
//! are set aside ("e-mail" to "email", "open-source" to "open source"). The fix of one word
//! into a different one ("utilize" to "use", "login" to "sign-in") is unsafe, applied only
//! with `--unsafe-fixes`: a single word can be another part of speech or mean something
//! else ("log in with your login"), and the swap would change the sentence. A wording that
//! is its preferred wording again (`use = "sign in"`, `instead_of = ["Sign in"]`: phrases
//! match in any case) would flag every right use, and is an error in the rules file.

use crate::check::kind::{Kind, Notes};
use crate::check::{Compiler, PhraseRole, RuleDraft};
use crate::config::error::ConfigError;
use crate::config::load::MergedRules;
use crate::config::schema::PreferTable;
use crate::config::schema::RuleSpec;

use super::MatchContext;
use crate::matcher::normalize_phrase;
use crate::model::{Finding, Fix, FixSafety, RuleKind};

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
        if normalize_phrase(wording.get_ref()) == normalize_phrase(preferred) {
            return Err(compiler
                .error_at(
                    origin,
                    wording.span(),
                    format!(
                        "`instead_of` holds the preferred wording \"{preferred}\" itself: every right use would be flagged"
                    ),
                )
                .with_help(Some(
                    "wordings match in any case; to enforce how a name is capitalized, write a [[term]] with that name"
                        .into(),
                )));
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
    let matched = context.matched_text();
    let replacement = match_case(&context.rule.expected, matched);
    let safety = safety(matched, &context.rule.expected);
    Some(context.finding(Some(Fix::new(replacement, safety))))
}

/// Whether swapping `matched` for `preferred` keeps the meaning: safe for a wording of
/// several words and for another spelling of the same letters, unsafe for one word swapped
/// for a different one (see the module's page).
fn safety(matched: &str, preferred: &str) -> FixSafety {
    let letters = |text: &str| -> String {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    if matched.contains(char::is_whitespace) || letters(matched) == letters(preferred) {
        FixSafety::Safe
    } else {
        FixSafety::Unsafe
    }
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
    use super::{match_case, safety};
    use crate::model::FixSafety::{Safe, Unsafe};
    use crate::testing::lint::{assert_findings, Lint};

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

    #[test]
    fn a_phrase_or_a_respelling_is_safe_and_one_word_for_another_is_not() {
        assert_eq!(safety("log in", "sign in"), Safe);
        assert_eq!(safety("in  order to", "to"), Safe);
        assert_eq!(safety("E-mail", "email"), Safe);
        assert_eq!(safety("open-source", "open source"), Safe);
        assert_eq!(safety("utilize", "use"), Unsafe);
        assert_eq!(safety("login", "sign-in"), Unsafe);
    }

    const RULES: &str = "[[prefer]]\nuse = \"sign in\"\ninstead_of = [\"log in\"]\n\n\
        [[prefer]]\nuse = \"use\"\ninstead_of = [\"utilize\"]\n";

    #[test]
    fn fix_applies_phrases_and_unsafe_fixes_need_asking() {
        let lint = Lint::new(RULES);
        lint.assert_fixed("Log in to utilize it.", "Sign in to utilize it.");
        assert_eq!(
            lint.fixed_with_unsafe("Log in to utilize it."),
            "Sign in to use it."
        );
    }

    #[test]
    fn a_wording_that_is_its_own_replacement_is_an_error_at_it() {
        let rules = "[[prefer]]\nuse = \"sign in\"\ninstead_of = [\"log in\", \"Sign  In\"]\n";
        let error = crate::check::load_rules_from_str(rules, std::path::Path::new("b.toml"))
            .expect_err("a wording replaced by itself");
        assert!(
            error.message.contains("preferred wording"),
            "{}",
            error.message
        );
        let at = error.span.expect("a place").offset();
        assert_eq!(&rules[at..at + 10], "\"Sign  In\"");
        // A wording that only looks alike is fine.
        Lint::new("[[prefer]]\nuse = \"sign in\"\ninstead_of = [\"sign-in\"]\n")
            .assert_fixed("Sign-in now", "Sign in now");
    }
}
