//! Keys → actions, as data. The help overlay is drawn from the same table, so the keys it
//! lists are the keys that work.

mod key;

pub use key::Key;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Declares [`Action`] and the names config files give its variants from one list, so the
/// two can never disagree.
macro_rules! actions {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// Everything a key can ask the reader to do.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $($(#[$doc])* $variant,)*
            /// A character typed into the filter bar.
            FilterChar(char),
            /// Ctrl-Z: give the terminal back and stop until `fg`. Not bindable.
            Suspend,
        }

        impl Action {
            /// Every action a config file can bind, with its name there, in the order the
            /// default config lists them.
            pub const NAMED: &'static [(&'static str, Action)] =
                &[$(($name, Action::$variant),)*];
        }
    };
}

actions! {
    Quit = "quit",
    Up = "up",
    Down = "down",
    PageUp = "page_up",
    PageDown = "page_down",
    Top = "top",
    Bottom = "bottom",
    Open = "open",
    /// Back to the list; in a help or warnings window, close it.
    Back = "back",
    SwitchFocus = "switch_focus",
    ToggleFold = "toggle_fold",
    FocusFilter = "focus_filter",
    FilterAccept = "filter_accept",
    FilterCancel = "filter_cancel",
    FilterBackspace = "filter_backspace",
    FilterDeleteWord = "filter_delete_word",
    FilterClear = "filter_clear",
    FilterLeft = "filter_left",
    FilterRight = "filter_right",
    NextMatch = "next_match",
    PrevMatch = "prev_match",
    ToggleRaw = "toggle_raw",
    ToggleHelp = "toggle_help",
    ToggleWarnings = "toggle_warnings",
    ToggleRead = "toggle_read",
    ToggleStar = "toggle_star",
    OpenPager = "open_pager",
    Copy = "copy",
    /// From the reading pane: the next or previous article, without going back.
    NextArticle = "next_article",
    PrevArticle = "prev_article",
    /// The next unread article after the selected one.
    NextUnread = "next_unread",
    /// The cursor to the start or end of the filter bar (keeping the query to edit it).
    FilterHome = "filter_home",
    FilterEnd = "filter_end",
    /// An earlier or later query from the history.
    HistoryPrev = "history_prev",
    HistoryNext = "history_next",
    /// Bring back the filter Esc cleared last.
    FilterRestore = "filter_restore",
    /// Move the split between the list and the reading pane.
    ListNarrower = "list_narrower",
    ListWider = "list_wider",
    /// Mark every article of the selected one's outlet read (newsboat's A).
    MarkOutletRead = "mark_outlet_read",
    /// Mark every article the list shows read (asks first when they are many).
    MarkShownRead = "mark_shown_read",
    /// Fold every outlet, or unfold them all.
    FoldAll = "fold_all",
    /// The next order of articles under each outlet.
    CycleSort = "cycle_sort",
    /// Yes, to a question in a window.
    Confirm = "confirm",
    /// The list by outlet, by story, or flat by date, going round.
    CycleView = "cycle_view",
    /// The selected article beside another of its story.
    Compare = "compare",
}

impl Action {
    /// The name config files give this action ("toggle_star"); the actions no config binds
    /// have names for messages only.
    pub fn name(self) -> &'static str {
        match self {
            Action::FilterChar(_) => "filter_char",
            Action::Suspend => "suspend",
            _ => Action::NAMED
                .iter()
                .find(|(_, action)| *action == self)
                .map_or("", |(name, _)| *name),
        }
    }

    /// The action a config file names `name`.
    pub fn named(name: &str) -> Option<Action> {
        Action::NAMED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, action)| *action)
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Anywhere, unless the focused place binds the key itself.
    Global,
    /// The source list.
    List,
    /// The reading pane.
    Reader,
    /// Typing in the filter bar.
    Filter,
    /// A window over the panes (help, warnings): any key not bound here closes it.
    Overlay,
}

impl Context {
    /// The heading the help overlay shows.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Anywhere",
            Context::List => "Source list",
            Context::Reader => "Reading pane",
            Context::Filter => "Filter bar",
            Context::Overlay => "Help and warnings windows",
        }
    }

    /// Every context, in the order the help lists them.
    pub const ALL: [Context; 5] = [
        Context::Global,
        Context::List,
        Context::Reader,
        Context::Filter,
        Context::Overlay,
    ];
}

