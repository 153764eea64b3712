//! A publication stamp on a line of its own, in any of the many ways pages print one:
//! "Updated 4:12 AM EDT, Wed June 19, 2024", "June 19, 2024 / 4:12 AM / Updated 2 hours ago",
//! "PUBLISHED: 10:45 BST, 19 June 2024 | UPDATED: 11:02 BST, 19 June 2024",
//! "Posted: Jun. 19, 2024 at 5:12 a.m. ET", "2024-06-19T05:12:00Z", "Rabu, 19 Juni 2024
//! 10:45 WIB". Rather than a pattern per site's order of parts, the line is read word by word:
//! it is a stamp when every word is a part of one — a date's day, month or year, a weekday, a
//! time, a zone, a label ("Published", "Last modified", "Diperbarui"), a reading time ("5 min
//! read") or a separator — and a whole date is among them. The first date is the stamp's (the
//! publication, where an update follows it), with the first time given before a second date.

use super::dates::{
    ArticleDate, DEFAULT_OFFSET_MINUTES, TimeOfDay, month_number, offset_of_zone, twenty_four_hour,
    weekday_number,
};

/// A stamp line is short: longer lines are prose that mentions a date.
const MAX_STAMP_LEN: usize = 120;

/// What one word of a stamp line is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    /// A label of its own kind ("Published", "Updated") or a bar: a new part of the stamp.
    Break,
    /// A word of a label, a weekday, a reading time's word or a separator: says nothing of the date.
    Filler,
    Month(u8),
    /// A number of one or two digits, or an ordinal ("19th").
    Small(u8),
    Year(i32),
    /// A whole date in one word ("19/06/2024", "2024-06-19", ISO 8601 with its time).
    Date(ArticleDate),
    /// A time of day; `pm` is set where "pm" was glued to it ("5:12pm").
    Time {
        hour: u8,
        minute: u8,
        pm: Option<bool>,
    },
    Meridiem(bool),
    Zone(i16),
}

/// The labels that start a part of a stamp, lower-cased.
const LABELS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "modified",
    "update",
    "diperbarui",
    "diterbitkan",
    "dipublikasikan",
    "terbit",
    "tayang",
];

/// The other words a stamp's labels, relative times and reading times are made of.
const LABEL_WORDS: &[&str] = &[
    "last", "first", "on", "at", "and", "ago", "hour", "hours", "hrs", "minute", "minutes", "mins",
    "min", "read", "reading", "time", "pukul", "jam",
];

/// The date (with its time, when given) of a line that is a publication stamp and nothing
/// else; `None` for any other line.
pub fn stamp_line(line: &str) -> Option<ArticleDate> {
    // Every stamp has a digit; most lines are done with here.
    if line.len() > MAX_STAMP_LEN || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let spaced = line.replace('|', " | ");
    let parts = spaced
        .split(|c: char| c.is_whitespace() || matches!(c, '•' | '·' | '(' | ')' | '[' | ']'))
        .map(|word| word.trim_matches([',', ';', ':', '–', '—']))
        .filter(|word| !word.is_empty())
        .map(part_of)
        .collect::<Option<Vec<Part>>>()?;
    let mut stamp = None;
    // A label or a bar starts a part of its own ("Published … | Updated …"): the stamp is the
    // first part with a date, at the time that part gives.
    for piece in parts.split(|part| *part == Part::Break) {
        let mut date: Option<ArticleDate> = None;
        let mut time: Option<TimeOfDay> = None;
        let mut at = 0;
        while at < piece.len() {
            if let Some((found, used)) = date_at(&piece[at..]) {
                // A time inside an ISO date ("2024-06-19T05:12:00Z") is the stamp's.
                time = time.or(found.time);
                date = date.or(Some(ArticleDate {
                    time: None,
                    ..found
                }));
                at += used;
            } else if let Part::Time { hour, minute, pm } = piece[at] {
                // A time that cannot be ("25:10", "13:05 PM") is no stamp's.
                let (of_day, used) = time_at(hour, minute, pm, &piece[at + 1..])?;
                time = time.or(Some(of_day));
                at += 1 + used;
            } else {
                at += 1;
            }
        }
        if stamp.is_none()
            && let Some(mut date) = date
        {
            date.time = time;
            stamp = Some(date);
        }
    }
    stamp
}

