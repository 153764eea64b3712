//! Turning a scraped text file into an [`Article`]: headline, section, standfirst, byline,
//! dateline, date and outlet pulled out; boilerplate taken out of the body and kept, in order,
//! under the name of the rule that took it.

use super::dateline::{Dateline, dateline, domain_in, reporter_line, signature};
use super::dates::{self, ArticleDate};
use super::decode::decode;
use super::fold::fold_into;
use super::headline::{is_headline, is_title_line, site_suffix};
use super::{Article, Origin, Removed};
use crate::rules::{Role, Rules};
use std::path::PathBuf;
use std::sync::Arc;

pub use super::headline::{DERIVED_TITLE_MAX, derive_title};
/// How many lines from the top a dateline may be found in.
const HEAD_WINDOW: usize = 5;

/// Decodes a file's bytes and parses them; an encoding guess becomes a warning.
pub fn parse_bytes(bytes: &[u8], rules: &Rules) -> Article {
    parse_bytes_with(bytes, rules, Searchable::Yes)
}

/// Whether a parsed article gets the folded text that searching its body needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Searchable {
    Yes,
    /// Not wanted (an article read again to be shown, `--list` with no filter): folding a
    /// body costs about a tenth of parsing it.
    No,
}

/// [`parse_bytes`], with or without the body's search text.
pub fn parse_bytes_with(bytes: &[u8], rules: &Rules, searchable: Searchable) -> Article {
    let decoded = decode(bytes);
    let mut article = parse_with(&decoded.text, rules, searchable);
    article.content_hash = xxhash_rust::xxh3::xxh3_64(bytes);
    if let Some(warning) = decoded.warning {
        article.warnings.insert(0, warning);
    }
    article
}

/// One line of the file, and what became of it.
struct Slot<'r> {
    /// The trimmed line as written.
    original: String,
    /// The line with white space made plain (tabs, no-break spaces, runs of spaces).
    clean: String,
    /// `None` while the line is body text; the rule's name once a rule took it (names of
    /// rules from the rules file are borrowed from it).
    rule: Option<&'r str>,
    /// A prefix (dateline) taken off the front of a body line.
    head: Option<Removed>,
    /// A tag taken off the end of a body line.
    tail: Option<Removed>,
    /// A blank line follows this one in the file.
    blank_after: bool,
    /// The file's first line, set off by a blank line and shaped like a title.
    title_line: bool,
}

impl Slot<'_> {
    fn is_body(&self) -> bool {
        self.rule.is_none()
    }
}

/// Parses decoded text. `id`, `path` and `origin` are left for the caller to fill in.
pub fn parse(text: &str, rules: &Rules) -> Article {
    parse_with(text, rules, Searchable::Yes)
}

/// [`parse`], with or without the body's search text. The phases run in order, each a
/// function: split into lines, mark the lines rules recognise anywhere, read the head,
/// cut editors' tags, assemble body and removed lines, and fill in what is still missing.
pub fn parse_with(text: &str, rules: &Rules, searchable: Searchable) -> Article {
    let mut slots = split_lines(text);
    let mut article = empty_article(text);
    let credits = mark_rule_lines(&mut slots, rules, &mut article);
    let mut credits = credits;
    let stamp = read_head(&mut slots, rules, &mut article, &mut credits);
    cut_editor_tags(&mut slots, rules);
    assemble(slots, &mut article);
    finish(&mut article, credits, stamp, searchable);
    article
}

/// The file's non-blank lines, trimmed, each with its spaces made plain.
fn split_lines(text: &str) -> Vec<Slot<'static>> {
    let mut slots: Vec<Slot> = Vec::new();
    let mut blank_since_last = false;
    // "\r\n" is one line end; a lone "\r" is one too.
    for line in text
        .split('\n')
        .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'))
    {
        let original = line.trim_matches(is_space);
        if original.is_empty() {
            blank_since_last = true;
            continue;
        }
        if let Some(last) = slots.last_mut() {
            last.blank_after = blank_since_last;
        }
        blank_since_last = false;
        slots.push(Slot {
            original: original.to_string(),
            clean: clean_spaces(&decode_entities(original)),
            rule: None,
            head: None,
            tail: None,
            blank_after: false,
            title_line: false,
        });
    }
    if let Some(last) = slots.last_mut() {
        last.blank_after = true;
    }
    slots
}

