//! An article's folded body text, as searches read it. It is nearly as large as the corpus,
//! and once the word index has an article's words only the searches the index cannot answer
//! (exact text, terms with punctuation) read it: so the reader keeps it compressed from then
//! on (LZ4, which reads back at gigabytes a second) and a search unpacks one body at a time.

use std::cell::RefCell;

/// Bodies shorter than this stay as they are: packing them saves next to nothing.
const PACK_FROM: usize = 256;

/// Folded body text, plain or packed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchText {
    bytes: Box<[u8]>,
    packed: bool,
}

thread_local! {
    /// One unpacked body, kept between calls so that reading bodies allocates nothing.
    static UNPACKED: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

impl SearchText {
    /// Plain text, as a parse makes it.
    pub fn plain(text: String) -> SearchText {
        SearchText {
            bytes: text.into_bytes().into_boxed_slice(),
            packed: false,
        }
    }

    /// Packs the text (once the word index has its words).
    pub fn pack(&mut self) {
        if self.packed || self.bytes.len() < PACK_FROM {
            return;
        }
        self.bytes = lz4_flex::block::compress_prepend_size(&self.bytes).into_boxed_slice();
        self.packed = true;
    }

    /// Whether there is no text.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The bytes held (packed or not).
    pub fn held_bytes(&self) -> usize {
        self.bytes.len()
    }

    /// Runs `read` on the text, unpacking it first when it is packed.
    pub fn with<R>(&self, read: impl FnOnce(&str) -> R) -> R {
        if !self.packed {
            return read(std::str::from_utf8(&self.bytes).unwrap_or_default());
        }
        UNPACKED.with(|cell| match cell.try_borrow_mut() {
            Ok(mut buffer) => read(self.unpack_into(&mut buffer)),
            // Read from within a read (not done today): a buffer of its own.
            Err(_) => read(self.unpack_into(&mut Vec::new())),
        })
    }

    fn unpack_into<'b>(&self, buffer: &'b mut Vec<u8>) -> &'b str {
        let (size, packed) = self.bytes.split_at(4.min(self.bytes.len()));
        let size = u32::from_le_bytes(size.try_into().unwrap_or([0; 4])) as usize;
        buffer.clear();
        buffer.resize(size, 0);
        // The bytes were packed here from a string, so they unpack whole and as UTF-8; were
        // they ever not, the body reads as empty rather than as garbage.
        match lz4_flex::block::decompress_into(packed, buffer) {
            Ok(n) if n == size => std::str::from_utf8(buffer).unwrap_or_default(),
            _ => "",
        }
    }
}

impl From<String> for SearchText {
    fn from(text: String) -> SearchText {
        SearchText::plain(text)
    }
}

impl From<&str> for SearchText {
    fn from(text: &str) -> SearchText {
        SearchText::plain(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_text_reads_back_the_same() {
        let text = "kim jong un dan putin menandatangani perjanjian kemitraan strategis\n"
            .repeat(20)
            + "é ü ñ — 東京\n";
        let mut body = SearchText::plain(text.clone());
        body.pack();
        assert!(body.held_bytes() < text.len() / 2, "{}", body.held_bytes());
        assert_eq!(body.with(str::to_string), text);
        // Read twice (the buffer reused), and from inside another read.
        assert_eq!(
            body.with(|t| body.with(|inner| inner.len()) + t.len()),
            2 * text.len()
        );
    }

    #[test]
    fn short_text_stays_plain_and_empty_is_empty() {
        let mut body = SearchText::plain("pendek".into());
        body.pack();
        assert_eq!(body.held_bytes(), 6);
        assert_eq!(body.with(str::to_string), "pendek");
        let mut empty = SearchText::default();
        empty.pack();
        assert!(empty.is_empty());
        assert_eq!(empty.with(str::len), 0);
    }
}
