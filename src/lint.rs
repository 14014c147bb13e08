//! Linting one file: bytes in, a [`FileReport`] out, with its fixes applied when asked. A
//! file that cannot be read or is not UTF-8 becomes an `io` finding instead of an error, so
//! the run goes on.

use std::path::Path;

use crate::check::CompiledRules;
use crate::check::{self, io};
use crate::fix::{self, Fixed, Selection};
use crate::model::{Channel, Finding};
use crate::read::{self, FileType};
use crate::span::{LineIndex, Location};
use crate::suppress;
use crate::walk::Origin;

/// What to do with the fixes findings carry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FixMode {
    /// Report them.
    #[default]
    Off,
    /// Apply them and write the file (`--fix`).
    Write,
    /// Apply them in memory and report the fixed text (`--fix` on standard input).
    Return,
    /// Apply them in memory for a diff; report the findings of the file as it is (`--diff`).
    Preview,
}

/// How files are read and what is done with their fixes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LintOptions {
    /// What to do with fixes.
    pub fix: FixMode,
    /// Which fixes are applied: the safe ones, or unsafe ones too.
    pub fixes: Selection,
    /// Files larger than this many bytes are not read (an `io/too-large` finding).
    pub max_file_size: Option<u64>,
}

/// How far into a file to look for a NUL byte, the sign of binary data (as git does).
const BINARY_PROBE: usize = 8000;

/// Whether text starts with a UTF-16 byte order mark (its NUL bytes do not make it binary).
fn is_utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF")
}

/// The offset of the first NUL byte near the start, if any.
fn binary_marker(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, &bytes[..bytes.len().min(BINARY_PROBE)])
}

/// What linting one file produced, with what reporters need to print it.
#[derive(Debug)]
pub struct FileReport {
    /// The path as printed.
    pub display_path: String,
    /// Its channel; `None` for a path that is not a readable file of any channel.
    pub channel: Option<Channel>,
    /// Its text (invalid UTF-8 replaced, past the first bad byte, for display only); empty
    /// when it has no findings. After `--fix`, the fixed text.
    pub source: String,
    /// Its findings, in source order.
    pub findings: Vec<Finding>,
    /// Line starts of `source`.
    pub lines: LineIndex,
    /// How many findings fixing fixed (none for a preview, which writes nothing).
    pub fixed: usize,
    /// The fixed text, for a preview or for standard input, when fixing changed anything.
    pub fixed_text: Option<String>,
    /// How many of its findings the run does not report: below `--min-severity`, or not
    /// among the rules `--select` and `--ignore` choose.
    pub hidden: usize,
    /// Where each finding stands and what it matched, once the text is let go
    /// ([`FileReport::release_text`]); empty while `source` is kept.
    released: Vec<Place>,
}

/// Where a finding stands and what it matched, kept when the file's text is let go.
#[derive(Clone, Debug, PartialEq)]
struct Place {
    at: Location,
    matched: String,
    also_at: Vec<Location>,
}

/// A finding with its place in the file and the text it matched, as reporters print it.
pub struct LocatedFinding<'a> {
    /// The finding.
    pub finding: &'a Finding,
    /// Its lines and columns.
    pub at: Location,
    /// The file's bytes at its span.
    pub matched: &'a str,
    /// The lines and columns of its other places ([`Finding::also_at`]).
    pub also_at: Vec<Location>,
}

impl FileReport {
    pub(crate) fn new(
        display_path: String,
        channel: Option<Channel>,
        source: String,
        findings: Vec<Finding>,
    ) -> Self {
        // Only reporters read the text and its lines, and only for findings: a clean file
        // keeps neither, so memory is bounded by the files that have something to show.
        let source = if findings.is_empty() {
            String::new()
        } else {
            source
        };
        let lines = LineIndex::new(source.as_bytes());
        Self {
            display_path,
            channel,
            source,
            findings,
            lines,
            fixed: 0,
            fixed_text: None,
            hidden: 0,
            released: Vec::new(),
        }
    }

