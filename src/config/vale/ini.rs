//! A Vale configuration file (`.vale.ini`, `_vale.ini`, `vale.ini`), read into typed
//! settings: where the styles are, the lowest alert level shown, the vocabularies, and for
//! each glob section the styles it is based on and the rules it switches on, off or to
//! another level. Values are read as Vale reads them: lists split at commas, `YES`/`NO`
//! and the level names in any case.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::config::error::ConfigError;

/// The names a Vale configuration file may have, in order of preference within a folder.
pub const FILE_NAMES: [&str; 3] = [".vale.ini", "_vale.ini", "vale.ini"];

/// An alert level, lowest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// `suggestion`.
    Suggestion,
    /// `warning`.
    Warning,
    /// `error`.
    Error,
}

impl Level {
    /// The level a name stands for, in any case.
    pub fn from_name(name: &str) -> Option<Level> {
        match name.trim().to_ascii_lowercase().as_str() {
            "suggestion" => Some(Level::Suggestion),
            "warning" => Some(Level::Warning),
            "error" => Some(Level::Error),
            _ => None,
        }
    }
}

/// What a section says of a rule (`Style.Rule = ...`) or of a whole style (`Style = NO`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Switch {
    /// `NO`: off.
    Off,
    /// `YES`: on, at the rule's own level.
    On,
    /// On at this level.
    At(Level),
}

/// A glob section (`[*.md]`, `[*.{md,txt}]`, `[*]`): what applies to the files it matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The glob, as written.
    pub glob: String,
    /// `BasedOnStyles`: every rule of these styles is on.
    pub based_on_styles: Vec<String>,
    /// `Style.Rule = ...` and `Style = ...` keys, in order.
    pub switches: Vec<(String, Switch)>,
    /// `BlockIgnores`: patterns of whole blocks to leave out.
    pub block_ignores: Vec<String>,
    /// `TokenIgnores`: patterns of inline text to leave out.
    pub token_ignores: Vec<String>,
}

/// A Vale configuration file, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValeIni {
    /// `StylesPath`, relative to the file's folder; `None` when not set.
    pub styles_path: Option<PathBuf>,
    /// `MinAlertLevel` (default `suggestion`).
    pub min_alert_level: Level,
    /// `Vocab`: vocabularies under `<StylesPath>/config/vocabularies/`.
    pub vocab: Vec<String>,
    /// `Packages`: packages expected under `StylesPath` (never fetched).
    pub packages: Vec<String>,
    /// `[formats]`: an extension read as another (`mdx = md`).
    pub formats: Vec<(String, String)>,
    /// The glob sections, in order.
    pub sections: Vec<Section>,
    /// Keys Vale knows that brandlint does not apply, with where they are (file, line), to
    /// be said once rather than silently dropped.
    pub not_applied: Vec<(String, usize)>,
}

/// Settings of a glob section that Vale has and brandlint does not apply; every other key
/// of a section but `BasedOnStyles`, `BlockIgnores` and `TokenIgnores` switches a style or
/// a rule.
const SECTION_SETTINGS_NOT_APPLIED: [&str; 3] = ["Transform", "Lang", "CommentDelimiters"];

impl ValeIni {
    /// Reads the text of the configuration file at `path`.
    pub fn parse(path: &Path, text: &str) -> Result<ValeIni, ConfigError> {
        let mut config = ValeIni {
            styles_path: None,
            min_alert_level: Level::Suggestion,
            vocab: Vec::new(),
            packages: Vec::new(),
            formats: Vec::new(),
            sections: Vec::new(),
            not_applied: Vec::new(),
        };
        let error =
            |span: Range<usize>, message: String| ConfigError::at(path, text, span, message);
        for entry in entries(text) {
            let Entry {
                section,
                key,
                value,
                span,
                line,
            } = entry.map_err(|span| {
                error(
                    span,
                    "expected a [section], a key = value line or a comment".into(),
                )
            })?;
            match section {
                None => match key {
                    "StylesPath" => config.styles_path = Some(PathBuf::from(value)),
                    "MinAlertLevel" => {
                        config.min_alert_level = Level::from_name(value).ok_or_else(|| {
                            error(
                                span,
                                format!(
                                    "MinAlertLevel is suggestion, warning or error, not {value:?}"
                                ),
                            )
                        })?;
                    }
                    "Vocab" => config.vocab.extend(list(value)),
                    "Packages" => config.packages.extend(list(value)),
                    _ => config.not_applied.push((key.to_string(), line)),
                },
                Some("formats") => config.formats.push((key.to_string(), value.to_string())),
                Some(glob) => {
                    if config.sections.last().is_none_or(|s| s.glob != glob) {
                        config.sections.push(Section {
                            glob: glob.to_string(),
                            based_on_styles: Vec::new(),
                            switches: Vec::new(),
                            block_ignores: Vec::new(),
                            token_ignores: Vec::new(),
                        });
                    }
                    let section = config.sections.last_mut().expect("pushed");
                    match key {
                        "BasedOnStyles" => section.based_on_styles.extend(list(value)),
                        "BlockIgnores" => section.block_ignores.push(value.to_string()),
                        "TokenIgnores" => section.token_ignores.push(value.to_string()),
                        _ if SECTION_SETTINGS_NOT_APPLIED.contains(&key) => {
                            config.not_applied.push((key.to_string(), line));
                        }
                        _ => {
                            let switch = switch(value).ok_or_else(|| {
                                error(
                                    span,
                                    format!(
                                        "{key} is YES, NO, suggestion, warning or error, not \
                                         {value:?}"
                                    ),
                                )
                            })?;
                            section.switches.push((key.to_string(), switch));
                        }
                    }
                }
            }
        }
        Ok(config)
    }
}

