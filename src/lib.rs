//! jwtlens: strict JWT/JWS decoding, verification, inspection and signing in pure Rust, built for
//! WebAssembly.
//!
//! The API is re-exported here: [`decode`], [`verify_at`] and [`verify_jws`] with a [`Key`] and
//! a [`Validation`], [`inspect`], and with the `sign` feature (on by default) [`sign`], key
//! generation and export. The clock is always a parameter: the core never reads it. The `wasm`
//! module (wasm32 only) is the one boundary to JavaScript.
//!
//! ```
//! use jwtlens::{decode, verify_at, Algorithm, Key, Validation};
//! let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIiwiZXhwIjoxNzAwMDAzNjAwfQ.vJHtrLvOjjtcLAyAxZaYWl8Kx2Ni6Xm-XZBJOpZzBN0";
//! // decode() does not verify anything
//! let claims = decode(token).unwrap().payload;
//! assert_eq!(claims.get("sub").and_then(|v| v.as_str()), Some("user-42"));
//!
//! let key = Key::from_secret(b"a secret of at least thirty-two bytes!").unwrap();
//! let err = verify_at(token, &key, &Validation::new(&[Algorithm::HS256]), 1_700_000_000).unwrap_err();
//! assert_eq!(err.code(), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
//! ```

mod alg;
mod algorithm;
mod base64url;
mod error;
mod header;
mod inspect;
mod json;
mod key;
mod options;
mod paste;
#[cfg(feature = "sign")]
mod sign;
mod text;
mod token;
mod validate;
mod verifier;
mod verify;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use algorithm::{Algorithm, Family, Hash};
pub use error::{ClaimReason, Error};
pub use inspect::{
    inspect, AlgorithmInfo, ClaimInfo, Finding, FindingCode, InspectOptions, Report, Severity,
    Size, Status,
};
pub use json::{Number, Value};
pub use key::Key;
#[cfg(feature = "sign")]
pub use key::{generate_key_pair, generate_secret, jwk_thumbprint, to_pem, KeyPair};
#[cfg(feature = "sign")]
pub use sign::{sign, sign_jws, IssuedAt, SignOptions};
pub use token::{decode, decode_with_limit, Decoded};
pub use validate::Validation;
pub use verifier::Verifier;
pub use verify::{select_jwk, verify_at, verify_jws, verify_signature, Verified, VerifiedJws};

/// The bounds jwtlens enforces on its inputs (docs/API.md, "Bounds").
pub mod limits {
    pub use crate::header::MAX_CRIT_NAMES;
    pub use crate::inspect::MAX_INSPECT_BYTES;
    pub use crate::json::{MAX_DEPTH as MAX_JSON_DEPTH, MAX_MEMBERS as MAX_JSON_MEMBERS};
    #[cfg(feature = "asymmetric")]
    pub use crate::key::MAX_PEM_BYTES;
    pub use crate::key::{MAX_JWKS_KEYS, MAX_REMOTE_JWKS_BYTES, MAX_RSA_BITS, MIN_RSA_BITS};
    pub use crate::token::DEFAULT_MAX_TOKEN_BYTES;
}

/// **Not API.** What this repository's fuzz targets, integration tests and benchmarks reach
/// inside the crate: the JSON parser, base64url, the JS option protocol, raw signing. It may
/// change in any release; nothing outside this repository should use it.
#[doc(hidden)]
pub mod internals {
    pub use crate::algorithm::{ALL as ALL_ALGORITHMS, REGISTERED_UNSUPPORTED};
    /// Strict base64url.
    pub mod base64url {
        pub use crate::base64url::*;
    }
    pub use crate::inspect::{
        MAX_DETAIL_CHARS, MAX_FINDINGS_PER_CODE, MAX_LOCATION_CHARS, REPORT_BYTES_FIXED,
        REPORT_BYTES_PER_TOKEN_BYTE,
    };
    /// The bounded JSON parser and its values.
    pub mod json {
        pub use crate::json::*;
    }
    #[cfg(feature = "sign")]
    pub use crate::options::sign_options;
    pub use crate::options::validation as validation_options;
    pub use crate::paste::{pasted_head, pasted_tail, reduce_in_windows, trim_pasted, PastedHead};
    #[cfg(feature = "sign")]
    pub use crate::sign::sign_raw;
}
