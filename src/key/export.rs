//! Key material out: public and private JWK members, RFC 7638 thumbprints, and PEM (SPKI for
//! public keys, PKCS#8 for private ones).

use super::jwks::{self, KeyKind};
#[cfg(feature = "asymmetric")]
use super::{with_ec_key, EdKey, RsaKey};
use super::{KeyMaterial, SingleKey};
use crate::base64url;
use crate::error::Error;
use crate::json::Value;
#[cfg(feature = "asymmetric")]
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use sha2::{Digest, Sha256};

fn s(v: &str) -> Value {
    Value::String(v.to_owned())
}

fn b64v(bytes: &[u8]) -> Value {
    Value::String(base64url::encode(bytes))
}

/// The public JWK members of a key, in RFC 7638 order (lexicographic), for thumbprints.
pub(super) fn public_members(m: &KeyMaterial) -> Vec<(String, Value)> {
    match m {
        KeyMaterial::Secret(k) => vec![("k".into(), b64v(k)), ("kty".into(), s("oct"))],
        #[cfg(feature = "asymmetric")]
        KeyMaterial::Rsa(k) => vec![
            (
                "e".into(),
                b64v(&k.public.e().to_be_bytes_trimmed_vartime()),
            ),
            ("kty".into(), s("RSA")),
            (
                "n".into(),
                b64v(&k.public.n().to_be_bytes_trimmed_vartime()),
            ),
        ],
        #[cfg(feature = "asymmetric")]
        KeyMaterial::Ec(ec) => {
            let point = ec.public_point();
            let size = ec.curve().field_bytes();
            let x = point.get(1..1 + size).unwrap_or(&[]);
            let y = point.get(1 + size..).unwrap_or(&[]);
            vec![
                ("crv".into(), s(ec.curve().name())),
                ("kty".into(), s("EC")),
                ("x".into(), b64v(x)),
                ("y".into(), b64v(y)),
            ]
        }
        #[cfg(feature = "asymmetric")]
        KeyMaterial::Ed25519(k) => {
            vec![
                ("crv".into(), s("Ed25519")),
                ("kty".into(), s("OKP")),
                ("x".into(), b64v(k.public.as_bytes())),
            ]
        }
    }
}

/// The private JWK members of a key with a private half (none for a secret or a public key).
#[cfg(feature = "asymmetric")]
pub(super) fn private_members(m: &KeyMaterial) -> Vec<(String, Value)> {
    match m {
        KeyMaterial::Rsa(RsaKey {
            private: Some(p), ..
        }) => {
            let mut out = vec![("d".into(), b64v(&p.d().to_be_bytes_trimmed_vartime()))];
            let primes = p.primes();
            if let (Some(pp), Some(qq)) = (primes.first(), primes.get(1)) {
                out.push(("p".into(), b64v(&pp.as_ref().to_be_bytes_trimmed_vartime())));
                out.push(("q".into(), b64v(&qq.as_ref().to_be_bytes_trimmed_vartime())));
            }
            if let (Some(dp), Some(dq), Some(qi)) = (p.dp(), p.dq(), p.crt_coefficient()) {
                out.push(("dp".into(), b64v(&dp.to_be_bytes_trimmed_vartime())));
                out.push(("dq".into(), b64v(&dq.to_be_bytes_trimmed_vartime())));
                out.push(("qi".into(), b64v(&qi.to_be_bytes_trimmed_vartime())));
            }
            out
        }
        KeyMaterial::Ec(ec) => with_ec_key!(ec, k, _c => match &k.private {
            Some(sk) => vec![("d".into(), b64v(&sk.to_bytes()))],
            None => Vec::new(),
        }),
        KeyMaterial::Ed25519(EdKey {
            private: Some(k), ..
        }) => vec![("d".into(), b64v(k.as_bytes()))],
        _ => Vec::new(),
    }
}

/// The public JWK of one key (see `Key::public_jwk`).
pub(super) fn public_jwk(single: &SingleKey) -> Result<Value, Error> {
    if matches!(single.material, KeyMaterial::Secret(_)) {
        return Err(Error::Usage(
            "an HMAC secret has no public key: the same secret verifies".into(),
        ));
    }
    let mut members = public_members(&single.material);
    for (name, value) in [
        ("alg", &single.meta.alg),
        ("kid", &single.meta.kid),
        ("use", &single.meta.use_),
    ] {
        if let Some(v) = value {
            members.push((name.to_owned(), s(v)));
        }
    }
    Ok(Value::Object(members))
}

