//! Writes a folder of damaged and hostile article files, one for every case warta must
//! survive, into a temporary folder.
#![allow(dead_code)]

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

/// The escape sequences planted in `escapes.txt`; none may reach the terminal.
pub const PLANTED: [&str; 6] = [
    "\u{1b}]0;PWNED\u{7}",
    "\u{1b}]52;c;aGFja2Vk\u{1b}\\",
    "\u{1b}[2J",
    "\u{1b}P1$qm\u{1b}\\",
    "\u{9b}31m",
    "\u{1b}[31m",
];

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut out = if little {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

/// Options for the large files, which take a while to write.
pub struct Sizes {
    pub huge_bytes: usize,
    pub single_line_bytes: usize,
}

/// Makes the hostile folder in `dir`.
pub fn generate(dir: &Path, sizes: &Sizes) {
    let body =
        "Presiden Rusia Vladimir Putin tiba di Pyongyang untuk pertemuan dengan Kim Jong Un.";
    write(
        dir,
        "plain.txt",
        format!("Judul Artikel Biasa Yang Aman\n{body}\n"),
    );
    write(
        dir,
        "bom.txt",
        format!("\u{feff}Judul Dengan Tanda BOM UTF-8\n{body}\n"),
    );
    write(
        dir,
        "utf16le.txt",
        utf16(
            &format!("Judul UTF-16 Little Endian Berita\r\n{body}\r\n"),
            true,
        ),
    );
    write(
        dir,
        "utf16be.txt",
        utf16(
            &format!("Judul UTF-16 Big Endian Berita\r\n{body}\r\n"),
            false,
        ),
    );
    let (cp1252, _, _) =
        encoding_rs::WINDOWS_1252.encode("Café “kutipan” seharga £15\nIsi artikel di kafe.\n");
    write(dir, "cp1252.txt", cp1252.as_ref());
    write(
        dir,
        "crlf.txt",
        format!("Judul Dengan Akhir Baris CRLF\r\n{body}\r\nParagraf kedua.\r\n"),
    );
    write(
        dir,
        "cr.txt",
        format!("Judul Dengan Akhir Baris CR Saja\r{body}\rParagraf kedua.\r"),
    );
    write(
        dir,
        "tabs.txt",
        format!("Judul\tDengan\tTab Di Dalamnya\n\t{body}\tlagi\n"),
    );
    write(dir, "empty.txt", "");
    write(dir, "blank.txt", " \n\t\r\n   \n");
    let mut binary = b"PNG\x00\x01\x02 not text".to_vec();
    binary.extend(std::iter::repeat_n(0u8, 100));
    write(dir, "binary.txt", binary);
    let escapes = format!(
        "Judul {} Berbahaya {} Sekali\nIsi {} dengan {} dan {} serta {} bel\u{7} bs\u{8} del\u{7f} c1\u{86} bidi\u{202e}terbalik\u{2069}.\n",
        PLANTED[0], PLANTED[1], PLANTED[2], PLANTED[3], PLANTED[4], PLANTED[5]
    );
    write(dir, "escapes.txt", escapes);
    write(
        dir,
        "wide.txt",
        "한국 기사 제목 🇮🇩 Berita 👩‍👩‍👧 Keluarga e\u{301}\n北朝鮮とロシアが条約に署名した。👍🏽 Café\u{301}\n",
    );
    write(dir, "notes.jpg", "not an article: wrong extension");
    write(
        dir,
        ".hidden.txt",
        "Hidden Files Are Skipped Always\nbody\n",
    );
    write(
        dir,
        ".hidden-dir/inside.txt",
        "Hidden Folders Are Skipped Too\nbody\n",
    );
    let mut deep = dir.join("deep");
    for level in 0..25 {
        deep = deep.join(format!("level{level}"));
    }
    write(
        &deep,
        "bottom.txt",
        "Artikel Di Folder Yang Sangat Dalam\nIsi.\n",
    );
    symlink("..", dir.join("deep/up")).unwrap();
    symlink(dir.join("deep"), dir.join("deep-again")).unwrap();
    symlink("/dev/zero", dir.join("zero.txt")).unwrap();
    symlink(dir.join("nowhere.txt"), dir.join("broken.txt")).unwrap();
    let fifo = std::ffi::CString::new(dir.join("fifo.txt").to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0, "mkfifo");
    let paragraph = "Korea Utara dan Rusia sepakat memberikan bantuan militer segera jika keduanya menghadapi agresi bersenjata. ";
    let mut huge = String::from("Artikel Raksasa Dua Puluh Dua Megabita\n");
    // Numbered, so no paragraph repeats another (a repeat would be shown once).
    let mut n = 0;
    while huge.len() < sizes.huge_bytes {
        n += 1;
        huge.push_str(&format!("{n}. "));
        huge.push_str(paragraph);
        huge.push_str(paragraph);
        huge.push('\n');
    }
    write(dir, "huge.txt", huge);
    let mut one_line = String::with_capacity(sizes.single_line_bytes);
    let mut n = 0;
    while one_line.len() < sizes.single_line_bytes {
        n += 1;
        one_line.push_str(&format!("Kalimat {n}: "));
        one_line.push_str(paragraph);
    }
    write(dir, "oneline.txt", one_line);
}
