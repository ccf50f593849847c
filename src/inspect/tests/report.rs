//! The report as a whole: a clean token, the order of findings, sizes, the JSON shape.

use super::*;
use crate::json::Value;

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
