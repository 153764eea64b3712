//! Loading: the walk finds the files, one thread per core reads and parses them, and batches
//! of articles (with their words indexed, when asked) go to whoever listens.

mod chunks;
pub mod read;
mod walk;

use super::cache::{Chunk, LastChunk, ParseCache, Segment};
use super::{FileStamp, LoadError, LoadEvent, LoadOptions, SEEDS, Skipped, Sources, Store};
use crate::article::parse::{Searchable, parse_bytes, parse_bytes_listed, parse_bytes_with};
use crate::article::search_text::SearchText;
use crate::article::{Article, Origin};
use crate::index::BatchIndex;
use crate::rules::Rules;
use chunks::{CHUNK_MARK, CHUNK_MAX, Chunker};
use read::{ReadError, looks_binary, read_regular_timed};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, channel, sync_channel};
use walk::{Walk, stem};

/// Articles at least this large keep their body in memory even when bodies are let go.
const KEEP_BODY_FROM: usize = 1024 * 1024;

/// Events that may wait for the reader before the loading threads wait too.
const IN_FLIGHT: usize = 4;

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

/// Loads everything, blocking until done and the parse cache written (for the command-line
/// modes and tests).
pub fn load_all(sources: &Sources, rules: &'static Rules, options: LoadOptions) -> Store {
    let mut store = Store::default();
    for event in spawn_loader(sources.clone(), rules, options) {
        match event {
            LoadEvent::Batch(batch, _) => store.add(batch),
            LoadEvent::Skipped(skipped) => store.skipped.push(skipped),
            LoadEvent::Found(_) => {}
            // The loader goes on to write the cache, and closes the channel when it has.
            LoadEvent::Done => {}
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
    // Bounded: loading from the cache outruns the reader taking batches in, and batches
    // waiting in the channel (with their indexes not yet merged) would add a third to the
    // reader's peak memory.
    let (tx, rx) = sync_channel(IN_FLIGHT);
    if options.index && options.cache && matches!(sources, Sources::Paths(_)) {
        // Articles taken from the parse cache are not parsed: the first one the reader
        // shows would compile the parser's patterns (tens of milliseconds, on a key) if
        // nothing had.
        let _ = std::thread::Builder::new()
            .name("warta-patterns".into())
            .spawn(|| {
                crate::article::compile_patterns();
                rules.compile_patterns();
            });
    }
    std::thread::Builder::new()
        .name("warta-load".into())
        .spawn(move || {
            if options.background {
                crate::priority::lower_this_thread();
            }
            run_loader(sources, rules, options, tx)
        })
        .expect("the loader thread starts");
    rx
}

fn run_loader(
    sources: Sources,
    rules: &'static Rules,
    options: LoadOptions,
    tx: SyncSender<LoadEvent>,
) {
    let paths = match sources {
        Sources::Seeds => {
            let _ = tx.send(LoadEvent::Found(SEEDS.len()));
            let batch = SEEDS
                .iter()
                .map(|(name, bytes)| {
                    let mut article = parse_bytes(bytes, rules);
                    with_story_terms(&mut article);
                    article.id = stem(Path::new(name));
                    article.path = Path::new("seeds").join(name).into();
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
    let cache = options
        .cache
        .then(|| ParseCache::open(&paths, &options))
        .flatten();
    // The walk hands each chunk on as soon as its last file is found, so the loading threads
    // start on the first chunk while the walk goes on (a walk of 100,000 files takes about
    // half a second, which a later start would otherwise spend before anything loads).
    let (chunk_tx, chunk_rx) = channel::<Vec<walk::Candidate>>();
    let chunk_rx = Mutex::new(chunk_rx);
    let abandoned = AtomicBool::new(false);
    let share = Share {
        chunks: &chunk_rx,
        rules,
        options,
        cache: cache.as_ref(),
    };
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let segments: Vec<Segment> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..workers)
            .map(|_| {
                let (tx, share, abandoned) = (tx.clone(), &share, &abandoned);
                scope.spawn(move || {
                    let send = |event| {
                        let sent = tx.send(event).is_ok();
                        if !sent {
                            abandoned.store(true, Ordering::Relaxed);
                        }
                        sent
                    };
                    let mut segment = share.cache.map(|_| Segment::default());
                    share.load(&mut segment, send);
                    segment
                })
            })
            .collect();
        let mut walk = Walk::default();
        let mut chunker = Chunker::new(CHUNK_MARK, CHUNK_MAX);
        let mut found = 0;
        for path in &paths {
            walk.root(path, &mut |candidate| {
                found += 1;
                if let Some(chunk) = chunker.push(candidate) {
                    let _ = chunk_tx.send(chunk);
                }
            });
        }
        if let Some(chunk) = chunker.finish() {
            let _ = chunk_tx.send(chunk);
        }
        drop(chunk_tx);
        for skipped in walk.skipped.drain(..) {
            let _ = tx.send(LoadEvent::Skipped(skipped));
        }
        let _ = tx.send(LoadEvent::Found(found));
        threads
            .into_iter()
            .filter_map(|thread| thread.join().ok().flatten())
            .collect()
    });
    let _ = tx.send(LoadEvent::Done);
    // After `Done`, so the reader does not wait for it (a third of a second at 100,000
    // articles); the channel closes when it is written, which is what `load_all` waits for.
    if let Some(cache) = cache
        && !abandoned.load(Ordering::Relaxed)
    {
        cache.finish(segments);
    }
}

/// What the loading threads share.
struct Share<'a> {
    /// The chunks of files the walk found, each taken by the first thread free.
    chunks: &'a Mutex<Receiver<Vec<walk::Candidate>>>,
    rules: &'a Rules,
    options: LoadOptions,
    cache: Option<&'a ParseCache>,
}

impl Share<'_> {
    /// One loading thread's work: takes the next chunk of files until none is left, whole
    /// from the cache when it has them all as they are, else file by file (from the cache,
    /// or read and parsed), indexed, and added to the thread's cache segment. Sends each
    /// chunk's articles as a batch, with their words indexed. Stops when `send` fails.
    fn load(&self, segment: &mut Option<Segment>, send: impl Fn(LoadEvent) -> bool) {
        let mut last = LastChunk::default();
        loop {
            let next = self.chunks.lock().map(|chunks| chunks.recv());
            let Ok(Ok(files)) = next else {
                return;
            };
            let files = files.as_slice();
            let stamps: Vec<FileStamp> = files.iter().map(|c| c.stamp).collect();
            let events = match self.cache.and_then(|cache| cache.chunk(&stamps)) {
                Some(chunk) => self.taken_whole(files, chunk),
                None => self.file_by_file(files, stamps, &mut last, segment),
            };
            for event in events {
                if !send(event) {
                    return;
                }
            }
        }
    }

    /// A chunk's events from what the cache holds for it.
    fn taken_whole(&self, files: &[walk::Candidate], chunk: Chunk) -> Vec<LoadEvent> {
        let mut events = Vec::new();
        let mut articles = Vec::with_capacity(files.len());
        for (file, item) in files.iter().zip(chunk.items) {
            match item {
                Ok(mut article) => {
                    article.path = std::sync::Arc::from(file.path.as_path());
                    article.id = file.id.clone();
                    articles.push(article);
                }
                Err(reason) => events.push(LoadEvent::Skipped(Skipped {
                    path: file.path.clone(),
                    reason,
                })),
            }
        }
        if !articles.is_empty() {
            let index = match (self.options.index, chunk.index) {
                (true, None) => Some(BatchIndex::build(&articles)),
                (indexed, index) => index.filter(|_| indexed),
            };
            events.push(LoadEvent::Batch(articles, index));
        }
        events
    }

    /// A chunk's events from its files, each from the cache or parsed; the chunk is then
    /// added to the thread's cache segment.
    fn file_by_file(
        &self,
        files: &[walk::Candidate],
        stamps: Vec<FileStamp>,
        last: &mut LastChunk,
        segment: &mut Option<Segment>,
    ) -> Vec<LoadEvent> {
        let mut articles = Vec::with_capacity(files.len());
        // For each file: None for an article (the next in `articles`), else why it was
        // skipped and whether a reread could say otherwise (an error reading it).
        let mut skips: Vec<Option<(String, bool)>> = Vec::with_capacity(files.len());
        for file in files {
            let cached = self.cache.and_then(|cache| cache.file(&file.stamp, last));
            let loaded = match cached {
                Some(Ok(article)) => Ok(article),
                Some(Err(reason)) => Err((reason, false)),
                None => load_judged(&file.path, self.rules, self.options)
                    .map_err(|(skipped, transient)| (skipped.reason, transient)),
            };
            match loaded {
                Ok(mut article) => {
                    article.path = std::sync::Arc::from(file.path.as_path());
                    article.id = file.id.clone();
                    articles.push(article);
                    skips.push(None);
                }
                Err(skip) => skips.push(Some(skip)),
            }
        }
        let index = self.options.index.then(|| BatchIndex::build(&articles));
        // The index has the words: from now on the body text is read only by the searches
        // it cannot answer, and kept packed.
        if self.options.index {
            SearchText::pack(articles.iter_mut().map(|a| &mut a.search_body));
        }
        if let (Some(cache), Some(segment)) = (self.cache, segment)
            && skips.iter().flatten().all(|(_, transient)| !transient)
        {
            let mut next = articles.iter();
            let items = skips.iter().map(|skip| match skip {
                None => Ok(next.next().expect("an article for each file not skipped")),
                Some((reason, _)) => Err(reason.as_str()),
            });
            cache.add(segment, stamps, items, index.as_ref());
        }
        let mut events: Vec<LoadEvent> = (files.iter().zip(skips))
            .filter_map(|(file, skip)| {
                let (reason, _) = skip?;
                Some(LoadEvent::Skipped(Skipped {
                    path: file.path.clone(),
                    reason,
                }))
            })
            .collect();
        if !articles.is_empty() {
            events.push(LoadEvent::Batch(articles, index));
        }
        events
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

/// Reads the words that tell which event the article reports, for the stories; done where
/// articles are loaded to be searched, as the body may be let go after.
pub fn with_story_terms(article: &mut Article) {
    article.story_terms = crate::stories::terms::story_terms(article).into();
}

/// Reads and parses one file, or says why it was skipped.
pub fn load_file(path: &Path, rules: &Rules, options: LoadOptions) -> Result<Article, Skipped> {
    load_judged(path, rules, options).map_err(|(skipped, _)| skipped)
}

/// Reads and parses one file, or says why it was skipped and whether reading it again could
/// say otherwise (it could not be read; a file that was read and held no article is skipped
/// again until it changes).
fn load_judged(
    path: &Path,
    rules: &Rules,
    options: LoadOptions,
) -> Result<Article, (Skipped, bool)> {
    let skip = |reason: String| Skipped {
        path: path.to_path_buf(),
        reason,
    };
    let (bytes, modified) = read_regular_timed(path, options.max_file_size).map_err(|e| {
        let reason = match e {
            ReadError::TooLarge { .. } => {
                format!("{e}; skipped (raise it with --max-file-size)")
            }
            _ => format!("{e}; skipped"),
        };
        (skip(reason), true)
    })?;
    if looks_binary(&bytes) {
        return Err((
            skip("binary file (NUL bytes near the start); skipped".into()),
            false,
        ));
    }
    let searchable = match options.keep_search {
        true => Searchable::Yes,
        false => Searchable::No,
    };
    let mut article = match options.listed_only {
        true => parse_bytes_listed(&bytes, rules),
        false => parse_bytes_with(&bytes, rules, searchable),
    };
    if searchable == Searchable::Yes {
        with_story_terms(&mut article);
    }
    if article.paragraphs.is_empty() && article.title.trim().is_empty() && article.lead.is_none() {
        let reason = if bytes.iter().all(u8::is_ascii_whitespace) || article.removed.is_empty() {
            "empty (nothing but white space); skipped"
        } else if article.removed.iter().all(|r| r.rule == "punctuation") {
            "no article text (nothing but punctuation); skipped"
        } else {
            "no article text (only boilerplate); skipped"
        };
        return Err((skip(reason.into()), false));
    }
    article.path = std::sync::Arc::from(path);
    article.origin = Origin::File;
    if let Some(modified) = modified {
        article.drop_date_after(modified);
    }
    // A very large article keeps its body: reading it again would make opening it slow.
    if !options.keep_body && bytes.len() < KEEP_BODY_FROM {
        article.drop_body();
    }
    Ok(article)
}
