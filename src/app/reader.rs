//! The reading pane's state. An article is a list of blocks (title, metadata, standfirst,
//! paragraphs); a block is wrapped only when it comes into view, and then kept, so opening a
//! 20 MB article or scrolling through it costs the few blocks on screen, never the whole text.
//! Blocks not yet wrapped count as an estimate of their lines until they are.

use crate::article::Article;
use crate::article::decode::decode;
use crate::article::fold::fold;
use crate::article::render::{self, LineKind, wrap};
use crate::article::sanitise::sanitise;
use crate::store::ReadAgain;

/// What the lines were laid out for; a change of any part lays them out again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LayoutKey {
    article: usize,
    width: usize,
    raw: bool,
}

/// A block of text (sanitised) and how it is styled.
#[derive(Debug)]
struct Block {
    kind: LineKind,
    text: String,
    /// Its lines once wrapped.
    lines: Option<Vec<String>>,
}

/// Where `n`/`N` went: the match's number, of how many, and whether it wrapped round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchJump {
    pub number: usize,
    pub of: usize,
    pub wrapped: bool,
}

/// State of the reading pane.
#[derive(Debug, Default)]
pub struct ReaderPane {
    key: Option<LayoutKey>,
    blocks: Vec<Block>,
    /// The line each block starts on; one more entry for the end. A blank line separates
    /// blocks.
    starts: Vec<usize>,
    /// The first line shown.
    pub scroll: usize,
    /// Showing the original file instead of the cleaned article.
    pub raw: bool,
    /// Blocks that hold a word of the current filter, in order.
    match_blocks: Vec<usize>,
    /// Folded words of the current filter, highlighted when drawn.
    pub words: Vec<String>,
    /// Rows of text the pane shows at once.
    pub height: usize,
    /// The match `n`/`N` went to last, as (block, line in block).
    current_match: Option<(usize, usize)>,
    /// The selected article's file being read on a thread of its own.
    pub pending: Option<super::reread::Pending>,
}

/// Lines a block will probably take, before it is wrapped: its width over the measure, with a
/// little room for the ragged right edge.
fn estimate(text: &str, width: usize) -> usize {
    // Bytes stand in for columns: exact for ASCII, an overestimate for other scripts, and
    // free to count.
    (text.len() * 100).div_ceil(width.max(1) * 92).max(1)
}

impl ReaderPane {
    /// Whether the pane already shows this article at this width.
    pub fn is_showing(&self, index: usize, width: usize) -> bool {
        self.key
            == Some(LayoutKey {
                article: index,
                width,
                raw: self.raw,
            })
    }

    /// Shows `article` at `width` columns; does nothing when that is already so. A different
    /// article starts at the top; a new width keeps the same place in the text.
    pub fn show(&mut self, index: usize, article: &Article, width: usize) {
        if self.is_showing(index, width) {
            return;
        }
        let same_article = self
            .key
            .is_some_and(|k| k.article == index && k.raw == self.raw);
        let anchor = same_article.then(|| self.anchor()).flatten();
        self.blocks = if self.raw {
            raw_blocks(article)
        } else {
            article_blocks(article)
        };
        self.key = Some(LayoutKey {
            article: index,
            width,
            raw: self.raw,
        });
        self.restart(anchor);
    }

    /// Shows `article` as [`ReaderPane::show`] does; an article new to the pane opens at
    /// block `remembered`, where the reader left it last time.
    pub fn show_at(&mut self, index: usize, article: &Article, width: usize, remembered: usize) {
        let new_here = self.article() != Some(index);
        self.show(index, article, width);
        if new_here && remembered > 0 {
            self.scroll_to_block(remembered);
        }
    }

    /// Shows a message in place of an article that could not be read again.
    pub fn show_error(&mut self, index: usize, width: usize, message: String) {
        self.key = Some(LayoutKey {
            article: index,
            width,
            raw: self.raw,
        });
        self.blocks = vec![Block {
            kind: LineKind::Meta,
            text: sanitise(&message).into_owned(),
            lines: None,
        }];
        self.restart(None);
    }

    fn restart(&mut self, anchor: Option<(usize, usize)>) {
        self.current_match = None;
        self.recount();
        self.scroll = anchor.map_or(0, |(block, offset)| {
            self.starts.get(block).map_or(0, |s| s + offset)
        });
        self.find_matches();
        self.prepare();
    }

    /// Nothing to show (no article selected).
    pub fn clear(&mut self) {
        self.key = None;
        self.blocks.clear();
        self.starts.clear();
        self.match_blocks.clear();
        self.scroll = 0;
    }

    /// The article shown, if any.
    pub fn article(&self) -> Option<usize> {
        self.key.map(|k| k.article)
    }

