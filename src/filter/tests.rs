use super::*;
use crate::article::fold::fold;

#[test]
fn compact_means_close_together() {
    let m = Matcher::default();
    assert!(m.compact("Kompas TV", "kmpas").is_some());
    assert!(
        m.compact("Kim Ongkos Masuk Pada Acara Sore", "kompas")
            .is_none()
    );
}

/// The head score of `typed` against a title given folded and as written.
fn head(folded_title: &str, title: &str, typed: &str) -> Option<i64> {
    let query = Query::parse(typed);
    let TermKind::Plain {
        typed,
        folded,
        smart_case,
        finder,
        typed_finder,
        ..
    } = &query.terms[0].kind
    else {
        panic!("{typed} is a plain term");
    };
    let term = PlainTerm {
        typed,
        folded,
        smart_case: *smart_case,
        finder,
        typed_finder,
    };
    Matcher::default().head_score(|| folded_title, || title, term, Scoring::Now, None)
}

#[test]
fn found_as_typed_ranks_above_fuzzy() {
    let exact = head("putin tiba", "Putin tiba", "putin").unwrap();
    let inside = head("seputinya", "seputinya", "putin").unwrap();
    let fuzzy = head("p u t i n", "p u t i n", "putin").unwrap();
    assert!(exact > inside && inside > fuzzy, "{exact} {inside} {fuzzy}");
    assert!(
        head("putin tiba", "putin tiba", "Putin").is_none(),
        "capitals match exactly"
    );
    assert!(head("putin tiba", "Putin tiba", "Putin").is_some());
    assert!(head("kim tiba", "Kim tiba", "putin").is_none());
}

#[test]
fn word_prefixes_only() {
    let body = fold("Kim mengunjungi Kosmodrom Vostochny, lalu (sanksi) berat.");
    assert!(has_word_prefix(&body, "vostoch"));
    assert!(has_word_prefix(&body, "sanksi"));
    assert!(!has_word_prefix(&body, "ostochny"));
}

mod smart_case_tests {
    use super::*;
    use crate::article::parse;
    use crate::rules::Rules;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        /// A term with capitals is checked against the titles as written: read back from the
        /// packed heads in one pass (ASCII titles) or from each article (the rest), it finds
        /// and scores what checking every article on its own does.
        #[test]
        fn titles_as_written_scanned_match_one_at_a_time(
            titles in proptest::collection::vec("[PpUuTtIiNnxx Kk’é-]{1,20}", 1..24),
            typed in "[Pp][UuTt]{0,2}[IiNn]{0,2}",
        ) {
            proptest::prop_assume!(typed.chars().any(char::is_uppercase));
            let articles = titles
                .iter()
                .map(|title| parse(&format!("{title}\n\nKOMPAS.com - Isi berita.\n"), Rules::builtin()))
                .collect();
            let store = Store::from_articles(articles);
            let matcher = Matcher::default();
            let every: Vec<usize> = (0..store.articles.len()).collect();
            // The matches among `indices` as a run is checked, scored as one at a time is.
            let checked = |query: &Query, indices: &[usize]| -> Vec<Hit> {
                matcher
                    .quick_hits(query, indices, &store, &NoFlags)
                    .into_iter()
                    .map(|hit| matcher.rescore(query, hit, &store, &NoFlags))
                    .collect()
            };
            let one_by_one = |query: &Query| -> Vec<Hit> {
                every
                    .iter()
                    .filter_map(|&i| matcher.hit(query, i, &store, &NoFlags))
                    .collect()
            };
            let query = Query::parse(&typed);
            proptest::prop_assert_eq!(
                checked(&query, &every),
                one_by_one(&query),
                "{:?} in {:?}",
                typed,
                titles
            );
            // With the word index answering for the bodies, and the run checked in pieces
            // (too sparse to scan, so each title is read from its article).
            let mut index = crate::index::WordIndex::default();
            index.merge(crate::index::BatchIndex::build(&store.articles), 0);
            let mut query = query.clone();
            query.use_index(&index, store.articles.len());
            let all = one_by_one(&query);
            for indices in [every.clone(), every.iter().copied().step_by(9).collect()] {
                let indexed = checked(&query, &indices);
                let want: Vec<Hit> = all
                    .iter()
                    .filter(|hit| indices.contains(&hit.index))
                    .copied()
                    .collect();
                proptest::prop_assert_eq!(indexed, want, "{:?} in {:?}", typed, titles);
            }
        }
    }
}
