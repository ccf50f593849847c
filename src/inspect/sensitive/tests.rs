use super::names::{sensitive_name, words, STEM_WINDOW, TERMS};
use super::values::{card_number, digit_groups};
use super::*;
use crate::json::parse;

fn found(json: &str) -> Vec<&'static str> {
    scan(&parse(json).unwrap())
        .hits
        .into_iter()
        .map(|h| h.what)
        .collect()
}

fn card(s: &str) -> bool {
    card_number(digit_groups(s, true))
}

#[test]
fn names() {
    assert_eq!(found(r#"{"password":"hunter2"}"#), vec!["a password"]);
    assert_eq!(
        found(r#"{"user":{"password_hash":"$2b$10$abc"}}"#),
        vec!["a password hash"]
    );
    assert_eq!(found(r#"{"client_secret":"abc"}"#), vec!["a client secret"]);
    assert_eq!(found(r#"{"stripeSecretKey":"x"}"#), vec!["a secret key"]);
    assert_eq!(found(r#"{"SSN":"x"}"#), vec!["a social security number"]);
    for (json, what) in [
        (
            r#"{"aws_secret_access_key":"x"}"#,
            "a cloud secret access key",
        ),
        (r#"{"AWSSecretAccessKey":"x"}"#, "a cloud secret access key"),
        (r#"{"clientSecret":"x"}"#, "a client secret"),
        (r#"{"CLIENT_SECRET":"x"}"#, "a client secret"),
        (r#"{"api_key":"x"}"#, "an API key"),
        (r#"{"apikey":"x"}"#, "an API key"),
        (r#"{"x-api-key":"x"}"#, "an API key"),
        (r#"{"APIKey":"x"}"#, "an API key"),
        (r#"{"private_key":"x"}"#, "a private key"),
        (r#"{"privateKeyPem":"x"}"#, "a private key"),
        (r#"{"access_token":"x"}"#, "an OAuth access token"),
        (r#"{"refreshToken":"x"}"#, "an OAuth refresh token"),
        (r#"{"passwd":"x"}"#, "a password"),
        (r#"{"pwd":"x"}"#, "a password"),
        (r#"{"db_password":"x"}"#, "a password"),
        (r#"{"password_confirmation":"x"}"#, "a password"),
        (r#"{"mysecret":"x"}"#, "a secret"),
        (r#"{"pan":"4111 1111 1111 1111"}"#, "a card number"),
        // under a card name the issuer prefix is not needed, the Luhn check is
        (r#"{"card_number":1234567812345670}"#, "a card number"),
        (r#"{"cvv":"123"}"#, "a card security code"),
        (r#"{"nino":"x"}"#, "a National Insurance number"),
        (r#"{"ssn":123456789}"#, "a social security number"),
    ] {
        assert_eq!(found(json), vec![what], "{json}");
    }
}

#[test]
fn near_misses_are_quiet() {
    for ok in [
        r#"{"email":"a@b.example","email_verified":true,"name":"Ann"}"#,
        r#"{"sub":"4111-user","passenger":"Bob","secretary":"Carol","has_password":true}"#,
        r#"{"password":""}"#,
        r#"{"password":"  "}"#,
        r#"{"password":null}"#,
        r#"{"iat":1700000000,"exp":1700003600,"n":"4111111111111112"}"#,
        r#"{"phone":"123-45-678"}"#,
        r#"{"order":"000-12-3456"}"#,
        r#"{"bypass":"x","compass":"y"}"#,
        r#"{"k":"sk_live_"}"#,
        r#"{"password_changed_at":1699990000}"#,
        r#"{"password_changed_at":"2023-11-14T00:00:00Z"}"#,
        r#"{"password_policy":{"min_length":12}}"#,
        r#"{"passwordless":true,"password_expired":false}"#,
        r#"{"has_password":"yes","min_password_length":"8"}"#,
        r#"{"pan":"Peter","card":"gold","cvv":"abc"}"#,
        r#"{"pass":"season","japan":"x","company":"y"}"#,
        r#"{"secret_santa":"Bob","secrets_manager":"vault","client_secret_expires_at":0}"#,
        r#"{"api_key_id":"k-1","at_hash":"77QmUPtjPfzWtF2AnpK9RQ","c_hash":"LDktKdoQak3Pk0cnXxCltA"}"#,
        r#"{"cnf":{"jwk":{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}}}"#,
        r#"{"ms":1700003600000,"id":40000000000000000000000}"#,
        r#"{"n":"4111--1111-1111-1111","m":"-4111111111111111"}"#,
        r#"{"ref":"AB12345C","code":"QQ123456C","c":"ab123456c","d":"AB123456E"}"#,
    ] {
        assert!(found(ok).is_empty(), "{ok}: {:?}", found(ok));
    }
}

#[test]
fn values() {
    assert_eq!(
        found(r#"{"k":"-----BEGIN PRIVATE KEY-----\nMIIE..."}"#),
        vec!["a PEM private key"]
    );
    assert_eq!(
        found(r#"{"k":["-----BEGIN RSA PRIVATE KEY-----\nMIIE..."]}"#),
        vec!["a PEM private key"]
    );
    assert_eq!(
        found(r#"{"k":"AKIAIOSFODNN7EXAMPLE"}"#),
        vec!["an AWS access key ID"]
    );
    assert_eq!(
        found(r#"{"k":"sk_live_51Habcdefghijklmnop"}"#),
        vec!["a Stripe secret key"]
    );
    assert_eq!(
        found(r#"{"cc":["x","4111 1111 1111 1111"]}"#),
        vec!["a payment card number (Luhn-valid)"]
    );
    assert_eq!(
        found(r#"{"card":4111111111111111,"x":{"y":5555555555554444}}"#),
        vec!["a card number", "a payment card number (Luhn-valid)"]
    );
    assert_eq!(
        found(r#"{"id":"123-45-6789"}"#),
        vec!["a US social security number"]
    );
    for nino in ["AB123456C", "AB 12 34 56 C", "JG103759A"] {
        assert_eq!(
            found(&format!(r#"{{"id":"{nino}"}}"#)),
            vec!["a UK National Insurance number"],
            "{nino}"
        );
    }
    assert_eq!(
        found(r#"{"key":{"kty":"RSA","n":"AQAB","e":"AQAB","d":"AQAB"}}"#),
        vec!["a private key (a JWK with \"d\")"]
    );
    assert_eq!(
        found(
            r#"{"keys":[{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}]}"#
        ),
        vec!["a secret key (a symmetric JWK with \"k\")"]
    );
}

fn scan_of(json: &str) -> Scan {
    scan(&parse(json).unwrap())
}

/// Issue 14: the name check re-joined the name once per suffix word (quadratic). Now the bytes
/// it compares grow linearly with the number of words.
#[test]
fn name_check_is_linear_in_the_number_of_words() {
    let work = |words: usize| {
        let mut name = "password".to_owned();
        for _ in 0..words {
            name.push_str("_val");
        }
        let mut w = 0;
        // every trailing word is a value suffix, so every step runs
        assert_eq!(
            sensitive_name(&name, &mut w).map(|(_, what)| what),
            Some("a password")
        );
        w
    };
    let (a, b) = (work(2_000), work(4_000));
    assert!(b <= a * 2 + 64, "{a} -> {b}");
    // and a name that never matches: all suffix words, then one ordinary word at the front
    let mut w = 0;
    let name = format!("user{}", "_val".repeat(20_000));
    assert_eq!(sensitive_name(&name, &mut w), None);
    assert!(
        w <= (name.len() + 1) * (STEM_WINDOW + 1) / 4 + name.len(),
        "{w}"
    );
}

#[test]
fn suffix_stripping_still_finds_the_term() {
    for (name, what) in [
        ("password_val_val_hash", Some("a password")),
        ("my_api_key_hex_b64", Some("an API key")),
        ("has_password_val", None),
        ("card_val", Some("a card number")),
        ("japan_val", None),
        ("x_pan", Some("a card number")),
        (
            "nationalinsurancenumber_val_val",
            Some("a National Insurance number"),
        ),
        ("password_changed_val", None),
        ("ÄÖÜpassword_val", Some("a password")),
    ] {
        let mut w = 0;
        let value = if what == Some("a card number") {
            "4111111111111111"
        } else {
            "x"
        };
        let found = sensitive_name(name, &mut w).map(|(_, what)| what);
        assert_eq!(found, what, "{name}");
        if let Some(what) = what {
            let json = format!(r#"{{"{name}":"{value}"}}"#);
            assert_eq!(
                scan_of(&json).hits.first().map(|h| h.what),
                Some(what),
                "{json}"
            );
        }
    }
}

/// Issue 14: a path string was built for every member and element before knowing whether
/// there was a hit. Now only kept hits build one.
#[test]
fn paths_are_built_only_for_kept_hits() {
    let name = "a".repeat(50_000);
    let zeros = vec!["0"; 20_000].join(",");
    let s = scan_of(&format!(
        r#"{{"{name}":[{zeros}],"b":{{"c":[[1,2],{{"d":null}}]}}}}"#
    ));
    assert!(s.hits.is_empty());
    assert_eq!((s.paths_built, s.more), (0, 0));
}

#[test]
fn hits_are_capped_and_paths_cut() {
    let name = "a".repeat(100_000);
    let cards = vec!["4222222222222"; 4_000].join(",");
    let s = scan_of(&format!(r#"{{"{name}":[{cards}]}}"#));
    assert_eq!(s.hits.len(), MAX_HITS);
    assert_eq!(s.more, 4_000 - MAX_HITS);
    assert_eq!(s.paths_built, MAX_HITS);
    for h in &s.hits {
        assert!(h.path.chars().count() <= MAX_PATH_CHARS, "{}", h.path);
        assert!(h.path.starts_with("payload.aaaa"), "{}", h.path);
    }
    assert!(s.hits[3].path.ends_with("…[3]"), "{}", s.hits[3].path);
    // a deep path keeps its start and its end
    let deep = format!(
        "{}{{\"password\":\"x\"}}{}",
        "{\"level\":".repeat(60),
        "}".repeat(60)
    );
    let s = scan_of(&deep);
    let path = &s.hits.first().unwrap().path;
    assert_eq!(path.chars().count(), MAX_PATH_CHARS, "{path}");
    assert!(path.starts_with("payload.level.level"), "{path}");
    assert!(path.ends_with("level.password"), "{path}");
    assert!(path.contains('…'), "{path}");
}

#[test]
fn stems_fit_the_window() {
    for t in TERMS {
        assert!(t.stem.len() < STEM_WINDOW, "{}", t.stem);
    }
}

#[test]
fn words_split_at_separators_and_case() {
    assert_eq!(
        words("aws_secret-access.key"),
        ["aws", "secret", "access", "key"]
    );
    assert_eq!(words("APIKey"), ["api", "key"]);
    assert_eq!(words("clientSecret2"), ["client", "secret2"]);
    assert_eq!(words("cvv2"), ["cvv2"]);
    assert!(words("__").is_empty());
}

#[test]
fn luhn_and_issuers() {
    for ok in [
        "4111111111111111",    // Visa
        "4222222222222",       // Visa, 13 digits
        "5500-0000-0000-0004", // Mastercard
        "2223003122003222",    // Mastercard 2-series
        "378282246310005",     // American Express
        "30569309025904",      // Diners Club 305
        "36227206271667",      // Diners Club 36
        "3530111333300000",    // JCB
        "6011111111111117",    // Discover
        "6445644564456445",    // Discover 644-649
        "6200000000000005",    // UnionPay
        "6759649826438453",    // Maestro
    ] {
        assert!(card(ok), "{ok}");
    }
    assert!(!card("5018 0000 0009")); // Maestro, but 12 digits: under the 13-digit bound
    assert!(!card("4111111111111112"));
    assert!(!card("1234567812345670")); // Luhn-valid, no known issuer
    assert!(!card("7000000000000007")); // Luhn-valid, no known issuer
    assert!(!card("4111 1111 1111 1111 "));
    assert!(!card("41111111111111111111")); // 20 digits
}
