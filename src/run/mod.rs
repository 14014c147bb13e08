//! A whole `check` run without the printing: find the files, find each file's rules (compiled
//! once per rules file), lint in parallel, and return the reports in a deterministic order
//! together with the notices a person should see.

pub mod changed;
pub mod cut;
pub mod select;
pub mod shard;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;

use crate::baseline::Baseline;
use crate::check::CompiledRules;
use crate::config;
use crate::config::conflict::RuleConflict;
use crate::config::discover::Discovery;
use crate::config::error::ConfigError;
use crate::config::load::Reach;
use crate::fix::Selection;
use crate::limits::{Exceeded, LimitValues, Limits};
use crate::lint::{self, FileReport, FixMode, LintOptions};
use crate::model::Severity;
use crate::read;
use crate::read::FileType;
use crate::walk::{self, display_path, DisplayPaths};
pub use changed::ChangedLines;
use cut::FindingsCut;
pub use select::RuleSelection;
pub use shard::Shard;

/// What to check and how.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// Files and folders; the current folder when empty and there is no list.
    pub paths: Vec<PathBuf>,
    /// Files and folders from a list (`--files-from`), such as the files a change touched:
    /// those of no known channel and those that no longer exist are skipped silently. An
    /// empty list checks nothing: a change that touched no file has nothing to check.
    pub listed: Option<Vec<PathBuf>>,
    /// A rules file that overrides discovery.
    pub rules: Option<PathBuf>,
    /// Where the files rules files extend may lie (and discovered rules files themselves).
    pub reach: Reach,
    /// A tree of rules files, laid out as the current folder, to take rules from instead of
    /// the rules files beside the content (`--rules-tree`).
    pub rules_tree: Option<PathBuf>,
    /// Skip `.gitignore`, `.ignore` and `[files] ignore`.
    pub no_ignore: bool,
    /// What to do with fixes; standard input is never written, its fixed text is returned.
    pub fix: FixMode,
    /// Which fixes are applied: the safe ones, or unsafe ones too (`--unsafe-fixes`).
    pub fixes: Selection,
    /// Files larger than this many bytes are not read, but reported (`io/too-large`).
    pub max_file_size: Option<u64>,
    /// Content read from standard input, with the name it goes by.
    pub stdin: Option<(PathBuf, Vec<u8>)>,
    /// The folder paths are printed relative to.
    pub current_dir: PathBuf,
    /// When set, only the files among those the paths and list give that are one of these
    /// absolute paths or lie under one are checked: a watch re-checks just what changed.
    pub restrict_to: Option<HashSet<PathBuf>>,
    /// Let each file's text go once its report is made ([`FileReport::release_text`]), when
    /// no reporter of the run shows the text around a finding: the run then holds findings,
    /// not files.
    pub release_text: bool,
    /// Budgets given on the command line, which win over the rules files' `[limits]`.
    pub limits: LimitValues,
    /// Report only findings at this severity or above (all when `None`); the findings
    /// budgets count only those.
    pub min_severity: Option<Severity>,
    /// Findings known before, left out of the reports (`.brandlint-baseline.json`); shared
    /// with the caller, who asks it afterwards how many it left out and how many are gone.
    pub baseline: Option<Arc<Mutex<Baseline>>>,
    /// When set, only these files are checked and only findings on their changed lines
    /// (or about their whole document) are reported (`--changed-since`).
    pub changed: Option<Arc<ChangedLines>>,
    /// The rules whose findings are reported (`--select`, `--ignore`).
    pub selection: RuleSelection,
    /// Report the disable comments that switch nothing off (`suppress/unused`).
    pub report_unused_disables: bool,
    /// Check only this part of the files (`--shard I/N`).
    pub shard: Option<Shard>,
}

/// What a run found.
#[derive(Debug, Default)]
pub struct CheckRun {
    /// One report per file checked, sorted by path.
    pub reports: Vec<FileReport>,
    /// Things to tell the user that are not findings (the default pack is in use, a named
    /// file of no known channel was skipped).
    pub notices: Vec<String>,
    /// Rules that contradict or repeat each other, from every rules file used, once each.
    pub conflicts: Vec<RuleConflict>,
    /// Every rules file the run read, extended ones included, absolute: a change to any of
    /// them changes how every file it governs is checked.
    pub rules_files: Vec<PathBuf>,
    /// The findings budgets the run hit.
    pub exceeded: Vec<Exceeded>,
    /// The `output_size` budget of the run's outputs.
    pub output_size: Option<u64>,
}

