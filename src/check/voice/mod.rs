//! `voice`: how the brand sounds, as a set of checks switched on by the keys of `[voice]`:
//! sentence length, exclamations, shouting, contractions, person, reading grade, heading
//! case and emoji. Each check has its own id, `voice/<key with dashes>`, and its own page:
//! `brandlint explain voice/shouting`.
//!
//! ## Why
//! A brand is recognised by its voice as much as by its logo: short sentences, "you" and
//! "we", no shouting. A style guide says so once; these checks hold every page to it.
//!
//! ## Example
//! With `max_sentence_words = 25`, `shouting = true` and `contractions = "prefer"`, "Do not
//! miss our FREE upgrade" is flagged twice: "Do not" (fix: "Don't") and "FREE".
//!
//! ## Options
//! - `max_sentence_words` (`voice/max-sentence-words`): longest sentence, in words.
//! - `max_exclamations` (`voice/max-exclamations`): most exclamations in a document.
//! - `shouting` (`voice/shouting`), with `shouting_allow`: ALL-CAPS words.
//! - `contractions` (`voice/contractions`): `prefer`, `avoid` or `off`.
//! - `person` (`voice/person`): `second`, `first-plural` or `off`.
//! - `reading_grade_max` (`voice/reading-grade-max`): highest Flesch-Kincaid grade.
//! - `heading_case` (`voice/heading-case`): `sentence`, `title` or `off`.
//! - `emoji` (`voice/emoji`): `allow`, `deny`, or at most N per document (`emoji = 2`).
//! - the common keys, shared by every voice check: `severity`, `help`, `url`, `channels`,
//!   `scopes`, `files`, `examples`.
//!
//! Voice checks read prose only: code, template tags, URLs and markup never count. An
//! `[[override]]` changes any of these keys for the files it matches, and its `disable` list
//! switches checks off there (`disable = ["voice/reading-grade-max"]`).

pub mod contractions;
pub mod emoji;
pub mod exclamations;
pub mod heading_case;
pub mod person;
pub mod reading_grade;
pub mod sentence_length;
pub mod shouting;
pub mod text;

use std::cell::OnceCell;
use std::collections::HashSet;
use std::ops::Range;

use crate::config::error::ConfigError;
use crate::config::load::{Located, MergedRules};
use crate::config::schema::{Common, VoiceSettings};
use crate::config::{CompiledRules, Compiler, FileRules, RuleDraft};
use crate::document::{Document, Scope, Segment};

use super::{compiled_checks, module_doc, Finding, Rule, RuleKind};

/// One voice check: a key of `[voice]` that switches it on, and an id of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VoiceCheck {
    /// [`sentence_length`]
    MaxSentenceWords,
    /// [`exclamations`]
    MaxExclamations,
    /// [`shouting`]
    Shouting,
    /// [`contractions`]
    Contractions,
    /// [`person`]
    Person,
    /// [`reading_grade`]
    ReadingGradeMax,
    /// [`heading_case`]
    HeadingCase,
    /// [`emoji`]
    Emoji,
}

/// Other names of voice check ids, accepted in `disable` lists: SPEC §3 writes the reading
/// grade's id without `-max`.
const ALIASES: [(&str, &str); 1] = [("voice/reading-grade", "voice/reading-grade-max")];

impl VoiceCheck {
    /// Every check, in the order they are documented.
    pub const ALL: [VoiceCheck; 8] = [
        VoiceCheck::MaxSentenceWords,
        VoiceCheck::MaxExclamations,
        VoiceCheck::Shouting,
        VoiceCheck::Contractions,
        VoiceCheck::Person,
        VoiceCheck::ReadingGradeMax,
        VoiceCheck::HeadingCase,
        VoiceCheck::Emoji,
    ];

