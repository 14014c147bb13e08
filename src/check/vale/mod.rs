//! `vale`: the rules of a Vale style, run as Vale runs them, from a `.vale.ini` given with
//! `--rules` or found beside the content. Each rule keeps Vale's id (`Microsoft.Terms`), its
//! message and its level, so suppressions, filters and Vale's output formats carry over.
//!
//! ## Why
//! Many teams already keep their style as a Vale style, or use a published one (Microsoft,
//! Google, Red Hat). Running it unchanged means switching costs nothing, and the style gains
//! brandlint's exact spans, email templates and fixes.
//!
//! ## Example
//! With a `.vale.ini` of `StylesPath = styles` and `[*.md]` `BasedOnStyles = Acme`, and
//! `styles/Acme/Words.yml` holding `extends: substitution`, `message: "Use '%s' instead of
//! '%s'."` and `swap: {utilize: use}`, "We utilize it." is flagged at "utilize" as
//! `Acme.Words`: "Use 'use' instead of 'utilize'.", with the fix "use".
//!
//! ## Options
//! The configuration file's keys: `StylesPath` (default `styles`, inside the repository
//! unless `--allow-outside`), `MinAlertLevel` (alerts below it are not shown), and glob
//! sections with `BasedOnStyles`, `Style.Rule = YES|NO|suggestion|warning|error` and
//! `Style = NO`. Keys Vale has and brandlint does not apply yet are named once in each run.
//!
//! Rule types run: `existence` (`tokens`, `raw`, `append`, `nonword`, `ignorecase`,
//! `exceptions`), `substitution` (`swap`, `nonword`, `ignorecase`, `exceptions`,
//! `capitalize`, `action: replace`), `capitalization` (`$sentence`, `$lower`, `$upper` or a
//! pattern, with `exceptions`, `indicators`, `threshold`), `conditional` (`first`,
//! `second`, `exceptions`), `occurrence` (`token`, `max`, `min`) and `repetition`
//! (`tokens`, `max`, `alpha`, `ignorecase`, `exceptions`), with `message` (`%s` is the match; in a substitution the
//! suggestion, then the match), `level` (`suggestion` is brandlint's `info`), `link`,
//! `description` and `scope` (`heading`, `list`, `table`, `blockquote`; others look at all
//! prose). Patterns are Vale's: each token a regular expression between word boundaries
//! unless `nonword`; look-around and backreferences run on a backtracking engine with a
//! step limit. The other rule types are not run yet: each run says how many rules it leaves
//! out and which.

use std::collections::HashMap;

use crate::check::kind::{DocumentContext, Kind, Notes};
use crate::check::{Compiler, RuleDraft};
use crate::config::error::ConfigError;
use crate::config::load::MergedRules;
use crate::config::table::Common;
use crate::config::vale::ini::{Level, Switch, ValeIni};
use crate::config::vale::style::{RuleType, StyleRule};
use crate::matcher::pattern::Pattern;
use crate::model::{Finding, RuleKind, Scope, Severity};

use super::MatchContext;

mod case;
mod conditional;
mod document;
mod matches;
mod occurrence;
mod repetition;

/// The rules of a Vale configuration.
pub struct ValeKind;

impl Kind for ValeKind {
    fn kind(&self) -> RuleKind {
        RuleKind::Vale
    }

    fn source(&self) -> &'static str {
        include_str!("mod.rs")
    }

    fn compile(&self, merged: &MergedRules, compiler: &mut Compiler) -> Result<(), ConfigError> {
        compile(merged, compiler)
    }

    fn on_match(&self, context: &MatchContext<'_>, _: &mut Notes) -> Option<Finding> {
        match context.rules.vale.get(context.rule.id.as_str())? {
            ValeMatcher::Match(rule) => rule.judge(context),
            _ => None,
        }
    }

    fn check_document(&self, context: &DocumentContext<'_>, findings: &mut Vec<Finding>) {
        document::check(context, findings);
    }
}

