//! `check --changed-since REF` in temporary git repositories: findings on lines a branch
//! added or changed since its merge base with REF (committed, staged, or only in the working
//! tree, and in untracked files) are reported; findings on lines it did not touch, in files
//! it did not touch, and on lines REF's branch changed after the merge base are not;
//! findings about a whole document are reported for changed files.

mod common;

use std::path::Path;
use std::process::Command;

use common::brandlint;

const RULES: &str = "[[term]]\nname = \"GitHub\"\n";

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs (the tests need git)");
    assert!(status.status.success(), "git {args:?}: {status:?}");
}

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A repository whose `main` holds `files`, with a branch `pr` checked out.
fn repository(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    for (path, text) in files {
        write(dir.path(), path, text);
    }
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    git(dir.path(), &["checkout", "-q", "-b", "pr"]);
    dir
}

/// The findings of `check --changed-since main` as (path, rule, line), and the exit code.
fn changed(dir: &Path) -> (Vec<(String, String, u64)>, Option<i32>) {
    let output = brandlint(
        dir,
        &["check", "--format", "json", "--changed-since", "main"],
        None,
    );
    let found = common::path_rule_line(&common::json(&output));
    (found, output.status.code())
}

fn finding(path: &str, rule: &str, line: u64) -> (String, String, u64) {
    (path.to_string(), rule.to_string(), line)
}

#[test]
fn only_findings_on_lines_the_branch_added_or_changed_are_reported() {
    let dir = repository(&[
        ("brandlint.toml", RULES),
        ("a.md", "# A\n\nGithub one.\n\nPlain.\n"),
        ("b.md", "Github b.\n"),
        ("docs/old name.md", "Github old.\n"),
    ]);
    let root = dir.path();
    // Committed on the branch: a line added to a.md, a file renamed (new as a whole).
    write(
        root,
        "a.md",
        "# A\n\nGithub one.\n\nNew Github line.\n\nPlain.\n",
    );
    git(root, &["mv", "docs/old name.md", "docs/new name.md"]);
    git(root, &["commit", "-q", "-am", "pr"]);
    // Meanwhile main changes b.md: not the branch's doing.
    git(root, &["checkout", "-q", "main"]);
    write(root, "b.md", "Github b.\n\nGithub on main.\n");
    git(root, &["commit", "-q", "-am", "main moves on"]);
    git(root, &["checkout", "-q", "pr"]);
    // Not committed: a changed line, and a new file.
    write(
        root,
        "a.md",
        "# A\n\nGithub one.\n\nNew Github line.\n\nPlain, Github.\n",
    );
    write(root, "c.md", "Github c.\n");
    let (found, code) = changed(root);
    assert_eq!(
        found,
        [
            finding("a.md", "term/GitHub", 5),
            finding("a.md", "term/GitHub", 7),
            finding("c.md", "term/GitHub", 1),
            finding("docs/new name.md", "term/GitHub", 1),
        ]
    );
    assert_eq!(code, Some(0));
}

#[test]
fn findings_about_a_whole_document_count_for_files_that_changed() {
    let rules = "[[require]]\nid = \"sign-off\"\nany_of = [\"Thanks\"]\n\
                 scope = \"last-paragraph\"\n";
    let dir = repository(&[
        ("brandlint.toml", rules),
        ("a.md", "Hello.\n\nBye.\n"),
        ("b.md", "Hello.\n\nBye.\n"),
    ]);
    write(dir.path(), "a.md", "Hello there.\n\nBye.\n");
    let (found, _) = changed(dir.path());
    assert_eq!(found, [finding("a.md", "sign-off", 3)]);
}

#[test]
fn no_change_checks_nothing_and_a_bad_ref_or_folder_is_a_usage_error() {
    let dir = repository(&[("brandlint.toml", RULES), ("a.md", "Github.\n")]);
    let (found, code) = changed(dir.path());
    assert_eq!((found, code), (vec![], Some(0)));
    for bad in ["nope", "-x"] {
        let arg = format!("--changed-since={bad}");
        let output = brandlint(dir.path(), &["check", &arg], None);
        assert_eq!(output.status.code(), Some(2), "{bad}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("--changed-since"), "{stderr}");
    }
    let plain = tempfile::tempdir().unwrap();
    write(plain.path(), "a.md", "Github.\n");
    let output = brandlint(plain.path(), &["check", "--changed-since", "main"], None);
    assert_eq!(output.status.code(), Some(2));
}
