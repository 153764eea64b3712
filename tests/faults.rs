//! The promises warta keeps when things go wrong, one test each: saved state is never lost
//! silently, the terminal always comes back, input never hangs it or runs commands by
//! surprise, and bad command lines and configs get clear words.

mod common;

use common::{Home, Pty};
use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

/// Waits up to `limit` for `done`.
fn eventually(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    done()
}

fn state_text(home: &Home) -> String {
    std::fs::read_to_string(home.state_file()).unwrap_or_default()
}

// ── Saved state is never lost silently ─────────────────────────────────────────────────

#[test]
fn a_save_that_fails_is_said_at_once_and_on_exit() {
    let home = Home::new();
    // The state folder cannot be made: a file stands where its parent should be (this
    // fails for root too, unlike a read-only folder).
    std::fs::write(home.state(), "not a folder").unwrap();
    let mut pty = home.spawn(&[], &[]);
    pty.wait_for("5/5");
    pty.send("s");
    pty.wait_for("could not save");
    // The next key does not clear it: it stays until a save succeeds.
    pty.send("j");
    std::thread::sleep(Duration::from_millis(300));
    assert!(pty.screen().contains("could not save"), "{}", pty.screen());
    pty.send("q");
    assert_eq!(pty.wait_exit(), 1, "unsaved changes end with a failure");
    let written = pty.output_text();
    assert!(
        written.contains("changes not saved") || written.contains("change not saved"),
        "{written}"
    );
}

#[test]
fn a_state_file_that_cannot_be_read_is_never_replaced() {
    let home = Home::new();
    // A folder where the file should be: it exists, and cannot be read as state.
    std::fs::create_dir_all(home.state_file().join("keep")).unwrap();
    let mut pty = home.spawn(&[], &[]);
    pty.wait_for("5/5");
    pty.wait_for("saved state");
    pty.send("s");
    std::thread::sleep(Duration::from_millis(1500));
    pty.send("w");
    pty.wait_for("not a regular file (a folder); saving is");
    pty.send("q");
    pty.send("q");
    pty.wait_exit();
    assert!(home.state_file().join("keep").is_dir(), "left as it was");
}