    /// The `[voice]` key that switches it on.
    pub fn key(self) -> &'static str {
        match self {
            VoiceCheck::MaxSentenceWords => "max_sentence_words",
            VoiceCheck::MaxExclamations => "max_exclamations",
            VoiceCheck::Shouting => "shouting",
            VoiceCheck::Contractions => "contractions",
            VoiceCheck::Person => "person",
            VoiceCheck::ReadingGradeMax => "reading_grade_max",
            VoiceCheck::HeadingCase => "heading_case",
            VoiceCheck::Emoji => "emoji",
        }
    }

    /// Its rule id: `voice/` and the key with dashes.
    pub fn id(self) -> String {
        format!("voice/{}", self.key().replace('_', "-"))
    }

    /// What it checks, why, an example and its options: the `//!` comment of its module.
    pub fn doc(self) -> String {
        module_doc(match self {
            VoiceCheck::MaxSentenceWords => include_str!("sentence_length.rs"),
            VoiceCheck::MaxExclamations => include_str!("exclamations.rs"),
            VoiceCheck::Shouting => include_str!("shouting.rs"),
            VoiceCheck::Contractions => include_str!("contractions.rs"),
            VoiceCheck::Person => include_str!("person.rs"),
            VoiceCheck::ReadingGradeMax => include_str!("reading_grade.rs"),
            VoiceCheck::HeadingCase => include_str!("heading_case.rs"),
            VoiceCheck::Emoji => include_str!("emoji.rs"),
        })
    }

    /// What it flags, in a few words: the rule's message as `brandlint rules` and
    /// `explain` list it (each finding says more).
    fn summary(self) -> &'static str {
        match self {
            VoiceCheck::MaxSentenceWords => "A sentence longer than `max_sentence_words` words",
            VoiceCheck::MaxExclamations => {
                "More exclamations in a document than `max_exclamations`"
            }
            VoiceCheck::Shouting => "A word in ALL CAPS",
            VoiceCheck::Contractions => {
                "A contraction, or a spelled-out form, against `contractions`"
            }
            VoiceCheck::Person => "The reader or the brand in the third person, against `person`",
            VoiceCheck::ReadingGradeMax => "A reading grade above `reading_grade_max`",
            VoiceCheck::HeadingCase => "A heading not in `heading_case`",
            VoiceCheck::Emoji => "An emoji past what `emoji` allows",
        }
    }

    /// The check with this id (or one of its other names).
    pub fn from_id(id: &str) -> Option<VoiceCheck> {
        let id = canonical_id(id).unwrap_or(id);
        Self::ALL.into_iter().find(|check| check.id() == id)
    }

    /// Whether the settings set the key that switches the check on, to anything.
    fn is_set(self, settings: &VoiceSettings) -> bool {
        match self {
            VoiceCheck::MaxSentenceWords => settings.max_sentence_words.is_some(),
            VoiceCheck::MaxExclamations => settings.max_exclamations.is_some(),
            VoiceCheck::Shouting => settings.shouting.is_some(),
            VoiceCheck::Contractions => settings.contractions.is_some(),
            VoiceCheck::Person => settings.person.is_some(),
            VoiceCheck::ReadingGradeMax => settings.reading_grade_max.is_some(),
            VoiceCheck::HeadingCase => settings.heading_case.is_some(),
            VoiceCheck::Emoji => settings.emoji.is_some(),
        }
    }
}

/// The id an alias stands for, as written in rules files (`voice/reading-grade`).
pub fn canonical_id(name: &str) -> Option<&'static str> {
    ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map(|(_, id)| *id)
}

/// Adds a rule for every voice check that `[voice]` or any `[[override]]` sets. The
/// `[voice]` tables of extended files merge key by key, a later file winning.
pub fn compile(merged: &MergedRules, compiler: &mut Compiler) -> Result<(), ConfigError> {
    let settings = merged_settings(merged);
    let configured: Vec<VoiceCheck> = VoiceCheck::ALL
        .into_iter()
        .filter(|check| {
            check.is_set(&settings)
                || merged
                    .overrides
                    .iter()
                    .filter_map(|o| o.value.voice.as_ref())
                    .any(|voice| check.is_set(voice))
        })
        .collect();
    if configured.is_empty() {
        return Ok(());
    }
    let (origin, common) = merged_common(merged);
    compiler.next_table();
    for check in configured {
        compiler.add(
            origin,
            RuleDraft::check(
                RuleKind::Voice,
                common.clone(),
                check.key(),
                check.summary(),
            ),
        )?;
    }
    Ok(())
}

/// The settings of every `[voice]` table, a later one's keys replacing an earlier one's.
fn merged_settings(merged: &MergedRules) -> VoiceSettings {
    merged
        .voice
        .iter()
        .fold(VoiceSettings::default(), |settings, table| {
            settings.overlaid(&table.value.settings())
        })
}

