//! What warta remembers between runs: read and starred articles, reading positions, the last
//! selection and filter. Kept as JSON under `$XDG_STATE_HOME/warta/` and keyed by a hash of
//! each article's content, so renaming or moving a file keeps its state. Written atomically
//! (temporary file, fsync, rename) under a lock, merging what another warta wrote meanwhile.

use crate::article::Article;
use crate::filter::{Flag, FlagSource};
use crate::store::loader::read::ReadError;
use crate::store::read_regular;
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
    /// Queries kept in the filter bar, oldest first (the last 100).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<String>,
    /// The source list's share of the screen's width, when the user moved it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_share: Option<u16>,
    /// How the source list groups articles ("outlet", "story" or "date"), when not by outlet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_view: Option<String>,
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
            .get(&article.state_key())
            .copied()
            .unwrap_or_default()
    }

    /// Changes one article's state, stamping it with the time. Returns whether it changed.
    pub fn update(&mut self, article: &Article, change: impl FnOnce(&mut ArticleState)) -> bool {
        self.update_key(article.state_key(), now_ms(), change)
    }

    /// [`State::update`] by the article's key, stamped with `now` (so that a change to many
    /// articles reads the clock once).
    pub fn update_key(
        &mut self,
        key: u64,
        now: u64,
        change: impl FnOnce(&mut ArticleState),
    ) -> bool {
        let before = self.articles.get(&key).copied().unwrap_or_default();
        let mut after = before;
        change(&mut after);
        // Nothing changed: nothing to remember (and no empty entry for every article seen).
        if after == before {
            return false;
        }
        after.updated = now;
        self.articles.insert(key, after);
        true
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
        if self.list_share.is_none() {
            self.list_share = other.list_share;
        }
        if self.list_view.is_none() {
            self.list_view.clone_from(&other.list_view);
        }
        // Queries another warta kept, before ours.
        let mut history: Vec<String> = other
            .history
            .iter()
            .filter(|q| !self.history.contains(q))
            .cloned()
            .collect();
        if !history.is_empty() {
            history.append(&mut self.history);
            let extra = history.len().saturating_sub(100);
            history.drain(..extra);
            self.history = history;
        }
    }

    /// What this state has that `before` did not: the entries that differ, and the selection
    /// and filter. Merging it into `before` gives this state.
    pub fn changed_from(&self, before: &State) -> State {
        State {
            articles: self
                .articles
                .iter()
                .filter(|(key, entry)| before.articles.get(key) != Some(entry))
                .map(|(key, entry)| (*key, *entry))
                .collect(),
            selected: self.selected,
            filter: self.filter.clone(),
            updated: self.updated,
            history: self.history.clone(),
            list_share: self.list_share,
            list_view: self.list_view.clone(),
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

/// The largest state file read (about 8 million articles' worth).
const MAX_STATE_SIZE: u64 = 1 << 30;

/// Saved state as read at start.
#[derive(Debug)]
pub struct Loaded {
    pub state: State,
    /// What went wrong reading it, for the user.
    pub warning: Option<String>,
    /// False when the file exists but could not be read: writing would replace what is
    /// there with almost nothing.
    pub writable: bool,
}

impl Loaded {
    fn fresh(warning: Option<String>) -> Loaded {
        Loaded {
            state: State::default(),
            warning,
            writable: true,
        }
    }
}

/// Whether a process with this id is running.
fn process_alive(pid: i32) -> bool {
    if pid == std::process::id() as i32 {
        return false;
    }
    // SAFETY: signal 0 only asks whether the process exists.
    unsafe { libc::kill(pid, 0) == 0 || *libc::__errno_location() != libc::ESRCH }
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

    /// Reads the state. A missing file is an empty state. A file that cannot be understood
    /// is moved aside to `state.json.corrupt-<time>` (never overwritten blind) and the
    /// warning says so. A file that exists but cannot be read (no permission, not a regular
    /// file) is left alone: the result says it must not be written over. Temporary files left
    /// by a warta that was killed while saving are removed.
    pub fn load(&self) -> Loaded {
        self.remove_stale_temporaries();
        let path = self.path();
        let text = match read_regular(&path, MAX_STATE_SIZE) {
            Ok(text) => text,
            // No file (or no folder for it yet): nothing to keep.
            Err(ReadError::Io(e))
                if e.kind() == std::io::ErrorKind::NotFound
                    || e.raw_os_error() == Some(libc::ENOTDIR) =>
            {
                return Loaded::fresh(None);
            }
            Err(e) => {
                return Loaded {
                    state: State::default(),
                    warning: Some(format!(
                        "{}: {e}; saving is off for this run, so the file is kept as it is",
                        path.display()
                    )),
                    writable: false,
                };
            }
        };
        match serde_json::from_slice(&text) {
            Ok(state) => Loaded {
                state,
                warning: None,
                writable: true,
            },
            Err(e) => {
                let aside = self
                    .dir
                    .join(format!("{FILE_NAME}.corrupt-{}", now_ms() / 1000));
                match std::fs::rename(&path, &aside) {
                    Ok(()) => Loaded::fresh(Some(format!(
                        "{} could not be read ({e}); moved aside to {} and starting fresh",
                        path.display(),
                        aside.display()
                    ))),
                    Err(m) => Loaded {
                        state: State::default(),
                        warning: Some(format!(
                            "{} could not be read ({e}) nor moved aside ({m}); saving is off for this run",
                            path.display()
                        )),
                        writable: false,
                    },
                }
            }
        }
    }

    /// Removes `.state.json.<pid>.tmp` files whose warta is no longer running.
    fn remove_stale_temporaries(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let prefix = format!(".{FILE_NAME}.");
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let pid = name
                .strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(".tmp"))
                .and_then(|pid| pid.parse::<i32>().ok());
            if let Some(pid) = pid
                && !process_alive(pid)
            {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// Where writes go: the file the state path links to, when it is a link (so the link
    /// stays a link), else the path itself.
    fn write_target(&self) -> PathBuf {
        let path = self.path();
        match std::fs::read_link(&path) {
            Ok(target) if target.is_absolute() => target,
            Ok(target) => self.dir.join(target),
            Err(_) => path,
        }
    }

    /// Writes `state`, merged with whatever is on disk now (another warta may have written
    /// since), atomically and under the lock. Returns the merged state.
    pub fn save(&self, state: &State) -> std::io::Result<State> {
        let _lock = self.lock()?;
        let mut merged = state.clone();
        if let Ok(text) = read_regular(&self.path(), MAX_STATE_SIZE)
            && let Ok(on_disk) = serde_json::from_slice::<State>(&text)
        {
            merged.merge(&on_disk);
        }
        write_atomically(&self.write_target(), &serde_json::to_vec_pretty(&merged)?)?;
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
        let Loaded {
            state: loaded,
            warning,
            ..
        } = file.load();
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
        let Loaded { state, warning, .. } = file.load();
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
