//! The words a line must hold for a rule's pattern to match it, read from the pattern itself,
//! so that one scan of a line tells which rules can match it and the others are not tried.
//! Most lines of most articles match no rule; with this they are passed over at the speed of
//! one automaton scan instead of one regular-expression search per rule.

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use regex_syntax::hir::{Class, Hir, HirKind};

/// At most this many strings stand for one part of a pattern (case variants and
/// alternatives multiply); past it the part is looked at in smaller pieces.
const MAX_STRINGS: usize = 64;
/// A needle shorter than this would be found on most lines: a rule with only such needles
/// is tried on every line instead.
const MIN_NEEDLE: usize = 3;

/// What a part of a pattern says about the text it matches. Strings are folded to ASCII
/// lower case (other bytes as they are), as the line is before it is scanned.
#[derive(Debug, Clone, PartialEq)]
enum Lits {
    /// The part matches exactly one of these strings.
    Exact(Vec<Vec<u8>>),
    /// Whatever the part matches holds one of these strings.
    Contains(Vec<Vec<u8>>),
    /// Nothing is known.
    Any,
}

/// Strings one of which every match of `pattern` holds (ASCII case aside), or `None` when
/// the pattern gives none long enough to be worth a scan. Never wrong: a line without any of
/// them cannot match.
pub fn needles(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let strings = match lits(&hir) {
        Lits::Exact(s) | Lits::Contains(s) => s,
        Lits::Any => return None,
    };
    (shortest(&strings) >= MIN_NEEDLE).then_some(strings)
}

fn shortest(strings: &[Vec<u8>]) -> usize {
    strings.iter().map(Vec::len).min().unwrap_or(0)
}

fn lits(hir: &Hir) -> Lits {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Lits::Exact(vec![Vec::new()]),
        HirKind::Literal(literal) => Lits::Exact(vec![literal.0.to_ascii_lowercase()]),
        HirKind::Class(class) => class_strings(class).map_or(Lits::Any, Lits::Exact),
        HirKind::Capture(capture) => lits(&capture.sub),
        HirKind::Repetition(rep) => match (rep.min, rep.max, lits(&rep.sub)) {
            (_, _, Lits::Any) => Lits::Any,
            // "x?" is x or nothing: still exact, which keeps "Baca ?Juga" one needle.
            (0, Some(1), Lits::Exact(mut strings)) if strings.len() < MAX_STRINGS => {
                strings.push(Vec::new());
                Lits::Exact(dedup(strings))
            }
            (0, _, _) => Lits::Any,
            (1, Some(1), exact) => exact,
            (_, _, Lits::Exact(strings) | Lits::Contains(strings)) => Lits::Contains(strings),
        },
        HirKind::Concat(parts) => concat(parts),
        HirKind::Alternation(branches) => alternation(branches),
    }
}

/// A class of one character in its case variants ("[Bb]", or what `(?i)k` becomes) is that
/// character; a wider class says nothing.
fn class_strings(class: &Class) -> Option<Vec<Vec<u8>>> {
    let mut strings = Vec::new();
    match class {
        Class::Unicode(class) => {
            for range in class.iter() {
                for c in range.start()..=range.end() {
                    if strings.len() >= 4 {
                        return None;
                    }
                    let mut buf = [0; 4];
                    strings.push(c.encode_utf8(&mut buf).as_bytes().to_ascii_lowercase());
                }
            }
        }
        Class::Bytes(class) => {
            for range in class.iter() {
                for b in range.start()..=range.end() {
                    if strings.len() >= 4 {
                        return None;
                    }
                    strings.push(vec![b.to_ascii_lowercase()]);
                }
            }
        }
    }
    let strings = dedup(strings);
    (strings.len() <= 2).then_some(strings)
}