/// What a compiled Vale rule needs beyond its [`Rule`](crate::check::Rule): how it judges
/// a match, or the document.
#[derive(Debug)]
pub enum ValeMatcher {
    /// `existence` and `substitution`: each match of the rule's pattern, judged.
    Match(matches::MatchRule),
    /// `capitalization`: each segment in the rule's scope, as a whole.
    Case(case::CaseRule),
    /// `conditional`: a document's uses against its definitions.
    Conditional(conditional::ConditionalRule),
    /// `occurrence`: how often a token stands in each sentence or paragraph.
    Occurrence(occurrence::OccurrenceRule),
    /// `repetition`: a token twice in a row.
    Repetition(repetition::RepetitionRule),
}

/// Vale's message formatting: each `%s` in turn takes the next argument.
fn format_message(template: &str, arguments: &[&str]) -> String {
    let mut message = String::with_capacity(template.len());
    let mut arguments = arguments.iter();
    let mut rest = template;
    while let Some(at) = rest.find("%s") {
        message.push_str(&rest[..at]);
        message.push_str(arguments.next().copied().unwrap_or_default());
        rest = &rest[at + 2..];
    }
    message.push_str(rest);
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The ids of Vale's built-in rules begin so.
const BUILT_IN_PREFIX: &str = "Vale.";

/// Vale's template around tokens that are words.
const WORD_TEMPLATE: &str = r"(?m)\b(?:%s)\b";
/// The same for tokens the linear engine searches: ASCII boundaries keep it on its fast
/// path over text beyond ASCII, and a match is then held to Unicode's boundaries when
/// judged ("my" in "Rémy" is none). (The backtracking engine has no ASCII boundaries.)
const ASCII_WORD_TEMPLATE: &str = r"(?m)(?-u:\b)(?:%s)(?-u:\b)";

/// The word template for some tokens.
fn word_template(tokens: &[&str]) -> &'static str {
    if tokens
        .iter()
        .any(|token| crate::matcher::pattern::needs_backtracking(token))
    {
        WORD_TEMPLATE
    } else {
        ASCII_WORD_TEMPLATE
    }
}
/// Vale's template around tokens that are not (`nonword`).
const NONWORD_TEMPLATE: &str = "(?m)(?:%s)";

/// Compiles the rules of the Vale configuration, if the rules file is one.
fn compile(merged: &MergedRules, compiler: &mut Compiler) -> Result<(), ConfigError> {
    let Some(vale) = &merged.vale else {
        return Ok(());
    };
    let mut not_run: Vec<String> = Vec::new();
    for located in &vale.rules {
        let rule = &located.value;
        let Some((globs, level)) = enabled(&vale.ini, rule) else {
            continue;
        };
        if level < vale.ini.min_alert_level {
            continue;
        }
        let definition = &rule.definition;
        let Some((regex, matcher, expected)) =
            compile_rule(rule, located.origin, &vale.accept, compiler)?
        else {
            not_run.push(format!("{} ({})", rule.id, rule.rule_type.name()));
            continue;
        };
        let spanned = |value: String| toml::Spanned::new(0..0, value);
        let common = Common {
            id: Some(rule.id.clone()),
            severity: Some(severity(level)),
            message: Some(definition.message.clone()),
            help: (!definition.description.is_empty()).then(|| definition.description.clone()),
            url: (!definition.link.is_empty()).then(|| definition.link.clone()),
            scopes: scopes(&definition.scope.values()),
            files: Some(globs.into_iter().map(spanned).collect()),
            ..Common::default()
        };
        compiler.next_table();
        compiler.vale_matcher(rule.id.clone(), matcher);
        compiler.add(
            located.origin,
            RuleDraft {
                kind: RuleKind::Vale,
                common,
                name: rule.id.clone(),
                expected,
                default_message: "",
                phrases: Vec::new(),
                regex,
                requirement: None,
                term: None,
            },
        )?;
    }
    let not_applied = not_applied(&vale.ini);
    if !not_applied.is_empty() {
        compiler.notice(format!(
            "the Vale settings {} are not applied yet",
            not_applied.join(", ")
        ));
    }
    if !vale.missing_vocabularies.is_empty() {
        compiler.notice(format!(
            "the vocabularies {} are not under StylesPath/config/vocabularies",
            vale.missing_vocabularies.join(", ")
        ));
    }
    if !vale.missing_styles.is_empty() {
        compiler.notice(format!(
            "the Vale styles {} are not under StylesPath (packages are not fetched): their \
             rules are not run",
            vale.missing_styles.join(", ")
        ));
    }
    if !not_run.is_empty() {
        let count = match not_run.len() {
            1 => "1 Vale rule is".to_string(),
            n => format!("{n} Vale rules are"),
        };
        compiler.notice(format!("{count} not run yet: {}", not_run.join(", ")));
    }
    Ok(())
}

