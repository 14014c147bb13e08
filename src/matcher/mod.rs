//! One search for every literal phrase and term of a rules file, compiled once (an automaton,
//! and for large sets an index of first words; see the `search` module), with the matching
//! rules of the spec: case-insensitive, any white-space run matching one space,
//! word boundaries only on a side where the phrase has a word character, and the longest of
//! overlapping phrases winning.

use std::borrow::Cow;

use crate::model::TextRange;

pub mod pattern;
mod search;

use search::Search;

/// Whether a character counts as part of a word for boundary checks: a letter, a digit or
/// `_`. This is the one test of a word character; masking uses it too. Counting words (the
/// voice checks, `[[require]] per_words`) is `crate::check::voice::text::words`, which builds
/// words from the same letters and digits but by UAX #29, since a count must also join
/// "don't", "e.g" and "3,000" into one word, which a character test cannot.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Lower-cases text without moving any byte: a character whose lower case has another UTF-8
/// length is kept as it is, so offsets into the folded text are offsets into the original.
pub fn fold(text: &str) -> Cow<'_, str> {
    let ascii = text.is_ascii();
    if ascii && !text.bytes().any(|b| b.is_ascii_uppercase()) {
        return Cow::Borrowed(text);
    }
    // ASCII letters first, in one pass over the copy; bytes beyond ASCII are left alone.
    let mut folded = text.to_ascii_lowercase();
    if !ascii {
        fold_beyond_ascii(&mut folded);
    }
    Cow::Owned(folded)
}

/// Lower-cases each character beyond ASCII whose lower case is one character of the same
/// UTF-8 length, in place. Prose beyond ASCII is still mostly ASCII (a curly quote, an
/// accent), so the other characters are found eight bytes at a time.
fn fold_beyond_ascii(text: &mut String) {
    let mut at = 0;
    while let Some(start) = next_beyond_ascii(text.as_bytes(), at) {
        let Some(c) = text.get(start..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let mut lower = c.to_lowercase();
        if let (Some(l), None) = (lower.next(), lower.next()) {
            if l != c && l.len_utf8() == c.len_utf8() {
                let mut buf = [0; 4];
                text.replace_range(start..start + c.len_utf8(), l.encode_utf8(&mut buf));
            }
        }
        at = start + c.len_utf8();
    }
}

/// The first byte at or after `from` that is not ASCII.
fn next_beyond_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while let Some(group) = bytes.get(i..i + 8) {
        let group: [u8; 8] = group.try_into().expect("eight bytes");
        if u64::from_le_bytes(group) & HIGH != 0 {
            break;
        }
        i += 8;
    }
    bytes
        .get(i..)?
        .iter()
        .position(|b| !b.is_ascii())
        .map(|p| i + p)
}

/// A phrase as the automaton holds it: white-space runs as one space, folded.
pub fn normalize_phrase(phrase: &str) -> String {
    fold(&single_spaced(phrase)).into_owned()
}

/// Text with white-space runs as one space and none at either end; most phrases already are.
pub fn single_spaced(text: &str) -> Cow<'_, str> {
    if is_single_spaced(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Whether text holds no white space but single spaces between other characters.
fn is_single_spaced(text: &str) -> bool {
    if !text.is_ascii() {
        return !text.starts_with(' ')
            && !text.ends_with(' ')
            && !text.contains("  ")
            && !text.contains(|c: char| c.is_whitespace() && c != ' ');
    }
    // A leading space counts as a second one.
    let mut after_space = true;
    for &b in text.as_bytes() {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => return false,
            _ => after_space = false,
        }
    }
    !after_space || text.is_empty()
}

/// A match of one configured phrase in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhraseMatch {
    /// Where it stands in the text searched.
    pub range: TextRange,
    /// Which phrase matched, for [`PhraseSet::owners`].
    pub pattern: usize,
}

/// Matches in order of position, less every match that lies inside a longer one (the
/// longest of overlapping phrases wins).
pub fn longest(mut candidates: Vec<PhraseMatch>) -> Vec<PhraseMatch> {
    candidates.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end)));
    let mut widest_end = 0;
    candidates.retain(|m| {
        let contained = m.range.end <= widest_end;
        widest_end = widest_end.max(m.range.end);
        !contained
    });
    candidates
}

#[derive(Debug)]
struct Phrase<T> {
    owners: Vec<T>,
    bounded_start: bool,
    bounded_end: bool,
}

/// Collects phrases with the rules that own them; equal phrases share one pattern.
#[derive(Debug)]
pub struct PhraseSetBuilder<T> {
    index: foldhash::HashMap<String, usize>,
    texts: Vec<String>,
    phrases: Vec<Phrase<T>>,
}

