//! JWK (RFC 7517 §4, RFC 7518 §6, RFC 8037 §2) and JWK Set parsing, and JWKS key selection.

#[cfg(feature = "asymmetric")]
use super::pem::ec_public_xy;
#[cfg(feature = "asymmetric")]
use super::{rsa_public, EdKey};
use super::{JwksEntry, Key, KeyKind, KeyMaterial, KeyMeta, SingleKey};
use crate::alg::Algorithm;
use crate::base64url;
use crate::error::Error;
use crate::json::{self, Value};

/// Most keys a JWKS may hold.
pub const MAX_JWKS_KEYS: usize = 1000;

fn b64_member(jwk: &Value, name: &str) -> Result<Vec<u8>, Error> {
    let s = jwk
        .get(name)
        .ok_or_else(|| Error::JwkInvalid(format!("JWK member \"{name}\" is missing")))?
        .as_str()
        .ok_or_else(|| Error::JwkInvalid(format!("JWK member \"{name}\" must be a string")))?;
    base64url::decode(s).map_err(|e| Error::JwkInvalid(format!("JWK member \"{name}\": {e}")))
}

fn opt_string(jwk: &Value, name: &str) -> Result<Option<String>, Error> {
    match jwk.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(Error::JwkInvalid(format!(
            "JWK member \"{name}\" must be a string"
        ))),
    }
}

fn meta(jwk: &Value) -> Result<KeyMeta, Error> {
    let key_ops = match jwk.get("key_ops") {
        None => None,
        Some(Value::Array(items)) => {
            let ops = items
                .iter()
                .map(|v| v.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| {
                    Error::JwkInvalid("JWK \"key_ops\" must be an array of strings".into())
                })?;
            // RFC 7517 §4.3: "Duplicate key operation values MUST NOT be present in the array."
            let mut seen = std::collections::BTreeSet::new();
            if let Some(dup) = ops.iter().find(|op| !seen.insert(op.as_str())) {
                return Err(Error::JwkInvalid(format!(
                    "JWK \"key_ops\" repeats \"{}\" (RFC 7517 §4.3 forbids duplicates)",
                    crate::text::quoted(dup)
                )));
            }
            Some(ops)
        }
        Some(_) => {
            return Err(Error::JwkInvalid(
                "JWK \"key_ops\" must be an array of strings".into(),
            ))
        }
    };
    Ok(KeyMeta {
        kid: opt_string(jwk, "kid")?,
        alg: opt_string(jwk, "alg")?,
        use_: opt_string(jwk, "use")?,
        key_ops,
    })
}

/// The key material of one JWK (public members only; private members are ignored).
pub(crate) fn material(jwk: &Value) -> Result<KeyMaterial, Error> {
    let kty = jwk
        .get("kty")
        .ok_or_else(|| Error::JwkInvalid("JWK member \"kty\" is missing".into()))?
        .as_str()
        .ok_or_else(|| Error::JwkInvalid("JWK member \"kty\" must be a string".into()))?;
    match kty {
        "oct" => {
            let k = b64_member(jwk, "k")?;
            if k.is_empty() {
                return Err(Error::AlgNotAllowed(
                    "an empty HMAC secret is never allowed".into(),
                ));
            }
            Ok(KeyMaterial::Secret(k))
        }
        #[cfg(feature = "asymmetric")]
        "RSA" => {
            let n = b64_member(jwk, "n")?;
            let e = b64_member(jwk, "e")?;
            rsa_public(&n, &e).map(KeyMaterial::Rsa)
        }
        #[cfg(feature = "asymmetric")]
        "EC" => {
            let crv = opt_string(jwk, "crv")?
                .ok_or_else(|| Error::JwkInvalid("EC JWK needs \"crv\"".into()))?;
            let x = b64_member(jwk, "x")?;
            let y = b64_member(jwk, "y")?;
            ec_public_xy(&crv, &x, &y).map(KeyMaterial::Ec)
        }
        #[cfg(feature = "asymmetric")]
        "OKP" => {
            let crv = opt_string(jwk, "crv")?
                .ok_or_else(|| Error::JwkInvalid("OKP JWK needs \"crv\"".into()))?;
            if crv != "Ed25519" {
                return Err(Error::NotSupported(format!(
                    "OKP curve \"{crv}\" is not supported for signatures"
                )));
            }
            let x = b64_member(jwk, "x")?;
            let bytes: [u8; 32] = x
                .as_slice()
                .try_into()
                .map_err(|_| Error::JwkInvalid("Ed25519 \"x\" must be 32 bytes".into()))?;
            let public = ed25519_dalek::VerifyingKey::from_bytes(&bytes)
                .map_err(|_| Error::JwkInvalid("Ed25519 \"x\" is not a valid point".into()))?;
            Ok(KeyMaterial::Ed25519(EdKey {
                public,
                private: None,
            }))
        }
        #[cfg(not(feature = "asymmetric"))]
        "RSA" | "EC" | "OKP" => Err(super::not_in_lite(&format!("{kty} keys"))),
        other => Err(Error::NotSupported(format!(
            "JWK key type \"{other}\" is not supported"
        ))),
    }
}

