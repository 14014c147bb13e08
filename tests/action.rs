//! The GitHub Action (`action.yml`): its inputs reach its scripts only through `env:`, and its
//! steps, run in bash as the runner runs them, in a simulated GitHub environment (an event
//! payload, a checkout of a repository with a base and a head commit, the files GitHub gives
//! each step), annotate the changed files, write the step summary and the outputs, and pass
//! or fail as the inputs say.
//!
//! The build step is not run (cargo would build brandlint a second time); its command is
//! checked and its output, the binary, is the one these tests were built with.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use saphyr_parser::{Event, Parser};
use serde_json::{json, Map, Value};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const INPUTS: [&str; 5] = ["paths", "rules", "only-changed", "fail-on", "sarif-file"];
const BUILD_STEP: &str = "Build brandlint";

/// A YAML file as a JSON tree: mappings, sequences and every scalar as a string. Anchors,
/// aliases and duplicate keys are refused: action files need none of them.
fn parse_yaml(text: &str) -> Value {
    enum Frame {
        Map(Map<String, Value>, Option<String>),
        Seq(Vec<Value>),
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut root = None;
    for event in Parser::new_from_str(text) {
        let (event, _) = event.expect("valid YAML");
        let value = match event {
            Event::MappingStart(..) => {
                stack.push(Frame::Map(Map::new(), None));
                continue;
            }
            Event::SequenceStart(..) => {
                stack.push(Frame::Seq(Vec::new()));
                continue;
            }
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map(map, None)) => Value::Object(map),
                _ => panic!("unbalanced mapping"),
            },
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq(items)) => Value::Array(items),
                _ => panic!("unbalanced sequence"),
            },
            Event::Scalar(text, ..) => Value::String(text.into_owned()),
            Event::Alias(_) => panic!("aliases are not used in action files"),
            _ => continue,
        };
        match stack.last_mut() {
            None => root = Some(value),
            Some(Frame::Seq(items)) => items.push(value),
            Some(Frame::Map(map, key)) => match key.take() {
                None => match value {
                    Value::String(name) => *key = Some(name),
                    other => panic!("a mapping key that is not a string: {other}"),
                },
                Some(name) => {
                    assert!(
                        map.insert(name.clone(), value).is_none(),
                        "key `{name}` twice"
                    );
                }
            },
        }
    }
    root.expect("a YAML document")
}

fn read_yaml(path: &str) -> Value {
    let text = std::fs::read_to_string(Path::new(ROOT).join(path)).expect("the file exists");
    parse_yaml(&text)
}

fn action() -> Value {
    read_yaml("action.yml")
}

fn steps(action: &Value) -> &Vec<Value> {
    action["runs"]["steps"].as_array().expect("runs.steps")
}

/// The `${{ … }}` expressions in a string, trimmed.
fn expressions(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${{") {
        let end = rest[start..].find("}}").expect("a closed expression") + start;
        found.push(rest[start + 3..end].trim());
        rest = &rest[end + 2..];
    }
    found
}

/// Every string in a tree, with where it is (`runs.steps.3.env.INPUT_PATHS`).
fn strings<'a>(value: &'a Value, at: String, out: &mut Vec<(String, &'a str)>) {
    match value {
        Value::String(text) => out.push((at, text)),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, format!("{at}.{i}"), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let at = if at.is_empty() {
                    key.clone()
                } else {
                    format!("{at}.{key}")
                };
                strings(item, at, out);
            }
        }
        _ => {}
    }
}

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
        eprintln!("shellcheck is not installed: skipped");
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

/// The environment every git command runs in: no user or system configuration.
fn git_env(command: &mut Command) -> &mut Command {
    command
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Ada")
        .env("GIT_AUTHOR_EMAIL", "ada@example.com")
        .env("GIT_COMMITTER_NAME", "Ada")
        .env("GIT_COMMITTER_EMAIL", "ada@example.com")
        .env("GIT_TERMINAL_PROMPT", "0")
}

