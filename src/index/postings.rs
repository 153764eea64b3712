//! One word's list of articles, as small as its density allows.

/// The articles holding one word, in increasing order. A rare word's articles are kept as
/// the distance from the one before in as few bytes as it needs (seven bits a byte, the high
/// bit saying more follow); a common word's ("the", "yang") — once its list would take more
/// than one bit per article — as one bit per article instead, as compressed bitmap indexes
/// do: a word in most articles then takes an eighth of a byte each.
#[derive(Debug, Default)]
pub(super) struct Postings {
    held: Held,
    /// One past the last article added: the next one's distance is counted from here.
    next: u32,
    /// How many articles the list holds.
    pub(super) len: u32,
}

#[derive(Debug)]
enum Held {
    Gaps(Vec<u8>),
    Bits(Vec<u64>),
}

impl Default for Held {
    fn default() -> Held {
        Held::Gaps(Vec::new())
    }
}

/// Adds a distance to a list of gaps, seven bits a byte.
fn push_gap(bytes: &mut Vec<u8>, mut gap: u32) {
    while gap >= 0x80 {
        bytes.push(gap as u8 | 0x80);
        gap >>= 7;
    }
    bytes.push(gap as u8);
}

impl Postings {
    /// Adds article `index`, which must be at least [`Postings::next`].
    #[inline]
    pub(super) fn push(&mut self, index: u32) {
        debug_assert!(index >= self.next, "articles are added in order");
        match &mut self.held {
            // A list of one article allocates nothing: most words are in one article only.
            Held::Gaps(_) if self.len == 0 => {}
            Held::Gaps(bytes) => {
                if self.len == 1 {
                    push_gap(bytes, self.next - 1);
                }
                push_gap(bytes, index - self.next);
            }
            Held::Bits(bits) => {
                let word = index as usize / 64;
                if bits.len() <= word {
                    bits.resize(word + 1, 0);
                }
                bits[word] |= 1 << (index % 64);
            }
        }
        self.next = index + 1;
        self.len += 1;
        if let Held::Gaps(bytes) = &self.held
            && bytes.len() > 64
            && bytes.len() > (self.next as usize).div_ceil(64) * 8
        {
            let mut bits = vec![0u64; (self.next as usize).div_ceil(64)];
            for index in self.iter() {
                bits[index as usize / 64] |= 1 << (index % 64);
            }
            self.held = Held::Bits(bits);
        }
    }

    /// Adds a batch's articles, `first` plus each of `locals` (in increasing order, from
    /// at least [`Postings::next`]). A list held as bits takes them in one pass.
    pub(super) fn append(&mut self, locals: &[u32], first: u32) {
        let (Held::Bits(bits), Some(&last)) = (&mut self.held, locals.last()) else {
            for &local in locals {
                self.push(local + first);
            }
            return;
        };
        let words = (last + first) as usize / 64 + 1;
        if bits.len() < words {
            bits.resize(words, 0);
        }
        for &local in locals {
            let index = local + first;
            bits[index as usize / 64] |= 1 << (index % 64);
        }
        self.next = last + first + 1;
        self.len += locals.len() as u32;
    }

