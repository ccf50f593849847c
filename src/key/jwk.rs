//! One JWK (RFC 7517 §4, RFC 7518 §6, RFC 8037 §2): its public members and metadata, and with
//! the `sign` feature a private JWK's private members.

#[cfg(feature = "asymmetric")]
use super::material::rsa_public;
#[cfg(feature = "asymmetric")]
use super::pem::ec_public_xy;
#[cfg(feature = "asymmetric")]
use super::EdKey;
use super::{HmacSecret, KeyMaterial, KeyMeta, SingleKey};
use crate::base64url;
use crate::error::Error;
use crate::json::Value;

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

pub(super) fn meta(jwk: &Value) -> Result<KeyMeta, Error> {
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
pub(super) fn material(jwk: &Value) -> Result<KeyMaterial, Error> {
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
            Ok(KeyMaterial::Secret(HmacSecret::new(k)))
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
                #[cfg(feature = "sign")]
                private: None,
            }))
        }
        #[cfg(not(feature = "asymmetric"))]
        "RSA" | "EC" | "OKP" => Err(Error::not_in_lite(&format!("{kty} keys"))),
        other => Err(Error::NotSupported(format!(
            "JWK key type \"{other}\" is not supported"
        ))),
    }
}

pub(super) fn single(jwk: &Value) -> Result<SingleKey, Error> {
    if !matches!(jwk, Value::Object(_)) {
        return Err(Error::JwkInvalid("a JWK must be a JSON object".into()));
    }
    let meta = meta(jwk)?;
    let material = material(jwk)?;
    Ok(SingleKey { material, meta })
}

/// A private JWK (or an `oct` JWK) as JSON text, for signing: the JSON is parsed once, the
/// public members as for verification, then the private ones, which must match them.
#[cfg(feature = "sign")]
pub(super) fn parse_private_json(text: &str) -> Result<SingleKey, Error> {
    let jwk = crate::json::parse(text)
        .map_err(|e| Error::JwkInvalid(format!("key is not valid JSON: {e}")))?;
    if jwk.get("keys").is_some() {
        return Err(Error::Usage("sign needs one JWK, not a JWKS".into()));
    }
    let kty = jwk.get("kty").and_then(Value::as_str).unwrap_or("");
    if kty != "oct" && jwk.get("d").is_none() {
        return Err(Error::Usage(format!(
            "signing needs a private key; this {kty} JWK has no \"d\" (it is a public key)"
        )));
    }
    let SingleKey { material, meta } = single(&jwk)?;
    let material = match material {
        KeyMaterial::Secret(s) => KeyMaterial::Secret(s),
        #[cfg(feature = "asymmetric")]
        KeyMaterial::Rsa(public) => KeyMaterial::Rsa(private::rsa(&jwk, public)?),
        #[cfg(feature = "asymmetric")]
        KeyMaterial::Ec(public) => KeyMaterial::Ec(private::ec(&jwk, public)?),
        #[cfg(feature = "asymmetric")]
        KeyMaterial::Ed25519(public) => KeyMaterial::Ed25519(private::ed25519(&jwk, public)?),
    };
    Ok(SingleKey { material, meta })
}

/// The private members of RSA, EC and OKP JWKs (RFC 7518 §6.3.2, §6.2.2; RFC 8037 §2).
#[cfg(all(feature = "sign", feature = "asymmetric"))]
mod private {
    use super::super::{with_ec_key, EcKey, EdKey, RsaKey};
    use crate::base64url;
    use crate::error::Error;
    use crate::json::Value;
    use rsa::traits::PublicKeyParts;

    fn b64(jwk: &Value, name: &str) -> Result<Vec<u8>, Error> {
        let s = jwk
            .get(name)
            .ok_or_else(|| Error::JwkInvalid(format!("private JWK member \"{name}\" is missing")))?
            .as_str()
            .ok_or_else(|| Error::JwkInvalid(format!("JWK member \"{name}\" must be a string")))?;
        base64url::decode(s).map_err(|e| Error::JwkInvalid(format!("JWK member \"{name}\": {e}")))
    }

