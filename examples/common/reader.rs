//! For the examples that measure the reader: a folder loaded as the reader loads it, its
//! files and their size, a screen in memory to time inputs until their last frame, and
//! milliseconds, medians and maxima.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use warta::app::{App, Input};
use warta::rules::Rules;
use warta::store::{self, LoadOptions, Sources, Store};
use warta::ui::theme::Theme;

/// The reader with `dir` loaded as it loads a folder (bodies let go, search text and word
/// index kept), its background work done; the parse cache off.
pub fn loaded_app(dir: &str, size: Rect) -> App {
    loaded_app_with_cache(dir, size, false)
}

/// [`loaded_app`], with the parse cache (in `$XDG_CACHE_HOME`) on when `cache` says so.
pub fn loaded_app_with_cache(dir: &str, size: Rect, cache: bool) -> App {
    let options = LoadOptions {
        keep_body: false,
        keep_search: true,
        index: true,
        cache,
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

/// Every file under `dir`, sorted by path.
pub fn files_under(dir: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![PathBuf::from(dir)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(entry.path()),
                Ok(_) => files.push(entry.path()),
                Err(_) => {}
            }
        }
    }
    files.sort();
    files
}

/// The bytes of every file under `dir`.
pub fn folder_bytes(dir: &str) -> u64 {
    files_under(dir)
        .iter()
        .filter_map(|path| path.metadata().ok())
        .map(|m| m.len())
        .sum()
}

/// A terminal in memory that the reader is drawn into, as the event loop draws it.
pub struct Screen {
    terminal: Terminal<TestBackend>,
    theme: Theme,
}

impl Screen {
    pub fn new(cols: u16, rows: u16) -> Screen {
        Screen {
            terminal: Terminal::new(TestBackend::new(cols, rows)).expect("a test terminal"),
            theme: Theme::default(),
        }
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.terminal.backend_mut().resize(cols, rows);
        let _ = self.terminal.resize(Rect::new(0, 0, cols, rows));
    }

    pub fn draw(&mut self, app: &App) {
        let theme = &self.theme;
        self.terminal
            .draw(|frame| warta::ui::draw(frame, app, theme))
            .expect("drawing");
    }
}

/// Applies `inputs` as the event loop would, then its work between frames until nothing more
/// changes, drawing whenever the loop would; the milliseconds from the first input to the
/// last frame they caused.
pub fn settle(app: &mut App, screen: &mut Screen, inputs: impl IntoIterator<Item = Input>) -> f64 {
    settle_timed(app, screen, inputs).0
}

/// [`settle`], and the longest the loop was busy with one tick of work afterwards: how long
/// a key typed then could have waited.
pub fn settle_timed(
    app: &mut App,
    screen: &mut Screen,
    inputs: impl IntoIterator<Item = Input>,
) -> (f64, f64) {
    let start = Instant::now();
    let mut last_frame = start;
    for input in inputs {
        if let Input::Resize(cols, rows) = input {
            screen.resize(cols, rows);
        }
        if app.update(input).redraw {
            screen.draw(app);
            last_frame = Instant::now();
        }
    }
    let mut longest_tick = Duration::ZERO;
    while app.busy() {
        let tick = Instant::now();
        if app.update(Input::Tick).redraw {
            screen.draw(app);
            last_frame = Instant::now();
        }
        longest_tick = longest_tick.max(tick.elapsed());
    }
    (ms(last_frame - start), ms(longest_tick))
}

/// A line of a process's `/proc/<process>/status` ("VmHWM:", "VmRSS:"; `process` is "self"
/// or a pid), in MiB; `None` where there is none.
pub fn status_mib(process: &str, key: &str) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{process}/status")).ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix(key))?;
    let kib: f64 = line.split_whitespace().next()?.parse().ok()?;
    Some(kib / 1024.0)
}

/// A duration in milliseconds.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The middle value (the upper of the two middle ones for an even count); NaN for none.
pub fn median(values: impl IntoIterator<Item = f64>) -> f64 {
    let mut sorted: Vec<f64> = values.into_iter().collect();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The largest value; 0 for none.
pub fn max(values: impl IntoIterator<Item = f64>) -> f64 {
    values.into_iter().fold(0.0, f64::max)
}
