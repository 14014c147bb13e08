//! A user's regular expression, searched in linear time by the `regex` crate whenever it
//! can be; only a pattern that needs look-around or a backreference, which Vale's styles
//! write, is searched by a backtracking engine (`fancy-regex`), with a limit on its
//! backtracking so that no pattern can stall a run.

use std::ops::Range;

use regex::Regex;

/// How many backtracking steps one search of a backtracking pattern may take.
pub const BACKTRACK_LIMIT: usize = 1_000_000;

/// A compiled user pattern.
#[derive(Debug, Clone)]
pub enum Pattern {
    /// Searched in linear time.
    Linear(Regex),
    /// Searched by backtracking, within [`BACKTRACK_LIMIT`] steps a search.
    Backtracking(fancy_regex::Regex),
    /// Two patterns searched as one alternation (`first|second`): the alternatives that
    /// need backtracking apart from the others, so that only they pay for it. Where
    /// matches overlap, the one that starts first wins, and at the same start `first`'s;
    /// `second`'s capture groups are numbered after `first`'s `first_groups`.
    Either {
        /// The first alternatives.
        first: Box<Pattern>,
        /// How many capture groups `first` has.
        first_groups: usize,
        /// The others.
        second: Box<Pattern>,
    },
}

/// A search of a backtracking pattern that went past [`BACKTRACK_LIMIT`]: the text after
/// `at` was not searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BacktrackLimit {
    /// Where the search that gave up started.
    pub at: usize,
}

impl Pattern {
    /// A backtracking pattern, for a source the `regex` crate cannot compile because it
    /// needs look-around or a backreference; `Err` with the engine's reason otherwise.
    pub fn backtracking(source: &str) -> Result<Pattern, String> {
        fancy_regex::RegexBuilder::new(source)
            .backtrack_limit(BACKTRACK_LIMIT)
            .build()
            .map(Pattern::Backtracking)
            .map_err(|error| error.to_string())
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        match self {
            Pattern::Linear(regex) => regex.as_str(),
            Pattern::Backtracking(regex) => regex.as_str(),
            Pattern::Either { first, .. } => first.as_str(),
        }
    }

    /// Whether the pattern matches somewhere in `text` (a backtracking search past its limit
    /// is no match).
    pub fn is_match(&self, text: &str) -> bool {
        match self {
            Pattern::Linear(regex) => regex.is_match(text),
            Pattern::Backtracking(regex) => regex.is_match(text).unwrap_or(false),
            Pattern::Either { first, second, .. } => first.is_match(text) || second.is_match(text),
        }
    }

    /// The number of the first capture group that takes part in the match found by a
    /// search from `start` of `text` (`None` when no group does, or nothing matches).
    pub fn group_at(&self, text: &str, start: usize) -> Option<usize> {
        match self {
            Pattern::Linear(regex) => {
                let captures = regex.captures_at(text, start)?;
                (1..captures.len()).find(|&group| captures.get(group).is_some())
            }
            Pattern::Backtracking(regex) => {
                let captures = regex.captures_from_pos(text, start).ok()??;
                (1..captures.len()).find(|&group| captures.get(group).is_some())
            }
            Pattern::Either {
                first,
                first_groups,
                second,
            } => {
                if first.starts_at(text, start) {
                    first.group_at(text, start)
                } else {
                    second
                        .group_at(text, start)
                        .map(|group| group + first_groups)
                }
            }
        }
    }

    /// Whether the pattern's first match from `start` starts there.
    fn starts_at(&self, text: &str, start: usize) -> bool {
        self.first_start_from(text, start) == Some(start)
    }

