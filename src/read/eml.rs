//! RFC 5322 messages (`.eml`), parsed with mail-parser: the `Subject` header and every
//! `text/plain` and `text/html` part that is not an attachment, at any depth of multipart
//! nesting. Parts sent as they are (7bit, 8bit, binary) are read in place, so findings point
//! at the file's bytes; quoted-printable and base64 parts are decoded, read, and reported on
//! the part's first line. Nested messages (`message/rfc822`) are attachments: not read.

use std::ops::Range;

use mail_parser::parsers::MessageStream;
use mail_parser::{Encoding, HeaderName, MessageParser, MessagePart, MimeHeaders, PartType};

use super::plain;
use crate::document::{Document, Segment, SegmentBuilder};
use crate::model::{Scope, SourceSpan};

/// Reads an e-mail message; `read_html` reads the `text/html` parts. A leading byte order
/// mark is skipped; offsets stay file offsets. Input that is not a message gives what could
/// be read of it, possibly nothing.
pub fn read(source: &str, read_html: &dyn Fn(&str) -> Document) -> Document {
    let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let mut document = Document::default();
    let raw = &source.as_bytes()[bom..];
    // mail-parser never panics in release builds, but a few of its internal
    // `debug_assert!`s fire on malformed nesting; a message it cannot parse reads as nothing.
    let parsed = std::panic::catch_unwind(|| MessageParser::new().parse(raw));
    let Ok(Some(message)) = parsed else {
        return document;
    };
    let to_file = |offset: u32| bom + offset as usize;

    if let Some(root) = message.parts.first() {
        for header in root
            .headers
            .iter()
            .filter(|h| h.name == HeaderName::Subject)
        {
            let value = to_file(header.offset_start)..to_file(header.offset_end);
            document.segments.extend(subject(source, value));
        }
    }

    for part in &message.parts {
        let Some(kind) = text_kind(part) else {
            continue;
        };
        let (start, end) = (to_file(part.offset_body), to_file(part.offset_end));
        if start > end || end > source.len() {
            continue;
        }
        let body = start..end;
        let read_kind = |text: &str| match kind {
            TextKind::Plain => plain::read(text),
            TextKind::Html => read_html(text),
        };
        let part_document = match part.encoding {
            Encoding::None => {
                let Some(raw) = source.get(body.clone()) else {
                    continue;
                };
                let mut read = read_kind(raw);
                read.shift(body.start);
                read
            }
            Encoding::QuotedPrintable | Encoding::Base64 => {
                let Some(decoded) = part.text_contents() else {
                    continue;
                };
                let mut read = read_kind(decoded);
                read.collapse(first_line(source, body));
                read
            }
        };
        document.segments.extend(part_document.segments);
        document.directives.extend(part_document.directives);
        document.visuals.extend(part_document.visuals);
    }
    document
}

/// The two kinds of part that hold prose.
#[derive(Clone, Copy)]
enum TextKind {
    Plain,
    Html,
}

/// Whether a part is prose to read: `text/plain` (also a part without a `Content-Type`) or
/// `text/html`, not an attachment, and not a multipart container or a nested message.
fn text_kind(part: &MessagePart<'_>) -> Option<TextKind> {
    if !matches!(part.body, PartType::Text(_) | PartType::Html(_)) {
        return None;
    }
    let disposition = part.content_disposition();
    if disposition.is_some_and(|d| d.is_attachment()) {
        return None;
    }
    let Some(content_type) = part.content_type() else {
        return Some(TextKind::Plain);
    };
    // A named part without a disposition is a file sent without saying so.
    if disposition.is_none() && content_type.has_attribute("name") {
        return None;
    }
    if !content_type.ctype().eq_ignore_ascii_case("text") {
        return None;
    }
    match content_type.subtype() {
        Some(s) if s.eq_ignore_ascii_case("plain") => Some(TextKind::Plain),
        Some(s) if s.eq_ignore_ascii_case("html") => Some(TextKind::Html),
        _ => None,
    }
}

/// The longest encoded word decoded, generously above the standard's 75 bytes.
const MAX_ENCODED_WORD: usize = 1024;

