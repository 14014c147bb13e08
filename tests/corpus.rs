//! brandlint on real content no one here wrote (the corpora beside the repository, when
//! present): every span exact, nothing reported inside code or URLs. Skips cleanly when the
//! corpora are absent, as in a fresh clone.

mod common;

use std::ops::Range;
use std::path::{Path, PathBuf};

use common::{assert_spans_exact, brandlint, json};
use pulldown_cmark::{Event, Options, Parser, Tag};

fn corpus(name: &str) -> Option<PathBuf> {
    common::shared(&format!("corpora/{name}"))
}

fn rules_file(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
        .display()
        .to_string()
}

fn real_terms() -> String {
    rules_file("real-terms.toml")
}

/// Code spans and blocks of a Markdown file, found independently of brandlint's reader.
fn code_ranges(text: &str) -> Vec<Range<usize>> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    Parser::new_ext(text, options)
        .into_offset_iter()
        .filter(|(event, _)| matches!(event, Event::Code(_) | Event::Start(Tag::CodeBlock(_))))
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
    // Raw HTML in posts is read as HTML: its markup, code and comments are not prose.
    assert_nothing_inside_non_prose(&root, &report, |_| true, markdown_non_prose);
}

/// Code, and outside code the markup, comments and tags of raw HTML, in a Markdown file.
fn markdown_non_prose(text: &str) -> Vec<Range<usize>> {
    let code = code_ranges(text);
    // A `<` inside a code block is not markup: blank code before looking for HTML.
    let mut outside_code = text.as_bytes().to_vec();
    for range in &code {
        outside_code[range.clone()].fill(b' ');
    }
    let outside_code = String::from_utf8_lossy(&outside_code).into_owned();
    let mut ranges = code;
    ranges.extend(forbidden_html_ranges(&outside_code));
    ranges
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

/// Regions of an HTML file or template where no finding may start or end, found with
/// plain patterns independently of brandlint's reader: markup, comments, code, scripts,
/// styles and template tags.
fn forbidden_html_ranges(text: &str) -> Vec<Range<usize>> {
    let patterns = [
        r"(?is)<script\b.*?</script>",
        r"(?is)<style\b.*?</style>",
        r"(?is)<!--.*?-->",
        r"(?is)<code\b.*?</code>",
        r"(?is)<pre\b.*?</pre>",
        r"(?s)\{\{.*?\}\}",
        r"(?s)\{%.*?%\}",
        r"(?s)\*\|.*?\|\*",
        r"(?s)<%.*?%>",
    ];
    let mut ranges: Vec<Range<usize>> = patterns
        .iter()
        .flat_map(|p| {
            regex::Regex::new(p)
                .unwrap()
                .find_iter(text)
                .map(|m| m.range())
                .collect::<Vec<_>>()
        })
        .collect();
    // Inside a tag, only the values of prose attributes may hold a finding.
    let prose_value = regex::Regex::new(
        r#"(?i)\b(?:alt|title|aria-label|placeholder|content|value)\s*=\s*("[^"]*"|'[^']*')"#,
    )
    .unwrap();
    for tag in regex::Regex::new(r"<[A-Za-z][^>]*>")
        .unwrap()
        .find_iter(text)
    {
        let mut from = tag.start();
        for value in prose_value.captures_iter(tag.as_str()) {
            let inner = value.get(1).unwrap();
            ranges.push(from..tag.start() + inner.start() + 1);
            from = tag.start() + inner.end() - 1;
        }
        ranges.push(from..tag.end());
    }
    ranges
}

/// Asserts that no finding in the files `checked` selects starts, ends or lies inside a
/// range that `forbidden` finds in the file's text, nor inside a URL, address or handle.
/// Each file is read and scanned once.
fn assert_nothing_inside_non_prose(
    root: &Path,
    report: &serde_json::Value,
    checked: impl Fn(&str) -> bool,
    forbidden: impl Fn(&str) -> Vec<Range<usize>>,
) {
    let mut by_path: std::collections::BTreeMap<&str, Vec<&serde_json::Value>> = Default::default();
    for d in report["diagnostics"].as_array().unwrap() {
        let path = d["path"].as_str().unwrap();
        if checked(path) {
            by_path.entry(path).or_default().push(d);
        }
    }
    for (path, diagnostics) in by_path {
        let text = std::fs::read_to_string(root.join(path)).unwrap();
        let ranges = forbidden(&text);
        for d in diagnostics {
            let span = d["span"]["start"].as_u64().unwrap() as usize
                ..d["span"]["end"].as_u64().unwrap() as usize;
            let inside = ranges
                .iter()
                .find(|r| r.start < span.end && span.start < r.end);
            assert!(
                inside.is_none(),
                "finding inside `{}`: {d}",
                &text[inside.unwrap().clone()]
            );
            let token = token_around(&text, span);
            assert!(
                !token.contains("://") && !token.contains("www.") && !token.contains('@'),
                "finding inside a URL, address or handle `{token}`: {d}"
            );
        }
    }
}

fn check_html_corpus(name: &str, expected_files: u64) {
    let Some(root) = corpus(name) else {
        return;
    };
    let rules = rules_file("corpus-terms.toml");
    let out = brandlint(
        &root,
        &["check", "--rules", &rules, "--format", "json", "."],
        None,
    );
    let report = json(&out);
    assert_eq!(
        report["summary"]["files"], expected_files,
        "{name}: files read"
    );
    let count = assert_spans_exact(&root, &report);
    assert!(
        count >= 5,
        "{name}: the corpus names Serde, Rust, Mailchimp or logins somewhere; found {count}"
    );
    assert_nothing_inside_non_prose(
        &root,
        &report,
        |path| path.ends_with(".html"),
        forbidden_html_ranges,
    );
}

#[test]
fn html_pages_spans_are_exact_and_never_inside_markup_code_or_urls() {
    check_html_corpus("html-serde", 40);
}

/// The Postmark templates `[files] email` makes email: every file of the folder but its
/// `LICENSE`, which a walk passes over as legal boilerplate.
const POSTMARK_FILES: u64 = 132;

#[test]
fn postmark_templates_spans_are_exact_and_never_inside_tags() {
    check_html_corpus("email-postmark", POSTMARK_FILES);
}

#[test]
fn mailchimp_templates_spans_are_exact_and_never_inside_tags() {
    check_html_corpus("email-mailchimp-blueprints", 45);
}

/// The diagnostics of a report that `keep` selects, as a report of their own.
fn only(
    report: &serde_json::Value,
    keep: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let kept: Vec<serde_json::Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| keep(d))
        .cloned()
        .collect();
    serde_json::json!({ "diagnostics": kept })
}

