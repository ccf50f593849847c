//! The JWS examples of RFC 7515 (Appendix A), RFC 7520 (§4.1–4.4) and RFC 8037 (Appendix A),
//! from the reviewable files in `tests/vectors/`, through the public API: `verify_at`,
//! `verify_jws`, `decode`, with every key form a vector carries (JWK, a one-key JWKS, raw
//! secret, SPKI / PKCS#1 / PKCS#8 / SEC1 / X.509 PEM, `Key::from_string`, `bind_alg`).
//!
//! Besides the checks written in the files, every signed vector also gets derived checks:
//! a flipped signature bit and a changed payload (ERR_JWS_SIGNATURE_VERIFICATION_FAILED), a
//! truncated signature (ERR_JWS_INVALID: wrong length for the algorithm), a key bound to another
//! algorithm (ERR_JOSE_ALG_NOT_ALLOWED), and whitespace or "Bearer " around the token, which
//! only `decode` tolerates (ERR_JWT_INVALID from `verify_jws`).
//!
//! Runs natively (`cargo test --test rfc_vectors`) and in wasm
//! (`cargo test --target wasm32-unknown-unknown --test rfc_vectors`): the files are
//! `include_str!`ed. A failure names the vector id, the key form and the check.
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

use common::{
    allow, arr_of, b64url_decode, b64url_encode, bind_named, str_of, strings, u64_of, Failures,
};
use jwtlens::internals::json::{self, Value};
use jwtlens::{decode, verify_at, verify_jws, ClaimReason, Error, Key, Validation};

const FILES: &[(&str, &str)] = &[
    ("rfc7515.json", include_str!("vectors/rfc7515.json")),
    ("rfc7520.json", include_str!("vectors/rfc7520.json")),
    ("rfc8037.json", include_str!("vectors/rfc8037.json")),
];

/// The algorithm used to test `bind_alg` with a mismatch: same family where there is one.
fn other_alg(alg: &str) -> &'static str {
    match alg {
        "HS256" => "HS384",
        "HS384" | "HS512" => "HS256",
        "RS256" => "PS256",
        "PS384" => "RS384",
        "ES256" => "ES384",
        "ES512" => "ES256",
        _ => "ES256", // EdDSA: no other algorithm in its family
    }
}

/// Whether `e` is the verify-only build's refusal of a private key whose public half would have
/// to be computed (never in a build with the `sign` feature).
fn needs_computed_public_key(e: &Error) -> bool {
    cfg!(not(feature = "sign"))
        && e.code() == "ERR_JWK_INVALID"
        && e.to_string().contains("pass the public key")
}

/// Every way the vector's key material can be turned into a `Key`, by a readable name.
fn key_forms(name: &str, value: &Value, ctx: &str) -> Vec<(String, Result<Key, Error>)> {
    let mut forms = Vec::new();
    if name.ends_with("jwk") {
        let text = value.to_json();
        forms.push((
            format!("{name} (Key::from_jwk_json)"),
            Key::from_jwk_json(&text),
        ));
        let set = format!("{{\"keys\":[{text}]}}");
        forms.push((
            format!("{name} in a one-key JWKS"),
            Key::from_jwk_json(&set),
        ));
        if value.get("kty").and_then(Value::as_str) == Some("oct") {
            let k = b64url_decode(str_of(value, "k", ctx));
            forms.push((format!("{name} k (Key::from_secret)"), Key::from_secret(&k)));
        }
    } else if name.ends_with("_pem") {
        let text = value
            .as_str()
            .unwrap_or_else(|| panic!("{ctx}: {name} is not a string"));
        forms.push((format!("{name} (Key::from_pem)"), Key::from_pem(text)));
        forms.push((format!("{name} (Key::from_string)"), Key::from_string(text)));
    } else {
        panic!("{ctx}: unknown key form {name}");
    }
    forms
}

fn describe(r: &Result<(), Error>) -> String {
    match r {
        Ok(()) => "Ok".to_owned(),
        Err(e) => format!("{} ({e})", e.code()),
    }
}

