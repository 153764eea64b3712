//! Tests of [`super`]: alignment and what only one side has.

use super::*;

fn sentences_of(text: &[&str]) -> Vec<(String, bool)> {
    text.iter().map(|s| (s.to_string(), true)).collect()
}

#[test]
fn shared_reworded_and_unique_sentences() {
    let left = sentences_of(&[
        "The two leaders signed a mutual defence treaty in Pyongyang on Wednesday.",
        "Officials said the pact covers trade and technology.",
        "Analysts in Seoul warned of 12 new missile tests.",
    ]);
    let right = sentences_of(&[
        "The two leaders signed a mutual defence treaty in Pyongyang on Wednesday.",
        "The agreement covers trade and technology, officials said on the record.",
        "Crowds lined the streets to greet the visitors.",
    ]);
    let c = align(&left, &right);
    let kinds: Vec<Kind> = c.left.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [Kind::Shared, Kind::Reworded, Kind::Unique]);
    assert_eq!(c.left[1].counterpart, Some(1));
    assert_eq!(c.right[2].kind, Kind::Unique);
    assert!(c.only_left.contains(&"12".to_string()), "{:?}", c.only_left);
    assert!(
        c.only_left.contains(&"Seoul".to_string()),
        "{:?}",
        c.only_left
    );
    assert!(!c.only_left.contains(&"Pyongyang".to_string()));
}

/// A name or a number the other side gives in another form is not only this side's:
/// hyphenated or not, a title's capital or not, thousands marked with a comma or a point.
#[test]
fn the_same_name_or_number_written_otherwise_is_shared() {
    let left = sentences_of(&[
        "Talks went on as Leader Kim Jong-un met the envoy in Wonsan on Friday.",
        "Payrolls rose by 559,000 and the rate fell to 5.8 percent, short of 671,000.",
    ]);
    let right = sentences_of(&[
        "The envoy met leader Kim Jong Un in Wonsan, officials said.",
        "The economy added 559.000 jobs as unemployment fell to 5,8 percent.",
    ]);
    let c = align(&left, &right);
    assert_eq!(c.only_left, ["671,000"], "{:?}", c.only_left);
    assert!(c.only_right.is_empty(), "{:?}", c.only_right);
    let c = align(
        &sentences_of(&["It was signed by George W. Bush in Texas."]),
        &sentences_of(&["George Bush signed it in Texas."]),
    );
    assert!(c.only_left.is_empty(), "{:?}", c.only_left);
    // A name the other side does not give stays listed, whole.
    let other = sentences_of(&["The envoy met officials in Wonsan, they said."]);
    let c = align(&left[..1], &other);
    assert_eq!(c.only_left, ["Leader Kim Jong-un"]);
}

/// A name and its short form are one name, whichever side gives which.
#[test]
fn a_name_and_its_initials_are_one_name() {
    let left = sentences_of(&[
        "Officials of the United States and the Perserikatan Bangsa-Bangsa met the Associated Press.",
    ]);
    let right = sentences_of(&["Officials of the U.S. and the PBB spoke to AP reporters."]);
    let c = align(&left, &right);
    assert!(c.only_left.is_empty(), "{:?}", c.only_left);
    assert!(c.only_right.is_empty(), "{:?}", c.only_right);
    // Initials the other side does not give keep the name listed.
    let other = sentences_of(&["Officials of the EU spoke to reporters."]);
    let c = align(&left, &other);
    assert_eq!(
        c.only_left,
        [
            "United States",
            "Perserikatan Bangsa-Bangsa",
            "Associated Press"
        ]
    );
}

/// A short word is part of the name it stands in, not a name alone.
#[test]
fn names_keep_their_short_words() {
    assert_eq!(
        names("Talks with President Xi Jinping and Kim Jong Un, as To Lam said."),
        ["President Xi Jinping", "Kim Jong Un", "To Lam"]
    );
    assert_eq!(
        names("Officials in the US, UK and Biden's team met at 10 am."),
        ["Biden"]
    );
    assert_eq!(
        names("It awaits the U.S. Food and Drug Administration, Gov. Gavin Newsom said."),
        ["U.S", "Food", "Drug Administration", "Gavin Newsom"]
    );
    assert_eq!(
        names("He served under President George W. Bush and George H. W. Bush before."),
        ["President George W. Bush", "George H. W. Bush"]
    );
    assert_eq!(
        names("Ia tiba di Amerika Serikat (AS) bersama Joko Widodo."),
        ["Amerika Serikat", "Joko Widodo"]
    );
}

/// Numbers first, then names, then years: a year is more often background than news.
#[test]
fn years_come_after_the_names() {
    let left = sentences_of(&["Since 2001 the Joint Chiefs under Colin Powell counted 84 ships."]);
    let right = sentences_of(&["Nothing alike here."]);
    let c = align(&left, &right);
    assert_eq!(c.only_left, ["84", "Joint Chiefs", "Colin Powell", "2001"]);
}

#[test]
fn a_quote_only_one_side_has() {
    let left = sentences_of(&["He said “we will stand together against all threats” today."]);
    let right = sentences_of(&["He spoke to reporters today."]);
    let c = align(&left, &right);
    assert_eq!(
        c.only_left[0],
        "“we will stand together against all threats”"
    );
}

/// A date the other side writes in another form is not only this side's: "19/6/2024",
/// "19 Juni 2024", "June 19, 2024" and "2024-06-19" are one day, and so are "19/6" and
/// "19 Juni" without a year.
#[test]
fn a_date_written_otherwise_is_shared() {
    let left = sentences_of(&["Putin tiba di Pyongyang pada Rabu (19/6/2024) dini hari."]);
    for told in [
        "Putin tiba di Pyongyang pada 19 Juni 2024.",
        "Putin arrived in Pyongyang on June 19, 2024.",
        "Putin arrived in Pyongyang on 2024-06-19.",
        "Putin tiba di Pyongyang pada 19 Juni.",
        "Putin arrived in Pyongyang on 6/19/2024.",
    ] {
        let c = align(&left, &sentences_of(&[told]));
        assert!(c.only_left.is_empty(), "{told}: {:?}", c.only_left);
        assert!(c.only_right.is_empty(), "{told}: {:?}", c.only_right);
    }
    // Another day is news: it stays listed, on both sides.
    let c = align(
        &left,
        &sentences_of(&["Putin tiba di Pyongyang pada 18 Juni 2024."]),
    );
    assert_eq!(c.only_left, ["19/6/2024"]);
    assert_eq!(c.only_right, ["18"]);
}

#[test]
fn dates_in_numbers_read_as_days() {
    assert_eq!(numeric_month_days("19/6/2024"), [(6, 19)]);
    assert_eq!(numeric_month_days("2024-06-19"), [(6, 19)]);
    assert_eq!(numeric_month_days("6/19/24"), [(6, 19)]);
    assert_eq!(numeric_month_days("19/6"), [(6, 19)]);
    assert_eq!(numeric_month_days("5/6"), [(6, 5), (5, 6)]);
    for none in [
        "19", "2024/99", "40/50", "1/2/345", "a/b", "19//6", "1/2/3/4",
    ] {
        assert!(numeric_month_days(none).is_empty(), "{none}");
    }
    assert_eq!(
        month_days_in("Sejak 19 Juni, dan pada June 20, 2024, lalu (21/6)."),
        [(6, 19), (6, 20), (6, 21)]
    );
}
