//! The contract's rules for using one key: the JWK's own restrictions (`alg`, `use`,
//! `key_ops`) and the key's type and strength against an algorithm.

use super::material::KeyMaterial;
#[cfg(feature = "asymmetric")]
use super::material::MIN_RSA_BITS;
use crate::algorithm::Algorithm;
use crate::error::Error;

/// JWK metadata that restricts how a key may be used.
#[derive(Clone, Default, Debug)]
pub(crate) struct KeyMeta {
    pub kid: Option<String>,
    pub alg: Option<String>,
    pub use_: Option<String>,
    pub key_ops: Option<Vec<String>>,
}

impl KeyMeta {
    /// `use`, when present, must be `"sig"`; `key_ops`, when present, must include one of `ops`.
    pub(crate) fn check_use_and_ops(&self, ops: &[&str]) -> Result<(), Error> {
        if let Some(u) = &self.use_ {
            if u != "sig" {
                return Err(Error::AlgNotAllowed(format!(
                    "the key's \"use\" is \"{u}\", not \"sig\""
                )));
            }
        }
        if let Some(key_ops) = &self.key_ops {
            if !key_ops.iter().any(|o| ops.contains(&o.as_str())) {
                let wanted: Vec<String> = ops.iter().map(|o| format!("\"{o}\"")).collect();
                return Err(Error::AlgNotAllowed(format!(
                    "the key's \"key_ops\" do not include {}",
                    wanted.join(" or ")
                )));
            }
        }
        Ok(())
    }
}

/// One usable key with its restrictions.
#[derive(Clone)]
pub(crate) struct SingleKey {
    pub material: KeyMaterial,
    pub meta: KeyMeta,
}

impl SingleKey {
    /// The contract's fitness rules for verifying `alg` with this key.
    pub(crate) fn check_fit(&self, alg: Algorithm, allow_short_secrets: bool) -> Result<(), Error> {
        self.check_usage(alg, "verify")?;
        self.check_material(alg, allow_short_secrets)
    }

    /// The JWK's own restrictions for `op` (`"verify"` or `"sign"`): its `alg`, `use: "sig"`, and
    /// `key_ops` containing `op`.
    pub(crate) fn check_usage(&self, alg: Algorithm, op: &str) -> Result<(), Error> {
        if let Some(jwk_alg) = &self.meta.alg {
            if jwk_alg != alg.name() {
                return Err(Error::AlgNotAllowed(format!(
                    "the key is for alg \"{jwk_alg}\", not \"{}\"",
                    alg.name()
                )));
            }
        }
        self.meta.check_use_and_ops(&[op])
    }

    /// Type and strength checks shared by verifying and signing.
    pub(crate) fn check_material(
        &self,
        alg: Algorithm,
        allow_short_secrets: bool,
    ) -> Result<(), Error> {
        if !self.material.fits_family(alg.family()) {
            return Err(Error::AlgNotAllowed(format!(
                "{} cannot be used with {}",
                alg.name(),
                self.material.kind()
            )));
        }
        match &self.material {
            KeyMaterial::Secret(s) => {
                let need = alg.hash().output_len();
                if s.is_empty() {
                    return Err(Error::AlgNotAllowed(
                        "an empty HMAC secret is never allowed".into(),
                    ));
                }
                if s.len() < need && !allow_short_secrets {
                    return Err(Error::AlgNotAllowed(format!(
                        "{} needs a secret of at least {need} bytes (RFC 7518 §3.2), this one has {}; pass allowShortSecrets: true to accept it",
                        alg.name(),
                        s.len()
                    )));
                }
            }
            #[cfg(feature = "asymmetric")]
            KeyMaterial::Rsa(k) => {
                if k.bits < MIN_RSA_BITS {
                    return Err(Error::AlgNotAllowed(format!(
                        "RSA keys must be at least {MIN_RSA_BITS} bits, this one has {}",
                        k.bits
                    )));
                }
            }
            #[cfg(feature = "asymmetric")]
            KeyMaterial::Ec(k) => {
                let crv = k.curve().name();
                if Some(crv) != alg.crv() {
                    return Err(Error::AlgNotAllowed(format!(
                        "{} needs curve {}, the key is on {crv}",
                        alg.name(),
                        alg.crv().unwrap_or("?"),
                    )));
                }
            }
            #[cfg(feature = "asymmetric")]
            KeyMaterial::Ed25519(_) => {}
        }
        Ok(())
    }

    /// The checks before signing `alg`: the JWK's restrictions for `"sign"`, type and strength,
    /// and a private key.
    #[cfg(feature = "sign")]
    pub(crate) fn check_signing_fit(
        &self,
        alg: Algorithm,
        allow_short_secrets: bool,
    ) -> Result<(), Error> {
        self.check_usage(alg, "sign")?;
        self.check_material(alg, allow_short_secrets)?;
        if !self.material.has_private() {
            return Err(Error::Usage(format!(
                "{} needs a private key to sign; this is a public key",
                alg.name()
            )));
        }
        Ok(())
    }
}
