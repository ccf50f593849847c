//! ECDSA verification for ES256, ES384 and ES512 (RFC 7518 §3.4) through concrete, non-generic
//! functions. The arithmetic is RustCrypto's (`p256`, `p384`, `p521`, `ecdsa`); this crate only
//! fixes the curve type so that the generic verify path is instantiated, and therefore optimised,
//! here rather than in the caller (see Cargo.toml).
//!
//! ```
//! use p256::ecdsa::{signature::Signer, Signature, SigningKey};
//! let sk = SigningKey::from_slice(&[7u8; 32]).map_err(|_| "key")?;
//! let sig: Signature = sk.sign(b"payload");
//! assert!(jwtlens_ec_verify::es256(sk.verifying_key(), b"payload", &sig.to_bytes()));
//! assert!(!jwtlens_ec_verify::es256(sk.verifying_key(), b"other", &sig.to_bytes()));
//! # Ok::<(), &str>(())
//! ```
//!
//! Each function takes the raw `R || S` signature of JWS and returns whether it is valid: a
//! signature of the wrong length, or with `r` or `s` outside `[1, n-1]`, is invalid.
#![no_std]
#![forbid(unsafe_code)]

use p256::ecdsa::signature::Verifier;

/// ES256: ECDSA on P-256 with SHA-256.
#[must_use]
pub fn es256(key: &p256::ecdsa::VerifyingKey, message: &[u8], signature: &[u8]) -> bool {
    p256::ecdsa::Signature::from_slice(signature).is_ok_and(|s| key.verify(message, &s).is_ok())
}

/// ES384: ECDSA on P-384 with SHA-384.
#[must_use]
pub fn es384(key: &p384::ecdsa::VerifyingKey, message: &[u8], signature: &[u8]) -> bool {
    p384::ecdsa::Signature::from_slice(signature).is_ok_and(|s| key.verify(message, &s).is_ok())
}

/// ES512: ECDSA on P-521 with SHA-512.
#[must_use]
pub fn es512(key: &p521::ecdsa::VerifyingKey, message: &[u8], signature: &[u8]) -> bool {
    p521::ecdsa::Signature::from_slice(signature).is_ok_and(|s| key.verify(message, &s).is_ok())
}