/// Finds and compiles the rules for each file, each rules file once.
struct RulesResolver {
    explicit: Option<Arc<CompiledRules>>,
    discovery: Discovery,
    /// How rules files are loaded: where they may reach, and the command line's budgets.
    load: crate::check::LoadOptions,
    loaded: HashMap<PathBuf, Arc<CompiledRules>>,
    default: Option<Arc<CompiledRules>>,
    current_dir: PathBuf,
    conflicts: Vec<RuleConflict>,
}

impl RulesResolver {
    /// Loads the rules file named with `--rules`, if any; the rest are found per file.
    fn new(options: &CheckOptions) -> Result<Self, ConfigError> {
        let reach = match (&options.rules_tree, &options.reach) {
            (Some(tree), Reach::Repository) => Reach::Within(tree.clone()),
            (_, reach) => reach.clone(),
        };
        let load = crate::check::LoadOptions {
            reach,
            limits: options.limits,
        };
        Ok(Self {
            explicit: match &options.rules {
                Some(path) => Some(Arc::new(crate::check::load_rules_with(path, &load)?)),
                None => None,
            },
            conflicts: Vec::new(),
            discovery: match &options.rules_tree {
                Some(tree) => Discovery::in_tree(tree, &options.current_dir),
                None => Discovery::default(),
            },
            load,
            loaded: HashMap::new(),
            default: None,
            current_dir: options.current_dir.clone(),
        })
    }

    /// The budgets of the run as a whole: the command line's, else the strictest of the
    /// rules files used.
    fn run_limits(&self) -> Limits {
        let mut used = self
            .explicit
            .iter()
            .chain(self.loaded.values())
            .chain(self.default.iter())
            .map(|rules| rules.limits);
        let first = used
            .next()
            .unwrap_or_else(|| Limits::from_values(&self.load.limits));
        used.fold(first, |all, limits| Limits {
            findings: Limits::stricter(all.findings, limits.findings),
            output_size: Limits::stricter(all.output_size, limits.output_size),
            ..all
        })
    }

    fn for_file(&mut self, absolute: &Path) -> Result<Arc<CompiledRules>, ConfigError> {
        if let Some(rules) = &self.explicit {
            return Ok(rules.clone());
        }
        match self.discovery.rules_for(absolute) {
            Some(path) => {
                if let Some(rules) = self.loaded.get(&path) {
                    return Ok(rules.clone());
                }
                // Found, not named: a link to a file outside the repository is not read.
                let root = self.load.reach.root_for(&path);
                Reach::check_inside(root.as_deref(), &path, "rules file")
                    .map_err(ConfigError::plain)?;
                let mut rules = crate::check::load_rules_with(&path, &self.load)?;
                if let Some(folder) = self.discovery.stands_for(&path) {
                    rules.root = folder;
                }
                let rules = Arc::new(rules);
                self.conflicts.extend(rules.conflicts.iter().cloned());
                self.loaded.insert(path, rules.clone());
                Ok(rules)
            }
            None => {
                if self.default.is_none() {
                    let rules =
                        crate::check::default_rules_limited(&self.current_dir, &self.load.limits)?;
                    self.conflicts.extend(rules.conflicts.iter().cloned());
                    self.default = Some(Arc::new(rules));
                }
                Ok(self.default.clone().expect("just set"))
            }
        }
    }
}

/// Runs a check. Fails only on a rules file that cannot be used; every problem with content
/// is a finding in the result.
pub fn check(options: CheckOptions) -> Result<CheckRun, ConfigError> {
    let release_text = options.release_text;
    let mut plan = plan(options)?;
    let mut reports = Vec::new();
    let notices = std::mem::take(&mut plan.notices);
    let conflicts = std::mem::take(&mut plan.conflicts);
    let rules_files = std::mem::take(&mut plan.rules_files);
    let output_size = plan.limits.output_size;
    let exceeded = plan.run(|mut report| {
        if release_text {
            report.release_text();
        }
        reports.push(report);
    });
    Ok(CheckRun {
        reports,
        notices,
        conflicts,
        rules_files,
        exceeded,
        output_size,
    })
}

/// A check ready to run: the files found and the rules of each, in the order their reports
/// come, with what a person should know before they do.
pub struct Plan {
    items: Vec<Item>,
    lint_options: LintOptions,
    min_severity: Option<Severity>,
    /// The baseline whose findings are left out.
    baseline: Option<Arc<Mutex<Baseline>>>,
    /// The changed lines findings must touch, when only those are reported.
    changed: Option<Arc<ChangedLines>>,
    /// The folder display paths start from.
    current_dir: PathBuf,
    /// The rules whose findings are reported.
    selection: RuleSelection,
    /// Whether `suppress/unused` findings are reported.
    report_unused_disables: bool,
    /// The budgets of the run as a whole (`findings`, `output_size`).
    pub limits: Limits,
    /// Things to tell the user that are not findings, as in [`CheckRun::notices`].
    pub notices: Vec<String>,
    /// Rules that contradict or repeat each other, as in [`CheckRun::conflicts`].
    pub conflicts: Vec<RuleConflict>,
    /// The rules files read, as in [`CheckRun::rules_files`].
    pub rules_files: Vec<PathBuf>,
}

