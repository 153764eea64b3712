//! The parse cache: what loading made of each file, kept in the user's cache folder so that
//! the next start reads it back instead of parsing again. Parsing is most of a load's work
//! (about 400,000 instructions for a 5 KB article); reading an article back is a copy.
//!
//! One file per set of folders and load options, under `$XDG_CACHE_HOME/warta` (or
//! `~/.cache/warta`): the articles one after another, each LZ4-packed behind a checksum (a
//! cache of the reader's load is about three quarters of the folder's size), then an index
//! of which file (device and inode) each is and which version (size, modification time).
//! An article is taken from the cache only when its file's size and modification time are
//! what they were; anything else is parsed again, and then the cache is written anew, in a
//! temporary file renamed over the old. The key of the cache names the warta binary (its
//! size and modification time) and the rules, so a new build or other rules never read
//! articles that an old one made. A cache that cannot be read or written is not used: it
//! never changes what is loaded, only how fast. The article files are never written.

mod codec;

pub use codec::{decode, encode};

use super::LoadOptions;
use super::loader::FileStamp;
use crate::article::Article;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Read, Seek, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The start and end of a cache file; a new layout gets a new number.
const MAGIC: &[u8; 8] = b"WARTAPC2";
/// Cache files kept: the ones used last; older ones are deleted.
const KEEP_FILES: usize = 8;
/// Bytes of one index row: device, inode, size, modification time, offset, length.
const ROW: usize = 8 * 5 + 4;
/// Bytes before an entry's article: its checksum.
const CHECKSUM: usize = 8;

/// The cache for one load: the previous one's articles, if any, and where the next goes.
pub struct ParseCache {
    path: PathBuf,
    key: u64,
    previous: Option<Previous>,
    next_segment: AtomicUsize,
    hits: AtomicUsize,
}

/// The cache file found at start.
struct Previous {
    file: File,
    /// Which entry holds each file, by device and inode.
    by_file: HashMap<(u64, u64), usize>,
    entries: Vec<Entry>,
    /// Entries handed out in this load (the rest are of files gone or changed).
    used: Vec<AtomicBool>,
}

/// Where one article is in a cache file, and the version of the file it was made from.
#[derive(Debug, Clone, Copy)]
struct Entry {
    stamp: FileStamp,
    offset: u64,
    len: u32,
}

/// The articles one loading thread parsed, written to a temporary file of its own as they
/// come; [`ParseCache::finish`] joins them into the new cache.
pub struct Segment {
    path: PathBuf,
    file: Option<BufWriter<File>>,
    written: u64,
    entries: Vec<Entry>,
    encoded: Vec<u8>,
    buffer: Vec<u8>,
    failed: bool,
}

impl ParseCache {
    /// The cache for loading `roots` with `options`, or None when there is no cache folder
    /// or the binary cannot be told apart from other builds.
    pub fn open(roots: &[PathBuf], options: &LoadOptions) -> Option<ParseCache> {
        let folder = crate::dirs::xdg_dir("XDG_CACHE_HOME", ".cache")?;
        let key = cache_key(roots, options)?;
        Some(ParseCache::open_in(&folder, key))
    }

    /// The cache with `key` in `folder` (made if missing when the cache is written).
    pub fn open_in(folder: &Path, key: u64) -> ParseCache {
        let path = folder.join(format!("{key:016x}.parsed"));
        let previous = Previous::read(&path, key);
        ParseCache {
            path,
            key,
            previous,
            next_segment: AtomicUsize::new(0),
            hits: AtomicUsize::new(0),
        }
    }

    /// The article made from the file at `stamp` by an earlier load, if the file has not
    /// changed since.
    pub fn get(&self, stamp: &FileStamp) -> Option<Article> {
        let previous = self.previous.as_ref()?;
        let index = *previous.by_file.get(&(stamp.device, stamp.inode))?;
        let entry = previous.entries[index];
        if entry.stamp != *stamp {
            return None;
        }
        let mut bytes = vec![0; entry.len as usize];
        previous.file.read_exact_at(&mut bytes, entry.offset).ok()?;
        let (checksum, encoded) = bytes.split_at_checked(CHECKSUM)?;
        if checksum != xxhash_rust::xxh3::xxh3_64(encoded).to_le_bytes() {
            return None;
        }
        let encoded = lz4_flex::decompress_size_prepended(encoded).ok()?;
        let article = decode(&encoded)?;
        if previous.used[index].swap(true, Ordering::Relaxed) {
            // Two candidates with one inode cannot both be it (the walk loads a file once).
            return None;
        }
        self.hits.fetch_add(1, Ordering::Relaxed);
        Some(article)
    }

    /// How many articles came from the cache so far.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    /// A new segment, for one loading thread.
    pub fn segment(&self) -> Segment {
        let number = self.next_segment.fetch_add(1, Ordering::Relaxed);
        let name = format!("{:016x}.{}.{number}.tmp", self.key, std::process::id());
        Segment {
            path: self.path.with_file_name(name),
            file: None,
            written: 0,
            entries: Vec::new(),
            encoded: Vec::new(),
            buffer: Vec::new(),
            failed: false,
        }
    }

