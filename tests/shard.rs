//! `check --shard I/N` and `merge-sarif`: the parts of a run together report exactly what one
//! run reports, on the fixtures and on a real corpus, and their SARIF logs merge into the
//! log of one run.

mod common;

use std::path::Path;

use common::brandlint;
use serde_json::Value;

/// The diagnostics of a JSON check in `dir` with `args`, sorted.
fn diagnostics(dir: &Path, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["check", "--format", "json"];
    all.extend(args);
    let output = brandlint(dir, &all, None);
    let mut found = common::json(&output)["diagnostics"]
        .as_array()
        .unwrap()
        .clone();
    found.sort_by_key(|d| d.to_string());
    found
}

/// Asserts that `parts` shards of a check in `dir` with `args` report, together and each
/// file once, what one run does; returns how many findings that is.
fn assert_shards_add_up(dir: &Path, args: &[&str], parts: usize) -> usize {
    let whole = diagnostics(dir, args);
    let mut together = Vec::new();
    let mut files_per_part = Vec::new();
    for part in 1..=parts {
        let shard = format!("{part}/{parts}");
        let mut with_shard = args.to_vec();
        with_shard.extend(["--shard", &shard]);
        let found = diagnostics(dir, &with_shard);
        let mut files: Vec<&str> = found.iter().map(|d| d["path"].as_str().unwrap()).collect();
        files.dedup();
        files_per_part.push(files.iter().map(|f| f.to_string()).collect::<Vec<_>>());
        together.extend(found);
    }
    together.sort_by_key(|d| d.to_string());
    assert_eq!(together.len(), whole.len());
    assert!(together == whole, "the shards differ from one run");
    // No file is in two parts.
    let mut all_files: Vec<String> = files_per_part.concat();
    let count = all_files.len();
    all_files.sort();
    all_files.dedup();
    assert_eq!(all_files.len(), count, "a file is in two parts");
    whole.len()
}

#[test]
fn shards_of_the_fixtures_report_what_one_run_does() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for parts in [1, 2, 3, 5] {
        assert!(assert_shards_add_up(&fixtures, &[], parts) > 100);
    }
}

#[test]
fn shards_of_a_real_corpus_report_what_one_run_does() {
    let Some(corpora) = common::shared("corpora") else {
        return;
    };
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/examples/acme.toml");
    let rules = rules.to_str().unwrap();
    let args = [
        "--rules",
        rules,
        "md-rust-blog",
        "html-serde",
        "email-postmark",
        "email-mailchimp-blueprints",
    ];
    let findings = assert_shards_add_up(&corpora, &args, 4);
    eprintln!("four shards of the four corpora: {findings} findings, as one run");
}

#[test]
fn the_sarif_logs_of_shards_merge_into_the_log_of_one_run() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let out = tempfile::tempdir().unwrap();
    let sarif = |name: &str, extra: &[&str]| {
        let path = out.path().join(name);
        let report = format!("sarif={}", path.display());
        let mut args = vec!["check", "--format", "compact", "--report", &report];
        args.extend(extra);
        brandlint(&fixtures, &args, None);
        path
    };
    let whole = sarif("whole.sarif", &[]);
    let parts: Vec<_> = (1..=3)
        .map(|i| sarif(&format!("{i}.sarif"), &["--shard", &format!("{i}/3")]))
        .collect();
    let merged_path = out.path().join("merged.sarif");
    let mut args = vec!["merge-sarif", "-o", merged_path.to_str().unwrap()];
    args.extend(parts.iter().map(|p| p.to_str().unwrap()));
    let output = brandlint(&fixtures, &args, None);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let read =
        |path: &Path| -> Value { serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap() };
    let (whole, merged) = (read(&whole), read(&merged_path));
    // Each result names the same rule through its index, and the results are the same.
    let resolved = |log: &Value| {
        let run = &log["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        let mut ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
        let results: Vec<Value> = run["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let index = r["ruleIndex"].as_u64().unwrap() as usize;
                assert_eq!(r["ruleId"], rules[index]["id"]);
                let mut r = r.clone();
                r.as_object_mut().unwrap().remove("ruleIndex");
                r
            })
            .collect();
        ids.sort();
        (
            ids.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            results,
        )
    };
    assert_eq!(resolved(&merged), resolved(&whole));
    assert!(!resolved(&whole).1.is_empty());
    // Not a brandlint log, or not JSON: a usage error naming the file.
    let bogus = out.path().join("bogus.sarif");
    std::fs::write(&bogus, "{\"runs\": []}").unwrap();
    let output = brandlint(&fixtures, &["merge-sarif", bogus.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(2));
}
