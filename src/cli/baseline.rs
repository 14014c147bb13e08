//! `brandlint baseline`, and where a check finds its baseline: `--baseline FILE`, else
//! `.brandlint-baseline.json` beside the rules file that governs the current folder (beside
//! the `--rules` file when one is named), else in the current folder; `--no-baseline` for
//! none.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};

use brandlint::baseline::{Baseline, FILE_NAME};
use brandlint::run::{self, CheckOptions};

use super::{config_error, current_dir, usage_error, RulesSource};

/// The arguments of `brandlint baseline`.
#[derive(Debug, clap::Args)]
pub(super) struct BaselineArgs {
    /// Files and folders to check (default: the current folder).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    source: RulesSource,
    /// The baseline file to write (default: .brandlint-baseline.json beside the rules file).
    #[arg(long, value_name = "FILE")]
    file: Option<PathBuf>,
    /// Only drop the findings that are gone (fixed, edited, or in files that no longer
    /// exist) from the existing baseline; record no new one.
    #[arg(long)]
    prune: bool,
    /// Do not honour .gitignore, .ignore or [files] ignore.
    #[arg(long)]
    no_ignore: bool,
}

/// Where the baseline of a run in the current folder is: beside its rules file (the one
/// named with `--rules`, else the one found from here), else here.
pub(super) fn default_path(source: &RulesSource) -> PathBuf {
    let rules = match &source.rules {
        Some(path) => Some(path.clone()),
        None => super::rules_file_here(source)
            .ok()
            .flatten()
            .map(|(p, _)| p),
    };
    let folder = rules
        .as_deref()
        .and_then(Path::parent)
        .map_or_else(current_dir, Path::to_path_buf);
    folder.join(FILE_NAME)
}

/// The baseline a check uses: `explicit` (which must exist), else the default one when it
/// exists, else none. A file that cannot be used is a usage error.
pub(super) fn for_check(
    source: &RulesSource,
    explicit: Option<&Path>,
) -> Result<Option<Arc<Mutex<Baseline>>>, ExitCode> {
    let path = match explicit {
        Some(path) => path.to_path_buf(),
        None => {
            let path = default_path(source);
            if !path.is_file() {
                return Ok(None);
            }
            path
        }
    };
    match Baseline::load(&path) {
        Ok(baseline) => Ok(Some(Arc::new(Mutex::new(baseline)))),
        Err(error) => Err(usage_error(&error.to_string())),
    }
}

/// What a check says about its baseline after the run (unless nothing was left out and
/// nothing is gone).
pub(super) fn note(baseline: Option<&Arc<Mutex<Baseline>>>) -> Option<String> {
    let baseline = baseline?.lock().unwrap_or_else(PoisonError::into_inner);
    let (left_out, gone) = (baseline.left_out(), baseline.gone());
    if left_out == 0 && gone == 0 {
        return None;
    }
    let mut note = format!(
        "{left_out} known finding{} left out (baseline)",
        plural(left_out)
    );
    if gone > 0 {
        note.push_str(&format!(
            "; {gone} finding{} of the baseline {} gone: `brandlint baseline --prune` drops {}",
            plural(gone),
            if gone == 1 { "is" } else { "are" },
            if gone == 1 { "it" } else { "them" }
        ));
    }
    Some(note)
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}

/// `brandlint baseline`: records every finding of a check, or prunes the baseline.
pub(super) fn baseline(args: &BaselineArgs) -> ExitCode {
    let path = args
        .file
        .clone()
        .unwrap_or_else(|| default_path(&args.source));
    let existing = if args.prune {
        match Baseline::load(&path) {
            Ok(baseline) => Some(Arc::new(Mutex::new(baseline))),
            Err(error) => return usage_error(&error.to_string()),
        }
    } else {
        None
    };
    let here = current_dir();
    let options = CheckOptions {
        paths: args.paths.clone(),
        rules: args.source.rules.clone(),
        reach: super::reach(args.source.allow_outside),
        rules_tree: args.source.rules_tree.clone(),
        no_ignore: args.no_ignore,
        current_dir: here.clone(),
        max_file_size: Some(super::check::DEFAULT_MAX_FILE_SIZE),
        baseline: existing.clone(),
        ..CheckOptions::default()
    };
    let run = match run::check(options) {
        Ok(run) => run,
        Err(error) => return config_error(error),
    };
    let folder = path.parent().unwrap_or(Path::new("."));
    let written = match &existing {
        Some(existing) => {
            let existing = existing.lock().unwrap_or_else(PoisonError::into_inner);
            (existing.pruned(), existing.len())
        }
        None => {
            let mut baseline = Baseline::new(folder);
            for report in &run.reports {
                baseline.record(report, &here);
            }
            (baseline, 0)
        }
    };
    let (baseline, before) = written;
    if let Err(error) = std::fs::write(&path, baseline.to_json()) {
        return usage_error(&format!("cannot write {}: {error}", path.display()));
    }
    let shown = brandlint::walk::display_path(&path, &here);
    if args.prune {
        eprintln!(
            "brandlint: {shown}: dropped {} finding{} that are gone; {} remain",
            before - baseline.len(),
            plural(before - baseline.len()),
            baseline.len()
        );
    } else {
        eprintln!(
            "brandlint: {shown}: recorded {} finding{} of {} file{}; `brandlint check` now leaves them out",
            baseline.len(),
            plural(baseline.len()),
            run.reports.len(),
            plural(run.reports.len())
        );
    }
    ExitCode::SUCCESS
}
