//! Text that is never prose even where it stands inside prose: template tags of every common
//! engine, URLs, e-mail addresses, file paths, @handles, and the code words of
//! [`super::code`] (command-line options, man-page references, underscore identifiers). Each
//! is masked as one neutral word, and runs of white space fold to one space, so every reader
//! shares one definition.

use std::sync::LazyLock;

use regex::Regex;

use crate::document::Edit;
use crate::matcher::is_word_char;

/// Template tags alone, for readers that mask them before parsing markup. See
/// [`TagScanner`] for the tags of each engine.
pub fn template_tags(source: &str) -> Vec<std::ops::Range<usize>> {
    if memchr::memchr3(b'{', b'|', b'%', source.as_bytes()).is_none() {
        return Vec::new();
    }
    let mut scanner = TagScanner::new(source);
    let mut tags = Vec::new();
    let mut at = 0;
    while let Some(tag) = scanner.next_from(at) {
        at = tag.end;
        tags.push(tag);
    }
    tags
}

/// What a search for the end of a tag found, and where it stopped: a search that started
/// anywhere between `from` and `until` finds the same, so each kind of end is looked for
/// at most once per stretch of text.
#[derive(Clone, Copy, Default)]
struct Searched {
    from: usize,
    until: usize,
    found: Option<usize>,
}

/// How a tag's body runs to its end.
#[derive(Clone, Copy)]
enum Body {
    /// Anything, up to the first occurrence of the end (comments, AMPscript, ERB).
    Anything(&'static str),
    /// Up to the first end, but no `<` that could start markup (`<` then a letter, `/` or
    /// `!`): so an unclosed `{{` in code cannot swallow the markup and prose after it,
    /// while `{% if a < 4 %}` is one tag.
    NoMarkup(&'static str),
    /// No `|` or `<` at all, up to `|*` (Mailchimp merge tags).
    MergeTag,
    /// Anything, up to a Liquid or Django `endcomment` statement.
    CommentBlock,
}

/// Template tags of every common engine, in the order they are tried where two could start
/// at the same place. Comment blocks are masked whole, whatever they hold.
const TAGS: [(&str, Body); 10] = [
    ("", Body::CommentBlock), // {% comment %} .. {% endcomment %}: Liquid, Django
    ("{{!--", Body::Anything("--}}")), // Handlebars block comments
    ("{{{", Body::NoMarkup("}}}")), // Handlebars triple-stash
    ("{{", Body::NoMarkup("}}")), // Handlebars, Mustache, Liquid, Jinja output
    ("{%", Body::NoMarkup("%}")), // Liquid, Jinja, Django statements
    ("{#", Body::NoMarkup("#}")), // Jinja, Django comments
    ("*|", Body::MergeTag),   // Mailchimp merge tags
    ("%%[", Body::Anything("]%%")), // AMPscript blocks
    ("%%=", Body::Anything("=%%")), // AMPscript inline
    ("<%", Body::Anything("%>")), // ERB, EJS
];

/// Finds template tags from left to right: at the first place where one starts, the first
/// kind in [`TAGS`] that is complete there. Where a tag ends is searched for once per
/// stretch of text and remembered, so a file full of tags that never close (a thousand
/// `{% comment %}` without an `endcomment`) is read in time linear in its length; a regular
/// expression with these alternatives took quadratic time there.
struct TagScanner<'t> {
    text: &'t str,
    searched: [Searched; TAGS.len()],
}

impl<'t> TagScanner<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text,
            searched: [Searched::default(); TAGS.len()],
        }
    }

    /// The first tag that starts at or after `at`. Calls come with `at` never decreasing.
    ///
    /// Every opening holds `{`, `|` or `%`, found with a vectorized search; `*|` and `<%`
    /// open one byte before the byte found.
    fn next_from(&mut self, at: usize) -> Option<std::ops::Range<usize>> {
        let bytes = self.text.as_bytes();
        // No tag starts in `at..unseen`.
        let mut unseen = at;
        for found in memchr::memchr3_iter(b'{', b'|', b'%', bytes.get(at..)?).map(|i| at + i) {
            let opens_before = found > unseen && matches!(bytes[found - 1], b'*' | b'<');
            let first = if opens_before { found - 1 } else { found };
            for start in first..=found {
                for kind in 0..TAGS.len() {
                    if let Some(end) = self.tag_at(kind, start) {
                        return Some(start..end);
                    }
                }
            }
            unseen = found + 1;
        }
        None
    }

    /// The end of a tag of `kind` starting at `start`, if one is complete there.
    fn tag_at(&mut self, kind: usize, start: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let (opening, body) = TAGS[kind];
        let body_start = match body {
            Body::CommentBlock => start + comment_statement(&self.text[start..], "comment")?,
            _ if bytes[start..].starts_with(opening.as_bytes()) => start + opening.len(),
            _ => return None,
        };
        let searched = &mut self.searched[kind];
        if !(searched.from <= body_start && body_start <= searched.until) {
            *searched = search_end(self.text, body_start, body);
        }
        let end = searched.found?;
        Some(match body {
            Body::Anything(closing) | Body::NoMarkup(closing) => end + closing.len(),
            Body::MergeTag => end + 2,
            Body::CommentBlock => end + comment_statement(&self.text[end..], "endcomment")?,
        })
    }
}

