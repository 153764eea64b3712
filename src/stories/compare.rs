//! Two tellings of one story, sentence by sentence: each sentence of one is matched with its
//! closest counterpart in the other. Near-identical sentences (wire copy) are shared, ones
//! with many words in common reworded, the rest only that side's. Each side also gets what
//! only it has: numbers, quotes and names the other never mentions.

use super::terms::{is_kept_word, is_number, is_year, number_key};
use crate::article::Article;
use crate::article::dates::{MonthDay, month_number};
use crate::article::fold::fold;
use crate::article::sentences::{is_abbreviation, sentences};
use std::collections::HashSet;

/// From this word overlap (Dice) up, two sentences are the same sentence.
pub const SHARED: f32 = 0.8;
/// From this overlap up, and with at least [`REWORDED_WORDS`] words in common, one rewords
/// the other.
pub const REWORDED: f32 = 0.4;
pub const REWORDED_WORDS: usize = 3;
/// How many "only here" items each side lists at most.
const MAX_ONLY: usize = 8;

/// How a sentence stands against the other telling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The other side has it (near) word for word.
    Shared,
    /// The other side says it in other words.
    Reworded,
    /// Only this side has it.
    Unique,
}

/// A sentence of one side, how it stands, and its counterpart's position on the other side.
#[derive(Debug, Clone, PartialEq)]
pub struct Aligned {
    pub text: String,
    pub kind: Kind,
    pub counterpart: Option<usize>,
    /// Where a paragraph starts (the first sentence of each).
    pub starts_paragraph: bool,
}

/// Two tellings aligned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Comparison {
    pub left: Vec<Aligned>,
    pub right: Vec<Aligned>,
    /// Numbers, quotes and names only the left has.
    pub only_left: Vec<String>,
    pub only_right: Vec<String>,
}

impl Comparison {
    /// How many sentences of each side are of `kind`.
    pub fn count(&self, kind: Kind) -> (usize, usize) {
        let n = |side: &[Aligned]| side.iter().filter(|s| s.kind == kind).count();
        (n(&self.left), n(&self.right))
    }
}

/// One side's sentences with the paragraph starts marked.
fn side_sentences(article: &Article) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for paragraph in article.lead.iter().chain(&article.paragraphs) {
        for (n, sentence) in sentences(paragraph).into_iter().enumerate() {
            out.push((sentence.to_string(), n == 0));
        }
    }
    out
}

/// The folded words of a sentence, for matching.
fn word_set(sentence: &str) -> HashSet<String> {
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(fold)
        .collect()
}

fn dice(a: &HashSet<String>, b: &HashSet<String>) -> (f32, usize) {
    if a.is_empty() || b.is_empty() {
        return (0.0, 0);
    }
    let common = a.intersection(b).count();
    (2.0 * common as f32 / (a.len() + b.len()) as f32, common)
}

/// Aligns two articles' sentences.
pub fn compare(left: &Article, right: &Article) -> Comparison {
    align(&side_sentences(left), &side_sentences(right))
}

/// Aligns two lists of sentences (with their paragraph starts): the best-matching pairs
/// first, each sentence used once.
pub fn align(left: &[(String, bool)], right: &[(String, bool)]) -> Comparison {
    let left_words: Vec<HashSet<String>> = left.iter().map(|(s, _)| word_set(s)).collect();
    let right_words: Vec<HashSet<String>> = right.iter().map(|(s, _)| word_set(s)).collect();
    let mut pairs: Vec<(f32, usize, usize, usize)> = Vec::new();
    for (i, a) in left_words.iter().enumerate() {
        for (j, b) in right_words.iter().enumerate() {
            let (score, common) = dice(a, b);
            if score >= REWORDED && common >= REWORDED_WORDS.min(a.len().min(b.len())) {
                pairs.push((score, common, i, j));
            }
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.2.cmp(&y.2)).then(x.3.cmp(&y.3)));
    let mut left_match: Vec<Option<(usize, f32)>> = vec![None; left.len()];
    let mut right_match: Vec<Option<(usize, f32)>> = vec![None; right.len()];
    for (score, _, i, j) in pairs {
        if left_match[i].is_none() && right_match[j].is_none() {
            left_match[i] = Some((j, score));
            right_match[j] = Some((i, score));
        }
    }
    let side = |sentences: &[(String, bool)], matches: &[Option<(usize, f32)>]| {
        sentences
            .iter()
            .zip(matches)
            .map(|((text, starts), m)| Aligned {
                text: text.clone(),
                kind: match m {
                    Some((_, score)) if *score >= SHARED => Kind::Shared,
                    Some(_) => Kind::Reworded,
                    None => Kind::Unique,
                },
                counterpart: m.map(|(j, _)| j),
                starts_paragraph: *starts,
            })
            .collect::<Vec<_>>()
    };
    let (left_told, right_told) = (Told::of(left), Told::of(right));
    Comparison {
        left: side(left, &left_match),
        right: side(right, &right_match),
        only_left: only_in(&left_told, &right_told),
        only_right: only_in(&right_told, &left_told),
    }
}

