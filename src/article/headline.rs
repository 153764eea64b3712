//! Headlines: telling a headline line from prose, and making a title from the lede when a
//! file has none.

use super::dateline::dateline;
use super::dates;
use super::stamp::stamp_line;
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
        && !is_stamp(line)
}

/// A title line: the file's first line, set off by a blank line after it. It is the whole
/// headline even when it has "!", "?" or "." inside ("Pop! Hotel …", "U.S. TAX WRITERS …");
/// what it must not be is a paragraph: two sentences and a full stop, or a dateline.
pub fn is_title_line(line: &str, rules: &Rules) -> bool {
    let chars = line.chars().count();
    let words = line.split_whitespace().count();
    // Headlines end in "!" and "?" often, in a full stop rarely; paragraphs the other way.
    let ends_a_sentence = line
        .trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with('.')
        && !line.ends_with("...");
    let two_sentences = sentence_end(line).is_some_and(|end| end < line.trim_end().len());
    let paragraph_like = ends_a_sentence || chars > 200 || words > 30;
    (2..=300).contains(&chars)
        && (2..=45).contains(&words)
        && !(ends_a_sentence && two_sentences)
        && !line.ends_with([',', ';', ':'])
        && !(paragraph_like && dateline(line, rules).is_some())
        && !is_stamp(line)
}

/// A line that starts with a stamp, or is one in any order of its parts: never a headline.
fn is_stamp(line: &str) -> bool {
    dates::stamp_at_start(line).is_some() || stamp_line(line).is_some()
}

/// A web page's title with the site's name after it ("Headline | Reuters", "Headline - The
/// Hindu", "Headline | Latest News | Daily Star"): the headline alone, the suffix taken off,
/// and the outlet the suffix names when the rules know it or it is a web address.
pub struct SiteSuffix {
    pub headline_len: usize,
    pub outlet: Option<String>,
}

/// Splits a site's name off a title, if it has one. A part after " | " is the site's when it
/// reads like a name (capitalised words, no sentence); after a dash only when it is an outlet
/// the rules know or a web address, since headlines use dashes too ("Ganjar - Mahfud").
pub fn site_suffix(title: &str, rules: &Rules) -> Option<SiteSuffix> {
    let mut end = title.len();
    let mut outlet = None;
    loop {
        let head = &title[..end];
        let Some((at, part)) = last_part(head) else {
            break;
        };
        let known = super::outlet::outlet_name(part, rules);
        let is_pipe = head[at..].trim_start().starts_with('|');
        // Past a site's name, the parts before it are the site's sections ("| Latest News |
        // Breaking News UK and Newspaper content | Daily Star").
        let section_of_site = end < title.len()
            && is_pipe
            && part.split_whitespace().count() <= 10
            && !part.contains(['.', '!', '?', ':', ';']);
        let site_like = known.is_some() || (is_pipe && reads_like_a_name(part)) || section_of_site;
        if !site_like || head[..at].split_whitespace().count() < 2 {
            break;
        }
        if outlet.is_none() {
            outlet = known;
        }
        end = at;
    }
    (end < title.len()).then(|| SiteSuffix {
        headline_len: title[..end].trim_end().len(),
        outlet,
    })
}

/// The last " | " or " - " part of a title: where its separator starts, and the part's text.
fn last_part(head: &str) -> Option<(usize, &str)> {
    let candidates = [" | ", " - ", " – ", " — "];
    let (at, sep) = candidates
        .iter()
        .filter_map(|sep| head.rfind(sep).map(|at| (at, *sep)))
        .max_by_key(|&(at, _)| at)?;
    let part = head[at + sep.len()..].trim();
    Some((at, part))
}

/// "Daily Star", "Watch News Videos Online", "Latest Celeb Gossip, TV, Film, Pop and Celeb
/// News", "MLive.com": capitalised words (small joining words allowed), no sentence.
fn reads_like_a_name(part: &str) -> bool {
    if super::outlet::is_domain(part) {
        return true;
    }
    let words: Vec<&str> = part.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 10
        && !part.contains(['.', '!', '?', ':', ';'])
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || matches!(*w, "and" | "of" | "the" | "&" | "for" | "on" | "in" | "de")
        })
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
