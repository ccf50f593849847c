//! HS256 / HS384 / HS512 (RFC 7518 §3.2): verifying (the MAC compared in constant time), signing,
//! and trying a fixed list of secrets against a tag (inspect's weak-secret scan).

use crate::algorithm::{Algorithm, Hash};
use crate::error::Error;
use crate::key::{keyed_mac, HmacSecret};
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Sha256, Sha384, Sha512};
use std::sync::OnceLock;

/// An HS* tag has exactly the hash's length.
fn check_length(alg: Algorithm, tag: &[u8]) -> Result<(), Error> {
    let len = alg.hash().output_len();
    if tag.len() == len {
        Ok(())
    } else {
        Err(Error::signature_length(alg.name(), len, tag.len()))
    }
}

fn check_tag<M: Mac>(mut mac: M, message: &[u8], tag: &[u8]) -> Result<(), Error> {
    mac.update(message);
    mac.verify_slice(tag)
        .map_err(|_| Error::SignatureVerificationFailed)
}

/// Checks the HMAC `tag` of `message` under a key's secret, reusing its keyed state.
pub(super) fn verify_keyed(
    alg: Algorithm,
    secret: &HmacSecret,
    message: &[u8],
    tag: &[u8],
) -> Result<(), Error> {
    check_length(alg, tag)?;
    match alg.hash() {
        Hash::Sha256 => check_tag(secret.sha256()?, message, tag),
        Hash::Sha384 => check_tag(secret.sha384()?, message, tag),
        Hash::Sha512 => check_tag(secret.sha512()?, message, tag),
    }
}

fn mac_verify<M: Mac + KeyInit>(secret: &[u8], message: &[u8], tag: &[u8]) -> Result<(), Error> {
    check_tag(keyed_mac::<M>(secret)?, message, tag)
}

/// Checks the HMAC `tag` of `message` under `secret`.
fn verify(alg: Algorithm, secret: &[u8], message: &[u8], tag: &[u8]) -> Result<(), Error> {
    check_length(alg, tag)?;
    match alg.hash() {
        Hash::Sha256 => mac_verify::<Hmac<Sha256>>(secret, message, tag),
        Hash::Sha384 => mac_verify::<Hmac<Sha384>>(secret, message, tag),
        Hash::Sha512 => mac_verify::<Hmac<Sha512>>(secret, message, tag),
    }
}

/// Whether `tag` is the HMAC of `message` under `secret` for the HS* `alg` (false for any other
/// algorithm or a tag of the wrong length).
pub(crate) fn matches(alg: Algorithm, secret: &[u8], message: &[u8], tag: &[u8]) -> bool {
    alg.family() == crate::algorithm::Family::Hmac && verify(alg, secret, message, tag).is_ok()
}

#[cfg(feature = "sign")]
fn mac_tag<M: Mac + KeyInit>(secret: &[u8], msg: &[u8]) -> Result<Vec<u8>, Error> {
    let mut m = keyed_mac::<M>(secret)?;
    m.update(msg);
    Ok(m.finalize().into_bytes().to_vec())
}

/// The HMAC of `message` under `secret`.
#[cfg(feature = "sign")]
pub(super) fn sign(alg: Algorithm, secret: &[u8], message: &[u8]) -> Result<Vec<u8>, Error> {
    match alg.hash() {
        Hash::Sha256 => mac_tag::<Hmac<Sha256>>(secret, message),
        Hash::Sha384 => mac_tag::<Hmac<Sha384>>(secret, message),
        Hash::Sha512 => mac_tag::<Hmac<Sha512>>(secret, message),
    }
}

type Keyed<M> = OnceLock<Vec<(&'static str, M)>>;

/// A fixed list of secrets with their HMAC instances keyed once per hash (on first use) and
/// cloned per tag: keying costs two compression-function calls per secret, a third of the work
/// of trying a typical token.
pub(crate) struct KeyedSecrets {
    list: fn() -> Vec<&'static str>,
    hs256: Keyed<Hmac<Sha256>>,
    hs384: Keyed<Hmac<Sha384>>,
    hs512: Keyed<Hmac<Sha512>>,
}

impl KeyedSecrets {
    /// The secrets `list` returns, keyed lazily.
    pub(crate) const fn new(list: fn() -> Vec<&'static str>) -> KeyedSecrets {
        KeyedSecrets {
            list,
            hs256: OnceLock::new(),
            hs384: OnceLock::new(),
            hs512: OnceLock::new(),
        }
    }

    fn keyed<M: Mac + KeyInit + Clone>(
        &self,
        cell: &'static Keyed<M>,
    ) -> &'static [(&'static str, M)] {
        cell.get_or_init(|| {
            (self.list)()
                .into_iter()
                .filter_map(|s| {
                    <M as KeyInit>::new_from_slice(s.as_bytes())
                        .ok()
                        .map(|m| (s, m))
                })
                .collect()
        })
    }

    /// The first secret of the list whose HMAC of `message` is `tag`.
    pub(crate) fn find(
        &'static self,
        alg: Algorithm,
        message: &[u8],
        tag: &[u8],
    ) -> Option<&'static str> {
        if tag.len() != alg.hash().output_len() {
            return None;
        }
        match alg {
            Algorithm::HS256 => first(self.keyed(&self.hs256), message, tag),
            Algorithm::HS384 => first(self.keyed(&self.hs384), message, tag),
            Algorithm::HS512 => first(self.keyed(&self.hs512), message, tag),
            _ => None,
        }
    }
}

fn first<M: Mac + KeyInit + Clone>(
    keys: &'static [(&'static str, M)],
    message: &[u8],
    tag: &[u8],
) -> Option<&'static str> {
    keys.iter().find_map(|(s, m)| {
        let mut m = m.clone();
        m.update(message);
        m.verify_slice(tag).is_ok().then_some(*s)
    })
}
