//! Native benchmarks of the core (no wasm, no JS boundary): `cargo bench --bench core`.
//!
//! - `decode`: a 3-claim token and one with a 2 KB payload;
//! - `verify`: every algorithm with a prepared [`Key`] (bound to its algorithm), plus a JWKS of
//!   10 RSA keys selected by `kid`;
//! - `import_key`: PEM (SPKI), JWK, a JWKS of 10 RSA keys, an HMAC secret;
//! - `inspect`: a typical HS256 token signed with a strong secret, so the whole weak-secret scan
//!   runs.
//!
//! Keys are generated once at start-up (RSA-2048 generation takes a few seconds in all), tokens
//! are signed by jwtlens itself, and every case is checked (right claims, a tampered signature
//! refused) before it is timed. Filter with divan's arguments, e.g.
//! `cargo bench --bench core -- verify`.
// Tests and benchmarks stop loudly on a failure: the no-panic lints are for the core.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::sync::OnceLock;

use divan::Bencher;
use jwtlens::internals::json::{self, Value};
use jwtlens::{
    decode, generate_key_pair, generate_secret, inspect, sign, to_pem, verify_at, Algorithm, Error,
    InspectOptions, Key, SignOptions, Validation,
};

/// The algorithm of a benchmark label.
fn a(name: &str) -> Algorithm {
    Algorithm::from_name(name).expect("known alg")
}

/// The clock of every check: tokens are issued at `NOW` and expire an hour later.
const NOW: u64 = 1_750_000_000;

const ALGS: [&str; 13] = [
    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
    "ES384", "ES512", "EdDSA",
];

fn main() {
    // Build (and check) every fixture before divan starts timing anything.
    let _ = fixtures();
    divan::main();
}

struct Case {
    alg: &'static str,
    /// The key `verify` uses, prepared once (as `importKey(input, alg)` does).
    key: Key,
    token: String,
    /// The public key as SPKI PEM (asymmetric algorithms) or the secret bytes (HMAC).
    pem: Option<String>,
    public_jwk: String,
}

struct Fixtures {
    cases: Vec<Case>,
    decode_small: String,
    decode_2k: String,
    jwks_10: String,
    jwks_key: Key,
    jwks_token: String,
    inspect_token: String,
    secret: Vec<u8>,
}

fn claims(extra: &str) -> Value {
    let text = format!(
        r#"{{"sub":"user-42","iss":"https://issuer.example","aud":"api","iat":{NOW},"exp":{}{extra}}}"#,
        NOW + 3600
    );
    json::parse(&text).expect("claims JSON")
}

fn sign_with(payload: &Value, private: &Key, alg: &str) -> String {
    sign(payload, private, &SignOptions::new(a(alg)), NOW).expect("sign")
}

fn validation(alg: &str) -> Validation {
    Validation::new(&[a(alg)])
}

fn tamper(token: &str) -> String {
    let mut bytes = token.as_bytes().to_vec();
    let last = bytes.len() - 2;
    bytes[last] = if bytes[last] == b'A' { b'B' } else { b'A' };
    String::from_utf8(bytes).expect("ASCII token")
}

/// The right claims come back, and a tampered signature is refused.
fn check(token: &str, key: &Key, alg: &str) {
    let v = validation(alg);
    let ok = verify_at(token, key, &v, NOW).unwrap_or_else(|e| panic!("{alg}: {e}"));
    assert_eq!(
        ok.payload.get("sub").and_then(Value::as_str),
        Some("user-42"),
        "{alg}"
    );
    match verify_at(&tamper(token), key, &v, NOW) {
        Err(Error::SignatureVerificationFailed) => {}
        other => panic!("{alg}: a tampered token gave {other:?}"),
    }
}

