//! The element tree of an HTML document, built from html5gum's tokenizer events (which carry
//! exact byte spans) with HTML's implied end tags applied: `<p>a<p>b`, `<li>`, `<td>`, `<tr>`,
//! `<dd>`, `<option>` close what the HTML standard says they close, so scopes and ignored
//! regions never bleed past an unclosed element. Built without recursion, so any nesting
//! depth is safe.

use std::borrow::Cow;
use std::convert::Infallible;
use std::ops::Range;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};

/// Index of a node in [`Tree::nodes`].
pub type NodeId = usize;

/// An attribute, with the byte range of its value in the source when it has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribute {
    /// Lower-case name.
    pub name: String,
    /// The value, entities decoded.
    pub value: String,
    /// Where the raw value stands in the source, without quotes.
    pub value_span: Option<Range<usize>>,
}

/// An element.
#[derive(Clone, Debug)]
pub struct Element {
    /// Lower-case tag name.
    pub name: String,
    /// Its attributes, in source order.
    pub attributes: Vec<Attribute>,
    /// From the start of its start tag to the end of its end tag (or where it was implicitly
    /// closed).
    pub span: Range<usize>,
}

impl Element {
    /// The value of an attribute.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.value.as_str())
    }

    /// The element's classes: `class`, and MJML's `css-class`.
    pub fn classes(&self) -> impl Iterator<Item = &str> {
        ["class", "css-class"]
            .into_iter()
            .filter_map(|name| self.attribute(name))
            .flat_map(str::split_ascii_whitespace)
    }
}

/// What a node is.
#[derive(Clone, Debug)]
pub enum NodeKind {
    /// The document itself.
    Root,
    /// An element.
    Element(Element),
    /// Text, as the byte range of its raw (undecoded) source.
    Text(Range<usize>),
    /// A comment, as the byte range of the whole `<!-- -->`.
    Comment(Range<usize>),
}

/// A node and its place in the tree. Children are linked through their siblings, so no
/// node holds a list of its own and a sibling is one step away however many there are.
#[derive(Clone, Debug)]
pub struct Node {
    /// Its parent; `None` for the root.
    pub parent: Option<NodeId>,
    /// Its first and last children.
    pub first_child: Option<NodeId>,
    /// See `first_child`.
    pub last_child: Option<NodeId>,
    /// The siblings just before and after it.
    pub previous_sibling: Option<NodeId>,
    /// See `previous_sibling`.
    pub next_sibling: Option<NodeId>,
    /// Depth below the root.
    pub depth: usize,
    /// What it is.
    pub kind: NodeKind,
}

impl Node {
    fn new(parent: Option<NodeId>, depth: usize, kind: NodeKind) -> Self {
        Self {
            parent,
            first_child: None,
            last_child: None,
            previous_sibling: None,
            next_sibling: None,
            depth,
            kind,
        }
    }
}

/// The document's nodes; node 0 is the root.
#[derive(Debug)]
pub struct Tree {
    /// Every node.
    pub nodes: Vec<Node>,
}

impl Tree {
    /// The element of a node, if it is one.
    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes[id].kind {
            NodeKind::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The children of a node, last first: the order a walk pushes them on its stack.
    pub fn children_last_first(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.nodes[id].last_child, |&c| {
            self.nodes[c].previous_sibling
        })
    }
}

/// Elements that never have content.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
            | "basefont"
            | "bgsound"
            | "frame"
    )
}

/// Start tags that close an open `<p>` (HTML's "close a p element" list).
fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
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
            | "header"
            | "hgroup"
            | "hr"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "ul"
            | "li"
            | "dd"
            | "dt"
            | "listing"
            | "xmp"
            | "plaintext"
            | "search"
    )
}

/// Elements that bound the search for an open `<li>`, `<dd>` or `<dt>` (HTML's "special"
/// elements, less address, div and p).
fn bounds_list_items(name: &str) -> bool {
    matches!(
        name,
        "applet"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "button"
            | "caption"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "dl"
            | "fieldset"
            | "figure"
            | "footer"
            | "form"
            | "header"
            | "html"
            | "main"
            | "marquee"
            | "menu"
            | "nav"
            | "object"
            | "ol"
            | "section"
            | "select"
            | "table"
            | "tbody"
            | "td"
            | "template"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}

/// Elements that bound "button scope" when looking for an open `<p>`.
fn bounds_p_scope(name: &str) -> bool {
    matches!(
        name,
        "applet"
            | "button"
            | "caption"
            | "html"
            | "marquee"
            | "object"
            | "table"
            | "td"
            | "template"
            | "th"
    )
}

/// Elements that bound "table scope".
fn bounds_table_scope(name: &str) -> bool {
    matches!(name, "html" | "table" | "template")
}

struct Builder<'s> {
    source: &'s str,
    tree: Tree,
    /// Open elements, innermost last (node ids).
    open: Vec<NodeId>,
    /// How many elements of each name are open, so that looking for one that is not open
    /// costs nothing (a search of the whole stack each time would be quadratic in depth).
    /// Hashed with foldhash: names are short, and its per-process seed still keeps content
    /// from choosing names that collide.
    open_count: foldhash::HashMap<String, usize>,
}