/// One `key = value` line of a configuration file.
struct Entry<'a> {
    /// The section it is in (`None` before the first).
    section: Option<&'a str>,
    key: &'a str,
    value: &'a str,
    /// Where the value is written.
    span: Range<usize>,
    /// Its 1-based line.
    line: usize,
}

/// The `key = value` lines of a configuration file, each with its section, as Vale reads
/// them: white space around names and values trimmed, `#` and `;` lines comments, and a
/// section's name everything between the line's first `[` and its last `]` (a glob may
/// hold brackets: `[[!.]*.adoc]`). A line that is none of these is an error at its span.
fn entries(text: &str) -> impl Iterator<Item = Result<Entry<'_>, Range<usize>>> {
    let mut section = None;
    let mut start = 0;
    text.split_inclusive('\n')
        .enumerate()
        .filter_map(move |(index, raw)| {
            let line_start = start;
            start += raw.len();
            let content = raw.trim_end_matches(['\n', '\r']);
            let trimmed = content.trim();
            if trimmed.is_empty() || trimmed.starts_with(['#', ';']) {
                return None;
            }
            if let Some(name) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
                section = Some(name.trim());
                return None;
            }
            let Some((key, value)) = content.split_once('=') else {
                return Some(Err(line_start..line_start + content.len()));
            };
            let value_trimmed = value.trim();
            let value_start = line_start + key.len() + 1 + (value.len() - value.trim_start().len());
            Some(Ok(Entry {
                section,
                key: key.trim(),
                value: value_trimmed,
                span: value_start..value_start + value_trimmed.len(),
                line: index + 1,
            }))
        })
}

/// A comma-separated list, each item trimmed, empty items left out.
fn list(value: &str) -> impl Iterator<Item = String> + '_ {
    value
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_string)
}

/// A rule or style switch's value.
fn switch(value: &str) -> Option<Switch> {
    match value.trim().to_ascii_uppercase().as_str() {
        "YES" => Some(Switch::On),
        "NO" => Some(Switch::Off),
        _ => Level::from_name(value).map(Switch::At),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> ValeIni {
        ValeIni::parse(Path::new(".vale.ini"), text).expect("valid")
    }

    #[test]
    fn global_keys_sections_and_switches_are_read_as_vale_reads_them() {
        let config = parsed(
            "StylesPath = ../styles\nMinAlertLevel = Warning\nVocab = Base, Team\n\n\
             [formats]\nmdx = md\n\n[*.{md,txt}]\nBasedOnStyles = Vale, Microsoft\n\
             Microsoft.Passive = NO\nMicrosoft.Terms = error\nGoogle = yes\n\
             BlockIgnores = (?s) *({< file [^>]* >}.*?{</ ?file >})\nTransform = x.xsl\n",
        );
        assert_eq!(config.styles_path, Some(PathBuf::from("../styles")));
        assert_eq!(config.min_alert_level, Level::Warning);
        assert_eq!(config.vocab, ["Base", "Team"]);
        assert_eq!(config.formats, [("mdx".to_string(), "md".to_string())]);
        let section = &config.sections[0];
        assert_eq!(section.glob, "*.{md,txt}");
        assert_eq!(section.based_on_styles, ["Vale", "Microsoft"]);
        assert_eq!(
            section.switches,
            [
                ("Microsoft.Passive".to_string(), Switch::Off),
                ("Microsoft.Terms".to_string(), Switch::At(Level::Error)),
                ("Google".to_string(), Switch::On),
            ]
        );
        assert_eq!(
            section.block_ignores,
            ["(?s) *({< file [^>]* >}.*?{</ ?file >})"]
        );
        assert_eq!(config.not_applied, [("Transform".to_string(), 14)]);
    }

    #[test]
    fn a_bad_level_names_the_file_and_the_value() {
        let text = "MinAlertLevel = loud\n[*]\nA.B = maybe\n";
        let error = ValeIni::parse(Path::new("site/.vale.ini"), text).expect_err("bad level");
        assert_eq!(
            error.message,
            "site/.vale.ini: MinAlertLevel is suggestion, warning or error, not \"loud\""
        );
        assert_eq!(error.span.map(|s| (s.offset(), s.len())), Some((16, 4)));
        let text = "[*.md]\nMicrosoft.Terms = maybe\n";
        let error = ValeIni::parse(Path::new("site/.vale.ini"), text).expect_err("bad switch");
        assert!(
            error.message.contains("Microsoft.Terms is YES, NO"),
            "{}",
            error.message
        );
        assert_eq!(error.span.map(|s| (s.offset(), s.len())), Some((25, 5)));
    }
}
