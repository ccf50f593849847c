//! Algorithm confusion through secrets (issue 14 §2): key material handed over as bytes or text
//! is never an HMAC secret. For every key of the RFC vectors (RSA, EC P-256/P-521, Ed25519; SPKI,
//! PKCS#1, PKCS#8, SEC1, X.509), an HS256 token is forged with the key's PEM, its DER, the PEM's
//! base64 body and its JWK text as the secret; none of them verifies, in any form a caller can
//! pass, and each form fails with the code the contract gives.
// Tests and benchmarks stop loudly on a failure: the no-panic lints are for the core.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#[macro_use]
mod common;

use base64::Engine;
use common::{arr_of, b64url_encode, load};
use hmac::{Hmac, KeyInit, Mac};
use jwtlens::internals::json::Value;
use jwtlens::{verify_at, verify_jws, Key, Validation};

const FILES: &[(&str, &str)] = &[
    ("rfc7515.json", include_str!("vectors/rfc7515.json")),
    ("rfc7520.json", include_str!("vectors/rfc7520.json")),
    ("rfc8037.json", include_str!("vectors/rfc8037.json")),
];

fn forge_hs256(secret: &[u8]) -> String {
    let input = format!(
        "{}.{}",
        b64url_encode(br#"{"alg":"HS256"}"#),
        b64url_encode(br#"{"sub":"attacker","exp":4000000000}"#)
    );
    let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(secret).unwrap();
    mac.update(input.as_bytes());
    format!("{input}.{}", b64url_encode(&mac.finalize().into_bytes()))
}

fn pem_body(pem: &str) -> String {
    pem.lines().filter(|l| !l.starts_with("-----")).collect()
}

/// `(label, key material as bytes)` for every public and private PEM of the vectors, and every
/// JWK's JSON text.
fn materials() -> Vec<(String, Vec<u8>, &'static str)> {
    let mut out = Vec::new();
    for (file, text) in FILES {
        let doc = load(file, text);
        for v in arr_of(&doc, "vectors", file) {
            let Some(Value::Object(keys)) = v.get("keys") else {
                continue;
            };
            let id = v.get("id").and_then(Value::as_str).unwrap_or("?");
            for (name, value) in keys {
                if let Some(pem) = value.as_str() {
                    let der = base64::engine::general_purpose::STANDARD
                        .decode(pem_body(pem))
                        .unwrap();
                    out.push((
                        format!("{id} {name} as PEM bytes"),
                        pem.as_bytes().to_vec(),
                        "pem",
                    ));
                    out.push((format!("{id} {name} as DER"), der, "ERR_JWK_INVALID"));
                    out.push((
                        format!("{id} {name} as base64 without armour"),
                        pem_body(pem).into_bytes(),
                        "ERR_JWK_INVALID",
                    ));
                } else if value.get("kty").and_then(Value::as_str) != Some("oct") {
                    out.push((
                        format!("{id} {name} as JSON text"),
                        value.to_json().into_bytes(),
                        "ERR_JWK_INVALID",
                    ));
                }
            }
        }
    }
    out
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn key_material_is_never_an_hmac_secret() {
    let materials = materials();
    assert!(materials.len() >= 60, "{}", materials.len());
    let v = Validation::new(&[
        jwtlens::Algorithm::RS256,
        jwtlens::Algorithm::ES256,
        jwtlens::Algorithm::EdDSA,
        jwtlens::Algorithm::HS256,
    ]);
    for (label, bytes, expect) in &materials {
        let token = forge_hs256(bytes);
        let as_text = String::from_utf8(bytes.clone()).ok();
        let mut forms = vec![("bytes", Key::from_secret(bytes))];
        if let Some(t) = &as_text {
            forms.push(("string", Key::from_string(t)));
        }
        if !bytes.is_ascii() {
            // DER read as Latin-1 (`buffer.toString("binary")`) arrives as a string too
            let latin1: String = bytes.iter().map(|&b| char::from(b)).collect();
            forms.push(("latin-1 string", Key::from_string(&latin1)));
        }
        for (form, key) in forms {
            match key {
                Ok(key) => {
                    // Only a PEM becomes a key, and then an asymmetric one.
                    assert_eq!(*expect, "pem", "{label} ({form}) became a key");
                    let e = verify_at(&token, &key, &v, 1_700_000_000).unwrap_err();
                    assert_eq!(
                        e.code(),
                        "ERR_JOSE_ALG_NOT_ALLOWED",
                        "{label} ({form}): {e}"
                    );
                    let e = verify_jws(&token, &key, &v).unwrap_err();
                    assert_eq!(
                        e.code(),
                        "ERR_JOSE_ALG_NOT_ALLOWED",
                        "{label} ({form}): {e}"
                    );
                    assert!(
                        key.clone().bind_alg(jwtlens::Algorithm::HS256).is_err(),
                        "{label} ({form})"
                    );
                }
                Err(e) if *expect == "pem" && cfg!(not(feature = "asymmetric")) => {
                    // jwtlens/lite reads no PEM: refused as not supported, never a secret
                    assert_eq!(e.code(), "ERR_JOSE_NOT_SUPPORTED", "{label} ({form}): {e}");
                }
                Err(e)
                    if *expect == "pem"
                        && cfg!(not(feature = "sign"))
                        && e.to_string().contains("pass the public key") =>
                {
                    // a verifying build refuses a private key whose public half it would have
                    // to compute (issue 17): refused, and still never a secret
                    assert_eq!(e.code(), "ERR_JWK_INVALID", "{label} ({form}): {e}");
                }
                Err(e) => {
                    let pem_ok = *expect == "pem";
                    // a private-key PEM whose public part verifies is a key; none fails here
                    assert!(!pem_ok, "{label} ({form}): {e}");
                    assert_eq!(e.code(), *expect, "{label} ({form}): {e}");
                    assert!(
                        e.to_string().contains("never used as an HMAC secret"),
                        "{label} ({form}): {e}"
                    );
                }
            }
        }
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn ordinary_secrets_still_work() {
    for secret in [
        &b"0123456789abcdef0123456789abcdef"[..],
        b"MIIsecret-that-starts-like-base64-DER-but-is-not!!",
        b"0\x20not DER at all, just starts with a zero byte....",
        br#"{"not":"a jwk","but":"json"}"#,
        &[0x30u8; 40],
    ] {
        assert!(Key::from_secret(secret).is_ok(), "{secret:?}");
    }
}
