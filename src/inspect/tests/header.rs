//! The header: alg, embedded keys and key URLs, kid, crit, a missing signature, quoted values cut.

use super::*;

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
    let r = report(&es256(r#"{"alg":"Ed448"}"#, GOOD_CLAIMS));
    assert!(r
        .findings
        .iter()
        .any(|f| f.code == "alg-unknown" && f.detail.contains("registered JOSE algorithm")));
    // RFC 9864's fully-specified Ed25519 is implemented (issue 17)
    let r = report(&es256(r#"{"alg":"Ed25519"}"#, GOOD_CLAIMS));
    assert!(!codes(&r).contains(&"alg-unknown"));
    assert_eq!(r.algorithm.as_ref().map(|a| a.family), Some("EdDSA"));
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
