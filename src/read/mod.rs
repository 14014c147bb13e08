//! Readers: one per format, each turning a file's text into a [`Document`] of scoped prose
//! segments mapped to exact source bytes. Readers know formats; checks never do.

pub mod frontmatter;
pub mod markdown;
pub mod mask;

use std::path::Path;

use crate::document::{Channel, Document};

/// The channel of a file from its extension, for the channels this build can read.
pub fn channel_from_extension(path: &Path) -> Option<Channel> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "md" | "markdown" | "mdx" => Some(Channel::Markdown),
        _ => None,
    }
}

/// Reads a file's text as a document of its channel.
pub fn read(channel: Channel, source: &str) -> Document {
    match channel {
        Channel::Markdown | Channel::Html | Channel::Email => markdown::read(source),
    }
}
