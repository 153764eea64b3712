//! The article model and the code that turns a scraped text file into one.

pub mod by_line;
pub mod crosslink;
pub mod dateline;
pub mod dates;
pub mod decode;
pub mod fold;
pub mod headline;
pub mod outlet;
pub mod paragraphs;
pub mod parse;
pub mod record;
pub mod render;
pub mod sanitise;
pub mod search_text;
pub mod sentences;
pub mod stamp;

pub use dates::ArticleDate;
pub use parse::parse;

use serde::Serialize;

use std::sync::Arc;
use thin_vec::ThinVec;

/// One of the words that tell which event an article reports: its hash (of the folded word),
/// how much it counts in the article, and whether it is specific to one event — a name or a
/// number. Filled in by [`crate::stories::terms::story_terms`] where articles are loaded to be
/// searched.
///
/// Six bytes, as 100,000 articles keep 48 each: the count is kept in halves (a headline word
/// counts 4, a body word 1, a name half as much again, so every count is a whole number of
/// halves) in the low 15 bits, the weight worked out from it when asked, and the top bit
/// says whether the word is specific.
#[derive(Debug, Clone, Copy, PartialEq)]
#[repr(C, packed(2))]
pub struct StoryTerm {
    pub hash: u32,
    /// The count in halves (saturating at [`StoryTerm::MAX_HALVES`]), and
    /// [`StoryTerm::SPECIFIC`].
    pub packed: u16,
}

impl StoryTerm {
    /// The bit of a term that is a name or a number.
    pub const SPECIFIC: u16 = 0x8000;
    /// The most halves a count holds.
    pub const MAX_HALVES: u16 = 0x7fff;

    /// A term counted `halves` times (in halves; more than [`StoryTerm::MAX_HALVES`] is that).
    pub fn new(hash: u32, halves: u16, specific: bool) -> StoryTerm {
        StoryTerm {
            hash,
            packed: halves.min(Self::MAX_HALVES) | if specific { Self::SPECIFIC } else { 0 },
        }
    }

    /// The word's count in the article, in halves.
    pub fn halves(self) -> u16 {
        self.packed & Self::MAX_HALVES
    }

    /// Whether the word names someone or something, or is a number: what tells one event
    /// from another of the same kind.
    pub fn is_specific(self) -> bool {
        self.packed & Self::SPECIFIC != 0
    }

    /// The term's weight in the article: 1 + ln(count), so repeats count less and less.
    pub fn weight(self) -> f32 {
        1.0 + (f32::from(self.halves()) / 2.0).ln()
    }
}

/// Compiles the parser's own patterns (datelines, dates, records, web addresses), which are
/// otherwise compiled where they are first used: about 150 million instructions, which a
/// load from the parse cache would leave to the first article shown after it. The loader
/// runs this on a thread of its own.
pub fn compile_patterns() {
    dateline::compile_patterns();
    dates::compile_patterns();
    outlet::compile_patterns();
    record::compile_patterns();
    parse::compile_patterns();
}

/// The name the reader gives the group of articles whose outlet is not known.
pub const UNKNOWN_OUTLET: &str = "Unknown outlet";

