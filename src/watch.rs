//! Watching content for changes (`check --watch`): debounced batches of changed paths from
//! the file system, and a run's reports kept current by re-checking only what changed.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::config::discover::RULES_FILE_NAMES;
use crate::lint::FileReport;
use crate::run::CheckRun;
use crate::walk::display_path;

/// How long the file system must be quiet before a batch of changes is handed on: an
/// editor's save (a temporary file, a rename) arrives as one batch.
const QUIET_TIME: Duration = Duration::from_millis(150);

/// The files whose change can change which files are checked, or how: a full run follows.
const RUN_WIDE_FILES: [&str; 2] = [".gitignore", ".ignore"];

/// Changes under some paths, as they happen.
pub struct Changes {
    // Kept alive: dropping it stops the watch.
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    /// The folders watched with all they hold, absolute.
    trees: Vec<PathBuf>,
    /// The folders watched for the files right in them (those of rules files).
    folders: Vec<PathBuf>,
}

impl Changes {
    /// Starts watching `paths`: folders recursively, files alone.
    pub fn watch(paths: &[PathBuf]) -> notify::Result<Self> {
        let (sender, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(sender)?;
        let mut trees = Vec::new();
        for path in paths {
            let mode = if path.is_dir() {
                trees.push(crate::walk::normalized(path));
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            watcher.watch(path, mode)?;
        }
        Ok(Self {
            watcher,
            events,
            trees,
            folders: Vec::new(),
        })
    }

    /// Also watches the folder of each rules file that lies outside the watched folders (a
    /// `brandlint.toml` above them, a pack it extends), so that a change to it is seen.
    /// A file saved by replacing it keeps being seen, as its folder is what is watched.
    pub fn watch_rules_files(&mut self, rules_files: &[PathBuf]) -> notify::Result<()> {
        for file in rules_files {
            let Some(folder) = file.parent() else {
                continue;
            };
            let watched = self.trees.iter().any(|tree| folder.starts_with(tree))
                || self.folders.iter().any(|f| f == folder);
            if !watched {
                self.watcher.watch(folder, RecursiveMode::NonRecursive)?;
                self.folders.push(folder.to_path_buf());
            }
        }
        Ok(())
    }

    /// Waits for the next batch of changed paths (absolute, sorted, without repeats): the
    /// paths of every change until the file system has been quiet for a moment. Opening and
    /// reading files are not changes, so a check's own reads never start another. `None`
    /// when the watch has ended.
    pub fn next_batch(&self) -> Option<notify::Result<Vec<PathBuf>>> {
        let mut paths = Vec::new();
        let mut first = true;
        loop {
            let event = if first {
                self.events.recv().ok()?
            } else {
                match self.events.recv_timeout(QUIET_TIME) {
                    Ok(event) => event,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            };
            let event = match event {
                Ok(event) => event,
                Err(error) => return Some(Err(error)),
            };
            if matches!(event.kind, EventKind::Access(_)) {
                continue;
            }
            first = false;
            paths.extend(
                event
                    .paths
                    .into_iter()
                    .map(|path| std::path::absolute(&path).unwrap_or(path)),
            );
        }
        paths.sort();
        paths.dedup();
        Some(Ok(paths))
    }
}

/// Whether a batch touches a rules file (one the last run read, `rules_files`, absolute, or
/// any file named as discovery finds them) or an ignore file: then every file is checked
/// again, not only the changed ones.
pub fn needs_full_run(changed: &[PathBuf], rules_files: &[PathBuf]) -> bool {
    changed.iter().any(|path| {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        RULES_FILE_NAMES.contains(&name)
            || crate::config::vale::ini::FILE_NAMES.contains(&name)
            || RUN_WIDE_FILES.contains(&name)
            || rules_files.iter().any(|file| file == path)
    })
}

/// The reports of a whole run, kept current as files change.
#[derive(Debug)]
pub struct LiveReports {
    /// One per file, sorted by path, as a full run gives them.
    pub reports: Vec<FileReport>,
    current_dir: PathBuf,
}

impl LiveReports {
    /// Starts from a full run.
    pub fn new(run: CheckRun, current_dir: PathBuf) -> Self {
        Self {
            reports: run.reports,
            current_dir,
        }
    }

    /// Replaces every report of a file at or under a `changed` path by what `fresh`, a run
    /// restricted to those paths, found: edited files are updated, new ones added, deleted
    /// ones dropped.
    pub fn update(&mut self, changed: &[PathBuf], fresh: CheckRun) {
        let current_dir = &self.current_dir;
        self.reports.retain(|report| {
            let absolute = current_dir.join(&report.display_path);
            !changed.iter().any(|path| absolute.starts_with(path))
        });
        self.reports.extend(fresh.reports);
        self.reports
            .sort_by(|a, b| a.display_path.cmp(&b.display_path));
    }

    /// The paths of `changed` as printed, for a person.
    pub fn describe(&self, changed: &[PathBuf]) -> Vec<String> {
        changed
            .iter()
            .map(|path| display_path(path, &self.current_dir))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::io::read_error;

    fn report(path: &str) -> FileReport {
        let error = std::io::Error::other("x");
        FileReport::new(
            path.to_string(),
            None,
            String::new(),
            vec![read_error(&error)],
        )
    }

    #[test]
    fn an_update_replaces_what_changed_and_drops_what_vanished() {
        let cwd = PathBuf::from("/site");
        let full = CheckRun {
            reports: vec![report("a.md"), report("posts/b.md"), report("posts/c.md")],
            ..CheckRun::default()
        };
        let mut live = LiveReports::new(full, cwd);
        let fresh = CheckRun {
            reports: vec![report("new.md")],
            ..CheckRun::default()
        };
        // posts/ was removed as a whole; a.md is untouched; new.md appeared.
        live.update(
            &[PathBuf::from("/site/posts"), PathBuf::from("/site/new.md")],
            fresh,
        );
        let paths: Vec<&str> = live
            .reports
            .iter()
            .map(|r| r.display_path.as_str())
            .collect();
        assert_eq!(paths, ["a.md", "new.md"]);
    }

    #[test]
    fn rules_and_ignore_files_call_for_a_full_run() {
        let changed = |p: &str| vec![PathBuf::from(p)];
        assert!(needs_full_run(&changed("/site/brandlint.toml"), &[]));
        assert!(needs_full_run(&changed("/site/a/.brandlint.toml"), &[]));
        assert!(needs_full_run(&changed("/site/.gitignore"), &[]));
        let read = [PathBuf::from("/brand/voice.toml")];
        assert!(needs_full_run(&changed("/brand/voice.toml"), &read));
        assert!(!needs_full_run(&changed("/brand/other.toml"), &read));
        assert!(!needs_full_run(&changed("/site/a.md"), &read));
    }
}
