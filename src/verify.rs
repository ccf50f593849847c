//! Signature verification of compact JWS tokens, and JWT verification (signature + claims).

use crate::alg;
use crate::algorithm::{self, Algorithm};
use crate::error::Error;
use crate::json::Value;
use crate::key::Key;
use crate::token::{check_size, decode_segment, parse_object, split3};
use crate::validate::{check_claims, Validation};
use std::collections::BTreeSet;

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

/// Most names a `crit` header may list. RFC 7515 §4.1.11 sets no limit; real headers list one
/// or two (`b64`, `http://openbanking.org.uk/iat`, ...). A cap keeps the check cheap before the
/// signature is verified.
pub const MAX_CRIT_NAMES: usize = 32;

fn check_crit(header: &Value, understood: &[String]) -> Result<(), Error> {
    let Some(crit) = header.get("crit") else {
        return Ok(());
    };
    let names = crit
        .as_array()
        .filter(|a| !a.is_empty())
        .ok_or_else(|| Error::JwsInvalid("\"crit\" must be a non-empty array of strings".into()))?;
    if names.len() > MAX_CRIT_NAMES {
        return Err(Error::JwsInvalid(format!(
            "\"crit\" lists {} names, more than the limit of {MAX_CRIT_NAMES}",
            names.len()
        )));
    }
    // The header's member names, indexed once. Inserted one by one: collect() into a BTreeSet
    // sorts first, which brings a stable sort and the bulk-build code into the wasm (issue 19).
    let mut present = BTreeSet::new();
    for (name, _) in header.as_object().unwrap_or(&[]) {
        present.insert(name.as_str());
    }
    let mut listed = BTreeSet::new();
    for n in names {
        let name = n.as_str().filter(|name| !name.is_empty()).ok_or_else(|| {
            Error::JwsInvalid("\"crit\" must contain only non-empty strings".into())
        })?;
        let quoted = crate::text::quoted(name);
        if !listed.insert(name) {
            return Err(Error::JwsInvalid(format!(
                "\"crit\" lists \"{quoted}\" more than once"
            )));
        }
        if REGISTERED_HEADERS.contains(&name) || name == "b64" {
            return Err(Error::JwsInvalid(format!(
                "\"crit\" must not list the registered header \"{quoted}\""
            )));
        }
        if !present.contains(name) {
            return Err(Error::JwsInvalid(format!(
                "\"crit\" lists \"{quoted}\", which is not in the header"
            )));
        }
        if !understood.iter().any(|u| u == name) {
            return Err(Error::JwsInvalid(format!(
                "extension header \"{quoted}\" is marked critical but not understood"
            )));
        }
    }
    Ok(())
}

