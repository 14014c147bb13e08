//! The bodies of the fuzz targets. Each target in `fuzz_targets/` calls one function here,
//! and `tests/fuzz_regressions.rs` includes this file to replay the kept corpus and every
//! crash input through exactly the same code, on stable, in `cargo test`.
//!
//! Every function panics when an invariant breaks; none returns anything.
//!
//! - Readers: every range of a segment's text maps to source bytes on character
//!   boundaries, inside the input; visual facts and directives point inside the input too.
//! - Findings: a span is `start <= end <= len` on character boundaries, the JSON `matched`
//!   is exactly the input's bytes there, and line and column agree with the offsets.
//! - Fixes: a fixed span holds no markup, entity, escape, line break or template tag;
//!   applying every compatible fix gives text that reads and checks again.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use brandlint::check::CompiledRules;
use brandlint::document::{Document, Segment};
use brandlint::fix;
use brandlint::lint::{self, FileReport, FixMode};
use brandlint::model::{Channel, TextRange};
use brandlint::read::html::{self, HtmlOptions, Selector};
use brandlint::read::{eml, frontmatter, markdown, mask, mdx, plain, FileType, Syntax};
use brandlint::report::{reporter, Format as OutputFormat, Style, Summary};

/// A target's body: it panics when the input breaks an invariant.
pub type Target = fn(&[u8]);

/// The targets by name, as the folders under `tests/fuzz-corpus` and
/// `tests/fuzz-regressions` are named.
pub const TARGETS: &[(&str, Target)] = &[
    ("read_markdown", read_markdown),
    ("read_mdx", read_mdx),
    ("read_html", read_html),
    ("read_email_template", read_email_template),
    ("read_eml", read_eml),
    ("read_front_matter", read_front_matter),
    ("load_rules", load_rules),
    ("load_vale", load_vale),
    ("check_document", check_document),
    ("span_invariants", span_invariants),
];

/// For the fuzz targets, whose panic hook aborts on any panic: lets panics raised inside
/// mail-parser and markdown-rs unwind instead. A few of their `debug_assert!`s fire on
/// malformed nesting that release builds handle; the main crate builds both without debug
/// assertions, and `read::eml` and `read::mdx` catch the unwind (a message then reads as
/// nothing, an MDX file as Markdown), as they would in a release build. Every other panic
/// still aborts.
pub fn let_parser_assertions_unwind() {
    let abort = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let in_parser = info.location().is_some_and(|at| {
            at.file().contains("/mail-parser-") || at.file().contains("/markdown-1.")
        });
        if !in_parser {
            abort(info);
        }
    }));
}

/// The repository's root: the folder of the crate that includes this file (the main crate
/// or `fuzz/`), or the one above it.
fn repository_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|dir| dir.join("fuzz/rules.toml").is_file())
        .expect("the repository holds fuzz/rules.toml")
}

/// The rules the document-level targets check with, compiled once: `fuzz/rules.toml`.
static RULES: LazyLock<CompiledRules> = LazyLock::new(|| {
    brandlint::check::load_rules(&repository_root().join("fuzz/rules.toml"))
        .expect("fuzz/rules.toml compiles")
});

/// Selectors of regions never checked, for the HTML readers.
static SELECTORS: LazyLock<Vec<Selector>> = LazyLock::new(|| {
    [
        ".legal",
        "footer .unsubscribe",
        "#promo > p",
        "[data-skip]",
        "td:first-child",
    ]
    .iter()
    .map(|css| Selector::parse(css).expect("the selector parses"))
    .collect()
});

/// Every kind of file a document can be: channel, format and a path the rules' globs and
/// overrides treat as that kind.
const KINDS: [(Channel, Syntax, &str); 6] = [
    (
        Channel::Markdown,
        Syntax::Markdown,
        "fixtures/posts/fuzz.md",
    ),
    (Channel::Html, Syntax::Html, "fixtures/html/fuzz.html"),
    (Channel::Email, Syntax::Html, "fixtures/email/fuzz.hbs"),
    (Channel::Email, Syntax::PlainText, "fixtures/email/fuzz.txt"),
    (Channel::Email, Syntax::Eml, "fixtures/email/fuzz.eml"),
    (Channel::Markdown, Syntax::Mdx, "fixtures/posts/fuzz.mdx"),
];

