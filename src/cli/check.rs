//! `brandlint check`: its arguments, the run, and the printing of its findings.
//!
//! Findings are printed along one path, [`Outputs`]: the main output and every --report
//! file, each with its format's [`Reporter`] and its own `output_size` budget, fed each
//! file's report in path order. A check feeds them as its files are checked; --watch and
//! --fix on standard input feed them the reports of a whole run. --diff prints a diff
//! instead.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use brandlint::baseline::Baseline;
use brandlint::config::conflict::RuleConflict;
use brandlint::config::error::ConfigError;
use brandlint::fix::Selection;
use brandlint::limits::output::{Limited, OutputBudgetSpent};
use brandlint::limits::{Exceeded, LimitValues};
use brandlint::lint::{FileReport, FixMode};
use brandlint::model::Severity;
use brandlint::report::{self, Format, Reporter, Statistics, Style, Summary};
use brandlint::run::{self, ChangedLines, CheckOptions, CheckRun, RuleSelection, Shard};
use clap::ValueEnum;

use super::{
    config_error, current_dir, say_error, usage_error, RulesSource, EXIT_FINDINGS, EXIT_USAGE,
};

/// The arguments of `brandlint check`.
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("fixing").args(["fix", "diff"]).multiple(true))]
pub(super) struct CheckArgs {
    /// Files and folders to check (default: the current folder, unless --files-from is
    /// given); `-` reads standard input (needs --stdin-filename).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Also check the files listed in FILE, one per line (or NUL-separated, as `git diff -z`
    /// writes); listed files of no known kind and files that no longer exist are skipped,
    /// and an empty list checks nothing.
    #[arg(long, value_name = "FILE")]
    files_from: Option<PathBuf>,
    #[command(flatten)]
    source: RulesSource,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Also write the findings to FILE in FORMAT (`sarif=results.sarif`); may be repeated.
    #[arg(long, value_name = "FORMAT=FILE", value_parser = parse_report)]
    report: Vec<(Format, PathBuf)>,
    /// Report only findings at this severity or above.
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = Severity::Info)]
    min_severity: Severity,
    /// Report only these rules: a rule id (`term/GitHub`), a kind (`voice`) or a prefix
    /// ending in `*` (`term/Git*`); repeatable, or a comma list.
    #[arg(long, value_name = "RULE")]
    select: Vec<String>,
    /// Do not report these rules (as --select names them); wins over --select.
    #[arg(long, value_name = "RULE")]
    ignore: Vec<String>,
    /// Report each disable comment that switches no finding off (`suppress/unused`).
    #[arg(long)]
    report_unused_disables: bool,
    /// Check only the I-th of N parts of the files (`2/4`), each file in exactly one part
    /// on every machine: for a run spread over N jobs.
    #[arg(long, value_name = "I/N")]
    shard: Option<Shard>,
    /// Fail (exit 1) when there are more warnings than this.
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// After the findings, count them per rule.
    #[arg(long)]
    statistics: bool,
    /// Do not honour .gitignore, .ignore or [files] ignore.
    #[arg(long)]
    no_ignore: bool,
    /// The file name that standard input stands for (sets channel and rules); without a
    /// PATH, standard input is read as `-` would.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<PathBuf>,
    /// When to use colors.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// How many files to check at once (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Print findings only: no summary line, no notices.
    #[arg(long, short = 'q')]
    pub(super) quiet: bool,
    /// Apply the safe fixes, writing files in place (standard input: print the fixed text);
    /// the findings left are reported.
    #[arg(long, conflicts_with_all = ["diff", "watch"])]
    fix: bool,
    /// Print the fixes as a unified diff and write nothing.
    #[arg(long, conflicts_with = "watch")]
    diff: bool,
    /// With --fix or --diff, apply the unsafe fixes too: those that may change what the text
    /// means (contractions, one word swapped for another, image alt text).
    #[arg(long, requires = "fixing")]
    unsafe_fixes: bool,
    /// Do not read files larger than this (`10MB`, `512 KiB`, `0` for no limit); each one is
    /// reported as `io/too-large`.
    #[arg(long, value_name = "SIZE", default_value = "10MB", value_parser = parse_file_size)]
    max_file_size: u64,
    /// Keep running: re-check files as they change and print the findings again.
    #[arg(long, short = 'w')]
    pub(super) watch: bool,
    /// Leave out the findings recorded in this baseline file (default:
    /// .brandlint-baseline.json beside the rules file, when it exists).
    #[arg(long, value_name = "FILE", conflicts_with = "no_baseline")]
    baseline: Option<PathBuf>,
    /// Use no baseline: report every finding.
    #[arg(long)]
    no_baseline: bool,
    /// Report only findings on lines added or changed since the merge base of REF and HEAD
    /// (and findings about a whole document, such as a missing required phrase, in files
    /// that changed); only changed files are checked. Needs git.
    #[arg(long, value_name = "REF", conflicts_with = "watch")]
    changed_since: Option<String>,
    /// Refuse a rules file of more than N rules after `extends` (default 20000; `0` for no
    /// limit). Wins over `[limits] rules`, as do the other budgets over theirs.
    #[arg(long, value_name = "N", help_heading = "Budgets")]
    max_rules: Option<u64>,
    /// Refuse a rules file whose regexes compile to more than SIZE together, lazy DFA
    /// caches included (default 256MiB; `0` for no limit).
    #[arg(long, value_name = "SIZE", value_parser = parse_file_size, help_heading = "Budgets")]
    max_regex_size: Option<u64>,
    /// Report at most N findings of a file, then one `limits/findings-per-file` (default
    /// 1000; `0` for no limit).
    #[arg(long, value_name = "N", help_heading = "Budgets")]
    max_findings_per_file: Option<u64>,
    /// Report at most N findings in the run, in path order, then one `limits/findings`
    /// (default 50000; `0` for no limit).
    #[arg(long, value_name = "N", help_heading = "Budgets")]
    max_findings: Option<u64>,
    /// Write at most SIZE to standard output and to each --report file (default 100MiB;
    /// `0` for no limit).
    #[arg(long, value_name = "SIZE", value_parser = parse_file_size, help_heading = "Budgets")]
    max_output_size: Option<u64>,
}

