//! From the paths on the command line to the files to check: folders are walked with the
//! `ignore` crate (honouring `.gitignore`, `.ignore` and hidden files, inside a git
//! repository or not); files named explicitly are always taken. Sorted, so output is
//! deterministic.
//!
//! Symbolic links are never followed when walking: a link to a file is passed over and a
//! link to a folder is not entered, so a link in a pull request (`docs/etc -> /etc`) cannot
//! bring files from outside the repository into a check. A path named on the command line
//! is the user's own choice and is taken as it is.

use std::path::{Path, PathBuf};

/// How a file came to be checked, which decides what is said about a file that cannot be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// Named on the command line: a file of no known channel, a missing file and a binary
    /// file are all reported.
    Named,
    /// Listed in `--files-from` (the files a change touched): a binary file is reported,
    /// a missing file or one of no known channel is skipped.
    Listed,
    /// Listed in `--files-from`, but the path is a symbolic link or goes through one: it is
    /// not followed, and is reported when it names content.
    ListedLink,
    /// Found by walking a folder: only files that can be checked are reported on.
    Found,
}

/// A file to check.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Target {
    /// Its path, as given or as found under a given folder.
    pub path: PathBuf,
    /// How it came to be checked.
    pub origin: Origin,
}

/// A folder or file the walk could not read.
#[derive(Debug)]
pub struct WalkError {
    /// The path involved, when known.
    pub path: Option<PathBuf>,
    /// What went wrong.
    pub message: String,
}

/// Expands paths into files. With `respect_ignore_files` false, `.gitignore` and `.ignore`
/// are not read (hidden files are still skipped when walking).
pub fn targets(paths: &[PathBuf], respect_ignore_files: bool) -> (Vec<Target>, Vec<WalkError>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if !path.is_dir() {
            found.push(Target {
                path: path.clone(),
                origin: Origin::Named,
            });
            continue;
        }
        let walker = ignore::WalkBuilder::new(path)
            .require_git(false)
            .git_ignore(respect_ignore_files)
            .git_exclude(respect_ignore_files)
            .git_global(respect_ignore_files)
            .ignore(respect_ignore_files)
            .parents(respect_ignore_files)
            .build();
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                    found.push(Target {
                        path: entry.into_path(),
                        origin: Origin::Found,
                    });
                }
                Ok(_) => {}
                Err(error) => errors.push(WalkError {
                    path: error_path(&error),
                    message: error.to_string(),
                }),
            }
        }
    }
    found.sort();
    found.dedup_by(|a, b| a.path == b.path);
    (found, errors)
}

/// The names of legal boilerplate, in upper case: a file whose name is one of these, alone
/// or before anything but a letter (`LICENSE`, `LICENSE.md`, `LICENSE-MIT.md`,
/// `COPYING.txt`, `notice`), holds a licence's or a notice's words, which are the law's,
/// not the brand's.
const LEGAL_NAMES: [&str; 4] = ["LICENSE", "LICENCE", "COPYING", "NOTICE"];

/// Whether a file is legal boilerplate by its name ([`LEGAL_NAMES`], in any case). Such a
/// file is left out when found by a walk or listed with `--files-from`, as an ignored file
/// is; named on the command line, it is checked.
pub fn is_legal_boilerplate(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    LEGAL_NAMES.iter().any(|legal| {
        name.get(..legal.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(legal))
            && !name[legal.len()..].starts_with(|c: char| c.is_alphabetic())
    })
}

/// Whether `path` is a symbolic link, or goes through one in a folder below `current_dir`
/// (a path outside `current_dir` is judged by its last part alone).
pub fn goes_through_link(path: &Path, current_dir: &Path) -> bool {
    let absolute = normalized(&current_dir.join(path));
    let is_link = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    let Ok(below) = absolute.strip_prefix(current_dir) else {
        return is_link(&absolute);
    };
    let mut at = current_dir.to_path_buf();
    below.components().any(|part| {
        at.push(part);
        is_link(&at)
    })
}

fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

/// How a path is printed: relative to the current folder without a leading `./`, or
/// absolute when it lies outside it.
pub fn display_path(path: &Path, current_dir: &Path) -> String {
    let normalized = normalized(path);
    match normalized.strip_prefix(current_dir) {
        Ok(relative) if !relative.as_os_str().is_empty() => relative.display().to_string(),
        _ => normalized.display().to_string(),
    }
}

/// The absolute form of `path` with `.` and `..` resolved by name, not by the file system.
pub fn normalized(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    absolute
        .components()
        .fold(PathBuf::new(), |mut acc, component| {
            match component {
                std::path::Component::CurDir => {}
                std::path::Component::ParentDir => {
                    acc.pop();
                }
                other => acc.push(other),
            }
            acc
        })
}

