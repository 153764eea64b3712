//! Dates as Indonesian news text writes them: "Rabu (19 Juni 2024)", "Kamis (20/6/2024)",
//! "20 Juni 2024, 08:50 WIB", "2024-06-20"; "Selasa (18/6)" has no year and is not complete.

use regex::Regex;
use serde::Serializer;
use std::fmt;
use std::sync::OnceLock;

/// A calendar date, with a time of day and UTC offset when the text gave one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ArticleDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub time: Option<TimeOfDay>,
}

/// A time of day with its offset from UTC in minutes (WIB is +07:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    pub hour: u8,
    pub minute: u8,
    pub offset_minutes: i16,
}

impl ArticleDate {
    /// A date, if it exists in the calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<ArticleDate> {
        let valid = (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && (1800..=2200).contains(&year);
        valid.then_some(ArticleDate {
            year,
            month,
            day,
            time: None,
        })
    }

    /// Days since 1970-01-01 (the day, whatever the time).
    pub fn days_since_epoch(&self) -> i32 {
        let month = i32::from(self.month);
        let year = if month <= 2 { self.year - 1 } else { self.year };
        let era = year.div_euclid(400);
        let yoe = year - era * 400;
        let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5
            + i32::from(self.day)
            - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// A key that orders dates in time; a date with no time sorts as its day's start.
    pub fn sort_key(&self) -> (i32, u8, u8, i32) {
        let minutes = self.time.map_or(0, |t| {
            i32::from(t.hour) * 60 + i32::from(t.minute) - i32::from(t.offset_minutes) + 24 * 60
        });
        (self.year, self.month, self.day, minutes)
    }

    /// [`ArticleDate::sort_key`] as one number, never 0 (0 can stand for "no date"): later
    /// dates give larger numbers. Fits in 40 bits.
    pub fn rank_key(&self) -> u64 {
        let (year, month, day, minutes) = self.sort_key();
        // Years are 1800..=2200 (see `new`); minutes, with the offset, stay within 0..4320.
        let year = u64::try_from(year.clamp(0, 0xFFFF)).unwrap_or(0);
        let minutes = u64::try_from(minutes.clamp(0, 0x3FFF)).unwrap_or(0);
        year << 24 | u64::from(month) << 19 | u64::from(day) << 14 | minutes
    }

    /// Just the day, "2024-06-20", for narrow places like the source list.
    pub fn day_string(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for ArticleDate {
    /// `YYYY-MM-DD`, or RFC 3339 with the offset when the time is known.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)?;
        if let Some(t) = self.time {
            let sign = if t.offset_minutes < 0 { '-' } else { '+' };
            let offset = t.offset_minutes.unsigned_abs();
            write!(
                f,
                "T{:02}:{:02}:00{sign}{:02}:{:02}",
                t.hour,
                t.minute,
                offset / 60,
                offset % 60
            )?;
        }
        Ok(())
    }
}

pub(crate) fn serialize_opt<S: Serializer>(
    date: &Option<ArticleDate>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => serializer.collect_str(date),
        None => serializer.serialize_none(),
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// The calendar day (year, month, day) of a time in seconds since 1970, in UTC (Howard
/// Hinnant's civil-from-days).
pub fn day_of_unix_seconds(seconds: i64) -> (i32, u8, u8) {
    let days = seconds.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

/// Every name and abbreviation of each month, in Indonesian and English, by month number.
const MONTH_NAMES: [&[&str]; 12] = [
    &["januari", "january", "jan"],
    &["februari", "february", "feb", "pebruari"],
    &["maret", "march", "mar"],
    &["april", "apr"],
    &["mei", "may"],
    &["juni", "june", "jun"],
    &["juli", "july", "jul"],
    &["agustus", "august", "agu", "agt", "ags", "aug"],
    &["september", "sep", "sept"],
    &["oktober", "october", "okt", "oct"],
    &["november", "nov", "nop", "nopember"],
    &["desember", "december", "des", "dec"],
];

/// The month a name or abbreviation means, in Indonesian or English.
pub fn month_number(name: &str) -> Option<u8> {
    let name = name.to_lowercase();
    let name = name.trim_end_matches('.');
    let month = MONTH_NAMES.iter().position(|names| names.contains(&name))?;
    u8::try_from(month + 1).ok()
}

/// The month names as a regex alternation, longest first so that a name is never matched by
/// its abbreviation alone.
fn months_pattern() -> String {
    let mut names: Vec<&str> = MONTH_NAMES.iter().flat_map(|n| n.iter().copied()).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.join("|")
}

/// The offset a stamp's time is read at when it names no zone: WIB's, +07:00.
pub(crate) const DEFAULT_OFFSET_MINUTES: i16 = 7 * 60;

/// An hour on the 12-hour clock ("12 am" is 0, "5 pm" is 17) on the 24-hour one.
pub(crate) fn twenty_four_hour(hour: u8, pm: bool) -> u8 {
    match (hour, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    }
}

/// A time zone's offset from UTC in minutes, by its abbreviation (any case).
pub(crate) fn offset_of_zone(zone: &str) -> Option<i16> {
    match zone.to_uppercase().as_str() {
        "WIB" => Some(7 * 60),
        "WITA" => Some(8 * 60),
        "WIT" => Some(9 * 60),
        "UTC" | "GMT" => Some(0),
        "IST" => Some(5 * 60 + 30),
        "EST" | "ET" => Some(-5 * 60),
        "EDT" => Some(-4 * 60),
        "CDT" => Some(-5 * 60),
        "CST" | "CT" | "MDT" => Some(-6 * 60),
        "MST" | "MT" => Some(-7 * 60),
        "PST" | "PT" => Some(-8 * 60),
        "PDT" => Some(-7 * 60),
        "BST" | "CET" => Some(60),
        "CEST" => Some(2 * 60),
        "HKT" | "SGT" | "MYT" | "PHT" | "AWST" => Some(8 * 60),
        "JST" | "KST" => Some(9 * 60),
        "AEST" => Some(10 * 60),
        "AEDT" => Some(11 * 60),
        _ => None,
    }
}

/// Compiles this module's patterns now rather than at their first use (see
/// [`crate::article::compile_patterns`]).
pub(crate) fn compile_patterns() {
    for pattern in [
        complete_date_regex,
        stamp_regex,
        weekday_date_regex,
        dateline_day_regex,
        weekday_day_regex,
    ] {
        pattern();
    }
}

fn complete_date_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let months = months_pattern();
        Regex::new(&format!(
            r"(?i)(?-u:\b)(?:([0-9]{{1,2}})\s+({months})\.?\s+([0-9]{{4}})|([0-9]{{1,2}})/([0-9]{{1,2}})/([0-9]{{4}})|([0-9]{{4}})-([0-9]{{2}})-([0-9]{{2}}))(?-u:\b)"
        ))
        .expect("date pattern is valid")
    })
}

fn stamp_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let months = months_pattern();
        Regex::new(&format!(
            r"(?i)^(?:(?:updated|published|posted|first published|diperbarui|diterbitkan|dipublikasikan)(?:\s+on)?\s*:?\s*)?(?:\p{{L}}+,?\s+)?(?:(?P<d1>[0-9]{{1,2}})\s+(?P<m1>{months})\.?,?\s+(?P<y1>[0-9]{{4}})|(?P<d2>[0-9]{{1,2}})/(?P<m2>[0-9]{{1,2}})/(?P<y2>[0-9]{{4}})|(?P<m3>{months})\.?\s+(?P<d3>[0-9]{{1,2}}),?\s+(?P<y3>[0-9]{{4}}))(?:,?\s*(?:-\s*)?(?:pukul\s+)?(?P<h>[0-9]{{1,2}})[:.](?P<min>[0-9]{{2}})(?:\s*(?P<ampm>[ap]\.?m\.?))?(?:\s*\(?(?P<zone>WITA|WIB|WIT|UTC|GMT|IST|EST|EDT|ET|PST|PDT|BST|CET)\)?)?)?"
        ))
        .expect("stamp pattern is valid")
    })
}

