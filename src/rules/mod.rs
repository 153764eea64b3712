//! The rules that recognise outlets, bylines, sections and boilerplate, loaded with serde from
//! `assets/rules.toml` (compiled in), so that recognising a new outlet is a data change.

mod needles;

pub use needles::Screen;
use needles::Screened;
use regex::{Regex, RegexSet};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;
use thiserror::Error;

/// The rules file that ships inside the binary.
pub const BUILTIN_RULES: &str = include_str!("../../assets/rules.toml");

/// A rules file as written in TOML.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RulesFile {
    pub outlet: Vec<OutletRule>,
    pub outlet_pattern: Vec<OutletPatternRule>,
    pub byline: Vec<BylineRule>,
    pub section: Vec<PatternRule>,
    pub boilerplate: Vec<BoilerplateRule>,
    pub photo_credit: Vec<PatternRule>,
    /// A photo's caption: never taken for the headline.
    pub caption: Vec<PatternRule>,
    pub trailing_tag: Vec<BoilerplateRule>,
    /// Boilerplate cut out of the line it is glued into.
    pub inline: Vec<BoilerplateRule>,
}

/// A pattern in a rules file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadPattern {
    /// The table it is in ("boilerplate").
    pub table: &'static str,
    pub pattern: String,
    /// What is wrong, in words.
    pub message: String,
}

impl RulesFile {
    /// Every pattern, with the table it is in.
    fn patterns(&self) -> impl Iterator<Item = (&'static str, &str)> {
        let outlet = self
            .outlet_pattern
            .iter()
            .map(|p| ("outlet_pattern", p.pattern.as_str()));
        let section = self.section.iter().map(|p| ("section", p.pattern.as_str()));
        let boilerplate = self
            .boilerplate
            .iter()
            .map(|p| ("boilerplate", p.pattern.as_str()));
        let credit = self
            .photo_credit
            .iter()
            .map(|p| ("photo_credit", p.pattern.as_str()));
        let caption = self.caption.iter().map(|p| ("caption", p.pattern.as_str()));
        let tag = self
            .trailing_tag
            .iter()
            .map(|p| ("trailing_tag", p.pattern.as_str()));
        let inline = self.inline.iter().map(|p| ("inline", p.pattern.as_str()));
        outlet
            .chain(section)
            .chain(boilerplate)
            .chain(credit)
            .chain(caption)
            .chain(tag)
            .chain(inline)
    }

    /// Checks each pattern on its own: it compiles, and it is not empty (an empty pattern
    /// matches every line). Returns the first that fails.
    pub fn check_patterns(&self) -> Result<(), BadPattern> {
        self.check_not_empty()?;
        for (table, pattern) in self.patterns() {
            let bad = |message: String| BadPattern {
                table,
                pattern: pattern.to_string(),
                message,
            };
            if let Err(e) = Regex::new(pattern) {
                return Err(bad(format!(
                    "rule pattern {pattern:?} is not a valid regular expression: {}",
                    regex_problem(&e)
                )));
            }
        }
        Ok(())
    }

    /// Checks that no pattern is empty (an empty pattern would match every line).
    fn check_not_empty(&self) -> Result<(), BadPattern> {
        match self.patterns().find(|(_, pattern)| pattern.trim().is_empty()) {
            Some((table, pattern)) => Err(BadPattern {
                table,
                pattern: pattern.to_string(),
                message: "an empty pattern would match every line; write what the line looks like, or remove the rule".into(),
            }),
            None => Ok(()),
        }
    }

    /// Adds `other`'s rules after these.
    pub fn append(&mut self, other: RulesFile) {
        self.outlet.extend(other.outlet);
        self.outlet_pattern.extend(other.outlet_pattern);
        self.byline.extend(other.byline);
        self.section.extend(other.section);
        self.boilerplate.extend(other.boilerplate);
        self.photo_credit.extend(other.photo_credit);
        self.caption.extend(other.caption);
        self.trailing_tag.extend(other.trailing_tag);
        self.inline.extend(other.inline);
    }
}

/// An outlet and the lower-cased tokens that name it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutletRule {
    pub name: String,
    pub names: Vec<String>,
}

/// An outlet recognised by a pattern; `{1}` in `name` is replaced by the first group.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutletPatternRule {
    pub pattern: String,
    pub name: String,
}

/// A byline label and the role of the people it names.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BylineRule {
    pub label: String,
    pub role: Role,
}

/// What a byline label says about the person after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Author,
    Editor,
    Source,
}

/// A bare pattern.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternRule {
    pub pattern: String,
}

/// A pattern whose matches are removed under the rule's name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoilerplateRule {
    pub rule: String,
    pub pattern: String,
    /// For inline boilerplate: the match is a label followed by a linked headline ("Baca
    /// juga: …"), cut with it; it counts only where a sentence may start.
    #[serde(default)]
    pub headline_after: bool,
}

