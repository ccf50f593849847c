//! Key material of one key, as parsed: an HMAC secret, an RSA key, an EC key on one of the three
//! NIST curves, or an Ed25519 key. The private halves exist only with the `sign` feature.

use crate::algorithm::Family;
#[cfg(feature = "asymmetric")]
use crate::error::Error;

/// Smallest RSA modulus accepted, in bits.
pub const MIN_RSA_BITS: usize = 2048;
/// Largest RSA modulus accepted, in bits (refused before any big-number work).
pub const MAX_RSA_BITS: usize = 8192;

/// An RSA key.
#[cfg(feature = "asymmetric")]
#[derive(Clone)]
pub(crate) struct RsaKey {
    /// RustCrypto's form, for signing and export (verification uses `verifier`).
    #[cfg(feature = "sign")]
    pub(crate) public: rsa::PublicKey,
    /// The same public key, prepared for verification (crates/rsa-verify): the Montgomery
    /// parameters of n computed once, here, rather than per token.
    pub(crate) verifier: jwtlens_rsa_verify::PublicKey,
    /// The private key, when the input had it.
    #[cfg(feature = "sign")]
    pub(crate) private: Option<rsa::PrivateKey>,
    pub(crate) bits: usize,
    /// Imported under the id-RSASSA-PSS OID (RFC 4055): usable for PS* only, as in jose and
    /// WebCrypto; an rsaEncryption key serves both RS* and PS*.
    pub(crate) pss_only: bool,
}

/// One of the three NIST curves of ES256/ES384/ES512.
#[cfg(feature = "asymmetric")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Curve {
    P256,
    P384,
    P521,
}

#[cfg(feature = "asymmetric")]
impl Curve {
    /// The JWK `crv` name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
        }
    }

    /// The curve of a JWK `crv` name.
    pub(crate) fn from_name(crv: &str) -> Option<Curve> {
        [Curve::P256, Curve::P384, Curve::P521]
            .into_iter()
            .find(|c| c.name() == crv)
    }

    /// Bytes of a field element (a JWK coordinate, half of a JWS signature).
    pub(crate) fn field_bytes(self) -> usize {
        match self {
            Curve::P256 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }
}

/// A public key on curve `C`, with its private key when there is one.
#[cfg(feature = "asymmetric")]
#[derive(Clone)]
pub(crate) struct EcPair<C>
where
    C: ecdsa::EcdsaCurve + elliptic_curve::CurveArithmetic,
{
    pub(crate) public: ecdsa::VerifyingKey<C>,
    #[cfg(feature = "sign")]
    pub(crate) private: Option<ecdsa::SigningKey<C>>,
}

/// An EC key on one of the three NIST curves.
#[cfg(feature = "asymmetric")]
#[derive(Clone)]
pub(crate) enum EcKey {
    P256(EcPair<p256::NistP256>),
    P384(EcPair<p384::NistP384>),
    P521(EcPair<p521::NistP521>),
}

/// Runs `$body` once per curve with `$pair` bound to the key's [`EcPair`] and `$crate_name` to
/// the curve's crate (`p256`, `p384`, `p521`), so code that differs only in the curve's types is
/// written once. (Signing, export and private-key import use it; verification calls
/// crates/ec-verify per curve.)
#[cfg(all(feature = "asymmetric", feature = "sign"))]
macro_rules! with_ec_key {
    ($key:expr, $pair:ident, $curve:ident => $body:expr) => {
        match $key {
            $crate::key::EcKey::P256($pair) => {
                #[allow(unused_imports)]
                use p256 as $curve;
                $body
            }
            $crate::key::EcKey::P384($pair) => {
                #[allow(unused_imports)]
                use p384 as $curve;
                $body
            }
            $crate::key::EcKey::P521($pair) => {
                #[allow(unused_imports)]
                use p521 as $curve;
                $body
            }
        }
    };
}

