//! The stories a folder's articles formed, kept beside the parse cache: forming them takes
//! seconds at 100,000 articles — longer than a load from the cache — and they depend only on
//! what the grouping reads of each article. The file is named by a hash of that (and of the
//! binary), so stories are reused exactly when the grouping would find the same ones.

use crate::stories::cluster::{self, Doc};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"WARTAST2";

/// The story numbers kept under `key` in `folder`, if they are whole and there are `count`.
pub fn load(folder: &Path, key: u64, count: usize) -> Option<Vec<u32>> {
    let bytes = std::fs::read(path(folder, key)).ok()?;
    let (head, rest) = bytes.split_at_checked(24)?;
    if &head[..8] != MAGIC
        || head[8..16] != key.to_le_bytes()
        || head[16..24] != xxhash_rust::xxh3::xxh3_64(rest).to_le_bytes()
        || rest.len() != count.checked_mul(4)?
    {
        return None;
    }
    let numbers = rest
        .chunks_exact(4)
        .map(|n| u32::from_le_bytes(n.try_into().expect("four bytes")))
        .collect();
    // Marks it as used now, so pruning keeps it.
    if let Ok(file) = std::fs::File::options().write(true).open(path(folder, key)) {
        let _ = file.set_modified(std::time::SystemTime::now());
    }
    Some(numbers)
}

/// Keeps `numbers` under `key` in `folder` (written aside, then renamed into place); a
/// failure to write is let be: the stories are formed again next time.
pub fn save(folder: &Path, key: u64, numbers: &[u32]) {
    let rest: Vec<u8> = numbers.iter().flat_map(|n| n.to_le_bytes()).collect();
    let mut bytes = MAGIC.to_vec();
    bytes.extend_from_slice(&key.to_le_bytes());
    bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&rest).to_le_bytes());
    bytes.extend_from_slice(&rest);
    let temporary = folder.join(format!("{key:016x}.{}.tmp", std::process::id()));
    let written = std::fs::create_dir_all(folder)
        .and_then(|()| std::fs::write(&temporary, &bytes))
        .and_then(|()| std::fs::rename(&temporary, path(folder, key)));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    super::prune(folder);
}

/// The key of the stories of `docs`: what the grouping reads of them, in their order, and
/// this build of warta.
pub fn key(docs: &[Doc<'_>]) -> Option<u64> {
    let stamp = super::binary_stamp()?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(MAGIC);
    hasher.update(&stamp.size.to_le_bytes());
    hasher.update(&stamp.modified_ns.to_le_bytes());
    cluster::grouping_input(docs, |bytes| hasher.update(bytes));
    Some(hasher.digest())
}

/// The stories' numbers of `docs`: from the cache in `folder` when these documents were
/// grouped before, else grouped now (and kept there, when there is a folder).
pub fn group(folder: Option<&Path>, docs: &[Doc<'_>]) -> Vec<u32> {
    let Some((folder, key)) = folder.zip(key(docs)) else {
        return cluster::group(docs);
    };
    if let Some(numbers) = load(folder, key, docs.len())
        && numbers.iter().all(|&n| (n as usize) < docs.len())
    {
        return numbers;
    }
    let numbers = cluster::group(docs);
    save(folder, key, &numbers);
    numbers
}

fn path(folder: &Path, key: u64) -> PathBuf {
    folder.join(format!("{key:016x}.stories"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_come_back_only_whole_and_under_their_key() {
        let dir = tempfile::tempdir().unwrap();
        let numbers: Vec<u32> = (0..1000).map(|n| n % 37).collect();
        assert_eq!(load(dir.path(), 7, 1000), None);
        save(dir.path(), 7, &numbers);
        assert_eq!(load(dir.path(), 7, 1000), Some(numbers.clone()));
        assert_eq!(load(dir.path(), 8, 1000), None, "another key");
        assert_eq!(load(dir.path(), 7, 999), None, "another count");
        let file = dir.path().join(format!("{:016x}.stories", 7));
        let whole = std::fs::read(&file).unwrap();
        for at in [0, 9, 20, 30, whole.len() - 1] {
            let mut damaged = whole.clone();
            damaged[at] ^= 1;
            std::fs::write(&file, &damaged).unwrap();
            assert_eq!(load(dir.path(), 7, 1000), None, "byte {at} damaged");
        }
        std::fs::write(&file, &whole[..whole.len() - 4]).unwrap();
        assert_eq!(load(dir.path(), 7, 1000), None, "cut short");
    }
}

#[cfg(test)]
mod grouping_tests {
    use super::*;
    use crate::stories::terms::{Term, hash_word};

    fn doc(words: &[&str], day: i32) -> Doc<'static> {
        let mut terms: Vec<Term> = words
            .iter()
            .map(|w| Term::new(hash_word(w), 2, false))
            .collect();
        terms.sort_by_key(|t| t.hash);
        Doc {
            terms: terms.leak(),
            day: Some(day),
            month_day: None,
        }
    }

    #[test]
    fn stories_are_grouped_once_then_read_back_for_the_same_articles_only() {
        let dir = tempfile::tempdir().unwrap();
        let docs = [
            doc(&["putin", "kim", "pyongyang", "treaty"], 10),
            doc(&["flood", "jakarta", "evacuated"], 10),
            doc(&["putin", "kim", "pyongyang", "signed"], 11),
        ];
        let grouped = cluster::group(&docs);
        assert_eq!(grouped, [0, 1, 0]);
        assert_eq!(group(Some(dir.path()), &docs), grouped);
        // What is kept is what is read: numbers put under the same key come back…
        let key = key(&docs).unwrap();
        save(dir.path(), key, &[0, 1, 2]);
        assert_eq!(group(Some(dir.path()), &docs), [0, 1, 2]);
        // …but not for other articles, nor when they cannot be these articles' stories.
        let other = [
            docs[0],
            docs[1],
            doc(&["putin", "kim", "pyongyang", "signed"], 30),
        ];
        assert_eq!(group(Some(dir.path()), &other), cluster::group(&other));
        save(dir.path(), key, &[0, 1, 7]);
        assert_eq!(group(Some(dir.path()), &docs), grouped);
    }
}
