//! Verification of RSASSA-PKCS1-v1_5 and RSASSA-PSS signatures (RFC 8017 §8.2.2 and §8.1.2) for
//! jwtlens: RS256/384/512 and PS256/384/512 (RFC 7518 §3.3 and §3.5; PSS with MGF1 over the same
//! hash and a salt as long as the hash).
//!
//! ```
//! use jwtlens_rsa_verify::{Hash, Padding, PublicKey};
//! # let (n, e) = (vec![0xffu8; 256], [1u8, 0, 1]);
//! let key = PublicKey::new(&n, &e).ok_or("not an RSA public key")?;
//! let signature = vec![0u8; key.size()];
//! assert!(!key.verify(Padding::Pkcs1v15, Hash::Sha256, b"payload", &signature));
//! # Ok::<(), &str>(())
//! ```
//!
//! What it does not do: sign, decrypt, parse keys (the caller passes the big-endian modulus and
//! exponent), enforce a minimum key size (the caller's policy), or accept PSS salts of any length
//! other than the hash length.
//!
//! # Security
//!
//! Verification handles public values only (the key, the message and the signature), so the code
//! is variable time: the public operation `s^e mod n` is left-to-right square-and-multiply over
//! the bits of `e` (16 squarings and one multiplication for e = 65537), with the Montgomery
//! parameters of `n` computed once in [`PublicKey::new`]. Nothing here may be used with secrets.
//!
//! Every input is bounded: the modulus is at most [`MAX_MODULUS_BITS`] bits, the exponent at
//! most 64 bits, and no input can make the code panic.
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

extern crate alloc;
#[cfg(test)]
extern crate std;

mod key;
mod pkcs1v15;
mod pss;

pub use key::{PublicKey, MAX_MODULUS_BITS};

/// The hash of a JWS RSA algorithm: the message digest, and for PSS also the MGF1 hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    /// SHA-256 (RS256, PS256).
    Sha256,
    /// SHA-384 (RS384, PS384).
    Sha384,
    /// SHA-512 (RS512, PS512).
    Sha512,
}

impl Hash {
    /// The digest length in bytes (hLen): 32, 48 or 64.
    #[must_use]
    pub const fn output_len(self) -> usize {
        match self {
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }

    /// Whether a message of `len` bytes is within the hash's input limit (RFC 8017 §9.1.2 step 1,
    /// §9.2 step 1): 2^64 − 1 bits for SHA-256, 2^128 − 1 bits for SHA-384/512.
    fn accepts_len(self, len: usize) -> bool {
        match self {
            Hash::Sha256 => u64::try_from(len).is_ok_and(|l| l < 1 << 61),
            Hash::Sha384 | Hash::Sha512 => true,
        }
    }
}

/// The signature scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Padding {
    /// RSASSA-PKCS1-v1_5 (RFC 8017 §8.2), as in RS256/384/512.
    Pkcs1v15,
    /// RSASSA-PSS (RFC 8017 §8.1) with MGF1 over the same hash and a salt as long as the hash,
    /// as in PS256/384/512.
    Pss,
}
