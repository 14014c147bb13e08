//! What a page or email shows besides its prose: the colors and font families its styles
//! and attributes use, and its images. Readers collect these facts with exact spans; the
//! `[visual]` checks judge them against the brand.

use super::color::Rgb;
use crate::model::SourceSpan;

/// The visual facts of a document, each in source order.
#[derive(Debug, Default)]
pub struct Visuals {
    /// Every color written in a style or a color attribute.
    pub colors: Vec<ColorUse>,
    /// Every font-family list (a `font-family` or `font` declaration, `<font face>`, MJML
    /// `font-family`).
    pub font_lists: Vec<Vec<FontUse>>,
    /// Every image.
    pub images: Vec<Image>,
}

/// A color as written, with the bytes that write it.
#[derive(Clone, Debug, PartialEq)]
pub struct ColorUse {
    /// Where it is written in the file.
    pub span: SourceSpan,
    /// The color, in sRGB.
    pub color: Rgb,
}

/// One family of a font-family list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FontUse {
    /// Where it is written in the file.
    pub span: SourceSpan,
    /// Its name, unquoted, white space collapsed, lower case.
    pub name: String,
}

/// An image: `<img>`, `<mj-image>` or a Markdown image.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Image {
    /// The whole tag (or Markdown image), where a missing alternative text is reported.
    pub span: SourceSpan,
    /// Its `src`, `class` and `id` (MJML's `css-class` too), joined by spaces: what may name
    /// it a logo.
    pub names: String,
    /// Its alternative text, when it has an `alt` at all.
    pub alt: Option<Alt>,
    /// Marked as decoration: `role="presentation"` or `"none"`, or `aria-hidden="true"`.
    pub decorative: bool,
    /// A spacer or tracking pixel: at most 2 pixels wide or high, or named like one
    /// (`spacer.gif`, `pixel.png`, `blank.gif`).
    pub spacer: bool,
}

/// An image's alternative text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alt {
    /// The text, entities decoded, template tags left out.
    pub text: String,
    /// Whether a template tag writes part of it, so that its final text is not known here.
    pub dynamic: bool,
    /// Where the text is written (the `alt` value without quotes, or the Markdown
    /// brackets' content); empty where the value is empty.
    pub span: SourceSpan,
}

impl Image {
    /// What may name an image a logo: the file name of its `src` (not its folders, which
    /// may hold other brands' logos) and its classes and id.
    pub fn names_of(src: &str, classes_and_id: &[&str]) -> String {
        let mut names = vec![file_name(src)];
        names.extend(classes_and_id);
        names.join(" ")
    }

    /// Whether an image's file name says it is a spacer or a tracking pixel.
    pub fn is_spacer_file(src: &str) -> bool {
        let name = file_name(src).to_ascii_lowercase();
        SPACER_NAMES.iter().any(|hint| name.contains(hint))
    }
}

/// Parts of the file names of spacer images and tracking pixels.
const SPACER_NAMES: [&str; 8] = [
    "spacer",
    "pixel",
    "blank.",
    "shim.",
    "clear.gif",
    "trans.gif",
    "transparent.",
    "1x1",
];

/// The last part of a URL's path.
fn file_name(src: &str) -> &str {
    let path = src.split(['?', '#']).next().unwrap_or_default();
    path.rsplit('/').next().unwrap_or_default()
}

impl Visuals {
    /// Whether the document shows nothing visual.
    pub fn is_empty(&self) -> bool {
        self.colors.is_empty() && self.font_lists.is_empty() && self.images.is_empty()
    }

    /// Adds another document's facts (an HTML block inside Markdown).
    pub fn extend(&mut self, other: Visuals) {
        self.colors.extend(other.colors);
        self.font_lists.extend(other.font_lists);
        self.images.extend(other.images);
    }

    /// Every span, to move or collapse them all.
    fn spans_mut(&mut self) -> impl Iterator<Item = &mut SourceSpan> {
        let colors = self.colors.iter_mut().map(|c| &mut c.span);
        let fonts = self.font_lists.iter_mut().flatten().map(|f| &mut f.span);
        let images = self.images.iter_mut().flat_map(|image| {
            std::iter::once(&mut image.span).chain(image.alt.as_mut().map(|alt| &mut alt.span))
        });
        colors.chain(fonts).chain(images)
    }

    /// Moves every span by `by` bytes (see [`super::Document::shift`]).
    pub fn shift(&mut self, by: usize) {
        for span in self.spans_mut() {
            *span = span.shifted(by);
        }
    }

    /// Maps every span onto one source range (see [`super::Document::collapse`]).
    pub fn collapse(&mut self, to: SourceSpan) {
        for span in self.spans_mut() {
            *span = to;
        }
    }
}
