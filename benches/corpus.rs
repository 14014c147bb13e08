//! Per-layer benchmarks over real content (the corpora beside the repository when present,
//! else generated posts and pages), in bytes per second:
//!
//! - `markdown`, `html`, `email`: read, match and the whole check of each channel;
//! - `read`: each reader alone (Markdown, HTML, email templates, `.eml` messages, plain text);
//! - `engine`: the rule engine alone over documents already read (1,000 generated terms, and
//!   the voice checks of `tests/data/voice-real.toml`);
//! - `terms`: the whole check of the Markdown corpus with 10, 1,000 and 10,000 terms;
//! - `compile`: loading and compiling rules files of 10, 1,000 and 10,000 terms;
//! - `editor`: one typical post (the Markdown corpus's median size), read and checked with
//!   1,000 terms, as an editor integration checks the file being edited.
//!
//! `scripts/bench` times whole runs of the binary against a floor; see docs/src/performance.md.

#[path = "support/generate.rs"]
mod generate;

use std::path::{Path, PathBuf};

use brandlint::check::CompiledRules;
use brandlint::check::{check_active, check_document};
use brandlint::document::Document;
use brandlint::matcher::fold;
use brandlint::model::Channel;
use brandlint::read::{self, Syntax};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

/// The corpora beside the repository.
fn corpora() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora")
}