/// What one telling mentions, read once for both sides' "only here" lines.
struct Told<'a> {
    sentences: Vec<&'a str>,
    /// Each sentence's names (see [`names`]).
    names: Vec<Vec<String>>,
    /// All of its text, folded.
    text: String,
    /// Its numbers by value ([`number_key`]): "559.000" and "5,8" are "559,000" and "5.8".
    numbers: HashSet<String>,
    /// The short forms it gives a name: its capitals ("AS", "U.S.", "PBB") and the initials
    /// of its names ("Amerika Serikat", "Perserikatan Bangsa-Bangsa").
    short_forms: HashSet<String>,
    /// The days it names, as month and day, in whatever form it writes them.
    month_days: HashSet<MonthDay>,
}

impl<'a> Told<'a> {
    fn of(sentences: &'a [(String, bool)]) -> Told<'a> {
        let sentences: Vec<&str> = sentences.iter().map(|(s, _)| s.as_str()).collect();
        let names: Vec<Vec<String>> = sentences.iter().map(|s| names(s)).collect();
        let text = fold(&sentences.join(" "));
        let numbers = text
            .split_whitespace()
            .map(trimmed)
            .filter(|token| is_number(token))
            .map(number_key)
            .collect();
        let capitals = (sentences.iter())
            .flat_map(|s| s.split_whitespace())
            .filter_map(|token| acronym(word_of(token)));
        let name_initials = names.iter().flatten().filter_map(|name| initials(name));
        let short_forms = capitals.chain(name_initials).collect();
        let month_days = sentences.iter().flat_map(|s| month_days_in(s)).collect();
        Told {
            sentences,
            names,
            text,
            numbers,
            short_forms,
            month_days,
        }
    }
}

/// Numbers, quotes and names of `these` that `others` never mention.
fn only_in(these: &Told, others: &Told) -> Vec<String> {
    let other_words: HashSet<&str> = words_of(&others.text).collect();
    let mut out: Vec<String> = Vec::new();
    let mut push = |item: String| {
        let folded = fold(&item);
        if out.len() < MAX_ONLY && !out.iter().any(|o| fold(o).contains(&folded)) {
            out.push(item);
        }
    };
    for sentence in &these.sentences {
        for quote in quotes(sentence) {
            if !others.text.contains(&fold(quote)) {
                push(format!("“{quote}”"));
            }
        }
    }
    // Years come last: they are more often background ("since 2001") than news.
    let mut years = Vec::new();
    for sentence in &these.sentences {
        for token in sentence.split_whitespace() {
            let token = trimmed(token);
            let named_there = is_number(token) && others.numbers.contains(&number_key(token))
                || (numeric_month_days(token).iter()).any(|day| others.month_days.contains(day));
            if token.chars().any(|c| c.is_ascii_digit())
                && !named_there
                && !mentions(&others.text, &fold(token))
            {
                match is_year(token.as_bytes()) {
                    true => years.push(token),
                    false => push(token.to_string()),
                }
            }
        }
    }
    for phrase in these.names.iter().flatten() {
        // Word by word, read as the other side's words are: "Kim Jong-un" is named there
        // as "Kim Jong Un". An initial is not needed there: "George Bush" names him too.
        let folded = fold(phrase);
        let short_form = acronym(phrase).or_else(|| initials(phrase));
        let new = words_of(&folded)
            .filter(|w| w.chars().count() > 1)
            .any(|w| !other_words.contains(w))
            && short_form.is_none_or(|short| !others.short_forms.contains(&short));
        if new {
            push(phrase.clone());
        }
    }
    for year in years {
        push(year.to_string());
    }
    out
}

/// The words of folded `text`: its runs of letters and digits, a number's marks kept inside
/// it ("5.8", "559,000").
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == ','))
        .map(|w| w.trim_matches(['.', ',']))
        .filter(|w| !w.is_empty())
}

