//! `sarif`: SARIF 2.1.0, the format GitHub code scanning and other static-analysis viewers
//! read. Every rule that has a finding is described in `tool.driver.rules` (its doc as help
//! text, the brand's help and url when the rules file gives them); each result points at its
//! region by line and column (counted in Unicode code points, as `columnKind` says) and by
//! byte offset, and carries its fix when it has a safe one.

use std::collections::HashMap;
use std::io::{self, Write};

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde_json::{json, Value};

use super::{Kept, Reporter, Summary};
use crate::lint::{FileReport, LocatedFinding};
use crate::model::{Finding, Severity};
use crate::span::Location;

/// The schema the output conforms to.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The characters a path segment keeps percent-encoded in a URI reference (RFC 3986: all but
/// the unreserved characters and the sub-delimiters that are safe in a path).
const PATH_SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The `sarif` reporter: the log indexes every rule before the first result, so it keeps
/// the findings of each file (not its text) and writes the log at the end.
#[derive(Debug, Default)]
pub struct Sarif {
    kept: Kept,
}

impl Reporter for Sarif {
    fn file(&mut self, report: &FileReport, _out: &mut dyn Write) -> io::Result<()> {
        self.kept.keep(report);
        Ok(())
    }

    fn end(&mut self, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        write(&self.kept.0, out)
    }
}

/// Writes one SARIF log with one run, pretty-printed, with a trailing newline. The rules
/// come first; the results are then written one at a time, so a run with a million
/// findings never holds them all as JSON.
fn write(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let mut rule_index: HashMap<&str, usize> = HashMap::new();
    let mut rules = Vec::new();
    for finding in reports.iter().flat_map(|report| &report.findings) {
        rule_index.entry(&finding.rule).or_insert_with(|| {
            rules.push(rule_descriptor(finding));
            rules.len() - 1
        });
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "brandlint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": [],
        }],
    });
    // The log with no results, pretty-printed, is cut where they go: `"results": []` is the
    // run's last member, and a string value can hold it only with its quotes escaped.
    let text = serde_json::to_string_pretty(&log)?;
    let (head, tail) = text
        .rsplit_once(RESULTS)
        .expect("the log has a results member");
    out.write_all(head.as_bytes())?;
    out.write_all(b"\"results\": [")?;
    let mut written = 0;
    for report in reports {
        let uri = artifact_uri(&report.display_path);
        for located in report.located() {
            let index = rule_index[located.finding.rule.as_str()];
            out.write_all(if written == 0 { b"\n" } else { b",\n" })?;
            out.write_all(RESULT_INDENT.as_bytes())?;
            super::json::write_indented(&result(&located, &uri, index), RESULT_INDENT, out)?;
            written += 1;
        }
    }
    if written > 0 {
        out.write_all(b"\n      ")?;
    }
    out.write_all(b"]")?;
    out.write_all(tail.as_bytes())?;
    writeln!(out)
}

/// The results member as pretty-printed when empty.
const RESULTS: &str = "\"results\": []";

/// How deep a result stands: in the results array, in the run, in the runs array.
const RESULT_INDENT: &str = "        ";

/// A rule as `reportingDescriptor`, from the first of its findings.
fn rule_descriptor(finding: &Finding) -> Value {
    let doc = crate::check::check_of(finding.kind, &finding.rule)
        .map_or_else(|| crate::check::doc(finding.kind), |(_, doc)| doc);
    let mut help = String::new();
    if let Some(brand_help) = &finding.help {
        help.push_str(brand_help);
        help.push_str("\n\n");
    }
    // SARIF's helpUri must be an absolute URI; any other link stays readable in the help.
    let help_uri = finding.url.as_deref().filter(|url| is_absolute_uri(url));
    if let Some(url) = finding.url.as_deref().filter(|_| help_uri.is_none()) {
        help.push_str(&format!("See: {url}\n\n"));
    }
    help.push_str(&doc);
    let mut rule = json!({
        "id": finding.rule,
        "shortDescription": {"text": first_paragraph(&doc)},
        "help": {"text": help, "markdown": help},
        "defaultConfiguration": {"level": level(finding.severity)},
        "properties": {"tags": [finding.kind.name()]},
    });
    if let Some(url) = help_uri {
        rule["helpUri"] = json!(url);
    }
    rule
}

/// Whether `text` is an absolute URI: a scheme (RFC 3986: a letter, then letters, digits,
/// `+`, `-` or `.`), a colon, and no white space or characters a URI never holds.
fn is_absolute_uri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut scheme_chars = scheme.chars();
    scheme_chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme_chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !rest.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}')
        })
}

