//! `conditional` rules: a use (`first`, such as an acronym) needs a definition (`second`,
//! such as "World Health Organization (WHO)") earlier in the document or in the same
//! paragraph. The first capture group of `second` is what it defines.

use crate::matcher::pattern::Pattern;

/// What a conditional rule needs.
#[derive(Debug)]
pub struct ConditionalRule {
    /// The message, with `%s` for the use.
    pub message: String,
    /// What needs a definition.
    pub first: Pattern,
    /// A definition; its capture groups hold what it defines.
    pub second: Pattern,
    /// Uses that need none.
    pub exceptions: Option<Pattern>,
}

impl ConditionalRule {
    /// Adds what `text` defines to `defined`.
    pub fn definitions(&self, text: &str, defined: &mut Vec<String>) {
        let mut starts = Vec::new();
        let _ = self
            .second
            .for_each_match(text, |range| starts.push(range.start));
        for start in starts {
            if let Some(group) = self.second.captured(text, start) {
                defined.push(group);
            }
        }
    }

    /// The ranges of `text` that use what `defined` does not hold.
    pub fn undefined_uses(&self, text: &str, defined: &[String]) -> Vec<std::ops::Range<usize>> {
        let mut uses = Vec::new();
        let _ = self.first.for_each_match(text, |range| uses.push(range));
        uses.retain(|range| {
            let used = &text[range.clone()];
            !defined.iter().any(|d| d == used)
                && !self.exceptions.as_ref().is_some_and(|e| e.is_match(used))
        });
        uses
    }
}
