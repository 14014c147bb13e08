//! Turning merged rules files into compiled rules, once, before any content is read: ids
//! derived, severities and messages resolved, globs and regexes compiled, and every literal
//! phrase of every rule put into one automaton.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::Regex;
use toml::Spanned;

use super::budget::{RegexBudget, RegexError};
use crate::check::require::Requirement;
use crate::check::term::Term;
use crate::check::visual::{self, VisualRules};
use crate::check::voice::{self, VoiceRules};
use crate::check::{self, Rule};
use crate::config::error::ConfigError;
use crate::config::load::{self, FromFile, MergedRules, Reach};
use crate::config::schema::{RuleSpec, VoiceSettings};
use crate::config::table::{CasePolicy, Common};
use crate::limits::{Budget, Exceeded, LimitValues, Limits};
use crate::matcher::pattern::Pattern;
use crate::matcher::{normalize_phrase, single_spaced, PhraseSet, PhraseSetBuilder};
use crate::model::{Channel, RuleKind, Severity};
use crate::read::html::Selector;
use crate::read::ReadOptions;

/// What a phrase does for the rule that owns it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhraseRole {
    /// Its matches go to the rule's kind to judge.
    Flag,
    /// It only claims its text, so shorter phrases inside it are not flagged (a preferred
    /// wording).
    Shadow,
}

/// A user pattern with the rule that owns it.
#[derive(Debug)]
pub struct CompiledPattern {
    /// Index into [`CompiledRules::rules`].
    pub rule: usize,
    /// The compiled pattern.
    pub regex: Pattern,
}

/// Rules ready to run: what checks read, never the TOML.
#[derive(Debug)]
pub struct CompiledRules {
    /// Where the rules came from, for messages.
    pub origin: String,
    /// Every rules file they were read from, extended ones first (empty for the built-in
    /// pack): what a watch must watch.
    pub sources: Vec<PathBuf>,
    /// The folder that globs are relative to.
    pub root: PathBuf,
    /// `[brand] name`.
    pub brand: Option<String>,
    /// Every rule, in the order defined.
    pub rules: Vec<Rule>,
    /// Every literal phrase, owned by `(rule index, role)`.
    pub phrases: PhraseSet<(usize, PhraseRole)>,
    /// Every rule's `exceptions`, owned by rule index.
    pub exceptions: PhraseSet<usize>,
    /// Every `[[pattern]]` regex.
    pub patterns: Vec<CompiledPattern>,
    /// `[files] ignore`.
    pub ignore: GlobSet,
    /// `[files] email`.
    pub email: GlobSet,
    /// What the readers need: `[files] ignore_selectors`, and whether visual facts are
    /// gathered.
    pub read: ReadOptions,
    /// `[[require]]` rules: what each counts, by rule index.
    pub requirements: Vec<(usize, Requirement)>,
    /// `[[term]]` rules: how each name may be written, by rule index.
    pub terms: Vec<(usize, Term)>,
    /// The `[voice]` checks, when any is set.
    pub voice: Option<VoiceRules>,
    /// The `[visual]` checks, when any is set.
    pub visual: Option<VisualRules>,
    /// `[[override]]` tables, in order.
    pub overrides: Vec<Override>,
    /// Rules that contradict or repeat each other; they still run.
    pub conflicts: Vec<crate::config::conflict::RuleConflict>,
    /// The Vale rules' matchers, by rule id.
    pub vale: crate::check::vale::ValeMatchers,
    /// What a run should say once about these rules (rules left out, and why).
    pub notices: Vec<String>,
    /// The budgets in force: the file's `[limits]` with the command line's over them.
    pub limits: Limits,
    /// Whether each rule runs on the files of each channel, for the rules that apply to
    /// every path; worked out once, so that a file costs nothing per rule.
    by_channel: Vec<(Channel, Vec<bool>)>,
    /// The rules limited to some files (`files`), judged for each file.
    file_scoped: Vec<usize>,
}

/// A compiled `[[override]]`: for the files its globs match, voice settings that replace
/// the `[voice]` ones and rules switched off.
#[derive(Debug)]
pub struct Override {
    /// The files it concerns.
    pub files: GlobSet,
    /// Voice settings it changes.
    pub voice: VoiceSettings,
    /// The rules it switches off (indices into [`CompiledRules::rules`], in order),
    /// resolved from its `disable` ids and kinds once, when compiled.
    pub disable: Vec<usize>,
}

