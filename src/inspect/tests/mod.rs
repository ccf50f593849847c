//! Tests of `inspect` through its public entry point, by concern; the helpers here build tokens
//! and read reports.

mod bounds;
mod claims;
mod header;
mod report;
mod segments;
mod sensitive;
mod signature;

use super::*;
use crate::base64url::encode;
use hmac::{Hmac, KeyInit, Mac};

const NOW: f64 = 1_700_000_000.0;

fn b64(s: &str) -> String {
    encode(s.as_bytes())
}

fn hs256(header: &str, payload: &str, secret: &[u8]) -> String {
    let input = format!("{}.{}", b64(header), b64(payload));
    let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(secret).unwrap();
    mac.update(input.as_bytes());
    format!("{input}.{}", encode(&mac.finalize().into_bytes()))
}

/// A token with an opaque 64-byte "ES256" signature (inspect does not verify it).
fn es256(header: &str, payload: &str) -> String {
    format!("{}.{}.{}", b64(header), b64(payload), encode(&[7u8; 64]))
}

const STRONG: &[u8] = b"a strong secret of thirty-two by";
const GOOD_CLAIMS: &str = r#"{"sub":"u","iat":1699999000,"exp":1700003600}"#;

fn report(token: &str) -> Report {
    inspect(
        token,
        &InspectOptions {
            now: NOW,
            secret: None,
        },
    )
}

/// The report with `options.secret` given.
fn report_with_secret(token: &str, secret: &[u8]) -> Report {
    inspect(
        token,
        &InspectOptions {
            now: NOW,
            secret: Some(secret.to_vec()),
        },
    )
}

fn codes(r: &Report) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.code).collect()
}

fn has(token: &str, code: &str) -> bool {
    codes(&report(token)).contains(&code)
}

fn finding<'a>(r: &'a Report, code: &str) -> Vec<&'a Finding> {
    r.findings.iter().filter(|f| f.code == code).collect()
}

fn with_kid(kid: &str) -> String {
    let mut header = String::from(r#"{"alg":"ES256","kid":"#);
    crate::json::write_string(kid, &mut header);
    header.push('}');
    es256(&header, GOOD_CLAIMS)
}
