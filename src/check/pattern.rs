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
//!   Add `(?i)`, or set `case = "any"`, for case-insensitive matching.
//! - the common keys: `id` (default `pattern/<regex>`), `severity`, `message` (default
//!   `"{match}" matches {expected}`), `help`, `url`, `channels`, `scopes`, `files`, `examples`,
//!   `case` and `exceptions` (phrases in which a match is fine).

use crate::check::kind::{Kind, Notes};
use crate::check::{Compiler, RuleDraft};
use crate::config::error::ConfigError;
use crate::config::load::MergedRules;
use crate::config::schema::PatternTable;
use crate::config::schema::RuleSpec;
use crate::config::table::CasePolicy;

use super::MatchContext;
use crate::model::{Finding, RuleKind};

/// `[[pattern]]` rules: custom regular expressions.
pub struct PatternKind;

impl Kind for PatternKind {
    fn kind(&self) -> RuleKind {
        RuleKind::Pattern
    }

    fn source(&self) -> &'static str {
        include_str!("pattern.rs")
    }

    fn compile(&self, merged: &MergedRules, compiler: &mut Compiler) -> Result<(), ConfigError> {
        compiler.each_table(merged, RuleSpec::pattern, compile)
    }

    fn on_match(&self, context: &MatchContext<'_>, _: &mut Notes) -> Option<Finding> {
        Some(on_match(context))
    }
}

/// Compiles one `[[pattern]]` table.
pub fn compile(
    table: &PatternTable,
    origin: usize,
    compiler: &mut Compiler,
) -> Result<(), ConfigError> {
    let source = table.keys.regex.get_ref();
    // A regex says its own case unless `case = "any"` asks for every casing.
    let any_case = table.common.case == Some(CasePolicy::Any);
    let regex = compiler.regex_with_case(origin, &table.keys.regex, any_case)?;
    compiler.add_at(
        origin,
        table.keys.regex.span(),
        RuleDraft {
            kind: RuleKind::Pattern,
            common: table.common.clone(),
            name: source.clone(),
            expected: source.clone(),
            default_message: "\"{match}\" matches {expected}",
            phrases: Vec::new(),
            regex: Some(crate::matcher::pattern::Pattern::Linear(regex)),
            requirement: None,
            term: None,
        },
    )
}

/// Every non-empty match is a finding, without a fix.
pub fn on_match(context: &MatchContext<'_>) -> Finding {
    context.finding(None)
}

#[cfg(test)]
mod tests {
    use crate::testing::lint::{assert_findings, assert_fixed, assert_message, Lint};

    const BANGS: &str =
        "[[pattern]]\nregex = \"!!+\"\nmessage = \"One exclamation mark is enough.\"\n";

    #[test]
    fn the_documented_example_flags_the_run_of_marks_with_its_message() {
        assert_findings(BANGS, "Launch day!!!\n", &[("pattern/!!+", "!!!")]);
        assert_message(
            BANGS,
            "Launch day!!!\n",
            "pattern/!!+",
            "One exclamation mark is enough.",
        );
        assert_findings(BANGS, "Launch day!\n", &[]);
        assert_fixed(BANGS, "Launch day!!!\n", "Launch day!!!\n");
    }

    #[test]
    fn the_default_message_names_the_match_and_the_regex() {
        assert_message(
            "[[pattern]]\nregex = \"[0-9]+ ?USD\"\n",
            "It costs 10 USD.\n",
            "pattern/[0-9]+ ?USD",
            "\"10 USD\" matches [0-9]+ ?USD",
        );
    }

    #[test]
    fn case_counts_unless_the_regex_says_otherwise() {
        let exact = "[[pattern]]\nregex = \"acme\"\nid = \"lowercase-acme\"\n";
        assert_findings(exact, "ACME and acme.\n", &[("lowercase-acme", "acme")]);
        let any = "[[pattern]]\nregex = \"(?i)acme\"\nid = \"any-acme\"\n";
        assert_findings(
            any,
            "ACME and acme.\n",
            &[("any-acme", "ACME"), ("any-acme", "acme")],
        );
    }

    #[test]
    fn the_regex_sees_prose_as_read_and_the_span_covers_the_source_bytes() {
        let rules = "[[pattern]]\nregex = \"day launch\"\n";
        assert_findings(
            rules,
            "Our day\n  launch.\n",
            &[("pattern/day launch", "day\n  launch")],
        );
        Lint::new("[[pattern]]\nregex = \"day!!\"\n")
            .html()
            .assert_findings(
                "<p>Launch <b>day</b>&#33;&#33;</p>",
                &[("pattern/day!!", "day</b>&#33;&#33;")],
            );
    }

    #[test]
    fn matches_touching_code_urls_or_template_tags_are_skipped() {
        let rules = "[[pattern]]\nregex = \"price \\\\S+\"\n";
        assert_findings(
            rules,
            "The price `PRICE`, the price {{ price }}, the price 10.\n",
            &[("pattern/price \\S+", "price 10.")],
        );
    }

    #[test]
    fn empty_matches_are_never_findings() {
        let rules = "[[pattern]]\nregex = \"x*\"\n";
        assert_findings(rules, "abc axxb\n", &[("pattern/x*", "xx")]);
    }

    #[test]
    fn a_regex_says_its_own_case_unless_case_is_any() {
        let as_written = "[[pattern]]\nregex = \"acme\\\\d\"\n";
        assert_findings(
            as_written,
            "acme1 and Acme2.\n",
            &[("pattern/acme\\d", "acme1")],
        );
        let any = "[[pattern]]\nregex = \"acme\\\\d\"\ncase = \"any\"\n";
        assert_findings(
            any,
            "acme1 and Acme2.\n",
            &[("pattern/acme\\d", "acme1"), ("pattern/acme\\d", "Acme2")],
        );
    }

    #[test]
    fn a_match_inside_an_exception_is_fine() {
        let rules = "[[pattern]]\nregex = \"!{2,}\"\nexceptions = [\"Yahoo!!\"]\n";
        assert_findings(rules, "Yahoo!! is a name.\n", &[]);
        assert_findings(rules, "Wow!! Yahoo!!\n", &[("pattern/!{2,}", "!!")]);
    }
}
