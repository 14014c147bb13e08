//! Text from files, file names and rules files made safe to print on a terminal: an escape
//! sequence in any of them could retitle the window, move the cursor or hide text, so
//! control characters are never printed as they are.

use std::borrow::Cow;

/// Text for a terminal: every control character but tab and line break written as U+FFFD,
/// as the Checkstyle format writes the characters XML cannot hold.
pub fn printable(text: &str) -> Cow<'_, str> {
    let is_unsafe = |c: char| c.is_control() && c != '\t' && c != '\n';
    if text.contains(is_unsafe) {
        text.replace(is_unsafe, "\u{FFFD}").into()
    } else {
        text.into()
    }
}

/// A file's text as a snippet shows it: every control character but tab and line breaks (a
/// carriage return alone included) written `?`, one byte for each byte it takes (`??` for a
/// C1 control, two bytes in UTF-8), so every byte offset and line stays where it was.
/// Borrowed when there is none, as in nearly every file.
pub fn printable_source(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let is_control_at = |i: usize| match bytes[i] {
        b'\t' | b'\n' => false,
        b'\r' => bytes.get(i + 1) != Some(&b'\n'),
        b if b < 0x20 || b == 0x7f => true,
        0xc2 => bytes.get(i + 1).is_some_and(|b| (0x80..=0x9f).contains(b)),
        _ => false,
    };
    if !(0..bytes.len()).any(is_control_at) {
        return text.into();
    }
    let mut shown = bytes.to_vec();
    let mut i = 0;
    while i < bytes.len() {
        if is_control_at(i) {
            let width = if bytes[i] == 0xc2 { 2 } else { 1 };
            shown[i..i + width].fill(b'?');
            i += width;
        } else {
            i += 1;
        }
    }
    String::from_utf8(shown)
        .expect("only whole characters were replaced, by ASCII")
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_replaced_and_offsets_kept() {
        assert_eq!(
            printable("a\u{1b}[2J\tb\nc\r"),
            "a\u{FFFD}[2J\tb\nc\u{FFFD}"
        );
        assert!(matches!(printable("plain café"), Cow::Borrowed(_)));
        let text = "a\u{1b}]0;x\u{7}\r\n\u{85}é\rz\u{7f}";
        let shown = printable_source(text);
        assert_eq!(shown, "a?]0;x?\r\n??é?z?");
        assert_eq!(shown.len(), text.len());
        assert!(matches!(printable_source("a\r\nb\tc"), Cow::Borrowed(_)));
    }
}