    /// Columns the text is wrapped to: the pane's, less the line numbers in the raw view.
    fn width(&self) -> usize {
        self.key.map_or(80, |k| {
            if k.raw {
                k.width.saturating_sub(self.gutter())
            } else {
                k.width
            }
        })
    }

    /// Columns the raw view's line numbers take (with a space after them); 0 otherwise.
    pub fn gutter(&self) -> usize {
        if self.key.is_some_and(|k| k.raw) {
            self.blocks.len().max(1).to_string().len() + 1
        } else {
            0
        }
    }

    /// Blank lines between blocks: one between paragraphs, none between the raw view's lines
    /// (each is a line of the file).
    fn gap(&self) -> usize {
        usize::from(!self.key.is_some_and(|k| k.raw))
    }

    fn count(&self, block: &Block) -> usize {
        block
            .lines
            .as_ref()
            .map_or_else(|| estimate(&block.text, self.width()), Vec::len)
    }

    /// Works out where every block starts from the lines known or estimated.
    fn recount(&mut self) {
        self.starts.clear();
        let mut line = 0;
        let gap = self.gap();
        for block in &self.blocks {
            self.starts.push(line);
            line += self.count(block) + gap;
        }
        self.starts.push(line.saturating_sub(gap));
    }

    /// Lines in all, as far as known.
    pub fn line_count(&self) -> usize {
        self.starts.last().copied().unwrap_or(0)
    }

    /// The block a line is in (or the blank line after it), and how far into it.
    fn locate(&self, line: usize) -> Option<(usize, usize)> {
        if self.blocks.is_empty() {
            return None;
        }
        let block = self.starts[..self.blocks.len()]
            .partition_point(|&s| s <= line)
            .saturating_sub(1);
        Some((block, line - self.starts[block]))
    }

    fn anchor(&self) -> Option<(usize, usize)> {
        self.locate(self.scroll)
    }

    /// Wraps the blocks in view (and one screen beyond) so drawing finds them ready; keeps the
    /// first line shown in place when estimates turn into real counts.
    pub fn prepare(&mut self) {
        let width = self.width();
        loop {
            self.scroll = self.scroll.min(self.max_scroll());
            let Some((first, offset)) = self.anchor() else {
                return;
            };
            let end = self.scroll + 2 * self.height.max(1);
            let mut changed = false;
            let mut b = first;
            while b < self.blocks.len() && self.starts[b] <= end {
                if self.blocks[b].lines.is_none() {
                    self.blocks[b].lines = Some(wrap(&self.blocks[b].text, width));
                    changed = true;
                }
                b += 1;
            }
            if !changed {
                return;
            }
            self.recount();
            self.scroll = self.starts[first] + offset.min(self.count(&self.blocks[first]));
        }
    }

    /// The lines in view with their kinds; blank separators as empty text.
    pub fn visible(&self) -> Vec<(LineKind, &str)> {
        self.visible_lines()
            .into_iter()
            .map(|(kind, text, _)| (kind, text))
            .collect()
    }

    /// The lines in view, each with the number (from 1) of the file line it starts, in the
    /// raw view.
    pub fn visible_lines(&self) -> Vec<(LineKind, &str, Option<usize>)> {
        let mut out = Vec::with_capacity(self.height);
        let Some((mut block, mut offset)) = self.anchor() else {
            return out;
        };
        let raw = self.key.is_some_and(|k| k.raw);
        while out.len() < self.height && block < self.blocks.len() {
            let b = &self.blocks[block];
            let lines = b.lines.as_deref().unwrap_or_default();
            if offset < lines.len() {
                let number = (raw && offset == 0).then_some(block + 1);
                out.push((b.kind, lines[offset].as_str(), number));
                offset += 1;
            } else {
                if !raw && block + 1 < self.blocks.len() && offset == lines.len() {
                    out.push((LineKind::Blank, "", None));
                }
                block += 1;
                offset = 0;
            }
        }
        out
    }

    /// The block at the top of the view: a reading position that survives a new width.
    pub fn position_block(&self) -> usize {
        self.anchor().map_or(0, |(block, _)| block)
    }

    /// Scrolls so that `block` is at the top.
    pub fn scroll_to_block(&mut self, block: usize) {
        if let Some(&start) = self
            .starts
            .get(block.min(self.blocks.len().saturating_sub(1)))
        {
            self.scroll = start;
            self.prepare();
        }
    }

    /// Whether any block's text contains `needle` (for tests and searches).
    pub fn contains(&self, needle: &str) -> bool {
        self.blocks.iter().any(|b| b.text.contains(needle))
    }

    /// Sets the words to highlight and finds the blocks that hold them.
    pub fn set_words(&mut self, words: Vec<String>) {
        if self.words != words {
            self.words = words;
            self.current_match = None;
            self.find_matches();
        }
    }