/// A report known before linting, or a file to lint; each with its file's
/// `findings_per_file` budget.
enum Item {
    Ready(FileReport, Option<u64>),
    Lint {
        rules: Arc<CompiledRules>,
        path: PathBuf,
        display: String,
        file_type: FileType,
        origin: walk::Origin,
    },
}

impl Item {
    /// The item's report: the one it holds, or its file's, linted now (`None` for a file
    /// that the walk found and that is binary or gone, as [`lint::lint_file`] says).
    fn report(self, lint_options: LintOptions) -> Option<(FileReport, Option<u64>)> {
        match self {
            Item::Ready(report, per_file) => Some((report, per_file)),
            Item::Lint {
                rules,
                path,
                display,
                file_type,
                origin,
            } => lint::lint_file(&rules, &path, display, file_type, lint_options, origin)
                .map(|report| (report, rules.limits.findings_per_file)),
        }
    }

    fn display_path(&self) -> &str {
        match self {
            Item::Ready(report, _) => &report.display_path,
            Item::Lint { display, .. } => display,
        }
    }
}

/// Files linted at once, per thread: enough to keep every core busy between the points
/// where reports are handed over in order, few enough that memory is bounded by the
/// largest files rather than by the corpus.
const BATCH_PER_THREAD: usize = 64;

impl Plan {
    /// Lints the files in parallel and hands every report to `each`, in order (sorted by
    /// path), each as soon as the reports before it are handed over, its findings known to
    /// the baseline, off the changed lines (with `changed`), below the minimum severity and
    /// of rules not selected left out, and cut to the findings budgets. Returns the budgets
    /// the run hit.
    ///
    /// Files are linted a batch at a time on a thread of their own, so that while `each`
    /// writes one batch's reports the next batch is being linted. At most three batches are
    /// held at once: the one handed over, one waiting, and one being linted.
    pub fn run(self, mut each: impl FnMut(FileReport)) -> Vec<Exceeded> {
        let lint_options = self.lint_options;
        let min_severity = self.min_severity;
        let (baseline, changed, current_dir) = (self.baseline, self.changed, self.current_dir);
        let selection = self.selection;
        let report_unused_disables = self.report_unused_disables;
        let mut cut = FindingsCut::new(self.limits.findings);
        let batch = BATCH_PER_THREAD * rayon::current_num_threads().max(1);
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<_>>(1);
        let items = self.items;
        std::thread::scope(|scope| {
            scope.spawn(move || {
                let mut items = items.into_iter().peekable();
                while items.peek().is_some() {
                    let chunk: Vec<Item> = items.by_ref().take(batch).collect();
                    let reports = chunk
                        .into_par_iter()
                        .filter_map(|item| item.report(lint_options))
                        .collect();
                    if sender.send(reports).is_err() {
                        return; // nobody is taking reports any more
                    }
                }
            });
            for reports in receiver {
                for (mut report, per_file) in reports {
                    if !report_unused_disables {
                        report.retain_findings(|f| f.rule != crate::check::suppress::UNUSED);
                    }
                    if let Some(baseline) = &baseline {
                        baseline
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .leave_out_known(&mut report, &current_dir);
                    }
                    if let Some(changed) = &changed {
                        let path = walk::normalized(&current_dir.join(&report.display_path));
                        changed.keep_changed(&mut report, &path);
                    }
                    if min_severity.is_some() || !selection.is_everything() {
                        let min = min_severity.unwrap_or(Severity::Info);
                        let before = report.findings.len();
                        report.retain_findings(|f| f.severity >= min && selection.reports(f));
                        report.hidden += before - report.findings.len();
                    }
                    cut.apply(&mut report, per_file);
                    each(report);
                }
            }
        });
        cut.exceeded()
    }
}

impl From<&CheckOptions> for LintOptions {
    fn from(options: &CheckOptions) -> Self {
        Self {
            fix: options.fix,
            fixes: options.fixes,
            max_file_size: options.max_file_size,
        }
    }
}

