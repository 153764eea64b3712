//! Where a text names its outlet: a dateline at the start of the first paragraph, a signature
//! line at the end ("(Tribunnews.com, Name)"), or a web address in the copyright footer.
//!
//! A dateline is read as a small grammar rather than matched against a list:
//!
//! ```text
//! dateline  = [label-stamp] [reporter] ( masthead-form | agency-form | place-form ) text
//! masthead  = web address ("KOMPAS.com", "FOOBAR.CO.ID") | a name the rules know ("KOMPAS")
//! masthead-form = [PLACE ","] MASTHEAD ["," PLACE] [SEP]     "JAKARTA, KOMPAS.com - "
//! agency-form   = [PLACE [", " Month Day]] "(" NAME ["/" CODE] ")" SEP   "Jakarta (ANTARA) - "
//! place-form    = PLACE ["," REGION] ["," Month Day] SEP      "NEW DELHI: ", "Pyongyang – ",
//!                 "GREENWICH, Conn., March 18 - " (REGION: an abbreviated state, "N.Y.")
//! SEP       = "-" | "--" | "–" | "—" | "–-" | "|" | ":"   (spaces optional on either side)
//! reporter  = "Laporan Wartawan Tribunnews.com, Name" | "Oleh: Name"   (glued or not)
//! ```
//!
//! A masthead may be glued to a word before it ("Berita TubanSURYA.co.id | TUBAN - ") or to
//! the text after it ("REPUBLIKA.CO.ID, MILANFederasi …"); a web address needs no separator.

use super::dates::{self, ArticleDate};
use super::outlet::{name_as_written, outlet_name};
use crate::rules::{Rules, title_case};
use regex::Regex;
use std::sync::OnceLock;

pub use super::outlet::domain_in;

#[path = "dateline_masthead.rs"]
mod masthead;
#[cfg(test)]
use masthead::{capital_words, first_separator};
use masthead::{masthead_form, reporter_name};

/// How far into a paragraph a masthead may start (a reporter line comes first in some).
const MASTHEAD_REACH: usize = 160;

/// What a dateline at the start of the first paragraph said.
#[derive(Debug, Default, PartialEq)]
pub struct Dateline {
    /// Bytes of the paragraph that the dateline (and any stamp before it) takes.
    pub len: usize,
    pub outlet: Option<String>,
    pub place: Option<String>,
    pub stamp: Option<ArticleDate>,
    /// The reporter a "Laporan Wartawan …, Name" or "Oleh: Name" prefix names.
    pub reporter: Option<String>,
}

/// The compiled pattern; `pattern` is asked only the first time, so a pattern built with
/// `format!` costs nothing on the paragraphs after.
fn regex<P: AsRef<str>>(
    cell: &'static OnceLock<Regex>,
    pattern: impl FnOnce() -> P,
) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern().as_ref()).expect("dateline patterns are valid"))
}

/// A place: one to four capitalised words ("Pyongyang", "NEW DELHI", "Banda Aceh").
const PLACE: &str = r"\p{Lu}[\p{L}.'’]*(?:-\p{L}+)*(?:\s+\p{Lu}[\p{L}.'’]*(?:-\p{L}+)*){0,2}";
/// The state or region a wire dateline may put after its place, short or abbreviated:
/// ", Conn.", ", Ohio", ", N.Y.", ", D.C." (not part of the place).
const REGION: &str = r"(?:\s*,\s*(?:[A-Z][a-z]{1,4}\.?|[A-Z]\.(?:[A-Z]\.)+))?";
/// The region before an agency's name in brackets, which ends it, may be any one to three
/// capitalised words: "SEOUL, South Korea (AP) —", "GREENWICH, Conn. (Reuters) -".
const AGENCY_REGION: &str = r"(?:\s*,\s*\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,2})?";
/// The year a wire dateline may give after its month and day: "WASHINGTON, June 19, 2024 -".
const YEAR: &str = r"(?:\s*,\s*[0-9]{4})?";
/// A place in capitals only ("JAKARTA", "BANDA ACEH").
const CAPS_PLACE: &str =
    r"\p{Lu}[\p{Lu}.'’]+(?:-\p{Lu}+)*(?:\s+\p{Lu}[\p{Lu}.'’]+(?:-\p{Lu}+)*){0,3}";

/// Compiles this module's patterns now rather than at their first use (see
/// [`crate::article::compile_patterns`]).
pub(crate) fn compile_patterns() {
    for pattern in [
        separator_regex,
        signature_regex,
        label_stamp_regex,
        masthead::before_masthead_regex,
        masthead::reporter_regex,
        masthead::place_after_regex,
        masthead::place_then_dash_regex,
        masthead::caps_run_regex,
        reporter_line_regex,
        agency_regex,
        place_form_regex,
    ] {
        pattern();
    }
}

fn separator_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, || r"^\s*(?:-{1,2}|[–—][-–—]?|\||:)\s*")
}

