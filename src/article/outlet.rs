//! Outlet names made canonical: one outlet, one name, however the text spells it
//! ("SURYA.co.id", "Surya.co.id" and "www.surya.co.id" are all "Surya"). A name the rules know
//! is taken from the rules; any other web address names its outlet by itself, with the
//! domain suffix dropped ("WARTAKOTALIVE.COM" → "Wartakotalive", "BeritaSatu.com" →
//! "BeritaSatu").

use crate::rules::Rules;
use regex::Regex;
use std::sync::OnceLock;

/// Top-level and second-level domain labels that end an outlet's web address.
const SUFFIX_LABELS: &[&str] = &[
    "com", "co", "id", "net", "org", "tv", "news", "info", "in", "uk", "au", "my", "sg", "ph",
    "us", "ca", "nz", "za", "ac", "or", "go", "web", "biz", "online", "media", "live",
];

/// Compiles this module's patterns now rather than at their first use (see
/// [`crate::article::compile_patterns`]).
pub(crate) fn compile_patterns() {
    domain_regex();
}

/// The web-address pattern. It ends at an ASCII word boundary: with a Unicode one, the fast
/// automaton gives up on any text beyond ASCII (curly quotes, dashes) and a slower engine scans
/// the head of nearly every article (4 % of `--list`'s instructions); a suffix is ASCII, so
/// only an address glued to a letter beyond ASCII reads differently.
fn domain_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let suffixes = SUFFIX_LABELS.join("|");
        Regex::new(&format!(
            r"(?i)(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)*?(?:\.(?:{suffixes}))+(?-u:\b)"
        ))
        .expect("domain pattern is valid")
    })
}

/// True when the whole token is a web address ("Kompas.com", "TRIBUNKALTIM.CO").
pub fn is_domain(token: &str) -> bool {
    domain_regex()
        .find(token)
        .is_some_and(|m| m.start() == 0 && m.len() == token.len())
}

/// Every web address in a line, with where it starts and ends.
pub fn domains_in(line: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    may_hold_domain(line)
        .then(|| domain_regex().find_iter(line).map(|m| (m.start(), m.end())))
        .into_iter()
        .flatten()
}

/// The first web address in a line.
pub fn domain_in(line: &str) -> Option<&str> {
    domains_in(line)
        .next()
        .map(|(start, end)| &line[start..end])
}

/// Whether a line has a full stop with a letter right after it, as every address has before
/// its suffix: prose has its full stops before a space, so most lines are passed over without
/// the pattern. A character beyond ASCII counts as a letter, as the pattern ignores case and
/// "ſ" is an "s" to it.
fn may_hold_domain(line: &str) -> bool {
    let bytes = line.as_bytes();
    memchr::memchr_iter(b'.', bytes).any(|at| {
        bytes
            .get(at + 1)
            .is_some_and(|&b| b.is_ascii_alphabetic() || b >= 0x80)
    })
}

/// The outlet a token names, canonical: from the rules when they know it (or know the
/// address without its subdomains), else, for a web address, the address itself without
/// its suffix. `None` for a word that is neither.
pub fn outlet_name(token: &str, rules: &Rules) -> Option<String> {
    let token = token.trim().trim_matches(['.', ',']);
    if let Some(name) = rules.outlet_for(token) {
        return Some(name);
    }
    if !is_domain(token) {
        return None;
    }
    let lower = token.to_lowercase();
    let labels: Vec<&str> = lower.split('.').collect();
    // "money.kompas.com" → "kompas.com"; "aceh.tribunnews.com" → "tribunnews.com".
    for start in 1..labels.len().saturating_sub(1) {
        if let Some(name) = rules.outlet_for(&labels[start..].join(".")) {
            return Some(name);
        }
    }
    Some(name_of_domain(token))
}

