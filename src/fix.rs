//! Fixing: from findings that carry a fix to new file contents, and back to disk without
//! losing a byte.
//!
//! Fixes replace exactly their spans, so line endings, a byte order mark and every byte
//! outside the spans stay as they were. Fixes that overlap cannot all be applied; the first
//! in source order wins and the text is checked again, so the others are reported anew on
//! the fixed text (or fixed in the next pass, when they still have one). Passes repeat until
//! no fix is left, which makes a second `--fix` a no-op.
//!
//! Every fix is safe or unsafe ([`crate::model::FixSafety`]); a run applies the safe ones,
//! and the unsafe ones too when asked ([`Selection`]).

use std::io::{self, Write};
use std::path::Path;

use crate::model::{Finding, Fix};

/// Which fixes a run applies: the safe ones (`--fix`), or every one (`--fix
/// --unsafe-fixes`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Selection {
    /// Only safe fixes.
    #[default]
    Safe,
    /// Safe and unsafe fixes.
    All,
}

impl Selection {
    /// Whether the run applies `fix`.
    pub fn takes(self, fix: &Fix) -> bool {
        self == Selection::All || fix.is_safe()
    }

    /// The fix of `finding` when the run applies it.
    fn fix_of(self, finding: &Finding) -> Option<&Fix> {
        finding.fix.as_ref().filter(|fix| self.takes(fix))
    }
}

/// The most passes over one file; a rules file whose fixes undo each other stops here.
pub const MAX_PASSES: usize = 10;

/// The findings whose fixes, of those `selection` takes, can be applied together: in source
/// order, each fix that does not overlap one taken before it. Two insertions at one place
/// overlap; a fix equal to one already taken (same span, same replacement) is taken with
/// it, as one edit.
pub fn compatible(findings: &[Finding], selection: Selection) -> Vec<&Finding> {
    let mut fixable: Vec<&Finding> = findings
        .iter()
        .filter(|f| selection.fix_of(f).is_some())
        .collect();
    fixable.sort_by_key(|f| (f.span.start, f.span.end));
    let mut taken: Vec<&Finding> = Vec::new();
    for finding in fixable {
        let Some(last) = taken.last() else {
            taken.push(finding);
            continue;
        };
        let same_edit = same_edit(last, finding);
        let overlaps = finding.span.start < last.span.end
            || (finding.span.start == last.span.end
                && last.span.is_empty()
                && finding.span.is_empty());
        if same_edit || !overlaps {
            taken.push(finding);
        }
    }
    taken
}

/// Whether two findings' fixes are one edit: the same span, the same replacement.
fn same_edit(a: &Finding, b: &Finding) -> bool {
    fn replacement(finding: &Finding) -> Option<&str> {
        finding.fix.as_ref().map(|fix| fix.replacement.as_str())
    }
    a.span == b.span && replacement(a) == replacement(b)
}

/// `source` with the fixes of `findings` applied; they come from [`compatible`], so they are
/// in order and do not overlap (repeats of one edit are applied once).
pub fn apply(source: &str, findings: &[&Finding]) -> String {
    let mut fixed = String::with_capacity(source.len());
    let mut at = 0;
    let mut last: Option<&Finding> = None;
    for &finding in findings {
        let Some(fix) = &finding.fix else {
            continue;
        };
        if last.is_some_and(|l| same_edit(l, finding)) {
            continue; // a repeat of the edit just applied
        }
        fixed.push_str(&source[at..finding.span.start]);
        fixed.push_str(&fix.replacement);
        at = finding.span.end;
        last = Some(finding);
    }
    fixed.push_str(&source[at..]);
    fixed
}

/// A text after fixing.
#[derive(Debug)]
pub struct Fixed {
    /// The fixed text.
    pub text: String,
    /// How many findings were fixed, over all passes.
    pub applied: usize,
    /// The findings of the fixed text.
    pub findings: Vec<Finding>,
    /// Whether the last pass left no fix to apply; false when [`MAX_PASSES`] ran out.
    pub settled: bool,
}

/// Fixes `source`, whose findings are `findings`, with the fixes `selection` takes and with
/// `check` to find the findings of each new text: pass after pass, until no such fix is left.
pub fn fix_text(
    source: &str,
    findings: Vec<Finding>,
    selection: Selection,
    mut check: impl FnMut(&str) -> Vec<Finding>,
) -> Fixed {
    let mut text = source.to_string();
    let mut findings = findings;
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let edits = compatible(&findings, selection);
        if edits.is_empty() {
            return Fixed {
                text,
                applied,
                findings,
                settled: true,
            };
        }
        applied += edits.len();
        text = apply(&text, &edits);
        findings = check(&text);
    }
    let settled = compatible(&findings, selection).is_empty();
    Fixed {
        text,
        applied,
        findings,
        settled,
    }
}

