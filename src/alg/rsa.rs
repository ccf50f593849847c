//! RS256/384/512 (RSASSA-PKCS1-v1_5) and PS256/384/512 (RSASSA-PSS, MGF1 with the same hash,
//! salt length = hash length), RFC 7518 §3.3 and §3.5. Verification is crates/rsa-verify's
//! (square-and-multiply for the public exponent, prepared once per key, built at opt-level 3);
//! signing is RustCrypto `rsa`'s.

use crate::algorithm::{Algorithm, Family, Hash};
use crate::error::Error;
use crate::key::RsaKey;
use jwtlens_rsa_verify::{Hash as VerifyHash, Padding};

/// Checks a signature as long as the modulus.
pub(super) fn verify(
    alg: Algorithm,
    key: &RsaKey,
    message: &[u8],
    signature: &[u8],
) -> Result<(), Error> {
    let k = key.verifier.size();
    if signature.len() != k {
        return Err(Error::signature_length(alg.name(), k, signature.len()));
    }
    let padding = match alg.family() {
        Family::Rsa => Padding::Pkcs1v15,
        _ => Padding::Pss,
    };
    let hash = match alg.hash() {
        Hash::Sha256 => VerifyHash::Sha256,
        Hash::Sha384 => VerifyHash::Sha384,
        Hash::Sha512 => VerifyHash::Sha512,
    };
    if key.verifier.verify(padding, hash, message, signature) {
        Ok(())
    } else {
        Err(Error::SignatureVerificationFailed)
    }
}

/// Signs `message`: PKCS#1 v1.5 for RS*, PSS with a random salt as long as the hash for PS*.
#[cfg(feature = "sign")]
pub(super) fn sign(alg: Algorithm, key: &RsaKey, message: &[u8]) -> Result<Vec<u8>, Error> {
    use rsa::signature::{RandomizedSigner, SignatureEncoding, Signer};
    use sha2::{Sha256, Sha384, Sha512};
    let failed = |e: rsa::signature::Error| Error::JwkInvalid(format!("signing failed: {e}"));
    let p = key
        .private
        .clone()
        .ok_or_else(|| Error::unfit_key(alg.name(), "sign with"))?;
    let sig = match alg.family() {
        Family::Rsa => match alg.hash() {
            Hash::Sha256 => rsa::pkcs1v15::SigningKey::<Sha256>::new(p)
                .try_sign(message)
                .map_err(failed)?
                .to_vec(),
            Hash::Sha384 => rsa::pkcs1v15::SigningKey::<Sha384>::new(p)
                .try_sign(message)
                .map_err(failed)?
                .to_vec(),
            Hash::Sha512 => rsa::pkcs1v15::SigningKey::<Sha512>::new(p)
                .try_sign(message)
                .map_err(failed)?
                .to_vec(),
        },
        _ => {
            let mut rng = getrandom::SysRng;
            // `new` uses a salt as long as the hash (RFC 7518 §3.5).
            match alg.hash() {
                Hash::Sha256 => rsa::pss::SigningKey::<Sha256>::new(p)
                    .try_sign_with_rng(&mut rng, message)
                    .map_err(failed)?
                    .to_vec(),
                Hash::Sha384 => rsa::pss::SigningKey::<Sha384>::new(p)
                    .try_sign_with_rng(&mut rng, message)
                    .map_err(failed)?
                    .to_vec(),
                Hash::Sha512 => rsa::pss::SigningKey::<Sha512>::new(p)
                    .try_sign_with_rng(&mut rng, message)
                    .map_err(failed)?
                    .to_vec(),
            }
        }
    };
    Ok(sig)
}
