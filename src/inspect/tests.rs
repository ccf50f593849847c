use super::findings::Builder;
use super::segments::LARGE_TOKEN_BYTES;
use super::signature::WEAK_SCAN_MAX_BYTES;
use super::*;
use crate::base64url::encode;
use crate::json::Value;
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

/// The report with `options.secret` given.
fn report_with_secret(token: &str, secret: &[u8]) -> Report {
    inspect(
        token,
        &InspectOptions {
            now: NOW,
            secret: Some(secret.to_vec()),
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
    assert_eq!(r.status.state, "active");
    assert_eq!(r.status.seconds_left, Some(3600.0));
    assert_eq!(r.algorithm.as_ref().map(|a| a.family), Some("ECDSA"));
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
        (r.kind, r.payload.is_none(), r.status.state),
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
        assert_eq!(r.algorithm.as_ref().map(|a| a.family), Some("none"));
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
    assert_eq!(r.status.state, "no_expiry");
    let r = report(&es256(h, r#"{"exp":1699999999}"#));
    assert!(codes(&r).contains(&"expired"));
    assert_eq!(r.status.state, "expired");
    assert!(!has(&es256(h, r#"{"exp":1700000001}"#), "expired"));
    // at exactly now it is expired, as verify says
    assert_eq!(
        report(&es256(h, r#"{"exp":1700000000}"#)).status.state,
        "expired"
    );
    let r = report(&es256(h, r#"{"nbf":1700000100,"exp":1700003600}"#));
    assert!(codes(&r).contains(&"not-yet-valid"));
    assert_eq!(r.status.state, "not_yet_valid");
    assert!(!has(
        &es256(h, r#"{"nbf":1700000000,"exp":1700003600}"#),
        "not-yet-valid"
    ));
    // without exp the state is no_expiry, even with a future nbf (which still gets its finding)
    let r = report(&es256(h, r#"{"nbf":1700000100}"#));
    assert_eq!(r.status.state, "no_expiry");
    assert!(codes(&r).contains(&"not-yet-valid"));
    // seconds left stays a finite number
    let r = inspect(
        &es256(h, r#"{"exp":1e308}"#),
        &InspectOptions {
            now: -1e308,
            secret: None,
        },
    );
    assert_eq!(r.status.seconds_left, Some(f64::MAX));
    // expired wins over not yet valid
    assert_eq!(
        report(&es256(h, r#"{"nbf":1700000100,"exp":1699999000}"#))
            .status
            .state,
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
    let r = report_with_secret(&strong, b"wrong");
    assert_eq!(r.secret_verified, Some(false));
    let short_custom = hs256(r#"{"alg":"HS256"}"#, GOOD_CLAIMS, b"zq8-not-in-any-list");
    let r = report_with_secret(&short_custom, b"zq8-not-in-any-list");
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
    assert_eq!(r.status.state, "expired");
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
    // every token that is not a large-token is scanned
    assert_eq!(WEAK_SCAN_MAX_BYTES, LARGE_TOKEN_BYTES);
    let (t, _) = token_with_input_of(LARGE_TOKEN_BYTES - 100);
    assert!(t.len() <= LARGE_TOKEN_BYTES, "{}", t.len());
    let r = report(&t);
    assert_eq!(r.weak_secret.as_deref(), Some("secret"));
    assert!(!codes(&r).contains(&"large-token"));
    // at the limit: scanned (the token itself is a large-token, whose detail says nothing of it)
    let (t, input) = token_with_input_of(WEAK_SCAN_MAX_BYTES - 2);
    assert!(input <= WEAK_SCAN_MAX_BYTES, "{input}");
    let r = report(&t);
    assert_eq!(r.weak_secret.as_deref(), Some("secret"));
    assert!(!r.findings.iter().any(|f| f.detail.contains("skipped")));
    // over it: skipped, and both the large-token and the symmetric-alg findings say so
    let (t, input) = token_with_input_of(WEAK_SCAN_MAX_BYTES + 1);
    assert!(input > WEAK_SCAN_MAX_BYTES, "{input}");
    let r = report(&t);
    assert!(r.weak_secret.is_none());
    for code in ["symmetric-alg", "large-token"] {
        assert!(
            r.findings
                .iter()
                .any(|f| f.code == code && f.detail.contains("that check was skipped")),
            "{code}: {:?}",
            r.findings
        );
    }
    assert!(!codes(&r).contains(&"weak-secret"));
    // a given secret is still checked
    let r = report_with_secret(&t, b"secret");
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
    assert_eq!(r.status.state, "unknown");
    assert_eq!(r.size.header, r.segments[0].len());
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
        Size {
            bytes: t.len(),
            header: parts[0].len(),
            payload: parts[1].len(),
            signature: parts[2].len()
        }
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

fn finding<'a>(r: &'a Report, code: &str) -> Vec<&'a Finding> {
    r.findings.iter().filter(|f| f.code == code).collect()
}

fn with_kid(kid: &str) -> String {
    let mut header = String::from(r#"{"alg":"ES256","kid":"#);
    crate::json::write_string(kid, &mut header);
    header.push('}');
    es256(&header, GOOD_CLAIMS)
}

#[test]
fn an_unreadable_header_still_shows_the_payload() {
    let claims = r#"{"sub":"u","exp":1699999000,"iat":"x","password":"hunter2"}"#;
    for header in [
        b64("not json"),
        b64("[1]"),
        "e!J".to_owned(),
        b64(r#"{"alg":"ES256""#),
    ] {
        let t = format!("{header}.{}.c2ln", b64(claims));
        let r = report(&t);
        assert_eq!(r.kind, "invalid", "{header}");
        assert!(r.header.is_none());
        assert_eq!(
            r.payload.as_ref().map(Value::to_json).as_deref(),
            Some(claims)
        );
        assert_eq!(r.claims.len(), 4);
        assert_eq!(r.status.state, "expired");
        assert_eq!(r.status.seconds_left, Some(-1000.0));
        let c = codes(&r);
        for code in ["malformed", "expired", "claim-type", "sensitive-data"] {
            assert!(c.contains(&code), "{header}: {code} in {c:?}");
        }
        assert_eq!(
            finding(&r, "malformed")
                .iter()
                .map(|f| f.location.as_deref())
                .collect::<Vec<_>>(),
            vec![Some("header")]
        );
    }
    // without exp: exp-missing and no_expiry
    let r = report(&format!("{}.{}.c2ln", b64("nope"), b64(r#"{"sub":"u"}"#)));
    assert!(codes(&r).contains(&"exp-missing"));
    assert_eq!(r.status.state, "no_expiry");
    // near misses: an unreadable payload as well, or an encrypted one, stays unknown
    for t in [
        format!("{}.{}.c2ln", b64("nope"), b64("also not json")),
        format!("{}.e!J.c2ln", b64("nope")),
        format!("{}.{}.c2ln", b64("nope"), b64("[1]")),
        format!("{}.{}.AA.AA.AA", b64("nope"), b64(r#"{"exp":1}"#)),
    ] {
        let r = report(&t);
        assert_eq!(
            (r.kind, r.payload.is_none(), r.status.state),
            ("invalid", true, "unknown"),
            "{t}"
        );
        assert!(r.claims.is_empty());
        assert!(!codes(&r).contains(&"expired"));
    }
}

#[test]
fn weak_secret_is_reported_once() {
    let t = hs256(r#"{"alg":"HS256"}"#, GOOD_CLAIMS, b"secret");
    let r = report_with_secret(&t, b"secret");
    let weak = finding(&r, "weak-secret");
    assert_eq!(weak.len(), 1, "{:?}", r.findings);
    let detail = &weak.first().unwrap().detail;
    assert!(detail.contains("6 bytes"), "{detail}");
    assert!(detail.contains("at least 32 bytes"), "{detail}");
    assert!(detail.contains(r#"well-known secret "secret""#), "{detail}");
    assert_eq!(r.secret_verified, Some(true));
    assert_eq!(r.weak_secret.as_deref(), Some("secret"));
    // near misses: each check alone gives its own single finding
    let r = report(&t);
    let weak = finding(&r, "weak-secret");
    assert_eq!(weak.len(), 1);
    assert!(!weak.first().unwrap().detail.contains("given secret"));
    let t = hs256(r#"{"alg":"HS256"}"#, GOOD_CLAIMS, b"zq8-not-in-any-list");
    let r = report_with_secret(&t, b"zq8-not-in-any-list");
    let weak = finding(&r, "weak-secret");
    assert_eq!(weak.len(), 1);
    assert!(!weak.first().unwrap().detail.contains("well-known"));
    // a wrong given secret does not count, the list still does
    let t = hs256(r#"{"alg":"HS256"}"#, GOOD_CLAIMS, b"secret");
    let r = report_with_secret(&t, b"short");
    let weak = finding(&r, "weak-secret");
    assert_eq!(weak.len(), 1);
    assert!(!weak.first().unwrap().detail.contains("given secret"));
}

#[test]
fn large_token_whatever_else_is_wrong() {
    for input in [
        format!("{}.BBBB", "A".repeat(5000)),
        "A".repeat(5000),
        format!("{}.{}.", "!".repeat(3000), "!".repeat(3000)),
        format!("Bearer {}.e30.AA.AA", "A".repeat(4097)),
    ] {
        let r = report(&input);
        let c = codes(&r);
        assert!(c.contains(&"large-token"), "{c:?}");
        assert!(c.contains(&"malformed"), "{c:?}");
        let large = finding(&r, "large-token");
        assert_eq!(large.len(), 1);
        assert!(large
            .first()
            .unwrap()
            .detail
            .contains(&format!("{} bytes", r.size.bytes)));
    }
    // the bound is the trimmed input's UTF-8 length: "é" is two bytes
    assert!(has(&"é".repeat(2049), "large-token"));
    assert!(!has(&"é".repeat(2048), "large-token"));
    assert!(!has(&"A".repeat(LARGE_TOKEN_BYTES), "large-token"));
    assert!(has(&"A".repeat(LARGE_TOKEN_BYTES + 1), "large-token"));
    assert!(!has(
        &format!("  Bearer {}  \n", "A".repeat(LARGE_TOKEN_BYTES)),
        "large-token"
    ));
    // over the 1 MiB limit it is malformed and nothing else
    let r = report(&format!("{}.BBBB", "A".repeat(MAX_INSPECT_BYTES)));
    assert_eq!(codes(&r), vec!["malformed"]);
}

#[test]
fn claim_types_of_oidc_and_oauth_claims() {
    let h = r#"{"alg":"ES256"}"#;
    for (bad, claim) in [
        (r#""email_verified":"true""#, "email_verified"),
        (r#""phone_number_verified":1"#, "phone_number_verified"),
        (r#""nonce":123"#, "nonce"),
        (r#""azp":["c"]"#, "azp"),
        (r#""acr":1"#, "acr"),
        (r#""sid":{}"#, "sid"),
        (r#""at_hash":false"#, "at_hash"),
        (r#""c_hash":1"#, "c_hash"),
        (r#""s_hash":1"#, "s_hash"),
        (r#""client_id":42"#, "client_id"),
        (r#""scope":["read","write"]"#, "scope"),
        (r#""email":["a@b.example"]"#, "email"),
        (r#""name":{"first":"A"}"#, "name"),
        (r#""preferred_username":7"#, "preferred_username"),
        (r#""amr":"pwd""#, "amr"),
        (r#""amr":["pwd",1]"#, "amr"),
        (r#""auth_time":"1699999000""#, "auth_time"),
        (r#""updated_at":"2023-11-14""#, "updated_at"),
        (r#""cnf":"key""#, "cnf"),
        (r#""act":["a"]"#, "act"),
        (r#""may_act":"a""#, "may_act"),
        (r#""address":"1 Main St""#, "address"),
        (r#""aud":{"a":1}"#, "aud"),
        (r#""roles":5"#, "roles"),
        (r#""groups":[1,2]"#, "groups"),
        (r#""events":[]"#, "events"),
        (r#""htm":1"#, "htm"),
        (r#""sub":null"#, "sub"),
        (r#""email":null"#, "email"),
    ] {
        let r = report(&es256(h, &format!(r#"{{"exp":1700003600,{bad}}}"#)));
        let f = finding(&r, "claim-type");
        assert_eq!(f.len(), 1, "{bad}: {:?}", r.findings);
        let f = f.first().unwrap();
        assert_eq!(f.location.as_deref(), Some(&*format!("payload.{claim}")));
        assert!(f.detail.contains(&format!("\"{claim}\"")), "{}", f.detail);
    }
    // near misses: the right types, unregistered names, and provider claims without a rule
    assert!(!has(
        &es256(
            h,
            r#"{"exp":1700003600,"iss":"https://i.example","sub":"u","aud":"a","jti":"j",
            "auth_time":1699999000,"nonce":"n","acr":"1","amr":["pwd","mfa"],"azp":"c",
            "at_hash":"x","c_hash":"y","s_hash":"z","sid":"s","name":"Ann","given_name":"A",
            "family_name":"N","middle_name":"","nickname":"a","preferred_username":"ann",
            "profile":"https://p.example","picture":"https://p.example/a.png",
            "website":"https://a.example","email":"a@b.example","email_verified":true,
            "gender":"female","birthdate":"0000-03-22","zoneinfo":"Europe/Paris","locale":"fr-FR",
            "phone_number":"+33 1 23 45 67 89","phone_number_verified":false,
            "address":{"country":"FR"},"updated_at":1699990000,"scope":"read write",
            "client_id":"c","cnf":{"jkt":"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"},
            "act":{"sub":"admin"},"may_act":{"sub":"svc"},"roles":["admin"],"groups":"staff",
            "entitlements":[{"value":"e1"}],"events":{},"txn":"t","toe":1699999000,"htm":"GET",
            "htu":"https://r.example","ath":"fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo",
            "scp":["a","b"],"ver":2,"typ":"Bearer","tid":1,"custom":null,"x_verified":"yes"}"#
        ),
        "claim-type"
    ));
    // amr as Supabase/GoTrue issues it: objects, not strings
    assert!(!has(
        &es256(
            h,
            r#"{"exp":1700003600,"amr":[{"method":"password","timestamp":1699999000}]}"#
        ),
        "claim-type"
    ));
}

#[test]
fn null_and_string_time_claims() {
    let h = r#"{"alg":"ES256"}"#;
    // a null exp is a missing one (and the wrong type)
    let r = report(&es256(h, r#"{"sub":"u","exp":null}"#));
    let c = codes(&r);
    assert!(
        c.contains(&"exp-missing") && c.contains(&"claim-type"),
        "{c:?}"
    );
    assert_eq!(r.status.state, "no_expiry");
    assert_eq!(r.status.seconds_left, None);
    assert!(finding(&r, "exp-missing")
        .first()
        .unwrap()
        .detail
        .contains("null"));
    // a string exp is the wrong type, not a missing claim; the token has no usable expiry
    let r = report(&es256(h, r#"{"sub":"u","exp":"1700000600"}"#));
    let c = codes(&r);
    assert!(
        c.contains(&"claim-type") && !c.contains(&"exp-missing"),
        "{c:?}"
    );
    assert_eq!(r.status.state, "no_expiry");
    assert_eq!(
        report(&es256(h, r#"{"exp":1e400}"#)).status.state,
        "no_expiry"
    );
    // null nbf and iat: claim-type only
    for claims in [
        r#"{"exp":1700003600,"nbf":null}"#,
        r#"{"exp":1700003600,"iat":null}"#,
    ] {
        let r = report(&es256(h, claims));
        assert_eq!(codes(&r), vec!["claim-type"], "{claims}");
        assert_eq!(r.status.state, "active");
    }
    // near miss: a numeric exp
    let r = report(&es256(h, r#"{"sub":"u","exp":1700000600}"#));
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    assert_eq!(r.status.state, "active");
}

#[test]
fn kid_traversal_and_injection() {
    for (kid, why) in [
        ("/etc/passwd", "absolute"),
        ("\\windows\\win.ini", "absolute"),
        ("C:\\keys\\k.pem", "absolute"),
        ("c:/keys/k.pem", "absolute"),
        ("file:///etc/passwd", "absolute"),
        ("keys/..", ".."),
        ("..", ".."),
        ("keys\\..\\..\\secret", ".."),
        ("a/../../b", ".."),
        ("%2e%2e%2fetc%2fpasswd", "percent-encoded"),
        ("..%2F..%2Fetc", "percent-encoded"),
        ("%2E%2E%5Cboot.ini", "percent-encoded"),
        ("key%00.pem", "percent-encoded"),
        ("%252e%252e%252f", "percent-encoded"),
        ("key\u{0}", "NUL"),
        ("k\nid", "line break"),
        ("k\rid", "line break"),
        ("k\tid", "control"),
        ("$HOME/k", "shell"),
        ("${IFS}", "shell"),
        ("$(id)", "shell"),
        ("`id`", "shell"),
        ("a|b", "shell"),
        ("a;b", "shell"),
        ("a&b", "shell"),
        ("k > /tmp/x", "shell"),
        ("k'--", "quotes"),
        ("k\"", "quotes"),
        ("k--", "SQL"),
        ("k-- x", "SQL"),
        ("1 OR 1=1", "SQL"),
        ("k/**/", "SQL"),
    ] {
        let r = report(&with_kid(kid));
        let f = finding(&r, "kid-suspicious");
        assert_eq!(f.len(), 1, "{kid:?}: {:?}", codes(&r));
        assert!(
            f.first().unwrap().detail.contains(why),
            "{kid:?}: {}",
            f.first().unwrap().detail
        );
    }
    for kid in [
        "2024-01-rsa",
        "2024-05-key-1",
        "rsa--2024",
        "a--b--c",
        "a1b2c3",
        "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs",
        "f47ac10b-58cc-4372-a567-0e02b2c3d479",
        "key.v1",
        "key..v2",
        "...",
        "projects/p/keys/k",
        "projects/p/locations/global/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1",
        "https://issuer.example/keys/1",
        "did:example:123#key-1",
        "urn:uuid:f47ac10b-58cc-4372-a567-0e02b2c3d479",
        "price$",
        "50%",
        "",
    ] {
        assert!(!has(&with_kid(kid), "kid-suspicious"), "{kid:?}");
    }
}

#[test]
fn sensitive_data_in_the_report() {
    let h = r#"{"alg":"ES256"}"#;
    for (claims, location) in [
        (r#"{"card":4111111111111111}"#, "payload.card"),
        (r#"{"n":"3056 9309 0259 04"}"#, "payload.n"),
        (r#"{"n":"6200000000000005"}"#, "payload.n"),
        (r#"{"n":"6759649826438453"}"#, "payload.n"),
        (r#"{"n":"3530-1113-3330-0000"}"#, "payload.n"),
        (
            r#"{"aws_secret_access_key":"wJalrXUtnFEMI/K7MDENG"}"#,
            "payload.aws_secret_access_key",
        ),
        (
            r#"{"client_secret":"s3cr3t-value"}"#,
            "payload.client_secret",
        ),
        (r#"{"api_key":"s3cr3t-value"}"#, "payload.api_key"),
        (r#"{"apikey":"s3cr3t-value"}"#, "payload.apikey"),
        (r#"{"private_key":"s3cr3t-value"}"#, "payload.private_key"),
        (
            r#"{"refresh_token":"s3cr3t-value"}"#,
            "payload.refresh_token",
        ),
        (r#"{"access_token":"s3cr3t-value"}"#, "payload.access_token"),
        (
            r#"{"user":{"passwd":"s3cr3t-value"}}"#,
            "payload.user.passwd",
        ),
        (r#"{"pwd":"s3cr3t-value"}"#, "payload.pwd"),
        (
            r#"{"cnf":{"jwk":{"kty":"EC","crv":"P-256","x":"a","y":"b","d":"s3cr3t-value"}}}"#,
            "payload.cnf.jwk",
        ),
        (
            r#"{"k":"-----BEGIN EC PRIVATE KEY-----\ns3cr3t-value\n-----END EC PRIVATE KEY-----"}"#,
            "payload.k",
        ),
        (r#"{"nino":"AB123456C"}"#, "payload.nino"),
        (r#"{"id":"AB 12 34 56 C"}"#, "payload.id"),
        (r#"{"id":"123-45-6789"}"#, "payload.id"),
    ] {
        let r = report(&es256(h, &format!(r#"{{"exp":1700003600,"x":{claims}}}"#)));
        let f = finding(&r, "sensitive-data");
        assert_eq!(f.len(), 1, "{claims}: {:?}", r.findings);
        let f = f.first().unwrap();
        let location = location.replacen("payload", "payload.x", 1);
        assert_eq!(f.location.as_deref(), Some(location.as_str()), "{claims}");
        assert!(
            f.detail.starts_with(&format!("{location} looks like ")),
            "{}",
            f.detail
        );
        // the detail names the member, never the value
        for secret in [
            "s3cr3t-value",
            "4111",
            "AB123456C",
            "AB 12",
            "6789",
            "3056",
            "6200",
            "6759",
            "3530",
        ] {
            assert!(!f.detail.contains(secret), "{}", f.detail);
        }
    }
    for claims in [
        r#"{"password_changed_at":1699990000}"#,
        r#"{"password_policy":{"min_length":12}}"#,
        r#"{"pan":"Peter"}"#,
        r#"{"pass":"season"}"#,
        r#"{"at_hash":"77QmUPtjPfzWtF2AnpK9RQ"}"#,
        r#"{"cnf":{"jwk":{"kty":"EC","crv":"P-256","x":"a","y":"b"}}}"#,
        r#"{"n":"1234567812345670","m":4111111111111112,"ms":1700003600000}"#,
        r#"{"token_type":"Bearer","secret_question_set":true}"#,
    ] {
        let r = report(&es256(h, &format!(r#"{{"exp":1700003600,"x":{claims}}}"#)));
        assert!(
            finding(&r, "sensitive-data").is_empty(),
            "{claims}: {:?}",
            r.findings
        );
    }
}

/// Payloads built to make the report large or slow (issue 14), as `(what, payload JSON)`.
fn hostile_payloads(n: usize) -> Vec<(&'static str, String)> {
    let cards = |k: usize| vec!["4222222222222"; k].join(",");
    vec![
        (
            "long name x zeros",
            format!(
                r#"{{"{}":[{}]}}"#,
                "a".repeat(n / 2),
                vec!["0"; n / 4].join(",")
            ),
        ),
        (
            "long name x card numbers",
            format!(r#"{{"{}":[{}]}}"#, "a".repeat(n / 2), cards(n / 28)),
        ),
        (
            "suffix words",
            format!(r#"{{"password{}":"x"}}"#, "_val".repeat(n / 4)),
        ),
        (
            "many secrets",
            format!(
                "{{{}}}",
                (0..n / 20)
                    .map(|i| format!(r#""pw{i}_password":"x""#))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        ),
        (
            "many small members",
            format!(
                "{{{}}}",
                (0..n / 8)
                    .map(|i| format!(r#""{i:x}":0"#))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        ),
        (
            "duplicated exp of the wrong type",
            format!("{{{}}}", vec![r#""exp":"x""#; n / 9].join(",")),
        ),
        (
            "duplicated names",
            format!(
                "{{{}}}",
                (0..n / 16)
                    .flat_map(|i| [format!(r#""d{i}":1"#), format!(r#""d{i}":2"#)])
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        ),
        (
            "deep arrays of long strings",
            format!(
                "{{\"a\":{}\"{}\"{}}}",
                "[".repeat(60),
                "x".repeat(n),
                "]".repeat(60)
            ),
        ),
    ]
}

/// Issue 14: the report is bounded in size by the token's length, no code has more than the cap
/// plus one summary finding, and no finding quotes more than the cut lengths.
#[test]
fn report_size_and_findings_are_bounded() {
    for n in [4_096, 65_536, 262_144] {
        for (what, payload) in hostile_payloads(n) {
            let header = r#"{"alg":"HS256","jku":"https://example.com/keys"}"#;
            let token = es256(header, &payload);
            let r = report(&token);
            assert!(r.payload.is_some(), "{what}: {:?}", codes(&r));
            let json = r.to_json();
            assert!(
                json.len() <= REPORT_BYTES_PER_TOKEN_BYTE * token.len() + REPORT_BYTES_FIXED,
                "{what} at {n}: report {} bytes for a {}-byte token",
                json.len(),
                token.len()
            );
            let mut per_code = std::collections::BTreeMap::new();
            for f in &r.findings {
                *per_code.entry(f.code).or_insert(0) += 1;
                assert!(
                    f.detail.chars().count() <= MAX_DETAIL_CHARS,
                    "{what}: {}",
                    f.code
                );
                assert!(
                    f.location.as_deref().map_or(0, |l| l.chars().count()) <= MAX_LOCATION_CHARS,
                    "{what}: {:?}",
                    f.location
                );
            }
            for (code, count) in per_code {
                assert!(count <= MAX_FINDINGS_PER_CODE + 1, "{what}: {count} {code}");
            }
        }
    }
}

#[test]
fn findings_over_the_cap_are_summarised() {
    let payload = format!(
        r#"{{"exp":1700003600,"{}":[{}]}}"#,
        "a".repeat(100_000),
        vec!["4222222222222"; 4_000].join(",")
    );
    let r = report(&es256(r#"{"alg":"ES256"}"#, &payload));
    let f = finding(&r, "sensitive-data");
    assert_eq!(f.len(), MAX_FINDINGS_PER_CODE + 1);
    let summary = f.last().unwrap();
    assert_eq!(summary.location, None);
    assert!(summary.title.starts_with("3980 more"), "{}", summary.title);
    assert!(summary.detail.contains("first 20"), "{}", summary.detail);
    for f in &f[..MAX_FINDINGS_PER_CODE] {
        let location = f.location.as_deref().unwrap();
        assert!(location.chars().count() <= MAX_LOCATION_CHARS);
        assert!(f.detail.starts_with(location), "{}", f.detail);
    }

    // a repeated member is one claim (the last value wins, as in JSON.parse): one claim-type
    let payload = format!("{{{}}}", vec![r#""exp":"x""#; 500].join(","));
    let r = report(&es256(r#"{"alg":"ES256"}"#, &payload));
    assert_eq!(finding(&r, "claim-type").len(), 1);
    // the cap holds for every code, whichever producer adds the findings
    let mut b = Builder::new();
    for i in 0..25 {
        b.add(FindingCode::ClaimType, "t", format!("d{i}"), "payload.x");
    }
    b.add(FindingCode::Expired, "t", "d".into(), "");
    let all = b.finish();
    assert_eq!(
        all.iter().filter(|f| f.code == "claim-type").count(),
        MAX_FINDINGS_PER_CODE + 1
    );
    assert_eq!(all.last().unwrap().title, "5 more \"claim-type\" findings");
    // the duplicate-key finding quotes each name once, ten at most
    let payload = format!(
        "{{{}}}",
        (0..30)
            .flat_map(|i| [
                format!(r#""d{i}":1"#),
                format!(r#""d{i}":2"#),
                format!(r#""d{i}":3"#)
            ])
            .collect::<Vec<_>>()
            .join(",")
    );
    let r = report(&es256(r#"{"alg":"ES256"}"#, &payload));
    let dup = finding(&r, "duplicate-key");
    let detail = &dup.first().unwrap().detail;
    assert!(detail.contains(r#""d0", "d1", "#), "{detail}");
    assert!(detail.contains("and 20 more names"), "{detail}");
    assert_eq!(detail.matches("\"d0\"").count(), 1, "{detail}");
}

#[test]
fn quoted_header_values_are_cut() {
    let alg = "X".repeat(10_000);
    let r = report(&es256(
        &format!(r#"{{"alg":"{alg}","jku":"{}"}}"#, "u".repeat(10_000)),
        GOOD_CLAIMS,
    ));
    for code in ["alg-unknown", "header-url"] {
        let f = finding(&r, code);
        let d = &f.first().unwrap().detail;
        assert!(
            d.chars().count() < 400,
            "{code}: {} chars",
            d.chars().count()
        );
        assert!(d.contains('…'), "{d}");
    }
}