impl Builder<'_> {
    fn name_of(&self, id: NodeId) -> &str {
        self.tree.element(id).map_or("", |e| e.name.as_str())
    }

    fn current(&self) -> NodeId {
        self.open.last().copied().unwrap_or(0)
    }

    fn append(&mut self, kind: NodeKind) -> NodeId {
        let parent = self.current();
        let id = self.tree.nodes.len();
        let depth = self.tree.nodes[parent].depth + 1;
        let mut node = Node::new(Some(parent), depth, kind);
        node.previous_sibling = self.tree.nodes[parent].last_child;
        self.tree.nodes.push(node);
        if let Some(previous) = self.tree.nodes[parent].last_child {
            self.tree.nodes[previous].next_sibling = Some(id);
        } else {
            self.tree.nodes[parent].first_child = Some(id);
        }
        self.tree.nodes[parent].last_child = Some(id);
        id
    }

    /// Closes open elements from the innermost out to and including position `index` of the
    /// open stack, ending each at `at`.
    fn close_to(&mut self, index: usize, at: usize) {
        while self.open.len() > index {
            let id = self.open.pop().expect("non-empty");
            if let NodeKind::Element(e) = &mut self.tree.nodes[id].kind {
                e.span.end = e.span.end.max(at);
                if let Some(count) = self.open_count.get_mut(&e.name) {
                    *count = count.saturating_sub(1);
                }
            }
        }
    }

    /// The position in the open stack of the innermost element named one of `names`, looking
    /// no further out than an element named one of `boundary`.
    fn find_open(&self, names: &[&str], boundary: fn(&str) -> bool) -> Option<usize> {
        if names
            .iter()
            .all(|n| self.open_count.get(*n).is_none_or(|&c| c == 0))
        {
            return None;
        }
        for (index, &id) in self.open.iter().enumerate().rev() {
            let name = self.name_of(id);
            if names.contains(&name) {
                return Some(index);
            }
            if boundary(name) {
                return None;
            }
        }
        None
    }

    fn start_tag(
        &mut self,
        name: String,
        attributes: Vec<Attribute>,
        span: Range<usize>,
        self_closing: bool,
    ) {
        let at = span.start;
        let n = name.as_str();
        if closes_p(n) {
            if let Some(index) = self.find_open(&["p"], bounds_p_scope) {
                self.close_to(index, at);
            }
        }
        match n {
            "li" => {
                if let Some(index) = self.find_open(&["li"], bounds_list_items) {
                    self.close_to(index, at);
                }
            }
            "dd" | "dt" => {
                if let Some(index) = self.find_open(&["dd", "dt"], bounds_list_items) {
                    self.close_to(index, at);
                }
            }
            "td" | "th" => {
                if let Some(index) = self.find_open(&["td", "th"], bounds_table_scope) {
                    self.close_to(index, at);
                }
            }
            "tr" => {
                if let Some(index) = self.find_open(&["tr"], bounds_table_scope) {
                    self.close_to(index, at);
                }
            }
            "thead" | "tbody" | "tfoot" => {
                if let Some(index) =
                    self.find_open(&["thead", "tbody", "tfoot"], bounds_table_scope)
                {
                    self.close_to(index, at);
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                if matches!(
                    self.name_of(self.current()),
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                ) {
                    let index = self.open.len() - 1;
                    self.close_to(index, at);
                }
            }
            "option" | "optgroup" => {
                while matches!(self.name_of(self.current()), "option")
                    || (n == "optgroup" && self.name_of(self.current()) == "optgroup")
                {
                    let index = self.open.len() - 1;
                    self.close_to(index, at);
                }
            }
            "a" => {
                if let Some(index) = self.find_open(&["a"], bounds_table_scope) {
                    self.close_to(index, at);
                }
            }
            _ => {}
        }
        // Self-closing syntax counts for custom elements (MJML's `<mj-image />`), as XML-ish
        // templates expect; HTML's own elements ignore it, as browsers do.
        let empty = is_void(n) || (self_closing && (n.contains('-') || n.contains(':')));
        if !empty {
            // Counted under a copy of the name only the first time it opens.
            match self.open_count.get_mut(&name) {
                Some(count) => *count += 1,
                None => {
                    self.open_count.insert(name.clone(), 1);
                }
            }
        }
        let id = self.append(NodeKind::Element(Element {
            name,
            attributes,
            span: span.clone(),
        }));
        if !empty {
            self.open.push(id);
        }
    }

    fn end_tag(&mut self, name: &str, span: Range<usize>) {
        let boundary: fn(&str) -> bool = if matches!(
            name,
            "td" | "th" | "tr" | "tbody" | "thead" | "tfoot" | "table"
        ) {
            |open| matches!(open, "html" | "template")
        } else {
            |_| false
        };
        if let Some(index) = self.find_open(&[name], boundary) {
            self.close_to(index, span.end);
        }
    }
}