/// Searches for the end of a tag's body from `from`: where the end starts, if found, and
/// where the search stopped.
fn search_end(text: &str, from: usize, body: Body) -> Searched {
    let bytes = text.as_bytes();
    let stop = |found: Option<usize>, until: usize| Searched { from, until, found };
    match body {
        Body::Anything(closing) => match text[from..].find(closing) {
            Some(i) => stop(Some(from + i), from + i),
            None => stop(None, text.len()),
        },
        Body::CommentBlock => {
            let mut at = from;
            while let Some(i) = text[at..].find("{%") {
                if comment_statement(&text[at + i..], "endcomment").is_some() {
                    return stop(Some(at + i), at + i);
                }
                at += i + 2;
            }
            stop(None, text.len())
        }
        Body::MergeTag => match memchr::memchr2(b'|', b'<', &bytes[from..]) {
            Some(i) if bytes[from + i..].starts_with(b"|*") => stop(Some(from + i), from + i),
            Some(i) => stop(None, from + i),
            None => stop(None, text.len()),
        },
        Body::NoMarkup(closing) => {
            // From one candidate byte to the next: the end's first byte and `<` are ASCII,
            // so never part of another character.
            let first = closing.as_bytes()[0];
            let mut i = from;
            loop {
                match memchr::memchr2(first, b'<', &bytes[i..]) {
                    None => return stop(None, text.len()),
                    Some(offset) => i += offset,
                }
                if bytes[i..].starts_with(closing.as_bytes()) {
                    return stop(Some(i), i);
                }
                if bytes[i] != b'<' {
                    i += 1;
                    continue;
                }
                match bytes.get(i + 1) {
                    Some(b) if !(b.is_ascii_alphabetic() || matches!(b, b'/' | b'!')) => i += 2,
                    _ => return stop(None, i),
                }
            }
        }
    }
}

/// The length of a `{% comment %}` (or `{%- endcomment -%}`...) statement at the start of
/// `text` whose word is `word`, if it is one.
fn comment_statement(text: &str, word: &str) -> Option<usize> {
    let rest = text.strip_prefix("{%")?;
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let rest = rest.trim_start().strip_prefix(word)?.trim_start();
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let rest = rest.strip_prefix("%}")?;
    Some(text.len() - rest.len())
}

/// The tokens that look like words but are addresses, paths or references. Alternation is
/// leftmost-first, so the order matters where two could match; template tags, which may
/// hold anything, come before all of them where both start at one place.
static NOT_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("(?x){OTHER_TOKENS}")).expect("the masking pattern is valid")
});

