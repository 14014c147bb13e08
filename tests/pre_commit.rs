//! The hooks of `.pre-commit-hooks.yaml`: their `files` pattern agrees with the extensions
//! brandlint reads, and `pre-commit try-repo` installs brandlint from this checkout
//! (`language: rust`, uncommitted changes to tracked files included) and runs it on the
//! files a user's repository passes it.
//!
//! pre-commit comes from PyPI into a virtual environment under the target folder, made once
//! and reused. Without Python, pip or network the end-to-end test says why on stderr and
//! passes. Its first run builds brandlint and every dependency in release mode (minutes);
//! later runs reuse the dependencies and rebuild brandlint alone, twice (one install per
//! `try-repo`). `cargo test -- --skip try_repo` leaves it out.

mod common;

use std::path::{Path, PathBuf};

use brandlint::read::{self, Syntax};

/// The hooks file at the root of this repository.
fn manifest_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml")
}

/// The `files:` value of every hook in the hooks file, in order, as written between single
/// quotes.
fn files_patterns() -> Vec<String> {
    let manifest = std::fs::read_to_string(manifest_path()).expect("the hooks file exists");
    manifest
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("files: "))
        .map(|value| {
            value
                .strip_prefix('\'')
                .and_then(|v| v.strip_suffix('\''))
                .unwrap_or_else(|| panic!("files is single-quoted: {value}"))
                .to_string()
        })
        .collect()
}

#[test]
fn hook_files_pattern_is_exactly_the_extensions_brandlint_reads_as_content_anywhere() {
    let patterns = files_patterns();
    assert_eq!(
        patterns.len(),
        2,
        "brandlint and brandlint-fix: {patterns:?}"
    );
    assert_eq!(patterns[0], patterns[1], "both hooks take the same files");
    // pre-commit searches with Python's `re`; this pattern means the same in Rust's syntax.
    let pattern = regex::Regex::new(&patterns[0]).expect("the pattern compiles");

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plain.toml"), "").unwrap();
    std::fs::write(
        dir.path().join("emails.toml"),
        "[files]\nemail = [\"emails/**\"]\n",
    )
    .unwrap();
    let plain = brandlint::check::load_rules(&dir.path().join("plain.toml")).unwrap();
    let emails = brandlint::check::load_rules(&dir.path().join("emails.toml")).unwrap();

    let candidates = [
        "md",
        "markdown",
        "mdx",
        "html",
        "htm",
        "xhtml",
        "mjml",
        "hbs",
        "handlebars",
        "liquid",
        "eml",
        "txt",
        "text",
        "MD",
        "Html",
        "TXT",
        "rs",
        "toml",
        "json",
        "yaml",
        "css",
        "js",
        "xml",
        "svg",
        "erb",
        "j2",
        "njk",
        "rst",
        "adoc",
        "png",
        "mdown",
        "htmlx",
    ];
    for extension in candidates {
        let name = format!("page.{extension}");
        // Read as content anywhere, or under an `[files] email` glob with a reader of its
        // own (any other file there is read as HTML, which says nothing of its extension).
        let page = dir.path().join(&name);
        let email = dir.path().join("emails").join(&name);
        let reads_anywhere = read::detect(&page, plain.is_email(&page)).is_some();
        let reads_as_email = read::detect(&email, emails.is_email(&email))
            .is_some_and(|file_type| file_type.syntax != Syntax::Html);
        // Plain text is content only where `[files] email` says so: the hooks leave it out,
        // so that a commit's notes and changelogs are not named and skipped with a notice
        // each; a team whose emails are .txt adds it to `files:`.
        let plain_text = reads_as_email && !reads_anywhere;
        assert!(
            !plain_text || ["txt", "text", "TXT"].contains(&extension),
            ".{extension}"
        );
        assert_eq!(
            pattern.is_match(&format!("posts/{name}")),
            reads_anywhere,
            "the hooks' files pattern and brandlint disagree on .{extension}"
        );
    }
    assert!(
        !pattern.is_match("posts/page.md.orig"),
        "the pattern is anchored at the end"
    );
}

#[cfg(unix)]
mod try_repo {
    use std::fs::File;
    use std::os::unix::process::CommandExt;
    use std::path::{Path, PathBuf};
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    use super::common::brandlint;

