//! `--fix` and `--diff`: what is fixed is exactly what was reported, every other byte stays,
//! and a second run changes nothing. Checked on crafted files, on random documents and rule
//! sets, and on copies of the real corpora.

mod common;

use std::ops::Range;
use std::path::Path;

use common::{brandlint, json, site};
use proptest::prelude::*;

/// Rules with every kind of fix: term casing and variants, a trademark, case-keeping
/// wordings and contractions.
const RULES: &str = r#"
[[term]]
name = "GitHub"
severity = "error"

[[term]]
name = "Acme Cloud"
variants = ["AcmeCloud"]
trademark = "®"

[[prefer]]
use = "use"
instead_of = ["utilize"]

[[prefer]]
use = "website"
instead_of = ["web site"]

[[term]]
name = "Site Builder"

[[banned]]
phrases = ["synergy"]

[voice]
contractions = "prefer"
"#;

/// A fix as the JSON format reports it: the byte span and its replacement.
#[derive(Debug, Clone, PartialEq)]
struct ReportedFix {
    span: Range<usize>,
    replacement: String,
}

/// The fixes `check --format json` reports, per file path: the safe ones and, with
/// `with_unsafe`, the unsafe ones too.
fn reported_fixes(report: &serde_json::Value, with_unsafe: bool) -> Vec<(String, ReportedFix)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| {
            let safe = d.get("fix")?.get("safety").is_none();
            if !safe && !with_unsafe {
                return None;
            }
            let replacement = d.get("fix")?["replacement"].as_str()?.to_string();
            let span = d["span"]["start"].as_u64()? as usize..d["span"]["end"].as_u64()? as usize;
            Some((
                d["path"].as_str()?.to_string(),
                ReportedFix { span, replacement },
            ))
        })
        .collect()
}

/// `original` with `fixes` spliced in, written independently of brandlint; `None` when two
/// fixes overlap (then only a subset can be applied).
fn splice(original: &[u8], fixes: &[ReportedFix]) -> Option<Vec<u8>> {
    let mut fixes = fixes.to_vec();
    fixes.sort_by_key(|f| (f.span.start, f.span.end));
    fixes.dedup();
    let mut out = Vec::new();
    let mut at = 0;
    for fix in &fixes {
        if fix.span.start < at {
            return None;
        }
        out.extend_from_slice(&original[at..fix.span.start]);
        out.extend_from_slice(fix.replacement.as_bytes());
        at = fix.span.end;
    }
    out.extend_from_slice(&original[at..]);
    Some(out)
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn fix_changes_exactly_the_reported_spans_and_nothing_else() {
    // A byte order mark, CRLF and LF line endings, non-ASCII text, markup, and findings
    // without a fix (banned, and a name broken by markup) that must stay.
    let text = "\u{feff}# Why we utilize AcmeCloud\r\n\r\nWe do not utilize Github; \
                Acme Cloud® is our café 🦀.\nGit<b>hub</b> and synergy stay.\r\n\
                UTILIZE the web site. It is not hard.\n";
    let dir = site(&[("brandlint.toml", RULES), ("post.md", text)]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = std::fs::Permissions::from_mode(0o604);
        std::fs::set_permissions(dir.path().join("post.md"), permissions).unwrap();
    }
    let before = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    let fixes: Vec<ReportedFix> = reported_fixes(&before, true)
        .into_iter()
        .map(|(_, f)| f)
        .collect();
    assert_eq!(fixes.len(), 8, "{before:#}");
    let expected = splice(text.as_bytes(), &fixes).expect("no fixes overlap here");

    let output = brandlint(
        dir.path(),
        &["check", "--fix", "--unsafe-fixes", "--format", "compact"],
        None,
    );
    let fixed = std::fs::read(dir.path().join("post.md")).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&fixed),
        String::from_utf8_lossy(&expected)
    );
    assert_eq!(
        String::from_utf8(fixed.clone()).unwrap(),
        "\u{feff}# Why we use Acme Cloud®\r\n\r\nWe don't use GitHub; \
         Acme Cloud® is our café 🦀.\nGit<b>hub</b> and synergy stay.\r\n\
         USE the website. It isn't hard.\n"
    );
    // What is left is exactly what has no fix, at its place in the fixed text.
    assert_eq!(
        stdout(&output),
        "post.md:4:1: error: Write \"GitHub\", not \"Github\" [term/GitHub]\n\
         post.md:4:19: warning: Avoid \"synergy\" [banned/synergy]\n\
         1 error, 1 warning in 1 file (8 fixed)\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("post.md"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o604);
    }
    // A second run changes nothing and fixes nothing.
    let again = brandlint(dir.path(), &["check", "--fix", "--format", "compact"], None);
    assert_eq!(std::fs::read(dir.path().join("post.md")).unwrap(), fixed);
    assert!(
        stdout(&again).ends_with("1 error, 1 warning in 1 file\n"),
        "{}",
        stdout(&again)
    );
}