/// An article with nothing found yet, keyed by the text's hash.
fn empty_article(text: &str) -> Article {
    Article {
        id: String::new(),
        path: PathBuf::new(),
        outlet: None,
        title: String::new(),
        title_derived: false,
        section: None,
        dateline: None,
        date: None,
        date_inferred: false,
        authors: Vec::new(),
        editors: Vec::new(),
        sources: Vec::new(),
        lead: None,
        paragraphs: Vec::new(),
        removed: Vec::new(),
        warnings: Vec::new(),
        origin: Origin::Memory,
        search_body: Box::default(),
        search_title: Box::default(),
        has_body: true,
        content_hash: xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
    }
}

/// Outlets named outside the dateline, used when the dateline names none.
#[derive(Default)]
struct Credits {
    /// From a site's name after the headline: "Headline | Reuters".
    site: Option<String>,
    /// From a signature line: "(Tribunnews.com, Name)".
    signature: Option<String>,
    /// From a web address in the copyright footer.
    footer: Option<String>,
}

/// Marks the lines that a rule recognises wherever they stand: bylines, signatures,
/// boilerplate, photo credits.
fn mark_rule_lines<'r>(slots: &mut [Slot<'r>], rules: &'r Rules, article: &mut Article) -> Credits {
    let mut credits = Credits::default();
    // The first line (or the one after a section label) set off by a blank line is the title.
    for n in 0..slots.len().min(2) {
        if slots[n].blank_after && is_title_line(&slots[n].clean, rules) {
            slots[n].title_line = !rules.is_section(&slots[n].clean);
            break;
        }
        if !rules.is_section(&slots[n].clean) {
            break;
        }
    }
    for slot in slots.iter_mut() {
        let line = slot.clean.as_str();
        if slot.title_line {
            continue;
        }
        if line.chars().count() <= 160 && rules.is_byline(line) {
            read_byline(line, rules, article);
            slot.rule = Some("byline");
        } else if let Some(name) = reporter_line(line) {
            push_unique(&mut article.authors, name);
            slot.rule = Some("reporter");
        } else if let Some((outlet, author)) = signature(line, rules) {
            credits.signature = credits.signature.or(outlet);
            if let Some(author) = author {
                push_unique(&mut article.authors, author);
            }
            slot.rule = Some("signature");
        } else if let Some(rule) = rules.boilerplate_rule(line) {
            if rule == "copyright" {
                credits.footer = credits
                    .footer
                    .or_else(|| domain_in(line).and_then(|d| rules.outlet_for(d)));
            }
            slot.rule = Some(rule);
        } else if rules.is_photo_credit(line) {
            slot.rule = Some("photo-credit");
        }
    }
    credits
}

/// Reads the head: section, headline, stamp, standfirst, captions and the dateline. Returns
/// the publication stamp, if the head has one.
fn read_head(
    slots: &mut [Slot],
    rules: &Rules,
    article: &mut Article,
    credits: &mut Credits,
) -> Option<ArticleDate> {
    let body: Vec<usize> = (0..slots.len()).filter(|&i| slots[i].is_body()).collect();
    let mut next = 0;
    if let Some(&i) = body.get(next)
        && body.len() > 1
        && rules.is_section(&slots[i].clean)
    {
        article.section = Some(slots[i].clean.clone());
        slots[i].rule = Some("section");
        next += 1;
    }
    if let Some(&i) = body.get(next)
        && (slots[i].title_line || body.len() > next + 1 && is_headline(&slots[i].clean, rules))
    {
        take_headline(&mut slots[i], rules, article, credits);
        next += 1;
    }
    let mut stamp = None;
    if let Some(&i) = body.get(next)
        && let Some((date, len)) = dates::stamp_at_start(&slots[i].clean)
        && len + 2 >= slots[i].clean.len()
    {
        stamp = Some(date);
        slots[i].rule = Some("stamp");
        next += 1;
    }
    let head_end = body.len().min(next + HEAD_WINDOW);
    let found = find_dateline(slots, &body, next, head_end, rules);
    let first_text = match found {
        Some(FoundDateline {
            at: k,
            dateline,
            whole,
            cut,
        }) => {
            let i = body[k];
            for &w in &whole {
                slots[w].rule = Some("dateline");
            }
            let prefix = slots[i].clean[..cut].trim_end().to_string();
            slots[i].clean = slots[i].clean[cut..].to_string();
            slots[i].head = Some(Removed {
                rule: "dateline".into(),
                text: prefix,
            });
            article.outlet = dateline.outlet.map(Arc::from);
            article.dateline = dateline.place;
            if let Some(reporter) = dateline.reporter {
                push_unique(&mut article.authors, reporter);
            }
            stamp = stamp.or(dateline.stamp);
            let first_spread = whole
                .first()
                .map_or(k, |&w| body.iter().position(|&b| b == w).unwrap_or(k));
            mark_standfirst(slots, &body[next..first_spread], article);
            Some(i)
        }
        None => {
            // Without a dateline, a standfirst is a line set off by a byline or photo credit
            // right after it, near the top.
            if let Some(&i) = body.get(next)
                && slots
                    .get(i + 1)
                    .is_some_and(|s| matches!(s.rule, Some("byline" | "photo-credit")))
                && body.len() > next + 1
            {
                mark_standfirst(slots, &body[next..next + 1], article);
            }
            None
        }
    };
    if let (Some(i), Some(lead)) = (first_text, &article.lead)
        && slots[i].clean == *lead
    {
        slots[i].rule = Some("duplicate-lead");
    }
    stamp
}