fn kind_path(relative: &str) -> PathBuf {
    // The rules' root is `fixtures/`, the folder of the file `fuzz/rules.toml` extends.
    repository_root().join(relative)
}

/// The input as text; bytes that are not UTF-8 become U+FFFD, so every input reads.
fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

fn assert_range_inside(range: &Range<usize>, source: &str, what: &str) {
    assert!(
        range.start <= range.end && range.end <= source.len(),
        "{what} at {range:?} is not inside the {} bytes of the input",
        source.len()
    );
    assert!(
        source.is_char_boundary(range.start) && source.is_char_boundary(range.end),
        "{what} at {range:?} splits a character"
    );
}

/// Every range of a segment's text (each start with the next few ends, and the whole text)
/// maps inside the source on character boundaries.
fn assert_segment_maps_inside(segment: &Segment, source: &str) {
    let text = &segment.text;
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    assert_range_inside(
        &segment.source_range(TextRange::new(0, text.len())).range(),
        source,
        "a segment",
    );
    for (k, &start) in boundaries.iter().enumerate() {
        for &end in &boundaries[k..boundaries.len().min(k + 4)] {
            let span = segment.source_range(TextRange::new(start, end));
            assert_range_inside(&span.range(), source, "a range of a segment");
        }
    }
    for (range, _) in &segment.inline_scopes {
        assert!(
            range.start <= range.end && text.get(range.range()).is_some(),
            "an inline scope at {range:?} is not a range of the segment's text {text:?}"
        );
    }
}

/// Segments, directives and visual facts all point inside the source.
fn assert_document_inside(document: &Document, source: &str) {
    for segment in &document.segments {
        assert_segment_maps_inside(segment, source);
    }
    for directive in &document.directives {
        assert_range_inside(&directive.span.range(), source, "a directive");
    }
    let visuals = &document.visuals;
    for color in &visuals.colors {
        assert_range_inside(&color.span.range(), source, "a color");
    }
    for font in visuals.font_lists.iter().flatten() {
        assert_range_inside(&font.span.range(), source, "a font");
    }
    for image in &visuals.images {
        assert_range_inside(&image.span.range(), source, "an image");
        if let Some(alt) = &image.alt {
            assert_range_inside(&alt.span.range(), source, "an image's alt text");
        }
    }
    for error in &document.syntax_errors {
        assert_range_inside(&(error.at..error.at), source, "a syntax error");
    }
}

/// No range of a segment starts or ends strictly inside a template tag: tags are masked
/// whole.
fn assert_no_span_inside_a_tag(document: &Document, tags: &[Range<usize>]) {
    let inside_a_tag = |offset: usize| {
        let after = tags.partition_point(|tag| tag.start < offset);
        after > 0 && offset < tags[after - 1].end
    };
    for segment in &document.segments {
        let text = &segment.text;
        for (start, c) in text.char_indices() {
            let span = segment.source_range(TextRange::new(start, start + c.len_utf8()));
            assert!(
                !inside_a_tag(span.start) && !inside_a_tag(span.end),
                "prose at {span:?} cuts into a template tag ({tags:?})"
            );
        }
    }
}

fn html_options(email: bool) -> HtmlOptions<'static> {
    HtmlOptions {
        email,
        ignore_selectors: &SELECTORS,
        without_visuals: false,
    }
}

/// `read_markdown`: the Markdown reader.
pub fn read_markdown(data: &[u8]) {
    let source = text(data);
    assert_document_inside(&markdown::read(&source, true), &source);
}

/// `read_mdx`: the MDX reader (and the Markdown reader it falls back to).
pub fn read_mdx(data: &[u8]) {
    let source = text(data);
    assert_document_inside(&mdx::read(&source, true), &source);
}

/// `read_html`: the HTML reader, as a page.
pub fn read_html(data: &[u8]) {
    let source = text(data);
    assert_document_inside(&html::read(&source, &html_options(false)), &source);
}

/// `read_email_template`: template tags, the HTML reader as an email, and the plain-text
/// email reader.
pub fn read_email_template(data: &[u8]) {
    let source = text(data);
    let tags = mask::template_tags(&source);
    let mut end = 0;
    for tag in &tags {
        assert_range_inside(tag, &source, "a template tag");
        assert!(
            tag.start >= end && tag.end > tag.start,
            "template tags overlap or are empty: {tags:?}"
        );
        end = tag.end;
    }
    let document = html::read(&source, &html_options(true));
    assert_document_inside(&document, &source);
    assert_no_span_inside_a_tag(&document, &tags);
    let text_email = plain::read(&source);
    assert_document_inside(&text_email, &source);
    assert_no_span_inside_a_tag(&text_email, &tags);
}

