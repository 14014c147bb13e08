//! Whether a word is an ordinary English word: the Wordnik word list (about 200,000 words
//! and their inflections, MIT licensed, through the `wordnik_list` crate), looked up by
//! binary search with nothing to load at start. Checks ask it what a word is when its
//! letters alone cannot say: a brand name that is also a noun ("Notion"), a word in capitals
//! that is shouted ("FREE") or an acronym ("SBOM").

/// Whether `word` (letters in any case) is in the English word list. A word with anything
/// but ASCII letters is not.
pub fn is_english_word(word: &str) -> bool {
    if !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    // Lowered on the stack: words are looked up by the thousand, and nearly all are short.
    let mut lowered = [0u8; 32];
    match lowered.get_mut(..word.len()) {
        Some(buffer) => {
            buffer.copy_from_slice(word.as_bytes());
            buffer.make_ascii_lowercase();
            std::str::from_utf8(buffer).is_ok_and(wordnik_list::word_exists)
        }
        None => wordnik_list::word_exists(&word.to_ascii_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_any_case_are_found_and_acronyms_and_names_are_not() {
        for word in ["free", "FREE", "Notion", "cargo", "deals", "shell"] {
            assert!(is_english_word(word), "{word}");
        }
        for word in ["SBOM", "FOSDEM", "GitHub", "serde", "naïve-x", "", "x"] {
            assert!(!is_english_word(word), "{word}");
        }
    }
}
