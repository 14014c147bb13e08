//! Colors and font families in CSS: what a style sheet, a style attribute or a legacy HTML
//! attribute paints with, and which fonts it asks for, each with its byte span.
//!
//! It finds:
//! - colors in the values of properties that take colors (any property whose name holds
//!   `color`, `background*`, `border*`, `outline`, `box-shadow`, `text-shadow`, `fill`,
//!   `stroke`, `text-decoration`, `column-rule` and custom properties), in every notation: hex,
//!   `rgb()`, `hsl()`, `hwb()`, `lab()`, `lch()`, `oklab()`, `oklch()`, `color()` and named
//!   colors, at any depth, so gradient stops count;
//! - font-family lists, from `font-family` and from the `font` shorthand.
//!
//! It skips selectors, at-rule preludes, `@font-face` (its `font-family` declares a font),
//! `@import`, `@namespace`, `@charset` and unknown at-rules; comments, strings and `url()`;
//! keywords that are no concrete color (`transparent`, `currentcolor`, CSS-wide keywords,
//! system colors); color functions whose arguments do not parse; and font lists that are a
//! CSS-wide keyword or a system font (`font: caption`).
//!
//! cssparser does all tokenizing and error recovery, so broken CSS recovers as in browsers.
//! Spans are byte ranges of the text passed in.

use std::ops::Range;

use cssparser::color::{parse_hash_color, parse_named_color, PredefinedColorSpace as Space};
use cssparser::{
    AtRuleParser, CowRcStr, DeclarationParser, ParseError, Parser, ParserState,
    QualifiedRuleParser, RuleBodyItemParser, RuleBodyParser, StyleSheetParser, Token,
};
use cssparser_color::{Color, ColorFunction};
use palette::chromatic_adaptation::AdaptIntoUnclamped;
use palette::rgb::{AdobeRgb, DisplayP3, LinDisplayP3, LinSrgb, ProPhotoRgb, Rec2020};
use palette::white_point::{D50, D65};
use palette::{FromColor, Hsl, Hwb, IntoColor, Lab, Lch, Oklab, Oklch, Srgb, Xyz};

use crate::document::color::Rgb;

/// Keywords that make a font-family value no list at all.
const CSS_WIDE_KEYWORDS: &str = "inherit initial unset revert revert-layer";
/// Size keywords and math functions that can be the size of the `font` shorthand.
const FONT_SIZES: &str = "xx-small x-small small medium large x-large xx-large xxx-large \
    larger smaller calc clamp min max";
/// Functions that cssparser-color parses.
const COLOR_FUNCTIONS: &str = "rgb rgba hsl hsla hwb lab lch oklab oklch color";
/// Shorthands, besides `*color*`, `background*` and `border*`, whose values may hold colors.
const COLOR_SHORTHANDS: &str = "outline box-shadow text-shadow fill stroke text-decoration \
    column-rule text-stroke text-emphasis";
/// At-rules whose blocks hold rules or declarations that apply to the document.
const SCANNED_AT_RULES: &str =
    "media supports document layer container scope starting-style keyframes page";