/// A baseline a check uses, shared with its run.
type BaselineInUse = std::sync::Arc<std::sync::Mutex<Baseline>>;

/// `--max-file-size` when not given: 10 MB.
pub(super) const DEFAULT_MAX_FILE_SIZE: u64 = 10_000_000;

/// Parses a size (`--max-file-size`, `--max-regex-size`, `--max-output-size`): a number of
/// bytes with an optional unit (`10MB`, `2 MiB`).
fn parse_file_size(value: &str) -> Result<u64, String> {
    parse_size::parse_size(value).map_err(|error| format!("{error} (try `10MB` or `512KiB`)"))
}

/// Parses `--report FORMAT=FILE`.
fn parse_report(value: &str) -> Result<(Format, PathBuf), String> {
    let names = Format::ALL
        .iter()
        .map(|f| f.name())
        .collect::<Vec<_>>()
        .join(", ");
    let Some((name, path)) = value.split_once('=') else {
        return Err(format!(
            "expected FORMAT=FILE, where FORMAT is one of {names}"
        ));
    };
    let format = Format::from_str(name, false)
        .map_err(|_| format!("no format `{name}`; formats are {names}"))?;
    if path.is_empty() {
        return Err("the file name after `=` is empty".to_string());
    }
    Ok((format, PathBuf::from(path)))
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

/// `brandlint check`: one run, or a run and then one per change with --watch.
/// What to check, from the arguments (standard input is read here), with the thread pool
/// built: all a check or a watch needs before it runs.
pub(super) fn prepare(args: &CheckArgs) -> Result<CheckOptions, ExitCode> {
    let options = check_options(args)?;
    // The pool is built now rather than at first use, so that its threads start while the
    // rules compile. No `--jobs` leaves the count to rayon: one per core, or
    // RAYON_NUM_THREADS. Building only fails when a pool already exists, which cannot
    // happen this early.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.map_or(0, |jobs| jobs.max(1)))
        .build_global();
    Ok(options)
}

/// `brandlint check` without `--watch`: one run, printed.
pub(super) fn check(args: CheckArgs, options: CheckOptions) -> ExitCode {
    // --diff and --fix on standard input print something else first (the diff, the fixed
    // text), so they take the whole run; every other check prints as files are checked.
    let fix_stdin = (options.stdin.as_ref())
        .filter(|_| args.fix)
        .map(|(_, bytes)| bytes.clone());
    if !args.diff && fix_stdin.is_none() {
        return print_check(&args, options);
    }
    let run = match run_check(&args, options) {
        Ok(run) => run,
        Err(error) => return rules_error(&args, error),
    };
    let budgets = Budgets {
        output_size: run.output_size,
        exceeded: run.exceeded.clone(),
    };
    match fix_stdin {
        Some(original) => print_fixed_stdin(&args, &run.reports, &original, budgets),
        None => print_diff(&args, &run.reports, budgets),
    }
}

/// What a run's budgets say about its printing: how much each output may hold, and the
/// budgets already hit.
#[derive(Debug, Default)]
pub(super) struct Budgets {
    /// The `output_size` budget.
    pub(super) output_size: Option<u64>,
    /// The budgets the run hit.
    pub(super) exceeded: Vec<Exceeded>,
}

impl Budgets {
    /// Notes a failed write: a spent output budget is one more budget hit, and any other
    /// error but a closed pipe is returned to be reported.
    fn note_write(&mut self, error: io::Error, to: &str) -> Option<io::Error> {
        if let Some(spent) = OutputBudgetSpent::of(&error) {
            self.exceeded.push(spent.exceeded(to));
            return None;
        }
        // `brandlint check | head` closes the pipe early: not an error worth a word.
        (error.kind() != io::ErrorKind::BrokenPipe).then_some(error)
    }

    /// The exit code: 2 and one line per budget hit, else `code`.
    fn exit(self, code: ExitCode) -> ExitCode {
        if self.exceeded.is_empty() {
            return code;
        }
        for exceeded in &self.exceeded {
            say_error(&exceeded.to_string());
        }
        ExitCode::from(EXIT_USAGE)
    }
}

/// `--diff`: the diff on standard output, the counts on standard error; the exit code is
/// the one `check` would give.
fn print_diff(args: &CheckArgs, reports: &[FileReport], mut budgets: Budgets) -> ExitCode {
    let color = use_color(args);
    let mut out = io::BufWriter::new(Limited::new(io::stdout().lock(), budgets.output_size));
    let written = report::diff::write(reports, color, &mut out).and_then(|files| {
        out.flush()?;
        Ok(files)
    });
    match written {
        Ok(files) if !args.quiet => {
            let summary = Summary::of(reports);
            let (fixable, held) = if args.unsafe_fixes {
                (summary.fixable + summary.unsafe_fixable, String::new())
            } else if summary.unsafe_fixable > 0 {
                let more = summary.unsafe_fixable;
                (
                    summary.fixable,
                    format!(" ({more} more with --unsafe-fixes)"),
                )
            } else {
                (summary.fixable, String::new())
            };
            eprintln!(
                "brandlint: {fixable} fixable in {files} file{}{held}; nothing was written",
                if files == 1 { "" } else { "s" }
            );
        }
        Ok(_) => {}
        Err(error) => {
            if let Some(error) = budgets.note_write(error, "standard output") {
                return usage_error(&format!("cannot write output: {error}"));
            }
        }
    }
    budgets.exit(exit_code(args, &Summary::of(reports)))
}

/// `--fix` on standard input: the fixed text (or the text as it came) on standard output,
/// the findings left on standard error.
fn print_fixed_stdin(
    args: &CheckArgs,
    reports: &[FileReport],
    original: &[u8],
    budgets: Budgets,
) -> ExitCode {
    let fixed = reports.iter().find_map(|r| r.fixed_text.as_deref());
    let mut out = io::stdout().lock();
    let written = out
        .write_all(fixed.map_or(original, str::as_bytes))
        .and_then(|()| out.flush());
    if let Err(error) = written {
        if error.kind() != io::ErrorKind::BrokenPipe {
            return usage_error(&format!("cannot write output: {error}"));
        }
    }
    print_run(args, reports, io::stderr().lock(), budgets)
}

/// What to check, from the arguments (standard input is read here).
fn check_options(args: &CheckArgs) -> Result<CheckOptions, ExitCode> {
    // As ruff does: a file name for standard input and no path read standard input, unless
    // it is a terminal (no one meant to type the text in).
    let implied =
        args.stdin_filename.is_some() && args.paths.is_empty() && args.files_from.is_none();
    if implied && io::stdin().is_terminal() {
        return Err(usage_error(
            "--stdin-filename reads the text from standard input, which is a terminal here: \
             pipe the text in, or name the files to check",
        ));
    }
    let reads_stdin = implied || args.paths.iter().any(|p| p.as_os_str() == "-");
    let stdin = if reads_stdin {
        if args.paths.len() > 1 {
            return Err(usage_error(
                "`-` (standard input) cannot be combined with other paths",
            ));
        }
        if args.watch {
            return Err(usage_error("standard input (`-`) cannot be watched"));
        }
        let Some(name) = args.stdin_filename.clone() else {
            return Err(usage_error(
                "reading standard input (`-`) needs --stdin-filename NAME",
            ));
        };
        let mut bytes = Vec::new();
        if let Err(error) = io::stdin().read_to_end(&mut bytes) {
            return Err(usage_error(&format!("cannot read standard input: {error}")));
        }
        Some((name, bytes))
    } else {
        None
    };
    let listed = match &args.files_from {
        Some(list) => Some(read_file_list(list).map_err(|error| {
            usage_error(&format!(
                "cannot read the file list {}: {error}",
                list.display()
            ))
        })?),
        None => None,
    };
    if reads_stdin && listed.is_some() {
        return Err(usage_error(
            "`-` (standard input) cannot be combined with --files-from",
        ));
    }
    let selection =
        RuleSelection::new(&args.select, &args.ignore).map_err(|error| usage_error(&error))?;
    let here = current_dir();
    let changed = match &args.changed_since {
        Some(git_ref) => Some(Arc::new(ChangedLines::since(git_ref, &here).map_err(
            |error| usage_error(&format!("--changed-since {git_ref}: {error}")),
        )?)),
        None => None,
    };
    let restrict_to = changed
        .as_ref()
        .map(|changed| changed.files().map(Path::to_path_buf).collect());
    Ok(CheckOptions {
        paths: if reads_stdin {
            Vec::new()
        } else {
            args.paths.clone()
        },
        listed,
        rules: args.source.rules.clone(),
        reach: super::reach(args.source.allow_outside),
        rules_tree: args.source.rules_tree.clone(),
        no_ignore: args.no_ignore,
        fix: if args.fix {
            FixMode::Write
        } else if args.diff {
            FixMode::Preview
        } else {
            FixMode::Off
        },
        fixes: if args.unsafe_fixes {
            Selection::All
        } else {
            Selection::Safe
        },
        stdin,
        current_dir: here,
        restrict_to,
        max_file_size: (args.max_file_size > 0).then_some(args.max_file_size),
        release_text: !shows_text(args),
        limits: LimitValues {
            rules: args.max_rules,
            regex_size: args.max_regex_size,
            findings_per_file: args.max_findings_per_file,
            findings: args.max_findings,
            output_size: args.max_output_size,
        },
        min_severity: Some(args.min_severity),
        baseline: if args.no_baseline {
            None
        } else {
            super::baseline::for_check(&args.source, args.baseline.as_deref())?
        },
        changed,
        selection,
        report_unused_disables: args.report_unused_disables,
        shard: args.shard,
    })
}

/// Whether a reporter of this check prints the text around findings (the human format's
/// snippets, `--diff`), so each file's text must be kept until it is printed.
fn shows_text(args: &CheckArgs) -> bool {
    args.diff
        || args.watch
        || std::iter::once(args.format)
            .chain(args.report.iter().map(|(format, _)| *format))
            .any(|format| format == Format::Human)
}

/// Runs a check (which keeps the findings at --min-severity or above) and prints its
/// notices.
pub(super) fn run_check(args: &CheckArgs, options: CheckOptions) -> Result<CheckRun, ConfigError> {
    let baseline = options.baseline.clone();
    let run = run::check(options)?;
    print_notices(args, &run.notices, &run.conflicts);
    print_baseline_note(args, baseline.as_ref());
    Ok(run)
}

/// Prints what a person should know that is not a finding, unless --quiet. In the `github`
/// format, where a notice can name a file of a pull request, each is escaped to stay one
/// line that the runner takes for no command.
fn print_notices(args: &CheckArgs, notices: &[String], conflicts: &[RuleConflict]) {
    if args.quiet {
        return;
    }
    let github = args.format == Format::Github;
    for notice in notices {
        if github {
            eprintln!("brandlint: {}", report::github::escape_log(notice));
        } else {
            eprintln!("brandlint: {}", brandlint::printable::printable(notice));
        }
    }
    // Every check would repeat them, and a large pack's run would be drowned: a check says
    // how many, and `brandlint rules` shows each with its places.
    match conflicts.len() {
        0 => {}
        1 => eprintln!(
            "brandlint: warning: 1 rule of the rules file contradicts or repeats another; \
             `brandlint rules` shows where"
        ),
        count => eprintln!(
            "brandlint: warning: {count} rules of the rules file contradict or repeat others; \
             `brandlint rules` shows where"
        ),
    }
}

/// A rules file that cannot be used. In the `github` format it is also an annotation at its
/// place in the rules file, and the detailed report, which quotes the rules file, is made
/// safe for the log.
pub(super) fn rules_error(args: &CheckArgs, error: ConfigError) -> ExitCode {
    if args.format != Format::Github {
        return config_error(error);
    }
    let mut out = io::stdout().lock();
    let _ = report::github::write_diagnostic("error", &error, &current_dir(), &mut out)
        .and_then(|()| out.flush());
    let budget = error.budget.clone();
    let text = format!("{:?}\n", miette::Report::new(error));
    eprint!("{}", report::github::neutralize_lines(&text));
    if let Some(exceeded) = budget {
        say_error(&exceeded.to_string());
    }
    ExitCode::from(EXIT_USAGE)
}

/// A check printed as its files are checked: each report goes to every output as soon as
/// the files before it are done, so memory is bounded by the files being checked, and by
/// the findings (not the texts) of the formats that write at the end.
fn print_check(args: &CheckArgs, options: CheckOptions) -> ExitCode {
    let baseline = options.baseline.clone();
    let mut plan = match run::plan(options) {
        Ok(plan) => plan,
        Err(error) => return rules_error(args, error),
    };
    print_notices(args, &plan.notices, &plan.conflicts);
    plan.notices.clear();
    plan.conflicts.clear();
    let budgets = Budgets {
        output_size: plan.limits.output_size,
        exceeded: Vec::new(),
    };
    let mut outputs = Outputs::open(args, io::stdout().lock(), budgets);
    let exceeded = plan.run(|report| outputs.file(&report));
    let code = outputs.finish(exceeded);
    print_baseline_note(args, baseline.as_ref());
    code
}

/// Says how many known findings the baseline left out and how many of its findings are
/// gone, unless --quiet.
fn print_baseline_note(args: &CheckArgs, baseline: Option<&BaselineInUse>) {
    if let Some(note) = super::baseline::note(baseline).filter(|_| !args.quiet) {
        eprintln!("brandlint: {note}");
    }
}

/// How the human format looks: --color, and the terminal's width from COLUMNS.
fn style(args: &CheckArgs) -> Style {
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100);
    Style {
        color: use_color(args),
        width,
    }
}