#[test]
fn no_fix_is_offered_across_markup_entities_or_template_tags() {
    let dir = site(&[
        ("brandlint.toml", RULES),
        (
            "a.html",
            "<p>Git<em>hub</em>, Git&#104;ub and util&shy;ize.</p>\n",
        ),
        ("b.hbs", "<p>Util{{!x}}ize Git{{hub}}hub.</p>\n"),
    ]);
    let report = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    assert!(reported_fixes(&report, true).is_empty(), "{report:#}");
    let original_a = std::fs::read(dir.path().join("a.html")).unwrap();
    brandlint(dir.path(), &["check", "--fix"], None);
    assert_eq!(
        std::fs::read(dir.path().join("a.html")).unwrap(),
        original_a
    );
}

#[test]
fn overlapping_fixes_apply_one_consistent_set() {
    // "web site builder": the wording "web site" and the name "site builder" overlap.
    let dir = site(&[
        ("brandlint.toml", RULES),
        ("a.md", "Try our web site builder.\n"),
    ]);
    let report = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    let fixes = reported_fixes(&report, true);
    assert_eq!(fixes.len(), 2);
    assert!(splice(
        b"Try our web site builder.\n",
        &fixes.into_iter().map(|(_, f)| f).collect::<Vec<_>>()
    )
    .is_none());
    let output = brandlint(dir.path(), &["check", "--fix", "--format", "compact"], None);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
        "Try our website builder.\n"
    );
    assert_eq!(
        stdout(&output),
        "0 errors, 0 warnings in 1 file (1 fixed)\n"
    );
}

#[test]
fn diff_prints_the_fixes_and_writes_nothing() {
    let text = "We utilize Github.\nFine line.\n";
    let dir = site(&[("brandlint.toml", RULES), ("docs/a.md", text)]);
    let output = brandlint(dir.path(), &["check", "--diff"], None);
    assert_eq!(
        stdout(&output),
        "--- a/docs/a.md\n+++ b/docs/a.md\n@@ -1,2 +1,2 @@\n-We utilize Github.\n+We utilize GitHub.\n Fine line.\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "brandlint: 1 fixable in 1 file (1 more with --unsafe-fixes); nothing was written\n"
    );
    assert_eq!(output.status.code(), Some(1), "exit status as for check");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("docs/a.md")).unwrap(),
        text
    );
    // --diff and --fix together make no sense.
    let both = brandlint(dir.path(), &["check", "--diff", "--fix"], None);
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn unsafe_fixes_are_held_back_until_asked_for() {
    // "do not" (a contraction) and "utilize" (one word for another) have unsafe fixes;
    // "Github" and "web site" safe ones.
    let text = "We do not utilize Github or the web site.\n";
    let dir = site(&[("brandlint.toml", RULES), ("a.md", text)]);
    let check = brandlint(dir.path(), &["check", "--format", "compact"], None);
    assert!(
        stdout(&check).ends_with(
            "1 error, 3 warnings in 1 file (2 fixable with --fix, 2 more with --unsafe-fixes)\n"
        ),
        "{}",
        stdout(&check)
    );
    let report = json(&brandlint(dir.path(), &["check", "--format", "json"], None));
    let safeties: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["matched"].as_str().unwrap(),
                d["fix"].get("safety").cloned(),
            )
        })
        .collect();
    assert_eq!(
        safeties,
        [
            ("do not", Some("unsafe".into())),
            ("utilize", Some("unsafe".into())),
            ("Github", None),
            ("web site", None),
        ]
    );
    assert_eq!(report["summary"]["fixable"], 2);
    assert_eq!(report["summary"]["unsafe_fixable"], 2);

    let fixed = brandlint(dir.path(), &["check", "--fix", "--format", "compact"], None);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
        "We do not utilize GitHub or the website.\n"
    );
    assert!(
        stdout(&fixed)
            .ends_with("0 errors, 2 warnings in 1 file (2 fixed, 2 more with --unsafe-fixes)\n"),
        "{}",
        stdout(&fixed)
    );
    let all = brandlint(
        dir.path(),
        &["check", "--fix", "--unsafe-fixes", "--format", "compact"],
        None,
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
        "We don't use GitHub or the website.\n"
    );
    assert_eq!(stdout(&all), "0 errors, 0 warnings in 1 file (2 fixed)\n");
    // Alone, --unsafe-fixes has nothing to apply: a usage error.
    let alone = brandlint(dir.path(), &["check", "--unsafe-fixes"], None);
    assert_eq!(alone.status.code(), Some(2));
}

