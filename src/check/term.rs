//! `term`: visual naming. A brand or product name has one right way to be written; every
//! other casing of it, every listed variant spelling, and, when the brand says so, its
//! possessive, its plural and a first mention without its trademark symbol are findings.
//!
//! ## Why
//! "Github", "Javascript" and "Acme cloud" tell readers nobody checked. A name written the
//! same way everywhere is part of how the brand looks, and a registered mark that is not
//! marked on first use weakens it.
//!
//! ## Example
//! With `name = "Acme Cloud"`, `variants = ["AcmeCloud"]`, `trademark = "®"` and
//! `no_possessive = true`: "Try AcmeCloud" is flagged with a fix to "Acme Cloud®" (the
//! first mention, so the mark is added too), "Acme Cloud's console" is flagged as a
//! possessive, and "Acme Cloud® is fast. Acme Cloud scales." passes.
//!
//! ## Options
//! - `name`: the name exactly as it must be written, symbols and inner capitals included
//!   ("C++", ".NET", "iPhone", "crates.io", "Node.js"). Any case-insensitive match of it that
//!   is not written exactly so is a finding, at the start of a sentence too ("Crates.io" is
//!   fixed to "crates.io").
//! - `variants`: other spellings or spacings to flag (any casing), such as "AcmeCloud" or
//!   "Acme-Cloud". A name or variant matches across any run of white space, a line break
//!   included.
//! - `allow`: exact forms that are fine, such as the lower-case command `acme` in prose.
//! - `trademark`: `"™"` or `"®"`. The first mention in the document's content (headings and
//!   body; titles, subjects, preheaders, descriptions and alt text are metadata and do not
//!   count) must carry it, written as the character or an entity (`&reg;`, `&#8482;`);
//!   later mentions need not. A fix adds it where the mention holds no markup.
//! - `no_possessive`: "Acme Cloud's" (and "’s") is a finding.
//! - `no_plural`: "Acme Clouds" is a finding.
//! - the common keys: `id` (default `term/<name>`), `severity`, `message` (default
//!   `Write "{expected}", not "{match}"`, for wrong spellings), `help`, `url`, `channels`,
//!   `scopes`, `files`, `examples`, `case` (`"exact"`: only the variants as written are
//!   findings, not other casings of the name) and `exceptions` (phrases in which the name is
//!   fine, such as "figma plugin api" for Figma).
//!
//! A fix to the exact name is offered where the match holds no markup; possessives and
//! plurals need a rewrite, so they have none. The fixes are safe (`--fix` applies them):
//! writing a name its one right way, or adding its mark, changes how it looks, not what
//! the sentence says; in an image's alternative text they are unsafe, as every fix there is.
//!
//! Some matches are not the name. A one-word name that is also an ordinary English word (in
//! the Wordnik word list: "Notion", "Slack", "Square", "Cargo") is that word when written in
//! lower case as a plain noun: right after an article or determiner and right before a
//! preposition, a conjunction or the end of a clause ("the notion of", "some slack in", "the
//! cargo to port"). It is not flagged there; anywhere else ("the cargo team", "async rust"),
//! and in other casings, it still is. A name set in a run of capitals, among other
//! words in capitals ("ACME URLS", a heading or label in capitals), is a case transform, not a
//! misspelling. A form listed in `variants` is flagged wherever it stands: a brand whose
//! name is a rare word too ("Android", "Python") lists its lower-case form there to have it
//! flagged mid-sentence.

use crate::check::kind::{DocumentContext, Kind, Notes};
use crate::config::load::MergedRules;
use crate::config::schema::RuleSpec;

use crate::check::{CompiledRules, Compiler, PhraseRole, RuleDraft};
use crate::config::error::ConfigError;
use crate::config::schema::TermTable;
use crate::matcher::{fold, is_word_char};
use crate::model::{Finding, Fix, RuleKind, Scope, SourceSpan, TextRange};

use super::MatchContext;

/// The trademark symbols a term may require.
const MARKS: [&str; 2] = ["™", "®"];

