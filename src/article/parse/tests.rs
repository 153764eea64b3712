//! The parser's phases on invented text.

use super::*;
use crate::article::headline::is_headline;

fn rules() -> &'static Rules {
    Rules::builtin()
}

#[test]
fn bylines_split_by_label() {
    let mut article = parse("", rules());
    read_byline(
        "Penulis : Haryo Jati Editor : Tito-Dirhantoro",
        rules(),
        &mut article,
    );
    read_byline(
        "Penulis: rika irawati | Editor: rika irawati",
        rules(),
        &mut article,
    );
    read_byline("Sumber : Associated Press", rules(), &mut article);
    assert_eq!(article.authors, ["Haryo Jati", "rika irawati"]);
    assert_eq!(article.editors, ["Tito-Dirhantoro", "rika irawati"]);
    assert_eq!(article.sources, ["Associated Press"]);
}

#[test]
fn headlines() {
    assert!(is_headline(
        "Putin dan Kim Jong-Un Tandatangani Kerja Sama Hadapi Lawan",
        rules()
    ));
    assert!(!is_headline("Aliansi Gagal?", rules()), "too few words");
    assert!(!is_headline(
        "Putin mengundang Kim ke Moskow untuk pertemuan lainnya.",
        rules()
    ));
    assert!(!is_headline(
        "TRIBUNNEWS.COM – Presiden Rusia Vladimir Putin tiba",
        rules()
    ));
}

#[test]
fn derived_titles_cut_at_words() {
    let long = "Presiden Rusia Vladimir Putin dan pemimpin Korea Utara Kim Jong-un menandatangani perjanjian yang mencakup janji untuk saling melindungi. Kalimat kedua.";
    let title = derive_title(long);
    assert!(title.ends_with('…'), "{title}");
    assert!(title.chars().count() <= DERIVED_TITLE_MAX);
    assert!(long.starts_with(title.trim_end_matches('…')));
    assert_eq!(
        derive_title("Kim tiba di Moskow. Lalu pulang."),
        "Kim tiba di Moskow"
    );
    assert_eq!(derive_title("Dr. Kim tiba. Lalu"), "Dr. Kim tiba");
}

#[test]
fn crlf_and_lone_cr_split_lines() {
    let article = parse(
        "Judul Berita Yang Cukup Panjang\r\nParagraf satu.\rParagraf\tdua.\r\n",
        rules(),
    );
    assert_eq!(article.title, "Judul Berita Yang Cukup Panjang");
    assert_eq!(article.paragraphs, ["Paragraf satu.", "Paragraf dua."]);
}

#[test]
fn nothing_is_lost() {
    let text = "Berita Internasional\n\nJudul Berita Yang Cukup Panjang\nJAKARTA - Isi pertama. [ab/cd]\nBaca juga: lain\nAA\n";
    let article = parse(text, rules());
    let rules_seen: Vec<&str> = article.removed.iter().map(|r| r.rule.as_str()).collect();
    assert_eq!(
        rules_seen,
        [
            "section",
            "headline",
            "dateline",
            "editor-tag",
            "related-link",
            "navigation"
        ]
    );
    assert_eq!(article.paragraphs, ["Isi pertama."]);
    assert_eq!(article.dateline.as_deref(), Some("Jakarta"));
}

#[test]
fn a_title_line_is_the_whole_headline() {
    for title in [
        "Wah! Hotel Murah di Kota: Tarif Ringan, Kamar Lengkap!",
        "Z.Y. WIDGET MAKERS SEEK CURBS, RAISING 6.7 BLN DLRS",
        "Apa Isi Surat Itu? Buntutnya Panjang",
        "Kota kecil yang bangkit lagi.",
    ] {
        let article = parse(
            &format!("{title}\n\nPARIGI, KORANKU.COM - Isi pertama berita.\nIsi kedua."),
            rules(),
        );
        assert_eq!(article.title, title);
        assert!(!article.title_derived, "{title}");
        assert_eq!(article.outlet.as_deref(), Some("Koranku"), "{title}");
    }
    let alone = parse("U.K. CONFIRMS FEBRUARY RISE\n\n", rules());
    assert_eq!(alone.title, "U.K. CONFIRMS FEBRUARY RISE");
    let paragraph = parse(
        "Hujan turun di kota. Warga berteduh di toko.\n\nParagraf kedua.",
        rules(),
    );
    assert!(
        paragraph.title_derived,
        "two sentences and a full stop are a paragraph"
    );
}

