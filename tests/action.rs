//! The GitHub Action (`action.yml`): its inputs reach its scripts only through `env:`, and its
//! steps, run in bash as the runner runs them, in a simulated GitHub environment (an event
//! payload, a checkout of a repository with a base and a head commit, the files GitHub gives
//! each step), annotate the changed files, write the step summary and the outputs, and pass
//! or fail as the inputs say.
//!
//! The build step is not run (cargo would build brandlint a second time); its command is
//! checked and its output, the binary, is the one these tests were built with.

use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::{json, Value};

mod common;
#[path = "common/action_sim.rs"]
mod sim;
use sim::*;

const INPUTS: [&str; 16] = [
    "paths",
    "rules",
    "only-changed",
    "scope",
    "select",
    "ignore",
    "shard",
    "fail-on",
    "sarif-file",
    "rules-from",
    "timeout-minutes",
    "max-findings",
    "max-findings-per-file",
    "max-output-size",
    "max-rules",
    "max-regex-size",
];

#[test]
fn inputs_reach_the_scripts_only_through_env() {
    let action = action();
    let inputs: Vec<&String> = action["inputs"].as_object().unwrap().keys().collect();
    assert_eq!(inputs, INPUTS);
    for (name, input) in action["inputs"].as_object().unwrap() {
        assert!(input["description"].is_string(), "{name} is described");
        assert!(input["default"].is_string(), "{name} has a default");
    }
    assert_eq!(action["runs"]["using"], "composite");

    let mut all = Vec::new();
    strings(&action, String::new(), &mut all);
    let mut used_inputs = Vec::new();
    for (at, text) in &all {
        if at.ends_with(".run") {
            assert!(
                !text.contains("${{"),
                "{at} has an expression in its script:\n{text}"
            );
        }
        for expression in expressions(text) {
            if let Some(input) = expression.strip_prefix("inputs.") {
                // runs.steps.N.env.NAME, nowhere else.
                let parts: Vec<&str> = at.split('.').collect();
                assert!(
                    matches!(parts.as_slice(), ["runs", "steps", _, "env", _]),
                    "inputs.{input} is used at {at}, not in a step's env"
                );
                used_inputs.push(input.to_string());
            }
        }
    }
    for input in INPUTS {
        assert!(used_inputs.iter().any(|u| u == input), "{input} is used");
    }

    for step in steps(&action) {
        let keys: Vec<&String> = step.as_object().unwrap().keys().collect();
        for key in &keys {
            assert!(
                ["name", "id", "shell", "env", "run", "uses", "with"].contains(&key.as_str()),
                "step key `{key}` is not one the simulation below knows"
            );
        }
        if step.get("run").is_some() {
            assert_eq!(step["shell"], "bash", "{step}");
        }
    }
    // Every script starts in the action's own folder, never in the workspace (whose files
    // a pull request writes); Python runs isolated, cargo with the toolchain pinned.
    for step in steps(&action) {
        if let Some(script) = step["run"].as_str() {
            assert!(
                script.starts_with("cd \"$ACTION_PATH\" || exit 1\n"),
                "{script}"
            );
            assert!(step["env"]["ACTION_PATH"] == "${{ github.action_path }}");
        }
    }
    let run_sh = std::fs::read_to_string(Path::new(ROOT).join("action/run.sh")).unwrap();
    for (at, _) in run_sh.match_indices("python3") {
        assert!(
            run_sh[at..].starts_with("python3 -I "),
            "python3 not isolated: {}",
            &run_sh[at..run_sh[at..].find('\n').map_or(run_sh.len(), |n| at + n)]
        );
    }
    // The build puts its output where the cache keeps it.
    let build = steps(&action)
        .iter()
        .find(|s| s["name"] == BUILD_STEP)
        .expect("a build step");
    let script = build["run"].as_str().unwrap();
    assert!(
        script.contains("cargo build --release --locked"),
        "{script}"
    );
    assert!(script.contains(r#"--manifest-path "$ACTION_PATH/Cargo.toml""#));
    assert_eq!(
        build["env"]["RUSTUP_TOOLCHAIN"],
        "${{ steps.prepare.outputs.toolchain }}"
    );
    assert!(script.contains("$HOME/.cache/brandlint-action/target"));
    let cache = steps(&action)
        .iter()
        .find(|s| s["uses"] == "actions/cache@v4")
        .expect("a cache step");
    let cached = cache["with"]["path"].as_str().unwrap();
    assert!(
        cached.contains("~/.cache/brandlint-action/target"),
        "{cached}"
    );
    assert!(cached.contains("~/.cargo/registry"), "{cached}");
}

#[test]
fn the_scripts_pass_shellcheck() {
    if Command::new("shellcheck")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_err()
    {
        common::missing_prerequisite("shellcheck is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut files = vec![Path::new(ROOT).join("action/run.sh")];
    for (i, step) in steps(&action()).iter().enumerate() {
        if let Some(script) = step["run"].as_str() {
            let path = dir.path().join(format!("step-{i}.sh"));
            std::fs::write(&path, format!("#!/usr/bin/env bash\n{script}")).unwrap();
            files.push(path);
        }
    }
    let output = Command::new("shellcheck")
        .args(["--shell=bash", "--severity=style"])
        .args(&files)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn the_example_workflow_uses_the_action_as_it_is() {
    let workflow = read_yaml("examples/github-workflow.yml");
    assert!(workflow["on"].get("pull_request").is_some());
    assert_eq!(workflow["permissions"]["contents"], "read");
    assert_eq!(workflow["permissions"]["security-events"], "write");
    let jobs = workflow["jobs"].as_object().unwrap();
    let steps: Vec<&Value> = jobs
        .values()
        .flat_map(|job| job["steps"].as_array().unwrap())
        .collect();
    let uses = |prefix: &str| {
        steps
            .iter()
            .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(prefix)))
            .copied()
            .unwrap_or_else(|| panic!("a step uses {prefix}"))
    };
    uses("actions/checkout@v4");
    let brandlint = uses("OWNER/brandlint@");
    let id = brandlint["id"]
        .as_str()
        .expect("the brandlint step has an id");
    for (input, _) in brandlint["with"].as_object().unwrap() {
        assert!(INPUTS.contains(&input.as_str()), "no input `{input}`");
    }
    let sarif = brandlint["with"]["sarif-file"].as_str().unwrap();
    let upload = uses("github/codeql-action/upload-sarif@v3");
    let uploaded = upload["with"]["sarif_file"].as_str().unwrap();
    assert!(
        uploaded == sarif || uploaded.contains(&format!("steps.{id}.outputs.sarif-file")),
        "upload-sarif reads what brandlint writes: {uploaded}"
    );
    for step in &steps {
        if let Some(script) = step["run"].as_str() {
            assert!(!script.contains("${{"), "{script}");
        }
    }
}

/// A repository with a base and a head commit, a checkout of it and the files GitHub gives a
/// job.
struct Repo {
    dir: tempfile::TempDir,
    /// The base branch's commit the pull request started from.
    base: String,
    /// The base branch's tip, one commit past `base` (it changed `docs/old.md`).
    main: String,
}

const RULES: &str = r#"[[term]]
name = "GitHub"
severity = "error"

[[banned]]
phrases = ["world-class"]
severity = "warning"
"#;

/// "Github" twelve times: more errors than GitHub annotates.
fn many_errors() -> String {
    (1..=12).map(|n| format!("Github, line {n}.\n\n")).collect()
}

impl Repo {
    /// The origin: a base commit on `main` with a pre-existing bad file, branches made from
    /// it, and one more commit on `main` after them.
    fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let origin = dir.path().join("origin");
        std::fs::create_dir(&origin).unwrap();
        git(&origin, &["init", "-q", "-b", "main"]);
        let base = commit(
            &origin,
            &[
                ("brandlint.toml", Some(RULES)),
                ("docs/old.md", Some("Github was here before the change.\n")),
                ("docs/gone.md", Some("Github, deleted by the change.\n")),
                ("docs/edit.md", Some("Plain words.\n")),
                ("rules/broken.toml", Some("[[term]]\nnme = \"GitHub\"\n")),
            ],
            "base",
        );
        let many = many_errors();
        let new_rules = format!("{RULES}\n[[banned]]\nphrases = [\"synergy\"]\n");
        let branches: [(&str, Vec<Change>); 5] = [
            (
                "feature",
                vec![
                    ("docs/many errors.md", Some(many.as_str())),
                    (
                        "docs/edit.md",
                        Some("Words from a world-class team.\n\nA world-class launch.\n"),
                    ),
                    ("src/app.rs", Some("// Github is world-class\n")),
                    ("docs/gone.md", None),
                ],
            ),
            (
                "wording",
                vec![("docs/edit.md", Some("A world-class launch.\n"))],
            ),
            (
                "code-only",
                vec![("src/app.rs", Some("// Github is world-class\n"))],
            ),
            (
                "new-rule",
                vec![("brandlint.toml", Some(new_rules.as_str()))],
            ),
            (
                "a-line-added",
                vec![(
                    "docs/old.md",
                    Some("Github was here before the change.\n\nA world-class line.\n"),
                )],
            ),
        ];
        for (branch, files) in branches {
            git(&origin, &["checkout", "-q", "-b", branch, &base]);
            commit(&origin, &files, branch);
        }
        git(&origin, &["checkout", "-q", "main"]);
        let main = commit(
            &origin,
            &[("docs/old.md", Some("Github was here, and still is.\n"))],
            "main moves on",
        );
        Repo { dir, base, main }
    }

    /// Checks out `branch` into a fresh workspace, shallow (as actions/checkout does by
    /// default) or with all history.
    fn checkout(&self, branch: &str, shallow: bool) -> Checkout {
        let root = self.dir.path().join(format!("run-{}", uniq()));
        Checkout::clone(&self.dir.path().join("origin"), &root, branch, shallow)
    }
}

#[test]
fn a_pull_request_is_annotated_on_its_changed_files_errors_first() {
    let repo = Repo::new();
    // Shallow, as actions/checkout leaves it: the base commit is fetched.
    let checkout = repo.checkout("feature", true);
    let payload = pull_request(&checkout, &repo.base);
    let run = run_action(
        &checkout,
        "pull_request",
        payload,
        &[("sarif-file", "reports/brandlint.sarif")],
    );
    assert_eq!(run.status, 1, "errors fail (fail-on: error):\n{}", run.log);
    assert_eq!(
        run.ran,
        ["Check the inputs", BUILD_STEP, "Run brandlint"],
        "{}",
        run.log
    );
    assert!(run.log.contains("fetching the base commit"), "{}", run.log);

    // Ten errors, then the warnings; the two errors past the limit are log lines.
    let annotations = run.annotations();
    assert_eq!(annotations.len(), 12, "{}", run.check_stdout);
    for annotation in &annotations[..10] {
        assert!(
            annotation.starts_with("::error file=docs/many errors.md,line="),
            "{annotation}"
        );
    }
    for annotation in &annotations[10..] {
        assert!(
            annotation.starts_with("::warning file=docs/edit.md,line="),
            "{annotation}"
        );
    }
    assert_eq!(
        run.check_stdout
            .lines()
            .filter(|l| l.starts_with("brandlint: docs/many errors.md:") && l.contains(": error: "))
            .count(),
        2,
        "{}",
        run.check_stdout
    );
    assert!(run.check_stdout.contains(
        "brandlint: 2 errors not shown as annotations (GitHub shows 10 of each level per step)"
    ));
    assert!(run
        .check_stdout
        .contains("12 errors, 2 warnings in 2 files"));
    // Not the file the change left alone, nor the deleted one, nor code; not a word of them.
    for other in ["old.md", "gone.md", "app.rs"] {
        assert!(!run.log.contains(other), "{other}:\n{}", run.log);
        assert!(!run.summary.contains(other), "{other}:\n{}", run.summary);
    }

    assert!(
        run.summary.starts_with("### brandlint\n"),
        "{}",
        run.summary
    );
    assert!(run.summary.contains("12 errors, 2 warnings in 2 files"));
    assert!(run
        .summary
        .contains("| | File | Line | Rule | Message |\n|---|---|---|---|---|\n| ❌ error | `docs/many errors.md` | 1:1 | `term/GitHub` |"));
    assert_eq!(
        run.summary
            .matches("| ❌ error | `docs/many errors.md` |")
            .count(),
        12
    );
    assert_eq!(
        run.summary
            .matches("| ⚠️ warning | `docs/edit.md` |")
            .count(),
        2
    );
    assert!(run.summary.contains(
        "**2 errors not shown as annotations (GitHub shows 10 of each level per step); all are listed in the step's log**"
    ), "{}", run.summary);
    assert!(run.summary.contains("Checked the lines changed since `"));

    assert_eq!(run.outputs["errors"], "12");
    assert_eq!(run.outputs["warnings"], "2");
    assert_eq!(run.outputs["infos"], "0");
    assert_eq!(run.outputs["sarif-file"], "reports/brandlint.sarif");
    let sarif: Value = serde_json::from_slice(
        &std::fs::read(checkout.root.join("work/reports/brandlint.sarif")).expect("SARIF written"),
    )
    .expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 14);
    let uri = |r: &Value| {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(uri(&results[0]), "docs/edit.md");
    assert_eq!(uri(&results[13]), "docs/many%20errors.md");
}

#[test]
fn scope_reports_the_changed_lines_the_changed_files_or_everything() {
    let repo = Repo::new();
    for shallow in [true, false] {
        let checkout = repo.checkout("a-line-added", shallow);
        let run_with = |scope: &str| {
            let payload = pull_request(&checkout, &repo.base);
            let mut with = vec![("fail-on", "never")];
            if !scope.is_empty() {
                with.push(("scope", scope));
            }
            run_action(&checkout, "pull_request", payload, &with)
        };
        // Default (changed-lines): the line the branch added, not the Github it found.
        let run = run_with("");
        assert_eq!(run.status, 0, "{}", run.log);
        let annotations = run.annotations();
        assert_eq!(annotations.len(), 1, "{}", run.check_stdout);
        assert!(annotations[0].starts_with("::warning file=docs/old.md,line=3,"));
        assert!(run.summary.contains("Checked the lines changed since `"));
        // changed-files: every finding of the changed file.
        let run = run_with("changed-files");
        assert_eq!(
            (
                run.outputs["errors"].as_str(),
                run.outputs["warnings"].as_str()
            ),
            ("1", "1")
        );
        assert!(run.summary.contains("Checked the files changed since `"));
        // all: every file under paths, docs/gone.md too.
        let run = run_with("all");
        assert_eq!(
            (
                run.outputs["errors"].as_str(),
                run.outputs["warnings"].as_str()
            ),
            ("2", "1")
        );
        assert!(run.log.contains("gone.md"), "{}", run.log);
    }
}

#[test]
fn select_and_ignore_choose_the_rules_annotated() {
    let repo = Repo::new();
    let checkout = repo.checkout("a-line-added", false);
    let run_with = |with: &[(&str, &str)]| {
        let payload = pull_request(&checkout, &repo.base);
        let mut with = with.to_vec();
        with.extend([("fail-on", "never"), ("scope", "changed-files")]);
        run_action(&checkout, "pull_request", payload, &with)
    };
    let counts = |run: &Run| {
        (
            run.outputs["errors"].clone(),
            run.outputs["warnings"].clone(),
        )
    };
    let run = run_with(&[("select", "term")]);
    assert_eq!(counts(&run), ("1".into(), "0".into()), "{}", run.log);
    let run = run_with(&[("select", "term\nbanned"), ("ignore", "term/GitHub")]);
    assert_eq!(counts(&run), ("0".into(), "1".into()), "{}", run.log);
    let run = run_with(&[("select", "terms")]);
    assert_eq!(run.status, 2, "{}", run.log);
    assert!(run.log.contains("`terms` is no kind"), "{}", run.log);
}

#[test]
fn shards_of_a_matrix_check_each_file_once() {
    let repo = Repo::new();
    let checkout = repo.checkout("feature", true);
    let mut errors = 0;
    for part in ["1/2", "2/2"] {
        let payload = pull_request(&checkout, &repo.base);
        let with = [("fail-on", "never"), ("shard", part)];
        let run = run_action(&checkout, "pull_request", payload, &with);
        assert_eq!(run.status, 0, "{}", run.log);
        errors += run.outputs["errors"].parse::<usize>().unwrap();
    }
    // As one run over the pull request's files reports (see above).
    assert_eq!(errors, 12);
    let payload = pull_request(&checkout, &repo.base);
    let run = run_action(&checkout, "pull_request", payload, &[("shard", "3/2")]);
    assert_eq!(run.status, 2, "{}", run.log);
}

#[test]
fn fail_on_never_passes_and_only_the_branch_own_changes_count() {
    let repo = Repo::new();
    // All history, and a base branch that moved on since the branch left it (it changed
    // docs/old.md): that change is not the pull request's.
    let checkout = repo.checkout("feature", false);
    let payload = pull_request(&checkout, &repo.main);
    let run = run_action(&checkout, "pull_request", payload, &[("fail-on", "never")]);
    assert_eq!(run.status, 0, "{}", run.log);
    assert!(!run.log.contains("old.md"), "{}", run.log);
    assert!(!run.log.contains("fetching"), "{}", run.log);
    assert_eq!(run.outputs["errors"], "12");
    assert_eq!(run.outputs["sarif-file"], "");
    assert!(!checkout.root.join("work/reports").exists());
    assert!(
        run.log.contains("not failing (fail-on: never)"),
        "{}",
        run.log
    );
    assert!(run.summary.contains("12 errors, 2 warnings in 2 files"));
}

#[test]
fn fail_on_warning_fails_on_warnings_alone() {
    let repo = Repo::new();
    let checkout = repo.checkout("wording", true);
    for (fail_on, fails) in [("warning", true), ("error", false), ("never", false)] {
        let payload = pull_request(&checkout, &repo.base);
        let run = run_action(&checkout, "pull_request", payload, &[("fail-on", fail_on)]);
        let status = if fails { 1 } else { 0 };
        assert_eq!(run.status, status, "fail-on {fail_on}:\n{}", run.log);
        assert_eq!(run.outputs["errors"], "0");
        assert_eq!(run.outputs["warnings"], "1");
        let annotations = run.annotations();
        assert_eq!(annotations.len(), 1, "{}", run.check_stdout);
        assert!(annotations[0].starts_with("::warning file=docs/edit.md,line=1,"));
    }
}

#[test]
fn a_rules_file_brandlint_cannot_use_fails_whatever_fail_on_says() {
    let repo = Repo::new();
    let checkout = repo.checkout("feature", true);
    let payload = pull_request(&checkout, &repo.base);
    let run = run_action(
        &checkout,
        "pull_request",
        payload,
        &[("fail-on", "never"), ("rules", "rules/broken.toml")],
    );
    assert_eq!(run.status, 2, "{}", run.log);
    // brandlint's own message, naming the key, is in the log.
    assert!(run.log.contains("nme"), "{}", run.log);
    assert!(
        run.log
            .contains("::error title=brandlint::brandlint failed (exit status 2)"),
        "{}",
        run.log
    );
    assert!(run.summary.contains("brandlint failed (exit status 2)"));
    assert_eq!(run.outputs["errors"], "");
}

#[test]
fn without_only_changed_the_paths_are_checked_in_full() {
    let repo = Repo::new();
    let checkout = repo.checkout("feature", true);
    // A push: only-changed (auto) is off.
    let push = json!({"ref": "refs/heads/feature", "before": repo.base, "after": checkout.head});
    let run = run_action(&checkout, "push", push, &[("paths", "docs")]);
    assert_eq!(run.status, 1, "{}", run.log);
    // The eleventh error: past the annotations, in the log.
    assert!(
        run.check_stdout.contains(
            "\nbrandlint: docs/old.md:1:1: error: Write \"GitHub\", not \"Github\" [term/GitHub]\n"
        ),
        "{}",
        run.check_stdout
    );
    assert!(!run.log.contains("app.rs"));
    assert_eq!(run.outputs["errors"], "13");
    assert!(!run.summary.contains("Checked the files changed"));

    // Off on a pull request, with two paths, one per line.
    let payload = pull_request(&checkout, &repo.base);
    let run = run_action(
        &checkout,
        "pull_request",
        payload,
        &[
            ("only-changed", "false"),
            ("paths", "docs/old.md\n  docs/edit.md  \n"),
        ],
    );
    assert_eq!(run.outputs["errors"], "1", "{}", run.log);
    assert_eq!(run.outputs["warnings"], "2");
    assert!(run.summary.contains("`docs/old.md`"));
    assert!(!run.summary.contains("many errors"));
}

#[test]
fn paths_narrow_the_changed_files() {
    let repo = Repo::new();
    let checkout = repo.checkout("feature", true);
    let payload = pull_request(&checkout, &repo.base);
    let run = run_action(
        &checkout,
        "pull_request",
        payload,
        &[("paths", "src\ndocs/edit.md"), ("fail-on", "never")],
    );
    assert_eq!(run.status, 0, "{}", run.log);
    assert_eq!(run.outputs["errors"], "0", "{}", run.log);
    assert_eq!(run.outputs["warnings"], "2");
    assert!(!run.log.contains("old.md"));
}

#[test]
fn a_change_with_nothing_to_check_says_so_and_passes() {
    let repo = Repo::new();
    let checkout = repo.checkout("code-only", true);
    // Only code changed; then, under `docs`, nothing changed at all.
    for paths in [".", "docs"] {
        let payload = pull_request(&checkout, &repo.base);
        let run = run_action(
            &checkout,
            "pull_request",
            payload,
            &[
                ("fail-on", "warning"),
                ("paths", paths),
                ("sarif-file", "brandlint.sarif"),
            ],
        );
        assert_eq!(run.status, 0, "{}", run.log);
        assert!(run.annotations().is_empty(), "{}", run.check_stdout);
        assert!(
            run.log.contains("brandlint: no changed file to check"),
            "{}",
            run.log
        );
        assert!(run.summary.contains("no file was checked"));
        assert!(
            run.summary.contains("No changed file to check"),
            "{}",
            run.summary
        );
        assert_eq!(run.outputs["errors"], "0");
        assert!(!run.log.contains("old.md"));
        // Code scanning still gets a file, with no results, to close what was fixed.
        let sarif: Value = serde_json::from_slice(
            &std::fs::read(checkout.root.join("work/brandlint.sarif")).unwrap(),
        )
        .unwrap();
        assert_eq!(sarif["runs"][0]["results"], json!([]));
    }
}

#[test]
fn a_changed_rules_file_checks_everything() {
    let repo = Repo::new();
    let checkout = repo.checkout("new-rule", true);
    let payload = pull_request(&checkout, &repo.base);
    let run = run_action(&checkout, "pull_request", payload, &[]);
    assert_eq!(run.status, 1, "{}", run.log);
    assert!(
        run.check_stdout.contains("file=docs/old.md,"),
        "{}",
        run.log
    );
    assert!(run.log.contains("the rules file brandlint.toml changed"));
    assert!(run
        .summary
        .contains("The rules file `brandlint.toml` changed"));
}

#[test]
fn a_mistyped_input_fails_before_the_build() {
    let repo = Repo::new();
    let checkout = repo.checkout("feature", true);
    for (input, value, message) in [
        (
            "fail-on",
            "sometimes",
            "::error title=brandlint::fail-on must be error, warning or never, not \"sometimes\"",
        ),
        (
            "only-changed",
            "yes",
            "::error title=brandlint::only-changed must be auto, true or false, not \"yes\"",
        ),
        (
            "scope",
            "lines",
            "::error title=brandlint::scope must be changed-lines, changed-files or all, not \"lines\"",
        ),
    ] {
        let payload = pull_request(&checkout, &repo.base);
        let run = run_action(&checkout, "pull_request", payload, &[(input, value)]);
        assert_eq!(run.status, 1, "{}", run.log);
        assert_eq!(run.ran, ["Check the inputs"]);
        assert!(run.log.contains(message), "{}", run.log);
    }
}
