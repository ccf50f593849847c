//! The token's structure: its size, its segments and their decoding (base64url, leniently, and
//! the header and payload JSON).

use super::findings::{Builder, FindingCode};
use super::report::Report;
use crate::base64url::{self, B64Error};
use crate::json::{self, Duplicates, Value};
use crate::text::quoted;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;

/// Tokens over this size do not fit in one cookie.
pub(super) const LARGE_TOKEN_BYTES: usize = 4096;

const SEGMENT_NAMES_JWS: [&str; 3] = ["header", "payload", "signature"];
const SEGMENT_NAMES_JWE: [&str; 5] = [
    "header",
    "encrypted key",
    "initialization vector",
    "ciphertext",
    "authentication tag",
];

/// A compact token split at its dots, every segment decoded as far as it goes.
pub(super) struct Segments<'a> {
    /// The trimmed token.
    token: &'a str,
    /// The segments as written.
    parts: Vec<&'a str>,
    /// Five segments: an encrypted token (JWE); otherwise three (JWS).
    pub(super) jwe: bool,
    /// Each segment's bytes; `None` for one that is not base64url even read leniently.
    decoded: Vec<Option<Vec<u8>>>,
    /// Some segment is not base64url (each got a `malformed` finding).
    pub(super) malformed: bool,
}

impl<'a> Segments<'a> {
    /// The decoded header, unless it is not base64url.
    pub(super) fn header(&self) -> Option<&[u8]> {
        self.decoded.first()?.as_deref()
    }

    /// The decoded second segment (a JWS payload), unless it is not base64url.
    pub(super) fn payload(&self) -> Option<&[u8]> {
        self.decoded.get(1)?.as_deref()
    }

    /// The decoded third segment (a JWS signature), unless it is not base64url.
    pub(super) fn signature(&self) -> Option<&[u8]> {
        self.decoded.get(2)?.as_deref()
    }

    /// What a JWS signature signs: the header and payload segments as written, with their dot.
    pub(super) fn signing_input(&self) -> &'a str {
        let len = self.parts.first().map_or(0, |s| s.len())
            + 1
            + self.parts.get(1).map_or(0, |s| s.len());
        self.token.get(..len).unwrap_or("")
    }
}

/// Reads the structure of the trimmed `token` into `report` (segments, sizes) and `b`
/// (`large-token`, `malformed`, `non-canonical`). `None` when there is nothing further to read:
/// an empty input, or neither 3 nor 5 segments.
pub(super) fn split<'a>(
    token: &'a str,
    report: &mut Report,
    b: &mut Builder,
) -> Option<Segments<'a>> {
    // First, so that it is there whatever else is wrong with the input.
    if token.len() > LARGE_TOKEN_BYTES {
        b.add(
            FindingCode::LargeToken,
            "Large token",
            format!(
                "the token is {} bytes; browsers limit a cookie to about {LARGE_TOKEN_BYTES} bytes and many servers limit header size",
                token.len()
            ),
            "token",
        );
    }
    if token.is_empty() {
        b.add(
            FindingCode::Malformed,
            "Empty input",
            "there is no token to read".into(),
            "token",
        );
        return None;
    }
    let segments: Vec<&str> = token.split('.').collect();
    report.segments = segments.iter().map(|s| (*s).to_owned()).collect();
    let jwe = segments.len() == 5;
    if segments.len() != 3 && !jwe {
        b.add(
            FindingCode::Malformed,
            "Not a compact JWT",
            format!(
                "a signed JWT (JWS) has 3 dot-separated segments and an encrypted one (JWE) has 5; this input has {}",
                segments.len()
            ),
            "token",
        );
        return None;
    }
    // A JWE's payload and signature sizes are those of its ciphertext and authentication tag.
    let (payload, signature) = if jwe { (3, 4) } else { (1, 2) };
    let len = |i: usize| segments.get(i).map_or(0, |s| s.len());
    report.size.header = len(0);
    report.size.payload = len(payload);
    report.size.signature = len(signature);
    let (decoded, malformed) = decode(&segments, jwe, b);
    Some(Segments {
        token,
        parts: segments,
        jwe,
        decoded,
        malformed,
    })
}

