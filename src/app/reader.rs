//! The reading pane's state: the laid-out lines of the shown article (wrapped once per article
//! and width, not per frame), the scroll position, the raw view, and where the filter's words
//! are.

use crate::article::Article;
use crate::article::decode::decode;
use crate::article::fold::fold;
use crate::article::render::{DocLine, LineKind, layout};
use crate::article::sanitise::sanitise;

/// What the lines were laid out for; a change of any part lays them out again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LayoutKey {
    article: usize,
    width: usize,
    raw: bool,
}

/// State of the reading pane.
#[derive(Debug, Default)]
pub struct ReaderPane {
    key: Option<LayoutKey>,
    /// The article's lines at the current width.
    pub lines: Vec<DocLine>,
    /// The first line shown.
    pub scroll: usize,
    /// Showing the original file instead of the cleaned article.
    pub raw: bool,
    /// Lines that hold a word of the current filter, in order.
    pub matches: Vec<usize>,
    /// Folded words of the current filter, highlighted when drawn.
    pub words: Vec<String>,
    /// Rows of text the pane shows at once.
    pub height: usize,
}

impl ReaderPane {
    /// Whether the lines are already laid out for this article at this width.
    pub fn is_showing(&self, index: usize, width: usize) -> bool {
        self.key
            == Some(LayoutKey {
                article: index,
                width,
                raw: self.raw,
            })
    }

    /// Shows `article` laid out at `width` columns; does nothing when that is already so. A
    /// different article starts at the top; a new width keeps the same place in the text.
    pub fn show(&mut self, index: usize, article: &Article, width: usize) {
        let key = LayoutKey {
            article: index,
            width,
            raw: self.raw,
        };
        if self.key == Some(key) {
            return;
        }
        let same_article = self
            .key
            .is_some_and(|k| k.article == index && k.raw == self.raw);
        let fraction = if same_article && !self.lines.is_empty() {
            self.scroll as f64 / self.lines.len() as f64
        } else {
            0.0
        };
        self.lines = if self.raw {
            raw_lines(article, width)
        } else {
            layout(article, width)
        };
        self.key = Some(key);
        self.scroll = (fraction * self.lines.len() as f64) as usize;
        self.clamp();
        self.find_matches();
    }

    /// Shows a message in place of an article that could not be read again.
    pub fn show_error(&mut self, index: usize, width: usize, message: String) {
        self.key = Some(LayoutKey {
            article: index,
            width,
            raw: self.raw,
        });
        self.lines = vec![DocLine {
            kind: LineKind::Meta,
            text: sanitise(&message).into_owned(),
        }];
        self.scroll = 0;
        self.matches.clear();
    }

    /// Nothing to show (no article selected).
    pub fn clear(&mut self) {
        self.key = None;
        self.lines.clear();
        self.matches.clear();
        self.scroll = 0;
    }

    /// The article shown, if any.
    pub fn article(&self) -> Option<usize> {
        self.key.map(|k| k.article)
    }

    /// Sets the words to highlight and finds the lines that hold them.
    pub fn set_words(&mut self, words: Vec<String>) {
        if self.words != words {
            self.words = words;
            self.find_matches();
        }
    }

    fn find_matches(&mut self) {
        self.matches.clear();
        if self.words.is_empty() {
            return;
        }
        for (n, line) in self.lines.iter().enumerate() {
            let folded = fold(&line.text);
            if self.words.iter().any(|w| folded.contains(w.as_str())) {
                self.matches.push(n);
            }
        }
    }

    /// The furthest the view can scroll.
    pub fn max_scroll(&self) -> usize {
        self.lines.len().saturating_sub(self.height.max(1))
    }

    fn clamp(&mut self) {
        self.scroll = self.scroll.min(self.max_scroll());
    }

    /// Scrolls by `delta` lines.
    pub fn scroll_by(&mut self, delta: isize) {
        self.scroll = self.scroll.saturating_add_signed(delta);
        self.clamp();
    }

    /// Scrolls to the top or the bottom.
    pub fn scroll_edge(&mut self, bottom: bool) {
        self.scroll = if bottom { self.max_scroll() } else { 0 };
    }

    /// Sets the view height (after a resize) and keeps the scroll in range.
    pub fn set_height(&mut self, height: usize) {
        self.height = height;
        self.clamp();
    }

    /// Scrolls so the next (or previous) match is at the top. Returns false when there is none.
    pub fn jump_to_match(&mut self, forward: bool) -> bool {
        let target = if forward {
            self.matches
                .iter()
                .find(|&&m| m > self.scroll)
                .or(self.matches.first())
        } else {
            self.matches
                .iter()
                .rev()
                .find(|&&m| m < self.scroll)
                .or(self.matches.last())
        };
        match target {
            Some(&line) => {
                // Keep a line of context above the match.
                self.scroll = line.saturating_sub(1);
                self.clamp();
                if self.scroll > line {
                    self.scroll = line;
                }
                true
            }
            None => false,
        }
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

/// The original file, line by line, sanitised and wrapped; nothing removed.
fn raw_lines(article: &Article, width: usize) -> Vec<DocLine> {
    let bytes = match article.raw_bytes() {
        Ok(bytes) => bytes,
        Err(e) => {
            return vec![DocLine {
                kind: LineKind::Meta,
                text: format!(
                    "{}: cannot be read again ({e})",
                    sanitise(&article.path.display().to_string())
                ),
            }];
        }
    };
    let text = decode(&bytes).text;
    let mut lines = Vec::new();
    let lines_of_file = text
        .split('\n')
        .flat_map(|line| line.strip_suffix('\r').unwrap_or(line).split('\r'));
    for line in lines_of_file {
        let clean = sanitise(line);
        if clean.trim().is_empty() {
            lines.push(DocLine {
                kind: LineKind::Blank,
                text: String::new(),
            });
            continue;
        }
        for part in textwrap::wrap(
            &clean,
            textwrap::Options::new(width.max(8)).break_words(true),
        ) {
            lines.push(DocLine {
                kind: LineKind::Body,
                text: part.into_owned(),
            });
        }
    }
    lines
}
