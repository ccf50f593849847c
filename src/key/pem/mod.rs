//! PEM and DER key parsing: SPKI, PKCS#1, X.509 certificates, PKCS#8 and SEC1 private keys.
//! DER is decoded by RustCrypto's `der`/`spki`/`pkcs1`/`pkcs8`/`sec1`; a certificate's public key is
//! found by a DER walk of our own (`x509.rs`).

use super::material::rsa_public;
use super::{ec_key_on, Curve, EcKey, EcPair, EdKey, KeyMaterial, RsaKey};
use crate::error::Error;
use crate::text::find;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use der::asn1::{ObjectIdentifier, OctetStringRef};
use der::Decode;

mod x509;

/// Largest PEM text accepted.
pub const MAX_PEM_BYTES: usize = 65_536;

const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
const SECP256K1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");
const X448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.111");
const ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");

fn invalid(msg: impl std::fmt::Display) -> Error {
    Error::JwkInvalid(format!("invalid PEM key: {msg}"))
}

/// The first PEM block: its label and DER bytes. Tolerates CRLF, indentation and any line
/// length; the base64 itself must be valid standard base64.
pub(crate) fn first_block(text: &str) -> Result<(String, Vec<u8>), Error> {
    if text.len() > MAX_PEM_BYTES {
        return Err(invalid(format!("over {MAX_PEM_BYTES} bytes")));
    }
    let begin =
        find(text.as_bytes(), b"-----BEGIN ").ok_or_else(|| invalid("no \"-----BEGIN\" line"))?;
    let after_begin = text.get(begin + 11..).unwrap_or("");
    let label_end =
        find(after_begin.as_bytes(), b"-----").ok_or_else(|| invalid("unterminated BEGIN line"))?;
    let label = after_begin.get(..label_end).unwrap_or("").to_owned();
    if label.is_empty() || label.contains('\n') {
        return Err(invalid("malformed BEGIN line"));
    }
    let body_and_rest = after_begin.get(label_end + 5..).unwrap_or("");
    let end_marker = format!("-----END {label}-----");
    let end = find(body_and_rest.as_bytes(), end_marker.as_bytes())
        .ok_or_else(|| invalid(format!("no \"{end_marker}\" line")))?;
    let body = body_and_rest.get(..end).unwrap_or("");
    if body.contains(':') {
        return Err(Error::NotSupported(
            "encrypted PEM (with headers) is not supported".into(),
        ));
    }
    let b64: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let der = STANDARD
        .decode(b64.as_bytes())
        .map_err(|e| invalid(format!("bad base64 in the body: {e}")))?;
    if der.is_empty() {
        return Err(invalid("empty body"));
    }
    Ok((label, der))
}

/// Parses a PEM into key material.
pub(crate) fn parse(text: &str) -> Result<KeyMaterial, Error> {
    let (label, der) = first_block(text)?;
    match label.as_str() {
        "PUBLIC KEY" => from_spki_der(&der),
        "RSA PUBLIC KEY" => from_pkcs1_public_der(&der),
        "CERTIFICATE" => from_certificate_der(&der),
        "PRIVATE KEY" => from_pkcs8_der(&der),
        "RSA PRIVATE KEY" => from_pkcs1_private_der(&der),
        "EC PRIVATE KEY" => from_sec1_der(&der, None),
        "ENCRYPTED PRIVATE KEY" => Err(Error::NotSupported(
            "encrypted private keys are not supported".into(),
        )),
        other => Err(invalid(format!("unsupported PEM label \"{other}\""))),
    }
}

/// Marks an RSA key read under the id-RSASSA-PSS OID as usable for PS* only.
fn pss_only(material: KeyMaterial, pss: bool) -> KeyMaterial {
    match material {
        KeyMaterial::Rsa(k) => KeyMaterial::Rsa(RsaKey { pss_only: pss, ..k }),
        other => other,
    }
}

/// A SubjectPublicKeyInfo (DER).
pub(crate) fn from_spki_der(der: &[u8]) -> Result<KeyMaterial, Error> {
    let spki = spki::SubjectPublicKeyInfoRef::from_der(der)
        .map_err(|e| invalid(format!("SubjectPublicKeyInfo: {e}")))?;
    let key_bytes = spki
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| invalid("public key bit string is not whole bytes"))?;
    let oid = spki.algorithm.oid;
    if oid == RSA_ENCRYPTION || oid == RSASSA_PSS {
        from_pkcs1_public_der(key_bytes).map(|m| pss_only(m, oid == RSASSA_PSS))
    } else if oid == EC_PUBLIC_KEY {
        let curve = spki
            .algorithm
            .parameters_oid()
            .map_err(|_| invalid("EC key without a named curve"))?;
        ec_public(curve_of(curve)?, key_bytes).map(KeyMaterial::Ec)
    } else if oid == ED25519 {
        let bytes: [u8; 32] = key_bytes
            .try_into()
            .map_err(|_| invalid("Ed25519 public key must be 32 bytes"))?;
        let public = ed25519_dalek::VerifyingKey::from_bytes(&bytes)
            .map_err(|_| invalid("Ed25519 public key is not a valid point"))?;
        Ok(KeyMaterial::Ed25519(EdKey {
            public,
            #[cfg(feature = "sign")]
            private: None,
        }))
    } else {
        Err(unsupported_oid(oid))
    }
}