/// Whether `word` is one of the space-separated `words`, ignoring ASCII case.
fn is_one_of(word: &str, words: &str) -> bool {
    words
        .split_ascii_whitespace()
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// Parses a color as written in a rules file or a CSS value: any CSS notation. None for
/// keywords that are not a concrete color (transparent, currentcolor, inherit, ...) and for
/// garbage.
pub fn parse_color(text: &str) -> Option<Rgb> {
    let first = Parser::new(text).next().cloned();
    if matches!(first, Ok(Token::Ident(name)) if name.eq_ignore_ascii_case("transparent")) {
        return None;
    }
    Parser::new(text)
        .parse_entirely(Color::parse)
        .ok()
        .and_then(to_rgb)
}

/// Parses an HTML legacy color attribute (bgcolor, color, text, link on <body>/<td>/<font>):
/// any CSS color, plus 3 or 6 hex digits without '#', as email clients accept. Returns the color
/// and the span of the color within `value` (trimmed of surrounding white space).
pub fn parse_color_attribute(value: &str) -> Option<(Rgb, Range<usize>)> {
    let is_space = |c: char| c.is_ascii_whitespace();
    let trimmed = value.trim_matches(is_space);
    let start = value.len() - value.trim_start_matches(is_space).len();
    let color = parse_color(trimmed).or_else(|| bare_hex(trimmed))?;
    Some((color, start..start + trimmed.len()))
}

/// A color of 3 or 6 hex digits without '#'.
fn bare_hex(text: &str) -> Option<Rgb> {
    let digits = matches!(text.len(), 3 | 6) && text.bytes().all(|b| b.is_ascii_hexdigit());
    digits.then(|| hash_color(text)).flatten()
}

/// The color of a hash token's value (`abc`, `aabbccdd`, ...).
fn hash_color(value: &str) -> Option<Rgb> {
    let (red, green, blue, _) = parse_hash_color(value.as_bytes()).ok()?;
    Some(rgb((red, green, blue)))
}

/// A color of components.
fn rgb((red, green, blue): (u8, u8, u8)) -> Rgb {
    Rgb { red, green, blue }
}

/// A parsed color in sRGB, out-of-gamut components clamped; None for `currentcolor`.
fn to_rgb(color: Color) -> Option<Rgb> {
    let srgb: Srgb = match color {
        Color::CurrentColor => return None,
        Color::Rgba(c) => return Some(rgb((c.red, c.green, c.blue))),
        Color::Hsl(c) => Hsl::new(num(c.hue), num(c.saturation), num(c.lightness)).into_color(),
        Color::Hwb(c) => Hwb::new(num(c.hue), num(c.whiteness), num(c.blackness)).into_color(),
        Color::Lab(c) => d50(Lab::<D50>::new(num(c.lightness), num(c.a), num(c.b)).into_color()),
        Color::Lch(c) => {
            d50(Lch::<D50>::new(num(c.lightness), num(c.chroma), num(c.hue)).into_color())
        }
        Color::Oklab(c) => Oklab::new(num(c.lightness), num(c.a), num(c.b)).into_color(),
        Color::Oklch(c) => Oklch::new(num(c.lightness), num(c.chroma), num(c.hue)).into_color(),
        Color::ColorFunction(c) => predefined_space(c),
    };
    Some(rgb(srgb.into_format::<u8>().into_components()))
}

/// A color of the `color()` function in sRGB.
fn predefined_space(c: ColorFunction) -> Srgb {
    let (x, y, z) = (num(c.c1), num(c.c2), num(c.c3));
    match c.color_space {
        Space::Srgb => Srgb::new(x, y, z),
        Space::SrgbLinear => Srgb::from_color(LinSrgb::new(x, y, z)),
        Space::DisplayP3 => Srgb::from_color(DisplayP3::new(x, y, z)),
        Space::DisplayP3Linear => Srgb::from_color(LinDisplayP3::new(x, y, z)),
        Space::A98Rgb => Srgb::from_color(AdobeRgb::new(x, y, z)),
        Space::ProphotoRgb => d50(ProPhotoRgb::new(x, y, z).into_color()),
        Space::Rec2020 => Srgb::from_color(Rec2020::new(x, y, z)),
        Space::XyzD50 => d50(Xyz::new(x, y, z)),
        Space::XyzD65 => Srgb::from_color(Xyz::<D65>::new(x, y, z)),
    }
}

/// sRGB of a D50 XYZ color, adapted to D65 with the Bradford transform as CSS does.
fn d50(xyz: Xyz<D50>) -> Srgb {
    let xyz: Xyz<D65> = xyz.adapt_into_unclamped();
    Srgb::from_color(xyz)
}

/// A color component: `none` and non-finite values count as 0.
fn num(value: Option<f32>) -> f32 {
    value.filter(|v| v.is_finite()).unwrap_or(0.0)
}

/// A color written in CSS, with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct CssColor {
    /// The bytes of the color's source text.
    pub span: Range<usize>,
    /// The color.
    pub color: Rgb,
}

/// One family of a font-family list, with its span and its normalised name
/// (quotes removed, escapes resolved, inner white space collapsed to one space, lower case).
#[derive(Debug, Clone, PartialEq)]
pub struct FontFamily {
    /// The bytes of the family's source text: the string with its quotes, or the
    /// identifiers from the first to the last.
    pub span: Range<usize>,
    /// The normalised name.
    pub name: String,
}

/// Colors and font families of some CSS.
#[derive(Debug, Default)]
pub struct CssFacts {
    /// Every color, in source order.
    pub colors: Vec<CssColor>,
    /// Every font-family list, in source order; none is empty.
    pub font_lists: Vec<Vec<FontFamily>>,
}

