//! Turning a scraped text file into an [`Article`]: headline, section, standfirst, byline,
//! dateline, date and outlet pulled out; boilerplate taken out of the body and kept, in order,
//! under the name of the rule that took it.

mod ends;
mod head;
mod lines;
mod listed;

use super::by_line::{by_line, credit_line, is_contribution_line, is_picture_credit};
use super::dateline::{domain_in, reporter_line, signature};
use super::dates::{self, ArticleDate};
use super::decode::decode;
use super::fold::fold_into;
use super::headline::is_title_line;
use super::outlet::outlet_name;
use super::{Article, Origin, Removed};
use crate::rules::{Role, Rules, Screen};
use ends::{cut_editor_tags, mark_signature_alone, mark_split_byline, mark_tag_list};
use head::read_head;
use lines::{Slot, join_wrapped, reflow_lines, split_lines};
use thin_vec::ThinVec;

use std::sync::Arc;

pub use super::headline::{DERIVED_TITLE_MAX, derive_title};
pub(crate) use lines::compile_patterns;
pub use listed::parse_bytes_listed;

/// How far into the text (in bytes) a date may be inferred from: the opening, about 250 words.
const OPENING_BYTES: usize = 1_500;

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
    parse_decoded(bytes, |text, content_hash| {
        parse_hashed(text, rules, searchable, content_hash)
    })
}

/// Decodes a file's bytes and parses the text with `parse`, given the hash of the bytes; an
/// encoding guess becomes the article's first warning.
fn parse_decoded(bytes: &[u8], parse: impl FnOnce(&str, u64) -> Article) -> Article {
    let decoded = decode(bytes);
    let mut article = parse(&decoded.text, xxhash_rust::xxh3::xxh3_64(bytes));
    if let Some(warning) = decoded.warning {
        article.warnings.insert(0, warning);
    }
    article
}

/// Parses decoded text. `id`, `path` and `origin` are left for the caller to fill in.
pub fn parse(text: &str, rules: &Rules) -> Article {
    parse_with(text, rules, Searchable::Yes)
}

/// [`parse`], with or without the body's search text. The phases run in order, each a
/// function: split into lines, mark the lines rules recognise anywhere, read the head,
/// cut editors' tags, assemble body and removed lines, and fill in what is still missing.
pub fn parse_with(text: &str, rules: &Rules, searchable: Searchable) -> Article {
    parse_hashed(
        text,
        rules,
        searchable,
        xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
    )
}

/// [`parse_with`], the article's content hash given (a file's is of its bytes, not of the
/// text decoded from them).
fn parse_hashed(text: &str, rules: &Rules, searchable: Searchable, content_hash: u64) -> Article {
    parse_unwrapped(
        text,
        super::record::unwrap(text),
        rules,
        searchable,
        content_hash,
    )
}

/// [`parse_hashed`], with the record `text` holds (if any) already unwrapped.
fn parse_unwrapped(
    text: &str,
    record: Option<super::record::Unwrapped>,
    rules: &Rules,
    searchable: Searchable,
    content_hash: u64,
) -> Article {
    let plain = record.as_ref().map_or(text, |r| r.text.as_str());
    let mut article = empty_article(content_hash);
    let (mut slots, mut credits) = marked_lines(plain, rules, &mut article);
    let mut stamp = read_head(&mut slots, rules, &mut article, &mut credits).stamp;
    if let Some(record) = record {
        credits.record = record.site.and_then(|site| outlet_name(&site, rules));
        stamp = stamp.or(record.date);
        article
            .removed
            .extend(record.leftover.into_iter().map(|text| Removed {
                rule: "record".into(),
                text,
            }));
    }
    cut_editor_tags(&mut slots, rules);
    assemble(slots, &mut article);
    finish(&mut article, credits, stamp, searchable);
    article
}

/// A plain text's lines as a whole parse first makes them: split, hard-wrapped lines joined,
/// long ones split at their sentences, then the lines rules recognise anywhere marked (what
/// they name of the article goes into `article`), with the outlets they credit.
fn marked_lines<'r>(
    plain: &str,
    rules: &'r Rules,
    article: &mut Article,
) -> (Vec<Slot<'r>>, Credits) {
    let mut slots = split_lines(plain);
    join_wrapped(&mut slots);
    reflow_lines(&mut slots);
    let credits = mark_rule_lines(&mut slots, rules, article);
    (slots, credits)
}

/// An article with nothing found yet, keyed by its content hash.
fn empty_article(content_hash: u64) -> Article {
    Article {
        id: String::new(),
        path: crate::article::no_path(),
        outlet: None,
        title: String::new(),
        title_derived: false,
        section: None,
        dateline: None,
        date: None,
        date_inferred: false,
        undated_day: None,
        authors: ThinVec::new(),
        editors: ThinVec::new(),
        sources: ThinVec::new(),
        lead: None,
        paragraphs: ThinVec::new(),
        removed: ThinVec::new(),
        warnings: ThinVec::new(),
        origin: Origin::Memory,
        search_body: Default::default(),
        search_title: Box::default(),
        has_body: true,
        content_hash,
        story_terms: Default::default(),
    }
}

