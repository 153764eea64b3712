//! The optional config file: keys, colours, the reading measure, default folders, the file
//! size cap and extra rules. A config that cannot be used stops warta with a message naming
//! the file, line and column, before anything is drawn or written.

use crate::app::layout::DEFAULT_MEASURE;
use crate::keymap::{Action, Key, Keymap};
use crate::rules::RulesFile;
use crate::store::loader::read::ReadError;
use crate::store::{parse_size, read_regular};
use crate::ui::theme::Theme;
use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The default config file, every option commented; `warta --print-default-config`.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/config.toml");

/// A config file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub measure: Option<u16>,
    pub folders: Option<Vec<String>>,
    pub max_file_size: Option<toml::Value>,
    pub mouse: Option<bool>,
    #[serde(default)]
    pub keys: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub colours: BTreeMap<String, toml::Value>,
    pub rules: Option<RulesFile>,
}

/// Why a config file cannot be used: where, and what was expected.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("{}:{line}:{column}: {message}", path.display())]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// A config file read and checked.
#[derive(Debug)]
pub struct Config {
    pub measure: u16,
    pub folders: Vec<PathBuf>,
    pub max_file_size: Option<u64>,
    pub mouse: bool,
    pub keymap: Keymap,
    /// Colour changes, applied over the default theme (unless NO_COLOR).
    colours: Vec<(String, Style)>,
    pub rules: Option<RulesFile>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            measure: DEFAULT_MEASURE,
            folders: Vec::new(),
            max_file_size: None,
            mouse: true,
            keymap: Keymap::default(),
            colours: Vec::new(),
            rules: None,
        }
    }
}

/// Where the config file is looked for: `$XDG_CONFIG_HOME/warta/config.toml`, else
/// `~/.config/warta/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    crate::dirs::xdg_dir("XDG_CONFIG_HOME", ".config").map(|dir| dir.join("config.toml"))
}

impl Config {
    /// Reads the config at `path`. `required`: a missing file is an error (it was named with
    /// --config); otherwise a missing file means the defaults.
    pub fn load(path: &Path, required: bool) -> Result<Config, ConfigError> {
        let error = |message: String| ConfigError {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message,
        };
        // The same guard as articles: a FIFO or /dev/zero in its place must not hang warta.
        let bytes = match read_regular(path, MAX_CONFIG_SIZE) {
            Ok(bytes) => bytes,
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound && !required => {
                return Ok(Config::default());
            }
            Err(e @ ReadError::TooLarge { .. }) => {
                return Err(error(format!("{e}; a config file is a few lines of TOML")));
            }
            Err(e) => return Err(error(e.to_string())),
        };
        let text = String::from_utf8(bytes)
            .map_err(|_| error("is not UTF-8 text; save it as UTF-8".into()))?;
        Config::parse(path, &text)
    }

