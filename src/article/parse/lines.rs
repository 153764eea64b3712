//! The file as lines: each trimmed, its spaces made plain and its entities decoded, with
//! what the parse decides about it; hard-wrapped lines joined back into paragraphs.

use crate::article::Removed;

/// One line of the file, and what became of it.
pub(super) struct Slot<'r> {
    /// The trimmed line as written, when that differs from `clean` (most lines are plain, and
    /// keep one copy).
    pub written: Option<String>,
    /// The line with white space made plain (tabs, no-break spaces, runs of spaces).
    pub clean: String,
    /// `None` while the line is body text; the rule's name once a rule took it (names of
    /// rules from the rules file are borrowed from it).
    pub rule: Option<&'r str>,
    /// A prefix (dateline) taken off the front of a body line.
    pub head: Option<Removed>,
    /// A tag taken off the end of a body line.
    pub tail: Option<Removed>,
    /// A blank line follows this one in the file.
    pub blank_after: bool,
    /// The file's first line, set off by a blank line and shaped like a title.
    pub title_line: bool,
    /// The line starts with an indent (two spaces or a tab), as a new paragraph does in text
    /// that is wrapped by hand.
    pub indented: bool,
    /// Inline boilerplate cut out of the line, in order.
    pub cuts: Vec<Removed>,
}

impl Slot<'_> {
    pub fn is_body(&self) -> bool {
        self.rule.is_none()
    }

    /// The trimmed line as written.
    pub fn original(&self) -> &str {
        self.written.as_deref().unwrap_or(&self.clean)
    }
}

/// The file's non-blank lines, trimmed, each with its spaces made plain.
pub(super) fn split_lines(text: &str) -> Vec<Slot<'static>> {
    let mut slots: Vec<Slot> =
        Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    let mut blank_since_last = false;
    for line in line_iter(text) {
        let indented = line.starts_with("  ") || line.starts_with('\t');
        let original = trim_space(line);
        if original.is_empty() {
            blank_since_last = true;
            continue;
        }
        let (clean, changed) = match decode_entities(original) {
            std::borrow::Cow::Borrowed(line) => match clean_spaces(line) {
                Some(cleaned) => (cleaned, true),
                None => (line.to_string(), false),
            },
            std::borrow::Cow::Owned(decoded) => {
                let cleaned = clean_spaces(&decoded).unwrap_or(decoded);
                let changed = cleaned != original;
                (cleaned, changed)
            }
        };
        // A line that shows nothing ("&#2;" before a wire story, a lone zero-width space)
        // is a blank line: it neither starts the text nor joins a title.
        if shows_nothing(&clean) {
            blank_since_last = true;
            continue;
        }
        if let Some(last) = slots.last_mut() {
            last.blank_after = blank_since_last;
        }
        blank_since_last = false;
        slots.push(Slot {
            written: changed.then(|| original.to_string()),
            clean,
            rule: None,
            head: None,
            tail: None,
            blank_after: false,
            title_line: false,
            indented,
            cuts: Vec::new(),
        });
    }
    if let Some(last) = slots.last_mut() {
        last.blank_after = true;
    }
    slots
}

/// The lines of `text`: "\n", "\r\n" and a lone "\r" each end one.
fn line_iter(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        match memchr::memchr2(b'\n', b'\r', &bytes[at..]) {
            Some(found) => {
                let end = at + found;
                let line = &text[at..end];
                at = end + 1;
                if bytes[end] == b'\r' && bytes.get(at) == Some(&b'\n') {
                    at += 1;
                }
                Some(line)
            }
            None => {
                done = true;
                Some(&text[at..])
            }
        }
    })
}

/// Whether `line` shows nothing: only white space, control characters, and characters that
/// take no room (zero-width spaces and joiners, marks of direction, soft hyphens, byte-order
/// marks). A visible ASCII character, as most lines start with, answers at once.
fn shows_nothing(line: &str) -> bool {
    !line.bytes().any(|b| b.is_ascii_graphic()) && line.chars().all(takes_no_room)
}

