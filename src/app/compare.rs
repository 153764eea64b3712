//! Compare: the selected article beside another telling of its story, sentence by sentence.
//! The other side goes round the story's other articles; both sides scroll together.

use super::App;
use super::list::Row;
use super::overlay::Overlay;
use crate::article::Article;
use crate::store::ReadAgain;
use crate::stories::compare::{Comparison, compare};

/// The two articles compared and how their sentences align.
#[derive(Debug, Clone)]
pub struct CompareState {
    /// The article the user was on (store index).
    pub left: usize,
    /// Its whole text, read once: only the right side changes.
    left_text: Article,
    /// The story's other articles, newest first.
    pub others: Vec<usize>,
    /// Which of `others` is on the right.
    pub at: usize,
    pub comparison: Comparison,
}

/// Another telling that could be read: its place among the others, its alignment with the
/// left side, and what was passed over on the way to it.
struct Readable {
    at: usize,
    comparison: Comparison,
    passed_over: Option<String>,
}

impl CompareState {
    /// The article on the right.
    pub fn right(&self) -> usize {
        self.others[self.at]
    }
}

impl App {
    /// The articles of the selected row's story (a story header, or an article's story).
    pub(super) fn selected_story_members(&self) -> Option<Vec<usize>> {
        let stories = self.stories()?;
        let story = match self.list.rows.get(self.list.selected)? {
            Row::Story { story, .. } => story,
            Row::Article { index } => stories.story(index)?,
            Row::Header { .. } => return None,
        };
        Some(stories.members[story as usize].clone())
    }

    /// Opens compare on the selected article, when its story has other articles.
    pub(super) fn open_compare(&mut self) {
        let Some(left) = self.list.selected_article() else {
            self.notice = Some("select an article to compare".into());
            return;
        };
        // An article loaded since the stories were formed is in none yet: its story is
        // formed as when there were none, rather than "no other article" said of it.
        let Some(stories) = self.stories().filter(|s| s.story(left).is_some()) else {
            self.start_stories();
            self.stories.compare_asked = Some(left);
            self.notice = Some("forming stories… compare opens when they are ready".into());
            return;
        };
        let others = stories.companions(left);
        if others.is_empty() {
            self.notice = Some("no other article tells this story".into());
            return;
        }
        let left_text = match self.whole(left) {
            Ok(text) => text,
            Err(e) => {
                self.notice = Some(e);
                return;
            }
        };
        match self.first_readable(&left_text, &others, 0, |k| k) {
            Ok(found) => {
                self.notice = found.passed_over;
                self.compare = Some(CompareState {
                    left,
                    left_text,
                    others,
                    at: found.at,
                    comparison: found.comparison,
                });
                self.overlay.open = Some(Overlay::Compare);
                self.overlay.scroll = 0;
            }
            Err(e) => self.notice = Some(e),
        }
    }

    /// The right side goes to the next (or previous) other article of the story.
    pub(super) fn compare_step(&mut self, forward: bool) {
        let Some(state) = &self.compare else {
            return;
        };
        let count = state.others.len();
        let step = |k: usize| match forward {
            true => (state.at + 1 + k) % count,
            false => (state.at + count - 1 - k % count) % count,
        };
        // The others but the one shown, in the direction asked.
        match self.first_readable(&state.left_text, &state.others, 1, step) {
            Ok(found) => {
                self.notice = found.passed_over;
                if let Some(state) = &mut self.compare {
                    state.at = found.at;
                    state.comparison = found.comparison;
                }
                self.overlay.scroll = 0;
            }
            Err(e) => self.notice = Some(e),
        }
    }

    /// The first of `others` (taken in the order `place` gives for 0, 1, … up to all of them
    /// but `leave_out`) that can be read and aligned with `left`. A telling whose file is
    /// gone or unreadable is passed over, and said so; when none can be read, the first
    /// one's error.
    fn first_readable(
        &self,
        left: &Article,
        others: &[usize],
        leave_out: usize,
        place: impl Fn(usize) -> usize,
    ) -> Result<Readable, String> {
        let mut first_error = None;
        for k in 0..others.len().saturating_sub(leave_out) {
            let at = place(k);
            match self.whole(others[at]) {
                Ok(right) => {
                    return Ok(Readable {
                        at,
                        comparison: compare(left, &right),
                        passed_over: first_error.map(|e| format!("{e}; passed over")),
                    });
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        Err(first_error.unwrap_or_else(|| "no other article tells this story".into()))
    }

    /// Article `index` whole (read again when its body was let go), or why it cannot be,
    /// naming its file as the reading pane does.
    fn whole(&self, index: usize) -> Result<Article, String> {
        let article = &self.store.articles[index];
        let shown = article.path.display();
        article
            .full(self.settings.rules)
            .map(|full| full.into_owned())
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => format!("{shown} is gone from disk"),
                _ => format!("{shown}: cannot be read again ({e})"),
            })
    }
}
