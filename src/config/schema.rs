//! The rules file as written: every table and key of the spec, strict (an unknown key is an
//! error), with source spans kept wherever a later error must point into the TOML.

use serde::Deserialize;
use toml::Spanned;

use super::table::{Common, RuleTable, TableKeys};
use crate::model::Severity;

/// Declares the rule kinds that rules files write as tables, once: the field of
/// [`RulesFile`] serde reads each from, and its variant of [`RuleSpec`]. Kinds written as
/// arrays of tables (`[[term]]`) come first, then kinds written as one table (`[voice]`), each
/// in the order they compile and are documented.
macro_rules! rule_kinds {
    (
        arrays { $($(#[$adoc:meta])* $akey:ident => $avariant:ident($atable:ty),)* }
        single { $($(#[$sdoc:meta])* $skey:ident => $svariant:ident($stable:ty),)* }
    ) => {
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
            $($(#[$adoc])* #[serde(default)] pub $akey: Vec<$atable>,)*
            $($(#[$sdoc])* pub $skey: Option<$stable>,)*
            /// `[[override]]`
            #[serde(default, rename = "override")]
            pub overrides: Vec<OverrideTable>,
            /// `[limits]`
            #[serde(default)]
            pub limits: LimitsTable,
        }

        /// One rule table of a rules file, typed by its kind; each carries the common keys
        /// once ([`RuleTable::common`]).
        #[derive(Debug)]
        pub enum RuleSpec {
            $($(#[$adoc])* $avariant($atable),)*
            $($(#[$sdoc])* $svariant($stable),)*
        }

        impl RuleSpec {
            /// The name of its kind: the table's name in rules files.
            pub fn kind_name(&self) -> &'static str {
                match self {
                    $(RuleSpec::$avariant(_) => stringify!($akey),)*
                    $(RuleSpec::$svariant(_) => stringify!($skey),)*
                }
            }

            $(
                /// The table, when it is of this kind.
                pub fn $akey(&self) -> Option<&$atable> {
                    match self {
                        RuleSpec::$avariant(table) => Some(table),
                        _ => None,
                    }
                }
            )*
            $(
                /// The table, when it is of this kind.
                pub fn $skey(&self) -> Option<&$stable> {
                    match self {
                        RuleSpec::$svariant(table) => Some(table),
                        _ => None,
                    }
                }
            )*

            /// The keys every rule takes, as this table writes them.
            pub fn common(&self) -> &Common {
                match self {
                    $(RuleSpec::$avariant(table) => &table.common,)*
                    $(RuleSpec::$svariant(table) => &table.common,)*
                }
            }
        }

        impl RulesFile {
            /// Takes the file's rule tables out, each kind's in the order written, the kinds
            /// in the order they compile.
            pub fn take_rule_specs(&mut self) -> Vec<RuleSpec> {
                let mut specs = Vec::new();
                $(specs.extend(std::mem::take(&mut self.$akey).into_iter().map(RuleSpec::$avariant));)*
                $(specs.extend(self.$skey.take().map(RuleSpec::$svariant));)*
                specs
            }
        }
    };
}

rule_kinds! {
    arrays {
        /// `[[term]]`
        term => Term(TermTable),
        /// `[[banned]]`
        banned => Banned(BannedTable),
        /// `[[prefer]]`
        prefer => Prefer(PreferTable),
        /// `[[pattern]]`
        pattern => Pattern(PatternTable),
        /// `[[require]]`
        require => Require(RequireTable),
    }
    single {
        /// `[voice]`
        voice => Voice(VoiceTable),
        /// `[visual]`
        visual => Visual(VisualTable),
    }
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

/// `[[term]]`: the one right way to write a brand or product name.
pub type TermTable = RuleTable<TermKeys>;

/// The own keys of a `[[term]]` table.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermKeys {
    /// The name exactly as it must be written.
    pub name: Spanned<String>,
    /// Wrong spellings to flag besides other casings of the name.
    #[serde(default)]
    pub variants: Vec<Spanned<String>>,
    /// `™` or `®`: the first mention in a document must carry it.
    pub trademark: Option<Spanned<String>>,
    /// "Acme Cloud's" is a finding.
    #[serde(default)]
    pub no_possessive: bool,
    /// "Acme Clouds" is a finding.
    #[serde(default)]
    pub no_plural: bool,
    /// Exact forms that are fine, such as a lower-case command name.
    #[serde(default)]
    pub allow: Vec<String>,
}

impl TableKeys for TermKeys {
    const NAME: &'static str = "TermTable";
}

/// `[[banned]]`: phrases the brand never uses.
pub type BannedTable = RuleTable<BannedKeys>;

/// The own keys of a `[[banned]]` table.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BannedKeys {
    /// The phrases; each becomes a rule `banned/<phrase>`.
    pub phrases: Vec<Spanned<String>>,
}

impl TableKeys for BannedKeys {
    const NAME: &'static str = "BannedTable";
}

/// `[[prefer]]`: a preferred wording and the wordings it replaces.
pub type PreferTable = RuleTable<PreferKeys>;

/// The own keys of a `[[prefer]]` table.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreferKeys {
    /// The preferred wording.
    #[serde(rename = "use")]
    pub use_: Spanned<String>,
    /// The wordings to replace.
    pub instead_of: Vec<Spanned<String>>,
}

impl TableKeys for PreferKeys {
    const NAME: &'static str = "PreferTable";
}

/// `[[pattern]]`: a custom regular expression.
pub type PatternTable = RuleTable<PatternKeys>;

/// The own keys of a `[[pattern]]` table.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternKeys {
    /// Rust regex syntax; runs in linear time.
    pub regex: Spanned<String>,
}

impl TableKeys for PatternKeys {
    const NAME: &'static str = "PatternTable";
}

/// `[[require]]`: a tone marker the content must carry.
pub type RequireTable = RuleTable<RequireKeys>;

/// The own keys of a `[[require]]` table.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequireKeys {
    /// Literal phrases, any of which counts (matched as `[[banned]]` phrases are).
    #[serde(default)]
    pub any_of: Vec<Spanned<String>>,
    /// A regex whose matches count, instead of or besides `any_of`.
    pub pattern: Option<Spanned<String>>,
    /// Where to count: `document` (default), `first-paragraph`, `last-paragraph`, or a
    /// scope.
    pub scope: Option<Spanned<String>>,
    /// At least this many (default 1, or 0 when only `max` is set).
    pub min: Option<usize>,
    /// At most this many.
    pub max: Option<usize>,
    /// Density: at least `min` for every this many words.
    pub per_words: Option<usize>,
}

impl TableKeys for RequireKeys {
    const NAME: &'static str = "RequireTable";
    /// A requirement counts its phrases in any case, and every one counts.
    const NOT_TAKEN: &'static [&'static str] = &["case", "exceptions"];
}

/// Declares the voice settings once, for the two places they are written: `[voice]` (with the
/// common keys a voice check takes) and an `[[override]]`'s `voice` (settings only).
macro_rules! voice_settings {
    ($($(#[$fmeta:meta])* $field:ident : $ty:ty,)*) => {
        /// The voice settings: the own keys of `[voice]`, and any key of an `[[override]]`'s
        /// `voice`.
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
    };
}

/// `[voice]`: how the brand sounds. Each key switches one check on; the common keys apply to
/// every voice check.
pub type VoiceTable = RuleTable<VoiceSettings>;

impl TableKeys for VoiceSettings {
    const NAME: &'static str = "VoiceTable";
    /// Voice checks have fixed ids and messages, and match no phrases.
    const NOT_TAKEN: &'static [&'static str] = &["id", "message", "case", "exceptions"];
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
    /// Flag placeholder filler (lorem ipsum) left in content.
    placeholder_text: bool,
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

/// `[visual]`: how the brand looks in pages and emails. Each key switches one check on; the
/// common keys apply to every visual check.
pub type VisualTable = RuleTable<VisualKeys>;

/// The own keys of `[visual]`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VisualKeys {
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
}

impl TableKeys for VisualKeys {
    const NAME: &'static str = "VisualTable";
    /// Visual checks have fixed ids and messages, and judge markup, not prose in a scope.
    const NOT_TAKEN: &'static [&'static str] = &["id", "message", "scopes", "case", "exceptions"];
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
