//! Hostile and odd content: every case ends in a finding or a skip, with the exact outcome
//! asserted, never a crash or a hang, and spans and columns stay right.

mod common;

use brandlint::walk::Origin;
use common::{assert_spans_exact, brandlint, json, site};
use std::path::{Path, PathBuf};

const RULES: &str = "[[term]]\nname = \"GitHub\"\nseverity = \"error\"\n";

/// `check --format json` on `files` beside the rules; every span exact.
fn check(files: &[(&str, &str)], args: &[&str]) -> (tempfile::TempDir, serde_json::Value) {
    let mut all = vec![("brandlint.toml", RULES)];
    all.extend_from_slice(files);
    let dir = site(&all);
    let mut command = vec!["check", "--format", "json"];
    command.extend_from_slice(args);
    let report = json(&brandlint(dir.path(), &command, None));
    assert_spans_exact(dir.path(), &report);
    (dir, report)
}

/// (path, rule, line, column) of every diagnostic.
fn found(report: &serde_json::Value) -> Vec<(String, String, u64, u64)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["span"]["line"].as_u64().unwrap(),
                d["span"]["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn one(path: &str, rule: &str, line: u64, column: u64) -> Vec<(String, String, u64, u64)> {
    vec![(path.to_string(), rule.to_string(), line, column)]
}

#[test]
fn invalid_utf8_is_an_encoding_finding_at_the_first_bad_byte() {
    let dir = site(&[("brandlint.toml", RULES)]);
    std::fs::write(dir.path().join("latin1.md"), b"Caf\xe9 Github\n").unwrap();
    let report = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    assert_eq!(found(&report), one("latin1.md", "io/encoding", 1, 4));
    assert_eq!(report["diagnostics"][0]["span"]["start"], 3);
}

#[test]
fn binary_files_are_skipped_when_walked_and_reported_when_named() {
    let dir = site(&[("brandlint.toml", RULES), ("ok.md", "Fine.\n")]);
    let mut binary = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR Github".to_vec();
    binary.extend(std::iter::repeat_n(0u8, 5000));
    std::fs::write(dir.path().join("image.md"), &binary).unwrap();
    let walked = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    assert_eq!(found(&walked), []);
    assert_eq!(walked["summary"]["files"], 1, "only ok.md is checked");
    let named = json(&brandlint(
        dir.path(),
        &["check", "--format", "json", "image.md"],
        None,
    ));
    assert_eq!(found(&named), one("image.md", "io/binary", 1, 1));
}