fn date_from_parts(day: &str, month: u8, year: &str) -> Option<ArticleDate> {
    ArticleDate::new(year.parse().ok()?, month, day.parse().ok()?)
}

/// Every complete date (day, month and year) mentioned in the text, in order.
pub fn complete_dates(text: &str) -> impl Iterator<Item = ArticleDate> + '_ {
    complete_date_regex().captures_iter(text).filter_map(|c| {
        if let (Some(d), Some(m), Some(y)) = (c.get(1), c.get(2), c.get(3)) {
            date_from_parts(d.as_str(), month_number(m.as_str())?, y.as_str())
        } else if let (Some(d), Some(m), Some(y)) = (c.get(4), c.get(5), c.get(6)) {
            date_from_parts(d.as_str(), m.as_str().parse().ok()?, y.as_str())
        } else {
            let (y, m, d) = (c.get(7)?, c.get(8)?, c.get(9)?);
            date_from_parts(d.as_str(), m.as_str().parse().ok()?, y.as_str())
        }
    })
}

/// The days of the week as patterns match them (`jum'at` or `jumat`).
const INDONESIAN_WEEKDAYS: &str = "senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad";
const ENGLISH_WEEKDAYS: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";

// The date patterns' word boundaries are ASCII ones, `(?-u:\b)`: a Unicode boundary stops the
// fast engine on any text beyond ASCII, and the slow one then reads the whole rest of the
// text. They differ only beside a letter beyond ASCII. Their digits are `[0-9]`, which is all
// a number parses from anyway: Unicode's `\d` is hundreds of states more, and the engine that
// reads a match's groups clears a table the size of its states for every match.
fn weekday_date_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let months = months_pattern();
        Regex::new(&format!(
            r"^(?i)({INDONESIAN_WEEKDAYS}|{ENGLISH_WEEKDAYS})\s*[,(]?\s*(?:([0-9]{{1,2}})\s+({months})\.?\s+([0-9]{{4}})|([0-9]{{1,2}})[/-]([0-9]{{1,2}})[/-]([0-9]{{4}})|({months})\.?\s+([0-9]{{1,2}}),?\s+([0-9]{{4}}))(?-u:\b)"
        ))
        .expect("weekday date pattern is valid")
    })
}

