//! The attributes of JSX tags that are shown as text. The syntax tree gives each attribute's
//! name and decoded value but not where it stands, so the opening tag is scanned here for
//! the quoted values; an attribute whose scan does not agree with the tree is left out.
//!
//! Which attributes are prose follows the HTML reader (`read::html::prose`): `title`,
//! `aria-label` and `placeholder` are read in the scope around the element, and so are the
//! props components commonly show as text (`label`, `description`, `caption`). `alt` is
//! alt text only on an element that shows an image: `img`, or a component named `Image` or
//! `Img` (Next.js, Astro, Docusaurus), as browsers show no other element's `alt`.

use std::ops::Range;

use crate::model::Scope;

/// The scope of an attribute's string value on an element named `element` inside `container`,
/// or `None` where the value is not shown as text.
pub fn prose_scope(element: Option<&str>, attribute: &str, container: Scope) -> Option<Scope> {
    match attribute {
        "alt" if matches!(element, Some("img" | "Image" | "Img")) => Some(Scope::Alt),
        "title" | "aria-label" | "placeholder" | "label" | "description" | "caption" => {
            Some(container)
        }
        _ => None,
    }
}

/// The string-valued attributes of the JSX opening tag that starts at `start` (its `<`): each
/// name and the range of its value without the quotes, in order, up to the end of the tag.
/// Expression values and spreads (`{...}`) are stepped over.
pub fn string_attributes(source: &str, start: usize) -> Vec<(&str, Range<usize>)> {
    let bytes = source.as_bytes();
    let mut found = Vec::new();
    if bytes.get(start) != Some(&b'<') {
        return found;
    }
    let ends_name = |b: u8| b.is_ascii_whitespace() || matches!(b, b'/' | b'>' | b'{' | b'=');
    let mut at = skip(bytes, start + 1, |b| !ends_name(b));
    loop {
        at = skip(bytes, at, |b| b.is_ascii_whitespace());
        match bytes.get(at) {
            Some(b'{') => match after_braces(bytes, at) {
                Some(end) => at = end,
                None => return found,
            },
            Some(b) if !ends_name(*b) => {
                let name_start = at;
                at = skip(bytes, at, |b| !ends_name(b));
                let name = &source[name_start..at];
                at = skip(bytes, at, |b| b.is_ascii_whitespace());
                if bytes.get(at) != Some(&b'=') {
                    continue;
                }
                at = skip(bytes, at + 1, |b| b.is_ascii_whitespace());
                match bytes.get(at) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let Some(length) = memchr::memchr(quote, &bytes[at + 1..]) else {
                            return found;
                        };
                        found.push((name, at + 1..at + 1 + length));
                        at += length + 2;
                    }
                    Some(b'{') => match after_braces(bytes, at) {
                        Some(end) => at = end,
                        None => return found,
                    },
                    _ => return found,
                }
            }
            _ => return found,
        }
    }
}

fn skip(bytes: &[u8], from: usize, while_: impl Fn(u8) -> bool) -> usize {
    from + bytes
        .get(from..)
        .map_or(0, |rest| rest.iter().take_while(|b| while_(**b)).count())
}

/// Just past the brace that closes the one at `open`, braces counted as MDX counts them
/// without a JavaScript parser.
fn after_braces(bytes: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in bytes.iter().enumerate().skip(open) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(tag: &str) -> Vec<(&str, &str)> {
        string_attributes(tag, 0)
            .into_iter()
            .map(|(name, range)| (name, &tag[range]))
            .collect()
    }

    #[test]
    fn quoted_values_are_found_and_expressions_stepped_over() {
        assert_eq!(
            values("<Card title=\"A {b}\" open data={{a: '}'}} {...rest} label='L'/> x=\"no\""),
            [("title", "A {b}"), ("label", "L")]
        );
        assert_eq!(values("<img\n  alt = \"Logo\" >"), [("alt", "Logo")]);
        assert_eq!(values("<X title=\"open"), []);
        assert_eq!(values("Callout"), []);
    }

    #[test]
    fn alt_is_prose_only_on_images() {
        assert_eq!(
            prose_scope(Some("Image"), "alt", Scope::List),
            Some(Scope::Alt)
        );
        assert_eq!(prose_scope(Some("Link"), "alt", Scope::List), None);
        assert_eq!(
            prose_scope(Some("Tab"), "label", Scope::List),
            Some(Scope::List)
        );
        assert_eq!(prose_scope(Some("Tab"), "value", Scope::List), None);
    }
}
