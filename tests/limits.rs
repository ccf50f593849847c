//! The parsing limits of the contract, one test each: token size (`maxTokenBytes`), JSON depth
//! (64), JSON object members (100,000), JWKS keys (1000), PEM size (64 KiB), RSA modulus size
//! (8192 bits, refused before any big-number work), and inspect's 1 MiB. Each limit is shown to
//! hold at the boundary (the largest accepted input works, one more is refused with its code and
//! a message that names the limit) and to be refused quickly far beyond it.
//!
//! Runs natively and in wasm (wasm-bindgen-test): the limits must hold where the package runs.
//! The time bounds are deliberately loose (a refusal takes micro- to milliseconds; the bounds are
//! a thousand times that): they catch work that grows with the input before the check, never a
//! slow machine.
// Tests and benchmarks stop loudly on a failure: the no-panic lints are for the core.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![cfg(feature = "asymmetric")]
#[macro_use]
mod common;

use common::now_ms;
use jwtlens::internals::base64url;
use jwtlens::limits::DEFAULT_MAX_TOKEN_BYTES;
use jwtlens::limits::{MAX_JSON_DEPTH as MAX_DEPTH, MAX_JSON_MEMBERS as MAX_MEMBERS};
use jwtlens::limits::{MAX_JWKS_KEYS, MAX_PEM_BYTES, MAX_RSA_BITS};
use jwtlens::{
    decode, decode_with_limit, inspect, verify_at, Algorithm, InspectOptions, Key, Validation,
};

