//! The JWS algorithms of RFC 7518 §3 plus EdDSA (RFC 8037). `none` is deliberately not one.

#[cfg(feature = "asymmetric")]
mod ecdsa;
#[cfg(feature = "asymmetric")]
mod eddsa;
mod hmac;
#[cfg(feature = "asymmetric")]
mod rsa;

use crate::error::Error;
use crate::key::{Key, KeyMaterial, SingleKey};

/// A JWS signature algorithm jwtlens implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Algorithm {
    HS256,
    HS384,
    HS512,
    RS256,
    RS384,
    RS512,
    PS256,
    PS384,
    PS512,
    ES256,
    ES384,
    ES512,
    EdDSA,
}

/// Algorithm families: a key's type fixes its family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// HS256/384/512
    Hmac,
    /// RS256/384/512 (PKCS#1 v1.5)
    Rsa,
    /// PS256/384/512
    RsaPss,
    /// ES256/384/512
    Ecdsa,
    /// EdDSA (Ed25519)
    EdDsa,
}

impl Family {
    /// The name used in reports: `HMAC`, `RSA`, `RSA-PSS`, `ECDSA`, `EdDSA`.
    pub fn name(self) -> &'static str {
        match self {
            Family::Hmac => "HMAC",
            Family::Rsa => "RSA",
            Family::RsaPss => "RSA-PSS",
            Family::Ecdsa => "ECDSA",
            Family::EdDsa => "EdDSA",
        }
    }
}

/// The hash inside an algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    /// SHA-256
    Sha256,
    /// SHA-384
    Sha384,
    /// SHA-512
    Sha512,
}

impl Hash {
    /// Output length in bytes.
    pub fn output_len(self) -> usize {
        match self {
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }
}

/// Every algorithm, in the order of RFC 7518 §3.1 (then EdDSA).
pub const ALL: [Algorithm; 13] = [
    Algorithm::HS256,
    Algorithm::HS384,
    Algorithm::HS512,
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::ES512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::EdDSA,
];

/// Registered JWS algorithm names (IANA) that jwtlens does not implement.
pub const REGISTERED_UNSUPPORTED: [&str; 4] = ["ES256K", "Ed25519", "Ed448", "RS1"];

impl Algorithm {
    /// The algorithm with this exact (case-sensitive) JWS name.
    pub fn from_name(name: &str) -> Option<Algorithm> {
        ALL.iter().copied().find(|a| a.name() == name)
    }

    /// The JWS `alg` name.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::HS256 => "HS256",
            Algorithm::HS384 => "HS384",
            Algorithm::HS512 => "HS512",
            Algorithm::RS256 => "RS256",
            Algorithm::RS384 => "RS384",
            Algorithm::RS512 => "RS512",
            Algorithm::PS256 => "PS256",
            Algorithm::PS384 => "PS384",
            Algorithm::PS512 => "PS512",
            Algorithm::ES256 => "ES256",
            Algorithm::ES384 => "ES384",
            Algorithm::ES512 => "ES512",
            Algorithm::EdDSA => "EdDSA",
        }
    }

    /// The family.
    pub fn family(self) -> Family {
        match self {
            Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => Family::Hmac,
            Algorithm::RS256 | Algorithm::RS384 | Algorithm::RS512 => Family::Rsa,
            Algorithm::PS256 | Algorithm::PS384 | Algorithm::PS512 => Family::RsaPss,
            Algorithm::ES256 | Algorithm::ES384 | Algorithm::ES512 => Family::Ecdsa,
            Algorithm::EdDSA => Family::EdDsa,
        }
    }

    /// The hash (SHA-512 for EdDSA, which hashes internally).
    pub fn hash(self) -> Hash {
        match self {
            Algorithm::HS256 | Algorithm::RS256 | Algorithm::PS256 | Algorithm::ES256 => {
                Hash::Sha256
            }
            Algorithm::HS384 | Algorithm::RS384 | Algorithm::PS384 | Algorithm::ES384 => {
                Hash::Sha384
            }
            Algorithm::HS512
            | Algorithm::RS512
            | Algorithm::PS512
            | Algorithm::ES512
            | Algorithm::EdDSA => Hash::Sha512,
        }
    }

    /// The JWK `kty` that fits.
    pub fn kty(self) -> &'static str {
        match self.family() {
            Family::Hmac => "oct",
            Family::Rsa | Family::RsaPss => "RSA",
            Family::Ecdsa => "EC",
            Family::EdDsa => "OKP",
        }
    }

    /// The JWK `crv` that fits, for curve-based algorithms.
    pub fn crv(self) -> Option<&'static str> {
        match self {
            Algorithm::ES256 => Some("P-256"),
            Algorithm::ES384 => Some("P-384"),
            Algorithm::ES512 => Some("P-521"),
            Algorithm::EdDSA => Some("Ed25519"),
            _ => None,
        }
    }

    /// A one-line description for people.
    pub fn description(self) -> &'static str {
        match self {
            Algorithm::HS256 => "HMAC using SHA-256 (shared secret)",
            Algorithm::HS384 => "HMAC using SHA-384 (shared secret)",
            Algorithm::HS512 => "HMAC using SHA-512 (shared secret)",
            Algorithm::RS256 => "RSASSA-PKCS1-v1_5 using SHA-256",
            Algorithm::RS384 => "RSASSA-PKCS1-v1_5 using SHA-384",
            Algorithm::RS512 => "RSASSA-PKCS1-v1_5 using SHA-512",
            Algorithm::PS256 => "RSASSA-PSS using SHA-256 and MGF1 with SHA-256",
            Algorithm::PS384 => "RSASSA-PSS using SHA-384 and MGF1 with SHA-384",
            Algorithm::PS512 => "RSASSA-PSS using SHA-512 and MGF1 with SHA-512",
            Algorithm::ES256 => "ECDSA using P-256 and SHA-256",
            Algorithm::ES384 => "ECDSA using P-384 and SHA-384",
            Algorithm::ES512 => "ECDSA using P-521 and SHA-512",
            Algorithm::EdDSA => "EdDSA signature algorithms (Ed25519)",
        }
    }
}

