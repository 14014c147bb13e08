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
//! with the smallest CIEDE2000 difference, a measure of how different two colors look.

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
        let found = context.written(&used.span);
        let hex = used.color.to_hex();
        let normalized = if found.eq_ignore_ascii_case(&hex) {
            String::new()
        } else {
            format!(" ({hex})")
        };
        let message = format!(
            "\"{found}\"{normalized} is not a brand color: the nearest is \"{written}\" (difference {distance:.1})"
        );
        findings.push(context.finding(used.span.clone(), message));
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