/// The date that starts `parts`, and how many parts it took: day month year, month day year,
/// or a date in one word.
fn date_at(parts: &[Part]) -> Option<(ArticleDate, usize)> {
    match *parts {
        [Part::Date(date), ..] => Some((date, 1)),
        [Part::Small(day), Part::Month(month), Part::Year(year), ..]
        | [Part::Month(month), Part::Small(day), Part::Year(year), ..] => {
            Some((ArticleDate::new(year, month, day)?, 3))
        }
        _ => None,
    }
}

/// A time of day from `hour:minute`, read with the meridiem and zone that follow it in
/// `rest`, and how many of `rest` were read; `None` for a time that cannot be.
fn time_at(hour: u8, minute: u8, pm: Option<bool>, rest: &[Part]) -> Option<(TimeOfDay, usize)> {
    let mut used = 0;
    let pm = match (pm, rest.first()) {
        (Some(pm), _) => Some(pm),
        (None, Some(&Part::Meridiem(pm))) => {
            used += 1;
            Some(pm)
        }
        _ => None,
    };
    let offset = match rest.get(used) {
        Some(&Part::Zone(offset)) => {
            used += 1;
            offset
        }
        _ => DEFAULT_OFFSET_MINUTES,
    };
    let valid = minute < 60
        && match pm {
            Some(_) => (1..=12).contains(&hour),
            None => hour < 24,
        };
    let time = TimeOfDay {
        hour: pm.map_or(hour, |pm| twenty_four_hour(hour, pm)),
        minute,
        offset_minutes: offset,
    };
    valid.then_some((time, used))
}

/// What a word of a stamp line is, if it can be part of one.
fn part_of(word: &str) -> Option<Part> {
    let lower = word.to_lowercase();
    let bare = lower.trim_end_matches('.');
    if word == "|" || LABELS.contains(&bare) {
        return Some(Part::Break);
    }
    if bare.is_empty() || matches!(word, "/" | "-" | "–" | "—" | "," | "&") {
        return Some(Part::Filler);
    }
    if LABEL_WORDS.contains(&bare) || weekday_number(bare).is_some() {
        return Some(Part::Filler);
    }
    if let Some(month) = month_number(bare) {
        return Some(Part::Month(month));
    }
    match bare {
        "a.m" | "am" => return Some(Part::Meridiem(false)),
        "p.m" | "pm" => return Some(Part::Meridiem(true)),
        _ => {}
    }
    if let Some(offset) = zone(word) {
        return Some(Part::Zone(offset));
    }
    let digits = bare.bytes().take_while(u8::is_ascii_digit).count();
    if digits == bare.len() {
        return match digits {
            1 | 2 => Some(Part::Small(bare.parse().ok()?)),
            4 => Some(Part::Year(bare.parse().ok()?)),
            _ => None,
        };
    }
    if matches!(&bare[digits..], "st" | "nd" | "rd" | "th") && (1..=2).contains(&digits) {
        return Some(Part::Small(bare[..digits].parse().ok()?));
    }
    time_word(bare).or_else(|| date_word(word))
}

/// A zone's offset from UTC in minutes: a name ("EDT", "WIB"), or UTC or GMT with an
/// offset ("UTC+7", "GMT+07:00").
fn zone(word: &str) -> Option<i16> {
    if word == "UK" {
        return Some(0);
    }
    if let Some(offset) = offset_of_zone(word) {
        return Some(offset);
    }
    let upper = word.to_ascii_uppercase();
    signed_offset(
        upper
            .strip_prefix("UTC")
            .or_else(|| upper.strip_prefix("GMT"))?,
    )
}