fn unsupported_oid(oid: ObjectIdentifier) -> Error {
    let name = if oid == X25519 || oid == X448 {
        "X25519/X448 keys are for key agreement, not signatures".to_owned()
    } else if oid == ED448 {
        "Ed448 keys are not supported".to_owned()
    } else if oid == SECP256K1 {
        "secp256k1 keys (ES256K) are not supported".to_owned()
    } else {
        format!("key algorithm {oid} is not supported")
    };
    Error::NotSupported(name)
}

/// The curve a named-curve OID names.
fn curve_of(oid: ObjectIdentifier) -> Result<Curve, Error> {
    if oid == P256 {
        Ok(Curve::P256)
    } else if oid == P384 {
        Ok(Curve::P384)
    } else if oid == P521 {
        Ok(Curve::P521)
    } else {
        Err(unsupported_oid(oid))
    }
}

/// An EC public key from its SEC1 point.
fn ec_public(curve: Curve, point: &[u8]) -> Result<EcKey, Error> {
    let bad = || Error::JwkInvalid("EC public key is not a valid point on its curve".into());
    Ok(ec_key_on!(curve, c => EcPair {
        public: c::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(|_| bad())?,
        #[cfg(feature = "sign")]
        private: None,
    }))
}

fn from_pkcs1_public_der(der: &[u8]) -> Result<KeyMaterial, Error> {
    let k = pkcs1::RsaPublicKeyRef::from_der(der)
        .map_err(|e| invalid(format!("RSA public key: {e}")))?;
    rsa_public(k.modulus.as_bytes(), k.public_exponent.as_bytes()).map(KeyMaterial::Rsa)
}

/// An X.509 certificate: its SubjectPublicKeyInfo, read by the SPKI parser (x509.rs).
fn from_certificate_der(der: &[u8]) -> Result<KeyMaterial, Error> {
    let spki = x509::subject_public_key_info(der)
        .map_err(|e| invalid(format!("X.509 certificate: {e}")))?;
    from_spki_der(spki)
}

fn from_pkcs1_private_der(der: &[u8]) -> Result<KeyMaterial, Error> {
    let k = pkcs1::RsaPrivateKeyRef::from_der(der)
        .map_err(|e| invalid(format!("RSA private key: {e}")))?;
    let public = rsa_public(k.modulus.as_bytes(), k.public_exponent.as_bytes())?;
    #[cfg(feature = "sign")]
    {
        let private =
            rsa::PrivateKey::try_from(k).map_err(|e| invalid(format!("RSA private key: {e}")))?;
        Ok(KeyMaterial::Rsa(RsaKey {
            private: Some(private),
            ..public
        }))
    }
    #[cfg(not(feature = "sign"))]
    Ok(KeyMaterial::Rsa(public))
}

fn from_pkcs8_der(der: &[u8]) -> Result<KeyMaterial, Error> {
    let info = pkcs8::PrivateKeyInfoRef::from_der(der)
        .map_err(|e| invalid(format!("PKCS#8 private key: {e}")))?;
    let oid = info.algorithm.oid;
    let inner = info.private_key.as_bytes();
    if oid == RSA_ENCRYPTION || oid == RSASSA_PSS {
        from_pkcs1_private_der(inner).map(|m| pss_only(m, oid == RSASSA_PSS))
    } else if oid == EC_PUBLIC_KEY {
        let curve = info
            .algorithm
            .parameters_oid()
            .map_err(|_| invalid("EC key without a named curve"))?;
        from_sec1_der(inner, Some(curve))
    } else if oid == ED25519 {
        let seed = <&OctetStringRef>::from_der(inner)
            .map_err(|e| invalid(format!("Ed25519 private key: {e}")))?;
        let bytes: [u8; 32] = seed
            .as_bytes()
            .try_into()
            .map_err(|_| invalid("Ed25519 private key must be 32 bytes"))?;
        #[cfg(feature = "sign")]
        {
            let private = ed25519_dalek::SigningKey::from_bytes(&bytes);
            // A v2 key's written public key must be the computed one (see ec_private).
            if let Some(written) = info.public_key.and_then(|bits| bits.as_bytes()) {
                if written != private.verifying_key().as_bytes() {
                    return Err(Error::JwkInvalid(
                        "Ed25519 private key: its public key is not its private key's".into(),
                    ));
                }
            }
            Ok(KeyMaterial::Ed25519(EdKey {
                public: private.verifying_key(),
                private: Some(private),
            }))
        }
        #[cfg(not(feature = "sign"))]
        {
            let _ = bytes;
            // A PKCS#8 v2 key carries its public key; a v1 key would need it computed.
            let public = info
                .public_key
                .and_then(|bits| bits.as_bytes())
                .ok_or_else(|| public_part_needed("an Ed25519 private key (PKCS#8)"))?;
            let public: [u8; 32] = public
                .try_into()
                .map_err(|_| invalid("Ed25519 public key must be 32 bytes"))?;
            let public = ed25519_dalek::VerifyingKey::from_bytes(&public)
                .map_err(|_| invalid("Ed25519 public key is not a valid point"))?;
            Ok(KeyMaterial::Ed25519(EdKey { public }))
        }
    } else {
        Err(unsupported_oid(oid))
    }
}

