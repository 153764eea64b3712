//! An article as the parse cache stores it: every field the load makes, in a fixed order,
//! numbers little-endian and texts length-first. Reading checks every length against what is
//! there, so a damaged entry reads as nothing rather than as a wrong article.

use crate::article::dates::TimeOfDay;
use crate::article::search_text::{Block, SearchText};
use crate::article::{Article, ArticleDate, Origin, Removed, StoryTerm};
use crate::index::BatchIndex;
use std::collections::HashMap;
use std::sync::Arc;

/// Bytes before a chunk's parts: the checksum of all that follows, and the length of the
/// packed part.
const HEAD: usize = 8 + 4;

/// What a chunk of files gave, read back: for each file in order its article or why it was
/// skipped, and the chunk's word index when it was made.
#[derive(Debug, Default)]
pub struct Chunk {
    pub items: Vec<Result<Article, String>>,
    pub index: Option<BatchIndex>,
}

/// Appends all of a chunk but its blocks to `out`, and gives the blocks, whose bytes follow
/// it one after another (the checksum in front covers them too). Written so, a chunk's
/// bodies are never copied into one buffer.
///
/// The rest is packed as it is written, in pieces of about [`PIECE`] bytes (each its raw and
/// packed length, then its LZ4 block), so neither the unpacked whole nor room for packing it
/// is ever held: at 100,000 articles those were a first start's largest buffers. `piece` is
/// the buffer a piece is gathered in, to reuse (loading threads keep theirs).
pub fn encode_chunk_head<'a>(
    items: impl IntoIterator<Item = Result<&'a Article, &'a str>>,
    index: Option<&BatchIndex>,
    piece: &mut Vec<u8>,
    out: &mut Vec<u8>,
) -> Vec<Arc<Block>> {
    let items: Vec<_> = items.into_iter().collect();
    // The blocks first (numbered in the order the bodies name them), so a reader has them
    // before the articles.
    let mut blocks: Vec<&Arc<Block>> = Vec::new();
    let mut numbers: HashMap<*const Block, u32> = HashMap::new();
    for article in items.iter().flatten() {
        if let Some((block, _, _)) = article.search_body.packed() {
            numbers.entry(Arc::as_ptr(block)).or_insert_with(|| {
                blocks.push(block);
                blocks.len() as u32 - 1
            });
        }
    }
    piece.clear();
    let start = out.len();
    out.extend_from_slice(&[0; HEAD]);
    let mut w = Writer { raw: piece, out };
    w.u32(blocks.len() as u32);
    for block in &blocks {
        w.u32(block.bytes().len() as u32);
    }
    w.u32(items.len() as u32);
    for item in items {
        match item {
            Ok(article) => {
                w.u8(0);
                encode_article(article, &mut w, |block| numbers[&Arc::as_ptr(block)]);
            }
            Err(reason) => {
                w.u8(1);
                w.str(reason);
            }
        }
    }
    w.optional(index, |w, index| {
        let lists = index.lists();
        for lists in [&lists.words, &lists.joined] {
            w.u32(lists.len() as u32);
            for (word, articles) in lists {
                w.str(word);
                w.u32(articles.len() as u32);
                // In order, each as its distance from the one before: one byte each.
                let mut previous = 0;
                for &article in *articles {
                    w.u32(article.wrapping_sub(previous));
                    previous = article;
                }
            }
        }
        w.u32(lists.initials.len() as u32);
        for initials in lists.initials {
            w.u64(*initials);
        }
    });
    w.pack();
    let meta_len = (out.len() - start - HEAD) as u32;
    out[start + 8..start + HEAD].copy_from_slice(&meta_len.to_le_bytes());
    let mut checksum = xxhash_rust::xxh3::Xxh3::new();
    checksum.update(&out[start + 8..]);
    for block in &blocks {
        checksum.update(block.bytes());
    }
    out[start..start + 8].copy_from_slice(&checksum.digest().to_le_bytes());
    blocks.into_iter().cloned().collect()
}

