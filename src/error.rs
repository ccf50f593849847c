//! The one error type. Every variant maps to exactly one code of the contract (`API.md`).

use std::fmt;

/// Why a claim check failed (`reason` in the JS `JwtError`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimReason {
    /// The claim is absent (or `null`).
    Missing,
    /// The claim is present with the right type but its value does not pass.
    CheckFailed,
    /// The claim has the wrong JSON type.
    Invalid,
}

impl ClaimReason {
    /// The contract's spelling: `missing`, `check_failed`, `invalid`.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimReason::Missing => "missing",
            ClaimReason::CheckFailed => "check_failed",
            ClaimReason::Invalid => "invalid",
        }
    }
}

/// Every failure jwtlens reports.
///
/// [`Error::code`] gives the contract's `ERR_…` code; [`Error::Usage`] is a caller mistake that
/// the JS boundary throws as a `TypeError`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// `ERR_JWT_INVALID`: not a well-formed compact JWS/JWT, or too large.
    JwtInvalid(String),
    /// `ERR_JOSE_ALG_NOT_ALLOWED`: `alg` not allowed, `none`, or not usable with this key.
    AlgNotAllowed(String),
    /// `ERR_JOSE_NOT_SUPPORTED`: an algorithm or key type jwtlens does not implement.
    NotSupported(String),
    /// `ERR_JWS_INVALID`: a bad header, or a signature of the wrong length.
    JwsInvalid(String),
    /// `ERR_JWS_SIGNATURE_VERIFICATION_FAILED`. Deliberately carries no detail.
    SignatureVerificationFailed,
    /// `ERR_JWK_INVALID`: key material that cannot be parsed or is unfit.
    JwkInvalid(String),
    /// `ERR_JWKS_INVALID`: a key set that cannot be parsed.
    JwksInvalid(String),
    /// `ERR_JWKS_NO_MATCHING_KEY`.
    JwksNoMatchingKey(String),
    /// `ERR_JWKS_MULTIPLE_MATCHING_KEYS`.
    JwksMultipleMatchingKeys(String),
    /// `ERR_JWT_EXPIRED`: `exp` passed (`claim = "exp"`) or the token is older than
    /// `maxTokenAge` (`claim = "iat"`).
    Expired {
        /// `exp` or `iat`.
        claim: String,
        /// Always [`ClaimReason::CheckFailed`].
        reason: ClaimReason,
        /// Human-readable message.
        message: String,
    },
    /// `ERR_JWT_CLAIM_VALIDATION_FAILED`: any other claim check.
    ClaimInvalid {
        /// The claim (or `typ`).
        claim: String,
        /// Why it failed.
        reason: ClaimReason,
        /// Human-readable message.
        message: String,
    },
    /// A caller mistake (wrong argument type or value); a `TypeError` in JS.
    Usage(String),
    /// `ERR_JWTLENS_INTERNAL`: the WebAssembly module trapped (a bug). The core never returns
    /// it; the JS layer throws it, with the trap as `cause`, after it has replaced the instance.
    Internal(String),
}