fn from_sec1_der(der: &[u8], outer_curve: Option<ObjectIdentifier>) -> Result<KeyMaterial, Error> {
    let k =
        sec1::EcPrivateKey::from_der(der).map_err(|e| invalid(format!("EC private key: {e}")))?;
    let inner_curve = k.parameters.map(|sec1::EcParameters::NamedCurve(oid)| oid);
    let curve = match (outer_curve, inner_curve) {
        (Some(a), Some(b)) if a != b => {
            return Err(invalid("EC private key names two different curves"))
        }
        (Some(c), _) | (None, Some(c)) => c,
        (None, None) => return Err(invalid("EC private key without a named curve")),
    };
    #[cfg(feature = "sign")]
    {
        ec_private(curve_of(curve)?, k.private_key, k.public_key).map(KeyMaterial::Ec)
    }
    #[cfg(not(feature = "sign"))]
    {
        // The public point is optional in SEC1: without it, it would have to be computed.
        let point = k
            .public_key
            .ok_or_else(|| public_part_needed("an EC private key without its public point"))?;
        ec_public(curve_of(curve)?, point).map(KeyMaterial::Ec)
    }
}

/// The refusal, in a verifying build, of a private key whose public half is not written in it:
/// computing it is scalar multiplication with the secret, which does not belong in a verifier.
#[cfg(not(feature = "sign"))]
fn public_part_needed(what: &str) -> Error {
    Error::JwkInvalid(format!(
        "{what} does not contain its public key, and jwtlens verifies with public keys: pass the public key (a \"PUBLIC KEY\" PEM, or the JWK without \"d\"); publicJwk() of jwtlens/sign gives it"
    ))
}

/// An EC key from its private scalar (the public point is computed from it).
#[cfg(feature = "sign")]
/// A public point written in the key (SEC1's optional `publicKey`) must be the computed one: the
/// verifying entries read the written point, so a file whose two halves disagree would sign
/// tokens that the same file does not verify.
#[cfg(feature = "sign")]
fn ec_private(curve: Curve, scalar: &[u8], written: Option<&[u8]>) -> Result<EcKey, Error> {
    let bad = || Error::JwkInvalid("EC private key scalar is out of range".into());
    let mismatch =
        || Error::JwkInvalid("EC private key: its public point is not its private key's".into());
    Ok(ec_key_on!(curve, c => {
        let sk = c::ecdsa::SigningKey::from_slice(scalar).map_err(|_| bad())?;
        if let Some(point) = written {
            let stated = c::ecdsa::VerifyingKey::from_sec1_bytes(point)
                .map_err(|_| invalid("EC public key is not a valid point on its curve"))?;
            if stated != *sk.verifying_key() {
                return Err(mismatch());
            }
        }
        EcPair {
            public: *sk.verifying_key(),
            private: Some(sk),
        }
    }))
}

/// An EC public key from JWK coordinates (each exactly the field size).
pub(crate) fn ec_public_xy(crv: &str, x: &[u8], y: &[u8]) -> Result<EcKey, Error> {
    let curve = Curve::from_name(crv)
        .ok_or_else(|| Error::NotSupported(format!("EC curve \"{crv}\" is not supported")))?;
    let size = curve.field_bytes();
    if x.len() != size || y.len() != size {
        return Err(Error::JwkInvalid(format!(
            "{crv} coordinates must be {size} bytes each"
        )));
    }
    let mut point = Vec::with_capacity(1 + 2 * size);
    point.push(0x04);
    point.extend_from_slice(x);
    point.extend_from_slice(y);
    ec_public(curve, &point)
}

#[cfg(test)]
mod tests;
