//! JWK Sets (RFC 7517 §5): parsing, and *the* selection rule that picks a set's key for a token.

use super::jwk;
use super::{KeyMeta, SingleKey};
use crate::algorithm::Algorithm;
use crate::error::Error;
use crate::json::{self, Value};

/// Most keys a JWKS may hold.
pub const MAX_JWKS_KEYS: usize = 1000;

/// Largest JWKS document `createRemoteJWKSet` reads from the network (1 MiB: a thousand 8192-bit
/// RSA keys would not fit, real sets hold a few keys). The JS layer, which fetches, reads it from
/// the core's `limits()`.
pub const MAX_REMOTE_JWKS_BYTES: usize = 1 << 20;

/// What a key holds: one key, or a key set whose key is selected per token.
#[derive(Clone)]
pub(crate) enum KeyKind {
    Single(Box<SingleKey>),
    Set(Vec<JwksEntry>),
}

/// One usable member of a key set: its metadata for selection, and the key. Members that can
/// never be used are left out when the set is parsed.
#[derive(Clone)]
pub(crate) struct JwksEntry {
    pub kty: String,
    pub crv: Option<String>,
    pub meta: KeyMeta,
    pub key: SingleKey,
}

/// A JWK or a JWKS from JSON text.
pub(crate) fn parse_json(text: &str) -> Result<KeyKind, Error> {
    let value =
        json::parse(text).map_err(|e| Error::JwkInvalid(format!("key is not valid JSON: {e}")))?;
    match value.get("keys") {
        Some(keys) => parse_set(keys),
        None => Ok(KeyKind::Single(Box::new(jwk::single(&value)?))),
    }
}

fn parse_set(keys: &Value) -> Result<KeyKind, Error> {
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
        let Ok(meta) = jwk::meta(item) else {
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
        let Ok(material) = jwk::material(item) else {
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
    Ok(KeyKind::Set(entries))
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
    use crate::key::Key;

    const EC_X: &str = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";

    fn ec_jwk(extra: &str) -> String {
        format!(
            r#"{{"kty":"EC","crv":"P-256","x":"{EC_X}","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"{extra}}}"#
        )
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