fn signature_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        || r"^\(\s*([\p{L}0-9][\p{L}0-9 .-]+?)\s*(?:[,/]\s*([^()]+?))?\s*\)$",
    )
}

/// The signature pattern's groups: 1 the first part, 2 what follows its comma or slash.
fn signature_captures(line: &str) -> Option<regex::Captures<'_>> {
    signature_regex().captures(line).filter(|caps| {
        within(caps.get(1), SIGNATURE_NAME_CHARS) && within(caps.get(2), SIGNATURE_REST_CHARS)
    })
}

/// "(Tribunnews.com, Tiara Shelavie)", "(ANTARA/JACX)": the outlet it names and the author,
/// when the first part is an outlet (a known one or a web address).
pub fn signature(line: &str, rules: &Rules) -> Option<(Option<String>, Option<String>)> {
    if !line.starts_with('(') || !line.ends_with(')') || line.len() > 110 {
        return None;
    }
    let caps = signature_captures(line)?;
    let token = caps.get(1)?.as_str();
    let outlet = outlet_name(token, rules)?;
    // "ANTARA/JACX": the part after a slash is an editor's code, not a name.
    let author = caps
        .get(2)
        .filter(|a| !line[..a.start()].trim_end().ends_with('/'))
        .map(|a| a.as_str().trim().to_string());
    Some((Some(outlet), author))
}

/// The most characters of a signature's first part ("Tribunnews.com") and of what follows
/// its comma or slash.
const SIGNATURE_NAME_CHARS: usize = 41;
const SIGNATURE_REST_CHARS: usize = 60;
/// The most letters of the weekday or month after a place ("Washington, April 9").
const DAY_WORD_CHARS: usize = 9;
/// The most characters of an agency's name in brackets, and of the code after its slash.
const AGENCY_NAME_CHARS: usize = 31;
const AGENCY_CODE_CHARS: usize = 12;

/// Whether a group, if it took part, is at most `most` characters long. The patterns leave
/// such lengths to this check: a Unicode class repeated a bounded number of times compiles to
/// an automaton that many times its size (thousands of states), and each group's extent is
/// fixed by the characters around it, so checking after the match accepts exactly what the
/// bounded pattern did.
fn within(group: Option<regex::Match<'_>>, most: usize) -> bool {
    group.is_none_or(|m| m.as_str().chars().count() <= most)
}

fn label_stamp_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, || r"^[^|]{1,40}?\s*\|\s*")
}

/// A dateline at the start of a paragraph, read by the grammar in the module's notes.
pub fn dateline(text: &str, rules: &Rules) -> Option<Dateline> {
    let mut found = Dateline::default();
    let mut start = 0;
    if let Some(label) = label_stamp_regex().find(text)
        && let Some((date, len)) = dates::stamp_at_start(&text[label.end()..])
    {
        found.stamp = Some(date);
        let rest = text[label.end() + len..].trim_start_matches([' ', ',']);
        start = text.len() - rest.len();
    }
    let rest = &text[start..];
    let form = masthead_form(rest, rules)
        .or_else(|| agency_form(rest, rules))
        .or_else(|| place_form(rest));
    match form {
        Some(form) => {
            found.len = start + form.len;
            found.outlet = form.outlet;
            found.place = form.place.map(|p| place_name(&p));
            found.reporter = form.reporter;
            Some(found)
        }
        None if found.stamp.is_some() => {
            found.len = start;
            Some(found)
        }
        None => None,
    }
}

/// One reading of the front of a paragraph.
struct Form {
    len: usize,
    outlet: Option<String>,
    place: Option<String>,
    reporter: Option<String>,
}

fn reporter_line_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        || r"^(?i:laporan(?:\s+(?:wartawan|reporter|koresponden|kontributor))?|reporter|oleh)(?-u:\b)\s*:?\s*([^!?:]{2,80}?)\s*$",
    )
}

/// A line that only names the reporter: "Laporan Wartawan Tribunnews.com, Name", "Laporan
/// Name | Place". Returns the name.
pub fn reporter_line(line: &str) -> Option<String> {
    // Every paragraph is asked: most are done with here, without a copy.
    let starts_with_label = |label: &str| {
        line.as_bytes()
            .get(..label.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(label.as_bytes()))
    };
    if !["laporan", "reporter", "oleh"]
        .into_iter()
        .any(starts_with_label)
    {
        return None;
    }
    let caps = reporter_line_regex().captures(line.trim_end_matches('.'))?;
    let rest = caps.get(1)?.as_str();
    if rest.contains(" - ") || rest.contains(['–', '—']) {
        return None;
    }
    let name = rest.split('|').next().unwrap_or(rest);
    let name = reporter_name(name);
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitalised = words.iter().all(|w| w.starts_with(char::is_uppercase));
    ((1..=5).contains(&words.len()) && capitalised).then_some(name)
}

