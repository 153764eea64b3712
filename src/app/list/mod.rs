//! The source list's state: rows (outlet headers and articles), the selection, folds, scroll.

use crate::filter::Ranked;
use crate::store::Store;
use crate::stories::Stories;
use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use crate::article::UNKNOWN_OUTLET;

mod folding;
mod views;

pub use views::under_story_header;

/// While loading, the grouped list is rebuilt at most this often.
pub const REBUILD_EVERY: Duration = Duration::from_millis(250);

/// The order of articles under each outlet.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    #[default]
    NewestFirst,
    OldestFirst,
    /// By title, A to Z.
    Title,
}

impl SortOrder {
    /// The next order, going round.
    pub fn next(self) -> SortOrder {
        match self {
            SortOrder::NewestFirst => SortOrder::OldestFirst,
            SortOrder::OldestFirst => SortOrder::Title,
            SortOrder::Title => SortOrder::NewestFirst,
        }
    }

    /// Every article listed, in the order this sort starts from: by title, or newest first
    /// (which oldest first reverses).
    pub fn articles(self, store: &Store) -> &[usize] {
        match self {
            SortOrder::Title => store.by_title(),
            SortOrder::NewestFirst | SortOrder::OldestFirst => store.by_date(),
        }
    }

    /// How the list's title says it.
    pub fn label(self) -> &'static str {
        match self {
            SortOrder::NewestFirst => "newest first",
            SortOrder::OldestFirst => "oldest first",
            SortOrder::Title => "by title",
        }
    }
}

/// How the source list groups articles.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum ListView {
    #[default]
    ByOutlet,
    /// One event as every outlet told it: the stories, newest first.
    ByStory,
    /// Every article, by date, no groups.
    ByDate,
}

impl ListView {
    /// The next view, going round.
    pub fn next(self) -> ListView {
        match self {
            ListView::ByOutlet => ListView::ByStory,
            ListView::ByStory => ListView::ByDate,
            ListView::ByDate => ListView::ByOutlet,
        }
    }

    /// The name the saved state keeps.
    pub fn name(self) -> &'static str {
        match self {
            ListView::ByOutlet => "outlet",
            ListView::ByStory => "story",
            ListView::ByDate => "date",
        }
    }

    /// The view a saved name means (by outlet for none or an unknown one).
    pub fn from_name(name: Option<&str>) -> ListView {
        match name {
            Some("story") => ListView::ByStory,
            Some("date") => ListView::ByDate,
            _ => ListView::ByOutlet,
        }
    }
}

/// One line of the source list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// An outlet's header: its name (None: unknown), how many articles, folded or not.
    Header {
        outlet: Option<Arc<str>>,
        count: usize,
        unread: usize,
        folded: bool,
    },
    /// A story's header: its number in the stories, how many articles, folded or not.
    Story {
        story: u32,
        count: usize,
        unread: usize,
        folded: bool,
    },
    /// An article, by its index in the store.
    Article { index: usize },
}

impl Row {
    /// An outlet's or a story's header.
    pub fn is_header(&self) -> bool {
        !matches!(self, Row::Article { .. })
    }
}

/// The rows of the list: outlet groups with their articles, or a query's results in ranked
/// order. Results are shared with the query, not copied: a list of 100,000 results costs
/// nothing to show, as only the rows on screen are ever looked at.
#[derive(Debug, Clone)]
pub enum Rows {
    Grouped(Vec<Row>),
    Ranked(Ranked),
}

impl Default for Rows {
    fn default() -> Self {
        Rows::Grouped(Vec::new())
    }
}

