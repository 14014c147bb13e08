//! Words in prose that read as code, not English: a name inside one names a program, a file
//! or a site, not the brand, and is never a finding.
//!
//! Two kinds, told apart by whether a rules file could name the whole word:
//!
//! - Words that no name or phrase can be are masked by the reader with the other tokens of
//!   [`super::mask`]: command-line options (`--acme-mode`, `-G<regex>`), man-page references
//!   (`acme-sync(1)`) and identifiers joined by underscores (`acme_config`, `MAX_SIZE`).
//! - Words with a dot may be a name as a whole (`crates.io`, `Node.js`, `Monday.com` are
//!   terms, and "node.js" is a misspelling to flag), so they stay text, and the check drops a
//!   phrase found strictly inside one ([`inside_dotted_word`]): a file name with a known
//!   extension (`acme.toml`, `README.md`), a bare domain (`acme.io`, `AcmeMail.io`,
//!   `notion.so/acme`) or a lower-case dotted identifier (`acme.sync`). Likewise a name in
//!   lower case joined by hyphens or slashes to other lower-case parts (`acme-sync`,
//!   `my-acme-app`, `acme-labs/acme`) or before `#1234` names a program, a repository or an
//!   issue ([`inside_lower_case_compound`]); the check applies that to `[[term]]`
//!   names only, since hyphenated English ("e-mail", "world-class", "sign-up") is prose that
//!   banned and preferred phrases must still find.

use std::ops::Range;

use super::mask::trim_token_end;

/// Top-level domains that make `word.tld` a bare domain name: the common generic ones, then
/// the country codes most often seen in English prose. A domain is recognised only with its
/// top-level domain written in lower case, as addresses are, so that "ASP.NET" and a
/// sentence run together ("it.Then") stay prose.
pub const TOP_LEVEL_DOMAINS: &[&str] = &[
    "com", "org", "net", "edu", "gov", "mil", "int", "io", "dev", "app", "ai", "co", "me", "sh",
    "so", "fm", "ly", "gg", "tv", "to", "xyz", "info", "biz", "tech", "cloud", "site", "online",
    "store", "blog", "page", "email", "news", "pro", "inc", "art", "network", "digital", "ac",
    "ae", "ar", "at", "au", "be", "br", "ca", "cc", "ch", "cl", "cn", "cz", "de", "dk", "es", "eu",
    "fi", "fr", "gr", "hk", "hu", "id", "ie", "il", "in", "is", "it", "jp", "kr", "mx", "my", "nl",
    "no", "nz", "ph", "pl", "pt", "ro", "rs", "ru", "se", "sg", "sk", "th", "tr", "tw", "ua", "uk",
    "us", "vn", "za",
];

/// File extensions that make `stem.ext` a file name: documents and markup, configuration
/// and data, source code and templates, then images, archives and binaries. Recognised
/// only in lower case, as written in paths.
pub const FILE_EXTENSIONS: &[&str] = &[
    "md", "markdown", "mdx", "txt", "rst", "adoc", "html", "htm", "xml", "pdf", "csv", "tsv",
    "json", "jsonc", "yaml", "yml", "toml", "ini", "cfg", "conf", "env", "lock", "log", "sql",
    "proto", "graphql", "rs", "py", "rb", "go", "java", "kt", "swift", "c", "h", "cc", "cpp",
    "hpp", "cs", "js", "mjs", "cjs", "ts", "tsx", "jsx", "vue", "svelte", "php", "pl", "sh",
    "bash", "zsh", "ps1", "bat", "css", "scss", "sass", "less", "mjml", "hbs", "liquid", "eml",
    "wasm", "svg", "png", "jpg", "jpeg", "gif", "webp", "ico", "zip", "gz", "tgz", "tar", "exe",
    "dll", "dylib", "bin", "dmg", "deb", "rpm", "msi", "apk", "jar", "whl", "gem", "crate",
];