/// Prints reports already gathered in the chosen format to `out`, writes the --report
/// files, and returns the exit code the findings call for.
pub(super) fn print_run<'a>(
    args: &'a CheckArgs,
    reports: &[FileReport],
    out: impl Write + 'a,
    budgets: Budgets,
) -> ExitCode {
    let mut outputs = Outputs::open(args, out, budgets);
    for report in reports {
        outputs.file(report);
    }
    outputs.finish(Vec::new())
}

/// Every output of a check: the findings in --format on the main output (standard output,
/// or standard error after --fix on standard input), then each --report file, all fed the
/// same reports in path order, each through its format's [`Reporter`] and its own
/// `output_size` budget. A failed write stops that output only: the run goes on for its
/// exit code.
struct Outputs<'a> {
    args: &'a CheckArgs,
    /// The main output first, then the --report files in the order given.
    outputs: Vec<Output<'a>>,
    budgets: Budgets,
    summary: Summary,
    /// The counts for --statistics, which only the main output prints, and only in a
    /// format that is not a document.
    statistics: Option<Statistics>,
}

/// One output of a check.
struct Output<'a> {
    /// What it is, as errors name it: `standard output`, `the sarif report to a.sarif`.
    to: String,
    reporter: Box<dyn Reporter>,
    /// Where it goes; `None` when a --report file could not be created.
    out: Option<io::BufWriter<Limited<Box<dyn Write + 'a>>>>,
    /// How writing it went so far; nothing more is written after an error.
    written: io::Result<()>,
}

