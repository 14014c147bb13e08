//! What readers produce and checks consume: a document as scoped prose segments, each mapped
//! back to the exact bytes of the file it was read from.

use crate::model::{Scope, SourceSpan, TextRange};

pub mod color;
pub mod visual;

pub use visual::Visuals;

/// The character that stands in the prose for masked text (a template tag, inline code, a URL):
/// one neutral word that no phrase can match and no finding can land inside.
pub const MASK: char = '\u{FFFC}';

/// A document as checks see it: prose segments plus the suppression directives found in it.
#[derive(Debug, Default)]
pub struct Document {
    /// The prose, in source order.
    pub segments: Vec<Segment>,
    /// `brandlint-disable` comments, in source order.
    pub directives: Vec<Directive>,
    /// The colors, fonts and images it shows.
    pub visuals: Visuals,
    /// Where the file breaks its format's syntax so that it was read another way (an `.mdx`
    /// file that is not valid MDX, read as Markdown): reported, since its code may then read
    /// as prose.
    pub syntax_errors: Vec<SyntaxError>,
}

/// A place where a file breaks its format's syntax, as the parser says it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The byte offset in the file where the parser stopped.
    pub at: usize,
    /// The parser's reason, such as "Unexpected end of file in expression".
    pub reason: String,
}

impl Document {
    /// Each segment as (scope, text as read, the source bytes it spans), in source order:
    /// what reader tests pin.
    #[cfg(test)]
    pub(crate) fn outline(&self, source: &str) -> Vec<(Scope, String, String)> {
        let mut found: Vec<_> = self
            .segments
            .iter()
            .map(|s| {
                let span = s.source_range(TextRange::new(0, s.text.len()));
                (
                    span.start,
                    s.scope,
                    s.text.clone(),
                    source[span.range()].to_string(),
                )
            })
            .collect();
        found.sort_by_key(|f| f.0);
        found
            .into_iter()
            .map(|(_, scope, text, bytes)| (scope, text, bytes))
            .collect()
    }

    /// Moves every position by `by` bytes: for a document read from a slice of a larger file
    /// (a part of an e-mail message) that starts at `by`.
    pub fn shift(&mut self, by: usize) {
        for segment in &mut self.segments {
            for piece in &mut segment.pieces {
                piece.source_start += by;
                piece.source_end += by;
            }
        }
        for directive in &mut self.directives {
            directive.span = directive.span.shifted(by);
        }
        self.visuals.shift(by);
    }

    /// Maps every segment as a whole onto one source range: for text that was decoded from
    /// the file (a base64 part of an e-mail), whose bytes are not the file's. Findings then
    /// point at `to`, and none offers a fix.
    pub fn collapse(&mut self, to: SourceSpan) {
        for segment in &mut self.segments {
            segment.pieces = vec![Piece {
                text_start: 0,
                source_start: to.start,
                source_end: to.end,
                exact: false,
            }];
        }
        // A directive in the decoded text then stands just before every finding, so that
        // `brandlint-disable` in an encoded part still switches that part's findings off.
        for directive in &mut self.directives {
            directive.span = SourceSpan::at(to.start);
        }
        self.visuals.collapse(to);
    }
}

/// What a `brandlint-*` comment asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveAction {
    /// `brandlint-disable`: from here on.
    Disable,
    /// `brandlint-enable`: ends a disable.
    Enable,
    /// `brandlint-disable-next-line`: only the line after the comment.
    DisableNextLine,
    /// `brandlint-disable-line`: only the line the comment starts on.
    DisableLine,
    /// `brandlint-disable-file`: the whole file, wherever the comment stands.
    DisableFile,
}

/// A suppression comment, with the source range of the whole comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// Where the comment stands in the file.
    pub span: SourceSpan,
    /// What it does.
    pub action: DirectiveAction,
    /// The rule ids and kinds it concerns, as written after the keyword (the suppress stage
    /// splits them); empty means every rule.
    pub rules: String,
}

