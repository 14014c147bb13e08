//! The command line: clap definitions, and each command's printing and exit code. All the
//! work is the library's; this file only talks.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod baseline;
mod check;
mod man;
mod watch;

use brandlint::check::CompiledRules;
use brandlint::config::discover::Discovery;
use brandlint::config::error::{closest, ConfigError};
use brandlint::config::load::{self, Reach};
use brandlint::model::RuleKind;
use brandlint::report;
use clap::{CommandFactory, Parser, Subcommand};

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
    Check(Box<check::CheckArgs>),
    /// Record the findings of a check as known (.brandlint-baseline.json): later checks
    /// leave them out and report only new ones.
    Baseline(Box<baseline::BaselineArgs>),
    /// Write a commented starter brandlint.toml in the current folder.
    Init,
    /// List the loaded rules.
    Rules {
        #[command(flatten)]
        source: RulesSource,
        /// Run every rule's examples: `flag` sentences must be flagged, `pass` ones must not.
        #[arg(long, conflicts_with = "sources")]
        verify: bool,
        /// Print the files the rules were read from instead: every file extended, in the
        /// order merged, then the rules file itself.
        #[arg(long)]
        sources: bool,
        /// With --sources, end each path with a NUL byte instead of a line break.
        #[arg(short = 'z', requires = "sources")]
        null: bool,
    },
    /// Explain what a rule or rule kind checks, why, with an example; without one, list
    /// every kind and every rule id of the rules file.
    Explain {
        /// A rule id (`term/GitHub`, or an id of the rules file's own such as `sign-off`) or
        /// a kind (`banned`).
        rule_id: Option<String>,
        #[command(flatten)]
        source: RulesSource,
    },
    /// Print a completion script for a shell (`brandlint completions bash > ...`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page, in roff (`brandlint man > brandlint.1`), or write every page
    /// (brandlint and each subcommand) into a folder.
    Man {
        /// Write brandlint.1 and a page for each subcommand (brandlint-check.1, ...) here.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Merge the SARIF files of runs over parts of the files (`check --shard I/N`) into one
    /// run, as one run over all of them writes it.
    MergeSarif {
        /// The SARIF files to merge.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Write the merged log to this file instead of standard output.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// Which rules a command uses, when not the rules files found beside the content.
#[derive(Debug, clap::Args)]
struct RulesSource {
    /// Use this rules file for everything instead of discovering brandlint.toml.
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// Find rules files in this tree, laid out as the current folder (such as the files of
    /// a pull request's base commit), not beside the content.
    #[arg(long, value_name = "DIR")]
    rules_tree: Option<PathBuf>,
    /// Let rules files extend files outside the repository, and by absolute paths.
    #[arg(long)]
    allow_outside: bool,
}

/// Where `extends` may reach: the repository, or anywhere with `--allow-outside`.
fn reach(allow_outside: bool) -> Reach {
    if allow_outside {
        Reach::Anywhere
    } else {
        Reach::Repository
    }
}

/// Exit codes of SPEC §4.
const EXIT_FINDINGS: u8 = 1;
const EXIT_USAGE: u8 = 2;

/// Parses the arguments and runs the command.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => match check::prepare(&args) {
            Ok(options) if args.watch => watch::watch(&args, options),
            Ok(options) => check::check(*args, options),
            Err(exit) => exit,
        },
        Command::Baseline(args) => baseline::baseline(&args),
        Command::Init => init(),
        Command::Rules {
            source,
            verify,
            sources,
            null,
        } => {
            if sources {
                list_sources(&source, null)
            } else {
                list_rules(&source, verify)
            }
        }
        Command::Explain { rule_id, source } => match rule_id {
            Some(rule_id) => explain(&rule_id, &source),
            None => list_ids(&source),
        },
        Command::Completions { shell } => completions(shell),
        Command::Man { dir } => man_page(dir.as_deref()),
        Command::MergeSarif { files, output } => merge_sarif(&files, output.as_deref()),
    }
}

/// Writes the completion script for `shell`, generated from the command-line definition.
fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "brandlint", &mut io::stdout());
    ExitCode::SUCCESS
}

/// Writes the manual page to standard output, or every page into `dir`.
fn man_page(dir: Option<&Path>) -> ExitCode {
    let command = Cli::command();
    let written = match dir {
        Some(dir) => man::write_all(&command, dir).map(|names| {
            eprintln!("brandlint: wrote {} in {}", names.join(", "), dir.display());
        }),
        None => man::write_main(&command, &mut io::stdout()),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => usage_error(&format!("cannot write the manual page: {error}")),
    }
}