impl<'a> Output<'a> {
    /// Begins the output of `reporter` to `out`, or notes why there is none.
    fn begin(
        to: String,
        mut reporter: Box<dyn Reporter>,
        out: io::Result<Box<dyn Write + 'a>>,
        output_size: Option<u64>,
    ) -> Self {
        let (out, written) = match out {
            Ok(out) => {
                let mut out = io::BufWriter::new(Limited::new(out, output_size));
                let written = reporter.begin(&mut out);
                (Some(out), written)
            }
            Err(error) => (None, Err(error)),
        };
        Output {
            to,
            reporter,
            out,
            written,
        }
    }
}

impl<'a> Outputs<'a> {
    /// Begins the main output on `out` and creates and begins each --report file.
    fn open(args: &'a CheckArgs, out: impl Write + 'a, budgets: Budgets) -> Self {
        let style = style(args);
        let main = report::reporter(args.format, style, args.quiet);
        let mut outputs = vec![Output::begin(
            "standard output".to_string(),
            main,
            Ok(Box::new(out)),
            budgets.output_size,
        )];
        for (format, path) in &args.report {
            // Report files are never colored, and always have their summary.
            let reporter = report::reporter(
                *format,
                Style {
                    color: false,
                    ..style
                },
                false,
            );
            let file = create_report_file(path).map(|file| Box::new(file) as Box<dyn Write>);
            let to = format!("the {} report to {}", format.name(), path.display());
            outputs.push(Output::begin(to, reporter, file, budgets.output_size));
        }
        Outputs {
            args,
            outputs,
            budgets,
            summary: Summary::default(),
            statistics: (args.statistics && !args.format.is_document()).then(Statistics::default),
        }
    }

