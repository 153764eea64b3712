//! The parse cache: what loading made of each file, kept in the user's cache folder so that
//! the next start reads it back instead of parsing again. Parsing is most of a load's work
//! (about 400,000 instructions for a 5 KB article); indexing its words and packing its
//! body most of the rest.
//!
//! Files are loaded in chunks of neighbours (see [`crate::store::loader`]), and the cache
//! keeps what each chunk gave: its articles (or why a file was skipped), its word index, and
//! the packed blocks of its bodies, behind a checksum. A chunk whose files are all as they
//! were (device, inode, size and modification time) is taken whole: nothing is parsed,
//! indexed or packed. In a chunk where some file changed, the others are still taken from
//! the cache one by one, and the chunk is then made again. The cache is one file per set of
//! folders and load options under `$XDG_CACHE_HOME/warta` (or `~/.cache/warta`): the
//! chunks, then an index of them, written anew (a temporary file renamed over the old) when
//! anything changed. Its key names the warta binary (size and modification time) and the
//! rules, so a new build or other rules never read what an old one made. A cache that cannot
//! be read or written is not used: it never changes what is loaded, only how fast. The
//! article files are never written.

mod codec;
pub mod stories;

pub use codec::Chunk;
use codec::{decode_chunk, encode_chunk_head};

use super::FileStamp;
use super::LoadOptions;
use crate::article::Article;
use crate::index::BatchIndex;
use std::collections::HashMap;
use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// The start and end of a cache file; a new layout gets a new number.
const MAGIC: &[u8; 8] = b"WARTAPC7";
/// Cache files kept: the ones used last; older ones are deleted.
const KEEP_FILES: usize = 8;
/// Bytes of one file's stamp in the index: device, inode, size, modification time.
const STAMP: usize = 32;
/// Bytes of a chunk's row in the index before its stamps: offset, length, file count.
const ROW: usize = 8 + 8 + 4;
/// Bytes before the first chunk: the magic and the key.
const HEADER: u64 = 16;

/// The cache for one load: the previous one's chunks, if any, and the next one as the loading
/// threads write it.
pub struct ParseCache {
    path: PathBuf,
    key: u64,
    previous: Option<Previous>,
    /// The next cache, a temporary file until [`ParseCache::finish`] renames it; made at the
    /// first chunk written (None inside when it could not be).
    next: OnceLock<Option<File>>,
    next_path: PathBuf,
    /// Where in it the next chunk goes.
    next_at: AtomicU64,
    failed: AtomicBool,
}

/// The cache file found at start.
struct Previous {
    file: File,
    chunks: Vec<ChunkEntry>,
    /// Which chunk starts with each file.
    by_first: HashMap<FileStamp, usize>,
    /// Which chunk, and where in it, holds each file (by device and inode).
    by_file: HashMap<(u64, u64), (usize, usize)>,
    /// Chunks taken whole in this load: copied into the next cache as they are.
    reused: Vec<AtomicBool>,
}

/// Where one chunk is in a cache file, and the versions of the files it was made from.
#[derive(Debug, Clone)]
struct ChunkEntry {
    offset: u64,
    len: u64,
    stamps: Vec<FileStamp>,
}

/// The chunk a loading thread decoded last to take single files from (neighbouring files
/// are mostly in the same chunk): its number, and each file's item until it is taken.
#[derive(Default)]
pub struct LastChunk(Option<(usize, Vec<Option<Item>>)>);

/// What a chunk holds of one file: its article, or why it was skipped.
type Item = Result<Article, String>;

/// The chunks one loading thread wrote into the next cache, and its buffer for them.
#[derive(Default)]
pub struct Segment {
    chunks: Vec<ChunkEntry>,
    /// Where a piece of a chunk's record is gathered before it is packed.
    piece: Vec<u8>,
    /// A chunk's record, packed.
    buffer: Vec<u8>,
}

impl ParseCache {
    /// The cache for loading `roots` with `options`, or None when there is no cache folder
    /// or the binary cannot be told apart from other builds.
    pub fn open(roots: &[PathBuf], options: &LoadOptions) -> Option<ParseCache> {
        let folder = folder()?;
        let key = cache_key(roots, options)?;
        Some(ParseCache::open_in(&folder, key))
    }

    /// The cache with `key` in `folder` (made if missing when the cache is written).
    fn open_in(folder: &Path, key: u64) -> ParseCache {
        let path = folder.join(format!("{key:016x}.parsed"));
        let previous = Previous::read(&path, key);
        let next_path = folder.join(format!("{key:016x}.{}.tmp", std::process::id()));
        ParseCache {
            path,
            key,
            previous,
            next: OnceLock::new(),
            next_path,
            next_at: AtomicU64::new(HEADER),
            failed: AtomicBool::new(false),
        }
    }

    /// What an earlier load made of exactly these files, if none has changed since.
    pub fn chunk(&self, stamps: &[FileStamp]) -> Option<Chunk> {
        let previous = self.previous.as_ref()?;
        let number = *previous.by_first.get(stamps.first()?)?;
        let entry = &previous.chunks[number];
        if entry.stamps != stamps {
            return None;
        }
        let chunk = previous.decode(number)?;
        previous.reused[number].store(true, Ordering::Relaxed);
        Some(chunk)
    }

