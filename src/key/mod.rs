//! Keys: HMAC secrets, RSA, EC (P-256/384/521) and Ed25519, from PEM, JWK or JWKS, and the
//! contract's strength, fitness and JWKS selection rules.

mod jwk;
#[cfg(feature = "asymmetric")]
mod pem;
mod secret;

use crate::alg::{Algorithm, Family};
use crate::error::Error;

pub use jwk::MAX_JWKS_KEYS;
#[cfg(feature = "asymmetric")]
pub use pem::MAX_PEM_BYTES;

/// Smallest RSA modulus accepted, in bits.
pub const MIN_RSA_BITS: usize = 2048;
/// Largest RSA modulus accepted, in bits (refused before any big-number work).
pub const MAX_RSA_BITS: usize = 8192;

/// An RSA key (the private half is kept only when the input had it).
#[cfg(feature = "asymmetric")]
#[derive(Clone)]
pub struct RsaKey {
    pub(crate) public: rsa::PublicKey,
    #[allow(dead_code)] // kept for signing (issue 5)
    pub(crate) private: Option<rsa::PrivateKey>,
    pub(crate) bits: usize,
    /// Imported under the id-RSASSA-PSS OID (RFC 4055): usable for PS* only, as in jose and
    /// WebCrypto; an rsaEncryption key serves both RS* and PS*.
    pub(crate) pss_only: bool,
}

/// An EC key on one of the three NIST curves.
#[cfg(feature = "asymmetric")]
#[derive(Clone)]
#[allow(missing_docs)]
pub enum EcKey {
    P256 {
        public: p256::ecdsa::VerifyingKey,
        private: Option<p256::ecdsa::SigningKey>,
    },
    P384 {
        public: p384::ecdsa::VerifyingKey,
        private: Option<p384::ecdsa::SigningKey>,
    },
    P521 {
        public: p521::ecdsa::VerifyingKey,
        private: Option<p521::ecdsa::SigningKey>,
    },
}

#[cfg(feature = "asymmetric")]
impl EcKey {
    /// The JWK curve name.
    pub fn crv(&self) -> &'static str {
        match self {
            EcKey::P256 { .. } => "P-256",
            EcKey::P384 { .. } => "P-384",
            EcKey::P521 { .. } => "P-521",
        }
    }
}

/// An Ed25519 key.
#[cfg(feature = "asymmetric")]
#[derive(Clone)]
pub struct EdKey {
    pub(crate) public: ed25519_dalek::VerifyingKey,
    #[allow(dead_code)] // kept for signing (issue 5)
    pub(crate) private: Option<ed25519_dalek::SigningKey>,
}

/// Key material of one key.
#[derive(Clone)]
pub(crate) enum KeyMaterial {
    Secret(Vec<u8>),
    #[cfg(feature = "asymmetric")]
    Rsa(RsaKey),
    #[cfg(feature = "asymmetric")]
    Ec(EcKey),
    #[cfg(feature = "asymmetric")]
    Ed25519(EdKey),
}

impl KeyMaterial {
    fn kind(&self) -> &'static str {
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
    fn fits_family(&self, family: Family) -> bool {
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
}

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
                if Some(k.crv()) != alg.crv() {
                    return Err(Error::AlgNotAllowed(format!(
                        "{} needs curve {}, the key is on {}",
                        alg.name(),
                        alg.crv().unwrap_or("?"),
                        k.crv()
                    )));
                }
            }
            #[cfg(feature = "asymmetric")]
            KeyMaterial::Ed25519(_) => {}
        }
        Ok(())
    }
}

/// One usable member of a key set: its metadata for selection, and the key. Members that can
/// never be used are left out when the set is parsed.
#[derive(Clone)]
pub(crate) struct JwksEntry {
    pub kty: String,
    pub crv: Option<String>,
    pub meta: KeyMeta,
    pub key: SingleKey,
}

#[derive(Clone)]
pub(crate) enum KeyKind {
    Single(Box<SingleKey>),
    Set(Vec<JwksEntry>),
}

/// A key prepared for verification (or signing): parsed once, used for many tokens.
///
/// Built from an HMAC secret, a PEM, a JWK or a JWKS; a JWKS selects its key per token.
#[derive(Clone)]
pub struct Key {
    pub(crate) kind: KeyKind,
    pub(crate) bound: Option<Algorithm>,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match &self.kind {
            KeyKind::Single(k) => k.material.kind().to_owned(),
            KeyKind::Set(e) => format!("a key set of {} keys", e.len()),
        };
        f.debug_struct("Key")
            .field("kind", &what)
            .field("bound", &self.bound)
            .finish_non_exhaustive()
    }
}