/// What applies to one file: which rules run, and the voice settings once every matching
/// `[[override]]` is applied.
#[derive(Debug)]
pub struct FileRules {
    /// Whether each rule (by index into [`CompiledRules::rules`]) runs.
    pub active: Vec<bool>,
    /// The voice settings.
    pub voice: VoiceSettings,
}

impl CompiledRules {
    /// How the `[[term]]` rule at `index` may be written.
    pub fn term(&self, index: usize) -> Option<&Term> {
        self.terms
            .binary_search_by_key(&index, |(i, _)| *i)
            .ok()
            .map(|found| &self.terms[found].1)
    }

    /// Every rule id a suppression comment may name in a file these rules check: the
    /// rules' own, and every built-in check's (`voice/shouting`), switched on or not.
    pub fn rule_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.rules.iter().map(|r| r.id.to_string()).collect();
        for kind in RuleKind::ALL {
            ids.extend(super::kind::checks_of(*kind).into_iter().map(|(id, _)| id));
        }
        ids
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// A path relative to the rules' root, for matching globs; the path itself when it lies
    /// elsewhere.
    pub fn relative<'p>(&self, path: &'p Path) -> &'p Path {
        path.strip_prefix(&self.root).unwrap_or(path)
    }

    /// Whether `[files] ignore` excludes a file.
    pub fn ignores(&self, path: &Path) -> bool {
        self.ignore.is_match(self.relative(path))
    }

    /// Whether `[files] email` makes a file an email template.
    pub fn is_email(&self, path: &Path) -> bool {
        self.email.is_match(self.relative(path))
    }

    /// The rules and voice settings for a file of this channel at this path (relative to
    /// the rules file's folder): each rule's `channels` and `files`, then every matching
    /// `[[override]]` in order.
    pub fn for_file(&self, channel: Channel, relative_path: &Path) -> FileRules {
        let mut active: Vec<bool> = match self.by_channel.iter().find(|(c, _)| *c == channel) {
            Some((_, active)) => active.clone(),
            None => self
                .rules
                .iter()
                .map(|r| r.applies_to_file(channel, relative_path))
                .collect(),
        };
        for &index in &self.file_scoped {
            active[index] = self.rules[index].applies_to_file(channel, relative_path);
        }
        let mut voice = self
            .voice
            .as_ref()
            .map(|v| v.settings.clone())
            .unwrap_or_default();
        for matching in self
            .overrides
            .iter()
            .filter(|o| o.files.is_match(relative_path))
        {
            voice = voice.overlaid(&matching.voice);
            for &rule in &matching.disable {
                active[rule] = false;
            }
        }
        FileRules { active, voice }
    }

    /// Every rule on, with the `[voice]` settings as written: for running examples.
    pub fn all_files(&self) -> FileRules {
        FileRules {
            active: vec![true; self.rules.len()],
            voice: self
                .voice
                .as_ref()
                .map(|v| v.settings.clone())
                .unwrap_or_default(),
        }
    }
}

/// Whether a name in a disable list (a rule id, a kind, or another name of a voice check)
/// means this rule.
fn names_rule(name: &str, rule: &Rule) -> bool {
    name == rule.id
        || name == rule.kind.name()
        || voice::canonical_id(name) == Some(rule.id.as_str())
}

/// A rule as a kind's `compile` describes it, before ids are settled.
pub struct RuleDraft {
    /// Its kind.
    pub kind: RuleKind,
    /// The common keys as written.
    pub common: Common,
    /// The name its id is derived from (`<kind>/<name>`).
    pub name: String,
    /// What it expects, for `{expected}`.
    pub expected: String,
    /// The message when the rules file gives none.
    pub default_message: &'static str,
    /// Literal phrases for the automaton.
    pub phrases: Vec<(String, PhraseRole)>,
    /// A regex, for pattern rules.
    pub regex: Option<Pattern>,
    /// What a `[[require]]` rule counts, and how many it wants.
    pub requirement: Option<Requirement>,
    /// How a `[[term]]` name may be written beyond its casing.
    pub term: Option<Term>,
}

