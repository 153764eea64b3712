//! The masthead form of a dateline: `[PLACE ","] MASTHEAD ["," PLACE] [SEP]`, where the
//! masthead is an outlet's web address or a name the rules know ("JAKARTA, KOMPAS.com - ",
//! "Liputan6.com, Jakarta ", "Laporan Wartawan Tribunnews.com, Name, PLACE - ").

use super::{CAPS_PLACE, Form, MASTHEAD_REACH, PLACE, floor_char_boundary, regex, separator_regex};
use crate::article::outlet::{domains_in, is_domain, outlet_name};
use crate::rules::Rules;
use regex::Regex;
use std::sync::OnceLock;

pub(super) fn before_masthead_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, || format!(r"^(?:({PLACE})\s*,\s*)?$"))
}

pub(super) fn reporter_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, || {
        format!(
            r"^(?i:laporan(?:\s+(?:wartawan|reporter|koresponden|kontributor))?|oleh|reporter|penulis|by)(?-u:\b)\s*:?\s*([^!?:|]{{0,90}}?)\s*(?:,?\s*({CAPS_PLACE})\s*,\s*)?$"
        )
    })
}

pub(super) fn place_after_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, || format!(r"^\s*[,.]\s*({PLACE})"))
}

pub(super) fn place_then_dash_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, || {
        format!(r"^({CAPS_PLACE})\s*(?:-{{1,2}}|[–—][-–—]?)\s*")
    })
}

pub(super) fn caps_run_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, || format!(r"^\s*[,.]\s*({CAPS_PLACE})"))
}

/// `[PLACE ","] MASTHEAD ["," PLACE] [SEP]`, possibly after a reporter line or a glued label.
pub(super) fn masthead_form(text: &str, rules: &Rules) -> Option<Form> {
    let reach = floor_char_boundary(text, MASTHEAD_REACH);
    let candidates = mastheads(&text[..reach], rules);
    // A masthead followed by a separator is the surer reading; only then one without.
    for strict in [true, false] {
        if let Some(form) = candidates
            .iter()
            .find_map(|c| masthead_reading(text, c, strict))
        {
            return Some(form);
        }
    }
    None
}

/// The dateline read with one candidate masthead, if the text around it fits the grammar.
fn masthead_reading(
    text: &str,
    &(start, end, ref outlet, is_address): &(usize, usize, String, bool),
    strict: bool,
) -> Option<Form> {
    {
        let before = &text[..start];
        let glued = before.chars().next_back().is_some_and(char::is_lowercase);
        let mut place = None;
        let mut reporter = None;
        if let Some(caps) = before_masthead_regex().captures(before) {
            place = caps.get(1).map(|m| m.as_str().to_string());
        } else if let Some(caps) = reporter_regex().captures(before) {
            // "Laporan Reporter POS-KUPANG.COM, Name": an address right after the label is
            // the reporter's employer, not a dateline.
            let name = caps.get(1).map_or("", |m| m.as_str());
            if name.trim().is_empty() {
                return None;
            }
            reporter = Some(reporter_name(name)).filter(|n| !n.is_empty());
            place = caps.get(2).map(|m| m.as_str().to_string());
        } else if !(glued && is_label(before)) {
            return None;
        }
        let (len, after_place) = after_masthead(text, end, is_address, strict)?;
        Some(Form {
            len,
            outlet: Some(outlet.clone()),
            place: place.or(after_place),
            reporter,
        })
    }
}

/// What follows a masthead: `["," PLACE] [SEP]`. Returns the bytes the dateline takes in all
/// and the place. Without a separator only a web address counts, and the place is taken as
/// far as the text plainly goes on ("MILANFederasi" → "MILAN").
fn after_masthead(
    text: &str,
    end: usize,
    is_address: bool,
    strict: bool,
) -> Option<(usize, Option<String>)> {
    let after = &text[end..];
    if let Some(sep) = separator_regex().find(after) {
        // "DETIK-DETIK": a known word joined to the next by a hyphen is a word, not a masthead.
        if !is_address && sep.as_str() == "-" {
            return None;
        }
        // "SURYA.co.id | TUBAN - ": a place in capitals may follow the first separator.
        let rest = &after[sep.end()..];
        if let Some(caps) = place_then_dash_regex().captures(rest) {
            let place = caps.get(1).expect("group 1").as_str().to_string();
            return Some((end + sep.end() + caps.get(0)?.end(), Some(place)));
        }
        return Some((end + sep.end(), None));
    }
    if let Some(caps) = place_after_regex().captures(after) {
        let place = caps.get(1).expect("group 1");
        if let Some(sep) = separator_regex().find(&after[place.end()..]) {
            return Some((
                end + place.end() + sep.end(),
                Some(place.as_str().to_string()),
            ));
        }
    }
    if strict || !is_address {
        return None;
    }
    if let Some(caps) = caps_run_regex().captures(after) {
        let run = caps.get(1).expect("group 1");
        let mut place_end = run.end();
        // "MILANFederasi": the capital that starts the next word is not the place's.
        if after[place_end..].starts_with(char::is_lowercase) {
            place_end = after[..place_end]
                .char_indices()
                .next_back()
                .map_or(place_end, |(i, _)| i);
        }
        let place = after[run.start()..place_end].trim();
        if place.chars().count() >= 2 {
            let rest = after[place_end..].trim_start();
            return Some((text.len() - rest.len(), Some(place.to_string())));
        }
    }
    if let Some(caps) = place_after_regex().captures(after) {
        // "Liputan6.com, Jakarta Beriring dengan …": with no separator, one word of place.
        let word_end = caps.get(1).expect("group 1").start()
            + caps
                .get(1)
                .expect("group 1")
                .as_str()
                .find(' ')
                .unwrap_or(caps.get(1).expect("group 1").len());
        let place = after[caps.get(1).expect("group 1").start()..word_end].to_string();
        let rest = after[word_end..].trim_start();
        return Some((text.len() - rest.len(), Some(place)));
    }
    let rest = after.trim_start();
    let starts_text = rest.starts_with(|c: char| c.is_uppercase() || c == '"' || c == '“');
    (after.starts_with(' ') && starts_text).then(|| (text.len() - rest.len(), None))
}

