//! ES256 / ES384 / ES512 (RFC 7518 §3.4). Signatures are the raw `R || S` concatenation; DER is
//! refused by its length. `r` and `s` must lie in `[1, n-1]` (CVE-2022-21449). Signing uses the
//! deterministic nonces of RFC 6979.

use crate::algorithm::Algorithm;
use crate::error::Error;
use crate::key::{with_ec_key, EcKey};

/// Checks an `R || S` signature.
pub(super) fn verify(
    alg: Algorithm,
    key: &EcKey,
    message: &[u8],
    signature: &[u8],
) -> Result<(), Error> {
    let expected = 2 * key.curve().field_bytes();
    if signature.len() != expected {
        return Err(Error::signature_length(
            alg.name(),
            expected,
            signature.len(),
        ));
    }
    let ok = with_ec_key!(key, k, c => {
        use c::ecdsa::signature::Verifier;
        // `None`: r or s is zero or not below the group order.
        c::ecdsa::Signature::from_slice(signature)
            .ok()
            .is_some_and(|s| k.public.verify(message, &s).is_ok())
    });
    if ok {
        Ok(())
    } else {
        Err(Error::SignatureVerificationFailed)
    }
}

/// Signs `message`, giving `R || S`.
#[cfg(feature = "sign")]
pub(super) fn sign(alg: Algorithm, key: &EcKey, message: &[u8]) -> Result<Vec<u8>, Error> {
    with_ec_key!(key, k, c => {
        use c::ecdsa::signature::Signer;
        let sk = k.private.as_ref().ok_or_else(|| Error::unfit_key(alg.name(), "sign with"))?;
        let s: c::ecdsa::Signature = sk
            .try_sign(message)
            .map_err(|e| Error::JwkInvalid(format!("signing failed: {e}")))?;
        Ok(s.to_bytes().to_vec())
    })
}
