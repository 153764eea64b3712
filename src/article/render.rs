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

/// Joins the byline's parts so that lines break only between them, after a "·": inside a
/// part (a name, a date) the spaces do not break.
const PART_SEPARATOR: &str = "\u{a0}· ";

/// The metadata line: outlet · date · dateline · authors · editors · sources. The outlet is
/// left out when it is not known (the list's group says so).
pub fn meta_line(article: &Article) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(outlet) = article.outlet.as_deref() {
        parts.push(outlet.to_string());
    }
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
    if !article.editors.is_empty() {
        parts.push(format!("editor {}", article.editors.join(", ")));
    }
    if !article.sources.is_empty() {
        parts.push(format!("source {}", article.sources.join(", ")));
    }
    parts
        .iter()
        .map(|part| part.replace(' ', "\u{a0}"))
        .collect::<Vec<_>>()
        .join(PART_SEPARATOR)
}

/// The article's blocks in reading order: title, metadata, standfirst, paragraphs; each
/// sanitised for the terminal.
pub fn blocks(article: &Article) -> Vec<(LineKind, String)> {
    let block = |kind, text: &str| (kind, sanitise(text).into_owned());
    let mut blocks = vec![block(LineKind::Title, &article.title)];
    let meta = meta_line(article);
    if !meta.is_empty() {
        blocks.push(block(LineKind::Meta, &meta));
    }
    if let Some(lead) = &article.lead {
        blocks.push(block(LineKind::Lead, lead));
    }
    blocks.extend(article.paragraphs.iter().map(|p| block(LineKind::Body, p)));
    blocks
}

/// One block wrapped to `width` columns (at least 8), at least one line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    // Words break at spaces only: never at a hyphen ("Kim Jong-un"), unless a word alone
    // is wider than the line. No-break spaces (inside a byline's parts) hold, and are shown
    // as spaces.
    let options = textwrap::Options::new(width.max(8))
        .break_words(true)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    let lines: Vec<String> = textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.replace('\u{a0}', " "))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse::parse;
    use crate::rules::Rules;

    #[test]
    fn the_byline_breaks_between_its_parts_and_words_not_at_hyphens() {
        let mut article = parse(
            "Judul Berita Tentang Pertemuan Kim\n\nIsi berita.\n",
            Rules::builtin(),
        );
        article.outlet = Some("Kompas TV".into());
        article.dateline = Some("Pyongyang".into());
        article.authors = thin_vec::thin_vec!["Haryo Jati".into()];
        article.editors = thin_vec::thin_vec!["Rika Irawati".into()];
        article.sources = thin_vec::thin_vec!["Associated Press".into()];
        let meta = meta_line(&article);
        for width in 12..60 {
            for line in wrap(&meta, width) {
                // Every line is whole parts: it never starts or ends inside a name.
                for name in [
                    "Haryo Jati",
                    "Rika Irawati",
                    "Associated Press",
                    "Kompas TV",
                ] {
                    let (first, last) = name.split_once(' ').unwrap();
                    let broken = line.trim_end().ends_with(first)
                        || (line.starts_with(last) && !line.contains(first));
                    assert!(!broken || width < name.len() + 8, "{width}: {line:?}");
                }
                // (Only a part wider than the line itself is broken.)
                assert!(width < 26 || !line.starts_with('·'), "{width}: {line:?}");
            }
        }
        let lines = wrap("Presiden Kim Jong-un menandatangani", 20);
        assert!(lines.iter().any(|l| l.contains("Jong-un")), "{lines:?}");
        let shown = meta.replace('\u{a0}', " ");
        assert!(shown.contains("editor Rika Irawati"), "{shown}");
        assert!(shown.contains("source Associated Press"), "{shown}");
    }

    #[test]
    fn no_lone_unknown_outlet_line() {
        let article = parse(
            "Judul Berita Tanpa Media\n\nIsi berita.\n",
            Rules::builtin(),
        );
        assert!(article.outlet.is_none());
        let kinds: Vec<LineKind> = blocks(&article).iter().map(|(k, _)| *k).collect();
        assert!(!kinds.contains(&LineKind::Meta), "{kinds:?}");
    }
}