impl RuleDraft {
    /// The rule of one check of a kind made of several (voice, visual): named by the key
    /// that switches it on, with a summary for message and expectation, and nothing to match.
    pub fn for_part(kind: RuleKind, common: Common, key: &str, summary: &'static str) -> Self {
        RuleDraft {
            kind,
            common,
            name: key.to_string(),
            expected: summary.to_string(),
            default_message: summary,
            phrases: Vec::new(),
            regex: None,
            requirement: None,
            term: None,
        }
    }
}

/// A compiled rule with what it contributes to the shared matchers.
struct CompiledDraft {
    rule: Rule,
    /// Where it is written: the rules file and a span in it.
    at: (usize, Range<usize>),
    phrases: Vec<(String, PhraseRole)>,
    regex: Option<Pattern>,
    requirement: Option<Requirement>,
    term: Option<Term>,
    /// Phrases inside which its matches are fine.
    exceptions: Vec<String>,
}

impl CompiledDraft {
    /// Whether replacing `earlier` by this rule would lose something `earlier` matches:
    /// another kind, another regex, or a phrase this rule does not flag.
    fn drops_what_it_matches(&self, earlier: &CompiledDraft) -> bool {
        let flagged = |draft: &CompiledDraft| -> Vec<String> {
            let phrases = draft
                .phrases
                .iter()
                .filter(|(_, role)| *role == PhraseRole::Flag);
            phrases
                .map(|(phrase, _)| normalize_phrase(phrase))
                .collect()
        };
        let ours = flagged(self);
        let regex = |draft: &CompiledDraft| draft.regex.as_ref().map(|r| r.as_str().to_string());
        self.rule.kind != earlier.rule.kind
            || regex(self) != regex(earlier)
            || flagged(earlier).iter().any(|phrase| !ours.contains(phrase))
    }
}

/// Collects the rules of a merged rules file; each kind's `compile` feeds it.
pub struct Compiler<'a> {
    merged: &'a MergedRules,
    root: PathBuf,
    default_severity: Severity,
    drafts: Vec<CompiledDraft>,
    table: usize,
    regexes: RegexBudget,
    /// The `[visual]` settings, once the visual kind has read them.
    pub(crate) visual: Option<visual::VisualSettings>,
    /// The tables that could not be compiled: the others are still compiled, so that one
    /// run reports every broken table.
    errors: Vec<ConfigError>,
    /// The lines of each rules file (by origin) that has rules, indexed once: where each
    /// rule is defined.
    lines: HashMap<usize, crate::span::LineIndex>,
    /// The Vale rules' matchers, by rule id.
    vale: crate::check::vale::ValeMatchers,
    /// What a run should say once about the rules.
    notices: Vec<String>,
}

