//! Finding the rules file for a content file: the nearest `brandlint.toml` or
//! `.brandlint.toml` in its folder or any folder above it, so nested rules apply to their
//! subtree; where there is none, the nearest Vale configuration (`.vale.ini`, `_vale.ini`,
//! `vale.ini`), so a repository set up for Vale is checked with its Vale style. Folders are
//! looked up once each.
//!
//! The rules may also come from another tree of files laid out as the current folder is
//! (`--rules-tree`, such as the files of a pull request's base commit), so that a change
//! cannot bring its own rules: a content file `./docs/a.md` then takes the nearest rules
//! file of `TREE/docs` or a folder above it, up to `TREE`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The names a rules file may have, in order of preference within one folder.
pub const RULES_FILE_NAMES: [&str; 2] = ["brandlint.toml", ".brandlint.toml"];

/// Remembers, for each folder seen, which rules file governs it.
#[derive(Debug, Default)]
pub struct Discovery {
    by_folder: HashMap<PathBuf, Option<PathBuf>>,
    vale_by_folder: HashMap<PathBuf, Option<PathBuf>>,
    tree: Option<RulesTree>,
}

/// A tree of rules files that stands in for the current folder's.
#[derive(Debug)]
struct RulesTree {
    /// The folder whose layout the tree mirrors.
    current_dir: PathBuf,
    /// The tree.
    root: PathBuf,
}

impl Discovery {
    /// Rules files looked up in `tree` rather than beside the content: for a content file
    /// under `current_dir`, the same folder in `tree` and those above it up to `tree`.
    pub fn in_tree(tree: &Path, current_dir: &Path) -> Self {
        Self {
            by_folder: HashMap::new(),
            vale_by_folder: HashMap::new(),
            tree: Some(RulesTree {
                current_dir: current_dir.to_path_buf(),
                root: std::path::absolute(tree).unwrap_or_else(|_| tree.to_path_buf()),
            }),
        }
    }

    /// The rules file for a content file (an absolute path), if any folder above it has one:
    /// the nearest brandlint rules file, else the nearest Vale configuration.
    pub fn rules_for(&mut self, file: &Path) -> Option<PathBuf> {
        let folder = file.parent()?;
        let folder = match &self.tree {
            None => folder.to_path_buf(),
            Some(tree) => tree.root.join(folder.strip_prefix(&tree.current_dir).ok()?),
        };
        let top = self.tree.as_ref().map(|tree| tree.root.clone());
        nearest(
            &folder,
            &RULES_FILE_NAMES,
            top.as_deref(),
            &mut self.by_folder,
        )
        .or_else(|| {
            nearest(
                &folder,
                &crate::config::vale::ini::FILE_NAMES,
                top.as_deref(),
                &mut self.vale_by_folder,
            )
        })
    }

    /// For a rules file found in the tree, the folder its globs are relative to: the folder
    /// of the current folder's layout that it stands for. `None` without a tree.
    pub fn stands_for(&self, rules_file: &Path) -> Option<PathBuf> {
        let tree = self.tree.as_ref()?;
        let folder = rules_file.parent()?.strip_prefix(&tree.root).ok()?;
        Some(tree.current_dir.join(folder))
    }
}

/// The first of `names` in `folder` or the nearest folder above it (up to `top`), each
/// folder's answer remembered in `cache`.
fn nearest(
    folder: &Path,
    names: &[&str],
    top: Option<&Path>,
    cache: &mut HashMap<PathBuf, Option<PathBuf>>,
) -> Option<PathBuf> {
    if let Some(found) = cache.get(folder) {
        return found.clone();
    }
    let here = names
        .iter()
        .map(|name| folder.join(name))
        .find(|candidate| candidate.is_file());
    let found = match here {
        Some(path) => Some(path),
        None if top == Some(folder) => None,
        None => folder
            .parent()
            .and_then(|up| nearest(up, names, top, cache)),
    };
    cache.insert(folder.to_path_buf(), found.clone());
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_rules_file_wins() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b/c")).unwrap();
        std::fs::write(root.join("brandlint.toml"), "").unwrap();
        std::fs::write(root.join("a/b/.brandlint.toml"), "").unwrap();
        let mut discovery = Discovery::default();
        assert_eq!(
            discovery.rules_for(&root.join("a/b/c/post.md")),
            Some(root.join("a/b/.brandlint.toml"))
        );
        assert_eq!(
            discovery.rules_for(&root.join("a/post.md")),
            Some(root.join("brandlint.toml"))
        );
    }

    #[test]
    fn a_vale_configuration_is_found_where_no_brandlint_rules_file_is() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("docs/guide")).unwrap();
        std::fs::write(root.join("docs/.vale.ini"), "").unwrap();
        let mut discovery = Discovery::default();
        assert_eq!(
            discovery.rules_for(&root.join("docs/guide/a.md")),
            Some(root.join("docs/.vale.ini"))
        );
        std::fs::write(root.join("brandlint.toml"), "").unwrap();
        let mut discovery = Discovery::default();
        assert_eq!(
            discovery.rules_for(&root.join("docs/guide/a.md")),
            Some(root.join("brandlint.toml")),
            "a brandlint rules file anywhere above wins"
        );
    }

    #[test]
    fn a_rules_tree_mirrors_the_current_folder_and_ends_at_its_top() {
        let dir = tempfile::tempdir().unwrap();
        let (work, tree) = (dir.path().join("work"), dir.path().join("tree"));
        std::fs::create_dir_all(work.join("docs/deep")).unwrap();
        std::fs::write(work.join("docs/brandlint.toml"), "").unwrap();
        std::fs::create_dir_all(tree.join("docs/deep")).unwrap();
        std::fs::write(tree.join("brandlint.toml"), "").unwrap();
        std::fs::write(dir.path().join("brandlint.toml"), "").unwrap();
        let mut discovery = Discovery::in_tree(&tree, &work);
        let found = discovery.rules_for(&work.join("docs/deep/a.md"));
        assert_eq!(found, Some(tree.join("brandlint.toml")));
        assert_eq!(
            discovery.stands_for(&tree.join("brandlint.toml")),
            Some(work.clone())
        );
        std::fs::remove_file(tree.join("brandlint.toml")).unwrap();
        let mut discovery = Discovery::in_tree(&tree, &work);
        assert_eq!(
            discovery.rules_for(&work.join("docs/a.md")),
            None,
            "not above the tree"
        );
        assert_eq!(
            discovery.rules_for(&dir.path().join("elsewhere/a.md")),
            None
        );
    }
}
