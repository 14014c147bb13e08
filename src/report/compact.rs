//! `compact`: one line per finding, `path:line:column: severity: message [rule-id]`, for
//! editors' problem matchers and grep.

use std::io::{self, Write};

use crate::lint::FileReport;

/// Writes the lines of one file's findings.
pub fn write_file(report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    for finding in &report.findings {
        let (line, column) = report
            .lines
            .line_column(report.source.as_bytes(), finding.span.start);
        writeln!(
            out,
            "{}:{line}:{column}: {}: {} [{}]",
            report.display_path,
            finding.severity.name(),
            finding.message,
            finding.rule
        )?;
    }
    Ok(())
}