/// A dateline found in the head: the body position of the line the text goes on in, the
/// dateline, the short lines before that it took whole, and the bytes it takes off the line.
struct FoundDateline {
    at: usize,
    dateline: Dateline,
    whole: Vec<usize>,
    cut: usize,
}

/// The dateline in the head window: one that names an outlet first, possibly spread over
/// short lines ("Hong Kong" / "CNN" / "—" / text, or "JAKARTA, KOMPAS.com" / "- text"); else
/// the first that names only a place, so a caption such as "Ilustrasi - Alat peraga" before
/// the real dateline does not hide it.
fn find_dateline(
    slots: &[Slot],
    body: &[usize],
    from: usize,
    to: usize,
    rules: &Rules,
) -> Option<FoundDateline> {
    let mut place_only = None;
    for k in from..to {
        let line = &slots[body[k]].clean;
        if let Some(d) = dateline(line, rules) {
            let found = FoundDateline {
                at: k,
                cut: d.len,
                dateline: d,
                whole: Vec::new(),
            };
            if found.dateline.outlet.is_some() {
                return Some(found);
            }
            place_only.get_or_insert(found);
            continue;
        }
        if let Some(found) = spread_dateline(slots, body, k, rules) {
            return Some(found);
        }
    }
    place_only
}

/// A dateline spread over short lines from body position `k`, joined as one line would read.
fn spread_dateline(
    slots: &[Slot],
    body: &[usize],
    k: usize,
    rules: &Rules,
) -> Option<FoundDateline> {
    let mut prefix = String::new();
    let mut whole = Vec::new();
    for m in k..body.len().min(k + 4) {
        let line = slots[body[m]].clean.as_str();
        let words = line.split_whitespace().count();
        let short = line.chars().count() <= 40
            && words <= 4
            && !line.ends_with(['.', '!', '?', ',', ';', ':']);
        if short && m + 1 < body.len() {
            let separator_only = line.chars().all(|c| matches!(c, '-' | '–' | '—' | '|'));
            if separator_only {
                prefix.push(' ');
            } else if !prefix.is_empty() && !prefix.ends_with(' ') {
                prefix.push_str(", ");
            }
            prefix.push_str(line);
            whole.push(body[m]);
            continue;
        }
        if whole.is_empty() {
            return None;
        }
        let offset = prefix.len() + 1;
        let joined = format!("{prefix} {line}");
        let d = dateline(&joined, rules)?;
        return (d.outlet.is_some() && d.len >= offset).then(|| FoundDateline {
            at: m,
            cut: d.len - offset,
            dateline: d,
            whole,
        });
    }
    None
}

/// Cuts tags of editors' initials off the end of paragraphs.
fn cut_editor_tags(slots: &mut [Slot], rules: &Rules) {
    for slot in slots.iter_mut().filter(|s| s.is_body()) {
        if let Some((at, rule)) = rules.trailing_tag(&slot.clean) {
            slot.tail = Some(Removed {
                rule: rule.to_string(),
                text: slot.clean[at..].trim().to_string(),
            });
            slot.clean.truncate(at);
            if slot.clean.trim().is_empty() {
                slot.rule = Some("editor-tag");
            }
        }
    }
}

