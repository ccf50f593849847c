//! Keys: the only place that reads or writes key material. HMAC secrets (`secret.rs`), PEM and
//! DER (`pem.rs`), JWK (`jwk.rs`, public and private), JWK Sets and the selection rule
//! (`jwks.rs`), the parsed material (`material.rs`) and the rules for using it (`rules.rs`); with
//! the `sign` feature, JWK/PEM output and thumbprints (`export.rs`) and generation
//! (`generate.rs`).

#[cfg(feature = "sign")]
mod export;
#[cfg(feature = "sign")]
mod generate;
mod hmac_secret;
mod jwk;
mod jwks;
pub(crate) mod material;
#[cfg(feature = "asymmetric")]
mod pem;
mod rules;
mod secret;

use crate::algorithm::Algorithm;
use crate::error::Error;

#[cfg(feature = "sign")]
pub use export::{jwk_thumbprint, to_pem};
#[cfg(feature = "sign")]
pub use generate::{generate_key_pair, generate_secret, KeyPair};
pub(crate) use hmac_secret::{keyed_mac, HmacSecret};
pub(crate) use jwks::KeyKind;
pub use jwks::{MAX_JWKS_KEYS, MAX_REMOTE_JWKS_BYTES};
#[cfg(all(feature = "asymmetric", feature = "sign"))]
pub(crate) use material::with_ec_key;
pub(crate) use material::KeyMaterial;
#[cfg(feature = "asymmetric")]
pub(crate) use material::{ec_key_on, Curve, EcKey, EcPair, EdKey, RsaKey};
pub use material::{MAX_RSA_BITS, MIN_RSA_BITS};
#[cfg(feature = "asymmetric")]
pub use pem::MAX_PEM_BYTES;
pub(crate) use rules::{KeyMeta, SingleKey};

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
                KeyMaterial::Secret(HmacSecret::new(secret.to_vec())),
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
            Err(Error::not_in_lite("PEM keys"))
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
        Ok(Key {
            kind: jwks::parse_json(json)?,
            bound: None,
        })
    }

    /// A key for signing from a JWK as JSON text: an `oct` secret or a private RSA/EC/OKP JWK
    /// (its private members checked against its public ones).
    ///
    /// # Errors
    /// `ERR_JWK_INVALID` for malformed or inconsistent members; a JWKS or a public JWK is a
    /// usage error.
    #[cfg(feature = "sign")]
    pub fn from_private_jwk(json: &str) -> Result<Key, Error> {
        let SingleKey { material, meta } = jwk::parse_private_json(json)?;
        Ok(Key::single(material, meta))
    }

    /// The public JWK of this key (RFC 7638 member order, then its `alg`, `kid` and `use`, as
    /// `generate_key_pair` writes them): what
    /// a verifier needs from a private key, computed where a verifying build refuses to.
    ///
    /// # Errors
    /// [`Error::Usage`] for an HMAC secret (it has no public part) or a key set.
    #[cfg(feature = "sign")]
    pub fn public_jwk(&self) -> Result<crate::json::Value, Error> {
        export::public_jwk(self.only("publicJwk")?)
    }

    /// Whether the key can sign: one key (not a set) that is a secret or has its private half.
    ///
    /// # Errors
    /// [`Error::Usage`] for a public key or a key set.
    #[cfg(feature = "sign")]
    pub fn check_can_sign(&self) -> Result<(), Error> {
        let single = self.only("signing")?;
        if single.material.has_private() {
            Ok(())
        } else {
            Err(Error::Usage(format!(
                "{} without its private part cannot sign: pass the private key (a PKCS#8 \"PRIVATE KEY\", PKCS#1 or SEC1 PEM, or a JWK with \"d\")",
                single.material.kind()
            )))
        }
    }

    /// The contract's `use` / `key_ops` rules, checked when a single JWK is imported for `op`
    /// (`"verify"` or `"sign"`; a set skips such keys during selection instead): `use`, when
    /// present, must be `"sig"`, and `key_ops`, when present, must include `op`. A key that can
    /// never be used for what it is imported for is refused at once rather than on every call.
    ///
    /// # Errors
    /// `ERR_JOSE_ALG_NOT_ALLOWED`, as `verify` or `sign` would give.
    pub fn check_import_usage(&self, op: &str) -> Result<(), Error> {
        match &self.kind {
            KeyKind::Single(k) => k.meta.check_use_and_ops(&[op]),
            KeyKind::Set(_) => Ok(()),
        }
    }

    /// Binds the key to one algorithm (`importKey(input, alg)`): any other is refused.
    ///
    /// # Errors
    /// `ERR_JOSE_NOT_SUPPORTED` for an algorithm this build leaves out, `ERR_JOSE_ALG_NOT_ALLOWED`
    /// for an algorithm that does not fit the key.
    pub fn bind_alg(mut self, alg: Algorithm) -> Result<Key, Error> {
        alg.check_built()?;
        if let KeyKind::Single(k) = &self.kind {
            if let Some(jwk_alg) = &k.meta.alg {
                if jwk_alg != alg.name() {
                    return Err(Error::AlgNotAllowed(format!(
                        "the JWK is for alg \"{jwk_alg}\", not \"{}\"",
                        alg.name()
                    )));
                }
            }
            // Allow short secrets here: their length is checked at verify time, with the option.
            k.check_material(alg, true)?;
        }
        self.bound = Some(alg);
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
            KeyKind::Set(entries) => jwks::select(entries, alg, kid),
        }
    }

    /// [`Key::select`]'s key as a key of its own, not bound to an algorithm (what `importKey` of
    /// that one JWK gives).
    pub(crate) fn selected(&self, alg: Algorithm, kid: Option<&str>) -> Result<Key, Error> {
        let single = self.select(alg, kid)?;
        Ok(Key {
            kind: KeyKind::Single(Box::new(single.clone())),
            bound: None,
        })
    }

    /// The key for `alg` when there is no token header to select with (a set selects without kid).
    pub(crate) fn single_for(&self, alg: Algorithm) -> Result<&SingleKey, Error> {
        self.select(alg, None)
    }

    /// The one key of a key that is not a set, for `what` ("sign", "a thumbprint", ...).
    #[cfg(feature = "sign")]
    pub(crate) fn only(&self, what: &str) -> Result<&SingleKey, Error> {
        match &self.kind {
            KeyKind::Single(k) => Ok(k),
            KeyKind::Set(_) => Err(Error::Usage(format!("{what} needs one key, not a JWKS"))),
        }
    }
}