    /// What an earlier load made of the file at `stamp` (its article, or why it was
    /// skipped), if the file has not changed since.
    pub fn file(&self, stamp: &FileStamp, last: &mut LastChunk) -> Option<Item> {
        let previous = self.previous.as_ref()?;
        let (number, at) = *previous.by_file.get(&(stamp.device, stamp.inode))?;
        if previous.chunks[number].stamps[at] != *stamp {
            return None;
        }
        if last.0.as_ref().is_none_or(|(held, _)| *held != number) {
            let items = previous
                .decode(number)?
                .items
                .into_iter()
                .map(Some)
                .collect();
            last.0 = Some((number, items));
        }
        // Taken, not copied: the walk gives each file once.
        last.0.as_mut()?.1.get_mut(at)?.take()
    }

    /// Writes what the files at `stamps` gave into the next cache: each its article or why
    /// it was skipped, in order, and their index. When writing fails, no cache is written
    /// this time (and the files are parsed again next time).
    pub fn add<'a>(
        &self,
        segment: &mut Segment,
        stamps: Vec<FileStamp>,
        items: impl IntoIterator<Item = Result<&'a Article, &'a str>>,
        index: Option<&BatchIndex>,
    ) {
        if self.failed.load(Ordering::Relaxed) {
            return;
        }
        segment.buffer.clear();
        let blocks = encode_chunk_head(items, index, &mut segment.piece, &mut segment.buffer);
        let len =
            (segment.buffer.len() + blocks.iter().map(|b| b.bytes().len()).sum::<usize>()) as u64;
        let offset = self.next_at.fetch_add(len, Ordering::Relaxed);
        let written = match self.next.get_or_init(|| self.create_next().ok()) {
            Some(file) => {
                let mut at = offset;
                std::iter::once(segment.buffer.as_slice())
                    .chain(blocks.iter().map(|b| b.bytes()))
                    .try_for_each(|bytes| {
                        let written = file.write_all_at(bytes, at);
                        at += bytes.len() as u64;
                        written
                    })
            }
            None => Err(std::io::ErrorKind::Other.into()),
        };
        if written.is_err() {
            self.failed.store(true, Ordering::Relaxed);
            return;
        }
        segment.chunks.push(ChunkEntry {
            offset,
            len,
            stamps,
        });
    }

    fn create_next(&self) -> std::io::Result<File> {
        if let Some(folder) = self.next_path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&self.next_path)?;
        let mut head = MAGIC.to_vec();
        head.extend_from_slice(&self.key.to_le_bytes());
        file.write_all_at(&head, 0)?;
        Ok(file)
    }

    /// Finishes the next cache when anything changed: the previous cache's chunks that were
    /// taken whole are copied after the chunks written, then the index. Errors leave the
    /// previous cache as it was.
    pub fn finish(self, segments: Vec<Segment>) {
        let unchanged = segments.iter().all(|s| s.chunks.is_empty())
            && self
                .previous
                .as_ref()
                .is_none_or(|p| p.reused.iter().all(|reused| reused.load(Ordering::Relaxed)));
        if unchanged {
            if let Some(previous) = &self.previous {
                // Marks it as used now, so pruning keeps it.
                let _ = previous.file.set_modified(std::time::SystemTime::now());
            }
        } else if !self.failed.load(Ordering::Relaxed) && self.complete(segments).is_ok() {
            let _ = std::fs::rename(&self.next_path, &self.path);
        }
        if let Some(folder) = self.path.parent() {
            prune(folder);
        }
    }

    fn complete(&self, segments: Vec<Segment>) -> std::io::Result<()> {
        let out = match self.next.get_or_init(|| self.create_next().ok()) {
            Some(file) => file,
            None => return Err(std::io::ErrorKind::Other.into()),
        };
        let mut at = self.next_at.load(Ordering::Relaxed);
        let mut entries: Vec<ChunkEntry> = segments.into_iter().flat_map(|s| s.chunks).collect();
        if let Some(previous) = &self.previous {
            let mut kept: Vec<&ChunkEntry> = (previous.chunks.iter())
                .zip(&previous.reused)
                .filter(|(_, reused)| reused.load(Ordering::Relaxed))
                .map(|(entry, _)| entry)
                .collect();
            kept.sort_by_key(|e| e.offset);
            let mut bytes = Vec::new();
            for entry in kept {
                bytes.resize(usize::try_from(entry.len).unwrap_or(usize::MAX), 0);
                previous.file.read_exact_at(&mut bytes, entry.offset)?;
                out.write_all_at(&bytes, at)?;
                entries.push(ChunkEntry {
                    offset: at,
                    ..entry.clone()
                });
                at += entry.len;
            }
        }
        let mut index = Vec::new();
        for entry in &entries {
            push_row(&mut index, entry);
        }
        index.extend_from_slice(&at.to_le_bytes());
        index.extend_from_slice(MAGIC);
        out.write_all_at(&index, at)?;
        out.set_len(at + index.len() as u64)
    }
}

