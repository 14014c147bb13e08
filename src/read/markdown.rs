//! Markdown (CommonMark with tables, footnotes, strikethrough and task lists) read with
//! pulldown-cmark's source offsets. Block elements start segments; inline markup does not
//! split them; code, autolinks, inline HTML tags and math are masked or skipped; blocks of
//! raw HTML go to [`super::html`]; front matter goes to [`super::frontmatter`];
//! `<!-- brandlint-* -->` comments become directives.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::frontmatter::{self, FrontMatter};
use super::html::{self, HtmlOptions};
use crate::document::visual::{Alt, Image};
use crate::document::{Directive, Document, Segment, SegmentBuilder};
use crate::model::{Scope, SourceSpan, TextRange};
use crate::read::directives::html_comment_directives;
use crate::read::mask::template_tags;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// Reads Markdown text (a leading byte order mark is skipped; offsets stay file offsets).
/// Without `visuals`, the colors, fonts and images of its HTML are left out.
pub fn read(source: &str, visuals: bool) -> Document {
    let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let mut reader = Reader::new(source, visuals);
    for (event, range) in Parser::new_ext(&source[bom..], options()).into_offset_iter() {
        reader.event(event, range.start + bom..range.end + bom);
    }
    reader.finish()
}

/// Whether a block of raw HTML is one comment and white space, nothing else: then it holds
/// no prose, and only the directive it may be needs reading. A comment HTML would end early
/// (`<!-->`, `--!>`) or one holding a template tag is left to the HTML reader.
fn is_lone_comment(block: &str) -> bool {
    let block = block.trim_ascii();
    let Some(body) = block
        .strip_prefix("<!--")
        .and_then(|rest| rest.strip_suffix("-->"))
    else {
        return false;
    };
    !body.starts_with('>')
        && !body.starts_with("->")
        && !body.contains("-->")
        && !body.contains("--!>")
        && template_tags(body).is_empty()
}

/// Turns Markdown events, each with the source range it stands for, into a document: the
/// Markdown reader feeds it pulldown-cmark's events, and [`super::mdx`] the same events made
/// from an MDX syntax tree.
pub(super) struct Reader<'s> {
    source: &'s str,
    document: Document,
    /// Scopes of the open containers (list items, block quotes, footnotes), innermost last.
    containers: Vec<Scope>,
    /// How many of `containers` are block quotes opened by an HTML `<blockquote>` block
    /// (with Markdown inside) and not yet closed by a `</blockquote>` one.
    html_quotes: usize,
    /// The segment being read and its scope.
    current: Option<(SegmentBuilder, Scope)>,
    /// An image's alt text being read, and the image (its span and `src`).
    alt: Option<SegmentBuilder>,
    image: Option<(SourceSpan, String)>,
    image_depth: usize,
    /// Inside code blocks, HTML blocks, autolinks and front matter: no prose.
    skip_depth: usize,
    /// Whether to gather the colors, fonts and images of HTML.
    visuals: bool,
    /// For each open link, whether it is an autolink (skipped) or a link (an inline scope).
    links: Vec<bool>,
    /// Front matter being read: its syntax and the range of its content.
    metadata: Option<(FrontMatter, Option<Range<usize>>)>,
}

impl<'s> Reader<'s> {
    /// A reader of `source`; without `visuals`, the colors, fonts and images of its HTML
    /// are left out.
    pub(super) fn new(source: &'s str, visuals: bool) -> Self {
        Reader {
            source,
            document: Document::default(),
            containers: Vec::new(),
            html_quotes: 0,
            current: None,
            alt: None,
            image: None,
            image_depth: 0,
            skip_depth: 0,
            links: Vec::new(),
            metadata: None,
            visuals,
        }
    }

    /// The document read, once every event is in.
    pub(super) fn finish(mut self) -> Document {
        self.flush();
        self.document
    }

    /// Adds prose read apart from the events (an attribute's text), and a directive.
    pub(super) fn add(&mut self, segment: Option<Segment>, directive: Option<Directive>) {
        self.document.segments.extend(segment);
        self.document.directives.extend(directive);
    }

    /// Opens or closes a block quote for each `<blockquote>` or `</blockquote>` an HTML block
    /// leaves open or closes, so that the Markdown between two such blocks (a quoted comment,
    /// as many sites write them) is in a block quote.
    fn follow_html_quotes(&mut self, block: &str) {
        let lower = block.to_ascii_lowercase();
        let opens = lower.matches("<blockquote").count();
        let closes = lower.matches("</blockquote").count();
        for _ in closes..opens {
            self.flush();
            self.containers.push(Scope::Blockquote);
            self.html_quotes += 1;
        }
        for _ in opens..closes {
            if self.html_quotes == 0 || self.containers.last() != Some(&Scope::Blockquote) {
                break;
            }
            self.flush();
            self.containers.pop();
            self.html_quotes -= 1;
        }
    }

