//! Paragraphs as a reader wants them. Scrapers lose paragraph breaks: a whole body stored as
//! one line, paragraphs glued with no space ("kata dia.Menurutnya"), sentences joined with
//! "||". Such text is split back into paragraphs at sentence ends; a paragraph the body
//! repeats word for word is shown once.

use super::sentences::sentence_ends;
use rustc_hash::FxHasher;
use std::collections::HashSet;
use std::hash::BuildHasherDefault;

/// A paragraph longer than this (in bytes) is split into paragraphs of a few sentences.
const LONG_PARAGRAPH: usize = 1_000;
/// Sentences are gathered into one paragraph until it holds about this many bytes.
const GATHER_BYTES: usize = 450;
/// …or this many sentences.
const GATHER_SENTENCES: usize = 3;

/// Finds "||" in every paragraph: made once, as making a searcher costs more than most of
/// its searches.
static DOUBLE_BAR: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"||"));

/// Whether [`reflow`] could split the paragraph: it is long, holds "||", or has a closing
/// mark with a capital or a quote right after it. Most paragraphs are none of these, and this
/// looks at a few bytes only.
pub fn needs_reflow(paragraph: &str) -> bool {
    let bytes = paragraph.as_bytes();
    paragraph.len() > LONG_PARAGRAPH
        || DOUBLE_BAR.find(bytes).is_some()
        || memchr::memchr3_iter(b'.', b'!', b'?', bytes).any(|at| {
            bytes
                .get(at + 1)
                .is_some_and(|&b| b.is_ascii_uppercase() || b == b'"' || b >= 0xC3)
        })
}

/// One stored paragraph as readable paragraphs: split at breaks the scraper glued shut, and at
/// sentence ends where a piece is still long. Text is never changed, only divided.
pub fn reflow(paragraph: &str) -> Vec<String> {
    if paragraph.contains("||") {
        let sentences: Vec<&str> = paragraph
            .split("||")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        return gather(&sentences);
    }
    let ends = sentence_ends(paragraph);
    if paragraph.len() <= LONG_PARAGRAPH && !ends.iter().any(|e| e.glued) {
        return vec![paragraph.to_string()];
    }
    let mut out = Vec::new();
    let mut piece_start = 0;
    let mut sentences: Vec<&str> = Vec::new();
    let mut from = 0;
    for end in &ends {
        sentences.push(paragraph[from..end.end].trim());
        from = end.next;
        if end.glued {
            out.extend(split_piece(&paragraph[piece_start..end.end], &sentences));
            sentences.clear();
            piece_start = end.next;
        }
    }
    sentences.push(paragraph[from..].trim());
    out.extend(split_piece(&paragraph[piece_start..], &sentences));
    out.retain(|p| !p.is_empty());
    out
}

/// A piece between glued breaks: whole when short, else gathered from its sentences.
fn split_piece(piece: &str, sentences: &[&str]) -> Vec<String> {
    if piece.len() <= LONG_PARAGRAPH {
        return vec![piece.trim().to_string()];
    }
    gather(sentences)
}

/// Sentences gathered a few at a time into paragraphs.
fn gather(sentences: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut count = 0;
    for sentence in sentences.iter().filter(|s| !s.is_empty()) {
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(sentence);
        count += 1;
        if count >= GATHER_SENTENCES || current.len() >= GATHER_BYTES {
            out.push(std::mem::take(&mut current));
            count = 0;
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The positions of paragraphs that repeat an earlier one word for word (their white space is
/// already made plain); short lines such as "Foto: Antara" are let repeat.
pub fn repeats(paragraphs: &[String]) -> Vec<usize> {
    if paragraphs.len() < 2 {
        return Vec::new();
    }
    let mut seen: HashSet<&str, BuildHasherDefault<FxHasher>> =
        HashSet::with_capacity_and_hasher(paragraphs.len(), Default::default());
    let mut out = Vec::new();
    for (n, paragraph) in paragraphs.iter().enumerate() {
        // Five words at least: four spaces.
        if memchr::memchr_iter(b' ', paragraph.as_bytes())
            .nth(3)
            .is_none()
        {
            continue;
        }
        if !seen.insert(paragraph.as_str()) {
            out.push(n);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_breaks_become_paragraphs() {
        assert_eq!(
            reflow("Harga cabai naik pekan ini.Pedagang di pasar mengeluh sepi pembeli."),
            [
                "Harga cabai naik pekan ini.",
                "Pedagang di pasar mengeluh sepi pembeli."
            ]
        );
    }

    #[test]
    fn a_long_line_is_gathered_into_paragraphs_of_a_few_sentences() {
        let sentence = "Warga kota berkumpul di alun-alun untuk merayakan hari jadi yang ke seratus dengan meriah. ";
        let body = sentence.repeat(20);
        let paragraphs = reflow(body.trim());
        assert!(paragraphs.len() >= 5, "{paragraphs:?}");
        assert!(paragraphs.iter().all(|p| p.len() <= 2 * GATHER_BYTES));
        assert_eq!(paragraphs.join(" "), body.trim());
    }

    #[test]
    fn sentences_joined_with_bars() {
        assert_eq!(
            reflow("Satu kalimat.||Dua kalimat.||Tiga kalimat.||Empat kalimat."),
            ["Satu kalimat. Dua kalimat. Tiga kalimat.", "Empat kalimat."]
        );
    }

    #[test]
    fn a_short_paragraph_stays_whole() {
        let p = "Dr. Budi tiba di Jl. Merdeka. Ia disambut warga.";
        assert_eq!(reflow(p), [p]);
    }

    #[test]
    fn repeated_paragraphs_are_found() {
        let paragraphs: Vec<String> = [
            "Pemerintah menaikkan harga bahan bakar mulai besok pagi.",
            "Foto: Antara",
            "Warga antre di pom bensin sejak sore.",
            "Pemerintah menaikkan harga bahan bakar mulai besok pagi.",
            "Foto: Antara",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(repeats(&paragraphs), [3]);
    }
}