/// One `result`.
fn result(located: &LocatedFinding<'_>, uri: &str, rule_index: usize) -> Value {
    let finding = located.finding;
    let region = region(located);
    let location = json!({"physicalLocation": {
        "artifactLocation": artifact_location(uri),
        "region": region,
    }});
    let mut result = json!({
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "kind": "fail",
        "level": level(finding.severity),
        "message": {"text": finding.message},
        "locations": [location],
    });
    // A value repeated in the file is one result; its other places are related locations.
    if !located.also_at.is_empty() {
        let related: Vec<Value> = located
            .also_at
            .iter()
            .enumerate()
            .map(|(id, at)| {
                json!({
                    "id": id + 1,
                    "physicalLocation": {
                        "artifactLocation": artifact_location(uri),
                        "region": location_region(at),
                    },
                })
            })
            .collect();
        result["relatedLocations"] = json!(related);
    }
    // Only safe fixes: SARIF has no way to say a fix may change meaning, and viewers apply
    // the fixes they are given.
    if let Some(fix) = finding.fix.as_ref().filter(|fix| fix.is_safe()) {
        let replacement = &fix.replacement;
        let mut deleted = region;
        if let Some(fields) = deleted.as_object_mut() {
            fields.remove("snippet");
        }
        result["fixes"] = json!([{
            "description": {"text": format!("Replace with \"{replacement}\"")},
            "artifactChanges": [{
                "artifactLocation": artifact_location(uri),
                "replacements": [{
                    "deletedRegion": deleted,
                    "insertedContent": {"text": replacement},
                }],
            }],
        }]);
    }
    result
}

/// The region of a finding: lines and columns, byte offsets, and the matched text.
fn region(&LocatedFinding { at, matched, .. }: &LocatedFinding<'_>) -> Value {
    let mut region = location_region(&at);
    if !matched.is_empty() {
        region["snippet"] = json!({"text": matched});
    }
    region
}

/// A region's lines and columns and byte offsets.
fn location_region(at: &Location) -> Value {
    json!({
        "startLine": at.line,
        "startColumn": at.column,
        "endLine": at.end_line,
        "endColumn": at.end_column,
        "byteOffset": at.start,
        "byteLength": at.end - at.start,
    })
}

fn artifact_location(uri: &str) -> Value {
    if uri.starts_with("file:") {
        json!({"uri": uri})
    } else {
        json!({"uri": uri, "uriBaseId": "%SRCROOT%"})
    }
}

