//! Helpers shared by the integration tests: run the built binary in a folder.

#![allow(dead_code)] // each test crate uses its own subset

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `brandlint` with `args` in `dir`, feeding `stdin`, with colors off and a fixed width.
pub fn brandlint(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_brandlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "80")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().expect("stdin is piped");
    if let Some(bytes) = stdin {
        // The binary may exit without reading (a usage error): a closed pipe is fine.
        let _ = input.write_all(bytes);
    }
    drop(input);
    child.wait_with_output().expect("the binary finishes")
}

/// The JSON output of a run, parsed.
pub fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is JSON ({e}):\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// Asserts that every diagnostic's `matched` is exactly the file's bytes at its span, that
/// spans lie on character boundaries, and that line/column agree with the offsets.
pub fn assert_spans_exact(root: &Path, report: &serde_json::Value) -> usize {
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics array");
    let mut files: std::collections::HashMap<&str, Vec<u8>> = Default::default();
    for d in diagnostics {
        let path = d["path"].as_str().unwrap();
        let bytes = files
            .entry(path)
            .or_insert_with(|| std::fs::read(root.join(path)).unwrap());
        let start = d["span"]["start"].as_u64().unwrap() as usize;
        let end = d["span"]["end"].as_u64().unwrap() as usize;
        assert!(start <= end && end <= bytes.len(), "span in file: {d}");
        let text = std::str::from_utf8(bytes).expect("checked files are UTF-8");
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "boundaries: {d}"
        );
        assert_eq!(
            d["matched"].as_str().unwrap(),
            &text[start..end],
            "matched: {d}"
        );
        assert_line_and_column(text, &d["span"], d);
        // The other places of a finding that stands for a repeated value are exact too.
        for other in d["also_at"].as_array().into_iter().flatten() {
            let start = other["start"].as_u64().unwrap() as usize;
            let end = other["end"].as_u64().unwrap() as usize;
            assert!(start < end && end <= text.len(), "also_at in file: {d}");
            assert!(
                text.is_char_boundary(start) && text.is_char_boundary(end),
                "also_at boundaries: {d}"
            );
            assert_line_and_column(text, other, d);
        }
    }
    diagnostics.len()
}

/// Asserts that a JSON span's line and column are those of its start byte in `text`.
fn assert_line_and_column(text: &str, span: &serde_json::Value, d: &serde_json::Value) {
    let start = span["start"].as_u64().unwrap() as usize;
    let line = text[..start].matches('\n').count() + 1;
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..start]
        .trim_start_matches('\u{feff}')
        .chars()
        .count()
        + 1;
    assert_eq!(span["line"].as_u64().unwrap() as usize, line, "line: {d}");
    assert_eq!(
        span["column"].as_u64().unwrap() as usize,
        column,
        "column: {d}"
    );
}

/// Two string fields of every diagnostic, such as `("path", "rule")`, in output order.
pub fn pairs(report: &serde_json::Value, first: &str, second: &str) -> Vec<(String, String)> {
    let text = |d: &serde_json::Value, key: &str| match &d[key] {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    report["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| (text(d, first), text(d, second)))
        .collect()
}

/// Each diagnostic as (path, rule, line), in output order.
pub fn path_rule_line(report: &serde_json::Value) -> Vec<(String, String, u64)> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["span"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// A temporary folder holding `files`, each as (relative path, text).
pub fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// Runs `check --format json` (plus `args`) on a site made of `rules` as `brandlint.toml`
/// and `files`, asserts every span exact, and returns the diagnostics in order.
pub fn check_site(rules: &str, files: &[(&str, &str)], args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec![("brandlint.toml", rules)];
    all.extend_from_slice(files);
    let dir = site(&all);
    let mut command = vec!["check", "--format", "json"];
    command.extend_from_slice(args);
    let report = json(&brandlint(dir.path(), &command, None));
    assert_spans_exact(dir.path(), &report);
    report["diagnostics"].as_array().unwrap().clone()
}

/// The environment variable under which every prerequisite of a test must be present: the
/// material beside the repository (`../shared`, the corpora) and the programs some tests
/// drive (groff, vim, shellcheck, Python for pre-commit). CI sets it and installs them, so a
/// test that needs one fails there instead of skipping; a fresh clone without them skips.
pub const REQUIRE_ALL: &str = "BRANDLINT_REQUIRE_ALL";

/// Says a test is skipped because `reason` (a missing prerequisite), or fails it when
/// [`REQUIRE_ALL`] says nothing may be missing.
pub fn missing_prerequisite(reason: &str) {
    assert!(
        std::env::var_os(REQUIRE_ALL).is_none(),
        "{reason}, and {REQUIRE_ALL} says every prerequisite must be there"
    );
    eprintln!("skipping: {reason}");
}

/// `../shared/<relative>` beside the repository, when present; `None` (the test skips)
/// when absent, unless [`REQUIRE_ALL`] is set, which makes its absence a failure.
pub fn shared(relative: &str) -> Option<std::path::PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(relative);
    if path.exists() {
        return Some(path);
    }
    missing_prerequisite(&format!("{} is not beside the repository", path.display()));
    None
}
