//! `visual`: how the brand looks in pages and emails, as a set of checks switched on by the
//! keys of `[visual]`: the color palette, the font families, the alternative text of logos
//! and of every content image. Each check has its own id, `visual/<key with dashes>`, and its
//! own page: `brandlint explain visual/palette`.
//!
//! ## Why
//! A page in the wrong orange or in Comic Sans is off-brand before anyone reads a word, and a
//! logo without alternative text leaves the brand out for screen readers and for email
//! clients that block images.
//!
//! ## Example
//! With `palette = ["#FF5A00", "#1A1A1A", "#FFFFFF"]` and `fonts = ["Inter", "sans-serif"]`,
//! `<p style="color: #ff5b00; font-family: Georgia, serif">` is flagged twice: the color
//! (nearest brand color: #FF5A00) and "Georgia".
//!
//! ## Options
//! - `palette` (`visual/palette`), with `palette_tolerance`: the brand's colors.
//! - `fonts` (`visual/fonts`): the font families allowed.
//! - `logo_alt` (`visual/logo-alt`): what a logo's alternative text must contain.
//! - `image_alt` (`visual/image-alt`): every content image has alternative text.
//! - the common keys, shared by every visual check: `severity`, `help`, `url`, `channels`,
//!   `files`, `examples` (HTML snippets, for `brandlint rules --verify`).
//!
//! Colors and fonts are read from `style` attributes, `<style>` and `<mj-style>` sheets,
//! legacy attributes (`bgcolor`, `<font color>`, `<font face>`, `<body text>`) and MJML
//! attributes, in HTML pages, email templates and HTML inside Markdown; images from `<img>`,
//! `<mj-image>` and Markdown images. What a template tag writes is not known, so it is never
//! checked; `ignore_selectors` regions and HTML comments are skipped. An `[[override]]`'s
//! `disable` list switches checks off for some files (`disable = ["visual/fonts"]`).

pub mod fonts;
pub mod images;
pub mod palette;

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use crate::check::kind::{DocumentContext, Kind};
use crate::check::{Compiler, RuleDraft};
use crate::config::error::ConfigError;
use crate::config::load::MergedRules;
use crate::config::schema::RuleSpec;
use crate::config::table::Common;
use crate::document::color::Rgb;
use crate::document::Document;
use crate::model::SourceSpan;
use crate::read::css;

use super::part::{self, Part, PartSettings};
use super::{Finding, Rule, RuleKind};

/// One visual check, all it is in one entry of [`CHECKS`]: the `[visual]` key that
/// switches it on, its page, its summary, and how it runs. Adding a check is a module and
/// one entry of [`CHECKS`] (and its key in the `[visual]` table).
pub type VisualCheck = Part<VisualSettings, fn(&VisualContext<'_>, &mut Vec<Finding>)>;

impl PartSettings for VisualSettings {
    const KIND: RuleKind = RuleKind::Visual;
}

/// The key of the logo check, which the content-image check defers to for logos.
const LOGO_ALT: &str = "logo_alt";

/// Every visual check, in the order they are documented.
static CHECKS: [VisualCheck; 4] = [
    VisualCheck {
        key: "palette",
        source: include_str!("palette.rs"),
        summary: "A color that is not in `palette`",
        is_set: |s| s.palette.is_some(),
        run: |context, findings| {
            let settings = context.settings;
            let palette = settings.palette.as_deref().unwrap_or_default();
            palette::check(context, palette, settings.tolerance, findings);
        },
    },
    VisualCheck {
        key: "fonts",
        source: include_str!("fonts.rs"),
        summary: "A font family that is not in `fonts`",
        is_set: |s| s.fonts.is_some(),
        run: |context, findings| {
            let fonts = context.settings.fonts.as_deref().unwrap_or_default();
            fonts::check(context, fonts, findings);
        },
    },
    VisualCheck {
        key: LOGO_ALT,
        source: include_str!("images.rs"),
        summary: "A logo whose alternative text does not contain `logo_alt`",
        is_set: |s| s.logo_alt.is_some(),
        run: |context, findings| {
            let text = context.settings.logo_alt.as_deref().unwrap_or_default();
            images::check_logos(context, text, findings);
        },
    },
    VisualCheck {
        key: "image_alt",
        source: include_str!("images.rs"),
        summary: "A content image without alternative text",
        is_set: |s| s.image_alt,
        run: |context, findings| images::check_alt(context, context.logo_checked, findings),
    },
];

/// The check with this id.
pub fn from_id(id: &str) -> Option<&'static VisualCheck> {
    part::find(&CHECKS, id)
}

