//! New keys from the platform's CSPRNG: key pairs for the asymmetric algorithms (as JWKs with
//! `alg`, `use` and a thumbprint `kid`) and HMAC secrets.

#[cfg(feature = "asymmetric")]
use super::export::{private_members, public_members, thumbprint};
#[cfg(feature = "asymmetric")]
use super::material::rsa_public;
#[cfg(feature = "asymmetric")]
use super::{ec_key_on, Curve, EcPair, EdKey, KeyMaterial, RsaKey, MAX_RSA_BITS, MIN_RSA_BITS};
use crate::algorithm::{Algorithm, Family};
use crate::error::Error;
use crate::json::Value;

fn rng_error(e: impl std::fmt::Display) -> Error {
    Error::NotSupported(format!(
        "no secure random number generator is available: {e}"
    ))
}

/// A generated key pair as JWKs (both with `alg` and `kid` = RFC 7638 thumbprint).
#[derive(Debug, Clone, PartialEq)]
pub struct KeyPair {
    /// The private JWK.
    pub private_jwk: Value,
    /// The public JWK.
    pub public_jwk: Value,
}

/// Generates a key pair for an asymmetric algorithm, from the platform's CSPRNG.
///
/// # Errors
/// [`Error::Usage`] for an HMAC algorithm or a modulus length outside 2048–8192 (a multiple of 8);
/// `ERR_JOSE_NOT_SUPPORTED` when no CSPRNG is available or in the HMAC-only build.
pub fn generate_key_pair(alg: Algorithm, modulus_length: usize) -> Result<KeyPair, Error> {
    #[cfg(not(feature = "asymmetric"))]
    {
        let _ = (alg, modulus_length);
        Err(Error::not_in_lite("key pairs"))
    }
    #[cfg(feature = "asymmetric")]
    {
        let material = new_material(alg, modulus_length)?;
        let kid = thumbprint(&material);
        let s = |v: &str| Value::String(v.to_owned());
        let mut public = public_members(&material);
        public.push(("alg".into(), s(alg.name())));
        public.push(("kid".into(), s(&kid)));
        public.push(("use".into(), s("sig")));
        let mut private = public.clone();
        private.extend(private_members(&material));
        Ok(KeyPair {
            private_jwk: Value::Object(private),
            public_jwk: Value::Object(public),
        })
    }
}

#[cfg(feature = "asymmetric")]
fn new_material(alg: Algorithm, modulus_length: usize) -> Result<KeyMaterial, Error> {
    use rsa::Generate;
    let mut rng = getrandom::SysRng;
    Ok(match alg.family() {
        Family::Rsa | Family::RsaPss => {
            if !(MIN_RSA_BITS..=MAX_RSA_BITS).contains(&modulus_length) || modulus_length % 8 != 0 {
                return Err(Error::Usage(
                    "modulusLength must be a multiple of 8 from 2048 to 8192".into(),
                ));
            }
            let private = rsa::PrivateKey::new(&mut rng, modulus_length).map_err(rng_error)?;
            use rsa::traits::PublicKeyParts;
            let n = private.n().to_be_bytes_trimmed_vartime();
            let e = private.e().to_be_bytes_trimmed_vartime();
            KeyMaterial::Rsa(RsaKey {
                private: Some(private),
                ..rsa_public(&n, &e)?
            })
        }
        Family::Ecdsa => {
            let curve = match alg {
                Algorithm::ES256 => Curve::P256,
                Algorithm::ES384 => Curve::P384,
                _ => Curve::P521,
            };
            KeyMaterial::Ec(ec_key_on!(curve, c => {
                let sk = c::ecdsa::SigningKey::try_generate_from_rng(&mut rng).map_err(rng_error)?;
                EcPair {
                    public: *sk.verifying_key(),
                    private: Some(sk),
                }
            }))
        }
        Family::EdDsa => {
            let mut seed = [0u8; 32];
            getrandom::fill(&mut seed).map_err(rng_error)?;
            let sk = ed25519_dalek::SigningKey::from_bytes(&seed);
            KeyMaterial::Ed25519(EdKey {
                public: sk.verifying_key(),
                private: Some(sk),
            })
        }
        Family::Hmac => {
            return Err(Error::Usage(
                "HMAC algorithms use generateSecret, not generateKeyPair".into(),
            ))
        }
    })
}

/// Random secret bytes of exactly the hash length of an HS* algorithm.
///
/// # Errors
/// [`Error::Usage`] for a non-HMAC algorithm; `ERR_JOSE_NOT_SUPPORTED` without a CSPRNG.
pub fn generate_secret(alg: Algorithm) -> Result<Vec<u8>, Error> {
    if alg.family() != Family::Hmac {
        return Err(Error::Usage(format!(
            "generateSecret is for HS256/HS384/HS512, not {}",
            alg.name()
        )));
    }
    let mut out = vec![0u8; alg.hash().output_len()];
    getrandom::fill(&mut out).map_err(rng_error)?;
    Ok(out)
}