/// Puts the body paragraphs and the removed lines into the article, in file order.
fn assemble(slots: Vec<Slot>, article: &mut Article) {
    for slot in slots {
        // A removed line whose dateline was taken off first keeps only its remainder here.
        let removed_text = if slot.head.is_some() {
            slot.clean.clone()
        } else {
            slot.original
        };
        if let Some(head) = slot.head {
            article.removed.push(head);
        }
        match slot.rule {
            None if !slot.clean.trim().is_empty() => {
                article.paragraphs.push(slot.clean.trim().to_string())
            }
            None => {}
            Some(rule) => article.removed.push(Removed {
                rule: rule.to_string(),
                text: removed_text,
            }),
        }
        if let Some(tail) = slot.tail {
            article.removed.push(tail);
        }
    }
}

/// Fills in what the text did not give directly: the outlet from the credits, a title from
/// the lede, a date from the text, and the folded search text.
fn finish(
    article: &mut Article,
    credits: Credits,
    stamp: Option<ArticleDate>,
    searchable: Searchable,
) {
    if article.outlet.is_none() {
        article.outlet = credits
            .site
            .or(credits.signature)
            .or(credits.footer)
            .map(Arc::from);
    }
    if article.title.is_empty() {
        let lede = article
            .lead
            .as_deref()
            .or(article.paragraphs.first().map(String::as_str));
        article.title = lede.map(derive_title).unwrap_or_default();
        article.title_derived = true;
    }
    match stamp {
        Some(date) => article.date = Some(date),
        None => {
            let text = article.lead.iter().chain(&article.paragraphs);
            article.date = text
                .flat_map(|p| dates::complete_dates(p))
                .max_by_key(|d| d.sort_key());
            article.date_inferred = article.date.is_some();
        }
    }
    if searchable == Searchable::Yes {
        article.search_body = search_text(article).into_boxed_str();
    }
    article.search_title = super::fold::fold(&article.title).into_boxed_str();
}

/// The headline, with a site's name after it ("… | Reuters") taken off and kept apart.
fn take_headline(slot: &mut Slot, rules: &Rules, article: &mut Article, credits: &mut Credits) {
    slot.rule = Some("headline");
    let Some(suffix) = site_suffix(&slot.clean, rules) else {
        article.title = slot.clean.clone();
        return;
    };
    article.title = slot.clean[..suffix.headline_len].to_string();
    let rest = slot.clean[suffix.headline_len..].trim().to_string();
    slot.original = article.title.clone();
    slot.tail = Some(Removed {
        rule: "site-name".into(),
        text: rest,
    });
    credits.site = suffix.outlet;
}

fn mark_standfirst(slots: &mut [Slot], before_first: &[usize], article: &mut Article) {
    let mut after_credit = false;
    for (n, &i) in before_first.iter().enumerate() {
        if n == 0 {
            article.lead = Some(slots[i].clean.clone());
            slots[i].rule = Some("lead");
        } else if after_credit || slots[i - 1].rule == Some("photo-credit") {
            slots[i].rule = Some("photo-caption");
            after_credit = true;
        }
    }
}

/// The folded text that body searches run over.
fn search_text(article: &Article) -> String {
    let mut out = String::with_capacity(
        article
            .paragraphs
            .iter()
            .map(|p| p.len() + 1)
            .sum::<usize>()
            + article.lead.as_ref().map_or(0, String::len),
    );
    for paragraph in article.lead.iter().chain(&article.paragraphs) {
        fold_into(paragraph, &mut out);
        out.push('\n');
    }
    out
}

