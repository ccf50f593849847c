//! What may become an HMAC secret. Key material handed over as bytes or text (a PEM read with
//! `fs.readFileSync`, DER bytes, a JWK as JSON text) must never become one: whoever knows the
//! public key could then sign HS256 tokens with it (algorithm confusion, CVE-2016-10555 class).
//!
//! The DER check is structural (no key parsing, so it works in `jwtlens/lite` too): the bytes are
//! one DER SEQUENCE, exactly, whose members have the shape of a SubjectPublicKeyInfo, an X.509
//! certificate, a PKCS#8 or SEC1 private key, or a PKCS#1 RSA key.

use crate::error::Error;
use crate::json::{self, Duplicates, Value};

/// What a secret turned out to be, when it is key material.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyMaterialKind {
    /// Contains a PEM armour line: read it as that PEM.
    Pem,
    /// DER bytes of a key or certificate.
    Der(&'static str),
    /// The base64 body of a PEM without its armour lines.
    Base64Der(&'static str),
    /// A JWK or JWKS as JSON text.
    JwkJson,
}

/// Whether `bytes`, offered as an HMAC secret, are key material instead.
pub(crate) fn classify(bytes: &[u8]) -> Option<KeyMaterialKind> {
    // over bytes: a secret need not be UTF-8
    if crate::text::find(bytes, b"-----BEGIN").is_some() {
        return Some(KeyMaterialKind::Pem);
    }
    if let Some(what) = der_key_shape(bytes) {
        return Some(KeyMaterialKind::Der(what));
    }
    if let Some(what) = base64_der_key_shape(bytes) {
        return Some(KeyMaterialKind::Base64Der(what));
    }
    if is_jwk_json(bytes) {
        return Some(KeyMaterialKind::JwkJson);
    }
    None
}

/// The error for key material offered as a secret in a form jwtlens does not read as a key.
pub(crate) fn refusal(kind: KeyMaterialKind) -> Error {
    match kind {
        KeyMaterialKind::Der(what) => Error::JwkInvalid(format!(
            "the secret is {what} in DER; key material is never used as an HMAC secret: pass the key as a PEM string or a JWK object"
        )),
        KeyMaterialKind::Base64Der(what) => Error::JwkInvalid(format!(
            "the secret is {what} in base64 without PEM armour; key material is never used as an HMAC secret: pass the key as a PEM string (with its -----BEGIN line) or a JWK object"
        )),
        KeyMaterialKind::JwkJson => Error::JwkInvalid(
            "the secret is a JWK or JWKS as JSON text; key material is never used as an HMAC secret: pass the parsed object (JSON.parse) instead".into(),
        ),
        KeyMaterialKind::Pem => {
            Error::JwkInvalid("the secret is a PEM that is not UTF-8 text".into())
        }
    }
}

/// Text that is all standard base64 (line breaks allowed) and decodes to a key's DER: the body of
/// a PEM pasted without its armour (`MIIBIjANBgkq...`). A random secret written in base64
/// (`openssl rand -base64 32`) decodes to bytes that have no DER key shape. (A DER SEQUENCE,
/// 0x30, always gives a leading `M`.)
fn base64_der_key_shape(bytes: &[u8]) -> Option<&'static str> {
    use base64::Engine;
    const MIN_LEN: usize = 40;
    if bytes.len() < MIN_LEN || bytes.first() != Some(&b'M') {
        return None;
    }
    let compact: Vec<u8> = bytes
        .iter()
        .copied()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(&compact)
        .ok()?;
    der_key_shape(&der)
}

/// A JSON object with a `kty` member (a JWK) or a `keys` member (a JWKS).
fn is_jwk_json(bytes: &[u8]) -> bool {
    let start = bytes.iter().position(|c| !c.is_ascii_whitespace());
    if start.and_then(|i| bytes.get(i)) != Some(&b'{') {
        return false;
    }
    match json::parse_bytes(bytes, Duplicates::Report) {
        Ok(p) => {
            matches!(&p.value, Value::Object(m) if m.iter().any(|(k, _)| k == "kty" || k == "keys"))
        }
        Err(_) => false,
    }
}

const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const OCTET_STRING: u8 = 0x04;
const OID: u8 = 0x06;
const SEQUENCE: u8 = 0x30;

/// One DER TLV from the front of `b`: (tag, contents, rest). Definite, minimal lengths only.
fn tlv(b: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = b.split_first()?;
    if tag & 0x1f == 0x1f {
        return None; // high tag numbers do not occur in key structures
    }
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        let (len_bytes, rest) = rest.split_at_checked(n)?;
        if len_bytes.first() == Some(&0) {
            return None;
        }
        let len = len_bytes
            .iter()
            .fold(0usize, |a, &x| (a << 8) | usize::from(x));
        if len < 0x80 {
            return None;
        }
        (len, rest)
    };
    let (contents, rest) = rest.split_at_checked(len)?;
    Some((tag, contents, rest))
}

