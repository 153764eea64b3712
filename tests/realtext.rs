//! Real scraped text: outlets from any dateline, boilerplate families, dates no later than the
//! file, and the whole development corpus (read from `../shared/devcorpus` when it is there)
//! parsed without loss.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;
use warta::article::parse::{parse, parse_bytes};
use warta::article::{Article, record};
use warta::rules::Rules;

fn rules() -> &'static Rules {
    Rules::builtin()
}

#[test]
fn an_unknown_outlet_is_named_from_its_masthead() {
    let text = "Warga Bandung Tanam Seribu Pohon\n\nGAZETKITA.CO.ID, BANDUNG -- Ribuan warga menanam pohon di sepanjang sungai, Minggu (2/6/2024).\n";
    let article = parse(text, rules());
    assert_eq!(article.outlet.as_deref(), Some("Gazetkita"));
    assert_eq!(article.dateline.as_deref(), Some("Bandung"));
    assert_eq!(article.title, "Warga Bandung Tanam Seribu Pohon");
    assert_eq!(article.date.unwrap().to_string(), "2024-06-02");
    assert!(article.date_inferred);
}

#[test]
fn one_outlet_one_name_however_written() {
    let names: Vec<Option<String>> = [
        "SINARKOTA.co.id | MEDAN - Isi.",
        "Sinarkota.co.id, Medan - Isi.",
        "MEDAN, SINARKOTA.CO.ID - Isi.",
        "www.sinarkota.co.id - Isi.",
    ]
    .iter()
    .map(|line| {
        parse(&format!("Judul Yang Cukup Panjang\n\n{line}"), rules())
            .outlet
            .map(|o| o.to_string())
    })
    .collect();
    assert!(
        names.iter().all(|n| n.as_deref() == Some("Sinarkota")),
        "{names:?}"
    );
}

/// Each family, with lines made up for the test, alone and glued into text.
#[test]
fn boilerplate_families_whole_and_inline() {
    let cases = [
        ("Baca juga: Harga Beras Naik Lagi", "related-link"),
        ("BACA JUGA - Warga Desa Tanam Padi", "related-link"),
        ("Baca JugaJalan Tol Baru Dibuka", "related-link"),
        ("Also Read: Markets Rally as Rates Hold", "related-link"),
        ("Read more: Storm Hits the Coast", "related-link"),
        ("ADVERTISEMENT", "advertisement"),
        ("Advertisement", "advertisement"),
        (
            "ADVERTISEMENT SCROLL TO CONTINUE WITH CONTENT",
            "advertisement",
        ),
        ("[Gambas:Video 20detik]", "embed"),
        ("[Gambas:Instagram]", "embed"),
        ("Simak juga Video: Banjir di Kota", "related-link"),
        (
            "Ikuti Whatsapp Channel Koranku untuk berita terbaru",
            "social",
        ),
        ("Follow us on Twitter and Facebook", "social"),
        (
            "Artikel ini telah tayang di Koranku.com dengan judul Banjir",
            "republished",
        ),
        (
            "This story has been published from a wire agency feed",
            "republished",
        ),
        ("View Full Image", "viewer-label"),
        ("Subscribe to continue reading", "paywall"),
    ];
    for (line, rule) in cases {
        let article = parse(
            &format!(
                "Judul Yang Cukup Panjang\n\nKalimat pertama berita ini.\n{line}\nKalimat terakhir."
            ),
            rules(),
        );
        assert_eq!(
            article.paragraphs,
            ["Kalimat pertama berita ini.", "Kalimat terakhir."],
            "{line}"
        );
        assert!(
            article.removed.iter().any(|r| r.rule == rule && r.text.contains(line.split_whitespace().last().unwrap())),
            "{line}: {:?}",
            article.removed
        );
    }
    let glued = parse(
        "Judul Yang Cukup Panjang\n\nHarga naik. ADVERTISEMENT SCROLL TO CONTINUE WITH CONTENT Pedagang mengeluh. [Gambas:Video 20detik] Pembeli sepi.\nWarga antre.Baca Juga: Pasar Baru Dibuka di Kota Lama Dia menjelaskan bahwa pasar ramai.\n",
        rules(),
    );
    assert_eq!(
        glued.paragraphs,
        [
            "Harga naik. Pedagang mengeluh. Pembeli sepi.",
            "Warga antre.",
            "Dia menjelaskan bahwa pasar ramai."
        ]
    );
    let cut: Vec<&str> = glued.removed.iter().map(|r| r.text.as_str()).collect();
    assert!(
        cut.contains(&"ADVERTISEMENT SCROLL TO CONTINUE WITH CONTENT"),
        "{cut:?}"
    );
    assert!(cut.contains(&"[Gambas:Video 20detik]"), "{cut:?}");
    assert!(
        cut.contains(&"Baca Juga: Pasar Baru Dibuka di Kota Lama"),
        "{cut:?}"
    );
}