    /// The scope of a paragraph here: that of the innermost container, except that all
    /// within a block quote (its lists included) is quoted, someone else's words.
    pub(super) fn container_scope(&self) -> Scope {
        if self.containers.contains(&Scope::Blockquote) {
            return Scope::Blockquote;
        }
        self.containers.last().copied().unwrap_or(Scope::Paragraph)
    }

    fn begin(&mut self, scope: Scope) {
        self.flush();
        self.current = Some((SegmentBuilder::new(), scope));
    }

    fn flush(&mut self) {
        if let Some((builder, scope)) = self.current.take() {
            self.document
                .segments
                .extend(builder.finish(scope, crate::read::mask::normalizing_edits));
        }
    }

    /// Where inline content goes: the alt text of an open image, else the current segment.
    fn target(&mut self) -> &mut SegmentBuilder {
        if self.image_depth > 0 {
            return self.alt.get_or_insert_with(SegmentBuilder::new);
        }
        let scope = self.container_scope();
        &mut self
            .current
            .get_or_insert_with(|| (SegmentBuilder::new(), scope))
            .0
    }

    /// Reads one event that stands for `range` of the source.
    pub(super) fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        if self.skip_depth > 0 {
            self.skipped_event(event, range);
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                let source = self.source;
                self.target().push_text(&text, range.into(), source);
            }
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                self.target().push_mask(range.into());
            }
            Event::FootnoteReference(_) => self.target().push_mask(range.into()),
            Event::SoftBreak | Event::HardBreak => self.target().push_atomic(" ", range.into()),
            Event::InlineHtml(html) | Event::Html(html) => {
                if html.starts_with("<!--") {
                    let found = html_comment_directives(self.source, range);
                    self.document.directives.extend(found);
                } else if html.get(..3).is_some_and(|t| t.eq_ignore_ascii_case("<br")) {
                    self.target().push_atomic(" ", range.into());
                } else if self.visuals && !html.starts_with("</") {
                    // An inline tag may show a color, a font or an image. A tag over several
                    // lines in a blockquote or list comes without the container's markers,
                    // so its positions are not the file's: then each points at the tag.
                    let mut visuals = html::visuals(&html);
                    if self.source.get(range.clone()) == Some(&*html) {
                        visuals.shift(range.start);
                    } else {
                        visuals.collapse(range.into());
                    }
                    self.document.visuals.extend(visuals);
                }
            }
            Event::Rule => self.flush(),
            Event::TaskListMarker(_) => {}
        }
    }

    /// Events inside something that is not prose; only nesting and front matter matter.
    fn skipped_event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(Tag::Link { .. }) => {
                self.links.push(true);
                self.skip_depth += 1;
            }
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                self.skip_depth += 1;
            }
            Event::End(TagEnd::Link) => {
                self.links.pop();
                self.skip_depth -= 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) => self.skip_depth -= 1,
            Event::End(TagEnd::MetadataBlock(_)) => {
                self.skip_depth -= 1;
                if let Some((syntax, Some(content))) = self.metadata.take() {
                    let segments = frontmatter::read(syntax, self.source, content);
                    self.document.segments.extend(segments);
                }
            }
            Event::Text(_) => {
                if let Some((_, content)) = &mut self.metadata {
                    let start = content.as_ref().map_or(range.start, |c| c.start);
                    *content = Some(start..range.end);
                }
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Paragraph => self.begin(self.container_scope()),
            Tag::Heading { .. } => self.begin(Scope::Heading),
            Tag::BlockQuote(_) => {
                self.flush();
                self.containers.push(Scope::Blockquote);
            }
            Tag::Item => {
                self.flush();
                self.containers.push(Scope::List);
            }
            Tag::FootnoteDefinition(_) => {
                self.flush();
                self.containers.push(Scope::Paragraph);
            }
            Tag::TableCell => self.begin(Scope::Table),
            Tag::List(_) | Tag::Table(_) | Tag::TableHead | Tag::TableRow => self.flush(),
            Tag::CodeBlock(_) => {
                self.flush();
                self.skip_depth += 1;
            }
            Tag::HtmlBlock => {
                // A block of raw HTML is read as HTML: its prose is checked, its comments
                // may hold directives.
                self.flush();
                self.skip_depth += 1;
                if is_lone_comment(&self.source[range.clone()]) {
                    let found = html_comment_directives(self.source, range);
                    self.document.directives.extend(found);
                    return;
                }
                let options = HtmlOptions {
                    without_visuals: !self.visuals,
                    ..HtmlOptions::default()
                };
                self.follow_html_quotes(&self.source[range.clone()]);
                let mut block = html::read(&self.source[range.clone()], &options);
                block.shift(range.start);
                self.document.segments.extend(block.segments);
                self.document.directives.extend(block.directives);
                self.document.visuals.extend(block.visuals);
            }
            Tag::MetadataBlock(kind) => {
                let syntax = match kind {
                    MetadataBlockKind::YamlStyle => FrontMatter::Yaml,
                    MetadataBlockKind::PlusesStyle => FrontMatter::Toml,
                };
                self.metadata = Some((syntax, None));
                self.skip_depth += 1;
            }
            Tag::Link { link_type, .. } => {
                if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    self.target().push_mask(range.into());
                    self.links.push(true);
                    self.skip_depth += 1;
                } else {
                    self.links.push(false);
                    if self.image_depth == 0 {
                        self.target().begin_inline(Scope::Link);
                    }
                }
            }
            Tag::Image { dest_url, .. } => {
                if self.image_depth == 0 {
                    // The image stands in its sentence as one neutral word.
                    let span = SourceSpan::from(range);
                    self.target().push_mask(span);
                    self.alt = Some(SegmentBuilder::new());
                    self.image = Some((span, dest_url.into_string()));
                }
                self.image_depth += 1;
            }
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell => self.flush(),
            TagEnd::BlockQuote(_) | TagEnd::Item | TagEnd::FootnoteDefinition => {
                self.flush();
                self.containers.pop();
            }
            TagEnd::List(_) | TagEnd::Table | TagEnd::TableHead | TagEnd::TableRow => self.flush(),
            TagEnd::Link => {
                let closes_text_link = self.links.pop() == Some(false) && self.image_depth == 0;
                if let (true, Some((builder, _))) = (closes_text_link, &mut self.current) {
                    builder.end_inline();
                }
            }
            TagEnd::Image => {
                self.image_depth = self.image_depth.saturating_sub(1);
                if self.image_depth > 0 {
                    return;
                }
                let alt = self.alt.take();
                // The visual checks judge the alt text as written, like an HTML `alt`: one
                // that is all URL, template tag or code (`![top10k_leaf_graph](…)`) is
                // there, though not prose.
                let written = alt.clone().map(|alt| alt.finish_verbatim(Scope::Alt));
                let prose = alt
                    .and_then(|alt| alt.finish(Scope::Alt, crate::read::mask::normalizing_edits));
                if let Some((span, src)) = self.image.take() {
                    self.document
                        .visuals
                        .images
                        .push(markdown_image(span, &src, written.as_ref()));
                }
                self.document.segments.extend(prose);
            }
            _ => {}
        }
    }
}