/// One check of a vector file against one key.
fn run_check(
    id: &str,
    form: &str,
    key: &Key,
    vector: &Value,
    check: &Value,
    index: usize,
    failures: &mut Failures,
) {
    let ctx = format!("{id} [{form}] check #{index}");
    let token = str_of(vector, "token", id);
    let want_header = str_of(vector, "header", id);
    let want_payload = str_of(vector, "payload", id);
    let api = str_of(check, "api", &ctx);
    let algorithms = strings(arr_of(check, "algorithms", &ctx), &ctx);
    let algs: Vec<&str> = algorithms.iter().map(String::as_str).collect();
    let expect = str_of(check, "expect", &ctx);
    let mut v = allow(&algs);
    if let Some(t) = u64_of(check, "clock_tolerance", &ctx) {
        v.clock_tolerance = t as _;
    }
    let ctx = format!("{ctx} ({api} algorithms={algs:?} expect {expect})");

    let got: Result<(), Error> = match api {
        "verify_jws" => verify_jws(token, key, &v).map(|ok| {
            if ok.payload != want_payload.as_bytes() {
                failures.push(format!(
                    "{ctx}: payload bytes differ: {:?}",
                    String::from_utf8_lossy(&ok.payload)
                ));
            }
            if ok.header_json != want_header {
                failures.push(format!(
                    "{ctx}: header_json {:?} != {want_header:?}",
                    ok.header_json
                ));
            }
            let alg = ok.header.get("alg").and_then(Value::as_str);
            if alg != vector.get("alg").and_then(Value::as_str) {
                failures.push(format!("{ctx}: header.alg is {alg:?}"));
            }
        }),
        "verify_at" => {
            let now = u64_of(check, "now", &ctx)
                .unwrap_or_else(|| panic!("{ctx}: verify_at needs \"now\""));
            verify_at(token, key, &v, now).map(|ok| {
                if ok.payload_json != want_payload {
                    failures.push(format!(
                        "{ctx}: payload_json {:?} != {want_payload:?}",
                        ok.payload_json
                    ));
                }
                if ok.header_json != want_header {
                    failures.push(format!(
                        "{ctx}: header_json {:?} != {want_header:?}",
                        ok.header_json
                    ));
                }
                match json::parse(want_payload) {
                    Ok(p) if p == ok.payload => {}
                    _ => failures.push(format!(
                        "{ctx}: payload value differs: {}",
                        ok.payload.to_json()
                    )),
                }
            })
        }
        other => panic!("{ctx}: unknown api {other}"),
    };
    match (expect, &got) {
        ("ok", Ok(())) => {}
        ("ok", Err(_)) => failures.push(format!("{ctx}: got {}", describe(&got))),
        (code, Err(e)) if e.code() == code => {
            if code == "ERR_JWT_EXPIRED"
                && (e.claim() != Some("exp") || e.reason() != Some(ClaimReason::CheckFailed))
            {
                failures.push(format!(
                    "{ctx}: expired with claim {:?} reason {:?}, want exp/check_failed",
                    e.claim(),
                    e.reason()
                ));
            }
        }
        (_, _) => failures.push(format!("{ctx}: got {}", describe(&got))),
    }
}

/// The token with its signature (segment 3) replaced.
fn with_signature(token: &str, sig: &[u8]) -> String {
    let cut = token.rfind('.').unwrap_or(0);
    format!("{}.{}", &token[..cut], b64url_encode(sig))
}