impl Compiler<'_> {
    /// An error at a span of the rules file `origin`.
    pub fn error_at(
        &self,
        origin: usize,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> ConfigError {
        let source = self.merged.source(origin);
        ConfigError::at(&source.path, &source.text, span, message)
    }

    /// Compiles globs written in one rules file; a folder name also matches its files.
    fn globs(&self, origin: usize, globs: &[Spanned<String>]) -> Result<GlobSet, ConfigError> {
        self.file_globs(globs.iter().map(|value| (origin, value)))
    }

    /// Compiles globs from any of the merged files.
    fn file_globs<'g>(
        &self,
        globs: impl IntoIterator<Item = impl Into<(usize, &'g Spanned<String>)>>,
    ) -> Result<GlobSet, ConfigError> {
        let mut builder = GlobSetBuilder::new();
        for item in globs {
            let (origin, glob) = item.into();
            let compiled = Glob::new(glob.get_ref()).map_err(|e| {
                self.error_at(origin, glob.span(), format!("invalid glob: {}", e.kind()))
            })?;
            builder.add(compiled);
            // "drafts" also means everything in the folder "drafts".
            if let Ok(folder) = Glob::new(&format!("{}/**", glob.get_ref().trim_end_matches('/'))) {
                builder.add(folder);
            }
        }
        builder
            .build()
            .map_err(|e| ConfigError::plain(format!("invalid globs: {e}")))
    }

    /// Compiles each table of one kind in the order merged, each a table of its own:
    /// `pick` is the kind's variant of [`RuleSpec`], `compile` compiles one table.
    pub fn each_table<'m, T>(
        &mut self,
        merged: &'m MergedRules,
        pick: fn(&'m RuleSpec) -> Option<&'m T>,
        compile: fn(&T, usize, &mut Compiler) -> Result<(), ConfigError>,
    ) -> Result<(), ConfigError> {
        for (origin, table) in merged.tables(pick) {
            self.next_table();
            match compile(table, origin, self) {
                Ok(()) => {}
                // A budget spent stops the compiling: going on would only spend more.
                Err(error) if error.budget.is_some() => return Err(error),
                Err(error) => self.errors.push(error),
            }
        }
        Ok(())
    }

    /// Starts a new rules table: the rules added next share its examples.
    pub fn next_table(&mut self) {
        self.table += 1;
    }

    /// Keeps what the Vale rule `id` needs to judge its matches.
    pub fn vale_matcher(&mut self, id: String, matcher: crate::check::vale::ValeMatcher) {
        self.vale.insert(id, matcher);
    }

    /// Something a run should say once about the rules.
    pub fn notice(&mut self, notice: String) {
        self.notices.push(notice);
    }

    /// Compiles a user regex written at `source` in the rules file `origin`, within what is
    /// left of the `regex_size` budget.
    pub fn regex(&mut self, origin: usize, source: &Spanned<String>) -> Result<Regex, ConfigError> {
        self.regex_with_case(origin, source, false)
    }

    /// [`Compiler::regex`], matching any casing when `case_insensitive`.
    pub fn regex_with_case(
        &mut self,
        origin: usize,
        source: &Spanned<String>,
        case_insensitive: bool,
    ) -> Result<Regex, ConfigError> {
        let compiled = self.regexes.compile(source.get_ref(), case_insensitive);
        compiled.map_err(|error| {
            let message = match error {
                RegexError::Invalid(error) => {
                    let (reason, place) = regex_syntax_message(&error);
                    return self
                        .error_at(origin, source.span(), format!("invalid regex: {reason}"))
                        .with_help(place);
                }
                RegexError::TooLarge => format!(
                    "pattern is too large (compiles past {} bytes); split it up",
                    super::budget::PATTERN_SIZE_LIMIT
                ),
                RegexError::OverBudget { limit } => {
                    let exceeded = Exceeded {
                        budget: Budget::RegexSize,
                        what: format!("the regexes up to this one need more than {limit} bytes"),
                    };
                    return self
                        .error_at(origin, source.span(), exceeded.to_string())
                        .with_budget(exceeded);
                }
            };
            self.error_at(origin, source.span(), message)
        })
    }

    /// Compiles a pattern written at `source` of the file `origin` (a Vale style's): in
    /// linear time when the regex crate can, else, when it needs look-around or a
    /// backreference, by backtracking within a limit.
    pub fn pattern(
        &mut self,
        origin: usize,
        source: &Spanned<String>,
    ) -> Result<Pattern, ConfigError> {
        match self.regex(origin, source) {
            Ok(regex) => Ok(Pattern::Linear(regex)),
            Err(error)
                if error.budget.is_none()
                    && crate::matcher::pattern::needs_backtracking(source.get_ref()) =>
            {
                Pattern::backtracking(source.get_ref()).map_err(|reason| {
                    self.error_at(origin, source.span(), format!("invalid regex: {reason}"))
                })
            }
            Err(error) => Err(error),
        }
    }

    /// Adds a rule from a kind's draft, which concerns a whole table (voice, visual): its
    /// place is the start of the rules file.
    pub fn add(&mut self, origin: usize, draft: RuleDraft) -> Result<(), ConfigError> {
        self.add_at(origin, 0..0, draft)
    }

    /// Adds a rule from a kind's draft, written at `span` of the rules file `origin`.
    pub fn add_at(
        &mut self,
        origin: usize,
        span: Range<usize>,
        draft: RuleDraft,
    ) -> Result<(), ConfigError> {
        let common = draft.common;
        let files = match &common.files {
            Some(globs) => Some(self.globs(origin, globs)?),
            None => None,
        };
        let exceptions = common.exceptions.unwrap_or_default();
        if let Some(empty) = exceptions.iter().find(|e| e.get_ref().trim().is_empty()) {
            return Err(self.error_at(origin, empty.span(), "an exception is empty"));
        }
        let exact_forms = (common.case == Some(CasePolicy::Exact) && !draft.phrases.is_empty())
            .then(|| {
                let flagged = draft
                    .phrases
                    .iter()
                    .filter(|(_, role)| *role == PhraseRole::Flag);
                flagged
                    .map(|(phrase, _)| single_spaced(phrase).into_owned())
                    .collect()
            });
        let rule = Rule {
            id: common
                .id
                .unwrap_or_else(|| {
                    format!("{}/{}", draft.kind.name(), draft.name.replace('_', "-"))
                })
                .into(),
            kind: draft.kind,
            severity: common.severity.unwrap_or(self.default_severity),
            message: common
                .message
                .unwrap_or_else(|| draft.default_message.to_string()),
            help: common.help,
            url: common.url,
            channels: common.channels,
            scopes: common.scopes,
            files,
            examples: common.examples,
            expected: draft.expected,
            defined_in: {
                let source = self.merged.source(origin);
                let text = source.text.as_bytes();
                let lines = self
                    .lines
                    .entry(origin)
                    .or_insert_with(|| crate::span::LineIndex::new(text));
                let (line, _) = lines.line_column(text, span.start);
                format!("{}:{line}", source.path.display())
            },
            matches: match &draft.regex {
                Some(regex) => vec![regex.as_str().to_string()],
                None => draft
                    .phrases
                    .iter()
                    .filter(|(_, role)| *role == PhraseRole::Flag)
                    .map(|(phrase, _)| phrase.clone())
                    .collect(),
            },
            table: self.table,
            exact_forms,
            has_exceptions: !exceptions.is_empty(),
        };
        self.drafts.push(CompiledDraft {
            rule,
            at: (origin, span),
            phrases: draft.phrases,
            regex: draft.regex,
            requirement: draft.requirement,
            term: draft.term,
            exceptions: exceptions.into_iter().map(Spanned::into_inner).collect(),
        });
        Ok(())
    }
}