fn single(jwk: &Value) -> Result<SingleKey, Error> {
    if !matches!(jwk, Value::Object(_)) {
        return Err(Error::JwkInvalid("a JWK must be a JSON object".into()));
    }
    let meta = meta(jwk)?;
    let material = material(jwk)?;
    Ok(SingleKey { material, meta })
}

/// A JWK or a JWKS from JSON text.
pub(crate) fn parse_json(text: &str) -> Result<Key, Error> {
    let value =
        json::parse(text).map_err(|e| Error::JwkInvalid(format!("key is not valid JSON: {e}")))?;
    match value.get("keys") {
        Some(keys) => parse_set(keys),
        None => Ok(Key {
            kind: KeyKind::Single(Box::new(single(&value)?)),
            bound: None,
        }),
    }
}

fn parse_set(keys: &Value) -> Result<Key, Error> {
    let items = keys
        .as_array()
        .ok_or_else(|| Error::JwksInvalid("JWKS \"keys\" must be an array".into()))?;
    if items.len() > MAX_JWKS_KEYS {
        return Err(Error::JwksInvalid(format!(
            "JWKS has {} keys, more than the limit of {MAX_JWKS_KEYS}",
            items.len()
        )));
    }
    let mut entries = Vec::with_capacity(items.len());
    // Whether the set mixes secrets with public keys, counted over every entry with a string kty
    // (see below).
    let (mut has_oct, mut has_asym) = (false, false);
    for (i, item) in items.iter().enumerate() {
        if !matches!(item, Value::Object(_)) {
            return Err(Error::JwksInvalid(format!(
                "JWKS key {i} is not a JSON object"
            )));
        }
        // An entry without a string kty, whose kid/alg/use/key_ops are malformed, or whose key
        // material does not parse or is too weak (a 1024-bit RSA key) can never be selected: it
        // is left out, as jose leaves it out, rather than failing the whole set (one odd key at
        // an issuer would otherwise stop every verification) or taking part in selection (a
        // broken key under a reused kid would turn a valid token into "multiple matching keys").
        let Some(kty) = item.get("kty").and_then(Value::as_str).map(str::to_owned) else {
            continue;
        };
        let Ok(meta) = meta(item) else {
            continue;
        };
        let crv = item.get("crv").and_then(Value::as_str).map(str::to_owned);
        // The mixing rule below counts this entry even when its material is unusable: whether a
        // set mixes secrets with public keys must not depend on the build (lite parses no EC key).
        if kty == "oct" {
            has_oct = true;
        } else {
            has_asym = true;
        }
        let Ok(material) = material(item) else {
            continue;
        };
        let key = SingleKey {
            material,
            meta: meta.clone(),
        };
        entries.push(JwksEntry {
            kty,
            crv,
            meta,
            key,
        });
    }
    if has_oct && has_asym {
        return Err(Error::JwksInvalid(
            "a JWKS must not mix \"oct\" secrets with asymmetric keys (the token could pick the algorithm family)".into(),
        ));
    }
    Ok(Key {
        kind: KeyKind::Set(entries),
        bound: None,
    })
}

