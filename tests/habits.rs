//! The reader behaves as people who live in newsboat, fzf and less expect.

mod common;

use common::Pty;

#[test]
fn show_takes_a_unique_prefix_and_lists_an_ambiguous_one() {
    let out = common::warta().args(["--show", "002"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
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