/// A regex syntax error's reason ("unclosed group") and, apart, the pattern with a caret
/// under the place, as the regex crate writes them: the label in the rules file says the
/// first, the help the second. A message in another shape is all reason.
fn regex_syntax_message(message: &str) -> (String, Option<String>) {
    let lines: Vec<&str> = message.lines().collect();
    match (lines.first(), lines.last()) {
        (Some(&"regex parse error:"), Some(last)) if lines.len() >= 3 => {
            let reason = last.strip_prefix("error: ").unwrap_or(last).to_string();
            let place = lines[1..lines.len() - 1].join("\n");
            (reason, Some(format!("in the pattern:\n{place}")))
        }
        _ => (message.to_string(), None),
    }
}

/// Compiles merged rules files. `root` is the folder globs are relative to; `overrides`
/// are budgets given on the command line, which win over the files' `[limits]`.
pub fn compile(
    merged: &MergedRules,
    root: &Path,
    overrides: &LimitValues,
) -> Result<CompiledRules, ConfigError> {
    let limits = Limits::from_values(&merged.limits.overlaid(overrides));
    let mut compiler = Compiler {
        merged,
        root: root.to_path_buf(),
        default_severity: merged.default_severity.unwrap_or(Severity::Warning),
        drafts: Vec::new(),
        table: 0,
        regexes: RegexBudget::new(limits.regex_size),
        visual: None,
        errors: Vec::new(),
        lines: HashMap::new(),
        vale: HashMap::new(),
        notices: Vec::new(),
    };
    for kind in check::KINDS {
        if let Err(error) = kind.compile(merged, &mut compiler) {
            if error.budget.is_some() {
                return Err(error);
            }
            compiler.errors.push(error);
        }
    }
    if let Some(errors) = ConfigError::all(std::mem::take(&mut compiler.errors)) {
        return Err(errors);
    }
    let visual = compiler.visual.take();
    let ignore = compiler.file_globs(&merged.ignore)?;
    let email = compiler.file_globs(&merged.email)?;
    let ignore_selectors = merged
        .ignore_selectors
        .iter()
        .map(|FromFile { origin, value }| {
            Selector::parse(value.get_ref())
                .map_err(|e| compiler.error_at(*origin, value.span(), e))
        })
        .collect::<Result<Vec<_>, _>>()?;

    refuse_ids_taken_twice_in_one_file(&compiler)?;
    // A later file's table with the same rule id replaces an earlier one's (a pack extended
    // and adjusted); the phrases of one table may share an id.
    let mut last_table_with_id: HashMap<&str, usize> = HashMap::new();
    for draft in &compiler.drafts {
        last_table_with_id.insert(&draft.rule.id, draft.rule.table);
    }
    let keep: Vec<bool> = compiler
        .drafts
        .iter()
        .map(|d| last_table_with_id.get(d.rule.id.as_str()) == Some(&d.rule.table))
        .collect();

    check_rule_count(&compiler, &keep, limits.rules)?;

    let mut rules = Vec::new();
    let mut phrases = PhraseSetBuilder::default();
    let mut exceptions = PhraseSetBuilder::default();
    let mut patterns = Vec::new();
    let mut requirements = Vec::new();
    let mut terms = Vec::new();
    for (draft, kept) in std::mem::take(&mut compiler.drafts).into_iter().zip(keep) {
        if !kept {
            continue;
        }
        let index = rules.len();
        for (phrase, role) in draft.phrases {
            phrases.add(&phrase, (index, role));
        }
        for exception in draft.exceptions {
            exceptions.add(&exception, index);
        }
        if let Some(regex) = draft.regex {
            patterns.push(CompiledPattern { rule: index, regex });
        }
        if let Some(requirement) = draft.requirement {
            requirements.push((index, requirement));
        }
        if let Some(term) = draft.term {
            terms.push((index, term));
        }
        rules.push(draft.rule);
    }
    let voice = voice::VoiceRules::new(merged, &rules);
    let visual = visual.and_then(|settings| VisualRules::new(settings, &rules));
    let overrides = merged
        .overrides
        .iter()
        .map(|located| compile_override(&compiler, located, &rules))
        .collect::<Result<Vec<_>, _>>()?;
    let by_channel = [Channel::Markdown, Channel::Html, Channel::Email]
        .into_iter()
        .map(|channel| {
            let active = rules
                .iter()
                .map(|r| {
                    r.files.is_none() && r.channels.as_ref().is_none_or(|c| c.contains(&channel))
                })
                .collect();
            (channel, active)
        })
        .collect();
    let file_scoped = (0..rules.len())
        .filter(|&i| rules[i].files.is_some())
        .collect();
    Ok(CompiledRules {
        by_channel,
        file_scoped,
        origin: merged
            .sources
            .last()
            .map(|s| s.path.display().to_string())
            .unwrap_or_default(),
        sources: merged.sources.iter().map(|s| s.path.clone()).collect(),
        root: compiler.root,
        brand: merged.brand_name.clone(),
        rules,
        phrases: phrases.build(),
        exceptions: exceptions.build(),
        patterns,
        ignore,
        email,
        read: ReadOptions {
            ignore_selectors,
            visuals: visual.is_some(),
        },
        requirements,
        terms,
        voice,
        visual,
        overrides,
        conflicts: crate::config::conflict::find(merged),
        vale: std::mem::take(&mut compiler.vale),
        notices: std::mem::take(&mut compiler.notices),
        limits,
    })
}

