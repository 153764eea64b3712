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
            .unwrap_or("Unknown outlet")
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

/// The article as lines at most `width` columns wide: title, metadata, standfirst, then the
/// paragraphs, a blank line between blocks. All text is sanitised for the terminal.
pub fn layout(article: &Article, width: usize) -> Vec<DocLine> {
    let width = width.max(8);
    let mut lines = Vec::new();
    let block = |kind: LineKind, text: &str, lines: &mut Vec<DocLine>| {
        if !lines.is_empty() {
            lines.push(DocLine {
                kind: LineKind::Blank,
                text: String::new(),
            });
        }
        let text = sanitise(text);
        for line in textwrap::wrap(
            &text,
            textwrap::Options::new(width)
                .break_words(true)
                .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit),
        ) {
            lines.push(DocLine {
                kind,
                text: line.into_owned(),
            });
        }
    };
    block(LineKind::Title, &article.title, &mut lines);
    block(LineKind::Meta, &meta_line(article), &mut lines);
    if let Some(lead) = &article.lead {
        block(LineKind::Lead, lead, &mut lines);
    }
    for paragraph in &article.paragraphs {
        block(LineKind::Body, paragraph, &mut lines);
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
