//! HTML pages and email templates (HTML, Handlebars, Liquid, Django, Mailchimp, AMPscript,
//! ERB, MJML). Template tags are found first and blanked to spaces of the same length, so the
//! HTML tokenizer never sees them and every offset stays a file offset; then the tokenizer's
//! events become a tree with HTML's implied end tags, `ignore_selectors` mark regions, and a walk
//! turns the tree into scoped prose in which each tag reads as one neutral word, and another
//! collects the colors, fonts and images the page shows.

pub mod prose;
pub mod select;
pub mod tree;
pub mod visual;

use std::ops::Range;

use crate::document::{Document, Visuals};
use crate::read::directives::template_comment_directives;
use crate::read::mask::template_tags;

pub use select::Selector;

/// How to read one HTML file.
#[derive(Clone, Copy, Debug, Default)]
pub struct HtmlOptions<'a> {
    /// Read as an email: layout tables are not table scope, `<title>` is the subject, and
    /// elements whose class or id names a footer are the footer.
    pub email: bool,
    /// Regions never checked.
    pub ignore_selectors: &'a [Selector],
    /// Leave out the colors, fonts and images: no visual check will read them.
    pub without_visuals: bool,
}

/// The source with every template tag (and a byte order mark) replaced by spaces.
fn blank(source: &str, templates: &[Range<usize>]) -> String {
    let mut bytes = source.as_bytes().to_vec();
    let bom = if source.starts_with('\u{feff}') {
        0..3
    } else {
        0..0
    };
    for range in templates.iter().chain(std::iter::once(&bom)) {
        bytes[range.clone()].fill(b' ');
    }
    String::from_utf8(bytes).expect("whole characters were replaced by ASCII spaces")
}

/// Reads an HTML page or email template.
pub fn read(source: &str, options: &HtmlOptions<'_>) -> Document {
    let templates = template_tags(source);
    let masked = blank(source, &templates);
    let tree = tree::parse(&masked);
    let ignored = select::ignored_nodes(&tree, options.ignore_selectors);
    let mut document = prose::Walk {
        source,
        tree: &tree,
        ignored: &ignored,
        templates: &templates,
        email: options.email,
    }
    .run(template_comment_directives(source, &templates));
    document.directives.sort_by_key(|d| d.span.start);
    if !options.without_visuals {
        document.visuals = visual::collect(&tree, source, &masked, &ignored);
    }
    document
}