/// The common keys of every `[voice]` table, each from the last table that sets it, with the
/// origin of the table whose `files` globs are used.
fn merged_common(merged: &MergedRules) -> (usize, Common) {
    let mut common = Common::default();
    let mut origin = merged
        .voice
        .last()
        .map(|v| v.origin)
        .or_else(|| merged.overrides.last().map(|o| o.origin))
        .unwrap_or(0);
    for Located {
        origin: table_origin,
        value,
    } in &merged.voice
    {
        let keys = value.common();
        common.severity = keys.severity.or(common.severity);
        common.help = keys.help.or(common.help);
        common.url = keys.url.or(common.url);
        common.channels = keys.channels.or(common.channels);
        common.scopes = keys.scopes.or(common.scopes);
        if keys.files.is_some() {
            common.files = keys.files;
            origin = *table_origin;
        }
        if !keys.examples.flag.is_empty() || !keys.examples.pass.is_empty() {
            common.examples = keys.examples;
        }
    }
    (origin, common)
}

/// The compiled voice checks of a rules file: what each check needs beyond its settings,
/// built once.
#[derive(Debug)]
pub struct VoiceRules {
    /// The `[voice]` settings before any override.
    pub settings: VoiceSettings,
    /// The rule index of each configured check.
    checks: Vec<(VoiceCheck, usize)>,
    /// Every word of every `[[term]]` name, as written: names keep their case.
    names: HashSet<String>,
    /// The same words in lower case: another casing of a name is the term rule's to report.
    folded_names: HashSet<String>,
    contractions: contractions::Phrases,
    person: person::Phrases,
}

impl VoiceRules {
    /// The voice checks among compiled `rules`, or `None` when no voice check is set.
    pub fn new(merged: &MergedRules, rules: &[Rule]) -> Option<VoiceRules> {
        let checks = compiled_checks(&VoiceCheck::ALL, RuleKind::Voice, VoiceCheck::id, rules);
        if checks.is_empty() {
            return None;
        }
        let names: HashSet<String> = merged
            .terms
            .iter()
            .flat_map(|term| {
                term.value
                    .name
                    .get_ref()
                    .split_whitespace()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        let folded_names = names.iter().map(|n: &String| n.to_lowercase()).collect();
        Some(VoiceRules {
            settings: merged_settings(merged),
            checks,
            names,
            folded_names,
            contractions: contractions::Phrases::default(),
            person: person::Phrases::default(),
        })
    }

    /// Whether a word is (part of) a `[[term]]` name written as the name is.
    pub fn is_name(&self, word: &str) -> bool {
        self.names.contains(word)
    }

    /// Whether a word is (part of) a `[[term]]` name in any casing.
    pub fn is_name_in_any_case(&self, word: &str) -> bool {
        self.folded_names.contains(&word.to_lowercase())
    }
}

/// The prose of a document as voice checks read it: segments in source order, and their
/// sentences and words, found once and shared by every check that needs them.
pub struct Prose<'a> {
    segments: Vec<&'a Segment>,
    analyses: OnceCell<Vec<Analysis>>,
}

/// A segment's sentences and words, as ranges of its text, in order.
#[derive(Debug)]
pub struct Analysis {
    /// The sentences.
    pub sentences: Vec<Range<usize>>,
    /// The words.
    pub words: Vec<Range<usize>>,
}

impl Analysis {
    fn of(text: &str) -> Self {
        Analysis {
            sentences: text::sentences(text),
            words: text::words(text).collect(),
        }
    }

    /// The words within a range of the text (a sentence).
    pub fn words_in(&self, range: &Range<usize>) -> &[Range<usize>] {
        let first = self.words.partition_point(|w| w.start < range.start);
        let end = self.words.partition_point(|w| w.end <= range.end);
        &self.words[first..end.max(first)]
    }
}

impl<'a> Prose<'a> {
    fn new(document: &'a Document) -> Self {
        let mut segments: Vec<&Segment> = document.segments.iter().collect();
        segments.sort_by_key(|s| s.source_range(0..0).start);
        Prose {
            segments,
            analyses: OnceCell::new(),
        }
    }

