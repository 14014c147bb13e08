//! `check --changed-since REF`: the lines a change added or changed since the merge base of
//! a git ref and `HEAD`, so that a pull request is held to what it wrote, not to what the
//! files held before.
//!
//! Git is asked through its command-line program rather than a library: the program is
//! there wherever a repository is, it reads every repository the user's git reads (any
//! object format, worktrees, partial clones), and a library that does the same (`gix`) is a
//! large dependency of its own. It runs with external diff programs, text conversion and rename
//! detection off, so that a repository's configuration runs nothing and a renamed file counts
//! as new.
//!
//! Changed are the lines `git diff <merge base>` adds or changes in the working tree (tracked
//! files, staged or not), and every line of an untracked file that is not ignored.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::lint::FileReport;
use crate::model::{Finding, RuleKind};

/// The changed lines of each changed file, by absolute path.
#[derive(Debug, Default)]
pub struct ChangedLines {
    files: HashMap<PathBuf, Lines>,
}

/// Which lines of a file changed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Lines {
    /// All of them: a new file, or one whose hunks could not be read.
    All,
    /// These ranges of 1-based line numbers, inclusive, sorted.
    Ranges(Vec<(usize, usize)>),
}

impl ChangedLines {
    /// The lines changed since the merge base of `git_ref` and `HEAD`, in the repository
    /// that holds `current_dir`.
    pub fn since(git_ref: &str, current_dir: &Path) -> Result<Self, String> {
        if git_ref.is_empty() || git_ref.starts_with('-') {
            return Err(format!("`{git_ref}` is not a git ref"));
        }
        let top = git(current_dir, &["rev-parse", "--show-toplevel"])?;
        let top = PathBuf::from(String::from_utf8_lossy(&top).trim_end_matches('\n'));
        let base = merge_base(current_dir, git_ref)?;
        let diff_options = [
            "--no-ext-diff",
            "--no-textconv",
            "--no-renames",
            "--no-color",
            "--ignore-submodules",
        ];
        let mut names = vec!["diff", "-z", "--name-only", "--diff-filter=d"];
        names.extend(diff_options);
        names.push(&base);
        let mut changed = ChangedLines::default();
        for name in nul_separated(&git(&top, &names)?) {
            changed.files.insert(top.join(name), Lines::All);
        }
        let mut patch = vec![
            "-c",
            "core.quotePath=false",
            "diff",
            "--unified=0",
            "--src-prefix=a/",
            "--dst-prefix=b/",
        ];
        patch.extend(diff_options);
        patch.push(&base);
        let hunks = hunks(&String::from_utf8_lossy(&git(&top, &patch)?));
        for (name, ranges) in hunks {
            if let Some(lines) = changed.files.get_mut(&top.join(name)) {
                *lines = Lines::Ranges(ranges);
            }
        }
        let untracked = git(&top, &["ls-files", "-z", "--others", "--exclude-standard"])?;
        for name in nul_separated(&untracked) {
            changed.files.insert(top.join(name), Lines::All);
        }
        Ok(changed)
    }

    /// The changed files, by absolute path.
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        self.files.keys().map(PathBuf::as_path)
    }

    /// Keeps, of a report (its text kept) on the file at `path`, the findings on changed
    /// lines, and those about the whole document when the file changed at all.
    pub fn keep_changed(&self, report: &mut FileReport, path: &Path) {
        let Some(lines) = self.files.get(path) else {
            let none = vec![false; report.findings.len()];
            report.retain_marked(&none);
            return;
        };
        let Lines::Ranges(ranges) = lines else {
            return;
        };
        let keep: Vec<bool> = report
            .located()
            .map(|found| {
                is_about_the_document(found.finding)
                    || ranges
                        .iter()
                        .any(|&(first, last)| found.at.line <= last && first <= found.at.end_line)
            })
            .collect();
        report.retain_marked(&keep);
    }
}

/// Whether a finding concerns its document as a whole rather than the text at its place: a
/// `[[require]]` marker missing, a reading grade, an exclamation budget, anything at a
/// point rather than on text. A change anywhere in the file can bring or settle it.
fn is_about_the_document(finding: &Finding) -> bool {
    finding.span.start == finding.span.end
        || finding.kind == RuleKind::Require
        || matches!(
            finding.rule.as_str(),
            "voice/reading-grade-max" | "voice/max-exclamations"
        )
}

