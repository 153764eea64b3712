//! Parsing for a listing (`warta --list`): only the fields a list prints — headline, outlet,
//! date — and only as much of the text as they need. Most of a parse's time goes on the body's
//! lines (every line is tried against the boilerplate, byline and inline rules), while those
//! fields come from the head and the opening. So the text up to a paragraph break a little
//! way in is parsed alone, and kept only when nothing further on could change those fields;
//! otherwise the whole text is parsed as usual. Whichever way, the listed fields are the ones
//! a whole parse gives (a test holds every article of the shared corpora to that).

use super::head::{HEAD_WINDOW, SPREAD_LINES, read_head};
use super::lines::{has_long_line, reflow_lines, split_lines};
use super::{
    Credits, OPENING_BYTES, Searchable, assemble, cut_editor_tags, empty_article, finish,
    mark_rule_lines, marked_lines, parse_decoded, parse_unwrapped,
};
use crate::article::Article;
use crate::rules::Rules;

/// The part parsed alone reaches at least this far into the text (in bytes): a head and then
/// the opening that a date may be read from.
const PART_BYTES: usize = OPENING_BYTES + 500;

/// The part holds at least this many lines with text: as many as the head reads after a
/// headline and a stamp (a part with fewer body lines than the head would read is parsed
/// again whole).
const PART_LINES: usize = 2 + HEAD_WINDOW + SPREAD_LINES;

/// A part is parsed alone only when the text goes on for at least this share (in quarters)
/// after it: parsing a part that turns out not to be enough is work done twice.
const REST_QUARTERS: usize = 1;

/// Decodes a file's bytes and parses them far enough for a listing: the article's headline,
/// outlet, date (and whether it was inferred) are as [`super::parse_bytes_with`] gives them;
/// its body, removed lines, bylines and the rest may be missing. Not to be shown, kept for
/// anything else, or searched.
pub fn parse_bytes_listed(bytes: &[u8], rules: &Rules) -> Article {
    parse_decoded(bytes, |text, content_hash| {
        let record = crate::article::record::unwrap(text);
        // A record is unwrapped whole (its fields may stand anywhere); a plain text may be
        // read in part.
        if record.is_none()
            && let Some(article) =
                head_part(text).and_then(|part| parse_part(part, text, rules, content_hash))
        {
            return article;
        }
        parse_unwrapped(text, record, rules, Searchable::No, content_hash)
    })
}

/// The text up to and with the first blank line (of ASCII white space only) after at least
/// [`PART_BYTES`] and [`PART_LINES`] lines with text, when at least a quarter of the text
/// comes after it; else `None`.
fn head_part(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let most = bytes.len() - bytes.len() * REST_QUARTERS / 4;
    let mut lines = 0;
    let mut at = 0;
    while at < most {
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
        if bytes[at..end].iter().all(u8::is_ascii_whitespace) {
            if lines >= PART_LINES && at >= PART_BYTES {
                // A newline is ASCII, so this is a character boundary.
                return (end < most).then(|| &text[..end]);
            }
        } else {
            lines += 1;
        }
        at = end + 1;
    }
    None
}

/// The article parsed from the head part of `text` alone, or `None` when lines after it could
/// change a listed field: the text may be hard-wrapped (which is judged from all its lines),
/// the head's windows reach past the part's body lines, there is no headline (one would be
/// made from the opening paragraph), or there is no stamp and the part's paragraphs are
/// shorter than the opening a date is inferred from. When the head names no outlet, one
/// named further on (a signature, a byline at the end, a copyright footer) is looked for in
/// all of the text's lines, as a whole parse looks; the head is not read again.
fn parse_part(part: &str, text: &str, rules: &Rules, content_hash: u64) -> Option<Article> {
    let mut slots = split_lines(part);
    if !has_long_line(&slots) {
        return None;
    }
    // No line is joined to the next in a text with a long line; long lines are split at their
    // sentences, each on its own.
    reflow_lines(&mut slots);
    let mut article = empty_article(content_hash);
    let mut credits = mark_rule_lines(&mut slots, rules, &mut article);
    let body_lines = slots.iter().filter(|s| s.is_body()).count();
    let head = read_head(&mut slots, rules, &mut article, &mut credits);
    if body_lines < head.reach || article.title.is_empty() {
        return None;
    }
    cut_editor_tags(&mut slots, rules);
    assemble(slots, &mut article);
    let opening: usize = (article.lead.iter().chain(&article.paragraphs))
        .map(String::len)
        .sum();
    if head.stamp.is_none() && opening < OPENING_BYTES {
        return None;
    }
    if article.outlet.is_none() && credits.site.is_none() {
        // The part's own credits are not the whole's: a line near the part's end is not
        // near the text's.
        credits = credits_further_on(text, rules);
    }
    finish(&mut article, credits, head.stamp, Searchable::No);
    Some(article)
}

