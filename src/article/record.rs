//! Files that hold a whole record rather than an article's text: a markup block
//! (`<REUTERS …><TITLE>…</TITLE><DATELINE>…</DATELINE><BODY>…</BODY>`, or a saved page's
//! `<title>` and `<body>`), or one delimited record (`title~"body"~domain~2023-12-29~url`).
//! Such a file is unwrapped into plain "headline, blank line, body" text before it is
//! parsed, and what the record says besides (its date, its site) is kept for the parser.

use super::dates::ArticleDate;
use regex::Regex;
use std::sync::OnceLock;

/// A record unwrapped.
#[derive(Debug, Default, PartialEq)]
pub struct Unwrapped {
    /// The article as plain text: the headline, a blank line, the body.
    pub text: String,
    /// The date a field of the record gives.
    pub date: Option<ArticleDate>,
    /// A web address a field of the record gives (the site's domain or the page's address).
    pub site: Option<String>,
    /// The record's other fields and its markup, kept so nothing is lost.
    pub leftover: Vec<String>,
}

/// The article inside a record, or `None` for a file that is plain text.
pub fn unwrap(text: &str) -> Option<Unwrapped> {
    let start = text.trim_start();
    if start.starts_with('<') {
        return markup(start);
    }
    delimited(text)
}

fn tag_regex(name: &str) -> Regex {
    Regex::new(&format!(r"(?is)<{name}\b[^>]*>(.*?)</{name}\s*>")).expect("tag pattern is valid")
}

struct Tags {
    title: [Regex; 3],
    dateline: Regex,
    body: [Regex; 2],
    date: Regex,
    any_tag: Regex,
}

fn tags() -> &'static Tags {
    static TAGS: OnceLock<Tags> = OnceLock::new();
    TAGS.get_or_init(|| Tags {
        title: [tag_regex("title"), tag_regex("headline"), tag_regex("h1")],
        dateline: tag_regex("dateline"),
        body: [tag_regex("body"), tag_regex("text")],
        date: tag_regex("date"),
        any_tag: Regex::new(r"(?s)<[/!?]?[A-Za-z][^<>]*>").expect("tag pattern is valid"),
    })
}

/// A markup block: its title, dateline and body elements, other markup dropped.
fn markup(text: &str) -> Option<Unwrapped> {
    let tags = tags();
    let inner = |re: &Regex| re.captures(text).and_then(|c| c.get(1)).map(|m| m.as_str());
    let body = tags.body.iter().find_map(inner)?;
    let title = tags.title.iter().find_map(inner).unwrap_or("");
    let dateline = inner(&tags.dateline).unwrap_or("");
    // The body element may hold the title and dateline again (as <TEXT> does): once is enough.
    let body = tags.title.iter().fold(body.to_string(), |b, re| {
        re.replace_all(&b, "").into_owned()
    });
    let body = tags.dateline.replace_all(&body, "").into_owned();
    let body = tags.any_tag.replace_all(&body, "");
    let title = tags.any_tag.replace_all(title, "");
    let mut out = String::with_capacity(text.len());
    out.push_str(
        title
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str(),
    );
    out.push_str("\n\n");
    out.push_str(dateline.trim());
    if !dateline.trim().is_empty() {
        out.push(' ');
    }
    out.push_str(body.trim_start_matches(['\n', '\r']));
    let date = inner(&tags.date).and_then(record_date);
    let leftover = tags
        .any_tag
        .find_iter(text)
        .map(|m| m.as_str().to_string())
        .collect();
    Some(Unwrapped {
        text: out,
        date,
        site: None,
        leftover,
    })
}

/// Compiles this module's patterns now rather than at their first use (see
/// [`crate::article::compile_patterns`]).
pub(crate) fn compile_patterns() {
    tags();
    for pattern in [url_regex, iso_date_regex, sgml_date_regex] {
        pattern();
    }
}

fn url_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(?i)(?:https?://)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?:/\S*)?$")
            .expect("url pattern is valid")
    })
}

fn iso_date_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+Z-]*)?$").expect("date pattern is valid")
    })
}

fn sgml_date_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})\b").expect("date pattern is valid")
    })
}

