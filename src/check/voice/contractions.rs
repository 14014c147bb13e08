//! `voice/contractions`: the brand either contracts ("don't", "you'll") or spells out ("do
//! not", "you will"). With `contractions = "prefer"` the spelled-out forms are findings;
//! with `"avoid"` the contractions are. Each finding has a fix that keeps the case of the
//! text it replaces.
//!
//! ## Why
//! Contractions make a voice warm and spoken; spelled-out forms make it formal. Either can
//! be the brand's, but switching between them on one page sounds like two writers.
//!
//! ## Example
//! With `contractions = "prefer"`, "Do not worry: you will get a receipt." is flagged at "Do
//! not" (fix "Don't") and "you will" (fix "you'll"). With `"avoid"`, "We'll email you" is
//! flagged with the fix "We will".
//!
//! ## Options
//! - `contractions`: `prefer`, `avoid` or `off`.
//!
//! The pairs: do/does/did/is/are/was/were/has/have/had/will/would/could/should/must + not,
//! cannot; I am, I will, you are, you will, we are, we will, they are, they will, it is,
//! that is, there is, what is; and, spelled out only (with `avoid`), I have, you have, we
//! have, they have, let us. With `prefer`, "X is/are/will" is left alone where it cannot
//! contract: before "not" (the negation contracts instead) and at the end of a clause
//! ("that's who you are.", "where it is and when"). With `avoid`, "it's been" becomes "it has been". Both
//! apostrophes (' and ’) are read; a fix uses the one the text around it uses.
//!
//! The fixes are unsafe, applied only with `--fix --unsafe-fixes`: a contraction can change
//! what a sentence says. "It will not only run fast but also scale" does not mean "It won't
//! only run fast", and "it's" can be "it is" or "it has". Read each one before applying.

use super::phrases::{List, ListPhrase};
use super::VoiceContext;
use crate::check::prefer::match_case;
use crate::config::schema::ContractionPolicy;
use crate::model::{Finding, Fix, FixSafety};

/// Which way a pair is checked.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pair {
    /// A negation: contracts anywhere.
    Negation,
    /// A pronoun and a verb: cannot contract at the end of a clause or before "not".
    Verb,
    /// Only spelled out: the contraction has a second meaning ("you've" in "you've a
    /// message") or a different one ("let's" for "let us know").
    SpellOutOnly,
}

/// Spelled-out form, contraction (with a straight apostrophe), and how the pair is checked.
const PAIRS: &[(&str, &str, Pair)] = &[
    ("do not", "don't", Pair::Negation),
    ("does not", "doesn't", Pair::Negation),
    ("did not", "didn't", Pair::Negation),
    ("is not", "isn't", Pair::Negation),
    ("are not", "aren't", Pair::Negation),
    ("was not", "wasn't", Pair::Negation),
    ("were not", "weren't", Pair::Negation),
    ("has not", "hasn't", Pair::Negation),
    ("have not", "haven't", Pair::Negation),
    ("had not", "hadn't", Pair::Negation),
    ("will not", "won't", Pair::Negation),
    ("would not", "wouldn't", Pair::Negation),
    ("could not", "couldn't", Pair::Negation),
    ("should not", "shouldn't", Pair::Negation),
    ("must not", "mustn't", Pair::Negation),
    ("cannot", "can't", Pair::Negation),
    ("I am", "I'm", Pair::Verb),
    ("I will", "I'll", Pair::Verb),
    ("you are", "you're", Pair::Verb),
    ("you will", "you'll", Pair::Verb),
    ("we are", "we're", Pair::Verb),
    ("we will", "we'll", Pair::Verb),
    ("they are", "they're", Pair::Verb),
    ("they will", "they'll", Pair::Verb),
    ("it is", "it's", Pair::Verb),
    ("that is", "that's", Pair::Verb),
    ("there is", "there's", Pair::Verb),
    ("what is", "what's", Pair::Verb),
    ("I have", "I've", Pair::SpellOutOnly),
    ("you have", "you've", Pair::SpellOutOnly),
    ("we have", "we've", Pair::SpellOutOnly),
    ("they have", "they've", Pair::SpellOutOnly),
    ("let us", "let's", Pair::SpellOutOnly),
];

/// Adds the spelled-out forms and the contractions (with either apostrophe) to the voice
/// checks' phrases, each with its index in [`PAIRS`].
pub fn add_phrases(phrases: &mut Vec<ListPhrase>) {
    for (index, (long, short, pair)) in PAIRS.iter().enumerate() {
        if *pair != Pair::SpellOutOnly {
            phrases.push((long.to_string(), List::Spelled, index));
        }
        phrases.push((short.to_string(), List::Contracted, index));
        phrases.push((short.replace('\'', "\u{2019}"), List::Contracted, index));
    }
}