/// `brandlint merge-sarif`: the logs read, merged, written.
fn merge_sarif(files: &[PathBuf], output: Option<&Path>) -> ExitCode {
    let mut logs = Vec::with_capacity(files.len());
    for file in files {
        let read = std::fs::read(file)
            .map_err(|e| e.to_string())
            .and_then(|bytes| serde_json::from_slice(&bytes).map_err(|e| e.to_string()));
        match read {
            Ok(log) => logs.push(log),
            Err(error) => return usage_error(&format!("cannot read {}: {error}", file.display())),
        }
    }
    let merged = match report::sarif::merge(&logs) {
        Ok(merged) => merged,
        Err(error) => return usage_error(&format!("cannot merge: {error}")),
    };
    let mut text = serde_json::to_string_pretty(&merged).expect("a merged log is JSON");
    text.push('\n');
    let written = match output {
        Some(path) => std::fs::write(path, text),
        None => io::stdout().lock().write_all(text.as_bytes()),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => usage_error(&format!("cannot write the merged log: {error}")),
    }
}

/// A usage error on standard error.
fn usage_error(message: &str) -> ExitCode {
    say_error(message);
    ExitCode::from(EXIT_USAGE)
}

/// Prints `brandlint: error: MESSAGE` on standard error. The message may quote a path or
/// value from a pull request, so it is made safe for a terminal (no control characters) and
/// for a CI log (no line of it can be taken for a workflow command) whatever the format.
fn say_error(message: &str) {
    let line = format!(
        "brandlint: error: {}\n",
        brandlint::printable::printable(message)
    );
    eprint!("{}", report::github::neutralize_lines(&line));
}

/// A rules file that cannot be used: its report, then the budget it ran past, if that was
/// why.
fn config_error(error: ConfigError) -> ExitCode {
    let budget = error.budget.clone();
    eprintln!("{:?}", miette::Report::new(error));
    if let Some(exceeded) = budget {
        say_error(&exceeded.to_string());
    }
    ExitCode::from(EXIT_USAGE)
}

fn current_dir() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}

/// The commented starter rules file `brandlint init` writes.
const STARTER: &str = include_str!("../../rules/starter.toml");

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

/// The rules file a command without content uses: `--rules`, else the file found from the
/// current folder (in `--rules-tree` when given), else none (the built-in pack), with where
/// its `extends` may reach and the folder its globs stand for when that is not its own.
fn rules_file_here(source: &RulesSource) -> Result<Option<(PathBuf, Reach)>, ConfigError> {
    let here = current_dir();
    let mut reach = reach(source.allow_outside);
    if let (Some(tree), Reach::Repository) = (&source.rules_tree, &reach) {
        reach = Reach::Within(tree.clone());
    }
    if let Some(path) = &source.rules {
        return Ok(Some((path.clone(), reach)));
    }
    let mut discovery = match &source.rules_tree {
        Some(tree) => Discovery::in_tree(tree, &here),
        None => Discovery::default(),
    };
    let Some(path) = discovery.rules_for(&here.join("_")) else {
        return Ok(None);
    };
    Reach::check_inside(reach.root_for(&path).as_deref(), &path, "rules file")
        .map_err(ConfigError::plain)?;
    Ok(Some((path, reach)))
}

/// The rules a command without content uses, compiled: see [`rules_file_here`].
fn rules_here(source: &RulesSource) -> Result<CompiledRules, ConfigError> {
    match rules_file_here(source)? {
        Some((path, reach)) => brandlint::check::load_rules_with(
            &path,
            &brandlint::check::LoadOptions {
                reach,
                ..Default::default()
            },
        ),
        None => brandlint::check::default_rules(&current_dir()),
    }
}

/// `brandlint rules --sources`: every file the rules are read from, extended files first.
fn list_sources(source: &RulesSource, null: bool) -> ExitCode {
    let merged = match rules_file_here(source) {
        Ok(Some((path, reach))) => {
            load::read_text(&path).and_then(|t| load::load_text(&path, t, &reach))
        }
        Ok(None) => Ok(load::MergedRules::default()),
        Err(error) => Err(error),
    };
    let merged = match merged {
        Ok(merged) => merged,
        Err(error) => return config_error(error),
    };
    let here = current_dir();
    let mut out = io::stdout().lock();
    for file in &merged.sources {
        let shown = brandlint::walk::display_path(&file.path, &here);
        let written = if null {
            write!(out, "{shown}\0")
        } else {
            writeln!(out, "{shown}")
        };
        if written.is_err() {
            break;
        }
    }
    ExitCode::SUCCESS
}

