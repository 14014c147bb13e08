//! `io`: a content file that could not be checked. `io/read` means it could not be read
//! (missing, permission denied, a folder); `io/encoding` means it is not UTF-8 text, and
//! points at the first byte that is not.
//!
//! ## Why
//! A file that silently goes unchecked looks like a file that passed. brandlint reports it
//! as an error finding, goes on with the other files, and the exit code remembers it.
//!
//! ## Example
//! A post saved as Latin-1 with "café" in it is reported as `io/encoding` at the "é" byte;
//! saving it as UTF-8 fixes it.
//!
//! ## Options
//! None: these findings come from brandlint itself, not from the rules file.

use crate::config::schema::Severity;

use super::{Finding, RuleKind};

fn io_finding(rule: &str, message: String, at: usize) -> Finding {
    Finding {
        rule: rule.to_string(),
        kind: RuleKind::Io,
        severity: Severity::Error,
        message,
        span: at..at,
        scope: None,
        fix: None,
        help: None,
        url: None,
    }
}

/// A file that could not be read.
pub fn read_error(error: &std::io::Error) -> Finding {
    io_finding("io/read", format!("cannot read file: {error}"), 0)
}

/// A file that is not UTF-8, at its first invalid byte.
pub fn encoding_error(valid_up_to: usize) -> Finding {
    io_finding(
        "io/encoding",
        format!("file is not valid UTF-8 (first invalid byte at offset {valid_up_to})"),
        valid_up_to,
    )
    .with_help("save the file as UTF-8")
}

impl Finding {
    fn with_help(mut self, help: &str) -> Self {
        self.help = Some(help.to_string());
        self
    }
}