/// Checks derived from a vector that verifies: tampering and wrong-length signatures must fail
/// with the right code, the key bound to the right / another algorithm, pasted-token noise.
fn derived_checks(id: &str, form: &str, key: &Key, vector: &Value, failures: &mut Failures) {
    let alg = str_of(vector, "alg", id);
    let token = str_of(vector, "token", id);
    let v = allow(&[alg]);
    let ctx = format!("{id} [{form}] derived");
    let sig = b64url_decode(token.rsplit('.').next().unwrap_or(""));

    // A flipped bit in the signature (inside the second half for ECDSA: s stays < n for P-521).
    let mut bad = sig.clone();
    let at = (bad.len() / 2 + 4).min(bad.len() - 1);
    bad[at] ^= 0x01;
    let r = verify_jws(&with_signature(token, &bad), key, &v).map(|_| ());
    if !matches!(&r, Err(e) if e.code() == "ERR_JWS_SIGNATURE_VERIFICATION_FAILED") {
        failures.push(format!("{ctx}: signature byte {at} flipped: want ERR_JWS_SIGNATURE_VERIFICATION_FAILED, got {}", describe(&r)));
    }

    // A changed payload (one ASCII letter changes case; still valid UTF-8 / JSON).
    let mut parts: Vec<&str> = token.split('.').collect();
    let mut payload = b64url_decode(parts[1]);
    if let Some(b) = payload.iter_mut().find(|b| b.is_ascii_alphabetic()) {
        *b ^= 0x20;
    }
    let p = b64url_encode(&payload);
    parts[1] = &p;
    let r = verify_jws(&parts.join("."), key, &v).map(|_| ());
    if !matches!(&r, Err(e) if e.code() == "ERR_JWS_SIGNATURE_VERIFICATION_FAILED") {
        failures.push(format!(
            "{ctx}: payload changed: want ERR_JWS_SIGNATURE_VERIFICATION_FAILED, got {}",
            describe(&r)
        ));
    }

    // A signature one byte short / one byte long: the wrong length for the algorithm.
    for (what, s) in [
        ("one byte short", sig[..sig.len() - 1].to_vec()),
        (
            "one zero byte longer",
            [sig.as_slice(), &[0u8][..]].concat(),
        ),
    ] {
        let r = verify_jws(&with_signature(token, &s), key, &v).map(|_| ());
        if !matches!(&r, Err(e) if e.code() == "ERR_JWS_INVALID") {
            failures.push(format!(
                "{ctx}: signature {what} ({} bytes): want ERR_JWS_INVALID, got {}",
                s.len(),
                describe(&r)
            ));
        }
    }

    // An empty signature segment.
    let r = verify_jws(
        &format!("{}.", &token[..token.rfind('.').unwrap_or(0)]),
        key,
        &v,
    )
    .map(|_| ());
    if !matches!(&r, Err(e) if e.code() == "ERR_JWS_INVALID" || e.code() == "ERR_JWT_INVALID") {
        failures.push(format!(
            "{ctx}: empty signature: want ERR_JWS_INVALID (or ERR_JWT_INVALID), got {}",
            describe(&r)
        ));
    }

    // verify does not trim what decode tolerates.
    for noisy in [
        format!(" {token}"),
        format!("{token}\n"),
        format!("Bearer {token}"),
    ] {
        let r = verify_jws(&noisy, key, &v).map(|_| ());
        if !matches!(&r, Err(e) if e.code() == "ERR_JWT_INVALID") {
            failures.push(format!(
                "{ctx}: token {:?}...: want ERR_JWT_INVALID, got {}",
                &noisy[..12],
                describe(&r)
            ));
        }
    }
}

/// `bind_alg`: to the token's algorithm verifies, to another one is refused (at bind or verify).
fn bind_checks(
    id: &str,
    form: &str,
    make: &dyn Fn() -> Result<Key, Error>,
    vector: &Value,
    failures: &mut Failures,
) {
    let alg = str_of(vector, "alg", id);
    let token = str_of(vector, "token", id);
    let ctx = format!("{id} [{form}] bind_alg");
    match make().and_then(|k| bind_named(k, alg)) {
        Ok(k) => {
            let r = verify_jws(token, &k, &allow(&[alg])).map(|_| ());
            if r.is_err() {
                failures.push(format!("{ctx}({alg}): got {}", describe(&r)));
            }
        }
        Err(e) => failures.push(format!("{ctx}({alg}): bind failed: {} ({e})", e.code())),
    }
    let other = other_alg(alg);
    let r = make()
        .and_then(|k| bind_named(k, other))
        .and_then(|k| verify_jws(token, &k, &allow(&[alg, other])).map(|_| ()));
    if !matches!(&r, Err(e) if e.code() == "ERR_JOSE_ALG_NOT_ALLOWED") {
        failures.push(format!(
            "{ctx}({other}) for a {alg} token: want ERR_JOSE_ALG_NOT_ALLOWED, got {}",
            describe(&r)
        ));
    }
}

/// `decode` reads every example (no verification): JSON payloads decode, others are
/// ERR_JWT_INVALID; a pasted token with whitespace or "Bearer " decodes the same.
fn decode_checks(id: &str, vector: &Value, failures: &mut Failures) {
    let token = str_of(vector, "token", id);
    let payload = str_of(vector, "payload", id);
    let json_payload = matches!(json::parse(payload), Ok(Value::Object(_)));
    for input in [token.to_owned(), format!("  Bearer {token}\n")] {
        let ctx = format!("{id} decode({:?}...)", &input[..10]);
        match (decode(&input), json_payload) {
            (Ok(d), true) => {
                let segs: Vec<&str> = token.split('.').collect();
                if d.payload_json != payload || d.header_json != str_of(vector, "header", id) {
                    failures.push(format!("{ctx}: header/payload text differ"));
                }
                if d.signature != segs[2]
                    || d.segments
                        .iter()
                        .map(String::as_str)
                        .ne(segs.iter().copied())
                {
                    failures.push(format!("{ctx}: segments differ: {:?}", d.segments));
                }
            }
            (Err(e), false) if e.code() == "ERR_JWT_INVALID" => {}
            (Ok(_), false) => failures.push(format!(
                "{ctx}: non-JSON payload decoded, want ERR_JWT_INVALID"
            )),
            (Err(e), _) => failures.push(format!("{ctx}: {} ({e})", e.code())),
        }
    }
}

