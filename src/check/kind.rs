//! The registry of rule kinds: one [`Kind`] per module of `check`, listed once in
//! [`KINDS`]. Compiling, matching, the document-wide checks, `brandlint explain`, the
//! book's rule reference, overrides and suppression all find a kind here, so adding one is its
//! module and one line of [`KINDS`] (with its table in `config::schema` and its name in
//! `model::RuleKind`).

use std::borrow::Cow;

use crate::config::error::ConfigError;
use crate::config::load::MergedRules;
use crate::document::Document;
use crate::model::{Finding, RuleKind};

use super::compile::{CompiledRules, Compiler, FileRules};
use super::{
    banned, io, limits, module_doc, pattern, prefer, require, suppress, term, vale, visual, voice,
};
use super::{term::Mention, MatchContext};

/// A kind of rule: its page, how its tables compile into rules, and how its rules judge
/// content. Every method but [`Kind::kind`] and [`Kind::source`] has a default that does
/// nothing, so a kind implements only what it does.
pub trait Kind: Sync {
    /// Which kind it is.
    fn kind(&self) -> RuleKind;

    /// Its module's source, whose `//!` comment is its page.
    fn source(&self) -> &'static str;

    /// The checks it is made of, when several (`voice`, `visual`): each one's id and page.
    fn checks(&self) -> Vec<(String, String)> {
        Vec::new()
    }

    /// The id and page of the check that `rule_id` names (another name of it included),
    /// for kinds made of several checks.
    fn check_named(&self, _rule_id: &str) -> Option<(String, String)> {
        None
    }

    /// Adds a rule to `compiler` for each rule its tables in `merged` define, in order.
    fn compile(&self, _merged: &MergedRules, _compiler: &mut Compiler) -> Result<(), ConfigError> {
        Ok(())
    }

    /// Judges a match of one of its rule's phrases or patterns in a segment, noting in
    /// `notes` what its document-wide check needs.
    fn on_match(&self, _context: &MatchContext<'_>, _notes: &mut Notes) -> Option<Finding> {
        None
    }

    /// Its checks of a document as a whole, once every segment is checked.
    fn check_document(&self, _context: &DocumentContext<'_>, _findings: &mut Vec<Finding>) {}
}

/// What matching the segments of a document noted for the document-wide checks.
#[derive(Default)]
pub struct Notes {
    /// Mentions of trademarked names, in source order, for their first mention.
    pub mentions: Vec<Mention>,
}

/// What a document-wide check sees: the rules, which of them apply to the file, the
/// document, the file and what matching noted.
pub struct DocumentContext<'a> {
    /// Every compiled rule.
    pub rules: &'a CompiledRules,
    /// Which rules run on this file, and its voice settings.
    pub file: &'a FileRules,
    /// The document read from the file.
    pub document: &'a Document,
    /// The text of each of its segments folded for phrase search
    /// ([`crate::matcher::fold`]), in the order of `document.segments`.
    pub folded: &'a [Cow<'a, str>],
    /// The whole file.
    pub source: &'a str,
    /// What matching the segments noted.
    pub notes: &'a Notes,
}

/// Every kind, in the order they compile and are documented: the order of
/// [`RuleKind::ALL`].
pub static KINDS: &[&dyn Kind] = &[
    &term::TermKind,
    &banned::BannedKind,
    &prefer::PreferKind,
    &pattern::PatternKind,
    &require::RequireKind,
    &voice::VoiceKind,
    &visual::VisualKind,
    &vale::ValeKind,
    &io::IoKind,
    &limits::LimitsKind,
    &suppress::SuppressKind,
];

/// The registry's entry for a kind.
pub fn of(kind: RuleKind) -> &'static dyn Kind {
    KINDS[kind as usize]
}

/// What the kind checks, why, an example and its options: the `//!` comment at the top
/// of its module.
pub fn doc(kind: RuleKind) -> String {
    module_doc(of(kind).source())
}

/// The checks of a kind made of several (voice, visual), each as its id and its doc.
pub fn checks_of(kind: RuleKind) -> Vec<(String, String)> {
    of(kind).checks()
}

/// The id and doc of the check of this kind that `rule_id` names (another name of a
/// voice check included), for kinds made of several checks.
pub fn check_of(kind: RuleKind, rule_id: &str) -> Option<(String, String)> {
    of(kind).check_named(rule_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_lists_every_kind_once_in_the_order_of_the_model() {
        let listed: Vec<RuleKind> = KINDS.iter().map(|kind| kind.kind()).collect();
        assert_eq!(listed, RuleKind::ALL);
    }

    #[test]
    fn every_kind_is_documented_with_an_example() {
        for &kind in RuleKind::ALL {
            let doc = doc(kind);
            assert!(
                doc.lines().count() >= 5,
                "{} is barely documented",
                kind.name()
            );
            assert!(doc.contains("## Example"), "{} has no example", kind.name());
        }
    }
}
