//! What `verify` checks besides the signature ([`Validation`]) and the JWT claim checks
//! (RFC 7519 §4.1). The clock is a parameter; `time.rs` decides expiry for `inspect` too.

use crate::algorithm::Algorithm;
use crate::error::{ClaimReason, Error};
use crate::json::Value;
use crate::token::DEFAULT_MAX_TOKEN_BYTES;

pub(crate) mod time;

/// What `verify` checks besides the signature. [`Validation::new`] gives the contract's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct Validation {
    /// The allow-list of algorithms. `none` is never allowed.
    pub algorithms: Vec<Algorithm>,
    /// Names in the caller's allow-list that jwtlens does not implement (such as `ES256K`): a
    /// token that uses one fails with `ERR_JOSE_NOT_SUPPORTED` (it was allowed, but cannot be
    /// checked here) rather than `ERR_JOSE_ALG_NOT_ALLOWED`.
    pub other_algorithms: Vec<String>,
    /// Accepted `iss` values (empty: not checked).
    pub issuer: Vec<String>,
    /// Accepted `aud` values; a token matches if any of its audiences is one of them.
    pub audience: Vec<String>,
    /// Expected `sub`.
    pub subject: Option<String>,
    /// Expected `typ` header (case-insensitive, `application/` optional).
    pub typ: Option<String>,
    /// Seconds of clock skew tolerated for `exp`, `nbf` and `iat`.
    pub clock_tolerance: f64,
    /// Maximum age in seconds since `iat` (makes `iat` required).
    pub max_token_age: Option<f64>,
    /// Claims that must be present (default `["exp"]`).
    pub required_claims: Vec<String>,
    /// `crit` header parameters the caller understands.
    pub crit: Vec<String>,
    /// Largest token accepted, in bytes.
    pub max_token_bytes: usize,
    /// Accept HMAC secrets shorter than the hash output.
    pub allow_short_secrets: bool,
}

impl Validation {
    /// Defaults for the given allow-list: `exp` required, no tolerance, 256 KiB limit.
    pub fn new(algorithms: &[Algorithm]) -> Validation {
        Validation {
            algorithms: algorithms.to_vec(),
            other_algorithms: Vec::new(),
            issuer: Vec::new(),
            audience: Vec::new(),
            subject: None,
            typ: None,
            clock_tolerance: 0.0,
            max_token_age: None,
            required_claims: vec!["exp".to_owned()],
            crit: Vec::new(),
            max_token_bytes: DEFAULT_MAX_TOKEN_BYTES,
            allow_short_secrets: false,
        }
    }
}

fn present<'a>(payload: &'a Value, name: &str) -> Option<&'a Value> {
    payload.get(name).filter(|v| !v.is_null())
}

/// A NumericDate claim: absent, or a finite number; anything else, `null` included, is
/// `reason: invalid` (as in jose). A required time claim that is `null` was already reported
/// missing, before this is called.
fn numeric_date(payload: &Value, name: &str) -> Result<Option<f64>, Error> {
    match payload.get(name) {
        None => Ok(None),
        Some(Value::Number(n)) if n.as_f64().is_finite() => Ok(Some(n.as_f64())),
        Some(other) => Err(Error::claim_failed(
            name,
            ClaimReason::Invalid,
            format!(
                "\"{name}\" claim must be a finite number (a NumericDate), not {}",
                other.type_name()
            ),
        )),
    }
}

/// A media type as jose compares `typ`: lower-cased, with `application/` added when it has no
/// `/` (RFC 7515 §4.1.9 lets the prefix be left out), so `JWT` = `application/jwt` but
/// `application/vnd/jwt` ≠ `vnd/jwt`.
fn normalize_typ(t: &str) -> String {
    let lower = t.to_lowercase();
    if lower.contains('/') {
        lower
    } else {
        format!("application/{lower}")
    }
}

