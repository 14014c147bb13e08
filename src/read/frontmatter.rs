//! Front matter of Markdown posts (YAML between `---`, TOML between `+++`): the keys that are
//! prose (`title`, `description`, `summary`, `subject`) become segments with their scope;
//! every other key is data and is skipped.

use std::ops::Range;

use saphyr_parser::{Event, Parser};

use crate::document::{Scope, Segment, SegmentBuilder};

/// The syntax of a front matter block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// YAML, between `---` lines.
    Yaml,
    /// TOML, between `+++` lines.
    Toml,
}

/// The scope of a front matter key that holds prose.
fn scope_of(key: &str) -> Option<Scope> {
    match key {
        "title" => Some(Scope::Title),
        "description" | "summary" => Some(Scope::Description),
        "subject" => Some(Scope::Subject),
        _ => None,
    }
}

/// Reads the prose keys of a front matter block whose content is `source[content]`. A block
/// that does not parse yields nothing: front matter is data, and the body is still checked.
pub fn read(syntax: Syntax, source: &str, content: Range<usize>) -> Vec<Segment> {
    let Some(text) = source.get(content.clone()) else {
        return Vec::new();
    };
    let mut values = match syntax {
        Syntax::Toml => toml_values(text),
        Syntax::Yaml => yaml_values(text),
    };
    values.sort_by_key(|(_, _, raw)| raw.start);
    values
        .into_iter()
        .filter_map(|(scope, value, raw)| {
            let raw = content.start + raw.start..content.start + raw.end;
            scalar_segment(scope, &value, raw, source)
        })
        .collect()
}

/// A segment for a decoded scalar whose token (quotes and all) is `source[raw]`: exact where
/// the token holds the value verbatim, else one atomic piece over the whole token.
fn scalar_segment(scope: Scope, value: &str, raw: Range<usize>, source: &str) -> Option<Segment> {
    let token = source.get(raw.clone())?;
    let mut builder = SegmentBuilder::new();
    match token.find(value).filter(|_| !value.is_empty()) {
        Some(at) => builder.push_exact(value, raw.start + at),
        None => builder.push_atomic(value, raw),
    }
    builder.finish(scope)
}

fn toml_values(text: &str) -> Vec<(Scope, String, Range<usize>)> {
    let Ok(table) = toml::de::DeTable::parse(text) else {
        return Vec::new();
    };
    table
        .get_ref()
        .iter()
        .filter_map(|(key, value)| {
            let scope = scope_of(key.get_ref())?;
            match value.get_ref() {
                toml::de::DeValue::String(s) => Some((scope, s.to_string(), value.span())),
                _ => None,
            }
        })
        .collect()
}

fn yaml_values(text: &str) -> Vec<(Scope, String, Range<usize>)> {
    // saphyr counts positions in characters; map them to bytes.
    let byte_at: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let to_bytes = |chars: usize| byte_at.get(chars).copied().unwrap_or(text.len());
    let mut values = Vec::new();
    let mut depth = 0usize;
    let mut key: Option<String> = None;
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else {
            break;
        };
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if depth == 1 {
                    key = None; // a nested value: not prose
                }
                depth += 1;
            }
            Event::MappingEnd | Event::SequenceEnd => depth = depth.saturating_sub(1),
            Event::Scalar(value, ..) if depth == 1 => match key.take() {
                None => key = Some(value.into_owned()),
                Some(name) => {
                    if let Some(scope) = scope_of(&name) {
                        let raw = to_bytes(span.start.index())..to_bytes(span.end.index());
                        values.push((scope, value.into_owned(), raw));
                    }
                }
            },
            Event::Alias(_) if depth == 1 => key = None,
            _ => {}
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(syntax: Syntax, source: &str) -> Vec<(Scope, String, String)> {
        read(syntax, source, 0..source.len())
            .into_iter()
            .map(|s| {
                let span = s.source_range(0..s.text.len());
                (s.scope, s.text.clone(), source[span].to_string())
            })
            .collect()
    }

    #[test]
    fn toml_prose_keys_map_to_their_bytes() {
        let src = "title = \"Announcing Github\"\nauthor = \"Github\"\ndescription = 'A post'\n";
        assert_eq!(
            read_all(Syntax::Toml, src),
            [
                (
                    Scope::Title,
                    "Announcing Github".into(),
                    "Announcing Github".into()
                ),
                (Scope::Description, "A post".into(), "A post".into()),
            ]
        );
    }

    #[test]
    fn yaml_prose_keys_map_to_their_bytes() {
        let src =
            "tags: [a, b]\ntitle: Café für \"Github\"\nmeta:\n  title: nested\nsummary: 'Short'\n";
        assert_eq!(
            read_all(Syntax::Yaml, src),
            [
                (
                    Scope::Title,
                    "Café für \"Github\"".into(),
                    "Café für \"Github\"".into()
                ),
                (Scope::Description, "Short".into(), "Short".into()),
            ]
        );
    }

    #[test]
    fn escaped_values_map_as_a_whole() {
        let src = "title = \"Say \\\"hi\\\"\"\n";
        let found = read_all(Syntax::Toml, src);
        assert_eq!(found[0].1, "Say \"hi\"");
        assert_eq!(found[0].2, "\"Say \\\"hi\\\"\"");
    }

    #[test]
    fn broken_front_matter_yields_nothing() {
        assert!(read_all(Syntax::Toml, "title = ").is_empty());
        assert!(read_all(Syntax::Yaml, "title: [unclosed").is_empty());
    }
}