/// The header's algorithm, after the allow-list.
fn allowed_alg(header: &Value, v: &Validation) -> Result<Algorithm, Error> {
    let name = match header.get("alg") {
        // an empty alg is as good as none given: "missing or invalid", as jose says
        Some(Value::String(s)) if !s.is_empty() => s.as_str(),
        Some(Value::String(_)) => return Err(Error::JwsInvalid("\"alg\" header is empty".into())),
        Some(_) => return Err(Error::JwsInvalid("\"alg\" header must be a string".into())),
        None => return Err(Error::JwsInvalid("\"alg\" header is missing".into())),
    };
    if algorithm::is_none(name) {
        return Err(Error::AlgNotAllowed(format!(
            "alg \"{name}\" (an unsecured JWS) is never allowed"
        )));
    }
    match Algorithm::from_name(name) {
        Some(alg) if v.algorithms.contains(&alg) => {
            alg.check_built()?;
            Ok(alg)
        }
        None if v.other_algorithms.iter().any(|o| o == name) => Err(Error::NotSupported(format!(
            "alg \"{name}\" is not supported"
        ))),
        _ => {
            let allowed: Vec<&str> = v
                .algorithms
                .iter()
                .map(|a| a.name())
                .chain(v.other_algorithms.iter().map(String::as_str))
                .collect();
            Err(Error::AlgNotAllowed(format!(
                "alg \"{name}\" is not in the allowed algorithms [{}]",
                allowed.join(", ")
            )))
        }
    }
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
    let (header, header_json) = parse_object("header", header_bytes)?;

    if header.get("alg").is_none() {
        return Err(Error::JwsInvalid("\"alg\" header is missing".into()));
    }
    check_crit(&header, &v.crit)?;
    if header.get("b64").is_some() {
        return Err(Error::JwsInvalid(
            "the \"b64\" header (RFC 7797 unencoded payload) is not supported".into(),
        ));
    }
    let alg = allowed_alg(&header, v)?;
    let kid = match header.get("kid") {
        None => None,
        Some(Value::String(k)) => Some(k.as_str()),
        Some(_) => return Err(Error::JwsInvalid("\"kid\" header must be a string".into())),
    };
    let single = key.select(alg, kid)?;
    single.check_fit(alg, v.allow_short_secrets)?;

    let signing_input_len = h.len() + 1 + p.len();
    let signing_input = token.as_bytes().get(..signing_input_len).unwrap_or(&[]);
    alg::verify(alg, &single.material, signing_input, &signature)?;
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
    let (payload, payload_json) = parse_object("payload", jws.payload)?;
    check_claims(&jws.header, &payload, v, now)?;
    Ok(Verified {
        header: jws.header,
        payload,
        header_json: jws.header_json,
        payload_json,
    })
}