/// The words of `text` that are options, man-page references or underscore identifiers,
/// each as the range of its core: the word less the brackets, quotes and sentence
/// punctuation around it. Sorted and apart.
///
/// Every such word holds a `-` that starts it, a `(` before a digit or a `_` between two
/// letters or digits ([`points_at_code`]), so only the words around those bytes are read,
/// each once.
pub(super) fn code_words(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    // Where the word being looked at may start at the earliest: past the last word read.
    let mut floor = 0;
    let mut from = 0;
    while let Some(i) = memchr::memchr3(b'-', b'_', b'(', &bytes[from..]).map(|i| from + i) {
        from = i + 1;
        if !points_at_code(text, i) {
            continue;
        }
        let start = text[floor..i]
            .rfind(char::is_whitespace)
            .map_or(floor, |w| {
                floor + w + text[floor + w..].chars().next().map_or(1, char::len_utf8)
            });
        let end = text[i..]
            .find(char::is_whitespace)
            .map_or(text.len(), |w| i + w);
        if let Some(core) = code_word(&text[start..end]) {
            found.push(start + core.start..start + core.end);
        }
        floor = end;
        from = end;
    }
    found
}

/// Whether the byte at `i` (a `-`, `_` or `(`) may be where a code word shows: a `-` that
/// starts a word (after white space or an opening bracket or quote) before a letter, a digit
/// or another `-`; a `_` between two letters or digits; a `(` after a letter or digit and
/// before a digit from 1 to 9.
fn points_at_code(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    let next = bytes.get(i + 1).copied().unwrap_or(b' ');
    let previous = text[..i].chars().next_back();
    let after_alphanumeric = previous.is_some_and(|c| c.is_ascii_alphanumeric());
    match bytes[i] {
        b'-' => {
            (next.is_ascii_alphanumeric() || next == b'-')
                && previous.is_none_or(|c| c.is_whitespace() || OPENERS.contains(&c))
        }
        b'_' => after_alphanumeric && next.is_ascii_alphanumeric(),
        _ => after_alphanumeric && matches!(next, b'1'..=b'9'),
    }
}

/// What may open a word before its core: brackets and quotes.
const OPENERS: [char; 8] = ['(', '[', '{', '"', '\'', '\u{201c}', '\u{2018}', '\u{ab}'];

/// The range of a word's core when it is an option, a man-page reference or an underscore
/// identifier.
fn code_word(word: &str) -> Option<Range<usize>> {
    let start = word.len() - word.trim_start_matches(OPENERS).len();
    let end = start + trim_token_end(&word[start..]);
    let core = &word[start..end];
    (is_option(core) || is_man_reference(core) || is_underscore_identifier(core))
        .then_some(start..end)
}

/// A command-line option: `--` and a lower-case name (`--acme-mode`, `--no-verify`,
/// `--color=always`), or `-` and one letter, alone or before a value (`-v`, `-G<regex>`,
/// `-n5`), or a run of lower-case letters (`-rf`). "-Acme" and "--Jane" are not.
fn is_option(core: &str) -> bool {
    if let Some(long) = core.strip_prefix("--") {
        let name = long.split('=').next().unwrap_or_default();
        return name.starts_with(|c: char| c.is_ascii_lowercase())
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    }
    let Some(short) = core.strip_prefix('-') else {
        return false;
    };
    let bytes = short.as_bytes();
    match bytes {
        [letter] => letter.is_ascii_alphabetic(),
        [letter, next, ..] if letter.is_ascii_alphabetic() && !next.is_ascii_alphabetic() => true,
        _ => !bytes.is_empty() && bytes.iter().all(u8::is_ascii_lowercase),
    }
}

/// A man-page reference: a lower-case command and its section in brackets, `acme-sync(1)`,
/// `git-log(1)`, `printf(3)`, `ssl(7ssl)`.
fn is_man_reference(core: &str) -> bool {
    let Some((name, section)) = core.strip_suffix(')').and_then(|c| c.split_once('(')) else {
        return false;
    };
    let section = section.as_bytes();
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.' | b'+')
        })
        && matches!(section.first(), Some(b'1'..=b'9'))
        && section.len() <= 4
        && section[1..].iter().all(u8::is_ascii_lowercase)
}

/// An identifier with an underscore between two letters or digits, in any case:
/// `acme_config`, `serde_json`, `MAX_SIZE`, `my_file.toml`.
fn is_underscore_identifier(core: &str) -> bool {
    core.is_ascii()
        && core
            .as_bytes()
            .windows(3)
            .any(|w| w[1] == b'_' && w[0].is_ascii_alphanumeric() && w[2].is_ascii_alphanumeric())
}

/// How far either side of a match a word is read: no file name, domain or identifier is
/// longer, and a bound keeps a run of matches inside one huge word from reading it once
/// each.
const LONGEST_WORD: usize = 256;

