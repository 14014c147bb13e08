//! Text that is never prose even where it stands inside prose: template tags of every common
//! engine, URLs, e-mail addresses, file paths and @handles. Each is masked as one neutral
//! word, and runs of white space fold to one space, so every reader shares one definition.

use std::sync::LazyLock;

use regex::Regex;

use crate::document::Edit;

/// Template tags of every common engine. A `<` inside a tag is allowed only where it cannot
/// start markup (`{% if a < 4 %}`), so an unclosed `{{` in code cannot swallow the markup and
/// prose after it. Comment blocks are masked whole, whatever they hold.
const TEMPLATE_TAG: &str = r#"
          \{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}   # Liquid, Django comment blocks
        | \{\{!--.*?--\}\}               # Handlebars block comments
        | \{\{\{(?:[^<]|<[^A-Za-z/!])*?\}\}\}   # Handlebars triple-stash
        | \{\{(?:[^<]|<[^A-Za-z/!])*?\}\}     # Handlebars, Mustache, Liquid, Jinja output
        | \{%(?:[^<]|<[^A-Za-z/!])*?%\}       # Liquid, Jinja, Django statements
        | \{\#(?:[^<]|<[^A-Za-z/!])*?\#\}     # Jinja, Django comments
        | \*\|[^|<]*?\|\*               # Mailchimp merge tags
        | %%\[.*?\]%%                  # AMPscript blocks
        | %%=.*?=%%                    # AMPscript inline
        | <%.*?%>                      # ERB, EJS
"#;

/// Template tags alone, for readers that mask them before parsing markup.
static TEMPLATE_TAGS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("(?xs){TEMPLATE_TAG}")).expect("the template pattern is valid")
});

/// Template tags first (they may hold anything), then the tokens that look like words but
/// are addresses. Alternation is leftmost-first, so the order matters where two could match.
static NOT_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?xs)
          {TEMPLATE_TAG}
        | (?i:[a-z][a-z0-9+.\-]*://)[^\s<>"'`]+   # URLs with a scheme
        | (?i:www\.)[^\s<>"'`]+        # bare www. addresses
        | (?-u:[A-Za-z0-9._%+\-])+@(?-u:[A-Za-z0-9\-])+(?:\.(?-u:[A-Za-z0-9\-])+)+   # e-mail
        | (?-u:[A-Za-z0-9_.\-])+/(?-u:[A-Za-z0-9_.\-])+\#[0-9]+  # owner/repo#123 references
        | @(?-u:[A-Za-z0-9_])(?-u:[A-Za-z0-9_\-])*  # @handles (checked: not after a word)
        | \#(?-u:[A-Za-z])(?-u:[A-Za-z0-9_\-])*    # #hashtags and #channels (same check)
        | (?-u:[A-Za-z_])(?-u:[A-Za-z0-9_])*(?:::(?-u:[A-Za-z_])(?-u:[A-Za-z0-9_])*)+  # code paths: serde::Serialize
        | (?:~|\.{{1,2}})?/(?-u:[A-Za-z0-9_.\-])+(?:/(?-u:[A-Za-z0-9_.\-])*)*  # absolute and ./ paths
        | (?-u:[A-Za-z0-9_\-])+(?:/(?-u:[A-Za-z0-9_.\-])+)*/(?-u:[A-Za-z0-9_\-])+\.(?-u:[A-Za-z0-9]){{1,8}}  # dir/file.ext
        | (?-u:[A-Za-z]):\\[^\s]+      # Windows paths
        "#
    ))
    .expect("the masking pattern is valid")
});

/// The byte ranges of every template tag in `source`, in order.
pub fn template_tags(source: &str) -> Vec<std::ops::Range<usize>> {
    if !source.bytes().any(|b| matches!(b, b'{' | b'|' | b'%')) {
        return Vec::new();
    }
    TEMPLATE_TAGS.find_iter(source).map(|m| m.range()).collect()
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

/// Every masked token holds one of these bytes or starts with `www.`; most prose holds
/// none, and then the regex need not run at all.
fn may_hold_non_prose(text: &str) -> bool {
    text.bytes().any(|b| {
        matches!(
            b,
            b'{' | b'|' | b'%' | b'<' | b'@' | b'/' | b'\\' | b'#' | b':'
        )
    }) || text.contains("www.")
        || text.contains("WWW.")
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Where a URL, handle or path really ends: trailing sentence punctuation is prose, and a
/// closing bracket belongs to the token only when it opened one. Brackets are counted once
/// and each closing one trimmed is taken off the count, so a token ending in thousands of
/// `)` costs no more than its length.
fn trim_token_end(token: &str) -> usize {
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
        if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"') || unbalanced_close {
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
    let mut masks: Vec<std::ops::Range<usize>> = Vec::new();
    let scan = may_hold_non_prose(text).then(|| NOT_PROSE.find_iter(text));
    for m in scan.into_iter().flatten() {
        let token = m.as_str();
        let starts_template = matches!(token.as_bytes().first(), Some(b'{' | b'*' | b'%' | b'<'));
        let after_word = text[..m.start()]
            .chars()
            .next_back()
            .is_some_and(is_word_char);
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
        masks.push(m.start()..m.start() + end);
    }

    let mut edits = Vec::new();
    let mut masks = masks.into_iter().peekable();
    // One pass over the bytes: ASCII is judged byte by byte, and only non-ASCII characters
    // are decoded (prose is mostly ASCII, and this runs on every segment).
    let char_at = |i: usize| -> (bool, usize) {
        match text.as_bytes()[i] {
            b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' => (true, 1),
            b if b < 0x80 => (false, 1),
            _ => text[i..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
        }
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        if let Some(mask) = masks.next_if(|m| m.start <= i) {
            i = mask.end.max(i + 1);
            edits.push(Edit {
                range: mask,
                replacement: MASK_STR,
            });
            continue;
        }
        // Most bytes are ASCII and not white space: skip them in a tight loop, up to the
        // next mask.
        let limit = masks.peek().map_or(text.len(), |m| m.start);
        while i < limit && bytes[i] > b' ' && bytes[i] < 0x80 {
            i += 1;
        }
        if i >= limit {
            continue;
        }
        // One space between words stays as it is.
        if bytes[i] == b' ' && i > 0 && bytes.get(i + 1).is_some_and(|&b| b > b' ' && b < 0x80) {
            i += 1;
            continue;
        }
        let (white, len) = char_at(i);
        if !white {
            i += len;
            continue;
        }
        let start = i;
        i += len;
        while i < text.len() {
            let (white, len) = char_at(i);
            if !white {
                break;
            }
            i += len;
        }
        if start == 0 || i == text.len() {
            edits.push(Edit {
                range: start..i,
                replacement: "",
            });
        } else if &text[start..i] != " " {
            edits.push(Edit {
                range: start..i,
                replacement: " ",
            });
        }
    }
    edits
}

/// [`crate::document::MASK`] as a string, for edits.
const MASK_STR: &str = "\u{FFFC}";

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str) -> Vec<&str> {
        normalizing_edits(text)
            .into_iter()
            .filter(|e| e.replacement == MASK_STR)
            .map(|e| &text[e.range])
            .collect()
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

    #[test]
    fn white_space_folds_and_edges_trim() {
        let edits = normalizing_edits(" a \n b  c\u{a0}");
        let summary: Vec<_> = edits
            .iter()
            .map(|e| (e.range.clone(), e.replacement))
            .collect();
        assert_eq!(summary, [(0..1, ""), (2..5, " "), (6..8, " "), (9..11, "")]);
    }
}
