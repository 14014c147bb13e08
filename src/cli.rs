//! The command line: clap definitions, and each command's printing and exit code. All the
//! work is the library's; this file only talks.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use brandlint::check::RuleKind;
use brandlint::config::discover::Discovery;
use brandlint::config::error::{closest, ConfigError};
use brandlint::config::schema::Severity;
use brandlint::config::{self, CompiledRules};
use brandlint::report::{self, Format, Style, Summary};
use brandlint::run::{self, CheckOptions};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

/// A fast brand-consistency linter for Markdown posts, HTML pages and email templates.
#[derive(Debug, Parser)]
#[command(name = "brandlint", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check content against the brand's rules.
    Check(CheckArgs),
    /// Write a commented starter brandlint.toml in the current folder.
    Init,
    /// List the loaded rules.
    Rules {
        /// Use this rules file instead of the one found from the current folder.
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
        /// Run every rule's examples: `flag` sentences must be flagged, `pass` ones must not.
        #[arg(long)]
        verify: bool,
    },
    /// Explain what a rule or rule kind checks, why, with an example.
    Explain {
        /// A rule id (`term/GitHub`) or a kind (`banned`).
        rule_id: String,
        /// Use this rules file instead of the one found from the current folder.
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
    },
    /// Print a completion script for a shell (`brandlint completions bash > ...`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page, in roff (`brandlint man > brandlint.1`).
    Man,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Files and folders to check (default: the current folder, unless --files-from is
    /// given); `-` reads standard input (needs --stdin-filename).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Also check the files listed in FILE, one per line (or NUL-separated, as `git diff -z`
    /// writes); listed files of no known kind and files that no longer exist are skipped,
    /// and an empty list checks nothing.
    #[arg(long, value_name = "FILE")]
    files_from: Option<PathBuf>,
    /// Use this rules file for every file instead of discovering brandlint.toml.
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// Output format.
    #[arg(long, default_value = "human", value_parser = format_parser())]
    format: Format,
    /// Also write the findings to FILE in FORMAT (`sarif=results.sarif`); may be repeated.
    #[arg(long, value_name = "FORMAT=FILE", value_parser = parse_report)]
    report: Vec<(Format, PathBuf)>,
    /// Report only findings at this severity or above.
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = SeverityArg::Info)]
    min_severity: SeverityArg,
    /// Fail (exit 1) when there are more warnings than this.
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// After the findings, count them per rule.
    #[arg(long)]
    statistics: bool,
    /// Do not honour .gitignore, .ignore or [files] ignore.
    #[arg(long)]
    no_ignore: bool,
    /// The file name that standard input stands for (sets channel and rules).
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
    quiet: bool,
}

/// The formats' names, each parsed to its [`Format`].
fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(Format::ALL.map(Format::name))
        .map(|name| Format::from_name(&name).expect("only listed names are accepted"))
}

/// Parses `--report FORMAT=FILE`.
fn parse_report(value: &str) -> Result<(Format, PathBuf), String> {
    let names = Format::ALL.map(Format::name).join(", ");
    let Some((name, path)) = value.split_once('=') else {
        return Err(format!(
            "expected FORMAT=FILE, where FORMAT is one of {names}"
        ));
    };
    let format = Format::from_name(name)
        .ok_or_else(|| format!("no format `{name}`; formats are {names}"))?;
    if path.is_empty() {
        return Err("the file name after `=` is empty".to_string());
    }
    Ok((format, PathBuf::from(path)))
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum SeverityArg {
    Info,
    Warning,
    Error,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

/// Exit codes of SPEC §4.
const EXIT_FINDINGS: u8 = 1;
const EXIT_USAGE: u8 = 2;

/// Parses the arguments and runs the command.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(args),
        Command::Init => init(),
        Command::Rules { rules, verify } => list_rules(rules.as_deref(), verify),
        Command::Explain { rule_id, rules } => explain(&rule_id, rules.as_deref()),
        Command::Completions { shell } => completions(shell),
        Command::Man => man_page(),
    }
}

/// Writes the completion script for `shell`, generated from the command-line definition.
fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "brandlint", &mut io::stdout());
    ExitCode::SUCCESS
}

