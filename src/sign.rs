//! Signing JWTs: the header and claims as they will be signed, and the compact serialisation.
//! The signature itself is `alg`'s; the keys are `key`'s.

use crate::alg;
use crate::algorithm::Algorithm;
use crate::base64url;
use crate::error::Error;
use crate::json::{Number, Value};
use crate::key::{Key, SingleKey};

/// How `iat` is set.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum IssuedAt {
    /// Keep the payload's `iat`, or set it to now when there is none.
    #[default]
    Default,
    /// Do not add `iat`.
    No,
    /// Set `iat` to now, replacing any.
    Now,
    /// Set `iat` to this NumericDate.
    At(f64),
}

/// Options of [`sign`].
#[derive(Debug, Clone)]
pub struct SignOptions {
    /// The algorithm (`none` cannot be named: [`Algorithm`] has no such value).
    pub alg: Algorithm,
    /// Extra header members, in order (`alg` must match; `typ` and `kid` from here win).
    pub header: Vec<(String, Value)>,
    /// Seconds after `iat` (or now) for `exp`.
    pub expires_in: Option<f64>,
    /// Seconds after `iat` (or now) for `nbf`.
    pub not_before: Option<f64>,
    /// `iat` handling.
    pub issued_at: IssuedAt,
    /// Accept HMAC secrets shorter than the hash output.
    pub allow_short_secrets: bool,
}

fn number(v: f64) -> Result<Value, Error> {
    Number::from_f64(v)
        .map(Value::Number)
        .ok_or_else(|| Error::Usage("a time claim would not be a finite number".into()))
}

fn set_member(members: &mut Vec<(String, Value)>, name: &str, v: Value) {
    match members.iter_mut().find(|(k, _)| k == name) {
        Some(slot) => slot.1 = v,
        None => members.push((name.to_owned(), v)),
    }
}

impl SignOptions {
    /// Options for `alg` with the defaults: no extra header, `iat` now unless the payload has
    /// one, no `exp` or `nbf`, secrets at least as long as the hash.
    pub fn new(alg: Algorithm) -> SignOptions {
        SignOptions {
            alg,
            header: Vec::new(),
            expires_in: None,
            not_before: None,
            issued_at: IssuedAt::Default,
            allow_short_secrets: false,
        }
    }
}

/// Signs `payload` (a JSON object) with `key` at time `now` (seconds since the epoch) and
/// returns the compact JWS.
///
/// # Errors
/// [`Error::Usage`] (a `TypeError` in JS) for a public key, a key set, a payload that is not an
/// object, a header that contradicts the options or registered claims of the wrong type;
/// `ERR_JOSE_ALG_NOT_ALLOWED` for a key that does not fit the algorithm (including short secrets
/// and weak RSA keys); `ERR_JOSE_NOT_SUPPORTED` for an algorithm this build leaves out.
pub fn sign(payload: &Value, key: &Key, options: &SignOptions, now: u64) -> Result<String, Error> {
    let alg = options.alg;
    alg.check_built()?;
    let Value::Object(claims) = payload else {
        return Err(Error::Usage("the payload must be a JSON object".into()));
    };
    let single = signing_key(key, alg, options.allow_short_secrets)?;
    let header = protected_header(alg, single, &options.header, Some("JWT"))?;

    // Claims: the caller's order, then iat, nbf, exp when added.
    let mut claims = claims.clone();
    let now_f = now as f64;
    match options.issued_at {
        IssuedAt::Default => {
            if !claims.iter().any(|(k, _)| k == "iat") {
                claims.push(("iat".into(), number(now_f)?));
            }
        }
        IssuedAt::No => {}
        IssuedAt::Now => set_member(&mut claims, "iat", number(now_f)?),
        IssuedAt::At(t) => set_member(&mut claims, "iat", number(t)?),
    }
    let base = claims
        .iter()
        .find(|(k, _)| k == "iat")
        .and_then(|(_, v)| v.as_f64())
        .filter(|f| f.is_finite())
        .unwrap_or(now_f);
    if let Some(s) = options.not_before {
        set_member(&mut claims, "nbf", number(base + s)?);
    }
    if let Some(s) = options.expires_in {
        set_member(&mut claims, "exp", number(base + s)?);
    }

    check_registered_claims(&claims)?;

    let signing_input = format!(
        "{}.{}",
        base64url::encode(Value::Object(header).to_json().as_bytes()),
        base64url::encode(Value::Object(claims).to_json().as_bytes())
    );
    let sig = alg::sign(alg, &single.material, signing_input.as_bytes())?;
    Ok(format!("{signing_input}.{}", base64url::encode(&sig)))
}