/// Flags the forms the brand does not write, with a fix to the form it does.
pub fn check(context: &VoiceContext<'_>, findings: &mut Vec<Finding>) {
    let Some(policy) = context.settings.contractions else {
        return;
    };
    let list = match policy {
        ContractionPolicy::Prefer => List::Spelled,
        ContractionPolicy::Avoid => List::Contracted,
        ContractionPolicy::Off => return,
    };
    for (segment, found) in context.phrases(list) {
        let text = &segment.text;
        let curly = text.contains('\u{2019}');
        for (range, index) in found {
            let (long, short, pair) = PAIRS[index];
            let matched = &text[range.range()];
            let after = &text[range.end..];
            let (wanted, message) = match policy {
                ContractionPolicy::Prefer => {
                    if pair == Pair::Verb && !can_contract_before(after) {
                        continue;
                    }
                    let short = if curly {
                        short.replace('\'', "\u{2019}")
                    } else {
                        short.to_string()
                    };
                    let message = "the brand writes contractions";
                    (short, message)
                }
                _ => {
                    let long = if short.ends_with("'s") && before_past_participle(after) {
                        long.replace(" is", " has")
                    } else {
                        long.to_string()
                    };
                    (long, "the brand spells contractions out")
                }
            };
            let replacement = match_case(&wanted, matched);
            let message = format!("Write \"{replacement}\", not \"{matched}\": {message}");
            let fix = Fix::new(replacement, FixSafety::Unsafe);
            findings.extend(context.finding(segment, range, message, Some(fix)));
        }
    }
}

/// Whether "X is" or "X are" can contract given the text after it: not at the end of a
/// clause ("that's who you are.", "where it is and when") and not before "not", where the
/// negation contracts.
fn can_contract_before(after: &str) -> bool {
    let rest = after.trim_start();
    let Some(next) = rest.chars().next() else {
        return false;
    };
    let ends_clause = matches!(
        next,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '"' | '\u{201D}' | '\u{2014}' | '\u{2013}'
    );
    // "not" contracts with the verb instead; before "and", "or", "but" or "nor" the verb
    // ends its clause ("where it is and when") and cannot contract either.
    let next = next_word(rest).to_ascii_lowercase();
    !ends_clause && !matches!(next.as_str(), "not" | "and" | "or" | "but" | "nor")
}

/// Whether "it's" stands for "it has": before "been" or "got".
fn before_past_participle(after: &str) -> bool {
    let next = next_word(after);
    next.eq_ignore_ascii_case("been") || next.eq_ignore_ascii_case("got")
}

/// The letters of the word that starts `after`, past leading white space.
fn next_word(after: &str) -> &str {
    let rest = after.trim_start();
    let end = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    &rest[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::lint::Lint;

    #[test]
    fn contractions_are_fixed_only_when_unsafe_fixes_are_asked_for() {
        let lint = Lint::new("[voice]\ncontractions = \"prefer\"\n");
        let text = "It will not only run fast but also scale.";
        lint.assert_findings(text, &[("voice/contractions", "will not")]);
        lint.assert_fixed(text, text);
        assert_eq!(
            lint.fixed_with_unsafe(text),
            "It won't only run fast but also scale."
        );
        // Another voice check's findings are the same either way: none has a fix.
        let lint = Lint::new("[voice]\ncontractions = \"avoid\"\n");
        assert_eq!(
            lint.fixed_with_unsafe("We'll email you."),
            "We will email you."
        );
        lint.assert_fixed("We'll email you.", "We'll email you.");
    }

    #[test]
    fn verbs_do_not_contract_at_a_clause_end_or_before_not() {
        assert!(can_contract_before(" going home"));
        assert!(!can_contract_before("."));
        assert!(!can_contract_before(", and"));
        assert!(!can_contract_before(""));
        assert!(!can_contract_before(" not ready"));
        assert!(!can_contract_before(" not, really"));
        assert!(!can_contract_before(" and when it will arrive"));
        assert!(can_contract_before(" because you asked"));
        assert!(can_contract_before(" nothing like it"));
    }

    #[test]
    fn it_has_been() {
        assert!(before_past_participle(" been a year"));
        assert!(before_past_participle(" got it"));
        assert!(!before_past_participle(" good"));
    }

    #[test]
    fn every_pair_is_lower_case_but_for_i() {
        for (long, short, _) in PAIRS {
            let rest: String = long.chars().skip(1).collect();
            assert_eq!(rest, rest.to_lowercase(), "{long}");
            assert!(short.contains('\''), "{short}");
        }
    }
}
