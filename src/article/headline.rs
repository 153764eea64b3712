//! Headlines: telling a headline line from prose, and making a title from the lede when a
//! file has none.

use super::dateline::dateline;
use super::dates;
use crate::rules::Rules;

/// Longest derived title, in characters, counting the "…".
pub const DERIVED_TITLE_MAX: usize = 100;

/// A headline: one short line of words, not a sentence that ends in a full stop.
pub fn is_headline(line: &str, rules: &Rules) -> bool {
    let chars = line.chars().count();
    let words = line.split(' ').count();
    let ends_like_prose = line.ends_with(['.', ',', ';', ':']) && !line.ends_with("...");
    (10..=200).contains(&chars)
        && (3..=30).contains(&words)
        && !ends_like_prose
        && sentence_end(line).is_none_or(|end| end >= line.len())
        && dateline(line, rules).is_none()
        && dates::stamp_at_start(line).is_none()
}

/// The byte just past the first sentence's closing punctuation, if a sentence ends before the
/// text does.
fn sentence_end(text: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (n, &(at, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut k = n + 1;
        while k < chars.len() && matches!(chars[k].1, '"' | '”' | '’' | '\'' | ')') {
            k += 1;
        }
        let end = chars.get(k).map_or(text.len(), |&(i, _)| i);
        match chars.get(k) {
            None => return Some(end),
            Some(&(_, ' ')) => {
                let starts_upper = chars.get(k + 1).is_some_and(|&(_, next)| {
                    next.is_uppercase() || matches!(next, '"' | '“' | '\'')
                });
                if starts_upper && !ends_in_abbreviation(&text[..at]) {
                    return Some(end);
                }
            }
            _ => {}
        }
    }
    None
}

fn ends_in_abbreviation(before: &str) -> bool {
    let word = before.rsplit(' ').next().unwrap_or("");
    matches!(
        word,
        "Dr" | "Prof"
            | "Ir"
            | "H"
            | "Hj"
            | "No"
            | "St"
            | "Jl"
            | "Kol"
            | "Jend"
            | "Mr"
            | "Mrs"
            | "Sdr"
    ) || (word.len() == 1 && word.chars().all(char::is_uppercase))
}

/// A title from the lede: its first sentence, cut at a word to at most
/// [`DERIVED_TITLE_MAX`] characters with "…".
pub fn derive_title(lede: &str) -> String {
    let end = sentence_end(lede).unwrap_or(lede.len());
    let sentence = lede[..end].trim();
    if sentence.chars().count() <= DERIVED_TITLE_MAX {
        return sentence.trim_end_matches('.').to_string();
    }
    let limit = DERIVED_TITLE_MAX - 1;
    let cut = sentence
        .char_indices()
        .nth(limit)
        .map_or(sentence.len(), |(i, _)| i);
    let head = &sentence[..cut];
    let at_word = if sentence[cut..].starts_with(' ') {
        head
    } else {
        head.rsplit_once(' ').map_or(head, |(before, _)| before)
    };
    format!(
        "{}…",
        at_word.trim_end_matches([',', ';', ':', ' ', '-', '–'])
    )
}
