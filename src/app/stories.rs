//! The stories as the reader holds them: formed on a thread of their own from the articles in
//! (and again as more arrive), so that no key waits for them; the list shows stories so far,
//! or says they are still being formed.

use super::App;
use super::list::ListView;
use crate::store::cache;
use crate::stories::{Stories, StoryInput};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// Articles whose story inputs are gathered in one tick. Gathering reads a few fields of
/// every article, scattered in memory: 100,000 at once held a key 13–30 ms.
const GATHERED_PER_TICK: usize = if cfg!(test) { 2 } else { 16_384 };

/// The stories and the job forming them.
#[derive(Debug, Default)]
pub struct StoryState {
    /// The stories last formed.
    pub ready: Option<Arc<Stories>>,
    /// How many articles the store had when the stories were formed (or are being formed).
    formed_for: usize,
    /// What the grouping reads of the articles, being gathered a tick at a time before the
    /// job starts.
    gathering: Option<Vec<StoryInput>>,
    /// The job forming them, when one runs.
    job: Option<Receiver<Stories>>,
    /// The article compare was asked for before the stories were formed: compare opens on
    /// it once they are, unless another key came first.
    pub(super) compare_asked: Option<usize>,
}

impl StoryState {
    /// True while stories are being formed.
    pub fn forming(&self) -> bool {
        self.gathering.is_some() || self.job.is_some()
    }
}

impl App {
    /// The stories, when formed.
    pub fn stories(&self) -> Option<&Stories> {
        self.stories.ready.as_deref()
    }

    /// How many articles came in after the stories were formed, and so are in none yet.
    pub fn ungrouped(&self) -> usize {
        self.stories().map_or(0, |stories| {
            self.store
                .articles
                .len()
                .saturating_sub(stories.story_of.len())
        })
    }

    /// The next view of the list: by outlet, by story, by date.
    pub(super) fn cycle_view(&mut self) {
        self.list.view = self.list.view.next();
        self.saved.set_list_view(self.list.view.name());
        self.notice = Some(
            match self.list.view {
                ListView::ByOutlet => "by outlet",
                ListView::ByStory if self.stories.ready.is_none() => "by story — forming stories…",
                ListView::ByStory => "by story",
                ListView::ByDate => "by date",
            }
            .into(),
        );
        self.start_stories();
        self.rebuild_rows();
    }

    /// Starts forming stories when they are wanted (the story view, or compare) and the
    /// articles in have changed since they were last formed: their inputs are gathered a
    /// slice at a time on the following ticks ([`App::gather_stories`]), then formed on a
    /// thread of their own.
    pub(super) fn start_stories(&mut self) {
        let count = self.store.articles.len();
        if self.stories.forming()
            || count == 0
            || (self.stories.ready.is_some() && self.stories.formed_for == count)
        {
            return;
        }
        self.stories.gathering = Some(Vec::with_capacity(count));
        self.stories.formed_for = count;
    }

    /// Gathers the next slice of the story inputs; once all are in, starts the job that
    /// forms the stories.
    fn gather_stories(&mut self) {
        let Some(inputs) = &mut self.stories.gathering else {
            return;
        };
        let count = self.stories.formed_for;
        let next = (inputs.len() + GATHERED_PER_TICK).min(count);
        for i in inputs.len()..next {
            inputs.push(StoryInput::of(
                &self.store.articles[i],
                !self.store.is_retired(i),
            ));
        }
        if inputs.len() < count {
            return;
        }
        let inputs = self.stories.gathering.take().unwrap_or_default();
        let by_date = self.store.by_date().to_vec();
        // Stories of a load half done are not kept: which articles are in by then differs
        // from run to run, so they would never be found again.
        let cache_folder = (self.settings.cache_stories && self.loading.done)
            .then(cache::folder)
            .flatten();
        let (send, receive) = channel();
        let spawned = std::thread::Builder::new()
            .name("warta-stories".into())
            .spawn(move || {
                crate::priority::lower_this_thread();
                let stories = Stories::from_inputs_with(&inputs, &by_date, |docs| {
                    cache::stories::group(cache_folder.as_deref(), docs)
                });
                let _ = send.send(stories);
            });
        match spawned {
            Ok(_) => self.stories.job = Some(receive),
            // Asked again at the next start (the view or compare wants them).
            Err(_) => self.stories.formed_for = 0,
        }
    }