/// `read_eml`: an RFC 5322 message, its HTML parts read as email.
pub fn read_eml(data: &[u8]) {
    let source = text(data);
    let options = html_options(true);
    let document = eml::read(&source, &|part| html::read(part, &options));
    assert_document_inside(&document, &source);
}

/// `read_front_matter`: the first byte chooses YAML (`---`) or TOML (`+++`) and whether the
/// block is closed; the rest is the block's content, read both as a Markdown file's front
/// matter and directly.
pub fn read_front_matter(data: &[u8]) {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let content = text(rest);
    let (syntax, fence) = if choice & 1 == 0 {
        (frontmatter::FrontMatter::Yaml, "---")
    } else {
        (frontmatter::FrontMatter::Toml, "+++")
    };
    let mut source = format!("{fence}\n{content}");
    if choice & 2 == 0 {
        source.push_str(&format!("\n{fence}\n\nThe acme cloud body.\n"));
    }
    assert_document_inside(&markdown::read(&source, true), &source);
    for segment in frontmatter::read(syntax, &content, 0..content.len()) {
        assert_segment_maps_inside(&segment, &content);
    }
}

/// A small document of every kind, to run fuzzed rules over.
const SAMPLE: &str = "---\ntitle: Acme cloud launch!!\n---\n\n# Try ACME mail TODAY!\n\n\
Leverage the <b>help centre</b> &amp; Github for 20 dollars. You can't miss it 🦀.\n\n\
<p style=\"color: #0066cc; font-family: Georgia\">Click here</p>\n\n![Logo](logo.png)\n";

/// `load_rules`: the rules loader and compiler; rules that compile then check a small
/// document of each kind and verify their own examples; errors render.
pub fn load_rules(data: &[u8]) {
    let source = text(data);
    // A folder that does not exist: `extends` finds nothing next to it.
    let origin = Path::new("/nonexistent-brandlint-fuzz/brandlint.toml");
    match brandlint::check::load_rules_from_str(&source, origin) {
        Ok(rules) => {
            check_sample(&rules);
            brandlint::verify::verify_examples(&rules);
        }
        Err(error) => assert_error_renders(&error, source.len()),
    }
}

/// Checks the sample as a file of every kind with rules that loaded.
fn check_sample(rules: &CompiledRules) {
    for (channel, format, path) in KINDS {
        let report = lint::lint_bytes(
            rules,
            Path::new(path),
            path.to_string(),
            FileType::new(channel, format),
            SAMPLE.as_bytes().to_vec(),
            FixMode::Off,
            fix::Selection::All,
        );
        assert_report(&report, SAMPLE.as_bytes(), Rules::Fuzzed, format);
    }
}

/// A rules error points inside the file it names (at most `longest` bytes) and renders.
fn assert_error_renders(error: &brandlint::config::error::ConfigError, longest: usize) {
    if let Some(span) = error.span {
        assert!(
            span.offset() + span.len() <= longest,
            "an error points past the file it names: {span:?}"
        );
    }
    let mut rendered = String::new();
    miette::GraphicalReportHandler::new()
        .render_report(&mut rendered, error)
        .expect("an error renders");
}

/// A Vale configuration and one rule of its style `Fz`, from the input: the bytes before the
/// first NUL are the `.vale.ini`, the rest the rule's YAML (`styles/Fz/Rule.yml`). They
/// load or fail with an error that points inside the file it names and renders; rules that
/// load check a sample of each kind.
pub fn load_vale(data: &[u8]) {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (ini, rule) = (
        text(&data[..split]),
        text(data.get(split + 1..).unwrap_or_default()),
    );
    let dir = tempfile::tempdir().expect("a temporary folder");
    let styles = dir.path().join("styles/Fz");
    std::fs::create_dir_all(&styles).expect("the style's folder");
    std::fs::write(dir.path().join(".vale.ini"), ini.as_bytes()).expect("written");
    std::fs::write(styles.join("Rule.yml"), rule.as_bytes()).expect("written");
    let options = brandlint::check::LoadOptions {
        reach: brandlint::config::load::Reach::Within(dir.path().to_path_buf()),
        limits: Default::default(),
    };
    match brandlint::check::load_rules_with(&dir.path().join(".vale.ini"), &options) {
        Ok(rules) => check_sample(&rules),
        Err(error) => assert_error_renders(&error, ini.len().max(rule.len())),
    }
}

