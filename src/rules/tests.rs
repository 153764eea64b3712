use super::*;

#[test]
fn word_boundaries_become_ascii_ones_and_nothing_else_changes() {
    assert_eq!(ascii_word_boundaries(r"^baca\b"), r"^baca(?-u:\b)");
    // An escaped backslash before a "b", and other escapes, stay as written.
    assert_eq!(ascii_word_boundaries(r"a\\b\B\d"), r"a\\b\B\d");
    assert_eq!(ascii_word_boundaries(r"\bx\b"), r"(?-u:\b)x(?-u:\b)");
    assert_eq!(ascii_word_boundaries("trailing\\"), "trailing\\");
    assert_eq!(
        ascii_word_boundaries(r"\b{start}x\b"),
        r"\b{start}x(?-u:\b)"
    );
    assert!(Regex::new(&ascii_word_boundaries(r"\b{start}x\b{end}")).is_ok());
}

#[test]
fn rules_with_word_boundaries_match_beside_characters_beyond_ascii() {
    let rules = Rules::builtin();
    // Curly quotes and dashes around the words: boundaries all the same.
    assert_eq!(
        rules.boilerplate_rule("Baca juga: “Putin Tiba di Pyongyang” — Tribunnews"),
        Some("related-link")
    );
    assert_eq!(
        rules.boilerplate_rule("Baca jugalah “Putin” — Tribunnews"),
        None
    );
}

#[test]
fn builtin_rules_compile() {
    let rules = Rules::from_files(&[("assets/rules.toml", BUILTIN_RULES)]).unwrap();
    assert!(rules.outlet_names.len() > 30);
}

#[test]
fn outlets_from_datelines_and_signatures() {
    let rules = Rules::builtin();
    assert_eq!(
        rules.outlet_for("TRIBUNNEWS.COM").as_deref(),
        Some("Tribunnews")
    );
    assert_eq!(rules.outlet_for("KOMPAS.TV").as_deref(), Some("Kompas TV"));
    assert_eq!(
        rules.outlet_for("TRIBUNBANYUMAS.COM").as_deref(),
        Some("Tribun Banyumas")
    );
    assert_eq!(
        rules.outlet_for("tribunmakassar.com").as_deref(),
        Some("Tribun Makassar")
    );
    assert_eq!(
        rules.outlet_for("Tribunnews.com").as_deref(),
        Some("Tribunnews")
    );
    assert_eq!(rules.outlet_for("ANTARA").as_deref(), Some("Antara"));
    assert_eq!(rules.outlet_for("www.detik.com").as_deref(), Some("Detik"));
    assert_eq!(rules.outlet_for("Euronews"), None);
    assert_eq!(rules.outlet_for("Pyongyang"), None);
}

#[test]
fn boilerplate_lines_by_rule() {
    let rules = Rules::builtin();
    let cases = [
        ("Baca Juga: Wapres Filipina Mundur", Some("related-link")),
        ("Baca juga: Tepergok Nonton Drakor", Some("related-link")),
        ("Tinggalkan Balasan", Some("comment-form")),
        (
            "Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *",
            Some("comment-form"),
        ),
        ("Halaman", Some("pagination")),
        ("12", Some("pagination")),
        ("Berita Terkait", Some("related-link")),
        ("• Ikuti kami di", Some("social")),
        ("AA", Some("navigation")),
        ("Berita Terkini", Some("related-link")),
        (
            "© 2025 TRIBUNnews.com Network,a subsidiary of KG Media.",
            Some("copyright"),
        ),
        ("All Right Reserved", Some("copyright")),
        ("Forum", Some("navigation")),
        (
            "Putin mengundang Kim ke Moskow untuk pertemuan lainnya.",
            None,
        ),
        ("Halaman depan surat kabar itu memuat foto Putin.", None),
        // English pages' furniture, invented in the forms sites print it.
        ("Listen to this article · 4 min", Some("widget")),
        ("Listen", Some("widget")),
        ("3 min read", Some("widget")),
        ("Reading time: 6 minutes", Some("widget")),
        ("Print", Some("widget")),
        ("Click here to download our free app", Some("promo")),
        (
            "Download the Daily Planet app for breaking news",
            Some("promo"),
        ),
        ("Read all election-related news here", Some("promo")),
        ("(With inputs from PTI)", Some("credit")),
        ("With inputs from agencies", Some("credit")),
        ("(With inputs from Reuters, PTI)", Some("credit")),
        ("Ad Feedback", Some("advertisement")),
        ("PREMIUM", Some("paywall")),
        ("Already subscribed? Sign in", Some("paywall")),
        (
            "Continue reading with a Daily Planet Premium subscription",
            Some("paywall"),
        ),
        ("Subscribe now for $1 a week", Some("paywall")),
        ("Explore more on these topics", Some("navigation")),
        ("Reuse this content", Some("navigation")),
        (
            "Our Standards: The Daily Planet Trust Principles.",
            Some("navigation"),
        ),
        // Indonesian pages' channel and app promotions, headings of links.
        (
            "Simak berita pilihan kami di ponselmu lewat WhatsApp Channel : https://wa.me/x",
            Some("social"),
        ),
        (
            "Dapatkan update berita setiap hari dari Warta.com. Gabung di Grup Telegram",
            Some("social"),
        ),
        ("Baca berita lainnya di Google News", Some("social")),
        (
            "Download aplikasi Warta.com untuk akses berita lebih cepat:",
            Some("promo"),
        ),
        ("Klik di sini untuk mengunduh aplikasinya", Some("promo")),
        ("Pilihan Untuk Anda", Some("related-link")),
        ("Lihat Video: Banjir di Bekasi", Some("related-link")),
        (
            "Scroll ke bawah untuk melanjutkan membaca",
            Some("advertisement"),
        ),
        ("Simak penjelasan lengkapnya berikut ini.", None),
        ("Klik di sini, katanya, lalu layar berubah.", None),
        ("Video pilihan juri diputar pada malam penutupan.", None),
        // Sentences that start like them.
        (
            "Listen to the whole interview on our podcast, she said.",
            None,
        ),
        ("Listen, I told him, this is not a game.", None),
        ("Click here is what the button said, he recalled.", None),
        ("Printing presses ran all night.", None),
        ("Premium fuel prices rose 3% in October.", None),
        ("With inputs from farmers rising, prices fell.", None),
    ];
    for (line, rule) in cases {
        assert_eq!(rules.boilerplate_rule(line), rule, "{line}");
    }
}

