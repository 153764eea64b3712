//! The in-memory article store and how it is filled: folders walked, files read and parsed on
//! worker threads, articles streamed back in batches so a reader can show them as they come.

use crate::article::fold::fold;
use crate::article::parse::{Searchable, parse_bytes, parse_bytes_with};
use crate::article::{Article, Origin};
use crate::heads::Heads;
use crate::index::BatchIndex;
use crate::rules::Rules;
use std::collections::{HashMap, HashSet};
use std::fs::Metadata;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, OnceLock};
use thiserror::Error;

/// The five seed articles, compiled in; what `warta` opens with no PATH.
pub const SEEDS: [(&str, &[u8]); 5] = [
    (
        "000_c7b58f4dcbc6b504.txt",
        include_bytes!("../seeds/000_c7b58f4dcbc6b504.txt"),
    ),
    (
        "001_00dd18946a3d455e.txt",
        include_bytes!("../seeds/001_00dd18946a3d455e.txt"),
    ),
    (
        "002_dc11ff0526b04c86.txt",
        include_bytes!("../seeds/002_dc11ff0526b04c86.txt"),
    ),
    (
        "003_5afb30bb05a49fbf.txt",
        include_bytes!("../seeds/003_5afb30bb05a49fbf.txt"),
    ),
    (
        "004_ee0d83f3ab87bd38.txt",
        include_bytes!("../seeds/004_ee0d83f3ab87bd38.txt"),
    ),
];

/// Default cap on one file's size: larger files are skipped with a reason.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;
/// How many bytes at the start of a file are checked for NUL to call it binary.
const BINARY_SNIFF: usize = 8 * 1024;
/// Articles at least this large keep their body in memory even when bodies are let go.
const KEEP_BODY_FROM: usize = 1024 * 1024;
/// Articles sent to the reader at a time while loading.
const BATCH: usize = 512;

/// How loading behaves.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    pub max_file_size: u64,
    /// Keep each article's paragraphs and removed lines in memory. The reader and `--list`
    /// let them go (they are read again when an article is shown), which halves memory.
    pub keep_body: bool,
    /// Keep the folded text that body searches need. `--list` without `--filter` does not.
    pub keep_search: bool,
    /// Index the words of article bodies as they load (the reader's fast body search).
    pub index: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            keep_body: true,
            keep_search: true,
            index: false,
        }
    }
}

/// What to load.
#[derive(Debug, Clone)]
pub enum Sources {
    /// The bundled seed articles.
    Seeds,
    /// Files and folders given on the command line.
    Paths(Vec<PathBuf>),
}

/// A file that was not loaded, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

/// A PATH the user named that cannot be loaded at all.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{}: no such file or folder", .0.display())]
    NotFound(PathBuf),
}

/// News from a loader running in the background.
#[derive(Debug)]
pub enum LoadEvent {
    /// The walk finished: this many files will be read.
    Found(usize),
    /// Some articles, parsed, with their words indexed when the loader was asked to.
    Batch(Vec<Article>, Option<BatchIndex>),
    /// A file that was not loaded.
    Skipped(Skipped),
    /// All files are read.
    Done,
}

/// A file found by the walk, with the id it will get.
#[derive(Debug, Clone)]
struct Candidate {
    path: PathBuf,
    id: String,
}

/// All loaded articles, with outlet names shared.
#[derive(Debug, Default)]
pub struct Store {
    pub articles: Vec<Article>,
    pub skipped: Vec<Skipped>,
    /// The folded titles, outlets and dates the filter reads, packed (by store index).
    pub heads: Heads,
    /// One shared copy of each outlet name: its number in `outlet_names` and the name folded
    /// for searching.
    outlets: HashMap<Arc<str>, (usize, Box<str>)>,
    /// The outlet names, in the order they were met.
    outlet_names: Vec<Arc<str>>,
    /// Each article's outlet, as a number in `outlet_names` plus one; 0 when it has none.
    outlet_ids: Vec<u32>,
    /// All articles newest first, worked out when first asked for after articles arrived.
    by_date: OnceLock<Vec<usize>>,
    /// How many articles have warnings.
    warned: usize,
}