/// How a `[[term]]` name may be written beyond its casing.
#[derive(Debug)]
pub struct Term {
    /// The plurals of the name, folded, when plurals are findings.
    plurals: Vec<String>,
    /// The mark its first mention must carry.
    trademark: Option<&'static str>,
    /// Whether "Name's" is a finding.
    no_possessive: bool,
    /// Exact forms that are fine.
    allow: Vec<String>,
    /// The `variants` as written: a match written so is a finding wherever it stands.
    variants: Vec<String>,
    /// Whether the name is one word that is also an ordinary English word ("Notion",
    /// "Slack", "Square"), so that word in lower case as a plain noun is the word, not the
    /// name.
    common_word: bool,
}

impl Term {
    /// Whether a matched form is one the rules file allows as written.
    fn allows(&self, matched: &str) -> bool {
        self.allow.iter().any(|a| a == matched)
    }

    /// Whether a match is not the name but something else written with its letters: the
    /// ordinary word a one-word name also is, used as a plain noun ("the notion of"), or any
    /// word of a run of capitals (a heading or label set in capitals: "ACME URLS"). A form
    /// listed in `variants` is always the name.
    fn is_not_the_name(&self, context: &MatchContext<'_>) -> bool {
        let matched = context.matched_text();
        if self.variants.iter().any(|v| v == matched) {
            return false;
        }
        let text = &context.segment.text;
        let range = context.text_range;
        let lower = !matched.chars().any(char::is_uppercase);
        let (before, after) = (&text[..range.start], &text[range.end..]);
        (self.common_word && lower && is_plain_noun(before, after))
            || in_capitals_run(text, range.range())
    }

    /// Whether a matched form is a plural of the name (only when plurals are findings).
    fn is_plural(&self, matched: &str) -> bool {
        !self.plurals.is_empty() && self.plurals.iter().any(|p| **p == *fold(matched))
    }
}

/// `[[term]]` rules: names written one right way.
pub struct TermKind;

impl Kind for TermKind {
    fn kind(&self) -> RuleKind {
        RuleKind::Term
    }

    fn source(&self) -> &'static str {
        include_str!("term.rs")
    }

    fn compile(&self, merged: &MergedRules, compiler: &mut Compiler) -> Result<(), ConfigError> {
        compiler.each_table(merged, RuleSpec::term, compile)
    }

    fn on_match(&self, context: &MatchContext<'_>, notes: &mut Notes) -> Option<Finding> {
        let term = context.rules.term(context.rule_index)?;
        note_mention(context, term, &mut notes.mentions);
        on_match(context, term)
    }

    fn check_document(&self, context: &DocumentContext<'_>, findings: &mut Vec<Finding>) {
        check_trademarks(context.rules, &context.notes.mentions, findings);
    }
}

/// Compiles one `[[term]]` table.
pub fn compile(
    table: &TermTable,
    origin: usize,
    compiler: &mut Compiler,
) -> Result<(), ConfigError> {
    let name = table.keys.name.get_ref().trim();
    if name.is_empty() {
        return Err(compiler.error_at(origin, table.keys.name.span(), "a term needs a name"));
    }
    let trademark =
        match &table.keys.trademark {
            None => None,
            Some(mark) => Some(MARKS.into_iter().find(|m| m == mark.get_ref()).ok_or_else(
                || {
                    compiler
                        .error_at(origin, mark.span(), "`trademark` is \"™\" or \"®\"")
                        .with_help(Some("write the symbol itself: trademark = \"®\"".into()))
                },
            )?),
        };
    let plurals = if table.keys.no_plural {
        plurals_of(name)
    } else {
        Vec::new()
    };
    let mut phrases = vec![(name.to_string(), PhraseRole::Flag)];
    phrases.extend(
        table
            .keys
            .variants
            .iter()
            .map(|v| (v.get_ref().clone(), PhraseRole::Flag)),
    );
    phrases.extend(plurals.iter().map(|p| (p.clone(), PhraseRole::Flag)));
    let common_word = super::dictionary::is_english_word(name);
    compiler.add_at(
        origin,
        table.keys.name.span(),
        RuleDraft {
            kind: RuleKind::Term,
            common: table.common.clone(),
            name: name.to_string(),
            expected: name.to_string(),
            default_message: "Write \"{expected}\", not \"{match}\"",
            phrases,
            regex: None,
            requirement: None,
            term: Some(Term {
                plurals: plurals.iter().map(|p| fold(p).into_owned()).collect(),
                trademark,
                no_possessive: table.keys.no_possessive,
                allow: table.keys.allow.clone(),
                variants: table
                    .keys
                    .variants
                    .iter()
                    .map(|v| v.get_ref().clone())
                    .collect(),
                common_word,
            }),
        },
    )
}

