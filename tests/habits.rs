//! The reader behaves as people who live in newsboat, fzf and less expect.

mod common;

use common::Pty;

#[test]
fn show_takes_a_unique_prefix_and_lists_an_ambiguous_one() {
    let shown = common::stdout_of(common::warta().args(["--show", "002"]));
    let text = String::from_utf8_lossy(&shown);
    assert!(text.contains("Putin"), "{text}");
    let out = common::warta().args(["--show", "00"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("starts 5 ids"), "{said}");
    assert!(said.contains("002_dc11ff0526b04c86"), "{said}");
}

#[test]
fn filter_on_the_command_line_opens_the_reader_with_it() {
    let mut pty = Pty::spawn(&["--filter", "vostochny"], 100, 30, &[]);
    pty.wait_for("/vostochny");
    pty.wait_for("1/5");
    pty.send("\u{3}");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_restored_filter_is_replaced_by_the_next_query_and_history_lasts() {
    let home = common::Home::new();
    let mut pty = home.spawn(&[], &[]);
    pty.wait_for("5/5");
    pty.type_text("/tribun");
    pty.send("\r");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);

    let mut pty = home.spawn(&[], &[]);
    pty.wait_for("/tribun");
    // `/` selects the restored query: typing replaces it.
    pty.type_text("/kompas");
    pty.wait_for("/kompas ");
    assert!(!pty.screen().contains("tribunkompas"), "{}", pty.screen());
    // Esc undoes the edit: the query as it was.
    pty.send("\u{1b}");
    pty.wait_for("/tribun ");
    // Up in the bar brings back a query kept in the last run.
    pty.send("/");
    pty.send("\u{15}"); // Ctrl-U: empty the bar
    pty.send("\u{1b}[A"); // Up
    pty.wait_for("/tribun ");
    pty.send("\u{3}");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn list_marks_guessed_dates() {
    let out = common::warta().arg("--list").output().unwrap();
    let listed = String::from_utf8(out.stdout).unwrap();
    let dates: Vec<&str> = listed
        .lines()
        .map(|l| l.split('\t').nth(2).unwrap())
        .collect();
    // Kompas TV's stamp is published; the others are guessed from their text.
    assert!(
        dates.iter().any(|d| d.starts_with("2024-06-20T08:50")),
        "{dates:?}"
    );
    assert!(
        dates.iter().any(|d| d.starts_with("~2024-06-")),
        "{dates:?}"
    );
}
