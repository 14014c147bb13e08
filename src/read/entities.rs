//! HTML character references (`&amp;`, `&#8217;`, `&nbsp;`) decoded with their source
//! ranges kept: each reference becomes one atomic piece of the segment, and the text around
//! it stays exact. The entity table is htmlize's.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::document::SegmentBuilder;
use crate::model::SourceSpan;

/// A character reference: numeric, hexadecimal or named (the semicolon is optional, as the
/// HTML standard allows for legacy names).
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{0,31};?)")
        .expect("valid pattern")
});

/// Pushes the raw HTML text `source[range]` into `builder`, decoding character references.
pub fn push_html_text(builder: &mut SegmentBuilder, source: &str, range: Range<usize>) {
    let Some(raw) = source.get(range.clone()) else {
        return;
    };
    if !raw.contains('&') {
        builder.push_exact(raw, range.start);
        return;
    }
    let mut from = 0;
    for reference in REFERENCE.find_iter(raw) {
        let decoded = htmlize::unescape(reference.as_str());
        if decoded == reference.as_str() {
            continue; // "&" followed by something that is not a reference
        }
        builder.push_exact(&raw[from..reference.start()], range.start + from);
        builder.push_atomic(
            &decoded,
            SourceSpan::new(
                range.start + reference.start(),
                range.start + reference.end(),
            ),
        );
        from = reference.end();
    }
    builder.push_exact(&raw[from..], range.start + from);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Scope;

    #[test]
    fn references_decode_and_map_back_to_their_bytes() {
        let source = "<p>caf&eacute;&nbsp;Github&#8217;s AT&amp;T &copy 5 & co</p>";
        let mut builder = SegmentBuilder::new();
        push_html_text(&mut builder, source, 3..source.len() - 4);
        let segment = builder
            .finish(Scope::Paragraph, crate::read::mask::normalizing_edits)
            .unwrap();
        assert_eq!(segment.text, "café Github’s AT&T © 5 & co");
        let at = segment.text.find("Github").unwrap();
        assert_eq!(
            &source[segment.source_range((at..at + 6).into()).range()],
            "Github"
        );
        let apostrophe = segment.text.find('’').unwrap();
        assert_eq!(
            &source[segment
                .source_range((apostrophe..apostrophe + 3).into())
                .range()],
            "&#8217;"
        );
        let att = segment.text.find("AT&T").unwrap();
        assert_eq!(
            &source[segment.source_range((att..att + 4).into()).range()],
            "AT&amp;T"
        );
    }
}