    /// Takes the stories when the job has formed them; starts it again when articles that
    /// arrived meanwhile make it due ([`App::restart_stories_when_due`]). Returns whether the
    /// list changed.
    pub(super) fn take_stories(&mut self) -> bool {
        self.gather_stories();
        let wanted = self.list.view == ListView::ByStory;
        if let Some(job) = &self.stories.job {
            match job.try_recv() {
                Ok(stories) => {
                    self.keep_folds(&stories);
                    let selected_story = self.selected_story_anchor();
                    self.stories.ready = Some(Arc::new(stories));
                    self.stories.job = None;
                    if self
                        .notice
                        .as_deref()
                        .is_some_and(|n| n.contains("forming"))
                    {
                        self.notice = None;
                    }
                    if wanted {
                        self.rebuild_rows_around(None, selected_story);
                    }
                    let compare = self.stories.compare_asked.take().is_some_and(|left| {
                        self.overlay.open.is_none() && self.list.selected_article() == Some(left)
                    });
                    if compare {
                        self.open_compare();
                    }
                    self.restart_stories_when_due();
                    if wanted || compare {
                        return true;
                    }
                }
                Err(TryRecvError::Empty) => return false,
                Err(TryRecvError::Disconnected) => self.stories.job = None,
            }
        }
        self.restart_stories_when_due();
        false
    }

    /// Forms the stories again, for the story view, when articles came in after they were
    /// formed: once loading is done; while it goes on, each time the articles have doubled,
    /// until half the files the walk found are in (so the view shows stories so far from the
    /// first articles in, and forming them along the way costs less than forming them all
    /// once more: they are formed again at the end anyway).
    pub(super) fn restart_stories_when_due(&mut self) {
        let wanted = self.list.view == ListView::ByStory;
        let count = self.store.articles.len();
        let due = match self.loading.done {
            true => self.stories.formed_for != count,
            false => {
                count >= self.stories.formed_for.saturating_mul(2)
                    && self.loading.found.is_none_or(|found| count <= found / 2)
            }
        };
        if wanted && due {
            self.start_stories();
        }
    }

    /// The newest article of the story whose header is selected: the story is found again
    /// by it once the rows are built anew (its number may change when the stories are
    /// formed again).
    pub(super) fn selected_story_anchor(&self) -> Option<usize> {
        match self.list.rows.get(self.list.selected)? {
            super::list::Row::Story { story, .. } => self
                .stories()?
                .members
                .get(story as usize)?
                .first()
                .copied(),
            _ => None,
        }
    }

    /// Selects the header of `anchor`'s story (or, where its story is now of one, its row),
    /// when it is among the first `within` rows.
    pub(super) fn select_story_of(&mut self, anchor: usize, within: Option<usize>) {
        let Some(stories) = self.stories() else {
            return;
        };
        let limit = within.unwrap_or(self.list.rows.len());
        let found =
            stories
                .story(anchor)
                .and_then(|s| {
                    self.list.rows.iter().take(limit).position(
                        |r| matches!(r, super::list::Row::Story { story, .. } if story == s),
                    )
                })
                .or_else(|| self.list.rows.article_position(anchor, limit));
        if let Some(at) = found {
            self.list.selected = at;
        }
    }

    /// Folded stories stay folded when the stories are formed again: a story is known by its
    /// number, which the new stories give out afresh, so each folded one is found again by
    /// its newest article.
    fn keep_folds(&mut self, new: &Stories) {
        let Some(old) = self.stories.ready.as_deref() else {
            return;
        };
        let folded = std::mem::take(&mut self.list.folded_stories);
        self.list.folded_stories = folded
            .into_iter()
            .filter_map(|story| old.members.get(story as usize)?.first())
            .filter_map(|&article| new.story(article))
            .filter(|&story| new.members[story as usize].len() > 1)
            .collect();
    }

