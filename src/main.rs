use clap::{CommandFactory, Parser};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use warta::app::{App, Settings};
use warta::article::sanitise::sanitise;
use warta::config::{self, Config};
use warta::filter::{FlagSource, Matcher, NoFlags, Query, RankKey};
use warta::rules::Rules;
use warta::state::{self, StateFile};
use warta::store::{self, LoadOptions, ReadAgain, Sources, Store};
use warta::stories;
use warta::tui::{Ended, run};
use warta::ui::theme::Theme;

/// A keyboard-driven terminal reader for news articles kept as plain-text files.
///
/// With no PATH, warta opens the folders in its config file, or the five bundled seed articles.
#[derive(Debug, Parser)]
#[command(name = "warta", version, about)]
struct Cli {
    /// Files or folders of articles (folders are walked recursively).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Print one article per line: id, outlet, date, title (tab-separated), newest first.
    #[arg(long, conflicts_with_all = ["json", "show"])]
    list: bool,

    /// Print all articles as a JSON array.
    #[arg(long, conflicts_with = "show")]
    json: bool,

    /// Print the stories: the articles of several outlets that report one event. One line
    /// each (id, articles, outlets, date span, label), or with --json an array of stories.
    #[arg(long, conflicts_with_all = ["show", "list"])]
    stories: bool,

    /// Print one article, cleaned and wrapped to the terminal's width (80 when not a terminal).
    #[arg(long, value_name = "ID")]
    show: Option<String>,

    /// With --show: print the file's original bytes instead.
    #[arg(long, requires = "show")]
    raw: bool,

    /// Keep only articles matching this query (in the reader, it opens with it typed; with
    /// --list or --json, only those print); is:read, is:unread and is:starred ask the saved
    /// state.
    #[arg(long, value_name = "QUERY")]
    filter: Option<String>,

    /// Skip files larger than this many bytes (suffixes K, M, G allowed; default 64M).
    #[arg(long, value_name = "SIZE", value_parser = store::parse_size)]
    max_file_size: Option<u64>,

    /// Read this config file instead of ~/.config/warta/config.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,

    /// Print the default config file, every option commented, and exit.
    #[arg(long)]
    print_default_config: bool,

    /// Neither read nor write saved state (read articles, stars, positions).
    #[arg(long)]
    no_state: bool,

    /// Parse every file again: neither read nor write the parse cache
    /// (~/.cache/warta/*.parsed, which makes the next start of the same folders fast).
    #[arg(long)]
    no_cache: bool,

    /// Do not use the mouse.
    #[arg(long)]
    no_mouse: bool,

    /// Print shell completions for SHELL (bash, zsh, fish, elvish, powershell) and exit.
    #[arg(long, value_name = "SHELL")]
    completions: Option<clap_complete::Shell>,

