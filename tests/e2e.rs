//! End-to-end: the real binary in a pseudo-terminal.

mod common;
use common::Pty;

#[test]
fn filter_read_and_quit_cleanly() {
    let mut pty = Pty::spawn(&[], 100, 30, &[]);
    pty.wait_for("5/5");
    assert!(pty.in_alternate_screen());
    pty.wait_for("Kompas TV (1");
    pty.type_text("/vostochny");
    pty.wait_for("1/5");
    pty.wait_for("Putin Ucapkan Terima Kasih");
    pty.send("\r"); // keep the filter
    pty.send("\r"); // read the article
    pty.send("n"); // jump to the match
    pty.wait_for("Kosmodrom Vostochny");
    pty.send("q"); // back to the list, as in less and newsboat
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        pty.child_running(),
        "q in the article goes back, it does not quit"
    );
    pty.send("q"); // and from the list, quit
    assert_eq!(pty.wait_exit(), 0);
    assert!(!pty.in_alternate_screen(), "left the alternate screen");
    assert!(!pty.cursor_hidden(), "the cursor is shown again");
    assert!(pty.output_text().contains("\u{1b}[?1049l"));
}

#[test]
fn ctrl_c_quits_from_the_filter_bar() {
    let mut pty = Pty::spawn(&[], 80, 24, &[]);
    pty.wait_for("5/5");
    pty.type_text("/putin q");
    pty.wait_for("/putin q");
    pty.send("\u{3}");
    assert_eq!(pty.wait_exit(), 0);
    assert!(!pty.in_alternate_screen());
}

#[test]
fn not_a_terminal_is_a_clear_error() {
    let out = common::warta().output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--list") && stderr.contains("--json"),
        "{stderr}"
    );
}

#[test]
fn escape_sequences_in_an_article_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let planted = common::hostile::PLANTED;
    let text = format!(
        "Judul {} Berbahaya {} Sekali\nIsi {} dengan {} dan {} serta {} bel\u{7} akhir.\n",
        planted[0], planted[1], planted[2], planted[3], planted[4], planted[5]
    );
    std::fs::write(dir.path().join("escapes.txt"), text).unwrap();
    let mut pty = Pty::spawn(&[dir.path().to_str().unwrap()], 100, 30, &[]);
    pty.wait_for("1/1");
    pty.wait_for("Judul ␛ Berbahaya ␛ Sekali");
    pty.send("r"); // the raw view shows the file as it was, still sanitised
    pty.wait_for("Raw:");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let written = pty.output.lock().unwrap().clone();
    for sequence in planted {
        let found = written
            .windows(sequence.len())
            .any(|w| w == sequence.as_bytes());
        assert!(
            !found,
            "warta wrote the article's {sequence:?} to the terminal"
        );
    }
    assert!(
        !written
            .windows(5)
            .any(|w| w == b"PWNED" || w == b"\x1b]52;"),
        "no OSC from the article"
    );
    assert!(!written.contains(&0x07), "no BEL");
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut pty = Pty::spawn(&[], 100, 30, &[]);
    pty.wait_for("5/5");
    assert!(pty.in_alternate_screen());
    assert_eq!(unsafe { libc::kill(pty.pid() as i32, libc::SIGTERM) }, 0);
    let code = pty.wait_exit();
    assert_eq!(code, 128 + 15);
    assert!(!pty.in_alternate_screen(), "left the alternate screen");
    assert!(!pty.cursor_hidden(), "cursor shown");
}

