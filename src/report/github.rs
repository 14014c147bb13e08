//! `github`: GitHub Actions workflow commands, one annotation per finding
//! (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=rule::message`).
//!
//! GitHub shows at most [`ANNOTATIONS_PER_LEVEL`] annotations of each level per step, so errors
//! come first, then warnings, then notices; findings past the limit are printed as plain
//! log lines, and a closing line says how many were not annotated.
//!
//! Paths, rule ids, messages and matched text can all come from a pull request, so no line
//! printed here may be taken by the runner for a command it did not mean: annotations
//! escape their properties and message as the Actions toolkit does, and every other line
//! starts with `brandlint: ` and has its text escaped by [`escape_log`] (the runner reads
//! `::command` only at a line's start, but `##[command]` anywhere in a line).

use std::io::{self, Write};

use super::{Kept, Reporter, Summary};
use crate::lint::{FileReport, LocatedFinding};
use crate::model::{Finding, Severity};

/// How many annotations of one level GitHub shows for a step.
pub const ANNOTATIONS_PER_LEVEL: usize = 10;

/// The `github` reporter: annotations go errors first, so it keeps the findings of each file
/// (not its text) and writes them all at the end, then (unless quiet) the closing lines.
#[derive(Debug)]
pub struct Github {
    kept: Kept,
    quiet: bool,
}

impl Github {
    /// A reporter that leaves out the closing lines when `quiet`.
    pub fn new(quiet: bool) -> Self {
        Github {
            kept: Kept::default(),
            quiet,
        }
    }
}

impl Reporter for Github {
    fn file(&mut self, report: &FileReport, _out: &mut dyn Write) -> io::Result<()> {
        self.kept.keep(report);
        Ok(())
    }

    fn end(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        write(&self.kept.0, summary, self.quiet, out)
    }
}

/// Writes the findings as workflow commands, errors first.
fn write(
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
                    write_log_line(report, &located, out)?;
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

/// A finding past the annotation limit, as a plain line of the log:
/// `brandlint: path:line:column: severity: message [rule]`, escaped.
fn write_log_line(
    report: &FileReport,
    &LocatedFinding { finding, at, .. }: &LocatedFinding<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "brandlint: {}:{}:{}: {}: {} [{}]",
        escape_log(&report.display_path),
        at.line,
        at.column,
        finding.severity.name(),
        escape_log(&finding.message),
        escape_log(&finding.rule)
    )
}

/// Writes a diagnostic (a rules-file error, two rules in conflict) as one annotation at
/// its first label, `level` being `error`, `warning` or `notice`, its file named relative
/// to `current_dir`; without a place, as an annotation of the run.
pub fn write_diagnostic(
    level: &str,
    diagnostic: &dyn miette::Diagnostic,
    current_dir: &std::path::Path,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut text = diagnostic.to_string();
    if let Some(help) = diagnostic.help() {
        text.push_str(&format!("\nhelp: {help}"));
    }
    let place = diagnostic_place(diagnostic)
        .map(|(file, line, column)| {
            format!(
                "file={},line={line},col={column},",
                escape_property(&crate::walk::display_path(
                    std::path::Path::new(&file),
                    current_dir
                ))
            )
        })
        .unwrap_or_default();
    writeln!(
        out,
        "::{level} {place}title=brandlint::{}",
        escape_data(&text)
    )
}

/// The file, line and column (1-based, in characters) of a diagnostic's first label.
fn diagnostic_place(diagnostic: &dyn miette::Diagnostic) -> Option<(String, usize, usize)> {
    let source = diagnostic.source_code()?;
    let label = diagnostic.labels()?.next()?;
    let contents = source.read_span(label.inner(), 0, 0).ok()?;
    let name = contents.name()?.to_string();
    let before = label.offset().checked_sub(contents.span().offset())?;
    let column = contents
        .data()
        .get(..before)
        .map_or(0, |bytes| String::from_utf8_lossy(bytes).chars().count());
    Some((name, contents.line() + 1, column + 1))
}

/// Text written to the log of a step that is not a command, made safe line by line: a line
/// that would start with `::` gets its first colon escaped, and `##[` is written `#%23[`.
/// For the detailed reports printed beside the annotations, which keep their layout.
pub fn neutralize_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let body = body.replace('\r', "%0D").replace("##[", "#%23[");
        let indent = body.len() - body.trim_start().len();
        if body[indent..].starts_with("::") {
            out.push_str(&body[..indent]);
            out.push_str("%3A");
            out.push_str(&body[indent + 1..]);
        } else {
            out.push_str(&body);
        }
        out.push_str(end);
    }
    out
}

/// The message, then the help on its own line.
fn annotation_text(finding: &Finding) -> String {
    let mut text = finding.message.clone();
    if let Some(fix) = &finding.fix {
        text.push_str(&format!("\n{fix}"));
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

/// Text on a plain line of the log, escaped so that the runner can take no part of it for a
/// command: the message escapes (so the text stays on its line, and `%` reads back
/// unambiguously), and `##[` written `#%23[`.
pub fn escape_log(text: &str) -> String {
    escape_data(text).replace("##[", "#%23[")
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
    fn log_text_forms_no_command() {
        assert_eq!(
            escape_log("a\n::add-mask::x ##[warning]y %"),
            "a%0A::add-mask::x #%23[warning]y %25"
        );
        assert_eq!(escape_log("###[x"), "##%23[x");
        assert_eq!(
            neutralize_lines("ok\n  ::error::x\r\n1 │ ##[set-output name=a;]b\n"),
            "ok\n  %3A:error::x%0D\n1 │ #%23[set-output name=a;]b\n"
        );
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
