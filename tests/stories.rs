//! Stories across outlets: the seeds' one story, order independence, compare's alignment, the
//! story view and compare on screen (text and styles, 120×40 and 60×20), and `--stories`.

mod common;
use common::screen::{draw, styled};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use warta::app::App;
use warta::app::list::{ListView, Row};
use warta::article::parse::parse;
use warta::rules::Rules;
use warta::store::{self, LoadOptions, Sources};
use warta::stories::compare::{Kind, compare};
use warta::stories::terms::story_terms;
use warta::stories::{Stories, StoryInput};
use warta::tui;

fn app(width: u16, height: u16) -> App {
    let store = store::load_all(&Sources::Seeds, Rules::builtin(), LoadOptions::default());
    let mut app = App::new(store, Rect::new(0, 0, width, height));
    app.loading.done = true;
    app
}

fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        tui::handle_event(app, &Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        common::settle(app);
    }
}

fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_seeds_are_one_story_and_v_goes_round_the_views() {
    let mut app = app(120, 40);
    assert_eq!(app.list.view, ListView::ByOutlet);
    keys(&mut app, "v");
    assert_eq!(app.list.view, ListView::ByStory);
    let stories = app.stories().expect("formed");
    assert_eq!(stories.members.len(), 1);
    assert_eq!(stories.members[0].len(), 5);
    let rows: Vec<Row> = app.list.rows.iter().collect();
    assert!(
        matches!(
            rows[0],
            Row::Story {
                count: 5,
                folded: false,
                ..
            }
        ),
        "{rows:?}"
    );
    assert_eq!(rows.len(), 6);
    // Folding works as for outlets.
    keys(&mut app, "z");
    assert_eq!(app.list.rows.len(), 1);
    keys(&mut app, "z");
    assert_eq!(app.list.rows.len(), 6);
    keys(&mut app, "v");
    assert_eq!(app.list.view, ListView::ByDate);
    assert!(
        app.list
            .rows
            .iter()
            .all(|r| matches!(r, Row::Article { .. }))
    );
    assert_eq!(app.list.rows.len(), 5);
    keys(&mut app, "v");
    assert_eq!(app.list.view, ListView::ByOutlet);
    assert_eq!(
        app.saved.state.list_view, None,
        "by outlet is the default, not saved"
    );
    keys(&mut app, "v");
    assert_eq!(app.saved.state.list_view.as_deref(), Some("story"));
}

#[test]
fn a_story_of_one_is_not_drawn_as_one_more_article_of_the_story_above() {
    // The seeds' story, then an unrelated article of a day before: a story of one.
    let folder = tempfile::tempdir().unwrap();
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, folder.path().join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        folder.path().join("harbour.txt"),
        "Flood Closes Harbour Road in Portville\n\nPORTVILLE, 18 June 2024 - Floodwater closed the \
         harbour road after two days of rain; forty families were moved to the town hall.\n",
    )
    .unwrap();
    let sources = Sources::Paths(vec![folder.path().to_path_buf()]);
    let store = store::load_all(&sources, Rules::builtin(), LoadOptions::default());
    let mut app = App::new(store, Rect::new(0, 0, 120, 40));
    app.loading.done = true;
    keys(&mut app, "v");
    let rows: Vec<Row> = app.list.rows.iter().collect();
    assert_eq!(
        rows.len(),
        7,
        "a story of five, its rows, and a row of its own: {rows:?}"
    );
    assert!(matches!(rows[6], Row::Article { .. }));
    let screen = text(&draw(&app));
    let list: Vec<&str> = screen
        .lines()
        .skip(1)
        .take(7)
        .map(|line| line.trim_start_matches('│'))
        .collect();
    assert!(list[0].starts_with("▾ "), "{list:#?}");
    for member in &list[1..5] {
        assert!(member.starts_with("├ •"), "{list:#?}");
    }
    assert!(
        list[5].starts_with("└ •"),
        "the story's last article: {list:#?}"
    );
    assert!(
        list[6].starts_with("•  Flood Closes Harbour Road"),
        "the story of one hangs from no header: {list:#?}"
    );
}

