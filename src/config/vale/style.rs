//! The rules of a Vale style: each `<StylesPath>/<Style>/<Rule>.yml` is the rule
//! `Style.Rule`, a YAML map whose `extends` names its type. Every key of every type is read
//! into one [`Definition`], typed; a file that is not YAML, or holds a key of the wrong
//! type, is an error naming the file and the place. Rule types brandlint does not run
//! (`sequence`, `script`) are read and kept, so a run can say which it skipped.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::Deserialize;

use super::ini::Level;
use crate::config::error::ConfigError;

/// The rule types of Vale, as `extends` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleType {
    /// `existence`: any of `tokens` is an alert.
    Existence,
    /// `substitution`: a key of `swap` is an alert, suggesting its value.
    Substitution,
    /// `occurrence`: `token` more than `max` (or fewer than `min`) times in a scope.
    Occurrence,
    /// `repetition`: a token twice in a row.
    Repetition,
    /// `consistency`: the two forms of a pair of `either` both used in a file.
    Consistency,
    /// `conditional`: `first` without `second` (an acronym never defined).
    Conditional,
    /// `capitalization`: a scope not in the case `match` names.
    Capitalization,
    /// `metric`: a `formula` over counts failing its `condition`.
    Metric,
    /// `readability`: a readability grade above `grade`.
    Readability,
    /// `spelling`: words no dictionary holds.
    Spelling,
    /// `sequence`: part-of-speech patterns; not run.
    Sequence,
    /// `script`: a Tengo script; not run.
    Script,
}

/// Every rule type with its name.
const RULE_TYPES: [(RuleType, &str); 12] = [
    (RuleType::Existence, "existence"),
    (RuleType::Substitution, "substitution"),
    (RuleType::Occurrence, "occurrence"),
    (RuleType::Repetition, "repetition"),
    (RuleType::Consistency, "consistency"),
    (RuleType::Conditional, "conditional"),
    (RuleType::Capitalization, "capitalization"),
    (RuleType::Metric, "metric"),
    (RuleType::Readability, "readability"),
    (RuleType::Spelling, "spelling"),
    (RuleType::Sequence, "sequence"),
    (RuleType::Script, "script"),
];

impl RuleType {
    /// The type `extends` names.
    pub fn from_name(name: &str) -> Option<RuleType> {
        let name = name.trim();
        RULE_TYPES
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(rule_type, _)| *rule_type)
    }

    /// Its name, as `extends` writes it.
    pub fn name(self) -> &'static str {
        RULE_TYPES
            .iter()
            .find(|(rule_type, _)| *rule_type == self)
            .map_or("", |(_, name)| name)
    }
}

/// A value Vale takes as one string or a list of them (`scope`).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum OneOrMany {
    /// Not given.
    #[default]
    None,
    /// One value.
    One(String),
    /// A list.
    Many(Vec<String>),
}

impl OneOrMany {
    /// The values, in order.
    pub fn values(&self) -> Vec<&str> {
        match self {
            OneOrMany::None => Vec::new(),
            OneOrMany::One(value) => vec![value.as_str()],
            OneOrMany::Many(values) => values.iter().map(String::as_str).collect(),
        }
    }
}

/// A rule's `action`: how to fix what it finds.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Action {
    /// `replace`, `remove`, `suggest`, `edit`.
    #[serde(default)]
    pub name: String,
    /// Its parameters.
    #[serde(default)]
    pub params: Vec<String>,
}

