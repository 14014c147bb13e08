//! `compact`: one line per finding, `path:line:column: severity: message [rule-id]`, for
//! editors' problem matchers and grep.

use std::io::{self, Write};

use crate::lint::{FileReport, LocatedFinding};

/// Writes the lines of one file's findings.
pub fn write_file(report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    for located in report.located() {
        write_line(report, &located, out)?;
    }
    Ok(())
}

/// One finding's line. A line break in a message (a rules file can write one) becomes a
/// space, so each finding stays one line for the tools that read them.
pub fn write_line(
    report: &FileReport,
    &LocatedFinding { finding, at, .. }: &LocatedFinding<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let (line, column) = (at.line, at.column);
    let message: String = finding
        .message
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    writeln!(
        out,
        "{}:{line}:{column}: {}: {message} [{}]",
        report.display_path,
        finding.severity.name(),
        finding.rule
    )
}