#[test]
fn a_filter_narrows_stories_to_those_with_a_match() {
    let mut app = app(120, 40);
    keys(&mut app, "v/vostochny\n");
    let rows: Vec<Row> = app.list.rows.iter().collect();
    assert!(
        matches!(rows[0], Row::Story { count: 5, .. }),
        "the story with a match is shown whole: {rows:?}"
    );
    keys(&mut app, "/zzzzqqq\n");
    assert!(app.list.rows.is_empty());
}

#[test]
fn story_view_on_screen() {
    for (width, height) in [(120, 40), (60, 20)] {
        let mut app = app(width, height);
        keys(&mut app, "v");
        let buffer = draw(&app);
        insta::assert_snapshot!(format!("story_view_{width}x{height}"), text(&buffer));
        let list_width = width * 45 / 100;
        insta::assert_snapshot!(
            format!("story_view_styles_{width}x{height}"),
            styled(&buffer, 0..list_width.min(width), 0..4)
        );
    }
}

#[test]
fn compare_on_screen_and_its_keys() {
    for (width, height) in [(120, 40), (60, 20)] {
        let mut app = app(width, height);
        keys(&mut app, "vjc");
        assert!(app.compare.is_some(), "c opened compare");
        let buffer = draw(&app);
        insta::assert_snapshot!(format!("compare_{width}x{height}"), text(&buffer));
        insta::assert_snapshot!(
            format!("compare_styles_{width}x{height}"),
            styled(&buffer, 0..width, 1..8)
        );
        let first_right = app.compare.as_ref().unwrap().right();
        keys(&mut app, "n");
        assert_ne!(
            app.compare.as_ref().unwrap().right(),
            first_right,
            "n: the next telling"
        );
        keys(&mut app, "p");
        assert_eq!(
            app.compare.as_ref().unwrap().right(),
            first_right,
            "p: back"
        );
        keys(&mut app, "j");
        assert_eq!(app.overlay.scroll, 1, "both sides scroll together");
        keys(&mut app, "q");
        assert!(app.compare.is_none() && app.overlay.open.is_none());
    }
}

/// Two invented tellings of one event, in files that name no outlet.
fn app_of_no_known_outlet(width: u16, height: u16) -> (App, tempfile::TempDir) {
    let body = "Floodwater closed the harbour road in Portville on Monday after two days of rain. The mayor of Portville said 40 families were moved to the town hall.";
    app_of_files(
        width,
        height,
        &[
            ("a.txt", "Flood Closes Portville Harbour Road", body),
            ("b.txt", "Portville Harbour Road Shut by Flood", body),
        ],
    )
}

/// The reader on a folder of invented articles (file name, headline, body), none of which
/// names its outlet.
fn app_of_files(width: u16, height: u16, files: &[(&str, &str, &str)]) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    for (name, title, body) in files {
        std::fs::write(dir.path().join(name), format!("{title}\n\n{body}\n")).unwrap();
    }
    let store = store::load_all(
        &Sources::Paths(vec![dir.path().to_path_buf()]),
        Rules::builtin(),
        // As the reader loads: bodies let go, read again from their files when shown.
        LoadOptions {
            keep_body: false,
            ..LoadOptions::default()
        },
    );
    assert!(
        store.articles.iter().all(|a| a.outlet.is_none()),
        "no outlet is known"
    );
    let mut app = App::new(store, Rect::new(0, 0, width, height));
    app.loading.done = true;
    (app, dir)
}