/// The keys of a Vale rule that brandlint reads, of any type, as written. Which keys a type
/// reads is the check's business; any other key (of a type not run yet, such as
/// `spelling`'s `dictionaries`) is ignored.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Definition {
    /// The rule type's name.
    pub extends: String,
    /// The alert's message; `%s` stands for the match (or, in a substitution, the
    /// suggestion, then the match).
    pub message: String,
    /// Why the message matters.
    pub description: String,
    /// `suggestion`, `warning` (the default) or `error`.
    pub level: Option<String>,
    /// Reference material.
    pub link: String,
    /// Where the rule looks (`text` by default; `heading`, `sentence`, `raw`, ...).
    pub scope: OneOrMany,
    /// How to fix a match.
    pub action: Action,
    /// Match in any case.
    pub ignorecase: bool,
    /// Tokens are not words: no word boundaries around them.
    pub nonword: bool,
    /// Whether the vocabularies' accepted words are exceptions (default true).
    pub vocab: Option<bool>,
    /// `existence`, `repetition`: the tokens, each a regex.
    pub tokens: Vec<String>,
    /// `existence`: a regex written in pieces, joined.
    pub raw: Vec<String>,
    /// `existence`: `raw` goes after the tokens rather than replacing the word template.
    pub append: bool,
    /// Matches that are fine.
    pub exceptions: Vec<String>,
    /// `substitution`: each wrong form (a regex) with its suggestion, in the order written.
    pub swap: IndexMap<String, String>,
    /// `substitution`: suggestions keep the match's capitalization.
    pub capitalize: bool,
    /// `occurrence`: the token counted.
    pub token: String,
    /// `occurrence`: most allowed.
    pub max: Option<usize>,
    /// `occurrence`: fewest allowed.
    pub min: Option<usize>,
    /// `repetition`: only alphabetic tokens count.
    pub alpha: bool,
    /// `conditional`: what implies `second`.
    pub first: String,
    /// `conditional`: what `first` implies.
    pub second: String,
    /// `capitalization`: `$title`, `$sentence`, `$lower`, `$upper` or a regex.
    #[serde(rename = "match")]
    pub case_match: String,
    /// `capitalization`: characters after which a word starts anew.
    pub indicators: Vec<String>,
    /// `capitalization`: the share of words that must follow the case.
    pub threshold: Option<f64>,
}

/// A rule of a style, read from its file.
#[derive(Clone, Debug, PartialEq)]
pub struct StyleRule {
    /// `Style.Rule`.
    pub id: String,
    /// The file it was read from.
    pub path: PathBuf,
    /// Its type.
    pub rule_type: RuleType,
    /// Its level as written, or `warning`.
    pub level: Level,
    /// Its keys.
    pub definition: Definition,
}

impl StyleRule {
    /// Reads the rule `id` from the text of its file at `path`.
    pub fn parse(id: &str, path: &Path, text: &str) -> Result<StyleRule, ConfigError> {
        let definition: Definition = serde_saphyr::from_str(text).map_err(|error| {
            let (span, message) = yaml_error_place(text, &error);
            ConfigError::at(path, text, span, message)
        })?;
        let key_place = |key: &str| key_span(text, key);
        let rule_type = RuleType::from_name(&definition.extends).ok_or_else(|| {
            ConfigError::at(
                path,
                text,
                key_place("extends"),
                format!(
                    "extends names no Vale rule type: {:?} (existence, substitution, \
                     occurrence, repetition, consistency, conditional, capitalization, \
                     metric, readability, spelling, sequence or script)",
                    definition.extends
                ),
            )
        })?;
        let level = match &definition.level {
            None => Level::Warning,
            Some(name) => Level::from_name(name).ok_or_else(|| {
                ConfigError::at(
                    path,
                    text,
                    key_place("level"),
                    format!("level is suggestion, warning or error, not {name:?}"),
                )
            })?,
        };
        Ok(StyleRule {
            id: id.to_string(),
            path: path.to_path_buf(),
            rule_type,
            level,
            definition,
        })
    }
}

/// The style Vale has built in, named in `BasedOnStyles` like any other.
pub const BUILT_IN_STYLE: &str = "Vale";

/// Vale's built-in rules, from the vocabularies: `Vale.Terms` (an accepted word written in
/// another case), `Vale.Avoid` (a rejected word) and `Vale.Repetition` (a word twice in a
/// row), each at level `error`, as Vale defines them. (`Vale.Spelling` is not among them
/// yet.)
pub fn built_in_rules(accept: &[String], reject: &[String]) -> Vec<StyleRule> {
    let rule = |id: &str, rule_type, definition| StyleRule {
        id: id.to_string(),
        path: PathBuf::from(BUILT_IN_STYLE),
        rule_type,
        level: Level::Error,
        definition,
    };
    let terms = Definition {
        extends: "substitution".into(),
        message: "Use '%s' instead of '%s'.".into(),
        // Found in any case, right only as written (or as its own pattern says).
        swap: accept
            .iter()
            .map(|entry| {
                let found = if entry.starts_with("(?i)") {
                    entry.clone()
                } else {
                    format!("(?i){entry}")
                };
                (found, entry.clone())
            })
            .collect(),
        ..Definition::default()
    };
    let avoid = Definition {
        extends: "existence".into(),
        message: "Avoid using '%s'.".into(),
        tokens: reject.to_vec(),
        ..Definition::default()
    };
    let repetition = Definition {
        extends: "repetition".into(),
        message: "'%s' is repeated!".into(),
        tokens: vec![r"[^\s]+".into()],
        alpha: true,
        ignorecase: true,
        ..Definition::default()
    };
    let mut rules = vec![rule("Vale.Repetition", RuleType::Repetition, repetition)];
    if !accept.is_empty() {
        rules.push(rule("Vale.Terms", RuleType::Substitution, terms));
    }
    if !reject.is_empty() {
        rules.push(rule("Vale.Avoid", RuleType::Existence, avoid));
    }
    rules
}

