//! `vale-line` and `vale-json`: findings as Vale prints its alerts, so that pipelines built
//! on Vale's output (vale-action, reviewdog's `-efm`, editor plugins) keep working.
//!
//! - `vale-line` is `vale --output=line`: `path:line:column:Rule.Id:message`, one line per
//!   finding, the column in characters from 1, and nothing else (no summary).
//! - `vale-json` is `vale --output=JSON`: an object from each path with findings to its
//!   alerts, paths in order, each alert with Vale's fields (`Action`, `Span`, `Check`,
//!   `Description`, `Link`, `Message`, `Severity`, `Match`, `Line`) and two-space indents.
//!
//! Severities are Vale's names: `info` is `suggestion`. A fix is the action
//! `{"Name": "replace", "Params": [replacement]}`. As Vale does, a message's white space
//! runs are one space, so every line format stays one line a finding.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use super::{Reporter, Summary};
use crate::lint::{FileReport, LocatedFinding};
use crate::model::Severity;

/// The `vale-line` reporter: each file's lines as it comes.
#[derive(Debug, Default)]
pub struct ValeLine;

impl Reporter for ValeLine {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        for LocatedFinding { finding, at, .. } in report.located() {
            writeln!(
                out,
                "{}:{}:{}:{}:{}",
                one_line(&report.display_path),
                at.line,
                at.column,
                one_line(&finding.rule),
                one_line(&finding.message)
            )?;
        }
        Ok(())
    }

    fn end(&mut self, _summary: &Summary, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// The `vale-json` reporter: one object, a file's alerts written as the file comes.
#[derive(Debug, Default)]
pub struct ValeJson {
    /// Whether a file's alerts were written yet.
    any: bool,
}

/// A Vale alert's suggested fix.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Action<'a> {
    name: &'static str,
    params: Option<[&'a str; 1]>,
}

/// A Vale alert, its fields in Vale's order and with Vale's names.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Alert<'a> {
    action: Action<'a>,
    /// The first and last character columns of the match, from 1, on its first line.
    span: [usize; 2],
    check: &'a str,
    description: &'a str,
    link: &'a str,
    message: Cow<'a, str>,
    severity: &'static str,
    #[serde(rename = "Match")]
    matched: &'a str,
    line: usize,
}

impl Reporter for ValeJson {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"{")
    }

    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let alerts: Vec<Alert> = report.located().map(alert).collect();
        if alerts.is_empty() {
            return Ok(());
        }
        out.write_all(if self.any { b",\n  " } else { b"\n  " })?;
        self.any = true;
        serde_json::to_writer(&mut *out, &report.display_path)?;
        out.write_all(b": ")?;
        super::json::write_indented(&alerts, "  ", out)
    }

    fn end(&mut self, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.any { b"\n}\n" } else { b"}\n" })
    }
}

