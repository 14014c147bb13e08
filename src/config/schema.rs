//! The rules file as written: every table and key of the spec, strict (an unknown key is an
//! error), with source spans kept wherever a later error must point into the TOML.

use serde::Deserialize;
use toml::Spanned;

use crate::model::{Channel, Scope, Severity};

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
    /// `[voice]`
    pub voice: Option<VoiceTable>,
    /// `[visual]`
    pub visual: Option<VisualTable>,
    /// `[[override]]`
    #[serde(default, rename = "override")]
    pub overrides: Vec<OverrideTable>,
    /// `[limits]`
    #[serde(default)]
    pub limits: LimitsTable,
}

/// `[limits]`: the run's budgets (see [`crate::limits`]); `0` is no limit. The command
/// line's flags win over these.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsTable {
    /// Rules after merging `extends`.
    pub rules: Option<u64>,
    /// Compiled memory of every user regex together.
    pub regex_size: Option<Size>,
    /// Findings reported per file.
    pub findings_per_file: Option<u64>,
    /// Findings reported per run.
    pub findings: Option<u64>,
    /// Bytes written to standard output and to each `--report` file.
    pub output_size: Option<Size>,
}

impl LimitsTable {
    /// The values it gives.
    pub fn values(&self) -> crate::limits::LimitValues {
        crate::limits::LimitValues {
            rules: self.rules,
            regex_size: self.regex_size.map(|s| s.0),
            findings_per_file: self.findings_per_file,
            findings: self.findings,
            output_size: self.output_size.map(|s| s.0),
        }
    }
}

/// A number of bytes, written as an integer or as a string with a unit (`"64MB"`,
/// `"512 KiB"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size(pub u64);

