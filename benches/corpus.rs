//! Per-layer benchmarks over real content (the corpora beside the repository when present,
//! else generated posts): read, match, and the whole check, in bytes per second, for
//! Markdown, HTML pages and email templates.

use std::path::{Path, PathBuf};

use brandlint::check::check_document;
use brandlint::config::{self, CompiledRules};
use brandlint::document::Channel;
use brandlint::matcher::fold;
use brandlint::read::{self, Format};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// The files with `extension` in the named corpora, read.
fn corpus_files(names: &[&str], extension: &str) -> Vec<String> {
    let mut files = Vec::new();
    for name in names {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpora")
            .join(name);
        collect(&root, extension, &mut files);
    }
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

fn markdown_corpus() -> Vec<String> {
    let texts = corpus_files(&["md-rust-blog"], "md");
    if !texts.is_empty() {
        return texts;
    }
    // No corpus beside the repository: generated posts with front matter, code and links.
    (0..500)
        .map(|i| {
            format!(
                "+++\ntitle = \"Post {i} about Github\"\n+++\n\n# Release {i}\n\nWe shipped a \
                 world-class feature on github, see [the docs](https://example.com/{i}). \
                 Use `cargo build` and log in.\n\n```rust\nfn main() {{}}\n```\n\n- one *item*\n- \
                 two Javascript\n\n> A quote about e-mail and WebAssembly.\n"
            )
        })
        .collect()
}

fn collect(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, extension, out);
        } else if path.extension().is_some_and(|e| e == extension) {
            out.push(path);
        }
    }
}

/// Generated pages or templates, when the corpora are absent.
fn generated_html(email: bool) -> Vec<String> {
    (0..300)
        .map(|i| {
            let greeting = if email { "Hi {{ first_name }}," } else { "Hello," };
            format!(
                "<html><head><title>Page {i} on Github</title><style>p {{ color: red }}</style></head>\
                 <body><table><tr><td><p>{greeting} our world-class <a href=\"/x/{i}\">Javascript</a> \
                 tools &amp; more.<p>Log in to continue<li>one<li>two</td></tr></table>\
                 <script>var github = 1;</script><footer>Unsubscribe</footer></body></html>"
            )
        })
        .collect()
}

fn rules() -> CompiledRules {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus-terms.toml");
    config::load_rules(&path).expect("the benchmark rules load")
}

/// Benchmarks reading, matching and checking `texts` in one channel.
fn channel_group(
    c: &mut Criterion,
    name: &str,
    channel: Channel,
    format: Format,
    texts: &[String],
) {
    let rules = rules();
    let bytes: usize = texts.iter().map(String::len).sum();
    let documents: Vec<_> = texts
        .iter()
        .map(|t| read::read(channel, format, t, &rules))
        .collect();
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("read", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| read::read(channel, format, t, &rules).segments.len())
                .sum::<usize>()
        })
    });
    group.bench_function("match", |b| {
        b.iter(|| {
            documents
                .iter()
                .flat_map(|d| &d.segments)
                .map(|s| {
                    rules
                        .phrases
                        .find(&s.text, &fold(&s.text), |_, _| true)
                        .len()
                })
                .sum::<usize>()
        })
    });
    group.bench_function("read+check", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| {
                    let document = read::read(channel, format, t, &rules);
                    check_document(&rules, &document, t, channel, Path::new("file")).len()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

fn layers(c: &mut Criterion) {
    channel_group(
        c,
        "markdown",
        Channel::Markdown,
        Format::Markdown,
        &markdown_corpus(),
    );
    let mut pages = corpus_files(&["html-serde"], "html");
    if pages.is_empty() {
        pages = generated_html(false);
    }
    channel_group(c, "html", Channel::Html, Format::Html, &pages);
    let mut emails = corpus_files(&["email-postmark", "email-mailchimp-blueprints"], "html");
    if emails.is_empty() {
        emails = generated_html(true);
    }
    channel_group(c, "email", Channel::Email, Format::Html, &emails);
}

criterion_group!(benches, layers);
criterion_main!(benches);
