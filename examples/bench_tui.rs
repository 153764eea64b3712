//! Measures a terminal program from outside, through a pseudo-terminal, as a person would
//! feel it: time to the first frame, time until every article is loaded, how long the screen
//! takes to settle after each key of a query and after each list action, and how soon a key
//! typed while loading shows. Runs warta and fzf (on the same titles) in the same way, and
//! beside them `cat` of the corpus and `warta --list`; scripts/bench-tui.sh drives it.
//!
//!     cargo run --release --example bench_tui -- --corpus DIR --titles FILE [--runs 5] [--query putin] [--cache off|warm]
//!
//! `--cache off` (the default) runs warta with `--no-cache`: every file is parsed. `--cache
//! cold` gives every start an empty cache folder: every file is parsed and the cache written,
//! as on the first start in a folder. `--cache warm` gives warta a cache folder of its own
//! and fills it with one start of the reader and one of `--list` before measuring: the second
//! and later starts in a folder. `--cache none` passes nothing, for builds from before the
//! cache.

#[path = "common/reader.rs"]
#[allow(dead_code)]
mod reader;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use reader::{max, median, ms};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const COLS: u16 = 120;
const ROWS: u16 = 40;
/// The screen counts as settled when nothing more is written for this long.
const QUIET: Duration = Duration::from_millis(150);

/// `--no-cache` when the parse cache is not used, else nothing.
static CACHE_ARGS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();

/// How long to wait after everything is loaded before the actions and keys (`--pause MS`;
/// 300 ms unless given): the stories are still forming for a while after.
static PAUSE: std::sync::OnceLock<Duration> = std::sync::OnceLock::new();

/// With `--cache cold`, the cache folder, emptied before each start.
static COLD_CACHE: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();

/// warta's arguments for `rest`: no saved state (a filter remembered from the last run would
/// change what is measured), and the cache as asked.
fn warta_args<'a>(rest: &[&'a str]) -> Vec<&'a str> {
    if let Some(folder) = COLD_CACHE.get() {
        let _ = std::fs::remove_dir_all(folder);
    }
    let mut args = vec!["--no-state"];
    args.extend(CACHE_ARGS.get().into_iter().flatten());
    args.extend_from_slice(rest);
    args
}

struct Screen {
    parser: vt100::Parser,
    /// When the last bytes arrived.
    last_output: Instant,
}

struct Session {
    screen: Arc<Mutex<Screen>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    started: Instant,
}

impl Session {
    fn spawn(program: &str, args: &[&str]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("the program starts");
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let screen = Arc::new(Mutex::new(Screen {
            parser: vt100::Parser::new(ROWS, COLS, 0),
            last_output: started,
        }));
        let shared = Arc::clone(&screen);
        std::thread::spawn(move || {
            let _master = pair.master;
            let mut buf = vec![0u8; 1 << 16];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut screen = shared.lock().unwrap();
                screen.parser.process(&buf[..n]);
                screen.last_output = Instant::now();
            }
        });
        Session {
            screen,
            writer,
            child,
            started,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().parser.screen().contents()
    }

    /// Waits until `test` holds for the screen; the time since start when it first did.
    fn wait_until(&self, timeout: Duration, test: impl Fn(&str) -> bool) -> Option<Duration> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if test(&self.contents()) {
                return Some(self.started.elapsed());
            }
            std::thread::sleep(Duration::from_micros(500));
        }
        None
    }

    /// Types `key`; when it was sent.
    fn send(&mut self, key: &str) -> Instant {
        let sent = Instant::now();
        self.writer.write_all(key.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        sent
    }

    /// Types one key; the time until the last output it caused (nothing more for QUIET),
    /// with `expect` on the screen ("" for any change).
    fn key_settle(&mut self, key: &str, expect: &str) -> Duration {
        let sent = self.send(key);
        loop {
            std::thread::sleep(Duration::from_millis(2));
            let screen = self.screen.lock().unwrap();
            let quiet = screen.last_output.elapsed() >= QUIET;
            let shows = screen.parser.screen().contents().contains(expect);
            if quiet && shows && screen.last_output > sent {
                return screen.last_output - sent;
            }
            if sent.elapsed() > Duration::from_secs(20) {
                return sent.elapsed();
            }
        }
    }
}

