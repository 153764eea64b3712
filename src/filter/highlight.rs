//! Which characters of a title to highlight: the ones the query's terms matched, found by the
//! same rule that decided the match — as typed in the folded title (or in the title as
//! written, for a term with capitals), else the first compact window, each character taken
//! at its earliest place — and mapped back through folding to the title as written.

use super::query::{Query, TermKind};
use super::scan::windows;
use crate::article::fold::fold_into;

/// Character positions in `title` (as written) that the query's plain terms matched, in order.
pub fn title_highlights(query: &Query, title: &str) -> Vec<usize> {
    let mut folded: Option<(String, Vec<usize>)> = None;
    let mut positions = Vec::new();
    for term in query.terms.iter().filter(|t| !t.negated) {
        let TermKind::Plain {
            typed,
            folded: folded_term,
            smart_case,
            ..
        } = &term.kind
        else {
            continue;
        };
        if *smart_case {
            positions.extend(match_positions(title, typed));
            continue;
        }
        let (text, origin) = folded.get_or_insert_with(|| fold_with_origin(title));
        positions.extend(
            match_positions(text, folded_term)
                .into_iter()
                .filter_map(|at| origin.get(at).copied()),
        );
    }
    positions.sort_unstable();
    positions.dedup();
    positions
}

/// `text` folded, and for each character of the folded text the position of the character
/// of `text` it came from.
fn fold_with_origin(text: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    let mut buffer = [0; 4];
    for (n, c) in text.chars().enumerate() {
        let before = folded.len();
        fold_into(c.encode_utf8(&mut buffer), &mut folded);
        origin.extend(std::iter::repeat_n(n, folded[before..].chars().count()));
    }
    (folded, origin)
}

/// Character positions in `text` where `term` matched: its first occurrence as typed, else
/// its first compact window with each character at its earliest place; none when it does not
/// match.
fn match_positions(text: &str, term: &str) -> Vec<usize> {
    let length = term.chars().count();
    if length == 0 {
        return Vec::new();
    }
    if let Some(at) = text.find(term) {
        let start = text[..at].chars().count();
        return (start..start + length).collect();
    }
    let mut window = None;
    windows(text, term, |range| {
        window = Some(range);
        true
    });
    let Some(range) = window else {
        return Vec::new();
    };
    let start = text[..range.start].chars().count();
    let mut wanted = term.chars().peekable();
    let mut positions = Vec::with_capacity(length);
    for (n, c) in text[range].chars().enumerate() {
        if wanted.peek() == Some(&c) {
            positions.push(start + n);
            wanted.next();
        }
    }
    positions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(title: &str, query: &str) -> String {
        let at = title_highlights(&Query::parse(query), title);
        title
            .chars()
            .enumerate()
            .map(|(n, c)| {
                if at.contains(&n) {
                    c.to_ascii_uppercase()
                } else {
                    c
                }
            })
            .collect()
    }

    #[test]
    fn as_typed_first_then_the_compact_window() {
        assert_eq!(marked("putin dan kim", "kim"), "putin dan KIM");
        assert_eq!(marked("kompas tv", "kmpas"), "KoMPAS tv");
        assert_eq!(marked("x p-u-t-i-n", "putin"), "x P-U-T-I-N");
        assert_eq!(marked("kim dan putin", "putin kim"), "KIM dan PUTIN");
        assert_eq!(marked("kim dan putin", "!putin kim"), "KIM dan putin");
        assert_eq!(
            marked("kim dan putin", "@putin 'dan is:read"),
            "kim dan putin"
        );
    }

    #[test]
    fn accents_and_capitals_map_back_to_the_title() {
        // Folded, "Pútin" matches "putin"; the highlight lands on the accented letters.
        assert_eq!(
            title_highlights(&Query::parse("putin"), "Café Pútin"),
            [5, 6, 7, 8, 9]
        );
        // A combining accent folds to nothing; the letters around it still line up.
        assert_eq!(
            title_highlights(&Query::parse("cafe"), "Cafe\u{301} x"),
            [0, 1, 2, 3]
        );
        // Capitals match the title as written.
        assert!(title_highlights(&Query::parse("Putin"), "putin").is_empty());
        assert_eq!(
            title_highlights(&Query::parse("Putin"), "Si Putin"),
            [3, 4, 5, 6, 7]
        );
    }

    #[test]
    fn what_does_not_match_is_not_highlighted() {
        assert!(
            title_highlights(&Query::parse("kompas"), "kim ongkos masuk pada acara sore")
                .is_empty()
        );
    }
}
