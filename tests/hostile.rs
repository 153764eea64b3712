//! Messy and hostile input: every file loads or is skipped with a reason, and nothing that
//! could drive a terminal comes out of --list, --show or the warnings.

mod common;
use common::hostile::{self, PLANTED, Sizes};
use std::path::Path;
use std::sync::OnceLock;
use warta::rules::Rules;
use warta::store::{self, LoadOptions, Sources, Store};

const MB: usize = 1024 * 1024;

/// The hostile folder, written once for all the tests here (they only read it).
fn folder() -> &'static tempfile::TempDir {
    static FOLDER: OnceLock<tempfile::TempDir> = OnceLock::new();
    FOLDER.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        hostile::generate(
            dir.path(),
            &Sizes {
                huge_bytes: 22 * MB,
                single_line_bytes: 5 * MB,
            },
        );
        dir
    })
}

fn load(dir: &Path, options: LoadOptions) -> Store {
    store::load_all(
        &Sources::Paths(vec![dir.to_path_buf()]),
        Rules::builtin(),
        options,
    )
}

fn title<'a>(store: &'a Store, id: &str) -> &'a str {
    &store
        .find(id)
        .unwrap_or_else(|| panic!("{id} loaded"))
        .title
}

/// Bytes that must never reach a terminal: C0 controls but tab and newline, DEL, C1 (as UTF-8)
/// and the right-to-left override.
fn assert_terminal_safe(what: &str, bytes: &[u8]) {
    for (at, b) in bytes.iter().enumerate() {
        assert!(
            !matches!(b, 0x00..=0x08 | 0x0B..=0x1F | 0x7F),
            "{what}: byte {b:#04x} at {at}: {:?}",
            String::from_utf8_lossy(&bytes[at.saturating_sub(20)..(at + 20).min(bytes.len())])
        );
    }
    let text = String::from_utf8_lossy(bytes);
    for c in text.chars() {
        assert!(
            !('\u{80}'..='\u{9f}').contains(&c),
            "{what}: C1 character {c:?}"
        );
        assert!(c != '\u{202e}', "{what}: right-to-left override");
    }
}

#[test]
fn everything_loads_or_is_skipped_with_a_reason() {
    let dir = folder();
    let store = load(dir.path(), LoadOptions::default());
    let mut ids: Vec<&str> = store.articles.iter().map(|a| a.id.as_str()).collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "bom", "bottom", "cp1252", "cr", "crlf", "escapes", "huge", "oneline", "plain", "tabs",
            "utf16be", "utf16le", "wide"
        ]
    );
    let reasons: Vec<(String, String)> = store
        .skipped
        .iter()
        .map(|s| {
            (
                s.path.file_name().unwrap().to_string_lossy().into_owned(),
                s.reason.clone(),
            )
        })
        .collect();
    let reason = |name: &str| {
        reasons
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| r.as_str())
            .unwrap_or_else(|| panic!("{name} skipped; skipped: {reasons:?}"))
    };
    assert!(reason("empty.txt").starts_with("empty"));
    assert!(reason("blank.txt").starts_with("empty"));
    assert!(reason("binary.txt").starts_with("binary"));
    assert!(reason("fifo.txt").contains("FIFO"));
    assert!(reason("zero.txt").contains("character device"));
    assert!(reason("broken.txt").contains("broken link"));
    assert_eq!(reasons.len(), 6, "{reasons:?}");
}

#[test]
fn encodings_and_line_endings_decode_to_the_same_text() {
    let dir = folder();
    let store = load(dir.path(), LoadOptions::default());
    assert_eq!(title(&store, "cp1252"), "Café “kutipan” seharga £15");
    assert!(store.find("cp1252").unwrap().warnings[0].contains("Windows-1252"));
    assert_eq!(title(&store, "bom"), "Judul Dengan Tanda BOM UTF-8");
    assert!(store.find("bom").unwrap().warnings.is_empty());
    assert_eq!(
        title(&store, "utf16le"),
        "Judul UTF-16 Little Endian Berita"
    );
    assert_eq!(title(&store, "utf16be"), "Judul UTF-16 Big Endian Berita");
    assert_eq!(title(&store, "crlf"), "Judul Dengan Akhir Baris CRLF");
    assert_eq!(title(&store, "cr"), "Judul Dengan Akhir Baris CR Saja");
    assert_eq!(store.find("cr").unwrap().paragraphs.len(), 2);
    assert_eq!(title(&store, "tabs"), "Judul Dengan Tab Di Dalamnya");
    for article in &store.articles {
        let all = std::iter::once(&article.title).chain(&article.paragraphs);
        for text in all {
            assert!(!text.contains(['\r', '\t']), "{}: {text:?}", article.id);
        }
    }
    // A body stored as one long line is read as paragraphs of a few sentences.
    let one_line = store.find("oneline").unwrap();
    assert!(
        one_line.paragraphs.len() > 10,
        "{}",
        one_line.paragraphs.len()
    );
    assert!(one_line.paragraphs.iter().all(|p| p.len() < 2_000));
    assert!(store.find("huge").unwrap().paragraphs.len() > 50_000);
}

