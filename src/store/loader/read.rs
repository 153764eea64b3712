//! The one way warta opens a file to read it — at load, and again when an article is shown,
//! piped to a pager or copied: without blocking (a FIFO put in a file's place must never
//! hang the reader), only a regular file, and never more than the size cap.

use crate::article::parse::{self, Searchable};
use crate::article::{Article, Origin};
use crate::rules::Rules;
use crate::store::{DEFAULT_MAX_FILE_SIZE, human_size};
use std::borrow::Cow;
use std::fs::Metadata;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;
use thiserror::Error;

/// How many bytes at the start of a file are checked for NUL to call it binary.
pub const BINARY_SNIFF: usize = 8 * 1024;

/// Why a file could not be read.
#[derive(Debug, Error)]
pub enum ReadError {
    #[error("cannot be read ({0})")]
    Io(#[from] std::io::Error),
    #[error("not a regular file ({0})")]
    NotRegular(&'static str),
    #[error("{} is over the {} size cap", human_size(*.size), human_size(*.cap))]
    TooLarge { size: u64, cap: u64 },
    #[error("grew past the {} size cap while being read", human_size(*.0))]
    Grew(u64),
}

/// Reads a whole regular file of at most `cap` bytes.
pub fn read_regular(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    read_regular_timed(path, cap).map(|(bytes, _)| bytes)
}

/// [`read_regular`], with the file's modification time when the system gives one.
pub fn read_regular_timed(
    path: &Path,
    cap: u64,
) -> Result<(Vec<u8>, Option<std::time::SystemTime>), ReadError> {
    // O_NONBLOCK: opening a FIFO must never wait for a writer.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular(kind_of(&metadata)));
    }
    if metadata.len() > cap {
        return Err(ReadError::TooLarge {
            size: metadata.len(),
            cap,
        });
    }
    let bytes = read_sized(file.take(cap.saturating_add(1)), metadata.len() as usize)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::Grew(cap));
    }
    Ok((bytes, metadata.modified().ok()))
}

/// Reads `reader` to its end, `size` bytes expected. One byte more than expected is asked
/// for, so a file read whole in one call needs no second call to find its end: a regular
/// file's read that gives fewer bytes than asked for, all that were expected, is at its end.
/// A file that grew (or one that told no size, as some system files do) is read on.
fn read_sized(mut reader: impl Read, size: usize) -> std::io::Result<Vec<u8>> {
    let mut bytes = vec![0; size + 1];
    let mut filled = 0;
    loop {
        if filled == bytes.len() {
            bytes.resize(bytes.len() * 2, 0);
        }
        let asked = bytes.len() - filled;
        let got = match reader.read(&mut bytes[filled..]) {
            Ok(got) => got,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        filled += got;
        if got == 0 || (got < asked && filled == size) {
            bytes.truncate(filled);
            return Ok(bytes);
        }
    }
}

/// What kind of thing a path that is not a regular file is, in words.
pub fn kind_of(metadata: &Metadata) -> &'static str {
    let kind = metadata.file_type();
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

/// Whether bytes look like a binary file: a NUL near the start, unless they are UTF-16 text.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let has_utf16_bom = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    !has_utf16_bom && memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF)]).is_some()
}

/// Reading an article's text again, for showing it: the store lets bodies go to save memory.
pub trait ReadAgain {
    /// The original bytes as they were read, nothing removed.
    fn raw_bytes(&self) -> std::io::Result<Vec<u8>>;
    /// The whole article: itself when it has its body, else parsed again from its origin.
    fn full(&self, rules: &Rules) -> std::io::Result<Cow<'_, Article>>;
}

impl ReadAgain for Article {
    fn raw_bytes(&self) -> std::io::Result<Vec<u8>> {
        match &self.origin {
            Origin::File => read_regular(&self.path, DEFAULT_MAX_FILE_SIZE).map_err(|e| match e {
                ReadError::Io(e) => e,
                other => std::io::Error::new(std::io::ErrorKind::InvalidInput, other.to_string()),
            }),
            Origin::Bundled(bytes) => Ok(bytes.to_vec()),
            Origin::Memory => Ok(Vec::new()),
        }
    }

    fn full(&self, rules: &Rules) -> std::io::Result<Cow<'_, Article>> {
        if self.has_body {
            return Ok(Cow::Borrowed(self));
        }
        let bytes = self.raw_bytes()?;
        // Shown, not searched: the store already has this article's search text.
        let mut article = parse::parse_bytes_with(&bytes, rules, Searchable::No);
        article.id.clone_from(&self.id);
        article.path.clone_from(&self.path);
        article.origin = self.origin.clone();
        article.content_hash = self.content_hash;
        // The store's date was checked against the file's time when it was loaded.
        article.date = self.date;
        article.date_inferred = self.date_inferred;
        if article.outlet == self.outlet {
            // Keep sharing the store's copy of the name.
            article.outlet.clone_from(&self.outlet);
        }
        Ok(Cow::Owned(article))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader of `text` that gives at most `step` bytes a call, and counts its calls.
    struct Trickle<'a> {
        text: &'a [u8],
        step: usize,
        calls: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.calls += 1;
            let n = buf.len().min(self.step).min(self.text.len());
            buf[..n].copy_from_slice(&self.text[..n]);
            self.text = &self.text[n..];
            Ok(n)
        }
    }

    #[test]
    fn a_file_of_the_size_expected_is_read_in_one_call_and_any_other_to_its_end() {
        let text = b"0123456789";
        let mut whole = Trickle {
            text,
            step: usize::MAX,
            calls: 0,
        };
        assert_eq!(read_sized(&mut whole, 10).unwrap(), text);
        assert_eq!(whole.calls, 1);
        // Bytes a few at a time, more than expected (the file grew), or with no size told.
        for (step, size) in [
            (3, 10),
            (1, 10),
            (usize::MAX, 4),
            (3, 4),
            (usize::MAX, 0),
            (4, 0),
        ] {
            let mut reader = Trickle {
                text,
                step,
                calls: 0,
            };
            assert_eq!(
                read_sized(&mut reader, size).unwrap(),
                text,
                "{step} {size}"
            );
        }
        // Fewer than expected (the file shrank): read to the end.
        let mut short = Trickle {
            text,
            step: usize::MAX,
            calls: 0,
        };
        assert_eq!(read_sized(&mut short, 20).unwrap(), text);
        assert_eq!(read_sized(&b""[..], 0).unwrap(), b"");
    }

    #[test]
    fn only_regular_files_under_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "0123456789").unwrap();
        assert_eq!(read_regular(&file, 10).unwrap(), b"0123456789");
        assert!(matches!(
            read_regular(&file, 9),
            Err(ReadError::TooLarge { size: 10, cap: 9 })
        ));
        assert!(matches!(
            read_regular(dir.path(), 100),
            Err(ReadError::NotRegular("a folder"))
        ));
        let fifo = dir.path().join("fifo");
        let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            read_regular(&fifo, 100),
            Err(ReadError::NotRegular("a FIFO"))
        ));
        assert!(looks_binary(b"ab\0cd"));
        assert!(!looks_binary(b"\xff\xfea\0b\0"));
    }
}