/// English cross-links glued after a sentence, whatever mark follows their label, are cut
/// with their headline; "read more" inside a sentence stays.
#[test]
fn english_cross_links_glued_with_any_mark() {
    for (label, headline) in [
        ("Also Read:", "Sensex Hits Record High"),
        ("Also read |", "RBI Keeps Rates Unchanged"),
        ("ALSO READ —", "Rupee Firms Against Dollar"),
        ("Read More -", "Gold Prices Fall"),
    ] {
        let article = parse(
            &format!(
                "Markets rally as inflation cools\n\nIndian shares rose on Tuesday as inflation cooled. {label} {headline}\n\nAnalysts expect further gains.\n"
            ),
            rules(),
        );
        assert_eq!(
            article.paragraphs,
            [
                "Indian shares rose on Tuesday as inflation cooled.",
                "Analysts expect further gains."
            ],
            "{label}"
        );
        assert!(
            (article.removed.iter())
                .any(|r| r.rule == "related-link" && r.text.ends_with(headline)),
            "{label}: {:?}",
            article.removed
        );
    }
    for sentence in [
        "Readers who also read the report will see the gap.",
        "You can read more-or-less anything into the figures.",
    ] {
        let article = parse(
            &format!("Markets rally as inflation cools\n\n{sentence}\n"),
            rules(),
        );
        assert_eq!(article.paragraphs, [sentence]);
    }
}

/// A page that opens with its photo's caption: the caption is not the headline.
#[test]
fn a_caption_is_not_the_headline() {
    for caption in [
        "Traders watch screens at the exchange, in this file photo taken in Portville March 3, 2023.",
        "A rescue worker carries a child in this handout photo released by the fire service.",
        "FILE PHOTO: The harbour road under water after two days of rain",
    ] {
        let article = parse(
            &format!(
                "{caption}\n\nShares fell for a third day on Monday as harbour traffic slowed.\n\nAnalysts expect a rebound.\n"
            ),
            rules(),
        );
        assert!(
            article.title.starts_with("Shares fell for a third day"),
            "{caption}: {}",
            article.title
        );
        assert!(
            article
                .removed
                .iter()
                .any(|r| r.rule == "caption" && r.text == caption),
            "{caption}: {:?}",
            article.removed
        );
    }
    // Headlines that speak of a photo are headlines.
    for headline in [
        "Who Is in This Picture? Readers Respond",
        "The Photo That Changed the War",
    ] {
        let article = parse(&format!("{headline}\n\nThe body of the story.\n"), rules());
        assert_eq!(article.title, headline);
    }
}

#[test]
fn editor_initials_come_off_the_end() {
    for tag in ["(dwr/eva)", "(put)", "(*)", "[ab/cd]"] {
        let article = parse(
            &format!("Judul Yang Cukup Panjang\n\nKalimat pertama.\nKalimat terakhir. {tag}"),
            rules(),
        );
        assert_eq!(
            article.paragraphs.last().unwrap(),
            "Kalimat terakhir.",
            "{tag}"
        );
        assert!(
            article
                .removed
                .iter()
                .any(|r| r.rule == "editor-tag" && r.text == tag),
            "{tag}"
        );
    }
    let kept = parse(
        "Judul Yang Cukup Panjang\n\nHarga naik (lagi) kata dia",
        rules(),
    );
    assert_eq!(kept.paragraphs, ["Harga naik (lagi) kata dia"]);
}

