//! CSS selectors (`ignore_selectors`) matched against the span-keeping tree: the `selectors`
//! crate does the matching, with scraper's selector types and parser, over [`Tree`] nodes.

use selectors::attr::{AttrSelectorOperation, CaseSensitivity, NamespaceConstraint};
use selectors::bloom::BloomFilter;
use selectors::matching::{self, MatchingContext};
use selectors::parser::{ParseRelative, SelectorList};
use selectors::{Element, OpaqueElement, SelectorImpl};

use super::tree::{NodeId, NodeKind, Tree};
use scraper::selector::{CssLocalName, CssString, NonTSPseudoClass, Parser, PseudoElement, Simple};

/// A parsed selector list, such as `.legal, [data-brandlint-ignore]`.
#[derive(Clone, Debug)]
pub struct Selector(SelectorList<Simple>);

impl Selector {
    /// Parses CSS selector syntax; the error names what is wrong.
    pub fn parse(css: &str) -> Result<Self, String> {
        let mut parser = cssparser::Parser::new(css);
        SelectorList::parse(&Parser, &mut parser, ParseRelative::No)
            .map(Selector)
            .map_err(|e| format!("invalid CSS selector: {:?}", e.kind))
    }
}

/// Elements deeper than this are not matched themselves (they still inherit an ignored
/// ancestor): descendant selectors walk every ancestor, which on hostile nesting would cost
/// the square of the depth.
const MAX_MATCH_DEPTH: usize = 512;

/// For every node, whether it or an ancestor matches one of `selectors`.
pub fn ignored_nodes(tree: &Tree, selectors: &[Selector]) -> Vec<bool> {
    let mut ignored = vec![false; tree.nodes.len()];
    if selectors.is_empty() {
        return ignored;
    }
    let mut caches = matching::SelectorCaches::default();
    // Nodes are stored parents first, so one pass in order sees every parent before its child.
    for id in 0..tree.nodes.len() {
        let node = &tree.nodes[id];
        if node.parent.is_some_and(|p| ignored[p]) {
            ignored[id] = true;
            continue;
        }
        if node.depth > MAX_MATCH_DEPTH || !matches!(node.kind, NodeKind::Element(_)) {
            continue;
        }
        let mut context = MatchingContext::new(
            matching::MatchingMode::Normal,
            None,
            &mut caches,
            matching::QuirksMode::NoQuirks,
            matching::NeedsSelectorFlags::No,
            matching::MatchingForInvalidation::No,
        );
        let element = ElementRef { tree, id };
        ignored[id] = selectors.iter().any(|list| {
            list.0
                .slice()
                .iter()
                .any(|s| matching::matches_selector(s, 0, None, &element, &mut context))
        });
    }
    ignored
}

/// A tree element as the `selectors` crate sees it.
#[derive(Clone, Copy, Debug)]
struct ElementRef<'t> {
    tree: &'t Tree,
    id: NodeId,
}

impl<'t> ElementRef<'t> {
    fn element(&self) -> &'t super::tree::Element {
        self.tree
            .element(self.id)
            .expect("an ElementRef is an element")
    }

    fn wrap(tree: &'t Tree, id: NodeId) -> Option<Self> {
        tree.element(id).map(|_| ElementRef { tree, id })
    }

    /// The nearest element along a chain of nodes starting at `first`.
    fn find_element(
        tree: &'t Tree,
        first: Option<NodeId>,
        step: impl Fn(&super::tree::Node) -> Option<NodeId>,
    ) -> Option<Self> {
        std::iter::successors(first, |&id| step(&tree.nodes[id]))
            .find_map(|id| ElementRef::wrap(tree, id))
    }
}

