//! Per-layer benchmarks over real Markdown (the Rust blog corpus beside the repository when
//! present, else generated posts): read, match, and the whole check, in bytes per second.

use std::path::{Path, PathBuf};

use brandlint::check::check_document;
use brandlint::config::{self, CompiledRules};
use brandlint::document::Channel;
use brandlint::matcher::fold;
use brandlint::read::markdown;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn corpus() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/md-rust-blog");
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
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

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

fn rules() -> CompiledRules {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/real-terms.toml");
    config::load_rules(&path).expect("the benchmark rules load")
}

fn layers(c: &mut Criterion) {
    let texts = corpus();
    let rules = rules();
    let bytes: usize = texts.iter().map(String::len).sum();
    let documents: Vec<_> = texts.iter().map(|t| markdown::read(t)).collect();
    let mut group = c.benchmark_group("markdown");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("read", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| markdown::read(t).segments.len())
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
                    let document = markdown::read(t);
                    check_document(
                        &rules,
                        &document,
                        t,
                        Channel::Markdown,
                        Path::new("post.md"),
                    )
                    .len()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, layers);
criterion_main!(benches);