/// The alternatives of [`NOT_PROSE`].
const OTHER_TOKENS: &str = r#"
          (?i:[a-z][a-z0-9+.\-]*://)[^\s<>"'`]+   # URLs with a scheme
        | (?i:www\.)[^\s<>"'`]+        # bare www. addresses
        | (?-u:[A-Za-z0-9._%+\-])+@(?-u:[A-Za-z0-9\-])+(?:\.(?-u:[A-Za-z0-9\-])+)+   # e-mail
        | (?-u:[A-Za-z0-9_.\-])+/(?-u:[A-Za-z0-9_.\-])+\#[0-9]+  # owner/repo#123 references
        | @(?-u:[A-Za-z0-9_])(?-u:[A-Za-z0-9_\-])*  # @handles (checked: not after a word)
        | \#(?-u:[A-Za-z])(?-u:[A-Za-z0-9_\-])*    # #hashtags and #channels (same check)
        | (?-u:[A-Za-z_])(?-u:[A-Za-z0-9_])*(?:::(?-u:[A-Za-z_])(?-u:[A-Za-z0-9_])*)+  # code paths: serde::Serialize
        | (?:~|\.{1,2})?/(?-u:[A-Za-z0-9_.\-])+(?:/(?-u:[A-Za-z0-9_.\-])*)*  # absolute and ./ paths
        | (?-u:[A-Za-z0-9_\-])+(?:/(?-u:[A-Za-z0-9_.\-])+)*/(?-u:[A-Za-z0-9_\-])+\.(?-u:[A-Za-z0-9]){1,8}  # dir/file.ext
        | (?-u:[A-Za-z]):\\[^\s]+      # Windows paths
        "#;

/// Template tags and the other tokens that are not prose, leftmost first (a tag where both
/// start at one place), each as it matched.
fn not_prose(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut tags = TagScanner::new(text);
    let mut others = OtherTokens::new(text);
    let mut found = Vec::new();
    let mut at = 0;
    let mut next_tag = tags.next_from(0);
    let mut next_other = others.next_from(0);
    loop {
        let token = match (&next_tag, &next_other) {
            (Some(tag), Some(other)) if other.start < tag.start => other.clone(),
            (Some(tag), _) => tag.clone(),
            (None, Some(other)) => other.clone(),
            (None, None) => return found,
        };
        at = at.max(token.end);
        found.push(token);
        if next_tag.as_ref().is_some_and(|t| t.start < at) {
            next_tag = tags.next_from(at);
        }
        if next_other.as_ref().is_some_and(|o| o.start < at) {
            next_other = others.next_from(at);
        }
    }
}

/// Finds the tokens of [`NOT_PROSE`] from left to right, running the expression only over the
/// words that could hold one. No alternative matches white space, so every token lies inside
/// one word (a run of characters that are not white space, as `\s` means it); and every
/// token holds a byte that [`points_at_token`]. Most words hold none and are never searched.
struct OtherTokens<'t> {
    text: &'t str,
    /// The next `:`, `/` or `#`, and the next `@` or `www.`, remembered between calls.
    punctuation: NextHit,
    address: NextHit,
    /// The next white space: the end of the word being read, remembered so that a word
    /// holding many tokens is scanned to its end once, not once per token.
    word_end: NextHit,
}

/// The first place at or after `from` where a search succeeded, or `None` when the search
/// from `from` found nothing: still the answer for any later place.
#[derive(Clone, Copy)]
struct NextHit {
    from: usize,
    found: Option<usize>,
}

impl NextHit {
    /// The first hit at or after `at` (never less than an earlier `at`), searching again only
    /// when the remembered hit lies before it.
    fn at_or_after(&mut self, at: usize, search: impl Fn(usize) -> Option<usize>) -> Option<usize> {
        let stale = self.from > at || self.found.is_some_and(|found| found < at);
        if stale {
            *self = NextHit {
                from: at,
                found: search(at),
            };
        }
        self.found
    }
}

impl<'t> OtherTokens<'t> {
    fn new(text: &'t str) -> Self {
        let unsearched = NextHit {
            from: usize::MAX,
            found: None,
        };
        Self {
            text,
            punctuation: unsearched,
            address: unsearched,
            word_end: unsearched,
        }
    }

    /// The first token that starts at or after `at`: what `NOT_PROSE.find_at(text, at)`
    /// finds. Calls come with `at` never decreasing.
    fn next_from(&mut self, at: usize) -> Option<std::ops::Range<usize>> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut from = at;
        while from < bytes.len() {
            let punctuation = self.punctuation.at_or_after(from, |from| {
                memchr::memchr3_iter(b':', b'/', b'#', &bytes[from..])
                    .map(|i| from + i)
                    .find(|&i| points_at_token(bytes, i))
            });
            let address = self.address.at_or_after(from, |from| {
                memchr::memchr2_iter(b'@', b'.', &bytes[from..])
                    .map(|i| from + i)
                    .find(|&i| points_at_token(bytes, i))
            });
            let hint = match (punctuation, address) {
                (Some(p), Some(a)) => p.min(a),
                (p, a) => p.or(a)?,
            };
            // The word around the hint, not reaching back before `from`.
            let start = text[from..hint]
                .rfind(char::is_whitespace)
                .map_or(from, |i| {
                    from + i + text[from + i..].chars().next().map_or(1, char::len_utf8)
                });
            let end = self
                .word_end
                .at_or_after(hint, |hint| {
                    text[hint..].find(char::is_whitespace).map(|i| hint + i)
                })
                .unwrap_or(text.len());
            if let Some(token) = NOT_PROSE.find_at(&text[..end], start) {
                return Some(token.range());
            }
            from = end;
        }
        None
    }
}

