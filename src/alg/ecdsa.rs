//! ES256 / ES384 / ES512 (RFC 7518 §3.4). Signatures are the raw `R || S` concatenation; DER is
//! refused by its length. `r` and `s` must lie in `[1, n-1]` (CVE-2022-21449). Signing uses the
//! deterministic nonces of RFC 6979.

use crate::algorithm::Algorithm;
use crate::error::Error;
#[cfg(feature = "sign")]
use crate::key::with_ec_key;
use crate::key::EcKey;

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
    // crates/ec-verify: non-generic entry points, so the curve code is compiled at opt-level 3
    // there. `false` also covers r or s zero or not below the group order.
    let ok = match key {
        EcKey::P256(k) => jwtlens_ec_verify::es256(&k.public, message, signature),
        EcKey::P384(k) => jwtlens_ec_verify::es384(&k.public, message, signature),
        EcKey::P521(k) => jwtlens_ec_verify::es512(&k.public, message, signature),
    };
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