/// A line the one search passes over is no byline, boilerplate or photo credit; and the
/// search does pass over plain text.
#[test]
fn lines_passed_over_are_never_marked() {
    let rules = Rules::builtin();
    let lines = [
        "Baca Juga: Wapres Filipina Mundur",
        "• Ikuti kami di",
        "- Baca juga: berita lain",
        "Penulis: Rina",
        "Editor : Budi",
        "AFP/KCNA VIA KNS",
        "TRIBUNNEWS/HERUDIN",
        "12",
        "© 2025 TRIBUNnews.com Network",
        "Putin mengundang Kim ke Moskow untuk pertemuan lainnya.",
        "Halaman depan surat kabar itu memuat foto Putin.",
        "The volcano erupted on Sunday.",
        "",
    ];
    for line in lines {
        let marked = rules.is_byline(line)
            || rules.boilerplate_rule(line).is_some()
            || rules.is_photo_credit(line);
        assert!(rules.may_be_marked(line) || !marked, "{line}");
    }
    assert!(!rules.may_be_marked("Putin mengundang Kim ke Moskow untuk pertemuan lainnya."));
    assert!(!rules.may_be_marked("The volcano erupted on Sunday."));
    assert!(rules.may_be_marked("AFP/KCNA VIA KNS") && rules.may_be_marked("Penulis: Rina"));
}

#[test]
fn sections_bylines_credits_and_tags() {
    let rules = Rules::builtin();
    assert!(rules.is_section("Berita Internasional"));
    assert!(!rules.is_section("Korea Utara dan Rusia Sepakat"));
    assert!(rules.is_byline("Penulis: rika irawati | Editor: rika irawati"));
    assert!(rules.is_byline("Penulis : Haryo Jati Editor : Tito-Dirhantoro"));
    assert!(rules.is_byline("Sumber : Associated Press"));
    assert!(!rules.is_byline("Penulis buku itu hadir."));
    assert!(rules.is_photo_credit("AFP/KCNA VIA KNS"));
    assert!(rules.is_photo_credit("Foto: Reuters"));
    assert!(!rules.is_photo_credit("Kedua pemimpin tersebut adalah kritikus vokal."));
    assert!(rules.is_section("World News") && rules.is_section("News"));
    assert!(!rules.is_section("News of the world"));
    assert!(rules.is_caption(
        "People pose with laptops, in this picture illustration taken in Zenica May 2, 2024."
    ));
    assert!(rules.is_caption("FILE PHOTO: A man walks past the bank"));
    assert!(!rules.is_caption("The girl in this photo became a symbol of the war."));
    let paragraph = "terhadap Korea Utara atas uji coba senjatanya. [ab/ns]";
    let (at, rule) = rules.trailing_tag(paragraph).unwrap();
    assert_eq!((&paragraph[at..], rule), (" [ab/ns]", "editor-tag"));
    assert_eq!(rules.trailing_tag("tanpa tag [lihat foto]"), None);
}

#[test]
fn bad_rules_name_the_file() {
    let err = Rules::from_files(&[("mine.toml", "[[boilerplate]]\nrule = 'x'\npattern = '('\n")])
        .unwrap_err();
    assert!(
        err.to_string().starts_with("mine.toml: rule pattern \"(\""),
        "{err}"
    );
    let empty = "[[boilerplate]]\nrule = 'x'\npattern = ' '\n";
    let err = Rules::from_files(&[("mine.toml", empty)]).unwrap_err();
    assert!(err.to_string().contains("empty pattern"), "{err}");
    let err = Rules::from_files(&[("mine.toml", "[[outlet]]\nnam = 'x'\n")]).unwrap_err();
    assert!(err.to_string().contains("mine.toml"), "{err}");
    assert!(err.to_string().contains("line 2"), "{err}");
}
