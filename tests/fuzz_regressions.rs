//! Replays the fuzz inputs kept in the repository through the fuzz targets' own code
//! (`fuzz/src/lib.rs`, included here), so the invariants the fuzzer checks hold in every
//! `cargo test`, on stable: `tests/fuzz-regressions/<target>/` holds each input that once
//! broke one (a crash, a hang or a wrong span) and `tests/fuzz-corpus/<target>/` a small
//! minimized corpus that covers what the target reaches.

use std::path::{Path, PathBuf};

// The fuzz targets' panic hook set-up is the only part not needed here.
#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod harness;

const FOLDERS: [&str; 2] = ["tests/fuzz-regressions", "tests/fuzz-corpus"];

fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<PathBuf> = FOLDERS
        .iter()
        .filter_map(|folder| std::fs::read_dir(root.join(folder).join(target)).ok())
        .flatten()
        .map(|entry| entry.expect("the folder lists").path())
        .collect();
    paths.sort();
    paths
}

/// Runs every kept input of a target and names each one that breaks an invariant.
fn replay(target: &str) {
    let (_, body) = harness::TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .expect("a fuzz target of that name");
    let paths = inputs(target);
    assert!(!paths.is_empty(), "no kept inputs for {target}");
    let failures: Vec<String> = paths
        .iter()
        .filter_map(|path| {
            let data = std::fs::read(path).expect("the input reads");
            std::panic::catch_unwind(|| body(&data))
                .err()
                .map(|_| path.display().to_string())
        })
        .collect();
    assert!(failures.is_empty(), "{target} fails on {failures:#?}");
}

macro_rules! replay {
    ($($target:ident),* $(,)?) => {
        $(
            #[test]
            fn $target() {
                replay(stringify!($target));
            }
        )*

        #[test]
        fn every_target_is_replayed_and_every_folder_names_one() {
            let replayed = [$(stringify!($target)),*];
            let targets: Vec<&str> = harness::TARGETS.iter().map(|(name, _)| *name).collect();
            assert_eq!(targets, replayed);
            let root = Path::new(env!("CARGO_MANIFEST_DIR"));
            for folder in FOLDERS {
                for entry in std::fs::read_dir(root.join(folder)).expect("the folder exists") {
                    let name = entry.expect("the folder lists").file_name();
                    let name = name.to_string_lossy();
                    assert!(replayed.contains(&&*name), "{folder}/{name} is no fuzz target");
                }
            }
        }
    };
}

replay!(
    read_markdown,
    read_mdx,
    read_html,
    read_email_template,
    read_eml,
    read_front_matter,
    load_rules,
    load_vale,
    check_document,
    span_invariants,
);