#[test]
fn diff_and_standard_input_hold_unsafe_fixes_back_too() {
    let text = "We utilize Github.\n";
    let dir = site(&[("brandlint.toml", RULES), ("a.md", text)]);
    let diff = brandlint(dir.path(), &["check", "--diff", "--unsafe-fixes"], None);
    assert!(
        stdout(&diff).contains("+We use GitHub.\n"),
        "{}",
        stdout(&diff)
    );
    assert_eq!(
        String::from_utf8_lossy(&diff.stderr),
        "brandlint: 2 fixable in 1 file; nothing was written\n"
    );
    let stdin = ["check", "--fix", "--stdin-filename", "x.md", "-"];
    let safe = brandlint(dir.path(), &stdin, Some(text.as_bytes()));
    assert_eq!(stdout(&safe), "We utilize GitHub.\n");
    let mut with_unsafe = stdin.to_vec();
    with_unsafe.insert(2, "--unsafe-fixes");
    let all = brandlint(dir.path(), &with_unsafe, Some(text.as_bytes()));
    assert_eq!(stdout(&all), "We use GitHub.\n");
}

#[test]
fn a_wording_replaced_by_itself_is_refused_so_fix_cannot_loop() {
    // Before, every right "sign in" was flagged and "fixed" to itself, ten passes over:
    // "21 fixed" with nothing changed, and an io/fix-loop.
    let rules = "[[prefer]]\nuse = \"sign in\"\ninstead_of = [\"log in\", \"Sign  In\"]\n";
    let dir = site(&[
        ("brandlint.toml", rules),
        ("a.md", "Please sign in or log in.\n"),
    ]);
    for args in [&["check", "--fix"][..], &["rules", "--verify"][..]] {
        let output = brandlint(dir.path(), args, None);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let error = String::from_utf8_lossy(&output.stderr);
        assert!(error.contains("the preferred wording"), "{error}");
        assert!(
            error.contains("\"Sign  In\""),
            "the entry is shown: {error}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
        "Please sign in or log in.\n"
    );
    // Its neighbour, without the entry, fixes the wrong wording once.
    let fine = "[[prefer]]\nuse = \"sign in\"\ninstead_of = [\"log in\"]\n";
    std::fs::write(dir.path().join("brandlint.toml"), fine).unwrap();
    let output = brandlint(dir.path(), &["check", "--fix", "--format", "compact"], None);
    assert_eq!(
        stdout(&output),
        "0 errors, 0 warnings in 1 file (1 fixed)\n"
    );
}

#[test]
fn fix_on_standard_input_prints_the_fixed_text() {
    let dir = site(&[("brandlint.toml", RULES)]);
    let output = brandlint(
        dir.path(),
        &[
            "check",
            "--fix",
            "--format",
            "compact",
            "--stdin-filename",
            "x.md",
            "-",
        ],
        Some(b"We love the web site, Github and synergy.\r\n"),
    );
    assert_eq!(
        stdout(&output),
        "We love the website, GitHub and synergy.\r\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "x.md:1:33: warning: Avoid \"synergy\" [banned/synergy]\n0 errors, 1 warning in 1 file (2 fixed)\n"
    );
    assert!(!dir.path().join("x.md").exists());
    // Nothing to fix: the text comes back as it came.
    let clean = brandlint(
        dir.path(),
        &["check", "--fix", "--stdin-filename", "x.md", "-"],
        Some(b"Fine.\n"),
    );
    assert_eq!(stdout(&clean), "Fine.\n");
}

#[cfg(unix)]
#[test]
fn a_linked_file_is_fixed_through_its_link() {
    let dir = site(&[("brandlint.toml", RULES), ("real/a.md", "Github.\n")]);
    std::os::unix::fs::symlink(dir.path().join("real/a.md"), dir.path().join("link.md")).unwrap();
    let output = brandlint(dir.path(), &["check", "--fix", "link.md"], None);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let link = std::fs::symlink_metadata(dir.path().join("link.md")).unwrap();
    assert!(link.file_type().is_symlink(), "the link stays a link");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("real/a.md")).unwrap(),
        "GitHub.\n"
    );
}

