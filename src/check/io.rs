//! `io`: a content file that could not be checked or fixed. `io/read` means it could not be
//! read (missing, permission denied, a folder); `io/encoding` means it is not UTF-8 text, and
//! points at the first byte that is not; `io/write` means `--fix` could not write it (it
//! changed on disk while it was checked, or the file system refused), so it was left as it
//! was; `io/fix-loop` means its fixes kept changing it pass after pass, because two rules
//! undo each other's fixes; `io/binary` means a file named on the command line holds binary
//! data (a NUL byte; found by walking a folder, such a file is skipped without a word);
//! `io/too-large` means it is larger than `--max-file-size` and was not read; `io/symlink`
//! means a file listed with `--files-from` is a symbolic link, or lies in a linked folder,
//! and was not followed (walks never follow links either: a link could bring a file from
//! outside the repository into the check, and its text into a public log); `io/syntax` means
//! an `.mdx` file is not valid MDX (an unclosed JSX tag, a broken `{expression}`), at the
//! place the MDX parser stopped: it was checked as Markdown, so its JSX and expressions may
//! have been read as prose (the site's MDX build fails on it too).
//!
//! ## Why
//! A file that silently goes unchecked looks like a file that passed. brandlint reports it
//! as an error finding, goes on with the other files, and the exit code remembers it.
//!
//! ## Example
//! A post saved as Latin-1 with "café" in it is reported as `io/encoding` at the "é" byte;
//! saving it as UTF-8 fixes it.
//!
//! ## Options
//! None: these findings come from brandlint itself, not from the rules file.

use crate::check::kind::Kind;
use crate::document::SyntaxError;
use crate::model::{Finding, RuleKind, Severity, SourceSpan};

/// `io`: files that could not be read: findings reading a file makes, with no table in rules files.
pub struct IoKind;

impl Kind for IoKind {
    fn kind(&self) -> RuleKind {
        RuleKind::Io
    }

    fn source(&self) -> &'static str {
        include_str!("io.rs")
    }
}

fn io_finding(rule: &str, message: String, at: usize) -> Finding {
    Finding::new(
        rule.into(),
        RuleKind::Io,
        Severity::Error,
        SourceSpan::at(at),
        message,
    )
}

/// A file that could not be read.
pub fn read_error(error: &std::io::Error) -> Finding {
    io_finding("io/read", format!("cannot read file: {error}"), 0)
}

/// A file that is not UTF-8, at its first invalid byte.
pub fn encoding_error(valid_up_to: usize) -> Finding {
    io_finding(
        "io/encoding",
        format!("file is not valid UTF-8 (first invalid byte at offset {valid_up_to})"),
        valid_up_to,
    )
    .with_help("save the file as UTF-8")
}

/// A file named on the command line that holds binary data. The finding concerns the whole
/// file, so it stands at its start; the message names the first NUL byte. (Its text is not
/// kept, so a span at the NUL byte would be reported at line 1, column 1 all the same.)
pub fn binary_file(nul_at: usize) -> Finding {
    io_finding(
        "io/binary",
        format!("not checked: this looks like a binary file (a NUL byte at offset {nul_at})"),
        0,
    )
}

/// A UTF-16 file, which brandlint does not read.
pub fn utf16_file() -> Finding {
    io_finding(
        "io/encoding",
        "file is UTF-16 text (it starts with a UTF-16 byte order mark), not UTF-8".to_string(),
        0,
    )
    .with_help("save the file as UTF-8")
}

/// A file over the size limit, which was not read. An error like every file left
/// unchecked: a change must not pass by being too large to read.
pub fn too_large(size: u64, limit: u64) -> Finding {
    io_finding(
        "io/too-large",
        format!("not checked: the file is {size} bytes, over the limit of {limit} bytes"),
        0,
    )
    .with_help("raise the limit with --max-file-size, or `[files] ignore` the file")
}

/// A listed file that is a symbolic link or lies in a linked folder, which was not followed.
pub fn symbolic_link() -> Finding {
    io_finding(
        "io/symlink",
        "not checked: a symbolic link, or a file in a linked folder; links are not followed"
            .to_string(),
        0,
    )
    .with_help("check the file the link points to under its own name")
}

/// A file whose fixes could not be written (`why`, from the writer); it is left as it was.
pub fn write_error(why: &dyn std::fmt::Display) -> Finding {
    io_finding("io/write", format!("not fixed: {why}"), 0)
}

/// A file that breaks its format's syntax and was read another way (MDX read as Markdown),
/// at the place the parser stopped.
pub fn syntax_error(error: &SyntaxError) -> Finding {
    io_finding(
        "io/syntax",
        format!(
            "not valid MDX: {}; checked as Markdown, so its JSX and expressions may read as prose",
            error.reason
        ),
        error.at,
    )
    .with_help("fix the MDX syntax here (the site's MDX build fails on it too)")
}

/// A file whose fixes did not settle within `passes` passes.
pub fn unsettled_fixes(passes: usize) -> Finding {
    Finding {
        severity: Severity::Warning,
        ..io_finding(
            "io/fix-loop",
            format!("fixes still changed this file after {passes} passes; some rules undo each other's fixes"),
            0,
        )
    }
    .with_help("run `brandlint check` to see which fixes remain, and make the rules agree")
}
