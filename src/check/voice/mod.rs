//! `voice`: how the brand sounds, as a set of checks switched on by the keys of `[voice]`:
//! sentence length, exclamations, shouting, contractions, person, reading grade, heading
//! case, emoji and placeholder text. Each check has its own id, `voice/<key with dashes>`, and its own page:
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
//! - `placeholder_text` (`voice/placeholder-text`): lorem ipsum left in content.
//! - the common keys, shared by every voice check: `severity`, `help`, `url`, `channels`,
//!   `scopes`, `files`, `examples`.
//!
//! Voice checks read prose only: code, template tags, URLs and markup never count, and
//! neither do block quotes (Markdown `>`, `<blockquote>`), which hold someone else's words as
//! they wrote them. An
//! `[[override]]` changes any of these keys for the files it matches, and its `disable` list
//! switches checks off there (`disable = ["voice/reading-grade-max"]`).

pub mod contractions;
pub mod emoji;
pub mod exclamations;
pub mod filler;
pub mod heading_case;
pub mod person;
pub mod phrases;
pub mod placeholder;
pub mod reading_grade;
pub mod sentence_length;
pub mod shouting;
pub mod text;

use crate::check::kind::{DocumentContext, Kind};
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashSet;

use crate::check::{Compiler, RuleDraft};
use crate::config::error::ConfigError;
use crate::config::load::MergedRules;
use crate::config::schema::{RuleSpec, VoiceSettings};
use crate::config::table::Common;
use crate::document::{Document, Segment};
use crate::matcher::PhraseMatch;
use crate::model::{Fix, Scope, TextRange};

use super::part::{self, Part, PartSettings};
use super::{Finding, Rule, RuleKind};

/// One voice check, all it is in one entry of [`CHECKS`]: the `[voice]` key that
/// switches it on, its page, its summary, and how it runs. Adding a check is a module and
/// one entry of [`CHECKS`] (and its key in the `[voice]` table).
pub type VoiceCheck = Part<VoiceSettings, fn(&VoiceContext<'_>, &mut Vec<Finding>)>;

impl PartSettings for VoiceSettings {
    const KIND: RuleKind = RuleKind::Voice;
}

/// Other names of voice check ids, accepted in `disable` lists: SPEC §3 writes the reading
/// grade's id without `-max`.
const ALIASES: [(&str, &str); 1] = [("voice/reading-grade", "voice/reading-grade-max")];

/// Every voice check, in the order they are documented.
static CHECKS: [VoiceCheck; 9] = [
    VoiceCheck {
        key: "max_sentence_words",
        source: include_str!("sentence_length.rs"),
        summary: "A sentence longer than `max_sentence_words` words",
        is_set: |s| s.max_sentence_words.is_some(),
        run: sentence_length::check,
    },
    VoiceCheck {
        key: "max_exclamations",
        source: include_str!("exclamations.rs"),
        summary: "More exclamations in a document than `max_exclamations`",
        is_set: |s| s.max_exclamations.is_some(),
        run: exclamations::check,
    },
    VoiceCheck {
        key: "shouting",
        source: include_str!("shouting.rs"),
        summary: "A word in ALL CAPS",
        is_set: |s| s.shouting.is_some(),
        run: shouting::check,
    },
    VoiceCheck {
        key: "contractions",
        source: include_str!("contractions.rs"),
        summary: "A contraction, or a spelled-out form, against `contractions`",
        is_set: |s| s.contractions.is_some(),
        run: contractions::check,
    },
    VoiceCheck {
        key: "person",
        source: include_str!("person.rs"),
        summary: "The reader or the brand in the third person, against `person`",
        is_set: |s| s.person.is_some(),
        run: person::check,
    },
    VoiceCheck {
        key: "reading_grade_max",
        source: include_str!("reading_grade.rs"),
        summary: "A reading grade above `reading_grade_max`",
        is_set: |s| s.reading_grade_max.is_some(),
        run: reading_grade::check,
    },
    VoiceCheck {
        key: "heading_case",
        source: include_str!("heading_case.rs"),
        summary: "A heading not in `heading_case`",
        is_set: |s| s.heading_case.is_some(),
        run: heading_case::check,
    },
    VoiceCheck {
        key: "emoji",
        source: include_str!("emoji.rs"),
        summary: "An emoji past what `emoji` allows",
        is_set: |s| s.emoji.is_some(),
        run: emoji::check,
    },
    VoiceCheck {
        key: "placeholder_text",
        source: include_str!("placeholder.rs"),
        summary: "Placeholder filler (lorem ipsum) left in content",
        is_set: |s| s.placeholder_text.is_some(),
        run: placeholder::check,
    },
];

/// The check with this id (or one of its other names).
pub fn from_id(id: &str) -> Option<&'static VoiceCheck> {
    part::find(&CHECKS, canonical_id(id).unwrap_or(id))
}

