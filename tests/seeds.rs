//! The seed articles, understood as the store issue's table says: through the library and
//! through the binary's `--json`.

mod common;
use serde_json::Value;
use warta::article::Article;
use warta::rules::Rules;
use warta::store::{self, LoadOptions, ReadAgain, Sources};

fn seeds() -> Vec<Article> {
    let store = store::load_all(&Sources::Seeds, Rules::builtin(), LoadOptions::default());
    assert!(store.skipped.is_empty());
    let mut articles = store.articles;
    articles.sort_by(|a, b| a.id.cmp(&b.id));
    articles
}

fn removed<'a>(a: &'a Article, rule: &str) -> Vec<&'a str> {
    a.removed_by(rule).collect()
}

#[test]
fn seed_000_tribunnews() {
    let a = &seeds()[0];
    assert_eq!(a.id, "000_c7b58f4dcbc6b504");
    assert_eq!(a.outlet.as_deref(), Some("Tribunnews"));
    assert!(a.title_derived);
    assert!(
        a.title
            .starts_with("Presiden Rusia Vladimir Putin dan pemimpin Korea Utara Kim Jong-un")
    );
    assert!(
        a.title.chars().count() <= 100 && a.title.ends_with('…'),
        "{}",
        a.title
    );
    assert_eq!(a.date.unwrap().to_string(), "2024-06-19");
    assert!(a.date_inferred);
    assert_eq!(a.authors, ["Tiara Shelavie"]);
    assert!(
        a.paragraphs[0].starts_with("Presiden Rusia"),
        "{}",
        a.paragraphs[0]
    );
    assert!(
        !a.paragraphs
            .iter()
            .any(|p| p.contains("TRIBUNNEWS.COM") || p.contains("(Tribunnews.com"))
    );
    assert_eq!(
        removed(a, "signature"),
        ["(Tribunnews.com, Tiara Shelavie)"]
    );
    assert_eq!(removed(a, "dateline"), ["TRIBUNNEWS.COM –"]);
}

#[test]
fn seed_001_unknown_outlet() {
    let a = &seeds()[1];
    assert_eq!(a.outlet, None);
    assert!(!a.title_derived);
    assert_eq!(
        a.title,
        "Putin Ucapkan Terima Kasih ke Kim Jong Un Atas Dukungan Konsisten dan Tak Tergoyahkan di Perang Rusia"
    );
    assert_eq!(a.date.unwrap().to_string(), "2024-06-19");
    assert!(a.date_inferred);
    assert_eq!(a.dateline.as_deref(), Some("Pyongyang"));
    assert!(a.authors.is_empty() && a.editors.is_empty());
    assert!(a.paragraphs[0].starts_with("Presiden Rusia Vladimir Putin berterima kasih"));
    assert_eq!(
        removed(a, "comment-form"),
        [
            "Tinggalkan Balasan",
            "Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *"
        ]
    );
    assert!(
        !a.paragraphs
            .iter()
            .any(|p| p.contains("Tinggalkan") || p.contains("Alamat email"))
    );
}

#[test]
fn seed_002_kompas_tv() {
    let a = &seeds()[2];
    assert_eq!(a.outlet.as_deref(), Some("Kompas TV"));
    assert!(!a.title_derived);
    assert_eq!(
        a.title,
        "Putin dan Kim Jong-Un Tandatangani Kerja Sama Hadapi Lawan, Disebut Paling Kuat Usai Perang Dingin"
    );
    assert_eq!(a.date.unwrap().to_string(), "2024-06-20T08:50:00+07:00");
    assert!(!a.date_inferred);
    assert_eq!(a.authors, ["Haryo Jati"]);
    assert_eq!(a.editors, ["Tito-Dirhantoro"]);
    assert_eq!(a.sources, ["Associated Press"]);
    assert_eq!(a.dateline.as_deref(), Some("Pyongyang"));
    assert_eq!(removed(a, "related-link").len(), 2);
    assert!(
        removed(a, "related-link")
            .iter()
            .all(|l| l.starts_with("Baca Juga:"))
    );
    assert_eq!(removed(a, "byline").len(), 2);
    assert!(
        a.paragraphs[0].starts_with("Presiden Rusia Vladimir Putin"),
        "{}",
        a.paragraphs[0]
    );
    assert!(
        !a.paragraphs
            .iter()
            .any(|p| p.contains("Baca Juga") || p.contains("Penulis") || p.contains("Sumber :"))
    );
}