/// White space, a control character, or a character that takes no room (see
/// [`shows_nothing`]).
fn takes_no_room(c: char) -> bool {
    is_space(c)
        || c.is_control()
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}')
}

/// `line` without the white space at either end; bytes are looked at first, as most lines
/// start and end in ASCII.
fn trim_space(line: &str) -> &str {
    let bytes = line.as_bytes();
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0x0b)
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace() && *b != 0x0b)
        .map_or(start, |at| at + 1);
    let ascii_trimmed = &line[start..end];
    let ends_beyond_ascii = |t: &str| {
        t.as_bytes().first().is_some_and(|&b| b >= 0x80)
            || t.as_bytes().last().is_some_and(|&b| b >= 0x80)
    };
    if ends_beyond_ascii(ascii_trimmed) {
        ascii_trimmed.trim_matches(is_space)
    } else {
        ascii_trimmed
    }
}

/// HTML entities left by a scraper ("&lt;", "&#39;", "&rsquo;") decoded; an entity for a
/// control character ("&#3;") is dropped rather than decoded.
fn decode_entities(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains('&') || !line.contains(';') {
        return std::borrow::Cow::Borrowed(line);
    }
    let without_controls = control_entity_regex().replace_all(line, |caps: &regex::Captures| {
        let number = &caps[1];
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => number.parse().ok(),
        };
        match value.and_then(char::from_u32) {
            Some(c) if c.is_control() => String::new(),
            _ => caps[0].to_string(),
        }
    });
    std::borrow::Cow::Owned(html_escape::decode_html_entities(&without_controls).into_owned())
}

/// Compiles this module's patterns now rather than at their first use (see
/// [`crate::article::compile_patterns`]).
pub(crate) fn compile_patterns() {
    control_entity_regex();
}

fn control_entity_regex() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| regex::Regex::new(r"&#([xX][0-9a-fA-F]{1,6}|[0-9]{1,7});").expect("valid"))
}

pub(super) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Finds two spaces in every line: made once, as making a searcher costs more than most of
/// its searches.
static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));

/// True when a line has no space to clean: no two spaces in a row, no ASCII white space but
/// the space, and no Unicode space (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000, U+FEFF).
/// Most lines are plain ASCII, which is told from the bytes at once.
fn is_plain(line: &str) -> bool {
    let bytes = line.as_bytes();
    // Folds over every byte with no early exit, so that the compiler can vectorise it.
    let (controls, beyond_ascii) = bytes.iter().fold((false, false), |(c, b), &x| {
        (c | (x < 0x20), b | (x >= 0x80))
    });
    if DOUBLE_SPACE.find(bytes).is_some() {
        return false;
    }
    match (controls, beyond_ascii) {
        (false, false) => true,
        (false, true) => !has_space_beyond_ascii(line),
        (true, _) => !line.contains(|c: char| c != ' ' && is_space(c)),
    }
}

/// Whether a line has a white space character beyond ASCII. Only the bytes such characters
/// start with are looked at, found by `memchr` (none of them is ever inside another
/// character); accented letters (text in most languages) are passed over.
fn has_space_beyond_ascii(line: &str) -> bool {
    let bytes = line.as_bytes();
    memchr::memchr3_iter(0xC2, 0xE2, 0xEF, bytes).any(|at| space_at(line, at).0)
        || memchr::memchr2_iter(0xE1, 0xE3, bytes).any(|at| space_at(line, at).0)
}

/// Whether `byte` starts a character that may be white space beyond ASCII: U+0085 and
/// U+00A0; U+1680; U+2000–U+205F; U+3000; U+FEFF.
fn may_start_space_beyond_ascii(byte: u8) -> bool {
    matches!(byte, 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF)
}

/// Tabs, no-break spaces and runs of white space become one plain space; `None` when the
/// line has none to change.
fn clean_spaces(line: &str) -> Option<String> {
    (!is_plain(line)).then(|| collapse_spaces(line))
}

