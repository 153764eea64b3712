//! Config files: what a good one changes, and the exact message each bad one gives (exit
//! status 2, nothing drawn or written).

mod common;

use std::path::Path;

#[test]
fn bad_config_files_and_their_messages() {
    let table = [
        (
            "measure = \n",
            "warta: CONFIG:1:11: string values must be quoted, expected literal string",
        ),
        (
            "measur = 70\n",
            "warta: CONFIG:1:1: unknown field `measur`, expected one of `measure`, `folders`, `max_file_size`, `mouse`, `keys`, `colours`, `rules`",
        ),
        (
            "\n[keys]\nleap = [\"x\"]\n",
            "warta: CONFIG:3:1: unknown action \"leap\" in [keys]; expected one of: quit, up, down, page_up, page_down, top, bottom, open, back, switch_focus, toggle_fold, focus_filter, filter_accept, filter_cancel, filter_backspace, filter_delete_word, filter_clear, filter_left, filter_right, next_match, prev_match, toggle_raw, toggle_help, toggle_warnings, toggle_read, toggle_star, open_pager, copy, next_article, prev_article, next_unread, filter_home, filter_end, history_prev, history_next, filter_restore, list_narrower, list_wider, mark_outlet_read, mark_shown_read, fold_all, cycle_sort, confirm, cycle_view, compare",
        ),
        (
            "[keys]\nquit = [\"hyper-q\"]\n",
            "warta: CONFIG:2:1: quit: \"hyper-q\" is not a key; expected a character, ctrl-X, enter, esc, tab, shift-tab, backspace, space, up, down, left, right, pageup, pagedown, home, end or f1…f12",
        ),
        (
            "[colours]\ntitle = \"chartreuse\"\n",
            "warta: CONFIG:2:1: title: \"chartreuse\" is not a colour; expected a name (red, lightblue, …), a number 0-255 or #rrggbb",
        ),
        (
            "[colours]\nheadline = \"red\"\n",
            "warta: CONFIG:2:1: unknown element \"headline\" in [colours]; expected one of: title, meta, lead, body, dim, header, selected, selected_unfocused, border, border_focused, matched, bar, notice, unread, star",
        ),
        (
            "measure = 5\n",
            "warta: CONFIG:1:1: measure = 5: expected a width from 20 to 400 columns",
        ),
        (
            "max_file_size = \"lots\"\n",
            "warta: CONFIG:1:1: max_file_size: \"lots\" is not a size; write a number of bytes, or with K, M or G",
        ),
    ];
    for (text, expected) in table {
        let (code, stderr, dir) = common::run_with_config(text);
        assert_eq!(code, Some(2), "{text:?}: {stderr}");
        assert_eq!(stderr, expected, "{text:?}");
        assert!(
            !dir.path().join("state").exists(),
            "nothing written for {text:?}"
        );
    }
}

#[test]
fn a_missing_config_named_with_config_is_an_error() {
    let out = common::warta()
        .args(["--config", "/no/such/config.toml", "--list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("warta: /no/such/config.toml:1:1: cannot be read"),
        "{stderr}"
    );
}

#[test]
fn the_default_config_prints_and_loads() {
    let out = common::warta()
        .arg("--print-default-config")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("# measure = 80"));
    let (code, stderr, _dir) = common::run_with_config(&text);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn config_rules_and_folders_apply() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    std::fs::create_dir(&news).unwrap();
    std::fs::write(
        news.join("a.txt"),
        "HARIANKITA.COM, BANDUNG - Isi berita pertama di sini.\nDapatkan promo sekarang juga\n",
    )
    .unwrap();
    let config = format!(
        "folders = [\"{}\"]\n[[rules.outlet]]\nname = \"Harian Kita\"\nnames = [\"hariankita.com\"]\n[[rules.boilerplate]]\nrule = \"promo\"\npattern = '(?i)^dapatkan promo'\n",
        news.display()
    );
    let path = dir.path().join("config.toml");
    std::fs::write(&path, config).unwrap();
    let printed = common::stdout_of(common::warta().arg("--config").arg(&path).arg("--json"));
    let articles: serde_json::Value = serde_json::from_slice(&printed).unwrap();
    assert_eq!(articles[0]["outlet"], "Harian Kita");
    assert_eq!(articles[0]["removed"][1]["rule"], "promo");
    assert!(Path::new(&news).exists());
}

#[test]
fn completions_and_man_page() {
    let out = common::warta()
        .args(["--completions", "bash"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("--no-state"));
    let out = common::warta().arg("--man").output().unwrap();
    assert!(out.status.success());
    let man = String::from_utf8_lossy(&out.stdout);
    assert!(
        man.contains(".TH warta") && man.contains("print\\-default\\-config"),
        "{man}"
    );
}
