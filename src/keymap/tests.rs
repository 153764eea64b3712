//! The keymap: contexts, overlays, names, checks and the help.
use super::*;
use crossterm::event::KeyEventKind;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

#[test]
fn focused_context_wins() {
    let map = Keymap::default();
    assert_eq!(
        map.action(Context::List, &key(KeyCode::Char('j'))),
        Some(Action::Down)
    );
    assert_eq!(
        map.action(Context::Reader, &key(KeyCode::Char(' '))),
        Some(Action::PageDown)
    );
    assert_eq!(
        map.action(Context::List, &key(KeyCode::Char('q'))),
        Some(Action::Quit)
    );
    assert_eq!(
        map.action(Context::Reader, &key(KeyCode::Esc)),
        Some(Action::Back)
    );
    assert_eq!(map.action(Context::List, &key(KeyCode::Char('x'))), None);
}

#[test]
fn filter_bar_types_letters_but_ctrl_c_quits() {
    let map = Keymap::default();
    assert_eq!(
        map.action(Context::Filter, &key(KeyCode::Char('q'))),
        Some(Action::FilterChar('q'))
    );
    assert_eq!(
        map.action(Context::Filter, &key(KeyCode::Char('/'))),
        Some(Action::FilterChar('/'))
    );
    assert_eq!(map.action(Context::Filter, &ctrl('c')), Some(Action::Quit));
    assert_eq!(
        map.action(Context::Filter, &ctrl('w')),
        Some(Action::FilterDeleteWord)
    );
    assert_eq!(
        map.action(Context::Filter, &ctrl('u')),
        Some(Action::FilterClear)
    );
    let mut shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
    shifted.kind = KeyEventKind::Press;
    assert_eq!(map.action(Context::List, &shifted), Some(Action::Bottom));
}

#[test]
fn windows_scroll_with_their_own_keys_and_any_other_key_closes() {
    let mut map = Keymap::default();
    let overlay = |map: &Keymap, code| map.action(Context::Overlay, &key(code));
    assert_eq!(overlay(&map, KeyCode::Char('j')), Some(Action::Down));
    assert_eq!(overlay(&map, KeyCode::Up), Some(Action::Up));
    assert_eq!(overlay(&map, KeyCode::Char('q')), Some(Action::Back));
    assert_eq!(overlay(&map, KeyCode::Char('x')), Some(Action::Back));
    assert_eq!(map.action(Context::Overlay, &ctrl('c')), Some(Action::Quit));
    // The overlay's keys are the keymap's: rebinding "down" moves them too.
    map.rebind(Action::Down, &[Key::ch('x')]);
    assert_eq!(overlay(&map, KeyCode::Char('x')), Some(Action::Down));
    assert_eq!(overlay(&map, KeyCode::Char('j')), Some(Action::Back));
    assert!(
        map.help(Context::Overlay)
            .contains(&("x".to_string(), "scroll down"))
    );
}

#[test]
fn the_default_keymap_passes_its_own_check() {
    assert_eq!(Keymap::default().check(), Ok(()));
    let mut map = Keymap::default();
    map.rebind(Action::Quit, &[]);
    assert_eq!(map.check().unwrap_err().0, [Action::Quit]);
    let mut map = Keymap::default();
    map.rebind(Action::Quit, &[Key::ch('j')]);
    let (actions, message) = map.check().unwrap_err();
    assert!(
        message.contains("j is bound to both quit and down"),
        "{message}"
    );
    assert_eq!(actions, [Action::Quit, Action::Down]);
    let mut map = Keymap::default();
    map.rebind(Action::ToggleStar, &[Key::ch('j')]);
    let (actions, _) = map.check().unwrap_err();
    assert_eq!(actions, [Action::ToggleStar, Action::Down]);
    let mut map = Keymap::default();
    map.rebind(Action::ToggleStar, &[Key::ctrl('c')]);
    assert_eq!(map.check().unwrap_err().0, [Action::ToggleStar]);
    let mut map = Keymap::default();
    map.rebind(Action::Quit, &[Key::ctrl('c')]);
    assert!(
        map.check().is_err(),
        "Ctrl-C alone is no quit key of the config's"
    );
}

#[test]
fn action_names_come_from_the_enum() {
    assert_eq!(Action::named("toggle_star"), Some(Action::ToggleStar));
    assert_eq!(Action::named("copy"), Some(Action::Copy));
    assert_eq!(Action::named("filter_char"), None);
    let names: Vec<&str> = Action::NAMED.iter().map(|(n, _)| *n).collect();
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "each name once");
}

#[test]
fn help_lists_every_binding() {
    let map = Keymap::default();
    let list = map.help(Context::List);
    assert!(list.contains(&("j ↓".to_string(), "next article")));
    assert!(map.help(Context::Filter).iter().any(|(k, _)| k == "Ctrl-W"));
    let total: usize = Context::ALL.iter().map(|c| map.help(*c).len()).sum();
    assert_eq!(total, map.bindings.len());
}