    /// Print the manual page (roff) and exit.
    #[arg(long)]
    man: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.print_default_config {
        return print_out(config::DEFAULT_CONFIG.as_bytes());
    }
    if let Some(shell) = cli.completions {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "warta", &mut script);
        return print_out(&script);
    }
    if cli.man {
        let mut page = Vec::new();
        return match clap_mangen::Man::new(Cli::command()).render(&mut page) {
            Ok(()) => print_out(&page),
            Err(e) => {
                eprintln!("warta: {e}");
                ExitCode::from(1)
            }
        };
    }
    // The config is checked before anything is drawn, read or written.
    let config = match &cli.config {
        Some(path) => Config::load(path, true),
        None => config::default_path()
            .map_or_else(|| Ok(Config::default()), |p| Config::load(&p, false)),
    };
    let config = match config {
        Ok(config) => config,
        Err(e) => {
            eprintln!("warta: {e}");
            return ExitCode::from(2);
        }
    };
    let rules: &'static Rules = match &config.rules {
        // Rules live as long as the program.
        Some(extra) => match Rules::with_extra(extra.clone(), "config") {
            Ok(rules) => Box::leak(Box::new(rules)),
            Err(e) => {
                eprintln!("warta: {e}");
                return ExitCode::from(2);
            }
        },
        None => Rules::builtin(),
    };
    let sources = if !cli.paths.is_empty() {
        Sources::Paths(cli.paths.clone())
    } else if !config.folders.is_empty() {
        Sources::Paths(config.folders.clone())
    } else {
        Sources::Seeds
    };
    if let Err(e) = store::check_paths(&sources) {
        eprintln!("warta: {e}");
        return ExitCode::from(2);
    }
    let reader_mode = !(cli.list || cli.json || cli.stories || cli.show.is_some());
    let options = LoadOptions {
        max_file_size: cli
            .max_file_size
            .or(config.max_file_size)
            .unwrap_or(store::DEFAULT_MAX_FILE_SIZE),
        // Only --json prints every body; the rest read a body again when they show it.
        keep_body: cli.json && !cli.stories,
        // Story terms are read with the search text.
        keep_search: cli.filter.is_some() || reader_mode || cli.stories,
        index: reader_mode,
        // A listing prints each article's headline, outlet and date alone.
        listed_only: cli.list
            && !(cli.json || cli.stories || cli.show.is_some() || cli.filter.is_some()),
        background: reader_mode,
        cache: !cli.no_cache,
        // Articles parsed under other rules are not taken from the cache.
        cache_salt: config.rules.as_ref().map_or(0, |rules| {
            xxhash_rust::xxh3::xxh3_64(format!("{rules:?}").as_bytes())
        }),
    };
    let state_file = if cli.no_state {
        None
    } else {
        state::default_dir().map(StateFile::new)
    };
    if reader_mode {
        let filter = cli.filter.clone();
        return reader(
            sources,
            rules,
            options,
            config,
            state_file,
            filter,
            !cli.no_mouse,
        );
    }
    let store = store::load_all(&sources, rules, options);
    for skipped in &store.skipped {
        eprintln!("warta: {}", sanitise(&skipped.to_string()));
    }
    if store.articles.is_empty() {
        eprintln!("warta: no article could be loaded");
        return ExitCode::from(1);
    }
    let result = if let Some(id) = &cli.show {
        show(&store, rules, id, cli.raw)
    } else {
        let saved = match (&state_file, &cli.filter) {
            (Some(file), Some(_)) => {
                let loaded = file.load();
                if let Some(warning) = loaded.warning {
                    eprintln!("warta: {}", sanitise(&warning));
                }
                Some(loaded.state)
            }
            _ => None,
        };
        let flags: &dyn FlagSource = match &saved {
            Some(state) => state,
            None => &NoFlags,
        };
        let order = ordered(&store, cli.filter.as_deref(), flags);
        if cli.stories {
            print_stories(&store, &order, cli.json, options.cache)
        } else if cli.json {
            print_json(&store, &order)
        } else {
            print_list(&store, &order)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("warta: {e}");
            ExitCode::from(1)
        }
    }
}

/// Writes `bytes` to standard output. A reader that went away (a closed pipe) is not an
/// error: like `--list`, warta stops quietly.
fn print_out(bytes: &[u8]) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("warta: {e}");
            ExitCode::from(1)
        }
    }
}

/// Articles newest first, or ranked by the filter when one is given. Equally ranked matches
/// go by path, not by the order the loader's threads happened to finish them in, so the same
/// folder prints the same every time.
fn ordered(store: &Store, filter: Option<&str>, flags: &dyn FlagSource) -> Vec<usize> {
    match filter.map(Query::parse).filter(|q| !q.is_empty()) {
        None => store.by_date().to_vec(),
        Some(query) => {
            let dates = store.heads.date_keys();
            let mut hits: Vec<(u128, usize)> = Matcher::default()
                .filter(&query, store, flags)
                .iter()
                .map(|hit| (RankKey::new(hit, dates).tier(), hit.index))
                .collect();
            hits.sort_by(|(a, i), (b, j)| {
                a.cmp(b)
                    .then_with(|| store.articles[*i].path.cmp(&store.articles[*j].path))
            });
            hits.into_iter().map(|(_, index)| index).collect()
        }
    }
}

