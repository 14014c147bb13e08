//! `voice/emoji`: emoji in prose. With `emoji = "deny"` every emoji is a finding; with a
//! number (`emoji = 2`, or `emoji = { max = 2 }`) each emoji past that many in a document
//! is; `"allow"` lets them be.
//!
//! ## Why
//! Emoji set a tone: playful in a community post, out of place in a receipt or a security
//! notice. The brand decides, per channel or per folder with `[[override]]`.
//!
//! ## Example
//! With `emoji = "deny"`, "Your order shipped 🚀" is flagged at "🚀"; with `emoji = 1`,
//! "Welcome 👋 Enjoy 🎉" is flagged at "🎉" only.
//!
//! ## Options
//! - `emoji`: `allow`, `deny`, or the most per document.
//!
//! An emoji is one user-perceived character: a family joined with zero-width joiners
//! ("👩‍👩‍👧"), a flag ("🇫🇷"), a keycap ("1️⃣") or a skin tone counts once, its span covering
//! the whole sequence. Symbols that are text by default ("©", "®", "™", "↔") count only
//! when followed by the emoji presentation selector (U+FE0F).

use std::ops::Range;

use unicode_properties::emoji::EmojiStatus;
use unicode_properties::UnicodeEmoji;
use unicode_segmentation::UnicodeSegmentation;

use super::VoiceContext;
use crate::config::schema::EmojiPolicy;
use crate::document::MASK;
use crate::model::{Finding, TextRange};

/// Flags emoji past what the policy allows.
pub fn check(context: &VoiceContext<'_>, findings: &mut Vec<Finding>) {
    let allowed = match context.settings.emoji {
        Some(EmojiPolicy::Allow) | None => return,
        Some(EmojiPolicy::Deny) => 0,
        Some(EmojiPolicy::Max(max)) => max,
    };
    let mut seen = 0;
    for segment in context.segments() {
        for range in emoji(&segment.text) {
            let range = TextRange::from(range);
            if !context.in_scope(segment, range) {
                continue;
            }
            seen += 1;
            if seen > allowed {
                let message = if allowed == 0 {
                    format!(
                        "Emoji \"{}\": the brand writes without emoji",
                        &segment.text[range.range()]
                    )
                } else {
                    format!("Emoji {seen} in this document: use at most {allowed}")
                };
                findings.extend(context.finding(segment, range, message, None));
            }
        }
    }
}

/// Every emoji in a text, as the byte range of its whole grapheme cluster.
pub fn emoji(text: &str) -> Vec<Range<usize>> {
    // Every emoji holds a character from U+20E3 (the keycap mark) up, other than the mask:
    // most prose, even with curly quotes, dashes, accents or masked code, needs no grapheme
    // walk.
    if text.is_ascii() || !text.chars().any(|c| c >= '\u{20E3}' && c != MASK) {
        return Vec::new();
    }
    emoji_graphemes(text)
}

/// Every emoji in a text, found by walking all its grapheme clusters.
fn emoji_graphemes(text: &str) -> Vec<Range<usize>> {
    text.grapheme_indices(true)
        .filter(|(_, grapheme)| is_emoji(grapheme))
        .map(|(at, grapheme)| at..at + grapheme.len())
        .collect()
}

/// Whether a grapheme cluster shows as an emoji: it holds a character drawn as emoji by
/// default, or an emoji character asked to be drawn so (U+FE0F), or it is a keycap.
fn is_emoji(grapheme: &str) -> bool {
    let presentation_selected = grapheme.contains('\u{FE0F}') || grapheme.contains('\u{20E3}');
    // Below U+231A (⌚) every emoji character is text by default: only a selector makes it
    // an emoji, so most punctuation (quotes, dashes) needs no table look-up.
    if !presentation_selected && grapheme.chars().all(|c| c < '\u{231A}') {
        return false;
    }
    grapheme.chars().any(|c| {
        matches!(
            c.emoji_status(),
            EmojiStatus::EmojiPresentation
                | EmojiStatus::EmojiPresentationAndModifierBase
                | EmojiStatus::EmojiPresentationAndEmojiComponent
                | EmojiStatus::EmojiPresentationAndModifierAndEmojiComponent
        ) || (presentation_selected && c.is_emoji_char())
    })
}

#[cfg(test)]
mod tests {
    use super::{emoji, emoji_graphemes};
    use crate::document::MASK;

    fn found(text: &str) -> Vec<&str> {
        emoji(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn sequences_count_once() {
        let family = "👩\u{200D}👩\u{200D}👧";
        let text = format!("Hi {family} from 🇫🇷 and 1\u{FE0F}\u{20E3} 👍🏽!");
        assert_eq!(found(&text), vec![family, "🇫🇷", "1\u{FE0F}\u{20E3}", "👍🏽"]);
    }

    #[test]
    fn text_symbols_are_not_emoji_unless_selected() {
        assert!(found("Acme™ and © 2024, A ↔ B, 3 # 4").is_empty());
        assert_eq!(found("I ❤\u{FE0F} it"), vec!["❤\u{FE0F}"]);
        assert!(found("I ❤ it").is_empty());
    }

    #[test]
    fn no_character_below_the_keycap_mark_nor_the_mask_makes_an_emoji() {
        let characters = ('\u{80}'..'\u{20E3}').chain([MASK]);
        for c in characters {
            let text = format!("x{c} {c}{c}1{c}");
            assert!(emoji_graphemes(&text).is_empty(), "{:?}", c);
            assert!(emoji(&text).is_empty());
        }
    }
}
