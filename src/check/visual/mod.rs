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

use crate::config::error::ConfigError;
use crate::config::load::MergedRules;
use crate::config::schema::Common;
use crate::config::{CompiledRules, Compiler, FileRules, RuleDraft};
use crate::document::color::Rgb;
use crate::document::Document;
use crate::read::css;

use super::{compiled_checks, module_doc, Finding, Rule, RuleKind};

/// One visual check: a key of `[visual]` that switches it on, and an id of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VisualCheck {
    /// [`palette`]
    Palette,
    /// [`fonts`]
    Fonts,
    /// [`images`], for logos.
    LogoAlt,
    /// [`images`], for every content image.
    ImageAlt,
}

impl VisualCheck {
    /// Every check, in the order they are documented.
    pub const ALL: [VisualCheck; 4] = [
        VisualCheck::Palette,
        VisualCheck::Fonts,
        VisualCheck::LogoAlt,
        VisualCheck::ImageAlt,
    ];

    /// The `[visual]` key that switches it on.
    pub fn key(self) -> &'static str {
        match self {
            VisualCheck::Palette => "palette",
            VisualCheck::Fonts => "fonts",
            VisualCheck::LogoAlt => "logo_alt",
            VisualCheck::ImageAlt => "image_alt",
        }
    }

    /// Its rule id: `visual/` and the key with dashes.
    pub fn id(self) -> String {
        format!("visual/{}", self.key().replace('_', "-"))
    }

    /// What it checks, why, an example and its options: the `//!` comment of its module.
    pub fn doc(self) -> String {
        match self {
            VisualCheck::Palette => module_doc(include_str!("palette.rs")),
            VisualCheck::Fonts => module_doc(include_str!("fonts.rs")),
            VisualCheck::LogoAlt | VisualCheck::ImageAlt => module_doc(include_str!("images.rs")),
        }
    }

    /// What it flags, in a few words.
    fn summary(self) -> &'static str {
        match self {
            VisualCheck::Palette => "A color that is not in `palette`",
            VisualCheck::Fonts => "A font family that is not in `fonts`",
            VisualCheck::LogoAlt => "A logo whose alternative text does not contain `logo_alt`",
            VisualCheck::ImageAlt => "A content image without alternative text",
        }
    }

    /// The check with this id.
    pub fn from_id(id: &str) -> Option<VisualCheck> {
        Self::ALL.into_iter().find(|check| check.id() == id)
    }
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

impl VisualSettings {
    fn is_set(&self, check: VisualCheck) -> bool {
        match check {
            VisualCheck::Palette => self.palette.is_some(),
            VisualCheck::Fonts => self.fonts.is_some(),
            VisualCheck::LogoAlt => self.logo_alt.is_some(),
            VisualCheck::ImageAlt => self.image_alt,
        }
    }
}

/// Reads the `[visual]` tables, refusing a palette color that is not a color or a negative
/// tolerance, and adds a rule for every check they switch on.
pub fn compile(
    merged: &MergedRules,
    compiler: &mut Compiler,
) -> Result<Option<VisualSettings>, ConfigError> {
    let Some(last) = merged.visual.last() else {
        return Ok(None);
    };
    let mut settings = VisualSettings::default();
    let mut common = Common::default();
    for table in &merged.visual {
        let value = &table.value;
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
                .error_at(table.origin, span, "an empty list allows nothing")
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
                            .error_at(table.origin, written.span(), "not a color")
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
                        table.origin,
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
        common.severity = value.severity.or(common.severity);
        common.help = value.help.clone().or(common.help);
        common.url = value.url.clone().or(common.url);
        common.channels = value.channels.clone().or(common.channels);
        common.files = value.files.clone().or(common.files);
        if !value.examples.flag.is_empty() || !value.examples.pass.is_empty() {
            common.examples = value.examples.clone();
        }
    }
    let configured: Vec<VisualCheck> = VisualCheck::ALL
        .into_iter()
        .filter(|check| settings.is_set(*check))
        .collect();
    if configured.is_empty() {
        return Ok(None);
    }
    compiler.next_table();
    for check in &configured {
        compiler.add(
            last.origin,
            RuleDraft::check(
                RuleKind::Visual,
                common.clone(),
                check.key(),
                check.summary(),
            ),
        )?;
    }
    Ok(Some(settings))
}

/// The compiled visual checks of a rules file.
#[derive(Debug)]
pub struct VisualRules {
    settings: VisualSettings,
    /// Each configured check and the index of its rule.
    checks: Vec<(VisualCheck, usize)>,
}

impl VisualRules {
    /// The visual checks among compiled `rules`, with the settings `compile` read; `None`
    /// when none runs (a check whose rule a later table replaced does not).
    pub fn new(settings: VisualSettings, rules: &[Rule]) -> Option<VisualRules> {
        let checks = compiled_checks(&VisualCheck::ALL, RuleKind::Visual, VisualCheck::id, rules);
        (!checks.is_empty()).then_some(VisualRules { settings, checks })
    }
}

/// What one visual check sees: its rule and settings, the file and the document.
pub struct VisualContext<'a> {
    /// The check's rule.
    pub rule: &'a Rule,
    /// The whole file.
    pub source: &'a str,
    /// The document read from it.
    pub document: &'a Document,
}

impl VisualContext<'_> {
    /// A finding of the check.
    pub fn finding(&self, span: std::ops::Range<usize>, message: String) -> Finding {
        self.rule.finding(span, message)
    }

    /// The file's bytes at a span, for messages.
    pub fn written(&self, span: &std::ops::Range<usize>) -> &str {
        self.source.get(span.clone()).unwrap_or_default()
    }
}

/// Runs every visual check that applies to the file.
pub fn check(
    visual: &VisualRules,
    rules: &CompiledRules,
    file: &FileRules,
    document: &Document,
    source: &str,
    findings: &mut Vec<Finding>,
) {
    if document.visuals.is_empty() {
        return;
    }
    let settings = &visual.settings;
    let logo_checked = visual
        .checks
        .iter()
        .any(|&(check, index)| check == VisualCheck::LogoAlt && file.active[index]);
    for &(check, index) in &visual.checks {
        if !file.active[index] {
            continue;
        }
        let context = VisualContext {
            rule: &rules.rules[index],
            source,
            document,
        };
        match check {
            VisualCheck::Palette => {
                let palette = settings.palette.as_deref().unwrap_or_default();
                palette::check(&context, palette, settings.tolerance, findings);
            }
            VisualCheck::Fonts => {
                let fonts = settings.fonts.as_deref().unwrap_or_default();
                fonts::check(&context, fonts, findings);
            }
            VisualCheck::LogoAlt => {
                let text = settings.logo_alt.as_deref().unwrap_or_default();
                images::check_logos(&context, text, findings);
            }
            VisualCheck::ImageAlt => {
                images::check_alt(&context, logo_checked, findings);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_check_is_documented_with_an_example_and_has_a_unique_id() {
        let mut ids = std::collections::HashSet::new();
        for check in VisualCheck::ALL {
            let doc = check.doc();
            assert!(doc.contains("## Example"), "{} has no example", check.key());
            assert!(doc.contains("## Why"), "{} says not why", check.key());
            assert!(ids.insert(check.id()));
            assert_eq!(VisualCheck::from_id(&check.id()), Some(check));
        }
    }
}
