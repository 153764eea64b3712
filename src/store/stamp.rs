//! Which version of a file the walk saw, told without reading it.

use std::fs::Metadata;
use std::os::unix::fs::MetadataExt;

/// What tells one version of a file from another without reading it: the file (device and
/// inode, so a renamed file is still known) and its size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileStamp {
    pub device: u64,
    pub inode: u64,
    pub size: u64,
    pub modified_ns: i64,
}

impl FileStamp {
    pub fn of(metadata: &Metadata) -> FileStamp {
        FileStamp {
            device: metadata.dev(),
            inode: metadata.ino(),
            size: metadata.size(),
            modified_ns: metadata
                .mtime()
                .saturating_mul(1_000_000_000)
                .saturating_add(metadata.mtime_nsec()),
        }
    }
}
