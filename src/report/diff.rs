//! `--diff`: the fixes as a unified diff, one file after another, colored for a terminal.
//! Nothing is written; a reviewer or `patch -p1` reads it.

use std::io::{self, Write};

use similar::TextDiff;

use crate::lint::FileReport;

/// ANSI colors for removed, added and hunk header lines.
const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

/// Writes the diff of every report that has fixed text; returns how many files it covers.
pub fn write(reports: &[FileReport], color: bool, out: &mut dyn Write) -> io::Result<usize> {
    let mut files = 0;
    for report in reports {
        let Some(fixed) = &report.fixed_text else {
            continue;
        };
        files += 1;
        let diff = TextDiff::from_lines(report.source.as_str(), fixed.as_str());
        let text = diff
            .unified_diff()
            .context_radius(3)
            .header(
                &format!("a/{}", report.display_path),
                &format!("b/{}", report.display_path),
            )
            .to_string();
        if !color {
            out.write_all(text.as_bytes())?;
            continue;
        }
        for line in text.split_inclusive('\n') {
            let paint = if line.starts_with("---") || line.starts_with("+++") {
                None
            } else if line.starts_with('-') {
                Some(RED)
            } else if line.starts_with('+') {
                Some(GREEN)
            } else if line.starts_with("@@") {
                Some(CYAN)
            } else {
                None
            };
            match paint {
                Some(code) => {
                    let body = line.trim_end_matches(['\n', '\r']);
                    let ending = &line[body.len()..];
                    write!(out, "{code}{body}{RESET}{ending}")?;
                }
                None => out.write_all(line.as_bytes())?,
            }
        }
    }
    Ok(files)
}
