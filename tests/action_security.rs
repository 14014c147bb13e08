//! The action against a hostile pull request: every attack found on it, replayed in the
//! simulated runner (`tests/common/action_sim.rs`) with a base commit and a pull request's
//! commit, and every run held to the same promises:
//!
//! - nothing from the workspace runs: the attackers' programs (a `hashlib.py`, a toolchain
//!   named by `rust-toolchain.toml`, a `rustc-wrapper` in `.cargo/config.toml`) would each
//!   leave a marker file beside the workspace, and none is there;
//! - no workflow command is formed but the action's own: the log is read as the runner reads
//!   it (`::name …::` at a line start, `##[name …]` anywhere else, commands stopped between
//!   `::stop-commands::TOKEN` and `::TOKEN::`), and its commands are brandlint's annotations
//!   (as many of each level as the counts say, at most 10, errors first), the action's
//!   `::error title=brandlint::` lines and its stop and resume;
//! - no byte of a secret outside the workspace (a random token in HOME, and an
//!   `http.extraheader` in `.git/config`, as actions/checkout writes it) reaches the log, the
//!   summary, the outputs or the SARIF file;
//! - nothing outside the workspace is written (RUNNER_TEMP and the build's cache aside);
//! - the outputs are lines `name=value` with no carriage return;
//! - memory stays bounded (the peak resident size of every finished child, under 1 GiB)
//!   and time is bounded by the action's own timeout, which fails the step.
//!
//! One origin repository (bare) is shared by every case: each pushes its own branch, made
//! from the same base commit.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

#[path = "common/action_sim.rs"]
mod sim;
use sim::*;

/// The base commit's rules: the term rule comes through `extends`.
const BASE_RULES: &str = r#"[brand]
extends = ["rules/common.toml"]

[[banned]]
phrases = ["world-class"]
severity = "warning"
"#;

const COMMON_RULES: &str = r#"[[term]]
name = "GitHub"
severity = "error"
"#;

/// What a pull request does to one path.
enum Entry {
    File(Vec<u8>),
    /// An executable file.
    Program(String),
    /// A symbolic link to this target.
    Link(String),
}

fn file(text: impl Into<Vec<u8>>) -> Entry {
    Entry::File(text.into())
}

fn link(target: &str) -> Entry {
    Entry::Link(target.to_string())
}

/// The shared origin: a bare repository whose `main` holds the base commit.
struct Origin {
    dir: PathBuf,
    base: String,
}

fn origin() -> &'static Origin {
    static ORIGIN: OnceLock<Origin> = OnceLock::new();
    ORIGIN.get_or_init(|| {
        let parent = Path::new(env!("CARGO_TARGET_TMPDIR"));
        remove_stale_origins(parent);
        let dir = parent.join(format!("action-security-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let bare = dir.join("origin.git");
        git(&dir, &["init", "-q", "--bare", "-b", "main", "origin.git"]);
        let scratch = dir.join("scratch");
        git(&dir, &["init", "-q", "-b", "main", "scratch"]);
        let base = commit_entries(
            &scratch,
            &[
                ("brandlint.toml", file(BASE_RULES)),
                ("rules/common.toml", file(COMMON_RULES)),
                ("docs/old.md", file("Github was here before the change.\n")),
                ("docs/page.md", file("Plain words.\n")),
                ("docs/ok.md", file("Plain words.\n")),
            ],
        );
        git(
            &scratch,
            &["push", "-q", bare.to_str().unwrap(), "HEAD:refs/heads/main"],
        );
        Origin { dir: bare, base }
    })
}

/// Removes the origins that runs of this file left and that no running process owns.
fn remove_stale_origins(parent: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix("action-security-") else {
            continue;
        };
        if cfg!(target_os = "linux") && !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Writes the entries in the work tree `repo` and commits everything; returns the commit.
fn commit_entries(repo: &Path, entries: &[(&str, Entry)]) -> String {
    use std::os::unix::fs::PermissionsExt;
    for (name, entry) in entries {
        let path = repo.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        if path.symlink_metadata().is_ok() {
            std::fs::remove_file(&path).unwrap();
        }
        match entry {
            Entry::File(bytes) => std::fs::write(&path, bytes).unwrap(),
            Entry::Program(text) => {
                std::fs::write(&path, text).unwrap();
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
            }
            Entry::Link(target) => std::os::unix::fs::symlink(target, &path).unwrap(),
        }
    }
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "change"]);
    git(repo, &["rev-parse", "HEAD"])
}