/// A rule's pattern (for the rules judged match by match), its matcher and what it
/// expects, or `None` for a type not run yet.
fn compile_rule(
    rule: &StyleRule,
    origin: usize,
    accepted: &[String],
    compiler: &mut Compiler,
) -> Result<Option<(Option<Pattern>, ValeMatcher, String)>, ConfigError> {
    let definition = &rule.definition;
    let mut pattern = |source: String| compiler.pattern(origin, &toml::Spanned::new(0..0, source));
    // The vocabularies' accepted words are exceptions to the rules that read words (unless
    // `vocab: false`), as in Vale; Vale's built-in rules are made of them.
    let reads_words = match rule.rule_type {
        RuleType::Existence => !definition.nonword,
        RuleType::Substitution | RuleType::Repetition | RuleType::Conditional => true,
        _ => false,
    };
    let vocabulary =
        reads_words && definition.vocab != Some(false) && !rule.id.starts_with(BUILT_IN_PREFIX);
    let mut excepted = definition.exceptions.clone();
    if vocabulary {
        excepted.extend(accepted.iter().cloned());
    }
    let exceptions = exception_pattern(&excepted, definition.ignorecase)
        .map(&mut pattern)
        .transpose()?;
    Ok(Some(match rule.rule_type {
        RuleType::Existence | RuleType::Substitution => {
            // The alternatives that need backtracking are searched apart, so that the rest
            // stay linear: one look-ahead would otherwise slow every alternative.
            let needs =
                |alternative: &str| crate::matcher::pattern::needs_backtracking(alternative);
            let (alternatives, swaps_written): (Vec<String>, Vec<&String>) =
                if rule.rule_type == RuleType::Existence {
                    (split_tokens(&definition.tokens, needs), Vec::new())
                } else {
                    let mut keys: Vec<(&String, &String)> = definition.swap.iter().collect();
                    keys.sort_by_key(|(wrong, _)| needs(wrong));
                    let (wrong, right): (Vec<_>, Vec<_>) = keys.into_iter().unzip();
                    (wrong.into_iter().cloned().collect(), right)
                };
            // A match already in its suggested form is fine: a suggestion of words alone is
            // compared as written, any other as a pattern of the whole match (in the rule's
            // case), as Vale compares them.
            let mut swaps = Vec::new();
            let case = if definition.ignorecase { "(?i)" } else { "" };
            for right in swaps_written {
                let whole = format!("{case}^(?:{right})$");
                let right_form = if is_phrase(right) {
                    matches::RightForm::Exact(right.clone())
                } else {
                    match regex::Regex::new(&whole) {
                        Ok(regex) => matches::RightForm::Pattern(Pattern::Linear(regex)),
                        Err(_) => match Pattern::backtracking(&whole) {
                            Ok(pattern) => matches::RightForm::Pattern(pattern),
                            Err(_) => matches::RightForm::Exact(right.clone()),
                        },
                    }
                };
                swaps.push((right_form, right.clone()));
            }
            let (linear, backtracking): (Vec<&String>, Vec<&String>) = alternatives
                .iter()
                .partition(|alternative| !needs(alternative));
            let source_of = |part: &[&String]| -> String {
                let part: Vec<&str> = part.iter().map(|s| s.as_str()).collect();
                if rule.rule_type == RuleType::Existence {
                    existence_pattern(rule, &part)
                } else {
                    substitution_pattern(rule, &part)
                }
            };
            let regex =
                if linear.is_empty() || backtracking.is_empty() || !definition.raw.is_empty() {
                    pattern(source_of(&alternatives.iter().collect::<Vec<_>>()))?
                } else {
                    let groups = if rule.rule_type == RuleType::Substitution {
                        linear.len()
                    } else {
                        0
                    };
                    Pattern::Either {
                        first: Box::new(pattern(source_of(&linear))?),
                        first_groups: groups,
                        second: Box::new(pattern(source_of(&backtracking))?),
                    }
                };
            let source = source_of(&alternatives.iter().collect::<Vec<_>>());
            let matcher = ValeMatcher::Match(matches::MatchRule {
                message: definition.message.clone(),
                exceptions,
                pattern: regex.clone(),
                swaps,
                replace_action: definition.action.name == "replace"
                    && definition.action.params.is_empty(),
                capitalize: definition.capitalize,
                word_bounded: !definition.nonword && definition.raw.is_empty(),
            });
            (Some(regex), matcher, source)
        }
        RuleType::Capitalization => {
            let Some(case) = case::CaseRule::new(definition, exceptions) else {
                return Ok(None);
            };
            (None, ValeMatcher::Case(case), definition.case_match.clone())
        }
        RuleType::Conditional => {
            let first = pattern(with_case(&definition.first, definition.ignorecase))?;
            let second = pattern(with_case(&definition.second, definition.ignorecase))?;
            let matcher = ValeMatcher::Conditional(conditional::ConditionalRule {
                message: definition.message.clone(),
                first,
                second,
                exceptions,
            });
            (None, matcher, definition.second.clone())
        }
        RuleType::Occurrence => {
            let case = if definition.ignorecase { "(?i)" } else { "" };
            let token = pattern(format!("{case}(?:{})", definition.token))?;
            let per_sentence = definition.scope.values().contains(&"sentence");
            let matcher = ValeMatcher::Occurrence(occurrence::OccurrenceRule {
                message: definition.message.clone(),
                token,
                max: definition.max,
                min: definition.min,
                per_sentence,
            });
            (None, matcher, definition.token.clone())
        }
        RuleType::Repetition => {
            let case = if definition.ignorecase { "(?i)" } else { "" };
            let tokens = pattern(format!("{case}({})", definition.tokens.join("|")))?;
            let matcher = ValeMatcher::Repetition(repetition::RepetitionRule {
                message: definition.message.clone(),
                tokens,
                max: definition.max.unwrap_or(0),
                ignorecase: definition.ignorecase,
                alpha: definition.alpha,
                exceptions,
            });
            (None, matcher, definition.tokens.join("|"))
        }
        _ => return Ok(None),
    }))
}

