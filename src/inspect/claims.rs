//! The payload's claims: each one explained, registered claims of the wrong type, the time claims
//! against `now` (the report's status), and sensitive data.

use super::claims_info;
use super::findings::{Builder, FindingCode};
use super::report::{ClaimInfo, Report, Status};
use super::segments::{self, Segments};
use super::sensitive;
use super::time;
use crate::json::Value;

/// Allowed clock skew, in seconds, before `iat` counts as in the future (an integer: messages
/// write it without float formatting).
const IAT_SKEW: u32 = 60;
/// Lifetimes over this many seconds are flagged.
const LONG_LIFETIME: f64 = 86_400.0;

/// Parses the JWS payload segment, when it decoded, and reports its claims.
pub(super) fn payload(segments: &Segments, now: f64, report: &mut Report, b: &mut Builder) {
    if let Some(payload_bytes) = segments.payload() {
        if let Some(payload) = segments::json_object("payload", payload_bytes, b) {
            claim_findings(&payload, now, report, b);
            report.payload = Some(payload);
        }
    }
}

/// A claim's value as a finite number.
fn numeric(v: &Value) -> Option<f64> {
    v.as_f64().filter(|f| f.is_finite())
}

/// Everything the claims say, in this order: each claim explained, the claim types, the time
/// findings and the status, the sensitive data.
fn claim_findings(payload: &Value, now: f64, report: &mut Report, b: &mut Builder) {
    let members = payload.as_object().unwrap_or(&[]);
    report.claims = members
        .iter()
        .map(|(name, value)| explain(name, value, now))
        .collect();
    // Types of registered claims, in payload order. Only a present claim of the wrong JSON type
    // is flagged, never a missing one.
    for (name, v) in members {
        if let Some((rule, source)) = claims_info::type_rule(name) {
            claim_type_findings(name, v, rule, source, b);
        }
    }
    report.status = time_findings(payload, now, b);
    sensitive_findings(payload, b);
}

/// One claim, with its label and description, and for a NumericDate its time.
fn explain(name: &str, value: &Value, now: f64) -> ClaimInfo {
    let known = claims_info::lookup(name);
    let (label, description, registered) = match known {
        Some((l, d)) => (l.to_owned(), d.to_owned(), true),
        None => (
            "Custom claim".to_owned(),
            "A claim defined by the issuer or application, not a registered one.".to_owned(),
            false,
        ),
    };
    let mut info = ClaimInfo {
        name: name.to_owned(),
        value: value.clone(),
        label,
        description,
        registered,
        time: None,
        relative: None,
    };
    if claims_info::NUMERIC_DATE_CLAIMS.contains(&name) {
        if let Some(t) = numeric(value) {
            info.time = time::iso8601(t);
            info.relative = Some(time::relative(t, now));
        }
    }
    info
}

