//! verify_at / verify_jws on arbitrary tokens, against every fixed key type and two key sets.
//! The first byte picks the key (and the allow-list); the rest is the token.
#![no_main]
use jwtlens::{verify_at, verify_jws, Validation};
use jwtlens_fuzz::{all_algs, keys, split_first, text, NOW};
use libfuzzer_sys::fuzz_target;

const CODES: [&str; 11] = [
    "ERR_JWT_INVALID",
    "ERR_JOSE_ALG_NOT_ALLOWED",
    "ERR_JOSE_NOT_SUPPORTED",
    "ERR_JWS_INVALID",
    "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
    "ERR_JWK_INVALID",
    "ERR_JWKS_NO_MATCHING_KEY",
    "ERR_JWKS_MULTIPLE_MATCHING_KEYS",
    "ERR_JWT_EXPIRED",
    "ERR_JWT_CLAIM_VALIDATION_FAILED",
    "ERR_JWKS_INVALID",
];

fuzz_target!(|data: &[u8]| {
    let (sel, rest) = split_first(data);
    let token = text(rest);
    let k = keys();
    let key = match sel % 8 {
        i @ 0..=5 => &k.single[usize::from(i)].key,
        6 => &k.jwks,
        _ => &k.jwks_oct,
    };
    let mut v = Validation::new(&all_algs());
    if sel & 0x08 != 0 {
        v.required_claims.clear();
    }
    if sel & 0x10 != 0 {
        v.allow_short_secrets = true;
        v.clock_tolerance = 1e9;
    }
    if sel & 0x20 != 0 {
        v.crit = vec!["exp-ext".into(), "http://example.invalid/x".into()];
        v.issuer = vec!["joe".into()];
        v.audience = vec!["a".into(), "b".into()];
    }
    if sel & 0x40 != 0 {
        v.max_token_bytes = 300;
    }
    let jws = verify_jws(&token, key, &v);
    if let Err(e) = &jws {
        assert!(CODES.contains(&e.code()), "{} {e}", e.code());
    }
    let full = verify_at(&token, key, &v, NOW);
    match &full {
        Ok(r) => {
            // A verified JWT is a verified JWS with the same header.
            let jws = jws
                .as_ref()
                .expect("verify_at accepted what verify_jws refused");
            assert_eq!(jws.header, r.header);
            assert_eq!(jws.payload, r.payload_json.as_bytes());
        }
        Err(e) => assert!(CODES.contains(&e.code()), "{} {e}", e.code()),
    }
});