/// One run of prose, as read: markup removed, entities decoded, masked text replaced by
/// [`MASK`], white space folded to single spaces. Every byte offset of `text` maps back to the
/// file's bytes through its pieces.
#[derive(Clone, Debug)]
pub struct Segment {
    /// Where the prose stands in the document.
    pub scope: Scope,
    /// The prose as read.
    pub text: String,
    /// Inline regions (links, buttons) with a scope of their own, as ranges of `text`.
    pub inline_scopes: Vec<(TextRange, Scope)>,
    pieces: Vec<Piece>,
}

/// A stretch of segment text and the source bytes it came from. An exact piece is the same
/// bytes in both; an atomic one (an entity, a line break, a masked tag) maps as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    text_start: usize,
    source_start: usize,
    source_end: usize,
    exact: bool,
}

impl Segment {
    fn piece_at(&self, text_offset: usize) -> &Piece {
        let index = self
            .pieces
            .partition_point(|p| p.text_start <= text_offset)
            .saturating_sub(1);
        &self.pieces[index]
    }

    /// Whether the file `source` holds this range of the text verbatim: no markup, entity,
    /// escape, line break or template tag inside it. Only then may a fix replace the range's
    /// bytes in the file: the one test of whether a fix is safe.
    pub fn is_verbatim(&self, source: &str, range: TextRange) -> bool {
        let Some(text) = self.text.get(range.range()) else {
            return false;
        };
        source.get(self.source_range(range).range()) == Some(text)
    }

    /// The source range of a range of `text`: from the first byte of its first character to
    /// just past its last. An empty range maps to an empty range at its start.
    pub fn source_range(&self, text: TextRange) -> SourceSpan {
        if self.pieces.is_empty() {
            return SourceSpan::at(0);
        }
        let start = {
            let piece = self.piece_at(text.start);
            if piece.exact {
                piece.source_start + (text.start - piece.text_start)
            } else {
                piece.source_start
            }
        };
        if text.end <= text.start {
            return SourceSpan::at(start);
        }
        let last = self.piece_at(text.end - 1);
        let end = if last.exact {
            last.source_start + (text.end - last.text_start)
        } else {
            last.source_end
        };
        SourceSpan::new(start, end.max(start))
    }

    /// The innermost scope at a range of `text`: the narrowest inline region around it (of
    /// two with the same extent, the inner one, which closed first), else the segment's.
    pub fn scope_at(&self, text: TextRange) -> Scope {
        self.inline_scopes
            .iter()
            .filter(|(r, _)| r.start <= text.start && text.end <= r.end)
            .min_by_key(|(r, _)| r.len())
            .map_or(self.scope, |(_, s)| *s)
    }

    /// Whether any of `scopes` covers a range of `text` (the segment's own or an inline one).
    pub fn in_any_scope(&self, text: TextRange, scopes: &[Scope]) -> bool {
        scopes.contains(&self.scope)
            || self
                .inline_scopes
                .iter()
                .any(|(r, s)| r.start <= text.start && text.end <= r.end && scopes.contains(s))
    }
}

/// Assembles a segment from the pieces a reader finds, then folds white space and masks
/// URLs, e-mail addresses, paths, @handles and template tags in one pass.
#[derive(Clone, Debug, Default)]
pub struct SegmentBuilder {
    text: String,
    pieces: Vec<Piece>,
    inline_scopes: Vec<(TextRange, Scope)>,
    open_inline: Vec<(usize, Scope)>,
}

impl SegmentBuilder {
    /// A builder with no text yet, with room for a paragraph of prose and its pieces: most
    /// segments then never grow their buffers, which would copy them each time.
    pub fn new() -> Self {
        Self {
            text: String::with_capacity(256),
            pieces: Vec::with_capacity(8),
            ..Self::default()
        }
    }

    /// Appends text that stands verbatim in the source at `source_start`.
    pub fn push_exact(&mut self, text: &str, source_start: usize) {
        if text.is_empty() {
            return;
        }
        if let Some(last) = self.pieces.last_mut() {
            if last.exact && last.source_end == source_start {
                // Contiguous with the previous exact piece: one piece serves both.
                last.source_end += text.len();
                self.text.push_str(text);
                return;
            }
        }
        self.pieces.push(Piece {
            text_start: self.text.len(),
            source_start,
            source_end: source_start + text.len(),
            exact: true,
        });
        self.text.push_str(text);
    }

