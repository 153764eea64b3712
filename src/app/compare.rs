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
        let opened = self
            .whole(left)
            .and_then(|text| Ok((self.comparison(&text, others[0])?, text)));
        match opened {
            Ok((comparison, left_text)) => {
                self.compare = Some(CompareState {
                    left,
                    left_text,
                    others,
                    at: 0,
                    comparison,
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
        let at = if forward {
            (state.at + 1) % count
        } else {
            (state.at + count - 1) % count
        };
        match self.comparison(&state.left_text, state.others[at]) {
            Ok(comparison) => {
                if let Some(state) = &mut self.compare {
                    state.at = at;
                    state.comparison = comparison;
                }
                self.overlay.scroll = 0;
            }
            Err(e) => self.notice = Some(e),
        }
    }

    /// Article `index` whole (read again when its body was let go).
    fn whole(&self, index: usize) -> Result<Article, String> {
        let article = &self.store.articles[index];
        article
            .full(self.settings.rules)
            .map(|full| full.into_owned())
            .map_err(|e| format!("{}: {e}", article.path.display()))
    }

    /// `left` aligned with article `right`.
    fn comparison(&self, left: &Article, right: usize) -> Result<Comparison, String> {
        Ok(compare(left, &self.whole(right)?))
    }
}