/// Whether the byte at `i` (a `:`, `/`, `#`, `@` or `.`) is where a token of [`NOT_PROSE`]
/// could hold it, judged by its neighbours: every token holds a `:` before `/`, `:` or `\\`
/// (a scheme, a code path, a Windows drive), a `/` before a path character, a `#` before a
/// letter (a hashtag; an issue reference also holds a `/`), an `@` before a name character,
/// or the `.` right after `www` in any case. A colon ending a label ("Note:") or a time
/// ("9:30") is not, and its word is not searched.
fn points_at_token(bytes: &[u8], i: usize) -> bool {
    let next = bytes.get(i + 1).copied().unwrap_or(b' ');
    match bytes[i] {
        b':' => matches!(next, b'/' | b':' | b'\\'),
        b'/' => next.is_ascii_alphanumeric() || matches!(next, b'_' | b'.' | b'-'),
        b'#' => next.is_ascii_alphabetic(),
        b'@' => next.is_ascii_alphanumeric() || matches!(next, b'_' | b'-'),
        _ => i >= 3 && bytes[i - 3..i].eq_ignore_ascii_case(b"www"),
    }
}

/// The text inside a template comment (`{{!-- x --}}`, `{{! x }}`, `{# x #}`), if `tag` is one.
pub fn template_comment(tag: &str) -> Option<&str> {
    if let Some(inner) = tag.strip_prefix("{{!--") {
        return inner.strip_suffix("--}}");
    }
    if let Some(inner) = tag.strip_prefix("{{!") {
        return inner.strip_suffix("}}");
    }
    tag.strip_prefix("{#")?.strip_suffix("#}")
}

/// Where a URL, handle, path or code word really ends: trailing sentence punctuation and
/// closing quotes are prose, and a closing bracket belongs to the token only when it opened
/// one. Brackets are counted once
/// and each closing one trimmed is taken off the count, so a token ending in thousands of
/// `)` costs no more than its length.
pub(super) fn trim_token_end(token: &str) -> usize {
    let count = |b: u8| token.bytes().filter(|&t| t == b).count();
    let (open_parens, open_brackets) = (count(b'('), count(b'['));
    let (mut close_parens, mut close_brackets) = (count(b')'), count(b']'));
    let mut end = token.len();
    while let Some(c) = token[..end].chars().next_back() {
        let unbalanced_close = match c {
            ')' => open_parens < close_parens,
            ']' => open_brackets < close_brackets,
            _ => false,
        };
        let closing_quote = matches!(c, '\u{201d}' | '\u{2019}' | '\u{bb}');
        if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"')
            || closing_quote
            || unbalanced_close
        {
            end -= c.len_utf8();
            match c {
                ')' => close_parens -= 1,
                ']' => close_brackets -= 1,
                _ => {}
            }
        } else {
            break;
        }
    }
    end
}

/// The edits that normalize raw segment text: masked tokens become [`MASK`], white-space runs
/// become one space, and leading and trailing white space goes. Sorted and non-overlapping.
pub fn normalizing_edits(text: &str) -> Vec<Edit> {
    let masks = masked_tokens(text);
    let mut edits = Vec::with_capacity(masks.len());
    let mut masks = masks.into_iter().peekable();
    // Masks start and end with a character that is not white space, so each run of white
    // space lies wholly inside a mask or wholly outside all of them.
    for run in white_space_runs(text) {
        let before = std::iter::from_fn(|| masks.next_if(|m| m.start < run.start));
        edits.extend(before.map(|range| Edit {
            range: range.into(),
            replacement: MASK_STR,
        }));
        if edits.last().is_some_and(|e| run.end <= e.range.end) {
            continue; // inside the mask before it
        }
        if run.start == 0 || run.end == text.len() {
            edits.push(Edit {
                range: run.into(),
                replacement: "",
            });
        } else if &text[run.clone()] != " " {
            edits.push(Edit {
                range: run.into(),
                replacement: " ",
            });
        }
    }
    edits.extend(masks.map(|range| Edit {
        range: range.into(),
        replacement: MASK_STR,
    }));
    edits
}

