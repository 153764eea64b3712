//! Finding a term in folded titles and outlets: as typed (a substring) or compactly (its
//! characters in order within a short window). One text at a time, or a run of articles at
//! once over the store's packed [`Heads`], which skips from one occurrence of the term's first
//! letter to the next at memory speed instead of visiting every title.

use crate::article::fold::starts_word;
use crate::heads::Heads;
use crate::index::ArticleSet;
use memchr::memmem;
use std::ops::Range;

/// How one part of an article's head (its title or its outlet) matched a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Found {
    #[default]
    No,
    /// The term's characters lie in order close together (see [`within_window`]).
    Compact,
    /// The term appears as typed, first at byte `at`, at a word's start or not.
    AsTyped { at: u32, word_start: bool },
}

/// How an article's title and outlet matched a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HeadFound {
    pub title: Found,
    pub outlet: Found,
}

impl HeadFound {
    /// How article `index`'s title and outlet match folded `term`, one at a time.
    pub fn of(heads: &Heads, index: usize, term: &str, finder: &memmem::Finder<'_>) -> HeadFound {
        HeadFound::in_texts(heads.title(index), heads.outlet(index), term, finder)
    }

    /// How `title` and `outlet` match `term` (`finder` searches for it), each as
    /// [`find_in`] says.
    pub fn in_texts(
        title: &str,
        outlet: &str,
        term: &str,
        finder: &memmem::Finder<'_>,
    ) -> HeadFound {
        HeadFound {
            title: find_in(title, term, finder),
            outlet: find_in(outlet, term, finder),
        }
    }
}

/// How folded `text` matches folded `term` (`finder` searches for `term`).
pub fn find_in(text: &str, term: &str, finder: &memmem::Finder<'_>) -> Found {
    if let Some(at) = finder.find(text.as_bytes()) {
        return Found::AsTyped {
            at: u32::try_from(at).unwrap_or(u32::MAX),
            word_start: starts_word(text, at),
        };
    }
    if within_window(text, term) {
        Found::Compact
    } else {
        Found::No
    }
}

/// How the title and outlet of each article in `articles` match folded `term`, in order: the
/// same answers as [`find_in`], found in one pass over the packed text. Articles in `skip`
/// are passed over (and said not to match).
pub fn scan(
    heads: &Heads,
    articles: Range<usize>,
    term: &str,
    finder: &memmem::Finder<'_>,
    skip: Option<&ArticleSet>,
) -> Vec<HeadFound> {
    let skipped = |i: usize| skip.is_some_and(|set| set.get(i) == Some(true));
    let one_by_one = |i: usize| match skipped(i) {
        true => HeadFound::default(),
        false => HeadFound::of(heads, i, term, finder),
    };
    let needle = term.as_bytes();
    if articles.is_empty() || needle.is_empty() || !term.is_ascii() {
        // A term beyond ASCII is matched character by character.
        return articles.map(one_by_one).collect();
    }
    let mut out = vec![HeadFound::default(); articles.len()];
    let text = heads.text().as_bytes();
    let from = heads.span(articles.start).start;
    let to = heads.span(articles.end - 1).outlet_end;
    let mut article = articles.start;
    let mut span = heads.span(article);
    // An ASCII term's bytes are never part of a character beyond ASCII, so a head of any
    // characters is scanned by its bytes; its windows count characters (`window_from_utf8`).
    let wanted = |i: usize| !skipped(i);
    let mut looked_at = wanted(article);
    let mut pos = from;
    while pos < to
        && let Some(offset) = memchr::memchr(needle[0], &text[pos..to])
    {
        let at = pos + offset;
        // The separators are newlines, which no term holds, so `at` is inside a title or an
        // outlet.
        while at > span.outlet_end {
            article += 1;
            span = heads.span(article);
            looked_at = wanted(article);
        }
        if !looked_at {
            // Checked on its own below, or not at all.
            pos = span.outlet_end + 1;
            continue;
        }
        let slot = &mut out[article - articles.start];
        let (part_start, part_end, found) = if at < span.title_end {
            (span.start, span.title_end, &mut slot.title)
        } else {
            (span.title_end + 1, span.outlet_end, &mut slot.outlet)
        };
        let rest = &text[at..part_end];
        let as_typed = |at: usize| Found::AsTyped {
            at: u32::try_from(at - part_start).unwrap_or(u32::MAX),
            word_start: match at.checked_sub(1).map(|before| text[before]) {
                _ if at == part_start => true,
                Some(before) if before.is_ascii() => !before.is_ascii_alphanumeric(),
                _ => starts_word(&heads.text()[part_start..], at - part_start),
            },
        };
        // The earliest match from here is as long as the term exactly when it is the term.
        *found = match window_from_utf8(rest, needle) {
            Some(len) if len == needle.len() => as_typed(at),
            // Compact here; found as typed further on would still beat that.
            Some(_) => finder
                .find(rest)
                .map_or(Found::Compact, |later| as_typed(at + later)),
            None => {
                pos = at + 1;
                continue;
            }
        };
        // Earlier occurrences in this part matched neither way, so this part is settled.
        pos = part_end + 1;
    }
    out
}

