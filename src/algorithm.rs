//! The JWS algorithms jwtlens implements (RFC 7518 §3 plus EdDSA of RFC 8037), their families
//! and hashes, the one list of supported names and the one `none` rule. A leaf: it knows names
//! and properties, not keys or signatures.

use crate::error::Error;

/// A JWS signature algorithm jwtlens implements. `none` is deliberately not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Algorithm {
    HS256,
    HS384,
    HS512,
    RS256,
    RS384,
    RS512,
    PS256,
    PS384,
    PS512,
    ES256,
    ES384,
    ES512,
    /// The polymorphic EdDSA of RFC 8037, used with Ed25519 keys.
    EdDSA,
    /// Ed25519, the fully-specified name of RFC 9864 (which deprecates `EdDSA` for new uses):
    /// the same signatures, accepted only where the allow-list names it.
    Ed25519,
}

/// Algorithm families: a key's type fixes its family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// HS256/384/512
    Hmac,
    /// RS256/384/512 (PKCS#1 v1.5)
    Rsa,
    /// PS256/384/512
    RsaPss,
    /// ES256/384/512
    Ecdsa,
    /// EdDSA (Ed25519)
    EdDsa,
}

impl Family {
    /// The name used in reports: `HMAC`, `RSA`, `RSA-PSS`, `ECDSA`, `EdDSA`.
    pub fn name(self) -> &'static str {
        match self {
            Family::Hmac => "HMAC",
            Family::Rsa => "RSA",
            Family::RsaPss => "RSA-PSS",
            Family::Ecdsa => "ECDSA",
            Family::EdDsa => "EdDSA",
        }
    }
}

/// The hash inside an algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    /// SHA-256
    Sha256,
    /// SHA-384
    Sha384,
    /// SHA-512
    Sha512,
}

impl Hash {
    /// Output length in bytes.
    pub fn output_len(self) -> usize {
        match self {
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }
}

/// Every algorithm, in the order of RFC 7518 §3.1 (then EdDSA).
pub const ALL: [Algorithm; 14] = [
    Algorithm::HS256,
    Algorithm::HS384,
    Algorithm::HS512,
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::ES512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::EdDSA,
    Algorithm::Ed25519,
];

/// Registered JWS algorithm names (IANA) that jwtlens does not implement.
pub const REGISTERED_UNSUPPORTED: [&str; 3] = ["ES256K", "Ed448", "RS1"];

impl Algorithm {
    /// The algorithm with this exact (case-sensitive) JWS name.
    pub fn from_name(name: &str) -> Option<Algorithm> {
        ALL.iter().copied().find(|a| a.name() == name)
    }

