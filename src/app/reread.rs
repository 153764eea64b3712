//! Showing an article whose body was let go: its file is read again — through the loader's
//! guard (regular files only, under the size cap, not binary), on a thread of its own when
//! it has grown large — and checked against what was loaded. A file that changed on disk
//! replaces its old reading in the list and the search, and its saved state moves with it;
//! one that is gone, empty, too large or binary says so in the reading pane.

use super::App;
use crate::article::Article;
use crate::article::parse::{Searchable, parse_bytes_with};
use crate::store::loader::read::{ReadError, looks_binary};
use crate::store::{ReadAgain, human_size, read_regular_timed};
use std::sync::mpsc::{Receiver, channel};

/// Files larger than this now are read again on a thread of their own.
const READ_IN_BACKGROUND: u64 = 1024 * 1024;

/// A file read again: the article it holds now, or why it cannot be shown.
pub type ReadResult = Result<Article, String>;

/// A reading under way on its own thread: which article, and where its result arrives.
#[derive(Debug)]
pub struct Pending {
    pub index: usize,
    pub width: usize,
    result: Receiver<ReadResult>,
}

/// Reads and parses `old`'s file again, keeping what the store knows of it (id, path).
fn read_file(
    old_id: &str,
    path: &std::path::Path,
    cap: u64,
    rules: &crate::rules::Rules,
) -> ReadResult {
    let shown = path.display();
    let (bytes, modified) = read_regular_timed(path, cap).map_err(|e| match e {
        ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
            format!("{shown} is gone from disk")
        }
        ReadError::TooLarge { .. } => {
            format!("{shown}: {e}; not shown (raise it with --max-file-size)")
        }
        e => format!("{shown}: {e}"),
    })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(format!("{shown} is empty now"));
    }
    if looks_binary(&bytes) {
        return Err(format!(
            "{shown} is a binary file now (NUL bytes near the start); not shown"
        ));
    }
    let mut article = parse_bytes_with(&bytes, rules, Searchable::Yes);
    crate::store::with_story_terms(&mut article);
    article.id = old_id.to_string();
    article.path = std::sync::Arc::from(path);
    article.origin = crate::article::Origin::File;
    if let Some(modified) = modified {
        article.drop_date_after(modified);
    }
    Ok(article)
}

impl App {
    /// Shows article `index` in the reading pane at `width` columns, reading its file again
    /// when its body was let go.
    pub(super) fn show_in_reader(&mut self, index: usize, width: usize) {
        let article = &self.store.articles[index];
        let rules = self.settings.rules;
        if article.has_body || !matches!(article.origin, crate::article::Origin::File) {
            match article.full(rules) {
                Ok(full) => {
                    let remembered = self.saved.state.of(article).position;
                    self.reader.show_at(index, &full, width, remembered);
                }
                Err(e) => {
                    let message = format!("{}: cannot be read again ({e})", article.path.display());
                    self.reader.show_error(index, width, message);
                }
            }
            return;
        }
        let cap = self.settings.max_file_size;
        let size = std::fs::metadata(&article.path).map_or(0, |m| m.len());
        if size > READ_IN_BACKGROUND && size <= cap {
            let (send, result) = channel();
            let (id, path) = (article.id.clone(), article.path.clone());
            let started = std::thread::Builder::new()
                .name("warta-reread".into())
                .spawn(move || {
                    let _ = send.send(read_file(&id, &path, cap, rules));
                });
            if started.is_ok() {
                let message = format!(
                    "Reading {} ({}) …",
                    article.path.display(),
                    human_size(size)
                );
                self.reader.show_error(index, width, message);
                self.reader.pending = Some(Pending {
                    index,
                    width,
                    result,
                });
                return;
            }
        }
        let result = read_file(&article.id, &article.path, cap, rules);
        self.apply_read(index, width, result);
    }

    /// Takes the result of a reading under way, if it has come. Returns whether the screen
    /// changed.
    pub(super) fn take_read(&mut self) -> bool {
        let Some(pending) = &self.reader.pending else {
            return false;
        };
        let Ok(result) = pending.result.try_recv() else {
            return false;
        };
        let (index, width) = (pending.index, pending.width);
        self.reader.pending = None;
        if self.reader.article() != Some(index) {
            // The user moved on meanwhile.
            return false;
        }
        self.apply_read(index, width, result);
        true
    }

    /// Shows what reading the file again gave: the article as loaded, its new version (which
    /// replaces the old one everywhere), or why it cannot be shown.
    fn apply_read(&mut self, index: usize, width: usize, result: ReadResult) {
        let new = match result {
            Ok(new) => new,
            Err(message) => {
                self.reader.show_error(index, width, message);
                return;
            }
        };
        let old = &self.store.articles[index];
        if new.content_hash == old.content_hash {
            let mut new = new;
            if new.outlet == old.outlet {
                // Keep sharing the store's copy of the name.
                new.outlet.clone_from(&old.outlet);
            }
            let remembered = self.saved.state.of(old).position;
            self.reader.show_at(index, &new, width, remembered);
            return;
        }
        // Changed on disk: the new reading takes the old one's place, state and all.
        let remembered = self.saved.state.of(old);
        let name = old
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let new_index = self.store.replace(index, new);
        let new_article = &self.store.articles[new_index];
        self.saved.change(new_article, |s| {
            *s = crate::state::ArticleState {
                updated: 0,
                ..remembered
            }
        });
        self.saved.pending_select = Some(new_article.state_key());
        self.reader.clear();
        self.refilter();
        self.notice = Some(format!("{name} changed on disk; showing it as it is now"));
    }
}
