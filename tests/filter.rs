//! The query language on the seeds: the counts the reader issue asks for.

mod common;
#[path = "../examples/common/corpus.rs"]
#[allow(dead_code)]
mod corpus;
use warta::filter::{Matcher, NoFlags, Query};
use warta::index::{BatchIndex, WordIndex};
use warta::rules::Rules;
use warta::store::{self, LoadOptions, Sources, Store};

fn store() -> Store {
    store::load_all(&Sources::Seeds, Rules::builtin(), LoadOptions::default())
}

fn ids(store: &Store, query: &str) -> Vec<String> {
    Matcher::default()
        .filter(&Query::parse(query), store, &NoFlags)
        .iter()
        .map(|h| store.articles[h.index].id[..3].to_string())
        .collect()
}

#[test]
fn seed_query_counts() {
    let store = store();
    let counts = [
        ("kompas", 1),
        ("kmpas", 1),
        ("@tribun", 2),
        ("vostochny", 1),
        ("vietnam", 2),
        ("sanksi", 3),
        ("putin", 5),
        ("drakor", 0),
        ("!putin", 0),
        ("@kompas vietnam", 1),
        ("", 5),
    ];
    for (query, count) in counts {
        assert_eq!(
            ids(&store, query).len(),
            count,
            "{query:?} gave {:?}",
            ids(&store, query)
        );
    }
}

#[test]
fn which_articles_match() {
    let store = store();
    assert_eq!(ids(&store, "kompas"), ["002"]);
    assert_eq!(ids(&store, "vostochny"), ["001"]);
    let mut tribun = ids(&store, "outlet:tribun");
    tribun.sort();
    assert_eq!(tribun, ["000", "003"]);
    assert_eq!(ids(&store, "@kompas vietnam"), ["002"]);
    assert_eq!(ids(&store, "'jong-un !@tribun").len(), 2);
    assert_eq!(
        ids(&store, "VOSTOCHNY"),
        ["001"],
        "body words are case-insensitive"
    );
}

#[test]
fn title_matches_rank_before_body_matches() {
    let store = store();
    // "sepakat" is in 003's headline and only in the body of others, if any.
    let ranked = ids(&store, "sepakat");
    assert_eq!(ranked[0], "003");
    // Every seed mentions Putin; the headline matches come first, ties newest first.
    let ranked = ids(&store, "putin");
    assert_eq!(ranked.len(), 5);
    let hits = Matcher::default().filter(&Query::parse("putin"), &store, &NoFlags);
    let first_body_only = hits.iter().position(|h| !h.title_hit).unwrap_or(hits.len());
    assert!(hits[first_body_only..].iter().all(|h| !h.title_hit));
    assert!(first_body_only >= 1);
}

#[test]
fn list_filter_from_the_command_line() {
    let out = common::warta()
        .args(["--list", "--filter", "vietnam"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut ids: Vec<&str> = text.lines().map(|l| &l[..3]).collect();
    ids.sort();
    assert_eq!(ids, ["002", "003"]);
}

#[test]
fn scanning_a_run_of_articles_agrees_with_checking_each() {
    let texts = corpus::articles(600, 7);
    let mut articles: Vec<_> = texts
        .iter()
        .map(|t| warta::article::parse(t, Rules::builtin()))
        .collect();
    // Some accents, so heads that are not ASCII are in the run too.
    articles[3].title = "Café Pütin di Moskow".into();
    articles[3].search_title = "cafe putin di moskow".into();
    articles[5].search_title = "kim → putin".into();
    let mut store = Store::from_articles(articles);
    // Bodies answered by the word index too, and kept packed, as in the reader.
    let mut index = WordIndex::default();
    index.merge(BatchIndex::build(&store.articles), 0);
    warta::article::search_text::SearchText::pack(
        store.articles.iter_mut().map(|a| &mut a.search_body),
    );
    let matcher = Matcher::default();
    let every: Vec<usize> = (0..store.articles.len()).collect();
    let every_third: Vec<usize> = (0..store.articles.len()).step_by(3).collect();
    let sparse: Vec<usize> = (0..store.articles.len()).step_by(40).collect();
    for query in [
        "p",
        "pu",
        "putin",
        "ptn",
        "kim",
        "Putin",
        "@kompas",
        "putin kim",
        "!putin",
        "'jong-un",
        "→",
        "moskow putin",
        // Exact text answered by the words holding it, or narrowed by them.
        "'ostoch",
        "'putin",
        "'p",
        "'un di",
        "!'jong-un",
        // Terms with punctuation, narrowed by their first word.
        "jong-un",
        "kim-jong",
        "-un",
        "!jong-un",
    ] {
        let plain = Query::parse(query);
        let mut indexed = plain.clone();
        indexed.use_index(&index, store.articles.len());
        for indices in [&every, &every_third, &sparse] {
            let one_by_one: Vec<_> = indices
                .iter()
                .filter_map(|&i| matcher.hit(&plain, i, &store, &NoFlags))
                .collect();
            for query in [&plain, &indexed] {
                let quick: Vec<_> = matcher
                    .quick_hits(query, indices, &store, &NoFlags)
                    .into_iter()
                    .map(|hit| matcher.rescore(query, hit, &store, &NoFlags))
                    .collect();
                assert_eq!(quick, one_by_one, "{query:?}");
            }
        }
    }
}

/// The command line prints the same matches in the same order every time, whichever of the
/// loader's threads finishes first: matches that rank equally (the same words, no dates) go
/// by path.
#[test]
fn equal_matches_print_in_the_same_order_every_time() {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["b", "a", "c"] {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
        for n in 0..120 {
            let text =
                format!("Berita nomor {n} dari {folder}\n\nIsi yang sama tentang sanksi baru.\n");
            std::fs::write(dir.path().join(folder).join(format!("{n:03}.txt")), text).unwrap();
        }
    }
    let listed = || -> Vec<String> {
        let out = common::warta()
            .args(["--no-state", "--list", "--filter", "sanksi"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|line| line.split('\t').next_back().unwrap().to_string())
            .collect()
    };
    let first = listed();
    assert_eq!(first.len(), 360);
    assert_eq!(first[0], "Berita nomor 0 dari a", "by path: a/000 first");
    assert_eq!(first[359], "Berita nomor 119 dari c");
    for _ in 0..3 {
        assert_eq!(listed(), first);
    }
}
