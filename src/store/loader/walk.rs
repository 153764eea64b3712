//! The folder walk: which files are articles, each once, with ids unique within one load.

use super::read::kind_of;
use crate::store::{FileStamp, Skipped};
use rustc_hash::{FxHashMap, FxHashSet};
use std::fs::Metadata;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// A file found by the walk, with the id it will get.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub path: PathBuf,
    pub id: String,
    /// The file as the walk saw it: which file, and which version of it.
    pub stamp: FileStamp,
    /// A hash of its path below the folder named (its name, when it was named itself): the
    /// same however that folder was written (`news`, `./news/`, an absolute path).
    pub place: u64,
}

pub fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
}

/// Why a path whose metadata cannot be read is skipped, in words.
fn unreadable(path: &Path, error: &std::io::Error) -> String {
    if error.raw_os_error() == Some(libc::ELOOP) {
        "a symlink loop; skipped".into()
    } else if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        "a link to nothing (broken link); skipped".into()
    } else {
        format!("cannot be read ({error}); skipped")
    }
}

/// Whether a file found in a folder walk is read as an article.
fn is_article_name(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        None => true,
        Some(ext) => ["txt", "text", "md"]
            .iter()
            .any(|a| ext.eq_ignore_ascii_case(a)),
    }
}

/// A folder walk that follows links to folders at most once each. Each file found is handed
/// on at once, so that loading it need not wait for the rest of the walk.
#[derive(Default)]
pub struct Walk {
    pub skipped: Vec<Skipped>,
    seen_folders: FxHashSet<(u64, u64)>,
    seen_files: FxHashSet<(u64, u64)>,
    ids: FxHashMap<String, usize>,
    /// The PATH being walked.
    root: PathBuf,
}

impl Walk {
    /// Walks `path`, handing each file found to `found`, in order.
    pub fn root(&mut self, path: &Path, found: &mut dyn FnMut(Candidate)) {
        self.root = path.to_path_buf();
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => self.folder(path, &m, found),
            Ok(m) => self.file(path.to_path_buf(), &m, found),
            Err(e) => self.skipped.push(Skipped {
                path: path.to_path_buf(),
                reason: unreadable(path, &e),
            }),
        }
    }

    fn folder(&mut self, path: &Path, metadata: &Metadata, found: &mut dyn FnMut(Candidate)) {
        if !self.seen_folders.insert((metadata.dev(), metadata.ino())) {
            return;
        }
        let entries = match std::fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) => {
                self.skipped.push(Skipped {
                    path: path.to_path_buf(),
                    reason: format!("folder cannot be read ({e}); skipped"),
                });
                return;
            }
        };
        // Sorted by name (the same order as by path, in one folder), without the path's
        // component-by-component comparison.
        let mut children: Vec<(std::ffi::OsString, std::fs::DirEntry)> = entries
            .filter_map(Result::ok)
            .map(|e| (e.file_name(), e))
            .filter(|(name, _)| !name.as_encoded_bytes().starts_with(b"."))
            .collect();
        children.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (_, entry) in children {
            let child = entry.path();
            // A link is followed to what it names; anything else is looked up by its folder's
            // handle, not its whole path again.
            let metadata = match entry.file_type() {
                Ok(kind) if !kind.is_symlink() => entry.metadata(),
                _ => std::fs::metadata(&child),
            };
            match metadata {
                Ok(m) if m.is_dir() => self.folder(&child, &m, found),
                Ok(m) => {
                    if is_article_name(&child) {
                        self.file(child, &m, found);
                    }
                }
                Err(e) => {
                    if is_article_name(&child) {
                        let reason = unreadable(&child, &e);
                        self.skipped.push(Skipped {
                            path: child,
                            reason,
                        });
                    }
                }
            }
        }
    }

    fn file(&mut self, path: PathBuf, metadata: &Metadata, found: &mut dyn FnMut(Candidate)) {
        if !metadata.is_file() {
            self.skipped.push(Skipped {
                path,
                reason: format!("not a regular file ({}); skipped", kind_of(metadata)),
            });
            return;
        }
        // The same file reached twice (through a link, or named twice) loads once.
        if !self.seen_files.insert((metadata.dev(), metadata.ino())) {
            return;
        }
        let stem = stem(&path);
        let count = self.ids.entry(stem.clone()).or_insert(0);
        *count += 1;
        let id = if *count == 1 {
            stem
        } else {
            format!("{stem}-{count}")
        };
        let place = xxhash_rust::xxh3::xxh3_64(below(&path, &self.root));
        found(Candidate {
            path,
            id,
            stamp: FileStamp::of(metadata),
            place,
        });
    }
}

