//! An English byline on a line of its own: "By Jane Smith", "By Jane Smith and John Doe,
//! Reuters", "BY JANE SMITH | CNN", "By The Associated Press". Read as a small grammar, so
//! that a sentence that starts with "By" ("By Tuesday, 37% of adults…", "By the numbers")
//! is never taken for one:
//!
//! ```text
//! by-line = "By" NAME (("," | "and" | "&") NAME)* [(SEP | "for") OUTLET]  |  "By" OUTLET
//! NAME    = two to five words, each capitalised, an initial ("J.") or a particle ("de", "van")
//! OUTLET  = a name the rules know or a web address; SEP = "," "|" "-" "–" "—"
//! ```
//!
//! And a wire service's credit footer, whose parts each give a role and names: "Reporting by
//! Jane Smith in Seoul; Editing by Mark Heinrich" ([`credit_line`]).

use super::outlet::outlet_name;
use crate::rules::{Rules, title_case};
use memchr::memmem;
use std::sync::LazyLock;

/// The longest line read as a byline.
const MAX_CHARS: usize = 120;

/// Small words that stand inside a name ("Ana de Armas", "Vincent van Gogh").
const PARTICLES: [&str; 12] = [
    "de", "del", "der", "van", "von", "bin", "binti", "al", "da", "di", "la", "le",
];

/// Words no name has: a line with one of them is a sentence ("By the numbers").
const NOT_IN_NAMES: [&str; 13] = [
    "the", "a", "an", "of", "in", "on", "at", "to", "with", "from", "this", "that", "its",
];

/// What a byline line says: its authors and the outlet it credits.
#[derive(Debug, Default, PartialEq)]
pub struct ByLine {
    pub authors: Vec<String>,
    pub outlet: Option<String>,
}

