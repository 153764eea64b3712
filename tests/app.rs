//! `update(Action)`: navigation, focus, filter editing, selection keeping.

mod common;
use ratatui::layout::Rect;
use warta::app::list::Row;
use warta::app::{App, Focus, Input};
use warta::keymap::Action;
use warta::rules::Rules;
use warta::store::{self, LoadOptions, Sources};
use warta::tui;

fn app() -> App {
    let store = store::load_all(&Sources::Seeds, Rules::builtin(), LoadOptions::default());
    App::new(store, Rect::new(0, 0, 100, 30))
}

fn selected_id(app: &App) -> Option<String> {
    app.list
        .selected_article()
        .map(|i| app.store.articles[i].id[..3].to_string())
}

/// What `field` gives of each article the list shows, in order.
fn shown<T>(app: &App, field: impl Fn(&warta::article::Article) -> T) -> Vec<T> {
    app.list
        .rows
        .iter()
        .filter_map(|row| match row {
            Row::Article { index } => Some(field(&app.store.articles[index])),
            _ => None,
        })
        .collect()
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::FilterChar(c));
    }
}

#[test]
fn starts_on_the_first_article_with_it_in_the_reader() {
    let app = app();
    assert_eq!(selected_id(&app).as_deref(), Some("002"));
    assert_eq!(app.reader.article(), app.list.selected_article());
    assert_eq!(app.focus, Focus::List);
    assert_eq!(app.counts(), (5, 5));
}

#[test]
fn moving_through_the_list_updates_the_reader() {
    let mut app = app();
    // From article to article: the Tribun Banyumas header between them is passed over.
    app.update(Action::Down);
    assert_eq!(selected_id(&app).as_deref(), Some("003"));
    assert_eq!(app.reader.article(), app.list.selected_article());
    app.update(Action::Bottom);
    assert_eq!(selected_id(&app).as_deref(), Some("004"));
    app.update(Action::Top);
    assert_eq!(app.list.selected, 1, "the first article, under its header");
    app.update(Action::Up);
    assert_eq!(app.list.selected, 1, "stops at the top");
    assert_eq!(app.reader.article(), app.list.selected_article());
    app.update(Action::PageDown);
    assert_eq!(
        app.list.selected,
        app.list.rows.len() - 1,
        "a page is more than the list"
    );
    // Every move lands on an article, and the pane shows it.
    app.update(Action::Top);
    for _ in 0..app.list.rows.len() {
        app.update(Action::Down);
        assert!(matches!(
            app.list.rows.get(app.list.selected),
            Some(Row::Article { .. })
        ));
        assert_eq!(app.reader.article(), app.list.selected_article());
    }
}

