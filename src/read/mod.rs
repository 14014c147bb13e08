//! Readers: one per format, each turning a file's text into a [`Document`] of scoped prose
//! segments mapped to exact source bytes. Readers know formats; checks never do. A file's
//! channel (which rules apply) and its format (how it is read) are decided together here.

pub mod eml;
pub mod entities;
pub mod frontmatter;
pub mod html;
pub mod markdown;
pub mod mask;
pub mod plain;

use std::path::Path;

use crate::config::CompiledRules;
use crate::document::{Channel, Document};

/// How a file's text is laid out, which decides its reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Markdown with optional front matter.
    Markdown,
    /// HTML, or a template that is HTML with template tags (MJML included).
    Html,
    /// An RFC 5322 message (`.eml`).
    Eml,
    /// Plain text.
    PlainText,
}

/// The channel and format of a file: from its extension (SPEC §2), and `[files] email`
/// globs, which make any file under them an email (read as HTML unless it is Markdown,
/// plain text or a message). `None` for a file of no known channel.
pub fn detect(path: &Path, rules: &CompiledRules) -> Option<(Channel, Format)> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let format = match extension.as_str() {
        "md" | "markdown" | "mdx" => Some(Format::Markdown),
        "html" | "htm" | "mjml" | "hbs" | "handlebars" | "liquid" => Some(Format::Html),
        "eml" => Some(Format::Eml),
        "txt" | "text" => Some(Format::PlainText),
        _ => None,
    };
    if rules.is_email(path) {
        return Some((Channel::Email, format.unwrap_or(Format::Html)));
    }
    match (extension.as_str(), format?) {
        ("mjml" | "hbs" | "handlebars" | "liquid" | "eml", format) => {
            Some((Channel::Email, format))
        }
        (_, Format::Markdown) => Some((Channel::Markdown, Format::Markdown)),
        (_, Format::Html) => Some((Channel::Html, Format::Html)),
        // Plain text is content only where [files] email says it is an email.
        (_, Format::PlainText | Format::Eml) => None,
    }
}

/// Reads a file's text.
pub fn read(channel: Channel, format: Format, source: &str, rules: &CompiledRules) -> Document {
    let options = html::HtmlOptions {
        email: channel == Channel::Email,
        ignore_selectors: &rules.ignore_selectors,
    };
    match format {
        Format::Markdown => markdown::read(source),
        Format::Html => html::read(source, &options),
        Format::PlainText => plain::read(source),
        Format::Eml => eml::read(source, &|part| html::read(part, &options)),
    }
}
