//! Sensitive data in the payload, as findings of the report.

use super::*;

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
