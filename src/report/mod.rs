//! Rendering findings: one module per output format, all fed the same reports and summary.
//! Line and column are computed here, from byte offsets, and nowhere else.

pub mod checkstyle;
pub mod compact;
pub mod diff;
pub mod github;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;

use std::io::{self, Write};

use serde::Serialize;

use crate::config::schema::Severity;
use crate::lint::FileReport;

/// The output formats, in the order documented.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// miette reports with source snippets, for people.
    Human,
    /// One line per finding, for editors and grep.
    Compact,
    /// Versioned JSON, for tools.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// Checkstyle XML, for reviewdog and CI tools.
    Checkstyle,
    /// A Markdown summary table, for a CI job page.
    Markdown,
}

impl Format {
    /// Every format, in the order documented.
    pub const ALL: [Format; 7] = [
        Format::Human,
        Format::Compact,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Checkstyle,
        Format::Markdown,
    ];

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Compact => "compact",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Checkstyle => "checkstyle",
            Format::Markdown => "markdown",
        }
    }

    /// The format named `name`.
    pub fn from_name(name: &str) -> Option<Format> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Whether the output is a document for a program, which nothing may be appended to.
    pub fn is_document(self) -> bool {
        matches!(self, Format::Json | Format::Sarif | Format::Checkstyle)
    }

    /// Whether the format is written a file at a time, nothing in it waiting for later
    /// files but the summary at the end; the others group or index findings across files.
    pub fn streams(self) -> bool {
        matches!(
            self,
            Format::Human | Format::Compact | Format::Json | Format::Checkstyle
        )
    }
}

/// Counts over a whole run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Findings at error severity.
    pub errors: usize,
    /// Findings at warning severity.
    pub warnings: usize,
    /// Findings at info severity.
    pub infos: usize,
    /// Findings with a safe fix.
    pub fixable: usize,
    /// Findings `--fix` fixed.
    #[serde(skip_serializing_if = "is_zero")]
    pub fixed: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Summary {
    /// Counts the findings of reports.
    pub fn of(reports: &[FileReport]) -> Self {
        let mut summary = Summary::default();
        for report in reports {
            summary.add(report);
        }
        summary
    }

    /// Counts one more file and its findings.
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        for finding in &report.findings {
            match finding.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
            self.fixable += usize::from(finding.fix.is_some());
        }
        self.fixed += report.fixed;
    }

    /// The closing line: `3 errors, 5 warnings in 12 files (2 fixable with --fix)`.
    pub fn line(&self) -> String {
        fn count(n: usize, word: &str) -> String {
            format!("{n} {word}{}", if n == 1 { "" } else { "s" })
        }
        let mut parts = vec![count(self.errors, "error"), count(self.warnings, "warning")];
        if self.infos > 0 {
            parts.push(count(self.infos, "info"));
        }
        let mut line = format!("{} in {}", parts.join(", "), count(self.files, "file"));
        let mut notes = Vec::new();
        if self.fixed > 0 {
            notes.push(format!("{} fixed", self.fixed));
        }
        if self.fixable > 0 {
            notes.push(format!("{} fixable with --fix", self.fixable));
        }
        if !notes.is_empty() {
            line.push_str(&format!(" ({})", notes.join(", ")));
        }
        line
    }
}

/// How the human format looks.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// Colors on.
    pub color: bool,
    /// Wrap width.
    pub width: usize,
}

/// Writes every finding of `reports` in `format`, then (for people) the summary line.
pub fn write(
    format: Format,
    reports: &[FileReport],
    summary: &Summary,
    style: Style,
    quiet: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    if format.streams() {
        let mut stream = Stream::new(format, style, quiet);
        stream.begin(out)?;
        for report in reports {
            stream.file(report, out)?;
        }
        return stream.end(summary, out);
    }
    match format {
        Format::Sarif => sarif::write(reports, out),
        Format::Github => github::write(reports, summary, quiet, out),
        Format::Markdown => markdown::write(reports, summary, out),
        Format::Human | Format::Compact | Format::Json | Format::Checkstyle => {
            unreachable!("formats that stream are written above")
        }
    }
}

/// A format that streams ([`Format::streams`]), written as files are checked: its start,
/// each file in order, then its end with the summary. The same bytes as [`write`].
pub struct Stream {
    format: Format,
    quiet: bool,
    handler: Option<miette::GraphicalReportHandler>,
    written: usize,
}

impl Stream {
    /// A writer of `format`, which must stream.
    pub fn new(format: Format, style: Style, quiet: bool) -> Self {
        assert!(format.streams(), "{} does not stream", format.name());
        Stream {
            format,
            quiet,
            handler: (format == Format::Human).then(|| human::handler(style)),
            written: 0,
        }
    }

    /// Writes what comes before the first file.
    pub fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            Format::Json => json::begin(out),
            Format::Checkstyle => checkstyle::begin(out),
            _ => Ok(()),
        }
    }

    /// Writes one file's findings.
    pub fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        match (self.format, &self.handler) {
            (Format::Human, Some(handler)) => human::write_file(handler, report, out),
            (Format::Compact, _) => compact::write_file(report, out),
            (Format::Json, _) => json::write_file(report, &mut self.written, out),
            (Format::Checkstyle, _) => checkstyle::write_file(report, out),
            _ => Ok(()),
        }
    }

    /// Writes what comes after the last file: the summary, where the format has one.
    pub fn end(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            Format::Json => json::end(self.written, summary, out),
            Format::Checkstyle => checkstyle::end(out),
            Format::Human | Format::Compact if !self.quiet => {
                writeln!(out, "{}", summary.line())
            }
            _ => Ok(()),
        }
    }
}

/// Counts per rule and severity, gathered file by file, for `--statistics`.
#[derive(Debug, Default)]
pub struct Statistics(std::collections::BTreeMap<(String, Severity), usize>);

impl Statistics {
    /// Counts one more file's findings.
    pub fn add(&mut self, report: &FileReport) {
        for finding in &report.findings {
            let key = (finding.rule.clone(), finding.severity);
            *self.0.entry(key).or_default() += 1;
        }
    }

    /// Writes the counts, most frequent first.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut rows: Vec<_> = self.0.iter().collect();
        rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for ((rule, severity), count) in rows {
            writeln!(out, "{count:>6}  {rule}  [{}]", severity.name())?;
        }
        Ok(())
    }
}

/// Counts per rule, most frequent first, for `--statistics`.
pub fn write_statistics(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let mut statistics = Statistics::default();
    for report in reports {
        statistics.add(report);
    }
    statistics.write(out)
}
