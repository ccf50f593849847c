//! Claims: explained, their types, the time findings and the status.

use super::*;

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

/// Numbers in messages and in the report's JSON are written as `format!("{v}")` (messages) and
/// `{v:.0}` / `{v}` (JSON) wrote them before jwtlens had its own conversions (json/display.rs).
#[test]
fn numbers_are_written_as_before() {
    let h = r#"{"alg":"ES256"}"#;
    for exp in [
        "1700003600000",
        "1700003600000.25",
        "1.7000036e12",
        "2e18",
        "1e300",
        "123456789012.123456789",
    ] {
        let r = report(&es256(h, &format!(r#"{{"exp":{exp}}}"#)));
        let t: f64 = exp.parse().unwrap();
        let f = finding(&r, "claim-type");
        assert!(
            f[0].detail
                .starts_with(&format!("\"exp\" is {t}, which as seconds is the year ")),
            "{exp}: {}",
            f[0].detail
        );
        let left = (t - NOW).floor();
        let json = if left.abs() < 1e21 {
            format!("{left:.0}")
        } else {
            format!("{left}")
        };
        assert!(
            r.to_json().contains(&format!(r#""secondsLeft":{json}}}"#)),
            "{exp}: {json}"
        );
    }
    let r = report(&es256(h, r#"{"iat":1700000061,"exp":1700003600}"#));
    assert!(finding(&r, "iat-future")[0]
        .detail
        .ends_with(", later than now by more than 60 seconds of clock skew"));
    // A negative zero difference stays "-0", as `{:.0}` wrote it.
    let r = inspect(
        &es256(h, r#"{"exp":-0}"#),
        &InspectOptions {
            now: 0.0,
            secret: None,
        },
    );
    assert!(r.to_json().contains(r#""secondsLeft":-0}"#));
    assert!(r.to_json().contains(r#""size":{"bytes":"#));
}
