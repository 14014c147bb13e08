//! The rules file: its schema, loading with `extends`, discovery next to the content, and
//! compilation into the rules that checks run. Every error is a miette report pointing into
//! the TOML.

pub mod budget;
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
use load::Reach;

use crate::limits::LimitValues;

/// How rules files are loaded: where their `extends` may reach, and the budgets given on
/// the command line, which win over a file's `[limits]`.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Where the files a rules file extends may lie.
    pub reach: Reach,
    /// Budgets from the command line.
    pub limits: LimitValues,
}

/// Loads and compiles a rules file and everything it extends inside its repository, with
/// the default budgets. Globs are relative to the file's folder.
pub fn load_rules(path: &Path) -> Result<CompiledRules, ConfigError> {
    load_rules_with(path, &LoadOptions::default())
}

/// [`load_rules`], as `options` say.
pub fn load_rules_with(path: &Path, options: &LoadOptions) -> Result<CompiledRules, ConfigError> {
    compile_text(&load::read_text(path)?, path, options)
}

/// Compiles rules given as text, as if read from the file at `origin`: errors name it,
/// `extends` paths and globs are relative to its folder. The file need not exist.
pub fn load_rules_from_str(text: &str, origin: &Path) -> Result<CompiledRules, ConfigError> {
    compile_text(text, origin, &LoadOptions::default())
}

fn compile_text(
    text: &str,
    origin: &Path,
    options: &LoadOptions,
) -> Result<CompiledRules, ConfigError> {
    let merged = load::load_text(origin, text.to_string(), &options.reach)?;
    let root = origin
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
    compile(&merged, &root, &options.limits)
}

/// The embedded default pack, compiled, with globs relative to `root`.
pub fn default_rules(root: &Path) -> Result<CompiledRules, ConfigError> {
    default_rules_limited(root, &LimitValues::default())
}

/// [`default_rules`], with budgets given on the command line.
pub fn default_rules_limited(
    root: &Path,
    overrides: &LimitValues,
) -> Result<CompiledRules, ConfigError> {
    let merged = load::load_default()?;
    compile(&merged, root, overrides)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_given_as_text_compile_as_the_same_file_would() {
        let pack = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/examples/acme.toml");
        let text = std::fs::read_to_string(&pack).unwrap();
        let from_file = load_rules(&pack).unwrap();
        let from_text = load_rules_from_str(&text, &pack).unwrap();
        let ids = |rules: &CompiledRules| -> Vec<String> {
            rules.rules.iter().map(|r| r.id.clone()).collect()
        };
        assert_eq!(ids(&from_text), ids(&from_file));
        assert_eq!(from_text.relative(&pack), Path::new("acme.toml"));
    }

    #[test]
    fn rules_given_as_text_extend_files_next_to_their_origin() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let text = "[brand]\nextends = [\"../rules/examples/acme.toml\"]\n";
        let origin = root.join("fixtures/not-on-disk.toml");
        let rules = load_rules_from_str(text, &origin).unwrap();
        assert!(rules.rules.iter().any(|r| r.id == "term/Acme"));
        let error =
            load_rules_from_str("[brand]\nextends = [\"missing.toml\"]\n", &origin).unwrap_err();
        assert!(
            error.message.contains("not-on-disk.toml"),
            "{}",
            error.message
        );
        assert!(
            error.message.contains("does not exist"),
            "{}",
            error.message
        );
    }
}