    /// Checks a config file's text; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let error_at = |offset: usize, message: String| {
            let (line, column) = line_column(text, offset);
            ConfigError {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        };
        let file: ConfigFile = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            error_at(offset, e.message().trim().replace('\n', "; "))
        })?;
        let mut config = Config::default();
        if let Some(measure) = file.measure {
            if !(20..=400).contains(&measure) {
                return Err(error_at(
                    key_offset(text, None, "measure"),
                    format!("measure = {measure}: expected a width from 20 to 400 columns"),
                ));
            }
            config.measure = measure;
        }
        if let Some(folders) = file.folders {
            config.folders = folders.iter().map(|f| expand_home(f)).collect();
        }
        if let Some(size) = &file.max_file_size {
            config.max_file_size = Some(size_of(size).map_err(|e| {
                error_at(
                    key_offset(text, None, "max_file_size"),
                    format!("max_file_size: {e}"),
                )
            })?);
        }
        config.mouse = file.mouse.unwrap_or(true);
        for (name, keys) in &file.keys {
            let at = key_offset(text, Some("keys"), name);
            let action = Action::named(name).ok_or_else(|| {
                let names: Vec<&str> = Action::NAMED.iter().map(|(n, _)| *n).collect();
                error_at(
                    at,
                    format!(
                        "unknown action {name:?} in [keys]; expected one of: {}",
                        names.join(", ")
                    ),
                )
            })?;
            let parsed = keys
                .iter()
                .map(|k| Key::parse(k).map_err(|e| error_at(at, format!("{name}: {e}"))))
                .collect::<Result<Vec<Key>, ConfigError>>()?;
            config.keymap.rebind(action, &parsed);
        }
        if let Err((actions, message)) = config.keymap.check() {
            // Point at the line that did it: the first of the actions the file rebinds.
            let at = actions
                .iter()
                .map(|a| a.name())
                .find(|name| file.keys.contains_key(*name))
                .map_or_else(
                    || key_offset(text, None, "[keys]"),
                    |name| key_offset(text, Some("keys"), name),
                );
            return Err(error_at(at, format!("[keys]: {message}")));
        }
        for (element, value) in &file.colours {
            let at = key_offset(text, Some("colours"), element);
            if !Theme::ELEMENTS.contains(&element.as_str()) {
                return Err(error_at(
                    at,
                    format!(
                        "unknown element {element:?} in [colours]; expected one of: {}",
                        Theme::ELEMENTS.join(", ")
                    ),
                ));
            }
            let style = style_of(value).map_err(|e| error_at(at, format!("{element}: {e}")))?;
            config.colours.push((element.clone(), style));
        }
        if let Some(rules) = file.rules {
            // Check each pattern now, so a bad one is reported at its own line.
            if let Err(bad) = rules.check_patterns() {
                return Err(error_at(
                    pattern_offset(text, &bad.pattern),
                    format!("[rules.{}]: {}", bad.table, bad.message),
                ));
            }
            crate::rules::Rules::from_parts(RulesFile::default(), rules.clone(), "")
                .map_err(|e| error_at(key_offset(text, None, "[[rules."), e.message()))?;
            config.rules = Some(rules);
        }
        Ok(config)
    }

    /// The theme: the default (or monochrome under NO_COLOR) with this config's colours.
    pub fn theme(&self, monochrome: bool) -> Theme {
        let mut theme = if monochrome {
            Theme::monochrome()
        } else {
            Theme::colour()
        };
        if monochrome {
            return theme;
        }
        for (element, style) in &self.colours {
            if let Some(slot) = theme.element_mut(element) {
                *slot = *style;
            }
        }
        theme
    }
}

/// Longest config file read: it is a few lines of TOML.
const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

/// Where `pattern = …` with this value is written, for error positions (at the value).
fn pattern_offset(text: &str, pattern: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("pattern")
            && let Some(value) = rest.trim_start().strip_prefix('=')
        {
            let value = value.trim();
            let parsed = toml::from_str::<toml::Table>(&format!("x = {value}"))
                .ok()
                .and_then(|t| t.get("x").and_then(|v| v.as_str().map(str::to_string)));
            if parsed.as_deref() == Some(pattern) {
                return offset + line.len() - value.len() - (line.len() - line.trim_end().len());
            }
        }
        offset += line.len();
    }
    key_offset(text, None, "[[rules.")
}

/// A size: a whole number of bytes, or a string with a unit ("64M").
fn size_of(value: &toml::Value) -> Result<u64, String> {
    match value {
        toml::Value::Integer(n) => u64::try_from(*n).map_err(|_| {
            format!(
                "{n} is not a size; write a number of bytes of 0 or more, or a string like \"64M\""
            )
        }),
        toml::Value::String(text) => parse_size(text),
        other => Err(format!(
            "{other} is not a size; write a number of bytes, or a string like \"64M\""
        )),
    }
}

/// The attributes a colour table may set.
const STYLE_KEYS: [&str; 7] = [
    "fg",
    "bg",
    "bold",
    "italic",
    "underlined",
    "reversed",
    "dim",
];

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Where `key` is set in the text (within `[table]` when given), for error positions.
fn key_offset(text: &str, table: Option<&str>, key: &str) -> usize {
    let mut in_table = table.is_none();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(table) = table
            && trimmed.starts_with('[')
        {
            in_table = trimmed
                .trim_end()
                .trim_start_matches('[')
                .trim_end_matches(']')
                .trim()
                == table;
        }
        let bare = trimmed.trim_start_matches('"');
        if in_table
            && (bare.starts_with(&format!("{key}\"")) || bare.starts_with(key))
            && !trimmed.starts_with('#')
        {
            let rest = bare[key.len()..].trim_start_matches('"').trim_start();
            if rest.starts_with('=') || key.starts_with('[') {
                return offset + (line.len() - trimmed.len());
            }
        }
        offset += line.len();
    }
    0
}

fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ if path == "~" => {
            std::env::var_os("HOME").map_or_else(|| PathBuf::from(path), PathBuf::from)
        }
        _ => PathBuf::from(path),
    }
}