impl Element for ElementRef<'_> {
    type Impl = Simple;

    fn opaque(&self) -> OpaqueElement {
        OpaqueElement::new(&self.tree.nodes[self.id])
    }

    fn parent_element(&self) -> Option<Self> {
        self.tree.nodes[self.id]
            .parent
            .and_then(|p| ElementRef::wrap(self.tree, p))
    }

    fn parent_node_is_shadow_root(&self) -> bool {
        false
    }

    fn containing_shadow_host(&self) -> Option<Self> {
        None
    }

    fn is_pseudo_element(&self) -> bool {
        false
    }

    fn prev_sibling_element(&self) -> Option<Self> {
        let first = self.tree.nodes[self.id].previous_sibling;
        ElementRef::find_element(self.tree, first, |node| node.previous_sibling)
    }

    fn next_sibling_element(&self) -> Option<Self> {
        let first = self.tree.nodes[self.id].next_sibling;
        ElementRef::find_element(self.tree, first, |node| node.next_sibling)
    }

    fn first_element_child(&self) -> Option<Self> {
        let first = self.tree.nodes[self.id].first_child;
        ElementRef::find_element(self.tree, first, |node| node.next_sibling)
    }

    fn is_html_element_in_html_document(&self) -> bool {
        true
    }

    fn has_local_name(&self, name: &<Simple as SelectorImpl>::BorrowedLocalName) -> bool {
        self.element().name == *name.0
    }

    fn has_namespace(&self, _: &<Simple as SelectorImpl>::BorrowedNamespaceUrl) -> bool {
        true
    }

    fn is_same_type(&self, other: &Self) -> bool {
        self.element().name == other.element().name
    }

    fn attr_matches(
        &self,
        _ns: &NamespaceConstraint<&<Simple as SelectorImpl>::NamespaceUrl>,
        local_name: &CssLocalName,
        operation: &AttrSelectorOperation<&CssString>,
    ) -> bool {
        self.element()
            .attributes
            .iter()
            .any(|a| a.name == *local_name.0 && operation.eval_str(&a.value))
    }

    fn match_non_ts_pseudo_class(
        &self,
        class: &NonTSPseudoClass,
        _: &mut MatchingContext<'_, Simple>,
    ) -> bool {
        match *class {}
    }

    fn match_pseudo_element(
        &self,
        element: &PseudoElement,
        _: &mut MatchingContext<'_, Simple>,
    ) -> bool {
        match *element {}
    }

    fn apply_selector_flags(&self, _: matching::ElementSelectorFlags) {}

    fn is_link(&self) -> bool {
        self.element().name == "a" && self.element().attribute("href").is_some()
    }

    fn is_html_slot_element(&self) -> bool {
        false
    }

    fn has_id(&self, id: &CssLocalName, case_sensitivity: CaseSensitivity) -> bool {
        self.element()
            .attribute("id")
            .is_some_and(|v| case_sensitivity.eq(v.as_bytes(), id.0.as_bytes()))
    }

    fn has_class(&self, name: &CssLocalName, case_sensitivity: CaseSensitivity) -> bool {
        self.element().attribute("class").is_some_and(|classes| {
            classes
                .split_ascii_whitespace()
                .any(|c| case_sensitivity.eq(c.as_bytes(), name.0.as_bytes()))
        })
    }

    fn has_custom_state(&self, _: &CssLocalName) -> bool {
        false
    }

    fn imported_part(&self, _: &CssLocalName) -> Option<CssLocalName> {
        None
    }

    fn is_part(&self, _: &CssLocalName) -> bool {
        false
    }

    fn is_empty(&self) -> bool {
        self.tree.nodes[self.id].first_child.is_none()
    }

    fn is_root(&self) -> bool {
        self.tree.nodes[self.id].parent == Some(0)
    }

    fn add_element_unique_hashes(&self, _: &mut BloomFilter) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::html::tree::parse;

    fn ignored_text(source: &str, css: &str) -> Vec<String> {
        let tree = parse(source);
        let selectors = [Selector::parse(css).unwrap()];
        let ignored = ignored_nodes(&tree, &selectors);
        tree.nodes
            .iter()
            .enumerate()
            .filter_map(|(id, node)| match &node.kind {
                NodeKind::Text(r) if ignored[id] => Some(source[r.clone()].to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn classes_attributes_and_combinators_select_regions() {
        let source = "<div class='legal x'>a<p>b</div><p data-brandlint-ignore>c<p>d\
                      <footer><p>e</p><span>f</span></footer>";
        assert_eq!(ignored_text(source, ".legal"), ["a", "b"]);
        assert_eq!(
            ignored_text(source, "[data-brandlint-ignore]"),
            ["c"],
            "the unclosed <p> ends at the next <p>"
        );
        assert_eq!(
            ignored_text(source, "footer > p, footer span:last-child"),
            ["e", "f"]
        );
    }

    #[test]
    fn sibling_selectors_over_many_siblings_take_linear_time() {
        // Each sibling is one step away: finding one by its position among all the
        // siblings made these quadratic (100,000 paragraphs took seconds, 200,000 minutes).
        // The positional ones (`:nth-child`) are linear too, through the matching caches,
        // but the selectors crate checks those caches the slow way in debug builds.
        let source = "<div>".to_string() + &"<p>x</p>".repeat(100_000) + "<p>last</p></div>";
        let tree = parse(&source);
        let ignored_elements = |css: &str| {
            let ignored = ignored_nodes(&tree, &[Selector::parse(css).unwrap()]);
            (0..tree.nodes.len())
                .filter(|&id| ignored[id] && tree.element(id).is_some())
                .count()
        };
        assert_eq!(ignored_elements("p + p"), 100_000);
        assert_eq!(ignored_elements("p ~ p"), 100_000);
        assert_eq!(ignored_elements("p:last-child"), 1);
        assert_eq!(ignored_elements("p:first-child"), 1);
    }

    #[test]
    fn bad_selectors_are_errors() {
        assert!(Selector::parse("p:hover").is_err());
        assert!(Selector::parse("..x").is_err());
    }
}