impl Key {
    fn single(material: KeyMaterial, meta: KeyMeta) -> Key {
        Key {
            kind: KeyKind::Single(Box::new(SingleKey { material, meta })),
            bound: None,
        }
    }

    /// An HMAC secret, as bytes. Bytes that are key material are never a secret (algorithm
    /// confusion): bytes with a PEM armour line are read as that PEM (what `fs.readFileSync`
    /// gives), and DER of a key or certificate, the base64 body of a PEM without its armour, or a
    /// JWK/JWKS as JSON text are refused.
    ///
    /// # Errors
    /// `ERR_JOSE_ALG_NOT_ALLOWED` for an empty secret; `ERR_JWK_INVALID` for key material that
    /// is not a PEM (and as [`Key::from_pem`] for a PEM). Length against the algorithm is checked
    /// when the key is used.
    pub fn from_secret(secret: &[u8]) -> Result<Key, Error> {
        match secret::classify(secret) {
            Some(secret::KeyMaterialKind::Pem) => match std::str::from_utf8(secret) {
                Ok(text) => Key::from_pem(text),
                Err(_) => Err(secret::refusal(secret::KeyMaterialKind::Pem)),
            },
            Some(kind) => Err(secret::refusal(kind)),
            None if secret.is_empty() => Err(Error::AlgNotAllowed(
                "an empty HMAC secret is never allowed".into(),
            )),
            None => Ok(Key::single(
                KeyMaterial::Secret(secret.to_vec()),
                KeyMeta::default(),
            )),
        }
    }

    /// A PEM: `PUBLIC KEY` (SPKI), `RSA PUBLIC KEY` (PKCS#1), `CERTIFICATE` (X.509), or a private
    /// key (`PRIVATE KEY`, `RSA PRIVATE KEY`, `EC PRIVATE KEY`) whose public part verifies.
    ///
    /// # Errors
    /// `ERR_JWK_INVALID` when it does not parse (it is never taken as a secret),
    /// `ERR_JOSE_ALG_NOT_ALLOWED` for an RSA key under 2048 bits, `ERR_JOSE_NOT_SUPPORTED` for a
    /// key type jwtlens does not implement.
    pub fn from_pem(pem: &str) -> Result<Key, Error> {
        #[cfg(feature = "asymmetric")]
        {
            let material = pem::parse(pem)?;
            Ok(Key::single(material, KeyMeta::default()))
        }
        #[cfg(not(feature = "asymmetric"))]
        {
            let _ = pem;
            Err(not_in_lite("PEM keys"))
        }
    }

    /// A string key as `verify` takes it: a PEM when it contains `-----BEGIN` (explanatory text
    /// before the block is skipped), otherwise an HMAC secret as UTF-8 bytes, with the refusals
    /// of [`Key::from_secret`]; a string of code points up to U+00FF that is a key's DER read as
    /// Latin-1 (`buffer.toString("binary")`) is refused too.
    ///
    /// # Errors
    /// As [`Key::from_pem`] or [`Key::from_secret`].
    pub fn from_string(s: &str) -> Result<Key, Error> {
        if looks_like_pem(s) {
            return Key::from_pem(s);
        }
        if s.starts_with('0') && s.chars().all(|c| u32::from(c) <= 0xff) {
            let latin1: Vec<u8> = s.chars().map(|c| (u32::from(c) & 0xff) as u8).collect();
            if let Some(what) = secret::der_key_shape(&latin1) {
                return Err(secret::refusal(secret::KeyMaterialKind::Der(what)));
            }
        }
        Key::from_secret(s.as_bytes())
    }

    /// A JWK, or a JWKS (`{"keys": [...]}`), as JSON text.
    ///
    /// # Errors
    /// `ERR_JWK_INVALID` / `ERR_JWKS_INVALID` when it does not parse, plus the strength rules of
    /// [`Key::from_pem`] for a single JWK.
    pub fn from_jwk_json(json: &str) -> Result<Key, Error> {
        jwk::parse_json(json)
    }

    /// The contract's `use` / `key_ops` rules, checked when a single JWK is imported (a set skips
    /// such keys during selection instead): `use`, when present, must be `"sig"`, and `key_ops`,
    /// when present, must include one of `ops` (`["verify"]` for a public key, `["sign",
    /// "verify"]` for a private one). A key that can never be used is refused at once rather than
    /// on every later call.
    ///
    /// # Errors
    /// `ERR_JOSE_ALG_NOT_ALLOWED`, as `verify` would give.
    pub fn check_import_usage(&self, ops: &[&str]) -> Result<(), Error> {
        match &self.kind {
            KeyKind::Single(k) => k.meta.check_use_and_ops(ops),
            KeyKind::Set(_) => Ok(()),
        }
    }

