//! The dateline grammar, tried on invented lines of each form.

use super::*;

fn rules() -> &'static Rules {
    Rules::builtin()
}

/// The outlet, place and the text left after the dateline.
fn read(text: &str) -> (Option<String>, Option<String>, &str) {
    let d = dateline(text, rules()).unwrap_or_else(|| panic!("no dateline in {text:?}"));
    (d.outlet, d.place, &text[d.len..])
}

fn check(text: &str, outlet: Option<&str>, place: Option<&str>, rest: &str) {
    let (o, p, r) = read(text);
    assert_eq!(o.as_deref(), outlet, "outlet of {text:?}");
    assert_eq!(p.as_deref(), place, "place of {text:?}");
    assert_eq!(r, rest, "text after the dateline of {text:?}");
}

#[test]
fn known_mastheads_in_every_order() {
    check(
        "TRIBUNNEWS.COM – Presiden Rusia",
        Some("Tribunnews"),
        None,
        "Presiden Rusia",
    );
    check(
        "TRIBUNBANYUMAS.COM, SEOUL - Korea Utara",
        Some("Tribun Banyumas"),
        Some("Seoul"),
        "Korea Utara",
    );
    check(
        "JAKARTA, KOMPAS.com - Pemerintah",
        Some("Kompas"),
        Some("Jakarta"),
        "Pemerintah",
    );
    check(
        "REPUBLIKA.CO.ID, JAKARTA -- Pemerintah",
        Some("Republika"),
        Some("Jakarta"),
        "Pemerintah",
    );
    check(
        "Liputan6.com, Jakarta - Pemerintah",
        Some("Liputan6"),
        Some("Jakarta"),
        "Pemerintah",
    );
}

#[test]
fn separators_with_and_without_spaces() {
    for text in [
        "BANDUNG, KABARKITA.COM-Hujan deras",
        "BANDUNG, KABARKITA.COM -Hujan deras",
        "BANDUNG, KABARKITA.COM—Hujan deras",
        "BANDUNG, KABARKITA.COM | Hujan deras",
        "BANDUNG, KABARKITA.COM: Hujan deras",
        "KABARKITA.COM,BANDUNG--Hujan deras",
    ] {
        let (outlet, place, rest) = read(text);
        assert_eq!(outlet.as_deref(), Some("Kabarkita"), "{text}");
        assert_eq!(place.as_deref(), Some("Bandung"), "{text}");
        assert_eq!(rest, "Hujan deras", "{text}");
    }
}

#[test]
fn an_unknown_address_names_its_outlet() {
    check(
        "GAZETKITA.CO.ID, BANDUNG -- Warga berkumpul",
        Some("Gazetkita"),
        Some("Bandung"),
        "Warga berkumpul",
    );
    check(
        "Koranpagi.net - Harga cabai naik",
        Some("Koranpagi"),
        None,
        "Harga cabai naik",
    );
}

#[test]
fn an_address_needs_no_separator() {
    check(
        "KORANKITA.com Presiden meresmikan jembatan",
        Some("Korankita"),
        None,
        "Presiden meresmikan jembatan",
    );
    check(
        "KORANKITA.CO.ID, MEDANWarga kota",
        Some("Korankita"),
        Some("Medan"),
        "Warga kota",
    );
    check(
        "Korankita.com, Padang Hujan turun",
        Some("Korankita"),
        Some("Padang"),
        "Hujan turun",
    );
}

#[test]
fn glued_labels_and_reporter_lines_come_off() {
    check(
        "Berita DesaWARTADESA.co.id | SLEMAN - Panen raya",
        Some("Wartadesa"),
        Some("Sleman"),
        "Panen raya",
    );
    let d = dateline(
        "Laporan Wartawan Harianku.com, Budi SantosoHARIANKU.COM, SOLO - Pasar ramai",
        rules(),
    )
    .unwrap();
    assert_eq!(d.outlet.as_deref(), Some("Harianku"));
    assert_eq!(d.reporter.as_deref(), Some("Budi Santoso"));
    let d = dateline("Oleh: Sri Wahyuni MAKASSAR, KOMPAS - Ombak tinggi", rules()).unwrap();
    assert_eq!(d.outlet.as_deref(), Some("Kompas"));
    assert_eq!(d.place.as_deref(), Some("Makassar"));
    assert_eq!(d.reporter.as_deref(), Some("Sri Wahyuni"));
}