/// Two stories of two articles each (a flood, an orchestra's tour), of no known outlet.
fn flood_and_orchestra() -> (App, tempfile::TempDir) {
    let flood = "Floodwater closed the harbour road in Portville on Monday after two days of rain. The mayor of Portville said 40 families were moved to the town hall.";
    let orchestra = "The Lakeside city orchestra began a tour of twelve northern villages on Friday with a concert in Brookmere. The conductor Ilse Varga said the tour ends in March.";
    app_of_files(
        120,
        40,
        &[
            ("a.txt", "Flood Closes Portville Harbour Road", flood),
            ("b.txt", "Portville Harbour Road Shut by Flood", flood),
            (
                "c.txt",
                "Lakeside Orchestra Tours Northern Villages",
                orchestra,
            ),
            (
                "d.txt",
                "Orchestra From Lakeside Starts Village Tour",
                orchestra,
            ),
        ],
    )
}

/// A new article, first by path, comes in and loading ends: the stories are formed again,
/// and every story number moves.
fn form_again_with_a_new_first_article(app: &mut App, dir: &tempfile::TempDir) {
    std::fs::write(
        dir.path().join("0.txt"),
        "Bakery Wins Bread Prize\n\nA bakery in Eastbay won the national bread prize on Sunday.\n",
    )
    .unwrap();
    let late = store::load_all(
        &Sources::Paths(vec![dir.path().join("0.txt")]),
        Rules::builtin(),
        LoadOptions::default(),
    );
    app.update(warta::app::Input::Load(store::LoadEvent::Batch(
        late.articles,
        None,
    )));
    app.update(warta::app::Input::Load(store::LoadEvent::Done));
    common::settle(app);
}