/// Random hex, from /dev/urandom.
fn random_hex() -> String {
    use std::io::Read;
    let mut bytes = [0u8; 12];
    std::fs::File::open("/dev/urandom")
        .unwrap()
        .read_exact(&mut bytes)
        .unwrap();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// One attack: a folder of its own (`root`: the workspace, RUNNER_TEMP, HOME with secrets,
/// and the places the attackers' markers would go), its branch in the shared origin, and its
/// checkout.
struct Attack {
    _dir: tempfile::TempDir,
    root: PathBuf,
    checkout: Checkout,
    /// Strings that must never leave their files.
    secrets: Vec<String>,
}

/// Where an attacker's program leaves its marker: beside the workspace.
fn marker(root: &Path, name: &str) -> PathBuf {
    root.join(format!("pwned-{name}"))
}

impl Attack {
    /// Makes the pull request: `changes` (given the attack's root, where the checkout will
    /// be) committed on a branch made from the base commit.
    fn new(name: &str, changes: impl FnOnce(&Path) -> Vec<(String, Entry)>) -> Attack {
        let origin = origin();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("run");
        std::fs::create_dir_all(root.join("home")).unwrap();

        // The secrets: a token in HOME, a rules-like file and a git configuration there.
        let token = format!("SECRET-TOKEN-{}", random_hex());
        let home_toml = format!("SECRET-TOML-{}", random_hex());
        let header = format!("SECRET-HEADER-{}", random_hex());
        std::fs::write(root.join("home/.secret-token"), format!("{token}\n")).unwrap();
        std::fs::write(
            root.join("home/credentials.toml"),
            format!("token = \"{home_toml}\"\n[[term]]\nname = \"{home_toml}\"\n"),
        )
        .unwrap();
        std::fs::write(
            root.join("home/.gitconfig"),
            format!("[user]\n\tname = {token}\n"),
        )
        .unwrap();

        // The branch, pushed to the shared origin.
        let scratch = dir.path().join("scratch");
        git(
            dir.path(),
            &[
                "clone",
                "-q",
                origin.dir.to_str().unwrap(),
                scratch.to_str().unwrap(),
            ],
        );
        let branch = format!("attack-{name}-{}", uniq());
        git(&scratch, &["checkout", "-q", "-b", &branch, &origin.base]);
        let entries = changes(&root);
        let entries: Vec<(&str, Entry)> = entries.into_iter().map(|(n, e)| (leak(n), e)).collect();
        commit_entries(&scratch, &entries);
        git(&scratch, &["push", "-q", "origin", &branch]);
        std::fs::remove_dir_all(&scratch).unwrap();

        let checkout = Checkout::clone(&origin.dir, &root, &branch, true);
        // As actions/checkout leaves it: the token that fetches, in the repository's config.
        git(
            &checkout.workspace(),
            &[
                "config",
                "--local",
                "http.https://github.com/.extraheader",
                &format!("AUTHORIZATION: basic {header}"),
            ],
        );
        let mut secrets = vec![token, home_toml, header];
        // Lines of the system's files the attacks reach for.
        if let Ok(passwd) = std::fs::read_to_string("/etc/passwd") {
            secrets.extend(passwd.lines().take(1).map(str::to_string));
        }
        if let Ok(hostname) = std::fs::read_to_string("/etc/hostname") {
            let hostname = hostname.trim();
            if hostname.len() >= 8 {
                secrets.push(hostname.to_string());
            }
        }
        Attack {
            _dir: dir,
            root,
            checkout,
            secrets,
        }
    }

    fn workspace(&self) -> PathBuf {
        self.checkout.workspace()
    }

    /// The event of a pull request from a fork.
    fn fork_event(&self) -> Value {
        pull_request_from_fork(&self.checkout, &origin().base)
    }

    /// The event of a pull request from a branch of the repository itself.
    fn own_event(&self) -> Value {
        pull_request(&self.checkout, &origin().base)
    }

    /// Runs the action on a pull request from a fork, and holds the run to every promise.
    fn run(&self, with: &[(&str, &str)]) -> Run {
        self.run_with(self.fork_event(), with, &Options::default())
    }

    fn run_with(&self, event: Value, with: &[(&str, &str)], options: &Options) -> Run {
        let before = snapshot(&self.root);
        let run = run_action_with(&self.checkout, "pull_request", event, with, options);
        let after = snapshot(&self.root);
        self.hold(&run, with, &before, &after);
        run
    }

    /// The promises every run keeps.
    fn hold(
        &self,
        run: &Run,
        with: &[(&str, &str)],
        before: &BTreeMap<String, Vec<u8>>,
        after: &BTreeMap<String, Vec<u8>>,
    ) {
        let context = || format!("log:\n{}\nsummary:\n{}", run.log, run.summary);
        // No attacker's program ran.
        for entry in std::fs::read_dir(&self.root).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(
                !name.starts_with("pwned-"),
                "{name} was made\n{}",
                context()
            );
        }
        // Nothing outside the workspace was written.
        assert_eq!(
            changed_files(before, after),
            Vec::<String>::new(),
            "files outside the workspace changed\n{}",
            context()
        );
        // No secret came out.
        let sarif = with
            .iter()
            .find(|(name, _)| *name == "sarif-file")
            .filter(|(_, path)| !path.starts_with(".git"))
            .map(|(_, path)| self.workspace().join(path))
            .filter(|path| !path.is_symlink())
            .filter(|path| {
                path.canonicalize()
                    .is_ok_and(|real| real.starts_with(self.workspace().canonicalize().unwrap()))
            })
            .map(|path| String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned())
            .unwrap_or_default();
        for secret in &self.secrets {
            for (what, text) in [
                ("log", &run.log),
                ("summary", &run.summary),
                ("outputs", &run.raw_outputs),
                ("SARIF", &sarif),
            ] {
                assert!(
                    !text.contains(secret.as_str()),
                    "the {what} holds a secret ({secret})\n{}",
                    context()
                );
            }
        }
        // The outputs are plain lines.
        assert!(!run.raw_outputs.contains('\r'), "{:?}", run.raw_outputs);
        for line in run.raw_outputs.lines() {
            let (name, _) = line.split_once('=').expect("name=value");
            assert!(
                name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{line:?}"
            );
        }
        for name in ["errors", "warnings", "infos"] {
            let value = &run.outputs[name];
            assert!(
                value.is_empty() || value.parse::<u64>().is_ok(),
                "{name}={value}"
            );
        }
        let sarif_output = &run.outputs["sarif-file"];
        if !sarif_output.is_empty() {
            let path = self.workspace().join(sarif_output);
            assert!(path.is_file() && !path.is_symlink(), "{sarif_output}");
            let real = path.canonicalize().unwrap();
            assert!(real.starts_with(self.workspace().canonicalize().unwrap()));
        }
        // The only workflow commands are the action's and brandlint's annotations.
        assert_commands_are_ours(run, &self.workspace());
        assert_memory_bounded();
    }
}

