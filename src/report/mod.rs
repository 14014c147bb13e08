//! Rendering findings: one module per output format, each with its [`Reporter`], all fed the
//! same reports in path order and the same summary ([`reporter`] picks one by [`Format`]).
//! The formats that need nothing from later files write each file as it comes; the others
//! keep findings, never file texts, until the end. `diff` writes `--diff` instead.
//! Line and column are computed here, from byte offsets, and nowhere else.

pub mod checkstyle;
pub mod compact;
pub mod diff;
pub mod github;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod vale;

use std::io::{self, Write};

use serde::Serialize;

use crate::lint::FileReport;
use crate::model::{RuleId, Severity};

/// Declares the output formats once: each variant with its name on the command line, its
/// doc, and how its [`Reporter`] is made from `style` and `quiet` (named by the caller, so
/// the constructors can use them).
macro_rules! formats {
    (|$style:ident, $quiet:ident| {
        $($(#[$doc:meta])* $variant:ident = $name:literal => $make:expr,)*
    }) => {
        /// The output formats, in the order documented.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Format {
            $($(#[$doc])* $variant,)*
        }

        impl Format {
            /// Every format, in the order documented.
            pub const ALL: &'static [Format] = &[$(Format::$variant,)*];

            /// The format's name on the command line.
            pub fn name(self) -> &'static str {
                match self {
                    $(Format::$variant => $name,)*
                }
            }
        }

        /// The reporter of `format`: in `style` (the human format), without the closing
        /// summary line and notes when `quiet`.
        pub fn reporter(format: Format, $style: Style, $quiet: bool) -> Box<dyn Reporter> {
            match format {
                $(Format::$variant => Box::new($make),)*
            }
        }
    };
}

formats!(|style, quiet| {
    /// miette reports with source snippets, for people.
    Human = "human" => human::Human::new(style, quiet),
    /// One line per finding, for editors and grep.
    Compact = "compact" => compact::Compact::new(quiet),
    /// Versioned JSON, for tools.
    Json = "json" => json::Json::default(),
    /// SARIF 2.1.0, for code scanning.
    Sarif = "sarif" => sarif::Sarif::default(),
    /// GitHub Actions workflow commands (annotations).
    Github = "github" => github::Github::new(quiet),
    /// Checkstyle XML, for reviewdog and CI tools.
    Checkstyle = "checkstyle" => checkstyle::Checkstyle,
    /// A Markdown summary table, for a CI job page.
    Markdown = "markdown" => markdown::Markdown::default(),
    /// Vale's line format (`vale --output=line`), for pipelines built on Vale.
    ValeLine = "vale-line" => vale::ValeLine,
    /// Vale's JSON (`vale --output=JSON`), for pipelines built on Vale.
    ValeJson = "vale-json" => vale::ValeJson::default(),
});

impl Format {
    /// Whether the output is a document for a program, which nothing may be appended to.
    pub fn is_document(self) -> bool {
        matches!(
            self,
            Format::Json | Format::Sarif | Format::Checkstyle | Format::ValeLine | Format::ValeJson
        )
    }
}

/// `--format` and `--report` take a format by its [`Format::name`], listed in the order
/// documented, with no help of their own beside the names.
impl clap::ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        Self::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.name()))
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
    /// Findings with a safe fix, which `--fix` applies.
    pub fixable: usize,
    /// Findings with an unsafe fix, which `--fix` applies only with `--unsafe-fixes`.
    #[serde(skip_serializing_if = "is_zero")]
    pub unsafe_fixable: usize,
    /// Findings `--fix` fixed.
    #[serde(skip_serializing_if = "is_zero")]
    pub fixed: usize,
    /// Findings not reported: below `--min-severity`, or not among the rules `--select` and
    /// `--ignore` choose.
    #[serde(skip_serializing_if = "is_zero")]
    pub hidden: usize,
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
            match &finding.fix {
                Some(fix) if fix.is_safe() => self.fixable += 1,
                Some(_) => self.unsafe_fixable += 1,
                None => {}
            }
        }
        self.fixed += report.fixed;
        self.hidden += report.hidden;
    }

    /// Writes the closing line, unless `quiet`.
    fn write_line(&self, quiet: bool, out: &mut dyn Write) -> io::Result<()> {
        if quiet {
            return Ok(());
        }
        writeln!(out, "{}", self.line())
    }

    /// The closing line: `3 errors, 5 warnings in 12 files (2 fixable with --fix)`, with the
    /// findings hidden before and the unsafe fixes held back after it (`, 3 more with
    /// --unsafe-fixes`); a run of no file says so.
    pub fn line(&self) -> String {
        fn count(n: usize, word: &str) -> String {
            format!("{n} {word}{}", if n == 1 { "" } else { "s" })
        }
        let mut parts = vec![count(self.errors, "error"), count(self.warnings, "warning")];
        if self.infos > 0 {
            parts.push(count(self.infos, "info"));
        }
        if self.files == 0 {
            return "no file was checked".to_string();
        }
        let mut line = format!("{} in {}", parts.join(", "), count(self.files, "file"));
        let mut notes = Vec::new();
        if self.hidden > 0 {
            notes.push(format!(
                "{} hidden by --min-severity, --select or --ignore",
                self.hidden
            ));
        }
        if self.fixed > 0 {
            notes.push(format!("{} fixed", self.fixed));
        }
        if self.fixable > 0 {
            notes.push(format!("{} fixable with --fix", self.fixable));
        }
        if self.unsafe_fixable > 0 {
            notes.push(if notes.is_empty() {
                format!("{} fixable with --fix --unsafe-fixes", self.unsafe_fixable)
            } else {
                format!("{} more with --unsafe-fixes", self.unsafe_fixable)
            });
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

/// A format's writer, fed one run's reports in order: [`Reporter::begin`] once, then
/// [`Reporter::file`] for each file as soon as the files before it are done, then
/// [`Reporter::end`] with the run's [`Summary`]. The caller owns the output and passes it
/// to every call; the reporter owns what the format needs across calls.
///
/// A format that needs nothing from later files (human, compact, json, checkstyle) writes
/// each file as it comes. One that groups or indexes findings across files (sarif, github,
/// markdown) keeps, of each file with findings, only its findings and their places
/// ([`FileReport::without_text`]), and writes everything at the end.
pub trait Reporter {
    /// Writes what comes before the first file.
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let _ = out;
        Ok(())
    }

    /// Takes one file's report: writes its findings, or keeps what the end will write.
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()>;

    /// Writes what comes after the last file: what was kept, and the summary where the
    /// format has one.
    fn end(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()>;
}

/// The reports a reporter keeps until the end of the run: those with findings, without
/// their text.
#[derive(Debug, Default)]
struct Kept(Vec<FileReport>);

impl Kept {
    /// Keeps `report`'s findings and their places, if it has any.
    fn keep(&mut self, report: &FileReport) {
        if !report.findings.is_empty() {
            self.0.push(report.without_text());
        }
    }
}

/// Counts per rule and severity, gathered file by file, for `--statistics`.
#[derive(Debug, Default)]
pub struct Statistics(std::collections::BTreeMap<(RuleId, Severity), usize>);

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_line_says_how_many_unsafe_fixes_were_held_back() {
        let summary = |fixable, unsafe_fixable, fixed| Summary {
            files: 1,
            warnings: 5,
            fixable,
            unsafe_fixable,
            fixed,
            ..Summary::default()
        };
        let line = |s: Summary| s.line();
        assert_eq!(
            line(summary(2, 0, 0)),
            "0 errors, 5 warnings in 1 file (2 fixable with --fix)"
        );
        assert_eq!(
            line(summary(2, 3, 0)),
            "0 errors, 5 warnings in 1 file (2 fixable with --fix, 3 more with --unsafe-fixes)"
        );
        assert_eq!(
            line(summary(0, 3, 0)),
            "0 errors, 5 warnings in 1 file (3 fixable with --fix --unsafe-fixes)"
        );
        assert_eq!(
            line(summary(0, 3, 4)),
            "0 errors, 5 warnings in 1 file (4 fixed, 3 more with --unsafe-fixes)"
        );
        assert_eq!(
            serde_json::to_string(&summary(2, 0, 0)).unwrap(),
            r#"{"files":1,"errors":0,"warnings":5,"infos":0,"fixable":2}"#
        );
    }
}
