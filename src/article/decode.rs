//! Turning a file's bytes into text: UTF-8 (with or without BOM), UTF-16 with a BOM, and
//! anything else read as Windows-1252, with a warning saying so.

use encoding_rs::WINDOWS_1252;

/// Text decoded from bytes, and a warning when the encoding had to be guessed or was damaged.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub warning: Option<String>,
}

/// Decodes a file's bytes. Never fails: bytes that are not UTF-8 are read as Windows-1252,
/// which maps every byte to a character.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let warning = had_errors.then(|| {
            format!(
                "the file starts with a {} byte-order mark but has bytes that are not {}; they show as \u{FFFD}",
                encoding.name(),
                encoding.name()
            )
        });
        return Decoded {
            text: text.into_owned(),
            warning,
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.to_owned(),
            warning: None,
        },
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            Decoded {
                text: text.into_owned(),
                warning: Some(
                    "the file is not valid UTF-8; it was read as Windows-1252 — save it as UTF-8 if letters look wrong"
                        .to_string(),
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("Café".as_bytes()).text, "Café");
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice("Café".as_bytes());
        assert_eq!(
            decode(&with_bom),
            Decoded {
                text: "Café".into(),
                warning: None
            }
        );
    }

    #[test]
    fn utf16_both_orders() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in "Kim “Jong” Un".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&le).text, "Kim “Jong” Un");
        assert_eq!(decode(&be).text, "Kim “Jong” Un");
        assert_eq!(decode(&le).warning, None);
    }

    #[test]
    fn windows_1252_fallback_warns() {
        let (bytes, _, _) = WINDOWS_1252.encode("Café “kutipan” seharga £15");
        let decoded = decode(&bytes);
        assert_eq!(decoded.text, "Café “kutipan” seharga £15");
        assert!(decoded.warning.unwrap().contains("Windows-1252"));
    }
}
