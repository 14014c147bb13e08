//! `require`: a tone marker the content must carry, such as an email's sign-off or a call to
//! action in the first paragraph. A document without enough of it gets one finding, at the
//! start of the place it concerns; past `max`, each extra occurrence is a finding.
//!
//! ## Why
//! Some of a brand's voice is what it always says, not only what it never says: every email
//! closes with "The Acme team", every post opens by saying who it is for.
//!
//! ## Example
//! With `channels = ["email"]`, `scope = "last-paragraph"` and
//! `any_of = ["The Acme team", "Cheers"]`, an email that ends "Best regards" is flagged at
//! the start of its last paragraph; one that ends "Cheers, The Acme team" passes.
//!
//! ## Options
//! - `any_of`: literal phrases, any of which counts, matched as `[[banned]]` phrases are;
//!   and/or `pattern`: a regex whose matches count.
//! - `scope`: where to count: `document` (the default), `first-paragraph`,
//!   `last-paragraph`, or any scope (`subject`, `preheader`, `heading`, `link`, `button`...).
//!   The last paragraph is the last before what an email adds after its sign-off: a
//!   postscript (a paragraph starting "P.S.", "P.P.S." or "PS:") and help with the email
//!   itself (a paragraph about "trouble" with a button, a link or viewing the email).
//!   When that place is absent, a missing marker is reported at the document's start.
//! - `min` (default 1, or 0 when only `max` is set), `max`, and `per_words`: at least `min`
//!   for every `per_words` words of the place (density).
//! - the common keys: `id` (default `require/<first phrase or pattern>`), `severity`,
//!   `message` (default `Expected {expected}`), `help`, `url`, `channels`, `files`,
//!   `examples` (a `flag` sentence is one that lacks the marker).

use crate::check::kind::{DocumentContext, Kind};
use crate::config::load::MergedRules;
use crate::config::schema::RuleSpec;
use std::str::FromStr;

use regex::Regex;

use crate::check::{Compiler, RuleDraft};
use crate::config::error::{closest, ConfigError};
use crate::config::schema::RequireTable;
use crate::document::{Document, Segment};
use crate::matcher::{fold, PhraseSet, PhraseSetBuilder};
use crate::model::{Finding, RuleKind, Scope, SourceSpan, TextRange};

use super::Rule;

/// Where a requirement counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    /// All of the document's prose.
    Document,
    /// The first paragraph.
    FirstParagraph,
    /// The last paragraph.
    LastParagraph,
    /// Prose in one scope.
    Scope(Scope),
}

/// What a `[[require]]` rule counts and how many it wants.
#[derive(Debug)]
pub struct Requirement {
    region: Region,
    phrases: PhraseSet<()>,
    pattern: Option<Regex>,
    min: usize,
    max: Option<usize>,
    per_words: Option<usize>,
}

impl Requirement {
    /// The scope that prose must have to count here, when the region is a scope.
    pub fn scope(&self) -> Option<Scope> {
        match self.region {
            Region::Scope(scope) => Some(scope),
            _ => None,
        }
    }
}

/// `[[require]]` rules: tone markers content must carry.
pub struct RequireKind;

impl Kind for RequireKind {
    fn kind(&self) -> RuleKind {
        RuleKind::Require
    }

    fn source(&self) -> &'static str {
        include_str!("require.rs")
    }

    fn compile(&self, merged: &MergedRules, compiler: &mut Compiler) -> Result<(), ConfigError> {
        compiler.each_table(merged, RuleSpec::require, compile)
    }

    fn check_document(&self, context: &DocumentContext<'_>, findings: &mut Vec<Finding>) {
        let rules = context.rules;
        for (index, requirement) in &rules.requirements {
            if context.file.active[*index] {
                check(
                    requirement,
                    &rules.rules[*index],
                    context.document,
                    findings,
                );
            }
        }
    }
}

