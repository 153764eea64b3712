//! An article's folded body text, as searches read it. It is nearly as large as the corpus,
//! and once the word index has an article's words only the searches the index cannot answer
//! (exact text with punctuation, terms with punctuation) read it: so the reader keeps it
//! packed from then on. Bodies are packed a run of neighbours at a time into one LZ4 block
//! (up to [`BLOCK_BYTES`]): a body alone gives LZ4 little to refer back to (1.4–1.55 ×
//! smaller), a block of them twice that on the synthetic corpus. A search reads bodies in
//! store order, so each block is unpacked once per search: the last one unpacked is kept.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// A block holds bodies up to this many bytes in all (LZ4 refers back at most 64 KiB).
const BLOCK_BYTES: usize = 64 * 1024;

/// Folded body text, plain or in a packed block.
#[derive(Debug, Clone, Default)]
pub struct SearchText(Text);

#[derive(Debug, Clone, Default)]
enum Text {
    #[default]
    Empty,
    Plain(Box<str>),
    /// Bytes `start..start + len` of the block, unpacked.
    Packed {
        block: Arc<Block>,
        start: u32,
        len: u32,
    },
}

/// Several bodies, one after another, LZ4-packed with the unpacked size in front.
#[derive(Debug)]
pub struct Block {
    /// Tells blocks apart in the cache of the one unpacked last.
    id: u64,
    bytes: Box<[u8]>,
}

impl Block {
    /// A block of `bytes` as [`SearchText::pack`] makes them (read back from the parse
    /// cache). Bytes that do not unpack read as empty texts, never as garbage.
    pub fn new(bytes: Box<[u8]>) -> Arc<Block> {
        Arc::new(Block {
            id: NEXT_BLOCK_ID.fetch_add(1, Ordering::Relaxed),
            bytes,
        })
    }

    /// The packed bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// Blocks are numbered from 1: 0 is "none unpacked".
static NEXT_BLOCK_ID: AtomicU64 = AtomicU64::new(1);

thread_local! {
    /// The block unpacked last, by id: reading its other bodies unpacks nothing more.
    static UNPACKED: RefCell<(u64, Vec<u8>)> = const { RefCell::new((0, Vec::new())) };
}

impl PartialEq for SearchText {
    fn eq(&self, other: &Self) -> bool {
        self.with(|a| other.with(|b| a == b))
    }
}

impl Eq for SearchText {}

impl SearchText {
    /// Plain text, as a parse makes it.
    pub fn plain(text: String) -> SearchText {
        match text.is_empty() {
            true => SearchText(Text::Empty),
            false => SearchText(Text::Plain(text.into_boxed_str())),
        }
    }

    /// Packs the plain bodies of `texts` (once the word index has their words), neighbours
    /// together in blocks.
    pub fn pack<'a>(texts: impl IntoIterator<Item = &'a mut SearchText>) {
        let mut run: Vec<&mut SearchText> = Vec::new();
        let mut run_bytes = 0;
        let flush = |run: &mut Vec<&mut SearchText>| {
            if run.is_empty() {
                return;
            }
            let mut joined = Vec::with_capacity(run.iter().map(|t| t.held_bytes()).sum());
            let mut spans = Vec::with_capacity(run.len());
            for text in run.iter() {
                if let Text::Plain(plain) = &text.0 {
                    spans.push((joined.len() as u32, plain.len() as u32));
                    joined.extend_from_slice(plain.as_bytes());
                }
            }
            let block =
                Block::new(lz4_flex::block::compress_prepend_size(&joined).into_boxed_slice());
            for (text, (start, len)) in run.drain(..).zip(spans) {
                text.0 = Text::Packed {
                    block: Arc::clone(&block),
                    start,
                    len,
                };
            }
        };
        for text in texts {
            let Text::Plain(plain) = &text.0 else {
                continue;
            };
            if run_bytes + plain.len() > BLOCK_BYTES && !run.is_empty() {
                flush(&mut run);
                run_bytes = 0;
            }
            run_bytes += plain.len();
            run.push(text);
        }
        flush(&mut run);
    }

    /// Bytes `start..start + len` of `block`, unpacked.
    pub fn in_block(block: &Arc<Block>, start: u32, len: u32) -> SearchText {
        SearchText(Text::Packed {
            block: Arc::clone(block),
            start,
            len,
        })
    }

    /// The block holding this text, and where in it, when it is packed.
    pub fn packed(&self) -> Option<(&Arc<Block>, u32, u32)> {
        match &self.0 {
            Text::Packed { block, start, len } => Some((block, *start, *len)),
            _ => None,
        }
    }