    /// Where the pattern's first match from `start` of `text` starts: one search, stopped at
    /// the first match.
    fn first_start_from(&self, text: &str, start: usize) -> Option<usize> {
        match self {
            Pattern::Linear(regex) => regex.find_at(text, start).map(|m| m.start()),
            Pattern::Backtracking(regex) => {
                regex.find_from_pos(text, start).ok()?.map(|m| m.start())
            }
            Pattern::Either { first, second, .. } => {
                match (
                    first.first_start_from(text, start),
                    second.first_start_from(text, start),
                ) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                }
            }
        }
    }

    /// The text of the first capture group that takes part in the match found by a search
    /// from `start` of `text`.
    pub fn captured(&self, text: &str, start: usize) -> Option<String> {
        match self {
            Pattern::Linear(regex) => {
                let captures = regex.captures_at(text, start)?;
                (1..captures.len()).find_map(|g| captures.get(g).map(|m| m.as_str().to_string()))
            }
            Pattern::Backtracking(regex) => {
                let captures = regex.captures_from_pos(text, start).ok()??;
                (1..captures.len()).find_map(|g| captures.get(g).map(|m| m.as_str().to_string()))
            }
            Pattern::Either { first, second, .. } => {
                if first.starts_at(text, start) {
                    first.captured(text, start)
                } else {
                    second.captured(text, start)
                }
            }
        }
    }

    /// Calls `found` with the range of each match in `text`, in order, as `find_iter` gives
    /// them; a backtracking search that passes its limit ends the search there.
    pub fn for_each_match(
        &self,
        text: &str,
        mut found: impl FnMut(Range<usize>),
    ) -> Result<(), BacktrackLimit> {
        self.each_match(text, &mut found)
    }

    fn each_match(
        &self,
        text: &str,
        found: &mut dyn FnMut(Range<usize>),
    ) -> Result<(), BacktrackLimit> {
        match self {
            Pattern::Linear(regex) => {
                regex.find_iter(text).for_each(|m| found(m.range()));
                Ok(())
            }
            Pattern::Backtracking(regex) => {
                let mut at = 0;
                for m in regex.find_iter(text) {
                    match m {
                        Ok(m) => {
                            at = m.end();
                            found(m.range());
                        }
                        Err(_) => return Err(BacktrackLimit { at }),
                    }
                }
                Ok(())
            }
            Pattern::Either { first, second, .. } => {
                let (mut ours, mut theirs) = (Vec::new(), Vec::new());
                let first_searched = first.each_match(text, &mut |range| ours.push((range, 0)));
                let second_searched = second.each_match(text, &mut |range| theirs.push((range, 1)));
                ours.append(&mut theirs);
                ours.sort_by_key(|(range, side)| (range.start, *side));
                let mut end = 0;
                for (range, _) in ours {
                    if range.start >= end || range.is_empty() && range.start == end {
                        end = range.end.max(end);
                        found(range);
                    }
                }
                first_searched.and(second_searched)
            }
        }
    }
}

/// Whether a pattern the `regex` crate refuses uses what only a backtracking engine has:
/// look-around or a backreference.
pub fn needs_backtracking(source: &str) -> bool {
    ["(?=", "(?!", "(?<=", "(?<!"]
        .iter()
        .any(|look| source.contains(look))
        || (1..=9).any(|n| source.contains(&format!("\\{n}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &Pattern, text: &str) -> Vec<String> {
        let mut found = Vec::new();
        pattern
            .for_each_match(text, |range| found.push(text[range].to_string()))
            .expect("within the limit");
        found
    }

    #[test]
    fn look_around_is_searched_by_backtracking() {
        let pattern = Pattern::backtracking(r"(?:^|\s)I(?=\s)").expect("compiles");
        assert_eq!(matches(&pattern, "I think I can. I, too."), ["I", " I"]);
        let linear = Pattern::Linear(Regex::new("I").expect("compiles"));
        assert_eq!(matches(&linear, "I, I"), ["I", "I"]);
        assert!(needs_backtracking(r"it is(?!\.)") && !needs_backtracking(r"\bit is\b"));
        let either = Pattern::backtracking(r"\b(?:(e\.g\.)|(i\.e\.))(?=[\s,;])").expect("compiles");
        assert_eq!(either.group_at("so, i.e., not", 4), Some(2));
        let linear = Pattern::Linear(Regex::new(r"(cat)|(dog)").expect("compiles"));
        assert_eq!(linear.group_at("a dog", 0), Some(2));
        let either = Pattern::Either {
            first: Box::new(linear),
            first_groups: 2,
            second: Box::new(Pattern::backtracking(r"(bird)(?= sings)").expect("compiles")),
        };
        assert_eq!(
            matches(&either, "a bird sings, a dog barks, a bird"),
            ["bird", "dog"]
        );
        assert_eq!(either.group_at("a bird sings", 2), Some(3));
        assert_eq!(either.group_at("a dog", 2), Some(2));
    }

    #[test]
    fn a_pattern_that_backtracks_forever_stops_at_the_limit() {
        // Exponential for a backtracking engine: every way to split the run is tried.
        let pattern = Pattern::backtracking(r"((?:a|a)+)\1b").expect("compiles");
        let text = "a".repeat(40);
        let stopped = pattern.for_each_match(&text, |_| {});
        assert_eq!(stopped, Err(BacktrackLimit { at: 0 }));
    }
}
