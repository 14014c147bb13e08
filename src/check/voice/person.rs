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
//! else's people: after a possessive, right before or with up to two describing words
//! between ("your users", "its customers", "our early production users"), or after a name
//! ("Rust users", "Windows users"), they are an audience the prose talks about; and not a
//! name or a type, capitalized where no sentence starts ("drive the Visitor"). The words read as
//! the brand (`first-plural`): the company, this company, the organization (organisation),
//! this organization, the business, this business. A word that starts a compound is not a
//! person: "the user interface", "customer support", "user-facing" pass. No fix: which
//! pronoun fits depends on the sentence.

use super::phrases::{List, ListPhrase};
use super::VoiceContext;
use crate::config::schema::PersonPolicy;
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

/// Adds both lists (with either apostrophe) to the voice checks' phrases.
pub fn add_phrases(phrases: &mut Vec<ListPhrase>) {
    for (list, names) in [(List::Reader, READER), (List::Brand, BRAND)] {
        for (index, name) in names.iter().enumerate() {
            phrases.push((name.to_string(), list, index));
            phrases.push((name.replace('\'', "\u{2019}"), list, index));
        }
    }
}

/// Flags third-person names for the reader or the brand.
pub fn check(context: &VoiceContext<'_>, findings: &mut Vec<Finding>) {
    let (list, pronoun) = match context.settings.person {
        Some(PersonPolicy::Second) => (List::Reader, "you"),
        Some(PersonPolicy::FirstPlural) => (List::Brand, "we"),
        Some(PersonPolicy::Off) | None => return,
    };
    for (segment, found) in context.phrases(list) {
        for (range, _) in found {
            let text = &segment.text;
            let matched = &text[range.range()];
            if starts_compound(&text[range.end..])
                || names_someone_elses(&text[..range.start])
                || is_a_name(matched, &text[..range.start])
            {
                continue;
            }
            let message = format!("Write \"{pronoun}\", not \"{matched}\"");
            findings.extend(context.finding(segment, range, message, None));
        }
    }
}

/// Possessive words: "your users" are the reader's own audience, "its users" a library's.
const POSSESSIVES: [&str; 8] = ["your", "our", "their", "its", "his", "her", "my", "whose"];

/// Words that end a noun phrase or join a verb to its object: a possessive before them
/// does not own the people after them ("your app lets users", "our docs for users").
const NOT_IN_A_NOUN_PHRASE: &[&str] = &[
    "and", "as", "at", "by", "for", "from", "in", "let", "lets", "of", "on", "or", "than", "that",
    "to", "which", "who", "with",
];

/// Whether the words before a match make it someone else's people rather than the reader:
/// a possessive, right before or with up to two describing words between ("your
/// customers", "its users", "our early production users"), or a name ("Rust users", "Dev
/// Desktop users": a capitalized word that does not start the sentence).
fn names_someone_elses(before: &str) -> bool {
    let before = before.trim_end();
    let last: Vec<&str> = before.rsplit(char::is_whitespace).take(3).collect();
    let word = |i: usize| last.get(i).copied().unwrap_or("");
    let is_possessive = |word: &str| POSSESSIVES.contains(&word.to_lowercase().as_str());
    // Describing words: plain lower-case words that are neither verbs in -s ("lets") nor
    // words that end a noun phrase.
    let describes = |word: &str| {
        !word.is_empty()
            && word.chars().all(|c| c.is_ascii_lowercase())
            && !word.ends_with('s')
            && !NOT_IN_A_NOUN_PHRASE.contains(&word)
    };
    if is_possessive(word(0))
        || (describes(word(0)) && is_possessive(word(1)))
        || (describes(word(0)) && describes(word(1)) && is_possessive(word(2)))
    {
        return true;
    }
    let previous = word(0);
    let capitalized = previous.chars().next().is_some_and(char::is_uppercase)
        && previous.chars().all(char::is_alphanumeric);
    let starts_sentence = last.len() < 2 || word(1).ends_with(['.', '!', '?', ':']);
    capitalized && !starts_sentence
}

/// Whether the matched people are a name, a type or a title rather than the reader: the
/// noun is capitalized where no sentence starts ("drive the Visitor", serde's trait).
fn is_a_name(matched: &str, before: &str) -> bool {
    let noun = matched
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or(matched);
    let before = before.trim_end();
    let starts_sentence = before.is_empty() || before.ends_with(['.', '!', '?', ':']);
    noun.chars().next().is_some_and(char::is_uppercase) && !starts_sentence
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

    #[test]
    fn a_possessive_owns_the_people_a_few_describing_words_later() {
        let rules = "[voice]\nperson = \"second\"\n";
        crate::testing::lint::assert_findings(
            rules,
            "We talk to our early production users. Their paying customers stay. \
             Our app lets users sign in. Your docs for users help.\n",
            &[("voice/person", "users"), ("voice/person", "users")],
        );
    }

    #[test]
    fn a_capitalized_name_mid_sentence_is_a_type_or_title_not_the_reader() {
        let rules = "[voice]\nperson = \"second\"\n";
        crate::testing::lint::assert_findings(
            rules,
            "It will drive the Visitor. The user can sign in. Users can too.\n",
            &[("voice/person", "The user"), ("voice/person", "Users")],
        );
    }
}
