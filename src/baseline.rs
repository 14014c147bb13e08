//! Baselines: adopting brandlint on content that already has findings. `brandlint baseline`
//! records every finding of a check in `.brandlint-baseline.json`; later checks leave those
//! findings out, say how many they left out, and say how many recorded findings are gone
//! (fixed or edited away), which `brandlint baseline --prune` then drops from the file.
//!
//! A finding is known by its [`Fingerprint`]: its rule, the text it matched and the words
//! around it on its line, never its line number, so lines added or removed elsewhere in the
//! file keep it known, while an edit to the words around it makes it a finding again.
//! Findings with the same fingerprint in one file are counted: a file that had two and now
//! has three reports one.
//!
//! The file is JSON, one entry per fingerprint, sorted, with paths relative to the folder
//! the file is in (written with `/`): it reads well in a review and changes little when
//! content changes. Findings about the run rather than the content (`io`, `limits`) are
//! never recorded.

use std::collections::BTreeMap;
use std::fmt;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::lint::FileReport;
use crate::model::{Finding, RuleKind};

/// The name of a baseline file, looked for beside the rules file.
pub const FILE_NAME: &str = ".brandlint-baseline.json";

/// The format version written in the file.
const VERSION: u32 = 1;

/// How many characters on either side of a finding, on its line, identify it.
const CONTEXT_CHARS: usize = 40;

/// What identifies a finding in a file without its position.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fingerprint {
    /// The rule id.
    pub rule: String,
    /// The text the finding matched, white space collapsed.
    pub matched: String,
    /// A hash of the words around it on its line, white space collapsed (16 hex digits).
    pub context: String,
}

impl Fingerprint {
    /// The fingerprint of `finding` in the file whose text is `source`.
    pub fn of(finding: &Finding, source: &str) -> Self {
        let range = finding.span.range();
        let start = floor_char_boundary(source, range.start.min(source.len()));
        let end = floor_char_boundary(source, range.end.clamp(start, source.len()));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[end..].find('\n').map_or(source.len(), |i| end + i);
        let before = last_chars(&source[line_start..start], CONTEXT_CHARS);
        let after = first_chars(&source[end..line_end], CONTEXT_CHARS);
        let matched = collapse_white_space(&source[start..end]);
        let context = collapse_white_space(&format!("{before}\u{0}{matched}\u{0}{after}"));
        Fingerprint {
            rule: finding.rule.to_string(),
            matched,
            context: format!("{:016x}", stable_hash(context.as_bytes())),
        }
    }
}

/// One line of the baseline file: a fingerprint in a file, and how many findings have it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct Entry {
    path: String,
    rule: String,
    matched: String,
    context: String,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    count: usize,
}

fn one() -> usize {
    1
}

fn is_one(count: &usize) -> bool {
    *count == 1
}

/// The file as written.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

/// A baseline: how many findings of each fingerprint each file had when it was recorded,
/// and, during a check, how many of them are still unmatched.
#[derive(Debug, Default)]
pub struct Baseline {
    /// The folder its paths are relative to.
    root: PathBuf,
    /// Per file (relative to `root`, with `/`), per fingerprint, the count recorded.
    recorded: BTreeMap<String, BTreeMap<Fingerprint, usize>>,
    /// Per file a check went through, per fingerprint, how many recorded findings it has
    /// not met.
    unmatched: BTreeMap<String, BTreeMap<Fingerprint, usize>>,
    /// How many findings checks left out as known.
    left_out: usize,
}

/// A baseline file that cannot be read or used.
#[derive(Debug)]
pub struct BaselineError {
    /// The file.
    pub path: PathBuf,
    /// What is wrong, with the line and column when the JSON says where.
    pub message: String,
}

impl fmt::Display for BaselineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot use the baseline {}: {}",
            self.path.display(),
            self.message
        )
    }
}

impl std::error::Error for BaselineError {}

impl Baseline {
    /// An empty baseline for paths relative to `root`.
    pub fn new(root: &Path) -> Self {
        Baseline {
            root: crate::walk::normalized(root),
            ..Baseline::default()
        }
    }

    /// Reads a baseline file; its paths are relative to the folder it is in.
    pub fn load(path: &Path) -> Result<Self, BaselineError> {
        let error = |message: String| BaselineError {
            path: path.to_path_buf(),
            message,
        };
        let text = std::fs::read_to_string(path).map_err(|e| error(e.to_string()))?;
        let file: BaselineFile = serde_json::from_str(&text).map_err(|e| {
            error(format!(
                "{} (line {}, column {})",
                json_reason(&e),
                e.line(),
                e.column()
            ))
        })?;
        if file.version != VERSION {
            return Err(error(format!(
                "version {} is not one this brandlint reads (it writes version {VERSION})",
                file.version
            )));
        }
        let folder = path.parent().unwrap_or(Path::new("."));
        let mut baseline = Baseline::new(folder);
        for entry in file.findings {
            let fingerprint = Fingerprint {
                rule: entry.rule,
                matched: entry.matched,
                context: entry.context,
            };
            *baseline
                .recorded
                .entry(entry.path)
                .or_default()
                .entry(fingerprint)
                .or_default() += entry.count;
        }
        Ok(baseline)
    }