fn git(dir: &Path, args: &[&str]) -> String {
    let output = git_env(&mut Command::new("git"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_string()
}

/// A file a commit writes (`Some`) or deletes (`None`).
type Change<'a> = (&'a str, Option<&'a str>);

/// Makes the changes and commits them; returns the commit.
fn commit(repo: &Path, files: &[Change], message: &str) -> String {
    for (name, text) in files {
        let path = repo.join(name);
        match text {
            Some(text) => {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, text).unwrap();
            }
            None => std::fs::remove_file(&path).unwrap(),
        }
    }
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", message]);
    git(repo, &["rev-parse", "HEAD"])
}

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
        let branches: [(&str, Vec<Change>); 4] = [
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
        std::fs::create_dir(&root).unwrap();
        let url = format!("file://{}", self.dir.path().join("origin").display());
        let mut args = vec!["clone", "-q", "--branch", branch];
        if shallow {
            args.extend(["--depth", "1"]);
        }
        args.extend([url.as_str(), "work"]);
        git(&root, &args);
        let head = git(&root.join("work"), &["rev-parse", "HEAD"]);
        for folder in ["temp", "home"] {
            std::fs::create_dir(root.join(folder)).unwrap();
        }
        Checkout { root, head }
    }
}

fn uniq() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

struct Checkout {
    root: PathBuf,
    head: String,
}

/// What a run of the action left behind.
#[derive(Debug)]
struct Run {
    /// The exit status of the last step run: 0 when every step passed.
    status: i32,
    /// The names of the steps that ran, the skipped build step included.
    ran: Vec<String>,
    /// Everything the steps printed, stdout and stderr, in order per step.
    log: String,
    /// What the `Run brandlint` step printed on stdout.
    check_stdout: String,
    summary: String,
    /// The action's outputs, as the workflow sees them.
    outputs: BTreeMap<String, String>,
}

impl Run {
    fn annotations(&self) -> Vec<&str> {
        self.check_stdout
            .lines()
            .filter(|l| l.starts_with("::"))
            .collect()
    }
}

/// Runs the action's steps as the runner would for `event` (its name and payload) with the
/// inputs `with`, in the checkout.
fn run_action(checkout: &Checkout, event: &str, payload: Value, with: &[(&str, &str)]) -> Run {
    let action = action();
    let root = &checkout.root;
    let workspace = root.join("work");
    let event_path = root.join("event.json");
    std::fs::write(&event_path, payload.to_string()).unwrap();
    let summary_path = root.join("step-summary.md");
    let env_path = root.join("github-env");
    let path_path = root.join("github-path");
    for file in [&summary_path, &env_path, &path_path] {
        std::fs::write(file, "").unwrap();
    }

    let mut inputs = BTreeMap::new();
    for (name, input) in action["inputs"].as_object().unwrap() {
        inputs.insert(name.clone(), input["default"].as_str().unwrap().to_string());
    }
    for (name, value) in with {
        assert!(inputs.contains_key(*name), "no input `{name}`");
        inputs.insert(name.to_string(), value.to_string());
    }
    let github = BTreeMap::from([
        ("action_path".to_string(), ROOT.to_string()),
        ("workspace".to_string(), workspace.display().to_string()),
        ("event_name".to_string(), event.to_string()),
    ]);
    let runner = BTreeMap::from([
        ("os".to_string(), "Linux".to_string()),
        ("temp".to_string(), root.join("temp").display().to_string()),
    ]);
    let mut step_outputs: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let evaluate = |text: &str, step_outputs: &BTreeMap<String, BTreeMap<String, String>>| {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${{") {
            out.push_str(&rest[..start]);
            let end = rest[start..].find("}}").unwrap() + start;
            let expression = rest[start + 3..end].trim();
            let parts: Vec<&str> = expression.split('.').collect();
            let known = |map: &BTreeMap<String, String>, name: &str| {
                map.get(name)
                    .cloned()
                    .unwrap_or_else(|| panic!("unknown expression `{expression}`"))
            };
            let value = match parts.as_slice() {
                ["inputs", name] => known(&inputs, name),
                ["github", name] => known(&github, name),
                ["runner", name] => known(&runner, name),
                // A step output never written reads as empty, as on GitHub.
                ["steps", id, "outputs", name] => step_outputs
                    .get(*id)
                    .and_then(|o| o.get(*name))
                    .cloned()
                    .unwrap_or_default(),
                _ => panic!("an expression the simulation does not know: `{expression}`"),
            };
            out.push_str(&value);
            rest = &rest[end + 2..];
        }
        out.push_str(rest);
        out
    };

    let mut run = Run {
        status: 0,
        ran: Vec::new(),
        log: String::new(),
        check_stdout: String::new(),
        summary: String::new(),
        outputs: BTreeMap::new(),
    };
    for (i, step) in steps(&action).iter().enumerate() {
        let name = step["name"].as_str().expect("every step is named");
        let id = step["id"].as_str().unwrap_or_default().to_string();
        if step.get("uses").is_some() {
            // Nothing to cache here; its inputs must still be expressions known here.
            let mut all = Vec::new();
            strings(&step["with"], String::new(), &mut all);
            for (_, text) in all {
                evaluate(text, &step_outputs);
            }
            continue;
        }
        run.ran.push(name.to_string());
        if name == BUILD_STEP {
            let script = step["run"].as_str().unwrap();
            assert!(
                script.contains("cargo build --release --locked"),
                "{script}"
            );
            step_outputs.insert(
                id,
                BTreeMap::from([("bin".to_string(), env!("CARGO_BIN_EXE_brandlint").into())]),
            );
            continue;
        }
        let script_path = root.join(format!("step-{i}.sh"));
        std::fs::write(&script_path, step["run"].as_str().unwrap()).unwrap();
        let output_path = root.join(format!("step-{i}-output"));
        std::fs::write(&output_path, "").unwrap();
        let mut command = Command::new("bash");
        command
            .args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&script_path)
            .current_dir(&workspace)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", root.join("home"))
            .env("CI", "true")
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_EVENT_NAME", event)
            .env("GITHUB_EVENT_PATH", &event_path)
            .env("GITHUB_WORKSPACE", &workspace)
            .env("GITHUB_ACTION_PATH", ROOT)
            .env("GITHUB_STEP_SUMMARY", &summary_path)
            .env("GITHUB_OUTPUT", &output_path)
            .env("GITHUB_ENV", &env_path)
            .env("GITHUB_PATH", &path_path)
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_TEMP", root.join("temp"))
            .stdin(Stdio::null());
        git_env(&mut command);
        if let Some(env) = step["env"].as_object() {
            for (key, value) in env {
                command.env(key, evaluate(value.as_str().unwrap(), &step_outputs));
            }
        }
        let output = command.output().expect("bash runs");
        let stdout = String::from_utf8(output.stdout).expect("UTF-8 stdout");
        let stderr = String::from_utf8(output.stderr).expect("UTF-8 stderr");
        run.log.push_str(&stdout);
        run.log.push_str(&stderr);
        if id == "check" {
            run.check_stdout = stdout;
        }
        let written = std::fs::read_to_string(&output_path).unwrap();
        step_outputs.insert(id, parse_outputs(&written));
        if !output.status.success() {
            run.status = output.status.code().expect("bash exits");
            break;
        }
    }
    // The action changes nothing for the job's later steps.
    assert_eq!(std::fs::read_to_string(&env_path).unwrap(), "");
    assert_eq!(std::fs::read_to_string(&path_path).unwrap(), "");
    run.summary = std::fs::read_to_string(&summary_path).unwrap();
    for (name, output) in action["outputs"].as_object().unwrap() {
        let value = evaluate(output["value"].as_str().unwrap(), &step_outputs);
        run.outputs.insert(name.clone(), value);
    }
    run
}