/// The id an alias stands for, as written in rules files (`voice/reading-grade`).
pub fn canonical_id(name: &str) -> Option<&'static str> {
    ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map(|(_, id)| *id)
}

/// `[voice]`: how the brand sounds, one check per key.
pub struct VoiceKind;

impl Kind for VoiceKind {
    fn kind(&self) -> RuleKind {
        RuleKind::Voice
    }

    fn source(&self) -> &'static str {
        include_str!("mod.rs")
    }

    fn checks(&self) -> Vec<(String, String)> {
        CHECKS.iter().map(Part::page).collect()
    }

    fn check_named(&self, rule_id: &str) -> Option<(String, String)> {
        from_id(rule_id).map(Part::page)
    }

    fn compile(&self, merged: &MergedRules, compiler: &mut Compiler) -> Result<(), ConfigError> {
        compile(merged, compiler)
    }

    fn check_document(&self, context: &DocumentContext<'_>, findings: &mut Vec<Finding>) {
        if let Some(voice) = &context.rules.voice {
            check(voice, context, findings);
        }
    }
}

/// Adds a rule for every voice check that `[voice]` or any `[[override]]` sets. The
/// `[voice]` tables of extended files merge key by key, a later file winning.
pub fn compile(merged: &MergedRules, compiler: &mut Compiler) -> Result<(), ConfigError> {
    let settings = merged_settings(merged);
    let configured: Vec<&VoiceCheck> = CHECKS
        .iter()
        .filter(|check| {
            (check.is_set)(&settings)
                || merged
                    .overrides
                    .iter()
                    .filter_map(|o| o.value.voice.as_ref())
                    .any(|voice| (check.is_set)(voice))
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
            RuleDraft::for_part(RuleKind::Voice, common.clone(), check.key, check.summary),
        )?;
    }
    Ok(())
}

/// The settings of every `[voice]` table, a later one's keys replacing an earlier one's.
fn merged_settings(merged: &MergedRules) -> VoiceSettings {
    merged
        .tables(RuleSpec::voice)
        .fold(VoiceSettings::default(), |settings, (_, table)| {
            settings.overlaid(&table.keys)
        })
}

