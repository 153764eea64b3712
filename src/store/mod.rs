//! The in-memory store of loaded articles, and the loader that fills it: a folder walk, then
//! reading (through one guard: regular files only, never blocking, under the size cap) and
//! parsing on every core, sent to the reader in batches as it goes.

pub mod cache;
pub mod loader;
mod size;
mod stamp;

pub use loader::read::{ReadAgain, read_regular, read_regular_timed};
pub use loader::{
    check_paths, load_all, load_file, release_freed_memory, spawn_loader, with_story_terms,
};
pub use size::{human_size, parse_size};
pub use stamp::FileStamp;

use crate::article::Article;
use crate::article::fold::fold;
use crate::heads::Heads;
use crate::index::BatchIndex;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use thiserror::Error;

/// The five seed articles, compiled in; what `warta` opens with no PATH.
pub const SEEDS: [(&str, &[u8]); 5] = [
    (
        "000_c7b58f4dcbc6b504.txt",
        include_bytes!("../../seeds/000_c7b58f4dcbc6b504.txt"),
    ),
    (
        "001_00dd18946a3d455e.txt",
        include_bytes!("../../seeds/001_00dd18946a3d455e.txt"),
    ),
    (
        "002_dc11ff0526b04c86.txt",
        include_bytes!("../../seeds/002_dc11ff0526b04c86.txt"),
    ),
    (
        "003_5afb30bb05a49fbf.txt",
        include_bytes!("../../seeds/003_5afb30bb05a49fbf.txt"),
    ),
    (
        "004_ee0d83f3ab87bd38.txt",
        include_bytes!("../../seeds/004_ee0d83f3ab87bd38.txt"),
    ),
];

/// Default cap on one file's size: larger files are skipped with a reason.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

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
    /// Parse each file only as far as a listing's fields need (headline, outlet, date; see
    /// [`crate::article::parse::parse_bytes_listed`]): for `--list` with no filter. The
    /// articles are fit for nothing else.
    pub listed_only: bool,
    /// Load at a lower priority than the thread that asked ([`crate::priority`]): the
    /// reader's, whose keys then get the cores first.
    pub background: bool,
    /// Keep what was parsed in the user's cache folder and read it back on the next start
    /// (see [`cache`]); off for tests and `--no-cache`.
    pub cache: bool,
    /// Anything else that changes what a load makes and is not in the binary (a hash of
    /// the config's rules): caches made with another salt are not read.
    pub cache_salt: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            keep_body: true,
            keep_search: true,
            index: false,
            listed_only: false,
            background: false,
            cache: false,
            cache_salt: 0,
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
    /// Each article's state key (its content hash), by index: lists count read articles
    /// from here without touching the articles themselves.
    keys: Vec<u64>,
    /// Each article's place among all of them by title, worked out when first asked for.
    title_ranks: OnceLock<Vec<u32>>,
    /// All articles newest first, worked out when first asked for after articles arrived.
    by_date: OnceLock<Vec<usize>>,
    /// All articles by title, likewise.
    by_title: OnceLock<Vec<usize>>,
    /// How many articles have warnings.
    warned: usize,
    /// Articles replaced by a newer reading of their file (changed on disk), in order. They
    /// keep their index, so nothing else moves, but are no longer listed or found.
    retired: Vec<usize>,
}

