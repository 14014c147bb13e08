//! Vale's configuration, read natively: a `.vale.ini` ([`ini`]) and the YAML rules of the
//! styles it names ([`style`]), typed, with errors that name the file and the place. What
//! the rules mean to a check is `crate::check::vale`'s business.

pub mod ini;
pub mod style;

use std::path::{Path, PathBuf};

use crate::config::error::ConfigError;
use crate::config::load::{FromFile, MergedRules, Reach, SourceFile};
use ini::ValeIni;
use style::StyleRule;

/// A Vale configuration with the rules of the styles it names.
#[derive(Debug)]
pub struct ValeConfig {
    /// The configuration file's settings.
    pub ini: ValeIni,
    /// Every rule of every style a section names, each with the index of its file in
    /// [`MergedRules::sources`], style by style in the order first named.
    pub rules: Vec<FromFile<StyleRule>>,
    /// Styles a section names that `StylesPath` does not hold (packages are never
    /// fetched): named once in each run.
    pub missing_styles: Vec<String>,
    /// The words the vocabularies (`Vocab`) accept, each a pattern, in order.
    pub accept: Vec<String>,
    /// The words they reject.
    pub reject: Vec<String>,
    /// Vocabularies `Vocab` names that `StylesPath` does not hold.
    pub missing_vocabularies: Vec<String>,
}

/// Whether a rules path names a Vale configuration file rather than a brandlint one.
pub fn is_vale_config(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| ini::FILE_NAMES.contains(&name))
        || path.extension().is_some_and(|ext| ext == "ini")
}

/// Reads the Vale configuration at `path` (its text given) and the styles it names into
/// `merged`: each rule's file and then the configuration file become sources, so that
/// every error can point into them. `StylesPath` must lie inside `root` when there is one.
pub fn load_into(
    merged: &mut MergedRules,
    path: &Path,
    text: String,
    root: Option<&Path>,
) -> Result<(), ConfigError> {
    let ini = ValeIni::parse(path, &text)?;
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let styles_path = folder.join(ini.styles_path.as_deref().unwrap_or(Path::new("styles")));
    Reach::check_inside(root, &styles_path, "StylesPath")
        .map_err(|message| ConfigError::plain(format!("{}: {message}", path.display())))?;
    let mut rules = Vec::new();
    let mut missing_styles = Vec::new();
    let (mut accept, mut reject, mut missing_vocabularies) = (Vec::new(), Vec::new(), Vec::new());
    for name in &ini.vocab {
        let folder = styles_path.join("config/vocabularies").join(name);
        if !folder.is_dir() {
            missing_vocabularies.push(name.clone());
            continue;
        }
        accept.extend(vocabulary(&folder.join("accept.txt"))?);
        reject.extend(vocabulary(&folder.join("reject.txt"))?);
    }
    let mut builtin = Vec::new();
    for name in styles_named(&ini) {
        if name == style::BUILT_IN_STYLE {
            builtin = style::built_in_rules(&accept, &reject);
            continue;
        }
        match style::load_style(&styles_path, &name)? {
            Some(style_rules) => {
                for (rule, text) in style_rules {
                    let origin = merged.sources.len();
                    merged.sources.push(SourceFile {
                        path: rule.path.clone(),
                        text,
                    });
                    rules.push(FromFile {
                        origin,
                        value: rule,
                    });
                }
            }
            None => missing_styles.push(name),
        }
    }
    // The configuration file comes last, as a rules file comes after those it extends: it
    // is what the rules are named after, and where Vale's built-in rules are defined.
    let origin = merged.sources.len();
    merged.sources.push(SourceFile {
        path: path.to_path_buf(),
        text,
    });
    rules.extend(builtin.into_iter().map(|value| FromFile { origin, value }));
    merged.vale = Some(ValeConfig {
        ini,
        rules,
        missing_styles,
        accept,
        reject,
        missing_vocabularies,
    });
    Ok(())
}

/// The entries of a vocabulary file, one a line, blank lines and `#` comments left out; a
/// missing file has none.
fn vocabulary(path: &Path) -> Result<Vec<String>, ConfigError> {
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let text = crate::config::load::read_text(path)?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_string)
        .collect())
}

/// The styles the sections name, by `BasedOnStyles` or by a switch of one of their rules,
/// in the order first named.
fn styles_named(ini: &ValeIni) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for section in &ini.sections {
        let switched = section
            .switches
            .iter()
            .map(|(key, _)| key.split('.').next().unwrap_or(key).to_string());
        for name in section.based_on_styles.iter().cloned().chain(switched) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}
