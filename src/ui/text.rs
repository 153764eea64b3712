//! Fitting text into cells: display widths (CJK and emoji take two, combining marks none),
//! truncation with "…".

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns the text takes on screen.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// The text cut to at most `max` columns, ending in "…" when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('…');
    out
}

/// The text cut to at most `max` columns from the start, beginning with "…" when cut: the
/// end of a path, where its file's name is.
pub fn truncate_start(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        kept.push(c);
        used += w;
    }
    let mut out = String::from("…");
    out.extend(kept.into_iter().rev());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_by_columns() {
        assert_eq!(truncate("Kompas TV", 20), "Kompas TV");
        assert_eq!(truncate("Kompas TV", 7), "Kompas…");
        assert_eq!(truncate("한국어 기사", 5), "한국…");
        assert!(width(&truncate("한국어 기사", 4)) <= 4);
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("café\u{301} latte", 5), "café\u{301}…");
        assert_eq!(
            truncate_start("/a/long/folder/berita.txt", 12),
            "…/berita.txt"
        );
        assert_eq!(truncate_start("berita.txt", 12), "berita.txt");
    }
}