#[test]
fn agencies_in_parentheses() {
    check(
        "Jakarta (ANTARA) - Pemerintah",
        Some("Antara"),
        Some("Jakarta"),
        "Pemerintah",
    );
    check(
        "Surabaya (ANTARA/XYZQ) - Pemerintah",
        Some("Antara"),
        Some("Surabaya"),
        "Pemerintah",
    );
    check(
        "LIMA (Andes Wire) - The council",
        Some("Andes Wire"),
        Some("Lima"),
        "The council",
    );
    check("(ZNN) -- The storm", Some("ZNN"), None, "The storm");
    check(
        "OSLO, March 3 (Nordwire) - Shares fell",
        Some("Nordwire"),
        Some("Oslo"),
        "Shares fell",
    );
}

#[test]
fn places_alone() {
    check(
        "Pyongyang – Presiden Rusia",
        None,
        Some("Pyongyang"),
        "Presiden Rusia",
    );
    check(
        "NEW DELHI: The ministry",
        None,
        Some("New Delhi"),
        "The ministry",
    );
    check("SLEMAN--Warga desa", None, Some("Sleman"), "Warga desa");
    check(
        "Washington, April 9 - The department",
        None,
        Some("Washington"),
        "The department",
    );
}

#[test]
fn wire_datelines_with_a_state_or_region() {
    check(
        "GREENWICH, Conn., March 18 - Shr loss five cts",
        None,
        Some("Greenwich"),
        "Shr loss five cts",
    );
    check(
        "WASHINGTON, D.C., Jan. 5 - The agency said",
        None,
        Some("Washington"),
        "The agency said",
    );
    check(
        "AKRON, Ohio, Oct 20 - Shr 60 cts",
        None,
        Some("Akron"),
        "Shr 60 cts",
    );
    check(
        "Springfield, Ill. - The governor signed",
        None,
        Some("Springfield"),
        "The governor signed",
    );
    check(
        "DANVILLE, Ky. –- Joe Biden did",
        None,
        Some("Danville"),
        "Joe Biden did",
    );
    // A sentence with a short word after a comma is still no dateline.
    assert!(dateline("Jakarta, Kamis. Presiden tiba", rules()).is_none());
}

#[test]
fn glued_stamp_and_dateline() {
    let text = "Kompas dunia | 20 Juni 2024, 08:50 WIBPYONGYANG, KOMPAS.TV - Presiden Rusia";
    let d = dateline(text, rules()).unwrap();
    assert_eq!(d.outlet.as_deref(), Some("Kompas TV"));
    assert_eq!(d.place.as_deref(), Some("Pyongyang"));
    assert_eq!(d.stamp.unwrap().to_string(), "2024-06-20T08:50:00+07:00");
    assert_eq!(&text[d.len..], "Presiden Rusia");
}

/// An outlet known by a name of several words, or written in small letters, before the
/// separator: with a place before it or after it, or alone.
#[test]
fn mastheads_of_several_words() {
    check(
        "Jakarta, CNN Indonesia -- Gempa mengguncang",
        Some("CNN Indonesia"),
        Some("Jakarta"),
        "Gempa mengguncang",
    );
    check(
        "BBC News Indonesia – Warga mengungsi",
        Some("BBC News Indonesia"),
        None,
        "Warga mengungsi",
    );
    check(
        "Media Indonesia, Jakarta - Harga naik",
        Some("Media Indonesia"),
        Some("Jakarta"),
        "Harga naik",
    );
    check("VIVA – Timnas menang", Some("Viva"), None, "Timnas menang");
    // A place that is no outlet stays a place, and a name must be the whole part.
    for text in [
        "Jakarta, Indonesia - Harga naik",
        "Kata media indonesia - seperti dikutip - harga naik",
        "Menurut CNN Indonesia - yang mengutip data - harga naik",
    ] {
        assert_eq!(
            dateline(text, rules()).and_then(|d| d.outlet),
            None,
            "{text}"
        );
    }
}

#[test]
fn sentences_are_not_datelines() {
    for text in [
        "Presiden Rusia Vladimir Putin dan pemimpin Korea Utara Kim Jong-un menandatangani",
        "Putin mengatakan - seperti dikutip media - bahwa",
        "Kim Jong-un tiba di Moskow.",
        "Menurut data dari koranku.com, harga naik - katanya",
        "Kemarin (Senin) - hujan turun",
        "Data yang dirilis BPS menunjukkan kenaikan",
    ] {
        assert_eq!(dateline(text, rules()), None, "{text}");
    }
}

#[test]
fn signatures() {
    assert_eq!(
        signature("(Tribunnews.com, Tiara Shelavie)", rules()),
        Some((Some("Tribunnews".into()), Some("Tiara Shelavie".into())))
    );
    assert_eq!(
        signature("(ANTARA/QWER)", rules()),
        Some((Some("Antara".into()), None))
    );
    assert_eq!(
        signature("(koranku.id, Budi)", rules()),
        Some((Some("Koranku".into()), Some("Budi".into())))
    );
    assert_eq!(signature("(RIA Novosti)", rules()), None);
    assert_eq!(signature("(foto: AFP)", rules()), None);
}