/// An offset written after UTC or an ISO time: "+7", "+07:00", "-0530".
fn signed_offset(signed: &str) -> Option<i16> {
    let sign = match signed.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = signed[1..].chars().filter(|c| *c != ':').collect();
    let (hours, minutes) = match digits.len() {
        1 | 2 => (digits.parse::<i16>().ok()?, 0),
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        _ => return None,
    };
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 60 + minutes))
}

/// A time of day in one word: "4:12", "10.45", "05:12:00", "5:12am", "5:12p.m".
fn time_word(word: &str) -> Option<Part> {
    let (clock, pm) =
        if let Some(clock) = word.strip_suffix("am").or_else(|| word.strip_suffix("a.m")) {
            (clock, Some(false))
        } else if let Some(clock) = word.strip_suffix("pm").or_else(|| word.strip_suffix("p.m")) {
            (clock, Some(true))
        } else {
            (word, None)
        };
    let mut fields = clock.split([':', '.']);
    let hour = fields.next()?;
    let minute = fields.next()?;
    let second = fields.next();
    let number = |s: &str, most: usize| {
        (!s.is_empty() && s.len() <= most && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u8>().ok())
            .flatten()
    };
    let (hour, minute) = (
        number(hour, 2)?,
        number(minute, 2).filter(|_| minute.len() == 2)?,
    );
    if fields.next().is_some() || second.is_some_and(|s| number(s, 2).is_none()) {
        return None;
    }
    Some(Part::Time { hour, minute, pm })
}

/// A whole date in one word: "19/06/2024" or "19-06-2024" (day first, as most of the world
/// writes it, unless the second number cannot be a month: "06/19/2024"), "2024-06-19", and
/// ISO 8601 with a time and zone ("2024-06-19T05:12:00Z", "2024-06-19T12:12:00+07:00").
fn date_word(word: &str) -> Option<Part> {
    let (day_part, time_part) = match word.split_once(['T', 't']) {
        Some((day, time)) => (day, Some(time)),
        None => (word, None),
    };
    let fields: Vec<&str> = day_part.split(['/', '-', '.']).collect();
    let [a, b, c] = fields[..] else {
        return None;
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(a) && all_digits(b) && all_digits(c)) {
        return None;
    }
    let mut date = if a.len() == 4 && b.len() <= 2 && c.len() <= 2 {
        ArticleDate::new(a.parse().ok()?, b.parse().ok()?, c.parse().ok()?)?
    } else if a.len() <= 2 && b.len() <= 2 && c.len() == 4 {
        let (first, second): (u8, u8) = (a.parse().ok()?, b.parse().ok()?);
        let (day, month) = if second > 12 {
            (second, first)
        } else {
            (first, second)
        };
        ArticleDate::new(c.parse().ok()?, month, day)?
    } else {
        return None;
    };
    if let Some(time) = time_part {
        date.time = Some(iso_time(time)?);
    }
    Some(Part::Date(date))
}

/// The time of an ISO 8601 date-time after its "T": "05:12:00Z", "12:12+07:00", "05:12:00.000Z".
fn iso_time(text: &str) -> Option<TimeOfDay> {
    let zone_at = text.find(['Z', 'z', '+', '-']).unwrap_or(text.len());
    let (clock, zone) = text.split_at(zone_at);
    let mut fields = clock.split(':');
    let hour: u8 = fields.next()?.parse().ok()?;
    let minute: u8 = fields.next()?.parse().ok()?;
    if let Some(second) = fields.next() {
        second.split('.').next()?.parse::<u8>().ok()?;
    }
    let offset = match zone {
        "" => DEFAULT_OFFSET_MINUTES,
        "Z" | "z" => 0,
        _ => signed_offset(zone)?,
    };
    (hour < 24 && minute < 60).then_some(TimeOfDay {
        hour,
        minute,
        offset_minutes: offset,
    })
}

#[cfg(test)]
#[path = "stamp_tests.rs"]
mod tests;