/// `exp-missing`, `expired`, `not-yet-valid`, `iat-future` and `long-lifetime`, and the status
/// they give the token. Whether it is expired or not yet valid is decided by
/// [`crate::validate::time::window`], as for `verify`.
fn time_findings(payload: &Value, now: f64, b: &mut Builder) -> Status {
    let exp = payload.get("exp").and_then(numeric);
    let nbf = payload.get("nbf").and_then(numeric);
    let iat = payload.get("iat").and_then(numeric);
    let when = |t: f64| {
        format!(
            "{} ({})",
            time::iso8601(t).unwrap_or_default(),
            time::relative(t, now)
        )
    };
    let window = crate::validate::time::window(exp, nbf, now, 0.0);
    // A null exp is what verifiers read as a missing one (and it is also a claim-type).
    let exp_member = payload.get("exp").filter(|v| !v.is_null());
    match exp {
        None if exp_member.is_none() => b.add(
            FindingCode::ExpMissing,
            "No expiration",
            format!(
                "the token has {}, so it never expires: if it leaks it stays usable until the key changes",
                if payload.get("exp").is_some() {
                    "\"exp\": null, which verifiers treat as no \"exp\" claim"
                } else {
                    "no \"exp\" claim"
                }
            ),
            "payload.exp",
        ),
        Some(e) if window.expired => b.add(
            FindingCode::Expired,
            "Expired",
            format!("the token expired {}", when(e)),
            "payload.exp",
        ),
        _ => {}
    }
    if let Some(n) = nbf.filter(|_| window.not_yet_valid) {
        b.add(
            FindingCode::NotYetValid,
            "Not yet valid",
            format!("the token is not valid before {}", when(n)),
            "payload.nbf",
        );
    }
    if let Some(i) = iat {
        if i > now + f64::from(IAT_SKEW) {
            b.add(
                FindingCode::IatFuture,
                "Issued in the future",
                format!(
                    "\"iat\" is {}, later than now by more than {IAT_SKEW} seconds of clock skew",
                    when(i)
                ),
                "payload.iat",
            );
        }
    }
    if let Some(e) = exp {
        let (from, what) = match iat {
            Some(i) => (i, "issued"),
            None => (now, "now"),
        };
        let lifetime = e - from;
        if lifetime > LONG_LIFETIME {
            // "in 2 years" (the lifetime is positive, so relative() says "in ..." once)
            let span = time::relative(from + lifetime, from);
            b.add(
                FindingCode::LongLifetime,
                "Long lifetime",
                format!(
                    "the token is valid for {} from {what}; short-lived access tokens (minutes) with refresh tokens limit the damage of a leak",
                    span.strip_prefix("in ").unwrap_or(&span)
                ),
                "payload.exp",
            );
        }
    }

    // The contract: no exp is no_expiry (a future nbf still gets its finding); expired wins
    // over not_yet_valid. An exp that is not a usable number (null, a string such as
    // "1700000600", or out of range like 1e400) gives the token no usable expiry either, so it
    // is no_expiry too (with its claim-type finding); `unknown` is kept for an unreadable payload.
    let state = match exp {
        None => "no_expiry",
        Some(_) if window.expired => "expired",
        Some(_) if window.not_yet_valid => "not_yet_valid",
        Some(_) => "active",
    };
    Status {
        state,
        // Both are finite, but their difference can overflow: clamp it to a finite number.
        seconds_left: exp.map(|e| (e - now).floor().clamp(-f64::MAX, f64::MAX)),
    }
}

/// One `sensitive-data` finding per value that looks like a secret or personal data.
fn sensitive_findings(payload: &Value, b: &mut Builder) {
    let scan = sensitive::scan(payload);
    for hit in scan.hits {
        b.add(
            FindingCode::SensitiveData,
            "Sensitive data in the payload",
            format!("{} looks like {}; a JWT payload is only base64url-encoded, not encrypted: anyone who sees the token can read it", hit.path, hit.what),
            &hit.path,
        );
    }
    b.left_out(FindingCode::SensitiveData, scan.more);
}

/// `claim-type` for a registered claim that breaks its type `rule` (from `source`): null, the
/// wrong JSON type, or a NumericDate out of range or apparently in milliseconds.
fn claim_type_findings(
    name: &str,
    v: &Value,
    rule: claims_info::ClaimType,
    source: &str,
    b: &mut Builder,
) {
    let location = format!("payload.{name}");
    let expected = rule.expected();
    if v.is_null() {
        b.add(
            FindingCode::ClaimType,
            "Claim of the wrong type",
            format!("\"{name}\" is null, but it must be {expected} ({source}); verifiers treat a null claim as missing, so leave it out instead"),
            &location,
        );
        return;
    }
    if !rule.accepts(v) {
        use claims_info::ClaimType as T;
        let seen = match v {
            Value::Array(_)
                if matches!(
                    rule,
                    T::StringOrStringArray | T::MultiValued | T::ArrayOfStringsOrObjects
                ) =>
            {
                "an array with an element of another type".to_owned()
            }
            Value::Array(_) => "an array".to_owned(),
            Value::Object(_) => "an object".to_owned(),
            other => format!("a {}", other.type_name()),
        };
        b.add(
            FindingCode::ClaimType,
            "Claim of the wrong type",
            format!("\"{name}\" must be {expected} ({source}), this one is {seen}"),
            &location,
        );
        return;
    }
    if rule == claims_info::ClaimType::NumericDate {
        match numeric(v) {
            None => b.add(
                FindingCode::ClaimType,
                "Claim of the wrong type",
                format!("\"{name}\" must be {expected} ({source}), this one is a number that is out of range"),
                &location,
            ),
            Some(t) if t > 1e11 => b.add(
                FindingCode::ClaimType,
                "Timestamp in milliseconds?",
                format!("\"{name}\" is {}, which as seconds is the year {}; it looks like milliseconds (NumericDate is seconds, RFC 7519 §2)", crate::json::display(t).unwrap_or_default(), time::iso8601(t).map_or_else(|| "?".to_owned(), |s| s.get(..s.find('-').filter(|&i| i > 0).unwrap_or(4)).unwrap_or("?").to_owned())),
                &location,
            ),
            Some(_) => {}
        }
    }
}
