//! `brandlint baseline` and checks against a baseline: known findings are left out and
//! counted, lines moved above a finding keep it known, an edit to its sentence makes it new,
//! gone findings are counted and pruned, and a broken baseline file is a usage error naming
//! the place.

mod common;

use std::path::Path;

use common::brandlint;

const RULES: &str = "[[term]]\nname = \"GitHub\"\n\n[[banned]]\nphrases = [\"synergy\"]\n";

/// A content folder with a rules file and two posts that break it four times.
fn content() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "brandlint.toml", RULES);
    write(
        dir.path(),
        "posts/a.md",
        "# Post\n\nWe use Github daily.\n\nThe synergy is real.\n\nGithub again, Github twice.\n",
    );
    write(dir.path(), "posts/b.md", "Github is here.\n");
    dir
}

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The findings of a check as (path, rule, line), and its standard error.
fn check(dir: &Path, args: &[&str]) -> (Vec<(String, String, u64)>, String, Option<i32>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend(args);
    let output = brandlint(dir, &all, None);
    let found = common::path_rule_line(&common::json(&output));
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (found, stderr, output.status.code())
}

fn record(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["baseline"];
    all.extend(args);
    let output = brandlint(dir, &all, None);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_baseline_leaves_known_findings_out_and_says_how_many() {
    let dir = content();
    let (before, _, _) = check(dir.path(), &[]);
    assert_eq!(before.len(), 5);
    let said = record(dir.path(), &[]);
    assert!(said.contains("recorded 5 findings"), "{said}");
    let file = std::fs::read_to_string(dir.path().join(".brandlint-baseline.json")).unwrap();
    // Sorted, one entry per line.
    let entries: Vec<&str> = file.lines().filter(|l| l.contains("\"path\"")).collect();
    assert_eq!(entries.len(), 5, "{file}");
    assert!(entries.is_sorted(), "{file}");
    let (after, stderr, code) = check(dir.path(), &[]);
    assert_eq!(after, []);
    assert_eq!(code, Some(0));
    assert!(
        stderr.contains("5 known findings left out (baseline)"),
        "{stderr}"
    );
    // Recording again gives the same file, byte for byte.
    record(dir.path(), &[]);
    let again = std::fs::read_to_string(dir.path().join(".brandlint-baseline.json")).unwrap();
    assert_eq!(file, again);
    // --no-baseline reports everything again.
    let (all, _, _) = check(dir.path(), &["--no-baseline"]);
    assert_eq!(all, before);
}

#[test]
fn lines_added_above_keep_a_finding_known_and_an_edit_to_its_sentence_makes_it_new() {
    let dir = content();
    record(dir.path(), &[]);
    write(
        dir.path(),
        "posts/a.md",
        "# Post\n\nA new paragraph.\n\nAnd another.\n\nWe use Github daily.\n\n\
         The synergy is great.\n\nGithub again, Github twice. Github thrice.\n",
    );
    let (found, stderr, _) = check(dir.path(), &[]);
    // "synergy" is in an edited sentence; the third Github's line changed around the two
    // known ones, which are then new too; the first Github only moved.
    assert_eq!(
        found,
        [
            ("posts/a.md".to_string(), "banned/synergy".to_string(), 9),
            ("posts/a.md".to_string(), "term/GitHub".to_string(), 11),
            ("posts/a.md".to_string(), "term/GitHub".to_string(), 11),
            ("posts/a.md".to_string(), "term/GitHub".to_string(), 11),
        ]
    );
    assert!(stderr.contains("2 known findings left out"), "{stderr}");
    assert!(
        stderr.contains("3 findings of the baseline are gone"),
        "{stderr}"
    );
}

#[test]
fn findings_in_the_same_words_are_counted_and_one_more_is_new() {
    let dir = content();
    write(
        dir.path(),
        "posts/b.md",
        "Github is here.\n\nGithub is here.\n",
    );
    record(dir.path(), &[]);
    let file = std::fs::read_to_string(dir.path().join(".brandlint-baseline.json")).unwrap();
    assert!(file.contains("\"count\":2"), "{file}");
    write(
        dir.path(),
        "posts/b.md",
        "Github is here.\n\nGithub is here.\n\nGithub is here.\n",
    );
    let (found, _, _) = check(dir.path(), &[]);
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn pruning_drops_what_is_gone_and_keeps_the_rest() {
    let dir = content();
    record(dir.path(), &[]);
    write(dir.path(), "posts/b.md", "GitHub is here.\n");
    std::fs::remove_file(dir.path().join("posts/a.md")).unwrap();
    write(dir.path(), "posts/c.md", "Github, new.\n");
    let said = record(dir.path(), &["--prune"]);
    assert!(
        said.contains("dropped 5 findings that are gone; 0 remain"),
        "{said}"
    );
    // Pruning records nothing new: the new post's finding is reported.
    let (found, _, _) = check(dir.path(), &[]);
    assert_eq!(
        found,
        [("posts/c.md".to_string(), "term/GitHub".to_string(), 1)]
    );
}

#[test]
fn pruning_keeps_the_files_a_narrower_run_did_not_check() {
    let dir = content();
    record(dir.path(), &[]);
    let said = record(dir.path(), &["--prune", "posts/b.md"]);
    assert!(
        said.contains("dropped 0 findings that are gone; 5 remain"),
        "{said}"
    );
}

#[test]
fn the_baseline_is_found_beside_the_rules_file_and_can_be_named() {
    let dir = content();
    record(dir.path(), &[]);
    // From a subfolder: the baseline beside the rules file above applies.
    let (found, _, _) = check(&dir.path().join("posts"), &["."]);
    assert_eq!(found, []);
    // A baseline named elsewhere, written and read with its paths relative to it.
    let other = dir.path().join("ci");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::rename(
        dir.path().join(".brandlint-baseline.json"),
        other.join("known.json"),
    )
    .unwrap();
    let (all, _, _) = check(dir.path(), &[]);
    assert_eq!(all.len(), 5);
    let (found, _, _) = check(dir.path(), &["--baseline", "ci/known.json"]);
    assert_eq!(
        found.len(),
        5,
        "paths in it are relative to the root, not to ci/"
    );
    record(dir.path(), &["--file", "ci/known.json"]);
    let file = std::fs::read_to_string(other.join("known.json")).unwrap();
    assert!(file.contains("\"path\":\"../posts/a.md\""), "{file}");
    let (found, _, _) = check(dir.path(), &["--baseline", "ci/known.json"]);
    assert_eq!(found, []);
}

#[test]
fn a_broken_or_missing_baseline_is_a_usage_error_that_names_the_place() {
    let dir = content();
    write(
        dir.path(),
        ".brandlint-baseline.json",
        "{\n  \"version\": 1,\n  \"findings\": [\n    {\"path\": 3}\n  ]\n}\n",
    );
    let output = brandlint(dir.path(), &["check"], None);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(".brandlint-baseline.json"), "{stderr}");
    assert!(stderr.contains("line 4"), "{stderr}");
    let output = brandlint(dir.path(), &["check", "--baseline", "nope.json"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("nope.json"));
    // --no-baseline runs without it.
    let output = brandlint(dir.path(), &["check", "--no-baseline"], None);
    assert_eq!(output.status.code(), Some(0));
}

/// The diagnostics of a JSON check, with the exit code.
fn diagnostics(dir: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["check", "--format", "json"];
    all.extend(args);
    let output = brandlint(dir, &all, None);
    common::json(&output)["diagnostics"]
        .as_array()
        .unwrap()
        .clone()
}

/// On a real blog in a git repository: a baseline of every finding, then ten posts edited
/// (five fix a known finding, seven gain a sentence with two mistakes): `check` reports
/// exactly the added findings and counts the fixed ones as gone, and `--changed-since`
/// without the baseline reports the same, the findings on changed lines.
#[test]
fn on_a_real_blog_only_what_edits_added_is_reported() {
    let Some(blog) = common::shared("corpora/md-rust-blog") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let copied = std::process::Command::new("cp")
        .arg("-r")
        .arg(blog.join("content"))
        .arg(root.join("content"))
        .status()
        .unwrap();
    assert!(copied.success());
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/precision/brand.toml");
    std::fs::copy(rules, root.join("brandlint.toml")).unwrap();
    for args in [
        &["init", "-q"][..],
        &["add", "."],
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "commit",
            "-q",
            "-m",
            "blog",
        ],
    ] {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(root)
            .output()
            .unwrap();
        assert!(status.status.success(), "git {args:?}: {status:?}");
    }
    let before = diagnostics(root, &[]);
    let said = record(root, &[]);
    eprintln!("baseline of the blog: {} findings; {said}", before.len());
    assert!(before.len() > 300, "{}", before.len());
    assert_eq!(diagnostics(root, &[]), Vec::<serde_json::Value>::new());

    // Posts with a finding alone on its line that has a fix, in path order.
    let mut lines_used: std::collections::HashMap<(String, u64), usize> = Default::default();
    for d in &before {
        let key = (
            d["path"].as_str().unwrap().to_string(),
            d["span"]["line"].as_u64().unwrap(),
        );
        *lines_used.entry(key).or_default() += 1;
    }
    let mut fixable: Vec<&serde_json::Value> = before
        .iter()
        .filter(|d| {
            let key = (
                d["path"].as_str().unwrap().to_string(),
                d["span"]["line"].as_u64().unwrap(),
            );
            d["fix"]["replacement"].is_string()
                && d["span"]["line"] == d["span"]["end_line"]
                && lines_used[&key] == 1
                && d["path"].as_str().unwrap().ends_with(".md")
        })
        .collect();
    fixable.dedup_by(|a, b| a["path"] == b["path"]);
    let posts: Vec<&serde_json::Value> = fixable.into_iter().take(10).collect();
    assert_eq!(posts.len(), 10);
    let added = "\n\nOur new site is world-class and lives on Github.\n";
    let mut expected = Vec::new();
    for (index, finding) in posts.iter().enumerate() {
        let path = finding["path"].as_str().unwrap();
        let mut text = std::fs::read_to_string(root.join(path)).unwrap();
        if index < 5 {
            let start = finding["span"]["start"].as_u64().unwrap() as usize;
            let end = finding["span"]["end"].as_u64().unwrap() as usize;
            let fix = finding["fix"]["replacement"].as_str().unwrap();
            text.replace_range(start..end, fix);
        }
        if index >= 3 {
            text.push_str(added);
            let line = text.lines().count() as u64;
            expected.push((path.to_string(), "banned/world-class".to_string(), line));
            expected.push((path.to_string(), "term/GitHub".to_string(), line));
        }
        std::fs::write(root.join(path), text).unwrap();
    }
    expected.sort();
    let found = |args: &[&str]| {
        let (mut found, _, _) = check(root, args);
        found.sort();
        found
    };
    assert_eq!(found(&[]), expected);
    let (_, stderr, _) = check(root, &[]);
    assert!(
        stderr.contains("5 findings of the baseline are gone"),
        "{stderr}"
    );
    assert_eq!(
        found(&["--no-baseline", "--changed-since", "HEAD"]),
        expected
    );
    eprintln!(
        "after editing 10 posts: {} findings reported with the baseline and with \
         --changed-since HEAD; 5 fixed findings counted as gone",
        expected.len()
    );
}