/// Why a rules file could not be used.
#[derive(Debug, Error)]
pub enum RulesError {
    #[error("{origin}: {message}")]
    Toml { origin: String, message: String },
    #[error("{origin}: {message}")]
    Pattern {
        origin: String,
        pattern: String,
        message: String,
    },
}

impl RulesError {
    /// What is wrong, without the file's name.
    pub fn message(&self) -> String {
        match self {
            RulesError::Toml { message, .. } => message.clone(),
            RulesError::Pattern { message, .. } => message.clone(),
        }
    }
}

/// The part of a regex error that says what is wrong ("unclosed group"), without the
/// drawing of where.
fn regex_problem(error: &regex::Error) -> String {
    let text = error.to_string();
    text.lines()
        .find_map(|line| line.strip_prefix("error: "))
        .unwrap_or(text.lines().last().unwrap_or(""))
        .trim()
        .to_string()
}

/// What a boilerplate line may start with before its text ("• Baca juga").
const BULLETS: [char; 6] = ['•', '·', '-', '*', '–', ' '];

/// Compiled rules, ready to match lines.
#[derive(Debug)]
pub struct Rules {
    outlet_names: HashMap<String, String>,
    outlet_patterns: Vec<(Regex, String)>,
    /// Byline labels with their roles, longest first so "Redaktur" is not read as "Red".
    pub(crate) byline_labels: Vec<(String, Role)>,
    pub(crate) byline_start: Regex,
    pub(crate) byline_split: Regex,
    section: RegexSet,
    boilerplate: RegexSet,
    boilerplate_names: Vec<String>,
    photo_credit: RegexSet,
    /// The byline label, boilerplate and photo credit patterns in one set: most lines are
    /// none of them, which one search tells where three would (see [`Rules::may_be_marked`]).
    /// Compiled where first asked for, on a loading thread: compiling it takes about as long
    /// as all the other rules together, which the reader's first frame would wait for.
    marked_lines: OnceLock<Option<RegexSet>>,
    marked_patterns: Vec<String>,
    caption: RegexSet,
    /// Inline boilerplate, each with whether a linked headline follows it; a line is tried
    /// only against the rules whose words it holds.
    inline: Screened<(String, bool)>,
    trailing_tags: Vec<(Regex, String)>,
}

