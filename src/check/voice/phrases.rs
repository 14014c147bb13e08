//! The phrases the voice checks look for (spelled-out forms and contractions, third-person
//! names for the reader and the brand) in one automaton, searched once per segment for
//! every check that asks: a second check costs no second pass over the text.

use super::{contractions, person};
use crate::config::schema::{ContractionPolicy, PersonPolicy, VoiceSettings};
use crate::matcher::{PhraseMatch, PhraseSet, PhraseSetBuilder};
use crate::model::TextRange;

/// A list of phrases one voice check reads, as the file's settings choose it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// Spelled-out forms ("do not"), found with `contractions = "prefer"`.
    Spelled,
    /// Contractions ("don't", "don’t"), found with `contractions = "avoid"`.
    Contracted,
    /// Third-person names for the reader ("the user"), found with `person = "second"`.
    Reader,
    /// Third-person names for the brand ("the company"), with `person = "first-plural"`.
    Brand,
}

impl List {
    /// The lists that voice settings read: an override's settings name only the keys it
    /// changes, and each list its policy key names is read.
    pub fn read_under(settings: &VoiceSettings) -> impl Iterator<Item = List> {
        let contractions = match settings.contractions {
            Some(ContractionPolicy::Prefer) => Some(List::Spelled),
            Some(ContractionPolicy::Avoid) => Some(List::Contracted),
            Some(ContractionPolicy::Off) | None => None,
        };
        let person = match settings.person {
            Some(PersonPolicy::Second) => Some(List::Reader),
            Some(PersonPolicy::FirstPlural) => Some(List::Brand),
            Some(PersonPolicy::Off) | None => None,
        };
        contractions.into_iter().chain(person)
    }
}

/// The phrases of the lists some file reads, each owned by its list and its index in that
/// list's table.
#[derive(Debug)]
pub struct VoicePhrases {
    set: PhraseSet<(List, usize)>,
}

/// A phrase of a [`List`], with its index in the list's table.
pub type ListPhrase = (String, List, usize);

impl VoicePhrases {
    /// Compiles the automaton of the `wanted` lists: only the lists some file's settings
    /// read, since a smaller automaton searches faster.
    pub fn new(wanted: &[List]) -> Self {
        let mut all = Vec::new();
        contractions::add_phrases(&mut all);
        person::add_phrases(&mut all);
        let mut builder = PhraseSetBuilder::default();
        for (phrase, list, index) in all {
            if wanted.contains(&list) {
                builder.add(&phrase, (list, index));
            }
        }
        VoicePhrases {
            set: builder.build(),
        }
    }
}

impl VoicePhrases {
    /// Every match of any list in a segment's `text` (searched in `folded`), overlapping
    /// ones included.
    pub fn find_all(&self, text: &str, folded: &str) -> Vec<PhraseMatch> {
        self.set.find_all(text, folded, |_, _| true)
    }

    /// The matches of one list among a segment's `found`, in order, the longest of
    /// overlapping ones, each with its index in the list's table.
    pub fn of_list(&self, found: &[PhraseMatch], list: List) -> Vec<(TextRange, usize)> {
        let index_in_list = |m: &PhraseMatch| {
            self.set
                .owners(m.pattern)
                .iter()
                .find(|(owner, _)| *owner == list)
                .map(|&(_, index)| index)
        };
        let mine = found.iter().filter(|m| index_in_list(m).is_some()).copied();
        crate::matcher::longest(mine.collect())
            .into_iter()
            .filter_map(|m| Some((m.range, index_in_list(&m)?)))
            .collect()
    }
}