impl Rows {
    /// How many rows there are.
    pub fn len(&self) -> usize {
        match self {
            Rows::Grouped(rows) => rows.len(),
            Rows::Ranked(ranked) => ranked.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `at`.
    pub fn get(&self, at: usize) -> Option<Row> {
        match self {
            Rows::Grouped(rows) => rows.get(at).cloned(),
            Rows::Ranked(ranked) => ranked.get(at).map(|index| Row::Article { index }),
        }
    }

    /// Rows `range` (as far as there are rows).
    pub fn slice(&self, range: std::ops::Range<usize>) -> Vec<Row> {
        let end = range.end.min(self.len());
        (range.start.min(end)..end)
            .filter_map(|at| self.get(at))
            .collect()
    }

    /// The row of article `index`, among the first `limit` rows.
    pub fn article_position(&self, index: usize, limit: usize) -> Option<usize> {
        match self {
            Rows::Grouped(rows) => rows
                .iter()
                .take(limit)
                .position(|row| *row == Row::Article { index }),
            Rows::Ranked(ranked) => ranked.position(index, limit),
        }
    }

    /// The row of the header of `outlet`.
    pub fn header_position(&self, outlet: &Option<Arc<str>>) -> Option<usize> {
        match self {
            Rows::Grouped(rows) => rows
                .iter()
                .position(|r| matches!(r, Row::Header { outlet: o, .. } if o == outlet)),
            Rows::Ranked(_) => None,
        }
    }

    /// The first row that is an article.
    pub fn first_article(&self) -> Option<usize> {
        match self {
            Rows::Grouped(rows) => rows.iter().position(|r| matches!(r, Row::Article { .. })),
            Rows::Ranked(ranked) => (!ranked.is_empty()).then_some(0),
        }
    }

    /// Every row, in order.
    pub fn iter(&self) -> impl Iterator<Item = Row> + '_ {
        (0..self.len()).filter_map(|at| self.get(at))
    }
}

/// Rows, selection and scroll of the source list.
#[derive(Debug, Default)]
pub struct SourceList {
    pub rows: Rows,
    /// The selected row.
    pub selected: usize,
    /// The first row shown.
    pub offset: usize,
    /// Outlets whose articles are hidden under their header.
    pub folded: HashSet<Option<Arc<str>>>,
    /// Articles arrived since the rows were built; they join at the next rebuild.
    pub stale: bool,
    /// The user (or the remembered state) picked the selection; until then it is the top.
    pub chosen: bool,
    /// The list's share of the screen's width, when the user moved the split.
    pub share: Option<u16>,
    /// The order of articles under each outlet.
    pub sort: SortOrder,
    /// When the rows were last built.
    pub last_rebuild: Option<Instant>,
    /// By outlet, by story or by date.
    pub view: ListView,
    /// Stories whose articles are hidden under their header.
    pub folded_stories: HashSet<u32>,
}

impl SourceList {
    /// The store index of the selected article, if an article row is selected.
    pub fn selected_article(&self) -> Option<usize> {
        match self.rows.get(self.selected)? {
            Row::Article { index } => Some(index),
            _ => None,
        }
    }

    /// The list's share of the screen's width, in percent.
    pub fn share(&self) -> u16 {
        self.share.unwrap_or(crate::app::layout::DEFAULT_LIST_SHARE)
    }

    /// Whether the rows should be built again now: articles arrived, and loading is done or
    /// the last rebuild was [`REBUILD_EVERY`] ago.
    pub fn rebuild_due(&self, loading_done: bool) -> bool {
        self.stale
            && (loading_done
                || self
                    .last_rebuild
                    .is_none_or(|at| at.elapsed() >= REBUILD_EVERY))
    }

    /// True when the rows are a flat ranked list of filter results rather than outlet groups.
    pub fn is_flat(&self) -> bool {
        matches!(self.rows, Rows::Ranked(_))
    }

    /// Rebuilds the rows: grouped by outlet when `hits` is None (no filter), else the hits in
    /// their ranked order. Keeps the selection on the same article when it is still there
    /// (and, given `keep_within`, among that many first rows), otherwise moves it to the first
    /// article.
    pub fn rebuild(
        &mut self,
        store: &Store,
        hits: Option<&Ranked>,
        unread: &dyn Fn(usize) -> bool,
        keep_within: Option<usize>,
        stories: Option<&Stories>,
    ) {
        let keep_article = self.selected_article();
        let keep_header = match self.rows.get(self.selected) {
            Some(Row::Header { outlet, .. }) => Some(outlet),
            _ => None,
        };
        self.rows = self.build_rows(store, hits, unread, stories);
        let limit = keep_within.unwrap_or(self.rows.len());
        self.selected = keep_article
            .and_then(|index| self.rows.article_position(index, limit))
            .or_else(|| self.rows.header_position(&keep_header?))
            .or_else(|| self.rows.first_article())
            .unwrap_or(0);
        self.stale = false;
        self.last_rebuild = Some(Instant::now());
    }

    /// The rows for the view: outlet groups, stories, or one list by date; a filter's hits
    /// in their ranked order, or, by story, the stories they are in.
    fn build_rows(
        &self,
        store: &Store,
        hits: Option<&Ranked>,
        unread: &dyn Fn(usize) -> bool,
        stories: Option<&Stories>,
    ) -> Rows {
        match (self.view, hits, stories) {
            (ListView::ByStory, Some(hits), Some(stories)) => {
                let order: Vec<usize> = (0..hits.len()).filter_map(|at| hits.get(at)).collect();
                Rows::Grouped(views::by_story(self, store, stories, &order, unread))
            }
            (_, Some(hits), _) => Rows::Ranked(hits.clone()),
            (ListView::ByOutlet, None, _) => Rows::Grouped(self.group(store, unread)),
            (ListView::ByStory, None, Some(stories)) => Rows::Grouped(views::by_story(
                self,
                store,
                stories,
                store.by_date(),
                unread,
            )),
            (_, None, _) => Rows::Grouped(views::by_date(self, store)),
        }
    }