    /// The key of a report's file: its path relative to the baseline's folder, with `/`
    /// (and `..` for a file outside it), the same on every machine.
    fn key(&self, report: &FileReport, current_dir: &Path) -> String {
        let path = crate::walk::normalized(&current_dir.join(&report.display_path));
        let shared = path
            .components()
            .zip(self.root.components())
            .take_while(|(a, b)| a == b)
            .count();
        let up = self.root.components().count() - shared;
        std::iter::repeat_n("..".into(), up)
            .chain(
                path.components()
                    .skip(shared)
                    .map(|c| c.as_os_str().to_string_lossy()),
            )
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Records the findings of a report (its text kept) as known.
    pub fn record(&mut self, report: &FileReport, current_dir: &Path) {
        let key = self.key(report, current_dir);
        let file = self.recorded.entry(key).or_default();
        for finding in report.findings.iter().filter(|f| is_recordable(f)) {
            *file
                .entry(Fingerprint::of(finding, &report.source))
                .or_default() += 1;
        }
    }

    /// Leaves out of a report (its text kept) the findings the baseline knows, each
    /// recorded finding standing for one finding; returns how many were left out.
    pub fn leave_out_known(&mut self, report: &mut FileReport, current_dir: &Path) -> usize {
        let key = self.key(report, current_dir);
        // A file checked again (by --watch) starts from what was recorded.
        let Some(recorded) = self.recorded.get(&key) else {
            return 0;
        };
        let unmatched = self.unmatched.entry(key).or_default();
        unmatched.clone_from(recorded);
        let keep: Vec<bool> = report
            .findings
            .iter()
            .map(|finding| {
                if !is_recordable(finding) {
                    return true;
                }
                match unmatched.get_mut(&Fingerprint::of(finding, &report.source)) {
                    Some(left) if *left > 0 => {
                        *left -= 1;
                        false
                    }
                    _ => true,
                }
            })
            .collect();
        let left_out = keep.iter().filter(|keep| !**keep).count();
        report.retain_marked(&keep);
        self.left_out += left_out;
        left_out
    }

    /// How many findings the checks so far left out as known.
    pub fn left_out(&self) -> usize {
        self.left_out
    }

    /// How many recorded findings are gone: in the files checked so far, those not met
    /// (fixed, or edited so that they are no longer the same), and those of files that no
    /// longer exist.
    pub fn gone(&self) -> usize {
        self.recorded
            .iter()
            .map(|(path, recorded)| match self.unmatched.get(path) {
                Some(unmatched) => unmatched.values().sum(),
                None if !self.root.join(path).is_file() => recorded.values().sum(),
                None => 0,
            })
            .sum()
    }

    /// The baseline without what [`Baseline::gone`] counts, and without the files that no
    /// longer exist: what `brandlint baseline --prune` writes after a check.
    pub fn pruned(&self) -> Baseline {
        let mut recorded = BTreeMap::new();
        for (path, counts) in &self.recorded {
            let Some(unmatched) = self.unmatched.get(path) else {
                if self.root.join(path).is_file() {
                    recorded.insert(path.clone(), counts.clone());
                }
                continue;
            };
            let kept: BTreeMap<Fingerprint, usize> = counts
                .iter()
                .map(|(fingerprint, count)| (fingerprint.clone(), count - unmatched[fingerprint]))
                .filter(|(_, count)| *count > 0)
                .collect();
            if !kept.is_empty() {
                recorded.insert(path.clone(), kept);
            }
        }
        Baseline {
            root: self.root.clone(),
            recorded,
            ..Baseline::default()
        }
    }

    /// How many findings it records.
    pub fn len(&self) -> usize {
        self.recorded.values().flat_map(|c| c.values()).sum()
    }

    /// Whether it records no finding.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The file's text: entries sorted by path, rule, matched text and context, one per
    /// line, so that a change to the content changes few lines of it.
    pub fn to_json(&self) -> String {
        let mut entries = Vec::new();
        for (path, counts) in &self.recorded {
            for (fingerprint, &count) in counts {
                entries.push(Entry {
                    path: path.clone(),
                    rule: fingerprint.rule.clone(),
                    matched: fingerprint.matched.clone(),
                    context: fingerprint.context.clone(),
                    count,
                });
            }
        }
        let mut text = format!("{{\n  \"version\": {VERSION},\n  \"findings\": [");
        for (index, entry) in entries.iter().enumerate() {
            let line = serde_json::to_string(entry).expect("an entry is plain strings and numbers");
            text.push_str(if index == 0 { "\n    " } else { ",\n    " });
            text.push_str(&line);
        }
        text.push_str(if entries.is_empty() {
            "]\n}\n"
        } else {
            "\n  ]\n}\n"
        });
        text
    }
}

/// Whether a finding concerns the content, and so may be recorded: not one about reading
/// the file or the run's budgets.
fn is_recordable(finding: &Finding) -> bool {
    !matches!(finding.kind, RuleKind::Io | RuleKind::Limits)
}

/// What serde says is wrong, without the place it appends (given apart).
fn json_reason(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// FNV-1a, 64 bits: a hash whose value never changes between versions or machines, as a
/// file kept in a repository (a baseline) or a split agreed between machines (`--shard`)
/// needs.
pub(crate) fn stable_hash(bytes: &[u8]) -> u64 {
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

/// `text` with every run of white space one space, trimmed.
fn collapse_white_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The last `n` characters of `text`.
fn last_chars(text: &str, n: usize) -> &str {
    let start = text
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    if n == 0 {
        ""
    } else {
        &text[start..]
    }
}

/// The first `n` characters of `text`.
fn first_chars(text: &str, n: usize) -> &str {
    let end = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    &text[..end]
}

/// The largest character boundary of `text` at or before `at`.
fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Severity, SourceSpan};

    fn finding_at(source: &str, matched: &str, nth: usize) -> Finding {
        let start = source.match_indices(matched).nth(nth).unwrap().0;
        Finding::new(
            "term/GitHub".into(),
            RuleKind::Term,
            Severity::Warning,
            SourceSpan::new(start, start + matched.len()),
            String::new(),
        )
    }

    fn print(source: &str, matched: &str, nth: usize) -> Fingerprint {
        Fingerprint::of(&finding_at(source, matched, nth), source)
    }

    #[test]
    fn the_hash_is_fnv_1a_and_never_changes() {
        assert_eq!(stable_hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(stable_hash(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(stable_hash(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn a_fingerprint_is_the_rule_the_match_and_the_words_around_it_on_its_line() {
        let one = print("Intro.\n\nWe use Github daily.\n", "Github", 0);
        // Lines elsewhere, and white space, do not change it.
        assert_eq!(
            one,
            print("New.\n\nIntro.\n\nWe  use\tGithub daily.\n", "Github", 0)
        );
        assert_eq!(one.matched, "Github");
        // The words beside it do.
        assert_ne!(one, print("Intro.\n\nWe used Github daily.\n", "Github", 0));
        // Words past the window do not.
        let near = "and a run of words long enough to fill the window: we use";
        let far = format!("{} {near} Github daily.\n", "word ".repeat(20));
        let farther = format!("{} {near} Github daily.\n", "other ".repeat(20));
        assert_eq!(print(&far, "Github", 0), print(&farther, "Github", 0));
    }

    #[test]
    fn windows_keep_to_characters_and_lines() {
        let source = "é".repeat(50) + "Github" + &"🦀".repeat(50) + "\nnext";
        let print = print(&source, "Github", 0);
        assert_eq!(print.matched, "Github");
        assert_eq!(last_chars("abc", 0), "");
        assert_eq!(last_chars("aéc", 2), "éc");
        assert_eq!(first_chars("aéc", 2), "aé");
        assert_eq!(first_chars("a", 5), "a");
    }

    #[test]
    fn the_file_lists_entries_in_order_and_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let source = "Github, then Github.\n";
        let mut report = FileReport::new(
            "a.md".into(),
            None,
            source.into(),
            vec![
                finding_at(source, "Github", 0),
                finding_at(source, "Github", 1),
            ],
        );
        let mut baseline = Baseline::new(dir.path());
        baseline.record(&report, dir.path());
        assert_eq!(baseline.len(), 2);
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, baseline.to_json()).unwrap();
        let mut read = Baseline::load(&path).unwrap();
        assert_eq!(read.to_json(), baseline.to_json());
        assert_eq!(read.leave_out_known(&mut report, dir.path()), 2);
        assert!(report.findings.is_empty());
        assert_eq!((read.left_out(), read.gone()), (2, 0));
        let empty = Baseline::new(dir.path()).to_json();
        assert_eq!(empty, "{\n  \"version\": 1,\n  \"findings\": []\n}\n");
        std::fs::write(&path, &empty).unwrap();
        assert!(Baseline::load(&path).unwrap().is_empty());
    }

    #[test]
    fn another_version_or_shape_is_refused_with_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "{\"version\": 2, \"findings\": []}").unwrap();
        let error = Baseline::load(&path).unwrap_err().to_string();
        assert!(error.contains("version 2"), "{error}");
        std::fs::write(&path, "{\"version\": 1,\n \"extra\": 1}").unwrap();
        let error = Baseline::load(&path).unwrap_err().to_string();
        assert!(
            error.contains("unknown field `extra`") && error.contains("line 2"),
            "{error}"
        );
    }
}
