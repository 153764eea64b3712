//! What the filter reads of every article, packed together: each folded title and outlet in
//! one buffer, and each date as one number. A pass over 100,000 articles then reads memory in
//! order, rather than following a pointer into every article.

use crate::article::ArticleDate;

/// Where one article's folded title and outlet lie in [`Heads::text`]: the title at
/// `start..title_end`, a newline, the outlet up to `outlet_end`, a newline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeadSpan {
    pub start: usize,
    pub title_end: usize,
    pub outlet_end: usize,
}

/// The folded titles, outlets and dates of all articles, by store index.
#[derive(Debug, Default, Clone)]
pub struct Heads {
    /// For each article: its folded title, a newline, its folded outlet, a newline.
    text: String,
    /// Where each article's part of `text` lies.
    spans: Vec<HeadSpan>,
    /// Bit `p` is set when byte `p` of `text` is a capital in the title or outlet as written,
    /// for the articles `as_written` says; a query with capitals (smart case) then reads the
    /// titles as written from here, not from each article.
    capitals: Vec<u64>,
    /// Whether each article's title and outlet as written are ASCII and their folded text is
    /// them lower-cased, byte for byte: then `text` and `capitals` give them back.
    as_written: Vec<bool>,
    /// Each article's date as [`ArticleDate::rank_key`]; 0 when it has none.
    date_keys: Vec<u64>,
}

impl Heads {
    /// Adds the next article's folded title and outlet, its title and outlet as written, and
    /// its date.
    pub fn push(
        &mut self,
        folded: (&str, &str),
        written: (&str, &str),
        date: Option<&ArticleDate>,
    ) {
        let (folded_title, folded_outlet) = folded;
        let start = self.text.len();
        self.text.push_str(folded_title);
        let title_end = self.text.len();
        self.text.push('\n');
        self.text.push_str(folded_outlet);
        let outlet_end = self.text.len();
        self.text.push('\n');
        self.spans.push(HeadSpan {
            start,
            title_end,
            outlet_end,
        });
        self.date_keys.push(date.map_or(0, ArticleDate::rank_key));
        let lower_cased = |written: &str, folded: &str| {
            written.is_ascii()
                && written.len() == folded.len()
                && written.eq_ignore_ascii_case(folded)
        };
        let as_written =
            lower_cased(written.0, folded_title) && lower_cased(written.1, folded_outlet);
        self.as_written.push(as_written);
        self.capitals.resize(self.text.len().div_ceil(64), 0);
        if as_written {
            let parts = [(start, written.0), (title_end + 1, written.1)];
            for (at, byte) in parts
                .iter()
                .flat_map(|(from, part)| (*from..).zip(part.bytes()))
            {
                if byte.is_ascii_uppercase() {
                    self.capitals[at / 64] |= 1 << (at % 64);
                }
            }
        }
    }

    /// Whether article `index`'s title and outlet as written can be read from here (see
    /// [`Heads::is_capital`]).
    pub fn has_as_written(&self, index: usize) -> bool {
        self.as_written[index]
    }

    /// Whether byte `at` of [`Heads::text`] is a capital as written, for an article that
    /// [`Heads::has_as_written`]: its title or outlet as written is the folded text with
    /// these bytes upper-cased.
    pub fn is_capital(&self, at: usize) -> bool {
        self.capitals[at / 64] & (1 << (at % 64)) != 0
    }

    /// The folded title of article `index`.
    pub fn title(&self, index: usize) -> &str {
        let span = self.spans[index];
        &self.text[span.start..span.title_end]
    }

    /// The folded outlet of article `index` ("" when it has none).
    pub fn outlet(&self, index: usize) -> &str {
        let span = self.spans[index];
        &self.text[span.title_end + 1..span.outlet_end]
    }

    /// Where article `index`'s title and outlet lie in [`Heads::text`].
    pub fn span(&self, index: usize) -> HeadSpan {
        self.spans[index]
    }

    /// Every article's folded title and outlet, each followed by a newline.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Every article's date key, by store index; later dates are larger, 0 is no date.
    pub fn date_keys(&self) -> &[u64] {
        &self.date_keys
    }

    /// How many articles there are.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_come_back_as_pushed() {
        let mut heads = Heads::default();
        let date = ArticleDate::new(2024, 6, 20);
        heads.push(
            ("kim tiba di moskow", "kompas tv"),
            ("Kim Tiba di Moskow", "Kompas TV"),
            date.as_ref(),
        );
        heads.push(("", ""), ("", ""), None);
        heads.push(
            ("putin", ""),
            ("Putín", ""),
            ArticleDate::new(2023, 1, 2).as_ref(),
        );
        assert_eq!(heads.len(), 3);
        assert_eq!(
            (heads.title(0), heads.outlet(0)),
            ("kim tiba di moskow", "kompas tv")
        );
        assert_eq!((heads.title(1), heads.outlet(1)), ("", ""));
        assert_eq!((heads.title(2), heads.outlet(2)), ("putin", ""));
        assert_eq!(heads.text(), "kim tiba di moskow\nkompas tv\n\n\nputin\n\n");
        let written: String = (0..heads.text().len())
            .map(|at| match heads.is_capital(at) {
                true => heads.text().as_bytes()[at].to_ascii_uppercase() as char,
                false => heads.text().as_bytes()[at] as char,
            })
            .collect();
        assert!(
            written.starts_with("Kim Tiba di Moskow\nKompas TV\n"),
            "{written}"
        );
        assert!(heads.has_as_written(0) && heads.has_as_written(1));
        assert!(
            !heads.has_as_written(2),
            "a title beyond ASCII is read from its article"
        );
        let keys = heads.date_keys();
        assert_eq!(keys[1], 0, "no date");
        assert!(keys[0] > keys[2] && keys[2] > 0, "later dates are larger");
    }
}