/// How the titles and outlets as written of the articles in `articles` match `typed`, an
/// ASCII term with capitals, in order: [`find_in`]'s answers for the texts as written and
/// `typed` (capitals must match as typed: smart case), read from the packed
/// heads (the folded text with the capitals put back, [`Heads::is_capital`]) instead of
/// from each article. `None` for an article whose title or outlet as written the heads do
/// not give back (not ASCII), to be asked of the article. Articles in `skip` are said not
/// to match.
pub fn scan_as_written(
    heads: &Heads,
    articles: Range<usize>,
    typed: &str,
    skip: Option<&ArticleSet>,
) -> Vec<Option<HeadFound>> {
    debug_assert!(typed.is_ascii());
    let needle = typed.as_bytes();
    let Some(&first) = needle.first() else {
        // Nothing to scan for: every article is asked on its own.
        return articles.map(|_| None).collect();
    };
    let text = heads.text().as_bytes();
    // The byte at `at` as written.
    let written = |at: usize| match heads.is_capital(at) {
        true => text[at].to_ascii_uppercase(),
        false => text[at],
    };
    let part = |from: usize, to: usize| -> Found {
        let mut found = Found::No;
        let mut pos = from;
        while let Some(offset) = memchr::memchr(first.to_ascii_lowercase(), &text[pos..to]) {
            let at = pos + offset;
            pos = at + 1;
            if written(at) != first {
                continue;
            }
            // The text is ASCII here, so its bytes are its characters.
            match window_over(to - at, |n| written(at + n), needle) {
                Some(len) if len == needle.len() => {
                    return Found::AsTyped {
                        at: u32::try_from(at - from).unwrap_or(u32::MAX),
                        word_start: at == from || !text[at - 1].is_ascii_alphanumeric(),
                    };
                }
                // Compact here; found as typed further on would still beat that.
                Some(_) => found = Found::Compact,
                None => {}
            }
        }
        found
    };
    articles
        .map(|i| {
            if skip.is_some_and(|set| set.get(i) == Some(true)) {
                return Some(HeadFound::default());
            }
            if !heads.has_as_written(i) {
                return None;
            }
            let span = heads.span(i);
            Some(HeadFound {
                title: part(span.start, span.title_end),
                outlet: part(span.title_end + 1, span.outlet_end),
            })
        })
        .collect()
}

/// Whether `term`'s characters appear in order close together in `text`: from where its first
/// character is, the first `m` of them within `2m + 2` characters, for every `m`. That is the
/// compactness a fuzzy title match must have. Asking it of every start of the term (not only
/// of the whole) means a term typed further never matches what the shorter one did not, so
/// a growing query need only look again at what still matched.
pub fn within_window(text: &str, term: &str) -> bool {
    windows(text, term, |_| true)
}

/// Calls `found` with the byte range of each window of `text` where `term` matches compactly
/// (see [`within_window`]; from an occurrence of the first character to where the earliest
/// such match ends), until it returns true. Returns whether it did.
pub fn windows(text: &str, term: &str, found: impl FnMut(Range<usize>) -> bool) -> bool {
    if term.is_ascii() {
        window_search(text.as_bytes(), term.as_bytes(), window_from_utf8, found)
    } else {
        windows_by_characters(text, term, found)
    }
}

/// [`windows`] worked out character by character: the rule as written, for any term.
fn windows_by_characters(
    text: &str,
    term: &str,
    mut found: impl FnMut(Range<usize>) -> bool,
) -> bool {
    let (offsets, hay): (Vec<usize>, Vec<char>) = text.char_indices().unzip();
    let needle: Vec<char> = term.chars().collect();
    let byte = |at: usize| offsets.get(at).copied().unwrap_or(text.len());
    window_search(&hay, &needle, window_from, |chars| {
        found(byte(chars.start)..byte(chars.end))
    })
}

/// Each window of `needle` in `hay`, from each occurrence of its first item, as `window_from`
/// finds them (see [`windows`]).
fn window_search<T: PartialEq>(
    hay: &[T],
    needle: &[T],
    window_from: fn(&[T], &[T]) -> Option<usize>,
    mut found: impl FnMut(Range<usize>) -> bool,
) -> bool {
    let Some(first) = needle.first() else {
        return found(0..0);
    };
    for (start, _) in hay.iter().enumerate().filter(|(_, c)| *c == first) {
        if let Some(len) = window_from(&hay[start..], needle)
            && found(start..start + len)
        {
            return true;
        }
    }
    false
}

/// When `hay` starts with `needle`'s first item and the rest follow compactly (the first `m`
/// within `2m + 2` items): the length of the shortest such start of `hay`.
fn window_from<T: PartialEq>(hay: &[T], needle: &[T]) -> Option<usize> {
    // Taking each item at its earliest place keeps every prefix as short as it can be.
    let mut at = 1;
    for (matched, want) in needle.iter().enumerate().skip(1) {
        let limit = 2 * (matched + 1) + 2;
        loop {
            if at >= hay.len() || at >= limit {
                return None;
            }
            at += 1;
            if hay[at - 1] == *want {
                break;
            }
        }
    }
    Some(at)
}