impl Store {
    /// Adds parsed articles, sharing one copy of each outlet name. Each article's folded
    /// title moves into [`Store::heads`].
    pub fn add(&mut self, batch: Vec<Article>) {
        self.articles.reserve(batch.len());
        self.by_date = OnceLock::new();
        for mut article in batch {
            let (outlet_id, folded_outlet) = match article.outlet.take() {
                Some(outlet) => {
                    let (shared, (number, folded)) = match self.outlets.get_key_value(&outlet) {
                        Some((name, known)) => (name.clone(), known),
                        None => {
                            let known = (self.outlet_names.len(), fold(&outlet).into_boxed_str());
                            self.outlet_names.push(outlet.clone());
                            self.outlets.insert(outlet.clone(), known);
                            (outlet.clone(), &self.outlets[&outlet])
                        }
                    };
                    article.outlet = Some(shared);
                    (u32::try_from(number + 1).unwrap_or(u32::MAX), &**folded)
                }
                None => (0, ""),
            };
            let title = std::mem::take(&mut article.search_title);
            self.heads
                .push(&title, folded_outlet, article.date.as_ref());
            self.outlet_ids.push(outlet_id);
            self.warned += usize::from(!article.warnings.is_empty());
            self.articles.push(article);
        }
    }

    /// How many articles have warnings (counted as they arrive, as the status line shows it
    /// on every frame).
    pub fn warned(&self) -> usize {
        self.warned
    }

    /// Every outlet name met so far, each once.
    pub fn outlet_names(&self) -> &[Arc<str>] {
        &self.outlet_names
    }

    /// Article `index`'s outlet, as its position in [`Store::outlet_names`].
    pub fn outlet_number(&self, index: usize) -> Option<usize> {
        let id = self.outlet_ids[index] as usize;
        id.checked_sub(1)
    }

    /// A store holding `articles`, in order.
    pub fn from_articles(articles: Vec<Article>) -> Store {
        let mut store = Store::default();
        store.add(articles);
        store
    }

    /// Indices of all articles, newest first, then by title and id; undated ones last.
    /// Worked out once after articles arrive, so grouping the list again is cheap.
    pub fn by_date(&self) -> &[usize] {
        self.by_date.get_or_init(|| {
            let dates = self.heads.date_keys();
            let mut order: Vec<usize> = (0..self.articles.len()).collect();
            // Date keys are numbers, and 0 (no date) sorts last; titles only break ties.
            order.sort_unstable_by(|&a, &b| {
                let (x, y) = (&self.articles[a], &self.articles[b]);
                dates[b]
                    .cmp(&dates[a])
                    .then_with(|| x.title.cmp(&y.title))
                    .then_with(|| x.id.cmp(&y.id))
            });
            order
        })
    }

    /// The article with this id.
    pub fn find(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }
}

/// Checks that every PATH exists before anything starts.
pub fn check_paths(sources: &Sources) -> Result<(), LoadError> {
    if let Sources::Paths(paths) = sources {
        for path in paths {
            if std::fs::symlink_metadata(path).is_err() {
                return Err(LoadError::NotFound(path.clone()));
            }
        }
    }
    Ok(())
}

/// Loads everything, blocking until done (for the command-line modes and tests).
pub fn load_all(sources: &Sources, rules: &'static Rules, options: LoadOptions) -> Store {
    let mut store = Store::default();
    for event in spawn_loader(sources.clone(), rules, options) {
        match event {
            LoadEvent::Batch(batch, _) => store.add(batch),
            LoadEvent::Skipped(skipped) => store.skipped.push(skipped),
            LoadEvent::Found(_) => {}
            LoadEvent::Done => break,
        }
    }
    store.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    store
}

/// Starts loading in the background: a walk, then one parsing thread per core. Events arrive
/// on the returned channel; `Done` comes last.
pub fn spawn_loader(
    sources: Sources,
    rules: &'static Rules,
    options: LoadOptions,
) -> Receiver<LoadEvent> {
    let (tx, rx) = channel();
    std::thread::Builder::new()
        .name("warta-load".into())
        .spawn(move || run_loader(sources, rules, options, tx))
        .expect("the loader thread starts");
    rx
}

