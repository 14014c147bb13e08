//! Plain-text emails (`.txt` templates, `text/plain` parts of `.eml` messages): every run of
//! non-blank lines is one paragraph, read byte for byte. Template tags are found in the whole
//! text first and each read as one neutral word, so a tag that holds blank lines (a comment
//! block, an AMPscript block) is one word of its paragraph, never prose; URLs and addresses
//! are masked by the segment builder; `{{!-- brandlint-* --}}` and `{# brandlint-* #}`
//! template comments become directives.

use std::ops::Range;

use super::mask::template_tags;
use crate::document::{Document, SegmentBuilder};
use crate::model::{Scope, SourceSpan};
use crate::read::directives::template_comment_directives;

/// Reads plain text (a leading byte order mark is skipped; offsets stay file offsets).
pub fn read(source: &str) -> Document {
    let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let tags = template_tags(source);
    let inside_a_tag = |offset: usize| {
        let before = tags.partition_point(|tag| tag.start < offset);
        before > 0 && offset < tags[before - 1].end
    };
    let mut document = Document::default();
    let mut paragraph: Option<Range<usize>> = None;
    let mut offset = bom;
    for line in source[bom..].split_inclusive('\n') {
        let range = offset..offset + line.len();
        offset = range.end;
        if line.trim().is_empty() && !inside_a_tag(range.start) {
            flush(source, paragraph.take(), &tags, &mut document);
        } else {
            let start = paragraph.map_or(range.start, |p| p.start);
            paragraph = Some(start..range.end);
        }
    }
    flush(source, paragraph, &tags, &mut document);
    document.directives = template_comment_directives(source, &tags);
    document
}

/// Adds a paragraph's source range as one segment, each template tag in it as one neutral
/// word; the builder folds its line breaks.
fn flush(
    source: &str,
    paragraph: Option<Range<usize>>,
    tags: &[Range<usize>],
    document: &mut Document,
) {
    let Some(range) = paragraph else {
        return;
    };
    let mut builder = SegmentBuilder::new();
    let mut at = range.start;
    let first = tags.partition_point(|tag| tag.end <= range.start);
    for tag in tags[first..].iter().take_while(|tag| tag.start < range.end) {
        // A paragraph never starts or ends inside a tag; clamped all the same.
        let tag = SourceSpan::new(tag.start.max(at), tag.end.min(range.end));
        builder.push_exact(&source[at..tag.start], at);
        builder.push_mask(tag);
        at = tag.end;
    }
    builder.push_exact(&source[at..range.end], at);
    document
        .segments
        .extend(builder.finish(Scope::Paragraph, crate::read::mask::normalizing_edits));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DirectiveAction;

    /// Each segment as (text, the source bytes it spans).
    fn segments(source: &str) -> Vec<(String, String)> {
        read(source)
            .outline(source)
            .into_iter()
            .map(|(scope, text, bytes)| {
                assert_eq!(scope, Scope::Paragraph);
                (text, bytes)
            })
            .collect()
    }

    #[test]
    fn runs_of_non_blank_lines_are_paragraphs() {
        let source = "Hi there,\n\nYour invoice is\nready to view.\n  \t\nThanks,\nthe team\n";
        assert_eq!(
            segments(source),
            [
                ("Hi there,".into(), "Hi there,".into()),
                (
                    "Your invoice is ready to view.".into(),
                    "Your invoice is\nready to view.".into()
                ),
                ("Thanks, the team".into(), "Thanks,\nthe team".into()),
            ]
        );
    }

    #[test]
    fn words_map_to_their_exact_bytes() {
        let source = "\r\n\r\nSign in to\r\nAcme cloud today.\r\n";
        let document = read(source);
        let segment = &document.segments[0];
        assert_eq!(segment.text, "Sign in to Acme cloud today.");
        let at = segment.text.find("Acme cloud").unwrap();
        let span = segment.source_range((at..at + "Acme cloud".len()).into());
        assert_eq!(&source[span.range()], "Acme cloud");
        assert_eq!(span.range(), 16..26);
        // The folded CRLF maps to the line break it replaced.
        let space = segment.text.find(" Acme").unwrap();
        assert_eq!(
            &source[segment.source_range((space..space + 1).into()).range()],
            "\r\n"
        );
    }

    #[test]
    fn a_byte_order_mark_is_skipped_and_offsets_stay_file_offsets() {
        let source = "\u{feff}Hello Github\n";
        let document = read(source);
        let segment = &document.segments[0];
        assert_eq!(segment.text, "Hello Github");
        assert_eq!(segment.source_range((6..12).into()).range(), 9..15);
        assert_eq!(&source[9..15], "Github");
    }

    #[test]
    fn signature_separators_are_ordinary_text() {
        assert_eq!(
            segments("Thanks\n\n-- \nThe Acme team\n"),
            [
                ("Thanks".into(), "Thanks".into()),
                ("-- The Acme team".into(), "-- \nThe Acme team".into()),
            ]
        );
    }

    #[test]
    fn mustache_sections_and_urls_are_masked() {
        let source = "{{#trial}}\nYour trial ends {{ trial_end }}.\n{{/trial}}\n\n\
                      Sign in: https://acme.example/sign-in?next=/billing\n\n{{#footer}}\n{{/footer}}\n";
        assert_eq!(
            segments(source),
            [
                (
                    "\u{FFFC} Your trial ends \u{FFFC}. \u{FFFC}".into(),
                    "{{#trial}}\nYour trial ends {{ trial_end }}.\n{{/trial}}".into()
                ),
                (
                    "Sign in: \u{FFFC}".into(),
                    "Sign in: https://acme.example/sign-in?next=/billing".into()
                ),
            ]
        );
    }

    #[test]
    fn tags_that_hold_blank_lines_are_one_word_never_prose() {
        let source = "Hi,\n\n{{!--\n\nGithub is old copy\n\n--}}\n\n%%[\nSET @a = 1\n\n\
                      /* Github */\n]%% Thanks, Acme\n\n{% comment %}\n\nGithub\n{% endcomment %}\n";
        assert_eq!(
            segments(source),
            [
                ("Hi,".into(), "Hi,".into()),
                (
                    "\u{FFFC} Thanks, Acme".into(),
                    "%%[\nSET @a = 1\n\n/* Github */\n]%% Thanks, Acme".into()
                ),
            ]
        );
    }

    #[test]
    fn template_comments_are_directives() {
        let source =
            "{{!-- brandlint-disable-next-line term --}}\nGithub\n\n{# brandlint-enable #}\n";
        let directives = read(source).directives;
        assert_eq!(directives.len(), 2);
        assert_eq!(directives[0].action, DirectiveAction::DisableNextLine);
        assert_eq!(directives[0].rules, "term");
        assert_eq!(
            &source[directives[0].span.range()],
            "{{!-- brandlint-disable-next-line term --}}"
        );
        assert_eq!(directives[1].action, DirectiveAction::Enable);
    }

    #[test]
    fn empty_and_blank_input_has_no_segments() {
        assert!(read("").segments.is_empty());
        assert!(read("\u{feff}").segments.is_empty());
        assert!(read("\n \r\n\t\n").segments.is_empty());
        assert_eq!(
            segments("no newline at end"),
            [("no newline at end".into(), "no newline at end".into())]
        );
    }
}