/// The tokens to mask, sorted and apart: what [`not_prose`] finds, less a handle or a path
/// that is part of a word, with trailing punctuation trimmed; then the code words.
fn masked_tokens(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut masks = Vec::new();
    for found in not_prose(text) {
        let start = found.start;
        let token = &text[found];
        let starts_template = matches!(token.as_bytes().first(), Some(b'{' | b'*' | b'%' | b'<'));
        let after_word = text[..start].chars().next_back().is_some_and(is_word_char);
        let slash_led = token.starts_with('/') || token.starts_with('.') || token.starts_with('~');
        let handle = token.starts_with('@') || token.starts_with('#');
        if !starts_template && (handle || slash_led) && after_word {
            continue; // "and/or", "a@b", "C#" inside a word: not a handle or a path
        }
        let end = if starts_template {
            token.len()
        } else {
            trim_token_end(token)
        };
        if end == 0 || (slash_led && token[..end].trim_start_matches(['.', '~', '/']).is_empty()) {
            continue;
        }
        masks.push(start..start + end);
    }
    with_code_words(masks, super::code::code_words(text))
}

/// The tokens and the code words ([`super::code`]: options, man-page references, underscore
/// identifiers) together, sorted and apart. A code word takes the place of the tokens inside
/// it (`--url=https://…` is one option); one that a token straddles (`--name={{` of
/// `--name={{ x }}`) is left to the token.
fn with_code_words(
    tokens: Vec<std::ops::Range<usize>>,
    code_words: Vec<std::ops::Range<usize>>,
) -> Vec<std::ops::Range<usize>> {
    if code_words.is_empty() {
        return tokens;
    }
    let mut merged = Vec::with_capacity(tokens.len() + code_words.len());
    let mut next = 0;
    for word in code_words {
        while tokens.get(next).is_some_and(|t| t.end <= word.start) {
            merged.push(tokens[next].clone());
            next += 1;
        }
        let inside = tokens[next..]
            .iter()
            .take_while(|t| word.start <= t.start && t.end <= word.end)
            .count();
        let straddled = tokens
            .get(next + inside)
            .is_some_and(|t| t.start < word.end);
        if !straddled {
            next += inside;
            merged.push(word);
        }
    }
    merged.extend_from_slice(&tokens[next..]);
    merged
}

/// The runs of white space, sorted and apart: every run that may need an edit, and perhaps
/// some single spaces between words, which need none.
///
/// Prose is mostly printable ASCII words and single spaces, so the bytes are read eight at a
/// time, and a group of eight that is only that (see [`plain_group`]) is passed over whole;
/// the others are read a character at a time.
fn white_space_runs(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let white_at = |i: usize| text[i..].chars().next().filter(|c| c.is_whitespace());
    let mut i = 0;
    // The end of the group being read a character at a time.
    let mut group_end = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            // A space that starts the text is a run to trim, so the first group is never
            // passed over when it starts with one.
            if i >= group_end && (i > 0 || bytes[0] != b' ') {
                i = end_of_plain_groups(bytes, i);
                group_end = i + 8;
            }
            if matches!(bytes[i], b'!'..=b'~') {
                i += 1;
                continue;
            }
            let start = i;
            while let Some(c) = white_at(i) {
                i += c.len_utf8();
            }
            if i > start {
                return Some(start..i);
            }
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        }
        None
    })
}

/// Where the groups of eight bytes from `from` that [`plain_group`] passes end: the first
/// group that is not plain, or the last eight bytes or fewer, which are never judged whole.
fn end_of_plain_groups(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(window) = bytes.get(i..i + 9) {
        let group: [u8; 8] = window[..8].try_into().expect("eight bytes");
        let shifted: [u8; 8] = window[1..].try_into().expect("eight bytes");
        if !plain_group(group, shifted) {
            break;
        }
        i += 8;
    }
    i
}