/// A Markdown image: `![alt](src)`. Its alternative text is what the brackets hold, as
/// written (`alt`, unmasked), white space folded and template tags left out, as an HTML
/// `alt` is read; an empty one stands right after `![`.
fn markdown_image(span: SourceSpan, src: &str, alt: Option<&Segment>) -> Image {
    let written = alt.map_or("", |segment| segment.text.as_str());
    let tags = template_tags(written);
    let mut text = String::new();
    let mut at = 0;
    for tag in tags.iter().chain([&(written.len()..written.len())]) {
        text.push_str(&written[at..tag.start]);
        text.push(' ');
        at = tag.end;
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let alt = match alt {
        Some(segment) if !written.trim().is_empty() => {
            let start = written.len() - written.trim_start().len();
            let end = written.trim_end().len();
            Alt {
                text,
                dynamic: !tags.is_empty(),
                span: segment.source_range(TextRange::new(start, end)),
            }
        }
        _ => Alt {
            text: String::new(),
            dynamic: false,
            span: SourceSpan::at(span.start + 2),
        },
    };
    Image {
        names: Image::names_of(src, &[]),
        spacer: Image::is_spacer_file(src),
        decorative: false,
        alt: Some(alt),
        span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each segment as (scope, text, the source bytes it spans).
    fn segments(source: &str) -> Vec<(Scope, String, String)> {
        read(source, true).outline(source)
    }

    fn texts(source: &str) -> Vec<(Scope, String)> {
        segments(source)
            .into_iter()
            .map(|(s, t, _)| (s, t))
            .collect()
    }

    #[test]
    fn blocks_get_their_scopes() {
        let source = "# Title\n\nBody *text*.\n\n- one\n- two\n\n> quoted\n\n| a | b |\n|---|---|\n| c | d |\n";
        assert_eq!(
            texts(source),
            [
                (Scope::Heading, "Title".into()),
                (Scope::Paragraph, "Body text.".into()),
                (Scope::List, "one".into()),
                (Scope::List, "two".into()),
                (Scope::Blockquote, "quoted".into()),
                (Scope::Table, "a".into()),
                (Scope::Table, "b".into()),
                (Scope::Table, "c".into()),
                (Scope::Table, "d".into()),
            ]
        );
    }

    #[test]
    fn links_join_the_sentence_with_an_inline_scope() {
        let document = read("Click [here](/x) now.\n", true);
        let segment = &document.segments[0];
        assert_eq!(segment.text, "Click here now.");
        assert_eq!(
            segment.inline_scopes,
            vec![(TextRange::new(6, 10), Scope::Link)]
        );
    }

    #[test]
    fn image_alt_text_is_its_own_segment() {
        assert_eq!(
            texts("Our ![Acme logo](logo.png) team.\n"),
            [
                (Scope::Paragraph, "Our \u{FFFC} team.".into()),
                (Scope::Alt, "Acme logo".into())
            ]
        );
    }

    #[test]
    fn code_autolinks_and_html_are_not_prose_but_html_blocks_are_read() {
        let source = "Run `x` via <https://a.io> or <b>bold</b>\n\n```\ncode\n```\n\n\
                      <div>\nblock <code>x</code>\n</div>\n";
        let block = source.find("block").unwrap();
        assert_eq!(
            segments(source),
            [
                (
                    Scope::Paragraph,
                    "Run \u{FFFC} via \u{FFFC} or bold".into(),
                    source[..37].into()
                ),
                (
                    Scope::Paragraph,
                    "block \u{FFFC}".into(),
                    source[block..block + 20].into()
                )
            ]
        );
    }

    #[test]
    fn entities_escapes_and_breaks_map_to_their_source() {
        let source = "AT&amp;T \\*not\\* a\nbreak";
        assert_eq!(
            segments(source),
            [(Scope::Paragraph, "AT&T *not* a break".into(), source.into())]
        );
        let document = read(source, true);
        let segment = &document.segments[0];
        assert_eq!(
            segment.source_range((2..3).into()).range(),
            2..7,
            "the entity maps as a whole"
        );
        assert_eq!(
            segment.source_range((5..10).into()).range(),
            10..16,
            "escapes map past the backslash"
        );
    }

    #[test]
    fn an_inline_tag_over_lines_of_a_blockquote_points_at_the_whole_tag() {
        // The parser hands over the tag without the second line's `> `; positions in that
        // text are not the file's, so the image and its alt text point at the whole tag.
        let source = "> Logo: <img src=\"acme-logo.png\"\n> alt=\"Acme Logo\"> here\n";
        let tag = source.find("<img").unwrap()..source.find(" here").unwrap();
        let images = read(source, true).visuals.images;
        assert_eq!(images.len(), 1);
        assert_eq!(images[0].span.range(), tag);
        let alt = images[0].alt.as_ref().unwrap();
        assert_eq!((alt.text.as_str(), alt.span.range()), ("Acme Logo", tag));
        // On one line the tag is the file's own bytes, and its positions exact.
        let source = "> Logo: <img src=\"acme-logo.png\" alt=\"Acme Logo\"> here\n";
        let image = &read(source, true).visuals.images[0];
        assert_eq!(
            &source[image.span.range()],
            "<img src=\"acme-logo.png\" alt=\"Acme Logo\">"
        );
        assert_eq!(
            &source[image.alt.as_ref().unwrap().span.range()],
            "Acme Logo"
        );
    }

    #[test]
    fn an_image_alt_that_is_all_masked_is_alt_text_but_not_prose() {
        let source = "![top10k_leaf_graph](leaf.png) ![https://acme.io/leaf](leaf.png) \
                      ![ {{ name }} logo ](a.png) ![ ](b.png)\n";
        let document = read(source, true);
        let alts: Vec<_> = document
            .visuals
            .images
            .iter()
            .map(|image| {
                let alt = image.alt.as_ref().unwrap();
                (alt.text.as_str(), alt.dynamic, &source[alt.span.range()])
            })
            .collect();
        assert_eq!(
            alts,
            [
                ("top10k_leaf_graph", false, "top10k_leaf_graph"),
                ("https://acme.io/leaf", false, "https://acme.io/leaf"),
                ("logo", true, "{{ name }} logo"),
                ("", false, "")
            ]
        );
        let prose: Vec<_> = document.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(prose, ["\u{FFFC} logo"]);
    }

    #[test]
    fn front_matter_prose_keys_are_read_and_the_rest_skipped() {
        let source = "---\ntitle: Hello Github\nauthor: Github\n---\n\nBody\n";
        assert_eq!(
            segments(source),
            [
                (Scope::Title, "Hello Github".into(), "Hello Github".into()),
                (Scope::Paragraph, "Body".into(), "Body".into())
            ]
        );
        let toml = "\u{feff}+++\nsummary = \"Short\"\n+++\nBody\n";
        assert_eq!(
            texts(toml),
            [
                (Scope::Description, "Short".into()),
                (Scope::Paragraph, "Body".into())
            ]
        );
    }

    #[test]
    fn directives_come_from_block_and_inline_comments() {
        let source = "<!-- brandlint-disable -->\n\nText <!-- brandlint-enable banned --> more\n";
        let directives = read(source, true).directives;
        assert_eq!(directives.len(), 2);
        assert_eq!(
            &source[directives[0].span.range()],
            "<!-- brandlint-disable -->"
        );
        assert_eq!(directives[1].rules, "banned");
    }

    #[test]
    fn a_block_that_is_one_comment_reads_as_the_html_reader_reads_it() {
        let lone = [
            "<!-- brandlint-disable banned -->\n",
            "  <!--\nbrandlint-disable-next-line\n-->\n",
            "<!---->",
            "<!-- a <!-- b --->",
            "<!-- more -->\r\n",
        ];
        let not_lone = [
            "<!-->",
            "<!--->-->",
            "<!-- a --> b",
            "<!-- a --> <!-- brandlint-disable -->",
            "<!-- a --!> <p>Github</p> -->",
            "<!-- {# brandlint-disable #} -->",
            "<!-- <%= x %> -->",
            "<!-- a",
        ];
        for block in lone.iter().chain(&not_lone) {
            let expected = is_lone_comment(block);
            assert_eq!(expected, lone.contains(block), "{block:?}");
            if !expected {
                continue;
            }
            // What the shortcut gives (only the directives) is all the HTML reader finds.
            let full = html::read(block, &HtmlOptions::default());
            assert!(full.segments.is_empty(), "{block:?}");
            let visuals = &full.visuals;
            assert!(
                visuals.images.is_empty() && visuals.colors.is_empty(),
                "{block:?}"
            );
            let spans = |found: Vec<crate::document::Directive>| -> Vec<_> {
                found.into_iter().map(|d| (d.span, d.rules)).collect()
            };
            assert_eq!(
                spans(html_comment_directives(block, 0..block.len())),
                spans(full.directives),
                "{block:?}"
            );
        }
        let post = "Intro\n\n<!-- brandlint-disable banned -->\n\nText\n";
        let directives = read(post, true).directives;
        assert_eq!(
            &post[directives[0].span.range()],
            "<!-- brandlint-disable banned -->"
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let source = format!("{}deep\n", "> ".repeat(10_000));
        assert_eq!(texts(&source), [(Scope::Blockquote, "deep".into())]);
        let brackets = format!("{}x{}", "[".repeat(50_000), "]".repeat(50_000));
        assert!(!read(&brackets, true).segments.is_empty());
    }

    #[test]
    fn markdown_between_html_blockquote_tags_is_quoted() {
        let source = "Before.\n\n<blockquote>\n\nQuoted *words*.\n\n</blockquote>\n\nAfter.\n";
        assert_eq!(
            texts(source),
            [
                (Scope::Paragraph, "Before.".into()),
                (Scope::Blockquote, "Quoted words.".into()),
                (Scope::Paragraph, "After.".into()),
            ]
        );
    }

    #[test]
    fn a_list_inside_a_block_quote_is_quoted_and_a_list_outside_is_not() {
        let source = "> Said:\n>\n> * **Diffusion**: no one acts.\n\n* Our own item.\n";
        assert_eq!(
            texts(source),
            [
                (Scope::Blockquote, "Said:".into()),
                (Scope::Blockquote, "Diffusion: no one acts.".into()),
                (Scope::List, "Our own item.".into()),
            ]
        );
    }
}
