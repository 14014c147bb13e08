//! Aligning a decoded text value of the MDX syntax tree with the source bytes it was read
//! from. The tree's text has entities and escapes decoded and the markers of block quotes and
//! list items left out at line starts; its position covers the whole run as written. Walking
//! the value and the source together gives the runs that are the file's own bytes (exact),
//! the references and escapes that stand for one decoded piece, and the line endings.

use std::ops::Range;

/// A stretch of a decoded value and the source bytes it stands for.
#[derive(Debug, PartialEq, Eq)]
pub enum Run<'v> {
    /// Source bytes that are the value's text verbatim.
    Exact(Range<usize>),
    /// Text written otherwise in the source (an entity, an escape), mapped as a whole.
    Decoded(&'v str, Range<usize>),
    /// A line ending, with the white space before it and the line prefix after it.
    Break(Range<usize>),
}

/// Splits `value`, read from `source[range]`, into runs in order. Where the two cannot be
/// told apart any more, the rest of the value maps as a whole to the rest of the range, so
/// every position stays inside the range.
pub fn align<'v>(value: &'v str, source: &str, range: Range<usize>, mut emit: impl FnMut(Run<'v>)) {
    let Some(raw) = source.get(range.clone()) else {
        emit(Run::Decoded(value, range.start..range.start));
        return;
    };
    let at = |r: usize| range.start + r;
    let (mut v, mut r) = (0, 0);
    let mut exact_from: Option<usize> = None;
    let flush = |exact_from: &mut Option<usize>, r: usize, emit: &mut dyn FnMut(Run<'v>)| {
        if let Some(from) = exact_from.take() {
            if from < r {
                emit(Run::Exact(at(from)..at(r)));
            }
        }
    };
    while let Some(c) = value[v..].chars().next() {
        let raw_rest = &raw[r..];
        if c == '\n' || (c == '\r' && value[v..].starts_with("\r\n")) {
            flush(&mut exact_from, r, &mut emit);
            if let Some(end) = line_break(raw, r, value[v..].trim_start_matches(['\r', '\n'])) {
                v += if c == '\r' { 2 } else { 1 };
                emit(Run::Break(at(r)..at(end)));
                r = end;
                continue;
            }
        } else if let Some((raw_len, value_len)) = escape(raw_rest, &value[v..]) {
            flush(&mut exact_from, r, &mut emit);
            emit(Run::Decoded(
                &value[v..v + value_len],
                at(r)..at(r + raw_len),
            ));
            v += value_len;
            r += raw_len;
            continue;
        } else if raw_rest.starts_with(c) {
            exact_from.get_or_insert(r);
            v += c.len_utf8();
            r += c.len_utf8();
            continue;
        }
        flush(&mut exact_from, r, &mut emit);
        emit(Run::Decoded(&value[v..], at(r)..range.end));
        return;
    }
    flush(&mut exact_from, r, &mut emit);
}

/// Where the line ending at `raw[r..]` (after any blanks) ends, with the next line's
/// indentation and block quote markers, up to the value's next character `next`.
fn line_break(raw: &str, r: usize, next: &str) -> Option<usize> {
    let bytes = raw.as_bytes();
    let mut end = r;
    while matches!(bytes.get(end), Some(b' ' | b'\t')) {
        end += 1;
    }
    end += match (bytes.get(end), bytes.get(end + 1)) {
        (Some(b'\r'), Some(b'\n')) => 2,
        (Some(b'\n' | b'\r'), _) => 1,
        _ => return None,
    };
    let next = next.as_bytes().first();
    while let Some(b) = bytes.get(end) {
        if matches!(b, b' ' | b'\t' | b'>') && next != Some(b) {
            end += 1;
        } else {
            break;
        }
    }
    Some(end)
}

/// A backslash escape or a character reference at the start of `raw` that decodes to the
/// start of `value`: (its length in the source, its length in the value).
fn escape(raw: &str, value: &str) -> Option<(usize, usize)> {
    match raw.as_bytes().first()? {
        b'\\' => {
            let c = *raw.as_bytes().get(1)?;
            (c.is_ascii_punctuation() && value.as_bytes().first() == Some(&c)).then_some((2, 1))
        }
        b'&' => {
            let semicolon = raw.get(..raw.len().min(40))?.find(';')?;
            let reference = &raw[..=semicolon];
            let decoded = htmlize::unescape(reference);
            (decoded != reference && value.starts_with(&*decoded))
                .then(|| (reference.len(), decoded.len()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs<'v>(value: &'v str, source: &str) -> Vec<Run<'v>> {
        let mut found = Vec::new();
        align(value, source, 0..source.len(), |run| found.push(run));
        found
    }

    #[test]
    fn references_and_escapes_are_decoded_pieces_and_the_rest_is_exact() {
        assert_eq!(
            runs("AT&T *x* Github", "AT&amp;T \\*x\\* Github"),
            [
                Run::Exact(0..2),
                Run::Decoded("&", 2..7),
                Run::Exact(7..9),
                Run::Decoded("*", 9..11),
                Run::Exact(11..12),
                Run::Decoded("*", 12..14),
                Run::Exact(14..21),
            ]
        );
    }

    #[test]
    fn line_endings_take_the_next_lines_markers() {
        assert_eq!(
            runs("quote a\nb", "quote a  \r\n> >  b"),
            [Run::Exact(0..7), Run::Break(7..16), Run::Exact(16..17)]
        );
    }

    #[test]
    fn text_that_does_not_line_up_maps_as_a_whole() {
        assert_eq!(
            runs("ab", "a*b"),
            [Run::Exact(0..1), Run::Decoded("b", 1..3)]
        );
        assert_eq!(runs("ab", "a"), [Run::Exact(0..1), Run::Decoded("b", 1..1)]);
    }
}