/// Refuses two tables of one rules file that make rules with the same id when the second
/// would drop what the first matches (two `[[prefer]]` with the same `use` and other
/// wordings, say): a later table replaces an earlier one, which is how a phrase given again
/// is adjusted (`severity = "error"` for one banned phrase), but within one file it must not
/// lose a rule silently. The error stands at the second and names the line of the first.
fn refuse_ids_taken_twice_in_one_file(compiler: &Compiler) -> Result<(), ConfigError> {
    let mut first_at: HashMap<(&str, usize), &CompiledDraft> = HashMap::new();
    for draft in &compiler.drafts {
        let (origin, span) = &draft.at;
        let first = *first_at
            .entry((draft.rule.id.as_str(), *origin))
            .or_insert(draft);
        if first.rule.table == draft.rule.table || !draft.drops_what_it_matches(first) {
            continue;
        }
        let text = &compiler.merged.source(*origin).text;
        let before = text.get(..first.at.1.start).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let id = &draft.rule.id;
        return Err(compiler
            .error_at(
                *origin,
                span.clone(),
                format!(
                    "rule id `{id}` is already taken by the table at line {line}, which \
                     matches what this one does not"
                ),
            )
            .with_help(Some(
                "give one of the two tables its own `id`, or merge them into one table".into(),
            )));
    }
    Ok(())
}