#[test]
fn utf16_text_is_reported_as_such() {
    let dir = site(&[("brandlint.toml", RULES)]);
    std::fs::write(dir.path().join("notes.md"), b"\xff\xfeH\0i\0").unwrap();
    let report = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    assert_eq!(found(&report), one("notes.md", "io/encoding", 1, 1));
    let message = report["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.contains("UTF-16"), "{message}");
}

#[test]
fn empty_files_have_nothing_to_report() {
    let (_dir, report) = check(
        &[("a.md", ""), ("b.html", ""), ("c.hbs", ""), ("d.eml", "")],
        &[],
    );
    assert_eq!(found(&report), []);
    assert_eq!(report["summary"]["files"], 4);
}

#[test]
fn a_five_megabyte_line_keeps_its_columns_and_a_short_snippet() {
    let line = "lorem ipsum dolor é 🦀 ".repeat(200_000);
    let text = format!("{line}Github\n");
    let (dir, report) = check(&[("long.md", &text)], &[]);
    let column = line.chars().count() as u64 + 1;
    assert_eq!(found(&report), one("long.md", "term/GitHub", 1, column));
    // People see a window on the finding, not five megabytes.
    let human = brandlint(dir.path(), &["check", "--color", "never"], None);
    let shown = String::from_utf8_lossy(&human.stdout);
    assert!(shown.len() < 2_000, "{} bytes of output", shown.len());
    assert!(shown.contains(&format!("long.md:1:{column}")), "{shown}");
}

#[test]
fn deep_html_nesting_is_read_without_recursion() {
    let text = format!(
        "{}Github{}",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let (_dir, report) = check(&[("deep.html", &text)], &[]);
    assert_eq!(found(&report), one("deep.html", "term/GitHub", 1, 500_001));
}

#[test]
fn deep_markdown_nesting_is_read() {
    let brackets = format!("{}Github{}\n", "[".repeat(50_000), "]".repeat(50_000));
    let stars = format!("{}Github{}\n", "*".repeat(50_000), "*".repeat(50_000));
    let quotes = format!("{} Github\n", ">".repeat(50_000));
    let lists = format!("{}Github\n", "- ".repeat(50_000));
    let links = format!("{}Github\n", "[a](".repeat(50_000));
    let (_dir, report) = check(
        &[
            ("brackets.md", &brackets),
            ("lists.md", &lists),
            ("links.md", &links),
            ("quotes.md", &quotes),
            ("stars.md", &stars),
        ],
        &[],
    );
    assert_eq!(
        found(&report),
        [
            (
                "brackets.md".to_string(),
                "term/GitHub".to_string(),
                1,
                50_001
            ),
            (
                "links.md".to_string(),
                "term/GitHub".to_string(),
                1,
                200_001
            ),
            (
                "lists.md".to_string(),
                "term/GitHub".to_string(),
                1,
                100_001
            ),
            (
                "quotes.md".to_string(),
                "term/GitHub".to_string(),
                1,
                50_002
            ),
            ("stars.md".to_string(), "term/GitHub".to_string(), 1, 50_001),
        ]
    );
}

#[test]
fn unclosed_fences_and_template_tags_are_read_as_far_as_they_go() {
    let (_dir, report) = check(
        &[
            // An unclosed fence runs to the end of the file: all code.
            ("fence.md", "Github one\n\n```\nGithub in code\n"),
            // A tag that never closes is text, not a tag.
            (
                "tag.hbs",
                "<p>Github {{#if x}} Github {{ unclosed Github\n</p>\n",
            ),
            ("tag.liquid", "<p>{% if x %} Github {% comment %} Github\n"),
            // An attribute value that never closes swallows the rest, as in a browser.
            ("open.html", "<p>Github <a href=\"x\nGithub</p><!-- Github"),
        ],
        &[],
    );
    let at: Vec<(String, u64, u64)> = found(&report)
        .into_iter()
        .map(|(path, _, line, column)| (path, line, column))
        .collect();
    let expected: Vec<(String, u64, u64)> = [
        ("fence.md", 1, 1),
        ("open.html", 1, 4),
        ("tag.hbs", 1, 4),
        ("tag.hbs", 1, 21),
        ("tag.hbs", 1, 40),
        ("tag.liquid", 1, 15),
        ("tag.liquid", 1, 36),
    ]
    .into_iter()
    .map(|(p, l, c)| (p.to_string(), l, c))
    .collect();
    assert_eq!(at, expected);
}

#[test]
fn bad_mdx_is_read_as_markdown_and_reported_and_good_mdx_is_read_as_mdx() {
    let (_dir, report) = check(
        &[
            // An unclosed tag and a broken expression: the file is still checked, as Markdown,
            // and the place the MDX parser stopped is an `io/syntax` finding.
            ("unclosed.mdx", "<Callout>\nGithub inside\n"),
            ("expression.mdx", "Github {open\n\nGithub\n"),
            // Valid MDX: the code is not prose, the text is.
            (
                "ok.mdx",
                "export const a = { b: \"Github\" }\n\n<Note>{/* Github */}Github</Note>\n",
            ),
        ],
        &[],
    );
    assert_eq!(
        found(&report),
        [
            ("expression.mdx", "term/GitHub", 1, 1),
            ("expression.mdx", "io/syntax", 1, 13),
            ("expression.mdx", "term/GitHub", 3, 1),
            ("ok.mdx", "term/GitHub", 3, 21),
            ("unclosed.mdx", "term/GitHub", 2, 1),
            ("unclosed.mdx", "io/syntax", 3, 1),
        ]
        .map(|(p, r, l, c)| (p.to_string(), r.to_string(), l, c))
    );
}

#[test]
fn crlf_mixed_endings_a_bom_and_astral_text_keep_lines_and_columns() {
    let text = "\u{feff}Github\r\nLine two\rstill two 🦀🦀 Github\nné Github\r\n";
    let (_dir, report) = check(&[("mixed.md", text)], &[]);
    assert_eq!(
        found(&report),
        [
            ("mixed.md".to_string(), "term/GitHub".to_string(), 1, 1),
            ("mixed.md".to_string(), "term/GitHub".to_string(), 2, 23),
            ("mixed.md".to_string(), "term/GitHub".to_string(), 3, 4),
        ]
    );
}

#[test]
fn very_long_paths_are_checked_and_printed_whole() {
    let dir = site(&[("brandlint.toml", RULES)]);
    let name = "n".repeat(200);
    let mut relative = std::path::PathBuf::new();
    for _ in 0..15 {
        relative.push(&name);
    }
    relative.push("post.md");
    let path = dir.path().join(&relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "Github\n").unwrap();
    let report = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    let expected = relative.display().to_string();
    assert!(expected.len() > 3_000);
    assert_eq!(found(&report), one(&expected, "term/GitHub", 1, 1));
}

#[cfg(unix)]
#[test]
fn symlink_loops_never_hang_the_walk() {
    let dir = site(&[("brandlint.toml", RULES), ("real.md", "Github\n")]);
    let link = |target: &str, name: &str| {
        std::os::unix::fs::symlink(target, dir.path().join(name)).unwrap();
    };
    link(".", "loop");
    link("b.md", "a.md");
    link("a.md", "b.md");
    // Walking does not follow links: only real.md is checked.
    let walked = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    assert_eq!(found(&walked), one("real.md", "term/GitHub", 1, 1));
    // Named, a link cycle cannot be read, and says so.
    let named = json(&brandlint(
        dir.path(),
        &["check", "--format", "json", "a.md"],
        None,
    ));
    assert_eq!(found(&named), one("a.md", "io/read", 1, 1));
    let message = named["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.contains("symbolic links"), "{message}");
    // So does a cycle whose names say no kind of content: a loop, not a missing file.
    link("y", "x");
    link("x", "y");
    let named = json(&brandlint(
        dir.path(),
        &["check", "--format", "json", "x"],
        None,
    ));
    assert_eq!(found(&named), one("x", "io/read", 1, 1));
    let message = named["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.contains("symbolic links"), "{message}");
}

/// A listed file (the files a pull request changed) that is a link, or lies in a linked
/// folder, is reported and not followed, whatever it points to; a link to something that is
/// not content, and a listed path that no longer exists, are left out.
#[cfg(unix)]
#[test]
fn listed_links_are_reported_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("token"), "SECRET-TOKEN Github\n").unwrap();
    std::fs::create_dir(outside.path().join("etc")).unwrap();
    std::fs::write(
        outside.path().join("etc/brandlint.toml"),
        "[[term]]\nname = \"X\"\n",
    )
    .unwrap();
    std::fs::write(outside.path().join("etc/post.md"), "SECRET-TOKEN Github\n").unwrap();
    let dir = site(&[("brandlint.toml", RULES), ("docs/real.md", "Github\n")]);
    let link = |target: &Path, name: &str| {
        std::os::unix::fs::symlink(target, dir.path().join(name)).unwrap();
    };
    link(&outside.path().join("token"), "docs/token.md");
    link(&outside.path().join("etc"), "docs/etcdir");
    link(&outside.path().join("token"), "docs/logo.png");
    link(Path::new("real.md"), "docs/inside.md");
    let list = "docs/token.md\0docs/etcdir\0docs/etcdir/post.md\0docs/logo.png\0\
                docs/inside.md\0docs/real.md\0docs/deleted.md\0";
    std::fs::write(dir.path().join("changed"), list).unwrap();
    let output = brandlint(
        dir.path(),
        &["check", "--format", "json", "--files-from", "changed"],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(!text.contains("SECRET-TOKEN"), "{text}");
    let report = json(&output);
    let rules: Vec<(String, String)> = found(&report)
        .into_iter()
        .map(|(path, rule, _, _)| (path, rule))
        .collect();
    let expect = |path: &str, rule: &str| (path.to_string(), rule.to_string());
    assert_eq!(
        rules,
        [
            expect("docs/etcdir/post.md", "io/symlink"),
            expect("docs/inside.md", "io/symlink"),
            expect("docs/real.md", "term/GitHub"),
            expect("docs/token.md", "io/symlink"),
        ]
    );
    assert!(report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["severity"] == "error"));
    // Walking the folder passes over every link, as before.
    let walked = json(&brandlint(
        dir.path(),
        &["check", "--format", "json", "docs"],
        None,
    ));
    assert_eq!(found(&walked), one("docs/real.md", "term/GitHub", 1, 1));
}

/// A listed file with a NUL byte is reported, as a named one is: a change cannot hide text
/// from the check behind one byte.
#[test]
fn a_listed_binary_file_is_reported() {
    let dir = site(&[
        ("brandlint.toml", RULES),
        ("docs/hidden.md", "Github\0 and more Github\n"),
        ("docs/walked/also.md", "Github\0\n"),
    ]);
    std::fs::write(dir.path().join("changed"), "docs/hidden.md\ndocs/walked\n").unwrap();
    let report = json(&brandlint(
        dir.path(),
        &["check", "--format", "json", "--files-from", "changed"],
        None,
    ));
    assert_eq!(found(&report), one("docs/hidden.md", "io/binary", 1, 1));
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_not_read() {
    let dir = site(&[("brandlint.toml", RULES)]);
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("pipe.md"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        common::missing_prerequisite("mkfifo is not available");
        return;
    }
    // Reading a pipe nobody writes to would block forever.
    let named = json(&brandlint(
        dir.path(),
        &["check", "--format", "json", "pipe.md"],
        None,
    ));
    assert_eq!(found(&named), one("pipe.md", "io/read", 1, 1));
    let walked = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    assert_eq!(found(&walked), []);
}

/// Runs a copy of the binary in `dir` as the user `nobody`, through util-linux's `setpriv`,
/// with `dir` opened to every user: `None` when that cannot be done.
#[cfg(unix)]
fn brandlint_as_nobody(dir: &Path, args: &[&str]) -> Option<std::process::Output> {
    use std::os::unix::fs::PermissionsExt;
    let open = |path: &Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).ok()
    };
    open(dir, 0o755)?;
    for name in ["brandlint.toml", "open.md"] {
        open(&dir.join(name), 0o644)?;
    }
    // A copy anyone may run, wherever the build folder is.
    let binary = dir.join(".brandlint-as-nobody");
    std::fs::copy(env!("CARGO_BIN_EXE_brandlint"), &binary).ok()?;
    open(&binary, 0o755)?;
    let output = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(&binary)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .ok()?;
    // setpriv itself failing leaves no JSON on standard output.
    (!output.stdout.is_empty()).then_some(output)
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_folders_are_findings() {
    use std::os::unix::fs::PermissionsExt;
    let dir = site(&[
        ("brandlint.toml", RULES),
        ("secret.md", "Github\n"),
        ("locked/inside.md", "Github\n"),
        ("open.md", "Github\n"),
    ]);
    let lock = |path: &str, mode: u32| {
        let permissions = std::fs::Permissions::from_mode(mode);
        std::fs::set_permissions(dir.path().join(path), permissions).unwrap();
    };
    lock("secret.md", 0o000);
    lock("locked", 0o000);
    let report = if std::fs::read(dir.path().join("secret.md")).is_ok() {
        // Root reads files whatever their permissions (CI runs as root): check as `nobody`.
        let Some(output) = brandlint_as_nobody(dir.path(), &["check", "--format", "json"]) else {
            lock("locked", 0o755);
            common::missing_prerequisite("setpriv cannot run brandlint as nobody");
            return;
        };
        json(&output)
    } else {
        json(&brandlint(dir.path(), &["check", "--format", "json"], None))
    };
    lock("locked", 0o755);
    let rules: Vec<(String, String)> = found(&report)
        .into_iter()
        .map(|(path, rule, _, _)| (path, rule))
        .collect();
    assert_eq!(
        rules,
        [
            ("locked".to_string(), "io/read".to_string()),
            ("open.md".to_string(), "term/GitHub".to_string()),
            ("secret.md".to_string(), "io/read".to_string()),
        ]
    );
}

#[test]
fn files_that_vanish_after_the_walk_are_skipped_unless_named() {
    let dir = site(&[("brandlint.toml", RULES)]);
    let rules = brandlint::check::load_rules(&dir.path().join("brandlint.toml")).unwrap();
    let gone = dir.path().join("gone.md");
    let kind = brandlint::read::detect(&gone, rules.is_email(&gone)).unwrap();
    let options = brandlint::lint::LintOptions::default();
    let walked = brandlint::lint::lint_file(
        &rules,
        &gone,
        "gone.md".into(),
        kind,
        options,
        Origin::Found,
    );
    assert!(walked.is_none(), "a walked file that vanished is skipped");
    let named = brandlint::lint::lint_file(
        &rules,
        &gone,
        "gone.md".into(),
        kind,
        options,
        Origin::Named,
    )
    .expect("a named file is reported");
    assert_eq!(named.findings.len(), 1);
    assert_eq!(named.findings[0].rule, "io/read");
}

#[test]
fn files_over_the_size_limit_are_reported_not_read() {
    let big = "Github ".repeat(20_000);
    let (dir, report) = check(
        &[("big.md", &big), ("small.md", "Github\n")],
        &["--max-file-size", "100KB"],
    );
    let rules: Vec<(String, String)> = found(&report)
        .into_iter()
        .map(|(path, rule, _, _)| (path, rule))
        .collect();
    assert_eq!(
        rules,
        [
            ("big.md".to_string(), "io/too-large".to_string()),
            ("small.md".to_string(), "term/GitHub".to_string()),
        ]
    );
    // An error, like every file left unchecked: a change must not pass by being large.
    assert_eq!(report["diagnostics"][0]["severity"], "error");
    // 0 lifts the limit; the default (10 MB) reads this file. Every finding is counted:
    // no per-file budget.
    let unlimited = json(&brandlint(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--max-file-size",
            "0",
            "--max-findings-per-file",
            "0",
            "big.md",
        ],
        None,
    ));
    assert_eq!(unlimited["summary"]["errors"], 20_000);
    let bad = brandlint(dir.path(), &["check", "--max-file-size", "ten"], None);
    assert_eq!(bad.status.code(), Some(2));
}

// ---- hostile rules files ----

/// A place in a rules file: its file name and byte range.
type Place = (String, std::ops::Range<usize>);

#[test]
fn a_pattern_too_large_to_compile_is_a_clear_error_at_its_place() {
    let rules = "[[pattern]]\nregex = \"(\\\\w{50}){50}(\\\\w{50}){50}\"\n";
    let dir = site(&[("brandlint.toml", rules), ("a.md", "Fine.\n")]);
    let output = brandlint(dir.path(), &["check"], None);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("brandlint.toml: pattern is too large"),
        "{stderr}"
    );
    assert!(
        stderr.contains("brandlint.toml:2:9"),
        "the place is named: {stderr}"
    );
}

