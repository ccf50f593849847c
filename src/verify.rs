//! Signature verification of compact JWS tokens, and JWT verification (signature + claims).

use crate::alg;
use crate::algorithm::Algorithm;
use crate::error::Error;
use crate::header::{alg_name, allowed_alg, check_crit, kid};
use crate::json::Value;
use crate::key::Key;
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
    let single = key.select(alg, kid(&header)?)?;
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

/// The key of `keys` that [`verify_at`] would use for `token`, on its own (`getKey` of a remote
/// JWK Set): the token decoded as [`crate::decode`] does (pasting tolerated), its `alg` checked as
/// `verify` checks it but against every algorithm of the build rather than an allow-list, its
/// `kid` a string, then the contract's JWKS selection (no `crit`, `b64` or signature check). A set's members hold public material only.
///
/// # Errors
/// `ERR_JWT_INVALID` for a token that does not decode, `ERR_JWS_INVALID` for a missing or
/// malformed `alg` or `kid`, `ERR_JOSE_ALG_NOT_ALLOWED` for `none`, `ERR_JOSE_NOT_SUPPORTED` for
/// an algorithm jwtlens (or this build) does not implement, `ERR_JWKS_NO_MATCHING_KEY` /
/// `ERR_JWKS_MULTIPLE_MATCHING_KEYS` from the selection.
pub fn select_jwk(token: &str, keys: &Key) -> Result<Key, Error> {
    let d = crate::token::decode_parts(token, crate::token::DEFAULT_MAX_TOKEN_BYTES)?;
    let name = alg_name(&d.header)?;
    let alg = Algorithm::from_name(name)
        .ok_or_else(|| Error::NotSupported(format!("alg \"{name}\" is not supported")))?;
    alg.check_built()?;
    keys.selected(alg, kid(&d.header)?)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::base64url::encode;
    use crate::header::MAX_CRIT_NAMES;
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
    fn select_jwk_picks_the_key_verify_would_use() {
        let k = encode(SECRET);
        let other = encode(b"another secret of thirty-two bytes!!");
        let set = Key::from_jwk_json(&format!(
            r#"{{"keys":[{{"kty":"oct","kid":"a","k":"{k}"}},{{"kty":"oct","kid":"b","k":"{other}","d":"x"}},{{"kty":"oct","kid":"c","k":"{k}","use":"enc"}}]}}"#
        ))
        .unwrap();
        let code = |header: &str| {
            select_jwk(&hs256(header, CLAIMS, SECRET), &set)
                .err()
                .map(|e| e.code())
        };
        let token = hs256(r#"{"alg":"HS256","kid":"a"}"#, CLAIMS, SECRET);
        for pasted in [token.clone(), format!(" Bearer  {token}\n")] {
            let key = select_jwk(&pasted, &set).unwrap();
            assert!(!key.is_set());
            assert!(verify_at(&token, &key, &v(), 1000).is_ok());
        }
        assert_eq!(
            code(r#"{"alg":"HS256","kid":"c"}"#),
            Some("ERR_JWKS_NO_MATCHING_KEY")
        );
        assert_eq!(
            code(r#"{"alg":"HS256","kid":"z"}"#),
            Some("ERR_JWKS_NO_MATCHING_KEY")
        );
        assert_eq!(
            code(r#"{"alg":"HS256"}"#),
            Some("ERR_JWKS_MULTIPLE_MATCHING_KEYS")
        );
        assert_eq!(code(r#"{"alg":"HS256","kid":5}"#), Some("ERR_JWS_INVALID"));
        assert_eq!(code(r#"{"kid":"a"}"#), Some("ERR_JWS_INVALID"));
        assert_eq!(code(r#"{"alg":""}"#), Some("ERR_JWS_INVALID"));
        assert_eq!(code(r#"{"alg":["HS256"]}"#), Some("ERR_JWS_INVALID"));
        assert_eq!(code(r#"{"alg":"nOnE"}"#), Some("ERR_JOSE_ALG_NOT_ALLOWED"));
        assert_eq!(code(r#"{"alg":"ES256K"}"#), Some("ERR_JOSE_NOT_SUPPORTED"));
        assert_eq!(code(r#"{"alg":"HS257"}"#), Some("ERR_JOSE_NOT_SUPPORTED"));
        assert_eq!(
            select_jwk("a.b", &set).err().map(|e| e.code()),
            Some("ERR_JWT_INVALID")
        );
        // an algorithm of another family finds no key in a set of secrets
        assert_eq!(
            code(r#"{"alg":"ES256","kid":"a"}"#),
            Some(if cfg!(feature = "asymmetric") {
                "ERR_JWKS_NO_MATCHING_KEY"
            } else {
                "ERR_JOSE_NOT_SUPPORTED"
            })
        );
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