#[test]
fn a_pager_and_a_signal_lose_nothing() {
    let home = Home::new();
    let pager = home.dir.path().join("pager.sh");
    std::fs::write(&pager, "#!/bin/sh\nsleep 30\n").unwrap();
    std::fs::set_permissions(&pager, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut pty = home.spawn(&[], &[("PAGER", pager.as_path())]);
    pty.wait_for("5/5");
    pty.send("s");
    pty.send("o");
    // The pager has the terminal now.
    assert!(eventually(Duration::from_secs(5), || !pty.in_alternate_screen()));
    assert_eq!(unsafe { libc::kill(pty.pid() as i32, libc::SIGTERM) }, 0);
    assert_eq!(pty.wait_exit(), 128 + 15);
    assert!(
        state_text(&home).contains("\"starred\": true"),
        "the star was saved"
    );
}

#[test]
fn the_filter_and_selection_are_on_disk_within_a_second_or_two() {
    let home = Home::new();
    let mut pty = home.spawn(&[], &[]);
    pty.wait_for("5/5");
    pty.type_text("/kim");
    pty.send("\r");
    pty.send("j");
    assert!(
        eventually(Duration::from_secs(5), || state_text(&home)
            .contains("\"filter\": \"kim\"")),
        "{}",
        state_text(&home)
    );
    // Killed outright, it has nothing more to write: the place is already saved.
    assert_eq!(unsafe { libc::kill(pty.pid() as i32, libc::SIGKILL) }, 0);
    pty.wait_exit();
    assert!(state_text(&home).contains("\"filter\": \"kim\""));
}

#[test]
fn stale_temporaries_go_links_stay_links_and_fifos_never_block() {
    let home = Home::new();
    let dir = home.state().join("warta");
    std::fs::create_dir_all(&dir).unwrap();
    // A temporary left by a warta that was killed while saving.
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    let gone_pid = gone.id();
    gone.wait().unwrap();
    let stale = dir.join(format!(".state.json.{gone_pid}.tmp"));
    std::fs::write(&stale, "{").unwrap();
    // state.json is a link to a file kept elsewhere.
    let elsewhere = home.dir.path().join("synced-state.json");
    std::fs::write(&elsewhere, "{}").unwrap();
    std::os::unix::fs::symlink(&elsewhere, home.state_file()).unwrap();
    let mut pty = home.spawn(&[], &[]);
    pty.wait_for("5/5");
    pty.send("s");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    assert!(!stale.exists(), "the stale temporary is removed");
    let link = std::fs::symlink_metadata(home.state_file()).unwrap();
    assert!(link.file_type().is_symlink(), "still a link");
    assert!(
        std::fs::read_to_string(&elsewhere)
            .unwrap()
            .contains("\"starred\": true"),
        "written through the link"
    );

    // A FIFO as the config file, or /dev/zero, is refused at once.
    let fifo = home.dir.path().join("config.toml");
    let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    for config in [fifo.to_str().unwrap(), "/dev/zero"] {
        let started = Instant::now();
        let out = common::warta()
            .args(["--config", config, "--list"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{config}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("not a regular file"), "{stderr}");
        assert!(started.elapsed() < Duration::from_secs(10));
    }
}

// ── The terminal always comes back ────────────────────────────────────────────────────

fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // "pid (name) S …": the state follows the closing parenthesis.
    stat.rsplit_once(") ")
        .and_then(|(_, rest)| rest.chars().next())
}

#[test]
fn ctrl_z_suspends_and_continuing_takes_the_terminal_back() {
    let mut pty = Pty::spawn(&[], 100, 30, &[]);
    pty.wait_for("5/5");
    pty.send("\u{1a}");
    assert!(
        eventually(Duration::from_secs(5), || process_state(pty.pid())
            == Some('T')),
        "stopped"
    );
    assert!(
        !pty.in_alternate_screen(),
        "the terminal was given back first"
    );
    let before = pty.output_text().len();
    assert_eq!(unsafe { libc::kill(pty.pid() as i32, libc::SIGCONT) }, 0);
    assert!(eventually(Duration::from_secs(5), || pty.in_alternate_screen()));
    pty.wait_for("5/5");
    assert!(
        pty.output_text()[before..].contains("\u{1b}[?1049h"),
        "the alternate screen again"
    );
    // Keys act again (raw mode is back): the help opens.
    pty.send("?");
    pty.wait_for("Help");
    pty.send("\u{3}");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn every_signal_that_ends_it_restores_the_terminal() {
    for signal in [libc::SIGQUIT, libc::SIGUSR1, libc::SIGALRM] {
        let mut pty = Pty::spawn(&[], 100, 30, &[]);
        pty.wait_for("5/5");
        assert!(pty.in_alternate_screen());
        assert_eq!(unsafe { libc::kill(pty.pid() as i32, signal) }, 0);
        assert_eq!(pty.wait_exit(), 128 + signal as u32, "signal {signal}");
        assert!(
            !pty.in_alternate_screen(),
            "signal {signal}: left the screen"
        );
        assert!(!pty.cursor_hidden(), "signal {signal}: cursor shown");
        assert!(
            pty.output_text().contains("\u{1b}[?1000l"),
            "signal {signal}: mouse off"
        );
    }
}

#[test]
fn a_closed_terminal_is_not_an_error_to_report() {
    let home = Home::new();
    let errors = home.dir.path().join("stderr.txt");
    let script = format!(
        "exec '{}' 2>'{}'",
        env!("CARGO_BIN_EXE_warta"),
        errors.display()
    );
    let mut pty = Pty::spawn_command("sh", &["-c", &script], 100, 30);
    pty.wait_for("5/5");
    pty.close_terminal();
    pty.wait_exit();
    let said = std::fs::read_to_string(&errors).unwrap_or_default();
    assert!(!said.contains("Failed to show the cursor"), "{said}");
}

// ── Input never hangs it or runs commands by surprise ─────────────────────────────────

fn pasted(text: &str) -> Vec<u8> {
    format!("\u{1b}[200~{text}\u{1b}[201~").into_bytes()
}

#[test]
fn a_paste_is_text_never_commands() {
    let home = Home::new();
    let mut pty = home.spawn(&[], &[]);
    pty.wait_for("5/5");
    pty.send("/");
    pty.send_all(&pasted("artikel\nsuq"));
    pty.wait_for("/artikel suq");
    std::thread::sleep(Duration::from_millis(300));
    assert!(pty.child_running(), "the q in the paste did not quit");
    pty.send("\u{3}");
    assert_eq!(pty.wait_exit(), 0);
    assert!(
        !state_text(&home).contains("\"starred\": true"),
        "nothing starred"
    );
}

#[test]
fn a_huge_paste_settles_and_ctrl_c_still_quits() {
    let mut pty = Pty::spawn(&[], 100, 30, &[]);
    pty.wait_for("5/5");
    pty.send("/");
    // Words no article has, so the count says the whole paste was taken in.
    let text = "zqx ".repeat(100_000 / 4);
    pty.send_all(&pasted(&text));
    pty.wait_for("0/5");
    pty.send("\u{3}");
    assert_eq!(pty.wait_exit(), 0);
}

// ── Command line and config ───────────────────────────────────────────────────────────

#[test]
fn json_is_valid_for_any_file_name() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"\xff\xfe berita.txt");
    std::fs::write(
        dir.path().join(name),
        "Judul Berita Dengan Nama Aneh\n\nIsi berita.\n",
    )
    .unwrap();
    let printed = common::stdout_of(common::warta().arg("--json").arg(dir.path()));
    let parsed: serde_json::Value = serde_json::from_slice(&printed).expect("valid JSON");
    let path = parsed[0]["path"].as_str().unwrap();
    assert!(path.ends_with("\u{fffd}\u{fffd} berita.txt"), "{path}");
}