#[test]
fn patterns_run_in_linear_time_on_inputs_that_make_backtrackers_explode() {
    // (a+)+$ on "aaaa…!" takes exponential time in a backtracking engine.
    let rules = "[[pattern]]\nregex = \"(a+)+$\"\nseverity = \"error\"\n";
    let text = format!("{}!\n", "a".repeat(50_000));
    let dir = site(&[("brandlint.toml", rules), ("a.md", &text)]);
    let report = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    assert_eq!(found(&report), []);
}

#[test]
fn conflicting_rules_are_reported_at_load_with_both_places() {
    let base = "[[prefer]]\nuse = \"email\"\ninstead_of = [\"e-mail\"]\n";
    let rules = "[brand]\nextends = [\"base.toml\"]\n\n\
                 [[banned]]\nphrases = [\"e-mail\", \"synergy\"]\n\n\
                 [[term]]\nname = \"GitHub\"\nvariants = [\"Git Hub\"]\n\n\
                 [[term]]\nname = \"Git hub\"\n\n\
                 [[prefer]]\nuse = \"sign in\"\ninstead_of = [\"log in\"]\n\n\
                 [[prefer]]\nuse = \"log in\"\ninstead_of = [\"login\"]\n\n\
                 [[banned]]\nphrases = [\"synergy\"]\nseverity = \"error\"\n";
    let dir = site(&[
        ("base.toml", base),
        ("brandlint.toml", rules),
        ("a.md", "Fine.\n"),
    ]);
    let loaded = brandlint::check::load_rules(&dir.path().join("brandlint.toml")).unwrap();
    let mut conflicts: Vec<(String, [Place; 2])> = loaded
        .conflicts
        .iter()
        .map(|c| {
            let message = c.message.split_once(".toml: ").unwrap().1.to_string();
            let places = c.places().map(|(path, span)| {
                let name = std::path::Path::new(&path)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                (name, span)
            });
            (message, places)
        })
        .collect();
    conflicts.sort_by(|a, b| a.0.cmp(&b.0));
    let at = |file: &str, text: &str, needle: &str| {
        let start = text.find(needle).unwrap();
        (file.to_string(), start..start + needle.len())
    };
    assert_eq!(
        conflicts,
        [
            (
                "\"Git hub\" is a term's name and another term's variant: it is both right and wrong".to_string(),
                [at("brandlint.toml", rules, "\"Git Hub\""), at("brandlint.toml", rules, "\"Git hub\"")],
            ),
            (
                "\"e-mail\" is banned and also replaced by a preferred wording: it is reported twice".to_string(),
                [at("brandlint.toml", rules, "\"e-mail\""), at("base.toml", base, "\"e-mail\"")],
            ),
            (
                "\"log in\" is a preferred wording and also a wording to replace: fixes go in a chain".to_string(),
                [at("brandlint.toml", rules, "\"log in\"]"), at("brandlint.toml", rules, "\"log in\"\n")]
                    .map(|(f, r)| (f, r.start..r.start + "\"log in\"".len())),
            ),
        ],
        "a banned phrase given again (synergy) is the same rule adjusted, not a conflict"
    );
    // `check` says how many in one line and still runs; `rules` shows each with its
    // places; `rules --verify` fails.
    let output = brandlint(dir.path(), &["check", "--format", "compact"], None);
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr,
        "brandlint: warning: 3 rules of the rules file contradict or repeat others; \
         `brandlint rules` shows where\n"
    );
    let listed = brandlint(dir.path(), &["rules"], None);
    let stderr = String::from_utf8_lossy(&listed.stderr);
    assert_eq!(stderr.matches("⚠").count(), 3, "{stderr}");
    assert!(
        stderr.contains("base.toml:3:15"),
        "the other file's place: {stderr}"
    );
    let verify = brandlint(dir.path(), &["rules", "--verify"], None);
    assert_eq!(verify.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&verify.stdout).contains("3 conflicting rules"));
    // The packs that ship have none.
    for pack in [
        "rules/default.toml",
        "rules/examples/acme.toml",
        "rules/starter.toml",
        "fixtures/brandlint.toml",
    ] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(pack);
        let rules = brandlint::check::load_rules(&path).unwrap();
        assert!(rules.conflicts.is_empty(), "{pack}: {:?}", rules.conflicts);
    }
}

