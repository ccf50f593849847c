//! PEM and DER key parsing: Key::from_pem / Key::from_string.
//!
//! Byte 0 picks the mode: 0-5 wrap the rest as DER in a PEM block with that label (SPKI, PKCS#1
//! public, certificate, PKCS#8, PKCS#1 private, SEC1), so the fuzzer mutates DER directly;
//! anything else hands the rest to the parsers as text.
#![no_main]
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use jwtlens::{Algorithm, Key};
use jwtlens_fuzz::{split_first, text};
use libfuzzer_sys::fuzz_target;

const LABELS: [&str; 6] = [
    "PUBLIC KEY",
    "RSA PUBLIC KEY",
    "CERTIFICATE",
    "PRIVATE KEY",
    "RSA PRIVATE KEY",
    "EC PRIVATE KEY",
];

const CODES: [&str; 3] = [
    "ERR_JWK_INVALID",
    "ERR_JOSE_NOT_SUPPORTED",
    "ERR_JOSE_ALG_NOT_ALLOWED",
];

fn exercise(key: &Key) {
    // Binding every algorithm runs the fitness rules on the parsed key.
    for alg in jwtlens::internals::ALL_ALGORITHMS {
        let _ = key.clone().bind_alg(alg);
    }
    let _ = jwtlens::verify_signature(Algorithm::RS256, key, b"a.b", &[0u8; 256]);
    let _ = jwtlens::verify_signature(Algorithm::ES256, key, b"a.b", &[1u8; 64]);
    let _ = jwtlens::verify_signature(Algorithm::EdDSA, key, b"a.b", &[2u8; 64]);
}

fuzz_target!(|data: &[u8]| {
    let (sel, rest) = split_first(data);
    let pem = match LABELS.get(usize::from(sel)) {
        Some(label) => format!(
            "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
            STANDARD.encode(rest)
        ),
        None => text(rest).into_owned(),
    };
    match Key::from_pem(&pem) {
        Ok(k) => exercise(&k),
        Err(e) => assert!(CODES.contains(&e.code()), "{} {e}", e.code()),
    }
    if usize::from(sel) >= LABELS.len() {
        match Key::from_string(&pem) {
            Ok(k) => exercise(&k),
            Err(e) => assert!(CODES.contains(&e.code()), "{} {e}", e.code()),
        }
    }
});