impl<T> Default for PhraseSetBuilder<T> {
    fn default() -> Self {
        Self {
            index: foldhash::HashMap::default(),
            texts: Vec::new(),
            phrases: Vec::new(),
        }
    }
}

impl<T> PhraseSetBuilder<T> {
    /// Adds a phrase owned by `owner`. Returns false for a phrase with no text.
    pub fn add(&mut self, phrase: &str, owner: T) -> bool {
        let normalized = normalize_phrase(phrase);
        if normalized.is_empty() {
            return false;
        }
        let next = self.phrases.len();
        let index = *self.index.entry(normalized.clone()).or_insert(next);
        if index == next {
            self.phrases.push(Phrase {
                owners: Vec::new(),
                bounded_start: normalized.chars().next().is_some_and(is_word_char),
                bounded_end: normalized.chars().next_back().is_some_and(is_word_char),
            });
            self.texts.push(normalized);
        }
        self.phrases[index].owners.push(owner);
        true
    }

    /// Compiles the search, chosen by the number of phrases (see the `search` module).
    pub fn build(self) -> PhraseSet<T> {
        self.build_with(Search::new)
    }

    /// Compiles the search that `search` makes of the phrases.
    fn build_with(self, search: impl FnOnce(&[String]) -> Search) -> PhraseSet<T> {
        PhraseSet {
            search: (!self.texts.is_empty()).then(|| search(&self.texts)),
            phrases: self.phrases,
        }
    }
}

/// Every configured phrase, searched at once: the cost of a search does not grow with the
/// number of phrases.
#[derive(Debug)]
pub struct PhraseSet<T> {
    search: Option<Search>,
    phrases: Vec<Phrase<T>>,
}

impl<T> PhraseSet<T> {
    /// The rules that own a matched phrase.
    pub fn owners(&self, pattern: usize) -> &[T] {
        &self.phrases[pattern].owners
    }

    /// Finds phrases in `text` (already normalized: single spaces), searching `folded`, the
    /// same text passed through [`fold`]. Every candidate is collected, so a rejected
    /// boundary never hides an overlapping match; candidates that `applies` rejects (no rule
    /// of theirs runs there) are dropped; then a match lying inside a longer one is dropped.
    /// Returned in order of position.
    pub fn find(
        &self,
        text: &str,
        folded: &str,
        applies: impl Fn(usize, TextRange) -> bool,
    ) -> Vec<PhraseMatch> {
        longest(self.find_all(text, folded, applies))
    }

