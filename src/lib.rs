//! jwtlens: strict JWT/JWS decoding, verification and inspection in pure Rust, built for
//! WebAssembly.
//!
//! The core is plain Rust: [`decode`], [`verify_at`] (the clock is a parameter), [`verify_jws`],
//! [`Key`] and [`Validation`]. The `wasm` module (wasm32 only) is the one boundary to JavaScript.
//!
//! ```
//! use jwtlens::{decode, verify_at, Key, Validation};
//! let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIiwiZXhwIjoxNzAwMDAzNjAwfQ.vJHtrLvOjjtcLAyAxZaYWl8Kx2Ni6Xm-XZBJOpZzBN0";
//! // decode() does not verify anything
//! assert_eq!(decode(token).unwrap().payload.get("sub").and_then(|v| v.as_str()), Some("user-42"));
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod alg;
pub mod base64url;
pub mod error;
pub mod inspect;
pub mod json;
pub mod key;
pub mod sign;
mod text;
pub mod token;
pub mod validate;
pub mod verify;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use alg::Algorithm;
pub use error::{ClaimReason, Error};
pub use inspect::{inspect, InspectOptions, Report};
pub use key::Key;
pub use sign::{generate_key_pair, generate_secret, sign, to_pem, KeyPair, SignOptions};
pub use token::{decode, decode_with_limit, Decoded};
pub use validate::Validation;
pub use verify::{verify, verify_at, verify_jws, Verified, VerifiedJws};

/// Seconds since the Unix epoch from the platform clock.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn now_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(target_arch = "wasm32")]
pub(crate) fn now_seconds() -> u64 {
    wasm::now_seconds()
}
