//! Rules that contradict or repeat each other, found when a rules file is compiled: a
//! phrase both banned and replaced, a replacement that is itself banned or replaced again,
//! a term's variant that is another term's name, a wording replaced two ways, a term's
//! variant that is its own name again. Each is reported with both places, so the brand can
//! decide which one it meant; the rules still run.

use std::ops::Range;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};
use toml::Spanned;

use super::load::MergedRules;
use super::schema::RuleSpec;
use crate::matcher::normalize_phrase;

/// One place in a rules file.
#[derive(Clone, Debug)]
pub struct Place {
    /// The file, named and with its text, for the report.
    source: Arc<NamedSource<String>>,
    /// The bytes of the value.
    span: Range<usize>,
    /// What the value is there ("banned here").
    label: String,
}

/// Two rules that contradict or repeat each other.
#[derive(Clone, Debug)]
pub struct RuleConflict {
    /// What is wrong.
    pub message: String,
    first: Place,
    second: Place,
}

impl std::fmt::Display for RuleConflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RuleConflict {}

impl Diagnostic for RuleConflict {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Warning)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&*self.first.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let mut labels = vec![label(&self.first)];
        if self.shown_together() {
            labels.push(label(&self.second));
        }
        Some(Box::new(labels.into_iter()))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.shown_together() {
            return None;
        }
        Some(Box::new(std::iter::once(&self.second as &dyn Diagnostic)))
    }
}

impl RuleConflict {
    /// Whether both places are in one file, and so one report (miette shows places far
    /// apart as snippets of their own, never the lines between them).
    fn shown_together(&self) -> bool {
        self.first.source.name() == self.second.source.name()
    }

    /// The two places, as `path:byte-range`, for tests and plain logs.
    pub fn places(&self) -> [(String, Range<usize>); 2] {
        [&self.first, &self.second].map(|p| (p.source.name().to_string(), p.span.clone()))
    }
}

fn label(place: &Place) -> LabeledSpan {
    LabeledSpan::new_with_span(Some(place.label.clone()), place.span.clone())
}

// The second place of a conflict in another file is shown as a related report of its own.
impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} is here", self.label)
    }
}

impl std::error::Error for Place {}

impl Diagnostic for Place {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&*self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(label(self))))
    }
}

/// What a phrase is in the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    TermName,
    TermVariant,
    Banned,
    Replaced,
    Replacement,
}

impl Role {
    fn label(self) -> &'static str {
        match self {
            Role::TermName => "a term's name",
            Role::TermVariant => "a term's variant",
            Role::Banned => "banned",
            Role::Replaced => "replaced by a preferred wording",
            Role::Replacement => "a preferred wording",
        }
    }
}

/// One phrase the rules name, with where and as what.
struct Claim<'a> {
    folded: String,
    text: &'a str,
    role: Role,
    origin: usize,
    span: Range<usize>,
    /// The table it is in (two claims of one table never conflict), and for a replaced
    /// wording, the wording that replaces it.
    table: usize,
    replacement: Option<&'a str>,
}