/// HTML entities left by a scraper ("&lt;", "&#39;", "&rsquo;") decoded; an entity for a
/// control character ("&#3;") is dropped rather than decoded.
fn decode_entities(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains('&') || !line.contains(';') {
        return std::borrow::Cow::Borrowed(line);
    }
    let decoded = html_escape::decode_html_entities(line);
    if decoded.chars().any(|c| c.is_control()) && !line.chars().any(|c| c.is_control()) {
        return std::borrow::Cow::Owned(decoded.chars().filter(|c| !c.is_control()).collect());
    }
    decoded
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Tabs, no-break spaces and runs of white space become one plain space.
fn clean_spaces(line: &str) -> String {
    if !line.contains(|c: char| c != ' ' && is_space(c)) && !line.contains("  ") {
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

fn push_unique(list: &mut Vec<String>, name: String) {
    if !name.is_empty() && !list.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
        list.push(name);
    }
}

/// "Penulis : Haryo Jati Editor : Tito-Dirhantoro" → author Haryo Jati, editor Tito-Dirhantoro.
fn read_byline(line: &str, rules: &Rules, article: &mut Article) {
    let labels: Vec<_> = rules.byline_split.captures_iter(line).collect();
    for (n, caps) in labels.iter().enumerate() {
        let whole = caps.get(0).expect("a match has group 0");
        let label = caps.get(1).expect("the pattern has group 1").as_str();
        let end = labels
            .get(n + 1)
            .map_or(line.len(), |next| next.get(0).expect("group 0").start());
        let names =
            line[whole.end()..end].trim_matches(|c: char| c.is_whitespace() || "|,;/".contains(c));
        let list = match rules.role_of(label) {
            Some(Role::Author) => &mut article.authors,
            Some(Role::Editor) => &mut article.editors,
            Some(Role::Source) => &mut article.sources,
            None => continue,
        };
        for name in names.split(['|', ';']).map(str::trim) {
            push_unique(list, name.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> &'static Rules {
        Rules::builtin()
    }

    #[test]
    fn bylines_split_by_label() {
        let mut article = parse("", rules());
        read_byline(
            "Penulis : Haryo Jati Editor : Tito-Dirhantoro",
            rules(),
            &mut article,
        );
        read_byline(
            "Penulis: rika irawati | Editor: rika irawati",
            rules(),
            &mut article,
        );
        read_byline("Sumber : Associated Press", rules(), &mut article);
        assert_eq!(article.authors, ["Haryo Jati", "rika irawati"]);
        assert_eq!(article.editors, ["Tito-Dirhantoro", "rika irawati"]);
        assert_eq!(article.sources, ["Associated Press"]);
    }

    #[test]
    fn headlines() {
        assert!(is_headline(
            "Putin dan Kim Jong-Un Tandatangani Kerja Sama Hadapi Lawan",
            rules()
        ));
        assert!(!is_headline("Aliansi Gagal?", rules()), "too few words");
        assert!(!is_headline(
            "Putin mengundang Kim ke Moskow untuk pertemuan lainnya.",
            rules()
        ));
        assert!(!is_headline(
            "TRIBUNNEWS.COM – Presiden Rusia Vladimir Putin tiba",
            rules()
        ));
    }

    #[test]
    fn derived_titles_cut_at_words() {
        let long = "Presiden Rusia Vladimir Putin dan pemimpin Korea Utara Kim Jong-un menandatangani perjanjian yang mencakup janji untuk saling melindungi. Kalimat kedua.";
        let title = derive_title(long);
        assert!(title.ends_with('…'), "{title}");
        assert!(title.chars().count() <= DERIVED_TITLE_MAX);
        assert!(long.starts_with(title.trim_end_matches('…')));
        assert_eq!(
            derive_title("Kim tiba di Moskow. Lalu pulang."),
            "Kim tiba di Moskow"
        );
        assert_eq!(derive_title("Dr. Kim tiba. Lalu"), "Dr. Kim tiba");
    }

    #[test]
    fn crlf_and_lone_cr_split_lines() {
        let article = parse(
            "Judul Berita Yang Cukup Panjang\r\nParagraf satu.\rParagraf\tdua.\r\n",
            rules(),
        );
        assert_eq!(article.title, "Judul Berita Yang Cukup Panjang");
        assert_eq!(article.paragraphs, ["Paragraf satu.", "Paragraf dua."]);
    }

    #[test]
    fn nothing_is_lost() {
        let text = "Berita Internasional\n\nJudul Berita Yang Cukup Panjang\nJAKARTA - Isi pertama. [ab/cd]\nBaca juga: lain\nAA\n";
        let article = parse(text, rules());
        let rules_seen: Vec<&str> = article.removed.iter().map(|r| r.rule.as_str()).collect();
        assert_eq!(
            rules_seen,
            [
                "section",
                "headline",
                "dateline",
                "editor-tag",
                "related-link",
                "navigation"
            ]
        );
        assert_eq!(article.paragraphs, ["Isi pertama."]);
        assert_eq!(article.dateline.as_deref(), Some("Jakarta"));
    }
}
