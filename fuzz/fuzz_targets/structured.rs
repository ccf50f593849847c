//! Structured hostile JSON (issue 14): a few fuzz bytes expand into payloads of up to ~600 KB of
//! the shapes that once made `inspect` super-linear or its report unbounded (long member names
//! over many elements, suffix words, thousands of sensitive values, deep arrays of long strings,
//! repeated names), `crit` lists of thousands of names, and key sets full of broken entries.
//! Checks the documented bounds on every report; libFuzzer's `-timeout` (fuzz/run.sh) catches time
//! that grows faster than the input. Byte 0 picks the shape, bytes 1-2 the repeat count, byte 3
//! the length of the repeated unit; the rest is the unit's text.
#![no_main]
use jwtlens::internals::{
    MAX_DETAIL_CHARS, MAX_FINDINGS_PER_CODE, MAX_LOCATION_CHARS, REPORT_BYTES_FIXED,
    REPORT_BYTES_PER_TOKEN_BYTE,
};
use jwtlens::internals::json::Value;
use jwtlens::limits::MAX_CRIT_NAMES;
use jwtlens::{internals::base64url, inspect, verify_at, InspectOptions, Key, Validation};
use jwtlens_fuzz::{split_first, text, NOW};
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;

/// Bytes of payload text a shape may build.
const BUDGET: usize = 600_000;
const EC_X: &str = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
const EC_Y: &str = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";

fn lit(s: &str) -> String {
    Value::String(s.to_owned()).to_json()
}

/// `count` items made by `item`, comma-separated, stopping at the budget.
fn list(count: usize, item: impl Fn(usize) -> String) -> String {
    let mut out = String::new();
    for i in 0..count {
        if out.len() > BUDGET {
            break;
        }
        if i > 0 {
            out.push(',');
        }
        out.push_str(&item(i));
    }
    out
}

fn token(header: &str, payload: &str) -> String {
    format!(
        "{}.{}.{}",
        base64url::encode(header.as_bytes()),
        base64url::encode(payload.as_bytes()),
        base64url::encode(&[7u8; 64])
    )
}

fn check_report(token: &str) {
    let report = inspect(
        token,
        &InspectOptions {
            now: NOW as f64,
            secret: None,
        },
    );
    let mut per_code: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &report.findings {
        *per_code.entry(f.code).or_default() += 1;
        assert!(
            f.detail.chars().count() <= MAX_DETAIL_CHARS,
            "{}: detail too long",
            f.code
        );
        let location = f.location.as_deref().map_or(0, |l| l.chars().count());
        assert!(
            location <= MAX_LOCATION_CHARS,
            "{}: location too long",
            f.code
        );
    }
    for (code, n) in per_code {
        assert!(n <= MAX_FINDINGS_PER_CODE + 1, "{n} findings of {code}");
    }
    let json = report.to_json();
    let bound = REPORT_BYTES_PER_TOKEN_BYTE * token.len() + REPORT_BYTES_FIXED;
    assert!(
        json.len() <= bound,
        "report of {} bytes for a {}-byte token",
        json.len(),
        token.len()
    );
}

fuzz_target!(|data: &[u8]| {
    let (shape, rest) = split_first(data);
    let (hi, rest) = split_first(rest);
    let (lo, rest) = split_first(rest);
    let (len, rest) = split_first(rest);
    let count = ((usize::from(hi) << 8) | usize::from(lo)) + 1;
    let unit_text = text(rest);
    let unit: String = if unit_text.is_empty() {
        "a".into()
    } else {
        unit_text.into_owned()
    };
    // the unit repeated to a length chosen by byte 3 (up to ~64,000 bytes)
    let long: String = unit.repeat((usize::from(len) * 250 / unit.len().max(1)).max(1));
    let es256 = r#"{"alg":"ES256"}"#;
    match shape % 8 {
        0 => check_report(&token(
            es256,
            &format!(
                r#"{{{}:[{}]}}"#,
                lit(&long),
                list(count * 4, |_| "0".into())
            ),
        )),
        1 => check_report(&token(
            es256,
            &format!(
                r#"{{{}:[{}]}}"#,
                lit(&long),
                list(count, |_| "4222222222222".into())
            ),
        )),
        2 => {
            let name = format!("{unit}_password{}", "_val".repeat(count.min(BUDGET / 4)));
            check_report(&token(es256, &format!(r#"{{{}:"x"}}"#, lit(&name))));
        }
        3 => check_report(&token(
            es256,
            &format!(
                "{{{}}}",
                list(count, |i| format!(
                    r#"{}:"x""#,
                    lit(&format!("{unit}{i}_password"))
                ))
            ),
        )),
        4 => {
            let depth = count % 63 + 1;
            let strings = list(count.min(64), |_| lit(&long));
            check_report(&token(
                es256,
                &format!(
                    r#"{{"a":{}{strings}{}}}"#,
                    "[".repeat(depth),
                    "]".repeat(depth)
                ),
            ));
        }
        5 => check_report(&token(
            es256,
            &format!(
                "{{{}}}",
                list(count, |i| format!(
                    "{}:{i}",
                    lit(&format!("{unit}{}", i % 7))
                ))
            ),
        )),
        6 => {
            // crit: thousands of names, the first few understood
            let names = list(count, |i| lit(&format!("{unit}{i}")));
            let members = list(count, |i| format!("{}:1", lit(&format!("{unit}{i}"))));
            let header = format!(r#"{{"alg":"HS256","crit":[{names}],{members}}}"#);
            let t = token(&header, r#"{"exp":4000000000}"#);
            let mut v = Validation::new(&[jwtlens::Algorithm::HS256]);
            v.crit = (0..8).map(|i| format!("{unit}{i}")).collect();
            v.max_token_bytes = 4 * BUDGET;
            let key = &jwtlens_fuzz::keys().single[0].key;
            let r = verify_at(&t, key, &v, NOW);
            if count > MAX_CRIT_NAMES {
                assert!(r.is_err(), "crit of {count} names accepted");
            }
        }
        _ => {
            // a key set: broken EC entries under the kid of one good key, which alone is selected
            let broken = list(count % 999, |i| {
                format!(
                    r#"{{"kty":"EC","crv":"P-256","kid":"k","x":{},"y":"AA","n":{i}}}"#,
                    lit(&unit)
                )
            });
            let good =
                format!(r#"{{"kty":"EC","crv":"P-256","kid":"k","x":"{EC_X}","y":"{EC_Y}"}}"#);
            let set = if broken.is_empty() {
                format!(r#"{{"keys":[{good}]}}"#)
            } else {
                format!(r#"{{"keys":[{broken},{good}]}}"#)
            };
            let Ok(key) = Key::from_jwk_json(&set) else {
                panic!("a set with one good key does not parse");
            };
            let t = token(r#"{"alg":"ES256","kid":"k"}"#, r#"{"exp":4000000000}"#);
            let e = verify_at(&t, &key, &Validation::new(&[jwtlens::Algorithm::ES256]), NOW)
                .err()
                .map(|e| e.code());
            assert_eq!(
                e,
                Some("ERR_JWS_SIGNATURE_VERIFICATION_FAILED"),
                "broken entries took part in selection"
            );
        }
    }
});