    /// Whether a tick has stories to wait for.
    pub(super) fn stories_pending(&self) -> bool {
        self.stories.forming()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Input;
    use crate::app::overlay::Overlay;
    use crate::keymap::Action;
    use crate::rules::Rules;
    use crate::store::{LoadOptions, Sources, load_all};
    use ratatui::layout::Rect;

    /// Ticks until the app has nothing left to do (at most ten seconds).
    fn run_until_idle(app: &mut App) {
        let started = std::time::Instant::now();
        while app.busy() && started.elapsed() < std::time::Duration::from_secs(10) {
            app.update(Input::Tick);
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }

    /// The story view's key only asks for the stories: their inputs are gathered a slice a
    /// tick, and the stories formed on a thread, while the loop goes on.
    #[test]
    fn the_story_view_gathers_its_inputs_a_slice_a_tick() {
        let store = load_all(&Sources::Seeds, Rules::builtin(), LoadOptions::default());
        let mut app = App::new(store, Rect::new(0, 0, 120, 40));
        app.loading.done = true;
        app.update(Input::Action(Action::CycleView));
        assert_eq!(app.list.view, ListView::ByStory);
        assert!(app.stories.forming());
        assert_eq!(app.stories.gathering.as_ref().map(Vec::len), Some(0));
        app.update(Input::Tick);
        assert_eq!(app.stories.gathering.as_ref().map(Vec::len), Some(2));
        app.update(Input::Tick);
        assert_eq!(app.stories.gathering.as_ref().map(Vec::len), Some(4));
        app.update(Input::Tick);
        assert!(
            app.stories.gathering.is_none(),
            "all five in: the job starts"
        );
        run_until_idle(&mut app);
        let stories = app.stories().expect("formed");
        assert_eq!(stories.members.iter().filter(|m| !m.is_empty()).count(), 1);
        assert_eq!(stories.members[0].len(), 5);
        assert!(!app.stories.forming());
    }

    /// The seeds loaded, an article selected, and compare asked for before any story is
    /// formed; then `then` typed, and the loop run until the stories are in.
    fn compare_asked_then(then: &[Action]) -> App {
        let store = load_all(&Sources::Seeds, Rules::builtin(), LoadOptions::default());
        let mut app = App::new(store, Rect::new(0, 0, 120, 40));
        app.loading.done = true;
        while app.list.selected_article().is_none() {
            app.update(Input::Action(Action::Down));
        }
        app.update(Input::Action(Action::Compare));
        assert!(app.stories().is_none() && app.overlay.open.is_none());
        assert!(app.notice.as_deref().is_some_and(|n| n.contains("forming")));
        for &action in then {
            app.update(Input::Action(action));
        }
        run_until_idle(&mut app);
        assert!(app.stories().is_some(), "formed");
        app
    }

    /// Compare on an article loaded after the stories were formed (it is in none yet) forms
    /// them again and opens once they are, instead of saying the article's story has no other.
    #[test]
    fn compare_on_an_article_loaded_after_the_stories_forms_them_again() {
        let mut seeds = load_all(&Sources::Seeds, Rules::builtin(), LoadOptions::default())
            .articles
            .into_iter();
        let mut app = App::new(crate::store::Store::default(), Rect::new(0, 0, 120, 40));
        let first: Vec<_> = seeds.by_ref().take(3).collect();
        app.update(Input::Load(crate::store::LoadEvent::Batch(first, None)));
        app.update(Input::Action(Action::CycleView));
        run_until_idle(&mut app);
        assert_eq!(app.stories().map(|s| s.story_of.len()), Some(3));
        app.update(Input::Load(crate::store::LoadEvent::Batch(
            seeds.collect(),
            None,
        )));
        // While loading, the rows take new articles in at the next timed rebuild.
        let started = std::time::Instant::now();
        while app.list.stale {
            assert!(started.elapsed() < std::time::Duration::from_secs(10));
            app.update(Input::Tick);
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert!(
            !app.loading.done,
            "still loading: the stories are not formed again"
        );
        app.update(Input::Action(Action::Bottom));
        let late = app.list.selected_article().expect("an article");
        assert!(late >= 3 && app.stories().unwrap().story(late).is_none());
        app.update(Input::Action(Action::Compare));
        assert!(app.notice.as_deref().is_some_and(|n| n.contains("forming")));
        run_until_idle(&mut app);
        assert_eq!(app.stories().map(|s| s.story_of.len()), Some(5));
        assert_eq!(app.overlay.open, Some(Overlay::Compare));
    }

    /// Compare asked for while the stories form opens by itself once they are: the key is
    /// not lost, and no "try again" is asked of the user.
    #[test]
    fn compare_asked_while_stories_form_opens_when_they_are_formed() {
        let app = compare_asked_then(&[]);
        assert_eq!(app.overlay.open, Some(Overlay::Compare));
        assert!(app.compare.is_some());
    }

    /// Another key after it means the user moved on, whether it left the same article
    /// selected (a star) or not: compare does not open under them.
    #[test]
    fn compare_asked_gives_way_to_the_next_key() {
        for then in [Action::ToggleStar, Action::Down] {
            let app = compare_asked_then(&[then]);
            assert_eq!(app.overlay.open, None, "after {then:?}");
            assert!(app.compare.is_none(), "after {then:?}");
        }
    }
}
