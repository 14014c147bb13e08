//! `voice/shouting`: words in ALL CAPS of four or more letters ("FREE", "AMAZING"). Next
//! words that shout together ("LIMITED TIME OFFER") are one finding.
//!
//! ## Why
//! Capitals read as shouting, and a brand that shouts sounds like spam: mail filters agree.
//! Emphasis belongs to the words themselves, or to bold.
//!
//! ## Example
//! With `shouting = true`, "Get it FREE today" is flagged at "FREE"; "Get it free today",
//! "Read the FAQ" (three letters), "Parse the JSON" (a known acronym) and "Chapter XVIII" (a
//! Roman numeral) pass.
//!
//! ## Options
//! - `shouting = true` switches the check on.
//! - `shouting_allow`: more ALL-CAPS words that are not shouting (product codes, acronyms
//!   of your own), as written.
//!
//! Only English words shout: an ALL-CAPS word that is not in the English word list (the
//! Wordnik list) is an acronym, a code or a name ("SBOM", "FOSDEM", "NVIDIA") and is never
//! flagged. Never flagged either, as acronyms, codes or names rather than shouting: words
//! of three letters or fewer; words with a digit or an underscore ("MP4", "COVID-19", "CARGO_HOME"); words
//! without a vowel ("HRTB"); words the document defines in brackets, alone or last after
//! "or" or "aka" ("impl Trait in traits (RPITIT)", "(Type Alias Impl Trait or TAIT)");
//! words beside a name, which are part of it ("IntelliJ IDEA", "CERT C": a neighbour that
//! is a capitalized word outside the dictionary, or a capital letter alone); the words of
//! `[[term]]` names in any casing (a
//! name in capitals is the term rule's to report, with its fix); Roman
//! numerals; and common acronyms of technology and business (HTML, JSON, HTTPS, NASA,
//! GDPR...; the list is `ACRONYMS` in `src/check/voice/shouting.rs`). Other acronyms of a
//! field go in `shouting_allow`.

use std::collections::HashSet;

use super::VoiceContext;
use crate::check::dictionary::is_english_word;
use crate::model::{Finding, TextRange};

/// ALL-CAPS words of four letters or more that are acronyms, not shouting.
const ACRONYMS: &[&str] = &[
    "AJAX", "AMQP", "ANSI", "ARIA", "ASAP", "ASCII", "ASIC", "ATAPI", "AVIF", "BIOS", "CAPTCHA",
    "CCPA", "CISC", "CMYK", "CORS", "CRUD", "CSRF", "CUDA", "DDOS", "DKIM", "DMARC", "DNSSEC",
    "DOCX", "DRAM", "DWARF", "EBITDA", "EMEA", "FAQS", "FIDO", "FIFA", "FIFO", "FIXME", "FOSS",
    "FPGA", "GDPR", "GIFS", "GLSL", "GNOME", "GPGPU", "GRPC", "GUID", "HDMI", "HEIC", "HIPAA",
    "HMAC", "HTML", "HTTP", "HTTPS", "IANA", "ICANN", "IEEE", "IETF", "IMAP", "ISBN", "JPEG",
    "JSON", "JSONL", "LDAP", "LIFO", "LLVM", "MIME", "MIPS", "MSRV", "MSVC", "NASA", "NASDAQ",
    "NATO", "NDJSON", "NOTE", "NTFS", "NVME", "OAUTH", "OKRS", "OSHA", "PCIE", "PDFS", "PKCS",
    "POSIX", "QUIC", "RAII", "README", "REST", "RISC", "RSVP", "SAML", "SATA", "SCSS", "SDRAM",
    "SIMD", "SMTP", "SOAP", "SPARC", "SPIR", "SQLITE", "SSID", "TIFF", "TODO", "TOML", "UEFI",
    "UNESCO", "UNICEF", "UNIX", "USDA", "UUID", "VLAN", "VRAM", "WASI", "WASM", "WCAG", "WEBP",
    "WIFI", "WYSIWYG", "XHTML", "XSLT", "YAML",
];