/// Every conflict between the tables of merged rules files.
pub fn find<'a>(merged: &'a MergedRules) -> Vec<RuleConflict> {
    let claim = |value: &'a Spanned<String>, role, origin, table, replacement| Claim {
        // As the automaton holds the phrase, so two phrases are one claim exactly when
        // they match the same text.
        folded: normalize_phrase(value.get_ref()),
        text: value.get_ref(),
        role,
        origin,
        span: value.span(),
        table,
        replacement,
    };
    let mut table = 0;
    let mut claims = Vec::new();
    let mut conflicts = Vec::new();
    for (origin, term) in merged.tables(RuleSpec::term) {
        table += 1;
        claims.push(claim(&term.keys.name, Role::TermName, origin, table, None));
        let name = claims.len() - 1;
        for variant in &term.keys.variants {
            claims.push(claim(variant, Role::TermVariant, origin, table, None));
            // A variant in another case flags that casing, as the name does; one written
            // exactly as the name is never a finding, so it is a slip, not a rule. It does
            // no harm, so it is a warning, not an error.
            let (name, variant) = (&claims[name], &claims[claims.len() - 1]);
            if variant.text.trim() == name.text.trim() {
                let message = format!(
                    "\"{}\" is a variant of its own name: it never flags anything; remove it",
                    variant.text
                );
                conflicts.push(conflict(merged, message, name, variant));
            }
        }
    }
    for (origin, banned) in merged.tables(RuleSpec::banned) {
        table += 1;
        for phrase in &banned.keys.phrases {
            claims.push(claim(phrase, Role::Banned, origin, table, None));
        }
    }
    for (origin, prefer) in merged.tables(RuleSpec::prefer) {
        table += 1;
        let keys = &prefer.keys;
        claims.push(claim(&keys.use_, Role::Replacement, origin, table, None));
        for wording in &keys.instead_of {
            let replacement = Some(keys.use_.get_ref().as_str());
            claims.push(claim(wording, Role::Replaced, origin, table, replacement));
        }
    }
    // Claims of one phrase, in the order written; only phrases claimed twice or more can
    // conflict, and they are judged in the order of the phrases.
    let mut groups: foldhash::HashMap<&str, Vec<&Claim<'_>>> = foldhash::HashMap::default();
    for claim in &claims {
        groups.entry(&claim.folded).or_default().push(claim);
    }
    let mut shared: Vec<(&str, Vec<&Claim<'_>>)> =
        groups.into_iter().filter(|(_, g)| g.len() > 1).collect();
    shared.sort_unstable_by_key(|(phrase, _)| *phrase);

    for (_, group) in &shared {
        for (i, first) in group.iter().enumerate() {
            for second in &group[i + 1..] {
                if first.table == second.table {
                    continue;
                }
                if let Some(message) = judge(first, second) {
                    conflicts.push(conflict(merged, message, first, second));
                }
            }
        }
    }
    conflicts
}

/// What is wrong when one phrase plays both roles; `None` when the pair is fine (a term's
/// name that is also a preferred wording, say).
fn judge(a: &Claim<'_>, b: &Claim<'_>) -> Option<String> {
    use Role::*;
    let (a, b) = if (a.role as u8) <= (b.role as u8) {
        (a, b)
    } else {
        (b, a)
    };
    let phrase = a.text;
    Some(match (a.role, b.role) {
        (TermName, TermVariant) => format!(
            "\"{phrase}\" is a term's name and another term's variant: it is both right and wrong"
        ),
        (TermName, Banned) => format!("the term \"{phrase}\" is also banned"),
        (TermName, Replaced) => format!("the term \"{phrase}\" is also a wording to replace"),
        (TermVariant, TermVariant) => {
            format!("\"{phrase}\" is a variant of two terms: its fix is ambiguous")
        }
        (TermVariant, Replacement) => {
            format!("\"{phrase}\" is a term's variant and a preferred wording: its fixes undo each other")
        }
        (TermVariant, Banned) | (TermVariant, Replaced) => {
            format!(
                "\"{phrase}\" is a term's variant and also {}",
                b.role.label()
            )
        }
        (Banned, Replaced) => format!(
            "\"{phrase}\" is banned and also replaced by a preferred wording: it is reported twice"
        ),
        (Banned, Replacement) => {
            format!("\"{phrase}\" is banned, yet a preferred wording fixes text into it")
        }
        (Replaced, Replaced)
            if a.replacement.map(normalize_phrase) != b.replacement.map(normalize_phrase) =>
        {
            format!(
                "\"{phrase}\" is replaced by two different wordings (\"{}\" and \"{}\")",
                a.replacement.unwrap_or_default(),
                b.replacement.unwrap_or_default()
            )
        }
        (Replaced, Replacement) => format!(
            "\"{phrase}\" is a preferred wording and also a wording to replace: fixes go in a chain"
        ),
        // A name or wording given again is the same rule (a later table replaces an earlier
        // one with its id: a pack adjusted), and a name that is also a preferred wording
        // agrees with itself.
        _ => return None,
    })
}