/// The settings of a configuration that brandlint reads and does not apply yet, each named
/// once, in the order of the file.
fn not_applied(ini: &ValeIni) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut add = |name: &str| {
        if !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    };
    if !ini.packages.is_empty() {
        add("Packages");
    }
    if !ini.formats.is_empty() {
        add("[formats]");
    }
    for section in &ini.sections {
        if !section.block_ignores.is_empty() {
            add("BlockIgnores");
        }
        if !section.token_ignores.is_empty() {
            add("TokenIgnores");
        }
    }
    for (key, _) in &ini.not_applied {
        add(key);
    }
    names
}

/// The globs of the sections a rule is on in, and its level there (the last section that
/// sets one wins): on when a section is based on its style, or switches it on, and no later
/// key of that section switches it or its style off.
fn enabled(ini: &ValeIni, rule: &StyleRule) -> Option<(Vec<String>, Level)> {
    let style = rule.id.split('.').next().unwrap_or_default();
    let mut globs = Vec::new();
    let mut level = rule.level;
    for section in &ini.sections {
        let mut on = section.based_on_styles.iter().any(|s| s == style);
        for (key, switch) in &section.switches {
            if key != style && key != &rule.id {
                continue;
            }
            match switch {
                Switch::Off => on = false,
                Switch::On => on = true,
                Switch::At(at) => {
                    on = true;
                    level = *at;
                }
            }
        }
        if on {
            globs.push(section.glob.clone());
        }
    }
    (!globs.is_empty()).then_some((globs, level))
}

