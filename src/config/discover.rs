//! Finding the rules file for a content file: the nearest `brandlint.toml` or
//! `.brandlint.toml` in its folder or any folder above it, so nested rules apply to their
//! subtree. Folders are looked up once each.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The names a rules file may have, in order of preference within one folder.
pub const RULES_FILE_NAMES: [&str; 2] = ["brandlint.toml", ".brandlint.toml"];

/// Remembers, for each folder seen, which rules file governs it.
#[derive(Debug, Default)]
pub struct Discovery {
    by_folder: HashMap<PathBuf, Option<PathBuf>>,
}

impl Discovery {
    /// The rules file for a content file (an absolute path), if any folder above it has one.
    pub fn rules_for(&mut self, file: &Path) -> Option<PathBuf> {
        let folder = file.parent()?;
        self.rules_in_or_above(folder)
    }

    fn rules_in_or_above(&mut self, folder: &Path) -> Option<PathBuf> {
        if let Some(found) = self.by_folder.get(folder) {
            return found.clone();
        }
        let here = RULES_FILE_NAMES
            .iter()
            .map(|name| folder.join(name))
            .find(|candidate| candidate.is_file());
        let found = match here {
            Some(path) => Some(path),
            None => folder.parent().and_then(|up| self.rules_in_or_above(up)),
        };
        self.by_folder.insert(folder.to_path_buf(), found.clone());
        found
    }
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
}