    /// The text, when it is held plain.
    pub fn as_plain(&self) -> Option<&str> {
        match &self.0 {
            Text::Plain(text) => Some(text),
            _ => None,
        }
    }

    /// Whether there is no text.
    pub fn is_empty(&self) -> bool {
        matches!(self.0, Text::Empty)
    }

    /// The bytes this text holds: plain, or its share of its block (by its unpacked size).
    pub fn held_bytes(&self) -> usize {
        match &self.0 {
            Text::Empty => 0,
            Text::Plain(text) => text.len(),
            Text::Packed { block, len, .. } => {
                let whole = unpacked_size(&block.bytes).max(1);
                (block.bytes.len() * *len as usize).div_ceil(whole)
            }
        }
    }

    /// Runs `read` on the text, unpacking its block first unless it was the last unpacked.
    pub fn with<R>(&self, read: impl FnOnce(&str) -> R) -> R {
        let (block, start, len) = match &self.0 {
            Text::Empty => return read(""),
            Text::Plain(text) => return read(text),
            Text::Packed { block, start, len } => (block, *start as usize, *len as usize),
        };
        UNPACKED.with(|cell| match cell.try_borrow_mut() {
            Ok(mut cached) => {
                if cached.0 != block.id {
                    cached.0 = if unpack_into(block, &mut cached.1) {
                        block.id
                    } else {
                        0
                    };
                }
                read(slice(&cached.1, start, len))
            }
            // Read from within a read: a buffer of its own.
            Err(_) => {
                let mut buffer = Vec::new();
                unpack_into(block, &mut buffer);
                read(slice(&buffer, start, len))
            }
        })
    }
}

fn unpacked_size(bytes: &[u8]) -> usize {
    bytes
        .get(..4)
        .and_then(|b| b.try_into().ok())
        .map_or(0, |b| u32::from_le_bytes(b) as usize)
}

/// Unpacks `block` into `buffer`; false (and an empty buffer) if it would not unpack, which
/// cannot happen to a block packed here — the body then reads as empty, never as garbage.
fn unpack_into(block: &Block, buffer: &mut Vec<u8>) -> bool {
    let size = unpacked_size(&block.bytes);
    buffer.clear();
    buffer.resize(size, 0);
    match lz4_flex::block::decompress_into(block.bytes.get(4..).unwrap_or_default(), buffer) {
        Ok(n) if n == size => true,
        _ => {
            buffer.clear();
            false
        }
    }
}

fn slice(buffer: &[u8], start: usize, len: usize) -> &str {
    buffer
        .get(start..start + len)
        .and_then(|bytes| std::str::from_utf8(bytes).ok())
        .unwrap_or_default()
}

impl From<String> for SearchText {
    fn from(text: String) -> SearchText {
        SearchText::plain(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bodies(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| {
                format!("kim jong un dan putin {i} menandatangani perjanjian kemitraan\n")
                    .repeat(30 + i % 7)
                    + "é ü ñ — 東京\n"
            })
            .collect()
    }

    #[test]
    fn packed_bodies_read_back_the_same_in_any_order() {
        let plain = bodies(60);
        let mut texts: Vec<SearchText> = plain.iter().cloned().map(SearchText::plain).collect();
        SearchText::pack(&mut texts);
        let held: usize = texts.iter().map(SearchText::held_bytes).sum();
        let total: usize = plain.iter().map(String::len).sum();
        assert!(held < total / 3, "{held} of {total}");
        // Several blocks (60 bodies of about 2 KB): read forwards, backwards, and one from
        // inside the reading of another.
        for i in (0..60).chain((0..60).rev()) {
            assert_eq!(texts[i].with(str::to_string), plain[i], "body {i}");
        }
        let both = texts[3].with(|a| texts[50].with(|b| a.len() + b.len()));
        assert_eq!(both, plain[3].len() + plain[50].len());
    }

    #[test]
    fn empty_and_already_packed_texts_are_left_as_they_are() {
        let mut texts = vec![
            SearchText::default(),
            SearchText::plain("pendek".into()),
            SearchText::plain(String::new()),
        ];
        SearchText::pack(&mut texts);
        assert!(texts[0].is_empty() && texts[2].is_empty());
        assert_eq!(texts[1].with(str::to_string), "pendek");
        let before = texts[1].with(str::to_string);
        SearchText::pack(&mut texts);
        assert_eq!(texts[1].with(str::to_string), before);
        assert_eq!(texts[0].with(str::len), 0);
    }
}