/// Compiles one `[[require]]` table.
pub fn compile(
    table: &RequireTable,
    origin: usize,
    compiler: &mut Compiler,
) -> Result<(), ConfigError> {
    let region = match &table.keys.scope {
        None => Region::Document,
        Some(scope) => match scope.get_ref().as_str() {
            "document" => Region::Document,
            "first-paragraph" => Region::FirstParagraph,
            "last-paragraph" => Region::LastParagraph,
            other => match Scope::from_str(other) {
                Ok(scope) => Region::Scope(scope),
                Err(()) => {
                    let places = ["document", "first-paragraph", "last-paragraph"]
                        .into_iter()
                        .chain(Scope::ALL.iter().map(|s| s.name()));
                    let hint = closest(other, places).map(|p| format!("did you mean `{p}`?"));
                    return Err(compiler
                        .error_at(origin, scope.span(), format!("unknown scope `{other}`"))
                        .with_help(hint));
                }
            },
        },
    };
    let pattern = match &table.keys.pattern {
        Some(source) => Some(compiler.regex(origin, source)?),
        None => None,
    };
    let mut phrases = PhraseSetBuilder::default();
    for phrase in &table.keys.any_of {
        if !phrases.add(phrase.get_ref(), ()) {
            return Err(compiler.error_at(origin, phrase.span(), "an `any_of` phrase is empty"));
        }
    }
    let mut expected: Vec<String> = table
        .keys
        .any_of
        .iter()
        .map(|p| format!("\"{}\"", p.get_ref()))
        .collect();
    expected.extend(
        table
            .keys
            .pattern
            .as_ref()
            .map(|p| format!("/{}/", p.get_ref())),
    );
    let Some((name, span)) = table
        .keys
        .any_of
        .first()
        .or(table.keys.pattern.as_ref())
        .map(|s| (s.get_ref().clone(), s.span()))
    else {
        return Err(compiler.error_at(
            origin,
            0..0,
            "a [[require]] table needs `any_of` or `pattern`",
        ));
    };
    compiler.add_at(
        origin,
        span,
        RuleDraft {
            kind: RuleKind::Require,
            common: table.common.clone(),
            name,
            expected: expected.join(" or "),
            default_message: "Expected {expected}",
            phrases: Vec::new(),
            regex: None,
            requirement: Some(Requirement {
                region,
                phrases: phrases.build(),
                pattern,
                min: table
                    .keys
                    .min
                    .unwrap_or(if table.keys.max.is_some() { 0 } else { 1 }),
                max: table.keys.max,
                per_words: table.keys.per_words.filter(|&n| n > 0),
            }),
            term: None,
        },
    )
}

/// The segments a region covers, in source order.
fn segments_at(document: &Document, region: Region) -> Vec<&Segment> {
    let mut segments: Vec<&Segment> = document.segments.iter().collect();
    segments.sort_by_key(|s| s.source_range(TextRange::at(0)).start);
    let paragraphs = || {
        segments
            .iter()
            .copied()
            .filter(|s| s.scope == Scope::Paragraph)
    };
    match region {
        Region::Document => segments,
        Region::FirstParagraph => paragraphs().next().into_iter().collect(),
        Region::LastParagraph => paragraphs()
            .rfind(|s| !is_after_the_close(&s.text))
            .into_iter()
            .collect(),
        Region::Scope(scope) => segments
            .into_iter()
            .filter(|s| s.scope == scope || s.inline_scopes.iter().any(|(_, i)| *i == scope))
            .collect(),
    }
}

/// Whether a paragraph is one an email adds after its sign-off: a postscript ("P.S.",
/// "PS:") or help with the email itself ("Having trouble with the button above? Copy
/// this link", "trouble viewing this email").
fn is_after_the_close(text: &str) -> bool {
    let text = text.trim_start();
    let lower = text.to_lowercase();
    let postscript = ["p.s.", "p.p.s.", "ps:", "ps "]
        .iter()
        .any(|p| lower.starts_with(p));
    let help = lower.contains("trouble")
        && ["button", "link", "viewing", "view this", "this email"]
            .iter()
            .any(|w| lower.contains(w));
    postscript || help
}

/// Words of prose, as the voice checks count them ([`crate::check::voice::text::words`]):
/// one definition of a word for every count of words, a masked tag counting as one.
fn word_count(text: &str) -> usize {
    crate::check::voice::text::words(text).count()
}

