//! Editor integrations read the compact format: the VS Code problem matcher of
//! `editors/vscode/tasks.json` and the Vim compiler file `editors/vim/compiler/brandlint.vim`
//! are run on real output and must find every finding exactly where the JSON report of the
//! same files puts it, and nothing else.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

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

/// The Vim script that loads the compiler file, runs `:make` and writes, for every quickfix
/// entry, where `:cc` puts the cursor (file, line, byte column) with the entry's type and
/// text, as JSON.
const VIM_SCRIPT: &str = r#"
set encoding=utf-8
let &runtimepath = g:editors_vim . ',' . &runtimepath
compiler brandlint
silent make!
let s:rows = []
for s:i in range(1, len(getqflist()))
  execute 'silent cc' s:i
  let s:entry = getqflist()[s:i - 1]
  call add(s:rows, {'path': bufname('%'), 'line': line('.'), 'byte': col('.'),
        \ 'type': s:entry.type, 'text': s:entry.text, 'valid': s:entry.valid})
endfor
call writefile([json_encode(s:rows)], 'quickfix.json')
qall!
"#;

#[test]
fn vim_compiler_puts_the_cursor_on_every_finding() {
    let vim_runs = Command::new("vim")
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .is_ok_and(|out| out.status.success());
    if !vim_runs {
        common::missing_prerequisite("vim is not installed");
        return;
    }
    let dir = editor_site();
    std::fs::write(dir.path().join("quickfix.vim"), VIM_SCRIPT).unwrap();
    // `:make` runs `brandlint` from PATH: the binary under test.
    let binary_dir = Path::new(env!("CARGO_BIN_EXE_brandlint")).parent().unwrap();
    let mut path = vec![binary_dir.to_path_buf()];
    path.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let editors_vim = editor_file("vim").display().to_string();
    let status = Command::new("vim")
        .args(["-es", "-N", "-u", "NONE", "-i", "NONE", "-n"])
        .arg("--cmd")
        .arg(format!(
            "let g:editors_vim = '{}'",
            editors_vim.replace('\'', "''")
        ))
        .args(["-S", "quickfix.vim"])
        .current_dir(dir.path())
        .env("PATH", std::env::join_paths(path).unwrap())
        .env("SHELL", "/bin/sh")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("vim runs");
    assert!(status.success(), "vim ran the script: {status}");
    let rows: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("quickfix.json")).expect("the script wrote its rows"),
    )
    .unwrap();
    let rows = rows.as_array().unwrap();

    let expected = expected(dir.path(), &[]);
    assert_eq!(
        rows.len(),
        expected.len(),
        "one quickfix entry per finding, none for the summary: {rows:?}"
    );
    for (row, finding) in rows.iter().zip(&expected) {
        assert_eq!(row["valid"], 1, "{row}");
        assert_eq!(row["path"], finding.path.as_str(), "{row}");
        assert_eq!(row["line"], finding.line, "{row}");
        // The cursor lands on the finding's first byte.
        let source = std::fs::read_to_string(dir.path().join(&finding.path)).unwrap();
        let line = source.lines().nth(finding.line as usize - 1).unwrap();
        let byte = line
            .char_indices()
            .nth(finding.column as usize - 1)
            .map_or(line.len(), |(i, _)| i);
        assert_eq!(row["byte"], byte + 1, "{row} at {finding:?}");
        assert_eq!(row["type"], &finding.severity[..1], "{row}");
        assert_eq!(
            row["text"],
            format!("{} [{}]", finding.message, finding.rule),
            "{row}"
        );
    }
}
