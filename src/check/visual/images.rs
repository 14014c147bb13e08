//! `visual/logo-alt` and `visual/image-alt`: images say what they show. A logo (an `<img>`,
//! `<mj-image>` or Markdown image whose file name, class or id contains "logo") has
//! alternative text that contains `logo_alt`; with `image_alt`, every content image has
//! alternative text that is not empty.
//!
//! ## Why
//! Many email clients block images until the reader allows them, and screen readers read
//! the alternative text instead of the image. A logo without the brand's name in its alt text
//! leaves the brand out of the email; a content image without one leaves a hole.
//!
//! ## Example
//! With `logo_alt = "Acme"` and `image_alt = true`: `<img src="/img/acme-logo.png"
//! alt="Acme">` passes; `<img class="logo" src="a.png" alt="Logo">` is flagged (logo-alt),
//! and so is `<img src="team.jpg">` (image-alt). `<img src="spacer.gif" alt="">` and
//! `<img src="divider.png" role="presentation">` are decoration and pass.
//!
//! ## Options
//! - `logo_alt`: text that a logo's alternative text must contain (case is not compared:
//!   the `[[term]]` rules see the alt text and check how the name is written).
//! - `image_alt`: `true` to require alternative text on every content image.
//!
//! Decorative images need none: `role="presentation"` or `role="none"`, `aria-hidden="true"`,
//! and spacers and tracking pixels (2 pixels wide or high at most, or a file name like
//! `spacer.gif`, `pixel.png`, `blank.gif`) with `alt=""`, as email practice writes them. A
//! spacer with no `alt` at all is still flagged: without `alt=""`, screen readers read its
//! file name. An alt text written by a template tag is not known, and passes. A logo is
//! checked by `visual/logo-alt` alone when that check is on.

use super::{Finding, VisualContext};
use crate::document::visual::Image;

/// Whether an image is a logo: its file name, a class or its id says so.
fn is_logo(image: &Image) -> bool {
    image.names.to_ascii_lowercase().contains("logo")
}

/// Reports each logo whose alternative text is missing or does not contain `text`.
pub fn check_logos(context: &VisualContext<'_>, text: &str, findings: &mut Vec<Finding>) {
    let wanted = text.to_lowercase();
    for image in context
        .document
        .visuals
        .images
        .iter()
        .filter(|i| is_logo(i))
    {
        let finding = match &image.alt {
            None => context.finding(
                image.span,
                format!("This logo has no alt text: write alt=\"{text}\""),
            ),
            Some(alt) if alt.dynamic || alt.text.to_lowercase().contains(&wanted) => continue,
            Some(alt) if alt.text.trim().is_empty() => context.finding(
                alt.span,
                format!("This logo's alt text is empty: write \"{text}\""),
            ),
            Some(alt) => context.finding(
                alt.span,
                format!(
                    "This logo's alt text \"{}\" does not say \"{text}\"",
                    alt.text
                ),
            ),
        };
        findings.push(finding);
    }
}

