//! An imported HMAC secret with its keyed HMAC states (issue 20).

use crate::error::Error;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Sha256, Sha384, Sha512};
use std::sync::OnceLock;

/// An HMAC secret of an imported key, with its keyed HMAC state per hash made on first use and
/// cloned per token: keying costs two compression-function calls, a third or more of verifying
/// a typical token, and a prepared key (importKey, createVerifier) pays it once. Nothing about
/// a token is kept: the state is a function of the secret alone.
#[derive(Clone)]
pub(crate) struct HmacSecret {
    bytes: Vec<u8>,
    // Boxed: the three states are ~800 bytes, and a Key stays small to move.
    keyed: Box<KeyedStates>,
}

#[derive(Clone, Default)]
struct KeyedStates {
    hs256: OnceLock<Hmac<Sha256>>,
    hs384: OnceLock<Hmac<Sha384>>,
    hs512: OnceLock<Hmac<Sha512>>,
}

impl HmacSecret {
    pub(crate) fn new(bytes: Vec<u8>) -> HmacSecret {
        HmacSecret {
            bytes,
            keyed: Box::default(),
        }
    }
}

impl std::ops::Deref for HmacSecret {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.bytes
    }
}

/// An HMAC state keyed with `secret` (HMAC takes any length; the error is for completeness).
pub(crate) fn keyed_mac<M: Mac + KeyInit>(secret: &[u8]) -> Result<M, Error> {
    <M as KeyInit>::new_from_slice(secret)
        .map_err(|_| Error::AlgNotAllowed("unusable HMAC secret".into()))
}

/// The keyed state in `cell`, made from `secret` when missing.
fn keyed_once<M: Mac + KeyInit + Clone>(cell: &OnceLock<M>, secret: &[u8]) -> Result<M, Error> {
    if let Some(m) = cell.get() {
        return Ok(m.clone());
    }
    let m: M = keyed_mac(secret)?;
    // set() only fails when the cell is full, which it was not a moment ago.
    let _ = cell.set(m.clone());
    Ok(m)
}

impl HmacSecret {
    /// The HMAC-SHA-256 state keyed with the secret (made on first use).
    pub(crate) fn sha256(&self) -> Result<Hmac<Sha256>, Error> {
        keyed_once(&self.keyed.hs256, &self.bytes)
    }
    /// The HMAC-SHA-384 state keyed with the secret (made on first use).
    pub(crate) fn sha384(&self) -> Result<Hmac<Sha384>, Error> {
        keyed_once(&self.keyed.hs384, &self.bytes)
    }
    /// The HMAC-SHA-512 state keyed with the secret (made on first use).
    pub(crate) fn sha512(&self) -> Result<Hmac<Sha512>, Error> {
        keyed_once(&self.keyed.hs512, &self.bytes)
    }
}
