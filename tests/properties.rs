//! Property tests (native only): round trips, canonical base64url, no panics on any input, and no
//! accepted token after any byte is changed.
// Tests and benchmarks stop loudly on a failure: the no-panic lints are for the core.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![cfg(feature = "asymmetric")]
#![cfg(not(target_arch = "wasm32"))]

use jwtlens::internals::base64url;
use jwtlens::internals::json;
use jwtlens::{decode, inspect, verify_at, InspectOptions, Key, Validation};
use proptest::prelude::*;

const NOW: u64 = 1_700_000_000;

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn base64url_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let enc = base64url::encode(&bytes);
        prop_assert_eq!(base64url::decode(&enc).unwrap(), bytes);
    }

    /// Whatever decodes is canonical: encoding it again gives the same text.
    #[test]
    fn base64url_accepts_only_canonical(s in "[A-Za-z0-9_\\-+/= ]{0,40}") {
        if let Ok(bytes) = base64url::decode(&s) {
            prop_assert_eq!(base64url::encode(&bytes), s);
        }
    }

    /// Any string written as a JSON literal parses back to itself (escapes, controls, non-ASCII).
    #[test]
    fn json_strings_round_trip(s in any::<String>(), ctl in "[\\x00-\\x1f\"\\\\]{0,8}") {
        for text in [s.clone(), format!("{ctl}{s}{ctl}"), format!("{s}{ctl}{s}")] {
            let mut out = String::new();
            json::write_string(&text, &mut out);
            prop_assert!(out.bytes().all(|b| b >= 0x20), "{out:?}");
            prop_assert_eq!(json::parse(&out).unwrap(), json::Value::String(text));
        }
    }

    #[test]
    fn inspect_never_panics_on_any_string(s in any::<String>()) {
        let r = inspect(&s, &InspectOptions { now: NOW as f64, secret: Some(b"x".to_vec()) });
        prop_assert!(json::parse(&r.to_json()).is_ok());
    }

    #[test]
    fn inspect_never_panics_on_token_like_strings(s in "[A-Za-z0-9_\\-.=+/ ]{0,300}") {
        let r = inspect(&s, &InspectOptions { now: NOW as f64, secret: None });
        prop_assert!(!r.kind.is_empty());
    }

    #[test]
    fn decode_and_verify_never_panic(s in "[A-Za-z0-9_\\-.]{0,200}") {
        let _ = decode(&s);
        let key = Key::from_secret(&[1u8; 32]).unwrap();
        let _ = verify_at(&s, &key, &Validation::new(&[jwtlens::Algorithm::HS256, jwtlens::Algorithm::RS256, jwtlens::Algorithm::ES256]), NOW);
    }

    #[test]
    fn json_parser_never_panics(s in any::<String>()) {
        let _ = json::parse(&s);
    }

    #[test]
    fn key_parsers_never_panic(s in any::<String>()) {
        let _ = Key::from_jwk_json(&s);
        let _ = Key::from_pem(&format!("-----BEGIN PUBLIC KEY-----\n{s}\n-----END PUBLIC KEY-----"));
        let _ = Key::from_string(&s);
    }
}

/// Round trips through `sign`: only with the `sign` feature.
#[cfg(feature = "sign")]
mod signed {
    use super::*;
    use jwtlens::internals::json::Value;
    use jwtlens::{generate_key_pair, sign, verify_jws, SignOptions};
    use std::sync::OnceLock;

    struct Signer {
        alg: jwtlens::Algorithm,
        private: Key,
        public: Key,
    }

    /// One key per algorithm, generated once (RSA generation is slow).
    fn signers() -> &'static [Signer] {
        static S: OnceLock<Vec<Signer>> = OnceLock::new();
        S.get_or_init(|| {
            jwtlens::internals::ALL_ALGORITHMS
                .iter()
                .map(|a| {
                    let alg = *a;
                    if alg.name().starts_with("HS") {
                        let secret = vec![0x5au8; 64];
                        Signer {
                            alg,
                            private: Key::from_secret(&secret).unwrap(),
                            public: Key::from_secret(&secret).unwrap(),
                        }
                    } else {
                        let pair = generate_key_pair(alg, 2048).unwrap();
                        Signer {
                            alg,
                            private: jwtlens::Key::from_private_jwk(&pair.private_jwk.to_json())
                                .unwrap(),
                            public: Key::from_jwk_json(&pair.public_jwk.to_json()).unwrap(),
                        }
                    }
                })
                .collect()
        })
    }

    fn claims() -> impl Strategy<Value = Vec<(String, String)>> {
        proptest::collection::vec(("[a-z_]{1,12}", any::<String>()), 0..6)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// sign → verify gives back the claims, for every algorithm.
        #[test]
        fn sign_then_verify_round_trips(which in 0usize..14, members in claims()) {
            let s = &signers()[which];
            let mut object: Vec<(String, Value)> = Vec::new();
            for (k, v) in members {
                if k != "iat" && k != "exp" && !object.iter().any(|(n, _)| *n == k) {
                    object.push((k, Value::String(v)));
                }
            }
            let payload = Value::Object(object.clone());
            let token = sign(&payload, &s.private, &SignOptions { expires_in: Some(60.0), ..SignOptions::new(s.alg) }, NOW).unwrap();
            let r = verify_at(&token, &s.public, &Validation::new(&[s.alg]), NOW).unwrap();
            for (k, v) in object {
                prop_assert_eq!(r.payload.get(&k), Some(&v));
            }
        }

        /// Changing any one byte of a valid token makes verification fail.
        #[test]
        fn no_byte_can_be_changed(which in 0usize..14, pos in any::<prop::sample::Index>(), replacement in any::<u8>()) {
            let s = &signers()[which];
            let token = sign(&json::parse(r#"{"sub":"user-42"}"#).unwrap(), &s.private, &SignOptions::new(s.alg), NOW).unwrap();
            let mut bytes = token.clone().into_bytes();
            let i = pos.index(bytes.len());
            prop_assume!(bytes[i] != replacement);
            bytes[i] = replacement;
            let changed = String::from_utf8_lossy(&bytes).into_owned();
            let mut v = Validation::new(&[s.alg]);
            v.required_claims.clear();
            prop_assert!(verify_jws(&changed, &s.public, &v).is_err(), "{} accepted with byte {} changed", s.alg.name(), i);
        }
    }
}
