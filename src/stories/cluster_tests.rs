//! The grouping, tried on invented articles: rare shared words, dates apart, the pairs kept
//! and the threads that find them.

use super::*;

fn doc(words: &[&str], day: Option<i32>) -> Doc<'static> {
    named_doc(words, &[], day)
}

/// A document of `words`, those among `names` specific (see [`Term::is_specific`]).
fn named_doc(words: &[&str], names: &[&str], day: Option<i32>) -> Doc<'static> {
    let mut terms: Vec<Term> = words
        .iter()
        .map(|w| Term::new(super::super::terms::hash_word(w), 2, names.contains(w)))
        .collect();
    terms.sort_by_key(|t| t.hash);
    terms.dedup_by_key(|t| t.hash);
    Doc {
        terms: terms.leak(),
        day,
        month_day: None,
    }
}

/// Wire copy with no year: five earnings reports on one template, two of them filed on
/// March 18 and two on June 1 — and one with a full date of June 2.
#[test]
fn days_without_a_year_keep_events_apart_too() {
    let report = |company: &str, month_day, day| Doc {
        month_day,
        day,
        ..doc(
            &["qtr", "shr", "cts", "net", "sales", "loss", company],
            None,
        )
    };
    let docs = [
        report("publicker", Some((3, 18)), None),
        report("comptek", Some((6, 1)), None),
        report("publicker", Some((3, 18)), None),
        report("comptek", Some((6, 1)), None),
        report("comptek", Some((6, 2)), Some(19_876)),
    ];
    assert_eq!(group(&docs), [0, 1, 0, 1, 1]);
    let undated: Vec<Doc> = docs
        .iter()
        .map(|d| Doc {
            month_day: None,
            ..*d
        })
        .collect();
    // Undated, the template makes them alike, but each company's reports are far more
    // alike with each other than across: two stories still.
    assert_eq!(group(&undated), [0, 1, 0, 1, 1]);
}

/// What the grouping reads comes out whole, in order, however many pieces it takes.
#[test]
fn the_grouping_input_is_every_byte_once() {
    let one = doc(&["putin", "kim"], Some(7));
    let mut bytes = Vec::new();
    grouping_input(&[one], |piece| bytes.extend_from_slice(piece));
    let mut expected = 7i32.to_le_bytes().to_vec();
    expected.extend([0, 0]);
    expected.extend(2u32.to_le_bytes());
    for term in one.terms {
        let Term { hash, packed } = *term;
        expected.extend(hash.to_le_bytes());
        expected.extend(packed.to_le_bytes());
    }
    assert_eq!(bytes, expected);
    // Past one piece: 20,000 articles of 22 bytes each.
    let many = vec![one; 20_000];
    let mut pieces = 0;
    let mut all = Vec::new();
    grouping_input(&many, |piece| {
        pieces += 1;
        all.extend_from_slice(piece);
    });
    assert!(pieces > 1);
    assert_eq!(all, expected.repeat(20_000));
}

/// An article's scale is read from its seven closest similarities, kept as links come in
/// whatever their order.
#[test]
fn the_closest_similarities_are_kept_in_order() {
    let mut nearest = [f32::NEG_INFINITY; SCALE_NEIGHBOUR];
    for s in [0.3, 0.9, 0.1, 0.5, 0.7] {
        keep_closest(&mut nearest, s);
    }
    let none = f32::NEG_INFINITY;
    assert_eq!(nearest, [0.9, 0.7, 0.5, 0.3, 0.1, none, none]);
    for s in [0.2, 0.05, 0.95, 0.6, 0.4] {
        keep_closest(&mut nearest, s);
    }
    assert_eq!(nearest, [0.95, 0.9, 0.7, 0.6, 0.5, 0.4, 0.3]);
    // The seventh closest sets the scale: a pair of articles with the same seventh is
    // scaled by it, not past the floor.
    let mut closest = vec![[f32::NEG_INFINITY; SCALE_NEIGHBOUR]; 9];
    for k in 1..=8 {
        let s = 0.1 * k as f32;
        keep_closest(&mut closest[0], s);
        keep_closest(&mut closest[k], s);
    }
    let scale = scales(&closest);
    let seventh = 0.2f32; // 0.8, 0.7, … 0.2 for article 0; the others have one link each
    assert!(
        (scale[0] - seventh).abs() < 1e-6 && scale[8] == SCALE_FLOOR,
        "{scale:?}"
    );
    let got = scaled(0.8, &scale, 0, 8);
    let expected = SCALED_UNIT * 0.8 / (seventh * SCALE_FLOOR).sqrt().sqrt();
    assert!((got - expected).abs() < 1e-6, "{got} {expected}");
}