/// The bytes a dotted word is made of: ASCII letters and digits, `.`, `-`, `_`, and `/`
/// after a domain.
fn in_dotted_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'/')
}

/// Whether the match at `range` of `text` stands strictly inside a file name (`acme.toml`),
/// a bare domain, perhaps with a path (`acme.io`, `AcmeMail.io/pricing`), or a lower-case
/// dotted identifier (`acme.sync`): inside, not the whole word, since a name may be one
/// ("crates.io", "Node.js"). The word is the run of letters, digits, `.`, `-`, `_` and `/`
/// around the match, less the dots, hyphens and slashes at its ends (a sentence's full
/// stop).
pub fn inside_dotted_word(text: &str, range: Range<usize>) -> bool {
    let bytes = text.as_bytes();
    let Some(matched) = bytes.get(range.clone()) else {
        return false;
    };
    if matched.is_empty() || !matched.iter().copied().all(in_dotted_word) {
        return false;
    }
    let mut start = range.start
        - bytes[..range.start]
            .iter()
            .rev()
            .take(LONGEST_WORD)
            .take_while(|&&b| in_dotted_word(b))
            .count();
    let mut end = range.end
        + bytes[range.end..]
            .iter()
            .take(LONGEST_WORD)
            .take_while(|&&b| in_dotted_word(b))
            .count();
    let edge = |b: u8| matches!(b, b'.' | b'-' | b'_' | b'/');
    while start < range.start && edge(bytes[start]) {
        start += 1;
    }
    while end > range.end && edge(bytes[end - 1]) {
        end -= 1;
    }
    if (start, end) == (range.start, range.end) {
        return false; // the whole word: a name such as "crates.io"
    }
    // Only ASCII bytes were taken, so these are character boundaries.
    let word = &text[start..end];
    match word.split_once('/') {
        Some((host, _)) => is_domain(host),
        None => is_domain(word) || is_file_name(word) || is_dotted_identifier(word),
    }
}

/// A bare domain: two or more labels of letters, digits and hyphens, the last one a
/// [`TOP_LEVEL_DOMAINS`] entry written in lower case.
fn is_domain(word: &str) -> bool {
    let mut labels = word.split('.');
    let Some(last) = labels.next_back() else {
        return false;
    };
    let mut count = 1;
    for label in labels {
        count += 1;
        let ok = !label.is_empty()
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !ok {
            return false;
        }
    }
    count >= 2 && TOP_LEVEL_DOMAINS.contains(&last)
}

/// A file name: a stem of letters, digits, `.`, `-` and `_`, then a [`FILE_EXTENSIONS`]
/// entry written in lower case.
fn is_file_name(word: &str) -> bool {
    let Some((stem, extension)) = word.rsplit_once('.') else {
        return false;
    };
    stem.bytes().any(|b| b.is_ascii_alphanumeric())
        && stem
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
        && FILE_EXTENSIONS.contains(&extension)
}

/// A lower-case dotted identifier: two or more parts of two or more lower-case letters,
/// digits, `-` or `_`, the first starting with a letter (`acme.sync`, `os.path`; not
/// "e.g").
fn is_dotted_identifier(word: &str) -> bool {
    let parts: Vec<&str> = word.split('.').collect();
    parts.len() >= 2
        && word.starts_with(|c: char| c.is_ascii_lowercase())
        && parts.iter().all(|part| {
            part.len() >= 2
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        })
}