/// The `rules` budget: the rules kept once later tables replace earlier ones must be no
/// more than `limit`; the error points at the first rule past it.
fn check_rule_count(
    compiler: &Compiler,
    keep: &[bool],
    limit: Option<u64>,
) -> Result<(), ConfigError> {
    let Some(limit) = limit else {
        return Ok(());
    };
    let first_past = compiler
        .drafts
        .iter()
        .zip(keep)
        .filter(|(_, kept)| **kept)
        .nth(usize::try_from(limit).unwrap_or(usize::MAX));
    match first_past {
        None => Ok(()),
        Some((draft, _)) => {
            let total = keep.iter().filter(|kept| **kept).count();
            let (origin, span) = draft.at.clone();
            let exceeded = Exceeded {
                budget: Budget::Rules,
                what: format!(
                    "{total} rules, more than {limit}; this is rule {} (each phrase of a \
                     [[banned]] table is a rule)",
                    limit + 1
                ),
            };
            Err(compiler
                .error_at(origin, span, exceeded.to_string())
                .with_budget(exceeded))
        }
    }
}

/// Compiles one `[[override]]`; a name in `disable` must be a kind or a rule of these rules.
fn compile_override(
    compiler: &Compiler,
    located: &FromFile<crate::config::schema::OverrideTable>,
    rules: &[Rule],
) -> Result<Override, ConfigError> {
    let FromFile { origin, value } = located;
    for name in &value.disable {
        let name_ref = name.get_ref();
        if !rules.iter().any(|rule| names_rule(name_ref, rule))
            && RuleKind::from_name(name_ref).is_none()
        {
            let kinds = RuleKind::ALL.iter().map(|k| -> &str { k.name() });
            let known = rules.iter().map(|r| r.id.as_str()).chain(kinds);
            let hint = crate::config::error::closest(name_ref, known)
                .map(|c| format!("did you mean `{c}`?"));
            return Err(compiler
                .error_at(
                    *origin,
                    name.span(),
                    format!("`disable` names no rule or kind of these rules: `{name_ref}`"),
                )
                .with_help(hint));
        }
    }
    Ok(Override {
        files: compiler.globs(*origin, &value.files)?,
        voice: value.voice.clone().unwrap_or_default(),
        disable: (0..rules.len())
            .filter(|&index| {
                value
                    .disable
                    .iter()
                    .any(|name| names_rule(name.get_ref(), &rules[index]))
            })
            .collect(),
    })
}

/// How rules files are loaded: where their `extends` may reach, and the budgets given on
/// the command line, which win over a file's `[limits]`.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Where the files a rules file extends may lie.
    pub reach: Reach,
    /// Budgets from the command line.
    pub limits: LimitValues,
}

/// Loads and compiles a rules file and everything it extends inside its repository, with
/// the default budgets. Globs are relative to the file's folder.
pub fn load_rules(path: &Path) -> Result<CompiledRules, ConfigError> {
    load_rules_with(path, &LoadOptions::default())
}

/// [`load_rules`], as `options` say.
pub fn load_rules_with(path: &Path, options: &LoadOptions) -> Result<CompiledRules, ConfigError> {
    compile_text(&load::read_text(path)?, path, options)
}

/// Compiles rules given as text, as if read from the file at `origin`: errors name it,
/// `extends` paths and globs are relative to its folder. The file need not exist.
pub fn load_rules_from_str(text: &str, origin: &Path) -> Result<CompiledRules, ConfigError> {
    compile_text(text, origin, &LoadOptions::default())
}

