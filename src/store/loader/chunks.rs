//! Which files a loading thread takes together: chunks of neighbours in the walk's order,
//! cut where the files' own places say, so that the chunks of an unchanged folder are the
//! same from one start to the next (the parse cache keeps what each chunk gave).

use super::walk::Candidate;

/// Chunks of files a loading thread takes at a time: a chunk ends after a file whose place
/// (its path below the folder named) hashes to a multiple of this (so about this many files,
/// and adding or removing a file changes only its own chunk), or at [`CHUNK_MAX`] files.
///
/// Each thread holds one chunk's articles, index and cache record at a time, so this sets the
/// loading threads' share of the peak: at 100,000 articles, chunks of about 512 (at most
/// 2,048) raised a first start's peak by 19 MiB over a start without the cache, and 256 (at
/// most 1,024) by 12 MiB, with every start's peak 9–16 MiB lower (`bench_memory`).
pub const CHUNK_MARK: u64 = 256;
pub const CHUNK_MAX: usize = 1024;

/// Whether the chunk that has `len` files with `candidate` last ends after it: its place
/// is a multiple of `mark`, or the chunk has `max` files.
fn ends_chunk(candidate: &Candidate, len: usize, mark: u64, max: usize) -> bool {
    candidate.place.is_multiple_of(mark) || len >= max
}

/// Cuts the walk's files into chunks of neighbours as it finds them, each ending after a file
/// whose place ([`Candidate::place`]) is a multiple of `mark`, or at `max` files, and handed
/// on as soon as its last file is found. Where a chunk ends depends on that file's place
/// alone (and `max`), so a file added or removed changes only the chunk it is in, and the
/// rest of a folder's chunks are the same as last time (see [`crate::store::cache`]) —
/// however the folder was named (`news`, `./news`, `~/news`).
pub struct Chunker {
    mark: u64,
    max: usize,
    files: Vec<Candidate>,
}

impl Chunker {
    pub fn new(mark: u64, max: usize) -> Chunker {
        Chunker {
            mark,
            max,
            files: Vec::new(),
        }
    }

    /// Adds the next file; gives the chunk it ends, if it ends one.
    pub fn push(&mut self, candidate: Candidate) -> Option<Vec<Candidate>> {
        let ends = ends_chunk(&candidate, self.files.len() + 1, self.mark, self.max);
        self.files.push(candidate);
        ends.then(|| std::mem::take(&mut self.files))
    }

    /// The last chunk, when files are left after the walk.
    pub fn finish(self) -> Option<Vec<Candidate>> {
        (!self.files.is_empty()).then_some(self.files)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ops::Range;

    /// The chunks of a whole list of files, as ranges: what [`Chunker`] must make one by one.
    fn chunk_ranges(candidates: &[Candidate], mark: u64, max: usize) -> Vec<Range<usize>> {
        let mut chunks = Vec::new();
        let mut start = 0;
        for (i, candidate) in candidates.iter().enumerate() {
            if ends_chunk(candidate, i + 1 - start, mark, max) {
                chunks.push(start..i + 1);
                start = i + 1;
            }
        }
        if start < candidates.len() {
            chunks.push(start..candidates.len());
        }
        chunks
    }

    use crate::store::FileStamp;
    use std::path::PathBuf;

    fn candidates(names: &[String]) -> Vec<Candidate> {
        names
            .iter()
            .map(|name| Candidate {
                path: PathBuf::from("news").join(name),
                id: name.clone(),
                place: xxhash_rust::xxh3::xxh3_64(name.as_bytes()),
                stamp: FileStamp {
                    device: 0,
                    inode: 0,
                    size: 0,
                    modified_ns: 0,
                },
            })
            .collect()
    }

    /// The chunks as lists of names.
    fn chunked(names: &[String], mark: u64, max: usize) -> Vec<Vec<String>> {
        let files = candidates(names);
        chunk_ranges(&files, mark, max)
            .into_iter()
            .map(|range| files[range].iter().map(|c| c.id.clone()).collect())
            .collect()
    }

    #[test]
    fn chunks_made_as_files_are_found_are_the_chunks_of_the_whole_list() {
        let names: Vec<String> = (0..3000).map(|n| format!("{n:05}.txt")).collect();
        for (mark, max) in [(CHUNK_MARK, CHUNK_MAX), (16, 20), (u64::MAX, 7)] {
            let mut chunker = Chunker::new(mark, max);
            let mut streamed: Vec<Vec<String>> = candidates(&names)
                .into_iter()
                .filter_map(|c| chunker.push(c))
                .map(|chunk| chunk.into_iter().map(|c| c.id).collect())
                .collect();
            streamed.extend(
                chunker
                    .finish()
                    .map(|c| c.into_iter().map(|c| c.id).collect()),
            );
            assert_eq!(
                streamed,
                chunked(&names, mark, max),
                "mark {mark}, max {max}"
            );
        }
    }

    #[test]
    fn chunks_cover_every_file_in_order_and_end_at_the_cap() {
        let names: Vec<String> = (0..5000).map(|n| format!("{n:05}.txt")).collect();
        let chunks = chunked(&names, CHUNK_MARK, CHUNK_MAX);
        assert_eq!(chunks.concat(), names);
        assert!(chunks.iter().all(|c| !c.is_empty() && c.len() <= CHUNK_MAX));
        assert!((4..=40).contains(&chunks.len()), "{} chunks", chunks.len());
        let capped = chunked(&names, u64::MAX, 1000);
        assert_eq!(capped.iter().map(Vec::len).collect::<Vec<_>>(), [1000; 5]);
        assert!(chunked(&[], CHUNK_MARK, CHUNK_MAX).is_empty());
    }

    proptest::proptest! {
        /// A file added or removed changes at most the chunk it is in (which an added file
        /// may split in two): every other chunk is as it was, so its cache is still good.
        #[test]
        fn a_file_added_or_removed_changes_only_its_own_chunk(
            count in 1usize..300,
            at in 0usize..300,
            seed in 0u64..1000,
        ) {
            let names: Vec<String> = (0..count).map(|n| format!("{seed}-{n:04}.txt")).collect();
            let at = at % count;
            let mut added = names.clone();
            added.insert(at, format!("{seed}-{at:04}a.txt"));
            let mut removed = names.clone();
            removed.remove(at);
            let before = chunked(&names, 8, 1000);
            for (after, most) in [(chunked(&added, 8, 1000), 2), (chunked(&removed, 8, 1000), 1)] {
                let new = after.iter().filter(|c| !before.contains(c)).count();
                proptest::prop_assert!(new <= most, "{new} chunks changed");
                let gone = before.iter().filter(|c| !after.contains(c)).count();
                proptest::prop_assert!(gone <= 2, "{gone} chunks gone");
            }
        }
    }
}