/// A colour from its name, a 256-colour index or "#rrggbb".
pub fn parse_colour(text: &str) -> Result<Color, String> {
    let lower = text.trim().to_ascii_lowercase();
    if let Some(hex) = lower.strip_prefix('#') {
        if hex.len() == 6
            && let Ok(value) = u32::from_str_radix(hex, 16)
        {
            return Ok(Color::Rgb(
                (value >> 16) as u8,
                (value >> 8) as u8,
                value as u8,
            ));
        }
        return Err(format!(
            "{text:?} is not a colour; expected #rrggbb with six hex digits"
        ));
    }
    if let Ok(index) = lower.parse::<u8>() {
        return Ok(Color::Indexed(index));
    }
    let colour = match lower.replace(['_', '-', ' '], "").as_str() {
        "reset" | "default" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        _ => {
            return Err(format!(
                "{text:?} is not a colour; expected a name (red, lightblue, …), a number 0-255 or #rrggbb"
            ));
        }
    };
    Ok(colour)
}

fn style_of(value: &toml::Value) -> Result<Style, String> {
    let table = match value {
        toml::Value::String(colour) => return Ok(Style::new().fg(parse_colour(colour)?)),
        toml::Value::Table(table) => table,
        other => {
            return Err(format!(
                "{other} is not a colour; write a colour (\"red\", \"208\", \"#ff8000\") or a table like {{ fg = \"black\", bg = \"yellow\", bold = true }}"
            ));
        }
    };
    let mut style = Style::new();
    for (key, value) in table {
        let modifier = match key.as_str() {
            "fg" | "bg" => {
                let colour = value
                    .as_str()
                    .ok_or_else(|| format!("{key} = {value}: expected a colour in quotes"))
                    .and_then(parse_colour)?;
                style = if key == "fg" {
                    style.fg(colour)
                } else {
                    style.bg(colour)
                };
                continue;
            }
            "bold" => Modifier::BOLD,
            "italic" => Modifier::ITALIC,
            "underlined" => Modifier::UNDERLINED,
            "reversed" => Modifier::REVERSED,
            "dim" => Modifier::DIM,
            _ => {
                return Err(format!(
                    "unknown attribute {key:?}; a colour table may set {}",
                    STYLE_KEYS.join(", ")
                ));
            }
        };
        match value.as_bool() {
            Some(true) => style = style.add_modifier(modifier),
            Some(false) => {}
            None => return Err(format!("{key} = {value}: expected true or false")),
        }
    }
    Ok(style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_config_is_valid_and_changes_nothing() {
        let config = Config::parse(Path::new("default.toml"), DEFAULT_CONFIG).unwrap();
        assert_eq!(config.measure, 80);
        assert!(config.colours.is_empty());
        assert_eq!(
            config.keymap.bindings.len(),
            Keymap::default().bindings.len()
        );
    }

    #[test]
    fn colours_parse() {
        assert_eq!(parse_colour("LightBlue"), Ok(Color::LightBlue));
        assert_eq!(parse_colour("208"), Ok(Color::Indexed(208)));
        assert_eq!(parse_colour("#ff8000"), Ok(Color::Rgb(255, 128, 0)));
        assert!(parse_colour("#ff80").is_err());
        assert!(parse_colour("chartreuse").is_err());
    }

    #[test]
    fn options_apply() {
        let text = "measure = 70\nmax_file_size = \"1M\"\nmouse = false\nfolders = [\"/tmp/news\"]\n[keys]\nquit = [\"x\", \"ctrl-q\"]\n[colours]\ntitle = { fg = \"#102030\", bold = true }\n";
        let config = Config::parse(Path::new("c.toml"), text).unwrap();
        assert_eq!(
            (config.measure, config.max_file_size, config.mouse),
            (70, Some(1 << 20), false)
        );
        assert_eq!(config.folders, [PathBuf::from("/tmp/news")]);
        let quit: Vec<String> = config
            .keymap
            .bindings
            .iter()
            .filter(|b| b.action == Action::Quit)
            .flat_map(|b| b.keys.iter().map(Key::to_string))
            .collect();
        assert_eq!(quit, ["x", "Ctrl-Q"]);
        let theme = config.theme(false);
        assert_eq!(
            theme.title,
            Style::new()
                .fg(Color::Rgb(16, 32, 48))
                .add_modifier(Modifier::BOLD)
        );
        assert_eq!(config.theme(true), Theme::monochrome());
    }
}