/// Builds an [`EcKey`] of curve `$c`: `$body` makes the [`EcPair`] with `$curve` bound to the
/// curve's crate.
#[cfg(feature = "asymmetric")]
macro_rules! ec_key_on {
    ($c:expr, $curve:ident => $body:expr) => {
        match $c {
            $crate::key::Curve::P256 => {
                use p256 as $curve;
                $crate::key::EcKey::P256($body)
            }
            $crate::key::Curve::P384 => {
                use p384 as $curve;
                $crate::key::EcKey::P384($body)
            }
            $crate::key::Curve::P521 => {
                use p521 as $curve;
                $crate::key::EcKey::P521($body)
            }
        }
    };
}

#[cfg(feature = "asymmetric")]
pub(crate) use ec_key_on;
#[cfg(all(feature = "asymmetric", feature = "sign"))]
pub(crate) use with_ec_key;

#[cfg(feature = "asymmetric")]
impl EcKey {
    /// The curve.
    pub(crate) fn curve(&self) -> Curve {
        match self {
            EcKey::P256(_) => Curve::P256,
            EcKey::P384(_) => Curve::P384,
            EcKey::P521(_) => Curve::P521,
        }
    }

    /// The public point, SEC1 uncompressed (`04 || x || y`).
    #[cfg(feature = "sign")]
    pub(crate) fn public_point(&self) -> Vec<u8> {
        with_ec_key!(self, k, _c => k.public.to_sec1_point(false).as_bytes().to_vec())
    }
}

/// An Ed25519 key.
#[cfg(feature = "asymmetric")]
#[derive(Clone)]
pub(crate) struct EdKey {
    pub(crate) public: ed25519_dalek::VerifyingKey,
    #[cfg(feature = "sign")]
    pub(crate) private: Option<ed25519_dalek::SigningKey>,
}

/// Key material of one key.
#[derive(Clone)]
pub(crate) enum KeyMaterial {
    Secret(super::HmacSecret),
    #[cfg(feature = "asymmetric")]
    Rsa(RsaKey),
    #[cfg(feature = "asymmetric")]
    Ec(EcKey),
    #[cfg(feature = "asymmetric")]
    Ed25519(EdKey),
}

impl KeyMaterial {
    /// What the key is, for messages.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            KeyMaterial::Secret(_) => "an HMAC secret",
            #[cfg(feature = "asymmetric")]
            KeyMaterial::Rsa(k) if k.pss_only => "an RSA-PSS key (id-RSASSA-PSS: PS* only)",
            #[cfg(feature = "asymmetric")]
            KeyMaterial::Rsa(_) => "an RSA key",
            #[cfg(feature = "asymmetric")]
            KeyMaterial::Ec(_) => "an EC key",
            #[cfg(feature = "asymmetric")]
            KeyMaterial::Ed25519(_) => "an Ed25519 key",
        }
    }

    /// Whether the key's type serves algorithms of `family`.
    pub(crate) fn fits_family(&self, family: Family) -> bool {
        match self {
            KeyMaterial::Secret(_) => family == Family::Hmac,
            #[cfg(feature = "asymmetric")]
            KeyMaterial::Rsa(k) if k.pss_only => family == Family::RsaPss,
            #[cfg(feature = "asymmetric")]
            KeyMaterial::Rsa(_) => matches!(family, Family::Rsa | Family::RsaPss),
            #[cfg(feature = "asymmetric")]
            KeyMaterial::Ec(_) => family == Family::Ecdsa,
            #[cfg(feature = "asymmetric")]
            KeyMaterial::Ed25519(_) => family == Family::EdDsa,
        }
    }

    /// Whether the key can sign: a secret always, an asymmetric key with its private half.
    #[cfg(feature = "sign")]
    pub(crate) fn has_private(&self) -> bool {
        match self {
            KeyMaterial::Secret(_) => true,
            #[cfg(feature = "asymmetric")]
            KeyMaterial::Rsa(k) => k.private.is_some(),
            #[cfg(feature = "asymmetric")]
            KeyMaterial::Ec(ec) => with_ec_key!(ec, k, _c => k.private.is_some()),
            #[cfg(feature = "asymmetric")]
            KeyMaterial::Ed25519(k) => k.private.is_some(),
        }
    }
}