/// Reads a chunk written by [`encode_chunk_head`] (its blocks after it), or None when
/// `bytes` do not hold exactly one.
pub fn decode_chunk(bytes: &[u8]) -> Option<Chunk> {
    let (checksum, rest) = bytes.split_at_checked(8)?;
    if checksum != xxhash_rust::xxh3::xxh3_64(rest).to_le_bytes() {
        return None;
    }
    let meta_len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
    let packed_meta = bytes.get(HEAD..HEAD.checked_add(meta_len)?)?;
    let mut raw_blocks = &bytes[HEAD + meta_len..];
    let meta = unpack(packed_meta)?;
    let mut r = Reader(&meta);
    let blocks = (0..r.count()?)
        .map(|_| {
            let len = r.u32()? as usize;
            let (block, rest) = raw_blocks.split_at_checked(len)?;
            raw_blocks = rest;
            Some(Block::new(block.into()))
        })
        .collect::<Option<Vec<_>>>()?;
    if !raw_blocks.is_empty() {
        return None;
    }
    let items = (0..r.count()?)
        .map(|_| match r.u8()? {
            0 => decode_article(&mut r, &blocks).map(Ok),
            1 => r.string().map(Err),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    let index = r.optional(|r| {
        let words = r.lists()?;
        let joined = r.lists()?;
        let initials = (0..r.count()?)
            .map(|_| r.u64())
            .collect::<Option<Vec<_>>>()?;
        Some(BatchIndex::from_lists(words, joined, initials))
    })?;
    if !r.0.is_empty() {
        return None;
    }
    Some(Chunk { items, index })
}

fn encode_article(article: &Article, w: &mut Writer, block_number: impl Fn(&Arc<Block>) -> u32) {
    w.opt_str(article.outlet.as_deref());
    w.str(&article.title);
    w.bool(article.title_derived);
    w.opt_str(article.section.as_deref());
    w.opt_str(article.dateline.as_deref());
    w.optional(article.date, |w, date| {
        w.u32(date.year as u32);
        w.u8(date.month);
        w.u8(date.day);
        w.optional(date.time, |w, time| {
            w.u8(time.hour);
            w.u8(time.minute);
            w.u32(time.offset_minutes as i32 as u32);
        });
    });
    w.bool(article.date_inferred);
    w.optional(article.undated_day, |w, (month, day)| {
        w.u8(month);
        w.u8(day);
    });
    w.strs(&article.authors);
    w.strs(&article.editors);
    w.strs(&article.sources);
    w.opt_str(article.lead.as_deref());
    w.strs(&article.paragraphs);
    w.u32(article.removed.len() as u32);
    for removed in &article.removed {
        w.str(&removed.rule);
        w.str(&removed.text);
    }
    w.strs(&article.warnings);
    match article.search_body.packed() {
        Some((block, start, len)) => {
            w.u8(2);
            w.u32(block_number(block));
            w.u32(start);
            w.u32(len);
        }
        None => match article.search_body.as_plain() {
            Some(text) => {
                w.u8(1);
                w.str(text);
            }
            None => w.u8(0),
        },
    }
    w.str(&article.search_title);
    w.bool(article.has_body);
    w.u64(article.content_hash);
    w.u32(article.story_terms.len() as u32);
    for term in article.story_terms.iter() {
        let StoryTerm { hash, packed } = *term;
        w.fixed_u32(hash);
        w.u32(u32::from(packed));
    }
}

/// Reads an article written by [`encode_article`], its packed body in one of `blocks`.
fn decode_article(r: &mut Reader, blocks: &[Arc<Block>]) -> Option<Article> {
    let outlet = r.opt_string()?.map(Arc::<str>::from);
    let title = r.string()?;
    let title_derived = r.bool()?;
    let section = r.opt_string()?;
    let dateline = r.opt_string()?;
    let date = r.optional(|r| {
        Some(ArticleDate {
            year: r.u32()? as i32,
            month: r.u8()?,
            day: r.u8()?,
            time: r.optional(|r| {
                Some(TimeOfDay {
                    hour: r.u8()?,
                    minute: r.u8()?,
                    offset_minutes: i16::try_from(r.u32()? as i32).ok()?,
                })
            })?,
        })
    })?;
    let date_inferred = r.bool()?;
    let undated_day = r.optional(|r| Some((r.u8()?, r.u8()?)))?;
    let authors = r.strings()?;
    let editors = r.strings()?;
    let sources = r.strings()?;
    let lead = r.opt_string()?;
    let paragraphs = r.strings()?;
    let removed = (0..r.count()?)
        .map(|_| {
            Some(Removed {
                rule: r.string()?,
                text: r.string()?,
            })
        })
        .collect::<Option<thin_vec::ThinVec<_>>>()?;
    let warnings = r.strings()?;
    let search_body = match r.u8()? {
        0 => SearchText::default(),
        1 => SearchText::plain(r.string()?),
        2 => {
            let (block, start, len) = (r.u32()? as usize, r.u32()?, r.u32()?);
            SearchText::in_block(blocks.get(block)?, start, len)
        }
        _ => return None,
    };
    let search_title = r.string()?.into_boxed_str();
    let has_body = r.bool()?;
    let content_hash = r.u64()?;
    let story_terms = (0..r.count()?)
        .map(|_| {
            Some(StoryTerm {
                hash: r.fixed_u32()?,
                packed: u16::try_from(r.u32()?).ok()?,
            })
        })
        .collect::<Option<Arc<[StoryTerm]>>>()?;
    Some(Article {
        id: String::new(),
        path: crate::article::no_path(),
        outlet,
        title,
        title_derived,
        section,
        dateline,
        date,
        date_inferred,
        undated_day,
        authors,
        editors,
        sources,
        lead,
        paragraphs,
        removed,
        warnings,
        origin: Origin::File,
        search_body,
        search_title,
        has_body,
        content_hash,
        story_terms,
    })
}

/// About how many bytes of a chunk's head are packed as one piece.
const PIECE: usize = 64 * 1024;

/// Writes a chunk's head: gathers it in `raw` and packs each [`PIECE`] into `out`.
struct Writer<'a> {
    raw: &'a mut Vec<u8>,
    out: &'a mut Vec<u8>,
}

impl Writer<'_> {
    /// Packs what was gathered, once it is a piece, before more is written.
    fn room(&mut self) -> &mut Vec<u8> {
        if self.raw.len() >= PIECE {
            self.pack();
        }
        self.raw
    }

    /// Packs what was gathered as one piece: its length, its packed length, its LZ4 block.
    fn pack(&mut self) {
        if self.raw.is_empty() {
            return;
        }
        self.out
            .extend_from_slice(&(self.raw.len() as u32).to_le_bytes());
        let len_at = self.out.len();
        self.out.extend_from_slice(&[0; 4]);
        let packed_at = self.out.len();
        self.out.resize(
            packed_at + lz4_flex::block::get_maximum_output_size(self.raw.len()),
            0,
        );
        let packed = lz4_flex::block::compress_into(self.raw, &mut self.out[packed_at..])
            .expect("the output has the room LZ4 asks for");
        self.out.truncate(packed_at + packed);
        self.out[len_at..packed_at].copy_from_slice(&(packed as u32).to_le_bytes());
        self.raw.clear();
    }

    fn u8(&mut self, value: u8) {
        self.room().push(value);
    }

    fn bool(&mut self, value: bool) {
        self.u8(u8::from(value));
    }

    /// A number in as few bytes as it needs (LEB128: seven bits a byte, low first): most
    /// are counts, lengths and a chunk's article numbers, under 128.
    fn u32(&mut self, mut value: u32) {
        let room = self.room();
        while value >= 0x80 {
            room.push(value as u8 | 0x80);
            value >>= 7;
        }
        room.push(value as u8);
    }

    /// A number that is as likely to be large as small (a hash), in four bytes.
    fn fixed_u32(&mut self, value: u32) {
        self.room().extend_from_slice(&value.to_le_bytes());
    }

    fn u64(&mut self, value: u64) {
        self.room().extend_from_slice(&value.to_le_bytes());
    }

    fn str(&mut self, text: &str) {
        self.u32(text.len() as u32);
        self.room().extend_from_slice(text.as_bytes());
    }

    /// A 0 for none, or a 1 and the value (as `write` writes it).
    fn optional<T>(&mut self, value: Option<T>, write: impl FnOnce(&mut Self, T)) {
        match value {
            None => self.u8(0),
            Some(value) => {
                self.u8(1);
                write(self, value);
            }
        }
    }

    fn opt_str(&mut self, text: Option<&str>) {
        self.optional(text, Self::str);
    }

    fn strs(&mut self, texts: &[String]) {
        self.u32(texts.len() as u32);
        for text in texts {
            self.str(text);
        }
    }
}