/// A finding as a Vale alert.
fn alert(located: LocatedFinding<'_>) -> Alert<'_> {
    let LocatedFinding {
        finding,
        at,
        matched,
        ..
    } = located;
    // The match's characters on its first line: Vale's span ends there.
    let first_line = matched.split('\n').next().unwrap_or_default();
    let last_column = at.column + first_line.chars().count().max(1) - 1;
    Alert {
        action: match &finding.fix {
            Some(fix) => Action {
                name: "replace",
                params: Some([fix.replacement.as_str()]),
            },
            None => Action {
                name: "",
                params: None,
            },
        },
        span: [at.column, last_column],
        check: &finding.rule,
        description: finding.help.as_deref().unwrap_or_default(),
        link: finding.url.as_deref().unwrap_or_default(),
        message: collapse_white_space(&finding.message),
        severity: vale_severity(finding.severity),
        matched,
        line: at.line,
    }
}

/// Vale's name of a severity.
fn vale_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "suggestion",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

/// Text with each run of white space one space, as Vale writes messages.
fn collapse_white_space(text: &str) -> Cow<'_, str> {
    let collapsed = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let has_run = text
        .as_bytes()
        .windows(2)
        .any(|pair| pair[0].is_ascii_whitespace() && pair[1].is_ascii_whitespace());
    if has_run || text.contains(|c: char| c.is_whitespace() && c != ' ') || text != text.trim() {
        Cow::Owned(collapsed(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// A field of a line: white space runs as one space, other control characters made
/// printable, so each finding stays one line.
fn one_line(text: &str) -> Cow<'_, str> {
    match collapse_white_space(text) {
        Cow::Borrowed(text) => crate::printable::printable(text),
        Cow::Owned(text) => Cow::Owned(crate::printable::printable(&text).into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Channel, Finding, Fix, RuleKind, Scope};

    fn report(path: &str, source: &str, findings: Vec<Finding>) -> FileReport {
        FileReport::new(
            path.to_string(),
            Some(Channel::Markdown),
            source.to_string(),
            findings,
        )
    }

    fn finding(span: std::ops::Range<usize>, severity: Severity, message: &str) -> Finding {
        Finding::new(
            "Acme.Terms".into(),
            RuleKind::Prefer,
            severity,
            span.into(),
            message.to_string(),
        )
        .in_scope(Scope::Paragraph)
    }

    fn written(reporter: &mut dyn Reporter, reports: &[FileReport]) -> String {
        let mut out = Vec::new();
        reporter.begin(&mut out).expect("written");
        for report in reports {
            reporter.file(report, &mut out).expect("written");
        }
        reporter
            .end(&Summary::of(reports), &mut out)
            .expect("written");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn a_line_is_path_line_character_column_rule_and_message_on_one_line() {
        let source = "Café\nüber Github\n";
        let github = source.find("Github").expect("there");
        let reports = [report(
            "docs/a.md",
            source,
            vec![finding(
                github..github + 6,
                Severity::Warning,
                "Use 'GitHub'\ninstead of  'Github'.",
            )],
        )];
        assert_eq!(
            written(&mut ValeLine, &reports),
            "docs/a.md:2:6:Acme.Terms:Use 'GitHub' instead of 'Github'.\n"
        );
    }

    #[test]
    fn json_maps_each_path_with_findings_to_vale_alerts() {
        let source = "a Github b\n";
        let fixed =
            finding(2..8, Severity::Info, "Use 'GitHub'.").with_fix(Some(Fix::safe("GitHub")));
        let plain = Finding {
            url: Some("https://example.com/terms".to_string()),
            help: Some("Names keep their case.".to_string()),
            ..finding(2..8, Severity::Error, "No.")
        };
        let reports = [
            report("a.md", source, vec![fixed]),
            report("b.md", "clean\n", vec![]),
            report("c.md", source, vec![plain]),
        ];
        let text = written(&mut ValeJson::default(), &reports);
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(
            value,
            serde_json::json!({
                "a.md": [{
                    "Action": {"Name": "replace", "Params": ["GitHub"]},
                    "Span": [3, 8],
                    "Check": "Acme.Terms",
                    "Description": "",
                    "Link": "",
                    "Message": "Use 'GitHub'.",
                    "Severity": "suggestion",
                    "Match": "Github",
                    "Line": 1
                }],
                "c.md": [{
                    "Action": {"Name": "", "Params": null},
                    "Span": [3, 8],
                    "Check": "Acme.Terms",
                    "Description": "Names keep their case.",
                    "Link": "https://example.com/terms",
                    "Message": "No.",
                    "Severity": "error",
                    "Match": "Github",
                    "Line": 1
                }]
            })
        );
        // Fields in Vale's order, indented by two spaces a level.
        assert!(text.starts_with("{\n  \"a.md\": [\n    {\n      \"Action\": {\n"));
        assert_eq!(written(&mut ValeJson::default(), &reports[1..2]), "{}\n");
    }
}
