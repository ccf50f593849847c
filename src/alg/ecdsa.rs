//! ES256 / ES384 / ES512 (RFC 7518 §3.4). Signatures are the raw `R || S` concatenation; DER is
//! refused by its length. `r` and `s` must lie in `[1, n-1]` (CVE-2022-21449).

use super::{wrong_length, Algorithm};
use crate::error::Error;
use crate::key::EcKey;
use p256::ecdsa::signature::Verifier;

pub(super) fn verify(
    alg: Algorithm,
    key: &EcKey,
    message: &[u8],
    signature: &[u8],
) -> Result<(), Error> {
    let expected = match key {
        EcKey::P256 { .. } => 64,
        EcKey::P384 { .. } => 96,
        EcKey::P521 { .. } => 132,
    };
    if signature.len() != expected {
        return Err(wrong_length(alg, expected, signature.len()));
    }
    let ok = match key {
        EcKey::P256 { public, .. } => p256::ecdsa::Signature::from_slice(signature)
            .ok()
            .map(|s| public.verify(message, &s).is_ok()),
        EcKey::P384 { public, .. } => p384::ecdsa::Signature::from_slice(signature)
            .ok()
            .map(|s| public.verify(message, &s).is_ok()),
        EcKey::P521 { public, .. } => p521::ecdsa::Signature::from_slice(signature)
            .ok()
            .map(|s| public.verify(message, &s).is_ok()),
    };
    match ok {
        Some(true) => Ok(()),
        // `None`: r or s is zero or not below the group order.
        _ => Err(Error::SignatureVerificationFailed),
    }
}