/// Where an attribute's value stands within the source slice of the whole attribute
/// (`name="value"`, `name='value'`, `name=value`), without quotes.
fn value_span(source: &str, attribute: Range<usize>) -> Option<Range<usize>> {
    let text = source.get(attribute.clone())?;
    let equals = text.find('=')?;
    let after = &text[equals + 1..];
    let skipped = after.len() - after.trim_start().len();
    let start = attribute.start + equals + 1 + skipped;
    let rest = &source[start..attribute.end];
    match rest.chars().next() {
        Some(quote @ ('"' | '\'')) => {
            let close = source[start + 1..].find(quote)?;
            Some(start + 1..start + 1 + close)
        }
        Some(_) => {
            let end = rest
                .find(|c: char| c.is_ascii_whitespace() || c == '>')
                .unwrap_or(rest.len());
            Some(start..start + end)
        }
        None => None,
    }
}

/// A start tag being read from the tokenizer's events: its name, where it starts, and its
/// attributes so far. Of two attributes with one name the first wins, as HTML says.
#[derive(Default)]
struct PendingTag {
    name: String,
    start: usize,
    attributes: Vec<Attribute>,
    /// The names in `attributes`, so that finding a repeated one costs the same however
    /// many the tag has (a search of the list each time would be quadratic in attributes).
    /// Hashed with foldhash, whose per-process seed keeps content from choosing names that
    /// collide.
    names: foldhash::HashSet<String>,
    /// Where the attribute read last starts, unless its name repeats an earlier one (then its
    /// value is dropped).
    kept_attribute_start: Option<usize>,
}

impl PendingTag {
    /// Takes in one tokenizer event, passing finished tags, text and comments to `builder`.
    fn event(&mut self, builder: &mut Builder<'_>, event: CallbackEvent<'_>, span: Range<usize>) {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.name = text_of(name).into_owned();
                self.start = span.start;
            }
            CallbackEvent::AttributeName { name } => {
                let name = text_of(name);
                let repeated = self.names.contains(name.as_ref());
                self.kept_attribute_start = (!repeated).then_some(span.start);
                if !repeated {
                    self.names.insert(name.clone().into_owned());
                    self.attributes.push(Attribute {
                        name: name.into_owned(),
                        value: String::new(),
                        value_span: None,
                    });
                }
            }
            CallbackEvent::AttributeValue { value } => {
                if let (Some(start), Some(attribute)) =
                    (self.kept_attribute_start, self.attributes.last_mut())
                {
                    attribute.value.push_str(&text_of(value));
                    // The event spans the value without its closing quote.
                    attribute.value_span = value_span(builder.source, start..span.end + 1);
                }
            }
            CallbackEvent::CloseStartTag { self_closing } => {
                let attributes = std::mem::take(&mut self.attributes);
                self.names.clear();
                self.kept_attribute_start = None;
                let name = std::mem::take(&mut self.name);
                builder.start_tag(name, attributes, self.start..span.end, self_closing);
            }
            CallbackEvent::EndTag { name } => {
                self.attributes.clear();
                self.names.clear();
                self.kept_attribute_start = None;
                builder.end_tag(&text_of(name), span);
            }
            CallbackEvent::String { .. } => {
                builder.append(NodeKind::Text(span));
            }
            CallbackEvent::Comment { .. } => {
                builder.append(NodeKind::Comment(span));
            }
            CallbackEvent::Doctype { .. } | CallbackEvent::Error(_) => {}
        }
    }
}

