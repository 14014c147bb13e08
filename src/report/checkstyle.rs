//! `checkstyle`: Checkstyle XML, which reviewdog, Jenkins and other CI tools read. One
//! `<file>` per file checked, one `<error>` per finding, with the rule id as `source`.

use std::io::{self, Write};

use quick_xml::escape::escape;

use super::{Reporter, Summary};
use crate::lint::{FileReport, LocatedFinding};

/// The `checkstyle` reporter: the document's start, each file's element as it comes, the
/// document's end.
#[derive(Debug)]
pub struct Checkstyle;

impl Reporter for Checkstyle {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        begin(out)
    }

    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        write_file(report, out)
    }

    fn end(&mut self, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        end(out)
    }
}

/// Writes the document's start.
fn begin(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)
}

/// Writes one file's element.
fn write_file(report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        r#"  <file name="{}">"#,
        attribute(&report.display_path)
    )?;
    for LocatedFinding { finding, at, .. } in report.located() {
        writeln!(
            out,
            r#"    <error line="{}" column="{}" severity="{}" message="{}" source="{}"/>"#,
            at.line,
            at.column,
            finding.severity.name(),
            attribute(&finding.message),
            attribute(&finding.rule)
        )?;
    }
    writeln!(out, "  </file>")
}

/// Writes the document's end.
fn end(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "</checkstyle>")
}

/// Text as an XML attribute value: markup escaped, and the characters XML 1.0 cannot hold
/// at all (most control characters) replaced with U+FFFD.
fn attribute(text: &str) -> String {
    let allowed: String = text
        .chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect();
    // Line breaks in an attribute are normalised to spaces by XML readers unless encoded.
    escape(&allowed)
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_escaped_and_valid_xml() {
        assert_eq!(
            attribute("Write \"A&B\" <not> 'a'\u{1}\n"),
            "Write &quot;A&amp;B&quot; &lt;not&gt; &apos;a&apos;\u{FFFD}&#10;"
        );
    }
}
