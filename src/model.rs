//! The words every stage of a check speaks: how much a finding matters, the channel and
//! scope of prose, the kinds of rule, the two kinds of byte range (in the file, in a segment's
//! text) and a finding itself. It depends on nothing else in the crate, and everything may
//! depend on it.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Deref, Range};
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize, Serializer};

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

/// `--min-severity` takes a severity by its [`Severity::name`], least severe first.
impl clap::ValueEnum for Severity {
    fn value_variants<'a>() -> &'a [Self] {
        &[Severity::Info, Severity::Warning, Severity::Error]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.name()))
    }
}

/// The kind of content a file holds, which decides how it is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// Markdown posts and pages.
    Markdown,
    /// HTML pages.
    Html,
    /// Email templates.
    Email,
}

impl Channel {
    /// The name used in rules files and output.
    pub fn name(self) -> &'static str {
        match self {
            Channel::Markdown => "markdown",
            Channel::Html => "html",
            Channel::Email => "email",
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where in a document a piece of prose stands; rules can be limited to some scopes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// A heading.
    Heading,
    /// A paragraph of body text.
    Paragraph,
    /// A list item.
    List,
    /// A table cell.
    Table,
    /// A block quote.
    Blockquote,
    /// The text of a link.
    Link,
    /// An image's alternative text.
    Alt,
    /// A page title (HTML `<title>`, front matter `title`).
    Title,
    /// A description (meta description, front matter `description` or `summary`).
    Description,
    /// A button's label.
    Button,
    /// An email's subject line.
    Subject,
    /// An email's preheader (preview text).
    Preheader,
    /// A footer block.
    Footer,
}

impl Scope {
    /// Every scope, in the order they are documented.
    pub const ALL: [Scope; 13] = [
        Scope::Heading,
        Scope::Paragraph,
        Scope::List,
        Scope::Table,
        Scope::Blockquote,
        Scope::Link,
        Scope::Alt,
        Scope::Title,
        Scope::Description,
        Scope::Button,
        Scope::Subject,
        Scope::Preheader,
        Scope::Footer,
    ];

    /// The name used in rules files and output.
    pub fn name(self) -> &'static str {
        match self {
            Scope::Heading => "heading",
            Scope::Paragraph => "paragraph",
            Scope::List => "list",
            Scope::Table => "table",
            Scope::Blockquote => "blockquote",
            Scope::Link => "link",
            Scope::Alt => "alt",
            Scope::Title => "title",
            Scope::Description => "description",
            Scope::Button => "button",
            Scope::Subject => "subject",
            Scope::Preheader => "preheader",
            Scope::Footer => "footer",
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Scope {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Scope::ALL.into_iter().find(|c| c.name() == s).ok_or(())
    }
}

/// Declares the kinds of rule once: each variant with its name, in the order they are
/// documented.
macro_rules! rule_kinds {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// The kinds of rule, in the order they are documented. Each kind's code and page
        /// are its module of `crate::check`, found through its registry (`check::KINDS`,
        /// in this order).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(rename_all = "lowercase")]
        pub enum RuleKind {
            $($(#[$doc])* $variant,)*
        }

        impl RuleKind {
            /// Every kind.
            pub const ALL: &'static [RuleKind] = &[$(RuleKind::$variant,)*];

            /// The kind's name: the table name in rules files and the first part of rule
            /// ids.
            pub fn name(self) -> &'static str {
                match self {
                    $(RuleKind::$variant => $name,)*
                }
            }
        }
    };
}

rule_kinds! {
    /// `term`: visual naming.
    Term = "term",
    /// `banned`: phrases never used.
    Banned = "banned",
    /// `prefer`: preferred wordings.
    Prefer = "prefer",
    /// `pattern`: custom regular expressions.
    Pattern = "pattern",
    /// `require`: required tone markers.
    Require = "require",
    /// `voice`: how the brand sounds.
    Voice = "voice",
    /// `visual`: how the brand looks.
    Visual = "visual",
    /// `vale`: the rules of a Vale style.
    Vale = "vale",
    /// `io`: files that could not be read.
    Io = "io",
    /// `limits`: findings a run's budgets cut.
    Limits = "limits",
    /// `suppress`: suppression comments that name no rule or excuse nothing.
    Suppress = "suppress",
}

impl RuleKind {
    /// The kind named `name`.
    pub fn from_name(name: &str) -> Option<RuleKind> {
        Self::ALL.iter().copied().find(|k| k.name() == name)
    }
}

/// The methods a byte range has in either coordinate space: made, read back as a plain range
/// at the boundary with code that slices a `str`, measured and tested.
macro_rules! byte_range {
    ($name:ident) => {
        impl $name {
            /// The bytes from `start` to just before `end`.
            pub const fn new(start: usize, end: usize) -> Self {
                Self { start, end }
            }

            /// No bytes, at `offset`.
            pub const fn at(offset: usize) -> Self {
                Self::new(offset, offset)
            }

            /// The bytes as a plain range, to slice the text they are a range of.
            pub fn range(self) -> Range<usize> {
                self.start..self.end
            }

            /// How many bytes (none when `end` is not past `start`).
            pub fn len(self) -> usize {
                self.end.saturating_sub(self.start)
            }

            /// Whether it holds no byte.
            pub fn is_empty(self) -> bool {
                self.end <= self.start
            }
        }

        impl From<Range<usize>> for $name {
            fn from(range: Range<usize>) -> Self {
                Self::new(range.start, range.end)
            }
        }
    };
}

/// A range of the bytes of a file as stored (or of the part of it a reader was given, until
/// the reader moves it into the file's place): where a finding, a directive or a visual fact
/// stands, what a fix replaces, and what lines and columns are computed from. A range of a
/// segment's prose is a [`TextRange`] instead; `crate::document::Segment::source_range` is
/// the way from one to the other.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SourceSpan {
    /// The first byte.
    pub start: usize,
    /// Just past the last byte.
    pub end: usize,
}

byte_range!(SourceSpan);

impl SourceSpan {
    /// Whether it holds the byte at `offset`.
    pub fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// The span `by` bytes further on: for a span found in a part of the file that starts at
    /// `by`.
    pub fn shifted(self, by: usize) -> Self {
        Self::new(self.start + by, self.end + by)
    }
}

/// A range of the bytes of a segment's text as read: markup removed, entities decoded, white
/// space folded and masked text replaced, so its offsets are not the file's. What phrase
/// search, patterns and voice checks find is one; a finding needs the [`SourceSpan`] that
/// `crate::document::Segment::source_range` maps it to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextRange {
    /// The first byte.
    pub start: usize,
    /// Just past the last byte.
    pub end: usize,
}