    fn find_matches(&mut self) {
        self.match_blocks.clear();
        if self.words.is_empty() {
            return;
        }
        for (n, block) in self.blocks.iter().enumerate() {
            let folded = fold(&block.text);
            if self.words.iter().any(|w| folded.contains(w.as_str())) {
                self.match_blocks.push(n);
            }
        }
    }

    /// How many blocks hold a word of the filter.
    pub fn match_count(&self) -> usize {
        self.match_blocks.len()
    }

    /// The furthest the view can scroll.
    pub fn max_scroll(&self) -> usize {
        self.line_count().saturating_sub(self.height.max(1))
    }

    /// Scrolls by `delta` lines.
    pub fn scroll_by(&mut self, delta: isize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(self.max_scroll());
        self.prepare();
    }

    /// Scrolls to the top or the bottom.
    pub fn scroll_edge(&mut self, bottom: bool) {
        if bottom {
            // Wrap from the end until the last screen is real, not estimated.
            let width = self.width();
            let mut lines = 0;
            for block in self.blocks.iter_mut().rev() {
                let wrapped = block.lines.get_or_insert_with(|| wrap(&block.text, width));
                lines += wrapped.len() + 1;
                if lines > self.height {
                    break;
                }
            }
            self.recount();
            self.scroll = self.max_scroll();
        } else {
            self.scroll = 0;
        }
        self.prepare();
    }

    /// Sets the view height (after a resize) and keeps the scroll in range.
    pub fn set_height(&mut self, height: usize) {
        if self.height != height {
            self.height = height;
            self.prepare();
        }
    }

    /// Every line holding a filter word, in order, as (block, line in block). Wraps the
    /// blocks that hold one.
    fn match_lines(&mut self) -> Vec<(usize, usize)> {
        let width = self.width();
        let mut found = Vec::new();
        for &block in &self.match_blocks {
            let b = &mut self.blocks[block];
            let lines = b.lines.get_or_insert_with(|| wrap(&b.text, width));
            let before = found.len();
            found.extend(
                lines
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| {
                        let folded = fold(l);
                        self.words.iter().any(|w| folded.contains(w.as_str()))
                    })
                    .map(|(n, _)| (block, n)),
            );
            if found.len() == before {
                // The word is split across lines: the block's start stands for it.
                found.push((block, 0));
            }
        }
        self.recount();
        found
    }

    /// Goes to the next (or previous) line holding a filter word — after the match in
    /// view, or from the top of the view when none is — wrapping at the ends, and brings it
    /// into view with a line of context above. Returns the match's number, how many there
    /// are, and whether it wrapped; None when the article has none.
    pub fn jump_to_match(&mut self, forward: bool) -> Option<MatchJump> {
        let lines = self.match_lines();
        if lines.is_empty() {
            return None;
        }
        let absolute = |&(block, line): &(usize, usize)| self.starts[block] + line;
        let here = self
            .current_match
            .and_then(|c| lines.iter().position(|&l| l == c));
        let (at, wrapped) = match (here, forward) {
            (Some(i), true) if i + 1 < lines.len() => (i + 1, false),
            (Some(_), true) => (0, true),
            (Some(i), false) if i > 0 => (i - 1, false),
            (Some(_), false) => (lines.len() - 1, true),
            (None, true) => match lines.iter().position(|l| absolute(l) >= self.scroll) {
                Some(i) => (i, false),
                None => (0, true),
            },
            (None, false) => match lines.iter().rposition(|l| absolute(l) < self.scroll) {
                Some(i) => (i, false),
                None => (lines.len() - 1, true),
            },
        };
        self.current_match = Some(lines[at]);
        self.scroll = absolute(&lines[at]).saturating_sub(1);
        self.prepare();
        Some(MatchJump {
            number: at + 1,
            of: lines.len(),
            wrapped,
        })
    }

    /// The line (counted from the article's top) of the match `n`/`N` went to, while it is
    /// the current one.
    pub fn current_match_line(&self) -> Option<usize> {
        let (block, line) = self.current_match?;
        Some(self.starts.get(block)? + line)
    }

    /// How far through the article the view is, as "34%", "Top", "Bot" or "All".
    pub fn position(&self) -> String {
        let max = self.max_scroll();
        if max == 0 {
            "All".to_string()
        } else if self.scroll == 0 {
            "Top".to_string()
        } else if self.scroll >= max {
            "Bot".to_string()
        } else {
            format!("{}%", self.scroll * 100 / max)
        }
    }
}