    /// Counts one file's report and hands it to every output still being written.
    fn file(&mut self, report: &FileReport) {
        self.summary.add(report);
        if let Some(statistics) = &mut self.statistics {
            statistics.add(report);
        }
        for output in &mut self.outputs {
            if let (Ok(()), Some(out)) = (&output.written, &mut output.out) {
                output.written = output.reporter.file(report, out);
            }
        }
    }

    /// Ends every output (the main one with --statistics), then reports what failed, in
    /// order: a budget spent is one more budget hit after `exceeded`, the run's own; another
    /// error exits 2 at once. Else the exit code the findings call for.
    fn finish(mut self, exceeded: Vec<Exceeded>) -> ExitCode {
        self.budgets.exceeded.extend(exceeded);
        let mut results = Vec::with_capacity(self.outputs.len());
        for (index, mut output) in self.outputs.into_iter().enumerate() {
            let statistics = self.statistics.as_ref().filter(|_| index == 0);
            let written = match &mut output.out {
                Some(out) => output.written.and_then(|()| {
                    output.reporter.end(&self.summary, out)?;
                    if let Some(statistics) = statistics {
                        statistics.write(out)?;
                    }
                    out.flush()
                }),
                None => output.written,
            };
            // The writer is closed before any error is told.
            drop(output.out);
            results.push((output.to, written));
        }
        for (index, (to, written)) in results.into_iter().enumerate() {
            let Err(error) = written else { continue };
            let Some(error) = self.budgets.note_write(error, &to) else {
                continue;
            };
            if index == 0 {
                eprintln!("brandlint: cannot write output: {error}");
                return ExitCode::from(EXIT_USAGE);
            }
            return usage_error(&format!("cannot write {to}: {error}"));
        }
        self.budgets.exit(exit_code(self.args, &self.summary))
    }
}

