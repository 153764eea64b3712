//! The parse cache, through the binary: a second start reads what the first parsed, a file
//! that changed is parsed again, and a damaged, foreign or missing cache changes nothing
//! but the time taken.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// A folder of articles and a cache folder of its own.
struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    fn new(articles: &[(&str, &str)]) -> Setup {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("news")).unwrap();
        let setup = Setup { dir };
        for (name, text) in articles {
            std::fs::write(setup.news().join(name), text).unwrap();
        }
        setup
    }

    fn news(&self) -> PathBuf {
        self.dir.path().join("news")
    }

    fn cache_home(&self) -> PathBuf {
        self.dir.path().join("cache")
    }

    /// The cache files written so far.
    fn caches(&self) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(self.cache_home().join("warta")) else {
            return Vec::new();
        };
        let mut caches: Vec<PathBuf> = entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "parsed"))
            .collect();
        caches.sort();
        caches
    }

    /// `warta ARGS… news` with this cache: what it printed.
    fn run(&self, args: &[&str]) -> String {
        let printed = common::stdout_of(
            common::warta()
                .env("XDG_CACHE_HOME", self.cache_home())
                .args(args)
                .arg(self.news()),
        );
        String::from_utf8(printed).unwrap()
    }
}

/// Writes `text` over `path`, keeping its modification time (as a tool that restores times
/// would): only the cache can then still show the old text.
fn write_keeping_time(path: &Path, text: &str) {
    let modified = std::fs::metadata(path).unwrap().modified().unwrap();
    std::fs::write(path, text).unwrap();
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(modified).unwrap();
}

const FIRST: &str = "KOMPAS.com\nGempa mengguncang Cianjur pagi ini\n\nCIANJUR, KOMPAS.com - Gempa bermagnitudo 5,6 mengguncang Cianjur.\n";
const SECOND: &str =
    "Banjir merendam Jakarta Utara\n\nJAKARTA - Hujan semalam membuat banjir di Jakarta Utara.\n";
/// As long as FIRST, with another headline.
const FIRST_EDITED: &str = "KOMPAS.com\nGempa mengguncang Bandung pagi ini\n\nCIANJUR, KOMPAS.com - Gempa bermagnitudo 5,6 mengguncang Cianjur.\n";

#[test]
fn a_second_start_reads_the_cache_and_a_changed_file_is_parsed_again() {
    assert_eq!(FIRST.len(), FIRST_EDITED.len());
    let setup = Setup::new(&[("a.txt", FIRST), ("b.txt", SECOND)]);
    let first = setup.run(&["--json"]);
    assert!(first.contains("Gempa mengguncang Cianjur"), "{first}");
    assert_eq!(setup.caches().len(), 1, "the first start writes a cache");
    assert_eq!(setup.run(&["--json"]), first, "the same from the cache");

    // Same size and time, other text: the cache's article is shown, which is how a second
    // start is seen to read it and not the file.
    let a = setup.news().join("a.txt");
    write_keeping_time(&a, FIRST_EDITED);
    assert_eq!(setup.run(&["--json"]), first);

    // A newer modification time: parsed again.
    let later = SystemTime::now() + Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(&a)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let edited = setup.run(&["--json"]);
    assert!(edited.contains("Gempa mengguncang Bandung"), "{edited}");
    assert!(edited.contains("Banjir merendam Jakarta Utara"));
    // …and the new cache holds the new version.
    assert_eq!(setup.run(&["--json"]), edited);
    assert_eq!(setup.caches().len(), 1);
}

#[test]
fn a_renamed_file_comes_from_the_cache_under_its_new_name_and_a_deleted_one_goes() {
    let setup = Setup::new(&[("a.txt", FIRST), ("b.txt", SECOND)]);
    setup.run(&["--list"]);
    let (a, renamed) = (setup.news().join("a.txt"), setup.news().join("c.txt"));
    write_keeping_time(&a, FIRST_EDITED);
    std::fs::rename(&a, &renamed).unwrap();
    std::fs::remove_file(setup.news().join("b.txt")).unwrap();
    let listed = setup.run(&["--list"]);
    assert!(listed.starts_with("c\t"), "the new id: {listed}");
    assert!(
        listed.contains("Gempa mengguncang Cianjur"),
        "from the cache: {listed}"
    );
    assert!(!listed.contains("Banjir"), "{listed}");
}

#[test]
fn a_damaged_cache_changes_nothing_but_the_time() {
    let setup = Setup::new(&[("a.txt", FIRST), ("b.txt", SECOND)]);
    let fresh = setup.run(&["--json"]);
    let cache = setup.caches().remove(0);
    let whole = std::fs::read(&cache).unwrap();
    // Every byte of the cache changed in turn (the header, an article, the index, the end):
    // each start still shows what the files say.
    for at in (0..whole.len()).step_by(whole.len() / 23 + 1) {
        let mut damaged = whole.clone();
        damaged[at] ^= 0x5a;
        std::fs::write(&cache, &damaged).unwrap();
        assert_eq!(setup.run(&["--json"]), fresh, "byte {at} damaged");
    }
    for len in [0, 10, whole.len() / 2, whole.len() - 1] {
        std::fs::write(&cache, &whole[..len]).unwrap();
        assert_eq!(setup.run(&["--json"]), fresh, "cut to {len} bytes");
    }
    // After a damaged cache, the next one is whole again.
    assert_eq!(std::fs::read(&cache).unwrap().len(), whole.len());
}

