//! EdDSA with Ed25519 (RFC 8037). Verification is strict (RFC 8032 §5.1.7 with the
//! small-order and canonical-encoding checks of `verify_strict`).

use crate::algorithm::Algorithm;
use crate::error::Error;
use crate::key::EdKey;

/// Checks a 64-byte Ed25519 signature.
pub(super) fn verify(
    alg: Algorithm,
    key: &EdKey,
    message: &[u8],
    signature: &[u8],
) -> Result<(), Error> {
    let bytes: [u8; 64] = signature
        .try_into()
        .map_err(|_| Error::signature_length(alg.name(), 64, signature.len()))?;
    let sig = ed25519_dalek::Signature::from_bytes(&bytes);
    key.public
        .verify_strict(message, &sig)
        .map_err(|_| Error::SignatureVerificationFailed)
}

/// Signs `message` (Ed25519 is deterministic).
#[cfg(feature = "sign")]
pub(super) fn sign(alg: Algorithm, key: &EdKey, message: &[u8]) -> Result<Vec<u8>, Error> {
    use ed25519_dalek::Signer;
    let sk = key
        .private
        .as_ref()
        .ok_or_else(|| Error::unfit_key(alg.name(), "sign with"))?;
    Ok(sk.sign(message).to_bytes().to_vec())
}