impl Session {
    /// Types one key; the time until the screen shows `expect` (not waiting for quiet: while
    /// loading the screen never is).
    fn key_shown(&mut self, key: &str, expect: &str) -> Duration {
        let sent = self.send(key);
        loop {
            if self.contents().contains(expect) {
                return sent.elapsed();
            }
            if sent.elapsed() > Duration::from_secs(20) {
                return sent.elapsed();
            }
            std::thread::sleep(Duration::from_micros(200));
        }
    }
}

/// The list actions measured once everything is loaded: name and key, in order (each pair
/// leaves the list as it found it).
const ACTIONS: [(&str, &str); 14] = [
    ("move down (j)", "j"),
    ("star (s)", "s"),
    ("unstar (s)", "s"),
    ("mark read (u)", "u"),
    ("mark unread (u)", "u"),
    ("end (G)", "G"),
    ("top (g)", "g"),
    ("fold outlet (z)", "z"),
    ("unfold outlet (z)", "z"),
    ("fold all (Z)", "Z"),
    ("unfold all (Z)", "Z"),
    ("sort oldest first (S)", "S"),
    ("sort by title (S)", "S"),
    ("sort newest first (S)", "S"),
];

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

struct Run {
    first_frame: f64,
    loaded: f64,
    keys: Vec<f64>,
    /// Each of [`ACTIONS`], settled (warta only).
    actions: Vec<f64>,
    /// Each key of the query typed as soon as the first frame shows: until it shows.
    while_loading: Vec<f64>,
    /// Peak resident memory in MiB, where /proc tells it.
    peak_mib: Option<f64>,
}

/// The process's peak resident memory (VmHWM), in MiB.
fn peak_mib(pid: Option<u32>) -> Option<f64> {
    reader::status_mib(&pid?.to_string(), "VmHWM:")
}

fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn run_warta(binary: &str, corpus: &str, total: usize, query: &str) -> Run {
    let mut session = Session::spawn(binary, &warta_args(&[corpus]));
    let first_frame = session
        .wait_until(Duration::from_secs(10), |s| s.contains("q quit"))
        .expect("a first frame");
    let done = format!("{}/{}", group(total), group(total));
    let loaded = session
        .wait_until(Duration::from_secs(1800), |s| {
            s.contains(&done) && !s.contains("loading")
        })
        .expect("everything loads");
    std::thread::sleep(*PAUSE.get().unwrap_or(&Duration::from_millis(300)));
    let actions = ACTIONS
        .iter()
        .map(|(_, key)| ms(session.key_settle(key, "")))
        .collect();
    session.key_settle("/", "/");
    let mut keys = Vec::new();
    for (n, c) in query.char_indices() {
        let typed = format!("/{}", &query[..n + c.len_utf8()]);
        keys.push(ms(session.key_settle(&c.to_string(), &typed)));
    }
    let peak = peak_mib(session.child.process_id());
    drop(session);
    // Again, typing the query as soon as the first frame shows, while articles load.
    let mut session = Session::spawn(binary, &warta_args(&[corpus]));
    session
        .wait_until(Duration::from_secs(10), |s| s.contains("q quit"))
        .expect("a first frame");
    let mut while_loading = vec![ms(session.key_shown("/", "/"))];
    for (n, c) in query.char_indices() {
        let typed = format!("/{}", &query[..n + c.len_utf8()]);
        while_loading.push(ms(session.key_shown(&c.to_string(), &typed)));
    }
    Run {
        first_frame: ms(first_frame),
        loaded: ms(loaded),
        keys,
        actions,
        while_loading,
        peak_mib: peak,
    }
}

fn run_fzf(titles: &str, total: usize, query: &str) -> Run {
    let command = format!("fzf < '{titles}'");
    let mut session = Session::spawn("sh", &["-c", &command]);
    let first_frame = session
        .wait_until(Duration::from_secs(10), |s| s.contains('>'))
        .expect("a first frame");
    let done = format!("{total}/{total}");
    let loaded = session
        .wait_until(Duration::from_secs(60), |s| s.contains(&done))
        .expect("fzf reads all");
    std::thread::sleep(Duration::from_millis(300));
    let mut keys = Vec::new();
    for (n, c) in query.char_indices() {
        let typed = format!("> {}", &query[..n + c.len_utf8()]);
        keys.push(ms(session.key_settle(&c.to_string(), &typed)));
    }
    Run {
        first_frame: ms(first_frame),
        loaded: ms(loaded),
        keys,
        actions: Vec::new(),
        while_loading: Vec::new(),
        peak_mib: None,
    }
}