/// The plural of a name that ends in a letter: "-es" after s, x, z, ch and sh, else "-s".
fn plurals_of(name: &str) -> Vec<String> {
    if !name.chars().last().is_some_and(char::is_alphabetic) {
        return Vec::new();
    }
    let lower = name.to_lowercase();
    let sibilant = ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| lower.ends_with(e));
    vec![format!("{name}{}", if sibilant { "es" } else { "s" })]
}

/// A match of a name, a variant or a plural: allowed forms pass; a plural or a possessive
/// (where the term forbids them) is reported as such; any other form not written exactly
/// as the name is a wrong spelling, fixed to the name.
pub fn on_match(context: &MatchContext<'_>, term: &Term) -> Option<Finding> {
    let matched = context.matched_text();
    if term.allows(matched) || term.is_not_the_name(context) {
        return None;
    }
    let expected = &context.rule.expected;
    if term.is_plural(matched) {
        let mut finding = context.finding(None);
        finding.message = format!(
            "\"{expected}\" has no plural: write \"{expected} accounts\", \"{expected} plans\" or the like, not \"{matched}\""
        );
        return Some(finding);
    }
    if term.no_possessive {
        let after = &context.segment.text[context.text_range.end..];
        if let Some(suffix) = possessive_suffix(matched, after) {
            let range = TextRange::new(context.text_range.start, context.text_range.end + suffix);
            let possessive = &context.segment.text[range.range()];
            let extended = MatchContext {
                span: context.segment.source_range(range),
                text_range: range,
                ..*context
            };
            let mut finding = extended.finding(None);
            finding.message = format!(
                "\"{expected}\" takes no possessive: write \"the {expected} <noun>\", not \"{possessive}\""
            );
            return Some(finding);
        }
    }
    (matched != expected).then(|| context.finding(Some(Fix::safe(expected.clone()))))
}

/// Words that make the next word a plain noun phrase: articles and determiners.
const DETERMINERS: [&str; 22] = [
    "a", "an", "the", "some", "any", "no", "this", "that", "these", "those", "such", "every",
    "each", "much", "little", "his", "her", "its", "our", "their", "my", "your",
];

/// Words that may follow a plain noun, ending its phrase.
const AFTER_A_NOUN: [&str; 12] = [
    "of", "in", "on", "for", "to", "with", "at", "from", "about", "between", "and", "or",
];

/// Whether a lower-case word between `before` and `after` is used as a plain noun: right
/// after a determiner, and right before a preposition, a conjunction or the end of a clause
/// ("the notion of", "some slack in", "a square."). Anything else keeps it the brand:
/// on real technical writing, "the cargo team", "async rust" and "the android linker" are
/// the products, and are findings.
fn is_plain_noun(before: &str, after: &str) -> bool {
    let previous = before
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    let follows_determiner = DETERMINERS.contains(&previous);
    let after = after.trim_start();
    let next = after
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let ends_phrase = match after.chars().next() {
        None => true,
        Some(c) if c.is_alphabetic() => AFTER_A_NOUN.contains(&next),
        Some(c) => matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')'),
    };
    follows_determiner && ends_phrase
}

/// Whether the match at `range` is set in capitals among other words in capitals: it has
/// two letters or more, all capitals, and so does the word before or after it.
fn in_capitals_run(text: &str, range: std::ops::Range<usize>) -> bool {
    let capitals = |word: &str| {
        let mut letters = word.chars().filter(|c| c.is_alphabetic());
        let first_two = letters.clone().take(2).count() == 2;
        first_two && letters.all(char::is_uppercase)
    };
    if !capitals(&text[range.clone()]) {
        return false;
    }
    let is_separator = |c: char| !is_word_char(c);
    let before = text[..range.start].trim_end_matches(is_separator);
    let previous = before.rsplit(is_separator).next().unwrap_or("");
    let after = text[range.end..].trim_start_matches(is_separator);
    let next = after.split(is_separator).next().unwrap_or("");
    capitals(previous) || capitals(next)
}

