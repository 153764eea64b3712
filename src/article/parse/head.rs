//! Reading the head of an article: section, headline (with a site's name cut off), stamp,
//! standfirst, captions and the dateline, which may be spread over short lines.

use super::lines::Slot;
use super::{Credits, push_unique};
use crate::article::dateline::{Dateline, dateline};
use crate::article::dates::{self, ArticleDate};
use crate::article::headline::{is_headline, site_suffix};
use crate::article::stamp::stamp_line;
use crate::article::{Article, Removed};
use crate::rules::Rules;
use std::sync::Arc;

/// How many lines from the top a dateline may be found in.
pub(super) const HEAD_WINDOW: usize = 5;

/// How many short lines a dateline may be spread over, the line its text goes on in included.
pub(super) const SPREAD_LINES: usize = 4;

/// What reading the head found, and how far it looked.
pub(super) struct Head {
    /// The publication stamp, if the head has one.
    pub stamp: Option<ArticleDate>,
    /// How many body lines from the top the head's windows would take in, were there as
    /// many: with fewer, a window is cut short, and lines added after the text's end could
    /// change what the head finds.
    pub reach: usize,
}

/// Reads the head: section, headline, stamp, standfirst, captions and the dateline.
pub(super) fn read_head(
    slots: &mut [Slot],
    rules: &Rules,
    article: &mut Article,
    credits: &mut Credits,
) -> Head {
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
    // Some pages repeat the headline as the body's first line.
    if let Some(&i) = body.get(next)
        && !article.title.is_empty()
        && slots[i].clean == article.title
    {
        slots[i].rule = Some("duplicate-title");
        next += 1;
    }
    let mut stamp = None;
    let window = body.len().min(next + HEAD_WINDOW);
    if let Some((k, date)) =
        (next..window).find_map(|k| Some((k, stamp_of_line(&slots[body[k]].clean)?)))
    {
        stamp = Some(date);
        // Pages print when they were updated under when they were published: every stamp
        // right after the first is one too, and the first is the article's date.
        let mut last = k;
        while last + 1 < window && stamp_of_line(&slots[body[last + 1]].clean).is_some() {
            last += 1;
        }
        for &i in &body[k..=last] {
            slots[i].rule = Some("stamp");
        }
        if k == next {
            next = last + 1;
        }
    }
    // A dateline's spread lines may run past the window, and the last is asked whether a line
    // follows it.
    let reach = next + HEAD_WINDOW + SPREAD_LINES;
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
            // right after it, near the top; or by a stamp, when it reads as a sentence (the
            // line over a stamp is as often a byline or a label).
            if let Some(&i) = body.get(next)
                && slots.get(i + 1).is_some_and(|s| match s.rule {
                    Some("byline" | "photo-credit") => true,
                    Some("stamp") => reads_as_a_sentence(&slots[i].clean),
                    _ => false,
                })
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
    Head { stamp, reach }
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
    for m in k..body.len().min(k + SPREAD_LINES) {
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

/// The headline, with a site's name after it ("… | Reuters") taken off and kept apart.
fn take_headline(slot: &mut Slot, rules: &Rules, article: &mut Article, credits: &mut Credits) {
    slot.rule = Some("headline");
    let Some(suffix) = site_suffix(&slot.clean, rules) else {
        article.title = slot.clean.clone();
        return;
    };
    article.title = slot.clean[..suffix.headline_len].to_string();
    let rest = slot.clean[suffix.headline_len..].trim().to_string();
    slot.written = Some(article.title.clone());
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

/// The fewest words of a standfirst told by the stamp under it.
const STANDFIRST_WORDS: usize = 6;

/// A line of several words that ends as a sentence does.
fn reads_as_a_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['.', '!', '?', '"', '”'])
        && line.split_whitespace().nth(STANDFIRST_WORDS - 1).is_some()
}

/// The date of a line that is a publication stamp and little else: "20 Juni 2024, 08:50 WIB",
/// "Updated: Nov 23, 2023, 08:46 IST", "November 24, 2023 01:36 am | Updated 01:36 am IST",
/// or any line [`stamp_line`] reads ("Updated 4:12 AM EDT, Wed June 19, 2024").
fn stamp_of_line(line: &str) -> Option<ArticleDate> {
    // Every stamp has a digit near its start; most lines are done with here.
    if !line.bytes().take(48).any(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Some((date, len)) = dates::stamp_at_start(line) {
        let rest = line[len..].trim();
        if rest.is_empty()
            || rest.starts_with('|')
            || (rest.len() <= 24 && rest.split_whitespace().count() <= 3)
        {
            return Some(date);
        }
    }
    stamp_line(line)
}