fn print_list(store: &Store, order: &[usize]) -> std::io::Result<ExitCode> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for &i in order {
        let a = &store.articles[i];
        // "~" marks a date guessed from the text rather than published with it.
        let guessed = if a.date_inferred { "~" } else { "" };
        let date = a.date.map(|d| format!("{guessed}{d}")).unwrap_or_default();
        let field = |s: &str| sanitise(s).replace(['\t', '\n'], " ");
        writeln!(
            out,
            "{}\t{}\t{}\t{}",
            field(&a.id),
            field(a.outlet_name()),
            date,
            field(&a.title)
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn print_json(store: &Store, order: &[usize]) -> std::io::Result<ExitCode> {
    let articles: Vec<_> = order.iter().map(|&i| &store.articles[i]).collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, &articles)?;
    writeln!(out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `--stories`: the stories with an article in `order` (all, or the filter's hits).
fn print_stories(
    store: &Store,
    order: &[usize],
    json: bool,
    cache: bool,
) -> std::io::Result<ExitCode> {
    let cache_folder = cache.then(store::cache::folder).flatten();
    let grouped = stories::Stories::build_with(
        &store.articles,
        &|i| !store.is_retired(i),
        store.by_date(),
        |docs| store::cache::stories::group(cache_folder.as_deref(), docs),
    );
    let shown: std::collections::HashSet<usize> = order.iter().copied().collect();
    let summaries = stories::summaries(&grouped, &store.articles, &|i| shown.contains(&i));
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let day = |d: warta::article::ArticleDate| d.day_string();
    if json {
        let value: Vec<serde_json::Value> = summaries
            .iter()
            .map(|s| {
                let articles: Vec<serde_json::Value> = s
                    .members
                    .iter()
                    .map(|&i| {
                        let a = &store.articles[i];
                        serde_json::json!({
                            "id": a.id,
                            "path": a.path.to_string_lossy(),
                            "outlet": a.outlet.as_deref(),
                            "title": a.title,
                            "date": a.date.map(|d| d.to_string()),
                        })
                    })
                    .collect();
                serde_json::json!({"id": s.id, "label": s.label, "articles": articles})
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &value)?;
        writeln!(out)?;
    } else {
        let field = |s: &str| sanitise(s).replace(['\t', '\n'], " ");
        for s in &summaries {
            let span = match s.span {
                Some((first, last)) if first.day_string() == last.day_string() => day(first),
                Some((first, last)) => format!("{}..{}", day(first), day(last)),
                None => String::new(),
            };
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}",
                s.id,
                s.members.len(),
                field(&s.outlets.join(", ")),
                span,
                field(&s.label)
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn show(store: &Store, rules: &Rules, id: &str, raw: bool) -> std::io::Result<ExitCode> {
    // The whole id, or a prefix of just one.
    let article = match store.find(id) {
        Some(article) => article,
        None => {
            let candidates: Vec<&str> = store
                .articles
                .iter()
                .filter(|a| a.id.starts_with(id))
                .map(|a| a.id.as_str())
                .collect();
            match candidates[..] {
                [one] => store.find(one).expect("the candidate is in the store"),
                [] => {
                    eprintln!(
                        "warta: no article with id {:?}; `warta --list` shows the ids",
                        sanitise(id)
                    );
                    return Ok(ExitCode::from(1));
                }
                _ => {
                    eprintln!(
                        "warta: {:?} starts {} ids; give more of it:",
                        sanitise(id),
                        candidates.len()
                    );
                    for candidate in candidates {
                        eprintln!("  {}", sanitise(candidate));
                    }
                    return Ok(ExitCode::from(2));
                }
            }
        }
    };
    let mut out = std::io::stdout().lock();
    if raw {
        let bytes = article.raw_bytes()?;
        if std::io::stdout().is_terminal() {
            // On a terminal the file's control characters would act: show them instead.
            let text = warta::article::decode::decode(&bytes).text;
            for line in text.split('\n') {
                writeln!(out, "{}", sanitise(line.strip_suffix('\r').unwrap_or(line)))?;
            }
        } else {
            out.write_all(&bytes)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let width = if std::io::stdout().is_terminal() {
        crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w).clamp(20, 100))
    } else {
        80
    };
    let article = article.full(rules)?;
    out.write_all(warta::article::render::plain_text(&article, width).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The interactive reader: checks the terminal first, then loads in the background while the
/// first frame is already up.
fn reader(
    sources: Sources,
    rules: &'static Rules,
    options: LoadOptions,
    config: Config,
    state_file: Option<StateFile>,
    filter: Option<String>,
    mouse: bool,
) -> ExitCode {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!(
            "warta: the reader needs a terminal; for scripts use --list, --json or --show ID"
        );
        return ExitCode::from(2);
    }
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        eprintln!(
            "warta: TERM=dumb cannot show the reader; use a full terminal, or --list, --json or --show ID"
        );
        return ExitCode::from(2);
    }
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let settings = Settings {
        keymap: config.keymap.clone(),
        measure: config.measure,
        rules,
        max_file_size: options.max_file_size,
        cache_stories: options.cache,
    };
    let mut app = App::with_settings(
        Store::default(),
        ratatui::layout::Rect::new(0, 0, size.0, size.1),
        settings,
    );
    let theme = config.theme(Theme::no_color());
    app.restore_state(state_file);
    if let Some(filter) = filter {
        // Like `fzf --query`: the reader opens with this query (over a remembered one).
        app.search.bar.text = filter;
        app.search.bar.cursor = app.search.bar.text.chars().count();
        app.refilter();
    }
    let loader = store::spawn_loader(sources, rules, options);
    let ended = run(&mut app, &theme, Some(loader), mouse && config.mouse);
    if let Some(report) = app.saved.unsaved_report() {
        eprintln!("warta: {}", sanitise(&report));
        if matches!(ended, Ok(Ended::Quit)) {
            return ExitCode::from(1);
        }
    }
    match ended {
        Ok(Ended::Quit) => ExitCode::SUCCESS,
        Ok(Ended::Signal(sig)) => ExitCode::from(128u8.saturating_add(sig as u8)),
        Err(e) => {
            eprintln!("warta: the terminal failed: {e}");
            ExitCode::from(1)
        }
    }
}
