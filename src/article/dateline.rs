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
use super::outlet::{domains_in, is_domain, name_as_written, outlet_name};
use crate::rules::{Rules, title_case};
use regex::Regex;
use std::sync::OnceLock;

pub use super::outlet::domain_in;

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
        before_masthead_regex,
        reporter_regex,
        place_after_regex,
        place_then_dash_regex,
        caps_run_regex,
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

fn before_masthead_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, || format!(r"^(?:({PLACE})\s*,\s*)?$"))
}

fn reporter_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, || {
        format!(
            r"^(?i:laporan(?:\s+(?:wartawan|reporter|koresponden|kontributor))?|oleh|reporter|penulis|by)(?-u:\b)\s*:?\s*([^!?:|]{{0,90}}?)\s*(?:,?\s*({CAPS_PLACE})\s*,\s*)?$"
        )
    })
}

fn place_after_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, || format!(r"^\s*[,.]\s*({PLACE})"))
}

fn place_then_dash_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, || {
        format!(r"^({CAPS_PLACE})\s*(?:-{{1,2}}|[–—][-–—]?)\s*")
    })
}

fn caps_run_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, || format!(r"^\s*[,.]\s*({CAPS_PLACE})"))
}

/// `[PLACE ","] MASTHEAD ["," PLACE] [SEP]`, possibly after a reporter line or a glued label.
fn masthead_form(text: &str, rules: &Rules) -> Option<Form> {
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
/// before it (or a second hyphen after it); a dash inside a word ("Jong-un") is none. Read by
/// bytes, as it runs on the head of every article: the en and em dashes are E2 80 93 and
/// E2 80 94.
fn first_separator(front: &str) -> Option<usize> {
    let bytes = front.as_bytes();
    (0..bytes.len()).find(|&at| {
        let len = match bytes[at] {
            b'-' | b'|' => 1,
            0xE2 if matches!(bytes.get(at + 1..at + 3), Some([0x80, 0x93 | 0x94])) => 3,
            _ => return false,
        };
        (at > 0 && bytes[at - 1] == b' ') || bytes.get(at + len) == Some(&b'-')
    })
}

/// Whole words of three or more capitals and digits, starting with a capital ("KOMPAS",
/// "CNN"), with where each starts; a word is a run of letters, digits and underscores. Read
/// by bytes, decoding only characters beyond ASCII: it runs on the head of every article.
fn capital_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let start = at;
            while at < bytes.len() {
                let byte = bytes[at];
                if byte < 0x80 {
                    if !(byte.is_ascii_alphanumeric() || byte == b'_') {
                        break;
                    }
                    at += 1;
                } else {
                    let c = text[at..].chars().next().expect("at a character boundary");
                    if !c.is_alphanumeric() {
                        break;
                    }
                    at += c.len_utf8();
                }
            }
            if at == start {
                // Not a word's character: the next one.
                at += text[at..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            let word = &text[start..at];
            if is_capital_word(word) {
                return Some((start, word));
            }
        }
        None
    })
}

/// A word of three or more characters, a capital first and capitals or digits after it.
fn is_capital_word(word: &str) -> bool {
    let bytes = word.as_bytes();
    if bytes.is_ascii() {
        return bytes.len() >= 3
            && bytes[0].is_ascii_uppercase()
            && bytes[1..]
                .iter()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    }
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| c.is_uppercase() || c.is_ascii_digit())
        && word.chars().nth(2).is_some()
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
fn reporter_name(prefix: &str) -> String {
    let name = prefix.rsplit(',').next().unwrap_or(prefix).trim();
    if is_domain(name) {
        String::new()
    } else {
        name.to_string()
    }
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
