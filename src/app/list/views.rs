//! The source list's rows by story and by date (the rows by outlet are in `mod.rs`).

use super::{Row, SortOrder, SourceList};
use crate::store::Store;
use crate::stories::Stories;

/// Stories in the order their articles come in `order` (newest first, or a filter's ranking):
/// a story of several articles is a header and its articles (all of them, in the list's sort
/// order); a story of one is just its row. Articles that arrived after the stories were
/// formed come last, each a row of its own.
pub fn by_story(
    list: &SourceList,
    store: &Store,
    stories: &Stories,
    order: &[usize],
    unread: &dyn Fn(usize) -> bool,
) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut placed = vec![false; stories.members.len()];
    let mut ungrouped = Vec::new();
    for &index in order {
        if store.is_retired(index) {
            continue;
        }
        let Some(story) = stories.story(index) else {
            ungrouped.push(index);
            continue;
        };
        if std::mem::replace(&mut placed[story as usize], true) {
            continue;
        }
        // Most stories are of one article: its row, with nothing gathered or sorted (at a
        // million articles, a list of one for each was a third of a second).
        if stories.members[story as usize].len() == 1 {
            rows.push(Row::Article { index });
            continue;
        }
        let mut members: Vec<usize> = live_members(store, stories, story).collect();
        if members.len() < 2 {
            rows.extend(members.into_iter().map(|index| Row::Article { index }));
            continue;
        }
        sort_members(list.sort, store, &mut members);
        let folded = list.folded_stories.contains(&story);
        rows.push(Row::Story {
            story,
            count: members.len(),
            unread: members.iter().filter(|&&i| unread(i)).count(),
            folded,
        });
        if !folded {
            rows.extend(members.into_iter().map(|index| Row::Article { index }));
        }
    }
    rows.extend(ungrouped.into_iter().map(|index| Row::Article { index }));
    rows
}

/// A story's articles still in the store (an article retired since the stories were formed
/// drops out of its story).
pub fn live_members<'a>(
    store: &'a Store,
    stories: &'a Stories,
    story: u32,
) -> impl Iterator<Item = usize> + 'a {
    stories.members[story as usize]
        .iter()
        .copied()
        .filter(|&i| !store.is_retired(i))
}

/// Whether an article's row in the story view sits under its story's header: its story has
/// more than one article (a story of one is a row of its own).
pub fn under_story_header(store: &Store, stories: &Stories, index: usize) -> bool {
    stories
        .story(index)
        .is_some_and(|story| live_members(store, stories, story).nth(1).is_some())
}

/// Every article as one list, in the list's sort order.
pub fn by_date(list: &SourceList, store: &Store) -> Vec<Row> {
    let rows = (list.sort.articles(store).iter()).map(|&index| Row::Article { index });
    match list.sort {
        SortOrder::OldestFirst => rows.rev().collect(),
        SortOrder::NewestFirst | SortOrder::Title => rows.collect(),
    }
}

/// Articles given newest first, put in `sort`'s order.
fn sort_members(sort: SortOrder, store: &Store, members: &mut [usize]) {
    match sort {
        SortOrder::NewestFirst => {}
        SortOrder::OldestFirst => members.reverse(),
        SortOrder::Title => members.sort_unstable_by_key(|&i| store.title_rank(i)),
    }
}