/// Writes the manual page, generated from the command-line definition.
fn man_page() -> ExitCode {
    match clap_mangen::Man::new(Cli::command()).render(&mut io::stdout()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => usage_error(&format!("cannot write the manual page: {error}")),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("brandlint: error: {message}");
    ExitCode::from(EXIT_USAGE)
}

fn config_error(error: ConfigError) -> ExitCode {
    eprintln!("{:?}", miette::Report::new(error));
    ExitCode::from(EXIT_USAGE)
}

fn current_dir() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}

fn check(args: CheckArgs) -> ExitCode {
    let reads_stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    let stdin = if reads_stdin {
        if args.paths.len() > 1 {
            return usage_error("`-` (standard input) cannot be combined with other paths");
        }
        let Some(name) = args.stdin_filename.clone() else {
            return usage_error("reading standard input (`-`) needs --stdin-filename NAME");
        };
        let mut bytes = Vec::new();
        if let Err(error) = io::stdin().read_to_end(&mut bytes) {
            return usage_error(&format!("cannot read standard input: {error}"));
        }
        Some((name, bytes))
    } else {
        None
    };
    let listed = match &args.files_from {
        Some(list) => match read_file_list(list) {
            Ok(listed) => Some(listed),
            Err(error) => {
                return usage_error(&format!(
                    "cannot read the file list {}: {error}",
                    list.display()
                ))
            }
        },
        None => None,
    };
    if reads_stdin && listed.is_some() {
        return usage_error("`-` (standard input) cannot be combined with --files-from");
    }
    if let Some(jobs) = args.jobs {
        // Only fails when a pool already exists, which cannot happen this early.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global();
    }
    let options = CheckOptions {
        paths: if reads_stdin {
            Vec::new()
        } else {
            args.paths.clone()
        },
        listed,
        rules: args.rules.clone(),
        no_ignore: args.no_ignore,
        stdin,
        current_dir: current_dir(),
    };
    let mut run = match run::check(options) {
        Ok(run) => run,
        Err(error) => return config_error(error),
    };
    if !args.quiet {
        for notice in &run.notices {
            eprintln!("brandlint: {notice}");
        }
    }
    let min = match args.min_severity {
        SeverityArg::Info => Severity::Info,
        SeverityArg::Warning => Severity::Warning,
        SeverityArg::Error => Severity::Error,
    };
    for report in &mut run.reports {
        report.findings.retain(|f| f.severity >= min);
    }
    let summary = Summary::of(&run.reports);
    let format = args.format;
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100);
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = report::write(
        format,
        &run.reports,
        &summary,
        Style { color, width },
        args.quiet,
        &mut out,
    )
    .and_then(|()| {
        if args.statistics && !format.is_document() {
            report::write_statistics(&run.reports, &mut out)?;
        }
        out.flush()
    });
    if let Err(error) = written {
        // `brandlint check | head` closes the pipe early: not an error worth a word.
        if error.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("brandlint: cannot write output: {error}");
            return ExitCode::from(EXIT_USAGE);
        }
    }
    for (format, path) in &args.report {
        let style = Style {
            color: false,
            width,
        };
        let written = std::fs::File::create(path).and_then(|file| {
            let mut file = io::BufWriter::new(file);
            report::write(*format, &run.reports, &summary, style, false, &mut file)?;
            file.flush()
        });
        if let Err(error) = written {
            return usage_error(&format!(
                "cannot write the {} report to {}: {error}",
                format.name(),
                path.display()
            ));
        }
    }
    let too_many_warnings = args.max_warnings.is_some_and(|max| summary.warnings > max);
    if summary.errors > 0 || too_many_warnings {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
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

/// The commented starter rules file `brandlint init` writes.
const STARTER: &str = include_str!("../rules/starter.toml");

fn init() -> ExitCode {
    let target = Path::new("brandlint.toml");
    if target.exists() {
        return usage_error("brandlint.toml already exists here; it was left as it is");
    }
    match std::fs::write(target, STARTER) {
        Ok(()) => {
            println!("wrote brandlint.toml: edit it, then run `brandlint rules --verify`");
            ExitCode::SUCCESS
        }
        Err(error) => usage_error(&format!("cannot write brandlint.toml: {error}")),
    }
}

/// The rules a command without content uses: `--rules`, else the file found from the
/// current folder, else the built-in pack.
fn rules_here(explicit: Option<&Path>) -> Result<CompiledRules, ConfigError> {
    let here = current_dir();
    if let Some(path) = explicit {
        return config::load_rules(path);
    }
    match Discovery::default().rules_for(&here.join("_")) {
        Some(path) => config::load_rules(&path),
        None => config::default_rules(&here),
    }
}

fn list_rules(explicit: Option<&Path>, verify: bool) -> ExitCode {
    let rules = match rules_here(explicit) {
        Ok(rules) => rules,
        Err(error) => return config_error(error),
    };
    let mut out = io::stdout().lock();
    if verify {
        let verification = brandlint::verify::verify_examples(&rules);
        for failure in &verification.failures {
            let expected = if failure.should_flag { "flag" } else { "pass" };
            let _ = writeln!(
                out,
                "FAILED {}: should {expected}: {:?}",
                failure.rule, failure.sentence
            );
        }
        let _ = writeln!(
            out,
            "{} examples, {} passed, {} failed",
            verification.checked,
            verification.checked - verification.failures.len(),
            verification.failures.len()
        );
        return if verification.failures.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(EXIT_FINDINGS)
        };
    }
    let _ = writeln!(
        out,
        "{} rules from {}{}",
        rules.rules.len(),
        rules.origin,
        rules
            .brand
            .as_deref()
            .map(|b| format!(" ({b})"))
            .unwrap_or_default()
    );
    let width = rules
        .rules
        .iter()
        .map(|r| r.id.chars().count())
        .max()
        .unwrap_or(0);
    for rule in &rules.rules {
        let _ = writeln!(
            out,
            "{:<width$}  {:<7}  {}",
            rule.id,
            rule.severity.name(),
            rule.kind.name()
        );
    }
    ExitCode::SUCCESS
}