#[test]
fn the_story_view_says_how_many_articles_came_in_after_its_stories() {
    let mut seeds = store::load_all(&Sources::Seeds, Rules::builtin(), LoadOptions::default())
        .articles
        .into_iter();
    let mut app = App::new(store::Store::default(), Rect::new(0, 0, 120, 40));
    let load = |app: &mut App, event: store::LoadEvent| app.update(warta::app::Input::Load(event));
    load(
        &mut app,
        store::LoadEvent::Batch(seeds.by_ref().take(3).collect(), None),
    );
    keys(&mut app, "v");
    let title = |app: &App| text(&draw(app)).lines().next().unwrap().to_string();
    assert!(
        title(&app).contains("Stories · newest first ─"),
        "{}",
        title(&app)
    );
    load(&mut app, store::LoadEvent::Batch(seeds.collect(), None));
    let started = std::time::Instant::now();
    while app.list.stale {
        assert!(
            started.elapsed().as_secs() < 10,
            "the rows take the new articles in"
        );
        app.update(warta::app::Input::Tick);
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(
        title(&app).contains("Stories · newest first · 2 ungrouped"),
        "{}",
        title(&app)
    );
    load(&mut app, store::LoadEvent::Done);
    common::settle(&mut app);
    assert_eq!(app.ungrouped(), 0, "formed again once loading is done");
    assert!(
        title(&app).contains("Stories · newest first ─"),
        "{}",
        title(&app)
    );
}

#[test]
fn the_story_view_chosen_before_any_article_shows_stories_so_far_while_loading() {
    let seeds = store::load_all(&Sources::Seeds, Rules::builtin(), LoadOptions::default()).articles;
    let mut app = App::new(store::Store::default(), Rect::new(0, 0, 120, 40));
    let load = |app: &mut App, event: store::LoadEvent| app.update(warta::app::Input::Load(event));
    // As when the story view is the one remembered: chosen with nothing loaded yet.
    keys(&mut app, "v");
    assert!(app.stories().is_none());
    let mut seeds = seeds.into_iter();
    load(
        &mut app,
        store::LoadEvent::Batch(seeds.by_ref().take(2).collect(), None),
    );
    common::settle(&mut app);
    let formed = app.stories().map(|s| s.story_of.len());
    assert_eq!(
        formed,
        Some(2),
        "stories of the first articles in, before loading ends"
    );
    let title = |app: &App| text(&draw(app)).lines().next().unwrap().to_string();
    assert!(!title(&app).contains("forming"), "{}", title(&app));
    // One more is not enough to form them again while loading; twice as many is.
    load(
        &mut app,
        store::LoadEvent::Batch(seeds.by_ref().take(1).collect(), None),
    );
    common::settle(&mut app);
    assert_eq!(app.stories().map(|s| s.story_of.len()), Some(2));
    assert!(title(&app).contains("1 ungrouped"), "{}", title(&app));
    load(
        &mut app,
        store::LoadEvent::Batch(seeds.by_ref().take(1).collect(), None),
    );
    common::settle(&mut app);
    assert_eq!(app.stories().map(|s| s.story_of.len()), Some(4));
    load(&mut app, store::LoadEvent::Batch(seeds.collect(), None));
    load(&mut app, store::LoadEvent::Done);
    common::settle(&mut app);
    assert_eq!(app.ungrouped(), 0);
    assert_eq!(
        app.stories().map(|s| s.members.len()),
        Some(1),
        "the seeds are one story"
    );
}

#[test]
fn folding_a_filtered_story_view_keeps_it_filtered() {
    let (mut app, _dir) = flood_and_orchestra();
    keys(&mut app, "v");
    let stories = |app: &App| {
        app.list
            .rows
            .iter()
            .filter(|r| matches!(r, Row::Story { .. }))
            .count()
    };
    assert_eq!(stories(&app), 2, "{:?}", app.list.rows);
    keys(&mut app, "/orchestra\n");
    assert_eq!(stories(&app), 1, "{:?}", app.list.rows);
    for fold in [" ", " ", "Z", "Z"] {
        keys(&mut app, fold);
        assert_eq!(stories(&app), 1, "after {fold:?}: {:?}", app.list.rows);
        let shown: Vec<usize> = app
            .list
            .rows
            .iter()
            .filter_map(|r| match r {
                Row::Article { index } => Some(index),
                _ => None,
            })
            .collect();
        assert!(
            shown
                .iter()
                .all(|&i| app.store.articles[i].title.contains("Orchestra")),
            "after {fold:?}: {shown:?}"
        );
    }
}

#[test]
fn mark_all_shown_read_by_story_marks_the_stories_shown_whole() {
    let (mut app, _dir) = flood_and_orchestra();
    let unread = |app: &App| -> Vec<String> {
        let mut titles: Vec<String> = (0..app.store.articles.len())
            .filter(|&i| !app.saved.is_read(app.store.key(i)))
            .map(|i| app.store.articles[i].title.clone())
            .collect();
        titles.sort();
        titles
    };
    // By outlet, the results are what is shown: only the headline with "Closes".
    keys(&mut app, "/closes\nM");
    assert_eq!(
        unread(&app),
        [
            "Lakeside Orchestra Tours Northern Villages",
            "Orchestra From Lakeside Starts Village Tour",
            "Portville Harbour Road Shut by Flood"
        ]
    );
    // By story, the result's story is shown whole, and all of it is marked.
    keys(&mut app, "u");
    keys(&mut app, "v");
    assert!(app.stories().is_some());
    keys(&mut app, "M");
    assert_eq!(
        unread(&app),
        [
            "Lakeside Orchestra Tours Northern Villages",
            "Orchestra From Lakeside Starts Village Tour"
        ]
    );
}

#[test]
fn compare_passes_over_a_telling_whose_file_is_gone() {
    let flood = "Floodwater closed the harbour road in Portville on Monday after two days of rain. The mayor of Portville said 40 families were moved to the town hall.";
    let (mut app, dir) = app_of_files(
        120,
        40,
        &[
            ("a.txt", "Flood Closes Portville Harbour Road", flood),
            ("b.txt", "Portville Harbour Road Shut by Flood", flood),
            ("c.txt", "Flood Shuts the Harbour Road of Portville", flood),
        ],
    );
    keys(&mut app, "v");
    let left = app.list.selected_article().unwrap();
    let others = app.stories().unwrap().companions(left);
    assert_eq!(others.len(), 2);
    let gone = app.store.articles[others[0]].path.to_path_buf();
    std::fs::remove_file(&gone).unwrap();
    keys(&mut app, "c");
    let state = app
        .compare
        .as_ref()
        .expect("compare opens on the telling still there");
    assert_eq!(state.right(), others[1]);
    let notice = app.notice.clone().unwrap_or_default();
    assert!(
        notice.contains("is gone from disk") && notice.contains("passed over"),
        "{notice}"
    );
    // Compare covers the bar: the notice is on its bottom border.
    let screen = text(&draw(&app));
    let bottom = screen.lines().last().unwrap();
    assert!(
        bottom.starts_with("╰─ ") && bottom.contains("passed over"),
        "{screen}"
    );
    // Going round comes back to the only one that can be read, saying why.
    keys(&mut app, "n");
    assert_eq!(app.compare.as_ref().unwrap().right(), others[1]);
    assert!(
        app.notice
            .as_deref()
            .is_some_and(|n| n.contains("is gone from disk"))
    );
    keys(&mut app, "q");
    // With every other telling gone, compare says so and does not open.
    std::fs::remove_file(&app.store.articles[others[1]].path).unwrap();
    keys(&mut app, "c");
    assert!(app.compare.is_none());
    assert!(
        app.notice
            .as_deref()
            .is_some_and(|n| n.contains("is gone from disk"))
    );
    drop(dir);
}

#[test]
fn a_folded_story_stays_folded_when_the_stories_are_formed_again() {
    let (mut app, dir) = flood_and_orchestra();
    keys(&mut app, "v/orchestra\n \x1b");
    let folded = |app: &App| -> Vec<String> {
        app.list
            .rows
            .iter()
            .filter_map(|r| match r {
                Row::Story {
                    story,
                    folded: true,
                    ..
                } => Some(app.stories().unwrap().members[story as usize][0]),
                _ => None,
            })
            .map(|i| app.store.articles[i].title.clone())
            .collect()
    };
    let orchestra_folded = folded(&app);
    assert_eq!(orchestra_folded.len(), 1, "{:?}", app.list.rows);
    assert!(orchestra_folded[0].contains("Orchestra"));
    // A new article, first by path, takes the first story number: the numbers all move.
    form_again_with_a_new_first_article(&mut app, &dir);
    assert_eq!(app.ungrouped(), 0, "formed again with the new article");
    assert_eq!(folded(&app), orchestra_folded);
}

#[test]
fn a_selected_story_header_stays_selected_through_a_rebuild() {
    let (mut app, dir) = flood_and_orchestra();
    // A folded story is one row, its header: the last story, folded, is selected.
    keys(&mut app, "vG ");
    let header = app.list.selected;
    assert!(header > 0, "the second story's header: {:?}", app.list.rows);
    let selected_title = |app: &App| match app.list.rows.get(app.list.selected) {
        Some(Row::Story {
            story,
            folded: true,
            ..
        }) => {
            let first = app.stories().unwrap().members[story as usize][0];
            app.store.articles[first].title.clone()
        }
        other => panic!("not a story header: {other:?}"),
    };
    let title = selected_title(&app);
    // Marking the story read, changing the order: the header stays selected.
    for key in ["A", "S", "S", "S"] {
        keys(&mut app, key);
        assert_eq!(selected_title(&app), title, "after {key}");
    }
    // And when the stories are formed again, their numbers all changed.
    form_again_with_a_new_first_article(&mut app, &dir);
    assert_eq!(app.ungrouped(), 0);
    assert_eq!(
        selected_title(&app),
        title,
        "after the stories were formed again"
    );
}

#[test]
fn c_on_a_story_of_one_article_says_so_and_opens_nothing() {
    let (mut app, _dir) = app_of_files(
        120,
        40,
        &[
            (
                "a.txt",
                "Flood Closes Portville Harbour Road",
                "Floodwater closed the harbour road in Portville on Monday after two days of rain.",
            ),
            (
                "b.txt",
                "Orchestra Tours Northern Villages",
                "The city orchestra began a tour of twelve northern villages with a concert in Lakeside.",
            ),
        ],
    );
    keys(&mut app, "vc");
    assert!(app.compare.is_none(), "nothing to compare with");
    assert_eq!(
        app.notice.as_deref(),
        Some("no other article tells this story")
    );
}

#[test]
fn a_story_of_no_known_outlet_counts_no_outlet() {
    let (mut app, _dir) = app_of_no_known_outlet(60, 20);
    keys(&mut app, "v");
    let screen = text(&draw(&app));
    let header = screen.lines().nth(1).unwrap();
    assert!(header.contains("(2 · 2 new)"), "{screen}");
    assert!(!header.contains("outlet"), "{screen}");
}

#[test]
fn compare_heads_an_article_of_no_known_outlet_with_its_title_alone() {
    let (mut app, _dir) = app_of_no_known_outlet(120, 40);
    keys(&mut app, "vjc");
    assert!(app.compare.is_some(), "c opened compare");
    let layout = warta::app::compare_view::layout(&app, Rect::new(0, 0, 120, 40));
    let headings: Vec<&str> = layout.columns.iter().map(|c| c[0].text.as_str()).collect();
    assert!(
        headings[0].starts_with("Portville Harbour Road")
            || headings[0].starts_with("Flood Closes"),
        "{headings:?}"
    );
    assert!(headings[1].starts_with("(1/1) — "), "{headings:?}");
}

fn article(text: &str) -> warta::article::Article {
    parse(text, Rules::builtin())
}

#[test]
fn compare_aligns_two_invented_tellings() {
    let a = article(
        "Flood Closes Harbour Road\n\nPORTVILLE, KORANKU.COM - Floodwater closed the harbour road on Monday after two days of rain. The mayor said 40 families were moved to the town hall. \"We will rebuild the sea wall before the next season,\" the mayor said.\n",
    );
    let b = article(
        "Harbour Road Shut by Floods\n\nPORTVILLE, KABARKITA.COM - Floodwater closed the harbour road on Monday after two days of rain. Forty families moved to the town hall, the mayor said, as water rose. Fishermen from Eastbay kept their boats in port for a third day.\n",
    );
    let c = compare(&a, &b);
    let kinds: Vec<Kind> = c.left.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [Kind::Shared, Kind::Reworded, Kind::Unique],
        "{c:#?}"
    );
    assert_eq!(c.right[2].kind, Kind::Unique);
    assert!(c.only_left.iter().any(|o| o == "40"), "{:?}", c.only_left);
    assert!(
        c.only_left
            .iter()
            .any(|o| o.contains("rebuild the sea wall")),
        "{:?}",
        c.only_left
    );
    assert!(
        c.only_right.iter().any(|o| o == "Eastbay"),
        "{:?}",
        c.only_right
    );
}