/// One article, understood: metadata pulled out of the text, the body cleaned of boilerplate,
/// and every line that was taken out kept in `removed`.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    /// The file stem, made unique within one load.
    pub id: String,
    /// Where the text came from (for bundled seeds, `seeds/NAME`). In JSON, a name that is
    /// not UTF-8 is written with U+FFFD for the bytes that are not.
    #[serde(serialize_with = "serialize_path_lossy")]
    pub path: std::sync::Arc<std::path::Path>,
    /// The outlet the text names, if it names one.
    pub outlet: Option<Arc<str>>,
    pub title: String,
    /// True when the file has no headline and the title was made from the lede.
    pub title_derived: bool,
    /// A section label above the headline, such as "Berita Internasional".
    pub section: Option<String>,
    /// The place in the dateline ("Pyongyang").
    pub dateline: Option<String>,
    #[serde(serialize_with = "dates::serialize_opt")]
    pub date: Option<ArticleDate>,
    /// True when `date` is the latest date mentioned rather than a publication stamp.
    pub date_inferred: bool,
    /// Without a date: the month and day a wire dateline ("GREENWICH, Conn., March 18 -")
    /// or the opening ("Senin (24/8)") gives without a year. Only the stories read it (two
    /// such days far apart are two events); it is never shown as a date.
    #[serde(skip)]
    pub undated_day: Option<dates::MonthDay>,
    pub authors: ThinVec<String>,
    pub editors: ThinVec<String>,
    pub sources: ThinVec<String>,
    /// The standfirst, when the article has one.
    pub lead: Option<String>,
    pub paragraphs: ThinVec<String>,
    /// Everything taken out of the body, in file order, with the rule that took it.
    pub removed: ThinVec<Removed>,
    /// Problems met while reading the file (a guessed encoding, for example).
    pub warnings: ThinVec<String>,
    /// Where the original bytes can be read again.
    #[serde(skip)]
    pub origin: Origin,
    /// The cleaned text folded for searching: lower case, accents dropped, one space between
    /// words, paragraphs separated by newlines. Removed lines are not in it.
    #[serde(skip)]
    pub search_body: search_text::SearchText,
    /// The title folded the same way. [`crate::store::Store::add`] moves it into the
    /// store's packed [`crate::heads::Heads`], leaving this empty.
    #[serde(skip)]
    pub search_title: Box<str>,
    /// False when `paragraphs` and `removed` were let go to save memory;
    /// [`crate::store::ReadAgain::full`] reads them again.
    #[serde(skip)]
    pub has_body: bool,
    /// A hash of the file's bytes: what saved state (read, starred) is kept under, so a
    /// renamed or moved file keeps it.
    #[serde(skip)]
    pub content_hash: u64,
    /// The words of the headline and opening that tell which event the article reports,
    /// weighed and hashed (see [`crate::stories::terms`]); kept when the body is let go.
    #[serde(skip)]
    pub story_terms: std::sync::Arc<[StoryTerm]>,
}

/// The path of an article not yet given one (the loader sets it): one shared empty path, so
/// that parsing an article allocates none only to have it replaced.
pub(crate) fn no_path() -> Arc<std::path::Path> {
    static EMPTY: std::sync::LazyLock<Arc<std::path::Path>> =
        std::sync::LazyLock::new(|| Arc::from(std::path::Path::new("")));
    Arc::clone(&EMPTY)
}

fn serialize_path_lossy<S: serde::Serializer>(
    path: &std::sync::Arc<std::path::Path>,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.serialize_str(&path.to_string_lossy())
}

/// A line (or part of one) taken out of the article body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removed {
    pub rule: String,
    pub text: String,
}

/// Where an article's original bytes live. They are not kept in memory: the raw view reads
/// them again.
#[derive(Debug, Clone, Default)]
pub enum Origin {
    /// The file at the article's `path`.
    File,
    /// Bytes compiled into the binary.
    Bundled(&'static [u8]),
    /// Text given directly (tests, benchmarks).
    #[default]
    Memory,
}

impl Article {
    /// Forgets a date later than the file's modification time (a day's grace for time
    /// zones): an article cannot be published after it was saved, so such a date is a typo
    /// or an event's date, and no date beats a wrong one.
    pub fn drop_date_after(&mut self, modified: std::time::SystemTime) {
        let Ok(since_epoch) = modified.duration_since(std::time::UNIX_EPOCH) else {
            return;
        };
        let saved_on = dates::day_of_unix_seconds(since_epoch.as_secs() as i64 + 86_400);
        if self
            .date
            .is_some_and(|d| (d.year, d.month, d.day) > saved_on)
        {
            self.date = None;
            self.date_inferred = false;
        }
    }

    /// Lets go of the body (paragraphs and removed lines) to save memory; the metadata and
    /// the search text stay. [`crate::store::ReadAgain::full`] brings the body back.
    pub fn drop_body(&mut self) {
        self.paragraphs = ThinVec::new();
        self.removed = ThinVec::new();
        self.has_body = false;
    }

    /// The key the article's saved state is kept under: its content hash, so that a renamed
    /// or moved file keeps its state.
    pub fn state_key(&self) -> u64 {
        self.content_hash
    }

    /// The outlet's name, or "" when unknown.
    pub fn outlet_name(&self) -> &str {
        self.outlet.as_deref().unwrap_or("")
    }

    /// The texts that the named rule took out, in order.
    pub fn removed_by(&self, rule: &str) -> impl Iterator<Item = &str> {
        self.removed
            .iter()
            .filter(move |r| r.rule == rule)
            .map(|r| r.text.as_str())
    }
}