/// The colors, fonts and images of an HTML fragment (a tag inline in Markdown), positions
/// relative to the fragment.
pub fn visuals(source: &str) -> Visuals {
    let templates = template_tags(source);
    let masked = blank(source, &templates);
    let tree = tree::parse(&masked);
    let ignored = vec![false; tree.nodes.len()];
    visual::collect(&tree, source, &masked, &ignored)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Scope, TextRange};

    /// Each segment as (scope, text, the source bytes it spans), in source order.
    fn segments(source: &str, options: &HtmlOptions<'_>) -> Vec<(Scope, String, String)> {
        read(source, options).outline(source)
    }

    fn texts(source: &str) -> Vec<(Scope, String)> {
        segments(source, &HtmlOptions::default())
            .into_iter()
            .map(|(s, t, _)| (s, t))
            .collect()
    }

    #[test]
    fn blocks_split_prose_and_inline_markup_joins_it() {
        assert_eq!(
            texts("<h1>Big <em>news</em></h1><p>Click <a href=/x>here</a> now<p>Next<ul><li>one<li>two</ul>"),
            [
                (Scope::Heading, "Big news".into()),
                (Scope::Paragraph, "Click here now".into()),
                (Scope::Paragraph, "Next".into()),
                (Scope::List, "one".into()),
                (Scope::List, "two".into()),
            ]
        );
    }

    #[test]
    fn indentation_between_blocks_is_dropped_and_space_between_inline_elements_kept() {
        let source = "<div>\n  <p>\n    <b>Big</b> <i>news</i>\n  </p>\n  <a href=/x>Read</a> <a>on</a>\n</div>";
        assert_eq!(
            segments(source, &HtmlOptions::default()),
            [
                (
                    Scope::Paragraph,
                    "Big news".into(),
                    "Big</b> <i>news".into()
                ),
                (Scope::Paragraph, "Read on".into(), "Read</a> <a>on".into()),
            ]
        );
    }

    #[test]
    fn scripts_styles_code_and_comments_are_not_prose() {
        assert_eq!(
            texts("<style>p{}</style><script>var Github</script><p>Use <code>Github</code> or <kbd>x</kbd><!-- Github --></p><pre>Github</pre>"),
            [(Scope::Paragraph, "Use \u{FFFC} or \u{FFFC}".into())]
        );
    }

    #[test]
    fn page_scopes_come_from_title_meta_alt_tables_and_buttons() {
        let page = r#"<html><head><title>Acme home</title>
            <meta name="description" content="The Acme cloud">
            <meta property="og:title" content="Acme"></head>
            <body><table><tr><td>cell</td></tr></table>
            <img src="logo.png" alt="Acme logo"><button>Buy now</button>
            <blockquote><p>Quoted</p></blockquote><footer><p>Legal</p></footer></body></html>"#;
        assert_eq!(
            texts(page),
            [
                (Scope::Title, "Acme home".into()),
                (Scope::Description, "The Acme cloud".into()),
                (Scope::Description, "Acme".into()),
                (Scope::Table, "cell".into()),
                (Scope::Alt, "Acme logo".into()),
                (Scope::Button, "Buy now".into()),
                (Scope::Blockquote, "Quoted".into()),
                (Scope::Footer, "Legal".into()),
            ]
        );
    }

    #[test]
    fn a_list_inside_a_block_quote_is_quoted_and_a_list_outside_is_not() {
        let page = "<blockquote><ul><li>Their item</li></ul></blockquote><ul><li>Ours</li></ul>";
        assert_eq!(
            texts(page),
            [
                (Scope::Blockquote, "Their item".into()),
                (Scope::List, "Ours".into()),
            ]
        );
    }

    #[test]
    fn alt_text_is_prose_only_where_it_stands_for_an_image() {
        let page = r#"<p><a href="/x" alt="acme link">Docs</a></p><div alt="acme box"></div>
            <img src="a.png" alt="Image one"><map><area href="/b" alt="Area two"></map>
            <input type="image" src="go.png" alt="Input three"><input type="text" alt="no">
            <mj-image src="b.png" alt="Image four" />"#;
        let alts: Vec<_> = texts(page)
            .into_iter()
            .filter(|(scope, _)| *scope == Scope::Alt)
            .map(|(_, text)| text)
            .collect();
        assert_eq!(alts, ["Image one", "Area two", "Input three", "Image four"]);
    }

    #[test]
    fn entities_map_back_to_their_bytes() {
        let source = "<p>AT&amp;T &amp; Github&#8217;s&nbsp;cloud</p>";
        let found = segments(source, &HtmlOptions::default());
        assert_eq!(found[0].1, "AT&T & Github’s cloud");
        assert_eq!(found[0].2, "AT&amp;T &amp; Github&#8217;s&nbsp;cloud");
    }

    #[test]
    fn template_tags_read_as_one_word_and_never_reach_the_tokenizer() {
        let email = HtmlOptions {
            email: true,
            ..HtmlOptions::default()
        };
        let source = r#"<p>Hi {{ first_name }}, <a href="{{ url }}">see {% if x > 1 %}more{% endif %}</a></p>
            <img alt="{{name}} logo" src="*|LOGO|*"><p>%%=v(@name)=%% and <%= user %> *|FNAME|*</p>"#;
        let found: Vec<_> = segments(source, &email)
            .into_iter()
            .map(|(s, t, _)| (s, t))
            .collect();
        assert_eq!(
            found,
            [
                (
                    Scope::Paragraph,
                    "Hi \u{FFFC}, see \u{FFFC}more\u{FFFC}".into()
                ),
                (Scope::Alt, "\u{FFFC} logo".into()),
                (Scope::Paragraph, "\u{FFFC} and \u{FFFC} \u{FFFC}".into()),
            ]
        );
    }

    #[test]
    fn email_scopes_subject_preheader_footer_and_button_links() {
        let email = HtmlOptions {
            email: true,
            ..HtmlOptions::default()
        };
        let source = r#"<title>Your receipt</title><span class="preheader">Thanks!</span>
            <table><tr><td>Body text <a class="button" href="/pay">Pay</a></td></tr>
            <tr><td class="email-footer">Unsubscribe</td></tr></table>"#;
        let document = read(source, &email);
        let scopes: Vec<_> = document
            .segments
            .iter()
            .map(|s| (s.scope, s.text.as_str()))
            .collect();
        assert_eq!(
            scopes,
            [
                (Scope::Subject, "Your receipt"),
                (Scope::Preheader, "Thanks!"),
                (Scope::Paragraph, "Body text Pay"),
                (Scope::Footer, "Unsubscribe"),
            ]
        );
        let body = &document.segments[2];
        let button = TextRange::new(10, 13);
        assert_eq!(body.scope_at(button), Scope::Button);
        assert!(body.in_any_scope(button, &[Scope::Link]));
    }

    #[test]
    fn mjml_elements_are_blocks_with_their_scopes() {
        let source = r#"<mjml><mj-head><mj-title>Welcome</mj-title><mj-preview>Hello there</mj-preview>
            <mj-style>.x { color: red }</mj-style></mj-head><mj-body><mj-section><mj-column>
            <mj-image src="a.png" alt="Team photo" /><mj-text>Text one</mj-text>
            <mj-button href="/start">Start</mj-button></mj-column></mj-section></mj-body></mjml>"#;
        let email = HtmlOptions {
            email: true,
            ..HtmlOptions::default()
        };
        let found: Vec<_> = segments(source, &email)
            .into_iter()
            .map(|(s, t, _)| (s, t))
            .collect();
        assert_eq!(
            found,
            [
                (Scope::Subject, "Welcome".into()),
                (Scope::Preheader, "Hello there".into()),
                (Scope::Alt, "Team photo".into()),
                (Scope::Paragraph, "Text one".into()),
                (Scope::Button, "Start".into()),
            ]
        );
    }

    #[test]
    fn directives_in_comments_and_template_comments() {
        let source = "<!-- brandlint-disable banned --><p>x</p>{{!-- brandlint-enable --}}{# brandlint-disable-next-line #}\
                      <!--[if mso]><p>Outlook only</p><![endif]-->";
        let document = read(source, &HtmlOptions::default());
        let actions: Vec<_> = document
            .directives
            .iter()
            .map(|d| &source[d.span.range()])
            .collect();
        assert_eq!(
            actions,
            [
                "<!-- brandlint-disable banned -->",
                "{{!-- brandlint-enable --}}",
                "{# brandlint-disable-next-line #}"
            ]
        );
        assert_eq!(
            document.segments.len(),
            1,
            "conditional comments are comments"
        );
    }

    #[test]
    fn ignore_selectors_remove_regions() {
        let selectors = [Selector::parse(".legal").unwrap()];
        let options = HtmlOptions {
            ignore_selectors: &selectors,
            ..HtmlOptions::default()
        };
        let found: Vec<_> = segments("<p>keep</p><p class=legal>drop<p>keep too", &options)
            .into_iter()
            .map(|(_, t, _)| t)
            .collect();
        assert_eq!(found, ["keep", "keep too"]);
    }

    #[test]
    fn malformed_and_deep_html_never_panics() {
        for source in [
            "<",
            "<p",
            "<a href='",
            "</p></div>",
            "<!--",
            "<![CDATA[x",
            "&#xFFFFFFFF;",
            "<p>&",
            "{{",
            "<table><td>x</table></td>",
            "<p>\u{feff}é</p>",
        ] {
            let _ = read(source, &HtmlOptions::default());
        }
        let deep = "<span>".repeat(100_000) + "Github" + &"</span>".repeat(100_000);
        assert_eq!(
            read(&deep, &HtmlOptions::default()).segments[0].text,
            "Github"
        );
    }
}
