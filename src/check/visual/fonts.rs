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
//! is not allowed: fixing the list is one edit. `inherit` and the other CSS-wide keywords
//! are not lists. The family that `@font-face` declares is not a use of it.

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
        let message = format!(
            "\"{}\" is not a brand font: use {}",
            context.written(&family.span),
            brand.join(", ")
        );
        findings.push(context.finding(family.span.clone(), message));
    }
}