/// The parts in a row: runs of exact parts are joined into longer strings; the best run or
/// part (longest shortest string, then fewest strings) stands for the whole.
fn concat(parts: &[Hir]) -> Lits {
    let mut best: Option<Vec<Vec<u8>>> = None;
    let mut consider = |strings: Vec<Vec<u8>>| {
        let better = match &best {
            None => true,
            Some(b) => {
                (shortest(&strings), std::cmp::Reverse(strings.len()))
                    > (shortest(b), std::cmp::Reverse(b.len()))
            }
        };
        if better && shortest(&strings) > 0 {
            best = Some(strings);
        }
    };
    let mut run: Vec<Vec<u8>> = vec![Vec::new()];
    let mut all_exact = true;
    for part in parts {
        match lits(part) {
            Lits::Exact(strings) if run.len() * strings.len() <= MAX_STRINGS => {
                run = run
                    .iter()
                    .flat_map(|a| strings.iter().map(move |b| [a.as_slice(), b].concat()))
                    .collect();
            }
            Lits::Exact(strings) => {
                all_exact = false;
                consider(std::mem::replace(&mut run, strings));
            }
            Lits::Contains(strings) => {
                all_exact = false;
                consider(std::mem::replace(&mut run, vec![Vec::new()]));
                consider(strings);
            }
            Lits::Any => {
                all_exact = false;
                consider(std::mem::replace(&mut run, vec![Vec::new()]));
            }
        }
    }
    if all_exact {
        return Lits::Exact(dedup(run));
    }
    consider(run);
    best.map_or(Lits::Any, |strings| Lits::Contains(dedup(strings)))
}

/// One of the branches: every branch must say something, and the strings of all of them
/// stand for the whole.
fn alternation(branches: &[Hir]) -> Lits {
    let mut strings = Vec::new();
    let mut all_exact = true;
    for branch in branches {
        match lits(branch) {
            Lits::Exact(s) => strings.extend(s),
            Lits::Contains(s) => {
                all_exact = false;
                strings.extend(s);
            }
            Lits::Any => return Lits::Any,
        }
    }
    let strings = dedup(strings);
    match all_exact {
        true => Lits::Exact(strings),
        false => Lits::Contains(strings),
    }
}

fn dedup(mut strings: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    strings.sort();
    strings.dedup();
    strings
}

/// Rules tried on a line one by one, in order, each only when the line holds one of its
/// needles (or it has none).
#[derive(Debug)]
pub struct Screened<T> {
    rules: Vec<(Regex, T)>,
    /// Where the next needle is in lines in ASCII lower case: a searcher that can skip ahead
    /// with SIMD, which an automaton that ignores case cannot. `None` when no rule has needles.
    any: Option<AhoCorasick>,
    /// Every needle a line holds, overlapping ones too: run only on the lines `any` found one
    /// in.
    each: Option<AhoCorasick>,
    /// For each needle, the rule it belongs to.
    needle_rule: Vec<usize>,
    /// The rules with no needles: tried on every line.
    always: Vec<usize>,
}