/// The TLVs that exactly fill `contents` (at most 16: no key structure has more).
fn members(mut contents: &[u8]) -> Option<Vec<(u8, &[u8])>> {
    let mut out = Vec::new();
    while !contents.is_empty() {
        if out.len() == 16 {
            return None;
        }
        let (tag, inner, rest) = tlv(contents)?;
        out.push((tag, inner));
        contents = rest;
    }
    Some(out)
}

/// An AlgorithmIdentifier: a SEQUENCE that starts with an OID.
fn algorithm_id(tag: u8, contents: &[u8]) -> bool {
    tag == SEQUENCE && tlv(contents).is_some_and(|(t, _, _)| t == OID)
}

/// What the DER bytes are, when they have the shape of a key or certificate.
pub(crate) fn der_key_shape(bytes: &[u8]) -> Option<&'static str> {
    if bytes.first() != Some(&SEQUENCE) {
        return None;
    }
    let (_, contents, rest) = tlv(bytes)?;
    if !rest.is_empty() {
        return None;
    }
    let m = members(contents)?;
    let tags: Vec<u8> = m.iter().map(|(t, _)| *t).collect();
    let at = |i: usize| m.get(i).copied().unwrap_or((0, &[]));
    match tags.as_slice() {
        [SEQUENCE, BIT_STRING] if algorithm_id(at(0).0, at(0).1) => {
            Some("a public key (SubjectPublicKeyInfo)")
        }
        [SEQUENCE, SEQUENCE, BIT_STRING] if algorithm_id(at(1).0, at(1).1) => {
            Some("an X.509 certificate")
        }
        [INTEGER, SEQUENCE, OCTET_STRING, ..] if algorithm_id(at(1).0, at(1).1) => {
            Some("a private key (PKCS#8)")
        }
        [INTEGER, OCTET_STRING, rest @ ..] if rest.iter().all(|t| t & 0xe0 == 0xa0) => {
            Some("an EC private key (SEC1)")
        }
        [INTEGER, INTEGER] => Some("an RSA public key (PKCS#1)"),
        ints if ints.len() >= 9 && ints.iter().all(|t| *t == INTEGER) => {
            Some("an RSA private key (PKCS#1)")
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_shapes() {
        // SPKI: SEQ { SEQ { OID }, BIT STRING }
        let spki = [
            0x30, 0x09, 0x30, 0x03, 0x06, 0x01, 0x2a, 0x03, 0x02, 0x00, 0x01,
        ];
        assert_eq!(
            der_key_shape(&spki),
            Some("a public key (SubjectPublicKeyInfo)")
        );
        // trailing bytes, a wrong length, or a bare integer pair inside are not keys
        let mut long = spki.to_vec();
        long.push(0);
        assert_eq!(der_key_shape(&long), None);
        assert_eq!(der_key_shape(&spki[..10]), None);
        let pkcs1 = [0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x03];
        assert_eq!(der_key_shape(&pkcs1), Some("an RSA public key (PKCS#1)"));
        // a non-minimal long-form length is not DER
        let non_minimal = [0x30, 0x81, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x03];
        assert_eq!(der_key_shape(&non_minimal), None);
        assert_eq!(der_key_shape(b"0123456789abcdef0123456789abcdef"), None);
        assert_eq!(der_key_shape(&[0x30, 0x00]), None);
    }

    #[test]
    fn classify_secrets() {
        assert_eq!(classify(b"a plain secret"), None);
        assert_eq!(
            classify(b"x\n-----BEGIN PUBLIC KEY-----\n"),
            Some(KeyMaterialKind::Pem)
        );
        assert_eq!(
            classify(br#" {"kty":"RSA","n":"x","e":"AQAB"}"#),
            Some(KeyMaterialKind::JwkJson)
        );
        assert_eq!(classify(br#"{"keys":[]}"#), Some(KeyMaterialKind::JwkJson));
        assert_eq!(classify(br#"{"k":"v"}"#), None);
        // "MI" + base64 of random-looking bytes is not a key
        assert_eq!(
            classify(b"MIxRZt2k9dcF0lq9bJ6oHjE1cVh4p0a2QmZ8sYtUw3E="),
            None
        );
        assert_eq!(classify(br#"{"kty":"#), None);
        // not UTF-8: the byte scan
        assert_eq!(
            classify(b"\xff\xfe-----BEGIN PUBLIC KEY-----"),
            Some(KeyMaterialKind::Pem)
        );
        assert_eq!(classify(b"\xff\xfe----BEGIN"), None);
    }
}