#[test]
fn entities_are_decoded_and_control_entities_dropped() {
    let article = parse(
        "ACME &lt;ACM&gt; BUYS MILL\n\nThe mill&#39;s owner &amp; staff agreed.&#3;\n",
        rules(),
    );
    assert_eq!(article.title, "ACME <ACM> BUYS MILL");
    assert_eq!(article.paragraphs, ["The mill's owner & staff agreed."]);
}

#[test]
fn a_site_name_comes_off_a_page_title() {
    let article = parse(
        "Harga beras naik lagi | Pasar | Koran Pagi\n\nIsi berita.",
        rules(),
    );
    assert_eq!(article.title, "Harga beras naik lagi");
    assert!(
        article
            .removed
            .iter()
            .any(|r| r.rule == "site-name" && r.text.contains("Koran Pagi"))
    );
    let known = parse("Rain floods the city - The Jakarta Post\n\nText.", rules());
    assert_eq!(known.title, "Rain floods the city");
    assert_eq!(known.outlet.as_deref(), Some("The Jakarta Post"));
    let address = parse("Banjir di kota | koranku.id\n\nIsi.", rules());
    assert_eq!(address.outlet.as_deref(), Some("Koranku"));
    for kept in [
        "Duet Ganjar - Ridwan Kamil pada 15 September",
        "Terms of Trade | A report says the plan needs work",
    ] {
        assert_eq!(parse(&format!("{kept}\n\nIsi."), rules()).title, kept);
    }
}

#[test]
fn a_dateline_spread_over_short_lines() {
    let article = parse(
        "Judul Berita Yang Cukup Panjang\n\nBandung\nKABARKITA.COM\n—\nHujan turun deras sejak pagi.\n",
        rules(),
    );
    assert_eq!(article.outlet.as_deref(), Some("Kabarkita"));
    assert_eq!(article.dateline.as_deref(), Some("Bandung"));
    assert_eq!(article.paragraphs, ["Hujan turun deras sejak pagi."]);
}

#[test]
fn a_caption_before_the_dateline_does_not_hide_it() {
    let article = parse(
        "Judul Berita Yang Cukup Panjang\n\nIlustrasi - Alat peraga di jalan kota\nKORANKU.COM - Kampanye dimulai hari ini.\n",
        rules(),
    );
    assert_eq!(article.outlet.as_deref(), Some("Koranku"));
    assert_eq!(
        article.paragraphs.last().unwrap(),
        "Kampanye dimulai hari ini."
    );
}

#[test]
fn a_reporter_line_is_not_a_dateline() {
    let article = parse(
        "Judul Berita Yang Cukup Panjang\n\nLaporan Reporter KORANLAIN.COM, Budi Santoso\nKORANKU.COM, PARIGI - Isi berita.\n",
        rules(),
    );
    assert_eq!(article.outlet.as_deref(), Some("Koranku"));
    assert_eq!(article.authors, ["Budi Santoso"]);
    assert!(article.removed.iter().any(|r| r.rule == "reporter"));
}

#[test]
fn hand_wrapped_text_is_joined_into_paragraphs() {
    let text = "WIDGET MAKER POSTS GAIN\n\n    DENVER, April 4 - Acme Corp said its net income rose\nin the first quarter on higher sales of widgets and\nlower costs at its two plants.\n    The company said it expects the trend to continue\nthrough the year, citing strong orders from abroad.\n";
    let article = parse(text, rules());
    assert_eq!(article.dateline.as_deref(), Some("Denver"));
    assert_eq!(
        article.paragraphs,
        [
            "Acme Corp said its net income rose in the first quarter on higher sales of widgets and lower costs at its two plants.",
            "The company said it expects the trend to continue through the year, citing strong orders from abroad."
        ]
    );
    // Paragraphs that are one line each stay apart, however short.
    let lines = "Judul Berita Yang Cukup Panjang\nParagraf satu berisi kalimat yang cukup panjang untuk dibaca.\nParagraf dua berisi kalimat yang cukup panjang juga untuk dibaca.\nParagraf tiga berisi kalimat yang cukup panjang pula untuk dibaca.\n";
    assert_eq!(parse(lines, rules()).paragraphs.len(), 3);
}