/// The subject from the raw header value at `value` (after the colon, through the line
/// break): plain text maps byte for byte, each RFC 2047 encoded word as a whole.
fn subject(source: &str, value: Range<usize>) -> Option<Segment> {
    let raw = source.get(value.clone())?;
    let mut builder = SegmentBuilder::new();
    // The start of raw text not yet pushed, and where the last encoded word ended.
    let mut plain_from = 0;
    let mut last_encoded_end = None;
    let mut search_from = 0;
    while let Some(found) = raw.get(search_from..).and_then(|r| r.find("=?")) {
        let at = search_from + found;
        // An encoded word is at most 75 bytes (RFC 2047); a bound keeps the scan linear.
        let word_end = raw.len().min(at + 1 + MAX_ENCODED_WORD);
        let mut stream = MessageStream::new(&raw.as_bytes()[at + 1..word_end]);
        let decoded = stream.decode_rfc2047();
        let end = at + 1 + stream.offset();
        match decoded {
            Some(decoded) if end > at && raw.is_char_boundary(end) => {
                let between = &raw[plain_from..at];
                // White space between two encoded words is not part of the text (RFC 2047).
                let joins_words = last_encoded_end == Some(plain_from) && between.trim().is_empty();
                if !joins_words {
                    builder.push_exact(between, value.start + plain_from);
                }
                builder.push_atomic(
                    &decoded,
                    SourceSpan::new(value.start + at, value.start + end),
                );
                plain_from = end;
                last_encoded_end = Some(end);
                search_from = end;
            }
            _ => search_from = at + 2,
        }
    }
    builder.push_exact(&raw[plain_from..], value.start + plain_from);
    builder.finish(Scope::Subject, crate::read::mask::normalizing_edits)
}

