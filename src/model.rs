//! The words every stage of a check speaks: how much a finding matters, the channel and
//! scope of prose, the kinds of rule, and a finding itself. It depends on nothing else in the
//! crate, and everything may depend on it.

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

/// The kinds of rule, in the order they are documented. Each kind's code and page are its
/// module of `crate::check` (`crate::check::doc` gives the page).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleKind {
    /// `term`: visual naming.
    Term,
    /// `banned`: phrases never used.
    Banned,
    /// `prefer`: preferred wordings.
    Prefer,
    /// `pattern`: custom regular expressions.
    Pattern,
    /// `require`: required tone markers.
    Require,
    /// `voice`: how the brand sounds.
    Voice,
    /// `visual`: how the brand looks.
    Visual,
    /// `io`: files that could not be read.
    Io,
    /// `limits`: findings a run's budgets cut.
    Limits,
}

impl RuleKind {
    /// Every kind.
    pub const ALL: [RuleKind; 9] = [
        RuleKind::Term,
        RuleKind::Banned,
        RuleKind::Prefer,
        RuleKind::Pattern,
        RuleKind::Require,
        RuleKind::Voice,
        RuleKind::Visual,
        RuleKind::Io,
        RuleKind::Limits,
    ];

    /// The kind's name: the table name in rules files and the first part of rule ids.
    pub fn name(self) -> &'static str {
        match self {
            RuleKind::Term => "term",
            RuleKind::Banned => "banned",
            RuleKind::Prefer => "prefer",
            RuleKind::Pattern => "pattern",
            RuleKind::Require => "require",
            RuleKind::Voice => "voice",
            RuleKind::Visual => "visual",
            RuleKind::Io => "io",
            RuleKind::Limits => "limits",
        }
    }

    /// The kind named `name`.
    pub fn from_name(name: &str) -> Option<RuleKind> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

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
    pub span: Range<usize>,
    /// Where in the document, when it concerns prose.
    pub scope: Option<Scope>,
    /// The text that replaces exactly `span`, when applying it is safe.
    pub fix: Option<String>,
    /// A hint.
    pub help: Option<String>,
    /// A link to the style guide.
    pub url: Option<String>,
}

impl Finding {
    /// The finding, standing in prose of this scope.
    pub fn in_scope(mut self, scope: Scope) -> Self {
        self.scope = Some(scope);
        self
    }

    /// The finding with a fix: the text that replaces exactly its span, when that is safe.
    pub fn with_fix(mut self, fix: Option<String>) -> Self {
        self.fix = fix;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
