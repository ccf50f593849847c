//! The [`Report`] and its parts, and the options `inspect` takes. Its JSON form is written by
//! `json_out.rs`; its bounds are in `bounds.rs`.

use super::findings::Finding;
use crate::json::Value;

/// Options of `inspect`.
#[derive(Debug, Clone, Default)]
pub struct InspectOptions {
    /// Seconds since the epoch to judge time claims against.
    pub now: f64,
    /// A secret to check an HS* signature with.
    pub secret: Option<Vec<u8>>,
}

/// The report. See the contract's `Report` type.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// `JWS`, `JWE`, `unsecured` or `invalid`.
    pub kind: &'static str,
    /// Protected header, when it decodes.
    pub header: Option<Value>,
    /// Claims, when they decode to an object.
    pub payload: Option<Value>,
    /// Raw segments.
    pub segments: Vec<String>,
    /// The header's `alg`, explained.
    pub algorithm: Option<AlgorithmInfo>,
    /// Claims explained, in payload order.
    pub claims: Vec<ClaimInfo>,
    /// Whether the token is currently valid by its time claims.
    pub status: Status,
    /// Findings, most severe first.
    pub findings: Vec<Finding>,
    /// Lengths of the token and of its segments.
    pub size: Size,
    /// With `options.secret` on an HS* token: whether the signature verified with it.
    pub secret_verified: Option<bool>,
    /// The built-in weak secret that produced the signature.
    pub weak_secret: Option<String>,
}

impl Report {
    /// The report of an input nothing has been read from yet: kind `invalid`, state `unknown`.
    pub(crate) fn invalid() -> Report {
        Report {
            kind: "invalid",
            header: None,
            payload: None,
            segments: Vec::new(),
            algorithm: None,
            claims: Vec::new(),
            status: Status {
                state: "unknown",
                seconds_left: None,
            },
            findings: Vec::new(),
            size: Size::default(),
            secret_verified: None,
            weak_secret: None,
        }
    }
}

/// The header's `alg`, explained (for a JWE: its key management and content encryption).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlgorithmInfo {
    /// The `alg` value as written.
    pub name: String,
    /// `HMAC`, `RSA`, `RSA-PSS`, `ECDSA`, `EdDSA`, `none` or `unknown`.
    pub family: &'static str,
    /// One phrase.
    pub description: String,
}

/// One claim, explained.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimInfo {
    /// Member name.
    pub name: String,
    /// Value.
    pub value: Value,
    /// Human label ("Expiration Time"), or "Custom claim".
    pub label: String,
    /// One sentence.
    pub description: String,
    /// Registered or well known.
    pub registered: bool,
    /// ISO 8601 UTC, for NumericDate claims.
    pub time: Option<String>,
    /// "in 14 minutes", for NumericDate claims.
    pub relative: Option<String>,
}

/// The token's validity by its time claims, at the `now` of the options.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Status {
    /// `active`, `expired`, `not_yet_valid`, `no_expiry`, `unknown`.
    pub state: &'static str,
    /// `exp - now`, when `exp` is a number.
    pub seconds_left: Option<f64>,
}

/// UTF-8 lengths: of the trimmed token and of its header, payload and signature segments (for a
/// JWE: its header, ciphertext and authentication tag).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Size {
    /// The whole token, after trimming whitespace and a `Bearer` prefix.
    pub bytes: usize,
    /// The header segment.
    pub header: usize,
    /// The payload (JWE: ciphertext) segment.
    pub payload: usize,
    /// The signature (JWE: authentication tag) segment.
    pub signature: usize,
}
