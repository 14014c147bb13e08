//! MDX, the Markdown with JSX of Docusaurus, Next.js and Astro sites, read as MDX: `import`
//! and `export` blocks, `{expressions}` and JSX tags are never prose; the Markdown between
//! and inside JSX elements is, with its usual scopes; string attributes that are shown as
//! text (`title`, `label`, `alt` of an image, [`jsx`]) are prose too.
//!
//! markdown-rs parses the file as MDX, and its syntax tree is turned into the events the
//! Markdown reader already reads ([`super::markdown::Reader`]), so that scopes, links,
//! images and front matter are read one way for both. Masking the MDX syntax and letting
//! pulldown-cmark read the rest was the alternative, and not an exact one: MDX has no
//! indented code and no HTML, while JSX children are commonly indented (`<TabItem>` inside
//! `<Tabs>`), and CommonMark reads such lines after a blanked tag as a code block; only an
//! MDX parser knows where the prose is.
//!
//! The tree's text is decoded; [`text::align`] maps it back to the file's bytes, so every
//! span is exact. Text expressions read as one neutral word, as template tags do, and an
//! expression that is one comment may be a directive: `{/* brandlint-disable term */}`.
//!
//! A file that is not valid MDX (an unclosed tag, a broken expression) is read as Markdown,
//! as it was before brandlint knew MDX, and the place the parser stopped is reported
//! (`io/syntax`): the file is still checked, though its code may then read as prose. So is
//! a file the parser fails on, without a report (the fault is the parser's). So is one whose emphasis and bracket markers are so many that
//! markdown-rs, which resolves them in time that grows with the square of their number,
//! would take seconds on it.

mod esm;
mod jsx;
mod text;

use std::ops::Range;

use ::markdown::mdast::{AttributeContent, AttributeValue, Node};
use ::markdown::{Constructs, ParseOptions};
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, MetadataBlockKind, Tag, TagEnd};

use super::directives::parse_directive;
use super::markdown::Reader;
use crate::document::{Directive, Document, SegmentBuilder, SyntaxError};
use crate::model::SourceSpan;
use text::Run;

/// How many emphasis, strike-through and bracket markers markdown-rs is given at most
/// (about a tenth of a second of its time); a file with more is read as Markdown.
const MAX_MARKERS: usize = 4000;

/// Reads MDX text (a leading byte order mark is skipped; offsets stay file offsets).
/// Without `visuals`, the images of its Markdown are left out, as the Markdown reader does.
pub fn read(source: &str, visuals: bool) -> Document {
    let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let text = &source[bom..];
    if markers(text) > MAX_MARKERS {
        return super::markdown::read(source, visuals);
    }
    // A panic in the parser is a bug of the parser, not of the file: the file is read as
    // Markdown all the same.
    let parsed = std::panic::catch_unwind(|| ::markdown::to_mdast(text, &options()));
    let tree = match parsed {
        Ok(Ok(tree)) => tree,
        Ok(Err(message)) => {
            let mut document = super::markdown::read(source, visuals);
            document
                .syntax_errors
                .push(syntax_error(source, bom, &message));
            return document;
        }
        Err(_) => return super::markdown::read(source, visuals),
    };
    let mut walk = Walk {
        source,
        bom,
        reader: Reader::new(source, visuals),
    };
    walk.run(&tree);
    walk.reader.finish()
}

/// Where and why markdown-rs found a file not to be MDX: the place it names (an offset into
/// the text it parsed, past any byte order mark), kept on a character of the file.
fn syntax_error(source: &str, bom: usize, message: &::markdown::message::Message) -> SyntaxError {
    let offset = match message.place.as_deref() {
        Some(::markdown::message::Place::Point(point)) => point.offset,
        Some(::markdown::message::Place::Position(position)) => position.start.offset,
        None => 0,
    };
    let mut at = (bom + offset).min(source.len());
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    SyntaxError {
        at,
        reason: message.reason.clone(),
    }
}

