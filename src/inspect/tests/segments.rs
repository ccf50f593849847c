//! Structure and decoding: malformed input, non-canonical base64url, duplicate names, large tokens, JWE, and a payload shown under an unreadable header.

use super::*;
use crate::inspect::segments::LARGE_TOKEN_BYTES;
use crate::json::Value;

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
