//! Reading rules files: parse strictly, follow `extends` (in order, paths relative to the
//! file that names them, cycles refused) and merge everything into one set of tables that
//! remember which file each came from, so later errors can point into the right file.
//!
//! A rules file can come from a pull request, and its errors are printed with the lines
//! around them, so where `extends` may reach is bounded ([`Reach`]): by default only rules
//! files (`.toml`) inside the repository of the file that extends them, never under `.git`,
//! and never by an absolute path. A file outside is refused without being read.

use std::path::{Path, PathBuf};

use toml::Spanned;

use super::error::ConfigError;
use super::schema::{OverrideTable, RuleSpec, RulesFile};
use crate::limits::LimitValues;
use crate::model::Severity;

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
pub struct FromFile<T> {
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
    pub email: Vec<FromFile<Spanned<String>>>,
    /// `[files] ignore`, from every file.
    pub ignore: Vec<FromFile<Spanned<String>>>,
    /// `[files] ignore_selectors`, from every file.
    pub ignore_selectors: Vec<FromFile<Spanned<String>>>,
    /// Every rule table, typed by kind: the files in the order merged (the extended ones
    /// first), each file's tables kind by kind. A later `[voice]` or `[visual]` table's keys
    /// win over an earlier one's.
    pub rules: Vec<FromFile<RuleSpec>>,
    /// `[[override]]` tables, applied in this order.
    pub overrides: Vec<FromFile<OverrideTable>>,
    /// `[limits]`, each key from the last file that sets it.
    pub limits: LimitValues,
    /// A Vale configuration and the styles it names, when the rules file is one.
    pub vale: Option<super::vale::ValeConfig>,
}

impl MergedRules {
    /// The file a table came from, for error reports.
    pub fn source(&self, origin: usize) -> &SourceFile {
        &self.sources[origin]
    }

    /// The tables of one kind, in the order merged, each with the file it came from: `pick`
    /// is the kind's variant, such as `RuleSpec::term`.
    pub fn tables<'a, T>(
        &'a self,
        pick: fn(&'a RuleSpec) -> Option<&'a T>,
    ) -> impl Iterator<Item = (usize, &'a T)> + 'a {
        self.rules
            .iter()
            .filter_map(move |located| pick(&located.value).map(|table| (located.origin, table)))
    }
}

/// Where the files a rules file extends may lie.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Reach {
    /// Inside the repository of the rules file: the git work tree that holds it, else its
    /// own folder.
    #[default]
    Repository,
    /// Inside this folder (a tree of rules files standing in for the repository's, such as
    /// a base commit's).
    Within(PathBuf),
    /// Anywhere, absolute paths included (`--allow-outside`).
    Anywhere,
}

impl Reach {
    /// The folder, canonical, that a rules file at `path` may extend files in; `None` when
    /// anywhere.
    pub fn root_for(&self, path: &Path) -> Option<PathBuf> {
        match self {
            Reach::Anywhere => None,
            Reach::Within(root) => Some(root.canonicalize().unwrap_or_else(|_| root.clone())),
            Reach::Repository => {
                let folder = match path.parent() {
                    Some(folder) if !folder.as_os_str().is_empty() => folder,
                    _ => Path::new("."),
                };
                let folder = folder
                    .canonicalize()
                    .unwrap_or_else(|_| folder.to_path_buf());
                let repository = folder
                    .ancestors()
                    .find(|up| std::fs::symlink_metadata(up.join(".git")).is_ok());
                Some(repository.unwrap_or(&folder).to_path_buf())
            }
        }
    }

    /// Refuses a rules file that lies outside `root` (following links) or under `.git`,
    /// without reading it; `what` says what the path is, for the message.
    pub fn check_inside(root: Option<&Path>, path: &Path, what: &str) -> Result<(), String> {
        let Some(root) = root else {
            return Ok(());
        };
        match resolved(path).strip_prefix(root) {
            Ok(inside) if !inside.components().any(|c| c.as_os_str() == ".git") => Ok(()),
            Ok(_) => Err(format!(
                "{what} {} lies under .git, which holds no rules files",
                path.display()
            )),
            Err(_) => Err(format!(
                "{what} {} lies outside {} (through a link or `..`); rules files are read \
                 only inside the repository unless --allow-outside is given",
                path.display(),
                root.display()
            )),
        }
    }
}

