//! HS256 / HS384 / HS512 (RFC 7518 §3.2). The MAC is compared in constant time.

use super::{wrong_length, Algorithm, Hash};
use crate::error::Error;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Sha256, Sha384, Sha512};

fn mac_verify<M: Mac + KeyInit>(secret: &[u8], message: &[u8], tag: &[u8]) -> Result<(), Error> {
    let mut mac = <M as KeyInit>::new_from_slice(secret)
        .map_err(|_| Error::AlgNotAllowed("unusable HMAC secret".into()))?;
    mac.update(message);
    mac.verify_slice(tag)
        .map_err(|_| Error::SignatureVerificationFailed)
}

pub(super) fn verify(
    alg: Algorithm,
    secret: &[u8],
    message: &[u8],
    tag: &[u8],
) -> Result<(), Error> {
    let len = alg.hash().output_len();
    if tag.len() != len {
        return Err(wrong_length(alg, len, tag.len()));
    }
    match alg.hash() {
        Hash::Sha256 => mac_verify::<Hmac<Sha256>>(secret, message, tag),
        Hash::Sha384 => mac_verify::<Hmac<Sha384>>(secret, message, tag),
        Hash::Sha512 => mac_verify::<Hmac<Sha512>>(secret, message, tag),
    }
}