    /// Writes the new cache when anything changed: the previous cache's articles that were
    /// used, then every segment's. Errors leave the previous cache as it was.
    pub fn finish(self, segments: Vec<Segment>) {
        let folder = self.path.parent().map(Path::to_path_buf);
        let unchanged = segments.iter().all(|s| s.entries.is_empty() && !s.failed)
            && self
                .previous
                .as_ref()
                .is_none_or(|p| p.used.iter().all(|used| used.load(Ordering::Relaxed)));
        if unchanged {
            if let Some(previous) = &self.previous {
                // Marks it as used now, so pruning keeps it.
                let _ = previous.file.set_modified(std::time::SystemTime::now());
            }
        } else {
            let temporary = self
                .path
                .with_extension(format!("{}.tmp", std::process::id()));
            match self.write(&temporary, segments) {
                Ok(()) => {
                    if std::fs::rename(&temporary, &self.path).is_err() {
                        let _ = std::fs::remove_file(&temporary);
                    }
                }
                Err(_) => {
                    let _ = std::fs::remove_file(&temporary);
                }
            }
        }
        if let Some(folder) = folder {
            prune(&folder);
        }
    }

    fn write(&self, temporary: &Path, segments: Vec<Segment>) -> std::io::Result<()> {
        if let Some(folder) = temporary.parent() {
            std::fs::create_dir_all(folder)?;
        }
        let mut out = File::create(temporary)?;
        out.write_all(MAGIC)?;
        out.write_all(&self.key.to_le_bytes())?;
        let mut at = (MAGIC.len() + 8) as u64;
        let mut index = Vec::new();
        if let Some(previous) = &self.previous {
            let mut kept: Vec<Entry> = (previous.entries.iter())
                .zip(&previous.used)
                .filter(|(_, used)| used.load(Ordering::Relaxed))
                .map(|(entry, _)| *entry)
                .collect();
            kept.sort_by_key(|e| e.offset);
            let mut bytes = Vec::new();
            for entry in kept {
                bytes.resize(entry.len as usize, 0);
                previous.file.read_exact_at(&mut bytes, entry.offset)?;
                out.write_all(&bytes)?;
                push_row(&mut index, &entry, at);
                at += u64::from(entry.len);
            }
        }
        for mut segment in segments {
            let Some(mut file) = segment.finished()? else {
                continue;
            };
            file.rewind()?;
            let copied = std::io::copy(&mut (&mut file).take(segment.written), &mut out)?;
            if copied != segment.written {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            for entry in &segment.entries {
                push_row(&mut index, entry, at + entry.offset);
            }
            at += segment.written;
        }
        out.write_all(&index)?;
        out.write_all(&at.to_le_bytes())?;
        out.write_all(MAGIC)?;
        Ok(())
    }
}

fn push_row(index: &mut Vec<u8>, entry: &Entry, offset: u64) {
    let stamp = entry.stamp;
    for value in [
        stamp.device,
        stamp.inode,
        stamp.size,
        stamp.modified_ns as u64,
        offset,
    ] {
        index.extend_from_slice(&value.to_le_bytes());
    }
    index.extend_from_slice(&entry.len.to_le_bytes());
}

impl Previous {
    /// The cache file at `path`, if it is whole and made with `key`.
    fn read(path: &Path, key: u64) -> Option<Previous> {
        let file = File::open(path).ok()?;
        let len = file.metadata().ok()?.len();
        let mut head = [0; 16];
        file.read_exact_at(&mut head, 0).ok()?;
        let mut foot = [0; 16];
        file.read_exact_at(&mut foot, len.checked_sub(16)?).ok()?;
        if &head[..8] != MAGIC || head[8..] != key.to_le_bytes() || &foot[8..] != MAGIC {
            return None;
        }
        let index_at = u64::from_le_bytes(foot[..8].try_into().ok()?);
        let index_len = usize::try_from(len.checked_sub(16)?.checked_sub(index_at)?).ok()?;
        if index_at < 16 || index_len % ROW != 0 {
            return None;
        }
        let mut index = vec![0; index_len];
        file.read_exact_at(&mut index, index_at).ok()?;
        let mut entries = Vec::with_capacity(index_len / ROW);
        let mut by_file = HashMap::with_capacity(index_len / ROW);
        for row in index.chunks_exact(ROW) {
            let word = |i: usize| u64::from_le_bytes(row[i * 8..i * 8 + 8].try_into().unwrap());
            let entry = Entry {
                stamp: FileStamp {
                    device: word(0),
                    inode: word(1),
                    size: word(2),
                    modified_ns: word(3) as i64,
                },
                offset: word(4),
                len: u32::from_le_bytes(row[40..44].try_into().unwrap()),
            };
            if entry.offset.checked_add(u64::from(entry.len))? > index_at {
                return None;
            }
            by_file.insert((entry.stamp.device, entry.stamp.inode), entries.len());
            entries.push(entry);
        }
        let used = entries.iter().map(|_| AtomicBool::new(false)).collect();
        Some(Previous {
            file,
            by_file,
            entries,
            used,
        })
    }
}

impl Segment {
    /// Adds the article made from the file at `stamp`. A segment that fails to write is
    /// dropped from the new cache (its files are parsed again next time).
    pub fn add(&mut self, stamp: FileStamp, article: &Article) {
        if self.failed {
            return;
        }
        self.encoded.clear();
        encode(article, &mut self.encoded);
        self.buffer.clear();
        self.buffer.extend_from_slice(&[0; CHECKSUM]);
        self.buffer
            .extend_from_slice(&lz4_flex::compress_prepend_size(&self.encoded));
        let checksum = xxhash_rust::xxh3::xxh3_64(&self.buffer[CHECKSUM..]);
        self.buffer[..CHECKSUM].copy_from_slice(&checksum.to_le_bytes());
        let Ok(len) = u32::try_from(self.buffer.len()) else {
            return;
        };
        if self.file.is_none() && self.create().is_err() {
            self.failed = true;
            return;
        }
        let written = (self.file.as_mut()).map(|file| file.write_all(&self.buffer));
        if !matches!(written, Some(Ok(()))) {
            self.failed = true;
            return;
        }
        self.entries.push(Entry {
            stamp,
            offset: self.written,
            len,
        });
        self.written += u64::from(len);
    }