#[test]
fn focus_moves_between_panes() {
    let mut app = app();
    app.update(Action::Open);
    assert_eq!(app.focus, Focus::Reader);
    let before = app.reader.scroll;
    app.update(Action::Down);
    assert_eq!(
        app.reader.scroll,
        before + 1,
        "j scrolls the article when it has the focus"
    );
    app.update(Action::Bottom);
    assert_eq!(app.reader.scroll, app.reader.max_scroll());
    app.update(Action::Back);
    assert_eq!(app.focus, Focus::List);
    app.update(Action::SwitchFocus);
    assert_eq!(app.focus, Focus::Reader);
    app.update(Action::SwitchFocus);
    assert_eq!(app.focus, Focus::List);
    app.update(Action::FocusFilter);
    assert_eq!(app.focus, Focus::Filter);
    app.update(Action::FilterAccept);
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn typing_filters_live_and_editing_keys_work() {
    let mut app = app();
    app.update(Action::FocusFilter);
    type_text(&mut app, "vostochny");
    assert_eq!(app.counts(), (1, 5));
    assert_eq!(selected_id(&app).as_deref(), Some("001"));
    app.update(Action::FilterDeleteWord);
    assert_eq!((app.search.bar.text.as_str(), app.counts()), ("", (5, 5)));
    type_text(&mut app, "@kompas vietnam");
    assert_eq!(app.counts(), (1, 5));
    app.update(Action::FilterBackspace);
    assert_eq!(app.search.bar.text, "@kompas vietna");
    app.update(Action::FilterClear);
    assert_eq!(app.counts(), (5, 5));
    type_text(&mut app, "sanksi");
    app.update(Action::FilterCancel);
    assert_eq!(
        (app.search.bar.text.as_str(), app.focus, app.counts()),
        ("", Focus::List, (5, 5))
    );
}

#[test]
fn a_typed_query_selects_its_best_match() {
    let mut app = app();
    app.update(Action::Bottom); // 004, which mentions sanksi, but not first among its matches
    assert_eq!(selected_id(&app).as_deref(), Some("004"));
    app.update(Action::FocusFilter);
    type_text(&mut app, "sanksi");
    let best = app
        .list
        .rows
        .first_article()
        .and_then(|row| match app.list.rows.get(row) {
            Some(Row::Article { index }) => Some(app.store.articles[index].id[..3].to_string()),
            _ => None,
        });
    assert_eq!(app.list.selected, 0, "the best match, on the first row");
    assert_eq!(selected_id(&app), best);
    assert_ne!(best.as_deref(), Some("004"));
    // Each change of the query goes to its best match again.
    app.update(Action::Down);
    type_text(&mut app, " ");
    type_text(&mut app, "r");
    assert_eq!(app.list.selected, 0);
    // 004 does not survive "vostochny": the first result is selected.
    app.update(Action::FilterClear);
    type_text(&mut app, "vostochny");
    assert_eq!(selected_id(&app).as_deref(), Some("001"));
    app.update(Action::FilterClear);
    assert_eq!(
        selected_id(&app).as_deref(),
        Some("001"),
        "and stays when the filter is cleared"
    );
}

#[test]
fn no_results_empty_the_reader() {
    let mut app = app();
    app.update(Action::FocusFilter);
    type_text(&mut app, "drakor");
    assert_eq!(app.counts(), (0, 5));
    assert_eq!(app.reader.article(), None);
}

#[test]
fn matches_in_the_article() {
    let mut app = app();
    app.update(Action::FocusFilter);
    type_text(&mut app, "vietnam");
    app.update(Action::FilterAccept);
    app.update(Action::Open);
    assert!(app.reader.match_count() > 0);
    app.update(Action::NextMatch);
    let in_view = app
        .reader
        .visible()
        .iter()
        .any(|(_, l)| l.to_lowercase().contains("vietnam"));
    assert!(in_view, "a match is in view after n");
    app.update(Action::NextMatch);
    app.update(Action::PrevMatch);
    // The status says which match is in view, not that something failed.
    let notice = app.notice.clone().unwrap_or_default();
    assert!(notice.starts_with("match "), "{notice}");
}

#[test]
fn raw_view_and_folding() {
    let mut app = app();
    let cleaned = app.reader.line_count();
    app.update(Action::ToggleRaw);
    assert!(app.reader.raw);
    assert!(app.reader.contains("Baca Juga"), "raw keeps boilerplate");
    app.update(Action::ToggleRaw);
    assert_eq!(app.reader.line_count(), cleaned);
    app.update(Action::ToggleFold);
    assert_eq!(app.list.rows.len(), 8);
    app.update(Action::Open); // on the folded header: unfold
    assert_eq!(app.list.rows.len(), 9);
}

#[test]
fn quit_and_help() {
    let mut app = app();
    app.update(Action::ToggleHelp);
    assert!(app.overlay.open.is_some());
    app.update(Action::ToggleHelp);
    assert!(app.overlay.open.is_none());
    app.update(Action::Quit);
    assert!(app.quit);
}

#[test]
fn articles_without_bodies_are_read_again_when_shown() {
    let options = LoadOptions {
        keep_body: false,
        ..LoadOptions::default()
    };
    let store = store::load_all(&Sources::Seeds, Rules::builtin(), options);
    assert!(store.articles.iter().all(|a| a.paragraphs.is_empty()));
    let app = App::new(store, Rect::new(0, 0, 100, 30));
    assert!(app.reader.contains("Presiden Rusia Vladimir Putin"));
}

#[test]
fn articles_arriving_while_a_query_runs_are_filtered_too() {
    let mut app = App::new(store::Store::default(), Rect::new(0, 0, 100, 30));
    app.update(Action::FocusFilter);
    type_text(&mut app, "vietnam");
    assert_eq!(app.counts(), (0, 0));
    for event in store::spawn_loader(Sources::Seeds, Rules::builtin(), LoadOptions::default()) {
        app.update(Input::Load(event));
    }
    common::settle(&mut app);
    assert_eq!(app.counts(), (2, 5));
    // Typing more narrows what matched; deleting widens again.
    type_text(&mut app, " @kompas");
    assert_eq!(app.counts(), (1, 5));
    app.update(Action::FilterDeleteWord);
    assert_eq!(app.counts(), (2, 5));
}

#[test]
fn mouse_clicks_select_and_the_wheel_scrolls_the_pane_under_it() {
    use crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mut app = app();
    let mouse = |kind, column, row| {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // Row 9 of the screen is the last article in the list (inside the border).
    tui::handle_event(
        &mut app,
        &mouse(MouseEventKind::Down(MouseButton::Left), 5, 9),
    );
    assert_eq!(selected_id(&app).as_deref(), Some("004"));
    tui::handle_event(
        &mut app,
        &mouse(MouseEventKind::Down(MouseButton::Left), 60, 5),
    );
    assert_eq!(app.focus, Focus::Reader);
    let before = app.reader.scroll;
    tui::handle_event(&mut app, &mouse(MouseEventKind::ScrollDown, 60, 5));
    assert_eq!(app.reader.scroll, before + 3);
    tui::handle_event(&mut app, &mouse(MouseEventKind::ScrollUp, 5, 5));
    assert_eq!(
        selected_id(&app).as_deref(),
        Some("000"),
        "three rows up: the wheel over the list moves the selection"
    );
}

#[test]
fn the_wheel_scrolls_the_window_open_over_the_panes() {
    use crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mut app = app();
    let mouse = |kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: 30,
            row: 10,
            modifiers: KeyModifiers::NONE,
        })
    };
    app.update(Action::ToggleHelp);
    assert!(app.overlay.open.is_some());
    tui::handle_event(&mut app, &mouse(MouseEventKind::ScrollDown));
    assert_eq!(app.overlay.scroll, 3, "three lines down, as in the panes");
    tui::handle_event(&mut app, &mouse(MouseEventKind::ScrollUp));
    assert_eq!(app.overlay.scroll, 0);
    tui::handle_event(&mut app, &mouse(MouseEventKind::ScrollUp));
    assert_eq!(app.overlay.scroll, 0, "never above the top");
    tui::handle_event(&mut app, &mouse(MouseEventKind::Down(MouseButton::Left)));
    assert!(app.overlay.open.is_some(), "a click leaves the window open");
}