/// Scans a style sheet (<style>, <mj-style> content): only declarations inside rule blocks,
/// never selectors (`#header {}` is not a color), descending into @media/@supports/@document/
/// @layer/@container/@keyframes blocks and nested rules. @font-face (whose font-family
/// declares a font), @import, @charset, @namespace and unknown at-rules are skipped.
pub fn scan_stylesheet(css: &str) -> CssFacts {
    let mut scanner = Scanner::default();
    StyleSheetParser::new(&mut Parser::new(css), &mut scanner).for_each(drop);
    scanner.facts
}

/// Scans the declarations of a style attribute (`color: red; font: 12px Arial`).
pub fn scan_declarations(css: &str) -> CssFacts {
    let mut scanner = Scanner::default();
    scanner.scan_body(&mut Parser::new(css));
    scanner.facts
}

/// Families of a legacy `<font face="Arial, sans-serif">` or MJML `font-family` attribute value.
pub fn font_families_in_attribute(value: &str) -> Vec<FontFamily> {
    family_list(&mut Parser::new(value))
}

/// A family name as a rules file writes it (`Helvetica Neue`, `"Helvetica Neue"`), normalised
/// as the families found in CSS are.
pub fn normalize_family(name: &str) -> String {
    match font_families_in_attribute(name).as_slice() {
        [family] => family.name.clone(),
        _ => name
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase(),
    }
}

/// Collects facts while cssparser walks rules (nested ones too) and declarations.
#[derive(Default)]
struct Scanner {
    /// What was found so far.
    facts: CssFacts,
}

impl Scanner {
    /// Scans the declarations, nested rules and at-rules of a block.
    fn scan_body(&mut self, input: &mut Parser) {
        RuleBodyParser::new(input, self).for_each(drop);
    }

    /// Scans one declaration value, consuming all of it.
    fn scan_value(&mut self, property: &str, input: &mut Parser) {
        match unprefixed(property) {
            _ if takes_colors(property) => collect_colors(input, &mut self.facts.colors),
            "font-family" => self.add_font_list(family_list(input)),
            "font" => self.add_font_list(shorthand_families(input)),
            _ => {}
        }
        skip_rest(input);
    }

    /// Notes a font list unless it is empty.
    fn add_font_list(&mut self, families: Vec<FontFamily>) {
        if !families.is_empty() {
            self.facts.font_lists.push(families);
        }
    }
}

/// What the scanner's callbacks return: errors only make cssparser skip or retry.
type Scanned = Result<(), ParseError<()>>;

impl<'i> DeclarationParser<'i> for Scanner {
    type Declaration = ();
    type Error = ();

    fn parse_value(
        &mut self,
        name: CowRcStr<'i>,
        input: &mut Parser<'i>,
        _: &ParserState,
    ) -> Scanned {
        let property = name.to_ascii_lowercase();
        if !property.starts_with("--") && holds_block(input) {
            // `a:hover { ... }` inside a rule: a nested rule, not a declaration.
            return Err(ParseError::custom(()));
        }
        self.scan_value(&property, input);
        Ok(())
    }
}

impl<'i> QualifiedRuleParser<'i> for Scanner {
    type Prelude = ();
    type QualifiedRule = ();
    type Error = ();

    fn parse_prelude(&mut self, input: &mut Parser<'i>) -> Scanned {
        skip_rest(input);
        Ok(())
    }

    fn parse_block(&mut self, _: (), _: &ParserState, input: &mut Parser<'i>) -> Scanned {
        self.scan_body(input);
        Ok(())
    }
}

impl<'i> AtRuleParser<'i> for Scanner {
    type Prelude = ();
    type AtRule = ();
    type Error = ();

    fn parse_prelude(&mut self, name: CowRcStr<'i>, input: &mut Parser<'i>) -> Scanned {
        skip_rest(input);
        let scanned = is_one_of(unprefixed(&name.to_ascii_lowercase()), SCANNED_AT_RULES);
        scanned.then_some(()).ok_or(ParseError::custom(()))
    }

    fn parse_block(&mut self, _: (), _: &ParserState, input: &mut Parser<'i>) -> Scanned {
        self.scan_body(input);
        Ok(())
    }
}