impl Rules {
    /// The built-in rules; parsed once per process.
    pub fn builtin() -> &'static Rules {
        static RULES: OnceLock<Rules> = OnceLock::new();
        RULES.get_or_init(|| {
            Rules::from_files(&[("assets/rules.toml", BUILTIN_RULES)])
                .expect("the built-in rules file is valid (checked by a unit test)")
        })
    }

    /// Compiles one or more rules files, later files adding to earlier ones.
    /// `origin` names each file in error messages.
    pub fn from_files(files: &[(&str, &str)]) -> Result<Rules, RulesError> {
        let mut all = RulesFile::default();
        for (origin, text) in files {
            let file: RulesFile = toml::from_str(text).map_err(|e| RulesError::Toml {
                origin: origin.to_string(),
                message: e.to_string(),
            })?;
            all.append(file);
        }
        let origin = files.last().map(|f| f.0).unwrap_or("rules");
        Self::compile(all, origin)
    }

    /// The built-in rules with `extra` added after them (from a config file named `origin`).
    pub fn with_extra(extra: RulesFile, origin: &str) -> Result<Rules, RulesError> {
        let base: RulesFile = toml::from_str(BUILTIN_RULES).map_err(|e| RulesError::Toml {
            origin: "assets/rules.toml".into(),
            message: e.to_string(),
        })?;
        Rules::from_parts(base, extra, origin)
    }

    /// `base` and `extra` together.
    pub fn from_parts(
        mut base: RulesFile,
        extra: RulesFile,
        origin: &str,
    ) -> Result<Rules, RulesError> {
        base.append(extra);
        Self::compile(base, origin)
    }

    /// Each pattern is compiled once. Only when that fails is each looked at on its own, to
    /// name the one that is wrong: checking them all first would compile every pattern twice
    /// on every start (a sixth of a small folder's load).
    fn compile(file: RulesFile, origin: &str) -> Result<Rules, RulesError> {
        let pattern_error = |bad: BadPattern| RulesError::Pattern {
            origin: origin.to_string(),
            pattern: bad.pattern,
            message: bad.message,
        };
        file.check_not_empty().map_err(pattern_error)?;
        Self::compile_checked(&file, origin).map_err(|error| match file.check_patterns() {
            Err(bad) => pattern_error(bad),
            Ok(()) => error,
        })
    }

    fn compile_checked(file: &RulesFile, origin: &str) -> Result<Rules, RulesError> {
        let regex = |pattern: &str| {
            Regex::new(&ascii_word_boundaries(pattern)).map_err(|e| RulesError::Pattern {
                origin: origin.to_string(),
                pattern: pattern.to_string(),
                message: format!(
                    "rule pattern {pattern:?} is not a valid regular expression: {}",
                    regex_problem(&e)
                ),
            })
        };
        let set = |patterns: Vec<&str>| {
            RegexSet::new(patterns.iter().map(|p| ascii_word_boundaries(p))).map_err(|e| {
                RulesError::Pattern {
                    origin: origin.to_string(),
                    pattern: patterns.join(" | "),
                    message: format!(
                        "the patterns cannot be used together: {}",
                        regex_problem(&e)
                    ),
                }
            })
        };
        let mut outlet_names = HashMap::new();
        for outlet in &file.outlet {
            for name in &outlet.names {
                outlet_names
                    .entry(name.to_lowercase())
                    .or_insert_with(|| outlet.name.clone());
            }
        }
        let outlet_patterns = file
            .outlet_pattern
            .iter()
            .map(|p| Ok((regex(&p.pattern)?, p.name.clone())))
            .collect::<Result<Vec<_>, RulesError>>()?;
        let mut byline_labels: Vec<(String, Role)> = file
            .byline
            .iter()
            .map(|b| (b.label.clone(), b.role))
            .collect();
        byline_labels.sort_by_key(|(label, _)| std::cmp::Reverse(label.len()));
        let alternation = byline_labels
            .iter()
            .map(|(label, _)| regex::escape(label))
            .collect::<Vec<_>>()
            .join("|");
        let (byline_start, byline_split) = if alternation.is_empty() {
            (regex(r"[^\s\S]")?, regex(r"[^\s\S]")?)
        } else {
            (
                regex(&format!(r"(?i)^(?:{alternation})\s*:"))?,
                regex(&format!(r"(?i)(?:^|[\s|,;/])({alternation})\s*:\s*"))?,
            )
        };
        let marked_patterns = std::iter::once(byline_start.as_str())
            .chain(file.boilerplate.iter().map(|b| b.pattern.as_str()))
            .chain(file.photo_credit.iter().map(|p| p.pattern.as_str()))
            .map(|p| ascii_word_boundaries(p).into_owned())
            .collect();
        let trailing_tags = file
            .trailing_tag
            .iter()
            .map(|t| Ok((regex(&t.pattern)?, t.rule.clone())))
            .collect::<Result<Vec<_>, RulesError>>()?;
        Ok(Rules {
            outlet_names,
            outlet_patterns,
            byline_labels,
            byline_start,
            byline_split,
            section: set(file.section.iter().map(|s| s.pattern.as_str()).collect())?,
            boilerplate: set(file
                .boilerplate
                .iter()
                .map(|b| b.pattern.as_str())
                .collect())?,
            boilerplate_names: file.boilerplate.iter().map(|b| b.rule.clone()).collect(),
            photo_credit: set(file
                .photo_credit
                .iter()
                .map(|p| p.pattern.as_str())
                .collect())?,
            marked_lines: OnceLock::new(),
            marked_patterns,
            caption: set(file.caption.iter().map(|p| p.pattern.as_str()).collect())?,
            trailing_tags,
            inline: Screened::new(
                file.inline
                    .iter()
                    .map(|b| Ok((regex(&b.pattern)?, (b.rule.clone(), b.headline_after))))
                    .collect::<Result<Vec<_>, RulesError>>()?,
            ),
        })
    }

    /// The display name of the outlet a token names ("TRIBUNNEWS.COM" → "Tribunnews"), if any
    /// rule knows it.
    pub fn outlet_for(&self, token: &str) -> Option<String> {
        let key = token
            .trim()
            .trim_matches(|c: char| c == '.' || c == ',')
            .to_lowercase();
        let key = key.strip_prefix("www.").unwrap_or(&key);
        if let Some(name) = self.outlet_names.get(key) {
            return Some(name.clone());
        }
        for (pattern, name) in &self.outlet_patterns {
            if let Some(caps) = pattern.captures(key) {
                let group = caps
                    .get(1)
                    .map(|m| title_case(m.as_str()))
                    .unwrap_or_default();
                return Some(name.replace("{1}", &group));
            }
        }
        None
    }

    /// Compiles the patterns that are otherwise compiled where first used (see
    /// [`crate::article::compile_patterns`]).
    pub fn compile_patterns(&self) {
        self.may_be_marked("");
    }

    /// Whether a line may start with a byline label ([`Rules::is_byline`]), be boilerplate
    /// ([`Rules::boilerplate_rule`]) or a photo credit ([`Rules::is_photo_credit`]); when not,
    /// it is none of them. One search over all their patterns.
    pub fn may_be_marked(&self, line: &str) -> bool {
        // Sized like the separate sets together; were it refused, each is asked on its own.
        let marked = self
            .marked_lines
            .get_or_init(|| RegexSet::new(&self.marked_patterns).ok());
        match marked {
            // The boilerplate rules read a line after the bullets it starts with.
            Some(set) if !line.starts_with(BULLETS) => set.is_match(line),
            _ => true,
        }
    }

    /// The boilerplate rule a whole line falls under, if any.
    pub fn boilerplate_rule(&self, line: &str) -> Option<&str> {
        let line = line.trim_start_matches(BULLETS);
        if !self.boilerplate.is_match(line) {
            return None;
        }
        self.boilerplate
            .matches(line)
            .iter()
            .next()
            .map(|i| self.boilerplate_names[i].as_str())
    }

    /// Whether a line is a section label such as "Berita Internasional".
    pub fn is_section(&self, line: &str) -> bool {
        self.section.is_match(line)
    }

    /// Whether a line is a photo credit.
    pub fn is_photo_credit(&self, line: &str) -> bool {
        self.photo_credit.is_match(line)
    }

    /// Whether a line is a photo's caption ("…, in this picture taken in …"). Asked only of a
    /// line that would be the headline, so its patterns cost nothing on the body's lines.
    pub fn is_caption(&self, line: &str) -> bool {
        self.caption.is_match(line)
    }

    /// Whether a line starts with a byline label ("Penulis:", "Editor :").
    pub fn is_byline(&self, line: &str) -> bool {
        self.byline_start.is_match(line)
    }

    /// A tag at the end of a paragraph ("[ab/ns]"): the byte where it starts and its rule.
    pub fn trailing_tag(&self, paragraph: &str) -> Option<(usize, &str)> {
        self.trailing_tags.iter().find_map(|(re, rule)| {
            // A tag that must end in a bracket cannot be on a paragraph that does not; most
            // paragraphs are done with here, without a search.
            let mut pattern = re.as_str().strip_suffix('$').unwrap_or("");
            while pattern.ends_with(')') && !pattern.ends_with(r"\)") {
                pattern = &pattern[..pattern.len() - 1];
            }
            for (written, bracket) in [(r"\)", ')'), (r"\]", ']')] {
                if pattern.ends_with(written) && !paragraph.ends_with(bracket) {
                    return None;
                }
            }
            let found = re.find(paragraph)?;
            // Only a pattern with a `tag` group needs its groups read, and only on a match.
            let start = match re.capture_names().any(|n| n == Some("tag")) {
                true => re.captures(paragraph)?.name("tag")?.start(),
                false => found.start(),
            };
            Some((start, rule.as_str()))
        })
    }

    /// Which inline rules may match each of `lines` (an article's, read in one scan).
    pub fn inline_screen<'a>(&self, lines: impl IntoIterator<Item = &'a str>) -> Screen {
        self.inline.screen(lines)
    }

    /// Inline boilerplate in `line`, line `n` of those `screen` was made of: the byte ranges
    /// it matched, in order, each with its rule and whether a linked headline follows the
    /// match (the parser finds where that ends).
    pub fn inline_cuts(
        &self,
        screen: &Screen,
        n: usize,
        line: &str,
    ) -> Vec<(std::ops::Range<usize>, &str, bool)> {
        let mut cuts: Vec<(std::ops::Range<usize>, &str, bool)> = self
            .inline
            .candidates_in(screen, n)
            .flat_map(|(re, (rule, headline_after))| {
                re.find_iter(line)
                    .map(move |m| (m.range(), rule.as_str(), *headline_after))
            })
            .collect();
        cuts.sort_by_key(|(range, _, _)| range.start);
        cuts
    }

    /// The role a byline label has.
    pub(crate) fn role_of(&self, label: &str) -> Option<Role> {
        self.byline_labels
            .iter()
            .find(|(l, _)| l.eq_ignore_ascii_case(label))
            .map(|(_, role)| *role)
    }
}

/// The pattern with its word boundaries (`\b`) as ASCII ones, `(?-u:\b)`. A Unicode word
/// boundary stops the fast engine on any line with a character beyond ASCII (a curly quote,
/// a dash), and the slow one it falls back to costs several times more; the two disagree
/// only beside a letter beyond ASCII, which the rules' words never end or start on.
fn ascii_word_boundaries(pattern: &str) -> std::borrow::Cow<'_, str> {
    if !pattern.contains(r"\b") {
        return pattern.into();
    }
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            // `\b{start}` and the like are left as written.
            Some('b') if chars.peek() != Some(&'{') => out.push_str(r"(?-u:\b)"),
            Some(escaped) => {
                out.push('\\');
                out.push(escaped);
            }
            None => out.push('\\'),
        }
    }
    out.into()
}

/// "BANYUMAS" or "banyumas" → "Banyumas"; each word capitalised, the rest lower-cased.
pub fn title_case(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests;