// ---- random documents and rule sets ----

/// Pieces of documents: names and wordings in several casings, markup, entities, line
/// endings, non-ASCII text.
const PIECES: &[&str] = &[
    "Github",
    "GITHUB",
    "github",
    "GitHub",
    "acmecloud",
    "AcmeCloud",
    "Acme Cloud",
    "acme cloud",
    "Acme Cloud®",
    "utilize",
    "Utilize",
    "UTILIZE",
    "web site",
    "Web Site",
    "site builder",
    "do not",
    "Do not",
    "is not",
    "synergy",
    "we",
    "the",
    "café",
    "🦀",
    "<b>",
    "</b>",
    "&amp;",
    "`code Github`",
    ".",
    ",",
    "!",
    " ",
    " ",
    " ",
    "\n",
    "\r\n",
    "\n\n",
];

/// Rule tables that can be combined in any subset.
const TABLES: &[&str] = &[
    "[[term]]\nname = \"GitHub\"\n",
    "[[term]]\nname = \"Acme Cloud\"\nvariants = [\"AcmeCloud\"]\n",
    "[[term]]\nname = \"Acme Cloud\"\ntrademark = \"®\"\n",
    "[[prefer]]\nuse = \"use\"\ninstead_of = [\"utilize\"]\n",
    "[[prefer]]\nuse = \"website\"\ninstead_of = [\"web site\"]\n",
    "[[term]]\nname = \"Site Builder\"\n",
    "[[banned]]\nphrases = [\"synergy\"]\n",
    "[voice]\ncontractions = \"prefer\"\n",
];

fn lint(
    rules: &brandlint::check::CompiledRules,
    path: &Path,
    text: &str,
    mode: brandlint::lint::FixMode,
) -> brandlint::lint::FileReport {
    let kind = brandlint::read::detect(path, rules.is_email(path)).expect("a known channel");
    // Every fix, unsafe ones too, so that every fix reported is one applied.
    brandlint::lint::lint_bytes(
        rules,
        path,
        "doc".into(),
        kind,
        text.as_bytes().to_vec(),
        mode,
        brandlint::fix::Selection::All,
    )
}

