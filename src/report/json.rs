//! `json`: the stable, versioned format that tools and acceptance checks read. Field names
//! and meanings are a contract: `matched` is exactly the file's bytes at `span`.

use std::io::{self, Write};

use serde::Serialize;

use super::{Reporter, Summary};
use crate::lint::{FileReport, LocatedFinding};
use crate::model::{Channel, FixSafety, RuleKind, Scope, Severity};
use crate::span::Location;

/// The version of the JSON format; bumped on any incompatible change.
pub const VERSION: u32 = 1;

/// A fix: its replacement, and `"safety": "unsafe"` when `--fix` applies it only with
/// `--unsafe-fixes` (a safe fix has no `safety`, as before unsafe fixes existed).
#[derive(Serialize)]
struct Fix<'a> {
    replacement: &'a str,
    #[serde(skip_serializing_if = "is_safe")]
    safety: FixSafety,
}

fn is_safe(safety: &FixSafety) -> bool {
    *safety == FixSafety::Safe
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
    /// The finding's other places, when one finding stands for a value repeated in the file.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    also_at: Vec<Location>,
}

/// The `json` reporter: one document, its diagnostics written a file at a time as each
/// comes, the summary at the end.
#[derive(Debug, Default)]
pub struct Json {
    /// The diagnostics written so far.
    written: usize,
}

impl Reporter for Json {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        begin(out)
    }

    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        write_file(report, &mut self.written, out)
    }

    fn end(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        end(self.written, summary, out)
    }
}

/// The document's fields as a JSON object in this order, pretty-printed with two spaces:
/// `version`, `diagnostics` (written a file at a time), then `summary`, and a trailing
/// newline.
fn begin(out: &mut dyn Write) -> io::Result<()> {
    write!(out, "{{\n  \"version\": {VERSION},\n  \"diagnostics\": [")
}

/// Writes one file's diagnostics; `written` counts the diagnostics so far.
fn write_file(report: &FileReport, written: &mut usize, out: &mut dyn Write) -> io::Result<()> {
    for LocatedFinding {
        finding,
        at,
        matched,
        also_at,
    } in report.located()
    {
        let diagnostic = Diagnostic {
            path: &report.display_path,
            channel: report.channel,
            scope: finding.scope,
            rule: &finding.rule,
            kind: finding.kind,
            severity: finding.severity,
            message: &finding.message,
            matched,
            span: at,
            fix: finding.fix.as_ref().map(|fix| Fix {
                replacement: &fix.replacement,
                safety: fix.safety,
            }),
            help: finding.help.as_deref(),
            url: finding.url.as_deref(),
            also_at,
        };
        out.write_all(if *written == 0 { b"\n    " } else { b",\n    " })?;
        write_indented(&diagnostic, "    ", out)?;
        *written += 1;
    }
    Ok(())
}

/// Closes the diagnostics, after `written` of them, and writes the summary.
fn end(written: usize, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(if written == 0 { b"]" } else { b"\n  ]" })?;
    out.write_all(b",\n  \"summary\": ")?;
    write_indented(summary, "  ", out)?;
    out.write_all(b"\n}\n")
}

/// A value pretty-printed as it stands inside the document: every line after the first
/// indented by `indent`, then two spaces a level, as `serde_json::to_vec_pretty` would
/// print it at the top.
pub(super) fn write_indented(
    value: &impl Serialize,
    indent: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut text = Vec::with_capacity(512);
    let formatter = Indented {
        indent: indent.as_bytes(),
        level: 0,
        has_value: false,
    };
    value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut text, formatter,
    ))?;
    out.write_all(&text)
}

/// serde_json's pretty format, written where it stands in a document: each line starts
/// with the indent of the value's place. Printed in one pass, where printing at the top
/// and indenting the lines after would copy every byte again.
struct Indented<'a> {
    indent: &'a [u8],
    level: usize,
    has_value: bool,
}

impl Indented<'_> {
    fn new_line<W: ?Sized + Write>(&self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b"\n")?;
        writer.write_all(self.indent)?;
        for _ in 0..self.level {
            writer.write_all(b"  ")?;
        }
        Ok(())
    }

    /// Opens an array or an object with its bracket, a level deeper.
    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    /// Closes an array or an object: its bracket on a line of its own unless it is empty.
    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.new_line(writer)?;
        }
        writer.write_all(bracket)
    }

    /// Starts an element or a key on a line of its own, after a comma unless it is the first.
    fn item<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if !first {
            writer.write_all(b",")?;
        }
        self.new_line(writer)
    }
}

