use clap::Parser;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use warta::app::App;
use warta::app::run::{Ended, run};
use warta::article::sanitise::sanitise;
use warta::filter::{Matcher, NoFlags, Query};
use warta::rules::Rules;
use warta::store::{self, LoadOptions, Sources, Store};
use warta::ui::theme::Theme;

/// A keyboard-driven terminal reader for news articles kept as plain-text files.
///
/// With no PATH, warta opens the five bundled seed articles.
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

    /// Print one article, cleaned and wrapped to the terminal's width (80 when not a terminal).
    #[arg(long, value_name = "ID")]
    show: Option<String>,

    /// With --show: print the file's original bytes instead.
    #[arg(long, requires = "show")]
    raw: bool,

    /// Keep only articles matching this query (with --list or --json).
    #[arg(long, value_name = "QUERY")]
    filter: Option<String>,

    /// Skip files larger than this many bytes (suffixes K, M, G allowed).
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "64M")]
    max_file_size: u64,
}

fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, unit) = match text.find(|c: char| !c.is_ascii_digit()) {
        Some(at) => text.split_at(at),
        None => (text, ""),
    };
    let number: u64 = digits.parse().map_err(|_| {
        format!("{text:?} is not a size; write a number of bytes, or with K, M or G")
    })?;
    let factor = match unit.to_ascii_uppercase().trim_end_matches(['B', 'I']) {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        _ => return Err(format!("{text:?}: unknown unit {unit:?}; use K, M or G")),
    };
    Ok(number.saturating_mul(factor))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let sources = if cli.paths.is_empty() {
        Sources::Seeds
    } else {
        Sources::Paths(cli.paths.clone())
    };
    if let Err(e) = store::check_paths(&sources) {
        eprintln!("warta: {e}");
        return ExitCode::from(2);
    }
    let options = LoadOptions {
        max_file_size: cli.max_file_size,
        // Only --json prints every body; the rest read a body again when they show it.
        keep_body: cli.json,
        keep_search: cli.filter.is_some() || !(cli.list || cli.json || cli.show.is_some()),
    };
    let rules = Rules::builtin();
    if !(cli.list || cli.json || cli.show.is_some()) {
        return reader(sources, rules, options);
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
        show(&store, id, cli.raw)
    } else {
        let order = ordered(&store, cli.filter.as_deref());
        if cli.json {
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

/// Articles newest first, or ranked by the filter when one is given.
fn ordered(store: &Store, filter: Option<&str>) -> Vec<usize> {
    match filter.map(Query::parse).filter(|q| !q.is_empty()) {
        None => store.by_date(),
        Some(query) => Matcher::default()
            .filter(&query, &store.articles, &NoFlags)
            .into_iter()
            .map(|hit| hit.index)
            .collect(),
    }
}

fn print_list(store: &Store, order: &[usize]) -> std::io::Result<ExitCode> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for &i in order {
        let a = &store.articles[i];
        let date = a.date.map(|d| d.to_string()).unwrap_or_default();
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

fn show(store: &Store, id: &str, raw: bool) -> std::io::Result<ExitCode> {
    let Some(article) = store.find(id) else {
        eprintln!(
            "warta: no article with id {:?}; `warta --list` shows the ids",
            sanitise(id)
        );
        return Ok(ExitCode::from(1));
    };
    let mut out = std::io::stdout().lock();
    if raw {
        out.write_all(&article.raw_bytes()?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let width = if std::io::stdout().is_terminal() {
        crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w).clamp(20, 100))
    } else {
        80
    };
    let article = article.full(Rules::builtin())?;
    out.write_all(warta::article::render::plain_text(&article, width).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The interactive reader: checks the terminal first, then loads in the background while the
/// first frame is already up.
fn reader(sources: Sources, rules: &'static Rules, options: LoadOptions) -> ExitCode {
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
    let mut app = App::new(
        Store::default(),
        ratatui::layout::Rect::new(0, 0, size.0, size.1),
    );
    app.theme = Theme::from_env();
    let loader = store::spawn_loader(sources, rules, options);
    match run(&mut app, Some(loader), false) {
        Ok(Ended::Quit) => ExitCode::SUCCESS,
        Ok(Ended::Signal(sig)) => ExitCode::from(128u8.saturating_add(sig as u8)),
        Err(e) => {
            eprintln!("warta: the terminal failed: {e}");
            ExitCode::from(1)
        }
    }
}
