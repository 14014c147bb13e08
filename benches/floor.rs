//! The floor: the least work a brand linter must do, to hold `brandlint check` against.
//! It walks the paths with the `ignore` crate as brandlint does, reads each Markdown, HTML
//! and plain-text file, parses it with the parsers brandlint uses (pulldown-cmark; html5gum's
//! tokenizer for pages and for the HTML blocks of Markdown), gathers the text, and runs one
//! Aho-Corasick automaton (every phrase of the rules file, ASCII case-insensitive) over it,
//! counting matches. No spans, scopes, masking, word boundaries, findings or output.
//!
//! `floor [--jobs N] --rules RULES.toml PATH...` prints files, bytes and matches. Files are
//! read and matched in parallel on N threads (default: one per core), as brandlint does.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use aho_corasick::{AhoCorasick, MatchKind};
use html5gum::{Token, Tokenizer};
use pulldown_cmark::{Event, Options, Parser, TagEnd};
use rayon::prelude::*;

/// Every literal phrase of a rules file: term names and variants, banned phrases, preferred
/// wordings and those they replace.
fn phrases(rules: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(rules).expect("the rules file is readable");
    let value: toml::Table = text.parse().expect("the rules file is TOML");
    let strings = |table: &toml::Value, key: &str| -> Vec<String> {
        match table.get(key) {
            Some(toml::Value::String(s)) => vec![s.clone()],
            Some(toml::Value::Array(items)) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    };
    let mut phrases = Vec::new();
    for (kind, keys) in [
        ("term", &["name", "variants"][..]),
        ("banned", &["phrases"][..]),
        ("prefer", &["use", "instead_of"][..]),
    ] {
        let tables = value.get(kind).and_then(|v| v.as_array());
        for table in tables.into_iter().flatten() {
            for key in keys {
                phrases.extend(strings(table, key));
            }
        }
    }
    phrases
}

fn markdown_text(source: &str, text: &mut String) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    // Blocks of raw HTML hold prose too: tokenized as HTML, each as a whole.
    let mut block = String::new();
    for event in Parser::new_ext(source, options) {
        match event {
            Event::Text(t) => {
                text.push_str(&t);
                text.push('\n');
            }
            Event::Html(html) => block.push_str(&html),
            Event::End(TagEnd::HtmlBlock) => {
                html_text(&block, text);
                block.clear();
            }
            _ => {}
        }
    }
}

fn html_text(source: &str, text: &mut String) {
    for token in Tokenizer::new(source).flatten() {
        if let Token::String(s) = token {
            text.push_str(&String::from_utf8_lossy(&s));
        }
    }
}

/// Reads, parses and matches one file: its size and matches, or `None` for a file of no
/// known kind.
fn check(path: &Path, automaton: &AhoCorasick) -> Option<(usize, usize)> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    let source = std::fs::read_to_string(path).ok()?;
    let mut text = String::new();
    match extension.as_str() {
        "md" | "markdown" | "mdx" => markdown_text(&source, &mut text),
        "html" | "htm" => html_text(&source, &mut text),
        "txt" => text.push_str(&source),
        _ => return None,
    }
    Some((source.len(), automaton.find_iter(&text).count()))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut rules = None;
    let mut jobs = None;
    let mut paths = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rules" => rules = args.next().map(PathBuf::from),
            "--jobs" | "-j" => jobs = args.next().and_then(|n| n.parse::<usize>().ok()),
            // `cargo bench` passes this; the floor has nothing to run on its own.
            "--bench" => {}
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    let Some(rules) = rules else {
        eprintln!("usage: floor [--jobs N] --rules RULES.toml PATH...  (see scripts/bench)");
        return;
    };
    if let Some(jobs) = jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global()
            .expect("the first pool");
    }
    let start = Instant::now();
    let automaton = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(phrases(&rules))
        .expect("literal phrases compile");
    let mut files = Vec::new();
    for path in &paths {
        for entry in ignore::WalkBuilder::new(path).require_git(false).build() {
            let entry = entry.expect("the walk reads every folder");
            if entry.file_type().is_some_and(|t| t.is_file()) {
                files.push(entry.into_path());
            }
        }
    }
    files.sort();
    let bytes = AtomicUsize::new(0);
    let matches: usize = files
        .par_iter()
        .filter_map(|path| check(path, &automaton))
        .map(|(size, found)| {
            bytes.fetch_add(size, Ordering::Relaxed);
            found
        })
        .sum();
    println!(
        "floor: {} files, {} bytes, {matches} matches, {} patterns, {:.3} s",
        files.len(),
        bytes.load(Ordering::Relaxed),
        automaton.patterns_len(),
        start.elapsed().as_secs_f64()
    );
}