/// Keys bound to one action in one context, and what the help says of it.
#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    pub description: &'static str,
}

/// The whole table of bindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        use Action::*;
        use Context::*;
        use KeyCode as K;
        let b = |context, keys: &[Key], action, description| Binding {
            context,
            keys: keys.to_vec(),
            action,
            description,
        };
        let p = Key::plain;
        let c = Key::ch;
        Keymap {
            bindings: vec![
                b(Global, &[c('q'), c('Q')], Quit, "quit (Q from anywhere)"),
                b(Global, &[Key::ctrl('c')], Quit, "quit, from anywhere"),
                b(Global, &[c('?')], ToggleHelp, "show or hide this help"),
                b(Global, &[c('/')], FocusFilter, "type a filter"),
                b(
                    Global,
                    &[p(K::Tab), p(K::BackTab)],
                    SwitchFocus,
                    "switch list ⇄ article",
                ),
                b(Global, &[c('r')], ToggleRaw, "raw view: the file as it was"),
                b(
                    Global,
                    &[c('w')],
                    ToggleWarnings,
                    "skipped files and warnings",
                ),
                b(Global, &[c('u')], ToggleRead, "mark read / unread"),
                b(Global, &[c('s')], ToggleStar, "star / unstar"),
                b(Global, &[c('o')], OpenPager, "open the file in $PAGER"),
                b(Global, &[c('y')], Copy, "copy title and text (OSC 52)"),
                b(Global, &[c('U')], NextUnread, "next unread article"),
                b(Global, &[c('<')], ListNarrower, "narrower list"),
                b(Global, &[c('>')], ListWider, "wider list"),
                b(List, &[c('j'), p(K::Down)], Down, "next article"),
                b(List, &[c('k'), p(K::Up)], Up, "previous article"),
                b(
                    List,
                    &[p(K::PageDown), Key::ctrl('d')],
                    PageDown,
                    "page down",
                ),
                b(List, &[p(K::PageUp), Key::ctrl('u')], PageUp, "page up"),
                b(List, &[c('g'), p(K::Home)], Top, "first article"),
                b(List, &[c('G'), p(K::End)], Bottom, "last article"),
                b(
                    List,
                    &[p(K::Enter), c('l'), p(K::Right)],
                    Open,
                    "read it (on a header: fold)",
                ),
                b(
                    List,
                    &[c(' '), c('z')],
                    ToggleFold,
                    "fold or unfold the outlet",
                ),
                b(
                    List,
                    &[p(K::Esc)],
                    FilterCancel,
                    "clear filter (Ctrl-R: undo)",
                ),
                b(
                    List,
                    &[Key::ctrl('r')],
                    FilterRestore,
                    "the filter cleared last",
                ),
                b(
                    List,
                    &[c('A')],
                    MarkOutletRead,
                    "mark its outlet (or story) read",
                ),
                b(List, &[c('M')], MarkShownRead, "mark all shown read"),
                b(List, &[c('Z')], FoldAll, "fold or unfold all"),
                b(List, &[c('S')], CycleSort, "order: newest, oldest, title"),
                b(List, &[c('v')], CycleView, "by outlet, by story, by date"),
                b(Global, &[c('c')], Compare, "compare with its story"),
                b(Reader, &[c('j'), p(K::Down)], Down, "scroll down a line"),
                b(Reader, &[c('k'), p(K::Up)], Up, "scroll up a line"),
                b(
                    Reader,
                    &[c(' '), p(K::PageDown), Key::ctrl('d')],
                    PageDown,
                    "page down",
                ),
                b(
                    Reader,
                    &[c('b'), p(K::PageUp), Key::ctrl('u')],
                    PageUp,
                    "page up",
                ),
                b(Reader, &[c('g'), p(K::Home)], Top, "top"),
                b(Reader, &[c('G'), p(K::End)], Bottom, "bottom"),
                b(Reader, &[c('J')], NextArticle, "next article"),
                b(Reader, &[c('K')], PrevArticle, "previous article"),
                b(Reader, &[c('n')], NextMatch, "next match of the filter"),
                b(Reader, &[c('N')], PrevMatch, "previous match"),
                b(
                    Reader,
                    &[c('q'), c('h'), p(K::Left), p(K::Esc)],
                    Back,
                    "back to the list",
                ),
                b(Filter, &[p(K::Enter)], FilterAccept, "keep the filter"),
                b(
                    Filter,
                    &[p(K::Esc)],
                    FilterCancel,
                    "cancel: the filter as it was",
                ),
                b(
                    Filter,
                    &[p(K::Backspace)],
                    FilterBackspace,
                    "delete a character",
                ),
                b(Filter, &[Key::ctrl('w')], FilterDeleteWord, "delete a word"),
                b(Filter, &[Key::ctrl('u')], FilterClear, "clear"),
                b(Filter, &[p(K::Left)], FilterLeft, "cursor left"),
                b(Filter, &[p(K::Right)], FilterRight, "cursor right"),
                b(
                    Filter,
                    &[p(K::Home), Key::ctrl('a')],
                    FilterHome,
                    "to the start",
                ),
                b(
                    Filter,
                    &[p(K::End), Key::ctrl('e')],
                    FilterEnd,
                    "to the end",
                ),
                b(Filter, &[p(K::Up)], HistoryPrev, "earlier query"),
                b(Filter, &[p(K::Down)], HistoryNext, "later query"),
                b(
                    Filter,
                    &[Key::ctrl('r')],
                    FilterRestore,
                    "the filter cleared last",
                ),
                b(Filter, &[Key::ctrl('n')], Down, "next result"),
                b(Filter, &[Key::ctrl('p')], Up, "previous result"),
                b(
                    Overlay,
                    &[c('y'), p(K::Enter)],
                    Confirm,
                    "yes, to a question",
                ),
                b(
                    Overlay,
                    &[c('n'), c('J'), p(K::Right)],
                    NextArticle,
                    "compare: next other telling",
                ),
                b(
                    Overlay,
                    &[c('p'), c('K'), p(K::Left)],
                    PrevArticle,
                    "compare: previous one",
                ),
                b(Overlay, &[c(' '), p(K::PageDown)], PageDown, "page down"),
                b(Overlay, &[c('b'), p(K::PageUp)], PageUp, "page up"),
                b(Overlay, &[c('j'), p(K::Down)], Down, "scroll down"),
                b(Overlay, &[c('k'), p(K::Up)], Up, "scroll up"),
                b(
                    Overlay,
                    &[c('q'), p(K::Esc)],
                    Back,
                    "close (any other key too)",
                ),
            ],
        }
    }
}