/// MDX with the Markdown extensions the Markdown reader reads (tables, footnotes,
/// strike-through, task lists, front matter).
fn options() -> ParseOptions {
    ParseOptions {
        constructs: Constructs {
            frontmatter: true,
            gfm_table: true,
            gfm_strikethrough: true,
            gfm_footnote_definition: true,
            gfm_label_start_footnote: true,
            gfm_task_list_item: true,
            ..Constructs::mdx()
        },
        mdx_esm_parse: Some(Box::new(esm::signal)),
        ..ParseOptions::mdx()
    }
}

/// The markers whose resolution costs markdown-rs most: each run of `*`, `_` or `~` (an
/// underscore inside a word, which cannot be emphasis, left out) and each `[`.
fn markers(text: &str) -> usize {
    let bytes = text.as_bytes();
    let word = |i: Option<usize>| {
        i.and_then(|i| bytes.get(i))
            .is_some_and(u8::is_ascii_alphanumeric)
    };
    (0..bytes.len())
        .filter(|&i| match bytes[i] {
            b'[' => true,
            b @ (b'*' | b'_' | b'~') => {
                let starts_run = i == 0 || bytes[i - 1] != b;
                starts_run && !(b == b'_' && word(i.checked_sub(1)) && word(Some(i + 1)))
            }
            _ => false,
        })
        .count()
}

/// A step of the walk over the tree: a node to read, or the end of a tag to close.
enum Step<'t> {
    Enter(&'t Node),
    Leave(TagEnd, Range<usize>),
}

/// The walk over the syntax tree, without recursion, feeding the Markdown reader.
struct Walk<'s> {
    source: &'s str,
    /// Where the parsed text starts in the file (past a byte order mark).
    bom: usize,
    reader: Reader<'s>,
}

impl<'s> Walk<'s> {
    fn run(&mut self, root: &Node) {
        let mut stack = vec![Step::Enter(root)];
        while let Some(step) = stack.pop() {
            let node = match step {
                Step::Leave(end, range) => {
                    self.reader.event(Event::End(end), range);
                    continue;
                }
                Step::Enter(node) => node,
            };
            let range = node
                .position()
                .map_or(0..0, |p| self.bom + p.start.offset..self.bom + p.end.offset);
            if let Some(tag) = self.enter(node, range.clone()) {
                let end = tag.to_end();
                self.reader.event(Event::Start(tag), range.clone());
                stack.push(Step::Leave(end, range));
            }
            if let Some(children) = node.children() {
                stack.extend(children.iter().rev().map(Step::Enter));
            }
        }
    }

