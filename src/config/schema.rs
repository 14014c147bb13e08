//! The rules file as written: every table and key of the spec, strict (an unknown key is an
//! error), with source spans kept wherever a later error must point into the TOML.

use serde::Deserialize;
use toml::Spanned;

use crate::document::{Channel, Scope};

/// How much a finding matters; also the order for `--min-severity` (info < warning < error).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Info,
    /// Fails a run only past `--max-warnings`.
    Warning,
    /// Fails the run.
    Error,
}

impl Severity {
    /// The name used in rules files and output.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A whole rules file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    /// `[brand]`
    #[serde(default)]
    pub brand: Brand,
    /// `[files]`
    #[serde(default)]
    pub files: Files,
    /// `[defaults]`
    #[serde(default)]
    pub defaults: Defaults,
    /// `[[term]]`
    #[serde(default)]
    pub term: Vec<TermTable>,
    /// `[[banned]]`
    #[serde(default)]
    pub banned: Vec<BannedTable>,
    /// `[[prefer]]`
    #[serde(default)]
    pub prefer: Vec<PreferTable>,
    /// `[[pattern]]`
    #[serde(default)]
    pub pattern: Vec<PatternTable>,
    /// `[[require]]`
    #[serde(default)]
    pub require: Vec<RequireTable>,
}

/// `[brand]`: who the rules are for, and which packs they build on.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    /// The brand's name, shown by `brandlint rules`.
    pub name: Option<String>,
    /// Packs merged before this file, in order; paths relative to this file.
    #[serde(default)]
    pub extends: Vec<Spanned<String>>,
}

/// `[files]`: which content the rules cover.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Files {
    /// Globs (relative to the rules file's folder) of files that are email templates,
    /// whatever their extension.
    #[serde(default)]
    pub email: Vec<Spanned<String>>,
    /// Globs (relative to the rules file's folder) of files never checked.
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
    /// CSS selectors of HTML and email regions never checked.
    #[serde(default)]
    pub ignore_selectors: Vec<Spanned<String>>,
}

/// `[defaults]`: values every rule takes unless it sets its own.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    /// Severity of rules that set none (default: warning).
    pub severity: Option<Severity>,
}

/// `examples = { flag = [...], pass = [...] }`: sentences a rule must flag and must pass.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Sentences the rule must flag.
    #[serde(default)]
    pub flag: Vec<String>,
    /// Sentences the rule must not flag.
    #[serde(default)]
    pub pass: Vec<String>,
}

/// The keys every rule table takes, whatever its kind.
#[derive(Clone, Debug, Default)]
pub struct Common {
    /// Rule id; derived from the table and the name when absent.
    pub id: Option<String>,
    /// Severity; `[defaults] severity` when absent.
    pub severity: Option<Severity>,
    /// Message, with `{match}` and `{expected}` placeholders.
    pub message: Option<String>,
    /// A hint shown under the finding.
    pub help: Option<String>,
    /// A link to the style guide's page.
    pub url: Option<String>,
    /// Channels the rule applies to (all when absent).
    pub channels: Option<Vec<Channel>>,
    /// Scopes the rule applies to (all when absent).
    pub scopes: Option<Vec<Scope>>,
    /// Globs of files the rule applies to (all when absent).
    pub files: Option<Vec<Spanned<String>>>,
    /// Sentences for `brandlint rules --verify`.
    pub examples: Examples,
}

/// Declares a rule table: its own keys, then the common keys, all strict. serde cannot
/// flatten a shared struct into a `deny_unknown_fields` one, so the macro writes them out.
macro_rules! rule_table {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)*
            /// Rule id; derived from the table and the name when absent.
            pub id: Option<String>,
            /// Severity; `[defaults] severity` when absent.
            pub severity: Option<Severity>,
            /// Message, with `{match}` and `{expected}` placeholders.
            pub message: Option<String>,
            /// A hint shown under the finding.
            pub help: Option<String>,
            /// A link to the style guide's page.
            pub url: Option<String>,
            /// Channels the rule applies to (all when absent).
            pub channels: Option<Vec<Channel>>,
            /// Scopes the rule applies to (all when absent).
            pub scopes: Option<Vec<Scope>>,
            /// Globs of files the rule applies to (all when absent).
            pub files: Option<Vec<Spanned<String>>>,
            /// Sentences for `brandlint rules --verify`.
            #[serde(default)]
            pub examples: Examples,
        }

        impl $name {
            /// The keys shared by every rule table.
            pub fn common(&self) -> Common {
                Common {
                    id: self.id.clone(),
                    severity: self.severity,
                    message: self.message.clone(),
                    help: self.help.clone(),
                    url: self.url.clone(),
                    channels: self.channels.clone(),
                    scopes: self.scopes.clone(),
                    files: self.files.clone(),
                    examples: self.examples.clone(),
                }
            }
        }
    };
}

rule_table! {
    /// `[[term]]`: the one right way to write a brand or product name.
    TermTable {
        /// The name exactly as it must be written.
        name: Spanned<String>,
        /// Wrong spellings to flag besides other casings of the name.
        #[serde(default)]
        variants: Vec<String>,
    }
}

rule_table! {
    /// `[[banned]]`: phrases the brand never uses.
    BannedTable {
        /// The phrases; each becomes a rule `banned/<phrase>`.
        phrases: Vec<Spanned<String>>,
    }
}

rule_table! {
    /// `[[prefer]]`: a preferred wording and the wordings it replaces.
    PreferTable {
        /// The preferred wording.
        #[serde(rename = "use")]
        use_: Spanned<String>,
        /// The wordings to replace.
        instead_of: Vec<Spanned<String>>,
    }
}

rule_table! {
    /// `[[pattern]]`: a custom regular expression.
    PatternTable {
        /// Rust regex syntax; runs in linear time.
        regex: Spanned<String>,
    }
}

rule_table! {
    /// `[[require]]`: a tone marker the content must carry.
    RequireTable {
        /// Literal phrases, any of which counts (matched as `[[banned]]` phrases are).
        #[serde(default)]
        any_of: Vec<Spanned<String>>,
        /// A regex whose matches count, instead of or besides `any_of`.
        pattern: Option<Spanned<String>>,
        /// Where to count: `document` (default), `first-paragraph`, `last-paragraph`, or a
        /// scope.
        scope: Option<Spanned<String>>,
        /// At least this many (default 1, or 0 when only `max` is set).
        min: Option<usize>,
        /// At most this many.
        max: Option<usize>,
        /// Density: at least `min` for every this many words.
        per_words: Option<usize>,
    }
}