#[test]
fn the_word_index_gives_the_same_results_as_scanning() {
    let options = LoadOptions {
        keep_body: false,
        index: true,
        ..LoadOptions::default()
    };
    let mut indexed = App::new(store::Store::default(), Rect::new(0, 0, 100, 30));
    for event in store::spawn_loader(Sources::Seeds, Rules::builtin(), options) {
        indexed.update(Input::Load(event));
    }
    let mut scanned = app();
    for query in [
        "kompas",
        "kmpas",
        "@tribun",
        "vostochny",
        "vietnam",
        "sanksi",
        "putin",
        "drakor",
        "!putin",
        "@kompas vietnam",
        "'jong-un",
        "kosmo !sanksi",
        "2024",
        // Words joined by punctuation, answered from the index's runs of joined words;
        // and terms with punctuation it cannot answer, narrowed by it.
        "jong-un",
        "jong-u",
        "ong-un",
        "'ong-un",
        "negara-negara",
        "sama-sama",
        "'ama-sa",
        "!jong-un",
        "lawan-lawannya",
        "jong-",
        "-un",
        "'n-l",
        "kim jong",
        "tribunnews.com",
        "'s.co",
    ] {
        for app in [&mut indexed, &mut scanned] {
            app.update(Action::FilterClear);
            app.update(Action::FocusFilter);
            type_text(app, query);
            common::settle(app);
        }
        let ids = |app: &App| -> Vec<String> {
            let mut ids: Vec<String> = app
                .search
                .hits
                .iter()
                .flat_map(|hits| hits.hits())
                .map(|h| app.store.articles[h.index].id.clone())
                .collect();
            ids.sort();
            ids
        };
        assert_eq!(ids(&indexed), ids(&scanned), "{query}");
    }
}

