//! The stories as the reader holds them: formed on a thread of their own once the articles
//! are in (and again when more arrive), so that no key waits for them; the list shows stories
//! so far, or says they are still being formed.

use super::App;
use super::list::ListView;
use crate::store::cache;
use crate::stories::{Stories, StoryInput};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// The stories and the job forming them.
#[derive(Debug, Default)]
pub struct StoryState {
    /// The stories last formed.
    pub ready: Option<Arc<Stories>>,
    /// How many articles the store had when the stories were formed (or are being formed).
    formed_for: usize,
    /// The job forming them, when one runs.
    job: Option<Receiver<Stories>>,
}

impl StoryState {
    /// True while stories are being formed.
    pub fn forming(&self) -> bool {
        self.job.is_some()
    }
}

impl App {
    /// The stories, when formed.
    pub fn stories(&self) -> Option<&Stories> {
        self.stories.ready.as_deref()
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
    /// articles in have changed since they were last formed.
    pub(super) fn start_stories(&mut self) {
        let count = self.store.articles.len();
        if self.stories.job.is_some()
            || count == 0
            || (self.stories.ready.is_some() && self.stories.formed_for == count)
        {
            return;
        }
        let inputs: Vec<StoryInput> = self
            .store
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| StoryInput::of(a, !self.store.is_retired(i)))
            .collect();
        let by_date = self.store.by_date().to_vec();
        let cache_folder = (self.settings.cache_stories).then(cache::folder).flatten();
        let (send, receive) = channel();
        let spawned = std::thread::Builder::new()
            .name("warta-stories".into())
            .spawn(move || {
                let stories = Stories::from_inputs_with(&inputs, &by_date, |docs| {
                    cache::stories::group(cache_folder.as_deref(), docs)
                });
                let _ = send.send(stories);
            });
        if spawned.is_ok() {
            self.stories.job = Some(receive);
            self.stories.formed_for = count;
        }
    }

    /// Takes the stories when the job has formed them; starts it again when articles arrived
    /// meanwhile and loading is done. Returns whether the list changed.
    pub(super) fn take_stories(&mut self) -> bool {
        let wanted = self.list.view == ListView::ByStory;
        if let Some(job) = &self.stories.job {
            match job.try_recv() {
                Ok(stories) => {
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
                        self.rebuild_rows();
                        return true;
                    }
                }
                Err(TryRecvError::Empty) => return false,
                Err(TryRecvError::Disconnected) => self.stories.job = None,
            }
        }
        if wanted && self.loading.done && self.stories.formed_for != self.store.articles.len() {
            self.start_stories();
        }
        false
    }

    /// Whether a tick has stories to wait for.
    pub(super) fn stories_pending(&self) -> bool {
        self.stories.job.is_some()
    }
}
