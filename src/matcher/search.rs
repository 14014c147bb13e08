//! How a phrase set finds its candidates in a text, chosen by the number of phrases.
//!
//! Up to [`WHOLE_TEXT_LIMIT`] phrases the automaton crate builds a DFA and pairs it with a
//! vectorized prefilter that skips text where no phrase can start. Past that it builds an NFA,
//! since a DFA grows slow to build and large (60 ms and 37 MB for the 29,000 phrases of ten
//! thousand terms); but the NFA steps every byte with no prefilter, three to four times
//! slower over prose. So a large set is searched a word at a time instead: a phrase that
//! starts with a word character only matches where a word starts (its start boundary), and
//! only where that whole word is the phrase's first word. A hash set of first words rejects
//! most words of prose, and the rest are walked by an anchored automaton from the word's
//! start. The cost is then one pass over the words, whatever the number of phrases.

use std::ops::Range;

use aho_corasick::automaton::OverlappingState;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

use super::is_word_char;

/// The most phrases searched with one automaton over the whole text: the most for which the
/// automaton crate builds a DFA.
pub const WHOLE_TEXT_LIMIT: usize = 100;

/// A candidate: where a phrase matched in the folded text, and which phrase.
pub type Candidate = (Range<usize>, usize);

/// The search of one phrase set.
#[derive(Debug)]
pub enum Search {
    /// Every phrase in one automaton run over the whole text, for small sets.
    WholeText(AhoCorasick),
    /// Phrases found from the starts of words, for large sets.
    WordStarts(WordStartIndex),
}

impl Search {
    /// The search for `phrases` (normalized and folded), by their number.
    pub fn new(phrases: &[String]) -> Self {
        if phrases.len() <= WHOLE_TEXT_LIMIT {
            Self::whole_text(phrases)
        } else {
            Self::word_starts(phrases)
        }
    }

    /// The word-start search, whatever the number of phrases.
    pub fn word_starts(phrases: &[String]) -> Self {
        Self::WordStarts(WordStartIndex::new(phrases))
    }

    /// One automaton over the whole text, whatever the number of phrases.
    pub fn whole_text(phrases: &[String]) -> Self {
        Self::WholeText(automaton(phrases, StartKind::Unanchored))
    }

    /// Calls `found` with every occurrence in `folded` of a phrase, with one exception: a
    /// phrase starting with a word character may go unreported where a word character comes
    /// before it or where the word it starts goes on past the phrase's first word. Such
    /// an occurrence fails the phrase's word boundaries anyway. Not in order of position.
    pub fn candidates(&self, folded: &str, found: &mut impl FnMut(Candidate)) {
        match self {
            Self::WholeText(automaton) => {
                for m in automaton.find_overlapping_iter(folded) {
                    found((m.range(), m.pattern().as_usize()));
                }
            }
            Self::WordStarts(index) => index.candidates(folded, found),
        }
    }
}

/// The phrases of a large set, indexed by their first word.
#[derive(Debug)]
pub struct WordStartIndex {
    /// The first word of each phrase that starts with a word character.
    first_words: foldhash::HashSet<Box<str>>,
    /// The first two bytes of each of those first words (a one-byte word with a zero), one bit
    /// each: a test cheaper than hashing, which most words of prose fail.
    first_pairs: Box<[u64]>,
    /// The phrases starting with a word character, searched anchored at a word's start.
    anchored: AhoCorasick,
    /// Which phrase each pattern of `anchored` is.
    anchored_phrases: Vec<usize>,
    /// The phrases starting with another character (".NET", "#hashtag"), searched over the
    /// whole text, with which phrase each pattern is.
    others: Option<(AhoCorasick, Vec<usize>)>,
}

impl WordStartIndex {
    /// Indexes `phrases`, which are normalized and folded.
    pub fn new(phrases: &[String]) -> Self {
        let (word_first, others): (Vec<usize>, Vec<usize>) =
            (0..phrases.len()).partition(|&i| phrases[i].chars().next().is_some_and(is_word_char));
        let mut first_words = foldhash::HashSet::default();
        let mut first_pairs = vec![0u64; 1 << 10].into_boxed_slice();
        for &i in &word_first {
            let phrase = phrases[i].as_str();
            let first_word = &phrase[..phrase.find(|c| !is_word_char(c)).unwrap_or(phrase.len())];
            let pair = pair_of(first_word);
            first_pairs[pair / 64] |= 1 << (pair % 64);
            first_words.insert(first_word.into());
        }
        let pick = |chosen: &[usize]| {
            chosen
                .iter()
                .map(|&i| phrases[i].as_str())
                .collect::<Vec<_>>()
        };
        let others = (!others.is_empty())
            .then(|| (automaton(&pick(&others), StartKind::Unanchored), others));
        Self {
            first_words,
            first_pairs,
            anchored: automaton(&pick(&word_first), StartKind::Anchored),
            anchored_phrases: word_first,
            others,
        }
    }