    fn big(bytes: &[u8], bits: u32) -> Result<rsa::BoxedUint, Error> {
        rsa::BoxedUint::from_be_slice(bytes, bits)
            .map_err(|_| Error::JwkInvalid("RSA private key component is too large".into()))
    }

    pub(super) fn rsa(jwk: &Value, public: RsaKey) -> Result<RsaKey, Error> {
        let n = public.public.n().to_be_bytes_trimmed_vartime();
        let e = public.public.e().to_be_bytes_trimmed_vartime();
        let bits = u32::try_from(n.len() * 8)
            .map_err(|_| Error::JwkInvalid("RSA modulus too large".into()))?;
        let d = b64(jwk, "d")?;
        // rsa 0.10 recovers p and q from d when they are absent and computes d·e − 1 with an
        // unchecked subtraction: d = 0 panicked there (a trap in wasm).
        if d.iter().all(|&b| b == 0) {
            return Err(Error::JwkInvalid(
                "RSA private exponent \"d\" is zero".into(),
            ));
        }
        let mut primes = Vec::new();
        if jwk.get("p").is_some() || jwk.get("q").is_some() {
            primes.push(big(&b64(jwk, "p")?, bits)?);
            primes.push(big(&b64(jwk, "q")?, bits)?);
        }
        let e_bits = u32::try_from(e.len().max(1) * 8).unwrap_or(64);
        let private = rsa::PrivateKey::from_components(
            big(&n, bits)?,
            big(&e, e_bits)?,
            big(&d, bits)?,
            primes,
        )
        .map_err(|err| Error::JwkInvalid(format!("inconsistent RSA private key: {err}")))?;
        Ok(RsaKey {
            private: Some(private),
            ..public
        })
    }

    pub(super) fn ec(jwk: &Value, mut key: EcKey) -> Result<EcKey, Error> {
        let d = b64(jwk, "d")?;
        with_ec_key!(&mut key, pair, curve => {
            let sk = curve::ecdsa::SigningKey::from_slice(&d).map_err(|_| {
                Error::JwkInvalid("EC private key \"d\" is out of range".into())
            })?;
            if *sk.verifying_key() != pair.public {
                return Err(Error::JwkInvalid(
                    "EC private key \"d\" does not match \"x\" and \"y\"".into(),
                ));
            }
            pair.private = Some(sk);
        });
        Ok(key)
    }

    pub(super) fn ed25519(jwk: &Value, public: EdKey) -> Result<EdKey, Error> {
        let d = b64(jwk, "d")?;
        let seed: [u8; 32] = d
            .as_slice()
            .try_into()
            .map_err(|_| Error::JwkInvalid("Ed25519 \"d\" must be 32 bytes".into()))?;
        let sk = ed25519_dalek::SigningKey::from_bytes(&seed);
        if sk.verifying_key() != public.public {
            return Err(Error::JwkInvalid(
                "Ed25519 \"d\" does not match \"x\"".into(),
            ));
        }
        Ok(EdKey {
            public: public.public,
            private: Some(sk),
        })
    }
}

#[cfg(all(test, feature = "asymmetric"))]
mod tests {
    use crate::key::Key;

    const EC_X: &str = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
    const EC_Y: &str = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";

    fn ec_jwk(extra: &str) -> String {
        format!(r#"{{"kty":"EC","crv":"P-256","x":"{EC_X}","y":"{EC_Y}"{extra}}}"#)
    }

    #[test]
    fn parses_each_kty() {
        assert!(Key::from_jwk_json(&ec_jwk("")).is_ok());
        assert!(Key::from_jwk_json(r#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#).is_ok());
        assert!(Key::from_jwk_json(
            r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#
        )
        .is_ok());
    }

    #[test]
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

    /// Issue 14 §4: RFC 7517 §4.3 forbids repeated key_ops values; jose leaves such a key out.
    #[test]
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
}
