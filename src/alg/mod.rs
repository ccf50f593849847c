//! Signatures: one file per algorithm family owns its verification and (with the `sign`
//! feature) its signing; this module holds the two dispatchers.

#[cfg(feature = "asymmetric")]
mod ecdsa;
#[cfg(feature = "asymmetric")]
mod eddsa;
pub(crate) mod hmac;
#[cfg(feature = "asymmetric")]
mod rsa;

use crate::algorithm::{Algorithm, Family};
use crate::error::Error;
use crate::key::KeyMaterial;

/// Checks a raw JWS `signature` over `message` (the ASCII `header.payload`) with key material
/// already selected and checked for fitness.
///
/// # Errors
/// `ERR_JWS_INVALID` for a signature of the wrong length, `ERR_JWS_SIGNATURE_VERIFICATION_FAILED`
/// when it does not verify, `ERR_JOSE_ALG_NOT_ALLOWED` for material of another family.
pub(crate) fn verify(
    alg: Algorithm,
    material: &KeyMaterial,
    message: &[u8],
    signature: &[u8],
) -> Result<(), Error> {
    match (material, alg.family()) {
        (KeyMaterial::Secret(secret), Family::Hmac) => {
            hmac::verify_keyed(alg, secret, message, signature)
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

/// Signs `message` with the private half of key material already checked for fitness.
///
/// # Errors
/// `ERR_JOSE_ALG_NOT_ALLOWED` for material of another family or without a private half,
/// `ERR_JOSE_NOT_SUPPORTED` when PS* finds no random number generator.
#[cfg(feature = "sign")]
pub(crate) fn sign(
    alg: Algorithm,
    material: &KeyMaterial,
    message: &[u8],
) -> Result<Vec<u8>, Error> {
    match (material, alg.family()) {
        (KeyMaterial::Secret(s), Family::Hmac) => hmac::sign(alg, s, message),
        #[cfg(feature = "asymmetric")]
        (KeyMaterial::Rsa(k), Family::Rsa | Family::RsaPss) => rsa::sign(alg, k, message),
        #[cfg(feature = "asymmetric")]
        (KeyMaterial::Ec(k), Family::Ecdsa) => ecdsa::sign(alg, k, message),
        #[cfg(feature = "asymmetric")]
        (KeyMaterial::Ed25519(k), Family::EdDsa) => eddsa::sign(alg, k, message),
        _ => Err(Error::unfit_key(alg.name(), "sign with")),
    }
}
