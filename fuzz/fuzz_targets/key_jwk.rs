//! JWK and JWKS text: Key::from_jwk_json, the private-JWK reader used for signing, the RFC 7638
//! thumbprint and toPem; a parsed key is then bound to every algorithm and used once.
#![no_main]
use jwtlens::{verify_at, Key, Validation};
use jwtlens_fuzz::{all_algs, text, NOW};
use libfuzzer_sys::fuzz_target;

// A syntactically valid token per family, signed by none of the fuzzed keys.
const TOKENS: [&str; 3] = [
    "eyJhbGciOiJIUzI1NiIsImtpZCI6ImEifQ.eyJzdWIiOiJ4In0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2lnbmE",
    "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "eyJhbGciOiJFZERTQSIsImtpZCI6ImVkMjU1MTkifQ.eyJzdWIiOiJ4In0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
];

fuzz_target!(|data: &[u8]| {
    let s = text(data);
    match Key::from_jwk_json(&s) {
        Ok(key) => {
            for alg in jwtlens::internals::ALL_ALGORITHMS {
                let _ = key.clone().bind_alg(alg);
            }
            let mut v = Validation::new(&all_algs());
            v.allow_short_secrets = true;
            for t in TOKENS {
                if let Ok(r) = verify_at(t, &key, &v, NOW) {
                    panic!("a fuzzed key verified a fixed token: {:?}", r.header_json);
                }
            }
            // A public single JWK that parses has a PEM form that parses back.
            let is_public_single = !key.is_set()
                && jwtlens::internals::json::parse(&s).ok().is_some_and(|j| {
                    j.get("d").is_none() && j.get("kty").and_then(|k| k.as_str()) != Some("oct")
                });
            if is_public_single {
                if let Ok(pem) = jwtlens::to_pem(&s) {
                    if let Err(e) = Key::from_pem(&pem) {
                        panic!("toPem wrote a PEM that does not parse back: {e}\n{pem}");
                    }
                }
            }
        }
        Err(e) => {
            let c = e.code();
            assert!(
                [
                    "ERR_JWK_INVALID",
                    "ERR_JWKS_INVALID",
                    "ERR_JOSE_NOT_SUPPORTED",
                    "ERR_JOSE_ALG_NOT_ALLOWED"
                ]
                .contains(&c),
                "{c} {e}"
            );
        }
    }
    if let Ok(k) = jwtlens::Key::from_private_jwk(&s) {
        for alg in jwtlens::internals::ALL_ALGORITHMS {
            let _ = jwtlens::internals::sign_raw(alg, &k, b"e30.e30", true);
        }
    }
    let _ = jwtlens::jwk_thumbprint(&s);
    let _ = jwtlens::to_pem(&s);
});