#[test]
fn people_see_the_first_hundred_findings_of_a_file_and_a_count_of_the_rest() {
    let text = "Github\n".repeat(250);
    let dir = site(&[("brandlint.toml", RULES), ("dense.md", &text)]);
    let human = brandlint(dir.path(), &["check", "--color", "never"], None);
    let shown = String::from_utf8(human.stdout).unwrap();
    assert_eq!(human.status.code(), Some(1));
    assert_eq!(
        shown.matches("× Write \"GitHub\", not \"Github\"").count(),
        100
    );
    let last_shown = shown.rfind("× Write").unwrap();
    assert_eq!(
        &shown[last_shown..],
        "× Write \"GitHub\", not \"Github\"\n     \
         ╭─[dense.md:100:1]\n  \
          99 │ Github\n \
         100 │ Github\n     \
         · ───┬──\n     \
         ·    ╰── term/GitHub\n \
         101 │ Github\n     \
         ╰────\n  \
         help: fix: replace with \"GitHub\"\n\
         \n\
         dense.md: 150 more findings not shown (the first 100 are); `--format compact` or \
         `--format json` lists them all\n\
         \n\
         250 errors, 0 warnings in 1 file (250 fixable with --fix)\n"
    );
    // The machine formats list every one.
    let compact = brandlint(dir.path(), &["check", "--format", "compact"], None);
    assert_eq!(
        String::from_utf8(compact.stdout).unwrap().lines().count(),
        251
    );
}