#[test]
fn size_cap_skips_with_a_reason() {
    let dir = folder();
    let store = load(
        dir.path(),
        LoadOptions {
            max_file_size: MB as u64,
            ..LoadOptions::default()
        },
    );
    let huge = store
        .skipped
        .iter()
        .find(|s| s.path.ends_with("huge.txt"))
        .expect("huge.txt skipped");
    assert!(
        huge.reason.contains("size cap") && huge.reason.contains("--max-file-size"),
        "{}",
        huge.reason
    );
    assert!(store.find("oneline").is_none());
    assert!(store.find("plain").is_some());
}

#[test]
fn cli_output_is_terminal_safe() {
    let dir = folder();
    // The two big files are not about escapes; leaving them out keeps this quick.
    let run = |args: &[&str]| {
        common::warta()
            .args(args)
            .args(["--max-file-size", "1M"])
            .arg(dir.path())
            .output()
            .unwrap()
    };
    let list = run(&["--list"]);
    assert!(list.status.success());
    assert_terminal_safe("--list", &list.stdout);
    assert_terminal_safe("warnings", &list.stderr);
    let stderr = String::from_utf8_lossy(&list.stderr);
    assert!(
        stderr.contains("fifo.txt: not a regular file (a FIFO)"),
        "{stderr}"
    );
    let listed = String::from_utf8_lossy(&list.stdout);
    let escapes = listed.lines().find(|l| l.starts_with("escapes\t")).unwrap();
    assert!(escapes.contains("Judul ␛ Berbahaya ␛ Sekali"), "{escapes}");
    for id in ["escapes", "wide", "cp1252"] {
        let show = run(&["--show", id]);
        assert!(show.status.success());
        assert_terminal_safe(id, &show.stdout);
    }
    let show = run(&["--show", "escapes"]);
    let shown = String::from_utf8_lossy(&show.stdout);
    assert!(
        shown.contains("bel␇ bs␈ del␡ c1\u{FFFD} bidi[RLO]terbalik[PDI]."),
        "{shown}"
    );
    // --json keeps the text as decoded; JSON escapes it.
    let json = run(&["--json"]);
    let articles: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let escapes = articles
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "escapes")
        .unwrap();
    assert!(escapes["title"].as_str().unwrap().contains(PLANTED[0]));
}

#[test]
fn a_fifo_named_directly_never_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let out = common::warta()
        .arg("--list")
        .arg(&fifo)
        .arg("/dev/zero")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "nothing loaded");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("pipe: not a regular file (a FIFO)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("/dev/zero: not a regular file (a character device)"),
        "{stderr}"
    );
}

#[test]
fn unreadable_files_warn_and_the_rest_loads() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ok.txt"),
        "Artikel Yang Bisa Dibaca Semua\nIsi.\n",
    )
    .unwrap();
    let locked = dir.path().join("locked.txt");
    std::fs::write(&locked, "Tidak Bisa Dibaca Sama Sekali\nIsi.\n").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let store = load(dir.path(), LoadOptions::default());
    assert!(store.find("ok").is_some());
    if unsafe { libc::geteuid() } != 0 {
        // root reads anything, so only a normal user sees the warning.
        let skipped = store
            .skipped
            .iter()
            .find(|s| s.path == locked)
            .expect("locked.txt skipped");
        assert!(
            skipped.reason.contains("cannot be read"),
            "{}",
            skipped.reason
        );
    }
}