/// The common keys of every `[voice]` table, each from the last table that sets it, with the
/// origin of the table whose `files` globs are used.
fn merged_common(merged: &MergedRules) -> (usize, Common) {
    let mut common = Common::default();
    let mut origin = merged
        .tables(RuleSpec::voice)
        .last()
        .map(|(origin, _)| origin)
        .or_else(|| merged.overrides.last().map(|o| o.origin))
        .unwrap_or(0);
    for (table_origin, table) in merged.tables(RuleSpec::voice) {
        if table.common.files.is_some() {
            origin = table_origin;
        }
        common = common.overlaid(table.common.clone());
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
    checks: Vec<(&'static VoiceCheck, usize)>,
    /// Every word of every `[[term]]` name, as written: names keep their case.
    names: HashSet<String>,
    /// The same words in lower case: another casing of a name is the term rule's to report.
    folded_names: HashSet<String>,
    phrases: phrases::VoicePhrases,
}

impl VoiceRules {
    /// The voice checks among compiled `rules`, or `None` when no voice check is set.
    pub fn new(merged: &MergedRules, rules: &[Rule]) -> Option<VoiceRules> {
        let checks = part::compiled(&CHECKS, rules);
        if checks.is_empty() {
            return None;
        }
        let names: HashSet<String> = merged
            .tables(RuleSpec::term)
            .flat_map(|(_, term)| {
                term.keys
                    .name
                    .get_ref()
                    .split_whitespace()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        let folded_names = names.iter().map(|n: &String| n.to_lowercase()).collect();
        let settings = merged_settings(merged);
        // Every file's settings are the base ones with an override's keys on top: the
        // phrase lists any of them reads.
        let overrides = merged
            .overrides
            .iter()
            .filter_map(|o| o.value.voice.as_ref());
        let lists: Vec<phrases::List> = std::iter::once(&settings)
            .chain(overrides)
            .flat_map(phrases::List::read_under)
            .collect();
        Some(VoiceRules {
            phrases: phrases::VoicePhrases::new(&lists),
            settings,
            checks,
            names,
            folded_names,
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

/// The prose of a document as voice checks read it: segments in source order, their texts
/// as folded for phrase search, and their sentences and words, found once and shared by
/// every check that needs them.
pub struct Prose<'a> {
    segments: Vec<&'a Segment>,
    /// The text of each of `segments` folded ([`crate::matcher::fold`]).
    folded: Vec<&'a str>,
    analyses: OnceCell<Vec<Analysis<'a>>>,
    /// The voice phrases found in each of `segments`, overlapping ones included.
    phrases: OnceCell<Vec<Vec<PhraseMatch>>>,
}

/// A segment's sentences and words, as ranges of its text, in order, and what checks ask
/// of the whole segment, each worked out once, when first asked.
#[derive(Debug)]
pub struct Analysis<'a> {
    /// The segment's text, folded ([`crate::matcher::fold`]).
    folded: &'a str,
    /// The sentences.
    pub sentences: Vec<TextRange>,
    /// The words.
    pub words: Vec<TextRange>,
    may_hold_placeholder: OnceCell<bool>,
}

impl<'a> Analysis<'a> {
    fn of(text: &'a str, folded: &'a str) -> Self {
        Analysis {
            folded,
            sentences: text::sentences(text)
                .into_iter()
                .map(TextRange::from)
                .collect(),
            words: {
                // Prose has a word in every six bytes or so: room for most, grown at most
                // once.
                let mut words = Vec::with_capacity(text.len() / 5 + 1);
                words.extend(text::words(text).map(TextRange::from));
                words
            },
            may_hold_placeholder: OnceCell::new(),
        }
    }

    /// The words within a range of the text (a sentence).
    pub fn words_in(&self, range: TextRange) -> &[TextRange] {
        let first = self.words.partition_point(|w| w.start < range.start);
        let end = self.words.partition_point(|w| w.end <= range.end);
        &self.words[first..end.max(first)]
    }

    /// Whether the segment may hold lorem ipsum filler ([`filler::may_hold_placeholder`]):
    /// asked by several checks, scanned for once.
    pub fn may_hold_placeholder(&self) -> bool {
        *self
            .may_hold_placeholder
            .get_or_init(|| filler::may_hold_placeholder(self.folded))
    }
}

impl<'a> Prose<'a> {
    /// The prose of `document`, whose segments' texts `folded` holds folded, in order.
    fn new(document: &'a Document, folded: &'a [Cow<'a, str>]) -> Self {
        // A block quote holds someone else's words, as they wrote them: not the brand's voice.
        let own = |(segment, _): &(&Segment, &str)| segment.scope != Scope::Blockquote;
        let mut segments: Vec<(&Segment, &str)> = document
            .segments
            .iter()
            .zip(folded.iter().map(|f| f.as_ref()))
            .filter(own)
            .collect();
        segments.sort_by_key(|(s, _)| s.source_range(TextRange::at(0)).start);
        // A page says its title and description again for each network (`og:description`,
        // `twitter:description`): one text, read once.
        let mut metadata_seen: HashSet<(Scope, &str)> = HashSet::new();
        segments.retain(|(segment, _)| {
            !matches!(segment.scope, Scope::Title | Scope::Description)
                || metadata_seen.insert((segment.scope, segment.text.as_str()))
        });
        let (segments, folded) = segments.into_iter().unzip();
        Prose {
            segments,
            folded,
            analyses: OnceCell::new(),
            phrases: OnceCell::new(),
        }
    }

    /// Each segment with its sentences and words.
    fn analyses(&self) -> impl Iterator<Item = (&'a Segment, &Analysis<'a>)> {
        let all = self.analyses.get_or_init(|| {
            self.segments
                .iter()
                .zip(&self.folded)
                .map(|(s, folded)| Analysis::of(&s.text, folded))
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

    /// The segments the rule may look at, each with the matches of one list of the voice
    /// phrases in it ([`phrases::VoicePhrases::of_list`]). Every list is found in one
    /// search of each segment, made for the first check that asks.
    pub fn phrases(
        &self,
        list: phrases::List,
    ) -> impl Iterator<Item = (&'a Segment, Vec<(TextRange, usize)>)> + '_ {
        let prose = self.prose;
        let found = prose.phrases.get_or_init(|| {
            prose
                .segments
                .iter()
                .zip(&prose.folded)
                .map(|(segment, folded)| self.voice.phrases.find_all(&segment.text, folded))
                .collect()
        });
        prose
            .segments
            .iter()
            .copied()
            .zip(found)
            .filter(|(s, _)| self.may_look_at(s))
            .map(move |(segment, found)| (segment, self.voice.phrases.of_list(found, list)))
    }

    /// The segments the rule may look at, each with its sentences and words.
    pub fn analyses(&self) -> impl Iterator<Item = (&'a Segment, &'a Analysis<'a>)> + '_ {
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
    pub fn in_scope(&self, segment: &Segment, range: TextRange) -> bool {
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
        range: TextRange,
        message: String,
        fix: Option<Fix>,
    ) -> Option<Finding> {
        if !self.in_scope(segment, range) {
            return None;
        }
        let span = segment.source_range(range);
        let verbatim = segment.is_verbatim(self.source, range);
        Some(
            self.rule
                .finding(span, message)
                .in_scope(segment.scope_at(range))
                .with_fix(fix.filter(|_| verbatim)),
        )
    }
}

/// Runs every voice check that applies to the file.
fn check(voice: &VoiceRules, document: &DocumentContext<'_>, findings: &mut Vec<Finding>) {
    let prose = Prose::new(document.document, document.folded);
    for &(check, index) in &voice.checks {
        if !document.file.active[index] {
            continue;
        }
        let context = VoiceContext {
            rule: &document.rules.rules[index],
            settings: &document.file.voice,
            voice,
            source: document.source,
            prose: &prose,
        };
        (check.run)(&context, findings);
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
        for check in &CHECKS {
            let doc = check.doc();
            assert!(doc.contains("## Example"), "{} has no example", check.key);
            assert!(doc.contains("## Why"), "{} says not why", check.key);
            assert!(ids.insert(check.id()));
            assert_eq!(from_id(&check.id()).map(|c| c.key), Some(check.key));
        }
        assert_eq!(
            from_id("voice/reading-grade").map(|c| c.key),
            Some("reading_grade_max")
        );
        assert_eq!(
            canonical_id("voice/reading-grade"),
            Some("voice/reading-grade-max")
        );
    }

    #[test]
    fn a_description_repeated_for_each_network_is_read_once() {
        let rules = "[voice]\nmax_exclamations = 1\n";
        let head = |tags: &str| format!("<html><head>{tags}</head><body><p>Hi.</p></body></html>");
        let twice = head(
            "<meta name=\"description\" content=\"Try it now!\">\
             <meta property=\"og:description\" content=\"Try it now!\">",
        );
        crate::testing::lint::Lint::new(rules)
            .html()
            .assert_findings(&twice, &[]);
        let two_texts = head(
            "<meta name=\"description\" content=\"Try it now!\">\
             <meta property=\"og:description\" content=\"Buy it today!\">",
        );
        crate::testing::lint::Lint::new(rules)
            .html()
            .assert_findings(&two_texts, &[("voice/max-exclamations", "!")]);
    }
}
