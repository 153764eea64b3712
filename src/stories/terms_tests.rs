//! Story terms, tried on invented headlines and openings: the fast scan against the slow
//! one, names, numbers, stems, stop words, and the table that counts them.

use super::*;

/// The words of `text` as written, each with whether a sentence starts at it.
fn tokens(text: &str) -> impl Iterator<Item = (&str, bool)> + '_ {
    word_spans(text).map(|(start, end, starts)| (&text[start..end], starts))
}

#[test]
fn names_are_marked_and_stop_words_dropped() {
    let got = fast_terms("Presiden Putin tiba di Pyongyang pada Selasa, kata Kim.");
    let want: Vec<(u32, bool)> = [
        ("presiden", false),
        ("putin", true),
        ("tiba", false),
        ("pyongyang", true),
        ("kim", true),
    ]
    .iter()
    .map(|&(word, name)| (hash_word(&term_key(word).unwrap()), name))
    .collect();
    assert_eq!(got, want);
    assert!(is_kept_word("Pyongyang") && !is_kept_word("pada") && !is_kept_word("di"));
}

/// A written word's terms the slow way: its own ([`term_key`]), then, for a compound,
/// each part's ("Fauci-funded" gives "fauci-funded", "fauci" and "funded").
fn term_keys(raw: &str) -> impl Iterator<Item = String> + '_ {
    let raw = raw.trim_matches('-');
    let parts = raw.contains('-').then(|| raw.split('-'));
    term_key(raw)
        .into_iter()
        .chain(parts.into_iter().flatten().filter_map(term_key))
}

/// The terms of the first `limit` words of `text` the slow way: each word's key, hashed,
/// with whether its word is a name and whether the key is a number that is not a year.
fn slow_terms_within(text: &str, limit: usize) -> Vec<(u32, bool, bool)> {
    tokens(text)
        .take(limit)
        .flat_map(|(raw, starts)| {
            let name = !starts && raw.trim_matches('-').starts_with(char::is_uppercase);
            term_keys(raw).map(move |key| {
                let number = key.bytes().any(|b| b.is_ascii_digit()) && !is_year(key.as_bytes());
                (hash_word(&key), name, number)
            })
        })
        .collect()
}

fn slow_terms(text: &str) -> Vec<(u32, bool)> {
    let terms = slow_terms_within(text, usize::MAX);
    terms
        .into_iter()
        .map(|(hash, name, _)| (hash, name))
        .collect()
}

/// `each_term`'s terms of the first `limit` words, and how many words it read.
fn fast_terms_within(text: &str, limit: usize) -> (Vec<(u32, bool, bool)>, usize) {
    let mut out = Vec::new();
    let read = each_term(text, limit, |hash, name, number| {
        out.push((hash, name, number))
    });
    (out, read)
}

fn fast_terms(text: &str) -> Vec<(u32, bool)> {
    let (terms, _) = fast_terms_within(text, usize::MAX);
    terms
        .into_iter()
        .map(|(hash, name, _)| (hash, name))
        .collect()
}

#[test]
fn terms_hash_the_keys_of_the_words() {
    let text =
        "Presiden Putin tiba di Pyongyang pada Selasa, kata Kim. Café Ñandús vaccinated jobs J6";
    assert_eq!(fast_terms(text), slow_terms(text));
    assert_eq!(
        fast_terms("Putin vaccinated")
            .iter()
            .map(|t| t.0)
            .collect::<Vec<_>>(),
        [hash_word("putin"), hash_word("vaccin")]
    );
}

#[test]
fn inflections_of_a_word_are_one_term() {
    let one = |word: &str| term_key(word).unwrap();
    assert_eq!(one("vaccine"), one("Vaccines"));
    assert_eq!(one("vaccine"), one("vaccinated"));
    assert_eq!(one("vaksin"), one("vaksinasi"));
    assert_ne!(one("vaccine"), one("vacant"));
    // A short plural is its singular; an -ss, -us or -is word keeps its s.
    assert_eq!(one("jobs"), one("job"));
    assert_eq!(one("Claims"), one("claim"));
    assert_eq!(one("rallies"), one("rallied"));
    assert_eq!(one("virus"), "virus");
    assert_eq!(one("press"), "press");
    assert_eq!(one("crisis"), "crisis");
    assert_eq!(one("gas"), "gas");
    // Words with digits are kept whole.
    assert_eq!(one("covid-19"), "covid-19");
    // A compound is a term, and so is each of its parts.
    let keys = |word: &str| term_keys(word).collect::<Vec<_>>();
    assert_eq!(keys("Fauci-Funded"), ["fauci-funded", "fauci", "funded"]);
    assert_eq!(keys("Biden-Putin"), ["biden-putin", "biden", "putin"]);
    assert_eq!(keys("COVID-19"), ["covid-19", "covid", "19"]);
    assert_eq!(keys("-Putin-"), ["putin"]);
    assert_eq!(keys("jalan-jalan"), ["jalan-jalan", "jalan", "jalan"]);
    assert_eq!(term_key("the"), None);
    assert_eq!(term_key("of"), None);
}