fn conflict(merged: &MergedRules, message: String, a: &Claim<'_>, b: &Claim<'_>) -> RuleConflict {
    let place = |claim: &Claim<'_>| {
        let source = merged.source(claim.origin);
        Place {
            source: Arc::new(NamedSource::new(
                source.path.display().to_string(),
                source.text.clone(),
            )),
            span: claim.span.clone(),
            label: claim.role.label().to_string(),
        }
    };
    let first_file = merged.source(a.origin).path.display().to_string();
    RuleConflict {
        // Phrases are quoted, and a TOML string can hold any character.
        message: crate::printable::printable(&format!("{first_file}: {message}")).into_owned(),
        first: place(a),
        second: place(b),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn conflicts(rules: &str) -> Vec<String> {
        crate::check::load_rules_from_str(rules, Path::new("brandlint.toml"))
            .unwrap()
            .conflicts
            .iter()
            .map(|c| c.message.clone())
            .collect()
    }

    #[test]
    fn phrases_conflict_exactly_when_they_match_the_same_text() {
        // "ÖLWERK" folds to the term's name, so banning it bans the term.
        let same = conflicts("[[term]]\nname = \"Ölwerk\"\n[[banned]]\nphrases = [\"ÖLWERK\"]\n");
        assert_eq!(same, ["brandlint.toml: the term \"Ölwerk\" is also banned"]);
        // "İ" lower-cases to two characters, so matching keeps it as it is: the term and
        // the dotted "i̇stanbul" match different text and do not conflict.
        let apart = conflicts(
            "[[term]]\nname = \"İstanbul\"\n[[banned]]\nphrases = [\"i\u{307}stanbul\"]\n",
        );
        assert_eq!(apart, Vec::<String>::new());
    }

    /// The report of each conflict, as a terminal without colors shows it.
    fn rendered(rules: &str) -> Vec<String> {
        let loaded = crate::check::load_rules_from_str(rules, Path::new("brandlint.toml")).unwrap();
        let handler =
            miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
        loaded
            .conflicts
            .iter()
            .map(|conflict| {
                let mut out = String::new();
                handler.render_report(&mut out, conflict).unwrap();
                out
            })
            .collect()
    }

    #[test]
    fn places_far_apart_are_two_snippets_without_the_lines_between() {
        let filler: String = (0..30).map(|i| format!("# filler line {i}\n")).collect();
        let far = format!(
            "[[prefer]]\nuse = \"email\"\ninstead_of = [\"e-mail\"]\n{filler}\
             [[banned]]\nphrases = [\"e-mail\"]\n"
        );
        let [report] = &rendered(&far)[..] else {
            panic!("one conflict");
        };
        assert!(!report.contains("filler line 15"), "{report}");
        assert!(report.matches("e-mail").count() >= 2, "{report}");
        let near = "[[prefer]]\nuse = \"email\"\ninstead_of = [\"e-mail\"]\n\
                    [[banned]]\nphrases = [\"e-mail\"]\n";
        let [report] = &rendered(near)[..] else {
            panic!("one conflict");
        };
        assert!(
            report.contains("[[banned]]"),
            "one snippet with both: {report}"
        );
    }

    #[test]
    fn a_variant_written_as_its_own_name_is_a_warning_and_another_casing_is_not() {
        let same = conflicts("[[term]]\nname = \"GitHub\"\nvariants = [\"GitHub\"]\n");
        assert_eq!(
            same,
            ["brandlint.toml: \"GitHub\" is a variant of its own name: it never flags anything; remove it"]
        );
        let casing = conflicts("[[term]]\nname = \"GitHub\"\nvariants = [\"Github\"]\n");
        assert_eq!(casing, Vec::<String>::new());
    }
}