/// Invented articles of three events, with words of their own and a few shared by all.
fn invented() -> Vec<StoryInput> {
    let events = [
        (
            "Harbour flood closes Portville road",
            "Floodwater Portville harbour mayor families evacuated sea wall rain",
        ),
        (
            "Vaccine plant opens in Lakeside",
            "Lakeside vaccine factory minister doses jobs opened Tuesday",
        ),
        (
            "Striker Rivas signs for Northend",
            "Rivas Northend transfer fee striker contract season club",
        ),
    ];
    let mut out = Vec::new();
    for (event, (title, words)) in events.iter().enumerate() {
        for telling in 0..3 {
            let mut text = format!("{title} {telling}\n\nKOTA - ");
            for (n, word) in words.split_whitespace().enumerate() {
                if (n + telling) % 4 != 0 {
                    text.push_str(word);
                    text.push(' ');
                }
            }
            text.push_str("said officials today in a statement.");
            let mut a = article(&text);
            a.path = std::path::PathBuf::from(format!("e{event}-t{telling}.txt")).into();
            a.story_terms = story_terms(&a).into();
            out.push(StoryInput::of(&a, true));
        }
    }
    out
}

/// The stories as sets of paths, sorted.
fn partition(inputs: &[StoryInput]) -> Vec<Vec<String>> {
    let by_date: Vec<usize> = (0..inputs.len()).collect();
    let stories = Stories::from_inputs(inputs, &by_date);
    let mut groups: Vec<Vec<String>> = stories
        .members
        .iter()
        .map(|m| {
            let mut paths: Vec<String> = m
                .iter()
                .map(|&i| inputs[i].path.display().to_string())
                .collect();
            paths.sort();
            paths
        })
        .collect();
    groups.sort();
    groups
}