fn run_loader(
    sources: Sources,
    rules: &'static Rules,
    options: LoadOptions,
    tx: Sender<LoadEvent>,
) {
    let paths = match sources {
        Sources::Seeds => {
            let _ = tx.send(LoadEvent::Found(SEEDS.len()));
            let batch = SEEDS
                .iter()
                .map(|(name, bytes)| {
                    let mut article = parse_bytes(bytes, rules);
                    article.id = stem(Path::new(name));
                    article.path = Path::new("seeds").join(name);
                    article.origin = Origin::Bundled(bytes);
                    if !options.keep_body {
                        article.drop_body();
                    }
                    article
                })
                .collect::<Vec<_>>();
            let index = options.index.then(|| BatchIndex::build(&batch));
            let _ = tx.send(LoadEvent::Batch(batch, index));
            let _ = tx.send(LoadEvent::Done);
            return;
        }
        Sources::Paths(paths) => paths,
    };
    let mut walk = Walk::default();
    for path in &paths {
        walk.root(path);
    }
    for skipped in walk.skipped.drain(..) {
        let _ = tx.send(LoadEvent::Skipped(skipped));
    }
    let candidates = Arc::new(walk.candidates);
    let _ = tx.send(LoadEvent::Found(candidates.len()));
    let next = Arc::new(AtomicUsize::new(0));
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let tx = Arc::new(Mutex::new(tx));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let candidates = Arc::clone(&candidates);
            let next = Arc::clone(&next);
            let tx = Arc::clone(&tx);
            scope.spawn(move || {
                let send = |event| tx.lock().map(|tx| tx.send(event).is_ok()).unwrap_or(false);
                // Words are indexed here, on the loader's threads, not in the reader's.
                let batch_event = |batch: Vec<Article>| {
                    let index = options.index.then(|| BatchIndex::build(&batch));
                    LoadEvent::Batch(batch, index)
                };
                let mut batch = Vec::with_capacity(BATCH);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(candidate) = candidates.get(i) else {
                        break;
                    };
                    match load_file(&candidate.path, rules, options) {
                        Ok(mut article) => {
                            article.id = candidate.id.clone();
                            batch.push(article);
                            if batch.len() >= BATCH
                                && !send(batch_event(std::mem::take(&mut batch)))
                            {
                                return;
                            }
                        }
                        Err(skipped) => {
                            if !send(LoadEvent::Skipped(skipped)) {
                                return;
                            }
                        }
                    }
                }
                if !batch.is_empty() {
                    send(batch_event(batch));
                }
            });
        }
    });
    if let Ok(tx) = tx.lock() {
        let _ = tx.send(LoadEvent::Done);
    }
}

/// Gives memory that loading freed back to the system. The parsing threads freed a great deal
/// in malloc arenas of their own, and the reader frees what they made as it takes batches in;
/// left as it is, the next thread to be handed such an arena tidies it on its first
/// allocation — measured at 15–25 ms, landing on the first key typed after loading (the
/// filter's worker threads are the next ones). Takes about 30 ms; the reader runs it on a
/// thread of its own once everything is in.
pub fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes no pointers; it only walks the allocator's own free lists.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Reads and parses one file, or says why it was skipped.
pub fn load_file(path: &Path, rules: &Rules, options: LoadOptions) -> Result<Article, Skipped> {
    let skip = |reason: String| Skipped {
        path: path.to_path_buf(),
        reason,
    };
    // O_NONBLOCK: opening a FIFO must never wait for a writer.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| skip(format!("cannot be read ({e})")))?;
    let metadata = file
        .metadata()
        .map_err(|e| skip(format!("cannot be read ({e})")))?;
    if !metadata.is_file() {
        return Err(skip(format!(
            "not a regular file ({}); skipped",
            kind_of(&metadata)
        )));
    }
    if metadata.len() > options.max_file_size {
        return Err(skip(format!(
            "{} is over the {} size cap; skipped (raise it with --max-file-size)",
            human_size(metadata.len()),
            human_size(options.max_file_size)
        )));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize + 1);
    file.take(options.max_file_size + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| skip(format!("cannot be read ({e})")))?;
    if bytes.len() as u64 > options.max_file_size {
        return Err(skip(format!(
            "grew past the {} size cap while being read; skipped",
            human_size(options.max_file_size)
        )));
    }
    let has_utf16_bom = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if !has_utf16_bom && memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF)]).is_some() {
        return Err(skip(
            "binary file (NUL bytes near the start); skipped".into(),
        ));
    }
    let searchable = match options.keep_search {
        true => Searchable::Yes,
        false => Searchable::No,
    };
    let article = parse_bytes_with(&bytes, rules, searchable);
    if article.paragraphs.is_empty() && article.title.trim().is_empty() && article.lead.is_none() {
        let reason = if bytes.iter().all(u8::is_ascii_whitespace) || article.removed.is_empty() {
            "empty (nothing but white space); skipped"
        } else {
            "no article text (only boilerplate); skipped"
        };
        return Err(skip(reason.into()));
    }
    let mut article = article;
    article.path = path.to_path_buf();
    article.origin = Origin::File;
    // A very large article keeps its body: reading it again would make opening it slow.
    if !options.keep_body && bytes.len() < KEEP_BODY_FROM {
        article.drop_body();
    }
    Ok(article)
}