/// Voice findings of one token (a word, a mark, an emoji): nothing non-prose lies inside
/// them. The others cover words, sentences or headings, which may hold inline markup, code
/// or a tag, but never start or end inside one.
fn is_one_token(d: &serde_json::Value) -> bool {
    matches!(
        d["rule"].as_str(),
        Some("voice/shouting" | "voice/emoji" | "voice/max-exclamations")
    )
}

/// Asserts that no finding starts or ends strictly inside a range `forbidden` finds. Each
/// file is read and scanned once.
fn assert_no_end_inside_non_prose(
    root: &Path,
    report: &serde_json::Value,
    forbidden: impl Fn(&str) -> Vec<Range<usize>>,
) {
    let mut by_path: std::collections::BTreeMap<&str, Vec<&serde_json::Value>> = Default::default();
    for d in report["diagnostics"].as_array().unwrap() {
        by_path
            .entry(d["path"].as_str().unwrap())
            .or_default()
            .push(d);
    }
    for (path, diagnostics) in by_path {
        let ranges = forbidden(&std::fs::read_to_string(root.join(path)).unwrap());
        for d in diagnostics {
            for end in [&d["span"]["start"], &d["span"]["end"]] {
                let at = end.as_u64().unwrap() as usize;
                let inside = ranges.iter().any(|r| r.start < at && at < r.end);
                assert!(!inside, "a span ends inside non-prose: {d}");
            }
        }
    }
}

/// Runs the voice rules over a corpus and checks every span and where it may fall. Returns
/// the rules that fired.
fn check_voice_on(
    root: &Path,
    rules: &str,
    expected_files: u64,
    forbidden: impl Fn(&str) -> Vec<Range<usize>> + Copy,
) -> std::collections::BTreeSet<String> {
    let rules = rules_file(rules);
    let out = brandlint(
        root,
        &["check", "--rules", &rules, "--format", "json", "."],
        None,
    );
    let report = json(&out);
    assert_eq!(report["summary"]["files"], expected_files);
    assert_spans_exact(root, &report);
    let voice = only(&report, |d| d["kind"] == "voice");
    assert_nothing_inside_non_prose(root, &only(&voice, is_one_token), |_| true, forbidden);
    assert_no_end_inside_non_prose(root, &voice, forbidden);
    voice["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn voice_on_the_rust_blog_is_exact_and_reads_prose_only() {
    let Some(root) = corpus("md-rust-blog") else {
        return;
    };
    let fired = check_voice_on(&root, "voice-real.toml", 754, markdown_non_prose);
    assert_eq!(
        fired.len(),
        8,
        "every voice check has something to say about 754 posts: {fired:?}"
    );
}

#[test]
fn voice_on_email_templates_is_exact_and_never_inside_tags() {
    let Some(root) = corpus("email-postmark") else {
        return;
    };
    let fired = check_voice_on(
        &root,
        "voice-email.toml",
        POSTMARK_FILES,
        forbidden_html_ranges,
    );
    assert!(fired.contains("voice/heading-case"), "{fired:?}");
    // The one sentence over the limit is the licence's, which a walk passes over; named,
    // the licence is checked.
    let rules = rules_file("voice-email.toml");
    let named = json(&brandlint(
        &root,
        &["check", "--rules", &rules, "--format", "json", "LICENSE"],
        None,
    ));
    assert_spans_exact(&root, &named);
    let long = only(&named, |d| d["rule"] == "voice/max-sentence-words");
    assert!(
        long["diagnostics"]
            .as_array()
            .is_some_and(|l| !l.is_empty()),
        "{named}"
    );
}

/// Hex colors of an HTML file, found independently of brandlint: every `#rgb` or `#rrggbb`
/// outside CSS and HTML comments and not part of a character reference, as (offset, the
/// color as `#RRGGBB`).
fn hex_colors(text: &str) -> Vec<(usize, String)> {
    let comments = regex::Regex::new(r"(?s)/\*.*?\*/|<!--.*?-->").unwrap();
    let hex = regex::Regex::new(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})\b").unwrap();
    let mut blanked = text.as_bytes().to_vec();
    for comment in comments.find_iter(text) {
        blanked[comment.range()].fill(b' ');
    }
    let blanked = String::from_utf8(blanked).unwrap();
    hex.captures_iter(&blanked)
        .filter(|c| !blanked[..c.get(0).unwrap().start()].ends_with('&'))
        .map(|c| {
            let digits = c[1].to_ascii_uppercase();
            let full = if digits.len() == 3 {
                digits.chars().flat_map(|d| [d, d]).collect()
            } else {
                digits
            };
            (c.get(0).unwrap().start(), format!("#{full}"))
        })
        .collect()
}

