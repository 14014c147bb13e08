//! Budgets per run. brandlint runs on pull requests that strangers write, so its content
//! and its rules files are hostile input: every limit of the engine was per pattern or per
//! file, and a rules file of many heavy patterns, or a file dense with findings, could still
//! exhaust the machine. These budgets bound a whole run: how many rules a rules file may
//! hold, how much memory its regexes may take, how many findings are kept per file and per
//! run, and how many bytes are written.
//!
//! Each budget has a default, a key in the rules file's `[limits]` table and a flag of
//! `brandlint check`; the flag wins, so a CI job can hold a pull request's rules file to its
//! own budgets. `0` means no limit. Hitting a budget fails the run with exit code 2.

pub mod output;

/// Default for `rules`: rules after merging `extends`.
pub const DEFAULT_RULES: u64 = 20_000;
/// Default for `regex_size`: bytes of compiled memory of every user regex together.
pub const DEFAULT_REGEX_SIZE: u64 = 256 << 20;
/// Default for `findings_per_file`.
pub const DEFAULT_FINDINGS_PER_FILE: u64 = 1_000;
/// Default for `findings`: findings per run.
pub const DEFAULT_FINDINGS: u64 = 50_000;
/// Default for `output_size`: bytes written to standard output and to each `--report` file.
pub const DEFAULT_OUTPUT_SIZE: u64 = 100 << 20;

/// One of the budgets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Budget {
    /// Rules in a rules file, after merging `extends`.
    Rules,
    /// Compiled memory of the user regexes.
    RegexSize,
    /// Findings kept per file.
    FindingsPerFile,
    /// Findings kept per run.
    Findings,
    /// Bytes written per output.
    OutputSize,
}

impl Budget {
    /// Its key in `[limits]`.
    pub fn key(self) -> &'static str {
        match self {
            Budget::Rules => "rules",
            Budget::RegexSize => "regex_size",
            Budget::FindingsPerFile => "findings_per_file",
            Budget::Findings => "findings",
            Budget::OutputSize => "output_size",
        }
    }

    /// Its flag on `brandlint check`, with the value it takes.
    pub fn flag(self) -> &'static str {
        match self {
            Budget::Rules => "--max-rules N",
            Budget::RegexSize => "--max-regex-size SIZE",
            Budget::FindingsPerFile => "--max-findings-per-file N",
            Budget::Findings => "--max-findings N",
            Budget::OutputSize => "--max-output-size SIZE",
        }
    }

    /// How to raise it, for messages.
    pub fn how_to_raise(self) -> String {
        format!(
            "raise it with `{}` or `{} = ...` in the rules file's [limits] (0 for no limit)",
            self.flag(),
            self.key()
        )
    }
}

/// A budget that was hit, as the one line of the error that fails the run says it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exceeded {
    /// Which budget.
    pub budget: Budget,
    /// What happened, with the limit.
    pub what: String,
}

impl std::fmt::Display for Exceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "budget exceeded: {}: {}; {}",
            self.budget.key(),
            self.what,
            self.budget.how_to_raise()
        )
    }
}

/// Values given for some budgets, by the command line or a rules file's `[limits]`: `None`
/// where not given, `Some(0)` for no limit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LimitValues {
    /// `rules` / `--max-rules`.
    pub rules: Option<u64>,
    /// `regex_size` / `--max-regex-size`, in bytes.
    pub regex_size: Option<u64>,
    /// `findings_per_file` / `--max-findings-per-file`.
    pub findings_per_file: Option<u64>,
    /// `findings` / `--max-findings`.
    pub findings: Option<u64>,
    /// `output_size` / `--max-output-size`, in bytes.
    pub output_size: Option<u64>,
}

impl LimitValues {
    /// These values, with those `later` gives replacing them.
    pub fn overlaid(self, later: &LimitValues) -> LimitValues {
        LimitValues {
            rules: later.rules.or(self.rules),
            regex_size: later.regex_size.or(self.regex_size),
            findings_per_file: later.findings_per_file.or(self.findings_per_file),
            findings: later.findings.or(self.findings),
            output_size: later.output_size.or(self.output_size),
        }
    }
}

/// The budgets in force: each `None` when unlimited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Rules after merging `extends`.
    pub rules: Option<u64>,
    /// Bytes of compiled memory of every user regex together.
    pub regex_size: Option<u64>,
    /// Findings kept per file.
    pub findings_per_file: Option<u64>,
    /// Findings kept per run.
    pub findings: Option<u64>,
    /// Bytes written to standard output and to each `--report` file.
    pub output_size: Option<u64>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            rules: Some(DEFAULT_RULES),
            regex_size: Some(DEFAULT_REGEX_SIZE),
            findings_per_file: Some(DEFAULT_FINDINGS_PER_FILE),
            findings: Some(DEFAULT_FINDINGS),
            output_size: Some(DEFAULT_OUTPUT_SIZE),
        }
    }
}

impl Limits {
    /// The defaults with `values` applied: a value given replaces the default, `0` lifts
    /// the limit.
    pub fn from_values(values: &LimitValues) -> Limits {
        let defaults = Limits::default();
        let pick = |given: Option<u64>, default: Option<u64>| match given {
            Some(0) => None,
            Some(n) => Some(n),
            None => default,
        };
        Limits {
            rules: pick(values.rules, defaults.rules),
            regex_size: pick(values.regex_size, defaults.regex_size),
            findings_per_file: pick(values.findings_per_file, defaults.findings_per_file),
            findings: pick(values.findings, defaults.findings),
            output_size: pick(values.output_size, defaults.output_size),
        }
    }

    /// The stricter of two limits of a budget (`None` is no limit).
    pub fn stricter(a: Option<u64>, b: Option<u64>) -> Option<u64> {
        match (a, b) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_values_replace_defaults_and_zero_lifts_a_limit() {
        let file = LimitValues {
            rules: Some(10),
            findings: Some(5),
            ..LimitValues::default()
        };
        let flags = LimitValues {
            findings: Some(0),
            output_size: Some(7),
            ..LimitValues::default()
        };
        let limits = Limits::from_values(&file.overlaid(&flags));
        assert_eq!(
            limits,
            Limits {
                rules: Some(10),
                regex_size: Some(DEFAULT_REGEX_SIZE),
                findings_per_file: Some(DEFAULT_FINDINGS_PER_FILE),
                findings: None,
                output_size: Some(7),
            }
        );
    }

    #[test]
    fn the_stricter_limit_is_the_smaller_one() {
        assert_eq!(Limits::stricter(Some(3), Some(2)), Some(2));
        assert_eq!(Limits::stricter(None, Some(2)), Some(2));
        assert_eq!(Limits::stricter(None, None), None);
    }

    #[test]
    fn an_exceeded_budget_says_how_to_raise_it() {
        let exceeded = Exceeded {
            budget: Budget::Findings,
            what: "more than 10 findings in this run".to_string(),
        };
        assert_eq!(
            exceeded.to_string(),
            "budget exceeded: findings: more than 10 findings in this run; raise it with \
             `--max-findings N` or `findings = ...` in the rules file's [limits] (0 for no limit)"
        );
    }
}