byte_range!(TextRange);

/// A rule's id, such as `term/GitHub`: made once per rule when rules are compiled, and
/// shared by every finding of the rule, so that giving a finding its rule's id costs a
/// reference count, not a copy of the text. Two ids are equal when their text is (the same
/// rule's ids are found equal without reading it, and ids of rules files compiled apart
/// still compare by text); they are ordered and hashed by their text, so a `&str` finds one
/// in a map or set. It reads, prints and serializes as its text.
#[derive(Clone)]
pub struct RuleId(Arc<str>);

impl RuleId {
    /// The id's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for RuleId {
    fn from(id: &str) -> Self {
        RuleId(Arc::from(id))
    }
}

impl From<String> for RuleId {
    fn from(id: String) -> Self {
        RuleId(Arc::from(id))
    }
}

impl Deref for RuleId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for RuleId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for RuleId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq for RuleId {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

impl Eq for RuleId {}

impl PartialEq<str> for RuleId {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for RuleId {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<RuleId> for &str {
    fn eq(&self, other: &RuleId) -> bool {
        **self == *other.0
    }
}

impl PartialEq<RuleId> for String {
    fn eq(&self, other: &RuleId) -> bool {
        **self == *other.0
    }
}

impl PartialOrd for RuleId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for RuleId {
    fn cmp(&self, other: &Self) -> Ordering {
        if Arc::ptr_eq(&self.0, &other.0) {
            Ordering::Equal
        } else {
            self.0.cmp(&other.0)
        }
    }
}

/// Hashes as its text does, as [`Borrow<str>`] requires.
impl Hash for RuleId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

/// Shows as its text does (`"term/GitHub"`), as the `String` it replaced did.
impl fmt::Debug for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Prints its text, padded and aligned as a `str` is (`{:<width$}` lines up a column).
impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A plain string, in every format that writes findings or rules.
impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A finding: one place where content breaks a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule's id.
    pub rule: RuleId,
    /// The rule's kind.
    pub kind: RuleKind,
    /// How much it matters.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// The bytes of the file it concerns.
    pub span: SourceSpan,
    /// Where in the document, when it concerns prose.
    pub scope: Option<Scope>,
    /// The edit that fixes it, where the file holds the prose verbatim at `span`.
    pub fix: Option<Fix>,
    /// A hint.
    pub help: Option<String>,
    /// A link to the style guide.
    pub url: Option<String>,
    /// The other places of the file where the same finding stands, in source order: a
    /// check that reports a repeated value once (an off-brand font in twenty inline
    /// styles) keeps every place here.
    pub also_at: Vec<SourceSpan>,
}

/// Inserts `finding` into `findings`, sorted as reports are ([`Finding::order_key`]), at its
/// place, after those with the same key (so findings inserted in turn keep their order);
/// returns that place.
pub fn insert_in_order(findings: &mut Vec<Finding>, finding: Finding) -> usize {
    let at = findings.partition_point(|f| f.order_key() <= finding.order_key());
    findings.insert(at, finding);
    at
}

impl Finding {
    /// How reports order findings: by position in the file, then by rule id.
    pub fn order_key(&self) -> (usize, usize, &str) {
        (self.span.start, self.span.end, self.rule.as_str())
    }

