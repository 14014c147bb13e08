//! `[visual]` as users meet it: colors in every notation and every place a page or email
//! writes them, font-family lists, logos and content images, in HTML, MJML, email templates
//! and Markdown.

mod common;

use common::{brandlint, check_site, site};

/// Runs `check --format json` on a site made of a rules file and content files, checks every
/// span against the file, and returns (rule, matched) for each finding in order.
fn findings(rules: &str, files: &[(&str, &str)]) -> Vec<(String, String)> {
    check_site(rules, files, &[])
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["matched"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn palette(matched: &str) -> (String, String) {
    ("visual/palette".to_string(), matched.to_string())
}

fn font(matched: &str) -> (String, String) {
    ("visual/fonts".to_string(), matched.to_string())
}

const PALETTE: &str = "[visual]\npalette = [\"#FF5A00\", \"#1A1A1A\", \"#FFFFFF\"]\n";

#[test]
fn palette_colors_pass_in_every_notation() {
    let page = r##"<p style="color: #FF5A00; background-color: #fff">a</p>
<p style="color: #ff5a00ff; border-color: #FFFF">b</p>
<p style="color: rgb(255, 90, 0); background: rgb(26 26 26 / 50%)">c</p>
<p style="color: rgba(255,90,0,.8); outline-color: hsl(0, 0%, 100%)">d</p>
<p style="color: hsla(21.18, 100%, 50%, 1); background: white">e</p>
<td bgcolor="#1a1a1a"><font color="FFFFFF">f</font></td>
"##;
    assert_eq!(findings(PALETTE, &[("a.html", page)]), []);
}

#[test]
fn an_off_palette_color_is_reported_at_its_bytes_with_the_nearest_brand_color() {
    let page = "<p style=\"color: #FF5B00\">a</p><p style=\"color: rgb(30, 30, 30)\">b</p>\n";
    let found = check_site(PALETTE, &[("a.html", page)], &[]);
    let pairs: Vec<_> = found
        .iter()
        .map(|d| {
            (
                d["matched"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(pairs.len(), 2, "{pairs:?}");
    assert_eq!(pairs[0].0, "#FF5B00");
    assert!(
        pairs[0].1.starts_with("\"#FF5B00\" is not a brand color")
            && pairs[0].1.contains("nearest is \"#FF5A00\""),
        "{}",
        pairs[0].1
    );
    assert_eq!(pairs[1].0, "rgb(30, 30, 30)");
    assert!(
        pairs[1].1.contains("(#1e1e1e)") && pairs[1].1.contains("nearest is \"#1A1A1A\""),
        "{}",
        pairs[1].1
    );
}

#[test]
fn a_tolerance_accepts_near_colors_only() {
    let rules = format!("{PALETTE}palette_tolerance = 2.0\n");
    let page = "<p style=\"color: #FF5B00; background: #336699\">a</p>\n";
    assert_eq!(findings(&rules, &[("a.html", page)]), [palette("#336699")]);
}

#[test]
fn style_sheets_with_comments_important_shorthands_selectors_and_media_queries() {
    let page = r##"<html><head><style>
/* brand colors: #123456 is not used */
#header, .x:hover { color: #ff5a00 !important; background: url("bg-#abcdef.png") #336699 no-repeat; }
@media (max-width: 600px) { .m { border: 1px solid #CCCCCC; color: /* dark */ #1a1a1a } }
.g { background-image: linear-gradient(to right, #fff 0%, rgba(0, 128, 0, .5) 100%); }
@font-face { font-family: "Brand Sans"; src: url(brand.woff2); }
</style></head><body><p>Hi</p></body></html>
"##;
    assert_eq!(
        findings(PALETTE, &[("a.html", page)]),
        [
            palette("#336699"),
            palette("#CCCCCC"),
            palette("rgba(0, 128, 0, .5)")
        ]
    );
}

#[test]
fn legacy_and_mjml_color_attributes() {
    let page = r##"<body text="#333333" link="#FF5A00"><table bgcolor="#EEEEEE"><tr><td>
<font color="navy" face="Arial">x</font><hr color="#ff5a00"></td></tr></table></body>
"##;
    assert_eq!(
        findings(PALETTE, &[("a.html", page)]),
        [palette("#333333"), palette("#EEEEEE"), palette("navy")]
    );
    let mjml = r##"<mjml><mj-head><mj-attributes><mj-all color="#444444" /></mj-attributes>
<mj-style>.link { color: #FF5A00 }</mj-style></mj-head>
<mj-body background-color="#F4F4F4"><mj-section border-top="2px solid #ff5a00">
<mj-column><mj-button background-color="#FF5A00" color="#ffffff" href="/go">Go</mj-button>
<mj-text container-background-color="#00ff00">Hello</mj-text></mj-column></mj-section></mj-body></mjml>
"##;
    assert_eq!(
        findings(PALETTE, &[("email.mjml", mjml)]),
        [palette("#444444"), palette("#F4F4F4"), palette("#00ff00")]
    );
}

#[test]
fn colors_written_by_template_tags_are_not_checked_but_literal_ones_between_tags_are() {
    let email = r##"<table><tr><td style="color: {{ brand_color | default: '#123456' }}; background: #abcdef">
<p style="color: {% if vip %}#654321{% else %}#ff5a00{% endif %}">Hi {{ first_name }},</p>
<font color="*|TEXT_COLOR|*">x</font><td bgcolor="<%= bg %>">y</td></tr></table>
"##;
    assert_eq!(
        findings(PALETTE, &[("welcome.hbs", email)]),
        [palette("#abcdef"), palette("#654321")]
    );
}

#[test]
fn entities_in_a_style_attribute_map_back_to_their_bytes() {
    let page =
        "<p style=\"font-family: &quot;Comic Sans MS&quot;, cursive; color: &#35;123456\">x</p>\n";
    let rules = "[visual]\npalette = [\"#FF5A00\"]\nfonts = [\"Inter\"]\n";
    assert_eq!(
        findings(rules, &[("a.html", page)]),
        [font("&quot;Comic Sans MS&quot;"), palette("&#35;123456")]
    );
}

const FONTS: &str =
    "[visual]\nfonts = [\"Inter\", \"Helvetica Neue\", \"Arial\", \"sans-serif\"]\n";

#[test]
fn each_font_list_reports_its_first_family_that_is_not_a_brand_font() {
    let page = r##"<style>
body { font-family: Inter, "Helvetica Neue", Arial, sans-serif; }
h1 { font: italic 600 32px/1.2 'helvetica  neue', Georgia, serif; }
p { font-family: inherit; font: 14px Inter, sans-serif; }
code { font-family: Menlo, Consolas, monospace }
</style>
<p style="font-family:Inter,Times New Roman,serif">a</p>
<font face="Verdana, Arial">b</font>
"##;
    assert_eq!(
        findings(FONTS, &[("a.html", page)]),
        [
            font("Georgia"),
            font("Menlo"),
            font("Times New Roman"),
            font("Verdana")
        ]
    );
    let mjml = r#"<mjml><mj-body><mj-section><mj-column>
<mj-text font-family="Inter, Helvetica">Hello</mj-text>
<mj-button font-family="Arial, sans-serif">Go</mj-button></mj-column></mj-section></mj-body></mjml>
"#;
    assert_eq!(
        findings(FONTS, &[("email.mjml", mjml)]),
        [font("Helvetica")]
    );
}

const IMAGES: &str = "[visual]\nlogo_alt = \"Acme\"\nimage_alt = true\n";

#[test]
fn logos_must_name_the_brand_in_their_alt_text() {
    let page = r#"<img src="/img/acme-logo.png" alt="Acme">
<img src="/img/LOGO.svg" alt="The acme logo">
<img class="site-logo" src="a.png" alt="Logo">
<img id="logo" src="b.png">
<img src="/partners/logos/stripe.png" alt="Stripe">
<img src="/img/logo-white.png" alt="{{ company }}">
<img src="logo.png" alt="">
"#;
    let found = findings(IMAGES, &[("a.html", page)]);
    let logo = |m: &str| ("visual/logo-alt".to_string(), m.to_string());
    assert_eq!(
        found,
        [
            logo("Logo"),
            logo("<img id=\"logo\" src=\"b.png\">"),
            logo("")
        ]
    );
}

#[test]
fn content_images_need_alt_text_and_decoration_does_not() {
    let email = r#"<table><tr><td>
<img src="team.jpg">
<img src="hero.jpg" alt="">
<img src="hero.jpg" alt="Our team at work">
<img src="spacer.gif" alt="" width="1" height="1">
<img src="https://t.example.com/open.gif?id=1" width="1" height="1" alt="">
<img src="divider.png" role="presentation">
<img src="swirl.png" aria-hidden="true">
<img src="px.gif" width="1" height="1">
</td></tr></table>
"#;
    let image = |m: &str| ("visual/image-alt".to_string(), m.to_string());
    assert_eq!(
        findings(IMAGES, &[("news.html", email)]),
        [
            image("<img src=\"team.jpg\">"),
            image(""),
            image("<img src=\"px.gif\" width=\"1\" height=\"1\">")
        ]
    );
    let mjml = r#"<mjml><mj-body><mj-section><mj-column>
<mj-image src="https://cdn.example.com/acme-logo.png" alt="Acme" />
<mj-image src="photo.jpg" />
</mj-column></mj-section></mj-body></mjml>
"#;
    assert_eq!(
        findings(IMAGES, &[("email.mjml", mjml)]),
        [image("<mj-image src=\"photo.jpg\" />")]
    );
}

#[test]
fn markdown_images_and_html_inside_markdown() {
    let post = r#"# Launch

![](screenshot.png) and ![Acme logo](acme-logo.png) and ![Our logo](logo.svg).

A <span style="color: #00FF00">green</span> word and <img src="chart.png">.

<div style="font-family: Georgia">
A block.
</div>
"#;
    let rules = format!("{PALETTE}{}", &IMAGES["[visual]\n".len()..]) + "fonts = [\"Inter\"]\n";
    assert_eq!(
        findings(&rules, &[("post.md", post)]),
        [
            ("visual/image-alt".to_string(), String::new()),
            ("visual/logo-alt".to_string(), "Our logo".to_string()),
            palette("#00FF00"),
            (
                "visual/image-alt".to_string(),
                "<img src=\"chart.png\">".to_string()
            ),
            font("Georgia"),
        ]
    );
}

#[test]
fn ignored_regions_html_comments_and_disabled_checks_are_skipped() {
    let rules = format!(
        "{PALETTE}fonts = [\"Inter\"]\n[files]\nignore_selectors = [\".legal\"]\n\
         [[override]]\nfiles = [\"legacy/**\"]\ndisable = [\"visual/fonts\"]\n"
    );
    let page = r##"<div class="legal" style="color: #123456">x</div>
<!--[if mso]><td bgcolor="#654321"></td><![endif]-->
<!-- brandlint-disable-next-line visual/palette -->
<p style="color: #abcdef">y</p>
<p style="font-family: Georgia; color: #fedcba">z</p>
"##;
    assert_eq!(
        findings(&rules, &[("a.html", page), ("legacy/b.html", page)]),
        [font("Georgia"), palette("#fedcba"), palette("#fedcba")]
    );
}

#[test]
fn a_bad_palette_color_a_negative_tolerance_or_an_empty_list_is_a_rules_file_error() {
    for (rules, shown) in [
        (
            "[visual]\npalette = [\"#FF5A00\", \"#GG0000\"]\n",
            "\"#GG0000\"",
        ),
        (
            "[visual]\npalette = [\"#FF5A00\"]\npalette_tolerance = -1.0\n",
            "-1.0",
        ),
        ("[visual]\nfonts = []\n", "an empty list allows nothing"),
    ] {
        let dir = site(&[("brandlint.toml", rules), ("a.html", "<p>x</p>")]);
        let out = brandlint(dir.path(), &["check"], None);
        assert_eq!(out.status.code(), Some(2), "{rules}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(shown) && stderr.contains("brandlint.toml:"),
            "{stderr}"
        );
    }
}

#[test]
fn explain_shows_each_visual_check_and_verify_reads_html_examples() {
    let rules = format!(
        "{PALETTE}examples = {{ flag = ['<p style=\"color: red\">x</p>'], pass = ['<p style=\"color: #ff5a00\">x</p>'] }}\n"
    );
    let dir = site(&[("brandlint.toml", &rules)]);
    let out = brandlint(dir.path(), &["explain", "visual/palette"], None);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("`visual/palette`") && text.contains("## This rule: visual/palette"),
        "{text}"
    );
    let out = brandlint(dir.path(), &["rules", "--verify"], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let failing = rules.replace("color: red", "color: #FF5A00");
    let dir = site(&[("brandlint.toml", &failing)]);
    let out = brandlint(dir.path(), &["rules", "--verify"], None);
    assert_eq!(out.status.code(), Some(1));
}
