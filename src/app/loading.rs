//! How far loading has come, and the work done once it is over: the articles' order by title
//! worked out on a thread of its own, so that the first sort by title takes no longer than
//! any other (at 100,000 articles, working it out takes 20–30 ms).

use super::App;
use std::sync::mpsc::{Receiver, channel};

/// How far loading has come.
#[derive(Debug, Default, Clone, Copy)]
pub struct Loading {
    /// Files the walk found, once it is done.
    pub found: Option<usize>,
    /// All files are read.
    pub done: bool,
}

/// The articles' ranks by title, being worked out: for how many articles, and the answer.
#[derive(Debug, Default)]
pub struct TitleRanks(Option<Receiver<(usize, Vec<u32>)>>);

impl App {
    /// Works the ranks by title out on a thread, from a copy of the folded titles.
    pub(super) fn start_title_ranks(&mut self) {
        let heads = self.store.heads.clone();
        let (tx, rx) = channel();
        let spawned = std::thread::Builder::new()
            .name("warta-titles".into())
            .spawn(move || {
                crate::priority::lower_this_thread();
                let _ = tx.send((heads.len(), crate::store::title_ranks(&heads)));
            });
        // Without the thread the ranks are worked out when first asked for, as before.
        self.title_ranks = TitleRanks(spawned.ok().map(|_| rx));
    }

    /// Hands finished ranks to the store (unless articles arrived since).
    pub(super) fn take_title_ranks(&mut self) {
        let Some(rx) = &self.title_ranks.0 else {
            return;
        };
        if let Ok((covers, ranks)) = rx.try_recv() {
            self.store.set_title_ranks(covers, ranks);
            self.title_ranks = TitleRanks(None);
        }
    }
}
