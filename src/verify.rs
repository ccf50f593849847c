//! Signature verification of compact JWS tokens, and JWT verification (signature + claims).

use crate::alg::{self, Algorithm};
use crate::error::Error;
use crate::json::Value;
use crate::key::{parse_alg, Key};
use crate::token::{check_size, decode_segment, parse_object, split3};
use crate::validate::{check_claims, Validation};

/// A verified JWT.
#[derive(Debug, Clone, PartialEq)]
pub struct Verified {
    /// The protected header.
    pub header: Value,
    /// The claims.
    pub payload: Value,
    /// The header's JSON text, as signed.
    pub header_json: String,
    /// The payload's JSON text, as signed.
    pub payload_json: String,
}

/// A verified compact JWS with an arbitrary payload.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedJws {
    /// The protected header.
    pub header: Value,
    /// The header's JSON text, as signed.
    pub header_json: String,
    /// The payload bytes.
    pub payload: Vec<u8>,
}

/// Header parameters registered by RFC 7515 and RFC 7516: never allowed in `crit`.
const REGISTERED_HEADERS: [&str; 20] = [
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "enc",
    "zip", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c",
];

fn check_crit(header: &Value, understood: &[String]) -> Result<(), Error> {
    let Some(crit) = header.get("crit") else {
        return Ok(());
    };
    let names = crit
        .as_array()
        .filter(|a| !a.is_empty())
        .ok_or_else(|| Error::JwsInvalid("\"crit\" must be a non-empty array of strings".into()))?;
    for n in names {
        let name = n
            .as_str()
            .ok_or_else(|| Error::JwsInvalid("\"crit\" must contain only strings".into()))?;
        if REGISTERED_HEADERS.contains(&name) || name == "b64" {
            return Err(Error::JwsInvalid(format!(
                "\"crit\" must not list the registered header \"{name}\""
            )));
        }
        if header.get(name).is_none() {
            return Err(Error::JwsInvalid(format!(
                "\"crit\" lists \"{name}\", which is not in the header"
            )));
        }
        if !understood.iter().any(|u| u == name) {
            return Err(Error::JwsInvalid(format!(
                "extension header \"{name}\" is marked critical but not understood"
            )));
        }
    }
    Ok(())
}

/// The header's algorithm, after the allow-list.
fn allowed_alg(header: &Value, algorithms: &[String]) -> Result<Algorithm, Error> {
    let name = match header.get("alg") {
        Some(Value::String(s)) => s.as_str(),
        Some(_) => return Err(Error::JwsInvalid("\"alg\" header must be a string".into())),
        None => return Err(Error::JwsInvalid("\"alg\" header is missing".into())),
    };
    if name.eq_ignore_ascii_case("none") {
        return Err(Error::AlgNotAllowed(format!(
            "alg \"{name}\" (an unsecured JWS) is never allowed"
        )));
    }
    if !algorithms.iter().any(|a| a == name) {
        return Err(Error::AlgNotAllowed(format!(
            "alg \"{name}\" is not in the allowed algorithms [{}]",
            algorithms.join(", ")
        )));
    }
    parse_alg(name)
}

/// Verifies a compact JWS signature and its header rules, without JWT claim processing.
///
/// Uses `algorithms`, `crit`, `max_token_bytes` and `allow_short_secrets` of `v`.
///
/// # Errors
/// Any of the contract's JWS, key and algorithm codes.
///
/// # Security
/// The header is checked against the allow-list and the key before any signature work; keys
/// embedded in the header (`jwk`, `x5c`, `jku`, `x5u`) are never used.
pub fn verify_jws(token: &str, key: &Key, v: &Validation) -> Result<VerifiedJws, Error> {
    check_size(token, v.max_token_bytes)?;
    let (h, p, s) = split3(token)?;
    let header_bytes = decode_segment("header", h)?;
    let payload = decode_segment("payload", p)?;
    let signature = decode_segment("signature", s)?;
    let (header, header_json) = parse_object("header", &header_bytes)?;

    if header.get("alg").is_none() {
        return Err(Error::JwsInvalid("\"alg\" header is missing".into()));
    }
    check_crit(&header, &v.crit)?;
    if header.get("b64").is_some() {
        return Err(Error::JwsInvalid(
            "the \"b64\" header (RFC 7797 unencoded payload) is not supported".into(),
        ));
    }
    let alg = allowed_alg(&header, &v.algorithms)?;
    let kid = match header.get("kid") {
        None => None,
        Some(Value::String(k)) => Some(k.as_str()),
        Some(_) => return Err(Error::JwsInvalid("\"kid\" header must be a string".into())),
    };
    let single = key.select(alg, kid)?;
    single.check_fit(alg, v.allow_short_secrets)?;

    let signing_input_len = h.len() + 1 + p.len();
    let signing_input = token.as_bytes().get(..signing_input_len).unwrap_or(&[]);
    alg::verify_with(alg, single, signing_input, &signature)?;
    Ok(VerifiedJws {
        header,
        header_json,
        payload,
    })
}

/// Verifies a JWT at time `now` (seconds since the epoch): [`verify_jws`] plus the claims.
///
/// # Errors
/// Any of the contract's codes; claim failures carry `claim` and `reason`.
pub fn verify_at(token: &str, key: &Key, v: &Validation, now: u64) -> Result<Verified, Error> {
    let jws = verify_jws(token, key, v)?;
    let (payload, payload_json) = parse_object("payload", &jws.payload)?;
    check_claims(&jws.header, &payload, v, now)?;
    Ok(Verified {
        header: jws.header,
        payload,
        header_json: jws.header_json,
        payload_json,
    })
}

/// Verifies a JWT now (the system clock natively, `Date.now()` in wasm).
///
/// # Errors
/// As [`verify_at`].
pub fn verify(token: &str, key: &Key, v: &Validation) -> Result<Verified, Error> {
    verify_at(token, key, v, crate::now_seconds())
}
