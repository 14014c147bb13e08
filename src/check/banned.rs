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
//!   `files`, `examples`, `case` (`"exact"`: only the phrase as written) and `exceptions`
//!   (phrases in which a match is fine, such as "master's degree" for "master").
//!
//! A phrase inside a longer configured phrase or term at the same place is not flagged.

use crate::check::kind::{Kind, Notes};
use crate::check::{Compiler, PhraseRole, RuleDraft};
use crate::config::error::ConfigError;
use crate::config::load::MergedRules;
use crate::config::schema::BannedTable;
use crate::config::schema::RuleSpec;

use super::MatchContext;
use crate::model::{Finding, RuleKind};

/// `[[banned]]` rules: phrases the brand never uses.
pub struct BannedKind;

impl Kind for BannedKind {
    fn kind(&self) -> RuleKind {
        RuleKind::Banned
    }

    fn source(&self) -> &'static str {
        include_str!("banned.rs")
    }

    fn compile(&self, merged: &MergedRules, compiler: &mut Compiler) -> Result<(), ConfigError> {
        compiler.each_table(merged, RuleSpec::banned, compile)
    }

    fn on_match(&self, context: &MatchContext<'_>, _: &mut Notes) -> Option<Finding> {
        on_match(context)
    }
}

/// Compiles one `[[banned]]` table into a rule per phrase.
pub fn compile(
    table: &BannedTable,
    origin: usize,
    compiler: &mut Compiler,
) -> Result<(), ConfigError> {
    for phrase in &table.keys.phrases {
        let text = phrase.get_ref().trim();
        if text.is_empty() {
            return Err(compiler.error_at(origin, phrase.span(), "a banned phrase is empty"));
        }
        compiler.add_at(
            origin,
            phrase.span(),
            RuleDraft {
                kind: RuleKind::Banned,
                common: table.common.clone(),
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

#[cfg(test)]
mod tests {
    use crate::testing::lint::{assert_findings, assert_fixed, assert_message, Lint};

    const HYPE: &str = "[[banned]]\nphrases = [\"world-class\", \"synergy\"]\n";

    #[test]
    fn the_documented_example_flags_the_phrase_and_passes_the_concrete_claim() {
        assert_findings(
            HYPE,
            "Our world-class support.\n",
            &[("banned/world-class", "world-class")],
        );
        assert_findings(HYPE, "Our support answers in an hour.\n", &[]);
    }

    #[test]
    fn matching_ignores_case_and_folds_white_space_but_offers_no_fix() {
        let rules = "[[banned]]\nphrases = [\"click here\"]\n";
        let text = "Please Click\n   HERE now.\n";
        assert_findings(rules, text, &[("banned/click here", "Click\n   HERE")]);
        assert_fixed(rules, text, text);
    }

    #[test]
    fn only_whole_words_match() {
        assert_findings(
            HYPE,
            "Synergyzed teams, asynergy, synergy's reach.\n",
            &[("banned/synergy", "synergy")],
        );
    }

    #[test]
    fn the_default_message_quotes_the_match_as_written() {
        assert_message(
            HYPE,
            "A World-Class team.\n",
            "banned/world-class",
            "Avoid \"World-Class\"",
        );
        let custom = "[[banned]]\nphrases = [\"synergy\"]\nmessage = \"Say what {match} means\"\n";
        assert_message(
            custom,
            "Synergy!\n",
            "banned/synergy",
            "Say what Synergy means",
        );
    }

    #[test]
    fn a_phrase_inside_a_longer_phrase_or_term_at_the_same_place_is_not_flagged() {
        let rules = "[[banned]]\nphrases = [\"click\", \"click here\", \"cloud\"]\n\n\
                     [[term]]\nname = \"Acme Cloud\"\n";
        assert_findings(
            rules,
            "Click here for Acme Cloud, or click the cloud.\n",
            &[
                ("banned/click here", "Click here"),
                ("banned/click", "click"),
                ("banned/cloud", "cloud"),
            ],
        );
    }

    #[test]
    fn scopes_and_channels_limit_where_a_phrase_is_flagged() {
        let link_only = "[[banned]]\nphrases = [\"click here\"]\nscopes = [\"link\"]\n";
        assert_findings(
            link_only,
            "To read it, click here: [click here](https://example.com).\n",
            &[("banned/click here", "click here")],
        );
        let email_only = "[[banned]]\nphrases = [\"synergy\"]\nchannels = [\"email\"]\n";
        assert_findings(email_only, "Synergy.\n", &[]);
        Lint::new(email_only)
            .email()
            .assert_findings("<p>Synergy.</p>", &[("banned/synergy", "Synergy")]);
    }

    #[test]
    fn code_and_urls_are_not_prose() {
        assert_findings(
            HYPE,
            "Run `synergy --check` on https://example.com/synergy today.\n",
            &[],
        );
    }

    #[test]
    fn case_exact_flags_only_the_forms_as_written() {
        let rules = "[[banned]]\nphrases = [\"ACME\"]\ncase = \"exact\"\n";
        assert_findings(rules, "Call ACME now.\n", &[("banned/ACME", "ACME")]);
        assert_findings(rules, "The acme of design. Acme works.\n", &[]);
        let any = "[[banned]]\nphrases = [\"ACME\"]\n";
        assert_findings(any, "The acme of design.\n", &[("banned/ACME", "acme")]);
    }

    #[test]
    fn a_match_inside_an_exception_is_fine_and_one_beside_it_is_not() {
        let rules = "[[banned]]\nphrases = [\"master\"]\n\
                     exceptions = [\"master's degree\", \"Master of Arts\"]\n";
        assert_findings(rules, "She holds a master's degree.\n", &[]);
        assert_findings(rules, "A MASTER OF ARTS.\n", &[]);
        assert_findings(
            rules,
            "Push to master, then finish the master's degree.\n",
            &[("banned/master", "master")],
        );
    }

    #[test]
    fn an_exception_of_one_rule_leaves_other_rules_alone() {
        let rules = "[[banned]]\nphrases = [\"master\"]\nexceptions = [\"master key\"]\n\
                     [[banned]]\nphrases = [\"key\"]\n";
        assert_findings(rules, "Use the master key.\n", &[("banned/key", "key")]);
    }
}