    fn create(&mut self) -> std::io::Result<()> {
        if let Some(folder) = self.path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&self.path)?;
        self.file = Some(BufWriter::with_capacity(256 * 1024, file));
        Ok(())
    }

    /// The written file, flushed; None when nothing was written. An error when it failed.
    fn finished(&mut self) -> std::io::Result<Option<File>> {
        if self.failed {
            return Err(std::io::ErrorKind::Other.into());
        }
        match &mut self.file {
            None => Ok(None),
            Some(file) => {
                file.flush()?;
                Ok(Some(file.get_ref().try_clone()?))
            }
        }
    }
}

impl Drop for Segment {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Deletes all but the [`KEEP_FILES`] cache files used last, and the temporary files of a
/// warta that was stopped while writing (the second part of their names is its process id).
fn prune(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let now = std::time::SystemTime::now();
    let mut caches = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let Ok(modified) = entry.metadata().and_then(|m| m.modified()) else {
            continue;
        };
        match path.extension().and_then(|e| e.to_str()) {
            Some("parsed") => caches.push((modified, path)),
            Some("tmp")
                if !writer_running(&path)
                    || now
                        .duration_since(modified)
                        .is_ok_and(|age| age.as_secs() > 86_400) =>
            {
                let _ = std::fs::remove_file(&path);
            }
            _ => {}
        }
    }
    caches.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    for (_, path) in caches.into_iter().skip(KEEP_FILES) {
        let _ = std::fs::remove_file(path);
    }
}

/// Whether the process that named the temporary file `path` still runs.
fn writer_running(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let Some(pid) = name
        .split('.')
        .nth(1)
        .and_then(|p| p.parse::<libc::pid_t>().ok())
    else {
        return false;
    };
    // SAFETY: signal 0 sends nothing; it only asks whether the process exists.
    let alive = unsafe { libc::kill(pid, 0) } == 0;
    alive || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// What a cache is made for: this build of warta, the rules, the options that change what a
/// load makes, and the folders (as absolute paths).
fn cache_key(roots: &[PathBuf], options: &LoadOptions) -> Option<u64> {
    let exe = std::env::current_exe().ok()?.metadata().ok()?;
    let stamp = FileStamp::of(&exe);
    let mut key = Vec::new();
    key.extend_from_slice(MAGIC);
    for value in [
        stamp.size,
        stamp.modified_ns as u64,
        options.max_file_size,
        u64::from(options.keep_body),
        u64::from(options.keep_search),
        options.cache_salt,
    ] {
        key.extend_from_slice(&value.to_le_bytes());
    }
    for root in roots {
        let absolute = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        key.extend_from_slice(absolute.as_os_str().as_encoded_bytes());
        key.push(0);
    }
    Some(xxhash_rust::xxh3::xxh3_64(&key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    #[test]
    fn pruning_keeps_the_caches_used_last_and_fresh_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        let aged = |name: &str, age_secs: u64| {
            let path = dir.path().join(name);
            let file = File::create(&path).unwrap();
            file.set_modified(now - Duration::from_secs(age_secs))
                .unwrap();
            path
        };
        let caches: Vec<PathBuf> = (0..KEEP_FILES as u64 + 2)
            .map(|n| aged(&format!("{n:016x}.parsed"), n * 60))
            .collect();
        let me = std::process::id();
        let stale = aged(&format!("0.{me}.1.tmp"), 2 * 86_400);
        let writing = aged(&format!("0.{me}.2.tmp"), 60);
        // No process has this id (above the largest Linux allows).
        let orphan = aged("0.4194305.0.tmp", 60);
        let other = aged("notes.txt", 3 * 86_400);
        prune(dir.path());
        for (n, cache) in caches.iter().enumerate() {
            assert_eq!(cache.exists(), n < KEEP_FILES, "{}", cache.display());
        }
        assert!(!stale.exists() && !orphan.exists());
        assert!(writing.exists() && other.exists());
    }
}