    /// Each finding with its location and matched text, in order.
    pub fn located(&self) -> impl Iterator<Item = LocatedFinding<'_>> {
        self.findings.iter().enumerate().map(|(i, finding)| {
            let locate = |span| self.lines.locate(self.source.as_bytes(), span);
            match self.released.get(i) {
                Some(place) => LocatedFinding {
                    finding,
                    at: place.at,
                    matched: place.matched.as_str(),
                    also_at: place.also_at.clone(),
                },
                None => LocatedFinding {
                    finding,
                    at: locate(finding.span),
                    matched: self.source.get(finding.span.range()).unwrap_or(""),
                    also_at: finding.also_at.iter().map(|&span| locate(span)).collect(),
                },
            }
        })
    }

    /// Keeps the findings whose flag in `keep` (one per finding, in order) is true.
    pub fn retain_marked(&mut self, keep: &[bool]) {
        debug_assert_eq!(keep.len(), self.findings.len());
        let kept = |index: usize| keep.get(index).copied().unwrap_or(true);
        if !self.released.is_empty() {
            let released = std::mem::take(&mut self.released);
            self.released = released
                .into_iter()
                .enumerate()
                .filter_map(|(index, place)| kept(index).then_some(place))
                .collect();
        }
        let mut index = 0;
        self.findings.retain(|_| {
            index += 1;
            kept(index - 1)
        });
    }

    /// Keeps only the findings `keep` accepts.
    pub fn retain_findings(&mut self, keep: impl Fn(&Finding) -> bool) {
        if self.released.is_empty() {
            self.findings.retain(keep);
        } else {
            let flags: Vec<bool> = self.findings.iter().map(keep).collect();
            self.retain_marked(&flags);
        }
    }

    /// Keeps the first `keep` findings and adds `notice`, a finding about the whole file at
    /// its start, in its sorted place (by position, then rule id).
    pub fn cut_findings(&mut self, keep: usize, notice: Finding) {
        self.findings.truncate(keep);
        let released = !self.released.is_empty();
        let span = notice.span;
        let at = crate::model::insert_in_order(&mut self.findings, notice);
        if released {
            self.released.truncate(keep);
            let location = self.lines.locate(self.source.as_bytes(), span);
            let place = Place {
                at: location,
                matched: String::new(),
                also_at: Vec::new(),
            };
            self.released.insert(at, place);
        }
    }

    /// Works out where each finding stands and lets the file's text go, so that a report
    /// waiting for the end of the run holds its findings only, not the file. Reporters that
    /// show the text around a finding (`human`, `--diff`) need it kept.
    pub fn release_text(&mut self) {
        self.released = self.places();
        self.source = String::new();
        self.lines = LineIndex::new(b"");
    }

    /// A copy of the report as [`FileReport::release_text`] leaves it: its findings and
    /// their places, without the file's text (nor a fixed text), for a reporter that keeps
    /// reports until the end of the run.
    pub fn without_text(&self) -> FileReport {
        FileReport {
            display_path: self.display_path.clone(),
            channel: self.channel,
            source: String::new(),
            findings: self.findings.clone(),
            lines: LineIndex::new(b""),
            fixed: self.fixed,
            fixed_text: None,
            hidden: self.hidden,
            released: self.places(),
        }
    }

    /// Where each finding stands and what it matched.
    fn places(&self) -> Vec<Place> {
        self.located()
            .map(|located| Place {
                at: located.at,
                matched: located.matched.to_string(),
                also_at: located.also_at,
            })
            .collect()
    }

    /// A path that could not be read at all: one `io/read` finding.
    pub fn unreadable(
        display_path: String,
        channel: Option<Channel>,
        error: &std::io::Error,
    ) -> Self {
        Self::new(
            display_path,
            channel,
            String::new(),
            vec![io::read_error(error)],
        )
    }
}

