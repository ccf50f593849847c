//! HS* signatures: the weak-secret list, a given secret, and the bound on the scan.

use super::*;
use crate::inspect::segments::LARGE_TOKEN_BYTES;
use crate::inspect::signature::WEAK_SCAN_MAX_BYTES;

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