/// The three patterns as they were written before their bounded repetitions moved into
/// [`within`]: the same lines must give the same groups.
mod bounded {
    use super::super::{CAPS_PLACE, PLACE, REGION};
    use regex::Regex;
    use std::sync::OnceLock;

    pub fn signature() -> &'static Regex {
        static RE: OnceLock<Regex> = OnceLock::new();
        RE.get_or_init(|| {
            Regex::new(r"^\(\s*([\p{L}0-9][\p{L}0-9 .-]{1,40}?)\s*(?:[,/]\s*([^()]{1,60}?))?\s*\)$")
                .unwrap()
        })
    }

    pub fn agency() -> &'static Regex {
        static RE: OnceLock<Regex> = OnceLock::new();
        RE.get_or_init(|| Regex::new(&format!(
            r"^(?:({PLACE})(?:\s*,\s*\p{{L}}{{3,9}}\.?\s+\d{{1,2}})?\s*)?\(\s*(\p{{Lu}}[\p{{L}}0-9.&' -]{{0,30}}?)\s*(?:/\s*[\p{{L}}0-9 ]{{1,12}})?\)\s*((?:-{{1,2}}|[–—][-–—]?|\||:)\s*)?"
        ))
        .unwrap())
    }

    pub fn place_form() -> &'static Regex {
        static RE: OnceLock<Regex> = OnceLock::new();
        RE.get_or_init(|| Regex::new(&format!(
            r"^(?:({CAPS_PLACE}){REGION}(?:\s*,\s*\p{{L}}{{3,9}}\.?\s+\d{{1,2}})?\s*(?:-{{1,2}}|[–—][-–—]?|:)|({PLACE}){REGION}(?:\s*,\s*\p{{L}}{{3,9}}\.?\s+\d{{1,2}})?(?:\s+-{{1,2}}|\s*[–—][-–—]?))\s*"
        ))
        .unwrap())
    }
}

/// Each group's span, or `None` where it took no part.
fn spans(
    caps: Option<regex::Captures<'_>>,
    groups: &[usize],
) -> Option<Vec<Option<(usize, usize)>>> {
    caps.map(|c| {
        groups
            .iter()
            .map(|&g| c.get(g).map(|m| (m.start(), m.end())))
            .collect()
    })
}

/// Lines shaped as the three forms are, with every part's length drawn around its bound (a
/// weekday of 9 letters or 10, an agency's name of 31 characters or 32), and some noise.
fn dateline_like() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let place = prop_oneof![
        Just("JAKARTA"),
        Just("Banda Aceh"),
        Just("NEW DELHI"),
        Just("Washington")
    ];
    let day = proptest::option::of(("[A-Z][a-z]{1,11}", "[.]?", "[0-9]{1,3}"));
    let separator = prop_oneof![
        Just(" - "),
        Just(" – "),
        Just(" –- "),
        Just(": "),
        Just(""),
        Just(" | ")
    ];
    let signature = (
        "[A-Za-z0-9][A-Za-z0-9 .-]{0,44}",
        proptest::option::of(("[,/]", "[a-zA-Z ,.]{0,64}")),
    )
        .prop_map(|(name, rest)| match rest {
            Some((mark, rest)) => format!("({name}{mark}{rest})"),
            None => format!("({name})"),
        });
    let agency = (
        proptest::option::of((place.clone(), day.clone())),
        "[A-Z][A-Za-z0-9.& -]{0,34}",
        proptest::option::of("[A-Za-z0-9 ]{0,15}"),
        separator.clone(),
    )
        .prop_map(|(before, name, code, sep)| {
            let before = match before {
                Some((place, Some((day, dot, n)))) => format!("{place}, {day}{dot} {n} "),
                Some((place, None)) => format!("{place} "),
                None => String::new(),
            };
            let code = code.map(|c| format!("/{c}")).unwrap_or_default();
            format!("{before}({name}{code}){sep}Teks")
        });
    let region = prop_oneof![Just(""), Just(", Conn."), Just(", N.Y."), Just(", Calif")];
    let place_form =
        (place, region, day, separator).prop_map(|(place, region, day, sep)| match day {
            Some((day, dot, n)) => format!("{place}{region}, {day}{dot} {n}{sep}Teks"),
            None => format!("{place}{region}{sep}Teks"),
        });
    prop_oneof![signature, agency, place_form]
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(2000))]
    #[test]
    fn unbounded_patterns_with_length_checks_read_as_the_bounded_ones(line in dateline_like()) {
        let (signature, agency, place) = (bounded::signature(), bounded::agency(), bounded::place_form());
        proptest::prop_assert_eq!(
            spans(signature.captures(&line), &[0, 1, 2]),
            spans(signature_captures(&line), &[0, 1, 2])
        );
        proptest::prop_assert_eq!(
            spans(agency.captures(&line), &[0, 1, 2, 3]),
            spans(agency_captures(&line), &[0, 1, 3, 5])
        );
        proptest::prop_assert_eq!(
            spans(place.captures(&line), &[0, 1, 2]),
            spans(place_form_captures(&line), &[0, 1, 3])
        );
    }
}