/// The findings of a text, through the stages of a check: read the text into a document,
/// check it, and drop what its directives suppress. `path` is where the file is (for the
/// rules' `files` globs).
pub fn lint_text(
    rules: &CompiledRules,
    path: &Path,
    file_type: FileType,
    source: &str,
) -> Vec<Finding> {
    let channel = file_type.channel;
    let document = read::read(channel, file_type.syntax, source, &rules.read);
    let relative = rules.relative(path);
    let mut findings = check::check_document(rules, &document, source, channel, relative);
    let known_ids = || rules.rule_ids();
    suppress::retain_unsuppressed(&document.directives, source, &mut findings, &known_ids);
    check::visual::merge_repeats(&mut findings);
    // Where the file breaks its syntax, in place among the findings.
    for error in document.syntax_errors.iter().map(io::syntax_error) {
        crate::model::insert_in_order(&mut findings, error);
    }
    findings
}

/// Lints a file's bytes, fixing them as `mode` says with the fixes `selection` takes.
pub fn lint_bytes(
    rules: &CompiledRules,
    path: &Path,
    display_path: String,
    file_type: FileType,
    bytes: Vec<u8>,
    mode: FixMode,
    selection: Selection,
) -> FileReport {
    let channel = file_type.channel;
    if is_utf16(&bytes) {
        return FileReport::new(
            display_path,
            Some(channel),
            String::new(),
            vec![io::utf16_file()],
        );
    }
    if let Some(nul_at) = binary_marker(&bytes) {
        let finding = io::binary_file(nul_at);
        return FileReport::new(display_path, Some(channel), String::new(), vec![finding]);
    }
    let source = match String::from_utf8(bytes) {
        Ok(source) => source,
        Err(error) => {
            let valid_up_to = error.utf8_error().valid_up_to();
            let source = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let finding = io::encoding_error(valid_up_to);
            return FileReport::new(display_path, Some(channel), source, vec![finding]);
        }
    };
    let findings = lint_text(rules, path, file_type, &source);
    if mode == FixMode::Off || fix::compatible(&findings, selection).is_empty() {
        return FileReport::new(display_path, Some(channel), source, findings);
    }
    let fixed = fix::fix_text(&source, findings.clone(), selection, |text| {
        lint_text(rules, path, file_type, text)
    });
    let settled = fixed.settled;
    let mut report = match mode {
        FixMode::Off | FixMode::Preview => {
            let mut report = FileReport::new(display_path, Some(channel), source, findings);
            report.fixed_text = Some(fixed.text);
            return report;
        }
        FixMode::Return => {
            let text = fixed.text.clone();
            let mut report = fixed_report(display_path, channel, fixed);
            report.fixed_text = Some(text);
            report
        }
        FixMode::Write => {
            match fix::write_atomically(path, source.as_bytes(), fixed.text.as_bytes()) {
                Ok(()) => fixed_report(display_path, channel, fixed),
                Err(error) => {
                    let mut findings = findings;
                    findings.insert(0, io::write_error(&error));
                    return FileReport::new(display_path, Some(channel), source, findings);
                }
            }
        }
    };
    if !settled {
        // Fixes that kept undoing each other: said once, at the top of the file.
        report
            .findings
            .insert(0, io::unsettled_fixes(fix::MAX_PASSES));
    }
    report
}

/// The report of a fixed text: its remaining findings.
fn fixed_report(display_path: String, channel: Channel, fixed: Fixed) -> FileReport {
    let mut report = FileReport::new(display_path, Some(channel), fixed.text, fixed.findings);
    report.fixed = fixed.applied;
    report
}

