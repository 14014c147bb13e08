//! The visual facts of an HTML page or email template: colors and font families from
//! `style` attributes, `<style>` and `<mj-style>` sheets, legacy color attributes (`bgcolor`,
//! `<font color>`, `<body text>`), `<font face>` and MJML attributes (`*-color`, `border*`,
//! `font-family`), and every `<img>` and `<mj-image>`. Template tags are already blanked, so a
//! color written by a tag is never seen; regions of `ignore_selectors` are skipped, and so is
//! whatever an HTML comment holds (Outlook's conditional comments included).

use std::ops::Range;

use super::tree::{Attribute, Element, NodeKind, Tree};
use crate::document::visual::{Alt, ColorUse, FontUse, Image, Visuals};
use crate::document::SegmentBuilder;
use crate::model::{Scope, SourceSpan};
use crate::read::css::{self, CssFacts};
use crate::read::entities::push_html_text;

/// Collects the visual facts of a tree parsed from `masked` (the source with template tags
/// blanked); `source` is the file as written, to tell where a template tag stood.
pub fn collect(tree: &Tree, source: &str, masked: &str, ignored: &[bool]) -> Visuals {
    let mut visuals = Visuals::default();
    for (id, node) in tree.nodes.iter().enumerate() {
        if ignored[id] {
            continue;
        }
        match &node.kind {
            NodeKind::Element(element) => {
                element_facts(element, source, masked, &mut visuals);
            }
            NodeKind::Text(range) => {
                let in_sheet = node
                    .parent
                    .and_then(|p| tree.element(p))
                    .is_some_and(|e| matches!(e.name.as_str(), "style" | "mj-style"));
                let sheet = masked.get(range.clone()).filter(|_| in_sheet);
                if let Some(css) = sheet {
                    add_facts(&mut visuals, css::scan_stylesheet(css), |r| {
                        SourceSpan::new(range.start + r.start, range.start + r.end)
                    });
                }
            }
            NodeKind::Root | NodeKind::Comment(_) => {}
        }
    }
    visuals.colors.sort_by_key(|c| c.span.start);
    visuals
        .font_lists
        .sort_by_key(|list| list.first().map(|f| f.span.start));
    visuals
}

/// The facts one element's attributes hold, and the image it is.
fn element_facts(element: &Element, source: &str, masked: &str, visuals: &mut Visuals) {
    let mjml = element.name.starts_with("mj-");
    for attribute in &element.attributes {
        let Some(span) = attribute.value_span.clone() else {
            continue;
        };
        let name = attribute.name.as_str();
        if name == "style" {
            scan_attribute(masked, span, css::scan_declarations, visuals);
        } else if is_color_attribute(&element.name, name) {
            if let Some((color, at)) = css::parse_color_attribute(&attribute.value) {
                // A value with entities maps as a whole.
                let exact = masked.get(span.clone()) == Some(attribute.value.as_str());
                let span = if exact {
                    SourceSpan::new(span.start + at.start, span.start + at.end)
                } else {
                    span.into()
                };
                visuals.colors.push(ColorUse { span, color });
            }
        } else if (mjml && name == "font-family") || (element.name == "font" && name == "face") {
            scan_attribute(masked, span, font_list_of_attribute, visuals);
        } else if mjml && name.starts_with("border") {
            scan_attribute(masked, span, |value| declaration(name, value), visuals);
        }
    }
    if matches!(element.name.as_str(), "img" | "mj-image") {
        visuals.images.push(image(element, source, masked));
    }
}

/// Whether an attribute of an element holds one color: HTML's legacy color attributes, and
/// MJML's `color` and `*-color`.
fn is_color_attribute(element: &str, attribute: &str) -> bool {
    match attribute {
        "bgcolor" | "bordercolor" => true,
        "color" => matches!(element, "font" | "basefont" | "hr") || element.starts_with("mj-"),
        "text" | "link" | "vlink" | "alink" => element == "body",
        _ => element.starts_with("mj-") && attribute.ends_with("-color"),
    }
}