/// A chunk's head from its packed pieces (see [`encode_chunk_head`]), or None when they do
/// not unpack to the lengths they give.
fn unpack(mut packed: &[u8]) -> Option<Vec<u8>> {
    let mut raw = Vec::new();
    while !packed.is_empty() {
        let mut r = Reader(packed);
        let (raw_len, packed_len) = (r.fixed_u32()? as usize, r.fixed_u32()? as usize);
        // LZ4 makes at most 255 bytes of one: a damaged length asks for no more than that.
        if raw_len > packed_len.saturating_mul(255).saturating_add(16) {
            return None;
        }
        let (piece, rest) = r.0.split_at_checked(packed_len)?;
        packed = rest;
        let at = raw.len();
        raw.resize(at.checked_add(raw_len)?, 0);
        let unpacked = lz4_flex::block::decompress_into(piece, &mut raw[at..]).ok()?;
        if unpacked != raw_len {
            return None;
        }
    }
    Some(raw)
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take(&mut self, len: usize) -> Option<&[u8]> {
        let (head, rest) = self.0.split_at_checked(len)?;
        self.0 = rest;
        Some(head)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn bool(&mut self) -> Option<bool> {
        match self.u8()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    /// What [`Writer::u32`] wrote: None for more than five bytes or a value past `u32`.
    fn u32(&mut self) -> Option<u32> {
        let mut value: u32 = 0;
        for shift in (0..35).step_by(7) {
            let byte = self.u8()?;
            let bits = u32::from(byte & 0x7f);
            if shift == 28 && bits > 0x0f {
                return None;
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    fn fixed_u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    /// A count of items that follow, each at least one byte: more than the bytes left is
    /// damage, caught before anything is allocated for them.
    fn count(&mut self) -> Option<usize> {
        let count = self.u32()? as usize;
        (count <= self.0.len()).then_some(count)
    }

    fn string(&mut self) -> Option<String> {
        let len = self.u32()? as usize;
        let bytes = self.take(len)?;
        String::from_utf8(bytes.to_vec()).ok()
    }

    /// What [`Writer::optional`] wrote: None when the bytes are damaged.
    fn optional<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.u8()? {
            0 => Some(None),
            1 => read(self).map(Some),
            _ => None,
        }
    }

    fn opt_string(&mut self) -> Option<Option<String>> {
        self.optional(Self::string)
    }

    /// Words, each with a list of article numbers.
    fn lists(&mut self) -> Option<Vec<(Box<str>, Vec<u32>)>> {
        (0..self.count()?)
            .map(|_| {
                let word = self.string()?.into_boxed_str();
                let mut previous = 0u32;
                let articles = (0..self.count()?)
                    .map(|_| {
                        previous = previous.wrapping_add(self.u32()?);
                        Some(previous)
                    })
                    .collect::<Option<Vec<_>>>()?;
                Some((word, articles))
            })
            .collect()
    }

    fn strings(&mut self) -> Option<thin_vec::ThinVec<String>> {
        (0..self.count()?).map(|_| self.string()).collect()
    }
}

#[cfg(test)]
#[path = "codec_tests.rs"]
mod tests;