/// `line` read as an English byline, when it is one.
pub fn by_line(line: &str, rules: &Rules) -> Option<ByLine> {
    // Every line is asked: most are done with at their first two bytes.
    let head = line.as_bytes().get(..3)?;
    if !head[..2].eq_ignore_ascii_case(b"by") || head[2] != b' ' {
        return None;
    }
    let rest = line[3..].trim().trim_end_matches('.');
    if rest.is_empty()
        || rest.chars().count() > MAX_CHARS
        || rest.contains(['!', '?', ';', ':', '"', '“', '”', '(', ')'])
    {
        return None;
    }
    if let Some(outlet) = outlet_name(rest, rules) {
        return Some(ByLine {
            authors: Vec::new(),
            outlet: Some(outlet),
        });
    }
    let (names, outlet) = match credited_outlet(rest, rules) {
        Some((at, outlet)) => (&rest[..at], Some(outlet)),
        None => (rest, None),
    };
    let mut authors = Vec::new();
    for name in names
        .split([',', '&'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
    {
        authors.push(as_name(name)?);
    }
    Some(ByLine { authors, outlet })
}

/// The outlet credited at the end of a byline's names ("…, Reuters", "… | CNN", "… for
/// BBC News"), with where its separator starts.
fn credited_outlet(rest: &str, rules: &Rules) -> Option<(usize, String)> {
    [", ", " | ", " - ", " – ", " — ", " for "]
        .into_iter()
        .filter_map(|sep| rest.rfind(sep).map(|at| (at, at + sep.len())))
        .max_by_key(|&(at, _)| at)
        .and_then(|(at, after)| outlet_name(rest[after..].trim(), rules).map(|name| (at, name)))
}

/// A word as names are written: a capital, then letters, hyphens and apostrophes, and any of
/// `also` ("St.", "A&E" in a picture credit).
fn is_capitalised_word(word: &str, also: &[char]) -> bool {
    word.starts_with(char::is_uppercase)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’') || also.contains(&c))
}

/// `text` as a person's name, when it reads as one: title-cased when it is in capitals.
fn as_name(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let word_fits = |word: &&str| {
        let initial = word.len() <= 4
            && word.ends_with('.')
            && word.split_terminator('.').all(|p| p.chars().count() == 1);
        let capitalised = is_capitalised_word(word, &[]);
        (initial || capitalised || PARTICLES.contains(word))
            && !NOT_IN_NAMES.contains(&word.to_lowercase().as_str())
    };
    let ends_capitalised =
        |word: Option<&&str>| word.is_some_and(|w| w.starts_with(char::is_uppercase));
    let fits = (2..=5).contains(&words.len())
        && words.iter().all(word_fits)
        && ends_capitalised(words.first())
        && ends_capitalised(words.last());
    if !fits {
        return None;
    }
    let name = words.join(" ");
    let in_capitals = !name.chars().any(char::is_lowercase);
    Some(if in_capitals { title_case(&name) } else { name })
}

/// What a wire service's credit footer says: who reported and wrote the story, who edited
/// it. "Reporting by Jane Smith in Seoul; Additional reporting by Ivan Petrov in Moscow;
/// Editing by Mark Heinrich", "Writing by Jane Smith; Editing by John Doe and Ana Lim".
#[derive(Debug, Default, PartialEq)]
pub struct CreditLine {
    pub authors: Vec<String>,
    pub editors: Vec<String>,
}

/// The roles a credit footer gives, as its parts begin; a part may give two ("Reporting and
/// writing by").
const CREDIT_ROLES: [(&str, bool); 8] = [
    ("reporting", true),
    ("writing", true),
    ("additional reporting", true),
    ("compiled", true),
    ("research", true),
    ("editing", false),
    ("additional editing", false),
    ("fact-checking", false),
];

/// `line` read as a credit footer, when every part of it is one: a role, "by", and names,
/// each perhaps with where they reported from ("Jane Smith in Seoul").
pub fn credit_line(line: &str) -> Option<CreditLine> {
    // Every line is asked: most are done with at their first byte, nearly all by their word.
    let first = line.as_bytes().first()?.to_ascii_lowercase();
    if !CREDIT_ROLES
        .iter()
        .any(|(role, _)| role.as_bytes()[0] == first)
    {
        return None;
    }
    let first_word = line.split_once(' ').map_or(line, |(word, _)| word);
    // The role's first word is the line's: "additional" of "additional reporting".
    let opens_a_role = CREDIT_ROLES.iter().any(|(role, _)| {
        let (role, word) = (role.as_bytes(), first_word.as_bytes());
        role.len() >= word.len()
            && role[..word.len()].eq_ignore_ascii_case(word)
            && role.get(word.len()).is_none_or(|&b| b == b' ')
    });
    if !opens_a_role || line.chars().count() > 300 {
        return None;
    }
    let mut credit = CreditLine::default();
    for part in line.trim_end_matches('.').split(';').map(str::trim) {
        let lower = part.to_lowercase();
        let (roles, _) = lower.split_once(" by ")?;
        let names = &part[roles.len() + 4..];
        let mut authors = false;
        for role in roles.split(" and ").map(str::trim) {
            let &(_, author) = CREDIT_ROLES.iter().find(|(name, _)| *name == role)?;
            authors |= author;
        }
        let list = if authors {
            &mut credit.authors
        } else {
            &mut credit.editors
        };
        for name in names
            .split([',', '&'])
            .flat_map(|part| part.split(" and "))
            .map(str::trim)
            .filter(|name| !name.is_empty())
        {
            // "Jane Smith in Seoul": the place is where she reported from.
            let name = name.split_once(" in ").map_or(name, |(name, _)| name);
            list.push(as_name(name)?);
        }
    }
    (!credit.authors.is_empty() || !credit.editors.is_empty()).then_some(credit)
}

/// The ends of a line that says who else reported the story.
const CONTRIBUTED: [&str; 4] = [
    " contributed to this report",
    " contributed to this story",
    " contributed to this article",
    " contributed reporting",
];

/// Whether `line` says who else reported the story: "The Associated Press contributed to this
/// report.", "Fox News' Jane Smith and Reuters contributed to this report.", "Jane Smith
/// contributed reporting from Seoul."
pub fn is_contribution_line(line: &str) -> bool {
    let line = line.trim_end_matches('.');
    // Every line is asked: most are done with at their length, nearly all by the word.
    static CONTRIBUTED_WORD: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new("ontributed"));
    if line.len() > 160 || CONTRIBUTED_WORD.find(line.as_bytes()).is_none() {
        return false;
    }
    let lower = line.to_ascii_lowercase();
    let ends_at = |tail: &str| {
        lower.rfind(tail).filter(|&at| {
            let after = &lower[at + tail.len()..];
            after.is_empty() || (after.starts_with(" from ") && after.len() < 40)
        })
    };
    let Some(at) = CONTRIBUTED.iter().find_map(|tail| ends_at(tail)) else {
        return false;
    };
    let who = &line[..at];
    // Who contributed is a few names, not a sentence.
    !who.is_empty()
        && who.chars().count() <= 80
        && who.starts_with(char::is_uppercase)
        && !who.contains(['.', '!', '?', ';', ':', '"', '“', '”'])
}

/// Picture agencies that are not news outlets, as credits name them.
const PICTURE_AGENCIES: [&str; 12] = [
    "Getty Images",
    "Shutterstock",
    "Alamy",
    "EPA",
    "EPA-EFE",
    "Sipa",
    "ZUMA Press",
    "ZUMA",
    "NurPhoto",
    "SOPA Images",
    "LightRocket",
    "PA Images",
];

/// Whether `line` credits a picture: its photographer and agency slash-separated ("Ludovic
/// Marin/AFP/Getty Images", "Jane Doe/Reuters", "(John Smith/AP)", "AP Photo/Ana Lim"), or a
/// label and who took it ("Photograph: Jane Doe/AP", "(Photo by John Smith)", "Image:
/// Reuters"). Names are a few capitalised words; the agency a picture agency or a news
/// outlet; a label's credit has no full stop (a sentence after it is a caption).
pub fn is_picture_credit(line: &str, rules: &Rules) -> bool {
    // Every line is asked: most are done with at their first byte and their length.
    let line = line.strip_prefix('(').unwrap_or(line);
    let Some(&first) = line.as_bytes().first() else {
        return false;
    };
    if line.len() > 120 || !first.is_ascii_uppercase() && !matches!(first, b'p' | b'i' | b'c') {
        return false;
    }
    let line = line.strip_suffix(')').unwrap_or(line);
    labelled_credit(line) || slashed_credit(line, rules)
}

/// The labels a picture's credit starts with, before ":" or " by".
const PICTURE_LABELS: [&str; 11] = [
    "photograph",
    "photographs",
    "photo",
    "photos",
    "image",
    "images",
    "picture",
    "illustration",
    "credit",
    "video",
    "foto",
];

/// "Photograph: Jane Doe/AP", "Photo by John Smith", "Image: Reuters".
fn labelled_credit(line: &str) -> bool {
    let label_end = line
        .find(|c: char| c == ':' || c.is_whitespace())
        .unwrap_or(line.len());
    let (label, rest) = line.split_at(label_end);
    if !PICTURE_LABELS.iter().any(|l| l.eq_ignore_ascii_case(label)) {
        return false;
    }
    let rest = rest.trim_start();
    let credit = rest
        .strip_prefix(':')
        .or_else(|| rest.strip_prefix("by "))
        .or_else(|| rest.strip_prefix("By "));
    credit.is_some_and(|c| !c.trim().is_empty() && !c.contains(['.', '!', '?']))
}

/// "Ludovic Marin/AFP/Getty Images", "AP Photo/Ana Lim".
fn slashed_credit(line: &str, rules: &Rules) -> bool {
    if memchr::memchr(b'/', line.as_bytes()).is_none() {
        return false;
    }
    let is_agency =
        |part: &str| PICTURE_AGENCIES.contains(&part) || outlet_name(part, rules).is_some();
    let is_name = |part: &str| {
        (1..=5).contains(&part.split_whitespace().count())
            && part
                .split_whitespace()
                .all(|w| is_capitalised_word(w, &['.', '&']))
    };
    let parts: Vec<&str> = line.split('/').map(str::trim).collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    let agency_photo = first
        .strip_suffix(" Photo")
        .or_else(|| first.strip_suffix(" Images"))
        .is_some_and(is_agency);
    parts.iter().all(|p| is_name(p)) && (is_agency(last) || agency_photo)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> Option<ByLine> {
        by_line(line, Rules::builtin())
    }

    fn byline(authors: &[&str], outlet: Option<&str>) -> Option<ByLine> {
        Some(ByLine {
            authors: authors.iter().map(|a| a.to_string()).collect(),
            outlet: outlet.map(str::to_string),
        })
    }

    #[test]
    fn names_and_the_outlet_credited() {
        assert_eq!(read("By Jane Smith"), byline(&["Jane Smith"], None));
        assert_eq!(
            read("By Jane Smith, BBC News"),
            byline(&["Jane Smith"], Some("BBC"))
        );
        assert_eq!(
            read("By Jane Smith and John Q. Doe | Reuters"),
            byline(&["Jane Smith", "John Q. Doe"], Some("Reuters"))
        );
        assert_eq!(
            read("BY JANE SMITH, JOHN DOE & ANA DE ARMAS"),
            byline(&["Jane Smith", "John Doe", "Ana De Armas"], None)
        );
        assert_eq!(
            read("By Vincent van Gogh for CNN"),
            byline(&["Vincent van Gogh"], Some("CNN"))
        );
        assert_eq!(read("By The Associated Press"), byline(&[], Some("AP")));
        assert_eq!(
            read("By Jane Smith, theguardian.com"),
            byline(&["Jane Smith"], Some("The Guardian"))
        );
    }

    #[test]
    fn credit_footers() {
        assert_eq!(
            credit_line(
                "Reporting by Jane Smith in Seoul; Additional reporting by Ivan Petrov \
                 in Moscow and Ana Lim; Editing by Mark Heinrich"
            ),
            Some(CreditLine {
                authors: vec!["Jane Smith".into(), "Ivan Petrov".into(), "Ana Lim".into()],
                editors: vec!["Mark Heinrich".into()],
            })
        );
        assert_eq!(
            credit_line("Writing by Jane Smith; Editing by John Doe and Toby Chopra."),
            Some(CreditLine {
                authors: vec!["Jane Smith".into()],
                editors: vec!["John Doe".into(), "Toby Chopra".into()],
            })
        );
        assert_eq!(
            credit_line("Reporting and writing by Jane Smith"),
            Some(CreditLine {
                authors: vec!["Jane Smith".into()],
                editors: vec![],
            })
        );
        for line in [
            "Reporting by the agency was later disputed by officials.",
            "Editing by hand takes hours; writing by machine takes seconds",
            "Reporting by Jane Smith; the rest of the story is prose",
            "Compiled by",
            "Analysts expect rates to rise by March.",
        ] {
            assert_eq!(credit_line(line), None, "{line}");
        }
    }

    #[test]
    fn contribution_lines() {
        for line in [
            "The Associated Press contributed to this report.",
            "Fox News' Jane Smith and Reuters contributed to this report",
            "Jane Smith contributed reporting.",
            "Ivan Petrov contributed reporting from Moscow.",
        ] {
            assert!(is_contribution_line(line), "{line}");
        }
        for line in [
            "Climate change contributed to this report's bleak findings.",
            "He said many factors contributed to this report. Others disagreed",
            "contributed to this report",
            "Rising prices contributed.",
        ] {
            assert!(!is_contribution_line(line), "{line}");
        }
    }

    #[test]
    fn picture_credits() {
        let rules = Rules::builtin();
        for line in [
            "Ludovic Marin/AFP/Getty Images",
            "Jane Doe/Reuters",
            "(John Smith/AP)",
            "Ana Lim/Shutterstock",
            "AP Photo/Ana Lim",
            "Photograph: Jane Doe/AP",
            "(Photo by John Smith/Getty Images)",
            "Image: Reuters",
            "Credit: Jane Doe for The Daily Planet",
        ] {
            assert!(is_picture_credit(line, rules), "{line}");
        }
        for line in [
            "Input/output prices rose",
            "Jane Doe/Unknown Studio",
            "Reuters",
            "The price rose 5%/year, Reuters said/AP",
            "Photo: The president waves to supporters in Ohio.",
            "Photographs of the scene spread quickly",
            "Pictures/videos were shared",
        ] {
            assert!(!is_picture_credit(line, rules), "{line}");
        }
    }

    /// Sentences and headings that start with "By" are not bylines.
    #[test]
    fn sentences_that_start_with_by() {
        for line in [
            "By Tuesday, 37.3% of U.S. adults were fully vaccinated against Covid-19.",
            "By March 2017, when the Justice Department opened its investigation",
            "By noon, their own ostensible allies in Congress had buckled.",
            "By contrast, Romney operatives said Ryan won.",
            "By the numbers",
            "BY THE NUMBERS",
            "By Monday, Ms. Lauten had resigned",
            "By Land",
            "By a vote of 168 to 55",
            "By failing to act, Mr. McCulloch said, the governor erred",
            "Bystanders said",
            "By",
        ] {
            assert_eq!(read(line), None, "{line}");
        }
    }
}
