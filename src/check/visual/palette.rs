//! `visual/palette`: every color a page or email writes (in a `style` attribute, a `<style>`
//! or `<mj-style>` sheet, `bgcolor`, `<font color>`, `<body text>` or an MJML color
//! attribute) is one of the brand's colors.
//!
//! ## Why
//! Off-palette colors creep in one pasted snippet at a time: `#FF5B00` beside `#FF5A00`,
//! a default blue link, a gray from another template. Each looks almost right; together they
//! make the brand look careless.
//!
//! ## Example
//! With `palette = ["#FF5A00", "#1A1A1A", "#FFFFFF"]`: `<td bgcolor="#ffffff">`,
//! `color: rgb(255, 90, 0)` and `color: #1a1a1a !important` pass (the same colors in other
//! notations); `<p style="color: #ff5b00">` is flagged with the nearest brand color,
//! "#FF5A00", in the message, and so is `background: url(bg.png) #336699 no-repeat`.
//!
//! ## Options
//! - `palette`: the brand's colors in any CSS notation (`#f50`, `#FF5A00`, `#FF5A00FF`,
//!   `rgb()`, `rgba()`, `hsl()`, `hsla()`, color names).
//! - `palette_tolerance`: how far a color may be from the nearest palette color and still
//!   pass, as a CIEDE2000 difference (about 1 is invisible, 2.3 just noticeable). Without it
//!   a color passes only when it is a palette color exactly, once written as `#rrggbb`.
//!
//! Colors are compared in sRGB after normalizing any notation; transparency is not compared
//! (`rgba(255, 90, 0, 0.5)` is the brand orange). `transparent`, `currentColor` and the
//! CSS-wide keywords are not colors. Colors in gradients and shorthands count; colors written
//! by a template tag are not known and never checked. The nearest palette color is the one
//! with the smallest CIEDE2000 difference, a measure of how different two colors look. A
//! color written the same way many times in a file is one finding, at its first place, with
//! the number of places in its message and every place in the report.

use std::collections::HashMap;

use super::{Finding, VisualContext};
use crate::document::color::{LabColor, Rgb};

/// Reports every color that is not a palette color, nor within `tolerance` of one.
pub fn check(
    context: &VisualContext<'_>,
    palette: &[(String, Rgb)],
    tolerance: f64,
    findings: &mut Vec<Finding>,
) {
    // Each palette color is converted to Lab once, and each color used is judged once
    // however often the document uses it.
    let references: Vec<(&str, Rgb, LabColor)> = palette
        .iter()
        .map(|(written, rgb)| (written.as_str(), *rgb, rgb.in_lab()))
        .collect();
    let mut judged: HashMap<Rgb, Option<(&str, f32)>> = HashMap::new();
    for used in &context.document.visuals.colors {
        let nearest = *judged
            .entry(used.color)
            .or_insert_with(|| nearest(&references, used.color));
        let Some((written, distance)) = nearest else {
            return;
        };
        if f64::from(distance) <= tolerance {
            continue;
        }
        let found = context.written(used.span);
        let hex = used.color.to_hex();
        let normalized = if found.eq_ignore_ascii_case(&hex) {
            String::new()
        } else {
            format!(" ({hex})")
        };
        let message = format!(
            "\"{found}\"{normalized} is not a brand color: the nearest is \"{written}\" (difference {distance:.1})"
        );
        findings.push(context.finding(used.span, message));
    }
}

/// The palette color nearest to `color`, as written, with its difference; 0 for the very
/// same color.
fn nearest<'p>(palette: &[(&'p str, Rgb, LabColor)], color: Rgb) -> Option<(&'p str, f32)> {
    let lab = color.in_lab();
    palette
        .iter()
        .map(|&(written, rgb, reference)| {
            let distance = if rgb == color {
                0.0
            } else {
                reference.distance(lab)
            };
            (written, distance)
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

#[cfg(test)]
mod tests {
    use crate::testing::lint::Lint;

    const ID: &str = "visual/palette";

    fn brand() -> Lint {
        Lint::new("[visual]\npalette = [\"#FF5A00\", \"#1A1A1A\", \"#FFFFFF\"]\n").html()
    }

    #[test]
    fn the_brand_colors_pass_in_other_notations() {
        brand().assert_no_findings(
            "<table><tr><td bgcolor=\"#ffffff\"><p style=\"color: rgb(255, 90, 0)\">a</p>\
             <p style=\"color: #1a1a1a !important\">b</p></td></tr></table>",
        );
    }

    #[test]
    fn an_off_palette_color_is_flagged_with_the_nearest_brand_color() {
        let page = "<p style=\"color: #ff5b00\">a</p>";
        brand().assert_findings(page, &[(ID, "#ff5b00")]);
        brand().assert_message(
            page,
            ID,
            "\"#ff5b00\" is not a brand color: the nearest is \"#FF5A00\" (difference 0.2)",
        );
        brand().assert_message(
            "<p style=\"color: rgb(30, 30, 30)\">a</p>",
            ID,
            "\"rgb(30, 30, 30)\" (#1e1e1e) is not a brand color: the nearest is \"#1A1A1A\" (difference 1.3)",
        );
    }

    #[test]
    fn colors_in_shorthands_and_gradients_count_each_use() {
        let page = "<div style=\"background: url(bg.png) #336699 no-repeat\">a</div>\
                    <div style=\"background-image: linear-gradient(#FF5A00, #336699)\">b</div>";
        // Both uses, reported once: the first place, and the other in `also_at`.
        let findings = brand().findings(page);
        assert_eq!(findings.len(), 1);
        let places: Vec<usize> = std::iter::once(findings[0].span)
            .chain(findings[0].also_at.iter().copied())
            .map(|span| span.start)
            .collect();
        assert_eq!(places, [36, 117]);
        assert!(places.iter().all(|&at| page[at..].starts_with("#336699")));
        assert!(findings[0].message.ends_with("(2 places in this file)"));
    }

    #[test]
    fn a_tolerance_passes_colors_that_look_the_same() {
        let lint = Lint::new("[visual]\npalette = [\"#FF5A00\"]\npalette_tolerance = 2.3\n").html();
        lint.assert_no_findings("<p style=\"color: #ff5b00\">a</p>");
        lint.assert_findings("<p style=\"color: #ff9900\">a</p>", &[(ID, "#ff9900")]);
    }

    #[test]
    fn transparency_and_keywords_are_not_compared() {
        brand().assert_no_findings(
            "<p style=\"color: rgba(255, 90, 0, 0.5); background: transparent; \
             border-color: currentColor; outline-color: inherit\">a</p>",
        );
    }

    #[test]
    fn colors_written_by_template_tags_are_never_judged() {
        brand().assert_no_findings(
            "<p style=\"color: {{ brand.color }}; background: #{{ hex }}\">a</p>\
             <td bgcolor=\"{{ bg }}\"><font color=\"{% cycle 'red', 'blue' %}\">b</font></td>",
        );
    }

    #[test]
    fn legacy_attributes_sheets_and_markdown_html_are_read() {
        brand().assert_findings(
            "<style>p { color: #123456 }</style><font color=\"red\">a</font>",
            &[(ID, "#123456"), (ID, "red")],
        );
        Lint::new("[visual]\npalette = [\"#FF5A00\"]\n").assert_findings(
            "Text <span style=\"color: blue\">a</span>.\n",
            &[(ID, "blue")],
        );
    }
}
