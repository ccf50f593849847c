//! Strict, unpadded base64url (RFC 7515 §2, RFC 4648 §5).
//!
//! Decoding refuses everything a canonical encoder would not write: padding, `+` and `/`,
//! whitespace, a length of 1 mod 4, and non-zero trailing bits. Errors say where.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::fmt;

/// What is wrong with a segment, and at which byte offset within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum B64Error {
    /// A byte outside the base64url alphabet (`=` padding, `+`, `/`, whitespace, anything else).
    InvalidByte {
        /// Offset of the byte in the segment.
        offset: usize,
        /// The byte.
        byte: u8,
    },
    /// A length that no encoding produces (1 mod 4).
    InvalidLength,
    /// The last character carries bits that a canonical encoder leaves at zero.
    TrailingBits {
        /// Offset of the last character.
        offset: usize,
    },
}

impl fmt::Display for B64Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            B64Error::InvalidByte { offset, byte } => {
                let what = match byte {
                    b'=' => "padding '='".to_owned(),
                    b'+' | b'/' => format!("'{}' (standard base64, not base64url)", byte as char),
                    b' ' | b'\t' | b'\r' | b'\n' => "whitespace".to_owned(),
                    0x21..=0x7e => format!("'{}'", byte as char),
                    _ => format!("byte 0x{byte:02x}"),
                };
                write!(f, "invalid base64url: {what} at offset {offset}")
            }
            B64Error::InvalidLength => {
                f.write_str("invalid base64url: impossible length (1 mod 4)")
            }
            B64Error::TrailingBits { offset } => {
                write!(
                    f,
                    "invalid base64url: non-zero trailing bits at offset {offset}"
                )
            }
        }
    }
}

fn sextet(b: u8) -> Option<u8> {
    match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    }
}

/// Checks that `s` is canonical unpadded base64url without decoding it.
///
/// # Errors
/// The first problem found, with its offset.
pub fn check(s: &str) -> Result<(), B64Error> {
    let bytes = s.as_bytes();
    let mut last = 0u8;
    for (offset, &byte) in bytes.iter().enumerate() {
        match sextet(byte) {
            Some(v) => last = v,
            None => return Err(B64Error::InvalidByte { offset, byte }),
        }
    }
    let unused_bits = match bytes.len() % 4 {
        0 => 0,
        1 => return Err(B64Error::InvalidLength),
        2 => 4,
        _ => 2,
    };
    if unused_bits > 0 && last & ((1u8 << unused_bits) - 1) != 0 {
        return Err(B64Error::TrailingBits {
            offset: bytes.len() - 1,
        });
    }
    Ok(())
}

/// Decodes canonical unpadded base64url.
///
/// # Errors
/// [`B64Error`] for anything that is not canonical.
pub fn decode(s: &str) -> Result<Vec<u8>, B64Error> {
    // One pass on the way that matters (a valid segment): the strict engine accepts exactly what
    // `check` accepts (the base64url fuzz target asserts it), and `check` runs only to say what
    // is wrong and where. A disagreement would be a bug, reported as a length error.
    URL_SAFE_NO_PAD
        .decode(s)
        .map_err(|_| check(s).err().unwrap_or(B64Error::InvalidLength))
}

/// Encodes bytes as unpadded base64url.
pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_length() {
        for n in 0..64usize {
            let data: Vec<u8> = (0..n).map(|i| (i * 37 + 11) as u8).collect();
            let enc = encode(&data);
            assert_eq!(decode(&enc).unwrap(), data, "length {n}");
        }
    }

    #[test]
    fn rejects_padding_plus_slash_and_whitespace() {
        assert_eq!(
            decode("YQ=="),
            Err(B64Error::InvalidByte {
                offset: 2,
                byte: b'='
            })
        );
        assert_eq!(
            decode("a+b/"),
            Err(B64Error::InvalidByte {
                offset: 1,
                byte: b'+'
            })
        );
        assert_eq!(
            decode("ab/c"),
            Err(B64Error::InvalidByte {
                offset: 2,
                byte: b'/'
            })
        );
        assert_eq!(
            decode("ab c"),
            Err(B64Error::InvalidByte {
                offset: 2,
                byte: b' '
            })
        );
        assert_eq!(
            decode("abc\n"),
            Err(B64Error::InvalidByte {
                offset: 3,
                byte: b'\n'
            })
        );
        assert!(decode("%3D").is_err());
        assert!(decode("é").is_err());
    }

    #[test]
    fn rejects_impossible_length() {
        assert_eq!(decode("abcde"), Err(B64Error::InvalidLength));
        assert_eq!(decode("a"), Err(B64Error::InvalidLength));
    }

    #[test]
    fn rejects_non_zero_trailing_bits() {
        // "YQ" is 'a'; "YR" differs only in the unused low bits.
        assert_eq!(decode("YQ").unwrap(), b"a");
        assert_eq!(decode("YR"), Err(B64Error::TrailingBits { offset: 1 }));
        assert_eq!(decode("YWI").unwrap(), b"ab");
        assert_eq!(decode("YWJ"), Err(B64Error::TrailingBits { offset: 2 }));
    }

    #[test]
    fn empty_is_empty() {
        assert_eq!(decode("").unwrap(), Vec::<u8>::new());
        assert_eq!(encode(b""), "");
    }

    #[test]
    fn messages_say_what_and_where() {
        let e = decode("ab=c").unwrap_err().to_string();
        assert!(e.contains("padding") && e.contains("offset 2"), "{e}");
        let e = decode("a+bc").unwrap_err().to_string();
        assert!(e.contains("standard base64"), "{e}");
    }
}