    /// Appends text read from a source range that does not hold it verbatim (an entity, an
    /// escape, a line break); the whole range maps to the whole text.
    pub fn push_atomic(&mut self, text: &str, source: SourceSpan) {
        if text.is_empty() {
            return;
        }
        self.pieces.push(Piece {
            text_start: self.text.len(),
            source_start: source.start,
            source_end: source.end,
            exact: false,
        });
        self.text.push_str(text);
    }

    /// Appends text from `source`, exact where the source holds it verbatim.
    pub fn push_text(&mut self, text: &str, source: SourceSpan, original: &str) {
        // Text borrowed from the source is its bytes without comparing them.
        let verbatim = original
            .get(source.range())
            .is_some_and(|raw| std::ptr::eq(raw, text) || raw == text);
        if verbatim {
            self.push_exact(text, source.start);
        } else {
            self.push_atomic(text, source);
        }
    }

    /// Appends one neutral word standing for a source range that is not prose.
    pub fn push_mask(&mut self, source: SourceSpan) {
        let mut buf = [0; 4];
        self.push_atomic(MASK.encode_utf8(&mut buf), source);
    }

    /// Opens an inline region (a link's text) with its own scope.
    pub fn begin_inline(&mut self, scope: Scope) {
        self.open_inline.push((self.text.len(), scope));
    }

    /// Closes the innermost open inline region.
    pub fn end_inline(&mut self) {
        if let Some((start, scope)) = self.open_inline.pop() {
            if start < self.text.len() {
                self.inline_scopes
                    .push((TextRange::new(start, self.text.len()), scope));
            }
        }
    }

    /// Finishes the text as it was pushed, neither masked nor folded: for text that is not
    /// prose (a style attribute's CSS) but whose positions map back to the file.
    pub fn finish_verbatim(mut self, scope: Scope) -> Segment {
        while !self.open_inline.is_empty() {
            self.end_inline();
        }
        Segment {
            scope,
            text: self.text,
            inline_scopes: self.inline_scopes,
            pieces: self.pieces,
        }
    }

    /// Finishes the segment with the edits `normalize` makes to its text (the readers' masking
    /// of non-prose tokens, folding of white space and trimming:
    /// `crate::read::mask::normalizing_edits`). Returns `None` when nothing but white space
    /// and masked text is left.
    pub fn finish(self, scope: Scope, normalize: fn(&str) -> Vec<Edit>) -> Option<Segment> {
        let raw = self.finish_verbatim(scope);
        let edits = normalize(&raw.text);
        let segment = if edits.is_empty() {
            raw
        } else {
            apply_edits(&raw, &edits)
        };
        let has_prose = segment
            .text
            .chars()
            .any(|c| c != MASK && !c.is_whitespace());
        has_prose.then_some(segment)
    }
}

/// A replacement of a range of segment text, made while normalizing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// The range of the text it replaces.
    pub range: TextRange,
    /// What stands there afterwards; it maps to the whole source of `range`.
    pub replacement: &'static str,
}