/// Checks a raw JWS `signature` over `message` (the ASCII `header.payload`) with `key`, under
/// the contract's fitness rules (family, curve, strength; secrets of at least the hash length);
/// a key set selects by `alg` alone.
///
/// # Errors
/// `ERR_JOSE_ALG_NOT_ALLOWED` for a key that does not fit, `ERR_JWS_INVALID` for a signature of
/// the wrong length, `ERR_JWS_SIGNATURE_VERIFICATION_FAILED` when it does not verify.
pub fn verify_signature(
    alg: Algorithm,
    key: &Key,
    message: &[u8],
    signature: &[u8],
) -> Result<(), Error> {
    let single = key.single_for(alg)?;
    single.check_fit(alg, false)?;
    alg::verify(alg, &single.material, message, signature)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::base64url::encode;
    use hmac::{Hmac, KeyInit, Mac};

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

    /// An HS256 token over the given header and payload texts (shared with verifier.rs's tests).
    pub(crate) fn hs256(header: &str, payload: &str, secret: &[u8]) -> String {
        let input = format!(
            "{}.{}",
            encode(header.as_bytes()),
            encode(payload.as_bytes())
        );
        let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(secret).unwrap();
        mac.update(input.as_bytes());
        format!("{input}.{}", encode(&mac.finalize().into_bytes()))
    }

    fn code(token: &str, v: &Validation) -> &'static str {
        match verify_at(token, &Key::from_secret(SECRET).unwrap(), v, 1000) {
            Ok(_) => "ok",
            Err(e) => e.code(),
        }
    }

    fn v() -> Validation {
        Validation::new(&[Algorithm::HS256])
    }

    const CLAIMS: &str = r#"{"sub":"u","exp":2000}"#;

    /// An allow-list with one name jwtlens does not implement, as `options::validation` reads it.
    #[cfg(feature = "asymmetric")]
    fn allowing_other(name: &str) -> Validation {
        let mut v = Validation::new(&[]);
        v.other_algorithms.push(name.to_owned());
        v
    }

    #[test]
    fn verifies_and_returns_the_signed_texts() {
        let t = hs256(r#"{"alg":"HS256"}"#, CLAIMS, SECRET);
        let r = verify_at(&t, &Key::from_secret(SECRET).unwrap(), &v(), 1000).unwrap();
        assert_eq!(r.payload_json, CLAIMS);
        assert_eq!(r.header.get("alg").and_then(Value::as_str), Some("HS256"));
    }

    #[test]
    #[cfg(feature = "asymmetric")]
    fn alg_rules() {
        assert_eq!(
            code(
                &hs256(r#"{"alg":"HS256"}"#, CLAIMS, SECRET),
                &Validation::new(&[Algorithm::RS256])
            ),
            "ERR_JOSE_ALG_NOT_ALLOWED"
        );
        for none in ["none", "None", "NONE", "nOnE"] {
            let t = format!(
                "{}.{}.",
                encode(format!(r#"{{"alg":"{none}"}}"#).as_bytes()),
                encode(CLAIMS.as_bytes())
            );
            // even when the caller lists it
            let mut listed = allowing_other(none);
            listed.algorithms.push(Algorithm::HS256);
            assert_eq!(code(&t, &listed), "ERR_JOSE_ALG_NOT_ALLOWED", "{none}");
        }
        assert_eq!(
            code(&hs256(r#"{"typ":"JWT"}"#, CLAIMS, SECRET), &v()),
            "ERR_JWS_INVALID"
        );
        assert_eq!(
            code(&hs256(r#"{"alg":7}"#, CLAIMS, SECRET), &v()),
            "ERR_JWS_INVALID"
        );
        assert_eq!(
            code(
                &hs256(r#"{"alg":"ES256K"}"#, CLAIMS, SECRET),
                &allowing_other("ES256K")
            ),
            "ERR_JOSE_NOT_SUPPORTED"
        );
        // the key's type fixes the family
        assert_eq!(
            code(
                &hs256(r#"{"alg":"RS256"}"#, CLAIMS, SECRET),
                &Validation::new(&[Algorithm::RS256])
            ),
            "ERR_JOSE_ALG_NOT_ALLOWED"
        );
    }

    #[test]
    fn duplicate_header_members_are_invalid() {
        let t = hs256(r#"{"alg":"HS256","alg":"none"}"#, CLAIMS, SECRET);
        assert_eq!(code(&t, &v()), "ERR_JWT_INVALID");
        let t = hs256(r#"{"alg":"HS256"}"#, r#"{"exp":2000,"exp":1}"#, SECRET);
        assert_eq!(code(&t, &v()), "ERR_JWT_INVALID");
    }

    #[test]
    fn crit_and_b64() {
        let mut understood = v();
        understood.crit = vec!["ext".into(), String::new()];
        let t = hs256(r#"{"alg":"HS256","crit":["ext"],"ext":1}"#, CLAIMS, SECRET);
        assert_eq!(code(&t, &v()), "ERR_JWS_INVALID");
        assert_eq!(code(&t, &understood), "ok");
        for header in [
            r#"{"alg":"HS256","crit":[]}"#,
            r#"{"alg":"HS256","crit":"ext","ext":1}"#,
            r#"{"alg":"HS256","crit":["ext"]}"#,
            r#"{"alg":"HS256","crit":["alg"]}"#,
            r#"{"alg":"HS256","crit":["kid"],"kid":"a"}"#,
            r#"{"alg":"HS256","crit":[1]}"#,
            r#"{"alg":"HS256","b64":true}"#,
            r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#,
            r#"{"alg":"HS256","kid":5}"#,
            // an empty name, even one the caller lists, as jose
            r#"{"alg":"HS256","crit":[""],"":1}"#,
            // an empty alg is missing, not merely not allowed
            r#"{"alg":""}"#,
            // issue 14 §3: a name listed twice
            r#"{"alg":"HS256","crit":["ext","ext"],"ext":1}"#,
        ] {
            assert_eq!(
                code(&hs256(header, CLAIMS, SECRET), &understood),
                "ERR_JWS_INVALID",
                "{header}"
            );
        }
    }

    /// Issue 14 §3: `crit` was checked in O(|crit| x header members) before the signature. Now
    /// it is capped at MAX_CRIT_NAMES names and the header is indexed once.
    #[test]
    fn crit_is_capped() {
        let mut understood = v();
        understood.crit = (0..=MAX_CRIT_NAMES).map(|i| format!("e{i}")).collect();
        let header_with = |n: usize| {
            let names: Vec<String> = (0..n).map(|i| format!("\"e{i}\"")).collect();
            let members: Vec<String> = (0..n).map(|i| format!("\"e{i}\":1")).collect();
            format!(
                r#"{{"alg":"HS256","crit":[{}],{}}}"#,
                names.join(","),
                members.join(",")
            )
        };
        let at_cap = hs256(&header_with(MAX_CRIT_NAMES), CLAIMS, SECRET);
        assert_eq!(code(&at_cap, &understood), "ok");
        let over = hs256(&header_with(MAX_CRIT_NAMES + 1), CLAIMS, SECRET);
        assert_eq!(code(&over, &understood), "ERR_JWS_INVALID");
        // like the audit's token (12,000 names in 225 KB): refused by the cap before any lookup
        let huge = format!(
            "{}.{}.{}",
            crate::base64url::encode(header_with(9_000).as_bytes()),
            crate::base64url::encode(CLAIMS.as_bytes()),
            crate::base64url::encode(&[0u8; 32])
        );
        let e =
            verify_at(&huge, &Key::from_secret(SECRET).unwrap(), &understood, 1000).unwrap_err();
        assert_eq!(e.code(), "ERR_JWS_INVALID");
        assert!(e.to_string().contains("more than the limit"), "{e}");
    }

    #[test]
    fn signature_length_and_tampering() {
        let t = hs256(r#"{"alg":"HS256"}"#, CLAIMS, SECRET);
        let (input, _) = t.rsplit_once('.').unwrap();
        assert_eq!(code(&format!("{input}."), &v()), "ERR_JWS_INVALID");
        assert_eq!(
            code(&format!("{input}.{}", encode(&[0u8; 31])), &v()),
            "ERR_JWS_INVALID"
        );
        assert_eq!(
            code(&format!("{input}.{}", encode(&[0u8; 32])), &v()),
            "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"
        );
        let other = hs256(
            r#"{"alg":"HS256"}"#,
            r#"{"sub":"admin","exp":2000}"#,
            b"another secret of thirty-two b..",
        );
        assert_eq!(code(&other, &v()), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
        // jku / x5u / jwk in the header change nothing: the caller's key decides
        let t = hs256(
            r#"{"alg":"HS256","jku":"https://evil.example/jwks"}"#,
            CLAIMS,
            b"attacker secret of 32 bytes.....",
        );
        assert_eq!(code(&t, &v()), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
    }

    #[test]
    fn short_secrets_need_the_option() {
        let short = b"your-256-bit-secret";
        let t = hs256(r#"{"alg":"HS256"}"#, CLAIMS, short);
        let key = Key::from_secret(short).unwrap();
        let e = verify_at(&t, &key, &v(), 1000).unwrap_err();
        assert_eq!(e.code(), "ERR_JOSE_ALG_NOT_ALLOWED");
        assert!(e.to_string().contains("allowShortSecrets"), "{e}");
        let mut allow = v();
        allow.allow_short_secrets = true;
        assert!(verify_at(&t, &key, &allow, 1000).is_ok());
    }

    #[test]
    fn payload_must_be_a_json_object_for_jwt_but_not_for_jws() {
        let t = hs256(r#"{"alg":"HS256"}"#, "hello world", SECRET);
        assert_eq!(code(&t, &v()), "ERR_JWT_INVALID");
        let r = verify_jws(&t, &Key::from_secret(SECRET).unwrap(), &v()).unwrap();
        assert_eq!(r.payload, b"hello world");
    }

    #[test]
    fn size_limit_applies_before_anything_else() {
        let mut small = v();
        small.max_token_bytes = 10;
        assert_eq!(
            code(&hs256(r#"{"alg":"HS256"}"#, CLAIMS, SECRET), &small),
            "ERR_JWT_INVALID"
        );
        // verify does not trim pasted tokens
        assert_eq!(
            code(
                &format!("Bearer {}", hs256(r#"{"alg":"HS256"}"#, CLAIMS, SECRET)),
                &v()
            ),
            "ERR_JWT_INVALID"
        );
    }
}