/// Outlets named outside the dateline, used when the dateline names none.
#[derive(Default)]
pub(super) struct Credits {
    /// From a site's name after the headline: "Headline | Reuters".
    pub site: Option<String>,
    /// From a field of a record: the site's domain or the page's address.
    record: Option<String>,
    /// From a signature line: "(Tribunnews.com, Name)".
    signature: Option<String>,
    /// From an English byline: "By Jane Smith, Reuters".
    byline: Option<String>,
    /// From a web address in the copyright footer.
    footer: Option<String>,
}

/// How many lines from the start or the end an English byline may stand.
const BYLINE_REACH: usize = 6;

/// Whether line `n` of `count` is within [`BYLINE_REACH`] of the start or the end.
fn near_an_end(n: usize, count: usize) -> bool {
    n < BYLINE_REACH || n + BYLINE_REACH > count
}

/// Marks the lines that a rule recognises wherever they stand: bylines, signatures,
/// boilerplate, photo credits.
fn mark_rule_lines<'r>(slots: &mut [Slot<'r>], rules: &'r Rules, article: &mut Article) -> Credits {
    let mut credits = Credits::default();
    // The first line (or the one after a section label) set off by a blank line is the title;
    // a photo's caption there is removed instead.
    for n in 0..slots.len().min(2) {
        if slots[n].blank_after && is_title_line(&slots[n].clean, rules) {
            if rules.is_caption(&slots[n].clean) {
                slots[n].rule = Some("caption");
            } else {
                slots[n].title_line = !rules.is_section(&slots[n].clean);
            }
            break;
        }
        if !rules.is_section(&slots[n].clean) {
            break;
        }
    }
    let screen = rules.inline_screen(slots.iter().map(|slot| slot.clean.as_str()));
    // An English byline stands under the headline or at the end; inside the text, a line
    // that reads like one ("By Any Means Necessary") is a heading.
    let count = slots.len();
    for (n, slot) in slots.iter_mut().enumerate() {
        if slot.title_line || slot.rule.is_some() {
            continue;
        }
        if cut_inline(slot, rules, &screen, n) {
            continue;
        }
        let line = slot.clean.as_str();
        let marked = rules.may_be_marked(line);
        // The label is asked first: its anchored pattern is done in a few bytes on most
        // lines, where counting the characters reads the whole line.
        if marked && rules.is_byline(line) && line.chars().count() <= 160 {
            read_byline(line, rules, article);
            slot.rule = Some("byline");
        } else if let Some(by) = near_an_end(n, count)
            .then(|| by_line(line, rules))
            .flatten()
        {
            for author in by.authors {
                push_unique(&mut article.authors, author);
            }
            credits.byline = credits.byline.or(by.outlet);
            slot.rule = Some("byline");
        } else if let Some(credit) = credit_line(line) {
            for author in credit.authors {
                push_unique(&mut article.authors, author);
            }
            for editor in credit.editors {
                push_unique(&mut article.editors, editor);
            }
            slot.rule = Some("credit");
        } else if is_contribution_line(line) {
            slot.rule = Some("credit");
        } else if let Some(name) = reporter_line(line) {
            push_unique(&mut article.authors, name);
            slot.rule = Some("reporter");
        } else if let Some((outlet, author)) = signature(line, rules) {
            credits.signature = credits.signature.or(outlet);
            if let Some(author) = author {
                push_unique(&mut article.authors, author);
            }
            slot.rule = Some("signature");
        } else if let Some(rule) = marked.then(|| rules.boilerplate_rule(line)).flatten() {
            if rule == "copyright" {
                credits.footer = credits
                    .footer
                    .or_else(|| domain_in(line).and_then(|d| rules.outlet_for(d)));
            }
            slot.rule = Some(rule);
        } else if (marked && rules.is_photo_credit(line)) || is_picture_credit(line, rules) {
            slot.rule = Some("photo-credit");
        }
    }
    mark_split_byline(slots, rules, article, &mut credits);
    mark_signature_alone(slots, rules, &mut credits);
    mark_tag_list(slots);
    credits
}