/// Lints the input as a file of one kind with the fuzz rules.
fn lint_as(kind: usize, data: &[u8]) -> FileReport {
    let (channel, format, path) = KINDS[kind];
    lint::lint_bytes(
        &RULES,
        &kind_path(path),
        path.to_string(),
        FileType::new(channel, format),
        data.to_vec(),
        FixMode::Off,
        fix::Selection::All,
    )
}

/// `check_document`: the whole check of a file, read, checked and suppressed, and its
/// findings rendered as people see them (the `human` report, whose cost must not grow
/// faster than the file); the first byte chooses its kind, the rest is the file, UTF-8 or
/// not.
pub fn check_document(data: &[u8]) {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let report = lint_as(usize::from(choice) % KINDS.len(), rest);
    for finding in &report.findings {
        assert_range_inside(&finding.span.range(), &report.source, "a finding");
    }
    let style = Style {
        color: false,
        width: 80,
    };
    reporter(OutputFormat::Human, style, true)
        .file(&report, &mut std::io::sink())
        .expect("the human report renders");
}

/// The 1-based line and character column of each of `offsets` (sorted), counted character
/// by character from the start, once for all of them.
fn lines_and_columns(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let (mut line, mut column) = (1, 1);
    let mut chars = text.char_indices().peekable();
    offsets
        .iter()
        .map(|&offset| {
            while let Some((at, c)) = chars.next_if(|&(at, _)| at < offset) {
                match c {
                    '\n' => (line, column) = (line + 1, 1),
                    '\u{feff}' if at == 0 => {} // a byte order mark is not a column
                    _ => column += 1,
                }
            }
            (line, column)
        })
        .collect()
}

/// Which rules a report was checked with.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rules {
    /// `fuzz/rules.toml`.
    Fixed,
    /// Rules from the fuzzer, whose phrases may hold anything.
    Fuzzed,
}

