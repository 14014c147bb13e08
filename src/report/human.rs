//! `human`: one miette report per finding, with the source snippet, a label under the exact
//! span and the help, then the summary line. Colors only when asked for.
//!
//! What a file or a rules file holds reaches a terminal here, so no control character of
//! theirs is printed (an escape sequence could retitle the window or hide text): the
//! snippets show each one as `?`, byte for byte so every offset holds, and names, rule ids,
//! messages and help are made [`super::printable`].

use std::fmt;
use std::io::{self, Write};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::{Reporter, Style, Summary};
use crate::lint::FileReport;
use crate::model::{Finding, Severity};
use crate::printable::{printable, printable_source};
use crate::span::LineIndex;

/// A file's text under its printed name, borrowed rather than copied per finding.
struct FileSource<'a> {
    name: &'a str,
    /// The text as shown ([`printable_source`]): the same bytes but control characters.
    text: &'a str,
    /// The text as it is, which columns are counted in.
    source: &'a str,
    lines: &'a LineIndex,
}

/// Lines longer than this many bytes around a finding are shown as a window on it.
const LONG_LINE: usize = 400;
/// Bytes shown on each side of a finding in a long line.
const WINDOW: usize = 80;

impl FileSource<'_> {
    /// The bytes of a finding's line to show: the whole line when it is short, else up to
    /// [`WINDOW`] bytes on each side of the finding, on character boundaries. The second
    /// value says whether the line was cut. Looks no further than [`LONG_LINE`] bytes either
    /// way, so each finding costs the same however long its line is (a minified page, a
    /// single-line export).
    fn line_window(&self, start: usize, end: usize) -> ((usize, usize), bool) {
        let bytes = self.text.as_bytes();
        let (start, end) = (start.min(bytes.len()), end.min(bytes.len()));
        let back = start.saturating_sub(LONG_LINE);
        let line_start = bytes[back..start]
            .iter()
            .rposition(|&b| b == b'\n')
            .map(|i| back + i + 1);
        let ahead = (end + LONG_LINE).min(bytes.len());
        let line_end = bytes[end..ahead]
            .iter()
            .position(|&b| b == b'\n')
            .map(|i| end + i);
        let starts = line_start.or((back == 0).then_some(0));
        let ends = line_end.or((ahead == bytes.len()).then_some(ahead));
        if let (Some(from), Some(to)) = (starts, ends) {
            return ((from, to), false);
        }
        let mut from = start.saturating_sub(WINDOW).max(line_start.unwrap_or(0));
        while !self.text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = (end + WINDOW).min(line_end.unwrap_or(bytes.len()));
        while !self.text.is_char_boundary(to) {
            to += 1;
        }
        ((from, to), true)
    }

    /// The contents of one line, or part of one, from byte `from` to `to`.
    fn one_line<'a>(
        &'a self,
        from: usize,
        to: usize,
        header_column: Option<usize>,
    ) -> Box<dyn SpanContents<'a> + 'a> {
        let (line, column) = self.lines.line_column(self.source.as_bytes(), from);
        Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            &self.text.as_bytes()[from..to],
            SourceSpan::from(from..to),
            line - 1,
            header_column.unwrap_or(column - 1),
            1,
        ))
    }
}