/// Why fixed text was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file is not what was checked any more: someone saved it meanwhile.
    #[error("the file changed on disk while it was checked; it was left as it is")]
    Changed,
    /// The file system refused.
    #[error("cannot write the fixes: {0}")]
    Io(#[from] io::Error),
}

/// Replaces the file at `path`, whose bytes were `original` when read, with `fixed`:
/// through a temporary file in the same folder and a rename, so a reader sees the old file
/// or the new one and never half of one. The permissions stay; a symbolic link stays a link
/// and its target is written.
pub fn write_atomically(path: &Path, original: &[u8], fixed: &[u8]) -> Result<(), WriteError> {
    let target = std::fs::canonicalize(path)?;
    if std::fs::read(&target)? != original {
        return Err(WriteError::Changed);
    }
    let permissions = std::fs::metadata(&target)?.permissions();
    let folder = target.parent().unwrap_or(Path::new("."));
    let mut temporary = tempfile::Builder::new()
        .prefix(".brandlint-fix")
        .tempfile_in(folder)?;
    temporary.write_all(fixed)?;
    temporary.as_file().sync_all()?;
    std::fs::set_permissions(temporary.path(), permissions)?;
    temporary
        .persist(&target)
        .map_err(|error| WriteError::Io(error.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RuleKind;
    use crate::model::{FixSafety, Severity};

    fn fix(span: std::ops::Range<usize>, replacement: &str) -> Finding {
        Finding::new(
            "test/fix".into(),
            RuleKind::Prefer,
            Severity::Warning,
            span.into(),
            String::new(),
        )
        .with_fix(Some(Fix::safe(replacement)))
    }

    fn unsafe_fix(span: std::ops::Range<usize>, replacement: &str) -> Finding {
        let mut finding = fix(span, replacement);
        finding.fix = Some(Fix::new(replacement, FixSafety::Unsafe));
        finding
    }

    #[test]
    fn unsafe_fixes_are_applied_only_when_selected() {
        let findings = vec![fix(0..1, "A"), unsafe_fix(1..2, "B")];
        assert_eq!(apply("ab", &compatible(&findings, Selection::Safe)), "Ab");
        assert_eq!(apply("ab", &compatible(&findings, Selection::All)), "AB");
        // An unsafe fix held back does not keep a safe one it overlaps from applying.
        let overlapping = vec![unsafe_fix(0..2, "X"), fix(1..2, "B")];
        assert_eq!(
            apply("ab", &compatible(&overlapping, Selection::Safe)),
            "aB"
        );
        let fixed = fix_text("ab", findings, Selection::Safe, |_| Vec::new());
        assert_eq!((fixed.text.as_str(), fixed.applied), ("Ab", 1));
    }

    #[test]
    fn overlapping_fixes_keep_the_first_and_equal_ones_apply_once() {
        let source = "abcdef";
        let findings = vec![
            fix(0..2, "X"),
            fix(1..3, "Y"), // overlaps the first
            fix(3..4, "Z"),
            fix(3..4, "Z"), // the same edit again
            fix(6..6, "!"),
            fix(6..6, "!"), // the same insertion again
            fix(6..6, "?"), // a second insertion at the same place
        ];
        let taken = compatible(&findings, Selection::Safe);
        assert_eq!(taken.len(), 5);
        assert_eq!(apply(source, &taken), "XcZef!");
    }

    #[test]
    fn adjacent_fixes_both_apply() {
        let findings = vec![fix(0..1, "1"), fix(1..2, "2"), fix(2..2, "+")];
        assert_eq!(apply("ab", &compatible(&findings, Selection::Safe)), "12+");
    }

    #[test]
    fn fixing_stops_when_fixes_undo_each_other() {
        // A check that always wants to swap the first byte: it never settles.
        let flip = |text: &str| {
            let first = if text.starts_with('a') { "b" } else { "a" };
            vec![fix(0..1, first)]
        };
        let fixed = fix_text("a", flip("a"), Selection::Safe, flip);
        assert!(!fixed.settled);
        assert_eq!(fixed.applied, MAX_PASSES);
    }

    #[test]
    fn writing_refuses_a_file_that_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "new").unwrap();
        let error = write_atomically(&path, b"old", b"fixed").unwrap_err();
        assert!(matches!(error, WriteError::Changed));
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn writing_keeps_permissions_and_writes_through_links() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.md");
        std::fs::write(&target, "Github\r\n").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomically(&link, b"Github\r\n", b"GitHub\r\n").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&target).unwrap(), b"GitHub\r\n");
        let mode = std::fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 2, "no temporary file is left behind");
    }
}
