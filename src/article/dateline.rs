//! Where a text names its outlet: a dateline at the start of the first paragraph
//! ("JAKARTA, KOMPAS.com - ", "Jakarta (ANTARA) - "), a signature line at the end
//! ("(Tribunnews.com, Name)"), or a web address in the copyright footer.

use super::dates::{self, ArticleDate};
use crate::rules::{Rules, title_case};
use regex::Regex;
use std::sync::OnceLock;

/// What a dateline at the start of the first paragraph said.
#[derive(Debug, Default, PartialEq)]
pub struct Dateline {
    /// Bytes of the paragraph that the dateline (and any stamp before it) takes.
    pub len: usize,
    pub outlet: Option<String>,
    pub place: Option<String>,
    pub stamp: Option<ArticleDate>,
}

fn signature_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\(\s*([\p{L}0-9][\p{L}0-9 .-]{1,40}?)\s*(?:[,/]\s*([^()]{1,60}?))?\s*\)$")
            .expect("signature pattern is valid")
    })
}

/// "(Tribunnews.com, Tiara Shelavie)": the outlet it names and the author, when the first
/// part is an outlet (a known one or a web address).
pub fn signature(line: &str, rules: &Rules) -> Option<(Option<String>, Option<String>)> {
    let caps = signature_regex().captures(line)?;
    let token = caps.get(1)?.as_str();
    let outlet = rules.outlet_for(token);
    if outlet.is_none() && !is_domain(token) {
        return None;
    }
    let author = caps.get(2).map(|a| a.as_str().trim().to_string());
    Some((outlet.or_else(|| Some(display_domain(token))), author))
}

fn domain_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\b[a-z0-9-]+(?:\.(?:com|co\.id|co|id|tv|net|org|news))+\b")
            .expect("domain pattern is valid")
    })
}

fn is_domain(token: &str) -> bool {
    domain_regex()
        .find(token)
        .is_some_and(|m| m.len() == token.len())
}

pub fn domain_in(line: &str) -> Option<&str> {
    domain_regex().find(line).map(|m| m.as_str())
}

/// An outlet's web address as a name, when no rule knows it: "BERITASATU.COM" → "Beritasatu.com".
fn display_domain(token: &str) -> String {
    if token.chars().any(char::is_lowercase) {
        token.to_string()
    } else {
        title_case(token)
    }
}

fn label_stamp_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^[^|]{1,40}?\s*\|\s*").expect("label pattern is valid"))
}

fn dateline_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(.{2,60}?)(?:\s+-{1,2}|\s*[–—]{1,2})\s*").expect("dateline pattern is valid")
    })
}

fn antara_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^(.+?)\s*\(([^()]+)\)$").expect("parenthesis pattern is valid"))
}

/// A dateline at the start of a paragraph: "TRIBUNNEWS.COM – ", "TRIBUNBANYUMAS.COM, SEOUL - ",
/// "Kompas dunia | 20 Juni 2024, 08:50 WIBPYONGYANG, KOMPAS.TV - ", "Jakarta (ANTARA) - ".
pub fn dateline(text: &str, rules: &Rules) -> Option<Dateline> {
    let mut found = Dateline::default();
    let mut rest = text;
    if let Some(label) = label_stamp_regex().find(text)
        && let Some((date, len)) = dates::stamp_at_start(&text[label.end()..])
    {
        found.stamp = Some(date);
        found.len = label.end() + len;
        rest = text[found.len..].trim_start_matches([' ', ',']);
        found.len = text.len() - rest.len();
    }
    let Some(caps) = dateline_regex().captures(rest) else {
        return found.stamp.is_some().then_some(found);
    };
    let head = caps.get(1)?.as_str().trim();
    let after = caps.get(0)?.end();
    let mut parts: Vec<&str> = Vec::new();
    for part in head.split(',').map(str::trim) {
        match antara_regex().captures(part) {
            Some(p) => parts.extend([p.get(1)?.as_str(), p.get(2)?.as_str()]),
            None => parts.push(part),
        }
    }
    let mut outlet = None;
    let mut place = None;
    let plausible = parts.len() <= 2
        && parts.iter().all(|part| {
            if let Some(name) = rules.outlet_for(part) {
                outlet = outlet.take().or(Some(name));
                true
            } else if is_domain(part) {
                outlet = outlet.take().or_else(|| Some(display_domain(part)));
                true
            } else if is_place(part) && place.is_none() {
                place = Some(if part.chars().any(char::is_lowercase) {
                    part.to_string()
                } else {
                    title_case(part)
                });
                true
            } else {
                false
            }
        });
    if !plausible {
        return found.stamp.is_some().then_some(found);
    }
    found.len += after;
    found.outlet = outlet;
    found.place = place;
    Some(found)
}

/// One to three capitalised words of letters: "Pyongyang", "SEOUL", "Kota Bandung".
fn is_place(part: &str) -> bool {
    let words: Vec<&str> = part.split(' ').collect();
    (1..=3).contains(&words.len())
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.all(|c| c.is_alphabetic() || c == '.' || c == '\'')
        })
}