/// Whether a string key is a PEM (and so never an HMAC secret): anywhere in it, not only at the
/// start. Tools put explanatory text before the block (`openssl x509 -text`, PKCS#12 "Bag
/// Attributes", RFC 7468 §2 tells parsers to skip it); taken as a secret, such a string would
/// hand an attacker who knows the public key an HS256 key (algorithm confusion).
pub(crate) fn looks_like_pem(s: &str) -> bool {
    crate::text::contains(s, "-----BEGIN")
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
        let k = Key::from_secret(&[7u8; 32]).unwrap();
        assert_eq!(
            code(k.clone().bind_alg(Algorithm::ES256)),
            Some("ERR_JOSE_NOT_SUPPORTED")
        );
        assert!(k.bind_alg(Algorithm::HS256).is_ok());
        #[cfg(feature = "sign")]
        {
            assert_eq!(
                crate::key::generate_key_pair(Algorithm::ES256, 2048)
                    .err()
                    .map(|e| e.code()),
                Some("ERR_JOSE_NOT_SUPPORTED")
            );
            assert_eq!(
                crate::key::to_pem(r#"{"kty":"EC"}"#)
                    .err()
                    .map(|e| e.code()),
                Some("ERR_JOSE_NOT_SUPPORTED")
            );
        }
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
    fn bind_checks_family() {
        let k = Key::from_secret(&[7u8; 32]).unwrap();
        // as the boundary binds a name: the name is parsed first (the none rule), then bound
        let bind = |name: &str| Algorithm::parse(name).and_then(|a| k.clone().bind_alg(a));
        assert_eq!(
            bind("RS256").err().map(|e| e.code()),
            Some("ERR_JOSE_ALG_NOT_ALLOWED")
        );
        assert_eq!(
            bind("none").err().map(|e| e.code()),
            Some("ERR_JOSE_ALG_NOT_ALLOWED")
        );
        assert_eq!(
            bind("XS256").err().map(|e| e.code()),
            Some("ERR_JOSE_NOT_SUPPORTED")
        );
        let b = bind("HS512").unwrap();
        assert_eq!(b.bound_alg(), Some(Algorithm::HS512));
        assert_eq!(
            b.select(Algorithm::HS256, None).err().map(|e| e.code()),
            Some("ERR_JOSE_ALG_NOT_ALLOWED")
        );
    }
}
