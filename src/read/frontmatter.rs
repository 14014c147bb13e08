//! Front matter of Markdown posts (YAML between `---`, TOML between `+++`): the keys that are
//! prose (`title`, `description`, `summary`, `subject`) become segments with their scope;
//! every other key is data and is skipped.

use std::borrow::Cow;
use std::ops::Range;

use saphyr_parser::{Event, Parser};
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::parser::EventReceiver;
use toml_parser::{ErrorSink, Raw, Source, Span};

use crate::document::{Segment, SegmentBuilder};
use crate::model::{Scope, SourceSpan};

/// The language of a front matter block (read::Syntax is the language of a whole file).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrontMatter {
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
pub fn read(syntax: FrontMatter, source: &str, content: Range<usize>) -> Vec<Segment> {
    let Some(text) = source.get(content.clone()) else {
        return Vec::new();
    };
    let mut values = match syntax {
        FrontMatter::Toml => toml_values(text),
        FrontMatter::Yaml => yaml_values(text),
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
        builder.push_atomic(value, raw.into());
    }
    builder.finish(scope, crate::read::mask::normalizing_edits)
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
            builder.push_atomic(decoded, SourceSpan::new(base + i, base + end));
            i = end;
            j += d.len_utf8();
        } else if doubled_quotes && d == '\'' && token[i..].starts_with("''") {
            // YAML writes a quote inside single quotes twice.
            builder.push_atomic(decoded, SourceSpan::new(base + i, base + i + 2));
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
            builder.push_atomic(
                &value[j..j + decoded_run],
                SourceSpan::new(base + i, base + i + raw_run),
            );
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

/// The prose keys of a TOML block: string values of top-level keys, read from the parser's
/// events without building a table. Every key and value is decoded, so a block with bad
/// syntax or a value that does not decode (a bad escape, number or date) yields nothing. A
/// name given twice is not looked for: TOML forbids it, and the site's generator says so.
fn toml_values(text: &str) -> Vec<(Scope, String, Range<usize>)> {
    let source = Source::new(text);
    let tokens = source.lex().into_vec();
    let mut reader = TomlProse::new(source);
    let mut broken = false;
    let mut errors = |_: toml_parser::ParseError| broken = true;
    toml_parser::parser::parse_document(&tokens, &mut reader, &mut errors);
    if broken || reader.broken {
        return Vec::new();
    }
    reader.values
}

/// Reads the top-level string values of prose keys from TOML parser events.
struct TomlProse<'s> {
    source: Source<'s>,
    /// Whether a table header has been seen: keys after one are not top-level.
    in_table: bool,
    /// How deep in arrays and inline tables the parser is.
    depth: usize,
    /// The first key of the top-level key/value pair being read, and whether more follow.
    key: Option<Cow<'s, str>>,
    dotted: bool,
    /// A value that does not decode.
    broken: bool,
    values: Vec<(Scope, String, Range<usize>)>,
}

impl<'s> TomlProse<'s> {
    fn new(source: Source<'s>) -> Self {
        Self {
            source,
            in_table: false,
            depth: 0,
            key: None,
            dotted: false,
            broken: false,
            values: Vec::new(),
        }
    }

    /// The raw token at `span`, or `None` (and the block broken) when the span is not one.
    fn raw(&mut self, span: Span, encoding: Option<Encoding>) -> Option<Raw<'s>> {
        let text = self.source.input().get(span.start()..span.end());
        let raw = text.map(|text| Raw::new_unchecked(text, encoding, span));
        self.broken |= raw.is_none();
        raw
    }

    /// Whether the parser is where a top-level key/value pair is read.
    fn at_top_level(&self) -> bool {
        !self.in_table && self.depth == 0
    }

    /// Ends the top-level key/value pair whose value starts: the scope of its key when
    /// that is a prose key and not dotted.
    fn end_value(&mut self) -> Option<Scope> {
        let key = self.key.take()?;
        let dotted = std::mem::take(&mut self.dotted);
        scope_of(&key).filter(|_| !dotted)
    }

    /// Ends a value that is an array or inline table, then goes one level in.
    fn open_nested(&mut self) -> bool {
        if self.at_top_level() {
            self.end_value();
        }
        self.depth += 1;
        true
    }

    fn close_nested(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }
}