/// The rules of the style `name` under `styles_path`, each with its file's text, in the
/// order of their file names: each `.yml` (or `.yaml`) file of the style's folder. A
/// missing folder is `Ok(None)`.
pub fn load_style(
    styles_path: &Path,
    name: &str,
) -> Result<Option<Vec<(StyleRule, String)>>, ConfigError> {
    let folder = styles_path.join(name);
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Ok(None);
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.is_file()
                && path
                    .extension()
                    .is_some_and(|ext| ext == "yml" || ext == "yaml")
        })
        .collect();
    files.sort();
    let mut rules = Vec::with_capacity(files.len());
    for path in files {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let text = crate::config::load::read_text(&path)?;
        let rule = StyleRule::parse(&format!("{name}.{stem}"), &path, &text)?;
        rules.push((rule, text));
    }
    Ok(Some(rules))
}

/// Where a YAML error is, as a span of `text`, and what it says.
fn yaml_error_place(text: &str, error: &serde_saphyr::Error) -> (std::ops::Range<usize>, String) {
    let message = error.to_string();
    match error.location() {
        Some(location) => {
            let line = usize::try_from(location.line()).unwrap_or(1).max(1);
            let column = usize::try_from(location.column()).unwrap_or(1).max(1);
            let line_start: usize = text
                .split_inclusive('\n')
                .take(line - 1)
                .map(str::len)
                .sum();
            let at = (line_start + column - 1).min(text.len());
            (at..at, message)
        }
        None => (0..0, message),
    }
}

/// Where the value of a top-level key is written, or the start of the file.
fn key_span(text: &str, key: &str) -> std::ops::Range<usize> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key) {
            if let Some(value) = rest.trim_start().strip_prefix(':') {
                let value = value.trim();
                let offset = line.len() - rest.len() + rest.find(value).unwrap_or(0);
                return start + offset..start + offset + value.len();
            }
        }
        start += line.len();
    }
    0..0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_substitution_keeps_its_swaps_in_the_order_written() {
        let text = "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\n\
                    level: error\nignorecase: true\nswap:\n  utilize: use\n  '(?:e-mail|E-mail)': email\n  \
                    leverage: use\n";
        let rule =
            StyleRule::parse("Acme.Words", Path::new("Acme/Words.yml"), text).expect("valid");
        assert_eq!(rule.rule_type, RuleType::Substitution);
        assert_eq!(rule.level, Level::Error);
        assert!(rule.definition.ignorecase);
        let swaps: Vec<(&str, &str)> = rule
            .definition
            .swap
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            swaps,
            [
                ("utilize", "use"),
                ("(?:e-mail|E-mail)", "email"),
                ("leverage", "use")
            ]
        );
    }

    #[test]
    fn a_scope_may_be_one_value_or_a_list() {
        let one = StyleRule::parse(
            "A.B",
            Path::new("B.yml"),
            "extends: existence\nscope: heading\n",
        );
        assert_eq!(one.expect("valid").definition.scope.values(), ["heading"]);
        let many = StyleRule::parse(
            "A.B",
            Path::new("B.yml"),
            "extends: existence\nscope:\n  - heading\n  - list\n",
        );
        assert_eq!(
            many.expect("valid").definition.scope.values(),
            ["heading", "list"]
        );
    }

    #[test]
    fn a_bad_type_or_level_or_yaml_names_the_file_and_the_place() {
        let text = "extends: existance\nmessage: x\n";
        let error = StyleRule::parse("A.B", Path::new("A/B.yml"), text).expect_err("bad type");
        assert!(error
            .message
            .starts_with("A/B.yml: extends names no Vale rule type: \"existance\""));
        assert_eq!(error.span.map(|s| (s.offset(), s.len())), Some((9, 9)));
        let text = "extends: existence\nlevel: loud\n";
        let error = StyleRule::parse("A.B", Path::new("A/B.yml"), text).expect_err("bad level");
        assert!(error
            .message
            .contains("level is suggestion, warning or error, not \"loud\""));
        let text = "extends: existence\ntokens: [a, b\n";
        let error = StyleRule::parse("A.B", Path::new("A/B.yml"), text).expect_err("bad YAML");
        assert!(error.message.starts_with("A/B.yml: "), "{}", error.message);
        assert!(error.span.is_some());
    }
}