/// RSA public key from big-endian components, with the contract's size and exponent rules.
#[cfg(feature = "asymmetric")]
pub(crate) fn rsa_public(n: &[u8], e: &[u8]) -> Result<RsaKey, Error> {
    let n = strip_zeros(n);
    let e = strip_zeros(e);
    let bits = bit_len(n);
    if bits > MAX_RSA_BITS {
        return Err(Error::NotSupported(format!(
            "RSA keys over {MAX_RSA_BITS} bits are not supported (this one has {bits})"
        )));
    }
    if e.is_empty() || e.len() > 8 {
        return Err(Error::JwkInvalid(
            "RSA public exponent is out of range".into(),
        ));
    }
    let e_val = e.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
    if e_val <= 1 || e_val % 2 == 0 {
        return Err(Error::JwkInvalid(format!(
            "RSA public exponent {e_val} is invalid (it must be odd and greater than 1)"
        )));
    }
    if bits < MIN_RSA_BITS {
        return Err(Error::AlgNotAllowed(format!(
            "RSA keys must be at least {MIN_RSA_BITS} bits, this one has {bits}"
        )));
    }
    let n_big = rsa::BoxedUint::from_be_slice_vartime(n);
    let e_big = rsa::BoxedUint::from_be_slice_vartime(e);
    let public = rsa::PublicKey::new_with_size_limits(n_big, e_big, MIN_RSA_BITS..=MAX_RSA_BITS)
        .map_err(|err| Error::JwkInvalid(format!("invalid RSA public key: {err}")))?;
    // rsa accepted n and e, so this does too (odd n > e >= 3, size in range); a refusal here would
    // be a disagreement between the two, reported rather than hidden.
    let verifier = jwtlens_rsa_verify::PublicKey::new(n, e)
        .ok_or_else(|| Error::JwkInvalid("invalid RSA public key".into()))?;
    #[cfg(not(feature = "sign"))]
    let _ = public;
    Ok(RsaKey {
        #[cfg(feature = "sign")]
        public,
        verifier,
        #[cfg(feature = "sign")]
        private: None,
        bits,
        pss_only: false,
    })
}

#[cfg(feature = "asymmetric")]
fn strip_zeros(b: &[u8]) -> &[u8] {
    let first = b.iter().position(|&x| x != 0).unwrap_or(b.len());
    b.get(first..).unwrap_or(&[])
}

#[cfg(feature = "asymmetric")]
fn bit_len(b: &[u8]) -> usize {
    match b.first() {
        None => 0,
        Some(&top) => (b.len() - 1) * 8 + (8 - top.leading_zeros() as usize),
    }
}

#[cfg(all(test, feature = "asymmetric"))]
mod tests {
    use super::*;

    #[test]
    fn rsa_component_rules() {
        let mut n = vec![0xffu8; 256];
        n[255] = 0xfd; // odd 2048-bit modulus (not a real key, but well formed)
        let code = |r: Result<RsaKey, Error>| r.err().map(|e| e.code());
        assert_eq!(code(rsa_public(&n, &[2])), Some("ERR_JWK_INVALID"));
        assert_eq!(code(rsa_public(&n, &[1])), Some("ERR_JWK_INVALID"));
        assert_eq!(
            code(rsa_public(&n[..128], &[1, 0, 1])),
            Some("ERR_JOSE_ALG_NOT_ALLOWED")
        );
        let huge = vec![0xffu8; 1025];
        assert_eq!(
            code(rsa_public(&huge, &[1, 0, 1])),
            Some("ERR_JOSE_NOT_SUPPORTED")
        );
        assert_eq!(bit_len(&[0x01, 0x00]), 9);
        assert_eq!(strip_zeros(&[0, 0, 5]), &[5]);
    }

    #[test]
    fn curves_by_name() {
        for c in [Curve::P256, Curve::P384, Curve::P521] {
            assert_eq!(Curve::from_name(c.name()), Some(c));
        }
        assert_eq!(Curve::from_name("secp256k1"), None);
        assert_eq!(Curve::P521.field_bytes(), 66);
    }
}
