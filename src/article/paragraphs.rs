//! Paragraphs as a reader wants them. Scrapers lose paragraph breaks: a whole body stored as
//! one line, paragraphs glued with no space ("kata dia.Menurutnya"), sentences joined with
//! "||". Such text is split back into paragraphs at sentence ends; a paragraph the body
//! repeats word for word is shown once.

use super::sentences::{closes, may_start_glued, sentence_ends};
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
/// mark followed (past any closing quotes and brackets) by what a sentence glued shut starts
/// with ("kata dia.Menurutnya", "kata dia.')Menurutnya"), read as [`sentence_ends`] reads
/// them. Most paragraphs are none of these, and this looks at a few characters only.
pub fn needs_reflow(paragraph: &str) -> bool {
    paragraph.len() > LONG_PARAGRAPH
        || DOUBLE_BAR.find(paragraph.as_bytes()).is_some()
        || memchr::memchr3_iter(b'.', b'!', b'?', paragraph.as_bytes()).any(|at| {
            // The marks are ASCII: the text after one starts a character.
            paragraph[at + 1..]
                .chars()
                .find(|&c| !closes(c))
                .is_some_and(may_start_glued)
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

    proptest::proptest! {
        /// The quick look never passes over a paragraph that reflowing would split.
        #[test]
        fn whatever_reflow_splits_is_looked_at(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "kata", "dia", "Menurut", "Éric", "ábc", "U.S", "Dr", "1.000", ".", "!", "?",
                "\"", "\u{201d}", "\u{201c}", "\u{2019}", "'", ")", "]", "(", " ", " ", "||",
            ]), 0..24),
        ) {
            let text = pieces.concat();
            if reflow(&text) != [text.as_str()] {
                proptest::prop_assert!(needs_reflow(&text), "{:?} -> {:?}", text, reflow(&text));
            }
        }
    }

    #[test]
    fn closing_quotes_and_brackets_before_a_glued_sentence() {
        let quoted =
            "\u{201c}Kami siap,\u{201d} katanya. \u{201c}Besok dimulai.\u{201d} Lalu ia pergi.";
        assert!(!needs_reflow(quoted));
        assert_eq!(reflow(quoted), [quoted]);
        let glued = "Ia berkata \u{201c}siap.\u{201d}Menurutnya semua lancar.";
        assert!(needs_reflow(glued));
        assert_eq!(reflow(glued).len(), 2, "{:?}", reflow(glued));
        // A quote or a bracket closed before the glued sentence: missed before.
        let closed = "Ia setuju (katanya.)Menurutnya semua lancar.";
        assert!(needs_reflow(closed));
        assert_eq!(
            reflow(closed),
            ["Ia setuju (katanya.)", "Menurutnya semua lancar."]
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