#[test]
fn lengths_at_the_bounds() {
    let name = |n: usize| "A".repeat(n);
    assert!(signature_captures(&format!("({})", name(41))).is_some());
    assert!(signature_captures(&format!("({})", name(42))).is_none());
    assert!(agency_captures(&format!("JAKARTA ({}) - x", name(31))).is_some());
    assert!(agency_captures(&format!("JAKARTA ({}) - x", name(32))).is_none());
    assert!(place_form_captures("Washington, Wednesday 9 - x").is_some());
    assert!(place_form_captures("Washington, Wednesdays 9 - x").is_none());
}

/// Wire datelines with a country or state of any length before the agency, and with the
/// year after the day.
#[test]
fn wire_datelines_with_a_region_or_a_year() {
    let rules = rules();
    let seoul = dateline("SEOUL, South Korea (AP) — Officials said on Monday", rules).unwrap();
    assert_eq!(seoul.outlet.as_deref(), Some("AP"));
    assert_eq!(seoul.place.as_deref(), Some("Seoul"));
    let lima = dateline("LIMA, Peru (Reuters) - Officials said on Monday", rules).unwrap();
    assert_eq!(lima.place.as_deref(), Some("Lima"));
    let dated = dateline("WASHINGTON, June 19, 2024 (UPI) -- Officials said", rules).unwrap();
    assert_eq!(dated.place.as_deref(), Some("Washington"));
    assert_eq!(
        &"WASHINGTON, June 19, 2024 (UPI) -- Officials said"[..dated.len],
        "WASHINGTON, June 19, 2024 (UPI) -- "
    );
    let plain = dateline("NEW YORK, June 19, 2024 -- Officials said", rules).unwrap();
    assert_eq!(plain.place.as_deref(), Some("New York"));
    // A sentence with a comma and brackets is not one.
    assert!(dateline("Seoul, the capital (population 9 million), said", rules).is_none());
}

/// A wire dateline with a day and no place: the agency is read, and the day is the day's.
#[test]
fn wire_datelines_with_a_day_and_no_place() {
    let rules = rules();
    let line = "June 19 (Reuters) - Oil prices rose on Monday";
    let read = dateline(line, rules).unwrap();
    assert_eq!(read.outlet.as_deref(), Some("Reuters"));
    assert_eq!(read.place, None);
    assert_eq!(&line[read.len..], "Oil prices rose on Monday");
    let abbreviated = dateline("Sept. 3 (AP) — Officials said on Monday", rules).unwrap();
    assert_eq!(abbreviated.outlet.as_deref(), Some("AP"));
    let dated = dateline("June 19, 2024 (UPI) -- Officials said", rules).unwrap();
    assert_eq!(dated.outlet.as_deref(), Some("UPI"));
    // A word and a number that are not a day: a law's article, a chapter, a room.
    for line in [
        "Pasal 19 (KUHP) - mengatur tentang penipuan",
        "Chapter 19 (Reuters) - a history",
        "Ruang 12 (Gedung B) - rapat dimulai",
    ] {
        assert!(
            dateline(line, rules).is_none_or(|d| d.outlet.is_none()),
            "{line}"
        );
    }
}

#[test]
fn capital_words_and_separators_in_heads() {
    assert_eq!(
        capital_words("JAKARTA, KOMPAS.com – Kata DPR-RI, ÖSTERREICH and Ab1 X_Y")
            .collect::<Vec<_>>(),
        [
            (0, "JAKARTA"),
            (9, "KOMPAS"),
            (29, "DPR"),
            (37, "ÖSTERREICH")
        ]
    );
    assert_eq!(first_separator("Kim Jong-un – Pyongyang"), Some(12));
    assert_eq!(first_separator("Jakarta, CNN Indonesia -- Kata"), Some(23));
    assert_eq!(first_separator("Jong-un said -- no"), Some(13));
    assert_eq!(first_separator("a--b"), Some(1));
    assert_eq!(first_separator("no separator here"), None);
}