/// Rebuilds a segment with sorted, non-overlapping edits applied, keeping every piece's
/// mapping and moving inline regions with the text.
fn apply_edits(old: &Segment, edits: &[Edit]) -> Segment {
    let mut text = String::with_capacity(old.text.len());
    let mut pieces = Vec::with_capacity(old.pieces.len() + edits.len());
    let mut kept_from = 0;
    let copy_kept = |range: TextRange, text: &mut String, pieces: &mut Vec<Piece>| {
        if range.is_empty() {
            return;
        }
        // Only the pieces the range touches, from the one it starts in: each kept range is
        // a few pieces, so a segment of many pieces and many edits is still read once.
        let first = old
            .pieces
            .partition_point(|p| p.text_start <= range.start)
            .saturating_sub(1);
        for (i, piece) in old.pieces.iter().enumerate().skip(first) {
            if piece.text_start >= range.end {
                break;
            }
            let piece_end = old
                .pieces
                .get(i + 1)
                .map_or(old.text.len(), |p| p.text_start);
            let lo = piece.text_start.max(range.start);
            let hi = piece_end.min(range.end);
            if lo >= hi {
                continue;
            }
            let (source_start, source_end) = if piece.exact {
                (
                    piece.source_start + (lo - piece.text_start),
                    piece.source_start + (hi - piece.text_start),
                )
            } else {
                (piece.source_start, piece.source_end)
            };
            pieces.push(Piece {
                text_start: text.len(),
                source_start,
                source_end,
                exact: piece.exact,
            });
            text.push_str(&old.text[lo..hi]);
        }
    };
    for edit in edits {
        copy_kept(
            TextRange::new(kept_from, edit.range.start),
            &mut text,
            &mut pieces,
        );
        if !edit.replacement.is_empty() {
            let source = old.source_range(edit.range);
            pieces.push(Piece {
                text_start: text.len(),
                source_start: source.start,
                source_end: source.end,
                exact: false,
            });
            text.push_str(edit.replacement);
        }
        kept_from = edit.range.end;
    }
    copy_kept(
        TextRange::new(kept_from, old.text.len()),
        &mut text,
        &mut pieces,
    );

    // How far the text moved before each edit, so that remapping an offset is a search.
    let mut shift_before = Vec::with_capacity(edits.len() + 1);
    let mut shift: isize = 0;
    shift_before.push(shift);
    for edit in edits {
        shift += edit.replacement.len() as isize - edit.range.len() as isize;
        shift_before.push(shift);
    }
    let remap = |offset: usize| -> usize {
        let before = edits.partition_point(|e| e.range.end <= offset);
        let shift = shift_before[before];
        match edits.get(before) {
            // Inside an edit: snap to the edit's start in the new text.
            Some(edit) if edit.range.start < offset => (edit.range.start as isize + shift) as usize,
            _ => (offset as isize + shift) as usize,
        }
    };
    let inline_scopes = old
        .inline_scopes
        .iter()
        .map(|(r, s)| (TextRange::new(remap(r.start), remap(r.end)), *s))
        .filter(|(r, _)| !r.is_empty())
        .collect();
    Segment {
        scope: old.scope,
        text,
        inline_scopes,
        pieces,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::mask::normalizing_edits;
    use std::ops::Range;

    /// The source bytes that a range of the segment's text maps to.
    fn mapped(s: &Segment, text: Range<usize>) -> Range<usize> {
        s.source_range(text.into()).range()
    }

    fn built(parts: &[(&str, Range<usize>, bool)]) -> Segment {
        let mut b = SegmentBuilder::new();
        for (text, range, exact) in parts {
            if *exact {
                b.push_exact(text, range.start);
            } else {
                b.push_atomic(text, range.clone().into());
            }
        }
        b.finish(Scope::Paragraph, normalizing_edits).unwrap()
    }

    #[test]
    fn exact_pieces_map_byte_for_byte() {
        // "AT&amp;T rocks": "AT" exact, "&" atomic over "&amp;", "T rocks" exact.
        let s = built(&[
            ("AT", 0..2, true),
            ("&", 2..7, false),
            ("T rocks", 7..14, true),
        ]);
        assert_eq!(s.text, "AT&T rocks");
        assert_eq!(mapped(&s, 0..4), 0..8);
        assert_eq!(mapped(&s, 2..3), 2..7);
        assert_eq!(mapped(&s, 5..10), 9..14);
    }

    #[test]
    fn white_space_runs_fold_to_one_space_mapped_to_the_run() {
        let s = built(&[
            ("Acme  ", 10..16, true),
            (" ", 16..17, false),
            ("Cloud", 18..23, true),
        ]);
        assert_eq!(s.text, "Acme Cloud");
        assert_eq!(mapped(&s, 0..10), 10..23);
        assert_eq!(mapped(&s, 4..5), 14..17);
    }

    #[test]
    fn leading_and_trailing_space_is_trimmed() {
        let s = built(&[("  hello world \n", 0..15, true)]);
        assert_eq!(s.text, "hello world");
        assert_eq!(mapped(&s, 0..5), 2..7);
    }

    #[test]
    fn inline_scopes_follow_the_edits() {
        let mut b = SegmentBuilder::new();
        b.push_exact("Click   ", 0);
        b.begin_inline(Scope::Link);
        b.push_exact("here", 9);
        b.end_inline();
        let s = b.finish(Scope::Paragraph, normalizing_edits).unwrap();
        assert_eq!(s.text, "Click here");
        assert_eq!(s.inline_scopes, vec![(TextRange::new(6, 10), Scope::Link)]);
        assert_eq!(s.scope_at(TextRange::new(6, 10)), Scope::Link);
        assert_eq!(s.scope_at(TextRange::new(0, 10)), Scope::Paragraph);
    }

    #[test]
    fn many_edits_over_many_pieces_map_every_word_and_link() {
        // "w0  [l0] w1  [l1] ...": each word exact, each link text in an inline scope and
        // two spaces after each, which fold to one.
        let mut b = SegmentBuilder::new();
        let mut source = String::new();
        for i in 0..300 {
            let word = format!("w{i}  ");
            b.push_exact(&word, source.len());
            source.push_str(&word);
            let link = format!("l{i}");
            b.begin_inline(Scope::Link);
            b.push_exact(&link, source.len());
            b.end_inline();
            source.push_str(&link);
            b.push_atomic(" ", SourceSpan::new(source.len(), source.len() + 2));
            source.push_str("\n ");
        }
        let s = b.finish(Scope::Paragraph, normalizing_edits).unwrap();
        assert_eq!(s.inline_scopes.len(), 300);
        for (i, (range, scope)) in s.inline_scopes.iter().enumerate() {
            assert_eq!(*scope, Scope::Link);
            assert_eq!(&s.text[range.range()], format!("l{i}"));
            assert_eq!(&source[s.source_range(*range).range()], format!("l{i}"));
        }
        for (at, _) in s.text.match_indices('w') {
            let end = at + s.text[at..].find(' ').unwrap();
            assert_eq!(&source[mapped(&s, at..end)], &s.text[at..end]);
        }
    }

    #[test]
    fn many_pieces_and_many_edits_map_as_few_do() {
        // "x &amp;  " over and over, with links: an atomic piece per entity, an edit per
        // white-space run, an inline scope per link. Rebuilding reads each piece once (a
        // scan of every piece per edit took half a minute here).
        let unit = "x &amp;  ";
        let count = 20_000;
        let mut b = SegmentBuilder::new();
        for i in 0..count {
            let at = i * unit.len();
            b.push_exact("x ", at);
            b.push_atomic("&", SourceSpan::new(at + 2, at + 7));
            if i % 2 == 0 {
                b.begin_inline(Scope::Link);
                b.push_exact("  ", at + 7);
                b.end_inline();
            } else {
                b.push_exact("  ", at + 7);
            }
        }
        let s = b.finish(Scope::Paragraph, normalizing_edits).unwrap();
        assert_eq!(s.text, "x & ".repeat(count).trim_end());
        let last = (count - 1) * unit.len();
        let text_at = (count - 1) * 4;
        assert_eq!(mapped(&s, text_at..text_at + 1), last..last + 1);
        assert_eq!(mapped(&s, text_at + 2..text_at + 3), last + 2..last + 7);
        assert_eq!(mapped(&s, 0..s.text.len()), 0..last + 7);
        assert_eq!(s.inline_scopes.len(), count / 2);
        assert_eq!(s.inline_scopes[0], (TextRange::new(3, 4), Scope::Link));
        assert_eq!(s.inline_scopes[1], (TextRange::new(11, 12), Scope::Link));
    }

    #[test]
    fn masked_only_segments_are_dropped() {
        let mut b = SegmentBuilder::new();
        b.push_mask(SourceSpan::new(0, 10));
        b.push_exact("  ", 10);
        assert!(b.finish(Scope::Paragraph, normalizing_edits).is_none());
    }
}
