//! Folding the list's groups: one outlet or story, or all of them.

use super::{ListView, Row, Rows, SourceList};
use crate::filter::Ranked;
use crate::store::Store;
use crate::stories::Stories;
use std::sync::Arc;

impl SourceList {
    /// Folds every outlet, or unfolds them all when all are folded. The selected article's
    /// outlet keeps the selection on its header (or the article, when unfolding). `hits`, the
    /// filter's, keep a filtered story view filtered.
    pub fn toggle_fold_all(
        &mut self,
        store: &Store,
        hits: Option<&Ranked>,
        unread: &dyn Fn(usize) -> bool,
        stories: Option<&Stories>,
    ) {
        if self.is_flat() || self.view == ListView::ByDate {
            return;
        }
        if self.view == ListView::ByStory {
            let Some(stories) = stories else {
                return;
            };
            let all: Vec<u32> = (0..stories.members.len() as u32)
                .filter(|&s| stories.members[s as usize].len() > 1)
                .collect();
            if all.iter().all(|s| self.folded_stories.contains(s)) {
                self.folded_stories.clear();
            } else {
                self.folded_stories.extend(all);
            }
            let keep = self.selected_article();
            self.rows = self.build_rows(store, hits, unread, Some(stories));
            self.selected = keep
                .and_then(|i| stories.story(i))
                .and_then(|s| {
                    self.rows
                        .iter()
                        .position(|r| matches!(r, Row::Story { story, .. } if story == s))
                })
                .or_else(|| keep.and_then(|i| self.rows.article_position(i, self.rows.len())))
                .unwrap_or(0);
            return;
        }
        let outlets: Vec<Option<Arc<str>>> = store
            .outlet_names()
            .iter()
            .cloned()
            .map(Some)
            .chain(std::iter::once(None))
            .collect();
        let all_folded = outlets.iter().all(|o| self.folded.contains(o));
        let keep = self.selected_article();
        let outlet = match self.rows.get(self.selected) {
            Some(Row::Header { outlet, .. }) => outlet,
            Some(Row::Article { index }) => store.articles[index].outlet.clone(),
            _ => None,
        };
        if all_folded {
            self.folded.clear();
        } else {
            self.folded.extend(outlets);
        }
        match &mut self.rows {
            // Every outlet folded: the headers as they are, with no rebuild (unless articles
            // arrived since, which no header counts yet).
            Rows::Grouped(rows) if !all_folded && !self.stale => {
                rows.retain(Row::is_header);
                for row in rows {
                    if let Row::Header { folded, .. } = row {
                        *folded = true;
                    }
                }
            }
            _ => self.rows = Rows::Grouped(self.group(store, unread)),
        }
        self.selected = keep
            .and_then(|index| self.rows.article_position(index, self.rows.len()))
            .or_else(|| self.rows.header_position(&outlet))
            .unwrap_or(0);
    }

    /// Folds or unfolds the outlet of the selected row (a header, or the article's outlet).
    /// Returns the outlet toggled. `hits`, the filter's, keep a filtered story view filtered.
    pub fn toggle_fold(
        &mut self,
        store: &Store,
        hits: Option<&Ranked>,
        unread: &dyn Fn(usize) -> bool,
        stories: Option<&Stories>,
    ) -> Option<Option<Arc<str>>> {
        if self.is_flat() || self.view == ListView::ByDate {
            return None;
        }
        if self.view == ListView::ByStory {
            let stories = stories?;
            let story = match self.rows.get(self.selected)? {
                Row::Story { story, .. } => story,
                Row::Article { index } => stories.story(index)?,
                Row::Header { .. } => return None,
            };
            if stories.members[story as usize].len() < 2 {
                return None;
            }
            if !self.folded_stories.remove(&story) {
                self.folded_stories.insert(story);
            }
            self.rows = self.build_rows(store, hits, unread, Some(stories));
            if let Some(at) = self
                .rows
                .iter()
                .position(|r| matches!(r, Row::Story { story: s, .. } if s == story))
            {
                self.selected = at;
            }
            return Some(None);
        }
        let outlet = match self.rows.get(self.selected)? {
            Row::Header { outlet, .. } => outlet,
            Row::Article { index } => store.articles[index].outlet.clone(),
            Row::Story { .. } => return None,
        };
        let folding = !self.folded.remove(&outlet);
        if folding {
            self.folded.insert(outlet.clone());
        }
        // Articles that arrived since the rows were built are in no header's count yet: only
        // a whole rebuild takes them in.
        let header = match self.stale {
            false => self.fold_in_place(store, &outlet, folding),
            true => None,
        };
        let header = header.or_else(|| {
            self.rows = Rows::Grouped(self.group(store, unread));
            self.rows.header_position(&outlet)
        });
        if let Some(at) = header {
            self.selected = at;
        }
        Some(outlet)
    }

    /// Folds or unfolds one outlet's group in the grouped rows as they are: its article rows
    /// taken out, or put back under its header in the list's order — the rows a rebuild
    /// would give, without going over every article's group (at 100,000 articles, most of
    /// a fold's time). Gives the header's row; None when the rows are not grouped by outlet
    /// with that header in the other state.
    fn fold_in_place(
        &mut self,
        store: &Store,
        outlet: &Option<Arc<str>>,
        folding: bool,
    ) -> Option<usize> {
        let at = self.rows.header_position(outlet)?;
        if !matches!(self.rows.get(at), Some(Row::Header { folded, .. }) if folded != folding) {
            return None;
        }
        let members = match folding {
            true => Vec::new(),
            false => self.members(store, outlet),
        };
        let Rows::Grouped(rows) = &mut self.rows else {
            return None;
        };
        if let Row::Header { folded, .. } = &mut rows[at] {
            *folded = folding;
        }
        if folding {
            let end = (at + 1..rows.len())
                .find(|&r| rows[r].is_header())
                .unwrap_or(rows.len());
            rows.drain(at + 1..end);
        } else {
            rows.splice(
                at + 1..at + 1,
                members.into_iter().map(|index| Row::Article { index }),
            );
        }
        Some(at)
    }
}
