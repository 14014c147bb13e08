//! Readers: one per format, each turning a file's text into a [`Document`] of scoped prose
//! segments mapped to exact source bytes. Readers know formats; checks never do. A file's
//! channel (which rules apply) and its syntax (how it is read) are decided together here.

pub mod code;
pub mod css;
pub mod directives;
pub mod eml;
pub mod entities;
pub mod frontmatter;
pub mod html;
pub mod markdown;
pub mod mask;
pub mod mdx;
pub mod plain;

use std::path::Path;

use crate::document::Document;
use crate::model::Channel;

/// How a file's text is written, which decides its reader: its syntax (named apart from
/// the output formats, `crate::report::Format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// Markdown with optional front matter.
    Markdown,
    /// MDX: Markdown with JSX, expressions and `import`/`export` blocks.
    Mdx,
    /// HTML, or a template that is HTML with template tags (MJML included).
    Html,
    /// An RFC 5322 message (`.eml`).
    Eml,
    /// Plain text.
    PlainText,
}

/// What a file is: the channel its content belongs to (which decides the rules that apply)
/// and the syntax it is written in (which decides its reader).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileType {
    /// Markdown post, HTML page or email.
    pub channel: Channel,
    /// How its text is written.
    pub syntax: Syntax,
}

impl FileType {
    /// A Markdown post.
    pub const MARKDOWN: FileType = FileType::new(Channel::Markdown, Syntax::Markdown);
    /// An MDX post: the Markdown channel, read as MDX.
    pub const MDX: FileType = FileType::new(Channel::Markdown, Syntax::Mdx);
    /// An HTML page.
    pub const HTML: FileType = FileType::new(Channel::Html, Syntax::Html);
    /// An HTML email template.
    pub const HTML_EMAIL: FileType = FileType::new(Channel::Email, Syntax::Html);

    /// A file of this channel, written in this syntax.
    pub const fn new(channel: Channel, syntax: Syntax) -> FileType {
        FileType { channel, syntax }
    }
}

/// What reading needs to know of the rules, compiled with them: which HTML regions are not
/// content, and whether the visual facts are gathered.
#[derive(Debug, Default)]
pub struct ReadOptions {
    /// `[files] ignore_selectors`: HTML and email regions that are not content.
    pub ignore_selectors: Vec<html::Selector>,
    /// Whether colors, fonts and images are gathered (only the visual checks read them).
    pub visuals: bool,
}

/// The channel and syntax of a file: from its extension (SPEC §2), and `[files] email`
/// globs (`is_email`: they match the file), which make any file an email (read as HTML
/// unless it is Markdown, plain text or a message). `None` for a file of no known channel.
pub fn detect(path: &Path, is_email: bool) -> Option<FileType> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let format = match extension.as_str() {
        "md" | "markdown" => Some(Syntax::Markdown),
        "mdx" => Some(Syntax::Mdx),
        "html" | "htm" | "mjml" | "hbs" | "handlebars" | "liquid" => Some(Syntax::Html),
        "eml" => Some(Syntax::Eml),
        "txt" | "text" => Some(Syntax::PlainText),
        _ => None,
    };
    if is_email {
        return Some(FileType::new(
            Channel::Email,
            format.unwrap_or(Syntax::Html),
        ));
    }
    match (extension.as_str(), format?) {
        ("mjml" | "hbs" | "handlebars" | "liquid" | "eml", format) => {
            Some(FileType::new(Channel::Email, format))
        }
        (_, Syntax::Markdown) => Some(FileType::MARKDOWN),
        (_, Syntax::Mdx) => Some(FileType::MDX),
        (_, Syntax::Html) => Some(FileType::HTML),
        // Plain text is content only where [files] email says it is an email.
        (_, Syntax::PlainText | Syntax::Eml) => None,
    }
}