/// The families of a `face` or MJML `font-family` value, as facts.
fn font_list_of_attribute(value: &str) -> CssFacts {
    let families = css::font_families_in_attribute(value);
    CssFacts {
        colors: Vec::new(),
        font_lists: if families.is_empty() {
            Vec::new()
        } else {
            vec![families]
        },
    }
}

/// The facts of an attribute value read as the value of one CSS declaration
/// (`border="1px solid #ccc"` as `border: 1px solid #ccc`).
fn declaration(property: &str, value: &str) -> CssFacts {
    let prefix = format!("{property}:");
    let mut facts = css::scan_declarations(&format!("{prefix}{value}"));
    let back = |range: &mut Range<usize>| {
        *range = range.start.saturating_sub(prefix.len())..range.end.saturating_sub(prefix.len());
    };
    facts.colors.iter_mut().for_each(|c| back(&mut c.span));
    facts
        .font_lists
        .iter_mut()
        .flatten()
        .for_each(|f| back(&mut f.span));
    facts
}

/// Scans an attribute value with `scan`, its character references decoded, and maps what it
/// finds back to the file (a fact that covers a reference covers all of it).
fn scan_attribute(
    masked: &str,
    span: Range<usize>,
    scan: impl Fn(&str) -> CssFacts,
    visuals: &mut Visuals,
) {
    let mut builder = SegmentBuilder::new();
    push_html_text(&mut builder, masked, span);
    let value = builder.finish_verbatim(Scope::Paragraph);
    add_facts(visuals, scan(&value.text), |r| value.source_range(r.into()));
}

/// Adds facts found in some text, with `to_file` mapping their ranges to the file.
fn add_facts(visuals: &mut Visuals, facts: CssFacts, to_file: impl Fn(Range<usize>) -> SourceSpan) {
    visuals
        .colors
        .extend(facts.colors.into_iter().map(|c| ColorUse {
            span: to_file(c.span),
            color: c.color,
        }));
    visuals
        .font_lists
        .extend(facts.font_lists.into_iter().map(|list| {
            list.into_iter()
                .map(|f| FontUse {
                    span: to_file(f.span),
                    name: f.name,
                })
                .collect()
        }));
}

/// An `<img>` or `<mj-image>` as the image checks see it.
fn image(element: &Element, source: &str, masked: &str) -> Image {
    let attribute = |name: &str| element.attributes.iter().find(|a| a.name == name);
    let value = |name: &str| element.attribute(name).unwrap_or_default();
    let src = value("src");
    let names = Image::names_of(src, &[value("class"), value("css-class"), value("id")]);
    let alt = attribute("alt").map(|alt| alt_text(alt, element, source, masked));
    let role = value("role").trim().to_ascii_lowercase();
    let decorative = matches!(role.as_str(), "presentation" | "none")
        || value("aria-hidden").trim().eq_ignore_ascii_case("true");
    let tiny = |name: &str| pixels(value(name)).is_some_and(|p| p <= 2);
    let spacer = tiny("width") || tiny("height") || Image::is_spacer_file(src);
    Image {
        span: element.span.clone().into(),
        names,
        alt,
        decorative,
        spacer,
    }
}

/// An `alt` attribute's text, and whether a template tag (blanked in `masked`) writes part
/// of it. An `alt` without a value stands, empty, at the start of its element.
fn alt_text(alt: &Attribute, element: &Element, source: &str, masked: &str) -> Alt {
    match alt.value_span.clone() {
        Some(span) => Alt {
            text: alt.value.split_whitespace().collect::<Vec<_>>().join(" "),
            dynamic: source.get(span.clone()) != masked.get(span.clone()),
            span: span.into(),
        },
        None => Alt {
            text: String::new(),
            dynamic: false,
            span: SourceSpan::at(element.span.start),
        },
    }
}

/// The pixels of a `width` or `height` value (`1`, `1px`), if it is a number.
fn pixels(value: &str) -> Option<u32> {
    let value = value.trim();
    let digits = value.trim_end_matches("px");
    digits.parse().ok()
}