impl Keymap {
    /// The action a key press asks for where the focus is. The focused context's bindings win
    /// over global ones; in the filter bar, other printable characters are typed.
    pub fn action(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        // Ctrl-C always quits and Ctrl-Z always suspends, in every context, whatever the
        // config binds: no config can take the way out away.
        if event.modifiers.contains(KeyModifiers::CONTROL) {
            match event.code {
                KeyCode::Char('c' | 'C') => return Some(Action::Quit),
                KeyCode::Char('z' | 'Z') => return Some(Action::Suspend),
                _ => {}
            }
        }
        let find = |ctx: Context| {
            self.bindings
                .iter()
                .find(|b| b.context == ctx && b.keys.iter().any(|k| k.matches(event)))
                .map(|b| b.action)
        };
        if let Some(action) = find(context) {
            return Some(action);
        }
        if context == Context::Overlay {
            // Every other key closes the window.
            return Some(Action::Back);
        }
        if context == Context::Filter {
            if let KeyCode::Char(c) = event.code
                && !event
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            {
                return Some(Action::FilterChar(c));
            }
            // Of the global keys, only switching panes works while typing.
            return find(Context::Global).filter(|a| matches!(a, Action::SwitchFocus));
        }
        find(Context::Global)
    }

    /// Gives `action` these keys everywhere it is bound. In the filter bar, where characters
    /// are typed, only keys that are not plain characters are kept.
    pub fn rebind(&mut self, action: Action, keys: &[Key]) {
        let mut seen: Vec<Context> = Vec::new();
        self.bindings.retain_mut(|binding| {
            if binding.action != action {
                return true;
            }
            // One binding per context holds all the keys; others for the action go.
            if seen.contains(&binding.context) {
                return false;
            }
            seen.push(binding.context);
            binding.keys = keys
                .iter()
                .filter(|k| {
                    binding.context != Context::Filter
                        || k.ctrl
                        || !matches!(k.code, KeyCode::Char(_))
                })
                .copied()
                .collect();
            true
        });
    }