/// Whether the match at `range` of `text`, written in lower case, is part of an identifier
/// in a word with no capital: joined by a hyphen or a slash to a lower-case letter or digit
/// on either side (`acme-sync`, `my-acme-app`, `acme-v2`, the repository
/// `acme-labs/acme`, the team `@acme-labs/acme`; a slash only in a word with a hyphen or an
/// `@`, so "the acme/compiler split" is prose), or followed by `#` and a digit (the issue
/// reference `acme#1234`). Those name a program, a package, a repository or an issue. A
/// match with a capital ("Acme-powered", "ACME-sync") or standing alone is not.
pub fn inside_lower_case_compound(text: &str, range: Range<usize>) -> bool {
    let bytes = text.as_bytes();
    let Some(matched) = text.get(range.clone()) else {
        return false;
    };
    if !matched.bytes().any(|b| b.is_ascii_lowercase()) || matched.chars().any(char::is_uppercase) {
        return false;
    }
    let lower = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let before = &bytes[..range.start];
    let after = &bytes[range.end..];
    let in_word = |b: &&u8| b.is_ascii_alphanumeric() || matches!(**b, b'-' | b'/' | b'@');
    let word: Vec<u8> = before
        .iter()
        .rev()
        .take(LONGEST_WORD)
        .take_while(in_word)
        .chain(after.iter().take(LONGEST_WORD).take_while(in_word))
        .copied()
        .collect();
    // A slash joins a path only in a word that also reads as one (`acme-labs/acme`,
    // `@acme/cli`); "the acme/compiler interactions" is English.
    let path = word.iter().any(|b| matches!(b, b'-' | b'@'));
    let joiner = |b: Option<&u8>| b == Some(&b'-') || (path && b == Some(&b'/'));
    // Read masks a handle or a URL before the slash (`@acme-labs/acme` reads as
    // `\u{FFFC}/acme`): the path goes on after it.
    let after_masked_token =
        before.last() == Some(&b'/') && text[..range.start - 1].ends_with(crate::document::MASK);
    let joined_before = after_masked_token
        || (joiner(before.last()) && before.len() >= 2 && lower(&before[before.len() - 2]));
    let joined_after = joiner(after.first()) && after.get(1).is_some_and(lower);
    let issue_reference =
        after.first() == Some(&b'#') && after.get(1).is_some_and(u8::is_ascii_digit);
    let no_capital = !word.iter().any(u8::is_ascii_uppercase);
    (joined_before || joined_after || issue_reference) && no_capital
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        code_words(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn options_man_references_and_underscore_identifiers_are_code() {
        assert_eq!(
            words(
                "Run acme-sync(1) with --acme-mode, -G<regex> or (--no-verify); \
                 set acme_config and serde_json, see git-log(1)."
            ),
            [
                "acme-sync(1)",
                "--acme-mode",
                "-G<regex>",
                "--no-verify",
                "acme_config",
                "serde_json",
                "git-log(1)"
            ]
        );
        assert_eq!(
            words("“-v” and printf(3) and MAX_SIZE"),
            ["-v", "printf(3)", "MAX_SIZE"]
        );
    }

    #[test]
    fn hyphenated_english_dashes_and_brackets_stay_prose() {
        assert!(words(
            "An e-mail, world-class log-in and sign-up - or -- a -Acme --Jane item(s) \
             f(x) (1) snake_ _case __init__ 3-day Step(0) C-3PO"
        )
        .is_empty());
    }

    #[test]
    fn names_inside_dotted_words_are_found_and_whole_words_are_not() {
        let inside = |text: &str, phrase: &str| {
            let start = text.find(phrase).unwrap();
            inside_dotted_word(text, start..start + phrase.len())
        };
        for (text, phrase) in [
            ("Edit acme.toml now", "acme"),
            ("Open Cargo.lock.", "Cargo"),
            ("Read README.md", "README"),
            ("See acme.io.", "acme"),
            ("Try acme.dev", "acme"),
            ("AcmeMail.io today", "AcmeMail"),
            ("on notion.so/acme", "notion"),
            ("on notion.so/acme", "acme"),
            ("at example.com", "example"),
            ("use acme.sync", "acme"),
            ("docs.acme.co.uk", "acme"),
        ] {
            assert!(inside(text, phrase), "{phrase} in {text}");
        }
        for (text, phrase) in [
            ("Published on Crates.io.", "Crates.io"),
            ("Install node.js 22", "node.js"),
            ("ASP.NET is", "NET"),
            ("It ends.Then acme", "acme"),
            ("e.g. acme", "e.g."),
            ("Acme. Then", "Acme"),
            ("it.Acme", "Acme"),
            ("and/or acme/sync", "acme"),
            ("acme.IO", "acme"),
        ] {
            assert!(!inside(text, phrase), "{phrase} in {text}");
        }
    }

    #[test]
    fn lower_case_names_joined_by_hyphens_are_programs() {
        let joined = |text: &str, phrase: &str| {
            let start = text.find(phrase).unwrap();
            inside_lower_case_compound(text, start..start + phrase.len())
        };
        assert!(joined("run acme-sync now", "acme"));
        assert!(joined("my-acme-app", "acme"));
        assert!(joined("acme-v2", "acme"));
        assert!(joined("the pre-acme days", "acme"));
        assert!(!joined("Acme-powered", "Acme"));
        assert!(!joined("ACME-sync", "ACME"));
        assert!(!joined("an acme tool", "acme"));
        assert!(!joined("acme-Sync", "acme"));
        assert!(!joined("acme- and", "acme"));
        assert!(!joined("e-mail", "e-mail"));
    }

    #[test]
    fn lower_case_names_in_repositories_teams_and_issue_references_are_identifiers() {
        let joined = |text: &str, phrase: &str| {
            let start = text.rfind(phrase).unwrap();
            inside_lower_case_compound(text, start..start + phrase.len())
        };
        assert!(joined("see acme-labs/acme for it", "acme"));
        assert!(joined("ask @acme-labs/acme's team", "acme"));
        // As read: the handle before the slash is masked.
        assert!(joined("ask \u{FFFC}/acme's team", "acme"));
        assert!(joined("fixed in acme#1234.", "acme"));
        assert!(!joined("Acme-Labs/Acme", "Acme"));
        assert!(!joined("fixed in Acme#1234", "Acme"));
        assert!(!joined("acme #1 choice", "acme"));
        assert!(!joined("acme/ and", "acme"));
        assert!(!joined("the acme/compiler interactions", "acme"));
        // A word past the longest read is still judged by what is read of it.
        let long = format!("{}acme", "x-".repeat(1000));
        assert!(joined(&long, "acme"));
    }

    /// A brand with a name that is a domain and one that is a file name, and hyphenated
    /// phrases to ban and replace.
    const RULES: &str = r#"
[[term]]
name = "Acme"

[[term]]
name = "Acme Mail"
variants = ["AcmeMail"]

[[term]]
name = "crates.io"

[[term]]
name = "Node.js"

[[banned]]
phrases = ["world-class", "synergy"]

[[prefer]]
use = "email"
instead_of = ["e-mail"]

[[prefer]]
use = "sign in"
instead_of = ["log-in"]
"#;

    #[test]
    fn a_name_inside_code_is_no_finding_and_a_mistake_beside_it_is() {
        use crate::testing::lint::Lint;
        let lint = Lint::new(RULES);
        for text in [
            "Run acme-sync, acme-cli or my-acme-app with acme_config.",
            "See acme-sync(1) and git-log(1).",
            "Pass --acme-mode or --no-verify.",
            "Edit acme.toml, Cargo.lock and README.md.",
            "Visit acme.io, acme.dev, AcmeMail.io or notion.so/acme today.",
            "Read acme.io/pricing (or www.acme.io).",
            "Ask @acme-labs/acme's team, or @acme/acme.",
        ] {
            lint.assert_no_findings(text);
        }
        lint.assert_findings(
            "Run acme-sync, then tell acme about the e-mail.",
            &[("term/Acme", "acme"), ("prefer/email", "e-mail")],
        );
        lint.assert_findings(
            "Edit acme.toml with our world-class log-in, ACME-sync and synergy_x synergy.",
            &[
                ("banned/world-class", "world-class"),
                ("prefer/sign in", "log-in"),
                ("term/Acme", "ACME"),
                ("banned/synergy", "synergy"),
            ],
        );
    }

    #[test]
    fn a_name_that_is_the_whole_word_is_still_checked() {
        use crate::testing::lint::Lint;
        let lint = Lint::new(RULES);
        lint.assert_findings(
            "Published on Crates.io. Install node.js 22, not Acmemail.io.",
            &[("term/crates.io", "Crates.io"), ("term/Node.js", "node.js")],
        );
        lint.assert_no_findings("Published on crates.io with Node.js.");
    }

    #[test]
    fn alt_text_counts_only_where_it_is_shown() {
        use crate::testing::lint::Lint;
        let lint = Lint::new(RULES).html();
        lint.assert_no_findings(r#"<p><a href="/x" alt="acme link">Docs</a></p>"#);
        lint.assert_findings(
            r#"<p><img src="a.png" alt="acme logo"></p>"#,
            &[("term/Acme", "acme")],
        );
    }

    #[test]
    fn any_text_is_read_without_panicking() {
        for text in [
            "-", "_", "(", "a(", "-\u{e9}", "\u{e9}_a", "a_\u{e9}", "((1)", "-(1)", "é-acme",
        ] {
            code_words(text);
            for start in 0..=text.len() {
                for end in start..=text.len() + 1 {
                    inside_dotted_word(text, start..end);
                    inside_lower_case_compound(text, start..end);
                }
            }
        }
    }
}