fn report(name: &str, runs: &[Run], query: &str) {
    let first = median(runs.iter().map(|r| r.first_frame));
    let loaded = median(runs.iter().map(|r| r.loaded));
    println!(
        "{name}: first frame {first:.1} ms, all loaded {loaded:.0} ms (medians of {} runs)",
        runs.len()
    );
    for (n, c) in query.chars().enumerate() {
        let key = median(runs.iter().map(|r| r.keys[n]));
        let slowest = runs.iter().map(|r| r.keys[n]).fold(0.0, f64::max);
        println!("  key {c:?}: settled in {key:.1} ms (slowest {slowest:.1} ms)");
    }
    let worst = runs
        .iter()
        .flat_map(|r| r.keys.iter().copied())
        .fold(0.0, f64::max);
    println!("  slowest key over all runs: {worst:.1} ms");
    for (n, (action, _)) in ACTIONS.iter().enumerate() {
        if runs.iter().all(|r| r.actions.len() > n) {
            let each: Vec<f64> = runs.iter().map(|r| r.actions[n]).collect();
            let slowest = each.iter().copied().fold(0.0, f64::max);
            let runs: Vec<String> = each.iter().map(|ms| format!("{ms:.1}")).collect();
            println!(
                "  {action:>22}: settled in {:.1} ms (slowest {slowest:.1} ms; runs {})",
                median(each.iter().copied()),
                runs.join(", ")
            );
        }
    }
    let loading: Vec<f64> = runs
        .iter()
        .flat_map(|r| r.while_loading.iter().copied())
        .collect();
    if !loading.is_empty() {
        println!(
            "  typing while loading, key until shown: median {:.1} ms, slowest {:.1} ms",
            median(loading.iter().copied()),
            max(loading)
        );
    }
    let peaks: Vec<f64> = runs.iter().filter_map(|r| r.peak_mib).collect();
    if !peaks.is_empty() {
        println!("  peak memory: {:.0} MiB", median(peaks));
    }
}

/// Runs a command to its end: seconds taken and peak resident memory in MiB.
// The child is reaped by wait4, which std does not know of (it gives the child's rusage).
#[allow(clippy::zombie_processes)]
fn timed(program: &str, args: &[&str]) -> (f64, f64) {
    let started = Instant::now();
    let child = std::process::Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("the command starts");
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 fills it in for this child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is this process's child, waited for once; the pointers are valid.
    unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    (
        started.elapsed().as_secs_f64(),
        usage.ru_maxrss as f64 / 1024.0,
    )
}

/// `cat` of every file and `warta --list`, side by side; medians of `runs` runs.
fn disk(binary: &str, corpus: &str, runs: usize, bytes: u64) -> f64 {
    let cat = format!("find '{corpus}' -type f -print0 | xargs -0 cat > /dev/null");
    let mut cats = Vec::new();
    let mut lists = Vec::new();
    let mut list_peaks = Vec::new();
    for _ in 0..runs {
        // The page cache is to be warm, as the issue measures it; this machine's is emptied
        // behind the benchmark's back now and then, so each timed `cat` has one just before.
        timed("sh", &["-c", &cat]);
        cats.push(timed("sh", &["-c", &cat]).0);
        let (secs, peak) = timed(binary, &warta_args(&["--list", corpus]));
        lists.push(secs);
        list_peaks.push(peak);
    }
    let (cat, list, peak) = (median(cats), median(lists), median(list_peaks));
    println!(
        "cat: {cat:.2} s; warta --list: {list:.2} s = {:.2} x cat, peak {peak:.0} MiB = {:.2} x corpus (medians of {runs})",
        list / cat,
        peak * 1048576.0 / bytes as f64
    );
    cat
}