impl Store {
    /// Adds parsed articles, sharing one copy of each outlet name. Each article's folded
    /// title moves into [`Store::heads`].
    pub fn add(&mut self, batch: Vec<Article>) {
        self.articles.reserve(batch.len());
        self.by_date = OnceLock::new();
        self.by_title = OnceLock::new();
        self.title_ranks = OnceLock::new();
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
            self.heads.push(
                (&title, folded_outlet),
                (&article.title, article.outlet_name()),
                article.date.as_ref(),
            );
            self.outlet_ids.push(outlet_id);
            self.keys.push(article.state_key());
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

    /// The outlet named `name`, as its position in [`Store::outlet_names`].
    pub fn outlet_number_of(&self, name: &str) -> Option<usize> {
        self.outlets.get(name).map(|&(number, _)| number)
    }

    /// Article `index`'s place among all articles by title (case and accents aside; equal
    /// titles in the order they loaded). Lists sort by it: comparing numbers, not titles,
    /// keeps sorting 100,000 articles by title within a frame.
    pub fn title_rank(&self, index: usize) -> u32 {
        self.title_ranks.get_or_init(|| title_ranks(&self.heads))[index]
    }

    /// Whether the ranks by title are worked out already.
    pub fn title_ranks_ready(&self) -> bool {
        self.title_ranks.get().is_some()
    }

    /// Takes ranks by title worked out elsewhere ([`title_ranks`]) for the first `covers`
    /// articles; ignored when articles arrived since.
    pub fn set_title_ranks(&mut self, covers: usize, ranks: Vec<u32>) {
        if covers == self.articles.len() && ranks.len() == covers {
            let _ = self.title_ranks.set(ranks);
        }
    }

    /// The key article `index`'s saved state is kept under.
    pub fn key(&self, index: usize) -> u64 {
        self.keys[index]
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
            let mut order: Vec<usize> = (0..self.articles.len())
                .filter(|&i| !self.is_retired(i))
                .collect();
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

    /// Indices of all articles by title, A to Z ([`Store::title_rank`]'s order). Laid out
    /// from the ranks in one pass, so a list sorted by title is grouped in the same pass as
    /// one sorted by date, with no sort (at a million articles, sorting each outlet's
    /// articles by rank took a third of a second).
    pub fn by_title(&self) -> &[usize] {
        self.by_title.get_or_init(|| {
            let ranks = self.title_ranks.get_or_init(|| title_ranks(&self.heads));
            // The ranks are a permutation: every place is filled.
            let mut order = vec![0; ranks.len()];
            for (index, &rank) in ranks.iter().enumerate() {
                order[rank as usize] = index;
            }
            order.retain(|&i| !self.is_retired(i));
            order
        })
    }

    /// Whether article `index` was replaced by a newer reading of its file.
    pub fn is_retired(&self, index: usize) -> bool {
        !self.retired.is_empty() && self.retired.binary_search(&index).is_ok()
    }

    /// Whether any article was replaced.
    pub fn has_retired(&self) -> bool {
        !self.retired.is_empty()
    }

    /// Articles listed and found: all but the replaced ones.
    pub fn live_count(&self) -> usize {
        self.articles.len() - self.retired.len()
    }

    /// Replaces article `old` by `new` (its file read again after it changed): `new` is
    /// added at the end; `old` keeps its index but is no longer listed or found. Returns
    /// `new`'s index.
    pub fn replace(&mut self, old: usize, new: Article) -> usize {
        self.add(vec![new]);
        if let Err(at) = self.retired.binary_search(&old) {
            self.retired.insert(at, old);
        }
        self.by_date = OnceLock::new();
        self.by_title = OnceLock::new();
        self.title_ranks = OnceLock::new();
        self.articles.len() - 1
    }

    /// The article with this id.
    pub fn find(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }
}

/// Each article's place among all of them by folded title (equal titles in the order they
/// loaded): sorted by the first sixteen bytes of each title as a number, then only titles
/// that share those compared whole.
pub fn title_ranks(heads: &Heads) -> Vec<u32> {
    let prefix = |i: usize| {
        let title = heads.title(i).as_bytes();
        let mut key = [0u8; 16];
        let n = title.len().min(16);
        key[..n].copy_from_slice(&title[..n]);
        u128::from_be_bytes(key)
    };
    let mut order: Vec<(u128, u32)> = (0..heads.len()).map(|i| (prefix(i), i as u32)).collect();
    order.sort_unstable();
    for run in order.chunk_by_mut(|a, b| a.0 == b.0) {
        if run.len() > 1 {
            run.sort_by(|a, b| {
                let (x, y) = (a.1 as usize, b.1 as usize);
                heads.title(x).cmp(heads.title(y)).then(x.cmp(&y))
            });
        }
    }
    let mut ranks = vec![0u32; order.len()];
    for (rank, &(_, i)) in order.iter().enumerate() {
        ranks[i as usize] = rank as u32;
    }
    ranks
}