/// A term finds pairs while in at most one article in fifty, at least 24 and at most
/// 2,000: a folder ten times larger does not make each term's list ten times longer.
#[test]
fn a_term_finds_pairs_only_while_rare() {
    assert_eq!(common_from(10), 24);
    assert_eq!(common_from(50_000), 1000);
    assert_eq!(common_from(100_000), 2000);
    assert_eq!(common_from(1_000_000), 2000);
}

/// Every article's cluster is read as its root, however long the chain of joins.
#[test]
fn clusters_name_each_article_by_its_root() {
    let (cluster, joined) = clusters(6, [(2, 3), (1, 2), (0, 1), (4, 5)].into_iter());
    assert_eq!(cluster, [0, 0, 0, 0, 4, 4]);
    assert_eq!(joined, [true; 6]);
    let (alone, joined) = clusters(3, [(0, 2)].into_iter());
    assert_eq!((alone, joined), (vec![0, 1, 0], vec![true, false, true]));
}

/// The grouping as it was before its two passes: every candidate pair kept, scaled, and
/// read by the joining (the scales from the pairs' cosines, as [`group_on`] reads them).
fn every_pair_kept(docs: &[Doc<'_>]) -> Vec<u32> {
    let n = docs.len();
    let pairs: Vec<(Alike, u32, u32)> = Pairs::of(docs, 1)
        .each(
            &|_| true,
            &|_, _| true,
            &Vec::new,
            &|pairs: &mut Vec<(Alike, u32, u32)>, i, j, alike| {
                pairs.push((alike, i as u32, j as u32))
            },
        )
        .concat();
    let mut closest = vec![[f32::NEG_INFINITY; SCALE_NEIGHBOUR]; n];
    for &(alike, i, j) in &pairs {
        keep_closest(&mut closest[i as usize], alike.cosine);
        keep_closest(&mut closest[j as usize], alike.cosine);
    }
    let links: Vec<Link> = pairs
        .into_iter()
        .map(|(alike, i, j)| (alike.similarity, i, j))
        .collect();
    let scale = scales(&closest);
    let links = links
        .into_iter()
        .map(|(s, i, j)| (scaled(s, &scale, i, j), i, j))
        .collect();
    average_linkage(n, links)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    /// Keeping only the pairs inside the clusters that joining links make gives the
    /// stories every pair gives: crowds of articles on one topic, events told by a few,
    /// words shared by chance, on one thread or several.
    #[test]
    fn pairs_outside_the_clusters_change_no_story(
        articles in proptest::collection::vec(
            (0..12usize, proptest::collection::vec(0..40usize, 2..9), proptest::option::of(0..12i32)),
            2..90,
        ),
        threads in 1..4usize,
    ) {
        let words: Vec<String> = (0..40).map(|w| format!("w{w}")).collect();
        let events: Vec<String> = (0..12).map(|e| format!("event{e}")).collect();
        let events_as_str: Vec<&str> = events.iter().map(String::as_str).collect();
        let docs: Vec<Doc<'static>> = articles
            .iter()
            .map(|(event, own, day)| {
                let mut terms: Vec<&str> = own.iter().map(|&w| words[w].as_str()).collect();
                terms.push(events[*event].as_str());
                terms.push(events[(*event + 1) % 12].as_str());
                // The events' words are names, so that pairs of different events are
                // lowered where their names disagree.
                named_doc(&terms, &events_as_str, *day)
            })
            .collect();
        proptest::prop_assert_eq!(group_on(&docs, threads), every_pair_kept(&docs));
    }
}

/// Stories found with the pairs split over threads are the ones found on one.
#[test]
fn the_threads_finding_pairs_do_not_change_the_stories() {
    let vocabulary: Vec<String> = (0..120).map(|n| format!("word{n}")).collect();
    let own: Vec<String> = (0..240).map(|n| format!("event{n}")).collect();
    // 600 articles: 60 events of ten, each sharing four words of its own, with words
    // of the whole folder mixed in, and dates on most.
    let docs: Vec<Doc<'static>> = (0..600usize)
        .map(|i| {
            let event = i % 60;
            let mut words: Vec<&str> = (0..4).map(|k| own[event * 4 + k].as_str()).collect();
            words.extend((0..5).map(|k| vocabulary[(i * 7 + k * 13) % 120].as_str()));
            doc(&words, (i % 9 != 0).then_some((event * 3 + i % 2) as i32))
        })
        .collect();
    let one = group_on(&docs, 1);
    let stories = one.iter().max().map_or(0, |&m| m as usize + 1);
    assert!((30..590).contains(&stories), "{stories} stories");
    for threads in [2, 3, 7] {
        assert_eq!(group_on(&docs, threads), one, "{threads} threads");
    }
}

#[test]
fn shared_rare_words_make_a_story_and_dates_keep_events_apart() {
    let docs = [
        doc(
            &["putin", "kim", "pyongyang", "treaty", "signed"],
            Some(100),
        ),
        doc(
            &["putin", "kim", "pyongyang", "treaty", "defence"],
            Some(101),
        ),
        doc(&["flood", "jakarta", "rain", "evacuated"], Some(100)),
        doc(
            &["putin", "kim", "pyongyang", "treaty", "signed"],
            Some(300),
        ),
        doc(&["flood", "jakarta", "rain", "homes"], None),
    ];
    assert_eq!(group(&docs), [0, 0, 1, 2, 1]);
}

/// Two groups of two tellings each join only when they are nearly as alike across as inside:
/// two pairs close inside and half as close across stay two stories; a lone article joins a
/// close pair by the average alone.
#[test]
fn two_told_events_alike_across_only_by_kind_stay_two() {
    let links_with = |across: f32| -> Vec<Link> {
        let mut links = vec![(0.8, 0, 1), (0.78, 2, 3)];
        links.extend([(0, 2), (0, 3), (1, 2), (1, 3)].map(|(i, j)| (across, i, j)));
        links
    };
    // 0.55 across is above the link's bar, but under 0.85 of the closer pair's 0.78.
    assert_eq!(average_linkage(4, links_with(0.55)), [0, 0, 1, 1]);
    assert_eq!(average_linkage(4, links_with(0.7)), [0, 0, 0, 0]);
    // A third article, as far from the pair as the two pairs were, still joins it.
    let lone = vec![(0.8, 0, 1), (0.55, 0, 2), (0.55, 1, 2)];
    assert_eq!(average_linkage(3, lone), [0, 0, 0]);
}

/// Two fires in one city, each reported twice: the city, its fire brigade and the kind of
/// event are shared by all four; the district, the officer and the building by each pair.
#[test]
fn two_fires_in_one_city_each_told_twice_are_two_stories() {
    let names = [
        "london",
        "brigade",
        "whitechapel",
        "reason",
        "dagenham",
        "smith",
        "tuesday",
        "saturday",
    ];
    let fire = |own: &[&'static str]| {
        let mut words = vec![
            "london",
            "brigade",
            "fire",
            "firefighters",
            "blaze",
            "smoke",
        ];
        words.extend_from_slice(own);
        named_doc(&words, &names, None)
    };
    let docs = [
        fire(&[
            "whitechapel",
            "reason",
            "tuesday",
            "flats",
            "kitchen",
            "hospital",
        ]),
        fire(&[
            "dagenham",
            "smith",
            "saturday",
            "warehouse",
            "plume",
            "homes",
        ]),
        fire(&[
            "whitechapel",
            "reason",
            "flats",
            "kitchen",
            "inhalation",
            "evacuated",
        ]),
        fire(&[
            "dagenham",
            "smith",
            "saturday",
            "warehouse",
            "windows",
            "homes",
        ]),
    ];
    assert_eq!(group(&docs), [0, 1, 0, 1]);
}

/// Articles that join a story one by one are never weighed as two groups; the formed story is
/// read again and cut into its two events all the same.
#[test]
fn a_story_formed_one_article_at_a_time_is_cut_into_its_events() {
    // Events {0, 2} and {1, 3}: 1 joins {0, 2} (0.45 on average), then 3 joins all three
    // (0.36), before the pair {1, 3} is ever weighed as one.
    let links = vec![
        (0.8, 0, 2),
        (0.5, 1, 2),
        (0.48, 1, 3),
        (0.4, 0, 1),
        (0.3, 0, 3),
        (0.3, 2, 3),
    ];
    assert_eq!(average_linkage(4, links), [0, 1, 0, 1]);
}

/// The same past the size where every cut is tried: seven tellings of one event, and seven of
/// another whose articles each lean on one telling of the first (a shared wire paragraph),
/// join one by one into a story of 14, which is cut into the two.
#[test]
fn a_large_story_formed_one_article_at_a_time_is_cut_into_its_events() {
    let (first, second): (Vec<u32>, Vec<u32>) = (0..14).partition(|&a| a % 2 == 0);
    let mut links = Vec::new();
    for (x, &a) in first.iter().enumerate() {
        for (y, &b) in second.iter().enumerate() {
            let leans = x == y;
            links.push((if leans { 0.6 } else { 0.3 }, a.min(b), a.max(b)));
        }
        for &other in &first[x + 1..] {
            links.push((0.8, a, other));
        }
    }
    for (y, &b) in second.iter().enumerate() {
        for &other in &second[y + 1..] {
            links.push((0.55, b, other));
        }
    }
    let stories = average_linkage(14, links);
    let expected: Vec<u32> = (0..14).map(|a| a % 2).collect();
    assert_eq!(stories, expected);
}

/// The pairs handed out for measuring are the grouping's own: the tellings of one event are a
/// pair at or above the link, two events of a kind are not, and the dated-apart never pair.
#[test]
fn the_scaled_pairs_are_the_ones_the_grouping_joins_by() {
    let docs = [
        doc(
            &["flood", "jakarta", "ciliwung", "kampung", "melayu"],
            Some(100),
        ),
        doc(
            &[
                "flood", "jakarta", "ciliwung", "kampung", "melayu", "evacuees",
            ],
            Some(100),
        ),
        doc(
            &["flood", "semarang", "demak", "tanggul", "wedung"],
            Some(100),
        ),
        doc(
            &["flood", "semarang", "demak", "tanggul", "wedung", "jebol"],
            Some(100),
        ),
        // The first event's words, dated a month later.
        doc(
            &["flood", "jakarta", "ciliwung", "kampung", "melayu"],
            Some(130),
        ),
    ];
    let pairs = scaled_pairs(&docs);
    let similarity = |i: u32, j: u32| (pairs.iter()).find(|p| (p.0, p.1) == (i, j)).map(|p| p.2);
    let stories = group(&docs);
    assert_eq!(stories, [0, 0, 1, 1, 2]);
    for (i, j) in [(0, 1), (2, 3)] {
        assert!(
            similarity(i, j).is_some_and(|s| s >= LINK_SIMILARITY),
            "{i} {j}: {pairs:?}"
        );
    }
    for (i, j) in [(0, 2), (0, 3), (1, 2), (1, 3)] {
        assert!(
            similarity(i, j).is_none_or(|s| s < LINK_SIMILARITY),
            "{i} {j}: {pairs:?}"
        );
    }
    assert!(pairs.iter().all(|p| p.0 < p.1), "{pairs:?}");
    assert!(pairs.iter().all(|p| p.1 != 4), "a month apart: {pairs:?}");
}
