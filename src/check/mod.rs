//! Rule kinds and the engine that runs them over a document. Rule kinds are code, one module
//! each, documented at its top (`brandlint explain` prints that text); rule instances are data
//! from the rules file, compiled once into [`CompiledRules`].

pub mod banned;
pub mod budget;
pub mod compile;
pub mod dictionary;
pub mod io;
pub mod kind;
pub mod limits;
pub mod part;
pub mod pattern;
pub mod prefer;
pub mod require;
pub mod suppress;
pub mod term;
pub mod vale;
pub mod visual;
pub mod voice;

pub use kind::{check_of, checks_of, doc, DocumentContext, Kind, Notes, KINDS};

pub use compile::{
    compile, default_rules, default_rules_limited, load_rules, load_rules_from_str,
    load_rules_with, CompiledPattern, CompiledRules, Compiler, FileRules, LoadOptions, Override,
    PhraseRole, RuleDraft,
};

use std::borrow::Cow;
use std::cell::OnceCell;
use std::path::Path;

use globset::GlobSet;

use crate::config::schema::Examples;
use crate::document::{Document, Segment, MASK};
use crate::matcher::fold;
use crate::model::{
    Channel, Finding, Fix, FixSafety, RuleId, RuleKind, Scope, Severity, SourceSpan, TextRange,
};
use crate::read::code;

/// The leading `//!` lines of a Rust source file, without the markers.
pub(crate) fn module_doc(source: &str) -> String {
    let mut doc = String::new();
    for line in source.lines().take_while(|l| l.starts_with("//!")) {
        let text = line.trim_start_matches("//!");
        doc.push_str(text.strip_prefix(' ').unwrap_or(text));
        doc.push('\n');
    }
    doc
}

/// One compiled rule: a rule instance from the rules file, ready to run.
#[derive(Debug)]
pub struct Rule {
    /// Its id, such as `term/GitHub`.
    pub id: RuleId,
    /// Its kind.
    pub kind: RuleKind,
    /// How much its findings matter.
    pub severity: Severity,
    /// The message template, with `{match}` and `{expected}`.
    pub message: String,
    /// A hint shown under each finding.
    pub help: Option<String>,
    /// A link to the style guide.
    pub url: Option<String>,
    /// Channels it applies to; all when `None`.
    pub channels: Option<Vec<Channel>>,
    /// Scopes it applies to; all when `None`.
    pub scopes: Option<Vec<Scope>>,
    /// Files it applies to, relative to the rules file's folder; all when `None`.
    pub files: Option<GlobSet>,
    /// Sentences it must flag and pass.
    pub examples: Examples,
    /// What it expects: the name to write, the wording to use, or the pattern.
    pub expected: String,
    /// Where it is defined: the rules file and the line its table starts on (`brandlint.toml:12`).
    pub defined_in: String,
    /// What it matches, as written: its phrases (a term's name and variants), or its
    /// regular expression; empty for checks of the whole document.
    pub matches: Vec<String>,
    /// Which table of the merged rules files it comes from: a `[[banned]]` table gives one
    /// rule per phrase, all sharing the table's keys and examples.
    pub table: usize,
    /// With `case = "exact"`, the forms its phrases match, as written (single-spaced);
    /// `None` when any casing matches.
    pub exact_forms: Option<Vec<String>>,
    /// Whether `exceptions` lists phrases inside which its matches are fine.
    pub has_exceptions: bool,
}

impl Rule {
    /// A finding of this rule at `span` of the file, saying `message`: the one way a rule's
    /// finding is made, with the rule's id, kind, severity, help and link. Add where in the
    /// document it stands ([`Finding::in_scope`]) and a fix ([`Finding::with_fix`]).
    pub fn finding(&self, span: SourceSpan, message: String) -> Finding {
        Finding {
            help: self.help.clone(),
            url: self.url.clone(),
            ..Finding::new(self.id.clone(), self.kind, self.severity, span, message)
        }
    }

    /// Whether a match written `matched` (single-spaced, as read) is one of the forms the
    /// rule's case policy matches.
    pub fn matches_case_of(&self, matched: &str) -> bool {
        self.exact_forms
            .as_ref()
            .is_none_or(|forms| forms.iter().any(|form| form == matched))
    }

    /// Whether the rule runs on a file of this channel at this path (relative to the rules
    /// file's folder).
    pub fn applies_to_file(&self, channel: Channel, relative_path: &Path) -> bool {
        self.channels.as_ref().is_none_or(|c| c.contains(&channel))
            && self
                .files
                .as_ref()
                .is_none_or(|globs| globs.is_match(relative_path))
    }

    /// The message for a match, placeholders filled.
    pub fn message_for(&self, matched: &str) -> String {
        self.message
            .replace("{match}", matched)
            .replace("{expected}", &self.expected)
    }
}