/// 0 for Monday … 6 for Sunday, in either language.
/// The day of the week a name (Indonesian, or English whole or shortened) means, 0 for Monday.
pub(crate) fn weekday_number(name: &str) -> Option<u32> {
    let name = name.to_lowercase().replace('\'', "");
    Some(match name.as_str() {
        "senin" | "monday" | "mon" => 0,
        "selasa" | "tuesday" | "tue" | "tues" => 1,
        "rabu" | "wednesday" | "wed" => 2,
        "kamis" | "thursday" | "thu" | "thur" | "thurs" => 3,
        "jumat" | "friday" | "fri" => 4,
        "sabtu" | "saturday" | "sat" => 5,
        "minggu" | "ahad" | "sunday" | "sun" => 6,
        _ => return None,
    })
}

/// The day of the week of a date, 0 for Monday (Sakamoto's method).
fn weekday_of(date: &ArticleDate) -> u32 {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let month = i32::from(date.month);
    let year = if month < 3 { date.year - 1 } else { date.year };
    let sunday_first =
        (year + year / 4 - year / 100 + year / 400 + T[(month - 1) as usize] + i32::from(date.day))
            .rem_euclid(7);
    ((sunday_first + 6) % 7) as u32
}

/// Dates named with their day of the week ("Rabu (19/6/2024)", "Selasa, 25 Agustus 2015",
/// "Friday, March 3, 2023"), in order; a date whose weekday does not agree with it is a typo
/// and is skipped.
pub fn weekday_dates(text: &str) -> impl Iterator<Item = ArticleDate> + '_ {
    // The pattern has no literal to search for (its weekdays in any case are too many
    // strings), so it would step through every byte: the weekdays are found first, and the
    // pattern is tried only where one starts a word.
    let mut from = 0;
    weekday_names().find_iter(text).filter_map(move |name| {
        let at = name.start();
        let word_before = text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        if at < from || word_before {
            return None;
        }
        let c = weekday_date_regex().captures(&text[at..])?;
        from = at + c.get(0)?.end();
        let date = if let (Some(d), Some(m), Some(y)) = (c.get(2), c.get(3), c.get(4)) {
            date_from_parts(d.as_str(), month_number(m.as_str())?, y.as_str())
        } else if let (Some(d), Some(m), Some(y)) = (c.get(5), c.get(6), c.get(7)) {
            date_from_parts(d.as_str(), m.as_str().parse().ok()?, y.as_str())
        } else {
            let (m, d, y) = (c.get(8)?, c.get(9)?, c.get(10)?);
            date_from_parts(d.as_str(), month_number(m.as_str())?, y.as_str())
        }?;
        (weekday_number(&c[1])? == weekday_of(&date)).then_some(date)
    })
}

/// The names of the days of the week, in either language and any case.
fn weekday_names() -> &'static aho_corasick::AhoCorasick {
    static NAMES: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    NAMES.get_or_init(|| {
        // Up to an apostrophe: "jum" finds both "Jumat" and "Jum'at"; the pattern decides.
        let names = INDONESIAN_WEEKDAYS
            .split('|')
            .chain(ENGLISH_WEEKDAYS.split('|'))
            .map(|name| name.split('\'').next().unwrap_or(name))
            .collect::<Vec<_>>();
        // In any case, the names start with too many bytes for a prefilter: every byte is
        // stepped through, which a DFA does fastest, and for so few names it is small.
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(names)
            .expect("weekday names build")
    })
}