/// A printed path as a URI reference: relative paths stay relative (to the folder brandlint
/// ran in), absolute ones become `file://` URIs; every segment is percent-encoded.
fn artifact_uri(display_path: &str) -> String {
    let path = display_path.replace('\\', "/");
    let encoded: Vec<String> = path
        .split('/')
        .map(|segment| utf8_percent_encode(segment, PATH_SEGMENT).to_string())
        .collect();
    let joined = encoded.join("/");
    if path.starts_with('/') {
        format!("file://{joined}")
    } else if path.as_bytes().get(1) == Some(&b':') {
        // A Windows drive path, `C:/…`.
        format!("file:///{joined}")
    } else {
        joined
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The first paragraph of a doc, on one line.
fn first_paragraph(doc: &str) -> String {
    doc.split("\n\n")
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Merges the SARIF logs of runs over parts of the files (`check --shard I/N`) into one log
/// with one run, as one run over all of them would write it: the rules of every log once
/// each, in the order first met, and every result with its `ruleIndex` pointing into them,
/// ordered by file and position. Each log must hold one run of brandlint.
pub fn merge(logs: &[Value]) -> Result<Value, String> {
    let mut rules: Vec<Value> = Vec::new();
    let mut index_of: HashMap<String, usize> = HashMap::new();
    let mut results: Vec<Value> = Vec::new();
    let mut first_run: Option<&Value> = None;
    for (number, log) in logs.iter().enumerate() {
        let which = || format!("log {}", number + 1);
        let runs = log["runs"]
            .as_array()
            .ok_or_else(|| format!("{}: no runs", which()))?;
        let [run] = runs.as_slice() else {
            return Err(format!("{}: {} runs, not one", which(), runs.len()));
        };
        if run["tool"]["driver"]["name"] != "brandlint" {
            return Err(format!("{}: not a brandlint run", which()));
        }
        first_run.get_or_insert(run);
        let own_rules = run["tool"]["driver"]["rules"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let mut renumber = Vec::with_capacity(own_rules.len());
        for rule in own_rules {
            let id = rule["id"].as_str().unwrap_or_default().to_string();
            let index = *index_of.entry(id).or_insert_with(|| {
                rules.push(rule);
                rules.len() - 1
            });
            renumber.push(index);
        }
        for result in run["results"].as_array().into_iter().flatten() {
            let mut result = result.clone();
            if let Some(old) = result["ruleIndex"].as_u64() {
                let new = usize::try_from(old)
                    .ok()
                    .and_then(|old| renumber.get(old))
                    .ok_or_else(|| {
                        format!("{}: a result's ruleIndex {old} has no rule", which())
                    })?;
                result["ruleIndex"] = json!(new);
            }
            results.push(result);
        }
    }
    let first = first_run.ok_or("no log to merge")?;
    let place = |result: &Value| {
        let location = &result["locations"][0]["physicalLocation"];
        (
            location["artifactLocation"]["uri"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            location["region"]["byteOffset"].as_u64().unwrap_or(0),
        )
    };
    results.sort_by_cached_key(place);
    let mut run = first.clone();
    run["tool"]["driver"]["rules"] = Value::Array(rules);
    run["results"] = Value::Array(results);
    Ok(json!({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RuleKind;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(artifact_uri("posts/a b#1.md"), "posts/a%20b%231.md");
        assert_eq!(artifact_uri("/tmp/x/é.md"), "file:///tmp/x/%C3%A9.md");
        assert_eq!(artifact_uri("C:\\site\\a.md"), "file:///C:/site/a.md");
    }

    #[test]
    fn only_absolute_uris_are_help_uris() {
        assert!(is_absolute_uri("https://brand.example/words#a"));
        assert!(is_absolute_uri("mailto:brand@example.com"));
        assert!(!is_absolute_uri("see the guide"));
        assert!(!is_absolute_uri("/guide/words"));
        assert!(!is_absolute_uri("https://a.example/x y"));
        assert!(!is_absolute_uri("1http://x"));
    }

    #[test]
    fn a_result_carries_a_safe_fix_and_never_an_unsafe_one() {
        use crate::model::{Finding, Fix, FixSafety, Severity};
        let report = |fix| {
            let finding = Finding::new(
                "prefer/use".into(),
                RuleKind::Prefer,
                Severity::Warning,
                (3..10).into(),
                "Use \"use\" instead of \"utilize\"".to_string(),
            )
            .with_fix(Some(fix));
            FileReport::new("a.md".into(), None, "We utilize it".into(), vec![finding])
        };
        let fixes = |report: FileReport| {
            let mut out = Vec::new();
            write(&[report], &mut out).unwrap();
            let log: Value = serde_json::from_slice(&out).unwrap();
            log["runs"][0]["results"][0].get("fixes").cloned()
        };
        assert!(fixes(report(Fix::safe("use"))).is_some());
        assert_eq!(fixes(report(Fix::new("use", FixSafety::Unsafe))), None);
    }

    #[test]
    fn a_value_repeated_in_a_file_gives_its_other_places_as_related_locations() {
        use crate::model::{Finding, Severity};
        let source = "<p style=\"color: #123\">a</p>\n<b style=\"color: #123\">b</b>";
        let mut finding = Finding::new(
            "visual/palette".into(),
            RuleKind::Visual,
            Severity::Warning,
            (17..21).into(),
            "\"#123\" is not a brand color (2 places in this file)".to_string(),
        );
        finding.also_at.push((46..50).into());
        let report = FileReport::new("a.html".into(), None, source.into(), vec![finding]);
        let mut out = Vec::new();
        write(&[report], &mut out).unwrap();
        let log: Value = serde_json::from_slice(&out).unwrap();
        let related = &log["runs"][0]["results"][0]["relatedLocations"];
        assert_eq!(related.as_array().map(Vec::len), Some(1));
        let region = &related[0]["physicalLocation"]["region"];
        assert_eq!(
            (region["startLine"].as_u64(), region["byteOffset"].as_u64()),
            (Some(2), Some(46))
        );
    }

    #[test]
    fn a_kind_doc_gives_a_one_line_description() {
        let doc = crate::check::doc(RuleKind::Term);
        let short = first_paragraph(&doc);
        assert!(short.starts_with("`term`: visual naming."), "{short}");
        assert!(!short.contains('\n'));
    }
}