/// The files with `extension` in the named corpora, read, in path order.
fn corpus_files(names: &[&str], extension: &str) -> Vec<String> {
    let mut files = Vec::new();
    for name in names {
        collect(&corpora().join(name), extension, &mut files);
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
    // No corpus beside the repository: generated posts of the same total size.
    (0..750)
        .map(|i| generate::post(i, 10 * 1024, 1000))
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

/// Generated email templates, when the corpora are absent.
fn generated_emails() -> Vec<String> {
    (0..300)
        .map(|i| {
            let greeting = "Hi {{ first_name }},";
            format!(
                "<html><head><title>Page {i} on Github</title><style>p {{ color: red }}</style></head>\
                 <body><table><tr><td><p>{greeting} our world-class <a href=\"/x/{i}\">Javascript</a> \
                 tools &amp; more.<p>Log in to continue<li>one<li>two</td></tr></table>\
                 <script>var github = 1;</script><footer>Unsubscribe</footer></body></html>"
            )
        })
        .collect()
}

fn html_pages() -> Vec<String> {
    let pages = corpus_files(&["html-serde"], "html");
    if pages.is_empty() {
        return (0..40)
            .map(|i| generate::page(i, 25 * 1024, 1000))
            .collect();
    }
    pages
}

fn email_templates() -> Vec<String> {
    let emails = corpus_files(&["email-postmark", "email-mailchimp-blueprints"], "html");
    if emails.is_empty() {
        return generated_emails();
    }
    emails
}

/// Plain-text emails: Postmark's text templates, else text made from generated posts.
fn plain_emails() -> Vec<String> {
    let texts = corpus_files(&["email-postmark"], "txt");
    if !texts.is_empty() {
        return texts;
    }
    (0..100)
        .map(|i| generate::post(i, 2048, 1000).replace(['#', '`', '*'], ""))
        .collect()
}

/// Messages with a text and an HTML part, as a mail client saves them: the plain-text
/// emails paired with the HTML templates.
fn messages() -> Vec<String> {
    let html = email_templates();
    plain_emails()
        .iter()
        .zip(html.iter().cycle())
        .enumerate()
        .map(|(i, (text, html))| {
            format!(
                "From: Acme <hello@example.com>\r\nTo: you@example.com\r\nSubject: Your Acme \
                 cloud receipt {i}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; \
                 boundary=\"b{i}\"\r\n\r\n--b{i}\r\nContent-Type: text/plain; charset=utf-8\r\n\
                 Content-Transfer-Encoding: 8bit\r\n\r\n{text}\r\n--b{i}\r\nContent-Type: \
                 text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{html}\r\n\
                 --b{i}--\r\n"
            )
        })
        .collect()
}

fn test_rules(name: &str) -> CompiledRules {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    brandlint::check::load_rules(&path).expect("the benchmark rules load")
}

/// A generated rules file of `terms` terms, written to a temporary folder that `dir` keeps.
fn generated_rules_file(terms: usize, dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join(format!("rules-{terms}.toml"));
    std::fs::write(&path, generate::rules(terms)).expect("the rules file is written");
    path
}

fn generated_rules(terms: usize) -> CompiledRules {
    let dir = tempfile::tempdir().expect("a temporary folder");
    brandlint::check::load_rules(&generated_rules_file(terms, &dir)).expect("generated rules load")
}

fn bytes_of(texts: &[String]) -> u64 {
    texts.iter().map(|t| t.len() as u64).sum()
}

/// Benchmarks reading, matching and checking `texts` in one channel.
fn channel_group(
    c: &mut Criterion,
    name: &str,
    channel: Channel,
    format: Syntax,
    texts: &[String],
) {
    let rules = test_rules("corpus-terms.toml");
    let documents: Vec<_> = texts
        .iter()
        .map(|t| read::read(channel, format, t, &rules.read))
        .collect();
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes_of(texts)));
    group.sample_size(20);
    group.bench_function("read", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| read::read(channel, format, t, &rules.read).segments.len())
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
                    let document = read::read(channel, format, t, &rules.read);
                    check_document(&rules, &document, t, channel, Path::new("file")).len()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

fn channels(c: &mut Criterion) {
    channel_group(
        c,
        "markdown",
        Channel::Markdown,
        Syntax::Markdown,
        &markdown_corpus(),
    );
    channel_group(c, "html", Channel::Html, Syntax::Html, &html_pages());
    channel_group(c, "email", Channel::Email, Syntax::Html, &email_templates());
}

/// Each reader alone: bytes to segments.
fn readers(c: &mut Criterion) {
    let rules = test_rules("corpus-terms.toml");
    let inputs = [
        (
            "markdown",
            Channel::Markdown,
            Syntax::Markdown,
            markdown_corpus(),
        ),
        ("html", Channel::Html, Syntax::Html, html_pages()),
        ("email", Channel::Email, Syntax::Html, email_templates()),
        ("eml", Channel::Email, Syntax::Eml, messages()),
        ("plain", Channel::Email, Syntax::PlainText, plain_emails()),
    ];
    let mut group = c.benchmark_group("read");
    group.sample_size(20);
    for (name, channel, format, texts) in &inputs {
        group.throughput(Throughput::Bytes(bytes_of(texts)));
        group.bench_function(*name, |b| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|t| read::read(*channel, *format, t, &rules.read).segments.len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

/// Runs the checks of `rules` over documents already read, as the engine does per file.
fn check_all(rules: &CompiledRules, documents: &[(Document, &String)]) -> usize {
    let file = rules.for_file(Channel::Markdown, Path::new("post.md"));
    documents
        .iter()
        .map(|(document, source)| check_active(rules, &file, document, source).len())
        .sum()
}

/// The rule engine alone, over the Markdown corpus already read.
fn engine(c: &mut Criterion) {
    let texts = markdown_corpus();
    let read_with = |rules: &CompiledRules| -> Vec<(Document, &String)> {
        texts
            .iter()
            .map(|t| {
                (
                    read::read(Channel::Markdown, Syntax::Markdown, t, &rules.read),
                    t,
                )
            })
            .collect()
    };
    let mut group = c.benchmark_group("engine");
    group.throughput(Throughput::Bytes(bytes_of(&texts)));
    group.sample_size(20);
    let terms = generated_rules(1000);
    let documents = read_with(&terms);
    group.bench_function("1000-terms", |b| b.iter(|| check_all(&terms, &documents)));
    let voice = test_rules("voice-real.toml");
    let documents = read_with(&voice);
    group.bench_function("voice", |b| b.iter(|| check_all(&voice, &documents)));
    group.finish();

    // The same corpus, read and checked, with ever more terms: one automaton, so the cost
    // barely grows.
    let mut group = c.benchmark_group("terms");
    group.throughput(Throughput::Bytes(bytes_of(&texts)));
    group.sample_size(10);
    for count in [10, 1000, 10_000] {
        let rules = generated_rules(count);
        group.bench_function(count.to_string(), |b| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|t| {
                        let document =
                            read::read(Channel::Markdown, Syntax::Markdown, t, &rules.read);
                        check_document(&rules, &document, t, Channel::Markdown, Path::new("p.md"))
                            .len()
                    })
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

/// Loading and compiling rules files: the start-up cost of every run.
fn compile(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut group = c.benchmark_group("compile");
    group.sample_size(10);
    for count in [10, 1000, 10_000] {
        let path = generated_rules_file(count, &dir);
        group.bench_function(count.to_string(), |b| {
            b.iter(|| {
                brandlint::check::load_rules(&path)
                    .expect("rules load")
                    .rules
                    .len()
            })
        });
    }
    group.finish();
}

/// The post of median size: what an editor checks on every save.
fn typical_post() -> String {
    let mut posts = markdown_corpus();
    posts.sort_by_key(String::len);
    posts.swap_remove(posts.len() / 2)
}

/// One file checked in-process with 1,000 terms, as an editor integration does.
fn editor(c: &mut Criterion) {
    let rules = generated_rules(1000);
    let post = typical_post();
    let mut group = c.benchmark_group("editor");
    group.throughput(Throughput::Bytes(post.len() as u64));
    group.bench_function("read+check", |b| {
        b.iter_batched(
            || post.clone(),
            |text| {
                let document = read::read(Channel::Markdown, Syntax::Markdown, &text, &rules.read);
                check_document(
                    &rules,
                    &document,
                    &text,
                    Channel::Markdown,
                    Path::new("p.md"),
                )
                .len()
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, channels, readers, engine, compile, editor);
criterion_main!(benches);