    /// Checks that the keymap leaves a way out and never gives one key two meanings: a key
    /// besides Ctrl-C quits from the source list; Ctrl-C (always quit) and Ctrl-Z (always
    /// suspend) are bound to nothing else; and no key does two things in one context, the
    /// source list counting its global keys as its own. (The reading pane may shadow a global
    /// key, as `q` goes back there.) On a problem, returns the actions concerned and what is
    /// wrong.
    pub fn check(&self) -> Result<(), (Vec<Action>, String)> {
        let reserved = |key: &Key| key.ctrl && matches!(key.code, KeyCode::Char('c' | 'z'));
        for binding in &self.bindings {
            if let Some(key) = binding.keys.iter().find(|k| reserved(k))
                && binding.action != Action::Quit
            {
                return Err((
                    vec![binding.action],
                    format!("{key} cannot be bound: Ctrl-C always quits and Ctrl-Z suspends"),
                ));
            }
        }
        let groups: [&[Context]; 4] = [
            &[Context::Global, Context::List],
            &[Context::Reader],
            &[Context::Filter],
            &[Context::Overlay],
        ];
        for group in groups {
            let context = group[group.len() - 1];
            let mut seen: Vec<(Key, Action)> = Vec::new();
            for binding in self.bindings.iter().filter(|b| group.contains(&b.context)) {
                for key in &binding.keys {
                    if let Some((_, other)) = seen
                        .iter()
                        .find(|(k, a)| k.same_as(key) && *a != binding.action)
                    {
                        return Err((
                            vec![*other, binding.action],
                            format!(
                                "{key} is bound to both {} and {} ({}); give each its own key",
                                other.name(),
                                binding.action.name(),
                                context.title().to_lowercase()
                            ),
                        ));
                    }
                    seen.push((*key, binding.action));
                }
            }
        }
        // What quits from the list: global quit keys the list does not take for itself.
        let taken_by_list = |key: &Key| {
            self.bindings
                .iter()
                .filter(|b| b.context == Context::List)
                .find(|b| b.keys.iter().any(|k| k.same_as(key)))
                .map(|b| b.action)
        };
        let quit_keys: Vec<&Key> = self
            .bindings
            .iter()
            .filter(|b| b.action == Action::Quit && b.context == Context::Global)
            .flat_map(|b| b.keys.iter())
            .filter(|k| !reserved(k))
            .collect();
        if quit_keys.iter().all(|k| taken_by_list(k).is_some()) {
            let mut actions = vec![Action::Quit];
            let message = match quit_keys.first() {
                None => "no key is left to quit; keep at least one (Ctrl-C quits as well)".into(),
                Some(key) => {
                    let other = taken_by_list(key).unwrap_or(Action::Quit);
                    actions.push(other);
                    format!(
                        "no key quits from the source list: {key} is {} there; keep a key of its own for quit (Ctrl-C quits as well)",
                        other.name()
                    )
                }
            };
            return Err((actions, message));
        }
        Ok(())
    }

    /// The first key that does `action` in `context` (or, failing that, everywhere), for
    /// hints.
    pub fn first_key(&self, context: Context, action: Action) -> Option<Key> {
        [context, Context::Global].into_iter().find_map(|ctx| {
            self.bindings
                .iter()
                .find(|b| b.context == ctx && b.action == action)
                .and_then(|b| b.keys.first().copied())
        })
    }

    /// Bindings of one context, for the help overlay: keys joined ("j ↓") and description.
    pub fn help(&self, context: Context) -> Vec<(String, &'static str)> {
        self.bindings
            .iter()
            .filter(|b| b.context == context)
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(Key::to_string).collect();
                (keys.join(" "), b.description)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