    /// Reads a node; returns the tag it opens, if its children are read inside one.
    fn enter<'t>(&mut self, node: &'t Node, range: Range<usize>) -> Option<Tag<'t>> {
        Some(match node {
            Node::Paragraph(_) => Tag::Paragraph,
            Node::Heading(_) => Tag::Heading {
                level: HeadingLevel::H1,
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            },
            Node::Blockquote(_) => Tag::BlockQuote(None),
            Node::List(list) => Tag::List(list.start.map(u64::from)),
            Node::ListItem(_) => Tag::Item,
            Node::FootnoteDefinition(note) => {
                Tag::FootnoteDefinition(CowStr::Borrowed(&note.identifier))
            }
            Node::Table(_) => Tag::Table(Vec::new()),
            Node::TableRow(_) => Tag::TableRow,
            Node::TableCell(_) => Tag::TableCell,
            Node::Link(_) | Node::LinkReference(_) => Tag::Link {
                link_type: LinkType::Inline,
                dest_url: CowStr::Borrowed(""),
                title: CowStr::Borrowed(""),
                id: CowStr::Borrowed(""),
            },
            Node::Text(text) => {
                self.text(&text.value, range);
                return None;
            }
            Node::InlineCode(_) | Node::InlineMath(_) => {
                self.reader.event(Event::Code(CowStr::Borrowed("")), range);
                return None;
            }
            Node::Break(_) => {
                self.reader.event(Event::HardBreak, range);
                return None;
            }
            Node::FootnoteReference(_) => {
                let event = Event::FootnoteReference(CowStr::Borrowed(""));
                self.reader.event(event, range);
                return None;
            }
            Node::ThematicBreak(_) => {
                self.reader.event(Event::Rule, range);
                return None;
            }
            Node::Image(image) => {
                self.image(&image.url, &image.alt, range);
                return None;
            }
            Node::ImageReference(image) => {
                self.image("", &image.alt, range);
                return None;
            }
            Node::Yaml(_) => {
                self.front_matter(MetadataBlockKind::YamlStyle, range);
                return None;
            }
            Node::Toml(_) => {
                self.front_matter(MetadataBlockKind::PlusesStyle, range);
                return None;
            }
            Node::MdxTextExpression(expression) => {
                if !self.comment(&expression.value, range.clone()) {
                    // Like a template tag, an expression in a sentence is one neutral word.
                    self.reader.event(Event::Code(CowStr::Borrowed("")), range);
                }
                return None;
            }
            Node::MdxFlowExpression(expression) => {
                self.comment(&expression.value, range);
                return None;
            }
            Node::MdxJsxFlowElement(element) => {
                self.attributes(element.name.as_deref(), &element.attributes, range.start);
                return None;
            }
            Node::MdxJsxTextElement(element) => {
                if element.name.as_deref() == Some("br") {
                    self.reader.event(Event::HardBreak, range.clone());
                }
                self.attributes(element.name.as_deref(), &element.attributes, range.start);
                return None;
            }
            // Containers whose children are read in the scope around them.
            Node::Root(_) | Node::Emphasis(_) | Node::Strong(_) | Node::Delete(_) => return None,
            // Never prose.
            Node::MdxjsEsm(_)
            | Node::Code(_)
            | Node::Math(_)
            | Node::Html(_)
            | Node::Definition(_) => return None,
        })
    }

    /// A text node's value, mapped back to the bytes it was read from.
    fn text(&mut self, value: &str, range: Range<usize>) {
        let (source, reader) = (self.source, &mut self.reader);
        text::align(value, source, range, |run| match run {
            Run::Exact(range) => {
                reader.event(Event::Text(CowStr::Borrowed(&source[range.clone()])), range)
            }
            Run::Decoded(text, range) => reader.event(Event::Text(CowStr::Borrowed(text)), range),
            Run::Break(range) => reader.event(Event::SoftBreak, range),
        });
    }

    /// An image, `![alt](url)`: its alt text is what stands between the brackets.
    fn image(&mut self, url: &str, alt: &str, range: Range<usize>) {
        let tag = Tag::Image {
            link_type: LinkType::Inline,
            dest_url: CowStr::Borrowed(url),
            title: CowStr::Borrowed(""),
            id: CowStr::Borrowed(""),
        };
        self.reader.event(Event::Start(tag), range.clone());
        if let Some(written) = alt_range(self.source, range.clone()) {
            self.text(alt, written);
        }
        self.reader.event(Event::End(TagEnd::Image), range);
    }

    /// Front matter: its content is what stands between the fences.
    fn front_matter(&mut self, kind: MetadataBlockKind, range: Range<usize>) {
        self.reader
            .event(Event::Start(Tag::MetadataBlock(kind)), range.clone());
        let block = &self.source[range.clone()];
        if let (Some(first), Some(last)) = (block.find('\n'), block.rfind('\n')) {
            if first < last {
                let content = range.start + first + 1..range.start + last + 1;
                self.reader
                    .event(Event::Text(CowStr::Borrowed("")), content);
            }
        }
        self.reader
            .event(Event::End(TagEnd::MetadataBlock(kind)), range);
    }

    /// Reads an expression that is one block comment as a directive, if it is one; whether
    /// it is a comment.
    fn comment(&mut self, expression: &str, range: Range<usize>) -> bool {
        let Some(comment) = expression
            .trim()
            .strip_prefix("/*")
            .and_then(|body| body.strip_suffix("*/"))
            .filter(|body| !body.contains("*/"))
        else {
            return false;
        };
        if let Some((action, rules)) = parse_directive(comment) {
            let directive = Directive {
                span: SourceSpan::from(range),
                action,
                rules,
            };
            self.reader.add(None, Some(directive));
        }
        true
    }

    /// The string attributes of a JSX element that are shown as text, each a segment.
    fn attributes(&mut self, element: Option<&str>, attributes: &[AttributeContent], start: usize) {
        let container = self.reader.container_scope();
        let mut written = jsx::string_attributes(self.source, start).into_iter();
        for attribute in attributes {
            let AttributeContent::Property(property) = attribute else {
                continue;
            };
            let Some(AttributeValue::Literal(value)) = &property.value else {
                continue;
            };
            let Some((_, range)) = written.find(|(name, _)| *name == property.name) else {
                return;
            };
            let Some(scope) = jsx::prose_scope(element, &property.name, container) else {
                continue;
            };
            let mut builder = SegmentBuilder::new();
            text::align(value, self.source, range, |run| match run {
                Run::Exact(range) => builder.push_exact(&self.source[range.clone()], range.start),
                Run::Decoded(text, range) => builder.push_atomic(text, range.into()),
                Run::Break(range) => builder.push_atomic(" ", range.into()),
            });
            let segment = builder.finish(scope, crate::read::mask::normalizing_edits);
            self.reader.add(segment, None);
        }
    }
}