    /// Binds the key to one algorithm (`importKey(input, alg)`): any other is refused.
    ///
    /// # Errors
    /// `ERR_JOSE_NOT_SUPPORTED` for an unknown algorithm, `ERR_JOSE_ALG_NOT_ALLOWED` for `none`
    /// or an algorithm that does not fit the key.
    pub fn bind_alg(mut self, alg: &str) -> Result<Key, Error> {
        let a = parse_alg(alg)?;
        if let KeyKind::Single(k) = &self.kind {
            if let Some(jwk_alg) = &k.meta.alg {
                if jwk_alg != a.name() {
                    return Err(Error::AlgNotAllowed(format!(
                        "the JWK is for alg \"{jwk_alg}\", not \"{alg}\""
                    )));
                }
            }
            // Allow short secrets here: their length is checked at verify time, with the option.
            k.check_material(a, true)?;
        }
        self.bound = Some(a);
        Ok(self)
    }

    /// The algorithm this key was bound to, if any.
    pub fn bound_alg(&self) -> Option<Algorithm> {
        self.bound
    }

    /// `true` for a key set.
    pub fn is_set(&self) -> bool {
        matches!(self.kind, KeyKind::Set(_))
    }

    /// The key to use for a token with `alg` and optional `kid`.
    pub(crate) fn select(&self, alg: Algorithm, kid: Option<&str>) -> Result<&SingleKey, Error> {
        if let Some(b) = self.bound {
            if b != alg {
                return Err(Error::AlgNotAllowed(format!(
                    "the key was imported for {}, the token uses {}",
                    b.name(),
                    alg.name()
                )));
            }
        }
        match &self.kind {
            KeyKind::Single(k) => Ok(k),
            KeyKind::Set(entries) => jwk::select(entries, alg, kid),
        }
    }

    /// The key for `alg` when there is no token header to select with (a set selects without kid).
    pub(crate) fn single_for(&self, alg: Algorithm) -> Result<&SingleKey, Error> {
        self.select(alg, None)
    }
}

/// The error for what the HMAC-only build (`jwtlens/lite`) leaves out.
#[cfg(not(feature = "asymmetric"))]
pub(crate) fn not_in_lite(what: &str) -> Error {
    Error::NotSupported(format!("{what} are not supported by jwtlens/lite, which implements HMAC only; use the full jwtlens entry"))
}

/// Whether a string key is a PEM (and so never an HMAC secret): anywhere in it, not only at the
/// start. Tools put explanatory text before the block (`openssl x509 -text`, PKCS#12 "Bag
/// Attributes", RFC 7468 §2 tells parsers to skip it); taken as a secret, such a string would
/// hand an attacker who knows the public key an HS256 key (algorithm confusion).
pub(crate) fn looks_like_pem(s: &str) -> bool {
    s.contains("-----BEGIN")
}

