//! `human`: one miette report per finding, with the source snippet, a label under the exact
//! span and the help, then the summary line. Colors only when asked for.

use std::fmt;
use std::io::{self, Write};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::{Style, Summary};
use crate::check::Finding;
use crate::config::schema::Severity;
use crate::lint::FileReport;

/// A file's text under its printed name, borrowed rather than copied per finding.
struct FileSource<'a> {
    name: &'a str,
    text: &'a str,
}

impl SourceCode for FileSource<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        // miette counts the column of the header in bytes; people count characters. Only
        // the read without context lines gives the header its position.
        let column = if context_lines_before == 0 && context_lines_after == 0 {
            let offset = span.offset().min(self.text.len());
            let line_start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
            self.text
                .get(line_start..offset)
                .map_or(inner.column(), |prefix| {
                    prefix.trim_start_matches('\u{feff}').chars().count()
                })
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

/// A finding as miette sees it.
struct Report<'a> {
    finding: &'a Finding,
    source: FileSource<'a>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Report")
            .field("finding", self.finding)
            .finish()
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for Report<'_> {}

impl Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let finding = self.finding;
        let text = match (&finding.fix, &finding.help) {
            (Some(fix), Some(help)) => format!("{help}\nfix: replace with \"{fix}\""),
            (Some(fix), None) => format!("fix: replace with \"{fix}\""),
            (None, Some(help)) => help.clone(),
            (None, None) => return None,
        };
        Some(Box::new(text))
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.finding
            .url
            .as_ref()
            .map(|u| Box::new(u) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = &self.finding.span;
        let label = match self.finding.kind {
            crate::check::RuleKind::Io => "here".to_string(),
            _ => self.finding.rule.clone(),
        };
        Some(Box::new(std::iter::once(LabeledSpan::new(
            Some(label),
            span.start,
            span.len(),
        ))))
    }
}

/// Writes the human format.
pub fn write(
    reports: &[FileReport],
    summary: &Summary,
    style: Style,
    quiet: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    for report in reports {
        for finding in &report.findings {
            let diagnostic = Report {
                finding,
                source: FileSource {
                    name: &report.display_path,
                    text: &report.source,
                },
            };
            let mut rendered = String::new();
            handler
                .render_report(&mut rendered, &diagnostic)
                .map_err(io::Error::other)?;
            writeln!(out, "{rendered}")?;
        }
    }
    if !quiet {
        writeln!(out, "{}", summary.line())?;
    }
    Ok(())
}
