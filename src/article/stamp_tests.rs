use super::*;

/// The stamp's date and time as "YYYY-MM-DD hh:mm offset" (minutes east of UTC), or the day
/// alone.
fn read(line: &str) -> Option<String> {
    let date = stamp_line(line)?;
    let day = format!("{:04}-{:02}-{:02}", date.year, date.month, date.day);
    Some(match date.time {
        Some(t) => format!("{day} {:02}:{:02} {}", t.hour, t.minute, t.offset_minutes),
        None => day,
    })
}

#[test]
fn stamps_in_the_orders_sites_print_them() {
    for (line, expected) in [
        (
            "Updated 4:12 AM EDT, Wed June 19, 2024",
            "2024-06-19 04:12 -240",
        ),
        (
            "Published 10:03 PM EDT, June 19, 2024",
            "2024-06-19 22:03 -240",
        ),
        (
            "June 19, 2024 / 4:12 AM / Updated 2 hours ago",
            "2024-06-19 04:12 420",
        ),
        (
            "Posted: Jun 19, 2024 / 05:12 AM EDT",
            "2024-06-19 05:12 -240",
        ),
        (
            "Last Modified: June 19, 2024 at 5:12 a.m. ET",
            "2024-06-19 05:12 -300",
        ),
        ("Jun. 19, 2024 at 12:40 p.m. PDT", "2024-06-19 12:40 -420"),
        (
            "Wed, June 19, 2024 at 12:05 AM CDT",
            "2024-06-19 00:05 -300",
        ),
        ("Wednesday 19 June 2024 08:45, UK", "2024-06-19 08:45 0"),
        ("Wed 19 Jun 2024 10.45 BST", "2024-06-19 10:45 60"),
        ("19th June 2024", "2024-06-19"),
        ("Published June 19, 2024 • 5 min read", "2024-06-19"),
        ("Rabu, 19 Juni 2024 10:45 WIB", "2024-06-19 10:45 420"),
        (
            "Diperbarui: Rabu, 19/06/2024 pukul 10.45 WIB",
            "2024-06-19 10:45 420",
        ),
        (
            "First published on Thu 20 Jun 2024 02.10 AEST",
            "2024-06-20 02:10 600",
        ),
        ("June 19, 2024 5:12pm (UTC+7)", "2024-06-19 17:12 420"),
    ] {
        assert_eq!(read(line).as_deref(), Some(expected), "{line:?}");
    }
}

#[test]
fn the_first_part_with_a_date_is_the_stamp_at_its_own_time() {
    assert_eq!(
        read("PUBLISHED: 10:45 BST, 19 June 2024 | UPDATED: 11:02 BST, 20 June 2024").as_deref(),
        Some("2024-06-19 10:45 60")
    );
    assert_eq!(
        read("Published 18 June 2024 | Updated 3:15 PM ET, 19 June 2024").as_deref(),
        Some("2024-06-18"),
        "the update's time is not the publication's"
    );
}

#[test]
fn dates_in_one_word() {
    for (line, expected) in [
        ("2024-06-19T05:12:00Z", "2024-06-19 05:12 0"),
        ("2024-06-19T12:12:00.000+07:00", "2024-06-19 12:12 420"),
        ("2024-06-19", "2024-06-19"),
        ("19/06/2024 05:12", "2024-06-19 05:12 420"),
        // The second number cannot be a month: the first is.
        ("06/19/2024", "2024-06-19"),
        ("19-06-2024", "2024-06-19"),
    ] {
        assert_eq!(read(line).as_deref(), Some(expected), "{line:?}");
    }
}

#[test]
fn lines_that_are_not_only_a_stamp() {
    for line in [
        // Prose that mentions a date.
        "Putin arrived on June 19, 2024 for talks",
        "The treaty was signed on 19 June 2024.",
        // A widget, a page count, a headline with numbers: no whole date.
        "Listen to this article · 5 min",
        "Updated 2 hours ago",
        "June 2024",
        "9/11: 20 years on",
        "Top 10 stories of 2024",
        // Dates that do not exist, times that cannot be.
        "31 June 2024",
        "June 19, 2024 25:10",
        "13:05 PM, June 19, 2024",
        // A byline beside the stamp: a line the other readers are asked about.
        "By Jane Smith, June 19, 2024",
    ] {
        assert_eq!(read(line), None, "{line:?}");
    }
}

#[test]
fn a_time_with_no_zone_keeps_the_default_offset() {
    assert_eq!(
        read("19 June 2024 08:50").as_deref(),
        Some("2024-06-19 08:50 420")
    );
}
