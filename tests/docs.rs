//! The README's rule reference is generated from the doc comment at the top of each rule
//! kind's module; this test fails when it is stale. Run with `BRANDLINT_BLESS=1` to rewrite it.

use std::path::Path;

use brandlint::check::KINDS;

const START: &str =
    "<!-- rule-reference:start (generated from src/check/*.rs by tests/docs.rs) -->";
const END: &str = "<!-- rule-reference:end -->";

fn rule_reference() -> String {
    let mut out = String::new();
    for kind in KINDS.iter().map(|kind| kind.kind()) {
        out.push_str(&format!("\n### `{}`\n\n", kind.name()));
        push_doc(&mut out, &brandlint::check::doc(kind));
        let mut shown = Vec::new();
        for (id, doc) in brandlint::check::checks_of(kind) {
            // Checks that share a module (logo-alt, image-alt) share its doc: shown once.
            if shown.contains(&doc) {
                continue;
            }
            out.push_str(&format!("\n#### `{id}`\n\n"));
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
fn readme_rule_reference_is_generated_from_the_kinds() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md exists");
    let start = readme.find(START).expect("README has the start marker") + START.len();
    let end = readme.find(END).expect("README has the end marker");
    let generated = rule_reference();
    if readme[start..end] != generated {
        if std::env::var_os("BRANDLINT_BLESS").is_some() {
            let updated = format!("{}{generated}{}", &readme[..start], &readme[end..]);
            std::fs::write(&path, updated).expect("README is writable");
        } else {
            panic!("the README's rule reference is stale: run BRANDLINT_BLESS=1 cargo test --test docs");
        }
    }
}
