//! `voice/person`: who the brand talks to and as whom. With `person = "second"`, prose that
//! speaks of the reader in the third person ("the user", "customers") is a finding; with
//! `"first-plural"`, prose where the brand speaks of itself as "the company" is.
//!
//! ## Why
//! "You can export your data" talks to someone; "The user can export their data" talks
//! about them. A brand that writes "we" sounds like people, "the company" like a contract.
//!
//! ## Example
//! With `person = "second"`, "The user can reset the password" is flagged at "The user";
//! "You can reset your password" passes. With `person = "first-plural"`, "The company will
//! contact you" is flagged at "The company"; "We will contact you" passes.
//!
//! ## Options
//! - `person`: `second`, `first-plural` or `off`.
//!
//! The words read as the reader (`second`): the user, users, the end user, end users, the
//! customer, customers, the reader, readers, the visitor, visitors, the subscriber,
//! subscribers, each with "the" or alone, and "user's" and "customer's"; but not someone
//! else's people: after a possessive ("your users", "its customers") or a name ("Rust
//! users", "Windows users"), they are an audience the prose talks about. The words read as
//! the brand (`first-plural`): the company, this company, the organization (organisation),
//! this organization, the business, this business. A word that starts a compound is not a
//! person: "the user interface", "customer support", "user-facing" pass. No fix: which
//! pronoun fits depends on the sentence.

use super::VoiceContext;
use crate::config::schema::PersonPolicy;
use crate::matcher::{PhraseSet, PhraseSetBuilder};
use crate::model::Finding;

/// Third-person names for the reader.
const READER: &[&str] = &[
    "the user",
    "the users",
    "users",
    "the user's",
    "the end user",
    "end users",
    "the customer",
    "the customers",
    "customers",
    "the customer's",
    "the reader",
    "readers",
    "the visitor",
    "visitors",
    "the subscriber",
    "subscribers",
];

/// Third-person names for the brand itself.
const BRAND: &[&str] = &[
    "the company",
    "this company",
    "the organization",
    "this organization",
    "the organisation",
    "this organisation",
    "the business",
    "this business",
];

/// Nouns that make "user" or "customer" part of a compound ("the user interface",
/// "customer support"): then it names a thing, not a person.
const COMPOUND_HEADS: &[&str] = &[
    "account",
    "accounts",
    "agent",
    "agents",
    "base",
    "data",
    "experience",
    "feedback",
    "group",
    "groups",
    "guide",
    "guides",
    "id",
    "ids",
    "input",
    "interface",
    "interfaces",
    "journey",
    "manual",
    "name",
    "names",
    "profile",
    "profiles",
    "research",
    "service",
    "settings",
    "space",
    "stories",
    "story",
    "success",
    "support",
    "testing",
];

/// Both lists as automata, compiled once per rules file.
#[derive(Debug)]
pub struct Phrases {
    reader: PhraseSet<()>,
    brand: PhraseSet<()>,
}

impl Default for Phrases {
    /// Compiles both automata.
    fn default() -> Self {
        let set = |phrases: &[&str]| {
            let mut builder = PhraseSetBuilder::default();
            for phrase in phrases {
                builder.add(phrase, ());
                builder.add(&phrase.replace('\'', "\u{2019}"), ());
            }
            builder.build()
        };
        Phrases {
            reader: set(READER),
            brand: set(BRAND),
        }
    }
}

/// Flags third-person names for the reader or the brand.
pub fn check(context: &VoiceContext<'_>, findings: &mut Vec<Finding>) {
    let (automaton, pronoun) = match context.settings.person {
        Some(PersonPolicy::Second) => (&context.voice.person.reader, "you"),
        Some(PersonPolicy::FirstPlural) => (&context.voice.person.brand, "we"),
        Some(PersonPolicy::Off) | None => return,
    };
    for (segment, folded) in context.folded_segments() {
        for found in automaton.find(&segment.text, folded, |_, _| true) {
            let text = &segment.text;
            if starts_compound(&text[found.range.end..])
                || names_someone_elses(&text[..found.range.start])
            {
                continue;
            }
            let matched = &segment.text[found.range.range()];
            let message = format!("Write \"{pronoun}\", not \"{matched}\"");
            findings.extend(context.finding(segment, found.range, message, None));
        }
    }
}

/// Possessive words: "your users" are the reader's own audience, "its users" a library's.
const POSSESSIVES: [&str; 8] = ["your", "our", "their", "its", "his", "her", "my", "whose"];

/// Whether the words before a match make it someone else's people rather than the reader:
/// a possessive ("your customers", "its users") or a name ("Rust users", "Dev Desktop
/// users": a capitalized word that does not start the sentence).
fn names_someone_elses(before: &str) -> bool {
    let before = before.trim_end();
    let mut words = before.rsplit(char::is_whitespace);
    let previous = words.next().unwrap_or("");
    if POSSESSIVES.contains(&previous.to_lowercase().as_str()) {
        return true;
    }
    let capitalized = previous.chars().next().is_some_and(char::is_uppercase)
        && previous.chars().all(char::is_alphanumeric);
    let starts_sentence = match words.next() {
        None => true,
        Some(word) => word.ends_with(['.', '!', '?', ':']),
    };
    capitalized && !starts_sentence
}

/// Whether the text after a match makes it part of a compound: a hyphen ("user-facing") or
/// a noun such as "interface" ("the user interface").
fn starts_compound(after: &str) -> bool {
    if after.starts_with('-') {
        return true;
    }
    let rest = after.trim_start();
    let end = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    COMPOUND_HEADS.contains(&rest[..end].to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::starts_compound;

    #[test]
    fn compounds_name_things_not_people() {
        assert!(starts_compound(" interface of the tool"));
        assert!(starts_compound("-facing changes"));
        assert!(starts_compound(" Support team"));
        assert!(!starts_compound(" can sign in"));
        assert!(!starts_compound(""));
    }

    #[test]
    fn someone_elses_people_are_not_the_reader() {
        let rules = "[voice]\nperson = \"second\"\n";
        crate::testing::lint::assert_findings(
            rules,
            "Tell your users first. Its users and Rust users agree. Most users wait. \
             Then users can opt in.\n",
            &[("voice/person", "users"), ("voice/person", "users")],
        );
    }
}
