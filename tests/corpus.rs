//! brandlint on real content no one here wrote (the corpora beside the repository, when
//! present): every span exact, nothing reported inside code or URLs. Skips cleanly when the
//! corpora are absent, as in a fresh clone.

mod common;

use std::ops::Range;
use std::path::{Path, PathBuf};

use common::{assert_spans_exact, brandlint, json};
use pulldown_cmark::{Event, Options, Parser, Tag};

fn corpus(name: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora")
        .join(name);
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!("skipping: corpus {name} is not beside the repository");
        None
    }
}

fn real_terms() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/real-terms.toml")
        .display()
        .to_string()
}

/// Code spans and blocks of a Markdown file, found independently of brandlint's reader.
fn code_ranges(text: &str) -> Vec<Range<usize>> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    Parser::new_ext(text, options)
        .into_offset_iter()
        .filter(|(event, _)| {
            matches!(
                event,
                Event::Code(_) | Event::Start(Tag::CodeBlock(_)) | Event::Html(_)
            )
        })
        .map(|(_, range)| range)
        .collect()
}

/// The token around a span, delimited as URLs are in Markdown: by white space, brackets,
/// parentheses, angle brackets and quotes.
fn token_around(text: &str, span: Range<usize>) -> &str {
    let delimiter = |c: char| c.is_whitespace() || "[]()<>\"'`".contains(c);
    let start = text[..span.start].rfind(delimiter).map_or(0, |i| i + 1);
    let end = text[span.end..]
        .find(delimiter)
        .map_or(text.len(), |i| span.end + i);
    &text[start..end]
}

#[test]
fn rust_blog_spans_are_exact_and_never_inside_code_or_urls() {
    let Some(root) = corpus("md-rust-blog") else {
        return;
    };
    let rules = real_terms();
    let out = brandlint(
        &root,
        &["check", "--rules", &rules, "--format", "json", "."],
        None,
    );
    let report = json(&out);
    assert_eq!(report["summary"]["files"], 754);
    let count = assert_spans_exact(&root, &report);
    assert!(
        count > 50,
        "real names are misspelled somewhere in 754 posts; found {count}"
    );
    for d in report["diagnostics"].as_array().unwrap() {
        let text = std::fs::read_to_string(root.join(d["path"].as_str().unwrap())).unwrap();
        let span = d["span"]["start"].as_u64().unwrap() as usize
            ..d["span"]["end"].as_u64().unwrap() as usize;
        let inside_code = code_ranges(&text)
            .iter()
            .any(|code| code.start < span.end && span.start < code.end);
        assert!(!inside_code, "finding inside code: {d}");
        let token = token_around(&text, span);
        assert!(
            !token.contains("://") && !token.contains("www.") && !token.contains('@'),
            "finding inside a URL, address or handle `{token}`: {d}"
        );
    }
}

#[test]
fn rust_blog_findings_are_the_same_whatever_the_parallelism() {
    let Some(root) = corpus("md-rust-blog") else {
        return;
    };
    let rules = real_terms();
    let one = brandlint(
        &root,
        &[
            "check", "--rules", &rules, "--format", "json", "--jobs", "1",
        ],
        None,
    );
    let two = brandlint(
        &root,
        &[
            "check", "--rules", &rules, "--format", "json", "--jobs", "2",
        ],
        None,
    );
    assert_eq!(one.stdout, two.stdout);
}