// ---- where rules files may reach ----

/// A repository (a folder with `.git`) inside a temporary folder, beside a folder
/// `outside` that holds a rules file whose text must never be printed.
fn repository_beside_a_secret(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(
        outside.join("secret.toml"),
        "[[term]]\nname = \"SECRET-42\"\nnot toml at all SECRET-42\n",
    )
    .unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::write(
        repo.join(".git/config.toml"),
        "[[term]]\nname = \"SECRET-42\"\n",
    )
    .unwrap();
    for (name, text) in files {
        let path = repo.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    (dir, repo)
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn extends_may_not_leave_the_repository() {
    let outside_absolute = "/etc/hostname.toml";
    let cases = [
        ("../outside/secret.toml", "lies outside"),
        (
            "../../../../../../../../outside/secret.toml",
            "lies outside",
        ),
        (outside_absolute, "absolute path"),
        ("/etc/passwd", "absolute path"),
        ("../outside/missing", "not a rules file"),
        (".git/config.toml", "lies under .git"),
        ("sub/../.git/config.toml", "lies under .git"),
    ];
    for (extends, expected) in cases {
        let rules = format!("[brand]\nextends = [{extends:?}]\n");
        let (_dir, repo) = repository_beside_a_secret(&[
            ("brandlint.toml", &rules),
            ("sub/x", ""),
            ("post.md", "Hello\n"),
        ]);
        let output = brandlint(&repo, &["check", "--format", "github"], None);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            stderr_of(&output)
        );
        assert_eq!(output.status.code(), Some(2), "{extends}: {all}");
        assert!(all.contains(expected), "{extends}: {all}");
        assert!(!all.contains("SECRET-42"), "{extends}: {all}");
    }
}

#[cfg(unix)]
#[test]
fn a_link_to_a_rules_file_outside_is_refused_and_inside_is_fine() {
    let (dir, repo) = repository_beside_a_secret(&[
        ("brandlint.toml", "[brand]\nextends = [\"link.toml\"]\n"),
        ("base.toml", "[[term]]\nname = \"GitHub\"\n"),
        ("post.md", "Github\n"),
    ]);
    std::os::unix::fs::symlink(
        dir.path().join("outside/secret.toml"),
        repo.join("link.toml"),
    )
    .unwrap();
    let output = brandlint(&repo, &["check"], None);
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr_of(&output);
    assert!(stderr.contains("lies outside"), "{stderr}");
    assert!(!stderr.contains("SECRET-42"), "{stderr}");
    // A discovered rules file that is itself a link to outside is refused too.
    std::fs::remove_file(repo.join("brandlint.toml")).unwrap();
    std::fs::create_dir(repo.join("docs")).unwrap();
    std::fs::write(repo.join("docs/post.md"), "Github\n").unwrap();
    std::os::unix::fs::symlink(
        "../../outside/secret.toml",
        repo.join("docs/brandlint.toml"),
    )
    .unwrap();
    let output = brandlint(&repo, &["check", "docs"], None);
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("rules file") && stderr.contains("lies outside"),
        "{stderr}"
    );
    assert!(!stderr.contains("SECRET-42"), "{stderr}");
    // A link inside the repository is followed as any file is.
    std::fs::remove_file(repo.join("docs/brandlint.toml")).unwrap();
    std::os::unix::fs::symlink("../base.toml", repo.join("docs/brandlint.toml")).unwrap();
    let report = json(&brandlint(
        &repo,
        &["check", "--format", "json", "docs"],
        None,
    ));
    assert_eq!(found(&report), one("docs/post.md", "term/GitHub", 1, 1));
}