fn run_file(name: &str, text: &str) {
    let doc = common::load(name, text);
    let source = str_of(&doc, "source", name);
    assert!(!source.is_empty(), "{name}: empty source");
    let mut failures = Failures::default();
    let (mut vectors, mut checks) = (0usize, 0usize);
    for vector in arr_of(&doc, "vectors", name) {
        let id = str_of(vector, "id", name);
        say!("{name}: {id}");
        let keys = vector
            .get("keys")
            .and_then(Value::as_object)
            .unwrap_or_else(|| panic!("{id}: no keys"));
        let signed = str_of(vector, "alg", id) != "none";
        let verifies = arr_of(vector, "checks", id)
            .iter()
            .any(|c| c.get("expect").and_then(Value::as_str) == Some("ok"));
        decode_checks(id, vector, &mut failures);
        for (key_name, key_value) in keys {
            let mut refused_by_verifier = false;
            for (form, key) in key_forms(key_name, key_value, id) {
                let key = match key {
                    Ok(k) => k,
                    Err(e) if needs_computed_public_key(&e) => {
                        // verify-only build (issue 17): a private key without its public half
                        // is refused with ERR_JWK_INVALID; the vector's public forms verify
                        refused_by_verifier = true;
                        continue;
                    }
                    Err(e) => {
                        failures.push(format!(
                            "{id} [{form}]: key not accepted: {} ({e})",
                            e.code()
                        ));
                        continue;
                    }
                };
                for (i, check) in arr_of(vector, "checks", id).iter().enumerate() {
                    run_check(id, &form, &key, vector, check, i, &mut failures);
                    checks += 1;
                }
                if signed && verifies {
                    derived_checks(id, &form, &key, vector, &mut failures);
                }
            }
            if signed && verifies && !refused_by_verifier {
                // bind_alg on the first form of each key (the JWK / the PEM as given).
                let make = || key_forms(key_name, key_value, id).swap_remove(0).1;
                bind_checks(id, key_name, &make, vector, &mut failures);
            }
        }
        vectors += 1;
    }
    say!(
        "{name}: {vectors} vectors, {checks} file checks (plus derived), {} mismatches",
        failures.0.len()
    );
    assert!(vectors > 0, "{name}: no vectors");
    failures.check(name);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn rfc7515_appendix_a() {
    run_file(FILES[0].0, FILES[0].1);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn rfc7520_section_4() {
    run_file(FILES[1].0, FILES[1].1);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn rfc8037_appendix_a() {
    run_file(FILES[2].0, FILES[2].1);
}

/// RFC 7515 A.1 with exp exactly `now`: the boundary is exclusive (`now < exp + tolerance`).
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn rfc7515_a1_expiry_boundary() {
    let doc = common::load(FILES[0].0, FILES[0].1);
    let a1 = &arr_of(&doc, "vectors", "rfc7515")[0];
    assert_eq!(str_of(a1, "id", ""), "rfc7515-A.1");
    let jwk = a1
        .get("keys")
        .and_then(|k| k.get("jwk"))
        .map(Value::to_json)
        .unwrap_or_default();
    let key = Key::from_jwk_json(&jwk).unwrap_or_else(|e| panic!("rfc7515-A.1: {e}"));
    let token = str_of(a1, "token", "");
    let v = Validation::new(&[jwtlens::Algorithm::HS256]);
    let exp = 1_300_819_380;
    assert!(
        verify_at(token, &key, &v, exp - 1).is_ok(),
        "rfc7515-A.1 at exp-1"
    );
    for now in [exp, exp + 1, u64::MAX] {
        match verify_at(token, &key, &v, now) {
            Err(e) => assert_eq!(e.code(), "ERR_JWT_EXPIRED", "rfc7515-A.1 at now={now}: {e}"),
            Ok(_) => panic!("rfc7515-A.1 at now={now}: verified after exp"),
        }
    }
    // Without "exp" in required_claims the token still expires: exp is checked when present.
    let mut lax = Validation::new(&[jwtlens::Algorithm::HS256]);
    lax.required_claims.clear();
    match verify_at(token, &key, &lax, exp) {
        Err(e) => assert_eq!(
            e.code(),
            "ERR_JWT_EXPIRED",
            "rfc7515-A.1 required_claims=[] at exp: {e}"
        ),
        Ok(_) => panic!("rfc7515-A.1 required_claims=[] at exp: verified after exp"),
    }
}
