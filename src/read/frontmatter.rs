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

/// A segment for a decoded scalar whose token (quotes, escapes, block header and all) is
/// `source[raw]`: the value is aligned with the token character by character, so a finding
/// inside a quoted, escaped or folded value still gets its exact bytes. A value that cannot
/// be aligned maps as one atomic piece over the whole token.
fn scalar_segment(scope: Scope, value: &str, raw: Range<usize>, source: &str) -> Option<Segment> {
    let token = source.get(raw.clone())?;
    let mut builder = SegmentBuilder::new();
    if !align(value, token, raw.start, &mut builder) {
        builder = SegmentBuilder::new();
        builder.push_atomic(value, raw);
    }
    builder.finish(scope)
}

/// Where a scalar's content starts within its token, and whether backslash escapes apply.
fn content_start(token: &str) -> (usize, bool) {
    let after_newline = |from: usize| {
        let rest = &token[from..];
        from + rest
            .strip_prefix("\r\n")
            .or_else(|| rest.strip_prefix('\n'))
            .map_or(0, |r| rest.len() - r.len())
    };
    if token.starts_with('|') || token.starts_with('>') {
        (token.find('\n').map_or(token.len(), |i| i + 1), false)
    } else if token.starts_with("\"\"\"") {
        (after_newline(3), true)
    } else if token.starts_with("'''") {
        (after_newline(3), false)
    } else if token.starts_with('"') {
        (1, true)
    } else if token.starts_with('\'') {
        (1, false)
    } else {
        (0, false)
    }
}

/// Pushes `value` into `builder`, aligned with the scalar token that starts at `base`.
/// Returns false when the two cannot be aligned.
fn align(value: &str, token: &str, base: usize, builder: &mut SegmentBuilder) -> bool {
    let (start, escapes) = content_start(token);
    let doubled_quotes = token.starts_with('\'') && !token.starts_with("'''");
    let mut i = start;
    let mut j = 0;
    while j < value.len() {
        let Some(d) = value[j..].chars().next() else {
            return false;
        };
        let Some(r) = token[i..].chars().next() else {
            return false;
        };
        let decoded = &value[j..j + d.len_utf8()];
        if escapes && r == '\\' {
            let escape_len = match token[i + 1..].chars().next() {
                Some('u') => 6,
                Some('U') => 10,
                Some('x') => 4,
                Some('\n' | '\r') => {
                    // A line-ending backslash joins lines and yields nothing.
                    i += 1 + token[i + 1..].len() - token[i + 1..].trim_start().len();
                    continue;
                }
                Some(c) => 1 + c.len_utf8(),
                None => return false,
            };
            let end = (i + escape_len).min(token.len());
            builder.push_atomic(decoded, base + i..base + end);
            i = end;
            j += d.len_utf8();
        } else if doubled_quotes && d == '\'' && token[i..].starts_with("''") {
            // YAML writes a quote inside single quotes twice.
            builder.push_atomic(decoded, base + i..base + i + 2);
            i += 2;
            j += 1;
        } else if r == d {
            let run =
                verbatim_run(&value[j..], &token[i..], escapes, doubled_quotes).max(d.len_utf8());
            builder.push_exact(&value[j..j + run], base + i);
            i += run;
            j += run;
        } else if r.is_whitespace() && d.is_whitespace() {
            let raw_run = token[i..].len() - token[i..].trim_start().len();
            let decoded_run = value[j..].len() - value[j..].trim_start().len();
            builder.push_atomic(&value[j..j + decoded_run], base + i..base + i + raw_run);
            i += raw_run;
            j += decoded_run;
        } else if r.is_whitespace() {
            i += r.len_utf8(); // indentation that folding removed
        } else {
            return false;
        }
    }
    true
}

/// How many bytes `value` and `token` share from their start, up to a backslash where
/// escapes apply or a quote that may be doubled, and ending on a character boundary: a run
/// that stands verbatim in the source.
fn verbatim_run(value: &str, token: &str, escapes: bool, doubled_quotes: bool) -> usize {
    let mut run = value
        .bytes()
        .zip(token.bytes())
        .take_while(|&(v, t)| v == t && !(escapes && v == b'\\') && !(doubled_quotes && v == b'\''))
        .count();
    while !value.is_char_boundary(run) {
        run -= 1;
    }
    run
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

    /// Each finding-sized word of a value, with the source bytes it maps to.
    fn word_bytes(syntax: Syntax, source: &str, word: &str) -> String {
        let segment = read(syntax, source, 0..source.len()).remove(0);
        let at = segment.text.find(word).expect("the word is in the value");
        source[segment.source_range(at..at + word.len())].to_string()
    }

    #[test]
    fn escaped_and_folded_values_map_word_by_word() {
        let toml = "title = \"Say \\\"hi\\\" \\u2014 on MacOS\"\n";
        assert_eq!(word_bytes(Syntax::Toml, toml, "MacOS"), "MacOS");
        assert_eq!(word_bytes(Syntax::Toml, toml, "\"hi\""), "\\\"hi\\\"");
        let multi = "summary = \"\"\"\nFirst line\nthen AcmeOs\"\"\"\n";
        assert_eq!(word_bytes(Syntax::Toml, multi, "AcmeOs"), "AcmeOs");
        let yaml =
            "description: \"A \\\"Iphone\\\" day\"\nsummary: >\n  Folded\r\n  AcmeOs text\r\n";
        assert_eq!(word_bytes(Syntax::Yaml, yaml, "Iphone"), "Iphone");
        assert_eq!(
            word_bytes(
                Syntax::Yaml,
                &yaml[yaml.find("summary").unwrap()..],
                "AcmeOs"
            ),
            "AcmeOs"
        );
        assert_eq!(
            word_bytes(Syntax::Yaml, "title: 'It''s Github'\n", "Github"),
            "Github"
        );
        assert_eq!(
            word_bytes(Syntax::Yaml, "title: |\n  Line\n  Github\n", "Line Github"),
            "Line\n  Github"
        );
    }

    #[test]
    fn broken_front_matter_yields_nothing() {
        assert!(read_all(Syntax::Toml, "title = ").is_empty());
        assert!(read_all(Syntax::Yaml, "title: [unclosed").is_empty());
    }
}
