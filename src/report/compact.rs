//! `compact`: one line per finding, `path:line:column: severity: message [rule-id]`, for
//! editors' problem matchers and grep.

use std::io::{self, Write};

use super::{Reporter, Summary};
use crate::lint::{FileReport, LocatedFinding};

/// The `compact` reporter: each file's lines as it comes, then the summary line unless
/// quiet.
#[derive(Debug)]
pub struct Compact {
    quiet: bool,
}

impl Compact {
    /// A reporter that leaves out the summary line when `quiet`.
    pub fn new(quiet: bool) -> Self {
        Compact { quiet }
    }
}

impl Reporter for Compact {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        write_file(report, out)
    }

    fn end(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        summary.write_line(self.quiet, out)
    }
}

/// Writes the lines of one file's findings.
fn write_file(report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    for located in report.located() {
        write_line(report, &located, out)?;
    }
    Ok(())
}

/// One finding's line. A line break in a message, a rule id (a rules file can write one)
/// or a file name becomes a space, so each finding stays one line for the tools that read
/// them, and other control characters are made [`crate::printable::printable`].
fn write_line(
    report: &FileReport,
    &LocatedFinding { finding, at, .. }: &LocatedFinding<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let (line, column) = (at.line, at.column);
    writeln!(
        out,
        "{}:{line}:{column}: {}: {} [{}]",
        one_line(&report.display_path),
        finding.severity.name(),
        one_line(&finding.message),
        one_line(&finding.rule)
    )
}

/// The text with each line break written as a space, printable.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(|c: char| c.is_control() && c != '\t') {
        return text.into();
    }
    crate::printable::printable(&text.replace(['\n', '\r'], " "))
        .into_owned()
        .into()
}