/// "WARTAKOTALIVE.COM" → "Wartakotalive", "pos-kupang.com" → "Pos-Kupang", "BeritaSatu.com" →
/// "BeritaSatu": the label before the suffix, capitalised unless it was written in mixed case.
pub fn name_of_domain(token: &str) -> String {
    let token = token.trim_start_matches('.');
    let without_www = if token.len() > 4 && token[..4].eq_ignore_ascii_case("www.") {
        &token[4..]
    } else {
        token
    };
    let labels: Vec<&str> = without_www.split('.').collect();
    let mut end = labels.len();
    while end > 1
        && SUFFIX_LABELS
            .iter()
            .any(|s| s.eq_ignore_ascii_case(labels[end - 1]))
    {
        end -= 1;
    }
    let name = labels[end - 1];
    // "AL.com", "NJ.com": a name of two or three letters says little without its suffix.
    if name.chars().count() <= 3 {
        let rest = &without_www[name.len()..];
        return format!("{}{}", name.to_uppercase(), rest.to_lowercase());
    }
    let has_upper = name.chars().any(char::is_uppercase);
    let has_lower = name.chars().any(char::is_lowercase);
    let first_upper = name.chars().next().is_some_and(char::is_uppercase);
    if has_upper && has_lower && !(first_upper && name.chars().skip(1).all(|c| !c.is_uppercase())) {
        return name.to_string();
    }
    capitalise_parts(&name.to_lowercase())
}

/// "pos-kupang" → "Pos-Kupang".
fn capitalise_parts(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = c == '-' || c == ' ';
    }
    out
}

/// A name from an agency's parenthesis or a page title that no rule knows, canonical: short
/// all-capital names stay so ("CNN", "AFP"), longer ones are capitalised ("REUTERS" →
/// "Reuters"), mixed case is kept.
pub fn name_as_written(token: &str) -> String {
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    if token.chars().any(char::is_lowercase) || letters <= 4 {
        token.to_string()
    } else {
        crate::rules::title_case(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_domains_name_themselves() {
        let rules = Rules::builtin();
        for (token, name) in [
            ("GAZETKITA.CO.ID", "Gazetkita"),
            ("KORANDESALIVE.COM", "Korandesalive"),
            ("SINARPAGI.co.id", "Sinarpagi"),
            ("Sinarpagi.co.id", "Sinarpagi"),
            ("www.sinarpagi.co.id", "Sinarpagi"),
            ("pos-bandung.com", "Pos-Bandung"),
            ("BeritaSatu.com", "BeritaSatu"),
            ("cricket.com.au", "Cricket"),
        ] {
            assert_eq!(outlet_name(token, rules).as_deref(), Some(name), "{token}");
        }
    }

    #[test]
    fn subdomains_of_known_outlets() {
        let rules = Rules::builtin();
        assert_eq!(
            outlet_name("money.kompas.com", rules).as_deref(),
            Some("Kompas")
        );
        assert_eq!(
            outlet_name("news.detik.com", rules).as_deref(),
            Some("Detik")
        );
    }

    proptest::proptest! {
        /// The quick look before the pattern never hides an address the pattern finds.
        #[test]
        fn every_address_the_pattern_finds_is_found(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "kompas", "Com", "co", ".", ". ", "id", "IN", "in", "www", "-", "9", " ", "\u{17f}g",
                "\u{e9}", "news", "\u{2019}",
            ]), 0..16),
        ) {
            let line = pieces.concat();
            let by_pattern: Vec<(usize, usize)> =
                domain_regex().find_iter(&line).map(|m| (m.start(), m.end())).collect();
            proptest::prop_assert_eq!(domains_in(&line).collect::<Vec<_>>(), by_pattern.clone());
            proptest::prop_assert_eq!(
                domain_in(&line),
                by_pattern.first().map(|&(s, e)| &line[s..e])
            );
        }
    }

    #[test]
    fn words_that_are_not_addresses_name_nothing() {
        let rules = Rules::builtin();
        assert_eq!(outlet_name("Presiden", rules), None);
        assert_eq!(outlet_name("3.5", rules), None);
        assert!(!is_domain("Jong-un"));
        assert!(is_domain("TRIBUNKALTIM.CO"));
    }

    #[test]
    fn addresses_in_text_beyond_ascii() {
        let spans = |line: &str| -> Vec<String> {
            domains_in(line)
                .map(|(s, e)| line[s..e].to_string())
                .collect()
        };
        assert_eq!(
            spans("“JAKARTA, KOMPAS.com—Presiden” dan detik.com’s"),
            ["KOMPAS.com", "detik.com"]
        );
        // A suffix runs on into a word: no address ends there.
        assert_eq!(spans("kompas.community"), Vec::<String>::new());
        assert_eq!(spans("Baca di tempo.co/read"), ["tempo.co"]);
    }
}
