//! The checks of a kind made of several (`[voice]`, `[visual]`). Each check is one entry,
//! a [`Part`], of its kind's `CHECKS` table: the key that switches it on, its page, its
//! summary, whether the settings switch it on, and how it runs. Ids, pages and lookups
//! are written once here for both kinds.

use crate::model::RuleKind;

use super::{module_doc, Rule};

/// The settings of a kind made of several checks.
pub trait PartSettings {
    /// The kind whose checks read them.
    const KIND: RuleKind;
}

/// One check of a kind made of several: `S` is the kind's settings, `R` how a check of the
/// kind runs.
#[derive(Debug)]
pub struct Part<S: 'static, R: 'static> {
    /// The key of the kind's table that switches it on.
    pub key: &'static str,
    /// Its module's source, whose `//!` comment is its page.
    pub source: &'static str,
    /// What it flags, in a few words: the rule's message as `brandlint rules` and `explain`
    /// list it (each finding says more).
    pub summary: &'static str,
    /// Whether the settings set its key, to anything.
    pub is_set: fn(&S) -> bool,
    /// Runs it.
    pub run: R,
}

impl<S: PartSettings, R> Part<S, R> {
    /// Its rule id: the kind, `/`, and the key with dashes (`voice/max-sentence-words`).
    pub fn id(&self) -> String {
        format!("{}/{}", S::KIND.name(), self.key.replace('_', "-"))
    }

    /// What it checks, why, an example and its options: the `//!` comment of its module.
    pub fn doc(&self) -> String {
        module_doc(self.source)
    }

    /// Its id and its page.
    pub fn page(&self) -> (String, String) {
        (self.id(), self.doc())
    }
}

/// The check of `checks` with this id.
pub fn find<S: PartSettings, R>(
    checks: &'static [Part<S, R>],
    id: &str,
) -> Option<&'static Part<S, R>> {
    checks.iter().find(|check| check.id() == id)
}

/// Each check whose rule was compiled, with that rule's index; a check whose rule a later
/// table replaced has none, and is left out.
pub fn compiled<S: PartSettings, R>(
    checks: &'static [Part<S, R>],
    rules: &[Rule],
) -> Vec<(&'static Part<S, R>, usize)> {
    checks
        .iter()
        .filter_map(|check| {
            let id = check.id();
            let index = rules.iter().position(|r| r.kind == S::KIND && r.id == id)?;
            Some((check, index))
        })
        .collect()
}