    /// Each segment with its sentences and words.
    fn analyses(&self) -> impl Iterator<Item = (&'a Segment, &Analysis)> {
        let all = self.analyses.get_or_init(|| {
            self.segments
                .iter()
                .map(|s| Analysis::of(&s.text))
                .collect()
        });
        self.segments.iter().copied().zip(all.iter())
    }
}

/// What one voice check sees: its rule, the file's settings and the prose.
pub struct VoiceContext<'a> {
    /// The check's rule.
    pub rule: &'a Rule,
    /// The file's voice settings, overrides applied.
    pub settings: &'a VoiceSettings,
    /// What the rules file compiled for voice checks.
    pub voice: &'a VoiceRules,
    /// The whole file.
    pub source: &'a str,
    prose: &'a Prose<'a>,
}

impl<'a> VoiceContext<'a> {
    /// The segments the rule may look at, in source order: all, or those with a scope the
    /// rule is limited to (its own or an inline one).
    pub fn segments(&self) -> impl Iterator<Item = &'a Segment> + '_ {
        self.prose
            .segments
            .iter()
            .copied()
            .filter(|s| self.may_look_at(s))
    }

    /// The segments the rule may look at, each with its sentences and words.
    pub fn analyses(&self) -> impl Iterator<Item = (&'a Segment, &'a Analysis)> + '_ {
        self.prose.analyses().filter(|(s, _)| self.may_look_at(s))
    }

    fn may_look_at(&self, segment: &Segment) -> bool {
        self.rule.scopes.as_deref().is_none_or(|scopes| {
            scopes.contains(&segment.scope)
                || segment
                    .inline_scopes
                    .iter()
                    .any(|(_, s)| scopes.contains(s))
        })
    }

    /// Whether the rule looks at a range of a segment's text.
    pub fn in_scope(&self, segment: &Segment, range: &Range<usize>) -> bool {
        self.rule
            .scopes
            .as_deref()
            .is_none_or(|scopes| segment.in_any_scope(range, scopes))
    }

    /// A finding at a range of a segment's text, unless the rule does not look there. A fix
    /// is kept only when the file holds the text verbatim at the span.
    pub fn finding(
        &self,
        segment: &Segment,
        range: Range<usize>,
        message: String,
        fix: Option<String>,
    ) -> Option<Finding> {
        if !self.in_scope(segment, &range) {
            return None;
        }
        let span = segment.source_range(range.clone());
        let verbatim = segment.is_verbatim(self.source, range.clone());
        Some(
            self.rule
                .finding(span, message)
                .in_scope(segment.scope_at(&range))
                .with_fix(fix.filter(|_| verbatim)),
        )
    }
}

/// Runs every voice check that applies to the file.
pub fn check(
    voice: &VoiceRules,
    rules: &CompiledRules,
    file: &FileRules,
    document: &Document,
    source: &str,
    findings: &mut Vec<Finding>,
) {
    let prose = Prose::new(document);
    for &(check, index) in &voice.checks {
        if !file.active[index] {
            continue;
        }
        let context = VoiceContext {
            rule: &rules.rules[index],
            settings: &file.voice,
            voice,
            source,
            prose: &prose,
        };
        match check {
            VoiceCheck::MaxSentenceWords => sentence_length::check(&context, findings),
            VoiceCheck::MaxExclamations => exclamations::check(&context, findings),
            VoiceCheck::Shouting => shouting::check(&context, findings),
            VoiceCheck::Contractions => contractions::check(&context, findings),
            VoiceCheck::Person => person::check(&context, findings),
            VoiceCheck::ReadingGradeMax => reading_grade::check(&context, findings),
            VoiceCheck::HeadingCase => heading_case::check(&context, findings),
            VoiceCheck::Emoji => emoji::check(&context, findings),
        }
    }
}

/// Scopes of body text: what a reading grade is computed over.
pub const BODY_SCOPES: [Scope; 4] = [
    Scope::Paragraph,
    Scope::List,
    Scope::Blockquote,
    Scope::Table,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_check_is_documented_with_an_example_and_has_a_unique_id() {
        let mut ids = HashSet::new();
        for check in VoiceCheck::ALL {
            let doc = check.doc();
            assert!(doc.contains("## Example"), "{} has no example", check.key());
            assert!(doc.contains("## Why"), "{} says not why", check.key());
            assert!(ids.insert(check.id()));
            assert_eq!(VoiceCheck::from_id(&check.id()), Some(check));
        }
        assert_eq!(
            VoiceCheck::from_id("voice/reading-grade"),
            Some(VoiceCheck::ReadingGradeMax)
        );
        assert_eq!(
            canonical_id("voice/reading-grade"),
            Some("voice/reading-grade-max")
        );
    }
}