/// `name=value` lines and `name<<DELIMITER` blocks, as GitHub reads a step's output file.
fn parse_outputs(text: &str) -> BTreeMap<String, String> {
    let mut outputs = BTreeMap::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some((name, delimiter)) = line.split_once("<<") {
            let value: Vec<&str> = lines.by_ref().take_while(|l| *l != delimiter).collect();
            outputs.insert(name.to_string(), value.join("\n"));
        } else if let Some((name, value)) = line.split_once('=') {
            outputs.insert(name.to_string(), value.to_string());
        } else {
            panic!("not an output line: {line:?}");
        }
    }
    outputs
}

fn pull_request(checkout: &Checkout, base: &str) -> Value {
    json!({
        "action": "synchronize",
        "number": 7,
        "pull_request": {
            "number": 7,
            "base": {"ref": "main", "sha": base},
            "head": {"ref": "feature", "sha": checkout.head},
        },
    })
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
    assert!(run.summary.contains("Checked the files changed since `"));

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
            .contains("::error title=brandlint::brandlint could not run (exit status 2)"),
        "{}",
        run.log
    );
    assert!(run
        .summary
        .contains("brandlint could not run (exit status 2)"));
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
        assert!(run.summary.contains("0 errors, 0 warnings in 0 files"));
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
    ] {
        let payload = pull_request(&checkout, &repo.base);
        let run = run_action(&checkout, "pull_request", payload, &[(input, value)]);
        assert_eq!(run.status, 1, "{}", run.log);
        assert_eq!(run.ran, ["Check the inputs"]);
        assert!(run.log.contains(message), "{}", run.log);
    }
}