impl Error {
    /// The contract's code for this error (`"TypeError"` for [`Error::Usage`]).
    pub fn code(&self) -> &'static str {
        match self {
            Error::JwtInvalid(_) => "ERR_JWT_INVALID",
            Error::AlgNotAllowed(_) => "ERR_JOSE_ALG_NOT_ALLOWED",
            Error::NotSupported(_) => "ERR_JOSE_NOT_SUPPORTED",
            Error::JwsInvalid(_) => "ERR_JWS_INVALID",
            Error::SignatureVerificationFailed => "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
            Error::JwkInvalid(_) => "ERR_JWK_INVALID",
            Error::JwksInvalid(_) => "ERR_JWKS_INVALID",
            Error::JwksNoMatchingKey(_) => "ERR_JWKS_NO_MATCHING_KEY",
            Error::JwksMultipleMatchingKeys(_) => "ERR_JWKS_MULTIPLE_MATCHING_KEYS",
            Error::Expired { .. } => "ERR_JWT_EXPIRED",
            Error::ClaimInvalid { .. } => "ERR_JWT_CLAIM_VALIDATION_FAILED",
            Error::Usage(_) => "TypeError",
            Error::Internal(_) => "ERR_JWTLENS_INTERNAL",
        }
    }

    /// The claim a claim failure is about.
    pub fn claim(&self) -> Option<&str> {
        match self {
            Error::Expired { claim, .. } | Error::ClaimInvalid { claim, .. } => Some(claim),
            _ => None,
        }
    }

    /// Why a claim check failed.
    pub fn reason(&self) -> Option<ClaimReason> {
        match self {
            Error::Expired { reason, .. } | Error::ClaimInvalid { reason, .. } => Some(*reason),
            _ => None,
        }
    }

    pub(crate) fn claim_failed(
        claim: &str,
        reason: ClaimReason,
        message: impl Into<String>,
    ) -> Error {
        Error::ClaimInvalid {
            claim: claim.to_owned(),
            reason,
            message: message.into(),
        }
    }

    /// A JWS signature of the wrong length for `alg`.
    pub(crate) fn signature_length(alg: &str, expected: usize, got: usize) -> Error {
        Error::JwsInvalid(format!(
            "{alg} signature must be {expected} bytes, got {got}"
        ))
    }

    /// Key material that cannot do `what` ("sign with", ...) for `alg` (the callers check
    /// fitness first, so this is the last line).
    #[cfg(feature = "sign")]
    pub(crate) fn unfit_key(alg: &str, what: &str) -> Error {
        Error::AlgNotAllowed(format!("{alg} cannot {what} this key"))
    }

    /// The error for what the HMAC-only build (`jwtlens/lite`, without the `asymmetric`
    /// feature) leaves out: `what` are "PEM keys", "RS256 signatures", ...
    #[cfg(not(feature = "asymmetric"))]
    pub(crate) fn not_in_lite(what: &str) -> Error {
        Error::NotSupported(format!("{what} are not supported by jwtlens/lite, which implements HMAC only; use the full jwtlens entry"))
    }

    pub(crate) fn expired(claim: &str, message: impl Into<String>) -> Error {
        Error::Expired {
            claim: claim.to_owned(),
            reason: ClaimReason::CheckFailed,
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::JwtInvalid(m)
            | Error::AlgNotAllowed(m)
            | Error::NotSupported(m)
            | Error::JwsInvalid(m)
            | Error::JwkInvalid(m)
            | Error::JwksInvalid(m)
            | Error::JwksNoMatchingKey(m)
            | Error::JwksMultipleMatchingKeys(m)
            | Error::Usage(m)
            | Error::Internal(m) => f.write_str(m),
            Error::SignatureVerificationFailed => f.write_str("signature verification failed"),
            Error::Expired { message, .. } | Error::ClaimInvalid { message, .. } => {
                f.write_str(message)
            }
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_has_its_contract_code() {
        let cases = [
            (Error::JwtInvalid("x".into()), "ERR_JWT_INVALID"),
            (Error::AlgNotAllowed("x".into()), "ERR_JOSE_ALG_NOT_ALLOWED"),
            (Error::NotSupported("x".into()), "ERR_JOSE_NOT_SUPPORTED"),
            (Error::JwsInvalid("x".into()), "ERR_JWS_INVALID"),
            (
                Error::SignatureVerificationFailed,
                "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
            ),
            (Error::JwkInvalid("x".into()), "ERR_JWK_INVALID"),
            (Error::JwksInvalid("x".into()), "ERR_JWKS_INVALID"),
            (
                Error::JwksNoMatchingKey("x".into()),
                "ERR_JWKS_NO_MATCHING_KEY",
            ),
            (
                Error::JwksMultipleMatchingKeys("x".into()),
                "ERR_JWKS_MULTIPLE_MATCHING_KEYS",
            ),
            (Error::expired("exp", "x"), "ERR_JWT_EXPIRED"),
            (
                Error::claim_failed("iss", ClaimReason::Missing, "x"),
                "ERR_JWT_CLAIM_VALIDATION_FAILED",
            ),
            (Error::Usage("x".into()), "TypeError"),
            (Error::Internal("x".into()), "ERR_JWTLENS_INTERNAL"),
        ];
        for (e, code) in cases {
            assert_eq!(e.code(), code, "{e:?}");
        }
    }

    #[test]
    fn claim_details_are_carried() {
        let e = Error::expired("iat", "too old");
        assert_eq!(e.claim(), Some("iat"));
        assert_eq!(e.reason(), Some(ClaimReason::CheckFailed));
        assert_eq!(e.to_string(), "too old");
        assert_eq!(Error::SignatureVerificationFailed.claim(), None);
        assert_eq!(ClaimReason::Invalid.as_str(), "invalid");
    }
}
