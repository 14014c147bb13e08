//! Byte offsets are the engine's only positions; this turns them into the 1-based line and
//! character column that people and machine formats read, only when printing.

use std::sync::OnceLock;

use serde::Serialize;

use crate::model::SourceSpan;

/// A span as reported: byte offsets plus line and column of both ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    /// First byte.
    pub start: usize,
    /// Just past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`, in Unicode characters.
    pub column: usize,
    /// 1-based line of `end`.
    pub end_line: usize,
    /// 1-based column of `end`, in Unicode characters.
    pub end_column: usize,
}

/// Where each line of a file starts, for turning byte offsets into lines and columns.
///
/// Columns count characters, which takes a count from the start of the line; so that a
/// finding late in a very long line (a minified page, a 5 MB single line) costs no more than
/// one early in a short one, the index keeps the number of characters before every
/// [`CHECKPOINT`]th byte, and counts only from the checkpoint before an offset. Those
/// counts are made the first time a finding stands in a line longer than that.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    bom_len: usize,
    chars_before_checkpoint: OnceLock<Vec<usize>>,
}

/// Bytes between two character-count checkpoints.
const CHECKPOINT: usize = 4096;

/// Characters that start in `bytes`: every byte but UTF-8 continuation bytes, so any range
/// of bytes counts right, whether or not it starts on a character.
fn chars_in(bytes: &[u8]) -> usize {
    // Continuation bytes are 0x80 to 0xBF, the only bytes below -64 as signed bytes.
    bytes.iter().filter(|&&b| b as i8 >= -0x40).count()
}

impl LineIndex {
    /// Indexes the lines of `source`; a leading UTF-8 byte order mark is not a column.
    pub fn new(source: &[u8]) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', source).map(|i| i + 1));
        let bom_len = if source.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        Self {
            line_starts,
            bom_len,
            chars_before_checkpoint: OnceLock::new(),
        }
    }

    /// Characters before a byte offset (at most `source.len()`).
    fn chars_before(&self, source: &[u8], offset: usize) -> usize {
        let checkpoints = self.chars_before_checkpoint.get_or_init(|| {
            let mut counts = Vec::with_capacity(source.len() / CHECKPOINT + 1);
            let mut chars = 0;
            for block in source.chunks(CHECKPOINT) {
                counts.push(chars);
                chars += chars_in(block);
            }
            counts
        });
        let block = offset / CHECKPOINT;
        match checkpoints.get(block) {
            Some(&before) => before + chars_in(&source[block * CHECKPOINT..offset]),
            // Only the very end of a source whose length is a multiple of CHECKPOINT.
            None => chars_in(source),
        }
    }

    /// The 1-based line and character column of a byte offset. Columns count characters
    /// (continuation bytes of UTF-8 do not start one), so they stay right for any text.
    pub fn line_column(&self, source: &[u8], offset: usize) -> (usize, usize) {
        let offset = offset.min(source.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let mut line_start = self.line_starts[line - 1];
        if line == 1 {
            line_start = line_start.max(self.bom_len.min(offset));
        }
        // A line shorter than the distance between checkpoints is counted from its start.
        let chars = if offset - line_start <= CHECKPOINT {
            chars_in(&source[line_start..offset])
        } else {
            self.chars_before(source, offset) - self.chars_before(source, line_start)
        };
        (line, chars + 1)
    }

    /// The lines around a byte range: from the start of the line `before` lines above the
    /// range's first line to the end of the line `after` lines below its last, with the
    /// 0-based number of the first of them. Found by search, so a snippet late in a file of
    /// many lines costs no more than one at its start.
    pub fn lines_around(
        &self,
        source: &[u8],
        range: std::ops::Range<usize>,
        before: usize,
        after: usize,
    ) -> (usize, std::ops::Range<usize>) {
        let start = range.start.min(source.len());
        let end = range.end.clamp(start, source.len());
        let first = self.line_starts.partition_point(|&s| s <= start) - 1;
        let last = self.line_starts.partition_point(|&s| s <= end) - 1;
        let from_line = first.saturating_sub(before);
        let to = last
            .checked_add(after + 1)
            .and_then(|next| self.line_starts.get(next))
            .copied()
            .unwrap_or(source.len());
        (from_line, self.line_starts[from_line]..to)
    }

    /// The full location of a span of the file.
    pub fn locate(&self, source: &[u8], span: SourceSpan) -> Location {
        let (line, column) = self.line_column(source, span.start);
        let (end_line, end_column) = self.line_column(source, span.end);
        Location {
            start: span.start,
            end: span.end,
            line,
            column,
            end_line,
            end_column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let src = "héllo\r\nwörld Github".as_bytes();
        let index = LineIndex::new(src);
        let at = src.len() - "Github".len();
        assert_eq!(index.line_column(src, at), (2, 7));
        assert_eq!(index.line_column(src, src.len()), (2, 13));
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let src = "\u{feff}Github".as_bytes();
        let index = LineIndex::new(src);
        assert_eq!(index.line_column(src, 3), (1, 1));
        assert_eq!(index.line_column(src, 0), (1, 1));
    }

    #[test]
    fn columns_deep_in_a_long_line_are_counted_from_checkpoints() {
        let line = "é".repeat(3 * CHECKPOINT) + "x🦀y";
        let src = format!("a\n{line}");
        let index = LineIndex::new(src.as_bytes());
        let x = src.find('x').unwrap();
        assert_eq!(
            index.line_column(src.as_bytes(), x),
            (2, 3 * CHECKPOINT + 1)
        );
        let y = src.find('y').unwrap();
        assert_eq!(
            index.line_column(src.as_bytes(), y),
            (2, 3 * CHECKPOINT + 3)
        );
        assert_eq!(
            index.line_column(src.as_bytes(), src.len()),
            (2, 3 * CHECKPOINT + 4)
        );
        // Every offset agrees with a count from the start of the line.
        for offset in (0..src.len()).step_by(97) {
            let line_start = src.as_bytes()[..offset]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let expected = chars_in(&src.as_bytes()[line_start..offset]) + 1;
            assert_eq!(index.line_column(src.as_bytes(), offset).1, expected);
        }
    }

    #[test]
    fn lines_around_a_range_end_with_their_line_breaks() {
        let src = b"one\ntwo\nthree\nfour\nfive";
        let index = LineIndex::new(src);
        let at = |text: &str| {
            let start = src
                .windows(text.len())
                .position(|w| w == text.as_bytes())
                .unwrap();
            start..start + text.len()
        };
        let slice = |range: std::ops::Range<usize>| std::str::from_utf8(&src[range]).unwrap();
        let (line, range) = index.lines_around(src, at("three"), 1, 1);
        assert_eq!((line, slice(range)), (1, "two\nthree\nfour\n"));
        let (line, range) = index.lines_around(src, at("one"), 2, 0);
        assert_eq!((line, slice(range)), (0, "one\n"));
        let (line, range) = index.lines_around(src, at("four"), 0, 3);
        assert_eq!((line, slice(range)), (3, "four\nfive"));
        let (line, range) = index.lines_around(src, at("e\nt"), 0, 0);
        assert_eq!((line, slice(range)), (0, "one\ntwo\n"));
    }

    #[test]
    fn astral_characters_are_one_column() {
        let src = "🦀🦀 x".as_bytes();
        assert_eq!(LineIndex::new(src).line_column(src, 9), (1, 4));
    }
}
