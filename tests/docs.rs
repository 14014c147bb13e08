//! The book's rule reference (`docs/src/reference.md`) is generated from the doc comment at
//! the top of each rule kind's module, the text `brandlint explain` prints; this test fails
//! when it is stale. Run with `BRANDLINT_BLESS=1` to rewrite it.

use std::path::Path;

use brandlint::check::KINDS;

const START: &str =
    "<!-- rule-reference:start (generated from src/check/*.rs by tests/docs.rs) -->";
const END: &str = "<!-- rule-reference:end -->";

fn rule_reference() -> String {
    let mut out = String::new();
    for kind in KINDS.iter().map(|kind| kind.kind()) {
        out.push_str(&format!("\n## `{}`\n\n", kind.name()));
        push_doc(&mut out, &brandlint::check::doc(kind));
        let mut shown = Vec::new();
        for (id, doc) in brandlint::check::checks_of(kind) {
            // Checks that share a module (logo-alt, image-alt) share its doc: shown once.
            if shown.contains(&doc) {
                continue;
            }
            out.push_str(&format!("\n### `{id}`\n\n"));
            push_doc(&mut out, &doc);
            shown.push(doc);
        }
    }
    out
}

/// A module's doc with its `## ` headings as bold run-in heads.
fn push_doc(out: &mut String, doc: &str) {
    for line in doc.lines() {
        match line.strip_prefix("## ") {
            Some(heading) => out.push_str(&format!("**{heading}.**")),
            None => out.push_str(line),
        }
        out.push('\n');
    }
}

#[test]
fn the_books_rule_reference_is_generated_from_the_kinds() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/src/reference.md");
    let page = std::fs::read_to_string(&path).expect("docs/src/reference.md exists");
    let start = page
        .find(START)
        .expect("the reference has the start marker")
        + START.len();
    let end = page.find(END).expect("the reference has the end marker");
    let generated = rule_reference();
    if page[start..end] != generated {
        if std::env::var_os("BRANDLINT_BLESS").is_some() {
            let updated = format!("{}{generated}{}", &page[..start], &page[end..]);
            std::fs::write(&path, updated).expect("the reference is writable");
        } else {
            panic!(
                "the book's rule reference is stale: run BRANDLINT_BLESS=1 cargo test --test docs"
            );
        }
    }
}

/// Every relative link of the README and the book leads to a file that exists (anchors
/// aside), so that moving a chapter or a file cannot leave a reader at a dead end.
#[test]
fn relative_links_of_the_readme_and_the_book_lead_somewhere() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let link = regex::Regex::new(r"\]\(([^)\s]+)\)").unwrap();
    let mut pages = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs/src")).unwrap() {
        pages.push(entry.unwrap().path());
    }
    let mut checked = 0;
    for page in pages {
        let text = std::fs::read_to_string(&page).unwrap();
        for found in link.captures_iter(&text) {
            let target = &found[1];
            if target.contains("://") || target.starts_with('#') || target.starts_with('/') {
                continue;
            }
            let file = target.split('#').next().unwrap();
            let path = page.parent().unwrap().join(file);
            assert!(path.exists(), "{}: {target} leads nowhere", page.display());
            checked += 1;
        }
    }
    assert!(checked > 20, "{checked} links");
}