#[test]
fn extends_within_the_repository_and_outside_when_allowed() {
    let (_dir, repo) = repository_beside_a_secret(&[
        ("base.toml", "[[term]]\nname = \"GitHub\"\n"),
        (
            "site/brandlint.toml",
            "[brand]\nextends = [\"../base.toml\"]\n",
        ),
        ("site/post.md", "Github\n"),
    ]);
    let report = json(&brandlint(
        &repo,
        &["check", "--format", "json", "site"],
        None,
    ));
    assert_eq!(found(&report), one("site/post.md", "term/GitHub", 1, 1));
    // Outside the repository, only when asked on the command line; then it is read (and,
    // being broken, quoted).
    std::fs::write(
        repo.join("site/brandlint.toml"),
        "[brand]\nextends = [\"../../outside/secret.toml\"]\n",
    )
    .unwrap();
    let output = brandlint(&repo, &["check", "--allow-outside", "site"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("SECRET-42"),
        "{}",
        stderr_of(&output)
    );
}

/// With `--rules-tree`, the rules come from another tree (a base commit's files): a rules
/// file the change added beside the content is not used, and the tree's globs still match
/// the content's paths.
#[test]
fn a_rules_tree_stands_in_for_the_rules_beside_the_content() {
    let (dir, repo) = repository_beside_a_secret(&[
        ("brandlint.toml", "[[term]]\nname = \"X\"\n"),
        ("docs/brandlint.toml", "# the change emptied the rules\n"),
        ("docs/post.md", "Github\n"),
        ("docs/vendor/skip.md", "Github\n"),
    ]);
    let tree = dir.path().join("base");
    std::fs::create_dir_all(tree.join("docs")).unwrap();
    std::fs::write(
        tree.join("docs/brandlint.toml"),
        "[brand]\nextends = [\"../base.toml\"]\n[files]\nignore = [\"vendor/**\"]\n",
    )
    .unwrap();
    std::fs::write(tree.join("base.toml"), "[[term]]\nname = \"GitHub\"\n").unwrap();
    let tree_arg = tree.display().to_string();
    let args = [
        "check",
        "--format",
        "json",
        "--rules-tree",
        &tree_arg,
        "docs",
    ];
    let report = json(&brandlint(&repo, &args, None));
    assert_eq!(found(&report), one("docs/post.md", "term/GitHub", 1, 1));
    // Without it, the change's own (empty) rules are used.
    let report = json(&brandlint(
        &repo,
        &["check", "--format", "json", "docs"],
        None,
    ));
    assert_eq!(found(&report), []);
    // The tree is the limit of `extends` there.
    std::fs::write(
        tree.join("docs/brandlint.toml"),
        "[brand]\nextends = [\"../../repo/brandlint.toml\"]\n",
    )
    .unwrap();
    let output = brandlint(&repo, &args, None);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("lies outside"),
        "{}",
        stderr_of(&output)
    );
}

/// `rules --sources` names every file the rules are read from, for a CI job that must know
/// whether a change touched the rules.
#[test]
fn rules_sources_lists_the_extends_chain() {
    let (_dir, repo) = repository_beside_a_secret(&[
        ("rules/a.toml", "[brand]\nextends = [\"b.toml\"]\n"),
        ("rules/b.toml", "[[term]]\nname = \"GitHub\"\n"),
        ("brandlint.toml", "[brand]\nextends = [\"rules/a.toml\"]\n"),
    ]);
    let output = brandlint(&repo, &["rules", "--sources"], None);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "rules/b.toml\nrules/a.toml\nbrandlint.toml\n"
    );
    let output = brandlint(
        &repo,
        &["rules", "--sources", "-z", "--rules", "rules/a.toml"],
        None,
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "rules/b.toml\0rules/a.toml\0"
    );
}
