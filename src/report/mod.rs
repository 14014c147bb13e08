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
        let mut summary = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for finding in reports.iter().flat_map(|r| &r.findings) {
            match finding.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
            summary.fixable += usize::from(finding.fix.is_some());
        }
        summary.fixed = reports.iter().map(|r| r.fixed).sum();
        summary
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
    match format {
        Format::Human => human::write(reports, summary, style, quiet, out),
        Format::Compact => compact::write(reports, summary, quiet, out),
        Format::Json => json::write(reports, summary, out),
        Format::Sarif => sarif::write(reports, out),
        Format::Github => github::write(reports, summary, quiet, out),
        Format::Checkstyle => checkstyle::write(reports, out),
        Format::Markdown => markdown::write(reports, summary, out),
    }
}

/// Counts per rule, most frequent first, for `--statistics`.
pub fn write_statistics(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let mut counts: std::collections::BTreeMap<(&str, Severity), usize> = Default::default();
    for finding in reports.iter().flat_map(|r| &r.findings) {
        *counts.entry((&finding.rule, finding.severity)).or_default() += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for ((rule, severity), count) in rows {
        writeln!(out, "{count:>6}  {rule}  [{}]", severity.name())?;
    }
    Ok(())
}
