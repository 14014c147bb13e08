//! Sentences that are not the brand's prose although they stand in its body: placeholder
//! filler ("Lorem ipsum dolor sit amet...") left in a template, and rosters (a list of
//! contributors' names run together with commas). Sentence length and reading grade leave
//! them out: neither is a sentence someone wrote to be read as one. Placeholder filler is
//! a finding of its own (`voice/placeholder-text`).

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// The words of the classic lorem ipsum filler, sorted, less the short ones English shares
/// ("a", "do", "in", "sit", "non"): a sentence mostly of these is filler.
const LOREM_WORDS: &[&str] = &[
    "adipiscing",
    "aliqua",
    "aliquam",
    "aliquip",
    "amet",
    "anim",
    "aute",
    "cillum",
    "commodo",
    "consectetur",
    "consequat",
    "culpa",
    "cupidatat",
    "deserunt",
    "dolor",
    "dolore",
    "donec",
    "duis",
    "eiusmod",
    "elit",
    "enim",
    "esse",
    "excepteur",
    "exercitation",
    "fugiat",
    "incididunt",
    "ipsum",
    "irure",
    "labore",
    "laboris",
    "laborum",
    "lorem",
    "magna",
    "mauris",
    "minim",
    "mollit",
    "nisi",
    "nostrud",
    "nulla",
    "occaecat",
    "officia",
    "pariatur",
    "proident",
    "quis",
    "reprehenderit",
    "sint",
    "sunt",
    "tempor",
    "ullamco",
    "velit",
    "veniam",
    "voluptate",
];

/// The filler's words as one automaton, run over folded text: a text with fewer than three
/// of them holds no filler, which one fast scan tells.
static LOREM: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(LOREM_WORDS)
        .expect("the lorem ipsum words build an automaton")
});

/// Whether a text (a segment), given folded ([`crate::matcher::fold`]), may hold a sentence
/// of filler: three words of the filler at least, each a whole word, in any case. Checks ask
/// it once per segment before judging sentences.
pub fn may_hold_placeholder(folded: &str) -> bool {
    let bytes = folded.as_bytes();
    let is_letter = |at: Option<usize>| {
        at.and_then(|at| bytes.get(at))
            .is_some_and(u8::is_ascii_alphabetic)
    };
    let whole_word =
        |m: &aho_corasick::Match| !is_letter(m.start().checked_sub(1)) && !is_letter(Some(m.end()));
    LOREM.find_iter(folded).filter(whole_word).nth(2).is_some()
}

/// Fewer words than this are no roster: "Alice and Bob" is a phrase.
const MIN_ROSTER_WORDS: usize = 6;

/// Whether a sentence, given as its words, is lorem ipsum filler: three of its words at
/// least, and half of them or more, are words of the filler. Only worth asking of a
/// segment that [`may_hold_placeholder`].
pub fn is_placeholder<'t>(words: impl IntoIterator<Item = &'t str>) -> bool {
    let (mut all, mut lorem) = (0, 0);
    for word in words {
        all += 1;
        lorem += usize::from(is_lorem_word(word));
    }
    lorem >= 3 && lorem * 2 >= all
}

/// Whether a word, in any case, is one of [`LOREM_WORDS`]: compared byte by byte with ASCII
/// case folded, so that the sentences of every document are looked at without allocating.
fn is_lorem_word(word: &str) -> bool {
    let folded = |b: &u8| b.to_ascii_lowercase();
    LOREM_WORDS
        .binary_search_by(|probe| probe.bytes().cmp(word.as_bytes().iter().map(folded)))
        .is_ok()
}

/// Whether a sentence (its text and its words) is a roster of names ("Thanks to Ana Ruiz,
/// Bo Chen, Cy Dale and Di Eze"): six words or more, three in four of them capitalized,
/// and two separators at least (commas, semicolons, "and", "&", "|" or "·").
pub fn is_roster<'t>(sentence: &str, words: impl IntoIterator<Item = &'t str>) -> bool {
    let (mut all, mut capitalized) = (0, 0);
    for word in words {
        all += 1;
        if word.chars().next().is_some_and(char::is_uppercase) {
            capitalized += 1;
        }
    }
    // Most sentences are no roster by their words alone: their text is left unread.
    if all < MIN_ROSTER_WORDS || capitalized * 4 < all * 3 {
        return false;
    }
    let separators = sentence
        .chars()
        .filter(|c| matches!(c, ',' | ';' | '&' | '|' | '·'))
        .count()
        + sentence.matches(" and ").count();
    separators >= 2
}

/// Whether a sentence is filler or a roster: not prose to measure. `may_be_placeholder`
/// is what [`may_hold_placeholder`] said of its segment.
pub fn is_not_prose<'t>(
    sentence: &str,
    words: impl IntoIterator<Item = &'t str> + Clone,
    may_be_placeholder: bool,
) -> bool {
    (may_be_placeholder && is_placeholder(words.clone())) || is_roster(sentence, words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        text.split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
            .collect()
    }

    #[test]
    fn the_lorem_word_list_is_sorted_and_lower_case() {
        let mut sorted = LOREM_WORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, LOREM_WORDS);
        assert!(LOREM_WORDS
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_lowercase())));
    }

    #[test]
    fn lorem_ipsum_is_placeholder_and_english_is_not() {
        for filler in [
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
            "Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",
            "Duis aute irure dolor in reprehenderit.",
        ] {
            assert!(is_placeholder(words(filler)), "{filler}");
        }
        for prose in [
            "Do it in a minute: sit down and read.",
            "Do it in a day.",
            "The ipsum of the matter is in the details of the plan.",
            "Et cetera.",
        ] {
            assert!(!is_placeholder(words(prose)), "{prose}");
        }
    }

    #[test]
    fn only_a_text_with_three_whole_filler_words_may_hold_filler() {
        let may_hold = |text: &str| may_hold_placeholder(&crate::matcher::fold(text));
        assert!(may_hold("Intro. LOREM ipsum Dolor sit amet."));
        assert!(!may_hold("Lorem ipsum, the rest is real."));
        assert!(!may_hold("Loremx ipsumy dolorz, elites and enimity."));
    }

    #[test]
    fn a_roster_of_names_is_not_prose_and_a_sentence_with_names_is() {
        let roster = "Thanks to Ana Ruiz, Bo Chen, Cy Dale, Di Eze and Ed Fox";
        assert!(is_roster(roster, words(roster)));
        let pipes = "Alice Smith | Bob Jones | Carol White";
        assert!(is_roster(pipes, words(pipes)));
        for prose in [
            "Ana Ruiz and Bo Chen wrote the new parser, which is faster than the old one.",
            "Thanks to Ana Ruiz",
            "We Ship Every Tuesday Without Fail",
        ] {
            assert!(!is_roster(prose, words(prose)), "{prose}");
        }
    }
}