thread_local! {
    /// The lines in ASCII lower case, one after another, and where each starts: kept between
    /// articles so that none allocates.
    static LOWERED: std::cell::RefCell<(Vec<u8>, Vec<usize>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

/// Which rules may match each of a run of lines (see [`Screened::screen`]).
#[derive(Debug, Default)]
pub struct Screen {
    /// (line, rule) for each rule a needle of which a line holds, in order, each once.
    hits: Vec<(u32, u32)>,
}

impl<T> Screened<T> {
    /// The rules, in the order they are tried.
    pub fn new(rules: Vec<(Regex, T)>) -> Screened<T> {
        let mut needle_list = Vec::new();
        let mut needle_rule = Vec::new();
        let mut always = Vec::new();
        for (n, (regex, _)) in rules.iter().enumerate() {
            match needles(regex.as_str()) {
                Some(strings) => {
                    needle_rule.extend(std::iter::repeat_n(n, strings.len()));
                    needle_list.extend(strings);
                }
                None => always.push(n),
            }
        }
        let build = |kind: MatchKind| {
            AhoCorasick::builder()
                .match_kind(kind)
                .build(&needle_list)
                .ok()
        };
        let (any, each) = match needle_list.is_empty() {
            true => (None, None),
            false => (build(MatchKind::LeftmostFirst), build(MatchKind::Standard)),
        };
        // Were a searcher not built, every rule is tried: slower, never wrong.
        if any.is_none() || each.is_none() {
            always = (0..rules.len()).collect();
        }
        Screened {
            rules,
            any,
            each,
            needle_rule,
            always,
        }
    }

    /// Which rules may match each of `lines`, read in one scan over them all: a scan costs
    /// more than the bytes it reads, and one per line took about three times as long over an
    /// article's lines. The lines are joined by a newline, which no line holds, so a needle
    /// found across two lines only makes a rule be tried in vain.
    pub fn screen<'a>(&self, lines: impl IntoIterator<Item = &'a str>) -> Screen {
        let mut hits = Vec::new();
        if let (Some(any), Some(each)) = (&self.any, &self.each) {
            LOWERED.with_borrow_mut(|(lowered, starts)| {
                lowered.clear();
                starts.clear();
                for line in lines {
                    starts.push(lowered.len());
                    lowered.extend_from_slice(line.as_bytes());
                    lowered.push(b'\n');
                }
                lowered.make_ascii_lowercase();
                // The lines with a needle, found by the searcher that skips ahead; each of
                // them then read for every needle it holds.
                let mut from = 0;
                while let Some(first) =
                    any.find(aho_corasick::Input::new(lowered.as_slice()).range(from..))
                {
                    let line = starts.partition_point(|&start| start <= first.start()) - 1;
                    // Up to the newline after it.
                    let end = starts.get(line + 1).copied().unwrap_or(lowered.len()) - 1;
                    for hit in each.find_overlapping_iter(&lowered[starts[line]..end]) {
                        let rule = self.needle_rule[hit.pattern().as_usize()];
                        hits.push((line as u32, rule as u32));
                    }
                    from = end;
                }
                hits.sort_unstable();
                hits.dedup();
            });
        }
        Screen { hits }
    }

    /// The rules that may match line `line` of those `screen` was made of, in order.
    pub fn candidates_in<'s>(
        &'s self,
        screen: &Screen,
        line: usize,
    ) -> impl Iterator<Item = &'s (Regex, T)> + use<'s, T> {
        let line = line as u32;
        let from = screen.hits.partition_point(|&(l, _)| l < line);
        let to = screen.hits.partition_point(|&(l, _)| l <= line);
        let mut found: Vec<usize> = self.always.clone();
        found.extend(screen.hits[from..to].iter().map(|&(_, rule)| rule as usize));
        if found.len() > 1 {
            found.sort_unstable();
            found.dedup();
        }
        found.into_iter().map(|n| &self.rules[n])
    }

    /// Every rule, in order.
    #[cfg(test)]
    pub fn all(&self) -> impl Iterator<Item = &(Regex, T)> {
        self.rules.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(pattern: &str) -> Option<Vec<String>> {
        needles(pattern).map(|s| {
            s.into_iter()
                .map(|b| String::from_utf8(b).unwrap())
                .collect()
        })
    }

    #[test]
    fn case_variants_and_optional_spaces_make_one_needle() {
        let found = strings(r"\b(?:[Bb]aca|BACA) ?(?:[Jj]uga|JUGA)\b\s*:?").unwrap();
        assert_eq!(found, ["baca juga", "bacajuga"]);
    }

    #[test]
    fn the_longest_required_piece_is_chosen() {
        // "(" alone would be on most lines; the words after it are not.
        let found = strings(r"\(\s*(?:lihat|simak) juga\s*:[^()]{0,200}\)").unwrap();
        assert_eq!(found, ["lihat juga", "simak juga"]);
        // The longer words after the gap, each with the variants (?i) gives it ("ſ" is an s).
        let found = strings(r"(?i)^(ikuti|like)\b.{0,160}\b(whatsapp|telegram)\b").unwrap();
        assert_eq!(found, ["telegram", "whatsapp", "whatſapp"]);
    }

    #[test]
    fn case_insensitive_patterns_keep_their_unicode_variants() {
        // (?i)k also matches the Kelvin sign; the needles must too, or a line could be missed.
        let found = needles("(?i)kick").unwrap();
        assert!(found.contains(&b"kick".to_vec()));
        assert!(found.contains(&"\u{212a}ick".as_bytes().to_vec()));
    }

    #[test]
    fn patterns_with_nothing_long_enough_have_no_needles() {
        assert_eq!(strings(r"^\d{1,3}(\s+\d{1,3})*$"), None);
        assert_eq!(strings(r"(foo)?bar?"), None);
        assert_eq!(strings(r"[A-Z]{2,}/[A-Z]+"), None);
        assert_eq!(strings(r"ab|cdef"), None);
    }

    #[test]
    fn the_screen_never_hides_a_rule_that_matches() {
        let screened = test_screened();
        let lines = [
            "Kata dia. Also read: Something else",
            "ALSO READ: loud",
            "[Gambas:Video 20detik]",
            "12345",
            "SCROLL TO CONTINUE with the rest",
            "Nothing here at all, only text (and brackets) [x]",
            "Two at once. Also read: [Embed: a video]",
        ];
        // Each line alone, and all of them in one scan.
        for (n, line) in lines.iter().enumerate() {
            let alone = screened.screen([*line]);
            assert_eq!(
                matched(&screened, &alone, 0, line),
                all_matched(&screened, line)
            );
            let together = screened.screen(lines);
            assert_eq!(
                matched(&screened, &together, n, line),
                all_matched(&screened, line)
            );
        }
        // The plain line is tried only against the rule with no needles.
        let screen = screened.screen(lines);
        let tried: Vec<usize> = screened
            .candidates_in(&screen, 5)
            .map(|(_, n)| *n)
            .collect();
        assert_eq!(tried, [2]);
        // A needle across two lines ("also" / "read:") only makes a rule be tried.
        let split = ["Kata dia also", "read: nothing"];
        let screen = screened.screen(split);
        for (n, line) in split.iter().enumerate() {
            assert_eq!(
                matched(&screened, &screen, n, line),
                all_matched(&screened, line)
            );
        }
    }

    fn test_screened() -> Screened<usize> {
        let patterns = [
            r"\b(?:[Aa]lso [Rr]ead|READ MORE)\s*:\s*",
            r"\[(?:[Gg]ambas|[Ee]mbed)\s*:[^\]]{0,80}\]",
            r"^\d+$",
            "(?i)scroll to continue",
        ];
        Screened::new(
            patterns
                .iter()
                .enumerate()
                .map(|(n, p)| (Regex::new(p).unwrap(), n))
                .collect(),
        )
    }

    /// The rules the screen lets be tried on line `n` that match it.
    fn matched(screened: &Screened<usize>, screen: &Screen, n: usize, line: &str) -> Vec<usize> {
        (screened.candidates_in(screen, n))
            .filter(|(re, _)| re.is_match(line))
            .map(|(_, n)| *n)
            .collect()
    }

    /// Every rule that matches `line`.
    fn all_matched(screened: &Screened<usize>, line: &str) -> Vec<usize> {
        (screened.all())
            .filter(|(re, _)| re.is_match(line))
            .map(|(_, n)| *n)
            .collect()
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        /// Over an article's lines screened in one scan, every rule that matches a line is
        /// among those the screen lets be tried on it.
        #[test]
        fn one_scan_over_many_lines_hides_no_rule(
            lines in proptest::collection::vec(
                proptest::collection::vec(proptest::sample::select(vec![
                    "also", "Also", "read", "READ", "MORE", ":", "[", "]", "gambas", "Embed",
                    "scroll", "SCROLL", "to", "continue", "12", "x", " ", "\u{e9}",
                ]), 0..8).prop_map(|words: Vec<&str>| words.concat()),
                0..6,
            )
        ) {
            let screened = test_screened();
            let screen = screened.screen(lines.iter().map(String::as_str));
            for (n, line) in lines.iter().enumerate() {
                proptest::prop_assert_eq!(
                    matched(&screened, &screen, n, line),
                    all_matched(&screened, line),
                    "line {} of {:?}", n, &lines
                );
            }
        }
    }
}