/// A rule's match in a segment, as the kind's `on_match` sees it.
pub struct MatchContext<'a> {
    /// Every compiled rule.
    pub rules: &'a CompiledRules,
    /// The rule that owns the match.
    pub rule: &'a Rule,
    /// Its index in [`CompiledRules::rules`].
    pub rule_index: usize,
    /// The segment it stands in.
    pub segment: &'a Segment,
    /// The whole file.
    pub source: &'a str,
    /// The match, as a range of the segment's text.
    pub text_range: TextRange,
    /// The match, as a range of the file's bytes.
    pub span: SourceSpan,
}

impl MatchContext<'_> {
    /// The matched prose as read (entities decoded, white space folded).
    pub fn matched_text(&self) -> &str {
        &self.segment.text[self.text_range.range()]
    }

    /// Whether replacing `span` is safe: the file holds the prose verbatim there, with no
    /// markup, entity, escape, line break or template tag inside.
    pub fn fix_is_safe(&self) -> bool {
        self.segment.is_verbatim(self.source, self.text_range)
    }

    /// A finding of this match with the rule's message, and its fix where the file holds the
    /// match verbatim.
    pub fn finding(&self, fix: Option<Fix>) -> Finding {
        self.rule
            .finding(self.span, self.rule.message_for(self.matched_text()))
            .in_scope(self.segment.scope_at(self.text_range))
            .with_fix(fix.filter(|_| self.fix_is_safe()))
    }
}

/// Runs every rule that applies to the file over every segment of the document, and
/// returns the findings in source order, one per rule and span. What the document's
/// directives suppress is still among them: suppressing is the next stage
/// ([`crate::suppress::retain_unsuppressed`], run by [`crate::lint`]).
pub fn check_document(
    rules: &CompiledRules,
    document: &Document,
    source: &str,
    channel: Channel,
    relative_path: &Path,
) -> Vec<Finding> {
    let file = rules.for_file(channel, relative_path);
    let mut findings = check_active(rules, &file, document, source);
    findings.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    findings.dedup_by(|a, b| a.span == b.span && a.rule == b.rule);
    settle_fixes(&mut findings, source);
    findings
}

/// What every fix is, whatever its kind: a fix that would write the bytes already at its
/// span changes nothing, so it is none (it is neither fixable nor counted as fixed, and
/// `--fix` cannot loop on it); a fix in an image's alternative text is unsafe, since alt
/// text says what the image shows, and only someone who sees the image knows whether the
/// new words still do.
fn settle_fixes(findings: &mut [Finding], source: &str) {
    for finding in findings {
        let Some(fix) = &mut finding.fix else {
            continue;
        };
        if source.get(finding.span.range()) == Some(fix.replacement.as_str()) {
            finding.fix = None;
        } else if finding.scope == Some(Scope::Alt) {
            fix.safety = FixSafety::Unsafe;
        }
    }
}

/// Runs the rules that apply to a file over its document: each segment, then each kind's
/// checks of the document as a whole. Findings come unsorted and unsuppressed.
pub fn check_active(
    rules: &CompiledRules,
    file: &FileRules,
    document: &Document,
    source: &str,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut notes = Notes::default();
    // Each segment's text folded once, for the phrase search here and the voice checks'.
    let folded: Vec<Cow<'_, str>> = document.segments.iter().map(|s| fold(&s.text)).collect();
    for (segment, folded) in document.segments.iter().zip(&folded) {
        check_segment(
            rules,
            &file.active,
            segment,
            folded,
            source,
            &mut findings,
            &mut notes,
        );
    }
    let context = DocumentContext {
        rules,
        file,
        document,
        folded: &folded,
        source,
        notes: &notes,
    };
    for kind in KINDS {
        kind.check_document(&context, &mut findings);
    }
    findings
}