    /// The JWS `alg` name.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::HS256 => "HS256",
            Algorithm::HS384 => "HS384",
            Algorithm::HS512 => "HS512",
            Algorithm::RS256 => "RS256",
            Algorithm::RS384 => "RS384",
            Algorithm::RS512 => "RS512",
            Algorithm::PS256 => "PS256",
            Algorithm::PS384 => "PS384",
            Algorithm::PS512 => "PS512",
            Algorithm::ES256 => "ES256",
            Algorithm::ES384 => "ES384",
            Algorithm::ES512 => "ES512",
            Algorithm::EdDSA => "EdDSA",
            Algorithm::Ed25519 => "Ed25519",
        }
    }

    /// The family.
    pub fn family(self) -> Family {
        match self {
            Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => Family::Hmac,
            Algorithm::RS256 | Algorithm::RS384 | Algorithm::RS512 => Family::Rsa,
            Algorithm::PS256 | Algorithm::PS384 | Algorithm::PS512 => Family::RsaPss,
            Algorithm::ES256 | Algorithm::ES384 | Algorithm::ES512 => Family::Ecdsa,
            Algorithm::EdDSA | Algorithm::Ed25519 => Family::EdDsa,
        }
    }

    /// The hash (SHA-512 for EdDSA, which hashes internally).
    pub fn hash(self) -> Hash {
        match self {
            Algorithm::HS256 | Algorithm::RS256 | Algorithm::PS256 | Algorithm::ES256 => {
                Hash::Sha256
            }
            Algorithm::HS384 | Algorithm::RS384 | Algorithm::PS384 | Algorithm::ES384 => {
                Hash::Sha384
            }
            Algorithm::HS512
            | Algorithm::RS512
            | Algorithm::PS512
            | Algorithm::ES512
            | Algorithm::EdDSA
            | Algorithm::Ed25519 => Hash::Sha512,
        }
    }

    /// The JWK `kty` that fits.
    pub fn kty(self) -> &'static str {
        match self.family() {
            Family::Hmac => "oct",
            Family::Rsa | Family::RsaPss => "RSA",
            Family::Ecdsa => "EC",
            Family::EdDsa => "OKP",
        }
    }

    /// The JWK `crv` that fits, for curve-based algorithms.
    pub fn crv(self) -> Option<&'static str> {
        match self {
            Algorithm::ES256 => Some("P-256"),
            Algorithm::ES384 => Some("P-384"),
            Algorithm::ES512 => Some("P-521"),
            Algorithm::EdDSA | Algorithm::Ed25519 => Some("Ed25519"),
            _ => None,
        }
    }

    /// A one-line description for people.
    pub fn description(self) -> &'static str {
        match self {
            Algorithm::HS256 => "HMAC using SHA-256 (shared secret)",
            Algorithm::HS384 => "HMAC using SHA-384 (shared secret)",
            Algorithm::HS512 => "HMAC using SHA-512 (shared secret)",
            Algorithm::RS256 => "RSASSA-PKCS1-v1_5 using SHA-256",
            Algorithm::RS384 => "RSASSA-PKCS1-v1_5 using SHA-384",
            Algorithm::RS512 => "RSASSA-PKCS1-v1_5 using SHA-512",
            Algorithm::PS256 => "RSASSA-PSS using SHA-256 and MGF1 with SHA-256",
            Algorithm::PS384 => "RSASSA-PSS using SHA-384 and MGF1 with SHA-384",
            Algorithm::PS512 => "RSASSA-PSS using SHA-512 and MGF1 with SHA-512",
            Algorithm::ES256 => "ECDSA using P-256 and SHA-256",
            Algorithm::ES384 => "ECDSA using P-384 and SHA-384",
            Algorithm::ES512 => "ECDSA using P-521 and SHA-512",
            Algorithm::EdDSA => "EdDSA signature algorithms (Ed25519)",
            Algorithm::Ed25519 => "EdDSA using the Ed25519 parameter set (RFC 9864)",
        }
    }

    /// The algorithm with this name, for use: `none` in any letter case is never allowed (an
    /// unsecured JWS), an unknown name is not supported, and the HMAC-only build
    /// (`jwtlens/lite`) supports HMAC only.
    ///
    /// # Errors
    /// `ERR_JOSE_ALG_NOT_ALLOWED` for `none`, `ERR_JOSE_NOT_SUPPORTED` otherwise.
    pub fn parse(name: &str) -> Result<Algorithm, Error> {
        if is_none(name) {
            return Err(Error::AlgNotAllowed(
                "alg \"none\" (an unsecured JWS) is never allowed".into(),
            ));
        }
        let alg = Algorithm::from_name(name)
            .ok_or_else(|| Error::NotSupported(format!("alg \"{name}\" is not supported")))?;
        alg.check_built()?;
        Ok(alg)
    }

    /// Whether this build implements the algorithm: all of them, except that the HMAC-only
    /// build (`jwtlens/lite`, without the `asymmetric` feature) implements HMAC only.
    ///
    /// # Errors
    /// `ERR_JOSE_NOT_SUPPORTED` for an asymmetric algorithm in the HMAC-only build.
    pub fn check_built(self) -> Result<(), Error> {
        #[cfg(not(feature = "asymmetric"))]
        if self.family() != Family::Hmac {
            return Err(Error::not_in_lite(&format!("{} signatures", self.name())));
        }
        Ok(())
    }
}

/// The one `none` rule: `none` in any letter case names the unsecured JWS of RFC 7515 §A.5,
/// which jwtlens never accepts or produces.
pub fn is_none(name: &str) -> bool {
    name.eq_ignore_ascii_case("none")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_case_sensitive() {
        for a in ALL {
            assert_eq!(Algorithm::from_name(a.name()), Some(a));
        }
        assert_eq!(Algorithm::from_name("hs256"), None);
        assert_eq!(Algorithm::from_name("none"), None);
        assert_eq!(Algorithm::from_name("ES256K"), None);
    }

    #[test]
    fn families_and_curves() {
        assert_eq!(Algorithm::PS384.family(), Family::RsaPss);
        assert_eq!(Algorithm::ES512.crv(), Some("P-521"));
        assert_eq!(Algorithm::HS384.hash().output_len(), 48);
        assert_eq!(Algorithm::EdDSA.kty(), "OKP");
    }

    #[test]
    fn parse_applies_the_none_rule_and_knows_the_build() {
        for none in ["none", "None", "NONE", "nOnE"] {
            assert_eq!(
                Algorithm::parse(none).unwrap_err().code(),
                "ERR_JOSE_ALG_NOT_ALLOWED"
            );
        }
        assert_eq!(
            Algorithm::parse("ES256K").unwrap_err().code(),
            "ERR_JOSE_NOT_SUPPORTED"
        );
        assert_eq!(Algorithm::parse("HS384").unwrap(), Algorithm::HS384);
        #[cfg(feature = "asymmetric")]
        assert_eq!(Algorithm::parse("PS512").unwrap(), Algorithm::PS512);
        #[cfg(not(feature = "asymmetric"))]
        for alg in ["RS256", "PS384", "ES512", "EdDSA"] {
            assert_eq!(
                Algorithm::parse(alg).unwrap_err().code(),
                "ERR_JOSE_NOT_SUPPORTED",
                "{alg}"
            );
        }
    }
}