impl serde_json::ser::Formatter for Indented<'_> {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Severity;
    use crate::model::{Finding, Fix as FindingFix};

    fn finding(span: std::ops::Range<usize>, fix: Option<&str>) -> Finding {
        Finding {
            url: Some("https://example.com/\"style\"".to_string()),
            ..Finding::new(
                "term/GitHub".into(),
                RuleKind::Term,
                Severity::Warning,
                span.into(),
                "Write \"GitHub\", not \"Github\"".to_string(),
            )
        }
        .in_scope(Scope::Paragraph)
        .with_fix(fix.map(FindingFix::safe))
    }

    fn unsafe_finding(span: std::ops::Range<usize>) -> Finding {
        let finding = finding(span, None);
        finding.with_fix(Some(FindingFix::new("GitHub", FixSafety::Unsafe)))
    }

    #[test]
    fn a_safe_fix_is_its_replacement_and_an_unsafe_one_says_so() {
        let source = "Github and Github";
        let report = FileReport::new(
            "a.md".to_string(),
            Some(Channel::Markdown),
            source.to_string(),
            vec![finding(0..6, Some("GitHub")), unsafe_finding(11..17)],
        );
        let value: serde_json::Value = serde_json::from_str(&streamed(&[report])).unwrap();
        let fixes: Vec<_> = (0..2).map(|i| &value["diagnostics"][i]["fix"]).collect();
        assert_eq!(*fixes[0], serde_json::json!({"replacement": "GitHub"}));
        assert_eq!(
            *fixes[1],
            serde_json::json!({"replacement": "GitHub", "safety": "unsafe"})
        );
        assert_eq!(value["summary"]["fixable"], 1);
        assert_eq!(value["summary"]["unsafe_fixable"], 1);
    }

    #[test]
    fn a_value_repeated_in_a_file_lists_its_other_places_and_a_single_one_does_not() {
        let source = "Github and\nGithub";
        let mut repeated = finding(0..6, None);
        repeated.also_at.push((11..17).into());
        let report = FileReport::new(
            "a.md".to_string(),
            Some(Channel::Markdown),
            source.to_string(),
            vec![repeated],
        );
        let value: serde_json::Value = serde_json::from_str(&streamed(&[report])).unwrap();
        assert_eq!(
            value["diagnostics"][0]["also_at"],
            serde_json::json!([{"start": 11, "end": 17, "line": 2, "column": 1, "end_line": 2, "end_column": 7}])
        );
        let single = FileReport::new(
            "a.md".to_string(),
            Some(Channel::Markdown),
            source.to_string(),
            vec![finding(0..6, None)],
        );
        let value: serde_json::Value = serde_json::from_str(&streamed(&[single])).unwrap();
        assert!(value["diagnostics"][0].get("also_at").is_none());
    }

    /// The document as one value, pretty-printed by serde_json: what the format promises.
    fn whole(reports: &[FileReport]) -> String {
        let diagnostics: Vec<serde_json::Value> = reports
            .iter()
            .flat_map(|report| {
                let mut one = Vec::new();
                write_file(report, &mut 0, &mut one).expect("written");
                let values: Vec<serde_json::Value> = if one.is_empty() {
                    Vec::new()
                } else {
                    let text = String::from_utf8(one).expect("UTF-8");
                    serde_json::from_str(&format!("[{}]", text.trim_start_matches(['\n', ','])))
                        .expect("diagnostics are JSON")
                };
                values
            })
            .collect();
        let document = serde_json::json!({
            "version": VERSION,
            "diagnostics": diagnostics,
            "summary": Summary::of(reports),
        });
        serde_json::to_string_pretty(&document).expect("serialized") + "\n"
    }

    fn streamed(reports: &[FileReport]) -> String {
        let mut out = Vec::new();
        let mut written = 0;
        begin(&mut out).expect("written");
        for report in reports {
            write_file(report, &mut written, &mut out).expect("written");
        }
        end(written, &Summary::of(reports), &mut out).expect("written");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn written_file_by_file_as_one_document() {
        let source = "Github and Github\nagain Github é";
        let report = |name: &str, findings| {
            FileReport::new(
                name.to_string(),
                Some(Channel::Markdown),
                source.to_string(),
                findings,
            )
        };
        let cases = [
            vec![],
            vec![report("clean.md", vec![])],
            vec![report("one.md", vec![finding(0..6, Some("GitHub"))])],
            vec![
                report(
                    "a.md",
                    vec![finding(0..6, None), finding(24..30, Some("GitHub"))],
                ),
                report("unsafe.md", vec![unsafe_finding(11..17)]),
                report("b.md", vec![]),
                report("c.md", vec![finding(11..17, None)]),
            ],
        ];
        for reports in cases {
            let streamed = streamed(&reports);
            assert_eq!(streamed, whole(&reports));
            serde_json::from_str::<serde_json::Value>(&streamed).expect("valid JSON");
        }
    }
}