/// [`window_from`] for UTF-8 text and an ASCII needle, by bytes but counting characters, as
/// the rule does: the length returned is in bytes. An ASCII needle's bytes never match part
/// of a longer character, so only the count needs the characters' boundaries. On ASCII text
/// it is `window_from` itself.
fn window_from_utf8(hay: &[u8], needle: &[u8]) -> Option<usize> {
    window_over(hay.len(), |at| hay[at], needle)
}

/// [`window_from_utf8`] over a text of `len` bytes whose byte `at` is `byte(at)`: the heads'
/// text, or that text as written (its capitals put back).
fn window_over(len: usize, byte: impl Fn(usize) -> u8, needle: &[u8]) -> Option<usize> {
    // The needle's first byte is the text's first, one character.
    let (mut at, mut chars) = (1, 1);
    for (matched, &want) in needle.iter().enumerate().skip(1) {
        let limit = 2 * (matched + 1) + 2;
        loop {
            if at >= len || chars >= limit {
                return None;
            }
            let next = byte(at);
            at += 1;
            // Every byte starts a character but those that continue one (0b10xx_xxxx).
            chars += usize::from(next & 0xC0 != 0x80);
            if next == want {
                break;
            }
        }
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_match_the_compactness_rule() {
        assert!(within_window("kompas tv", "kmpas"));
        assert!(within_window("xx k-o-m-p-a-s", "kompas"));
        assert!(!within_window("kim ongkos masuk pada acara sore", "kompas"));
        assert!(within_window("anything", ""));
        // Whole, "ptin" fits in 2·4 + 2 characters, but "pt" does not fit in 2·2 + 2.
        assert!(!within_window("p12345tin", "ptin"));
        assert!(within_window("p123tin", "ptin"));
        let mut found = Vec::new();
        windows("pxu pu", "pu", |w| {
            found.push(w);
            false
        });
        assert_eq!(found, [0..3, 4..6]);
    }

    /// The windows of `term` in `text` found character by character: the rule as written,
    /// whatever the text holds.
    fn char_windows(text: &str, term: &str) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        windows_by_characters(text, term, |window| {
            found.push(window);
            false
        });
        found
    }

    /// How `term` matches `text`, worked out character by character (see [`find_in`]).
    fn found_by_characters(text: &str, term: &str) -> Found {
        match text.find(term) {
            Some(at) => Found::AsTyped {
                at: at as u32,
                word_start: starts_word(text, at),
            },
            None if !char_windows(text, term).is_empty() || term.is_empty() => Found::Compact,
            None => Found::No,
        }
    }

    proptest::proptest! {
        /// Text beyond ASCII (letters, quotes, wide characters, emoji) is scanned by its
        /// bytes for an ASCII term; the windows still count characters.
        #[test]
        fn an_ascii_term_in_any_text_matches_as_by_characters(
            heads_text in proptest::collection::vec(
                (
                    "[pu tinéü’“中😀-]{0,14}",
                    "[pu tinéü’中-]{0,6}",
                ),
                1..8,
            ),
            term in "[putin]{1,4}",
        ) {
            let mut heads = Heads::default();
            for (title, outlet) in &heads_text {
                heads.push((title, outlet), (title, outlet), None);
            }
            let finder = memmem::Finder::new(term.as_str());
            let scanned = scan(&heads, 0..heads_text.len(), &term, &finder, None);
            for (i, &got) in scanned.iter().enumerate() {
                // What the heads hold: folded, as the filter sees it.
                let (title, outlet) = (heads.title(i), heads.outlet(i));
                let want = HeadFound {
                    title: found_by_characters(title, &term),
                    outlet: found_by_characters(outlet, &term),
                };
                proptest::prop_assert_eq!(got, want, "{:?} in {:?}", term, (title, outlet));
                proptest::prop_assert_eq!(HeadFound::of(&heads, i, &term, &finder), want);
                let mut found = Vec::new();
                windows(title, &term, |w| {
                    found.push(w);
                    false
                });
                proptest::prop_assert_eq!(found, char_windows(title, &term));
            }
        }
    }

    #[test]
    fn scanning_agrees_with_one_at_a_time() {
        let mut heads = Heads::default();
        let texts = [
            ("putin tiba", "kompas tv"),
            ("seputinya", ""),
            ("p u t i n", "putin"),
            ("café putin", "pütin"),
            ("", ""),
            ("xputin putin", "tribun"),
            ("pu", "tin"),
        ];
        for (title, outlet) in texts {
            heads.push((title, outlet), (title, outlet), None);
        }
        for term in ["putin", "p", "pu", "ptn", "tin", "é", "z"] {
            let finder = memmem::Finder::new(term);
            for start in 0..texts.len() {
                let scanned = scan(&heads, start..texts.len(), term, &finder, None);
                for (i, got) in (start..texts.len()).zip(scanned) {
                    let want = HeadFound::of(&heads, i, term, &finder);
                    assert_eq!(got, want, "{term:?} in {:?}", texts[i]);
                }
            }
        }
    }
}
