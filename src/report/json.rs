//! `json`: the stable, versioned format that tools and acceptance checks read. Field names
//! and meanings are a contract: `matched` is exactly the file's bytes at `span`.

use std::io::{self, Write};

use serde::Serialize;

use super::Summary;
use crate::check::RuleKind;
use crate::config::schema::Severity;
use crate::document::{Channel, Scope};
use crate::lint::FileReport;
use crate::span::Location;

/// The version of the JSON format; bumped on any incompatible change.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    diagnostics: Vec<Diagnostic<'a>>,
    summary: &'a Summary,
}

#[derive(Serialize)]
struct Fix<'a> {
    replacement: &'a str,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    path: &'a str,
    channel: Option<Channel>,
    scope: Option<Scope>,
    rule: &'a str,
    kind: RuleKind,
    severity: Severity,
    message: &'a str,
    matched: &'a str,
    span: Location,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<Fix<'a>>,
    help: Option<&'a str>,
    url: Option<&'a str>,
}

/// Writes the JSON format, pretty-printed, with a trailing newline.
pub fn write(reports: &[FileReport], summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    let diagnostics = reports
        .iter()
        .flat_map(|report| {
            report.findings.iter().map(move |finding| Diagnostic {
                path: &report.display_path,
                channel: report.channel,
                scope: finding.scope,
                rule: &finding.rule,
                kind: finding.kind,
                severity: finding.severity,
                message: &finding.message,
                matched: report.source.get(finding.span.clone()).unwrap_or(""),
                span: report
                    .lines
                    .locate(report.source.as_bytes(), finding.span.clone()),
                fix: finding
                    .fix
                    .as_deref()
                    .map(|replacement| Fix { replacement }),
                help: finding.help.as_deref(),
                url: finding.url.as_deref(),
            })
        })
        .collect();
    let output = Output {
        version: VERSION,
        diagnostics,
        summary,
    };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    writeln!(out)
}