    /// Every match of a phrase in `text` on its word boundaries that `applies` accepts,
    /// those inside longer ones included, in no particular order: [`PhraseSet::find`]
    /// before the longest wins.
    pub fn find_all(
        &self,
        text: &str,
        folded: &str,
        applies: impl Fn(usize, TextRange) -> bool,
    ) -> Vec<PhraseMatch> {
        let Some(search) = &self.search else {
            return Vec::new();
        };
        let mut candidates = Vec::new();
        search.candidates(folded, &mut |(range, pattern)| {
            let range = TextRange::from(range);
            let phrase = &self.phrases[pattern];
            let before_ok = !phrase.bounded_start
                || !text[..range.start]
                    .chars()
                    .next_back()
                    .is_some_and(is_word_char);
            let after_ok =
                !phrase.bounded_end || !text[range.end..].chars().next().is_some_and(is_word_char);
            if before_ok && after_ok && applies(pattern, range) {
                candidates.push(PhraseMatch { range, pattern });
            }
        });
        candidates
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(phrases: &[&str], text: &str) -> Vec<String> {
        let mut b = PhraseSetBuilder::default();
        for p in phrases {
            b.add(p, *p);
        }
        let set = b.build();
        let folded = fold(text);
        set.find(text, &folded, |_, _| true)
            .into_iter()
            .map(|m| text[m.range.range()].to_string())
            .collect()
    }

    #[test]
    fn case_insensitive_on_word_boundaries() {
        assert_eq!(
            matches(&["github"], "GitHub, Github and githubs"),
            ["GitHub", "Github"]
        );
    }

    #[test]
    fn boundaries_only_where_the_phrase_has_word_characters() {
        assert_eq!(
            matches(&["C++", ".NET"], "I like C++ and ASP.NET."),
            ["C++", ".NET"]
        );
    }

    #[test]
    fn the_longest_overlapping_phrase_wins() {
        assert_eq!(
            matches(
                &["gap pad", "thermal gap pad"],
                "a thermal gap pad, a gap pad"
            ),
            ["thermal gap pad", "gap pad"]
        );
    }

    #[test]
    fn a_rejected_boundary_does_not_hide_a_shorter_match() {
        assert_eq!(matches(&["Acme", "Acme Cloud"], "Acme Cloudy"), ["Acme"]);
        assert_eq!(matches(&["Pie Chart"], "xApple Pie Chart"), ["Pie Chart"]);
    }

    #[test]
    fn a_phrase_that_does_not_apply_hides_nothing() {
        let mut b = PhraseSetBuilder::default();
        b.add("click here", "link-only");
        b.add("here", "here");
        let set = b.build();
        let text = "Click here";
        let found = set.find(text, &fold(text), |p, _| set.owners(p) != ["link-only"]);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.range()], "here");
    }

    #[test]
    fn phrases_fold_white_space_and_non_ascii_case() {
        assert_eq!(
            matches(&["café  au lait"], "CAFÉ AU LAIT"),
            ["CAFÉ AU LAIT"]
        );
    }

    /// Folding by its definition: each character on its own.
    fn one_by_one(text: &str) -> String {
        text.chars()
            .map(|c| {
                let mut lower = c.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                    _ => c,
                }
            })
            .collect()
    }

    #[test]
    fn folding_lower_cases_each_character_that_keeps_its_length() {
        for text in [
            "",
            "é",
            "AéB",
            "GitHub’s “Docs” ARE HERE",
            "İstanbul ẞ Ǆ ΣΑΣ Ω x",
            "\u{FFFC}Cargo\u{FFFC}",
            "ÀÉÎÕÜ ÇA VA? 🦀 Rust",
        ] {
            assert_eq!(fold(text), one_by_one(text), "{text}");
        }
    }

    #[test]
    fn folding_in_eight_byte_groups_agrees_with_folding_one_character_at_a_time() {
        // Texts long enough for whole groups, with characters beyond ASCII (and ones whose
        // lower case is longer, shorter or two characters) at every place in a group.
        const PIECES: &[&str] = &[
            "a", "B", "cargo ", "RUST ", "É", "é", "’", "İ", "ẞ", "K", "Ω", "Σ", "🦀", "\u{FFFC}",
        ];
        for text in crate::testing::random_texts(PIECES, 40, 5_000, 0x2545_F491_4F6C_DD1D) {
            assert_eq!(fold(&text), one_by_one(&text), "{text:?}");
        }
    }

    /// Pieces of phrases and texts for comparing the two searches: words sharing beginnings,
    /// characters that fold, change length or are not word characters, and the combining
    /// accent, which is not a word character although it sits inside words.
    const SEARCH_PIECES: &[&str] = &[
        "acme", "Acme", "ACME", " ", " ", "cloud", "clouds", "-", ".", "net", "c", "++", "#", "É",
        "é", "ß", "İ", "i", "_", "3", "’", "x", "ab", "b", "\u{301}", "Ω", "🦀", "\t",
    ];

    #[test]
    fn word_starts_find_what_one_automaton_over_the_whole_text_finds() {
        let texts: Vec<String> = crate::testing::random_texts(SEARCH_PIECES, 40, 200, 0x9E37_79B9)
            .map(|text| single_spaced(&text).into_owned())
            .collect();
        let mut compared = 0;
        for seed in 1..=300 {
            let phrases: Vec<String> =
                crate::testing::random_texts(SEARCH_PIECES, 5, 30, seed).collect();
            let build = |search: fn(&[String]) -> Search| {
                let mut builder = PhraseSetBuilder::default();
                for phrase in &phrases {
                    builder.add(phrase, ());
                }
                builder.build_with(search)
            };
            let whole = build(Search::whole_text);
            let words = build(Search::word_starts);
            for text in &texts {
                let folded = fold(text);
                let expected = whole.find(text, &folded, |_, _| true);
                compared += expected.len();
                assert_eq!(
                    words.find(text, &folded, |_, _| true),
                    expected,
                    "{phrases:?} in {text:?}"
                );
            }
        }
        assert!(compared > 10_000, "only {compared} matches compared");
    }

    #[test]
    fn folding_keeps_word_characters_word_characters() {
        // The word-start search reads words in folded text and judges boundaries in the
        // original; it relies on this for every character.
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let folded = fold(c.encode_utf8(&mut buf)).chars().next();
            assert_eq!(folded.map(is_word_char), Some(is_word_char(c)), "{c:?}");
        }
    }

    #[test]
    fn single_spacing_joins_white_space_runs() {
        for text in [
            "", "a", "a b", " a", "a ", "a  b", "a\tb", "a\u{b}b", "a\u{a0}b", " \n ", "é b",
            "é  b",
        ] {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(single_spaced(text), joined, "{text:?}");
        }
    }

    #[test]
    fn folding_never_moves_bytes() {
        let text = "İstanbul ẞ Ǆ ΣΑΣ";
        assert_eq!(fold(text).len(), text.len());
    }
}