/// A name or value from the tokenizer as text. It is always UTF-8, read from a `&str`; the
/// tokenizer has already lower-cased the ASCII letters of tag and attribute names, as HTML
/// does.
fn text_of(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Parses `source` (already masked: template tags blanked to spaces) into a tree. The
/// tokenizer's events go straight into the tree, borrowed, so no token is built and dropped
/// on the way.
pub fn parse(source: &str) -> Tree {
    let mut builder = Builder {
        source,
        tree: Tree {
            // Room for a node per dozen bytes, which most markup does not outgrow; a large
            // page grows from there.
            nodes: Vec::with_capacity((1 + source.len() / 12).min(4096)),
        },
        open: Vec::new(),
        open_count: foldhash::HashMap::default(),
    };
    builder.tree.nodes.push(Node::new(None, 0, NodeKind::Root));
    let mut tag = PendingTag::default();
    let mut emitter = CallbackEmitter::new(
        |event: CallbackEvent<'_>, span: Span<usize>| -> Option<Infallible> {
            tag.event(&mut builder, event, span.start..span.end);
            None
        },
    );
    emitter.naively_switch_states(true);
    Tokenizer::new_with_emitter(source, emitter).for_each(drop);
    builder.close_to(0, source.len());
    builder.tree
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as nested names, text as its source, for assertions.
    fn outline(source: &str) -> String {
        let tree = parse(source);
        let mut out = String::new();
        let mut stack = vec![(0, false)];
        while let Some((id, leaving)) = stack.pop() {
            let node = &tree.nodes[id];
            match (&node.kind, leaving) {
                (NodeKind::Element(e), false) => {
                    out.push_str(&format!("<{}>", e.name));
                    stack.push((id, true));
                    stack.extend(tree.children_last_first(id).map(|c| (c, false)));
                }
                (NodeKind::Element(e), true) => out.push_str(&format!("</{}>", e.name)),
                (NodeKind::Text(r), _) => out.push_str(&source[r.clone()]),
                (NodeKind::Comment(_), _) => out.push_str("<!>"),
                (NodeKind::Root, _) => {
                    stack.extend(tree.children_last_first(id).map(|c| (c, false)))
                }
            }
        }
        out
    }

    #[test]
    fn implied_end_tags_close_paragraphs_items_and_cells() {
        assert_eq!(
            outline("<p>a<p>b<div>c</div>"),
            "<p>a</p><p>b</p><div>c</div>"
        );
        assert_eq!(
            outline("<ul><li>a<li>b</ul>x"),
            "<ul><li>a</li><li>b</li></ul>x"
        );
        assert_eq!(
            outline("<table><tr><td>a<td>b<tr><td>c</table>"),
            "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"
        );
        assert_eq!(
            outline("<dl><dt>a<dd>b<dt>c</dl>"),
            "<dl><dt>a</dt><dd>b</dd><dt>c</dt></dl>"
        );
    }

    #[test]
    fn names_are_lower_case_however_written() {
        let source = "<DIV Class=x><P>a<Img ALT='Logo' SRC=l.png></DIV>";
        assert_eq!(outline(source), "<div><p>a<img></img></p></div>");
        let tree = parse(source);
        let img = (0..tree.nodes.len())
            .find_map(|id| tree.element(id).filter(|e| e.name == "img"))
            .expect("the image is an element");
        let names: Vec<_> = img.attributes.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["alt", "src"]);
        assert_eq!(img.attribute("alt"), Some("Logo"));
        assert_eq!(
            tree.element(1).and_then(|e| e.attribute("class")),
            Some("x")
        );
    }

    #[test]
    fn stray_end_tags_and_void_elements_do_not_unbalance() {
        assert_eq!(
            outline("<p>a</span>b<br>c</p></p>"),
            "<p>a</span>b<br></br>c</p>".replace("</span>", "")
        );
        assert_eq!(
            outline("<mj-image src=x /><mj-text>t</mj-text>"),
            "<mj-image></mj-image><mj-text>t</mj-text>"
        );
    }

    #[test]
    fn attribute_values_keep_their_source_spans() {
        let source = r#"<img alt="Acme &amp; co" title='x' data-n=5 hidden alt=again ALT=x>"#;
        let tree = parse(source);
        let img = tree.element(1).unwrap();
        let spans: Vec<_> = img
            .attributes
            .iter()
            .map(|a| {
                (
                    a.name.as_str(),
                    a.value.as_str(),
                    a.value_span.clone().map(|r| &source[r]),
                )
            })
            .collect();
        assert_eq!(
            spans,
            [
                ("alt", "Acme & co", Some("Acme &amp; co")),
                ("title", "x", Some("x")),
                ("data-n", "5", Some("5")),
                ("hidden", "", None),
            ]
        );
    }

    #[test]
    fn deep_nesting_is_built_without_recursion() {
        let source = "<div>".repeat(100_000) + "deep";
        let tree = parse(&source);
        assert_eq!(tree.nodes.len(), 100_002);
        assert_eq!(tree.nodes.last().unwrap().depth, 100_001);
    }
}