/// Creates (or empties) a `--report` file. A symbolic link there is refused rather than
/// followed: in a checkout of a pull request, a link at the report's path could point
/// anywhere the job may write.
fn create_report_file(path: &Path) -> io::Result<std::fs::File> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(io::Error::other(
            "it is a symbolic link, which brandlint does not write through",
        ));
    }
    std::fs::File::create(path)
}

/// SPEC §4: 1 for findings at error severity or more warnings than --max-warnings, else 0.
fn exit_code(args: &CheckArgs, summary: &Summary) -> ExitCode {
    let too_many_warnings = args.max_warnings.is_some_and(|max| summary.warnings > max);
    if summary.errors > 0 || too_many_warnings {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

/// Whether to color standard output: --color, else a terminal without NO_COLOR.
fn use_color(args: &CheckArgs) -> bool {
    match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// The paths in a `--files-from` list: NUL-separated when the list holds a NUL, else one
/// per line; blank entries are left out.
fn read_file_list(list: &Path) -> io::Result<Vec<PathBuf>> {
    let bytes = std::fs::read(list)?;
    let separator = if bytes.contains(&0) { b'\0' } else { b'\n' };
    Ok(bytes
        .split(|&b| b == separator)
        .map(|entry| entry.strip_suffix(b"\r").unwrap_or(entry))
        .filter(|entry| !entry.is_empty())
        .map(path_from_bytes)
        .collect())
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}
