//! `visual/fonts`: every font-family list (a `font-family` or `font` declaration in a
//! `style` attribute, a `<style>` or `<mj-style>` sheet, `<font face>`, MJML `font-family`)
//! names only the brand's families.
//!
//! ## Why
//! Typography is half of a brand's look. A template that falls back to Times, or a pasted
//! block in Georgia, shows at once.
//!
//! ## Example
//! With `fonts = ["Inter", "Helvetica", "Arial", "sans-serif"]`:
//! `font-family: Inter, Arial, sans-serif` and `font: 600 16px/1.4 "Inter", sans-serif` pass;
//! `font-family: Inter, Georgia, serif` is flagged at "Georgia", the first family that is not
//! a brand family.
//!
//! ## Options
//! - `fonts`: the families allowed, generic ones included: a list that may fall back to
//!   `sans-serif` lists it (`fonts = ["Inter", "Arial", "sans-serif"]`).
//!
//! Names are compared without quotes, without case, and with white space collapsed
//! (`"Helvetica  Neue"` is `helvetica neue`). One finding per list, at its first family that
//! is not allowed: fixing the list is one edit; a family that many lists of a file fall to
//! is one finding, at its first place, with the number of places in its message and every
//! place in the report. `inherit` and the other CSS-wide keywords are not lists. The family
//! that `@font-face` declares is not a use of it. Messages name the family without its
//! quotes and with character references decoded (`&quot;Nunito Sans&quot;` is Nunito Sans).

use super::{Finding, VisualContext};

/// Reports the first family of each list that is not among `fonts` (each as written, and
/// normalized).
pub fn check(context: &VisualContext<'_>, fonts: &[(String, String)], findings: &mut Vec<Finding>) {
    let allowed = |name: &str| fonts.iter().any(|(_, normalized)| normalized == name);
    for list in &context.document.visuals.font_lists {
        let Some(family) = list.iter().find(|family| !allowed(&family.name)) else {
            continue;
        };
        let brand: Vec<&str> = fonts.iter().map(|(written, _)| written.as_str()).collect();
        let written = context.written(family.span);
        let message = format!(
            "\"{}\" is not a brand font: use {}",
            written.trim_matches(['"', '\'']),
            brand.join(", ")
        );
        findings.push(context.finding(family.span, message));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint::Lint;

    const ID: &str = "visual/fonts";

    fn brand() -> Lint {
        Lint::new("[visual]\nfonts = [\"Inter\", \"Helvetica\", \"Arial\", \"sans-serif\"]\n")
            .html()
    }

    #[test]
    fn the_documented_example_flags_the_first_family_that_is_not_allowed() {
        brand().assert_no_findings(
            "<p style=\"font-family: Inter, Arial, sans-serif\">a</p>\
             <p style='font: 600 16px/1.4 \"Inter\", sans-serif'>b</p>",
        );
        let page = "<p style=\"font-family: Inter, Georgia, serif\">a</p>";
        brand().assert_findings(page, &[(ID, "Georgia")]);
        brand().assert_message(
            page,
            ID,
            "\"Georgia\" is not a brand font: use Inter, Helvetica, Arial, sans-serif",
        );
    }

    #[test]
    fn names_are_compared_without_quotes_case_or_extra_white_space() {
        let lint = Lint::new("[visual]\nfonts = [\"Helvetica Neue\", \"sans-serif\"]\n").html();
        lint.assert_no_findings("<p style=\"font-family: 'helvetica  NEUE', SANS-SERIF\">a</p>");
        lint.assert_findings(
            "<p style=\"font-family: 'Helvetica', sans-serif\">a</p>",
            &[(ID, "'Helvetica'")],
        );
    }

    #[test]
    fn a_family_repeated_in_a_file_is_one_finding_with_every_place() {
        let page = "<p style=\"font-family: Georgia, serif\">a</p>\
                    <p style=\"font-family: Inter\">b</p>\
                    <p style=\"font-family: Georgia\">c</p>\
                    <!-- brandlint-disable-next-line visual/fonts -->\n\
                    <p style=\"font-family: Georgia\">d</p>\n\
                    <p style=\"font-family: &quot;Nunito Sans&quot;\">e</p>";
        let findings = brand().findings(page);
        let places: Vec<(&str, Vec<&str>)> = findings
            .iter()
            .map(|f| {
                let also = f.also_at.iter().map(|s| &page[s.range()]).collect();
                (&page[f.span.range()], also)
            })
            .collect();
        // The suppressed place is neither reported nor counted; another family is its own.
        assert_eq!(
            places,
            [
                ("Georgia", vec!["Georgia"]),
                ("&quot;Nunito Sans&quot;", vec![])
            ]
        );
        assert_eq!(
            findings[0].message,
            "\"Georgia\" is not a brand font: use Inter, Helvetica, Arial, sans-serif \
             (2 places in this file)"
        );
        assert_eq!(
            findings[1].message,
            "\"Nunito Sans\" is not a brand font: use Inter, Helvetica, Arial, sans-serif"
        );
    }

    #[test]
    fn legacy_font_faces_and_style_sheets_are_lists_too() {
        brand().assert_findings(
            "<style>h1 { font-family: Georgia, serif }</style>\
             <font face=\"Comic Sans MS, Arial\">a</font>",
            &[(ID, "Georgia"), (ID, "Comic Sans MS")],
        );
    }

    #[test]
    fn keywords_declared_faces_and_template_tags_are_not_uses() {
        brand().assert_no_findings(
            "<style>@font-face { font-family: \"Brand X\"; src: url(x.woff) }</style>\
             <p style=\"font-family: inherit\">a</p>\
             <p style=\"font-family: {{ theme.font }}\">b</p>",
        );
    }

    #[test]
    fn mjml_font_family_attributes_are_checked_in_emails() {
        let lint = Lint::new("[visual]\nfonts = [\"Inter\", \"sans-serif\"]\n").email();
        lint.assert_findings(
            "<mjml><mj-body><mj-text font-family=\"Georgia, serif\">Hi</mj-text>\
             </mj-body></mjml>",
            &[(ID, "Georgia")],
        );
    }
}