fn compile_text(
    text: &str,
    origin: &Path,
    options: &LoadOptions,
) -> Result<CompiledRules, ConfigError> {
    let merged = load::load_text(origin, text.to_string(), &options.reach)?;
    let root = origin
        .parent()
        .map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        })
        .unwrap_or(Path::new("."));
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    compile(&merged, &root, &options.limits)
}

/// The embedded default pack, compiled, with globs relative to `root`.
pub fn default_rules(root: &Path) -> Result<CompiledRules, ConfigError> {
    default_rules_limited(root, &LimitValues::default())
}

/// [`default_rules`], with budgets given on the command line.
pub fn default_rules_limited(
    root: &Path,
    overrides: &LimitValues,
) -> Result<CompiledRules, ConfigError> {
    let merged = load::load_default()?;
    compile(&merged, root, overrides)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_given_as_text_compile_as_the_same_file_would() {
        let pack = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/examples/acme.toml");
        let text = std::fs::read_to_string(&pack).unwrap();
        let from_file = load_rules(&pack).unwrap();
        let from_text = load_rules_from_str(&text, &pack).unwrap();
        let ids = |rules: &CompiledRules| -> Vec<String> {
            rules.rules.iter().map(|r| r.id.to_string()).collect()
        };
        assert_eq!(ids(&from_text), ids(&from_file));
        assert_eq!(from_text.relative(&pack), Path::new("acme.toml"));
    }

    #[test]
    fn rules_given_as_text_extend_files_next_to_their_origin() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let text = "[brand]\nextends = [\"../rules/examples/acme.toml\"]\n";
        let origin = root.join("fixtures/not-on-disk.toml");
        let rules = load_rules_from_str(text, &origin).unwrap();
        assert!(rules.rules.iter().any(|r| r.id == "term/Acme"));
        let error =
            load_rules_from_str("[brand]\nextends = [\"missing.toml\"]\n", &origin).unwrap_err();
        assert!(
            error.message.contains("not-on-disk.toml"),
            "{}",
            error.message
        );
        assert!(
            error.message.contains("does not exist"),
            "{}",
            error.message
        );
    }

    #[test]
    fn two_tables_of_one_file_with_one_id_are_an_error_naming_both_lines() {
        let text = "[[prefer]]\nuse = \"use\"\ninstead_of = [\"utilize\"]\n\n\
                    [[prefer]]\nuse = \"use\"\ninstead_of = [\"leverage\"]\n";
        let error = load_rules_from_str(text, Path::new("brandlint.toml")).unwrap_err();
        assert!(
            error
                .message
                .contains("rule id `prefer/use` is already taken by the table at line 2, which"),
            "{}",
            error.message
        );
        let own_ids = text.replace(
            "instead_of = [\"leverage\"]",
            "instead_of = [\"leverage\"]\nid = \"prefer/use-2\"",
        );
        let rules = load_rules_from_str(&own_ids, Path::new("brandlint.toml")).unwrap();
        assert_eq!(rules.rules.len(), 2);
        let adjusted = "[[banned]]\nphrases = [\"synergy\", \"leverage\"]\n\
                        [[banned]]\nphrases = [\"synergy\"]\nseverity = \"error\"\n";
        let rules = load_rules_from_str(adjusted, Path::new("brandlint.toml")).unwrap();
        let synergy = rules.rule("banned/synergy").unwrap();
        assert_eq!(
            synergy.severity,
            Severity::Error,
            "a phrase given again is adjusted"
        );
    }

    #[test]
    fn a_later_file_replaces_a_rule_of_the_file_it_extends() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("base.toml");
        std::fs::write(
            &base,
            "[[banned]]\nphrases = [\"synergy\"]\nseverity = \"info\"\n",
        )
        .unwrap();
        let text = "[brand]\nextends = [\"base.toml\"]\n[[banned]]\nphrases = [\"synergy\"]\nseverity = \"error\"\n";
        let rules = load_rules_from_str(text, &dir.path().join("brandlint.toml")).unwrap();
        let synergy: Vec<_> = rules
            .rules
            .iter()
            .filter(|r| r.id == "banned/synergy")
            .collect();
        assert_eq!(synergy.len(), 1);
        assert_eq!(synergy[0].severity, Severity::Error);
    }
}