/// Title, metadata, standfirst and paragraphs, sanitised for the terminal.
fn article_blocks(article: &Article) -> Vec<Block> {
    render::blocks(article)
        .into_iter()
        .map(|(kind, text)| Block {
            kind,
            text,
            lines: None,
        })
        .collect()
}

/// The original file, one block a line, sanitised; nothing removed.
fn raw_blocks(article: &Article) -> Vec<Block> {
    let bytes = match article.raw_bytes() {
        Ok(bytes) => bytes,
        Err(e) => {
            let message = format!("{}: cannot be read again ({e})", article.path.display());
            return vec![Block {
                kind: LineKind::Meta,
                text: sanitise(&message).into_owned(),
                lines: None,
            }];
        }
    };
    let text = decode(&bytes).text;
    // Exactly the file's lines, blank ones too; a final newline ends the last line.
    let text = text.strip_suffix('\n').unwrap_or(&text);
    text.split('\n')
        .flat_map(|line| line.strip_suffix('\r').unwrap_or(line).split('\r'))
        .map(|line| Block {
            kind: LineKind::Body,
            text: sanitise(line).into_owned(),
            lines: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse::parse;
    use crate::rules::Rules;

    fn pane(paragraphs: usize, height: usize) -> ReaderPane {
        let text: String = std::iter::once("Judul Artikel Yang Panjang Sekali\n".to_string())
            .chain((0..paragraphs).map(|n| format!("Paragraf nomor {n} berisi kata sanksi dan beberapa kata lain yang cukup panjang untuk dibungkus.\n")))
            .collect();
        let article = parse(&text, Rules::builtin());
        let mut pane = ReaderPane {
            height,
            ..ReaderPane::default()
        };
        pane.show(0, &article, 30);
        pane
    }

    #[test]
    fn only_what_is_in_view_is_wrapped() {
        let pane = pane(10_000, 20);
        let wrapped = pane.blocks.iter().filter(|b| b.lines.is_some()).count();
        assert!(wrapped < 30, "{wrapped} blocks wrapped");
        assert_eq!(pane.visible().len(), 20);
        assert_eq!(
            pane.visible()[0],
            (LineKind::Title, "Judul Artikel Yang Panjang")
        );
    }

    #[test]
    fn bottom_is_exact_and_scrolling_back_is_stable() {
        let mut pane = pane(2_000, 20);
        pane.scroll_edge(true);
        let last: Vec<String> = pane.visible().iter().map(|(_, l)| l.to_string()).collect();
        assert_eq!(last.len(), 20);
        assert!(last.last().unwrap().ends_with("dibungkus."), "{last:?}");
        assert_eq!(pane.position(), "Bot");
        pane.scroll_by(-5);
        assert_eq!(pane.visible()[5].1, last[0]);
        pane.scroll_edge(false);
        assert_eq!(pane.position(), "Top");
    }

    #[test]
    fn jumping_between_matches() {
        let mut pane = pane(50, 10);
        pane.set_words(vec!["nomor 7 ".into()]);
        assert_eq!(pane.match_count(), 1);
        assert!(pane.jump_to_match(true).is_some());
        assert!(
            pane.visible().iter().any(|(_, l)| l.contains("nomor 7")),
            "{:?}",
            pane.visible()
        );
        pane.set_words(vec!["tidak ada".into()]);
        assert!(pane.jump_to_match(true).is_none());
    }

    #[test]
    fn n_walks_every_match_and_wraps_and_capital_n_walks_back() {
        // Paragraphs 1, 10–19 and 49 (the last, at the very bottom) hold a word.
        let mut pane = pane(50, 10);
        pane.set_words(vec!["nomor 1".into(), "nomor 49".into()]);
        let mut seen = Vec::new();
        for _ in 0..pane.match_count() {
            let jump = pane.jump_to_match(true).expect("a match");
            assert!(!jump.wrapped);
            seen.push((jump.number, pane.current_match_line().unwrap()));
        }
        let numbers: Vec<usize> = seen.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, (1..=seen.len()).collect::<Vec<_>>());
        assert!(
            seen.windows(2).all(|w| w[0].1 < w[1].1),
            "each n goes further down: {seen:?}"
        );
        // Even the last match, which cannot scroll to the top, is left for the next one.
        let jump = pane.jump_to_match(true).unwrap();
        assert_eq!((jump.number, jump.wrapped), (1, true));
        assert_eq!(pane.current_match_line(), Some(seen[0].1));
        // N goes back up, wrapping to the last.
        let jump = pane.jump_to_match(false).unwrap();
        assert_eq!((jump.number, jump.wrapped), (seen.len(), true));
        let jump = pane.jump_to_match(false).unwrap();
        assert_eq!(jump.number, seen.len() - 1);
        assert!(pane.current_match_line().unwrap() < seen[seen.len() - 1].1);
    }
}