/// An algorithm name from a caller or a token: `none` (any case) is never allowed, unknown
/// names are not supported.
pub(crate) fn parse_alg(name: &str) -> Result<Algorithm, Error> {
    if name.eq_ignore_ascii_case("none") {
        return Err(Error::AlgNotAllowed(
            "alg \"none\" (an unsecured JWS) is never allowed".into(),
        ));
    }
    let alg = Algorithm::from_name(name)
        .ok_or_else(|| Error::NotSupported(format!("alg \"{name}\" is not supported")))?;
    #[cfg(not(feature = "asymmetric"))]
    if alg.family() != Family::Hmac {
        return Err(not_in_lite(&format!("{name} signatures")));
    }
    Ok(alg)
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
    Ok(RsaKey {
        public,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "asymmetric")]
    fn string_keys_that_look_like_pem_are_never_secrets() {
        assert!(looks_like_pem("-----BEGIN PUBLIC KEY-----\n"));
        assert!(looks_like_pem("\n  -----BEGIN garbage"));
        assert!(looks_like_pem(
            "subject=CN = example\n-----BEGIN PUBLIC KEY-----\n"
        ));
        assert!(!looks_like_pem("-----BEGI"));
        let e = Key::from_string("-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----\n")
            .unwrap_err();
        assert_eq!(e.code(), "ERR_JWK_INVALID");
        assert!(Key::from_string("a plain secret").is_ok());
    }

    /// jwtlens/lite: HMAC works, everything asymmetric is ERR_JOSE_NOT_SUPPORTED.
    #[test]
    #[cfg(not(feature = "asymmetric"))]
    fn lite_refuses_asymmetric_keys_and_algorithms() {
        let code = |r: Result<Key, Error>| r.err().map(|e| e.code());
        assert_eq!(
            code(Key::from_pem(
                "-----BEGIN PUBLIC KEY-----\nAAEC\n-----END PUBLIC KEY-----"
            )),
            Some("ERR_JOSE_NOT_SUPPORTED")
        );
        assert_eq!(
            code(Key::from_string("-----BEGIN PUBLIC KEY-----")),
            Some("ERR_JOSE_NOT_SUPPORTED")
        );
        for jwk in [
            r#"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#,
            r#"{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}"#,
            r#"{"kty":"OKP","crv":"Ed25519","x":"AA"}"#,
        ] {
            assert_eq!(
                code(Key::from_jwk_json(jwk)),
                Some("ERR_JOSE_NOT_SUPPORTED"),
                "{jwk}"
            );
        }
        for alg in ["RS256", "PS384", "ES512", "EdDSA"] {
            assert_eq!(
                parse_alg(alg).unwrap_err().code(),
                "ERR_JOSE_NOT_SUPPORTED",
                "{alg}"
            );
        }
        assert_eq!(parse_alg("HS384").unwrap(), Algorithm::HS384);
        assert_eq!(
            parse_alg("none").unwrap_err().code(),
            "ERR_JOSE_ALG_NOT_ALLOWED"
        );
        let k = Key::from_secret(&[7u8; 32]).unwrap();
        assert_eq!(
            code(k.clone().bind_alg("ES256")),
            Some("ERR_JOSE_NOT_SUPPORTED")
        );
        assert!(k.bind_alg("HS256").is_ok());
        assert_eq!(
            crate::sign::generate_key_pair("ES256", 2048)
                .err()
                .map(|e| e.code()),
            Some("ERR_JOSE_NOT_SUPPORTED")
        );
        assert_eq!(
            crate::sign::to_pem(r#"{"kty":"EC"}"#)
                .err()
                .map(|e| e.code()),
            Some("ERR_JOSE_NOT_SUPPORTED")
        );
    }

    #[test]
    fn empty_secret_refused() {
        assert_eq!(
            Key::from_secret(b"").unwrap_err().code(),
            "ERR_JOSE_ALG_NOT_ALLOWED"
        );
        assert_eq!(
            Key::from_string("").unwrap_err().code(),
            "ERR_JOSE_ALG_NOT_ALLOWED"
        );
    }

    #[test]
    #[cfg(feature = "asymmetric")]
    fn alg_names() {
        assert_eq!(
            parse_alg("None").unwrap_err().code(),
            "ERR_JOSE_ALG_NOT_ALLOWED"
        );
        assert_eq!(
            parse_alg("ES256K").unwrap_err().code(),
            "ERR_JOSE_NOT_SUPPORTED"
        );
        assert_eq!(parse_alg("PS512").unwrap(), Algorithm::PS512);
    }

    #[test]
    #[cfg(feature = "asymmetric")]
    fn bind_checks_family() {
        let k = Key::from_secret(&[7u8; 32]).unwrap();
        assert_eq!(
            k.clone().bind_alg("RS256").unwrap_err().code(),
            "ERR_JOSE_ALG_NOT_ALLOWED"
        );
        assert_eq!(
            k.clone().bind_alg("none").unwrap_err().code(),
            "ERR_JOSE_ALG_NOT_ALLOWED"
        );
        assert_eq!(
            k.clone().bind_alg("XS256").unwrap_err().code(),
            "ERR_JOSE_NOT_SUPPORTED"
        );
        let b = k.bind_alg("HS512").unwrap();
        assert_eq!(b.bound_alg(), Some(Algorithm::HS512));
        assert_eq!(
            b.select(Algorithm::HS256, None).err().map(|e| e.code()),
            Some("ERR_JOSE_ALG_NOT_ALLOWED")
        );
    }

    #[test]
    #[cfg(feature = "asymmetric")]
    fn rsa_component_rules() {
        let mut n = vec![0xffu8; 256];
        n[255] = 0xfd; // odd 2048-bit modulus (not a real key, but well formed)
        assert_eq!(
            rsa_public(&n, &[2]).err().map(|e| e.code()),
            Some("ERR_JWK_INVALID")
        );
        assert_eq!(
            rsa_public(&n, &[1]).err().map(|e| e.code()),
            Some("ERR_JWK_INVALID")
        );
        assert_eq!(
            rsa_public(&n[..128], &[1, 0, 1]).err().map(|e| e.code()),
            Some("ERR_JOSE_ALG_NOT_ALLOWED")
        );
        let huge = vec![0xffu8; 1025];
        assert_eq!(
            rsa_public(&huge, &[1, 0, 1]).err().map(|e| e.code()),
            Some("ERR_JOSE_NOT_SUPPORTED")
        );
        assert_eq!(bit_len(&[0x01, 0x00]), 9);
        assert_eq!(strip_zeros(&[0, 0, 5]), &[5]);
    }
}