impl SourceCode for FileSource<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // miette counts columns in bytes; people count characters, as every other format
        // does. Only the read without context lines gives the header its position.
        let header = context_lines_before == 0 && context_lines_after == 0;
        let (_, column) = self
            .lines
            .line_column(self.source.as_bytes(), span.offset());
        let header_column = header.then_some(column - 1);
        let ((from, to), cut) = self.line_window(span.offset(), span.offset() + span.len());
        if cut {
            return Ok(self.one_line(from, to, header_column));
        }
        // miette finds lines by reading from the start of the text it is given: given the
        // whole file, each finding would cost the length of the text before it, and a file
        // dense with findings would take quadratic time. It is given the finding's lines,
        // and one more after them so that it stops where it would in the whole file.
        let (first_line, window) = self.lines.lines_around(
            self.text.as_bytes(),
            span.offset()..span.offset() + span.len(),
            context_lines_before,
            context_lines_after.saturating_add(1),
        );
        let lines = &self.text.as_bytes()[window.clone()];
        let inner = lines.read_span(
            &SourceSpan::from((span.offset() - window.start, span.len())),
            context_lines_before,
            context_lines_after,
        )?;
        if inner.data().len() > 2 * LONG_LINE {
            // A long line around a short one: show the finding's line alone.
            return Ok(self.one_line(from, to, header_column));
        }
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            SourceSpan::from((inner.span().offset() + window.start, inner.span().len())),
            inner.line() + first_line,
            header_column.unwrap_or(inner.column()),
            inner.line_count() + first_line,
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
        f.write_str(&printable(&self.finding.message))
    }
}

impl std::error::Error for Report<'_> {}

impl Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(printable(&self.finding.rule)))
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
            (Some(fix), Some(help)) => format!("{help}\n{fix}"),
            (Some(fix), None) => fix.to_string(),
            (None, Some(help)) => help.clone(),
            (None, None) => return None,
        };
        Some(Box::new(printable(&text).into_owned()))
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.finding
            .url
            .as_ref()
            .map(|u| Box::new(printable(u)) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = &self.finding.span;
        let label = match self.finding.kind {
            crate::model::RuleKind::Io | crate::model::RuleKind::Limits => "here".to_string(),
            _ => printable(&self.finding.rule).into_owned(),
        };
        // A value repeated in the file is one finding: its other places are labelled too.
        let also = self
            .finding
            .also_at
            .iter()
            .map(|at| LabeledSpan::new(Some("also here".to_string()), at.start, at.len()));
        Some(Box::new(
            std::iter::once(LabeledSpan::new(Some(label), span.start, span.len())).chain(also),
        ))
    }
}

/// The `human` reporter: each file's reports as it comes, then the summary line unless
/// quiet. It shows the text around each finding, so the reports it is given must keep
/// their text.
pub struct Human {
    handler: GraphicalReportHandler,
    quiet: bool,
}

impl Human {
    /// A reporter in `style`, which leaves out the summary line when `quiet`.
    pub fn new(style: Style, quiet: bool) -> Self {
        Human {
            handler: handler(style),
            quiet,
        }
    }
}

impl Reporter for Human {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        write_file(&self.handler, report, out)
    }

    fn end(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        summary.write_line(self.quiet, out)
    }
}

/// What renders the findings, in the style asked for.
fn handler(style: Style) -> GraphicalReportHandler {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
}

/// The most findings of one file shown as reports. A person reads the first ones; hundreds
/// of thousands of snippets help no one and make the output as large as the file many
/// times over. The findings past it are counted on one line (and in the summary); the
/// machine formats list them all.
pub const MAX_SHOWN_PER_FILE: usize = 100;

/// Writes one file's findings: the first [`MAX_SHOWN_PER_FILE`], then how many more.
fn write_file(
    handler: &GraphicalReportHandler,
    report: &FileReport,
    out: &mut dyn Write,
) -> io::Result<()> {
    let name = printable(&report.display_path);
    let text = printable_source(&report.source);
    for finding in report.findings.iter().take(MAX_SHOWN_PER_FILE) {
        let diagnostic = Report {
            finding,
            source: FileSource {
                name: &name,
                text: &text,
                source: &report.source,
                lines: &report.lines,
            },
        };
        let mut rendered = String::new();
        handler
            .render_report(&mut rendered, &diagnostic)
            .map_err(io::Error::other)?;
        writeln!(out, "{rendered}")?;
    }
    let more = report.findings.len().saturating_sub(MAX_SHOWN_PER_FILE);
    if more > 0 {
        writeln!(
            out,
            "{name}: {more} more finding{} not shown (the first {MAX_SHOWN_PER_FILE} are); \
             `--format compact` or `--format json` lists them all\n",
            if more == 1 { "" } else { "s" },
        )?;
    }
    Ok(())
}
