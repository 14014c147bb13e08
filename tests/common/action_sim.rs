//! The GitHub runner, simulated for the action's tests (`tests/action.rs`,
//! `tests/action_security.rs`): `action.yml` read as the runner reads it, its steps run in
//! bash with the files and variables GitHub gives each step (an event payload, a checkout of
//! a repository, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP), and what they left.
//!
//! The build step is not run unless asked (cargo would build brandlint a second time); its
//! output, the binary, is the one these tests were built with.

#![allow(dead_code)] // each test crate uses its own subset

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use saphyr_parser::{Event, Parser};
use serde_json::{json, Map, Value};

pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");
pub const BUILD_STEP: &str = "Build brandlint";

/// A YAML file as a JSON tree: mappings, sequences and every scalar as a string. Anchors,
/// aliases and duplicate keys are refused: action files need none of them.
pub fn parse_yaml(text: &str) -> Value {
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

pub fn read_yaml(path: &str) -> Value {
    let text = std::fs::read_to_string(Path::new(ROOT).join(path)).expect("the file exists");
    parse_yaml(&text)
}

pub fn action() -> Value {
    read_yaml("action.yml")
}

pub fn steps(action: &Value) -> &Vec<Value> {
    action["runs"]["steps"].as_array().expect("runs.steps")
}

/// The `${{ … }}` expressions in a string, trimmed.
pub fn expressions(text: &str) -> Vec<&str> {
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
pub fn strings<'a>(value: &'a Value, at: String, out: &mut Vec<(String, &'a str)>) {
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

/// The environment every git command runs in: no user or system configuration.
pub fn git_env(command: &mut Command) -> &mut Command {
    command
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Ada")
        .env("GIT_AUTHOR_EMAIL", "ada@example.com")
        .env("GIT_COMMITTER_NAME", "Ada")
        .env("GIT_COMMITTER_EMAIL", "ada@example.com")
        .env("GIT_TERMINAL_PROMPT", "0")
}

pub fn git(dir: &Path, args: &[&str]) -> String {
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
pub type Change<'a> = (&'a str, Option<&'a str>);

/// Makes the changes and commits them; returns the commit.
pub fn commit(repo: &Path, files: &[Change], message: &str) -> String {
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

pub fn uniq() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A checkout of a branch for one run: `root/work` is the workspace, `root/temp` is
/// RUNNER_TEMP and `root/home` is HOME; everything else under `root` is outside the
/// workspace.
pub struct Checkout {
    pub root: PathBuf,
    pub head: String,
}

impl Checkout {
    /// Clones `branch` of `origin` into `root/work`, shallow (as actions/checkout does by
    /// default) or with all history, and makes RUNNER_TEMP and HOME beside it.
    pub fn clone(origin: &Path, root: &Path, branch: &str, shallow: bool) -> Checkout {
        std::fs::create_dir_all(root).unwrap();
        let url = format!("file://{}", origin.display());
        let mut args = vec!["clone", "-q", "--branch", branch];
        if shallow {
            args.extend(["--depth", "1"]);
        }
        args.extend([url.as_str(), "work"]);
        git(root, &args);
        let head = git(&root.join("work"), &["rev-parse", "HEAD"]);
        for folder in ["temp", "home"] {
            std::fs::create_dir_all(root.join(folder)).unwrap();
        }
        Checkout {
            root: root.to_path_buf(),
            head,
        }
    }

    pub fn workspace(&self) -> PathBuf {
        self.root.join("work")
    }
}

/// What a run of the action left behind.
#[derive(Debug)]
pub struct Run {
    /// The exit status of the last step run: 0 when every step passed.
    pub status: i32,
    /// The names of the steps that ran, the skipped build step included.
    pub ran: Vec<String>,
    /// Everything the steps printed, stdout and stderr, in order per step.
    pub log: String,
    /// What the `Run brandlint` step printed on stdout.
    pub check_stdout: String,
    pub summary: String,
    /// The action's outputs, as the workflow sees them.
    pub outputs: BTreeMap<String, String>,
    /// What the steps wrote to their GITHUB_OUTPUT files, as written.
    pub raw_outputs: String,
}

impl Run {
    pub fn annotations(&self) -> Vec<&str> {
        self.check_stdout
            .lines()
            .filter(|l| l.starts_with("::") && !l.starts_with("::stop-commands::"))
            .filter(|l| !is_resume(l))
            .collect()
    }
}

/// `::TOKEN::`, the line that resumes workflow commands.
fn is_resume(line: &str) -> bool {
    line.len() > 4
        && line.starts_with("::")
        && line.ends_with("::")
        && line[2..line.len() - 2]
            .bytes()
            .all(|b| b.is_ascii_hexdigit())
}

/// How to run the action beyond its inputs.
#[derive(Default)]
pub struct Options {
    /// Run the build step's script too, with these folders first on PATH (where a test puts
    /// a `cargo` of its own); the binary it names is then replaced by the tested one.
    pub build_with_path: Option<Vec<PathBuf>>,
    /// The brandlint binary the check step runs (default: the one these tests built).
    pub bin: Option<PathBuf>,
    /// Variables of the job's environment, as a workflow's `env:` sets them.
    pub env: Vec<(String, String)>,
}

/// The variables of the test's own environment a step keeps: where the Rust toolchains are
/// (HOME is the run's own, where rustup would find none).
fn toolchain_env() -> Vec<(&'static str, std::ffi::OsString)> {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let mut env = Vec::new();
    for (name, default) in [("RUSTUP_HOME", ".rustup"), ("CARGO_HOME", ".cargo")] {
        let value = std::env::var_os(name).unwrap_or_else(|| home.join(default).into());
        env.push((name, value));
    }
    env
}

/// Runs the action's steps as the runner would for `event` (its name and payload) with the
/// inputs `with`, in the checkout.
pub fn run_action(checkout: &Checkout, event: &str, payload: Value, with: &[(&str, &str)]) -> Run {
    run_action_with(checkout, event, payload, with, &Options::default())
}

/// [`run_action`] with [`Options`].
pub fn run_action_with(
    checkout: &Checkout,
    event: &str,
    payload: Value,
    with: &[(&str, &str)],
    options: &Options,
) -> Run {
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
        raw_outputs: String::new(),
    };
    let tested_bin = options
        .bin
        .clone()
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_brandlint")));
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
        let mut path = std::env::var_os("PATH").unwrap_or_default();
        if name == BUILD_STEP {
            let script = step["run"].as_str().unwrap();
            assert!(
                script.contains("cargo build --release --locked"),
                "{script}"
            );
            let Some(first) = &options.build_with_path else {
                step_outputs.insert(
                    id,
                    BTreeMap::from([("bin".to_string(), tested_bin.display().to_string())]),
                );
                continue;
            };
            let mut folders = first.clone();
            folders.extend(std::env::split_paths(&path));
            path = std::env::join_paths(folders).unwrap();
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
            .env("PATH", &path)
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
        for (key, value) in toolchain_env() {
            command.env(key, value);
        }
        git_env(&mut command);
        for (key, value) in &options.env {
            command.env(key, value);
        }
        if let Some(env) = step["env"].as_object() {
            for (key, value) in env {
                command.env(key, evaluate(value.as_str().unwrap(), &step_outputs));
            }
        }
        let output = command.output().expect("bash runs");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        run.log.push_str(&stdout);
        run.log.push_str(&stderr);
        if id == "check" {
            run.check_stdout = stdout;
        }
        let written = std::fs::read_to_string(&output_path).unwrap();
        run.raw_outputs.push_str(&written);
        let mut parsed = parse_outputs(&written);
        if name == BUILD_STEP && output.status.success() {
            // What the build made is not brandlint; the check runs the tested binary.
            parsed.insert("bin".to_string(), tested_bin.display().to_string());
        }
        step_outputs.insert(id, parsed);
        if !output.status.success() {
            run.status = output.status.code().unwrap_or(128);
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
pub fn parse_outputs(text: &str) -> BTreeMap<String, String> {
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

/// A `pull_request` event's payload for the checkout, from a branch of the same repository.
pub fn pull_request(checkout: &Checkout, base: &str) -> Value {
    json!({
        "action": "synchronize",
        "number": 7,
        "repository": {"full_name": "acme/site"},
        "pull_request": {
            "number": 7,
            "base": {"ref": "main", "sha": base, "repo": {"full_name": "acme/site", "fork": false}},
            "head": {"ref": "feature", "sha": checkout.head, "repo": {"full_name": "acme/site", "fork": false}},
        },
    })
}

/// The same from a fork: another repository's branch.
pub fn pull_request_from_fork(checkout: &Checkout, base: &str) -> Value {
    let mut event = pull_request(checkout, base);
    event["pull_request"]["head"]["repo"] = json!({"full_name": "mallory/site", "fork": true});
    event
}