    /// Whether rows name their outlet: results, stories and the list by date mix outlets.
    pub fn rows_name_outlets(&self) -> bool {
        self.is_flat() || self.view != ListView::ByOutlet
    }

    /// The articles of `outlet` (None: those of no known outlet) in the order their group
    /// lists them.
    fn members(&self, store: &Store, outlet: &Option<Arc<str>>) -> Vec<usize> {
        let unknown = store.outlet_names().len();
        let group = match outlet {
            Some(name) => store.outlet_number_of(name),
            None => Some(unknown),
        };
        let mut members: Vec<usize> = match group {
            Some(group) => (self.sort.articles(store).iter().copied())
                .filter(|&index| store.outlet_number(index).unwrap_or(unknown) == group)
                .collect(),
            None => Vec::new(),
        };
        if self.sort == SortOrder::OldestFirst {
            members.reverse();
        }
        members
    }

    fn group(&self, store: &Store, unread: &dyn Fn(usize) -> bool) -> Vec<Row> {
        let mut rows = Vec::new();
        // One pass over all articles in date or title order puts each group in order
        // already. Group n is outlet n; the last group has no outlet.
        let outlets = store.outlet_names();
        let mut groups: Vec<Vec<usize>> = vec![Vec::new(); outlets.len() + 1];
        for &index in self.sort.articles(store) {
            let group = store.outlet_number(index).unwrap_or(outlets.len());
            groups[group].push(index);
        }
        // Known outlets by name, case-insensitively; the unknown group last.
        let mut order: Vec<usize> = (0..outlets.len()).collect();
        order.sort_by_cached_key(|&n| outlets[n].to_lowercase());
        order.push(outlets.len());
        for n in order {
            let mut members = std::mem::take(&mut groups[n]);
            if members.is_empty() {
                continue;
            }
            if self.sort == SortOrder::OldestFirst {
                members.reverse();
            }
            let name = outlets.get(n).cloned();
            let folded = self.folded.contains(&name);
            rows.push(Row::Header {
                count: members.len(),
                unread: members.iter().filter(|&&i| unread(i)).count(),
                outlet: name,
                folded,
            });
            if !folded {
                rows.extend(members.into_iter().map(|index| Row::Article { index }));
            }
        }
        rows
    }

    /// The article at `row` was marked read (or unread): the header above it counts one unread
    /// article fewer (or more), when `is_its_header` says that header is its group's.
    pub fn count_read_change(
        &mut self,
        row: usize,
        read: bool,
        is_its_header: impl Fn(&Row) -> bool,
    ) {
        let Rows::Grouped(rows) = &mut self.rows else {
            return;
        };
        let Some(header) = rows[..row].iter_mut().rev().find(|r| r.is_header()) else {
            return;
        };
        if !is_its_header(header) {
            return;
        }
        if let Row::Header { unread, .. } | Row::Story { unread, .. } = header {
            *unread = match read {
                true => unread.saturating_sub(1),
                false => *unread + 1,
            };
        }
    }

    /// Moves the selection by `delta` rows, stopping at the ends, from article to article:
    /// outlet headers are passed over (a header is selected only by folding it or clicking
    /// it).
    pub fn move_by(&mut self, delta: isize) {
        if self.rows.is_empty() {
            return;
        }
        let last = self.rows.len() - 1;
        let target = self.selected.saturating_add_signed(delta).min(last);
        let forward = delta >= 0;
        self.selected = self
            .article_from(target, forward)
            .or_else(|| self.article_from(target, !forward))
            .unwrap_or(target);
    }

    /// The nearest article row from `at`, going forward or back (`at` itself included).
    fn article_from(&self, at: usize, forward: bool) -> Option<usize> {
        let is_article = |row: usize| matches!(self.rows.get(row), Some(Row::Article { .. }));
        if let Rows::Ranked(_) = self.rows {
            // Results are all articles.
            return (at < self.rows.len()).then_some(at);
        }
        if forward {
            (at..self.rows.len()).find(|&row| is_article(row))
        } else {
            (0..=at).rev().find(|&row| is_article(row))
        }
    }

    /// Selects the first or last article (or row, when every outlet is folded).
    pub fn select_edge(&mut self, last: bool) {
        let edge = if last {
            self.rows.len().saturating_sub(1)
        } else {
            0
        };
        self.selected = self.article_from(edge, !last).unwrap_or(edge);
    }

    /// Scrolls so the selection is within a view `height` rows tall.
    pub fn scroll_into_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        let max_offset = self.rows.len().saturating_sub(height);
        self.offset = self.offset.min(max_offset);
    }
}

#[cfg(test)]
mod tests;