/// Where a path leads: its canonical form when it exists; else the canonical form of the
/// nearest folder above it that exists, with the rest of the path after it, `..` resolved
/// by name.
fn resolved(path: &Path) -> PathBuf {
    if let Ok(canonical) = path.canonicalize() {
        return canonical;
    }
    let lexical = crate::walk::normalized(path);
    let mut rest = Vec::new();
    let mut existing = lexical.as_path();
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            return rest
                .iter()
                .rev()
                .fold(canonical, |acc, part| acc.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return lexical,
        }
    }
}

/// Reads a rules file and everything it extends, as far as `reach` allows.
pub fn load(path: &Path, reach: &Reach) -> Result<MergedRules, ConfigError> {
    load_text(path, read_text(path)?, reach)
}

/// A rules file's text, as if read from `path`, and everything it extends (paths relative
/// to `path`'s folder, as for a file), as far as `reach` allows.
pub fn load_text(path: &Path, text: String, reach: &Reach) -> Result<MergedRules, ConfigError> {
    let mut merged = MergedRules::default();
    let mut stack = Vec::new();
    let root = reach.root_for(path);
    if super::vale::is_vale_config(path) {
        super::vale::load_into(&mut merged, path, text, root.as_deref())?;
        return Ok(merged);
    }
    load_text_into(path, text, root.as_deref(), &mut merged, &mut stack)?;
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

fn load_text_into(
    path: &Path,
    text: String,
    root: Option<&Path>,
    merged: &mut MergedRules,
    stack: &mut Vec<PathBuf>,
) -> Result<(), ConfigError> {
    let file = parse(path, &text)?;
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    stack.push(canonical);
    let folder = path.parent().unwrap_or(Path::new("."));
    for base in &file.brand.extends {
        let refuse = |message: String| ConfigError::at(path, &text, base.span(), message);
        let named = Path::new(base.get_ref());
        if named.is_absolute() && root.is_some() {
            return Err(refuse(format!(
                "extends an absolute path, {}: name rules files relative to this one \
                 (or pass --allow-outside)",
                named.display()
            )));
        }
        let is_vale = super::vale::is_vale_config(named);
        if !is_vale
            && !named
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        {
            return Err(refuse(format!(
                "extends {}, which is not a rules file (a .toml file or a .vale.ini)",
                named.display()
            )));
        }
        let target = folder.join(named);
        Reach::check_inside(root, &target, "extends").map_err(refuse)?;
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
        let target_text = read_text(&target)?;
        if is_vale {
            // A Vale style under the brand's own rules: its rules run beside them.
            if merged.vale.is_some() {
                return Err(refuse(
                    "extends a second Vale configuration; one is read, with its styles".into(),
                ));
            }
            super::vale::load_into(merged, &target, target_text, root)?;
            continue;
        }
        load_text_into(&target, target_text, root, merged, stack)?;
    }
    stack.pop();
    merge(merged, path, text, file);
    Ok(())
}

fn merge(merged: &mut MergedRules, path: &Path, text: String, mut file: RulesFile) {
    let origin = merged.sources.len();
    merged.sources.push(SourceFile {
        path: path.to_path_buf(),
        text,
    });
    merged.rules.extend(located(origin, file.take_rule_specs()));
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
    merged.overrides.extend(located(origin, file.overrides));
    merged.limits = merged.limits.overlaid(&file.limits.values());
}

impl<'a, T> From<&'a FromFile<T>> for (usize, &'a T) {
    fn from(located: &'a FromFile<T>) -> Self {
        (located.origin, &located.value)
    }
}

fn located<T>(
    origin: usize,
    tables: impl IntoIterator<Item = T>,
) -> impl Iterator<Item = FromFile<T>> {
    tables
        .into_iter()
        .map(move |value| FromFile { origin, value })
}