/// The length of a possessive ending right after a name: `'s` or `’s`, or a bare
/// apostrophe after a name ending in "s", when no word character follows.
fn possessive_suffix(name: &str, after: &str) -> Option<usize> {
    let apostrophe = after
        .chars()
        .next()
        .filter(|c| *c == '\'' || *c == '\u{2019}')?;
    let rest = &after[apostrophe.len_utf8()..];
    let ends_word = |text: &str| !text.chars().next().is_some_and(is_word_char);
    if rest.starts_with(['s', 'S']) && ends_word(&rest[1..]) {
        Some(apostrophe.len_utf8() + 1)
    } else if name.ends_with(['s', 'S']) && ends_word(rest) {
        Some(apostrophe.len_utf8())
    } else {
        None
    }
}

/// A mention of a trademarked name, found while matching, for [`check_trademarks`].
#[derive(Debug)]
pub struct Mention {
    /// The term's rule index.
    pub rule: usize,
    /// The name's bytes in the file.
    pub span: SourceSpan,
    /// The name as read.
    pub text: String,
    /// Where it stands.
    pub scope: Scope,
    /// The mark that follows it, if any, and the file bytes of name and mark together.
    pub mark: Option<(String, SourceSpan)>,
    /// Whether the file holds the name (and its mark) verbatim, so that a fix may replace
    /// them.
    pub verbatim: bool,
}

/// Scopes whose mentions neither need a mark nor count as the first mention: metadata.
const METADATA: [Scope; 5] = [
    Scope::Title,
    Scope::Subject,
    Scope::Preheader,
    Scope::Description,
    Scope::Alt,
];

/// Notes a match of a trademarked term, to find its first mention once the whole document
/// is read. Allowed forms, plurals and mentions in metadata are not mentions.
pub fn note_mention(context: &MatchContext<'_>, term: &Term, mentions: &mut Vec<Mention>) {
    let matched = context.matched_text();
    let scope = context.segment.scope_at(context.text_range);
    if term.trademark.is_none()
        || METADATA.contains(&scope)
        || term.allows(matched)
        || term.is_plural(matched)
    {
        return;
    }
    let after = &context.segment.text[context.text_range.end..];
    let mark = MARKS.into_iter().find(|m| after.starts_with(m)).map(|m| {
        let with_mark = TextRange::new(context.text_range.start, context.text_range.end + m.len());
        (m.to_string(), context.segment.source_range(with_mark))
    });
    let verbatim = match &mark {
        Some((written, span)) => {
            context.source.get(span.range()) == Some(&format!("{matched}{written}"))
        }
        None => context.fix_is_safe(),
    };
    mentions.push(Mention {
        rule: context.rule_index,
        span: context.span,
        text: matched.to_string(),
        scope,
        mark,
        verbatim,
    });
}