/// Finds the files to check and the rules of each, compiling each rules file once: all of
/// a check but the linting. Fails only on a rules file that cannot be used.
pub fn plan(mut options: CheckOptions) -> Result<Plan, ConfigError> {
    if let Some(stdin) = options.stdin.take() {
        let resolver = RulesResolver::new(&options)?;
        return plan_stdin(&options, resolver, stdin);
    }
    // The walk needs no rules: it runs on a thread of its own while they are compiled. A
    // rules file that fails to load ends the run without waiting for it.
    let walk = {
        let options = options.clone();
        std::thread::spawn(move || find_targets(&options))
    };
    let resolver = RulesResolver::new(&options)?;
    let found = walk
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    plan_files(&options, resolver, found)
}

/// The files named or found under the folders named, sorted, and the folders that could
/// not be read.
fn find_targets(options: &CheckOptions) -> (Vec<walk::Target>, Vec<walk::WalkError>) {
    let paths = if options.paths.is_empty() && options.listed.is_none() {
        vec![PathBuf::from(".")]
    } else {
        options.paths.clone()
    };
    let (mut targets, mut walk_errors) = walk::targets(&paths, !options.no_ignore);
    let (listed, listed_errors) = listed_targets(options);
    targets.extend(listed);
    walk_errors.extend(listed_errors);
    targets.sort();
    targets.dedup_by(|a, b| a.path == b.path);
    (targets, walk_errors)
}

/// The files of the `--files-from` list: a listed folder is walked, a path that is a
/// symbolic link or goes through one is not followed, and a path that does not exist (a
/// file the change deleted) is left out.
fn listed_targets(options: &CheckOptions) -> (Vec<walk::Target>, Vec<walk::WalkError>) {
    let mut targets = Vec::new();
    let mut folders = Vec::new();
    for path in options.listed.iter().flatten() {
        let Ok(metadata) = std::fs::symlink_metadata(path) else {
            continue;
        };
        let origin = if walk::goes_through_link(path, &options.current_dir) {
            walk::Origin::ListedLink
        } else if metadata.is_dir() {
            folders.push(path.clone());
            continue;
        } else {
            walk::Origin::Listed
        };
        targets.push(walk::Target {
            path: path.clone(),
            origin,
        });
    }
    let (found, errors) = walk::targets(&folders, !options.no_ignore);
    targets.extend(found.into_iter().map(|target| walk::Target {
        origin: walk::Origin::Found,
        ..target
    }));
    (targets, errors)
}

/// [`plan`] for text read from standard input, named `name`.
fn plan_stdin(
    options: &CheckOptions,
    mut resolver: RulesResolver,
    (name, bytes): (PathBuf, Vec<u8>),
) -> Result<Plan, ConfigError> {
    let current_dir = &options.current_dir;
    let mut run = CheckRun::default();
    let stdin_mode = match options.fix {
        FixMode::Write => FixMode::Return,
        other => other,
    };
    let absolute = current_dir.join(&name);
    let rules = resolver.for_file(&absolute)?;
    let display = display_path(&absolute, current_dir);
    let per_file = rules.limits.findings_per_file;
    let size = bytes.len() as u64;
    match read::detect(&absolute, rules.is_email(&absolute)) {
        Some(FileType { channel, .. })
            if options.max_file_size.is_some_and(|limit| size > limit) =>
        {
            let limit = options.max_file_size.unwrap_or_default();
            let finding = crate::check::io::too_large(size, limit);
            run.reports.push(FileReport::new(
                display,
                Some(channel),
                String::new(),
                vec![finding],
            ));
        }
        Some(file_type) => run.reports.push(lint::lint_bytes(
            &rules,
            &absolute,
            display,
            file_type,
            bytes,
            stdin_mode,
            options.fixes,
        )),
        None => run
            .notices
            .push(format!("{display}: skipped: not a known kind of content")),
    }
    note_rules(&resolver, &mut run);
    Ok(Plan {
        items: run
            .reports
            .into_iter()
            .map(|report| Item::Ready(report, per_file))
            .collect(),
        lint_options: LintOptions::from(options),
        min_severity: options.min_severity,
        baseline: options.baseline.clone(),
        changed: options.changed.clone(),
        current_dir: options.current_dir.clone(),
        selection: options.selection.clone(),
        report_unused_disables: options.report_unused_disables,
        limits: resolver.run_limits(),
        notices: run.notices,
        conflicts: run.conflicts,
        rules_files: run.rules_files,
    })
}