/// Every run of white space as one plain space. The text between runs is copied whole (a
/// lone plain space with it); a character is decoded only where it may be a space beyond
/// ASCII (see [`has_space_beyond_ascii`]).
fn collapse_spaces(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let bytes = line.as_bytes();
    let mut copied_to = 0;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        // Letters, digits and punctuation: nearly every byte.
        if byte > b' ' && byte < 0x80 {
            at += 1;
            continue;
        }
        let (space, len) = space_at(line, at);
        if !space {
            at += len;
            continue;
        }
        let run_start = at;
        let mut plain = byte == b' ';
        at += len;
        while at < bytes.len() {
            let (space, len) = space_at(line, at);
            if !space {
                break;
            }
            plain = false;
            at += len;
        }
        if !plain {
            out.push_str(&line[copied_to..run_start]);
            out.push(' ');
            copied_to = at;
        }
    }
    out.push_str(&line[copied_to..]);
    out
}

/// Whether a white space character starts at byte `at`, and how far to step on: past it, or
/// one byte (a byte that starts no space beyond ASCII never starts one, and one that does
/// is never inside another character).
fn space_at(line: &str, at: usize) -> (bool, usize) {
    let bytes = line.as_bytes();
    match bytes[at] {
        b'\t'..=b'\r' | b' ' => (true, 1),
        byte if may_start_space_beyond_ascii(byte) => {
            match crate::article::fold::general_punctuation_at(bytes, at) {
                Some(space) => (space, 3),
                None => {
                    let c = line[at..].chars().next().unwrap_or(' ');
                    (is_space(c), c.len_utf8())
                }
            }
        }
        _ => (false, 1),
    }
}

/// Whether a line is over 100 characters long: most texts have one early, as their
/// paragraphs are lines, and it says at once that the text is not hard-wrapped, whatever
/// lines follow it.
pub(super) fn has_long_line(slots: &[Slot]) -> bool {
    let over_100 = |line: &str| line.len() > 100 && line.chars().count() > 100;
    slots.iter().any(|s| over_100(&s.clean))
}

/// Text wrapped by hand at a fixed width (as wire copy is: lines of 60 to 80 characters, a
/// paragraph starting on an indented line or after a blank one) is joined back into its
/// paragraphs. Text whose paragraphs are each one line is left alone: its lines are longer
/// than any wrap width.
pub(super) fn join_wrapped(slots: &mut Vec<Slot>) {
    if slots.len() < 4 {
        return;
    }
    if has_long_line(slots) {
        return;
    }
    let mut lengths: Vec<usize> = slots.iter().map(|s| s.clean.chars().count()).collect();
    lengths.sort_unstable();
    let median = lengths[lengths.len() / 2];
    // Wrapped lines mostly stop mid-sentence; one-line paragraphs stop at a sentence's end.
    let ends_sentence = |slot: &Slot| slot.clean.ends_with(['.', '!', '?', '"', '”', ':', ')']);
    let mid_sentence = slots
        .iter()
        .filter(|s| !s.blank_after && !ends_sentence(s))
        .count();
    let followed = slots.iter().filter(|s| !s.blank_after).count();
    // Where paragraphs start on an indented line and the lines that carry them on do not,
    // a sentence that ends just before an indented line ends its paragraph: as telling of
    // wrapping as a line that stops mid-sentence, once one line does.
    let some_unindented = slots.iter().skip(1).any(|s| !s.indented);
    let paragraph_ends = match some_unindented && mid_sentence > 0 {
        false => 0,
        true => slots
            .windows(2)
            .filter(|pair| !pair[0].blank_after && pair[1].indented && ends_sentence(&pair[0]))
            .count(),
    };
    if median < 40 || (mid_sentence + paragraph_ends) * 5 < followed * 3 {
        return;
    }
    let mut joined: Vec<Slot> = Vec::with_capacity(slots.len());
    for slot in slots.drain(..) {
        match joined.last_mut() {
            Some(last) if !last.blank_after && !slot.indented && !last.title_line => {
                if last.written.is_some() || slot.written.is_some() {
                    last.written = Some(format!("{} {}", last.original(), slot.original()));
                }
                last.clean.push(' ');
                last.clean.push_str(&slot.clean);
                last.blank_after = slot.blank_after;
            }
            _ => joined.push(slot),
        }
    }
    *slots = joined;
}