fn agency_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, || {
        format!(
            r"^(?:({PLACE}){AGENCY_REGION}(?:\s*,\s*(?P<day>\p{{L}}{{3,}})\.?\s+\d{{1,2}}{YEAR})?\s*|\p{{L}}{{3,}}\.?\s+\d{{1,2}}{YEAR}\s+)?\(\s*(\p{{Lu}}[\p{{L}}0-9.&' -]*?)\s*(?:/\s*(?P<code>[\p{{L}}0-9 ]+))?\)\s*((?:-{{1,2}}|[–—][-–—]?|\||:)\s*)?"
        )
    })
}

/// The agency pattern's groups: 1 the place, 3 the name, 5 the separator.
fn agency_captures(text: &str) -> Option<regex::Captures<'_>> {
    agency_regex().captures(text).filter(|caps| {
        within(caps.name("day"), DAY_WORD_CHARS)
            && within(caps.get(3), AGENCY_NAME_CHARS)
            && within(caps.name("code"), AGENCY_CODE_CHARS)
            && (caps.get(1).is_some() || month_first(text))
    })
}

/// Whether a dateline with no place opens with a month's name ("June 19 (Reuters) -"), or
/// with the agency's bracket: a word and a number before it must be a day ("Pasal 19 (KUHP)
/// -" is a law's article, not a dateline).
fn month_first(text: &str) -> bool {
    if text.starts_with('(') {
        return true;
    }
    let word = text.split([' ', '.', '\t']).next().unwrap_or("");
    word.chars().count() <= DAY_WORD_CHARS && crate::article::dates::month_number(word).is_some()
}

/// `[PLACE [, Month Day] | Month Day] "(" NAME ["/" CODE] ")" SEP`: "Jakarta (ANTARA) - ",
/// "WASHINGTON (Reuters) - ", "(CNN) -- ", "Jakarta (ANTARA/JACX) - ", "June 19 (Reuters) - ".
fn agency_form(text: &str, rules: &Rules) -> Option<Form> {
    let caps = agency_captures(text)?;
    let name = caps.get(3)?.as_str().trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitalised = words.len() <= 3
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
    // An unknown name counts when it is written as agencies write theirs ("(ZNN)") or follows
    // a place in capitals ("OSLO (Nordwire)"); "Kemarin (Senin)" is a day, not an agency.
    let place_in_capitals = caps
        .get(1)
        .is_some_and(|p| !p.as_str().chars().any(char::is_lowercase));
    let agency_like = capitalised && (place_in_capitals || !name.chars().any(char::is_lowercase));
    let known = outlet_name(name, rules);
    let end = caps.get(0)?.end();
    // "Jakarta (ANTARA/JACX)Calon …": only a known agency goes without a separator.
    if caps.get(5).is_none() && (known.is_none() || !text[end..].starts_with(char::is_uppercase)) {
        return None;
    }
    let outlet = known.or_else(|| agency_like.then(|| name_as_written(name)))?;
    Some(Form {
        len: end,
        outlet: Some(outlet),
        place: caps.get(1).map(|m| m.as_str().to_string()),
        reporter: None,
    })
}

fn place_form_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, || {
        format!(
            r"^(?:({CAPS_PLACE}){REGION}(?:\s*,\s*(?P<day1>\p{{L}}{{3,}})\.?\s+\d{{1,2}}{YEAR})?\s*(?:-{{1,2}}|[–—][-–—]?|:)|({PLACE}){REGION}(?:\s*,\s*(?P<day2>\p{{L}}{{3,}})\.?\s+\d{{1,2}}{YEAR})?(?:\s+-{{1,2}}|\s*[–—][-–—]?))\s*"
        )
    })
}

/// The place pattern's groups: 1 a place in capitals, 3 one in mixed case.
fn place_form_captures(text: &str) -> Option<regex::Captures<'_>> {
    place_form_regex().captures(text).filter(|caps| {
        within(caps.name("day1"), DAY_WORD_CHARS) && within(caps.name("day2"), DAY_WORD_CHARS)
    })
}

/// `PLACE SEP`: "Pyongyang – ", "NEW DELHI: ", "Washington, April 9 - ". A place in capitals
/// may be glued to its dash ("YOGYAKARTA--"); one in mixed case needs a space before a
/// hyphen, so "Jong-un" is never a dateline.
fn place_form(text: &str) -> Option<Form> {
    let caps = place_form_captures(text)?;
    let place = caps.get(1).or(caps.get(3))?.as_str();
    Some(Form {
        len: caps.get(0)?.end(),
        outlet: None,
        place: Some(place.to_string()),
        reporter: None,
    })
}

/// "BANDA ACEH" → "Banda Aceh"; a place written in mixed case stays as written.
fn place_name(place: &str) -> String {
    if place.chars().any(char::is_lowercase) {
        place.to_string()
    } else {
        title_case(place)
    }
}

/// The largest char boundary at or before `at`.
pub(crate) fn floor_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

#[cfg(test)]
#[path = "dateline_tests.rs"]
mod tests;
