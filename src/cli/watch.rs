//! `brandlint check --watch`: check, print, then re-check what changes and print again, for a
//! terminal beside the editor. A rules file saved half-written is reported and the watch
//! goes on.

use std::collections::HashSet;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use brandlint::run::CheckOptions;
use brandlint::watch::{needs_full_run, Changes, LiveReports};

use super::check::{print_run, run_check, Budgets, CheckArgs};
use super::{config_error, usage_error};

/// Runs until interrupted, or until the watch itself fails.
pub(super) fn watch(args: &CheckArgs, options: CheckOptions) -> ExitCode {
    let watched: Vec<PathBuf> = if options.paths.is_empty() && options.listed.is_none() {
        vec![PathBuf::from(".")]
    } else {
        options
            .paths
            .iter()
            .chain(options.listed.iter().flatten())
            .cloned()
            .collect()
    };
    let mut changes = match Changes::watch(&watched) {
        Ok(changes) => changes,
        Err(error) => return usage_error(&format!("cannot watch for changes: {error}")),
    };
    let current_dir = options.current_dir.clone();
    // The rules files the last full run read, which it watches too, wherever they are.
    let mut rules_files: Vec<PathBuf> = Vec::new();
    let full_run = |changes: &mut Changes, rules_files: &mut Vec<PathBuf>| {
        run_check(args, options.clone()).map(|run| {
            rules_files.clone_from(&run.rules_files);
            if let Err(error) = changes.watch_rules_files(rules_files) {
                eprintln!("brandlint: warning: cannot watch the rules files: {error}");
            }
            LiveReports::new(run, current_dir.clone())
        })
    };
    let mut live = match full_run(&mut changes, &mut rules_files) {
        Ok(live) => live,
        Err(error) => return config_error(error),
    };
    redraw(args, &live, &[]);
    while let Some(batch) = changes.next_batch() {
        let changed = match batch {
            Ok(changed) => changed,
            Err(error) => return usage_error(&format!("the watch failed: {error}")),
        };
        let outcome = if needs_full_run(&changed, &rules_files) {
            full_run(&mut changes, &mut rules_files).map(|fresh| live = fresh)
        } else {
            let restricted = CheckOptions {
                restrict_to: Some(changed.iter().cloned().collect::<HashSet<_>>()),
                ..options.clone()
            };
            run_check(args, restricted).map(|run| live.update(&changed, run))
        };
        match outcome {
            Ok(()) => redraw(args, &live, &live.describe(&changed)),
            // The findings on screen stay; the error says why they are not current.
            Err(error) => {
                let _ = config_error(error);
            }
        }
    }
    ExitCode::SUCCESS
}

/// Clears a terminal and prints the current findings, then what is being watched.
fn redraw(args: &CheckArgs, live: &LiveReports, changed: &[String]) {
    let mut out = io::stdout().lock();
    if out.is_terminal() {
        // Clear the screen and the scroll-back, and go home.
        let _ = write!(out, "\x1b[2J\x1b[3J\x1b[H");
    }
    let _ = out.flush();
    drop(out);
    print_run(args, &live.reports, io::stdout().lock(), Budgets::default());
    if !args.quiet {
        let what = match changed {
            [] => String::new(),
            [one] => format!("{one} changed; "),
            many => format!("{} files changed; ", many.len()),
        };
        eprintln!("brandlint: {what}watching for changes (Ctrl-C to stop)");
    }
}
