//! `compact`: one line per finding, `path:line:column: severity: message [rule-id]`, for
//! editors' problem matchers and grep.

use std::io::{self, Write};

use super::Summary;
use crate::lint::FileReport;

/// Writes the compact format.
pub fn write(
    reports: &[FileReport],
    summary: &Summary,
    quiet: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    for report in reports {
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
    }
    if !quiet {
        writeln!(out, "{}", summary.line())?;
    }
    Ok(())
}