#[test]
fn a_line_that_shows_nothing_is_a_blank_line() {
    // A control character before the headline (wire copy's "&#2;", written or as an entity),
    // a zero-width space, a mark of direction: none starts the text or joins the title.
    for invisible in ["&#2;", "\u{2}", "\u{200b}", " \u{200e} ", "&#2;&#3;"] {
        let text = format!(
            "{invisible}\nHarbour Road Closed by Floods\n\nFloodwater closed the road.\n{invisible}\n"
        );
        let article = parse(&text, rules());
        assert_eq!(
            article.title, "Harbour Road Closed by Floods",
            "{invisible:?}"
        );
        assert!(!article.title_derived, "{invisible:?}");
        assert_eq!(
            article.paragraphs,
            ["Floodwater closed the road."],
            "{invisible:?}"
        );
    }
    // A line with something to show beside them is text.
    let article = parse(
        "\u{200b}Harbour Road Closed by Floods\n\nFloodwater.\n",
        rules(),
    );
    assert!(article.title.contains("Harbour Road"));
}

#[test]
fn a_short_wire_story_wrapped_by_hand_is_joined() {
    // Four lines and a signature: two lines stop mid-sentence, and the sentence that ends
    // just before an indented line ends its paragraph.
    let text = "MILLS TO BUY BACK SHARES\n\n    GREENVILLE, Oct 19 - Acme Mills Inc said its\nboard has approved buying back up to one mln of its\nshares from time to time in the open market.\n    The company has about 10.5 mln shares outstanding.\n Reuter\n&#3;\n";
    let article = parse(text, rules());
    assert_eq!(
        article.paragraphs[0],
        "Acme Mills Inc said its board has approved buying back up to one mln of its shares from time to time in the open market."
    );
    assert!(article.paragraphs[1].starts_with("The company has about 10.5 mln shares"));
    // Indented one-line paragraphs stay apart.
    let lines = "Judul Berita Yang Cukup Panjang\n\n    Paragraf satu berisi kalimat yang cukup panjang untuk dibaca.\n    Paragraf dua berisi kalimat yang cukup panjang juga untuk dibaca.\n    Paragraf tiga berisi kalimat yang cukup panjang pula untuk dibaca.\n Reuter\n";
    let article = parse(lines, rules());
    assert_eq!(article.paragraphs.len(), 3);
    // The agency's name alone on the last line signs the story.
    assert_eq!(article.outlet.as_deref(), Some("Reuters"));
}

#[test]
fn a_record_is_unwrapped_and_its_fields_kept() {
    let text = "Harga Cabai Naik~\"PADANG, KORANKU.com - Harga cabai naik.\nPedagang mengeluh.\"~pasar.koranku.com~2024-02-03~https://pasar.koranku.com/read/1\n";
    let article = parse(text, rules());
    assert_eq!(article.title, "Harga Cabai Naik");
    assert_eq!(article.outlet.as_deref(), Some("Koranku"));
    assert_eq!(article.date.unwrap().to_string(), "2024-02-03");
    assert!(!article.date_inferred);
    assert_eq!(
        article.paragraphs,
        ["Harga cabai naik.", "Pedagang mengeluh."]
    );
    assert_eq!(
        article
            .removed
            .iter()
            .filter(|r| r.rule == "record")
            .count(),
        3
    );
}

#[test]
fn a_day_without_a_year_is_kept_for_the_stories_only() {
    let wire = parse(
        "PUBLICKER INDUSTRIES 4TH QTR LOSS\n\n    GREENWICH, Conn., March 18 - Shr loss five cts vs loss 15 cts.\n",
        rules(),
    );
    assert_eq!(wire.dateline.as_deref(), Some("Greenwich"));
    assert_eq!((wire.date, wire.undated_day), (None, Some((3, 18))));
    let opening = parse(
        "Harga Cabai Naik\n\nPADANG - Harga cabai naik sejak Senin (24/8) di pasar induk.\n",
        rules(),
    );
    assert_eq!((opening.date, opening.undated_day), (None, Some((8, 24))));
    // A full date wins; no day without a year is kept beside it.
    let dated = parse(
        "Harga Cabai Naik\n\nPADANG - Harga cabai naik sejak Senin (24/8/2015) di pasar.\n",
        rules(),
    );
    assert_eq!(dated.date.unwrap().to_string(), "2015-08-24");
    assert_eq!(dated.undated_day, None);
    assert!(!serde_json::to_string(&wire).unwrap().contains("undated"));
}