/// A folder deleted when the benchmark ends.
struct RemoveOnDrop(std::path::PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn main() {
    let mut corpus = String::new();
    let mut titles = String::new();
    let mut runs = 5;
    let mut query = "putin".to_string();
    let mut binary = "target/release/warta".to_string();
    let mut cache = "off".to_string();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().expect("every option takes a value");
        match arg.as_str() {
            "--corpus" => corpus = value,
            "--titles" => titles = value,
            "--runs" => runs = value.parse().expect("--runs N"),
            "--query" => query = value,
            "--warta" => binary = value,
            "--cache" => cache = value,
            "--pause" => {
                let ms = value.parse().expect("--pause MS");
                PAUSE.get_or_init(|| Duration::from_millis(ms));
            }
            other => panic!("unknown option {other}"),
        }
    }
    let total = std::fs::read_to_string(&titles)
        .expect("the titles file")
        .lines()
        .count();
    println!(
        "{total} articles, {COLS}x{ROWS} terminal, query {query:?}; settle = last output after the key, {}ms quiet",
        QUIET.as_millis()
    );
    let bytes = reader::folder_bytes(&corpus);
    let _cache_folder = match cache.as_str() {
        "off" => {
            CACHE_ARGS.get_or_init(|| vec!["--no-cache"]);
            println!("parse cache: off (every file parsed, as on a first start)");
            None
        }
        "none" => {
            CACHE_ARGS.get_or_init(Vec::new);
            println!("parse cache: none (a build without one)");
            None
        }
        "cold" => {
            let folder =
                std::env::temp_dir().join(format!("bench_tui_cache.{}", std::process::id()));
            // SAFETY: no other thread runs yet; the children inherit the variable.
            unsafe { std::env::set_var("XDG_CACHE_HOME", &folder) };
            CACHE_ARGS.get_or_init(Vec::new);
            COLD_CACHE.get_or_init(|| folder.clone());
            println!("parse cache: cold (emptied before each start, which parses and writes it)");
            Some(RemoveOnDrop(folder))
        }
        "warm" => {
            let folder =
                std::env::temp_dir().join(format!("bench_tui_cache.{}", std::process::id()));
            // SAFETY: no other thread runs yet; the children inherit the variable.
            unsafe { std::env::set_var("XDG_CACHE_HOME", &folder) };
            CACHE_ARGS.get_or_init(Vec::new);
            timed(&binary, &warta_args(&["--list", &corpus]));
            let session = Session::spawn(&binary, &warta_args(&[&corpus]));
            let done = format!("{}/{}", group(total), group(total));
            session
                .wait_until(Duration::from_secs(1800), |s| {
                    s.contains(&done) && !s.contains("loading")
                })
                .expect("everything loads");
            // The cache is written after everything shows: wait for it before stopping warta.
            let written = |folder: &std::path::Path| {
                let names: Vec<String> = std::fs::read_dir(folder.join("warta"))
                    .into_iter()
                    .flatten()
                    .filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect();
                names.iter().filter(|n| n.ends_with(".parsed")).count() >= 2
                    && !names.iter().any(|n| n.ends_with(".tmp"))
            };
            let waiting = Instant::now();
            while !written(&folder) && waiting.elapsed() < Duration::from_secs(600) {
                std::thread::sleep(Duration::from_millis(50));
            }
            drop(session);
            println!("parse cache: warm (filled by one start of the reader and one of --list)");
            Some(RemoveOnDrop(folder))
        }
        other => panic!("--cache off|cold|warm|none, not {other}"),
    };
    println!(
        "corpus: {bytes} bytes ({:.0} MiB)",
        bytes as f64 / 1048576.0
    );
    let cat = disk(&binary, &corpus, runs, bytes);
    let warta: Vec<Run> = (0..runs)
        .map(|_| run_warta(&binary, &corpus, total, &query))
        .collect();
    report("warta", &warta, &query);
    let loaded = median(warta.iter().map(|r| r.loaded)) / 1000.0;
    let peak = median(warta.iter().filter_map(|r| r.peak_mib));
    println!(
        "warta: all loaded = {:.2} x cat; reader's peak memory = {:.2} x corpus",
        loaded / cat,
        peak * 1048576.0 / bytes as f64
    );
    let fzf: Vec<Run> = (0..runs).map(|_| run_fzf(&titles, total, &query)).collect();
    report("fzf", &fzf, &query);
}
