//! Linting one file: bytes in, a [`FileReport`] out. A file that cannot be read or is not
//! UTF-8 becomes an `io` finding instead of an error, so the run goes on.

use std::path::Path;

use crate::check::{self, io, Finding};
use crate::config::CompiledRules;
use crate::document::Channel;
use crate::read::{self, Format};
use crate::span::LineIndex;

/// What linting one file produced, with what reporters need to print it.
#[derive(Debug)]
pub struct FileReport {
    /// The path as printed.
    pub display_path: String,
    /// Its channel; `None` for a path that is not a readable file of any channel.
    pub channel: Option<Channel>,
    /// Its text (invalid UTF-8 replaced, past the first bad byte, for display only); empty
    /// when it has no findings.
    pub source: String,
    /// Its findings, in source order.
    pub findings: Vec<Finding>,
    /// Line starts of `source`.
    pub lines: LineIndex,
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
        }
    }
}

impl FileReport {
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

/// Lints a file's bytes. `path` is where the file is (for the rules' `files` globs).
pub fn lint_bytes(
    rules: &CompiledRules,
    path: &Path,
    display_path: String,
    (channel, format): (Channel, Format),
    bytes: Vec<u8>,
) -> FileReport {
    match String::from_utf8(bytes) {
        Ok(source) => {
            let document = read::read(channel, format, &source, rules);
            let relative = rules.relative(path);
            let findings = check::check_document(rules, &document, &source, channel, relative);
            FileReport::new(display_path, Some(channel), source, findings)
        }
        Err(error) => {
            let valid_up_to = error.utf8_error().valid_up_to();
            let source = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let finding = io::encoding_error(valid_up_to);
            FileReport::new(display_path, Some(channel), source, vec![finding])
        }
    }
}

/// Reads and lints a file; an unreadable file becomes an `io/read` finding.
pub fn lint_file(
    rules: &CompiledRules,
    path: &Path,
    display_path: String,
    (channel, format): (Channel, Format),
) -> FileReport {
    match std::fs::read(path) {
        Ok(bytes) => lint_bytes(rules, path, display_path, (channel, format), bytes),
        Err(error) => FileReport::unreadable(display_path, Some(channel), &error),
    }
}