/// Decodes every segment leniently, adding `malformed` for each one that is not base64url even
/// so and one `non-canonical` naming those that are not strictly encoded. Returns each segment's
/// bytes (`None` where undecodable) and whether any was undecodable.
fn decode(segments: &[&str], jwe: bool, b: &mut Builder) -> (Vec<Option<Vec<u8>>>, bool) {
    let names: &[&str] = if jwe {
        &SEGMENT_NAMES_JWE
    } else {
        &SEGMENT_NAMES_JWS
    };
    let mut decoded: Vec<Option<Vec<u8>>> = Vec::with_capacity(segments.len());
    let mut non_canonical: Vec<String> = Vec::new();
    let mut malformed_segment = false;
    for (i, seg) in segments.iter().enumerate() {
        let name = names.get(i).copied().unwrap_or("segment");
        match lenient_decode(seg) {
            Ok((bytes, problem)) => {
                if let Some(p) = problem {
                    non_canonical.push(format!("{name} segment: {p}"));
                }
                decoded.push(Some(bytes));
            }
            Err(p) => {
                malformed_segment = true;
                b.add(
                    FindingCode::Malformed,
                    "Undecodable segment",
                    format!("the {name} segment is not base64url: {p}"),
                    if i == 0 {
                        "header"
                    } else if i == 1 && !jwe {
                        "payload"
                    } else {
                        "signature"
                    },
                );
                decoded.push(None);
            }
        }
    }
    if !non_canonical.is_empty() {
        b.add(
            FindingCode::NonCanonical,
            "Non-canonical base64url",
            format!(
                "{}; RFC 7515 §2 requires unpadded base64url, and strict verifiers (jwtlens among them) reject such a token",
                non_canonical.join("; ")
            ),
            "token",
        );
    }
    (decoded, malformed_segment)
}

/// Decodes a segment, tolerating what a sloppy encoder writes (and reporting it).
fn lenient_decode(seg: &str) -> Result<(Vec<u8>, Option<B64Error>), B64Error> {
    match base64url::check(seg) {
        Ok(()) => base64url::decode(seg).map(|b| (b, None)),
        Err(problem) => {
            let cleaned: String = seg
                .chars()
                .filter(|c| !c.is_ascii_whitespace())
                .map(|c| match c {
                    '+' => '-',
                    '/' => '_',
                    c => c,
                })
                .collect();
            let cleaned = cleaned.trim_end_matches('=');
            let engine = GeneralPurpose::new(
                &base64::alphabet::URL_SAFE,
                GeneralPurposeConfig::new()
                    .with_decode_allow_trailing_bits(true)
                    .with_decode_padding_mode(DecodePaddingMode::RequireNone),
            );
            match engine.decode(cleaned) {
                Ok(bytes) => Ok((bytes, Some(problem))),
                Err(_) => Err(problem),
            }
        }
    }
}

/// Parses a decoded header or payload (`name`), which must be a JSON object: `malformed` when it
/// is not one, `duplicate-key` when it repeats a member name (the last value is kept, as
/// `JSON.parse` does).
pub(super) fn json_object(name: &str, bytes: &[u8], b: &mut Builder) -> Option<Value> {
    match json::parse_bytes(bytes, Duplicates::Report) {
        Ok(parsed) => {
            if !matches!(parsed.value, Value::Object(_)) {
                b.add(
                    FindingCode::Malformed,
                    &format!("{} is not a JSON object", capitalize(name)),
                    format!(
                        "the {name} decodes to a JSON {}, but a JWT {name} must be an object",
                        parsed.value.type_name()
                    ),
                    name,
                );
                return None;
            }
            if !parsed.duplicates.is_empty() {
                // Each name once, in the order first repeated; at most ten are quoted.
                let mut seen = std::collections::BTreeSet::new();
                let names: Vec<&String> = parsed
                    .duplicates
                    .iter()
                    .filter(|n| seen.insert(n.as_str()))
                    .collect();
                const QUOTED_NAMES: usize = 10;
                let mut list = names
                    .iter()
                    .take(QUOTED_NAMES)
                    .map(|n| format!("\"{}\"", quoted(n)))
                    .collect::<Vec<_>>()
                    .join(", ");
                if names.len() > QUOTED_NAMES {
                    list.push_str(&format!(" and {} more names", names.len() - QUOTED_NAMES));
                }
                b.add(
                    FindingCode::DuplicateKey,
                    "Duplicate member names",
                    format!(
                        "the {name} repeats {list}; parsers disagree on which value wins (first or last), which attackers use to make a verifier and an application read different values (RFC 7515 §4, RFC 8725 §3.1)"
                    ),
                    name,
                );
            }
            Some(parsed.value)
        }
        Err(e) => {
            let why = match e.kind {
                json::ParseErrorKind::NotUtf8 => {
                    format!("it is not valid UTF-8 (byte offset {})", e.offset)
                }
                _ => format!("it is not valid JSON: {e}"),
            };
            b.add(
                FindingCode::Malformed,
                &format!("Unreadable {name}"),
                format!("the {name} segment decodes, but {why}"),
                name,
            );
            None
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