    /// The pre-commit release the test installs (it needs Python 3.11 or later).
    const PRE_COMMIT_VERSION: &str = "4.7.0";

    /// The longest a step may take before it counts as hung: the first install of the hook
    /// builds brandlint and all its dependencies in release mode.
    const STEP_LIMIT: Duration = Duration::from_secs(40 * 60);

    /// What a finished command printed and how it ended.
    struct Outcome {
        /// The exit code; `None` when killed by a signal.
        code: Option<i32>,
        /// Standard output and standard error, interleaved as written.
        output: String,
        /// How long it ran.
        took: Duration,
    }

    /// Runs `command` with standard input closed and its output in `log`, in a process
    /// group of its own that is killed after `limit`, so a stuck step fails the test
    /// instead of hanging it.
    fn bounded(command: &mut Command, log: &Path, limit: Duration) -> std::io::Result<Outcome> {
        let file = File::create(log)?;
        let start = Instant::now();
        let mut child = command
            .stdin(Stdio::null())
            .stdout(file.try_clone()?)
            .stderr(file)
            .process_group(0)
            .spawn()?;
        let status = loop {
            if let Some(status) = child.try_wait()? {
                break status;
            }
            if start.elapsed() > limit {
                let group = format!("-{}", child.id());
                let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
                let _ = child.wait();
                panic!(
                    "{command:?} ran longer than {limit:?}; its output:\n{}",
                    std::fs::read_to_string(log).unwrap_or_default()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        };
        Ok(Outcome {
            code: status.code(),
            output: String::from_utf8_lossy(&std::fs::read(log)?).into_owned(),
            took: start.elapsed(),
        })
    }

    /// The folder cargo builds this crate into: the binary lives in its `<profile>/`.
    fn target_dir() -> PathBuf {
        Path::new(env!("CARGO_BIN_EXE_brandlint"))
            .parent()
            .and_then(Path::parent)
            .expect("the binary is in <target>/<profile>/")
            .to_path_buf()
    }

    /// `PATH` with the folder of the cargo running the tests first, so that pre-commit
    /// finds a working cargo and uses it (`language_version: system`) rather than
    /// downloading rustup.
    fn path_with_cargo() -> std::ffi::OsString {
        let mut folders: Vec<PathBuf> = std::env::var_os("CARGO")
            .map(PathBuf::from)
            .and_then(|cargo| cargo.parent().map(Path::to_path_buf))
            .into_iter()
            .collect();
        folders.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        std::env::join_paths(folders).expect("PATH entries join")
    }

    /// A command with the environment of a user's machine without git configuration:
    /// git variables of the caller removed (the tests may run inside a git hook), no
    /// global or system git config, a fixed identity, no `SKIP` of pre-commit hooks.
    fn isolated(program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(program);
        for (key, _) in std::env::vars_os() {
            let key_text = key.to_string_lossy();
            if key_text.starts_with("GIT_") || key_text.starts_with("PRE_COMMIT") {
                command.env_remove(&key);
            }
        }
        command
            .env_remove("SKIP")
            .env("PATH", path_with_cargo())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Brand Writer")
            .env("GIT_AUTHOR_EMAIL", "writer@example.com")
            .env("GIT_COMMITTER_NAME", "Brand Writer")
            .env("GIT_COMMITTER_EMAIL", "writer@example.com")
            .env("NO_COLOR", "1");
        command
    }

    /// The pre-commit executable of the virtual environment under the target folder,
    /// created and installed when missing or of another version. `Err` says why it
    /// cannot be had (no Python, no network).
    fn pre_commit(scratch: &Path) -> Result<PathBuf, String> {
        let venv = target_dir().join("pre-commit-venv");
        let executable = venv.join("bin").join("pre-commit");
        let installed = Command::new(&executable)
            .arg("--version")
            .stdin(Stdio::null())
            .output()
            .is_ok_and(|out| {
                String::from_utf8_lossy(&out.stdout).trim()
                    == format!("pre-commit {PRE_COMMIT_VERSION}")
            });
        if installed {
            return Ok(executable);
        }
        let log = scratch.join("pip.log");
        let python = venv.join("bin").join("python");
        if !python.exists() {
            let created = ["python3", "python"].iter().find_map(|python| {
                let mut command = Command::new(python);
                command.args(["-m", "venv"]).arg(&venv);
                bounded(&mut command, &log, Duration::from_secs(300))
                    .ok()
                    .filter(|outcome| outcome.code == Some(0))
            });
            if created.is_none() {
                return Err(format!(
                    "cannot create a Python virtual environment at {} (python3 -m venv)",
                    venv.display()
                ));
            }
        }
        let mut install = Command::new(&python);
        install
            .args(["-m", "pip", "install", "--disable-pip-version-check"])
            .args(["--no-input", "--quiet", "--retries", "1", "--timeout", "30"])
            .arg(format!("pre-commit=={PRE_COMMIT_VERSION}"));
        match bounded(&mut install, &log, Duration::from_secs(600)) {
            Ok(outcome) if outcome.code == Some(0) && executable.exists() => Ok(executable),
            Ok(outcome) => Err(format!(
                "pip install pre-commit=={PRE_COMMIT_VERSION} failed (it needs Python 3.11+ \
                 and PyPI):\n{}",
                outcome.output.trim_end()
            )),
            Err(error) => Err(format!("cannot run pip: {error}")),
        }
    }

    /// Runs `program args` in `dir` (isolated), asserting success; returns its output.
    fn run_ok(program: &str, args: &[&str], dir: &Path, log: &Path) -> String {
        let mut command = isolated(program);
        command.args(args).current_dir(dir);
        let outcome = bounded(&mut command, log, Duration::from_secs(120))
            .unwrap_or_else(|e| panic!("{program} runs: {e}"));
        assert_eq!(
            outcome.code,
            Some(0),
            "{program} {args:?} failed:\n{}",
            outcome.output
        );
        outcome.output
    }

    /// Why this machine cannot run the end-to-end test, if it cannot.
    fn missing_tool() -> Option<String> {
        let works = |program: &str, args: &[&str]| {
            isolated(program)
                .args(args)
                .stdin(Stdio::null())
                .output()
                .is_ok_and(|out| out.status.success())
        };
        if !works("git", &["--version"]) {
            return Some("git is not installed".into());
        }
        if !works("cargo", &["--version"]) {
            return Some("no cargo on PATH for pre-commit's `language: rust`".into());
        }
        let checkout = env!("CARGO_MANIFEST_DIR");
        if !works("git", &["-C", checkout, "rev-parse", "HEAD"]) {
            return Some(format!("{checkout} is not a git checkout with a commit"));
        }
        None
    }

    const RULES: &str = r#"
[[term]]
name = "GitHub"
severity = "error"
"#;

    /// A user's repository: a rules file, two pages that misspell a name (one with an
    /// upper-case extension), a good post, and a Rust file that says "Github" too but is
    /// not content. Everything is staged.
    fn user_repository(log: &Path) -> tempfile::TempDir {
        let repo = tempfile::tempdir().unwrap();
        let files = [
            ("brandlint.toml", RULES),
            ("posts/bad.md", "# Launch\n\nWe love Github.\n"),
            ("pages/About.HTM", "<p>Find us on Github.</p>\n"),
            ("posts/good.md", "# Launch\n\nWe love GitHub.\n"),
            ("src/main.rs", "// Github\nfn main() {}\n"),
        ];
        for (name, text) in files {
            let path = repo.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        run_ok("git", &["init", "--quiet"], repo.path(), log);
        run_ok("git", &["add", "--all"], repo.path(), log);
        repo
    }

    /// `pre-commit try-repo <this checkout> HOOK --files ...` in `repo`. The hook's
    /// `cargo install` builds in a target folder of its own under this one, kept between
    /// runs so that only brandlint is rebuilt; sharing the tests' own would contend for
    /// cargo's lock on it and replace its release build with the install's.
    fn try_repo(pre_commit: &Path, repo: &Path, hook: &str, files: &[&str], log: &Path) -> Outcome {
        let target = target_dir();
        let mut command = isolated(pre_commit);
        command
            .arg("try-repo")
            .arg(env!("CARGO_MANIFEST_DIR"))
            .args([hook, "--verbose", "--color", "never", "--files"])
            .args(files)
            .current_dir(repo)
            // try-repo keeps its store in a temporary folder whatever this says, so the
            // install is redone each run; it keeps pre-commit out of ~/.cache all the same.
            .env("PRE_COMMIT_HOME", target.join("pre-commit-home"))
            .env("CARGO_TARGET_DIR", target.join("pre-commit-cargo"))
            // The hook's behaviour is under test, not its speed: an unoptimised build
            // without debug info takes a fraction of the time on a fresh machine.
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
            .env("CARGO_PROFILE_RELEASE_DEBUG", "false");
        bounded(&mut command, log, STEP_LIMIT).expect("pre-commit runs")
    }

    #[test]
    fn try_repo_runs_the_hook_on_content_files_only() {
        if let Some(reason) = missing_tool() {
            crate::common::missing_prerequisite(&reason);
            return;
        }
        let scratch = tempfile::tempdir().unwrap();
        let log = scratch.path().join("step.log");
        let pre_commit = match pre_commit(scratch.path()) {
            Ok(path) => path,
            Err(reason) => {
                crate::common::missing_prerequisite(&reason);
                return;
            }
        };
        let checkout = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut validate = isolated(&pre_commit);
        validate
            .arg("validate-manifest")
            .arg(checkout.join(".pre-commit-hooks.yaml"));
        let validated = bounded(&mut validate, &log, Duration::from_secs(120)).unwrap();
        assert_eq!(validated.code, Some(0), "{}", validated.output);

        let repo = user_repository(&log);
        // Named on the command line, a file of no known kind is reported: were the hook
        // given src/main.rs, its output would say so.
        let named = brandlint(repo.path(), &["check", "src/main.rs"], None);
        let named = String::from_utf8_lossy(&named.stderr);
        assert!(
            named.contains("src/main.rs: skipped"),
            "a named .rs file is reported as skipped: {named}"
        );

        let failing = try_repo(
            &pre_commit,
            repo.path(),
            "brandlint",
            &[
                "posts/bad.md",
                "pages/About.HTM",
                "posts/good.md",
                "src/main.rs",
            ],
            &log,
        );
        eprintln!(
            "pre-commit try-repo with the misspelled files: {:.1} s",
            failing.took.as_secs_f64()
        );
        let output = &failing.output;
        assert_eq!(failing.code, Some(1), "the hook fails:\n{output}");
        assert!(output.contains("- hook id: brandlint"), "{output}");
        for expected in [
            "posts/bad.md:3:9",
            "pages/About.HTM:1:15",
            "term/GitHub",
            "2 errors, 0 warnings in 3 files",
        ] {
            assert!(output.contains(expected), "{expected:?} in:\n{output}");
        }
        assert!(
            !output.contains("main.rs"),
            "src/main.rs is not given to the hook:\n{output}"
        );

        let passing = try_repo(
            &pre_commit,
            repo.path(),
            "brandlint",
            &["posts/good.md", "src/main.rs"],
            &log,
        );
        eprintln!(
            "pre-commit try-repo with the good post: {:.1} s",
            passing.took.as_secs_f64()
        );
        let output = &passing.output;
        assert_eq!(passing.code, Some(0), "the hook passes:\n{output}");
        assert!(
            output.contains("0 errors, 0 warnings in 1 file"),
            "the good post is checked:\n{output}"
        );
        assert!(!output.contains("main.rs"), "{output}");

        // brandlint-fix fixes the files in place; pre-commit fails the commit because a
        // hook changed files, so the fixes can be reviewed and staged.
        let fixing = try_repo(
            &pre_commit,
            repo.path(),
            "brandlint-fix",
            &["posts/bad.md", "pages/About.HTM", "src/main.rs"],
            &log,
        );
        eprintln!(
            "pre-commit try-repo brandlint-fix: {:.1} s",
            fixing.took.as_secs_f64()
        );
        let output = &fixing.output;
        assert_eq!(
            fixing.code,
            Some(1),
            "files were changed:
{output}"
        );
        assert!(
            output.contains("- files were modified by this hook"),
            "{output}"
        );
        assert!(output.contains("(2 fixed)"), "{output}");
        let read = |name: &str| std::fs::read_to_string(repo.path().join(name)).unwrap();
        assert_eq!(read("posts/bad.md"), "# Launch\n\nWe love GitHub.\n");
        assert_eq!(read("pages/About.HTM"), "<p>Find us on GitHub.</p>\n");
        assert_eq!(
            read("src/main.rs"),
            "// Github\nfn main() {}\n",
            "code is not content"
        );
    }
}
