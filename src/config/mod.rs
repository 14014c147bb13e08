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
use load::Reach;

/// Loads and compiles a rules file and everything it extends inside its repository. Globs
/// are relative to the file's folder.
pub fn load_rules(path: &Path) -> Result<CompiledRules, ConfigError> {
    load_rules_reaching(path, &Reach::default())
}

/// Loads and compiles a rules file and everything it extends, as far as `reach` allows.
pub fn load_rules_reaching(path: &Path, reach: &Reach) -> Result<CompiledRules, ConfigError> {
    let merged = load::load_text(path, load::read_text(path)?, reach)?;
    compile_beside(&merged, path)
}

/// Compiles rules given as text, as if read from the file at `origin`: errors name it,
/// `extends` paths and globs are relative to its folder. The file need not exist.
pub fn load_rules_from_str(text: &str, origin: &Path) -> Result<CompiledRules, ConfigError> {
    let merged = load::load_text(origin, text.to_string(), &Reach::default())?;
    compile_beside(&merged, origin)
}

/// Compiles merged rules with globs relative to the folder of the file at `origin`.
fn compile_beside(merged: &load::MergedRules, origin: &Path) -> Result<CompiledRules, ConfigError> {
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
    compile(merged, &root)
}

/// The embedded default pack, compiled, with globs relative to `root`.
pub fn default_rules(root: &Path) -> Result<CompiledRules, ConfigError> {
    let merged = load::load_default()?;
    compile(&merged, root)
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
