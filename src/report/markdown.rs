//! `markdown`: a summary for a pull request or a CI job page (GitHub's step summary): the
//! counts, then a table of findings, errors first, capped at [`MAX_ROWS`] rows.

use std::io::{self, Write};

use super::{Kept, Reporter, Summary};
use crate::lint::{FileReport, LocatedFinding};
use crate::model::Severity;

/// The most findings listed; the rest are counted under the table.
pub const MAX_ROWS: usize = 500;

/// The `markdown` reporter: the table lists errors first, so it keeps the findings of each
/// file (not its text) and writes the summary and the table at the end.
#[derive(Debug, Default)]
pub struct Markdown {
    kept: Kept,
}

impl Reporter for Markdown {
    fn file(&mut self, report: &FileReport, _out: &mut dyn Write) -> io::Result<()> {
        self.kept.keep(report);
        Ok(())
    }

    fn end(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        write(&self.kept.0, summary, out)
    }
}

/// Writes the summary and the table.
fn write(reports: &[FileReport], summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "### brandlint\n")?;
    writeln!(out, "{}\n", summary.line())?;
    let total = summary.errors + summary.warnings + summary.infos;
    if total == 0 {
        return Ok(());
    }
    writeln!(out, "| | File | Line | Rule | Message |")?;
    writeln!(out, "|---|---|---|---|---|")?;
    let mut rows = 0;
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        for report in reports {
            for LocatedFinding { finding, at, .. } in report.located() {
                if finding.severity != severity {
                    continue;
                }
                if rows == MAX_ROWS {
                    break;
                }
                rows += 1;
                let (line, column) = (at.line, at.column);
                let mark = match severity {
                    Severity::Error => "❌ error",
                    Severity::Warning => "⚠️ warning",
                    Severity::Info => "ℹ️ info",
                };
                writeln!(
                    out,
                    "| {mark} | {} | {line}:{column} | {} | {} |",
                    code(&report.display_path),
                    code(&finding.rule),
                    cell(&finding.message)
                )?;
            }
        }
    }
    if total > rows {
        writeln!(
            out,
            "\n{} more not listed; run `brandlint check` for all of them.",
            total - rows
        )?;
    }
    Ok(())
}

/// Text in a table cell: no line breaks, pipes and markup escaped.
fn cell(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => escaped.push_str("\\|"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '&' => escaped.push_str("&amp;"),
            '`' | '*' | '_' | '[' | ']' | '\\' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\r' | '\n' => escaped.push(' '),
            c if c.is_control() && c != '\t' => escaped.push('\u{FFFD}'),
            c => escaped.push(c),
        }
    }
    escaped
}

/// A path or rule id as inline code in a cell. Backticks inside are rare in paths; a longer
/// fence would be needed, so they are written as plain escaped text instead, as is text with
/// a control character (a line break would end the row).
fn code(text: &str) -> String {
    if text.contains(|c: char| c == '`' || c.is_control()) {
        cell(text)
    } else {
        format!("`{}`", text.replace('|', "\\|"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(
            cell("a|b\n<script> *x* [l](u)"),
            "a\\|b &lt;script&gt; \\*x\\* \\[l\\](u)"
        );
        assert_eq!(code("posts/a|b.md"), "`posts/a\\|b.md`");
        assert_eq!(code("a\r## x\u{1b}.md"), "a ## x\u{FFFD}.md");
    }
}
