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
    let mut slots: Vec<Slot> = Vec::new();
    let mut blank_since_last = false;
    // "\r\n" is one line end; a lone "\r" is one too.
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
        if let Some(last) = slots.last_mut() {
            last.blank_after = blank_since_last;
        }
        blank_since_last = false;
        let clean = clean_spaces(&decode_entities(original));
        slots.push(Slot {
            written: (clean != original).then(|| original.to_string()),
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

fn control_entity_regex() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| regex::Regex::new(r"&#([xX][0-9a-fA-F]{1,6}|[0-9]{1,7});").expect("valid"))
}

pub(super) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// True when a line has no space to clean: no two spaces in a row, no ASCII white space but
/// the space, and none of the bytes that start a Unicode space (U+0085, U+00A0, U+1680,
/// U+2000–U+205F, U+3000, U+FEFF). Looks at bytes only, as most lines are plain.
fn is_plain(line: &str) -> bool {
    let mut after_space = false;
    for &b in line.as_bytes() {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0xc2 | 0xe1 | 0xe2 | 0xe3 | 0xef => {
                return !line.contains(|c: char| c != ' ' && is_space(c)) && !line.contains("  ");
            }
            _ => after_space = false,
        }
    }
    true
}

/// Tabs, no-break spaces and runs of white space become one plain space.
fn clean_spaces(line: &str) -> String {
    if is_plain(line) {
        return line.to_string();
    }
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

/// Text wrapped by hand at a fixed width (as wire copy is: lines of 60 to 80 characters, a
/// paragraph starting on an indented line or after a blank one) is joined back into its
/// paragraphs. Text whose paragraphs are each one line is left alone: its lines are longer
/// than any wrap width.
pub(super) fn join_wrapped(slots: &mut Vec<Slot>) {
    if slots.len() < 4 {
        return;
    }
    let lengths: Vec<usize> = slots.iter().map(|s| s.clean.chars().count()).collect();
    let longest = lengths.iter().copied().max().unwrap_or(0);
    let mut sorted = lengths.clone();
    sorted.sort_unstable();
    let median = sorted[sorted.len() / 2];
    // Wrapped lines mostly stop mid-sentence; one-line paragraphs stop at a sentence's end.
    let mid_sentence = slots
        .iter()
        .filter(|s| !s.blank_after)
        .filter(|s| !s.clean.ends_with(['.', '!', '?', '"', '”', ':', ')']))
        .count();
    let followed = slots.iter().filter(|s| !s.blank_after).count();
    if longest > 100 || median < 40 || mid_sentence * 5 < followed * 3 {
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
