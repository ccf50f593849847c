//! Regression tests for what the robustness work (issue 9: fuzzing, stress) found. Each test
//! names what was wrong and how it showed; the fuzz targets and the stress script are in `fuzz/`
//! and `bench/stress.mjs`.
//!
//! Runs natively and in wasm (wasm-bindgen-test). Time bounds are loose on purpose: they catch a
//! return of quadratic work, not a slow machine.
// Tests and benchmarks stop loudly on a failure: the no-panic lints are for the core.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#[macro_use]
mod common;

use common::now_ms;
use jwtlens::internals::json::{self, Duplicates, Value};
use jwtlens::{inspect, internals::base64url, InspectOptions};

macro_rules! regression_test {
    ($(#[$doc:meta])* fn $name:ident() $body:block) => {
        $(#[$doc])*
        #[cfg_attr(not(target_arch = "wasm32"), test)]
        #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
        fn $name() $body
    };
}

/// `{"k0":0,…,"k<unique-1>":0}` followed by `dups` repeats of the last name: the layout that made
/// every duplicate search the whole member list.
fn many_duplicates(unique: usize, dups: usize) -> String {
    let mut s = String::from("{");
    for i in 0..unique {
        s.push_str(&format!("\"k{i}\":0,"));
    }
    let last = format!("\"k{}\":1,", unique - 1);
    for _ in 0..dups {
        s.push_str(&last);
    }
    s.push_str("\"end\":2}");
    s
}

regression_test! {
    /// Found while sizing the stress inputs: in Report mode (inspect), the JSON parser looked up
    /// each duplicate member with a linear search over the members, so an object of n members
    /// followed by n duplicates cost n² comparisons: a 570 KB token (under inspect's 1 MiB)
    /// took 1.3 s natively and several seconds in wasm. The parser now keeps a name → index map.
    fn duplicate_members_are_not_quadratic() {
        let text = many_duplicates(9_000, 60_000);
        let token = format!(
            "eyJhbGciOiJIUzI1NiJ9.{}.",
            base64url::encode(text.as_bytes())
        );
        assert!(token.len() < jwtlens::limits::MAX_INSPECT_BYTES);
        let t0 = now_ms();
        let report = inspect(&token, &InspectOptions { now: 1.7e9, secret: None });
        let ms = now_ms() - t0;
        say!("regressions: inspect with 9,000 members and 60,000 duplicates: {ms:.1} ms");
        assert!(ms < 5_000.0, "took {ms:.0} ms");
        assert!(report.findings.iter().any(|f| f.code == "duplicate-key"));
        // JSON.parse semantics are kept: the first position, the last value.
        let p = json::parse_bytes(text.as_bytes(), Duplicates::Report).unwrap();
        let members = p.value.as_object().unwrap();
        assert_eq!(members.len(), 9_001);
        assert_eq!(members[8_999].0, "k8999");
        assert_eq!(members[8_999].1, Value::Number(json_number("1")));
        assert_eq!(members[9_000].0, "end");
        assert_eq!(p.duplicates.len(), 60_000);
    }
}

fn json_number(text: &str) -> json::Number {
    match json::parse(text) {
        Ok(Value::Number(n)) => n,
        other => panic!("{other:?}"),
    }
}

regression_test! {
    /// Report mode with duplicates interleaved: each duplicate updates its own member.
    fn duplicate_members_update_their_own_slot() {
        let p = json::parse_bytes(br#"{"a":1,"b":2,"a":3,"c":4,"b":5,"a":6}"#, Duplicates::Report)
            .unwrap();
        assert_eq!(p.value.to_json(), r#"{"a":6,"b":5,"c":4}"#);
        assert_eq!(p.duplicates, ["a", "b", "a"]);
        assert!(json::parse(r#"{"a":1,"b":2,"a":3}"#).is_err());
    }
}

/// RFC 7515 A.2's RSA modulus.
#[cfg(all(feature = "asymmetric", feature = "sign"))]
const RSA_N: &str = "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ";

#[cfg(all(feature = "asymmetric", feature = "sign"))]
regression_test! {
    /// Found by the stress script (bench/stress.mjs): a private RSA JWK whose "d" is zero ("" or
    /// "AAAA") and that has no primes made rsa 0.10's prime recovery compute d·e − 1 with an
    /// unchecked subtraction, which panicked: `importKey({kty:"RSA", n, e, d: ""})` trapped inside
    /// wasm. (The JS layer's fallback to the public key hid the trap, but each one left 3,280
    /// bytes of the wasm stack behind, and some 320 of them broke every later call.)
    fn rsa_private_jwk_with_zero_d_is_refused() {
        for d in ["", "AA", "AAAA", "AAAAAAAAAAAAAAAAAAAAAA"] {
            let jwk = format!(r#"{{"kty":"RSA","n":"{RSA_N}","e":"AQAB","d":"{d}"}}"#);
            let err = jwtlens::Key::from_private_jwk(&jwk).err();
            assert_eq!(err.as_ref().map(jwtlens::Error::code), Some("ERR_JWK_INVALID"), "d = {d:?}: {err:?}");
            // with primes too: d = 0 is never a private exponent
            let with_primes = format!(r#"{{"kty":"RSA","n":"{RSA_N}","e":"AQAB","d":"{d}","p":"AQ","q":"AQ"}}"#);
            assert!(jwtlens::Key::from_private_jwk(&with_primes).is_err(), "d = {d:?} with primes");
        }
        // the public key alone is still fine
        let public = format!(r#"{{"kty":"RSA","n":"{RSA_N}","e":"AQAB"}}"#);
        assert!(jwtlens::Key::from_jwk_json(&public).is_ok());
    }
}