/// The 2 KB payload: the usual claims plus a list of permissions (as in bench/compare.mjs).
fn permissions_2k() -> String {
    let mut extra = String::from(r#","name":"Jane Doe","permissions":["#);
    let mut i = 0;
    while extra.len() < 1900 {
        if i > 0 {
            extra.push(',');
        }
        extra.push_str(&format!(r#""read:resource-{i:03}""#));
        i += 1;
    }
    extra.push(']');
    extra
}

fn fixtures() -> &'static Fixtures {
    static F: OnceLock<Fixtures> = OnceLock::new();
    F.get_or_init(|| {
        let secret = generate_secret(Algorithm::HS512).expect("secret");
        let rsa = generate_key_pair(Algorithm::RS256, 2048).expect("RSA key");
        let payload = claims("");
        let mut cases = Vec::new();
        for alg in ALGS {
            let (private, public_jwk) = if alg.starts_with("HS") {
                let k = Key::from_secret(&secret).expect("secret key");
                (k, String::new())
            } else {
                // One RSA key pair for RS* and PS* (generation is the slow part, not the subject).
                let pair = if alg.starts_with("RS") || alg.starts_with("PS") {
                    rsa.clone()
                } else {
                    generate_key_pair(a(alg), 2048).expect("key pair")
                };
                let mut private_jwk = pair.private_jwk.clone();
                let mut public = pair.public_jwk.clone();
                // The generated JWKs carry alg: drop it so one RSA key serves six algorithms.
                for jwk in [&mut private_jwk, &mut public] {
                    if let Value::Object(members) = jwk {
                        members.retain(|(k, _)| k != "alg");
                    }
                }
                (
                    jwtlens::Key::from_private_jwk(&private_jwk.to_json()).expect("private key"),
                    public.to_json(),
                )
            };
            let token = sign_with(&payload, &private, alg);
            let (key, pem) = if alg.starts_with("HS") {
                (
                    Key::from_secret(&secret)
                        .and_then(|k| k.bind_alg(a(alg)))
                        .expect("HMAC key"),
                    None,
                )
            } else {
                let pem = to_pem(&public_jwk).expect("PEM");
                (
                    Key::from_pem(&pem)
                        .and_then(|k| k.bind_alg(a(alg)))
                        .expect("PEM key"),
                    Some(pem),
                )
            };
            check(&token, &key, alg);
            cases.push(Case {
                alg,
                key,
                token,
                pem,
                public_jwk,
            });
        }

        // A JWKS of 10 RSA keys (kid key-0 … key-9); the token is signed by key-7.
        let mut jwks_members = Vec::new();
        let mut signer = None;
        for i in 0..10 {
            let pair = generate_key_pair(Algorithm::RS256, 2048).expect("RSA key");
            let kid = format!("key-{i}");
            let set_kid = |jwk: &Value| -> Value {
                let Value::Object(members) = jwk else {
                    unreachable!("a JWK is an object")
                };
                let mut m: Vec<(String, Value)> = members
                    .iter()
                    .filter(|(k, _)| k != "kid")
                    .cloned()
                    .collect();
                m.push(("kid".into(), Value::String(kid.clone())));
                Value::Object(m)
            };
            jwks_members.push(set_kid(&pair.public_jwk));
            if i == 7 {
                signer = Some(
                    jwtlens::Key::from_private_jwk(&set_kid(&pair.private_jwk).to_json())
                        .expect("private key"),
                );
            }
        }
        let jwks_10 = Value::Object(vec![("keys".into(), Value::Array(jwks_members))]).to_json();
        let jwks_key = Key::from_jwk_json(&jwks_10).expect("JWKS");
        let jwks_token = sign_with(&payload, &signer.expect("key-7"), "RS256");
        check(&jwks_token, &jwks_key, "RS256");

        let hs = Key::from_secret(&secret).expect("secret key");
        let decode_small = {
            let three = json::parse(&format!(
                r#"{{"sub":"user-42","iat":{NOW},"exp":{}}}"#,
                NOW + 3600
            ))
            .expect("JSON");
            sign_with(&three, &hs, "HS256")
        };
        let big = claims(&permissions_2k());
        assert!((2000..2200).contains(&big.to_json().len()));
        let decode_2k = sign_with(&big, &hs, "HS256");
        for t in [&decode_small, &decode_2k] {
            assert_eq!(
                decode(t)
                    .expect("decode")
                    .payload
                    .get("sub")
                    .and_then(Value::as_str),
                Some("user-42")
            );
        }
        // inspect: a strong secret, so no weak secret matches and the whole list is tried.
        let inspect_token = sign_with(&claims(r#","name":"Jane Doe""#), &hs, "HS256");
        let report = inspect(&inspect_token, &inspect_options());
        assert!(
            report.findings.iter().all(|f| f.code != "weak-secret"),
            "the strong secret must not be found"
        );

        Fixtures {
            cases,
            decode_small,
            decode_2k,
            jwks_10,
            jwks_key,
            jwks_token,
            inspect_token,
            secret,
        }
    })
}

fn inspect_options() -> InspectOptions {
    InspectOptions {
        now: NOW as f64,
        secret: None,
    }
}

fn case(alg: &str) -> &'static Case {
    fixtures()
        .cases
        .iter()
        .find(|c| c.alg == alg)
        .expect("known alg")
}

#[divan::bench(args = ["3 claims", "2 KB payload"])]
fn decode_token(bencher: Bencher, which: &str) {
    let f = fixtures();
    let token = if which == "3 claims" {
        &f.decode_small
    } else {
        &f.decode_2k
    };
    bencher.bench(|| decode(black_box(token)).expect("decode"));
}

#[divan::bench(args = ALGS)]
fn verify_prepared(bencher: Bencher, alg: &str) {
    let c = case(alg);
    let v = validation(alg);
    bencher.bench(|| verify_at(black_box(&c.token), &c.key, &v, NOW).expect("verify"));
}

#[divan::bench]
fn verify_jwks_10_rsa_by_kid(bencher: Bencher) {
    let f = fixtures();
    let v = validation("RS256");
    bencher.bench(|| verify_at(black_box(&f.jwks_token), &f.jwks_key, &v, NOW).expect("verify"));
}

/// Cold: the PEM (or secret) is parsed for every token, as `verify(token, pem, options)` does.
#[divan::bench(args = ["HS256", "RS256", "PS256", "ES256", "ES384", "EdDSA"])]
fn verify_cold(bencher: Bencher, alg: &str) {
    let c = case(alg);
    let f = fixtures();
    let v = validation(alg);
    bencher.bench(|| {
        let key = match &c.pem {
            Some(pem) => Key::from_pem(black_box(pem)),
            None => Key::from_secret(black_box(&f.secret)),
        }
        .expect("key");
        verify_at(black_box(&c.token), &key, &v, NOW).expect("verify")
    });
}

#[divan::bench(args = ["PEM SPKI RS256", "PEM SPKI ES256", "PEM SPKI ES384", "PEM SPKI EdDSA", "JWK RS256", "JWK ES256", "JWK ES384", "JWK EdDSA", "JWKS 10 RSA", "secret HS256"])]
fn import_key(bencher: Bencher, what: &str) {
    let f = fixtures();
    let (format, alg) = what.rsplit_once(' ').expect("label");
    match format {
        "PEM SPKI" => {
            let pem = case(alg).pem.as_deref().expect("PEM");
            bencher.bench(|| {
                Key::from_pem(black_box(pem))
                    .and_then(|k| k.bind_alg(a(alg)))
                    .expect("import")
            });
        }
        "JWK" => {
            let jwk = &case(alg).public_jwk;
            bencher.bench(|| {
                Key::from_jwk_json(black_box(jwk))
                    .and_then(|k| k.bind_alg(a(alg)))
                    .expect("import")
            });
        }
        "JWKS 10" => {
            bencher.bench(|| Key::from_jwk_json(black_box(&f.jwks_10)).expect("import"));
        }
        _ => {
            bencher.bench(|| {
                Key::from_secret(black_box(&f.secret))
                    .and_then(|k| k.bind_alg(a(alg)))
                    .expect("import")
            });
        }
    }
}

#[divan::bench]
fn inspect_hs256_full_weak_secret_scan(bencher: Bencher) {
    let f = fixtures();
    let options = inspect_options();
    bencher.bench(|| inspect(black_box(&f.inspect_token), &options));
}
