//! What is remembered between runs, as the reader keeps it: read marks and stars, the
//! reading position, the selection and the filter (the file itself is [`crate::state`]).
//!
//! Changes are written within about a second, on a thread of their own, so no key ever
//! waits for the disk. A save that fails is said on the status line until one succeeds, and
//! on exit if changes were never written; a state file that could not be read is never
//! written over.

use super::{App, Focus, READ_AFTER, Row};
use crate::article::Article;
use crate::state::{self, ArticleState, Loaded, State, StateFile};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::time::{Duration, Instant};

/// Saved state is written at most this often while running (and always on exit).
const SAVE_EVERY: Duration = Duration::from_secs(1);

/// The thread that writes state: it gets snapshots and answers with what the file had that
/// the snapshot did not (another warta's changes), or why it could not write.
struct Saver {
    snapshots: Sender<State>,
    answers: Receiver<Result<State, SaveError>>,
}

impl Saver {
    fn start(file: StateFile) -> Saver {
        let (snapshots, inbox) = channel::<State>();
        let (outbox, answers) = channel();
        let _ = std::thread::Builder::new()
            .name("warta-save".into())
            .spawn(move || {
                for snapshot in inbox {
                    let answer = file
                        .save(&snapshot)
                        .map(|merged| merged.changed_from(&snapshot))
                        .map_err(|e| SaveError {
                            path: file.path(),
                            reason: reason_of(&e),
                        });
                    if outbox.send(answer).is_err() {
                        break;
                    }
                }
            });
        Saver { snapshots, answers }
    }
}

/// Why a save failed: the file, and the reason in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveError {
    pub path: std::path::PathBuf,
    /// "Not a directory", without the error's number.
    pub reason: String,
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "could not save {} ({})",
            self.path.display(),
            self.reason
        )
    }
}

