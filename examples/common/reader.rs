//! For the examples that measure the reader: a folder loaded as the reader loads it, and the
//! size of a folder.

use ratatui::layout::Rect;
use std::path::PathBuf;
use warta::app::{App, Input};
use warta::rules::Rules;
use warta::store::{self, LoadOptions, Sources, Store};

/// The reader with `dir` loaded as it loads a folder (bodies let go, search text and word
/// index kept), its background work done.
pub fn loaded_app(dir: &str, size: Rect) -> App {
    let options = LoadOptions {
        keep_body: false,
        keep_search: true,
        index: true,
        ..LoadOptions::default()
    };
    let mut app = App::new(Store::default(), size);
    let loader = store::spawn_loader(Sources::Paths(vec![dir.into()]), Rules::builtin(), options);
    for event in loader {
        app.update(Input::Load(event));
    }
    while app.busy() {
        app.update(Input::Tick);
    }
    app
}

/// The bytes of every file under `dir`.
pub fn folder_bytes(dir: &str) -> u64 {
    let mut total = 0;
    let mut stack = vec![PathBuf::from(dir)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(entry.path()),
                Ok(_) => total += entry.metadata().map_or(0, |m| m.len()),
                Err(_) => {}
            }
        }
    }
    total
}
