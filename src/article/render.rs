//! An article laid out as lines of text at a given width: the same layout for `--show` and the
//! reading pane (which styles each line by its kind). No terminal code here.

use super::Article;
use super::sanitise::sanitise;

/// What a laid-out line is, so the reader can style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Title,
    Meta,
    Lead,
    Body,
    Blank,
}

/// One laid-out line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLine {
    pub kind: LineKind,
    pub text: String,
}

/// The metadata line: outlet · date · dateline · author.
pub fn meta_line(article: &Article) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.push(
        article
            .outlet
            .as_deref()
            .unwrap_or(super::UNKNOWN_OUTLET)
            .to_string(),
    );
    if let Some(date) = article.date {
        let mut text = date.to_string().replace('T', " ");
        if let Some(cut) = text.find('+').filter(|_| date.time.is_some()) {
            text.truncate(cut.saturating_sub(3));
        }
        if article.date_inferred {
            text.push_str(" (inferred)");
        }
        parts.push(text);
    }
    if let Some(place) = &article.dateline {
        parts.push(place.clone());
    }
    if !article.authors.is_empty() {
        parts.push(article.authors.join(", "));
    }
    parts.join(" · ")
}

/// The article's blocks in reading order: title, metadata, standfirst, paragraphs; each
/// sanitised for the terminal.
pub fn blocks(article: &Article) -> Vec<(LineKind, String)> {
    let block = |kind, text: &str| (kind, sanitise(text).into_owned());
    let mut blocks = vec![
        block(LineKind::Title, &article.title),
        block(LineKind::Meta, &meta_line(article)),
    ];
    if let Some(lead) = &article.lead {
        blocks.push(block(LineKind::Lead, lead));
    }
    blocks.extend(article.paragraphs.iter().map(|p| block(LineKind::Body, p)));
    blocks
}

/// One block wrapped to `width` columns (at least 8), at least one line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let options = textwrap::Options::new(width.max(8))
        .break_words(true)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    let lines: Vec<String> = textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.into_owned())
        .collect();
    if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    }
}

/// The article as lines at most `width` columns wide, a blank line between blocks.
pub fn layout(article: &Article, width: usize) -> Vec<DocLine> {
    let mut lines = Vec::new();
    for (kind, text) in blocks(article) {
        if !lines.is_empty() {
            lines.push(DocLine {
                kind: LineKind::Blank,
                text: String::new(),
            });
        }
        lines.extend(
            wrap(&text, width)
                .into_iter()
                .map(|text| DocLine { kind, text }),
        );
    }
    lines
}

/// The article as plain wrapped text, for `warta --show`.
pub fn plain_text(article: &Article, width: usize) -> String {
    let mut out = String::new();
    for line in layout(article, width) {
        out.push_str(&line.text);
        out.push('\n');
    }
    out
}
