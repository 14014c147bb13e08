//! The rules file: its schema, loading with `extends`, discovery next to the content, and
//! compilation into the rules that checks run. Every error is a miette report pointing into
//! the TOML.

pub mod compile;
pub mod conflict;
pub mod discover;
pub mod error;
pub mod load;
pub mod schema;

pub use compile::{
    compile, CompiledPattern, CompiledRules, Compiler, FileRules, Override, PhraseRole, RuleDraft,
};

use std::path::Path;

use error::ConfigError;

/// Loads and compiles a rules file and everything it extends. Globs are relative to the
/// file's folder.
pub fn load_rules(path: &Path) -> Result<CompiledRules, ConfigError> {
    let merged = load::load(path)?;
    let root = path
        .parent()
        .map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        })
        .unwrap_or(Path::new("."));
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    compile(&merged, &root)
}

/// The embedded default pack, compiled, with globs relative to `root`.
pub fn default_rules(root: &Path) -> Result<CompiledRules, ConfigError> {
    let merged = load::load_default()?;
    compile(&merged, root)
}