#[test]
fn invented_events_are_three_stories() {
    let groups = partition(&invented());
    assert_eq!(groups.len(), 3, "{groups:?}");
    assert!(groups.iter().all(|g| g.len() == 3), "{groups:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn the_grouping_does_not_depend_on_file_order(seed in any::<u64>()) {
        let inputs = invented();
        let mut shuffled = inputs.clone();
        // A permutation from the seed (Fisher–Yates with a small LCG).
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (state >> 33) as usize % (i + 1));
        }
        prop_assert_eq!(partition(&inputs), partition(&shuffled));
    }
}

#[test]
fn stories_on_the_command_line() {
    let run = |args: &[&str]| common::warta().args(args).output().unwrap();
    let out = run(&["--no-state", "--stories", "--json"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let stories = json.as_array().unwrap();
    assert_eq!(stories.len(), 1);
    let story = &stories[0];
    assert!(story["id"].as_str().unwrap().len() == 8);
    assert!(story["label"].as_str().unwrap().contains("Putin"));
    let articles = story["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 5);
    for field in ["id", "path", "outlet", "title", "date"] {
        assert!(articles[0].get(field).is_some(), "{field}");
    }
    let out = run(&["--no-state", "--stories"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let fields: Vec<&str> = text.lines().next().unwrap().split('\t').collect();
    assert_eq!(fields.len(), 5, "{text}");
    assert_eq!(fields[1], "5");
    assert!(fields[2].contains("Kompas TV"));
    assert_eq!(fields[3], "2024-06-19..2024-06-20");
    let out = run(&["--no-state", "--stories", "--filter", "nothingmatcheszz"]);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "");
}

/// The development corpus stores some articles twice under different records (its
/// SOURCES.md lists them): each pair is one story. Skips when `../shared` is not beside the
/// project.
#[test]
fn articles_stored_twice_in_the_devcorpus_are_one_story() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/devcorpus");
    if !corpus.is_dir() {
        eprintln!("skipped: {} not found", corpus.display());
        return;
    }
    let out = common::warta()
        .args(["--no-state", "--stories", "--json"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stories: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut story_of = std::collections::HashMap::new();
    for (number, story) in stories.as_array().unwrap().iter().enumerate() {
        for article in story["articles"].as_array().unwrap() {
            let path = article["path"].as_str().unwrap();
            let name = std::path::Path::new(path).file_name().unwrap();
            story_of.insert(name.to_string_lossy().into_owned(), number);
        }
    }
    // Each file is named `<record>-<number>-<outlet>.txt`.
    let story = |record: &str, number: u32| -> usize {
        let prefix = format!("{record}-{number:04}-");
        let found: Vec<usize> = story_of
            .iter()
            .filter(|(name, _)| name.starts_with(&prefix))
            .map(|(_, &story)| story)
            .collect();
        assert_eq!(found.len(), 1, "{prefix}");
        found[0]
    };
    let twice = [
        ("guava", 1010, 1012),
        ("flxdetik", 6, 136),
        ("neek", 0, 14),
        ("neek", 42, 84),
        ("neek", 133, 194),
        ("neekraw", 22, 62),
        ("maultribun", 2, 26),
        ("mauldetik", 4, 18),
        ("sterncnn", 6, 16),
        ("sternhindu", 0, 10),
        ("sterntoi", 4, 5),
        ("sternwire", 0, 280),
    ];
    for (record, one, other) in twice {
        assert_eq!(
            story(record, one),
            story(record, other),
            "{record} {one} and {other}"
        );
    }
}