/// Lines that hold several paragraphs (a body stored on one line, paragraphs glued shut,
/// sentences joined with "||") split into them; see [`crate::article::paragraphs::reflow`].
/// A short first line is left whole when a blank line follows it: it may be the title.
pub(super) fn reflow_lines(slots: &mut Vec<Slot>) {
    let mut out: Vec<Slot> = Vec::with_capacity(slots.len());
    for (n, slot) in slots.drain(..).enumerate() {
        let may_be_title = n == 0 && slot.blank_after && slot.clean.len() <= 300;
        if may_be_title || !crate::article::paragraphs::needs_reflow(&slot.clean) {
            out.push(slot);
            continue;
        }
        let pieces = crate::article::paragraphs::reflow(&slot.clean);
        if pieces.len() <= 1 {
            out.push(slot);
            continue;
        }
        let last = pieces.len() - 1;
        for (k, piece) in pieces.into_iter().enumerate() {
            out.push(Slot {
                written: None,
                clean: piece,
                rule: None,
                head: None,
                tail: None,
                blank_after: k == last && slot.blank_after,
                title_line: false,
                indented: k == 0 && slot.indented,
                cuts: Vec::new(),
            });
        }
    }
    *slots = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines as the parser split them before it looked at bytes: split, trimmed and
    /// cleaned char by char.
    fn reference(text: &str) -> Vec<(String, Option<String>, bool, bool)> {
        let mut out: Vec<(String, Option<String>, bool, bool)> = Vec::new();
        let mut blank_since_last = false;
        for line in text
            .split('\n')
            .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'))
        {
            let indented = line.starts_with("  ") || line.starts_with('\t');
            let original = line.trim_matches(is_space);
            if original.is_empty() {
                blank_since_last = true;
                continue;
            }
            // Every line collapsed, plain or not: what the fast path skips must change nothing.
            let clean = collapse_by_characters(&decode_entities(original));
            if clean.chars().all(takes_no_room) {
                blank_since_last = true;
                continue;
            }
            if let Some(last) = out.last_mut() {
                last.2 = blank_since_last;
            }
            blank_since_last = false;
            let written = (clean != original).then(|| original.to_string());
            out.push((clean, written, false, indented));
        }
        if let Some(last) = out.last_mut() {
            last.2 = true;
        }
        out
    }

    /// Every run of white space as one plain space, character by character.
    fn collapse_by_characters(line: &str) -> String {
        let mut out = String::with_capacity(line.len());
        let mut in_space = false;
        for c in line.chars() {
            if is_space(c) {
                if !in_space {
                    out.push(' ');
                }
                in_space = true;
            } else {
                out.push(c);
                in_space = false;
            }
        }
        out
    }

    fn fast(text: &str) -> Vec<(String, Option<String>, bool, bool)> {
        split_lines(text)
            .into_iter()
            .map(|s| (s.clean, s.written, s.blank_after, s.indented))
            .collect()
    }

    #[test]
    fn line_ends_spaces_and_entities() {
        let text =
            "\u{feff} Judul\u{a0}berita \r\n\r\nBaris  satu\tdua&amp;tiga\rBaris\u{3000}dua\n\n";
        assert_eq!(fast(text), reference(text));
        assert_eq!(
            fast(text).iter().map(|l| l.0.as_str()).collect::<Vec<_>>(),
            ["Judul berita", "Baris satu dua&tiga", "Baris dua"]
        );
    }

    proptest::proptest! {
        #[test]
        fn bytes_first_splits_as_chars_did(
            text in "[a-c &;#0-9\\t\\r\\n\u{a0}\u{3000}\u{feff}\u{2009}\u{b}\u{1}\u{200b}\u{ad}é“—\u{85}\u{1680}\u{2028}\u{202f}\u{205f}\u{2060}\u{2000}\u{200a}\u{2027}\u{2029}\u{2030}\u{205e}\u{2070}\u{2122}\u{1681}\u{3001}\u{feff}ǅ]{0,60}"
        ) {
            proptest::prop_assert_eq!(fast(&text), reference(&text));
        }
    }
}
