//! Signing JWTs, and generating keys and secrets.

use crate::alg::{Algorithm, Family, Hash};
use crate::base64url;
use crate::error::Error;
use crate::json::{self, Number, Value};
use crate::key::{parse_alg, Key, KeyKind, KeyMaterial, KeyMeta, SingleKey};
#[cfg(feature = "asymmetric")]
use crate::key::{EcKey, EdKey, RsaKey};
use hmac::{Hmac, KeyInit, Mac};
#[cfg(feature = "asymmetric")]
use rsa::signature::{RandomizedSigner, SignatureEncoding, Signer};
#[cfg(feature = "asymmetric")]
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use sha2::{Digest, Sha256, Sha384, Sha512};

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
#[derive(Debug, Clone, Default)]
pub struct SignOptions {
    /// The algorithm.
    pub alg: String,
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

fn rng_error(e: impl std::fmt::Display) -> Error {
    Error::NotSupported(format!(
        "no secure random number generator is available: {e}"
    ))
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

/// Signs `payload` (a JSON object) with `key` at time `now` (seconds since the epoch) and
/// returns the compact JWS.
///
/// # Errors
/// [`Error::Usage`] (a `TypeError` in JS) for `alg: "none"`, a public key, a payload that is not
/// an object or a header that contradicts the options; `ERR_JOSE_ALG_NOT_ALLOWED` for a key that
/// does not fit the algorithm (including short secrets and weak RSA keys);
/// `ERR_JOSE_NOT_SUPPORTED` for an unknown algorithm.
pub fn sign(payload: &Value, key: &Key, options: &SignOptions, now: u64) -> Result<String, Error> {
    if options.alg.eq_ignore_ascii_case("none") {
        return Err(Error::Usage(
            "alg \"none\" cannot be used to sign: the token would be unsecured".into(),
        ));
    }
    let alg = parse_alg(&options.alg)?;
    let Value::Object(claims) = payload else {
        return Err(Error::Usage("the payload must be a JSON object".into()));
    };
    let single = match &key.kind {
        KeyKind::Single(k) => k.as_ref(),
        KeyKind::Set(_) => return Err(Error::Usage("sign needs one key, not a JWKS".into())),
    };
    if let Some(b) = key.bound {
        if b != alg {
            return Err(Error::AlgNotAllowed(format!(
                "the key was imported for {}, not {}",
                b.name(),
                alg.name()
            )));
        }
    }
    check_signing_fit(single, alg, options.allow_short_secrets)?;

    // Header: alg, typ, kid, then the caller's members.
    let mut typ = Value::String("JWT".into());
    let mut kid = single.meta.kid.clone().map(Value::String);
    let mut extra = Vec::new();
    for (k, v) in &options.header {
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
    let sig = sign_bytes(alg, &single.material, signing_input.as_bytes())?;
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
    let single = match &key.kind {
        KeyKind::Single(k) => k.as_ref(),
        KeyKind::Set(_) => return Err(Error::Usage("sign needs one key, not a JWKS".into())),
    };
    check_signing_fit(single, alg, allow_short_secrets)?;
    sign_bytes(alg, &single.material, message)
}

fn check_signing_fit(single: &SingleKey, alg: Algorithm, allow_short: bool) -> Result<(), Error> {
    single.check_usage(alg, "sign")?;
    single.check_material(alg, allow_short)?;
    let has_private = match &single.material {
        KeyMaterial::Secret(_) => true,
        #[cfg(feature = "asymmetric")]
        KeyMaterial::Rsa(k) => k.private.is_some(),
        #[cfg(feature = "asymmetric")]
        KeyMaterial::Ec(EcKey::P256 { private, .. }) => private.is_some(),
        #[cfg(feature = "asymmetric")]
        KeyMaterial::Ec(EcKey::P384 { private, .. }) => private.is_some(),
        #[cfg(feature = "asymmetric")]
        KeyMaterial::Ec(EcKey::P521 { private, .. }) => private.is_some(),
        #[cfg(feature = "asymmetric")]
        KeyMaterial::Ed25519(k) => k.private.is_some(),
    };
    if !has_private {
        return Err(Error::Usage(format!(
            "{} needs a private key to sign; this is a public key",
            alg.name()
        )));
    }
    Ok(())
}

fn hmac_tag<M: Mac + KeyInit>(secret: &[u8], msg: &[u8]) -> Result<Vec<u8>, Error> {
    let mut m = <M as KeyInit>::new_from_slice(secret)
        .map_err(|_| Error::AlgNotAllowed("unusable HMAC secret".into()))?;
    m.update(msg);
    Ok(m.finalize().into_bytes().to_vec())
}

fn sign_bytes(alg: Algorithm, material: &KeyMaterial, msg: &[u8]) -> Result<Vec<u8>, Error> {
    #[cfg(feature = "asymmetric")]
    let failed = |e: rsa::signature::Error| Error::JwkInvalid(format!("signing failed: {e}"));
    match (material, alg.family()) {
        (KeyMaterial::Secret(s), Family::Hmac) => match alg.hash() {
            Hash::Sha256 => hmac_tag::<Hmac<Sha256>>(s, msg),
            Hash::Sha384 => hmac_tag::<Hmac<Sha384>>(s, msg),
            Hash::Sha512 => hmac_tag::<Hmac<Sha512>>(s, msg),
        },
        #[cfg(feature = "asymmetric")]
        (
            KeyMaterial::Rsa(RsaKey {
                private: Some(p), ..
            }),
            Family::Rsa,
        ) => {
            let p = p.clone();
            let sig = match alg.hash() {
                Hash::Sha256 => rsa::pkcs1v15::SigningKey::<Sha256>::new(p)
                    .try_sign(msg)
                    .map_err(failed)?
                    .to_vec(),
                Hash::Sha384 => rsa::pkcs1v15::SigningKey::<Sha384>::new(p)
                    .try_sign(msg)
                    .map_err(failed)?
                    .to_vec(),
                Hash::Sha512 => rsa::pkcs1v15::SigningKey::<Sha512>::new(p)
                    .try_sign(msg)
                    .map_err(failed)?
                    .to_vec(),
            };
            Ok(sig)
        }
        #[cfg(feature = "asymmetric")]
        (
            KeyMaterial::Rsa(RsaKey {
                private: Some(p), ..
            }),
            Family::RsaPss,
        ) => {
            let p = p.clone();
            let mut rng = getrandom::SysRng;
            // `new` uses a salt as long as the hash (RFC 7518 §3.5).
            let sig = match alg.hash() {
                Hash::Sha256 => rsa::pss::SigningKey::<Sha256>::new(p)
                    .try_sign_with_rng(&mut rng, msg)
                    .map_err(failed)?
                    .to_vec(),
                Hash::Sha384 => rsa::pss::SigningKey::<Sha384>::new(p)
                    .try_sign_with_rng(&mut rng, msg)
                    .map_err(failed)?
                    .to_vec(),
                Hash::Sha512 => rsa::pss::SigningKey::<Sha512>::new(p)
                    .try_sign_with_rng(&mut rng, msg)
                    .map_err(failed)?
                    .to_vec(),
            };
            Ok(sig)
        }
        #[cfg(feature = "asymmetric")]
        (
            KeyMaterial::Ec(EcKey::P256 {
                private: Some(k), ..
            }),
            Family::Ecdsa,
        ) => {
            let s: p256::ecdsa::Signature = k.try_sign(msg).map_err(failed)?;
            Ok(s.to_bytes().to_vec())
        }
        #[cfg(feature = "asymmetric")]
        (
            KeyMaterial::Ec(EcKey::P384 {
                private: Some(k), ..
            }),
            Family::Ecdsa,
        ) => {
            let s: p384::ecdsa::Signature = k.try_sign(msg).map_err(failed)?;
            Ok(s.to_bytes().to_vec())
        }
        #[cfg(feature = "asymmetric")]
        (
            KeyMaterial::Ec(EcKey::P521 {
                private: Some(k), ..
            }),
            Family::Ecdsa,
        ) => {
            let s: p521::ecdsa::Signature = k.try_sign(msg).map_err(failed)?;
            Ok(s.to_bytes().to_vec())
        }
        #[cfg(feature = "asymmetric")]
        (
            KeyMaterial::Ed25519(EdKey {
                private: Some(k), ..
            }),
            Family::EdDsa,
        ) => Ok(k.sign(msg).to_bytes().to_vec()),
        _ => Err(Error::AlgNotAllowed(format!(
            "{} cannot sign with this key",
            alg.name()
        ))),
    }
}

// ----- private JWKs ---------------------------------------------------------------------------

#[cfg(feature = "asymmetric")]
fn b64(jwk: &Value, name: &str) -> Result<Vec<u8>, Error> {
    let s = jwk
        .get(name)
        .ok_or_else(|| Error::JwkInvalid(format!("private JWK member \"{name}\" is missing")))?
        .as_str()
        .ok_or_else(|| Error::JwkInvalid(format!("JWK member \"{name}\" must be a string")))?;
    base64url::decode(s).map_err(|e| Error::JwkInvalid(format!("JWK member \"{name}\": {e}")))
}

#[cfg(feature = "asymmetric")]
fn big(bytes: &[u8], bits: u32) -> Result<rsa::BoxedUint, Error> {
    rsa::BoxedUint::from_be_slice(bytes, bits)
        .map_err(|_| Error::JwkInvalid("RSA private key component is too large".into()))
}

/// A key for signing from a JWK: an `oct` secret or a private RSA/EC/OKP JWK.
///
/// # Errors
/// `ERR_JWK_INVALID` for malformed or inconsistent members; a JWKS is a usage error.
pub fn key_from_private_jwk(text: &str) -> Result<Key, Error> {
    let jwk =
        json::parse(text).map_err(|e| Error::JwkInvalid(format!("key is not valid JSON: {e}")))?;
    if jwk.get("keys").is_some() {
        return Err(Error::Usage("sign needs one JWK, not a JWKS".into()));
    }
    let kty = jwk.get("kty").and_then(Value::as_str).unwrap_or("");
    if kty != "oct" && jwk.get("d").is_none() {
        return Err(Error::Usage(format!(
            "signing needs a private key; this {kty} JWK has no \"d\" (it is a public key)"
        )));
    }
    let public = Key::from_jwk_json(text)?;
    let KeyKind::Single(single) = public.kind else {
        return Err(Error::Usage("sign needs one JWK".into()));
    };
    let meta: KeyMeta = single.meta.clone();
    let material = match single.material {
        KeyMaterial::Secret(s) => KeyMaterial::Secret(s),
        #[cfg(feature = "asymmetric")]
        KeyMaterial::Rsa(pubk) => {
            let n = pubk.public.n().to_be_bytes_trimmed_vartime();
            let e = pubk.public.e().to_be_bytes_trimmed_vartime();
            let bits = u32::try_from(n.len() * 8)
                .map_err(|_| Error::JwkInvalid("RSA modulus too large".into()))?;
            let d = b64(&jwk, "d")?;
            // rsa 0.10 recovers p and q from d when they are absent and computes d·e − 1 with an
            // unchecked subtraction: d = 0 panicked there (a trap in wasm).
            if d.iter().all(|&b| b == 0) {
                return Err(Error::JwkInvalid(
                    "RSA private exponent \"d\" is zero".into(),
                ));
            }
            let mut primes = Vec::new();
            if jwk.get("p").is_some() || jwk.get("q").is_some() {
                primes.push(big(&b64(&jwk, "p")?, bits)?);
                primes.push(big(&b64(&jwk, "q")?, bits)?);
            }
            let e_bits = u32::try_from(e.len().max(1) * 8).unwrap_or(64);
            let private = rsa::PrivateKey::from_components(
                big(&n, bits)?,
                big(&e, e_bits)?,
                big(&d, bits)?,
                primes,
            )
            .map_err(|err| Error::JwkInvalid(format!("inconsistent RSA private key: {err}")))?;
            KeyMaterial::Rsa(RsaKey {
                private: Some(private),
                ..pubk
            })
        }
        #[cfg(feature = "asymmetric")]
        KeyMaterial::Ec(ec) => {
            let d = b64(&jwk, "d")?;
            let bad = |_| Error::JwkInvalid("EC private key \"d\" is out of range".into());
            let mismatch =
                || Error::JwkInvalid("EC private key \"d\" does not match \"x\" and \"y\"".into());
            match ec {
                EcKey::P256 { public, .. } => {
                    let sk = p256::ecdsa::SigningKey::from_slice(&d).map_err(bad)?;
                    if *sk.verifying_key() != public {
                        return Err(mismatch());
                    }
                    KeyMaterial::Ec(EcKey::P256 {
                        public,
                        private: Some(sk),
                    })
                }
                EcKey::P384 { public, .. } => {
                    let sk = p384::ecdsa::SigningKey::from_slice(&d).map_err(bad)?;
                    if *sk.verifying_key() != public {
                        return Err(mismatch());
                    }
                    KeyMaterial::Ec(EcKey::P384 {
                        public,
                        private: Some(sk),
                    })
                }
                EcKey::P521 { public, .. } => {
                    let sk = p521::ecdsa::SigningKey::from_slice(&d).map_err(bad)?;
                    if *sk.verifying_key() != public {
                        return Err(mismatch());
                    }
                    KeyMaterial::Ec(EcKey::P521 {
                        public,
                        private: Some(sk),
                    })
                }
            }
        }
        #[cfg(feature = "asymmetric")]
        KeyMaterial::Ed25519(ed) => {
            let d = b64(&jwk, "d")?;
            let seed: [u8; 32] = d
                .as_slice()
                .try_into()
                .map_err(|_| Error::JwkInvalid("Ed25519 \"d\" must be 32 bytes".into()))?;
            let sk = ed25519_dalek::SigningKey::from_bytes(&seed);
            if sk.verifying_key() != ed.public {
                return Err(Error::JwkInvalid(
                    "Ed25519 \"d\" does not match \"x\"".into(),
                ));
            }
            KeyMaterial::Ed25519(EdKey {
                public: ed.public,
                private: Some(sk),
            })
        }
    };
    Ok(Key {
        kind: KeyKind::Single(Box::new(SingleKey { material, meta })),
        bound: None,
    })
}

// ----- JWK output, thumbprints, generation, PEM ------------------------------------------------

fn s(v: &str) -> Value {
    Value::String(v.to_owned())
}

fn b64v(bytes: &[u8]) -> Value {
    Value::String(base64url::encode(bytes))
}

/// The public JWK members of a key, in RFC 7638 order (lexicographic), for thumbprints.
fn public_members(m: &KeyMaterial) -> Vec<(String, Value)> {
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
            let (crv, point) = match ec {
                EcKey::P256 { public, .. } => {
                    ("P-256", public.to_sec1_point(false).as_bytes().to_vec())
                }
                EcKey::P384 { public, .. } => {
                    ("P-384", public.to_sec1_point(false).as_bytes().to_vec())
                }
                EcKey::P521 { public, .. } => {
                    ("P-521", public.to_sec1_point(false).as_bytes().to_vec())
                }
            };
            let size = (point.len().saturating_sub(1)) / 2;
            let x = point.get(1..1 + size).unwrap_or(&[]);
            let y = point.get(1 + size..).unwrap_or(&[]);
            vec![
                ("crv".into(), s(crv)),
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

/// The RFC 7638 JWK thumbprint (SHA-256, base64url) of a key.
pub(crate) fn thumbprint(m: &KeyMaterial) -> String {
    let canonical = Value::Object(public_members(m)).to_json();
    base64url::encode(&Sha256::digest(canonical.as_bytes()))
}

/// The RFC 7638 thumbprint of a JWK given as JSON text.
///
/// # Errors
/// As [`Key::from_jwk_json`]; a JWKS is a usage error.
pub fn jwk_thumbprint(jwk_text: &str) -> Result<String, Error> {
    match Key::from_jwk_json(jwk_text)?.kind {
        KeyKind::Single(k) => Ok(thumbprint(&k.material)),
        KeyKind::Set(_) => Err(Error::Usage(
            "a thumbprint is of one JWK, not a JWKS".into(),
        )),
    }
}

#[cfg(feature = "asymmetric")]
fn private_members(m: &KeyMaterial) -> Vec<(String, Value)> {
    match m {
        #[cfg(feature = "asymmetric")]
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
        #[cfg(feature = "asymmetric")]
        KeyMaterial::Ec(EcKey::P256 {
            private: Some(k), ..
        }) => vec![("d".into(), b64v(&k.to_bytes()))],
        #[cfg(feature = "asymmetric")]
        KeyMaterial::Ec(EcKey::P384 {
            private: Some(k), ..
        }) => vec![("d".into(), b64v(&k.to_bytes()))],
        #[cfg(feature = "asymmetric")]
        KeyMaterial::Ec(EcKey::P521 {
            private: Some(k), ..
        }) => vec![("d".into(), b64v(&k.to_bytes()))],
        #[cfg(feature = "asymmetric")]
        KeyMaterial::Ed25519(EdKey {
            private: Some(k), ..
        }) => vec![("d".into(), b64v(k.as_bytes()))],
        _ => Vec::new(),
    }
}

/// A generated key pair as JWKs (both with `alg` and `kid` = RFC 7638 thumbprint).
#[derive(Debug, Clone, PartialEq)]
pub struct KeyPair {
    /// The private JWK.
    pub private_jwk: Value,
    /// The public JWK.
    pub public_jwk: Value,
}

/// Generates a key pair for an asymmetric algorithm, from the platform's CSPRNG.
///
/// # Errors
/// [`Error::Usage`] for an HMAC algorithm or a modulus length outside 2048–8192 (a multiple of 8);
/// `ERR_JOSE_NOT_SUPPORTED` for an unknown algorithm or when no CSPRNG is available.
#[cfg(feature = "asymmetric")]
pub fn generate_key_pair(alg: &str, modulus_length: usize) -> Result<KeyPair, Error> {
    let alg = parse_alg(alg)?;
    let mut rng = getrandom::SysRng;
    use rsa::Generate;
    let material = match alg.family() {
        Family::Hmac => {
            return Err(Error::Usage(
                "HMAC algorithms use generateSecret, not generateKeyPair".into(),
            ))
        }
        Family::Rsa | Family::RsaPss => {
            if !(crate::key::MIN_RSA_BITS..=crate::key::MAX_RSA_BITS).contains(&modulus_length)
                || modulus_length % 8 != 0
            {
                return Err(Error::Usage(
                    "modulusLength must be a multiple of 8 from 2048 to 8192".into(),
                ));
            }
            let private = rsa::PrivateKey::new(&mut rng, modulus_length).map_err(rng_error)?;
            let public = private.to_public_key();
            KeyMaterial::Rsa(RsaKey {
                public,
                private: Some(private),
                bits: modulus_length,
                pss_only: false,
            })
        }
        Family::Ecdsa => match alg {
            Algorithm::ES256 => {
                let sk =
                    p256::ecdsa::SigningKey::try_generate_from_rng(&mut rng).map_err(rng_error)?;
                KeyMaterial::Ec(EcKey::P256 {
                    public: *sk.verifying_key(),
                    private: Some(sk),
                })
            }
            Algorithm::ES384 => {
                let sk =
                    p384::ecdsa::SigningKey::try_generate_from_rng(&mut rng).map_err(rng_error)?;
                KeyMaterial::Ec(EcKey::P384 {
                    public: *sk.verifying_key(),
                    private: Some(sk),
                })
            }
            _ => {
                let sk =
                    p521::ecdsa::SigningKey::try_generate_from_rng(&mut rng).map_err(rng_error)?;
                KeyMaterial::Ec(EcKey::P521 {
                    public: *sk.verifying_key(),
                    private: Some(sk),
                })
            }
        },
        Family::EdDsa => {
            let mut seed = [0u8; 32];
            getrandom::fill(&mut seed).map_err(rng_error)?;
            let sk = ed25519_dalek::SigningKey::from_bytes(&seed);
            KeyMaterial::Ed25519(EdKey {
                public: sk.verifying_key(),
                private: Some(sk),
            })
        }
    };
    let kid = thumbprint(&material);
    let mut public = public_members(&material);
    public.push(("alg".into(), s(alg.name())));
    public.push(("kid".into(), s(&kid)));
    public.push(("use".into(), s("sig")));
    let mut private = public.clone();
    private.extend(private_members(&material));
    Ok(KeyPair {
        private_jwk: Value::Object(private),
        public_jwk: Value::Object(public),
    })
}

/// Key pairs need the asymmetric algorithms, which jwtlens/lite leaves out.
///
/// # Errors
/// Always `ERR_JOSE_NOT_SUPPORTED`.
#[cfg(not(feature = "asymmetric"))]
pub fn generate_key_pair(alg: &str, modulus_length: usize) -> Result<KeyPair, Error> {
    let _ = (alg, modulus_length);
    Err(crate::key::not_in_lite("key pairs"))
}

/// PEM keys need the asymmetric algorithms, which jwtlens/lite leaves out.
///
/// # Errors
/// Always `ERR_JOSE_NOT_SUPPORTED`.
#[cfg(not(feature = "asymmetric"))]
pub fn to_pem(jwk_text: &str) -> Result<String, Error> {
    let _ = jwk_text;
    Err(crate::key::not_in_lite("PEM keys"))
}

/// Random secret bytes of exactly the hash length of an HS* algorithm.
///
/// # Errors
/// [`Error::Usage`] for a non-HMAC algorithm; `ERR_JOSE_NOT_SUPPORTED` without a CSPRNG.
pub fn generate_secret(alg: &str) -> Result<Vec<u8>, Error> {
    let alg = parse_alg(alg)?;
    if alg.family() != Family::Hmac {
        return Err(Error::Usage(format!(
            "generateSecret is for HS256/HS384/HS512, not {}",
            alg.name()
        )));
    }
    let mut out = vec![0u8; alg.hash().output_len()];
    getrandom::fill(&mut out).map_err(rng_error)?;
    Ok(out)
}

/// A JWK as PEM: public keys as SPKI (`PUBLIC KEY`), private ones as PKCS#8 (`PRIVATE KEY`).
///
/// # Errors
/// [`Error::Usage`] for an `oct` JWK; `ERR_JWK_INVALID` for a JWK that does not parse.
#[cfg(feature = "asymmetric")]
pub fn to_pem(jwk_text: &str) -> Result<String, Error> {
    use pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
    let jwk = json::parse(jwk_text)
        .map_err(|e| Error::JwkInvalid(format!("key is not valid JSON: {e}")))?;
    if jwk.get("kty").and_then(Value::as_str) == Some("oct") {
        return Err(Error::Usage(
            "an \"oct\" JWK is a shared secret and has no PEM form".into(),
        ));
    }
    let private = jwk.get("d").is_some();
    let key = if private {
        key_from_private_jwk(jwk_text)?
    } else {
        Key::from_jwk_json(jwk_text)?
    };
    let KeyKind::Single(single) = &key.kind else {
        return Err(Error::Usage("toPem takes one JWK, not a JWKS".into()));
    };
    let enc = |e: pkcs8::Error| Error::JwkInvalid(format!("cannot encode the key: {e}"));
    let enc_pub = |e: spki::Error| Error::JwkInvalid(format!("cannot encode the key: {e}"));
    let pem = match (&single.material, private) {
        #[cfg(feature = "asymmetric")]
        (KeyMaterial::Rsa(k), false) => k
            .public
            .to_public_key_pem(LineEnding::LF)
            .map_err(enc_pub)?,
        #[cfg(feature = "asymmetric")]
        (
            KeyMaterial::Rsa(RsaKey {
                private: Some(p), ..
            }),
            true,
        ) => p.to_pkcs8_pem(LineEnding::LF).map_err(enc)?.to_string(),
        #[cfg(feature = "asymmetric")]
        (KeyMaterial::Ec(EcKey::P256 { public, private: p }), _) => match (p, private) {
            (Some(sk), true) => sk.to_pkcs8_pem(LineEnding::LF).map_err(enc)?.to_string(),
            _ => public.to_public_key_pem(LineEnding::LF).map_err(enc_pub)?,
        },
        #[cfg(feature = "asymmetric")]
        (KeyMaterial::Ec(EcKey::P384 { public, private: p }), _) => match (p, private) {
            (Some(sk), true) => sk.to_pkcs8_pem(LineEnding::LF).map_err(enc)?.to_string(),
            _ => public.to_public_key_pem(LineEnding::LF).map_err(enc_pub)?,
        },
        #[cfg(feature = "asymmetric")]
        (KeyMaterial::Ec(EcKey::P521 { public, private: p }), _) => match (p, private) {
            (Some(sk), true) => sk.to_pkcs8_pem(LineEnding::LF).map_err(enc)?.to_string(),
            _ => public.to_public_key_pem(LineEnding::LF).map_err(enc_pub)?,
        },
        #[cfg(feature = "asymmetric")]
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

impl SignOptions {
    /// Reads the options object the JS layer sends: `{"alg", "header", "expiresIn",
    /// "notBefore", "issuedAt", "allowShortSecrets", "now"}` (durations already in seconds).
    /// Returns the options and `now`.
    ///
    /// # Errors
    /// [`Error::Usage`] when a member has the wrong type.
    pub fn from_options_json(text: &str) -> Result<(SignOptions, u64), Error> {
        let v = json::parse(text).map_err(|e| Error::Usage(format!("options: {e}")))?;
        let usage = |m: &str| Error::Usage(format!("options.{m}"));
        let alg = v
            .get("alg")
            .and_then(Value::as_str)
            .ok_or_else(|| usage("alg must be a string"))?
            .to_owned();
        let header = match v.get("header") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Object(m)) => m.clone(),
            Some(_) => return Err(usage("header must be an object")),
        };
        let num = |name: &str| -> Result<Option<f64>, Error> {
            match v.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::Number(n)) if n.as_f64().is_finite() => Ok(Some(n.as_f64())),
                Some(_) => Err(usage(&format!("{name} must be a finite number"))),
            }
        };
        let issued_at = match v.get("issuedAt") {
            None | Some(Value::Null) => IssuedAt::Default,
            Some(Value::Bool(true)) => IssuedAt::Now,
            Some(Value::Bool(false)) => IssuedAt::No,
            Some(Value::Number(n)) if n.as_f64().is_finite() => IssuedAt::At(n.as_f64()),
            Some(_) => return Err(usage("issuedAt must be a boolean or a number")),
        };
        let allow_short_secrets = matches!(v.get("allowShortSecrets"), Some(Value::Bool(true)));
        let now = num("now")?
            .filter(|n| *n >= 0.0)
            .ok_or_else(|| usage("now is required"))?;
        Ok((
            SignOptions {
                alg,
                header,
                expires_in: num("expiresIn")?,
                not_before: num("notBefore")?,
                issued_at,
                allow_short_secrets,
            },
            now as u64,
        ))
    }
}
