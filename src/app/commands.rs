//! Actions that do more than move: marking many articles read, going to the next unread
//! one, pasting into the filter bar, copying an article.

use super::list::{ListView, Row};
use super::{App, External, Focus};
use crate::store::ReadAgain;

impl App {
    /// Store indices of the articles the list shows: a query's results, or every article. By
    /// story, a story with a result is shown whole, so all its articles are.
    pub(super) fn shown_articles(&self) -> Vec<usize> {
        let Some(hits) = &self.search.hits else {
            return self.store.by_date().to_vec();
        };
        let hits = (0..hits.len()).filter_map(|at| hits.get(at));
        let Some(stories) = self
            .stories()
            .filter(|_| self.list.view == ListView::ByStory)
        else {
            return hits.collect();
        };
        let mut placed = vec![false; stories.members.len()];
        let mut shown = Vec::new();
        for index in hits {
            match stories.story(index) {
                Some(story) => {
                    if !std::mem::replace(&mut placed[story as usize], true) {
                        let members = &stories.members[story as usize];
                        shown.extend(members.iter().filter(|&&i| !self.store.is_retired(i)));
                    }
                }
                None => shown.push(index),
            }
        }
        shown
    }

    /// Marks the selected row's group read: its story in the story view, else its outlet.
    pub(super) fn mark_group_read(&mut self) {
        if self.list.view == super::list::ListView::ByStory {
            if let Some(members) = self.selected_story_members() {
                self.mark_read(members);
            }
            return;
        }
        let outlet = match self.list.rows.get(self.list.selected) {
            Some(Row::Header { outlet, .. }) => outlet,
            Some(Row::Article { index }) => self.store.articles[index].outlet.clone(),
            _ => return,
        };
        let number = outlet.and_then(|name| {
            let names = self.store.outlet_names();
            names.iter().position(|n| *n == name)
        });
        let members: Vec<usize> = self
            .store
            .by_date()
            .iter()
            .copied()
            .filter(|&i| self.store.outlet_number(i) == number)
            .collect();
        self.mark_read(members);
    }

    /// Marks these articles read; says how many.
    pub(super) fn mark_read(&mut self, articles: Vec<usize>) {
        let keys = articles.into_iter().map(|i| self.store.key(i)).collect();
        let marked = self.saved.mark_read(keys);
        let s = if marked == 1 { "" } else { "s" };
        self.notice = Some(format!("{marked} article{s} marked read"));
        self.rebuild_rows();
    }

    /// Pasted text goes into the filter bar (opening it), line breaks and other control
    /// characters as spaces. Returns whether anything changed.
    pub(super) fn paste(&mut self, text: &str) -> bool {
        if self.overlay.open.is_some() || text.is_empty() {
            return false;
        }
        self.notice = None;
        self.focus = Focus::Filter;
        let text: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        self.search.bar.insert_str(&text);
        self.refilter();
        true
    }

    /// Selects the next unread article after the selected one, going round to the top.
    pub(super) fn next_unread(&mut self) {
        let rows = self.list.rows.len();
        let (saved, store) = (&self.saved, &self.store);
        let found = (1..=rows)
            .map(|step| (self.list.selected + step) % rows.max(1))
            .find(|&row| {
                matches!(self.list.rows.get(row), Some(Row::Article { index })
                    if !saved.is_read(store.key(index)))
            });
        match found {
            Some(row) => {
                self.saved.pending_select = None;
                self.list.chosen = true;
                self.list.selected = row;
                self.after_selection();
            }
            None => self.notice = Some("no unread articles left".into()),
        }
    }

    /// The selected article's title and text for the clipboard, with a notice saying so.
    pub(super) fn copy_selected(&mut self) -> Option<External> {
        let index = self.list.selected_article()?;
        match self.store.articles[index].full(self.settings.rules) {
            Ok(article) => {
                let mut text = article.title.clone();
                for paragraph in article.lead.iter().chain(&article.paragraphs) {
                    text.push_str("\n\n");
                    text.push_str(paragraph);
                }
                self.notice = Some(format!("copied the title and text ({} bytes)", text.len()));
                Some(External::Copy(text))
            }
            Err(e) => {
                self.notice = Some(format!("cannot copy: {e}"));
                None
            }
        }
    }
}
