//! Splitting and decoding compact JWS tokens (RFC 7515 §7.1), without verifying them.

use crate::base64url;
use crate::error::Error;
use crate::json::{self, Value};
use crate::paste::trim_pasted;

/// The default for `maxTokenBytes`, and the limit of [`decode`].
pub const DEFAULT_MAX_TOKEN_BYTES: usize = 262_144;

/// A token taken apart. **Nothing in it is verified**: do not trust it.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The protected header (a JSON object).
    pub header: Value,
    /// The claims (a JSON object).
    pub payload: Value,
    /// The header as the JSON text it was encoded from.
    pub header_json: String,
    /// The payload as the JSON text it was encoded from.
    pub payload_json: String,
    /// The third segment, base64url as in the token.
    pub signature: String,
    /// The three raw segments.
    pub segments: [String; 3],
}

/// The three segments of a compact JWS.
pub(crate) fn split3(token: &str) -> Result<(&str, &str, &str), Error> {
    let mut parts = token.split('.');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(h), Some(p), Some(s), None) => Ok((h, p, s)),
        _ => {
            let n = token.split('.').count();
            let hint = if n == 5 {
                " (five segments: an encrypted JWE, which jwtlens cannot decrypt)"
            } else {
                ""
            };
            Err(Error::JwtInvalid(format!(
                "a compact JWS has 3 dot-separated segments, this token has {n}{hint}"
            )))
        }
    }
}

pub(crate) fn check_size(token: &str, max: usize) -> Result<(), Error> {
    if token.len() > max {
        Err(Error::JwtInvalid(format!(
            "token is {} bytes, over the limit of {max} bytes",
            token.len()
        )))
    } else {
        Ok(())
    }
}

pub(crate) fn decode_segment(name: &str, seg: &str) -> Result<Vec<u8>, Error> {
    base64url::decode(seg).map_err(|e| Error::JwtInvalid(format!("{name} segment: {e}")))
}

/// Parses a decoded header or payload: UTF-8 JSON object, no duplicate members, bounded depth.
pub(crate) fn parse_object(name: &str, bytes: Vec<u8>) -> Result<(Value, String), Error> {
    let parsed = json::parse_bytes(&bytes, json::Duplicates::Reject)
        .map_err(|e| Error::JwtInvalid(format!("{name} is not valid JSON: {e}")))?;
    if !matches!(parsed.value, Value::Object(_)) {
        return Err(Error::JwtInvalid(format!(
            "{name} must be a JSON object, not {}",
            parsed.value.type_name()
        )));
    }
    // parse_bytes checked UTF-8 already: the bytes become the text without a copy.
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Ok((parsed.value, text))
}

/// Decodes a compact JWS **without verifying it**, with the default size limit.
///
/// Surrounding whitespace and a `Bearer ` prefix are tolerated (pasted tokens).
///
/// # Errors
/// [`Error::JwtInvalid`] when the token is not three strict base64url segments whose first two
/// are JSON objects.
pub fn decode(token: &str) -> Result<Decoded, Error> {
    decode_with_limit(token, DEFAULT_MAX_TOKEN_BYTES)
}

/// [`decode`] with an explicit size limit in bytes.
///
/// # Errors
/// As [`decode`], and [`Error::JwtInvalid`] over the limit.
pub fn decode_with_limit(token: &str, max_bytes: usize) -> Result<Decoded, Error> {
    let d = decode_parts(token, max_bytes)?;
    let [h, p, s] = d.segments;
    Ok(Decoded {
        header: d.header,
        payload: d.payload,
        header_json: d.header_json,
        payload_json: d.payload_json,
        signature: s.to_owned(),
        segments: [h.to_owned(), p.to_owned(), s.to_owned()],
    })
}

/// A decoded token whose segments are borrowed from the input (what the JS boundary needs:
/// it slices the segments out of the string it already has).
#[derive(Debug)]
pub(crate) struct DecodedParts<'a> {
    pub(crate) header: Value,
    pub(crate) payload: Value,
    pub(crate) header_json: String,
    pub(crate) payload_json: String,
    /// The three segments, sub-slices of the input.
    pub(crate) segments: [&'a str; 3],
}

/// [`decode_with_limit`] without copying the segments.
pub(crate) fn decode_parts(token: &str, max_bytes: usize) -> Result<DecodedParts<'_>, Error> {
    let token = trim_pasted(token);
    check_size(token, max_bytes)?;
    let (h, p, s) = split3(token)?;
    let header_bytes = decode_segment("header", h)?;
    let payload_bytes = decode_segment("payload", p)?;
    base64url::check(s).map_err(|e| Error::JwtInvalid(format!("signature segment: {e}")))?;
    let (header, header_json) = parse_object("header", header_bytes)?;
    let (payload, payload_json) = parse_object("payload", payload_bytes)?;
    Ok(DecodedParts {
        header,
        payload,
        header_json,
        payload_json,
        segments: [h, p, s],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const JWT_IO: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    #[test]
    fn decodes_and_tolerates_pasting() {
        for t in [
            JWT_IO.to_owned(),
            format!("  {JWT_IO}\n"),
            format!("Bearer {JWT_IO}"),
            format!("bearer   {JWT_IO}"),
            format!("\tBEARER {JWT_IO} "),
        ] {
            let d = decode(&t).unwrap();
            assert_eq!(d.header.get("alg").and_then(Value::as_str), Some("HS256"));
            assert_eq!(
                d.payload.get("name").and_then(Value::as_str),
                Some("John Doe")
            );
            assert_eq!(d.signature, "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c");
            assert_eq!(d.header_json, r#"{"alg":"HS256","typ":"JWT"}"#);
        }
        // "Bearer" must be followed by a space
        assert!(decode(&format!("Bearer{JWT_IO}")).is_err());
    }

    #[test]
    fn segment_count() {
        let e = decode("a.b").unwrap_err();
        assert_eq!(e.code(), "ERR_JWT_INVALID");
        let e = decode("a.b.c.d.e").unwrap_err();
        assert!(e.to_string().contains("JWE"), "{e}");
        assert!(decode("").is_err());
        assert!(decode(&format!("{JWT_IO}.")).is_err());
    }

    #[test]
    fn header_and_payload_must_be_objects() {
        // payload "42"
        let e = decode("eyJhbGciOiJIUzI1NiJ9.NDI.2hMzqKzknIZzT_0-qgFl2Xriy-uH_hmM6CbGUCj99Es")
            .unwrap_err();
        assert!(e.to_string().contains("JSON object"), "{e}");
        // payload "hello world"
        assert!(decode(
            "eyJhbGciOiJIUzI1NiJ9.aGVsbG8gd29ybGQ.V8aLMLMOEN7b2KM0_st_DU4c00LTMYUsqpxcVsnMBNY"
        )
        .is_err());
    }

    #[test]
    fn non_canonical_segments_are_refused() {
        let bad_sig = JWT_IO.replace(
            "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
            "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5d",
        );
        let e = decode(&bad_sig).unwrap_err();
        assert!(e.to_string().contains("trailing bits"), "{e}");
        assert!(decode(&format!("{JWT_IO}=")).is_err());
        assert!(decode(&JWT_IO.replace('_', "/")).is_err());
    }

    #[test]
    fn size_limit() {
        let long = "A".repeat(DEFAULT_MAX_TOKEN_BYTES + 1);
        assert!(decode(&long)
            .unwrap_err()
            .to_string()
            .contains("over the limit"));
        assert!(decode_with_limit(JWT_IO, 10).is_err());
    }
}
