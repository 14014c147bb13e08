//! Where an `import` or `export` block ends. MDX ends one at a blank line where its
//! JavaScript is complete; markdown-rs asks a parser whether it is. Brandlint needs no
//! JavaScript parser, only to know that the code is not prose: a block is complete once
//! its brackets are balanced outside strings, template literals and comments, so an
//! object literal with a blank line in it stays code.

use ::markdown::MdxSignal;

/// What markdown-rs is told of the code of an ESM block read so far.
pub fn signal(code: &str) -> MdxSignal {
    if is_complete(code) {
        MdxSignal::Ok
    } else {
        MdxSignal::Eof(
            "Unexpected end of file in ESM".into(),
            Box::new("brandlint".into()),
            Box::new("esm".into()),
        )
    }
}

/// Whether every bracket, string, template literal and block comment of `code` is closed.
fn is_complete(code: &str) -> bool {
    /// What the scanner is inside: code (a bracket, or `${` of a template), a template
    /// literal, a string or a block comment.
    #[derive(Clone, Copy, PartialEq)]
    enum In {
        Bracket(u8),
        Template,
        Quote(u8),
        Comment,
    }
    let bytes = code.as_bytes();
    let mut stack: Vec<In> = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let next = bytes.get(i + 1).copied();
        match (stack.last().copied(), b) {
            (Some(In::Comment), b'*') if next == Some(b'/') => {
                stack.pop();
                i += 1;
            }
            (Some(In::Comment), _) => {}
            (Some(In::Quote(_) | In::Template), b'\\') => i += 1,
            (Some(In::Quote(q)), _) if b == q || b == b'\n' => {
                stack.pop();
            }
            (Some(In::Quote(_)), _) => {}
            (Some(In::Template), b'`') => {
                stack.pop();
            }
            (Some(In::Template), b'$') if next == Some(b'{') => {
                stack.push(In::Bracket(b'}'));
                i += 1;
            }
            (Some(In::Template), _) => {}
            (_, b'/') if next == Some(b'/') => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
            }
            (_, b'/') if next == Some(b'*') => {
                stack.push(In::Comment);
                i += 1;
            }
            (_, b'"' | b'\'') => stack.push(In::Quote(b)),
            (_, b'`') => stack.push(In::Template),
            (_, b'{') => stack.push(In::Bracket(b'}')),
            (_, b'[') => stack.push(In::Bracket(b']')),
            (_, b'(') => stack.push(In::Bracket(b')')),
            (Some(In::Bracket(close)), _) if b == close => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    stack.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_is_complete_when_its_brackets_close_outside_strings_and_comments() {
        assert!(is_complete("import X from 'y'"));
        assert!(is_complete("export const a = { b: \"}\", c: `${d}` } // {"));
        assert!(!is_complete("export const meta = {\n  brand: 'Github',"));
        assert!(!is_complete("export const a = `x ${ {"));
        assert!(!is_complete("export const a = 1 /* open"));
    }
}
