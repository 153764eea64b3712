//! What stands at the ends of the text rather than in it: a byline broken after its "By",
//! an agency's signature (alone on the last line, or glued after the last sentence), a list
//! of topics after its heading, and editors' initials at the end of a paragraph.

use super::lines::Slot;
use super::{Credits, near_an_end, push_unique};
use crate::article::by_line::by_line;
use crate::article::outlet::outlet_name;
use crate::article::{Article, Removed};
use crate::rules::Rules;

/// A byline broken after its "By", the names on the next line ("By" / "Roshan Kishore"),
/// near the start or the end.
pub(super) fn mark_split_byline(
    slots: &mut [Slot],
    rules: &Rules,
    article: &mut Article,
    credits: &mut Credits,
) {
    let count = slots.len();
    for n in 0..count.saturating_sub(1) {
        if !near_an_end(n, count)
            || !slots[n].is_body()
            || !slots[n + 1].is_body()
            || !slots[n].clean.eq_ignore_ascii_case("by")
        {
            continue;
        }
        if let Some(by) = by_line(&format!("By {}", slots[n + 1].clean), rules) {
            for author in by.authors {
                push_unique(&mut article.authors, author);
            }
            credits.byline = credits.byline.take().or(by.outlet);
            slots[n].rule = Some("byline");
            slots[n + 1].rule = Some("byline");
            return;
        }
    }
}

/// The last line of the text when it is only an outlet's name ("Reuter", "AFP"): the
/// agency signing the story. Or the name glued after the text's last sentence, where a
/// signature on a line of its own was joined to the text wrapped by hand above it ("… would
/// save money. Reuter"): it is cut off the end.
pub(super) fn mark_signature_alone(slots: &mut [Slot], rules: &Rules, credits: &mut Credits) {
    let Some(last) = slots
        .iter_mut()
        .rev()
        .find(|s| s.is_body() && !s.title_line)
    else {
        return;
    };
    if let Some((at, outlet)) = glued_signature(&last.clean, rules) {
        let name = last.clean[at..].trim().to_string();
        last.clean.truncate(at);
        last.clean.truncate(last.clean.trim_end().len());
        last.cuts.push(Removed {
            rule: "signature".into(),
            text: name,
        });
        credits.signature = credits.signature.take().or(Some(outlet));
        return;
    }
    // An outlet's name is short; a paragraph is done with at its length.
    if last.clean.len() > 40
        || last.clean.split_whitespace().count() > 3
        || last.clean.ends_with(['.', '!', '?'])
    {
        return;
    }
    if let Some(outlet) = outlet_name(&last.clean, rules) {
        credits.signature = credits.signature.take().or(Some(outlet));
        last.rule = Some("signature");
    }
}

/// The most characters of a signature glued after the last sentence.
const GLUED_SIGNATURE_CHARS: usize = 12;

/// An outlet's name as the last word of a paragraph of several sentences, right after the
/// end of one (a full stop, a closing quote or bracket): where the name starts, and the
/// outlet. One capitalised word after the last full stop is no sentence.
fn glued_signature(line: &str, rules: &Rules) -> Option<(usize, String)> {
    let text = line.trim_end();
    let at = text.rfind(' ')? + 1;
    let word = &text[at..];
    let is_name = word.len() <= GLUED_SIGNATURE_CHARS
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && word.bytes().all(|b| b.is_ascii_alphabetic());
    let before = text[..at].trim_end();
    let after_a_sentence = before.ends_with(['.', '!', '?', '"', '”', ')'])
        && before.len() > 2 * GLUED_SIGNATURE_CHARS;
    (is_name && after_a_sentence)
        .then(|| outlet_name(word, rules))
        .flatten()
        .map(|outlet| (at, outlet))
}

/// The most lines a list of an article's topics after its heading takes.
const TAG_LIST_LINES: usize = 30;

/// A list of the article's topics after a heading that leads to them ("Explore more on these
/// topics", "Tags"), one to a line to the end of the text: links, not text. Every line
/// after the heading must be a tag of a few words, so that a heading inside an article's
/// text never takes the text with it.
pub(super) fn mark_tag_list(slots: &mut [Slot]) {
    let is_tag = |line: &str| {
        line.len() <= 160
            && line.chars().count() <= 40
            && (1..=4).contains(&line.split_whitespace().count())
            && !line.ends_with(['.', '!', '?', ':', ',', ';', '"', '”'])
    };
    // Footers follow the list too ("Share", "Reuse this content"): the heading is the first
    // navigation line after which every line with text is a tag.
    let headings = (0..slots.len()).filter(|&i| slots[i].rule == Some("navigation"));
    for heading in headings {
        let tags: Vec<usize> = (heading + 1..slots.len())
            .filter(|&i| slots[i].is_body())
            .collect();
        if tags.len() > TAG_LIST_LINES || !tags.iter().all(|&i| is_tag(&slots[i].clean)) {
            continue;
        }
        for i in tags {
            slots[i].rule = Some("navigation");
        }
        return;
    }
}

/// Cuts tags of editors' initials off the end of paragraphs.
pub(super) fn cut_editor_tags(slots: &mut [Slot], rules: &Rules) {
    for slot in slots.iter_mut().filter(|s| s.is_body()) {
        if let Some((at, rule)) = rules.trailing_tag(&slot.clean) {
            let tag = slot.clean[at..].trim().to_string();
            slot.clean.truncate(at);
            if slot.clean.trim().is_empty() {
                // The line was only the tag: it is removed whole, once.
                slot.rule = Some("editor-tag");
                slot.clean = tag;
            } else {
                slot.tail = Some(Removed {
                    rule: rule.to_string(),
                    text: tag,
                });
            }
        }
    }
}