/// "2023-12-29", "2023-12-29 10:00:00", " 2-MAR-1987 11:28:26.03".
fn record_date(field: &str) -> Option<ArticleDate> {
    let field = field.trim();
    if let Some(c) = iso_date_regex().captures(field) {
        return ArticleDate::new(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    }
    let c = sgml_date_regex().captures(field)?;
    let month = super::dates::month_number(&c[2])?;
    ArticleDate::new(c[3].parse().ok()?, month, c[1].parse().ok()?)
}

/// One record of fields split by `~`, a tab or `|`, quoted as CSV quotes them, with at least
/// one field that is a web address or a date, so a line of prose with a tilde in it is not
/// taken for one. The longest field is the body; a short one before it, the headline.
fn delimited(text: &str) -> Option<Unwrapped> {
    let first_line = text.lines().next()?;
    let delimiter = [b'~', b'\t', b'|']
        .into_iter()
        .find(|&d| first_line.as_bytes().contains(&d))?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let record = records.next()?.ok()?;
    if records.next().is_some() || record.len() < 3 {
        return None;
    }
    let fields: Vec<&str> = record.iter().map(str::trim).collect();
    let date = fields.iter().find_map(|f| record_date(f));
    let site = fields.iter().find_map(|f| {
        url_regex()
            .captures(f)
            .filter(|_| !f.contains(' '))
            .map(|c| c[1].to_string())
    });
    if date.is_none() && site.is_none() {
        return None;
    }
    let (body_at, body) = fields
        .iter()
        .enumerate()
        .max_by_key(|(_, f)| f.len())
        .map(|(i, f)| (i, *f))?;
    let title = fields[..body_at]
        .iter()
        .rev()
        .find(|f| !f.is_empty() && f.chars().count() <= 300)
        .copied()
        .unwrap_or("");
    let leftover = fields
        .iter()
        .filter(|f| !f.is_empty() && !std::ptr::eq(**f, body) && !std::ptr::eq(**f, title))
        .map(|f| f.to_string())
        .collect();
    Some(Unwrapped {
        text: format!("{title}\n\n{body}"),
        date,
        site,
        leftover,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_markup_block_gives_title_dateline_and_body() {
        let text = "<STORY ID=\"7\">\n<DATE> 4-APR-1991 10:00:00.00</DATE>\n<TEXT>\n<TITLE>ACME &lt;ACM> BUYS MILL</TITLE>\n<DATELINE>    DENVER, April 4 - </DATELINE><BODY>Acme Corp said it bought\na mill.\n    Terms were not given.\n</BODY></TEXT>\n</STORY>";
        let u = unwrap(text).unwrap();
        assert_eq!(
            u.text,
            "ACME &lt;ACM> BUYS MILL\n\nDENVER, April 4 - Acme Corp said it bought\na mill.\n    Terms were not given.\n"
        );
        assert_eq!(u.date.unwrap().to_string(), "1991-04-04");
        assert!(u.leftover.iter().any(|t| t.starts_with("<STORY")));
    }

    #[test]
    fn a_saved_page_gives_its_title_and_body() {
        let u = unwrap(
            "<html><head><title>Banjir di Kota</title></head><body><p>Air naik.</p></body></html>",
        )
        .unwrap();
        assert_eq!(u.text, "Banjir di Kota\n\nAir naik.");
    }

    #[test]
    fn a_delimited_record_gives_title_body_date_and_site() {
        let text = "Harga Cabai Naik~\"PADANG, KORANKU.com - Harga cabai naik.\nPedagang mengeluh.\"~pasar.koranku.com~2024-02-03~https://pasar.koranku.com/read/1\n";
        let u = unwrap(text).unwrap();
        assert_eq!(
            u.text,
            "Harga Cabai Naik\n\nPADANG, KORANKU.com - Harga cabai naik.\nPedagang mengeluh."
        );
        assert_eq!(u.date.unwrap().to_string(), "2024-02-03");
        assert_eq!(u.site.as_deref(), Some("pasar.koranku.com"));
        assert_eq!(u.leftover.len(), 3);
    }

    #[test]
    fn prose_with_a_tilde_is_not_a_record() {
        assert_eq!(
            unwrap("Judul\n\nSuhu naik ~2 derajat, kata BMKG, dan hujan turun."),
            None
        );
        assert_eq!(unwrap("Judul | Sub\n\nIsi berita yang biasa saja."), None);
    }
}
