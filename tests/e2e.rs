//! End-to-end: the real binary in a pseudo-terminal.

mod common;
use common::Pty;

#[test]
fn filter_read_and_quit_cleanly() {
    let mut pty = Pty::spawn(&[], 100, 30, &[]);
    pty.wait_for("5/5");
    assert!(pty.in_alternate_screen());
    pty.wait_for("Kompas TV (1)");
    pty.type_text("/vostochny");
    pty.wait_for("1/5");
    pty.wait_for("Putin Ucapkan Terima Kasih");
    pty.send("\r"); // keep the filter
    pty.send("\r"); // read the article
    pty.send("n"); // jump to the match
    pty.wait_for("Vostochny di Timur Jauh Rusia");
    pty.send("q");
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
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_warta"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--list") && stderr.contains("--json"),
        "{stderr}"
    );
}