#[test]
fn resizing_reflows_and_never_panics() {
    let mut pty = Pty::spawn(&[], 100, 30, &[]);
    pty.wait_for("5/5");
    for (cols, rows) in [(1, 1), (500, 200), (40, 10), (2, 50), (120, 40)] {
        pty.resize(cols, rows);
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    pty.wait_for("Kompas TV (1");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn no_color_draws_attributes_only() {
    let no_color = std::path::Path::new("1");
    let mut pty = Pty::spawn(&[], 100, 30, &[("NO_COLOR", no_color)]);
    pty.wait_for("5/5");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let written = pty.output_text();
    for colour in [
        "\u{1b}[38;5;",
        "\u{1b}[48;5;",
        "\u{1b}[33m",
        "\u{1b}[43m",
        "\u{1b}[35m",
    ] {
        assert!(
            !written.contains(colour),
            "NO_COLOR set, yet {colour:?} was written"
        );
    }
    assert!(written.contains("\u{1b}[1m"), "bold is still used");
}

#[test]
fn dumb_terminal_is_a_clear_error() {
    let mut pty = Pty::spawn(&[], 80, 24, &[("TERM", std::path::Path::new("dumb"))]);
    assert_eq!(pty.wait_exit(), 2);
    assert!(pty.output_text().contains("TERM=dumb"));
}

#[test]
fn a_star_lasts_to_the_next_run_and_filters_the_list() {
    let home = common::Home::new();
    let state = home.state();
    let mut pty = home.spawn(&[], &[]);
    pty.wait_for("5/5");
    pty.type_text("/vostochny");
    pty.wait_for("1/5");
    pty.send("\r");
    pty.send("s");
    pty.wait_for("•★ Putin Ucapkan");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    assert!(state.join("warta/state.json").exists());

    // The next run restores the filter and the selection, and shows the star.
    let mut pty = home.spawn(&[], &[]);
    pty.wait_for("/vostochny");
    pty.wait_for("★ Putin Ucapkan");
    pty.send("\u{3}");
    assert_eq!(pty.wait_exit(), 0);

    let out = common::warta()
        .env("XDG_STATE_HOME", &state)
        .args(["--list", "--filter", "is:starred"])
        .output()
        .unwrap();
    let listed = String::from_utf8(out.stdout).unwrap();
    let ids: Vec<&str> = listed
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(ids, ["001_00dd18946a3d455e"]);
    let out = common::warta()
        .env("XDG_STATE_HOME", &state)
        .args(["--list", "--filter", "is:starred", "--no-state"])
        .output()
        .unwrap();
    assert!(out.stdout.is_empty(), "--no-state reads no stars");
}

#[test]
fn reading_for_two_seconds_marks_an_article_read() {
    let mut pty = Pty::spawn(&[], 100, 30, &[]);
    pty.wait_for("Kompas TV (1");
    assert!(
        pty.screen().contains("•  Putin dan Kim"),
        "unread at first:\n{}",
        pty.screen()
    );
    pty.send("\r");
    std::thread::sleep(std::time::Duration::from_millis(2300));
    pty.send("\u{1b}");
    pty.wait_for("   Putin dan Kim");
    pty.wait_for("Kompas TV (1)");
    pty.send("u");
    pty.wait_for("•  Putin dan Kim");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn mouse_click_and_wheel_through_the_terminal() {
    let mut pty = Pty::spawn(&[], 100, 30, &[]);
    pty.wait_for("5/5");
    // SGR mouse report: left button pressed at column 6, row 10 (1-based): the last article.
    pty.send("\u{1b}[<0;6;10M\u{1b}[<0;6;10m");
    pty.wait_for("tindakannya di…");
    assert!(pty.screen().contains(" Top ╯"));
    // The wheel over the reading pane scrolls it (three lines: the position leaves "Top").
    pty.send("\u{1b}[<65;60;10M");
    let start = std::time::Instant::now();
    while pty.screen().contains(" Top ╯") && start.elapsed() < std::time::Duration::from_secs(10)
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(pty.screen().contains("% ╯"), "scrolled:\n{}", pty.screen());
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let written = pty.output_text();
    assert!(
        written.contains("\u{1b}[?1000h") && written.contains("\u{1b}[?1000l"),
        "mouse reporting on, then off"
    );
}

#[test]
fn no_mouse_leaves_mouse_reporting_off() {
    let mut pty = Pty::spawn(&["--no-mouse"], 100, 30, &[]);
    pty.wait_for("5/5");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    assert!(!pty.output_text().contains("\u{1b}[?1000h"));
}

#[test]
fn raw_output_on_a_terminal_shows_control_characters_instead_of_obeying_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("esc.txt"),
        "Judul \u{1b}]0;PWNED\u{7} X\nIsi \u{1b}[2J artikel.\n",
    )
    .unwrap();
    let mut pty = Pty::spawn(
        &["--show", "esc", "--raw", dir.path().to_str().unwrap()],
        80,
        10,
        &[],
    );
    assert_eq!(pty.wait_exit(), 0);
    let written = pty.output_text();
    assert!(written.contains("Judul ␛ X"), "{written:?}");
    assert!(
        !written.contains("\u{1b}]0;") && !written.contains("\u{1b}[2J"),
        "{written:?}"
    );
}

#[test]
fn y_copies_title_and_text_with_osc_52() {
    use base64::Engine;
    let mut pty = Pty::spawn(&[], 100, 30, &[]);
    pty.wait_for("5/5");
    pty.send("y");
    pty.wait_for("copied the title and text");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let written = pty.output_text();
    let start = written.find("\u{1b}]52;c;").expect("an OSC 52 sequence") + 7;
    let end = start + written[start..].find('\u{7}').expect("terminated by BEL");
    let copied = base64::engine::general_purpose::STANDARD
        .decode(&written[start..end])
        .unwrap();
    let copied = String::from_utf8(copied).unwrap();
    assert!(
        copied.starts_with("Putin dan Kim Jong-Un Tandatangani Kerja Sama"),
        "{copied}"
    );
    assert!(copied.contains("Presiden Rusia Vladimir Putin dan Pemimpin Korea Utara"));
    assert!(!copied.contains("Baca Juga"));
}

/// `c` straight after a start, before any story is formed, opens compare once they are:
/// the key is not lost.
#[test]
fn c_before_the_stories_are_formed_opens_compare_once_they_are() {
    let mut pty = Pty::spawn(&[], 120, 40, &[]);
    pty.wait_for("5/5");
    pty.send("c");
    pty.wait_for("Compare");
    pty.wait_for("Only here");
    pty.send("q");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn v_shows_stories_and_c_compares_two_tellings() {
    let mut pty = Pty::spawn(&[], 120, 40, &[]);
    pty.wait_for("5/5");
    pty.send("v");
    pty.wait_for("Stories");
    pty.wait_for("3 outlets");
    pty.send("c");
    pty.wait_for("Compare");
    pty.wait_for("Only here");
    pty.send("n");
    pty.wait_for("(2/4)");
    pty.send("q");
    pty.wait_for("Stories");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}