/// Flags ALL-CAPS words, joining neighbours into one finding.
pub fn check(context: &VoiceContext<'_>, findings: &mut Vec<Finding>) {
    if context.settings.shouting != Some(true) {
        return;
    }
    let allow = context.settings.shouting_allow.as_deref().unwrap_or(&[]);
    let defined = defined_acronyms(context);
    let is_exempt = |word: &str| {
        context.voice.is_name_in_any_case(word)
            || allow.iter().any(|a| a == word)
            || ACRONYMS.contains(&word)
            || defined.contains(word)
            || is_roman_numeral(word)
            || !has_vowel(word)
            || is_not_a_word(word)
    };
    // The words are those every voice check shares.
    for (segment, analysis) in context.analyses() {
        let mut runs: Vec<TextRange> = Vec::new();
        let words = &analysis.words;
        for (index, &word) in words.iter().enumerate() {
            let whole = &segment.text[word.range()];
            // A shouted word has four capital letters at least, each a byte or more.
            if whole.len() < 4
                || (whole.bytes().filter(u8::is_ascii_uppercase).count() < 4 && whole.is_ascii())
            {
                continue;
            }
            // Identifiers ("CARGO_HOME") and codes with digits ("COVID-19") are not words.
            let is_code = whole.contains(|c: char| c == '_' || c.is_numeric());
            let shouts = !is_code
                && whole
                    .split('-')
                    .any(|part| is_shouted(part) && !is_exempt(part));
            if !shouts || next_to_a_name(&segment.text, words, index, context) {
                continue;
            }
            match runs.last_mut() {
                Some(run) if only_spacing(&segment.text[run.end..word.start]) => {
                    run.end = word.end;
                }
                _ => runs.push(word),
            }
        }
        for run in runs {
            let message = format!(
                "\"{}\" is shouting: write it in lower case, or emphasise another way",
                &segment.text[run.range()]
            );
            findings.extend(context.finding(segment, run, message, None));
        }
    }
}

/// Whether the word at `index` stands beside a name, and so is part of it ("IntelliJ
/// IDEA", "J Balint BIRO", "WÁNG Xuěruì", "CERT C"): the word right before or after it,
/// with only a space between, is a capitalized word that is no English word and no term
/// of the brand, or a capital letter alone other than "A" and "I". "Try Acme FREE" and "Get
/// it FREE Today" still shout: those neighbours are words.
fn next_to_a_name(
    text: &str,
    words: &[TextRange],
    index: usize,
    context: &VoiceContext<'_>,
) -> bool {
    let is_name = |neighbour: TextRange, between: &str| {
        let word = &text[neighbour.range()];
        let mut chars = word.chars();
        let first = chars.next();
        let single_capital = word.len() == 1
            && first.is_some_and(|c| c.is_ascii_uppercase() && c != 'A' && c != 'I');
        let capitalized_name = first.is_some_and(char::is_uppercase)
            && word.chars().any(char::is_lowercase)
            && !is_english_word(word)
            && !context.voice.is_name_in_any_case(word);
        between == " " && (single_capital || capitalized_name)
    };
    let word = words[index];
    let before = index
        .checked_sub(1)
        .map(|i| words[i])
        .is_some_and(|previous| is_name(previous, &text[previous.end..word.start]));
    let after = words
        .get(index + 1)
        .is_some_and(|&next| is_name(next, &text[word.end..next.start]));
    before || after
}

/// Whether an ALL-CAPS word is no English word, and so an acronym, a code or a name: only
/// plain ASCII letters are looked up; a contraction ("DON'T") or a word beyond ASCII is
/// taken for a word.
fn is_not_a_word(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_alphabetic()) && !is_english_word(word)
}

/// The ALL-CAPS words a document defines by writing them alone in brackets, as in
/// "return-position impl Trait in traits (RPITIT)", or last in brackets after "or" or
/// "aka" ("(Type Alias Impl Trait or TAIT)", "(aka TRACTOR)"): they are acronyms wherever
/// they stand.
fn defined_acronyms(context: &VoiceContext<'_>) -> HashSet<String> {
    let mut defined = HashSet::new();
    for segment in context.segments() {
        let text = &segment.text;
        // Each `)` closes the latest `(`: one pass, the brackets' insides apart, so that no
        // text is read twice however many brackets stay open.
        let mut open = None;
        for at in memchr::memchr2_iter(b'(', b')', text.as_bytes()) {
            if text.as_bytes()[at] == b'(' {
                open = Some(at);
                continue;
            }
            let Some(start) = open.take() else {
                continue;
            };
            let inside = &text[start + 1..at];
            let last = inside.rsplit(' ').next().unwrap_or(inside);
            let before_last = inside[..inside.len() - last.len()].trim_end();
            let named = last.len() == inside.len()
                || before_last.ends_with(" or")
                || before_last == "aka"
                || before_last.ends_with(" aka");
            let word = last.trim_end_matches('s');
            if named && is_shouted(word) {
                defined.insert(word.to_string());
            }
        }
    }
    defined
}