impl<'de> Deserialize<'de> for Size {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Size;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number of bytes, or a size with a unit such as \"64MB\"")
            }

            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Size, E> {
                u64::try_from(value)
                    .map(Size)
                    .map_err(|_| E::custom("a size cannot be negative"))
            }

            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Size, E> {
                Ok(Size(value))
            }

            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Size, E> {
                parse_size::parse_size(value)
                    .map(Size)
                    .map_err(|e| E::custom(format!("invalid size `{value}`: {e} (try \"64MB\")")))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
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
        variants: Vec<Spanned<String>>,
        /// `™` or `®`: the first mention in a document must carry it.
        trademark: Option<Spanned<String>>,
        /// "Acme Cloud's" is a finding.
        #[serde(default)]
        no_possessive: bool,
        /// "Acme Clouds" is a finding.
        #[serde(default)]
        no_plural: bool,
        /// Exact forms that are fine, such as a lower-case command name.
        #[serde(default)]
        allow: Vec<String>,
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

/// Declares the voice settings once, for the two places they are written: `[voice]` (with the
/// keys every rule takes) and an `[[override]]`'s `voice` (settings only). serde cannot flatten
/// into a `deny_unknown_fields` struct, so the macro writes the fields out in both.
macro_rules! voice_settings {
    ($($(#[$fmeta:meta])* $field:ident : $ty:ty,)*) => {
        /// The voice settings of an `[[override]]`: any key of `[voice]` but the common ones.
        #[derive(Clone, Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct VoiceSettings {
            $($(#[$fmeta])* pub $field: Option<$ty>,)*
        }

        impl VoiceSettings {
            /// These settings with every key that `over` sets replaced by its value.
            pub fn overlaid(&self, over: &VoiceSettings) -> VoiceSettings {
                VoiceSettings {
                    $($field: over.$field.clone().or_else(|| self.$field.clone()),)*
                }
            }
        }

        /// `[voice]`: how the brand sounds. Each key switches one check on.
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct VoiceTable {
            $($(#[$fmeta])* pub $field: Option<$ty>,)*
            /// Severity of every voice check; `[defaults] severity` when absent.
            pub severity: Option<Severity>,
            /// A hint shown under each finding.
            pub help: Option<String>,
            /// A link to the style guide's page.
            pub url: Option<String>,
            /// Channels the checks apply to (all when absent).
            pub channels: Option<Vec<Channel>>,
            /// Scopes the checks apply to (all when absent).
            pub scopes: Option<Vec<Scope>>,
            /// Globs of files the checks apply to (all when absent).
            pub files: Option<Vec<Spanned<String>>>,
            /// Sentences for `brandlint rules --verify`.
            #[serde(default)]
            pub examples: Examples,
        }

        impl VoiceTable {
            /// The settings alone.
            pub fn settings(&self) -> VoiceSettings {
                VoiceSettings {
                    $($field: self.$field.clone(),)*
                }
            }

            /// The keys every voice check shares. Voice checks have fixed ids and messages.
            pub fn common(&self) -> Common {
                Common {
                    id: None,
                    severity: self.severity,
                    message: None,
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

voice_settings! {
    /// Longest sentence, in words.
    max_sentence_words: usize,
    /// Most exclamations in one document.
    max_exclamations: usize,
    /// Flag ALL-CAPS words of four or more letters.
    shouting: bool,
    /// ALL-CAPS words that are not shouting (acronyms, product codes).
    shouting_allow: Vec<String>,
    /// Contracted or spelled-out forms: `prefer`, `avoid` or `off`.
    contractions: ContractionPolicy,
    /// Whom the brand talks to and as whom: `second`, `first-plural` or `off`.
    person: PersonPolicy,
    /// Highest Flesch-Kincaid grade of a document.
    reading_grade_max: f64,
    /// Capitalization of headings: `sentence`, `title` or `off`.
    heading_case: HeadingCase,
    /// Emoji: `allow`, `deny` or a number (at most that many per document).
    emoji: EmojiPolicy,
}

/// `contractions`: which form the brand writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContractionPolicy {
    /// "don't", "you'll": flag the spelled-out forms.
    Prefer,
    /// "do not", "you will": flag the contractions.
    Avoid,
    /// No check.
    Off,
}

/// `person`: how the brand addresses the reader and speaks of itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PersonPolicy {
    /// Talk to the reader as "you": flag "the user", "customers".
    Second,
    /// Speak of the brand as "we": flag "the company".
    FirstPlural,
    /// No check.
    Off,
}

/// `heading_case`: how headings are capitalized.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HeadingCase {
    /// Only the first word and names capitalized.
    Sentence,
    /// Principal words capitalized, AP style.
    Title,
    /// No check.
    Off,
}

/// `emoji`: `"allow"`, `"deny"`, or at most N per document (`emoji = 2` or
/// `emoji = { max = 2 }`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmojiPolicy {
    /// Any number.
    Allow,
    /// None at all.
    Deny,
    /// At most this many per document.
    Max(usize),
}

impl<'de> Deserialize<'de> for EmojiPolicy {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = EmojiPolicy;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`allow`, `deny`, a number, or `{ max = N }`")
            }
            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<EmojiPolicy, E> {
                match value {
                    "allow" => Ok(EmojiPolicy::Allow),
                    "deny" => Ok(EmojiPolicy::Deny),
                    other => Err(E::unknown_variant(other, &["allow", "deny"])),
                }
            }
            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<EmojiPolicy, E> {
                usize::try_from(value)
                    .map(EmojiPolicy::Max)
                    .map_err(|_| E::custom("the most emoji per document cannot be negative"))
            }
            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<EmojiPolicy, E> {
                usize::try_from(value)
                    .map(EmojiPolicy::Max)
                    .map_err(|_| E::custom("too many emoji"))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<EmojiPolicy, A::Error> {
                let mut max = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key != "max" {
                        return Err(serde::de::Error::unknown_field(&key, &["max"]));
                    }
                    max = Some(map.next_value::<usize>()?);
                }
                max.map(EmojiPolicy::Max)
                    .ok_or_else(|| serde::de::Error::missing_field("max"))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// `[visual]`: how the brand looks in pages and emails. Each key switches one check on.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VisualTable {
    /// The brand's colors, in any CSS notation.
    pub palette: Option<Spanned<Vec<Spanned<String>>>>,
    /// How far (CIEDE2000) a color may be from the nearest palette color and still pass.
    pub palette_tolerance: Option<Spanned<f64>>,
    /// The font families pages and emails may use.
    pub fonts: Option<Spanned<Vec<String>>>,
    /// What the alternative text of a logo image must contain.
    pub logo_alt: Option<String>,
    /// Whether every content image needs alternative text.
    pub image_alt: Option<bool>,
    /// Severity of every visual check; `[defaults] severity` when absent.
    pub severity: Option<Severity>,
    /// A hint shown under each finding.
    pub help: Option<String>,
    /// A link to the style guide's page.
    pub url: Option<String>,
    /// Channels the checks apply to (all when absent).
    pub channels: Option<Vec<Channel>>,
    /// Globs of files the checks apply to (all when absent).
    pub files: Option<Vec<Spanned<String>>>,
    /// HTML snippets for `brandlint rules --verify`.
    #[serde(default)]
    pub examples: Examples,
}

/// `[[override]]`: changes for the files that match, applied in order.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverrideTable {
    /// Globs of the files it concerns, relative to the rules file's folder.
    pub files: Vec<Spanned<String>>,
    /// Voice settings that replace those of `[voice]` (and of earlier overrides).
    pub voice: Option<VoiceSettings>,
    /// Rule ids or kinds switched off.
    #[serde(default)]
    pub disable: Vec<Spanned<String>>,
}