/// An English byline under the headline gives the authors and the outlet, and leaves the
/// text; one that stands deep inside the text is a heading and stays.
#[test]
fn english_bylines_under_the_headline() {
    let article = parse(
        "Police probe break-in at museum\n\nBy Jane Smith and John Doe, BBC News\n\nPolice are investigating a break-in at a museum in York.\n\nNothing of value was taken, they said.\n",
        rules(),
    );
    assert_eq!(article.outlet.as_deref(), Some("BBC"));
    assert_eq!(article.authors, ["Jane Smith", "John Doe"]);
    assert!(article.paragraphs.iter().all(|p| !p.starts_with("By ")));
    let mut text = String::from("A long report on art\n\n");
    for n in 0..8 {
        text.push_str(&format!(
            "Paragraph {n} of the report says what happened.\n\n"
        ));
    }
    text.push_str("By Any Means Necessary\n\n");
    for n in 8..16 {
        text.push_str(&format!(
            "Paragraph {n} of the report says what happened.\n\n"
        ));
    }
    let article = parse(&text, rules());
    assert!(article.authors.is_empty(), "{:?}", article.authors);
    assert!(
        article
            .paragraphs
            .iter()
            .any(|p| p == "By Any Means Necessary")
    );
}

/// A page as an English-language site prints it: a byline, a stamp with the time first, a
/// player, a wire's credit footer, a list of topics and a reuse link at the end.
#[test]
fn an_english_web_page_keeps_only_its_text() {
    let article = parse(
        "Ferry capsizes off Lombok, dozens rescued\n\n\
         By Jane Smith, Reuters\n\n\
         Updated 4:12 AM EDT, Wed June 19, 2024\n\n\
         Listen to this article · 5 min\n\n\
         A ferry carrying 80 people capsized off Lombok on Wednesday, officials said.\n\n\
         Photograph: John Doe/AP\n\n\
         Rescuers pulled 62 people from the water by the afternoon.\n\n\
         CLICK HERE TO GET THE NEWS APP\n\n\
         The Associated Press contributed to this report.\n\n\
         Reporting by Jane Smith in Mataram; Editing by Mark Heinrich\n\n\
         Explore more on these topics\n\nIndonesia\n\nFerries\n\nLombok\n\n\
         Reuse this content\n",
        rules(),
    );
    assert_eq!(
        article.lead.as_deref(),
        Some("A ferry carrying 80 people capsized off Lombok on Wednesday, officials said.")
    );
    assert_eq!(
        article.paragraphs,
        ["Rescuers pulled 62 people from the water by the afternoon."]
    );
    assert_eq!(article.authors, ["Jane Smith"]);
    assert_eq!(article.editors, ["Mark Heinrich"]);
    let date = article.date.expect("the stamp's date");
    assert_eq!((date.year, date.month, date.day), (2024, 6, 19));
    let time = date.time.expect("the stamp's time");
    assert_eq!((time.hour, time.minute, time.offset_minutes), (4, 12, -240));
    let rules_of = |text: &str| {
        article
            .removed
            .iter()
            .find(|r| r.text == text)
            .map(|r| r.rule.to_string())
    };
    assert_eq!(
        rules_of("Updated 4:12 AM EDT, Wed June 19, 2024").as_deref(),
        Some("stamp")
    );
    assert_eq!(
        rules_of("Listen to this article · 5 min").as_deref(),
        Some("widget")
    );
    assert_eq!(
        rules_of("Photograph: John Doe/AP").as_deref(),
        Some("photo-credit")
    );
    assert_eq!(rules_of("Lombok").as_deref(), Some("navigation"));
}

/// A byline broken after its "By"; a sentence that is only "By" and a word is not one.
#[test]
fn a_byline_broken_after_by() {
    let article = parse(
        "Inflation eases in October\n\nBy\n\nJane Smith\n\nPrices rose 4.9% in October from a year earlier, data showed on Monday.\n\nFood prices fell for a second month.\n",
        rules(),
    );
    assert_eq!(article.authors, ["Jane Smith"]);
    assert!(
        article
            .paragraphs
            .iter()
            .all(|p| p != "By" && p != "Jane Smith")
    );
    let article = parse(
        "Inflation eases in October\n\nBy\n\nthe numbers\n\nPrices rose 4.9% in October from a year earlier, data showed on Monday.\n",
        rules(),
    );
    assert!(article.authors.is_empty());
}

/// Short lines after a navigation heading stay text when the text goes on after them.
#[test]
fn a_heading_inside_the_text_takes_no_lines_with_it() {
    let article = parse(
        "Local elections draw record turnout\n\nVoters queued for hours in the capital on Sunday, officials said.\n\nTopics\n\nTurnout\n\nThe count is expected to finish on Tuesday, the commission said.\n",
        rules(),
    );
    assert!(
        article.paragraphs.iter().any(|p| p == "Turnout"),
        "{:?}",
        article.paragraphs
    );
}