/// A report of `input`: every finding's span, `matched` and position as the JSON format
/// writes them, and every fix it would apply.
fn assert_report(report: &FileReport, input: &[u8], rules: Rules, format: Syntax) {
    let output = written(OutputFormat::Json, report);
    // A report kept without its text (for a reporter that waits for the end of the run)
    // says the same.
    assert_eq!(
        output,
        written(OutputFormat::Json, &report.without_text()),
        "a report without its text differs"
    );
    let sarif = written(OutputFormat::Sarif, report);
    let results = sarif["runs"][0]["results"]
        .as_array()
        .expect("SARIF results");
    assert_eq!(results.len(), report.findings.len());
    let diagnostics = output["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), report.findings.len());
    for (d, result) in diagnostics.iter().zip(results) {
        let related = result["relatedLocations"].as_array().map_or(0, Vec::len);
        let also = d["also_at"].as_array().map_or(0, Vec::len);
        assert_eq!(related, also, "{d} {result}");
    }
    let Ok(text) = std::str::from_utf8(input) else {
        // Not UTF-8: an `io` finding at the first invalid byte, or at the start for a
        // binary or UTF-16 file; it matches nothing, and its line and column are those of
        // the valid text before it.
        let valid_up_to = std::str::from_utf8(input).unwrap_err().valid_up_to();
        let valid = std::str::from_utf8(&input[..valid_up_to]).expect("valid up to there");
        assert!(report.findings.iter().all(|f| f.kind.name() == "io"));
        for d in diagnostics {
            let start = d["span"]["start"].as_u64().expect("start") as usize;
            assert!(start == 0 || start == valid_up_to, "{d}");
            assert_eq!(d["matched"], "", "{d}");
            let [(line, column)] = lines_and_columns(valid, &[start])[..] else {
                unreachable!("one offset, one position");
            };
            let at = (d["span"]["line"].clone(), d["span"]["column"].clone());
            assert_eq!(at, (line.into(), column.into()), "{d}");
        }
        return;
    };
    let mut offsets = Vec::new();
    for d in diagnostics {
        let start = d["span"]["start"].as_u64().expect("start") as usize;
        let end = d["span"]["end"].as_u64().expect("end") as usize;
        assert_range_inside(&(start..end), text, "a finding");
        assert_eq!(d["matched"].as_str(), Some(&text[start..end]), "{d}");
        offsets.extend([start, end]);
        for other in places_also(d) {
            let start = other["start"].as_u64().expect("start") as usize;
            let end = other["end"].as_u64().expect("end") as usize;
            assert_range_inside(&(start..end), text, "a finding's other place");
            offsets.extend([start, end]);
        }
    }
    offsets.sort_unstable();
    offsets.dedup();
    let positions = lines_and_columns(text, &offsets);
    let position = |offset: &serde_json::Value| {
        let offset = offset.as_u64().expect("an offset") as usize;
        let (line, column) = positions[offsets.binary_search(&offset).expect("listed")];
        (
            serde_json::Value::from(line),
            serde_json::Value::from(column),
        )
    };
    for d in diagnostics {
        for location in std::iter::once(&d["span"]).chain(places_also(d)) {
            assert_eq!(
                (location["line"].clone(), location["column"].clone()),
                position(&location["start"]),
                "the line and column of the start of {d}"
            );
            assert_eq!(
                (location["end_line"].clone(), location["end_column"].clone()),
                position(&location["end"]),
                "the line and column of the end of {d}"
            );
        }
    }
    assert_fixes_safe(report, text, rules, format);
}

/// A report written in `format` (JSON or SARIF), parsed.
fn written(format: OutputFormat, report: &FileReport) -> serde_json::Value {
    let mut out = Vec::new();
    let summary = Summary::of(std::slice::from_ref(report));
    let style = Style {
        color: false,
        width: 80,
    };
    let mut writer = reporter(format, style, false);
    writer.begin(&mut out).expect("the report writes");
    writer.file(report, &mut out).expect("the report writes");
    writer.end(&summary, &mut out).expect("the report writes");
    serde_json::from_slice(&out).expect("the report parses")
}

/// A JSON diagnostic's other places (`also_at`), if any.
fn places_also(diagnostic: &serde_json::Value) -> impl Iterator<Item = &serde_json::Value> {
    diagnostic["also_at"].as_array().into_iter().flatten()
}

/// Every fix that would be applied replaces prose only: no line break (folded in the prose),
/// no template tag nor part of one; with the fuzz rules, whose phrases hold none of them,
/// no `<`, `>`, `&` or backslash either (markup, an entity, an escape).
///
/// HTML and plain text are read with the template tags of the whole file masked, so no fix
/// may touch any of them. Markdown masks tags within each block, and a message within each
/// part: there a fix must hold no whole tag.
fn assert_fixes_safe(report: &FileReport, text: &str, rules: Rules, format: Syntax) {
    let tags = match format {
        Syntax::Html | Syntax::PlainText => mask::template_tags(text),
        Syntax::Markdown | Syntax::Mdx | Syntax::Eml => Vec::new(),
    };
    for finding in fix::compatible(&report.findings, fix::Selection::All) {
        let span = finding.span;
        let replaced = &text[span.range()];
        assert!(
            !replaced.contains(['\n', '\r']),
            "a fix replaces a line break: {replaced:?} ({finding:?})"
        );
        assert!(
            rules == Rules::Fuzzed || !replaced.contains(['<', '>', '&', '\\']),
            "a fix replaces markup, an entity or an escape: {replaced:?} ({finding:?})"
        );
        assert!(
            mask::template_tags(replaced).is_empty()
                && !tags
                    .iter()
                    .any(|tag| tag.start < span.end && span.start < tag.end),
            "a fix replaces (part of) a template tag: {replaced:?} ({finding:?})"
        );
    }
}

/// `span_invariants`: the input as every kind of file, UTF-8 or not, through the JSON
/// report; then with every compatible fix applied, checked again.
pub fn span_invariants(data: &[u8]) {
    for (kind, (_, format, _)) in KINDS.into_iter().enumerate() {
        let report = lint_as(kind, data);
        assert_report(&report, data, Rules::Fixed, format);
        let Ok(text) = std::str::from_utf8(data) else {
            continue;
        };
        let edits = fix::compatible(&report.findings, fix::Selection::All);
        if edits.is_empty() {
            continue;
        }
        let fixed = fix::apply(text, &edits);
        let again = lint_as(kind, fixed.as_bytes());
        assert_report(&again, fixed.as_bytes(), Rules::Fixed, format);
    }
}
