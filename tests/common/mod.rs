//! Running the real binary in a pseudo-terminal and reading its screen with vt100.
#![allow(dead_code)]

pub mod hostile;
pub mod screen;

/// A folder for state and config that no test shares with the user's own.
pub fn isolated_home() -> &'static std::path::Path {
    static HOME: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    HOME.get_or_init(|| tempfile::tempdir().expect("a temporary folder"))
        .path()
}

/// Runs `warta --list` with a config file holding `text`: its exit code, what it said on
/// stderr (the file's path written CONFIG), and the folder holding the file.
pub fn run_with_config(text: &str) -> (Option<i32>, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, text).unwrap();
    let out = warta()
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .arg("--config")
        .arg(&path)
        .arg("--list")
        .output()
        .unwrap();
    let stderr =
        String::from_utf8_lossy(&out.stderr).replace(&path.display().to_string(), "CONFIG");
    (out.status.code(), stderr.trim().to_string(), dir)
}

/// What `command` printed on stdout; the test fails, with what it said on stderr, unless it
/// succeeded.
pub fn stdout_of(command: &mut std::process::Command) -> Vec<u8> {
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The warta binary, with state and config kept away from the real home.
pub fn warta() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_warta"));
    let home = isolated_home();
    command
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("HOME", home);
    command
}

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// State and config folders of their own, for one test.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    pub fn state(&self) -> std::path::PathBuf {
        self.dir.path().join("state")
    }

    pub fn state_file(&self) -> std::path::PathBuf {
        self.state().join("warta/state.json")
    }

    pub fn config(&self) -> std::path::PathBuf {
        self.dir.path().join("config")
    }

    pub fn spawn(&self, args: &[&str], extra: &[(&str, &Path)]) -> Pty {
        let state = self.state();
        let config = self.config();
        let mut env = vec![
            ("XDG_STATE_HOME", state.as_path()),
            ("XDG_CONFIG_HOME", config.as_path()),
        ];
        env.extend_from_slice(extra);
        Pty::spawn(args, 100, 30, &env)
    }
}

/// How long to wait for a screen to appear before failing (generous: CI machines are slow).
const PATIENCE: Duration = Duration::from_secs(20);

/// The binary running in a pseudo-terminal.
pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    /// The thread reading the screen, and the flag that stops it.
    reader: Option<(
        std::thread::JoinHandle<()>,
        Arc<std::sync::atomic::AtomicBool>,
    )>,
    writer: Option<Box<dyn Write + Send>>,
    /// Every byte the program wrote.
    pub output: Arc<Mutex<Vec<u8>>>,
    parser: Arc<Mutex<vt100::Parser>>,
    // Kept open so the terminal stays alive while the test runs.
    master: Option<Box<dyn portable_pty::MasterPty + Send>>,
    _home: tempfile::TempDir,
}

impl Pty {
    /// Starts `program` with `args` in a `cols`×`rows` terminal (a shell that runs warta,
    /// say), with a home of its own.
    pub fn spawn_command(program: &str, args: &[&str], cols: u16, rows: u16) -> Pty {
        Pty::start(program, args, cols, rows, &[])
    }

    /// Starts warta with `args` in a `cols`×`rows` terminal, environment `env` added.
    pub fn spawn(args: &[&str], cols: u16, rows: u16, env: &[(&str, &Path)]) -> Pty {
        Pty::start(env!("CARGO_BIN_EXE_warta"), args, cols, rows, env)
    }

    fn start(program: &str, args: &[&str], cols: u16, rows: u16, env: &[(&str, &Path)]) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal opens");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.cwd(std::env::temp_dir());
        // Each run gets a home of its own unless the test passes one, so state saved by one
        // test never shows in another.
        let home = tempfile::tempdir().expect("a temporary folder");
        cmd.env("XDG_STATE_HOME", home.path().join("state"));
        cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
        cmd.env("XDG_CACHE_HOME", home.path().join("cache"));
        cmd.env("HOME", home.path());
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("warta starts");
        drop(pair.slave);
        // Read through the master's own descriptor, so that closing the master really hangs
        // the terminal up (a cloned reader would keep it open).
        let fd = pair.master.as_raw_fd().expect("a descriptor");
        let writer = pair.master.take_writer().expect("writer");
        let output = Arc::new(Mutex::new(Vec::new()));
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let reader = {
            let output = Arc::clone(&output);
            let parser = Arc::clone(&parser);
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let mut poll = libc::pollfd {
                        fd,
                        events: libc::POLLIN,
                        revents: 0,
                    };
                    // SAFETY: one valid pollfd; the descriptor outlives this thread (the
                    // master is dropped only after `stop` is set and the thread joined).
                    if unsafe { libc::poll(&mut poll, 1, 20) } <= 0 {
                        continue;
                    }
                    // SAFETY: reading into a buffer of the length given.
                    let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
                    if n <= 0 {
                        break;
                    }
                    let n = n as usize;
                    output.lock().unwrap().extend_from_slice(&buf[..n]);
                    parser.lock().unwrap().process(&buf[..n]);
                }
            })
        };
        Pty {
            child,
            reader: Some((reader, stop)),
            writer: Some(writer),
            output,
            parser,
            master: Some(pair.master),
            _home: home,
        }
    }

    /// Resizes the terminal (the program gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .as_ref()
            .expect("the terminal is open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows, cols);
    }

    /// The screen's text now.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Whether the terminal is in the alternate screen now.
    pub fn in_alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    /// Whether the cursor is hidden now.
    pub fn cursor_hidden(&self) -> bool {
        self.parser.lock().unwrap().screen().hide_cursor()
    }

    /// Waits until the screen contains `text`; panics with the screen if it never does.
    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("waited for {text:?}; the screen shows:\n{}", self.screen());
    }

    /// Types bytes, as a user at the keyboard would.
    pub fn send(&mut self, bytes: &str) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(bytes.as_bytes()).unwrap();
        writer.flush().unwrap();
        // Let each keystroke arrive on its own, as typing does.
        std::thread::sleep(Duration::from_millis(30));
    }

    /// Writes bytes all at once, as a paste does.
    pub fn send_all(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(bytes).unwrap();
        writer.flush().unwrap();
    }

    /// Closes the terminal, as closing its window does; the program gets SIGHUP.
    pub fn close_terminal(&mut self) {
        self.stop_reading();
        self.writer = None;
        self.master = None;
    }

    fn stop_reading(&mut self) {
        if let Some((thread, stop)) = self.reader.take() {
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            let _ = thread.join();
        }
    }

    /// Types text one character at a time.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.send(c.encode_utf8(&mut [0; 4]));
        }
    }

    /// Whether the program is still running.
    pub fn child_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a pid")
    }

    /// Waits for the program to exit and gives its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread take the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("warta did not exit; the screen shows:\n{}", self.screen());
    }

    /// Everything written, as text (lossy).
    pub fn output_text(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned()
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        self.stop_reading();
    }
}

/// Ticks `app` until it has nothing more to do, as the event loop does between keys (stories
/// form on a thread of their own meanwhile). A test whose app stays busy fails here, saying
/// so, instead of hanging.
pub fn settle(app: &mut warta::app::App) {
    let started = std::time::Instant::now();
    while app.busy() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "the app was still busy after a minute of ticks"
        );
        app.update(warta::app::Input::Tick);
    }
}