/// The outlets that lines anywhere in `text` name (signatures, bylines near an end, copyright
/// footers), marked as a whole parse marks them. The head's own (a site after the headline)
/// is the head reader's, not found here.
fn credits_further_on(text: &str, rules: &Rules) -> Credits {
    marked_lines(text, rules, &mut empty_article(0)).1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse::parse_bytes_with;

    /// The fields a listing prints.
    fn listed(article: &Article) -> (String, Option<String>, Option<String>, bool) {
        (
            article.title.clone(),
            article.outlet.as_deref().map(str::to_string),
            article.date.map(|d| d.to_string()),
            article.date_inferred,
        )
    }

    fn paragraph(n: usize) -> String {
        format!(
            "Paragraph {n} goes on about the flood in the district, where the water rose over \
             the banks of the river in the night and the people of the villages left their \
             homes for the school on the hill, officials said."
        )
    }

    /// An article of `paragraphs` long paragraphs after `head`, then `tail`.
    fn article(head: &str, paragraphs: usize, tail: &str) -> String {
        let body: Vec<String> = (0..paragraphs).map(paragraph).collect();
        format!("{head}\n\n{}\n\n{tail}\n", body.join("\n\n"))
    }

    fn same_as_whole(text: &str) -> Article {
        let rules = Rules::builtin();
        let whole = parse_bytes_with(text.as_bytes(), rules, Searchable::No);
        let listed_one = parse_bytes_listed(text.as_bytes(), rules);
        assert_eq!(listed(&listed_one), listed(&whole), "{text}");
        listed_one
    }

    #[test]
    fn a_long_article_with_its_outlet_in_the_dateline_is_parsed_only_in_its_head() {
        let text = article(
            "Floods force thousands from their homes\n\nJAKARTA, KOMPAS.com - The river broke its banks on Monday.",
            30,
            "Editor: Someone",
        );
        let one = same_as_whole(&text);
        assert!(one.outlet.is_some());
        // The part ends before the last paragraphs, which were never parsed.
        assert!(one.paragraphs.len() < 30, "{}", one.paragraphs.len());
    }

    #[test]
    fn an_outlet_named_only_further_on_is_found_without_parsing_everything_again() {
        let tails = [
            ("(Tribunnews.com, Someone Name)", Some("Tribunnews")),
            ("Copyright © 2024 kompas.com", Some("Kompas")),
            ("By Jane Smith, Reuters", Some("Reuters")),
            ("Reuters", Some("Reuters")),
            ("Editor: Someone", None),
        ];
        for (tail, outlet) in tails {
            let text = article("Floods force thousands from their homes", 30, tail);
            let one = same_as_whole(&text);
            assert_eq!(one.outlet.as_deref(), outlet, "{tail}");
            // Only the head part was assembled into paragraphs.
            assert!(
                one.paragraphs.len() < 30,
                "{tail}: {}",
                one.paragraphs.len()
            );
        }
        // A signature in the middle names the outlet too.
        let body: Vec<String> = (0..30).map(paragraph).collect();
        let text = format!(
            "Floods force thousands from their homes\n\n{}\n\n(ant/abc)\n\n{}\n",
            body[..20].join("\n\n"),
            body[20..].join("\n\n")
        );
        same_as_whole(&text);
    }

    #[test]
    fn a_headline_made_from_the_opening_or_a_date_read_from_it_agree_with_a_whole_parse() {
        // No headline line: the title comes from the first paragraph.
        same_as_whole(&article("JAKARTA, KOMPAS.com - It rained.", 30, ""));
        // No stamp, and a date named with its weekday in the opening.
        same_as_whole(&article(
            "Floods force thousands\n\nJAKARTA, KOMPAS.com - Banjir melanda pada Senin (24/6/2024) malam.",
            30,
            "",
        ));
        // Hard-wrapped lines: every line of the text decides whether they are joined.
        let wrapped: String = (0..200)
            .map(|n| format!("line {n} of a text wrapped by hand at a width of sixty\n"))
            .collect();
        same_as_whole(&format!("A headline\n\n{wrapped}"));
    }

    #[test]
    fn the_part_ends_at_a_blank_line_after_enough_lines_and_bytes() {
        let text = article("Title", 40, "");
        let part = head_part(&text).expect("a long text has a head part");
        assert!(part.len() >= PART_BYTES && part.len() < text.len() * 3 / 4);
        assert!(part.lines().filter(|l| !l.trim().is_empty()).count() >= PART_LINES);
        assert!(text[part.len()..].starts_with('\n'));
        assert!(part.trim_end().ends_with("officials said."));
        // A short text, or one with no paragraph break near the start, has none.
        assert_eq!(head_part(&article("Title", 12, "")), None);
        assert_eq!(head_part(&"word ".repeat(2_000)), None);
    }
}