/// Reports the first mention of each trademarked term that does not carry its mark. When
/// the mention is also misspelled, its spelling finding gains the mark in its fix instead.
pub fn check_trademarks(rules: &CompiledRules, mentions: &[Mention], findings: &mut Vec<Finding>) {
    let mut firsts: Vec<&Mention> = Vec::new();
    for mention in mentions {
        match firsts.iter_mut().find(|m| m.rule == mention.rule) {
            Some(first) if mention.span.start < first.span.start => *first = mention,
            Some(_) => {}
            None => firsts.push(mention),
        }
    }
    for first in firsts {
        let rule = &rules.rules[first.rule];
        let Some(mark) = rules.term(first.rule).and_then(|t| t.trademark) else {
            continue;
        };
        let name = &rule.expected;
        let (span, found) = match &first.mark {
            Some((written, _)) if written == mark => continue,
            Some((written, with_mark)) => (*with_mark, format!("{}{written}", first.text)),
            None => (first.span, first.text.clone()),
        };
        let replacement = format!("{name}{mark}");
        let message = format!(
            "The first mention of \"{name}\" carries its mark: write \"{replacement}\", not \"{found}\""
        );
        let fix = first.verbatim.then(|| Fix::safe(replacement.clone()));
        if let Some(spelling) = findings
            .iter_mut()
            .find(|f| f.rule == rule.id && f.span == first.span)
        {
            spelling.message = message;
            spelling.fix = spelling.fix.take().and(fix);
            continue;
        }
        findings.push(
            rule.finding(span, message)
                .in_scope(first.scope)
                .with_fix(fix),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::lint::{assert_findings, assert_fixed};

    #[test]
    fn plurals_follow_english_spelling_and_skip_symbols() {
        assert_eq!(plurals_of("Acme Cloud"), ["Acme Clouds"]);
        assert_eq!(plurals_of("Acme Box"), ["Acme Boxes"]);
        assert_eq!(plurals_of("Acme Bench"), ["Acme Benches"]);
        assert!(plurals_of("C++").is_empty());
    }

    #[test]
    fn possessives_are_apostrophe_s_or_a_bare_apostrophe_after_s() {
        assert_eq!(possessive_suffix("Acme", "'s console"), Some(2));
        assert_eq!(possessive_suffix("Acme", "\u{2019}s"), Some(4));
        assert_eq!(possessive_suffix("Acme Files", "' folder"), Some(1));
        assert_eq!(possessive_suffix("Acme", "'simple'"), None);
        assert_eq!(possessive_suffix("Acme", "' quoted"), None);
        assert_eq!(possessive_suffix("Acme", " is"), None);
    }

    #[test]
    fn case_exact_flags_only_the_variants_as_written() {
        let rules = "[[term]]\nname = \"Acme\"\nvariants = [\"ACME\"]\ncase = \"exact\"\n";
        assert_findings(rules, "Try ACME today.\n", &[("term/Acme", "ACME")]);
        assert_fixed(rules, "Try ACME today.\n", "Try Acme today.\n");
        assert_findings(rules, "Try acme or aCME or Acme.\n", &[]);
    }

    #[test]
    fn an_exception_keeps_a_name_in_a_phrase_that_is_not_the_brand() {
        let rules = "[[term]]\nname = \"Figma\"\nexceptions = [\"figma plugin api\"]\n";
        assert_findings(rules, "Read the figma plugin api notes.\n", &[]);
        assert_findings(rules, "Open figma today.\n", &[("term/Figma", "figma")]);
    }

    #[test]
    fn a_name_that_is_an_ordinary_word_is_that_word_as_a_plain_noun_in_lower_case() {
        let rules = "[[term]]\nname = \"Notion\"\n";
        assert_findings(rules, "Drop the notion of a single page.\n", &[]);
        assert_findings(rules, "Notion is where we write. It is a notion.\n", &[]);
        assert_findings(
            rules,
            "We use Notion. notion is fast. NOTION too. Open the notion app.\n",
            &[
                ("term/Notion", "notion"),
                ("term/Notion", "NOTION"),
                ("term/Notion", "notion"),
            ],
        );
        let cargo = "[[term]]\nname = \"Cargo\"\n";
        assert_findings(
            cargo,
            "Previously, the cargo team agreed. Build it with cargo.\n",
            &[("term/Cargo", "cargo"), ("term/Cargo", "cargo")],
        );
        assert_findings(cargo, "The ship took the cargo to port.\n", &[]);
        let not_a_word = "[[term]]\nname = \"GitHub\"\n";
        assert_findings(
            not_a_word,
            "We push to github daily.\n",
            &[("term/GitHub", "github")],
        );
    }

    #[test]
    fn a_variant_listed_in_lower_case_is_flagged_even_when_it_is_a_word() {
        let rules = "[[term]]\nname = \"Slack\"\nvariants = [\"slack\"]\n";
        assert_findings(
            rules,
            "Post it in slack today.\n",
            &[("term/Slack", "slack")],
        );
    }

    #[test]
    fn a_name_set_in_a_run_of_capitals_is_not_a_misspelling() {
        let rules = "[[term]]\nname = \"Acme\"\n";
        assert_findings(rules, "## ACME URLS\n\nSee ACME FAQ.\n", &[]);
        assert_findings(rules, "Try ACME today.\n", &[("term/Acme", "ACME")]);
    }
}