impl EventReceiver for TomlProse<'_> {
    fn std_table_open(&mut self, _: Span, _: &mut dyn ErrorSink) {
        self.in_table = true;
    }

    fn array_table_open(&mut self, _: Span, _: &mut dyn ErrorSink) {
        self.in_table = true;
    }

    fn inline_table_open(&mut self, _: Span, _: &mut dyn ErrorSink) -> bool {
        self.open_nested()
    }

    fn inline_table_close(&mut self, _: Span, _: &mut dyn ErrorSink) {
        self.close_nested();
    }

    fn array_open(&mut self, _: Span, _: &mut dyn ErrorSink) -> bool {
        self.open_nested()
    }

    fn array_close(&mut self, _: Span, _: &mut dyn ErrorSink) {
        self.close_nested();
    }

    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) {
        let Some(raw) = self.raw(span, encoding) else {
            return;
        };
        if !self.at_top_level() || self.key.is_some() {
            raw.decode_key(&mut (), error);
            self.dotted |= self.at_top_level();
            return;
        }
        let mut name = Cow::Borrowed("");
        raw.decode_key(&mut name, error);
        self.key = Some(name);
    }

    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) {
        let Some(raw) = self.raw(span, encoding) else {
            return;
        };
        let prose = if self.at_top_level() {
            self.end_value()
        } else {
            None
        };
        let mut value = Cow::Borrowed("");
        let kind = match prose {
            Some(_) => raw.decode_scalar(&mut value, error),
            None => raw.decode_scalar(&mut (), error),
        };
        match (kind, prose) {
            // Only dates and times are checked beyond their syntax when decoded.
            (ScalarKind::DateTime, _) => {
                self.broken |= raw.as_str().parse::<toml::value::Datetime>().is_err();
            }
            (ScalarKind::String, Some(scope)) => {
                self.values
                    .push((scope, value.into_owned(), span.start()..span.end()));
            }
            _ => {}
        }
    }
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

    fn read_all(syntax: FrontMatter, source: &str) -> Vec<(Scope, String, String)> {
        read(syntax, source, 0..source.len())
            .into_iter()
            .map(|s| {
                let span = s.source_range((0..s.text.len()).into());
                (s.scope, s.text.clone(), source[span.range()].to_string())
            })
            .collect()
    }

    /// The prose values a whole table holds, as the `toml` crate reads the block.
    fn toml_values_from_a_table(text: &str) -> Vec<(Scope, String, Range<usize>)> {
        let Ok(table) = toml::de::DeTable::parse(text) else {
            return Vec::new();
        };
        let mut values: Vec<_> = table
            .get_ref()
            .iter()
            .filter_map(|(key, value)| {
                let scope = scope_of(key.get_ref())?;
                match value.get_ref() {
                    toml::de::DeValue::String(s) => Some((scope, s.to_string(), value.span())),
                    _ => None,
                }
            })
            .collect();
        values.sort_by_key(|(_, _, raw)| raw.start);
        values
    }

    /// Whether a TOML error is a name given twice, which the events are not read for.
    fn redefines(message: &str) -> bool {
        message == "duplicate key" || message.starts_with("cannot extend value of type")
    }

    #[test]
    fn toml_events_read_what_a_table_holds() {
        const LINES: &[&str] = &[
            "title = \"Plain Github title\"\n",
            "title = 'literal'\n",
            "description = \"\"\"\nmulti\nline\"\"\"\n",
            "summary = \"esc \\u00e9 \\\"q\\\"\"\n",
            "description = \"line \\\n   joined\" # note\n",
            "\"subject\" = \"quoted key\"\n",
            "subject = 42\n",
            "title = true\n",
            "title = \"bad \\q escape\"\n",
            "authors = [\"a\", { title = \"in an array\" }]\n",
            "extra = { title = \"inline\" }\n",
            "title.x = \"dotted\"\n",
            "a.b = \"x\"\n",
            "a.c = 'y'\n",
            "date = 2024-01-02\n",
            "date = 2024-13-45\n",
            "n = 1_000\n",
            "n = 99999999999999999999\n",
            "f = 1e400\n",
            "time = 07:32:00\n",
            "time = 25:61:00\n",
            "title = 2024-13-45\n",
            "broken = \n",
            "# comment\n",
            "\n",
        ];
        const HEADERS: &[&str] = &["", "[extra]\n", "[title]\n", "[[list]]\n", "[a.d]\n"];
        let mut next = crate::testing::xorshift(0x5DEE_CE66_D1CE_4E5B);
        let mut agreed_on_prose = 0;
        for text in crate::testing::random_texts(LINES, 6, 20_000, 0x2545_F491_4F6C_DD1D) {
            let header = HEADERS[next() as usize % HEADERS.len()];
            let tail: String = (0..2)
                .map(|_| LINES[next() as usize % LINES.len()])
                .collect();
            let text = format!("{text}{header}{tail}");
            let read = toml_values(&text);
            match toml::de::DeTable::parse(&text) {
                Err(error) if redefines(error.message()) => continue,
                _ => {}
            }
            let expected = toml_values_from_a_table(&text);
            agreed_on_prose += usize::from(!expected.is_empty());
            assert_eq!(read, expected, "{text}");
        }
        assert!(agreed_on_prose > 1_000, "{agreed_on_prose}");
    }

    #[test]
    fn toml_prose_keys_map_to_their_bytes() {
        let src = "title = \"Announcing Github\"\nauthor = \"Github\"\ndescription = 'A post'\n";
        assert_eq!(
            read_all(FrontMatter::Toml, src),
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
            read_all(FrontMatter::Yaml, src),
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
    fn word_bytes(syntax: FrontMatter, source: &str, word: &str) -> String {
        let segment = read(syntax, source, 0..source.len()).remove(0);
        let at = segment.text.find(word).expect("the word is in the value");
        source[segment.source_range((at..at + word.len()).into()).range()].to_string()
    }

    #[test]
    fn escaped_and_folded_values_map_word_by_word() {
        let toml = "title = \"Say \\\"hi\\\" \\u2014 on MacOS\"\n";
        assert_eq!(word_bytes(FrontMatter::Toml, toml, "MacOS"), "MacOS");
        assert_eq!(word_bytes(FrontMatter::Toml, toml, "\"hi\""), "\\\"hi\\\"");
        let multi = "summary = \"\"\"\nFirst line\nthen AcmeOs\"\"\"\n";
        assert_eq!(word_bytes(FrontMatter::Toml, multi, "AcmeOs"), "AcmeOs");
        let yaml =
            "description: \"A \\\"Iphone\\\" day\"\nsummary: >\n  Folded\r\n  AcmeOs text\r\n";
        assert_eq!(word_bytes(FrontMatter::Yaml, yaml, "Iphone"), "Iphone");
        assert_eq!(
            word_bytes(
                FrontMatter::Yaml,
                &yaml[yaml.find("summary").unwrap()..],
                "AcmeOs"
            ),
            "AcmeOs"
        );
        assert_eq!(
            word_bytes(FrontMatter::Yaml, "title: 'It''s Github'\n", "Github"),
            "Github"
        );
        assert_eq!(
            word_bytes(
                FrontMatter::Yaml,
                "title: |\n  Line\n  Github\n",
                "Line Github"
            ),
            "Line\n  Github"
        );
    }

    #[test]
    fn broken_front_matter_yields_nothing() {
        assert!(read_all(FrontMatter::Toml, "title = ").is_empty());
        assert!(read_all(FrontMatter::Yaml, "title: [unclosed").is_empty());
    }
}