/// Four or more letters, all upper case, and no digit.
fn is_shouted(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 4
        && !word.chars().any(|c| c.is_numeric())
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// Whether a word has a vowel: English words of four letters do, acronyms often do not.
fn has_vowel(word: &str) -> bool {
    word.chars()
        .flat_map(char::to_lowercase)
        .any(|c| "aeiouyàáâäèéêëìíîïòóôöùúûü".contains(c))
}

/// Between two words of one run of shouting: spaces and light punctuation only.
fn only_spacing(between: &str) -> bool {
    between.chars().all(|c| c == ' ' || c == ',' || c == '&')
}

/// A Roman numeral in its canonical form ("XIV", not "IIII"): the value it spells, written
/// back, gives the same letters.
fn is_roman_numeral(word: &str) -> bool {
    const NUMERALS: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let value_of = |c: char| {
        NUMERALS
            .iter()
            .find(|(_, n)| n.len() == 1 && n.starts_with(c))
    };
    if word.is_empty() || !word.chars().all(|c| value_of(c).is_some()) {
        return false;
    }
    let values: Vec<usize> = word
        .chars()
        .filter_map(|c| value_of(c).map(|(v, _)| *v))
        .collect();
    // A numeral before a larger one is subtracted ("XL" is 40): add the others, then take
    // those away, so the running total never goes below zero.
    let (mut added, mut subtracted) = (0, 0);
    for (i, value) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|next| next > value) {
            subtracted += value;
        } else {
            added += value;
        }
    }
    let total: usize = added - subtracted.min(added);
    let mut canonical = String::new();
    let mut rest = total;
    for (value, numeral) in NUMERALS {
        while rest >= value {
            canonical.push_str(numeral);
            rest -= value;
        }
    }
    canonical == word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals_are_canonical_ones_only() {
        for numeral in ["XVIII", "MMXXIV", "XLII", "MCMXCIX", "VIII"] {
            assert!(is_roman_numeral(numeral), "{numeral}");
        }
        for word in ["IIII", "VX", "MIXED", "CIVIC", "LIVID", "DIM", ""] {
            assert!(!is_roman_numeral(word), "{word}");
        }
    }

    #[test]
    fn shouting_needs_four_capital_letters_and_no_digit() {
        assert!(is_shouted("FREE"));
        assert!(is_shouted("ÉTÉS"));
        assert!(!is_shouted("NOW"));
        assert!(!is_shouted("Free"));
        assert!(!is_shouted("MP4A"));
        assert!(!is_shouted("iPHONE"));
    }

    #[test]
    fn the_acronym_list_is_sorted_and_all_caps() {
        let mut sorted = ACRONYMS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, ACRONYMS, "keep ACRONYMS sorted and without repeats");
        assert!(ACRONYMS.iter().all(|a| is_shouted(a) || a.len() < 4));
    }

    #[test]
    fn capitals_beside_a_name_or_defined_after_or_are_names_and_words_still_shout() {
        let rules = "[voice]\nshouting = true\n";
        crate::testing::lint::assert_findings(
            rules,
            "Use IntelliJ IDEA or CERT C. We ship TAIT (Type Alias Impl Trait or TAIT). \
             Try Acme FREE today. Get it FAST Today. A HUGE deal.\n",
            &[
                ("voice/shouting", "FREE"),
                ("voice/shouting", "FAST"),
                ("voice/shouting", "HUGE"),
            ],
        );
    }

    #[test]
    fn an_acronym_is_defined_by_the_innermost_brackets_and_open_ones_define_nothing() {
        let rules = "[voice]\nshouting = true\n";
        crate::testing::lint::assert_findings(
            rules,
            "Ship (a (TAIT) now. TAIT is here. It is (FREE and more.\n",
            &[("voice/shouting", "FREE")],
        );
        // Many brackets left open: the text after them is still read.
        let open = "(a ".repeat(20_000);
        crate::testing::lint::assert_findings(
            rules,
            &format!("{open}FREE\n"),
            &[("voice/shouting", "FREE")],
        );
    }

    #[test]
    fn capitals_that_are_no_english_word_are_acronyms_and_words_still_shout() {
        let rules = "[voice]\nshouting = true\n";
        crate::testing::lint::assert_findings(
            rules,
            "Ship an SBOM, see you at FOSDEM on NVIDIA cards. It is FREE.\n",
            &[("voice/shouting", "FREE")],
        );
    }
}