/// Runs the rules marked `active` over one segment, whose text `folded` is as
/// [`fold`] folds it: every phrase and pattern match goes to its rule's kind to judge, which
/// notes in `notes` what its document-wide check needs.
pub fn check_segment(
    rules: &CompiledRules,
    active: &[bool],
    segment: &Segment,
    folded: &str,
    source: &str,
    findings: &mut Vec<Finding>,
    notes: &mut Notes,
) {
    let in_scope = |rule: &Rule, range: TextRange| {
        rule.scopes
            .as_deref()
            .is_none_or(|scopes| segment.in_any_scope(range, scopes))
    };
    let text = &segment.text;
    let runs_here =
        |index: usize, range: TextRange| active[index] && in_scope(&rules.rules[index], range);
    // The rules' exceptions in this segment, found once, when a rule with exceptions first
    // has a match here.
    let excepted: OnceCell<Vec<(usize, TextRange)>> = OnceCell::new();
    let is_excepted = |index: usize, range: TextRange| {
        let excepted = excepted.get_or_init(|| {
            let found = rules.exceptions.find_all(text, folded, |_, _| true);
            found
                .into_iter()
                .flat_map(|m| {
                    rules
                        .exceptions
                        .owners(m.pattern)
                        .iter()
                        .map(move |&owner| (owner, m.range))
                })
                .collect()
        });
        excepted
            .iter()
            .any(|&(owner, at)| owner == index && at.start <= range.start && range.end <= at.end)
    };
    // Whether the rule takes a match there as one: its case policy and its exceptions.
    let accepts = |index: usize, range: TextRange| {
        let rule = &rules.rules[index];
        rule.matches_case_of(&text[range.range()])
            && !(rule.has_exceptions && is_excepted(index, range))
    };
    let flags_here =
        |index: usize, range: TextRange| runs_here(index, range) && accepts(index, range);
    let applies = |pattern: usize, range: TextRange| {
        rules
            .phrases
            .owners(pattern)
            .iter()
            .any(|&(index, role)| match role {
                PhraseRole::Shadow => runs_here(index, range),
                PhraseRole::Flag => flags_here(index, range),
            })
    };
    let mut judge = |index: usize, range: TextRange, notes: &mut Notes| {
        let rule = &rules.rules[index];
        let context = MatchContext {
            rules,
            rule,
            rule_index: index,
            segment,
            source,
            span: segment.source_range(range),
            text_range: range,
        };
        findings.extend(kind::of(rule.kind).on_match(&context, notes));
    };
    for found in rules.phrases.find(&segment.text, folded, applies) {
        // A phrase inside a file name, a domain or a dotted identifier (`acme.toml`,
        // `acme.io`) is not prose; one that is the whole word ("crates.io") is.
        if code::inside_dotted_word(&segment.text, found.range.range()) {
            continue;
        }
        for &(index, role) in rules.phrases.owners(found.pattern) {
            if role == PhraseRole::Shadow || !flags_here(index, found.range) {
                continue;
            }
            // A name in lower case inside a hyphenated lower-case word (`acme-sync`) names
            // a program; a banned or preferred phrase there ("e-mail") is still prose.
            if rules.rules[index].kind == RuleKind::Term
                && code::inside_lower_case_compound(&segment.text, found.range.range())
            {
                continue;
            }
            judge(index, found.range, notes);
        }
    }
    let mut gave_up = Vec::new();
    for compiled in &rules.patterns {
        let rule = &rules.rules[compiled.rule];
        if !active[compiled.rule] {
            continue;
        }
        let mut found = Vec::new();
        let searched = compiled
            .regex
            .for_each_match(text, |range| found.push(TextRange::from(range)));
        for range in found {
            if range.is_empty()
                || text[range.range()].contains(MASK)
                || !in_scope(rule, range)
                || !accepts(compiled.rule, range)
            {
                continue;
            }
            judge(compiled.rule, range, notes);
        }
        // A backtracking pattern that gave up says so where it did, naming its rule.
        if let Err(stopped) = searched {
            let at = TextRange::at(stopped.at.min(text.len()));
            let message = format!(
                "{}: its pattern backtracked past the limit of {} steps here; the rest of \
                 this text was not searched for it",
                rule.id,
                crate::matcher::pattern::BACKTRACK_LIMIT
            );
            gave_up.push(
                rule.finding(segment.source_range(at), message)
                    .in_scope(segment.scope_at(at)),
            );
        }
    }
    findings.extend(gave_up);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::lint::Lint;

    fn with_fix(span: std::ops::Range<usize>, scope: Scope, replacement: &str) -> Finding {
        Finding::new(
            "term/GitHub".into(),
            RuleKind::Term,
            Severity::Warning,
            span.into(),
            String::new(),
        )
        .in_scope(scope)
        .with_fix(Some(Fix::safe(replacement)))
    }

    #[test]
    fn a_fix_that_changes_nothing_is_none_and_a_fix_in_alt_text_is_unsafe() {
        let source = "GitHub and Github, Github";
        let mut findings = vec![
            with_fix(0..6, Scope::Paragraph, "GitHub"),
            with_fix(11..17, Scope::Paragraph, "GitHub"),
            with_fix(19..25, Scope::Alt, "GitHub"),
        ];
        settle_fixes(&mut findings, source);
        let fixes: Vec<_> = findings.iter().map(|f| f.fix.clone()).collect();
        assert_eq!(
            fixes,
            [
                None,
                Some(Fix::safe("GitHub")),
                Some(Fix::new("GitHub", FixSafety::Unsafe))
            ]
        );
    }

    #[test]
    fn alt_text_is_fixed_only_with_unsafe_fixes() {
        let lint = Lint::new("[[term]]\nname = \"GitHub\"\n");
        let text = "Github: ![the Github logo](logo.png)\n";
        lint.assert_fixed(text, "GitHub: ![the Github logo](logo.png)\n");
        assert_eq!(
            lint.fixed_with_unsafe(text),
            "GitHub: ![the GitHub logo](logo.png)\n"
        );
        let html = Lint::new("[[term]]\nname = \"GitHub\"\n").html();
        let page = "<p>Github</p><img src=\"a.png\" alt=\"Github\">";
        html.assert_fixed(page, "<p>GitHub</p><img src=\"a.png\" alt=\"Github\">");
    }

    #[test]
    fn kind_names_round_trip() {
        for &kind in RuleKind::ALL {
            assert_eq!(RuleKind::from_name(kind.name()), Some(kind));
        }
    }
}