/// The contract's JWKS selection: kid first, then kty/alg/crv/use/key_ops; exactly one must remain.
pub(crate) fn select<'a>(
    entries: &'a [JwksEntry],
    alg: Algorithm,
    kid: Option<&str>,
) -> Result<&'a SingleKey, Error> {
    let mut found: Option<&JwksEntry> = None;
    let mut count = 0usize;
    for e in entries {
        if let Some(kid) = kid {
            if e.meta.kid.as_deref() != Some(kid) {
                continue;
            }
        }
        if e.kty != alg.kty() {
            continue;
        }
        if let Some(a) = &e.meta.alg {
            if a != alg.name() {
                continue;
            }
        }
        if let Some(crv) = alg.crv() {
            if e.crv.as_deref() != Some(crv) {
                continue;
            }
        }
        if e.meta.check_use_and_ops(&["verify"]).is_err() {
            continue;
        }
        count += 1;
        if found.is_none() {
            found = Some(e);
        }
    }
    let what = match kid {
        Some(k) => format!("kid \"{k}\" and alg {}", alg.name()),
        None => format!("alg {}", alg.name()),
    };
    match (found, count) {
        (None, _) => Err(Error::JwksNoMatchingKey(format!(
            "no key in the JWKS matches {what}"
        ))),
        (Some(e), 1) => Ok(&e.key),
        _ => Err(Error::JwksMultipleMatchingKeys(format!(
            "{count} keys in the JWKS match {what}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EC_X: &str = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
    const EC_Y: &str = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";

    fn ec_jwk(extra: &str) -> String {
        format!(r#"{{"kty":"EC","crv":"P-256","x":"{EC_X}","y":"{EC_Y}"{extra}}}"#)
    }

    #[test]
    #[cfg(feature = "asymmetric")]
    fn parses_each_kty() {
        assert!(Key::from_jwk_json(&ec_jwk("")).is_ok());
        assert!(Key::from_jwk_json(r#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#).is_ok());
        assert!(Key::from_jwk_json(
            r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#
        )
        .is_ok());
    }

    #[test]
    #[cfg(feature = "asymmetric")]
    fn jwk_errors() {
        let code = |t: &str| Key::from_jwk_json(t).err().map(|e| e.code());
        assert_eq!(code("{}"), Some("ERR_JWK_INVALID"));
        assert_eq!(code("[1]"), Some("ERR_JWK_INVALID"));
        assert_eq!(code("nope"), Some("ERR_JWK_INVALID"));
        assert_eq!(
            code(r#"{"kty":"oct","k":""}"#),
            Some("ERR_JOSE_ALG_NOT_ALLOWED")
        );
        assert_eq!(code(r#"{"kty":"oct","k":"a+b="}"#), Some("ERR_JWK_INVALID"));
        assert_eq!(
            code(r#"{"kty":"OKP","crv":"X25519","x":"AAAA"}"#),
            Some("ERR_JOSE_NOT_SUPPORTED")
        );
        assert_eq!(code(r#"{"kty":"XYZ"}"#), Some("ERR_JOSE_NOT_SUPPORTED"));
        // point not on the curve: y changed
        let off = ec_jwk("").replace(EC_Y, "ZiYeTc9Gy6R8-sZzJ35f0R73CRXWJLeYsL4Xdti-Eco");
        assert_eq!(code(&off), Some("ERR_JWK_INVALID"));
        assert_eq!(
            code(r#"{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}"#),
            Some("ERR_JWK_INVALID")
        );
    }

    #[test]
    fn jwks_limits_and_mixing() {
        let many = format!(
            r#"{{"keys":[{}]}}"#,
            vec![r#"{"kty":"oct","k":"AAAA"}"#; MAX_JWKS_KEYS + 1].join(",")
        );
        assert_eq!(
            Key::from_jwk_json(&many).err().map(|e| e.code()),
            Some("ERR_JWKS_INVALID")
        );
        let mixed = format!(r#"{{"keys":[{{"kty":"oct","k":"AAAA"}},{}]}}"#, ec_jwk(""));
        assert_eq!(
            Key::from_jwk_json(&mixed).err().map(|e| e.code()),
            Some("ERR_JWKS_INVALID")
        );
        assert_eq!(
            Key::from_jwk_json(r#"{"keys":{}}"#).err().map(|e| e.code()),
            Some("ERR_JWKS_INVALID")
        );
        assert_eq!(
            Key::from_jwk_json(r#"{"keys":[1]}"#)
                .err()
                .map(|e| e.code()),
            Some("ERR_JWKS_INVALID")
        );
    }

    /// Entries that can never be selected are left out; the rest of the set works.
    #[test]
    #[cfg(feature = "asymmetric")]
    fn jwks_skips_entries_of_the_wrong_shape() {
        for odd in [
            r#"{"kid":"a"}"#,
            r#"{"kty":7,"kid":"a"}"#,
            r#"{"kty":"EC","kid":7}"#,
            r#"{"kty":"EC","use":5}"#,
            r#"{"kty":"EC","key_ops":"verify"}"#,
            r#"{"kty":"EC","alg":["ES256"]}"#,
        ] {
            let set = format!(r#"{{"keys":[{odd},{}]}}"#, ec_jwk(r#","kid":"a""#));
            let key = Key::from_jwk_json(&set).unwrap_or_else(|e| panic!("{odd}: {e}"));
            assert!(key.select(Algorithm::ES256, Some("a")).is_ok(), "{odd}");
            assert!(key.select(Algorithm::ES256, None).is_ok(), "{odd}");
        }
    }

    /// Issue 14 §3: an entry whose key material does not parse, or is too weak, is left out too:
    /// under a reused kid it no longer makes a valid token "multiple matching keys", and alone it
    /// is "no matching key" (which makes createRemoteJWKSet refetch), not its own parse error.
    #[test]
    #[cfg(feature = "asymmetric")]
    fn jwks_leaves_out_keys_whose_material_is_unusable() {
        // 1024-bit modulus: parses, but is under the 2048-bit minimum
        let weak_n = crate::base64url::encode(&[0xc3u8; 128]);
        let broken = [
            r#"{"kty":"EC","crv":"P-256","kid":"a","x":"AAAA","y":"AAAA"}"#.to_owned(),
            format!(r#"{{"kty":"EC","crv":"P-256","kid":"a","x":"{EC_X}","y":"{EC_X}"}}"#),
            r#"{"kty":"EC","crv":"P-256","kid":"a","x":"!!","y":"AAAA"}"#.to_owned(),
            r#"{"kty":"EC","crv":"P-256","kid":"a"}"#.to_owned(),
            format!(r#"{{"kty":"RSA","kid":"a","n":"{weak_n}","e":"AQAB"}}"#),
            r#"{"kty":"RSA","kid":"a","n":"AQAB","e":"AQAB"}"#.to_owned(),
            ec_jwk(r#","kid":"a","key_ops":["verify","verify"]"#),
        ];
        for odd in &broken {
            let set = format!(r#"{{"keys":[{odd},{}]}}"#, ec_jwk(r#","kid":"a""#));
            let key = Key::from_jwk_json(&set).unwrap_or_else(|e| panic!("{odd}: {e}"));
            assert!(key.select(Algorithm::ES256, Some("a")).is_ok(), "{odd}");
            assert!(key.select(Algorithm::ES256, None).is_ok(), "{odd}");
            let alone = Key::from_jwk_json(&format!(r#"{{"keys":[{odd}]}}"#)).unwrap();
            for alg in [Algorithm::ES256, Algorithm::RS256] {
                assert_eq!(
                    alone.select(alg, Some("a")).err().map(|e| e.code()),
                    Some("ERR_JWKS_NO_MATCHING_KEY"),
                    "{odd}"
                );
            }
        }
    }

    /// Issue 14 §4: RFC 7517 §4.3 forbids repeated key_ops values; jose leaves such a key out.
    #[test]
    #[cfg(feature = "asymmetric")]
    fn repeated_key_ops_are_refused() {
        for ops in [r#"["verify","verify"]"#, r#"["sign","verify","sign"]"#] {
            let jwk = ec_jwk(&format!(r#","key_ops":{ops}"#));
            let e = Key::from_jwk_json(&jwk).unwrap_err();
            assert_eq!(e.code(), "ERR_JWK_INVALID", "{ops}");
            assert!(e.to_string().contains("repeats"), "{e}");
        }
        let jwk = r#"{"kty":"oct","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA","key_ops":["verify","verify"]}"#;
        assert_eq!(
            Key::from_jwk_json(jwk).unwrap_err().code(),
            "ERR_JWK_INVALID"
        );
        assert!(Key::from_jwk_json(&ec_jwk(r#","key_ops":["verify","sign"]"#)).is_ok());
    }

    #[test]
    #[cfg(feature = "asymmetric")]
    fn selection_rules() {
        let set = format!(
            r#"{{"keys":[{},{},{},{}]}}"#,
            ec_jwk(r#","kid":"a""#),
            ec_jwk(r#","kid":"b","use":"enc""#),
            ec_jwk(r#","kid":"c","key_ops":["sign"]"#),
            ec_jwk(r#","kid":"d","alg":"ES384""#),
        );
        let key = Key::from_jwk_json(&set).unwrap();
        let code = |kid: Option<&str>| key.select(Algorithm::ES256, kid).err().map(|e| e.code());
        assert_eq!(code(Some("a")), None);
        assert_eq!(code(Some("b")), Some("ERR_JWKS_NO_MATCHING_KEY"));
        assert_eq!(code(Some("c")), Some("ERR_JWKS_NO_MATCHING_KEY"));
        assert_eq!(code(Some("d")), Some("ERR_JWKS_NO_MATCHING_KEY"));
        assert_eq!(code(Some("zzz")), Some("ERR_JWKS_NO_MATCHING_KEY"));
        // without kid only "a" remains
        assert_eq!(code(None), None);
        let two = format!(r#"{{"keys":[{},{}]}}"#, ec_jwk(""), ec_jwk(r#","kid":"x""#));
        let key = Key::from_jwk_json(&two).unwrap();
        assert_eq!(
            key.select(Algorithm::ES256, None).err().map(|e| e.code()),
            Some("ERR_JWKS_MULTIPLE_MATCHING_KEYS")
        );
        // a key without kid never matches a token kid
        assert_eq!(
            key.select(Algorithm::ES256, Some("y"))
                .err()
                .map(|e| e.code()),
            Some("ERR_JWKS_NO_MATCHING_KEY")
        );
        assert!(key.select(Algorithm::ES256, Some("x")).is_ok());
    }
}