/// The days a sentence names, each as month and day: written in numbers ("19/6/2024",
/// "2024-06-19", "19/6") or with the month's name beside the day ("19 Juni 2024", "June 19,
/// 2024").
fn month_days_in(sentence: &str) -> Vec<MonthDay> {
    let tokens: Vec<&str> = sentence.split_whitespace().collect();
    let mut out = Vec::new();
    for (at, token) in tokens.iter().enumerate() {
        out.extend(numeric_month_days(trimmed(token)));
        out.extend(month_beside_a_day(&tokens, at));
    }
    out
}

/// A token without the punctuation around it.
fn trimmed(token: &str) -> &str {
    token.trim_matches(|c: char| !c.is_alphanumeric())
}

/// The days `tokens[at]` dates, when it is a month's name with a day written beside it
/// ("19 Juni", "June 19,").
fn month_beside_a_day(tokens: &[&str], at: usize) -> Vec<MonthDay> {
    let word = trimmed(tokens[at]);
    let month = (word.chars().all(char::is_alphabetic))
        .then(|| month_number(word))
        .flatten();
    let Some(month) = month else {
        return Vec::new();
    };
    let day = |token: Option<&&str>| {
        let token = trimmed(token?);
        let day: u8 = (token.len() <= 2).then(|| token.parse().ok())??;
        (1..=31).contains(&day).then_some((month, day))
    };
    let before = at.checked_sub(1).and_then(|before| day(tokens.get(before)));
    before.into_iter().chain(day(tokens.get(at + 1))).collect()
}

/// The days a date written in numbers may be, as month and day: "19/6/2024", "19/6" and
/// "2024-06-19" are 19 June; "6/19/2024" can only be read the American way; "5/6" may be
/// either day. A lone number, or parts no day can have ("2024/99"), give none.
fn numeric_month_days(token: &str) -> Vec<MonthDay> {
    let parts: Vec<&str> = token.split(['/', '-']).collect();
    let numeric = |part: &&str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !(2..=3).contains(&parts.len()) || !parts.iter().all(numeric) {
        return Vec::new();
    }
    let number = |part: &str| part.parse::<u32>().unwrap_or(0);
    let (first, second) = match parts[..] {
        [year, month, day] if year.len() == 4 => {
            return valid(number(month), number(day)).into_iter().collect();
        }
        [_, _, year] if year.len() != 4 && year.len() != 2 => return Vec::new(),
        _ => (number(parts[0]), number(parts[1])),
    };
    let mut out: Vec<MonthDay> = valid(second, first).into_iter().collect();
    out.extend(valid(first, second).filter(|day| !out.contains(day)));
    out
}

/// A month and a day, when they can be one.
fn valid(month: u32, day: u32) -> Option<MonthDay> {
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((month as u8, day as u8))
}

/// Whether `text` has `number` as a whole token (not inside a longer number).
fn mentions(text: &str, number: &str) -> bool {
    text.match_indices(number).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + number.len()..].chars().next();
        before.is_none_or(|c| !c.is_ascii_digit()) && after.is_none_or(|c| !c.is_ascii_digit())
    })
}