/// Runs natively as a #[test], in wasm as a wasm-bindgen test.
macro_rules! limit_test {
    ($(#[$doc:meta])* fn $name:ident() $body:block) => {
        $(#[$doc])*
        #[cfg_attr(not(target_arch = "wasm32"), test)]
        #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
        fn $name() $body
    };
}

const NOW: u64 = 1_700_000_000;
/// RFC 7515 A.1's HMAC key.
const OCT_K: &str =
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
const OCT_JWK: &str = r#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#;
/// Loose bound for a refusal, in milliseconds (see the module comment).
const QUICK_MS: f64 = 1000.0;

fn hs256_key() -> Key {
    Key::from_jwk_json(OCT_JWK).unwrap()
}

/// An HS256 token over the raw header and payload texts.
fn hs256_token(header: &str, payload: &str) -> String {
    let input = format!(
        "{}.{}",
        base64url::encode(header.as_bytes()),
        base64url::encode(payload.as_bytes())
    );
    let sig = common::hmac_sha256(&common::b64url_decode(OCT_K), input.as_bytes());
    format!("{input}.{}", base64url::encode(&sig))
}

fn no_exp() -> Validation {
    let mut v = Validation::new(&[Algorithm::HS256]);
    v.required_claims.clear();
    v
}

/// Runs `f`, reports how long it took, and checks it was quick.
fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t0 = now_ms();
    let out = f();
    let ms = now_ms() - t0;
    say!("limits: {what}: {ms:.2} ms");
    assert!(ms < QUICK_MS, "{what} took {ms:.0} ms");
    out
}

fn code<T>(r: Result<T, jwtlens::Error>) -> (String, String) {
    match r {
        Ok(_) => ("ok".into(), String::new()),
        Err(e) => (e.code().to_owned(), e.to_string()),
    }
}

limit_test! {
    /// maxTokenBytes: a token exactly at the limit verifies, one byte over is ERR_JWT_INVALID, and
    /// a 10 MB string is refused before it is split or decoded (decode has the default limit).
    fn token_size_limit() {
        let token = hs256_token(r#"{"alg":"HS256"}"#, r#"{"sub":"x"}"#);
        let mut v = no_exp();
        v.max_token_bytes = token.len();
        assert!(verify_at(&token, &hs256_key(), &v, NOW).is_ok());
        v.max_token_bytes = token.len() - 1;
        let (c, m) = code(verify_at(&token, &hs256_key(), &v, NOW));
        assert_eq!(c, "ERR_JWT_INVALID");
        assert!(m.contains("over the limit"), "{m}");

        let at_limit = format!("{}.e30.", "A".repeat(DEFAULT_MAX_TOKEN_BYTES - 5));
        assert_eq!(at_limit.len(), DEFAULT_MAX_TOKEN_BYTES);
        // at the limit the size check passes and the header is what fails
        let (_, m) = code(decode(&at_limit));
        assert!(!m.contains("over the limit"), "{m}");
        let over = format!("{}.e30.", "A".repeat(DEFAULT_MAX_TOKEN_BYTES - 4));
        let (c, m) = code(decode(&over));
        assert_eq!(c, "ERR_JWT_INVALID");
        assert!(m.contains("262144"), "{m}");

        let huge = format!("eyJhbGciOiJIUzI1NiJ9.{}.sig", "A".repeat(10_000_000));
        let (c, _) = timed("decode of a 10 MB token", || code(decode(&huge)));
        assert_eq!(c, "ERR_JWT_INVALID");
        let (c, _) = timed("verify_at of a 10 MB token", || {
            code(verify_at(&huge, &hs256_key(), &no_exp(), NOW))
        });
        assert_eq!(c, "ERR_JWT_INVALID");
    }
}

limit_test! {
    /// JSON nesting: 64 levels (the top-level object is level 1) verify, 65 are ERR_JWT_INVALID,
    /// and a million open brackets are refused at level 65 (no recursion, no stack overflow).
    fn json_depth_limit() {
        let nested = |levels: usize| {
            format!("{}1{}", r#"{"a":"#.repeat(levels), "}".repeat(levels))
        };
        let ok = hs256_token(r#"{"alg":"HS256"}"#, &nested(MAX_DEPTH));
        assert!(verify_at(&ok, &hs256_key(), &no_exp(), NOW).is_ok());
        let deep = hs256_token(r#"{"alg":"HS256"}"#, &nested(MAX_DEPTH + 1));
        let (c, m) = code(verify_at(&deep, &hs256_key(), &no_exp(), NOW));
        assert_eq!(c, "ERR_JWT_INVALID");
        assert!(m.contains("nested deeper than 64 levels"), "{m}");
        let deep_header = hs256_token(&format!(r#"{{"alg":"HS256","x":{}}}"#, nested(MAX_DEPTH)), "{}");
        assert_eq!(code(decode(&deep_header)).0, "ERR_JWT_INVALID");

        let brackets = "[".repeat(1_000_000);
        let (c, m) = timed("a JWK of a million '['", || code(Key::from_jwk_json(&brackets)));
        assert_eq!(c, "ERR_JWK_INVALID");
        assert!(m.contains("nested deeper than 64 levels"), "{m}");
        let report = timed("inspect of 190,000 nested arrays", || {
            let t = format!("eyJhbGciOiJIUzI1NiJ9.{}.", base64url::encode("[".repeat(190_000).as_bytes()));
            inspect(&t, &InspectOptions { now: NOW as f64, secret: None })
        });
        assert!(report.findings.iter().any(|f| f.code == "malformed"));
    }
}

limit_test! {
    /// Object members: 100,000 members verify, 100,001 are ERR_JWT_INVALID (a JWK:
    /// ERR_JWK_INVALID) whatever maxTokenBytes allows; within the default size limit the member
    /// limit cannot be reached.
    fn json_member_limit() {
        let object = |n: usize| {
            let members: Vec<String> = (0..n).map(|i| format!("\"m{i}\":0")).collect();
            format!("{{{}}}", members.join(","))
        };
        // the most members a token within the default limit can carry (short distinct names)
        let mut n = 1000;
        while hs256_token(r#"{"alg":"HS256"}"#, &object(n + 1000)).len() <= DEFAULT_MAX_TOKEN_BYTES {
            n += 1000;
        }
        let fits = hs256_token(r#"{"alg":"HS256"}"#, &object(n));
        assert!(fits.len() <= DEFAULT_MAX_TOKEN_BYTES && n < MAX_MEMBERS, "{n}");
        let r = verify_at(&fits, &hs256_key(), &no_exp(), NOW).unwrap();
        assert_eq!(r.payload.as_object().map(<[_]>::len), Some(n));
        assert!(decode(&fits).is_ok());

        let mut raised = no_exp();
        raised.max_token_bytes = 4 << 20;
        let ok = hs256_token(r#"{"alg":"HS256"}"#, &object(MAX_MEMBERS));
        let r = verify_at(&ok, &hs256_key(), &raised, NOW).unwrap();
        assert_eq!(r.payload.as_object().map(<[_]>::len), Some(MAX_MEMBERS));

        let over = hs256_token(r#"{"alg":"HS256"}"#, &object(MAX_MEMBERS + 1));
        let (c, m) = code(verify_at(&over, &hs256_key(), &raised, NOW));
        assert_eq!(c, "ERR_JWT_INVALID");
        assert!(m.contains("more than 100000 members"), "{m}");
        assert_eq!(
            code(decode_with_limit(&over, usize::MAX)).0,
            "ERR_JWT_INVALID"
        );

        let mut v = no_exp();
        v.max_token_bytes = usize::MAX;
        let big = hs256_token(r#"{"alg":"HS256"}"#, &object(200_000));
        // Parsing stops at member 100,001: the work is bounded by the limit, not by the input
        // (which is why this one is not timed: 100,000 members take what they take).
        let (c, m) = code(verify_at(&big, &hs256_key(), &v, NOW));
        assert_eq!(c, "ERR_JWT_INVALID");
        assert!(m.contains("more than 100000 members"), "{m}");
        let jwk = object(200_000).replacen('{', r#"{"kty":"oct","k":"AAAA","#, 1);
        assert_eq!(code(Key::from_jwk_json(&jwk)).0, "ERR_JWK_INVALID");
    }
}

limit_test! {
    /// JWKS: 1000 keys are a key set, 1001 are ERR_JWKS_INVALID.
    fn jwks_key_count_limit() {
        let set = |n: usize| {
            let keys: Vec<String> = (0..n)
                .map(|i| format!(r#"{{"kty":"oct","kid":"k{i}","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}}"#))
                .collect();
            format!(r#"{{"keys":[{}]}}"#, keys.join(","))
        };
        let key = Key::from_jwk_json(&set(MAX_JWKS_KEYS)).unwrap();
        assert!(key.is_set());
        let token = hs256_token(r#"{"alg":"HS256","kid":"k999"}"#, "{}");
        assert!(verify_at(&token, &key, &no_exp(), NOW).is_ok());
        let (c, m) = code(Key::from_jwk_json(&set(MAX_JWKS_KEYS + 1)));
        assert_eq!(c, "ERR_JWKS_INVALID");
        assert!(m.contains("more than the limit of 1000"), "{m}");
        // refused from the count, before any key of the set is read
        let many = set(5_000);
        let (c, _) = timed("a JWKS of 5,000 keys", || code(Key::from_jwk_json(&many)));
        assert_eq!(c, "ERR_JWKS_INVALID");
    }
}

/// RFC 7515 A.3's P-256 public key.
const P256_SPKI: &str = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEf83OJ3D2xF1Bg8vub9tLe1gHMzV7\n6e8Tus9uPHvRVEXH8UTNG72bfocs3+257rn0s2ldbqkLJK2KRiMohYjlrQ==\n-----END PUBLIC KEY-----\n";

limit_test! {
    /// PEM: a key padded to exactly 64 KiB parses, one byte more is ERR_JWK_INVALID (never a
    /// secret, also through Key::from_string), and 10 MB are refused at once.
    fn pem_size_limit() {
        let padded = |total: usize| format!("{}{P256_SPKI}", "\n".repeat(total - P256_SPKI.len()));
        assert!(Key::from_pem(&padded(MAX_PEM_BYTES)).is_ok());
        let (c, m) = code(Key::from_pem(&padded(MAX_PEM_BYTES + 1)));
        assert_eq!(c, "ERR_JWK_INVALID");
        assert!(m.contains("65536 bytes"), "{m}");
        // leading whitespace still makes it a PEM for from_string, so never an HMAC secret
        assert_eq!(code(Key::from_string(&padded(MAX_PEM_BYTES + 1))).0, "ERR_JWK_INVALID");
        let huge = format!(
            "-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----\n",
            "QUFB\n".repeat(2_000_000)
        );
        let (c, _) = timed("a 10 MB PEM", || code(Key::from_string(&huge)));
        assert_eq!(c, "ERR_JWK_INVALID");
    }
}

/// DER length octets.
fn der_len(n: usize) -> Vec<u8> {
    if n < 0x80 {
        vec![n as u8]
    } else {
        let bytes: Vec<u8> = n
            .to_be_bytes()
            .iter()
            .copied()
            .skip_while(|&b| b == 0)
            .collect();
        let mut out = vec![0x80 | bytes.len() as u8];
        out.extend(bytes);
        out
    }
}

fn der(tag: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    out.extend(der_len(body.len()));
    out.extend_from_slice(body);
    out
}

/// An RSA modulus of exactly `bits` bits (all ones: odd, so it passes every cheap check).
fn modulus(bits: usize) -> Vec<u8> {
    let mut n = vec![0xffu8; bits.div_ceil(8)];
    if bits % 8 != 0 {
        n[0] = (1u8 << (bits % 8)) - 1;
    }
    n
}

/// A PKCS#1 "RSA PUBLIC KEY" PEM with this modulus and e = 65537.
fn pkcs1_pem(n: &[u8]) -> String {
    // a DER INTEGER is signed: a leading zero only when the top bit is set
    let mut int = if n[0] & 0x80 != 0 {
        vec![0u8]
    } else {
        Vec::new()
    };
    int.extend_from_slice(n);
    let body = [der(0x02, &int), der(0x02, &[1, 0, 1])].concat();
    let b64 = base64_standard(&der(0x30, &body));
    format!("-----BEGIN RSA PUBLIC KEY-----\n{b64}\n-----END RSA PUBLIC KEY-----\n")
}

fn base64_standard(bytes: &[u8]) -> String {
    base64url::encode(bytes).replace('-', "+").replace('_', "/") + ["", "==", "="][bytes.len() % 3]
}

fn rsa_jwk(n: &[u8]) -> String {
    format!(
        r#"{{"kty":"RSA","n":"{}","e":"AQAB"}}"#,
        base64url::encode(n)
    )
}

limit_test! {
    /// RSA moduli: 8192 bits are accepted, 8193 are ERR_JOSE_NOT_SUPPORTED, and a modulus of
    /// 500,000 bits (PEM) or 8 million bits (JWK) is refused from its length alone, in far less
    /// time than one big-number operation on it would take.
    fn rsa_modulus_limit() {
        assert!(Key::from_jwk_json(&rsa_jwk(&modulus(MAX_RSA_BITS))).is_ok());
        assert!(Key::from_pem(&pkcs1_pem(&modulus(MAX_RSA_BITS))).is_ok());
        for (what, r) in [
            ("JWK", Key::from_jwk_json(&rsa_jwk(&modulus(MAX_RSA_BITS + 1)))),
            ("PEM", Key::from_pem(&pkcs1_pem(&modulus(MAX_RSA_BITS + 1)))),
        ] {
            let (c, m) = code(r);
            assert_eq!(c, "ERR_JOSE_NOT_SUPPORTED", "{what}");
            assert!(m.contains("over 8192 bits") && m.contains("8193"), "{what}: {m}");
        }
        // as large as a 64 KiB PEM allows
        let pem = pkcs1_pem(&modulus(380_000));
        assert!(pem.len() < MAX_PEM_BYTES);
        let (c, _) = timed("a 380,000-bit RSA modulus (PEM)", || code(Key::from_pem(&pem)));
        assert_eq!(c, "ERR_JOSE_NOT_SUPPORTED");
        let jwk = rsa_jwk(&modulus(8_000_000));
        let (c, _) = timed("an 8,000,000-bit RSA modulus (JWK)", || code(Key::from_jwk_json(&jwk)));
        assert_eq!(c, "ERR_JOSE_NOT_SUPPORTED");
    }
}

limit_test! {
    /// inspect reads at most 1 MiB: more is one `malformed` finding and nothing else.
    fn inspect_input_limit() {
        let max = jwtlens::limits::MAX_INSPECT_BYTES;
        let token = hs256_token(r#"{"alg":"HS256"}"#, r#"{"sub":"x"}"#);
        let padded = format!("{token}{}", " ".repeat(max + 10 - token.len()));
        // surrounding whitespace does not count
        assert_eq!(inspect(&padded, &InspectOptions::default()).kind, "JWS");
        let over = format!("{token}.{}", "A".repeat(max));
        let report = timed("inspect of 1 MiB + 1", || inspect(&over, &InspectOptions::default()));
        assert_eq!(report.kind, "invalid");
        let codes: Vec<&str> = report.findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, ["malformed"]);
        let report = timed("inspect of 10 MB", || {
            inspect(&"A".repeat(10_000_000), &InspectOptions::default())
        });
        assert_eq!(report.findings.len(), 1);
    }
}