#[test]
fn n_moves_through_every_match_and_capital_n_back() {
    let mut app = app();
    app.update(Action::FocusFilter);
    type_text(&mut app, "sanksi");
    app.update(Action::FilterAccept);
    app.update(Action::Open);
    let mut lines = Vec::new();
    let mut notices = Vec::new();
    for _ in 0..6 {
        app.update(Action::NextMatch);
        lines.push(app.reader.current_match_line().expect("a current match"));
        notices.push(app.notice.clone().unwrap_or_default());
    }
    let total: usize = notices[0]
        .split('/')
        .nth(1)
        .and_then(|n| n.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("match i/n");
    assert!(total > 1, "{notices:?}");
    assert_eq!(notices[0], format!("match 1/{total}"));
    assert_eq!(notices[1], format!("match 2/{total}"));
    assert!(lines[1] > lines[0], "n moves on: {lines:?}");
    // At the end it wraps, and says so.
    let wrapped = notices
        .iter()
        .position(|n| n.contains("from the top again"));
    if total < 6 {
        let at = wrapped.expect("wrapped");
        assert_eq!(notices[at], format!("match 1/{total} — from the top again"));
    }
    // N goes back up.
    let before = app.reader.current_match_line().unwrap();
    app.update(Action::PrevMatch);
    let after = app.reader.current_match_line().unwrap();
    assert!(
        after < before
            || app
                .notice
                .as_deref()
                .unwrap_or("")
                .contains("from the bottom"),
        "N goes up: {before} → {after}"
    );
}

#[test]
fn a_fresh_start_selects_the_article_at_the_top_whatever_loaded_first() {
    use warta::article::parse::parse_bytes;
    use warta::store::LoadEvent;
    let mut app = App::new(store::Store::default(), Rect::new(0, 0, 100, 30));
    // Seed 000 (an unknown outlet, listed last) arrives first, Kompas TV's (listed first)
    // later.
    let article = |name: &str| {
        let (_, bytes) = store::SEEDS
            .iter()
            .find(|(n, _)| n.starts_with(name))
            .unwrap();
        let mut article = parse_bytes(bytes, Rules::builtin());
        article.id = name.to_string();
        article
    };
    app.update(Input::Load(LoadEvent::Batch(vec![article("000")], None)));
    assert_eq!(selected_id(&app).as_deref(), Some("000"));
    app.update(Input::Load(LoadEvent::Batch(vec![article("002")], None)));
    app.update(Input::Load(LoadEvent::Done));
    assert_eq!(app.list.selected, 1, "the top article, under its header");
    assert_eq!(selected_id(&app).as_deref(), Some("002"));
    // Once the user moves, later rebuilds keep their choice.
    app.update(Action::Down);
    app.update(Input::Load(LoadEvent::Batch(vec![article("003")], None)));
    app.update(Input::Load(LoadEvent::Done));
    assert_eq!(selected_id(&app).as_deref(), Some("000"));
}

#[test]
fn from_the_article_j_k_next_unread_and_space_at_the_end() {
    let mut app = app();
    app.update(Action::Open);
    let first = selected_id(&app);
    app.update(Action::NextArticle);
    assert_eq!(app.focus, Focus::Reader, "J stays in the reading pane");
    assert_ne!(selected_id(&app), first);
    assert_eq!(app.reader.article(), app.list.selected_article());
    app.update(Action::PrevArticle);
    assert_eq!(selected_id(&app), first);
    // Mark the next article read: U passes over it to the one after.
    app.update(Action::NextArticle);
    let read = selected_id(&app);
    app.update(Action::ToggleRead);
    app.update(Action::PrevArticle);
    app.update(Action::NextUnread);
    assert_ne!(selected_id(&app), read);
    assert_ne!(selected_id(&app), first);
    // Space (page down) at the end of an article goes to the next unread one.
    let here = selected_id(&app);
    app.update(Action::Bottom);
    app.update(Action::PageDown);
    assert_ne!(selected_id(&app), here);
    assert_eq!(app.focus, Focus::Reader);
}

#[test]
fn esc_in_the_list_clears_a_kept_filter_and_ctrl_r_brings_it_back() {
    let mut app = app();
    app.update(Action::FocusFilter);
    type_text(&mut app, "vostochny");
    app.update(Action::FilterAccept);
    assert_eq!(app.counts(), (1, 5));
    assert_eq!(app.saved.state.history, ["vostochny"]);
    app.update(Action::FilterCancel);
    assert_eq!(app.counts(), (5, 5));
    assert!(app.notice.as_deref().unwrap_or("").contains("Ctrl-R"));
    app.update(Action::FilterRestore);
    assert_eq!(app.counts(), (1, 5));
    assert_eq!(app.search.bar.text, "vostochny");
}

#[test]
fn the_raw_view_is_the_file_line_for_line_with_numbers() {
    let mut app = App::new(
        store::load_all(&Sources::Seeds, Rules::builtin(), LoadOptions::default()),
        Rect::new(0, 0, 200, 60),
    );
    assert_eq!(selected_id(&app).as_deref(), Some("002"));
    app.update(Action::ToggleRaw);
    let (_, bytes) = store::SEEDS
        .iter()
        .find(|(n, _)| n.starts_with("002"))
        .unwrap();
    let file = String::from_utf8_lossy(bytes);
    let file_lines: Vec<&str> = file.trim_end_matches('\n').split('\n').collect();
    let shown = app.reader.visible_lines();
    // Each file line starts a numbered line, in order, blank ones included, and nothing
    // is put between them.
    let numbered: Vec<(usize, &str)> = shown
        .iter()
        .filter_map(|(_, text, number)| number.map(|n| (n, *text)))
        .collect();
    for (at, (number, text)) in numbered.iter().enumerate() {
        assert_eq!(*number, at + 1);
        let line = file_lines[at].trim_end_matches('\r');
        assert!(
            line.starts_with(text.trim_end()),
            "line {number}: {text:?} vs {line:?}"
        );
    }
    assert!(numbered.len() >= 10.min(file_lines.len()));
    assert!(app.reader.gutter() >= 2);
}

#[test]
fn hints_say_what_keys_do_where_the_keys_go() {
    use warta::ui::bar::hint;
    let mut app = app();
    assert_eq!(hint(&app), "/ filter  ? help  q quit");
    app.update(Action::FocusFilter);
    assert_eq!(hint(&app), "Enter keep  Esc cancel  ↑ history");
    app.update(Action::FilterAccept);
    app.update(Action::Open);
    assert_eq!(hint(&app), "n next match  J next article  q back");
}

#[test]
fn the_split_moves_with_two_keys_and_is_remembered() {
    use warta::app::layout::panes;
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(
        store::load_all(&Sources::Seeds, Rules::builtin(), LoadOptions::default()),
        Rect::new(0, 0, 160, 40),
    );
    app.restore_state(Some(warta::state::StateFile::new(dir.path())));
    let width = |app: &App| {
        panes(app.size, app.focus, app.list.share())
            .list
            .unwrap()
            .width
    };
    let before = width(&app);
    app.update(Action::ListWider);
    app.update(Action::ListWider);
    assert!(width(&app) > before, "{} > {before}", width(&app));
    let wider = width(&app);
    app.save_state();
    let mut again = App::new(
        store::load_all(&Sources::Seeds, Rules::builtin(), LoadOptions::default()),
        Rect::new(0, 0, 160, 40),
    );
    again.restore_state(Some(warta::state::StateFile::new(dir.path())));
    assert_eq!(width(&again), wider, "remembered");
    again.update(Action::ListNarrower);
    assert!(width(&again) < wider);
}

#[test]
fn bulk_read_marks_fold_all_and_sort_orders() {
    let mut app = app();
    let unread = |app: &App| {
        app.store
            .articles
            .iter()
            .filter(|a| !app.saved.state.of(a).read)
            .count()
    };
    // A: the selected article's outlet (Kompas TV, one article).
    app.update(Action::MarkOutletRead);
    assert_eq!(unread(&app), 4);
    // M: everything the list shows; a filter narrows it.
    app.update(Action::FocusFilter);
    type_text(&mut app, "vostochny");
    app.update(Action::FilterAccept);
    app.update(Action::MarkShownRead);
    assert_eq!(unread(&app), 3);
    app.update(Action::FilterCancel);
    app.update(Action::MarkShownRead);
    assert_eq!(unread(&app), 0);
    // Z folds every outlet, and again unfolds them.
    app.update(Action::FoldAll);
    assert_eq!(app.list.rows.len(), 4, "four outlet headers");
    app.update(Action::FoldAll);
    assert_eq!(app.list.rows.len(), 9);
    // S: newest first, oldest first, by title, and round.
    let order = |app: &App| shown(app, |a| a.id[..3].to_string());
    let newest = order(&app);
    app.update(Action::CycleSort);
    assert_eq!(app.list.sort.label(), "oldest first");
    app.update(Action::CycleSort);
    assert_eq!(app.list.sort.label(), "by title");
    app.update(Action::CycleSort);
    assert_eq!(order(&app), newest);
}

/// A folder holding `files` (name, text).
fn folder(files: impl IntoIterator<Item = (String, String)>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// Everything in `dir`, loaded as `options` say.
fn load_folder(dir: &tempfile::TempDir, options: LoadOptions) -> store::Store {
    store::load_all(
        &Sources::Paths(vec![dir.path().to_path_buf()]),
        Rules::builtin(),
        options,
    )
}

#[test]
fn sorting_by_title_orders_each_outlet_and_the_flat_list_a_to_z() {
    // Two outlets; titles whose order by title is not their order by date or by file, one
    // starting with an accent and one lower-case.
    let mut files = Vec::new();
    for (n, title) in ["Zebra Lepas", "Banjir Surut", "Éclair Murah"]
        .iter()
        .enumerate()
    {
        files.push((
            format!("k{n}.txt"),
            format!(
                "{title} di Kota\n\nJAKARTA, KOMPAS.com - Isi berita nomor {n} yang panjang.\n"
            ),
        ));
    }
    for (n, title) in ["mangga Naik", "Apel Turun", "Durian Hilang"]
        .iter()
        .enumerate()
    {
        files.push((
            format!("d{n}.txt"),
            format!(
                "{title} di Pasar\n\nJAKARTA, DETIK.com - Isi berita nomor {n} yang panjang.\n"
            ),
        ));
    }
    let dir = folder(files);
    let mut app = App::new(
        load_folder(&dir, LoadOptions::default()),
        Rect::new(0, 0, 100, 30),
    );
    app.loading.done = true;
    app.update(Action::CycleSort);
    app.update(Action::CycleSort);
    assert_eq!(app.list.sort.label(), "by title");
    let grouped: Vec<String> = app
        .list
        .rows
        .iter()
        .map(|row| match row {
            Row::Header { outlet, .. } => format!("# {}", outlet.as_deref().unwrap_or("?")),
            Row::Article { index } => app.store.articles[index].title.clone(),
            Row::Story { .. } => unreachable!("no stories by outlet"),
        })
        .collect();
    assert_eq!(
        grouped,
        [
            "# Detik",
            "Apel Turun di Pasar",
            "Durian Hilang di Pasar",
            "mangga Naik di Pasar",
            "# Kompas",
            "Banjir Surut di Kota",
            "Éclair Murah di Kota",
            "Zebra Lepas di Kota",
        ]
    );
    // The flat list by date, sorted by title: every article, A to Z.
    app.update(Action::CycleView);
    app.update(Action::CycleView);
    let flat = shown(&app, |a| a.title.clone());
    assert_eq!(
        flat,
        [
            "Apel Turun di Pasar",
            "Banjir Surut di Kota",
            "Durian Hilang di Pasar",
            "Éclair Murah di Kota",
            "mangga Naik di Pasar",
            "Zebra Lepas di Kota",
        ]
    );
}

#[test]
fn an_article_read_again_is_listed_by_title_once() {
    let parse = |text: &str| warta::article::parse::parse(text, Rules::builtin());
    let mut store = store::Store::from_articles(vec![
        parse("Banana Harvest Begins\n\nThe first body.\n"),
        parse("Cherry Prices Fall\n\nThe second body.\n"),
        parse("Apple Growers Meet\n\nThe third body.\n"),
    ]);
    let titles = |store: &store::Store| -> Vec<String> {
        let order = store.by_title();
        order
            .iter()
            .map(|&i| store.articles[i].title.clone())
            .collect()
    };
    assert_eq!(
        titles(&store),
        [
            "Apple Growers Meet",
            "Banana Harvest Begins",
            "Cherry Prices Fall"
        ]
    );
    // The second file changed on disk: its new reading is listed, the old one is not.
    let new = store.replace(
        1,
        parse("Aardvark Seen Again\n\nThe second body, changed.\n"),
    );
    assert_eq!(
        titles(&store),
        [
            "Aardvark Seen Again",
            "Apple Growers Meet",
            "Banana Harvest Begins"
        ]
    );
    assert_eq!(store.by_title()[0], new);
}

#[test]
fn marking_many_read_asks_first() {
    let dir = folder((0..120).map(|n| {
        let text = format!("Judul Berita Nomor {n} Hari Ini\n\nIsi berita nomor {n}.\n");
        (format!("{n:03}.txt"), text)
    }));
    let store = load_folder(&dir, LoadOptions::default());
    let mut app = App::new(store, Rect::new(0, 0, 100, 30));
    let read = |app: &App| {
        app.store
            .articles
            .iter()
            .filter(|a| app.saved.state.of(a).read)
            .count()
    };
    app.update(Action::MarkShownRead);
    assert_eq!(read(&app), 0, "not yet: it asks");
    assert!(app.overlay.open.is_some());
    app.update(Action::Back); // any other key: no
    assert_eq!(read(&app), 0);
    app.update(Action::MarkShownRead);
    app.update(Action::Confirm);
    assert_eq!(read(&app), 120);
}

/// The headers' unread counts as a full rebuild would give them.
fn header_counts(app: &App) -> Vec<(String, usize)> {
    app.list
        .rows
        .iter()
        .filter_map(|row| match row {
            Row::Header { outlet, unread, .. } => {
                Some((outlet.as_deref().unwrap_or("-").to_string(), unread))
            }
            Row::Story { story, unread, .. } => Some((format!("story {story}"), unread)),
            Row::Article { .. } => None,
        })
        .collect()
}

#[test]
fn read_marks_and_stars_change_header_counts_in_place() {
    let mut app = app();
    app.update(Action::Down);
    let before = header_counts(&app);
    let rows_before: Vec<Row> = app.list.rows.iter().collect();
    // A star changes no count and no row.
    app.update(Action::ToggleStar);
    assert_eq!(header_counts(&app), before);
    assert_eq!(app.list.rows.iter().collect::<Vec<_>>(), rows_before);
    // A read mark takes one off its own outlet's header only, as a rebuild would.
    app.update(Action::ToggleRead);
    let after = header_counts(&app);
    assert_ne!(after, before);
    assert_eq!(
        after.iter().map(|(_, n)| n).sum::<usize>() + 1,
        before.iter().map(|(_, n)| n).sum::<usize>()
    );
    app.update(Action::CycleSort);
    app.update(Action::CycleSort);
    app.update(Action::CycleSort);
    assert_eq!(header_counts(&app), after, "a rebuild agrees");
    app.update(Action::ToggleRead);
    assert_eq!(header_counts(&app), before);
}

#[test]
fn marking_thousands_read_at_once_keeps_stars_and_counts() {
    // More articles than are marked one by one: the bulk merge into the saved state.
    let dir = folder((0..1500).map(|n| {
        let text = format!("Title number {n}\n\nJAKARTA, KOMPAS.com - Body text {n} here.\n");
        (format!("{n:04}.txt"), text)
    }));
    let store = load_folder(&dir, LoadOptions::default());
    let mut app = App::new(store, Rect::new(0, 0, 100, 30));
    common::settle(&mut app);
    app.update(Action::Down);
    app.update(Action::ToggleStar);
    app.update(Action::Down);
    app.update(Action::ToggleRead);
    app.update(Action::MarkShownRead);
    app.update(Action::Confirm);
    let states: Vec<_> = app
        .store
        .articles
        .iter()
        .map(|a| app.saved.state.of(a))
        .collect();
    assert!(states.iter().all(|s| s.read));
    assert_eq!(
        states.iter().filter(|s| s.starred).count(),
        1,
        "the star kept"
    );
    assert_eq!(app.saved.state.articles.len(), 1500);
    assert_eq!(header_counts(&app), [("Kompas".to_string(), 0)]);
    assert!(
        app.store
            .articles
            .iter()
            .all(|a| app.saved.is_read(a.state_key()))
    );
}

#[test]
fn bodies_kept_packed_are_still_searched_whole() {
    // Loaded as the reader loads (word index on, bodies packed once indexed): exact text in
    // the middle of a word and a term with a hyphen are found in the packed bodies.
    let filler = "Kalimat pengisi yang cukup panjang untuk dikemas. ".repeat(12);
    let specials = ["Kim Jong-un tiba di Vostochny.", "Tidak ada yang khusus."];
    let dir = folder(specials.iter().enumerate().map(|(n, special)| {
        let text = format!("Judul {n}\n\n{filler}\n\n{special}\n\n{filler}\n");
        (format!("{n}.txt"), text)
    }));
    let options = LoadOptions {
        keep_body: false,
        keep_search: true,
        index: true,
        ..LoadOptions::default()
    };
    let store = load_folder(&dir, options);
    assert!(
        store
            .articles
            .iter()
            .all(|a| a.search_body.held_bytes() < filler.len()),
        "the bodies are packed"
    );
    let mut app = App::new(store, Rect::new(0, 0, 100, 30));
    for query in ["'ostochn", "jong-un", "vostochny"] {
        app.update(Action::FocusFilter);
        app.update(Action::FilterClear);
        type_text(&mut app, query);
        common::settle(&mut app);
        assert_eq!(shown(&app, |a| a.id.clone()), ["0"], "{query}");
    }
}

#[test]
fn the_order_by_title_is_worked_out_once_loading_ends() {
    let titles = ["Zebra lepas", "apel merah", "Mangga muda", "apel hijau"];
    let dir = folder(titles.iter().enumerate().map(|(n, title)| {
        let text = format!("{title}\n\nJAKARTA, KOMPAS.com - Isi berita {n}.\n");
        (format!("{n}.txt"), text)
    }));
    let mut app = App::new(store::Store::default(), Rect::new(0, 0, 100, 30));
    let loader = store::spawn_loader(
        Sources::Paths(vec![dir.path().to_path_buf()]),
        Rules::builtin(),
        LoadOptions::default(),
    );
    for event in loader {
        app.update(Input::Load(event));
    }
    assert!(!app.store.title_ranks_ready());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !app.store.title_ranks_ready() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(5));
        app.update(Input::Tick);
    }
    assert!(app.store.title_ranks_ready(), "taken in by a tick");
    app.update(Action::CycleSort);
    app.update(Action::CycleSort);
    assert_eq!(
        shown(&app, |a| a.title.clone()),
        ["apel hijau", "apel merah", "Mangga muda", "Zebra lepas"]
    );
}