/// Counts the markers where the requirement applies and reports too few or too many.
pub fn check(
    requirement: &Requirement,
    rule: &Rule,
    document: &Document,
    findings: &mut Vec<Finding>,
) {
    let segments = segments_at(document, requirement.region);
    let mut found: Vec<(SourceSpan, String)> = Vec::new();
    let mut words = 0;
    for segment in &segments {
        words += word_count(&segment.text);
        let in_place = |range: TextRange| match requirement.region {
            Region::Scope(scope) => segment.in_any_scope(range, &[scope]),
            _ => true,
        };
        let folded = fold(&segment.text);
        let phrase_ranges = requirement
            .phrases
            .find(&segment.text, &folded, |_, _| true)
            .into_iter()
            .map(|m| m.range);
        let pattern_ranges = requirement.pattern.iter().flat_map(|p| {
            p.find_iter(&segment.text)
                .filter(|m| !m.is_empty())
                .map(|m| TextRange::from(m.range()))
        });
        for range in phrase_ranges.chain(pattern_ranges).filter(|&r| in_place(r)) {
            let text = segment.text[range.range()].to_string();
            found.push((segment.source_range(range), text));
        }
    }
    found.sort_by_key(|(span, _)| span.start);
    let needed = match requirement.per_words {
        Some(per) => requirement.min * (words / per).max(1),
        None => requirement.min,
    };
    let finding = |span: SourceSpan, message: String| rule.finding(span, message);
    if found.len() < needed {
        let at = segments
            .first()
            .map_or(0, |s| s.source_range(TextRange::at(0)).start);
        let mut missing = finding(SourceSpan::at(at), rule.message_for(""));
        missing.scope = segments.first().map(|s| s.scope);
        if rule.message == "Expected {expected}" {
            missing.message = format!(
                "Expected {} here: found {}, need at least {needed}",
                rule.expected,
                found.len()
            );
        }
        findings.push(missing);
    }
    if let Some(max) = requirement.max {
        for (span, text) in found.into_iter().skip(max) {
            let mut extra = finding(span, rule.message_for(&text));
            if rule.message == "Expected {expected}" {
                extra.message = format!(
                    "At most {max} of {} here: \"{text}\" is one too many",
                    rule.expected
                );
            }
            findings.push(extra);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint::{assert_findings, assert_message, Lint};

    const SIGN_OFF: &str = "[[require]]\nchannels = [\"email\"]\nscope = \"last-paragraph\"\n\
                            any_of = [\"The Acme team\", \"Cheers\"]\n";

    #[test]
    fn the_documented_example_flags_an_email_without_a_sign_off_at_its_last_paragraph() {
        let lint = Lint::new(SIGN_OFF).email();
        let email = "<p>Your order shipped.</p><p>Best regards</p>";
        assert_eq!(
            lint.spans(email),
            [("require/The Acme team".to_string(), 29..29)]
        );
        lint.assert_message(
            email,
            "require/The Acme team",
            "Expected \"The Acme team\" or \"Cheers\" here: found 0, need at least 1",
        );
        lint.assert_findings(
            "<p>Your order shipped.</p><p>Cheers, the ACME team</p>",
            &[],
        );
        // A sign-off anywhere but the last paragraph does not count.
        lint.assert_findings(
            "<p>Cheers!</p><p>Best regards</p>",
            &[("require/The Acme team", "")],
        );
        // Markdown posts are not emails.
        assert_findings(SIGN_OFF, "Best regards\n", &[]);
    }

    #[test]
    fn the_first_paragraph_is_the_first_one_after_headings() {
        let rules = "[[require]]\nscope = \"first-paragraph\"\nany_of = [\"for you\"]\n";
        assert_findings(rules, "# Title\n\nThis is for you.\n\nMore.\n", &[]);
        let text = "# Title\n\nHello.\n\nThis is for you.\n";
        let lint = Lint::new(rules);
        lint.assert_findings(text, &[("require/for you", "")]);
        assert_eq!(lint.spans(text)[0].1, 9..9);
    }

    #[test]
    fn past_max_each_extra_occurrence_is_a_finding_and_none_is_missing() {
        let rules = "[[require]]\nany_of = [\"free\"]\nmax = 1\n";
        let text = "Free trial. Free plan. Nothing else.\n";
        assert_findings(rules, text, &[("require/free", "Free")]);
        assert_eq!(Lint::new(rules).spans(text)[0].1, 12..16);
        assert_message(
            rules,
            text,
            "require/free",
            "At most 1 of \"free\" here: \"Free\" is one too many",
        );
        assert_findings(rules, "Nothing.\n", &[]);
    }

    #[test]
    fn per_words_asks_for_min_markers_for_every_so_many_words() {
        let rules = "[[require]]\nany_of = [\"you\"]\nper_words = 10\n";
        let twenty = "You get one two three four five six seven eight nine ten eleven \
                      twelve thirteen fourteen fifteen sixteen seventeen eighteen.\n";
        assert_findings(rules, twenty, &[("require/you", "")]);
        assert_message(
            rules,
            twenty,
            "require/you",
            "Expected \"you\" here: found 1, need at least 2",
        );
        let with_two = twenty.replace("eleven", "you");
        assert_findings(rules, &with_two, &[]);
        // Fewer words than per_words still need min.
        assert_findings(rules, "Short text.\n", &[("require/you", "")]);
        assert_findings(rules, "For you.\n", &[]);
    }

    #[test]
    fn words_are_counted_as_the_voice_checks_count_them() {
        let rules = "[[require]]\nany_of = [\"you\"]\nper_words = 5\n";
        // "and/or" is two words: ten words need two markers; nine need one.
        let text = "You one two three four five six seven and/or.\n";
        assert_findings(rules, text, &[("require/you", "")]);
        assert_findings(rules, &text.replace("and/or", "andor"), &[]);
        // A template tag is one word; punctuation and emoji are none.
        let tag = "You one two three four five six seven eight {{ name }} — 🎉.\n";
        assert_findings(rules, tag, &[("require/you", "")]);
        assert_findings(rules, &tag.replace("{{ name }}", ""), &[]);
    }

    #[test]
    fn a_pattern_counts_like_a_phrase_and_a_custom_message_is_kept() {
        let rules = "[[require]]\npattern = \"[0-9]+ minutes?\"\n\
                     message = \"Say how long it takes\"\n";
        assert_findings(rules, "It takes 5 minutes.\n", &[]);
        assert_message(
            rules,
            "It is quick.\n",
            "require/[0-9]+ minutes?",
            "Say how long it takes",
        );
    }

    #[test]
    fn a_scope_that_is_absent_reports_the_marker_missing_at_the_document_start() {
        let rules = "[[require]]\nscope = \"link\"\nany_of = [\"Sign up\"]\n";
        let lint = Lint::new(rules);
        let text = "Intro.\n\nSign up today.\n";
        assert_eq!(lint.spans(text), [("require/Sign up".to_string(), 0..0)]);
        lint.assert_findings("Intro. [Sign up](https://example.com/join).\n", &[]);
    }

    #[test]
    fn markers_in_code_do_not_count() {
        let rules = "[[require]]\nany_of = [\"Cheers\"]\n";
        assert_findings(
            rules,
            "Write `Cheers` at the end.\n",
            &[("require/Cheers", "")],
        );
    }

    #[test]
    fn the_last_paragraph_is_the_sign_off_before_a_postscript_or_help_with_the_email() {
        let rules = "[[require]]\nany_of = [\"The Acme team\"]\nscope = \"last-paragraph\"\n";
        let signed = "Your order shipped.\n\nCheers, The Acme team\n\n\
                      P.S. Reply to this email with questions.\n\n\
                      Having trouble with the button above? Copy this link instead.\n";
        assert_findings(rules, signed, &[]);
        let unsigned = "Your order shipped.\n\nBest regards\n\nP.S. Reply to this email.\n";
        assert_findings(rules, unsigned, &[("require/The Acme team", "")]);
    }
}