impl<'i> RuleBodyItemParser<'i, (), ()> for Scanner {
    fn parse_declarations(&self) -> bool {
        true
    }

    fn parse_qualified(&self) -> bool {
        true
    }
}

/// A property or at-rule name without its vendor prefix.
fn unprefixed(name: &str) -> &str {
    ["-webkit-", "-moz-", "-ms-", "-o-"]
        .iter()
        .find_map(|prefix| name.strip_prefix(prefix))
        .unwrap_or(name)
}

/// Whether the values of a property (lower case) may hold colors.
fn takes_colors(property: &str) -> bool {
    let name = unprefixed(property);
    property.starts_with("--")
        || name.contains("color")
        || name.starts_with("background")
        || name.starts_with("border")
        || is_one_of(name, COLOR_SHORTHANDS)
}

/// Whether the rest of the input holds a `{}` block at its top level; consumes nothing.
fn holds_block(input: &mut Parser) -> bool {
    let state = input.state();
    let mut tokens = std::iter::from_fn(|| input.next().ok().cloned());
    let found = tokens.any(|token| token == Token::CurlyBracketBlock);
    input.reset(&state);
    found
}

/// Consumes the rest of the input.
fn skip_rest(input: &mut Parser) {
    while input.next().is_ok() {}
}

/// Consumes the input, noting every color at any depth except inside `url()` and strings.
fn collect_colors(input: &mut Parser, colors: &mut Vec<CssColor>) {
    loop {
        input.skip_whitespace();
        let state = input.state();
        let Ok(token) = input.next().cloned() else {
            return;
        };
        let color = match token {
            Token::Hash(value) | Token::IDHash(value) => hash_color(&value),
            Token::Ident(name) => parse_named_color(&name).ok().map(rgb),
            Token::Function(name) if is_one_of(&name, COLOR_FUNCTIONS) => {
                color_function(input, &state)
            }
            Token::Function(name) if name.eq_ignore_ascii_case("url") => None,
            Token::Function(_)
            | Token::ParenthesisBlock
            | Token::SquareBracketBlock
            | Token::CurlyBracketBlock => {
                let _ = input.parse_nested_block(|inner| {
                    collect_colors(inner, colors);
                    Ok::<(), ParseError<()>>(())
                });
                None
            }
            _ => None,
        };
        if let Some(color) = color {
            let span = state.position().byte_index()..input.position().byte_index();
            colors.push(CssColor { span, color });
        }
    }
}

/// Parses the color function that starts at `start`, leaving the input after it; when its
/// arguments do not parse, leaves the input after its name so the function is skipped.
fn color_function(input: &mut Parser, start: &ParserState) -> Option<Rgb> {
    input.reset(start);
    let color = input.try_parse(|i| Color::parse(i)).ok();
    if color.is_none() {
        let _ = input.next();
    }
    color.and_then(to_rgb)
}

/// Families of the `font` shorthand: what follows the size and the optional line height.
/// Empty for system fonts and CSS-wide keywords, which have no size.
fn shorthand_families(input: &mut Parser) -> Vec<FontFamily> {
    if !skip_to_font_size(input) {
        return Vec::new();
    }
    if input.try_parse(|i| i.expect_delim('/')).is_ok() {
        let _ = input.next();
    }
    family_list(input)
}

/// Consumes the input up to and including the font size; false if there is none.
fn skip_to_font_size(input: &mut Parser) -> bool {
    let mut tokens = std::iter::from_fn(|| input.next().ok().cloned());
    tokens.any(|token| match token {
        Token::Dimension { .. } | Token::Percentage { .. } => true,
        Token::Ident(name) | Token::Function(name) => is_one_of(&name, FONT_SIZES),
        _ => false,
    })
}

/// A token with its span.
type Spanned<'i> = (Range<usize>, Token<'i>);

/// Reads a comma-separated family list up to `!` or the end. Entries that are neither one
/// string nor identifiers are dropped (a template tag blanked to spaces leaves an empty one);
/// a CSS-wide keyword makes the whole list empty.
fn family_list(input: &mut Parser) -> Vec<FontFamily> {
    let mut entries = Vec::new();
    let mut entry: Vec<Spanned> = Vec::new();
    loop {
        input.skip_whitespace();
        let start = input.position().byte_index();
        match input.next().cloned() {
            Err(_) | Ok(Token::Delim('!')) => break,
            Ok(Token::Comma) => entries.push(std::mem::take(&mut entry)),
            Ok(token) => entry.push((start..input.position().byte_index(), token)),
        }
    }
    entries.push(entry);
    if entries.iter().any(|e| is_css_wide(e)) {
        return Vec::new();
    }
    entries.iter().filter_map(|e| font_family(e)).collect()
}