    fn candidates(&self, folded: &str, found: &mut impl FnMut(Candidate)) {
        for word in Words::new(folded) {
            let text = &folded[word.clone()];
            let pair = pair_of(text);
            if self.first_pairs[pair / 64] & (1 << (pair % 64)) == 0
                || !self.first_words.contains(text)
            {
                continue;
            }
            // The crate's iterators take no anchored input; its search step does.
            let from_here = Input::new(folded)
                .range(word.start..)
                .anchored(Anchored::Yes);
            let mut state = OverlappingState::start();
            loop {
                self.anchored
                    .find_overlapping(from_here.clone(), &mut state);
                let Some(m) = state.get_match() else { break };
                // A state also reports the phrases that end where it does but start later:
                // each is found from its own word, or starts inside one and fails its boundary.
                if m.start() == word.start {
                    found((m.range(), self.anchored_phrases[m.pattern().as_usize()]));
                }
            }
        }
        if let Some((automaton, phrases)) = &self.others {
            for m in automaton.find_overlapping_iter(folded) {
                found((m.range(), phrases[m.pattern().as_usize()]));
            }
        }
    }
}

/// An Aho-Corasick automaton over literal phrases, reporting every match, of the kind the
/// crate picks for their number.
fn automaton(phrases: &[impl AsRef<[u8]>], start: StartKind) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .start_kind(start)
        .build(phrases)
        .expect("literal phrases always compile")
}

/// A word's first two bytes as a number below 2^16; the second is 0 for a one-byte word.
fn pair_of(word: &str) -> usize {
    match word.as_bytes() {
        [first, second, ..] => usize::from(*first) << 8 | usize::from(*second),
        [first] => usize::from(*first) << 8,
        [] => 0,
    }
}

/// The words of a text: its longest runs of word characters, as byte ranges.
struct Words<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Words<'t> {
    fn new(text: &'t str) -> Self {
        Self { text, at: 0 }
    }

    /// The character at `at`, which is not ASCII.
    fn wide_char_at(&self, at: usize) -> Option<char> {
        self.text.get(at..)?.chars().next()
    }
}

/// Which ASCII bytes are word characters, by [`is_word_char`].
static ASCII_WORD_BYTES: [bool; 128] = {
    let mut table = [false; 128];
    let mut byte = 0;
    while byte < 128 {
        table[byte] = (byte as u8).is_ascii_alphanumeric() || byte as u8 == b'_';
        byte += 1;
    }
    table
};

impl Iterator for Words<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let bytes = self.text.as_bytes();
        // ASCII runs are passed a byte at a time in a tight loop; other characters decoded.
        let first_len = loop {
            let rest = bytes.get(self.at..)?;
            self.at += rest
                .iter()
                .position(|&b| !b.is_ascii() || ASCII_WORD_BYTES[usize::from(b)])?;
            if bytes[self.at].is_ascii() {
                break 1;
            }
            let c = self.wide_char_at(self.at)?;
            if is_word_char(c) {
                break c.len_utf8();
            }
            self.at += c.len_utf8();
        };
        let start = self.at;
        self.at += first_len;
        loop {
            let rest = &bytes[self.at..];
            self.at += rest
                .iter()
                .position(|&b| !b.is_ascii() || !ASCII_WORD_BYTES[usize::from(b)])
                .unwrap_or(rest.len());
            match self.wide_char_at(self.at) {
                Some(c) if !c.is_ascii() && is_word_char(c) => self.at += c.len_utf8(),
                _ => break,
            }
        }
        Some(start..self.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words by their definition: runs of characters that are word characters.
    fn words_one_char_at_a_time(text: &str) -> Vec<Range<usize>> {
        let mut words: Vec<Range<usize>> = Vec::new();
        let mut previous_end = None;
        for (at, c) in text.char_indices() {
            if !is_word_char(c) {
                continue;
            }
            match words.last_mut() {
                Some(word) if previous_end == Some(at) => word.end = at + c.len_utf8(),
                _ => words.push(at..at + c.len_utf8()),
            }
            previous_end = Some(at + c.len_utf8());
        }
        words
    }

    #[test]
    fn words_are_the_runs_of_word_characters() {
        const PIECES: &[&str] = &[
            "a", "Z", "_", "0", " ", "-", "é", "\u{301}", "’", "🦀", "Ω", "\u{a0}", "٣", "\n",
        ];
        for text in crate::testing::random_texts(PIECES, 30, 5_000, 0xD1B5_4A32_D192_ED03) {
            let words: Vec<_> = Words::new(&text).collect();
            assert_eq!(words, words_one_char_at_a_time(&text), "{text:?}");
        }
    }

    #[test]
    fn each_occurrence_is_reported_once() {
        // "os x" ends where "mac os x" does: the anchored search from "mac" reaches it too.
        let phrases = ["mac os x", "os x", "x"].map(String::from);
        let mut found = Vec::new();
        Search::word_starts(&phrases)
            .candidates("on mac os x", &mut |candidate| found.push(candidate));
        found.sort_by_key(|(range, _)| (range.start, range.end));
        assert_eq!(found, [(3..11, 0), (7..11, 1), (10..11, 2)]);
    }
}