/// Runs of capitalised words that do not start a sentence ("Associated Press", "Kim Jong-un"),
/// each a name. A capitalised word of two letters belongs to a name it is part of ("Xi
/// Jinping", "Kim Jong Un", "To Lam"), and is not one alone.
fn names(sentence: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut sentence_start = true;
    let tokens: Vec<&str> = sentence.split_whitespace().collect();
    let is_name_word = |word: &str| {
        word.starts_with(char::is_uppercase) && word.chars().count() >= 2 && is_kept_word(word)
    };
    for (at, &token) in tokens.iter().enumerate() {
        // An opening bracket or quote starts something else: "Amerika Serikat (AS)" is
        // two names.
        if token.starts_with(['(', '[', '"', '“']) && !run.is_empty() {
            out.push(run.join(" "));
            run.clear();
        }
        let word = word_of(token);
        let initial = is_initial(token);
        let next = tokens.get(at + 1).copied();
        let next_is_name = next.is_some_and(|next| is_name_word(word_of(next)));
        let in_a_name = !run.is_empty();
        // A month's name beside its day is part of a date ("19 Juni"), not a name.
        let capital = !sentence_start
            && month_beside_a_day(&tokens, at).is_empty()
            && if initial {
                // A middle initial stands inside its name: "George W. Bush".
                in_a_name && (next_is_name || next.is_some_and(is_initial))
            } else {
                // A title cut short ("Gov.", "Sen.", "Dr.") is not itself a name.
                let title = token.ends_with('.') && !word.contains('.') && is_abbreviation(word);
                let two_capitals = word.chars().count() == 2
                    && word.starts_with(char::is_uppercase)
                    && word.chars().all(char::is_alphabetic);
                let name_goes_on = next_is_name && !token.ends_with(|c: char| !c.is_alphanumeric());
                !title && (is_name_word(word) || two_capitals && (in_a_name || name_goes_on))
            };
        if capital {
            run.push(if initial { token } else { word });
        }
        let ends_run = !capital || !initial && token.ends_with([',', '.', ';', ':', ')', '"', '”']);
        if ends_run && !run.is_empty() {
            out.push(run.join(" "));
            run.clear();
        }
        // "U.S." and "Gov." end no sentence: what follows them is not at its start.
        sentence_start = token.ends_with(['!', '?'])
            || token.strip_suffix('.').is_some_and(|before| {
                let word = before.trim_start_matches(|c: char| !c.is_alphanumeric());
                !is_abbreviation(word)
            });
    }
    if !run.is_empty() {
        out.push(run.join(" "));
    }
    out
}

/// Whether a written word is an initial: one capital and a full stop ("W.").
fn is_initial(token: &str) -> bool {
    let mut chars = token.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.as_str() == "."
}

/// A word of two to six capitals, dots between them or not ("AS", "U.S.", "NATO"), as
/// lower-case letters.
fn acronym(word: &str) -> Option<String> {
    let letters: String = word.chars().filter(|&c| c != '.').collect();
    let count = letters.chars().count();
    ((2..=6).contains(&count) && letters.chars().all(char::is_uppercase))
        .then(|| letters.to_lowercase())
}

/// The initials of a name of two words or more, as lower-case letters ("Amerika Serikat" is
/// "as", "Perserikatan Bangsa-Bangsa" "pbb").
fn initials(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    (words.len() >= 2).then(|| {
        words
            .iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_lowercase)
            .collect()
    })
}

/// A written word of a name: its punctuation off, and a possessive's "'s" ("Biden's team"
/// names Biden).
fn word_of(token: &str) -> &str {
    let word = trimmed(token);
    (word.strip_suffix("'s").or_else(|| word.strip_suffix("’s"))).unwrap_or(word)
}

/// Quoted passages of four words or more.
fn quotes(sentence: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (open, close) in [('“', '”'), ('"', '"')] {
        let mut rest = sentence;
        while let Some(start) = rest.find(open) {
            let after = &rest[start + open.len_utf8()..];
            let Some(end) = after.find(close) else {
                break;
            };
            let quote = after[..end].trim();
            if (4..=14).contains(&quote.split_whitespace().count()) {
                out.push(quote);
            }
            rest = &after[end + close.len_utf8()..];
        }
    }
    out
}

#[cfg(test)]
#[path = "compare_tests.rs"]
mod tests;