/// Reports each content image without alternative text, or with an empty one; logos are
/// left to [`check_logos`] when `skip_logos`.
pub fn check_alt(context: &VisualContext<'_>, skip_logos: bool, findings: &mut Vec<Finding>) {
    for image in &context.document.visuals.images {
        if image.decorative || (skip_logos && is_logo(image)) {
            continue;
        }
        let finding = match &image.alt {
            None if image.spacer => context.finding(
                image.span,
                "This spacer image has no alt: write alt=\"\" so that screen readers skip it"
                    .to_string(),
            ),
            None => context.finding(
                image.span,
                "This image has no alt text: say what it shows, or mark decoration with role=\"presentation\"".to_string(),
            ),
            Some(alt) if alt.dynamic || image.spacer || !alt.text.trim().is_empty() => continue,
            Some(alt) => context.finding(
                alt.span,
                "This image's alt text is empty: say what it shows, or mark decoration with role=\"presentation\"".to_string(),
            ),
        };
        findings.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint::Lint;

    const LOGO: &str = "visual/logo-alt";
    const ALT: &str = "visual/image-alt";

    fn both() -> Lint {
        Lint::new("[visual]\nlogo_alt = \"Acme\"\nimage_alt = true\n").html()
    }

    #[test]
    fn the_documented_example_flags_a_logo_and_an_image_without_alt_text() {
        let lint = both();
        lint.assert_no_findings("<img src=\"/img/acme-logo.png\" alt=\"Acme\">");
        lint.assert_findings(
            "<img class=\"logo\" src=\"a.png\" alt=\"Logo\"><img src=\"team.jpg\">",
            &[(LOGO, "Logo"), (ALT, "<img src=\"team.jpg\">")],
        );
        lint.assert_message(
            "<img class=\"logo\" src=\"a.png\" alt=\"Logo\">",
            LOGO,
            "This logo's alt text \"Logo\" does not say \"Acme\"",
        );
    }

    #[test]
    fn a_logo_is_known_by_its_file_name_class_or_id_and_its_alt_by_any_case() {
        let lint = both();
        lint.assert_no_findings(
            "<img id=\"site-LOGO\" src=\"a.png\" alt=\"ACME home\">\
             <img src=\"/brand/Logo.svg\" alt=\"The acme logo\">",
        );
        lint.assert_message(
            "<img src=\"logo.png\">",
            LOGO,
            "This logo has no alt text: write alt=\"Acme\"",
        );
        // The logo is left to logo-alt: one finding, not two.
        lint.assert_findings(
            "<img src=\"logo.png\">",
            &[(LOGO, "<img src=\"logo.png\">")],
        );
        lint.assert_message(
            "<img src=\"logo.png\" alt=\" \">",
            LOGO,
            "This logo's alt text is empty: write \"Acme\"",
        );
    }

    #[test]
    fn decoration_needs_no_alt_text() {
        both().assert_no_findings(
            "<img src=\"spacer.gif\" alt=\"\"><img src=\"divider.png\" role=\"presentation\">\
             <img src=\"x.png\" role=\"none\"><img src=\"y.png\" aria-hidden=\"true\">\
             <img src=\"open.png\" width=\"1\" height=\"1\" alt=\"\">",
        );
    }

    #[test]
    fn a_spacer_without_any_alt_is_flagged_as_such() {
        let lint = both();
        lint.assert_findings(
            "<img src=\"spacer.gif\">",
            &[(ALT, "<img src=\"spacer.gif\">")],
        );
        lint.assert_message(
            "<img src=\"pixel.png\">",
            ALT,
            "This spacer image has no alt: write alt=\"\" so that screen readers skip it",
        );
    }

    #[test]
    fn an_empty_alt_on_a_content_image_is_flagged_at_the_alt_text() {
        let page = "<img src=\"team.jpg\" alt=\"\"><img src=\"b.jpg\" alt=\"Our team\">";
        both().assert_findings(page, &[(ALT, "")]);
        both().assert_message(
            page,
            ALT,
            "This image's alt text is empty: say what it shows, or mark decoration with role=\"presentation\"",
        );
    }

    #[test]
    fn alt_text_written_by_a_template_tag_passes() {
        both().assert_no_findings(
            "<img src=\"logo.png\" alt=\"{{ brand }}\"><img src=\"p.jpg\" alt=\"{{ caption }}\">",
        );
    }

    #[test]
    fn markdown_images_are_checked_and_image_alt_covers_logos_when_logo_alt_is_off() {
        let both = Lint::new("[visual]\nlogo_alt = \"Acme\"\nimage_alt = true\n");
        both.assert_findings(
            "![](team.png) ![Acme](logo.svg) ![](acme-logo.png)\n",
            &[(ALT, ""), (LOGO, "")],
        );
        let images_only = Lint::new("[visual]\nimage_alt = true\n").html();
        images_only.assert_findings("<img src=\"logo.png\">", &[(ALT, "<img src=\"logo.png\">")]);
        let logos_only = Lint::new("[visual]\nlogo_alt = \"Acme\"\n").html();
        logos_only.assert_no_findings("<img src=\"team.jpg\">");
    }
}
