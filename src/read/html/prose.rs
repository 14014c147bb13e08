//! From the element tree to prose segments: which elements start and end a run of prose,
//! which scope each gives, what is never prose, and which attribute values are prose.

use std::ops::Range;

use super::tree::{Element, NodeId, NodeKind, Tree};
use crate::document::{Document, SegmentBuilder};
use crate::model::{Scope, SourceSpan};
use crate::read::directives::html_comment_directives;
use crate::read::entities::push_html_text;

/// Elements whose content is never prose.
fn never_prose(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "code"
            | "pre"
            | "kbd"
            | "samp"
            | "template"
            | "noscript"
            | "svg"
            | "math"
            | "textarea"
            | "select"
            | "iframe"
            | "object"
            | "xmp"
            | "plaintext"
            | "mj-style"
            | "mj-attributes"
            | "mj-breakpoint"
            | "mj-font"
            | "mj-html-attributes"
            | "mj-raw"
    )
}

/// Elements that start and end a run of prose (besides every `mj-*` element).
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "button"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "li"
            | "legend"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "option"
            | "optgroup"
            | "p"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "title"
            | "tr"
            | "ul"
    )
}

/// Whether `haystack` holds `needle` (lower-case ASCII), ignoring ASCII case.
fn contains_ignoring_case(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Whether an element shows its `alt` text in place of an image: `<img>`, `<area>`,
/// `<input type=image>` and `<mj-image>`. Browsers show no other element's `alt`, so there
/// it is not prose (`<a alt="acme link">`).
fn shows_alt(name: &str, input_type: Option<&str>) -> bool {
    matches!(name, "img" | "area" | "mj-image") || (name == "input" && input_type == Some("image"))
}

/// A link styled as a button: a `button` role, or a class naming a button.
fn is_button_link(element: &Element) -> bool {
    element.attribute("role") == Some("button")
        || element
            .classes()
            .any(|c| contains_ignoring_case(c, "button") || contains_ignoring_case(c, "btn"))
}

/// Walks the tree of one document into its prose.
pub struct Walk<'a> {
    /// The original source (template tags not blanked).
    pub source: &'a str,
    /// The tree, parsed from the masked source.
    pub tree: &'a Tree,
    /// Nodes inside an ignored selector's region.
    pub ignored: &'a [bool],
    /// Template tags, sorted: masked wherever they stand in prose.
    pub templates: &'a [Range<usize>],
    /// Whether this is an email (layout tables, `<title>` as subject, footer classes).
    pub email: bool,
}

struct State {
    document: Document,
    current: Option<(SegmentBuilder, Scope)>,
    /// Scopes of the open blocks, innermost last, with the node that opened each.
    scopes: Vec<(NodeId, Scope)>,
}

impl State {
    fn flush(&mut self) {
        if let Some((builder, scope)) = self.current.take() {
            self.document
                .segments
                .extend(builder.finish(scope, crate::read::mask::normalizing_edits));
        }
    }

    fn container_scope(&self) -> Scope {
        self.scopes.last().map_or(Scope::Paragraph, |(_, s)| *s)
    }

    fn target(&mut self) -> &mut SegmentBuilder {
        let scope = self.container_scope();
        &mut self
            .current
            .get_or_insert_with(|| (SegmentBuilder::new(), scope))
            .0
    }
}

