#[test]
fn days_since_epoch_round_trips() {
    let d = super::ArticleDate::new(2024, 6, 19).unwrap();
    assert_eq!(d.days_since_epoch(), 19_893);
    assert_eq!(
        super::day_of_unix_seconds(i64::from(d.days_since_epoch()) * 86_400),
        (2024, 6, 19)
    );
}

#[test]
fn days_of_unix_time() {
    assert_eq!(super::day_of_unix_seconds(0), (1970, 1, 1));
    assert_eq!(super::day_of_unix_seconds(1_718_755_200), (2024, 6, 19));
    assert_eq!(super::day_of_unix_seconds(951_782_400), (2000, 2, 29));
}

#[test]
fn days_without_a_year() {
    assert_eq!(
        dateline_month_day("GREENWICH, Conn., March 18 -"),
        Some((3, 18))
    );
    assert_eq!(
        dateline_month_day("WASHINGTON, Jan. 5 (Reuters) -"),
        Some((1, 5))
    );
    assert_eq!(dateline_month_day("PYONGYANG, KOMPAS.com -"), None);
    assert_eq!(
        dateline_date("WASHINGTON, June 19, 2024 (UPI) --"),
        ArticleDate::new(2024, 6, 19)
    );
    assert_eq!(dateline_date("SEOUL, June 19 (AFP) -"), None);
    assert_eq!(dateline_date("SEOUL, June 19, 20245 -"), None);
    assert_eq!(dateline_month_day("LONDON, March 32 -"), None);
    assert_eq!(
        weekday_month_day("Jakarta, Senin (24/8). Presiden tiba pada 9/10."),
        Some((8, 24))
    );
    assert_eq!(weekday_month_day("Harga naik 24/8 persen"), None);
    assert_eq!(weekday_month_day("Rabu (31/2)"), None);
    assert_eq!(month_days_apart((3, 18), (3, 20)), 2);
    assert_eq!(month_days_apart((12, 30), (1, 2)), 3);
    assert_eq!(month_days_apart((3, 18), (6, 1)), 75);
}

#[test]
fn weekday_dates_agree_with_their_weekday() {
    let found: Vec<String> = super::weekday_dates(
        "Rabu (19/6/2024) lalu, dan Kamis, 20 Juni 2024; Selasa (20/6/2024) salah ketik; Friday, March 3, 2023.",
    )
    .map(|d| d.to_string())
    .collect();
    assert_eq!(found, ["2024-06-19", "2024-06-20", "2023-03-03"]);
}

#[test]
fn weekday_dates_start_a_word_in_any_case() {
    let found =
        |text: &str| -> Vec<String> { super::weekday_dates(text).map(|d| d.to_string()).collect() };
    // Either spelling of Friday, and capitals.
    assert_eq!(
        found("Jum'at (21/6/2024) dan JUMAT (28/6/2024)"),
        ["2024-06-21", "2024-06-28"]
    );
    // A weekday inside a longer word is not one.
    assert_eq!(
        found("Pesenin (17/6/2024), xfriday, June 21, 2024"),
        [""; 0]
    );
    // Nor a year run on into more digits; the next date is still found.
    assert_eq!(
        found("Senin (17/6/20245), lalu wednesday 19 june 2024."),
        ["2024-06-19"]
    );
}

use super::*;

fn dates(text: &str) -> Vec<String> {
    complete_dates(text).map(|d| d.to_string()).collect()
}

#[test]
fn indonesian_dates_in_running_text() {
    assert_eq!(
        dates("pada Rabu (19 Juni 2024) di Pyongyang"),
        ["2024-06-19"]
    );
    assert_eq!(dates("pada hari Kamis (20/6/2024) oleh"), ["2024-06-20"]);
    assert_eq!(
        dates("diambil 19 Juni 2024 itu dan 1 Agt. 2023"),
        ["2024-06-19", "2023-08-01"]
    );
    assert_eq!(dates("rilis 2024-06-20."), ["2024-06-20"]);
    assert_eq!(
        dates("7 Mei 2019 dan 3 Desember 2020"),
        ["2019-05-07", "2020-12-03"]
    );
}

#[test]
fn incomplete_or_impossible_dates_are_not_dates() {
    assert!(dates("Selasa (18/6) untuk menghadiri").is_empty());
    assert!(dates("pada Februari 2022 dan tahun 1961").is_empty());
    assert!(dates("pada 31 Juni 2024 atau 30/2/2024").is_empty());
    assert!(dates("perjanjian tahun 2000-2001").is_empty());
    assert!(dates("skor 3/4/12345").is_empty());
}

#[test]
fn stamps_with_time_and_zone() {
    let (date, len) = stamp_at_start("20 Juni 2024, 08:50 WIBPYONGYANG").unwrap();
    assert_eq!(date.to_string(), "2024-06-20T08:50:00+07:00");
    assert_eq!(len, "20 Juni 2024, 08:50 WIB".len());
    let (date, _) = stamp_at_start("Kamis, 20/6/2024 09.15 WITA").unwrap();
    assert_eq!(date.to_string(), "2024-06-20T09:15:00+08:00");
    let (date, _) = stamp_at_start("Senin, 1 Juli 2024 23:05 WIT").unwrap();
    assert_eq!(date.to_string(), "2024-07-01T23:05:00+09:00");
    let (date, _) = stamp_at_start("3 Maret 2021").unwrap();
    assert_eq!(date.to_string(), "2021-03-03");
    assert!(stamp_at_start("Presiden Rusia 20 Juni 2024").is_none());
}

#[test]
fn leap_years_and_ordering() {
    assert!(ArticleDate::new(2024, 2, 29).is_some());
    assert!(ArticleDate::new(2023, 2, 29).is_none());
    assert!(ArticleDate::new(1900, 2, 29).is_none());
    let early = ArticleDate::new(2024, 6, 19).unwrap();
    let late = stamp_at_start("20 Juni 2024, 08:50 WIB").unwrap().0;
    assert!(early.sort_key() < late.sort_key());
}

#[test]
fn rank_keys_order_as_sort_keys_do() {
    let mut dates: Vec<ArticleDate> = [
        "20 Juni 2024, 08:50 WIB",
        "20 Juni 2024, 08:50 WIT",
        "20 Juni 2024, 23:59 WIB",
        "21 Juni 2024, 00:01 WITA",
        "1 Januari 2025, 00:00 WIB",
        "31 Desember 1999, 23:59 WIB",
    ]
    .iter()
    .map(|s| stamp_at_start(s).unwrap().0)
    .collect();
    dates.extend(ArticleDate::new(2024, 6, 20));
    dates.extend(ArticleDate::new(1800, 1, 1));
    dates.extend(ArticleDate::new(2200, 12, 31));
    for a in &dates {
        assert!(a.rank_key() > 0 && a.rank_key() < 1 << 40);
        for b in &dates {
            assert_eq!(
                a.sort_key().cmp(&b.sort_key()),
                a.rank_key().cmp(&b.rank_key())
            );
        }
    }
}

#[test]
fn month_names_both_languages() {
    assert_eq!(month_number("Agustus"), Some(8));
    assert_eq!(month_number("AUG"), Some(8));
    assert_eq!(month_number("okt."), Some(10));
    assert_eq!(month_number("Rabu"), None);
}