/// Runs the visual identity of one Postmark design over an email corpus: every span exact,
/// every hex color that is off the palette reported and no other, every image finding an
/// image without alt text. Returns the number of findings of each rule.
fn check_visual_on(name: &str) -> std::collections::BTreeMap<String, usize> {
    let Some(root) = corpus(name) else {
        return Default::default();
    };
    let rules = rules_file("visual-postmark.toml");
    let palette = [
        "#3869D4", "#FF6136", "#333333", "#22BC66", "#FFFFFF", "#EAEAEC", "#CBCCCF", "#51545E",
        "#F4F4F7", "#F2F4F6", "#A8AAAF", "#85878E", "#222222", "#000000",
    ];
    let out = brandlint(
        &root,
        &["check", "--rules", &rules, "--format", "json", "."],
        None,
    );
    let report = json(&out);
    assert_spans_exact(&root, &report);
    let mut counts = std::collections::BTreeMap::new();
    let mut reported: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
    for d in report["diagnostics"].as_array().unwrap() {
        let rule = d["rule"].as_str().unwrap();
        *counts.entry(rule.to_string()).or_default() += 1;
        let matched = d["matched"].as_str().unwrap();
        let path = d["path"].as_str().unwrap().to_string();
        match rule {
            // A color repeated in a file is one finding: its first place and `also_at`.
            "visual/palette" if matched.starts_with('#') => {
                let places = reported.entry(path).or_default();
                places.push(d["span"]["start"].as_u64().unwrap() as usize);
                for other in d["also_at"].as_array().into_iter().flatten() {
                    places.push(other["start"].as_u64().unwrap() as usize);
                }
            }
            "visual/palette" => assert!(
                ["rgb", "hsl"].iter().any(|f| matched.starts_with(f))
                    || matched.chars().all(|c| c.is_ascii_alphabetic()),
                "a color function or name: {d}"
            ),
            "visual/image-alt" => assert!(
                matched.starts_with("<img") && !matched.contains("alt="),
                "an image without alt: {d}"
            ),
            other => panic!("{name}: the designs use the brand fonts and no logos: {other} {d}"),
        }
    }
    for entry in html_files(&root) {
        let path = entry
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&entry).unwrap();
        let expected: Vec<usize> = hex_colors(&text)
            .into_iter()
            .filter(|(_, color)| !palette.contains(&color.as_str()))
            .map(|(at, _)| at)
            .collect();
        let mut found = reported.remove(&path).unwrap_or_default();
        found.sort_unstable();
        assert_eq!(found, expected, "{name}/{path}: off-palette hex colors");
    }
    assert!(
        reported.is_empty(),
        "findings in files not walked: {reported:?}"
    );
    counts
}

/// Every `.html` file under `root`, sorted.
fn html_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn visual_identity_on_postmark_finds_every_off_palette_color_and_no_other() {
    let counts = check_visual_on("email-postmark");
    if !counts.is_empty() {
        assert!(counts["visual/palette"] > 0, "{counts:?}");
    }
}

#[test]
fn visual_identity_on_mailchimp_finds_every_off_palette_color_and_images_without_alt() {
    let counts = check_visual_on("email-mailchimp-blueprints");
    if !counts.is_empty() {
        assert!(counts["visual/palette"] > 0, "{counts:?}");
        assert!(counts["visual/image-alt"] > 0, "{counts:?}");
    }
}