/// The checks whose findings name a value that a file may repeat many times (a color, a
/// font family): each value is one finding, with every place it stands.
const REPORTED_ONCE_PER_VALUE: [&str; 2] = ["palette", "fonts"];

/// Reports each repeated value of the checks in [`REPORTED_ONCE_PER_VALUE`] once: a finding
/// with the rule and message of an earlier one becomes one more of that finding's places
/// ([`Finding::also_at`]), and its message says how many places there are. Runs after
/// suppression, so that a place a directive suppresses is neither reported nor counted.
pub fn merge_repeats(findings: &mut Vec<Finding>) {
    let merges = |finding: &Finding| {
        finding.kind == RuleKind::Visual
            && finding.fix.is_none()
            && from_id(&finding.rule).is_some_and(|c| REPORTED_ONCE_PER_VALUE.contains(&c.key))
    };
    if !findings.iter().any(merges) {
        return;
    }
    let mut first_of: HashMap<(String, String), usize> = HashMap::new();
    let mut kept: Vec<Finding> = Vec::with_capacity(findings.len());
    for finding in findings.drain(..) {
        if merges(&finding) {
            let key = (finding.rule.to_string(), finding.message.clone());
            match first_of.entry(key) {
                Entry::Occupied(first) => {
                    kept[*first.get()].also_at.push(finding.span);
                    continue;
                }
                Entry::Vacant(first) => {
                    first.insert(kept.len());
                }
            }
        }
        kept.push(finding);
    }
    for finding in kept.iter_mut().filter(|f| !f.also_at.is_empty()) {
        let places = finding.also_at.len() + 1;
        finding.message = format!("{} ({places} places in this file)", finding.message);
    }
    *findings = kept;
}

/// The `[visual]` settings, every extended file's table merged key by key (a later file
/// wins), colors parsed.
#[derive(Debug, Default)]
pub struct VisualSettings {
    /// Each palette color as written, and parsed.
    palette: Option<Vec<(String, Rgb)>>,
    tolerance: f64,
    /// Each font family as written, and normalized.
    fonts: Option<Vec<(String, String)>>,
    logo_alt: Option<String>,
    image_alt: bool,
}

/// `[visual]`: how the brand looks, one check per key.
pub struct VisualKind;

impl Kind for VisualKind {
    fn kind(&self) -> RuleKind {
        RuleKind::Visual
    }

    fn source(&self) -> &'static str {
        include_str!("mod.rs")
    }

    fn checks(&self) -> Vec<(String, String)> {
        CHECKS.iter().map(Part::page).collect()
    }

    fn check_named(&self, rule_id: &str) -> Option<(String, String)> {
        from_id(rule_id).map(Part::page)
    }

    fn compile(&self, merged: &MergedRules, compiler: &mut Compiler) -> Result<(), ConfigError> {
        compiler.visual = compile(merged, compiler)?;
        Ok(())
    }

    fn check_document(&self, context: &DocumentContext<'_>, findings: &mut Vec<Finding>) {
        if let Some(visual) = &context.rules.visual {
            check(visual, context, findings);
        }
    }
}