    /// A finding of the rule `rule`, of `kind`, at `span` of the file, saying `message`:
    /// the one way a finding is made, still without scope, fix, hint or link. A rules
    /// file's rule makes its findings with `crate::check::Rule::finding`, which adds the
    /// rule's hint and link.
    pub fn new(
        rule: RuleId,
        kind: RuleKind,
        severity: Severity,
        span: SourceSpan,
        message: String,
    ) -> Finding {
        Finding {
            rule,
            kind,
            severity,
            message,
            span,
            scope: None,
            fix: None,
            help: None,
            url: None,
            also_at: Vec::new(),
        }
    }

    /// The finding with a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The finding, standing in prose of this scope.
    pub fn in_scope(mut self, scope: Scope) -> Self {
        self.scope = Some(scope);
        self
    }

    /// The finding with a fix: an edit that replaces exactly its span.
    pub fn with_fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }
}

/// Whether applying a fix keeps what the text means, as ruff's fixes are safe or unsafe.
/// `--fix` applies the safe ones; `--unsafe-fixes` adds the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixSafety {
    /// The text means what it meant: a name's spelling or mark, a wording the rules file
    /// swaps for another.
    Safe,
    /// The text may come to mean something else, or stop matching what it describes: a
    /// contraction ("will not only" is not "won't only"), a single word swapped for another
    /// (a word may be another part of speech), anything in an image's alternative text.
    Unsafe,
}

/// A fix: the text that replaces exactly a finding's span, and whether that is safe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// The text that replaces the span.
    pub replacement: String,
    /// Whether `--fix` applies it without `--unsafe-fixes`.
    pub safety: FixSafety,
}

impl Fix {
    /// A fix that keeps the meaning.
    pub fn safe(replacement: impl Into<String>) -> Fix {
        Fix::new(replacement, FixSafety::Safe)
    }

    /// A fix of this safety.
    pub fn new(replacement: impl Into<String>, safety: FixSafety) -> Fix {
        Fix {
            replacement: replacement.into(),
            safety,
        }
    }

    /// Whether it is safe.
    pub fn is_safe(&self) -> bool {
        self.safety == FixSafety::Safe
    }
}

/// What a report says of a fix: `fix: replace with "GitHub"`, and for an unsafe one
/// `unsafe fix (--unsafe-fixes): replace with "won't"`.
impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.safety {
            FixSafety::Safe => f.write_str("fix")?,
            FixSafety::Unsafe => f.write_str("unsafe fix (--unsafe-fixes)")?,
        }
        write!(f, ": replace with \"{}\"", self.replacement)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_insert_at_their_place_after_those_with_the_same_key() {
        let at = |start: usize, rule: &str, message: &str| {
            let span = SourceSpan::new(start, start);
            Finding::new(
                rule.into(),
                RuleKind::Io,
                Severity::Error,
                span,
                message.into(),
            )
        };
        let mut findings = vec![at(0, "b/x", ""), at(5, "a/x", ""), at(9, "a/x", "")];
        assert_eq!(insert_in_order(&mut findings, at(5, "a/x", "second")), 2);
        assert_eq!(insert_in_order(&mut findings, at(5, "a/w", "")), 1);
        assert_eq!(insert_in_order(&mut findings, at(0, "a/x", "")), 0);
        let order: Vec<(usize, &str, &str)> = findings
            .iter()
            .map(|f| (f.span.start, f.rule.as_str(), f.message.as_str()))
            .collect();
        assert_eq!(
            order,
            [
                (0, "a/x", ""),
                (0, "b/x", ""),
                (5, "a/w", ""),
                (5, "a/x", ""),
                (5, "a/x", "second"),
                (9, "a/x", "")
            ]
        );
    }

    #[test]
    fn rule_ids_compare_order_hash_and_serialize_as_their_text() {
        let id = RuleId::from("term/GitHub");
        let apart = RuleId::from("term/GitHub".to_string());
        assert_eq!(id, id.clone());
        assert_eq!(id, apart);
        assert_eq!(id.cmp(&"term/Gitlab".into()), Ordering::Less);
        assert_eq!(id, "term/GitHub");
        let set = std::collections::HashSet::from([id.clone()]);
        assert!(set.contains("term/GitHub"));
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"term/GitHub\"");
        assert_eq!(
            format!("{id} {id:?} {id:<12}|"),
            "term/GitHub \"term/GitHub\" term/GitHub |"
        );
    }
}