/// A wire dateline with its year dates the article; one without a year does not.
#[test]
fn a_dateline_with_its_year_dates_the_article() {
    let article = parse(
        "Senate passes budget\n\nWASHINGTON, June 19, 2024 (UPI) -- The Senate passed the budget late on Wednesday, aides said.\n\nThe House votes next week.\n",
        rules(),
    );
    let date = article.date.expect("the dateline's date");
    assert_eq!((date.year, date.month, date.day), (2024, 6, 19));
    assert!(!article.date_inferred);
    let article = parse(
        "Senate passes budget\n\nWASHINGTON, June 19 (UPI) -- The Senate passed the budget late on Wednesday, aides said.\n\nThe House votes next week.\n",
        rules(),
    );
    assert_eq!(article.date, None);
    assert_eq!(article.undated_day, Some((6, 19)));
}

/// An agency's signature on a line of its own under text wrapped by hand is joined to the
/// last paragraph; it is cut off the end and names the outlet. A last word that is no outlet,
/// or one that ends a sentence, stays.
#[test]
fn a_signature_glued_to_the_last_sentence_is_cut_off() {
    let wrapped = "OSTER TO CLOSE PLANTS\n\n    PITTSBURGH, March 3 - Oster said it would close three\nplants in Milwaukee and Dayton and move the work to\nother facilities in Tennessee.\n    The company said the closings would save money.\n Reuter\n";
    let article = parse(wrapped, rules());
    assert_eq!(article.outlet.as_deref(), Some("Reuters"));
    assert_eq!(
        article.paragraphs.last().map(String::as_str),
        Some("The company said the closings would save money.")
    );
    assert!(
        (article.removed.iter()).any(|r| r.rule == "signature" && r.text == "Reuter"),
        "{:?}",
        article.removed
    );
    for (text, last) in [
        (
            "Plants to close\n\nThe company said the closings would save money. Next\n",
            "The company said the closings would save money. Next",
        ),
        (
            "Plants to close\n\nThe company said the closings were reported by Reuters\n",
            "The company said the closings were reported by Reuters",
        ),
        (
            "Plants to close\n\nThe closings were first reported by the Associated Press and AFP.\n",
            "The closings were first reported by the Associated Press and AFP.",
        ),
    ] {
        let article = parse(text, rules());
        assert_eq!(article.paragraphs.last().map(String::as_str), Some(last));
        assert!(
            !article.removed.iter().any(|r| r.rule == "signature"),
            "{text}"
        );
    }
}

/// A page's "Updated" stamp under its "Published" one is a stamp too, and the article is
/// dated by the first.
#[test]
fn stamps_in_a_row_are_all_taken_and_the_first_dates_the_article() {
    let article = parse(
        "Ministers agree on a new budget\n\nPublished Jun 19, 2024, 10:15 PM\nUpdated Jun 20, 2024, 08:30 AM\n\nSINGAPORE - Ministers agreed on a new budget on Wednesday after two days of talks.\n\nThe vote is next week.\n",
        rules(),
    );
    let date = article.date.expect("a stamp");
    assert_eq!((date.year, date.month, date.day), (2024, 6, 19));
    assert_eq!(article.lead, None);
    let stamps: Vec<&str> = (article.removed.iter())
        .filter(|r| r.rule == "stamp")
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(
        stamps,
        [
            "Published Jun 19, 2024, 10:15 PM",
            "Updated Jun 20, 2024, 08:30 AM"
        ]
    );
    assert_eq!(article.paragraphs.len(), 2, "{:?}", article.paragraphs);
}

/// A sentence set off by the stamp under it is the standfirst; a name or a label there is
/// not.
#[test]
fn a_sentence_over_the_stamp_is_the_standfirst() {
    let page = |over: &str| {
        parse(
            &format!(
                "Ministers agree on a new budget\n\n{over}\n\nPublished On 19 Jun 2024\n\nMinisters agreed on a new budget on Wednesday after two days of talks.\n\nThe vote is next week.\n"
            ),
            rules(),
        )
    };
    let standfirst = "The deal ends a month of wrangling over fuel subsidies and pay.";
    assert_eq!(page(standfirst).lead.as_deref(), Some(standfirst));
    for over in [
        "Somnath Mukherjee",
        "You are reading an older article which was published on",
    ] {
        let article = page(over);
        assert_eq!(article.lead, None, "{over}");
        assert_eq!(article.paragraphs.first().map(String::as_str), Some(over));
    }
}
