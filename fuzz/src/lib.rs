//! Shared pieces of the fuzz targets: the fixed keys (parsed once per process) and input helpers.
//!
//! The keys are test keys only: the RFC 7515 Appendix A keys (HS256 secret, RSA-2048, P-256,
//! P-521), the RFC 8037 Ed25519 key, and a P-384 key made for these targets. They sign the seed
//! tokens of `tests/vectors/`, so seeds verify and the fuzzer starts past the signature check.

use jwtlens::{Algorithm, Key};
use std::borrow::Cow;
use std::sync::OnceLock;

/// One fixed key and the algorithms it is used with.
pub struct Fixed {
    /// What it is, for messages.
    pub name: &'static str,
    /// The key (private keys: they verify with their public part and can also sign).
    pub key: Key,
    /// Algorithms this key signs and verifies.
    pub algs: &'static [Algorithm],
}

/// Every fixed key, plus two key sets.
pub struct Keys {
    /// HS256 secret, RSA-2048, P-256, P-384, P-521, Ed25519, in this order.
    pub single: Vec<Fixed>,
    /// A JWKS of public RSA, P-256, P-521 and Ed25519 keys with kids, and one P-256 key without.
    pub jwks: Key,
    /// A JWKS of `oct` keys (the HS256 secret three times, kids "a", "b" and none).
    pub jwks_oct: Key,
}

const HS256_JWK: &str = include_str!("../keys/hs256.jwk.json");
const RSA_PEM: &str = include_str!("../keys/rsa2048.pem");
const P256_PEM: &str = include_str!("../keys/p256.pem");
const P384_PEM: &str = include_str!("../keys/p384.pem");
const P521_PEM: &str = include_str!("../keys/p521.pem");
const ED25519_PEM: &str = include_str!("../keys/ed25519.pem");
const JWKS: &str = include_str!("../keys/jwks.json");
const JWKS_OCT: &str = include_str!("../keys/jwks-oct.json");

fn must(what: &str, k: Result<Key, jwtlens::Error>) -> Key {
    match k {
        Ok(k) => k,
        Err(e) => panic!("fixed key {what} does not parse: {e}"),
    }
}

/// The fixed keys, parsed on first use.
pub fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| {
        use Algorithm::*;
        let single = vec![
            Fixed {
                name: "HS256 secret",
                key: must("hs256", jwtlens::Key::from_private_jwk(HS256_JWK)),
                algs: &[HS256, HS384, HS512],
            },
            Fixed {
                name: "RSA-2048",
                key: must("rsa", Key::from_pem(RSA_PEM)),
                algs: &[RS256, RS384, RS512, PS256, PS384, PS512],
            },
            Fixed {
                name: "P-256",
                key: must("p256", Key::from_pem(P256_PEM)),
                algs: &[ES256],
            },
            Fixed {
                name: "P-384",
                key: must("p384", Key::from_pem(P384_PEM)),
                algs: &[ES384],
            },
            Fixed {
                name: "P-521",
                key: must("p521", Key::from_pem(P521_PEM)),
                algs: &[ES512],
            },
            Fixed {
                name: "Ed25519",
                key: must("ed25519", Key::from_pem(ED25519_PEM)),
                algs: &[EdDSA, Ed25519],
            },
        ];
        Keys {
            single,
            jwks: must("jwks", Key::from_jwk_json(JWKS)),
            jwks_oct: must("jwks-oct", Key::from_jwk_json(JWKS_OCT)),
        }
    })
}

/// The fixed key that signs `alg`.
pub fn key_for(alg: Algorithm) -> &'static Fixed {
    let k = keys();
    k.single
        .iter()
        .find(|f| f.algs.contains(&alg))
        .unwrap_or(&k.single[0])
}

/// Every algorithm, for allow-lists.
pub fn all_algs() -> Vec<Algorithm> {
    jwtlens::internals::ALL_ALGORITHMS.to_vec()
}

/// Fuzz bytes as the text a JavaScript string would bring: valid UTF-8 as is, anything else with
/// U+FFFD replacements (what wasm-bindgen does with lone surrogates).
pub fn text(data: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// Splits off the first byte (a selector) from the rest.
pub fn split_first(data: &[u8]) -> (u8, &[u8]) {
    match data.split_first() {
        Some((b, rest)) => (*b, rest),
        None => (0, data),
    }
}

/// A fixed clock for claim checks: 2023-11-14T22:13:20Z.
pub const NOW: u64 = 1_700_000_000;