/// The first non-blank line of a part's body, without its line break: where findings in a
/// decoded part are reported.
fn first_line(source: &str, body: Range<usize>) -> SourceSpan {
    let mut offset = body.start;
    for line in source[body.clone()].split_inclusive('\n') {
        let content = line.trim_end_matches(['\r', '\n']);
        if !content.trim().is_empty() {
            return SourceSpan::new(offset, offset + content.len());
        }
        offset += line.len();
    }
    SourceSpan::at(body.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_with_plain(source: &str) -> Document {
        read(source, &|html: &str| plain::read(html))
    }

    /// Each segment as (scope, text, the source bytes it spans).
    fn segments(source: &str) -> Vec<(Scope, String, String)> {
        read_with_plain(source).outline(source)
    }

    /// The source bytes a phrase of the only segment holding it maps to.
    fn source_of<'s>(source: &'s str, document: &Document, phrase: &str) -> &'s str {
        let (segment, at) = document
            .segments
            .iter()
            .find_map(|s| s.text.find(phrase).map(|at| (s, at)))
            .unwrap_or_else(|| panic!("{phrase:?} not read"));
        &source[segment.source_range((at..at + phrase.len()).into()).range()]
    }

    const SIMPLE: &str = "From: Acme <hello@acme.example>\r\n\
        To: you@example.com\r\n\
        Subject: Welcome to Acme cloud\r\n\
        Content-Type: text/plain; charset=utf-8\r\n\
        \r\n\
        Hi {{ first_name }},\r\n\
        \r\n\
        Sign in with\r\n\
        Github today.\r\n";

    #[test]
    fn subject_and_plain_body_map_to_exact_bytes() {
        assert_eq!(
            segments(SIMPLE),
            [
                (
                    Scope::Subject,
                    "Welcome to Acme cloud".into(),
                    "Welcome to Acme cloud".into()
                ),
                (
                    Scope::Paragraph,
                    "Hi \u{FFFC},".into(),
                    "Hi {{ first_name }},".into()
                ),
                (
                    Scope::Paragraph,
                    "Sign in with Github today.".into(),
                    "Sign in with\r\nGithub today.".into()
                ),
            ]
        );
        let document = read_with_plain(SIMPLE);
        let body = &document.segments[2];
        let at = body.text.find("Github").unwrap();
        let span = body.source_range((at..at + 6).into());
        assert_eq!(span.start, SIMPLE.find("Github").unwrap());
        assert_eq!(&SIMPLE[span.range()], "Github");
        let cloud = &document.segments[0];
        let span = cloud.source_range((11..21).into());
        assert_eq!(span.start, SIMPLE.find("Acme cloud").unwrap());
    }

    #[test]
    fn a_folded_subject_reads_as_one_line() {
        let source = "Subject: Your Acme\r\n cloud invoice\r\n\r\nBody\r\n";
        assert_eq!(
            segments(source)[0],
            (
                Scope::Subject,
                "Your Acme cloud invoice".into(),
                "Your Acme\r\n cloud invoice".into()
            )
        );
    }

    #[test]
    fn an_encoded_subject_maps_to_its_encoded_words() {
        // "Welcome to Acme cloud" in base64, split over two encoded words.
        let source = "Subject: =?UTF-8?B?V2VsY29tZSB0byA=?=\n =?UTF-8?Q?Acme_cloud?=\n\nBody\n";
        let document = read_with_plain(source);
        let subject = &document.segments[0];
        assert_eq!(subject.scope, Scope::Subject);
        assert_eq!(subject.text, "Welcome to Acme cloud");
        assert_eq!(
            source_of(source, &document, "Acme cloud"),
            "=?UTF-8?Q?Acme_cloud?="
        );
        assert_eq!(
            source_of(source, &document, "Welcome to Acme"),
            "=?UTF-8?B?V2VsY29tZSB0byA=?=\n =?UTF-8?Q?Acme_cloud?="
        );
    }

    #[test]
    fn plain_text_around_an_encoded_word_stays_exact() {
        let source = "Subject: =?utf-8?q?=F0=9F=9A=80?= Try Acme cloud\n\nBody\n";
        let document = read_with_plain(source);
        assert_eq!(document.segments[0].text, "🚀 Try Acme cloud");
        let span = document.segments[0].source_range((5..19).into());
        assert_eq!(&source[span.range()], "Try Acme cloud");
        assert_eq!(span.start, source.find("Try").unwrap());
        assert_eq!(
            source_of(source, &document, "🚀"),
            "=?utf-8?q?=F0=9F=9A=80?="
        );
    }

    #[test]
    fn a_subject_with_a_literal_question_mark_equals_is_plain() {
        let source = "Subject: Is 2+2=? Ask Acme =?\n\nBody\n";
        assert_eq!(
            segments(source)[0],
            (
                Scope::Subject,
                "Is 2+2=? Ask Acme =?".into(),
                "Is 2+2=? Ask Acme =?".into()
            )
        );
    }

    const ALTERNATIVE: &str = "Subject: Hello\n\
        MIME-Version: 1.0\n\
        Content-Type: multipart/mixed; boundary=\"outer\"\n\
        \n\
        This is a multi-part message in MIME format.\n\
        \n\
        --outer\n\
        Content-Type: multipart/alternative; boundary=\"inner\"\n\
        \n\
        --inner\n\
        Content-Type: text/plain; charset=us-ascii\n\
        Content-Transfer-Encoding: 7bit\n\
        \n\
        Plain words about Github.\n\
        \n\
        --inner\n\
        Content-Type: text/html; charset=utf-8\n\
        Content-Transfer-Encoding: base64\n\
        \n\
        PHA+SHRtbCB3b3JkcyBhYm91dCBBY21lIGNsb3VkLgo=\n\
        PHA+U2Vjb25kIGxpbmUuCg==\n\
        \n\
        --inner--\n\
        \n\
        --outer\n\
        Content-Type: text/plain; name=\"notes.txt\"\n\
        Content-Disposition: attachment; filename=\"notes.txt\"\n\
        \n\
        Attached words about Wordpress.\n\
        --outer\n\
        Content-Type: image/png\n\
        Content-Transfer-Encoding: base64\n\
        \n\
        iVBORw0KGgo=\n\
        --outer--\n";

    #[test]
    fn nested_parts_are_read_and_attachments_skipped() {
        let document = read_with_plain(ALTERNATIVE);
        let texts: Vec<_> = document.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Hello",
                "Plain words about Github.",
                "<p>Html words about Acme cloud. <p>Second line."
            ]
        );
        assert_eq!(
            source_of(ALTERNATIVE, &document, "Github"),
            "Github",
            "an unencoded part maps byte for byte"
        );
        let github = ALTERNATIVE.find("Github").unwrap();
        let segment = &document.segments[1];
        assert_eq!(
            segment.source_range((18..24).into()).range(),
            github..github + 6
        );
    }

    #[test]
    fn a_base64_part_is_collapsed_onto_its_first_line() {
        let document = read_with_plain(ALTERNATIVE);
        let first_line = "PHA+SHRtbCB3b3JkcyBhYm91dCBBY21lIGNsb3VkLgo=";
        assert_eq!(source_of(ALTERNATIVE, &document, "Acme cloud"), first_line);
        assert_eq!(source_of(ALTERNATIVE, &document, "Second line"), first_line);
    }

    #[test]
    fn a_quoted_printable_part_is_decoded_and_collapsed() {
        let source = "Subject: Hi\r\n\
            Content-Type: text/html; charset=utf-8\r\n\
            Content-Transfer-Encoding: quoted-printable\r\n\
            \r\n\
            <p>Caf=C3=A9 news: sign in with Git=\r\n\
            hub.\r\n";
        let document = read_with_plain(source);
        assert_eq!(
            document.segments[1].text,
            "<p>Café news: sign in with Github."
        );
        assert_eq!(
            source_of(source, &document, "Github"),
            "<p>Caf=C3=A9 news: sign in with Git="
        );
    }

    #[test]
    fn html_parts_go_to_the_html_reader_and_directives_are_kept() {
        let source = "Subject: Hi\n\
            Content-Type: text/html\n\
            \n\
            <p>Body\n";
        let read_html = |html: &str| {
            let mut document = plain::read(&html.to_uppercase());
            document.directives.push(crate::document::Directive {
                span: SourceSpan::new(0, 3),
                action: crate::document::DirectiveAction::Disable,
                rules: String::new(),
            });
            document
        };
        let document = read(source, &read_html);
        assert_eq!(document.segments[1].text, "<P>BODY");
        let body = source.find("<p>").unwrap();
        assert_eq!(document.directives[0].span, SourceSpan::new(body, body + 3));
    }

    #[test]
    fn a_message_without_content_type_is_plain_text() {
        let source = "Subject: Note\n\nJust text about Acme cloud.\n";
        assert_eq!(
            source_of(source, &read_with_plain(source), "Acme cloud"),
            "Acme cloud"
        );
    }

    #[test]
    fn a_byte_order_mark_is_skipped_and_offsets_stay_file_offsets() {
        let source = "\u{feff}Subject: Acme cloud\n\nGithub\n";
        assert_eq!(
            segments(source),
            [
                (Scope::Subject, "Acme cloud".into(), "Acme cloud".into()),
                (Scope::Paragraph, "Github".into(), "Github".into())
            ]
        );
    }

    #[test]
    fn other_text_types_and_nested_messages_are_skipped() {
        let source = "Subject: S\n\
            Content-Type: multipart/mixed; boundary=b\n\
            \n\
            --b\n\
            Content-Type: text/calendar\n\
            \n\
            BEGIN:VCALENDAR\n\
            --b\n\
            Content-Type: message/rfc822\n\
            \n\
            Subject: Forwarded\n\
            \n\
            Forwarded body\n\
            --b--\n";
        let texts: Vec<_> = read_with_plain(source)
            .segments
            .into_iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(texts, ["S"]);
    }

    #[test]
    fn truncated_and_malformed_messages_read_what_they_can() {
        // The closing boundary is missing: the last part runs to the end of the file.
        let source = "Subject: Cut\n\
            Content-Type: multipart/alternative; boundary=x\n\
            \n\
            --x\n\
            Content-Type: text/plain\n\
            \n\
            First part about Github.\n\
            --x\n\
            Content-Type: text/plain\n\
            \n\
            Cut off in the mid";
        let document = read_with_plain(source);
        assert_eq!(source_of(source, &document, "Github"), "Github");
        assert_eq!(source_of(source, &document, "Cut off"), "Cut off");

        // A multipart type without a boundary.
        let source = "Subject: B\nContent-Type: multipart/mixed\n\n--x\n\nText\n";
        let texts: Vec<_> = read_with_plain(source)
            .segments
            .into_iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(texts, ["B"]);
    }

    #[test]
    fn garbage_never_panics() {
        let samples = [
            "",
            "\u{feff}",
            "\n",
            "\r\n\r\n",
            ":",
            "Subject:",
            "Subject: =?",
            "Subject: =?UTF-8?B?",
            "Subject: =?UTF-8?Q?a?=",
            "Subject: =?x?B?!!!?= =?utf-8?q?=ZZ?=\n\n",
            "not an email at all, just words",
            "Content-Type: multipart/mixed; boundary=\"\"\n\n--\n--\n",
            "Content-Type: multipart/mixed; boundary=a\n\n--a\n--a\n--a--",
            "Content-Type: multipart/mixed; boundary=a\n\n--a",
            "Content-Type: multipart/mixed; boundary=a\n\n--a\nContent-Type: multipart/mixed; boundary=a\n\n--a\n",
            "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n@@@@\n",
            "Content-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n=\n=Z",
            "Content-Type: message/rfc822\n\nContent-Type: message/rfc822\n\n",
            "\u{0}\u{1}\u{7f}é漢字: 🚀\n\n🚀",
            // Trips a debug assertion in mail-parser 0.11.
            "Subject: S\nContent-Type: multipart/mixd; boundary=b\n\n--b\n\
             Content-Type: text/calendar\n\nBEGIN:VCALENDAR\n--b; boundary=b\n\n--b\n\
             Content-Type: text/calendar\n\nBEGIN:VCALENDAR\n--b\n\
             Content-Type: message/rfc822\n\nSubject: Forwarde\n\
             Content-Type: message/rfc822\n\nSubject: Forwarded\n\nForwarded body\n--b--\n",
        ];
        for sample in samples {
            let document = read_with_plain(sample);
            for segment in &document.segments {
                let span = segment.source_range((0..segment.text.len()).into());
                assert!(sample.get(span.range()).is_some(), "{sample:?}");
            }
        }
        let deep = format!(
            "{}{}",
            (0..2_000)
                .map(|i| format!("Content-Type: multipart/mixed; boundary=b{i}\n\n--b{i}\n"))
                .collect::<String>(),
            "\nText\n"
        );
        read_with_plain(&deep);
    }
}