/// An I/O error in words, without its number ("Not a directory").
fn reason_of(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.rfind(" (os error ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// The remembered state and its bookkeeping.
pub struct Saved {
    /// What is remembered between runs.
    pub state: State,
    /// Where state is saved; None with `--no-state`, or when it must not be written.
    pub file: Option<StateFile>,
    /// What went wrong reading the state at start, for the warnings window.
    pub warning: Option<String>,
    /// Why the last save failed, until one succeeds.
    pub error: Option<SaveError>,
    /// Changes not on disk yet.
    unsaved: usize,
    /// Of those, how many the save under way holds.
    in_flight: Option<usize>,
    saver: Option<Saver>,
    last_save: Instant,
    /// The article being read in the focused reading pane, and since when.
    reading_since: Option<(usize, Instant)>,
    /// The article selected when warta last ran, to select again once it has loaded.
    pub pending_select: Option<u64>,
    /// The keys of the articles marked read, kept with `state`: the list counts unread
    /// articles of 100,000 in a frame with this, where looking each up in `state` did not.
    read: rustc_hash::FxHashSet<u64>,
}

impl Default for Saved {
    fn default() -> Self {
        Saved {
            state: State::default(),
            file: None,
            warning: None,
            error: None,
            unsaved: 0,
            in_flight: None,
            saver: None,
            last_save: Instant::now(),
            reading_since: None,
            pending_select: None,
            read: Default::default(),
        }
    }
}

/// More articles than this marked read at once are merged into the saved state in one pass.
const BULK_MARK: usize = 1024;

impl Saved {
    /// Changes one article's state, noting that it needs writing when it did change.
    pub fn change(&mut self, article: &Article, change: impl FnOnce(&mut ArticleState)) {
        if self.state.update(article, change) {
            self.unsaved += 1;
            let key = article.state_key();
            match self.state.of(article).read {
                true => self.read.insert(key),
                false => self.read.remove(&key),
            };
        }
    }

    /// Marks the articles with these state keys read; returns how many were not yet.
    pub fn mark_read(&mut self, mut keys: Vec<u64>) -> usize {
        let now = state::now_ms();
        // In key order, the map's insertions walk it in order.
        keys.sort_unstable();
        keys.dedup();
        keys.retain(|key| !self.read.contains(key));
        if keys.len() > BULK_MARK {
            return self.mark_read_bulk(keys, now);
        }
        let mut marked = 0;
        for key in keys {
            if self.state.update_key(key, now, |s| s.read = true) {
                self.read.insert(key);
                marked += 1;
            }
        }
        self.unsaved += marked;
        marked
    }

    /// [`Saved::mark_read`] for many articles (none of them read yet), keys in order: the
    /// saved entries and the new ones merged in one pass and the map built whole from them,
    /// which is several times faster than as many insertions.
    fn mark_read_bulk(&mut self, keys: Vec<u64>, now: u64) -> usize {
        let old = std::mem::take(&mut self.state.articles);
        let mut merged: Vec<(u64, ArticleState)> = Vec::with_capacity(old.len() + keys.len());
        let mut new_keys = keys.iter().copied().peekable();
        let read_now = |s: ArticleState| ArticleState {
            read: true,
            updated: now,
            ..s
        };
        for (key, entry) in old {
            while let Some(new) = new_keys.next_if(|&k| k < key) {
                merged.push((new, read_now(ArticleState::default())));
            }
            match new_keys.next_if_eq(&key) {
                Some(_) => merged.push((key, read_now(entry))),
                None => merged.push((key, entry)),
            }
        }
        merged.extend(new_keys.map(|k| (k, read_now(ArticleState::default()))));
        self.state.articles = merged.into_iter().collect();
        let marked = keys.len();
        self.read.extend(keys);
        self.unsaved += marked;
        marked
    }

    /// Whether the article with state key `key` is marked read.
    pub fn is_read(&self, key: u64) -> bool {
        self.read.contains(&key)
    }

    /// The state read from disk takes the place of what there was.
    fn replace_state(&mut self, state: State) {
        self.read = state
            .articles
            .iter()
            .filter(|(_, s)| s.read)
            .map(|(key, _)| *key)
            .collect();
        self.state = state;
    }

    /// Whether unsaved changes have waited long enough to be written, and no save is under
    /// way.
    fn save_due(&self) -> bool {
        self.unsaved > 0
            && self.in_flight.is_none()
            && self.file.is_some()
            && self.last_save.elapsed() >= SAVE_EVERY
    }

    /// Hands a snapshot to the saving thread.
    fn start_save(&mut self) {
        let Some(file) = &self.file else { return };
        let saver = self.saver.get_or_insert_with(|| Saver::start(file.clone()));
        self.last_save = Instant::now();
        if saver.snapshots.send(self.state.clone()).is_ok() {
            self.in_flight = Some(self.unsaved);
        }
    }

    /// Takes the saving thread's answer, if there is one (waiting for it when `wait`).
    /// Returns whether one came.
    fn take_answer(&mut self, wait: bool) -> bool {
        let (Some(saver), Some(count)) = (&self.saver, self.in_flight) else {
            return false;
        };
        let answer = if wait {
            saver.answers.recv().map_err(|_| TryRecvError::Disconnected)
        } else {
            saver.answers.try_recv()
        };
        let answer = match answer {
            Ok(answer) => answer,
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => Err(SaveError {
                path: self.file.as_ref().map(StateFile::path).unwrap_or_default(),
                reason: "the saving thread stopped".into(),
            }),
        };
        self.in_flight = None;
        match answer {
            Ok(theirs) => {
                self.state.merge(&theirs);
                self.unsaved -= count.min(self.unsaved);
                self.error = None;
            }
            Err(error) => self.error = Some(error),
        }
        true
    }

    /// Remembers where the user put the split between the list and the reading pane.
    pub fn set_list_view(&mut self, view: &str) {
        let value = (view != "outlet").then(|| view.to_string());
        if self.state.list_view != value {
            self.state.list_view = value;
            self.unsaved += 1;
        }
    }

    /// Remembers the list's share of the width.
    pub fn set_list_share(&mut self, share: u16) {
        if self.state.list_share != Some(share) {
            self.state.list_share = Some(share);
            self.unsaved += 1;
        }
    }

    /// Remembers the filter bar's history.
    pub fn set_history(&mut self, history: &[String]) {
        if self.state.history != history {
            self.state.history = history.to_vec();
            self.unsaved += 1;
        }
    }

    /// Whether a save is under way on the saving thread.
    pub fn saving(&self) -> bool {
        self.in_flight.is_some()
    }

    /// What to say on exit when changes could not be written.
    pub fn unsaved_report(&self) -> Option<String> {
        let error = self.error.as_ref()?;
        (self.unsaved > 0).then(|| {
            let changes = if self.unsaved == 1 {
                "change"
            } else {
                "changes"
            };
            format!("{error}; {} {changes} not saved", self.unsaved)
        })
    }
}

impl App {
    /// Changes the selected article's saved state.
    pub(super) fn change_selected(&mut self, change: impl FnOnce(&mut ArticleState)) {
        let Some(index) = self.list.selected_article() else {
            return;
        };
        let key = self.store.key(index);
        let was_read = self.saved.is_read(key);
        self.saved.change(&self.store.articles[index], change);
        if self.saved.is_read(key) != was_read {
            self.count_read_change(index, !was_read);
        }
    }

    /// Article `index` was just marked read (or unread): its group's header counts it. The
    /// rows stay as they are (a star or a read mark changes no row), so this takes no time
    /// however many articles there are.
    fn count_read_change(&mut self, index: usize, read: bool) {
        let story = self.stories.ready.as_deref().and_then(|s| s.story(index));
        let outlet = &self.store.articles[index].outlet;
        let Some(row) = self.list.rows.article_position(index, usize::MAX) else {
            return;
        };
        self.list
            .count_read_change(row, read, |header| match header {
                Row::Header { outlet: o, .. } => o == outlet,
                Row::Story { story: s, .. } => Some(*s) == story,
                Row::Article { .. } => false,
            });
    }

    /// An article counts as read once it has been open in the focused reading pane for
    /// [`READ_AFTER`], or scrolled to its end there.
    pub(super) fn mark_read_when_read(&mut self) -> bool {
        let reading = match (self.focus, self.reader.article()) {
            (Focus::Reader, Some(index)) => Some(index),
            _ => None,
        };
        let Some(index) = reading else {
            self.saved.reading_since = None;
            return false;
        };
        let since = match self.saved.reading_since {
            Some((i, since)) if i == index => since,
            _ => {
                self.saved.reading_since = Some((index, Instant::now()));
                Instant::now()
            }
        };
        let at_end = self.reader.max_scroll() > 0 && self.reader.scroll >= self.reader.max_scroll();
        if (since.elapsed() >= READ_AFTER || at_end) && !self.saved.is_read(self.store.key(index)) {
            self.saved
                .change(&self.store.articles[index], |s| s.read = true);
            self.count_read_change(index, true);
            return true;
        }
        false
    }

    /// Reads saved state (unless there is no state file) and restores the last filter and
    /// selection. Returns a warning when the file could not be used as it was.
    pub fn restore_state(&mut self, file: Option<StateFile>) -> Option<String> {
        let file = file?;
        let Loaded {
            state,
            warning,
            writable,
        } = file.load();
        self.saved.replace_state(state);
        self.saved.file = writable.then_some(file);
        self.saved.pending_select = self.saved.state.selected;
        self.list.share = self.saved.state.list_share;
        self.list.view = super::list::ListView::from_name(self.saved.state.list_view.as_deref());
        let bar = &mut self.search.bar;
        bar.history.clone_from(&self.saved.state.history);
        if !self.saved.state.filter.is_empty() {
            bar.text = self.saved.state.filter.clone();
            bar.cursor = bar.text.chars().count();
        }
        self.refilter();
        if warning.is_some() {
            self.notice = Some("saved state: a problem at start — w to see".into());
        }
        self.saved.warning.clone_from(&warning);
        warning
    }

    /// Saving between frames: takes the answer of a save under way and starts the next when
    /// one is due. Returns whether the screen changed (a save failed, or succeeded after
    /// failing).
    pub(super) fn save_in_background(&mut self) -> bool {
        // The place is looked at when a save could be due, not on every frame.
        if self.saved.last_save.elapsed() >= SAVE_EVERY && self.remember_place() {
            self.saved.unsaved += 1;
        }
        let had_error = self.saved.error.is_some();
        let answered = self.saved.take_answer(false);
        if self.saved.save_due() {
            self.saved.start_save();
        }
        answered && (had_error || self.saved.error.is_some())
    }

    /// Writes state now, waiting for it (on exit, before suspending). Errors stay in
    /// `saved.error`.
    pub fn save_state(&mut self) {
        if self.remember_place() {
            self.saved.unsaved += 1;
        }
        self.saved.take_answer(true);
        if self.saved.unsaved == 0 || self.saved.file.is_none() {
            return;
        }
        self.saved.start_save();
        self.saved.take_answer(true);
    }

    /// Notes the selection, the filter and the reading position in the state. Returns
    /// whether anything changed.
    pub(super) fn remember_place(&mut self) -> bool {
        let mut changed = false;
        let state = &mut self.saved.state;
        if let Some(index) = self.reader.article() {
            let block = self.reader.position_block();
            let article = &self.store.articles[index];
            changed |= state.update(article, |s| s.position = block);
        }
        let selected = self.list.selected_article().map(|i| self.store.key(i));
        let filter = &self.search.bar.text;
        // Until the article selected last time has loaded, the selection is not the user's.
        let settled = self.saved.pending_select.is_none();
        if settled && selected.is_some() && (selected != state.selected || *filter != state.filter)
        {
            state.selected = selected;
            state.filter = filter.clone();
            state.updated = state::now_ms();
            changed = true;
        }
        changed
    }
}