/// The registered claims of RFC 7519 §4.1 that have a JSON type, as they will be signed: a token
/// never says something other than what the caller meant (`exp: NaN` reaches here as `null`
/// from `JSON.stringify`; `iss: 0` is not an issuer). jose refuses the same in its setters.
fn check_registered_claims(claims: &[(String, Value)]) -> Result<(), Error> {
    for (name, v) in claims {
        let ok = match name.as_str() {
            "iss" | "sub" | "jti" => matches!(v, Value::String(_)),
            "aud" => match v {
                Value::String(_) => true,
                Value::Array(items) => items.iter().all(|i| matches!(i, Value::String(_))),
                _ => false,
            },
            "exp" | "nbf" | "iat" => v.as_f64().is_some_and(f64::is_finite),
            _ => true,
        };
        if !ok {
            let expected = match name.as_str() {
                "aud" => "a string or an array of strings",
                "exp" | "nbf" | "iat" => "a finite number of seconds since the epoch (NumericDate)",
                _ => "a string",
            };
            return Err(Error::Usage(format!(
                "payload.{name} must be {expected} (RFC 7519 §4.1), not {}; refusing to sign a token that says something else",
                match v {
                    Value::Null => "null (NaN and Infinity become null in JSON)".to_owned(),
                    Value::Array(_) if name == "aud" => {
                        "an array with an element that is not a string".to_owned()
                    }
                    Value::Number(_) => "a number out of range".to_owned(),
                    Value::Array(_) | Value::Object(_) => format!("an {}", v.type_name()),
                    other => format!("a {}", other.type_name()),
                }
            )));
        }
    }
    Ok(())
}

/// The one key of `key`, checked for signing `alg`.
fn signing_key(key: &Key, alg: Algorithm, allow_short_secrets: bool) -> Result<&SingleKey, Error> {
    let single = key.only("sign")?;
    if let Some(b) = key.bound_alg() {
        if b != alg {
            return Err(Error::AlgNotAllowed(format!(
                "the key was imported for {}, not {}",
                b.name(),
                alg.name()
            )));
        }
    }
    single.check_signing_fit(alg, allow_short_secrets)?;
    Ok(single)
}

/// The protected header as signed: `alg`, then `typ` (`default_typ` unless the caller's header
/// sets it; `null` leaves it out), then `kid` (the key's, unless the caller's header sets it),
/// then the caller's other members in order. `b64` and `crit` are refused: what is signed must
/// verify under jwtlens's own rules.
fn protected_header(
    alg: Algorithm,
    single: &SingleKey,
    members: &[(String, Value)],
    default_typ: Option<&str>,
) -> Result<Vec<(String, Value)>, Error> {
    let mut typ = default_typ.map_or(Value::Null, |t| Value::String(t.into()));
    let mut kid = single.meta.kid.clone().map(Value::String);
    let mut extra = Vec::new();
    for (k, v) in members {
        match k.as_str() {
            "alg" => {
                if v.as_str() != Some(alg.name()) {
                    return Err(Error::Usage(format!(
                        "header.alg must match options.alg ({})",
                        alg.name()
                    )));
                }
            }
            "typ" => typ = v.clone(),
            // what is signed must verify: jwtlens refuses a kid that is not a string
            "kid" if !matches!(v, Value::String(_)) => {
                return Err(Error::Usage("header.kid must be a string".into()))
            }
            "kid" => kid = Some(v.clone()),
            "b64" | "crit" => {
                return Err(Error::Usage(format!("header.{k} is not supported by sign")))
            }
            _ => extra.push((k.clone(), v.clone())),
        }
    }
    let mut header = vec![("alg".to_owned(), Value::String(alg.name().into()))];
    if !typ.is_null() {
        header.push(("typ".into(), typ));
    }
    if let Some(kid) = kid {
        header.push(("kid".into(), kid));
    }
    header.extend(extra);
    Ok(header)
}

/// Signs any payload bytes as a compact JWS (the counterpart of [`verify_jws`](crate::verify_jws),
/// as jose's `CompactSign`): the header is `alg`, the key's `kid` and `options.header`'s members
/// (no `typ` unless given); the time members of `options` are not used.
///
/// # Errors
/// As [`sign`], except that any payload bytes are accepted.
pub fn sign_jws(payload: &[u8], key: &Key, options: &SignOptions) -> Result<String, Error> {
    let alg = options.alg;
    alg.check_built()?;
    let single = signing_key(key, alg, options.allow_short_secrets)?;
    let header = protected_header(alg, single, &options.header, None)?;
    let signing_input = format!(
        "{}.{}",
        base64url::encode(Value::Object(header).to_json().as_bytes()),
        base64url::encode(payload)
    );
    let sig = alg::sign(alg, &single.material, signing_input.as_bytes())?;
    Ok(format!("{signing_input}.{}", base64url::encode(&sig)))
}

/// Signs raw bytes (a JWS signing input) with the key's private part; for vectors and for
/// callers that build their own header and payload.
///
/// # Errors
/// As [`sign`] for the key checks.
pub fn sign_raw(
    alg: Algorithm,
    key: &Key,
    message: &[u8],
    allow_short_secrets: bool,
) -> Result<Vec<u8>, Error> {
    let single = signing_key(key, alg, allow_short_secrets)?;
    alg::sign(alg, &single.material, message)
}