#[test]
fn seed_003_tribun_banyumas() {
    let a = &seeds()[3];
    assert_eq!(a.outlet.as_deref(), Some("Tribun Banyumas"));
    assert_eq!(
        a.title,
        "Korea Utara dan Rusia Sepakat, Kirim Bantuan Militer Segera jika Hadapi Agresi Bersenjata"
    );
    assert!(!a.title_derived);
    assert_eq!(a.date.unwrap().to_string(), "2024-06-20");
    assert!(a.date_inferred);
    assert_eq!(a.authors, ["rika irawati"]);
    assert_eq!(a.editors, ["rika irawati"]);
    assert_eq!(a.section.as_deref(), Some("Berita Internasional"));
    assert!(
        a.lead
            .as_deref()
            .unwrap()
            .starts_with("Korea Utara dan Rusia sepakat memberikan bantuan militer segera")
    );
    assert_eq!(a.dateline.as_deref(), Some("Seoul"));
    assert!(
        a.paragraphs
            .last()
            .unwrap()
            .starts_with("Janji yang dibuat")
    );
    let footer = [
        "Halaman",
        "12",
        "Berita Terkait",
        "• Ikuti kami di",
        "AA",
        "Berita Terkini",
        "© 2025 TRIBUNnews.com Network,a subsidiary of KG Media.",
        "All Right Reserved",
    ];
    let tail: Vec<&str> = a
        .removed
        .iter()
        .rev()
        .take(footer.len())
        .rev()
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(tail, footer);
    assert_eq!(removed(a, "photo-credit"), ["AFP/KCNA VIA KNS"]);
    assert!(
        !a.paragraphs
            .iter()
            .any(|p| p.contains("Drakor") || p.contains("AFP/KCNA"))
    );
}

#[test]
fn seed_004_no_date() {
    let a = &seeds()[4];
    assert_eq!(a.outlet, None);
    assert!(a.title_derived);
    assert!(
        a.title
            .starts_with("Presiden Rusia Vladimir Putin berterima kasih kepada Korea Utara")
    );
    assert_eq!(a.date, None);
    assert!(!a.date_inferred);
    assert!(a.authors.is_empty());
    let last = a.paragraphs.last().unwrap();
    assert!(last.starts_with("Bersama dengan China"));
    assert!(!last.contains("[ab/ns]"));
    assert_eq!(removed(a, "editor-tag"), ["[ab/ns]"]);
    assert_eq!(removed(a, "navigation"), ["Forum"]);
}

#[test]
fn nothing_is_lost_from_any_seed() {
    for a in seeds() {
        let raw = String::from_utf8(a.raw_bytes().unwrap()).unwrap();
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let kept: Vec<String> = a
            .paragraphs
            .iter()
            .chain(a.removed.iter().map(|r| &r.text))
            .map(|s| norm(s))
            .collect();
        for word in raw.split_whitespace() {
            assert!(
                kept.iter().any(|k| k.contains(word)),
                "{}: lost {word:?}",
                a.id
            );
        }
    }
}

fn json(args: &[&str]) -> Value {
    serde_json::from_slice(&common::stdout_of(common::warta().args(args))).unwrap()
}

