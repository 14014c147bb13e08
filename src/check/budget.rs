//! The `regex_size` budget: user regexes (`[[pattern]] regex`, `[[require]] pattern`)
//! compiled against what is left of one budget for all of them, counting what each
//! compiles to and what its lazy DFA caches may grow to.

use regex::Regex;
use regex_automata::meta;

/// The most memory one user pattern may compile to, however large the budget: a larger
/// pattern is refused rather than slowing every run.
pub const PATTERN_SIZE_LIMIT: u64 = 4 << 20;

/// What each of a regex's two lazy DFAs (forward and reverse) may grow its cache to, per
/// thread that searches with it. The regex crate's default is 2 MiB; a smaller cache keeps
/// many patterns within the budget, and a pattern that outgrows it is searched by a slower
/// engine that is still linear.
pub const PATTERN_DFA_CACHE: u64 = 256 << 10;

/// Why a regex was not compiled.
#[derive(Debug, PartialEq, Eq)]
pub enum RegexError {
    /// Not valid regex syntax.
    Invalid(String),
    /// Larger than [`PATTERN_SIZE_LIMIT`] alone.
    TooLarge,
    /// Past what is left of the budget, which is `limit` in all.
    OverBudget {
        /// The whole budget, in bytes.
        limit: u64,
    },
}

/// The memory budget of every user regex of a rules file.
#[derive(Debug)]
pub struct RegexBudget {
    limit: Option<u64>,
    used: u64,
}

impl RegexBudget {
    /// A budget of `limit` bytes (`None`: no limit).
    pub fn new(limit: Option<u64>) -> Self {
        RegexBudget { limit, used: 0 }
    }

    /// Compiles `source`, matching any casing when `case_insensitive` (as a leading `(?i)`
    /// would), taking its memory from the budget.
    pub fn compile(&mut self, source: &str, case_insensitive: bool) -> Result<Regex, RegexError> {
        let caches = 2 * PATTERN_DFA_CACHE;
        let left = self.limit.map(|limit| limit.saturating_sub(self.used));
        let over = |limit| RegexError::OverBudget { limit };
        let nfa_limit = match (left, self.limit) {
            (Some(left), Some(limit)) if left <= caches => return Err(over(limit)),
            (Some(left), _) => (left - caches).min(PATTERN_SIZE_LIMIT),
            (None, _) => PATTERN_SIZE_LIMIT,
        };
        let too_large = || match self.limit {
            Some(limit) if nfa_limit < PATTERN_SIZE_LIMIT => over(limit),
            _ => RegexError::TooLarge,
        };
        let size = usize::try_from(nfa_limit).unwrap_or(usize::MAX);
        // The regex crate does not say how much memory a regex holds; its engine, compiled
        // the same way, does.
        let measured = meta::Builder::new()
            .configure(
                meta::Config::new()
                    .nfa_size_limit(Some(size))
                    .hybrid_cache_capacity(PATTERN_DFA_CACHE as usize)
                    .utf8_empty(true),
            )
            .syntax(
                regex_automata::util::syntax::Config::new()
                    .utf8(true)
                    .case_insensitive(case_insensitive),
            )
            .build(source)
            .map_err(|e| match (e.size_limit(), e.syntax_error()) {
                (Some(_), _) => too_large(),
                // The syntax error says what and where; the build error only "pattern 0".
                (None, Some(syntax)) => RegexError::Invalid(syntax.to_string()),
                (None, None) => RegexError::Invalid(e.to_string()),
            })?;
        let memory = measured.memory_usage() as u64 + caches;
        if let Some(limit) = self.limit {
            if self.used + memory > limit {
                return Err(over(limit));
            }
        }
        let regex = regex::RegexBuilder::new(source)
            .case_insensitive(case_insensitive)
            .size_limit(size)
            .dfa_size_limit(PATTERN_DFA_CACHE as usize)
            .build()
            .map_err(|e| match e {
                regex::Error::CompiledTooBig(_) => too_large(),
                other => RegexError::Invalid(other.to_string()),
            })?;
        self.used += memory;
        Ok(regex)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regexes_take_their_memory_from_one_budget() {
        let mut budget = RegexBudget::new(Some(2 << 20));
        let mut compiled = 0;
        let error = loop {
            match budget.compile(r"\w{20}x", false) {
                Ok(_) => compiled += 1,
                Err(error) => break error,
            }
            assert!(compiled < 100, "the budget runs out");
        };
        assert_eq!(error, RegexError::OverBudget { limit: 2 << 20 });
        assert!(compiled >= 1, "{compiled}");
        assert!(budget.used <= 2 << 20);
    }

    #[test]
    fn without_a_budget_only_the_size_of_one_pattern_is_limited() {
        let mut budget = RegexBudget::new(None);
        for _ in 0..20 {
            budget.compile(r"\w{20}x", false).unwrap();
        }
        assert_eq!(
            budget.compile(r"\w{5000}", false).err(),
            Some(RegexError::TooLarge)
        );
        assert!(matches!(
            budget.compile("(", false),
            Err(RegexError::Invalid(_))
        ));
    }
}