fn list_rules(source: &RulesSource, verify: bool) -> ExitCode {
    let rules = match rules_here(source) {
        Ok(rules) => rules,
        Err(error) => return config_error(error),
    };
    let mut out = io::stdout().lock();
    for conflict in &rules.conflicts {
        eprintln!("{:?}", miette::Report::new(conflict.clone()));
    }
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
        if !rules.conflicts.is_empty() {
            let _ = writeln!(
                out,
                "{} conflicting rules (above): fix them so every finding has one meaning",
                rules.conflicts.len()
            );
        }
        return if verification.failures.is_empty() && rules.conflicts.is_empty() {
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

/// `brandlint explain` without an id: every kind with its summary, then every rule id of
/// the rules file that governs the current folder, by kind, and the built-in checks.
fn list_ids(source: &RulesSource) -> ExitCode {
    let rules = match rules_here(source) {
        Ok(rules) => rules,
        Err(error) => return config_error(error),
    };
    let mut out = io::stdout().lock();
    let _ = writeln!(out, "Kinds (brandlint explain KIND):");
    for kind in RuleKind::ALL {
        let _ = writeln!(out, "  {:<10} {}", kind.name(), summary(*kind));
    }
    let _ = writeln!(out, "\nRules of {} (brandlint explain ID):", rules.origin);
    for kind in RuleKind::ALL {
        let ids: Vec<&str> = rules
            .rules
            .iter()
            .filter(|r| r.kind == *kind)
            .map(|r| r.id.as_str())
            .collect();
        if ids.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  {}:", kind.name());
        for id in ids {
            let _ = writeln!(out, "    {id}");
        }
    }
    ExitCode::SUCCESS
}

/// The first sentence of a kind's page, without the kind's name before it.
fn summary(kind: RuleKind) -> String {
    let doc = brandlint::check::doc(kind);
    let paragraph = doc.split("\n\n").next().unwrap_or("").replace('\n', " ");
    let sentence = match paragraph.find(". ") {
        Some(end) => &paragraph[..end],
        None => paragraph.trim_end().trim_end_matches('.'),
    };
    sentence
        .trim_start_matches(&format!("`{}`: ", kind.name()))
        .to_string()
}

fn explain(rule_id: &str, source: &RulesSource) -> ExitCode {
    let rules = match rules_here(source) {
        Ok(rules) => rules,
        Err(error) => return config_error(error),
    };
    // A rule of the rules file first: its own ids (`sign-off`) name no kind.
    let own = rules.rule(rule_id);
    let kind_name = rule_id.split('/').next().unwrap_or(rule_id);
    let Some(kind) = own
        .map(|rule| rule.kind)
        .or_else(|| RuleKind::from_name(kind_name))
    else {
        let names: Vec<&str> = RuleKind::ALL.iter().map(|k| k.name()).collect();
        let ids = rules.rules.iter().map(|r| r.id.as_str());
        let hint = closest(rule_id, ids)
            .or_else(|| closest(kind_name, names.iter().copied()))
            .map(|k| format!(" (did you mean `{k}`?)"))
            .unwrap_or_default();
        return usage_error(&format!(
            "no rule `{rule_id}` in {} and no kind `{kind_name}`{hint}; kinds are: {}; \
             `brandlint explain` lists every id",
            rules.origin,
            names.join(", ")
        ));
    };
    let (check_id, doc) = brandlint::check::check_of(kind, rule_id)
        .unwrap_or_else(|| (rule_id.to_string(), brandlint::check::doc(kind)));
    let mut out = io::stdout().lock();
    let _ = write!(out, "{doc}");
    if let Some(rule) = own.or_else(|| rules.rule(&check_id)) {
        let _ = writeln!(out, "\n## This rule: {}\n", rule.id);
        let _ = writeln!(out, "- kind: {}", rule.kind.name());
        let _ = writeln!(out, "- expects: {}", rule.expected);
        if !rule.matches.is_empty() {
            let quoted: Vec<String> = rule.matches.iter().map(|m| format!("\"{m}\"")).collect();
            let _ = writeln!(out, "- matches: {}", quoted.join(", "));
        }
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
    } else if rule_id.contains('/')
        && !matches!(kind, RuleKind::Io | RuleKind::Limits | RuleKind::Suppress)
    {
        let ids = rules.rules.iter().map(|r| r.id.as_str());
        let hint = closest(rule_id, ids)
            .map(|id| format!(" Did you mean `{id}`?"))
            .unwrap_or_default();
        let _ = writeln!(out, "\n(No rule `{rule_id}` in {}.{hint})", rules.origin);
    }
    ExitCode::SUCCESS
}