/// Makes a `String` a `&'static str`, for the table of a commit's entries.
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// Every file under `root` outside the workspace, RUNNER_TEMP, the build's cache and the
/// simulation's own files, with its contents (a link: its target).
fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            let name = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let simulation = name.starts_with("step-")
                || ["event.json", "github-env", "github-path"].contains(&name.as_str());
            if ["work", "temp", "home/.cache"].contains(&name.as_str()) || simulation {
                continue;
            }
            let kind = entry.file_type().unwrap();
            if kind.is_symlink() {
                let target = std::fs::read_link(&path).unwrap();
                files.insert(name, target.to_string_lossy().as_bytes().to_vec());
            } else if kind.is_dir() {
                files.insert(format!("{name}/"), Vec::new());
                stack.push(path);
            } else {
                files.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn changed_files(
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
) -> Vec<String> {
    let mut changed: Vec<String> = after
        .iter()
        .filter(|(name, bytes)| before.get(*name) != Some(bytes))
        .map(|(name, _)| name.clone())
        .collect();
    changed.extend(before.keys().filter(|n| !after.contains_key(*n)).cloned());
    changed
}

/// A workflow command as the runner reads it from the log.
#[derive(Debug)]
struct WorkflowCommand {
    name: String,
    properties: BTreeMap<String, String>,
    message: String,
    line: String,
}

/// The commands in a log, read as the runner reads them: a line ends at CR, LF or CR LF; a
/// line starting (after white space) with `::name` is a command up to its `::`; in any other
/// line, `##[name …]` is one; after `::stop-commands::TOKEN` nothing is a command until
/// the line `::TOKEN::`.
fn workflow_commands(log: &str) -> Vec<WorkflowCommand> {
    let mut commands = Vec::new();
    let mut stopped: Option<String> = None;
    for line in log.split(['\n', '\r']) {
        let trimmed = line.trim_start();
        if let Some(token) = &stopped {
            if trimmed.trim_end() == format!("::{token}::") {
                stopped = None;
            }
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("::") {
            let Some((head, message)) = rest.split_once("::") else {
                continue;
            };
            let (name, props) = head.split_once(' ').unwrap_or((head, ""));
            let properties = props
                .split(',')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let (k, v) = p.split_once('=').unwrap_or((p, ""));
                    (k.to_string(), unescape(v))
                })
                .collect();
            if name == "stop-commands" {
                stopped = Some(message.to_string());
            }
            commands.push(WorkflowCommand {
                name: name.to_string(),
                properties,
                message: message.to_string(),
                line: line.to_string(),
            });
            continue;
        }
        let mut rest = line;
        while let Some(start) = rest.find("##[") {
            let after = &rest[start + 3..];
            let end = after.find(']').unwrap_or(after.len());
            let head = &after[..end];
            let name = head.split([' ', ';']).next().unwrap_or_default();
            commands.push(WorkflowCommand {
                name: format!("##[{name}"),
                properties: BTreeMap::new(),
                message: String::new(),
                line: line.to_string(),
            });
            rest = &after[end.min(after.len())..];
        }
    }
    commands
}

