//! The command line as users meet it: exit codes, the JSON contract, rules discovery and
//! errors, standard input, and unreadable files.

mod common;

use std::fs;
use std::path::Path;

use common::{assert_spans_exact, brandlint, json, pairs, site};

const RULES: &str = r#"
[[term]]
name = "GitHub"
severity = "error"

[[banned]]
phrases = ["synergy"]

[[prefer]]
use = "sign in"
instead_of = ["log in"]
severity = "info"
"#;

/// Expected pairs as owned strings, to compare with [`pairs`].
fn owned(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn json_output_keeps_the_documented_contract() {
    let dir = site(&[
        ("brandlint.toml", RULES),
        ("posts/launch.md", "# Hi\n\nWe love Github.\n"),
    ]);
    let out = brandlint(dir.path(), &["check", "--format", "json"], None);
    assert_eq!(out.status.code(), Some(1), "an error finding fails the run");
    let report = json(&out);
    assert_eq!(
        report,
        serde_json::json!({
            "version": 1,
            "diagnostics": [{
                "path": "posts/launch.md", "channel": "markdown", "scope": "paragraph",
                "rule": "term/GitHub", "kind": "term", "severity": "error",
                "message": "Write \"GitHub\", not \"Github\"",
                "matched": "Github",
                "span": {"start": 14, "end": 20, "line": 3, "column": 9, "end_line": 3, "end_column": 15},
                "fix": {"replacement": "GitHub"},
                "help": null, "url": null
            }],
            "summary": {"files": 1, "errors": 1, "warnings": 0, "infos": 0, "fixable": 1}
        })
    );
}

#[test]
fn warnings_pass_unless_over_the_maximum() {
    let dir = site(&[("brandlint.toml", RULES), ("a.md", "Pure synergy.\n")]);
    assert_eq!(
        brandlint(dir.path(), &["check"], None).status.code(),
        Some(0)
    );
    let over = brandlint(dir.path(), &["check", "--max-warnings", "0"], None);
    assert_eq!(over.status.code(), Some(1));
    let within = brandlint(dir.path(), &["check", "--max-warnings", "1"], None);
    assert_eq!(within.status.code(), Some(0));
}

#[test]
fn min_severity_drops_lower_findings_from_output_and_counts() {
    let dir = site(&[("brandlint.toml", RULES), ("a.md", "Log in for synergy.\n")]);
    let all = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    assert_eq!(all["summary"]["infos"], 1);
    assert_eq!(all["summary"]["warnings"], 1);
    let warnings = json(&brandlint(
        dir.path(),
        &["check", "--format", "json", "--min-severity", "warning"],
        None,
    ));
    let rules: Vec<_> = warnings["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(rules, ["banned/synergy"]);
    assert_eq!(warnings["summary"]["infos"], 0);
    // The summary says how many it hid, in JSON only when some were.
    assert_eq!(warnings["summary"]["hidden"], 1);
    assert!(all["summary"].get("hidden").is_none());
    let compact = brandlint(
        dir.path(),
        &["check", "--format", "compact", "--min-severity", "error"],
        None,
    );
    let text = String::from_utf8_lossy(&compact.stdout);
    assert!(
        text.ends_with(
            "0 errors, 0 warnings in 1 file (2 hidden by --min-severity, --select or --ignore)\n"
        ),
        "{text}"
    );
}

#[test]
fn select_and_ignore_choose_the_rules_reported() {
    let dir = site(&[
        ("brandlint.toml", RULES),
        ("a.md", "Log in to Github for synergy.\n"),
    ]);
    let rules = |args: &[&str]| {
        let mut all = vec!["check", "--format", "json"];
        all.extend(args);
        let report = json(&brandlint(dir.path(), &all, None));
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        rules(&[]),
        ["prefer/sign in", "term/GitHub", "banned/synergy"]
    );
    assert_eq!(rules(&["--select", "term"]), ["term/GitHub"]);
    assert_eq!(
        rules(&["--select", "term,banned/synergy"]),
        ["term/GitHub", "banned/synergy"]
    );
    assert_eq!(
        rules(&["--select", "term", "--select", "prefer/sign*"]),
        ["prefer/sign in", "term/GitHub"]
    );
    assert_eq!(
        rules(&["--ignore", "term/GitHub", "--ignore", "prefer"]),
        ["banned/synergy"]
    );
    assert_eq!(
        rules(&["--select", "term", "--ignore", "term"]),
        Vec::<String>::new()
    );
    // The exit code follows what is reported: the error is ignored, so the run passes.
    let output = brandlint(dir.path(), &["check", "--ignore", "term"], None);
    assert_eq!(output.status.code(), Some(0));
    let output = brandlint(dir.path(), &["check", "--select", "terms"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("`terms` is no kind"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_file_too_large_to_read_fails_the_run_whatever_is_selected() {
    let big = "Plain words. ".repeat(10_000);
    let dir = site(&[("brandlint.toml", RULES), ("big.md", &big)]);
    for extra in [&[][..], &["--select", "term"], &["--min-severity", "error"]] {
        let mut args = vec!["check", "--max-file-size", "10KB"];
        args.extend(extra);
        let out = brandlint(dir.path(), &args, None);
        assert_eq!(out.status.code(), Some(1), "{extra:?}: {}", stderr(&out));
        assert!(String::from_utf8_lossy(&out.stdout).contains("io/too-large"));
    }
}

#[test]
fn compact_format_is_one_line_per_finding() {
    let dir = site(&[("brandlint.toml", RULES), ("a.md", "é Github\n")]);
    let out = brandlint(dir.path(), &["check", "--format", "compact"], None);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut lines = stdout.lines();
    assert_eq!(
        lines.next(),
        Some("a.md:1:3: error: Write \"GitHub\", not \"Github\" [term/GitHub]")
    );
    assert_eq!(
        lines.next(),
        Some("1 error, 0 warnings in 1 file (1 fixable with --fix)")
    );
}

#[test]
fn quiet_prints_findings_only() {
    let dir = site(&[("a.md", "Truly world-class.\n")]);
    let out = brandlint(
        dir.path(),
        &["check", "--format", "compact", "--quiet"],
        None,
    );
    assert_eq!(stderr(&out), "", "no notice about the default pack");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
}

#[test]
fn the_default_pack_is_announced_once_when_no_rules_file_is_found() {
    let dir = site(&[("a.md", "Truly world-class.\n"), ("b/c.md", "Synergy.\n")]);
    let out = brandlint(dir.path(), &["check", "--format", "json"], None);
    let err = stderr(&out);
    assert_eq!(
        err.matches("built-in rules/default.toml").count(),
        1,
        "{err}"
    );
    let report = json(&out);
    assert_eq!(report["summary"]["files"], 2);
    assert!(report["diagnostics"][0]["rule"]
        .as_str()
        .unwrap()
        .starts_with("banned/"));
}

#[test]
fn nested_rules_files_govern_their_subtree() {
    let dir = site(&[
        ("brandlint.toml", RULES),
        ("a.md", "Github\n"),
        ("docs/.brandlint.toml", "[[term]]\nname = \"DocsHub\"\n"),
        ("docs/b.md", "Github and docshub\n"),
    ]);
    let report = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    assert_eq!(
        pairs(&report, "path", "rule"),
        owned(&[("a.md", "term/GitHub"), ("docs/b.md", "term/DocsHub")])
    );
}

#[test]
fn extends_merges_in_order_and_later_rules_win() {
    let dir = site(&[
        ("packs/base.toml", "[defaults]\nseverity = \"error\"\n\n[[banned]]\nphrases = [\"synergy\", \"leverage\"]\n"),
        (
            "brandlint.toml",
            "[brand]\nname = \"Acme\"\nextends = [\"packs/base.toml\"]\n\n[[banned]]\nid = \"banned/leverage\"\nphrases = [\"leverage\"]\nseverity = \"info\"\n",
        ),
        ("a.md", "Synergy and leverage.\n"),
    ]);
    let report = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    assert_eq!(
        pairs(&report, "rule", "severity"),
        owned(&[("banned/synergy", "error"), ("banned/leverage", "info")])
    );
}

#[test]
fn files_ignore_and_gitignore_are_honoured_unless_no_ignore() {
    let dir = site(&[
        ("brandlint.toml", "[files]\nignore = [\"vendor/**\", \"CHANGELOG.md\"]\n\n[[banned]]\nphrases = [\"synergy\"]\n"),
        (".gitignore", "build/\n"),
        ("vendor/x.md", "synergy\n"),
        ("CHANGELOG.md", "synergy\n"),
        ("build/y.md", "synergy\n"),
        ("post.md", "synergy\n"),
    ]);
    let report = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    assert_eq!(report["summary"]["files"], 1);
    let all = json(&brandlint(
        dir.path(),
        &["check", "--format", "json", "--no-ignore"],
        None,
    ));
    assert_eq!(all["summary"]["files"], 4);
}

#[test]
fn legal_boilerplate_is_skipped_when_walked_and_checked_when_named() {
    let dir = site(&[
        ("brandlint.toml", "[[banned]]\nphrases = [\"synergy\"]\n"),
        ("LICENSE.md", "synergy\n"),
        ("docs/LICENSE-MIT.md", "synergy\n"),
        ("docs/copying.txt.md", "synergy\n"),
        ("Notice.html", "<p>synergy</p>\n"),
        ("licensed-fonts.md", "synergy\n"),
        ("post.md", "synergy\n"),
    ]);
    let paths = |report: &serde_json::Value| -> Vec<String> {
        let mut paths: Vec<String> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["path"].as_str().unwrap().to_string())
            .collect();
        paths.dedup();
        paths
    };
    let walked = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    assert_eq!(paths(&walked), ["licensed-fonts.md", "post.md"]);
    let named = json(&brandlint(
        dir.path(),
        &["check", "--format", "json", "LICENSE.md", "docs"],
        None,
    ));
    assert_eq!(paths(&named), ["LICENSE.md"]);
    let all = json(&brandlint(
        dir.path(),
        &["check", "--format", "json", "--no-ignore"],
        None,
    ));
    assert_eq!(all["summary"]["files"], 6);
}

#[test]
fn explicitly_named_files_of_no_channel_are_reported_and_walked_ones_skipped() {
    let dir = site(&[
        ("brandlint.toml", RULES),
        ("notes.xyz", "Github\n"),
        ("a.md", "ok\n"),
    ]);
    let walked = brandlint(dir.path(), &["check"], None);
    assert!(!stderr(&walked).contains("notes.xyz"));
    let named = brandlint(dir.path(), &["check", "notes.xyz"], None);
    assert!(
        stderr(&named).contains("notes.xyz: skipped"),
        "{}",
        stderr(&named)
    );
    assert_eq!(named.status.code(), Some(0));
}

#[test]
fn unreadable_and_non_utf8_files_are_findings_and_the_run_goes_on() {
    let dir = site(&[("brandlint.toml", RULES), ("good.md", "Github\n")]);
    fs::write(dir.path().join("latin1.md"), b"caf\xe9 Github\n").unwrap();
    let out = brandlint(
        dir.path(),
        &["check", "--format", "json", ".", "missing.md"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    let found: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap(),
                d["rule"].as_str().unwrap(),
                d["span"]["start"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("good.md", "term/GitHub", 0),
            ("latin1.md", "io/encoding", 3),
            ("missing.md", "io/read", 0)
        ]
    );
}

#[test]
fn standard_input_needs_a_name_and_uses_its_rules() {
    let dir = site(&[("brandlint.toml", RULES)]);
    let nameless = brandlint(dir.path(), &["check", "-"], Some(b"Github"));
    assert_eq!(nameless.status.code(), Some(2));
    assert!(stderr(&nameless).contains("--stdin-filename"));
    let out = brandlint(
        dir.path(),
        &[
            "check",
            "-",
            "--stdin-filename",
            "posts/new.md",
            "--format",
            "json",
        ],
        Some(b"Hello Github"),
    );
    let report = json(&out);
    assert_eq!(report["diagnostics"][0]["path"], "posts/new.md");
    assert_eq!(report["diagnostics"][0]["matched"], "Github");
    // A name and no path read standard input too (as ruff does), not the whole folder.
    let dir = site(&[
        ("brandlint.toml", RULES),
        ("other.md", "Github elsewhere.\n"),
    ]);
    let out = brandlint(
        dir.path(),
        &["check", "--stdin-filename", "new.md", "--format", "json"],
        Some(b"Hello Github"),
    );
    let report = json(&out);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{report}");
    assert_eq!(diagnostics[0]["path"], "new.md");
}

#[test]
fn spans_are_exact_through_markup_entities_crlf_and_a_bom() {
    let text = "\u{feff}# Über Github\r\n\r\nAT&amp;T, **Git**hub and Github&#8217;s\r\nlog\r\nin here 🦀 Github\r\n";
    let dir = site(&[("brandlint.toml", RULES), ("a.md", text)]);
    let report = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    let matched: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["matched"].as_str().unwrap(), d.get("fix").is_some()))
        .collect();
    assert_eq!(
        matched,
        [
            ("Github", true),
            ("Git**hub", false),
            ("Github", true),
            ("log\r\nin", false),
            ("Github", true)
        ]
    );
    assert_eq!(assert_spans_exact(dir.path(), &report), 5);
}

#[test]
fn code_urls_and_template_tags_are_never_checked() {
    let text = "Use `Github` or\n\n```\nGithub\n```\n\nSee https://Github.com/x, <https://github.com>, \
                mail me@github.com, @github, ./github/x.md and {{ github }}.\n\n    Github indented\n";
    let dir = site(&[("brandlint.toml", RULES), ("a.md", text)]);
    let out = brandlint(dir.path(), &["check", "--format", "json"], None);
    assert_eq!(json(&out)["diagnostics"], serde_json::json!([]));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn disable_comments_switch_rules_off_by_id_or_kind() {
    let text = "Github one.\n\n<!-- brandlint-disable term/GitHub -->\n\nGithub and synergy.\n\n\
                <!-- brandlint-enable -->\n\nGithub again.\n\n<!-- brandlint-disable-next-line banned -->\n\
                synergy hidden\nsynergy shown\n\n<!-- brandlint-disable -->\n\nGithub synergy\n";
    let dir = site(&[("brandlint.toml", RULES), ("a.md", text)]);
    let report = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    let found: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["span"]["line"].as_u64().unwrap(),
                d["rule"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (1, "term/GitHub"),
            (5, "banned/synergy"),
            (9, "term/GitHub"),
            (13, "banned/synergy")
        ]
    );
}

/// (line, rule) of each finding of a JSON check of the site in `dir`, with `args`.
fn lines_and_rules(dir: &Path, args: &[&str]) -> Vec<(u64, String)> {
    let mut all = vec!["check", "--format", "json"];
    all.extend(args);
    let report = json(&brandlint(dir, &all, None));
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["span"]["line"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn same_line_and_whole_file_comments_work_in_every_comment_syntax() {
    let line = |comment: &str| format!("Github here. {comment}\nGithub there.\n");
    let dir = site(&[
        ("brandlint.toml", RULES),
        ("a.md", &line("<!-- brandlint-disable-line term/GitHub -->")),
        ("b.html", &line("<!-- brandlint-disable-line -->")),
        ("c.hbs", &line("{{!-- brandlint-disable-line term --}}")),
        ("d.hbs", &line("{# brandlint-disable-line term/GitHub #}")),
        ("e.mdx", &line("{/* brandlint-disable-line term/GitHub */}")),
        (
            "f.md",
            "Github synergy.\n\n<!-- brandlint-disable-file term -->\n\nGithub.\n",
        ),
        (
            "g.hbs",
            "<p>Github synergy.</p>\n{# brandlint-disable-file #}\n",
        ),
    ]);
    let found = lines_and_rules(dir.path(), &[]);
    let term = "term/GitHub".to_string();
    // Each of a.md to e.mdx: only the line after the comment's.
    let mut expected: Vec<(u64, String)> = vec![(2, term.clone()); 5];
    expected.push((1, "banned/synergy".to_string()));
    assert_eq!(found, expected);
}

#[test]
fn a_comment_naming_an_unknown_rule_is_a_finding_with_the_closest_id() {
    let text = "<!-- brandlint-disable-next-line term/Github, banned -->\nGithub synergy.\n\n\
                <!-- brandlint-disable termz -->\n";
    let dir = site(&[("brandlint.toml", RULES), ("a.md", text)]);
    let out = brandlint(dir.path(), &["check", "--format", "json"], None);
    let report = json(&out);
    let found: Vec<(u64, &str, &str)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["span"]["line"].as_u64().unwrap(),
                d["rule"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                1,
                "suppress/unknown-rule",
                "no rule `term/Github`; did you mean `term/GitHub`?"
            ),
            (2, "term/GitHub", "Write \"GitHub\", not \"Github\""),
            (
                4,
                "suppress/unknown-rule",
                "no rule `termz`; did you mean `term`?"
            ),
        ]
    );
}

#[test]
fn unused_disable_comments_are_reported_when_asked() {
    let text = "<!-- brandlint-disable-next-line term -->\nNothing here.\n\n\
                <!-- brandlint-disable-next-line banned -->\nsynergy\n\n\
                <!-- brandlint-disable term -->\nAll fine.\n<!-- brandlint-enable term -->\n";
    let dir = site(&[("brandlint.toml", RULES), ("a.md", text)]);
    assert_eq!(
        lines_and_rules(dir.path(), &[]),
        Vec::<(u64, String)>::new()
    );
    assert_eq!(
        lines_and_rules(dir.path(), &["--report-unused-disables"]),
        [
            (1, "suppress/unused".to_string()),
            (7, "suppress/unused".to_string())
        ]
    );
}

#[test]
fn every_broken_table_of_a_rules_file_is_reported_in_one_run() {
    let rules = "[[pattern]]\nid = \"a\"\nregex = \"(foo\"\n\n[[pattern]]\nid = \"b\"\n\
                 regex = \"[z-a]\"\n\n[[term]]\nname = \"X\"\nfiles = [\"[a\"]\n";
    let dir = site(&[("brandlint.toml", rules), ("a.md", "x\n")]);
    let out = brandlint(dir.path(), &["check"], None);
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    // In reading order, each at its place, a regex's error saying what is wrong and where.
    let unclosed = text.find("invalid regex: unclosed group (and 2 more");
    let range = text.find("invalid regex: invalid character class range");
    let glob = text.find("invalid glob: unclosed character class");
    assert!(
        unclosed < range && range < glob && unclosed.is_some(),
        "{text}"
    );
    assert!(text.contains("brandlint.toml:7:9"), "{text}");
    assert!(text.contains("in the pattern:"), "{text}");
    assert!(!text.contains("pattern 0"), "{text}");
}

#[test]
fn rules_file_errors_point_into_the_toml_with_a_suggestion() {
    let dir = site(&[
        ("brandlint.toml", "[brand]\nnaem = \"Acme\"\n"),
        ("a.md", "x\n"),
    ]);
    let out = brandlint(dir.path(), &["check"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("unknown field `naem`"), "{err}");
    assert!(
        err.contains("brandlint.toml:2:1"),
        "line and column shown: {err}"
    );
    assert!(err.contains("did you mean `name`?"), "{err}");
}

#[test]
fn bad_values_regexes_and_missing_extends_are_usage_errors() {
    let cases = [
        ("[[term]]\nname = 5\n", "invalid type", "brandlint.toml:2:8"),
        (
            "[defaults]\nseverity = \"warn\"\n",
            "did you mean `warning`?",
            "brandlint.toml:2:12",
        ),
        (
            "[[pattern]]\nregex = \"(unclosed\"\n",
            "invalid regex",
            "brandlint.toml:2:9",
        ),
        (
            "[brand]\nextends = [\"nope.toml\"]\n",
            "does not exist",
            "brandlint.toml:2:12",
        ),
        (
            "[[banned]]\nphrases = [\"x\"]\nscopes = [\"paragrap\"]\n",
            "did you mean `paragraph`?",
            "brandlint.toml:3:11",
        ),
        (
            "[[term]]\nname = \"X\"\nfiles = [\"a/[\"]\n",
            "invalid glob",
            "brandlint.toml:3:10",
        ),
        ("not toml at all", "brandlint.toml", "brandlint.toml:1:"),
    ];
    for (rules, needle, position) in cases {
        let dir = site(&[("brandlint.toml", rules), ("a.md", "x\n")]);
        let out = brandlint(dir.path(), &["check"], None);
        assert_eq!(out.status.code(), Some(2), "{rules}");
        let err = stderr(&out);
        assert!(err.contains(needle), "{rules}: {err}");
        assert!(err.contains(position), "{rules}: {err}");
    }
}

#[test]
fn an_extends_cycle_is_refused() {
    let dir = site(&[
        ("brandlint.toml", "[brand]\nextends = [\"b.toml\"]\n"),
        ("b.toml", "[brand]\nextends = [\"brandlint.toml\"]\n"),
        ("a.md", "x\n"),
    ]);
    let out = brandlint(dir.path(), &["check"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cycle"), "{}", stderr(&out));
}

#[test]
fn rules_verify_runs_examples_and_fails_on_a_broken_one() {
    let good = "[[banned]]\nphrases = [\"synergy\"]\nexamples = { flag = [\"Pure synergy.\"], pass = [\"Teamwork.\"] }\n";
    let dir = site(&[("brandlint.toml", good)]);
    let out = brandlint(dir.path(), &["rules", "--verify"], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 examples, 2 passed, 0 failed"));

    let bad = good.replace("Teamwork.", "More synergy.");
    fs::write(dir.path().join("brandlint.toml"), bad).unwrap();
    let out = brandlint(dir.path(), &["rules", "--verify"], None);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("FAILED banned/synergy: should pass: \"More synergy.\""),
        "{stdout}"
    );
}

#[test]
fn rules_lists_ids_severities_and_kinds() {
    let dir = site(&[("brandlint.toml", RULES)]);
    let out = brandlint(dir.path(), &["rules"], None);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("3 rules from "), "{stdout}");
    assert!(stdout.contains("term/GitHub     error    term"), "{stdout}");
    assert!(
        stdout.contains("prefer/sign in  info     prefer"),
        "{stdout}"
    );
}

#[test]
fn explain_prints_the_kind_doc_and_the_rule() {
    let dir = site(&[("brandlint.toml", RULES)]);
    let out = brandlint(dir.path(), &["explain", "term/GitHub"], None);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("`term`: visual naming."), "{stdout}");
    assert!(stdout.contains("## This rule: term/GitHub"), "{stdout}");
    assert!(stdout.contains("- matches: \"GitHub\""), "{stdout}");
    assert!(stdout.contains("- defined in: "), "{stdout}");
    assert!(stdout.contains("brandlint.toml:3\n"), "{stdout}");
    let unknown = brandlint(dir.path(), &["explain", "baned/x"], None);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("did you mean `banned`?"));
}

#[test]
fn explain_knows_every_id_of_the_rules_file_and_lists_them_without_one() {
    let rules = format!(
        "{RULES}\n[[pattern]]\nid = \"double-bang\"\nregex = \"!!\"\n\n\
         [[require]]\nid = \"sign-off\"\nany_of = [\"Thanks\"]\nscope = \"last-paragraph\"\n"
    );
    let dir = site(&[("brandlint.toml", &rules)]);
    for (id, kind, line) in [("double-bang", "pattern", 16), ("sign-off", "require", 20)] {
        let out = brandlint(dir.path(), &["explain", id], None);
        assert_eq!(out.status.code(), Some(0), "{id}: {}", stderr(&out));
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(stdout.starts_with(&format!("`{kind}`: ")), "{stdout}");
        assert!(stdout.contains(&format!("## This rule: {id}")), "{stdout}");
        assert!(
            stdout.contains(&format!("brandlint.toml:{line}\n")),
            "{stdout}"
        );
    }
    let out = brandlint(dir.path(), &["explain"], None);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("  suppress   a suppression comment"),
        "{stdout}"
    );
    for id in [
        "term/GitHub",
        "banned/synergy",
        "prefer/sign in",
        "double-bang",
        "sign-off",
    ] {
        assert!(stdout.contains(&format!("    {id}\n")), "{id}: {stdout}");
    }
}

#[test]
fn init_writes_a_starter_that_loads_and_refuses_to_overwrite() {
    let dir = site(&[]);
    let out = brandlint(dir.path(), &["init"], None);
    assert_eq!(out.status.code(), Some(0));
    let verify = brandlint(dir.path(), &["rules", "--verify"], None);
    assert_eq!(
        verify.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
    let again = brandlint(dir.path(), &["init"], None);
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn paths_outside_the_current_folder_print_absolute() {
    let dir = site(&[("brandlint.toml", RULES), ("a.md", "Github\n")]);
    let elsewhere = site(&[]);
    let target = dir.path().join("a.md");
    let out = brandlint(
        elsewhere.path(),
        &["check", "--format", "json", target.to_str().unwrap()],
        None,
    );
    let report = json(&out);
    assert_eq!(report["diagnostics"][0]["path"], target.to_str().unwrap());
    assert!(Path::new(report["diagnostics"][0]["path"].as_str().unwrap()).is_absolute());
}

#[test]
fn statistics_count_findings_per_rule_most_frequent_first() {
    let dir = site(&[
        ("brandlint.toml", RULES),
        ("a.md", "Github, Github and synergy.\n"),
    ]);
    let out = brandlint(
        dir.path(),
        &["check", "--format", "compact", "--statistics"],
        None,
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let tail: Vec<_> = stdout.lines().rev().take(2).collect();
    assert_eq!(
        tail,
        [
            "     1  banned/synergy  [warning]",
            "     2  term/GitHub  [error]"
        ]
    );
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let dir = site(&[("brandlint.toml", RULES)]);
    let many = "Github\n\n".repeat(20_000);
    fs::write(dir.path().join("a.md"), many).unwrap();
    // Every finding is wanted, to fill the pipe: no per-file budget.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_brandlint"))
        .args([
            "check",
            "--format",
            "compact",
            "--max-findings-per-file",
            "0",
        ])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away, as `| head` does
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(
        out.status.code(),
        Some(1),
        "the findings still decide the exit code"
    );
}

#[test]
fn a_banned_table_shares_its_id_and_examples_across_its_phrases() {
    let rules = "[[banned]]\nid = \"hype\"\nphrases = [\"synergy\", \"world-class\"]\n\
                 examples = { flag = [\"Pure synergy.\", \"A world-class team.\"], pass = [\"A team.\"] }\n";
    let dir = site(&[
        ("brandlint.toml", rules),
        ("a.md", "Synergy, world-class.\n"),
    ]);
    let verify = brandlint(dir.path(), &["rules", "--verify"], None);
    assert_eq!(
        verify.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
    let report = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    assert_eq!(
        pairs(&report, "rule", "matched"),
        owned(&[("hype", "Synergy"), ("hype", "world-class")])
    );
}

#[test]
fn a_phrase_limited_to_link_text_is_found_inside_a_longer_phrase() {
    let rules = "[[banned]]\nphrases = [\"click here\", \"here\"]\nscopes = [\"link\"]\n";
    let dir = site(&[
        ("brandlint.toml", rules),
        ("a.md", "Click [here](/x) for docs.\n"),
    ]);
    let report = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    let found: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap(), d["scope"].as_str().unwrap()))
        .collect();
    // "click here" would win, but it runs over the link's edge, where no link rule applies.
    assert_eq!(found, [("banned/here", "link")]);
}

#[test]
fn channels_come_from_extensions_and_email_globs() {
    let rules = "[files]\nemail = [\"emails/**\"]\n\n[[term]]\nname = \"GitHub\"\n";
    let dir = site(&[
        ("brandlint.toml", rules),
        ("page.html", "<p>Github</p>"),
        ("promo.mjml", "<mj-text>Github</mj-text>"),
        ("emails/reset.html", "<title>Github</title>"),
        ("emails/reset.txt", "Github\n"),
        ("notes.txt", "Github\n"),
        ("post.md", "Github\n"),
    ]);
    let report = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    let found: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap(),
                d["channel"].as_str().unwrap(),
                d["scope"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("emails/reset.html", "email", "subject"),
            ("emails/reset.txt", "email", "paragraph"),
            ("page.html", "html", "paragraph"),
            ("post.md", "markdown", "paragraph"),
            ("promo.mjml", "email", "paragraph"),
        ],
        "notes.txt is not content outside the email globs"
    );
}

#[test]
fn ignore_selectors_remove_regions_and_bad_ones_point_into_the_toml() {
    let rules = "[files]\nignore_selectors = [\".legal\"]\n\n[[term]]\nname = \"GitHub\"\n";
    let dir = site(&[
        ("brandlint.toml", rules),
        ("a.html", "<p>Github<div class=legal><p>Github</div>"),
    ]);
    let report = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    assert_eq!(report["summary"]["warnings"], 1);
    fs::write(
        dir.path().join("brandlint.toml"),
        "[files]\nignore_selectors = [\"p:hover\"]\n",
    )
    .unwrap();
    let out = brandlint(dir.path(), &["check"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("invalid CSS selector") && err.contains("brandlint.toml:2:21"),
        "{err}"
    );
}

#[test]
fn template_comments_switch_rules_off_in_emails() {
    let template =
        "<p>Github</p>\n{{!-- brandlint-disable-next-line term/GitHub --}}\n<p>Github</p>\n\
                    {# brandlint-disable #}\n<p>Github</p>\n";
    let dir = site(&[("brandlint.toml", RULES), ("a.hbs", template)]);
    let report = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    let lines: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["span"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [1]);
}

#[test]
fn require_reports_a_missing_marker_at_the_start_of_its_place() {
    let rules = r#"
[[require]]
id = "email-signoff"
channels = ["email"]
scope = "last-paragraph"
any_of = ["The Acme team", "Cheers"]
examples = { flag = ["Best regards"], pass = ["Cheers, The Acme team"] }

[[require]]
id = "greeting"
channels = ["email"]
scope = "first-paragraph"
pattern = "^(Hi|Hello) \uFFFC,"
"#;
    let dir = site(&[
        ("brandlint.toml", rules),
        (
            "good.hbs",
            "<p>Hi {{ first_name }}, welcome.</p><p>Cheers, the Acme team</p>",
        ),
        ("bad.hbs", "<p>Welcome.</p>\n<p>Best regards</p>"),
        ("page.html", "<p>No sign-off needed on a page.</p>"),
    ]);
    let report = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    let found: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["span"]["start"].as_u64().unwrap(),
                d["matched"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("bad.hbs".into(), "greeting".into(), 3, String::new()),
            ("bad.hbs".into(), "email-signoff".into(), 19, String::new()),
        ]
    );
    let verify = brandlint(dir.path(), &["rules", "--verify"], None);
    assert_eq!(
        verify.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
}

#[test]
fn require_max_and_density_count_occurrences() {
    let rules = r#"
[[require]]
id = "one-cta"
any_of = ["sign up"]
min = 0
max = 1

[[require]]
id = "mention-acme"
any_of = ["Acme"]
per_words = 10
"#;
    let text = "Sign up today. Acme is here. Really, sign up now and sign up again. \
                These are many words without the name at all in them.\n";
    let dir = site(&[("brandlint.toml", rules), ("a.md", text)]);
    let report = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    assert_eq!(
        pairs(&report, "rule", "matched"),
        owned(&[
            ("mention-acme", ""),
            ("one-cta", "sign up"),
            ("one-cta", "sign up")
        ])
    );
    let message = report["diagnostics"][0]["message"].as_str().unwrap();
    assert_eq!(message, "Expected \"Acme\" here: found 1, need at least 2");
}

#[test]
fn require_scope_errors_suggest_the_place() {
    let rules = "[[require]]\nany_of = [\"x\"]\nscope = \"last-paragrph\"\n";
    let dir = site(&[("brandlint.toml", rules), ("a.md", "x\n")]);
    let out = brandlint(dir.path(), &["check"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("did you mean `last-paragraph`?") && err.contains("brandlint.toml:3:9"),
        "{err}"
    );
}

#[test]
fn require_examples_are_verified_in_the_scope_they_concern() {
    let rules = "[[require]]\nscope = \"subject\"\nany_of = [\"Acme\"]\n\
                 examples = { flag = [\"Your receipt\"], pass = [\"Your Acme receipt\"] }\n";
    let dir = site(&[("brandlint.toml", rules)]);
    let verify = brandlint(dir.path(), &["rules", "--verify"], None);
    assert_eq!(
        verify.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
}

#[test]
fn completions_know_every_command_and_option_and_bash_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let out = brandlint(dir.path(), &["completions", shell], None);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        for word in ["check", "explain", "stdin-filename", "max-warnings"] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
    let bash = brandlint(dir.path(), &["completions", "bash"], None);
    let script = dir.path().join("brandlint.bash");
    std::fs::write(&script, &bash.stdout).unwrap();
    let syntax = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .expect("bash runs");
    assert!(
        syntax.status.success(),
        "{}",
        String::from_utf8_lossy(&syntax.stderr)
    );
    let unknown = brandlint(dir.path(), &["completions", "tcsh"], None);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn man_writes_a_full_page_for_each_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let out = brandlint(dir.path(), &["man", "--dir", "pages"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let commands = [
        "check",
        "baseline",
        "init",
        "rules",
        "explain",
        "completions",
        "man",
        "merge-sarif",
    ];
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("pages"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> = commands
        .iter()
        .map(|c| format!("brandlint-{c}.1"))
        .chain(["brandlint.1".to_string()])
        .collect();
    expected.sort();
    assert_eq!(names, expected);
    for name in &names {
        let page = std::fs::read_to_string(dir.path().join("pages").join(name)).unwrap();
        for section in ["OPTIONS", "EXIT STATUS", "EXAMPLES", "SEE ALSO"] {
            assert!(
                page.contains(section) || (section == "OPTIONS" && name == "brandlint.1"),
                "{name} lacks {section}"
            );
        }
    }
    let check = std::fs::read_to_string(dir.path().join("pages/brandlint-check.1")).unwrap();
    assert!(check.contains("changed\\-since"), "{check}");
}

#[test]
fn the_man_page_documents_every_command_and_renders() {
    let dir = tempfile::tempdir().unwrap();
    let out = brandlint(dir.path(), &["man"], None);
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH brandlint 1"), "{page}");
    for command in [
        "check",
        "init",
        "rules",
        "explain",
        "completions",
        "baseline",
    ] {
        assert!(page.contains(command), "the man page lacks {command}");
    }
    assert!(page.contains("EXIT STATUS"), "{page}");
    // Where groff is installed, the page must render without warnings.
    let Ok(mut groff) = std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    else {
        common::missing_prerequisite("groff is not installed: the page is not rendered");
        return;
    };
    use std::io::Write as _;
    groff
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let rendered = groff.wait_with_output().unwrap();
    assert!(rendered.status.success());
    assert_eq!(String::from_utf8_lossy(&rendered.stderr), "");
}

#[test]
fn files_from_checks_listed_files_and_skips_others_silently() {
    let dir = site(&[
        (
            "brandlint.toml",
            "[[term]]\nname = \"GitHub\"\nseverity = \"error\"\n",
        ),
        ("posts/a.md", "Github.\n"),
        ("posts/b.md", "Github too.\n"),
        ("src/main.rs", "// Github\n"),
    ]);
    std::fs::write(
        dir.path().join("changed.txt"),
        "posts/a.md\r\nsrc/main.rs\ndeleted.md\n\n",
    )
    .unwrap();
    let output = brandlint(
        dir.path(),
        &[
            "check",
            "--format",
            "compact",
            "--files-from",
            "changed.txt",
        ],
        None,
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "posts/a.md:1:1: error: Write \"GitHub\", not \"Github\" [term/GitHub]\n\
         1 error, 0 warnings in 1 file (1 fixable with --fix)\n"
    );
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    // NUL-separated, as `git diff -z` writes, plus a path on the command line.
    std::fs::write(dir.path().join("changed.z"), "posts/b.md\0").unwrap();
    let output = brandlint(
        dir.path(),
        &[
            "check",
            "--format",
            "compact",
            "-q",
            "--files-from",
            "changed.z",
            "posts/a.md",
        ],
        None,
    );
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.contains("posts/b.md:1:1"), "{text}");
    let output = brandlint(dir.path(), &["check", "--files-from", "missing.txt"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("cannot read the file list missing.txt")
    );
}

/// Starts `brandlint check --watch --format compact` with `paths` in `dir`, and reads its
/// standard output line by line.
fn watch(dir: &Path, paths: &[&str]) -> (std::process::Child, std::sync::mpsc::Receiver<String>) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_brandlint"))
        .args(["check", "--watch", "--format", "compact"])
        .args(paths)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let lines = line_reader(child.stdout.take().unwrap());
    (child, lines)
}

/// Reads a child's standard output line by line on a thread, so a test can wait for a line
/// without blocking forever.
fn line_reader(stdout: std::process::ChildStdout) -> std::sync::mpsc::Receiver<String> {
    use std::io::BufRead;
    let (sender, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    lines
}

/// The lines of the next redraw: everything up to and including its summary line.
fn next_redraw(lines: &std::sync::mpsc::Receiver<String>) -> Vec<String> {
    let mut redraw = Vec::new();
    loop {
        // A guard against a hang, not a speed requirement.
        let line = lines
            .recv_timeout(std::time::Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("no redraw came; so far: {redraw:?}"));
        let done = line.contains(" in ") && line.contains("warning");
        redraw.push(line);
        if done {
            return redraw;
        }
    }
}

#[test]
fn watch_rechecks_what_changes_and_rereads_the_rules() {
    let dir = site(&[
        ("brandlint.toml", "[[term]]\nname = \"GitHub\"\n"),
        ("a.md", "Github.\n"),
    ]);
    let (mut child, lines) = watch(dir.path(), &[]);
    let summary = |redraw: &[String]| redraw.last().cloned().unwrap();

    let first = next_redraw(&lines);
    assert_eq!(
        first,
        [
            "a.md:1:1: warning: Write \"GitHub\", not \"Github\" [term/GitHub]",
            "0 errors, 1 warning in 1 file (1 fixable with --fix)"
        ]
    );
    std::fs::write(dir.path().join("b.md"), "More Github.\n").unwrap();
    let added = next_redraw(&lines);
    assert_eq!(
        summary(&added),
        "0 errors, 2 warnings in 2 files (2 fixable with --fix)"
    );
    assert!(added[1].starts_with("b.md:1:6: warning"), "{added:?}");

    std::fs::remove_file(dir.path().join("a.md")).unwrap();
    let removed = next_redraw(&lines);
    assert_eq!(
        summary(&removed),
        "0 errors, 1 warning in 1 file (1 fixable with --fix)"
    );
    assert!(removed[0].starts_with("b.md:"), "{removed:?}");

    // A new rules file applies to every file at once.
    std::fs::write(
        dir.path().join("brandlint.toml"),
        "[[term]]\nname = \"GitHub\"\nseverity = \"error\"\n",
    )
    .unwrap();
    let reread = next_redraw(&lines);
    assert_eq!(
        summary(&reread),
        "1 error, 0 warnings in 1 file (1 fixable with --fix)"
    );

    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn watch_rereads_a_rules_file_above_the_watched_folder_and_the_pack_it_extends() {
    let dir = site(&[
        (
            "site/brand/pack.toml",
            "[[banned]]\nphrases = [\"synergy\"]\n",
        ),
        (
            "site/brandlint.toml",
            "[brand]\nextends = [\"brand/pack.toml\"]\n\n[[term]]\nname = \"GitHub\"\n",
        ),
        ("site/posts/a.md", "Github synergy.\n"),
    ]);
    let site_dir = dir.path().join("site");
    let (mut child, lines) = watch(&site_dir, &["posts"]);
    let first = next_redraw(&lines);
    assert_eq!(
        first.last().unwrap(),
        "0 errors, 2 warnings in 1 file (1 fixable with --fix)"
    );
    // The rules file above the watched folder.
    std::fs::write(
        site_dir.join("brandlint.toml"),
        "[brand]\nextends = [\"brand/pack.toml\"]\n\n[[term]]\nname = \"GitHub\"\nseverity = \"error\"\n",
    )
    .unwrap();
    let reread = next_redraw(&lines);
    assert_eq!(
        reread.last().unwrap(),
        "1 error, 1 warning in 1 file (1 fixable with --fix)"
    );
    // The pack it extends, outside the watched folder too.
    std::fs::write(
        site_dir.join("brand/pack.toml"),
        "[[banned]]\nphrases = [\"synergy\"]\nseverity = \"error\"\n",
    )
    .unwrap();
    let extended = next_redraw(&lines);
    assert_eq!(
        extended.last().unwrap(),
        "2 errors, 0 warnings in 1 file (1 fixable with --fix)"
    );
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn an_empty_file_list_checks_nothing() {
    // A change that touched no file: the folder around it is not checked in its place.
    let dir = site(&[
        (
            "brandlint.toml",
            "[[term]]\nname = \"GitHub\"\nseverity = \"error\"\n",
        ),
        ("posts/a.md", "Github.\n"),
    ]);
    std::fs::write(dir.path().join("changed.txt"), "").unwrap();
    let output = brandlint(
        dir.path(),
        &[
            "check",
            "--format",
            "compact",
            "--files-from",
            "changed.txt",
        ],
        None,
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "no file was checked\n"
    );
    assert_eq!(output.status.code(), Some(0));
    // A path beside the empty list is still checked.
    let output = brandlint(
        dir.path(),
        &[
            "check",
            "-q",
            "--format",
            "compact",
            "--files-from",
            "changed.txt",
            "posts",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("posts/a.md:1:1"));
}