fn fixes_of(report: &brandlint::lint::FileReport) -> Vec<ReportedFix> {
    report
        .findings
        .iter()
        .filter_map(|f| {
            Some(ReportedFix {
                span: f.span.range(),
                replacement: f.fix.clone()?.replacement,
            })
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn fixing_applies_exactly_the_reported_fixes_and_settles(
        pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..60),
        tables in proptest::collection::vec(any::<bool>(), TABLES.len()),
        html in any::<bool>(),
    ) {
        use brandlint::lint::FixMode;
        let dir = tempfile::tempdir().unwrap();
        // One trademark table at most: two tables for one name replace each other.
        let rules_text: String = TABLES
            .iter()
            .zip(&tables)
            .filter(|(_, on)| **on)
            .map(|(t, _)| *t)
            .collect();
        let rules_path = dir.path().join("brandlint.toml");
        std::fs::write(&rules_path, &rules_text).unwrap();
        let rules = match brandlint::check::load_rules(&rules_path) {
            Ok(rules) => rules,
            // A combination the loader rejects (a term defined twice) is not this test's subject.
            Err(_) => return Ok(()),
        };
        let mut text: String = pieces.concat();
        let path = if html {
            text = format!("<p>{text}</p>");
            dir.path().join("doc.html")
        } else {
            dir.path().join("doc.md")
        };

        let reported = fixes_of(&lint(&rules, &path, &text, FixMode::Off));
        let fixed_report = lint(&rules, &path, &text, FixMode::Return);
        let fixed = fixed_report.fixed_text.clone().unwrap_or_else(|| text.clone());

        // When the reported fixes do not overlap and fixing them leaves nothing to fix, the
        // fixed text is the original with exactly those fixes spliced in.
        if let Some(expected) = splice(text.as_bytes(), &reported) {
            let expected = String::from_utf8(expected).unwrap();
            if fixes_of(&lint(&rules, &path, &expected, FixMode::Off)).is_empty() {
                prop_assert_eq!(&fixed, &expected);
            }
        }
        // Whatever the overlaps, fixing settles: the fixed text has no fix left, and fixing
        // it again is a no-op.
        prop_assert!(fixes_of(&lint(&rules, &path, &fixed, FixMode::Off)).is_empty(), "left: {:?}", fixed);
        let again = lint(&rules, &path, &fixed, FixMode::Return);
        prop_assert!(again.fixed_text.is_none());
        prop_assert_eq!(again.fixed, 0);
        // The findings reported after fixing are those of the fixed text.
        let remaining: Vec<_> = fixed_report.findings.iter().map(|f| (f.rule.clone(), f.span)).collect();
        let recheck: Vec<_> = lint(&rules, &path, &fixed, FixMode::Off).findings.iter().map(|f| (f.rule.clone(), f.span)).collect();
        prop_assert_eq!(remaining, recheck);
    }
}

// ---- the real corpora ----

/// Copies a folder tree.
fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `root`, relative, with its bytes.
fn snapshot(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, folder: &Path, out: &mut std::collections::BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path.strip_prefix(root).unwrap().display().to_string();
                out.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = Default::default();
    walk(root, root, &mut out);
    out
}

#[test]
fn fixing_copies_of_the_corpora_changes_only_the_fixed_spans() {
    let Some(corpora) = common::shared("corpora") else {
        return;
    };
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus-terms.toml");
    let rules = rules.to_str().unwrap();
    let mut fixed_files = 0;
    let mut fixes_total = 0;
    for name in [
        "md-rust-blog",
        "html-serde",
        "email-postmark",
        "email-mailchimp-blueprints",
    ] {
        let work = tempfile::tempdir().unwrap();
        let root = work.path().join(name);
        std::fs::create_dir(&root).unwrap();
        copy_tree(&corpora.join(name), &root);
        let before = snapshot(&root);

        let report = json(&brandlint(
            &root,
            &["check", "--rules", rules, "--format", "json"],
            None,
        ));
        let mut fixes: std::collections::BTreeMap<String, Vec<ReportedFix>> = Default::default();
        for (path, fix) in reported_fixes(&report, true) {
            fixes.entry(path).or_default().push(fix);
        }
        assert!(
            !fixes.is_empty() || name == "html-serde",
            "{name}: the real terms find fixes"
        );
        brandlint(
            &root,
            &["check", "--rules", rules, "--fix", "--unsafe-fixes", "-q"],
            None,
        );
        let after = snapshot(&root);
        assert_eq!(
            before.keys().collect::<Vec<_>>(),
            after.keys().collect::<Vec<_>>(),
            "{name}: no file added or removed"
        );
        for (path, original) in &before {
            let now = &after[path];
            match fixes.get(path) {
                None => assert!(original == now, "{name}/{path} changed without a fix"),
                Some(file_fixes) => {
                    let expected = splice(original, file_fixes)
                        .unwrap_or_else(|| panic!("{name}/{path}: overlapping fixes"));
                    assert!(
                        &expected == now,
                        "{name}/{path}: bytes other than the fixed spans changed"
                    );
                    fixed_files += 1;
                    fixes_total += file_fixes.len();
                }
            }
        }
        // Checking again finds nothing left to fix.
        let again = json(&brandlint(
            &root,
            &["check", "--rules", rules, "--format", "json"],
            None,
        ));
        assert!(
            reported_fixes(&again, true).is_empty(),
            "{name}: fixable findings remain"
        );
    }
    eprintln!("fixed {fixes_total} findings in {fixed_files} files of the corpora");
}

#[test]
fn diff_is_colored_when_asked() {
    let dir = site(&[("brandlint.toml", RULES), ("a.md", "Github.\n")]);
    let output = brandlint(dir.path(), &["check", "--diff", "--color", "always"], None);
    let text = stdout(&output);
    assert!(text.contains("\x1b[31m-Github.\x1b[0m\n"), "{text:?}");
    assert!(text.contains("\x1b[32m+GitHub.\x1b[0m\n"), "{text:?}");
    assert!(text.contains("\x1b[36m@@ -1 +1 @@\x1b[0m\n"), "{text:?}");
    assert!(text.starts_with("--- a/a.md\n+++ b/a.md\n"), "{text:?}");
}