/// Whether a group of eight bytes is only printable ASCII and spaces, where no space is
/// followed by another space, a control or a byte beyond ASCII (which may be white space);
/// `shifted` is the same group one byte on, so its last byte is the one after the group.
/// Bytewise arithmetic on 64-bit words, with one branch.
fn plain_group(group: [u8; 8], shifted: [u8; 8]) -> bool {
    let (x, next) = (u64::from_le_bytes(group), u64::from_le_bytes(shifted));
    (not_printable(x) | (spaces(x) & (spaces(next) | not_printable(next)))) == 0
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte below 0x20 or beyond ASCII; perhaps also of bytes after such a
/// byte (a borrow carries into them), which cannot make a group plain that is not.
fn not_printable(x: u64) -> u64 {
    (x.wrapping_sub(0x20 * ONES) | x) & HIGH
}

/// The high bit of each byte that is a space, exactly.
fn spaces(x: u64) -> u64 {
    let y = x ^ (0x20 * ONES);
    !(((y & !HIGH).wrapping_add(!HIGH)) | y | !HIGH)
}

/// [`crate::document::MASK`] as a string, for edits.
const MASK_STR: &str = "\u{FFFC}";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{random_texts, xorshift};

    fn masked(text: &str) -> Vec<&str> {
        normalizing_edits(text)
            .into_iter()
            .filter(|e| e.replacement == MASK_STR)
            .map(|e| &text[e.range.range()])
            .collect()
    }

    /// The regular expression the tag scanner replaced: what it must find.
    const TEMPLATE_TAG: &str = r#"
          \{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}
        | \{\{!--.*?--\}\}
        | \{\{\{(?:[^<]|<[^A-Za-z/!])*?\}\}\}
        | \{\{(?:[^<]|<[^A-Za-z/!])*?\}\}
        | \{%(?:[^<]|<[^A-Za-z/!])*?%\}
        | \{\#(?:[^<]|<[^A-Za-z/!])*?\#\}
        | \*\|[^|<]*?\|\*
        | %%\[.*?\]%%
        | %%=.*?=%%
        | <%.*?%>
    "#;

    #[test]
    fn the_tag_scanner_finds_what_the_regular_expression_did() {
        let tags = Regex::new(&format!("(?xs){TEMPLATE_TAG}")).unwrap();
        let not_prose = Regex::new(&format!("(?xs){TEMPLATE_TAG} | {OTHER_TOKENS}")).unwrap();
        const PIECES: &[&str] = &[
            "{{",
            "}}",
            "{{{",
            "}}}",
            "{{!--",
            "--}}",
            "{%",
            "%}",
            "{%-",
            "-%}",
            "{#",
            "#}",
            "{% comment %}",
            "{%- endcomment -%}",
            "{%comment%}",
            "{% endcomment %}",
            "*|",
            "|*",
            "|",
            "%%[",
            "]%%",
            "%%=",
            "=%%",
            "<%",
            "%>",
            "<",
            "<b>",
            "</",
            "<!",
            "< ",
            "<<",
            "<\u{e9}",
            "{",
            "}",
            "%",
            "*",
            "#",
            "-",
            "x",
            " ",
            "\n",
            "\u{3000}",
            "\u{e9}",
            "http://a.b/",
            "a@b.co",
            "www.",
            "/usr",
            "a::b",
            "#x",
            "@me",
            "C:\\x",
            "o/r#1",
            // Word edges and the bytes that point at a token, in every combination.
            "WwW.",
            "w",
            ".",
            ":",
            "/",
            "@",
            "a",
            "\u{a0}",
            "\u{2028}",
            "\t",
        ];
        for text in random_texts(PIECES, 14, 20_000, 0x2545_F491_4F6C_DD1D) {
            let expected: Vec<_> = tags.find_iter(&text).map(|m| m.range()).collect();
            assert_eq!(template_tags(&text), expected, "tags of {text:?}");
            let expected: Vec<_> = not_prose.find_iter(&text).map(|m| m.range()).collect();
            assert_eq!(super::not_prose(&text), expected, "tokens of {text:?}");
        }
    }

    #[test]
    fn tags_that_never_close_are_read_in_linear_time() {
        // With one regular expression, each of these took time quadratic in its length:
        // every token found had to wait for a tag opened before it (a comment block, a
        // Handlebars comment, a triple-stash, an ERB tag) to run unclosed to the end.
        for unit in [
            "{% comment %} x ",
            "{{!a/b.c ",
            "{%-a/b.c ",
            "{{{{{ name }}\n",
            "<% {{a}} ",
        ] {
            let text = unit.repeat(50_000);
            let masked = normalizing_edits(&text)
                .iter()
                .filter(|e| e.replacement == MASK_STR)
                .count();
            assert!(masked >= 50_000, "{unit:?}: {masked}");
        }
    }

    #[test]
    fn words_that_only_look_like_tokens_are_read_in_linear_time() {
        // Each word below holds a byte that may start a token, and none is one, until the
        // address at the end: the search for `@` and `www.` must not start again per word.
        for (unit, last) in [
            ("Note: ", "hi@acme.io"),
            ("a.b ", "www.acme.io"),
            ("x:", "@me"),
        ] {
            let text = unit.repeat(200_000) + " " + last;
            assert_eq!(masked(&text), [last], "{unit:?}");
        }
        let one_word = "a.".repeat(300_000) + "@";
        assert!(masked(&one_word).is_empty());
    }

    #[test]
    fn one_word_of_many_tokens_is_read_in_linear_time() {
        // Every token of a word used to search on to the word's end: quadratic in its length.
        // Their tokens are those the expression finds over the whole text.
        for unit in ["#f50", "</b>", "<a@b.co>"] {
            let text = unit.repeat(100_000);
            let expected: Vec<_> = NOT_PROSE.find_iter(&text).map(|m| m.range()).collect();
            assert!(!expected.is_empty(), "{unit:?}");
            assert_eq!(not_prose(&text), expected, "{unit:?}");
        }
    }

    #[test]
    fn template_tags_of_every_engine_are_masked() {
        let text = "Hi {{ first_name }}, {{{ raw }}} {% if x %} {# note #} *|FNAME|* \
                    %%[ set @a = 1 ]%% %%=v(@a)=%% <%= user %>";
        assert_eq!(
            masked(text),
            [
                "{{ first_name }}",
                "{{{ raw }}}",
                "{% if x %}",
                "{# note #}",
                "*|FNAME|*",
                "%%[ set @a = 1 ]%%",
                "%%=v(@a)=%%",
                "<%= user %>"
            ]
        );
    }

    #[test]
    fn urls_emails_paths_and_handles_are_masked_without_trailing_punctuation() {
        let text = "See https://example.com/a_(b). Mail hi@acme.io, ping @acme_team, \
                    open ./src/main.rs or /usr/bin and docs/guide.md (www.acme.com).";
        assert_eq!(
            masked(text),
            [
                "https://example.com/a_(b)",
                "hi@acme.io",
                "@acme_team",
                "./src/main.rs",
                "/usr/bin",
                "docs/guide.md",
                "www.acme.com"
            ]
        );
        // A bare address in any case, with nothing else in the text that looks like a token.
        assert_eq!(masked("Www.acme.com opens today"), ["Www.acme.com"]);
    }

    #[test]
    fn unbalanced_closing_brackets_are_trimmed_in_linear_time() {
        assert_eq!(trim_token_end("http://a/(b))]."), "http://a/(b)".len());
        assert_eq!(trim_token_end("http://a/[b]])"), "http://a/[b]".len());
        // Counting the brackets again for each one trimmed made this quadratic.
        let token = format!("http://a/({}", ")".repeat(200_000));
        assert_eq!(trim_token_end(&token), "http://a/()".len());
    }

    #[test]
    fn code_paths_hashtags_and_issue_references_are_masked() {
        assert_eq!(
            masked(
                "implements serde::Serializer in #rust-questions, see serde-rs/serde#812 and C# 9"
            ),
            ["serde::Serializer", "#rust-questions", "serde-rs/serde#812"]
        );
    }

    #[test]
    fn options_man_references_and_underscore_identifiers_are_masked_whole() {
        assert_eq!(
            masked("Run acme-sync(1) --acme-mode=fast on acme_config, not --url=https://a.io/x_y."),
            [
                "acme-sync(1)",
                "--acme-mode=fast",
                "acme_config",
                "--url=https://a.io/x_y"
            ]
        );
        let text = "Try -G<regex>, then (git-log(1)) and \u{201c}serde_json\u{201d}.";
        assert_eq!(masked(text), ["-G<regex>", "git-log(1)", "serde_json"]);
        assert_eq!(masked("Set --name={{ x }} now"), ["{{ x }}"]);
    }

    #[test]
    fn code_words_are_read_in_linear_time() {
        for (unit, words) in [("a_", 1), ("x(1)", 0), ("-a ", 100_000), ("a-b ", 0)] {
            let text = unit.repeat(100_000);
            assert_eq!(masked(&text).len(), words, "{unit:?}");
        }
    }

    #[test]
    fn words_with_slashes_and_names_with_dots_stay_prose() {
        assert!(masked("and/or TCP/IP client/server crates.io Node.js e.g. 3.5/5").is_empty());
    }

    #[test]
    fn template_tags_are_found_and_comments_opened() {
        let source = "{{!-- brandlint-disable --}} a {# note #} b {{ x }} {{ broken <b>x</b> }}";
        let tags: Vec<_> = template_tags(source)
            .into_iter()
            .map(|r| &source[r])
            .collect();
        assert_eq!(
            tags,
            ["{{!-- brandlint-disable --}}", "{# note #}", "{{ x }}"]
        );
        assert_eq!(template_comment(tags[0]), Some(" brandlint-disable "));
        assert_eq!(template_comment(tags[1]), Some(" note "));
        assert_eq!(template_comment(tags[2]), None);
    }

    /// Normalizing edits by their definition, one character at a time: masked tokens, then
    /// each run of white space outside them that is at an edge or is not a single space.
    fn edits_char_by_char(text: &str) -> Vec<(std::ops::Range<usize>, &'static str)> {
        let masks = masked_tokens(text);
        let mut edits: Vec<_> = masks.iter().map(|m| (m.clone(), MASK_STR)).collect();
        let mut run: Option<usize> = None;
        for (i, c) in text.char_indices().chain([(text.len(), 'x')]) {
            let masked = masks.iter().any(|m| m.contains(&i));
            match (run, c.is_whitespace() && !masked && i < text.len()) {
                (None, true) => run = Some(i),
                (Some(start), false) => {
                    run = None;
                    if start == 0 || i == text.len() {
                        edits.push((start..i, ""));
                    } else if &text[start..i] != " " {
                        edits.push((start..i, " "));
                    }
                }
                _ => {}
            }
        }
        edits.sort_by_key(|(range, _)| range.start);
        edits
    }

    #[test]
    fn white_space_runs_are_found_as_a_walk_over_every_character_finds_them() {
        const PIECES: &[&str] = &[
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "\x0b",
            "\x0c",
            "\u{a0}",
            "\u{85}",
            "\u{1680}",
            "\u{2003}",
            "\u{2028}",
            "\u{202f}",
            "\u{3000}",
            "\u{201c}",
            "\u{2014}",
            "\u{e9}",
            "\u{3042}",
            "\u{1f600}",
            "word",
            "x",
            "{{ a  b }}",
            "{% if\tx %}",
            "http://a.b/c",
            "a@b.co",
            "/usr/bin",
            ".",
            ")",
        ];
        for text in random_texts(PIECES, 12, 20_000, 0x9E37_79B9_7F4A_7C15) {
            let edits: Vec<_> = normalizing_edits(&text)
                .into_iter()
                .map(|e| (e.range.range(), e.replacement))
                .collect();
            assert_eq!(edits, edits_char_by_char(&text), "edits of {text:?}");
        }
    }

    #[test]
    fn plain_groups_are_told_apart_bytewise() {
        const BYTES: &[u8] = &[
            0x00, 0x09, 0x0a, 0x0b, 0x1f, 0x20, 0x21, 0x41, 0x7e, 0x7f, 0x80, 0xa0, 0xc2, 0xff,
        ];
        let mut next = xorshift(0x2545_F491_4F6C_DD1D);
        for _ in 0..200_000 {
            let bits = next();
            let window: [u8; 9] =
                std::array::from_fn(|k| BYTES[(bits >> (k * 4)) as usize % BYTES.len()]);
            let printable = |b: u8| (0x20..0x80).contains(&b);
            let expected = window[..8].iter().all(|&b| printable(b))
                && !window
                    .windows(2)
                    .any(|pair| pair[0] == b' ' && (pair[1] == b' ' || !printable(pair[1])));
            let group = window[..8].try_into().unwrap();
            let shifted = window[1..].try_into().unwrap();
            assert_eq!(plain_group(group, shifted), expected, "{window:x?}");
        }
    }

    #[test]
    fn white_space_folds_and_edges_trim() {
        let edits = normalizing_edits(" a \n b  c\u{a0}");
        let summary: Vec<_> = edits
            .iter()
            .map(|e| (e.range.range(), e.replacement))
            .collect();
        assert_eq!(summary, [(0..1, ""), (2..5, " "), (6..8, " "), (9..11, "")]);
    }
}