fn kind_of(metadata: &Metadata) -> &'static str {
    let kind = metadata.file_type();
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

/// A size written as bytes, or with a unit: "512", "512K", "64M", "1G" ("MiB" too).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, unit) = match text.find(|c: char| !c.is_ascii_digit()) {
        Some(at) => text.split_at(at),
        None => (text, ""),
    };
    let number: u64 = digits.parse().map_err(|_| {
        format!("{text:?} is not a size; write a number of bytes, or with K, M or G")
    })?;
    let factor = match unit.to_ascii_uppercase().trim_end_matches(['B', 'I']) {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        _ => return Err(format!("{text:?}: unknown unit {unit:?}; use K, M or G")),
    };
    Ok(number.saturating_mul(factor))
}

/// "64 MiB", "1.5 KiB".
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KiB", "MiB", "GiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 || value.fract() == 0.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
}

/// Whether a file found in a folder walk is read as an article.
fn is_article_name(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        None => true,
        Some(ext) => ["txt", "text", "md"]
            .iter()
            .any(|a| ext.eq_ignore_ascii_case(a)),
    }
}

/// A folder walk that follows links to folders at most once each.
#[derive(Default)]
struct Walk {
    candidates: Vec<Candidate>,
    skipped: Vec<Skipped>,
    seen_folders: HashSet<(u64, u64)>,
    seen_files: HashSet<(u64, u64)>,
    ids: HashMap<String, usize>,
}

impl Walk {
    fn root(&mut self, path: &Path) {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => self.folder(path, &m),
            Ok(m) => self.file(path, &m),
            Err(e) => self.skipped.push(Skipped {
                path: path.to_path_buf(),
                reason: format!("cannot be read ({e})"),
            }),
        }
    }

    fn folder(&mut self, path: &Path, metadata: &Metadata) {
        if !self.seen_folders.insert((metadata.dev(), metadata.ino())) {
            return;
        }
        let entries = match std::fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) => {
                self.skipped.push(Skipped {
                    path: path.to_path_buf(),
                    reason: format!("folder cannot be read ({e}); skipped"),
                });
                return;
            }
        };
        let mut children: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.path())
            .collect();
        children.sort();
        for child in children {
            match std::fs::metadata(&child) {
                Ok(m) if m.is_dir() => self.folder(&child, &m),
                Ok(m) => {
                    if is_article_name(&child) {
                        self.file(&child, &m);
                    }
                }
                Err(e) => {
                    if is_article_name(&child) {
                        let reason = if std::fs::symlink_metadata(&child)
                            .is_ok_and(|m| m.file_type().is_symlink())
                        {
                            "a link to nothing (broken link); skipped".to_string()
                        } else {
                            format!("cannot be read ({e}); skipped")
                        };
                        self.skipped.push(Skipped {
                            path: child,
                            reason,
                        });
                    }
                }
            }
        }
    }

    fn file(&mut self, path: &Path, metadata: &Metadata) {
        if !metadata.is_file() {
            self.skipped.push(Skipped {
                path: path.to_path_buf(),
                reason: format!("not a regular file ({}); skipped", kind_of(metadata)),
            });
            return;
        }
        // The same file reached twice (through a link, or named twice) loads once.
        if !self.seen_files.insert((metadata.dev(), metadata.ino())) {
            return;
        }
        let stem = stem(path);
        let count = self.ids.entry(stem.clone()).or_insert(0);
        *count += 1;
        let id = if *count == 1 {
            stem
        } else {
            format!("{stem}-{count}")
        };
        self.candidates.push(Candidate {
            path: path.to_path_buf(),
            id,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(512), "512 bytes");
        assert_eq!(human_size(64 * 1024 * 1024), "64 MiB");
        assert_eq!(human_size(1536), "1.5 KiB");
    }

    #[test]
    fn article_names() {
        assert!(is_article_name(Path::new("a/b.txt")));
        assert!(is_article_name(Path::new("a/b.MD")));
        assert!(is_article_name(Path::new("a/README")));
        assert!(!is_article_name(Path::new("a/photo.jpg")));
    }
}
