//! `[[term]]` as users meet it: trademarks on first mention, possessives, plurals, variants
//! across line breaks, allowed forms, and names with symbols or inner capitals.

mod common;

use common::{brandlint, check_site, site};

/// Runs `check --format json` on a site made of a rules file and content files, checks
/// every span against the file, and returns (matched, fix) for each finding in order.
fn findings(rules: &str, files: &[(&str, &str)]) -> Vec<(String, Option<String>)> {
    check_site(rules, files, &[])
        .iter()
        .map(|d| {
            (
                d["matched"].as_str().unwrap().to_string(),
                d["fix"]["replacement"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn fixed(matched: &str, fix: &str) -> (String, Option<String>) {
    (matched.to_string(), Some(fix.to_string()))
}

fn unfixed(matched: &str) -> (String, Option<String>) {
    (matched.to_string(), None)
}

const ACME_CLOUD: &str = r#"
[[term]]
name = "Acme Cloud"
variants = ["AcmeCloud", "Acme-Cloud"]
trademark = "®"
no_possessive = true
no_plural = true
"#;

#[test]
fn the_first_mention_needs_the_mark_and_later_ones_do_not() {
    let text = "Acme Cloud is fast. Acme Cloud® is marked too late.\n";
    assert_eq!(
        findings(ACME_CLOUD, &[("a.md", text)]),
        [fixed("Acme Cloud", "Acme Cloud®")]
    );
    for marked in [
        "Acme Cloud® is fast. Acme Cloud scales.\n",
        "<p>Acme Cloud&reg; is fast. Acme Cloud scales.</p>\n",
        "<p>Acme Cloud<sup>&#174;</sup> is fast.</p>\n",
    ] {
        let name = if marked.starts_with('<') {
            "a.html"
        } else {
            "a.md"
        };
        assert!(
            findings(ACME_CLOUD, &[(name, marked)]).is_empty(),
            "{marked}"
        );
    }
}

#[test]
fn metadata_mentions_do_not_count_as_the_first_one() {
    let text =
        "---\ntitle: Acme Cloud news\n---\n\nAcme Cloud® is here. ![Acme Cloud logo](logo.png)\n";
    assert!(findings(ACME_CLOUD, &[("a.md", text)]).is_empty());
    let unmarked = "---\ntitle: Acme Cloud® news\n---\n\nAcme Cloud is here.\n";
    assert_eq!(
        findings(ACME_CLOUD, &[("a.md", unmarked)]),
        [fixed("Acme Cloud", "Acme Cloud®")]
    );
}

#[test]
fn a_wrong_mark_is_replaced_and_a_misspelled_first_mention_gets_both_fixes() {
    assert_eq!(
        findings(ACME_CLOUD, &[("a.md", "Acme Cloud™ is here.\n")]),
        [fixed("Acme Cloud™", "Acme Cloud®")]
    );
    assert_eq!(
        findings(
            ACME_CLOUD,
            &[("a.md", "Try AcmeCloud. Then acme cloud again.\n")]
        ),
        [
            fixed("AcmeCloud", "Acme Cloud®"),
            fixed("acme cloud", "Acme Cloud")
        ]
    );
}

#[test]
fn possessives_and_plurals_are_reported_without_a_fix() {
    let text = "Acme Cloud® rocks. Acme Cloud's console and Acme Cloud’s API. Two Acme Clouds.\n";
    assert_eq!(
        findings(ACME_CLOUD, &[("a.md", text)]),
        [
            unfixed("Acme Cloud's"),
            unfixed("Acme Cloud’s"),
            unfixed("Acme Clouds")
        ]
    );
    let allowed = "[[term]]\nname = \"Acme Cloud\"\n";
    assert!(findings(allowed, &[("a.md", text)]).is_empty());
}

#[test]
fn variants_match_across_spacing_and_line_breaks() {
    let text = "Acme Cloud® first. Then Acme-Cloud, acmecloud and Acme\n  Cloud on two lines.\n";
    assert_eq!(
        findings(ACME_CLOUD, &[("a.md", text)]),
        [
            fixed("Acme-Cloud", "Acme Cloud"),
            fixed("acmecloud", "Acme Cloud")
        ]
    );
    let miscased = "Acme Cloud® first. Then acme\n  cloud on two lines.\n";
    assert_eq!(
        findings(ACME_CLOUD, &[("a.md", miscased)]),
        [unfixed("acme\n  cloud")],
        "a line break inside the match: no fix"
    );
}

#[test]
fn allowed_forms_pass_and_other_casings_do_not() {
    let rules = "[[term]]\nname = \"Acme\"\nallow = [\"acme\"]\n";
    let text = "Acme ships the acme command. ACME is shouting the name.\n";
    assert_eq!(findings(rules, &[("a.md", text)]), [fixed("ACME", "Acme")]);
}

#[test]
fn names_with_symbols_and_inner_capitals_keep_their_form_even_first_in_a_sentence() {
    let rules = r#"
[[term]]
name = "C++"
[[term]]
name = ".NET"
[[term]]
name = "iPhone"
[[term]]
name = "crates.io"
[[term]]
name = "Node.js"
"#;
    let text = "We like c++, .net and Iphone. Crates.io hosts crates. node.js too.\n\n\
                IPhone owners agree. C++ and .NET and iPhone and crates.io and Node.js pass.\n";
    assert_eq!(
        findings(rules, &[("a.md", text)]),
        [
            fixed("c++", "C++"),
            fixed(".net", ".NET"),
            fixed("Iphone", "iPhone"),
            fixed("Crates.io", "crates.io"),
            fixed("node.js", "Node.js"),
            fixed("IPhone", "iPhone"),
        ]
    );
}

#[test]
fn a_bad_trademark_symbol_is_a_rules_file_error() {
    let dir = site(&[
        (
            "brandlint.toml",
            "[[term]]\nname = \"Acme\"\ntrademark = \"(R)\"\n",
        ),
        ("a.md", "Acme\n"),
    ]);
    let out = brandlint(dir.path(), &["check"], None);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("trademark = \"(R)\"") && stderr.contains("\"™\" or \"®\""),
        "{stderr}"
    );
}