impl Drop for ParseCache {
    /// A next cache not renamed into place (nothing changed, writing failed, or the load
    /// was given up) is deleted.
    fn drop(&mut self) {
        if self.next.get().is_some_and(Option::is_some) {
            let _ = std::fs::remove_file(&self.next_path);
        }
    }
}

fn push_row(index: &mut Vec<u8>, entry: &ChunkEntry) {
    index.extend_from_slice(&entry.offset.to_le_bytes());
    index.extend_from_slice(&entry.len.to_le_bytes());
    index.extend_from_slice(&(entry.stamps.len() as u32).to_le_bytes());
    for stamp in &entry.stamps {
        for value in [
            stamp.device,
            stamp.inode,
            stamp.size,
            stamp.modified_ns as u64,
        ] {
            index.extend_from_slice(&value.to_le_bytes());
        }
    }
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
        if index_at < 16 {
            return None;
        }
        let mut index = vec![0; index_len];
        file.read_exact_at(&mut index, index_at).ok()?;
        let mut rest = index.as_slice();
        let mut chunks = Vec::new();
        let mut by_first = HashMap::new();
        let mut by_file = HashMap::new();
        let word = |bytes: &[u8], i: usize| {
            u64::from_le_bytes(bytes[i * 8..i * 8 + 8].try_into().unwrap())
        };
        while !rest.is_empty() {
            let (row, after) = rest.split_at_checked(ROW)?;
            let count = u32::from_le_bytes(row[16..20].try_into().ok()?) as usize;
            let (stamps, after) = after.split_at_checked(count.checked_mul(STAMP)?)?;
            rest = after;
            let entry = ChunkEntry {
                offset: word(row, 0),
                len: word(row, 1),
                stamps: stamps
                    .chunks_exact(STAMP)
                    .map(|s| FileStamp {
                        device: word(s, 0),
                        inode: word(s, 1),
                        size: word(s, 2),
                        modified_ns: word(s, 3) as i64,
                    })
                    .collect(),
            };
            if entry.offset < 16 || entry.offset.checked_add(entry.len)? > index_at {
                return None;
            }
            let number = chunks.len();
            if let Some(first) = entry.stamps.first() {
                by_first.insert(*first, number);
            }
            for (at, stamp) in entry.stamps.iter().enumerate() {
                by_file.insert((stamp.device, stamp.inode), (number, at));
            }
            chunks.push(entry);
        }
        let reused = chunks.iter().map(|_| AtomicBool::new(false)).collect();
        Some(Previous {
            file,
            chunks,
            by_first,
            by_file,
            reused,
        })
    }

    /// Chunk `number`, read and checked; None when it is damaged or does not fit its row.
    fn decode(&self, number: usize) -> Option<Chunk> {
        let entry = &self.chunks[number];
        let mut bytes = vec![0; usize::try_from(entry.len).ok()?];
        self.file.read_exact_at(&mut bytes, entry.offset).ok()?;
        let chunk = decode_chunk(&bytes)?;
        (chunk.items.len() == entry.stamps.len()).then_some(chunk)
    }
}

/// Deletes all but the [`KEEP_FILES`] cache files used last (and as many stories files), and
/// the temporary files of a warta that was stopped while writing (the second part of their
/// names is its process id).
pub(crate) fn prune(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let now = std::time::SystemTime::now();
    let mut caches = Vec::new();
    let mut stories = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let Ok(modified) = entry.metadata().and_then(|m| m.modified()) else {
            continue;
        };
        match path.extension().and_then(|e| e.to_str()) {
            Some("parsed") => caches.push((modified, path)),
            Some("stories") => stories.push((modified, path)),
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
    for mut files in [caches, stories] {
        files.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
        for (_, path) in files.into_iter().skip(KEEP_FILES) {
            let _ = std::fs::remove_file(path);
        }
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

/// The cache folder (`$XDG_CACHE_HOME/warta`, else `~/.cache/warta`), when there is one.
pub fn folder() -> Option<PathBuf> {
    crate::dirs::xdg_dir("XDG_CACHE_HOME", ".cache")
}

/// This build of warta, told from others by its binary's size and modification time: what
/// one build made is never read by another.
fn binary_stamp() -> Option<FileStamp> {
    let exe = std::env::current_exe().ok()?.metadata().ok()?;
    Some(FileStamp::of(&exe))
}

/// What a cache is made for: this build of warta, the rules, the options that change what a
/// load makes, and the folders (as absolute paths).
fn cache_key(roots: &[PathBuf], options: &LoadOptions) -> Option<u64> {
    let stamp = binary_stamp()?;
    let mut key = Vec::new();
    key.extend_from_slice(MAGIC);
    for value in [
        stamp.size,
        stamp.modified_ns as u64,
        options.max_file_size,
        u64::from(options.keep_body),
        u64::from(options.keep_search),
        u64::from(options.index),
        u64::from(options.listed_only),
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