#[test]
fn a_closed_pipe_ends_every_printing_mode_quietly() {
    use std::os::fd::{FromRawFd, OwnedFd};
    for args in [
        &["--completions", "bash"][..],
        &["--print-default-config"],
        &["--man"],
        &["--list"],
    ] {
        let mut fds = [0; 2];
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        // The reading end is closed before warta writes a byte.
        drop(unsafe { OwnedFd::from_raw_fd(fds[0]) });
        let write_end = unsafe { OwnedFd::from_raw_fd(fds[1]) };
        let out = common::warta()
            .args(args)
            .stdout(std::process::Stdio::from(write_end))
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

/// Runs `warta --list` with this config; its exit code and what it said.
fn with_config(text: &str) -> (Option<i32>, String) {
    let (code, said, _dir) = common::run_with_config(text);
    (code, said)
}

#[test]
fn a_config_cannot_trap_the_user() {
    let (code, said) = with_config("[keys]\nquit = []\n");
    assert_eq!(code, Some(2));
    assert!(
        said.starts_with("warta: CONFIG:2:1: [keys]: no key is left to quit"),
        "{said}"
    );
    let (code, said) = with_config("# keys\n[keys]\nquit = [\"j\"]\n");
    assert_eq!(code, Some(2));
    assert!(
        said.starts_with("warta: CONFIG:3:1: [keys]: j is bound to both quit and down"),
        "{said}"
    );
    let (code, said) = with_config("[keys]\ntoggle_star = [\"j\"]\n");
    assert_eq!(code, Some(2));
    assert!(
        said.starts_with("warta: CONFIG:2:1: [keys]: j is bound to both toggle_star and down"),
        "{said}"
    );
    let (code, said) = with_config("[keys]\ntoggle_star = [\"ctrl-c\"]\n");
    assert_eq!(code, Some(2));
    assert!(said.contains("Ctrl-C always quits"), "{said}");
    // In the reader, Ctrl-C quits whatever the config binds.
    let home = Home::new();
    std::fs::create_dir_all(home.config().join("warta")).unwrap();
    std::fs::write(
        home.config().join("warta/config.toml"),
        "[keys]\nquit = [\"x\"]\n",
    )
    .unwrap();
    let mut pty = home.spawn(&[], &[]);
    pty.wait_for("5/5");
    pty.send("/");
    pty.send("\u{3}");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn config_mistakes_are_said_in_words_at_their_line() {
    let (code, said) = with_config("[colours]\n\ntitle = { fg = \"red\", blink = true }\n");
    assert_eq!(code, Some(2));
    assert!(
        said.starts_with("warta: CONFIG:3:1: title: unknown attribute \"blink\"; a colour table may set fg, bg, bold"),
        "{said}"
    );
    let (code, said) = with_config("measure = 70\nmax_file_size = -5\n");
    assert_eq!(code, Some(2));
    assert!(
        said.starts_with("warta: CONFIG:2:1: max_file_size: -5 is not a size"),
        "{said}"
    );
    let bad_regex = "[rules]\n[[rules.boilerplate]]\nrule = \"a\"\npattern = '^fine'\n[[rules.boilerplate]]\nrule = \"b\"\npattern = '(unclosed'\n";
    let (code, said) = with_config(bad_regex);
    assert_eq!(code, Some(2));
    assert!(
        said.starts_with("warta: CONFIG:7:11: [rules.boilerplate]: rule pattern \"(unclosed\" is not a valid regular expression: unclosed group"),
        "{said}"
    );
    assert_eq!(
        said.matches("CONFIG").count(),
        1,
        "the file named once: {said}"
    );
    let (code, said) =
        with_config("[rules]\n[[rules.boilerplate]]\nrule = \"all\"\npattern = \"\"\n");
    assert_eq!(code, Some(2));
    assert!(
        said.contains("CONFIG:4:11") && said.contains("empty pattern"),
        "{said}"
    );
}

#[test]
fn loops_and_unreadable_files_say_what_they_are() {
    use warta::rules::Rules;
    use warta::store::{self, LoadOptions, Sources};
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.txt"), "Judul Yang Bisa Dibaca\nIsi.\n").unwrap();
    std::os::unix::fs::symlink("b.txt", dir.path().join("a.txt")).unwrap();
    std::os::unix::fs::symlink("a.txt", dir.path().join("b.txt")).unwrap();
    let store = store::load_all(
        &Sources::Paths(vec![dir.path().to_path_buf()]),
        Rules::builtin(),
        LoadOptions::default(),
    );
    for skipped in &store.skipped {
        assert_eq!(skipped.reason, "a symlink loop; skipped", "{skipped}");
    }
    assert_eq!(store.skipped.len(), 2);
    // A file that cannot be opened says it was skipped, as every other reason does.
    let gone = dir.path().join("gone.txt");
    let skipped = store::load_file(&gone, Rules::builtin(), LoadOptions::default()).unwrap_err();
    assert!(skipped.reason.ends_with("; skipped"), "{}", skipped.reason);
}

// ── Files that change under the reader ────────────────────────────────────────────────

mod changing_files {
    use ratatui::layout::Rect;
    use std::path::Path;
    use warta::app::{App, Input, Settings};
    use warta::keymap::Action;
    use warta::rules::Rules;
    use warta::store::{self, LoadOptions, Sources};

    /// A reader over `dir` as the real one loads it: bodies let go, read again when shown.
    fn reader(dir: &Path, max_file_size: u64) -> App {
        let options = LoadOptions {
            keep_body: false,
            max_file_size,
            ..LoadOptions::default()
        };
        let store = store::load_all(
            &Sources::Paths(vec![dir.to_path_buf()]),
            Rules::builtin(),
            options,
        );
        let settings = Settings {
            max_file_size,
            ..Settings::default()
        };
        let mut app = App::with_settings(store, Rect::new(0, 0, 120, 40), settings);
        app.loading.done = true;
        app
    }

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.txt"),
            "Judul Pertama Tentang Pelabuhan\n\nKAPAL tiba pagi ini di pelabuhan.\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("b.txt"),
            "Judul Kedua Tentang Pasar Ikan\n\nPASAR ramai sejak subuh.\n",
        )
        .unwrap();
        dir
    }

    fn shown(app: &App) -> String {
        app.reader
            .visible()
            .iter()
            .map(|(_, line)| line.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Selects the article read from file `name`: away first, so it is shown afresh.
    fn select(app: &mut App, name: &str) {
        let other = if name == "a.txt" { "b.txt" } else { "a.txt" };
        for wanted in [other, name] {
            app.update(Action::Top);
            let found = (0..10).any(|_| {
                let here = app
                    .list
                    .selected_article()
                    .is_some_and(|i| app.store.articles[i].path.file_name().unwrap() == wanted);
                if !here {
                    app.update(Action::Down);
                }
                here
            });
            assert!(found, "{wanted} is not in the list");
        }
    }

    #[test]
    fn changed_content_replaces_the_old_reading_everywhere() {
        let dir = folder();
        let mut app = reader(dir.path(), 1 << 20);
        select(&mut app, "b.txt");
        app.update(Action::ToggleStar);
        std::fs::write(
            dir.path().join("b.txt"),
            "Judul Baru Sama Sekali Berbeda\n\nISI yang lain.\n",
        )
        .unwrap();
        select(&mut app, "b.txt");
        let index = app.list.selected_article().expect("an article selected");
        let article = &app.store.articles[index];
        assert_eq!(article.title, "Judul Baru Sama Sekali Berbeda");
        assert!(shown(&app).contains("ISI yang lain."), "{}", shown(&app));
        assert!(
            app.notice
                .as_deref()
                .unwrap_or("")
                .contains("changed on disk")
        );
        assert!(
            app.saved.state.of(article).starred,
            "the star moved with it"
        );
        assert_eq!(app.counts(), (2, 2), "replaced, not added");
        // The search finds the new text, not the old.
        app.update(Action::FocusFilter);
        for c in "pasar".chars() {
            app.update(Action::FilterChar(c));
        }
        crate::common::settle(&mut app);
        assert_eq!(app.counts(), (0, 2));
    }

    #[test]
    fn gone_empty_binary_and_oversized_files_say_so() {
        let dir = folder();
        let mut app = reader(dir.path(), 4096);
        let b = dir.path().join("b.txt");
        for (bytes, says) in [
            (None, "gone from disk"),
            (Some(b"  \n\n".to_vec()), "empty now"),
            (Some(b"\0\0\0binary".to_vec()), "binary file"),
            (Some(vec![b'x'; 10_000]), "size cap"),
        ] {
            match bytes {
                None => std::fs::remove_file(&b).unwrap(),
                Some(bytes) => std::fs::write(&b, bytes).unwrap(),
            }
            select(&mut app, "b.txt");
            assert!(shown(&app).contains(says), "{says}: {}", shown(&app));
        }
    }

    #[test]
    fn a_file_that_grew_large_is_read_off_the_key() {
        let dir = folder();
        let mut app = reader(dir.path(), 64 << 20);
        let mut big = String::from("Judul Kedua Tentang Pasar Ikan\n\n");
        while big.len() < 3 << 20 {
            big.push_str("PASAR ramai sejak subuh, dan para pedagang datang dari jauh.\n\n");
        }
        std::fs::write(dir.path().join("b.txt"), &big).unwrap();
        select(&mut app, "b.txt");
        assert!(shown(&app).contains("Reading"), "{}", shown(&app));
        let start = std::time::Instant::now();
        while shown(&app).contains("Reading") && start.elapsed().as_secs() < 30 {
            app.update(Input::Tick);
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert!(shown(&app).contains("PASAR ramai"), "{}", shown(&app));
    }
}

#[test]
fn no_save_ever_blocks_a_key() {
    use std::os::fd::AsRawFd;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use warta::app::{App, Input};
    use warta::keymap::Action;
    use warta::state::StateFile;
    let dir = tempfile::tempdir().unwrap();
    let store = warta::store::load_all(
        &warta::store::Sources::Seeds,
        warta::rules::Rules::builtin(),
        warta::store::LoadOptions::default(),
    );
    let mut app = App::new(store, ratatui::layout::Rect::new(0, 0, 100, 30));
    app.restore_state(Some(StateFile::new(dir.path())));
    // Another warta holds the state file's lock (as a slow disk would hold a write).
    let lock = std::fs::File::create(dir.path().join("state.lock")).unwrap();
    assert_eq!(unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX) }, 0);
    let released = Arc::new(AtomicBool::new(false));
    let holder = {
        let released = Arc::clone(&released);
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(6));
            released.store(true, Ordering::SeqCst);
            drop(lock);
        })
    };
    app.update(Action::ToggleStar);
    // Ticks go on while the save waits for the lock: the key that started it returned.
    while !app.saved.saving() {
        app.update(Input::Tick);
        std::thread::sleep(Duration::from_millis(20));
    }
    for _ in 0..20 {
        app.update(Input::Tick);
        app.update(Action::Down);
    }
    assert!(
        !released.load(Ordering::SeqCst),
        "keys and ticks waited for the save"
    );
    holder.join().unwrap();
    while app.saved.saving() {
        app.update(Input::Tick);
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(app.saved.error.is_none());
    let text = std::fs::read_to_string(dir.path().join("state.json")).unwrap();
    assert!(text.contains("\"starred\": true"));
}