/// Checks the claims of a verified token. `header` is the protected header, `payload` the claims
/// object, `now` seconds since the epoch.
///
/// # Errors
/// `ERR_JWT_EXPIRED` or `ERR_JWT_CLAIM_VALIDATION_FAILED` with `claim` and `reason`.
pub fn check_claims(
    header: &Value,
    payload: &Value,
    v: &Validation,
    now: u64,
) -> Result<(), Error> {
    if let Some(expected) = &v.typ {
        match header.get("typ") {
            None | Some(Value::Null) => {
                return Err(Error::claim_failed(
                    "typ",
                    ClaimReason::Missing,
                    "\"typ\" JWT header is missing",
                ));
            }
            Some(Value::String(t)) if normalize_typ(t) == normalize_typ(expected) => {}
            Some(_) => {
                return Err(Error::claim_failed(
                    "typ",
                    ClaimReason::CheckFailed,
                    "unexpected \"typ\" JWT header value",
                ));
            }
        }
    }

    // Required claims, including those an expected value implies (checked like jose: the
    // implied ones first).
    let mut required: Vec<&str> = v.required_claims.iter().map(String::as_str).collect();
    if v.max_token_age.is_some() {
        required.push("iat");
    }
    if !v.audience.is_empty() {
        required.push("aud");
    }
    if v.subject.is_some() {
        required.push("sub");
    }
    if !v.issuer.is_empty() {
        required.push("iss");
    }
    let mut seen: Vec<&str> = Vec::new();
    for name in required.into_iter().rev() {
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        if present(payload, name).is_none() {
            return Err(Error::claim_failed(
                name,
                ClaimReason::Missing,
                format!("missing required \"{name}\" claim"),
            ));
        }
    }

    if !v.issuer.is_empty() {
        let ok = matches!(present(payload, "iss"), Some(Value::String(s)) if v.issuer.iter().any(|i| i == s));
        if !ok {
            return Err(Error::claim_failed(
                "iss",
                ClaimReason::CheckFailed,
                "unexpected \"iss\" claim value",
            ));
        }
    }
    if let Some(sub) = &v.subject {
        let ok = matches!(present(payload, "sub"), Some(Value::String(s)) if s == sub);
        if !ok {
            return Err(Error::claim_failed(
                "sub",
                ClaimReason::CheckFailed,
                "unexpected \"sub\" claim value",
            ));
        }
    }
    if !v.audience.is_empty() {
        let ok = match present(payload, "aud") {
            Some(Value::String(s)) => v.audience.iter().any(|a| a == s),
            Some(Value::Array(items)) => items
                .iter()
                .any(|i| matches!(i, Value::String(s) if v.audience.iter().any(|a| a == s))),
            _ => false,
        };
        if !ok {
            return Err(Error::claim_failed(
                "aud",
                ClaimReason::CheckFailed,
                "unexpected \"aud\" claim value",
            ));
        }
    }

    let now = now as f64;
    let tol = v.clock_tolerance;
    let iat = numeric_date(payload, "iat")?;
    let nbf = numeric_date(payload, "nbf")?;
    let exp = numeric_date(payload, "exp")?;
    let window = time::window(exp, nbf, now, tol);
    if window.not_yet_valid {
        return Err(Error::claim_failed(
            "nbf",
            ClaimReason::CheckFailed,
            "\"nbf\" claim timestamp check failed",
        ));
    }
    if window.expired {
        return Err(Error::expired(
            "exp",
            "\"exp\" claim timestamp check failed",
        ));
    }
    if let (Some(max_age), Some(iat)) = (v.max_token_age, iat) {
        let age = now - iat;
        if age - tol > max_age {
            return Err(Error::expired(
                "iat",
                "\"iat\" claim timestamp check failed (too far in the past)",
            ));
        }
        if age < -tol {
            return Err(Error::claim_failed(
                "iat",
                ClaimReason::CheckFailed,
                "\"iat\" claim timestamp check failed (it should be in the past)",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payload(s: &str) -> Value {
        crate::json::parse(s).unwrap()
    }

    fn check(
        p: &str,
        v: &Validation,
        now: u64,
    ) -> Result<(), (String, Option<String>, Option<&'static str>)> {
        check_claims(
            &payload(r#"{"alg":"HS256","typ":"JWT"}"#),
            &payload(p),
            v,
            now,
        )
        .map_err(|e| {
            (
                e.code().to_owned(),
                e.claim().map(str::to_owned),
                e.reason().map(|r| r.as_str()),
            )
        })
    }

    fn err(
        code: &str,
        claim: &str,
        reason: &'static str,
    ) -> Result<(), (String, Option<String>, Option<&'static str>)> {
        Err((code.to_owned(), Some(claim.to_owned()), Some(reason)))
    }

    const FAILED: &str = "ERR_JWT_CLAIM_VALIDATION_FAILED";

    #[test]
    fn exp_is_required_by_default_and_strict_at_the_boundary() {
        let v = Validation::new(&[Algorithm::HS256]);
        assert_eq!(check("{}", &v, 100), err(FAILED, "exp", "missing"));
        assert_eq!(
            check(r#"{"exp":null}"#, &v, 100),
            err(FAILED, "exp", "missing")
        );
        assert_eq!(check(r#"{"exp":101}"#, &v, 100), Ok(()));
        // not required: null is a value of the wrong type, as in jose
        let mut waived = v.clone();
        waived.required_claims.clear();
        assert_eq!(
            check(r#"{"exp":null}"#, &waived, 100),
            err(FAILED, "exp", "invalid")
        );
        for name in ["nbf", "iat"] {
            assert_eq!(
                check(&format!(r#"{{"exp":101,"{name}":null}}"#), &v, 100),
                err(FAILED, name, "invalid")
            );
        }
        assert_eq!(
            check(r#"{"exp":100}"#, &v, 100),
            err("ERR_JWT_EXPIRED", "exp", "check_failed")
        );
        assert_eq!(check(r#"{"exp":100.5}"#, &v, 100), Ok(()));
        let mut lenient = v.clone();
        lenient.clock_tolerance = 30.0;
        assert_eq!(check(r#"{"exp":71}"#, &lenient, 100), Ok(()));
        assert_eq!(
            check(r#"{"exp":70}"#, &lenient, 100),
            err("ERR_JWT_EXPIRED", "exp", "check_failed")
        );
        let mut none = v;
        none.required_claims.clear();
        assert_eq!(check("{}", &none, 100), Ok(()));
    }

    #[test]
    fn time_claims_of_the_wrong_type_are_invalid() {
        let mut v = Validation::new(&[Algorithm::HS256]);
        v.required_claims.clear();
        assert_eq!(
            check(r#"{"exp":"123"}"#, &v, 100),
            err(FAILED, "exp", "invalid")
        );
        assert_eq!(
            check(r#"{"exp":{"t":1}}"#, &v, 100),
            err(FAILED, "exp", "invalid")
        );
        assert_eq!(
            check(r#"{"nbf":true}"#, &v, 100),
            err(FAILED, "nbf", "invalid")
        );
        assert_eq!(
            check(r#"{"iat":[1]}"#, &v, 100),
            err(FAILED, "iat", "invalid")
        );
        assert_eq!(
            check(r#"{"exp":1e400}"#, &v, 100),
            err(FAILED, "exp", "invalid")
        );
    }

    #[test]
    fn nbf_and_max_age() {
        let mut v = Validation::new(&[Algorithm::HS256]);
        v.required_claims.clear();
        assert_eq!(check(r#"{"nbf":100}"#, &v, 100), Ok(()));
        assert_eq!(
            check(r#"{"nbf":101}"#, &v, 100),
            err(FAILED, "nbf", "check_failed")
        );
        v.max_token_age = Some(600.0);
        assert_eq!(check("{}", &v, 1000), err(FAILED, "iat", "missing"));
        assert_eq!(check(r#"{"iat":400}"#, &v, 1000), Ok(()));
        assert_eq!(
            check(r#"{"iat":399}"#, &v, 1000),
            err("ERR_JWT_EXPIRED", "iat", "check_failed")
        );
        assert_eq!(
            check(r#"{"iat":1001}"#, &v, 1000),
            err(FAILED, "iat", "check_failed")
        );
        v.clock_tolerance = 30.0;
        assert_eq!(check(r#"{"iat":370}"#, &v, 1000), Ok(()));
    }

    #[test]
    fn iss_sub_aud() {
        let mut v = Validation::new(&[Algorithm::HS256]);
        v.required_claims.clear();
        v.issuer = vec!["https://a".into(), "https://b".into()];
        assert_eq!(check("{}", &v, 0), err(FAILED, "iss", "missing"));
        assert_eq!(check(r#"{"iss":"https://b"}"#, &v, 0), Ok(()));
        assert_eq!(
            check(r#"{"iss":"https://b/"}"#, &v, 0),
            err(FAILED, "iss", "check_failed")
        );
        assert_eq!(
            check(r#"{"iss":5}"#, &v, 0),
            err(FAILED, "iss", "check_failed")
        );
        v.issuer.clear();
        v.subject = Some("u".into());
        assert_eq!(
            check(r#"{"sub":"v"}"#, &v, 0),
            err(FAILED, "sub", "check_failed")
        );
        v.subject = None;
        v.audience = vec!["api".into()];
        assert_eq!(check("{}", &v, 0), err(FAILED, "aud", "missing"));
        assert_eq!(check(r#"{"aud":["x","api"]}"#, &v, 0), Ok(()));
        assert_eq!(check(r#"{"aud":"api"}"#, &v, 0), Ok(()));
        assert_eq!(
            check(r#"{"aud":["x"]}"#, &v, 0),
            err(FAILED, "aud", "check_failed")
        );
        assert_eq!(
            check(r#"{"aud":1}"#, &v, 0),
            err(FAILED, "aud", "check_failed")
        );
    }

    #[test]
    fn typ_header() {
        let mut v = Validation::new(&[Algorithm::HS256]);
        v.required_claims.clear();
        v.typ = Some("application/JWT".into());
        assert_eq!(check("{}", &v, 0), Ok(()));
        v.typ = Some("at+jwt".into());
        assert_eq!(check("{}", &v, 0), err(FAILED, "typ", "check_failed"));
        let no_typ =
            check_claims(&payload(r#"{"alg":"HS256"}"#), &payload("{}"), &v, 0).unwrap_err();
        assert_eq!(
            (no_typ.claim(), no_typ.reason()),
            (Some("typ"), Some(ClaimReason::Missing))
        );
    }

    #[test]
    fn required_claims_are_reported_like_jose() {
        let mut v = Validation::new(&[Algorithm::HS256]);
        v.required_claims = vec!["exp".into(), "nonce".into()];
        assert_eq!(
            check(r#"{"exp":200,"jti":"x"}"#, &v, 100),
            err(FAILED, "nonce", "missing")
        );
    }
}