#[test]
fn punctuation_alone_is_not_text() {
    let article = parse(
        "Judul Yang Cukup Panjang\n\nIsi berita.\n- - -\n.,\n",
        rules(),
    );
    assert_eq!(article.paragraphs, ["Isi berita."]);
    assert_eq!(
        article
            .removed
            .iter()
            .filter(|r| r.rule == "punctuation")
            .count(),
        2
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dots.txt"), ".,.,\n--- ...\n").unwrap();
    std::fs::write(
        dir.path().join("real.txt"),
        "Judul Yang Cukup Panjang\n\nIsi.\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["--no-state", "--list"])
        .arg(dir.path())
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("dots.txt") && err.contains("nothing but punctuation"),
        "{err}"
    );
}

#[test]
fn a_repeated_paragraph_is_shown_once() {
    let article = parse(
        "Judul Yang Cukup Panjang\n\nPemerintah menaikkan harga bahan bakar mulai besok.\nWarga antre sejak sore hari.\nPemerintah menaikkan harga bahan bakar mulai besok.\n",
        rules(),
    );
    assert_eq!(article.paragraphs.len(), 2);
    assert!(article.removed.iter().any(|r| r.rule == "repeated"));
}

#[test]
fn a_date_deep_in_the_body_or_after_the_file_was_saved_is_not_shown() {
    let mut body =
        String::from("Judul Yang Cukup Panjang\n\nJAKARTA - Warga berkumpul di balai kota.\n");
    for n in 0..20 {
        body.push_str(&format!(
            "Kalimat pengisi nomor {n} yang panjang untuk mendorong tanggal jauh ke dalam badan berita.\n"
        ));
    }
    body.push_str("Pendaftaran ditutup Jumat (28/6/2024).\n");
    let deep = parse(&body, rules());
    assert_eq!(
        deep.date, None,
        "a deadline deep in the body is not the article's date"
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    std::fs::write(
        &path,
        "Judul Yang Cukup Panjang\n\nJAKARTA - Warga berkumpul, Rabu (19/6/2024).\n",
    )
    .unwrap();
    let saved = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_577_836_800); // 2020-01-01
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(saved)
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["--no-state", "--json"])
        .arg(dir.path())
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["date"], serde_json::Value::Null, "{json}");
}

/// The letters and digits of a text, entities decoded, lower-cased, counted: equal counts
/// mean the same text modulo white space and punctuation, whatever was split or cut where.
fn letters(text: &str) -> HashMap<char, usize> {
    // Entities for control characters ("&#3;") are dropped, not decoded.
    let controls = regex::Regex::new(r"&#(?:[0-9]|[12][0-9]|3[01]);").unwrap();
    let without_controls = controls.replace_all(text, "");
    let decoded = html_escape::decode_html_entities(&without_controls);
    let mut counts = HashMap::new();
    for c in decoded.chars().filter(|c| c.is_alphanumeric()) {
        for lower in c.to_lowercase() {
            *counts.entry(lower).or_insert(0) += 1;
        }
    }
    counts
}

fn kept_and_removed(article: &Article) -> String {
    let mut all: Vec<&str> = article.paragraphs.iter().map(String::as_str).collect();
    all.extend(article.removed.iter().map(|r| r.text.as_str()));
    all.join("\n")
}

/// Paragraph starts the corpus's scorer counts as boilerplate left in.
const FAMILY_STARTS: &[&str] = &[
    "baca juga",
    "advertisement",
    "scroll to continue",
    "[gambas:",
    "simak juga",
    "tonton juga",
    "artikel ini telah tayang",
    "view full image",
    "also read:",
];

/// The development corpus's files, or `None` (and a note) when it is not there.
fn development_corpus() -> Option<std::fs::ReadDir> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/devcorpus");
    let entries = std::fs::read_dir(&dir);
    if entries.is_err() {
        eprintln!("skipped: {} is not there", dir.display());
    }
    entries.ok()
}

/// Every line of the development corpus that the rules' one search passes over is no byline,
/// boilerplate or photo credit.
#[test]
fn lines_passed_over_in_the_development_corpus_are_never_marked() {
    let Some(entries) = development_corpus() else {
        return;
    };
    let (mut lines, mut marked) = (0, 0);
    for entry in entries.flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let is_marked = rules().is_byline(line)
                || rules().boilerplate_rule(line).is_some()
                || rules().is_photo_credit(line);
            assert!(rules().may_be_marked(line) || !is_marked, "{line}");
            lines += 1;
            marked += usize::from(is_marked);
        }
    }
    assert!(
        lines > 5000 && marked > 100,
        "{lines} lines, {marked} marked"
    );
}

#[test]
fn the_development_corpus_parses_without_loss() {
    let Some(entries) = development_corpus() else {
        return;
    };
    let mut checked = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let article = parse_bytes(&bytes, rules());
        let name = path.file_name().unwrap().to_string_lossy();
        for paragraph in &article.paragraphs {
            let lower = paragraph.to_lowercase();
            assert!(
                !FAMILY_STARTS.iter().any(|f| lower.starts_with(f))
                    && !paragraph.contains("SCROLL TO CONTINUE")
                    && !lower.contains("artikel ini telah tayang"),
                "{name}: boilerplate left: {paragraph:.80}"
            );
        }
        let text = warta::article::decode::decode(&bytes).text;
        if record::unwrap(&text).is_some() {
            continue;
        }
        let expected = letters(&text);
        let got = letters(&kept_and_removed(&article));
        assert_eq!(
            got, expected,
            "{name}: kept + removed differs from the file"
        );
        checked += 1;
    }
    assert!(checked > 400, "only {checked} files checked");
}