    /// The articles, in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        let mut at = 0;
        let mut next = 0u32;
        let mut word = 0usize;
        let mut left = 0u64;
        let mut only = (self.len == 1).then(|| self.next - 1);
        std::iter::from_fn(move || match &self.held {
            Held::Gaps(_) if self.len == 1 => only.take(),
            Held::Gaps(bytes) => {
                let mut gap = 0u32;
                let mut shift = 0;
                loop {
                    let byte = *bytes.get(at)?;
                    at += 1;
                    gap |= u32::from(byte & 0x7f) << shift;
                    if byte < 0x80 {
                        break;
                    }
                    shift += 7;
                }
                let index = next + gap;
                next = index + 1;
                Some(index)
            }
            Held::Bits(bits) => {
                while left == 0 {
                    left = *bits.get(word)?;
                    word += 1;
                }
                let bit = left.trailing_zeros();
                left &= left - 1;
                Some((word as u32 - 1) * 64 + bit)
            }
        })
    }

    /// Adds the articles below `covers` to `set` (one bit an article).
    pub(super) fn add_to(&self, set: &mut [u64], covers: usize) {
        match &self.held {
            Held::Bits(bits) => {
                let whole = covers / 64;
                for (into, from) in set.iter_mut().zip(bits).take(whole) {
                    *into |= from;
                }
                if !covers.is_multiple_of(64)
                    && let (Some(into), Some(from)) = (set.get_mut(whole), bits.get(whole))
                {
                    *into |= from & ((1u64 << (covers % 64)) - 1);
                }
            }
            Held::Gaps(_) => {
                for index in self.iter() {
                    let index = index as usize;
                    if index >= covers {
                        break;
                    }
                    set[index / 64] |= 1 << (index % 64);
                }
            }
        }
    }

    /// The bytes the list has allocated.
    pub(super) fn held_bytes(&self) -> usize {
        match &self.held {
            Held::Gaps(bytes) => bytes.capacity(),
            Held::Bits(bits) => bits.capacity() * 8,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::ArticleSet;

    #[test]
    fn postings_read_back_what_was_added() {
        let indices = [
            0u32,
            1,
            2,
            127,
            128,
            129,
            300,
            16_383,
            16_384,
            2_000_000,
            u32::MAX - 1,
        ];
        let mut list = Postings::default();
        for &i in &indices {
            list.push(i);
        }
        assert_eq!(list.iter().collect::<Vec<_>>(), indices);
        assert_eq!(list.len as usize, indices.len());
        assert!(
            matches!(list.held, Held::Gaps(_)),
            "a sparse list keeps gaps"
        );
        // Articles a little apart take a byte each.
        let mut apart = Postings::default();
        (1000..2000).step_by(10).for_each(|i| apart.push(i));
        assert!(matches!(&apart.held, Held::Gaps(bytes) if bytes.len() == 2 + 99));
        let mut one = Postings::default();
        one.push(300);
        assert!(matches!(&one.held, Held::Gaps(bytes) if bytes.capacity() == 0));
        assert_eq!(one.iter().collect::<Vec<_>>(), [300]);
        // A word in nearly every article takes a bit each.
        let mut close = Postings::default();
        (1000..2000).for_each(|i| close.push(i));
        assert!(matches!(&close.held, Held::Bits(bits) if bits.len() == 2000usize.div_ceil(64)));
        assert_eq!(
            close.iter().collect::<Vec<_>>(),
            (1000..2000).collect::<Vec<_>>()
        );
        assert_eq!(close.len, 1000);
    }

    proptest::proptest! {
        /// Whichever way a list is held, it reads back what was added, and adding it to a
        /// set (cut at any article) sets exactly those bits.
        #[test]
        fn postings_of_any_density_read_back(
            gaps in proptest::collection::vec(0u32..300, 0..600),
            spread in 1u32..300,
            covers in 0usize..40_000,
            batch in 1usize..200,
        ) {
            let mut indices = Vec::new();
            let mut at = 0u32;
            for gap in gaps {
                at += gap % spread;
                indices.push(at);
                at += 1;
            }
            let mut list = Postings::default();
            for &i in &indices {
                list.push(i);
            }
            proptest::prop_assert_eq!(list.iter().collect::<Vec<_>>(), indices.clone());
            let mut set = vec![0u64; covers.div_ceil(64)];
            list.add_to(&mut set, covers);
            let want = ArticleSet::from_indices(indices.iter().map(|&i| i as usize), covers);
            proptest::prop_assert_eq!(set, want.bits);
            // The same articles appended in batches of `batch`, as the index merges them.
            let mut appended = Postings::default();
            let mut first = 0;
            for chunk in indices.chunks(batch) {
                let locals: Vec<u32> = chunk.iter().map(|&i| i - first).collect();
                appended.append(&locals, first);
                first = chunk.last().map_or(first, |&i| i + 1);
            }
            proptest::prop_assert_eq!(appended.iter().collect::<Vec<_>>(), indices);
            proptest::prop_assert_eq!(appended.len, list.len);
        }
    }
}