/// The RFC 7638 JWK thumbprint (SHA-256, base64url) of a key.
pub(super) fn thumbprint(m: &KeyMaterial) -> String {
    let canonical = Value::Object(public_members(m)).to_json();
    base64url::encode(&Sha256::digest(canonical.as_bytes()))
}

/// The RFC 7638 thumbprint of a JWK given as JSON text.
///
/// # Errors
/// As [`Key::from_jwk_json`](crate::Key::from_jwk_json); a JWKS is a usage error.
pub fn jwk_thumbprint(jwk_text: &str) -> Result<String, Error> {
    match jwks::parse_json(jwk_text)? {
        KeyKind::Single(k) => Ok(thumbprint(&k.material)),
        KeyKind::Set(_) => Err(Error::Usage(
            "a thumbprint is of one JWK, not a JWKS".into(),
        )),
    }
}

/// PEM keys need the asymmetric algorithms, which jwtlens/lite leaves out.
///
/// # Errors
/// Always `ERR_JOSE_NOT_SUPPORTED`.
#[cfg(not(feature = "asymmetric"))]
pub fn to_pem(jwk_text: &str) -> Result<String, Error> {
    let _ = jwk_text;
    Err(Error::not_in_lite("PEM keys"))
}

/// A JWK as PEM: public keys as SPKI (`PUBLIC KEY`), private ones as PKCS#8 (`PRIVATE KEY`).
///
/// # Errors
/// [`Error::Usage`] for an `oct` JWK; `ERR_JWK_INVALID` for a JWK that does not parse.
#[cfg(feature = "asymmetric")]
pub fn to_pem(jwk_text: &str) -> Result<String, Error> {
    use pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
    let jwk = crate::json::parse(jwk_text)
        .map_err(|e| Error::JwkInvalid(format!("key is not valid JSON: {e}")))?;
    if jwk.get("kty").and_then(Value::as_str) == Some("oct") {
        return Err(Error::Usage(
            "an \"oct\" JWK is a shared secret and has no PEM form".into(),
        ));
    }
    let private = jwk.get("d").is_some();
    let single = if private {
        super::jwk::parse_private_json(jwk_text)?
    } else {
        match jwks::parse_json(jwk_text)? {
            KeyKind::Single(k) => *k,
            KeyKind::Set(_) => return Err(Error::Usage("toPem takes one JWK, not a JWKS".into())),
        }
    };
    let single = &single;
    let enc = |e: pkcs8::Error| Error::JwkInvalid(format!("cannot encode the key: {e}"));
    let enc_pub = |e: spki::Error| Error::JwkInvalid(format!("cannot encode the key: {e}"));
    let pem = match (&single.material, private) {
        (KeyMaterial::Rsa(k), false) => k
            .public
            .to_public_key_pem(LineEnding::LF)
            .map_err(enc_pub)?,
        (
            KeyMaterial::Rsa(RsaKey {
                private: Some(p), ..
            }),
            true,
        ) => p.to_pkcs8_pem(LineEnding::LF).map_err(enc)?.to_string(),
        (KeyMaterial::Ec(ec), _) => with_ec_key!(ec, k, _c => match (&k.private, private) {
            (Some(sk), true) => sk.to_pkcs8_pem(LineEnding::LF).map_err(enc)?.to_string(),
            _ => k.public.to_public_key_pem(LineEnding::LF).map_err(enc_pub)?,
        }),
        (KeyMaterial::Ed25519(k), _) => match (&k.private, private) {
            // PKCS#8 v1 (RFC 8410 §7 without the optional public key): what Node, OpenSSL 3.0
            // and WebCrypto import; the v2 form that carries the public key is refused by them.
            (Some(sk), true) => ed25519_dalek::ed25519::pkcs8::KeypairBytes {
                secret_key: sk.to_bytes(),
                public_key: None,
            }
            .to_pkcs8_pem(LineEnding::LF)
            .map_err(enc)?
            .to_string(),
            _ => k
                .public
                .to_public_key_pem(LineEnding::LF)
                .map_err(enc_pub)?,
        },
        _ => return Err(Error::JwkInvalid("cannot encode this key as PEM".into())),
    };
    Ok(pem)
}