impl Walk<'_> {
    /// Pushes source text, masking the template tags inside it.
    fn push_text(&self, builder: &mut SegmentBuilder, range: Range<usize>) {
        let mut from = range.start;
        let first = self.templates.partition_point(|t| t.end <= range.start);
        for tag in &self.templates[first..] {
            if tag.start >= range.end {
                break;
            }
            if tag.start > from {
                push_html_text(builder, self.source, from..tag.start);
            }
            builder.push_mask(SourceSpan::new(
                tag.start.max(range.start),
                tag.end.min(range.end),
            ));
            from = tag.end.min(range.end);
        }
        if from < range.end {
            push_html_text(builder, self.source, from..range.end);
        }
    }

    /// The scope a block element gives its prose, or `None` for an inline element.
    fn block_scope(&self, element: &Element, container: Scope) -> Option<Scope> {
        let name = element.name.as_str();
        let class_or_id = |needle: &str| {
            element
                .classes()
                .chain(element.attribute("id"))
                .any(|v| contains_ignoring_case(v, needle))
        };
        let scope = if element
            .classes()
            .any(|c| contains_ignoring_case(c, "preheader"))
        {
            Scope::Preheader
        } else if self.email && class_or_id("footer") {
            Scope::Footer
        } else {
            match name {
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Scope::Heading,
                "li" | "dd" | "dt" => Scope::List,
                "td" | "th" | "caption" if !self.email => Scope::Table,
                "blockquote" => Scope::Blockquote,
                "footer" => Scope::Footer,
                "title" if self.email => Scope::Subject,
                "title" => Scope::Title,
                "mj-title" => Scope::Subject,
                "mj-preview" => Scope::Preheader,
                "button" | "mj-button" => Scope::Button,
                "mj-navbar-link" => Scope::Link,
                _ if is_block(name) || name.starts_with("mj-") => Scope::Paragraph,
                _ => return None,
            }
        };
        // A paragraph takes the scope of the list item, quote, cell or footer it stands in;
        // within a quote, lists and cells are quoted too: someone else's words.
        Some(match scope {
            Scope::Paragraph => container,
            Scope::List | Scope::Table if container == Scope::Blockquote => container,
            _ => scope,
        })
    }

    /// Segments for the attribute values of an element that are prose.
    fn attribute_prose(&self, element: &Element, container: Scope, state: &mut State) {
        let input_type = element.attribute("type").map(str::to_ascii_lowercase);
        for attribute in &element.attributes {
            let Some(span) = attribute.value_span.clone() else {
                continue;
            };
            let scope = match attribute.name.as_str() {
                // Alt text is prose only where a reader is shown it: in place of an image.
                "alt" if shows_alt(&element.name, input_type.as_deref()) => Scope::Alt,
                "title" | "aria-label" | "placeholder" => container,
                "value"
                    if element.name == "input"
                        && matches!(input_type.as_deref(), Some("submit" | "button" | "reset")) =>
                {
                    Scope::Button
                }
                "content" if element.name == "meta" => {
                    let key = element
                        .attribute("name")
                        .or_else(|| element.attribute("property"))
                        .unwrap_or("")
                        .to_ascii_lowercase();
                    // Social cards' titles summarize the page, as descriptions do.
                    match key.as_str() {
                        "description"
                        | "og:description"
                        | "twitter:description"
                        | "og:title"
                        | "twitter:title" => Scope::Description,
                        _ => continue,
                    }
                }
                _ => continue,
            };
            let mut builder = SegmentBuilder::new();
            self.push_text(&mut builder, span);
            state
                .document
                .segments
                .extend(builder.finish(scope, crate::read::mask::normalizing_edits));
        }
    }

    /// Walks the whole tree, iteratively, and returns the document.
    pub fn run(self, directives: Vec<crate::document::Directive>) -> Document {
        let mut state = State {
            document: Document {
                directives,
                ..Document::default()
            },
            current: None,
            scopes: Vec::new(),
        };
        let mut stack: Vec<(NodeId, bool)> = vec![(0, false)];
        while let Some((id, leaving)) = stack.pop() {
            let node = &self.tree.nodes[id];
            match &node.kind {
                NodeKind::Root => {
                    stack.extend(self.tree.children_last_first(id).map(|c| (c, false)));
                }
                NodeKind::Text(range) => {
                    // White space between blocks (the line breaks and indentation of the
                    // markup) would only be trimmed from the start of a segment.
                    let leading_white_space = state.current.is_none()
                        && (self.source.as_bytes().get(range.clone()))
                            .is_some_and(|text| text.iter().all(u8::is_ascii_whitespace));
                    if !self.ignored[id] && !leading_white_space {
                        let range = range.clone();
                        let builder = state.target();
                        self.push_text(builder, range);
                    }
                }
                NodeKind::Comment(range) => {
                    let found = html_comment_directives(self.source, range.clone());
                    state.document.directives.extend(found);
                }
                NodeKind::Element(element) if leaving => {
                    if state.scopes.last().is_some_and(|(opener, _)| *opener == id) {
                        state.flush();
                        state.scopes.pop();
                    } else if element.name == "a" {
                        if let Some((builder, _)) = &mut state.current {
                            builder.end_inline();
                            if is_button_link(element) {
                                builder.end_inline();
                            }
                        }
                    }
                }
                NodeKind::Element(element) => self.enter(id, element, &mut state, &mut stack),
            }
        }
        state.flush();
        state.document
    }

    fn enter(
        &self,
        id: NodeId,
        element: &Element,
        state: &mut State,
        stack: &mut Vec<(NodeId, bool)>,
    ) {
        let name = element.name.as_str();
        let container = state.container_scope();
        let block = self.block_scope(element, container);
        if self.ignored[id] {
            if block.is_some() {
                state.flush();
            }
            return;
        }
        // Attribute values are prose even where the content is not (a textarea's placeholder).
        self.attribute_prose(element, block.unwrap_or(container), state);
        if never_prose(name) {
            // Not prose: a block ends the run; inline code stands in its sentence as one word.
            match block {
                Some(_) => state.flush(),
                None if matches!(name, "code" | "kbd" | "samp") => {
                    state.target().push_mask(element.span.clone().into());
                }
                None => {}
            }
            return;
        }
        match name {
            "br" | "wbr" => {
                if name == "br" {
                    state.target().push_atomic(" ", element.span.clone().into());
                }
                return;
            }
            "img" | "input" | "mj-image" => {
                if block.is_none() {
                    state.target().push_mask(element.span.clone().into());
                } else {
                    state.flush();
                }
                return;
            }
            _ => {}
        }
        if let Some(scope) = block {
            state.flush();
            state.scopes.push((id, scope));
        } else if name == "a" {
            let builder = state.target();
            builder.begin_inline(Scope::Link);
            if is_button_link(element) {
                builder.begin_inline(Scope::Button);
            }
        }
        stack.push((id, true));
        stack.extend(self.tree.children_last_first(id).map(|c| (c, false)));
    }
}
