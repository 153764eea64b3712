//! Making text safe to put on a terminal. Article text can carry control characters and whole
//! escape sequences lifted from web pages; printed verbatim they could retitle the window,
//! clear the screen or write to the clipboard. Every sequence is replaced by one visible
//! placeholder so the reader sees that something was there.

use std::borrow::Cow;

/// Shown where an escape sequence was.
pub const ESCAPE_PLACEHOLDER: char = '␛';
/// Shown where a C1 control character was.
pub const C1_PLACEHOLDER: char = '\u{FFFD}';

/// True for characters that must never reach a terminal as they are.
pub fn is_unsafe(c: char) -> bool {
    matches!(c, '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}') || bidi_name(c).is_some()
}

fn bidi_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{202a}' => "LRE",
        '\u{202b}' => "RLE",
        '\u{202c}' => "PDF",
        '\u{202d}' => "LRO",
        '\u{202e}' => "RLO",
        '\u{2066}' => "LRI",
        '\u{2067}' => "RLI",
        '\u{2068}' => "FSI",
        '\u{2069}' => "PDI",
        _ => return None,
    })
}

/// One line of text made safe for the terminal: escape sequences become `␛`, other control
/// characters their visible pictures (`␇` for BEL), C1 controls `�`, tabs a space and
/// bidirectional overrides a bracketed name (`[RLO]`). Borrows when there is nothing to change.
pub fn sanitise(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => {
                skip_escape(&mut chars);
                out.push(ESCAPE_PLACEHOLDER);
            }
            '\u{9b}' => {
                skip_csi(&mut chars);
                out.push(C1_PLACEHOLDER);
            }
            '\u{90}' | '\u{9d}' | '\u{98}' | '\u{9e}' | '\u{9f}' => {
                skip_string(&mut chars);
                out.push(C1_PLACEHOLDER);
            }
            '\t' => out.push(' '),
            '\0'..='\u{1f}' => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or(C1_PLACEHOLDER))
            }
            '\u{7f}' => out.push('␡'),
            '\u{80}'..='\u{9f}' => out.push(C1_PLACEHOLDER),
            _ => match bidi_name(c) {
                Some(name) => {
                    out.push('[');
                    out.push_str(name);
                    out.push(']');
                }
                None => out.push(c),
            },
        }
    }
    Cow::Owned(out)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Skips what follows an ESC: a CSI, OSC, DCS (and the other string sequences) or a short
/// two- or three-character sequence.
fn skip_escape(chars: &mut Chars) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        Some(' '..='/') => {
            // intermediates, then one final character
            while matches!(chars.peek(), Some(' '..='/')) {
                chars.next();
            }
            if matches!(chars.peek(), Some('0'..='~')) {
                chars.next();
            }
        }
        Some('0'..='~') => {
            chars.next();
        }
        _ => {}
    }
}

/// Parameters and intermediates up to a final byte in `@`..`~`.
fn skip_csi(chars: &mut Chars) {
    while let Some(&c) = chars.peek() {
        if ('\u{20}'..='\u{3f}').contains(&c) {
            chars.next();
        } else {
            if ('@'..='~').contains(&c) {
                chars.next();
            }
            return;
        }
    }
}

/// A string sequence ends at BEL, ESC \ or the C1 string terminator.
fn skip_string(chars: &mut Chars) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            sanitise("Korea Utara “kutipan” 한국 🇮🇩"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn escape_sequences_become_one_placeholder() {
        assert_eq!(sanitise("a\u{1b}[2Jb"), "a␛b");
        assert_eq!(sanitise("a\u{1b}]0;pwned\u{7}b"), "a␛b");
        assert_eq!(sanitise("a\u{1b}]52;c;aGVsbG8=\u{1b}\\b"), "a␛b");
        assert_eq!(sanitise("a\u{1b}P1$r\u{1b}\\b"), "a␛b");
        assert_eq!(sanitise("a\u{1b}cb"), "a␛b");
        assert_eq!(sanitise("a\u{1b}(Bb"), "a␛b");
        assert_eq!(sanitise("a\u{9b}31mb"), "a\u{FFFD}b");
        assert_eq!(sanitise("unterminated \u{1b}]0;title"), "unterminated ␛");
    }

    #[test]
    fn control_characters_become_pictures() {
        assert_eq!(
            sanitise("bel\u{7} bs\u{8} del\u{7f} nul\0"),
            "bel␇ bs␈ del␡ nul␀"
        );
        assert_eq!(sanitise("tab\there"), "tab here");
        assert_eq!(sanitise("c1\u{85}x"), "c1\u{FFFD}x");
    }

    #[test]
    fn bidi_overrides_are_named() {
        assert_eq!(sanitise("abc\u{202e}def\u{2069}"), "abc[RLO]def[PDI]");
    }
}