/// [`plan`] for the files found: the targets the walk found and the folders it could not
/// read.
fn plan_files(
    options: &CheckOptions,
    mut resolver: RulesResolver,
    (targets, mut walk_errors): (Vec<walk::Target>, Vec<walk::WalkError>),
) -> Result<Plan, ConfigError> {
    let current_dir = &options.current_dir;
    let mut run = CheckRun::default();
    let mut jobs = Vec::new();
    let mut display_paths = DisplayPaths::new(current_dir);
    for target in targets {
        let absolute = std::path::absolute(&target.path).unwrap_or_else(|_| target.path.clone());
        if options
            .restrict_to
            .as_ref()
            .is_some_and(|only| !only.iter().any(|path| absolute.starts_with(path)))
        {
            continue;
        }
        let display = display_paths.of(&target.path);
        if options.shard.is_some_and(|shard| !shard.contains(&display)) {
            continue;
        }
        let rules = resolver.for_file(&absolute)?;
        let named = target.origin == walk::Origin::Named;
        if !options.no_ignore
            && (rules.ignores(&absolute) || (!named && walk::is_legal_boilerplate(&target.path)))
        {
            continue;
        }
        match read::detect(&absolute, rules.is_email(&absolute)) {
            Some(FileType { channel, .. }) if target.origin == walk::Origin::ListedLink => {
                run.reports.push(FileReport::new(
                    display,
                    Some(channel),
                    String::new(),
                    vec![crate::check::io::symbolic_link()],
                ));
            }
            Some(file_type) => jobs.push(Item::Lint {
                rules,
                path: absolute,
                display,
                file_type,
                origin: target.origin,
            }),
            None if named && !target.path.exists() => {
                // What the file system says: a link that leads to itself is a loop, not a
                // missing file.
                let error = match std::fs::metadata(&target.path) {
                    Err(error) if error.kind() != std::io::ErrorKind::NotFound => error,
                    _ => std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "no such file or folder",
                    ),
                };
                run.reports.push(FileReport::unreadable(display, None, &error));
            }
            None if named => run.notices.push(format!(
                "{display}: skipped: not a known kind of content (see `[files] email` for other email templates)"
            )),
            None => {}
        }
    }
    // A restricted run adds to an earlier full one, which reported the folders it could not read.
    if options.restrict_to.is_some() {
        walk_errors.clear();
    }
    for error in walk_errors {
        let display = error
            .path
            .as_deref()
            .map_or_else(|| ".".to_string(), |p| display_path(p, current_dir));
        if options.shard.is_some_and(|shard| !shard.contains(&display)) {
            continue;
        }
        let error = std::io::Error::other(error.message);
        run.reports
            .push(FileReport::unreadable(display, None, &error));
    }
    // Reports known now come before the files linted, then all go by path: a stable sort,
    // as the reports themselves were once sorted.
    let limits = resolver.run_limits();
    let mut items: Vec<Item> = run
        .reports
        .drain(..)
        .map(|report| Item::Ready(report, limits.findings_per_file))
        .collect();
    items.extend(jobs);
    items.sort_by(|a, b| a.display_path().cmp(b.display_path()));
    note_rules(&resolver, &mut run);
    Ok(Plan {
        items,
        lint_options: LintOptions::from(options),
        min_severity: options.min_severity,
        baseline: options.baseline.clone(),
        changed: options.changed.clone(),
        current_dir: options.current_dir.clone(),
        selection: options.selection.clone(),
        report_unused_disables: options.report_unused_disables,
        limits,
        notices: run.notices,
        conflicts: run.conflicts,
        rules_files: run.rules_files,
    })
}

/// Adds what the user should know about the rules used: their conflicts, and whether the
/// built-in pack stood in for a rules file.
fn note_rules(resolver: &RulesResolver, run: &mut CheckRun) {
    let mut rules_files: Vec<PathBuf> = resolver
        .explicit
        .iter()
        .chain(resolver.loaded.values())
        .flat_map(|rules| rules.sources.iter())
        .map(|path| walk::normalized(path))
        .collect();
    rules_files.sort();
    rules_files.dedup();
    run.rules_files = rules_files;
    let explicit = resolver
        .explicit
        .iter()
        .flat_map(|r| r.conflicts.iter().cloned());
    run.conflicts = explicit.chain(resolver.conflicts.iter().cloned()).collect();
    // What each rules file used says of its own rules (Vale rules not run), once.
    let rules_notices = resolver
        .explicit
        .iter()
        .chain(resolver.loaded.values())
        .flat_map(|rules| rules.notices.iter().cloned());
    run.notices.extend(rules_notices);
    if resolver.default.is_some() {
        run.notices.insert(
            0,
            format!(
                "no brandlint.toml found; using the built-in {} (run `brandlint init` to write your own)",
                config::load::DEFAULT_PACK_NAME
            ),
        );
    }
}