/// Reads the `[visual]` tables, refusing a palette color that is not a color or a negative
/// tolerance, and adds a rule for every check they switch on.
pub fn compile(
    merged: &MergedRules,
    compiler: &mut Compiler,
) -> Result<Option<VisualSettings>, ConfigError> {
    let Some((last_origin, _)) = merged.tables(RuleSpec::visual).last() else {
        return Ok(None);
    };
    let mut settings = VisualSettings::default();
    let mut common = Common::default();
    for (origin, table) in merged.tables(RuleSpec::visual) {
        let value = &table.keys;
        let empty_list = [
            (value.palette.as_ref())
                .filter(|p| p.get_ref().is_empty())
                .map(|p| p.span()),
            (value.fonts.as_ref())
                .filter(|f| f.get_ref().is_empty())
                .map(|f| f.span()),
        ];
        if let Some(span) = empty_list.into_iter().flatten().next() {
            return Err(compiler
                .error_at(origin, span, "an empty list allows nothing")
                .with_help(Some(
                    "list the brand's values, or remove the key to switch the check off".into(),
                )));
        }
        if let Some(palette) = &value.palette {
            let parsed = palette.get_ref().iter().map(|written| {
                css::parse_color(written.get_ref())
                    .map(|rgb| (written.get_ref().clone(), rgb))
                    .ok_or_else(|| {
                        compiler
                            .error_at(origin, written.span(), "not a color")
                            .with_help(Some(
                                "write a CSS color: \"#FF5A00\", \"rgb(255 90 0)\", \"hsl(21 100% 50%)\" or a color name".into(),
                            ))
                    })
            });
            settings.palette = Some(parsed.collect::<Result<_, _>>()?);
        }
        if let Some(tolerance) = &value.palette_tolerance {
            let delta = *tolerance.get_ref();
            if !(delta >= 0.0 && delta.is_finite()) {
                return Err(compiler
                    .error_at(
                        origin,
                        tolerance.span(),
                        "a tolerance is a distance of 0 or more",
                    )
                    .with_help(Some("2.3 is a difference most people just notice".into())));
            }
            settings.tolerance = delta;
        }
        if let Some(fonts) = &value.fonts {
            settings.fonts = Some(
                fonts
                    .get_ref()
                    .iter()
                    .map(|f| (f.clone(), css::normalize_family(f)))
                    .collect(),
            );
        }
        settings.logo_alt = value.logo_alt.clone().or(settings.logo_alt);
        settings.image_alt = value.image_alt.unwrap_or(settings.image_alt);
        common = common.overlaid(table.common.clone());
    }
    let configured: Vec<&VisualCheck> = CHECKS
        .iter()
        .filter(|check| (check.is_set)(&settings))
        .collect();
    if configured.is_empty() {
        return Ok(None);
    }
    compiler.next_table();
    for check in &configured {
        compiler.add(
            last_origin,
            RuleDraft::for_part(RuleKind::Visual, common.clone(), check.key, check.summary),
        )?;
    }
    Ok(Some(settings))
}

/// The compiled visual checks of a rules file.
#[derive(Debug)]
pub struct VisualRules {
    settings: VisualSettings,
    /// Each configured check and the index of its rule.
    checks: Vec<(&'static VisualCheck, usize)>,
}

impl VisualRules {
    /// The visual checks among compiled `rules`, with the settings `compile` read; `None`
    /// when none runs (a check whose rule a later table replaced does not).
    pub fn new(settings: VisualSettings, rules: &[Rule]) -> Option<VisualRules> {
        let checks = part::compiled(&CHECKS, rules);
        (!checks.is_empty()).then_some(VisualRules { settings, checks })
    }
}

/// What one visual check sees: its rule and settings, the file and the document.
pub struct VisualContext<'a> {
    /// The check's rule.
    pub rule: &'a Rule,
    /// The `[visual]` settings.
    settings: &'a VisualSettings,
    /// Whether the logo check runs on this file, so the content-image check leaves logos
    /// to it.
    logo_checked: bool,
    /// The whole file.
    pub source: &'a str,
    /// The document read from it.
    pub document: &'a Document,
}

impl VisualContext<'_> {
    /// A finding of the check.
    pub fn finding(&self, span: SourceSpan, message: String) -> Finding {
        self.rule.finding(span, message)
    }

    /// The file's text at a span as a reader sees it, character references decoded
    /// (`&quot;Inter&quot;` is `"Inter"`), for messages.
    pub fn written(&self, span: SourceSpan) -> std::borrow::Cow<'_, str> {
        htmlize::unescape(self.source.get(span.range()).unwrap_or_default())
    }
}

/// Runs every visual check that applies to the file.
fn check(visual: &VisualRules, context: &DocumentContext<'_>, findings: &mut Vec<Finding>) {
    let DocumentContext {
        rules,
        file,
        document,
        source,
        ..
    } = *context;
    if document.visuals.is_empty() {
        return;
    }
    let logo_checked = visual
        .checks
        .iter()
        .any(|&(check, index)| check.key == LOGO_ALT && file.active[index]);
    for &(check, index) in &visual.checks {
        if !file.active[index] {
            continue;
        }
        let context = VisualContext {
            rule: &rules.rules[index],
            settings: &visual.settings,
            logo_checked,
            source,
            document,
        };
        (check.run)(&context, findings);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_check_is_documented_with_an_example_and_has_a_unique_id() {
        let mut ids = std::collections::HashSet::new();
        for check in &CHECKS {
            let doc = check.doc();
            assert!(doc.contains("## Example"), "{} has no example", check.key);
            assert!(doc.contains("## Why"), "{} says not why", check.key);
            assert!(ids.insert(check.id()));
            assert_eq!(from_id(&check.id()).map(|c| c.key), Some(check.key));
        }
    }
}
