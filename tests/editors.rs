//! Editor integrations read the compact format: the VS Code problem matcher of
//! `editors/vscode/tasks.json` is run on real output and must find every finding exactly
//! where the JSON report of the same files puts it, and nothing else.

mod common;

use std::path::{Path, PathBuf};

use common::{brandlint, json, site};

/// Rules whose findings stress a line-oriented parser: a message with colons and digits, a
/// message that quotes a regex with brackets, rule ids with a space and with brackets.
const RULES: &str = r#"
[[term]]
name = "GitHub"
severity = "error"

[[banned]]
phrases = ["synergy"]
message = "Hype: say what it does (rule 10:30: no buzzwords)"

[[prefer]]
use = "sign in"
instead_of = ["log in"]
severity = "info"

[[pattern]]
regex = "[0-9]+x faster"
"#;

/// A post in a folder and file named with spaces, with letters of two and three bytes
/// before a finding, so that character, byte and UTF-16 columns differ.
const SPACED: (&str, &str) = (
    "my posts/launch day.md",
    "# Notes\n\nCafé “déjà” — we love Github and synergy.\n\nLog in to go 10x faster.\n",
);

/// The content files of the site: the spaced post, and on Unix a page whose name holds a
/// colon and digits, as a file name can there.
fn content() -> Vec<(&'static str, &'static str)> {
    let mut files = vec![SPACED];
    if cfg!(unix) {
        files.push(("drafts/10:30 page.html", "<p>Our Github synergy.</p>\n"));
    }
    files
}

/// A finding as an editor should see it.
#[derive(Debug, PartialEq)]
struct Finding {
    path: String,
    line: u64,
    column: u64,
    severity: String,
    message: String,
    rule: String,
}

/// The findings of the JSON report of `check PATHS` in `dir`, the truth the editors' parsing
/// is held to.
fn expected(dir: &Path, paths: &[&str]) -> Vec<Finding> {
    let mut command = vec!["check", "--format", "json"];
    command.extend_from_slice(paths);
    let report = json(&brandlint(dir, &command, None));
    let findings: Vec<Finding> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| Finding {
            path: d["path"].as_str().unwrap().to_string(),
            line: d["span"]["line"].as_u64().unwrap(),
            column: d["span"]["column"].as_u64().unwrap(),
            severity: d["severity"].as_str().unwrap().to_string(),
            message: d["message"].as_str().unwrap().to_string(),
            rule: d["rule"].as_str().unwrap().to_string(),
        })
        .collect();
    assert!(findings.len() >= 4, "the site has findings: {findings:?}");
    findings
}

/// The site: the rules as `brandlint.toml` and the content files.
fn editor_site() -> tempfile::TempDir {
    let mut files = vec![("brandlint.toml", RULES)];
    files.extend(content());
    site(&files)
}

/// The repository's own copy of an editor file.
fn editor_file(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("editors")
        .join(relative)
}

/// Parses `stdout` with a VS Code problem matcher's `pattern`: the findings of the lines it
/// matches, and the lines it does not match.
fn vscode_parse(pattern: &serde_json::Value, stdout: &str) -> (Vec<Finding>, Vec<String>) {
    let regexp = pattern["regexp"].as_str().expect("pattern.regexp");
    let regex = regex::Regex::new(regexp).expect("the regexp compiles with the regex crate");
    let group = |name: &str| {
        pattern[name]
            .as_u64()
            .unwrap_or_else(|| panic!("pattern.{name} is a group number")) as usize
    };
    let mut findings = Vec::new();
    let mut unmatched = Vec::new();
    for line in stdout.lines() {
        let Some(captures) = regex.captures(line) else {
            unmatched.push(line.to_string());
            continue;
        };
        let text = |name: &str| captures[group(name)].to_string();
        findings.push(Finding {
            path: text("file"),
            line: text("line").parse().unwrap(),
            column: text("column").parse().unwrap(),
            severity: text("severity"),
            message: text("message"),
            rule: text("code"),
        });
    }
    (findings, unmatched)
}

#[test]
fn vscode_problem_matcher_captures_every_finding_and_nothing_else() {
    let text = std::fs::read_to_string(editor_file("vscode/tasks.json")).unwrap();
    let tasks: serde_json::Value = serde_json::from_str(&text).expect("tasks.json is JSON");
    let tasks = tasks["tasks"].as_array().expect("a tasks array");
    assert!(
        tasks.iter().any(|t| t["label"] == "brandlint"),
        "a task labelled brandlint"
    );
    let dir = editor_site();
    for task in tasks {
        let label = task["label"].as_str().unwrap();
        let matcher = &task["problemMatcher"];
        assert_eq!(matcher["owner"], "brandlint", "{label}");
        assert_eq!(
            matcher["fileLocation"],
            serde_json::json!(["relative", "${workspaceFolder}"]),
            "{label}"
        );
        assert_eq!(task["options"]["cwd"], "${workspaceFolder}", "{label}");
        assert_eq!(task["command"], "brandlint", "{label}");
        // The task's own arguments, with the file in the editor standing for
        // `${relativeFile}`.
        let args: Vec<&str> = task["args"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| match a.as_str().unwrap() {
                "${relativeFile}" => SPACED.0,
                other => other,
            })
            .collect();
        assert!(
            args.windows(2).any(|w| w == ["--format", "compact"]),
            "{label}: {args:?}"
        );
        let output = brandlint(dir.path(), &args, None);
        let stdout = String::from_utf8(output.stdout).unwrap();
        let (found, unmatched) = vscode_parse(&matcher["pattern"], &stdout);
        let paths: Vec<&str> = args.iter().copied().filter(|a| *a == SPACED.0).collect();
        assert_eq!(found, expected(dir.path(), &paths), "{label}:\n{stdout}");
        let summary = stdout.lines().last().unwrap();
        assert!(
            summary.contains(" in ") && summary.contains("error"),
            "{summary}"
        );
        assert_eq!(
            unmatched,
            [summary],
            "{label}: only the summary is left over"
        );
    }
}