/// Inline matches made cuts: a label with a linked headline after it ("Baca juga: …") counts
/// only where a sentence may start, and is cut with its headline; overlapping cuts merge
/// into the first.
fn cuts_with_headlines<'r>(
    line: &str,
    matches: Vec<(std::ops::Range<usize>, &'r str, bool)>,
) -> Vec<(std::ops::Range<usize>, &'r str)> {
    use super::crosslink::{at_sentence_start, headline_end};
    let mut cuts: Vec<(std::ops::Range<usize>, &'r str)> = matches
        .into_iter()
        .filter_map(|(range, rule, headline_after)| match headline_after {
            false => Some((range, rule)),
            true => at_sentence_start(line, range.start)
                .then(|| (range.start..headline_end(line, range.end), rule)),
        })
        .collect();
    cuts.dedup_by(|later, earlier| later.0.start < earlier.0.end);
    cuts
}

/// Cuts inline boilerplate out of a line, keeping each piece under its rule. Returns true
/// when nothing else was left: the whole line is then that rule's.
fn cut_inline<'r>(slot: &mut Slot<'r>, rules: &'r Rules, screen: &Screen, n: usize) -> bool {
    let cuts = cuts_with_headlines(&slot.clean, rules.inline_cuts(screen, n, &slot.clean));
    let Some(&(_, first_rule)) = cuts.first() else {
        return false;
    };
    let mut kept = String::with_capacity(slot.clean.len());
    let mut from = 0;
    for (range, rule) in &cuts {
        let piece = slot.clean[from..range.start].trim();
        if !piece.is_empty() {
            kept.push_str(piece);
            kept.push(' ');
        }
        slot.cuts.push(Removed {
            rule: rule.to_string(),
            text: slot.clean[range.clone()].trim().to_string(),
        });
        from = range.end;
    }
    kept.push_str(slot.clean[from..].trim());
    let kept = kept.trim().to_string();
    if kept.is_empty() {
        slot.cuts.clear();
        slot.rule = Some(first_rule);
        return true;
    }
    slot.clean = kept;
    slot.written = None;
    false
}

/// Puts the body paragraphs and the removed lines into the article, in file order.
fn assemble(slots: Vec<Slot>, article: &mut Article) {
    for slot in slots {
        // A removed line whose dateline was taken off first keeps only its remainder here.
        let removed_text = match (&slot.head, slot.rule) {
            (_, None) => String::new(),
            (Some(_), Some(_)) => slot.clean.clone(),
            (None, Some(_)) => slot.written.unwrap_or_else(|| slot.clean.clone()),
        };
        if let Some(head) = slot.head {
            article.removed.push(head);
        }
        article.removed.extend(slot.cuts);
        match slot.rule {
            // A line of punctuation alone ("- - -", ".,") is not text.
            None if !slot.clean.contains(char::is_alphanumeric) => {
                if !slot.clean.trim().is_empty() {
                    article.removed.push(Removed {
                        rule: "punctuation".into(),
                        text: slot.clean.trim().to_string(),
                    });
                }
            }
            None => article.paragraphs.push(trimmed(slot.clean)),
            Some(rule) => article.removed.push(Removed {
                rule: rule.to_string(),
                text: removed_text,
            }),
        }
        if let Some(tail) = slot.tail {
            article.removed.push(tail);
        }
    }
    let repeats = super::paragraphs::repeats(&article.paragraphs);
    for &n in repeats.iter().rev() {
        let text = article.paragraphs.remove(n);
        article.removed.push(Removed {
            rule: "repeated".into(),
            text,
        });
    }
}

/// The string without white space around it, copied only when there is some.
fn trimmed(text: String) -> String {
    match text.trim() {
        t if t.len() == text.len() => text,
        t => t.to_string(),
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
            .or(credits.record)
            .or(credits.signature)
            .or(credits.byline)
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
    // A wire dateline that gives its year ("WASHINGTON, June 19, 2024 (UPI) --") dates the
    // article as a stamp does.
    let stamp = stamp.or_else(|| {
        article
            .removed_by("dateline")
            .find_map(dates::dateline_date)
    });
    match stamp {
        Some(date) => article.date = Some(date),
        None => {
            // Without a stamp, only a date the opening names with its weekday ("Rabu
            // (19/6/2024)") is taken, and marked inferred: a date deeper in the body is as
            // likely an event's or a deadline's as the article's, and no date beats a wrong one.
            let mut opening = Vec::new();
            let mut room = OPENING_BYTES;
            for paragraph in article.lead.iter().chain(&article.paragraphs) {
                if room == 0 {
                    break;
                }
                opening.push(&paragraph[..super::dateline::floor_char_boundary(paragraph, room)]);
                room = room.saturating_sub(paragraph.len());
            }
            article.date = opening
                .iter()
                .copied()
                .flat_map(dates::weekday_dates)
                .next();
            article.date_inferred = article.date.is_some();
            if article.date.is_none() {
                let undated = (article.removed_by("dateline"))
                    .find_map(dates::dateline_month_day)
                    .or_else(|| opening.into_iter().find_map(dates::weekday_month_day));
                article.undated_day = undated;
            }
        }
    }
    if searchable == Searchable::Yes {
        article.search_body = search_text(article).into();
    }
    article.search_title = super::fold::fold(&article.title).into_boxed_str();
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

pub(super) fn push_unique(list: &mut ThinVec<String>, name: String) {
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
mod tests;
