//! Snapshots of what users see on every fixture, and the fixture promises: files named
//! `ok_*` stay clean, every other fixture has findings, and every span is exact.

mod common;

use std::path::{Path, PathBuf};

use common::{assert_spans_exact, brandlint, json};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Every content fixture, as a path relative to `fixtures/`, sorted.
fn fixture_files() -> Vec<String> {
    let mut files = Vec::new();
    for channel in std::fs::read_dir(fixtures_dir()).unwrap().flatten() {
        if !channel.path().is_dir() {
            continue;
        }
        for file in std::fs::read_dir(channel.path()).unwrap().flatten() {
            let name = file.file_name().to_string_lossy().into_owned();
            files.push(format!("{}/{name}", channel.file_name().to_string_lossy()));
        }
    }
    files.sort();
    files
}

#[test]
fn human_output_of_every_fixture() {
    for file in fixture_files() {
        let out = brandlint(&fixtures_dir(), &["check", &file], None);
        let stdout = String::from_utf8(out.stdout).unwrap();
        insta::assert_snapshot!(file.replace('/', "__"), stdout);
    }
}

#[test]
fn json_output_of_all_fixtures() {
    let out = brandlint(&fixtures_dir(), &["check", "--format", "json", "."], None);
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}

#[test]
fn ok_fixtures_are_clean_and_the_others_are_not() {
    let report = json(&brandlint(
        &fixtures_dir(),
        &["check", "--format", "json", "."],
        None,
    ));
    assert_spans_exact(&fixtures_dir(), &report);
    let flagged: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    let files = fixture_files();
    assert!(files.len() >= 8, "fixtures cover the channel: {files:?}");
    for file in files {
        let is_flagged = flagged.contains(&file.as_str());
        let name = file.rsplit('/').next().unwrap();
        assert_eq!(is_flagged, !name.starts_with("ok_"), "{file}");
    }
}