/// A property's value, unescaped as the runner does.
fn unescape(value: &str) -> String {
    value
        .replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

/// Asserts that the log's workflow commands are the action's own (its stop and resume, its
/// `::error title=brandlint::`) and brandlint's annotations: of each level as many as the
/// outputs count, at most 10, errors first, each on a file of the workspace, or on the rules
/// file brandlint could not use.
fn assert_commands_are_ours(run: &Run, workspace: &Path) {
    let commands = workflow_commands(&run.log);
    let mut levels = Vec::new();
    for command in &commands {
        match command.name.as_str() {
            "stop-commands" => assert!(
                command.message.len() >= 32
                    && command.message.bytes().all(|b| b.is_ascii_hexdigit()),
                "a stop token not the action's: {command:?}"
            ),
            "error" | "warning" | "notice" => {
                let keys: Vec<&str> = command.properties.keys().map(String::as_str).collect();
                for key in &keys {
                    assert!(
                        ["file", "line", "endLine", "col", "endColumn", "title"].contains(key),
                        "an annotation property `{key}`: {command:?}\n{}",
                        run.log
                    );
                }
                if keys == ["title"] && command.properties["title"] == "brandlint" {
                    assert_eq!(command.name, "error", "{command:?}");
                    continue;
                }
                let file = command.properties.get("file").unwrap_or_else(|| {
                    panic!("an annotation on no file: {command:?}\n{}", run.log)
                });
                assert!(
                    workspace.join(file).symlink_metadata().is_ok(),
                    "an annotation on a file that is not in the workspace: {command:?}\n{}",
                    run.log
                );
                levels.push(command.name.as_str());
            }
            _ => panic!(
                "a workflow command was formed by the line {:?}: {command:?}\nlog:\n{}",
                command.line, run.log
            ),
        }
    }
    // Errors, then warnings, then notices.
    let rank = |level: &str| {
        ["error", "warning", "notice"]
            .iter()
            .position(|l| *l == level)
    };
    assert!(
        levels.windows(2).all(|w| rank(w[0]) <= rank(w[1])),
        "{levels:?}"
    );
    for (level, output) in [
        ("error", "errors"),
        ("warning", "warnings"),
        ("notice", "infos"),
    ] {
        let count = levels.iter().filter(|l| **l == level).count();
        match run.outputs[output].parse::<usize>() {
            Ok(n) => assert_eq!(count, n.min(10), "{level} annotations\n{}", run.log),
            // No whole report: at most the one error on the rules file.
            Err(_) => assert!(
                count <= usize::from(level == "error"),
                "{level} annotations\n{}",
                run.log
            ),
        }
    }
}

/// The largest resident size of any finished child of this process (every step, and
/// brandlint under it), in bytes.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn peak_child_memory() -> Option<u64> {
    #[repr(C)]
    struct Timeval {
        sec: i64,
        usec: i64,
    }
    #[repr(C)]
    struct Rusage {
        utime: Timeval,
        stime: Timeval,
        maxrss: i64,
        rest: [i64; 13],
    }
    extern "C" {
        fn getrusage(who: i32, usage: *mut Rusage) -> i32;
    }
    const RUSAGE_CHILDREN: i32 = -1;
    let mut usage = std::mem::MaybeUninit::<Rusage>::zeroed();
    // SAFETY: getrusage fills the struct, laid out as Linux's on 64-bit targets.
    let usage = unsafe {
        if getrusage(RUSAGE_CHILDREN, usage.as_mut_ptr()) != 0 {
            return None;
        }
        usage.assume_init()
    };
    // Kibibytes on Linux.
    Some(usage.maxrss as u64 * 1024)
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn peak_child_memory() -> Option<u64> {
    None
}

fn assert_memory_bounded() {
    if let Some(peak) = peak_child_memory() {
        assert!(peak < 1 << 30, "a child used {} MiB", peak >> 20);
    }
}

// ---------------------------------------------------------------------------------------
// 1. Running code from the workspace.

/// The programs a pull request brings: Python modules that shadow the standard library's, a
/// Rust toolchain in the workspace named by rust-toolchain.toml, and a rustc-wrapper named
/// by .cargo/config.toml. Each leaves a marker beside the workspace when run.
fn code_attack() -> Attack {
    Attack::new("code", |root| {
        let touch = |name: &str| marker(root, name).display().to_string();
        let python = |name: &str| {
            format!(
                "open({:?}, 'w').close()\nfrom importlib import import_module\n",
                touch(name)
            )
        };
        let workspace = root.join("work");
        vec![
            ("hashlib.py".into(), file(python("hashlib"))),
            ("json.py".into(), file(python("json"))),
            (
                "rust-toolchain.toml".into(),
                file(format!(
                    "[toolchain]\npath = \"{}\"\n",
                    workspace.join("evil").display()
                )),
            ),
            (
                "evil/bin/rustc".into(),
                Entry::Program(format!(
                    "#!/bin/sh\ntouch '{}'\necho 'rustc 1.0.0 (evil)'\necho 'host: x86_64-unknown-linux-gnu'\necho 'release: 1.0.0'\n",
                    touch("toolchain-rustc")
                )),
            ),
            (
                "evil/bin/cargo".into(),
                Entry::Program(format!("#!/bin/sh\ntouch '{}'\n", touch("toolchain-cargo"))),
            ),
            (
                ".cargo/config.toml".into(),
                file("[build]\nrustc-wrapper = \"evil/wrap.sh\"\n"),
            ),
            (
                "evil/wrap.sh".into(),
                Entry::Program(format!(
                    "#!/bin/sh\ntouch '{}'\nexec \"$@\"\n",
                    touch("rustc-wrapper")
                )),
            ),
            ("docs/page.md".into(), file("A world-class page.\n")),
        ]
    })
}

/// A folder with a `cargo` that stands in for the build step's: it records where it ran
/// and with which toolchain, then builds a small crate with the real cargo from that same
/// folder and environment, as the step's build would (cargo reads `.cargo/config.toml` and
/// rustup `rust-toolchain.toml` from the folder it runs in, whatever the manifest).
fn cargo_stand_in(root: &Path) -> (PathBuf, PathBuf) {
    let bin = root.join("stand-in");
    let krate = root.join("temp/small-crate");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::create_dir_all(krate.join("src")).unwrap();
    std::fs::write(
        krate.join("Cargo.toml"),
        "[package]\nname = \"small\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    )
    .unwrap();
    std::fs::write(krate.join("src/main.rs"), "fn main() {}\n").unwrap();
    let record = root.join("temp/stand-in.log");
    let path = std::env::var("PATH").unwrap_or_default();
    let script = format!(
        "#!/bin/sh\n{{ pwd; printf '%s\\n' \"${{RUSTUP_TOOLCHAIN-}}\" \"$*\"; }} >'{record}'\nPATH='{path}' exec cargo build --offline --quiet --manifest-path '{manifest}'\n",
        record = record.display(),
        manifest = krate.join("Cargo.toml").display(),
    );
    let cargo = bin.join("cargo");
    std::fs::write(&cargo, script).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&cargo, std::fs::Permissions::from_mode(0o755)).unwrap();
    (bin, record)
}

#[test]
fn code_from_the_workspace_never_runs() {
    let attack = code_attack();
    let (bin, record) = cargo_stand_in(&attack.root);
    let options = Options {
        build_with_path: Some(vec![bin]),
        ..Options::default()
    };
    // On a fork and on the repository's own branch (rules from head), with SARIF.
    for event in [attack.fork_event(), attack.own_event()] {
        let run = attack.run_with(event, &[("sarif-file", "brandlint.sarif")], &options);
        assert_eq!(
            run.ran,
            ["Check the inputs", BUILD_STEP, "Run brandlint"],
            "{}",
            run.log
        );
        assert_eq!(run.status, 0, "{}", run.log);
        assert_eq!(run.outputs["warnings"], "1", "{}", run.log);
        // The build ran in the action's folder with the toolchain pinned.
        let recorded = std::fs::read_to_string(&record).unwrap();
        let lines: Vec<&str> = recorded.lines().collect();
        assert_eq!(
            Path::new(lines[0]).canonicalize().unwrap(),
            Path::new(ROOT).canonicalize().unwrap()
        );
        assert!(!lines[1].is_empty(), "RUSTUP_TOOLCHAIN is set: {recorded}");
        assert!(lines[2].contains("build --release --locked"), "{recorded}");
    }
}

/// The attacks of `code_from_the_workspace_never_runs` are real: run from the workspace, as
/// the action once ran them, each program runs.
#[test]
fn the_code_attacks_work_from_the_workspace() {
    let attack = code_attack();
    let workspace = attack.workspace();
    let run = |program: &str, args: &[&str], env: &[(&str, &str)]| {
        let mut command = Command::new(program);
        command
            .args(args)
            .current_dir(&workspace)
            .env_remove("RUSTUP_TOOLCHAIN");
        for (key, value) in env {
            command.env(key, value);
        }
        let _ = command.output().expect("runs");
    };
    run("python3", &["-c", "import hashlib"], &[]);
    assert!(marker(&attack.root, "hashlib").exists(), "python3 -");
    run("rustc", &["-vV"], &[]);
    assert!(
        marker(&attack.root, "toolchain-rustc").exists(),
        "rust-toolchain.toml"
    );
    let (_, _) = cargo_stand_in(&attack.root);
    let manifest = attack.root.join("temp/small-crate/Cargo.toml");
    let target = attack.root.join("temp/target");
    run(
        "cargo",
        &[
            "build",
            "--offline",
            "--quiet",
            "--manifest-path",
            manifest.to_str().unwrap(),
        ],
        &[
            ("RUSTUP_TOOLCHAIN", "stable"),
            ("CARGO_TARGET_DIR", target.to_str().unwrap()),
        ],
    );
    assert!(
        marker(&attack.root, "rustc-wrapper").exists(),
        ".cargo/config.toml"
    );
}

// ---------------------------------------------------------------------------------------
// 2. Forging workflow commands, outputs and the summary.

/// Twelve errors in a file sorted before `docs/`, so that the findings in the forged names
/// come past the annotation limit, as plain log lines.
fn many_errors() -> Entry {
    file(
        (1..=12)
            .map(|n| format!("Github, line {n}.\n\n"))
            .collect::<String>(),
    )
}

const FORGED_NAMES: [&str; 7] = [
    "docs/::error title=Forged::All checks passed.md",
    "docs/::stop-commands::tok.md",
    "docs/::set-output name=sarif-file::evil.md",
    "docs/x\n::add-mask::hidden\n.md",
    "docs/cr\r::error::forged by a carriage return.md",
    "docs/##[warning]forged.md",
    "docs/##[set-output name=sarif-file;]evil.md",
];

#[test]
fn file_names_form_no_command() {
    let attack = Attack::new("names", |_| {
        let mut changes = vec![("aaa/many.md".to_string(), many_errors())];
        for name in FORGED_NAMES {
            changes.push((name.to_string(), file("Github and a world-class launch.\n")));
        }
        // Twelve warnings too, so warnings also pass the limit.
        for n in 0..12 {
            changes.push((format!("aaa/w{n:02}.md"), file("A world-class day.\n")));
        }
        changes
    });
    let with = [("sarif-file", "brandlint.sarif"), ("fail-on", "never")];
    let run = attack.run(&with);
    assert_eq!(run.status, 0, "{}", run.log);
    assert_eq!(run.outputs["errors"], (12 + FORGED_NAMES.len()).to_string());
    assert_eq!(run.outputs["sarif-file"], "brandlint.sarif");
    // Every forged file was checked, and is in the SARIF file.
    let sarif = std::fs::read_to_string(attack.workspace().join("brandlint.sarif")).unwrap();
    assert!(sarif.contains("add-mask"), "{sarif}");
    assert!(
        run.summary.contains("not shown as annotations"),
        "{}",
        run.summary
    );
    assert_summary_composed(&run);
}

/// The rules of a pull request write commands through a rule's id, its message and the
/// matched text.
#[test]
fn rules_form_no_command() {
    let attack = Attack::new("rule-text", |_| {
        let rules = r###"[[pattern]]
id = "x\n::error title=Forged::by a rule id\n##[add-mask]y"
regex = "Github|##\\[[a-z-]+[^\\n]*"
message = "##[set-output name=sarif-file;]/etc/shadow: {match}\r::warning::by a message"
severity = "error"
"###;
        vec![
            ("aaa/many.md".into(), many_errors()),
            ("brandlint.toml".into(), file(rules)),
            (
                "docs/page.md".into(),
                file("##[error]matched text\n\n##[set-output name=errors;]0\n"),
            ),
        ]
    });
    let run = attack.run(&[
        ("rules-from", "head"),
        ("fail-on", "never"),
        ("sarif-file", "brandlint.sarif"),
    ]);
    assert_eq!(run.status, 0, "{}", run.log);
    assert_eq!(run.outputs["sarif-file"], "brandlint.sarif");
    let errors: usize = run.outputs["errors"].parse().unwrap();
    assert!(errors > 12, "{}", run.log);
    assert_summary_composed(&run);
}

/// A rules file brandlint cannot use, full of commands: its lines are quoted in the log with
/// commands stopped, the step fails, and the outputs are written, empty.
#[test]
fn a_broken_rules_file_forms_no_command_and_sets_no_output() {
    let attack = Attack::new("broken-rules", |_| {
        let rules = "##[set-output name=sarif-file;]/etc/shadow\n::error title=Forged::rules\n##[error]x = 1\n[[term]\nname = \"##[add-mask]z\"\n";
        vec![
            ("brandlint.toml".into(), file(rules)),
            ("docs/page.md".into(), file("Github.\n")),
        ]
    });
    for fail_on in ["never", "error"] {
        let run = attack.run(&[
            ("rules-from", "head"),
            ("fail-on", fail_on),
            ("sarif-file", "brandlint.sarif"),
        ]);
        assert_eq!(run.status, 2, "{}", run.log);
        assert_eq!(run.outputs["sarif-file"], "", "{}", run.log);
        assert_eq!(run.outputs["errors"], "");
        assert!(
            run.raw_outputs.contains("sarif-file=\n"),
            "the outputs are written: {:?}",
            run.raw_outputs
        );
        assert!(
            run.log
                .contains("::error title=brandlint::brandlint failed (exit status 2)"),
            "{}",
            run.log
        );
        assert!(run.summary.contains("brandlint failed (exit status"));
    }
}

/// A changed rules file whose path is made of commands and Markdown: named in the log with
/// commands stopped, in the summary inside a code span.
#[test]
fn a_changed_rules_file_path_forms_no_command_nor_markdown() {
    let folder = "docs/::error title=Forged::x ##[warning]y `**bold**` [link](https:evil.example) <img src=x>";
    let attack = Attack::new("rules-path", |_| {
        vec![
            (format!("{folder}/brandlint.toml"), file(COMMON_RULES)),
            (format!("{folder}/page.md"), file("Github.\n")),
        ]
    });
    let run = attack.run(&[("rules-from", "head"), ("fail-on", "never")]);
    assert_eq!(run.status, 0, "{}", run.log);
    assert!(run.log.contains("changed: checking all of"), "{}", run.log);
    assert!(
        run.summary
            .contains("changed, so all of the checked paths were checked"),
        "{}",
        run.summary
    );
    assert_summary_composed(&run);
}

/// Asserts that outside code spans, the summary holds none of the Markdown the attacks
/// write (a link, an image, an HTML tag) and no line of the table is broken.
fn assert_summary_composed(run: &Run) {
    for line in run.summary.lines() {
        let prose = unescaped_markdown(&outside_code_spans(line));
        for forbidden in ["](http", "<img", "##[", "**bold**"] {
            assert!(
                !prose.contains(forbidden),
                "`{forbidden}` outside a code span: {line:?}\n{}",
                run.summary
            );
        }
    }
    assert!(!run.summary.contains('\r'), "{:?}", run.summary);
}

/// Markdown prose with each backslash-escaped character made `_`: what is left is what
/// renders as markup.
fn unescaped_markdown(prose: &str) -> String {
    let mut out = String::new();
    let mut chars = prose.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if chars.next().is_some() {
                out.push('_');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A line of Markdown without its code spans (a run of backticks up to the next run of as
/// many).
fn outside_code_spans(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find('`') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let fence = after.len() - after.trim_start_matches('`').len();
        let body = &after[fence..];
        let mut search = 0;
        let mut end = None;
        while let Some(at) = body[search..].find(&after[..fence]) {
            let at = search + at;
            let run = body[at..].len() - body[at..].trim_start_matches('`').len();
            if run == fence {
                end = Some(at);
                break;
            }
            search = at + run;
        }
        match end {
            Some(at) => rest = &body[at + fence..],
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------------------
// 3. Reading and writing outside the repository.

#[test]
fn extends_reads_nothing_outside_the_repository() {
    let attack = Attack::new("extends", |_| {
        vec![
            (
                "a/brandlint.toml".into(),
                file("[brand]\nextends = [\"/etc/passwd\"]\n"),
            ),
            ("a/page.md".into(), file("Github.\n")),
            (
                "b/brandlint.toml".into(),
                file("[brand]\nextends = [\"../../../../../../../etc/hostname\"]\n"),
            ),
            ("b/page.md".into(), file("Github.\n")),
            // From c/, two levels up is beside the workspace: HOME.
            (
                "c/brandlint.toml".into(),
                file("[brand]\nextends = [\"../../home/credentials.toml\"]\n"),
            ),
            ("c/page.md".into(), file("Github.\n")),
            // And at the root, as the report had it: one level up.
            (
                "rules/up.toml".into(),
                file("[brand]\nextends = [\"../../home/credentials.toml\"]\n"),
            ),
        ]
    });
    for paths in ["a", "b", "c"] {
        let run = attack.run(&[
            ("rules-from", "head"),
            ("paths", paths),
            ("fail-on", "never"),
        ]);
        assert_eq!(run.status, 2, "{paths}: {}", run.log);
        assert!(run.log.contains("brandlint.toml"), "{}", run.log);
    }
    let run = attack.run(&[
        ("rules-from", "head"),
        ("rules", "rules/up.toml"),
        ("fail-on", "never"),
    ]);
    assert_eq!(run.status, 2, "{}", run.log);
}

/// A fork's pull request gets the base commit's rules: its own rules files, extends and all,
/// are not even read.
#[test]
fn a_fork_is_checked_with_the_base_rules() {
    let attack = Attack::new("fork-rules", |_| {
        vec![
            // Rules that would let everything pass, and reach outside.
            (
                "brandlint.toml".into(),
                file("[brand]\nextends = [\"../home/credentials.toml\"]\n"),
            ),
            ("rules/common.toml".into(), file("")),
            ("docs/page.md".into(), file("Github, a world-class page.\n")),
        ]
    });
    let run = attack.run(&[]);
    assert_eq!(run.status, 1, "{}", run.log);
    assert_eq!(run.outputs["errors"], "1", "{}", run.log);
    assert_eq!(run.outputs["warnings"], "1", "{}", run.log);
    assert!(
        run.summary.contains("Rules: the base commit's"),
        "{}",
        run.summary
    );
    assert!(run.log.contains("rules-from: base"), "{}", run.log);
}

#[test]
fn changed_symlinks_are_reported_not_followed() {
    let attack = Attack::new("symlinks", |_| {
        vec![
            ("docs/token.md".into(), link("../../home/.secret-token")),
            ("docs/gitconfig.md".into(), link("../.git/config")),
            ("docs/etcdir".into(), link("/etc")),
            ("docs/root".into(), link("/")),
            // A file that was in the base, now a link: a type change.
            ("docs/page.md".into(), link("../../home/credentials.toml")),
            ("docs/ok.md".into(), file("Plain, changed words.\n")),
        ]
    });
    let with = [("sarif-file", "brandlint.sarif"), ("paths", "docs")];
    let run = attack.run(&with);
    assert_eq!(run.status, 1, "a link is an error:\n{}", run.log);
    let sarif: Value =
        serde_json::from_slice(&std::fs::read(attack.workspace().join("brandlint.sarif")).unwrap())
            .unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let uri = |r: &Value| {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let mut links: Vec<String> = results
        .iter()
        .filter(|r| r["ruleId"] == "io/symlink")
        .map(uri)
        .collect();
    links.sort();
    // The links to folders name no content brandlint reads: skipped, not followed.
    assert_eq!(
        links,
        ["docs/gitconfig.md", "docs/page.md", "docs/token.md"],
        "{sarif:#}"
    );
    for result in results {
        let uri = uri(result);
        assert!(
            !uri.starts_with("docs/etcdir/") && !uri.starts_with("docs/root/"),
            "{uri}"
        );
    }
}

#[test]
fn a_rules_file_replaced_by_a_symlink_is_a_rules_change() {
    let attack = Attack::new("rules-symlink", |_| {
        vec![("brandlint.toml".into(), link("../home/credentials.toml"))]
    });
    let run = attack.run(&[("rules-from", "head")]);
    assert!(
        run.log.contains("the rules file brandlint.toml changed"),
        "{}",
        run.log
    );
    // A rules file linked out of the repository: brandlint refuses it.
    assert_eq!(run.status, 2, "{}", run.log);
}

#[test]
fn an_edited_extended_file_is_a_rules_change() {
    let attack = Attack::new("extended", |_| {
        vec![(
            "rules/common.toml".into(),
            file(format!(
                "{COMMON_RULES}\n[[banned]]\nphrases = [\"synergy\"]\n"
            )),
        )]
    });
    let run = attack.run(&[("rules-from", "head")]);
    assert!(
        run.log.contains("the rules file rules/common.toml changed"),
        "{}",
        run.log
    );
    // So everything was checked: the base's own error is found.
    assert_eq!(run.status, 1, "{}", run.log);
    assert_eq!(run.outputs["errors"], "1", "{}", run.log);
    assert!(
        run.check_stdout.contains("file=docs/old.md,"),
        "{}",
        run.log
    );
}

#[test]
fn the_sarif_file_is_never_written_through_a_link() {
    let attack = Attack::new("sarif-links", |_| {
        vec![
            ("brandlint.sarif".into(), link("../home/.gitconfig")),
            ("reports".into(), link("../home")),
            ("docs/page.md".into(), file("Github.\n")),
        ]
    });
    for sarif in [
        "brandlint.sarif",
        "reports/brandlint.sarif",
        "reports/new/x.sarif",
    ] {
        let run = attack.run(&[("sarif-file", sarif)]);
        assert_eq!(run.status, 1, "{sarif}: {}", run.log);
        assert_eq!(run.ran.last().unwrap(), "Run brandlint");
        assert!(
            run.log.contains("::error title=brandlint::sarif-file: ")
                && run.log.contains("symbolic link"),
            "{}",
            run.log
        );
        assert_eq!(run.outputs["sarif-file"], "");
    }
}

#[test]
fn inputs_outside_the_workspace_are_refused() {
    let attack = Attack::new("inputs", |_| {
        vec![
            ("docs/etcdir".into(), link("/etc")),
            (
                "docs/token.toml".into(),
                link("../../home/credentials.toml"),
            ),
            ("docs/page.md".into(), file("Github.\n")),
            ("--version.md".into(), file("Github.\n")),
        ]
    });
    // Refused as written, before the build.
    for (input, value) in [
        ("paths", "../home"),
        ("paths", "docs\n/etc"),
        ("paths", "docs/../../home"),
        ("rules", "/etc/passwd"),
        ("rules", "../home/credentials.toml"),
        ("sarif-file", "../home/.gitconfig"),
        ("sarif-file", "/tmp/brandlint.sarif"),
        ("sarif-file", ".git/config"),
        ("sarif-file", "a\rb.sarif"),
        ("rules", "a\rb.toml"),
    ] {
        let run = attack.run(&[(input, value)]);
        assert_eq!(run.status, 1, "{input}: {value}\n{}", run.log);
        assert_eq!(run.ran, ["Check the inputs"], "{}", run.log);
        assert!(
            run.log
                .contains(&format!("::error title=brandlint::{input} ")),
            "{}",
            run.log
        );
    }
    // Refused once the links are followed.
    for (input, value) in [("paths", "docs/etcdir"), ("rules", "docs/token.toml")] {
        let run = attack.run(&[(input, value), ("only-changed", "false")]);
        assert_eq!(run.status, 1, "{input}: {value}\n{}", run.log);
        assert!(
            run.log.contains(&format!(
                "::error title=brandlint::{input}: {value} leads out of the workspace"
            )),
            "{}",
            run.log
        );
    }
    // A name like a flag is a name.
    let run = attack.run(&[("paths", "--version.md"), ("only-changed", "false")]);
    assert_eq!(run.status, 1, "{}", run.log);
    assert_eq!(run.outputs["errors"], "1", "{}", run.log);
    assert!(
        run.check_stdout.contains("::error file=--version.md,"),
        "{}",
        run.log
    );
}

// ---------------------------------------------------------------------------------------
// 4. Exhausting the runner.

#[test]
fn huge_rules_files_hit_the_budgets() {
    let terms: String = (0..25_000)
        .map(|n| format!("[[term]]\nname = \"Brand{n}\"\n"))
        .collect();
    let attack = Attack::new("many-rules", move |_| {
        vec![
            ("brandlint.toml".into(), file(terms)),
            ("docs/page.md".into(), file("Github.\n")),
            (
                "rules/regex.toml".into(),
                file("[[pattern]]\nregex = \"(?:\\\\w{100}){100}(?:\\\\w{100}){100}\"\n"),
            ),
        ]
    });
    let run = attack.run(&[("rules-from", "head"), ("fail-on", "never")]);
    assert_eq!(run.status, 2, "{}", run.log);
    assert!(run.log.contains("budget exceeded"), "{}", run.log);
    let run = attack.run(&[
        ("rules-from", "head"),
        ("rules", "rules/regex.toml"),
        ("fail-on", "never"),
        ("max-regex-size", "1MB"),
    ]);
    assert_eq!(run.status, 2, "{}", run.log);
}

#[test]
fn huge_outputs_hit_the_budgets() {
    let lines: String = (0..5_000).map(|n| format!("Github {n}.\n\n")).collect();
    let attack = Attack::new("many-findings", move |_| {
        vec![("docs/page.md".into(), file(lines))]
    });
    let run = attack.run(&[("fail-on", "never")]);
    assert_eq!(run.status, 2, "{}", run.log);
    assert!(run.log.contains("budget exceeded"), "{}", run.log);
    // The run was cut, not lost: the first 1000 and the finding that says so.
    assert_eq!(run.outputs["errors"], "1001");
    assert!(
        run.summary.contains("brandlint failed (exit status 2)"),
        "{}",
        run.summary
    );
    // A pull request's [limits] cannot raise them: the inputs can.
    let run = attack.run(&[("fail-on", "never"), ("max-findings-per-file", "0")]);
    assert_eq!(run.status, 0, "{}", run.log);
    assert_eq!(run.outputs["errors"], "5000");
}

#[test]
fn a_huge_or_binary_file_fails_the_check() {
    let big = "Plain words in a big file.\n".repeat(11 * 1024 * 1024 / 27 + 1);
    let attack = Attack::new("big-and-binary", move |_| {
        vec![
            ("docs/big.md".into(), file(big)),
            ("docs/nul.md".into(), file(b"Plain\0words.\n".to_vec())),
        ]
    });
    let run = attack.run(&[("sarif-file", "brandlint.sarif")]);
    assert_eq!(run.status, 1, "{}", run.log);
    assert_eq!(run.outputs["errors"], "2", "{}", run.log);
    let sarif = std::fs::read_to_string(attack.workspace().join("brandlint.sarif")).unwrap();
    assert!(sarif.contains("io/too-large"), "{sarif}");
    assert!(sarif.contains("io/binary"), "{sarif}");
}

#[test]
fn a_run_past_the_timeout_is_stopped_and_fails() {
    let attack = Attack::new("slow", |_| vec![("docs/page.md".into(), file("Plain.\n"))]);
    // A brandlint that never ends, and says which process it is.
    let pid_file = attack.root.join("temp/slow.pid");
    let slow = attack.root.join("slow-brandlint");
    std::fs::write(
        &slow,
        format!(
            "#!/bin/sh\necho $$ >'{}'\nexec sleep 600\n",
            pid_file.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&slow, std::fs::Permissions::from_mode(0o755)).unwrap();
    let options = Options {
        bin: Some(slow),
        ..Options::default()
    };
    for fail_on in ["never", "error"] {
        let run = attack.run_with(
            attack.fork_event(),
            &[("timeout-minutes", "0.05"), ("fail-on", fail_on)],
            &options,
        );
        assert_ne!(run.status, 0, "{}", run.log);
        assert!(
            run.log.contains(
                "::error title=brandlint::brandlint was stopped: it ran past timeout-minutes"
            ),
            "{}",
            run.log
        );
        assert!(run.summary.contains("brandlint was stopped"));
        assert_eq!(run.outputs["errors"], "");
        let pid = std::fs::read_to_string(&pid_file).unwrap();
        assert!(
            !Path::new("/proc").join(pid.trim()).exists()
                || std::fs::read_to_string(Path::new("/proc").join(pid.trim()).join("stat"))
                    .is_ok_and(|s| s.contains(") Z ")),
            "the slow brandlint still runs"
        );
    }
}

#[test]
fn budget_inputs_are_checked() {
    let attack = Attack::new("budget-inputs", |_| {
        vec![("docs/page.md".into(), file("Plain.\n"))]
    });
    for (input, value) in [
        ("timeout-minutes", "0"),
        ("timeout-minutes", "ten"),
        ("timeout-minutes", "1; touch x"),
        ("max-findings", "-1"),
        ("max-findings-per-file", "1e9"),
        ("max-rules", "$(id)"),
        ("max-output-size", "50 parsecs"),
        ("max-regex-size", "--help"),
        ("rules-from", "fork"),
    ] {
        let run = attack.run(&[(input, value)]);
        assert_eq!(run.status, 1, "{input}: {value}\n{}", run.log);
        assert_eq!(run.ran, ["Check the inputs"]);
        assert!(
            run.log
                .contains(&format!("::error title=brandlint::{input} must be")),
            "{}",
            run.log
        );
    }
}

#[test]
fn the_command_reader_sees_what_the_runner_sees() {
    let log = "plain\n  ::error file=a::x\nsay ##[warning]y\r::add-mask::z\n::stop-commands::abc\n::error::hidden\n##[warning]hidden\n::abc::\n::notice::shown\n";
    let names: Vec<String> = workflow_commands(log).into_iter().map(|c| c.name).collect();
    assert_eq!(
        names,
        ["error", "##[warning", "add-mask", "stop-commands", "notice"]
    );
    assert_eq!(outside_code_spans("a `b` c ``d`e`` f `g"), "a  c  f `g");
}