/// The merge base of `git_ref` and `HEAD`. A shallow clone (as CI checks out) may hold too
/// little history to find it: there, the commit `git_ref` names is the base, as CI's
/// checkout of a pull request is its merge onto that commit.
fn merge_base(dir: &Path, git_ref: &str) -> Result<String, String> {
    let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).trim().to_string();
    match git(dir, &["merge-base", git_ref, "HEAD"]) {
        Ok(base) => Ok(text(base)),
        Err(error) => {
            let shallow = git(dir, &["rev-parse", "--is-shallow-repository"]).map(text);
            let commit = format!("{git_ref}^{{commit}}");
            match git(dir, &["rev-parse", "--verify", "--quiet", &commit]) {
                Ok(base) if shallow.as_deref() == Ok("true") => Ok(text(base)),
                _ => Err(format!("no merge base of `{git_ref}` and HEAD: {error}")),
            }
        }
    }
}

/// Runs git in `dir` with `args` and returns its standard output, or what it said.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_EXTERNAL_DIFF")
        .output()
        .map_err(|error| format!("cannot run git: {error}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        let said = String::from_utf8_lossy(&output.stderr);
        Err(said
            .trim()
            .lines()
            .next()
            .unwrap_or("git failed")
            .to_string())
    }
}

/// The names of a NUL-separated list.
fn nul_separated(bytes: &[u8]) -> impl Iterator<Item = String> + '_ {
    bytes
        .split(|&b| b == 0)
        .filter(|name| !name.is_empty())
        .map(|name| String::from_utf8_lossy(name).into_owned())
}

/// The added or changed line ranges of each file of a `--unified=0` patch, by the path
/// after `+++ b/`. A path git had to quote is skipped: its file then counts as changed
/// throughout.
fn hunks(patch: &str) -> HashMap<String, Vec<(usize, usize)>> {
    let mut found: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    let mut file: Option<String> = None;
    for line in patch.lines() {
        if let Some(name) = line.strip_prefix("+++ ") {
            file = name
                .strip_prefix("b/")
                .filter(|_| !name.starts_with('"'))
                .map(str::to_string);
            if let Some(name) = &file {
                found.entry(name.clone()).or_default();
            }
        } else if let (Some(header), Some(name)) = (line.strip_prefix("@@ "), &file) {
            if let Some(range) = added_range(header) {
                found.entry(name.clone()).or_default().push(range);
            }
        }
    }
    found
}

/// The new-side lines of a hunk header's `+start,count` (`-3,2 +4,5 @@ ...`), as an
/// inclusive range; `None` for a hunk that only removes lines.
fn added_range(header: &str) -> Option<(usize, usize)> {
    let new_side = header.split(' ').find_map(|part| part.strip_prefix('+'))?;
    let (start, count) = match new_side.split_once(',') {
        Some((start, count)) => (start.parse().ok()?, count.parse().ok()?),
        None => (new_side.parse().ok()?, 1),
    };
    (count > 0).then(|| (start, start + count - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunk_headers_give_the_new_lines() {
        assert_eq!(added_range("-3,2 +4,5 @@ fn x"), Some((4, 8)));
        assert_eq!(added_range("-3 +4 @@"), Some((4, 4)));
        assert_eq!(added_range("-3,2 +2,0 @@"), None);
        assert_eq!(added_range("nonsense"), None);
    }

    #[test]
    fn a_patch_gives_each_files_ranges_and_skips_quoted_names() {
        let patch = "diff --git a/a.md b/a.md\n--- a/a.md\n+++ b/a.md\n@@ -1 +1,2 @@\n-x\n+y\n+z\n\
                     @@ -9,0 +10 @@\n+w\ndiff --git a/\"q\\tq.md\" b/\"q\\tq.md\"\n+++ \"b/q\\tq.md\"\n\
                     @@ -1 +1 @@\n+v\n";
        let found = hunks(patch);
        assert_eq!(found["a.md"], [(1, 2), (10, 10)]);
        assert_eq!(found.len(), 1);
    }
}
