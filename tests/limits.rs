//! The run budgets (`[limits]` and the `--max-*` flags): each one hit and not hit, the
//! command line over the rules file, and a deterministic cut whatever the number of jobs.

mod common;

use common::{brandlint, json, site};

const RULES: &str = "[[term]]\nname = \"GitHub\"\n";

fn lines(n: usize) -> String {
    "Github\n".repeat(n)
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// (rule, line) of every diagnostic.
fn rules_and_lines(report: &serde_json::Value) -> Vec<(String, u64)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["span"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn expected(rule: &str, lines: impl IntoIterator<Item = u64>) -> Vec<(String, u64)> {
    lines.into_iter().map(|l| (rule.to_string(), l)).collect()
}

#[test]
fn a_file_past_its_budget_reports_its_first_findings_and_how_many_more() {
    let dir = site(&[("brandlint.toml", RULES), ("a.md", &lines(30))]);
    let output = brandlint(
        dir.path(),
        &["check", "--format", "json", "--max-findings-per-file", "5"],
        None,
    );
    assert_eq!(output.status.code(), Some(2));
    let report = json(&output);
    let mut want = expected("limits/findings-per-file", [1]);
    want.extend(expected("term/GitHub", 1..=5));
    assert_eq!(rules_and_lines(&report), want);
    let cut = &report["diagnostics"][0];
    assert_eq!(cut["severity"], "error");
    assert_eq!(cut["kind"], "limits");
    assert_eq!(
        cut["message"],
        "25 more findings in this file are not reported: the budget is 5 findings per file"
    );
    assert_eq!(
        cut["help"],
        "raise it with `--max-findings-per-file N` or `findings_per_file = ...` in the rules \
         file's [limits] (0 for no limit)"
    );
    assert_eq!(report["summary"]["errors"], 1);
    assert_eq!(report["summary"]["warnings"], 5);
    assert_eq!(
        stderr(&output),
        "brandlint: error: budget exceeded: findings_per_file: 1 file had more than 5 \
         findings; the first ones are reported; raise it with `--max-findings-per-file N` or \
         `findings_per_file = ...` in the rules file's [limits] (0 for no limit)\n"
    );
}

#[test]
fn a_file_within_its_budget_is_reported_whole() {
    let dir = site(&[("brandlint.toml", RULES), ("a.md", &lines(5))]);
    let output = brandlint(
        dir.path(),
        &["check", "--format", "json", "--max-findings-per-file", "5"],
        None,
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        rules_and_lines(&json(&output)),
        expected("term/GitHub", 1..=5)
    );
    assert_eq!(stderr(&output), "");
}

#[test]
fn the_default_per_file_budget_is_a_thousand_and_zero_lifts_it() {
    let dir = site(&[("brandlint.toml", RULES), ("a.md", &lines(1200))]);
    let output = brandlint(dir.path(), &["check", "--format", "json"], None);
    assert_eq!(output.status.code(), Some(2));
    let report = json(&output);
    assert_eq!(report["diagnostics"].as_array().unwrap().len(), 1001);
    assert_eq!(
        report["diagnostics"][0]["message"],
        "200 more findings in this file are not reported: the budget is 1000 findings per file"
    );
    let unlimited = brandlint(
        dir.path(),
        &["check", "--format", "json", "--max-findings-per-file", "0"],
        None,
    );
    assert_eq!(unlimited.status.code(), Some(0));
    assert_eq!(json(&unlimited)["summary"]["warnings"], 1200);
}

#[test]
fn the_command_line_wins_over_the_rules_file() {
    let rules = format!("{RULES}[limits]\nfindings_per_file = 3\n");
    let dir = site(&[("brandlint.toml", &rules), ("a.md", &lines(10))]);
    let from_file = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    assert_eq!(from_file["summary"]["warnings"], 3);
    let from_flag = json(&brandlint(
        dir.path(),
        &["check", "--format", "json", "--max-findings-per-file", "4"],
        None,
    ));
    assert_eq!(from_flag["summary"]["warnings"], 4);
    let lifted = brandlint(
        dir.path(),
        &["check", "--format", "json", "--max-findings-per-file", "0"],
        None,
    );
    assert_eq!(lifted.status.code(), Some(0));
    assert_eq!(json(&lifted)["summary"]["warnings"], 10);
}

#[test]
fn the_run_budget_cuts_in_path_order_the_same_with_any_number_of_jobs() {
    let files: Vec<(String, String)> = (0..40).map(|i| (format!("f{i:02}.md"), lines(4))).collect();
    let mut all = vec![("brandlint.toml", RULES)];
    all.extend(files.iter().map(|(p, t)| (p.as_str(), t.as_str())));
    let dir = site(&all);
    let run = |jobs: &str| {
        brandlint(
            dir.path(),
            &[
                "check",
                "--format",
                "json",
                "--max-findings",
                "10",
                "--jobs",
                jobs,
            ],
            None,
        )
    };
    let one = run("1");
    let two = run("2");
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.status.code(), Some(2));
    assert_eq!(two.status.code(), Some(2));
    let report = json(&one);
    let found: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut want = Vec::new();
    for path in ["f00.md", "f01.md"] {
        want.extend((0..4).map(|_| (path.to_string(), "term/GitHub".to_string())));
    }
    want.push(("f02.md".to_string(), "limits/findings".to_string()));
    want.extend((0..2).map(|_| ("f02.md".to_string(), "term/GitHub".to_string())));
    assert_eq!(found, want);
    assert_eq!(
        report["diagnostics"][8]["message"],
        "the run's budget of 10 findings ran out in this file: 2 more findings here, and \
         every finding of the files after it, are not reported"
    );
    assert_eq!(report["summary"]["files"], 40);
    assert_eq!(
        stderr(&one),
        "brandlint: error: budget exceeded: findings: the run had more than 10 findings; the \
         first 10 in path order are reported; raise it with `--max-findings N` or \
         `findings = ...` in the rules file's [limits] (0 for no limit)\n"
    );
    // Streamed to people, the same cut.
    let compact = brandlint(
        dir.path(),
        &[
            "check",
            "--format",
            "compact",
            "--max-findings",
            "10",
            "--jobs",
            "2",
        ],
        None,
    );
    assert_eq!(compact.status.code(), Some(2));
    let text = String::from_utf8(compact.stdout).unwrap();
    assert_eq!(text.lines().count(), 12, "{text}");
    assert!(text.ends_with("1 error, 10 warnings in 40 files (10 fixable with --fix)\n"));
}

#[test]
fn a_run_within_its_budget_is_reported_whole() {
    let dir = site(&[
        ("brandlint.toml", RULES),
        ("a.md", &lines(4)),
        ("b.md", &lines(4)),
    ]);
    let output = brandlint(
        dir.path(),
        &["check", "--format", "json", "--max-findings", "8"],
        None,
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(json(&output)["summary"]["warnings"], 8);
    assert_eq!(stderr(&output), "");
}

#[test]
fn output_stops_at_its_budget_and_every_report_file_has_its_own() {
    let dir = site(&[("brandlint.toml", RULES), ("a.md", &lines(50))]);
    let output = brandlint(
        dir.path(),
        &[
            "check",
            "--format",
            "compact",
            "--max-output-size",
            "100",
            "--report",
            "json=out.json",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(output.stdout.len(), 100);
    assert_eq!(
        std::fs::metadata(dir.path().join("out.json"))
            .unwrap()
            .len(),
        100
    );
    assert_eq!(
        stderr(&output),
        "brandlint: error: budget exceeded: output_size: writing standard output stopped at \
         100 bytes, the limit; raise it with `--max-output-size SIZE` or `output_size = ...` \
         in the rules file's [limits] (0 for no limit)\n\
         brandlint: error: budget exceeded: output_size: writing the json report to out.json \
         stopped at 100 bytes, the limit; raise it with `--max-output-size SIZE` or \
         `output_size = ...` in the rules file's [limits] (0 for no limit)\n"
    );
    let rules = format!("{RULES}[limits]\noutput_size = \"1 KiB\"\n");
    let dir = site(&[("brandlint.toml", &rules), ("a.md", &lines(50))]);
    let from_file = brandlint(dir.path(), &["check", "--format", "compact"], None);
    assert_eq!(from_file.status.code(), Some(2));
    assert_eq!(from_file.stdout.len(), 1024);
    let within = brandlint(
        dir.path(),
        &["check", "--format", "compact", "--max-output-size", "1MB"],
        None,
    );
    assert_eq!(within.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(within.stdout).unwrap().lines().count(),
        51
    );
}

#[test]
fn a_rules_file_of_too_many_rules_is_refused_at_the_rule_past_the_budget() {
    let rules = "[limits]\nrules = 2\n\n[[term]]\nname = \"GitHub\"\n\n[[banned]]\nphrases = [\"synergy\", \"leverage\"]\n";
    let dir = site(&[("brandlint.toml", rules), ("a.md", "Github\n")]);
    let output = brandlint(dir.path(), &["check", "--format", "json"], None);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.contains("/brandlint.toml:8:23]"), "{text}");
    assert!(text.contains("the `rules` budget runs out here"), "{text}");
    assert!(
        text.ends_with(
            "brandlint: error: budget exceeded: rules: 3 rules, more than 2; this is rule 3 \
             (each phrase of a [[banned]] table is a rule); raise it with `--max-rules N` or \
             `rules = ...` in the rules file's [limits] (0 for no limit)\n"
        ),
        "{text}"
    );
    let raised = brandlint(
        dir.path(),
        &["check", "--format", "json", "--max-rules", "3"],
        None,
    );
    assert_eq!(raised.status.code(), Some(0));
    assert_eq!(json(&raised)["summary"]["warnings"], 1);
}

#[test]
fn many_patterns_share_one_regex_budget() {
    let patterns: String = (0..3)
        .map(|i| format!("[[pattern]]\nid = \"p{i}\"\nregex = \"!!+\"\n\n"))
        .collect();
    // Each pattern counts its two lazy DFA caches, 256 KiB each: two fit in 1.5 MB.
    let rules = format!("[limits]\nregex_size = \"1.5MB\"\n\n{patterns}");
    let dir = site(&[("brandlint.toml", &rules), ("a.md", "Wow!!\n")]);
    let output = brandlint(dir.path(), &["check", "--format", "json"], None);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.contains("/brandlint.toml:14:9]"), "{text}");
    assert!(
        text.ends_with(
            "brandlint: error: budget exceeded: regex_size: the regexes up to this one need \
             more than 1500000 bytes; raise it with `--max-regex-size SIZE` or \
             `regex_size = ...` in the rules file's [limits] (0 for no limit)\n"
        ),
        "{text}"
    );
    let raised = brandlint(
        dir.path(),
        &["check", "--format", "json", "--max-regex-size", "2MiB"],
        None,
    );
    assert_eq!(raised.status.code(), Some(0));
    assert_eq!(json(&raised)["summary"]["warnings"], 3);
}

#[test]
fn heavy_patterns_are_refused_at_load_with_the_default_budget() {
    let patterns: String = (0..200)
        .map(|i| format!("[[pattern]]\nid = \"p{i}\"\nregex = '\\w{{60}}x'\n"))
        .collect();
    let dir = site(&[("brandlint.toml", &patterns), ("a.md", "a\n")]);
    let output = brandlint(dir.path(), &["check", "--format", "json"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let text = stderr(&output);
    assert!(
        text.contains("brandlint: error: budget exceeded: regex_size: the regexes up to this one need more than 268435456 bytes"),
        "{text}"
    );
}

#[test]
fn the_limits_table_is_strict() {
    let dir = site(&[
        ("brandlint.toml", "[limits]\noutput_sise = 3\n"),
        ("a.md", "a\n"),
    ]);
    let output = brandlint(dir.path(), &["check"], None);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.contains("unknown field `output_sise`"), "{text}");
    assert!(text.contains("did you mean `output_size`?"), "{text}");
    let dir = site(&[
        ("brandlint.toml", "[limits]\noutput_size = \"lots\"\n"),
        ("a.md", "a\n"),
    ]);
    let output = brandlint(dir.path(), &["check"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("invalid size `lots`"),
        "{}",
        stderr(&output)
    );
}