/// Whether an entry of a family list is a CSS-wide keyword.
fn is_css_wide(entry: &[Spanned]) -> bool {
    matches!(entry, [(_, Token::Ident(word))] if is_one_of(word, CSS_WIDE_KEYWORDS))
}

/// The family of one entry of a list: a string, or identifiers.
fn font_family(entry: &[Spanned]) -> Option<FontFamily> {
    let quoted = matches!(entry, [(_, Token::QuotedString(_))]);
    let word = |(_, token): &Spanned| match token {
        Token::Ident(word) => Some(word.to_string()),
        Token::QuotedString(word) if quoted => Some(word.to_string()),
        _ => None,
    };
    let words: Vec<String> = entry.iter().map(word).collect::<Option<_>>()?;
    let span = entry.first()?.0.start..entry.last()?.0.end;
    let name = words
        .iter()
        .flat_map(|w| w.split_whitespace())
        .collect::<Vec<_>>()
        .join(" ");
    let name = name.to_lowercase();
    (!name.is_empty()).then_some(FontFamily { span, name })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The colors of some facts as `source=hex`, joined by ` | `.
    fn colors(css: &str, facts: &CssFacts) -> String {
        let each = |c: &CssColor| format!("{}={}", &css[c.span.clone()], c.color.to_hex());
        let colors: Vec<String> = facts.colors.iter().map(each).collect();
        colors.join(" | ")
    }

    /// A family list as `source=name`, joined by ` | `.
    fn families(css: &str, list: &[FontFamily]) -> String {
        let each = |f: &FontFamily| format!("{}={}", &css[f.span.clone()], f.name);
        list.iter().map(each).collect::<Vec<_>>().join(" | ")
    }

    /// The font lists of some facts, one string each.
    fn fonts(css: &str, facts: &CssFacts) -> Vec<String> {
        facts.font_lists.iter().map(|l| families(css, l)).collect()
    }

    fn declaration_colors(css: &str) -> String {
        colors(css, &scan_declarations(css))
    }

    #[test]
    fn every_notation_is_a_color() {
        let css = "color: #abc; background-color: #abcd; border-color: #aabbcc; \
            outline-color: #aabbccdd; caret-color: rgb(1,2,3); accent-color: rgb(1 2 3 / 50%); \
            fill: rgba(255, 0, 0, 0); stroke: hsl(210, 100%, 40%); COLOR: #FFAA00; \
            column-rule-color: hsla(0, 100%, 50%, .5); Border-Top-Color: tomato; \
            -webkit-text-fill-color: hwb(0 0% 0%); --brand: color(srgb 0 0.4 0.8); \
            color: lab(50% 0 0); color: lch(50% 0 0); color: oklab(1 0 0)";
        let expected = "#abc=#aabbcc | #abcd=#aabbcc | #aabbcc=#aabbcc | #aabbccdd=#aabbcc | \
            rgb(1,2,3)=#010203 | rgb(1 2 3 / 50%)=#010203 | rgba(255, 0, 0, 0)=#ff0000 | \
            hsl(210, 100%, 40%)=#0066cc | #FFAA00=#ffaa00 | hsla(0, 100%, 50%, .5)=#ff0000 | \
            tomato=#ff6347 | hwb(0 0% 0%)=#ff0000 | color(srgb 0 0.4 0.8)=#0066cc | \
            lab(50% 0 0)=#777777 | lch(50% 0 0)=#777777 | oklab(1 0 0)=#ffffff";
        assert_eq!(declaration_colors(css), expected);
    }

    #[test]
    fn wide_gamut_colors_come_near_their_srgb_match() {
        let red = parse_color("red").unwrap();
        let cases = ["oklch(0.628 0.2577 29.23)", "color(display-p3 1 0 0)"];
        for css in cases.into_iter().chain(["lch(54.29% 106.8 40.85)"]) {
            let color = parse_color(css).expect(css);
            assert!(color.distance(red) < 2.0, "{css} gave {}", color.to_hex());
        }
    }

    #[test]
    fn comments_important_urls_and_gradients() {
        let css = "color: /* red */ blue; /* color: green; */ background: /*x*/#fff/*y*/; \
            color: #f00 !important; background-color:red!important; \
            background: url(red.png) #fff no-repeat; background-image: url(\"red.png\"), \
            linear-gradient(to right, #fff 0%, rgba(0,0,0,.5) 100%); fill: url(#red)";
        let expected = "blue=#0000ff | #fff=#ffffff | #f00=#ff0000 | red=#ff0000 | #fff=#ffffff | \
            #fff=#ffffff | rgba(0,0,0,.5)=#000000";
        assert_eq!(declaration_colors(css), expected);
    }

    #[test]
    fn bad_color_functions_are_skipped() {
        let css = "color: rgb(1, 2); background: rgb(nope) #fff; color: rgb(300, -5, 0)";
        let expected = "#fff=#ffffff | rgb(300, -5, 0)=#ff0000";
        assert_eq!(declaration_colors(css), expected);
    }

    #[test]
    fn keywords_and_other_properties_give_no_color() {
        let css = "font-family: Red Hat Display; animation-name: red; content: \"red\"; \
            transition: color 1s; color: currentColor; background: transparent; \
            border-color: inherit; outline-color: Canvas; color: none; color:   ; color: ";
        let facts = scan_declarations(css);
        assert_eq!(colors(css, &facts), "");
        assert_eq!(fonts(css, &facts), ["Red Hat Display=red hat display"]);
    }

    #[test]
    fn font_shorthand() {
        let css = "font: italic bold 12px/30px \"Helvetica Neue\", Arial, sans-serif; \
            font: 16px Georgia !important; font: inherit; font: caption; font: bold 1em/normal";
        let expected = [
            "\"Helvetica Neue\"=helvetica neue | Arial=arial | sans-serif=sans-serif",
            "Georgia=georgia",
        ];
        assert_eq!(fonts(css, &scan_declarations(css)), expected);
    }

    #[test]
    fn family_names_are_normalised() {
        let css =
            "font-family: 'Open  Sans', Times   New Roman , F\\6f o, Foo\\ Bar, \"serif\", SERIF";
        let expected =
            "'Open  Sans'=open sans | Times   New Roman=times new roman | F\\6f o=foo | \
            Foo\\ Bar=foo bar | \"serif\"=serif | SERIF=serif";
        assert_eq!(fonts(css, &scan_declarations(css)), [expected]);
    }

    #[test]
    fn keywords_and_blanks_in_family_lists() {
        let css =
            "font-family: inherit; font-family: Arial, unset; font-family:   , Arial 1, Verdana";
        assert_eq!(fonts(css, &scan_declarations(css)), ["Verdana=verdana"]);
        let value = " Arial, 'Segoe UI' ,sans-serif";
        let found = families(value, &font_families_in_attribute(value));
        let expected = "Arial=arial | 'Segoe UI'=segoe ui | sans-serif=sans-serif";
        assert_eq!(found, expected);
    }

    #[test]
    fn selectors_are_not_colors() {
        let css = "#header { color: #123456 } a#fff, .red, red { background: red }";
        let facts = scan_stylesheet(css);
        assert_eq!(colors(css, &facts), "#123456=#123456 | red=#ff0000");
        assert_eq!(facts.colors[1].span.start, css.rfind("red").unwrap());
    }

    #[test]
    fn group_and_nested_rules_are_scanned() {
        let css = "@media screen and (max-width: 600px) { @supports (display: grid) { \
            .a { color: #010101 } } } @layer base { p { color: #020202 } } \
            @container (min-width: 1px) { p { color: #030303 } }\
            @keyframes pulse { from { color: #040404 } 50% { color: #050505 } }\
            .card { color: #060606; a:hover { color: #070707 } }";
        let expected = "#010101=#010101 | #020202=#020202 | #030303=#030303 | #040404=#040404 | \
            #050505=#050505 | #060606=#060606 | #070707=#070707";
        assert_eq!(colors(css, &scan_stylesheet(css)), expected);
    }

    #[test]
    fn font_face_and_statement_at_rules_are_skipped() {
        let css = "@charset \"utf-8\"; @import url(\"red.css\") screen; \
            @font-face { font-family: \"Brand Sans\"; src: url(x.woff2); color: red } \
            p { font-family: \"Brand Sans\", sans-serif }";
        let facts = scan_stylesheet(css);
        assert_eq!(colors(css, &facts), "");
        let expected = "\"Brand Sans\"=brand sans | sans-serif=sans-serif";
        assert_eq!(fonts(css, &facts), [expected]);
    }

    #[test]
    fn broken_css_recovers() {
        let css = "} p { color: red background: #00f } .a { color: #0f0; .b { color: #f0f";
        let expected = "red=#ff0000 | #00f=#0000ff | #0f0=#00ff00 | #f0f=#ff00ff";
        assert_eq!(colors(css, &scan_stylesheet(css)), expected);
    }

    #[test]
    fn legacy_color_attributes() {
        let parse = |v: &'static str| parse_color_attribute(v).map(|(c, s)| (c.to_hex(), &v[s]));
        assert_eq!(parse("ffffff"), Some(("#ffffff".into(), "ffffff")));
        assert_eq!(parse(" #FFF "), Some(("#ffffff".into(), "#FFF")));
        assert_eq!(parse("red"), Some(("#ff0000".into(), "red")));
        assert_eq!(parse("000"), Some(("#000000".into(), "000")));
        for garbage in ["zzz", "#12", "transparent", "", "fffffff"] {
            assert_eq!(parse(garbage), None, "{garbage}");
        }
    }

    #[test]
    fn parse_color_rejects_garbage_and_keywords() {
        let rejected = "#12 rgb(1,2) nocolor transparent TRANSPARENT currentColor inherit 12px";
        for text in rejected.split(' ').chain(["", "red blue"]) {
            assert_eq!(parse_color(text), None, "{text}");
        }
        let hex = |text: &str| parse_color(text).map(Rgb::to_hex);
        assert_eq!(hex(" #0066CC "), Some("#0066cc".into()));
        assert_eq!(hex("rgba(0 102 204 / 0)"), Some("#0066cc".into()));
    }

    #[test]
    fn distance_is_perceptual() {
        let color = |t: &str| parse_color(t).unwrap();
        assert_eq!(color("#0066cc").distance(color("#0066cc")), 0.0);
        assert!((color("#000").distance(color("#fff")) - 100.0).abs() < 0.5);
        assert!(color("#0066cc").distance(color("#0067cd")) < 1.0);
    }

    /// Asserts that every span lies on char boundaries inside `css`.
    fn assert_spans_in(css: &str, mut spans: impl Iterator<Item = Range<usize>>) {
        assert!(spans.all(|span| css.get(span).is_some()), "{css}");
    }

    #[test]
    fn garbage_never_panics_and_spans_are_char_boundaries() {
        let nasty = "{{{{ ¦ }}}} color: red ¦ color: rgb( ¦ a { color: #fff ¦ \\ ¦ \
            color: \\ ¦ font: 12px \\ ¦ é{color:ç;font-family:ü, \"ö ¦ @media { ¦ \
            \u{0}color:\u{0}red;font:\u{0}1px a ¦ @font-face ¦ /* unclosed ¦ \"unclosed ¦ \
            url( ¦ color: url( ¦ font: 1px/ ¦ \
            color: hsl(1e39 50% 50%) hwb(1e38 0% 0%) hsl(-1e38 1e38% 5%) lab(1e38 1e38 1e38) ¦ \
            color: oklch(1e30 1e30 1e30) color(rec2020 -1e30 1e30 1) color(xyz 1e38 0 0) ¦ \
            color: 😀red;font-family:😀 Ö, 'ß\\ ¦ )]}color:#é ¦ font-family: ,,,!";
        let deep = ["a{", "color:rgb(", "(x "].map(|s| s.repeat(5000));
        for css in nasty.split(" ¦ ").chain(deep.iter().map(String::as_str)) {
            for facts in [scan_stylesheet(css), scan_declarations(css)] {
                assert_spans_in(css, facts.colors.iter().map(|c| c.span.clone()));
                assert_spans_in(
                    css,
                    facts.font_lists.iter().flatten().map(|f| f.span.clone()),
                );
            }
            assert_spans_in(
                css,
                font_families_in_attribute(css).into_iter().map(|f| f.span),
            );
            assert_spans_in(
                css,
                parse_color_attribute(css).into_iter().map(|(_, span)| span),
            );
            let _ = parse_color(css);
        }
    }
}
