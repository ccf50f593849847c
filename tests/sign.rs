//! sign / generate_key_pair / generate_secret / to_pem: round trips, vectors, refusals.
// Tests and benchmarks stop loudly on a failure: the no-panic lints are for the core.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![cfg(all(feature = "asymmetric", feature = "sign"))]
#[macro_use]
mod common;

use common::*;
use jwtlens::internals::json::{self, Value};
use jwtlens::internals::sign_raw;
use jwtlens::IssuedAt;
use jwtlens::{
    decode, generate_key_pair, generate_secret, sign, to_pem, verify_at, Algorithm, Key,
    SignOptions, Validation,
};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const NOW: u64 = 1_700_000_000;

fn opts(alg: &str) -> SignOptions {
    SignOptions::new(Algorithm::from_name(alg).unwrap_or_else(|| panic!("no alg {alg}")))
}

/// Signs as the JS layer does: the options as JSON through the core's option protocol (where
/// the algorithm name is read), then `sign`.
fn sign_named(payload: &Value, key: &Key, alg: &str) -> Result<String, jwtlens::Error> {
    let (o, now) = jwtlens::internals::sign_options(&format!(r#"{{"alg":"{alg}","now":{NOW}}}"#))?;
    sign(payload, key, &o, now)
}

fn payload(s: &str) -> Value {
    json::parse(s).unwrap()
}

fn verify(token: &str, key: &Key, alg: &str) -> Result<jwtlens::Verified, jwtlens::Error> {
    let mut v = Validation::new(&[Algorithm::from_name(alg).unwrap()]);
    v.required_claims.clear();
    verify_at(token, key, &v, NOW)
}

#[test]
fn round_trip_every_algorithm_with_generated_keys() {
    for alg in jwtlens::internals::ALL_ALGORITHMS {
        let (signer, verifier) = if alg.family() == jwtlens::Family::Hmac {
            let s = generate_secret(alg).unwrap();
            assert_eq!(s.len(), alg.hash().output_len());
            (Key::from_secret(&s).unwrap(), Key::from_secret(&s).unwrap())
        } else {
            let pair = generate_key_pair(alg, 2048).unwrap();
            let private = jwtlens::Key::from_private_jwk(&pair.private_jwk.to_json()).unwrap();
            let public = Key::from_jwk_json(&pair.public_jwk.to_json()).unwrap();
            // the PEM forms work too
            let pem_public = Key::from_pem(&to_pem(&pair.public_jwk.to_json()).unwrap()).unwrap();
            let pem_private = Key::from_pem(&to_pem(&pair.private_jwk.to_json()).unwrap()).unwrap();
            let t = sign(
                &payload(r#"{"sub":"pem"}"#),
                &pem_private,
                &opts(alg.name()),
                NOW,
            )
            .unwrap();
            verify(&t, &pem_public, alg.name())
                .unwrap_or_else(|e| panic!("{} via PEM: {e}", alg.name()));
            (private, public)
        };
        let t = sign(&payload(r#"{"sub":"u"}"#), &signer, &opts(alg.name()), NOW).unwrap();
        let r = verify(&t, &verifier, alg.name()).unwrap_or_else(|e| panic!("{}: {e}", alg.name()));
        assert_eq!(r.payload.get("sub").and_then(Value::as_str), Some("u"));
        // flipping any signature character breaks it
        let mut bytes = t.clone().into_bytes();
        let last = bytes.len() - 2;
        bytes[last] = if bytes[last] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(bytes).unwrap();
        assert!(
            verify(&tampered, &verifier, alg.name()).is_err(),
            "{}",
            alg.name()
        );
    }
}

#[test]
fn generated_jwks_carry_alg_and_thumbprint_kid() {
    // RFC 7638 §3.1 example thumbprint
    let rfc = r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#;
    let key = Key::from_jwk_json(rfc).unwrap();
    let _ = key;
    let pair = generate_key_pair(Algorithm::ES256, 2048).unwrap();
    let kid = pair
        .public_jwk
        .get("kid")
        .and_then(Value::as_str)
        .unwrap()
        .to_owned();
    assert_eq!(
        pair.private_jwk.get("kid").and_then(Value::as_str),
        Some(kid.as_str())
    );
    assert_eq!(
        pair.public_jwk.get("alg").and_then(Value::as_str),
        Some("ES256")
    );
    assert!(pair.public_jwk.get("d").is_none());
    // sign copies the kid into the header
    let t = sign(
        &payload("{}"),
        &jwtlens::Key::from_private_jwk(&pair.private_jwk.to_json()).unwrap(),
        &opts("ES256"),
        NOW,
    )
    .unwrap();
    assert_eq!(
        decode(&t)
            .unwrap()
            .header
            .get("kid")
            .and_then(Value::as_str),
        Some(kid.as_str())
    );
    assert_eq!(kid.len(), 43);
}

#[test]
fn rfc7638_thumbprint() {
    let rfc = r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB"}"#;
    assert_eq!(
        jwtlens::jwk_thumbprint(rfc).unwrap(),
        "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
    );
}

#[test]
fn header_and_claim_order_and_defaults() {
    let key = Key::from_secret(b"0123456789abcdef0123456789abcdef").unwrap();
    let mut o = opts("HS256");
    o.header = vec![
        ("x".into(), Value::String("1".into())),
        ("kid".into(), Value::String("k1".into())),
    ];
    o.expires_in = Some(900.0);
    o.not_before = Some(0.0);
    let t = sign(&payload(r#"{"sub":"u","aud":"api"}"#), &key, &o, NOW).unwrap();
    let d = decode(&t).unwrap();
    assert_eq!(
        d.header_json,
        r#"{"alg":"HS256","typ":"JWT","kid":"k1","x":"1"}"#
    );
    assert_eq!(
        d.payload_json,
        r#"{"sub":"u","aud":"api","iat":1700000000,"nbf":1700000000,"exp":1700000900}"#
    );
    // an existing iat is the base and is kept
    let t = sign(
        &payload(r#"{"iat":1600000000}"#),
        &key,
        &SignOptions {
            expires_in: Some(60.0),
            ..opts("HS256")
        },
        NOW,
    )
    .unwrap();
    assert_eq!(
        decode(&t).unwrap().payload_json,
        r#"{"iat":1600000000,"exp":1600000060}"#
    );
    // issuedAt: false / true / number
    let no = sign(
        &payload("{}"),
        &key,
        &SignOptions {
            issued_at: IssuedAt::No,
            ..opts("HS256")
        },
        NOW,
    )
    .unwrap();
    assert_eq!(decode(&no).unwrap().payload_json, "{}");
    let now = sign(
        &payload(r#"{"iat":5}"#),
        &key,
        &SignOptions {
            issued_at: IssuedAt::Now,
            ..opts("HS256")
        },
        NOW,
    )
    .unwrap();
    assert_eq!(decode(&now).unwrap().payload_json, r#"{"iat":1700000000}"#);
    let at = sign(
        &payload("{}"),
        &key,
        &SignOptions {
            issued_at: IssuedAt::At(42.0),
            ..opts("HS256")
        },
        NOW,
    )
    .unwrap();
    assert_eq!(decode(&at).unwrap().payload_json, r#"{"iat":42}"#);
    // typ from the header wins; a null typ removes it
    let t = sign(
        &payload("{}"),
        &key,
        &SignOptions {
            header: vec![("typ".into(), Value::String("at+jwt".into()))],
            ..opts("HS256")
        },
        NOW,
    )
    .unwrap();
    assert_eq!(
        decode(&t).unwrap().header_json,
        r#"{"alg":"HS256","typ":"at+jwt"}"#
    );
}

#[test]
fn refusals() {
    let secret = Key::from_secret(b"0123456789abcdef0123456789abcdef").unwrap();
    let code = |r: Result<String, jwtlens::Error>| r.err().map(|e| e.code());
    assert_eq!(
        code(sign_named(&payload("{}"), &secret, "none")),
        Some("TypeError")
    );
    assert_eq!(
        code(sign_named(&payload("{}"), &secret, "NONE")),
        Some("TypeError")
    );
    assert_eq!(
        code(sign(&payload("[]"), &secret, &opts("HS256"), NOW)),
        Some("TypeError")
    );
    assert_eq!(
        code(sign_named(&payload("{}"), &secret, "XS1")),
        Some("ERR_JOSE_NOT_SUPPORTED")
    );
    assert_eq!(
        code(sign(&payload("{}"), &secret, &opts("RS256"), NOW)),
        Some("ERR_JOSE_ALG_NOT_ALLOWED")
    );
    let short = Key::from_secret(b"your-256-bit-secret").unwrap();
    assert_eq!(
        code(sign(&payload("{}"), &short, &opts("HS256"), NOW)),
        Some("ERR_JOSE_ALG_NOT_ALLOWED")
    );
    assert!(sign(
        &payload("{}"),
        &short,
        &SignOptions {
            allow_short_secrets: true,
            ..opts("HS256")
        },
        NOW
    )
    .is_ok());
    // a 32-byte secret is short for HS512
    assert_eq!(
        code(sign(&payload("{}"), &secret, &opts("HS512"), NOW)),
        Some("ERR_JOSE_ALG_NOT_ALLOWED")
    );
    let bad_header = |h: &str| SignOptions {
        header: json::parse(h).unwrap().as_object().unwrap().to_vec(),
        ..opts("HS256")
    };
    assert_eq!(
        code(sign(
            &payload("{}"),
            &secret,
            &bad_header(r#"{"alg":"HS384"}"#),
            NOW
        )),
        Some("TypeError")
    );
    assert_eq!(
        code(sign(
            &payload("{}"),
            &secret,
            &bad_header(r#"{"b64":false}"#),
            NOW
        )),
        Some("TypeError")
    );
    assert_eq!(
        code(sign(
            &payload("{}"),
            &secret,
            &bad_header(r#"{"crit":["x"]}"#),
            NOW
        )),
        Some("TypeError")
    );
    // a public key cannot sign
    let pair = generate_key_pair(Algorithm::ES256, 2048).unwrap();
    let public = Key::from_jwk_json(&pair.public_jwk.to_json()).unwrap();
    assert_eq!(
        code(sign(&payload("{}"), &public, &opts("ES256"), NOW)),
        Some("TypeError")
    );
    // the wrong curve
    let private = jwtlens::Key::from_private_jwk(&pair.private_jwk.to_json()).unwrap();
    assert_eq!(
        code(sign(&payload("{}"), &private, &opts("ES384"), NOW)),
        Some("ERR_JOSE_ALG_NOT_ALLOWED")
    );
    // generation refusals
    assert_eq!(
        generate_key_pair(Algorithm::HS256, 2048)
            .err()
            .map(|e| e.code()),
        Some("TypeError")
    );
    assert_eq!(
        generate_key_pair(Algorithm::RS256, 1024)
            .err()
            .map(|e| e.code()),
        Some("TypeError")
    );
    assert_eq!(
        generate_secret(Algorithm::ES256).err().map(|e| e.code()),
        Some("TypeError")
    );
    assert_eq!(
        to_pem(r#"{"kty":"oct","k":"AAAA"}"#)
            .err()
            .map(|e| e.code()),
        Some("TypeError")
    );
    // a private JWK whose d does not match its public part
    let mut other = generate_key_pair(Algorithm::ES256, 2048)
        .unwrap()
        .private_jwk;
    if let Value::Object(m) = &mut other {
        let x = pair.public_jwk.get("x").unwrap().clone();
        m.iter_mut()
            .filter(|(k, _)| k == "x")
            .for_each(|(_, v)| *v = x.clone());
    }
    assert_eq!(
        jwtlens::Key::from_private_jwk(&other.to_json())
            .err()
            .map(|e| e.code()),
        Some("ERR_JWK_INVALID")
    );
}

/// RFC 7515 A.1 (HS256), A.2 (RS256) and RFC 8037 A.4 (Ed25519) are deterministic: the
/// signatures must come out byte for byte, from the private JWK and from every private PEM.
#[test]
fn rfc_signatures_reproduced_exactly() {
    let mut fails = Failures::default();
    let mut ran = 0;
    for (file, text) in [
        ("rfc7515.json", include_str!("vectors/rfc7515.json")),
        ("rfc8037.json", include_str!("vectors/rfc8037.json")),
    ] {
        let doc = load(file, text);
        for v in arr_of(&doc, "vectors", file) {
            let id = str_of(v, "id", file);
            let alg = str_of(v, "alg", id);
            if !matches!(alg, "HS256" | "RS256" | "EdDSA") {
                continue;
            }
            let token = str_of(v, "token", id);
            let (input, sig) = token.rsplit_once('.').unwrap();
            let keys = v.get("keys").unwrap();
            let jwk = keys.get("jwk").unwrap();
            if alg != "HS256" && jwk.get("d").is_none() {
                continue;
            }
            let mut forms: Vec<(String, Key)> = vec![(
                "jwk".into(),
                jwtlens::Key::from_private_jwk(&jwk.to_json()).unwrap(),
            )];
            for pem in ["pkcs8_pem", "pkcs1_private_pem", "sec1_pem"] {
                if let Some(p) = keys.get(pem).and_then(Value::as_str) {
                    forms.push((pem.into(), Key::from_pem(p).unwrap()));
                }
            }
            for (form, key) in forms {
                ran += 1;
                let a = Algorithm::from_name(alg).unwrap();
                match sign_raw(a, &key, input.as_bytes(), false) {
                    Ok(s) if b64url_encode(&s) == sig => {}
                    Ok(s) => fails
                        .0
                        .push(format!("{id} ({form}): got {}", b64url_encode(&s))),
                    Err(e) => fails.0.push(format!("{id} ({form}): {e}")),
                }
            }
        }
    }
    say!("rfc signature reproduction: {ran} signatures");
    assert!(ran >= 4, "too few signatures reproduced: {ran}");
    assert!(fails.0.is_empty(), "{:#?}", fails.0);
}

/// Issue 14 §4: registered claims of the wrong JSON type are refused, not signed as given;
/// `exp: NaN` from JavaScript arrives as `null` (JSON.stringify) and is refused with them.
#[test]
fn registered_claims_of_the_wrong_type_are_refused() {
    let secret = Key::from_secret(b"0123456789abcdef0123456789abcdef").unwrap();
    for claims in [
        r#"{"exp":null}"#,
        r#"{"nbf":null}"#,
        r#"{"iat":null}"#,
        r#"{"exp":"1700000000"}"#,
        r#"{"exp":1e400}"#,
        r#"{"nbf":true}"#,
        r#"{"iss":0}"#,
        r#"{"sub":null}"#,
        r#"{"jti":["a"]}"#,
        r#"{"aud":0}"#,
        r#"{"aud":["a",1]}"#,
        r#"{"aud":{"a":1}}"#,
    ] {
        let e = sign(&payload(claims), &secret, &opts("HS256"), NOW).unwrap_err();
        assert_eq!(e.code(), "TypeError", "{claims}");
        assert!(e.to_string().contains("RFC 7519"), "{claims}: {e}");
    }
    // an iat that issuedAt replaces is not signed, so it is not refused
    let mut o = opts("HS256");
    o.issued_at = IssuedAt::At(1.0);
    assert!(sign(&payload(r#"{"iat":"x"}"#), &secret, &o, NOW).is_ok());
    for ok in [
        r#"{"iss":"i","sub":"s","jti":"j","aud":"a","exp":1,"nbf":0.5,"iat":-1}"#,
        r#"{"aud":["a","b"]}"#,
        r#"{"aud":[]}"#,
        r#"{"custom":null,"name":0}"#,
    ] {
        assert!(
            sign(&payload(ok), &secret, &opts("HS256"), NOW).is_ok(),
            "{ok}"
        );
    }
}

/// Issue 17: sign_jws signs any bytes; the header is alg, the key's kid, then the caller's
/// members, with no typ unless given; the refusals are sign's.
#[test]
fn sign_jws_signs_any_payload_bytes() {
    for alg in jwtlens::internals::ALL_ALGORITHMS {
        let (signer, verifier) = if alg.family() == jwtlens::Family::Hmac {
            let s = generate_secret(alg).unwrap();
            (Key::from_secret(&s).unwrap(), Key::from_secret(&s).unwrap())
        } else {
            let pair = generate_key_pair(alg, 2048).unwrap();
            (
                Key::from_private_jwk(&pair.private_jwk.to_json()).unwrap(),
                Key::from_jwk_json(&pair.public_jwk.to_json()).unwrap(),
            )
        };
        let bytes: &[u8] = &[0, 159, 146, 150, b'.', 0xff];
        let mut o = opts(alg.name());
        o.header = vec![("x".into(), Value::String("y".into()))];
        let token = jwtlens::sign_jws(bytes, &signer, &o).unwrap();
        let mut v = Validation::new(&[alg]);
        v.required_claims.clear();
        let r = jwtlens::verify_jws(&token, &verifier, &v)
            .unwrap_or_else(|e| panic!("{}: {e}", alg.name()));
        assert_eq!(r.payload, bytes);
        let members: Vec<&str> = r
            .header
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, _)| k.as_str())
            .collect();
        if alg.family() == jwtlens::Family::Hmac {
            assert_eq!(members, ["alg", "x"], "{}", alg.name());
        } else {
            assert_eq!(members, ["alg", "kid", "x"], "{}", alg.name());
        }
    }
    let secret = Key::from_secret(b"0123456789abcdef0123456789abcdef").unwrap();
    let code = |r: Result<String, jwtlens::Error>| r.err().map(|e| e.code());
    for header in [
        r#"{"alg":"HS384"}"#,
        r#"{"b64":false}"#,
        r#"{"crit":["x"],"x":1}"#,
        // a kid that verify would refuse is not signed
        r#"{"kid":null}"#,
        r#"{"kid":7}"#,
    ] {
        let mut o = opts("HS256");
        o.header = payload(header).as_object().unwrap().to_vec();
        assert_eq!(
            code(jwtlens::sign_jws(b"x", &secret, &o)),
            Some("TypeError"),
            "{header}"
        );
    }
    let public = Key::from_jwk_json(
        &generate_key_pair(Algorithm::ES256, 2048)
            .unwrap()
            .public_jwk
            .to_json(),
    )
    .unwrap();
    assert_eq!(
        code(jwtlens::sign_jws(b"x", &public, &opts("ES256"))),
        Some("TypeError")
    );
}

/// Issue 17: the public JWK of any private key, which is what a verifying build asks for.
#[test]
fn public_jwk_of_private_keys() {
    for alg in [
        Algorithm::RS256,
        Algorithm::ES256,
        Algorithm::ES384,
        Algorithm::ES512,
        Algorithm::EdDSA,
        Algorithm::Ed25519,
    ] {
        let pair = generate_key_pair(alg, 2048).unwrap();
        let private = Key::from_private_jwk(&pair.private_jwk.to_json()).unwrap();
        assert_eq!(
            private.public_jwk().unwrap(),
            pair.public_jwk,
            "{}",
            alg.name()
        );
        // from the PKCS#8 PEM too (no kid/alg/use there): the same key members
        let pem = Key::from_pem(&to_pem(&pair.private_jwk.to_json()).unwrap()).unwrap();
        let from_pem = pem.public_jwk().unwrap();
        for m in ["kty", "crv", "x", "y", "n", "e"] {
            assert_eq!(
                from_pem.get(m),
                pair.public_jwk.get(m),
                "{} {m}",
                alg.name()
            );
        }
        assert_eq!(from_pem.get("d"), None);
    }
    let secret = Key::from_secret(b"0123456789abcdef0123456789abcdef").unwrap();
    assert_eq!(secret.public_jwk().unwrap_err().code(), "TypeError");
}

/// Issue 17: Ed25519 (RFC 9864) signs and verifies like EdDSA, each only where named.
#[test]
fn ed25519_is_its_own_name() {
    let pair = generate_key_pair(Algorithm::Ed25519, 2048).unwrap();
    assert_eq!(
        pair.public_jwk.get("alg").and_then(Value::as_str),
        Some("Ed25519")
    );
    let private = Key::from_private_jwk(&pair.private_jwk.to_json()).unwrap();
    let mut public_members = pair.public_jwk.as_object().unwrap().to_vec();
    public_members.retain(|(k, _)| k != "alg");
    let public = Key::from_jwk_json(&Value::Object(public_members).to_json()).unwrap();
    let t = sign(&payload("{}"), &private, &opts("Ed25519"), NOW).unwrap();
    assert_eq!(
        decode(&t)
            .unwrap()
            .header
            .get("alg")
            .and_then(Value::as_str),
        Some("Ed25519")
    );
    assert!(verify(&t, &public, "Ed25519").is_ok());
    assert_eq!(
        verify(&t, &public, "EdDSA").unwrap_err().code(),
        "ERR_JOSE_ALG_NOT_ALLOWED"
    );
    let t = sign(
        &payload("{}"),
        &private_as(&pair.private_jwk, "EdDSA"),
        &opts("EdDSA"),
        NOW,
    )
    .unwrap();
    assert!(verify(&t, &public, "EdDSA").is_ok());
    assert_eq!(
        verify(&t, &public, "Ed25519").unwrap_err().code(),
        "ERR_JOSE_ALG_NOT_ALLOWED"
    );
    // a JWK that names EdDSA does not verify an Ed25519 token, and the other way round
    let named_eddsa = Key::from_jwk_json(&with_alg(&pair.public_jwk, "EdDSA")).unwrap();
    let t = sign(&payload("{}"), &private, &opts("Ed25519"), NOW).unwrap();
    assert_eq!(
        verify(&t, &named_eddsa, "Ed25519").unwrap_err().code(),
        "ERR_JOSE_ALG_NOT_ALLOWED"
    );
}

fn with_alg(jwk: &Value, alg: &str) -> String {
    let mut members = jwk.as_object().unwrap().to_vec();
    members.retain(|(k, _)| k != "alg");
    members.push(("alg".into(), Value::String(alg.into())));
    Value::Object(members).to_json()
}

fn private_as(jwk: &Value, alg: &str) -> Key {
    Key::from_private_jwk(&with_alg(jwk, alg)).unwrap()
}

/// Issue 17: a key for signing must be able to sign.
#[test]
fn only_private_keys_can_sign() {
    let pair = generate_key_pair(Algorithm::ES256, 2048).unwrap();
    let public = Key::from_jwk_json(&pair.public_jwk.to_json()).unwrap();
    let e = public.check_can_sign().unwrap_err();
    assert_eq!(e.code(), "TypeError");
    assert!(e.to_string().contains("private"), "{e}");
    assert!(Key::from_private_jwk(&pair.private_jwk.to_json())
        .unwrap()
        .check_can_sign()
        .is_ok());
    assert!(Key::from_secret(b"s").unwrap().check_can_sign().is_ok());
    let set =
        Key::from_jwk_json(&format!(r#"{{"keys":[{}]}}"#, pair.public_jwk.to_json())).unwrap();
    assert_eq!(set.check_can_sign().unwrap_err().code(), "TypeError");
}
