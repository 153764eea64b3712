//! The whole screen, drawn through ratatui's TestBackend with keys injected, at 100×30 and
//! 60×20 on the seeds.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use warta::app::App;
use warta::rules::Rules;
use warta::store::{self, LoadOptions, Sources};
use warta::tui;
use warta::ui;
use warta::ui::theme::Theme;

fn app(width: u16, height: u16) -> App {
    let store = store::load_all(&Sources::Seeds, Rules::builtin(), LoadOptions::default());
    let mut app = App::new(store, Rect::new(0, 0, width, height));
    app.loading.done = true;
    app
}

/// Presses keys written as in tui-shot: names ("Enter", "Esc", "Down") or literal text.
fn press(app: &mut App, keys: &[&str]) {
    for key in keys {
        let codes: Vec<KeyCode> = match *key {
            "Enter" => vec![KeyCode::Enter],
            "Esc" => vec![KeyCode::Esc],
            "Down" => vec![KeyCode::Down],
            "Up" => vec![KeyCode::Up],
            "Tab" => vec![KeyCode::Tab],
            "PageDown" => vec![KeyCode::PageDown],
            "Space" => vec![KeyCode::Char(' ')],
            text => text.chars().map(KeyCode::Char).collect(),
        };
        for code in codes {
            tui::handle_event(app, &Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        }
    }
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, app, &Theme::default()))
        .unwrap();
    terminal.backend().to_string()
}

fn check(name: &str, keys: &[&str]) {
    for (width, height) in [(100, 30), (60, 20)] {
        let mut app = app(width, height);
        press(&mut app, keys);
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), screen(&app));
    }
}

#[test]
fn initial_screen() {
    check("initial", &[]);
}

#[test]
fn filtered_by_kompas() {
    check("kompas", &["/kompas"]);
}

#[test]
fn help_overlay() {
    check("help", &["?"]);
}

#[test]
fn article_scrolled() {
    check("scrolled", &["jj", "Enter", "PageDown", "jj"]);
}

#[test]
fn no_results_say_so() {
    let mut app = app(100, 30);
    press(&mut app, &["/drakor"]);
    let screen = screen(&app);
    assert!(screen.contains("No articles match “drakor”."), "{screen}");
    assert!(screen.contains("0/5"));
}

#[test]
fn tiny_and_huge_sizes_never_panic() {
    for (w, h) in [(1, 1), (2, 2), (10, 3), (79, 5), (80, 4), (500, 200)] {
        let mut app = app(w, h);
        for keys in [
            &["?"][..],
            &["Esc", "/putin", "Enter", "Enter", "G", "n"],
            &["r", "Tab", "PageDown"],
        ] {
            press(&mut app, keys);
            let _ = screen(&app);
        }
    }
}

#[test]
fn wide_and_combining_text_never_overflows_its_pane() {
    let dir = tempfile::tempdir().unwrap();
    let wide = "한국 기사 제목 🇮🇩 Berita 👩‍👩‍👧 Keluarga e\u{301} 北朝鮮とロシアが条約に署名した\n\
        北朝鮮とロシアが条約に署名した。👍🏽 Café\u{301} 한국어 문장이 길게 이어집니다 한국어 문장이 길게 이어집니다 👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧 e\u{301}e\u{301}e\u{301}\n";
    std::fs::write(dir.path().join("wide.txt"), wide).unwrap();
    let load = || {
        let sources = Sources::Paths(vec![dir.path().to_path_buf()]);
        store::load_all(&sources, Rules::builtin(), LoadOptions::default())
    };
    for (width, height) in [(100u16, 30u16), (60, 20), (81, 12)] {
        let mut app = App::new(load(), Rect::new(0, 0, width, height));
        assert_eq!(app.store.articles.len(), 1);
        for keys in [&[][..], &["Enter"]] {
            press(&mut app, keys);
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            terminal
                .draw(|frame| ui::draw(frame, &app, &Theme::default()))
                .unwrap();
            let buffer = terminal.backend().buffer();
            // Every row of the panes ends in the right border: nothing pushed it out.
            for y in 0..height - 1 {
                let last = buffer[(width - 1, y)].symbol();
                assert!(
                    ["│", "╮", "╯"].contains(&last),
                    "{width}x{height} row {y} ends in {last:?}:\n{}",
                    terminal.backend()
                );
            }
        }
    }
}

#[test]
fn help_scrolls_exactly_to_its_last_line() {
    for (width, height) in [(100u16, 30u16), (60, 20)] {
        let mut app = app(width, height);
        press(&mut app, &["?"]);
        let top = screen(&app);
        for _ in 0..200 {
            press(&mut app, &["j"]);
        }
        let bottom = screen(&app);
        // The help's last line sits on the window's last row, just above its border.
        let rows: Vec<&str> = bottom.lines().collect();
        let border = rows
            .iter()
            .rposition(|row| row.contains("╰─"))
            .expect("the window's bottom border");
        assert!(
            rows[border - 1].contains("also is:read, is:starred"),
            "{width}x{height}: the last line is not at the bottom:\n{bottom}"
        );
        // One press back moves the view at once (no presses lost past the end), and one
        // press forward returns to the end.
        press(&mut app, &["k"]);
        let back = screen(&app);
        if bottom == top {
            assert_eq!(
                back, bottom,
                "{width}x{height}: everything fits, nothing scrolls"
            );
        } else {
            assert_ne!(
                back, bottom,
                "{width}x{height}: k did not move back from the end"
            );
        }
        press(&mut app, &["j"]);
        assert_eq!(screen(&app), bottom, "{width}x{height}");
        // Any other key closes the window.
        press(&mut app, &["x"]);
        assert!(app.overlay.open.is_none());
    }
}

#[test]
fn the_help_at_40x12_cuts_nothing_mid_word() {
    let mut app = app(40, 12);
    press(&mut app, &["?"]);
    let mut seen = String::new();
    for _ in 0..200 {
        seen.push_str(&screen(&app));
        press(&mut app, &["j"]);
    }
    // Every description is there whole, on one row or wrapped under its keys.
    let rows: Vec<String> = seen
        .lines()
        .map(|row| row.trim_matches('"').trim_matches('│').trim().to_string())
        .collect();
    let text = rows.join(" ");
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for context in warta::keymap::Context::ALL {
        for (_, description) in app.settings.keymap.help(context) {
            assert!(text.contains(description), "{description:?} cut:\n{seen}");
        }
    }
    assert!(text.contains("also is:read, is:starred"));
}

#[test]
fn the_warnings_window_grows_with_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ok.txt"),
        "Judul Yang Bisa Dibaca\n\nIsi.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("binary.txt"), b"\0\0\0").unwrap();
    let sources = Sources::Paths(vec![dir.path().to_path_buf()]);
    let store = store::load_all(&sources, Rules::builtin(), LoadOptions::default());
    let mut app = App::new(store, Rect::new(0, 0, 220, 30));
    press(&mut app, &["w"]);
    let shown = screen(&app);
    let top = shown
        .lines()
        .find(|row| row.contains("Skipped files and warnings"))
        .expect("the window");
    let columns: Vec<char> = top.chars().collect();
    let left = columns.iter().position(|&c| c == '╭').unwrap();
    let right = columns.iter().rposition(|&c| c == '╮').unwrap();
    assert!(
        right - left > 120,
        "wider than the 100 columns it had: {top}"
    );
    assert!(
        shown.contains("binary file (NUL bytes near the start); skipped"),
        "{shown}"
    );
}