/// A month and day written without a year: `(month, day)`.
pub type MonthDay = (u8, u8);

fn dateline_day_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let months = months_pattern();
        Regex::new(&format!(
            r"(?i)(?-u:\b)({months})\.?\s+([0-9]{{1,2}})(?-u:\b)"
        ))
        .expect("dateline day pattern is valid")
    })
}

fn weekday_day_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            r"(?i)(?-u:\b)(?:{INDONESIAN_WEEKDAYS})\s*,?\s*\(\s*([0-9]{{1,2}})/([0-9]{{1,2}})\s*\)"
        ))
        .expect("weekday day pattern is valid")
    })
}

/// The day a wire dateline gives without a year: "GREENWICH, Conn., March 18 -" (March 18).
pub fn dateline_month_day(dateline: &str) -> Option<MonthDay> {
    let caps = dateline_day_regex().captures(dateline)?;
    month_day(month_number(&caps[1])?, &caps[2])
}

/// The whole date a wire dateline gives, its year after the day: "WASHINGTON, June 19,
/// 2024 (UPI) --" (June 19, 2024).
pub fn dateline_date(dateline: &str) -> Option<ArticleDate> {
    // Most datelines give no day at all ("JAKARTA, KOMPAS.com -").
    if !dateline.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let caps = dateline_day_regex().captures(dateline)?;
    let after = dateline[caps.get(0)?.end()..].trim_start_matches([',', ' ']);
    let year = after
        .get(..4)
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?;
    if after[4..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    date_from_parts(&caps[2], month_number(&caps[1])?, year)
}

/// The first day the text names with its weekday and without a year, as Indonesian news
/// opens: "Jakarta, Senin (24/8)".
pub fn weekday_month_day(text: &str) -> Option<MonthDay> {
    let caps = weekday_day_regex().captures(text)?;
    month_day(caps[2].parse().ok()?, &caps[1])
}

/// A leap year: a month and day given without a year are read against it, so February 29
/// is a day.
const LEAP_YEAR: i32 = 2024;

/// A month and day that some year has (February 29 too).
fn month_day(month: u8, day: &str) -> Option<MonthDay> {
    let day: u8 = day.parse().ok()?;
    ((1..=12).contains(&month) && (1..=days_in_month(LEAP_YEAR, month)).contains(&day))
        .then_some((month, day))
}

/// Days between two month-days, the shorter way round the year.
pub fn month_days_apart(a: MonthDay, b: MonthDay) -> i32 {
    let ordinal = |(month, day): MonthDay| {
        (1..month)
            .map(|m| i32::from(days_in_month(LEAP_YEAR, m)))
            .sum::<i32>()
            + i32::from(day)
    };
    let apart = (ordinal(a) - ordinal(b)).abs();
    apart.min(366 - apart)
}

/// A publication stamp at the start of `text` ("20 Juni 2024, 08:50 WIB", "Kamis, 20/6/2024
/// 08.50 WIB"): the date and how many bytes it took.
pub fn stamp_at_start(text: &str) -> Option<(ArticleDate, usize)> {
    let caps = stamp_regex().captures(text)?;
    let group = |name: &str| caps.name(name).map(|m| m.as_str());
    let mut date = if let (Some(d), Some(m), Some(y)) = (group("d1"), group("m1"), group("y1")) {
        date_from_parts(d, month_number(m)?, y)?
    } else if let (Some(d), Some(m), Some(y)) = (group("d2"), group("m2"), group("y2")) {
        date_from_parts(d, m.parse().ok()?, y)?
    } else {
        let (d, m, y) = (group("d3")?, group("m3")?, group("y3")?);
        date_from_parts(d, month_number(m)?, y)?
    };
    if let (Some(h), Some(min)) = (group("h"), group("min")) {
        let mut hour: u8 = h.parse().ok()?;
        let minute: u8 = min.parse().ok()?;
        if let Some(ampm) = group("ampm") {
            hour = twenty_four_hour(hour, ampm.to_lowercase().starts_with('p'));
        }
        if hour < 24 && minute < 60 {
            date.time = Some(TimeOfDay {
                hour,
                minute,
                offset_minutes: group("zone")
                    .and_then(offset_of_zone)
                    .unwrap_or(DEFAULT_OFFSET_MINUTES),
            });
        }
    }
    Some((date, caps.get(0)?.end()))
}

#[cfg(test)]
#[path = "dates_tests.rs"]
mod tests;
