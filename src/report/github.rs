//! `github`: GitHub Actions workflow commands, one annotation per finding
//! (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=rule::message`).
//!
//! GitHub shows at most [`ANNOTATIONS_PER_LEVEL`] annotations of each level per step, so errors
//! come first, then warnings, then notices; findings past the limit are printed as plain
//! log lines, and a closing line says how many were not annotated.

use std::io::{self, Write};

use super::Summary;
use crate::check::Finding;
use crate::config::schema::Severity;
use crate::lint::{FileReport, LocatedFinding};

/// How many annotations of one level GitHub shows for a step.
pub const ANNOTATIONS_PER_LEVEL: usize = 10;

/// Writes the findings as workflow commands, errors first.
pub fn write(
    reports: &[FileReport],
    summary: &Summary,
    quiet: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    // Per level, in the order emitted: errors, warnings, notices.
    let mut not_shown = [0usize; 3];
    let levels = [Severity::Error, Severity::Warning, Severity::Info];
    for (level, severity) in levels.into_iter().enumerate() {
        let mut shown = 0;
        for report in reports {
            for located in report.located() {
                if located.finding.severity != severity {
                    continue;
                }
                if shown < ANNOTATIONS_PER_LEVEL {
                    shown += 1;
                    write_annotation(report, &located, out)?;
                } else {
                    not_shown[level] += 1;
                    // Past the limit: a plain line of the log, as the compact format writes it.
                    super::compact::write_line(report, &located, out)?;
                }
            }
        }
    }
    if !quiet {
        let [errors, warnings, infos] = not_shown;
        if errors + warnings + infos > 0 {
            writeln!(
                out,
                "brandlint: {} not shown as annotations (GitHub shows {ANNOTATIONS_PER_LEVEL} of each level per step); all are listed in this log",
                not_shown_counts(errors, warnings, infos)
            )?;
        }
        writeln!(out, "{}", summary.line())?;
    }
    Ok(())
}

/// `3 errors, 1 warning and 2 notices`, leaving out the zero counts.
fn not_shown_counts(errors: usize, warnings: usize, infos: usize) -> String {
    let parts: Vec<String> = [(errors, "error"), (warnings, "warning"), (infos, "notice")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| format!("{n} {word}{}", if n == 1 { "" } else { "s" }))
        .collect();
    match parts.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// One `::level file=…::message` command.
fn write_annotation(
    report: &FileReport,
    &LocatedFinding { finding, at, .. }: &LocatedFinding<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let level = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let file = escape_property(&report.display_path);
    let title = escape_property(&finding.rule);
    // GitHub reads columns only for an annotation on one line.
    let columns = if at.line == at.end_line {
        format!(",col={},endColumn={}", at.column, at.end_column)
    } else {
        String::new()
    };
    writeln!(
        out,
        "::{level} file={file},line={},endLine={}{columns},title={title}::{}",
        at.line,
        at.end_line,
        escape_data(&annotation_text(finding))
    )
}

/// The message, then the help on its own line.
fn annotation_text(finding: &Finding) -> String {
    let mut text = finding.message.clone();
    if let Some(fix) = &finding.fix {
        text.push_str(&format!("\nfix: replace with \"{fix}\""));
    }
    if let Some(help) = &finding.help {
        text.push_str(&format!("\nhelp: {help}"));
    }
    text
}

/// Escapes a command's message as the Actions toolkit does: `%`, CR and LF.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property as the Actions toolkit does: the message escapes plus `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_actions_toolkit_does() {
        assert_eq!(escape_data("50%\r\nof: a,b"), "50%25%0D%0Aof: a,b");
        assert_eq!(escape_property("dir:a,b/100%.md"), "dir%3Aa%2Cb/100%25.md");
    }

    #[test]
    fn counts_read_as_a_list() {
        assert_eq!(not_shown_counts(1, 0, 0), "1 error");
        assert_eq!(not_shown_counts(3, 1, 0), "3 errors and 1 warning");
        assert_eq!(
            not_shown_counts(3, 2, 5),
            "3 errors, 2 warnings and 5 notices"
        );
    }
}