fn wrong_length(alg: Algorithm, expected: usize, got: usize) -> Error {
    Error::JwsInvalid(format!(
        "{} signature must be {expected} bytes, got {got}",
        alg.name()
    ))
}

/// Checks a raw JWS signature over `message` (the ASCII `header.payload`) with `key`.
///
/// The key must fit the algorithm (family, curve, strength); for a key set, use the key chosen
/// by [`Key::select`] first.
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
    verify_signature_opts(alg, key, message, signature, false)
}

pub(crate) fn verify_signature_opts(
    alg: Algorithm,
    key: &Key,
    message: &[u8],
    signature: &[u8],
    allow_short_secrets: bool,
) -> Result<(), Error> {
    let single = key.single_for(alg)?;
    single.check_fit(alg, allow_short_secrets)?;
    verify_with(alg, single, message, signature)
}

/// The signature check proper, for a key already selected and checked for fitness.
pub(crate) fn verify_with(
    alg: Algorithm,
    single: &SingleKey,
    message: &[u8],
    signature: &[u8],
) -> Result<(), Error> {
    match (&single.material, alg.family()) {
        (KeyMaterial::Secret(secret), Family::Hmac) => {
            hmac::verify(alg, secret, message, signature)
        }
        #[cfg(feature = "asymmetric")]
        (KeyMaterial::Rsa(k), Family::Rsa | Family::RsaPss) => {
            rsa::verify(alg, k, message, signature)
        }
        #[cfg(feature = "asymmetric")]
        (KeyMaterial::Ec(k), Family::Ecdsa) => ecdsa::verify(alg, k, message, signature),
        #[cfg(feature = "asymmetric")]
        (KeyMaterial::Ed25519(k), Family::EdDsa) => eddsa::verify(alg, k, message, signature),
        _ => Err(Error::AlgNotAllowed(format!(
            "{} cannot be used with this key type",
            alg.name()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_case_sensitive() {
        for a in ALL {
            assert_eq!(Algorithm::from_name(a.name()), Some(a));
        }
        assert_eq!(Algorithm::from_name("hs256"), None);
        assert_eq!(Algorithm::from_name("none"), None);
        assert_eq!(Algorithm::from_name("ES256K"), None);
    }

    #[test]
    fn families_and_curves() {
        assert_eq!(Algorithm::PS384.family(), Family::RsaPss);
        assert_eq!(Algorithm::ES512.crv(), Some("P-521"));
        assert_eq!(Algorithm::HS384.hash().output_len(), 48);
        assert_eq!(Algorithm::EdDSA.kty(), "OKP");
    }
}
