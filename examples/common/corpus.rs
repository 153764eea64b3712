//! A deterministic synthetic corpus of Indonesian-style news articles, for benchmarks and the
//! `gen_corpus` example: the seeds' vocabulary, headlines, datelines of many outlets, bylines,
//! "Baca Juga" links and footers, 1–8 KB each, spread over subfolders. The same count and
//! seed always give the same bytes.

use std::io::Write;
use std::path::Path;

/// A small, fast, deterministic generator (xorshift64*); the corpus only needs variety.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T: AsRef<str>>(&mut self, items: &'a [T]) -> &'a str {
        items[self.below(items.len())].as_ref()
    }
}

const DATELINES: [&str; 14] = [
    "TRIBUNNEWS.COM – ",
    "JAKARTA, KOMPAS.com - ",
    "Liputan6.com, Jakarta - ",
    "Jakarta (ANTARA) - ",
    "REPUBLIKA.CO.ID, JAKARTA -- ",
    "TEMPO.CO, Jakarta - ",
    "Pyongyang – ",
    "PYONGYANG, KOMPAS.TV - ",
    "TRIBUNJATENG.COM, SEMARANG - ",
    "TRIBUNBANYUMAS.COM, SEOUL - ",
    "Suara.com - ",
    "Okezone.com - ",
    "Jakarta, CNN Indonesia -- ",
    "",
];

const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

const DAYS: [&str; 7] = [
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
];

const NAMES: [&str; 8] = [
    "Tiara Shelavie",
    "Haryo Jati",
    "rika irawati",
    "Dewi Lestari",
    "Bambang Susilo",
    "Putri Ayu",
    "Andi Pratama",
    "Siti Rahma",
];

/// The seed articles, whose words the corpus is made of. Included here rather than taken from
/// warta's store, so this file builds inside warta's own tests as well as beside it.
const SEED_TEXTS: [&[u8]; 5] = [
    include_bytes!("../../seeds/000_c7b58f4dcbc6b504.txt"),
    include_bytes!("../../seeds/001_00dd18946a3d455e.txt"),
    include_bytes!("../../seeds/002_dc11ff0526b04c86.txt"),
    include_bytes!("../../seeds/003_5afb30bb05a49fbf.txt"),
    include_bytes!("../../seeds/004_ee0d83f3ab87bd38.txt"),
];

fn vocabulary() -> Vec<String> {
    let mut words: Vec<String> = SEED_TEXTS
        .iter()
        .flat_map(|bytes| {
            String::from_utf8_lossy(bytes)
                .into_owned()
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| w.len() > 1 && w.chars().all(|c| c.is_alphabetic() || c == '-'))
        .collect();
    words.sort();
    words.dedup();
    words
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn sentence(rng: &mut Rng, words: &[String]) -> String {
    let len = 8 + rng.below(18);
    let mut out = capitalise(rng.pick(words));
    for _ in 1..len {
        out.push(' ');
        out.push_str(rng.pick(words));
        if rng.below(12) == 0 {
            out.push(',');
        }
    }
    if rng.below(5) == 0 {
        let month = rng.below(12);
        out.push_str(&format!(
            " pada {} ({}/{}/{})",
            rng.pick(&DAYS),
            1 + rng.below(28),
            month + 1,
            2015 + rng.below(11)
        ));
    }
    out.push('.');
    out
}

/// One synthetic article.
fn article(rng: &mut Rng, words: &[String]) -> String {
    let target = 1024 + rng.below(7 * 1024);
    let mut text = String::with_capacity(target + 512);
    let title_len = 6 + rng.below(9);
    let title: Vec<String> = (0..title_len)
        .map(|_| capitalise(rng.pick(words)))
        .collect();
    text.push_str(&title.join(" "));
    text.push_str("\n\n");
    if rng.below(3) == 0 {
        let month = rng.below(12);
        text.push_str(&format!(
            "{}, {} {} {}, {:02}:{:02} WIB\n",
            rng.pick(&DAYS),
            1 + rng.below(28),
            MONTHS[month],
            2015 + rng.below(11),
            rng.below(24),
            rng.below(60)
        ));
    }
    text.push_str(rng.pick(&DATELINES));
    let mut paragraphs = 0;
    while text.len() < target {
        let sentences = 1 + rng.below(3);
        for n in 0..sentences {
            if n > 0 {
                text.push(' ');
            }
            text.push_str(&sentence(rng, words));
        }
        text.push_str("\n\n");
        paragraphs += 1;
        if paragraphs % 4 == 0 {
            text.push_str("Baca Juga: ");
            text.push_str(&sentence(rng, words));
            text.push_str("\n\n");
        }
    }
    text.push_str(&format!(
        "Penulis: {} | Editor: {}\n",
        rng.pick(&NAMES),
        rng.pick(&NAMES)
    ));
    if rng.below(4) == 0 {
        text.push_str("Berita Terkait\nIkuti kami di\n© 2025 Network. All Right Reserved\n");
    }
    text
}

/// The `index`-th file's path under `out`: 100 articles to a folder, 10 folders to a parent.
pub fn path_of(out: &Path, index: usize) -> std::path::PathBuf {
    out.join(format!("{:03}", index / 1000))
        .join(format!("{:02}", (index / 100) % 10))
        .join(format!("artikel-{index:06}.txt"))
}

/// Writes `count` articles under `out`; returns the bytes written.
pub fn write_corpus(out: &Path, count: usize, seed: u64) -> std::io::Result<usize> {
    let words = vocabulary();
    let mut rng = Rng(seed | 1);
    let mut bytes = 0usize;
    for i in 0..count {
        let path = path_of(out, i);
        if i % 100 == 0
            && let Some(parent) = path.parent()
        {
            std::fs::create_dir_all(parent)?;
        }
        let text = article(&mut rng, &words);
        bytes += text.len();
        std::fs::File::create(path)?.write_all(text.as_bytes())?;
    }
    Ok(bytes)
}

/// `count` articles as strings, without touching the disk.
pub fn articles(count: usize, seed: u64) -> Vec<String> {
    let words = vocabulary();
    let mut rng = Rng(seed | 1);
    (0..count).map(|_| article(&mut rng, &words)).collect()
}