/// The bytes of `path` below `root`, or its name when it is `root` itself. The walk makes
/// every path by joining names onto the root as written, so the root's bytes start it; only
/// otherwise are the two compared component by component (the slow way, which also reads
/// `news/./` and `news` as one folder).
fn below<'a>(path: &'a Path, root: &Path) -> &'a [u8] {
    let root_bytes = root.as_os_str().as_encoded_bytes();
    let joined = (path.as_os_str().as_encoded_bytes())
        .strip_prefix(root_bytes)
        .and_then(|rest| match root_bytes.ends_with(b"/") || rest.is_empty() {
            true => Some(rest),
            // None when the root's bytes end inside a name ("news" before "news2/a.txt").
            false => rest.strip_prefix(b"/"),
        });
    let below = joined.or_else(|| {
        path.strip_prefix(root)
            .ok()
            .map(|below| below.as_os_str().as_encoded_bytes())
    });
    match below {
        Some(rest) if !rest.is_empty() => rest,
        _ => path
            .file_name()
            .unwrap_or(path.as_os_str())
            .as_encoded_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_files_place_is_its_path_below_the_folder_named_however_that_is_written() {
        let dir = tempfile::tempdir().unwrap();
        for folder in ["a", "b"] {
            std::fs::create_dir_all(dir.path().join("news").join(folder)).unwrap();
            std::fs::write(dir.path().join("news").join(folder).join("01.txt"), "x").unwrap();
        }
        let places = |root: &Path| {
            let mut places = Vec::new();
            Walk::default().root(root, &mut |c| places.push(c.place));
            places
        };
        let news = dir.path().join("news");
        let plain = places(&news);
        assert_eq!(plain.len(), 2);
        assert_ne!(plain[0], plain[1], "a/01.txt and b/01.txt are two places");
        assert_eq!(places(&dir.path().join("news/./")), plain);
        assert_eq!(places(&dir.path().join("news/../news")), plain);
        assert_eq!(places(&dir.path().join("news/")), plain);
        assert_eq!(places(&dir.path().join("news//")), plain);
        assert_eq!(places(&dir.path().join("news/.")), plain);
        // A file named itself: its name.
        let alone = places(&news.join("a/01.txt"));
        assert_eq!(alone, [xxhash_rust::xxh3::xxh3_64(b"01.txt")]);
    }

    #[test]
    fn below_the_root_is_what_comparing_components_gives() {
        let cases = [
            ("news/a/01.txt", "news"),
            ("news/a/01.txt", "news/"),
            ("news//a/01.txt", "news//"),
            ("news/./a/01.txt", "news/./"),
            ("news/./a/01.txt", "news/."),
            ("./news/a/01.txt", "./news"),
            ("/srv/news/a/01.txt", "/srv/news"),
            ("/a/01.txt", "/"),
            // The root's bytes, but inside a name: not below it.
            ("news2/a/01.txt", "news"),
            ("news/01.txt", "news/01.txt"),
        ];
        for (path, root) in cases {
            let (path, root) = (Path::new(path), Path::new(root));
            let slow = match path.strip_prefix(root) {
                Ok(b) if !b.as_os_str().is_empty() => b.as_os_str(),
                _ => path.file_name().unwrap(),
            };
            assert_eq!(
                below(path, root),
                slow.as_encoded_bytes(),
                "{path:?} {root:?}"
            );
        }
    }

    #[test]
    fn article_names() {
        assert!(is_article_name(Path::new("a/b.txt")));
        assert!(is_article_name(Path::new("a/b.MD")));
        assert!(is_article_name(Path::new("a/README")));
        assert!(!is_article_name(Path::new("a/photo.jpg")));
    }
}