/// Reads a file's text.
pub fn read(channel: Channel, format: Syntax, source: &str, options: &ReadOptions) -> Document {
    let html = html::HtmlOptions {
        email: channel == Channel::Email,
        ignore_selectors: &options.ignore_selectors,
        without_visuals: !options.visuals,
    };
    match format {
        Syntax::Markdown => markdown::read(source, options.visuals),
        Syntax::Mdx => mdx::read(source, options.visuals),
        Syntax::Html => html::read(source, &html),
        Syntax::PlainText => plain::read(source),
        Syntax::Eml => eml::read(source, &|part| html::read(part, &html)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Segment;
    use crate::testing::random_texts;

    /// Pieces of every syntax the readers know, to assemble hostile documents from.
    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<li>",
        "<td>",
        "<a href='x'>",
        "</a>",
        "<b>",
        "</b>",
        "<br>",
        "<img alt='A",
        "'>",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "&amp;",
        "&#8217;",
        "&",
        "&#x",
        "{{",
        "}}",
        "{%",
        "%}",
        "*|",
        "|*",
        "<%",
        "%>",
        "Github",
        "Acme Cloud",
        " ",
        "\n",
        "\r\n",
        "é",
        "🦀",
        "`",
        "```\n",
        "*",
        "_",
        "[",
        "](",
        ")",
        "---\n",
        "+++\n",
        "title: \"x\\\"",
        "> ",
        "- ",
        "| a |",
        "\\",
        "\"",
        "<mj-text>",
        "https://x.io/a",
        "@me",
        "\u{feff}",
        "#",
        "::",
        "<p style='color: #f50; font: 12px/1 \"A B\", serif",
        "<style>a{background:url(x) rgb(1 2 3)}@media x{b{color:red",
        "</style>",
        "<font color=#abc face='X, Y'>",
        "<img src=logo.png>",
        "<mj-image src=a.png />",
        "![",
        "&quot;",
        "/*",
        "*/",
        ";",
        "}",
    ];

    fn assert_maps_inside(segment: &Segment, source: &str) {
        let boundaries: Vec<usize> = segment
            .text
            .char_indices()
            .map(|(i, _)| i)
            .chain([segment.text.len()])
            .collect();
        for (k, &start) in boundaries.iter().enumerate() {
            for &end in &boundaries[k..boundaries.len().min(k + 4)] {
                let span = segment.source_range((start..end).into());
                assert!(
                    span.start <= span.end && span.end <= source.len(),
                    "{span:?} in {source:?}"
                );
                assert!(
                    source.is_char_boundary(span.start) && source.is_char_boundary(span.end),
                    "{span:?} splits a character of {source:?}"
                );
            }
        }
    }

    #[test]
    fn hostile_documents_never_panic_and_map_inside_the_input() {
        // The Acme pack: terms, phrases, voice and visual checks all run.
        let pack = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/examples/acme.toml");
        let rules = crate::check::load_rules(&pack).unwrap();
        for source in random_texts(PIECES, 40, 1500, 0x9E37_79B9_7F4A_7C15) {
            for (channel, format) in [
                (Channel::Markdown, Syntax::Markdown),
                (Channel::Markdown, Syntax::Mdx),
                (Channel::Html, Syntax::Html),
                (Channel::Email, Syntax::Html),
                (Channel::Email, Syntax::PlainText),
                (Channel::Email, Syntax::Eml),
            ] {
                let document = read(channel, format, &source, &rules.read);
                for segment in &document.segments {
                    assert_maps_inside(segment, &source);
                }
                let visuals = &document.visuals;
                let spans = (visuals.colors.iter().map(|c| &c.span))
                    .chain(visuals.font_lists.iter().flatten().map(|f| &f.span))
                    .chain(visuals.images.iter().map(|i| &i.span))
                    .chain(
                        visuals
                            .images
                            .iter()
                            .filter_map(|i| i.alt.as_ref().map(|a| &a.span)),
                    );
                for span in spans {
                    assert!(
                        source.get(span.range()).is_some(),
                        "visual fact at {span:?} in {source:?}"
                    );
                }
                let findings = crate::check::check_document(
                    &rules,
                    &document,
                    &source,
                    channel,
                    Path::new("x"),
                );
                for finding in findings {
                    assert!(
                        source.get(finding.span.range()).is_some(),
                        "{finding:?} in {source:?}"
                    );
                }
            }
        }
    }
}