fn explain(rule_id: &str, explicit: Option<&Path>) -> ExitCode {
    let rules = match rules_here(explicit) {
        Ok(rules) => rules,
        Err(error) => return config_error(error),
    };
    let kind_name = rule_id.split('/').next().unwrap_or(rule_id);
    let Some(kind) = RuleKind::from_name(kind_name) else {
        let names = RuleKind::ALL.map(RuleKind::name);
        let hint = closest(kind_name, names.iter().copied())
            .map(|k| format!(" (did you mean `{k}`?)"))
            .unwrap_or_default();
        return usage_error(&format!(
            "no rule kind `{kind_name}`{hint}; kinds are: {}",
            names.join(", ")
        ));
    };
    let (rule_id, doc) = kind
        .check(rule_id)
        .unwrap_or_else(|| (rule_id.to_string(), kind.doc()));
    let rule_id = rule_id.as_str();
    let mut out = io::stdout().lock();
    let _ = write!(out, "{doc}");
    if let Some(rule) = rules.rule(rule_id) {
        let _ = writeln!(out, "\n## This rule: {}\n", rule.id);
        let _ = writeln!(out, "- severity: {}", rule.severity.name());
        let _ = writeln!(out, "- message: {}", rule.message);
        if let Some(help) = &rule.help {
            let _ = writeln!(out, "- help: {help}");
        }
        if let Some(url) = &rule.url {
            let _ = writeln!(out, "- url: {url}");
        }
        for sentence in &rule.examples.flag {
            let _ = writeln!(out, "- flags: {sentence}");
        }
        for sentence in &rule.examples.pass {
            let _ = writeln!(out, "- passes: {sentence}");
        }
        let _ = writeln!(out, "- defined in: {}", rule.defined_in);
    } else if rule_id.contains('/') && kind != RuleKind::Io {
        let ids = rules.rules.iter().map(|r| r.id.as_str());
        let hint = closest(rule_id, ids)
            .map(|id| format!(" Did you mean `{id}`?"))
            .unwrap_or_default();
        let _ = writeln!(out, "\n(No rule `{rule_id}` in {}.{hint})", rules.origin);
    }
    ExitCode::SUCCESS
}