/// Candidate mastheads in the front of a paragraph, in order: web addresses and capitalised
/// words the rules know as outlets. Each with its span, its outlet name and whether it is an
/// address.
fn mastheads(front: &str, rules: &Rules) -> Vec<(usize, usize, String, bool)> {
    let mut found: Vec<(usize, usize, String, bool)> = domains_in(front)
        .filter_map(|(s, e)| {
            let (s, token) = unglue(front, s, e);
            outlet_name(token, rules).map(|name| (s, e, name, true))
        })
        .collect();
    for (start, word) in capital_words(front) {
        if found.iter().any(|&(s, e, _, _)| start >= s && start < e) {
            continue;
        }
        if let Some(name) = rules.outlet_for(word) {
            found.push((start, start + word.len(), name, false));
        }
    }
    // "CNN Indonesia" is one name, not "CNN" and a word after it; an address stays.
    if let Some((start, end, name)) = named_before_separator(front, rules) {
        let overlaps = |&(s, e, _, _): &(usize, usize, String, bool)| start < e && s < end;
        if !found.iter().any(|c| c.3 && overlaps(c)) {
            found.retain(|c| !overlaps(c));
            found.push((start, end, name, false));
        }
    }
    found.sort_by_key(|&(s, ..)| s);
    found
}

/// How far into a paragraph the first separator of a dateline naming its outlet in words
/// may be ("Jakarta, CNN Indonesia -- ").
const NAMED_REACH: usize = 64;

/// An outlet the rules know by a name of several words, or not written in capitals, standing
/// right before the first separator, after a place and its comma or before one: "Jakarta,
/// CNN Indonesia -- ", "BBC News Indonesia – ", "Media Indonesia, Jakarta - ". With its span.
fn named_before_separator(front: &str, rules: &Rules) -> Option<(usize, usize, String)> {
    let reach = floor_char_boundary(front, NAMED_REACH);
    let sep = first_separator(&front[..reach])?;
    let segment = &front[..sep];
    let last = segment.rfind(',').map_or(0, |comma| comma + 1);
    let first = segment.find(',').unwrap_or(segment.len());
    [(last, segment.len()), (0, first)]
        .into_iter()
        .find_map(|(from, to)| {
            let part = &segment[from..to];
            let start = from + (part.len() - part.trim_start().len());
            let end = start + part.trim().len();
            let words: Vec<&str> = segment[start..end].split_whitespace().collect();
            let capitalised = words.iter().all(|w| w.starts_with(char::is_uppercase));
            let name = ((1..=4).contains(&words.len()) && capitalised)
                .then(|| rules.outlet_for(&segment[start..end]));
            name.flatten().map(|name| (start, end, name))
        })
}

/// Where the first separator of `front` is: a dash, en or em dash or bar set off by a space
/// before it (or a second hyphen after it); a dash inside a word ("Jong-un") is none.
pub(super) fn first_separator(front: &str) -> Option<usize> {
    front.char_indices().find_map(|(at, c)| {
        let set_off = || front[..at].ends_with(' ') || front[at + c.len_utf8()..].starts_with('-');
        (matches!(c, '-' | '–' | '—' | '|') && set_off()).then_some(at)
    })
}

/// Whole words of three or more capitals and digits, starting with a capital ("KOMPAS",
/// "CNN"), with where each starts; a word is a run of letters, digits and underscores.
pub(super) fn capital_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|word| {
            let mut chars = word.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.all(|c| c.is_uppercase() || c.is_ascii_digit())
                && word.chars().nth(2).is_some()
        })
        .map(move |word| (word.as_ptr() as usize - text.as_ptr() as usize, word))
}

/// "TubanSURYA.co.id": a masthead glued to the word before it starts at the first capital
/// after the last lower-case letter.
fn unglue(front: &str, start: usize, end: usize) -> (usize, &str) {
    let token = &front[start..end];
    let name_end = token.find('.').unwrap_or(token.len());
    let name = &token[..name_end];
    if let Some((i, _)) = name
        .char_indices()
        .collect::<Vec<_>>()
        .windows(2)
        .rev()
        .find(|w| w[0].1.is_lowercase() && w[1].1.is_uppercase())
        .map(|w| w[1])
        && name[i..].chars().all(|c| !c.is_lowercase())
    {
        return (start + i, &front[start + i..end]);
    }
    (start, token)
}

/// A short label glued to a masthead ("Berita Tuban"): a few words, no sentence in it.
fn is_label(before: &str) -> bool {
    let words = before.split_whitespace().count();
    (1..=5).contains(&words) && !before.contains(['.', '!', '?', ',', ':'])
}

/// "Tribunnews.com, M Zulfikar" → "M Zulfikar"; "Gun Gun Heryanto" stays.
pub(super) fn reporter_name(prefix: &str) -> String {
    let name = prefix.rsplit(',').next().unwrap_or(prefix).trim();
    if is_domain(name) {
        String::new()
    } else {
        name.to_string()
    }
}