/// [`display_path`] for many files in a few folders, as a walk finds them: each folder is
/// resolved once for all the files in a row that lie in it.
pub struct DisplayPaths<'a> {
    current_dir: &'a Path,
    /// The last folder seen, and how it prints: relative to the current folder (empty for
    /// the current folder itself) or absolute.
    last_folder: Option<(PathBuf, PathBuf)>,
}

impl<'a> DisplayPaths<'a> {
    /// Display paths relative to `current_dir`.
    pub fn new(current_dir: &'a Path) -> Self {
        Self {
            current_dir,
            last_folder: None,
        }
    }

    /// How `path` is printed: the same as [`display_path`].
    pub fn of(&mut self, path: &Path) -> String {
        let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
            return display_path(path, self.current_dir);
        };
        if folder.as_os_str().is_empty() {
            return display_path(path, self.current_dir);
        }
        let shown = match &self.last_folder {
            Some((last, shown)) if last == folder => shown,
            _ => {
                let normalized = normalized(folder);
                let shown = match normalized.strip_prefix(self.current_dir) {
                    Ok(relative) => relative.to_path_buf(),
                    Err(_) => normalized,
                };
                &self.last_folder.insert((folder.to_path_buf(), shown)).1
            }
        };
        shown.join(name).display().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licences_copying_and_notices_are_legal_boilerplate() {
        for name in [
            "LICENSE",
            "LICENSE.md",
            "docs/LICENSE-MIT.md",
            "License_Apache.txt",
            "licence.html",
            "COPYING.txt",
            "NOTICE",
            "notice.md",
        ] {
            assert!(is_legal_boilerplate(Path::new(name)), "{name}");
        }
        for name in [
            "licensed-fonts.md",
            "noticeboard.md",
            "post.md",
            "MY-LICENSE.md",
            "LICENSE/x.md",
        ] {
            assert!(!is_legal_boilerplate(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn paths_print_relative_without_dot_slash() {
        let cwd = Path::new("/work/site");
        assert_eq!(
            display_path(Path::new("/work/site/./posts/a.md"), cwd),
            "posts/a.md"
        );
        assert_eq!(
            display_path(Path::new("/work/other/a.md"), cwd),
            "/work/other/a.md"
        );
        assert_eq!(display_path(Path::new("/work/site/x/../b.md"), cwd), "b.md");
    }

    #[test]
    fn display_paths_of_a_walk_agree_with_each_path_alone() {
        let cwd = Path::new("/work/site");
        let paths = [
            "/work/site/a.md",
            "/work/site/posts/b.md",
            "/work/site/posts/c.md",
            "/work/site/./posts/d.md",
            "/work/site/x/../e.md",
            "/work/site/x/../../other/f.md",
            "/work/other/g.md",
            "/work/other/g.md",
            "/h.md",
            "posts/i.md",
            "./j.md",
            "k.md",
            "../l.md",
            "posts/..",
            "posts/.",
            "/",
            "",
        ];
        let mut display = DisplayPaths::new(cwd);
        for path in paths {
            let path = Path::new(path);
            assert_eq!(display.of(path), display_path(path, cwd), "{path:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_are_found_on_any_part_of_a_path_below_the_current_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("docs/real")).unwrap();
        std::fs::write(root.join("docs/real/a.md"), "x").unwrap();
        std::os::unix::fs::symlink(root.join("docs/real"), root.join("docs/linked")).unwrap();
        std::os::unix::fs::symlink("real/a.md", root.join("docs/b.md")).unwrap();
        assert!(!goes_through_link(Path::new("docs/real/a.md"), root));
        assert!(goes_through_link(Path::new("docs/linked/a.md"), root));
        assert!(goes_through_link(Path::new("docs/b.md"), root));
        assert!(goes_through_link(&root.join("docs/b.md"), root));
        assert!(!goes_through_link(Path::new("docs/missing.md"), root));
    }

    #[test]
    fn walking_honours_gitignore_outside_a_repository() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".gitignore"), "drafts/\n").unwrap();
        std::fs::create_dir(dir.path().join("drafts")).unwrap();
        std::fs::write(dir.path().join("drafts/a.md"), "x").unwrap();
        std::fs::write(dir.path().join("b.md"), "x").unwrap();
        let (found, errors) = targets(&[dir.path().to_path_buf()], true);
        assert!(errors.is_empty());
        let names: Vec<_> = found.iter().map(|t| t.path.file_name().unwrap()).collect();
        assert_eq!(names, ["b.md"]);
        let (all, _) = targets(&[dir.path().to_path_buf()], false);
        assert_eq!(
            all.len(),
            2,
            "with ignore files off, drafts/a.md is found too"
        );
    }
}