#[test]
fn numbers_are_one_term_however_they_are_written() {
    let keys =
        |text: &str| -> Vec<String> { tokens(text).filter_map(|(raw, _)| term_key(raw)).collect() };
    assert_eq!(keys("added 559,000 jobs"), keys("added 559.000 jobs"));
    assert_eq!(keys("559,000"), ["559000"]);
    assert_eq!(keys("rate 5.8% now."), keys("rate 5,8% now"));
    assert_eq!(keys("5.8"), ["5.8"]);
    assert_eq!(keys("1,234.5 or 1.234,5"), ["1234.5", "1234.5"]);
    // A full stop after a number ends the sentence, not the number.
    assert_eq!(keys("In 2024. Pyongyang"), ["2024", "pyongy"]);
    assert_eq!(keys("a 7 b"), Vec::<String>::new());
    // Two characters with a digit among them name a thing; two letters do not.
    assert_eq!(keys("the J6 rally, G7 and 5G"), ["j6", "rally", "g7", "5g"]);
    assert_eq!(keys("an EU ban"), ["ban"]);
}

proptest::proptest! {
    #[test]
    fn the_fast_scan_gives_the_slow_terms(
        text in "[a-zA-Z0-9 .,!?'\\-éÉñ—“”]{0,80}",
        limit in 0usize..24,
    ) {
        proptest::prop_assert_eq!(
            fast_terms_within(&text, limit),
            (slow_terms_within(&text, limit), tokens(&text).take(limit).count())
        );
    }

    /// The same, over words a text really has: stop words, plurals, stems, numbers,
    /// years, compounds, names after a sentence's end.
    #[test]
    fn the_fast_scan_gives_the_slow_terms_of_real_words(
        words in proptest::collection::vec(proptest::sample::select(vec![
            "the", "The", "pada", "jobs", "Claims", "virus", "press", "rallies", "vaccinated",
            "Putin", "KIM", "2024", "1999", "559,000", "5.8", "12", "7", "J6", "5G", "G7",
            "34-year-old", "Biden-Putin", "-x-", "café", "Ñandús", "abc", "abcd", "abcdef",
            "abcdefg", "ab1", "a",
        ]), 0..16),
        separators in proptest::collection::vec(proptest::sample::select(vec![
            " ", ". ", ", ", "! ", " — ", "\n", "-", "",
        ]), 16),
    ) {
        let mut text = String::new();
        for (word, separator) in words.iter().zip(&separators) {
            text.push_str(word);
            text.push_str(separator);
        }
        proptest::prop_assert_eq!(
            fast_terms_within(&text, usize::MAX),
            (slow_terms_within(&text, usize::MAX), tokens(&text).count())
        );
    }
}

proptest::proptest! {
    /// Counting in the table gives what summing each hash's counts gives, whatever the
    /// order, however many terms (past the table's first size) and however heavy.
    #[test]
    fn term_counts_are_the_sums_of_each_hash(
        added in proptest::collection::vec((0u32..1500, 0u16..600, proptest::bool::ANY), 0..1200),
    ) {
        let mut counts = TermCounts::default();
        let mut want: std::collections::BTreeMap<u32, (u32, bool)> = Default::default();
        for &(hash, halves, specific) in &added {
            counts.add(hash, halves, specific);
            let entry = want.entry(hash).or_default();
            entry.0 += u32::from(halves);
            entry.1 |= specific;
        }
        let mut got: Vec<(u32, u16, bool)> = counts
            .terms
            .iter()
            .map(|t| ({ t.hash }, t.halves(), t.is_specific()))
            .collect();
        got.sort_unstable();
        let want: Vec<(u32, u16, bool)> = want
            .into_iter()
            .map(|(hash, (halves, specific))| {
                let halves = halves.min(u32::from(Term::MAX_HALVES)) as u16;
                (hash, halves, specific)
            })
            .collect();
        proptest::prop_assert_eq!(got, want);
    }
}

/// Names in the body and numbers anywhere are specific; a headline's capitals (often
/// title case) and a capital that only starts a sentence are not.
#[test]
fn names_and_numbers_are_specific() {
    let article = crate::article::parse(
        "Volcano Erupts Near Village, 2,300 Flee\n\nThe volcano erupted on Sunday in 2024 near the village of Karo, officials said. Villagers fled as ash fell over Berastagi.\n",
        crate::rules::Rules::builtin(),
    );
    let terms = story_terms(&article);
    let specific = |word: &str| {
        let hash = hash_word(&term_key(word).unwrap());
        let term = terms.iter().find(|t| t.hash == hash).expect(word);
        term.is_specific()
    };
    assert!(
        specific("Karo") && specific("Berastagi"),
        "names in the body"
    );
    assert!(specific("2,300"), "a number in the headline");
    assert!(!specific("2024"), "a year");
    assert!(!specific("Volcano") && !specific("Village"), "title case");
    assert!(!specific("Villagers"), "a capital that starts a sentence");
    assert!(!specific("officials"));
    // The count is kept beside the mark: a headline word counts 4, a body word 1.
    let volcano = terms
        .iter()
        .find(|t| t.hash == hash_word(&term_key("volcano").unwrap()))
        .unwrap();
    assert_eq!(volcano.halves(), 8 + 2);
    // The mark does not change the weight, and a count saturates below it.
    let most = Term::new(1, u16::MAX, true);
    assert!(most.is_specific() && most.halves() == Term::MAX_HALVES);
    assert_eq!(
        most.weight(),
        Term::new(1, Term::MAX_HALVES, false).weight()
    );
    assert!(!Term::new(1, Term::MAX_HALVES, false).is_specific());
}

#[test]
fn hashes_are_stable() {
    assert_eq!(hash_word("putin"), hash_word("putin"));
    assert_ne!(hash_word("putin"), hash_word("kim"));
    assert_eq!(hash_word(""), 0x811c_9dc5);
}
