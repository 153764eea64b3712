//! What warta remembers between runs: read and starred articles, reading positions, the last
//! selection and filter. Kept as JSON under `$XDG_STATE_HOME/warta/` and keyed by a hash of
//! each article's content, so renaming or moving a file keeps its state. Written atomically
//! (temporary file, fsync, rename) under a lock, merging what another warta wrote meanwhile.

use crate::article::Article;
use crate::filter::{Flag, FlagSource};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::Write;
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The state file's name in its folder.
pub const FILE_NAME: &str = "state.json";

/// What is remembered of one article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleState {
    #[serde(default)]
    pub read: bool,
    #[serde(default)]
    pub starred: bool,
    /// The paragraph the reading pane was at.
    #[serde(default)]
    pub position: usize,
    /// When this entry last changed (milliseconds since 1970); the newer side wins a merge.
    #[serde(default)]
    pub updated: u64,
}

/// Everything remembered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// By content hash.
    #[serde(default)]
    pub articles: BTreeMap<u64, ArticleState>,
    /// The content hash of the article selected last.
    #[serde(default)]
    pub selected: Option<u64>,
    /// The filter typed last.
    #[serde(default)]
    pub filter: String,
    /// When `selected` and `filter` last changed.
    #[serde(default)]
    pub updated: u64,
}

/// The key an article's state is kept under.
pub fn key_of(article: &Article) -> u64 {
    article.content_hash
}

/// Milliseconds since 1970.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

impl State {
    /// The state of one article (default when nothing is remembered).
    pub fn of(&self, article: &Article) -> ArticleState {
        self.articles
            .get(&key_of(article))
            .copied()
            .unwrap_or_default()
    }

    /// Changes one article's state, stamping it with the time.
    pub fn update(&mut self, article: &Article, change: impl FnOnce(&mut ArticleState)) {
        let key = key_of(article);
        let before = self.articles.get(&key).copied().unwrap_or_default();
        let mut after = before;
        change(&mut after);
        // Nothing changed: nothing to remember (and no empty entry for every article seen).
        if after != before {
            after.updated = now_ms();
            self.articles.insert(key, after);
        }
    }

    /// Merges `other` into this: per article the newer entry wins, and so do the newer
    /// selection and filter.
    pub fn merge(&mut self, other: &State) {
        for (key, theirs) in &other.articles {
            match self.articles.get(key) {
                Some(ours) if ours.updated >= theirs.updated => {}
                _ => {
                    self.articles.insert(*key, *theirs);
                }
            }
        }
        if other.updated > self.updated {
            self.selected.clone_from(&other.selected);
            self.filter.clone_from(&other.filter);
            self.updated = other.updated;
        }
    }
}

impl FlagSource for State {
    fn has(&self, article: &Article, flag: Flag) -> bool {
        let state = self.of(article);
        match flag {
            Flag::Read => state.read,
            Flag::Unread => !state.read,
            Flag::Starred => state.starred,
        }
    }
}

/// Where state lives: `$XDG_STATE_HOME/warta`, else `~/.local/state/warta`.
pub fn default_dir() -> Option<PathBuf> {
    crate::dirs::xdg_dir("XDG_STATE_HOME", ".local/state")
}

/// A state file on disk.
#[derive(Debug, Clone)]
pub struct StateFile {
    pub dir: PathBuf,
}

impl StateFile {
    pub fn new(dir: impl Into<PathBuf>) -> StateFile {
        StateFile { dir: dir.into() }
    }