#[test]
fn json_has_exactly_the_fields_and_the_table() {
    let articles = json(&["--json"]);
    let articles = articles.as_array().unwrap();
    assert_eq!(articles.len(), 5);
    let fields = [
        "id",
        "path",
        "outlet",
        "title",
        "title_derived",
        "section",
        "dateline",
        "date",
        "date_inferred",
        "authors",
        "editors",
        "sources",
        "lead",
        "paragraphs",
        "removed",
        "warnings",
    ];
    for a in articles {
        let mut keys: Vec<&str> = a.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        let mut want = fields.to_vec();
        want.sort();
        assert_eq!(keys, want);
    }
    let by_id = |prefix: &str| {
        articles
            .iter()
            .find(|a| a["id"].as_str().unwrap().starts_with(prefix))
            .unwrap()
    };
    let table = [
        (
            "000",
            Value::from("Tribunnews"),
            Value::from("2024-06-19"),
            true,
        ),
        ("001", Value::Null, Value::from("2024-06-19"), true),
        (
            "002",
            Value::from("Kompas TV"),
            Value::from("2024-06-20T08:50:00+07:00"),
            false,
        ),
        (
            "003",
            Value::from("Tribun Banyumas"),
            Value::from("2024-06-20"),
            true,
        ),
        ("004", Value::Null, Value::Null, false),
    ];
    for (id, outlet, date, inferred) in table {
        let a = by_id(id);
        assert_eq!(a["outlet"], outlet, "{id}");
        assert_eq!(a["date"], date, "{id}");
        assert_eq!(a["date_inferred"], Value::from(inferred), "{id}");
        assert_eq!(
            a["path"],
            Value::from(format!("seeds/{}.txt", a["id"].as_str().unwrap()))
        );
    }
    assert_eq!(by_id("002")["authors"], serde_json::json!(["Haryo Jati"]));
    assert_eq!(
        by_id("002")["editors"],
        serde_json::json!(["Tito-Dirhantoro"])
    );
    assert_eq!(
        by_id("002")["sources"],
        serde_json::json!(["Associated Press"])
    );
    assert_eq!(by_id("003")["section"], Value::from("Berita Internasional"));
    assert_eq!(by_id("003")["dateline"], Value::from("Seoul"));
    assert_eq!(by_id("000")["title_derived"], Value::from(true));
    assert_eq!(
        by_id("004")["removed"][0]["rule"],
        Value::from("editor-tag")
    );
    assert_eq!(by_id("004")["removed"][0]["text"], Value::from("[ab/ns]"));
}

#[test]
fn list_is_newest_first_and_tab_separated() {
    let out = common::warta().arg("--list").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let ids: Vec<&str> = text.lines().map(|l| &l[..3]).collect();
    assert_eq!(ids, ["002", "003", "000", "001", "004"]);
    let first: Vec<&str> = text.lines().next().unwrap().split('\t').collect();
    assert_eq!(first[1..3], ["Kompas TV", "2024-06-20T08:50:00+07:00"]);
    assert!(text.lines().nth(3).unwrap().split('\t').nth(1) == Some(""));
}

#[test]
fn show_wraps_and_raw_is_byte_for_byte() {
    let out = common::warta()
        .args(["--show", "002_dc11ff0526b04c86"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Putin dan Kim Jong-Un Tandatangani"));
    assert!(text.lines().all(|l| l.chars().count() <= 80));
    assert!(text.contains("Kompas TV · 2024-06-20 08:50 · Pyongyang · Haryo Jati"));
    assert!(!text.contains("Baca Juga"));
    let raw = common::warta()
        .args(["--show", "003_5afb30bb05a49fbf", "--raw"])
        .output()
        .unwrap();
    assert_eq!(
        raw.stdout,
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/seeds/003_5afb30bb05a49fbf.txt"
        ))
        .unwrap()
    );
    let missing = common::warta().args(["--show", "nope"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nope"));
}

#[test]
fn exit_statuses() {
    let out = common::warta()
        .args(["--list", "/no/such/place"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "warta: /no/such/place: no such file or folder"
    );
    let out = common::warta().arg("--bogus").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "   \n").unwrap();
    let out = common::warta()
        .arg("--list")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("empty.txt: empty"), "{stderr}");
    assert!(stderr.contains("no article could be loaded"), "{stderr}");
}