/// Reads and lints a file: an unreadable file becomes an `io/read` finding, a file over the
/// size limit an `io/too-large` one. A file found by walking that is binary, or a file not
/// named on the command line that vanished since it was found, is skipped: `None`.
pub fn lint_file(
    rules: &CompiledRules,
    path: &Path,
    display_path: String,
    file_type: FileType,
    options: LintOptions,
    origin: Origin,
) -> Option<FileReport> {
    let channel = Some(file_type.channel);
    let named = origin == Origin::Named;
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if !named && error.kind() == std::io::ErrorKind::NotFound => return None,
        Err(error) => return Some(FileReport::unreadable(display_path, channel, &error)),
    };
    if !metadata.is_file() {
        // A named pipe would block the read forever; a device could be endless.
        let error = std::io::Error::other("not a regular file (a folder, pipe, socket or device)");
        return Some(FileReport::unreadable(display_path, channel, &error));
    }
    if let Some(limit) = options
        .max_file_size
        .filter(|&limit| metadata.len() > limit)
    {
        let finding = io::too_large(metadata.len(), limit);
        return Some(FileReport::new(
            display_path,
            channel,
            String::new(),
            vec![finding],
        ));
    }
    let found = origin == Origin::Found;
    match std::fs::read(path) {
        Ok(bytes) if found && !is_utf16(&bytes) && binary_marker(&bytes).is_some() => None,
        Ok(bytes) => Some(lint_bytes(
            rules,
            path,
            display_path,
            file_type,
            bytes,
            options.fix,
            options.fixes,
        )),
        Err(error) if !named && error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => Some(FileReport::unreadable(display_path, channel, &error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceSpan;

    #[test]
    fn a_binary_file_is_one_finding_at_its_start_whose_position_agrees() {
        let rules = crate::check::default_rules(Path::new(".")).unwrap();
        let bytes = b"line one\nline two Github\0\x01\x02".to_vec();
        let report = lint_bytes(
            &rules,
            Path::new("a.md"),
            "a.md".into(),
            FileType::MARKDOWN,
            bytes,
            FixMode::Off,
            Selection::Safe,
        );
        let [finding] = &report.findings[..] else {
            panic!("one finding: {:?}", report.findings);
        };
        assert_eq!(finding.rule, "io/binary");
        assert!(finding.message.contains("offset 24"), "{}", finding.message);
        assert_eq!(finding.span, SourceSpan::at(0));
        let location = report.lines.locate(report.source.as_bytes(), finding.span);
        assert_eq!((location.line, location.column), (1, 1));
    }

    /// A post whose findings stand on several lines, after non-ASCII text and a BOM.
    fn report_with_findings() -> FileReport {
        let rules = crate::check::load_rules_from_str(
            "[[term]]\nname = \"GitHub\"\n",
            Path::new("brandlint.toml"),
        )
        .unwrap();
        let source =
            "\u{feff}# Café Github\r\n\nÜber github and Github 🦀.\n\nLast Github".to_string();
        let report = lint_bytes(
            &rules,
            Path::new("a.md"),
            "a.md".into(),
            FileType::MARKDOWN,
            source.into_bytes(),
            FixMode::Off,
            Selection::Safe,
        );
        assert!(report.findings.len() >= 4, "{:?}", report.findings);
        report
    }

    fn places(report: &FileReport) -> Vec<(String, Location, String, Vec<Location>)> {
        report
            .located()
            .map(|l| {
                let rule = l.finding.rule.to_string();
                (rule, l.at, l.matched.to_string(), l.also_at)
            })
            .collect()
    }

    #[test]
    fn a_released_report_keeps_the_other_places_of_a_finding() {
        let mut report = report_with_findings();
        let last = report.findings.pop().expect("findings");
        report.findings[0].also_at.push(last.span);
        let kept = places(&report);
        assert_eq!(kept[0].3.len(), 1);
        assert!(kept[0].3[0].line > 1);
        report.release_text();
        assert_eq!(places(&report), kept);
    }

    #[test]
    fn a_report_that_lets_its_text_go_locates_its_findings_as_before() {
        let mut report = report_with_findings();
        let kept = places(&report);
        assert!(kept
            .iter()
            .any(|(_, at, _, _)| at.line == 3 && at.column > 10));
        assert!(kept.iter().all(|(_, _, matched, _)| !matched.is_empty()));
        report.release_text();
        assert!(report.source.is_empty());
        assert_eq!(places(&report), kept);
    }

    #[test]
    fn keeping_some_findings_of_a_released_report_keeps_their_own_places() {
        let mut report = report_with_findings();
        let kept = places(&report);
        report.release_text();
        // Every other finding, by position, so the places kept must move with them.
        let dropped: Vec<usize> = kept
            .iter()
            .step_by(2)
            .map(|(_, at, _, _)| at.start)
            .collect();
        report.retain_findings(|f| !dropped.contains(&f.span.start));
        let expected: Vec<_> = kept
            .into_iter()
            .filter(|(_, at, _, _)| !dropped.contains(&at.start))
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(places(&report), expected);
    }
}