    /// The JSON file.
    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    fn lock(&self) -> std::io::Result<File> {
        std::fs::create_dir_all(&self.dir)?;
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.dir.join("state.lock"))?;
        // SAFETY: a valid open descriptor; the lock is released when the file is closed.
        if unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(lock)
    }

    /// Reads the state. A missing file is an empty state; a file that cannot be understood
    /// is moved aside to `state.json.corrupt-<time>` (never overwritten blind) and the
    /// returned warning says so.
    pub fn load(&self) -> (State, Option<String>) {
        let path = self.path();
        let text = match std::fs::read(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (State::default(), None),
            Err(e) => {
                return (
                    State::default(),
                    Some(format!(
                        "{}: cannot be read ({e}); starting without saved state",
                        path.display()
                    )),
                );
            }
        };
        match serde_json::from_slice(&text) {
            Ok(state) => (state, None),
            Err(e) => {
                let aside = self
                    .dir
                    .join(format!("{FILE_NAME}.corrupt-{}", now_ms() / 1000));
                let moved = std::fs::rename(&path, &aside);
                let warning = match moved {
                    Ok(()) => format!(
                        "{} could not be read ({e}); moved aside to {} and starting fresh",
                        path.display(),
                        aside.display()
                    ),
                    Err(m) => format!(
                        "{} could not be read ({e}) nor moved aside ({m})",
                        path.display()
                    ),
                };
                (State::default(), Some(warning))
            }
        }
    }

    /// Writes `state`, merged with whatever is on disk now (another warta may have written
    /// since), atomically and under the lock. Returns the merged state.
    pub fn save(&self, state: &State) -> std::io::Result<State> {
        let _lock = self.lock()?;
        let mut merged = state.clone();
        if let Ok(text) = std::fs::read(self.path())
            && let Ok(on_disk) = serde_json::from_slice::<State>(&text)
        {
            merged.merge(&on_disk);
        }
        write_atomically(&self.path(), &serde_json::to_vec_pretty(&merged)?)?;
        Ok(merged)
    }
}

/// Writes a file so that readers see the old or the new contents, never half: a temporary
/// file in the same folder, flushed to disk, then renamed over the old one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)?;
        // The rename itself lasts once the folder is flushed.
        File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(read: bool, starred: bool, updated: u64) -> ArticleState {
        ArticleState {
            read,
            starred,
            position: 0,
            updated,
        }
    }

    #[test]
    fn merge_keeps_the_newer_entry_of_each_article() {
        let mut ours = State::default();
        ours.articles.insert(1, entry(true, false, 10));
        ours.articles.insert(2, entry(false, false, 5));
        let mut theirs = State::default();
        theirs.articles.insert(2, entry(false, true, 7));
        theirs.articles.insert(3, entry(true, true, 1));
        theirs.articles.insert(1, entry(false, false, 3));
        theirs.filter = "putin".into();
        theirs.updated = 9;
        ours.merge(&theirs);
        assert_eq!(ours.articles[&1], entry(true, false, 10));
        assert_eq!(ours.articles[&2], entry(false, true, 7));
        assert_eq!(ours.articles[&3], entry(true, true, 1));
        assert_eq!(ours.filter, "putin");
    }

    #[test]
    fn two_writers_do_not_lose_each_others_changes() {
        let dir = tempfile::tempdir().unwrap();
        let file = StateFile::new(dir.path());
        let mut first = State::default();
        first.articles.insert(1, entry(true, false, 1));
        let mut second = State::default();
        second.articles.insert(2, entry(false, true, 2));
        file.save(&first).unwrap();
        file.save(&second).unwrap();
        let (loaded, warning) = file.load();
        assert_eq!(warning, None);
        assert_eq!(loaded.articles.len(), 2);
        assert!(loaded.articles[&1].read && loaded.articles[&2].starred);
    }

    #[test]
    fn atomic_write_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["x.json"]);
        let missing = dir.path().join("no/such/dir/x.json");
        assert!(write_atomically(&missing, b"x").is_err());
    }

    #[test]
    fn corrupt_state_is_moved_aside_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let file = StateFile::new(dir.path());
        std::fs::write(file.path(), b"{ not json").unwrap();
        let (state, warning) = file.load();
        assert_eq!(state, State::default());
        let warning = warning.unwrap();
        assert!(warning.contains("moved aside"), "{warning}");
        assert!(!file.path().exists());
        let aside: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("state.json.corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(
            std::fs::read(dir.path().join(&aside[0])).unwrap(),
            b"{ not json"
        );
    }
}
