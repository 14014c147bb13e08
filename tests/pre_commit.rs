//! The hooks of `.pre-commit-hooks.yaml`: their `files` pattern agrees with the extensions
//! brandlint reads.

use std::path::{Path, PathBuf};

use brandlint::read::{self, Format};

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
fn hook_files_pattern_is_exactly_the_extensions_brandlint_reads() {
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
    let plain = brandlint::config::load_rules(&dir.path().join("plain.toml")).unwrap();
    let emails = brandlint::config::load_rules(&dir.path().join("emails.toml")).unwrap();

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
        let reads = read::detect(&dir.path().join(&name), &plain).is_some()
            || read::detect(&dir.path().join("emails").join(&name), &emails)
                .is_some_and(|(_, format)| format != Format::Html);
        assert_eq!(
            pattern.is_match(&format!("posts/{name}")),
            reads,
            "the hooks' files pattern and brandlint disagree on .{extension}"
        );
    }
    assert!(
        !pattern.is_match("posts/page.md.orig"),
        "the pattern is anchored at the end"
    );
}
