use super::*;
use crate::base64url::encode;
use hmac::{Hmac, KeyInit, Mac};

const NOW: f64 = 1_700_000_000.0;

fn b64(s: &str) -> String {
    encode(s.as_bytes())
}

fn hs256(header: &str, payload: &str, secret: &[u8]) -> String {
    let input = format!("{}.{}", b64(header), b64(payload));
    let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(secret).unwrap();
    mac.update(input.as_bytes());
    format!("{input}.{}", encode(&mac.finalize().into_bytes()))
}

/// A token with an opaque 64-byte "ES256" signature (inspect does not verify it).
fn es256(header: &str, payload: &str) -> String {
    format!("{}.{}.{}", b64(header), b64(payload), encode(&[7u8; 64]))
}

const STRONG: &[u8] = b"a strong secret of thirty-two by";
const GOOD_CLAIMS: &str = r#"{"sub":"u","iat":1699999000,"exp":1700003600}"#;

fn report(token: &str) -> Report {
    inspect(
        token,
        &InspectOptions {
            now: NOW,
            secret: None,
        },
    )
}

fn codes(r: &Report) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.code).collect()
}

fn has(token: &str, code: &str) -> bool {
    codes(&report(token)).contains(&code)
}

#[test]
fn a_clean_es256_token_has_no_findings() {
    let r = report(&es256(r#"{"alg":"ES256","typ":"JWT"}"#, GOOD_CLAIMS));
    assert_eq!(r.kind, "JWS");
    assert!(r.findings.is_empty(), "{:?}", codes(&r));
    assert_eq!(r.state, "active");
    assert_eq!(r.seconds_left, Some(3600.0));
    assert_eq!(r.algorithm.as_ref().map(|a| a.1), Some("ECDSA"));
}

#[test]
fn malformed_says_which_segment_and_why() {
    for (input, needle) in [
        ("", "no token"),
        ("abc", "has 1"),
        ("a.b.c.d", "has 4"),
        ("e!J.e30.", "header segment is not base64url"),
        (&format!("{}.e30.", b64("not json")), "not valid JSON"),
        (&format!("{}.e30.", b64("[1]")), "array"),
        (
            &format!("{}.{}.", b64(r#"{"alg":"ES256"}"#), encode(b"\xff\xfe")),
            "not valid UTF-8",
        ),
    ] {
        let r = report(input);
        let f = r
            .findings
            .iter()
            .find(|f| f.code == "malformed")
            .unwrap_or_else(|| panic!("{input}: {:?}", codes(&r)));
        assert!(f.detail.contains(needle), "{input}: {}", f.detail);
        assert_eq!(f.severity, Severity::High);
    }
    // JSON errors carry line and column
    let r = report(&format!("{}.e30.", b64("{\n\"alg\": x}")));
    assert!(
        r.findings
            .iter()
            .any(|f| f.detail.contains("line 2 column 8")),
        "{:?}",
        r.findings
    );
    // a readable header with an unreadable payload: JWS, payload null, status unknown
    let r = report(&format!(
        "{}.{}.{}",
        b64(r#"{"alg":"ES256"}"#),
        b64("hello"),
        encode(&[1; 64])
    ));
    assert_eq!(
        (r.kind, r.payload.is_none(), r.state),
        ("JWS", true, "unknown")
    );
}

#[test]
fn more_than_a_mebibyte_is_only_malformed() {
    let big = "A".repeat(MAX_INSPECT_BYTES + 1);
    let r = report(&big);
    assert_eq!(codes(&r), vec!["malformed"]);
    assert_eq!(r.kind, "invalid");
}

#[test]
fn alg_none_any_case() {
    for alg in ["none", "None", "NONE"] {
        let r = report(&format!(
            "{}.{}.",
            b64(&format!(r#"{{"alg":"{alg}"}}"#)),
            b64(GOOD_CLAIMS)
        ));
        assert_eq!(r.kind, "unsecured");
        assert_eq!(codes(&r), vec!["alg-none"], "{alg}");
        assert_eq!(r.algorithm.as_ref().map(|a| a.1), Some("none"));
    }
}

#[test]
fn alg_missing_and_unknown() {
    assert!(has(&es256(r#"{"typ":"JWT"}"#, GOOD_CLAIMS), "alg-missing"));
    let r = report(&es256(r#"{"alg":"ES256K"}"#, GOOD_CLAIMS));
    let f = r.findings.iter().find(|f| f.code == "alg-unknown").unwrap();
    assert!(f.detail.contains("registered"), "{}", f.detail);
    let r = report(&es256(r#"{"alg":"Ed25519"}"#, GOOD_CLAIMS));
    assert!(r
        .findings
        .iter()
        .any(|f| f.code == "alg-unknown" && f.detail.contains("registered JOSE algorithm")));
    let r = report(&es256(r#"{"alg":"XYZ"}"#, GOOD_CLAIMS));
    assert!(r
        .findings
        .iter()
        .any(|f| f.code == "alg-unknown" && f.detail.contains("not a registered")));
    assert!(!has(
        &es256(r#"{"alg":"PS512"}"#, GOOD_CLAIMS),
        "alg-unknown"
    ));
}

#[test]
fn expiry_findings_and_status() {
    let h = r#"{"alg":"ES256"}"#;
    let r = report(&es256(h, r#"{"sub":"u"}"#));
    assert!(codes(&r).contains(&"exp-missing"));
    assert_eq!(r.state, "no_expiry");
    let r = report(&es256(h, r#"{"exp":1699999999}"#));
    assert!(codes(&r).contains(&"expired"));
    assert_eq!(r.state, "expired");
    assert!(!has(&es256(h, r#"{"exp":1700000001}"#), "expired"));
    // at exactly now it is expired, as verify says
    assert_eq!(report(&es256(h, r#"{"exp":1700000000}"#)).state, "expired");
    let r = report(&es256(h, r#"{"nbf":1700000100,"exp":1700003600}"#));
    assert!(codes(&r).contains(&"not-yet-valid"));
    assert_eq!(r.state, "not_yet_valid");
    assert!(!has(
        &es256(h, r#"{"nbf":1700000000,"exp":1700003600}"#),
        "not-yet-valid"
    ));
    // without exp the state is no_expiry, even with a future nbf (which still gets its finding)
    let r = report(&es256(h, r#"{"nbf":1700000100}"#));
    assert_eq!(r.state, "no_expiry");
    assert!(codes(&r).contains(&"not-yet-valid"));
    // seconds left stays a finite number
    let r = inspect(
        &es256(h, r#"{"exp":1e308}"#),
        &InspectOptions {
            now: -1e308,
            secret: None,
        },
    );
    assert_eq!(r.seconds_left, Some(f64::MAX));
    // expired wins over not yet valid
    assert_eq!(
        report(&es256(h, r#"{"nbf":1700000100,"exp":1699999000}"#)).state,
        "expired"
    );
}

#[test]
fn iat_in_the_future_beyond_skew() {
    let h = r#"{"alg":"ES256"}"#;
    assert!(has(
        &es256(h, r#"{"iat":1700000061,"exp":1700003600}"#),
        "iat-future"
    ));
    assert!(!has(
        &es256(h, r#"{"iat":1700000060,"exp":1700003600}"#),
        "iat-future"
    ));
}

#[test]
fn claim_types() {
    let h = r#"{"alg":"ES256"}"#;
    for bad in [
        r#"{"exp":"1700003600"}"#,
        r#"{"exp":1700003600,"aud":5}"#,
        r#"{"exp":1700003600,"aud":["a",1]}"#,
        r#"{"exp":1700003600,"iss":{}}"#,
        r#"{"exp":1700003600000}"#,
        r#"{"exp":1700003600,"nbf":true}"#,
        r#"{"exp":1e400}"#,
    ] {
        assert!(has(&es256(h, bad), "claim-type"), "{bad}");
    }
    assert!(!has(
        &es256(
            h,
            r#"{"exp":1700003600,"aud":["a","b"],"iss":"x","sub":"y","jti":"z"}"#
        ),
        "claim-type"
    ));
    let r = report(&es256(h, r#"{"exp":1700003600000}"#));
    assert!(r.findings.iter().any(|f| f.detail.contains("milliseconds")));
}

#[test]
fn long_lifetime() {
    let h = r#"{"alg":"ES256"}"#;
    assert!(has(
        &es256(h, r#"{"iat":1700000000,"exp":1700086401}"#),
        "long-lifetime"
    ));
    assert!(!has(
        &es256(h, r#"{"iat":1700000000,"exp":1700086400}"#),
        "long-lifetime"
    ));
    // without iat: from now
    assert!(has(&es256(h, r#"{"exp":1700090000}"#), "long-lifetime"));
    assert!(!has(&es256(h, r#"{"exp":1700080000}"#), "long-lifetime"));
}

#[test]
fn sensitive_data() {
    let h = r#"{"alg":"ES256"}"#;
    assert!(has(
        &es256(h, r#"{"exp":1700003600,"password":"hunter2"}"#),
        "sensitive-data"
    ));
    assert!(!has(
        &es256(h, r#"{"exp":1700003600,"email":"a@b.example"}"#),
        "sensitive-data"
    ));
}

#[test]
fn weak_secrets_from_the_list_and_from_options() {
    let r = report(&hs256(
        r#"{"alg":"HS256"}"#,
        GOOD_CLAIMS,
        b"your-256-bit-secret",
    ));
    assert!(codes(&r).contains(&"weak-secret"));
    assert_eq!(r.weak_secret.as_deref(), Some("your-256-bit-secret"));
    assert_eq!(
        r.findings.first().map(|f| f.code),
        Some("weak-secret"),
        "critical first"
    );
    let strong = hs256(r#"{"alg":"HS256"}"#, GOOD_CLAIMS, STRONG);
    let r = report(&strong);
    assert!(!codes(&r).contains(&"weak-secret"));
    assert_eq!(r.secret_verified, None);
    // a given secret: verified or not, and short
    let r = inspect(
        &strong,
        &InspectOptions {
            now: NOW,
            secret: Some(STRONG.to_vec()),
        },
    );
    assert_eq!(r.secret_verified, Some(true));
    assert!(!codes(&r).contains(&"weak-secret"));
    let r = inspect(
        &strong,
        &InspectOptions {
            now: NOW,
            secret: Some(b"wrong".to_vec()),
        },
    );
    assert_eq!(r.secret_verified, Some(false));
    let short_custom = hs256(r#"{"alg":"HS256"}"#, GOOD_CLAIMS, b"zq8-not-in-any-list");
    let r = inspect(
        &short_custom,
        &InspectOptions {
            now: NOW,
            secret: Some(b"zq8-not-in-any-list".to_vec()),
        },
    );
    assert!(r
        .findings
        .iter()
        .any(|f| f.code == "weak-secret" && f.detail.contains("19 bytes")));
    // HS512 and HS384 are scanned too
    let mut mac = <Hmac<sha2::Sha384> as KeyInit>::new_from_slice(b"secret").unwrap();
    let input = format!("{}.{}", b64(r#"{"alg":"HS384"}"#), b64(GOOD_CLAIMS));
    mac.update(input.as_bytes());
    let t = format!("{input}.{}", encode(&mac.finalize().into_bytes()));
    assert_eq!(report(&t).weak_secret.as_deref(), Some("secret"));
}

#[test]
fn header_keys_and_urls() {
    assert!(has(
        &es256(r#"{"alg":"ES256","jwk":{"kty":"EC"}}"#, GOOD_CLAIMS),
        "header-jwk"
    ));
    assert!(has(
        &es256(r#"{"alg":"ES256","x5c":["MIIB"]}"#, GOOD_CLAIMS),
        "header-jwk"
    ));
    assert!(has(
        &es256(
            r#"{"alg":"ES256","jku":"https://x.example/k"}"#,
            GOOD_CLAIMS
        ),
        "header-url"
    ));
    assert!(has(
        &es256(
            r#"{"alg":"ES256","x5u":"https://x.example/c"}"#,
            GOOD_CLAIMS
        ),
        "header-url"
    ));
    assert!(!has(
        &es256(r#"{"alg":"ES256","x5t":"abc"}"#, GOOD_CLAIMS),
        "header-jwk"
    ));
}

#[test]
fn kid_suspicious() {
    for kid in [
        "../../dev/null",
        "a\\u0000b",
        "x' OR '1'='1",
        "k; rm -rf /",
        "$(id)",
        "a|b",
    ] {
        assert!(
            has(
                &es256(&format!(r#"{{"alg":"ES256","kid":"{kid}"}}"#), GOOD_CLAIMS),
                "kid-suspicious"
            ),
            "{kid}"
        );
    }
    for kid in [
        "2024-05-key-1",
        "a1b2c3",
        "https://issuer.example/keys/1",
        "key.v2",
    ] {
        assert!(
            !has(
                &es256(&format!(r#"{{"alg":"ES256","kid":"{kid}"}}"#), GOOD_CLAIMS),
                "kid-suspicious"
            ),
            "{kid}"
        );
    }
}

#[test]
fn crit_symmetric_and_no_signature() {
    assert!(has(
        &es256(r#"{"alg":"ES256","crit":["x"],"x":1}"#, GOOD_CLAIMS),
        "crit"
    ));
    assert!(has(
        &hs256(r#"{"alg":"HS256"}"#, GOOD_CLAIMS, STRONG),
        "symmetric-alg"
    ));
    assert!(!has(
        &es256(r#"{"alg":"ES256"}"#, GOOD_CLAIMS),
        "symmetric-alg"
    ));
    let r = report(&format!(
        "{}.{}.",
        b64(r#"{"alg":"RS256"}"#),
        b64(GOOD_CLAIMS)
    ));
    assert!(codes(&r).contains(&"no-signature"));
}

#[test]
fn non_canonical_and_duplicates() {
    let t = es256(r#"{"alg":"ES256"}"#, GOOD_CLAIMS);
    assert!(!has(&t, "non-canonical"));
    let (h, rest) = t.split_once('.').unwrap();
    assert!(has(&format!("{h}=.{rest}"), "non-canonical"));
    let padded_sig = format!(
        "{}.{}.{}==",
        b64(r#"{"alg":"ES256"}"#),
        b64(GOOD_CLAIMS),
        encode(&[1u8; 65])
    );
    assert!(has(&padded_sig, "non-canonical"));
    assert!(!has(&padded_sig, "malformed"));
    // as JSON.parse reads it: the last value wins, so this is an unsecured token
    let r = report(&es256(r#"{"alg":"ES256","alg":"none"}"#, GOOD_CLAIMS));
    assert!(codes(&r).contains(&"duplicate-key"));
    assert!(codes(&r).contains(&"alg-none"));
    assert_eq!(r.kind, "unsecured");
    assert_eq!(
        r.header.as_ref().map(|h| h.to_json()).as_deref(),
        Some(r#"{"alg":"none"}"#)
    );
    let r = report(&es256(
        r#"{"alg":"ES256"}"#,
        r#"{"exp":1700000010,"exp":1699999990}"#,
    ));
    assert_eq!(r.state, "expired");
    assert!(has(
        &es256(
            r#"{"alg":"ES256"}"#,
            r#"{"exp":1700003600,"sub":"a","sub":"b"}"#
        ),
        "duplicate-key"
    ));
}

#[test]
fn the_weak_secret_scan_is_bounded() {
    // the signing input is header.payload: find the padding that makes it exactly `len` bytes
    let token_with_input_of = |len: usize| {
        let header = r#"{"alg":"HS256"}"#;
        let mut pad = (len * 3 / 4).saturating_sub(64);
        loop {
            let payload = format!(r#"{{"exp":1700003600,"p":"{}"}}"#, "x".repeat(pad));
            let t = hs256(header, &payload, b"secret");
            let input = t.rfind('.').unwrap_or(0);
            if input >= len {
                return (t, input);
            }
            pad += 1;
        }
    };
    // at the limit: scanned
    let (t, input) = token_with_input_of(WEAK_SCAN_MAX_BYTES - 2);
    assert!(input <= WEAK_SCAN_MAX_BYTES, "{input}");
    assert_eq!(report(&t).weak_secret.as_deref(), Some("secret"));
    // over it: skipped, and the symmetric-alg finding says so
    let (t, input) = token_with_input_of(WEAK_SCAN_MAX_BYTES + 1);
    assert!(input > WEAK_SCAN_MAX_BYTES, "{input}");
    let r = report(&t);
    assert!(r.weak_secret.is_none());
    assert!(r
        .findings
        .iter()
        .any(|f| f.code == "symmetric-alg" && f.detail.contains("that check was skipped")));
    assert!(!codes(&r).contains(&"weak-secret"));
    // a given secret is still checked
    let r = inspect(
        &t,
        &InspectOptions {
            now: NOW,
            secret: Some(b"secret".to_vec()),
        },
    );
    assert_eq!(r.secret_verified, Some(true));
}

#[test]
fn large_tokens_and_jwe() {
    let pad = "x".repeat(5000);
    assert!(has(
        &es256(
            r#"{"alg":"ES256"}"#,
            &format!(r#"{{"exp":1700003600,"p":"{pad}"}}"#)
        ),
        "large-token"
    ));
    let jwe = format!(
        "{}.{}.{}.{}.{}",
        b64(r#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#),
        encode(&[1; 256]),
        encode(&[2; 12]),
        encode(&[3; 40]),
        encode(&[4; 16])
    );
    let r = report(&jwe);
    assert_eq!(r.kind, "JWE");
    assert!(r.payload.is_none());
    assert_eq!(codes(&r), vec!["jwe"]);
    assert_eq!(r.state, "unknown");
    assert_eq!(r.size[1], r.segments[0].len());
}

#[test]
fn claims_are_explained_with_times() {
    let r = report(&es256(
        r#"{"alg":"ES256"}"#,
        r#"{"iss":"x","exp":1700000840,"iat":1699740800,"tenant":"t"}"#,
    ));
    let exp = r.claims.iter().find(|c| c.name == "exp").unwrap();
    assert_eq!(exp.label, "Expiration Time");
    assert!(exp.registered);
    assert_eq!(exp.time.as_deref(), Some("2023-11-14T22:27:20.000Z"));
    assert_eq!(exp.relative.as_deref(), Some("in 14 minutes"));
    let iat = r.claims.iter().find(|c| c.name == "iat").unwrap();
    assert_eq!(iat.relative.as_deref(), Some("3 days ago"));
    let custom = r.claims.iter().find(|c| c.name == "tenant").unwrap();
    assert!(!custom.registered);
    assert!(custom.time.is_none());
}

#[test]
fn findings_sorted_most_severe_first() {
    let r = report(&format!(
        "{}.{}.",
        b64(r#"{"alg":"none","jku":"https://e.example","crit":["x"],"x":1}"#),
        b64(r#"{"password":"p"}"#)
    ));
    let sev: Vec<Severity> = r.findings.iter().map(|f| f.severity).collect();
    let mut sorted = sev.clone();
    sorted.sort();
    assert_eq!(sev, sorted);
    assert_eq!(sev.first(), Some(&Severity::Critical));
}

#[test]
fn sizes_and_pasting() {
    let t = es256(r#"{"alg":"ES256"}"#, GOOD_CLAIMS);
    let r = report(&format!("  Bearer {t}\n"));
    let parts: Vec<&str> = t.split('.').collect();
    assert_eq!(
        r.size,
        [t.len(), parts[0].len(), parts[1].len(), parts[2].len()]
    );
    assert!(r.findings.is_empty());
}

#[test]
fn report_json_has_the_contract_shape() {
    let r = report(&hs256(r#"{"alg":"HS256"}"#, GOOD_CLAIMS, b"secret"));
    let v = crate::json::parse(&r.to_json()).unwrap();
    for k in [
        "kind",
        "header",
        "payload",
        "segments",
        "algorithm",
        "claims",
        "status",
        "findings",
        "size",
    ] {
        assert!(v.get(k).is_some(), "{k}");
    }
    assert_eq!(
        v.get("status")
            .and_then(|s| s.get("state"))
            .and_then(Value::as_str),
        Some("active")
    );
    assert_eq!(
        v.get("algorithm")
            .and_then(|a| a.get("family"))
            .and_then(Value::as_str),
        Some("HMAC")
    );
    let f = v.get("findings").and_then(Value::as_array).unwrap();
    assert_eq!(
        f.first()
            .and_then(|x| x.get("severity"))
            .and_then(Value::as_str),
        Some("critical")
    );
    let bad = report("garbage").to_json();
    assert!(crate::json::parse(&bad).is_ok());
}