#[test]
fn no_cache_writes_nothing_and_reads_nothing() {
    let setup = Setup::new(&[("a.txt", FIRST)]);
    setup.run(&["--no-cache", "--list"]);
    assert!(setup.caches().is_empty());
    setup.run(&["--list"]);
    write_keeping_time(&setup.news().join("a.txt"), FIRST_EDITED);
    let listed = setup.run(&["--no-cache", "--list"]);
    assert!(listed.contains("Gempa mengguncang Bandung"), "{listed}");
}

#[test]
fn articles_parsed_under_other_rules_are_not_reused() {
    let setup = Setup::new(&[(
        "a.txt",
        "HARIANKITA.COM, BANDUNG - Isi berita pertama di sini.\nDapatkan promo sekarang juga\n",
    )]);
    let plain = setup.run(&["--json"]);
    assert!(!plain.contains("Harian Kita"), "{plain}");
    let config = setup.dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[[rules.outlet]]\nname = \"Harian Kita\"\nnames = [\"hariankita.com\"]\n",
    )
    .unwrap();
    let config = config.to_str().unwrap();
    let ruled = setup.run(&["--config", config, "--json"]);
    assert!(ruled.contains("\"outlet\": \"Harian Kita\""), "{ruled}");
    assert_eq!(setup.run(&["--json"]), plain);
    assert_eq!(setup.caches().len(), 2, "one cache for each set of rules");
}

#[test]
fn a_file_skipped_for_what_it_holds_is_skipped_from_the_cache_until_it_changes() {
    let setup = Setup::new(&[("a.txt", FIRST)]);
    let binary = "PK\u{3}\u{4}\0\0\0\0 something zipped, not an article at all";
    std::fs::write(setup.news().join("b.txt"), binary).unwrap();
    let stderr = |setup: &Setup| {
        let out = common::warta()
            .env("XDG_CACHE_HOME", setup.cache_home())
            .arg("--list")
            .arg(setup.news())
            .output()
            .unwrap();
        String::from_utf8(out.stderr).unwrap()
    };
    let first = stderr(&setup);
    assert!(first.contains("b.txt: binary file"), "{first}");
    // Text of the same size and time: the cache still says binary…
    let text = format!(
        "{:<1$}",
        "Judul baru\n\nIsi yang sekarang bisa dibaca.",
        binary.len()
    );
    write_keeping_time(&setup.news().join("b.txt"), &text);
    assert_eq!(stderr(&setup), first);
    // …until the file's time changes.
    let later = SystemTime::now() + Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(setup.news().join("b.txt"))
        .unwrap()
        .set_modified(later)
        .unwrap();
    assert_eq!(stderr(&setup), "");
    assert!(setup.run(&["--list"]).contains("Judul baru"));
}

#[test]
fn a_cache_folder_that_cannot_be_made_changes_nothing() {
    let setup = Setup::new(&[("a.txt", FIRST), ("b.txt", SECOND)]);
    let fresh = setup.run(&["--no-cache", "--json"]);
    // A file where the cache folder would be: nothing can be written under it.
    std::fs::write(setup.cache_home(), "not a folder").unwrap();
    assert_eq!(setup.run(&["--json"]), fresh);
    assert_eq!(setup.run(&["--json"]), fresh);
    assert_eq!(
        std::fs::read_to_string(setup.cache_home()).unwrap(),
        "not a folder"
    );
}

#[test]
fn the_folder_named_another_way_is_the_same_cache() {
    let setup = Setup::new(&[("a.txt", FIRST), ("b.txt", SECOND)]);
    let list = |folder: &str| {
        let out = common::warta()
            .env("XDG_CACHE_HOME", setup.cache_home())
            .current_dir(setup.dir.path())
            .args(["--list", folder])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(list("news").contains("Gempa mengguncang Cianjur"));
    write_keeping_time(&setup.news().join("a.txt"), FIRST_EDITED);
    // Named by its absolute path, and with a trailing `./`: the same cache, so the article
    // as it was cached.
    assert!(list(setup.news().to_str().unwrap()).contains("Gempa mengguncang Cianjur"));
    assert!(list("./news/").contains("Gempa mengguncang Cianjur"));
    assert_eq!(setup.caches().len(), 1);
}

#[test]
fn stories_are_kept_and_the_same_when_read_back() {
    let setup = Setup::new(&[
        ("a.txt", FIRST),
        ("b.txt", SECOND),
        (
            "c.txt",
            "Gempa Cianjur: warga mengungsi\n\nCIANJUR - Gempa bermagnitudo 5,6 membuat warga Cianjur mengungsi.\n",
        ),
    ]);
    let stories_files = |setup: &Setup| {
        std::fs::read_dir(setup.cache_home().join("warta"))
            .map(|entries| {
                entries
                    .filter(|e| {
                        e.as_ref()
                            .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "stories"))
                    })
                    .count()
            })
            .unwrap_or(0)
    };
    let fresh = setup.run(&["--no-cache", "--stories", "--json"]);
    assert_eq!(stories_files(&setup), 0, "--no-cache keeps none");
    assert_eq!(setup.run(&["--stories", "--json"]), fresh);
    assert_eq!(stories_files(&setup), 1);
    assert_eq!(setup.run(&["--stories", "--json"]), fresh, "read back");
}