/// An `existence` rule's tokens that are not blank, those that need backtracking last.
fn split_tokens(tokens: &[String], needs: impl Fn(&str) -> bool) -> Vec<String> {
    let mut kept: Vec<String> = tokens
        .iter()
        .filter(|t| !t.trim().is_empty())
        .cloned()
        .collect();
    kept.sort_by_key(|token| needs(token));
    kept
}

/// An `existence` rule's pattern over `tokens`, as Vale builds it.
fn existence_pattern(rule: &StyleRule, tokens: &[&str]) -> String {
    let definition = &rule.definition;
    let word = !definition.nonword && !tokens.is_empty();
    let template = if word {
        word_template(tokens)
    } else {
        NONWORD_TEMPLATE
    };
    let raw = definition.raw.concat();
    let around = template.replace("%s", &tokens.join("|"));
    let pattern = if definition.append {
        format!("{around}{raw}")
    } else {
        format!("{raw}{around}")
    };
    with_case(&pattern, definition.ignorecase)
}

/// A `substitution` rule's pattern over wrong forms, a capture group each.
fn substitution_pattern(rule: &StyleRule, wrong: &[&str]) -> String {
    let definition = &rule.definition;
    let template = if definition.nonword {
        NONWORD_TEMPLATE
    } else {
        word_template(wrong)
    };
    let wrong: Vec<String> = wrong.iter().map(|k| format!("({k})")).collect();
    with_case(
        &template.replace("%s", &wrong.join("|")),
        definition.ignorecase,
    )
}

/// Whether a suggestion is words alone (letters and spaces), compared as written.
fn is_phrase(text: &str) -> bool {
    text.chars().all(|c| c.is_alphabetic() || c == ' ')
}

/// Exceptions as Vale matches them: any of them, longest first, between word boundaries.
fn exception_pattern(exceptions: &[String], ignorecase: bool) -> Option<String> {
    if exceptions.is_empty() {
        return None;
    }
    let mut sorted: Vec<&str> = exceptions.iter().map(String::as_str).collect();
    sorted.sort_by_key(|e| std::cmp::Reverse(e.len()));
    Some(with_case(
        &WORD_TEMPLATE.replace("%s", &sorted.join("|")),
        ignorecase,
    ))
}

fn with_case(pattern: &str, ignorecase: bool) -> String {
    if ignorecase {
        format!("(?i){pattern}")
    } else {
        pattern.to_string()
    }
}

/// brandlint's severity of a Vale level.
fn severity(level: Level) -> Severity {
    match level {
        Level::Suggestion => Severity::Info,
        Level::Warning => Severity::Warning,
        Level::Error => Severity::Error,
    }
}

/// The brandlint scopes of Vale's scopes; `None` (all prose) for `text`, `sentence`,
/// `paragraph`, `raw` and anything else Vale reads that brandlint reads as prose.
fn scopes(vale_scopes: &[&str]) -> Option<Vec<Scope>> {
    let mapped: Vec<Scope> = vale_scopes
        .iter()
        .filter_map(|scope| match scope.split('.').next().unwrap_or(scope) {
            "heading" => Some(Scope::Heading),
            "list" => Some(Scope::List),
            "table" => Some(Scope::Table),
            "blockquote" => Some(Scope::Blockquote),
            _ => None,
        })
        .collect();
    (!mapped.is_empty() && mapped.len() == vale_scopes.len()).then_some(mapped)
}

/// The matchers of every compiled Vale rule, by rule id.
pub type ValeMatchers = HashMap<String, ValeMatcher>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_take_their_arguments_in_turn_with_white_space_as_one() {
        assert_eq!(
            format_message("Use '%s' instead of\n  '%s'.", &["use", "utilize"]),
            "Use 'use' instead of 'utilize'."
        );
        assert_eq!(format_message("Avoid '%s'.", &["very"]), "Avoid 'very'.");
        assert_eq!(format_message("No argument.", &["x"]), "No argument.");
    }
}
