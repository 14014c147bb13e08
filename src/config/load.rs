//! Reading rules files: parse strictly, follow `extends` (in order, paths relative to the
//! file that names them, cycles refused) and merge everything into one set of tables that
//! remember which file each came from, so later errors can point into the right file.

use std::path::{Path, PathBuf};

use toml::Spanned;

use super::error::ConfigError;
use super::schema::{
    BannedTable, OverrideTable, PatternTable, PreferTable, RequireTable, RulesFile, Severity,
    TermTable, VisualTable, VoiceTable,
};
use crate::limits::LimitValues;

/// The embedded default pack, used when no rules file is found.
pub const DEFAULT_PACK: &str = include_str!("../../rules/default.toml");
/// The name the embedded pack goes by in messages.
pub const DEFAULT_PACK_NAME: &str = "rules/default.toml (built in)";

/// A rules file's path and text, kept for error reports.
#[derive(Debug)]
pub struct SourceFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// A table together with the index (into [`MergedRules::sources`]) of the file it came from.
#[derive(Debug)]
pub struct Located<T> {
    /// Index of the source file.
    pub origin: usize,
    /// The table.
    pub value: T,
}

/// A rules file merged with everything it extends. Rule tables are concatenated in order (a
/// later rule with the same id replaces an earlier one when compiled); single values are
/// taken from the last file that sets them.
#[derive(Debug, Default)]
pub struct MergedRules {
    /// Every file read, the extended ones first.
    pub sources: Vec<SourceFile>,
    /// `[brand] name`.
    pub brand_name: Option<String>,
    /// `[defaults] severity`.
    pub default_severity: Option<Severity>,
    /// `[files] email`, from every file.
    pub email: Vec<Located<Spanned<String>>>,
    /// `[files] ignore`, from every file.
    pub ignore: Vec<Located<Spanned<String>>>,
    /// `[files] ignore_selectors`, from every file.
    pub ignore_selectors: Vec<Located<Spanned<String>>>,
    /// `[[term]]` tables.
    pub terms: Vec<Located<TermTable>>,
    /// `[[banned]]` tables.
    pub banned: Vec<Located<BannedTable>>,
    /// `[[prefer]]` tables.
    pub prefer: Vec<Located<PreferTable>>,
    /// `[[pattern]]` tables.
    pub patterns: Vec<Located<PatternTable>>,
    /// `[[require]]` tables.
    pub require: Vec<Located<RequireTable>>,
    /// `[voice]` tables, the extended files' first: a later file's keys win.
    pub voice: Vec<Located<VoiceTable>>,
    /// `[visual]` tables, the extended files' first: a later file's keys win.
    pub visual: Vec<Located<VisualTable>>,
    /// `[[override]]` tables, applied in this order.
    pub overrides: Vec<Located<OverrideTable>>,
    /// `[limits]`, each key from the last file that sets it.
    pub limits: LimitValues,
}

impl MergedRules {
    /// The file a table came from, for error reports.
    pub fn source(&self, origin: usize) -> &SourceFile {
        &self.sources[origin]
    }
}

/// Reads a rules file and everything it extends.
pub fn load(path: &Path) -> Result<MergedRules, ConfigError> {
    load_text(path, read_text(path)?)
}

/// A rules file's text, as if read from `path`, and everything it extends (paths relative
/// to `path`'s folder, as for a file).
pub fn load_text(path: &Path, text: String) -> Result<MergedRules, ConfigError> {
    let mut merged = MergedRules::default();
    let mut stack = Vec::new();
    load_text_into(path, text, &mut merged, &mut stack)?;
    Ok(merged)
}

/// The embedded default pack, parsed.
pub fn load_default() -> Result<MergedRules, ConfigError> {
    let mut merged = MergedRules::default();
    let file = parse(Path::new(DEFAULT_PACK_NAME), DEFAULT_PACK)?;
    merge(
        &mut merged,
        Path::new(DEFAULT_PACK_NAME),
        DEFAULT_PACK.to_string(),
        file,
    );
    Ok(merged)
}

fn parse(path: &Path, text: &str) -> Result<RulesFile, ConfigError> {
    toml::from_str(text).map_err(|e| ConfigError::from_toml(path, text, &e))
}

/// A rules file's text; an unreadable or non-UTF-8 file is an error naming it.
pub fn read_text(path: &Path) -> Result<String, ConfigError> {
    let bytes = std::fs::read(path).map_err(|e| {
        ConfigError::plain(format!("cannot read rules file {}: {e}", path.display()))
    })?;
    String::from_utf8(bytes).map_err(|e| {
        ConfigError::plain(format!(
            "rules file {} is not UTF-8 (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}

fn load_into(
    path: &Path,
    merged: &mut MergedRules,
    stack: &mut Vec<PathBuf>,
) -> Result<(), ConfigError> {
    load_text_into(path, read_text(path)?, merged, stack)
}

fn load_text_into(
    path: &Path,
    text: String,
    merged: &mut MergedRules,
    stack: &mut Vec<PathBuf>,
) -> Result<(), ConfigError> {
    let file = parse(path, &text)?;
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    stack.push(canonical);
    let folder = path.parent().unwrap_or(Path::new("."));
    for base in &file.brand.extends {
        let target = folder.join(base.get_ref());
        let canonical_target = target.canonicalize().ok();
        if !target.is_file() {
            return Err(ConfigError::at(
                path,
                &text,
                base.span(),
                format!(
                    "extends a rules file that does not exist: {}",
                    target.display()
                ),
            ));
        }
        if canonical_target.is_some_and(|t| stack.contains(&t)) {
            return Err(ConfigError::at(
                path,
                &text,
                base.span(),
                "extends a rules file that extends this one (a cycle)",
            ));
        }
        load_into(&target, merged, stack)?;
    }
    stack.pop();
    merge(merged, path, text, file);
    Ok(())
}

fn merge(merged: &mut MergedRules, path: &Path, text: String, file: RulesFile) {
    let origin = merged.sources.len();
    merged.sources.push(SourceFile {
        path: path.to_path_buf(),
        text,
    });
    if file.brand.name.is_some() {
        merged.brand_name = file.brand.name;
    }
    if file.defaults.severity.is_some() {
        merged.default_severity = file.defaults.severity;
    }
    merged.email.extend(located(origin, file.files.email));
    merged.ignore.extend(located(origin, file.files.ignore));
    merged
        .ignore_selectors
        .extend(located(origin, file.files.ignore_selectors));
    merged.terms.extend(located(origin, file.term));
    merged.banned.extend(located(origin, file.banned));
    merged.prefer.extend(located(origin, file.prefer));
    merged.patterns.extend(located(origin, file.pattern));
    merged.require.extend(located(origin, file.require));
    merged.voice.extend(located(origin, file.voice));
    merged.visual.extend(located(origin, file.visual));
    merged.overrides.extend(located(origin, file.overrides));
    merged.limits = merged.limits.overlaid(&file.limits.values());
}

impl<'a, T> From<&'a Located<T>> for (usize, &'a T) {
    fn from(located: &'a Located<T>) -> Self {
        (located.origin, &located.value)
    }
}

fn located<T>(
    origin: usize,
    tables: impl IntoIterator<Item = T>,
) -> impl Iterator<Item = Located<T>> {
    tables
        .into_iter()
        .map(move |value| Located { origin, value })
}