/// The bytes between an image's `![` and the `]` that closes it.
fn alt_range(source: &str, image: Range<usize>) -> Option<Range<usize>> {
    let bytes = source.as_bytes().get(image.clone())?;
    if !bytes.starts_with(b"![") {
        return None;
    }
    let mut depth = 0usize;
    let mut i = 2;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 1,
            b'[' => depth += 1,
            b']' if depth == 0 => return Some(image.start + 2..image.start + i),
            b']' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Scope;
    use crate::read::FileType;
    use crate::testing::lint::Lint;

    const RULES: &str = "[[term]]\nname = \"GitHub\"\n";

    fn lint() -> Lint {
        Lint::new(RULES).read_as(FileType::MDX, "post.mdx")
    }

    /// Each segment as (scope, text, the source bytes it spans).
    fn segments(source: &str) -> Vec<(Scope, String, String)> {
        read(source, true).outline(source)
    }

    /// The one `Github` finding's span, asserted to be where `marker` says.
    fn assert_flagged_at(source: &str, at: usize) {
        assert_eq!(
            lint().spans(source),
            [("term/GitHub".to_string(), at..at + 6)],
            "{source}"
        );
    }

    #[test]
    fn import_and_export_blocks_are_code() {
        let source = "import Tabs from '@theme/Tabs'\nexport const meta = {\n  brand: \"Github\",\n\n  x: 1,\n}\n\nGithub rocks.\n";
        assert_flagged_at(source, source.rfind("Github").unwrap());
        lint().assert_no_findings("import Github from './Github'\n\nFine.\n");
    }

    #[test]
    fn expressions_and_their_comments_are_not_prose() {
        let source = "{/* Github comment */}\n\nHi {user.Github}, Github {/* Github */} here.\n";
        assert_flagged_at(source, source.find("Github {/*").unwrap());
        assert_eq!(
            segments(source),
            [(
                Scope::Paragraph,
                "Hi \u{FFFC}, Github here.".into(),
                source[source.find("Hi").unwrap()..source.len() - 1].into()
            )]
        );
        lint().assert_no_findings("{/* Github */}\n\n{ Github }\n");
    }

    #[test]
    fn text_inside_jsx_is_prose_at_its_exact_span() {
        let source = "<Callout type=\"info\">Some Github text</Callout>\n";
        assert_flagged_at(source, source.find("Github").unwrap());
        let flow = "<Tabs>\n  <TabItem value=\"a\">\n    Indented Github text,\n    not code.\n  </TabItem>\n</Tabs>\n";
        assert_flagged_at(flow, flow.find("Github").unwrap());
        assert_eq!(
            segments(flow),
            [(
                Scope::Paragraph,
                "Indented Github text, not code.".into(),
                "Indented Github text,\n    not code.".into()
            )]
        );
        lint().assert_no_findings("<Callout>Some GitHub text</Callout>\n");
    }

    #[test]
    fn shown_string_attributes_are_prose_and_expressions_are_not() {
        let source = "<Card title=\"Try Github\" href=\"/Github\" count={Github} />\n";
        assert_flagged_at(source, source.find("Github").unwrap());
        let alt = "<Image alt=\"Github logo\" src=\"a.png\" />\n\n<Link alt=\"Github\" />\n";
        assert_eq!(
            segments(alt),
            [(Scope::Alt, "Github logo".into(), "Github logo".into())]
        );
        lint()
            .assert_no_findings("<Card title={\"Github\"} label=\"GitHub\" data-x=\"Github\" />\n");
    }

    #[test]
    fn an_attribute_with_a_reference_maps_it_as_a_whole() {
        let source = "<Tab label=\"AT&amp;T Github\" />\n";
        assert_flagged_at(source, source.find("Github").unwrap());
        assert_eq!(segments(source)[0].1, "AT&T Github");
    }

    #[test]
    fn code_fences_inside_mdx_stay_code() {
        let source = "<Tabs>\n  <TabItem>\n    ```js\n    Github()\n    ```\n  </TabItem>\n</Tabs>\n\n```\nGithub\n```\n";
        lint().assert_no_findings(source);
        let inline = "Call `Github` from Github.\n";
        assert_flagged_at(inline, inline.rfind("Github").unwrap());
    }

    #[test]
    fn markdown_inside_jsx_keeps_its_scopes() {
        let source = "<Callout>\n## A Github heading\n\n- a *Github* item\n\n> quoted [Github](/x)\n</Callout>\n";
        let found = segments(source);
        assert_eq!(
            found
                .iter()
                .map(|(s, t, _)| (*s, t.as_str()))
                .collect::<Vec<_>>(),
            [
                (Scope::Heading, "A Github heading"),
                (Scope::List, "a Github item"),
                (Scope::Blockquote, "quoted Github"),
            ]
        );
        let spans: Vec<_> = lint().spans(source).into_iter().map(|(_, r)| r).collect();
        let at: Vec<_> = source
            .match_indices("Github")
            .map(|(i, _)| i..i + 6)
            .collect();
        assert_eq!(spans, at);
    }

    #[test]
    fn references_escapes_and_quoted_lines_map_exactly() {
        let source = "> AT&amp;T \\*and\\*\n> Github\n";
        assert_flagged_at(source, source.find("Github").unwrap());
        assert_eq!(segments(source)[0].1, "AT&T *and* Github");
    }

    #[test]
    fn directives_are_read_from_expression_comments() {
        let source = "{/* brandlint-disable term */}\n\nGithub\n\n{/* brandlint-enable */}\n\nGithub again\n";
        assert_flagged_at(source, source.rfind("Github").unwrap());
        let next = "Intro {/* brandlint-disable-next-line term/GitHub */}\nGithub\n\nGithub\n";
        assert_flagged_at(next, next.rfind("Github").unwrap());
    }

    #[test]
    fn front_matter_and_images_read_as_in_markdown() {
        let source = "---\ntitle: Hello Github\n---\n\nOur ![Github logo](logo.png) *team*, AT&amp;T.\n\n| a | Github |\n|---|---|\n";
        assert_eq!(
            segments(source),
            super::super::markdown::read(source, true).outline(source)
        );
        assert_eq!(read(source, true).visuals.images.len(), 1);
    }

    #[test]
    fn bad_mdx_is_read_as_markdown_and_where_it_breaks_is_reported() {
        // Each file, and where the parser stops: the end of the file for an element never
        // closed, the end of the line for an expression never closed, the slash of a
        // closing tag that closes nothing.
        for (source, stops_at) in [
            ("<Callout>\nGithub\n", 17),
            ("Héllo.\n\nText {open Github\n", 26),
            ("Text </Callout> Github\n", 6),
        ] {
            let document = read(source, true);
            assert_eq!(
                document.outline(source),
                super::super::markdown::read(source, true).outline(source),
                "{source}"
            );
            let [error] = document.syntax_errors.as_slice() else {
                panic!(
                    "one syntax error in {source:?}: {:?}",
                    document.syntax_errors
                );
            };
            assert_eq!(error.at, stops_at, "{source:?}: {error:?}");
            assert!(!error.reason.is_empty());
        }
        assert!(read("# Fine\n\n<Callout>Github</Callout>\n", true)
            .syntax_errors
            .is_empty());
    }

    #[test]
    fn a_broken_file_is_one_io_finding_and_still_checked_as_markdown() {
        let source = "Use Github.\n\n<Callout>\n";
        let github = source.find("Github").unwrap();
        assert_eq!(
            lint().spans(source),
            [
                ("term/GitHub".to_string(), github..github + 6),
                ("io/syntax".to_string(), source.len()..source.len()),
            ]
        );
    }

    #[test]
    fn many_emphasis_markers_are_read_as_markdown_without_parsing_as_mdx() {
        let source = "*a* ".repeat(20_000);
        assert!(markers(&source) > MAX_MARKERS);
        let document = read(&source, false);
        assert_eq!(
            document.outline(&source),
            super::super::markdown::read(&source, false).outline(&source)
        );
        assert!(document.syntax_errors.is_empty());
        assert!(markers(&"snake_case ".repeat(10_000)) == 0);
    }

    #[test]
    fn mangled_mdx_never_panics_and_every_finding_points_at_its_bytes() {
        const PIECES: &[&str] = &[
            "<Callout",
            " title=\"",
            "\"",
            "'",
            ">",
            "</Callout>",
            "/>",
            "<img alt='",
            "<Image",
            "{",
            "}",
            "{/* ",
            "*/}",
            "brandlint-disable term",
            "import x from 'y'\n",
            "export const a = {",
            "\n",
            "\r\n",
            "\n\n",
            "    ",
            "> ",
            "- ",
            "# ",
            "```",
            "`",
            "*",
            "_",
            "[",
            "](",
            ")",
            "![",
            "&amp;",
            "&#8217;",
            "\\",
            "---\n",
            "| a |",
            "Github",
            " ",
            "é",
            "🦀",
            "\u{feff}",
            "${",
            "//",
            "<br/>",
            "<>",
            "</>",
        ];
        let lint = lint();
        for source in crate::testing::random_texts(PIECES, 40, 3000, 0x5DEE_CE66_D1CE_4E5B) {
            for (rule, span) in lint.spans(&source) {
                if rule == "io/syntax" {
                    assert!(source.is_char_boundary(span.start) && span.is_empty());
                    continue;
                }
                let matched = source.get(span.clone());
                assert!(
                    matched.is_some_and(|m| m.eq_ignore_ascii_case("github")),
                    "{rule} at {span:?} in {source:?}"
                );
            }
        }
    }

    #[test]
    fn a_byte_order_mark_keeps_offsets() {
        let source = "\u{feff}<Note title=\"Github\">Github</Note>\n";
        let spans: Vec<_> = lint().spans(source).into_iter().map(|(_, r)| r).collect();
        let at: Vec<_> = source
            .match_indices("Github")
            .map(|(i, _)| i..i + 6)
            .collect();
        assert_eq!(spans, at);
    }
}
